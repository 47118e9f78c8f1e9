//! Glyph positions read back from a PDF's content streams with lopdf: each glyph's character
//! (ToUnicode), position (text matrix, TJ advances by the font's widths) and the marked-content
//! sequence it is in.

use std::collections::BTreeMap;
use std::path::Path;

/// One drawn glyph.
#[derive(Debug, Clone)]
pub struct PdfGlyph {
    /// Page index (0-based).
    pub page: usize,
    /// The character ToUnicode maps it to.
    pub ch: char,
    /// Origin x, mm from the left edge.
    pub x: f64,
    /// Baseline, mm from the top edge.
    pub y: f64,
    /// The enclosing marked-content sequence: tag and MCID.
    pub marked: Option<(String, Option<i64>)>,
    /// The font's `BaseFont` (subset tag included, e.g. "ABCDEF+NotoSansCJKsc-Regular").
    pub font: String,
    /// The font size set with `Tf`, in points.
    pub size: f64,
}

/// A PDF font's glyph widths (per 1000 em), characters by code, and `BaseFont`.
type PdfFont = (BTreeMap<u16, f64>, BTreeMap<u16, char>, String);

/// Every glyph the PDF draws: page, character, x and baseline in mm from the top-left corner,
/// from the content streams (text matrix, TJ advances by the fonts' widths, ToUnicode).
pub fn pdf_glyphs(pdf: &Path) -> Vec<PdfGlyph> {
    use lopdf::{Document, Object};
    let doc = Document::load(pdf).expect("parse PDF");
    let mm = |pt: f64| pt * 25.4 / 72.0;
    let mut out = Vec::new();
    for (index, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let page_height = 841.89;
        let mut fonts: BTreeMap<Vec<u8>, PdfFont> = BTreeMap::new();
        for (name, font) in doc.get_page_fonts(page_id).expect("fonts") {
            let desc = match &font
                .get(b"DescendantFonts")
                .and_then(Object::as_array)
                .expect("descendant")[0]
            {
                Object::Reference(r) => doc.get_dictionary(*r).expect("CID font"),
                Object::Dictionary(d) => d,
                other => panic!("CID font: {other:?}"),
            };
            let mut widths = BTreeMap::new();
            if let Ok(w) = desc.get(b"W").and_then(Object::as_array) {
                let mut i = 0;
                while i < w.len() {
                    let first = w[i].as_i64().expect("W start") as u16;
                    match &w[i + 1] {
                        Object::Array(ws) => {
                            for (k, v) in ws.iter().enumerate() {
                                widths.insert(first + k as u16, v.as_float().expect("w") as f64);
                            }
                            i += 2;
                        }
                        last => {
                            let last = last.as_i64().expect("W end") as u16;
                            let v = w[i + 2].as_float().expect("w") as f64;
                            for g in first..=last {
                                widths.insert(g, v);
                            }
                            i += 3;
                        }
                    }
                }
            }
            let mut unicode = BTreeMap::new();
            let cmap = font
                .get(b"ToUnicode")
                .and_then(Object::as_reference)
                .and_then(|r| doc.get_object(r))
                .and_then(Object::as_stream)
                .expect("ToUnicode");
            let data = cmap
                .decompressed_content()
                .unwrap_or_else(|_| cmap.content.clone());
            for line in String::from_utf8_lossy(&data).lines() {
                let hex: Vec<&str> = line
                    .split(['<', '>'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                if let [code, text] = hex[..] {
                    if let (Ok(c), Ok(t)) =
                        (u16::from_str_radix(code, 16), u32::from_str_radix(text, 16))
                    {
                        if let Some(ch) = char::from_u32(t) {
                            unicode.insert(c, ch);
                        }
                    }
                }
            }
            let base = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            fonts.insert(name, (widths, unicode, base));
        }
        let content = doc.get_and_decode_page_content(page_id).expect("content");
        let (mut font, mut size, mut x, mut y, mut scale) = (Vec::new(), 0.0, 0.0, 0.0, 1.0);
        // Character spacing (Tc): it holds across text objects until the page ends.
        let mut tc = 0.0;
        let mut marked: Option<(String, Option<i64>)> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let tag = op.operands[0]
                        .as_name()
                        .map(<[u8]>::to_vec)
                        .unwrap_or_default();
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|d| d.get(b"MCID").and_then(Object::as_i64).ok());
                    marked = Some((String::from_utf8_lossy(&tag).into_owned(), mcid));
                }
                "EMC" => marked = None,
                "Tf" => {
                    font = op.operands[0].as_name().expect("font").to_vec();
                    size = op.operands[1].as_float().expect("size") as f64;
                }
                "Tc" => tc = op.operands[0].as_float().expect("Tc") as f64,
                "Tm" => {
                    let m: Vec<f64> = op
                        .operands
                        .iter()
                        .map(|o| o.as_float().expect("Tm") as f64)
                        .collect();
                    (scale, x, y) = (m[0], m[4], m[5]);
                }
                "TJ" => {
                    let (widths, unicode, base) = &fonts[&font];
                    for item in op.operands[0].as_array().expect("TJ") {
                        match item {
                            Object::String(bytes, _) => {
                                for c in bytes.chunks(2) {
                                    let code = u16::from_be_bytes([c[0], c[1]]);
                                    out.push(PdfGlyph {
                                        page: index,
                                        ch: unicode.get(&code).copied().unwrap_or('\u{FFFD}'),
                                        x: mm(x),
                                        y: mm(page_height - y),
                                        marked: marked.clone(),
                                        font: base.clone(),
                                        size,
                                    });
                                    x += (widths.get(&code).copied().unwrap_or(1000.0) / 1000.0
                                        * size
                                        + tc)
                                        * scale;
                                }
                            }
                            n => {
                                x -=
                                    n.as_float().expect("adjustment") as f64 / 1000.0 * size * scale
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// A dictionary object, or the one a reference points at.
pub fn dict<'a>(doc: &'a lopdf::Document, o: &'a lopdf::Object) -> &'a lopdf::Dictionary {
    match o {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).expect("dictionary"),
        lopdf::Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

/// The glyphs of the marked content a structure element's MCRs point at, in order (`pages`:
/// the document's page ids in order, `glyphs`: [`pdf_glyphs`] of the file).
pub fn marked<'a>(
    doc: &lopdf::Document,
    e: &lopdf::Dictionary,
    pages: &[lopdf::ObjectId],
    glyphs: &'a [PdfGlyph],
) -> Vec<&'a PdfGlyph> {
    use lopdf::Object;
    let mut out = Vec::new();
    for mcr in e.get(b"K").and_then(Object::as_array).expect("MCRs") {
        let mcr = dict(doc, mcr);
        let page = mcr.get(b"Pg").and_then(Object::as_reference).expect("Pg");
        let page = pages.iter().position(|p| *p == page).expect("page");
        let mcid = mcr.get(b"MCID").and_then(Object::as_i64).expect("MCID");
        out.extend(
            glyphs
                .iter()
                .filter(|g| g.page == page && g.marked.as_ref().is_some_and(|m| m.1 == Some(mcid))),
        );
    }
    out
}
