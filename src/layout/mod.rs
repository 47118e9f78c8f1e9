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
}

/// One line of glyphs on a common baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Baseline, in points from the top edge of the paper.
    pub baseline_pt: f32,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
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
