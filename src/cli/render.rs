//! `huibao render`: build the report and write the requested formats.

use std::process::ExitCode;

use super::args::RenderArgs;
use super::{report, FAILURE};
use crate::render::{build, Format};

/// Runs `huibao render`.
pub fn run(args: &RenderArgs) -> ExitCode {
    if args.watch {
        return super::watch::run(args);
    }
    let req = args.input.request();
    let engine = args.input.engine();
    let drawing = args
        .formats
        .0
        .iter()
        .any(|f| matches!(f, Format::Pdf | Format::Ofd));
    if drawing {
        crate::fonts::prefetch_installed(&args.input.engine_options());
    }
    let built = match if drawing {
        engine.build_loading_fonts(&req)
    } else {
        build(&req)
    } {
        Ok(b) => b,
        Err(diags) => {
            let hant = req.script.map(crate::zh::Script::is_traditional);
            report(&diags, args.input.lang(hant));
            return ExitCode::from(FAILURE);
        }
    };
    let lang = args.input.lang(Some(built.script.is_traditional()));
    let warnings = built.warnings.without_notes();
    report(&warnings, lang);
    let code = match engine.write(&built, &args.formats.0, &args.out) {
        Ok(written) => {
            report(&written.warnings, lang);
            for w in written.paths {
                super::say_line(w.display());
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            report(&diags, lang);
            ExitCode::from(FAILURE)
        }
    };
    // The process ends here: its memory goes back at exit, so a report's facts (a large
    // spreadsheet source among them) are not freed piece by piece first.
    std::mem::forget(built);
    code
}
