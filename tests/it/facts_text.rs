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
        assert!(e.contains("huibao render example"), "{cmd}: {e}");
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

/// A report folder: `d.toml` and the template `t/report.hbs`.
fn report(name: &str, data: &str, template: &str) -> PathBuf {
    let dir = temp(name);
    std::fs::create_dir(dir.join("t")).unwrap();
    std::fs::write(dir.join("t/template.toml"), "entry = \"report\"\n").unwrap();
    std::fs::write(dir.join("t/report.hbs"), template).unwrap();
    std::fs::write(dir.join("d.toml"), data).unwrap();
    dir
}

/// `huibao render d.toml -t t -f txt` in `dir`: exit code, the text written, messages.
fn render_txt(dir: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let o = huibao_in(dir)
        .args([
            "render", "d.toml", "-t", "t", "-f", "txt", "-o", "out", "--lang", "en",
        ])
        .args(extra)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(dir.join("out/d.txt")).unwrap_or_default();
    (o.status.code(), text, stderr(&o))
}

const TEMPLATE: &str = "标题：{{title}}\n\n{{lead}}\n\n# 情况\n\n{{body}}\n\n| 项目 | 说明 |\n|---|---|\n| {{item}} | {{note}} |\n\n署名：某县科协\n日期：2012年10月10日\n";

#[test]
fn facts_print_as_written_and_never_change_the_structure() {
    let data = r##"title = "关于某项工作的汇报"
lead = "# 标题"
body = """署名：张三
标题：不是标题
---
| a | b |"""
item = "培训|农民"
note = """第一行
第二行"""
"##;
    let dir = report("facts", data, TEMPLATE);
    let (code, text, e) = render_txt(&dir, &[]);
    assert_eq!(code, Some(0), "{e}");
    assert!(!e.contains("error"), "{e}");
    assert_eq!(
        text,
        "关于某项工作的汇报\n\n# 标题\n\n一、情况\n\n署名：张三标题：不是标题---| a | b |\n\n项目\t说明\n培训|农民\t第一行第二行\n\n某县科协\n2012年10月10日\n",
        "{e}"
    ); // The DOCX as Word reads it: one table of two rows of two cells; one heading paragraph.
    let o = huibao_in(&dir)
        .args(["render", "d.toml", "-t", "t", "-f", "docx", "-o", "out"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let pkg = crate::common::docx_read::unzip(&std::fs::read(dir.join("out/d.docx")).unwrap());
    let body = pkg.xml("word/document.xml");
    let tables = body.all("w:tbl");
    assert_eq!(tables.len(), 1);
    let rows: Vec<Vec<String>> = tables[0]
        .all("w:tr")
        .iter()
        .map(|r| r.all("w:tc").iter().map(|c| c.text()).collect())
        .collect();
    assert_eq!(
        rows,
        vec![
            vec!["项目".to_string(), "说明".to_string()],
            vec!["培训|农民".to_string(), "第一行第二行".to_string()]
        ]
    );
    let paragraphs: Vec<String> = body.all("w:p").iter().map(|p| p.text()).collect();
    assert!(paragraphs.contains(&"# 标题".to_string()), "{paragraphs:?}");
    assert!(!paragraphs.iter().any(|p| p == "标题"), "{paragraphs:?}");
}

#[test]
fn markup_from_a_fact_only_where_the_template_says_so() {
    let dir = report(
        "stash",
        "title = \"汇报\"\nextra = \"# 附加部分\\n\\n正文。\"\n",
        "标题：{{title}}\n\n{{{extra}}}\n",
    );
    let (code, text, e) = render_txt(&dir, &[]);
    assert_eq!(code, Some(0), "{e}");
    assert_eq!(text, "汇报\n\n一、附加部分\n\n正文。\n", "{e}");
}

/// The `file:line:col` a message with `code` starts with.
fn place(messages: &str, code: &str) -> String {
    let line = messages
        .lines()
        .find(|l| l.contains(&format!("[{code}]")))
        .unwrap_or_else(|| panic!("no [{code}] in:\n{messages}"));
    line.split(": ").next().unwrap_or("").to_string()
}

#[test]
fn markup_and_glyph_messages_point_at_the_fact_or_template_line_of_their_text() {
    // The same text in a fact and in the template: the message names the one it came from.
    let data = "intro = \"开场白。\"\nlong = \"一二三四五六七八九十一二三四五六七八九十一\"\ndeep = \"太深\"\n";
    let template =
        "标题：关于工作的汇报\n\n开场白。{{intro}}\n\n标题：{{long}}\n\n##### 太深\n\n{{deep}}\n";
    let dir = report("where", data, template);
    let o = huibao_in(&dir)
        .args([
            "check",
            "d.toml",
            "-t",
            "t",
            "--lang",
            "en",
            "--builtin-fonts",
        ])
        .output()
        .unwrap();
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    // A title line too long because of the fact: at the fact's value.
    assert_eq!(place(&e, "E-MARKUP-TITLE"), "d.toml:2:8", "{e}");
    // A heading too deep, all template text: at the template line (not at the fact `deep`,
    // which holds the same text).
    assert_eq!(place(&e, "E-MARKUP-LEVEL"), "t/report.hbs:7:1", "{e}");
    // A title line after the body: warned at the template line.
    assert_eq!(place(&e, "W-MARKUP-TITLE-BODY"), "d.toml:2:8", "{e}");
    // A character no font has, written in the template after a fact: at its column; in a
    // fact: at its column in the fact's value.
    let dir = report(
        "glyph",
        "intro = \"开场白。\"\nodd = \"第三段🀄。\"\n",
        "标题：汇报\n\n第二段{{intro}}😀。\n\n{{odd}}\n",
    );
    let o = huibao_in(&dir)
        .args([
            "check",
            "d.toml",
            "-t",
            "t",
            "--lang",
            "en",
            "--builtin-fonts",
        ])
        .output()
        .unwrap();
    let e = stderr(&o);
    let glyphs: Vec<&str> = e.lines().filter(|l| l.contains("[E-GLYPH]")).collect();
    assert_eq!(glyphs.len(), 2, "{e}");
    assert!(glyphs[0].starts_with("t/report.hbs:3:13:"), "{e}");
    assert!(glyphs[1].starts_with("d.toml:2:11:"), "{e}");
}

/// The width in points of the PDF line (pdftotext -bbox words on one baseline) whose first word
/// starts with `start`.
fn line_width(pdf: &Path, start: &str) -> Option<f64> {
    let o = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    let html = String::from_utf8_lossy(&o.stdout).into_owned();
    let attr = |line: &str, name: &str| -> Option<f64> {
        let at = line.find(&format!("{name}=\""))? + name.len() + 2;
        line[at..].split('"').next()?.parse().ok()
    };
    let words: Vec<&str> = html.lines().filter(|l| l.contains("<word ")).collect();
    let first = words.iter().find(|l| l.contains(&format!(">{start}")))?;
    let y = attr(first, "yMax")?;
    let x0 = attr(first, "xMin")?;
    let x1 = words
        .iter()
        .filter(|l| attr(l, "yMax").is_some_and(|v| (v - y).abs() < 0.5))
        .filter_map(|l| attr(l, "xMax"))
        .fold(x0, f64::max);
    Some(x1 - x0)
}

#[test]
fn primes_are_set_with_their_digits_not_in_a_full_cell() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        crate::common::skip::skip("pdftotext not installed, prime widths not checked");
        return;
    }
    let widths: Vec<f64> = [
        "125°45′30″，北纬33°20′的地方。",
        "125°45'30\"，北纬33°20'的地方。",
    ]
    .iter()
    .enumerate()
    .map(|(i, line)| {
        let dir = report(
            &format!("primes{i}"),
            "x = 1\n",
            &format!("标题：汇报\n\n东经{line}\n"),
        );
        let o = huibao_in(&dir)
            .args(["render", "d.toml", "-t", "t", "-f", "pdf", "-o", "out"])
            .args(["--no-normalize", "--builtin-fonts"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        line_width(&dir.join("out/d.pdf"), "东经").expect("the line in the PDF")
    })
    .collect();
    // Three primes against three ASCII quotes: a few points wider at most, not three cells.
    assert!(
        widths[0] - widths[1] < 8.0,
        "primes widen the line by {:.1} pt",
        widths[0] - widths[1]
    );
}

#[test]
fn a_scraped_full_stop_is_normalized_and_listed_by_check() {
    let dir = report(
        "stop",
        "body = \"今年完成了任务.下一步继续推进.\"\n",
        "标题：汇报\n\n{{body}}\n",
    );
    let o = huibao_in(&dir)
        .args(["check", "d.toml", "-t", "t", "--lang", "en"])
        .output()
        .unwrap();
    let e = stderr(&o);
    assert!(o.status.success(), "{e}");
    assert!(e.contains("d.toml:1:8: warning[N-PUNCT]"), "{e}");
    assert!(e.contains(". → 。"), "{e}");
    let (code, text, e) = render_txt(&dir, &[]);
    assert_eq!(code, Some(0), "{e}");
    assert_eq!(text, "汇报\n\n今年完成了任务。下一步继续推进。\n");
}

#[test]
fn a_fact_cannot_forge_provenance_markers() {
    // U+10FFF0 opens a fact's text in the rendered markup; a fact holding it is refused.
    let dir = report(
        "forge",
        "body = \"正文\\U0010FFF0\\U00100000# 标题\"\n",
        "标题：汇报\n\n{{body}}\n",
    );
    let (code, _, e) = render_txt(&dir, &[]);
    assert_eq!(code, Some(1), "{e}");
    assert!(e.contains("d.toml:1:8: error[E-CONTROL-CHAR]"), "{e}");
    assert!(e.contains("U+10FFF0"), "{e}");
}
