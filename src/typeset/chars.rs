//! Character classes: which characters take a whole grid cell, which are drawn with the Latin
//! face, which are figures. The layout measures, the font chain picks faces and the DOCX sets
//! its runs by these classes.

/// The class of a character in a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// Hanzi, full-width punctuation, —, …: one grid cell in a grid role.
    FullWidth,
    /// A digit (0–9): half-width, Latin face (page numbers: their own face).
    Figure,
    /// Latin letters, ASCII punctuation and spaces, primes: half-width, Latin face.
    Latin,
    /// Anything else below U+2010 (Greek, ·, spaces U+2000–U+200F): half-width, the role's face.
    Other,
}

/// The class of `ch`.
pub fn class(ch: char) -> CharClass {
    if ch.is_ascii_digit() {
        CharClass::Figure
    } else if is_latin(ch) {
        CharClass::Latin
    } else if is_full_width(ch) {
        CharClass::FullWidth
    } else {
        CharClass::Other
    }
}

/// Whether `ch` is set in a whole grid cell (hanzi, full-width punctuation, —, …) rather than
/// measured proportionally like digits and Latin letters (line-breaking.md §4).
pub fn is_full_width(ch: char) -> bool {
    // U+2000–U+200F are spaces and invisible marks, and the primes ′ ″ ‴ (125°45′) go with
    // the digits they follow: measured like Latin text.
    ch as u32 >= 0x2010 && !matches!(ch, '′' | '″' | '‴')
}

/// Characters drawn with the Latin face (Times New Roman) rather than the role's CJK face:
/// ASCII, Latin letters and the primes ′ ″ ‴ of angles (125°45′). CJK punctuation, ·, — and …
/// stay in the CJK face (GB/T 15834 widths).
pub fn is_latin(ch: char) -> bool {
    (ch.is_ascii() || ('\u{00A0}'..='\u{024F}').contains(&ch) || matches!(ch, '′' | '″' | '‴'))
        && ch != '\u{00B7}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class('国'), CharClass::FullWidth);
        assert_eq!(class('，'), CharClass::FullWidth);
        assert_eq!(class('—'), CharClass::FullWidth);
        assert_eq!(class('7'), CharClass::Figure);
        assert_eq!(class('A'), CharClass::Latin);
        assert_eq!(class('%'), CharClass::Latin);
        assert_eq!(class('′'), CharClass::Latin);
        assert_eq!(class('·'), CharClass::Other);
        assert_eq!(class('α'), CharClass::Other);
    }
}
