//! Diagnostics: every problem with the user's input, located and worded for office staff.
//!
//! Each module reports problems as [`Diagnostic`]s instead of failing on the first one, so that
//! `huibao check` can list them all. A diagnostic carries its message in Chinese and English, a
//! stable code from the [catalog] (whose title, in the user's language, sums a list of problems
//! up), and where known the file, line and column, which [`Diagnostic::render`] shows with the
//! source line and a caret under the spot.

pub mod catalog;
pub mod text;
pub mod texts;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

pub use catalog::Code;
pub use text::{Arg, Text};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; the output is still written.
    Warning,
    /// The input is wrong; nothing is written.
    Error,
}

/// The language messages are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese.
    Hans,
    /// Traditional Chinese (for reports in Traditional script).
    Hant,
    /// English.
    En,
}

/// What a [`Location`] is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A file, as the user named it (`--set` for a setting on the command line).
    File(PathBuf),
    /// A spreadsheet cell or range, written `poverty.xlsx!深度贫困村!C7`: it has no line or column.
    Cell(String),
    /// The text the template rendered, not a file of the user's: printed as the catalog's words
    /// for it, and pointed back at the fact or template line the text came from where it can be.
    Rendered,
}

/// A place in a source, 1-based, columns counted in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// What the place is in.
    pub place: Place,
    /// Line, from 1 (0 in a cell).
    pub line: usize,
    /// Column in characters, from 1 (0 in a cell).
    pub col: usize,
    /// The source line for the snippet: the whole line, or of a very long line only a window
    /// around `col` (see `window_col`).
    pub source_line: Option<String>,
    /// The column of `source_line`'s first character: 1 for a whole line.
    pub window_col: usize,
    /// How many characters the caret underlines (at least 1).
    pub len: usize,
}

impl Location {
    /// The place as printed: `a.toml:3:9`, a cell's `poverty.xlsx!汇总!B3`, or the rendered
    /// text's name in `lang` with its line and column.
    pub fn shown(&self, lang: Lang) -> String {
        self.shown_as(texts::common::rendered_text().get(lang))
    }

    /// [`Location::shown`], the rendered text called `rendered`.
    pub fn shown_as(&self, rendered: &str) -> String {
        match &self.place {
            Place::File(file) => format!("{}:{}:{}", file.display(), self.line, self.col),
            Place::Cell(cell) => cell.clone(),
            Place::Rendered => format!("{rendered}:{}:{}", self.line, self.col),
        }
    }

    /// The file the place is in, if it is in a file.
    pub fn file(&self) -> Option<&Path> {
        match &self.place {
            Place::File(file) => Some(file),
            Place::Cell(_) | Place::Rendered => None,
        }
    }

    /// The location of byte offset `offset` in `source`, read from `file`; `len_bytes` bytes are
    /// underlined. Counts the lines before `offset`: for many locations in one text, build a
    /// [`LineIndex`] once and use [`Location::from_offset_indexed`].
    pub fn from_offset(file: &Path, source: &str, offset: usize, len_bytes: usize) -> Location {
        Location::from_offset_indexed(file, source, &LineIndex::new(source), offset, len_bytes)
    }

    /// [`Location::from_offset`] with the line starts of `source` computed beforehand: the cost
    /// does not grow with the offset, and of a very long line only a window around the offset
    /// is kept.
    pub fn from_offset_indexed(
        file: &Path,
        source: &str,
        index: &LineIndex,
        offset: usize,
        len_bytes: usize,
    ) -> Location {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line0 = index.0.partition_point(|&s| s <= offset).saturating_sub(1);
        let line_start = index.0.get(line0).copied().unwrap_or(0).min(offset);
        let line_end = index
            .0
            .get(line0 + 1)
            .map_or(source.len(), |&next| next.saturating_sub(1))
            .max(offset);
        let col = source[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(source, (offset + len_bytes).min(line_end));
        let len = source[offset..end].chars().count().max(1);
        // A window of a long line: WINDOW bytes either side, cut at character boundaries.
        const WINDOW: usize = 240;
        let (from, to) = if line_end - line_start > 4 * WINDOW {
            (
                floor_char_boundary(source, offset.saturating_sub(WINDOW).max(line_start)),
                floor_char_boundary(source, (offset + WINDOW).min(line_end)),
            )
        } else {
            (line_start, line_end)
        };
        let window_col = if from == line_start {
            1
        } else {
            col - source[from..offset].chars().count()
        };
        Location {
            place: Place::File(file.to_path_buf()),
            line: line0 + 1,
            col,
            source_line: Some(source[from..to].trim_end_matches('\r').to_string()),
            window_col,
            len,
        }
    }

    /// [`Location::from_line_col`] with the line starts of `source` computed beforehand.
    pub fn from_line_col_indexed(
        file: &Path,
        source: &str,
        index: &LineIndex,
        line: usize,
        col: usize,
    ) -> Location {
        Location {
            place: Place::File(file.to_path_buf()),
            line,
            col,
            source_line: index.line(source, line).map(str::to_string),
            window_col: 1,
            len: 1,
        }
    }

    /// A spreadsheet cell or range, written `poverty.xlsx!深度贫困村!C7` (no line or column).
    pub fn cell(place: &str) -> Location {
        Location {
            place: Place::Cell(place.to_string()),
            line: 0,
            col: 0,
            source_line: None,
            window_col: 1,
            len: 1,
        }
    }

    /// The location of 1-based `line` and `col` in `source`, read from `file`.
    pub fn from_line_col(file: &Path, source: &str, line: usize, col: usize) -> Location {
        Location {
            place: Place::File(file.to_path_buf()),
            line,
            col,
            source_line: source
                .lines()
                .nth(line.saturating_sub(1))
                .map(str::to_string)
                .or_else(|| (source.is_empty() && line == 1).then(String::new)),
            window_col: 1,
            len: 1,
        }
    }
}

/// The byte offset of every line's start in a text, for locating many offsets in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    /// The line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut v = vec![0];
        v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex(v)
    }
}

impl LineIndex {
    /// Line `line` (1-based) of `text`, without its line break.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let start = *self.0.get(line.checked_sub(1)?)?;
        let end = self.0.get(line).map_or(text.len(), |&next| next - 1);
        text.get(start..end.max(start))
            .map(|l| l.trim_end_matches('\r'))
    }
}

/// At most 80 characters of a long line around `col`, with the column inside the window.
fn snippet_window(line: &str, col: usize) -> (String, usize) {
    const WIDTH: usize = 80;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WIDTH {
        return (line.to_string(), col);
    }
    let start = col
        .saturating_sub(WIDTH / 2 + 1)
        .min(chars.len().saturating_sub(WIDTH));
    let end = (start + WIDTH).min(chars.len());
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.extend(&chars[start..end]);
    if end < chars.len() {
        s.push('…');
    }
    (s, col - start + usize::from(start > 0))
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem, in the catalog's three languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code, e.g. `E-FACT-MISSING`, the same in every language.
    pub code: Code,
    /// The message, from the catalog ([`texts`]).
    pub message: Text,
    /// Where the problem is, when known.
    pub location: Option<Location>,
    /// The fact path concerned, when there is one (e.g. `envoys.first_batch`).
    pub fact: Option<String>,
    /// How to fix it, when the message has advice of its own.
    pub help: Option<Text>,
}

impl Diagnostic {
    /// An error with the given code and message.
    pub fn error(code: Code, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message,
            location: None,
            fact: None,
            help: None,
        }
    }

    /// A warning with the given code and message.
    pub fn warning(code: Code, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// The same diagnostic at `location`.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// The same diagnostic naming the fact `path`.
    pub fn fact(mut self, path: impl Into<String>) -> Self {
        self.fact = Some(path.into());
        self
    }

    /// The same diagnostic with advice on how to fix it.
    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    /// The diagnostic as printed: `file:line:col: 错误[CODE]: message`, the source line with a
    /// caret, and the advice.
    pub fn render(&self, lang: Lang) -> String {
        let kind = match self.severity {
            Severity::Error => texts::common::error(),
            Severity::Warning => texts::common::warning(),
        };
        let kind = kind.get(lang);
        let mut out = String::new();
        if let Some(loc) = &self.location {
            let _ = write!(out, "{}: ", loc.shown(lang));
        }
        let _ = write!(out, "{kind}[{}]: {}", self.code, self.message.get(lang));
        if let Some(fact) = &self.fact {
            let _ = write!(out, " ({})", texts::common::fact_label(fact).get(lang));
        }
        if let Some(loc) = &self.location {
            if let Some(src) = &loc.source_line {
                let gutter = loc.line.to_string();
                let pad = " ".repeat(gutter.len());
                // A window of a long line starts after the line's start: say so.
                let (src, col) = if loc.window_col > 1 {
                    (format!("…{src}"), loc.col + 2 - loc.window_col)
                } else {
                    (src.clone(), loc.col)
                };
                let (shown, col) = snippet_window(&src.replace('\t', " "), col);
                let before: String = shown.chars().take(col.saturating_sub(1)).collect();
                let under: String = shown
                    .chars()
                    .skip(col.saturating_sub(1))
                    .take(loc.len.min(60))
                    .collect();
                let _ = write!(
                    out,
                    "\n{pad} |\n{gutter} | {shown}\n{pad} | {}{}",
                    " ".repeat(before.width()),
                    "^".repeat(under.width().max(1))
                );
            }
        }
        // The message's own advice, else the advice its code always comes with.
        let help = match &self.help {
            Some(help) => Some(std::borrow::Cow::Borrowed(help)),
            None => self.code.help().map(std::borrow::Cow::Owned),
        };
        if let Some(help) = help {
            let _ = write!(out, "\n  = {}", texts::common::help_line(&*help).get(lang));
        }
        out
    }
}

/// Problems collected over a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The same list without notes (codes starting `N-`, e.g. punctuation changes), which only
    /// `huibao check` shows.
    pub fn without_notes(&self) -> Diagnostics {
        Diagnostics(
            self.0
                .iter()
                .filter(|d| !d.code.is_note())
                .cloned()
                .collect(),
        )
    }

    /// All problems rendered, separated by blank lines; two or more are summed up on a last
    /// line by their codes' titles (`汇总：2 个错误（缺少数据项 ×2）`).
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self
            .0
            .iter()
            .map(|d| d.render(lang))
            .collect::<Vec<_>>()
            .join("\n\n");
        if self.0.len() >= 2 {
            out.push_str("\n\n");
            out.push_str(&self.summary(lang));
        }
        out
    }

    /// One line counting the problems by kind (errors, warnings, notes) and, within a kind, by
    /// the title of their code in `lang`, in the order they first appear.
    pub fn summary(&self, lang: Lang) -> String {
        // (errors, warnings, notes) → code → count, codes in order of appearance.
        let mut groups: [Vec<(Code, usize)>; 3] = Default::default();
        let mut totals = [0usize; 3];
        for d in &self.0 {
            let group = match (d.severity, d.code.is_note()) {
                (Severity::Error, _) => 0,
                (Severity::Warning, false) => 1,
                (Severity::Warning, true) => 2,
            };
            totals[group] += 1;
            match groups[group].iter_mut().find(|(c, _)| *c == d.code) {
                Some((_, n)) => *n += 1,
                None => groups[group].push((d.code, 1)),
            }
        }
        let parts: Vec<Text> = (0..3)
            .filter(|&g| totals[g] > 0)
            .map(|g| {
                let titles: Vec<Text> = groups[g]
                    .iter()
                    .map(|&(code, n)| texts::common::titled_count(code.title_text(), n))
                    .collect();
                let titles = Text::join(&titles, &texts::common::list_sep());
                let n = totals[g];
                match (g, n) {
                    (0, 1) => texts::common::one_error(titles),
                    (0, _) => texts::common::errors(n, titles),
                    (1, 1) => texts::common::one_warning(titles),
                    (1, _) => texts::common::warnings(n, titles),
                    (_, 1) => texts::common::one_note(titles),
                    _ => texts::common::notes(n, titles),
                }
            })
            .collect();
        texts::common::summary(Text::join(&parts, &texts::common::clause_sep()))
            .get(lang)
            .to_string()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn indexed_locations_match_and_long_lines_are_windowed() {
        let text = "a = 1\n\nbé = \"中文\"\r\nlast";
        let index = LineIndex::new(text);
        for off in 0..=text.len() {
            let slow = {
                let off = floor_char_boundary(text, off);
                let line = text[..off].matches('\n').count() + 1;
                let start = text[..off].rfind('\n').map_or(0, |i| i + 1);
                (line, text[start..off].chars().count() + 1)
            };
            let l = Location::from_offset_indexed(Path::new("a"), text, &index, off, 1);
            assert_eq!((l.line, l.col), slow, "offset {off}");
        }
        assert_eq!(index.line(text, 3), Some("bé = \"中文\""));
        assert_eq!(index.line(text, 5), None);
        let long = format!("x = [{}]", "1, ".repeat(10_000));
        let l = Location::from_offset(Path::new("a"), &long, 20_000, 1);
        assert_eq!(l.col, 20_001);
        assert!(l.source_line.as_ref().unwrap().len() <= 500);
        let shown = Diagnostic::error(Code::Toml, said("x", "x"))
            .at(l)
            .render(Lang::En);
        let snippet = shown.lines().nth(2).unwrap();
        assert!(snippet.starts_with("1 | …"), "{shown}");
        let caret = shown.lines().nth(3).unwrap();
        // The caret stands under the character at the column.
        let at = caret.find('^').unwrap() - "  | ".len();
        let chars: Vec<char> = snippet["1 | ".len()..].chars().collect();
        assert_eq!(chars[at], long[20_000..].chars().next().unwrap());
    }

    use super::*;

    /// A text for these tests, the Traditional converted.
    fn said(hans: &str, en: &str) -> Text {
        Text {
            hans: hans.to_string(),
            hant: hanconv::s2tw(hans),
            en: en.to_string(),
        }
    }

    #[test]
    fn caret_sits_under_the_column_with_cjk_width() {
        let src = "title = \"报告\"\n\"单位\" = 县科协\n";
        let off = src.find("县科协").unwrap();
        let loc = Location::from_offset(Path::new("a.toml"), src, off, "县科协".len());
        assert_eq!((loc.line, loc.col, loc.len), (2, 8, 3));
        let d = Diagnostic::error(Code::Toml, said("语法错误", "syntax error")).at(loc);
        let text = d.render(Lang::En);
        assert!(text.starts_with("a.toml:2:8: error[E-TOML]: syntax error"));
        let lines: Vec<&str> = text.lines().collect();
        // "\"单位\" = " is 9 columns wide ("单位" counts 4).
        assert_eq!(lines[3], format!("  | {}^^^^^^", " ".repeat(9)));
        assert!(d.render(Lang::Hans).contains("错误[E-TOML]: 语法错误"));
    }

    #[test]
    fn each_place_is_printed_its_own_way() {
        let file = Location::from_line_col(Path::new("a.toml"), "x = 1\n", 1, 5);
        let cell = Location::cell("poverty.xlsx!汇总!B3");
        let rendered = crate::markup::rendered_at(3, "（一）标题");
        for (loc, lang, first_line) in [
            (&file, Lang::En, "a.toml:1:5: error[E-TOML]: syntax error"),
            (
                &cell,
                Lang::Hans,
                "poverty.xlsx!汇总!B3: 错误[E-TOML]: 语法错误",
            ),
            (
                &rendered,
                Lang::Hans,
                "（渲染结果）:3:1: 错误[E-TOML]: 语法错误",
            ),
            (
                &rendered,
                Lang::En,
                "(rendered text):3:1: error[E-TOML]: syntax error",
            ),
        ] {
            let d = Diagnostic::error(Code::Toml, said("语法错误", "syntax error")).at(loc.clone());
            assert_eq!(d.render(lang).lines().next(), Some(first_line));
        }
        assert_eq!(file.file(), Some(Path::new("a.toml")));
        assert_eq!((cell.file(), rendered.file()), (None, None));
    }

    #[test]
    fn problems_are_summed_up_by_their_titles() {
        let list = Diagnostics(vec![
            Diagnostic::error(Code::FactMissing, said("缺", "missing")),
            Diagnostic::warning(Code::WarnFactUnused, said("未用", "unused")),
            Diagnostic::error(Code::FactMissing, said("缺", "missing")),
            Diagnostic::warning(Code::NotePunct, said("标点", "punctuation")),
        ]);
        assert_eq!(
            list.summary(Lang::En),
            "summary: 2 errors (missing fact ×2); 1 warning (unused fact ×1); 1 note (punctuation normalized ×1)"
        );
        assert_eq!(
            list.summary(Lang::Hans),
            "汇总：2 个错误（缺少数据项 ×2）；1 个警告（数据项未被使用 ×1）；1 条说明（标点已规范 ×1）"
        );
        assert!(list
            .summary(Lang::Hant)
            .starts_with("彙總：2 個錯誤（缺少數據項 ×2）"));
        let shown = list.render(Lang::En);
        assert!(shown.ends_with("\n\nsummary: 2 errors (missing fact ×2); 1 warning (unused fact ×1); 1 note (punctuation normalized ×1)"), "{shown}");
        // One problem needs no summary.
        let one = Diagnostics(vec![Diagnostic::error(
            Code::FactMissing,
            said("缺", "missing"),
        )]);
        assert!(!one.render(Lang::En).contains("summary"));
        // Only the notes are dropped outside `check`.
        assert_eq!(list.without_notes().0.len(), 3);
    }

    #[test]
    fn a_code_without_its_own_advice_gets_the_catalogs() {
        let d = Diagnostic::error(Code::NoData, said("没有给出数据文件", "no data file given"));
        let help = Code::NoData.help().unwrap();
        assert!(d
            .render(Lang::En)
            .ends_with(&format!("\n  = help: {}", help.en)));
        assert!(d
            .render(Lang::Hans)
            .ends_with(&format!("\n  = 提示: {}", help.hans)));
        assert!(d
            .render(Lang::Hant)
            .ends_with(&format!("\n  = 提示: {}", help.hant)));
        let own = d.help(said("自己的", "its own"));
        assert!(own.render(Lang::En).ends_with("\n  = help: its own"));
    }

    /// The Rust sources under src/ outside src/diag/.
    fn sources_outside_diag() -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    if p.file_name().is_some_and(|n| n != "diag") {
                        walk(&p, out);
                    }
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        files
    }

    /// No code outside the catalog words a text by language: every sentence is a catalog
    /// entry, printed with `Text::get`.
    #[test]
    fn no_text_is_worded_by_language_outside_the_catalog() {
        let mut found = Vec::new();
        for f in sources_outside_diag() {
            let text = std::fs::read_to_string(&f).unwrap();
            for (n, line) in text.lines().enumerate() {
                let arm = ["Lang::En", "Lang::Hans", "Lang::Hant"].iter().any(|l| {
                    line.match_indices(l)
                        .any(|(i, _)| line[i + l.len()..].trim_start().starts_with("=>"))
                });
                if arm || line.contains("match lang") || line.contains("lang == Lang::") {
                    found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "worded by language:\n{}",
            found.join("\n")
        );
    }

    /// Every `Code::Variant` and every code literal (`"E-…"`) in the sources outside src/diag/.
    fn codes_in_sources() -> (std::collections::BTreeSet<Code>, Vec<String>) {
        let files = sources_outside_diag();
        let (mut used, mut unknown) = (std::collections::BTreeSet::new(), Vec::new());
        let ident = |s: &str| -> String {
            s.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        };
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for (i, _) in text.match_indices("Code::") {
                let before = text[..i].chars().next_back();
                let name = ident(&text[i + 6..]);
                // Variants (FactMissing), not constants or methods (ALL, from_id).
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    || !name.starts_with(|c: char| c.is_ascii_uppercase())
                    || !name.chars().any(|c| c.is_ascii_lowercase())
                {
                    continue;
                }
                match Code::ALL.iter().find(|c| format!("{c:?}") == name) {
                    Some(c) => {
                        used.insert(*c);
                    }
                    None => unknown.push(format!("{}: Code::{name}", f.display())),
                }
            }
            for (i, _) in text.match_indices('"') {
                let rest = &text[i + 1..];
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '-')
                    .collect();
                let is_code = id.len() > 2
                    && matches!(&id[..2], "E-" | "W-" | "N-")
                    && rest[id.len()..].starts_with('"');
                if !is_code {
                    continue;
                }
                match Code::from_id(&id) {
                    Some(c) => {
                        used.insert(c);
                    }
                    None => unknown.push(format!("{}: {id}", f.display())),
                }
            }
        }
        (used, unknown)
    }

    #[test]
    fn every_code_used_is_in_the_catalog_and_every_catalog_code_is_used() {
        let (used, unknown) = codes_in_sources();
        assert!(
            unknown.is_empty(),
            "codes missing from the catalog: {unknown:?}"
        );
        let unused: Vec<&str> = Code::ALL
            .iter()
            .filter(|c| !used.contains(c))
            .map(|c| c.as_str())
            .collect();
        assert!(
            unused.is_empty(),
            "catalog codes no source uses: {unused:?}"
        );
    }
}
