//! The pipeline: data files → facts → template → markup → document model → output files.
//!
//! [`build`] does everything up to the model and collects every problem on the way; an
//! [`Engine`] then writes the requested formats, keeping what is costly to load (fonts) for
//! the next report of a batch.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use include_dir::{include_dir, Dir};
use serde_json::Value as Json;

use crate::data::{Data, Source};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::fonts::{FontOptions, FontSet};
use crate::layout::table::TableGeometry;
use crate::meta::Meta;
use crate::model::Document;
use crate::style::Style;
use crate::template::{Located, TemplateSet};

/// The example data built into the binary, so the README's command works from any folder.
pub static BUILTIN_DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Plain text for review.
    Txt,
    /// Word document.
    Docx,
    /// PDF with embedded fonts.
    Pdf,
    /// OFD (GB/T 33190) with embedded fonts, from the same layout as the PDF.
    Ofd,
}

/// The format names [`Format::parse_list`] accepts, for messages.
pub const FORMAT_NAMES: &str = "txt, docx, pdf, ofd";

impl Format {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Ofd => "ofd",
        }
    }

    /// Parses a comma-separated list such as `docx,pdf`.
    pub fn parse_list(s: &str) -> Result<Vec<Format>, String> {
        let mut v = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let f = match part.to_ascii_lowercase().as_str() {
                "txt" | "text" => Format::Txt,
                "docx" | "word" => Format::Docx,
                "pdf" => Format::Pdf,
                "ofd" => Format::Ofd,
                other => {
                    return Err(format!(
                        "unknown format `{other}` (use {FORMAT_NAMES}) / 未知格式“{other}”（可用 {FORMAT_NAMES}）"
                    ))
                }
            };
            if !v.contains(&f) {
                v.push(f);
            }
        }
        if v.is_empty() {
            return Err(format!(
                "no format given (use {FORMAT_NAMES}) / 未指定格式（可用 {FORMAT_NAMES}）"
            ));
        }
        Ok(v)
    }
}

/// What to render: the inputs of one report.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Data files, merged in order.
    pub data_files: Vec<PathBuf>,
    /// `dotted.key=value` overrides.
    pub sets: Vec<String>,
    /// Template name or folder (overrides `report.template`).
    pub template: Option<String>,
    /// Output script (overrides `report.script`).
    pub script: Option<crate::zh::Script>,
    /// Turn punctuation normalization off.
    pub no_normalize: bool,
}

/// A report built up to the document model.
#[derive(Debug)]
pub struct Built {
    /// The document.
    pub doc: Document,
    /// The style it is drawn in.
    pub style: Style,
    /// Output script.
    pub script: crate::zh::Script,
    /// Output file stem (sanitized).
    pub stem: String,
    /// The merged data.
    pub data: Data,
    /// The template used.
    pub template: Arc<TemplateSet>,
    /// The rendered markup (after script conversion).
    pub markup: String,
    /// The same with its provenance markers, and the fact of each expression output.
    pub rendered: crate::provenance::Rendered,
    /// Warnings (and notes such as punctuation changes).
    pub warnings: Diagnostics,
}

impl Built {
    /// Every file the report was read from (data, template, font files): no output may
    /// overwrite one of them.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self.data.sources.iter().map(|s| s.name.clone()).collect();
        v.extend(self.template.files.iter().map(|f| f.path.clone()));
        v.push(self.template.origin.join("template.toml"));
        let mut fonts = self.style.fonts.clone();
        v.extend(
            fonts
                .roles_mut()
                .into_iter()
                .filter_map(|(_, f)| f.file.as_ref().map(PathBuf::from)),
        );
        v
    }
}

/// The data-file name that reads the built-in example report (`huibao render example`).
pub const EXAMPLE_NAME: &str = "example";

/// The built-in example's file in [`BUILTIN_DATA`].
pub const EXAMPLE_FILE: &str = "lushi-2012.toml";

/// Reads the data files. A missing file is an error whatever its name (E-READ); only the
/// name [`EXAMPLE_NAME`], when no such file exists, reads the built-in example.
pub fn read_sources(files: &[PathBuf]) -> Result<Vec<Source>, Diagnostics> {
    let mut out = Vec::new();
    let mut diags = Diagnostics::default();
    for f in files {
        if f.as_os_str() == EXAMPLE_NAME && !f.exists() {
            if let Some(b) = BUILTIN_DATA.get_file(EXAMPLE_FILE) {
                out.push(Source {
                    name: f.clone(),
                    text: String::from_utf8_lossy(b.contents()).into_owned(),
                });
                continue;
            }
        }
        match crate::data::read_text(f) {
            Ok(text) => out.push(Source {
                name: f.clone(),
                text,
            }),
            Err(d) if !f.exists() && f.file_name() == Some(EXAMPLE_FILE.as_ref()) => diags.push(
                d.help(
                    "内置示例请用 huibao render example，或用 huibao init 文件夹 复制一份",
                    "for the built-in example run `huibao render example`, or copy it with `huibao init DIR`",
                ),
            ),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

/// Data → template → model, collecting every problem. Errors abort; warnings come back in
/// [`Built::warnings`]. The template is read from disk afresh (see [`Engine::build`] for a
/// batch, which compiles each template once).
pub fn build(req: &Request) -> Result<Built, Diagnostics> {
    build_with(req, None)
}

/// What [`Engine::write`] wrote.
#[derive(Debug)]
pub struct Written {
    /// The files, in the order of the formats.
    pub paths: Vec<PathBuf>,
    /// The number of pages the layout made, when a PDF or OFD was written.
    pub pages: Option<usize>,
    /// Warnings found while writing.
    pub warnings: Diagnostics,
}

/// Compiled templates shared by the reports of a batch.
#[derive(Debug, Default)]
pub struct TemplateCache(Mutex<Vec<(Located, bool, Arc<TemplateSet>)>>);

impl TemplateCache {
    fn get(&self, located: &Located, normalize: bool) -> Result<Arc<TemplateSet>, Diagnostics> {
        let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, t)) = cache
            .iter()
            .find(|(l, n, _)| l == located && *n == normalize)
        {
            return Ok(t.clone());
        }
        let t = Arc::new(TemplateSet::load(located, normalize)?);
        cache.push((located.clone(), normalize, t.clone()));
        Ok(t)
    }
}

fn build_with(req: &Request, templates: Option<&TemplateCache>) -> Result<Built, Diagnostics> {
    if req.data_files.is_empty() {
        return Err(
            Diagnostic::error("E-NO-DATA", "没有给出数据文件", "no data file given")
                .help(
                    "例如：huibao render data/lushi-2012.toml",
                    "e.g. huibao render data/lushi-2012.toml",
                )
                .into(),
        );
    }
    let sources = read_sources(&req.data_files)?;
    let data = Data::from_sources(sources, &req.sets)?;
    // Declared relations between figures ([checks]).
    let mut diags = crate::checks::run(&data);
    let (settings, mut style) = match (data.report_settings(), data.style()) {
        (Ok(settings), Ok(style)) => (settings, style),
        (a, b) => {
            let mut all = a.err().unwrap_or_default();
            all.0.extend(b.err().unwrap_or_default().0);
            return Err(all);
        }
    };

    let Some(template_name) = req.template.clone().or(settings.template.clone()) else {
        return Err(
            Diagnostic::error("E-NO-TEMPLATE", "没有指定模板", "no template given")
                .help(
                    "在数据文件的 [report] 中写 template = \"kepu-huibao\"（render、check 也可用 -t 指定模板文件夹）",
                    "set template = \"kepu-huibao\" in [report] (render and check also take -t FOLDER)",
                )
                .into(),
        );
    };
    let data_dir = req.data_files.last().and_then(|f| f.parent());
    let located = crate::template::locate(&template_name, data_dir)?;
    let template = match templates {
        Some(cache) => cache.get(&located, !req.no_normalize)?,
        None => Arc::new(TemplateSet::load(&located, !req.no_normalize)?),
    };
    let template_script = parse_script(
        template.manifest.script.as_deref(),
        &template.origin.join("template.toml").display().to_string(),
        None,
    )?;
    let script = match (req.script, &settings.script) {
        (Some(s), _) => s,
        (None, Some(s)) => parse_script(Some(s), "report.script", data.location("report.script"))?,
        (None, None) => template_script,
    };
    style.line_breaking.lang = script.into();
    for (key, value, valid) in [
        ("report.ofd", &settings.ofd, &["ofd", "ofd-a"][..]),
        ("report.pdf_standard", &settings.pdf_standard, &["a-2b"][..]),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !valid.contains(v)) {
            let list = valid.join(", ");
            let d = Diagnostic::error(
                "E-SETTING",
                format!("{key}：未知的取值“{v}”，可用 {list}"),
                format!("{key}: unknown value `{v}`: use {list}"),
            );
            return Err(match data.location(key) {
                Some(loc) => d.at(loc).into(),
                None => d.into(),
            });
        }
    }
    if script.is_traditional() {
        style
            .fonts
            .prefer_gbk_faces(|role| data.get(&format!("fonts.{role}.family")).is_some());
    }

    let mut json = data.to_json();
    clean_facts(
        &mut json,
        &mut String::new(),
        &data,
        (template_script, !req.no_normalize),
        &mut diags,
    );
    template.apply_defaults(&mut json);
    // Helpers write their words in the script of the template text; the whole text is
    // converted afterwards.
    if let Json::Object(root) = &mut json {
        let report = root
            .entry("report")
            .or_insert_with(|| Json::Object(Default::default()));
        if let Json::Object(r) = report {
            r.insert("script".into(), Json::String(template_script.name().into()));
        }
    }

    diags.0.extend(template.notes.0.iter().cloned());
    let (check, used) = template.check(&json);
    diags.0.extend(with_cells(check, &data).0);
    let declared: BTreeSet<String> = template
        .manifest
        .optional
        .iter()
        .cloned()
        .chain(template.manifest.defaults.keys().cloned())
        .collect();
    unused_facts(&data, &used, &declared, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let mut rendered = template.render(json).map_err(|ds| with_cells(ds, &data))?;
    rendered.text = crate::provenance::convert_script(&rendered.text, template_script, script);
    let markup: String = rendered
        .text
        .chars()
        .filter(|&c| !crate::provenance::is_marker(c))
        .collect();
    let (doc, markup_diags) = crate::markup::parse_located(&rendered.text, &|line| {
        locate_line(line, &rendered.facts, &data, &template)
    });
    diags.0.extend(markup_diags.0);
    if doc.blocks.is_empty() {
        let entry = template.file(&template.manifest.entry);
        let mut d = Diagnostic::error(
            "E-EMPTY",
            "模板没有输出任何内容",
            "the template produced no text",
        )
        .help(
            "检查入口模板文件是否为空，或 {{#if}} 条件是否都不成立",
            "check that the entry template is not empty and its {{#if}} conditions hold",
        );
        if let Some(f) = entry {
            d = d.at(Location::from_line_col(&f.path, &f.text, 1, 1));
        }
        diags.push(d);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let stem = crate::output::sanitize_stem(&settings.output.clone().unwrap_or_else(|| {
        req.data_files[0]
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "report".into())
    }));
    Ok(Built {
        doc,
        style,
        script,
        stem,
        data,
        template,
        markup,
        rendered,
        warnings: diags,
    })
}

/// Names the spreadsheet cell of each diagnostic's fact, when it came from one (or would
/// have, had the cell not been empty).
fn with_cells(mut diags: Diagnostics, data: &Data) -> Diagnostics {
    for d in &mut diags.0 {
        let Some(fact) = d.fact.as_ref() else {
            continue;
        };
        let Some(cell) = data.sheets.place(fact) else {
            continue;
        };
        if data.get(fact).is_some() {
            d.zh = format!("{}（单元格 {cell}）", d.zh);
            d.en = format!("{} (cell {cell})", d.en);
        } else {
            d.zh = format!("{}（单元格 {cell} 为空）", d.zh);
            d.en = format!("{} (the cell {cell} is empty)", d.en);
        }
    }
    diags
}

/// The script named `s` (Hans when absent); `what` names the setting, `location` points at it.
fn parse_script(
    s: Option<&str>,
    what: &str,
    location: Option<Location>,
) -> Result<crate::zh::Script, Diagnostics> {
    let Some(name) = s else {
        return Ok(crate::zh::Script::Hans);
    };
    crate::zh::Script::from_name(name).ok_or_else(|| {
        let d = Diagnostic::error(
            "E-SCRIPT",
            format!(
                "{what}：未知的字体“{name}”，应为 hans（简体）、hant（繁体，OpenCC 字形）、hant-tw（台湾字形）或 hant-hk（香港字形）"
            ),
            format!(
                "{what}: unknown script `{name}`: use hans, hant (OpenCC forms), hant-tw (Taiwan) or hant-hk (Hong Kong)"
            ),
        );
        match location {
            Some(loc) => d.at(loc).into(),
            None => d.into(),
        }
    })
}

/// Checks and cleans every string fact (settings tables excepted): control characters other
/// than line breaks and tabs, and invisible direction marks, are errors naming the fact; tabs
/// become spaces; facts written in Simplified are converted to the template's Traditional
/// `script` (and any fact to Simplified for a Simplified template), so the rendered text is in
/// one script; with `normalize`, punctuation is normalized and each change noted so that
/// `huibao check` can list it.
fn clean_facts(
    json: &mut Json,
    path: &mut String,
    data: &Data,
    (script, normalize): (crate::zh::Script, bool),
    diags: &mut Diagnostics,
) {
    // A message about this fact, placed at the fact.
    let mut report = |d: Diagnostic| {
        let d = d.fact(path.as_str());
        diags.push(match data.location(path) {
            Some(loc) => d.at(loc),
            None => d,
        });
    };
    match json {
        Json::String(s) => {
            if let Some(bad) = s.chars().find(|&c| is_forbidden_char(c)) {
                let (zh, en) = if crate::provenance::is_marker(bad) {
                    (
                        "huibao 保留的私用区字符",
                        "a private-use character huibao reserves",
                    )
                } else {
                    ("不可见的控制字符", "an invisible control character")
                };
                report(Diagnostic::error(
                    "E-CONTROL-CHAR",
                    format!("数据项中含有{zh} U+{:04X}", bad as u32),
                    format!("the fact contains {en} U+{:04X}", bad as u32),
                )
                .help(
                    "这类字符多来自复制粘贴，请删去后重新输入该段文字",
                    "such characters usually come from copy and paste: delete and retype the text",
                ));
                return;
            }
            if s.contains('\t') {
                *s = s.replace('\t', " ");
            }
            let converted = crate::zh::script::convert_fact(s, script);
            if converted != *s {
                // A long fact is shown by its start.
                let short = |t: &str| match t.char_indices().nth(40) {
                    Some((at, _)) => format!("{}…", &t[..at]),
                    None => t.to_string(),
                };
                report(Diagnostic::warning(
                    "N-SCRIPT",
                    // The line shown under the message holds the fact as written (a Traditional
                    // message would convert it, too).
                    format!(
                        "已按模板的字体（{}）转为：{}",
                        script.name(),
                        short(&converted)
                    ),
                    format!(
                        "converted to the template's script ({}): {} → {}",
                        script.name(),
                        short(s),
                        short(&converted)
                    ),
                ));
                *s = converted;
            }
            if !normalize {
                return;
            }
            let (fixed, changes) = crate::zh::punct::normalize(s);
            if !changes.is_empty() {
                let list: Vec<String> = changes
                    .iter()
                    .map(|c| format!("{} → {}", c.before, c.after))
                    .collect();
                report(Diagnostic::warning(
                    "N-PUNCT",
                    format!("标点已规范：{}", list.join("，")),
                    format!("punctuation normalized: {}", list.join(", ")),
                ));
                *s = fixed;
            }
        }
        // The path grows and shrinks in one buffer: a sheet source has tens of thousands of
        // facts.
        Json::Array(items) => {
            let len = path.len();
            for (i, v) in items.iter_mut().enumerate() {
                use std::fmt::Write as _;
                let _ = write!(path, "[{i}]");
                clean_facts(v, path, data, (script, normalize), diags);
                path.truncate(len);
            }
        }
        Json::Object(map) => {
            let len = path.len();
            for (k, v) in map.iter_mut() {
                if len == 0 && crate::data::SETTING_TABLES.contains(&k.as_str()) {
                    continue;
                }
                if len > 0 {
                    path.push('.');
                }
                path.push_str(k);
                clean_facts(v, path, data, (script, normalize), diags);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Control characters (except line breaks and tabs) and bidirectional formatting marks.
fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && c != '\r')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        // Plane 16 private use: the provenance markers of the rendered text.
        || crate::provenance::is_marker(c)
}

/// Facts the template does not use are warnings; a `--set` the template neither uses nor
/// declares is an error (a misspelt `--set` would otherwise leave the old value in the report).
fn unused_facts(
    data: &Data,
    used: &BTreeSet<String>,
    declared: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    let covers = |u: &str, leaf: &str| {
        leaf == u
            || leaf.starts_with(&format!("{u}."))
            || leaf.starts_with(&format!("{u}["))
            || u.starts_with(&format!("{leaf}[")) // an element of a list leaf was used
            || u.starts_with(&format!("{leaf}."))
    };
    // Each listed with its place, up to a limit; the rest counted in one more message.
    const LISTED: usize = 20;
    let mut unused = 0usize;
    let from_set = |leaf: &str| {
        data.origins
            .get(leaf)
            .and_then(|o| data.sources.get(o.source))
            .is_some_and(|s| s.name == Path::new("--set"))
    };
    // A spreadsheet has columns a report does not use: not worth a warning per cell.
    for (leaf, _) in data.leaf_facts_of(|name| !data.sheets.is_source(name)) {
        if !used.iter().any(|u| covers(u, &leaf)) {
            if from_set(&leaf) && !declared.iter().any(|d| covers(d, &leaf)) {
                let mut d = Diagnostic::error(
                    "E-SET-UNKNOWN",
                    format!("--set 设置的“{leaf}”没有被模板用到，也不是模板声明的数据项（拼写有误？）"),
                    format!("--set `{leaf}`: the template neither uses nor declares this fact (misspelt?)"),
                )
                .fact(leaf.clone())
                .help(
                    "用 huibao check 查看数据项的名称，或在模板的 template.toml 中声明它",
                    "see the facts' names with huibao check, or declare it in the template's template.toml",
                );
                if let Some(loc) = data.location(&leaf) {
                    d = d.at(loc);
                }
                diags.push(d);
                continue;
            }
            unused += 1;
            if unused > LISTED {
                continue;
            }
            let mut d = Diagnostic::warning(
                "W-FACT-UNUSED",
                format!("数据项“{leaf}”没有被模板用到"),
                format!("fact `{leaf}` is not used by the template"),
            )
            .fact(leaf.clone());
            if let Some(loc) = data.location(&leaf) {
                d = d.at(loc);
            }
            diags.push(d);
        }
    }
    if unused > LISTED {
        let more = unused - LISTED;
        diags.push(Diagnostic::warning(
            "W-FACT-UNUSED",
            format!("另有 {more} 个数据项没有被模板用到（只列出前 {LISTED} 个）"),
            format!(
                "{more} more facts are not used by the template (the first {LISTED} are listed)"
            ),
        ));
    }
}

/// Where a line of the rendered text came from, read from its provenance markers: the fact
/// that gave the line most of its text, else the template text it starts with.
fn locate_line(
    line: &str,
    facts: &[Option<String>],
    data: &Data,
    template: &TemplateSet,
) -> Option<(Location, Option<String>)> {
    let traced = crate::provenance::origins(line);
    let fact_path = |t: &crate::provenance::Traced| {
        t.fact
            .and_then(|(i, _)| facts.get(i))
            .and_then(Option::as_deref)
    };
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for t in traced.iter().filter(|t| !t.ch.is_whitespace()) {
        if let Some(p) = fact_path(t) {
            match counts.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => *n += 1,
                None => counts.push((p, 1)),
            }
        }
    }
    let best = counts.iter().rev().max_by_key(|(_, n)| *n).map(|(p, _)| *p);
    if let Some(path) = best {
        if let Some(loc) = data.location(path) {
            return Some((loc, Some(path.to_string())));
        }
    }
    // The template text the line starts with; underlined to the end of its source line.
    let first = traced
        .iter()
        .find(|t| !t.ch.is_whitespace() && fact_path(t).is_none())?;
    let mut loc = template_location(template, first.template?)?;
    loc.len = loc
        .source_line
        .as_deref()
        .map_or(1, |s| s.chars().count().saturating_sub(loc.col - 1).max(1));
    Some((loc, None))
}

/// The template file, line and column of template point `index`, `offset` characters on.
fn template_location(template: &TemplateSet, (index, offset): (usize, usize)) -> Option<Location> {
    let p = template.points.get(index)?;
    let f = template.files.get(p.file)?;
    Some(Location::from_line_col(
        &f.path,
        &f.text,
        p.line,
        p.col + offset,
    ))
}

/// Finds where a character in the document came from, by the provenance markers of the
/// rendered text: the fact whose value holds its first occurrence, else the template line
/// and column.
pub fn locate_char(built: &Built, ch: char) -> Option<(Option<String>, Location)> {
    let t = crate::provenance::origins(&built.rendered.text)
        .into_iter()
        .find(|t| t.ch == ch)?;
    let fact = t
        .fact
        .and_then(|(i, _)| built.rendered.facts.get(i))
        .and_then(Option::as_deref);
    if let Some(path) = fact {
        if let Some(mut loc) = built.data.location(path) {
            // At the character itself when the value is written as printed (a one-line
            // string without escapes up to it); else at the value.
            let offset = t.fact.map_or(0, |(_, o)| o);
            let col = loc.col + 1 + offset;
            let here = loc
                .source_line
                .as_deref()
                .and_then(|l| l.chars().nth(col - 1));
            if here == Some(ch) && offset + 2 <= loc.len {
                loc.col = col;
                loc.len = 1;
            }
            return Some((Some(path.to_string()), loc));
        }
    }
    template_location(&built.template, t.template?).map(|loc| (None, loc))
}

/// Writes built reports. Holds what is costly to load — the fonts — so that a batch loads
/// them once; shareable across threads.
#[derive(Debug, Default)]
pub struct Engine {
    /// How fonts are looked up (built-in only, or installed first).
    pub font_options: FontOptions,
    /// Characters no font has become warnings (drawn with a fallback) instead of errors.
    pub allow_missing_glyphs: bool,
    /// Write PDF/A-2b (`--pdf-standard a-2b`; also `[report] pdf_standard = "a-2b"`).
    pub pdf_a2b: bool,
    /// Write OFD-A (`--ofd-a`; also `[report] ofd = "ofd-a"`).
    pub ofd_a: bool,
    fonts: Mutex<Vec<FontEntry>>,
    templates: TemplateCache,
}

#[derive(Debug)]
struct FontEntry {
    fonts: crate::style::Fonts,
    script: crate::zh::Script,
    set: Arc<FontSet>,
}

impl Engine {
    /// An engine with the given font options.
    pub fn new(font_options: FontOptions, allow_missing_glyphs: bool) -> Engine {
        Engine {
            font_options,
            allow_missing_glyphs,
            pdf_a2b: false,
            ofd_a: false,
            fonts: Mutex::new(Vec::new()),
            templates: TemplateCache::default(),
        }
    }

    /// [`build`] with each template compiled once per engine (for batches; watch mode uses
    /// [`build`], which rereads edited templates).
    pub fn build(&self, req: &Request) -> Result<Built, Diagnostics> {
        build_with(req, Some(&self.templates))
    }

    /// The fonts for a report's style and script, loaded once per engine.
    pub fn fonts(
        &self,
        style: &Style,
        script: crate::zh::Script,
    ) -> Result<Arc<FontSet>, Diagnostics> {
        let mut cache = self.fonts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = cache
            .iter()
            .find(|e| e.script == script && e.fonts == style.fonts)
        {
            return Ok(e.set.clone());
        }
        let set = Arc::new(FontSet::load(style, script, &self.font_options)?);
        cache.push(FontEntry {
            fonts: style.fonts.clone(),
            script,
            set: set.clone(),
        });
        Ok(set)
    }

    /// Layout rules of the GB/T 9704 frame that the layout could not meet as the standard
    /// prefers ([`crate::layout::frame::problems`]), as warnings at the line that wrote the
    /// element (the fact or template line behind it where it can be found).
    pub fn check_layout(&self, built: &Built) -> Result<Diagnostics, Diagnostics> {
        let fonts = self.fonts_for(built)?;
        let mut diags = Diagnostics::default();
        for p in crate::layout::frame::problems(&built.doc, &built.style, fonts.as_ref()) {
            let mut d = Diagnostic::warning(p.code, p.zh, p.en);
            let line = built.rendered.text.lines().enumerate().find(|(_, l)| {
                let l = crate::provenance::strip(l);
                p.keywords.iter().any(|k| {
                    l.trim_start()
                        .strip_prefix(k)
                        .is_some_and(|r| r.starts_with(['：', ':']))
                })
            });
            if let Some((i, line)) = line {
                match locate_line(line, &built.rendered.facts, &built.data, &built.template) {
                    Some((loc, fact)) => {
                        d = d.at(loc);
                        if let Some(f) = fact {
                            d = d.fact(f);
                        }
                    }
                    None => {
                        let text = crate::provenance::strip(line);
                        d = d.at(Location {
                            file: crate::markup::RENDERED.into(),
                            line: i + 1,
                            col: 1,
                            len: text.chars().count().max(1),
                            source_line: Some(text),
                            window_col: 1,
                        });
                    }
                }
            }
            diags.push(d);
        }
        Ok(diags)
    }

    fn fonts_for(&self, built: &Built) -> Result<Arc<FontSet>, Diagnostics> {
        self.fonts(&built.style, built.script)
    }

    /// The geometry of every table of `built` (document order), measured with its fonts;
    /// an error for each table wider than the type area at its minimum widths, naming the
    /// table and its columns' minimums, at the template or fact line it came from.
    pub fn tables(&self, built: &Built) -> Result<Vec<TableGeometry>, Diagnostics> {
        let fonts = self.fonts_for(built)?;
        let geometries = crate::layout::table_geometries(&built.doc, &built.style, &*fonts);
        let tables = built.doc.blocks.iter().filter_map(|b| match b {
            crate::model::Block::Table(t) => Some(t),
            _ => None,
        });
        let mut diags = Diagnostics::default();
        for (k, (t, g)) in tables.zip(&geometries).enumerate() {
            let Some(mins) = &g.too_wide else { continue };
            let name = t
                .caption
                .as_ref()
                .map_or_else(|| format!("第 {} 个表格", k + 1), |c| format!("“{c}”"));
            let name_en = t
                .caption
                .as_ref()
                .map_or_else(|| format!("table {}", k + 1), |c| format!("“{c}”"));
            let list: Vec<String> = mins
                .iter()
                .enumerate()
                .map(|(c, mm)| format!("第{}列 {mm}", c + 1))
                .collect();
            let list_en: Vec<String> = mins
                .iter()
                .enumerate()
                .map(|(c, mm)| format!("column {} {mm}", c + 1))
                .collect();
            let total: f32 = mins.iter().sum();
            let width =
                built.style.page.width_mm - built.style.page.left_mm - built.style.page.right_mm;
            let mut d = Diagnostic::error(
                "E-TABLE-WIDE",
                format!(
                    "表格{name}太宽：各列最小宽度（毫米，数字不拆行）为 {}，合计 {total:.1} 毫米，版心只有 {width:.1} 毫米",
                    list.join("，")
                ),
                format!(
                    "table {name_en} is too wide: its columns' minimum widths (mm, figures kept whole) are {}, {total:.1} mm in all, and the type area is {width:.1} mm",
                    list_en.join(", ")
                ),
            )
            .help(
                "减少列数、缩短表头用词，或用 [style.table] size_pt 调小表格字号",
                "use fewer columns, shorter header words, or a smaller table size ([style.table] size_pt)",
            );
            if let Some(line) = built.rendered.text.lines().nth(t.line.saturating_sub(1)) {
                match locate_line(line, &built.rendered.facts, &built.data, &built.template) {
                    Some((loc, _)) => d = d.at(loc),
                    None => {
                        let text = crate::provenance::strip(line);
                        d = d.at(Location {
                            file: crate::markup::RENDERED.into(),
                            line: t.line,
                            col: 1,
                            len: text.chars().count().max(1),
                            source_line: Some(text),
                            window_col: 1,
                        });
                    }
                }
            }
            diags.push(d);
        }
        if diags.0.is_empty() {
            Ok(geometries)
        } else {
            Err(diags)
        }
    }

    /// Checks that every character of the document has a glyph in its role's fonts. A missing
    /// one is an error naming the character, the role, and the fact or template line it came
    /// from (a warning with `allow_missing_glyphs`).
    pub fn check_glyphs(&self, built: &Built) -> Result<Diagnostics, Diagnostics> {
        let fonts = self.fonts_for(built)?;
        let mut diags = self.missing_glyphs(built, &fonts);
        if let Err(wide) = self.tables(built) {
            diags.0.extend(wide.0);
        }
        Ok(diags)
    }

    fn missing_glyphs(&self, built: &Built, fonts: &FontSet) -> Diagnostics {
        let mut diags = Diagnostics::default();
        for (ch, role) in fonts.missing_chars(&built.doc) {
            let role_name = crate::fonts::role_label(role);
            let zh = format!(
                "字符“{ch}”(U+{:04X}) 在“{role_name}”所用的字体中都没有字形，PDF 中会显示为空白方框",
                ch as u32
            );
            let en = format!(
                "no font of the role “{role_name}” has the character “{ch}” (U+{:04X}); the PDF would show an empty box",
                ch as u32
            );
            let mut d = if self.allow_missing_glyphs {
                Diagnostic::warning("W-GLYPH", zh, en)
            } else {
                Diagnostic::error("E-GLYPH", zh, en).help(
                    "换用常用字，或在 [fonts] 中为该角色指定含有此字的字体文件；--allow-missing-glyphs 可改为警告",
                    "use a common character, name a font file that has it under [fonts], or pass --allow-missing-glyphs",
                )
            };
            if let Some((fact, loc)) = locate_char(built, ch) {
                d = d.at(loc);
                if let Some(f) = fact {
                    d = d.fact(f);
                }
            }
            diags.push(d);
        }
        for (role, chars) in fonts.explicit_gaps(&built.doc) {
            let key = crate::style::role_key(role);
            let file = built
                .style
                .fonts
                .for_role(role)
                .file
                .clone()
                .unwrap_or_default();
            let shown: String = chars.iter().take(20).collect();
            let more = if chars.len() > 20 {
                format!("（共 {} 个）", chars.len())
            } else {
                String::new()
            };
            let more_en = if chars.len() > 20 {
                format!(" ({} in all)", chars.len())
            } else {
                String::new()
            };
            let zh = format!("[fonts.{key}] 指定的字体 {file} 没有这些汉字：{shown}{more}");
            let en = format!(
                "the font {file} named in [fonts.{key}] lacks these hanzi: {shown}{more_en}"
            );
            let mut d = if self.allow_missing_glyphs {
                Diagnostic::warning("W-FONT-FILE-GAPS", zh, en)
            } else {
                Diagnostic::error("E-FONT-FILE-GAPS", zh, en).help(
                    "换一个含有这些汉字的字体文件，或删去 file 让 huibao 自己选字体；--allow-missing-glyphs 时由其他字体补字",
                    "name a font file that has these hanzi, or drop `file` to let huibao choose; with --allow-missing-glyphs other faces fill them in",
                )
            };
            if let Some(loc) = built.data.location(&format!("fonts.{key}.file")) {
                d = d.at(loc);
            }
            diags.push(d);
        }
        diags
    }

    /// Writes `built` in each of `formats` to `out_dir/STEM.EXT`, atomically. Nothing is
    /// written unless every format succeeds. Returns the written paths and any warnings.
    pub fn write(
        &self,
        built: &Built,
        formats: &[Format],
        out_dir: &Path,
    ) -> Result<Written, Diagnostics> {
        let mut outputs = Vec::new();
        let mut warnings = Diagnostics::default();
        // Fonts are loaded for the tables' geometry only when the document has a table.
        let has_tables = built
            .doc
            .blocks
            .iter()
            .any(|b| matches!(b, crate::model::Block::Table(_)));
        let tables = if has_tables && formats.iter().any(|f| *f != Format::Txt) {
            self.tables(built)?
        } else {
            Vec::new()
        };
        // PDF and OFD draw one layout with one set of subset fonts.
        let mut drawn: Option<Drawn> = None;
        for &f in formats {
            let bytes = match f {
                Format::Txt => crate::text::render(&built.doc).into_bytes(),
                Format::Docx => crate::docx::write_with_meta(
                    &built.doc,
                    &built.style,
                    &tables,
                    &self.meta(built)?,
                )?,
                Format::Pdf | Format::Ofd => {
                    let d = match drawn.take() {
                        Some(d) => d,
                        None => {
                            let (d, w) = self.draw(built)?;
                            warnings.0.extend(w.0);
                            d
                        }
                    };
                    let bytes = if f == Format::Pdf {
                        crate::pdf::write_embedded(&d.pages, &d.embedded, &built.style, &d.meta)?
                    } else {
                        crate::ofd::write(&d.pages, &d.embedded, &built.style, &d.meta)?
                    };
                    drawn = Some(d);
                    bytes
                }
            };
            outputs.push((out_dir.join(format!("{}.{}", built.stem, f.ext())), bytes));
        }
        crate::output::write_set(&outputs, &built.inputs())?;
        Ok(Written {
            paths: outputs.into_iter().map(|(p, _)| p).collect(),
            pages: drawn.map(|d| d.pages.len()),
            warnings,
        })
    }

    /// Lays the document out and draws it as PDF bytes; returns them with the warnings about
    /// characters drawn with a fallback font.
    pub fn pdf(&self, built: &Built) -> Result<(Vec<u8>, Diagnostics), Diagnostics> {
        let (d, warnings) = self.draw(built)?;
        let bytes = crate::pdf::write_embedded(&d.pages, &d.embedded, &built.style, &d.meta)?;
        Ok((bytes, warnings))
    }

    /// Lays the document out and draws it as OFD bytes, like [`Engine::pdf`].
    pub fn ofd(&self, built: &Built) -> Result<(Vec<u8>, Diagnostics), Diagnostics> {
        let (d, warnings) = self.draw(built)?;
        let bytes = crate::ofd::write(&d.pages, &d.embedded, &built.style, &d.meta)?;
        Ok((bytes, warnings))
    }

    /// The document's metadata as the PDF, OFD and DOCX record it.
    pub fn meta(&self, built: &Built) -> Result<Meta, Diagnostics> {
        let title = built.doc.blocks.iter().find_map(|b| match b {
            crate::model::Block::Title { lines } => Some(lines.concat()),
            _ => None,
        });
        let subject = built.doc.blocks.iter().find_map(|b| match b {
            crate::model::Block::Subtitle { text } => Some(text.clone()),
            _ => None,
        });
        let settings = built.data.report_settings().ok();
        let setting = |f: fn(&crate::data::ReportSettings) -> Option<&String>| {
            settings.as_ref().and_then(f).map(String::as_str)
        };
        let outline = built
            .doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                crate::model::Block::Heading(h) => Some((h.level, h.label_and_text())),
                _ => None,
            })
            .collect();
        Ok(Meta {
            title,
            subject,
            outline,
            structure: crate::meta::Part::of(&built.doc),
            lang: crate::meta::lang_of(built.script).to_string(),
            date: document_timestamp(&built.data)?,
            pdf_a2b: self.pdf_a2b || setting(|s| s.pdf_standard.as_ref()) == Some("a-2b"),
            ofd_a: self.ofd_a || setting(|s| s.ofd.as_ref()) == Some("ofd-a"),
        })
    }

    /// Lays the document out and subsets its fonts, for the PDF and OFD writers.
    fn draw(&self, built: &Built) -> Result<(Drawn, Diagnostics), Diagnostics> {
        let shared = self.fonts_for(built)?;
        let missing = self.missing_glyphs(built, &shared);
        if missing.has_errors() {
            return Err(missing);
        }
        let owned;
        let fonts: &FontSet = if missing.0.is_empty() {
            &shared
        } else {
            let mut f = (*shared).clone();
            let chars: Vec<char> = f
                .missing_chars(&built.doc)
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            f.add_fallback(&chars);
            owned = f;
            &owned
        };
        let pages = crate::layout::layout(&built.doc, &built.style, fonts);
        let embedded = crate::fonts::subset::Embedded::new(&pages, fonts)?;
        let meta = self.meta(built)?;
        Ok((
            Drawn {
                pages,
                embedded,
                meta,
            },
            missing,
        ))
    }
}

/// A document laid out, with its subset fonts and metadata: what the PDF and OFD writers draw.
struct Drawn {
    pages: Vec<crate::layout::Page>,
    embedded: crate::fonts::subset::Embedded,
    meta: Meta,
}

/// The one date a document carries (the time stamp of tracked changes), as ISO 8601 UTC:
/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else the report's `[report] date`, else
/// 2000-01-01. Never the clock.
///
/// A `SOURCE_DATE_EPOCH` that is not a whole number of seconds within the years 1–9999 is an
/// error: a DOCX date outside them is invalid.
pub fn document_timestamp(data: &Data) -> Result<String, Diagnostic> {
    if let Ok(raw) = std::env::var("SOURCE_DATE_EPOCH") {
        // 0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z
        const RANGE: std::ops::RangeInclusive<i64> = -62_135_596_800..=253_402_300_799;
        return match raw.trim().parse::<i64>() {
            Ok(secs) if RANGE.contains(&secs) => Ok(iso_utc(secs)),
            _ => Err(Diagnostic::error(
                "E-DATE",
                format!("环境变量 SOURCE_DATE_EPOCH = “{raw}” 不是公元 1 到 9999 年之间的秒数"),
                format!("SOURCE_DATE_EPOCH = `{raw}` is not a number of seconds within the years 1 to 9999"),
            )),
        };
    }
    Ok(data
        .report_settings()
        .ok()
        .and_then(|s| s.date)
        .and_then(|d| d.date)
        .map_or("2000-01-01T00:00:00Z".to_string(), |d| {
            format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day)
        }))
}

/// Seconds since 1970 as `YYYY-MM-DDThh:mm:ssZ` (proleptic Gregorian, UTC).
fn iso_utc(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil from days (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_engine_compiles_each_template_once() {
        let engine = Engine::default();
        let req = Request {
            data_files: vec![PathBuf::from("data/lushi-2012.toml")],
            ..Request::default()
        };
        let a = engine.build(&req).unwrap();
        let b = engine
            .build(&Request {
                sets: vec!["envoys.first_batch=80".into()],
                ..req.clone()
            })
            .unwrap();
        assert!(Arc::ptr_eq(&a.template, &b.template));
        assert_ne!(a.doc, b.doc);
        let c = build(&req).unwrap();
        assert!(!Arc::ptr_eq(&a.template, &c.template));
    }

    #[test]
    fn epoch_seconds_become_utc_dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_349_827_200), "2012-10-10T00:00:00Z");
        assert_eq!(iso_utc(951_782_400 + 3661), "2000-02-29T01:01:01Z");
    }
}
