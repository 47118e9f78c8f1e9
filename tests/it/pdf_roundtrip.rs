//! Writes hand-built pages to PDF and reads them back: lopdf in-process, and poppler / qpdf when
//! installed (text, embedded subset fonts, glyph positions, structural validity, determinism).

use crate::common::skip;

use std::path::PathBuf;
use std::process::Command;

use huibao::fonts::{FontOptions, FontSet};
use huibao::layout::{Glyph, Line, Measure, Page, Rule};
use huibao::model::RunRole;
use huibao::style::Style;
use huibao::zh::Script;

const LEFT: f32 = 79.37;
const CELL: f32 = 15.793;

fn baseline(n: usize) -> f32 {
    104.88 + 28.95 * n as f32 + 23.16
}

/// One line of `text` starting at grid cell `cell`: full-width characters one cell each,
/// half-width ones by their measured advance (as the layout engine does).
fn line(fonts: &FontSet, role: RunRole, n: usize, cell: usize, text: &str) -> Line {
    let mut x = LEFT + CELL * cell as f32;
    let glyphs = text
        .chars()
        .map(|ch| {
            let g = Glyph { ch, x_pt: x, role };
            x += if ch.is_ascii() {
                fonts.advance_pt(role, ch)
            } else {
                CELL
            };
            g
        })
        .collect();
    Line {
        baseline_pt: baseline(n),
        glyphs,
        block: None,
        cell: None,
    }
}

/// A page number "— n —" right-aligned (odd) with a one-character gap.
fn page_number(fonts: &FontSet, n: usize) -> Line {
    let text = format!("— {n} —");
    let width: f32 = text
        .chars()
        .map(|c| fonts.advance_pt(RunRole::PageNumber, c))
        .sum();
    let mut x = LEFT + CELL * 28.0 - 14.0 - width;
    let glyphs = text
        .chars()
        .map(|ch| {
            let g = Glyph {
                ch,
                x_pt: x,
                role: RunRole::PageNumber,
            };
            x += fonts.advance_pt(RunRole::PageNumber, ch);
            g
        })
        .collect();
    Line {
        baseline_pt: 841.89 - 26.1 * 72.0 / 25.4,
        glyphs,
        block: None,
        cell: None,
    }
}

const BODY: [&str; 3] = [
    "县科协坚持以习近平新时代中国特色社会主义思想为指",
    "导，全面贯彻落实党的二十大精神，共开展科普活动",
    "126场次，受益群众达1.2万人次，同比增长12.3%。",
];

fn sample_pages(fonts: &FontSet) -> Vec<Page> {
    let mut lines = vec![
        line(fonts, RunRole::Title, 0, 5, "关于科普工作情况的汇报"),
        line(fonts, RunRole::Heading(1), 2, 2, "一、基本情况"),
    ];
    for (i, t) in BODY.iter().enumerate() {
        lines.push(line(
            fonts,
            RunRole::Body,
            3 + i,
            if i == 0 { 2 } else { 0 },
            t,
        ));
    }
    lines.push(line(fonts, RunRole::Heading(2), 6, 2, "（一）健全机构"));
    lines.push(page_number(fonts, 1));
    // Page 2: isolated glyphs every second cell, so pdftotext reports each as its own word.
    let spaced = Line {
        baseline_pt: baseline(0),
        glyphs: "汇报材料科普2026年"
            .chars()
            .enumerate()
            .map(|(k, ch)| Glyph {
                ch,
                x_pt: LEFT + CELL * (2 * k) as f32,
                role: RunRole::Body,
            })
            .collect(),
        block: None,
        cell: None,
    };
    vec![
        Page {
            number: Some(1),
            landscape: false,
            lines,
            rules: Vec::new(),
        },
        Page {
            number: Some(2),
            landscape: false,
            lines: vec![spaced],
            rules: Vec::new(),
        },
    ]
}

fn builtin() -> FontSet {
    FontSet::load(
        &Style::default(),
        Script::Hans,
        &FontOptions { builtin_only: true },
    )
    .unwrap_or_else(|d| panic!("{}", d.message.en))
}

fn write_sample(name: &str) -> (PathBuf, Vec<u8>) {
    write_with(name, &builtin())
}

fn write_with(name: &str, fonts: &FontSet) -> (PathBuf, Vec<u8>) {
    let pdf = huibao::pdf::write(&sample_pages(fonts), fonts, &Style::default())
        .unwrap_or_else(|d| panic!("{}", d.message.en));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(name);
    std::fs::write(&path, &pdf).expect("write test PDF");
    (path, pdf)
}

/// A single page numbered 1 holding `lines`.
fn one_page(lines: Vec<Line>) -> Vec<Page> {
    vec![Page {
        number: Some(1),
        landscape: false,
        lines,
        rules: Vec::new(),
    }]
}

/// Page 1's content stream of `pages` written with `style`: each operator with its numbers.
fn page_ops(pages: &[Page], fonts: &FontSet, style: &Style) -> Vec<(String, Vec<f32>)> {
    let pdf = huibao::pdf::write(pages, fonts, style).expect("write");
    let doc = lopdf::Document::load_mem(&pdf).expect("parse");
    let page = *doc.get_pages().get(&1).expect("page 1");
    let content = doc.get_and_decode_page_content(page).expect("content");
    content
        .operations
        .iter()
        .map(|o| {
            let nums = o
                .operands
                .iter()
                .filter_map(|v| v.as_float().ok())
                .collect();
            (o.operator.clone(), nums)
        })
        .collect()
}

fn tool(name: &str, version_arg: &str) -> bool {
    let ok = Command::new(name)
        .arg(version_arg)
        .output()
        .is_ok_and(|o| o.status.success() || !o.stderr.is_empty());
    if !ok {
        skip::skip(&format!("{name} is not installed"));
    }
    ok
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().expect("run tool");
    assert!(
        out.status.success(),
        "{cmd} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn lopdf_reads_back_the_text_and_the_fonts() {
    let (_, pdf) = write_sample("lopdf.pdf");
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf parses the PDF");
    assert_eq!(doc.get_pages().len(), 2);
    let text = doc.extract_text(&[1]).expect("extract text");
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for t in [
        "关于科普工作情况的汇报",
        "一、基本情况",
        BODY[0],
        BODY[1],
        BODY[2],
        "（一）健全机构",
        "—1—",
    ] {
        assert!(flat.contains(t), "{t} not in {flat}");
    }
    let mut base_fonts = Vec::new();
    for obj in doc.objects.values() {
        if let Ok(dict) = obj.as_dict() {
            if dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Type0") {
                let name = dict
                    .get(b"BaseFont")
                    .and_then(|n| n.as_name())
                    .expect("BaseFont");
                base_fonts.push(String::from_utf8_lossy(name).to_string());
                assert!(dict.get(b"ToUnicode").is_ok(), "ToUnicode missing");
            }
        }
    }
    base_fonts.sort();
    // Title (serif bold), heading 1 (sans), heading 2 (kai), body/page number (serif), Latin.
    assert_eq!(base_fonts.len(), 5, "{base_fonts:?}");
    for name in &base_fonts {
        let (tag, rest) = name.split_once('+').expect("subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        assert!(!rest.is_empty());
    }
}

#[test]
fn pdftotext_returns_exactly_the_text() {
    if !tool("pdftotext", "-v") {
        return;
    }
    let (path, _) = write_sample("text.pdf");
    let text = run(
        "pdftotext",
        &[
            "-f",
            "1",
            "-l",
            "1",
            "-layout",
            path.to_str().unwrap_or(""),
            "-",
        ],
    );
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        lines,
        vec![
            "关于科普工作情况的汇报",
            "一、基本情况",
            BODY[0],
            BODY[1],
            BODY[2],
            "（一）健全机构",
            // poppler infers spaces from gaps; the narrow space glyphs of "— 1 —" fall below
            // its word-gap threshold, so the page number reads back without them.
            "—1—",
        ]
    );
}

#[test]
fn pdffonts_shows_every_font_embedded_and_subset() {
    if !tool("pdffonts", "-v") {
        return;
    }
    let (path, _) = write_sample("fonts.pdf");
    let out = run("pdffonts", &[path.to_str().unwrap_or("")]);
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(rows.len(), 5, "{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... emb sub uni object ID
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
        assert!(cols[0].as_bytes()[6] == b'+', "{row}");
    }
}

#[test]
fn pdftotext_bbox_puts_glyphs_where_the_layout_said() {
    if !tool("pdftotext", "-v") {
        return;
    }
    let (path, _) = write_sample("bbox.pdf");
    let out = run(
        "pdftotext",
        &[
            "-f",
            "2",
            "-l",
            "2",
            "-bbox",
            path.to_str().unwrap_or(""),
            "-",
        ],
    );
    let words: Vec<(f32, f32, String)> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let attr = |name: &str| -> f32 {
                let start = l.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
                l[start..]
                    .split('"')
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("number")
            };
            let text = l
                .split('>')
                .nth(1)
                .and_then(|t| t.split('<').next())
                .unwrap_or("");
            (attr("xMin"), attr("yMax"), text.to_string())
        })
        .collect();
    let firsts: Vec<(usize, char)> = "汇报材料科普2026年".chars().enumerate().collect();
    assert_eq!(words.len(), firsts.len(), "{out}");
    for ((x, _, text), (k, ch)) in words.iter().zip(&firsts) {
        assert!(text.starts_with(*ch), "{text} vs {ch}");
        let want = LEFT + CELL * (2 * k) as f32;
        assert!((x - want).abs() <= 0.5, "{ch}: x {x} want {want}");
    }
}

#[test]
fn qpdf_check_passes() {
    if !tool("qpdf", "--version") {
        return;
    }
    let (path, _) = write_sample("qpdf.pdf");
    let out = Command::new("qpdf")
        .args(["--check", path.to_str().unwrap_or("")])
        .output()
        .expect("run qpdf");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("No syntax or stream encoding errors"),
        "{text}"
    );
}

#[test]
fn identical_documents_give_identical_bytes_in_one_process() {
    let (_, first) = write_sample("det1.pdf");
    // Something else in between, so no per-process counter can hide.
    let fonts = builtin();
    let other = one_page(vec![line(&fonts, RunRole::Body, 0, 0, "另一份材料")]);
    let middle = huibao::pdf::write(&other, &fonts, &Style::default()).expect("write");
    assert_ne!(middle, first);
    let (_, second) = write_sample("det2.pdf");
    assert_eq!(first, second);
    assert!(!String::from_utf8_lossy(&first).contains("CreationDate"));
}

#[test]
fn installed_fonts_cff_and_truetype_embed_and_read_back() {
    if !tool("pdftotext", "-v") || !tool("pdffonts", "-v") || !tool("qpdf", "--version") {
        return;
    }
    let fonts = FontSet::load(&Style::default(), Script::Hans, &FontOptions::default())
        .unwrap_or_else(|d| panic!("{}", d.message.en));
    if fonts.report(None).iter().all(|r| r.file.is_none()) {
        skip::skip("no installed CJK or Latin font");
        return;
    }
    let (path, _) = write_with("installed.pdf", &fonts);
    let p = path.to_str().unwrap_or("");
    let text = run("pdftotext", &["-f", "1", "-l", "1", p, "-"]);
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        flat.starts_with(&format!(
            "关于科普工作情况的汇报一、基本情况{}",
            BODY.concat()
        )),
        "{flat}"
    );
    let listing = run("pdffonts", &[p]);
    for row in listing.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
    }
    assert!(Command::new("qpdf")
        .args(["--check", p])
        .output()
        .is_ok_and(|o| o.status.success()));
}

#[test]
fn a_missing_glyph_is_drawn_as_notdef_and_still_extracts() {
    let fonts = builtin();
    let pages = vec![Page {
        number: None,
        landscape: false,
        lines: vec![line(&fonts, RunRole::Body, 0, 0, "古字𪚥在此")],
        rules: Vec::new(),
    }];
    let pdf = huibao::pdf::write(&pages, &fonts, &Style::default()).expect("write");
    let doc = lopdf::Document::load_mem(&pdf).expect("parse");
    let text: String = doc
        .extract_text(&[1])
        .expect("text")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(text, "古字𪚥在此");
}

/// Where [`sample_pdf_written_in_a_fresh_process`] writes when another test runs it as a child.
const CHILD_OUT: &str = "HUIBAO_TEST_PDF_OUT";
/// Set in a child to write another document first, so the sample is not its first.
const CHILD_WARMUP: &str = "HUIBAO_TEST_PDF_WARMUP";

#[test]
fn sample_pdf_written_in_a_fresh_process() {
    let fonts = builtin();
    if std::env::var_os(CHILD_WARMUP).is_some() {
        let other = one_page(vec![line(&fonts, RunRole::Body, 0, 0, "预热文档")]);
        huibao::pdf::write(&other, &fonts, &Style::default()).expect("write");
    }
    let pdf = huibao::pdf::write(&sample_pages(&fonts), &fonts, &Style::default())
        .unwrap_or_else(|d| panic!("{}", d.message.en));
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf parses the PDF");
    assert_eq!(doc.get_pages().len(), 2);
    let path = std::env::var_os(CHILD_OUT).map_or_else(
        || PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fresh.pdf"),
        PathBuf::from,
    );
    std::fs::write(path, &pdf).expect("write test PDF");
}

#[test]
fn identical_documents_give_identical_bytes_across_processes() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let exe = std::env::current_exe().expect("test binary");
    let child = |name: &str, warmup: bool| -> Vec<u8> {
        let path = dir.join(name);
        let mut cmd = Command::new(&exe);
        cmd.args([
            "--exact",
            "pdf_roundtrip::sample_pdf_written_in_a_fresh_process",
            "--test-threads=1",
        ])
        .env(CHILD_OUT, &path)
        .env_remove(CHILD_WARMUP);
        if warmup {
            cmd.env(CHILD_WARMUP, "1");
        }
        let out = cmd.output().expect("run the test binary");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        std::fs::read(&path).expect("child wrote the PDF")
    };
    let first = child("proc1.pdf", false);
    let second = child("proc2.pdf", true);
    assert!(first == second, "two processes wrote different bytes");
    // This process has written other documents already (or will, in parallel tests).
    let (_, here) = write_sample("proc0.pdf");
    assert!(first == here, "this process wrote different bytes");
}

#[test]
fn font_descriptors_carry_a_real_bounding_box() {
    // printpdf issue 212: CFF fonts got a FontBBox of zero height. Check installed CFF faces
    // (Noto CJK) when present, and the built-in ones always.
    let mut sets = vec![builtin()];
    if let Ok(installed) = FontSet::load(&Style::default(), Script::Hans, &FontOptions::default()) {
        sets.push(installed);
    }
    for fonts in &sets {
        let (_, pdf) = write_with("bbox-fonts.pdf", fonts);
        let doc = lopdf::Document::load_mem(&pdf).expect("parse");
        let mut seen = 0;
        for obj in doc.objects.values() {
            let Ok(dict) = obj.as_dict() else { continue };
            if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor") {
                continue;
            }
            let name = dict
                .get(b"FontName")
                .and_then(|n| n.as_name())
                .map(|n| String::from_utf8_lossy(n).to_string())
                .expect("FontName");
            let bbox: Vec<f32> = dict
                .get(b"FontBBox")
                .and_then(|b| b.as_array())
                .expect("FontBBox")
                .iter()
                .map(|v| v.as_float().expect("number"))
                .collect();
            assert_eq!(bbox.len(), 4, "{name}");
            assert!(
                bbox[0] <= 0.0 && bbox[2] >= 500.0 && bbox[1] < 0.0 && bbox[3] >= 700.0,
                "{name}: {bbox:?}"
            );
            seen += 1;
        }
        assert!(seen >= 5, "{seen} font descriptors");
    }
}

#[test]
fn rules_are_drawn_as_strokes_where_the_layout_put_them() {
    let fonts = builtin();
    let rule = |x1, y1, x2, y2| Rule {
        x1,
        y1,
        x2,
        y2,
        width_pt: 0.5,
        red: false,
    };
    let pages = vec![Page {
        number: Some(1),
        landscape: false,
        lines: vec![line(&fonts, RunRole::Body, 0, 0, "表格")],
        rules: vec![
            rule(100.0, 200.0, 300.0, 200.0),
            rule(100.0, 200.0, 100.0, 228.95),
        ],
    }];
    let ops = page_ops(&pages, &fonts, &Style::default());
    let height = 841.89_f32;
    let moves: Vec<&Vec<f32>> = ops.iter().filter(|o| o.0 == "m").map(|o| &o.1).collect();
    let lines: Vec<&Vec<f32>> = ops.iter().filter(|o| o.0 == "l").map(|o| &o.1).collect();
    assert_eq!((moves.len(), lines.len()), (2, 2), "{ops:?}");
    let close = |a: &[f32], b: [f32; 2]| (a[0] - b[0]).abs() < 0.01 && (a[1] - b[1]).abs() < 0.01;
    assert!(close(moves[0], [100.0, height - 200.0]) && close(lines[0], [300.0, height - 200.0]));
    assert!(close(moves[1], [100.0, height - 200.0]) && close(lines[1], [100.0, height - 228.95]));
    assert!(ops
        .iter()
        .any(|o| o.0 == "w" && (o.1[0] - 0.5).abs() < 1e-3));
    assert!(ops.iter().filter(|o| o.0 == "S").count() >= 2, "{ops:?}");
}

#[test]
fn a_double_dash_is_drawn_as_one_unbroken_line() {
    // Noto CJK's dash ink stops short of both cell edges; the writer stretches the two dashes
    // of —— so their ink meets, and leaves a lone dash (2002—2012) and the outer ends alone.
    let fonts = builtin();
    let pages = one_page(vec![line(
        &fonts,
        RunRole::Body,
        0,
        0,
        "成效——全县2002—2012",
    )]);
    let pdf = huibao::pdf::write(&pages, &fonts, &Style::default()).expect("write");
    let doc = lopdf::Document::load_mem(&pdf).expect("parse");
    let matrices: Vec<Vec<f32>> = page_ops(&pages, &fonts, &Style::default())
        .into_iter()
        .filter(|o| o.0 == "Tm")
        .map(|o| o.1)
        .collect();
    let x = |k: usize| LEFT + CELL * k as f32;
    // printpdf folds plain translations on one baseline into a TJ; the stretched dashes keep
    // their own matrices, and only they are scaled (not the lone dash of 2002—2012).
    let stretched: Vec<&Vec<f32>> = matrices.iter().filter(|m| m[0] != 1.0).collect();
    assert_eq!(stretched.len(), 2, "{matrices:?}");
    assert!(matrices
        .iter()
        .any(|m| (m[4] - x(0)).abs() < 0.01 && m[0] == 1.0));
    // The dash glyph's ink in em, from the font file itself.
    let face = fonts.glyph(RunRole::Body, '—').expect("dash").face;
    let gid = face.glyph('—').expect("dash glyph");
    let (ink_l, ink_r) = face.ink_x_em(gid).expect("ink");
    assert!(ink_l > 0.02, "this font's dash has a side bearing: {ink_l}");
    let size = 16.0;
    let ink = |m: &[f32]| (m[4] + ink_l * size * m[0], m[4] + ink_r * size * m[0]);
    let (first, second) = (ink(stretched[0]), ink(stretched[1]));
    // Outer ends keep the side bearing; the inner ends meet (the cells overlap by 0.2 pt).
    assert!((first.0 - (x(2) + ink_l * size)).abs() < 0.01, "{first:?}");
    assert!(
        first.1 >= second.0 - 0.01,
        "gap between {first:?} and {second:?}"
    );
    assert!(
        (second.1 - (x(3) + ink_r * size)).abs() < 0.01,
        "{second:?}"
    );
    // Text extraction still gives the characters.
    let text: String = doc
        .extract_text(&[1])
        .expect("text")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("成效——全县2002—2012"), "{text}");
    if tool("pdftotext", "-v") {
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dashes.pdf");
        std::fs::write(&path, &pdf).expect("write");
        let text = run("pdftotext", &[path.to_str().expect("path"), "-"]);
        assert!(text.contains("成效——全县2002—2012"), "{text}");
    }
}

#[test]
fn a_role_set_bold_is_emboldened_like_the_docx_asks_word_to() {
    // Level-3 headings bold by local rule: the regular body face is drawn filled and stroked.
    let fonts = builtin();
    let mut style = Style::default();
    style.fonts.heading3.bold = true;
    let pages = one_page(vec![
        line(&fonts, RunRole::Heading(3), 0, 2, "1.加强领导。"),
        line(&fonts, RunRole::Body, 1, 0, "正文不加粗。"),
    ]);
    let ops = |style: &Style| page_ops(&pages, &fonts, style);
    let bold = ops(&style);
    let modes: Vec<f32> = bold
        .iter()
        .filter(|o| o.0 == "Tr")
        .map(|o| o.1[0])
        .collect();
    // Fill+stroke (2) for the heading, back to fill (0) for the body.
    assert_eq!(modes, vec![2.0, 0.0], "{bold:?}");
    let width = bold.iter().find(|o| o.0 == "w").expect("stroke width").1[0];
    assert!((width - 16.0 * 0.03).abs() < 1e-3, "{width}");
    // The default style draws no stroked text.
    assert!(!ops(&Style::default()).iter().any(|o| o.0 == "Tr"));
}
