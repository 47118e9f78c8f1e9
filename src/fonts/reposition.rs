//! Moves glyphs inside a TrueType font program: the embedded-font side of [`super::placement`].
//!
//! A glyph drawn away from the origin the layout gave it (a narrow quote pushed to the right
//! side of its cell, punctuation centred for a Traditional report) could be drawn from a moved
//! origin, but text extraction (pdftotext) reads the gap such a move leaves as a space. So a
//! writer that embeds a TrueType subset moves the outline instead: glyph `g` becomes a composite
//! glyph that draws a copy of the original (appended at the end of the font) offset by (dx, dy),
//! with the advance of a whole cell. The origin stays at the cell's left edge, the advance is the
//! cell, and the ink sits where [`super::placement`] says. CFF fonts (no composite glyphs) are
//! left to the writer's fallback of moving the origin.

/// One glyph to move: glyph id in the font, offset in font units (x right, y up), new advance
/// in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    /// The glyph id.
    pub gid: u16,
    /// Horizontal offset of the outline, in font units.
    pub dx: i16,
    /// Vertical offset of the outline, in font units.
    pub dy: i16,
    /// The glyph's new advance width, in font units.
    pub advance: u16,
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

fn i16_at(data: &[u8], at: usize) -> Option<i16> {
    u16_at(data, at).map(|v| v as i16)
}

fn set_u16(data: &mut [u8], at: usize, value: u16) {
    if let Some(slot) = data.get_mut(at..at + 2) {
        slot.copy_from_slice(&value.to_be_bytes());
    }
}

/// The font's tables by tag, in directory order.
fn tables(font: &[u8]) -> Option<Vec<([u8; 4], Vec<u8>)>> {
    let count = usize::from(u16_at(font, 4)?);
    (0..count)
        .map(|i| {
            let rec = 12 + 16 * i;
            let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
            let offset = u32_at(font, rec + 8)? as usize;
            let len = u32_at(font, rec + 12)? as usize;
            Some((tag, font.get(offset..offset + len)?.to_vec()))
        })
        .collect()
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// Writes an sfnt with `tables` (sorted by tag), 4-byte aligned, checksums filled in.
fn assemble(version: u32, mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    let n = tables.len() as u16;
    let power = if n == 0 {
        0
    } else {
        15 - n.leading_zeros() as u16
    };
    let search_range = 16u16 << power;
    let mut out = Vec::new();
    out.extend_from_slice(&version.to_be_bytes());
    for v in [n, search_range, power, n * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * tables.len() + body.len();
    }
    out.extend_from_slice(&body);
    out
}

/// `font` (a TrueType sfnt, as a subsetter writes it) with every glyph of `moves` drawn offset
/// and given its new advance; `None` when the font is not TrueType or not readable, in which case
/// nothing is moved. Glyphs with no outline are left alone.
pub fn move_glyphs(font: &[u8], moves: &[Move]) -> Option<Vec<u8>> {
    let version = u32_at(font, 0)?;
    let mut tables = tables(font)?;
    let find =
        |tables: &[([u8; 4], Vec<u8>)], tag: &[u8; 4]| tables.iter().position(|t| &t.0 == tag);
    let (head, maxp, hhea, hmtx, loca, glyf) = (
        find(&tables, b"head")?,
        find(&tables, b"maxp")?,
        find(&tables, b"hhea")?,
        find(&tables, b"hmtx")?,
        find(&tables, b"loca")?,
        find(&tables, b"glyf")?,
    );
    let num_glyphs = u16_at(&tables[maxp].1, 4)?;
    let long_loca = i16_at(&tables[head].1, 50)? == 1;
    let loca_at = |i: u16| -> Option<usize> {
        let data = &tables[loca].1;
        if long_loca {
            u32_at(data, 4 * usize::from(i)).map(|v| v as usize)
        } else {
            u16_at(data, 2 * usize::from(i)).map(|v| 2 * usize::from(v))
        }
    };
    let glyph = |i: u16| -> Option<Vec<u8>> {
        let (start, end) = (loca_at(i)?, loca_at(i + 1)?);
        tables[glyf].1.get(start..end).map(<[u8]>::to_vec)
    };
    let n_metrics = u16_at(&tables[hhea].1, 34)?;
    let metric = |i: u16| -> Option<(u16, i16)> {
        let data = &tables[hmtx].1;
        if i < n_metrics {
            Some((
                u16_at(data, 4 * usize::from(i))?,
                i16_at(data, 4 * usize::from(i) + 2)?,
            ))
        } else {
            let last = u16_at(data, 4 * usize::from(n_metrics - 1))?;
            let lsb_at = 4 * usize::from(n_metrics) + 2 * usize::from(i - n_metrics);
            Some((last, i16_at(data, lsb_at)?))
        }
    };

    let mut glyphs: Vec<Vec<u8>> = (0..num_glyphs).map(glyph).collect::<Option<_>>()?;
    let mut metrics: Vec<(u16, i16)> = (0..num_glyphs).map(metric).collect::<Option<_>>()?;
    for m in moves {
        let original = glyphs.get(usize::from(m.gid))?.clone();
        if original.len() < 10 {
            continue;
        }
        let copy = u16::try_from(glyphs.len()).ok()?;
        let bbox: Vec<i16> = (0..4)
            .map(|k| i16_at(&original, 2 + 2 * k))
            .collect::<Option<_>>()?;
        let moved = [
            bbox[0].saturating_add(m.dx),
            bbox[1].saturating_add(m.dy),
            bbox[2].saturating_add(m.dx),
            bbox[3].saturating_add(m.dy),
        ];
        let mut composite = Vec::with_capacity(20);
        composite.extend_from_slice(&(-1i16).to_be_bytes());
        for v in moved {
            composite.extend_from_slice(&v.to_be_bytes());
        }
        // ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES, one component.
        composite.extend_from_slice(&0x0003u16.to_be_bytes());
        composite.extend_from_slice(&copy.to_be_bytes());
        composite.extend_from_slice(&m.dx.to_be_bytes());
        composite.extend_from_slice(&m.dy.to_be_bytes());
        metrics.push(metrics[usize::from(m.gid)]);
        metrics[usize::from(m.gid)] = (m.advance, moved[0]);
        glyphs.push(original);
        glyphs[usize::from(m.gid)] = composite;
    }
    let total = u16::try_from(glyphs.len()).ok()?;

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (glyphs.len() + 1));
    for g in &glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        new_glyf.extend_from_slice(g);
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_hmtx = Vec::with_capacity(4 * metrics.len());
    for (advance, lsb) in &metrics {
        new_hmtx.extend_from_slice(&advance.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    let max_advance = metrics.iter().map(|m| m.0).max().unwrap_or(0);

    tables[glyf].1 = new_glyf;
    tables[loca].1 = new_loca;
    tables[hmtx].1 = new_hmtx;
    set_u16(&mut tables[head].1, 50, 1);
    // A checksum adjustment of 0: PDF readers do not check it.
    if let Some(slot) = tables[head].1.get_mut(8..12) {
        slot.copy_from_slice(&[0; 4]);
    }
    set_u16(&mut tables[hhea].1, 34, total);
    set_u16(&mut tables[hhea].1, 10, max_advance);
    let maxp_data = &mut tables[maxp].1;
    set_u16(maxp_data, 4, total);
    if u32_at(maxp_data, 0) == Some(0x0001_0000) {
        for at in [28, 30] {
            let v = u16_at(maxp_data, at).unwrap_or(0).max(1);
            set_u16(maxp_data, at, v);
        }
    }
    // Glyph names (post version 2) would no longer match the glyph count: keep none.
    if let Some(post) = find(&tables, b"post") {
        let data = &mut tables[post].1;
        if data.len() >= 32 {
            data.truncate(32);
            data[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        }
    }
    Some(assemble(version, tables))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::families;

    #[test]
    fn a_moved_glyph_keeps_its_id_and_draws_its_outline_offset() {
        let b = families::builtin(families::Class::Kai, false);
        let face = ttf_parser::Face::parse(b.data, 0).expect("built-in Kai");
        let gid = face.glyph_index('“').expect("quote").0;
        let before = face
            .glyph_bounding_box(ttf_parser::GlyphId(gid))
            .expect("ink");
        let moved = move_glyphs(
            b.data,
            &[Move {
                gid,
                dx: 500,
                dy: -20,
                advance: 1000,
            }],
        )
        .expect("TrueType");
        let after = ttf_parser::Face::parse(&moved, 0).expect("the moved font parses");
        assert_eq!(after.number_of_glyphs(), face.number_of_glyphs() + 1);
        assert_eq!(
            after.glyph_hor_advance(ttf_parser::GlyphId(gid)),
            Some(1000)
        );
        // The outline itself, not only the header, is offset.
        struct Bounds(f32, f32, f32, f32);
        impl ttf_parser::OutlineBuilder for Bounds {
            fn move_to(&mut self, x: f32, y: f32) {
                self.line_to(x, y);
            }
            fn line_to(&mut self, x: f32, y: f32) {
                (self.0, self.1) = (self.0.min(x), self.1.min(y));
                (self.2, self.3) = (self.2.max(x), self.3.max(y));
            }
            fn quad_to(&mut self, _: f32, _: f32, x: f32, y: f32) {
                self.line_to(x, y);
            }
            fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, x: f32, y: f32) {
                self.line_to(x, y);
            }
            fn close(&mut self) {}
        }
        let mut bounds = Bounds(f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        after.outline_glyph(ttf_parser::GlyphId(gid), &mut bounds);
        assert_eq!(bounds.0, f32::from(before.x_min) + 500.0);
        assert_eq!(bounds.2, f32::from(before.x_max) + 500.0);
        assert_eq!(bounds.1, f32::from(before.y_min) - 20.0);
        // Other glyphs are untouched.
        let han = face.glyph_index('中').expect("hanzi");
        assert_eq!(after.glyph_bounding_box(han), face.glyph_bounding_box(han));
        assert_eq!(after.glyph_hor_advance(han), face.glyph_hor_advance(han));
    }

    #[test]
    fn a_cff_font_is_not_moved() {
        let b = families::builtin(families::Class::Hei, false);
        assert_eq!(move_glyphs(b.data, &[]), None);
    }
}
