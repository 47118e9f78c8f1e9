//! 朱雀仿宋 (Zhuque Fangsong) as the body's 仿宋 stand-in, and quotes set in full cells in any
//! face (issue 19): the shared font is installed in a temporary fontconfig (never the system's),
//! the example is rendered in Simplified and Taiwan Traditional, and the PDF is read back —
//! pdffonts, pdftotext, and every quote's glyph box from the page content and the embedded font.
//!
//! The font is not in Debian and must not be built into huibao (a preview release): the tests
//! take it from `HUIBAO_ZHUQUE_FONT`, else from the project's shared folder beside the
//! repository (`../shared/fonts/zhuque/ZhuqueFangsong.ttf`, which CI has too).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::skip::skip;

const CWTEX: &str = "/usr/share/fonts/truetype/cwtex/cwfs.ttf";

fn zhuque_file() -> Option<PathBuf> {
    let path = std::env::var_os("HUIBAO_ZHUQUE_FONT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fonts/zhuque/ZhuqueFangsong.ttf")
        });
    if path.exists() {
        Some(path)
    } else {
        skip(&format!(
            "朱雀仿宋 is not at {} (set HUIBAO_ZHUQUE_FONT)",
            path.display()
        ));
        None
    }
}

fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        skip(&format!(
            "{tool} is not installed (apt-get install poppler-utils)"
        ));
    }
    ok
}

/// A fontconfig file that adds a private font folder holding `font` to the system's fonts.
fn private_fontconfig(dir: &Path, font: &Path) -> PathBuf {
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).expect("font dir");
    std::os::unix::fs::symlink(font, fonts.join("ZhuqueFangsong.ttf")).expect("link the font");
    let conf = dir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  \
             <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n  <dir>{}</dir>\n\
             </fontconfig>\n",
            fonts.display()
        ),
    )
    .expect("write fonts.conf");
    conf
}

/// Renders the example (plus `extra` data) as PDF and text in `script` into `out`, with
/// `FONTCONFIG_FILE=conf` when given; returns the output stem.
fn render(out: &Path, script: &str, conf: Option<&Path>, extra: Option<&Path>) -> PathBuf {
    render_with(out, script, conf, extra, &[])
}

/// [`render`] with more command-line arguments.
fn render_with(
    out: &Path,
    script: &str,
    conf: Option<&Path>,
    extra: Option<&Path>,
    args: &[&str],
) -> PathBuf {
    let mut cmd = crate::common::cli::huibao();
    cmd.args(["render", "data/lushi-2012.toml"]).args(args);
    if let Some(extra) = extra {
        cmd.arg(extra);
    }
    cmd.args(["--script", script, "-f", "pdf,txt", "-o"])
        .arg(out);
    if let Some(conf) = conf {
        cmd.env("FONTCONFIG_FILE", conf);
    }
    let o = cmd.output().expect("run huibao");
    assert!(
        o.status.success(),
        "render {script}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    out.join("lushi-2012")
}

fn run(tool: &str, args: &[&Path]) -> String {
    let o = Command::new(tool).args(args).output().expect(tool);
    assert!(
        o.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8")
}

/// One glyph drawn on a page, read back from the PDF.
#[derive(Debug, Clone)]
struct Drawn {
    ch: char,
    font: String,
    size: f32,
    /// Origin and advance (from the font's /W), in points.
    x: f32,
    y: f32,
    advance: f32,
    /// Left and right end of the ink, in points (from the embedded font program's outline).
    ink: Option<(f32, f32)>,
}

/// What the reader needs of one font resource.
struct FontInfo {
    name: String,
    widths: HashMap<u16, f32>,
    text: HashMap<u16, char>,
    /// The embedded font program, and whether it is a bare CFF (FontFile3) rather than TrueType.
    program: Option<(Vec<u8>, bool)>,
}

/// An embedded font program, parsed.
enum Outlines<'a> {
    TrueType(Box<ttf_parser::Face<'a>>),
    Cff(Box<ttf_parser::cff::Table<'a>>),
}

fn font_info(doc: &lopdf::Document, dict: &lopdf::Dictionary) -> FontInfo {
    let name = dict
        .get(b"BaseFont")
        .and_then(|n| n.as_name())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    let deref = |o: &lopdf::Object| -> lopdf::Object {
        match o {
            lopdf::Object::Reference(id) => doc.get_object(*id).cloned().expect("object"),
            other => other.clone(),
        }
    };
    let descendant = dict
        .get(b"DescendantFonts")
        .map(&deref)
        .ok()
        .and_then(|a| a.as_array().ok().and_then(|a| a.first().map(&deref)))
        .and_then(|d| d.as_dict().ok().cloned())
        .expect("a Type0 font with a descendant");
    let mut widths = HashMap::new();
    if let Ok(w) = descendant.get(b"W").map(&deref) {
        let w = w.as_array().expect("W array").clone();
        let mut i = 0;
        while i + 1 < w.len() {
            let first = w[i].as_i64().expect("W start") as u16;
            match deref(&w[i + 1]) {
                lopdf::Object::Array(list) => {
                    for (k, v) in list.iter().enumerate() {
                        widths.insert(first + k as u16, v.as_float().expect("width"));
                    }
                    i += 2;
                }
                last => {
                    let last = last.as_i64().expect("W end") as u16;
                    let v = w[i + 2].as_float().expect("width");
                    for c in first..=last {
                        widths.insert(c, v);
                    }
                    i += 3;
                }
            }
        }
    }
    let mut text = HashMap::new();
    if let Ok(lopdf::Object::Stream(s)) = dict.get(b"ToUnicode").map(&deref) {
        let cmap =
            String::from_utf8_lossy(&s.decompressed_content().expect("ToUnicode")).into_owned();
        let mut in_chars = false;
        for line in cmap.lines() {
            if line.ends_with("beginbfchar") {
                in_chars = true;
            } else if line.starts_with("endbfchar") {
                in_chars = false;
            } else if in_chars {
                let hex: Vec<&str> = line
                    .split(['<', '>'])
                    .filter(|p| !p.trim().is_empty())
                    .collect();
                if let [code, uni] = hex[..] {
                    let code = u16::from_str_radix(code, 16).expect("code");
                    let uni = u32::from_str_radix(uni, 16).expect("unicode");
                    text.insert(code, char::from_u32(uni).expect("char"));
                }
            }
        }
    }
    let program = descendant
        .get(b"FontDescriptor")
        .map(&deref)
        .ok()
        .and_then(|d| d.as_dict().ok().cloned())
        .and_then(|d| {
            [(b"FontFile2", false), (b"FontFile3", true)]
                .into_iter()
                .find_map(|(key, cff)| match d.get(key).map(&deref) {
                    Ok(lopdf::Object::Stream(s)) => s.decompressed_content().ok().map(|b| (b, cff)),
                    _ => None,
                })
        });
    FontInfo {
        name,
        widths,
        text,
        program,
    }
}

/// Left and right end of glyph `gid`'s outline, in em: the points of the outline itself
/// (composite glyphs with their offsets applied), not the bounding box the glyph header claims.
fn ink_x(font: &Outlines, gid: u16) -> Option<(f32, f32)> {
    struct Bounds(f32, f32);
    impl ttf_parser::OutlineBuilder for Bounds {
        fn move_to(&mut self, x: f32, _: f32) {
            (self.0, self.1) = (self.0.min(x), self.1.max(x));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.move_to(x, y);
        }
        fn quad_to(&mut self, _: f32, _: f32, x: f32, y: f32) {
            self.move_to(x, y);
        }
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, x: f32, y: f32) {
            self.move_to(x, y);
        }
        fn close(&mut self) {}
    }
    let mut b = Bounds(f32::MAX, f32::MIN);
    let glyph = ttf_parser::GlyphId(gid);
    let upm = match font {
        Outlines::TrueType(face) => {
            face.outline_glyph(glyph, &mut b)?;
            f32::from(face.units_per_em())
        }
        Outlines::Cff(table) => {
            table.outline(glyph, &mut b).ok()?;
            1000.0
        }
    };
    Some((b.0 / upm, b.1 / upm))
}

/// Every glyph of every page: origin from Tm and TJ (adjustments, /W widths and Tc), character from
/// ToUnicode, ink from the embedded font's outline (TrueType or CFF).
fn drawn_glyphs(pdf: &Path) -> Vec<Vec<Drawn>> {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let mut pages = Vec::new();
    for (_, page) in doc.get_pages() {
        let fonts: HashMap<Vec<u8>, FontInfo> = doc
            .get_page_fonts(page)
            .expect("page fonts")
            .into_iter()
            .map(|(k, d)| (k, font_info(&doc, d)))
            .collect();
        let faces: HashMap<&Vec<u8>, Outlines> = fonts
            .iter()
            .filter_map(|(k, f)| {
                let (program, cff) = f.program.as_ref()?;
                let parsed = if *cff {
                    Outlines::Cff(Box::new(ttf_parser::cff::Table::parse(program)?))
                } else {
                    Outlines::TrueType(Box::new(ttf_parser::Face::parse(program, 0).ok()?))
                };
                Some((k, parsed))
            })
            .collect();
        let content = doc.get_and_decode_page_content(page).expect("content");
        let (mut font, mut size, mut x, mut y) = (Vec::new(), 0.0f32, 0.0f32, 0.0f32);
        let mut tc = 0.0f32;
        let mut out = Vec::new();
        for op in &content.operations {
            let nums: Vec<f32> = op
                .operands
                .iter()
                .filter_map(|o| o.as_float().ok())
                .collect();
            match op.operator.as_str() {
                "Tf" => {
                    font = op.operands[0].as_name().expect("font name").to_vec();
                    size = nums[0];
                }
                "Tc" => tc = nums[0],
                "Tm" => {
                    assert_eq!(nums[0], 1.0, "a scaled text matrix on a quote test page");
                    (x, y) = (nums[4], nums[5]);
                }
                "TJ" | "Tj" => {
                    let items = match op.operator.as_str() {
                        "TJ" => op.operands[0].as_array().expect("TJ array").clone(),
                        _ => op.operands.clone(),
                    };
                    let info = &fonts[&font];
                    for item in items {
                        match item {
                            lopdf::Object::String(bytes, _) => {
                                for pair in bytes.chunks(2) {
                                    let code = u16::from_be_bytes([pair[0], pair[1]]);
                                    let advance = info.widths.get(&code).copied().unwrap_or(1000.0)
                                        / 1000.0
                                        * size;
                                    let ink = faces.get(&font).and_then(|f| {
                                        let (l, r) = ink_x(f, code)?;
                                        Some((x + l * size, x + r * size))
                                    });
                                    out.push(Drawn {
                                        ch: info.text.get(&code).copied().unwrap_or('\u{FFFD}'),
                                        font: info.name.clone(),
                                        size,
                                        x,
                                        y,
                                        advance,
                                        ink,
                                    });
                                    x += advance + tc;
                                }
                            }
                            other => x -= other.as_float().expect("TJ adjustment") / 1000.0 * size,
                        }
                    }
                }
                _ => {}
            }
        }
        pages.push(out);
    }
    pages
}

/// Checks every quote of the body face `font` (PostScript name part): its ink lies in its own
/// cell — an opening quote in the cell's right half (the cell ends where the next glyph starts),
/// a closing quote in the left half (the cell starts where the previous glyph's cell ends) — and
/// touches neither neighbour's ink. Returns how many quotes were checked.
fn assert_quotes_in_cells(pages: &[Vec<Drawn>], font: &str) -> usize {
    let mut checked = 0;
    for page in pages {
        for (i, g) in page.iter().enumerate() {
            if !"“”‘’".contains(g.ch) || !g.font.contains(font) {
                continue;
            }
            let (l, r) = g.ink.unwrap_or_else(|| panic!("no ink box for {g:?}"));
            let same_line = |o: &&Drawn| (o.y - g.y).abs() < 0.01;
            let prev = i.checked_sub(1).and_then(|j| page.get(j)).filter(same_line);
            let next = page.get(i + 1).filter(same_line);
            let half = g.size / 2.0;
            if "“‘".contains(g.ch) {
                if let Some(n) = next {
                    let cell = (n.x - g.size, n.x);
                    assert!(
                        l >= cell.0 + half - 0.01 && r <= cell.1,
                        "{} in {cell:?}: {l}..{r}",
                        g.ch
                    );
                }
            } else if let Some(p) = prev {
                // A full-width neighbour fills its cell whatever its advance (cwTeX's ，is 0.92 em).
                let width = if p.ch as u32 >= 0x2010 {
                    p.size.max(p.advance)
                } else {
                    p.advance
                };
                let cell = (p.x + width, p.x + width + g.size);
                assert!(
                    l >= cell.0 && r <= cell.0 + half + 0.01,
                    "{} in {cell:?}: {l}..{r}",
                    g.ch
                );
            }
            for o in [prev, next].into_iter().flatten() {
                if let Some((ol, or)) = o.ink {
                    assert!(
                        or < l - 0.1 || ol > r + 0.1,
                        "{} touches {}: {l}..{r} / {ol}..{or}",
                        g.ch,
                        o.ch
                    );
                }
            }
            checked += 1;
        }
    }
    checked
}

/// pdftotext's text of the pages, page numbers dropped, lines joined: must equal the text
/// output with its line breaks removed (no spurious spaces).
fn assert_pdftotext_is_the_text(stem: &Path) {
    let pdf = stem.with_extension("pdf");
    let got: String = run("pdftotext", &[&pdf, Path::new("-")])
        .lines()
        .filter(|l| !(l.starts_with('—') && l.trim_end().ends_with('—')))
        .collect::<String>()
        .replace('\u{c}', "");
    let want: String = std::fs::read_to_string(stem.with_extension("txt"))
        .expect("txt")
        .lines()
        .collect();
    assert_eq!(got, want, "pdftotext differs from the text output");
}

#[test]
fn zhuque_draws_the_body_with_full_width_quotes_in_both_scripts() {
    let (Some(font), true, true) = (zhuque_file(), have("pdffonts"), have("pdftotext")) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = private_fontconfig(dir.path(), &font);
    for script in ["hans", "hant-tw"] {
        let stem = render(&dir.path().join(script), script, Some(&conf), None);
        let pdf = stem.with_extension("pdf");
        let fonts = run("pdffonts", &[&pdf]);
        assert!(fonts.contains("+ZhuqueFangsong"), "{script}: {fonts}");
        assert_pdftotext_is_the_text(&stem);
        let pages = drawn_glyphs(&pdf);
        // The body's hanzi come from Zhuque, and its quotes are its full-width forms (1 em).
        let body: Vec<&Drawn> = pages
            .iter()
            .flatten()
            .filter(|g| g.font.contains("Zhuque"))
            .collect();
        assert!(body.len() > 1000, "{script}: {} Zhuque glyphs", body.len());
        assert!(body
            .iter()
            .filter(|g| "“”".contains(g.ch))
            .all(|g| (g.advance - g.size).abs() < 0.01));
        let n = assert_quotes_in_cells(&pages, "Zhuque");
        assert!(n >= 10, "{script}: only {n} quotes checked");
    }
    // Named as a file instead of installed: the same face draws the body.
    let by_file = dir.path().join("by-file.toml");
    std::fs::write(
        &by_file,
        format!("[fonts.body]\nfile = \"{}\"\n", font.display()),
    )
    .expect("write");
    let stem = render(&dir.path().join("by-file"), "hans", None, Some(&by_file));
    let fonts = run("pdffonts", &[&stem.with_extension("pdf")]);
    assert!(fonts.contains("+ZhuqueFangsong"), "{fonts}");
    assert_pdftotext_is_the_text(&stem);
    // huibao fonts names the stand-in, lists the characters Zhuque lacks with the face that
    // supplies them, and gives no advice to install a 仿宋.
    let extra = dir.path().join("symbols.toml");
    std::fs::write(&extra, "[county]\nname = \"盧氏①℃\"\n").expect("write");
    let out = crate::common::cli::huibao()
        .args(["fonts", "data/lushi-2012.toml"])
        .arg(&extra)
        .env("FONTCONFIG_FILE", &conf)
        .output()
        .expect("huibao fonts");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("正文 body: 仿宋 → Zhuque Fangsong"), "{text}");
    assert!(text.contains("另由 from Noto Serif CJK TC: ①℃\n"), "{text}");
    assert!(!text.contains("朱雀仿宋（Zhuque Fangsong"), "{text}");
    // …and the PDF draws them, per character, from that face.
    let stem = render(
        &dir.path().join("symbols"),
        "hant-tw",
        Some(&conf),
        Some(&extra),
    );
    let drawn: Vec<Drawn> = drawn_glyphs(&stem.with_extension("pdf"))
        .into_iter()
        .flatten()
        .filter(|g| "①℃".contains(g.ch))
        .collect();
    assert!(!drawn.is_empty());
    assert!(
        drawn.iter().all(|g| g.font.contains("NotoSerifCJKtc")),
        "{drawn:?}"
    );
}

#[test]
fn narrow_quotes_of_cwtex_fangsong_sit_in_their_cells() {
    if !Path::new(CWTEX).exists() {
        skip("cwTeX FangSong is not installed (apt-get install fonts-cwtex-fs)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let extra = dir.path().join("cwtex.toml");
    std::fs::write(&extra, format!("[fonts.body]\nfile = \"{CWTEX}\"\n")).expect("write");
    for script in ["hans", "hant-tw"] {
        // cwTeX 仿宋 is a Traditional face: a Simplified report named with it as its body font
        // stops on the Simplified hanzi it lacks (E-FONT-FILE-GAPS) unless they may come from
        // another face.
        let stem = render_with(
            &dir.path().join(script),
            script,
            None,
            Some(&extra),
            &["--allow-missing-glyphs"],
        );
        let pages = drawn_glyphs(&stem.with_extension("pdf"));
        // cwTeX's quotes are ⅓ em: their ink stays narrow, their advance is the whole cell.
        let quotes: Vec<&Drawn> = pages
            .iter()
            .flatten()
            .filter(|g| "“”".contains(g.ch) && g.font.contains("cwTeX"))
            .collect();
        assert!(quotes.iter().all(|g| {
            let (l, r) = g.ink.expect("ink");
            (g.advance - g.size).abs() < 0.01 && r - l < g.size * 0.5
        }));
        let n = assert_quotes_in_cells(&pages, "cwTeX");
        assert!(n >= 10, "{script}: only {n} quotes checked");
    }
}

#[test]
fn without_a_fangsong_face_huibao_fonts_says_how_to_get_one() {
    let out = crate::common::cli::huibao()
        .args(["fonts", "--builtin-fonts", "data/lushi-2012.toml"])
        .output()
        .expect("huibao fonts");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    // The report is in Traditional script, and so is the listing.
    assert!(
        text.contains("正文 body: 仿宋 → Noto Serif CJK TC") && text.contains("宋體 Song face"),
        "{text}"
    );
    assert!(
        text.contains("Zhuque Fangsong") && text.contains("仿宋_GB2312"),
        "{text}"
    );
}

#[test]
fn kai_headings_set_commas_where_the_scripts_usage_puts_them() {
    // A machine with AR PL UKai only (fontconfig limited to the arphic folder): its CN face
    // centres ，(Taiwan style), so a Simplified report takes the built-in Kai (LXGW WenKai),
    // whose ，sits in the lower left as GB/T 15834 has it; a Taiwan report takes UKai TW.
    let arphic = Path::new("/usr/share/fonts/truetype/arphic/ukai.ttc");
    if !arphic.exists() {
        skip("AR PL UKai is not installed (apt-get install fonts-arphic-ukai)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n",
            arphic.parent().expect("folder").display()
        ),
    )
    .expect("write fonts.conf");
    for (script, centred) in [("hans", false), ("hant-tw", true)] {
        let stem = render(&dir.path().join(script), script, Some(&conf), None);
        let pages = drawn_glyphs(&stem.with_extension("pdf"));
        let commas: Vec<&Drawn> = pages
            .iter()
            .flatten()
            .filter(|g| g.ch == '，' && g.font.contains("Kai"))
            .collect();
        assert!(!commas.is_empty(), "{script}: no ，in a Kai heading");
        for g in commas {
            assert!(
                !(script == "hans" && g.font.contains("UKai")),
                "{script}: {}",
                g.font
            );
            let (l, r) = g.ink.unwrap_or_else(|| panic!("no ink box for {g:?}"));
            let centre = ((l + r) / 2.0 - g.x) / g.size;
            if centred {
                assert!(
                    (0.35..0.65).contains(&centre),
                    "{script} {}: {centre}",
                    g.font
                );
            } else {
                assert!(
                    centre < 0.3,
                    "{script} {}: ，centred at {centre} em",
                    g.font
                );
            }
        }
    }
}

#[test]
fn libreoffice_substitutes_map_fangsong_names_to_zhuque() {
    let Some(font) = zhuque_file() else {
        return;
    };
    if Command::new("fc-match").arg("-V").output().is_err() {
        skip("fc-match is not installed (apt-get install fontconfig)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let fonts = dir.path().join("fonts");
    std::fs::create_dir_all(&fonts).expect("font dir");
    std::os::unix::fs::symlink(&font, fonts.join("ZhuqueFangsong.ttf")).expect("link");
    let project =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/fontconfig/huibao-substitutes.conf");
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir><cachedir>{}</cachedir>\
             <include>{}</include></fontconfig>\n",
            fonts.display(),
            dir.path().join("cache").display(),
            project.display()
        ),
    )
    .expect("write fonts.conf");
    for name in ["仿宋_GB2312", "仿宋", "FangSong"] {
        // fontconfig matches for the locale's language: name none, as LibreOffice's
        // conversions in these tests run.
        let out = Command::new("fc-match")
            .arg(name)
            .env("FONTCONFIG_FILE", &conf)
            .env_remove("LC_ALL")
            .env("LANG", "C.UTF-8")
            .output()
            .expect("fc-match");
        let got = String::from_utf8_lossy(&out.stdout);
        assert!(got.contains("Zhuque Fangsong"), "{name} → {got}");
    }
}

/// Checks every ，。、 of the pages: its ink's middle lies in the left part of its cell (mainland,
/// GB/T 15834) or in the middle (Taiwan and Hong Kong). The cell starts at the glyph's origin
/// (outlines are moved inside the font, never the origin). Returns how many were checked.
fn assert_punct_of_script(pages: &[Vec<Drawn>], centred: bool, what: &str) -> usize {
    let mut checked = 0;
    for g in pages.iter().flatten().filter(|g| "，。、".contains(g.ch)) {
        let (l, r) = g
            .ink
            .unwrap_or_else(|| panic!("{what}: no ink box for {g:?}"));
        let middle = ((l + r) / 2.0 - g.x) / g.size;
        if centred {
            assert!(
                (0.35..0.65).contains(&middle),
                "{what} {} {}: middle at {middle} em",
                g.ch,
                g.font
            );
        } else {
            assert!(
                middle < 0.35,
                "{what} {} {}: middle at {middle} em",
                g.ch,
                g.font
            );
        }
        checked += 1;
    }
    checked
}

#[test]
fn punctuation_sits_where_each_script_puts_it_in_every_role() {
    // Installed fonts and the built-in ones (whose Kai face has mainland punctuation only), and
    // 朱雀仿宋 (mainland punctuation) as the body of a Taiwan report: every ，。、 of the example.
    let zhuque = zhuque_file();
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = zhuque.as_ref().map(|f| private_fontconfig(dir.path(), f));
    for (script, centred) in [("hans", false), ("hant-tw", true)] {
        for (how, conf) in [("installed", None), ("zhuque", conf.as_deref())] {
            let out = dir.path().join(format!("{script}-{how}"));
            let stem = render(&out, script, conf, None);
            let pages = drawn_glyphs(&stem.with_extension("pdf"));
            let n = assert_punct_of_script(&pages, centred, &format!("{script} {how}"));
            assert!(n > 100, "{script} {how}: {n}");
            if conf.is_some() {
                assert_pdftotext_is_the_text(&stem);
            }
        }
        let out = dir.path().join(format!("{script}-builtin"));
        let o = crate::common::cli::huibao()
            .args([
                "render",
                "data/lushi-2012.toml",
                "--builtin-fonts",
                "--script",
                script,
            ])
            .args(["-f", "pdf,txt", "-o"])
            .arg(&out)
            .output()
            .expect("run huibao");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let stem = out.join("lushi-2012");
        let pages = drawn_glyphs(&stem.with_extension("pdf"));
        let kai = pages
            .iter()
            .flatten()
            .filter(|g| "，。、".contains(g.ch) && g.font.contains("HuibaoKai"))
            .count();
        assert!(kai > 0, "{script}: no punctuation in the built-in Kai");
        assert_punct_of_script(&pages, centred, &format!("{script} built-in"));
        assert_pdftotext_is_the_text(&stem);
    }
}
