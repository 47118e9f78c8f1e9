//! `huibao man`: the manual page in roff, on standard output or as files in a folder.

use crate::diag::Code;
use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::args::{Cli, ManArgs};
use super::{report, FAILURE};
use crate::diag::texts::cli as texts;
use crate::diag::Diagnostic;
use crate::output::write_atomic;

/// Runs `huibao man [-o DIR]`.
pub fn run(args: &ManArgs) -> ExitCode {
    let result = match &args.out {
        None => page(&Cli::command()).map(|roff| {
            // A closed pipe (`huibao man | head`) is not an error worth a message.
            let _ = std::io::stdout().lock().write_all(&roff);
        }),
        Some(dir) => write_pages(dir),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            report(&d.into(), super::args::pick_lang(None, None));
            ExitCode::from(FAILURE)
        }
    }
}

/// The roff page of one command.
fn page(cmd: &clap::Command) -> Result<Vec<u8>, Diagnostic> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut roff)
        .map_err(|e| Diagnostic::error(Code::Man, texts::man_failed(e)))?;
    Ok(roff)
}

/// Writes huibao.1 and huibao-SUB.1 for each subcommand into `dir`, each atomically.
fn write_pages(dir: &std::path::Path) -> Result<(), Diagnostic> {
    let mut cmd = Cli::command();
    cmd.build();
    write_atomic(&dir.join("huibao.1"), &page(&cmd)?)?;
    super::say_line(dir.join("huibao.1").display());
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("huibao-{}", sub.get_name());
        let sub = sub.clone().name(name.clone()).bin_name(name.clone());
        write_atomic(&dir.join(format!("{name}.1")), &page(&sub)?)?;
        super::say_line(dir.join(format!("{name}.1")).display());
    }
    Ok(())
}
