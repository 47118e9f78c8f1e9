//! The tagged structure of the PDF: which structure element each drawn glyph belongs to, and
//! the structure tree (`/StructTreeRoot`, `/ParentTree`, `/MarkInfo`) over the marked content.
//!
//! The document model says what the elements are, in reading order ([`Part`]); the layout says
//! where their glyphs went. The glyphs are taken in drawing order: each part takes as many
//! glyphs as it has characters (whitespace aside); page numbers, and table header rows repeated
//! on a later page, are artifacts. So the tree's reading order is the txt output's, except
//! inside a table, which is one `Table` element over its cells' glyphs line by line as drawn
//! (no `TR`/`TD` yet: a cell that wraps interleaves with its neighbours).

use lopdf::{dictionary, Document, Object, ObjectId};

use crate::layout::Page;
use crate::meta::Part;
use crate::model::RunRole;

/// What a drawn glyph is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Not content: a page number, whitespace between parts.
    Artifact,
    /// The `n`-th structure element.
    Element(usize),
}

/// Each glyph's tag, per page and line, for `parts` in reading order.
pub fn assign(pages: &[Page], parts: &[Part]) -> Vec<Vec<Vec<Tag>>> {
    let mut part = 0;
    let mut taken = 0;
    pages
        .iter()
        .map(|page| {
            page.lines
                .iter()
                .map(|line| {
                    line.glyphs
                        .iter()
                        .map(|g| {
                            let Some(p) = parts.get(part) else {
                                return Tag::Artifact;
                            };
                            // Page numbers, and a table's header rows drawn again on a later
                            // page, are artifacts.
                            let repeated_header = p.tag == "Table"
                                && g.role == RunRole::TableHeader
                                && taken >= p.header_chars;
                            if g.role == RunRole::PageNumber || repeated_header {
                                return Tag::Artifact;
                            }
                            let tag = Tag::Element(part);
                            if !g.ch.is_whitespace() {
                                taken += 1;
                                if taken >= p.chars {
                                    part += 1;
                                    taken = 0;
                                }
                            }
                            tag
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Adds the structure tree: `marked[page]` lists, by MCID, the element each marked-content
/// sequence of that page belongs to.
pub fn structure_tree(
    doc: &mut Document,
    page_ids: &[ObjectId],
    parts: &[Part],
    marked: &[Vec<usize>],
    lang: &str,
) -> Result<(), lopdf::Error> {
    let root = doc.new_object_id();
    let document = doc.new_object_id();
    let elems: Vec<ObjectId> = parts.iter().map(|_| doc.new_object_id()).collect();
    let mut kids: Vec<Vec<Object>> = vec![Vec::new(); parts.len()];
    let mut nums = Vec::new();
    for (i, (page, mcids)) in page_ids.iter().zip(marked).enumerate() {
        for (mcid, &e) in mcids.iter().enumerate() {
            kids[e].push(Object::Dictionary(dictionary! {
                "Type" => "MCR",
                "Pg" => *page,
                "MCID" => mcid as i64,
            }));
        }
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Array(
            mcids.iter().map(|&e| Object::Reference(elems[e])).collect(),
        ));
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(*page) {
            d.set("StructParents", i as i64);
        }
    }
    for ((id, part), k) in elems.iter().zip(parts).zip(kids) {
        doc.objects.insert(
            *id,
            Object::Dictionary(dictionary! {
                "Type" => "StructElem",
                "S" => part.tag,
                "P" => document,
                "K" => k,
            }),
        );
    }
    let mut d = dictionary! {
        "Type" => "StructElem",
        "S" => "Document",
        "P" => root,
        "K" => elems.iter().map(|&e| Object::Reference(e)).collect::<Vec<_>>(),
    };
    if !lang.is_empty() {
        d.set("Lang", Object::string_literal(lang));
    }
    doc.objects.insert(document, Object::Dictionary(d));
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => document,
            "ParentTree" => dictionary! { "Nums" => nums },
            "ParentTreeNextKey" => page_ids.len() as i64,
        }),
    );
    let catalog = doc.catalog_mut()?;
    catalog.set("StructTreeRoot", root);
    catalog.set("MarkInfo", dictionary! { "Marked" => true });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Glyph, Line};

    #[test]
    fn parts_take_their_characters_and_page_numbers_and_repeated_headers_are_artifacts() {
        let g = |ch, role| Glyph {
            ch,
            x_pt: 0.0,
            role,
        };
        let line = |glyphs| Line {
            baseline_pt: 0.0,
            glyphs,
        };
        let (b, c, th, h) = (
            RunRole::Body,
            RunRole::TableCell,
            RunRole::TableHeader,
            RunRole::Heading(1),
        );
        let pn = RunRole::PageNumber;
        let page = |lines| Page {
            number: Some(1),
            lines,
            rules: Vec::new(),
        };
        let pages = [
            page(vec![
                line(vec![g('一', h), g('、', h), g('甲', b), g('乙', b)]),
                line(vec![g('丙', b), g(' ', b)]),
                line(vec![g('表', th), g('头', th)]),
                line(vec![g('1', c), g('2', c)]),
                line(vec![g('—', pn)]),
            ]),
            page(vec![
                line(vec![g('表', th), g('头', th)]),
                line(vec![g('3', c)]),
                line(vec![g('注', c)]),
            ]),
        ];
        let part = |tag, chars, header_chars| Part {
            tag,
            chars,
            header_chars,
        };
        let parts = [
            part("H1", 2, 0),
            part("P", 3, 0),
            part("Table", 5, 2),
            part("P", 1, 0),
        ];
        use Tag::*;
        assert_eq!(
            assign(&pages, &parts),
            [
                vec![
                    vec![Element(0), Element(0), Element(1), Element(1)],
                    vec![Element(1), Element(2)],
                    vec![Element(2), Element(2)],
                    vec![Element(2), Element(2)],
                    vec![Artifact],
                ],
                vec![vec![Artifact, Artifact], vec![Element(2)], vec![Element(3)]],
            ]
        );
    }
}
