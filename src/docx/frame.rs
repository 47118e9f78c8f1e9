//! The GB/T 9704 frame in the DOCX: 发文机关标志 (red), 发文字号 and 签发人 over the red
//! separator line (a paragraph border), the "附件N" label of an attachment page, and the 版记
//! as a table on the last lines of the page the layout puts it on, blank lines before it. Sizes and distances
//! are the layout's ([`crate::layout`] frame), so Word and LibreOffice place them as the PDF does.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, Tab, TabValueType, Table, TableAlignmentType,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType,
    TableRow, WidthType,
};

use super::parts::role_run;
use super::Geometry;
use crate::layout::{frame, pt_to_twips, ApproxMeasure, Measure};
use crate::model::Imprint;
use crate::style::{Style, PT_PER_MM};
use crate::typeset::{size, Element, Typeset};

/// GB/T 9704 red.
const RED: &str = "FF0000";
/// Masthead line pitch (the title's 35 pt), in twips.
const MASTHEAD_LINE_TW: i32 = 700;
/// Red separator: 4 mm under the number (OOXML border space is in points), 0.35 mm wide (in
/// eighths of a point).
const SEPARATOR_SPACE_PT: usize = (frame::SEPARATOR_BELOW_NUMBER_MM * PT_PER_MM) as usize;
const SEPARATOR_SIZE: usize = 8;
/// 版记 rules in eighths of a point: outer 0.35 mm, inner 0.25 mm.
const IMPRINT_OUTER: usize = 8;
const IMPRINT_INNER: usize = 6;

/// A run of `text` set as the typesetting layer sets `element`.
fn run(g: &Geometry, style: &Style, element: Element, text: &str) -> Run {
    role_run(g, &Typeset::new(style).element(element), text)
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
        .before(0)
        .after(0)
}

/// Space before the masthead's first line that puts its glyph tops 35 mm below the type
/// area's top: exact spacing puts the baseline 0.8 of the line below its top, and the glyph's
/// top is 0.88 em above the baseline.
fn masthead_before_pt(style: &Style, above: usize) -> f32 {
    let size = size(style, Element::Masthead.role());
    let line_pt = MASTHEAD_LINE_TW as f32 / 20.0;
    (frame::masthead_top(style, above) - (0.8 * line_pt - 0.88 * size)).max(0.0)
}

/// 发文机关标志: one centred red paragraph per issuer, the first one's glyph tops 35 mm below
/// the type area's top; together they take whole grid lines, as in the layout. Two blank grid
/// lines follow (written by the caller as empty paragraphs).
pub fn masthead(g: &Geometry, style: &Style, issuers: &[String], above: usize) -> Vec<Paragraph> {
    let pitch_pt = g.line_pitch as f32 / 20.0;
    let line_pt = MASTHEAD_LINE_TW as f32 / 20.0;
    let n = issuers.len().max(1) as f32;
    let (lines, _) = frame::masthead_lines(style, issuers.len(), above);
    let total_pt = lines as f32 * pitch_pt;
    let before_pt = masthead_before_pt(style, above);
    let after_pt = (total_pt - before_pt - line_pt * n).max(0.0);
    let last = issuers.len().saturating_sub(1);
    issuers
        .iter()
        .enumerate()
        .map(|(k, issuer)| {
            let before = if k == 0 { before_pt } else { 0.0 };
            let after = if k == last { after_pt } else { 0.0 };
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(
                    exact(MASTHEAD_LINE_TW)
                        .before(pt_to_twips(before).max(0) as u32)
                        .after(pt_to_twips(after).max(0) as u32),
                )
                .snap_to_grid(false)
                .keep_next(true)
                .add_run(run(g, style, Element::Masthead, issuer).color(RED))
        })
        .collect()
}

/// A joint masthead with its suffix (§7.2.4): a borderless table centred in the type area,
/// the issuers stacked in the left column (each centred in it, as wide as the longest), the
/// suffix in the right column one masthead character from them, its line centred on theirs.
/// Vertical place and grid lines as [`masthead`]'s; widths as the layout's
/// ([`frame::joint_masthead_columns`]) with one em per character.
pub fn joint_masthead(
    g: &Geometry,
    style: &Style,
    issuers: &[String],
    suffix: &str,
    above: usize,
) -> Table {
    let role = Element::Masthead.role();
    let size = size(style, role);
    let measure = ApproxMeasure { style };
    let width = |t: &str| -> f32 { t.chars().map(|c| measure.advance_pt(role, c)).sum() };
    let names_w = issuers.iter().map(|t| width(t)).fold(0.0, f32::max);
    let suffix_w = width(suffix);
    let tw = |pt: f32| pt_to_twips(pt).max(0) as usize;
    // The names' paragraphs as the single masthead writes them (space before and after).
    let names = masthead(g, style, issuers, above);
    let before_pt = masthead_before_pt(style, above);
    let mut names_cell = TableCell::new().width(tw(names_w), WidthType::Dxa);
    for p in names {
        names_cell = names_cell.add_paragraph(p);
    }
    let suffix_para = Paragraph::new()
        .align(AlignmentType::Right)
        .line_spacing(
            exact(MASTHEAD_LINE_TW)
                .before(tw(before_pt + frame::joint_suffix_drop(issuers.len())) as u32),
        )
        .snap_to_grid(false)
        .keep_next(true)
        .add_run(run(g, style, Element::Masthead, suffix).color(RED));
    let suffix_cell = TableCell::new()
        .width(tw(size + suffix_w), WidthType::Dxa)
        .add_paragraph(suffix_para);
    let none = |pos| TableBorder::new(pos).border_type(BorderType::Nil);
    let borders = TableBorders::new()
        .set(none(TableBorderPosition::Top))
        .set(none(TableBorderPosition::Bottom))
        .set(none(TableBorderPosition::Left))
        .set(none(TableBorderPosition::Right))
        .set(none(TableBorderPosition::InsideH))
        .set(none(TableBorderPosition::InsideV));
    let grid = vec![tw(names_w), tw(size + suffix_w)];
    Table::new(vec![TableRow::new(vec![names_cell, suffix_cell])])
        .set_grid(grid.clone())
        .width(grid.iter().sum(), WidthType::Dxa)
        .align(TableAlignmentType::Center)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .layout(TableLayoutType::Fixed)
        .set_borders(borders)
}

/// 发文字号 (centred, or one character in with "签发人：" and the names in 楷体 right-aligned one
/// character from the right edge) with the red separator line as its bottom border.
pub fn number(g: &Geometry, style: &Style, number: &str, signers: &[String]) -> Paragraph {
    let cell = g.advance(size(style, Element::Paragraph.role()));
    let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
        .val(BorderType::Single)
        .size(SEPARATOR_SIZE)
        .space(SEPARATOR_SPACE_PT)
        .color(RED);
    let p = Paragraph::new()
        .line_spacing(exact(g.line_pitch as i32))
        .keep_next(true)
        .set_borders(ParagraphBorders::with_empty().set(border));
    let number_run = run(g, style, Element::DocNumber, number);
    if signers.is_empty() {
        return p.align(AlignmentType::Center).add_run(number_run);
    }
    let names = signers.join("\u{3000}");
    p.align(AlignmentType::Left)
        .indent(Some(cell), None, Some(cell), None)
        .add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .pos((g.text_width() - 2 * cell).max(0) as usize),
        )
        .add_run(number_run)
        .add_run(Run::new().add_tab())
        .add_run(run(g, style, Element::SignerLabel, "签发人："))
        .add_run(run(g, style, Element::Signers, &names))
}

/// 份号, 密级和保密期限, 紧急程度: one flush-left paragraph each (the number in the body face, the
/// others in 黑体).
pub fn marks(g: &Geometry, style: &Style, marks: &[(String, Element)]) -> Vec<Paragraph> {
    marks
        .iter()
        .map(|(text, element)| {
            Paragraph::new()
                .align(AlignmentType::Left)
                .line_spacing(exact(g.line_pitch as i32))
                .keep_next(true)
                .add_run(run(g, style, *element, text))
        })
        .collect()
}

/// "附件N" in 黑体, flush left (the caller starts a new page before it).
pub fn attachment_label(g: &Geometry, style: &Style, number: usize) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Left)
        .line_spacing(exact(g.line_pitch as i32))
        .keep_next(true)
        .add_run(run(
            g,
            style,
            Element::AttachmentLabel,
            &format!("附件{number}"),
        ))
}

/// The 版记: a two-column table anchored to the bottom of the type area, 抄送 across both
/// columns, then the printing office (left) and the date with 印发 (right), each one
/// character from its side; thick rules above and below, a thin one between.
pub fn imprint(g: &Geometry, style: &Style, imprint: &Imprint) -> Table {
    let gap = pt_to_twips(size(style, Element::Imprint.role()));
    let width = g.text_width().max(0);
    let half = width / 2;
    let cell_para = |text: &str, align: AlignmentType| {
        Paragraph::new()
            .align(align)
            .indent(Some(gap), None, Some(gap), None)
            // Two points less than a grid line, leaving room for the rules.
            .line_spacing(exact(g.line_pitch as i32 - 40))
            .snap_to_grid(false)
            .add_run(run(g, style, Element::Imprint, text))
    };
    let mut rows = Vec::new();
    if let Some(copies) = imprint.copies_line() {
        rows.push(TableRow::new(vec![TableCell::new()
            .width(width as usize, WidthType::Dxa)
            .grid_span(2)
            .add_paragraph(cell_para(&copies, AlignmentType::Left))]));
    }
    rows.push(TableRow::new(vec![
        TableCell::new()
            .width(half as usize, WidthType::Dxa)
            .add_paragraph(cell_para(&imprint.printer, AlignmentType::Left)),
        TableCell::new()
            .width((width - half) as usize, WidthType::Dxa)
            .add_paragraph(cell_para(&imprint.date_line(), AlignmentType::Right)),
    ]));
    let line = |pos, size| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size(size)
            .color("000000")
    };
    let none = |pos| TableBorder::new(pos).border_type(BorderType::Nil);
    let borders = TableBorders::new()
        .set(line(TableBorderPosition::Top, IMPRINT_OUTER))
        .set(line(TableBorderPosition::Bottom, IMPRINT_OUTER))
        .set(line(TableBorderPosition::InsideH, IMPRINT_INNER))
        .set(none(TableBorderPosition::Left))
        .set(none(TableBorderPosition::Right))
        .set(none(TableBorderPosition::InsideV));
    Table::new(rows)
        .set_grid(vec![half as usize, (width - half) as usize])
        .width(width as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(borders)
}

/// The paragraph after the 版记 table (OOXML wants one after a table): 1 pt high, so that it
/// does not spill onto a new page below a 版记 on the last lines.
pub fn after_imprint() -> Paragraph {
    Paragraph::new()
        .line_spacing(exact(20))
        .snap_to_grid(false)
        .add_run(Run::new().size(2))
}
