//! Diagnostics: every problem with the user's input, located and worded for office staff.
//!
//! Each module reports problems as [`Diagnostic`]s instead of failing on the first one, so that
//! `huibao check` can list them all. A diagnostic carries its message in Chinese and English, a
//! stable code, and where known the file, line and column, which [`Diagnostic::render`] shows
//! with the source line and a caret under the spot.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; the output is still written.
    Warning,
    /// The input is wrong; nothing is written.
    Error,
}

/// The language messages are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese (the default).
    #[default]
    Hans,
    /// Traditional Chinese (for reports in Traditional script).
    Hant,
    /// English.
    En,
}

/// A place in a source file, 1-based, columns counted in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it.
    pub file: PathBuf,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
    /// The whole source line, for the snippet.
    pub source_line: Option<String>,
    /// How many characters the caret underlines (at least 1).
    pub len: usize,
}

impl Location {
    /// The location of byte offset `offset` in `source`, read from `file`; `len_bytes` bytes are
    /// underlined.
    pub fn from_offset(file: &Path, source: &str, offset: usize, len_bytes: usize) -> Location {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        let line = source[..line_start].matches('\n').count() + 1;
        let col = source[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(source, (offset + len_bytes).min(line_end));
        let len = source[offset..end].chars().count().max(1);
        Location {
            file: file.to_path_buf(),
            line,
            col,
            source_line: Some(
                source[line_start..line_end]
                    .trim_end_matches('\r')
                    .to_string(),
            ),
            len,
        }
    }

    /// A spreadsheet cell or range, written `poverty.xlsx!深度贫困村!C7` (no line or column).
    pub fn cell(place: &str) -> Location {
        Location {
            file: PathBuf::from(place),
            line: 0,
            col: 0,
            source_line: None,
            len: 1,
        }
    }

    /// The location of 1-based `line` and `col` in `source`, read from `file`.
    pub fn from_line_col(file: &Path, source: &str, line: usize, col: usize) -> Location {
        Location {
            file: file.to_path_buf(),
            line,
            col,
            source_line: source
                .lines()
                .nth(line.saturating_sub(1))
                .map(str::to_string)
                .or_else(|| (source.is_empty() && line == 1).then(String::new)),
            len: 1,
        }
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

/// One problem, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code, e.g. `E-FACT-MISSING`, the same in every language.
    pub code: &'static str,
    /// The message in Simplified Chinese.
    pub zh: String,
    /// The message in English.
    pub en: String,
    /// Where the problem is, when known.
    pub location: Option<Location>,
    /// The fact path concerned, when there is one (e.g. `envoys.first_batch`).
    pub fact: Option<String>,
    /// How to fix it, Simplified Chinese and English.
    pub help: Option<(String, String)>,
}

impl Diagnostic {
    /// An error with the given code and messages.
    pub fn error(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            zh: zh.into(),
            en: en.into(),
            location: None,
            fact: None,
            help: None,
        }
    }

    /// A warning with the given code and messages.
    pub fn warning(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, zh, en)
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
    pub fn help(mut self, zh: impl Into<String>, en: impl Into<String>) -> Self {
        self.help = Some((zh.into(), en.into()));
        self
    }

    /// The diagnostic as printed: `file:line:col: 错误[CODE]: message`, the source line with a
    /// caret, and the advice.
    pub fn render(&self, lang: Lang) -> String {
        let pick = |zh: &str, en: &str| -> String {
            match lang {
                Lang::En => en.to_string(),
                Lang::Hans => zh.to_string(),
                // Taiwan forms (為、眾), which Hong Kong shares for most characters; OpenCC's
                // own forms (爲、衆) read as old-fashioned.
                Lang::Hant => hanconv::s2tw(zh),
            }
        };
        let kind = match (self.severity, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Hans) => "错误",
            (Severity::Warning, Lang::Hans) => "警告",
            (Severity::Error, Lang::Hant) => "錯誤",
            (Severity::Warning, Lang::Hant) => "警告",
        };
        let mut out = String::new();
        match &self.location {
            // A spreadsheet cell: its place says it all.
            Some(loc) if loc.line == 0 => {
                let _ = write!(out, "{}: ", loc.file.display());
            }
            Some(loc) => {
                let _ = write!(out, "{}:{}:{}: ", loc.file.display(), loc.line, loc.col);
            }
            None => {}
        }
        let _ = write!(out, "{kind}[{}]: {}", self.code, pick(&self.zh, &self.en));
        if let Some(fact) = &self.fact {
            let label = if lang == Lang::En {
                "fact"
            } else {
                "数据项"
            };
            let _ = write!(out, " ({}: {fact})", pick(label, label));
        }
        if let Some(loc) = &self.location {
            if let Some(src) = &loc.source_line {
                let gutter = loc.line.to_string();
                let pad = " ".repeat(gutter.len());
                let (shown, col) = snippet_window(&src.replace('\t', " "), loc.col);
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
        if let Some((zh, en)) = &self.help {
            let label = match lang {
                Lang::En => "help",
                _ => "提示",
            };
            let _ = write!(out, "\n  = {label}: {}", pick(zh, en));
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
                .filter(|d| !d.code.starts_with("N-"))
                .cloned()
                .collect(),
        )
    }

    /// All problems rendered, separated by blank lines.
    pub fn render(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|d| d.render(lang))
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_column_with_cjk_width() {
        let src = "title = \"报告\"\n\"单位\" = 县科协\n";
        let off = src.find("县科协").unwrap();
        let loc = Location::from_offset(Path::new("a.toml"), src, off, "县科协".len());
        assert_eq!((loc.line, loc.col, loc.len), (2, 8, 3));
        let d = Diagnostic::error("E-TOML", "语法错误", "syntax error").at(loc);
        let text = d.render(Lang::En);
        assert!(text.starts_with("a.toml:2:8: error[E-TOML]: syntax error"));
        let lines: Vec<&str> = text.lines().collect();
        // "\"单位\" = " is 9 columns wide ("单位" counts 4).
        assert_eq!(lines[3], format!("  | {}^^^^^^", " ".repeat(9)));
        assert!(d.render(Lang::Hans).contains("错误[E-TOML]: 语法错误"));
    }
}
