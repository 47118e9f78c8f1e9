//! Redline DOCX: the new report with Word tracked changes (`w:del`/`w:ins`) for what changed.
//!
//! Works on the document model, not on the text of the XML. The DOCX writer records, for every
//! element of `w:body`, the model block it wrote it for ([`crate::docx::Written::blocks`]); the
//! redline aligns the two reports' blocks, and only the blocks that differ in the model are
//! looked at in the DOCX: their paragraphs (and table rows) are taken from the parsed
//! `word/document.xml` at the positions the writer recorded and aligned with each other. A
//! changed paragraph gets only its changed sentences wrapped — the old sentence as deleted
//! text, the new one as inserted text, each in the formatting of the run it sits in; a changed
//! table row gets its changed cells tracked. Paragraphs and rows added or removed as a whole
//! become inserted or deleted ones (removed ones copied from the old report's document, at the
//! place they had). Unchanged blocks keep their bytes. Every change carries the author
//! [`AUTHOR`] and one fixed date, so the redline is reproducible and reviewers can accept or
//! reject changes in Word or WPS.

use crate::diag::Code;

use super::{align, sentences, Op};
use crate::diag::texts::output as texts;
use crate::diag::{Arg, Diagnostic, Diagnostics};
use crate::docx::tree;

/// The redline's trees own their text (a package's parts are read, parsed and dropped here).
type El = tree::El<'static>;
/// A child of an [`El`].
type Node = tree::Node<'static>;
use crate::docx::Written;
use crate::model::Document;

/// The author of every tracked change.
pub const AUTHOR: &str = "huibao";

/// A redline document and what could not be marked.
#[derive(Debug)]
pub struct Redline {
    /// The .docx bytes.
    pub bytes: Vec<u8>,
    /// Number of `w:del` and `w:ins` marks written.
    pub marks: usize,
    /// Texts of changed paragraphs holding something other than text runs (left unmarked).
    pub unlocated: Vec<String>,
}

/// One version of the report: its model and its DOCX as the writer wrote it from that model.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    /// The document model.
    pub doc: &'a Document,
    /// The DOCX of `doc`, with the block of every body element.
    pub docx: &'a Written,
}

/// Writes the redline: the DOCX of `new` with what changed since `old` tracked, dated `date`
/// (ISO 8601, e.g. `2012-10-10T00:00:00Z`).
pub fn redline(old: Version<'_>, new: Version<'_>, date: &str) -> Result<Redline, Diagnostics> {
    let new_parts = &new.docx.parts;
    let old_xml = document(&old.docx.parts)?;
    let mut new_xml = document(new_parts)?;
    let mut marker = Marker {
        next_id: 1,
        date: date.to_string(),
        marks: 0,
    };
    let unlocated = {
        let old_body = Body::of(&old_xml.root, &old.docx.blocks)?;
        let new_body = Body::of(&new_xml.root, &new.docx.blocks)?;
        let mut plan = Plan::default();
        compare(old, new, &old_body, &new_body, &mut plan, &mut marker);
        let unlocated = std::mem::take(&mut plan.unlocated);
        let body = new_xml
            .root
            .child_mut("w:body")
            .ok_or_else(|| broken(texts::part_lacks(DOCUMENT, "w:body")))?;
        plan.apply(body);
        unlocated
    };
    let xml = new_xml.to_xml();
    let bytes = crate::docx::package::zip(new_parts.iter().map(|(name, text)| {
        let body = if name == DOCUMENT { &xml } else { text };
        (name.as_str(), body.as_str())
    }))
    .map_err(broken)?;
    Ok(Redline {
        bytes,
        marks: marker.marks,
        unlocated,
    })
}

const DOCUMENT: &str = "word/document.xml";

fn broken(what: impl Arg) -> Diagnostic {
    Diagnostic::error(Code::Redline, texts::redline_failed(what))
}

/// The parts (path, text) of the package `docx`, in its order.
#[cfg(test)]
fn read_parts(docx: &[u8]) -> Result<Vec<(String, String)>, Diagnostics> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).map_err(broken)?;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).map_err(broken)?;
        let name = f.name().map_err(broken)?.into_owned();
        let mut text = String::new();
        f.read_to_string(&mut text).map_err(broken)?;
        out.push((name, text));
    }
    Ok(out)
}

/// The parsed `word/document.xml` of a package's parts.
fn document(parts: &[(String, String)]) -> Result<tree::Part<'static>, Diagnostics> {
    let xml = parts
        .iter()
        .find(|(n, _)| n == DOCUMENT)
        .map(|(_, x)| x)
        .ok_or_else(|| broken(texts::part_missing(DOCUMENT)))?;
    tree::parse(xml)
        .map(tree::Part::into_owned)
        .map_err(|e| broken(format!("{DOCUMENT}: {e}")).into())
}

/// The elements of `w:body` (section properties excluded) with the block each was written for.
struct Body<'a> {
    elements: Vec<&'a El>,
    blocks: &'a [Option<usize>],
}

impl<'a> Body<'a> {
    fn of(root: &'a El, blocks: &'a [Option<usize>]) -> Result<Body<'a>, Diagnostics> {
        let body = root
            .elements()
            .find(|e| e.name == "w:body")
            .ok_or_else(|| broken(texts::part_lacks(DOCUMENT, "w:body")))?;
        let elements: Vec<&El> = body.elements().filter(|e| e.name != "w:sectPr").collect();
        if elements.len() != blocks.len() {
            return Err(broken(texts::part_mismatch(DOCUMENT)).into());
        }
        Ok(Body { elements, blocks })
    }

    /// The body positions written for blocks `from..to`, in order.
    fn positions(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.blocks.len())
            .filter(move |&k| self.blocks[k].is_some_and(|b| (from..to).contains(&b)))
    }

    /// The body position where what comes before block `b` goes: the first element of block
    /// `b` or a later one, else the end of the body.
    fn anchor(&self, b: usize) -> usize {
        self.blocks
            .iter()
            .position(|o| o.is_none_or(|x| x >= b))
            .unwrap_or(self.blocks.len())
    }

    /// The paragraphs and table rows of blocks `from..to`.
    fn units(&self, from: usize, to: usize) -> Vec<Unit<'a>> {
        let mut out = Vec::new();
        for k in self.positions(from, to) {
            let el = self.elements[k];
            match el.name.as_ref() {
                "w:p" => out.push(Unit::para(vec![k], el)),
                "w:tbl" => {
                    for (r, row) in el.elements().enumerate() {
                        if row.name == "w:tr" {
                            out.push(Unit::row(k, r, row));
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// A paragraph (element path from `w:body`) or a table row (body position, element index).
#[derive(Debug, Clone, PartialEq)]
enum Place {
    Para(Vec<usize>),
    Row(usize, usize),
}

/// What the alignment compares: a paragraph with its text, or a row with its cells' texts.
struct Unit<'a> {
    place: Place,
    el: &'a El,
    /// `p` + the text, or `r` + the cells' texts joined with tabs (line breaks dropped: the
    /// writer breaks cell text to the column width).
    key: String,
}

impl<'a> Unit<'a> {
    fn para(path: Vec<usize>, el: &'a El) -> Unit<'a> {
        Unit {
            place: Place::Para(path),
            el,
            key: para_key(el),
        }
    }

    fn row(k: usize, r: usize, el: &'a El) -> Unit<'a> {
        let cells: Option<Vec<String>> = cells(el)
            .iter()
            .map(|c| cell_text(el, c).map(|t| t.replace('\n', "")))
            .collect();
        let key = match cells {
            Some(c) => format!("r{}", c.join("\t")),
            None => format!("x{}", el.to_xml()),
        };
        Unit {
            place: Place::Row(k, r),
            el,
            key,
        }
    }

    fn is_row(&self) -> bool {
        matches!(self.place, Place::Row(..))
    }
}

/// A text run of a paragraph: its properties and its text (tabs and breaks as `\t`, `\n`).
#[derive(Clone)]
struct Run {
    rpr: Option<El>,
    text: String,
}

/// The runs of paragraph `p`, or `None` when it holds anything but text runs.
fn runs(p: &El) -> Option<Vec<Run>> {
    let mut out = Vec::new();
    for e in p.elements() {
        match e.name.as_ref() {
            "w:pPr" => {}
            "w:r" => {
                let mut run = Run {
                    rpr: None,
                    text: String::new(),
                };
                for c in e.elements() {
                    match c.name.as_ref() {
                        "w:rPr" => run.rpr = Some(c.clone()),
                        "w:t" => {
                            for n in &c.children {
                                match n {
                                    Node::Text(t) => run.text.push_str(&tree::unescape(t)),
                                    Node::El(_) => return None,
                                }
                            }
                        }
                        "w:tab" => run.text.push('\t'),
                        "w:br" if c.attrs.is_empty() => run.text.push('\n'),
                        _ => return None,
                    }
                }
                out.push(run);
            }
            _ => return None,
        }
    }
    Some(out)
}

fn text_of(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// The cells of row `tr`: for each `w:tc`, its element index and the indices of its
/// paragraphs.
fn cells(tr: &El) -> Vec<(usize, Vec<usize>)> {
    tr.elements()
        .enumerate()
        .filter(|(_, e)| e.name == "w:tc")
        .map(|(c, tc)| {
            let paras = tc
                .elements()
                .enumerate()
                .filter(|(_, e)| e.name == "w:p")
                .map(|(i, _)| i)
                .collect();
            (c, paras)
        })
        .collect()
}

/// The text of a cell, `None` when a paragraph of it holds more than text runs.
fn cell_text(tr: &El, (c, paras): &(usize, Vec<usize>)) -> Option<String> {
    let Some(tc) = tr.elements().nth(*c) else {
        return Some(String::new());
    };
    paras
        .iter()
        .filter_map(|&i| tc.elements().nth(i))
        .map(|p| runs(p).map(|r| text_of(&r)))
        .collect()
}

/// The text of `el` as a reader sees it (for a message).
fn shown(el: &El) -> String {
    if el.name == "w:t" {
        return el
            .children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(tree::unescape(t)),
                Node::El(_) => None,
            })
            .collect();
    }
    el.elements().map(shown).collect()
}

/// What a paragraph is compared by: `p` + its text, or, when it holds more than text runs,
/// `x` + its XML.
fn para_key(p: &El) -> String {
    match runs(p) {
        Some(r) => format!("p{}", text_of(&r)),
        None => format!("x{}", p.to_xml()),
    }
}

/// Issues ids and makes the change marks.
struct Marker {
    next_id: usize,
    date: String,
    marks: usize,
}

impl Marker {
    /// A `w:ins` or `w:del` element (`kind`) with the next id, the author and the date.
    fn mark(&mut self, kind: &str) -> El {
        let id = self.next_id.to_string();
        self.next_id += 1;
        self.marks += 1;
        El::new(
            kind,
            &[("w:id", &id), ("w:author", AUTHOR), ("w:date", &self.date)],
        )
    }

    /// `mark(kind)` holding `children`.
    fn wrap(&mut self, kind: &str, children: Vec<El>) -> El {
        let mut m = self.mark(kind);
        m.children = children.into_iter().map(Node::El).collect();
        m
    }
}

/// What the comparison decided, applied to the new document at the end (so that positions
/// stay those the writer recorded while it is worked out).
#[derive(Default)]
struct Plan {
    /// Paragraphs of the new document replaced by their marked version.
    replace: Vec<(Vec<usize>, El)>,
    /// Rows of the new document replaced by their marked version: body position, index.
    replace_rows: Vec<(usize, usize, El)>,
    /// Elements inserted before the body element at a position (the end: before `w:sectPr`).
    before: Vec<(usize, El)>,
    /// Rows inserted into the table at a body position, before the element at an index.
    rows_before: Vec<(usize, usize, El)>,
    unlocated: Vec<String>,
}

impl Plan {
    fn apply(self, body: &mut El) {
        for (path, el) in self.replace {
            if let Some(slot) = at_path(body, &path) {
                *slot = el;
            }
        }
        for (k, r, el) in self.replace_rows {
            if let Some(slot) = at_path(body, &[k, r]) {
                *slot = el;
            }
        }
        // Insertions from the back, so that earlier positions stay valid; at one place in
        // the order they were planned.
        let mut rows = self.rows_before;
        rows.sort_by_key(|(k, r, _)| std::cmp::Reverse((*k, *r)));
        for ((k, r), el) in group(rows.into_iter().map(|(k, r, e)| ((k, r), e))) {
            if let Some(table) = at_path(body, &[k]) {
                insert_before(table, r, el);
            }
        }
        let mut before = self.before;
        before.sort_by_key(|(k, _)| std::cmp::Reverse(*k));
        for (k, els) in group(before) {
            let at = body
                .elements()
                .enumerate()
                .find(|(i, e)| *i >= k || e.name == "w:sectPr")
                .map_or(usize::MAX, |(i, _)| i);
            insert_before(body, at, els);
        }
    }
}

/// Consecutive entries with the same key as one entry, elements in their original order
/// (the input is sorted by key, stably).
fn group<K: PartialEq + Copy>(items: impl IntoIterator<Item = (K, El)>) -> Vec<(K, Vec<El>)> {
    let mut out: Vec<(K, Vec<El>)> = Vec::new();
    for (k, e) in items {
        match out.last_mut() {
            Some((last, els)) if *last == k => els.push(e),
            _ => out.push((k, vec![e])),
        }
    }
    out
}

/// The element at `path` (element indices, one per level) under `root`.
fn at_path<'e>(root: &'e mut El, path: &[usize]) -> Option<&'e mut El> {
    let mut cur = root;
    for &i in path {
        cur = cur.elements_mut().nth(i)?;
    }
    Some(cur)
}

/// Inserts `els` into `parent` before its `k`-th child element (at the end when there is none).
fn insert_before(parent: &mut El, k: usize, els: Vec<El>) {
    let mut seen = 0;
    let at = parent
        .children
        .iter()
        .position(|n| {
            let hit = matches!(n, Node::El(_)) && seen == k;
            if matches!(n, Node::El(_)) {
                seen += 1;
            }
            hit
        })
        .unwrap_or(parent.children.len());
    parent
        .children
        .splice(at..at, els.into_iter().map(Node::El));
}

/// Aligns the blocks of the two models; each stretch of blocks that differ is compared in the
/// DOCX, paragraph by paragraph and row by row.
fn compare(
    old: Version<'_>,
    new: Version<'_>,
    old_body: &Body<'_>,
    new_body: &Body<'_>,
    plan: &mut Plan,
    m: &mut Marker,
) {
    let a: Vec<&crate::model::Block> = old.doc.blocks.iter().collect();
    let b: Vec<&crate::model::Block> = new.doc.blocks.iter().collect();
    let ops = align(&a, &b);
    let (mut i, mut j) = (0, 0);
    let mut k = 0;
    while k < ops.len() {
        if matches!(ops[k], Op::Same(_)) {
            i += 1;
            j += 1;
            k += 1;
            continue;
        }
        let (i0, j0) = (i, j);
        while let Some(op) = ops.get(k).filter(|o| !matches!(o, Op::Same(_))) {
            match op {
                Op::Del(_) => i += 1,
                _ => j += 1,
            }
            k += 1;
        }
        let old_units = old_body.units(i0, i);
        let new_units = new_body.units(j0, j);
        stretch(&old_units, &new_units, new_body.anchor(j), plan, m);
    }
}

/// Marks the differences between the paragraphs and rows `old` of changed blocks and `new`,
/// those of the blocks that replace them; deletions after the last new unit go before body
/// position `end`.
fn stretch(old: &[Unit<'_>], new: &[Unit<'_>], end: usize, plan: &mut Plan, m: &mut Marker) {
    let keys = |u: &[Unit<'_>]| u.iter().map(|x| x.key.clone()).collect::<Vec<_>>();
    let ops = align(&keys(old), &keys(new));
    let (mut i, mut j) = (0, 0);
    let mut pending: Vec<&Unit<'_>> = Vec::new();
    let mut last: Option<&Place> = None;
    let mut k = 0;
    while k < ops.len() {
        // A stretch of deletions then insertions: pairs of the same kind are changes.
        let dels = ops[k..]
            .iter()
            .take_while(|o| matches!(o, Op::Del(_)))
            .count();
        let inss = ops[k + dels..]
            .iter()
            .take_while(|o| matches!(o, Op::Ins(_)))
            .count();
        if dels + inss == 0 {
            flush(&mut pending, Some(&new[j].place), last, end, plan, m);
            last = Some(&new[j].place);
            i += 1;
            j += 1;
            k += 1;
            continue;
        }
        for n in 0..dels.max(inss) {
            let (o, u) = (
                (n < dels).then(|| &old[i + n]),
                (n < inss).then(|| &new[j + n]),
            );
            match (o, u) {
                (Some(o), Some(u)) if o.is_row() == u.is_row() => {
                    flush(&mut pending, Some(&u.place), last, end, plan, m);
                    changed(o, u, plan, m);
                    last = Some(&u.place);
                }
                (o, u) => {
                    pending.extend(o);
                    if let Some(u) = u {
                        flush(&mut pending, Some(&u.place), last, end, plan, m);
                        inserted(u, plan, m);
                        last = Some(&u.place);
                    }
                }
            }
        }
        i += dels;
        j += inss;
        k += dels + inss;
    }
    flush(&mut pending, None, last, end, plan, m);
}

/// Writes the deleted units `pending` before `next` (the next unit of the new document), after
/// `last` (the one before it) for rows that can join its table, or before body position `end`.
fn flush(
    pending: &mut Vec<&Unit<'_>>,
    next: Option<&Place>,
    last: Option<&Place>,
    end: usize,
    plan: &mut Plan,
    m: &mut Marker,
) {
    let body_at = match next {
        Some(Place::Para(p)) => p.first().copied().unwrap_or(end),
        Some(Place::Row(k, _)) => *k,
        None => end,
    };
    // Rows join the table of the next row, else of the last one, else a copy of their own.
    let host = match (next, last) {
        (Some(Place::Row(k, r)), _) => Some((*k, *r)),
        (_, Some(Place::Row(k, r))) => Some((*k, r + 1)),
        _ => None,
    };
    let mut table: Option<El> = None;
    for u in pending.drain(..) {
        match &u.place {
            Place::Para(_) => {
                if let Some(t) = table.take() {
                    plan.before.push((body_at, t));
                }
                plan.before.push((body_at, deleted_para(u.el, m)));
            }
            Place::Row(..) => {
                let row = deleted_row(u.el, m);
                match host {
                    Some((k, r)) => plan.rows_before.push((k, r, row)),
                    None => table
                        .get_or_insert_with(|| El::new("w:tbl", &[]))
                        .children
                        .push(Node::El(row)),
                }
            }
        }
    }
    if let Some(t) = table {
        plan.before.push((body_at, t));
    }
}

/// A changed paragraph (its sentences) or row (its cells).
fn changed(old: &Unit<'_>, new: &Unit<'_>, plan: &mut Plan, m: &mut Marker) {
    match &new.place {
        Place::Para(path) => {
            let (Some(o), Some(n)) = (runs(old.el), runs(new.el)) else {
                plan.unlocated.push(shown(new.el));
                return;
            };
            plan.replace
                .push((path.clone(), changed_para(new.el, &text_of(&o), &n, m)));
        }
        Place::Row(k, r) => {
            let (old_cells, new_cells) = (cells(old.el), cells(new.el));
            let mut row = new.el.clone();
            for (n, cell) in new_cells.iter().enumerate() {
                let was = old_cells
                    .get(n)
                    .map_or(Some(String::new()), |c| cell_text(old.el, c));
                let (Some(was), Some(now)) = (was, cell_text(new.el, cell)) else {
                    plan.unlocated.push(shown(new.el));
                    continue;
                };
                if was.replace('\n', "") != now.replace('\n', "") {
                    mark_cell(&mut row, cell, &was, m);
                }
            }
            plan.replace_rows.push((*k, *r, row));
        }
    }
}

/// A unit of the new document that is new as a whole.
fn inserted(new: &Unit<'_>, plan: &mut Plan, m: &mut Marker) {
    match &new.place {
        Place::Para(path) => {
            let mut p = new.el.clone();
            mark_paragraph(&mut p, "w:ins", m);
            wrap_runs(&mut p, "w:ins", m);
            plan.replace.push((path.clone(), p));
        }
        Place::Row(k, r) => {
            let mut row = new.el.clone();
            mark_row(&mut row, "w:ins", m);
            for cell in cells(new.el) {
                if cell_text(new.el, &cell).is_none_or(|t| !t.is_empty()) {
                    mark_cell(&mut row, &cell, "", m);
                }
            }
            plan.replace_rows.push((*k, *r, row));
        }
    }
}

/// The runs of `p` moved into one `kind` mark (`w:ins`, or `w:del` with their `w:t` turned
/// into `w:delText`) at the end of the paragraph; nothing when it has no runs.
fn wrap_runs(p: &mut El, kind: &str, m: &mut Marker) {
    let mut runs = p.take(|e| e.name == "w:r");
    if runs.is_empty() {
        return;
    }
    if kind == "w:del" {
        for r in &mut runs {
            r.walk_mut(&mut |e| {
                if e.name == "w:t" {
                    e.name = "w:delText".into();
                }
            });
        }
    }
    let mark = m.wrap(kind, runs);
    p.children.push(Node::El(mark));
}

/// `p` with its runs replaced by `runs` (its properties kept).
fn set_runs(p: &mut El, runs: Vec<El>) {
    p.children
        .retain(|n| matches!(n, Node::El(e) if e.name == "w:pPr"));
    p.children.extend(runs.into_iter().map(Node::El));
}

/// Run `r`'s properties with `text` as content (`tag` `w:t` or `w:delText`; tabs and breaks
/// as `w:tab` and `w:br`).
fn run_el(r: &Run, text: &str, tag: &str) -> El {
    let mut el = El::new("w:r", &[]);
    if let Some(rpr) = &r.rpr {
        el.children.push(Node::El(rpr.clone()));
    }
    for (i, piece) in text.split('\n').enumerate() {
        if i > 0 {
            el.children.push(Node::El(El::new("w:br", &[])));
        }
        for (j, part) in piece.split('\t').enumerate() {
            if j > 0 {
                el.children.push(Node::El(El::new("w:tab", &[])));
            }
            if !part.is_empty() {
                let mut t = El::new(tag, &[("xml:space", "preserve")]);
                t.children
                    .push(Node::Text(crate::docx::xml::escape(part).into()));
                el.children.push(Node::El(t));
            }
        }
    }
    el
}

/// The paragraph mark of `p` tracked as inserted or deleted (`kind`).
fn mark_paragraph(p: &mut El, kind: &str, m: &mut Marker) {
    if p.child_mut("w:pPr").is_none() {
        p.children.insert(0, Node::El(El::new("w:pPr", &[])));
    }
    let mark = m.mark(kind);
    if let Some(ppr) = p.child_mut("w:pPr") {
        let mut rpr = El::new("w:rPr", &[]);
        rpr.children.push(Node::El(mark));
        ppr.children.push(Node::El(rpr));
    }
}

/// Row `tr` tracked as inserted or deleted (`kind`) in its row properties.
fn mark_row(tr: &mut El, kind: &str, m: &mut Marker) {
    if tr.child_mut("w:trPr").is_none() {
        let at = usize::from(tr.elements().next().is_some_and(|e| e.name == "w:tblPrEx"));
        tr.children.insert(at, Node::El(El::new("w:trPr", &[])));
    }
    let mark = m.mark(kind);
    if let Some(trpr) = tr.child_mut("w:trPr") {
        trpr.children.push(Node::El(mark));
    }
}

/// The new text of paragraph `p` (runs `runs`) with the sentences changed since `old` tracked;
/// new text split at `p`'s run boundaries, each piece in its run's format.
fn changed_para(p: &El, old: &str, runs: &[Run], m: &mut Marker) -> El {
    let new = text_of(runs);
    let ops = align(&sentences(old), &sentences(&new));
    let owner: Vec<usize> = runs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| std::iter::repeat_n(i, r.text.chars().count()))
        .collect();
    let empty = Run {
        rpr: None,
        text: String::new(),
    };
    let run_at = |at: usize| {
        owner
            .get(at)
            .or(owner.last())
            .and_then(|&r| runs.get(r))
            .unwrap_or(&empty)
    };
    // The text `s` starting at char `at`, as runs split where the paragraph's runs change.
    let spans = |at: usize, s: &str| {
        let mut out = Vec::new();
        let mut cur: Option<usize> = None;
        let mut buf = String::new();
        for (i, c) in s.chars().enumerate() {
            let r = owner
                .get(at + i)
                .copied()
                .unwrap_or(runs.len().saturating_sub(1));
            if let Some(x) = cur.filter(|&x| x != r) {
                out.push(run_el(
                    runs.get(x).unwrap_or(&empty),
                    &std::mem::take(&mut buf),
                    "w:t",
                ));
            }
            cur = Some(r);
            buf.push(c);
        }
        if let Some(x) = cur {
            out.push(run_el(runs.get(x).unwrap_or(&empty), &buf, "w:t"));
        }
        out
    };
    let mut body = Vec::new();
    let mut at = 0;
    for op in &ops {
        match op {
            Op::Same(s) => {
                body.extend(spans(at, s));
                at += s.chars().count();
            }
            Op::Ins(s) => {
                body.push(m.wrap("w:ins", spans(at, s)));
                at += s.chars().count();
            }
            Op::Del(s) => {
                let r = run_at(at);
                body.push(m.wrap("w:del", vec![run_el(r, s, "w:delText")]));
            }
        }
    }
    let mut out = p.clone();
    set_runs(&mut out, body);
    out
}

/// Cell `cell` of row `row` with its old text `old` tracked as deleted (when not empty, in
/// its first paragraph, in the format of its first run) and its new text as inserted.
fn mark_cell(row: &mut El, (c, paras): &(usize, Vec<usize>), old: &str, m: &mut Marker) {
    let Some(tc) = row.elements_mut().nth(*c) else {
        return;
    };
    for (n, &i) in paras.iter().enumerate() {
        let Some(p) = tc.elements_mut().nth(i) else {
            return;
        };
        if n == 0 && !old.is_empty() {
            let rpr = p
                .elements()
                .find(|e| e.name == "w:r")
                .and_then(|r| r.elements().find(|e| e.name == "w:rPr"))
                .cloned();
            let first = Run {
                rpr,
                text: String::new(),
            };
            let del = m.wrap("w:del", vec![run_el(&first, old, "w:delText")]);
            p.children.push(Node::El(del));
        }
        wrap_runs(p, "w:ins", m);
    }
}

/// A copy of paragraph `p` of the old document, tracked as deleted as a whole.
fn deleted_para(p: &El, m: &mut Marker) -> El {
    let mut out = p.clone();
    drop_ids(&mut out);
    mark_paragraph(&mut out, "w:del", m);
    wrap_runs(&mut out, "w:del", m);
    out
}

/// A copy of row `tr` of the old document, tracked as deleted with its text.
fn deleted_row(tr: &El, m: &mut Marker) -> El {
    let mut out = tr.clone();
    drop_ids(&mut out);
    mark_row(&mut out, "w:del", m);
    out.walk_mut(&mut |e| {
        if e.name == "w:p" {
            wrap_runs(e, "w:del", m);
        }
    });
    out
}

/// Removes the paragraph ids of a copy from the old document (ids are unique per document).
fn drop_ids(e: &mut El) {
    e.walk_mut(&mut |e| {
        e.attrs
            .retain(|(k, _)| k != "w14:paraId" && k != "w14:textId")
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Table};
    use crate::style::Style;

    fn docx(doc: &Document) -> Written {
        let style = Style::default();
        let measure = crate::layout::ApproxMeasure { style: &style };
        let tables = crate::layout::table_geometries(doc, &style, &measure);
        crate::docx::write_mapped(doc, &style, &tables, None).expect("docx")
    }

    fn run(old: &Document, new: &Document) -> (String, Redline) {
        let (o, n) = (docx(old), docx(new));
        let r = redline(
            Version { doc: old, docx: &o },
            Version { doc: new, docx: &n },
            "D",
        )
        .expect("redline");
        let parts = read_parts(&r.bytes).expect("zip");
        let xml = document(&parts).expect("xml").to_xml();
        (xml, r)
    }

    fn para(t: &str) -> Block {
        Block::Paragraph { text: t.into() }
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document { blocks }
    }

    #[test]
    fn only_the_changed_sentence_of_the_second_of_two_equal_paragraphs_is_tracked() {
        let same = "甲 <b>&amp;</b> “乙”。選派74名。丙&丁。";
        let old = doc(vec![para(same), para(same)]);
        let new = doc(vec![para(same), para(&same.replace("74", "97"))]);
        let (xml, r) = run(&old, &new);
        assert!(r.unlocated.is_empty());
        assert_eq!(r.marks, 2);
        let (head, rest) = xml.split_once("<w:del ").expect("del");
        // The first paragraph is untouched: one run with the whole text.
        assert!(head.contains("甲 &lt;b&gt;&amp;amp;&lt;/b&gt; “乙”。選派74名。丙&amp;丁。</w:t>"));
        assert!(
            head.ends_with("甲 &lt;b&gt;&amp;amp;&lt;/b&gt; “乙”。</w:t></w:r>"),
            "{head}"
        );
        assert!(rest.starts_with(r#"w:id="1" w:author="huibao" w:date="D"><w:r>"#));
        assert!(rest.contains(
            r#"<w:delText xml:space="preserve">選派74名。</w:delText></w:r></w:del><w:ins w:id="2" w:author="huibao" w:date="D"><w:r>"#
        ), "{rest}");
        assert!(rest.contains(">選派97名。</w:t></w:r></w:ins><w:r>"));
        assert!(rest.contains(">丙&amp;丁。</w:t></w:r></w:p>"));
    }

    #[test]
    fn whole_paragraphs_and_rows_are_inserted_and_deleted_in_place() {
        let table = |rows: &[&[&str]]| {
            Block::Table(Table {
                header_rows: 1,
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.to_string()).collect())
                    .collect(),
                ..Table::default()
            })
        };
        let old = doc(vec![
            para("甲。"),
            para("表前。"),
            table(&[&["项目", "数"], &["一", "1"], &["二", "2"]]),
            para("乙。"),
        ]);
        let new = doc(vec![
            para("甲。"),
            table(&[&["项目", "数"], &["二", "2"], &["三", "3"]]),
            para("乙。"),
            para("丙。"),
        ]);
        let (xml, r) = run(&old, &new);
        assert!(r.unlocated.is_empty());
        // The removed paragraph stays where it was: before the table.
        let del_para = xml.find(">表前。</w:delText>").expect("deleted paragraph");
        let tbl = xml.find("<w:tbl>").expect("table");
        assert!(del_para < tbl, "{xml}");
        // The removed row sits in the table before the row that followed it, tracked.
        let row_one = xml.find(">一</w:delText>").expect("deleted row");
        let row_two = xml.find(">二</w:t>").expect("kept row");
        assert!(tbl < row_one && row_one < row_two, "{xml}");
        assert!(xml[..row_one]
            .rfind("<w:trPr>")
            .is_some_and(|t| xml[t..row_one].contains("<w:del ")));
        // The added row and paragraph are tracked as inserted.
        assert!(xml.contains(">三</w:t></w:r></w:ins>"));
        assert!(xml.contains("<w:rPr><w:ins w:id="));
        assert!(xml.contains(">丙。</w:t></w:r></w:ins></w:p>"));
        assert!(!xml.contains("乙。</w:t></w:r></w:ins>"));
        // Copies from the old document carry no paragraph id of their own.
        let ids: Vec<&str> = xml
            .split("w14:paraId=\"")
            .skip(1)
            .map(|s| &s[..8])
            .collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(ids.len(), unique.len());
        assert!(tree::parse(&xml).is_ok());
    }

    #[test]
    fn an_inserted_table_after_a_page_break_keeps_the_break() {
        let table = Block::Table(Table {
            header_rows: 1,
            rows: vec![vec!["项目".into()], vec!["一".into()]],
            ..Table::default()
        });
        let old = doc(vec![para("甲。")]);
        let new = doc(vec![para("甲。"), Block::PageBreak, table]);
        let (xml, r) = run(&old, &new);
        assert!(r.unlocated.is_empty());
        let (_, inserted) = xml.split_once("<w:ins ").expect("inserted");
        let first = &inserted[..inserted.find("</w:ins>").expect("end")];
        assert!(first.contains(r#"<w:br w:type="page"/>"#), "{xml}");
        assert!(xml.contains(">一</w:t></w:r></w:ins>"));
    }

    #[test]
    fn equal_reports_give_the_new_document_unchanged() {
        let d = doc(vec![para("甲。"), para("乙。")]);
        let (xml, r) = run(&d, &d);
        assert_eq!(r.marks, 0);
        let own = read_parts(&docx(&d).bytes).expect("zip");
        assert_eq!(xml, document(&own).expect("xml").to_xml());
        let own_xml = &own.iter().find(|(n, _)| n == DOCUMENT).expect("doc").1;
        assert_eq!(&xml, own_xml);
    }
}
