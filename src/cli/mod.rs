//! The command line: one file per subcommand, arguments in [`args`].
//!
//! Each subcommand returns the exit code: 0 success, 1 a problem with the user's input (all
//! problems printed), 2 a usage error (clap's own).

pub mod args;
mod batch;
mod check;
mod completions;
mod diff;
mod fonts;
mod init;
mod man;
mod render;
mod watch;

use std::process::ExitCode;

use crate::diag::{Diagnostics, Lang};
use args::{Cli, Command};

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Render(a) => render::run(&a),
        Command::Check(a) => check::run(&a),
        Command::Fonts(a) => fonts::run(&a),
        Command::Init(a) => init::run(&a),
        Command::Batch(a) => batch::run(&a),
        Command::Diff(a) => diff::run(&a),
        Command::Completions(a) => completions::run(&a),
        Command::Man(a) => man::run(&a),
    }
}

/// Prints diagnostics to stderr in `lang`.
pub(crate) fn report(diags: &Diagnostics, lang: Lang) {
    if !diags.0.is_empty() {
        eprintln!("{}", diags.render(lang));
    }
}

/// Exit code for a problem with the user's input.
pub(crate) const FAILURE: u8 = 1;
