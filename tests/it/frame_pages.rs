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
    // A landscape table on the even last page: the 版记 cannot go there, so a blank page
    // and the 版记's page follow, both unnumbered.
    let turned = "{{body.text}}\n\n版式：横排\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n";
    for (body, expected) in [
        (
            "{{body.text}}\n\n".repeat(2),
            vec![Some(1), Some(2), None, None],
        ),
        ("{{body.text}}\n\n".to_string(), vec![Some(1), Some(2)]),
        (turned.to_string(), vec![Some(1), Some(2), None, None]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let hbs = format!("{body}{IMPRINT}");
        let stem = render(
            dir.path(),
            &hbs,
            &format!("[body]\ntext = \"{}\"\n", full_page()),
        );
        let ours = page_numbers(&stem.with_extension("pdf"));
        assert_eq!(ours, expected, "our PDF");
        // LibreOffice writes its PDF next to the DOCX: a folder of its own, not over ours.
        let lo_dir = dir.path().join("lo");
        std::fs::create_dir_all(&lo_dir).unwrap();
        let docx = lo_dir.join("data.docx");
        std::fs::copy(stem.with_extension("docx"), &docx).unwrap();
        let their_pdf = lo::to_pdf(&docx);
        let theirs = page_numbers(&their_pdf);
        assert_eq!(theirs, ours, "LibreOffice's rendering of the DOCX");
        // The 版记 is on the last page in both.
        for pdf in [stem.with_extension("pdf"), their_pdf] {
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

/// Width and height of every page of `pdf`, in points.
fn page_sizes(pdf: &Path) -> Vec<(f32, f32)> {
    let n = page_count(pdf);
    let o = Command::new("pdfinfo")
        .args(["-f", "1", "-l", &n.to_string()])
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

const LANDSCAPE: &str = "标题：各乡镇受灾情况\n\n{{body.text}}\n\n版式：横排\n表题：各乡镇受灾情况统计表\n| 乡镇 | 受灾人口（人） | 转移安置（人） | 倒塌房屋（间） | 农作物受灾（亩） | 直接经济损失（万元） | 备注 |\n|---|---|---|---|---|---|---|\n{{#each rows}}\n| {{name}} | {{a}} | {{b}} | {{c}} | {{d}} | {{e}} | 已核实 |\n{{/each}}\n表注：数据截至7月25日。\n\n---\n\n{{body.text}}\n";

/// The page number's box on `page`: from the first to the last "—" of "— N —".
fn number_box(words: &[lo::Word], page: usize) -> (f32, f32, f32, f32) {
    let dashes: Vec<&lo::Word> = words
        .iter()
        .filter(|w| w.page == page && w.text.starts_with('—'))
        .collect();
    assert!(dashes.len() >= 2, "page {page}: {dashes:?}");
    let x0 = dashes.iter().map(|w| w.x0).fold(f32::MAX, f32::min);
    let x1 = dashes.iter().map(|w| w.x1).fold(0.0, f32::max);
    let y0 = dashes.iter().map(|w| w.y0).fold(f32::MAX, f32::min);
    let y1 = dashes.iter().map(|w| w.y1).fold(0.0, f32::max);
    (x0, y0, x1, y1)
}

/// 横排表格 (GB/T 9704 §10): `版式：横排` sets the table on landscape pages of its own; the
/// page number stands at the table's left, on odd pages at its lower-left corner, on even
/// pages at its upper-left corner (the upright page's foot, where every other number is),
/// and the numbers run on. The DOCX has a landscape section there whose footers put the
/// number in the same place: LibreOffice renders as many pages, turned the same way, with
/// the same numbers where ours are.
#[test]
fn landscape_table_pages_turn_and_number_at_the_tables_left() {
    if !tools(true) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (1..=25)
        .map(|i| {
            format!(
                "[[rows]]\nname = \"第{i}乡镇\"\na = {}\nb = {}\nc = {i}\nd = {}\ne = {}\n\n",
                1000 + i,
                200 + i,
                3000 + 7 * i,
                120.5 + i as f32
            )
        })
        .collect();
    let stem = render(
        dir.path(),
        LANDSCAPE,
        &format!("[body]\ntext = \"{}\"\n\n{rows}", "国".repeat(300)),
    );
    let ours = stem.with_extension("pdf");
    let (a4w, a4h) = (595.28, 841.89);
    let sizes = page_sizes(&ours);
    let turned: Vec<bool> = sizes.iter().map(|(w, h)| w > h).collect();
    // Text, then the table on landscape pages (25 rows need more than one), then text.
    assert!(sizes.len() >= 4, "{sizes:?}");
    assert!(!turned[0] && !turned[sizes.len() - 1], "{sizes:?}");
    assert!(turned[1..sizes.len() - 1].iter().all(|t| *t), "{sizes:?}");
    for (w, h) in &sizes {
        let (w, h) = if w > h { (*h, *w) } else { (*w, *h) };
        assert!(
            (w - a4w).abs() < 0.5 && (h - a4h).abs() < 0.5,
            "A4: {w} × {h}"
        );
    }
    let numbers = page_numbers(&ours);
    let expected: Vec<Option<usize>> = (1..=sizes.len()).map(Some).collect();
    assert_eq!(numbers, expected);
    // The turned type area: left 35 mm, top 28 mm, 225 × 156 mm.
    let mm = 72.0 / 25.4;
    let (left, top) = (35.0 * mm, 28.0 * mm);
    let bottom = top + 156.0 * mm;
    let (words, _) = lo::words(&ours);
    let mut placed = Vec::new();
    for (i, t) in turned.iter().enumerate() {
        let page = i + 1;
        let (x0, y0, x1, y1) = number_box(&words, page);
        if !t {
            continue;
        }
        // Left of the table, 7 mm from the type area.
        assert!(
            (x1 - (left - 7.0 * mm)).abs() < 1.0,
            "page {page}: number ends at {x1}"
        );
        if page % 2 == 1 {
            assert!(y1 < bottom && y1 > bottom - 30.0, "page {page}: {y0}..{y1}");
        } else {
            assert!(y0 > top && y0 < top + 30.0, "page {page}: {y0}..{y1}");
        }
        // The table itself stays inside the turned type area, its caption on the first line.
        for w in words
            .iter()
            .filter(|w| w.page == page && !w.text.starts_with('—'))
        {
            if w.text.chars().all(|c| c.is_ascii_digit()) && w.x1 <= x1 + 0.5 && w.x0 >= x0 {
                continue; // the page number's digits
            }
            assert!(
                w.x0 >= left - 1.0 && w.y1 <= bottom + 1.0,
                "page {page}: {w:?}"
            );
        }
        placed.push((page, x1, (y0 + y1) / 2.0));
    }
    let first = words
        .iter()
        .find(|w| w.text.contains("各乡镇受灾情况统计表"))
        .expect("caption");
    assert_eq!(first.page, 2);
    assert!(
        first.y0 < top + 30.0,
        "caption on the first line: {first:?}"
    );
    // The DOCX: a landscape section (A4 turned, margins turned), between upright ones.
    let docx = docx_read::unzip(&std::fs::read(stem.with_extension("docx")).unwrap());
    let body = docx.xml("word/document.xml");
    let sects = body.all("w:sectPr");
    assert_eq!(sects.len(), 3, "upright, landscape, upright");
    let size = |s: &docx_read::El| {
        let p = s.child("w:pgSz").unwrap();
        (
            p.attr("w:w").unwrap().to_string(),
            p.attr("w:h").unwrap().to_string(),
            p.attr("w:orient").map(str::to_string),
        )
    };
    assert_eq!(size(sects[0]), ("11906".into(), "16838".into(), None));
    assert_eq!(
        size(sects[1]),
        ("16838".into(), "11906".into(), Some("landscape".into()))
    );
    assert_eq!(size(sects[2]), size(sects[0]));
    let margins = sects[1].child("w:pgMar").unwrap();
    assert_eq!(
        ["w:top", "w:right", "w:bottom", "w:left"].map(|a| margins.attr(a).unwrap().to_string()),
        ["1587", "2098", "1474", "1984"].map(str::to_string)
    );
    // LibreOffice's rendering: same pages, turned alike, the same numbers in the same places.
    let theirs = lo::to_pdf(&stem.with_extension("docx"));
    let their_turned: Vec<bool> = page_sizes(&theirs).iter().map(|(w, h)| w > h).collect();
    assert_eq!(their_turned, turned);
    assert_eq!(page_numbers(&theirs), numbers);
    let (their_words, _) = lo::words(&theirs);
    for (page, x1, mid) in placed {
        let (_, y0, tx1, y1) = number_box(&their_words, page);
        assert!((tx1 - x1).abs() < 1.5, "page {page}: ends {tx1} vs {x1}");
        assert!(
            ((y0 + y1) / 2.0 - mid).abs() < 2.0,
            "page {page}: {y0}..{y1} vs {mid}"
        );
    }
    assert_eq!(
        their_words
            .iter()
            .find(|w| w.text.contains("各乡镇受灾情况统计表"))
            .map(|w| w.page),
        Some(2)
    );
    // The same rows on each page (a row's first cell is its 乡镇).
    let rows_by_page = |words: &[lo::Word]| -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for w in words.iter().filter(|w| w.text.starts_with('第')) {
            match out.last_mut() {
                Some((p, n)) if *p == w.page => *n += 1,
                _ => out.push((w.page, 1)),
            }
        }
        out
    };
    assert_eq!(rows_by_page(&their_words), rows_by_page(&words));
    // The OFD turns the same pages (its page area in millimetres).
    let o = huibao_in(dir.path())
        .args(["render", "data.toml", "-f", "ofd", "-o", "out"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(stem.with_extension("ofd")).unwrap();
    let mut ofd = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for (i, t) in turned.iter().enumerate() {
        let mut page = String::new();
        std::io::Read::read_to_string(
            &mut ofd
                .by_name(&format!("Doc_0/Pages/Page_{i}/Content.xml"))
                .unwrap(),
            &mut page,
        )
        .unwrap();
        assert_eq!(
            page.contains("<ofd:PhysicalBox>0 0 297 210</ofd:PhysicalBox>"),
            *t,
            "page {}",
            i + 1
        );
    }
}

/// `版式：` takes 横排 or 竖排 and must be followed by a table.
#[test]
fn orientation_markup() {
    use huibao::model::Block;
    let (doc, diags) = huibao::markup::parse("版式：横排\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n");
    assert!(!diags.has_errors(), "{diags:?}");
    assert!(matches!(&doc.blocks[0], Block::Table(t) if t.landscape));
    let (doc, _) = huibao::markup::parse("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n");
    assert!(matches!(&doc.blocks[0], Block::Table(t) if !t.landscape));
    assert!(huibao::markup::parse("版式：斜排\n| 甲 |\n|---|\n| 1 |\n")
        .1
        .has_errors());
    assert!(huibao::markup::parse("版式：横排\n\n正文。\n")
        .1
        .has_errors());
}
