//! `huibao fonts`: role → family → file → coverage of the report's characters.

use std::process::ExitCode;

use super::args::FontsArgs;
use super::{report, FAILURE};
use crate::diag::Lang;
use crate::fonts::{FontOptions, FontSet};
use crate::render::{build, Request};
use crate::style::Style;

/// Runs `huibao fonts`.
pub fn run(args: &FontsArgs) -> ExitCode {
    let opts = FontOptions {
        builtin_only: args.builtin_fonts,
    };
    let built = if args.data.is_empty() {
        None
    } else {
        match build(&Request {
            data_files: args.data.clone(),
            ..Request::default()
        }) {
            Ok(b) => Some(b),
            Err(d) => {
                report(&d, Lang::default());
                return ExitCode::from(FAILURE);
            }
        }
    };
    let (style, script) = match &built {
        Some(b) => (b.style.clone(), b.script),
        None => (
            Style::default(),
            args.script.map(|s| s.script()).unwrap_or_default(),
        ),
    };
    match FontSet::load(&style, script, &opts) {
        Ok(set) => {
            print!("{}", set.describe(built.as_ref().map(|b| &b.doc)));
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(Lang::default()));
            ExitCode::from(FAILURE)
        }
    }
}
