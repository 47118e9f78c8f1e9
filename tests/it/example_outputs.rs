//! The example report as a user gets it: the PDF read back with poppler (text, fonts, glyph
//! positions on the grid, line-start rules, page numbers), byte-identical reruns, and the
//! built-in fonts alone.

use crate::common::cli;
use crate::common::docx_read;
use crate::common::skip;

use std::path::{Path, PathBuf};
use std::process::Command;

fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        skip::skip(&format!(
            "{tool} is not installed (apt-get install poppler-utils)"
        ));
    }
    ok
}

fn render(dir: &Path, extra: &[&str]) -> PathBuf {
    cli::render_example_ok(&[&["-f", "txt,docx,pdf"][..], extra].concat(), dir);
    dir.join("lushi-2012")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[derive(Debug)]
struct Word {
    page: usize,
    x: f32,
    y_max: f32,
    text: String,
}

/// Glyph boxes from `pdftotext -bbox` (one "word" per run of characters poppler groups).
fn words(pdf: &Path) -> Vec<Word> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let mut page = 0;
    let mut v = Vec::new();
    for line in html.lines() {
        if line.contains("<page ") {
            page += 1;
        }
        if let Some(rest) = line.trim().strip_prefix("<word ") {
            let attr = |name: &str| -> f32 {
                let k = format!("{name}=\"");
                let i = rest.find(&k).unwrap() + k.len();
                rest[i..].split('"').next().unwrap().parse().unwrap()
            };
            let text = rest.split('>').nth(1).unwrap().split('<').next().unwrap();
            v.push(Word {
                page,
                x: attr("xMin"),
                y_max: attr("yMax"),
                text: text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
            });
        }
    }
    v
}

/// Rows of a page: words sharing a baseline, left to right.
fn rows(words: &[Word]) -> Vec<(usize, f32, String, f32)> {
    let mut rows: Vec<(usize, f32, String, f32)> = Vec::new();
    for w in words {
        match rows
            .iter_mut()
            .find(|r| r.0 == w.page && (r.1 - w.y_max).abs() < 2.0)
        {
            Some(r) => {
                if w.x < r.3 {
                    r.2.insert_str(0, &w.text);
                    r.3 = w.x;
                } else {
                    r.2.push_str(&w.text);
                }
            }
            None => rows.push((w.page, w.y_max, w.text.clone(), w.x)),
        }
    }
    rows
}

#[test]
fn pdf_text_equals_the_text_output_paragraph_by_paragraph() {
    if !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let stem = render(dir.path(), &[]);
    let txt = std::fs::read_to_string(stem.with_extension("txt")).unwrap();
    let pdf = String::from_utf8(
        Command::new("pdftotext")
            .arg(stem.with_extension("pdf"))
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    // Drop page numbers ("— 3 —"), then compare paragraph by paragraph, in order.
    let body: String = pdf
        .lines()
        .filter(|l| !(l.starts_with('—') && l.trim_end().ends_with('—')))
        .collect();
    let body = squash(&body);
    let mut at = 0;
    for para in txt.split("\n\n") {
        let p = squash(para);
        match body[at..].find(&p) {
            Some(i) => {
                assert_eq!(i, 0, "text between paragraphs before {p}");
                at += i + p.len();
            }
            None => panic!("paragraph not in the PDF (in order):\n{para}"),
        }
    }
    assert_eq!(at, body.len(), "PDF has text after the last paragraph");
}

#[test]
fn pdf_fonts_are_embedded_subsets() {
    if !have("pdffonts") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let stem = render(dir.path(), &[]);
    let out = Command::new("pdffonts")
        .arg(stem.with_extension("pdf"))
        .output()
        .unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert!(fonts.len() >= 4, "{listing}");
    for f in fonts {
        let cols: Vec<&str> = f.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{f}");
        assert_eq!(cols[0].find('+'), Some(6), "subset tag: {f}");
    }
}

/// A role whose named font lacks a hanzi falls back to the built-in copy of a font that is
/// installed too; when another role draws with the installed font (the page numbers' 宋体 stand-in,
/// Noto Serif CJK TC), the PDF embeds that font once, not once per copy.
#[test]
fn a_font_two_roles_reach_is_embedded_once() {
    let fangsong = "/usr/share/fonts/truetype/cwtex/cwfs.ttf";
    let serif = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
    if !have("pdffonts") {
        return;
    }
    if !Path::new(fangsong).exists() || !Path::new(serif).exists() {
        skip::skip("fonts-cwtex-fs or fonts-noto-cjk is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts.toml");
    std::fs::write(&fonts, format!("[fonts.body]\nfile = \"{fangsong}\"\n")).unwrap();
    // cwTeX 仿宋 has no 着: it comes from the body's fallback, a Noto Serif CJK TC.
    cli::render_example_ok(
        &[
            fonts.to_str().unwrap(),
            "-f",
            "pdf",
            "--allow-missing-glyphs",
        ],
        dir.path(),
    );
    let out = Command::new("pdffonts")
        .arg(dir.path().join("lushi-2012.pdf"))
        .output()
        .unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    let mut names: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next()?.split_once('+'))
        .map(|(_, name)| name)
        .collect();
    assert!(names.contains(&"NotoSerifCJKtc-Regular"), "{listing}");
    assert!(names.contains(&"cwTeXFangSong"), "{listing}");
    let all = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), all, "a font embedded twice:\n{listing}");
}

#[test]
fn pdf_glyphs_sit_on_the_grid_and_obey_line_rules() {
    if !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let stem = render(dir.path(), &[]);
    let pdf = stem.with_extension("pdf");
    let rows = rows(&words(&pdf));
    let pages = rows.iter().map(|r| r.0).max().unwrap();
    assert!(pages >= 4, "{pages} pages");
    let (left, cell, pitch, top) = (79.37_f32, 15.793_f32, 28.95_f32, 104.88_f32);
    let no_start = "，。、；：？！）》〉」』”’";
    let no_end = "（《〈「『“‘";
    for page in 1..=pages {
        let body: Vec<&(usize, f32, String, f32)> = rows
            .iter()
            .filter(|r| r.0 == page && !r.2.starts_with('—'))
            .collect();
        for r in &body {
            let first = r.2.chars().next().unwrap();
            let last = r.2.chars().last().unwrap();
            assert!(
                !no_start.contains(first),
                "page {page} line starts with {first}: {}",
                r.2
            );
            assert!(
                !no_end.contains(last),
                "page {page} line ends with {last}: {}",
                r.2
            );
            // Every line starts on a cell boundary.
            let k = (r.3 - left) / cell;
            assert!(
                (k - k.round()).abs() * cell < 0.5 || r.2.chars().count() < 20,
                "page {page}: x {} off the grid: {}",
                r.3,
                r.2
            );
        }
        // Full pages (all but the first, with its title, and the last) carry 22 lines on the
        // grid: the box bottoms poppler reports sit a font's descent below the baselines
        // top + pitch·n + 0.8·pitch.
        if page > 1 && page < pages {
            let descent = 4.58;
            let mut slots: Vec<i32> = body
                .iter()
                .filter_map(|r| {
                    let n = (r.1 - descent - top - 0.8 * pitch) / pitch;
                    ((n - n.round()).abs() * pitch < 3.0).then_some(n.round() as i32)
                })
                .collect();
            slots.sort();
            slots.dedup();
            assert_eq!(slots, (0..22).collect::<Vec<_>>(), "page {page} grid lines");
            // Body lines (set in the body font, starting with a hanzi) are on the grid to half
            // a point.
            let hanzi = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
            for r in body
                .iter()
                .filter(|r| r.3 < left + 0.5 && r.2.chars().next().is_some_and(hanzi))
            {
                let n = (r.1 - descent - top - 0.8 * pitch) / pitch;
                assert!(
                    (n - n.round()).abs() * pitch < 0.5,
                    "page {page}: baseline off the grid: {r:?}"
                );
            }
        }
    }
    // Full lines of only full-width characters hold 28 hanzi (26 when indented), each on the grid.
    let full: Vec<_> = rows
        .iter()
        .filter(|r| r.2.chars().count() == 28 && r.2.chars().all(|c| c as u32 > 0x2000))
        .collect();
    assert!(
        full.len() > 40,
        "only {} full 28-character lines",
        full.len()
    );
    for w in words(&pdf).iter().filter(|w| w.text.chars().count() == 1) {
        if w.text
            .chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        {
            let k = (w.x - left) / cell;
            assert!(
                (k - k.round()).abs() * cell < 0.5 || w.x > left + 27.5 * cell,
                "{w:?}"
            );
        }
    }
    // Page numbers alternate: odd right, even left.
    let numbers: Vec<_> = rows.iter().filter(|r| r.2.starts_with('—')).collect();
    assert_eq!(numbers.len(), pages);
    for n in numbers {
        let digits: String = n.2.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(digits, n.0.to_string());
        if n.0 % 2 == 1 {
            assert!(n.3 > 300.0, "odd page number on the right: {n:?}");
        } else {
            assert!(n.3 < 300.0, "even page number on the left: {n:?}");
        }
    }
}

#[test]
fn reruns_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let sa = render(a.path(), &[]);
    let sb = render(b.path(), &["--set", "report.output=lushi-2012"]);
    for ext in ["docx", "pdf", "txt"] {
        let x = std::fs::read(sa.with_extension(ext)).unwrap();
        let y = std::fs::read(sb.with_extension(ext)).unwrap();
        assert!(x == y, "{ext} differs between two runs");
    }
}

#[test]
fn builtin_fonts_alone_render_every_script() {
    for script in ["hant-tw", "hant", "hant-hk", "hans"] {
        let dir = tempfile::tempdir().unwrap();
        cli::render_example_ok(
            &["-f", "pdf", "--builtin-fonts", "--script", script],
            dir.path(),
        );
        let pdf = std::fs::read(dir.path().join("lushi-2012.pdf")).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.windows(6).any(|w| w == b"Huibao") || pdf.windows(4).any(|w| w == b"Noto"));
    }
}

/// LibreOffice's fonts for the DOCX of the example rendered with `args`, with the
/// substitutes file.
fn libreoffice_fonts(args: &[&str]) -> Option<String> {
    if !have("pdffonts") {
        return None;
    }
    if Command::new("soffice").arg("--version").output().is_err() {
        skip::skip("soffice is not installed (apt-get install libreoffice-writer-nogui)");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let stem = render(dir.path(), args);
    let conf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/fontconfig/huibao-substitutes.conf");
    let status = Command::new("soffice")
        .env("FONTCONFIG_FILE", &conf)
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(dir.path().join("lo"))
        .arg(stem.with_extension("docx"))
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let out = Command::new("pdffonts")
        .arg(dir.path().join("lo/lushi-2012.pdf"))
        .output()
        .unwrap();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// 楷体 headings of a Simplified report (text tagged zh-CN) get a face with mainland punctuation
/// placement in LibreOffice (LXGW WenKai), not AR PL UKai, which centres ，and ：.
#[test]
fn libreoffice_sets_a_simplified_reports_kai_headings_in_a_mainland_face() {
    let Some(fonts) = libreoffice_fonts(&["--script", "hans"]) else {
        return;
    };
    assert!(fonts.contains("LXGWWenKai"), "{fonts}");
    assert!(!fonts.contains("UKai"), "{fonts}");
}

#[test]
fn libreoffice_shows_each_role_in_its_substitute_font() {
    // The example's own script (hant-tw).
    let Some(fonts) = libreoffice_fonts(&[]) else {
        return;
    };
    // 仿宋 body and 小标宋 title → Noto Serif CJK, 黑体 一、 headings → Noto Sans CJK,
    // 楷体 （一） headings → AR PL UKai, 宋体 page numbers → AR PL UMing, digits → Liberation Serif.
    for family in [
        "NotoSerifCJK",
        "NotoSansCJK",
        "UKai",
        "UMing",
        "LiberationSerif",
    ] {
        assert!(
            fonts.contains(family),
            "LibreOffice did not use {family}:\n{fonts}"
        );
    }
    // 小标宋 → the bold Noto Serif CJK, as in huibao's own PDF.
    assert!(
        fonts
            .lines()
            .any(|l| l.contains("NotoSerifCJK") && l.contains("Bold")),
        "the title is not in the bold serif:\n{fonts}"
    );
}

#[test]
fn a_failed_render_leaves_the_previous_report_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let stem = render(dir.path(), &[]);
    let before: Vec<Vec<u8>> = ["txt", "docx", "pdf"]
        .iter()
        .map(|e| std::fs::read(stem.with_extension(e)).unwrap())
        .collect();
    // The same report with a character no font has: the PDF fails after the text and DOCX
    // could have been written, and nothing may be replaced.
    let out = cli::render_example(
        &["-f", "txt,docx,pdf", "--set", "county.head=趙縣長😀"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    for (e, old) in ["txt", "docx", "pdf"].iter().zip(&before) {
        assert_eq!(
            &std::fs::read(stem.with_extension(e)).unwrap(),
            old,
            "{e} was touched"
        );
    }
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".huibao-"))
        .collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
}

#[test]
fn traditional_docx_names_the_gbk_faces_that_have_traditional_characters() {
    // 仿宋_GB2312, 楷体_GB2312 and 方正小标宋简体 cover GB2312 only: a Traditional report names
    // 仿宋, 楷体 and 方正小标宋_GBK instead; a Simplified one keeps the GB/T 9704 names, and a
    // family the data names is kept.
    let east_asian = |extra: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        let stem = render(dir.path(), extra);
        let pkg = docx_read::unzip(&std::fs::read(stem.with_extension("docx")).unwrap());
        let doc = pkg.xml("word/document.xml");
        let mut names: Vec<String> = doc
            .all("w:rFonts")
            .iter()
            .filter_map(|f| f.attr("w:eastAsia").map(str::to_string))
            .collect();
        names.sort();
        names.dedup();
        names
    };
    let hant = east_asian(&[]);
    assert_eq!(hant, ["仿宋", "方正小标宋_GBK", "楷体", "黑体"], "{hant:?}");
    let hans = east_asian(&["--script", "hans"]);
    assert_eq!(
        hans,
        ["仿宋_GB2312", "方正小标宋简体", "楷体_GB2312", "黑体"],
        "{hans:?}"
    );
    let named = east_asian(&["--set", "fonts.body.family=仿宋_GB2312"]);
    assert!(named.contains(&"仿宋_GB2312".to_string()), "{named:?}");
}
