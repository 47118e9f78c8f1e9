//! Line filling and justification of one paragraph (line-breaking.md §3 rule 15 and §5).
//!
//! Word's algorithm as the spec reconstructs it: fill greedily, let one HANG punctuation mark
//! stand in the right margin, otherwise push the line end back to the last legal break (推出),
//! and force a break only when there is none. Every line but the last is then stretched to the
//! full measure over the gaps next to full-width characters, never inside a number or word.

use super::breaking::{itemize, Item, Items, Kind};
use crate::model::RunRole;
use crate::typeset::kinsoku::{is_closing_mark, is_hang, is_punct, Kinsoku};

/// Tolerance so that exactly 28 full cells always fit (line-breaking.md §4 rule 19).
const EPS: f32 = 0.01;

/// How one paragraph is set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParaSpec {
    /// Indent of the first line from the left margin, in points.
    pub first_indent: f32,
    /// Indent of the other lines, in points.
    pub rest_indent: f32,
    /// Width of the type area (or table column), in points.
    pub width: f32,
    /// Stretch every line but the last to the full measure.
    pub justify: bool,
    /// One grid cell, in points (a space takes at most half of it as extra room).
    pub cell: f32,
    /// Line-start/line-end lists.
    pub kinsoku: Kinsoku,
    /// Avoid a last line holding a single hanzi (孤字) by carrying one more item down.
    pub avoid_lone_char: bool,
    /// Closing quotes and brackets may hang too (Word, per ECMA-376's overflowPunct example).
    pub hang_closing: bool,
}

/// Glyphs of a line: character, role, x in points from the left margin.
pub(crate) type SetGlyphs = Vec<(char, RunRole, f32)>;

/// A line of a paragraph: glyphs with x offsets from the left margin.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SetLine {
    /// Character, role, x in points from the left margin.
    pub glyphs: SetGlyphs,
    /// Natural width of the line's content from its indent, hanging punctuation and trailing
    /// spaces excluded, before stretching.
    pub natural: f32,
}

/// The items `start..end` on one line.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    start: usize,
    end: usize,
    /// The last item stands in the right margin.
    hanging: bool,
}

/// Sets a paragraph given as runs; `\n` in the text is a manual line break.
pub(crate) fn set_paragraph(
    runs: &[(RunRole, &str)],
    spec: &ParaSpec,
    advance: &dyn Fn(RunRole, char) -> f32,
) -> Vec<SetLine> {
    // Split the runs into segments at manual breaks.
    let mut segments: Vec<Vec<(RunRole, &str)>> = vec![Vec::new()];
    for &(role, text) in runs {
        for (k, piece) in text.split('\n').enumerate() {
            if k > 0 {
                segments.push(Vec::new());
            }
            if let Some(seg) = segments.last_mut() {
                seg.push((role, piece));
            }
        }
    }
    let mut out = Vec::new();
    for seg in &segments {
        let mut items = itemize(seg, spec.kinsoku, advance);
        let first_line = out.is_empty();
        let first_cap = spec.width
            - if first_line {
                spec.first_indent
            } else {
                spec.rest_indent
            };
        let rest_cap = spec.width - spec.rest_indent;
        let mut spans = break_lines(&mut items, first_cap, rest_cap, spec.hang_closing);
        if spec.avoid_lone_char {
            avoid_lone_char(&items, &mut spans, rest_cap);
        }
        if spans.is_empty() {
            // An empty segment is an empty line.
            out.push(SetLine {
                glyphs: Vec::new(),
                natural: 0.0,
            });
        }
        let count = spans.len();
        for (n, span) in spans.into_iter().enumerate() {
            let indent = if first_line && n == 0 {
                spec.first_indent
            } else {
                spec.rest_indent
            };
            let cap = if first_line && n == 0 {
                first_cap
            } else {
                rest_cap
            };
            let stretch = spec.justify && n + 1 < count;
            out.push(place(&items.items, span, indent, cap, stretch, spec.cell));
        }
    }
    out
}

/// Breaks items into lines of `first_cap` then `rest_cap` points. Splits an item wider than a
/// whole line at a character boundary (the forced break of last resort).
fn break_lines(items: &mut Items, first_cap: f32, rest_cap: f32, hang_closing: bool) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut start = 0;
    while start < items.items.len() {
        let n = items.items.len();
        let cap = if spans.is_empty() {
            first_cap
        } else {
            rest_cap
        };
        let mut used = 0.0;
        let mut i = start;
        while i < n {
            let item = &items.items[i];
            let w = item.width();
            // Spaces always go on the line: at its end they take no room.
            if item.kind == Kind::Space || used + w <= cap + EPS {
                used += w;
                i += 1;
            } else {
                break;
            }
        }
        if i == n {
            spans.push(Span {
                start,
                end: n,
                hanging: false,
            });
            break;
        }
        let item = &items.items[i];
        let can_hang = i > start
            && item.glyphs.len() == 1
            && is_hang(item.first())
            && (hang_closing || !is_closing_mark(item.first()))
            && (i + 1 == n || items.breaks[i + 1]);
        if can_hang {
            spans.push(Span {
                start,
                end: i + 1,
                hanging: true,
            });
            start = i + 1;
        } else if let Some(b) = (start + 1..=i).rev().find(|&b| items.breaks[b]) {
            spans.push(Span {
                start,
                end: b,
                hanging: false,
            });
            start = b;
        } else if i > start {
            spans.push(Span {
                start,
                end: i,
                hanging: false,
            });
            start = i;
        } else if items.items[i].glyphs.len() > 1 {
            split_item(items, i, cap);
        } else {
            // One character wider than the whole line (a line narrower than a character): it
            // stands alone and overflows.
            spans.push(Span {
                start,
                end: i + 1,
                hanging: false,
            });
            start = i + 1;
        }
        // Every pass ends a line (`start` grows) or splits an item of several characters into
        // two non-empty ones, which can happen only as often as there are characters.
    }
    spans
}

/// Splits item `i` after as many characters as fit in `cap` points (at least one).
fn split_item(items: &mut Items, i: usize, cap: f32) {
    let item = &items.items[i];
    let mut used = 0.0;
    let mut k = 0;
    while k < item.glyphs.len() && used + item.glyphs[k].2 <= cap + EPS {
        used += item.glyphs[k].2;
        k += 1;
    }
    let k = k.clamp(1, item.glyphs.len().saturating_sub(1).max(1));
    let tail = Item {
        glyphs: item.glyphs[k..].into(),
        kind: item.kind,
    };
    items.items[i].glyphs.truncate(k);
    items.items.insert(i + 1, tail);
    items.breaks.insert(i + 1, false);
}

/// Whether a line holds a single hanzi and nothing but punctuation besides (孤字).
fn is_lone_char(items: &[Item]) -> bool {
    let words: Vec<&Item> = items
        .iter()
        .filter(|it| it.kind != Kind::Space && !is_punct(it.first()))
        .collect();
    words.len() == 1 && words[0].kind == Kind::Full && words[0].glyphs.len() == 1
}

/// If the last line is a lone hanzi, ends the line before it one legal break earlier, so that
/// the last line gets one more item — when that still fits.
fn avoid_lone_char(items: &Items, spans: &mut [Span], rest_cap: f32) {
    let [.., prev, last] = spans else {
        return;
    };
    if !is_lone_char(&items.items[last.start..last.end]) {
        return;
    }
    let total = |a: usize, b: usize| -> f32 { items.items[a..b].iter().map(Item::width).sum() };
    if let Some(b) = (prev.start + 2..prev.end)
        .rev()
        .find(|&b| items.breaks[b] && total(b, last.end) <= rest_cap + EPS)
    {
        prev.end = b;
        prev.hanging = false;
        last.start = b;
    }
}

/// Positions the items of `span`: left-aligned from `indent`, stretched to `cap` if `stretch`.
fn place(items: &[Item], span: Span, indent: f32, cap: f32, stretch: bool, cell: f32) -> SetLine {
    let line = &items[span.start..span.end];
    let hang = usize::from(span.hanging);
    let mut content_end = line.len() - hang;
    while content_end > 0 && line[content_end - 1].kind == Kind::Space && hang == 0 {
        content_end -= 1;
    }
    let content = &line[..content_end];
    let natural: f32 = content.iter().map(Item::width).sum();
    let mut slack = if stretch {
        (cap - natural).max(0.0)
    } else {
        0.0
    };
    // Spaces first, up to half a cell each; the rest over gaps next to full-width characters.
    let spaces = content.iter().filter(|it| it.kind == Kind::Space).count();
    let per_space = if spaces > 0 {
        (slack / spaces as f32).min(cell / 2.0)
    } else {
        0.0
    };
    slack -= per_space * spaces as f32;
    let eligible = |j: usize| {
        let (a, b) = (&content[j], &content[j + 1]);
        (a.kind == Kind::Full || b.kind == Kind::Full)
            && a.kind != Kind::Space
            && b.kind != Kind::Space
    };
    let gaps = (0..content.len().saturating_sub(1))
        .filter(|&j| eligible(j))
        .count();
    let (per_gap, per_space) = if gaps > 0 {
        (slack / gaps as f32, per_space)
    } else if spaces > 0 {
        (0.0, per_space + slack / spaces as f32)
    } else {
        (0.0, per_space)
    };
    let mut glyphs = Vec::new();
    let mut x = indent;
    for (j, item) in line.iter().enumerate() {
        for &(ch, role, w) in &item.glyphs {
            glyphs.push((ch, role, x));
            x += w;
        }
        if j < content_end {
            if item.kind == Kind::Space {
                x += per_space;
            }
            if j + 1 < content_end && eligible(j) {
                x += per_gap;
            }
        }
    }
    SetLine { glyphs, natural }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CELL: f32 = 15.793;

    fn adv(_: RunRole, c: char) -> f32 {
        if c.is_ascii() {
            8.0
        } else {
            CELL
        }
    }

    fn spec(first_indent_cells: f32) -> ParaSpec {
        ParaSpec {
            first_indent: first_indent_cells * CELL,
            rest_indent: 0.0,
            width: 28.0 * CELL,
            justify: true,
            cell: CELL,
            kinsoku: Kinsoku::default(),
            avoid_lone_char: true,
            hang_closing: true,
        }
    }

    fn texts(text: &str, sp: &ParaSpec) -> Vec<String> {
        set_paragraph(&[(RunRole::Body, text)], sp, &adv)
            .iter()
            .map(|l| l.glyphs.iter().map(|g| g.0).collect())
            .collect()
    }

    #[test]
    fn lines_narrower_than_a_character_still_end() {
        // A hanging indent wider than the line leaves no room at all (it used to loop forever,
        // splitting a one-character item into itself and an empty one).
        for width in [0.5 * CELL, 0.0, -3.0 * CELL] {
            let sp = ParaSpec {
                rest_indent: 4.0 * CELL,
                width,
                ..spec(2.0)
            };
            let lines = texts("附件：关于科普工作的材料ABC123", &sp);
            assert_eq!(lines.concat(), "附件：关于科普工作的材料ABC123");
            assert!(lines.len() >= 5, "{lines:?}");
        }
    }

    #[test]
    fn stretched_line_ends_on_the_right_edge() {
        let text = format!("{}“{}", "字".repeat(27), "甲乙丙");
        let lines = set_paragraph(&[(RunRole::Body, &text)], &spec(0.0), &adv);
        let first = &lines[0];
        assert_eq!(first.glyphs.len(), 27);
        let last_x = first.glyphs[26].2;
        assert!((last_x + CELL - 28.0 * CELL).abs() < 0.01, "{last_x}");
    }

    #[test]
    fn lone_char_pulls_one_more_down() {
        // 26 on the first line, 28 on the second, then "乙。" alone would be one hanzi.
        let text = format!("{}{}乙。", "甲".repeat(26), "丙".repeat(28));
        let t = texts(&text, &spec(2.0));
        assert_eq!(t.len(), 3);
        assert_eq!(t[2], "丙乙。");
        let mut off = spec(2.0);
        off.avoid_lone_char = false;
        assert_eq!(texts(&text, &off)[2], "乙。");
    }

    #[test]
    fn manual_break_starts_a_new_line() {
        let t = texts("甲乙\n丙丁", &spec(2.0));
        assert_eq!(t, vec!["甲乙", "丙丁"]);
    }

    #[test]
    fn overlong_word_is_split() {
        let word = "A".repeat(80);
        let t = texts(&word, &spec(0.0));
        assert!(t.len() >= 2);
        assert_eq!(t.concat(), word);
    }
}
