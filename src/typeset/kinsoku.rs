//! Word's Chinese line-start/line-end lists (kinsoku), once for every backend: the layout breaks
//! lines with them and the DOCX writes the same lists into `settings.xml`.

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
/// Closing quotes and brackets: the part of [`HANG`] that LibreOffice does not hang.
const CLOSING: &str = "”’）》〉】〕」』〗";

/// Characters on none of the lists that make up most text (hanzi, ASCII letters and digits),
/// answered without scanning the lists: the layout asks about every character of a report.
fn never_listed(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || ('\u{3400}'..='\u{9FFF}').contains(&ch)
}

/// How a character takes part in line breaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakClass {
    /// May not begin a line (、。」…); the ones of [`is_hang`] may hang in the margin.
    NoStart,
    /// May not end a line (“《（…).
    NoEnd,
    /// Neither: a break may come before or after it (subject to inseparable sequences).
    Free,
}

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
    /// The lists of a style's `[line_breaking]` (profile and the report's language).
    pub fn of(style: &crate::style::Style) -> Kinsoku {
        Kinsoku {
            profile: style.line_breaking.profile,
            lang: style.line_breaking.lang,
        }
    }

    fn lists(self) -> (&'static str, &'static str) {
        match self.lang {
            ZhLang::ZhCn => (WORD_NO_START, WORD_NO_END),
            ZhLang::ZhTw | ZhLang::ZhHk => (WORD_TC_NO_START, WORD_TC_NO_END),
        }
    }

    /// Whether `ch` may not begin a line.
    pub fn is_no_start(self, ch: char) -> bool {
        !never_listed(ch)
            && (self.lists().0.contains(ch)
                || (self.profile == KinsokuProfile::Strict && STRICT_NO_START.contains(ch)))
    }

    /// Whether `ch` may not end a line.
    pub fn is_no_end(self, ch: char) -> bool {
        !never_listed(ch)
            && (self.lists().1.contains(ch)
                || (self.profile == KinsokuProfile::Strict && STRICT_NO_END.contains(ch)))
    }

    /// The break class of `ch` under these lists (no-start wins for a character on both, as
    /// the Simplified lists' · and ．).
    pub fn class(self, ch: char) -> BreakClass {
        if self.is_no_start(ch) {
            BreakClass::NoStart
        } else if self.is_no_end(ch) {
            BreakClass::NoEnd
        } else {
            BreakClass::Free
        }
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

    /// Whether these are Word's built-in Simplified-Chinese lists, which a DOCX need not write
    /// out (Word, WPS and LibreOffice use them by default).
    pub fn is_word_default(self) -> bool {
        self.profile == KinsokuProfile::Word && self.lang == ZhLang::ZhCn
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

/// Whether `ch` is a closing quote or bracket (the part of the hanging marks that LibreOffice
/// does not hang).
pub fn is_closing_mark(ch: char) -> bool {
    CLOSING.contains(ch)
}

/// Whether `ch` is punctuation (for the single-character last-line rule and justification).
pub fn is_punct(ch: char) -> bool {
    ch.is_ascii_punctuation()
        || is_no_start(ch, KinsokuProfile::Strict)
        || is_no_end(ch, KinsokuProfile::Strict)
        || matches!(ch, '—' | '…' | '⸺' | '⋯' | '　')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_listed_character_is_answered_without_the_lists() {
        for list in [
            WORD_NO_START,
            WORD_NO_END,
            WORD_TC_NO_START,
            WORD_TC_NO_END,
            STRICT_NO_START,
            STRICT_NO_END,
        ] {
            for ch in list.chars() {
                assert!(!never_listed(ch), "{ch} is listed");
            }
        }
        assert!(never_listed('汇') && never_listed('7') && never_listed('a'));
        assert!(!never_listed('。') && !never_listed(')'));
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
    fn break_classes() {
        let cn = Kinsoku::default();
        assert_eq!(cn.class('。'), BreakClass::NoStart);
        assert_eq!(cn.class('“'), BreakClass::NoEnd);
        assert_eq!(cn.class('国'), BreakClass::Free);
        assert!(cn.is_word_default());
        assert!(CLOSING.chars().all(is_hang));
    }
}
