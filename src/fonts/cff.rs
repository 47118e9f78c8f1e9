//! Drops the hints from the CFF outlines of a subset font before it is embedded.
//!
//! Noto CJK's charstrings carry stem hints (`hstem`/`vstem`/`hintmask` …) that make up about a
//! sixth of each glyph; zlib does not squeeze them out, so they cost 25 KB of the example's PDF.
//! Hints only steer rasterisers at screen sizes; print ignores them, and huibao's built-in fonts
//! carry none already (`fonts/make-builtin.py` drops them), so installed and built-in fonts now
//! embed the same way. The subset comes from `subsetter`, which desubroutinizes every charstring
//! and writes the CharStrings INDEX last in the CFF table; so only that INDEX is rewritten, in
//! place, and the font file around the table is rebuilt. Anything unexpected (subroutine calls,
//! arithmetic operators, a malformed structure) leaves the font as it was.

/// `font` (an OpenType file with a `CFF ` table) with the hints removed from its charstrings,
/// or `None` when it has no CFF table or anything in it is not as expected.
pub fn strip_hints(font: &[u8]) -> Option<Vec<u8>> {
    let tables = read_tables(font)?;
    let cff = tables.iter().find(|t| &t.0 == b"CFF ")?.1;
    let new_cff = strip_cff(cff)?;
    let tables: Vec<([u8; 4], &[u8])> = tables
        .iter()
        .map(|&(tag, data)| (tag, if &tag == b"CFF " { &new_cff[..] } else { data }))
        .collect();
    Some(write_tables(font.get(0..4)?, &tables))
}

/// The tables of an sfnt file: (tag, data).
fn read_tables(font: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let count = usize::from(u16::from_be_bytes(font.get(4..6)?.try_into().ok()?));
    (0..count)
        .map(|i| {
            let rec = font.get(12 + 16 * i..12 + 16 * (i + 1))?;
            let tag: [u8; 4] = rec[0..4].try_into().ok()?;
            let offset = u32::from_be_bytes(rec[8..12].try_into().ok()?) as usize;
            let len = u32::from_be_bytes(rec[12..16].try_into().ok()?) as usize;
            Some((tag, font.get(offset..offset.checked_add(len)?)?))
        })
        .collect()
}

/// An sfnt file of `tables` (sorted by tag, 4-byte aligned, checksums computed).
fn write_tables(version: &[u8], tables: &[([u8; 4], &[u8])]) -> Vec<u8> {
    let n = tables.len() as u16;
    let mut pow = 1u16;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(version);
    for v in [n, pow * 16, log, n * 16 - pow * 16] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut sorted = tables.to_vec();
    sorted.sort_by_key(|t| t.0);
    let mut offset = 12 + 16 * sorted.len();
    for (tag, data) in &sorted {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &sorted {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// A CFF table with the CharStrings INDEX (which must end the table) rewritten without hints.
fn strip_cff(cff: &[u8]) -> Option<Vec<u8>> {
    let header_size = usize::from(*cff.get(2)?);
    let (_names, next) = read_index(cff, header_size)?;
    let (top_dicts, _) = read_index(cff, next)?;
    let charstrings_at = dict_offset(top_dicts.first()?, 17)?;
    let (charstrings, end) = read_index(cff, charstrings_at)?;
    if end != cff.len() {
        return None;
    }
    let stripped: Vec<Vec<u8>> = charstrings
        .iter()
        .map(|cs| strip_charstring(cs))
        .collect::<Option<_>>()?;
    let mut out = cff[..charstrings_at].to_vec();
    write_index(&mut out, &stripped);
    Some(out)
}

/// The items of the INDEX at `at` and the offset just past it.
fn read_index(data: &[u8], at: usize) -> Option<(Vec<&[u8]>, usize)> {
    let count = usize::from(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?));
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let off_size = usize::from(*data.get(at + 2)?);
    if !(1..=4).contains(&off_size) {
        return None;
    }
    let offset = |i: usize| -> Option<usize> {
        let start = at + 3 + i * off_size;
        let bytes = data.get(start..start + off_size)?;
        Some(bytes.iter().fold(0usize, |v, &b| v << 8 | usize::from(b)))
    };
    let base = at + 3 + (count + 1) * off_size - 1;
    let items = (0..count)
        .map(|i| data.get(base + offset(i)?..base + offset(i + 1)?))
        .collect::<Option<Vec<_>>>()?;
    Some((items, base + offset(count)?))
}

fn write_index(out: &mut Vec<u8>, items: &[Vec<u8>]) {
    out.extend_from_slice(&(items.len() as u16).to_be_bytes());
    if items.is_empty() {
        return;
    }
    let last = items.iter().map(Vec::len).sum::<usize>() as u64 + 1;
    let off_size = (1..4).find(|&n| last < 1u64 << (8 * n)).unwrap_or(4);
    out.push(off_size as u8);
    let mut offset = 1u64;
    out.extend_from_slice(&offset.to_be_bytes()[8 - off_size..]);
    for item in items {
        offset += item.len() as u64;
        out.extend_from_slice(&offset.to_be_bytes()[8 - off_size..]);
    }
    for item in items {
        out.extend_from_slice(item);
    }
}

/// The single integer operand of operator `op` (one byte) in a DICT.
fn dict_offset(dict: &[u8], op: u8) -> Option<usize> {
    let mut operands: Vec<i64> = Vec::new();
    let mut i = 0;
    while i < dict.len() {
        let b0 = dict[i];
        match b0 {
            28 => {
                let v = i16::from_be_bytes(dict.get(i + 1..i + 3)?.try_into().ok()?);
                operands.push(i64::from(v));
                i += 3;
            }
            29 => {
                let v = i32::from_be_bytes(dict.get(i + 1..i + 5)?.try_into().ok()?);
                operands.push(i64::from(v));
                i += 5;
            }
            30 => {
                // Real number: nibbles up to an 0xf nibble.
                i += 1;
                while i < dict.len() {
                    let b = dict[i];
                    i += 1;
                    if b & 0x0f == 0x0f || b >> 4 == 0x0f {
                        break;
                    }
                }
                operands.push(0);
            }
            32..=246 => {
                operands.push(i64::from(b0) - 139);
                i += 1;
            }
            247..=250 => {
                let b1 = i64::from(*dict.get(i + 1)?);
                operands.push((i64::from(b0) - 247) * 256 + b1 + 108);
                i += 2;
            }
            251..=254 => {
                let b1 = i64::from(*dict.get(i + 1)?);
                operands.push(-(i64::from(b0) - 251) * 256 - b1 - 108);
                i += 2;
            }
            12 => {
                operands.clear();
                i += 2;
            }
            _ => {
                if b0 == op {
                    return usize::try_from(*operands.last()?).ok();
                }
                operands.clear();
                i += 1;
            }
        }
    }
    None
}

/// A Type 2 charstring without its hint operators; the advance width, which rides on the
/// first stack-clearing operator, is kept. `None` for anything this does not handle
/// (subroutine calls, arithmetic, a truncated program).
fn strip_charstring(cs: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(cs.len());
    // Byte ranges of the operands since the last operator.
    let mut args: Vec<(usize, usize)> = Vec::new();
    let mut stems = 0usize;
    let mut width_seen = false;
    let mut i = 0;
    while i < cs.len() {
        let b0 = cs[i];
        let len = match b0 {
            28 => 3,
            32..=246 => 1,
            247..=254 => 2,
            255 => 5,
            _ => 0,
        };
        if len > 0 {
            cs.get(i..i + len)?;
            args.push((i, i + len));
            i += len;
            continue;
        }
        // An operator. The width is an extra first operand of the first stack-clearing one.
        let (op, op_len) = if b0 == 12 {
            (1200 + u16::from(*cs.get(i + 1)?), 2)
        } else {
            (u16::from(b0), 1)
        };
        let has_width = !width_seen
            && match op {
                1 | 3 | 18 | 23 | 19 | 20 => args.len() % 2 == 1,
                21 => args.len() == 3,
                4 | 22 => args.len() == 2,
                14 => args.len() == 1 || args.len() == 5,
                _ => false,
            };
        if matches!(op, 1 | 3 | 18 | 23 | 19 | 20 | 21 | 4 | 22 | 14) {
            width_seen = true;
        }
        let (width, rest) = if has_width {
            (Some(args[0]), &args[1..])
        } else {
            (None, &args[..])
        };
        match op {
            // hstem, vstem, hstemhm, vstemhm: dropped with their operands (the width kept).
            1 | 3 | 18 | 23 => {
                stems += rest.len() / 2;
                if let Some((a, b)) = width {
                    out.extend_from_slice(&cs[a..b]);
                }
                i += op_len;
            }
            // hintmask, cntrmask: operands before them are implicit vstems; the mask follows.
            19 | 20 => {
                stems += rest.len() / 2;
                if let Some((a, b)) = width {
                    out.extend_from_slice(&cs[a..b]);
                }
                i += op_len + stems.div_ceil(8);
                if i > cs.len() {
                    return None;
                }
            }
            // Path construction, endchar and the flex family: copied as they are.
            4..=8 | 14 | 21 | 22 | 24..=27 | 30 | 31 | 1234..=1237 => {
                for &(a, b) in &args {
                    out.extend_from_slice(&cs[a..b]);
                }
                out.extend_from_slice(&cs[i..i + op_len]);
                i += op_len;
            }
            // Subroutine calls, arithmetic, storage, anything else: leave the font alone.
            _ => return None,
        }
        args.clear();
    }
    if !args.is_empty() {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Encodes small integers as Type 2 operands.
    fn num(v: i32) -> Vec<u8> {
        match v {
            -107..=107 => vec![(v + 139) as u8],
            108..=1131 => {
                let v = v - 108;
                vec![(v / 256 + 247) as u8, (v % 256) as u8]
            }
            -1131..=-108 => {
                let v = -v - 108;
                vec![(v / 256 + 251) as u8, (v % 256) as u8]
            }
            _ => {
                let mut b = vec![28];
                b.extend_from_slice(&(v as i16).to_be_bytes());
                b
            }
        }
    }

    fn program(parts: &[&[i32]], ops: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        for (args, op) in parts.iter().zip(ops) {
            for &a in *args {
                out.extend(num(a));
            }
            out.extend_from_slice(op);
        }
        out
    }

    #[test]
    fn hints_go_and_the_width_and_outline_stay() {
        // width 500, two hstems, one vstem via hintmask (3 stems → 1 mask byte), a path.
        let mut cs = program(
            &[&[500, 10, 20, 30, 40], &[50, 60], &[100, 200], &[300], &[]],
            &[&[18], &[19, 0b1110_0000], &[21], &[6], &[14]],
        );
        let stripped = strip_charstring(&cs).expect("stripped");
        let want = program(&[&[500, 100, 200], &[300], &[]], &[&[21], &[6], &[14]]);
        assert_eq!(stripped, want);
        // Without a width, nothing of the hints is left.
        cs = program(&[&[10, 20], &[100, 200], &[]], &[&[1], &[21], &[14]]);
        assert_eq!(
            strip_charstring(&cs).expect("stripped"),
            program(&[&[100, 200], &[]], &[&[21], &[14]])
        );
    }

    #[test]
    fn subroutine_calls_leave_the_program_alone() {
        let cs = program(&[&[5], &[]], &[&[10], &[14]]);
        assert_eq!(strip_charstring(&cs), None);
    }

    #[test]
    fn an_index_reads_back_what_was_written() {
        let items = vec![vec![1u8, 2, 3], vec![], vec![4u8; 300]];
        let mut out = vec![0xAA];
        write_index(&mut out, &items);
        let (read, end) = read_index(&out, 1).expect("index");
        assert_eq!(read, items.iter().map(Vec::as_slice).collect::<Vec<_>>());
        assert_eq!(end, out.len());
    }

    /// Every outline command of glyph `gid`, as ttf-parser reads it.
    fn outline(font: &[u8], gid: u16) -> String {
        struct Rec(String);
        impl ttf_parser::OutlineBuilder for Rec {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("M{x} {y}");
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("L{x} {y}");
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                self.0 += &format!("Q{a} {b} {x} {y}");
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                self.0 += &format!("C{a} {b} {c} {d} {x} {y}");
            }
            fn close(&mut self) {
                self.0 += "Z";
            }
        }
        let face = ttf_parser::Face::parse(font, 0).expect("font parses");
        let mut rec = Rec(String::new());
        face.outline_glyph(ttf_parser::GlyphId(gid), &mut rec);
        rec.0
    }

    #[test]
    fn noto_subset_keeps_every_outline_and_loses_its_hints() {
        let path = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
        let Ok(data) = std::fs::read(path) else {
            eprintln!("skipped: {path} is not installed (fonts-noto-cjk)");
            return;
        };
        let face = ttf_parser::Face::parse(&data, 3).expect("TC face");
        let mut remapper = subsetter::GlyphRemapper::new();
        let text = "盧氏縣全民素質行動計劃綱要落實情況彙報，。“”——";
        for ch in text.chars() {
            remapper.remap(face.glyph_index(ch).expect("glyph").0);
        }
        let subset = subsetter::subset(&data, 3, &remapper).expect("subset");
        let stripped = strip_hints(&subset).expect("stripped");
        let cff_len = |f: &[u8]| {
            read_tables(f)
                .and_then(|t| t.iter().find(|t| &t.0 == b"CFF ").map(|t| t.1.len()))
                .expect("CFF table")
        };
        assert!(
            cff_len(&stripped) * 10 < cff_len(&subset) * 9,
            "{} → {}",
            cff_len(&subset),
            cff_len(&stripped)
        );
        let glyphs = remapper.num_gids();
        for gid in 0..glyphs {
            assert_eq!(
                outline(&subset, gid),
                outline(&stripped, gid),
                "glyph {gid}"
            );
        }
        assert!(!outline(&stripped, 1).is_empty());
        // Stripping again changes nothing: no hint is left.
        assert_eq!(strip_hints(&stripped).expect("again"), stripped);
    }

    #[test]
    fn fonts_without_a_cff_table_are_not_touched() {
        let tables = [(*b"glyf", &[0u8; 8][..]), (*b"head", &[1u8; 54][..])];
        let font = write_tables(&[0, 1, 0, 0], &tables);
        assert_eq!(read_tables(&font).expect("tables").len(), 2);
        assert_eq!(strip_hints(&font), None);
    }
}
