//! Table geometry: column widths from content, cell padding, the line breaks and position of
//! every cell line, and row heights — computed once from the model and the measured fonts, and
//! written alike by the PDF (through [`super::layout`]) and the DOCX writer.
//!
//! Column widths follow CSS automatic table layout: each column has a minimum (its widest
//! unbreakable piece: a figure with its unit or %, a Latin word, or — when there is room — a run
//! of up to 4 hanzi) and a maximum (its widest cell unbroken). Every column starts at its
//! minimum; the room left goes first to the columns that need least to reach their maximum, so
//! no cell wraps while another column could have held it; room beyond every maximum is shared
//! in proportion to the maxima. Fixed widths (`列宽：`) are kept as given. A cell breaks only
//! between pieces, never inside a figure, and the DOCX states each break as a line break, so
//! LibreOffice and Word wrap exactly where the PDF does.
//!
//! Each text line of a row takes one grid line (the style's line pitch), so a row is a whole
//! number of grid lines high in both outputs (`w:trHeight` exact in the DOCX).

use super::Measure;
use crate::model::{is_figure, Align, RunRole, Table};
use crate::style::{Style, PT_PER_MM};
use crate::typeset::chars::is_full_width;
use crate::typeset::kinsoku::is_punct;

/// Slack added to every column's widths, in points, so that a renderer measuring a line a
/// hair wider than we did does not wrap it.
const SLACK_PT: f32 = 1.0;

/// How a writer states the horizontal position of a cell's lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellAlign {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Flush left, indented this many points from the cell's text edge (decimal alignment).
    Indent(f32),
}

/// One line of a cell's text as set.
#[derive(Debug, Clone, PartialEq)]
pub struct CellLine {
    /// The line's text.
    pub text: String,
    /// Left edge of the text, in points from the cell's padded left edge.
    pub x_pt: f32,
}

/// A cell's text as set: its lines and how they are aligned.
#[derive(Debug, Clone, PartialEq)]
pub struct CellSet {
    /// Lines, top to bottom (at least one, possibly empty).
    pub lines: Vec<CellLine>,
    /// How the lines are placed in the cell.
    pub align: CellAlign,
    /// The role (header or body cell) whose font sets the text.
    pub role: RunRole,
}

/// The geometry of one table, shared by every writer.
#[derive(Debug, Clone, PartialEq)]
pub struct TableGeometry {
    /// Column widths in twips; they sum to the type area's width.
    pub col_tw: Vec<i32>,
    /// Left and right cell padding, in twips (no top or bottom padding).
    pub pad_tw: i32,
    /// Height of one text line, in twips (the grid's line pitch).
    pub line_tw: u32,
    /// Text lines of each row: the row is `lines × line_tw` high.
    pub row_lines: Vec<usize>,
    /// The set text of each cell starting at (row, column); `None` where a merged cell covers
    /// the position.
    pub cells: Vec<Vec<Option<CellSet>>>,
    /// Set when the columns' minimum widths (in mm, per column) exceed the type area: the
    /// table was laid out at its minimums and overflows.
    pub too_wide: Option<Vec<f32>>,
}

impl TableGeometry {
    /// Left edges of the columns and the table's right edge, in points from the type area's
    /// left edge.
    pub fn edges_pt(&self) -> Vec<f32> {
        let mut edges = vec![0.0];
        let mut tw = 0;
        for w in &self.col_tw {
            tw += w;
            edges.push(tw as f32 / 20.0);
        }
        edges
    }

    /// Which text lines of the cell starting at (`row`, `col`) are drawn in row `r` of its
    /// merged area: a merged cell's lines run down through the rows it covers, so each row
    /// carries its own (and a page break between them keeps every line).
    pub fn lines_in_row(
        &self,
        t: &Table,
        row: usize,
        col: usize,
        r: usize,
    ) -> std::ops::Range<usize> {
        let (rows, _) = t.span(row, col);
        let before: usize = self.row_lines[row..r.min(row + rows)].iter().sum();
        let here = self.row_lines.get(r).copied().unwrap_or(0);
        let n = self.cells[row][col].as_ref().map_or(0, |c| c.lines.len());
        let last_row = r + 1 >= row + rows;
        let end = if last_row { n } else { (before + here).min(n) };
        before.min(n)..end.max(before.min(n))
    }
}

/// The role of row `r`'s cells.
fn role(t: &Table, r: usize) -> RunRole {
    crate::typeset::Element::table_row(r, t.header_rows).role()
}

/// A piece of a cell line that is never broken: its characters and width.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    width: f32,
}

/// The pieces of one line of cell text. `keep_runs`: runs of up to 4 hanzi are single pieces;
/// otherwise each hanzi is one. Latin words and figures (with %, units, signs) are always one
/// piece; punctuation sticks to the piece before it (opening marks to the piece after).
fn pieces(text: &str, keep_runs: bool, adv: &dyn Fn(char) -> f32) -> Vec<Piece> {
    #[derive(PartialEq, Clone, Copy)]
    enum K {
        Word,
        Han,
    }
    let mut raw: Vec<(K, String)> = Vec::new();
    let mut opening = String::new();
    for ch in text.chars() {
        if is_full_width(ch) && is_punct(ch) {
            if "“‘（《〈【〔「『〖".contains(ch) {
                opening.push(ch);
            } else if let Some(last) = raw.last_mut() {
                last.1.push(ch);
            } else {
                opening.push(ch);
            }
            continue;
        }
        let k = if is_full_width(ch) { K::Han } else { K::Word };
        let joins = matches!(raw.last(), Some((lk, s)) if *lk == k && opening.is_empty()
            && !s.chars().last().is_some_and(|c| is_full_width(c) && is_punct(c))
            && !(k == K::Word && (ch == ' ' || s.ends_with(' '))));
        if joins {
            if let Some(last) = raw.last_mut() {
                last.1.push(ch);
            }
        } else {
            let mut s = std::mem::take(&mut opening);
            s.push(ch);
            raw.push((k, s));
        }
    }
    if !opening.is_empty() {
        match raw.last_mut() {
            Some(last) => last.1.push_str(&opening),
            None => raw.push((K::Han, opening)),
        }
    }
    let mut out = Vec::new();
    for (k, s) in raw {
        let hanzi = s
            .chars()
            .filter(|&c| is_full_width(c) && !is_punct(c))
            .count();
        if k == K::Han && (!keep_runs || hanzi > 4) {
            // One piece per hanzi, punctuation kept with its neighbour.
            let mut cur = String::new();
            for ch in s.chars() {
                let punct = is_full_width(ch) && is_punct(ch);
                if !cur.is_empty()
                    && !punct
                    && !cur.chars().all(|c| "“‘（《〈【〔「『〖".contains(c))
                {
                    out.push(std::mem::take(&mut cur));
                }
                cur.push(ch);
            }
            if !cur.is_empty() {
                out.push(cur);
            }
        } else {
            out.push(s);
        }
    }
    out.into_iter()
        .map(|text| Piece {
            width: text.chars().map(adv).sum(),
            text,
        })
        .collect()
}

/// Breaks one line of cell text into lines no wider than `width` (greedy, between pieces; a
/// piece wider than `width` stands alone on its line).
fn break_line(text: &str, width: f32, adv: &dyn Fn(char) -> f32) -> Vec<String> {
    let soft = pieces(text, true, adv);
    let ps = if soft.iter().all(|p| p.width <= width) {
        soft
    } else {
        pieces(text, false, adv)
    };
    let mut lines = vec![String::new()];
    let mut w = 0.0;
    for p in ps {
        let trimmed_w = if w == 0.0 && p.text.starts_with(' ') {
            p.width - adv(' ')
        } else {
            p.width
        };
        if w > 0.0 && w + p.width > width {
            lines.push(String::new());
            w = 0.0;
            let text = p.text.trim_start().to_string();
            w += text.chars().map(adv).sum::<f32>();
            if let Some(l) = lines.last_mut() {
                l.push_str(&text);
            }
            continue;
        }
        w += trimmed_w;
        if let Some(l) = lines.last_mut() {
            l.push_str(&p.text);
        }
    }
    lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// Minimum widths (hard: figures and words whole; soft: runs of ≤ 4 hanzi whole too) and the
/// maximum width of a cell's text, without padding.
fn cell_widths(text: &str, adv: &dyn Fn(char) -> f32) -> (f32, f32, f32) {
    let mut hard: f32 = 0.0;
    let mut soft: f32 = 0.0;
    let mut max: f32 = 0.0;
    for line in text.split('\n') {
        for p in pieces(line, false, adv) {
            hard = hard.max(p.width);
        }
        for p in pieces(line, true, adv) {
            soft = soft.max(p.width);
        }
        max = max.max(line.chars().map(adv).sum());
    }
    (hard, soft, max)
}

/// Widens the columns `cols` so that together they reach `need`, sharing the difference equally.
fn widen(widths: &mut [f32], cols: std::ops::Range<usize>, need: f32) {
    let have: f32 = widths[cols.clone()].iter().sum();
    if need > have {
        let each = (need - have) / cols.len().max(1) as f32;
        widths[cols].iter_mut().for_each(|w| *w += each);
    }
}

/// Shares `room` over columns from `base` towards `target`: the columns needing least are
/// filled first; the rest share what remains in proportion to their need.
fn distribute(base: &[f32], target: &[f32], free: &[bool], mut room: f32) -> Vec<f32> {
    let mut w = base.to_vec();
    let mut order: Vec<usize> = (0..w.len()).filter(|&i| free[i]).collect();
    order.sort_by(|&a, &b| {
        (target[a] - base[a])
            .total_cmp(&(target[b] - base[b]))
            .then(a.cmp(&b))
    });
    let mut k = 0;
    while k < order.len() {
        let i = order[k];
        let need = (target[i] - base[i]).max(0.0);
        if need <= room {
            w[i] += need;
            room -= need;
            k += 1;
        } else {
            break;
        }
    }
    let rest = &order[k..];
    let need: f32 = rest.iter().map(|&i| (target[i] - base[i]).max(0.0)).sum();
    if need > 0.0 {
        for &i in rest {
            w[i] += room * (target[i] - base[i]).max(0.0) / need;
        }
    } else if room > 0.0 {
        // Everything fits unbroken: the extra room goes in proportion to the widths.
        let total: f32 = order.iter().map(|&i| w[i]).sum();
        for &i in &order {
            w[i] += if total > 0.0 {
                room * w[i] / total
            } else {
                room / order.len() as f32
            };
        }
    }
    w
}

/// The geometry of table `t` in the type area of `style`, with text measured by `measure`.
pub fn geometry(t: &Table, style: &Style, measure: &dyn Measure) -> TableGeometry {
    let ncols = t.columns();
    if t.rows.iter().any(|r| r.len() < ncols) {
        // A table built in code may have short rows: lay it out with empty cells added.
        let mut full = t.clone();
        full.rows
            .iter_mut()
            .for_each(|r| r.resize(ncols, String::new()));
        return geometry(&full, style, measure);
    }
    let nrows = t.rows.len();
    let size = crate::typeset::size(style, crate::typeset::Element::TableCell.role());
    let pad_tw = (size * 6.0).round() as i32;
    let pad = pad_tw as f32 / 20.0;
    // The type area in whole twips, rounded as the DOCX rounds the paper and its margins.
    let tw = super::mm_to_twips;
    let total_tw = tw(style.page.width_mm) - tw(style.page.left_mm) - tw(style.page.right_mm);
    let avail = total_tw as f32 / 20.0;
    let adv_of = |r: usize| move |c: char| measure.advance_pt(role(t, r), c);

    // Column minimums and maximums from single-column cells, then widened for merged ones.
    let extra = 2.0 * pad + SLACK_PT;
    let mut hard = vec![extra; ncols];
    let mut soft = vec![extra; ncols];
    let mut max = vec![extra; ncols];
    let mut spanning = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if t.covered_by(r, c).is_some() {
                continue;
            }
            let (h, s, m) = cell_widths(text, &adv_of(r));
            let (h, s, m) = (h + extra, s + extra, m + extra);
            let (_, cols) = t.span(r, c);
            if cols > 1 {
                spanning.push((c..(c + cols).min(ncols), h, s, m));
            } else {
                hard[c] = hard[c].max(h);
                soft[c] = soft[c].max(s);
                max[c] = max[c].max(m);
            }
        }
    }
    for (cols, h, s, m) in spanning {
        widen(&mut hard, cols.clone(), h);
        widen(&mut soft, cols.clone(), s);
        widen(&mut max, cols, m);
    }
    for c in 0..ncols {
        soft[c] = soft[c].max(hard[c]);
        max[c] = max[c].max(soft[c]);
    }
    let fixed: Vec<Option<f32>> = (0..ncols)
        .map(|c| t.column_spec(c).width_mm.map(|mm| mm * PT_PER_MM))
        .collect();
    let free: Vec<bool> = fixed.iter().map(Option::is_none).collect();
    let fixed_sum: f32 = fixed.iter().flatten().sum();
    let sum = |v: &[f32]| -> f32 { (0..ncols).filter(|&c| free[c]).map(|c| v[c]).sum() };
    let too_narrow_fixed = (0..ncols).any(|c| fixed[c].is_some_and(|f| f + 0.01 < hard[c]));
    let mut too_wide = None;
    let widths: Vec<f32> = if fixed_sum + sum(&hard) > avail + 0.01 || too_narrow_fixed {
        too_wide = Some(
            (0..ncols)
                .map(|c| (hard[c].max(fixed[c].unwrap_or(0.0)) / PT_PER_MM * 10.0).round() / 10.0)
                .collect(),
        );
        (0..ncols).map(|c| fixed[c].unwrap_or(hard[c])).collect()
    } else {
        let base = if fixed_sum + sum(&soft) <= avail {
            &soft
        } else {
            &hard
        };
        let room = avail - fixed_sum - sum(base);
        let mut w = distribute(base, &max, &free, room);
        for c in 0..ncols {
            if let Some(f) = fixed[c] {
                w[c] = f;
            }
        }
        if free.iter().all(|f| !f) && ncols > 0 {
            // Every width fixed: the last column takes what is left of the type area.
            let others: f32 = w[..ncols - 1].iter().sum();
            w[ncols - 1] = (avail - others).max(w[ncols - 1].min(avail));
        }
        w
    };
    // Whole twips, summing to the type area (unless too wide).
    let mut col_tw: Vec<i32> = widths.iter().map(|w| (w * 20.0).floor() as i32).collect();
    if too_wide.is_none() {
        let used: i32 = col_tw.iter().sum();
        if let Some(last) = col_tw.last_mut() {
            *last += total_tw - used;
        }
    }
    let col_pt = |c: usize, cols: usize| -> f32 {
        col_tw[c..(c + cols).min(ncols)].iter().sum::<i32>() as f32 / 20.0
    };

    // Decimal alignment per column: widest integer and fraction parts of its body figures.
    let split = |text: &str, r: usize| -> (f32, f32) {
        let adv = adv_of(r);
        let (int, frac) = text.split_at(text.find('.').unwrap_or(text.len()));
        (int.chars().map(&adv).sum(), frac.chars().map(&adv).sum())
    };
    let decimals: Vec<(f32, f32)> = (0..ncols)
        .map(|c| {
            (t.header_rows..nrows)
                .filter(|&r| t.covered_by(r, c).is_none() && t.span(r, c).1 == 1)
                .filter(|&r| is_figure(&t.rows[r][c]))
                .map(|r| split(t.rows[r][c].trim(), r))
                .fold((0.0_f32, 0.0_f32), |(a, b), (i, f)| (a.max(i), b.max(f)))
        })
        .collect();

    let mut cells: Vec<Vec<Option<CellSet>>> = Vec::with_capacity(nrows);
    for (r, row) in t.rows.iter().enumerate() {
        let adv = adv_of(r);
        let mut out = Vec::with_capacity(ncols);
        for (c, text) in row.iter().enumerate() {
            if t.covered_by(r, c).is_some() {
                out.push(None);
                continue;
            }
            let (_, cols) = t.span(r, c);
            let inner = (col_pt(c, cols) - 2.0 * pad).max(0.0);
            let header = r < t.header_rows;
            let figure = !header && cols == 1 && is_figure(text);
            let texts: Vec<String> = text
                .split('\n')
                .flat_map(|l| break_line(l.trim(), inner - SLACK_PT, &adv))
                .collect();
            let width = |s: &str| -> f32 { s.chars().map(&adv).sum() };
            let spec = t.column_spec(c).align;
            let align = if header {
                CellAlign::Center
            } else {
                match (spec, figure) {
                    (Align::Auto | Align::Decimal, true) => {
                        let (max_int, max_frac) = decimals[c];
                        let block = max_int + max_frac;
                        let left = if spec == Align::Decimal {
                            inner - block
                        } else {
                            (inner - block) / 2.0
                        };
                        let (int, _) = split(text.trim(), r);
                        CellAlign::Indent((left + max_int - int).max(0.0))
                    }
                    (Align::Auto | Align::Left, _) => CellAlign::Left,
                    (Align::Center, _) => CellAlign::Center,
                    (Align::Right | Align::Decimal, _) => CellAlign::Right,
                }
            };
            let lines = texts
                .into_iter()
                .map(|s| {
                    let w = width(&s);
                    let x_pt = match align {
                        CellAlign::Left => 0.0,
                        CellAlign::Center => ((inner - w) / 2.0).max(0.0),
                        CellAlign::Right => (inner - w).max(0.0),
                        CellAlign::Indent(x) => x,
                    };
                    CellLine { text: s, x_pt }
                })
                .collect();
            out.push(Some(CellSet {
                lines,
                align,
                role: role(t, r),
            }));
        }
        cells.push(out);
    }

    // Row heights: the tallest unmerged cell; a merged cell taller than its rows adds lines
    // to its last row.
    let mut row_lines: Vec<usize> = (0..nrows)
        .map(|r| {
            (0..ncols)
                .filter(|&c| t.span(r, c).0 == 1)
                .filter_map(|c| cells[r][c].as_ref().map(|s| s.lines.len()))
                .max()
                .unwrap_or(1)
                .max(1)
        })
        .collect();
    for m in &t.merges {
        if m.rows > 1 {
            let need = cells[m.row][m.col].as_ref().map_or(0, |s| s.lines.len());
            let end = (m.row + m.rows).min(nrows);
            let have: usize = row_lines[m.row..end].iter().sum();
            if need > have {
                row_lines[end - 1] += need - have;
            }
        }
    }
    TableGeometry {
        col_tw,
        pad_tw,
        line_tw: style.grid.line_pitch_twips,
        row_lines,
        cells,
        too_wide,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adv(c: char) -> f32 {
        if is_full_width(c) {
            14.0
        } else {
            7.0
        }
    }

    #[test]
    fn figures_and_short_terms_are_single_pieces() {
        let p: Vec<String> = pieces("贫困发生率12.5%，已完成", true, &adv)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(p, vec!["贫", "困", "发", "生", "率", "12.5%，", "已完成"]);
        let p: Vec<String> = pieces("长寨街道", true, &adv)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(p, vec!["长寨街道"]);
        let p: Vec<String> = pieces("（长寨）", false, &adv)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(p, vec!["（长", "寨）"]);
    }

    #[test]
    fn lines_break_between_pieces_never_inside_a_number() {
        assert_eq!(
            break_line("共计12345人", 60.0, &adv),
            vec!["共计", "12345人"]
        );
        assert_eq!(
            break_line("共计12345人", 40.0, &adv),
            vec!["共计", "12345", "人"]
        );
        assert_eq!(break_line("长寨街道", 40.0, &adv), vec!["长寨", "街道"]);
    }

    #[test]
    fn room_goes_first_to_the_columns_that_need_least() {
        let w = distribute(&[10.0, 10.0, 10.0], &[20.0, 100.0, 30.0], &[true; 3], 50.0);
        assert_eq!(w[0], 20.0);
        assert_eq!(w[2], 30.0);
        assert_eq!(w[1], 30.0);
    }
}
