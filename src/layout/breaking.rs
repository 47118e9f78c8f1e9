//! Break opportunities: the inseparable sequences and the units ("items") a line is filled
//! with, between which the line-start/line-end lists of [`crate::typeset::kinsoku`] allow breaks.
//!
//! unicode-linebreak alone is too strict around quotes and wrong around ～ (line-breaking.md §6), so
//! between Chinese characters we use a pair rule — a break between `a` and `b` is allowed iff
//! `a` may end a line, `b` may start one and the spot is not inside an inseparable sequence — and
//! ask UAX #14 only where a half-width (Latin/digit) run may break internally.

use crate::model::RunRole;
use crate::typeset::chars::is_full_width;
use crate::typeset::kinsoku::Kinsoku;

/// What kind of unit an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Full-width: one character in one cell, or an inseparable pair (——, ……) in two.
    Full,
    /// A half-width run (number, Latin word) or piece of one, measured proportionally.
    Half,
    /// An ASCII space: a break may follow it; at a line end it takes no room.
    Space,
}

/// One unbreakable unit of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    /// The characters with their roles and advances in points: one or two for a full-width
    /// item (most of a Chinese paragraph), kept inline.
    pub glyphs: smallvec::SmallVec<[(char, RunRole, f32); 2]>,
    /// Full, half-width or space.
    pub kind: Kind,
}

impl Item {
    /// Total advance in points.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.2).sum()
    }
    /// First character.
    pub fn first(&self) -> char {
        self.glyphs.first().map_or(' ', |g| g.0)
    }
    /// Last character.
    pub fn last(&self) -> char {
        self.glyphs.last().map_or(' ', |g| g.0)
    }
}

/// Items of a paragraph and where lines may break between them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Items {
    /// The units in order.
    pub items: Vec<Item>,
    /// `breaks[b]` (for `1 ≤ b < len`): a line may end before item `b`. `breaks[0]` is unused.
    pub breaks: Vec<bool>,
}

/// Splits `runs` (text with roles) into items and computes the break opportunities.
/// `advance(role, ch)` gives each character's advance in points.
pub(crate) fn itemize(
    runs: &[(RunRole, &str)],
    kinsoku: Kinsoku,
    advance: &dyn Fn(RunRole, char) -> f32,
) -> Items {
    let chars: Vec<(char, RunRole)> = runs
        .iter()
        .flat_map(|(role, text)| text.chars().map(move |c| (c, *role)))
        .collect();
    let glued = glued_positions(&chars);
    let mut items: Vec<Item> = Vec::new();
    // Char index each item starts at, to look glue up.
    let mut starts: Vec<usize> = Vec::new();
    // Boundaries inside a half-width run that UAX #14 allows (item index → allowed).
    let mut latin_inner: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].0;
        let g = |k: usize| (chars[k].0, chars[k].1, advance(chars[k].1, chars[k].0));
        if c == ' ' {
            starts.push(i);
            latin_inner.push(false);
            items.push(Item {
                glyphs: smallvec::smallvec![g(i)],
                kind: Kind::Space,
            });
            i += 1;
        } else if is_full_width(c) {
            let pair = matches!(c, '—' | '…' | '⋯') && chars.get(i + 1).is_some_and(|n| n.0 == c);
            let n = if pair { 2 } else { 1 };
            starts.push(i);
            latin_inner.push(false);
            items.push(Item {
                glyphs: (i..i + n).map(g).collect(),
                kind: Kind::Full,
            });
            i += n;
        } else {
            let end = (i..chars.len())
                .find(|&k| chars[k].0 == ' ' || is_full_width(chars[k].0))
                .unwrap_or(chars.len());
            let run: String = chars[i..end].iter().map(|x| x.0).collect();
            // Byte offsets of UAX #14 opportunities inside the run → char offsets.
            let mut cuts: Vec<usize> = unicode_linebreak::linebreaks(&run)
                .map(|(b, _)| run[..b].chars().count())
                .filter(|&k| k > 0 && k < end - i)
                .collect();
            cuts.push(end - i);
            let mut from = 0;
            for (n, cut) in cuts.into_iter().enumerate() {
                starts.push(i + from);
                latin_inner.push(n > 0);
                items.push(Item {
                    glyphs: (i + from..i + cut).map(g).collect(),
                    kind: Kind::Half,
                });
                from = cut;
            }
            i = end;
        }
    }
    let breaks = (0..items.len())
        .map(|b| {
            if b == 0 {
                return false;
            }
            let (prev, next) = (&items[b - 1], &items[b]);
            if next.kind == Kind::Space || glued[starts[b]] {
                return false;
            }
            if prev.kind == Kind::Half && next.kind == Kind::Half && !latin_inner[b] {
                return false;
            }
            !kinsoku.is_no_end(prev.last()) && !kinsoku.is_no_start(next.first())
        })
        .collect();
    Items { items, breaks }
}

/// `glued[k]`: no break is allowed before character `k` (document numbers 〔2024〕15号, a
/// sign glued to its number).
fn glued_positions(chars: &[(char, RunRole)]) -> Vec<bool> {
    let mut glued = vec![false; chars.len() + 1];
    let digits = |from: usize| {
        (from..chars.len())
            .take_while(|&k| chars[k].0.is_ascii_digit())
            .count()
    };
    for k in 0..chars.len() {
        let c = chars[k].0;
        if c == '〔' {
            let y = digits(k + 1);
            let close = k + 1 + y;
            if y > 0 && chars.get(close).is_some_and(|x| x.0 == '〕') {
                let n = digits(close + 1);
                let hao = close + 1 + n;
                if n > 0 && chars.get(hao).is_some_and(|x| x.0 == '号') {
                    glued[k + 1..=hao].iter_mut().for_each(|g| *g = true);
                }
            }
        }
        if matches!(c, '−' | '±' | '－') && chars.get(k + 1).is_some_and(|x| x.0.is_ascii_digit())
        {
            glued[k + 1] = true;
        }
    }
    glued
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::{KinsokuProfile, ZhLang};

    fn breaks_of(text: &str, profile: KinsokuProfile) -> String {
        breaks_in(
            text,
            Kinsoku {
                profile,
                lang: ZhLang::ZhCn,
            },
        )
    }

    fn breaks_in(text: &str, kinsoku: Kinsoku) -> String {
        let adv = |_: RunRole, c: char| if is_full_width(c) { 16.0 } else { 8.0 };
        let it = itemize(&[(RunRole::Body, text)], kinsoku, &adv);
        let mut s = String::new();
        for (b, item) in it.items.iter().enumerate() {
            if b > 0 && it.breaks[b] {
                s.push('|');
            }
            s.extend(item.glyphs.iter().map(|g| g.0));
        }
        s
    }

    #[test]
    fn traditional_chinese_follows_words_traditional_lists() {
        let tw = Kinsoku {
            profile: KinsokuProfile::Word,
            lang: ZhLang::ZhTw,
        };
        // — may not start a Traditional line (Simplified: it may); ％ may (Simplified: not).
        assert_eq!(breaks_in("問題——主要", tw), "問|題——|主|要");
        assert_eq!(
            breaks_of("问题——主要", KinsokuProfile::Word),
            "问|题|——|主|要"
        );
        assert_eq!(breaks_in("增長７％", tw), "增|長|７|％");
        assert_eq!(breaks_of("增长７％", KinsokuProfile::Word), "增|长|７％");
    }

    #[test]
    fn quotes_open_and_close_like_word() {
        assert_eq!(
            breaks_of("我县“进农村、进社区”活动。下面", KinsokuProfile::Word),
            "我|县|“进|农|村、|进|社|区”|活|动。|下|面"
        );
    }

    #[test]
    fn numbers_and_units() {
        assert_eq!(
            breaks_of("于2012年10月增长7.5%，共12名", KinsokuProfile::Word),
            "于|2012|年|10|月|增|长|7.5%，|共|12|名"
        );
        assert_eq!(breaks_of("20%～30%", KinsokuProfile::Word), "20%～|30%");
        assert_eq!(
            breaks_of("COVID-19疫情", KinsokuProfile::Word),
            "COVID-19|疫|情"
        );
    }

    #[test]
    fn dashes_ellipses_and_document_numbers() {
        assert_eq!(
            breaks_of("问题——主要是……这些", KinsokuProfile::Word),
            "问|题|——|主|要|是……|这|些"
        );
        assert_eq!(
            breaks_of("问题——主要", KinsokuProfile::Strict),
            "问|题——|主|要"
        );
        assert_eq!(
            breaks_of("文〔2024〕15号文", KinsokuProfile::Word),
            "文|〔2024〕15号|文"
        );
    }

    #[test]
    fn latin_words_break_at_spaces_only() {
        assert_eq!(
            breaks_of("Hello big world", KinsokuProfile::Word),
            "Hello |big |world"
        );
    }
}
