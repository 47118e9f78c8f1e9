//! The body text kept with the signature, alike in our PDF and in LibreOffice's rendering of our
//! DOCX (issue 13, item 9): reports whose last paragraph has 3 to 12 lines and ends 0 to 2 lines
//! before a page's end (the signature block of blank line, name and date does not fit under
//! it) or runs one line onto the next page, and one with a sealed signature (the DOCX kept
//! nothing with it before), rendered by `huibao render`, both PDFs read back with
//! `pdftotext -bbox`.
//!
//! LibreOffice never splits a paragraph marked `w:keepNext` (it keeps it together), while Word
//! keeps only its last lines with the next paragraph (ECMA-376 §17.3.1.14). So a paragraph of
//! up to a quarter page goes to the signature's page whole, stated in the DOCX with
//! `w:keepLines` and `w:keepNext` (all three agree); a longer one keeps its last two lines with
//! the signature in our layout and in Word, and LibreOffice moves it whole — both leave body
//! text on the signature's page. Where a page break splits a long one anyway, the DOCX states
//! no keep, and LibreOffice splits it as we do.

use std::path::{Path, PathBuf};

use crate::common::cli::huibao_in;
use crate::common::docx_read::unzip;
use crate::common::lo::{body_pages, convert, have};
use crate::common::skip;

/// Lines of a full page.
const PAGE: usize = 22;
/// The longest last paragraph that goes to the signature's page whole (a quarter page).
const WHOLE: usize = PAGE / 4;

const NAME: &str = "某县科学技术协会";
const DATE: &str = "2012年10月10日";

/// A report whose body is a filler paragraph and a last paragraph of `n` full lines ending
/// `room` lines before the end of page 1 (negative: running onto page 2), then the signature.
struct Case {
    n: usize,
    room: isize,
    /// A sealed signature (`印章：`: two blank lines for the seal, name, date).
    sealed: bool,
}

impl Case {
    fn name(&self) -> String {
        let kind = if self.sealed { "sealed" } else { "" };
        format!("n{}r{}{kind}", self.n, self.room)
    }

    /// Rendered to `dir/NAME/out/d.docx` and `d.pdf`; returns the report's folder.
    fn render(&self, dir: &Path) -> PathBuf {
        let d = dir.join(self.name());
        std::fs::create_dir_all(d.join("t")).unwrap();
        std::fs::write(d.join("t/template.toml"), "entry = \"report\"\n").unwrap();
        std::fs::write(
            d.join("t/report.hbs"),
            format!(
                "{{{{a}}}}\n\n{{{{b}}}}\n\n{}：{NAME}\n日期：{DATE}\n",
                if self.sealed { "印章" } else { "署名" }
            ),
        )
        .unwrap();
        let filler = (PAGE as isize - self.n as isize - self.room) as usize;
        // Full lines of hanzi: the first after the two-cell indent.
        let full = |lines: usize, c: &str| c.repeat(26 + 28 * (lines - 1));
        std::fs::write(
            d.join("d.toml"),
            format!(
                "a = \"{}\"\nb = \"{}\"\n",
                full(filler, "国"),
                full(self.n, "民")
            ),
        )
        .unwrap();
        let o = huibao_in(&d)
            .args(["render", "d.toml", "-t", "t", "-o", "out"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        d
    }
}

fn counts(pages: &[Vec<String>]) -> Vec<usize> {
    pages.iter().map(Vec::len).collect()
}

/// LibreOffice's PDFs of the DOCX files, converted in one run into `dir/libreoffice`.
fn libreoffice(dir: &Path, docx: &[PathBuf]) -> PathBuf {
    let out = dir.join("libreoffice");
    std::fs::create_dir_all(&out).unwrap();
    let inputs: Vec<&Path> = docx.iter().map(PathBuf::as_path).collect();
    convert(&inputs, "pdf", &out, dir).expect("soffice runs");
    out
}

/// The last body paragraph's properties in the DOCX: (`w:keepNext`, `w:keepLines`).
fn last_paragraph_keeps(docx: &Path) -> (bool, bool) {
    let pkg = unzip(&std::fs::read(docx).unwrap());
    let body = pkg.xml("word/document.xml");
    let paragraphs = body.all("w:p");
    let last = paragraphs
        .iter()
        .rev()
        .find(|p| p.text().starts_with('民'))
        .expect("the last paragraph");
    let on = |name: &str| {
        last.all(name)
            .iter()
            .any(|e| !matches!(e.attr("w:val"), Some("0" | "false")))
    };
    (on("w:keepNext"), on("w:keepLines"))
}

/// Checks the signature's page: name and date last, body text above them (`body` lines of the
/// last paragraph when given).
fn assert_signature_page(pages: &[Vec<String>], body: Option<usize>, what: &str) {
    let last = pages.last().unwrap();
    let k = last.len();
    assert!(k >= 3, "{what}: {last:?}");
    assert_eq!(last[k - 2], NAME, "{what}: {last:?}");
    assert_eq!(last[k - 1], DATE, "{what}: {last:?}");
    let text = &last[..k - 2];
    assert!(!text.is_empty(), "{what}: the signature alone: {last:?}");
    assert!(text.iter().all(|l| l.starts_with('民')), "{what}: {last:?}");
    if let Some(n) = body {
        assert_eq!(text.len(), n, "{what}: {last:?}");
    }
}

#[test]
fn the_last_paragraph_goes_with_the_signature_alike_in_the_pdf_and_the_docx() {
    if !have("soffice") || !have("pdftotext") {
        skip::skip("soffice or pdftotext not installed");
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("signature_keep");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut cases = Vec::new();
    for n in [3, 4, 5, 6, 8, 12] {
        for room in [0, 1, 2] {
            cases.push(Case {
                n,
                room,
                sealed: false,
            });
        }
    }
    // A sealed signature needs four lines: three of room are too few.
    cases.push(Case {
        n: 4,
        room: 3,
        sealed: true,
    });
    // Running one line onto the next page: moved whole when short, else split there by widow
    // control.
    for n in [4, 5, 8, 12] {
        cases.push(Case {
            n,
            room: -1,
            sealed: false,
        });
    }
    let folders: Vec<PathBuf> = cases.iter().map(|c| c.render(&dir)).collect();
    // Each DOCX under its case's name, so one LibreOffice run converts them all.
    let docx: Vec<PathBuf> = cases
        .iter()
        .zip(&folders)
        .map(|(c, d)| {
            let to = dir.join(format!("{}.docx", c.name()));
            std::fs::copy(d.join("out/d.docx"), &to).unwrap();
            to
        })
        .collect();
    let lo = libreoffice(&dir, &docx);
    let mut table = String::new();
    for ((c, d), docx) in cases.iter().zip(&folders).zip(&docx) {
        let ours = body_pages(&d.join("out/d.pdf"));
        let theirs = body_pages(&lo.join(format!("{}.pdf", c.name())));
        table.push_str(&format!(
            "n={} room={}{}: ours {:?}, LibreOffice {:?}\n",
            c.n,
            c.room,
            if c.sealed { " sealed" } else { "" },
            counts(&ours),
            counts(&theirs)
        ));
        let what = format!("{} lines, {} lines of room", c.n, c.room);
        let (keep_next, keep_lines) = last_paragraph_keeps(docx);
        if c.room < 0 {
            // Running onto the signature's page: a short paragraph still goes whole; a long
            // one is split by widow control with no keep stated (LibreOffice would move a
            // keepNext paragraph whole).
            assert_eq!(
                counts(&ours),
                counts(&theirs),
                "{what}: lines per page\n{table}"
            );
            if c.n <= WHOLE {
                assert!(keep_next && keep_lines, "{what}: keepNext and keepLines");
                assert_signature_page(&ours, Some(c.n), &what);
            } else {
                assert!(!keep_next && !keep_lines, "{what}: no keep");
                assert_signature_page(&ours, Some(2), &what);
            }
        } else if c.n <= WHOLE {
            // Whole, in all three: the DOCX says so unambiguously.
            assert!(keep_next && keep_lines, "{what}: keepNext and keepLines");
            assert_eq!(
                counts(&ours),
                counts(&theirs),
                "{what}: lines per page\n{table}"
            );
            assert_eq!(
                counts(&ours),
                vec![PAGE - c.n - c.room as usize, c.n + 2],
                "{what}"
            );
            assert_signature_page(&ours, Some(c.n), &what);
            assert_signature_page(&theirs, Some(c.n), &format!("LibreOffice, {what}"));
        } else {
            // Longer: the last two lines, as Word reads keepNext (no keepLines); LibreOffice
            // moves the paragraph whole but leaves body text with the signature too.
            assert!(keep_next && !keep_lines, "{what}: keepNext only");
            assert_signature_page(&ours, Some(2), &what);
            assert_signature_page(&theirs, None, &format!("LibreOffice, {what}"));
        }
    }
    eprintln!("{table}");
}
