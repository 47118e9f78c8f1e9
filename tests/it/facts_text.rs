//! Facts are text, missing files are errors, closed pipes end quietly, `--lang en` everywhere
//! (issue 13 items 1, 2, 3, 6, 16; issue 15 item 2: messages point at the fact or template line
//! their text came from).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::cli::{huibao, huibao_in};

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("huibao-facts-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_missing_data_file_is_an_error_whatever_its_name() {
    let out = temp("missing");
    for cmd in ["check", "render"] {
        let mut c = huibao();
        c.args([cmd, "/no/such/dir/lushi-2012.toml", "--lang", "en"]);
        if cmd == "render" {
            c.args(["-f", "txt", "-o"]).arg(&out);
        }
        let o = c.output().unwrap();
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {e}");
        assert!(e.contains("E-READ"), "{cmd}: {e}");
        assert!(e.contains("/no/such/dir/lushi-2012.toml"), "{cmd}: {e}");
        assert!(!e.contains("check passed"), "{cmd}: {e}");
    }
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

#[test]
fn the_built_in_example_is_reached_by_its_documented_name() {
    let dir = temp("example");
    let o = huibao_in(&dir)
        .args(["render", "example", "-f", "txt", "-o", "out"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("out/lushi-2012.txt")).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = huibao()
        .args(["render", "data/lushi-2012.toml", "-f", "txt", "-o"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        text,
        std::fs::read_to_string(dir.join("lushi-2012.txt")).unwrap()
    );
    assert!(repo.join("data/lushi-2012.toml").exists());
}

/// Runs `cmd` with stdout and stderr connected to pipes whose reading ends are closed before
/// huibao writes anything (what `2>&1 | head -1` does after the first line).
fn with_closed_pipes(mut cmd: Command) -> std::process::ExitStatus {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().unwrap()
}

#[test]
fn every_command_ends_quietly_on_closed_pipes() {
    let dir = temp("pipes");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let old = dir.join("old.toml");
    let example = std::fs::read_to_string(repo.join("data/lushi-2012.toml")).unwrap();
    std::fs::write(&old, example.replace("first_batch = ", "first_batch = 1")).unwrap();
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "batch",
            vec![
                "batch".into(),
                "data/meetings-2012.toml".into(),
                "-f".into(),
                "txt".into(),
                "-j".into(),
                "1".into(),
                "-o".into(),
                dir.join("batch").display().to_string(),
            ],
        ),
        (
            "render",
            vec![
                "render".into(),
                "data/lushi-2012.toml".into(),
                "-f".into(),
                "txt".into(),
                "-o".into(),
                dir.join("render").display().to_string(),
            ],
        ),
        ("check", vec!["check".into(), "data/lushi-2012.toml".into()]),
        (
            "check failing",
            vec!["check".into(), "/no/such/file.toml".into()],
        ),
        ("fonts", vec!["fonts".into(), "--builtin-fonts".into()]),
        (
            "diff",
            vec![
                "diff".into(),
                old.display().to_string(),
                "data/lushi-2012.toml".into(),
            ],
        ),
        (
            "init",
            vec!["init".into(), dir.join("init").display().to_string()],
        ),
    ];
    for (name, args) in cases {
        let mut c = huibao();
        c.args(&args);
        let status = with_closed_pipes(c);
        assert!(
            matches!(status.code(), Some(0 | 1)),
            "{name}: ended with {status} on a closed pipe"
        );
    }
    // The files are whole: the same as with open pipes, and no temporary file is left.
    let o = huibao()
        .args(["render", "data/lushi-2012.toml", "-f", "txt", "-o"])
        .arg(dir.join("open"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.join("render/lushi-2012.txt")).unwrap(),
        std::fs::read(dir.join("open/lushi-2012.txt")).unwrap()
    );
    for sub in ["render", "batch"] {
        let names: Vec<String> = std::fs::read_dir(dir.join(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| n.ends_with(".txt")),
            "{sub}: {names:?}"
        );
        assert!(!names.is_empty());
    }
    assert_eq!(std::fs::read_dir(dir.join("batch")).unwrap().count(), 3);
    assert!(dir.join("init/report.toml").exists());
}

#[test]
fn init_and_fonts_speak_english_when_asked() {
    let dir = temp("lang");
    let o = huibao()
        .arg("init")
        .arg(dir.join("r"))
        .args(["--lang", "en"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("created"), "{}", stderr(&o));
    // An existing folder: the error in English, by flag and by locale.
    for (flag, env) in [(true, "zh_CN.UTF-8"), (false, "en_US.UTF-8")] {
        let mut c = huibao();
        c.arg("init").arg(dir.join("r")).env("LANG", env);
        c.env_remove("LC_ALL").env_remove("HUIBAO_LANG");
        if flag {
            c.args(["--lang", "en"]);
        }
        let o = c.output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        let e = stderr(&o);
        assert!(e.contains("is not an empty folder"), "{e}");
        assert!(!e.contains("已存在"), "{e}");
    }
    let o = huibao()
        .args(["fonts", "--builtin-fonts", "--lang", "en"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\nbody: "), "{out}");
    assert!(!out.contains("正文"), "{out}");
    let o = huibao()
        .args(["fonts", "--builtin-fonts"])
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("HUIBAO_LANG")
        .output()
        .unwrap();
    assert!(stdout(&o).contains("正文"), "{}", stdout(&o));
    let o = huibao()
        .args(["fonts", "/no/such/file.toml", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
}
