//! The tagged structure of the PDF: which structure element each drawn glyph belongs to, and
//! the structure tree (`/StructTreeRoot`, `/ParentTree`, `/MarkInfo`) over the marked content.
//!
//! The document model says what the elements are, in reading order ([`Part`]); the layout says
//! where their glyphs went. The glyphs are taken in drawing order: the lines laid out for a
//! block ([`crate::layout::Line::block`]) go to that block's parts, each part taking as many
//! glyphs as it has characters (whitespace aside); page numbers are artifacts. A table is a
//! `Table` element of `TR` rows of `TH`/`TD` cells in row order; each line drawn inside a table
//! belongs to the cell the layout drew it for ([`crate::layout::Line::cell`]: its block, row and
//! column — a merged cell's origin, wherever its lines are drawn), and a header row drawn again
//! on a later page is an artifact. No text is compared, so cells of equal text, or a cell
//! repeating a line before the table, land where they were drawn. So the tree's reading order
//! is the txt output's.

use std::collections::BTreeMap;

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
    /// The block of the document model the part comes from ([`Part::block`]).
    pub block: usize,
    /// For a table cell, its row and column.
    pub cell: Option<(usize, usize)>,
    /// How many characters (whitespace aside) it draws.
    pub chars: usize,
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
                block: p.block,
                cell: None,
                chars: p.chars,
            });
            continue;
        }
        for (r, row) in p.cells.iter().enumerate() {
            for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                out.push(Leaf {
                    tag: if r < p.header_rows { "TH" } else { "TD" },
                    part: i,
                    block: p.block,
                    cell: Some((r, c)),
                    chars: text.chars().count(),
                });
            }
        }
    }
    out
}

/// Each glyph's tag, per page and line, for the `leaves` of the parts in reading order.
pub fn assign(pages: &[Page], leaves: &[Leaf]) -> Vec<Vec<Vec<Tag>>> {
    // The leaf of each table cell, by block, row and column; the first leaf of each block;
    // and where the leaves of each table part end.
    let mut cells = BTreeMap::new();
    let mut first = BTreeMap::new();
    for (i, l) in leaves.iter().enumerate() {
        if let Some((r, c)) = l.cell {
            cells.insert((l.block, r, c), i);
        }
        first.entry(l.block).or_insert(i);
    }
    // Each leaf's part's end (the index after its last leaf), found once from the back: a long
    // table would otherwise be scanned again for each of its cells.
    let mut part_end = vec![leaves.len(); leaves.len()];
    for i in (0..leaves.len().saturating_sub(1)).rev() {
        if leaves[i + 1].part == leaves[i].part {
            part_end[i] = part_end[i + 1];
        } else {
            part_end[i] = i + 1;
        }
    }
    let table_end = |i: usize| part_end.get(i).copied().unwrap_or(leaves.len());
    let mut part = 0;
    let mut taken = 0;
    pages
        .iter()
        .map(|page| {
            page.lines
                .iter()
                .map(|line| {
                    if let Some(cell) = line.cell {
                        let leaf = line
                            .block
                            .and_then(|b| cells.get(&(b, cell.row, cell.col)).copied());
                        let tag = match leaf {
                            Some(i) if !cell.repeated => {
                                // What follows the table takes its glyphs after its cells.
                                part = table_end(i);
                                taken = 0;
                                Tag::Element(i)
                            }
                            // A header row drawn again on a later page.
                            _ => Tag::Artifact,
                        };
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
                    // A line of another block than the part being taken starts that block's
                    // first part: a part drawing more or fewer characters than counted does
                    // not shift the parts of the blocks after it.
                    let block = line.block.and_then(|b| first.get(&b).map(|&i| (b, i)));
                    if let Some((b, i)) = block {
                        if leaves.get(part).is_none_or(|l| l.block != b) {
                            part = i;
                            taken = 0;
                        }
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
    use crate::layout::{Glyph, Line, TableCell};

    fn g(ch: char, role: RunRole) -> Glyph {
        Glyph {
            ch,
            x_pt: 0.0,
            role,
        }
    }

    /// A line of `text` in `role`, laid out for `block` (and, for a table line, `cell`).
    fn line(text: &str, role: RunRole, block: Option<usize>, cell: Option<TableCell>) -> Line {
        Line {
            baseline_pt: 0.0,
            glyphs: text.chars().map(|ch| g(ch, role)).collect(),
            block,
            cell,
        }
    }

    fn cell(row: usize, col: usize, repeated: bool) -> Option<TableCell> {
        Some(TableCell { row, col, repeated })
    }

    fn page(lines: Vec<Line>) -> Page {
        Page {
            number: Some(1),
            lines,
            rules: Vec::new(),
            landscape: false,
        }
    }

    fn part(tag: &'static str, block: usize, chars: usize) -> Part {
        Part {
            tag,
            block,
            chars,
            cells: Vec::new(),
            header_rows: 0,
        }
    }

    #[test]
    fn parts_take_their_characters_and_page_numbers_and_repeated_headers_are_artifacts() {
        let (b, c, th, h) = (
            RunRole::Body,
            RunRole::TableCell,
            RunRole::TableHeader,
            RunRole::Heading(1),
        );
        let pn = RunRole::PageNumber;
        let heading = Line {
            glyphs: vec![g('一', h), g('、', h), g('甲', b), g('乙', b)],
            ..line("", b, Some(0), None)
        };
        let pages = [
            page(vec![
                heading,
                line("丙 ", b, Some(0), None),
                line("表头", th, Some(1), cell(0, 0, false)),
                line("12", c, Some(1), cell(1, 0, false)),
                line("—", pn, None, None),
            ]),
            page(vec![
                line("表头", th, Some(1), cell(0, 0, true)),
                line("3", c, Some(1), cell(2, 0, false)),
                line("注", b, Some(2), None),
            ]),
        ];
        let table = Part {
            cells: vec![vec!["表头".into()], vec!["12".into()], vec!["3".into()]],
            header_rows: 1,
            ..part("Table", 1, 5)
        };
        let parts = [part("H1", 0, 2), part("P", 0, 3), table, part("P", 2, 1)];
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

    /// Lines go to the cell they were drawn for, whatever their text: a paragraph line equal
    /// to a cell, two cells of one text, a header repeated on the next page whose text a body
    /// cell there also holds, a merged cell's line drawn in a row below its own.
    #[test]
    fn table_lines_go_to_their_cell_not_to_a_cell_of_the_same_text() {
        let (b, c, th) = (RunRole::Body, RunRole::TableCell, RunRole::TableHeader);
        let pages = [
            page(vec![
                line("合计", b, Some(0), None),
                line("合计", th, Some(1), cell(0, 0, false)),
                line("合计", th, Some(1), cell(0, 1, false)),
                // Drawn right to left: the cell decides, not the order.
                line("1", c, Some(1), cell(1, 1, false)),
                line("合计", c, Some(1), cell(1, 0, false)),
            ]),
            page(vec![
                line("合计", th, Some(1), cell(0, 0, true)),
                line("合计", th, Some(1), cell(0, 1, true)),
                // The merged cell of rows 2–3, column 0, drawn in row 3.
                line("合计", c, Some(1), cell(2, 0, false)),
                line("2", c, Some(1), cell(2, 1, false)),
                line("合计", c, Some(1), cell(3, 1, false)),
            ]),
        ];
        let table = Part {
            cells: vec![
                vec!["合计".into(), "合计".into()],
                vec!["合计".into(), "1".into()],
                vec!["合计".into(), "2".into()],
                vec![String::new(), "合计".into()],
            ],
            header_rows: 1,
            ..part("Table", 1, 13)
        };
        let leaves = leaves(&[part("P", 0, 2), table]);
        let cell_of = |t: &Tag| match t {
            Tag::Element(i) => leaves[*i].cell,
            Tag::Artifact => None,
        };
        let got: Vec<Vec<Option<(usize, usize)>>> = assign(&pages, &leaves)
            .iter()
            .map(|p| p.iter().map(|l| cell_of(&l[0])).collect())
            .collect();
        assert_eq!(
            got,
            [
                vec![None, Some((0, 0)), Some((0, 1)), Some((1, 1)), Some((1, 0))],
                vec![None, None, Some((2, 0)), Some((2, 1)), Some((3, 1))],
            ]
        );
        // The paragraph's line is the paragraph's, the repeated header lines artifacts.
        let tags = assign(&pages, &leaves);
        assert_eq!(tags[0][0], [Tag::Element(0), Tag::Element(0)]);
        assert_eq!(tags[1][0], [Tag::Artifact, Tag::Artifact]);
    }

    #[test]
    fn a_block_drawing_more_than_counted_does_not_shift_the_next_blocks() {
        let b = RunRole::Body;
        let pages = [page(vec![
            line("甲乙", b, Some(0), None),
            line("戊", b, Some(0), None),
            line("丙丁", b, Some(1), None),
        ])];
        let leaves = leaves(&[part("P", 0, 1), part("P", 1, 2)]);
        use Tag::*;
        assert_eq!(
            assign(&pages, &leaves),
            [vec![
                vec![Element(0), Element(1)],
                vec![Element(0)],
                vec![Element(1), Element(1)]
            ]]
        );
    }
}
