//! The number formats of an .xls (BIFF8, Excel 97–2003) sheet's cells, which calamine does not
//! give: the workbook stream is read from the compound file, its FORMAT and XF records give
//! each extended format's number format code, and the sheet's NUMBER, RK, MULRK and FORMULA
//! records give each numeric cell's extended format. Older BIFF versions give none.

use std::collections::HashMap;

use super::read::{number_shape, Shape};

/// The end of a sector chain in the compound file.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sector ids at or above this are markers, not sectors.
const MAX_SECTOR: u32 = 0xFFFF_FFFA;

/// The shape of each numeric cell of `sheet` in the .xls file `file` (its bytes) whose number
/// format is not General, by 0-based (row, column). A file that cannot be read so (not BIFF8,
/// damaged) gives none: its numbers then show as stored, as calamine read them.
pub fn shapes(file: &[u8], sheet: &str) -> HashMap<(u32, u32), Shape> {
    workbook_stream(file)
        .and_then(|stream| sheet_shapes(&stream, sheet))
        .unwrap_or_default()
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// A compound file (the container of an .xls) read far enough to follow its sector chains.
struct Compound<'a> {
    file: &'a [u8],
    /// Sector size in bytes.
    size: usize,
    /// Mini sector size in bytes.
    mini: usize,
    /// Streams shorter than this live in the mini stream.
    cutoff: usize,
    /// The sector allocation table: each sector's next.
    fat: Vec<u32>,
}

impl<'a> Compound<'a> {
    fn parse(file: &'a [u8]) -> Option<Compound<'a>> {
        if file.get(..8)? != b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
            return None;
        }
        let shift = u16_at(file, 30)?;
        let mini_shift = u16_at(file, 32)?;
        if !(7..=16).contains(&shift) || mini_shift > shift {
            return None;
        }
        let mut c = Compound {
            file,
            size: 1usize << shift,
            mini: 1usize << mini_shift,
            cutoff: u32_at(file, 56)? as usize,
            fat: Vec::new(),
        };
        // The FAT's sectors: 109 in the header, the rest in the DIFAT chain. No FAT has more
        // sectors than the file holds, which also ends a DIFAT chain that loops.
        let sectors = file.len() / c.size;
        let fat_count = (u32_at(file, 44)? as usize).min(sectors);
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(file, 76 + 4 * i))
            .filter(|id| *id < MAX_SECTOR)
            .collect();
        let mut difat = u32_at(file, 68)?;
        let per = c.size / 4 - 1;
        while difat < MAX_SECTOR && fat_sectors.len() < fat_count {
            let s = c.sector(difat)?;
            let ids = (0..per).filter_map(|i| u32_at(s, 4 * i));
            fat_sectors.extend(ids.filter(|id| *id < MAX_SECTOR));
            difat = u32_at(s, 4 * per)?;
        }
        c.fat = fat_sectors
            .iter()
            .take(fat_count)
            .filter_map(|id| c.sector(*id))
            .flat_map(|s| {
                s.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            })
            .collect();
        Some(c)
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize + 1).checked_mul(self.size)?;
        self.file.get(start..start + self.size)
    }

    /// The bytes of the sector chain from `start`; `None` for a chain that leaves the file or
    /// runs longer than it (a cycle).
    fn chain(&self, start: u32) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN {
            if id >= MAX_SECTOR || out.len() > self.file.len() {
                return None;
            }
            out.extend_from_slice(self.sector(id)?);
            id = *self.fat.get(id as usize)?;
        }
        Some(out)
    }

    /// The directory's 128-byte entries.
    fn entries(&self) -> Option<Vec<Vec<u8>>> {
        let dir = self.chain(u32_at(self.file, 48)?)?;
        Some(dir.chunks_exact(128).map(<[u8]>::to_vec).collect())
    }

    /// The stream of directory entry `entry` (`root` is the root entry, holding the mini
    /// stream).
    fn stream(&self, root: &[u8], entry: &[u8]) -> Option<Vec<u8>> {
        let start = u32_at(entry, 116)?;
        let len = u32_at(entry, 120)? as usize;
        let mut stream = if len < self.cutoff {
            // A small stream lives in the mini stream (the root entry's chain), in mini sectors.
            let mini = self.chain(u32_at(root, 116)?)?;
            let mini_fat: Vec<u32> = self
                .chain(u32_at(self.file, 60)?)?
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            let m = self.mini;
            let mut out = Vec::new();
            let mut id = start;
            while id != END_OF_CHAIN {
                if id >= MAX_SECTOR || out.len() > mini.len() {
                    return None;
                }
                let at = id as usize * m;
                out.extend_from_slice(mini.get(at..at + m)?);
                id = *mini_fat.get(id as usize)?;
            }
            out
        } else {
            self.chain(start)?
        };
        stream.truncate(len);
        Some(stream)
    }
}

/// The compound file's `Workbook` stream.
fn workbook_stream(file: &[u8]) -> Option<Vec<u8>> {
    let c = Compound::parse(file)?;
    let entries = c.entries()?;
    let root = entries.first()?;
    let entry = entries
        .iter()
        .find(|e| e[66] == 2 && entry_name(e) == "Workbook")?;
    c.stream(root, entry)
}

/// The name of directory entry `e`.
fn entry_name(e: &[u8]) -> String {
    let len = (u16_at(e, 64).unwrap_or(0) as usize).min(64);
    let name: Vec<u16> = e[..len]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|c| *c != 0)
        .collect();
    String::from_utf16_lossy(&name)
}

/// Whether every chain of the compound file `file` ends inside it: its directory and the
/// streams it lists, the mini stream and its table. calamine follows these chains without a
/// bound, so a damaged .xls whose chain loops would run until memory is exhausted; such a
/// file is refused before calamine opens it. A file that is not a compound file is left to
/// calamine's own error.
pub fn container_is_sound(file: &[u8]) -> bool {
    if file.get(..8) != Some(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".as_slice()) {
        return true;
    }
    let Some(c) = Compound::parse(file) else {
        return false;
    };
    let Some(entries) = c.entries() else {
        return false;
    };
    let Some(root) = entries.first() else {
        return false;
    };
    // The root's chain is the mini stream; streams (type 2) are read by size.
    c.chain(u32_at(root, 116).unwrap_or(END_OF_CHAIN)).is_some()
        && entries
            .iter()
            .filter(|e| e[66] == 2)
            .all(|e| c.stream(root, e).is_some())
}

/// The BIFF records of `stream` from `at`: (type, data), up to and including EOF.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let typ = u16_at(stream, at)?;
        let len = u16_at(stream, at + 2)? as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        done = typ == 0x000A;
        Some((typ, data))
    })
}

/// An `XLUnicodeString` (`cch` 16-bit) or `ShortXLUnicodeString` (`cch` 8-bit) at the start of
/// `b`.
fn unicode_string(b: &[u8], short: bool) -> Option<String> {
    let (cch, at) = if short {
        (usize::from(*b.first()?), 1)
    } else {
        (usize::from(u16_at(b, 0)?), 2)
    };
    let high = b.get(at)? & 1 == 1;
    let chars = &b[at + 1..];
    if high {
        let units: Vec<u16> = chars
            .get(..2 * cch)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(chars.get(..cch)?.iter().map(|&c| char::from(c)).collect())
    }
}

/// The format code of a built-in number format (ECMA-376 18.8.30) that shows digits.
fn builtin_code(id: u16) -> Option<&'static str> {
    Some(match id {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        37 | 38 => "#,##0 ;(#,##0)",
        39 | 40 => "#,##0.00;(#,##0.00)",
        41 | 42 => "#,##0",
        43 | 44 => "#,##0.00",
        48 => "##0.0E+0",
        _ => return None,
    })
}

fn sheet_shapes(stream: &[u8], sheet: &str) -> Option<HashMap<(u32, u32), Shape>> {
    let mut codes: HashMap<u16, String> = HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut sheet_at = None;
    for (i, (typ, data)) in records(stream, 0).enumerate() {
        match typ {
            // BOF: BIFF8 only.
            0x0809 if i == 0 && u16_at(data, 0)? != 0x0600 => return None,
            // FORMAT
            0x041E => {
                codes.insert(u16_at(data, 0)?, unicode_string(data.get(2..)?, false)?);
            }
            // XF: its number format id.
            0x00E0 => xf_formats.push(u16_at(data, 2)?),
            // BoundSheet8: the sheet's BOF offset and name.
            0x0085 if unicode_string(data.get(6..)?, true)? == sheet => {
                sheet_at = Some(u32_at(data, 0)? as usize);
            }
            _ => {}
        }
    }
    let xf_shapes: Vec<Shape> = xf_formats
        .iter()
        .map(|id| {
            codes
                .get(id)
                .map(String::as_str)
                .or_else(|| builtin_code(*id))
                .map(number_shape)
                .unwrap_or_default()
        })
        .collect();
    let mut shapes = HashMap::new();
    let mut put = |row: u16, col: u32, xf: u16| {
        let shape = xf_shapes.get(usize::from(xf)).copied().unwrap_or_default();
        if shape != Shape::default() {
            shapes.insert((u32::from(row), col), shape);
        }
    };
    for (typ, data) in records(stream, sheet_at?).skip(1) {
        match typ {
            // NUMBER, RK, FORMULA: row, column, XF.
            0x0203 | 0x027E | 0x0006 => put(
                u16_at(data, 0)?,
                u32::from(u16_at(data, 2)?),
                u16_at(data, 4)?,
            ),
            // MULRK: row, first column, (XF, RK)…, last column.
            0x00BD => {
                let row = u16_at(data, 0)?;
                let first = u16_at(data, 2)?;
                let cells = data.get(4..data.len().checked_sub(2)?)?;
                // Counted in u32: a damaged record's first column may be the last u16.
                for (col, rk) in (u32::from(first)..).zip(cells.chunks_exact(6)) {
                    put(row, col, u16_at(rk, 0)?);
                }
            }
            // A nested BOF (a chart) ends what is read.
            0x0809 => break,
            _ => {}
        }
    }
    Some(shapes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_looping_difat_chain_reads_no_more_fat_sectors_than_the_file_holds() {
        // Header: 512-byte sectors, a FAT count of 2^32 − 1, the DIFAT starting at sector 0;
        // sector 0 is a DIFAT sector whose next is itself.
        let mut file = vec![0u8; 512 * 4];
        file[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
        file[30..32].copy_from_slice(&9u16.to_le_bytes());
        file[32..34].copy_from_slice(&6u16.to_le_bytes());
        file[44..48].copy_from_slice(&u32::MAX.to_le_bytes());
        file[68..72].copy_from_slice(&0u32.to_le_bytes());
        file[76..512].fill(0xFF);
        file[512 + 508..1024].copy_from_slice(&0u32.to_le_bytes());
        let c = Compound::parse(&file).expect("a container");
        // No more FAT sectors than the file has (4 here, 128 entries each), read once.
        assert_eq!(c.fat.len(), 4 * 128);
    }

    #[test]
    fn damaged_files_give_no_shapes_and_do_not_panic() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for len in [0usize, 8, 100, 512, 513, 1536, 4096] {
            for _ in 0..200 {
                let mut file: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                if len >= 8 {
                    file[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
                }
                if len >= 34 {
                    file[30] = 9;
                    file[31] = 0;
                    file[32] = 6;
                    file[33] = 0;
                }
                let _ = workbook_stream(&file);
                assert!(sheet_shapes(&file, "Sheet1").is_none_or(|s| s.len() <= file.len()));
            }
        }
        assert_eq!(
            unicode_string(b"\x02\x00\x00ab", false).as_deref(),
            Some("ab")
        );
        assert_eq!(
            unicode_string(b"\x01\x01\x2d\x4e", true).as_deref(),
            Some("中")
        );
        assert_eq!(unicode_string(b"\x05\x00\x00ab", false), None);
    }
}
