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
