//! `huibao check`: every problem of a report's data and template, nothing written.

use std::process::ExitCode;

use super::args::InputArgs;
use super::{report, FAILURE};
use crate::render::build;

/// Runs `huibao check`: lists errors, warnings and the punctuation it would change.
pub fn run(args: &InputArgs) -> ExitCode {
    let req = args.request();
    match build(&req) {
        Ok(built) => {
            let lang = args.lang(built.script.is_traditional());
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
                super::tell(match lang {
                    crate::diag::Lang::En => "check passed",
                    crate::diag::Lang::Hant => "檢查通過",
                    crate::diag::Lang::Hans => "检查通过",
                });
                ExitCode::SUCCESS
            }
        }
        Err(diags) => {
            report(
                &diags,
                args.lang(req.script.is_some_and(crate::zh::Script::is_traditional)),
            );
            ExitCode::from(FAILURE)
        }
    }
}

/// One line per spreadsheet source read: its place, rows and columns (and a CSV's encoding).
fn list_sources(data: &crate::data::Data, lang: crate::diag::Lang) {
    use crate::diag::Lang;
    for s in &data.sheets.read {
        let enc = if s.encoding.is_empty() {
            String::new()
        } else {
            format!(" ({})", s.encoding)
        };
        let line = match (lang, s.rows) {
            (Lang::En, Some(rows)) => format!(
                "source {}: {}{enc}: {rows} rows, columns: {}",
                s.name,
                s.place,
                s.columns.join(", ")
            ),
            (Lang::En, None) => format!(
                "source {}: {}{enc}: cells {}",
                s.name,
                s.place,
                s.columns.join(", ")
            ),
            (_, rows) => {
                let label = if lang == Lang::Hant {
                    "數據源"
                } else {
                    "数据源"
                };
                let what = match rows {
                    Some(n) => format!("{n} 行，列：{}", s.columns.join("、")),
                    None => format!("单元格：{}", s.columns.join("、")),
                };
                format!("{label} {}：{}{enc}，{what}", s.name, s.place)
            }
        };
        eprintln!("{line}");
    }
}
