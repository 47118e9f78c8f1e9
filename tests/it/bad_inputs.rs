//! A corpus of bad inputs goes through every command: each ends with exit code 1 and a message
//! that names where the problem is — never a panic, a crash or a hang.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Case {
    name: &'static str,
    data: Vec<u8>,
    template: &'static str,
    /// Text the message must contain (a location or a fact path).
    expect: &'static str,
}

fn case(
    name: &'static str,
    data: impl Into<Vec<u8>>,
    template: &'static str,
    expect: &'static str,
) -> Case {
    Case {
        name,
        data: data.into(),
        template,
        expect,
    }
}

fn corpus() -> Vec<Case> {
    let example =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lushi-2012.toml"))
            .unwrap();
    let cut = example.find("lines = [\"盧氏縣").unwrap() + "lines = [\"盧氏".len();
    let simple = "標題：{{title}}\n\n{{body}}\n";
    vec![
        case(
            "truncated",
            example.as_bytes()[..cut].to_vec(),
            "",
            "data.toml:",
        ),
        case(
            "wrong type for a list helper",
            "title = \"t\"\nbody = 3\n",
            "標題：{{title}}\n\n共{{count body}}項\n",
            "report.hbs:3:",
        ),
        case(
            "wrong type for a date helper",
            "title = \"t\"\nbody = \"昨天\"\n",
            "標題：{{title}}\n\n{{date body}}\n",
            "report.hbs:3:",
        ),
        case(
            "1 MB string",
            format!("title = \"{}\"\nbody = \"x\"\n", "長".repeat(350_000)),
            simple,
            "E-MARKUP-TITLE",
        ),
        case(
            "deep nesting",
            format!(
                "title = \"t\"\nbody = {}{}\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
            simple,
            "data.toml:2:",
        ),
        case(
            "control character",
            "title = \"t\"\nbody = \"a\\u0007b\"\n",
            simple,
            "body",
        ),
        case(
            "NUL escape",
            "title = \"t\"\nbody = \"a\\u0000b\"\n",
            simple,
            "body",
        ),
        case(
            "raw NUL byte",
            b"title = \"t\"\nbody = \"a\0b\"\n".to_vec(),
            simple,
            "data.toml:2:",
        ),
        case(
            "invalid UTF-8",
            b"title = \"t\"\nbody = \"\xff\xfe\"\n".to_vec(),
            simple,
            "data.toml:2:",
        ),
        case(
            "right-to-left mark",
            "title = \"t\"\nbody = \"abc\u{200F}\"\n",
            simple,
            "body",
        ),
        case("missing fact", "title = \"t\"\n", simple, "report.hbs:3:1"),
        case(
            "emoji",
            "title = \"t\"\nbody = \"好😀\"\n",
            simple,
            "U+1F600",
        ),
        case(
            "CJK Extension B",
            "title = \"t\"\nbody = \"𠀀𠀁\"\n",
            simple,
            "U+20000",
        ),
        case(
            "empty template",
            "title = \"t\"\nbody = \"x\"\n",
            "",
            "E-EMPTY",
        ),
        case(
            "template includes itself",
            "title = \"t\"\nbody = \"x\"\n",
            "標題：{{title}}\n{{> report}}\n",
            "E-PARTIAL-LOOP",
        ),
        case(
            "unknown helper",
            "title = \"t\"\nbody = \"x\"\n",
            "標題：{{title}}\n\n{{shout body}}\n",
            "report.hbs:3:1",
        ),
        case(
            "unclosed block",
            "title = \"t\"\nbody = \"x\"\n",
            "標題：{{title}}\n\n{{#if body}}\n",
            "report.hbs:",
        ),
        // Settings out of range hang or break the layout: each is an error at its value.
        case(
            "grid of zero characters",
            "title = \"t\"\nbody = \"x\"\n[style.grid]\nchars = 0\n",
            simple,
            "data.toml:4:9",
        ),
        case(
            "page width NaN",
            "title = \"t\"\nbody = \"x\"\n[style.page]\nwidth_mm = nan\n",
            simple,
            "data.toml:4:12",
        ),
        case(
            "margin wider than the page",
            "title = \"t\"\nbody = \"x\"\n[style.page]\nleft_mm = 300\n",
            simple,
            "data.toml:4:11",
        ),
        case(
            "infinite font size",
            "title = \"t\"\nbody = \"x\"\n[fonts.body]\nsize_pt = inf\n",
            simple,
            "data.toml:4:11",
        ),
        case(
            "page number below infinity",
            "title = \"t\"\nbody = \"x\"\n[style.page]\npage_number_baseline_mm = inf\n",
            simple,
            "data.toml:4:27",
        ),
        case(
            "NUL in a font family",
            "title = \"t\"\nbody = \"x\"\n[fonts.body]\nfamily = \"\\u0000\"\n",
            simple,
            "data.toml:4:10",
        ),
        case(
            "empty font file name",
            "title = \"t\"\nbody = \"x\"\n[fonts.body]\nfile = \"\"\n",
            simple,
            "data.toml:4:8",
        ),
        case(
            "unknown report key",
            "title = \"t\"\nbody = \"x\"\n[report]\ntempalte = \"t\"\n",
            simple,
            "data.toml:4:12",
        ),
        case(
            "line pitch as text",
            "title = \"t\"\nbody = \"x\"\n[style.grid]\nline_pitch_twips = \"x\"\n",
            simple,
            "data.toml:4:20",
        ),
    ]
}

fn setup(dir: &Path, c: &Case) -> PathBuf {
    std::fs::create_dir_all(dir.join("t")).unwrap();
    std::fs::write(dir.join("t/template.toml"), "entry = \"report\"\n").unwrap();
    std::fs::write(dir.join("t/report.hbs"), c.template).unwrap();
    let template = if c.template.is_empty() && c.name == "truncated" {
        // The truncated example keeps its own template.
        None
    } else {
        Some("t")
    };
    let data = dir.join("data.toml");
    std::fs::write(&data, &c.data).unwrap();
    if let Some(t) = template {
        return dir.join(t);
    }
    PathBuf::new()
}

/// Runs a command with a time limit; returns (exit code, stderr).
fn run_limited(mut cmd: Command) -> (Option<i32>, String) {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            return (
                status.code(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            );
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().ok();
            panic!("command hung: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn every_bad_input_exits_1_with_a_located_message() {
    let mut failures = Vec::new();
    for c in corpus() {
        for sub in ["check", "render"] {
            let dir = tempfile::tempdir().unwrap();
            let tpl = setup(dir.path(), &c);
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_huibao"));
            cmd.current_dir(dir.path())
                .env("HUIBAO_LANG", "en")
                .arg(sub)
                .arg("data.toml");
            if !tpl.as_os_str().is_empty() {
                cmd.arg("-t").arg(&tpl);
            } else {
                cmd.args(["-t", "kepu-huibao"]);
            }
            if sub == "render" {
                cmd.args(["-o", "out"]);
            }
            let (code, stderr) = run_limited(cmd);
            let located = stderr.lines().any(|l| {
                // "file:line:col: error[…]"
                let head: Vec<&str> = l.splitn(4, ':').collect();
                head.len() == 4
                    && head[1].parse::<usize>().is_ok()
                    && head[2].parse::<usize>().is_ok()
            });
            let caret = stderr
                .lines()
                .any(|l| l.trim_start().starts_with('|') && l.trim_end().ends_with('^'));
            let ok = code == Some(1)
                && stderr.contains(c.expect)
                && located
                && caret
                && !stderr.contains("panicked");
            if !ok {
                failures.push(format!(
                    "{} / {sub}: exit {code:?}, expected message containing {:?}, got:\n{}",
                    c.name,
                    c.expect,
                    stderr.chars().take(600).collect::<String>()
                ));
            }
            if sub == "render" {
                assert!(
                    !dir.path().join("out").exists()
                        || std::fs::read_dir(dir.path().join("out"))
                            .unwrap()
                            .next()
                            .is_none(),
                    "{}: a failed render left files behind",
                    c.name
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn init_into_a_file_or_unwritable_place_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("taken"), "x").unwrap();
    for target in ["taken", "taken/sub"] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_huibao"));
        cmd.current_dir(dir.path()).args(["init", target]);
        let (code, stderr) = run_limited(cmd);
        assert_eq!(code, Some(1), "{target}: {stderr}");
        assert!(stderr.contains("taken"), "{stderr}");
    }
}
