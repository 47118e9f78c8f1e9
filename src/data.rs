//! Facts: layered TOML files merged in order, then `--set key=value` overrides.
//!
//! Tables merge recursively; later scalars and arrays replace earlier ones. Every value remembers
//! the file and byte span that supplied it, so a message about a fact can point at the line the
//! user has to edit. The `[report]`, `[style]` and `[fonts]` tables are settings, not facts.

use crate::diag::texts::common;
use crate::diag::texts::data as texts;
use crate::diag::{Code, Text};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue};
use toml::{Table, Value};

use crate::diag::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::style::Style;

/// Top-level tables that hold settings rather than facts.
pub const SETTING_TABLES: [&str; 5] = ["report", "style", "fonts", "sources", "checks"];

/// One source of data: a file, or the `--set` arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The file as the user named it ([`SETTINGS_SOURCE`] for command-line overrides).
    pub name: PathBuf,
    /// Its text.
    pub text: String,
}

/// The name of the source that holds the command line's `--set` overrides (no file).
pub const SETTINGS_SOURCE: &str = "--set";

impl Source {
    /// Whether this is the command line's `--set` overrides rather than a file.
    pub fn is_settings(&self) -> bool {
        self.name == Path::new(SETTINGS_SOURCE)
    }
}

/// Where a value came from: a source and a byte span in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// Index into [`Data::sources`].
    pub source: usize,
    /// Byte range of the value in the source's text.
    pub span: Range<usize>,
}

/// The merged facts of a report, with the origin of every value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Data {
    /// All top-level tables merged, settings tables included.
    pub table: Table,
    /// Fact path (`envoys.first_batch`, `goals[2]`) → the layer that supplied its value.
    pub origins: BTreeMap<String, Origin>,
    /// The texts that were read, in order.
    pub sources: Vec<Source>,
    /// What the spreadsheet sources (`[sources]`) added: cell places, exact digits.
    pub sheets: crate::sources::SheetFacts,
    /// The line starts of each source, built on the first location asked for.
    lines: LineCache,
}

/// Line indexes of the sources, computed once (two `Data` compare equal whatever their caches
/// hold).
#[derive(Debug, Clone, Default)]
struct LineCache(std::sync::OnceLock<Vec<LineIndex>>);

impl PartialEq for LineCache {
    fn eq(&self, _: &LineCache) -> bool {
        true
    }
}

/// The `[report]` table: how to render, as opposed to what to say.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Template name or folder.
    pub template: Option<String>,
    /// Output file stem.
    pub output: Option<String>,
    /// The report's date (available to templates as `report.date`).
    pub date: Option<toml::value::Datetime>,
    /// Output script: "hans" or "hant".
    pub script: Option<String>,
    /// OFD profile: "ofd" (the default) or "ofd-a" (GB/T 42133 archival OFD).
    pub ofd: Option<String>,
    /// PDF standard: "a-2b" for PDF/A-2b; none by default.
    pub pdf_standard: Option<String>,
}

impl Data {
    /// Merges already-read sources (files embedded in the binary take this path too).
    pub fn from_sources(sources: Vec<Source>, sets: &[String]) -> Result<Data, Diagnostics> {
        let mut data = Data::default();
        let mut diags = Diagnostics::default();
        for source in sources {
            let index = data.sources.len();
            match parse_layer(&source, index) {
                Ok((table, origins)) => {
                    merge(&mut data.table, table);
                    // A value that replaced a table or an array takes its old children's
                    // origins with it (one pass: each old path looks its ancestors up).
                    let replaced: std::collections::HashSet<&str> = origins
                        .keys()
                        .filter(|p| !is_table_path(&data.table, p))
                        .map(String::as_str)
                        .collect();
                    data.origins.retain(|k, _| {
                        origins.contains_key(k)
                            || !k
                                .match_indices(['.', '['])
                                .any(|(i, _)| replaced.contains(&k[..i]))
                    });
                    data.origins.extend(origins);
                }
                Err(errs) => diags.0.extend(errs.0),
            }
            data.sources.push(source);
        }
        let mut applied = Vec::new();
        if !sets.is_empty() {
            let text = sets.join("\n");
            let index = data.sources.len();
            let mut offset = 0;
            for set in sets {
                let parsed = parse_set(set).and_then(|(path, value)| {
                    match set_conflict(&data.table, &path) {
                        Some(e) => Err(e),
                        None => Ok((path, value)),
                    }
                });
                match parsed {
                    Ok((path, value)) => {
                        let span = offset..offset + set.len();
                        insert_path(&mut data.table, &path, value.clone());
                        applied.push((path.clone(), value));
                        data.origins.insert(
                            path.join("."),
                            Origin {
                                source: index,
                                span: span.clone(),
                            },
                        );
                    }
                    Err(reason) => diags.push(
                        Diagnostic::error(Code::Set, texts::set_unreadable(reason))
                            .at(Location::from_offset(
                                Path::new(SETTINGS_SOURCE),
                                &text,
                                offset,
                                set.len(),
                            ))
                            .help(texts::set_help()),
                    ),
                }
                offset += set.len() + 1;
            }
            data.sources.push(Source {
                name: PathBuf::from(SETTINGS_SOURCE),
                text,
            });
        }
        if !diags.has_errors() {
            diags.0.extend(crate::sources::load(&mut data).0);
            // A --set of a figure from a spreadsheet wins over the cell.
            for (path, value) in applied {
                if data.sheets.read.iter().any(|s| s.name == path[0]) {
                    let key = path.join(".");
                    data.sheets.cells.remove(&key);
                    data.sheets.numbers.remove(&key);
                    data.sheets.json.remove(&path[0]);
                    insert_path(&mut data.table, &path, value);
                }
            }
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(data)
        }
    }

    /// The value at a dotted fact path (`a.b`, `list[2].c`), if present.
    pub fn get(&self, path: &str) -> Option<&Value> {
        let mut segs = split_path(path).into_iter();
        let first = segs.next()?;
        let mut cur = match first {
            Seg::Key(k) => self.table.get(&k)?,
            Seg::Index(_) => return None,
        };
        for seg in segs {
            cur = match (seg, cur) {
                (Seg::Key(k), Value::Table(t)) => t.get(&k)?,
                (Seg::Index(i), Value::Array(a)) => a.get(i)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// Where the value at `path` was written, or the nearest enclosing value that has an origin.
    pub fn location(&self, path: &str) -> Option<Location> {
        let mut p = path.to_string();
        loop {
            if let Some(place) = self.sheets.place(&p) {
                return Some(Location::cell(&place));
            }
            if let Some(o) = self.origins.get(&p) {
                let src = self.sources.get(o.source)?;
                let indexes = self.lines.0.get_or_init(|| {
                    self.sources
                        .iter()
                        .map(|s| LineIndex::new(&s.text))
                        .collect()
                });
                let index = match indexes.get(o.source) {
                    Some(i) => i,
                    // Sources added after the cache was built.
                    None => &LineIndex::new(&src.text),
                };
                return Some(Location::from_offset_indexed(
                    &src.name,
                    &src.text,
                    index,
                    o.span.start,
                    o.span.len(),
                ));
            }
            let cut = p.rfind(['.', '['])?;
            p.truncate(cut);
        }
    }

    /// The `[report]` settings. Every problem points at the value that has it.
    pub fn report_settings(&self) -> Result<ReportSettings, Diagnostics> {
        let settings: ReportSettings = match self.table.get("report") {
            None => ReportSettings::default(),
            Some(Value::Table(t)) => self
                .deserialize_located(Table::new(), t, "report", &|p| vec![format!("report.{p}")])?,
            Some(_) => return Err(self.type_error("report", texts::kind_table()).into()),
        };
        let mut diags = Diagnostics::default();
        for (key, value) in [
            ("template", &settings.template),
            ("output", &settings.output),
            ("script", &settings.script),
        ] {
            if let Some(v) = value {
                self.check_setting_text(&format!("report.{key}"), v, &mut diags);
            }
        }
        if let Some(out) = &settings.output {
            if out.len() > crate::output::STEM_MAX_BYTES {
                diags.push(self.setting_error(
                    &["report.output".to_string()],
                    texts::output_name_too_long(
                        out.len(),
                        crate::output::STEM_MAX_BYTES,
                        crate::output::STEM_MAX_BYTES / 3,
                    ),
                ));
            }
        }
        if let Some(date) = settings.date.and_then(|d| d.date) {
            if date.year == 0 || date.year > 9999 {
                diags.push(self.setting_error(
                    &["report.date".to_string()],
                    texts::year_out_of_range(date.year),
                ));
            }
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(settings)
        }
    }

    /// The style: GB/T 9704 defaults, overridden by `[style]` and `[fonts]`. Every setting is
    /// checked for its kind and its range (and margins against the page, the grid against the
    /// type area), and every problem points at the value that has it.
    pub fn style(&self) -> Result<Style, Diagnostics> {
        // A batch's meetings mostly share their `[style]` and `[fonts]`: a style read before
        // from the same two tables is that style again.
        let (style_in, fonts_in) = (self.table.get("style"), self.table.get("fonts"));
        if let Some(kept) = STYLES.find(|k| k.0.as_ref() == style_in && k.1.as_ref() == fonts_in) {
            return Ok(kept.2.clone());
        }
        let style = self.read_style()?;
        STYLES.keep(std::sync::Arc::new((
            style_in.cloned(),
            fonts_in.cloned(),
            style.clone(),
        )));
        Ok(style)
    }

    /// [`Data::style`], read from the tables.
    fn read_style(&self) -> Result<Style, Diagnostics> {
        let mut style_table = match self.table.get("style") {
            Some(Value::Table(t)) => t.clone(),
            Some(_) => return Err(self.type_error("style", texts::kind_table()).into()),
            None => Table::new(),
        };
        match self.table.get("fonts") {
            Some(Value::Table(f)) => {
                let mut merged = match style_table.remove("fonts") {
                    Some(Value::Table(t)) => t,
                    _ => Table::new(),
                };
                merge(&mut merged, f.clone());
                style_table.insert("fonts".into(), Value::Table(merged));
            }
            Some(_) => return Err(self.type_error("fonts", texts::kind_table()).into()),
            None => {}
        }
        // Overrides merge into the defaults, so `[fonts.body] file = …` keeps the family.
        let full = match Value::try_from(Style::default()) {
            Ok(Value::Table(t)) => t,
            _ => Table::new(),
        };
        let mut style: Style =
            self.deserialize_located(full, &style_table, "style", &style_paths)?;
        style.apply_table_size();
        let diags = self.validate_style(&style);
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(style)
        }
    }

    /// Deserializes `base` overridden by `over`; on failure, finds each value of `over` that
    /// fails by itself and reports it at its place (`paths` gives the fact paths a leaf of
    /// `over` may have been written under).
    fn deserialize_located<T: for<'de> Deserialize<'de>>(
        &self,
        base: Table,
        over: &Table,
        name: &str,
        paths: &dyn Fn(&str) -> Vec<String>,
    ) -> Result<T, Diagnostics> {
        let mut full = base.clone();
        merge(&mut full, over.clone());
        let first = match T::deserialize(Value::Table(full)) {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let mut leaves = Vec::new();
        collect_setting_leaves(String::new(), over, &mut leaves);
        let mut diags = Diagnostics::default();
        for (leaf, value) in leaves {
            let mut one = base.clone();
            insert_path(
                &mut one,
                &leaf.split('.').map(str::to_string).collect::<Vec<_>>(),
                value.clone(),
            );
            if let Err(e) = T::deserialize(Value::Table(one)) {
                diags.push(self.setting_error(
                    &paths(&leaf),
                    texts::bad_setting(name, serde_reason(e.message())),
                ));
            }
        }
        if diags.0.is_empty() {
            diags.push(self.setting_error(
                &[name.to_string()],
                texts::bad_setting(name, serde_reason(first.message())),
            ));
        }
        Err(diags)
    }

    /// An error about a setting, at the first of `paths` the data has a place for.
    fn setting_error(&self, paths: &[String], message: Text) -> Diagnostic {
        let found = paths.iter().find(|p| self.origins.contains_key(p.as_str()));
        let path = found.or(paths.first()).cloned().unwrap_or_default();
        let mut d = Diagnostic::error(Code::Setting, message).fact(path.clone());
        if let Some(loc) = self.location(&path) {
            d = d.at(loc);
        }
        d
    }

    /// A string setting must not hold control characters or direction marks: it reaches the
    /// DOCX's XML or a file name.
    fn check_setting_text(&self, path: &str, text: &str, diags: &mut Diagnostics) {
        if let Some(c) = text
            .chars()
            .find(|&c| c.is_control() || is_direction_mark(c))
        {
            diags.push(self.setting_error(
                &[path.to_string()],
                texts::control_char_in_setting(format!("U+{:04X}", c as u32)),
            ));
        }
    }

    /// Range and relation checks of a style (a value out of range hangs or breaks the layout).
    fn validate_style(&self, s: &Style) -> Diagnostics {
        let mut diags = Diagnostics::default();
        let mut bad = |path: &str, message: Text| {
            diags.push(self.setting_error(&style_paths(path), message));
        };
        let p = &s.page;
        for (key, v, lo, hi) in [
            ("width_mm", p.width_mm, 50.0, 2000.0),
            ("height_mm", p.height_mm, 50.0, 2000.0),
            ("top_mm", p.top_mm, 0.0, 1000.0),
            ("bottom_mm", p.bottom_mm, 0.0, 1000.0),
            ("left_mm", p.left_mm, 0.0, 1000.0),
            ("right_mm", p.right_mm, 0.0, 1000.0),
            (
                "page_number_baseline_mm",
                p.page_number_baseline_mm,
                0.0,
                1000.0,
            ),
        ] {
            if !(v.is_finite() && (lo..=hi).contains(&v)) {
                let key = format!("page.{key}");
                bad(&key, texts::mm_out_of_range(&key, v, lo, hi));
            }
        }
        if p.width_mm - p.left_mm - p.right_mm < MIN_TYPE_AREA_MM {
            let key = ["page.left_mm", "page.right_mm", "page.width_mm"]
                .into_iter()
                .find(|k| self.setting_written(k))
                .unwrap_or("page.left_mm");
            bad(
                key,
                texts::margins_too_wide(p.left_mm, p.right_mm, MIN_TYPE_AREA_MM, p.width_mm),
            );
        }
        if p.height_mm - p.top_mm - p.bottom_mm < MIN_TYPE_AREA_MM {
            let key = ["page.top_mm", "page.bottom_mm", "page.height_mm"]
                .into_iter()
                .find(|k| self.setting_written(k))
                .unwrap_or("page.top_mm");
            bad(
                key,
                texts::margins_too_tall(p.top_mm, p.bottom_mm, MIN_TYPE_AREA_MM, p.height_mm),
            );
        }
        if p.page_number_baseline_mm.is_finite() && p.page_number_baseline_mm > p.height_mm {
            bad(
                "page.page_number_baseline_mm",
                texts::page_number_above_page(p.page_number_baseline_mm, p.height_mm),
            );
        }
        let g = &s.grid;
        for (key, v, lo, hi) in [
            ("lines", g.lines, 1, 200),
            ("chars", g.chars, MIN_GRID_CHARS, 200),
            ("line_pitch_twips", g.line_pitch_twips, 100, 4000),
        ] {
            if !(lo..=hi).contains(&v) {
                let key = format!("grid.{key}");
                bad(&key, texts::out_of_range(&key, v, lo, hi));
            }
        }
        let mut fonts = s.fonts.clone();
        for (role, f) in fonts.roles_mut() {
            let size = f.size_pt;
            if !(size.is_finite() && (MIN_FONT_PT..=MAX_FONT_PT).contains(&size)) {
                let key = format!("fonts.{role}.size_pt");
                bad(
                    &key,
                    texts::pt_out_of_range(&key, size, MIN_FONT_PT, MAX_FONT_PT),
                );
            }
        }
        for (role, f) in fonts.roles_mut() {
            self.check_setting_text(&self.font_path(role, "family"), &f.family, &mut diags);
            if let Some(file) = &f.file {
                let path = self.font_path(role, "file");
                self.check_setting_text(&path, file, &mut diags);
                if let Some(problem) = self.font_file_problem(file) {
                    diags.push(self.setting_error(&[path], problem));
                }
            }
        }
        diags
    }

    /// The fact path a role's font setting was written at (`fonts.body.file` or
    /// `style.fonts.body.file`).
    fn font_path(&self, role: &str, key: &str) -> String {
        let paths = style_paths(&format!("fonts.{role}.{key}"));
        paths
            .iter()
            .find(|p| self.origins.contains_key(p.as_str()))
            .or(paths.first())
            .cloned()
            .unwrap_or_default()
    }

    /// True when the data writes the style setting `path` (`page.left_mm`).
    fn setting_written(&self, path: &str) -> bool {
        style_paths(path)
            .iter()
            .any(|p| self.origins.contains_key(p))
    }

    /// What is wrong with a font file named in `[fonts]`: empty, not found (beside the data
    /// or from the working folder), or not a regular file.
    fn font_file_problem(&self, file: &str) -> Option<Text> {
        if file.trim().is_empty() {
            return Some(texts::font_file_empty());
        }
        let candidates: Vec<PathBuf> = std::iter::once(PathBuf::from(file))
            .chain(
                self.sources
                    .iter()
                    .filter_map(|s| s.name.parent().map(|d| d.join(file))),
            )
            .collect();
        let meta = candidates.iter().find_map(|c| std::fs::metadata(c).ok());
        match meta {
            None => Some(texts::font_file_missing(file)),
            Some(m) if !m.is_file() => Some(texts::font_file_not_regular(file)),
            Some(_) => None,
        }
    }

    fn type_error(&self, path: &str, kind: Text) -> Diagnostic {
        let mut d = Diagnostic::error(Code::Type, texts::must_be(path, kind)).fact(path);
        if let Some(loc) = self.location(path) {
            d = d.at(loc);
        }
        d
    }

    /// The facts as JSON for the templates: every table, settings included, TOML dates as
    /// `YYYY-MM-DD` strings.
    pub fn to_json(&self) -> serde_json::Value {
        let mut json = facts_json(&self.table, |k| self.sheets.json.get(k).cloned());
        // Numbers from spreadsheets keep the digits the sheet shows (41.00): written in the
        // sources' JSON already, except where a --set changed a source.
        self.sheets.exact_numbers(&mut json);
        json
    }

    /// [`Data::to_json`], moving the spreadsheet sources' JSON out instead of copying it (a
    /// source may hold tens of thousands of cells); later calls of [`Data::to_json`] convert
    /// the sources from their TOML values, to the same JSON.
    pub fn take_json(&mut self) -> serde_json::Value {
        let sheets = &mut self.sheets.json;
        let mut json = facts_json(&self.table, |k| sheets.get_mut(k).map(std::mem::take));
        self.sheets.exact_numbers(&mut json);
        self.sheets.json.clear();
        json
    }

    /// Every leaf fact path with its value, settings tables excluded (for "unused fact" checks
    /// and diffs).
    pub fn leaf_facts(&self) -> Vec<(String, &Value)> {
        self.leaf_facts_of(|_| true)
    }

    /// [`Data::leaf_facts`] of the top-level facts whose name passes `keep`.
    pub fn leaf_facts_of(&self, keep: impl Fn(&str) -> bool) -> Vec<(String, &Value)> {
        let mut out = Vec::new();
        for (k, v) in &self.table {
            if !SETTING_TABLES.contains(&k.as_str()) && keep(k) {
                collect_leaves(k.clone(), v, &mut out);
            }
        }
        out
    }
}

/// The narrowest type area (版心) a page may leave, in millimetres.
const MIN_TYPE_AREA_MM: f32 = 30.0;
/// The fewest characters a grid line may hold (an attachment line needs its label and more).
const MIN_GRID_CHARS: u32 = 10;
/// The smallest font size, in points.
const MIN_FONT_PT: f32 = 4.0;
/// The largest font size, in points.
const MAX_FONT_PT: f32 = 100.0;

/// The fact paths a setting inside the merged style table may be written at: `page.width_mm`
/// under `[style]`; `fonts.body.file` under `[fonts]` or `[style.fonts]`.
fn style_paths(leaf: &str) -> Vec<String> {
    if leaf.starts_with("fonts.") || leaf == "fonts" {
        vec![leaf.to_string(), format!("style.{leaf}")]
    } else {
        vec![format!("style.{leaf}")]
    }
}

/// Every value of a settings table that is not itself a table, with its dotted path.
fn collect_setting_leaves<'a>(prefix: String, t: &'a Table, out: &mut Vec<(String, &'a Value)>) {
    for (k, v) in t {
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            Value::Table(sub) if !sub.is_empty() => collect_setting_leaves(path, sub, out),
            _ => out.push((path, v)),
        }
    }
}

/// Invisible bidirectional formatting marks.
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn collect_leaves<'a>(path: String, v: &'a Value, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Table(t) => {
            for (k, v) in t {
                collect_leaves(format!("{path}.{k}"), v, out);
            }
        }
        Value::Array(a) if a.iter().any(|x| matches!(x, Value::Table(_))) => {
            for (i, v) in a.iter().enumerate() {
                collect_leaves(format!("{path}[{i}]"), v, out);
            }
        }
        _ => out.push((path, v)),
    }
}

fn is_table_path(table: &Table, path: &str) -> bool {
    let mut cur: Option<&Value> = None;
    for (i, seg) in split_path(path).into_iter().enumerate() {
        cur = match (i, seg, cur) {
            (0, Seg::Key(k), _) => table.get(&k),
            (_, Seg::Key(k), Some(Value::Table(t))) => t.get(&k),
            (_, Seg::Index(n), Some(Value::Array(a))) => a.get(n),
            _ => None,
        };
        if cur.is_none() {
            return false;
        }
    }
    matches!(cur, Some(Value::Table(_)))
}

/// Converts a TOML value to the JSON the templates see.
pub fn to_json(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::String(s) => J::String(s.clone()),
        Value::Integer(i) => J::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Value::Boolean(b) => J::Bool(*b),
        Value::Datetime(d) => J::String(d.to_string()),
        Value::Array(a) => J::Array(a.iter().map(to_json).collect()),
        Value::Table(t) => J::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

/// The largest data or template file read (64 MB): larger inputs are refused, not read.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// The facts of `table` as JSON, each spreadsheet source's as `sheet` gives it (the JSON it was
/// read to), the others converted from TOML.
fn facts_json(
    table: &Table,
    mut sheet: impl FnMut(&str) -> Option<serde_json::Value>,
) -> serde_json::Value {
    serde_json::Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), sheet(k).unwrap_or_else(|| to_json(v))))
            .collect(),
    )
}

/// Reads a text file, naming the file in any error. Only a regular file is read (a folder,
/// device or FIFO is refused before it is opened, so `/dev/zero` or a FIFO never stalls a
/// run), and at most [`MAX_INPUT_BYTES`].
pub fn read_text(file: &Path) -> Result<String, Diagnostic> {
    use std::io::Read as _;
    let read_error =
        |reason: Text| Diagnostic::error(Code::Read, texts::read_failed(file.display(), reason));
    let meta = std::fs::metadata(file).map_err(|e| read_error(io_reason(&e)))?;
    if !meta.is_file() {
        return Err(read_error(if meta.is_dir() {
            texts::io_folder()
        } else {
            crate::diag::texts::common::not_regular()
        }));
    }
    let too_large = || {
        Diagnostic::error(
            Code::ReadSize,
            texts::file_too_large(file.display(), MAX_INPUT_BYTES >> 20),
        )
    };
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| read_error(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|e| {
        let off = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..off]).into_owned();
        let mut d = Diagnostic::error(Code::Utf8, texts::not_utf8(file.display()));
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let lossy = String::from_utf8_lossy(e.as_bytes());
        d = d.at(Location {
            place: crate::diag::Place::File(file.to_path_buf()),
            line,
            col,
            source_line: lossy.lines().nth(line - 1).map(str::to_string),
            window_col: 1,
            len: 1,
        });
        d
    })
}

/// A short reason for an I/O error (the system's wording for the less common ones).
pub fn io_reason(e: &std::io::Error) -> Text {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => texts::io_not_found(),
        PermissionDenied => texts::io_denied(),
        IsADirectory => texts::io_folder(),
        _ => texts::io_other(e),
    }
}

type Origins = BTreeMap<String, Origin>;

/// A layer parsed before: its place among the sources, its file and text, its values and
/// their origins.
type ParsedLayer = (usize, PathBuf, String, Table, Origins);

/// The styles read last ([`Data::style`]), with the `[style]` and `[fonts]` tables each was
/// read from.
type KeptStyle = (Option<Value>, Option<Value>, Style);
static STYLES: crate::recent::Recent<std::sync::Arc<KeptStyle>> = crate::recent::Recent::new(8);

/// The layers this process parsed last (a batch's meetings share their base data file, which
/// took the parser 2 % of a batch's time to read again for each).
static PARSED_LAYERS: crate::recent::Recent<std::sync::Arc<ParsedLayer>> =
    crate::recent::Recent::new(8);

/// [`parse_layer_anew`], answered from [`PARSED_LAYERS`] when this process parsed the same
/// text, under the same name at the same place, before.
fn parse_layer(source: &Source, index: usize) -> Result<(Table, Origins), Diagnostics> {
    let same =
        |l: &std::sync::Arc<ParsedLayer>| l.0 == index && l.1 == source.name && l.2 == source.text;
    if let Some(l) = PARSED_LAYERS.find(same) {
        return Ok((l.3.clone(), l.4.clone()));
    }
    let (table, origins) = parse_layer_anew(source, index)?;
    PARSED_LAYERS.keep(std::sync::Arc::new((
        index,
        source.name.clone(),
        source.text.clone(),
        table.clone(),
        origins.clone(),
    )));
    Ok((table, origins))
}

/// Parses one data file (or the embedded example) into its values and their origins.
fn parse_layer_anew(source: &Source, index: usize) -> Result<(Table, Origins), Diagnostics> {
    let (de, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        let mut diags = Diagnostics::default();
        for e in errors {
            let mut span = e.span().unwrap_or(0..0);
            // The parser's recursion limit comes without a place: the bracket where the
            // nesting first gets that deep.
            if span.is_empty() && span.start == 0 && e.message().contains("recursion") {
                if let Some(at) = deepest_bracket(&source.text) {
                    span = at..at + 1;
                }
            }
            let mut d =
                Diagnostic::error(Code::Toml, texts::toml_syntax(toml_message(e.message()))).at(
                    Location::from_offset(&source.name, &source.text, span.start, span.len()),
                );
            if e.message().contains("unquoted key") || e.message().contains("string") {
                d = d.help(texts::toml_quote_help());
            }
            diags.push(d);
        }
        return Err(diags);
    }
    let table: Table = match toml::from_str(&source.text) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            return Err(
                Diagnostic::error(Code::Toml, texts::toml_invalid(e.message().trim()))
                    .at(Location::from_offset(
                        &source.name,
                        &source.text,
                        span.start,
                        span.len(),
                    ))
                    .into(),
            );
        }
    };
    let mut origins = Origins::new();
    collect_origins_table(de.get_ref(), "", index, &mut origins);
    Ok((table, origins))
}

/// The offset of the first `[` or `{` (outside strings and comments) nested 80 deep, or the
/// 80th dot of a line's dotted key: where a nesting too deep for the parser is shown.
fn deepest_bracket(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut dots = 0usize;
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if comment {
            comment = c != '\n';
            if c == '\n' {
                dots = 0;
            }
            continue;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q || c == '\n' {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '#' => comment = true,
            // A dotted key nests one table per dot.
            '.' => {
                dots += 1;
                if dots >= 80 {
                    return Some(i);
                }
            }
            '\n' => dots = 0,
            '[' | '{' => {
                depth += 1;
                if depth >= 80 {
                    return Some(i);
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// serde's message about a setting (`invalid type: string "x", expected a TOML datetime`,
/// `unknown field `a`, expected one of `b`, `c``) in the catalog's words; a message of another
/// shape is quoted as the crate wrote it.
fn serde_reason(msg: &str) -> Text {
    let m = msg.trim();
    let pair = |rest: &str| {
        rest.rsplit_once(", expected ")
            .map(|(found, expected)| (expected_kind(expected), written_value(found)))
    };
    if let Some((expected, found)) = m.strip_prefix("invalid type: ").and_then(pair) {
        return texts::setting_wrong_type(expected, found);
    }
    if let Some((expected, found)) = m.strip_prefix("invalid value: ").and_then(pair) {
        return texts::setting_wrong_value(expected, found);
    }
    if let Some((n, expected)) = m
        .strip_prefix("invalid length ")
        .and_then(|r| r.split_once(", expected "))
    {
        return texts::setting_wrong_length(expected_kind(expected), n);
    }
    // `unknown field `a`, expected one of `b`, `c``, `… expected `b``, `… there are no fields`.
    let unknown = |prefix: &str| {
        let (name, rest) = m.strip_prefix(prefix)?.split_once('`')?;
        let known = rest.split('`').skip(1).step_by(2);
        Some((name.to_string(), Text::names(known)))
    };
    if let Some((key, known)) = unknown("unknown field `") {
        return texts::setting_unknown_key(key, known);
    }
    if let Some((value, known)) = unknown("unknown variant `") {
        return texts::setting_unknown_choice(value, known);
    }
    let quoted = |prefix: &str| {
        m.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix('`'))
            .map(str::to_string)
    };
    if let Some(key) = quoted("missing field `") {
        return texts::setting_missing_key(key);
    }
    if let Some(key) = quoted("duplicate field `") {
        return texts::setting_duplicate_key(key);
    }
    Text::same(m)
}

/// serde's name of what a setting should be (`a string`, `u32`, `a TOML datetime`), in the
/// catalog's words.
fn expected_kind(expected: &str) -> Text {
    let e = expected.trim();
    match e {
        "a string" | "string" | "a borrowed string" => texts::setting_kind_text(),
        "a boolean" | "bool" => texts::setting_kind_bool(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize"
        | "an integer" | "integer" => texts::setting_kind_integer(),
        "f32" | "f64" | "a number" | "float" => common::kind_number(),
        "a sequence" | "a list" | "an array" => texts::setting_kind_list(),
        "a TOML datetime" | "a datetime" | "a date" => texts::setting_kind_date(),
        _ if e.starts_with("struct ") || e == "a map" || e == "a table" => {
            texts::setting_kind_table()
        }
        _ => Text::same(e),
    }
}

/// serde's description of what was written (`string "x"`, `integer `3``, `sequence`), in the
/// catalog's words, the value as written.
fn written_value(found: &str) -> Text {
    let f = found.trim();
    let value = |prefix: &str| {
        f.strip_prefix(prefix)
            .map(|v| v.trim_matches('`').to_string())
    };
    if let Some(v) = f.strip_prefix("string ") {
        texts::written_text(v)
    } else if let Some(v) = value("integer ") {
        texts::written_integer(v)
    } else if let Some(v) = value("floating point ") {
        texts::written_number(v)
    } else if let Some(v) = value("boolean ") {
        texts::written_bool(v)
    } else if f == "sequence" {
        common::kind_list()
    } else if f == "map" {
        texts::kind_table()
    } else {
        Text::same(f)
    }
}

/// The TOML parser's message `msg` (English), explained in the user's language.
fn toml_message(msg: &str) -> Text {
    let m = msg.trim();
    if m.contains("invalid unquoted key") {
        texts::toml_unquoted_key(m)
    } else if m.contains("recurse") || m.contains("recursion") {
        texts::toml_too_deep(m)
    } else if m.contains("duplicate key") {
        texts::toml_duplicate_key(m)
    } else if m.contains("unclosed") || m.contains("unterminated") || m.contains("missing") {
        texts::toml_unclosed(m)
    } else if m.contains("string values must be quoted") || m.contains("invalid string") {
        texts::toml_unquoted_string(m)
    } else {
        texts::toml_other(m)
    }
}

fn collect_origins_table(t: &DeTable<'_>, prefix: &str, index: usize, out: &mut Origins) {
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        let path = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        collect_origins_value(v, path, index, out);
    }
}

fn collect_origins_value(
    v: &toml::Spanned<DeValue<'_>>,
    path: String,
    index: usize,
    out: &mut Origins,
) {
    let span = v.span();
    match v.get_ref() {
        DeValue::Table(t) => collect_origins_table(t, &path, index, out),
        DeValue::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                collect_origins_value(item, format!("{path}[{i}]"), index, out);
            }
        }
        _ => {}
    }
    out.insert(
        path,
        Origin {
            source: index,
            span,
        },
    );
}

/// Deep merge: tables merge recursively, everything else from `over` replaces.
pub fn merge(base: &mut Table, over: Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(Value::Table(b)), Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// The most parts a `--set` key path may have (facts are a few levels deep; a deeper path
/// would only make every later step recurse deeper).
const MAX_SET_DEPTH: usize = 32;

fn parse_set(set: &str) -> Result<(Vec<String>, Value), Text> {
    let Some((key, value)) = set.split_once('=') else {
        return Err(texts::set_missing_equals());
    };
    let path: Vec<String> = key
        .trim()
        .split('.')
        .map(|s| s.trim().trim_matches('"').to_string())
        .collect();
    if path.len() > MAX_SET_DEPTH {
        return Err(texts::set_too_deep(path.len(), MAX_SET_DEPTH));
    }
    if path.iter().any(|s| s.contains(['[', ']'])) {
        return Err(texts::set_list_element(key.trim()));
    }
    if path.iter().any(String::is_empty) {
        return Err(texts::set_empty_segment(key));
    }
    let value = value.trim();
    let parsed = toml::from_str::<Table>(&format!("v = {value}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| Value::String(value.to_string()));
    Ok((path, parsed))
}

/// What is wrong with setting `path` in `table`: a part of it that is a value of another kind
/// than a table (`--set title.sub=1` where `title` is text would turn the text into a table).
fn set_conflict(table: &Table, path: &[String]) -> Option<Text> {
    let mut cur = table;
    for (i, p) in path.iter().enumerate().take(path.len().saturating_sub(1)) {
        match cur.get(p) {
            None => return None,
            Some(Value::Table(t)) => cur = t,
            Some(v) => {
                let at = path[..=i].join(".");
                return Some(texts::set_below_value(at, kind_name(v), &path[i + 1]));
            }
        }
    }
    None
}

/// The kind of a TOML value, as a message names it.
fn kind_name(v: &Value) -> Text {
    match v {
        Value::String(_) => texts::kind_string(),
        Value::Integer(_) | Value::Float(_) => common::kind_number(),
        Value::Boolean(_) => texts::kind_boolean(),
        Value::Datetime(_) => texts::kind_date(),
        Value::Array(_) => common::kind_list(),
        Value::Table(_) => texts::kind_table(),
    }
}

fn insert_path(table: &mut Table, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut cur = table;
    for p in parents {
        let entry = cur
            .entry(p.clone())
            .or_insert_with(|| Value::Table(Table::new()));
        if !entry.is_table() {
            *entry = Value::Table(Table::new());
        }
        let Value::Table(t) = entry else { return };
        cur = t;
    }
    cur.insert(last.clone(), value);
}

/// A segment of a fact path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// Splits `a.b[2].c` into segments.
pub fn split_path(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(Seg::Key(rest[..i].to_string()));
            }
            rest = &rest[i..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(end) = stripped.find(']') else { break };
                match stripped[..end].parse() {
                    Ok(n) => out.push(Seg::Index(n)),
                    Err(_) => out.push(Seg::Key(stripped[..end].to_string())),
                }
                rest = &stripped[end + 1..];
            }
        } else if !rest.is_empty() {
            out.push(Seg::Key(rest.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, text: &str) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_layer_parsed_again_is_the_same_and_kept_per_place() {
        let text = "[meeting]\nhost = \"馬主席\"\ncount = 3 # 三\n";
        let a = src("kept-layer.toml", text);
        let first = parse_layer(&a, 0).expect("parses");
        let kept = |index: usize| {
            PARSED_LAYERS
                .find(|l| l.0 == index && l.1 == a.name && l.2 == a.text)
                .is_some()
        };
        assert!(kept(0));
        assert_eq!(parse_layer(&a, 0).expect("parses"), first);
        assert_eq!(first, parse_layer_anew(&a, 0).expect("parses"));
        // At another place among the sources its origins name that place.
        let (_, origins) = parse_layer(&a, 2).expect("parses");
        assert!(origins.values().all(|o| o.source == 2));
        assert_eq!(origins["meeting.count"].span, first.1["meeting.count"].span);
        // Other text under the same name is parsed anew.
        let b = src("kept-layer.toml", "[meeting]\ncount = 4\n");
        let (table, _) = parse_layer(&b, 0).expect("parses");
        assert_eq!(table["meeting"]["count"].as_integer(), Some(4));
    }

    #[test]
    fn later_layers_win_and_tables_merge() {
        let d = Data::from_sources(
            vec![
                src(
                    "base.toml",
                    "[envoys]\nfirst_batch = 74\nexperts = 12\nlist = [1, 2]\n",
                ),
                src("meeting.toml", "[envoys]\nfirst_batch = 80\nlist = [3]\n"),
            ],
            &["envoys.experts=13".into(), "meeting.name=市检查组".into()],
        )
        .unwrap();
        assert_eq!(d.get("envoys.first_batch"), Some(&Value::Integer(80)));
        assert_eq!(d.get("envoys.experts"), Some(&Value::Integer(13)));
        assert_eq!(
            d.get("envoys.list"),
            Some(&Value::Array(vec![Value::Integer(3)]))
        );
        assert_eq!(
            d.get("meeting.name"),
            Some(&Value::String("市检查组".into()))
        );
        let loc = d.location("envoys.first_batch").unwrap();
        assert_eq!(
            (loc.file(), loc.line, loc.col),
            (Some(Path::new("meeting.toml")), 2, 15)
        );
        assert_eq!(
            d.location("envoys.experts").unwrap().file(),
            Some(Path::new("--set"))
        );
        // The replaced array's old element origins are gone; the new one points at meeting.toml.
        assert_eq!(
            d.location("envoys.list[0]").unwrap().file(),
            Some(Path::new("meeting.toml"))
        );
        assert!(!d.origins.contains_key("envoys.list[1]"));
    }

    #[test]
    fn every_syntax_error_is_reported_with_position() {
        let err = Data::from_sources(
            vec![src("bad.toml", "a = 1\n单位 = \"县\"\nb = \nc = \"ok\"\n")],
            &[],
        )
        .unwrap_err();
        assert!(err.0.len() >= 2, "{err:?}");
        let first = err.0[0].location.as_ref().unwrap();
        assert_eq!((first.line, first.col), (2, 1));
        assert!(err.0[0].message.hans.contains("双引号"));
    }

    #[test]
    fn set_values_are_toml_literals_else_strings() {
        let (p, v) = parse_set("a.b=[1,2]").unwrap();
        assert_eq!(p, vec!["a", "b"]);
        assert!(v.is_array());
        assert_eq!(
            parse_set("x=hello").unwrap().1,
            Value::String("hello".into())
        );
        assert_eq!(parse_set("x=2012-10-10").unwrap().1.type_str(), "datetime");
        assert!(parse_set("novalue").is_err());
    }

    #[test]
    fn paths_split_into_keys_and_indexes() {
        assert_eq!(
            split_path("a.b[2].c"),
            vec![
                Seg::Key("a".into()),
                Seg::Key("b".into()),
                Seg::Index(2),
                Seg::Key("c".into())
            ]
        );
    }

    #[test]
    fn partial_font_overrides_keep_the_defaults() {
        let d = Data::from_sources(
            vec![src(
                "a.toml",
                "[fonts.body]\nfile = \"Cargo.toml\"\n[style.grid]\nline_pitch_twips = 560\n",
            )],
            &[],
        )
        .unwrap();
        let s = d.style().unwrap();
        assert_eq!(s.fonts.body.file.as_deref(), Some("Cargo.toml"));
        assert_eq!(s.fonts.body.family, "仿宋_GB2312");
        assert_eq!(s.grid.line_pitch_twips, 560);
        assert_eq!(s.grid.lines, 22);
    }

    #[test]
    fn a_style_read_before_is_read_from_the_same_tables_only() {
        let style = |name: &str, text: &str| {
            Data::from_sources(vec![src(name, text)], &[])
                .unwrap()
                .style()
        };
        let a = "[style.grid]\nline_pitch_twips = 561\n";
        let b = "[style.grid]\nline_pitch_twips = 562\n[fonts.body]\nsize_pt = 15.5\n";
        for _ in 0..2 {
            let s = style("a.toml", a).unwrap();
            assert_eq!(s.grid.line_pitch_twips, 561);
            assert_eq!(s.fonts.body.size_pt, Style::default().fonts.body.size_pt);
            let s = style("b.toml", b).unwrap();
            assert_eq!((s.grid.line_pitch_twips, s.fonts.body.size_pt), (562, 15.5));
            // The same tables in another file, another order of keys: the same style.
            let s = style(
                "c.toml",
                "[fonts.body]\nsize_pt = 15.5\n[style.grid]\nline_pitch_twips = 562\n",
            );
            assert_eq!((s.unwrap().grid.line_pitch_twips), 562);
            // A bad value is reported every time, at its own place.
            let bad = style("d.toml", "\n[style.grid]\nline_pitch_twips = \"x\"\n").unwrap_err();
            assert_eq!(
                places(&bad),
                [(3, 20, "style.grid.line_pitch_twips".into())]
            );
        }
    }

    /// (line, col, fact) of each message.
    fn places(d: &Diagnostics) -> Vec<(usize, usize, String)> {
        d.0.iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                (l.line, l.col, d.fact.clone().unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn settings_errors_point_at_the_value() {
        let d = Data::from_sources(
            vec![src(
                "a.toml",
                "x = 1\n[report]\ntemplate = \"t\"\nfoo = 1\n[style.grid]\nline_pitch_twips = \"x\"\n[fonts.body]\nfile = \"\"\n",
            )],
            &[],
        )
        .unwrap();
        assert_eq!(
            places(&d.report_settings().unwrap_err()),
            [(4, 7, "report.foo".into())]
        );
        assert_eq!(
            places(&d.style().unwrap_err()),
            [(6, 20, "style.grid.line_pitch_twips".into())]
        );
        let d =
            Data::from_sources(vec![src("a.toml", "[fonts.body]\nfile = \"\"\n")], &[]).unwrap();
        assert_eq!(
            places(&d.style().unwrap_err()),
            [(2, 8, "fonts.body.file".into())]
        );
    }

    #[test]
    fn out_of_range_settings_are_errors_at_their_line() {
        let text = "[style.page]\nwidth_mm = nan\nheight_mm = 297\nleft_mm = 150\nright_mm = 50\n\
                    page_number_baseline_mm = inf\n[style.grid]\nchars = 4\nlines = 0\n\
                    [fonts.title]\nsize_pt = 1e30\n[fonts.body]\nfamily = \"a\\u0000\"\n";
        let d = Data::from_sources(vec![src("a.toml", text)], &[]).unwrap();
        let got = places(&d.style().unwrap_err());
        let facts: Vec<&str> = got.iter().map(|p| p.2.as_str()).collect();
        assert_eq!(
            facts,
            [
                "style.page.width_mm",
                "style.page.page_number_baseline_mm",
                "style.grid.lines",
                "style.grid.chars",
                "fonts.title.size_pt",
                "fonts.body.family"
            ]
        );
        assert_eq!((got[0].0, got[0].1), (2, 12));
        // Margins that leave no type area, with numbers each in range.
        let d = Data::from_sources(
            vec![src(
                "a.toml",
                "[style.page]\nleft_mm = 150\nright_mm = 50\n",
            )],
            &[],
        )
        .unwrap();
        assert_eq!(
            places(&d.style().unwrap_err()),
            [(2, 11, "style.page.left_mm".into())]
        );
        let d =
            Data::from_sources(vec![src("a.toml", "[report]\ndate = 0000-01-01\n")], &[]).unwrap();
        assert_eq!(
            places(&d.report_settings().unwrap_err()),
            [(2, 8, "report.date".into())]
        );
    }

    #[test]
    fn dates_become_plain_strings_for_templates() {
        let d =
            Data::from_sources(vec![src("a.toml", "[report]\ndate = 2012-10-10\n")], &[]).unwrap();
        assert_eq!(d.to_json()["report"]["date"], "2012-10-10");
        assert_eq!(
            d.report_settings().unwrap().date.unwrap().to_string(),
            "2012-10-10"
        );
    }
}
