//! `huibao batch`: every meeting of a manifest rendered with its own facts; a broken meeting
//! fails alone; shards together equal the unsharded run byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn huibao(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_huibao"));
    c.current_dir(dir);
    c.env("HUIBAO_LANG", "en");
    c
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

/// A small report folder: a template without helpers, base facts, two meeting layers and a
/// manifest of three meetings (the third with an inline override).
fn project(dir: &Path) {
    write(
        dir,
        "templates/t/template.toml",
        "entry = \"report\"\nscript = \"hant\"\n",
    );
    write(
        dir,
        "templates/t/report.hbs",
        "標題：{{title}}\n\n稱謂：尊敬的{{meeting.host}}、各位領導：\n\n\
         今天，{{meeting.host}}帶領{{meeting.group}}蒞臨我縣。我縣共選派{{envoys}}名科技特派員。\n\n\
         以上彙報，請批評指正。\n",
    );
    write(
        dir,
        "base.toml",
        "title = \"落實情況彙報\"\nenvoys = 74\n\n[report]\ntemplate = \"t\"\n\n[meeting]\nhost = \"馬主席\"\ngroup = \"市檢查組\"\n",
    );
    write(
        dir,
        "m/prov.toml",
        "[meeting]\nhost = \"王副主席\"\ngroup = \"省科協調研組\"\n",
    );
    write(
        dir,
        "m/cong.toml",
        "[meeting]\nhost = \"李主任\"\ngroup = \"縣人大常委會\"\n",
    );
    write(
        dir,
        "meetings.toml",
        "[defaults]\ndata = [\"base.toml\"]\nformats = \"txt\"\n\n\
         [[meeting]]\nname = \"city\"\n\n\
         [[meeting]]\nname = \"province\"\ndata = \"m/prov.toml\"\nset = { envoys = 86 }\n\n\
         [[meeting]]\nname = \"congress\"\ndata = [\"m/cong.toml\"]\n",
    );
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    huibao(dir).arg("batch").args(args).output().unwrap()
}

#[test]
fn every_meeting_gets_its_own_salutation_and_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    project(d);
    let out = run(d, &["meetings.toml", "-o", "out", "-j", "2"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    for (name, host, group, envoys) in [
        ("city", "馬主席", "市檢查組", "74"),
        ("province", "王副主席", "省科協調研組", "86"),
        ("congress", "李主任", "縣人大常委會", "74"),
    ] {
        let txt = std::fs::read_to_string(d.join(format!("out/{name}.txt"))).unwrap();
        assert!(
            txt.contains(&format!("尊敬的{host}、各位領導：")),
            "{name}: {txt}"
        );
        assert!(txt.contains(&format!("帶領{group}蒞臨")), "{name}: {txt}");
        assert!(txt.contains(&format!("共選派{envoys}名")), "{name}: {txt}");
        // The summary names each meeting with its output and status.
        assert!(
            stdout.lines().any(|l| l.starts_with(name)
                && l.contains(&format!("{name}.txt"))
                && l.ends_with("ok")),
            "{stdout}"
        );
    }
    assert!(stdout.contains("3 meetings, 3 ok, 0 failed"), "{stdout}");
    // Not a terminal: one plain progress line per meeting.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with('[')).count(),
        3,
        "{stderr}"
    );
}

#[test]
fn a_broken_meeting_fails_alone_with_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    project(d);
    write(d, "m/bad.toml", "[meeting]\nhost = \"趙主任\"\ngroup = [\n");
    let manifest = std::fs::read_to_string(d.join("meetings.toml")).unwrap();
    write(
        d,
        "meetings.toml",
        &manifest.replace(
            "[[meeting]]\nname = \"province\"",
            "[[meeting]]\nname = \"broken\"\ndata = \"m/bad.toml\"\n\n[[meeting]]\nname = \"province\"",
        ),
    );
    let out = run(d, &["meetings.toml", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("m/bad.toml:4:1") || stderr.contains("m/bad.toml:3:"),
        "{stderr}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("broken") && l.ends_with("FAILED")),
        "{stdout}"
    );
    assert!(stdout.contains("4 meetings, 3 ok, 1 failed"), "{stdout}");
    let written: Vec<String> = files(&d.join("out")).into_keys().collect();
    assert_eq!(written, ["city.txt", "congress.txt", "province.txt"]);
}

#[test]
fn shards_together_equal_the_unsharded_run() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    project(d);
    assert!(run(d, &["meetings.toml", "-o", "all"]).status.success());
    assert!(run(d, &["meetings.toml", "-o", "s", "--shard", "1/2"])
        .status
        .success());
    let first: Vec<String> = files(&d.join("s")).into_keys().collect();
    assert_eq!(first, ["city.txt", "congress.txt"], "positions 0 and 2");
    assert!(run(
        d,
        &["meetings.toml", "-o", "s", "--shard", "2/2", "-j", "1"]
    )
    .status
    .success());
    let all = files(&d.join("all"));
    assert_eq!(all.len(), 3);
    assert_eq!(files(&d.join("s")), all);
    // A shard outside 1..=N is a usage error.
    assert_eq!(
        run(d, &["meetings.toml", "--shard", "3/2"]).status.code(),
        Some(2)
    );
}

#[cfg(unix)]
#[test]
fn a_rerun_replaces_only_the_reports_whose_facts_changed() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    project(d);
    let args = ["meetings.toml", "-f", "txt,pdf", "-o", "out"];
    assert!(run(d, &args).status.success());
    let inodes = || -> BTreeMap<String, u64> {
        std::fs::read_dir(d.join("out"))
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, e.metadata().unwrap().ino())
            })
            .collect()
    };
    let before = inodes();
    let bytes = files(&d.join("out"));
    assert_eq!(before.len(), 6, "{before:?}");
    // The province meeting's figure changes; the other two meetings do not.
    let manifest = std::fs::read_to_string(d.join("meetings.toml")).unwrap();
    write(
        d,
        "meetings.toml",
        &manifest.replace("envoys = 86", "envoys = 87"),
    );
    assert!(run(d, &args).status.success());
    let after = inodes();
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    for (name, ino) in &after {
        let changed = name.starts_with("province.");
        assert_eq!(*ino != before[name], changed, "{name} replaced: {changed}");
    }
    let now = files(&d.join("out"));
    assert_ne!(now["province.txt"], bytes["province.txt"]);
    assert!(String::from_utf8_lossy(&now["province.txt"]).contains("87名"));
    assert_eq!(now["city.pdf"], bytes["city.pdf"]);
}

#[test]
fn manifest_errors_name_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    project(d);
    write(
        d,
        "dup.toml",
        "[[meeting]]\nname = \"a\"\ndata = \"base.toml\"\n\n[[meeting]]\nname = \"a\"\n",
    );
    let out = run(d, &["dup.toml", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("dup.toml:6:8"), "{stderr}");
    assert!(
        !d.join("out").exists(),
        "nothing is written for an invalid manifest"
    );
}
