//! Break opportunities: Word's Chinese line-start/line-end lists (kinsoku), the inseparable
//! sequences, and the units ("items") a line is filled with.
//!
//! unicode-linebreak alone is too strict around quotes and wrong around ～ (line-breaking.md §6), so
//! between Chinese characters we use a pair rule — a break between `a` and `b` is allowed iff
//! `a` may end a line, `b` may start one and the spot is not inside an inseparable sequence — and
//! ask UAX #14 only where a half-width (Latin/digit) run may break internally.

use crate::model::RunRole;
use crate::style::{KinsokuProfile, ZhLang};

/// Word's default Simplified-Chinese "no line start" list (line-breaking.md §1, 63 characters).
const WORD_NO_START: &str = "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠";
/// Word's default Simplified-Chinese "no line end" list (27 characters).
const WORD_NO_END: &str = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥";
/// Word's default Traditional-Chinese "no line start" list (ECMA-376 Part 4 `kinsoku`, 64
/// characters), used for zh-TW and zh-HK: — and ‧ may not start a line, ％ and 〗 may.
const WORD_TC_NO_START: &str = "!),.:;?]}¢·–—’”•‥…‧′╴、。〉》」』】〕〞︰︱︳︴︶︸︺︼︾﹀﹂﹄﹏﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞！），．：；？］｜｝､";
/// Word's default Traditional-Chinese "no line end" list (28 characters).
const WORD_TC_NO_END: &str = "([{£¥‘“‵〈《「『【〔〝︵︷︹︻︽︿﹁﹃﹙﹛﹝（｛";
/// What the `strict` profile adds to the line-start list (GB/T 15834: —— and …… too).
const STRICT_NO_START: &str = "—⋯⸺‧・〜／/";
/// What the `strict` profile adds to the line-end list (the separator slash).
const STRICT_NO_END: &str = "／/";
/// Punctuation that may hang one character into the right margin (line-breaking.md §3 rule 15a).
const HANG: &str = "、。，．：；？！”’）》〉】〕」』〗";

/// The line-start/line-end lists in force: Word's lists for the report's language, plus the
/// strict profile's additions. The DOCX writes the same lists into settings.xml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kinsoku {
    /// Word's lists alone, or with GB/T 15834's additions.
    pub profile: KinsokuProfile,
    /// Whose lists: Simplified (zh-CN) or Traditional (zh-TW, zh-HK).
    pub lang: ZhLang,
}

impl Kinsoku {
    fn lists(self) -> (&'static str, &'static str) {
        match self.lang {
            ZhLang::ZhCn => (WORD_NO_START, WORD_NO_END),
            ZhLang::ZhTw | ZhLang::ZhHk => (WORD_TC_NO_START, WORD_TC_NO_END),
        }
    }

    /// Whether `ch` may not begin a line.
    pub fn is_no_start(self, ch: char) -> bool {
        self.lists().0.contains(ch)
            || (self.profile == KinsokuProfile::Strict && STRICT_NO_START.contains(ch))
    }

    /// Whether `ch` may not end a line.
    pub fn is_no_end(self, ch: char) -> bool {
        self.lists().1.contains(ch)
            || (self.profile == KinsokuProfile::Strict && STRICT_NO_END.contains(ch))
    }

    /// Every character that may not start a line, without repeats (`w:noLineBreaksBefore`).
    pub fn no_start_list(self) -> String {
        let strict = if self.profile == KinsokuProfile::Strict {
            STRICT_NO_START
        } else {
            ""
        };
        unique(self.lists().0, strict)
    }

    /// Every character that may not end a line, without repeats (`w:noLineBreaksAfter`).
    pub fn no_end_list(self) -> String {
        let strict = if self.profile == KinsokuProfile::Strict {
            STRICT_NO_END
        } else {
            ""
        };
        unique(self.lists().1, strict)
    }
}

/// `a` followed by the characters of `b` not in `a`.
fn unique(a: &str, b: &str) -> String {
    let mut s = a.to_string();
    s.extend(b.chars().filter(|c| !a.contains(*c)));
    s
}

/// Whether `ch` may not begin a line under `profile` (Simplified-Chinese lists).
pub fn is_no_start(ch: char, profile: KinsokuProfile) -> bool {
    Kinsoku {
        profile,
        lang: ZhLang::ZhCn,
    }
    .is_no_start(ch)
}

/// Whether `ch` may not end a line under `profile` (Simplified-Chinese lists).
pub fn is_no_end(ch: char, profile: KinsokuProfile) -> bool {
    Kinsoku {
        profile,
        lang: ZhLang::ZhCn,
    }
    .is_no_end(ch)
}

/// Whether `ch` may hang in the right margin when it alone does not fit.
pub fn is_hang(ch: char) -> bool {
    HANG.contains(ch)
}

/// Whether `ch` is a closing quote or bracket (the part of HANG that LibreOffice does not hang).
pub fn is_closing_mark(ch: char) -> bool {
    "”’）》〉】〕」』〗".contains(ch)
}

/// Whether `ch` is set in a whole grid cell (hanzi, full-width punctuation, —, …) rather than
/// measured proportionally like digits and Latin letters (line-breaking.md §4).
pub fn is_full_width(ch: char) -> bool {
    // U+2000–U+200F are spaces and invisible marks, and the primes ′ ″ ‴ (125°45′) go with
    // the digits they follow: measured like Latin text.
    ch as u32 >= 0x2010 && !matches!(ch, '′' | '″' | '‴')
}

/// Whether `ch` is punctuation (for the single-character last-line rule and justification).
pub fn is_punct(ch: char) -> bool {
    ch.is_ascii_punctuation()
        || is_no_start(ch, KinsokuProfile::Strict)
        || is_no_end(ch, KinsokuProfile::Strict)
        || matches!(ch, '—' | '…' | '⸺' | '⋯' | '　')
}

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
    /// The characters with their roles and advances in points.
    pub glyphs: Vec<(char, RunRole, f32)>,
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
                glyphs: vec![g(i)],
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
    fn list_sizes_match_the_spec() {
        assert_eq!(WORD_NO_START.chars().count(), 63);
        assert_eq!(WORD_NO_END.chars().count(), 27);
        assert_eq!(WORD_TC_NO_START.chars().count(), 64);
        assert_eq!(WORD_TC_NO_END.chars().count(), 28);
        let strict_tc = Kinsoku {
            profile: KinsokuProfile::Strict,
            lang: ZhLang::ZhHk,
        };
        let list = strict_tc.no_start_list();
        assert!(list.starts_with(WORD_TC_NO_START) && list.ends_with("⋯⸺・〜／/"));
        assert_eq!(Kinsoku::default().no_end_list(), WORD_NO_END);
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
