//! Fonts: every role of the report resolved to a font face, once, for layout and PDF embedding.
//!
//! Each [`RunRole`] resolves through a chain (issue 4 item 3): an explicit `file` in the report's
//! `[fonts]` wins; then installed official fonts by their real family names (fontdb, exact names,
//! never fontconfig's guesses); then free substitutes found on Debian; then fonts compiled into the
//! binary, so a machine without any CJK font still renders. Digits and Latin letters use the Latin
//! face (Times New Roman or its substitute), except in page numbers, which GB/T 9704 sets in 宋体.
//! A character is looked up in the role's face, then its built-in face, then the Latin face, then
//! in the fallback faces added for `--allow-missing-glyphs`; [`FontSet::missing_chars`] lists what
//! none of them has, so the PDF never loses a character silently.
//!
//! A [`FontSet`] is immutable once built, `Send + Sync`, and its faces are parsed once per process
//! (see [`face`]), so a batch run shares one set across threads.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make these modules the odd ones out.
#![allow(clippy::result_large_err)]

pub mod disk;
pub mod face;
pub mod families;
mod installed;
pub mod placement;
pub mod reposition;
pub mod subset;

mod cff;

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::diag::texts::output as texts;
use crate::diag::{Diagnostic, Text};
use crate::layout::Measure;
use crate::model::{Document, RunRole};
use crate::style::{FontSpec, Style};
use crate::zh::Script;

use face::{Face, Origin};
pub use families::Class;

/// The environment variable that, set to `1`, makes every [`FontSet::load`] ignore installed
/// fonts as [`FontOptions::builtin_only`] does. It is read in [`FontOptions::effective`] only.
pub const BUILTIN_FONTS_ENV: &str = "HUIBAO_BUILTIN_FONTS";

/// How fonts are looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FontOptions {
    /// Ignore installed fonts and use the built-in ones (explicit `file`s in the report still win).
    pub builtin_only: bool,
}

impl FontOptions {
    /// These options with [`BUILTIN_FONTS_ENV`] applied: `HUIBAO_BUILTIN_FONTS=1` forces
    /// `builtin_only`. The only place the variable is read.
    pub fn effective(&self) -> FontOptions {
        let forced = std::env::var(BUILTIN_FONTS_ENV).is_ok_and(|v| v.trim() == "1");
        FontOptions {
            builtin_only: self.builtin_only || forced,
        }
    }
}

/// How a role's font was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The `file` given in the report's `[fonts]`.
    Explicit,
    /// An installed font with the official family name.
    Official,
    /// An installed free substitute (a stand-in for the official font).
    Substitute,
    /// The font compiled into huibao (a stand-in for the official font).
    Builtin,
}

/// One role's fonts: the face it resolved to and the chain behind it.
#[derive(Debug, Clone)]
struct RoleFonts {
    role: RunRole,
    requested: String,
    size_pt: f32,
    source: Source,
    /// The class the role asks for, and the class of the face that draws it (different for a
    /// stand-in of another class, e.g. 仿宋 drawn with a 宋体 face).
    class: Class,
    drawn: Class,
    /// The resolved face first, then the built-in faces of the same class (the script's, then
    /// the SC one), then the built-in SC serif face (every GBK hanzi).
    chain: Vec<Arc<Face>>,
}

/// All fonts of a report, by role. Cheap to share: `Send + Sync`, faces parsed once per process.
#[derive(Debug, Clone)]
pub struct FontSet {
    roles: Vec<RoleFonts>,
    latin: RoleFonts,
    fallback: Vec<Arc<Face>>,
    builtin_only: bool,
    script: Script,
}

/// Every role a document can use, in `huibao fonts` order.
pub const ROLES: [RunRole; 10] = [
    RunRole::Title,
    RunRole::Subtitle,
    RunRole::Body,
    RunRole::Heading(1),
    RunRole::Heading(2),
    RunRole::Heading(3),
    RunRole::Heading(4),
    RunRole::TableCell,
    RunRole::TableHeader,
    RunRole::PageNumber,
];

fn slot(role: RunRole) -> usize {
    match role {
        RunRole::Title | RunRole::Masthead => 0,
        RunRole::Subtitle => 1,
        RunRole::Body => 2,
        RunRole::Heading(0 | 1) => 3,
        RunRole::Heading(2) => 4,
        RunRole::Heading(3) => 5,
        RunRole::Heading(_) => 6,
        RunRole::TableCell => 7,
        RunRole::TableHeader => 8,
        RunRole::PageNumber => 9,
    }
}

pub use crate::typeset::chars::is_latin;
use crate::typeset::uses_latin_font;

/// Starts reading the installed fonts' names in a background thread, so that the scan (a few
/// milliseconds over every font file) overlaps with building the report; the first lookup
/// then waits for it. Nothing is started when `opts` use the built-in fonts only.
pub fn prefetch_installed(opts: &FontOptions) {
    if !opts.effective().builtin_only {
        // A thread that cannot start leaves the scan to the first lookup.
        let _ = std::thread::Builder::new().spawn(|| {
            system_fonts();
        });
    }
}

fn system_fonts() -> &'static fontdb::Database {
    static DB: OnceLock<fontdb::Database> = OnceLock::new();
    DB.get_or_init(installed::database)
}

/// The first installed face among `candidates`, by exact family name.
fn find_installed(candidates: &[(&str, u16)]) -> Option<Arc<Face>> {
    candidates
        .iter()
        .find_map(|&(family, weight)| installed(family, weight))
}

/// The installed face of `family` nearest to `weight`, by exact family name.
fn installed(family: &str, weight: u16) -> Option<Arc<Face>> {
    let db = system_fonts();
    {
        let id = db.query(&fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            weight: fontdb::Weight(weight),
            ..fontdb::Query::default()
        })?;
        let info = db.face(id)?;
        let path = match &info.source {
            fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
            fontdb::Source::Binary(_) => return None,
        };
        face::from_file(&path, info.index).ok()
    }
}

/// The installed face `builtin` was cut from (same family, weight and PostScript name), if any.
/// A character a role's chain takes from a built-in face comes from this face first: the PDF
/// then embeds one subset of the font where it would embed two (the installed one another role
/// draws with, and the built-in copy). Looked up when a chain first reaches the built-in face,
/// which most reports never do (parsing the installed faces costs a render about 1 ms).
fn installed_copy(builtin: &Face) -> Option<Arc<Face>> {
    installed(builtin.family(), builtin.weight())
        .filter(|f| f.postscript_name() == builtin.postscript_name())
}

fn builtin_face(class: Class, hant: bool) -> Result<Arc<Face>, Diagnostic> {
    let b = families::builtin(class, hant);
    face::builtin(b.file, b.data)
}

/// The official names to look up for a role: the family the style names first (for a
/// Traditional report the style names the GBK faces, see
/// [`crate::typeset::families::prefer_gbk_faces`]), then the
/// class's other names.
fn official_names(family: &str, class: Class) -> Vec<(&str, u16)> {
    let named = (!family.is_empty()).then_some((family, 400));
    named
        .into_iter()
        .chain(
            families::official(class)
                .into_iter()
                .filter(|&f| f != family)
                .map(|f| (f, 400)),
        )
        .collect()
}

fn resolve(
    role: RunRole,
    spec: &FontSpec,
    class: Class,
    script: Script,
    builtin_only: bool,
) -> Result<RoleFonts, Diagnostic> {
    let builtin = builtin_face(class, script.is_traditional())?;
    // A Traditional report falls back to the SC face for the few hanzi the TC face lacks.
    let builtin_sc = builtin_face(class, false)?;
    let (primary, source, drawn) = if let Some(file) = &spec.file {
        (
            face::from_file(Path::new(file), spec.face_index)?,
            Source::Explicit,
            class,
        )
    } else if builtin_only {
        (
            Arc::clone(&builtin),
            Source::Builtin,
            families::builtin_class(class),
        )
    } else if let Some(f) = find_installed(&official_names(&spec.family, class)) {
        (f, Source::Official, class)
    } else {
        best_substitute(class, script, &builtin)
    };
    // Last, the built-in SC serif face, the one with every GBK hanzi (the Kai face lacks the GBK
    // additions), so a rare place-name hanzi renders in every role.
    let gbk = builtin_face(Class::Song, false)?;
    let mut chain = vec![Arc::clone(&primary)];
    for face in [builtin, builtin_sc, gbk] {
        if !chain.iter().any(|f| Arc::ptr_eq(f, &face)) {
            chain.push(face);
        }
    }
    Ok(RoleFonts {
        role,
        requested: spec.family.clone(),
        size_pt: spec.size_pt,
        source,
        class,
        drawn,
        chain,
    })
}

/// The stand-in for `class` in a report of `script`: among the installed substitutes and the
/// built-in face, the first of the class itself (a 仿宋 before a 宋体 standing in for it), then
/// the first whose punctuation sits where the script puts it (so a Simplified report's 楷体 is
/// LXGW WenKai or the built-in Kai, not AR PL UKai CN with Taiwan-style centred ，), then the
/// first in table order.
fn best_substitute(class: Class, script: Script, builtin: &Arc<Face>) -> Stand {
    let own_class = families::builtin_class(class);
    let own = (Arc::clone(builtin), Source::Builtin, own_class);
    // (of another class, punctuation misplaced): lower is better, the first of equals wins.
    let key = |face: &Face, drawn: Class| (drawn != class, !placement::punct_fits(face, script));
    let mut best: Option<((bool, bool), Stand)> = None;
    // Candidates are parsed only while a better one may come: the search ends at the first
    // whose punctuation fits, when it is of the class or no face of the class is left to try,
    // and once one of the class is found, faces of another class are passed over.
    let subs = families::substitutes(class, script);
    for (i, &(family, weight, drawn)) in subs.iter().enumerate() {
        if best.as_ref().is_some_and(|(k, _)| !k.0) && drawn != class {
            continue;
        }
        let Some(face) = installed(family, weight) else {
            continue;
        };
        let k = key(&face, drawn);
        if best.as_ref().is_none_or(|(b, _)| k < *b) {
            best = Some((k, (face, Source::Substitute, drawn)));
        }
        let class_left = own_class == class || subs[i + 1..].iter().any(|c| c.2 == class);
        if best
            .as_ref()
            .is_some_and(|(b, _)| !b.1 && (!b.0 || !class_left))
        {
            break;
        }
    }
    match best {
        Some((k, candidate)) if k <= key(builtin, own_class) => candidate,
        _ => own,
    }
}

/// A role's face, how it was found, and the class it draws with.
type Stand = (Arc<Face>, Source, Class);

/// A glyph as the PDF writer draws it: the face, its glyph id (0 = missing) and the size.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// The face that has the glyph (the role's first face when none has it).
    pub face: &'a Arc<Face>,
    /// The glyph id in `face`; 0 (.notdef) when no face in the chain has the character.
    pub gid: u16,
    /// Font size in points.
    pub size_pt: f32,
    /// The advance the layout gives the glyph, in em: the glyph's own, or one cell for a narrow
    /// quote set in a full cell.
    pub advance_em: f32,
    /// Offset, in em, from the position the layout gives the glyph to where its outline is
    /// drawn ([`placement::offset_em`]): non-zero only for a narrow quote placed in its cell and
    /// for punctuation moved to where the report's locale puts it. Every writer that draws
    /// glyphs (PDF, OFD) applies it: inside the embedded font ([`reposition`]) where it can,
    /// else by moving the glyph's origin by `dx_em × size_pt`.
    pub dx_em: f32,
    /// Vertical part of that offset, in em, upwards.
    pub dy_em: f32,
}

impl<'a> Resolved<'a> {
    /// `own` is the glyph's advance in em ([`Face::advance_em`]).
    fn new(
        face: &'a Arc<Face>,
        ch: char,
        (gid, own): (u16, f32),
        size_pt: f32,
        script: Script,
    ) -> Self {
        let (dx_em, dy_em) = placement::offset_em(face, ch, gid, script);
        let advance_em = if placement::is_cell_quote(ch) {
            own.max(1.0)
        } else {
            own
        };
        Resolved {
            face,
            gid,
            size_pt,
            advance_em,
            dx_em,
            dy_em,
        }
    }
}

/// One row of `huibao fonts`.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleReport {
    /// The role; `None` for the Latin (digits and letters) face.
    pub role: Option<RunRole>,
    /// The family the style asks for (e.g. 仿宋_GB2312).
    pub requested: String,
    /// The family actually used.
    pub family: String,
    /// The file used, or `None` for a built-in font.
    pub file: Option<String>,
    /// How the font was found.
    pub source: Source,
    /// Distinct characters of the report in this role that the face has, and how many there are.
    pub coverage: Option<(usize, usize)>,
    /// The class the role asks for (仿宋 for the body).
    pub class: Class,
    /// The class of the face that draws it: differs for a stand-in of another class.
    pub drawn: Class,
    /// Characters of the report in this role that the face lacks, by the face that supplies
    /// them instead (the role's next faces: built-in, Latin, fallbacks), in first-use order.
    pub supplied_by: Vec<(String, Vec<char>)>,
}

impl RoleReport {
    /// True when the role is drawn with a stand-in rather than the font the style names.
    pub fn is_stand_in(&self) -> bool {
        matches!(self.source, Source::Substitute | Source::Builtin)
    }
}

/// The characters of `doc` by role (first occurrence order), page numbers' characters included.
pub fn role_chars(doc: &Document) -> Vec<(char, RunRole)> {
    let texts = crate::typeset::runs(doc)
        .into_iter()
        .map(|r| (r.role(), r.text));
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = Vec::new();
    for (role, text) in texts {
        for ch in text.chars().filter(|c| !c.is_control()) {
            if seen.insert((ch, slot(role))) {
                out.push((ch, role));
            }
        }
    }
    out
}

impl FontSet {
    /// Resolves every role of `style` (the faces of `script`: SC, TC or HK), parsing each face at
    /// most once per process. Fails only when an explicit font file cannot be read or parsed.
    pub fn load(style: &Style, script: Script, opts: &FontOptions) -> Result<FontSet, Diagnostic> {
        let opts = opts.effective();
        let mut roles = Vec::with_capacity(ROLES.len());
        for role in ROLES {
            let spec = crate::typeset::font(style, role);
            let class = families::class_of(&spec.family, Some(role));
            roles.push(resolve(role, spec, class, script, opts.builtin_only)?);
        }
        let latin_spec = &style.fonts.latin;
        let latin = resolve(
            RunRole::Body,
            latin_spec,
            families::class_of(&latin_spec.family, None),
            script,
            opts.builtin_only,
        )?;
        Ok(FontSet {
            roles,
            latin,
            fallback: Vec::new(),
            builtin_only: opts.builtin_only,
            script,
        })
    }

    fn role(&self, role: RunRole) -> &RoleFonts {
        &self.roles[slot(role)]
    }

    /// The faces tried for `ch` in `role`, in order.
    fn chain(&self, role: RunRole, ch: char) -> impl Iterator<Item = &Arc<Face>> {
        let own = &self.role(role).chain;
        let latin = &self.latin.chain;
        let (first, second) = if uses_latin_font(role, ch) {
            (latin, own)
        } else {
            (own, latin)
        };
        let builtin_only = self.builtin_only;
        first
            .iter()
            .chain(second)
            .flat_map(move |face| {
                let installed = match face.origin() {
                    Origin::Builtin(_) if !builtin_only => face.twin(|| installed_copy(face)),
                    _ => None,
                };
                installed.into_iter().chain([face])
            })
            .chain(&self.fallback)
    }

    /// The face and glyph that draw `ch` in `role`, or `None` when no face has it.
    pub fn glyph(&self, role: RunRole, ch: char) -> Option<Resolved<'_>> {
        let size_pt = self.role(role).size_pt;
        self.chain(role, ch).find_map(|face| {
            face.glyph_advance(ch)
                .map(|glyph| Resolved::new(face, ch, glyph, size_pt, self.script))
        })
    }

    /// Like [`FontSet::glyph`], but a missing character resolves to glyph 0 (.notdef, a visible
    /// box) of the role's first face, for reports that allow missing glyphs.
    pub fn glyph_or_notdef(&self, role: RunRole, ch: char) -> Resolved<'_> {
        self.glyph(role, ch).unwrap_or_else(|| {
            let r = self.role(role);
            let face = if uses_latin_font(role, ch) {
                &self.latin.chain[0]
            } else {
                &r.chain[0]
            };
            Resolved::new(face, ch, (0, face.advance_em(0)), r.size_pt, self.script)
        })
    }

    /// The characters of `doc` that no font in their role's chain has, with the role, in the
    /// order they first occur. Empty means no tofu.
    pub fn missing_chars(&self, doc: &Document) -> Vec<(char, RunRole)> {
        self.missing_among(&role_chars(doc))
    }

    /// [`FontSet::missing_chars`] of a document's [`role_chars`], read once by a caller that
    /// also asks [`FontSet::explicit_gaps`].
    pub fn missing_among(&self, chars: &[(char, RunRole)]) -> Vec<(char, RunRole)> {
        chars
            .iter()
            .copied()
            .filter(|&(ch, role)| {
                !ch.is_whitespace() && !self.chain(role, ch).any(|f| f.glyph(ch).is_some())
            })
            .collect()
    }

    /// The hanzi of each role whose font the report names with `file` that this font lacks
    /// (they would be drawn from another face): a named font is used, or the report says
    /// which characters it cannot draw. Symbols and punctuation such a font lacks still come
    /// from the role's next face, as `huibao fonts` lists.
    /// `chars` are the document's [`role_chars`].
    pub fn explicit_gaps(&self, chars: &[(char, RunRole)]) -> Vec<(RunRole, Vec<char>)> {
        let mut gaps: Vec<(RunRole, Vec<char>)> = Vec::new();
        for &(ch, role) in chars {
            let Some(r) = self.roles.iter().find(|r| r.role == role) else {
                continue;
            };
            if r.source != Source::Explicit || !is_hanzi(ch) || r.chain[0].glyph(ch).is_some() {
                continue;
            }
            match gaps.iter_mut().find(|(g, _)| *g == role) {
                Some((_, chars)) => chars.push(ch),
                None => gaps.push((role, vec![ch])),
            }
        }
        for (_, chars) in &mut gaps {
            chars.sort_unstable();
            chars.dedup();
        }
        gaps
    }

    /// For `--allow-missing-glyphs`: adds installed fonts that have some of `chars` as a last
    /// resort for every role (none when installed fonts are ignored) and returns the characters
    /// still missing, which the PDF draws as .notdef boxes (text extraction still gives them back).
    pub fn add_fallback(&mut self, chars: &[char]) -> Vec<char> {
        let mut left: Vec<char> = chars.to_vec();
        left.sort_unstable();
        left.dedup();
        if self.builtin_only || left.is_empty() {
            return left;
        }
        let mut candidates: Vec<(std::path::PathBuf, u32)> = system_fonts()
            .faces()
            .filter_map(|info| match &info.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => {
                    Some((p.clone(), info.index))
                }
                fontdb::Source::Binary(_) => None,
            })
            .collect();
        candidates.sort();
        for (path, index) in candidates {
            if left.is_empty() {
                break;
            }
            let Ok(face) = face::from_file(&path, index) else {
                continue;
            };
            if left.iter().any(|&c| face.glyph(c).is_some()) {
                left.retain(|&c| face.glyph(c).is_none());
                self.fallback.push(face);
            }
        }
        left
    }

    /// One row per role plus the Latin face: family, file, how it was found and, with `doc`,
    /// how many of the report's characters in that role the face covers.
    pub fn report(&self, doc: Option<&Document>) -> Vec<RoleReport> {
        let chars = doc.map(role_chars);
        let row = |r: &RoleFonts, role: Option<RunRole>| {
            let face = &r.chain[0];
            let mut supplied_by: Vec<(String, Vec<char>)> = Vec::new();
            let coverage = chars.as_ref().map(|chars| {
                let mut seen = HashSet::new();
                let mine: Vec<char> = chars
                    .iter()
                    .filter(|&&(ch, cr)| {
                        !ch.is_whitespace()
                            && match role {
                                Some(role) => slot(cr) == slot(role) && !uses_latin_font(role, ch),
                                None => uses_latin_font(cr, ch),
                            }
                    })
                    .map(|&(ch, _)| ch)
                    .filter(|&ch| seen.insert(ch))
                    .collect();
                let have = mine.iter().filter(|&&c| face.glyph(c).is_some()).count();
                for &ch in mine.iter().filter(|&&c| face.glyph(c).is_none()) {
                    let by = self
                        .glyph(role.unwrap_or(RunRole::Body), ch)
                        .map_or_else(|| "—".to_string(), |g| face_name(g.face));
                    match supplied_by.iter_mut().find(|(f, _)| *f == by) {
                        Some((_, list)) => list.push(ch),
                        None => supplied_by.push((by, vec![ch])),
                    }
                }
                (have, mine.len())
            });
            RoleReport {
                role,
                requested: r.requested.clone(),
                family: face_name(face),
                file: match face.origin() {
                    Origin::File(p) => Some(if face.index() > 0 {
                        format!("{}#{}", p.display(), face.index())
                    } else {
                        p.display().to_string()
                    }),
                    Origin::Builtin(_) => None,
                },
                source: r.source,
                coverage,
                class: r.class,
                drawn: r.drawn,
                supplied_by,
            }
        };
        let mut rows: Vec<RoleReport> = self.roles.iter().map(|r| row(r, Some(r.role))).collect();
        rows.push(row(&self.latin, None));
        rows
    }
}

/// The family name `huibao fonts` gives a face: the source family of a built-in face.
fn face_name(face: &Face) -> String {
    match face.origin() {
        Origin::Builtin(file) => families::BUILTINS
            .iter()
            .find(|b| b.file == *file)
            .map_or_else(|| face.family().to_string(), |b| b.family.to_string()),
        Origin::File(_) => face.family().to_string(),
    }
}

/// Whether `ch` is a CJK ideograph (the unified blocks, their extensions and compatibility forms).
fn is_hanzi(ch: char) -> bool {
    matches!(ch as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The role's name, from the catalog (`正文`, `body`).
pub fn role_name(role: RunRole) -> Text {
    match role {
        RunRole::Title => texts::role_title(),
        RunRole::Subtitle => texts::role_subtitle(),
        RunRole::Body => texts::role_body(),
        RunRole::Heading(n) => texts::role_heading(n),
        RunRole::TableCell => texts::role_table(),
        RunRole::TableHeader => texts::role_table_header(),
        RunRole::PageNumber => texts::role_page_number(),
        RunRole::Masthead => texts::role_masthead(),
    }
}

impl Measure for FontSet {
    fn advance_pt(&self, role: RunRole, ch: char) -> f32 {
        match self.glyph(role, ch) {
            Some(r) => r.advance_em * r.size_pt,
            None => {
                let size = self.role(role).size_pt;
                if is_latin(ch) {
                    size / 2.0
                } else {
                    size
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn the_styles_family_is_looked_up_first() {
        let names = |family| {
            official_names(family, Class::FangSong)
                .into_iter()
                .map(|(f, _)| f)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("仿宋"),
            ["仿宋", "仿宋_GB2312", "FangSong_GB2312", "FangSong"]
        );
        assert_eq!(
            names("仿宋_GB2312"),
            ["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"]
        );
        assert_eq!(names("FZFangSong")[0], "FZFangSong");
    }

    #[test]
    fn font_set_is_shareable_across_threads() {
        assert_send_sync::<FontSet>();
    }

    #[test]
    fn role_and_class_names_come_in_each_language() {
        use crate::diag::Lang;
        assert_eq!(role_name(RunRole::Body).get(Lang::Hans), "正文");
        assert_eq!(role_name(RunRole::Heading(2)).get(Lang::Hans), "2级标题");
        assert_eq!(role_name(RunRole::Heading(2)).get(Lang::Hant), "2級標題");
        assert_eq!(role_name(RunRole::Masthead).get(Lang::En), "masthead");
        assert_eq!(
            families::class_name(Class::FangSong).get(Lang::En),
            "FangSong"
        );
        assert_eq!(families::class_name(Class::Song).get(Lang::Hant), "宋體");
    }

    #[test]
    fn builtin_fonts_cover_gb2312_text_and_measure_full_width() {
        let fonts = FontSet::load(
            &Style::default(),
            Script::Hans,
            &FontOptions { builtin_only: true },
        )
        .unwrap_or_else(|d| panic!("{}", d.message.en));
        assert!((fonts.advance_pt(RunRole::Body, '国') - 16.0).abs() < 0.01);
        assert!((fonts.advance_pt(RunRole::Title, '国') - 22.0).abs() < 0.01);
        assert!((fonts.advance_pt(RunRole::Body, '，') - 16.0).abs() < 0.01);
        let digit = fonts.advance_pt(RunRole::Body, '1');
        assert!(
            (digit - 8.0).abs() < 0.01,
            "Times digit is 0.5 em, got {digit}"
        );
        let doc = Document {
            blocks: vec![Block::Paragraph {
                text: "我们推进彙報工作，共计12人。𠀀".into(),
            }],
        };
        assert_eq!(fonts.missing_chars(&doc), vec![('𠀀', RunRole::Body)]);
    }

    #[test]
    fn builtin_fonts_have_gbk_place_name_hanzi_in_every_role_and_script() {
        // 尅 (issue 13 item 15: a Guizhou village name), and every 1,000th of the 9,967 GBK hanzi
        // the built-in set had before (GB2312, 通用规范汉字表, Traditional forms, Big5 level 1)
        // lacked, in GBK order.
        let rare = "尅丂圂廇曽漀盺繉蛝軣韷";
        for script in [Script::Hans, Script::HantTw, Script::HantHk] {
            let fonts = FontSet::load(
                &Style::default(),
                script,
                &FontOptions { builtin_only: true },
            )
            .unwrap_or_else(|d| panic!("{}", d.message.en));
            for role in ROLES {
                for ch in rare.chars() {
                    assert!(fonts.glyph(role, ch).is_some(), "{script:?} {role:?} {ch}");
                }
            }
        }
    }

    #[test]
    fn unknown_family_classes_follow_the_role() {
        assert_eq!(families::class_of("仿宋_GB2312", None), Class::FangSong);
        assert_eq!(
            families::class_of("方正小标宋简体", None),
            Class::XiaoBiaoSong
        );
        assert_eq!(
            families::class_of("Whatever", Some(RunRole::Heading(2))),
            Class::Kai
        );
        assert_eq!(families::class_of("Times New Roman", None), Class::Times);
    }
}
