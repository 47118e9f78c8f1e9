//! `huibao completions SHELL`: a completion script for the shell, on standard output.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs};

/// Runs `huibao completions SHELL`.
pub fn run(args: &CompletionsArgs) -> ExitCode {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "huibao", &mut script);
    // A closed pipe (`huibao completions bash | head`) is not an error worth a message.
    let _ = std::io::stdout().lock().write_all(&script);
    ExitCode::SUCCESS
}
