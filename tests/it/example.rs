//! The built-in example reproduces the source report: every cleaned paragraph, every figure
//! from the data, no scraping debris; and the CLI's error paths name file, line and column.

use std::path::{Path, PathBuf};
use std::process::Command;

fn huibao() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_huibao"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env("HUIBAO_LANG", "zh");
    c
}

fn render_txt(extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = huibao()
        .args(["render", "data/lushi-2012.toml", "-f", "txt", "-o"])
        .arg(dir.path())
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "render failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(dir.path().join("lushi-2012.txt")).unwrap()
}

/// The source page's paragraphs, cleaned the way the example must be: debris dropped,
/// paragraphs the page split mid-sentence rejoined, half-width punctuation made full-width.
fn cleaned_source() -> Vec<String> {
    let raw = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/source-report.txt"),
    )
    .unwrap();
    let lines: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let title = lines[0];
    let mut paras: Vec<String> = Vec::new();
    let mut pending = String::new();
    for (i, l) in lines.iter().enumerate() {
        let debris = l.starts_with("來源:")
            || (i > 0 && *l == title)
            || l.contains("全文內容當前網頁未完全顯示")
            || l.starts_with("熱門標籤");
        if debris {
            continue;
        }
        pending.push_str(l);
        let heading = l.starts_with(['一', '二', '三', '四', '(']) && !l.contains('。');
        let ends = l.ends_with(['。', '！', '!', ':', '：']) || heading || i == 0;
        if ends {
            paras.push(full_width(&std::mem::take(&mut pending)));
        }
    }
    assert!(pending.is_empty(), "unjoined text: {pending}");
    paras
}

fn full_width(s: &str) -> String {
    s.replace(',', "，")
        .replace(':', "：")
        .replace('(', "（")
        .replace(')', "）")
        .replace('!', "！")
        .replace(';', "；")
        .replace('?', "？")
        .replace("<", "〈")
        .replace(">", "〉")
}

#[test]
fn example_contains_every_cleaned_source_paragraph_and_no_debris() {
    let txt = render_txt(&[]);
    let joined_title: String = txt.lines().take(2).collect();
    let paras = cleaned_source();
    assert!(paras.len() >= 14, "{paras:#?}");
    assert_eq!(joined_title, paras[0], "title lines");
    let body: Vec<&str> = txt.lines().collect();
    for p in &paras[1..] {
        assert!(
            body.contains(&p.as_str()),
            "paragraph missing from the example's text output:\n{p}"
        );
    }
    for debris in ["來源", "1.7W", "全文內容", "熱門標籤", "未完全顯示"] {
        assert!(!txt.contains(debris), "debris {debris} in output");
    }
    for half in [',', ':', '(', ')', '!', ';', '?'] {
        assert!(!txt.contains(half), "half-width {half:?} in output");
    }
    // The report is completed after the source's cut-off.
    assert!(txt.contains("三、存在的問題"));
    assert!(txt.contains("四、下一步打算"));
    assert!(txt.contains("以上彙報，不妥之處，請各位領導批評指正。"));
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c == '\n' {
            if !cur.trim().is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
            continue;
        }
        cur.push(c);
        if matches!(c, '。' | '！' | '？' | '；') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn changing_one_figure_changes_exactly_the_sentences_that_use_it() {
    let before = sentences(&render_txt(&[]));
    let after = sentences(&render_txt(&["--set", "envoys.first_batch=97"]));
    assert_eq!(before.len(), after.len());
    let changed: Vec<(&String, &String)> =
        before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert!(changed[0].0.contains("共選派74名科技特派員"));
    assert!(changed[0].1.contains("共選派97名科技特派員"));

    // A list drives a computed count: one more award year makes the streak 十二.
    let years = "county.award_years=[2001,2002,2003,2004,2005,2006,2007,2008,2009,2010,2011,2012]";
    let streak = render_txt(&["--set", years]);
    assert!(streak.contains("連續十二年被評為全國科技進步先進縣"));
}

#[test]
fn figures_come_from_the_data() {
    let txt = render_txt(&[]);
    for s in [
        "協調縣直10多個部門",
        "精選出40名",
        "下派到16個鄉鎮40個村",
        "今年三月",
        "共選派74名",
        "10月10日上午",
        "12名專家",
        "等六個目標",
        "連續十一年",
        "“四大行動”",
        "“四項基礎工程建設”",
        "等八項任務",
    ] {
        assert!(txt.contains(s), "{s} missing");
    }
}

#[test]
fn simplified_output_converts_template_and_facts() {
    let txt = render_txt(&["--script", "hans"]);
    assert!(
        txt.starts_with("卢氏县全民素质行动计划纲要\n落实情况汇报\n"),
        "{txt}"
    );
    assert!(txt.contains("尊敬的马主席、各位领导："));
    assert!(!txt.contains("盧氏縣"));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn run_fail(args: &[&str], dir: &Path) -> String {
    let out = huibao().args(args).current_dir(dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{:?}", out);
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn missing_fact_toml_error_and_template_error_name_file_line_col() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "t/template.toml", "entry = \"report\"\n");
    write(
        d,
        "t/report.hbs",
        "標題：{{title}}\n\n{{#each items}}\n{{this.nmae}}\n{{/each}}\n",
    );
    write(
        d,
        "ok.toml",
        "title = \"關於A&B <C>的彙報\"\nitems = [{name = \"甲\"}]\n",
    );
    let msg = run_fail(&["check", "ok.toml", "-t", "t"], d);
    assert!(msg.contains("t/report.hbs:4:1"), "{msg}");
    assert!(msg.contains("items[0].nmae"), "{msg}");

    write(d, "bad.toml", "title = \"x\"\nitems = [\n");
    let msg = run_fail(&["check", "bad.toml", "-t", "t"], d);
    assert!(
        msg.contains("bad.toml:3:1") || msg.contains("bad.toml:2:"),
        "{msg}"
    );
    assert!(msg.contains("TOML"), "{msg}");

    write(d, "u/template.toml", "entry = \"report\"\n");
    write(d, "u/report.hbs", "標題：x\n\n{{#if title}\n");
    let msg = run_fail(&["check", "ok.toml", "-t", "u"], d);
    assert!(msg.contains("u/report.hbs:3:"), "{msg}");

    // Unescaped: A&B <C> survives as written.
    write(
        d,
        "v/template.toml",
        "entry = \"report\"\nscript = \"hant\"\n",
    );
    write(
        d,
        "v/report.hbs",
        "標題：{{title}}\n\n{{#each items}}{{name}}{{/each}}\n",
    );
    let out = huibao()
        .args(["render", "ok.toml", "-t", "v", "-f", "txt", "-o", "o"])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let txt = std::fs::read_to_string(d.join("o/ok.txt")).unwrap();
    assert!(txt.starts_with("關於A&B <C>的彙報\n"), "{txt}");
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    let out = huibao().args(["render"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = huibao()
        .args(["render", "x.toml", "-f", "odt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    for cmd in ["render", "check", "init"] {
        let out = huibao().args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("huibao "));
    }
}

#[test]
fn init_creates_an_editable_report_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = huibao()
        .args(["init", "my-report"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let tpl = dir
        .path()
        .join("my-report/templates/kepu-huibao/sections/service.hbs");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(
        &tpl,
        text.replace("確保了科技服務活動", "保證了科技服務活動"),
    )
    .unwrap();
    let out = huibao()
        .args(["render", "my-report/report.toml", "-f", "txt", "-o", "o"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let txt = std::fs::read_to_string(dir.path().join("o/lushi-2012.txt")).unwrap();
    assert!(
        txt.contains("保證了科技服務活動"),
        "the folder's own template copy is used"
    );
    // A second init into the same folder refuses.
    let out = huibao()
        .args(["init", "my-report"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}
