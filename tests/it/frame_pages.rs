//! Page-level rules of the GB/T 9704 frame, read back from our PDF and from LibreOffice's
//! rendering of our DOCX: which pages carry a page number (none on the blank page before the
//! 版记 nor on the 版记's page), landscape table pages, and the joint issuers' masthead.

use crate::common::cli::huibao_in;
use crate::common::docx_read;
use crate::common::lo;
use crate::common::skip;

use std::path::{Path, PathBuf};
use std::process::Command;

fn tools(libreoffice: bool) -> bool {
    for tool in ["pdftotext", "pdfinfo"] {
        if !lo::have(tool) {
            skip::skip(&format!(
                "{tool} is not installed (apt-get install poppler-utils)"
            ));
            return false;
        }
    }
    if libreoffice && !lo::have("soffice") {
        skip::skip("LibreOffice is not installed (apt-get install libreoffice-writer)");
        return false;
    }
    true
}

/// A report folder in `dir` with template `hbs` (Simplified) and facts `data` (TOML after
/// `[report]`), rendered to DOCX and PDF: returns the output stem.
fn render(dir: &Path, hbs: &str, data: &str) -> PathBuf {
    let tpl = dir.join("templates/t");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        "entry = \"report\"\nscript = \"hans\"\n",
    )
    .unwrap();
    std::fs::write(tpl.join("report.hbs"), hbs).unwrap();
    std::fs::write(
        dir.join("data.toml"),
        format!("[report]\ntemplate = \"t\"\n\n{data}"),
    )
    .unwrap();
    let o = huibao_in(dir)
        .args(["render", "data.toml", "-f", "docx,pdf", "-o", "out"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir.join("out/data")
}

fn page_count(pdf: &Path) -> usize {
    let o = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

/// The page number printed on each page ("— 3 —" read as 3), `None` for a page without one.
fn page_numbers(pdf: &Path) -> Vec<Option<usize>> {
    (1..=page_count(pdf))
        .map(|p| {
            let o = Command::new("pdftotext")
                .args(["-f", &p.to_string(), "-l", &p.to_string()])
                .arg(pdf)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout).lines().find_map(|l| {
                let s: String = l.chars().filter(|c| !c.is_whitespace()).collect();
                s.strip_prefix('—')
                    .and_then(|s| s.strip_suffix('—'))
                    .and_then(|n| n.parse().ok())
            })
        })
        .collect()
}

/// 22 full lines of body text (26 characters after the indent, then 21 × 28).
fn full_page() -> String {
    "国".repeat(26 + 28 * 21)
}

const IMPRINT: &str = "抄送：市水利局\n印发机关：云溪县人民政府办公室\n印发日期：2024年7月25日\n";

/// GB/T 9704 §7.5: when a blank page precedes the 版记's page, neither carries a page number.
/// Our PDF leaves them unnumbered and the DOCX, rendered by LibreOffice, does the same: same
/// pages, the same number (or none) on each. After an odd last page the 版记 gets the next,
/// even, page, which is numbered in both.
#[test]
fn blank_page_and_imprint_page_carry_no_number_in_pdf_and_docx() {
    if !tools(true) {
        return;
    }
    for (paragraphs, expected) in [
        (2, vec![Some(1), Some(2), None, None]),
        (1, vec![Some(1), Some(2)]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let hbs = format!("{}{IMPRINT}", "{{body.text}}\n\n".repeat(paragraphs));
        let stem = render(
            dir.path(),
            &hbs,
            &format!("[body]\ntext = \"{}\"\n", full_page()),
        );
        let ours = page_numbers(&stem.with_extension("pdf"));
        assert_eq!(ours, expected, "our PDF");
        let theirs = page_numbers(&lo::to_pdf(&stem.with_extension("docx")));
        assert_eq!(theirs, ours, "LibreOffice's rendering of the DOCX");
        // The 版记 is on the last page in both.
        for pdf in [
            stem.with_extension("pdf"),
            stem.with_extension("docx").with_extension("pdf"),
        ] {
            let (words, _) = lo::words(&pdf);
            let page = words
                .iter()
                .find(|w| w.text.contains("抄送"))
                .map(|w| w.page);
            assert_eq!(page, Some(expected.len()), "{}", pdf.display());
        }
    }
}

const JOINT: &str = "发文机关：中共云溪县委员会\n发文机关：云溪县人民政府\n发文机关：云溪县人民武装部\n发文机关后缀：文件\n发文字号：云发[2024]5号\n\n标题：关于做好防汛工作的通知\n\n主送：各乡镇\n\n{{body.text}}\n";

/// Vertical centre of a word box.
fn middle(w: &lo::Word) -> f32 {
    (w.y0 + w.y1) / 2.0
}

/// The joint masthead as a reader measures it on page 1 of `pdf`: the issuers' boxes, the
/// suffix's box.
fn joint_boxes(pdf: &Path) -> (Vec<lo::Word>, lo::Word) {
    let (words, _) = lo::words(pdf);
    let names: Vec<lo::Word> = ["中共云溪县委员会", "云溪县人民政府", "云溪县人民武装部"]
        .iter()
        .map(|n| {
            words
                .iter()
                .find(|w| w.page == 1 && w.text == *n)
                .cloned()
                .unwrap_or_else(|| panic!("{n} on page 1 of {}", pdf.display()))
        })
        .collect();
    let suffix = words
        .iter()
        .find(|w| w.page == 1 && w.text == "文件")
        .cloned()
        .expect("文件 on page 1");
    (names, suffix)
}

/// GB/T 9704 §7.2.4 联合行文: the issuers stacked (each centred in their column), "文件" to
/// their right, centred on their lines, the whole centred in the type area; measured in our
/// PDF and in LibreOffice's rendering of our DOCX, where the masthead is a borderless table
/// with the names and 文件 in red.
#[test]
fn joint_issuers_stack_with_the_suffix_beside_them_centred() {
    if !tools(true) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let stem = render(dir.path(), JOINT, "[body]\ntext = \"正文内容。\"\n");
    let centre_x = 79.37 + 442.2 / 2.0;
    let ours = stem.with_extension("pdf");
    let theirs = lo::to_pdf(&stem.with_extension("docx"));
    let mut measured = Vec::new();
    for pdf in [&ours, &theirs] {
        let (names, suffix) = joint_boxes(pdf);
        let what = pdf.display();
        // Stacked, one 35 pt masthead line apart, each name centred on the same axis.
        for pair in names.windows(2) {
            let step = pair[1].y0 - pair[0].y0;
            assert!((step - 35.0).abs() < 0.5, "{what}: line step {step}");
        }
        let axis = (names[0].x0 + names[0].x1) / 2.0;
        for n in &names {
            assert!(((n.x0 + n.x1) / 2.0 - axis).abs() < 0.5, "{what}: {n:?}");
        }
        // 文件 right of the names, one 二号 character (22 pt) from the widest.
        let right = names.iter().map(|n| n.x1).fold(0.0, f32::max);
        let left = names.iter().map(|n| n.x0).fold(f32::MAX, f32::min);
        assert!(
            (suffix.x0 - right - 22.0).abs() < 1.0,
            "{what}: gap {}",
            suffix.x0 - right
        );
        // Centred on the names' lines (here: on the middle one).
        let mid = (middle(&names[0]) + middle(&names[2])) / 2.0;
        assert!(
            (middle(&suffix) - mid).abs() < 0.5,
            "{what}: 文件 at {suffix:?}"
        );
        // The whole block centred in the type area.
        let block_mid = (left + suffix.x1) / 2.0;
        assert!(
            (block_mid - centre_x).abs() < 1.0,
            "{what}: block centre {block_mid}"
        );
        measured.push((left, suffix.x0, names[0].y0 - suffix.y0));
    }
    // LibreOffice puts them where we do (to the point horizontally).
    let (a, b) = (measured[0], measured[1]);
    assert!(
        (a.0 - b.0).abs() < 1.0 && (a.1 - b.1).abs() < 1.0,
        "{a:?} vs {b:?}"
    );
    assert!((a.2 - b.2).abs() < 1.0, "{a:?} vs {b:?}");
    assert_eq!(page_count(&ours), page_count(&theirs));
    // In the DOCX: one table holding the names (left cell) and 文件 (right cell), all red.
    let docx = docx_read::unzip(&std::fs::read(stem.with_extension("docx")).unwrap());
    let body = docx.xml("word/document.xml");
    let table = body.find("w:tbl").expect("the masthead table");
    let cells = table.all("w:tc");
    assert_eq!(cells.len(), 2);
    let texts: Vec<Vec<String>> = cells
        .iter()
        .map(|c| c.all("w:p").iter().map(|p| p.text()).collect())
        .collect();
    assert_eq!(
        texts,
        vec![
            vec!["中共云溪县委员会", "云溪县人民政府", "云溪县人民武装部"],
            vec!["文件"]
        ]
    );
    for r in table.all("w:r") {
        let color = r.prop("w:rPr", "w:color").and_then(|c| c.attr("w:val"));
        assert_eq!(color, Some("FF0000"), "{}", r.text());
    }
    // The text output lists the issuers, then the suffix.
    let o = huibao_in(dir.path())
        .args(["render", "data.toml", "-f", "txt", "-o", "out"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let txt = std::fs::read_to_string(stem.with_extension("txt")).unwrap();
    assert!(
        txt.starts_with("中共云溪县委员会\n云溪县人民政府\n云溪县人民武装部\n文件\n"),
        "{txt}"
    );
}

/// A single issuer takes the suffix on its line; the suffix must follow the issuers, and the
/// masthead with it must fit the type area.
#[test]
fn masthead_suffix_markup() {
    use huibao::model::Block;
    let (doc, diags) =
        huibao::markup::parse("发文机关：云溪县人民政府\n发文机关后缀：文件\n\n正文。\n");
    assert!(!diags.has_errors(), "{diags:?}");
    assert_eq!(
        doc.blocks[0],
        Block::Masthead {
            issuers: vec!["云溪县人民政府".into()],
            suffix: Some("文件".into())
        }
    );
    assert_eq!(
        doc.blocks[0].text_lines(),
        vec!["云溪县人民政府文件".to_string()]
    );
    let (_, diags) = huibao::markup::parse("正文。\n\n发文机关后缀：文件\n");
    assert!(diags.has_errors());
    let long = "发文机关：一二三四五六七八九十一二三四五六七八\n发文机关：云溪县人民政府\n发文机关后缀：文件\n";
    let (_, diags) = huibao::markup::parse(long);
    assert!(diags.has_errors(), "18 + 1 + 2 characters do not fit 20");
}
