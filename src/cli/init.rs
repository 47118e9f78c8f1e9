//! `huibao init`: a report folder to edit, with the example data and a copy of its template.

use std::path::Path;
use std::process::ExitCode;

use include_dir::Dir;

use super::args::InitArgs;
use super::FAILURE;
use crate::diag::{Diagnostic, Lang};
use crate::output::write_atomic;
use crate::render::BUILTIN_DATA;
use crate::template::BUILTIN;

/// The example copied by `init`.
const EXAMPLE: &str = "lushi-2012.toml";
/// Its template.
const EXAMPLE_TEMPLATE: &str = "kepu-huibao";

/// Runs `huibao init DIR`.
pub fn run(args: &InitArgs) -> ExitCode {
    match init(&args.dir) {
        Ok(()) => {
            println!("{}", args.dir.join("report.toml").display());
            println!(
                "{}",
                args.dir.join("templates").join(EXAMPLE_TEMPLATE).display()
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(Lang::default()));
            ExitCode::from(FAILURE)
        }
    }
}

fn init(dir: &Path) -> Result<(), Diagnostic> {
    // A link is refused even when it leads to an empty folder: init never writes elsewhere.
    let is_link = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    if is_link || dir.exists() && std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_some()) {
        return Err(Diagnostic::error(
            "E-INIT-EXISTS",
            format!("{} 已存在且不是空文件夹", dir.display()),
            format!("{} exists and is not an empty folder", dir.display()),
        )
        .help("请换一个新的文件夹名", "choose a new folder name"));
    }
    let data = BUILTIN_DATA
        .get_file(EXAMPLE)
        .map(|f| f.contents())
        .unwrap_or_default();
    write_atomic(&dir.join("report.toml"), data)?;
    let Some(tpl) = BUILTIN.get_dir(EXAMPLE_TEMPLATE) else {
        return Ok(());
    };
    copy_dir(
        tpl,
        tpl.path(),
        &dir.join("templates").join(EXAMPLE_TEMPLATE),
    )
}

fn copy_dir(d: &Dir<'_>, root: &Path, to: &Path) -> Result<(), Diagnostic> {
    for f in d.files() {
        let rel = f.path().strip_prefix(root).unwrap_or(f.path());
        write_atomic(&to.join(rel), f.contents())?;
    }
    for sub in d.dirs() {
        copy_dir(sub, root, to)?;
    }
    Ok(())
}
