//! Pagination: slots onto pages of `grid.lines` grid lines, keep-with-next chains moved whole to
//! the next page, and the page number "— N —" on each page (odd right, even left).
//!
//! Grid placement is formal-style.md §2 rule 6: line n's baseline is top margin + pitch·n +
//! 0.8·pitch from the paper's top; x is left margin + offset, so a hanzi in cell k sits at
//! left + k·cell.

use super::blocks::{Slot, SlotKind, TablePart};
use super::{Glyph, Line, Measure, Page, Rule, TableCell};
use crate::model::{Document, RunRole};
use crate::style::{Style, PT_PER_MM};

/// The slots of each page with the grid line each starts on, and whether the slot is a table's
/// header row drawn again (not for the first time).
type PageSlots<'a> = Vec<(usize, &'a Slot, bool)>;

/// Distributes slots over pages: a chain of slots linked by `keep_with_next` (plus the slot
/// after it) moves to a new page whole when it does not fit, unless it is taller than a page.
/// Blank lines at the top of a page are dropped. A table's header rows are repeated at the top
/// of each page its body rows continue on.
fn distribute(slots: &[Slot], lines_per_page: usize) -> Vec<PageSlots<'_>> {
    let mut pages: Vec<PageSlots> = vec![Vec::new()];
    let mut used = 0;
    let mut i = 0;
    // Header slots of the table being placed: (block, slots).
    let mut headers: (usize, Vec<&Slot>) = (usize::MAX, Vec::new());
    let header_height = |h: &[&Slot]| h.iter().map(|s| s.height).sum::<usize>();
    while i < slots.len() {
        let mut j = i;
        while j + 1 < slots.len()
            && slots[j].kind != SlotKind::PageBreak
            && slots[j].keep_with_next
            && slots[j + 1].kind != SlotKind::PageBreak
        {
            j += 1;
        }
        let group = &slots[i..=j];
        i = j + 1;
        if group[0].kind == SlotKind::PageBreak {
            if used > 0 {
                pages.push(Vec::new());
                used = 0;
            }
            continue;
        }
        let height: usize = group.iter().map(|s| s.height).sum();
        // A body row starting a page brings its table's header rows along.
        let repeats = |slot: &Slot, headers: &(usize, Vec<&Slot>)| {
            slot.table_part() == Some(TablePart::Body)
                && headers.0 == slot.block
                && header_height(&headers.1) + slot.height < lines_per_page
        };
        let extra = if repeats(&group[0], &headers) {
            header_height(&headers.1)
        } else {
            0
        };
        if used > 0 && used + height > lines_per_page && height + extra <= lines_per_page {
            pages.push(Vec::new());
            used = 0;
        }
        for slot in group {
            if slot.table_part() == Some(TablePart::Header) {
                if headers.0 != slot.block {
                    headers = (slot.block, Vec::new());
                }
                headers.1.push(slot);
            }
            if used == 0 && slot.kind == SlotKind::Blank {
                continue;
            }
            if used > 0 && used + slot.height > lines_per_page {
                pages.push(Vec::new());
                used = 0;
                if slot.kind == SlotKind::Blank {
                    continue;
                }
            }
            if used == 0 && repeats(slot, &headers) {
                for h in &headers.1 {
                    if let Some(page) = pages.last_mut() {
                        page.push((used, *h, true));
                    }
                    used += h.height;
                }
            }
            if let Some(page) = pages.last_mut() {
                page.push((used, slot, false));
            }
            used += slot.height;
        }
    }
    pages
}

/// Lays slots out on pages as [`paginate`] does, a landscape table (横排表格) on pages of its
/// own in the turned style ([`Style::landscape`]); the numbers run on across them.
pub(crate) fn paginate_turning(
    slots: &[Slot],
    doc: &Document,
    style: &Style,
    measure: &dyn Measure,
) -> Vec<Page> {
    // The landscape table each slot goes with (its own, or the one a heading is carried to).
    let group = |s: &Slot| super::blocks::landscape_group(&doc.blocks, s.block);
    if !slots.iter().any(|s| group(s).is_some()) {
        return paginate(slots, style, measure, 0, false);
    }
    let turned = style.landscape();
    let mut pages: Vec<Page> = Vec::new();
    // Runs of consecutive slots of one orientation; each landscape table (with the headings
    // carried to it) a run of its own.
    let mut start = 0;
    while start < slots.len() {
        let table = group(&slots[start]);
        let landscape = table.is_some();
        let end = slots[start..]
            .iter()
            .position(|s| group(s) != table)
            .map_or(slots.len(), |k| start + k);
        let run = &slots[start..end];
        start = end;
        // Portrait text between two landscape tables that is only page breaks or blank lines
        // makes no page.
        if !landscape
            && run
                .iter()
                .all(|s| matches!(s.kind, SlotKind::Blank | SlotKind::PageBreak))
        {
            continue;
        }
        let run_style = if landscape { &turned } else { style };
        pages.extend(paginate(run, run_style, measure, pages.len(), landscape));
    }
    if pages.is_empty() {
        pages = paginate(&[], style, measure, 0, false);
    }
    pages
}

/// Lays slots out on pages and adds the page numbers, the first page numbered `before + 1`
/// (`landscape`: turned pages, their numbers by [`landscape_page_number_line`]). Always
/// returns at least one page.
pub(crate) fn paginate(
    slots: &[Slot],
    style: &Style,
    measure: &dyn Measure,
    before: usize,
    landscape: bool,
) -> Vec<Page> {
    let left = style.page.left_mm * PT_PER_MM;
    let top = style.page.top_mm * PT_PER_MM;
    let pitch = style.grid.line_pitch_pt();
    let lines_per_page = style.grid.lines.max(1) as usize;
    distribute(slots, lines_per_page)
        .into_iter()
        .enumerate()
        .map(|(p, page_slots)| {
            let mut lines: Vec<Line> = Vec::new();
            let mut rules: Vec<Rule> = Vec::new();
            for (n, slot, repeated) in page_slots {
                let slot_top = top + pitch * n as f32;
                place_slot(slot, left, slot_top, repeated, &mut lines, &mut rules);
            }
            let number = before + p + 1;
            lines.push(if landscape {
                landscape_page_number_line(number, style, measure)
            } else {
                page_number_line(number, style, measure)
            });
            Page {
                number: Some(number),
                lines,
                rules,
                landscape,
            }
        })
        .collect()
}

/// The lines and rules of `slot` placed with its top at `slot_top` and the type area's left
/// edge at `left`; `repeated` marks a table header row repeated on a later page.
pub(super) fn place_slot(
    slot: &Slot,
    left: f32,
    slot_top: f32,
    repeated: bool,
    lines: &mut Vec<Line>,
    rules: &mut Vec<Rule>,
) {
    rules.extend(slot.rules.iter().map(|r| Rule {
        x1: left + r.x1,
        y1: slot_top + r.y1,
        x2: left + r.x2,
        y2: slot_top + r.y2,
        ..*r
    }));
    if let SlotKind::Lines(set) = &slot.kind {
        for (k, (dy, glyphs)) in set.iter().enumerate() {
            let cell = slot.table.as_ref().and_then(|t| t.cells.get(k));
            lines.push(Line {
                baseline_pt: slot_top + dy,
                glyphs: glyphs
                    .iter()
                    .map(|&(ch, role, x)| Glyph {
                        ch,
                        x_pt: left + x,
                        role,
                    })
                    .collect(),
                block: Some(slot.block),
                cell: cell.map(|&(row, col)| TableCell { row, col, repeated }),
            });
        }
    }
}

/// `text` in `role` from `x` on, each glyph at the advance of those before it.
fn glyphs_at(text: &str, role: RunRole, x: f32, measure: &dyn Measure) -> Vec<Glyph> {
    super::positions(text, x, |ch| measure.advance_pt(role, ch))
        .map(|(ch, x_pt)| Glyph { ch, x_pt, role })
        .collect()
}

/// "— N —" in the page-number role: odd pages flush right with a one-character gap, even
/// pages flush left with the same gap; baseline `page_number_baseline_mm` above the bottom.
pub(super) fn page_number_line(number: usize, style: &Style, measure: &dyn Measure) -> Line {
    let role = crate::typeset::Element::PageNumber.role();
    let text = format!("— {number} —");
    let width: f32 = text.chars().map(|c| measure.advance_pt(role, c)).sum();
    let gap = crate::typeset::size(style, role);
    let left = style.page.left_mm * PT_PER_MM;
    let right = left + style.page.text_width_pt();
    let x = if number % 2 == 1 {
        right - gap - width
    } else {
        left + gap
    };
    Line {
        baseline_pt: (style.page.height_mm - style.page.page_number_baseline_mm) * PT_PER_MM,
        glyphs: glyphs_at(&text, role, x, measure),
        block: None,
        cell: None,
    }
}

/// The gap between a landscape page's number and its type area: as on an upright page, where
/// the number's dash lies 7 mm below the type area.
pub const LANDSCAPE_NUMBER_GAP_MM: f32 = 7.0;

/// "— N —" on a landscape page (GB/T 9704 §10: "页码放在横表的左侧，单页码置于表的左下角，双页码
/// 置于表的左上角"), upright for the reader of the table, in the left margin — the upright
/// page's bottom margin, where the other pages have their numbers — ending
/// [`LANDSCAPE_NUMBER_GAP_MM`] left of the type area: on an odd page its baseline one
/// character above the type area's bottom (the upright page's right, where odd numbers
/// stand), on an even page its top one character below the type area's top (the upright
/// page's left). `style` is the turned style.
pub fn landscape_page_number_line(number: usize, style: &Style, measure: &dyn Measure) -> Line {
    let role = RunRole::PageNumber;
    let text = format!("— {number} —");
    let width: f32 = text.chars().map(|c| measure.advance_pt(role, c)).sum();
    let size = crate::typeset::size(style, RunRole::PageNumber);
    let top = style.page.top_mm * PT_PER_MM;
    let bottom = top + style.page.text_height_pt();
    let baseline = if number % 2 == 1 {
        bottom - size
    } else {
        top + size + 0.88 * size
    };
    let x = (style.page.left_mm - LANDSCAPE_NUMBER_GAP_MM) * PT_PER_MM - width;
    Line {
        baseline_pt: baseline,
        glyphs: glyphs_at(&text, role, x, measure),
        block: None,
        cell: None,
    }
}
