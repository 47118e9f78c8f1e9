//! Fonts for printpdf: each face's subset program (made once per document by
//! [`crate::fonts::subset`], shared with the OFD writer) handed to printpdf as a
//! [`printpdf::ParsedFont`] named `ABCDEF+PostScriptName`.
//!
//! printpdf only subsets with its heavy `text_layout` feature, so the subset is made beforehand
//! and printpdf embeds it whole. The subset keeps no usable `cmap`; the pages therefore draw
//! glyph ids and carry each glyph's text (`Codepoint::cid`), from which printpdf writes the
//! ToUnicode map.
//!
//! A TrueType subset is embedded without its `name` table: a PDF's font program needs only
//! the tables that draw glyphs (ISO 32000-1 §9.9), the PDF names the font itself, and the names
//! (copyright, designer, URLs) are ≈ 0.6 KB per face deflated. The OFD writer keeps them.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make these modules the odd ones out.
#![allow(clippy::result_large_err)]

use crate::diag::texts::output as texts;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::fonts::subset::UsedFont;
use std::sync::Arc;

/// Programs without their `name` table, by the program they were made from: the reports of a
/// batch share their subset programs ([`crate::fonts::subset`]), and each took a copy and a
/// checksum of its whole program (160 KB for a body face) to strip again. An entry holds its
/// program, so no other program can take its address while it is kept.
static STRIPPED: crate::recent::Recent<Stripped> = crate::recent::Recent::new(32);

/// A program and the same without its `name` table.
type Stripped = (Arc<Vec<u8>>, Arc<Vec<u8>>);

/// `program` without its `name` table ([`without_name_table`]), stripped once per program.
fn stripped(program: &Arc<Vec<u8>>) -> Arc<Vec<u8>> {
    if let Some((_, s)) = STRIPPED.find(|(p, _)| Arc::ptr_eq(p, program)) {
        return s;
    }
    let s = match without_name_table(program) {
        std::borrow::Cow::Borrowed(_) => Arc::clone(program),
        std::borrow::Cow::Owned(owned) => Arc::new(owned),
    };
    STRIPPED.keep((Arc::clone(program), Arc::clone(&s)));
    s
}

/// Parses `program`, the subset of `used`, for printpdf, named [`UsedFont::name`].
pub fn parsed_font(
    used: &UsedFont,
    program: &Arc<Vec<u8>>,
) -> Result<printpdf::ParsedFont, Diagnostic> {
    // The subset has no usable cmap; printpdf warns about that, and we draw glyph ids.
    let mut warnings = Vec::new();
    let program = stripped(program);
    let mut parsed =
        printpdf::ParsedFont::from_bytes(&program, 0, &mut warnings).ok_or_else(|| {
            let family = used.face().family();
            Diagnostic::error(
                Code::PdfFont,
                texts::font_not_embedded(family, texts::subset_unreadable()),
            )
        })?;
    parsed.font_name = Some(used.name());
    Ok(parsed)
}

/// `program` without its `name` table when it is a TrueType font that has one (else as is):
/// the table directory shortened, later tables moved up (4-byte aligned as before), and the
/// whole-font checksum in `head` made anew.
fn without_name_table(program: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use std::borrow::Cow;
    let be16 = |at: usize| -> Option<usize> {
        let b = program.get(at..at + 2)?;
        Some(u16::from_be_bytes([b[0], b[1]]) as usize)
    };
    let be32 = |at: usize| -> Option<usize> {
        let b = program.get(at..at + 4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    if !(program.starts_with(&[0, 1, 0, 0]) || program.starts_with(b"true")) {
        return Cow::Borrowed(program);
    }
    let Some(n) = be16(4) else {
        return Cow::Borrowed(program);
    };
    // (tag, checksum, offset, length) of every table but `name`.
    let mut tables = Vec::with_capacity(n);
    let mut had_name = false;
    for i in 0..n {
        let at = 12 + 16 * i;
        let (Some(tag), Some(sum), Some(off), Some(len)) = (
            program.get(at..at + 4),
            be32(at + 4),
            be32(at + 8),
            be32(at + 12),
        ) else {
            return Cow::Borrowed(program);
        };
        if program.get(off..off + len).is_none() {
            return Cow::Borrowed(program);
        }
        if tag == b"name" {
            had_name = true;
        } else {
            tables.push((tag, sum, off, len));
        }
    }
    if !had_name {
        return Cow::Borrowed(program);
    }
    let n = tables.len();
    let mut out = Vec::with_capacity(program.len());
    out.extend_from_slice(&program[..4]);
    out.extend_from_slice(&(n as u16).to_be_bytes());
    let mut pow = 1usize;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    out.extend_from_slice(&((pow * 16) as u16).to_be_bytes());
    out.extend_from_slice(&log.to_be_bytes());
    out.extend_from_slice(&((n * 16 - pow * 16) as u16).to_be_bytes());
    let mut offset = 12 + 16 * n;
    let mut head_at = None;
    for &(tag, sum, _, len) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&(sum as u32).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(len as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += len.next_multiple_of(4);
    }
    for &(_, _, off, len) in &tables {
        out.extend_from_slice(&program[off..off + len]);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    // head.checkSumAdjustment = 0xB1B0AFBA − the font's checksum with the field at zero.
    if let Some(at) = head_at.filter(|&at| at + 12 <= out.len()) {
        out[at + 8..at + 12].fill(0);
        let sum = out.chunks(4).fold(0u32, |s, c| {
            let mut w = [0u8; 4];
            w[..c.len()].copy_from_slice(c);
            s.wrapping_add(u32::from_be_bytes(w))
        });
        out[at + 8..at + 12].copy_from_slice(&0xB1B0_AFBAu32.wrapping_sub(sum).to_be_bytes());
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_is_stripped_once_and_a_program_without_names_is_shared() {
        let font = Arc::new(include_bytes!("../../fonts/HuibaoSerifLatin-Regular.ttf").to_vec());
        let first = stripped(&font);
        assert_eq!(first.as_slice(), &*without_name_table(&font));
        assert!(Arc::ptr_eq(&first, &stripped(&font)), "made once");
        // Equal bytes in another allocation are another program (stripped alike).
        let copy = Arc::new(font.to_vec());
        let other = stripped(&copy);
        assert!(!Arc::ptr_eq(&first, &other));
        assert_eq!(first, other);
        // Nothing to strip: the program itself.
        let bare = Arc::new(first.to_vec());
        assert!(Arc::ptr_eq(&stripped(&bare), &bare));
    }

    #[test]
    fn a_truetype_subset_loses_its_name_table_and_keeps_every_glyph() {
        let font = include_bytes!("../../fonts/HuibaoSerifLatin-Regular.ttf");
        let before = ttf_parser::Face::parse(font, 0).unwrap();
        assert!(before.tables().name.is_some_and(|n| !n.names.is_empty()));
        let stripped = without_name_table(font);
        assert!(stripped.len() < font.len());
        let after = ttf_parser::Face::parse(&stripped, 0).unwrap();
        assert_eq!(after.names().len(), 0);
        assert_eq!(after.number_of_glyphs(), before.number_of_glyphs());
        assert_eq!(after.units_per_em(), before.units_per_em());
        for ch in ['A', 'z', '0', '9'] {
            let g = before.glyph_index(ch).unwrap();
            assert_eq!(after.glyph_index(ch), Some(g));
            assert_eq!(after.glyph_hor_advance(g), before.glyph_hor_advance(g));
            assert_eq!(after.glyph_bounding_box(g), before.glyph_bounding_box(g));
        }
        // Every table kept is byte for byte the original (but head's checksum adjustment).
        for t in before.raw_face().table_records {
            let tag = t.tag.to_bytes();
            if &tag == b"name" {
                continue;
            }
            let mut old = before.raw_face().table(t.tag).unwrap().to_vec();
            let mut new = after.raw_face().table(t.tag).unwrap().to_vec();
            if &tag == b"head" {
                old[8..12].fill(0);
                new[8..12].fill(0);
            }
            assert_eq!(new, old, "{}", String::from_utf8_lossy(&tag));
        }
        // The whole font sums to 0xB1B0AFBA, as its head's checksum adjustment intends.
        let sum = stripped.chunks(4).fold(0u32, |s, c| {
            let mut w = [0u8; 4];
            w[..c.len()].copy_from_slice(c);
            s.wrapping_add(u32::from_be_bytes(w))
        });
        assert_eq!(sum, 0xB1B0_AFBA);
        // A CFF program is left alone.
        assert!(matches!(
            without_name_table(b"OTTO\0\0"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
