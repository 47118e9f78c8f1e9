//! `huibao init`: a report folder to edit, with the example data and a copy of its template.

use std::path::Path;
use std::process::ExitCode;

use include_dir::Dir;

use super::args::{pick_lang, InitArgs};
use super::{report, say_line, tell, FAILURE};
use crate::diag::{Diagnostic, Lang};
use crate::output::write_atomic;
use crate::render::BUILTIN_DATA;
use crate::template::BUILTIN;

/// Its template.
const EXAMPLE_TEMPLATE: &str = "kepu-huibao";

/// Runs `huibao init DIR`.
pub fn run(args: &InitArgs) -> ExitCode {
    let lang = pick_lang(args.lang, false);
    match init(&args.dir) {
        Ok(()) => {
            let data = args.dir.join("report.toml");
            say_line(data.display());
            say_line(args.dir.join("templates").join(EXAMPLE_TEMPLATE).display());
            let render = format!("huibao render {}", data.display());
            tell(match lang {
                Lang::En => format!("created: edit the facts in report.toml, then run `{render}`"),
                Lang::Hant => format!("已建立：在 report.toml 中填寫數據，然後執行 {render}"),
                Lang::Hans => format!("已创建：在 report.toml 中填写数据，然后运行 {render}"),
            });
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&d.into(), lang);
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
        .get_file(crate::render::EXAMPLE_FILE)
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
