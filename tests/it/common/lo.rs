//! Reading our outputs back as a user sees them: LibreOffice's rendering of a DOCX (with a
//! private profile, so tests may run side by side) and `pdftotext -bbox` word boxes and lines.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `tool --version` runs.
pub fn have(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok()
}

/// Converts `inputs` to `to` (`pdf`, `ods`, `xls:MS Excel 97`) into `outdir` with LibreOffice,
/// its private profile under `profile_dir`; an error when LibreOffice cannot be started, a
/// failed test when it fails.
pub fn convert(
    inputs: &[&Path],
    to: &str,
    outdir: &Path,
    profile_dir: &Path,
) -> std::io::Result<()> {
    let profile = format!(
        "-env:UserInstallation=file://{}/lo-profile",
        profile_dir.display()
    );
    let out = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            to,
            "--outdir",
        ])
        .arg(outdir)
        .args(inputs)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

/// Converts `docx` to PDF in a `libreoffice` folder beside it, with a private LibreOffice
/// profile; returns the PDF path.
pub fn to_pdf(docx: &Path) -> PathBuf {
    // LibreOffice's PDF goes to a folder of its own, never over our PDF beside the DOCX.
    let parent = docx.parent().unwrap();
    let dir = &parent.join("libreoffice");
    std::fs::create_dir_all(dir).unwrap();
    convert(&[docx], "pdf", dir, parent).expect("soffice runs");
    dir.join(docx.file_stem().unwrap()).with_extension("pdf")
}

/// The body lines of each page of `pdf` (lines below the type area, page numbers, left out).
pub fn body_pages(pdf: &Path) -> Vec<Vec<String>> {
    let style = huibao::style::Style::default();
    let bottom = style.page.top_mm * huibao::style::PT_PER_MM + style.page.text_height_pt();
    let (ws, _) = words(pdf);
    let mut pages: Vec<Vec<String>> = Vec::new();
    for l in lines(&ws).into_iter().filter(|l| l.y < bottom) {
        while pages.len() < l.page {
            pages.push(Vec::new());
        }
        pages[l.page - 1].push(l.text);
    }
    pages
}

/// One word box from `pdftotext -bbox`.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub text: String,
}

/// The word boxes of `pdf` (pages counted from 1) and the page width in points.
pub fn words(pdf: &Path) -> (Vec<Word>, f32) {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&out.stdout);
    let mut page = 0;
    let mut width = 0.0;
    let mut v = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
            width = attr(line, "width");
        } else if line.starts_with("<word ") {
            let raw = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
            let text = raw
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            v.push(Word {
                page,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text,
            });
        }
    }
    (v, width)
}

/// The number in attribute `name` of one `pdftotext -bbox` line.
pub fn attr(line: &str, name: &str) -> f32 {
    let k = format!("{name}=\"");
    let i = line.find(&k).unwrap() + k.len();
    line[i..i + line[i..].find('"').unwrap()].parse().unwrap()
}

/// A printed line: the words of one page sharing a top edge.
#[derive(Debug)]
pub struct Line {
    pub page: usize,
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    pub text: String,
}

/// The words grouped into printed lines, in reading order.
pub fn lines(ws: &[Word]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for w in ws {
        match out
            .iter_mut()
            .find(|l| l.page == w.page && (l.y - w.y0).abs() < 0.5)
        {
            Some(l) => {
                l.x0 = l.x0.min(w.x0);
                l.x1 = l.x1.max(w.x1);
                l.text.push_str(&w.text);
            }
            None => out.push(Line {
                page: w.page,
                y: w.y0,
                x0: w.x0,
                x1: w.x1,
                text: w.text.clone(),
            }),
        }
    }
    out.sort_by(|a, b| (a.page, a.y).partial_cmp(&(b.page, b.y)).unwrap());
    out
}
