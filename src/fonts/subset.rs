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

use crate::diag::Code;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use subsetter::GlyphRemapper;

use super::face::{Face, Origin};
use super::reposition::{move_glyphs, Move};
use super::FontSet;
use crate::diag::texts::output as texts;
use crate::diag::Diagnostic;
use crate::layout::{Glyph, Page};
use crate::output::fnv1a;

/// A face (by where its bytes come from), the original glyph ids of a subset, and the glyphs
/// whose outlines are moved in it (glyph id, offsets and advance in font units).
type SubsetKey = (Origin, u32, Vec<u16>, Vec<(u16, i16, i16, u16)>);

/// How many subsets one process keeps: a batch's meetings mostly share their glyph sets, and a
/// subset of the example's body face is ≈ 100 KB.
const SUBSET_CACHE_ENTRIES: usize = 256;

/// A subset program (shared: the reports of a batch embed the same ones) and whether the
/// placed glyphs' outlines were moved in it.
type Program = (Arc<Vec<u8>>, bool);

/// Subsets already made in this process, so the reports of a batch (and a `watch` loop) subset
/// each face to each glyph set once. A subset depends only on the face and the glyph ids, so a
/// cached one is byte-for-byte the one a fresh process would make.
fn subset_cache() -> &'static Mutex<HashMap<SubsetKey, Program>> {
    static CACHE: OnceLock<Mutex<HashMap<SubsetKey, Program>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// A font program no cache had: its cache keys and the outline moves to make it with.
#[derive(Debug)]
pub struct Miss {
    key: SubsetKey,
    disk_key: Vec<u8>,
    moves: Vec<Move>,
}

/// Keeps `program` in this process's cache under `key`.
fn remember(key: SubsetKey, program: &Program) {
    let mut cache = subset_cache().lock().unwrap_or_else(|e| e.into_inner());
    if cache.len() >= SUBSET_CACHE_ENTRIES {
        cache.clear();
    }
    cache.insert(key, program.clone());
}

/// The key of a subset in the on-disk cache ([`super::disk`]): the code that makes it, the
/// face's identity and the in-process key's glyph ids and moves.
fn disk_key(face: &Face, key: &SubsetKey) -> Vec<u8> {
    let mut k = b"subset\0".to_vec();
    k.extend_from_slice(&super::disk::code_version().to_be_bytes());
    let id = face.identity();
    k.extend_from_slice(&(id.len() as u32).to_be_bytes());
    k.extend_from_slice(&id);
    k.extend_from_slice(&(key.2.len() as u32).to_be_bytes());
    for gid in &key.2 {
        k.extend_from_slice(&gid.to_be_bytes());
    }
    for &(gid, dx, dy, advance) in &key.3 {
        k.extend_from_slice(&gid.to_be_bytes());
        k.extend_from_slice(&dx.to_be_bytes());
        k.extend_from_slice(&dy.to_be_bytes());
        k.extend_from_slice(&advance.to_be_bytes());
    }
    k
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

    /// Every recorded glyph: its original id and the character it draws, by id.
    pub fn glyphs(&self) -> impl Iterator<Item = (u16, char)> + '_ {
        self.glyphs.iter().map(|(&g, &c)| (g, c))
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

    /// The font program, when this process or the on-disk cache has it; else what
    /// [`UsedFont::program_missed`] needs to make it. The program is the face cut down to the
    /// recorded glyphs (CFF hints dropped, see `fonts/cff.rs`), with the outlines of placed
    /// glyphs moved inside it when it is TrueType ([`crate::fonts::reposition`]); the flag says
    /// whether the outlines were moved (if not, the writers must move those glyphs' origins
    /// instead). A lookup is cheap, making a program is not: callers look all up first and make
    /// the missing in parallel.
    pub fn cached_program(&self) -> Result<Program, Miss> {
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
        if let Some(p) = subset_cache()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Ok(p.clone());
        }
        let disk_key = disk_key(face, &key);
        let from_disk = super::disk::user()
            .and_then(|c| c.get(&disk_key))
            .and_then(|entry| match entry.split_first() {
                Some((&moved, program)) if moved <= 1 => {
                    Some((Arc::new(program.to_vec()), moved == 1))
                }
                _ => None,
            });
        match from_disk {
            Some(program) => {
                remember(key, &program);
                Ok(program)
            }
            None => Err(Miss {
                key,
                disk_key,
                moves,
            }),
        }
    }

    /// Makes the program [`UsedFont::cached_program`] did not find, and keeps it in both caches.
    pub fn program_missed(&self, miss: Miss) -> Result<Program, Diagnostic> {
        let program = self.make_program(&miss.moves)?;
        if let Some(c) = super::disk::user() {
            c.put(
                &miss.disk_key,
                &[&[program.1 as u8], program.0.as_slice()].concat(),
            );
        }
        remember(miss.key, &program);
        Ok(program)
    }

    /// Subsets the face (see [`UsedFont::cached_program`]) with the outline `moves` applied.
    fn make_program(&self, moves: &[Move]) -> Result<Program, Diagnostic> {
        let face = &self.face;
        let subset = subsetter::subset(face.data(), face.index(), &self.remapper).map_err(|e| {
            Diagnostic::error(Code::PdfFont, texts::font_not_embedded(face.family(), e))
        })?;
        let subset = super::cff::strip_hints(&subset).unwrap_or(subset);
        let moved = if moves.is_empty() {
            None
        } else {
            move_glyphs(&subset, moves)
        };
        let outlines_moved = moved.is_some();
        Ok((Arc::new(moved.unwrap_or(subset)), outlines_moved))
    }

    /// Whether the subset is an OpenType font with CFF outlines (else TrueType outlines).
    pub fn is_cff(program: &[u8]) -> bool {
        program.starts_with(b"OTTO")
    }
}

/// A glyph ready to draw: its font (index into [`Embedded::used`]), original glyph id, size in
/// points, the layout's glyph, and its in-cell offset.
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
    /// Its in-cell offset in points ([`crate::fonts::Resolved::dx_em`], x right and y up),
    /// applied to the origin only where the font's outlines could not be moved
    /// ([`Embedded::moved`]).
    pub offset: (f32, f32),
}

/// The pages' glyphs resolved to faces, and each face's subset program.
pub struct Embedded {
    /// The faces used, in order of first use.
    pub used: Vec<UsedFont>,
    /// Per page, per line, the glyphs with their faces.
    pub placed: Vec<Vec<Vec<Placed>>>,
    /// The subset font program of each used face.
    pub programs: Vec<Arc<Vec<u8>>>,
    /// Whether the placed glyphs' outlines were moved inside each face's program.
    pub moved: Vec<bool>,
}

/// How a character of a role is drawn: its face (an index into the used faces), the glyph id,
/// the size in points and the outline's offset in points.
type DrawnAs = (usize, u16, f32, (f32, f32));

impl Embedded {
    /// Resolves every glyph of `pages` through `fonts` and subsets the faces (in parallel:
    /// subsetting is most of a writer's cost).
    pub fn new(pages: &[Page], fonts: &FontSet) -> Result<Embedded, Diagnostic> {
        let mut used: Vec<UsedFont> = Vec::new();
        // A report draws each character of a role many times: it is resolved (and recorded in
        // its face's glyph set) at its first use, the one that counts.
        let mut seen: rustc_hash::FxHashMap<(crate::model::RunRole, char), DrawnAs> =
            Default::default();
        let placed: Vec<Vec<Vec<Placed>>> = pages
            .iter()
            .map(|page| {
                page.lines
                    .iter()
                    .map(|line| {
                        line.glyphs
                            .iter()
                            .map(|g| {
                                let (font, gid, size_pt, offset) =
                                    *seen.entry((g.role, g.ch)).or_insert_with(|| {
                                        let r = fonts.glyph_or_notdef(g.role, g.ch);
                                        let i = match used
                                            .iter()
                                            .position(|u| Arc::ptr_eq(u.face(), r.face))
                                        {
                                            Some(i) => i,
                                            None => {
                                                used.push(UsedFont::new(Arc::clone(r.face)));
                                                used.len() - 1
                                            }
                                        };
                                        used[i].add(r.gid, g.ch, r.dx_em, r.dy_em, r.advance_em);
                                        let offset = (r.dx_em * r.size_pt, r.dy_em * r.size_pt);
                                        (i, r.gid, r.size_pt, offset)
                                    });
                                Placed {
                                    font,
                                    gid,
                                    size_pt,
                                    glyph: *g,
                                    offset,
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
        // Cached programs are looked up here; only two or more to make are worth the worker
        // threads.
        let looked_up: Vec<Result<Program, Miss>> =
            used.iter().map(UsedFont::cached_program).collect();
        let misses = looked_up.iter().filter(|p| p.is_err()).count();
        let pairs: Vec<(&UsedFont, Result<Program, Miss>)> = used.iter().zip(looked_up).collect();
        let programs: Vec<Program> = crate::par::map_if(misses >= 2, pairs, |(u, p)| match p {
            Ok(program) => Ok(program),
            Err(miss) => u.program_missed(miss),
        })
        .into_iter()
        .collect::<Result<_, _>>()?;
        let (programs, moved) = programs.into_iter().unzip();
        Ok(Embedded {
            used,
            placed,
            programs,
            moved,
        })
    }
}
