//! Hostile and faulty input (issue 14): outputs never escape, never replace a device, a FIFO,
//! a link or an input, and are written as complete sets; settings are validated at their line;
//! recursion and file reads are bounded.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const TEMPLATE: &str = "标题：{{title}}\n\n{{body}}\n";

/// A report folder: `t/` (template) and `data.toml` with `data`.
fn report(data: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    template(dir.path(), TEMPLATE);
    std::fs::write(dir.path().join("data.toml"), data).unwrap();
    dir
}

fn template(dir: &Path, text: &str) {
    std::fs::create_dir_all(dir.join("t")).unwrap();
    std::fs::write(dir.join("t/template.toml"), "entry = \"report\"\n").unwrap();
    std::fs::write(dir.join("t/report.hbs"), text).unwrap();
}

const DATA: &str = "title = \"关于科普工作的汇报\"\nbody = \"今年共有74名科技特派员。\"\n";

fn huibao(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_huibao"));
    c.current_dir(dir).env("HUIBAO_LANG", "en");
    c
}

/// Runs with a time limit (a hang fails the test instead of stalling it).
fn run(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().ok();
            panic!("command hung: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn render(dir: &Path, args: &[&str]) -> Output {
    let mut c = huibao(dir);
    c.args(["render", "data.toml", "-t", "t"]).args(args);
    run(c)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_fails(o: &Output, code: &str) {
    assert_eq!(o.status.code(), Some(1), "{}", stderr(o));
    assert!(stderr(o).contains(code), "expected {code}: {}", stderr(o));
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success());
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

fn temps_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(".huibao-"))
                })
                .collect()
        })
        .unwrap_or_default()
}

// 14.1: targets that are not regular files.

#[test]
fn render_refuses_a_fifo_or_a_link_as_target() {
    let dir = report(DATA);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    mkfifo(&out.join("data.txt"));
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert_fails(&o, "E-OUTPUT-TARGET");
    assert!(stderr(&o).contains("data.txt"), "{}", stderr(&o));
    assert!(is_fifo(&out.join("data.txt")), "the FIFO was replaced");

    // A link out of the output folder is not followed, and its target is untouched.
    std::fs::remove_file(out.join("data.txt")).unwrap();
    std::fs::write(dir.path().join("victim"), "keep").unwrap();
    std::os::unix::fs::symlink("../victim", out.join("data.txt")).unwrap();
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert_fails(&o, "E-OUTPUT-TARGET");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("victim")).unwrap(),
        "keep"
    );
    assert!(std::fs::symlink_metadata(out.join("data.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(temps_in(&out).is_empty());
}

#[test]
fn diff_refuses_a_fifo_as_its_docx() {
    let dir = report(DATA);
    std::fs::write(dir.path().join("new.toml"), DATA.replace("74", "97")).unwrap();
    mkfifo(&dir.path().join("red.docx"));
    let mut c = huibao(dir.path());
    c.args([
        "diff",
        "data.toml",
        "new.toml",
        "-t",
        "t",
        "-f",
        "docx",
        "-o",
        "red.docx",
    ]);
    let o = run(c);
    assert_fails(&o, "E-OUTPUT-TARGET");
    assert!(is_fifo(&dir.path().join("red.docx")));
}

#[test]
fn init_refuses_a_link_to_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink("elsewhere", dir.path().join("new")).unwrap();
    let mut c = huibao(dir.path());
    c.args(["init", "new"]);
    let o = run(c);
    assert_fails(&o, "E-INIT-EXISTS");
    assert!(std::fs::read_dir(dir.path().join("elsewhere"))
        .unwrap()
        .next()
        .is_none());
}

// 14.2: all-or-nothing sets, stale temporary files, concurrent writers.

#[test]
fn a_set_is_written_whole_or_not_at_all() {
    let dir = report(DATA);
    let out = dir.path().join("out");
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(out.join("data.txt"))
        .unwrap()
        .contains("74名"));
    // The new facts cannot be written as DOCX (a folder has its name): the text is not
    // replaced either, so the folder never holds a txt and a docx of different facts.
    std::fs::create_dir(out.join("data.docx")).unwrap();
    std::fs::write(dir.path().join("data.toml"), DATA.replace("74", "97")).unwrap();
    let o = render(dir.path(), &["-f", "txt,docx", "-o", "out"]);
    assert_fails(&o, "E-OUTPUT-TARGET");
    assert!(std::fs::read_to_string(out.join("data.txt"))
        .unwrap()
        .contains("74名"));
    assert!(temps_in(&out).is_empty());
}

#[test]
fn stale_temporary_files_of_a_killed_run_are_removed() {
    let dir = report(DATA);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join(".huibao-Ab12Cd.tmp"), vec![0u8; 4096]).unwrap();
    std::fs::write(out.join("notes.tmp"), "mine").unwrap();
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(temps_in(&out).is_empty());
    assert_eq!(
        std::fs::read_to_string(out.join("notes.tmp")).unwrap(),
        "mine"
    );
}

#[test]
fn concurrent_renders_leave_one_complete_set() {
    let dir = tempfile::tempdir().unwrap();
    template(dir.path(), TEMPLATE);
    for (name, n) in [("a", 74), ("b", 97)] {
        std::fs::create_dir(dir.path().join(name)).unwrap();
        std::fs::write(
            dir.path().join(name).join("data.toml"),
            DATA.replace("74", &n.to_string()),
        )
        .unwrap();
    }
    for _ in 0..3 {
        let children: Vec<_> = ["a", "b"]
            .iter()
            .map(|name| {
                huibao(dir.path())
                    .args(["render", &format!("{name}/data.toml"), "-t", "t"])
                    .args(["-f", "txt,docx", "-o", "out"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
        let txt = std::fs::read_to_string(dir.path().join("out/data.txt")).unwrap();
        let docx = std::fs::read(dir.path().join("out/data.docx")).unwrap();
        let docx_has = |s: &str| {
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml)
                .unwrap();
            xml.contains(s)
        };
        let n = if txt.contains("74名") { "74" } else { "97" };
        assert!(docx_has(n), "txt says {n}, the docx does not");
    }
}

// 14.3: an output is never an input.

#[test]
fn an_output_never_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    template(dir.path(), TEMPLATE);
    std::fs::write(dir.path().join("notes.txt"), DATA).unwrap();
    let mut c = huibao(dir.path());
    c.args(["render", "notes.txt", "-t", "t", "-f", "txt", "-o", "."]);
    let o = run(c);
    assert_fails(&o, "E-OUTPUT-IS-INPUT");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        DATA
    );
}

// 14.4 and 14.8: template folders never lead out of themselves; only regular files are read.

#[test]
fn a_template_link_out_of_the_folder_is_refused() {
    let dir = report(DATA);
    std::fs::write(dir.path().join("secret.txt"), "root:x:0:0:secret").unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("secret.txt"),
        dir.path().join("t/secret.hbs"),
    )
    .unwrap();
    template(dir.path(), "标题：{{title}}\n\n{{> secret}}\n");
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert_fails(&o, "E-TEMPLATE-LINK");
    assert!(!dir.path().join("out/data.txt").exists());
    // A linked template.toml out of the folder is refused too.
    std::fs::remove_file(dir.path().join("t/secret.hbs")).unwrap();
    std::fs::remove_file(dir.path().join("t/template.toml")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("secret.txt"),
        dir.path().join("t/template.toml"),
    )
    .unwrap();
    assert_fails(
        &render(dir.path(), &["-f", "txt", "-o", "out"]),
        "E-TEMPLATE-LINK",
    );
}

#[test]
fn a_link_inside_the_template_folder_still_works() {
    let dir = report(DATA);
    std::fs::write(dir.path().join("t/body.hbs"), "{{body}}").unwrap();
    std::os::unix::fs::symlink("body.hbs", dir.path().join("t/alias.hbs")).unwrap();
    template(dir.path(), "标题：{{title}}\n\n{{> alias}}\n");
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(dir.path().join("out/data.txt"))
        .unwrap()
        .contains("74名"));
}

#[test]
fn a_template_folder_linking_to_itself_is_refused_at_once() {
    let dir = report(DATA);
    for i in 0..4 {
        std::os::unix::fs::symlink(".", dir.path().join(format!("t/loop{i}"))).unwrap();
    }
    let start = Instant::now();
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert_fails(&o, "E-TEMPLATE-LINK");
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn the_root_folder_as_template_is_not_walked() {
    let dir = report(
        DATA.replace("title =", "[report]\ntemplate = \"/\"\n[x]\ntitle =")
            .as_str(),
    );
    let mut c = huibao(dir.path());
    c.args(["check", "data.toml"]);
    let start = Instant::now();
    let o = run(c);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn devices_fifos_and_huge_files_are_not_read() {
    let dir = report(DATA);
    // A device as data.
    let mut c = huibao(dir.path());
    c.args(["check", "/dev/zero", "-t", "t"]);
    let o = run(c);
    assert_fails(&o, "E-READ");
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    // A FIFO as data (reading it would wait for a writer forever).
    mkfifo(&dir.path().join("pipe.toml"));
    let mut c = huibao(dir.path());
    c.args(["check", "pipe.toml", "-t", "t"]);
    assert_fails(&run(c), "E-READ");
    // A FIFO as a template file.
    mkfifo(&dir.path().join("t/pipe.hbs"));
    assert_fails(&render(dir.path(), &["-f", "txt", "-o", "out"]), "E-READ");
    std::fs::remove_file(dir.path().join("t/pipe.hbs")).unwrap();
    // A .hbs linked to a device.
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("t/zero.hbs")).unwrap();
    assert_fails(
        &render(dir.path(), &["-f", "txt", "-o", "out"]),
        "E-TEMPLATE-LINK",
    );
    std::fs::remove_file(dir.path().join("t/zero.hbs")).unwrap();
    // A data file over the size limit (sparse: nothing is really written).
    let big = std::fs::File::create(dir.path().join("big.toml")).unwrap();
    big.set_len(65 << 20).unwrap();
    let mut c = huibao(dir.path());
    c.args(["check", "big.toml", "-t", "t"]);
    assert_fails(&run(c), "E-READ-SIZE");
}

// 14.5 and 14.6: recursion that follows the input is bounded, with a located error.

/// `check` with template text `tpl`; returns the output.
fn check_with(tpl: &str, extra: &[&str]) -> Output {
    let dir = report(DATA);
    template(dir.path(), tpl);
    let mut c = huibao(dir.path());
    c.args(["check", "data.toml", "-t", "t"]).args(extra);
    run(c)
}

#[test]
fn a_partial_chosen_by_the_data_is_refused() {
    let dir = report(&format!("{DATA}p = \"b\"\n"));
    template(
        dir.path(),
        "标题：{{title}}\n\n{{body}}{{p}}\n{{> (lookup this \"p\")}}\n",
    );
    std::fs::write(dir.path().join("t/b.hbs"), "{{> report}}").unwrap();
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert_fails(&o, "E-PARTIAL-DYNAMIC");
    assert!(stderr(&o).contains("report.hbs:4:1"), "{}", stderr(&o));
}

#[test]
fn deep_blocks_are_a_located_error() {
    for (open, close) in [
        ("{{#if title}}", "{{/if}}"),
        ("{{#each list}}", "{{/each}}"),
    ] {
        let tpl = format!(
            "标题：{{{{title}}}}\n\n{{{{body}}}}\n{}x{}\n",
            open.repeat(5000),
            close.repeat(5000)
        );
        let o = check_with(&tpl, &[]);
        assert_fails(&o, "E-TEMPLATE-DEPTH");
        // The 101st opening tag on line 4.
        let col = 1 + 100 * open.chars().count();
        assert!(
            stderr(&o).contains(&format!("report.hbs:4:{col}")),
            "{}",
            stderr(&o)
        );
    }
    // `else if` chains nest too.
    let tpl = format!(
        "标题：{{{{title}}}}\n\n{{{{body}}}}\n{{{{#if title}}}}{}{{{{/if}}}}\n",
        "{{else if title}}".repeat(5000)
    );
    assert_fails(&check_with(&tpl, &[]), "E-TEMPLATE-DEPTH");
    let tpl = format!(
        "标题：{{{{title}}}}\n\n{{{{body}}}}\n{{{{concat {}title{}}}}}\n",
        "(concat ".repeat(5000),
        ")".repeat(5000)
    );
    assert_fails(&check_with(&tpl, &[]), "E-TEMPLATE-DEPTH");
}

#[test]
fn blocks_nested_through_partials_are_bounded() {
    let dir = report(DATA);
    let half = |inner: &str| {
        format!(
            "{}{inner}{}",
            "{{#if title}}".repeat(60),
            "{{/if}}".repeat(60)
        )
    };
    template(
        dir.path(),
        &format!(
            "标题：{{{{title}}}}\n\n{{{{body}}}}\n{}\n",
            half("{{> inner}}")
        ),
    );
    std::fs::write(dir.path().join("t/inner.hbs"), half("x")).unwrap();
    let mut c = huibao(dir.path());
    c.args(["check", "data.toml", "-t", "t"]);
    let o = run(c);
    assert_fails(&o, "E-TEMPLATE-DEPTH");
    assert!(stderr(&o).contains("inner.hbs:1:"), "{}", stderr(&o));
    assert!(stderr(&o).contains("report → inner"), "{}", stderr(&o));
}

#[test]
fn a_set_key_ten_thousand_parts_deep_is_an_error() {
    let key = vec!["a"; 10_000].join(".");
    let o = check_with(TEMPLATE, &["--set", &format!("{key}=1")]);
    assert_fails(&o, "E-SET");
    assert!(stderr(&o).contains("--set:1:1"), "{}", stderr(&o));
    // The same through a batch manifest's `set`.
    let dir = report(DATA);
    std::fs::write(
        dir.path().join("m.toml"),
        format!("[defaults]\ntemplate = \"t\"\nformats = [\"txt\"]\n[[meeting]]\nname = \"a\"\ndata = \"data.toml\"\nset = {{ \"{key}\" = 1 }}\n"),
    )
    .unwrap();
    let mut c = huibao(dir.path());
    c.args(["batch", "m.toml", "-o", "out"]);
    let o = run(c);
    assert_fails(&o, "E-SET");
}
