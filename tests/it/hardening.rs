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

// 14.9: costs that grow linearly with the input.

/// `check` of `files` with the test template; (output, seconds).
fn timed_check(dir: &Path, files: &[&str]) -> (Output, f64) {
    let mut c = huibao(dir);
    c.arg("check").args(files).args(["-t", "t"]);
    let start = Instant::now();
    let o = run(c);
    (o, start.elapsed().as_secs_f64())
}

#[test]
fn twenty_thousand_unused_rows_give_a_short_report() {
    let rows: Vec<String> = (0..20_000).map(|i| format!("{{n = {i}}}")).collect();
    let dir = report(&format!("{DATA}rows = [{}]\n", rows.join(", ")));
    let (o, secs) = timed_check(dir.path(), &["data.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("19980 more facts are not used"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert_eq!(err.matches("W-FACT-UNUSED").count(), 21);
    // Each snippet is a window of the 190 KB line, not the line.
    assert!(
        err.lines().all(|l| l.chars().count() < 200),
        "a long snippet line"
    );
    assert!(
        err.contains("data.toml:3:"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(secs < 30.0, "{secs} s");
}

#[test]
fn two_hundred_thousand_keys_are_checked_in_linear_time() {
    let keys: String = (0..200_000).map(|i| format!("k{i} = 1\n")).collect();
    let dir = report(&format!("{DATA}[k]\n{keys}"));
    let (o, secs) = timed_check(dir.path(), &["data.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Every listed place has its own line number (counted with a line index).
    assert!(stderr(&o).contains("data.toml:5:6"), "{}", stderr(&o));
    assert!(stderr(&o).contains("data.toml:14:7"), "{}", stderr(&o));
    assert!(secs < 90.0, "{secs} s");
}

#[test]
fn merging_two_long_arrays_is_linear() {
    let list = |k: i32| {
        let items: Vec<String> = (0..20_000).map(|i| format!("{{n = {}}}", i * k)).collect();
        format!("list = [{}]\n", items.join(", "))
    };
    let dir = report(&format!("{DATA}{}", list(1)));
    std::fs::write(dir.path().join("b.toml"), list(2)).unwrap();
    let (o, secs) = timed_check(dir.path(), &["data.toml", "b.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The unused facts are the second file's elements.
    assert!(stderr(&o).contains("b.toml:1:"), "{}", stderr(&o));
    assert!(secs < 30.0, "{secs} s");
}

#[test]
fn a_template_too_large_to_parse_is_refused_with_advice() {
    let tpl = format!(
        "标题：{{{{title}}}}\n\n{{{{body}}}}\n{}",
        "{{title}}\n".repeat(40_000)
    );
    let start = Instant::now();
    let o = check_with(&tpl, &[]);
    assert_fails(&o, "E-TEMPLATE-SIZE");
    assert!(stderr(&o).contains("partials"), "{}", stderr(&o));
    assert!(start.elapsed() < Duration::from_secs(30));
}

// 13.4 and 14.10: a --set that would have no effect, or change a fact's kind, is an error.

#[test]
fn a_misspelt_set_is_an_error_at_the_set() {
    let o = check_with(TEMPLATE, &["--set", "titel=新标题"]);
    assert_fails(&o, "E-SET-UNKNOWN");
    assert!(stderr(&o).contains("--set:1:1"), "{}", stderr(&o));
    let o = check_with(TEMPLATE, &["--set", "body=x", "--set", "x.nn=3"]);
    assert_fails(&o, "E-SET-UNKNOWN");
    assert!(stderr(&o).contains("--set:2:1"), "{}", stderr(&o));
    // A fact the template declares optional may be set.
    let dir = report(DATA);
    template(
        dir.path(),
        "标题：{{title}}\n\n{{body}}{{#if note}}{{note}}{{/if}}\n",
    );
    std::fs::write(
        dir.path().join("t/template.toml"),
        "entry = \"report\"\noptional = [\"note\"]\n",
    )
    .unwrap();
    let o = render(
        dir.path(),
        &["--set", "note=（另附）", "-f", "txt", "-o", "out"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(dir.path().join("out/data.txt"))
        .unwrap()
        .contains("（另附）"));
}

#[test]
fn a_set_cannot_turn_text_into_a_table_or_set_one_element() {
    let o = check_with(TEMPLATE, &["--set", "title.sub=1"]);
    assert_fails(&o, "E-SET");
    assert!(stderr(&o).contains("`title` is a string"), "{}", stderr(&o));
    let o = check_with(TEMPLATE, &["--set", "title[0]=X"]);
    assert_fails(&o, "E-SET");
    assert!(stderr(&o).contains("set the whole list"), "{}", stderr(&o));
}

// 14.12 and 14.14: what reaches an output or a file name is checked.

#[test]
fn control_characters_in_template_text_are_located_errors() {
    for (c, col) in [('\u{0}', 4), ('\u{1b}', 4), ('\u{c}', 4), ('\u{202E}', 4)] {
        let o = check_with(
            &format!("标题：{{{{title}}}}\n\n{{{{body}}}}\n正文。{c}\n"),
            &[],
        );
        assert_fails(&o, "E-CONTROL-CHAR");
        assert!(
            stderr(&o).contains(&format!("report.hbs:4:{col}")),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn long_names_are_refused_at_their_line_and_names_equal_up_to_case_collide() {
    let dir = report(&format!(
        "{DATA}[report]\noutput = \"{}\"\n",
        "汇".repeat(84)
    ));
    let mut c = huibao(dir.path());
    c.args(["check", "data.toml", "-t", "t"]);
    let o = run(c);
    assert_fails(&o, "E-SETTING");
    assert!(stderr(&o).contains("data.toml:4:10"), "{}", stderr(&o));

    let dir = report(DATA);
    let manifest = format!(
        "[defaults]\ntemplate = \"t\"\nformats = [\"txt\"]\ndata = \"data.toml\"\n\
         [[meeting]]\nname = \"{}\"\n[[meeting]]\nname = \"Lushi\"\n[[meeting]]\nname = \"LUSHI\"\n\
         [[meeting]]\nname = \"caf\u{e9}\"\n[[meeting]]\nname = \"cafe\u{301}\"\n",
        "𠀀".repeat(60)
    );
    std::fs::write(dir.path().join("m.toml"), manifest).unwrap();
    let mut c = huibao(dir.path());
    c.args(["batch", "m.toml", "-o", "out"]);
    let o = run(c);
    assert_fails(&o, "E-MANIFEST");
    assert!(stderr(&o).contains("m.toml:6:8"), "{}", stderr(&o));
    assert!(stderr(&o).contains("m.toml:10:8"), "{}", stderr(&o));
    assert!(stderr(&o).contains("m.toml:14:8"), "{}", stderr(&o));
    assert!(!dir.path().join("out").exists());
}

// 14.15: messages that say what is wrong.

#[test]
fn an_output_folder_that_is_a_file_is_named_as_such() {
    let dir = report(DATA);
    std::fs::write(dir.path().join("out"), "x").unwrap();
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert_fails(&o, "E-OUTPUT-TARGET");
    assert!(
        stderr(&o).contains("is a file, not a folder"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("os error"), "{}", stderr(&o));
}

// 14.10: a value of a kind prose cannot hold is an error at the template line.

#[test]
fn tables_lists_booleans_nan_and_huge_numbers_are_not_printed() {
    for (value, kind) in [
        ("{ a = 1 }", "a table"),
        ("[1, 2, 3]", "a list"),
        ("true", "a yes/no value"),
        ("nan", "an empty value"),
        ("1e300", "too large or too small"),
    ] {
        let dir = report(&format!("{DATA}x = {value}\n"));
        template(dir.path(), "标题：{{title}}\n\n{{body}}\n共{{x}}项。\n");
        let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
        assert_fails(&o, "E-FACT-KIND");
        assert!(
            stderr(&o).contains("report.hbs:4:2"),
            "{value}: {}",
            stderr(&o)
        );
        assert!(stderr(&o).contains(kind), "{value}: {}", stderr(&o));
        assert!(stderr(&o).contains("(fact: x)"), "{value}: {}", stderr(&o));
        assert!(!dir.path().join("out").exists());
    }
    // Text and plain numbers print.
    let dir = report(&format!("{DATA}x = 2.5\n"));
    template(dir.path(), "标题：{{title}}\n\n{{body}}\n共{{x}}项。\n");
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

// 14.13: watch mode keeps reacting when its folders are replaced.

#[test]
fn watch_rearms_when_the_data_folder_is_made_again_or_the_template_folder_moved_back() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    template(dir.path(), TEMPLATE);
    std::fs::create_dir(dir.path().join("d")).unwrap();
    std::fs::write(dir.path().join("d/data.toml"), DATA).unwrap();
    let mut child = huibao(dir.path())
        .args([
            "render",
            "d/data.toml",
            "-t",
            "t",
            "-f",
            "txt",
            "-o",
            "out",
            "--watch",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stdout = child.stdout.take().unwrap();
    let _guard = Kill(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(l);
        }
    });
    let txt = dir.path().join("out/data.txt");
    let wait_for = |needle: &str| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            while rx.try_recv().is_ok() {}
            if std::fs::read_to_string(&txt).is_ok_and(|t| t.contains(needle)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    };
    assert!(wait_for("74名"), "first render");
    // The data folder deleted and made again.
    std::fs::remove_dir_all(dir.path().join("d")).unwrap();
    std::thread::sleep(Duration::from_millis(400));
    std::fs::create_dir(dir.path().join("d")).unwrap();
    std::fs::write(dir.path().join("d/data.toml"), DATA.replace("74", "97")).unwrap();
    assert!(
        wait_for("97名"),
        "no rebuild after the data folder was made again"
    );
    // Later saves in the new folder still count.
    std::thread::sleep(Duration::from_millis(400));
    std::fs::write(dir.path().join("d/data.toml"), DATA.replace("74", "98")).unwrap();
    assert!(
        wait_for("98名"),
        "no rebuild after a save in the new folder"
    );
    // The template folder renamed away and back, then edited.
    std::fs::rename(dir.path().join("t"), dir.path().join("t2")).unwrap();
    std::thread::sleep(Duration::from_millis(400));
    std::fs::rename(dir.path().join("t2"), dir.path().join("t")).unwrap();
    std::thread::sleep(Duration::from_millis(400));
    std::fs::write(
        dir.path().join("t/report.hbs"),
        "标题：{{title}}\n\n{{body}}另起一段。\n",
    )
    .unwrap();
    assert!(
        wait_for("另起一段"),
        "no rebuild after the template folder was moved back"
    );
}

#[test]
fn a_lookup_that_finds_nothing_shows_the_expression() {
    let dir = report(&format!("{DATA}[o]\na = \"x\"\n"));
    template(
        dir.path(),
        "标题：{{title}}\n\n{{body}}{{lookup o \"zz\"}}\n",
    );
    let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
    assert_fails(&o, "E-RENDER");
    assert!(
        stderr(&o).contains("{{lookup o \"zz\"}} finds nothing"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("fact ``"), "{}", stderr(&o));
}

#[test]
fn an_extreme_source_date_epoch_is_refused() {
    let dir = report(DATA);
    std::fs::write(dir.path().join("new.toml"), DATA.replace("74", "97")).unwrap();
    for epoch in ["-99999999999999", "999999999999999", "soon"] {
        let mut c = huibao(dir.path());
        c.env("SOURCE_DATE_EPOCH", epoch).args([
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
        assert_fails(&o, "E-DATE");
        assert!(!dir.path().join("red.docx").exists());
    }
}

#[test]
fn tiny_numbers_are_called_too_small_not_too_large() {
    for (helper, x) in [("cn", "1e-9"), ("cn", "5e-324"), ("thousands", "1e-9")] {
        let dir = report(&format!("{DATA}x = {x}\n"));
        template(
            dir.path(),
            &format!("标题：{{{{title}}}}\n\n{{{{body}}}}{{{{{helper} x}}}}\n"),
        );
        let o = render(dir.path(), &["-f", "txt", "-o", "out"]);
        assert_fails(&o, "E-RENDER");
        assert!(
            stderr(&o).contains("too small"),
            "{helper} {x}: {}",
            stderr(&o)
        );
        assert!(
            !stderr(&o).contains("too large"),
            "{helper} {x}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_fifo_or_device_as_font_file_is_a_located_error() {
    let dir = report(DATA);
    mkfifo(&dir.path().join("font.ttf"));
    for file in ["font.ttf", "/dev/zero"] {
        std::fs::write(
            dir.path().join("data.toml"),
            format!("{DATA}[fonts.body]\nfile = \"{file}\"\n"),
        )
        .unwrap();
        let o = render(dir.path(), &["-f", "pdf", "-o", "out"]);
        assert_fails(&o, "E-SETTING");
        assert!(stderr(&o).contains("data.toml:4:8"), "{}", stderr(&o));
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    }
}

#[test]
fn a_huge_jobs_count_is_capped() {
    let dir = report(DATA);
    std::fs::write(
        dir.path().join("m.toml"),
        "[defaults]\ntemplate = \"t\"\nformats = [\"txt\"]\ndata = \"data.toml\"\n[[meeting]]\nname = \"a\"\n",
    )
    .unwrap();
    let mut c = huibao(dir.path());
    c.args(["batch", "m.toml", "-o", "out", "-j", "100000"]);
    let start = Instant::now();
    let o = run(c);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("out/a.txt").is_file());
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn control_characters_in_template_defaults_are_located_errors() {
    let dir = report(DATA);
    template(dir.path(), "标题：{{title}}\n\n{{body}}{{note}}\n");
    std::fs::write(
        dir.path().join("t/template.toml"),
        "entry = \"report\"\n[defaults]\nnote = \"a\\u0000b\"\n",
    )
    .unwrap();
    let o = render(dir.path(), &["-f", "docx", "-o", "out"]);
    assert_fails(&o, "E-CONTROL-CHAR");
    assert!(stderr(&o).contains("template.toml:3:1"), "{}", stderr(&o));
}

#[test]
fn fonts_does_not_suggest_an_option_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("data.toml"), DATA).unwrap();
    let mut c = huibao(dir.path());
    c.args(["fonts", "data.toml"]);
    let o = run(c);
    assert_fails(&o, "E-NO-TEMPLATE");
    // (`fonts` speaks Chinese whatever HUIBAO_LANG says: issue 13.6, another change.)
    let err = stderr(&o);
    assert!(
        err.contains("render and check also take -t") || err.contains("render、check 也可用 -t"),
        "{err}"
    );
}

#[test]
fn runs_killed_at_any_point_leave_a_consistent_set_and_no_temporary_files() {
    let dir = report(DATA);
    let out = dir.path().join("out");
    let docx_says = |path: &Path, n: &str| {
        let docx = std::fs::read(path).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        xml.contains(n)
    };
    for i in 0..12u64 {
        let n = if i % 2 == 0 { "74" } else { "97" };
        std::fs::write(dir.path().join("data.toml"), DATA.replace("74", n)).unwrap();
        let mut child = huibao(dir.path())
            .args([
                "render",
                "data.toml",
                "-t",
                "t",
                "-f",
                "txt,docx",
                "-o",
                "out",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Killed somewhere between start and finish (a pseudo-random point).
        std::thread::sleep(Duration::from_millis((i * 37) % 150));
        let _ = child.kill();
        let _ = child.wait();
        // A run killed between two renames leaves its journal, and the next writer of the
        // folder finishes the renames: the set is judged as it will be once they are done.
        let pending = pending_renames(&out);
        let file = |name: &str| pending.get(name).cloned().unwrap_or_else(|| out.join(name));
        if file("data.txt").exists() && file("data.docx").exists() {
            let txt = std::fs::read_to_string(file("data.txt")).unwrap();
            let said = if txt.contains("74名") { "74" } else { "97" };
            assert!(
                docx_says(&file("data.docx"), said),
                "run {i}: the txt says {said}, the docx does not (pending: {pending:?})"
            );
        }
    }
    let o = render(dir.path(), &["-f", "txt,docx", "-o", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(temps_in(&out).is_empty(), "{:?}", temps_in(&out));
    assert!(pending_renames(&out).is_empty());
}

/// The renames a killed run left to finish in `dir` (its `.huibao-renames` journal): target
/// name → the temporary file that will replace it, for those temporaries still there.
fn pending_renames(dir: &Path) -> std::collections::BTreeMap<String, PathBuf> {
    let text = std::fs::read_to_string(dir.join(".huibao-renames")).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(tmp, _)| dir.join(tmp).is_file())
        .map(|(tmp, target)| (target.to_string(), dir.join(tmp)))
        .collect()
}

#[test]
fn a_meeting_with_settings_that_would_hang_the_layout_fails_alone() {
    let dir = report(DATA);
    std::fs::write(
        dir.path().join("m.toml"),
        "[defaults]\ntemplate = \"t\"\nformats = [\"pdf\"]\ndata = \"data.toml\"\n\
         [[meeting]]\nname = \"bad\"\nset = { \"style.grid.chars\" = 4 }\n\
         [[meeting]]\nname = \"nan\"\nset = { \"fonts.body.size_pt\" = nan }\n\
         [[meeting]]\nname = \"good\"\n",
    )
    .unwrap();
    let mut c = huibao(dir.path());
    c.args(["batch", "m.toml", "-o", "out", "--builtin-fonts"]);
    let o = run(c);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let summary = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(summary.contains("3 meetings, 1 ok, 2 failed"), "{summary}");
    assert!(stderr(&o).contains("grid.chars = 4"), "{}", stderr(&o));
    assert!(dir.path().join("out/good.pdf").is_file());
}

#[test]
fn batch_refuses_a_fifo_as_a_meeting_output() {
    let dir = report(DATA);
    std::fs::write(
        dir.path().join("m.toml"),
        "[defaults]\ntemplate = \"t\"\nformats = [\"txt\"]\ndata = \"data.toml\"\n[[meeting]]\nname = \"a\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    mkfifo(&dir.path().join("out/a.txt"));
    let mut c = huibao(dir.path());
    c.args(["batch", "m.toml", "-o", "out"]);
    let o = run(c);
    assert_fails(&o, "E-OUTPUT-TARGET");
    assert!(is_fifo(&dir.path().join("out/a.txt")));
}

/// 14.11: a font the data names is used, or the report says which hanzi it lacks — it is not
/// silently replaced by another face.
#[test]
fn a_named_font_without_the_reports_hanzi_is_an_error_at_its_line() {
    let latin = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf";
    if !Path::new(latin).exists() {
        crate::common::skip::skip("fonts-liberation2 is not installed");
        return;
    }
    let data = format!("{DATA}\n[fonts.body]\nfile = \"{latin}\"\n");
    let dir = report(&data);
    let o = render(dir.path(), &["-f", "pdf", "-o", "out"]);
    assert_fails(&o, "E-FONT-FILE-GAPS");
    let err = stderr(&o);
    assert!(err.contains("data.toml:5:8"), "{err}");
    assert!(err.contains("今") && err.contains("员"), "{err}");
    assert!(!dir.path().join("out/data.pdf").exists());
    // Allowed, the hanzi come from another face and the PDF is written.
    let o = render(
        dir.path(),
        &["-f", "pdf", "-o", "out", "--allow-missing-glyphs"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("W-FONT-FILE-GAPS"), "{}", stderr(&o));
    assert!(dir.path().join("out/data.pdf").exists());
}

/// 14.2: a run killed between two renames leaves its journal; the next writer of the folder
/// finishes the renames, so the folder ends with the whole new set, not a mix of two runs.
#[test]
fn a_set_interrupted_between_renames_is_finished_by_the_next_writer() {
    let dir = report(DATA);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // The state a killed writer leaves: txt renamed already, docx still in its temporary file.
    std::fs::write(out.join("data.txt"), "new").unwrap();
    std::fs::write(out.join("data.docx"), "old").unwrap();
    std::fs::write(out.join(".huibao-AbC123.tmp"), "new").unwrap();
    std::fs::write(
        out.join(".huibao-renames"),
        ".huibao-XyZ789.tmp\tdata.txt\n.huibao-AbC123.tmp\tdata.docx\n",
    )
    .unwrap();
    // Another report written into the folder.
    std::fs::write(dir.path().join("other.toml"), DATA).unwrap();
    let mut c = huibao(dir.path());
    c.args([
        "render",
        "other.toml",
        "-t",
        "t",
        "-f",
        "txt,pdf",
        "-o",
        "out",
    ]);
    let o = run(c);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(out.join("data.docx")).unwrap(),
        "new"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("data.txt")).unwrap(),
        "new"
    );
    assert!(!out.join(".huibao-renames").exists());
    assert!(temps_in(&out).is_empty(), "{:?}", temps_in(&out));
    assert!(out.join("other.txt").exists() && out.join("other.pdf").exists());
}
