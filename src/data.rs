//! Facts: layered TOML files merged in order, then `--set key=value` overrides.
//!
//! Tables merge recursively; later scalars and arrays replace earlier ones. Every value remembers
//! the file and byte span that supplied it, so a message about a fact can point at the line the
//! user has to edit. The `[report]`, `[style]` and `[fonts]` tables are settings, not facts.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue};
use toml::{Table, Value};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::style::Style;

/// Top-level tables that hold settings rather than facts.
pub const SETTING_TABLES: [&str; 3] = ["report", "style", "fonts"];

/// One source of data: a file, or the `--set` arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The file as the user named it (`--set` for command-line overrides).
    pub name: PathBuf,
    /// Its text.
    pub text: String,
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
    /// Loads and merges `files` in order, then applies `sets` (`dotted.key=value`).
    /// Reports every syntax error of every file, not just the first.
    pub fn load(files: &[PathBuf], sets: &[String]) -> Result<Data, Diagnostics> {
        let mut sources = Vec::new();
        let mut diags = Diagnostics::default();
        for file in files {
            match read_text(file) {
                Ok(text) => sources.push(Source {
                    name: file.clone(),
                    text,
                }),
                Err(d) => diags.push(d),
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Data::from_sources(sources, sets)
    }

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
                    // origins with it.
                    for path in origins.keys() {
                        if is_table_path(&data.table, path) {
                            continue;
                        }
                        let (dot, idx) = (format!("{path}."), format!("{path}["));
                        data.origins.retain(|k, _| {
                            !(k.starts_with(&dot) || k.starts_with(&idx)) || origins.contains_key(k)
                        });
                    }
                    data.origins.extend(origins);
                }
                Err(errs) => diags.0.extend(errs.0),
            }
            data.sources.push(source);
        }
        if !sets.is_empty() {
            let text = sets.join("\n");
            let index = data.sources.len();
            let mut offset = 0;
            for set in sets {
                match parse_set(set) {
                    Ok((path, value)) => {
                        let span = offset..offset + set.len();
                        insert_path(&mut data.table, &path, value);
                        data.origins.insert(
                            path.join("."),
                            Origin {
                                source: index,
                                span: span.clone(),
                            },
                        );
                    }
                    Err(msg) => diags.push(
                        Diagnostic::error(
                            "E-SET",
                            format!("--set 参数无法解析：{}", msg.0),
                            format!("cannot read --set argument: {}", msg.1),
                        )
                        .at(Location::from_offset(
                            Path::new("--set"),
                            &text,
                            offset,
                            set.len(),
                        ))
                        .help(
                            "写成 键路径=值，例如 --set envoys.first_batch=80",
                            "write key.path=value, e.g. --set envoys.first_batch=80",
                        ),
                    ),
                }
                offset += set.len() + 1;
            }
            data.sources.push(Source {
                name: PathBuf::from("--set"),
                text,
            });
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
            if let Some(o) = self.origins.get(&p) {
                let src = self.sources.get(o.source)?;
                return Some(Location::from_offset(
                    &src.name,
                    &src.text,
                    o.span.start,
                    o.span.len(),
                ));
            }
            let cut = p.rfind(['.', '['])?;
            p.truncate(cut);
        }
    }

    /// The `[report]` settings.
    pub fn report_settings(&self) -> Result<ReportSettings, Diagnostic> {
        self.setting_table("report")
    }

    /// The style: GB/T 9704 defaults, overridden by `[style]` and `[fonts]`.
    pub fn style(&self) -> Result<Style, Diagnostic> {
        let mut style_table = match self.table.get("style") {
            Some(Value::Table(t)) => t.clone(),
            Some(_) => return Err(self.type_error("style", "表", "table")),
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
            Some(_) => return Err(self.type_error("fonts", "表", "table")),
            None => {}
        }
        // Overrides merge into the defaults, so `[fonts.body] file = …` keeps the family.
        let mut full = match Value::try_from(Style::default()) {
            Ok(Value::Table(t)) => t,
            _ => Table::new(),
        };
        merge(&mut full, style_table);
        Style::deserialize(Value::Table(full)).map_err(|e| self.settings_error("style", e))
    }

    fn setting_table<T: for<'de> Deserialize<'de> + Default>(
        &self,
        name: &str,
    ) -> Result<T, Diagnostic> {
        match self.table.get(name) {
            None => Ok(T::default()),
            Some(v) => T::deserialize(v.clone()).map_err(|e| self.settings_error(name, e)),
        }
    }

    fn settings_error(&self, name: &str, e: toml::de::Error) -> Diagnostic {
        let msg = e.message().to_string();
        let mut d = Diagnostic::error(
            "E-SETTING",
            format!("[{name}] 设置有误：{msg}"),
            format!("invalid [{name}] setting: {msg}"),
        )
        .fact(name);
        if let Some(loc) = self.location(name) {
            d = d.at(loc);
        }
        d
    }

    fn type_error(&self, path: &str, zh_ty: &str, en_ty: &str) -> Diagnostic {
        let mut d = Diagnostic::error(
            "E-TYPE",
            format!("“{path}”应当是{zh_ty}"),
            format!("`{path}` must be a {en_ty}"),
        )
        .fact(path);
        if let Some(loc) = self.location(path) {
            d = d.at(loc);
        }
        d
    }

    /// The facts as JSON for the templates: every table, settings included, TOML dates as
    /// `YYYY-MM-DD` strings.
    pub fn to_json(&self) -> serde_json::Value {
        to_json(&Value::Table(self.table.clone()))
    }

    /// Every leaf fact path with its value, settings tables excluded (for "unused fact" checks
    /// and diffs).
    pub fn leaf_facts(&self) -> Vec<(String, &Value)> {
        let mut out = Vec::new();
        for (k, v) in &self.table {
            if !SETTING_TABLES.contains(&k.as_str()) {
                collect_leaves(k.clone(), v, &mut out);
            }
        }
        out
    }
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

/// Reads a text file, naming the file in any error.
pub fn read_text(file: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(file).map_err(|e| {
        Diagnostic::error(
            "E-READ",
            format!("无法读取文件 {}：{}", file.display(), io_reason_zh(&e)),
            format!("cannot read {}: {e}", file.display()),
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let off = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..off]).into_owned();
        let mut d = Diagnostic::error(
            "E-UTF8",
            format!("文件 {} 不是 UTF-8 编码", file.display()),
            format!("{} is not UTF-8 text", file.display()),
        )
        .help(
            "请用 UTF-8 编码另存该文件（记事本：另存为 → 编码 UTF-8）",
            "save the file as UTF-8",
        );
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let lossy = String::from_utf8_lossy(e.as_bytes());
        d = d.at(Location {
            file: file.to_path_buf(),
            line,
            col,
            source_line: lossy.lines().nth(line - 1).map(str::to_string),
            len: 1,
        });
        d
    })
}

/// A short Chinese reason for an I/O error.
pub fn io_reason_zh(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件不存在",
        PermissionDenied => "没有权限",
        IsADirectory => "这是一个文件夹",
        _ => "读写失败",
    }
}

type Origins = BTreeMap<String, Origin>;

fn parse_layer(source: &Source, index: usize) -> Result<(Table, Origins), Diagnostics> {
    let (de, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        let mut diags = Diagnostics::default();
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            let mut d = Diagnostic::error(
                "E-TOML",
                format!("TOML 语法错误：{}", toml_message_zh(e.message())),
                format!("TOML syntax error: {}", e.message().trim()),
            )
            .at(Location::from_offset(
                &source.name,
                &source.text,
                span.start,
                span.len(),
            ));
            if e.message().contains("unquoted key") || e.message().contains("string") {
                d = d.help(
                    "中文键名要加英文双引号，例如 \"单位\" = \"县科协\"；文字值也要加双引号",
                    "quote Chinese keys, e.g. \"单位\" = \"县科协\"; quote text values",
                );
            }
            diags.push(d);
        }
        return Err(diags);
    }
    let table: Table = match toml::from_str(&source.text) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            return Err(Diagnostic::error(
                "E-TOML",
                format!("TOML 内容有误：{}", e.message().trim()),
                format!("invalid TOML: {}", e.message().trim()),
            )
            .at(Location::from_offset(
                &source.name,
                &source.text,
                span.start,
                span.len(),
            ))
            .into());
        }
    };
    let mut origins = Origins::new();
    collect_origins_table(de.get_ref(), "", index, &mut origins);
    Ok((table, origins))
}

fn toml_message_zh(msg: &str) -> String {
    let m = msg.trim();
    let zh = if m.contains("invalid unquoted key") {
        "键名含有不能直接书写的字符（中文键名需要加双引号）"
    } else if m.contains("recurse") || m.contains("recursion") {
        "嵌套层数太深"
    } else if m.contains("duplicate key") {
        "同一个键写了两次"
    } else if m.contains("unclosed") || m.contains("unterminated") || m.contains("missing") {
        "引号或括号没有闭合"
    } else if m.contains("string values must be quoted") || m.contains("invalid string") {
        "字符串需要用双引号括起来"
    } else {
        return format!("格式不正确（{m}）");
    };
    format!("{zh}（{m}）")
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

fn parse_set(set: &str) -> Result<(Vec<String>, Value), (String, String)> {
    let Some((key, value)) = set.split_once('=') else {
        return Err(("缺少“=”".into(), "missing `=`".into()));
    };
    let path: Vec<String> = key
        .trim()
        .split('.')
        .map(|s| s.trim().trim_matches('"').to_string())
        .collect();
    if path.iter().any(String::is_empty) {
        return Err((
            format!("键路径“{key}”中有空的部分"),
            format!("empty segment in key path `{key}`"),
        ));
    }
    let value = value.trim();
    let parsed = toml::from_str::<Table>(&format!("v = {value}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| Value::String(value.to_string()));
    Ok((path, parsed))
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
            (loc.file.to_str(), loc.line, loc.col),
            (Some("meeting.toml"), 2, 15)
        );
        assert_eq!(
            d.location("envoys.experts").unwrap().file,
            Path::new("--set")
        );
        // The replaced array's old element origins are gone; the new one points at meeting.toml.
        assert_eq!(
            d.location("envoys.list[0]").unwrap().file,
            Path::new("meeting.toml")
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
        assert!(err.0[0].zh.contains("双引号"));
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
                "[fonts.body]\nfile = \"/x.ttf\"\n[style.grid]\nline_pitch_twips = 560\n",
            )],
            &[],
        )
        .unwrap();
        let s = d.style().unwrap();
        assert_eq!(s.fonts.body.file.as_deref(), Some("/x.ttf"));
        assert_eq!(s.fonts.body.family, "仿宋_GB2312");
        assert_eq!(s.grid.line_pitch_twips, 560);
        assert_eq!(s.grid.lines, 22);
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
