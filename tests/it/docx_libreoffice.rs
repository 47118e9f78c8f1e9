//! The .docx laid out by LibreOffice: converted to PDF and measured with `pdftotext -bbox`.
//! Full body lines must hold 28 hanzi, full pages 22 lines, page numbers alternate sides.

use crate::common::skip;

use crate::common::docx_sample;

use std::path::Path;

use crate::common::lo::{have, lines, to_pdf, words, Line};

#[test]
fn libreoffice_lays_out_22_lines_of_28_hanzi() {
    if !have("soffice") || !have("pdftotext") {
        skip::skip("soffice or pdftotext not installed");
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx_libreoffice");
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("sample.docx");
    let style = huibao::style::Style::default();
    let started = std::time::Instant::now();
    let bytes = huibao::docx::write(&docx_sample::sample(), &style).unwrap();
    eprintln!("docx: {} bytes in {:?}", bytes.len(), started.elapsed());
    std::fs::write(&docx, &bytes).unwrap();
    let pdf = to_pdf(&docx);
    let (ws, page_width) = words(&pdf);
    let left = style.page.left_mm * huibao::style::PT_PER_MM;
    let right = page_width - style.page.right_mm * huibao::style::PT_PER_MM;
    let top = style.page.top_mm * huibao::style::PT_PER_MM;
    let bottom = top + style.page.text_height_pt();
    let pitch = style.grid.line_pitch_pt();
    let all = lines(&ws);
    let (body, footers): (Vec<&Line>, Vec<&Line>) = all.iter().partition(|l| l.y < bottom);

    // Full lines: starting at the left margin, reaching the right margin, only full-width
    // characters. A closing mark hanging past the margin (overflowPunct) is not a cell; a line
    // that gave a character to the next one for kinsoku holds 27.
    let mut counts = Vec::new();
    for l in &body {
        let full_width = l.text.chars().all(|c| !c.is_ascii());
        if full_width && (l.x0 - left).abs() < 1.0 && l.x1 > right - 2.0 {
            let hanging = usize::from(l.x1 > right + 1.0);
            counts.push(l.text.chars().count() - hanging);
        }
    }
    let exact = counts.iter().filter(|&&n| n == 28).count();
    eprintln!(
        "full lines: {} ({} with 28 hanzi), counts {:?}",
        counts.len(),
        exact,
        counts
    );
    assert!(
        counts.len() >= 40,
        "too few full lines measured: {}",
        counts.len()
    );
    assert!(counts.iter().all(|&n| n == 28 || n == 27), "{counts:?}");
    assert!(exact * 10 >= counts.len() * 9, "{counts:?}");

    // Lines per page: body pages whose lines all sit on the 28.95 pt grid hold 22 lines when
    // full; no page holds more.
    let pages = all.iter().map(|l| l.page).max().unwrap();
    let mut per_page = Vec::new();
    for p in 1..=pages {
        let ls: Vec<&&Line> = body.iter().filter(|l| l.page == p).collect();
        let on_grid = ls.iter().all(|l| {
            let k = (l.y - ls[0].y) / pitch;
            (k - k.round()).abs() < 0.03
        });
        per_page.push((p, ls.len(), on_grid));
    }
    eprintln!("pages {pages}; (page, lines, on grid) {per_page:?}");
    // A page is full when a paragraph runs on to the next page (its first line starts at the
    // left margin, not indented): such pages hold exactly 22 lines.
    let mut full_pages = 0;
    for &(p, n, on_grid) in &per_page {
        assert!(!on_grid || n <= 22, "page {p}: {n} lines");
        let next_first = body.iter().find(|l| l.page == p + 1);
        if on_grid && next_first.is_some_and(|l| (l.x0 - left).abs() < 1.0) {
            assert_eq!(n, 22, "page {p} runs on but holds {n} lines");
            let ls: Vec<&&Line> = body.iter().filter(|l| l.page == p).collect();
            let span = (ls[n - 1].y - ls[0].y) / pitch;
            assert!(
                (span - 21.0).abs() < 0.05,
                "22 lines span 21 pitches: {span}"
            );
            full_pages += 1;
        }
    }
    assert!(full_pages >= 1, "{per_page:?}");

    // Page numbers: "— N —" on every page, odd pages right with a 1-character gap, even pages
    // left with a 1-character gap, 7 mm below the type area.
    let gap = style.fonts.page_number.size_pt;
    for p in 1..=pages {
        let f = footers
            .iter()
            .find(|l| l.page == p)
            .unwrap_or_else(|| panic!("no page number on page {p}"));
        assert_eq!(f.text, format!("—{p}—"));
        if p % 2 == 1 {
            assert!(
                (right - gap - f.x1).abs() < 1.5,
                "page {p}: {} vs {}",
                f.x1,
                right - gap
            );
        } else {
            assert!(
                (f.x0 - left - gap).abs() < 1.5,
                "page {p}: {} vs {}",
                f.x0,
                left + gap
            );
        }
        let dash = ws
            .iter()
            .find(|w| w.page == p && w.text == "—" && w.y0 > bottom)
            .unwrap();
        let centre_mm = ((dash.y0 + dash.y1) / 2.0 - bottom) / huibao::style::PT_PER_MM;
        eprintln!("page {p}: number at x {:.1}..{:.1}, dash box centre {centre_mm:.1} mm below the type area", f.x0, f.x1);
        assert!((5.0..9.0).contains(&centre_mm), "{centre_mm}");
    }
}
