//! What each block of the document model becomes: a sequence of grid slots (lines, blank
//! lines, the title box, page breaks) with their keep-together rules, before pagination.
//!
//! Placement follows formal-style.md §4–§7: indents in cells, titles and subtitles centred,
//! the salutation flush left, attachment names aligned under the first name, the unsealed
//! signature by [`Style::signature_cells`], tables as simple rows of 4号 text on the grid.

use super::frame;
use super::paragraph::{set_paragraph, ParaSpec, SetGlyphs, SetLine};
use super::table::TableGeometry;
use super::{LayoutOptions, Measure, Rule};
use crate::model::{attachment_lines, Block, Document, Heading, RunRole, Table};
use crate::style::Style;
use crate::typeset::chars::is_full_width;
use crate::typeset::{on_grid, Element};

/// Title line pitch in points (formal-style.md §6 rule 16: exact 35 pt).
pub(crate) const TITLE_PITCH: f32 = 35.0;

/// One unit of vertical space on the grid.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SlotKind {
    /// Lines of glyphs: (baseline offset from the slot's top in pt, glyphs (char, role, x from
    /// the left margin)).
    Lines(Vec<(f32, SetGlyphs)>),
    /// An empty grid line (dropped at the top of a page).
    Blank,
    /// Start a new page.
    PageBreak,
}

/// A slot: `height` grid lines from block `block`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slot {
    /// Index of the block in the document.
    pub block: usize,
    /// Grid lines it occupies.
    pub height: usize,
    /// Content.
    pub kind: SlotKind,
    /// Must stay on the same page as the next slot.
    pub keep_with_next: bool,
    /// Lines to draw, relative to the type area's left edge and the slot's top.
    pub rules: Vec<Rule>,
    /// The row of a table this slot draws, if any.
    pub table: Option<TableRow>,
}

/// A slot that draws one row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableRow {
    /// Header or body row.
    pub part: TablePart,
    /// For each line of the slot's [`SlotKind::Lines`], in order, the cell (row and column of
    /// its origin, for a merged cell) whose text the line draws.
    pub cells: Vec<(usize, usize)>,
}

impl Slot {
    /// Whether the slot is a header or body row of a table (`None`: not a table row).
    pub fn table_part(&self) -> Option<TablePart> {
        self.table.as_ref().map(|t| t.part)
    }
}

/// Which rows of a table a slot belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TablePart {
    /// A header row: repeated at the top of every page the table continues on, as Word does
    /// with the DOCX's `w:tblHeader` rows.
    Header,
    /// A body row.
    Body,
}

/// Everything the block converters need.
pub(super) struct Ctx<'a> {
    pub(super) style: &'a Style,
    pub(super) measure: &'a dyn Measure,
    pub(super) options: &'a LayoutOptions,
    pub(super) cell: f32,
    pub(super) width: f32,
    pub(super) pitch: f32,
}

impl Ctx<'_> {
    /// Advance of `ch` in `role`: one grid cell for full-width characters in grid roles,
    /// otherwise the font's advance.
    pub(super) fn advance(&self, role: RunRole, ch: char) -> f32 {
        if on_grid(role) && is_full_width(ch) {
            self.cell
        } else {
            self.measure.advance_pt(role, ch)
        }
    }

    pub(super) fn spec(&self, first_indent: f32, rest_indent: f32, justify: bool) -> ParaSpec {
        ParaSpec {
            first_indent,
            rest_indent,
            width: self.width,
            justify,
            cell: self.cell,
            kinsoku: crate::typeset::kinsoku::Kinsoku::of(self.style),
            avoid_lone_char: self.options.avoid_lone_char,
            hang_closing: self.options.hang_closing_marks,
        }
    }

    pub(super) fn set(&self, runs: &[(RunRole, &str)], spec: &ParaSpec) -> Vec<SetLine> {
        set_paragraph(runs, spec, &|r, c| self.advance(r, c))
    }

    /// One grid-line slot per set line, with the widow and orphan rule of Word's
    /// `w:widowControl` (which the DOCX turns on): a paragraph of two or more lines keeps its
    /// first two lines together and its last two, so neither its first nor its last line
    /// stands alone on a page (a paragraph of two or three lines moves whole).
    pub(super) fn line_slots(&self, block: usize, lines: Vec<SetLine>, keep: bool) -> Vec<Slot> {
        let n = lines.len();
        let mut slots: Vec<Slot> = lines
            .into_iter()
            .map(|l| Slot {
                block,
                height: 1,
                kind: SlotKind::Lines(vec![(0.8 * self.pitch, l.glyphs)]),
                keep_with_next: keep,
                rules: Vec::new(),
                table: None,
            })
            .collect();
        if n >= 2 {
            slots[0].keep_with_next = true;
            slots[n - 2].keep_with_next = true;
        }
        slots
    }

    /// Shifts each line right by `(room − natural) × factor` (0.5 centres).
    pub(super) fn shift(&self, lines: &mut [SetLine], room: f32, factor: f32) {
        for l in lines {
            let dx = ((room - l.natural) * factor).max(0.0);
            l.glyphs.iter_mut().for_each(|g| g.2 += dx);
        }
    }

    pub(super) fn width_of(&self, role: RunRole, text: &str) -> f32 {
        text.chars().map(|c| self.advance(role, c)).sum()
    }

    /// `text` in `role` from `x0`, each character advancing by [`Ctx::advance`].
    pub(super) fn placed(&self, role: RunRole, text: &str, x0: f32) -> SetGlyphs {
        super::positions(text, x0, |c| self.advance(role, c))
            .map(|(c, x)| (c, role, x))
            .collect()
    }
}

/// Converts the document into slots; `tables` holds the geometry of each table in document
/// order (see [`super::table_geometries`]).
pub(crate) fn slots(
    doc: &Document,
    style: &Style,
    measure: &dyn Measure,
    options: &LayoutOptions,
    tables: &[TableGeometry],
) -> Vec<Slot> {
    let mut tables = tables.iter();
    let ctx = Ctx {
        style,
        measure,
        options,
        cell: style.cell_pt(),
        width: style.page.text_width_pt(),
        pitch: style.grid.line_pitch_pt(),
    };
    // 横排表格 and the headings carried with them are set in the turned page's type area.
    let turned = doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Table(t) if t.landscape))
        .then(|| style.landscape());
    let turned_ctx = turned.as_ref().map(|turned| Ctx {
        style: turned,
        measure,
        options,
        cell: turned.cell_pt(),
        width: turned.page.text_width_pt(),
        pitch: ctx.pitch,
    });
    let mut out: Vec<Slot> = Vec::new();
    let blank = |block| Slot {
        block,
        height: 1,
        kind: SlotKind::Blank,
        keep_with_next: false,
        rules: Vec::new(),
        table: None,
    };
    // Where the slots of the block before the current one start in `out`.
    let mut block_start = 0;
    for (b, block) in doc.blocks.iter().enumerate() {
        let before_start = std::mem::replace(&mut block_start, out.len());
        let next_is_subtitle = matches!(doc.blocks.get(b + 1), Some(Block::Subtitle { .. }));
        let after_title = doc.blocks[..b]
            .iter()
            .rev()
            .find(|x| !matches!(x, Block::Subtitle { .. }))
            .is_some_and(|x| matches!(x, Block::Title { .. }));
        let indent2 = 2.0 * ctx.cell;
        match block {
            Block::Title { lines } => {
                out.push(title_slot(&ctx, b, lines));
                if !next_is_subtitle {
                    out.push(blank(b));
                }
            }
            Block::Subtitle { text } => {
                let mut lines = ctx.set(
                    &[(Element::Subtitle.role(), text)],
                    &ctx.spec(0.0, 0.0, false),
                );
                ctx.shift(&mut lines, ctx.width, 0.5);
                out.extend(ctx.line_slots(b, lines, after_title && next_is_subtitle));
                if after_title && !next_is_subtitle {
                    if let Some(last) = out.last_mut() {
                        last.keep_with_next = true;
                    }
                    out.push(blank(b));
                }
            }
            Block::Salutation { text } => {
                let lines = ctx.set(
                    &[(Element::Salutation.role(), text)],
                    &ctx.spec(0.0, 0.0, true),
                );
                out.extend(ctx.line_slots(b, lines, false));
            }
            Block::Heading(h) => {
                let keep = heading_keeps_with_next(&doc.blocks, b);
                let ctx = match (landscape_group(&doc.blocks, b), &turned_ctx) {
                    (Some(_), Some(turned)) => turned,
                    _ => &ctx,
                };
                out.extend(heading_slots(ctx, b, h, keep));
            }
            Block::Paragraph { text } | Block::Note { text } => {
                let element = match block {
                    Block::Note { .. } => Element::Note,
                    _ => Element::Paragraph,
                };
                let lines = ctx.set(&[(element.role(), text)], &ctx.spec(indent2, 0.0, true));
                out.extend(ctx.line_slots(b, lines, false));
            }
            Block::Attachments { items } => {
                out.push(blank(b));
                out.extend(attachment_slots(&ctx, b, items));
            }
            Block::Signature { names, date } => {
                let before = b.checked_sub(1).and_then(|p| doc.blocks.get(p));
                keep_with_signature(&mut out[before_start..], before, style);
                out.push(Slot {
                    keep_with_next: true,
                    ..blank(b)
                });
                out.extend(signature_slots(&ctx, b, names, date));
            }
            Block::Table(t) => {
                // 横排表格: laid out in the turned page's type area (paginated apart).
                let ctx = match (t.landscape, &turned_ctx) {
                    (true, Some(turned)) => turned,
                    _ => &ctx,
                };
                let computed;
                let g = match tables.next() {
                    Some(g) => g,
                    None => {
                        computed = super::table::geometry(t, ctx.style, measure);
                        &computed
                    }
                };
                out.extend(table_slots(ctx, b, t, g))
            }
            Block::PageBreak => out.push(Slot {
                block: b,
                height: 0,
                kind: SlotKind::PageBreak,
                keep_with_next: false,
                rules: Vec::new(),
                table: None,
            }),
            Block::Masthead { issuers, suffix } => out.extend(frame::masthead_slots(
                &ctx,
                b,
                issuers,
                suffix.as_deref(),
                frame::marks_above(doc, b),
            )),
            Block::DocMarks { .. } => out.extend(frame::marks_slots(&ctx, b, block)),
            Block::DocNumber { number, signers } => {
                out.extend(frame::number_slots(&ctx, b, number, signers))
            }
            Block::AttachmentPage { number, title } => {
                out.extend(frame::attachment_page_slots(&ctx, b, *number, title))
            }
            Block::Imprint(i) => out.extend(frame::imprint_slots(&ctx, b, i)),
            Block::SealedSignature { names, date } => {
                let before = b.checked_sub(1).and_then(|p| doc.blocks.get(p));
                keep_with_signature(&mut out[before_start..], before, style);
                out.extend(frame::sealed_signature_slots(&ctx, b, names, date))
            }
        }
    }
    out
}

/// The title: its lines as given, centred, 35 pt apart from the top of the slot; the slot takes
/// as many whole grid lines as the title needs, so the body below stays on the grid.
pub(super) fn title_slot(ctx: &Ctx, block: usize, lines: &[String]) -> Slot {
    title_slot_of(ctx, block, lines, Element::Title)
}

/// [`title_slot`] for the title-like `element` (an attachment page's title).
pub(super) fn title_slot_of(ctx: &Ctx, block: usize, lines: &[String], element: Element) -> Slot {
    let role = element.role();
    let set: Vec<(f32, SetGlyphs)> = lines
        .iter()
        .enumerate()
        .map(|(k, text)| {
            let w = ctx.width_of(role, text);
            let x = ((ctx.width - w) / 2.0).max(0.0);
            (
                TITLE_PITCH * k as f32 + 0.8 * TITLE_PITCH,
                ctx.placed(role, text, x),
            )
        })
        .collect();
    Slot {
        block,
        height: title_grid_lines(lines.len(), ctx.pitch),
        kind: SlotKind::Lines(set),
        keep_with_next: true,
        rules: Vec::new(),
        table: None,
    }
}

/// A heading: indent 2; a standalone heading's lines are kept together and, when `keep`, with
/// the next line; run-in headings set the label and heading text in the heading's role and the
/// body in the body role, one paragraph.
fn heading_slots(ctx: &Ctx, block: usize, h: &Heading, keep: bool) -> Vec<Slot> {
    let runs = crate::typeset::heading_runs(h);
    let runs: Vec<(RunRole, &str)> = runs.iter().map(|(e, s)| (e.role(), s.as_str())).collect();
    let lines = ctx.set(&runs, &ctx.spec(2.0 * ctx.cell, 0.0, true));
    let mut slots = ctx.line_slots(block, lines, h.body.is_none());
    if let (Some(last), None) = (slots.last_mut(), &h.body) {
        last.keep_with_next = keep;
    }
    slots
}

/// Whether block `i`, a standalone heading, is kept on the page of what follows it (the DOCX
/// writes `w:keepNext` by the same rule). Every standalone heading is, except inside a run of
/// three or more consecutive standalone headings, where only the last two are: the chain a
/// page break must move whole stays a few lines long (two headings and the two lines the
/// widow and orphan rule keeps together), instead of a list of headings leaving the bottom of
/// a page empty.
pub(crate) fn heading_keeps_with_next(blocks: &[Block], i: usize) -> bool {
    let standalone =
        |k: usize| matches!(blocks.get(k), Some(Block::Heading(h)) if h.body.is_none());
    standalone(i) && !(standalone(i + 1) && standalone(i + 2))
}

/// Whether `block`, the block right before a signature (sealed or not), goes to the
/// signature's page whole when the page ends before the signature: `lines` is the number of
/// its laid-out lines. The layout chains it to the signature ([`keep_with_signature`]) and
/// the DOCX writer states the same with `w:keepLines` and `w:keepNext` on its paragraphs
/// (through [`super::signature_keeps`]), which Word (ECMA-376 §17.3.1.14–15) and
/// LibreOffice execute alike.
///
/// Text blocks (a paragraph, note, heading, salutation or 附件说明) of at most a quarter of a
/// page (5 lines on the 22-line page) go whole: the hole left at the foot of the page before
/// stays under a third of the page. Longer ones keep only their last two lines with the
/// signature, as Word reads `w:keepNext` with widow control; LibreOffice never splits a
/// paragraph marked `w:keepNext` (it treats it as kept together), so it moves those whole.
pub(crate) fn whole_with_signature(block: &Block, lines: usize, style: &Style) -> bool {
    text_block(block) && lines <= (style.grid.lines.max(1) as usize) / 4
}

/// Whether `block` is text set line by line on the grid (a paragraph, note, heading,
/// salutation or 附件说明), which widow and orphan control splits and the keep before a
/// signature moves.
pub(crate) fn text_block(block: &Block) -> bool {
    matches!(
        block,
        Block::Paragraph { .. }
            | Block::Note { .. }
            | Block::Heading(_)
            | Block::Salutation { .. }
            | Block::Attachments { .. }
    )
}

/// Keeps the text before a signature on the signature's page, so that the signature and
/// date never stand alone on a page: `before` holds the slots of the block `block` before
/// it. The whole block when [`whole_with_signature`] says so (from its first line: a blank
/// line before it, as before the 附件说明, stays behind), else its last line (with the line
/// before it, by the widow rule).
fn keep_with_signature(before: &mut [Slot], block: Option<&Block>, style: &Style) {
    let is_line = |s: &Slot| matches!(s.kind, SlotKind::Lines(_));
    let lines: usize = before.iter().filter(|s| is_line(s)).map(|s| s.height).sum();
    let first = before.iter().position(is_line);
    match (block, first) {
        (Some(block), Some(first)) if whole_with_signature(block, lines, style) => {
            for slot in &mut before[first..] {
                slot.keep_with_next = true;
            }
        }
        _ => {
            if let Some(last) = before.last_mut() {
                last.keep_with_next |= is_line(last);
            }
        }
    }
}

/// The landscape table (横排表格) block `i` goes on the turned pages of: the table itself, or
/// for a standalone heading kept with what follows, the landscape table right after it and the
/// headings between — so a heading is not left alone at the foot of the upright page before
/// the table (the DOCX starts the landscape section there too). `None` for other blocks.
pub(crate) fn landscape_group(blocks: &[Block], i: usize) -> Option<usize> {
    let mut k = i;
    loop {
        match blocks.get(k)? {
            Block::Table(t) if t.landscape => return Some(k),
            Block::Heading(h) if h.body.is_none() && heading_keeps_with_next(blocks, k) => k += 1,
            _ => return None,
        }
    }
}

/// Grid lines the title takes: the smallest whole number that holds `lines` title lines
/// [`TITLE_PITCH`] apart (1 line → 2, 2 → 3, 3 → 4 on the 28.95 pt grid), so that the body
/// below stays on the grid. The DOCX adds the difference as space after the title.
pub(crate) fn title_grid_lines(lines: usize, pitch: f32) -> usize {
    (((TITLE_PITCH * lines as f32 / pitch) - 0.001).ceil() as usize).max(1)
}

/// 附件说明: "附件：" at indent 2, names after it; every line of a name and every further
/// name aligned under the first name.
fn attachment_slots(ctx: &Ctx, block: usize, items: &[String]) -> Vec<Slot> {
    let label = "附件：";
    let role = Element::Attachments.role();
    let label_end = 2.0 * ctx.cell + ctx.width_of(role, label);
    let many = items.len() > 1;
    let mut out = Vec::new();
    for (k, line) in attachment_lines(items).iter().enumerate() {
        let number = if many {
            format!("{}.", k + 1)
        } else {
            String::new()
        };
        let first = if k == 0 { 2.0 * ctx.cell } else { label_end };
        let rest = label_end + ctx.width_of(role, &number);
        // Not justified: stretching the first line would move the name off the continuation
        // lines' indent.
        let lines = ctx.set(&[(role, line)], &ctx.spec(first, rest, false));
        out.extend(ctx.line_slots(block, lines, false));
    }
    out
}

/// The unsealed signature: names ending 2 cells before the right edge, the date 2 cells right
/// of the name's start (or with a 2-cell right gap when longer); kept together.
fn signature_slots(ctx: &Ctx, block: usize, names: &[String], date: &str) -> Vec<Slot> {
    let (name_role, date_role) = (Element::SignatureName.role(), Element::SignatureDate.role());
    let name_w = names
        .iter()
        .map(|n| ctx.width_of(name_role, n))
        .fold(0.0, f32::max);
    let date_w = ctx.width_of(date_role, date);
    let (name_start, date_start) = ctx
        .style
        .signature_cells(name_w / ctx.cell, date_w / ctx.cell);
    let mut lines: Vec<SetLine> = Vec::new();
    let mut put = |role: RunRole, text: &str, x0: f32| {
        let glyphs = ctx.placed(role, text, x0);
        // Where the last glyph ends, as the advances summed from x0 put it.
        let end = glyphs
            .last()
            .map_or(x0, |&(c, role, x)| x + ctx.advance(role, c));
        lines.push(SetLine {
            glyphs,
            natural: end - x0,
        });
    };
    for n in names {
        let w = ctx.width_of(name_role, n);
        put(name_role, n, (name_start * ctx.cell + name_w - w).max(0.0));
    }
    put(date_role, date, date_start * ctx.cell);
    let mut slots = ctx.line_slots(block, lines, true);
    if let Some(last) = slots.last_mut() {
        last.keep_with_next = false;
    }
    slots
}

/// Width of table borders.
const TABLE_RULE_PT: f32 = 0.5;

/// A table: caption centred (header role, one grid line per line), then one slot per row as
/// its geometry `g` ([`super::table::geometry`]) sets it (one text line per grid line; each cell's lines drawn
/// cell by cell, so text extraction reads row by row, cell by cell), then the note. Header rows
/// keep with the next row and repeat on each page the table continues on (see
/// [`TablePart::Header`]); borders are 0.5 pt rules, left out inside merged cells.
fn table_slots(ctx: &Ctx, block: usize, t: &Table, g: &TableGeometry) -> Vec<Slot> {
    let mut out = Vec::new();
    if let Some(caption) = &t.caption {
        let mut lines = ctx.set(
            &[(Element::TableCaption.role(), caption)],
            &ctx.spec(0.0, 0.0, false),
        );
        ctx.shift(&mut lines, ctx.width, 0.5);
        out.extend(ctx.line_slots(block, lines, true));
    }
    let edges = g.edges_pt();
    let ncols = t.columns();
    let pad = g.pad_tw as f32 / 20.0;
    let line = g.line_tw as f32 / 20.0;
    let rule = |x1, y1, x2, y2| Rule {
        x1,
        y1,
        x2,
        y2,
        width_pt: TABLE_RULE_PT,
        red: false,
    };
    for r in 0..t.rows.len() {
        let header = r < t.header_rows;
        let height = g.row_lines[r];
        let h = height as f32 * line;
        let mut set: Vec<(f32, SetGlyphs)> = Vec::new();
        let mut cells: Vec<(usize, usize)> = Vec::new();
        let mut rules = Vec::new();
        for c in 0..ncols {
            // The cell drawn here: one starting in this row, or a merged one from above.
            let (origin_r, origin_c) = match t.covered_by(r, c) {
                Some(m) if m.col == c && m.row < r => (m.row, m.col),
                Some(_) => (usize::MAX, c),
                None => (r, c),
            };
            if origin_r != usize::MAX {
                if let Some(cell) = &g.cells[origin_r][origin_c] {
                    let range = g.lines_in_row(t, origin_r, origin_c, r);
                    for (k, l) in cell.lines[range].iter().enumerate() {
                        let size = crate::typeset::size(ctx.style, cell.role);
                        // On the line's bottom, as LibreOffice and Word set text on an exact line
                        // taller than the font.
                        let dy = line * (k + 1) as f32 - 0.2 * size;
                        let x0 = edges[c] + pad + l.x_pt;
                        let advance = |ch| ctx.measure.advance_pt(cell.role, ch);
                        let glyphs: SetGlyphs = super::positions(&l.text, x0, advance)
                            .map(|(ch, x)| (ch, cell.role, x))
                            .collect();
                        if !glyphs.is_empty() {
                            set.push((dy, glyphs));
                            cells.push((origin_r, origin_c));
                        }
                    }
                }
            }
            // Top edge, unless a merged cell continues from the row above; bottom edge where
            // the cell's area ends.
            let continues_from_above = t.covered_by(r, c).is_some_and(|m| m.row < r);
            if !continues_from_above {
                out_rule(&mut rules, rule(edges[c], 0.0, edges[c + 1], 0.0));
            }
            let ends_here = match t.covered_by(r, c).or(t.merge_at(r, c)) {
                Some(m) => m.row + m.rows == r + 1,
                None => true,
            };
            if ends_here {
                out_rule(&mut rules, rule(edges[c], h, edges[c + 1], h));
            }
            // Left edge of the column, unless inside a merged cell.
            let inside = t.covered_by(r, c).is_some_and(|m| m.col < c);
            if !inside {
                rules.push(rule(edges[c], 0.0, edges[c], h));
            }
        }
        rules.push(rule(edges[ncols], 0.0, edges[ncols], h));
        out.push(Slot {
            block,
            height,
            kind: SlotKind::Lines(set),
            keep_with_next: header,
            rules,
            table: Some(TableRow {
                part: if header {
                    TablePart::Header
                } else {
                    TablePart::Body
                },
                cells,
            }),
        });
    }
    if let Some(note) = &t.note {
        let lines = ctx.set(
            &[(Element::TableNote.role(), note)],
            &ctx.spec(0.0, 0.0, true),
        );
        out.extend(ctx.line_slots(block, lines, false));
    }
    out
}

/// Adds a horizontal rule, joining it to the previous one when they meet end to start.
fn out_rule(rules: &mut Vec<Rule>, r: Rule) {
    if let Some(last) = rules
        .iter_mut()
        .rev()
        .find(|l| l.y1 == l.y2 && l.y1 == r.y1)
    {
        if (last.x2 - r.x1).abs() < 0.01 {
            last.x2 = r.x2;
            return;
        }
    }
    rules.push(r);
}
