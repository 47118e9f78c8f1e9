//! The huibao binary as the tests run it: in a folder, or on the example report from the
//! repository root, as a user would.

use std::path::Path;
use std::process::{Command, Output};

/// `huibao` with `dir` as working folder, under a locale that names no language (messages and
/// help in Simplified Chinese, the default) whatever the machine's: a test that wants another
/// sets `--lang` or the locale itself.
pub fn huibao_in(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_huibao"));
    c.current_dir(dir)
        .env_remove("HUIBAO_LANG")
        .env_remove("LC_ALL")
        .env("LANG", "C.UTF-8");
    c
}

/// `huibao` in the repository, where `data/` and `templates/` are.
pub fn huibao() -> Command {
    huibao_in(Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// `huibao render data/lushi-2012.toml ARGS -o OUT`: the example report, not checked.
pub fn render_example(args: &[&str], out: &Path) -> Output {
    huibao()
        .args(["render", "data/lushi-2012.toml"])
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .expect("run huibao")
}

/// Like [`render_example`], failing the test (with huibao's messages) unless it succeeds.
pub fn render_example_ok(args: &[&str], out: &Path) {
    let o = render_example(args, out);
    assert!(
        o.status.success(),
        "render {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
