//! Templates: a folder of Handlebars files that writes the report's narrative.
//!
//! A template folder holds `template.toml` (entry file, the script its text is written in, the
//! facts it treats as optional) and `*.hbs` files, registered by their path without the extension
//! (`sections/measures.hbs` is the partial `sections/measures`). Folders are found by name in
//! `./templates`, next to the data file, or among the templates built into the binary.
//!
//! Rendering is strict in ways handlebars-rust's own strict mode is not (it lets missing facts
//! through inside `#if`, `#each` and helper arguments): before rendering, [`TemplateSet::check`]
//! walks every template's syntax tree against the facts and reports each missing fact with the
//! template file, line and column. Escaping is off: `A&B <C>` comes out as written.

use crate::diag::Code;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use handlebars::template::{BlockParam, Parameter, Template, TemplateElement};
use handlebars::{Handlebars, RenderErrorReason};
use include_dir::{include_dir, Dir};
use serde::Deserialize;
use serde_json::Value as Json;

use crate::diag::texts::template as texts;
use crate::diag::{Diagnostic, Diagnostics, LineIndex, Location, Text};

mod check;

use check::*;

/// The templates built into the binary.
pub static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Helpers that Handlebars itself provides.
const BUILTIN_HELPERS: [&str; 7] = ["if", "unless", "each", "with", "lookup", "raw", "log"];

/// `template.toml`: what a template folder declares about itself.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The entry template (file name without `.hbs`), default `report`.
    #[serde(default = "default_entry")]
    pub entry: String,
    /// The script the template text is written in: "hans" or "hant".
    #[serde(default)]
    pub script: Option<String>,
    /// One line saying what the template is for, in Chinese as written (shown to Simplified
    /// readers, and to the others when there is no wording of theirs).
    #[serde(default)]
    pub description: Option<String>,
    /// The description in Traditional Chinese, when it is not `description` converted with s2tw.
    #[serde(default)]
    pub description_hant: Option<String>,
    /// The description in English.
    #[serde(default)]
    pub description_en: Option<String>,
    /// The kind of document it writes (工作汇报, 情况报告 …): `huibao init --template` accepts it
    /// as well as the folder name.
    #[serde(default)]
    pub kind: Option<String>,
    /// The kind in Traditional Chinese, when it is not `kind` converted with s2tw.
    #[serde(default)]
    pub kind_hant: Option<String>,
    /// The kind in English.
    #[serde(default)]
    pub kind_en: Option<String>,
    /// The built-in example data for it (a path inside `data/`), copied by `huibao init`.
    #[serde(default)]
    pub example: Option<String>,
    /// Facts that may be missing, with the value used when they are.
    #[serde(default)]
    pub defaults: toml::Table,
    /// Facts that may be missing without a default: only `#if`/`#unless`/`#with` may test them.
    #[serde(default)]
    pub optional: Vec<String>,
}

fn default_entry() -> String {
    "report".into()
}

/// One template file.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateFile {
    /// Registry name: path inside the folder without `.hbs`.
    pub name: String,
    /// Path shown in messages.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// A loaded, compiled template folder.
pub struct TemplateSet {
    /// Where it came from (a folder, or `builtin:NAME`).
    pub origin: PathBuf,
    /// Built into the binary: its paths name no files.
    pub builtin: bool,
    /// Its manifest.
    pub manifest: Manifest,
    /// Its files, sorted by name.
    pub files: Vec<TemplateFile>,
    /// Punctuation changes made to the template text (shown by `huibao check`).
    pub notes: Diagnostics,
    registry: Handlebars<'static>,
    helper_names: BTreeSet<String>,
    /// The registry that renders: templates marked with their provenance.
    marked: Handlebars<'static>,
    /// Where each template text piece starts (see [`crate::provenance`]).
    pub points: Vec<crate::provenance::TemplatePoint>,
    /// The line starts of each file, in the order of `files`.
    line_indexes: Vec<LineIndex>,
}

impl std::fmt::Debug for TemplateSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TemplateSet")
            .field("origin", &self.origin)
            .field("files", &self.files.len())
            .finish()
    }
}

/// Where to look for a template named `name` (not a path): `DATA_DIR/templates/NAME`, then
/// `DATA_DIR/NAME`, then `./templates/NAME`. A copy next to the data wins over the shared one.
pub fn candidate_dirs(name: &str, data_dir: Option<&Path>) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(d) = data_dir {
        v.push(d.join("templates").join(name));
        v.push(d.join(name));
    }
    v.push(Path::new("templates").join(name));
    v
}

impl TemplateSet {
    /// Loads a located template.
    pub fn load(located: &Located, normalize: bool) -> Result<TemplateSet, Diagnostics> {
        match located {
            Located::Dir(d) => TemplateSet::from_dir(d, normalize),
            Located::Builtin(name) => match BUILTIN.get_dir(name.as_str()) {
                Some(dir) => TemplateSet::from_builtin(name, dir, normalize),
                None => Err(not_found(name)),
            },
        }
    }
}

/// Where a template lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Located {
    /// A folder on disk.
    Dir(PathBuf),
    /// A template built into the binary, by name.
    Builtin(String),
}

/// Finds the template `name`: a folder path, a name in [`candidate_dirs`], or a built-in one.
pub fn locate(name: &str, data_dir: Option<&Path>) -> Result<Located, Diagnostics> {
    let as_path = Path::new(name);
    if as_path.is_dir() {
        return Ok(Located::Dir(as_path.to_path_buf()));
    }
    if let Some(d) = data_dir {
        let rel = d.join(name);
        if (name.contains('/') || name.contains('\\')) && rel.is_dir() {
            return Ok(Located::Dir(rel));
        }
    }
    for dir in candidate_dirs(name, data_dir) {
        if dir.join("template.toml").is_file() {
            return Ok(Located::Dir(dir));
        }
    }
    if BUILTIN.get_dir(name).is_some() {
        return Ok(Located::Builtin(name.to_string()));
    }
    Err(not_found(name))
}

fn not_found(name: &str) -> Diagnostics {
    let builtin = BUILTIN.dirs().filter_map(|d| d.path().to_str());
    Diagnostic::error(Code::TemplateNotFound, texts::template_not_found(name))
        .help(texts::template_not_found_help(Text::names(builtin)))
        .into()
}

impl TemplateSet {
    /// Loads a template folder from disk.
    pub fn from_dir(dir: &Path, normalize: bool) -> Result<TemplateSet, Diagnostics> {
        let manifest_path = dir.join("template.toml");
        let is_link =
            std::fs::symlink_metadata(&manifest_path).is_ok_and(|m| m.file_type().is_symlink());
        let inside = |p: &Path| match (p.canonicalize(), dir.canonicalize()) {
            (Ok(p), Ok(d)) => p.starts_with(d),
            _ => false,
        };
        if is_link && !inside(&manifest_path) {
            return Err(link_error(&manifest_path).into());
        }
        // A folder that is no template (`/`, `..` named by mistake) is not walked at all.
        if !manifest_path.is_file() && !dir.join(format!("{}.hbs", default_entry())).is_file() {
            return Err(Diagnostic::error(
                Code::TemplateNotFound,
                texts::not_template_folder(dir.display()),
            )
            .into());
        }
        let manifest_text = if manifest_path.is_file() {
            Some(crate::data::read_text(&manifest_path).map_err(Diagnostics::from)?)
        } else {
            None
        };
        let mut files = Vec::new();
        let mut diags = Diagnostics::default();
        collect_hbs(dir, &mut files, &mut diags);
        if diags.has_errors() {
            return Err(diags);
        }
        TemplateSet::build(
            dir.to_path_buf(),
            manifest_text.as_deref(),
            &manifest_path,
            files,
            normalize,
        )
    }

    /// Loads a template built into the binary.
    pub fn from_builtin(
        name: &str,
        dir: &Dir<'static>,
        normalize: bool,
    ) -> Result<TemplateSet, Diagnostics> {
        let origin = PathBuf::from(format!("builtin:{name}"));
        let mut files = Vec::new();
        let mut manifest_text = None;
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            stack.extend(d.dirs());
            for f in d.files() {
                let rel = f.path().strip_prefix(dir.path()).unwrap_or(f.path());
                let text = String::from_utf8_lossy(f.contents()).into_owned();
                if rel == Path::new("template.toml") {
                    manifest_text = Some(text);
                } else if rel.extension().is_some_and(|e| e == "hbs") {
                    files.push(TemplateFile {
                        name: registry_name(rel),
                        path: origin.join(rel),
                        text,
                    });
                }
            }
        }
        let manifest_path = origin.join("template.toml");
        let mut set = TemplateSet::build(
            origin,
            manifest_text.as_deref(),
            &manifest_path,
            files,
            normalize,
        )?;
        set.builtin = true;
        Ok(set)
    }

    fn build(
        origin: PathBuf,
        manifest_text: Option<&str>,
        manifest_path: &Path,
        mut files: Vec<TemplateFile>,
        normalize: bool,
    ) -> Result<TemplateSet, Diagnostics> {
        let mut diags = Diagnostics::default();
        let mut notes = Diagnostics::default();
        if normalize {
            for f in &mut files {
                let (text, changes) = normalize_outside_expressions(&f.text);
                let index = LineIndex::new(&f.text);
                for (offset, before, after) in changes {
                    notes.push(
                        Diagnostic::warning(
                            Code::NotePunct,
                            texts::punct_normalized(format!("{before} → {after}")),
                        )
                        .at(Location::from_offset_indexed(
                            &f.path,
                            &f.text,
                            &index,
                            offset,
                            before.len(),
                        )),
                    );
                }
                f.text = text;
            }
        }
        let manifest = match manifest_text {
            None => Manifest {
                entry: default_entry(),
                ..Manifest::default()
            },
            Some(text) => match toml::from_str::<Manifest>(text) {
                Ok(m) => m,
                Err(e) => {
                    let span = e.span().unwrap_or(0..0);
                    diags.push(
                        Diagnostic::error(
                            Code::Manifest,
                            texts::manifest_invalid(e.message().trim()),
                        )
                        .at(Location::from_offset(
                            manifest_path,
                            text,
                            span.start,
                            span.len(),
                        )),
                    );
                    Manifest::default()
                }
            },
        };
        // Defaults reach the outputs like facts: no control characters or direction marks.
        for (key, value) in &manifest.defaults {
            let mut texts = vec![value];
            while let Some(v) = texts.pop() {
                match v {
                    toml::Value::String(t) => {
                        if let Some(c) = t.chars().find(|&c| is_forbidden(c)) {
                            let text = manifest_text.unwrap_or("");
                            let at = text.find(key.as_str()).unwrap_or(0);
                            diags.push(
                                Diagnostic::error(
                                    Code::ControlChar,
                                    texts::default_control_char(key, format!("U+{:04X}", c as u32)),
                                )
                                .at(Location::from_offset(
                                    manifest_path,
                                    text,
                                    at,
                                    key.len(),
                                )),
                            );
                        }
                    }
                    toml::Value::Array(a) => texts.extend(a),
                    toml::Value::Table(t) => texts.extend(t.values()),
                    _ => {}
                }
            }
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(handlebars::no_escape);
        registry.set_prevent_indent(true);
        crate::helpers::register(&mut registry);
        for f in &files {
            // Template text reaches the outputs as it is: no control characters (the DOCX's XML
            // cannot hold them) and no invisible direction marks.
            if let Some((at, c)) = f.text.char_indices().find(|&(_, c)| is_forbidden(c)) {
                diags.push(
                    Diagnostic::error(
                        Code::ControlChar,
                        texts::template_control_char(format!("U+{:04X}", c as u32)),
                    )
                    .at(Location::from_offset(&f.path, &f.text, at, c.len_utf8()))
                    .help(texts::retype_char_help()),
                );
                continue;
            }
            if let Some((at, what)) = too_much(&f.text) {
                let d = match what {
                    TooMuch::Depth => Diagnostic::error(
                        Code::TemplateDepth,
                        texts::nested_too_deep(MAX_RENDER_DEPTH),
                    ),
                    TooMuch::Tags => {
                        Diagnostic::error(Code::TemplateSize, texts::template_too_large())
                    }
                };
                diags.push(d.at(Location::from_offset(&f.path, &f.text, at, 2)));
                continue;
            }
            if let Err(e) = registry.register_template_string(&f.name, &f.text) {
                let (line, col) = e.pos().unwrap_or((1, 1));
                let reason = e.reason().to_string();
                let first = reason.lines().next().unwrap_or("").trim().to_string();
                // handlebars reports an unclosed block at the end of the file; point at the
                // opening tag instead.
                let (message, line, col) = match unclosed_block(&f.text) {
                    Some((l, c, name)) if line > f.text.lines().count().saturating_sub(1) => {
                        (texts::block_unclosed(name), l, c)
                    }
                    _ => (
                        texts::template_syntax(template_reason(&first)),
                        line.min(f.text.lines().count().max(1)),
                        col,
                    ),
                };
                diags.push(
                    Diagnostic::error(Code::TemplateSyntax, message)
                        .at(Location::from_line_col(&f.path, &f.text, line, col))
                        .help(texts::template_syntax_help()),
                );
            }
        }
        if !files.iter().any(|f| f.name == manifest.entry) {
            diags.push(Diagnostic::error(
                Code::TemplateEntry,
                texts::no_entry_file(origin.display(), &manifest.entry),
            ));
        }
        if diags.has_errors() {
            return Err(diags);
        }
        let helper_names = BUILTIN_HELPERS
            .iter()
            .map(|s| s.to_string())
            .chain(crate::helpers::NAMES.iter().map(|s| s.to_string()))
            .collect();
        let names: Vec<(&str, &str)> = files
            .iter()
            .map(|f| (f.name.as_str(), f.text.as_str()))
            .collect();
        let (marked, points) = crate::provenance::mark(&registry, &names, &helper_names);
        let line_indexes = files.iter().map(|f| LineIndex::new(&f.text)).collect();
        Ok(TemplateSet {
            origin,
            builtin: false,
            manifest,
            files,
            registry,
            helper_names,
            notes,
            marked,
            points,
            line_indexes,
        })
    }

    /// The `{{…}}` expression a render error points at, as written.
    fn expression_at(&self, e: &handlebars::RenderError) -> Option<String> {
        let name = e.template_name.as_ref()?;
        let loc = self.at(name, e.line_no?, e.column_no.unwrap_or(1))?;
        let line = loc.source_line?;
        let rest: String = line.chars().skip(loc.col.saturating_sub(1)).collect();
        let end = rest.find("}}")? + 2;
        Some(rest[..end].to_string())
    }

    /// The location of `line`, `col` in the template file `name` (registry name).
    fn at(&self, name: &str, line: usize, col: usize) -> Option<Location> {
        let i = self.files.iter().position(|f| f.name == name)?;
        let f = &self.files[i];
        Some(match self.line_indexes.get(i) {
            Some(index) => Location::from_line_col_indexed(&f.path, &f.text, index, line, col),
            None => Location::from_line_col(&f.path, &f.text, line, col),
        })
    }

    /// The file of a registered template name.
    pub fn file(&self, name: &str) -> Option<&TemplateFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Adds the manifest's defaults for facts the data lacks.
    pub fn apply_defaults(&self, data: &mut Json) {
        for (path, value) in &self.manifest.defaults {
            let segs: Vec<&str> = path.split('.').collect();
            let mut cur = &mut *data;
            for (i, seg) in segs.iter().enumerate() {
                let Json::Object(map) = cur else { break };
                if i + 1 == segs.len() {
                    map.entry(seg.to_string())
                        .or_insert_with(|| crate::data::to_json(value));
                    break;
                }
                cur = map
                    .entry(seg.to_string())
                    .or_insert_with(|| Json::Object(Default::default()));
            }
        }
    }

    /// Checks every template against the facts without rendering: missing facts (also inside
    /// `#if`, `#each`, `#with` and helper arguments), unknown helpers and partials, partials that
    /// include themselves. Returns the problems and the set of fact paths the templates use.
    pub fn check(&self, data: &Json) -> (Diagnostics, BTreeSet<String>) {
        let mut w = Walker {
            set: self,
            diags: Diagnostics::default(),
            used: BTreeSet::new(),
            partial_stack: Vec::new(),
            optional: self
                .manifest
                .optional
                .iter()
                .cloned()
                .chain(self.manifest.defaults.keys().cloned())
                .collect(),
            seen: BTreeSet::new(),
            guards: Vec::new(),
            depth: 0,
            too_deep: false,
        };
        let root = Scope {
            values: vec![(String::new(), data)],
            item_name: None,
            index_name: None,
        };
        w.walk_named(&self.manifest.entry, &[root], None);
        (w.diags, w.used)
    }

    /// Renders the entry template with `data` (strict: a missing fact is an error). The text
    /// carries provenance markers: expression outputs are literal text tagged with their fact,
    /// template text with its file, line and column (see [`crate::provenance`]).
    /// The facts are taken, not copied.
    pub fn render(&self, data: Json) -> Result<crate::provenance::Rendered, Diagnostics> {
        crate::provenance::render(&self.marked, &self.manifest.entry, data)
            .map_err(|e| self.render_error(&e).into())
    }

    fn render_error(&self, e: &handlebars::RenderError) -> Diagnostic {
        let reason = e.reason();
        let (message, fact) = match reason {
            RenderErrorReason::MissingVariable(path) => {
                match path.clone().filter(|p| !p.is_empty()) {
                    Some(p) => (texts::fact_missing(&p), Some(p)),
                    // A lookup names no path: show the expression.
                    None => {
                        let expr = self
                            .expression_at(e)
                            .unwrap_or_else(|| "{{lookup …}}".into());
                        (texts::lookup_nothing(expr), None)
                    }
                }
            }
            RenderErrorReason::HelperNotFound(h) => (texts::helper_unknown(h), None),
            RenderErrorReason::PartialNotFound(p) => (texts::partial_not_found(p), None),
            _ => match crate::helpers::helper_error(e) {
                Some(h) => (h.message.clone(), h.fact.clone()),
                None => (texts::render_failed(nested_message(e)), None),
            },
        };
        let mut d = Diagnostic::error(Code::Render, message);
        if let Some(f) = fact {
            d = d.fact(f);
        }
        if let (Some(name), Some(line)) = (&e.template_name, e.line_no) {
            if let Some(loc) = self.at(name, line, e.column_no.unwrap_or(1)) {
                d = d.at(loc);
            }
        }
        d
    }
}

fn nested_message(e: &handlebars::RenderError) -> String {
    match e.reason() {
        RenderErrorReason::NestedError(inner) => inner.to_string(),
        RenderErrorReason::Other(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The last block tag (`{{#name …}}`) left open at the end of `text`: line, column, name.
fn unclosed_block(text: &str) -> Option<(usize, usize, String)> {
    let mut stack: Vec<(usize, usize, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        let mut col = 1;
        while let Some(p) = rest.find("{{") {
            let tag = rest[p + 2..].trim_start_matches('~');
            let name: String = tag
                .chars()
                .skip(1)
                .take_while(|c| !c.is_whitespace() && *c != '}' && *c != '~')
                .collect();
            let at = col + rest[..p].chars().count();
            if tag.starts_with('#') && !tag.starts_with("#>") {
                stack.push((i + 1, at, name));
            } else if tag.starts_with('/') {
                if let Some(pos) = stack.iter().rposition(|s| s.2 == name) {
                    stack.truncate(pos);
                }
            }
            col = at + 2;
            rest = &rest[p + 2..];
        }
    }
    stack.pop()
}

/// The parser's first line of a syntax error, explained where it says what it expected or
/// that a block is not closed.
fn template_reason(first: &str) -> Text {
    if first.contains("expected") {
        texts::syntax_expected(first)
    } else if first.contains("not closed") || first.contains("unclosed") {
        texts::syntax_unclosed(first)
    } else {
        Text::same(first)
    }
}

/// Normalizes punctuation in the literal text of a template, leaving every `{{…}}` expression
/// as written. Returns the new text and each change as (byte offset in the old text, before,
/// after).
fn normalize_outside_expressions(text: &str) -> (String, Vec<(usize, String, String)>) {
    let mut out = String::with_capacity(text.len());
    let mut changes = Vec::new();
    let mut rest = text;
    let mut base = 0;
    while !rest.is_empty() {
        let (lit, expr) = match rest.find("{{") {
            Some(i) => {
                let end = rest[i..].find("}}").map_or(rest.len(), |j| i + j + 2);
                (&rest[..i], &rest[i..end])
            }
            None => (rest, ""),
        };
        let (fixed, ch) = crate::zh::punct::normalize(lit);
        changes.extend(ch.into_iter().map(|c| (base + c.offset, c.before, c.after)));
        out.push_str(&fixed);
        out.push_str(expr);
        let consumed = lit.len() + expr.len();
        base += consumed;
        rest = &rest[consumed..];
    }
    (out, changes)
}

fn registry_name(rel: &Path) -> String {
    rel.with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Control characters other than line breaks and tabs, and invisible direction marks: text
/// that reaches an output may not hold them.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The most entries (files and folders) a template folder may hold: a template is a handful
/// of files, and a folder such as `/` named by mistake is refused instead of walked.
const MAX_TEMPLATE_ENTRIES: usize = 10_000;
/// The deepest folder nesting inside a template folder.
const MAX_TEMPLATE_DEPTH: usize = 16;

/// Collects the `.hbs` files under `root`. Links are not walked: a linked `.hbs` file is read
/// only when it leads to a regular file inside the template folder, a link to a folder is an
/// error; so is a folder with more than [`MAX_TEMPLATE_ENTRIES`] entries or deeper than
/// [`MAX_TEMPLATE_DEPTH`].
fn collect_hbs(root: &Path, out: &mut Vec<TemplateFile>, diags: &mut Diagnostics) {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut seen = 0usize;
    let mut stack = vec![(root.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    Code::Read,
                    texts::folder_unreadable(dir.display(), e),
                ));
                return;
            }
        };
        let mut paths = Vec::new();
        for e in entries.flatten() {
            seen += 1;
            if seen > MAX_TEMPLATE_ENTRIES {
                diags.push(Diagnostic::error(
                    Code::TemplateFolder,
                    texts::folder_too_many_entries(root.display(), MAX_TEMPLATE_ENTRIES),
                ));
                return;
            }
            paths.push((e.path(), e.file_type().ok()));
        }
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        for (p, kind) in paths {
            let is_hbs = p.extension().is_some_and(|e| e == "hbs");
            match kind {
                Some(k) if k.is_dir() => {
                    if depth + 1 > MAX_TEMPLATE_DEPTH {
                        diags.push(Diagnostic::error(
                            Code::TemplateFolder,
                            texts::folder_too_deep(root.display(), MAX_TEMPLATE_DEPTH),
                        ));
                        return;
                    }
                    stack.push((p, depth + 1));
                }
                Some(k) if k.is_symlink() => {
                    let target = p.canonicalize().ok();
                    let inside_file = target
                        .as_ref()
                        .is_some_and(|t| t.starts_with(&canonical_root) && t.is_file());
                    if is_hbs && inside_file {
                        read_hbs(root, &p, out, diags);
                    } else if is_hbs || target.as_ref().is_some_and(|t| t.is_dir()) {
                        diags.push(link_error(&p));
                    }
                }
                _ if is_hbs => read_hbs(root, &p, out, diags),
                _ => {}
            }
        }
    }
}

fn read_hbs(root: &Path, p: &Path, out: &mut Vec<TemplateFile>, diags: &mut Diagnostics) {
    match crate::data::read_text(p) {
        Ok(text) => out.push(TemplateFile {
            name: registry_name(p.strip_prefix(root).unwrap_or(p)),
            path: p.to_path_buf(),
            text,
        }),
        Err(d) => diags.push(d),
    }
}

/// A link in a template folder that leads out of it, or to a folder.
fn link_error(p: &Path) -> Diagnostic {
    Diagnostic::error(Code::TemplateLink, texts::template_link(p.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set(files: &[(&str, &str)], manifest: &str) -> TemplateSet {
        TemplateSet::build(
            PathBuf::from("t"),
            Some(manifest),
            Path::new("t/template.toml"),
            files
                .iter()
                .map(|(n, t)| TemplateFile {
                    name: n.to_string(),
                    path: PathBuf::from(format!("t/{n}.hbs")),
                    text: t.to_string(),
                })
                .collect(),
            true,
        )
        .unwrap()
    }

    fn missing(d: &Diagnostics) -> Vec<(String, usize, usize)> {
        d.0.iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                (d.fact.clone().unwrap_or_default(), l.line, l.col)
            })
            .collect()
    }

    #[test]
    fn missing_facts_found_in_each_if_with_and_helper_args() {
        let s = set(
            &[(
                "report",
                "{{org.name}}\n{{#each items}}{{this.titel}}{{/each}}\n{{#if flag}}x{{/if}}\n{{#with org}}{{addr}}{{/with}}\n{{lookup org nmae}}\n",
            )],
            "",
        );
        let data = json!({"org": {"name": "县科协"}, "items": [{"title": "a"}, {"title": "b"}]});
        let (d, used) = s.check(&data);
        assert_eq!(
            missing(&d),
            vec![
                ("items[0].titel".into(), 2, 16),
                ("flag".into(), 3, 1),
                ("org.addr".into(), 4, 14),
                ("nmae".into(), 5, 1),
            ]
        );
        assert!(used.contains("org.name"));
    }

    #[test]
    fn optional_facts_may_be_tested_but_not_printed() {
        let s = set(
            &[(
                "report",
                "{{#if note}}{{note}}{{/if}}{{#if sub}}{{sub}}{{/if}}",
            )],
            "optional = [\"note\"]\n[defaults]\nsub = \"副\"\n",
        );
        let mut data = json!({});
        s.apply_defaults(&mut data);
        let (d, _) = s.check(&data);
        assert_eq!(d.0.len(), 0, "{d:?}");
        assert_eq!(
            crate::provenance::strip(&s.render(data).unwrap().text),
            "副"
        );
        let s2 = set(&[("report", "{{note}}")], "optional = [\"note\"]\n");
        assert_eq!(s2.check(&json!({})).0 .0[0].code, "E-FACT-MISSING");
    }

    #[test]
    fn escaping_is_off_and_fact_braces_are_not_evaluated() {
        let s = set(&[("report", "{{name}}")], "");
        let out = s.render(json!({"name": "A&B <C> {{x}}"})).unwrap();
        assert_eq!(crate::provenance::strip(&out.text), "A&B <C> {{x}}");
        assert_eq!(out.facts, vec![Some("name".to_string())]);
    }

    #[test]
    fn partial_loops_and_unknown_partials_are_reported() {
        let s = set(
            &[("report", "{{> a}}"), ("a", "{{> report}}{{> nope}}")],
            "",
        );
        let (d, _) = s.check(&json!({}));
        let codes: Vec<&str> = d.0.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.contains(&"E-PARTIAL-LOOP"), "{codes:?}");
        assert!(codes.contains(&"E-PARTIAL"), "{codes:?}");
    }

    #[test]
    fn syntax_errors_in_every_file_are_listed() {
        let r = TemplateSet::build(
            PathBuf::from("t"),
            None,
            Path::new("t/template.toml"),
            vec![
                TemplateFile {
                    name: "report".into(),
                    path: "t/report.hbs".into(),
                    text: "ok\n{{broken}\n".into(),
                },
                TemplateFile {
                    name: "b".into(),
                    path: "t/b.hbs".into(),
                    text: "{{#if x}}".into(),
                },
            ],
            true,
        );
        let d = r.unwrap_err();
        assert_eq!(d.0.len(), 2);
        let l = d.0[1].location.as_ref().unwrap();
        assert_eq!((l.file(), l.line), (Some(Path::new("t/report.hbs")), 2));
    }

    #[test]
    fn template_text_is_normalized_outside_expressions() {
        let (text, changes) =
            normalize_outside_expressions("我縣(一)好!{{join a last=\"、\"}}與{{x}}:完");
        assert_eq!(text, "我縣（一）好！{{join a last=\"、\"}}與{{x}}：完");
        assert_eq!(changes.len(), 4, "{changes:?}");
        assert_eq!(changes[0].0, "我縣".len());
    }

    #[test]
    fn unclosed_blocks_are_found_at_their_opening_tag() {
        assert_eq!(
            unclosed_block("a\n{{#each x}}{{#if y}}b{{/if}}\n"),
            Some((2, 1, "each".to_string()))
        );
        assert_eq!(unclosed_block("{{#if a}}{{/if}}"), None);
    }

    #[test]
    fn helper_arguments_of_the_wrong_kind_are_all_reported_before_rendering() {
        let s = set(
            &[(
                "report",
                "{{count n}}\n{{date d}}\n{{cn l}}\n{{#each xs}}{{join this}}{{/each}}\n{{join ok}}",
            )],
            "",
        );
        let data = json!({"n": 3, "d": "昨天", "l": [1], "xs": [[1], 2], "ok": ["a"]});
        let (d, _) = s.check(&data);
        let found: Vec<(String, usize)> =
            d.0.iter()
                .map(|d| (d.fact.clone().unwrap(), d.location.as_ref().unwrap().line))
                .collect();
        assert_eq!(
            found,
            vec![
                ("n".into(), 1),
                ("d".into(), 2),
                ("l".into(), 3),
                ("xs[1]".into(), 4)
            ]
        );
        assert!(d.0.iter().all(|d| d.code == "E-TYPE"));
    }

    #[test]
    fn block_params_and_parent_paths_resolve() {
        let s = set(
            &[(
                "report",
                "{{#each groups as |g i|}}{{g.name}}{{i}}{{../title}}{{@index}}{{/each}}",
            )],
            "",
        );
        let (d, _) = s.check(&json!({"title": "t", "groups": [{"name": "a"}]}));
        assert!(d.0.is_empty(), "{d:?}");
    }
}
