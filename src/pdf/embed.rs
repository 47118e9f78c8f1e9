//! Fonts for printpdf: each face used on the pages, subset with the `subsetter` crate and handed
//! to printpdf as a [`printpdf::ParsedFont`] named `ABCDEF+PostScriptName`.
//!
//! printpdf only subsets with its heavy `text_layout` feature, so the subset is made here and
//! printpdf embeds it whole. subsetter renumbers glyphs (in original glyph order, so the numbering
//! is deterministic) and makes CFF fonts CID-keyed with CID = glyph id, so one code scheme fits
//! TrueType and CFF. The subset keeps no usable `cmap`; the pages therefore draw glyph ids and
//! carry each glyph's text (`Codepoint::cid`), from which printpdf writes the ToUnicode map.
//! The six-letter subset tag is a hash of the face and its glyph set, never a counter.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make these modules the odd ones out.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use subsetter::GlyphRemapper;

use super::patch::fnv1a;
use crate::diag::Diagnostic;
use crate::fonts::face::{Face, Origin};
use crate::fonts::reposition::{move_glyphs, Move};

/// A face (by where its bytes come from), the original glyph ids of a subset, and the glyphs
/// whose outlines are moved in it (glyph id, offsets and advance in font units).
type SubsetKey = (Origin, u32, Vec<u16>, Vec<(u16, i16, i16, u16)>);

/// How many subsets one process keeps: a batch's meetings mostly share their glyph sets, and a
/// subset of the example's body face is ≈ 100 KB.
const SUBSET_CACHE_ENTRIES: usize = 256;

/// Subsets already made in this process, so the reports of a batch (and a `watch` loop) subset
/// each face to each glyph set once. A subset depends only on the face and the glyph ids, so a
/// cached one is byte-for-byte the one a fresh process would make.
fn subset_cache() -> &'static Mutex<HashMap<SubsetKey, (printpdf::ParsedFont, bool)>> {
    static CACHE: OnceLock<Mutex<HashMap<SubsetKey, (printpdf::ParsedFont, bool)>>> =
        OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// One face used on the pages, with the glyphs drawn from it.
pub struct UsedFont {
    face: Arc<Face>,
    /// Original glyph id → the first character drawn with it (for ToUnicode).
    glyphs: BTreeMap<u16, char>,
    /// Original glyph id → its outline offset and advance in em, for glyphs placed away from
    /// the layout's origin ([`crate::fonts::placement`]).
    moves: BTreeMap<u16, (f32, f32, f32)>,
    remapper: GlyphRemapper,
}

impl UsedFont {
    /// A face with no glyphs yet.
    pub fn new(face: Arc<Face>) -> Self {
        UsedFont {
            face,
            glyphs: BTreeMap::new(),
            moves: BTreeMap::new(),
            remapper: GlyphRemapper::new(),
        }
    }

    /// The face.
    pub fn face(&self) -> &Arc<Face> {
        &self.face
    }

    /// Records that `gid` draws `ch`, its outline offset by (`dx_em`, `dy_em`) and its advance
    /// `advance_em` (see [`crate::fonts::Resolved`]); the first placement of a glyph wins.
    pub fn add(&mut self, gid: u16, ch: char, dx_em: f32, dy_em: f32, advance_em: f32) {
        self.glyphs.entry(gid).or_insert(ch);
        if dx_em != 0.0 || dy_em != 0.0 {
            self.moves.entry(gid).or_insert((dx_em, dy_em, advance_em));
        }
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

    /// The PDF font name, `ABCDEF+PostScriptName`.
    pub fn name(&self) -> String {
        format!("{}+{}", self.tag(), self.face.postscript_name())
    }

    /// Subsets the face to the recorded glyphs, moves the outlines of placed glyphs inside the
    /// subset when it is TrueType ([`crate::fonts::reposition`]), and parses the subset for
    /// printpdf, named [`UsedFont::name`]. The flag says whether the outlines were moved; if
    /// not, the pages must move those glyphs' origins instead.
    pub fn parsed_font(&self) -> Result<(printpdf::ParsedFont, bool), Diagnostic> {
        let face = &self.face;
        let upm = face.units_per_em();
        let moves: Vec<Move> = self
            .moves
            .iter()
            .map(|(&gid, &(dx, dy, advance))| Move {
                gid: self.code(gid),
                dx: (dx * upm).round() as i16,
                dy: (dy * upm).round() as i16,
                advance: (advance * upm).round() as u16,
            })
            .collect();
        let key: SubsetKey = (
            face.origin().clone(),
            face.index(),
            self.glyphs.keys().copied().collect(),
            moves
                .iter()
                .map(|m| (m.gid, m.dx, m.dy, m.advance))
                .collect(),
        );
        // A poisoned lock only means another thread panicked while inserting; the map is valid.
        if let Some(parsed) = subset_cache()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Ok(parsed.clone());
        }
        let fail = |e: String| {
            Diagnostic::error(
                "E-PDF-FONT",
                format!("无法嵌入字体 {}：{e}", face.family()),
                format!("cannot embed the font {}: {e}", face.family()),
            )
        };
        let subset = subsetter::subset(face.data(), face.index(), &self.remapper)
            .map_err(|e| fail(e.to_string()))?;
        let subset = super::cff::strip_hints(&subset).unwrap_or(subset);
        let moved = if moves.is_empty() {
            None
        } else {
            move_glyphs(&subset, &moves)
        };
        let outlines_moved = moved.is_some();
        let subset = moved.unwrap_or(subset);
        // The subset has no usable cmap; printpdf warns about that, and we draw glyph ids.
        let mut warnings = Vec::new();
        let mut parsed = printpdf::ParsedFont::from_bytes(&subset, 0, &mut warnings)
            .ok_or_else(|| fail("printpdf cannot read the subset".into()))?;
        parsed.font_name = Some(self.name());
        let mut cache = subset_cache().lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= SUBSET_CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key, (parsed.clone(), outlines_moved));
        Ok((parsed, outlines_moved))
    }
}
