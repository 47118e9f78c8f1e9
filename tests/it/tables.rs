//! Tables as a user sees them: the 40-row poverty table of tests/fixtures/tables (two-level
//! header, year and township groups merged, a 合计 row computed with `sum`, a long text
//! column) in our PDF and in LibreOffice's rendering of our DOCX; the DOCX XML against the
//! layout's geometry; markup problems located and nothing written.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::cli::{huibao, huibao_in};
use crate::common::docx_read::unzip;
use crate::common::{lo, skip::skip};

const DATA: &str = "tests/fixtures/tables/poverty.toml";

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("huibao-tables-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Renders the fixture into `dir`; returns (PDF, DOCX).
fn render(dir: &Path) -> (PathBuf, PathBuf) {
    let out = huibao()
        .args(["render", DATA, "-o"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir.join("poverty.pdf"), dir.join("poverty.docx"))
}

/// The villages of the fixture: (village, households, people, rate).
fn villages() -> Vec<(String, i64, i64, String)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DATA)).unwrap();
    let v: toml::Value = toml::from_str(&text).unwrap();
    v["villages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["village"].as_str().unwrap().to_string(),
                r["households"].as_integer().unwrap(),
                r["people"].as_integer().unwrap(),
                r["rate"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `pdftotext -raw` of one page.
fn raw_page(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-raw", "-f", &p, "-l", &p])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// The table rows on each page, as "village households" in reading order.
fn rows_per_page(pdf: &Path, villages: &[(String, i64, i64, String)]) -> Vec<Vec<String>> {
    (1..=page_count(pdf))
        .map(|p| {
            let text = raw_page(pdf, p);
            let tokens: Vec<&str> = text.split_whitespace().collect();
            tokens
                .windows(2)
                .filter(|w| {
                    villages
                        .iter()
                        .any(|v| w[0].ends_with(v.0.as_str()) && w[1] == v.1.to_string())
                })
                .map(|w| format!("{} {}", w[0], w[1]))
                .collect()
        })
        .collect()
}

/// Every Arabic figure of the table appears whole (as one token) in `pdf`, and every token made
/// of figures is one of them (so none was broken into pieces).
fn assert_figures_whole(pdf: &Path, villages: &[(String, i64, i64, String)]) {
    let text: String = (1..=page_count(pdf)).map(|p| raw_page(pdf, p)).collect();
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut figures: Vec<String> = Vec::new();
    for (_, h, p, r) in villages {
        figures.extend([h.to_string(), p.to_string(), r.clone()]);
    }
    let households: i64 = villages.iter().map(|v| v.1).sum();
    let people: i64 = villages.iter().map(|v| v.2).sum();
    figures.extend([households.to_string(), people.to_string()]);
    for f in &figures {
        assert!(
            tokens.contains(&f.as_str()),
            "{f} is not whole in {}",
            pdf.display()
        );
    }
    let allowed = |t: &str| {
        figures.iter().any(|f| f == t)
            || ["2019", "2020"].contains(&t)
            || t.parse::<usize>().is_ok_and(|n| n <= 20)
    };
    for t in tokens
        .iter()
        .filter(|t| t.chars().all(|c| c.is_ascii_digit() || c == '.'))
    {
        assert!(allowed(t), "a broken figure “{t}” in {}", pdf.display());
    }
}

#[test]
fn forty_rows_same_pages_and_whole_figures_in_our_pdf_and_libreoffice() {
    if !lo::have("soffice") || !lo::have("pdftotext") {
        skip("soffice or pdftotext is not installed");
        return;
    }
    let dir = tmp("forty");
    let (pdf, docx) = render(&dir);
    let lo_pdf = {
        let lo_dir = dir.join("lo");
        std::fs::create_dir_all(&lo_dir).unwrap();
        let copy = lo_dir.join("poverty.docx");
        std::fs::copy(&docx, &copy).unwrap();
        lo::to_pdf(&copy)
    };
    let villages = villages();
    assert_eq!(villages.len(), 40);
    assert_figures_whole(&pdf, &villages);
    assert_figures_whole(&lo_pdf, &villages);
    // The 合计 row holds the computed totals.
    let people: i64 = villages.iter().map(|v| v.2).sum();
    let last = raw_page(&pdf, page_count(&pdf));
    assert!(
        last.lines()
            .any(|l| l.starts_with("合计") && l.contains(&people.to_string())),
        "{last}"
    );
    // Same pages, the same rows on each page (so the same first row on every page).
    assert_eq!(page_count(&pdf), page_count(&lo_pdf));
    let ours = rows_per_page(&pdf, &villages);
    let theirs = rows_per_page(&lo_pdf, &villages);
    assert_eq!(ours, theirs);
    assert_eq!(ours.iter().map(Vec::len).sum::<usize>(), 40, "{ours:?}");
    assert!(ours.iter().filter(|p| !p.is_empty()).count() >= 2);
    // Cells stand where the PDF puts them: every figure of the first page starts at the same x
    // (decimal alignment included) in both renderings.
    let first_page = |pdf: &Path| -> Vec<(String, f32)> {
        let (words, _) = lo::words(pdf);
        words
            .into_iter()
            .filter(|w| w.page == 1 && w.y0 < 740.0 && huibao::model::is_figure(&w.text))
            .map(|w| (w.text, w.x0))
            .collect()
    };
    let (a, b) = (first_page(&pdf), first_page(&lo_pdf));
    assert_eq!(a.len(), b.len(), "{a:?} {b:?}");
    assert!(a.len() > 20);
    for ((ta, xa), (tb, xb)) in a.iter().zip(&b) {
        assert_eq!(ta, tb);
        assert!(
            (xa - xb).abs() < 0.5,
            "{ta}: PDF x {xa}, LibreOffice x {xb}"
        );
    }
    // The header repeats on every page the table continues on, in both.
    for (k, rows) in ours.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
        for p in [&pdf, &lo_pdf] {
            let text = raw_page(p, k + 1);
            assert!(text.contains("当前贫困人口"), "page {}: {text}", k + 1);
        }
        let _ = rows;
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pdf_reads_row_by_row_and_cell_by_cell() {
    if !lo::have("pdftotext") {
        skip("pdftotext is not installed");
        return;
    }
    let dir = tmp("order");
    let (pdf, _) = render(&dir);
    let text = raw_page(&pdf, 1);
    let lines: Vec<&str> = text.lines().collect();
    // The first body row, cell by cell, then the second.
    let v = villages();
    let first = format!("2019 长寨街道 {} {} {} {}", v[0].0, v[0].1, v[0].2, v[0].3);
    let k = lines
        .iter()
        .position(|l| l.starts_with(&first))
        .unwrap_or_else(|| panic!("{first} not in {text}"));
    assert!(lines[k + 1..]
        .iter()
        .any(|l| l.starts_with(&format!("{} {} {}", v[1].0, v[1].1, v[1].2))));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Width of a hanzi-only word divided by its characters: the font size it was drawn at.
fn size_of(pdf: &Path, word: &str) -> f32 {
    let (words, _) = lo::words(pdf);
    let w = words
        .iter()
        .find(|w| w.text == word)
        .unwrap_or_else(|| panic!("{word} not in {}", pdf.display()));
    (w.x1 - w.x0) / word.chars().count() as f32
}

#[test]
fn caption_header_and_cell_sizes_agree_in_docx_pdf_and_libreoffice() {
    if !lo::have("soffice") || !lo::have("pdftotext") {
        skip("soffice or pdftotext is not installed");
        return;
    }
    let dir = tmp("sizes");
    let (pdf, docx) = render(&dir);
    let pkg = unzip(&std::fs::read(&docx).unwrap());
    let doc = pkg.xml("word/document.xml");
    let size_in_docx = |text: &str| -> f32 {
        let p = doc
            .all("w:p")
            .into_iter()
            .find(|p| p.text() == text)
            .unwrap_or_else(|| panic!("no paragraph {text}"));
        let sz = p.find("w:sz").unwrap().attr("w:val").unwrap();
        sz.parse::<f32>().unwrap() / 2.0
    };
    let lo_pdf = lo::to_pdf(&docx);
    for (block, word) in [
        ("caption", "各村贫困人口情况"),
        ("header", "年份"),
        ("cell", "新寨村"),
    ] {
        let d = size_in_docx(word);
        let ours = size_of(&pdf, word);
        let theirs = size_of(&lo_pdf, word);
        assert!(
            (d - ours).abs() < 0.1,
            "{block}: DOCX {d} pt, PDF {ours} pt"
        );
        assert!(
            (d - theirs).abs() < 0.1,
            "{block}: DOCX {d} pt, LibreOffice {theirs} pt"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The report built and laid out through the library, with the fonts the CLI uses.
fn built() -> (huibao::render::Built, huibao::render::Engine) {
    let req = huibao::render::Request {
        data_files: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(DATA)],
        ..Default::default()
    };
    let engine = huibao::render::Engine::new(Default::default(), false);
    (huibao::render::build(&req).unwrap(), engine)
}

#[test]
fn docx_states_the_layout_geometry() {
    let (b, engine) = built();
    let geometry = engine.tables(&b).unwrap();
    let g = &geometry[0];
    let fonts = engine.fonts(&b.style, b.script).unwrap();
    let pages = huibao::layout::layout(&b.doc, &b.style, &*fonts);
    let dir = tmp("geometry");
    let (_, docx) = render(&dir);
    let pkg = unzip(&std::fs::read(&docx).unwrap());
    let doc = pkg.xml("word/document.xml");
    let tbl = doc.find("w:tbl").unwrap();
    let cols: Vec<i32> = tbl
        .all("w:gridCol")
        .iter()
        .map(|c| c.attr("w:w").unwrap().parse().unwrap())
        .collect();
    assert_eq!(cols, g.col_tw);
    assert_eq!(cols.len(), 8);
    // The PDF's column rules stand on the same edges.
    let left = b.style.page.left_mm * huibao::style::PT_PER_MM;
    let mut xs: Vec<f32> = pages[0]
        .rules
        .iter()
        .filter(|r| r.x1 == r.x2)
        .map(|r| r.x1 - left)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    let mut edge = 0;
    for (k, w) in cols.iter().enumerate() {
        assert!((xs[k] - edge as f32 / 20.0).abs() < 0.01, "{xs:?} {cols:?}");
        edge += w;
    }
    // Padding, heights, spans.
    let mar = tbl.find("w:tblCellMar").unwrap();
    let pad: i32 = mar
        .child("w:left")
        .unwrap()
        .attr("w:w")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(pad, g.pad_tw);
    let rows = tbl.all("w:tr");
    assert_eq!(rows.len(), 2 + 40 + 1);
    for (r, row) in rows.iter().enumerate() {
        let h: u32 = row
            .prop("w:trPr", "w:trHeight")
            .unwrap()
            .attr("w:val")
            .unwrap()
            .parse()
            .unwrap();
        // 10 twips short for the header rows and the first body row, 1 for the others.
        let short = if r <= 2 { 10 } else { 1 };
        assert_eq!(h + short, g.line_tw * g.row_lines[r] as u32, "row {r}");
        assert!(row.prop("w:trPr", "w:cantSplit").is_some());
        assert_eq!(row.prop("w:trPr", "w:tblHeader").is_some(), r < 2);
    }
    let spans: Vec<&str> = rows[0]
        .all("w:gridSpan")
        .iter()
        .map(|s| s.attr("w:val").unwrap())
        .collect();
    assert_eq!(spans, vec!["2"], "当前贫困人口 spans 户 and 人");
    // 2019 and 2020 are the year groups; 4 townships a year.
    let restarts = |col_text: &str| {
        rows.iter()
            .flat_map(|r| r.all("w:tc"))
            .filter(|c| {
                c.find("w:vMerge")
                    .is_some_and(|v| v.attr("w:val") == Some("restart"))
                    && c.text() == col_text
            })
            .count()
    };
    assert_eq!(restarts("2019"), 1);
    assert_eq!(restarts("2020"), 1);
    assert_eq!(restarts("长寨街道"), 2);
    // A cell breaks where the PDF breaks: each w:br of the DOCX is a line of the geometry.
    let wrapped = g
        .cells
        .iter()
        .flatten()
        .flatten()
        .filter(|c| c.lines.len() > 1)
        .count();
    let with_breaks = rows
        .iter()
        .flat_map(|r| r.all("w:tc"))
        .filter(|c| !c.all("w:br").is_empty())
        .count();
    assert_eq!(wrapped, with_breaks);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_cell_wraps_while_another_column_has_room() {
    let (b, engine) = built();
    let fonts = engine.fonts(&b.style, b.script).unwrap();
    let g = &engine.tables(&b).unwrap()[0];
    let huibao::model::Block::Table(t) = b
        .doc
        .blocks
        .iter()
        .find(|x| matches!(x, huibao::model::Block::Table(_)))
        .unwrap()
    else {
        unreachable!()
    };
    use huibao::layout::Measure;
    let width = |role, s: &str| -> f32 { s.chars().map(|c| fonts.advance_pt(role, c)).sum() };
    let inner = |c: usize| g.col_tw[c] as f32 / 20.0 - 2.0 * g.pad_tw as f32 / 20.0;
    // The room each column has beyond its widest single-column cell.
    let spare: Vec<f32> = (0..t.columns())
        .map(|c| {
            let widest = (0..t.rows.len())
                .filter(|&r| t.covered_by(r, c).is_none() && t.span(r, c).1 == 1)
                .filter_map(|r| g.cells[r][c].as_ref().map(|s| (r, s)))
                .map(|(r, s)| width(s.role, &t.rows[r][c]).max(0.0))
                .fold(0.0, f32::max);
            inner(c) - widest
        })
        .collect();
    let mut wrapped = 0;
    for (r, row) in g.cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let Some(cell) = cell else { continue };
            if cell.lines.len() <= 1 || t.span(r, c).1 > 1 {
                continue;
            }
            wrapped += 1;
            let needs = width(cell.role, &t.rows[r][c]) - inner(c);
            for (k, s) in spare.iter().enumerate() {
                assert!(
                    k == c || *s < needs + 1.0,
                    "row {r} column {c} wraps ({needs} pt short) while column {k} has {s} pt to spare"
                );
            }
        }
    }
    assert!(wrapped > 0, "the long text column wraps");
    // Figures never wrap.
    for (r, row) in g.cells.iter().enumerate().skip(t.header_rows) {
        for (c, cell) in row.iter().enumerate() {
            if let Some(cell) = cell {
                if huibao::model::is_figure(&t.rows[r][c]) {
                    assert_eq!(cell.lines.len(), 1, "{}", t.rows[r][c]);
                }
            }
        }
    }
}

/// A one-file template folder holding `body` and a data file naming it; returns the data file.
fn report(dir: &Path, body: &str, extra_data: &str) -> PathBuf {
    let tpl = dir.join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        "entry = \"report\"\nscript = \"hans\"\n",
    )
    .unwrap();
    std::fs::write(tpl.join("report.hbs"), body).unwrap();
    let data = dir.join("r.toml");
    std::fs::write(
        &data,
        format!("[report]\ntemplate = \"tpl\"\noutput = \"r\"\n\n{extra_data}"),
    )
    .unwrap();
    data
}

/// `huibao check` and `huibao render` on a report: check's messages, and whether render wrote
/// any file.
fn check_and_render(dir: &Path, data: &Path) -> (bool, String, bool) {
    let check = huibao_in(dir)
        .args(["check", "--lang", "en"])
        .arg(data)
        .output()
        .unwrap();
    let out = dir.join("out");
    let render = huibao_in(dir)
        .arg("render")
        .arg(data)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let written = out.exists() && std::fs::read_dir(&out).unwrap().next().is_some();
    assert_eq!(check.status.success(), render.status.success());
    (
        check.status.success(),
        String::from_utf8_lossy(&check.stderr).into_owned(),
        written,
    )
}

#[test]
fn bad_tables_get_located_messages_and_nothing_is_written() {
    let cases = [
        (
            "ragged",
            "| a | b | c |\n|---|---|---|\n| 1 | 2 |\n",
            "E-MARKUP-TABLE",
            "report.hbs:3",
        ),
        (
            "caret-first-row",
            "| a | ^ |\n|---|---|\n| 1 | 2 |\n",
            "E-MARKUP-SPAN",
            "report.hbs:1",
        ),
        (
            "overlap",
            "| h1 | h2 | h3 |\n|---|---|---|\n| a | < | x |\n| ^ | b | y |\n",
            "E-MARKUP-SPAN",
            "report.hbs:4",
        ),
        (
            "too-wide",
            "表题：太宽的表\n| 1234567890123456789012345 | 2234567890123456789012345 | 3234567890123456789012345 | 4234567890123456789012345 |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n",
            "E-TABLE-WIDE",
            "report.hbs:2",
        ),
    ];
    for (name, body, code, at) in cases {
        let dir = tmp(name);
        let data = report(&dir, body, "");
        let (ok, msg, written) = check_and_render(&dir, &data);
        assert!(!ok, "{name}: {msg}");
        assert!(msg.contains(code), "{name}: {msg}");
        assert!(msg.contains(at), "{name}: {msg}");
        assert!(!written, "{name}: a file was written");
        if name == "too-wide" {
            assert!(msg.contains("太宽的表") || msg.contains("minimum"), "{msg}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_row_group_from_each_merges_without_if_first() {
    let dir = tmp("groups");
    let body = "| 年份 | 项目 | 人数 |\n|=|---|---|\n{{#each rows}}\n| {{year}} | {{name}} | {{n}} |\n{{/each}}\n| 合计 | < | {{sum rows \"n\"}} |\n";
    let data = report(
        &dir,
        body,
        "[[rows]]\nyear = \"2019\"\nname = \"甲\"\nn = 1\n[[rows]]\nyear = \"2019\"\nname = \"乙\"\nn = 2\n[[rows]]\nyear = \"2020\"\nname = \"丙\"\nn = 4\n",
    );
    let out = huibao_in(&dir)
        .arg("render")
        .arg(&data)
        .args(["-f", "docx", "-o"])
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pkg = unzip(&std::fs::read(dir.join("out/r.docx")).unwrap());
    let doc = pkg.xml("word/document.xml");
    let rows = doc.all("w:tr");
    let first_cells: Vec<(String, Option<String>)> = rows
        .iter()
        .map(|r| {
            let tc = r.find("w:tc").unwrap();
            (
                tc.text(),
                tc.find("w:vMerge")
                    .map(|v| v.attr("w:val").unwrap_or("continue").to_string()),
            )
        })
        .collect();
    assert_eq!(
        first_cells,
        vec![
            ("年份".into(), None),
            ("2019".into(), Some("restart".into())),
            ("".into(), Some("continue".into())),
            ("2020".into(), None),
            ("合计".into(), None),
        ]
    );
    assert_eq!(rows[4].text(), "合计7");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_changed_figure_in_a_cell_is_a_tracked_change_in_the_redline() {
    let dir = tmp("redline");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tables");
    let tpl = dir.join("poverty");
    std::fs::create_dir_all(&tpl).unwrap();
    for f in ["template.toml", "report.hbs"] {
        std::fs::copy(root.join("poverty").join(f), tpl.join(f)).unwrap();
    }
    let old = std::fs::read_to_string(root.join("poverty.toml")).unwrap();
    let v = villages();
    let (was, now) = (
        format!("households = {}", v[0].1),
        format!("households = {}", v[0].1 + 1),
    );
    assert!(old.contains(&was));
    std::fs::write(dir.join("old.toml"), &old).unwrap();
    std::fs::write(dir.join("new.toml"), old.replacen(&was, &now, 1)).unwrap();
    let out = huibao_in(&dir)
        .env("HUIBAO_LANG", "en")
        .args([
            "diff", "old.toml", "new.toml", "-f", "docx", "-o", "red.docx",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("W-REDLINE"), "{stderr}");
    let pkg = unzip(&std::fs::read(dir.join("red.docx")).unwrap());
    let doc = pkg.xml("word/document.xml");
    let deleted: Vec<String> = doc.all("w:delText").iter().map(|t| t.text()).collect();
    let inserted: Vec<String> = doc
        .all("w:ins")
        .iter()
        .map(|i| i.all("w:t").iter().map(|t| t.text()).collect())
        .collect();
    // The cell and the computed total change; nothing else.
    let total: i64 = v.iter().map(|r| r.1).sum();
    assert_eq!(
        deleted,
        vec![v[0].1.to_string(), total.to_string()],
        "{inserted:?}"
    );
    assert_eq!(
        inserted,
        vec![(v[0].1 + 1).to_string(), (total + 1).to_string()]
    );
    // The tracked cells are inside the table.
    let tbl = doc.find("w:tbl").unwrap();
    assert_eq!(tbl.all("w:del").len(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn style_table_size_sets_caption_header_and_cells_in_both_outputs() {
    if !lo::have("pdftotext") {
        skip("pdftotext is not installed");
        return;
    }
    let dir = tmp("size");
    let out = huibao()
        .args(["render", DATA, "--set", "style.table.size_pt=12", "-o"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pkg = unzip(&std::fs::read(dir.join("poverty.docx")).unwrap());
    let doc = pkg.xml("word/document.xml");
    for word in ["各村贫困人口情况", "年份", "新寨村"] {
        let p = doc
            .all("w:p")
            .into_iter()
            .find(|p| p.text() == word)
            .unwrap();
        assert_eq!(p.find("w:sz").unwrap().attr("w:val"), Some("24"), "{word}");
        let pdf_size = size_of(&dir.join("poverty.pdf"), word);
        assert!((pdf_size - 12.0).abs() < 0.1, "{word}: {pdf_size}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_table_starting_near_a_page_end_breaks_where_libreoffice_breaks_it() {
    if !lo::have("soffice") || !lo::have("pdftotext") {
        skip("soffice or pdftotext is not installed");
        return;
    }
    let dir = tmp("page-end");
    // n one-line paragraphs, then a caption and a 12-row table: the table starts 7 … 1 lines
    // before the page end; n = 0: a title, a paragraph and a 30-row table (LibreOffice sets
    // the title shorter than the PDF's grid lines, and must still break the table alike).
    let ns = [15, 17, 18, 19, 20, 21, 0];
    let mut docs = Vec::new();
    for n in ns {
        let sub = dir.join(format!("n{n}"));
        std::fs::create_dir_all(&sub).unwrap();
        let (mut body, rows): (String, usize) = if n == 0 {
            ("标题：测试标题\n\n开头一段。\n\n".into(), 30)
        } else {
            ((0..n).map(|i| format!("第{i:02}行。\n\n")).collect(), 12)
        };
        body.push_str("表题：表题测试\n| 项目 | 数量 |\n|---|---|\n");
        body.extend((0..rows).map(|i| format!("| 行{i:02} | {i} |\n")));
        body.push_str("\n结尾。\n");
        let data = report(&sub, &body, "");
        let out = huibao_in(&sub)
            .arg("render")
            .arg(&data)
            .args(["-o", "out"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let named = dir.join(format!("n{n}.docx"));
        std::fs::copy(sub.join("out/r.docx"), &named).unwrap();
        docs.push((sub.join("out/r.pdf"), named));
    }
    // One LibreOffice run for all of them.
    let inputs: Vec<&Path> = docs.iter().map(|d| d.1.as_path()).collect();
    lo::convert(&inputs, "pdf", &dir.join("lo"), &dir).unwrap();
    let rows = |pdf: &Path| -> Vec<Vec<String>> {
        (1..=page_count(pdf))
            .map(|p| {
                raw_page(pdf, p)
                    .lines()
                    .map(|l| l.replace(' ', ""))
                    .filter(|l| l.starts_with('行') || l == "结尾。")
                    .map(|l| l.chars().take(3).collect())
                    .collect()
            })
            .collect()
    };
    for (n, (ours, docx)) in ns.iter().zip(&docs) {
        let lo_pdf = dir
            .join("lo")
            .join(docx.with_extension("pdf").file_name().unwrap());
        let (a, b) = (rows(ours), rows(&lo_pdf));
        assert_eq!(a, b, "{n} paragraphs before the table");
        let rows = if *n == 0 { 31 } else { 13 };
        assert_eq!(a.iter().map(Vec::len).sum::<usize>(), rows, "{a:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
