//! The template gallery as a drafter meets it: `huibao init --list`, `huibao init DIR
//! --template KIND`, and every built-in template rendered from its example data (txt, DOCX,
//! PDF, both scripts), read back: text in order, lines on the 22 × 28 grid, no forbidden line
//! starts, page numbers alternating, and LibreOffice's rendering of the DOCX with as many pages.

use crate::common::cli::huibao_in;
use crate::common::docx_read;
use crate::common::lo;
use crate::common::skip;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Every built-in template: folder name and kind.
const GALLERY: [(&str, &str); 6] = [
    ("diaoyan-baogao", "调研报告"),
    ("gongzuo-huibao", "工作汇报"),
    ("huiyi-cailiao", "会议材料"),
    ("jiancha-huibao", "检查汇报"),
    ("kepu-huibao", "科普工作汇报"),
    ("qingkuang-baogao", "情况报告"),
];

const LEFT: f32 = 79.37;
const PITCH: f32 = 28.95;
const TOP: f32 = 104.88;

fn tools() -> bool {
    let ok = lo::have("pdftotext");
    if !ok {
        skip::skip("pdftotext is not installed (apt-get install poppler-utils)");
    }
    ok
}

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let o = huibao_in(dir).args(args).output().expect("run huibao");
    assert!(
        o.status.success(),
        "huibao {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `huibao init NAME --template KIND` in `root`, then renders it: returns the output stem.
fn init_and_render(root: &Path, name: &str, kind: &str, extra: &[&str]) -> PathBuf {
    let dir = root.join(name);
    if !dir.exists() {
        run_ok(root, &["init", name, "--template", kind]);
    }
    let mut args = vec!["render", "report.toml", "-f", "txt,docx,pdf", "-o", "out"];
    args.extend_from_slice(extra);
    run_ok(&dir, &args);
    // The output is named by the example's report.output: find the text file written.
    let txt = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("a text output");
    txt.with_extension("")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A printed row: the words of one page sharing a baseline (box bottoms within 2 pt).
#[derive(Debug)]
struct Row {
    page: usize,
    y1: f32,
    x0: f32,
    text: String,
}

fn rows(words: &[lo::Word]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for w in words {
        match rows
            .iter_mut()
            .find(|r| r.page == w.page && (r.y1 - w.y1).abs() < 2.0)
        {
            Some(r) if w.x0 < r.x0 => {
                r.text.insert_str(0, &w.text);
                r.x0 = w.x0;
            }
            Some(r) => r.text.push_str(&w.text),
            None => rows.push(Row {
                page: w.page,
                y1: w.y1,
                x0: w.x0,
                text: w.text.clone(),
            }),
        }
    }
    rows
}

fn is_page_number(r: &Row) -> bool {
    r.text.starts_with('—') && r.text.ends_with('—') && r.text.chars().any(|c| c.is_ascii_digit())
}

/// What a reader checks on a rendered report: the PDF says what the text output says, in
/// order; every body line sits on the grid inside the type area; no line starts with closing
/// punctuation or ends with opening punctuation; full lines hold 28 characters; page numbers
/// alternate sides. Returns the number of pages.
fn check_pdf(stem: &Path, what: &str) -> usize {
    let pdf = stem.with_extension("pdf");
    let txt = std::fs::read_to_string(stem.with_extension("txt")).unwrap();
    let (words, _) = lo::words(&pdf);
    let rows = rows(&words);
    let pages = rows.iter().map(|r| r.page).max().unwrap_or(0);
    assert!(pages >= 1, "{what}: empty PDF");

    // Text: every paragraph of the text output, in order, and nothing else but page numbers.
    let body: String = rows
        .iter()
        .filter(|r| !is_page_number(r))
        .map(|r| r.text.as_str())
        .collect();
    let body = squash(&body);
    let mut at = 0;
    for para in txt.split("\n\n") {
        let p = squash(para);
        match body[at..].find(&p) {
            Some(0) => at += p.len(),
            _ => panic!(
                "{what}: paragraph not next in the PDF:\n{para}\nPDF at: {}",
                &body[at..body.len().min(at + 300)]
            ),
        }
    }
    assert_eq!(
        at,
        body.len(),
        "{what}: PDF has text after the last paragraph"
    );

    let no_start = "，。、；：？！）》〉」』”’";
    let no_end = "（《〈「『“‘";
    let hanzi = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let descent = 4.58;
    for r in rows.iter().filter(|r| !is_page_number(r)) {
        let first = r.text.chars().next().unwrap_or(' ');
        let last = r.text.chars().last().unwrap_or(' ');
        assert!(
            !no_start.contains(first),
            "{what} p{}: line starts with {first}: {}",
            r.page,
            r.text
        );
        assert!(
            !no_end.contains(last),
            "{what} p{}: line ends with {last}: {}",
            r.page,
            r.text
        );
        // Inside the type area: 22 lines below the top margin.
        let n = (r.y1 - descent - TOP - 0.8 * PITCH) / PITCH;
        assert!(
            n < 21.6,
            "{what} p{}: line below the 22nd grid line: {r:?}",
            r.page
        );
        // Body lines (flush left at the margin, starting with a hanzi) sit on the grid.
        if (r.x0 - LEFT).abs() < 0.5 && r.text.chars().next().is_some_and(hanzi) {
            assert!(
                (n - n.round()).abs() * PITCH < 0.6,
                "{what} p{}: baseline off the grid: {r:?}",
                r.page
            );
        }
        // No line is wider than 28 full-width characters (a closing mark may hang past the
        // last cell).
        if r.text.chars().all(|c| c as u32 > 0x2000) {
            let hanging = no_start.contains(last);
            assert!(
                r.text.chars().count() - usize::from(hanging) <= 28,
                "{what}: over 28 characters: {r:?}"
            );
        }
    }
    // And full lines fill the width: some line takes 28 cells (a half-width digit ≈ half a cell).
    let cells = |s: &str| -> f32 {
        s.chars()
            .map(|c| if c.is_ascii() { 0.507 } else { 1.0 })
            .sum()
    };
    assert!(
        rows.iter().any(|r| (27.0..=29.0).contains(&cells(&r.text))),
        "{what}: no full line of 28 cells"
    );

    // Page numbers: one per page, odd on the right, even on the left.
    let numbers: Vec<&Row> = rows.iter().filter(|r| is_page_number(r)).collect();
    assert_eq!(numbers.len(), pages, "{what}: page numbers {numbers:?}");
    for n in numbers {
        let digits: String = n.text.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(digits, n.page.to_string(), "{what}");
        if n.page % 2 == 1 {
            assert!(n.x0 > 300.0, "{what}: odd page number on the right: {n:?}");
        } else {
            assert!(n.x0 < 300.0, "{what}: even page number on the left: {n:?}");
        }
    }
    gbt9704_check(&pdf, what);
    pages
}

/// The shared GB/T 9704 measuring tool, where this machine has it (it is not part of the
/// repository): 0 line-start violations, page numbers as the standard places them, 28
/// characters per full line of hanzi.
fn gbt9704_check(pdf: &Path, what: &str) {
    let tool = Path::new("/work/shared/tools/gbt9704-check.py");
    if !tool.is_file() {
        return;
    }
    let out = Command::new("python3")
        .arg(tool)
        .arg(pdf)
        .output()
        .expect("python3");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{what}: {report}");
    let field = |name: &str| -> String {
        let k = format!("\"{name}\": ");
        let i = report
            .find(&k)
            .unwrap_or_else(|| panic!("{what}: no {name} in {report}"))
            + k.len();
        report[i..]
            .split([',', '\n'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    };
    assert_eq!(field("line_start_violations"), "0", "{what}: {report}");
    assert_eq!(field("line_end_open_punct"), "0", "{what}: {report}");
    assert_eq!(field("pagenum_ok"), "true", "{what}: {report}");
    let plain = field("chars_per_plain_line_median");
    assert!(
        plain == "null" || plain.parse::<f32>() == Ok(28.0),
        "{what}: {report}"
    );
}

/// The DOCX holds the report's text (every title line) and the odd/even page-number footers.
fn check_docx(stem: &Path, what: &str) {
    let pkg = docx_read::unzip(&std::fs::read(stem.with_extension("docx")).unwrap());
    let body = pkg.xml("word/document.xml").text();
    let txt = std::fs::read_to_string(stem.with_extension("txt")).unwrap();
    for line in txt.lines().take(2).filter(|l| !l.is_empty()) {
        assert!(body.contains(line), "{what}: DOCX lacks {line}");
    }
    assert!(
        pkg.parts.contains_key("word/footer1.xml"),
        "{what}: no footer"
    );
    assert!(
        pkg.xml("word/settings.xml")
            .child("w:evenAndOddHeaders")
            .is_some(),
        "{what}: page numbers do not alternate"
    );
}

#[test]
fn list_shows_every_built_in_template_with_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_ok(dir.path(), &["init", "--list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), GALLERY.len(), "{out}");
    for ((name, kind), line) in GALLERY.iter().zip(&lines) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(&cols[..2], &[*name, *kind], "{line}");
        assert!(
            cols.len() >= 3 && cols[2].chars().count() > 10,
            "no description: {line}"
        );
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "--list wrote files"
    );
}

#[test]
fn init_by_kind_copies_template_and_example_and_refuses_unknown_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_ok(dir.path(), &["init", "r", "--template", "情况报告"]);
    assert!(out.contains("qingkuang-baogao"), "{out}");
    let data = std::fs::read_to_string(dir.path().join("r/report.toml")).unwrap();
    assert!(data.contains("template = \"qingkuang-baogao\""), "{data}");
    assert!(dir
        .path()
        .join("r/templates/qingkuang-baogao/report.hbs")
        .is_file());
    // By folder name too; and without --template the 科普 example as before.
    run_ok(dir.path(), &["init", "s", "--template", "diaoyan-baogao"]);
    assert!(dir
        .path()
        .join("s/templates/diaoyan-baogao/template.toml")
        .is_file());
    run_ok(dir.path(), &["init", "t"]);
    assert!(dir.path().join("t/templates/kepu-huibao").is_dir());
    let o = huibao_in(dir.path())
        .args(["init", "u", "--template", "通知"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("通知") && err.contains("qingkuang-baogao"),
        "{err}"
    );
    assert!(!dir.path().join("u").exists());
}

#[test]
fn every_template_renders_on_the_grid_in_both_scripts() {
    if !tools() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    for (name, kind) in GALLERY {
        let stem = init_and_render(root.path(), name, kind, &[]);
        check_pdf(&stem, &format!("{name} (hans)"));
        check_docx(&stem, name);
        let txt = std::fs::read_to_string(stem.with_extension("txt")).unwrap();
        assert!(
            txt.contains('表') || txt.contains('表'),
            "{name}: no table caption"
        );
        // The other script: the same document converted, on the same grid.
        let stem = init_and_render(root.path(), name, kind, &["--script", "hant"]);
        check_pdf(&stem, &format!("{name} (hant)"));
    }
}

#[test]
fn libreoffice_renders_each_template_docx_on_as_many_pages_as_our_pdf() {
    if !tools() || !lo::have("soffice") {
        skip::skip("LibreOffice is not installed");
        return;
    }
    let root = tempfile::tempdir().unwrap();
    for (name, kind) in GALLERY {
        let stem = init_and_render(root.path(), name, kind, &[]);
        let ours = rows(&lo::words(&stem.with_extension("pdf")).0)
            .iter()
            .map(|r| r.page)
            .max();
        let lo_dir = root.path().join(format!("{name}-lo"));
        std::fs::create_dir_all(&lo_dir).unwrap();
        let docx = lo_dir.join(format!("{name}.docx"));
        std::fs::copy(stem.with_extension("docx"), &docx).unwrap();
        let theirs = rows(&lo::words(&lo::to_pdf(&docx)).0)
            .iter()
            .map(|r| r.page)
            .max();
        assert_eq!(ours, theirs, "{name}: pages in our PDF vs LibreOffice's");
    }
}

#[test]
fn completions_for_each_shell_and_man_pages_generate() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_huibao()"),
        ("zsh", "#compdef huibao"),
        ("fish", "complete -c huibao"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = run_ok(dir.path(), &["completions", shell]);
        assert!(script.contains(marker), "{shell}: {script}");
        for word in ["render", "init", "template", "list", "completions"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
        if shell == "bash" {
            let path = dir.path().join("huibao.bash");
            std::fs::write(&path, &script).unwrap();
            let ok = Command::new("bash").arg("-n").arg(&path).status().unwrap();
            assert!(ok.success(), "bash -n rejects the script");
        }
    }
    let page = run_ok(dir.path(), &["man"]);
    assert!(
        page.starts_with(".ie") && page.contains(".TH huibao 1"),
        "{page}"
    );
    for sub in [
        "render",
        "check",
        "init",
        "batch",
        "diff",
        "completions",
        "man",
    ] {
        assert!(page.contains(sub), "man page lacks {sub}");
    }
    let listed = run_ok(dir.path(), &["man", "-o", "man1"]);
    for sub in ["", "-render", "-init", "-completions"] {
        let file = dir.path().join(format!("man1/huibao{sub}.1"));
        let roff = std::fs::read_to_string(&file).unwrap();
        assert!(roff.contains(&format!(".TH huibao{sub} 1")), "{roff}");
        assert!(listed.contains(&format!("huibao{sub}.1")), "{listed}");
    }
    let init = std::fs::read_to_string(dir.path().join("man1/huibao-init.1")).unwrap();
    assert!(init.contains("情况报告"), "{init}");
}
