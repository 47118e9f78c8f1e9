//! What readers and archives expect of the PDF beyond its pages: the language (`/Lang`), an
//! outline of the headings nested by level (run-in headings included), XMP metadata (title,
//! language, the report's date, producer), `/DisplayDocTitle`, PDF 1.7 — and with
//! [`Meta::pdf_a2b`], the PDF/A-2b identification in the XMP and an sRGB output intent
//! ([`super::icc`]). Added to printpdf's document before it is saved; nothing here depends on
//! the clock.

use std::fmt::Write as _;

use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};

use crate::layout::Page;
use crate::meta::{Meta, OutlineItem};
use crate::model::RunRole;

/// A heading of the outline: level (1–4), text, page index, top of its first line (points from
/// the top of the paper).
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// Heading level, 1 = 一、.
    pub level: u8,
    /// The heading's text, label included.
    pub text: String,
    /// Index of the page it starts on.
    pub page: usize,
    /// Top of its first line, points from the top edge of the paper.
    pub top_pt: f32,
}

/// Where the document's headings (`outline`, in reading order) are on the laid-out pages: each
/// at the first line laid out for its block ([`crate::layout::Line::block`]) that draws a glyph
/// in a heading role (a run-in heading's line holds its body too), its top that glyph's size
/// above the baseline. A heading with no such line is left out.
pub fn headings(
    outline: &[OutlineItem],
    pages: &[Page],
    size_pt: impl Fn(RunRole) -> f32,
) -> Vec<Heading> {
    outline
        .iter()
        .filter_map(|item| {
            pages.iter().enumerate().find_map(|(page, p)| {
                p.lines
                    .iter()
                    .filter(|l| l.block == Some(item.block))
                    .find_map(|l| {
                        let g = l.glyphs.iter().find(|g| {
                            matches!(g.role, RunRole::Heading(_)) && !g.ch.is_whitespace()
                        })?;
                        Some(Heading {
                            level: item.level,
                            text: item.text.trim().to_string(),
                            page,
                            top_pt: l.baseline_pt - size_pt(g.role),
                        })
                    })
            })
        })
        .collect()
}

/// Adds language, outline, metadata and (for PDF/A) the output intent to `doc`, whose pages
/// are `page_ids` in order, `page_heights` points tall (a landscape page as tall as the sheet
/// is wide).
pub fn apply(
    doc: &mut Document,
    page_ids: &[ObjectId],
    page_heights: &[f32],
    headings: &[Heading],
    meta: &Meta,
) -> Result<(), lopdf::Error> {
    doc.version = "1.7".into();
    let outline = outline(doc, page_ids, page_heights, headings);
    let mut xmp_dict = dictionary! { "Type" => "Metadata", "Subtype" => "XML" };
    let xmp = xmp(meta).into_bytes();
    xmp_dict.set("Length", xmp.len() as i64);
    let mut xmp_stream = Stream::new(xmp_dict, xmp);
    xmp_stream.allows_compression = false;
    let metadata = doc.add_object(xmp_stream);
    let intent = if meta.pdf_a2b {
        let icc = super::icc::srgb();
        let mut profile = Stream::new(dictionary! { "N" => 3 }, icc);
        // Deflated like every other stream: PDF/A allows filtered ICC profiles.
        let _ = profile.compress();
        let profile = doc.add_object(profile);
        Some(doc.add_object(dictionary! {
            "Type" => "OutputIntent",
            "S" => "GTS_PDFA1",
            "OutputConditionIdentifier" => Object::string_literal(super::icc::DESCRIPTION),
            "Info" => Object::string_literal(super::icc::DESCRIPTION),
            "RegistryName" => Object::string_literal("http://www.color.org"),
            "DestOutputProfile" => profile,
        }))
    } else {
        None
    };
    let catalog = doc.catalog_mut()?;
    if !meta.lang.is_empty() {
        catalog.set("Lang", Object::string_literal(meta.lang.as_str()));
    }
    catalog.set(
        "ViewerPreferences",
        dictionary! { "DisplayDocTitle" => true },
    );
    catalog.set("Metadata", metadata);
    if let Some(o) = outline {
        catalog.set("Outlines", o);
        catalog.set("PageMode", "UseOutlines");
    }
    if let Some(i) = intent {
        catalog.set("OutputIntents", vec![Object::Reference(i)]);
    }
    Ok(())
}

/// A PDF text string: UTF-16BE with a byte order mark.
fn text_string(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

/// The outline: one item per heading, each under the nearest heading before it of a higher
/// level, opening at the top of its first line (on its page, `page_heights` tall). `None`
/// without headings.
fn outline(
    doc: &mut Document,
    page_ids: &[ObjectId],
    page_heights: &[f32],
    headings: &[Heading],
) -> Option<ObjectId> {
    if headings.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = headings.iter().map(|_| doc.new_object_id()).collect();
    // The parent of each heading: the closest earlier heading of a smaller level.
    let parent: Vec<Option<usize>> = (0..headings.len())
        .map(|i| {
            (0..i)
                .rev()
                .find(|&j| headings[j].level < headings[i].level)
        })
        .collect();
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..headings.len()).filter(|&i| parent[i] == p).collect()
    };
    for (i, h) in headings.iter().enumerate() {
        let siblings = children(parent[i]);
        let k = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let kids = children(Some(i));
        let mut d = dictionary! {
            "Title" => text_string(&h.text),
            "Parent" => parent[i].map_or(root, |p| ids[p]),
        };
        if let (Some(&page), Some(&height)) = (page_ids.get(h.page), page_heights.get(h.page)) {
            d.set(
                "Dest",
                vec![
                    Object::Reference(page),
                    "XYZ".into(),
                    Object::Null,
                    Object::Real(height - h.top_pt),
                    Object::Null,
                ],
            );
        }
        if k > 0 {
            d.set("Prev", ids[siblings[k - 1]]);
        }
        if let Some(&next) = siblings.get(k + 1) {
            d.set("Next", ids[next]);
        }
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            d.set("First", ids[first]);
            d.set("Last", ids[last]);
            d.set("Count", kids.len() as i64);
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let top = children(None);
    let mut d = dictionary! { "Type" => "Outlines", "Count" => top.len() as i64 };
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        d.set("First", ids[first]);
        d.set("Last", ids[last]);
    }
    doc.objects.insert(root, Object::Dictionary(d));
    Some(root)
}

/// Escapes text for XML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The XMP packet: title, subject, language, the report's date, producer and, for PDF/A-2b,
/// the identification. `/Info` holds the same title and producer (ISO 19005-2 6.6.3).
pub fn xmp(meta: &Meta) -> String {
    let mut d = String::from("<dc:format>application/pdf</dc:format>");
    if let Some(t) = &meta.title {
        let _ = write!(
            d,
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
            escape(t)
        );
    }
    if let Some(s) = &meta.subject {
        let _ = write!(
            d,
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            escape(s)
        );
    }
    if !meta.lang.is_empty() {
        let _ = write!(
            d,
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
            escape(&meta.lang)
        );
    }
    if !meta.date.is_empty() {
        let _ = write!(d, "<xmp:CreateDate>{}</xmp:CreateDate>", escape(&meta.date));
    }
    d.push_str("<xmp:CreatorTool>huibao</xmp:CreatorTool><pdf:Producer>huibao</pdf:Producer>");
    let mut pdfaid = "";
    if meta.pdf_a2b {
        d.push_str("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>");
        pdfaid = " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
    }
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"{pdfaid}>{d}</rdf:Description></rdf:RDF></x:xmpmeta>\n\
         <?xpacket end=\"w\"?>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Glyph, Line};

    fn line(baseline_pt: f32, block: usize, parts: &[(&str, RunRole)]) -> Line {
        let mut glyphs = Vec::new();
        for (text, role) in parts {
            for ch in text.chars() {
                glyphs.push(Glyph {
                    ch,
                    x_pt: glyphs.len() as f32 * 16.0,
                    role: *role,
                });
            }
        }
        Line {
            baseline_pt,
            glyphs,
            block: Some(block),
            cell: None,
        }
    }

    #[test]
    fn headings_are_found_where_they_are_drawn_wrapped_or_run_in() {
        let h1 = RunRole::Heading(1);
        let h3 = RunRole::Heading(3);
        let body = RunRole::Body;
        let page = |lines| Page {
            number: Some(1),
            lines,
            rules: Vec::new(),
            landscape: false,
        };
        let pages = [
            page(vec![
                line(100.0, 0, &[("一、很长的标题", h1)]),
                line(130.0, 0, &[("第二行", h1)]),
                line(160.0, 1, &[("正文", body)]),
                line(190.0, 2, &[("1.加强领导。", h3), ("正文接着写", body)]),
            ]),
            // A heading whose text is not the one the outline has (its lines say which
            // block they are, not their text).
            page(vec![line(100.0, 3, &[("2.另一项", h3), ("正文", body)])]),
        ];
        let item = |level, text: &str, block| OutlineItem {
            level,
            text: text.to_string(),
            block,
        };
        let outline = [
            item(1, "一、很长的标题第二行", 0),
            item(3, "1.加强领导。", 2),
            item(3, "2.另一项。", 3),
        ];
        let hs = headings(&outline, &pages, |_| 16.0);
        let got: Vec<(u8, &str, usize, f32)> = hs
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.page, h.top_pt))
            .collect();
        assert_eq!(
            got,
            [
                (1, "一、很长的标题第二行", 0, 84.0),
                (3, "1.加强领导。", 0, 174.0),
                (3, "2.另一项。", 1, 84.0)
            ]
        );
    }

    #[test]
    fn the_xmp_has_title_language_date_and_the_pdfa_identification_when_asked() {
        let mut meta = Meta {
            title: Some("关于A&B的汇报".into()),
            lang: "zh-CN".into(),
            date: "2012-10-10T00:00:00Z".into(),
            ..Meta::default()
        };
        let x = xmp(&meta);
        assert!(x.contains("<rdf:li xml:lang=\"x-default\">关于A&amp;B的汇报</rdf:li>"));
        assert!(x.contains("<rdf:li>zh-CN</rdf:li>"));
        assert!(x.contains("<xmp:CreateDate>2012-10-10T00:00:00Z</xmp:CreateDate>"));
        assert!(!x.contains("pdfaid:part>"));
        meta.pdf_a2b = true;
        assert!(xmp(&meta)
            .contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"));
    }
}
