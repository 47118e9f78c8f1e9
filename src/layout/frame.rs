//! The GB/T 9704 frame of a formal document on the grid (GB/T 9704-2012 §7.2–§7.4,
//! formal-style.md §10 rule 30): 发文机关标志, 发文字号 and 签发人 with the red separator line,
//! 附件 pages, and the 版记 at the foot of the last page, which is an even page.
//!
//! Every element takes whole grid lines, so the body around it stays on the 28.95 pt grid.

use super::blocks::{title_slot_of, Ctx, Slot, SlotKind};
use super::paginate::page_number_line;
use super::paragraph::SetGlyphs;
use super::{Line, Measure, Page, Rule};
use crate::diag::texts::output as texts;
use crate::diag::{Code, Text};
use crate::model::{Block, Document, Imprint};
use crate::style::{Style, PT_PER_MM};
use crate::typeset::{size, Element};

/// The masthead's top edge below the type area's top (§7.2.4).
pub const MASTHEAD_TOP_MM: f32 = 35.0;
/// The red separator line below the document number (§7.2.7).
pub const SEPARATOR_BELOW_NUMBER_MM: f32 = 4.0;
/// The red separator line's width (0.35 mm, as the 版记's outer rules).
pub const SEPARATOR_PT: f32 = 0.35 * PT_PER_MM;
/// 版记 rules (§7.4.1): outer rules 0.35 mm, the rule between its items 0.25 mm.
pub const IMPRINT_OUTER_PT: f32 = 0.35 * PT_PER_MM;
/// See [`IMPRINT_OUTER_PT`].
pub const IMPRINT_INNER_PT: f32 = 0.25 * PT_PER_MM;
/// Top of an ideograph's em box above the baseline, as a share of the size (bottom: the rest).
const EM_ASCENT: f32 = 0.88;
/// Pitch of the masthead's lines (joint issuers), as the title's.
const MASTHEAD_PITCH: f32 = super::blocks::TITLE_PITCH;

fn slot(block: usize, height: usize, lines: Vec<(f32, SetGlyphs)>, rules: Vec<Rule>) -> Slot {
    Slot {
        block,
        height,
        kind: SlotKind::Lines(lines),
        keep_with_next: true,
        rules,
        table: None,
    }
}

fn blank(block: usize) -> Slot {
    Slot {
        block,
        height: 1,
        kind: SlotKind::Blank,
        keep_with_next: true,
        rules: Vec::new(),
        table: None,
    }
}

fn rule(x1: f32, y: f32, x2: f32, width_pt: f32, red: bool) -> Rule {
    Rule {
        x1,
        y1: y,
        x2,
        y2: y,
        width_pt,
        red,
    }
}

/// The grid lines the masthead of `issuers` lines takes (its top 35 mm below the type area's,
/// whole lines) and the blank lines after it, so that the document number comes about two
/// lines below the masthead's last line (§7.2.5 "下空二行"): two blank lines, or one when the
/// masthead's last grid line already leaves more than half a line under it.
///
/// `above` is the number of grid lines of 份号/密级/紧急程度 over the masthead (they sit inside
/// the 35 mm).
pub fn masthead_lines(style: &Style, issuers: usize, above: usize) -> (usize, usize) {
    let size = size(style, Element::Masthead.role());
    let pitch = style.grid.line_pitch_pt();
    let bottom =
        masthead_top(style, above) + size + MASTHEAD_PITCH * issuers.saturating_sub(1) as f32;
    let height = ((bottom / pitch) - 0.001).ceil().max(1.0);
    let blanks = if height * pitch - bottom > pitch / 2.0 {
        1
    } else {
        2
    };
    (height as usize, blanks)
}

/// Where a joint masthead with a suffix goes (§7.2.4): the issuers' column (as wide as the
/// longest name, each name centred in it), one masthead character of gap, then the suffix,
/// the whole centred in a type area `width` wide. Returns the column's left edge and width
/// and the suffix's left edge, from the type area's left edge.
pub fn joint_masthead_columns(width: f32, names: f32, gap: f32, suffix: f32) -> (f32, f32, f32) {
    let left = ((width - names - gap - suffix) / 2.0).max(0.0);
    (left, names, left + names + gap)
}

/// The suffix's baseline below the first issuer's baseline: centred on the `issuers` lines.
pub fn joint_suffix_drop(issuers: usize) -> f32 {
    MASTHEAD_PITCH * issuers.saturating_sub(1) as f32 / 2.0
}

/// The masthead's issuer lines and the suffix set apart from them (§7.2.4): a suffix ("文件")
/// follows a single issuer on its line (no suffix left); beside joint issuers it stands apart.
/// The layout and the DOCX writer both set the masthead by this.
pub fn masthead_issuers<'a>(
    issuers: &'a [String],
    suffix: Option<&'a str>,
) -> (std::borrow::Cow<'a, [String]>, Option<&'a str>) {
    match (issuers, suffix) {
        ([one], Some(s)) => (vec![format!("{one}{s}")].into(), None),
        _ => (issuers.into(), suffix),
    }
}

/// 发文机关标志: each issuer centred in red, the first line's top 35 mm below the type area's
/// top; then the blank lines of [`masthead_lines`], where the document number goes. A suffix
/// ("文件") follows a single issuer on its line; beside joint issuers it stands to the right
/// of their column, centred on their lines (§7.2.4, see [`joint_masthead_columns`]).
pub(super) fn masthead_slots(
    ctx: &Ctx,
    block: usize,
    issuers: &[String],
    suffix: Option<&str>,
    above: usize,
) -> Vec<Slot> {
    let role = Element::Masthead.role();
    let size = size(ctx.style, role);
    let top = masthead_top(ctx.style, above);
    let (issuers, joint) = masthead_issuers(issuers, suffix);
    let issuers = issuers.as_ref();
    let names_w = issuers
        .iter()
        .map(|t| ctx.width_of(role, t))
        .fold(0.0, f32::max);
    let columns =
        joint.map(|s| joint_masthead_columns(ctx.width, names_w, size, ctx.width_of(role, s)));
    let mut lines: Vec<(f32, SetGlyphs)> = issuers
        .iter()
        .enumerate()
        .map(|(k, text)| {
            let x = match columns {
                Some((left, column, _)) => left + (column - ctx.width_of(role, text)) / 2.0,
                None => ((ctx.width - ctx.width_of(role, text)) / 2.0).max(0.0),
            };
            let baseline = top + EM_ASCENT * size + MASTHEAD_PITCH * k as f32;
            (baseline, ctx.placed(role, text, x))
        })
        .collect();
    if let (Some(s), Some((_, _, x))) = (joint, columns) {
        let baseline = top + EM_ASCENT * size + joint_suffix_drop(issuers.len());
        lines.push((baseline, ctx.placed(role, s, x)));
    }
    let bottom = top + size + MASTHEAD_PITCH * issuers.len().saturating_sub(1) as f32;
    let height = ((bottom / ctx.pitch) - 0.001).ceil().max(1.0) as usize;
    vec![
        slot(block, height, lines, Vec::new()),
        blank(block),
        blank(block),
    ]
}

/// The masthead's top edge below the top of its first grid line: 35 mm from the type area's
/// top, less the `above` lines of marks over it.
pub fn masthead_top(style: &Style, above: usize) -> f32 {
    (MASTHEAD_TOP_MM * PT_PER_MM - above as f32 * style.grid.line_pitch_pt()).max(0.0)
}

/// The grid lines of 份号/密级/紧急程度 right before block `b` (0 when there are none).
pub fn marks_above(doc: &Document, b: usize) -> usize {
    match b.checked_sub(1).and_then(|i| doc.blocks.get(i)) {
        Some(marks @ Block::DocMarks { .. }) => marks.text_lines().len(),
        _ => 0,
    }
}

/// 份号 (body face, digits), 密级和保密期限 and 紧急程度 (黑体): one per grid line, flush left,
/// kept with the masthead.
pub(super) fn marks_slots(ctx: &Ctx, block: usize, marks: &Block) -> Vec<Slot> {
    let Block::DocMarks {
        copy_number,
        secrecy,
        urgency,
    } = marks
    else {
        return Vec::new();
    };
    [
        (copy_number, Element::CopyNumber),
        (secrecy, Element::Secrecy),
        (urgency, Element::Urgency),
    ]
    .into_iter()
    .filter_map(|(text, e)| text.as_ref().map(|t| (t, e.role())))
    .map(|(text, role)| {
        slot(
            block,
            1,
            vec![(0.8 * ctx.pitch, ctx.placed(role, text, 0.0))],
            Vec::new(),
        )
    })
    .collect()
}

/// 发文字号: centred; with 签发人 (a report to a higher authority) the number one character in
/// from the left and "签发人：" with the names (楷体) one character in from the right. The red
/// separator line spans the type area 4 mm under the number; a blank line follows it.
pub(super) fn number_slots(ctx: &Ctx, block: usize, number: &str, signers: &[String]) -> Vec<Slot> {
    let baseline = 0.8 * ctx.pitch;
    let (number_role, label_role, names_role) = (
        Element::DocNumber.role(),
        Element::SignerLabel.role(),
        Element::Signers.role(),
    );
    let glyphs = if signers.is_empty() {
        let x = ((ctx.width - ctx.width_of(number_role, number)) / 2.0).max(0.0);
        ctx.placed(number_role, number, x)
    } else {
        let label = "签发人：";
        let names = signers.join("\u{3000}");
        let w = ctx.width_of(label_role, label) + ctx.width_of(names_role, &names);
        let x = (ctx.width - ctx.cell - w).max(0.0);
        let mut g = ctx.placed(number_role, number, ctx.cell);
        g.extend(ctx.placed(label_role, label, x));
        let x = x + ctx.width_of(label_role, label);
        g.extend(ctx.placed(names_role, &names, x));
        g
    };
    let size = size(ctx.style, number_role);
    let y = baseline + (1.0 - EM_ASCENT) * size + SEPARATOR_BELOW_NUMBER_MM * PT_PER_MM;
    let height = (((y + SEPARATOR_PT) / ctx.pitch) - 0.001).ceil().max(1.0) as usize;
    let separator = rule(0.0, y, ctx.width, SEPARATOR_PT, true);
    vec![
        slot(block, height, vec![(baseline, glyphs)], vec![separator]),
        blank(block),
    ]
}

/// An attachment page: a new page, "附件N" in 黑体 flush left on its first line, the title
/// centred on the third, a blank line under it.
pub(super) fn attachment_page_slots(
    ctx: &Ctx,
    block: usize,
    number: usize,
    title: &str,
) -> Vec<Slot> {
    let label = format!("附件{number}");
    let role = Element::AttachmentLabel.role();
    let mut blank_after = blank(block);
    blank_after.keep_with_next = false;
    vec![
        Slot {
            block,
            height: 0,
            kind: SlotKind::PageBreak,
            keep_with_next: false,
            rules: Vec::new(),
            table: None,
        },
        slot(
            block,
            1,
            vec![(0.8 * ctx.pitch, ctx.placed(role, &label, 0.0))],
            Vec::new(),
        ),
        blank(block),
        title_slot_of(ctx, block, &[title.to_string()], Element::AttachmentTitle),
        blank_after,
    ]
}

/// The 版记's lines (四号 仿宋, the table role): 抄送 one character in from each side (wrapped
/// lines under the first name), then the printing office one character in from the left and
/// the date with "印发" one character in from the right; thick rules above and below, a thin
/// one between the items. Placed at the foot of the last page by [`place_imprint`].
pub(super) fn imprint_slots(ctx: &Ctx, block: usize, imprint: &Imprint) -> Vec<Slot> {
    let role = Element::Imprint.role();
    let gap = size(ctx.style, role);
    let baseline = 0.8 * ctx.pitch;
    let mut out = Vec::new();
    if let Some(copies) = imprint.copies_line() {
        let label = ctx.width_of(role, "抄送：");
        let spec = super::paragraph::ParaSpec {
            width: ctx.width - 2.0 * gap,
            ..ctx.spec(0.0, label, false)
        };
        for line in ctx.set(&[(role, &copies)], &spec) {
            let glyphs = line
                .glyphs
                .iter()
                .map(|&(c, r, x)| (c, r, x + gap))
                .collect();
            out.push(slot(block, 1, vec![(baseline, glyphs)], Vec::new()));
        }
    }
    let date = imprint.date_line();
    let mut glyphs = ctx.placed(role, &imprint.printer, gap);
    let x = ctx.width - gap - ctx.width_of(role, &date);
    glyphs.extend(ctx.placed(role, &date, x));
    let inner = !out.is_empty();
    out.push(slot(block, 1, vec![(baseline, glyphs)], Vec::new()));
    let last = out.len() - 1;
    out[0]
        .rules
        .push(rule(0.0, 0.0, ctx.width, IMPRINT_OUTER_PT, false));
    if inner {
        out[last]
            .rules
            .push(rule(0.0, 0.0, ctx.width, IMPRINT_INNER_PT, false));
    }
    out[last]
        .rules
        .push(rule(0.0, ctx.pitch, ctx.width, IMPRINT_OUTER_PT, false));
    out[last].keep_with_next = false;
    out
}

/// Takes the 版记's slots out of the flow (they go to the foot of the last page).
pub(super) fn take_imprint(slots: &mut Vec<Slot>, doc: &Document) -> Vec<Slot> {
    let is_imprint = |s: &Slot| matches!(doc.blocks.get(s.block), Some(Block::Imprint(_)));
    let taken = slots.iter().filter(|s| is_imprint(s)).cloned().collect();
    slots.retain(|s| !is_imprint(s));
    taken
}

/// Puts the 版记 on the last lines of the last page when that page is even and has room (§7.4:
/// "版记…置于公文最后一面…最后一个要素置于最后一行"); otherwise on a new even page: right
/// after an odd last page (numbered), or after a blank page (both without page numbers,
/// §7.5).
pub(super) fn place_imprint(
    pages: &mut Vec<Page>,
    slots: &[Slot],
    style: &Style,
    measure: &dyn Measure,
) {
    if slots.is_empty() {
        return;
    }
    let top = style.page.top_mm * PT_PER_MM;
    let left = style.page.left_mm * PT_PER_MM;
    let pitch = style.grid.line_pitch_pt();
    let lines = style.grid.lines.max(1) as usize;
    let height: usize = slots.iter().map(|s| s.height).sum();
    let start = lines.saturating_sub(height);
    let used = |p: &Page| {
        p.lines
            .iter()
            .filter(|l| l.block.is_some())
            .map(|l| rows_down_to(l, style))
            .max()
            .unwrap_or(0)
    };
    let n = pages.len();
    // Never on a landscape page (横排表格): the 版记 spans the upright type area.
    let fits = pages
        .last()
        .is_some_and(|p| !p.landscape && used(p) <= start);
    if n % 2 == 1 {
        pages.push(Page {
            number: Some(n + 1),
            lines: vec![page_number_line(n + 1, style, measure)],
            rules: Vec::new(),
            landscape: false,
        });
    } else if !fits {
        for _ in 0..2 {
            pages.push(Page {
                number: None,
                lines: Vec::new(),
                rules: Vec::new(),
                landscape: false,
            });
        }
    }
    let Some(page) = pages.last_mut() else {
        return;
    };
    let mut row = start;
    for s in slots {
        let slot_top = top + pitch * row as f32;
        super::paginate::place_slot(s, left, slot_top, false, &mut page.lines, &mut page.rules);
        row += s.height;
    }
}

/// The seal's diameter (GB/T 9704 practice: 42 mm for an organ's seal).
pub const SEAL_MM: f32 = 42.0;
/// Dashes of the seal placeholder's circle (and as many gaps).
const SEAL_DASHES: usize = 36;

/// A sealed signature (§7.3.5.1): two blank lines under the text (the seal's upper part, its
/// top within a line of the text), the signing unit centred over the date, the date four cells
/// from the right edge; kept together and with the line before. With
/// `[style.frame] seal_placeholder`, a dashed red 42 mm circle centred over the name and date,
/// its centre a little above the name, shows where the seal goes.
pub(super) fn sealed_signature_slots(
    ctx: &Ctx,
    block: usize,
    names: &[String],
    date: &str,
) -> Vec<Slot> {
    let (role, date_role) = (Element::SignatureName.role(), Element::SignatureDate.role());
    let name_w = names
        .iter()
        .map(|n| ctx.width_of(role, n))
        .fold(0.0, f32::max);
    let date_w = ctx.width_of(date_role, date);
    let (name_start, date_start) = ctx
        .style
        .sealed_signature_cells(name_w / ctx.cell, date_w / ctx.cell);
    let baseline = 0.8 * ctx.pitch;
    let mut out = vec![blank(block), blank(block)];
    for n in names {
        let x = name_start * ctx.cell + (name_w - ctx.width_of(role, n)) / 2.0;
        out.push(slot(
            block,
            1,
            vec![(baseline, ctx.placed(role, n, x))],
            Vec::new(),
        ));
    }
    let x = date_start * ctx.cell;
    out.push(slot(
        block,
        1,
        vec![(baseline, ctx.placed(date_role, date, x))],
        Vec::new(),
    ));
    if ctx.style.frame.seal_placeholder {
        let centre = (date_start * ctx.cell + date_w / 2.0, 0.1 * ctx.pitch);
        out[2].rules = seal_placeholder(centre);
    }
    if let Some(last) = out.last_mut() {
        last.keep_with_next = false;
    }
    out
}

/// A dashed red circle of [`SEAL_MM`] around `centre`, as straight dashes.
fn seal_placeholder((cx, cy): (f32, f32)) -> Vec<Rule> {
    let r = SEAL_MM / 2.0 * PT_PER_MM;
    let step = std::f32::consts::TAU / (2 * SEAL_DASHES) as f32;
    (0..SEAL_DASHES)
        .map(|k| {
            let (a, b) = (2.0 * k as f32 * step, (2.0 * k as f32 + 1.0) * step);
            Rule {
                x1: cx + r * a.cos(),
                y1: cy + r * a.sin(),
                x2: cx + r * b.cos(),
                y2: cy + r * b.sin(),
                width_pt: 0.75,
                red: true,
            }
        })
        .collect()
}

/// A layout rule of the frame the layout could not meet as the standard prefers, for
/// `huibao check`.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Stable code (a warning).
    pub code: Code,
    /// The message.
    pub text: Text,
    /// The block of the document the problem is about (the 版记 or the signature).
    pub block: usize,
}

/// The grid lines of its page that `line` reaches down to: a line on grid line n (from 0)
/// reaches n + 1.
pub(super) fn rows_down_to(line: &Line, style: &Style) -> usize {
    let top = style.page.top_mm * PT_PER_MM;
    let pitch = style.grid.line_pitch_pt();
    ((line.baseline_pt - top) / pitch).ceil().max(0.0) as usize
}

/// Where the layout put the 版记 (see [`imprint_place`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImprintPlace {
    /// The pages it starts: 0 when it stands at the foot of the last page of text (an even
    /// page), 1 when it has the next page to itself (after an odd last page), 2 when a blank
    /// page comes first (§7.4, §7.5: neither numbered).
    pub new_pages: usize,
    /// Blank grid lines on its page between the last line of text (or the type area's top)
    /// and its first line.
    pub blank_lines: usize,
}

/// Where the laid-out `pages` of `doc` put its 版记, read from the lines the layout made for
/// it (by block, not by text); `None` without a 版记. The DOCX writer places the 版记 by this,
/// so the DOCX and the PDF of one layout cannot disagree.
pub fn imprint_place(doc: &Document, pages: &[Page], style: &Style) -> Option<ImprintPlace> {
    let block = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Imprint(_)))?;
    let (index, page) = pages
        .iter()
        .enumerate()
        .rev()
        .find(|(_, p)| p.lines.iter().any(|l| l.block == Some(block)))?;
    let start = page
        .lines
        .iter()
        .filter(|l| l.block == Some(block))
        .map(|l| rows_down_to(l, style).saturating_sub(1))
        .min()?;
    let used = page
        .lines
        .iter()
        .filter(|l| l.block.is_some_and(|b| b != block))
        .map(|l| rows_down_to(l, style))
        .max()
        .unwrap_or(0);
    let blank_before = index
        .checked_sub(1)
        .and_then(|i| pages.get(i))
        .is_some_and(|p| p.number.is_none() && p.lines.is_empty());
    let new_pages = match (used, blank_before) {
        (1.., _) => 0,
        (0, true) => 2,
        (0, false) => 1,
    };
    Some(ImprintPlace {
        new_pages,
        blank_lines: start.saturating_sub(used),
    })
}

/// Lays `doc` out and reports what the layout had to give way on: a blank page before the 版记
/// because the last even page had no room for it (§7.4), and a signature whose page holds
/// only the one line of text pulled along so it is not alone (§7.3.5.4 prefers tightening
/// the text). Lines are known by the block they were laid out for, never by their text.
pub fn problems(doc: &Document, style: &Style, measure: &dyn Measure) -> Vec<Problem> {
    let mut out = Vec::new();
    let pages = super::layout(doc, style, measure);
    let place = imprint_place(doc, &pages, style);
    if let (Some(block), Some(ImprintPlace { new_pages: 2, .. })) = (
        doc.blocks
            .iter()
            .position(|b| matches!(b, Block::Imprint(_))),
        place,
    ) {
        let before = pages.len().saturating_sub(2);
        out.push(Problem {
            code: Code::WarnLayoutImprint,
            text: texts::imprint_after_blank(before, pages.len()),
            block,
        });
    }
    for (block, b) in doc.blocks.iter().enumerate() {
        if !b.is_signature() {
            continue;
        }
        // The grid lines of text above the signature's first line on its page: one means
        // only the pulled-along line.
        let above = pages.iter().find_map(|p| {
            let k = p.lines.iter().position(|l| l.block == Some(block))?;
            let mut rows: Vec<usize> = p.lines[..k]
                .iter()
                .filter(|l| l.block.is_some())
                .map(|l| rows_down_to(l, style))
                .collect();
            rows.sort_unstable();
            rows.dedup();
            Some(rows.len())
        });
        if above == Some(1) {
            out.push(Problem {
                code: Code::WarnLayoutSignature,
                text: texts::signature_single_line(),
                block,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::ApproxMeasure;

    fn para(chars: usize) -> Block {
        Block::Paragraph {
            text: "国".repeat(chars),
        }
    }

    /// A paragraph of `lines` full lines (26 characters after the indent, then 28 each).
    fn lines(n: usize) -> Block {
        para(26 + 28 * (n - 1))
    }

    fn problems_of(blocks: Vec<Block>) -> Vec<&'static str> {
        let style = Style::default();
        let doc = Document { blocks };
        problems(&doc, &style, &ApproxMeasure { style: &style })
            .iter()
            .map(|p| p.code.as_str())
            .collect()
    }

    #[test]
    fn signature_with_a_single_pulled_line_is_reported() {
        let signature = Block::Signature {
            names: vec!["云溪县人民政府".into()],
            date: "2024年7月25日".into(),
        };
        assert_eq!(
            problems_of(vec![lines(21), lines(1), signature.clone()]),
            vec!["W-LAYOUT-SIGNATURE"]
        );
        assert!(problems_of(vec![lines(10), signature]).is_empty());
    }

    #[test]
    fn the_signature_is_known_by_its_block_not_by_its_text() {
        let name = "云溪县人民政府";
        let signature = Block::Signature {
            names: vec![name.into()],
            date: "2024年7月25日".into(),
        };
        let same_text = Block::Paragraph { text: name.into() };
        // A line with the signer's name on a later page, second on it: not the signature.
        assert!(problems_of(vec![
            lines(10),
            signature.clone(),
            Block::PageBreak,
            para(1),
            same_text.clone()
        ])
        .is_empty());
        // One pulled-along line above the signature, and the name again below it.
        assert_eq!(
            problems_of(vec![lines(21), lines(1), signature, same_text]),
            vec!["W-LAYOUT-SIGNATURE"]
        );
    }

    #[test]
    fn blank_page_before_the_imprint_is_reported() {
        let imprint = Block::Imprint(Imprint {
            copies: None,
            printer: "办公室".into(),
            date: "2024年7月25日".into(),
        });
        // Two full pages: no room at the foot of page 2.
        assert_eq!(
            problems_of(vec![lines(22), lines(22), imprint.clone()]),
            vec!["W-LAYOUT-IMPRINT"]
        );
        // The message names the page that had no room and the 版记's page, in each language.
        let style = Style::default();
        let doc = Document {
            blocks: vec![lines(22), lines(22), imprint.clone()],
        };
        let found = problems(&doc, &style, &ApproxMeasure { style: &style });
        let text = &found[0].text;
        assert!(
            text.hans.starts_with("第 2 页（偶数页）末尾放不下版记"),
            "{}",
            text.hans
        );
        assert!(text.hant.contains("版記排在第 4 頁"), "{}", text.hant);
        assert!(text.en.contains("foot of page 2 (even)"), "{}", text.en);
        assert!(text.en.contains("on page 4;"), "{}", text.en);
        // Room on page 2, or an odd last page (the 版记 gets the next, even, page): no problem.
        assert!(problems_of(vec![lines(22), lines(10), imprint.clone()]).is_empty());
        assert!(problems_of(vec![lines(10), imprint]).is_empty());
    }

    #[test]
    fn imprint_after_an_even_landscape_page_gets_upright_pages() {
        let style = Style::default();
        let table = Block::Table(crate::model::Table {
            header_rows: 1,
            rows: vec![vec!["乡镇".into()], vec!["城关镇".into()]],
            landscape: true,
            ..Default::default()
        });
        let imprint = Block::Imprint(Imprint {
            copies: None,
            printer: "办公室".into(),
            date: "2024年7月25日".into(),
        });
        let pages = super::super::layout(
            &Document {
                blocks: vec![lines(5), table, imprint],
            },
            &style,
            &ApproxMeasure { style: &style },
        );
        let shape: Vec<(bool, Option<usize>)> =
            pages.iter().map(|p| (p.landscape, p.number)).collect();
        assert_eq!(
            shape,
            vec![
                (false, Some(1)),
                (true, Some(2)),
                (false, None),
                (false, None)
            ]
        );
        assert_eq!(pages[3].rules.len(), 2);
    }

    #[test]
    fn a_heading_before_a_landscape_table_goes_onto_its_page() {
        let style = Style::default();
        let heading = Block::Heading(crate::model::Heading {
            level: 1,
            number: "一、".into(),
            text: "受灾情况".into(),
            body: None,
        });
        let table = Block::Table(crate::model::Table {
            header_rows: 1,
            rows: vec![vec!["乡镇".into()], vec!["城关镇".into()]],
            landscape: true,
            ..Default::default()
        });
        let pages = super::super::layout(
            &Document {
                blocks: vec![lines(5), heading, table],
            },
            &style,
            &ApproxMeasure { style: &style },
        );
        let blocks: Vec<(bool, Vec<Option<usize>>)> = pages
            .iter()
            .map(|p| (p.landscape, p.lines.iter().map(|l| l.block).collect()))
            .collect();
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert!(!blocks[0].1.contains(&Some(1)), "{blocks:?}");
        assert!(
            blocks[1].0 && blocks[1].1.first() == Some(&Some(1)),
            "{blocks:?}"
        );
    }

    #[test]
    fn imprint_goes_to_the_foot_of_an_even_page() {
        let style = Style::default();
        let imprint = Block::Imprint(Imprint {
            copies: Some("市水利局".into()),
            printer: "办公室".into(),
            date: "2024年7月25日".into(),
        });
        let pages = |blocks: Vec<Block>| {
            super::super::layout(
                &Document { blocks },
                &style,
                &ApproxMeasure { style: &style },
            )
        };
        let bottom = style.page.top_mm * PT_PER_MM + 22.0 * style.grid.line_pitch_pt();
        for (blocks, n, numbered) in [
            (vec![lines(22), lines(5), imprint.clone()], 2, true),
            (vec![lines(5), imprint.clone()], 2, true),
            (vec![lines(22), lines(22), imprint.clone()], 4, false),
        ] {
            let p = pages(blocks);
            assert_eq!(p.len(), n);
            let last = &p[n - 1];
            assert_eq!(last.number.is_some(), numbered);
            let lowest = last.rules.iter().map(|r| r.y1).fold(0.0, f32::max);
            assert!((lowest - bottom).abs() < 0.01, "{lowest} vs {bottom}");
            assert_eq!(last.rules.len(), 3);
        }
    }
}
