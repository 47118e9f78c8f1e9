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

/// `huibao ARGS` in `dir` with English messages and no SOURCE_DATE_EPOCH.
pub fn run_en(dir: &Path, args: &[&str]) -> Output {
    huibao_in(dir)
        .env("HUIBAO_LANG", "en")
        .env_remove("SOURCE_DATE_EPOCH")
        .args(args)
        .output()
        .expect("run huibao")
}

/// Renders `data` (relative to `root`) as text into `root/OUT` and returns `OUT/TXT`; fails
/// the test, with huibao's messages, when the render fails.
pub fn render_txt_en(root: &Path, data: &str, out: &str, txt: &str) -> String {
    let out = root.join(out);
    let o = run_en(
        root,
        &["render", data, "-f", "txt", "-o", out.to_str().unwrap()],
    );
    assert!(
        o.status.success(),
        "render of {data} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_to_string(out.join(txt)).unwrap()
}
