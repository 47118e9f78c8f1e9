//! The laid-out pages say which block each line came from, and the writers use that: the
//! DOCX puts its 版记 where the one layout the PDF draws puts it, a heading right before a
//! 横排表格 goes onto the table's landscape page (in the PDF and in the DOCX), and the PDF
//! outline points at that heading on the turned page.

use crate::common::cli::huibao_in;
use crate::common::docx_read;
use crate::common::lo;
use crate::common::skip;

use std::path::{Path, PathBuf};

use huibao::layout::{frame, layout, ApproxMeasure};
use huibao::style::Style;
use lopdf::{Document, Object};

fn tools(libreoffice: bool) -> bool {
    if !lo::have("pdftotext") {
        skip::skip("pdftotext is not installed (apt-get install poppler-utils)");
        return false;
    }
    if libreoffice && !lo::have("soffice") {
        skip::skip("LibreOffice is not installed (apt-get install libreoffice-writer)");
        return false;
    }
    true
}

/// A report folder in `dir` whose template is the literal markup `hbs`, rendered in
/// `formats` with the built-in fonts into `dir/OUT`: returns the output stem.
fn render(dir: &Path, hbs: &str, formats: &str, out: &str) -> PathBuf {
    let tpl = dir.join("templates/t");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        "entry = \"report\"\nscript = \"hans\"\n",
    )
    .unwrap();
    std::fs::write(tpl.join("report.hbs"), hbs).unwrap();
    std::fs::write(dir.join("data.toml"), "[report]\ntemplate = \"t\"\n").unwrap();
    let o = huibao_in(dir)
        .args([
            "render",
            "data.toml",
            "--builtin-fonts",
            "-f",
            formats,
            "-o",
            out,
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir.join(out).join("data")
}

/// A full page of body text, then a paragraph whose Latin letters are much narrower in the
/// fonts than [`ApproxMeasure`] guesses, then the 版记.
fn imprint_markup() -> String {
    format!(
        "{}\n\n{}\n\n抄送：市水利局\n印发机关：云溪县人民政府办公室\n印发日期：2024年7月25日\n",
        "国".repeat(26 + 28 * 21),
        "国国国国国iiiiiiiiii".repeat(20)
    )
}

/// The DOCX's 版记 stands where the PDF's does, even when a layout with approximate widths
/// would put it elsewhere: the blank paragraphs before the 版记 table in the DOCX are the
/// empty grid lines between the last line of text and 抄送 in the PDF, on the same page. A
/// DOCX rendered alone is the same file as one rendered with the PDF.
#[test]
fn the_docx_imprint_is_placed_by_the_layout_the_pdf_draws() {
    if !tools(false) {
        return;
    }
    let markup = imprint_markup();
    // The premise: approximate widths and the fonts place the 版记 differently.
    let (doc, _) = huibao::markup::parse(&markup);
    let style = Style::default();
    let fonts = huibao::fonts::FontSet::load(
        &style,
        huibao::zh::Script::Hans,
        &huibao::fonts::FontOptions { builtin_only: true },
    )
    .unwrap();
    let real = frame::imprint_place(&doc, &layout(&doc, &style, &fonts), &style).unwrap();
    let approx = frame::imprint_place(
        &doc,
        &layout(&doc, &style, &ApproxMeasure { style: &style }),
        &style,
    )
    .unwrap();
    assert_ne!(real, approx, "the two measures must disagree for this test");
    assert_eq!(real.new_pages, 0, "{real:?}");

    let dir = tempfile::tempdir().unwrap();
    let stem = render(dir.path(), &markup, "docx,pdf", "out");
    // The PDF: 抄送 on page 2, so many grid lines below the last line of text.
    let (words, _) = lo::words(&stem.with_extension("pdf"));
    let copies = words
        .iter()
        .find(|w| w.text.starts_with("抄送"))
        .expect("抄送");
    assert_eq!(copies.page, 2);
    let last_text = words
        .iter()
        .filter(|w| w.page == 2 && w.y1 < copies.y0)
        .map(|w| w.y1)
        .fold(0.0, f32::max);
    let pitch = style.grid.line_pitch_pt();
    let pdf_gap = ((copies.y1 - last_text) / pitch).round() as usize - 1;
    assert_eq!(pdf_gap, real.blank_lines);
    // The DOCX: the empty paragraphs right before the 版记's table, none starting a page.
    let docx_bytes = std::fs::read(stem.with_extension("docx")).unwrap();
    let pkg = docx_read::unzip(&docx_bytes);
    let xml = pkg.xml("word/document.xml");
    let body = xml.find("w:body").expect("w:body");
    let children: Vec<&docx_read::El> = body.elements().collect();
    let table = children
        .iter()
        .position(|c| c.name == "w:tbl" && c.text().contains("抄送"))
        .expect("the 版记 table");
    let blanks: Vec<&&docx_read::El> = children[..table]
        .iter()
        .rev()
        .take_while(|c| c.name == "w:p" && c.text().trim().is_empty())
        .collect();
    assert_eq!(blanks.len(), pdf_gap, "DOCX blank lines vs the PDF's");
    assert!(blanks
        .iter()
        .all(|p| p.prop("w:pPr", "w:pageBreakBefore").is_none()));
    // Rendered alone, the DOCX is laid out with the same fonts: the same bytes.
    let alone = render(dir.path(), &markup, "docx", "alone");
    assert_eq!(
        std::fs::read(alone.with_extension("docx")).unwrap(),
        docx_bytes
    );
}

const LANDSCAPE: &str = "标题：各乡镇受灾情况\n\n{TEXT}\n\n# 受灾情况统计\n\n版式：横排\n表题：各乡镇受灾情况统计表\n| 乡镇 | 受灾人口（人） | 转移安置（人） |\n|---|---|---|\n| 城关镇 | 1200 | 300 |\n| 河西镇 | 860 | 120 |\n\n---\n\n{TEXT}\n";

/// Page sizes (width, height) in points, from pdfinfo.
fn page_sizes(pdf: &Path) -> Vec<(f32, f32)> {
    let o = std::process::Command::new("pdfinfo")
        .args(["-f", "1", "-l", "99"])
        .arg(pdf)
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let v: Vec<f32> = l
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (v[1], v[2])
        })
        .collect()
}

/// A heading right before a 横排表格 is not left at the foot of the upright page: it opens the
/// landscape page, in our PDF and in LibreOffice's rendering of the DOCX; and the PDF
/// outline's destination for it is on that page, at its top as the turned page measures.
#[test]
fn a_heading_before_a_landscape_table_opens_its_page_and_the_outline_finds_it() {
    if !tools(true) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let markup = LANDSCAPE.replace("{TEXT}", &"国".repeat(300));
    let stem = render(dir.path(), &markup, "docx,pdf", "out");
    let pdf = stem.with_extension("pdf");
    // LibreOffice writes its PDF next to the DOCX: a folder of its own, not over ours.
    let lo_dir = dir.path().join("lo");
    std::fs::create_dir_all(&lo_dir).unwrap();
    let docx = lo_dir.join("data.docx");
    std::fs::copy(stem.with_extension("docx"), &docx).unwrap();
    let theirs = lo::to_pdf(&docx);
    let turned = |pdf: &Path| -> Vec<bool> { page_sizes(pdf).iter().map(|(w, h)| w > h).collect() };
    assert_eq!(turned(&pdf), vec![false, true, false]);
    assert_eq!(turned(&theirs), turned(&pdf), "LibreOffice's pages");
    let heading = |pdf: &Path| {
        let (words, _) = lo::words(pdf);
        let caption_y = words
            .iter()
            .find(|w| w.text.contains("统计表"))
            .map(|w| (w.page, w.y0))
            .expect("caption");
        let h = words
            .into_iter()
            .find(|w| w.text.starts_with("一、"))
            .expect("the heading");
        (h, caption_y)
    };
    let (ours, caption) = heading(&pdf);
    assert_eq!(ours.page, 2, "{ours:?}");
    assert_eq!(caption.0, 2);
    assert!(ours.y0 < caption.1, "the heading above the caption");
    let (lo_heading, _) = heading(&theirs);
    assert_eq!(lo_heading.page, 2, "LibreOffice: {lo_heading:?}");
    // The outline: one item, on page 2, its top where the heading is drawn on the turned
    // page (595.28 pt tall).
    let doc = Document::load(&pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let outlines = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .unwrap();
    let item = outlines
        .get(b"First")
        .and_then(Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .unwrap();
    let dest = item.get(b"Dest").and_then(Object::as_array).unwrap();
    assert_eq!(dest[0].as_reference().unwrap(), pages[1]);
    let y = match &dest[3] {
        Object::Real(y) => *y,
        Object::Integer(y) => *y as f32,
        other => panic!("{other:?}"),
    };
    let top_from_bottom = 595.28 - ours.y0;
    assert!(
        (y - top_from_bottom).abs() < 4.0,
        "destination {y} vs the heading's top {top_from_bottom}"
    );
}

/// `huibao check` on a report whose signer's name is also a line of the body (the same fact):
/// the signature's page is found by the block the layout laid it out for, so the decision
/// about W-LAYOUT-SIGNATURE is the signature's, whatever line reads like it.
#[test]
fn a_body_line_equal_to_the_signers_name_does_not_decide_the_signature_warning() {
    let check = |body_lines: usize, after: &str| -> bool {
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
            format!("{{{{body.text}}}}\n\n{{{{body.one}}}}\n\n署名：{{{{body.name}}}}\n日期：2024年7月25日\n\n{after}{{{{body.name}}}}\n"),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("data.toml"),
            format!(
                "[report]\ntemplate = \"t\"\n\n[body]\ntext = \"{}\"\none = \"国国国。\"\nname = \"云溪县人民政府\"\n",
                "国".repeat(26 + 28 * (body_lines - 1))
            ),
        )
        .unwrap();
        let o = huibao_in(dir.path())
            .args(["check", "data.toml", "--lang", "en"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{err}");
        err.contains("W-LAYOUT-SIGNATURE")
    };
    // Eleven lines above the signature; the name again second on a later page: no warning.
    assert!(!check(10, "---\n\n短。\n\n"));
    // One pulled-along line above the signature; the name again under it: the warning.
    assert!(check(21, ""));
}
