//! DOCX backend: the document model written as a GB/T 9704 Word document that opens the same in
//! Word, WPS and LibreOffice.
//!
//! Why it looks like this: the grid is the portable form of formal-style.md §2 rule 5 — a
//! 22-line grid (`w:docGrid type="lines"`, exact 579 tw lines) plus a character spacing that
//! makes 28 三号 hanzi fill the line, because the Word-template character grid (negative
//! `charSpace`) spreads titles and headings in LibreOffice. Paragraph formatting lives in one
//! style per role (`parts::styles`); every run still names its East-Asian font.
//!
//! The document is built with docx-rs (`body`, `parts`); its parts then go through one
//! post-processing step (`patch`) for what docx-rs cannot express or writes wrongly
//! (`firstLineChars`, schema order, `tblHeader`, `keepNext` off, `autoSpaceDE/DN`, kinsoku
//! lists and language tag, font table with `w:altName`, the duplicate `Normal`, unused styles,
//! the theme part, process-global paragraph ids), and are zipped
//! deflated with fixed times (`package`), so the same model and style give the same bytes.
//! [`write_mapped`] also says which model block each body element was written for, so that
//! the redline ([`crate::diff::redline`]) finds a block's paragraphs by position.

mod body;
mod frame;
pub(crate) mod package;
mod parts;
mod patch;
mod sections;
mod table;
pub(crate) mod tree;
pub(crate) mod xml;

use crate::diag::texts::output as texts;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::layout::{mm_to_twips, pt_to_twips};
use crate::model::Document;
use crate::style::Style;

/// The whole report as .docx bytes.
///
/// Every block of the model is written (title, subtitle, salutation, headings standalone and
/// run-in, paragraphs, attachment note, signature, note, tables, page breaks); page geometry,
/// grid and fonts come from `style`. The bytes depend only on `doc` and `style`. Tables are
/// measured, and a 版记 placed by a layout, with [`crate::layout::ApproxMeasure`]; the
/// pipeline uses [`write_with_meta`] with the fonts and the layout the PDF draws.
// The error type is the crate-wide `Diagnostic`, fixed by the pipeline that calls this.
#[allow(clippy::result_large_err)]
pub fn write(doc: &Document, style: &Style) -> Result<Vec<u8>, Diagnostic> {
    let measure = crate::layout::ApproxMeasure { style };
    write_with_tables(
        doc,
        style,
        &crate::layout::table_geometries(doc, style, &measure),
    )
}

/// Like [`write()`], with the tables laid out as `tables` says (the geometry the PDF of the
/// same report uses, one entry per table in document order; see
/// [`crate::layout::table_geometries`]).
// The error type is the crate-wide `Diagnostic`, fixed by the pipeline that calls this.
#[allow(clippy::result_large_err)]
pub fn write_with_tables(
    doc: &Document,
    style: &Style,
    tables: &[crate::layout::table::TableGeometry],
) -> Result<Vec<u8>, Diagnostic> {
    write_mapped(doc, style, tables, None).map(|w| w.bytes)
}

/// A written DOCX and where each block of the model went in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The .docx bytes.
    pub bytes: Vec<u8>,
    /// For every child element of `w:body` in `word/document.xml` (paragraph or table, from
    /// 0, the section properties excluded), the index in [`Document::blocks`] of the block it
    /// was written for; `None` for the paragraph that carries a page break after the last
    /// block.
    pub blocks: Vec<Option<usize>>,
    /// The package's parts (path, XML) in the order `bytes` holds them, for the redline
    /// (which would otherwise unzip `bytes` again).
    pub parts: Vec<(String, String)>,
}

/// [`write_with_tables()`], also telling which block each body element was written for (the
/// redline compares two reports block by block through it); the 版记 placed by `pages` as in
/// [`write_with_meta`].
#[allow(clippy::result_large_err)]
pub fn write_mapped(
    doc: &Document,
    style: &Style,
    tables: &[crate::layout::table::TableGeometry],
    pages: Option<&[crate::layout::Page]>,
) -> Result<Written, Diagnostic> {
    let title: String = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            crate::model::Block::Title { lines } => Some(lines.concat()),
            _ => None,
        })
        .collect();
    let meta = crate::meta::Meta {
        title: Some(title),
        ..crate::meta::Meta::default()
    };
    written(doc, style, tables, pages, &meta)
}

/// Like [`write_with_tables()`], with `meta`'s title, subject and language in the core
/// properties, and the 版记 placed where `pages` — the layout of `doc` with `tables`, as the
/// PDF draws it — puts it ([`crate::layout::frame::imprint_place`]). Without `pages`, a
/// document with a 版记 is laid out here with [`crate::layout::ApproxMeasure`].
#[allow(clippy::result_large_err)]
pub fn write_with_meta(
    doc: &Document,
    style: &Style,
    tables: &[crate::layout::table::TableGeometry],
    pages: Option<&[crate::layout::Page]>,
    meta: &crate::meta::Meta,
) -> Result<Vec<u8>, Diagnostic> {
    written(doc, style, tables, pages, meta).map(|w| w.bytes)
}

#[allow(clippy::result_large_err)]
fn written(
    doc: &Document,
    style: &Style,
    tables: &[crate::layout::table::TableGeometry],
    pages: Option<&[crate::layout::Page]>,
    meta: &crate::meta::Meta,
) -> Result<Written, Diagnostic> {
    // The 版记's place and the keeps before a signature come from the layout.
    let needs_layout = doc.docx_needs_layout();
    let laid_out;
    let pages = match pages {
        Some(pages) => Some(pages),
        None if needs_layout => {
            let measure = crate::layout::ApproxMeasure { style };
            laid_out = crate::layout::layout_with_tables(doc, style, &measure, tables);
            Some(laid_out.as_slice())
        }
        None => None,
    };
    let imprint = pages.and_then(|p| crate::layout::frame::imprint_place(doc, p, style));
    let signature_keeps = pages
        .map(|p| crate::layout::signature_keeps(doc, p, style))
        .unwrap_or_default();
    let g = Geometry::new(style);
    let mut docx = parts::styles(docx_rs::Docx::new(), &g, style)
        .default_tab_stop(420)
        .footer(parts::footer(&g, style, true))
        .even_footer(parts::footer(&g, style, false));
    // No punctuation compression: each mark keeps its cell, as in the PDF.
    docx.settings = std::mem::take(&mut docx.settings)
        .character_spacing_control(docx_rs::CharacterSpacingValues::DoNotCompress);
    let body::Body {
        docx,
        header_rows,
        unkept,
        sections,
        owners: mut blocks,
    } = body::document(
        docx,
        doc,
        style,
        &g,
        tables,
        imprint.unwrap_or_default(),
        &signature_keeps,
    );
    // A section that starts after a table gets a paragraph of its own to end the one before
    // (see [`sections::split`]): it belongs to no block.
    for s in sections.iter().rev() {
        let after_table = s.child.checked_sub(1).is_some_and(|c| {
            matches!(
                docx.document.children.get(c),
                Some(docx_rs::DocumentChild::Table(_))
            )
        });
        if after_table && s.child <= blocks.len() {
            blocks.insert(s.child, None);
        }
    }
    // Word's lists for the report's language are written out (with the language tag) unless
    // they are Word's Simplified-Chinese defaults, so every renderer breaks as the layout does.
    let kinsoku = crate::typeset::kinsoku::Kinsoku::of(style);
    let fixes = patch::Fixes {
        first_line_chars: vec![(parts::ids::BODY.to_string(), 200)],
        header_rows,
        unkept,
        no_line_breaks: (!kinsoku.is_word_default())
            .then(|| (kinsoku.no_end_list(), kinsoku.no_start_list())),
        lang: kinsoku.lang.tag().to_string(),
        font_table: parts::font_table(style),
        core: package::core_props(meta),
        sections: sections::Sections {
            turned: sections
                .iter()
                .any(|s| s.kind == sections::SectionKind::Landscape)
                .then(|| Geometry::new(&style.landscape())),
            starts: sections,
        },
    };
    let x = docx.build();
    let mut files = vec![
        ("[Content_Types].xml".to_string(), x.content_type),
        ("_rels/.rels".to_string(), x.rels),
        ("docProps/core.xml".to_string(), x.doc_props.core),
        ("docProps/app.xml".to_string(), x.doc_props.app),
        ("word/document.xml".to_string(), x.document),
        ("word/_rels/document.xml.rels".to_string(), x.document_rels),
        ("word/styles.xml".to_string(), x.styles),
        ("word/settings.xml".to_string(), x.settings),
        ("word/fontTable.xml".to_string(), x.font_table),
        (patch::THEME.to_string(), parts::theme(style).into_bytes()),
    ];
    for (i, f) in x.footers.into_iter().enumerate() {
        files.push((format!("word/footer{}.xml", i + 1), f));
    }
    files.extend(sections::footer_parts(&fixes.sections, style));
    let failed = |e: String| Diagnostic::error(Code::DocxWrite, texts::docx_failed(e));
    let patched = patch::apply(files, &fixes).map_err(failed)?;
    let parts = patched.iter().map(|(p, x)| (p.as_str(), x.as_str()));
    let bytes =
        package::zip_sharing(parts, patch::shared_part).map_err(|e| failed(e.to_string()))?;
    Ok(Written {
        bytes,
        blocks,
        parts: patched,
    })
}

/// Page geometry in twips, derived once from the style.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// Paper width.
    pub page_w: i32,
    /// Paper height.
    pub page_h: i32,
    /// Top margin.
    pub top: i32,
    /// Bottom margin.
    pub bottom: i32,
    /// Left margin.
    pub left: i32,
    /// Right margin.
    pub right: i32,
    /// Distance from the paper's bottom edge to the bottom of the footer line.
    pub footer: i32,
    /// Exact line pitch of the grid.
    pub line_pitch: u32,
    /// Characters per full line.
    pub chars: u32,
}

impl Geometry {
    /// The geometry of `style`: A4 37/35/28/26 mm by default; odd values are clamped so that a
    /// bad `[style]` table cannot produce a page Word refuses.
    pub fn new(style: &Style) -> Geometry {
        let p = &style.page;
        let page_w = mm_to_twips(p.width_mm).clamp(2880, 31680);
        let page_h = mm_to_twips(p.height_mm).clamp(2880, 31680);
        let left = mm_to_twips(p.left_mm).clamp(0, page_w / 2 - 720);
        let right = mm_to_twips(p.right_mm).clamp(0, page_w / 2 - 720);
        let top = mm_to_twips(p.top_mm).clamp(0, page_h / 2 - 720);
        let bottom = mm_to_twips(p.bottom_mm).clamp(0, page_h / 2 - 720);
        // The footer line is 1.2 × the page-number size with LibreOffice's and Word's exact-line
        // ascent of 80 %, so its bottom sits 0.2 × line below the requested baseline.
        let line_pt = crate::typeset::size(style, crate::model::RunRole::PageNumber) * 1.2;
        let footer = (mm_to_twips(p.page_number_baseline_mm) - pt_to_twips(line_pt * 0.2))
            .clamp(0, bottom.max(0));
        Geometry {
            page_w,
            page_h,
            top,
            bottom,
            left,
            right,
            footer,
            line_pitch: style.grid.line_pitch_twips.clamp(40, 31680),
            chars: style.grid.chars.max(1),
        }
    }

    /// Width of the type area.
    pub fn text_width(&self) -> i32 {
        self.page_w - self.left - self.right
    }

    /// Horizontal scale in percent (`w:w`) for `size_pt` text on the grid: 100 when one
    /// character fits a cell (`chars` per type-area width), otherwise the smallest whole percent
    /// percent, leaving less than 1 % of the size to take back with [`Geometry::grid_spacing`]
    /// (99 for 三号 on the 156 mm type area). A small scale plus a spacing of −1 instead of a
    /// spacing of −5: with −0.25 pt per character LibreOffice 7.4 neither draws nor exports a
    /// justified line's hanging comma.
    pub fn grid_scale(&self, size_pt: f32) -> u32 {
        let cell_tw = self.text_width() as f32 / self.chars as f32;
        let natural = size_pt * 20.0;
        if natural.is_nan() || natural <= cell_tw {
            return 100;
        }
        ((100.0 * cell_tw / natural).ceil() as u32).clamp(50, 100)
    }

    /// Character spacing (twentieths of a point, `w:spacing`) that, with the scale of
    /// [`Geometry::grid_scale`], makes `chars` characters of `size_pt` fit the type area exactly
    /// or with less than 1/20 pt per character to spare: −1 for 三号 (15.79 pt per hanzi at
    /// 99 %, 28 = 442.1 pt ≤ 442.2 pt).
    pub fn grid_spacing(&self, size_pt: f32) -> i32 {
        let cell_tw = self.text_width() as f32 / self.chars as f32;
        let scaled = size_pt * 20.0 * self.grid_scale(size_pt) as f32 / 100.0;
        ((cell_tw - scaled).floor() as i32).clamp(-(size_pt * 10.0) as i32, 1584)
    }

    /// The advance of one hanzi of `size_pt` on the grid, whole twips (315 for 三号).
    pub fn advance(&self, size_pt: f32) -> i32 {
        let scaled = size_pt * 20.0 * self.grid_scale(size_pt) as f32 / 100.0;
        ((scaled + self.grid_spacing(size_pt) as f32).floor() as i32).clamp(0, 31680)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_geometry_matches_the_spec_table() {
        let g = Geometry::new(&Style::default());
        assert_eq!(
            (g.page_w, g.page_h, g.top, g.bottom, g.left, g.right),
            (11906, 16838, 2098, 1984, 1587, 1474)
        );
        assert_eq!(g.text_width(), 8845);
        assert_eq!((g.grid_scale(16.0), g.grid_spacing(16.0)), (99, -1));
        assert_eq!(g.advance(16.0), 315);
        assert!(28 * g.advance(16.0) <= g.text_width());
        assert!(29 * g.advance(16.0) > g.text_width());
        assert!((1380..=1480).contains(&g.footer), "{}", g.footer);
    }

    #[test]
    fn absurd_style_values_do_not_panic() {
        let mut s = Style::default();
        s.page.width_mm = f32::NAN;
        s.page.left_mm = -5.0;
        s.grid.chars = 0;
        s.grid.line_pitch_twips = 0;
        s.fonts.body.size_pt = f32::INFINITY;
        let g = Geometry::new(&s);
        assert!(g.page_w >= 2880 && g.line_pitch >= 40 && g.chars == 1);
        let _ = g.grid_spacing(s.fonts.body.size_pt);
        assert!(write(&crate::model::Document::default(), &s).is_ok());
    }
}
