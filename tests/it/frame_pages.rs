//! Page-level rules of the GB/T 9704 frame, read back from our PDF and from LibreOffice's
//! rendering of our DOCX: which pages carry a page number (none on the blank page before the
//! 版记 nor on the 版记's page), landscape table pages, and the joint issuers' masthead.

use crate::common::cli::huibao_in;
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
