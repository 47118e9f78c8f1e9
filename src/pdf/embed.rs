//! Fonts for printpdf: each face's subset program (made once per document by
//! [`crate::fonts::subset`], shared with the OFD writer) handed to printpdf as a
//! [`printpdf::ParsedFont`] named `ABCDEF+PostScriptName`.
//!
//! printpdf only subsets with its heavy `text_layout` feature, so the subset is made beforehand
//! and printpdf embeds it whole. The subset keeps no usable `cmap`; the pages therefore draw
//! glyph ids and carry each glyph's text (`Codepoint::cid`), from which printpdf writes the
//! ToUnicode map.

// The crate reports every user-facing problem as a `Diagnostic` (216 bytes); boxing it here
// alone would make these modules the odd ones out.
#![allow(clippy::result_large_err)]

use crate::diag::Diagnostic;
use crate::fonts::subset::UsedFont;

/// Parses `program`, the subset of `used`, for printpdf, named [`UsedFont::name`].
pub fn parsed_font(used: &UsedFont, program: &[u8]) -> Result<printpdf::ParsedFont, Diagnostic> {
    // The subset has no usable cmap; printpdf warns about that, and we draw glyph ids.
    let mut warnings = Vec::new();
    let mut parsed =
        printpdf::ParsedFont::from_bytes(program, 0, &mut warnings).ok_or_else(|| {
            let family = used.face().family();
            Diagnostic::error(
                "E-PDF-FONT",
                format!("无法嵌入字体 {family}：printpdf 无法读取子集"),
                format!("cannot embed the font {family}: printpdf cannot read the subset"),
            )
        })?;
    parsed.font_name = Some(used.name());
    Ok(parsed)
}
