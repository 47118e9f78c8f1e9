//! `huibao diff`: changed facts and the sentences they change between two data versions.

use crate::diag::Code;
use std::path::PathBuf;
use std::process::ExitCode;

use super::args::{pick_lang, DiffArgs, DiffFormat, ScriptArg};
use super::{report, FAILURE};

use crate::diag::texts::cli as texts;
use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::diff::redline::{redline, Version};
use crate::diff::{
    cell_of, derived_changes, fact_changes, fact_map, paragraphs, render_text, sentences_of,
    text_diff, ParaDiff,
};
use crate::render::{build, Built, Request};

/// Runs `huibao diff OLD NEW`.
pub fn run(args: &DiffArgs) -> ExitCode {
    let script = args.script.map(ScriptArg::script);
    let request = |file: &std::path::Path| Request {
        data_files: vec![file.to_path_buf()],
        template: args.template.clone(),
        script,
        ..Request::default()
    };
    let hant = script.map(crate::zh::Script::is_traditional);
    let (old, new) = match (build(&request(&args.old)), build(&request(&args.new))) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            let lang = pick_lang(args.lang, hant);
            for r in [o, n] {
                if let Err(d) = r {
                    report(&d, lang);
                }
            }
            return ExitCode::from(FAILURE);
        }
    };
    let lang = pick_lang(args.lang, Some(new.script.is_traditional()));
    // The sentence diff of the printed report (the redline compares the two models itself).
    let diff = text_diff(&paragraphs(&old.doc), &paragraphs(&new.doc));
    super::say(describe(&old, &new, &diff, lang));
    match args.format {
        DiffFormat::Txt => ExitCode::SUCCESS,
        DiffFormat::Docx => write_redline(args, (&old, &new), lang),
    }
}

/// The printed report: changed facts (each with the sentences that show it), then the
/// sentence-level diff.
fn describe(old: &Built, new: &Built, diff: &[ParaDiff], lang: Lang) -> String {
    let facts = fact_changes(&fact_map(&old.data), &fact_map(&new.data));
    let none = format!("  {}\n", texts::no_changes().get(lang));
    let mut out = format!("{}\n", texts::changed_facts().get(lang));
    if facts.is_empty() {
        out.push_str(&none);
    }
    for f in &facts {
        let cell = cell_of(&new.data, &f.path).or_else(|| cell_of(&old.data, &f.path));
        let cell = cell.as_deref();
        match cell {
            Some(c) => out.push_str(&format!("  {f}  [{c}]\n")),
            None => out.push_str(&format!("  {f}\n")),
        }
        for (o, n) in sentences_of(f, diff) {
            out.push_str(&format!("    - {o}\n    + {n}\n"));
        }
    }
    out.push_str(&figures_changed(new, &facts, lang));
    out.push_str(&format!("{}\n", texts::changed_sentences().get(lang)));
    let text = render_text(diff);
    if text.is_empty() {
        out.push_str(&none);
    }
    out.push_str(&text);
    out
}

/// The computed figures of the template and the declared relations (`[checks]`) whose inputs
/// changed, each with the changed inputs; nothing when none did.
fn figures_changed(new: &Built, facts: &[crate::diff::FactChange], lang: Lang) -> String {
    let files: Vec<(String, &str)> = new
        .template
        .files
        .iter()
        .map(|f| (f.path.display().to_string(), f.text.as_str()))
        .collect();
    let mut out = String::new();
    let derived = derived_changes(&files, facts);
    if !derived.is_empty() {
        out.push_str(&format!("{}\n", texts::changed_figures().get(lang)));
        for d in derived {
            out.push_str(&format!(
                "  {} ({}) ← {}\n",
                d.expr,
                d.place,
                d.inputs.join(", ")
            ));
        }
    }
    let (checks, _) = crate::checks::declared(&new.data);
    let mut head = false;
    for c in &checks {
        let inputs: Vec<&str> = facts
            .iter()
            .filter(|f| c.reads(&f.path))
            .map(|f| f.path.as_str())
            .collect();
        if inputs.is_empty() {
            continue;
        }
        if !head {
            out.push_str(&format!("{}\n", texts::changed_checks().get(lang)));
            head = true;
        }
        out.push_str(&format!(
            "  {} ({}) ← {}\n",
            c.name,
            c.inputs().join(", "),
            inputs.join(", ")
        ));
    }
    out
}

/// Writes the redline DOCX: the new report with the changed sentences as tracked changes.
fn write_redline(args: &DiffArgs, (old, new): (&Built, &Built), lang: Lang) -> ExitCode {
    // Every change carries one fixed date, so the file is reproducible.
    let date = match crate::render::document_timestamp(&new.settings) {
        Ok(d) => d,
        Err(d) => {
            report(&d.into(), lang);
            return ExitCode::from(FAILURE);
        }
    };
    // Tables and the 版记 laid out with the fonts `huibao render` measures with, as in the
    // rendered DOCX.
    let engine = crate::render::Engine::new(Default::default(), true);
    let docx = |b: &Built| {
        let t = engine.tables(b)?;
        let pages = engine.imprint_layout(b, &t)?;
        crate::docx::write_mapped(&b.doc, &b.style, &t, pages.as_deref()).map_err(Diagnostics::from)
    };
    let result = docx(old)
        .and_then(|o| docx(new).map(|n| (o, n)))
        .and_then(|(o, n)| {
            let old = Version {
                doc: &old.doc,
                docx: &o,
            };
            let new = Version {
                doc: &new.doc,
                docx: &n,
            };
            redline(old, new, &date)
        });
    let path = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("out").join(format!("{}-redline.docx", new.stem)));
    let red = match result.and_then(|r| {
        let mut inputs = old.inputs();
        inputs.extend(new.inputs());
        crate::output::write_set(&[(path.clone(), r.bytes.clone())], &inputs)?;
        Ok(r)
    }) {
        Ok(r) => r,
        Err(d) => {
            report(&d, lang);
            return ExitCode::from(FAILURE);
        }
    };
    for t in &red.unlocated {
        let d = Diagnostic::warning(Code::WarnRedline, texts::redline_unlocated(t));
        report(&d.into(), lang);
    }
    super::say_line(path.display());
    ExitCode::SUCCESS
}
