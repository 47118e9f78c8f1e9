//! The PDF finds its elements on the pages by the block each line was laid out for, read back
//! with lopdf: the structure tree puts each table line in the cell it was drawn for — in a
//! table whose body cells repeat the header's text (so the header drawn again on the next page
//! reads like a body cell), whose rows share one text in their first cell, which a paragraph
//! before the table also holds, and which ends in a merged cell of that text; the outline opens
//! each heading at its own line, in a report whose 特急 mark is set in a heading's font.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use lopdf::{Dictionary, Document, Object};

use crate::common::pdf_read::{dict, marked, pdf_glyphs, PdfGlyph};

/// Body rows of the table: enough to continue it on a second page.
const ROWS: usize = 40;

/// Writes the report (facts and a template of its own) into a fresh folder and renders its PDF.
fn render() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-tags");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("same")).expect("folder");
    let mut facts = String::from(
        "[report]\ntemplate = \"same\"\noutput = \"same\"\ndate = 2021-03-01\nscript = \"hans\"\n",
    );
    for k in 1..=ROWS {
        facts.push_str(&format!("\n[[rows]]\ntext = \"第{k}项\"\n"));
    }
    std::fs::write(dir.join("same.toml"), facts).expect("facts");
    std::fs::write(
        dir.join("same/template.toml"),
        "entry = \"report\"\nscript = \"hans\"\n",
    )
    .expect("template.toml");
    std::fs::write(
        dir.join("same/report.hbs"),
        "标题：同文表格\n\n名称\n\n表题：名称表\n| 名称 | 说明 |\n|---|---|\n{{#each rows}}\n| 名称 | {{text}} |\n{{/each}}\n| 名称 | < |\n",
    )
    .expect("template");
    let o = crate::common::cli::huibao_in(&dir)
        .args([
            "render",
            "same.toml",
            "-f",
            "pdf",
            "--builtin-fonts",
            "-o",
            "out",
        ])
        .output()
        .expect("run huibao");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir.join("out/same.pdf")
}

fn name(e: &Dictionary) -> String {
    String::from_utf8_lossy(e.get(b"S").and_then(Object::as_name).expect("S")).into_owned()
}

fn text(glyphs: &[&PdfGlyph]) -> String {
    glyphs.iter().map(|g| g.ch).collect()
}

/// Where glyphs are drawn: (page, baseline rounded to 0.1 mm).
fn lines(glyphs: &[&PdfGlyph]) -> BTreeSet<(usize, i64)> {
    glyphs
        .iter()
        .map(|g| (g.page, (g.y * 10.0).round() as i64))
        .collect()
}

#[test]
fn each_table_cell_holds_the_line_drawn_for_it_even_where_texts_repeat() {
    let pdf = render();
    let doc = Document::load(&pdf).expect("lopdf parses the PDF");
    let cat = doc.catalog().expect("catalog");
    let root = dict(&doc, cat.get(b"StructTreeRoot").expect("StructTreeRoot"));
    let document = dict(&doc, root.get(b"K").expect("K"));
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    assert!(
        pages.len() > 1,
        "the table should continue on a second page"
    );
    let glyphs = pdf_glyphs(Path::new(&pdf));
    let kids: Vec<&Dictionary> = document
        .get(b"K")
        .and_then(Object::as_array)
        .expect("kids")
        .iter()
        .map(|e| dict(&doc, e))
        .collect();
    let names: Vec<String> = kids.iter().map(|e| name(e)).collect();
    assert_eq!(names, ["P", "P", "Caption", "Table"]);
    // The paragraph before the table holds its own 名称, drawn on page 1 above the table.
    let para = marked(&doc, kids[1], &pages, &glyphs);
    assert_eq!(text(&para), "名称");
    let rows: Vec<Vec<(String, Vec<&PdfGlyph>)>> = kids[3]
        .get(b"K")
        .and_then(Object::as_array)
        .expect("rows")
        .iter()
        .map(|tr| {
            let tr = dict(&doc, tr);
            assert_eq!(name(tr), "TR");
            tr.get(b"K")
                .and_then(Object::as_array)
                .expect("cells")
                .iter()
                .map(|c| {
                    let c = dict(&doc, c);
                    (name(c), marked(&doc, c, &pages, &glyphs))
                })
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), ROWS + 2, "header, {ROWS} rows, the merged row");
    // The header: two TH on page 1, drawn once each (its repetitions are not in the tree).
    let header: Vec<(&str, String)> = rows[0].iter().map(|(t, g)| (t.as_str(), text(g))).collect();
    assert_eq!(header, [("TH", "名称".into()), ("TH", "说明".into())]);
    assert!(rows[0].iter().all(|(_, g)| lines(g).len() == 1));
    let header_line = lines(&rows[0][0].1);
    assert!(header_line.iter().all(|&(p, _)| p == 0));
    // Each body row: TD 名称 on the same line as its own TD 第k项, never on the header's.
    for (k, row) in rows[1..=ROWS].iter().enumerate() {
        let cells: Vec<(&str, String)> = row.iter().map(|(t, g)| (t.as_str(), text(g))).collect();
        assert_eq!(
            cells,
            [("TD", "名称".into()), ("TD", format!("第{}项", k + 1))],
            "row {}",
            k + 1
        );
        let (first, second) = (lines(&row[0].1), lines(&row[1].1));
        assert_eq!(first.len(), 1, "row {}: {first:?}", k + 1);
        assert_eq!(
            first,
            second,
            "row {}: 名称 is not drawn beside its 说明",
            k + 1
        );
        assert_ne!(first, header_line);
    }
    // The last row: one merged cell across both columns, holding its 名称.
    let last = &rows[ROWS + 1];
    assert_eq!(
        last.len(),
        1,
        "{:?}",
        last.iter().map(|c| &c.0).collect::<Vec<_>>()
    );
    assert_eq!(
        (last[0].0.as_str(), text(&last[0].1)),
        ("TD", "名称".into())
    );
    // Everything drawn and not in the tree is an artifact: the page numbers and the header
    // drawn again on each later page.
    let artifacts: String = glyphs
        .iter()
        .filter(|g| g.marked.as_ref().is_some_and(|m| m.0 == "Artifact"))
        .map(|g| g.ch)
        .filter(|c| !c.is_whitespace())
        .collect();
    let expected = "名称说明".repeat(pages.len() - 1);
    let numbers: String = artifacts
        .chars()
        .filter(|c| !"名称说明".contains(*c))
        .collect();
    assert_eq!(
        artifacts
            .chars()
            .filter(|c| "名称说明".contains(*c))
            .collect::<String>(),
        expected,
        "{artifacts}"
    );
    assert_eq!(
        numbers.chars().filter(|&c| c == '—').count(),
        2 * pages.len()
    );
}

/// The outline items, depth first: (title, page index, top of the view in points from the
/// bottom of the page).
fn outline(doc: &Document) -> Vec<(String, usize, f32)> {
    fn walk(
        doc: &Document,
        pages: &[lopdf::ObjectId],
        first: Option<&Object>,
        out: &mut Vec<(String, usize, f32)>,
    ) {
        let mut next = first.cloned();
        while let Some(o) = next {
            let d = dict(doc, &o);
            let dest = d.get(b"Dest").and_then(Object::as_array).expect("Dest");
            let page = dest[0].as_reference().expect("page reference");
            let page = pages.iter().position(|p| *p == page).expect("a page");
            let top = dest[3].as_float().expect("top of the view");
            let title = match d.get(b"Title").expect("Title") {
                Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
                    let units: Vec<u16> = b[2..]
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16(&units).expect("UTF-16")
                }
                other => panic!("not a text string: {other:?}"),
            };
            out.push((title, page, top));
            walk(doc, pages, d.get(b"First").ok(), out);
            next = d.get(b"Next").ok().cloned();
        }
    }
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let cat = doc.catalog().expect("catalog");
    let root = dict(doc, cat.get(b"Outlines").expect("Outlines"));
    let mut out = Vec::new();
    walk(doc, &pages, root.get(b"First").ok(), &mut out);
    out
}

#[test]
fn each_outline_item_opens_at_its_headings_line() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-tags-outline");
    let _ = std::fs::remove_dir_all(&dir);
    let o = crate::common::cli::huibao()
        .args(["render", "data/gallery/qingkuang-baogao.toml", "-f", "pdf"])
        .args(["--builtin-fonts", "-o"])
        .arg(&dir)
        .output()
        .expect("run huibao");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = dir.join("qingkuang-baogao.pdf");
    let glyphs = pdf_glyphs(&pdf);
    // The 特急 mark is drawn (in a heading's font) above the first heading.
    assert!(glyphs.iter().any(|g| g.page == 0 && g.ch == '急'));
    let items = outline(&Document::load(&pdf).expect("lopdf parses the PDF"));
    assert!(items.len() >= 4, "{items:?}");
    let flat = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (title, page, top) in &items {
        // The first line drawn below the top of the view (A4: 841.89 pt tall).
        let top_mm = (841.89 - f64::from(*top)) * 25.4 / 72.0;
        let below = glyphs
            .iter()
            .filter(|g| g.page == *page && g.y > top_mm)
            .map(|g| g.y)
            .fold(f64::INFINITY, f64::min);
        assert!(
            below - top_mm < 10.0,
            "{title}: no line under the view's top"
        );
        let line: String = glyphs
            .iter()
            .filter(|g| g.page == *page && (g.y - below).abs() < 0.5)
            .map(|g| g.ch)
            .collect();
        let (line, title) = (flat(&line), flat(title));
        assert!(
            line.starts_with(&title) || title.starts_with(&line),
            "the outline's {title} opens at {line} (page {})",
            page + 1
        );
    }
}
