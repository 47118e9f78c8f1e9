//! The command line: one file per subcommand, arguments in [`args`].
//!
//! Each subcommand returns the exit code: 0 success, 1 a problem with the user's input (all
//! problems printed), 2 a usage error (found by clap, told in the user's language by
//! [`usage_error`]).

pub mod args;
mod batch;
mod check;
mod completions;
mod diff;
mod fonts;
pub mod help;
mod init;
mod man;
mod render;
pub mod usage_error;
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
        tell(diags.render(lang));
    }
}

/// Writes `text` to standard output. A closed stdout (`huibao … | head -1`) ends the printing
/// quietly: the command still finishes its work and its exit code, as ripgrep and cargo do.
pub(crate) fn say(text: impl std::fmt::Display) {
    use std::io::Write as _;
    let _ = write!(std::io::stdout().lock(), "{text}");
}

/// Writes `text` and a line break to standard output (quietly on a closed stdout, see [`say`]).
pub(crate) fn say_line(text: impl std::fmt::Display) {
    say(format_args!("{text}\n"));
}

/// Writes `text` and a line break to standard error; a closed stderr is ignored. The line is
/// made first and written at once: standard error is unbuffered, and formatting into it wrote
/// each piece with a system call of its own (nine for a batch's progress line).
pub(crate) fn tell(text: impl std::fmt::Display) {
    use std::io::Write as _;
    let line = format!("{text}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Exit code for a problem with the user's input.
pub(crate) const FAILURE: u8 = 1;
