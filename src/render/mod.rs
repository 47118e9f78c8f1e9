//! The pipeline: data files → facts → template → markup → document model → output files.
//!
//! [`build`] does everything up to the model and collects every problem on the way; an
//! [`Engine`] then writes the requested formats, keeping what is costly to load (fonts) for
//! the next report of a batch.

use crate::diag::Code;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use include_dir::{include_dir, Dir};
use serde_json::Value as Json;

use crate::data::{Data, ReportSettings, Source};
use crate::diag::texts::template as texts;
use crate::diag::{Diagnostic, Diagnostics, Location, Text};
use crate::fonts::{FontOptions, FontSet};
use crate::layout::table::TableGeometry;
use crate::meta::Meta;
use crate::model::Document;
use crate::style::Style;
use crate::template::{Located, TemplateSet};

mod engine;
mod facts;
mod locate;

pub use engine::Engine;
use facts::{clean_facts, unused_facts};
pub use locate::locate_char;
use locate::locate_line;

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

    /// Parses a comma-separated list such as `docx,pdf` (for `--format` and a manifest's
    /// `formats`); the error names the first unknown format as written, or says the list is
    /// empty.
    pub fn parse_list(s: &str) -> Result<Vec<Format>, Text> {
        let mut v = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let f = match part.to_ascii_lowercase().as_str() {
                "txt" | "text" => Format::Txt,
                "docx" | "word" => Format::Docx,
                "pdf" => Format::Pdf,
                "ofd" => Format::Ofd,
                _ => return Err(texts::format_unknown(part, FORMAT_NAMES)),
            };
            if !v.contains(&f) {
                v.push(f);
            }
        }
        if v.is_empty() {
            return Err(texts::no_format(FORMAT_NAMES));
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
    /// For each block of `doc`, the line of the rendered text (from 1) it starts on.
    pub block_lines: Vec<usize>,
    /// The style it is drawn in.
    pub style: Style,
    /// Output script.
    pub script: crate::zh::Script,
    /// Output file stem (sanitized).
    pub stem: String,
    /// The merged data.
    pub data: Data,
    /// Its `[report]` settings, read once.
    pub settings: ReportSettings,
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
    /// overwrite one of them. A built-in template's files are none.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = (self.data.sources.iter())
            .filter(|s| !s.is_settings())
            .map(|s| s.name.clone())
            .collect();
        if !self.template.builtin {
            v.extend(self.template.files.iter().map(|f| f.path.clone()));
            v.push(self.template.origin.join("template.toml"));
        }
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
            Err(d) if !f.exists() && f.file_name() == Some(EXAMPLE_FILE.as_ref()) => {
                diags.push(d.help(texts::example_help()))
            }
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
    build_with(req, None, None)
}

/// Called by [`build_with`] once it knows the style and script a report's fonts are loaded
/// for, so that loading them can start while the templates compile and render.
type FontsKnown<'a> = &'a dyn Fn(&Style, crate::zh::Script);

/// The files of a report, made but not yet written ([`Engine::produce`]).
#[derive(Debug)]
pub struct Produced {
    /// Each file's path and bytes, in the order of the formats.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// The report's input files, which no output may replace ([`Built::inputs`]).
    pub inputs: Vec<PathBuf>,
    /// The number of pages the layout made, when a PDF or OFD was made.
    pub pages: Option<usize>,
    /// Warnings found while making the files.
    pub warnings: Diagnostics,
}

impl Produced {
    /// Writes the files as one set, atomically ([`crate::output::write_set`]).
    pub fn write(self) -> Result<Written, Diagnostics> {
        crate::output::write_set(&self.files, &self.inputs)?;
        Ok(Written {
            paths: self.files.into_iter().map(|(p, _)| p).collect(),
            pages: self.pages,
            warnings: self.warnings,
        })
    }
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

fn build_with(
    req: &Request,
    templates: Option<&TemplateCache>,
    fonts_known: Option<FontsKnown>,
) -> Result<Built, Diagnostics> {
    if req.data_files.is_empty() {
        return Err(Diagnostic::error(Code::NoData, texts::no_data_file()).into());
    }
    let sources = read_sources(&req.data_files)?;
    let mut data = Data::from_sources(sources, &req.sets)?;
    let (settings, mut style) = match (data.report_settings(), data.style()) {
        (Ok(settings), Ok(style)) => (settings, style),
        (a, b) => {
            let mut all = a.err().unwrap_or_default();
            all.0.extend(b.err().unwrap_or_default().0);
            return Err(all);
        }
    };

    // A Traditional report prefers the GBK faces of the families its data does not name.
    let prefer_gbk = |style: &mut Style, script: crate::zh::Script| {
        if script.is_traditional() {
            crate::typeset::families::prefer_gbk_faces(&mut style.fonts, |role| {
                data.get(&format!("fonts.{role}.family")).is_some()
            });
        }
    };
    // The script the command line or the data ask for (an unknown name is reported below,
    // after the template's problems); else the template's.
    let asked_script = match (req.script, &settings.script) {
        (Some(s), _) => Some(Ok(s)),
        (None, Some(s)) => Some(parse_script(
            Some(s),
            "report.script",
            data.location("report.script"),
        )),
        (None, None) => None,
    };
    // Known before the template: the fonts can start loading now.
    let early_script = asked_script.as_ref().and_then(|s| s.as_ref().ok().copied());
    if let (Some(known), Some(script)) = (fonts_known, early_script) {
        let mut early = style.clone();
        prefer_gbk(&mut early, script);
        known(&early, script);
    }

    let Some(template_name) = req.template.clone().or(settings.template.clone()) else {
        return Err(Diagnostic::error(Code::NoTemplate, texts::no_template()).into());
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
    let script = match asked_script {
        Some(asked) => asked?,
        None => template_script,
    };
    style.line_breaking.lang = script.into();
    for (key, value, valid) in [
        ("report.ofd", &settings.ofd, &["ofd", "ofd-a"][..]),
        ("report.pdf_standard", &settings.pdf_standard, &["a-2b"][..]),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !valid.contains(v)) {
            let d = Diagnostic::error(
                Code::Setting,
                texts::setting_unknown_value(key, v, Text::names(valid)),
            );
            return Err(match data.location(key) {
                Some(loc) => d.at(loc).into(),
                None => d.into(),
            });
        }
    }
    prefer_gbk(&mut style, script);
    if let (Some(known), None) = (fonts_known, early_script) {
        known(&style, script);
    }

    let mut json = data.take_json();
    // Declared relations between figures ([checks]), on the facts as written.
    let mut diags = crate::checks::run(&data, &json);
    clean_facts(
        &mut json,
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
    let (doc, block_lines, markup_diags) = crate::markup::parse_mapped(&rendered.text, &|line| {
        locate_line(line, &rendered.facts, &data, &template)
    });
    diags.0.extend(markup_diags.0);
    if doc.blocks.is_empty() {
        let entry = template.file(&template.manifest.entry);
        let mut d = Diagnostic::error(Code::Empty, texts::template_empty());
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
        block_lines,
        style,
        script,
        stem,
        data,
        settings,
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
        d.message = if data.get(fact).is_some() {
            texts::from_cell(&d.message, cell)
        } else {
            texts::from_empty_cell(&d.message, cell)
        };
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
        let d = Diagnostic::error(Code::Script, texts::script_unknown(what, name));
        match location {
            Some(loc) => d.at(loc).into(),
            None => d.into(),
        }
    })
}

/// The one date a document carries (the time stamp of tracked changes), as ISO 8601 UTC:
/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else the report's `[report] date`, else
/// 2000-01-01. Never the clock.
///
/// A `SOURCE_DATE_EPOCH` that is not a whole number of seconds within the years 1–9999 is an
/// error: a DOCX date outside them is invalid.
pub fn document_timestamp(settings: &ReportSettings) -> Result<String, Diagnostic> {
    if let Ok(raw) = std::env::var("SOURCE_DATE_EPOCH") {
        // 0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z
        const RANGE: std::ops::RangeInclusive<i64> = -62_135_596_800..=253_402_300_799;
        return match raw.trim().parse::<i64>() {
            Ok(secs) if RANGE.contains(&secs) => Ok(iso_utc(secs)),
            _ => Err(Diagnostic::error(
                Code::Date,
                texts::source_date_epoch_invalid(raw),
            )),
        };
    }
    Ok(settings
        .date
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
    fn the_inputs_an_output_may_not_overwrite_are_files() {
        let req = Request {
            data_files: vec![PathBuf::from("data/lushi-2012.toml")],
            sets: vec!["envoys.first_batch=80".into()],
            template: Some("templates/kepu-huibao".into()),
            ..Request::default()
        };
        let mut built = build(&req).unwrap();
        let inputs = built.inputs();
        assert!(inputs.contains(&PathBuf::from("data/lushi-2012.toml")));
        assert!(inputs.contains(&PathBuf::from("templates/kepu-huibao/template.toml")));
        assert!(inputs.iter().all(|p| p.is_file()), "{inputs:?}");
        // The same template built into the binary names no files; `--set` is no file either.
        let located = crate::template::Located::Builtin("kepu-huibao".into());
        built.template = Arc::new(TemplateSet::load(&located, true).unwrap());
        assert!(built.template.builtin);
        assert_eq!(built.inputs(), [PathBuf::from("data/lushi-2012.toml")]);
    }

    #[test]
    fn epoch_seconds_become_utc_dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_349_827_200), "2012-10-10T00:00:00Z");
        assert_eq!(iso_utc(951_782_400 + 3661), "2000-02-29T01:01:01Z");
    }
}
