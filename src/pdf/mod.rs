//! PDF backend: the laid-out pages drawn glyph by glyph with embedded subset fonts.
//!
//! The layout engine ([`crate::layout`]) has already decided where every character goes; this
//! module only draws: each [`Glyph`] at its `x_pt` on its line's baseline (PDF y = page height −
//! baseline), in its role's font and size, placed absolutely with a text matrix (`Tm`) at the
//! start of each run and `TJ` adjustments inside it, so no position depends on font metrics the
//! layout did not use. Fonts are subset and embedded ([`embed`]); the file is written by
//! [`objects`] without dates or random ids, so equal inputs give equal bytes.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make these modules the odd ones out.
#![allow(clippy::result_large_err)]

mod embed;
mod objects;

use std::fmt::Write as _;
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::fonts::FontSet;
use crate::layout::{Glyph, Page};
use crate::style::{Style, PT_PER_MM};

use embed::UsedFont;
use objects::{num, text_string, PdfWriter};

/// A glyph ready to draw: index of its font in the used-font list, glyph id, size, the glyph.
type Placed = (usize, u16, f32, Glyph);

/// Writes `pages` as an A4 (per `style`) PDF with subset fonts from `fonts`.
pub fn write(pages: &[Page], fonts: &FontSet, style: &Style) -> Result<Vec<u8>, Diagnostic> {
    write_titled(pages, fonts, style, None)
}

/// Like [`write`], with the document title in the PDF metadata.
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
                            used[i].add(r.gid, g.ch);
                            (i, r.gid, r.size_pt, *g)
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    for u in &mut used {
        u.number_glyphs();
    }

    let mut w = PdfWriter::new();
    let (catalog, page_tree, info, resources) =
        (w.reserve(), w.reserve(), w.reserve(), w.reserve());
    let mut font_refs = String::new();
    for (i, u) in used.iter().enumerate() {
        let id = u.write(&mut w)?;
        let _ = write!(font_refs, "/F{i} {id} 0 R ");
    }
    w.object(resources, &format!("<< /Font << {}>> >>", font_refs));

    let width = style.page.width_mm * PT_PER_MM;
    let height = style.page.height_mm * PT_PER_MM;
    let mut kids = Vec::with_capacity(pages.len());
    for (page, lines) in pages.iter().zip(&placed) {
        let content = content_stream(page, lines, &used, height);
        let (page_id, content_id) = (w.reserve(), w.reserve());
        w.stream(content_id, "", content.as_bytes());
        w.object(
            page_id,
            &format!(
                "<< /Type /Page /Parent {page_tree} 0 R /MediaBox [0 0 {} {}] \
                 /Resources {resources} 0 R /Contents {content_id} 0 R >>",
                num(width),
                num(height)
            ),
        );
        kids.push(format!("{page_id} 0 R"));
    }
    w.object(
        page_tree,
        &format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        ),
    );
    w.object(
        catalog,
        &format!("<< /Type /Catalog /Pages {page_tree} 0 R >>"),
    );
    let title = title.map_or_else(String::new, |t| format!(" /Title {}", text_string(t)));
    w.object(info, &format!("<< /Producer (huibao){title} >>"));
    Ok(w.finish(catalog, info))
}

/// One page's drawing operators: per line, runs of glyphs in one font and size, each run placed
/// with `Tm` and its glyphs spaced with `TJ` adjustments to their exact `x_pt`.
fn content_stream(
    page: &Page,
    lines: &[Vec<Placed>],
    used: &[UsedFont],
    page_height: f32,
) -> String {
    let mut s = String::from("BT\n");
    let mut current: Option<(usize, f32)> = None;
    for (line, glyphs) in page.lines.iter().zip(lines) {
        let y = page_height - line.baseline_pt;
        let mut pen: Option<f32> = None; // where the next glyph of the open run would land
        let mut open = false;
        for &(font, gid, size, g) in glyphs {
            if current != Some((font, size)) {
                if open {
                    s.push_str("] TJ\n");
                    open = false;
                }
                let _ = writeln!(s, "/F{font} {} Tf", num(size));
                current = Some((font, size));
                pen = None;
            }
            match pen {
                Some(p) if open => {
                    let adjust = (p - g.x_pt) * 1000.0 / size;
                    if adjust.abs() >= 0.0005 {
                        let _ = write!(s, " {}", num(adjust));
                    }
                }
                _ => {
                    if open {
                        s.push_str("] TJ\n");
                    }
                    let _ = write!(s, "1 0 0 1 {} {} Tm [", num(g.x_pt), num(y));
                    open = true;
                }
            }
            let u = &used[font];
            let _ = write!(s, "<{:04X}>", u.code(gid));
            pen = Some(g.x_pt + u.width_1000(gid) * size / 1000.0);
        }
        if open {
            s.push_str("] TJ\n");
        }
    }
    s.push_str("ET\n");
    s
}
