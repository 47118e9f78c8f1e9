//! Where a glyph sits inside its grid cell, for every writer that draws glyphs (PDF now, OFD
//! later): the one place that moves a glyph away from the origin the layout gave it.
//!
//! - **Narrow quotes.** A face without full-width “ ” ‘ ’ (cwTeX 仿宋, LXGW WenKai; see
//!   [`super::face::Face::glyph`] for faces that have them) still gets a full cell per quote, and
//!   the quote is set as GB/T 15834 and Word set it: an opening quote against the right side of
//!   its cell, a closing quote against the left, [`QUOTE_MARGIN_EM`] from the edge.
//! - **Punctuation of the report's locale.** Mainland (GB/T 15834) punctuation sits in the
//!   lower left of the cell (，。、) or on the left (：；！？); Taiwan and Hong Kong centre it.
//!   [`punct_fits`] tells which a face does, and the font chain prefers a face that fits the
//!   report's script (AR PL UKai CN centres ，, so a Simplified report's 楷体 is LXGW WenKai or
//!   the built-in Kai); a TrueType face that still does not fit (朱雀仿宋 or the built-in Kai in
//!   a Traditional report) has its punctuation moved to where the script puts it.
//!
//! A writer applies an offset by moving the outline in the embedded font
//! ([`super::reposition`]), so the glyph's origin stays at the cell's edge and text extraction
//! sees no gap; only where it cannot (a CFF font) does it move the origin.

use super::face::Face;
use crate::zh::Script;

/// Distance, in em, from a quote's ink to the near cell edge when a narrow quote is placed in a
/// full cell: what the full-width quotes of Noto CJK and 朱雀仿宋 leave (0.08 em).
pub const QUOTE_MARGIN_EM: f32 = 0.08;

/// The quotes Chinese text sets in a whole cell: “ ” ‘ ’.
pub fn is_cell_quote(ch: char) -> bool {
    matches!(ch, '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}')
}

/// Whether `ch` is an opening quote (“ or ‘).
pub fn is_opening_quote(ch: char) -> bool {
    matches!(ch, '\u{201C}' | '\u{2018}')
}

/// Whether `script` centres ，。、：；！？ in their cells (Traditional: Taiwan and Hong Kong usage).
pub fn wants_centred_punct(script: Script) -> bool {
    script.is_traditional()
}

/// Whether `face` centres its full-width comma (Taiwan style) rather than setting it in the lower
/// left of the cell (mainland style); `None` when the face has no ，.
pub fn centres_punct(face: &Face) -> Option<bool> {
    let gid = face.glyph('，')?;
    let (left, right) = face.ink_x_em(gid)?;
    Some((left + right) / 2.0 > 0.3 * face.advance_em(gid))
}

/// Whether `face`'s punctuation sits where `script` puts it (true when the face has no ，).
pub fn punct_fits(face: &Face, script: Script) -> bool {
    centres_punct(face).is_none_or(|c| c == wants_centred_punct(script))
}

/// Punctuation whose place in the cell differs between mainland and Taiwan/Hong Kong usage.
const LOCALE_PUNCT: &str = "，。、：；！？";

/// The offset, in em (x right, y up), from the origin the layout gives glyph `gid` of `ch` to
/// where its outline is drawn in a report of `script`. (0, 0) for almost every glyph; a narrow
/// quote is moved inside its full cell, and, in a TrueType face (whose outlines a writer can move
/// in the embedded font, see [`super::reposition`]), punctuation of the other locale is moved to
/// where the script puts it.
pub fn offset_em(face: &Face, ch: char, gid: u16, script: Script) -> (f32, f32) {
    if gid == 0 {
        return (0.0, 0.0);
    }
    if is_cell_quote(ch) {
        let advance = face.advance_em(gid);
        if advance >= 0.99 {
            return (0.0, 0.0);
        }
        let (left, right) = face.ink_x_em(gid).unwrap_or((0.0, advance));
        let dx = if is_opening_quote(ch) {
            1.0 - QUOTE_MARGIN_EM - right
        } else {
            QUOTE_MARGIN_EM - left
        };
        return (dx, 0.0);
    }
    if !LOCALE_PUNCT.contains(ch) || !face.is_truetype() || punct_fits(face, script) {
        return (0.0, 0.0);
    }
    let (Some((left, right)), Some((bottom, top))) = (face.ink_x_em(gid), face.ink_y_em(gid))
    else {
        return (0.0, 0.0);
    };
    let advance = face.advance_em(gid);
    // The face's hanzi body, vertically: 中's ink, or the usual −0.07…0.83 em.
    let (body_bottom, body_top) = face
        .glyph('中')
        .and_then(|g| face.ink_y_em(g))
        .unwrap_or((-0.07, 0.83));
    let (cx, cy) = ((left + right) / 2.0, (bottom + top) / 2.0);
    let cell = advance.max(1.0);
    if wants_centred_punct(script) {
        // Taiwan and Hong Kong: the middle of the cell and of the hanzi body.
        (cell / 2.0 - cx, (body_bottom + body_top) / 2.0 - cy)
    } else if "，。、".contains(ch) {
        // Mainland ，。、: lower left, the ink 0.08 em from the left edge, its middle 0.08 em
        // above the bottom of the hanzi.
        (QUOTE_MARGIN_EM - left, body_bottom + 0.08 - cy)
    } else {
        // Mainland ：；！？: on the left, at the height the face gives them.
        (0.15 - left, 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::families;

    fn kai() -> std::sync::Arc<Face> {
        let b = families::builtin(families::Class::Kai, false);
        crate::fonts::face::builtin(b.file, b.data).unwrap_or_else(|d| panic!("{}", d.message.en))
    }

    #[test]
    fn narrow_quotes_sit_against_the_inner_side_of_their_cell() {
        let face = kai();
        for (ch, opening) in [('“', true), ('”', false), ('‘', true), ('’', false)] {
            let gid = face.glyph(ch).expect("quote");
            assert!(
                face.advance_em(gid) < 0.5,
                "the built-in Kai's {ch} is narrow"
            );
            let (dx, dy) = offset_em(&face, ch, gid, Script::Hans);
            assert_eq!(dy, 0.0);
            let (l, r) = face.ink_x_em(gid).expect("ink");
            let (l, r) = (l + dx, r + dx);
            assert!(l > 0.0 && r < 1.0, "{ch}: ink {l}..{r} outside the cell");
            if opening {
                assert!(
                    l > 0.5 && (r - (1.0 - QUOTE_MARGIN_EM)).abs() < 1e-4,
                    "{ch}: {l}..{r}"
                );
            } else {
                assert!(
                    r < 0.5 && (l - QUOTE_MARGIN_EM).abs() < 1e-4,
                    "{ch}: {l}..{r}"
                );
            }
        }
    }

    #[test]
    fn mainland_punctuation_is_centred_only_for_traditional_reports() {
        let face = kai();
        assert_eq!(centres_punct(&face), Some(false));
        assert!(punct_fits(&face, Script::Hans));
        assert!(!punct_fits(&face, Script::HantTw));
        let gid = face.glyph('，').expect("comma");
        assert_eq!(offset_em(&face, '，', gid, Script::Hans), (0.0, 0.0));
        let (dx, dy) = offset_em(&face, '，', gid, Script::HantTw);
        let (l, r) = face.ink_x_em(gid).expect("ink");
        assert!(((l + r) / 2.0 + dx - 0.5).abs() < 1e-4, "centred: {dx}");
        assert!(dy > 0.2, "raised to the middle of the hanzi body: {dy}");
    }
}
