//! `huibao init`: a report folder to edit, with the example data and a copy of its template;
//! `huibao init --list` shows the built-in templates.

use crate::diag::Code;
use std::path::Path;
use std::process::ExitCode;

use include_dir::Dir;
use unicode_width::UnicodeWidthStr;

use super::args::{pick_lang, InitArgs};
use super::{report, say_line, tell, FAILURE};
use crate::diag::texts::cli as texts;
use crate::diag::{Diagnostic, Lang, Text};
use crate::gallery::{self, Entry};
use crate::output::write_atomic;
use crate::render::BUILTIN_DATA;
use crate::template::BUILTIN;

/// Runs `huibao init DIR [--template NAME]` or `huibao init --list`.
pub fn run(args: &InitArgs) -> ExitCode {
    let lang = pick_lang(args.lang, None);
    let dir = match (&args.dir, args.list) {
        (Some(dir), false) => dir,
        _ => {
            list(lang);
            return ExitCode::SUCCESS;
        }
    };
    let result = match gallery::find(&args.template) {
        Some(entry) => init(dir, &entry).map(|()| entry),
        None => Err(unknown_template(&args.template)),
    };
    match result {
        Ok(entry) => {
            let data = dir.join("report.toml");
            say_line(data.display());
            say_line(dir.join("templates").join(&entry.name).display());
            let render = format!("huibao render {}", data.display());
            tell(texts::init_created(render).get(lang));
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&d.into(), lang);
            ExitCode::from(FAILURE)
        }
    }
}

/// Prints one line per built-in template in `lang`: name, kind, description.
fn list(lang: Lang) {
    let entries = gallery::entries();
    let kind = |e: &Entry| e.kind.as_ref().map_or("", |k| k.get(lang)).to_string();
    let width = entries.iter().map(|e| e.name.len()).max().unwrap_or(0);
    let kind_width = entries.iter().map(|e| kind(e).width()).max().unwrap_or(0);
    for e in &entries {
        let kind = kind(e);
        let pad = " ".repeat(kind_width - kind.width());
        let line = format!(
            "{:width$}  {kind}{pad}  {}",
            e.name,
            e.description.get(lang)
        );
        say_line(line.trim_end());
    }
}

fn unknown_template(name: &str) -> Diagnostic {
    let known: Vec<Text> = gallery::entries()
        .into_iter()
        .map(|e| match e.kind {
            Some(k) => texts::template_with_kind(e.name, k),
            None => Text::same(e.name),
        })
        .collect();
    Diagnostic::error(Code::InitTemplate, texts::unknown_template(name)).help(
        texts::available_templates(Text::join(&known, &crate::diag::texts::common::name_sep())),
    )
}

fn init(dir: &Path, entry: &Entry) -> Result<(), Diagnostic> {
    // A link is refused even when it leads to an empty folder: init never writes elsewhere.
    let is_link = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    if is_link || dir.exists() && std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_some()) {
        return Err(Diagnostic::error(
            Code::InitExists,
            texts::init_exists(dir.display()),
        ));
    }
    let data = entry
        .example
        .as_deref()
        .and_then(|e| BUILTIN_DATA.get_file(e))
        .map(|f| f.contents())
        .unwrap_or_default();
    write_atomic(&dir.join("report.toml"), data)?;
    // The spreadsheets the example names in [sources], at the same paths beside it.
    let example_dir = entry
        .example
        .as_deref()
        .and_then(|e| Path::new(e).parent())
        .unwrap_or(Path::new(""));
    for file in source_files(data) {
        if let Some(f) = BUILTIN_DATA.get_file(example_dir.join(&file)) {
            write_atomic(&dir.join(&file), f.contents())?;
        }
    }
    let Some(tpl) = BUILTIN.get_dir(entry.name.as_str()) else {
        return Ok(());
    };
    copy_dir(tpl, tpl.path(), &dir.join("templates").join(&entry.name))
}

/// The relative file names in the `[sources]` table of a data file's text.
fn source_files(data: &[u8]) -> Vec<String> {
    let Ok(table) = std::str::from_utf8(data)
        .unwrap_or_default()
        .parse::<toml::Table>()
    else {
        return Vec::new();
    };
    let Some(toml::Value::Table(sources)) = table.get("sources") else {
        return Vec::new();
    };
    sources
        .values()
        .filter_map(|v| match v {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Table(t) => t.get("file").and_then(|f| f.as_str()).map(String::from),
            _ => None,
        })
        .filter(|f| Path::new(f).is_relative() && !f.contains(".."))
        .collect()
}

fn copy_dir(d: &Dir<'_>, root: &Path, to: &Path) -> Result<(), Diagnostic> {
    for f in d.files() {
        let rel = f.path().strip_prefix(root).unwrap_or(f.path());
        write_atomic(&to.join(rel), f.contents())?;
    }
    for sub in d.dirs() {
        copy_dir(sub, root, to)?;
    }
    Ok(())
}
