//! The tagged structure of the PDF: which structure element each drawn glyph belongs to, and
//! the structure tree (`/StructTreeRoot`, `/ParentTree`, `/MarkInfo`) over the marked content.
//!
//! The document model says what the elements are, in reading order ([`Part`]); the layout says
//! where their glyphs went. The glyphs are taken in drawing order: each part takes as many
//! glyphs as it has characters (whitespace aside), a table takes the table cells' glyphs as
//! drawn, page numbers are artifacts. So the tree's reading order is the txt output's. Tables
//! are one `Table` element over their cells' marked content (no rows or cells yet).

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
    let mut left = parts.first().and_then(|p| p.chars);
    pages
        .iter()
        .map(|page| {
            page.lines
                .iter()
                .map(|line| {
                    line.glyphs
                        .iter()
                        .map(|g| {
                            if g.role == RunRole::PageNumber || part >= parts.len() {
                                return Tag::Artifact;
                            }
                            let is_cell =
                                matches!(g.role, RunRole::TableCell | RunRole::TableHeader);
                            // A table ends at the first glyph that is not a cell's.
                            if parts[part].chars.is_none() && !is_cell && !g.ch.is_whitespace() {
                                part += 1;
                                left = parts.get(part).and_then(|p| p.chars);
                                if part >= parts.len() {
                                    return Tag::Artifact;
                                }
                            }
                            let tag = Tag::Element(part);
                            if g.ch.is_whitespace() {
                                return tag;
                            }
                            if let Some(n) = left.as_mut() {
                                *n = n.saturating_sub(1);
                                if *n == 0 {
                                    part += 1;
                                    left = parts.get(part).and_then(|p| p.chars);
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
    fn parts_take_their_characters_tables_their_cells_page_numbers_are_artifacts() {
        let g = |ch, role| Glyph {
            ch,
            x_pt: 0.0,
            role,
        };
        let line = |glyphs| Line {
            baseline_pt: 0.0,
            glyphs,
        };
        let (b, c, h) = (RunRole::Body, RunRole::TableCell, RunRole::Heading(1));
        let page = Page {
            number: Some(1),
            lines: vec![
                line(vec![g('一', h), g('、', h), g('甲', b), g('乙', b)]),
                line(vec![g('丙', b), g(' ', b)]),
                line(vec![g('1', c), g('2', c)]),
                line(vec![g('注', b)]),
                line(vec![g('—', RunRole::PageNumber)]),
            ],
            rules: Vec::new(),
        };
        let parts = [
            Part {
                tag: "H1",
                chars: Some(2),
            },
            Part {
                tag: "P",
                chars: Some(3),
            },
            Part {
                tag: "Table",
                chars: None,
            },
            Part {
                tag: "P",
                chars: Some(1),
            },
        ];
        use Tag::*;
        assert_eq!(
            assign(&[page], &parts),
            [[
                vec![Element(0), Element(0), Element(1), Element(1)],
                vec![Element(1), Element(2)],
                vec![Element(2), Element(2)],
                vec![Element(3)],
                vec![Artifact],
            ]]
        );
    }
}
