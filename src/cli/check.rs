//! `huibao check`: every problem of a report's data and template, nothing written.

use std::process::ExitCode;

use super::args::InputArgs;
use super::{report, FAILURE};
use crate::diag::texts::cli as texts;
use crate::diag::{Lang, Text};
use crate::render::build;

/// Runs `huibao check`: lists errors, warnings and the punctuation it would change.
pub fn run(args: &InputArgs) -> ExitCode {
    let req = args.request();
    match build(&req) {
        Ok(built) => {
            let lang = args.lang(Some(built.script.is_traditional()));
            let mut diags = built.warnings.clone();
            let engine = args.engine();
            match engine.check_glyphs(&built) {
                Ok(more) | Err(more) => diags.0.extend(more.0),
            }
            if !diags.has_errors() {
                match engine.check_layout(&built) {
                    Ok(more) | Err(more) => diags.0.extend(more.0),
                }
            }
            report(&diags, lang);
            list_sources(&built.data, lang);
            if diags.has_errors() {
                ExitCode::from(FAILURE)
            } else {
                super::tell(texts::check_passed().get(lang));
                ExitCode::SUCCESS
            }
        }
        Err(diags) => {
            report(
                &diags,
                args.lang(req.script.map(crate::zh::Script::is_traditional)),
            );
            ExitCode::from(FAILURE)
        }
    }
}

/// One line per spreadsheet source read: its place, rows and columns (and a CSV's encoding).
fn list_sources(data: &crate::data::Data, lang: Lang) {
    for s in &data.sheets.read {
        let encoding = if s.encoding.is_empty() {
            Text::same("")
        } else {
            texts::source_encoding(s.encoding)
        };
        let columns = Text::names(&s.columns);
        let line = match s.rows {
            Some(rows) => texts::source_rows(&s.name, &s.place, encoding, rows, columns),
            None => texts::source_cells(&s.name, &s.place, encoding, columns),
        };
        super::tell(line.get(lang));
    }
}
