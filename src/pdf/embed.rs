//! Embedding fonts: subset with the `subsetter` crate, named `ABCDEF+Name`, with a ToUnicode map.
//!
//! Each face used on the pages becomes a Type0 font with Identity-H encoding whose codes are the
//! glyph ids of the subset (subsetter renumbers glyphs and makes CFF fonts CID-keyed with CID =
//! glyph id, so one scheme fits TrueType and CFF). TrueType subsets are embedded as
//! `CIDFontType2`/`FontFile2`; CFF subsets (Noto CJK) as `CIDFontType0`/`FontFile3` with the bare
//! CFF table (`CIDFontType0C`), FontBBox taken from the original `head` table. The ToUnicode map
//! sends every code back to the character that asked for it, so `pdftotext` returns the text.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make these modules the odd ones out.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use subsetter::GlyphRemapper;

use super::objects::{fnv1a, num, PdfWriter};
use crate::diag::Diagnostic;
use crate::fonts::face::Face;

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

    /// The code (subset glyph id) of an original glyph, after [`UsedFont::number_glyphs`].
    pub fn code(&self, gid: u16) -> u16 {
        self.remapper.get(gid).unwrap_or(0)
    }

    /// Advance of original glyph `gid` in thousandths of an em, rounded as the `/W` array says,
    /// so positions computed from it match what viewers compute.
    pub fn width_1000(&self, gid: u16) -> f32 {
        (self.face.advance_em(gid) * 100_000.0).round() / 100.0
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

    /// Writes the font's objects and returns the Type0 font's object number.
    pub fn write(&self, w: &mut PdfWriter) -> Result<u32, Diagnostic> {
        let face = &self.face;
        let fail = |e: String| {
            Diagnostic::error(
                "E-PDF-FONT",
                format!("无法嵌入字体 {}：{e}", face.family()),
                format!("cannot embed the font {}: {e}", face.family()),
            )
        };
        let subset = subsetter::subset(face.data(), face.index(), &self.remapper)
            .map_err(|e| fail(e.to_string()))?;
        let name = format!("{}+{}", self.tag(), face.postscript_name());
        let (type0, cid_font, descriptor, file, to_unicode) = (
            w.reserve(),
            w.reserve(),
            w.reserve(),
            w.reserve(),
            w.reserve(),
        );

        let cff = face.is_cff();
        if cff {
            let raw = ttf_parser::RawFace::parse(&subset, 0).map_err(|e| fail(e.to_string()))?;
            let table = raw
                .table(ttf_parser::Tag::from_bytes(b"CFF "))
                .ok_or_else(|| fail("no CFF table in the subset".into()))?;
            w.stream(file, "/Subtype /CIDFontType0C", table);
        } else {
            w.stream(file, &format!("/Length1 {}", subset.len()), &subset);
        }

        let [x0, y0, x1, y1] = face.bbox_1000();
        let (ascent, descent, cap) = face.vertical_metrics_1000();
        w.object(
            descriptor,
            &format!(
                "<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [{} {} {} {}] \
                 /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV 80 /{} {file} 0 R >>",
                num(x0),
                num(y0),
                num(x1),
                num(y1),
                num(ascent),
                num(descent),
                num(cap),
                if cff { "FontFile3" } else { "FontFile2" },
            ),
        );

        let mut widths = String::new();
        for (code, gid) in self.remapper.remapped_gids().enumerate() {
            let _ = write!(widths, "{} ", num(self.width_1000(gid)));
            if code % 16 == 15 {
                widths.push('\n');
            }
        }
        let subtype = if cff {
            "/CIDFontType0"
        } else {
            "/CIDFontType2 /CIDToGIDMap /Identity"
        };
        w.object(
            cid_font,
            &format!(
                "<< /Type /Font /Subtype {subtype} /BaseFont /{name} \
                 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                 /FontDescriptor {descriptor} 0 R /DW 1000 /W [0 [{}]] >>",
                widths.trim_end()
            ),
        );
        w.stream(to_unicode, "", self.to_unicode().as_bytes());
        w.object(
            type0,
            &format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H \
                 /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
            ),
        );
        Ok(type0)
    }

    /// The ToUnicode CMap: every code to the UTF-16 of its character.
    fn to_unicode(&self) -> String {
        let mut s = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let pairs: Vec<(u16, char)> = self
            .glyphs
            .iter()
            .map(|(&gid, &ch)| (self.code(gid), ch))
            .collect();
        for chunk in pairs.chunks(100) {
            let _ = writeln!(s, "{} beginbfchar", chunk.len());
            for &(code, ch) in chunk {
                let mut units = [0u16; 2];
                let hex: String = ch
                    .encode_utf16(&mut units)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                let _ = writeln!(s, "<{code:04X}> <{hex}>");
            }
            s.push_str("endbfchar\n");
        }
        s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        s
    }
}
