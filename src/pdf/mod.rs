//! PDF backend: the laid-out pages drawn glyph by glyph with printpdf and embedded subset fonts.
//!
//! The layout engine ([`crate::layout`]) has already decided where every character goes; this
//! module only draws: each [`Glyph`] at its `x_pt` on its line's baseline (PDF y = page height −
//! baseline), in its role's font and size, placed absolutely with printpdf's
//! `SetTextMatrix` (`Tm`; never `SetTextCursor`, which printpdf writes as the relative `Td`).
//! printpdf merges the glyphs of one baseline into one `TJ` whose adjustments land every glyph
//! on its `x_pt`, so no position depends on font metrics the layout did not use. Fonts are
//! subset here (`embed`) and added under content-derived resource names; printpdf builds the
//! objects, and `patch` makes its output deterministic (trailer `/ID` from a content hash, no
//! dates), so equal inputs give equal bytes in any process.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make these modules the odd ones out.
#![allow(clippy::result_large_err)]

mod cff;
mod embed;
mod patch;

use std::sync::Arc;

use printpdf::{
    Codepoint, Color, FontId, Line as PdfLine, LinePoint, Mm, Op, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rgb, TextItem,
    TextMatrix, TextRenderingMode,
};

use crate::diag::Diagnostic;
use crate::fonts::FontSet;
use crate::layout::{Glyph, Page};
use crate::model::RunRole;
use crate::style::{Style, PT_PER_MM};

use embed::UsedFont;

/// A glyph ready to draw: index of its font in the used-font list, glyph id, size, the glyph at
/// the layout's position, and its in-cell offset in points ([`crate::fonts::Resolved::dx_em`],
/// x right and y up), applied to the origin only where the font's outlines could not be moved.
type Placed = (usize, u16, f32, Glyph, (f32, f32));

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
    let mut used: Vec<UsedFont> = Vec::new();
    // Pass 1: which glyphs of which faces are drawn.
    let placed: Vec<Vec<Vec<Placed>>> = pages
        .iter()
        .map(|page| {
            page.lines
                .iter()
                .map(|line| {
                    line.glyphs
                        .iter()
                        .map(|g| {
                            let r = fonts.glyph_or_notdef(g.role, g.ch);
                            let i = match used.iter().position(|u| Arc::ptr_eq(u.face(), r.face)) {
                                Some(i) => i,
                                None => {
                                    used.push(UsedFont::new(Arc::clone(r.face)));
                                    used.len() - 1
                                }
                            };
                            used[i].add(r.gid, g.ch, r.dx_em, r.dy_em, r.advance_em);
                            let offset = (r.dx_em * r.size_pt, r.dy_em * r.size_pt);
                            (i, r.gid, r.size_pt, *g, offset)
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    for u in &mut used {
        u.number_glyphs();
    }

    let mut doc = PdfDocument::new(title.unwrap_or_default());
    // Resource names by order of first use: the same document always gets the same names,
    // whatever printpdf's process-wide id counter says.
    // Subsetting is most of the PDF's cost; the faces are subset in parallel.
    let parsed: Vec<(printpdf::ParsedFont, bool)> = {
        use rayon::prelude::*;
        used.par_iter()
            .map(UsedFont::parsed_font)
            .collect::<Result<_, _>>()?
    };
    let outlines_moved: Vec<bool> = parsed.iter().map(|p| p.1).collect();
    for (i, (font, _)) in parsed.into_iter().enumerate() {
        doc.resources
            .fonts
            .map
            .insert(font_id(i), PdfFont::new(font));
    }
    let (width_mm, height_mm) = (style.page.width_mm, style.page.height_mm);
    doc.pages = pages
        .iter()
        .zip(&placed)
        .map(|(page, lines)| {
            let ops = page_ops(
                page,
                lines,
                (&used, &outlines_moved),
                style,
                height_mm * PT_PER_MM,
            );
            PdfPage::new(Mm(width_mm), Mm(height_mm), ops)
        })
        .collect();

    // printpdf's own compression (optimize) deflates at level 9; level 6 is 4 ms faster on the
    // example for 0.5 % more bytes, so the streams are compressed here.
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| {
        Diagnostic::error(
            "E-PDF-WRITE",
            format!("无法生成 PDF：{e}"),
            format!("cannot write the PDF: {e}"),
        )
    })?;
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(Diagnostic::error(
            "E-PDF-WRITE",
            format!("无法生成 PDF：{}", w.msg),
            format!("cannot write the PDF: {}", w.msg),
        ));
    }
    patch::finish(&bytes, title).map_err(|e| {
        Diagnostic::error(
            "E-PDF-WRITE",
            format!("无法生成 PDF：{e}"),
            format!("cannot write the PDF: {e}"),
        )
    })
}

/// A dash of a 破折号 (——) or a 一字线 (—).
fn is_dash(ch: char) -> bool {
    matches!(ch, '\u{2014}' | '\u{2015}')
}

/// The text matrix for a dash at `x` whose cell neighbours on the `joins` sides (left, right)
/// are dashes too: the glyph is stretched horizontally so that its ink reaches the shared cell
/// edge, and —— reads as one unbroken line as in 仿宋_GB2312 (Noto CJK's dash ink stops 0.07 em
/// short of each edge). A lone dash, or the outer ends of ——, keep the font's own side bearings.
fn dash_matrix(
    face: &crate::fonts::face::Face,
    gid: u16,
    size: f32,
    x: f32,
    y: f32,
    joins: (bool, bool),
) -> TextMatrix {
    let advance = face.advance_em(gid);
    let Some((ink_l, ink_r)) = face.ink_x_em(gid) else {
        return TextMatrix::Translate(Pt(x), Pt(y));
    };
    if ink_r - ink_l <= 0.0 || (!joins.0 && !joins.1) {
        return TextMatrix::Translate(Pt(x), Pt(y));
    }
    let left = if joins.0 { 0.0 } else { ink_l };
    let right = if joins.1 { advance } else { ink_r };
    let scale = (right - left) / (ink_r - ink_l);
    let tx = x + (left - ink_l * scale) * size;
    TextMatrix::Raw([scale, 0.0, 0.0, 1.0, tx, y])
}

/// Deflates (zlib level 6) every stream printpdf allows to be compressed and left unfiltered,
/// where that makes it smaller.
fn compress_streams(doc: &mut lopdf::Document) {
    use rayon::prelude::*;
    doc.objects.par_iter_mut().for_each(|(_, object)| {
        let lopdf::Object::Stream(stream) = object else {
            return;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            return;
        }
        if let Some(compressed) = deflated(&stream.content) {
            if compressed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    });
}

/// Streams at least this long (font programs, not page contents) are deflated once per process.
const DEFLATE_CACHE_MIN_BYTES: usize = 16 * 1024;

/// How many deflated streams one process keeps.
const DEFLATE_CACHE_ENTRIES: usize = 256;

/// Raw stream → its deflated bytes, for the long streams that repeat across a batch (font
/// programs), keyed by a hash and confirmed by comparing the raw bytes.
type DeflateCache = std::collections::HashMap<u64, Vec<(Arc<Vec<u8>>, Arc<Vec<u8>>)>>;

/// `raw` deflated at zlib level 6; a long stream deflated before in this process is taken from
/// the cache (deflate is deterministic, so the bytes are the same either way).
fn deflated(raw: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<(DeflateCache, usize)>> = OnceLock::new();
    let cached = raw.len() >= DEFLATE_CACHE_MIN_BYTES;
    let key = patch::fnv1a(raw, raw.len() as u64);
    let cache = CACHE.get_or_init(Default::default);
    if cached {
        let map = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, z)) = map
            .0
            .get(&key)
            .and_then(|v| v.iter().find(|(r, _)| r.as_slice() == raw))
        {
            return Some(z.as_ref().clone());
        }
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let compressed = encoder
        .write_all(raw)
        .and_then(|()| encoder.finish())
        .ok()?;
    if cached {
        let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
        if map.1 >= DEFLATE_CACHE_ENTRIES {
            *map = Default::default();
        }
        map.1 += 1;
        map.0
            .entry(key)
            .or_default()
            .push((Arc::new(raw.to_vec()), Arc::new(compressed.clone())));
    }
    Some(compressed)
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

/// Stroke width, in em, that emboldens a regular face for a role set `bold` (Word's synthetic
/// bold thickens strokes by about this much).
const FAUX_BOLD_EM: f32 = 0.03;

/// One page's drawing operations: each line a text object, each glyph placed with an absolute text matrix (printpdf joins
/// the glyphs of a baseline into one `TJ`), the font set again only when it changes. A role set
/// `bold` in the style whose face is not bold is drawn filled and stroked, as the DOCX asks Word
/// to embolden it (黑体 never, as in the DOCX).
///
/// A glyph with an in-cell offset is drawn at the layout's position when its font's outlines were
/// moved (`moved[font]`), else from an origin moved by the offset.
fn page_ops(
    page: &Page,
    lines: &[Vec<Placed>],
    (used, moved): (&[UsedFont], &[bool]),
    style: &Style,
    page_height: f32,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut current: Option<(usize, f32)> = None;
    let mut emboldened: Option<f32> = None;
    let mut red_fill = false;
    // One text object per line (a table cell's line is a line of its own), in reading order,
    // so text extraction reads a table row by row and cell by cell.
    for (line, glyphs) in page.lines.iter().zip(lines) {
        if glyphs.is_empty() {
            continue;
        }
        ops.push(Op::StartTextSection);
        let y = page_height - line.baseline_pt;
        for (i, &(font, gid, size, g, (dx, dy))) in glyphs.iter().enumerate() {
            let (g, y) = if moved[font] {
                (g, y)
            } else {
                (
                    Glyph {
                        x_pt: g.x_pt + dx,
                        ..g
                    },
                    y + dy,
                )
            };
            // The masthead (发文机关标志) is red; everything else black.
            let red = g.role == RunRole::Masthead;
            if red != red_fill {
                ops.push(Op::SetFillColor {
                    col: if red { gbt_red() } else { black() },
                });
                red_fill = red;
            }
            if current != Some((font, size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(font)),
                    size: Pt(size),
                });
                current = Some((font, size));
            }
            let u = &used[font];
            let spec = style.fonts.for_role(g.role);
            let bold = (spec.is_bold() && !u.face().is_bold()).then_some(size * FAUX_BOLD_EM);
            if bold != emboldened {
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
            let joins = |j: Option<usize>| {
                j.and_then(|j| glyphs.get(j))
                    .is_some_and(|o| is_dash(o.3.ch) && (o.3.x_pt - g.x_pt).abs() <= size * 1.01)
            };
            let matrix = if is_dash(g.ch) {
                let (left, right) = (joins(i.checked_sub(1)), joins(Some(i + 1)));
                dash_matrix(u.face(), gid, size, g.x_pt, y, (left, right))
            } else {
                TextMatrix::Translate(Pt(g.x_pt), Pt(y))
            };
            ops.push(Op::SetTextMatrix { matrix });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint {
                    gid: u.code(gid),
                    offset: 0.0,
                    cid: Some(u.text(gid)),
                }])],
            });
        }
        ops.push(Op::EndTextSection);
    }
    if red_fill {
        ops.push(Op::SetFillColor { col: black() });
    }
    // Table borders and the 版记's rules in black, the separator under the document number red.
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
    ops
}
