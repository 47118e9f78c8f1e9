//! One font face, loaded once per process: an installed file (memory-mapped) or a built-in font.
//!
//! CJK fonts are 15–30 MB; a batch run renders many reports with the same few faces, so every face
//! is parsed once and kept for the life of the process in a cache keyed by file and face index.
//! The bytes are memory-mapped (only the tables actually read are paged in) and deliberately
//! leaked, which gives `'static` faces that are `Send + Sync` and cheap to share.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make these modules the odd ones out.
#![allow(clippy::result_large_err)]

use crate::diag::Code;
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diag::texts::output as texts;
use crate::diag::{Diagnostic, Text};

use super::placement::is_cell_quote;

/// Where a face's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A font file on disk.
    File(PathBuf),
    /// A font compiled into the binary, by its file name under `fonts/`.
    Builtin(&'static str),
}

/// A font face with what the layout and the PDF writer need from it.
pub struct Face {
    origin: Origin,
    index: u32,
    data: &'static [u8],
    /// The parsed face: parsed when a font file is loaded (so that a bad file is reported
    /// then), at first use for a built-in face, which a report whose installed fonts have all
    /// its characters never reads (parsing the eight of them paged in ≈ 2 MB of the binary).
    /// `None` for a built-in face that does not parse (a test parses each).
    parsed: OnceLock<Option<Parsed>>,
    /// The font file's length and modification time (empty for a built-in font).
    stamp: Vec<u8>,
    /// [`Face::glyph`]'s answers for the Basic Multilingual Plane, filled as they are asked.
    memo: GlyphMemo,
    /// For a built-in face, the installed face it was cut from, once looked up.
    twin: OnceLock<Option<Arc<Face>>>,
}

/// A face's tables, with the family name and units per em read from them.
struct Parsed {
    tables: ttf_parser::Face<'static>,
    family: String,
    units_per_em: f32,
}

/// [`Face::glyph`]'s answers for U+0000–U+FFFF, with each glyph's advance, remembered without a
/// lock: a report asks for the same few hundred characters many times (measuring, choosing the
/// face, drawing), and a batch asks for them again in every meeting, while each answer walks
/// the font's `cmap` subtables and each advance reads `hmtx` (scattered over ≈ 250 KB of a CJK
/// face: reading it for every glyph drawn was 2 % of a batch). 256 blocks of 256 characters,
/// each block allocated when first asked; an entry is [`GlyphMemo::UNKNOWN`] until its answer
/// is stored, else the advance's `f32` bits above the glyph id, or [`GlyphMemo::NONE`] when the
/// face lacks the character.
struct GlyphMemo {
    blocks: [OnceLock<Box<[AtomicU64; 256]>>; 256],
}

impl GlyphMemo {
    const UNKNOWN: u64 = u64::MAX;
    const NONE: u64 = u64::MAX - 1;

    fn new() -> GlyphMemo {
        GlyphMemo {
            blocks: [const { OnceLock::new() }; 256],
        }
    }

    /// The remembered answer for `ch`, else `find`'s, remembered (characters past the BMP are
    /// found every time).
    fn get(&self, ch: char, find: impl FnOnce() -> Option<(u16, f32)>) -> Option<(u16, f32)> {
        let code = ch as u32;
        let Some(block) = self.blocks.get((code >> 8) as usize) else {
            return find();
        };
        let entry = &block
            .get_or_init(|| Box::new([const { AtomicU64::new(GlyphMemo::UNKNOWN) }; 256]))
            [(code & 0xFF) as usize];
        match entry.load(Ordering::Relaxed) {
            GlyphMemo::UNKNOWN => {
                let found = find();
                let packed = found.map_or(GlyphMemo::NONE, |(gid, advance)| {
                    u64::from(advance.to_bits()) << 32 | u64::from(gid)
                });
                // NaN bits could read as UNKNOWN or NONE: such an answer is not kept.
                if !found.is_some_and(|(_, advance)| advance.is_nan()) {
                    entry.store(packed, Ordering::Relaxed);
                }
                found
            }
            GlyphMemo::NONE => None,
            packed => {
                let gid = u16::try_from(packed & 0xFFFF).ok()?;
                let advance = f32::from_bits(u32::try_from(packed >> 32).ok()?);
                Some((gid, advance))
            }
        }
    }
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("family", &self.family())
            .field("origin", &self.origin)
            .field("index", &self.index)
            .finish()
    }
}

impl Face {
    /// The face's family name (English name-table entry when there is one).
    pub fn family(&self) -> &str {
        self.parsed().map_or("", |p| p.family.as_str())
    }

    /// The parsed face ([`Face::parsed`] field).
    fn parsed(&self) -> Option<&Parsed> {
        self.parsed
            .get_or_init(|| parse_tables(&self.origin, self.data, self.index).ok())
            .as_ref()
    }

    /// The face's tables, when it parses.
    fn tables(&self) -> Option<&ttf_parser::Face<'static>> {
        self.parsed().map(|p| &p.tables)
    }

    /// Where the face was loaded from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The face index inside a collection (.ttc), 0 for single fonts.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The font file's bytes (the whole collection for a .ttc).
    pub fn data(&self) -> &'static [u8] {
        self.data
    }

    /// Bytes that identify the face's contents without reading them all, for keys of the
    /// on-disk cache ([`super::disk`]): where it comes from, its index, the file's length and
    /// mtime, and the face's table directory, whose per-table checksums and lengths cover the
    /// font's tables.
    pub fn identity(&self) -> Vec<u8> {
        let mut id = describe_origin(&self.origin).into_bytes();
        id.push(0);
        id.extend_from_slice(&self.index.to_be_bytes());
        id.extend_from_slice(&(self.data.len() as u64).to_be_bytes());
        id.extend_from_slice(&self.stamp);
        id.extend_from_slice(table_directory(self.data, self.index));
        id
    }

    /// The installed face this built-in one was cut from: `find`'s answer, asked once per
    /// process.
    pub fn twin(&self, find: impl FnOnce() -> Option<Arc<Face>>) -> Option<&Arc<Face>> {
        self.twin.get_or_init(find).as_ref()
    }

    /// The glyph of `ch`, or `None` when the face lacks it (glyph 0, .notdef, counts as lacking).
    ///
    /// Two characters that Chinese text sets in a whole cell get the face's full-width form when
    /// the default glyph is narrower than the cell:
    /// - the em dash: CJK fonts such as Noto CJK give U+2014 a proportional glyph (0.89 em, a
    ///   gap in every ——) and keep the full-width form, which their `fwid` feature substitutes,
    ///   as the glyph of U+2015; that glyph is used when it is exactly 1 em;
    /// - the quotes “ ” ‘ ’: faces made for Latin and CJK alike (朱雀仿宋, LXGW WenKai) map them
    ///   to narrow Latin glyphs and reach the full-width ones through the variation sequence
    ///   U+FE01 (cmap format 14) or the `fwid` feature; either is used when it is 1 em wide.
    ///   A face with neither keeps the narrow glyph, which [`super::placement`] places.
    pub fn glyph(&self, ch: char) -> Option<u16> {
        self.glyph_advance(ch).map(|(gid, _)| gid)
    }

    /// [`Face::glyph`] with that glyph's [`Face::advance_em`], both remembered.
    pub fn glyph_advance(&self, ch: char) -> Option<(u16, f32)> {
        self.memo.get(ch, || {
            self.find_glyph(ch).map(|gid| (gid, self.advance_em(gid)))
        })
    }

    /// [`Face::glyph`], looked up in the font.
    fn find_glyph(&self, ch: char) -> Option<u16> {
        let gid = self.raw_glyph(ch)?;
        if self.advance_em(gid) >= 0.99 {
            return Some(gid);
        }
        let full = |g: &u16| (self.advance_em(*g) - 1.0).abs() < 0.01;
        let wide = if ch == '\u{2014}' {
            self.raw_glyph('\u{2015}').filter(full)
        } else if is_cell_quote(ch) {
            self.tables()?
                .glyph_variation_index(ch, '\u{FE01}')
                .map(|g| g.0)
                .filter(|&g| g != 0 && g != gid)
                .filter(full)
                .or_else(|| self.fwid(gid).filter(full))
        } else {
            None
        };
        Some(wide.unwrap_or(gid))
    }

    /// The glyph the face's `fwid` (full widths) feature substitutes for `gid`, if any.
    fn fwid(&self, gid: u16) -> Option<u16> {
        use ttf_parser::gsub::{SingleSubstitution, SubstitutionSubtable};
        let gsub = self.tables()?.tables().gsub?;
        let glyph = ttf_parser::GlyphId(gid);
        let tag = ttf_parser::Tag::from_bytes(b"fwid");
        gsub.features
            .into_iter()
            .filter(|f| f.tag == tag)
            .flat_map(|f| f.lookup_indices)
            .filter_map(|i| gsub.lookups.get(i))
            .flat_map(|l| l.subtables.into_iter::<SubstitutionSubtable>())
            .find_map(|sub| match sub {
                SubstitutionSubtable::Single(SingleSubstitution::Format1 { coverage, delta }) => {
                    coverage
                        .contains(glyph)
                        .then(|| gid.wrapping_add_signed(delta))
                }
                SubstitutionSubtable::Single(SingleSubstitution::Format2 {
                    coverage,
                    substitutes,
                }) => coverage
                    .get(glyph)
                    .and_then(|i| substitutes.get(i))
                    .map(|g| g.0),
                _ => None,
            })
    }

    fn raw_glyph(&self, ch: char) -> Option<u16> {
        self.tables()?
            .glyph_index(ch)
            .map(|g| g.0)
            .filter(|&gid| gid != 0)
    }

    /// The face's weight class (400 regular, 700 bold).
    pub fn weight(&self) -> u16 {
        self.tables().map_or(400, |t| t.weight().to_number())
    }

    /// Whether the face is a bold one (weight 600 or more, or flagged bold).
    pub fn is_bold(&self) -> bool {
        self.tables()
            .is_some_and(|t| t.is_bold() || t.weight().to_number() >= 600)
    }

    /// Left and right ends of glyph `gid`'s ink in em, `None` for an empty glyph.
    pub fn ink_x_em(&self, gid: u16) -> Option<(f32, f32)> {
        let p = self.parsed()?;
        p.tables
            .glyph_bounding_box(ttf_parser::GlyphId(gid))
            .map(|b| {
                (
                    f32::from(b.x_min) / p.units_per_em,
                    f32::from(b.x_max) / p.units_per_em,
                )
            })
    }

    /// Bottom and top of glyph `gid`'s ink in em (y up from the baseline), `None` for an empty
    /// glyph.
    pub fn ink_y_em(&self, gid: u16) -> Option<(f32, f32)> {
        let p = self.parsed()?;
        p.tables
            .glyph_bounding_box(ttf_parser::GlyphId(gid))
            .map(|b| {
                (
                    f32::from(b.y_min) / p.units_per_em,
                    f32::from(b.y_max) / p.units_per_em,
                )
            })
    }

    /// Whether the face has TrueType outlines (a `glyf` table), which a writer can move inside
    /// the embedded font ([`super::reposition`]).
    pub fn is_truetype(&self) -> bool {
        self.tables().is_some_and(|t| t.tables().glyf.is_some())
    }

    /// Font units per em.
    pub fn units_per_em(&self) -> f32 {
        self.parsed().map_or(1000.0, |p| p.units_per_em)
    }

    /// Advance width of glyph `gid` in em.
    pub fn advance_em(&self, gid: u16) -> f32 {
        self.parsed()
            .and_then(|p| {
                let a = p.tables.glyph_hor_advance(ttf_parser::GlyphId(gid))?;
                Some(a as f32 / p.units_per_em)
            })
            .unwrap_or(1.0)
    }

    /// The PostScript name, with characters PDF names cannot hold removed.
    pub fn postscript_name(&self) -> String {
        let name = self
            .tables()
            .and_then(|t| {
                t.names()
                    .into_iter()
                    .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
                    .and_then(|n| n.to_string())
            })
            .unwrap_or_else(|| self.family().to_string());
        let clean: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if clean.is_empty() {
            "Font".to_string()
        } else {
            clean
        }
    }
}

/// A face of `data` whose tables are parsed now ([`Face::parsed`]): a font file's.
fn parse(
    origin: Origin,
    data: &'static [u8],
    index: u32,
    stamp: Vec<u8>,
) -> Result<Face, Diagnostic> {
    let parsed = parse_tables(&origin, data, index)?;
    Ok(Face {
        origin,
        index,
        data,
        parsed: OnceLock::from(Some(parsed)),
        stamp,
        memo: GlyphMemo::new(),
        twin: OnceLock::new(),
    })
}

/// The tables of face `index` of `data`, with its family name and units per em.
fn parse_tables(origin: &Origin, data: &'static [u8], index: u32) -> Result<Parsed, Diagnostic> {
    let tables = ttf_parser::Face::parse(data, index).map_err(|e| {
        Diagnostic::error(
            Code::FontParse,
            texts::font_unparsable(origin_text(origin), index, e),
        )
    })?;
    let family = tables
        .names()
        .into_iter()
        .filter(|n| {
            n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                || n.name_id == ttf_parser::name_id::FAMILY
        })
        .filter(|n| n.language() == ttf_parser::Language::English_UnitedStates)
        .find_map(|n| n.to_string())
        .unwrap_or_default();
    let units_per_em = tables.units_per_em() as f32;
    Ok(Parsed {
        tables,
        family,
        units_per_em,
    })
}

/// The table directory (offset table and table records) of face `index` in `data`; empty if
/// the data is too short to hold it.
fn table_directory(data: &[u8], index: u32) -> &[u8] {
    let u32_at = |at: usize| {
        data.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let start = if data.starts_with(b"ttcf") {
        u32_at(12 + 4 * index as usize)
    } else {
        Some(0)
    };
    start
        .and_then(|s| {
            let tables = data.get(s + 4..s + 6)?;
            let n = u16::from_be_bytes([tables[0], tables[1]]) as usize;
            data.get(s..s + 12 + 16 * n)
        })
        .unwrap_or_default()
}

/// The font's origin as messages name it: its path, or the built-in font's file name.
fn origin_text(origin: &Origin) -> Text {
    match origin {
        Origin::File(p) => Text::same(p.display()),
        Origin::Builtin(name) => texts::builtin_font(name),
    }
}

/// The font's origin in its identity (see [`Face::identity`]): its path, or the built-in file name.
fn describe_origin(origin: &Origin) -> String {
    match origin {
        Origin::File(p) => p.display().to_string(),
        Origin::Builtin(name) => format!("built-in {name}"),
    }
}

type Cache = Mutex<HashMap<(Origin, u32), Arc<Face>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn cached(
    key: (Origin, u32),
    load: impl FnOnce() -> Result<Face, Diagnostic>,
) -> Result<Arc<Face>, Diagnostic> {
    // A poisoned lock only means another thread panicked while inserting; the map is still valid.
    let mut map = cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(face) = map.get(&key) {
        return Ok(Arc::clone(face));
    }
    let face = Arc::new(load()?);
    map.insert(key, Arc::clone(&face));
    Ok(face)
}

/// The face `index` of the font file at `path`, loaded and parsed at most once per process.
pub fn from_file(path: &Path, index: u32) -> Result<Arc<Face>, Diagnostic> {
    let origin = Origin::File(path.to_path_buf());
    cached((origin.clone(), index), || {
        let unreadable = |e: std::io::Error| {
            Diagnostic::error(
                Code::FontFile,
                texts::font_file_unreadable(path.display(), e),
            )
        };
        let file = File::open(path).map_err(unreadable)?;
        // SAFETY: the map is read-only; a font file changed on disk while we run is outside what
        // any font-using program can defend against (fontdb maps fonts the same way).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(unreadable)?;
        let data: &'static [u8] = Box::leak(Box::new(map));
        let stamp = file
            .metadata()
            .map(|m| {
                let mtime = super::disk::mtime_ns(&m).unwrap_or(0);
                [m.len().to_be_bytes().as_slice(), &mtime.to_be_bytes()].concat()
            })
            .unwrap_or_default();
        parse(origin, data, index, stamp)
    })
}

/// A font compiled into the binary (`name` is its file name under `fonts/`), parsed once, at
/// first use.
pub fn builtin(name: &'static str, data: &'static [u8]) -> Result<Arc<Face>, Diagnostic> {
    let origin = Origin::Builtin(name);
    cached((origin.clone(), 0), || Ok(unparsed(origin, data)))
}

/// A built-in face whose tables are parsed at first use.
fn unparsed(origin: Origin, data: &'static [u8]) -> Face {
    Face {
        origin,
        index: 0,
        data,
        parsed: OnceLock::new(),
        stamp: Vec::new(),
        memo: GlyphMemo::new(),
        twin: OnceLock::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_in_face_is_parsed_at_first_use_and_each_parses() {
        for b in crate::fonts::families::BUILTINS {
            let face = unparsed(Origin::Builtin(b.file), b.data);
            assert!(face.parsed.get().is_none(), "{} parsed before use", b.file);
            let parsed = parse_tables(&face.origin, b.data, 0).map(|p| p.family);
            assert_eq!(
                face.family(),
                parsed.as_deref().unwrap_or("?"),
                "{}",
                b.file
            );
            assert!(face.parsed.get().is_some_and(Option::is_some));
            assert!(face.glyph('A').is_some(), "{} draws A", b.file);
            assert!(face.units_per_em() >= 1000.0, "{}", b.file);
        }
    }

    #[test]
    fn a_remembered_glyph_keeps_its_advance() {
        let b = &crate::fonts::families::BUILTINS[0];
        let face = unparsed(Origin::Builtin(b.file), b.data);
        // Asked twice: found, then remembered; a character past the BMP is never remembered.
        for ch in [
            '中',
            'A',
            '，',
            '“',
            '—',
            '\u{20000}',
            '\u{E000}',
            '中',
            'A',
            '“',
        ] {
            let expected = face.find_glyph(ch).map(|g| (g, face.advance_em(g)));
            assert_eq!(face.glyph_advance(ch), expected, "{ch:?}");
            assert_eq!(face.glyph(ch), expected.map(|e| e.0), "{ch:?}");
        }
        let (gid, advance) = face.glyph_advance('中').expect("中");
        assert!(gid > 0 && (advance - 1.0).abs() < 0.01, "{gid} {advance}");
    }
}
