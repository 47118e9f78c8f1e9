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
const GALLERY: [(&str, &str); 7] = [
    ("diaoyan-baogao", "调研报告"),
    ("gongzuo-huibao", "工作汇报"),
    ("huiyi-cailiao", "会议材料"),
    ("jiancha-huibao", "检查汇报"),
    ("kepu-huibao", "科普工作汇报"),
    ("qingkuang-baogao", "情况报告"),
    ("tuopin-huibao", "数据汇报"),
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
    // `check` (which also lays the report out) finds nothing to warn about either.
    let o = huibao_in(&dir)
        .args(["check", "report.toml"])
        .output()
        .expect("run huibao");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{name}: check failed: {err}");
    assert!(
        !err.contains("警告") && !err.contains("warning"),
        "{name}: check warns: {err}"
    );
    let mut args = vec!["render", "report.toml", "-f", "txt,docx,pdf", "-o", "out"];
    args.extend_from_slice(extra);
    let o = huibao_in(&dir).args(&args).output().expect("run huibao");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "huibao {args:?} failed: {err}");
    // The example renders cleanly: no warning.
    assert!(
        !err.contains("警告") && !err.contains("警告") && !err.contains("warning"),
        "{name}: {err}"
    );
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

/// The GB/T 9704 frame in the markup: masthead lines (joint issuers), the number with its year
/// in 〔〕, 签发人, 主送, numbered attachment pages and the 版记 last; misplaced elements are
/// errors at their line.
#[test]
fn frame_markup_becomes_frame_blocks() {
    use huibao::model::{Block, Imprint};
    let text = "发文机关：云溪县人民政府\n发文机关：云溪县人民武装部\n发文字号：云政文[2024]38号\n签发人：张建国\n\n标题：关于防汛工作的报告\n\n主送：市人民政府\n\n正文。\n\n附件页：统计表\n\n表内说明。\n\n附件页：资金计划\n\n抄送：市水利局\n印发机关：云溪县人民政府办公室\n印发日期：2024年7月25日\n";
    let (doc, diags) = huibao::markup::parse(text);
    assert!(!diags.has_errors(), "{diags:?}");
    let b = &doc.blocks;
    assert_eq!(
        b[0],
        Block::Masthead {
            issuers: vec!["云溪县人民政府".into(), "云溪县人民武装部".into()],
            suffix: None,
        }
    );
    assert_eq!(
        b[1],
        Block::DocNumber {
            number: "云政文〔2024〕38号".into(),
            signers: vec!["张建国".into()]
        }
    );
    assert!(b.contains(&Block::Salutation {
        text: "市人民政府：".into()
    }));
    let pages: Vec<(usize, String)> = b
        .iter()
        .filter_map(|x| match x {
            Block::AttachmentPage { number, title } => Some((*number, title.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        pages,
        vec![(1, "统计表".to_string()), (2, "资金计划".to_string())]
    );
    assert_eq!(
        b.last(),
        Some(&Block::Imprint(Imprint {
            copies: Some("市水利局".into()),
            printer: "云溪县人民政府办公室".into(),
            date: "2024年7月25日".into(),
        }))
    );
    let (doc, _) = huibao::markup::parse(
        "份号：12\n密级：秘密★1年\n紧急程度：特急\n发文机关：云溪县人民政府\n",
    );
    assert_eq!(
        doc.blocks[0],
        Block::DocMarks {
            copy_number: Some("000012".into()),
            secrecy: Some("秘密★1年".into()),
            urgency: Some("特急".into()),
        }
    );
    for (bad, code, line) in [
        ("签发人：张三\n", "E-MARKUP-SIGNER", 1),
        (
            "印发机关：办公室\n印发日期：2024年1月1日\n\n正文在版记之后。\n",
            "E-MARKUP-IMPRINT",
            1,
        ),
        ("正文。\n\n印发机关：办公室\n", "E-MARKUP-IMPRINT", 3),
        (
            "发文机关：一二三四五六七八九十一二三四五六七八九十一\n",
            "E-MARKUP-MASTHEAD",
            1,
        ),
        (
            "正文。\n\n附件页：一二三四五六七八九十一二三四五六七八九十一\n",
            "E-MARKUP-TITLE",
            3,
        ),
    ] {
        let (_, d) = huibao::markup::parse(bad);
        let found =
            d.0.iter()
                .find(|x| x.code == code)
                .unwrap_or_else(|| panic!("{bad:?}: no {code} in {d:?}"));
        assert_eq!(
            found.location.as_ref().map(|l| l.line),
            Some(line),
            "{bad:?}"
        );
    }
}

/// Drawing operations of one PDF page read back with lopdf: (operator, numeric operands).
fn pdf_page_ops(pdf: &[u8], page: u32) -> Vec<(String, Vec<f32>)> {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf parses the PDF");
    let id = *doc.get_pages().get(&page).expect("page");
    doc.get_and_decode_page_content(id)
        .expect("content")
        .operations
        .iter()
        .map(|o| {
            let nums = o
                .operands
                .iter()
                .filter_map(|v| v.as_float().ok())
                .collect();
            (o.operator.clone(), nums)
        })
        .collect()
}

/// Stroked lines of a page: (x1, y1, x2, y2 from the top, width, red).
fn strokes(ops: &[(String, Vec<f32>)], page_h: f32) -> Vec<(f32, f32, f32, f32, f32, bool)> {
    let (mut width, mut red, mut from) = (1.0, false, (0.0, 0.0));
    let mut out = Vec::new();
    for (op, n) in ops {
        match op.as_str() {
            "w" => width = n[0],
            "RG" => red = n[0] > 0.9 && n[1] < 0.1 && n[2] < 0.1,
            "m" => from = (n[0], page_h - n[1]),
            "l" => out.push((from.0, from.1, n[0], page_h - n[1], width, red)),
            _ => {}
        }
    }
    out
}

/// A 情况报告 with masthead, number, 签发人, 主送, two attachment pages and a 版记, measured in
/// our PDF against GB/T 9704 and found in the DOCX and in LibreOffice's rendering of it.
#[test]
fn frame_elements_sit_where_gbt9704_puts_them() {
    if !tools() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let stem = init_and_render(root.path(), "r", "情况报告", &[]);
    let pdf_path = stem.with_extension("pdf");
    let pdf = std::fs::read(&pdf_path).unwrap();
    let (words, _) = lo::words(&pdf_path);
    let rows = self::rows(&words);
    let pages = rows.iter().map(|r| r.page).max().unwrap();
    let page_h = 841.89;
    let (bottom, grid_bottom) = (TOP + 22.0 * PITCH, 22.0);
    let descent_16 = 4.58;

    // Masthead: red, centred on page 1, its top 35 mm below the type area's top.
    let masthead = rows
        .iter()
        .find(|r| r.page == 1 && r.text == "云溪县人民政府")
        .expect("masthead on page 1");
    let ops1 = pdf_page_ops(&pdf, 1);
    assert!(
        ops1.iter()
            .any(|(op, n)| op == "rg" && n == &[1.0, 0.0, 0.0]),
        "no red fill on page 1"
    );
    let centre = words
        .iter()
        .filter(|w| w.page == 1 && w.text == "云溪县人民政府")
        .map(|w| (w.x0 + w.x1) / 2.0)
        .next()
        .unwrap();
    assert!(
        (centre - (LEFT + 442.2 / 2.0)).abs() < 2.0,
        "masthead centre {centre}"
    );
    // The 22 pt glyphs' em box: top 0.88 em above the baseline; poppler's box bottom is the
    // font's descent (≈ 0.29 em for this face) below the baseline — check the top within 2 pt.
    let baseline = masthead.y1 - 0.29 * 22.0;
    let top_mm = (baseline - 0.88 * 22.0 - TOP) / (72.0 / 25.4);
    assert!(
        (top_mm - 35.0).abs() < 1.0,
        "masthead top {top_mm} mm below the type area"
    );

    // 份号 (six digits) and 紧急程度 flush left on the type area's first two lines.
    for (k, mark) in ["000003", "特急"].iter().enumerate() {
        let r = rows
            .iter()
            .find(|r| r.page == 1 && r.text == *mark)
            .unwrap_or_else(|| panic!("{mark} on page 1"));
        assert!((r.x0 - LEFT).abs() < 0.5, "{r:?}");
        let n = (r.y1 - descent_16 - TOP - 0.8 * PITCH) / PITCH;
        assert!((n - k as f32).abs() < 0.3, "{mark} on line {k}: {r:?}");
    }

    // Number line with 签发人 on the same line, the red separator 4 mm under it, 156 mm wide.
    let number = rows
        .iter()
        .find(|r| r.page == 1 && r.text.contains("〔2024〕"))
        .expect("number");
    assert!(number.text.contains("签发人：张建国"), "{number:?}");
    assert!(
        (number.x0 - (LEFT + 15.793)).abs() < 0.6,
        "number one character in: {number:?}"
    );
    let red: Vec<_> = strokes(&ops1, page_h).into_iter().filter(|s| s.5).collect();
    assert_eq!(red.len(), 1, "one red line on page 1: {red:?}");
    let (x1, y, x2, _, _, _) = red[0];
    assert!(
        (x1 - LEFT).abs() < 0.1 && (x2 - x1 - 156.0 * 72.0 / 25.4).abs() < 0.2,
        "{red:?}"
    );
    let number_bottom = number.y1 - descent_16 + 0.12 * 16.0;
    let gap_mm = (y - number_bottom) / (72.0 / 25.4);
    assert!(
        (gap_mm - 4.0).abs() < 0.3,
        "red line {gap_mm} mm under the number"
    );
    // The title two lines below the red line, the addressee flush left.
    let title = rows
        .iter()
        .find(|r| r.page == 1 && r.text.contains("关于2024年"))
        .unwrap();
    assert!(title.y1 > y + 1.5 * PITCH, "{title:?}");
    assert!(rows
        .iter()
        .any(|r| r.page == 1 && r.text == "市人民政府：" && (r.x0 - LEFT).abs() < 0.5));

    // Attachment pages: "附件N" flush left on the first line of consecutive pages.
    let labels: Vec<&Row> = rows
        .iter()
        .filter(|r| r.text == "附件1" || r.text == "附件2")
        .collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    for l in &labels {
        assert!((l.x0 - LEFT).abs() < 0.5, "{l:?}");
        let n = (l.y1 - descent_16 - TOP - 0.8 * PITCH) / PITCH;
        assert!(n.abs() < 0.3, "附件 label on the first line: {l:?}");
    }
    assert_eq!(labels[1].page, labels[0].page + 1);

    // 版记 on the last page, an even one: its rules 156 mm wide, the last on the type area's
    // bottom, the 印发 line just above it.
    assert_eq!(pages % 2, 0, "{pages} pages: the 版记 page must be even");
    let last = rows.iter().filter(|r| r.page == pages).collect::<Vec<_>>();
    let printed = last
        .iter()
        .find(|r| r.text.contains("印发"))
        .expect("印发 line");
    assert!(
        printed.text.starts_with("云溪县人民政府办公室"),
        "{printed:?}"
    );
    assert!(last.iter().any(|r| r.text.starts_with("抄送：")));
    let rules: Vec<_> = strokes(&pdf_page_ops(&pdf, pages as u32), page_h)
        .into_iter()
        .filter(|s| (s.1 - s.3).abs() < 0.01 && (s.2 - s.0 - 442.2).abs() < 0.5)
        .collect();
    assert_eq!(rules.len(), 3, "版记 rules: {rules:?}");
    let lowest = rules.iter().map(|r| r.1).fold(0.0, f32::max);
    assert!(
        (lowest - bottom).abs() < 0.1,
        "last rule at {lowest}, grid bottom {bottom}"
    );
    assert!((rules.iter().find(|r| r.1 == lowest).unwrap().4 - 0.35 * 72.0 / 25.4).abs() < 0.01);
    assert!(
        rules
            .iter()
            .any(|r| (r.4 - 0.25 * 72.0 / 25.4).abs() < 0.01),
        "thin rule"
    );
    let n = (printed.y1 - TOP) / PITCH;
    assert!(
        n > grid_bottom - 1.0 && n < grid_bottom,
        "印发 on the last line: {printed:?}"
    );

    // The DOCX: red masthead run, the number paragraph with a red bottom border 11 pt below,
    // attachment labels starting new pages, the 版记 table.
    let pkg = docx_read::unzip(&std::fs::read(stem.with_extension("docx")).unwrap());
    let xml = &pkg.parts["word/document.xml"];
    let body = pkg.xml("word/document.xml");
    let paras = body.all("w:p");
    let masthead_p = paras
        .iter()
        .find(|p| p.text() == "云溪县人民政府")
        .expect("masthead");
    assert_eq!(
        masthead_p.find("w:color").and_then(|c| c.attr("w:val")),
        Some("FF0000")
    );
    let number_p = paras
        .iter()
        .find(|p| p.text().contains("〔2024〕"))
        .expect("number");
    let border = number_p
        .find("w:pBdr")
        .and_then(|b| b.child("w:bottom"))
        .expect("border");
    assert_eq!(border.attr("w:color"), Some("FF0000"));
    assert_eq!(border.attr("w:space"), Some("11"));
    for label in ["附件1", "附件2"] {
        let p = paras.iter().find(|p| p.text() == label).expect(label);
        assert!(
            p.find("w:pageBreakBefore").is_some(),
            "{label} starts a page"
        );
    }
    assert!(xml.contains("抄送：市应急管理局，市水利局。"));
    let tables = body.all("w:tbl");
    assert!(tables
        .iter()
        .any(|t| t.text().contains("2024年7月25日印发")));

    // LibreOffice's rendering of the DOCX: as many pages, the 版记 at the foot of the last.
    if !lo::have("soffice") {
        skip::skip("LibreOffice is not installed");
        return;
    }
    let lo_dir = root.path().join("lo");
    std::fs::create_dir_all(&lo_dir).unwrap();
    let docx = lo_dir.join("r.docx");
    std::fs::copy(stem.with_extension("docx"), &docx).unwrap();
    let lo_rows = self::rows(&lo::words(&lo::to_pdf(&docx)).0);
    let lo_pages = lo_rows.iter().map(|r| r.page).max().unwrap();
    assert_eq!(lo_pages, pages, "LibreOffice pages");
    let lo_printed = lo_rows
        .iter()
        .find(|r| r.text.contains("印发"))
        .expect("印发 in LO");
    assert_eq!(lo_printed.page, pages);
    assert!(
        (lo_printed.y1 - printed.y1).abs() < 6.0,
        "{lo_printed:?} vs {printed:?}"
    );
    let lo_label = lo_rows
        .iter()
        .find(|r| r.text == "附件1")
        .expect("附件1 in LO");
    assert_eq!(lo_label.page, labels[0].page);
    let lo_mark = lo_rows
        .iter()
        .find(|r| r.text == "特急")
        .expect("特急 in LO");
    assert_eq!(lo_mark.page, 1);
    let lo_masthead = lo_rows
        .iter()
        .find(|r| r.text == "云溪县人民政府")
        .expect("masthead in LO");
    assert!(
        (lo_masthead.y1 - masthead.y1).abs() < 6.0,
        "{lo_masthead:?} vs {masthead:?}"
    );
}

/// The sealed signature of the 情况报告 (GB/T 9704 §7.3.5.1): the date four characters from the
/// right edge, the unit centred over it; with `style.frame.seal_placeholder` a dashed red 42 mm
/// circle centred over them, its top within a line of the text above; none by default.
#[test]
fn sealed_signature_leaves_room_for_the_seal_and_the_placeholder_shows_it() {
    if !tools() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let plain = init_and_render(root.path(), "r", "情况报告", &[]);
    let marked = init_and_render(
        root.path(),
        "s",
        "情况报告",
        &["--set", "style.frame.seal_placeholder=true"],
    );
    for (stem, placeholder) in [(plain, false), (marked, true)] {
        let pdf_path = stem.with_extension("pdf");
        let pdf = std::fs::read(&pdf_path).unwrap();
        let rows = rows(&lo::words(&pdf_path).0);
        let date = rows
            .iter()
            .find(|r| r.text == "2024年7月25日")
            .expect("date line");
        let name = rows
            .iter()
            .find(|r| r.page == date.page && r.text == "云溪县人民政府")
            .expect("unit over the date");
        let words = lo::words(&pdf_path).0;
        // A row's right edge: the rightmost word box on its baseline.
        let right = |r: &Row| {
            words
                .iter()
                .filter(|w| w.page == r.page && (w.y1 - r.y1).abs() < 2.0)
                .map(|w| w.x1)
                .fold(0.0, f32::max)
        };
        let date_right = right(date);
        let right_edge = LEFT + 442.2;
        let gap = (right_edge - date_right) / 15.793;
        assert!(
            (gap - 4.0).abs() < 0.2,
            "date {gap} characters from the right"
        );
        let centre = |r: &Row, right: f32| (r.x0 + right) / 2.0;
        let name_right = right(name);
        assert!(
            (centre(name, name_right) - centre(date, date_right)).abs() < 1.0,
            "unit centred over the date: {name:?} {date:?}"
        );
        let red: Vec<_> = strokes(&pdf_page_ops(&pdf, date.page as u32), 841.89)
            .into_iter()
            .filter(|s| s.5)
            .collect();
        if !placeholder {
            assert!(red.is_empty(), "a seal placeholder by default: {red:?}");
            continue;
        }
        assert_eq!(red.len(), 36, "dashes of the placeholder");
        let xs: Vec<f32> = red.iter().flat_map(|s| [s.0, s.2]).collect();
        let ys: Vec<f32> = red.iter().flat_map(|s| [s.1, s.3]).collect();
        let (x0, x1) = xs
            .iter()
            .fold((f32::MAX, f32::MIN), |a, &x| (a.0.min(x), a.1.max(x)));
        let (y0, y1) = ys
            .iter()
            .fold((f32::MAX, f32::MIN), |a, &y| (a.0.min(y), a.1.max(y)));
        let mm = 72.0 / 25.4;
        assert!(
            ((x1 - x0) / mm - 42.0).abs() < 0.3,
            "diameter {}",
            (x1 - x0) / mm
        );
        assert!(
            ((y1 - y0) / mm - 42.0).abs() < 0.3,
            "diameter {}",
            (y1 - y0) / mm
        );
        assert!(
            ((x0 + x1) / 2.0 - centre(date, date_right)).abs() < 1.0,
            "centred over the date"
        );
        // Name and date in the seal's lower half; its top within a line of the text above.
        let cy = (y0 + y1) / 2.0;
        assert!(
            name.y1 > cy && date.y1 < y1,
            "{name:?} {date:?} circle {y0}..{y1}"
        );
        let above = rows
            .iter()
            .filter(|r| r.page == date.page && r.y1 < name.y1 - 1.0 && !is_page_number(r))
            .map(|r| r.y1)
            .fold(0.0, f32::max);
        assert!(y0 - above < PITCH, "seal top {y0}, text above ends {above}");
    }
}

/// `huibao check` reports a frame rule the layout could not meet at the line behind it: here
/// two full pages leave no room for the 版记 on page 2, so a blank page precedes it.
#[test]
fn check_reports_a_blank_page_before_the_imprint_at_the_fact() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("templates/t");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        "entry = \"report\"\nscript = \"hans\"\n",
    )
    .unwrap();
    std::fs::write(
        tpl.join("report.hbs"),
        "{{body.text}}\n\n{{body.text}}\n\n印发机关：{{body.printer}}\n印发日期：2024年7月25日\n",
    )
    .unwrap();
    // 22 full lines per paragraph: 26 characters after the indent, then 21 × 28.
    let text = "国".repeat(26 + 28 * 21);
    std::fs::write(
        dir.path().join("data.toml"),
        format!("[report]\ntemplate = \"t\"\n\n[body]\ntext = \"{text}\"\nprinter = \"云溪县人民政府办公室\"\n"),
    )
    .unwrap();
    let o = huibao_in(dir.path())
        .args(["check", "data.toml", "--lang", "en"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "a warning, not an error: {err}");
    assert!(err.contains("W-LAYOUT-IMPRINT"), "{err}");
    assert!(err.contains("data.toml:6:"), "at the printer fact: {err}");
    // With room on page 2 (one paragraph less), nothing to report.
    std::fs::write(
        tpl.join("report.hbs"),
        "{{body.text}}\n\n印发机关：{{body.printer}}\n印发日期：2024年7月25日\n",
    )
    .unwrap();
    let o = huibao_in(dir.path())
        .args(["check", "data.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("W-LAYOUT"), "{err}");
}
