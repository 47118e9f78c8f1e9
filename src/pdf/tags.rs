//! The tagged structure of the PDF: which structure element each drawn glyph belongs to, and
//! the structure tree (`/StructTreeRoot`, `/ParentTree`, `/MarkInfo`) over the marked content.
//!
//! The document model says what the elements are, in reading order ([`Part`]); the layout says
//! where their glyphs went. The glyphs are taken in drawing order: each part takes as many
//! glyphs as it has characters (whitespace aside); page numbers, and table header rows repeated
//! on a later page, are artifacts. A table is a `Table` element of `TR` rows of `TH`/`TD` cells
//! in row order; each drawn line of a table (one cell's line) belongs to the first cell, in row
//! order, whose text continues with it — a merged cell is drawn where its rows meet, not in its
//! first row. So the tree's reading order is the txt output's.

use lopdf::{dictionary, Document, Object, ObjectId};

use crate::layout::Page;
use crate::meta::Part;
use crate::model::RunRole;

/// What a drawn glyph is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Not content: a page number, whitespace between parts.
    Artifact,
    /// The `n`-th [`Leaf`].
    Element(usize),
}

/// A structure element that holds content: a part, or one cell of a table part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// The element's type: the part's (`P`, `H1` …), or `TH`/`TD` for a table cell.
    pub tag: &'static str,
    /// The part (index into the parts) it belongs to.
    pub part: usize,
    /// For a table cell, its row and column.
    pub cell: Option<(usize, usize)>,
    /// How many characters (whitespace aside) it draws.
    pub chars: usize,
    /// For a table cell, its text (whitespace aside).
    pub text: String,
}

/// The content-holding elements of `parts`, in reading order: each part, or for a table each
/// cell that draws something, row by row.
pub fn leaves(parts: &[Part]) -> Vec<Leaf> {
    let mut out = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if p.tag != "Table" {
            out.push(Leaf {
                tag: p.tag,
                part: i,
                cell: None,
                chars: p.chars,
                text: String::new(),
            });
            continue;
        }
        for (r, row) in p.cells.iter().enumerate() {
            for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                out.push(Leaf {
                    tag: if r < p.header_rows { "TH" } else { "TD" },
                    part: i,
                    cell: Some((r, c)),
                    chars: text.chars().count(),
                    text: text.clone(),
                });
            }
        }
    }
    out
}

/// Each glyph's tag, per page and line, for the `leaves` of the parts in reading order.
pub fn assign(pages: &[Page], leaves: &[Leaf]) -> Vec<Vec<Vec<Tag>>> {
    let mut part = 0;
    let mut taken = 0;
    // Characters of each table cell already drawn.
    let mut drawn = vec![0usize; leaves.len()];
    pages
        .iter()
        .map(|page| {
            page.lines
                .iter()
                .map(|line| {
                    let is_table_line = line
                        .glyphs
                        .iter()
                        .any(|g| matches!(g.role, RunRole::TableCell | RunRole::TableHeader));
                    if let Some(cells) = table_at(leaves, part).filter(|_| is_table_line) {
                        let text: Vec<char> = line
                            .glyphs
                            .iter()
                            .map(|g| g.ch)
                            .filter(|c| !c.is_whitespace())
                            .collect();
                        let cell = cells.clone().find(|&i| {
                            let rest = leaves[i].text.chars().skip(drawn[i]);
                            drawn[i] < leaves[i].chars
                                && rest.take(text.len()).eq(text.iter().copied())
                        });
                        // A line no cell continues: a header row drawn again on a later page.
                        let tag = match cell {
                            Some(i) => {
                                drawn[i] += text.len();
                                Tag::Element(i)
                            }
                            None => Tag::Artifact,
                        };
                        if cells.clone().all(|i| drawn[i] >= leaves[i].chars) {
                            part = cells.end;
                            taken = 0;
                        }
                        return line
                            .glyphs
                            .iter()
                            .map(|g| {
                                if g.role == RunRole::PageNumber {
                                    Tag::Artifact
                                } else {
                                    tag
                                }
                            })
                            .collect();
                    }
                    line.glyphs
                        .iter()
                        .map(|g| {
                            let Some(p) = leaves.get(part) else {
                                return Tag::Artifact;
                            };
                            if g.role == RunRole::PageNumber {
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

/// The leaves of the table whose cell `i` is, when it is one.
fn table_at(leaves: &[Leaf], i: usize) -> Option<std::ops::Range<usize>> {
    let leaf = leaves.get(i).filter(|l| l.cell.is_some())?;
    let start = leaves[..i]
        .iter()
        .rposition(|l| l.part != leaf.part)
        .map_or(0, |p| p + 1);
    let end = leaves[i..]
        .iter()
        .position(|l| l.part != leaf.part)
        .map_or(leaves.len(), |p| i + p);
    Some(start..end)
}

/// Adds the structure tree: `marked[page]` lists, by MCID, the leaf (of `leaves`, made from
/// `parts`) each marked-content sequence of that page belongs to.
pub fn structure_tree(
    doc: &mut Document,
    page_ids: &[ObjectId],
    (parts, leaves): (&[Part], &[Leaf]),
    marked: &[Vec<usize>],
    lang: &str,
) -> Result<(), lopdf::Error> {
    let root = doc.new_object_id();
    let document = doc.new_object_id();
    let elems: Vec<ObjectId> = parts.iter().map(|_| doc.new_object_id()).collect();
    let leaf_ids: Vec<ObjectId> = leaves
        .iter()
        .map(|l| match l.cell {
            Some(_) => doc.new_object_id(),
            None => elems[l.part],
        })
        .collect();
    let mut kids: Vec<Vec<Object>> = vec![Vec::new(); leaves.len()];
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
            mcids
                .iter()
                .map(|&e| Object::Reference(leaf_ids[e]))
                .collect(),
        ));
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(*page) {
            d.set("StructParents", i as i64);
        }
    }
    // Table rows: the cells of each row under a TR, the rows under their Table.
    let mut rows: Vec<(usize, usize, ObjectId, Vec<Object>)> = Vec::new();
    for ((leaf, id), k) in leaves.iter().zip(&leaf_ids).zip(kids) {
        let Some((r, _)) = leaf.cell else {
            doc.objects.insert(
                *id,
                Object::Dictionary(dictionary! {
                    "Type" => "StructElem",
                    "S" => leaf.tag,
                    "P" => document,
                    "K" => k,
                }),
            );
            continue;
        };
        let row = match rows.iter().position(|x| x.0 == leaf.part && x.1 == r) {
            Some(i) => i,
            None => {
                rows.push((leaf.part, r, doc.new_object_id(), Vec::new()));
                rows.len() - 1
            }
        };
        rows[row].3.push(Object::Reference(*id));
        doc.objects.insert(
            *id,
            Object::Dictionary(dictionary! {
                "Type" => "StructElem",
                "S" => leaf.tag,
                "P" => rows[row].2,
                "K" => k,
            }),
        );
    }
    let mut table_kids: Vec<Vec<Object>> = vec![Vec::new(); parts.len()];
    for (part, _, id, cells) in rows {
        table_kids[part].push(Object::Reference(id));
        doc.objects.insert(
            id,
            Object::Dictionary(dictionary! {
                "Type" => "StructElem",
                "S" => "TR",
                "P" => elems[part],
                "K" => cells,
            }),
        );
    }
    for ((id, part), k) in elems.iter().zip(parts).zip(table_kids) {
        if part.tag == "Table" {
            doc.objects.insert(
                *id,
                Object::Dictionary(dictionary! {
                    "Type" => "StructElem",
                    "S" => "Table",
                    "P" => document,
                    "K" => k,
                }),
            );
        }
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
            block: None,
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
            landscape: false,
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
        let part = |tag, chars| Part {
            tag,
            chars,
            cells: Vec::new(),
            header_rows: 0,
        };
        let table = Part {
            tag: "Table",
            chars: 5,
            cells: vec![vec!["表头".into()], vec!["12".into()], vec!["3".into()]],
            header_rows: 1,
        };
        let parts = [part("H1", 2), part("P", 3), table, part("P", 1)];
        let leaves = leaves(&parts);
        assert_eq!(
            leaves.iter().map(|l| (l.tag, l.cell)).collect::<Vec<_>>(),
            [
                ("H1", None),
                ("P", None),
                ("TH", Some((0, 0))),
                ("TD", Some((1, 0))),
                ("TD", Some((2, 0))),
                ("P", None)
            ]
        );
        use Tag::*;
        assert_eq!(
            assign(&pages, &leaves),
            [
                vec![
                    vec![Element(0), Element(0), Element(1), Element(1)],
                    vec![Element(1), Element(2)],
                    vec![Element(2), Element(2)],
                    vec![Element(3), Element(3)],
                    vec![Artifact],
                ],
                vec![vec![Artifact, Artifact], vec![Element(4)], vec![Element(5)]],
            ]
        );
    }
}
