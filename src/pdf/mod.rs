//! PDF backend: the laid-out pages drawn glyph by glyph with printpdf and embedded subset fonts.
//!
//! The layout engine ([`crate::layout`]) has already decided where every character goes; this
//! module only draws: each [`crate::layout::Glyph`] at its `x_pt` on its line's baseline (PDF
//! y = page height − baseline), in its role's font and size, placed absolutely with printpdf's
//! `SetTextMatrix` (`Tm`; never `SetTextCursor`, which printpdf writes as the relative `Td`).
//! printpdf merges the glyphs of one baseline into one `TJ` whose adjustments land every glyph
//! on its `x_pt`, so no position depends on font metrics the layout did not use. Fonts are
//! subset once per document ([`crate::fonts::subset`], shared with the OFD writer) and added
//! under content-derived resource names; printpdf builds the objects, `archival` adds language,
//! outline, XMP and the PDF/A output intent, `tags` the structure tree over marked content, and
//! `trailer` makes the output deterministic (`/ID` from a content hash, `/Info` without dates)
//! and writes the file, so equal inputs give equal bytes in any process.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make these modules the odd ones out.
#![allow(clippy::result_large_err)]

mod archival;
mod embed;
mod icc;
mod tags;
mod trailer;

use crate::diag::Code;
use rustc_hash::FxHashMap;
use std::sync::Arc;

use printpdf::{
    Codepoint, Color, DictItem, FontId, Line as PdfLine, LinePoint, Mm, Op, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rgb, TextItem,
    TextMatrix, TextRenderingMode,
};

use crate::diag::texts::output as texts;
use crate::diag::Diagnostic;
use crate::fonts::subset::{Embedded, Placed, UsedFont};
use crate::fonts::FontSet;
use crate::layout::{Glyph, Page};
use crate::meta::Meta;
use crate::style::{Style, PT_PER_MM};

/// Writes `pages` as an A4 (per `style`) PDF with subset fonts from `fonts`.
pub fn write(pages: &[Page], fonts: &FontSet, style: &Style) -> Result<Vec<u8>, Diagnostic> {
    write_titled(pages, fonts, style, None)
}

/// Like [`write()`], with the document title in the PDF metadata.
pub fn write_titled(
    pages: &[Page],
    fonts: &FontSet,
    style: &Style,
    title: Option<&str>,
) -> Result<Vec<u8>, Diagnostic> {
    let meta = Meta {
        title: title.map(str::to_string),
        ..Meta::default()
    };
    write_embedded(pages, &Embedded::new(pages, fonts)?, style, &meta)
}

/// Writes `pages`, whose glyphs and subset fonts `embedded` holds, with `meta`: title and
/// XMP, language, outline, tags (when `meta.structure` is known), PDF/A-2b when asked.
pub fn write_embedded(
    pages: &[Page],
    embedded: &Embedded,
    style: &Style,
    meta: &Meta,
) -> Result<Vec<u8>, Diagnostic> {
    let title = meta.title.as_deref();
    let (used, placed) = (&embedded.used, &embedded.placed);
    let mut doc = PdfDocument::new(title.unwrap_or_default());
    // Resource names by order of first use: the same document always gets the same names,
    // whatever printpdf's process-wide id counter says.
    let parsed: Vec<printpdf::ParsedFont> = used
        .iter()
        .zip(&embedded.programs)
        .map(|(u, program)| embed::parsed_font(u, program))
        .collect::<Result<_, _>>()?;
    // Each face's glyphs as the pages draw them, looked up once per glyph drawn.
    let drawn_as: Vec<FxHashMap<u16, DrawnGlyph>> = used
        .iter()
        .zip(&parsed)
        .map(|(u, p)| {
            u.glyphs()
                .map(|(gid, ch)| {
                    let code = u.code(gid);
                    (gid, (code, ch, scaled_width(p, code)))
                })
                .collect()
        })
        .collect();
    // Tagged when the document's structure is known (not for bare pages).
    let leaves = tags::leaves(&meta.structure);
    let tagging = (!meta.structure.is_empty()).then(|| tags::assign(pages, &leaves));
    let mut marked: Vec<Vec<usize>> = Vec::new();
    doc.pages = pages
        .iter()
        .zip(placed)
        .enumerate()
        .map(|(i, (page, lines))| {
            let page_tags = tagging
                .as_ref()
                .and_then(|t| t.get(i))
                .map(|t| (t.as_slice(), leaves.as_slice()));
            let (width_mm, height_mm) = page.sheet_mm(style);
            let (ops, mcids) = page_ops(
                page,
                lines,
                page_tags,
                (used, &embedded.moved, &drawn_as),
                style,
                height_mm * PT_PER_MM,
            );
            marked.push(mcids);
            PdfPage::new(Mm(width_mm), Mm(height_mm), ops)
        })
        .collect();
    for (i, font) in parsed.into_iter().enumerate() {
        doc.resources
            .fonts
            .map
            .insert(font_id(i), PdfFont::new(font));
    }

    // printpdf's own compression (optimize) deflates everything at level 9; the streams are
    // compressed here instead, at the levels `compress_streams` says.
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    compress_streams(&mut lo);
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    let headings = archival::headings(&meta.outline, pages, |role| {
        crate::typeset::size(style, role)
    });
    let heights: Vec<f32> = pages
        .iter()
        .map(|p| PT_PER_MM * p.sheet_mm(style).1)
        .collect();
    archival::apply(&mut lo, &page_ids, &heights, &headings, meta)
        .and_then(|()| match tagging {
            Some(_) => {
                let tree = (meta.structure.as_slice(), leaves.as_slice());
                tags::structure_tree(&mut lo, &page_ids, tree, &marked, &meta.lang)
            }
            None => Ok(()),
        })
        .map_err(|e| Diagnostic::error(Code::PdfWrite, texts::pdf_failed(e)))?;
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(Diagnostic::error(Code::PdfWrite, texts::pdf_failed(&w.msg)));
    }
    trailer::finish(&mut lo, title)
        .map_err(|e| Diagnostic::error(Code::PdfWrite, texts::pdf_failed(e)))
}

/// A dash of a 破折号 (——) or a 一字线 (—).
fn is_dash(ch: char) -> bool {
    matches!(ch, '\u{2014}' | '\u{2015}')
}

/// Where glyph `i` of a line is drawn: its origin's x in points and its horizontal scale.
/// A dash whose cell neighbours on either side are dashes too is stretched horizontally so that
/// its ink reaches the shared cell edge, and —— reads as one unbroken line as in 仿宋_GB2312
/// (Noto CJK's dash ink stops 0.07 em short of each edge). Every other glyph, a lone dash and
/// the outer ends of —— keep the layout's x and the font's own side bearings. The OFD writer
/// places glyphs by the same rule.
pub fn glyph_origin(glyphs: &[Placed], i: usize, face: &crate::fonts::face::Face) -> (f32, f32) {
    let p = &glyphs[i];
    let (g, size) = (p.glyph, p.size_pt);
    if !is_dash(g.ch) {
        return (g.x_pt, 1.0);
    }
    let joins = |j: Option<usize>| {
        j.and_then(|j| glyphs.get(j))
            .is_some_and(|o| is_dash(o.glyph.ch) && (o.glyph.x_pt - g.x_pt).abs() <= size * 1.01)
    };
    let (join_l, join_r) = (joins(i.checked_sub(1)), joins(Some(i + 1)));
    let advance = face.advance_em(p.gid);
    let Some((ink_l, ink_r)) = face.ink_x_em(p.gid) else {
        return (g.x_pt, 1.0);
    };
    if ink_r - ink_l <= 0.0 || (!join_l && !join_r) {
        return (g.x_pt, 1.0);
    }
    let left = if join_l { 0.0 } else { ink_l };
    let right = if join_r { advance } else { ink_r };
    let scale = (right - left) / (ink_r - ink_l);
    (g.x_pt + (left - ink_l * scale) * size, scale)
}

/// Deflates every stream printpdf allows to be compressed and left unfiltered, where that
/// makes it smaller: font programs and ToUnicode maps at [`crate::output::PDF_DEFLATE_LEVEL`],
/// the rest at [`crate::output::PDF_PAGE_DEFLATE_LEVEL`]. Font programs of 16 KB or more,
/// which repeat across a batch and across runs, go through the caches; shorter font programs
/// and the fonts' ToUnicode CMaps, which repeat across a batch (the faces of titles and
/// headings draw the same glyphs in every meeting), through this process's cache only; every
/// other stream (page contents: they are the report's own) is deflated on this thread, and so
/// is a stream a cache holds. Only two or more programs to deflate are worth the worker threads
/// (starting them and a compressor on each costs a single report ≈ 2 ms of page faults).
fn compress_streams(doc: &mut lopdf::Document) {
    fn apply(stream: &mut lopdf::Stream, compressed: Option<Vec<u8>>) {
        if let Some(compressed) = compressed {
            if compressed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
    let mut long = Vec::new();
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let font_program = is_font_program(&stream.dict);
        if !font_program && !stream.content.starts_with(TO_UNICODE_START) {
            let compressed = zlib(&stream.content, crate::output::PDF_PAGE_DEFLATE_LEVEL);
            apply(stream, compressed);
        } else if stream.content.len() < DEFLATE_CACHE_MIN_BYTES || !font_program {
            let key = stream_key(&stream.content);
            let compressed = deflated_in_process(&stream.content, key).or_else(|| {
                let z = zlib(&stream.content, crate::output::PDF_DEFLATE_LEVEL)?;
                remember_deflated(key, &stream.content, &z);
                Some(z)
            });
            apply(stream, compressed);
        } else {
            let key = stream_key(&stream.content);
            if let Some(compressed) = deflated_in_process(&stream.content, key) {
                apply(stream, Some(compressed));
                continue;
            }
            // The on-disk cache's key is the SHA-256, taken only when this process lacks the
            // stream and there is an on-disk cache.
            let disk = crate::fonts::disk::user()
                .map(|cache| (cache, crate::output::digest(&stream.content)));
            let on_disk = disk
                .as_ref()
                .and_then(|(cache, digest)| deflated_on_disk(cache, &stream.content, key, digest));
            match on_disk {
                Some(compressed) => apply(stream, Some(compressed)),
                None => long.push((stream, key, disk.map(|(_, digest)| digest))),
            }
        }
    }
    crate::par::map_if(long.len() >= 2, long, |(stream, key, digest)| {
        let compressed = deflate_and_remember(&stream.content, key, digest.as_ref());
        apply(stream, compressed);
    });
}

/// Whether a stream is an embedded font program: a TrueType one (`/Length1`) or a CFF one
/// (`/Subtype /CIDFontType0C`, `/Type1C`, `/OpenType`).
fn is_font_program(dict: &lopdf::Dictionary) -> bool {
    dict.has(b"Length1")
        || dict
            .get(b"Subtype")
            .and_then(lopdf::Object::as_name)
            .is_ok_and(|n| matches!(n, b"CIDFontType0C" | b"Type1C" | b"OpenType"))
}

/// A long stream's key in this process's cache: its CRC-32 and length (a hit is confirmed by
/// comparing the bytes), cheaper than the SHA-256 the on-disk cache needs.
fn stream_key(raw: &[u8]) -> u64 {
    (u64::from(crc32fast::hash(raw)) << 32) | (raw.len() as u64 & 0xFFFF_FFFF)
}

/// How a ToUnicode CMap written by printpdf begins.
const TO_UNICODE_START: &[u8] = b"/CIDInit /ProcSet findresource begin";

/// Font programs at least this long are kept on disk deflated as well.
const DEFLATE_CACHE_MIN_BYTES: usize = 16 * 1024;

/// How many deflated streams one process keeps.
const DEFLATE_CACHE_ENTRIES: usize = 256;

/// Raw stream → its deflated bytes, for the streams that repeat across a batch (font programs
/// and their ToUnicode CMaps), keyed by a hash and confirmed by comparing the raw bytes.
type DeflateCache = std::collections::HashMap<u64, Vec<(Arc<Vec<u8>>, Arc<Vec<u8>>)>>;

/// The key of `raw`'s deflated bytes in the on-disk cache ([`crate::fonts::disk`]): the code
/// that deflates (dependency versions), the level, and `digest`, the SHA-256 of the raw bytes.
fn deflate_disk_key(digest: &[u8; 32]) -> Vec<u8> {
    let mut k = b"deflate\0".to_vec();
    k.extend_from_slice(&crate::fonts::disk::code_version().to_be_bytes());
    k.extend_from_slice(&crate::output::PDF_DEFLATE_LEVEL.to_be_bytes());
    k.extend_from_slice(digest);
    k
}

/// `raw` as a zlib stream at `level`, made with this thread's compressor: a fresh one per
/// stream allocated and zeroed ≈ 300 KB of tables each time (a twentieth of a report's time
/// went to the page faults), and one per level another 1 MiB of a report's peak memory. A
/// compressor reset and set to a level gives the same bytes as a new one made at that level.
fn zlib(raw: &[u8], level: u32) -> Option<Vec<u8>> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    use std::cell::RefCell;
    thread_local! {
        /// The thread's compressor and the level it is set to.
        static COMPRESSOR: RefCell<(Compress, u32)> = RefCell::new((
            Compress::new(Compression::new(crate::output::PDF_DEFLATE_LEVEL), true),
            crate::output::PDF_DEFLATE_LEVEL,
        ));
    }
    COMPRESSOR.with(|c| {
        let (c, set) = &mut *c.borrow_mut();
        c.reset();
        if *set != level {
            c.set_level(Compression::new(level)).ok()?;
            *set = level;
        }
        let mut out = Vec::with_capacity(raw.len() / 2 + 64);
        loop {
            let done = usize::try_from(c.total_in()).ok()?;
            let input = raw.get(done..)?;
            match c
                .compress_vec(input, &mut out, FlushCompress::Finish)
                .ok()?
            {
                Status::StreamEnd => return Some(out),
                Status::Ok | Status::BufError => out.reserve(out.capacity().max(64)),
            }
        }
    })
}

/// This process's deflated font streams, and how many it holds.
fn deflate_cache() -> &'static std::sync::Mutex<(DeflateCache, usize)> {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<(DeflateCache, usize)>> =
        std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// `raw` deflated, when this process deflated it before (`key`: [`stream_key`]).
fn deflated_in_process(raw: &[u8], key: u64) -> Option<Vec<u8>> {
    let map = deflate_cache().lock().unwrap_or_else(|e| e.into_inner());
    map.0
        .get(&key)
        .and_then(|v| v.iter().find(|(r, _)| r.as_slice() == raw))
        .map(|(_, z)| z.as_ref().clone())
}

/// `raw` deflated, when the on-disk cache `cache` has it (`digest`: its SHA-256), then kept
/// in this process's cache under `key` too.
fn deflated_on_disk(
    cache: &crate::fonts::disk::Cache,
    raw: &[u8],
    key: u64,
    digest: &[u8; 32],
) -> Option<Vec<u8>> {
    // An entry is whole by its checksum and made by this deflate code by its key.
    let z = cache.get(&deflate_disk_key(digest))?;
    remember_deflated(key, raw, &z);
    Some(z)
}

/// Keeps `raw`'s deflated bytes `z` in this process's cache under `key`.
fn remember_deflated(key: u64, raw: &[u8], z: &[u8]) {
    let mut map = deflate_cache().lock().unwrap_or_else(|e| e.into_inner());
    if map.1 >= DEFLATE_CACHE_ENTRIES {
        *map = Default::default();
    }
    map.1 += 1;
    map.0
        .entry(key)
        .or_default()
        .push((Arc::new(raw.to_vec()), Arc::new(z.to_vec())));
}

/// `raw` (a font program the caches did not hold; `key` its [`stream_key`], `digest` its
/// SHA-256 when there is an on-disk cache) deflated at [`crate::output::PDF_DEFLATE_LEVEL`],
/// and kept in this process's cache and the on-disk one. Deflate is deterministic and the disk
/// key holds the deflate code's version, so a later hit gives the same bytes.
fn deflate_and_remember(raw: &[u8], key: u64, digest: Option<&[u8; 32]>) -> Option<Vec<u8>> {
    let z = zlib(raw, crate::output::PDF_DEFLATE_LEVEL)?;
    if let (Some(cache), Some(digest)) = (crate::fonts::disk::user(), digest) {
        cache.put(&deflate_disk_key(digest), &z);
    }
    remember_deflated(key, raw, &z);
    Some(z)
}

/// GB/T 9704's red (masthead, separator line).
fn gbt_red() -> Color {
    Color::Rgb(Rgb {
        r: 1.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

fn black() -> Color {
    Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

/// The resource name of the `i`-th used font.
fn font_id(i: usize) -> FontId {
    FontId(format!("F{i}"))
}

/// One page's drawing operations: each line a text object, each glyph placed with an absolute
/// text matrix (printpdf joins the glyphs of a baseline into one `TJ`), the font set again only
/// when it changes. A role set `bold` in the style whose face is not bold is drawn filled and
/// stroked, as the DOCX asks Word to embolden it (黑体 never, as in the DOCX).
///
/// A glyph with an in-cell offset is drawn at the layout's position when its font's outlines were
/// moved (`moved[font]`), else from an origin moved by the offset.
///
/// With `tags` (per line, per glyph), each run of a line's glyphs of one structure element is a
/// marked-content sequence (returned: the element of each MCID) and page numbers and rules are
/// artifacts.
///
/// Glyphs that follow one another on a baseline with nothing else between them are handed to
/// printpdf as one [`GlyphRun`], the text matrix and `TJ` its glyph-run merger would make of them
/// one by one, so the content stream is the same while a glyph costs one entry instead of two
/// operations of its own.
fn page_ops(
    page: &Page,
    lines: &[Vec<Placed>],
    tags: Option<(&[Vec<tags::Tag>], &[tags::Leaf])>,
    (used, moved, drawn_as): (&[UsedFont], &[bool], &[FxHashMap<u16, DrawnGlyph>]),
    style: &Style,
    page_height: f32,
) -> (Vec<Op>, Vec<usize>) {
    let mut ops = Vec::new();
    let mut run: Option<GlyphRun> = None;
    // The character spacing (`Tc`) now; a page's content starts at 0.
    let mut tc = 0.0f32;
    let mut current: Option<(usize, f32)> = None;
    let mut emboldened: Option<f32> = None;
    let mut red_fill = false;
    let mut mcids = Vec::new();
    // How the glyph's role is set, worked out again only when the role changes.
    let mut role_set: Option<crate::typeset::RunStyle> = None;
    let face_bold: Vec<bool> = used.iter().map(|u| u.face().is_bold()).collect();
    // One text object per line (a table cell's line is a line of its own), in reading order,
    // so text extraction reads a table row by row and cell by cell.
    for (k, (line, glyphs)) in page.lines.iter().zip(lines).enumerate() {
        if glyphs.is_empty() {
            continue;
        }
        ops.push(Op::StartTextSection);
        let mut open: Option<tags::Tag> = None;
        let y = page_height - line.baseline_pt;
        for (i, p) in glyphs.iter().enumerate() {
            let tag = tags
                .and_then(|t| t.0.get(k))
                .and_then(|t| t.get(i))
                .copied();
            if tag.is_some() && tag != open {
                GlyphRun::flush(&mut run, (&mut ops, &mut tc));
                if open.is_some() {
                    ops.push(Op::EndMarkedContent);
                }
                ops.push(marked_content(tag, tags.map_or(&[], |t| t.1), &mut mcids));
                open = tag;
            }
            let (font, gid, size) = (p.font, p.gid, p.size_pt);
            let (g, y) = if moved[font] {
                (p.glyph, y)
            } else {
                (
                    Glyph {
                        x_pt: p.glyph.x_pt + p.offset.0,
                        ..p.glyph
                    },
                    y + p.offset.1,
                )
            };
            let set = match role_set {
                Some(set) if set.role == g.role => set,
                _ => *role_set.insert(crate::typeset::Typeset::new(style).role(g.role)),
            };
            // The masthead (发文机关标志) is red; everything else black.
            let red = set.red;
            if red != red_fill {
                GlyphRun::flush(&mut run, (&mut ops, &mut tc));
                ops.push(Op::SetFillColor {
                    col: if red { gbt_red() } else { black() },
                });
                red_fill = red;
            }
            if current != Some((font, size)) {
                GlyphRun::flush(&mut run, (&mut ops, &mut tc));
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(font)),
                    size: Pt(size),
                });
                current = Some((font, size));
            }
            let u = &used[font];
            let bold = set.emboldening_pt(face_bold.get(font).copied().unwrap_or(false), size);
            if bold != emboldened {
                GlyphRun::flush(&mut run, (&mut ops, &mut tc));
                match bold {
                    Some(w) => {
                        ops.push(Op::SetOutlineThickness { pt: Pt(w) });
                        ops.push(Op::SetTextRenderingMode {
                            mode: TextRenderingMode::FillStroke,
                        });
                    }
                    None => ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Fill,
                    }),
                }
                emboldened = bold;
            }
            // The dash rule's origin, moved like the glyph when its outline could not be.
            let shift = g.x_pt - p.glyph.x_pt;
            // Every glyph placed was recorded; the pen's kerns make up for a width not found.
            let (code, text, width) = drawn_as.get(font).and_then(|d| d.get(&gid)).map_or_else(
                || (u.code(gid), u.text(gid), 0),
                |&(code, ch, width)| (code, ch.to_string(), width),
            );
            let codepoint = Codepoint {
                gid: code,
                offset: 0.0,
                cid: Some(text),
            };
            match glyph_origin(glyphs, i, u.face()) {
                (x, 1.0) => {
                    let m = TextMatrix::Translate(Pt(x + shift), Pt(y)).as_array();
                    GlyphRun::add(&mut run, (&mut ops, &mut tc), m, size, codepoint, width);
                }
                (x, scale) => {
                    // A stretched dash: printpdf writes its matrix and glyph as they are.
                    GlyphRun::flush(&mut run, (&mut ops, &mut tc));
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Raw([scale, 0.0, 0.0, 1.0, x + shift, y]),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(vec![codepoint])],
                    });
                }
            }
        }
        GlyphRun::flush(&mut run, (&mut ops, &mut tc));
        if open.is_some() {
            ops.push(Op::EndMarkedContent);
        }
        ops.push(Op::EndTextSection);
    }
    if red_fill {
        ops.push(Op::SetFillColor { col: black() });
    }
    // Table borders and the 版记's rules in black, the separator under the document number red.
    if tags.is_some() && !page.rules.is_empty() {
        ops.push(Op::BeginMarkedContent {
            tag: "Artifact".into(),
        });
    }
    let mut red_stroke = false;
    for r in &page.rules {
        if r.red != red_stroke {
            ops.push(Op::SetOutlineColor {
                col: if r.red { gbt_red() } else { black() },
            });
            red_stroke = r.red;
        }
        let point = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(page_height - y),
            },
            bezier: false,
        };
        ops.push(Op::SetOutlineThickness { pt: Pt(r.width_pt) });
        ops.push(Op::DrawLine {
            line: PdfLine {
                points: vec![point(r.x1, r.y1), point(r.x2, r.y2)],
                is_closed: false,
            },
        });
    }
    if tags.is_some() && !page.rules.is_empty() {
        ops.push(Op::EndMarkedContent);
    }
    (ops, mcids)
}

/// Glyphs on one baseline, in one font and size, with nothing drawn between them: one text
/// matrix (the first glyph's origin), the run's character spacing (`Tc`) and one `ShowText`
/// whose kerns put every later glyph at its own origin.
///
/// Text on the grid is drawn at a pitch a little off the font's advance (28 glyphs of 16 pt in
/// a 156 mm line: 15.79 pt apart), so every glyph would carry the same kern. The most common
/// gap between a glyph's advance and the next origin becomes the run's `Tc` instead, written
/// only when it changes (it holds across text objects until the page ends), and a kern is left
/// only where a glyph is off that pitch (compressed punctuation, Latin letters and digits):
/// the page content shrinks by two thirds and no number is formatted per glyph. A kern under
/// [`KERN_EPSILON_PT`] is not written; the pen then carries the difference to the next glyph,
/// so no error adds up along a line.
struct GlyphRun {
    matrix: [f32; 6],
    size: f32,
    /// Each glyph with its origin's x in points and its `/W` width in thousandths of an em.
    glyphs: Vec<(Codepoint, f32, i64)>,
}

/// The largest difference, in points, between where a glyph is drawn and the layout's origin
/// for it that is left without a kern (a thousandth of a millimetre is under 0.003 pt).
const KERN_EPSILON_PT: f64 = 0.002;

impl GlyphRun {
    /// Adds a glyph drawn at `matrix` (a translation) in size `size`, `width` its `/W` width:
    /// to the open run when it continues its baseline, else to a new one.
    fn add(
        run: &mut Option<GlyphRun>,
        out: (&mut Vec<Op>, &mut f32),
        matrix: [f32; 6],
        size: f32,
        codepoint: Codepoint,
        width: i64,
    ) {
        match run {
            Some(r) if r.matrix[5] == matrix[5] && r.size == size => {
                r.glyphs.push((codepoint, matrix[4], width));
            }
            _ => {
                GlyphRun::flush(run, out);
                *run = Some(GlyphRun {
                    matrix,
                    size,
                    glyphs: vec![(codepoint, matrix[4], width)],
                });
            }
        }
    }

    /// The character spacing, in points, most gaps of the run are drawn with: `current` (the
    /// page's spacing now) unless another gap is more common and occurs twice or more, gaps
    /// within a thousandth of a point counted as one (the mean of such a group is written).
    fn spacing(&self, current: f32) -> f32 {
        let size = self.size as f64;
        let key = |gap: f64| (gap * 1000.0).round() as i64;
        // (gap key, gaps, their sum), in order of first appearance.
        let mut groups: Vec<(i64, usize, f64)> = Vec::new();
        for w in self.glyphs.windows(2) {
            let gap = (w[1].1 as f64 - w[0].1 as f64) - w[0].2 as f64 * size / 1000.0;
            match groups.iter_mut().find(|g| g.0 == key(gap)) {
                Some(g) => (g.1, g.2) = (g.1 + 1, g.2 + gap),
                None => groups.push((key(gap), 1, gap)),
            }
        }
        let now = key(current as f64);
        let kept = groups.iter().find(|g| g.0 == now).map_or(0, |g| g.1);
        match groups.iter().rev().max_by_key(|g| g.1) {
            Some(&(_, n, sum)) if n > kept && n > 1 => (sum / n as f64) as f32,
            _ => current,
        }
    }

    /// Writes the open run, if any: its character spacing when it differs from `tc` (the
    /// page's, updated), its text matrix and its `ShowText`.
    fn flush(run: &mut Option<GlyphRun>, (ops, tc): (&mut Vec<Op>, &mut f32)) {
        let Some(r) = run.take() else {
            return;
        };
        let spacing = r.spacing(*tc);
        if spacing != *tc {
            ops.push(Op::SetCharacterSpacing {
                multiplier: spacing,
            });
            *tc = spacing;
        }
        let size = r.size as f64;
        let (x0, step) = (r.matrix[4] as f64, spacing as f64 * 1000.0 / size);
        let epsilon = KERN_EPSILON_PT * 1000.0 / size;
        // Where the pen is after the glyphs so far, relative to the run's origin, in
        // thousandths of an em (as a viewer advances it: `/W` width plus `Tc`, less kerns).
        let mut pen = 0.0f64;
        let mut glyphs: Vec<Codepoint> = Vec::with_capacity(r.glyphs.len());
        for (codepoint, x, width) in r.glyphs {
            if let Some(last) = glyphs.last_mut() {
                let kern = (pen - (x as f64 - x0) * 1000.0 / size) as f32;
                if (kern as f64).abs() > epsilon {
                    last.offset = kern;
                    pen -= kern as f64;
                }
            }
            pen += width as f64 + step;
            glyphs.push(codepoint);
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Raw(r.matrix),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
    }
}

/// A recorded glyph as the pages draw it: its id in the subset, the character it stands for
/// (its ToUnicode text) and its `/W` width ([`scaled_width`]).
type DrawnGlyph = (u16, char, i64);

/// The `/W` width printpdf writes for glyph `gid` of `font`, in thousandths of an em (its
/// arithmetic, so that kerns computed from it match the widths a viewer advances by).
fn scaled_width(font: &printpdf::ParsedFont, gid: u16) -> i64 {
    let units_per_em = font.pdf_font_metrics.units_per_em as f32;
    font.get_glyph_width(gid)
        .map(|w| (w as f32 * 1000.0 / units_per_em) as i64)
        .unwrap_or(0)
}

/// The operator that opens a marked-content sequence for `tag`: a structure element's (of
/// `leaves`), with the next MCID (recorded in `mcids`), or a pagination artifact.
fn marked_content(tag: Option<tags::Tag>, leaves: &[tags::Leaf], mcids: &mut Vec<usize>) -> Op {
    use std::collections::BTreeMap;
    match tag {
        Some(tags::Tag::Element(e)) => {
            mcids.push(e);
            let mut map = BTreeMap::new();
            map.insert("MCID".to_string(), DictItem::Int(mcids.len() as i64 - 1));
            Op::BeginMarkedContentWithProperties {
                tag: leaves.get(e).map_or("Span", |p| p.tag).into(),
                properties: DictItem::Dict { map },
            }
        }
        _ => {
            let mut map = BTreeMap::new();
            map.insert("Type".to_string(), DictItem::Name(b"Pagination".to_vec()));
            Op::BeginMarkedContentWithProperties {
                tag: "Artifact".into(),
                properties: DictItem::Dict { map },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_streams_are_deflated_once_per_process_page_contents_each_time() {
        let cmap = [
            TO_UNICODE_START,
            &b" 12 dict begin (compress_streams test) ".repeat(40),
        ]
        .concat();
        let program = b"a short font program (compress_streams test) ".repeat(40);
        let page = b"BT /F0 12 Tf (compress_streams test) Tj ET ".repeat(40);
        let drawn = || {
            let mut d = lopdf::Document::with_version("1.7");
            let ids = [
                d.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), cmap.clone())),
                d.add_object(lopdf::Stream::new(
                    lopdf::dictionary! { "Length1" => program.len() as i64 },
                    program.clone(),
                )),
                d.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), page.clone())),
            ];
            compress_streams(&mut d);
            ids.map(|id| match d.get_object(id) {
                Ok(lopdf::Object::Stream(s)) => (s.dict.get(b"Filter").is_ok(), s.content.clone()),
                _ => (false, Vec::new()),
            })
        };
        let first = drawn();
        let cached = |raw: &[u8]| deflated_in_process(raw, stream_key(raw)).is_some();
        assert!(cached(&cmap) && cached(&program), "font streams kept");
        assert!(!cached(&page), "a page's content is the report's own");
        let again = drawn();
        use crate::output::{PDF_DEFLATE_LEVEL as FONTS, PDF_PAGE_DEFLATE_LEVEL as PAGES};
        for ((filtered, z), (raw, level)) in
            first
                .iter()
                .zip([(&cmap, FONTS), (&program, FONTS), (&page, PAGES)])
        {
            assert!(filtered, "every stream deflated");
            assert_eq!(Some(z), zlib(raw, level).as_ref(), "as deflating it gives");
        }
        assert_ne!(zlib(&page, FONTS), zlib(&page, PAGES), "the levels differ");
        // One compressor moved between levels writes what a new one at each level writes.
        for level in [PAGES, FONTS, PAGES] {
            let mut fresh = flate2::Compress::new(flate2::Compression::new(level), true);
            let mut z = Vec::with_capacity(page.len() + 64);
            fresh
                .compress_vec(&page, &mut z, flate2::FlushCompress::Finish)
                .expect("deflates");
            assert_eq!(zlib(&page, level), Some(z), "level {level}");
        }
        assert_eq!(first, again);
    }

    /// The content stream printpdf writes for `ops` on one page drawn with `font`.
    fn content(font: &printpdf::ParsedFont, ops: Vec<Op>) -> Vec<u8> {
        let mut doc = PdfDocument::new("t");
        doc.resources
            .fonts
            .map
            .insert(font_id(0), PdfFont::new(font.clone()));
        doc.pages = vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)];
        let options = PdfSaveOptions {
            optimize: false,
            subset_fonts: false,
            secure: true,
            image_optimization: None,
        };
        let lo = doc.to_lopdf_document(&options, &mut Vec::new());
        let page = lo.get_pages().into_values().next().expect("a page");
        lo.get_page_content(page)
    }

    /// Every glyph's origin `(x, y)` as a viewer places it from `content`: text matrix,
    /// character spacing, `/W` widths (`font`'s, as printpdf writes them) and kerns.
    fn origins(font: &printpdf::ParsedFont, content: &[u8]) -> Vec<(u16, f64, f64)> {
        let ops = lopdf::content::Content::decode(content)
            .expect("content")
            .operations;
        let (mut x, mut y, mut size, mut tc) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        let mut out = Vec::new();
        for op in ops {
            let num = |i: usize| op.operands[i].as_float().expect("number") as f64;
            match op.operator.as_str() {
                "Tf" => size = num(1),
                "Tc" => tc = num(0),
                "Tm" => (x, y) = (num(4), num(5)),
                "TJ" => {
                    for item in op.operands[0].as_array().expect("array") {
                        match item {
                            lopdf::Object::String(b, _) => {
                                let gid = u16::from_be_bytes([b[0], b[1]]);
                                out.push((gid, x, y));
                                x += scaled_width(font, gid) as f64 * size / 1000.0 + tc;
                            }
                            n => x -= n.as_float().expect("kern") as f64 * size / 1000.0,
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The content of `placed` glyphs `(gid, x, y, size)` drawn in runs.
    fn drawn_in_runs(font: &printpdf::ParsedFont, placed: &[(u16, f32, f32, f32)]) -> Vec<u8> {
        let mut ops = vec![Op::StartTextSection];
        let (mut run, mut tc, mut size_now) = (None, 0.0, 0.0);
        for &(gid, x, y, size) in placed {
            if size != size_now {
                GlyphRun::flush(&mut run, (&mut ops, &mut tc));
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(0)),
                    size: Pt(size),
                });
                size_now = size;
            }
            let codepoint = Codepoint {
                gid,
                offset: 0.0,
                cid: Some(char::from(gid as u8 + 29).to_string()),
            };
            let matrix = TextMatrix::Translate(Pt(x), Pt(y)).as_array();
            let width = scaled_width(font, gid);
            GlyphRun::add(
                &mut run,
                (&mut ops, &mut tc),
                matrix,
                size,
                codepoint,
                width,
            );
        }
        GlyphRun::flush(&mut run, (&mut ops, &mut tc));
        ops.push(Op::EndTextSection);
        content(font, ops)
    }

    #[test]
    fn glyph_runs_draw_every_glyph_at_its_origin_and_the_grid_pitch_as_character_spacing() {
        let bytes = include_bytes!("../../fonts/HuibaoSerifLatin-Regular.ttf");
        let font = printpdf::ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("font");
        // A line on a grid (every origin 0.21 pt short of the advance before it, as 28 glyphs
        // of 16 pt in a 156 mm line) with one glyph pulled in by 3 pt (compressed
        // punctuation); origins off the advances by irregular amounts, a glyph drawn twice; a
        // second baseline and a second size.
        let mut placed: Vec<(u16, f32, f32, f32)> = Vec::new();
        let mut x = 72.0f32;
        for (i, gid) in [36u16, 37, 38, 39, 40, 41, 42, 43, 44, 45]
            .into_iter()
            .enumerate()
        {
            placed.push((gid, x, 700.0, 16.0));
            let advance = scaled_width(&font, gid) as f32 * 16.0 / 1000.0;
            x += advance - 0.21 - if i == 4 { 3.0 } else { 0.0 };
        }
        placed.extend([
            (36, 72.0, 671.05, 16.0),
            (37, 80.13, 671.05, 16.0),
            (38, 91.7, 671.05, 16.0),
            (38, 99.25, 671.05, 16.0),
            (41, 120.0, 671.05, 12.0),
        ]);
        let stream = drawn_in_runs(&font, &placed);
        let text = String::from_utf8_lossy(&stream);
        let drawn = origins(&font, &stream);
        assert_eq!(drawn.len(), placed.len(), "{text}");
        for (&(gid, x, y, _), &(g, dx, dy)) in placed.iter().zip(&drawn) {
            assert_eq!(g, gid);
            assert!(
                (dx - x as f64).abs() <= KERN_EPSILON_PT,
                "{gid} at {dx}, not {x}: {text}"
            );
            assert_eq!(dy, y as f64);
        }
        // Three runs (two baselines, two sizes).
        assert_eq!(text.matches(" TJ").count(), 3, "{text}");
        let arrays: Vec<&str> = text
            .split('[')
            .skip(1)
            .filter_map(|t| t.split(']').next())
            .collect();
        let kerns = |a: &str| {
            a.split(['<', '>'])
                .skip(2)
                .step_by(2)
                .filter(|n| n.trim().parse::<f32>().is_ok())
                .count()
        };
        // The grid line: its pitch is the character spacing (written once, −0.21 pt), and the
        // one glyph off the pitch has the one kern (the glyph before it carries it).
        assert_eq!(text.matches(" Tc").count(), 1, "{text}");
        let tc: f32 = text
            .lines()
            .find_map(|l| l.strip_suffix(" Tc"))
            .and_then(|n| n.parse().ok())
            .expect("a Tc");
        assert!((tc + 0.21).abs() < 1e-4, "{text}");
        assert_eq!(
            (arrays[0].matches('<').count(), kerns(arrays[0])),
            (10, 1),
            "{text}"
        );
        // The irregular line: no gap occurs twice, so the spacing stays; three kerns.
        assert_eq!(
            (arrays[1].matches('<').count(), kerns(arrays[1])),
            (4, 3),
            "{text}"
        );
    }
}
