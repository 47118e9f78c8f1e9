//! The grid layout engine: paragraphs onto a 22 × 28 grid with Chinese line-breaking rules.
//!
//! No general-purpose text layout fits GB/T 9704's character grid with Word's line-start and
//! line-end rules, so this is ours (see `shared/spec/line-breaking.md`). The engine knows nothing
//! about PDF: it turns the document model into pages of positioned glyphs, measuring half-width
//! text through [`Measure`], and the PDF backend draws exactly what it returns.

use crate::model::RunRole;

/// Measures glyph advances for the layout, in points, with the font a role uses for `ch`
/// (the role's CJK font, or the Latin font for digits and letters) at the role's size.
pub trait Measure {
    /// Advance width of `ch` in the font and size of `role`, in points.
    fn advance_pt(&self, role: RunRole, ch: char) -> f32;
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page number printed on it (1-based), if the page is numbered.
    pub number: Option<usize>,
    /// The lines on the page, top to bottom, page number line included.
    pub lines: Vec<Line>,
    /// Straight lines to draw (table borders).
    pub rules: Vec<Rule>,
    /// A landscape page (横排表格): the paper turned a quarter, coordinates on the turned page
    /// ([`crate::style::Style::landscape`]).
    pub landscape: bool,
}

impl Page {
    /// The sheet's width and height, in millimetres, for this page of a document in `style`:
    /// a landscape page (横排表格) is the sheet turned a quarter.
    pub fn sheet_mm(&self, style: &Style) -> (f32, f32) {
        let (width, height) = (style.page.width_mm, style.page.height_mm);
        if self.landscape {
            (height, width)
        } else {
            (width, height)
        }
    }
}

/// A straight line on the page, in points from the paper's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Start, from the left edge.
    pub x1: f32,
    /// Start, from the top edge.
    pub y1: f32,
    /// End, from the left edge.
    pub x2: f32,
    /// End, from the top edge.
    pub y2: f32,
    /// Line width.
    pub width_pt: f32,
    /// Drawn in red (GB/T 9704's separator line under the document number), else black.
    pub red: bool,
}

/// One line of glyphs on a common baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Baseline, in points from the top edge of the paper.
    pub baseline_pt: f32,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
    /// The index in [`Document::blocks`] of the block the line was laid out for; `None` for
    /// the page number. Code that needs to know what a line is asks this, not its text.
    pub block: Option<usize>,
    /// For a line drawn inside a table (a line of one cell's text), that cell; `None` for
    /// every other line (a table's caption and note included).
    pub cell: Option<TableCell>,
}

/// The table cell a laid-out line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableCell {
    /// Row of the cell (0-based, header rows included); for a merged cell, its top row, even
    /// where its lines are drawn in a row further down.
    pub row: usize,
    /// Column of the cell (0-based); for a merged cell, its left column.
    pub col: usize,
    /// A header row drawn again at the top of a later page the table continues on: the same
    /// cell once more, not new content.
    pub repeated: bool,
}

/// One positioned character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The character.
    pub ch: char,
    /// Left edge of the glyph, in points from the left edge of the paper.
    pub x_pt: f32,
    /// The role whose font and size draw it.
    pub role: RunRole,
}

mod blocks;
pub mod breaking;
pub mod frame;
pub(crate) use blocks::{heading_keeps_with_next, landscape_group, title_grid_lines, TITLE_PITCH};
mod paginate;
pub use paginate::{landscape_page_number_line, LANDSCAPE_NUMBER_GAP_MM};
mod paragraph;
pub mod table;

use crate::model::Document;
use crate::style::Style;

/// Each character of `text` with its x: from `x0` on, each at the advances of those before it.
/// Every run of text the layout sets places its glyphs by this.
fn positions<'a>(
    text: &'a str,
    x0: f32,
    mut advance: impl FnMut(char) -> f32 + 'a,
) -> impl Iterator<Item = (char, f32)> + 'a {
    let mut x = x0;
    text.chars().map(move |c| {
        let at = x;
        x += advance(c);
        (c, at)
    })
}

impl Line {
    /// The line's characters as a string, left to right.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }
}

/// Switches of the engine that trade Word fidelity for typographic rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Avoid a paragraph's last line holding a single hanzi (孤字, formal-style.md §5 rule 12)
    /// by carrying one more item down from the line before. Word does not do this, so a DOCX
    /// rendered by Word breaks those paragraphs one character differently. Default on.
    pub avoid_lone_char: bool,
    /// Let a closing quote or bracket (”’）》〉】〕」』〗) hang in the right margin like 。，、
    /// (Word's overflowPunct, per ECMA-376's example; line-breaking.md §3 rule 15). Off, such
    /// a mark instead carries the character before it down, as LibreOffice does. Default on.
    pub hang_closing_marks: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            avoid_lone_char: true,
            hang_closing_marks: true,
        }
    }
}

impl LayoutOptions {
    /// Options that follow Word's line breaks (no 孤字 correction).
    pub fn word_fidelity() -> Self {
        LayoutOptions {
            avoid_lone_char: false,
            hang_closing_marks: true,
        }
    }

    /// Options that follow LibreOffice's line breaks more closely (no 孤字 correction, closing
    /// marks do not hang), for comparing with LibreOffice's rendering of the DOCX.
    pub fn libreoffice_like() -> Self {
        LayoutOptions {
            avoid_lone_char: false,
            hang_closing_marks: false,
        }
    }
}

impl From<&crate::style::LineBreaking> for LayoutOptions {
    fn from(lb: &crate::style::LineBreaking) -> Self {
        LayoutOptions {
            avoid_lone_char: lb.avoid_lone_char,
            hang_closing_marks: lb.hang_closing_marks,
        }
    }
}

/// Lays the document out on pages with the options of the style's `[line_breaking]`.
pub fn layout(doc: &Document, style: &Style, measure: &dyn Measure) -> Vec<Page> {
    layout_with(
        doc,
        style,
        measure,
        &LayoutOptions::from(&style.line_breaking),
    )
}

/// Lays the document out on pages: every block on the grid, page numbers added. Returns at
/// least one page (an empty document gives one numbered, otherwise empty page).
///
/// Decisions beyond the spec: title lines sit 35 pt apart from the top of the type area
/// (baseline 28 pt below each line's top) and take the smallest whole number of grid lines
/// that holds them (1 line → 2, 2 → 3, 3 → 4), so the body stays on the 28.95 pt grid; one
/// blank grid line follows the title, or the subtitle lines under it. Blank lines at the top
/// of a page are dropped. The signature block (blank line, names, date) takes body text along
/// to a new page: the last paragraph whole when it is short, else its last two lines (see
/// [`signature_keeps`]). 附件说明 lines are set flush left (not stretched) so that
/// continuation lines stay exactly under the name.
pub fn layout_with(
    doc: &Document,
    style: &Style,
    measure: &dyn Measure,
    options: &LayoutOptions,
) -> Vec<Page> {
    let tables = table_geometries(doc, style, measure);
    layout_tables(doc, style, measure, options, &tables)
}

/// [`layout()`] with the tables laid out as `tables` says (one geometry per table of `doc`, in
/// document order, from [`table_geometries`] with the same fonts): the pipeline computes the
/// geometry once and hands it to the DOCX writer and to this layout alike.
pub fn layout_with_tables(
    doc: &Document,
    style: &Style,
    measure: &dyn Measure,
    tables: &[table::TableGeometry],
) -> Vec<Page> {
    let options = LayoutOptions::from(&style.line_breaking);
    layout_tables(doc, style, measure, &options, tables)
}

fn layout_tables(
    doc: &Document,
    style: &Style,
    measure: &dyn Measure,
    options: &LayoutOptions,
    tables: &[table::TableGeometry],
) -> Vec<Page> {
    let mut slots = blocks::slots(doc, style, measure, options, tables);
    let imprint = frame::take_imprint(&mut slots, doc);
    let mut pages = paginate::paginate_turning(&slots, doc, style, measure);
    frame::place_imprint(&mut pages, &imprint, style, measure);
    pages
}

/// How the layout kept the block before a signature with it (see
/// [`signature_keeps`]); the DOCX writer states it on that block's paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureKeep {
    /// The whole block goes to the signature's page: its paragraphs `w:keepLines` and
    /// `w:keepNext`.
    Whole,
    /// Its last two lines go with the signature: its last paragraph `w:keepNext` (Word keeps
    /// its last lines with the next paragraph under widow control).
    LastLines,
    /// A page break splits it by widow and orphan control with two or more of its lines on the
    /// signature's page: nothing to state (LibreOffice would move a paragraph marked
    /// `w:keepNext` whole instead of splitting it).
    Split,
}

/// For the block right before each signature (sealed or not), how the layout that drew
/// `pages` (the layout of `doc` in `style`) kept it with the signature, so that the signature
/// and date never stand alone on a page. This is the layout's one keep rule for signatures:
///
/// - text (a paragraph, note, heading, salutation or 附件说明) of at most a quarter of a page
///   of laid-out lines (5 on the 22-line page) goes to the signature's page whole, wherever
///   the page ends ([`SignatureKeep::Whole`]): the hole it can leave at the foot of the page
///   before stays under a third of the page, and Word and LibreOffice both execute
///   `w:keepLines` + `w:keepNext` this way;
/// - longer text keeps its last two lines with the signature ([`SignatureKeep::LastLines`]),
///   as Word reads `w:keepNext` (ECMA-376 §17.3.1.14) — LibreOffice never splits a paragraph
///   marked `w:keepNext` and moves it whole, the one case where it differs — except where a
///   page break splits it anyway with lines of it on the signature's page
///   ([`SignatureKeep::Split`]): a split by widow and orphan control leaves at most one free
///   line at the foot of the page before, a carry of two lines at least two.
pub fn signature_keeps(
    doc: &Document,
    pages: &[Page],
    style: &Style,
) -> Vec<(usize, SignatureKeep)> {
    let lines_per_page = style.grid.lines.max(1) as usize;
    // The pages holding lines of block `b`, in order.
    let pages_of = |b: usize| -> Vec<usize> {
        (0..pages.len())
            .filter(|&p| pages[p].lines.iter().any(|l| l.block == Some(b)))
            .collect()
    };
    (1..doc.blocks.len())
        .filter(|&s| doc.blocks[s].is_signature())
        .map(|s| {
            let b = s - 1;
            let lines = pages
                .iter()
                .flat_map(|p| &p.lines)
                .filter(|l| l.block == Some(b))
                .count();
            if blocks::whole_with_signature(&doc.blocks[b], lines, style) {
                return (b, SignatureKeep::Whole);
            }
            let on = pages_of(b);
            let signature_page = pages_of(s).first().copied();
            // Split across the page before the signature's and the signature's page, its
            // part before reaching within a line of that page's end.
            let split = signature_page.is_some_and(|p| {
                p > 0
                    && on.contains(&p)
                    && on.contains(&(p - 1))
                    && pages[p - 1]
                        .lines
                        .iter()
                        .filter(|l| l.block == Some(b))
                        .map(|l| frame::rows_down_to(l, style))
                        .max()
                        .is_some_and(|row| row + 1 >= lines_per_page)
            });
            let keep = if split && blocks::text_block(&doc.blocks[b]) {
                SignatureKeep::Split
            } else {
                SignatureKeep::LastLines
            };
            (b, keep)
        })
        .collect()
}

/// The geometry of every table of `doc`, in document order: what the DOCX writer states and
/// what [`layout()`] draws for the same fonts.
pub fn table_geometries(
    doc: &Document,
    style: &Style,
    measure: &dyn Measure,
) -> Vec<table::TableGeometry> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            crate::model::Block::Table(t) if t.landscape => {
                Some(table::geometry(t, &style.landscape(), measure))
            }
            crate::model::Block::Table(t) => Some(table::geometry(t, style, measure)),
            _ => None,
        })
        .collect()
}

/// The text of every laid-out line, grouped by block: entry `i` holds the lines of
/// `doc.blocks[i]` top to bottom (title lines, wrapped paragraph lines, table rows; blank lines
/// and page numbers left out). For comparing line breaks with another renderer of the DOCX.
pub fn block_line_texts(
    doc: &Document,
    style: &Style,
    measure: &dyn Measure,
    options: &LayoutOptions,
) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); doc.blocks.len()];
    let tables = table_geometries(doc, style, measure);
    for slot in blocks::slots(doc, style, measure, options, &tables) {
        if let blocks::SlotKind::Lines(lines) = slot.kind {
            for (_, glyphs) in lines {
                out[slot.block].push(glyphs.iter().map(|g| g.0).collect());
            }
        }
    }
    out
}

/// `pt` in whole twips (1/20 pt, the DOCX's unit), rounded to the nearest.
pub(crate) fn pt_to_twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// `mm` in whole twips, rounded to the nearest: how the DOCX states the paper and its margins,
/// and the layout's tables round the type area to agree.
pub(crate) fn mm_to_twips(mm: f32) -> i32 {
    pt_to_twips(mm * crate::style::PT_PER_MM)
}

/// A font-free [`Measure`]: full-width characters one em of the role's size, half-width ones
/// with Times New Roman-like advances (digits ½ em, "." ¼ em, "%" ⅚ em). For tests, and for
/// line-break estimates where no font is at hand.
#[derive(Debug, Clone, Copy)]
pub struct ApproxMeasure<'a> {
    /// The style whose role sizes are used.
    pub style: &'a Style,
}

impl Measure for ApproxMeasure<'_> {
    fn advance_pt(&self, role: RunRole, ch: char) -> f32 {
        let em = crate::typeset::size(self.style, role);
        let factor = match ch {
            c if crate::typeset::chars::is_full_width(c) => 1.0,
            '.' | ',' | ':' | ';' | ' ' | '!' | '\'' => 0.25,
            '%' => 0.833,
            '-' | '(' | ')' | '[' | ']' | '/' => 0.333,
            'A'..='Z' => 0.667,
            _ => 0.5,
        };
        em * factor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    /// A paragraph of `n` full lines (26 characters after the indent, then 28 each).
    fn lines(n: usize, c: &str) -> Block {
        Block::Paragraph {
            text: c.repeat(26 + 28 * (n - 1)),
        }
    }

    /// The keep of the paragraph before the signature and the body lines on the last page,
    /// for a filler of `filler` lines and a last paragraph of `n`.
    fn keep_of(filler: usize, n: usize) -> (SignatureKeep, usize) {
        let style = Style::default();
        let doc = Document {
            blocks: vec![
                lines(filler, "国"),
                lines(n, "民"),
                Block::Signature {
                    names: vec!["某县科学技术协会".into()],
                    date: "2012年10月10日".into(),
                },
            ],
        };
        let pages = layout(&doc, &style, &ApproxMeasure { style: &style });
        let keeps = signature_keeps(&doc, &pages, &style);
        assert_eq!(keeps.len(), 1);
        assert_eq!(keeps[0].0, 1);
        let last = pages.last().unwrap();
        let carried = last.lines.iter().filter(|l| l.block == Some(1)).count();
        (keeps[0].1, carried)
    }

    #[test]
    fn the_paragraph_before_the_signature_goes_whole_when_short_else_its_last_two_lines() {
        // Ending on the page's last line: up to 5 lines go whole, longer keep two.
        assert_eq!(keep_of(19, 3), (SignatureKeep::Whole, 3));
        assert_eq!(keep_of(17, 5), (SignatureKeep::Whole, 5));
        assert_eq!(keep_of(16, 6), (SignatureKeep::LastLines, 2));
        assert_eq!(keep_of(12, 8), (SignatureKeep::LastLines, 2));
        // Two lines of room: still too few for blank line, name and date.
        assert_eq!(keep_of(14, 6), (SignatureKeep::LastLines, 2));
        // Running onto the next page: split there by the widow rule, nothing to keep.
        assert_eq!(keep_of(15, 8), (SignatureKeep::Split, 2));
        assert_eq!(keep_of(11, 12), (SignatureKeep::Split, 2));
        assert_eq!(keep_of(13, 12), (SignatureKeep::Split, 3));
        // A short one running over still goes whole.
        assert_eq!(keep_of(18, 5), (SignatureKeep::Whole, 5));
        // Room for the signature: nothing moves; a long paragraph states its last lines.
        assert_eq!(keep_of(10, 8), (SignatureKeep::LastLines, 8));
    }
}
