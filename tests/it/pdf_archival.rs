//! The PDF for readers and archives, read back with lopdf (and qpdf, pdftotext): language,
//! outline of every heading at its level on its page, XMP, `/DisplayDocTitle`, PDF 1.7; with
//! `--pdf-standard a-2b` the PDF/A identification, the sRGB output intent and the ISO 19005-2
//! rules README lists.

use crate::common::pdf_read::{dict, marked};
use crate::common::skip;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Object};

/// Renders the example as PDF and txt, plain and PDF/A-2b, once per run.
fn example() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-archival");
        let _ = std::fs::remove_dir_all(&dir);
        crate::common::cli::render_example_ok(&["-f", "txt,pdf", "--builtin-fonts"], &dir);
        crate::common::cli::render_example_ok(
            &["-f", "pdf", "--builtin-fonts", "--pdf-standard", "a-2b"],
            &dir.join("a-2b"),
        );
        dir
    })
}

fn load(path: &Path) -> Document {
    Document::load(path).expect("lopdf parses the PDF")
}

fn text_of(o: &Object) -> String {
    match o {
        Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).expect("UTF-16")
        }
        Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        other => panic!("not a string: {other:?}"),
    }
}

fn stream_bytes(doc: &Document, o: &Object) -> (Dictionary, Vec<u8>) {
    let s = doc
        .get_object(o.as_reference().expect("reference"))
        .and_then(Object::as_stream)
        .expect("stream");
    let data = s
        .decompressed_content()
        .unwrap_or_else(|_| s.content.clone());
    (s.dict.clone(), data)
}

/// The outline, depth first: (depth, title, page number).
fn outline(doc: &Document) -> Vec<(usize, String, u32)> {
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let root = dict(
        doc,
        doc.catalog()
            .expect("catalog")
            .get(b"Outlines")
            .expect("Outlines"),
    );
    let mut out = Vec::new();
    fn walk(
        doc: &Document,
        pages: &[lopdf::ObjectId],
        first: Option<&Object>,
        depth: usize,
        out: &mut Vec<(usize, String, u32)>,
    ) {
        let mut next = first.cloned();
        while let Some(o) = next {
            let d = dict(doc, &o);
            let dest = d.get(b"Dest").and_then(Object::as_array).expect("Dest");
            let page = dest[0].as_reference().expect("page reference");
            let n = pages.iter().position(|p| *p == page).expect("a page") as u32 + 1;
            out.push((depth, text_of(d.get(b"Title").expect("Title")), n));
            walk(doc, pages, d.get(b"First").ok(), depth + 1, out);
            next = d.get(b"Next").ok().cloned();
        }
    }
    walk(doc, &pages, root.get(b"First").ok(), 0, &mut out);
    out
}

/// The example's headings (level, text as printed), from the document model.
fn model_headings(extra: &[&str]) -> Vec<(u8, String)> {
    let built = huibao::render::build(&huibao::render::Request {
        data_files: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/lushi-2012.toml")],
        sets: Vec::new(),
        template: None,
        script: extra.first().map(|s| {
            huibao::zh::script::SCRIPTS
                .iter()
                .find(|(_, n)| n == s)
                .expect("script")
                .0
        }),
        no_normalize: false,
    })
    .expect("build");
    built
        .doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            huibao::model::Block::Heading(h) => Some((h.level, h.label_and_text())),
            _ => None,
        })
        .collect()
}

fn pdftotext(pdf: &Path, page: Option<u32>) -> Option<String> {
    if !crate::common::lo::have("pdftotext") {
        skip::skip("pdftotext is not installed");
        return None;
    }
    let mut c = Command::new("pdftotext");
    if let Some(p) = page {
        c.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = c.arg(pdf).arg("-").output().expect("pdftotext");
    assert!(out.status.success());
    Some(String::from_utf8(out.stdout).expect("utf-8"))
}

fn flat(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_example_has_language_title_display_and_version_1_7() {
    let doc = load(&example().join("lushi-2012.pdf"));
    assert_eq!(doc.version, "1.7");
    let cat = doc.catalog().expect("catalog");
    assert_eq!(text_of(cat.get(b"Lang").expect("Lang")), "zh-TW");
    let vp = dict(
        &doc,
        cat.get(b"ViewerPreferences").expect("ViewerPreferences"),
    );
    assert_eq!(
        vp.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
        Some(true)
    );
    assert!(doc.trailer.get(b"Encrypt").is_err());
}

#[test]
fn the_outline_has_every_heading_at_its_level_on_its_page() {
    let pdf = example().join("lushi-2012.pdf");
    let items = outline(&load(&pdf));
    let model = model_headings(&[]);
    // Run-in headings (their text ends with 。 and their paragraph's body follows) included.
    assert!(model.iter().any(|h| h.1.ends_with('。')));
    assert_eq!(items.len(), model.len());
    for ((depth, title, page), (level, text)) in items.iter().zip(&model) {
        assert_eq!(title, text);
        // Nested by level: levels 1–4 follow each other, so depth is level − 1.
        assert_eq!(*depth + 1, usize::from(*level), "{title}");
        if let Some(t) = pdftotext(&pdf, Some(*page)) {
            assert!(
                flat(&t).contains(&flat(title)),
                "{title} not on page {page}"
            );
        }
    }
}

#[test]
fn the_language_follows_the_script() {
    for (script, lang) in [("hans", "zh-CN"), ("hant-hk", "zh-HK")] {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("pdf-lang-{script}"));
        crate::common::cli::render_example_ok(
            &["-f", "pdf", "--builtin-fonts", "--script", script],
            &dir,
        );
        let doc = load(&dir.join("lushi-2012.pdf"));
        let cat = doc.catalog().expect("catalog");
        assert_eq!(text_of(cat.get(b"Lang").expect("Lang")), lang);
        let (_, xmp) = stream_bytes(&doc, cat.get(b"Metadata").expect("Metadata"));
        assert!(String::from_utf8_lossy(&xmp).contains(&format!("<rdf:li>{lang}</rdf:li>")));
        let titles: Vec<String> = outline(&doc).into_iter().map(|i| i.1).collect();
        let model: Vec<String> = model_headings(&[script]).into_iter().map(|h| h.1).collect();
        assert_eq!(titles, model);
    }
}

/// The XMP packet of `doc`, checked against `/Info` (ISO 19005-2 6.6.2, 6.6.3).
fn xmp(doc: &Document) -> String {
    let cat = doc.catalog().expect("catalog");
    let (d, bytes) = stream_bytes(doc, cat.get(b"Metadata").expect("Metadata"));
    assert_eq!(
        d.get(b"Type").and_then(Object::as_name).ok(),
        Some(&b"Metadata"[..])
    );
    assert_eq!(
        d.get(b"Subtype").and_then(Object::as_name).ok(),
        Some(&b"XML"[..])
    );
    assert!(
        d.get(b"Filter").is_err(),
        "6.6.2.1: the metadata stream is not filtered"
    );
    let x = String::from_utf8(bytes).expect("XMP is UTF-8");
    crate::common::docx_read::parse(&x);
    let info = dict(doc, doc.trailer.get(b"Info").expect("Info"));
    let title = text_of(info.get(b"Title").expect("Title"));
    assert!(
        x.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")),
        "6.6.3 title"
    );
    assert_eq!(text_of(info.get(b"Producer").expect("Producer")), "huibao");
    assert!(
        x.contains("<pdf:Producer>huibao</pdf:Producer>"),
        "6.6.3 producer"
    );
    for key in [
        &b"CreationDate"[..],
        b"ModDate",
        b"Author",
        b"Subject",
        b"Keywords",
        b"Creator",
    ] {
        assert!(
            info.get(key).is_err(),
            "an /Info entry without its XMP twin"
        );
    }
    x
}

#[test]
fn the_xmp_carries_title_language_date_and_producer() {
    let doc = load(&example().join("lushi-2012.pdf"));
    let x = xmp(&doc);
    assert!(x.contains("盧氏縣全民素質行動計劃綱要落實情況彙報"));
    assert!(x.contains("<rdf:li>zh-TW</rdf:li>"));
    assert!(x.contains("<xmp:CreateDate>2012-10-10T00:00:00Z</xmp:CreateDate>"));
    assert!(!x.contains("pdfaid"), "no PDF/A claim unless asked");
}

#[test]
fn pdf_a_2b_passes_the_listed_iso_19005_2_checks() {
    let path = example().join("a-2b/lushi-2012.pdf");
    let bytes = std::fs::read(&path).expect("read");
    // 6.1.2: header, then a comment of at least four bytes above 127.
    assert!(bytes.starts_with(b"%PDF-1.7\n%"));
    assert!(bytes[10..14].iter().all(|&b| b > 127));
    let doc = load(&path);
    // 6.1.3: an /ID, no encryption.
    assert!(doc
        .trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .is_ok_and(|a| a.len() == 2));
    assert!(doc.trailer.get(b"Encrypt").is_err());
    // 6.6.4: the identification.
    let x = xmp(&doc);
    assert!(x.contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"));
    // 6.2.3: an output intent with an RGB display ICC profile.
    let cat = doc.catalog().expect("catalog");
    let intents = cat
        .get(b"OutputIntents")
        .and_then(Object::as_array)
        .expect("OutputIntents");
    assert_eq!(intents.len(), 1);
    let intent = dict(&doc, &intents[0]);
    assert_eq!(
        intent.get(b"S").and_then(Object::as_name).ok(),
        Some(&b"GTS_PDFA1"[..])
    );
    let (pd, icc) = stream_bytes(&doc, intent.get(b"DestOutputProfile").expect("profile"));
    assert_eq!(pd.get(b"N").and_then(Object::as_i64).ok(), Some(3));
    assert_eq!(
        u32::from_be_bytes([icc[0], icc[1], icc[2], icc[3]]) as usize,
        icc.len()
    );
    assert_eq!(&icc[12..24], b"mntrRGB XYZ ");
    assert_eq!(&icc[36..40], b"acsp");
    // 6.1.6.1/6.1.7: no forbidden stream keys or filters; 6.6.1/6.1.13: no JavaScript or
    // additional actions; 6.2.11.4.1: every font embedded.
    let mut fonts = 0;
    for o in doc.objects.values() {
        let d = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => {
                for key in [&b"F"[..], b"FFilter", b"FDecodeParms"] {
                    assert!(
                        s.dict.get(key).is_err(),
                        "6.1.7: stream with a forbidden key"
                    );
                }
                let filter = s
                    .dict
                    .get(b"Filter")
                    .and_then(Object::as_name)
                    .unwrap_or(b"");
                assert!(filter != b"LZWDecode", "6.1.7.2: LZW");
                &s.dict
            }
            _ => continue,
        };
        for key in [
            &b"AA"[..],
            b"JS",
            b"JavaScript",
            b"EmbeddedFiles",
            b"Encrypt",
        ] {
            assert!(
                d.get(key).is_err(),
                "forbidden key {}",
                String::from_utf8_lossy(key)
            );
        }
        if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") {
            fonts += 1;
            assert!(
                [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| d.get(k).is_ok()),
                "6.2.11.4.1: a font is not embedded"
            );
        }
    }
    assert!(fonts >= 3);
    // The same text as without the standard.
    if let (Some(a), Some(plain)) = (
        pdftotext(&path, None),
        pdftotext(&example().join("lushi-2012.pdf"), None),
    ) {
        assert_eq!(a, plain);
    }
}

#[test]
fn qpdf_checks_both_and_pdftotext_reads_the_txt_output() {
    if !crate::common::lo::have("qpdf") {
        skip::skip("qpdf is not installed");
        return;
    }
    for p in ["lushi-2012.pdf", "a-2b/lushi-2012.pdf"] {
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(example().join(p))
            .output()
            .expect("qpdf");
        assert!(
            out.status.success(),
            "{p}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    if let Some(t) = pdftotext(&example().join("lushi-2012.pdf"), None) {
        let txt = std::fs::read_to_string(example().join("lushi-2012.txt")).expect("txt");
        let mut read = flat(&t);
        for n in (1..=20).rev() {
            read = read.replace(&format!("—{n}—"), "");
        }
        assert_eq!(read, flat(&txt));
    }
}

#[test]
fn a_2b_output_is_identical_on_rerun() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-archival-rerun");
    crate::common::cli::render_example_ok(
        &["-f", "pdf", "--builtin-fonts", "--pdf-standard", "a-2b"],
        &dir,
    );
    let a = std::fs::read(example().join("a-2b/lushi-2012.pdf")).expect("first");
    let b = std::fs::read(dir.join("lushi-2012.pdf")).expect("second");
    assert!(a == b, "PDF/A bytes differ between runs");
}

#[test]
fn report_settings_choose_the_standards_and_a_bad_value_is_located() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-archival-settings");
    let o = crate::common::cli::render_example(
        &[
            "-f",
            "pdf,ofd",
            "--builtin-fonts",
            "--set",
            "report.pdf_standard=a-2b",
            "--set",
            "report.ofd=ofd-a",
        ],
        &dir,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(xmp(&load(&dir.join("lushi-2012.pdf"))).contains("<pdfaid:part>2</pdfaid:part>"));
    let o = crate::common::cli::huibao()
        .env("HUIBAO_LANG", "en")
        .args([
            "render",
            "data/lushi-2012.toml",
            "--set",
            "report.pdf_standard=a-1b",
            "-o",
        ])
        .arg(&dir)
        .output()
        .expect("run");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("report.pdf_standard: unknown value `a-1b`: use a-2b"),
        "{err}"
    );
}

#[test]
fn the_docx_core_properties_carry_title_subject_and_language() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("docx-core");
    crate::common::cli::render_example_ok(&["-f", "docx", "--script", "hant-hk"], &dir);
    let pkg =
        crate::common::docx_read::unzip(&std::fs::read(dir.join("lushi-2012.docx")).expect("docx"));
    let core = pkg.xml("docProps/core.xml");
    let text = |name: &str| core.find(name).map(|e| e.text());
    assert_eq!(
        text("dc:title").as_deref(),
        Some("盧氏縣全民素質行動計劃綱要落實情況彙報")
    );
    assert_eq!(text("dc:language").as_deref(), Some("zh-HK"));
    assert_eq!(text("dc:creator").as_deref(), Some("huibao"));
    let subject = model_subject();
    assert_eq!(text("dc:subject"), subject);
    // Headings carry outline levels (Word's navigation pane).
    let styles = pkg.xml("word/styles.xml");
    let levels: Vec<&str> = styles
        .all("w:outlineLvl")
        .iter()
        .filter_map(|e| e.attr("w:val"))
        .collect();
    // Every heading level the report uses has its outline level (level − 1).
    for (level, _) in model_headings(&[]) {
        let l = (level - 1).to_string();
        assert!(levels.contains(&l.as_str()), "{levels:?}");
    }
}

/// The example's subtitle, if it has one.
fn model_subject() -> Option<String> {
    let built = huibao::render::build(&huibao::render::Request {
        data_files: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/lushi-2012.toml")],
        ..huibao::render::Request::default()
    })
    .expect("build");
    built.doc.blocks.iter().find_map(|b| match b {
        huibao::model::Block::Subtitle { text } => {
            Some(huibao::zh::convert(text, huibao::zh::Script::HantHk))
        }
        _ => None,
    })
}

#[test]
fn the_structure_tree_reads_in_the_txt_outputs_order_and_page_numbers_are_artifacts() {
    let pdf = example().join("lushi-2012.pdf");
    let doc = load(&pdf);
    let cat = doc.catalog().expect("catalog");
    let mark = dict(&doc, cat.get(b"MarkInfo").expect("MarkInfo"));
    assert_eq!(
        mark.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true)
    );
    let root = dict(&doc, cat.get(b"StructTreeRoot").expect("StructTreeRoot"));
    let document = dict(&doc, root.get(b"K").expect("K"));
    assert_eq!(
        document.get(b"S").and_then(Object::as_name).ok(),
        Some(&b"Document"[..])
    );
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let glyphs = crate::common::pdf_read::pdf_glyphs(&pdf);
    let mut text = String::new();
    let mut types = Vec::new();
    for e in document.get(b"K").and_then(Object::as_array).expect("kids") {
        let e = dict(&doc, e);
        let s = e.get(b"S").and_then(Object::as_name).expect("S");
        types.push(String::from_utf8_lossy(s).into_owned());
        for mcr in e.get(b"K").and_then(Object::as_array).expect("MCRs") {
            let mcr = dict(&doc, mcr);
            let page = mcr.get(b"Pg").and_then(Object::as_reference).expect("Pg");
            let page = pages.iter().position(|p| *p == page).expect("page");
            let mcid = mcr.get(b"MCID").and_then(Object::as_i64).expect("MCID");
            let here: String = glyphs
                .iter()
                .filter(|g| g.page == page && g.marked.as_ref().is_some_and(|m| m.1 == Some(mcid)))
                .map(|g| g.ch)
                .collect();
            assert!(!here.is_empty(), "MCID {mcid} on page {page} marks nothing");
            // The marked content's tag is the element's type.
            let tag = glyphs
                .iter()
                .find(|g| g.page == page && g.marked.as_ref().is_some_and(|m| m.1 == Some(mcid)))
                .and_then(|g| g.marked.clone())
                .map(|m| m.0);
            assert_eq!(tag.as_deref(), Some(&*String::from_utf8_lossy(s)));
            text.push_str(&here);
        }
    }
    let txt = std::fs::read_to_string(example().join("lushi-2012.txt")).expect("txt");
    assert_eq!(flat(&text), flat(&txt));
    for h in ["H1", "H2", "P"] {
        assert!(types.iter().any(|t| t == h), "no {h} in {types:?}");
    }
    // Everything else drawn is a page number, marked as an artifact.
    let artifacts: String = glyphs
        .iter()
        .filter(|g| g.marked.as_ref().is_some_and(|m| m.0 == "Artifact"))
        .map(|g| g.ch)
        .collect();
    assert_eq!(flat(&artifacts), "—1——2——3——4——5—");
    assert!(glyphs.iter().all(|g| g.marked.is_some()), "unmarked glyphs");
}

/// The text of the marked content an element's MCRs point at, in order.
fn marked_text(
    doc: &Document,
    e: &Dictionary,
    pages: &[lopdf::ObjectId],
    glyphs: &[crate::common::pdf_read::PdfGlyph],
) -> String {
    marked(doc, e, pages, glyphs).iter().map(|g| g.ch).collect()
}

#[test]
fn a_table_is_tagged_as_rows_of_header_and_data_cells_in_reading_order() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-archival-table");
    let _ = std::fs::remove_dir_all(&dir);
    let o = crate::common::cli::huibao()
        .args([
            "render",
            "tests/fixtures/tables/poverty.toml",
            "-f",
            "txt,pdf",
        ])
        .args(["--builtin-fonts", "-o"])
        .arg(&dir)
        .output()
        .expect("run huibao");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = dir.join("poverty.pdf");
    let doc = load(&pdf);
    let cat = doc.catalog().expect("catalog");
    let root = dict(&doc, cat.get(b"StructTreeRoot").expect("StructTreeRoot"));
    let document = dict(&doc, root.get(b"K").expect("K"));
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let glyphs = crate::common::pdf_read::pdf_glyphs(&pdf);
    let name = |e: &Dictionary| {
        String::from_utf8_lossy(e.get(b"S").and_then(Object::as_name).expect("S")).into_owned()
    };
    let mut text = String::new();
    let mut rows: Vec<Vec<(String, String)>> = Vec::new();
    for e in document.get(b"K").and_then(Object::as_array).expect("kids") {
        let e = dict(&doc, e);
        if name(e) != "Table" {
            text.push_str(&marked_text(&doc, e, &pages, &glyphs));
            continue;
        }
        for tr in e.get(b"K").and_then(Object::as_array).expect("rows") {
            let tr = dict(&doc, tr);
            assert_eq!(name(tr), "TR");
            let mut row = Vec::new();
            for cell in tr.get(b"K").and_then(Object::as_array).expect("cells") {
                let cell = dict(&doc, cell);
                let here = marked_text(&doc, cell, &pages, &glyphs);
                assert!(!here.is_empty(), "an empty {} cell", name(cell));
                text.push_str(&here);
                row.push((name(cell), here));
            }
            rows.push(row);
        }
    }
    // Two header rows of TH (当前贫困人口 spans 户 and 人), then one TR per village and the 合计.
    assert!(rows[0].iter().all(|(t, _)| t == "TH"), "{:?}", rows[0]);
    assert_eq!(rows[0][0].1, "年份");
    assert_eq!(
        rows[1].iter().map(|c| c.1.as_str()).collect::<Vec<_>>(),
        ["户", "人"]
    );
    assert!(rows[2..].iter().flatten().all(|(t, _)| t == "TD"));
    assert_eq!(
        rows[2][..3]
            .iter()
            .map(|c| c.1.as_str())
            .collect::<Vec<_>>(),
        ["2019", "长寨街道", "新寨村"]
    );
    assert_eq!(rows.last().expect("rows")[0].1, "合计");
    // The whole tree reads as the txt output; repeated header rows are artifacts.
    let txt = std::fs::read_to_string(dir.join("poverty.txt")).expect("txt");
    assert_eq!(flat(&text), flat(&txt));
    let pages_n = pages.len();
    assert!(pages_n > 1, "the table should continue over pages");
    let repeated: String = glyphs
        .iter()
        .filter(|g| g.page > 0 && g.marked.as_ref().is_some_and(|m| m.0 == "Artifact"))
        .map(|g| g.ch)
        .collect();
    assert!(flat(&repeated).contains("年份乡镇村"), "{repeated}");
}
