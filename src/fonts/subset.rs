//! The font programs that the writers of laid-out pages embed (PDF and OFD alike): which glyphs
//! of which faces the pages draw, and each face cut down to those glyphs.
//!
//! Subsetting is done here once per document and handed to every writer, so writing both a PDF
//! and an OFD subsets each face once. The `subsetter` crate renumbers glyphs (in original glyph
//! order, so the numbering is deterministic) and makes CFF fonts CID-keyed with CID = glyph id,
//! so one code scheme fits TrueType and CFF. The subset keeps no usable `cmap`: writers draw
//! glyph ids and carry each glyph's text beside it (PDF: ToUnicode; OFD: `CGTransform`). The
//! six-letter subset tag is a hash of the face and its glyph set, never a counter.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make this module the odd one out.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::sync::Arc;

use subsetter::GlyphRemapper;

use super::face::Face;
use super::FontSet;
use crate::diag::Diagnostic;
use crate::layout::{Glyph, Page};
use crate::output::fnv1a;

/// One face used on the pages, with the glyphs drawn from it.
pub struct UsedFont {
    face: Arc<Face>,
    /// Original glyph id → the first character drawn with it (for ToUnicode).
    glyphs: BTreeMap<u16, char>,
    remapper: GlyphRemapper,
}

impl UsedFont {
    /// A face with no glyphs yet.
    pub fn new(face: Arc<Face>) -> Self {
        UsedFont {
            face,
            glyphs: BTreeMap::new(),
            remapper: GlyphRemapper::new(),
        }
    }

    /// The face.
    pub fn face(&self) -> &Arc<Face> {
        &self.face
    }

    /// Records that `gid` draws `ch`.
    pub fn add(&mut self, gid: u16, ch: char) {
        self.glyphs.entry(gid).or_insert(ch);
    }

    /// Fixes the subset's glyph numbering (in original glyph order, so it is deterministic).
    pub fn number_glyphs(&mut self) {
        for &gid in self.glyphs.keys() {
            self.remapper.remap(gid);
        }
    }

    /// The glyph id in the subset of an original glyph, after [`UsedFont::number_glyphs`].
    pub fn code(&self, gid: u16) -> u16 {
        self.remapper.get(gid).unwrap_or(0)
    }

    /// The character drawn with original glyph `gid` (what ToUnicode maps it back to).
    pub fn text(&self, gid: u16) -> String {
        self.glyphs
            .get(&gid)
            .map(char::to_string)
            .unwrap_or_default()
    }

    /// The six-letter subset tag: a hash of the face name and glyph set, letters A–Z.
    fn tag(&self) -> String {
        let mut key = self.face.postscript_name().into_bytes();
        for gid in self.glyphs.keys() {
            key.extend_from_slice(&gid.to_be_bytes());
        }
        let mut h = fnv1a(&key, 7);
        (0..6)
            .map(|_| {
                let c = (b'A' + (h % 26) as u8) as char;
                h /= 26;
                c
            })
            .collect()
    }

    /// The subset font's name, `ABCDEF+PostScriptName`.
    pub fn name(&self) -> String {
        format!("{}+{}", self.tag(), self.face.postscript_name())
    }

    /// The face cut down to the recorded glyphs (CFF hints dropped, see `fonts/cff.rs`).
    pub fn program(&self) -> Result<Vec<u8>, Diagnostic> {
        let face = &self.face;
        let subset = subsetter::subset(face.data(), face.index(), &self.remapper).map_err(|e| {
            Diagnostic::error(
                "E-PDF-FONT",
                format!("无法嵌入字体 {}：{e}", face.family()),
                format!("cannot embed the font {}: {e}", face.family()),
            )
        })?;
        Ok(super::cff::strip_hints(&subset).unwrap_or(subset))
    }

    /// Whether the subset is an OpenType font with CFF outlines (else TrueType outlines).
    pub fn is_cff(program: &[u8]) -> bool {
        program.starts_with(b"OTTO")
    }
}

/// A glyph ready to draw: its font (index into [`Embedded::used`]), original glyph id, size in
/// points, and the layout's glyph.
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    /// Index of the glyph's face in [`Embedded::used`].
    pub font: usize,
    /// Original glyph id in the face ([`UsedFont::code`] gives the subset's).
    pub gid: u16,
    /// Font size in points.
    pub size_pt: f32,
    /// The laid-out glyph.
    pub glyph: Glyph,
}

/// The pages' glyphs resolved to faces, and each face's subset program.
pub struct Embedded {
    /// The faces used, in order of first use.
    pub used: Vec<UsedFont>,
    /// Per page, per line, the glyphs with their faces.
    pub placed: Vec<Vec<Vec<Placed>>>,
    /// The subset font program of each used face.
    pub programs: Vec<Vec<u8>>,
}

impl Embedded {
    /// Resolves every glyph of `pages` through `fonts` and subsets the faces (in parallel:
    /// subsetting is most of a writer's cost).
    pub fn new(pages: &[Page], fonts: &FontSet) -> Result<Embedded, Diagnostic> {
        let mut used: Vec<UsedFont> = Vec::new();
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
                                let i =
                                    match used.iter().position(|u| Arc::ptr_eq(u.face(), r.face)) {
                                        Some(i) => i,
                                        None => {
                                            used.push(UsedFont::new(Arc::clone(r.face)));
                                            used.len() - 1
                                        }
                                    };
                                used[i].add(r.gid, g.ch);
                                Placed {
                                    font: i,
                                    gid: r.gid,
                                    size_pt: r.size_pt,
                                    glyph: *g,
                                }
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        for u in &mut used {
            u.number_glyphs();
        }
        let programs = {
            use rayon::prelude::*;
            used.par_iter()
                .map(UsedFont::program)
                .collect::<Result<_, _>>()?
        };
        Ok(Embedded {
            used,
            placed,
            programs,
        })
    }
}
