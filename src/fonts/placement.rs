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
//!   the built-in Kai). Glyphs are not moved for this: a moved origin leaves a gap that text
//!   extraction reads as a space.

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

/// The offset, in em, from the origin the layout gives glyph `gid` of `ch` to where it is drawn:
/// 0 for every glyph but a narrow quote, which is moved inside its full cell.
pub fn offset_em(face: &Face, ch: char, gid: u16) -> f32 {
    let advance = face.advance_em(gid);
    if gid == 0 || !is_cell_quote(ch) || advance >= 0.99 {
        return 0.0;
    }
    let (left, right) = face.ink_x_em(gid).unwrap_or((0.0, advance));
    if is_opening_quote(ch) {
        1.0 - QUOTE_MARGIN_EM - right
    } else {
        QUOTE_MARGIN_EM - left
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::families;

    fn kai() -> std::sync::Arc<Face> {
        let b = families::builtin(families::Class::Kai, false);
        crate::fonts::face::builtin(b.file, b.data).unwrap_or_else(|d| panic!("{}", d.en))
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
            let dx = offset_em(&face, ch, gid);
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
    fn the_builtin_kai_sets_punctuation_the_mainland_way() {
        let face = kai();
        assert_eq!(centres_punct(&face), Some(false));
        assert!(punct_fits(&face, Script::Hans));
        assert!(!punct_fits(&face, Script::HantTw));
        let gid = face.glyph('，').expect("comma");
        assert_eq!(offset_em(&face, '，', gid), 0.0);
    }
}
