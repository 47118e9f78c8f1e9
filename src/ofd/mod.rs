//! OFD backend (GB/T 33190-2016, 版式文档): the laid-out pages written as an OFD package, the
//! third writer of the layout the PDF draws.
//!
//! Every glyph goes where the PDF puts it: one `TextObject` per run of a line in one font,
//! size and weight, whose `TextCode` starts at the run's first glyph (`X`, baseline `Y`) and
//! steps to each next glyph by `DeltaX`; positions are rounded to 0.1 µm once, as absolute
//! coordinates, and the steps are their differences, so no rounding error adds up along a line.
//! Spaces are not written as characters (their advance is in `DeltaX`), indentation is an `X`
//! offset. The fonts are the PDF's subset programs ([`crate::fonts::subset`]); they keep no
//! `cmap`, so every `TextCode` carries a `CGTransform` with its glyph ids. Bold is drawn as the
//! PDF draws it (fill and stroke, [`crate::typeset::RunStyle::emboldening_pt`]); table rules are `PathObject`s.
//! IDs are numbered in document order, the `DocID` is a hash of the content, and the ZIP has
//! fixed timestamps, so equal inputs give equal bytes. `Meta::ofd_a` writes `DocType="OFD-A"`
//! (GB/T 42133-2022): every font is embedded and declared in `PublicRes`, nothing is referenced
//! outside the package.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make these modules the odd ones out.
#![allow(clippy::result_large_err)]

mod content;
mod package;

use crate::diag::texts::output as texts;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::fonts::subset::{Embedded, UsedFont};
use crate::layout::Page;
use crate::meta::Meta;
use crate::style::Style;

/// The OFD namespace.
pub const NAMESPACE: &str = "http://www.ofdspec.org/2016";

/// Writes `pages` (whose glyphs and subset fonts `embedded` holds) as an OFD package.
pub fn write(
    pages: &[Page],
    embedded: &Embedded,
    style: &Style,
    meta: &Meta,
) -> Result<Vec<u8>, Diagnostic> {
    let mut ids = Ids(0);
    // Fonts first, then per page: the page, its layer, its objects.
    let fonts: Vec<package::FontRes> = embedded
        .used
        .iter()
        .zip(&embedded.programs)
        .map(|(u, program)| font_res(&mut ids, u, program))
        .collect();
    let mut page_parts = Vec::with_capacity(pages.len());
    for (page, lines) in pages.iter().zip(&embedded.placed) {
        let page_id = ids.next();
        let xml = content::page_xml(page, lines, embedded, &fonts, style, &mut ids);
        page_parts.push((page_id, xml));
    }
    package::zip(&fonts, &page_parts, ids.0, style, meta)
        .map_err(|e| Diagnostic::error(Code::OfdWrite, texts::ofd_failed(e)))
}

/// The document's ID counter: IDs are unique across the whole document.
struct Ids(u32);

impl Ids {
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

fn font_res(ids: &mut Ids, used: &UsedFont, program: &[u8]) -> package::FontRes {
    let id = ids.next();
    let ext = if UsedFont::is_cff(program) {
        "otf"
    } else {
        "ttf"
    };
    package::FontRes {
        id,
        name: used.name(),
        family: used.face().family().to_string(),
        file: format!("font_{id}.{ext}"),
        program: program.to_vec(),
    }
}

/// A length in 0.1 µm (1e-4 mm) units, written as millimetres with at most four decimals.
fn mm(units: i64) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let a = units.unsigned_abs();
    let (whole, frac) = (a / 10_000, a % 10_000);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let f = format!("{frac:04}");
        format!("{sign}{whole}.{}", f.trim_end_matches('0'))
    }
}

/// Points to 0.1 µm units.
fn units(pt: f32) -> i64 {
    (f64::from(pt) / f64::from(crate::style::PT_PER_MM) * 10_000.0).round() as i64
}

/// Escapes text for XML content and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millimetres_have_at_most_four_decimals_and_no_trailing_zeros() {
        assert_eq!(mm(0), "0");
        assert_eq!(mm(56_444), "5.6444");
        assert_eq!(mm(2_100_000), "210");
        assert_eq!(mm(12_500), "1.25");
        assert_eq!(mm(-5), "-0.0005");
        assert_eq!(units(72.0), 254_000);
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
    }
}
