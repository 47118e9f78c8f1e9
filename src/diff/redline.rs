//! Redline DOCX: the new report with Word tracked changes (`w:del`/`w:ins`) for what changed.
//!
//! Built by post-processing the DOCX backend's `word/document.xml` of the new report: each
//! changed paragraph is found by its text, and only its changed sentences are wrapped — the
//! old sentence as deleted text, the new one as inserted text, each in the formatting of the
//! run it sits in. Unchanged sentences and paragraphs keep their bytes. Paragraphs added or
//! removed as a whole become inserted or deleted paragraphs (the removed ones taken from the
//! old report's document). Every change carries the author [`AUTHOR`] and one fixed date, so
//! the redline is reproducible and reviewers can accept or reject changes in Word or WPS.

use std::io::{Cursor, Read, Write};

use super::{Op, ParaDiff};
use crate::diag::{Diagnostic, Diagnostics};

/// The author of every tracked change.
pub const AUTHOR: &str = "huibao";

/// A redline document and what could not be marked.
#[derive(Debug)]
pub struct Redline {
    /// The .docx bytes.
    pub bytes: Vec<u8>,
    /// Number of `w:del` and `w:ins` marks written.
    pub marks: usize,
    /// Texts of changed paragraphs that were not found in the document (left unmarked).
    pub unlocated: Vec<String>,
}

/// Writes the redline: `new_docx` (the new report) with the changes of `diff` tracked, dated
/// `date` (ISO 8601, e.g. `2012-10-10T00:00:00Z`); `old_docx` supplies removed paragraphs.
pub fn redline(
    old_docx: &[u8],
    new_docx: &[u8],
    diff: &[ParaDiff],
    date: &str,
) -> Result<Redline, Diagnostics> {
    let old_xml = read_part(old_docx, DOCUMENT)?;
    let new_parts = read_parts(new_docx)?;
    let Some(new_xml) = new_parts
        .iter()
        .find(|(n, _)| n == DOCUMENT)
        .map(|(_, x)| x)
    else {
        return Err(broken("word/document.xml missing").into());
    };
    let mut marker = Marker {
        next_id: 1,
        date: date.to_string(),
        marks: 0,
    };
    let (xml, unlocated) = mark(&old_xml, new_xml, diff, &mut marker);
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = crate::output::zip_options();
    for (name, text) in &new_parts {
        let body = if name == DOCUMENT { &xml } else { text };
        w.start_file(name.as_str(), options)
            .and_then(|_| w.write_all(body.as_bytes()).map_err(Into::into))
            .map_err(|e| broken(&e.to_string()))?;
    }
    let bytes = w.finish().map_err(|e| broken(&e.to_string()))?.into_inner();
    Ok(Redline {
        bytes,
        marks: marker.marks,
        unlocated,
    })
}

const DOCUMENT: &str = "word/document.xml";

fn broken(what: &str) -> Diagnostic {
    Diagnostic::error(
        "E-REDLINE",
        format!("无法生成修订稿：{what}"),
        format!("cannot write the redline: {what}"),
    )
}

fn read_parts(docx: &[u8]) -> Result<Vec<(String, String)>, Diagnostics> {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| broken(&e.to_string()))?;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).map_err(|e| broken(&e.to_string()))?;
        let name = f.name().map_err(|e| broken(&e.to_string()))?.into_owned();
        let mut text = String::new();
        f.read_to_string(&mut text)
            .map_err(|e| broken(&e.to_string()))?;
        out.push((name, text));
    }
    Ok(out)
}

fn read_part(docx: &[u8], name: &str) -> Result<String, Diagnostics> {
    read_parts(docx)?
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t)
        .ok_or_else(|| broken(&format!("{name} missing")).into())
}

/// Issues ids and writes the change marks.
struct Marker {
    next_id: usize,
    date: String,
    marks: usize,
}

impl Marker {
    fn attrs(&mut self) -> String {
        let id = self.next_id;
        self.next_id += 1;
        self.marks += 1;
        format!(r#"w:id="{id}" w:author="{AUTHOR}" w:date="{}""#, self.date)
    }
}

/// A paragraph of document.xml: its byte range, properties and runs (None when it holds
/// anything but plain text runs, so it is never touched).
struct Para {
    range: std::ops::Range<usize>,
    ppr: String,
    runs: Option<Vec<Run>>,
}

#[derive(Clone)]
struct Run {
    rpr: String,
    text: String,
}

impl Para {
    fn text(&self) -> Option<String> {
        self.runs
            .as_ref()
            .map(|r| r.iter().map(|r| r.text.as_str()).collect())
    }
}

/// Every `<w:p>` of `xml`, in order (paragraphs inside table cells included).
fn paragraphs(xml: &str) -> Vec<Para> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(off) = find_para_start(&xml[from..]) {
        let start = from + off;
        let Some(len) = xml[start..].find("</w:p>") else {
            break;
        };
        let end = start + len + "</w:p>".len();
        let inner_start = start + xml[start..].find('>').map_or(0, |i| i + 1);
        let inner = &xml[inner_start..end - "</w:p>".len()];
        let (ppr, rest) = split_ppr(inner);
        out.push(Para {
            range: start..end,
            ppr: ppr.to_string(),
            runs: parse_runs(rest),
        });
        from = end;
    }
    out
}

fn find_para_start(s: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(off) = s[i..].find("<w:p") {
        let at = i + off;
        match s.as_bytes().get(at + 4) {
            Some(b'>') | Some(b' ') => return Some(at),
            _ => i = at + 4,
        }
    }
    None
}

fn split_ppr(inner: &str) -> (&str, &str) {
    if inner.starts_with("<w:pPr>") {
        if let Some(e) = inner.find("</w:pPr>") {
            let end = e + "</w:pPr>".len();
            return (&inner[..end], &inner[end..]);
        }
    } else if let Some(rest) = inner.strip_prefix("<w:pPr/>") {
        return ("<w:pPr/>", rest);
    }
    ("", inner)
}

fn parse_runs(mut s: &str) -> Option<Vec<Run>> {
    let mut runs = Vec::new();
    while !s.is_empty() {
        s = s.strip_prefix("<w:r>")?;
        let end = s.find("</w:r>")?;
        let (body, rest) = (&s[..end], &s[end + "</w:r>".len()..]);
        s = rest;
        let (rpr, mut content) = match body.strip_prefix("<w:rPr>") {
            Some(b) => {
                let e = b.find("</w:rPr>")? + "</w:rPr>".len();
                (&body[..e + "<w:rPr>".len()], &b[e..])
            }
            None => ("", body),
        };
        let mut text = String::new();
        while !content.is_empty() {
            if let Some(r) = content.strip_prefix("<w:tab/>") {
                text.push('\t');
                content = r;
            } else if let Some(r) = content.strip_prefix("<w:br/>") {
                text.push('\n');
                content = r;
            } else {
                let open_end = content.find('>')?;
                let open = &content[..=open_end];
                if !(open == "<w:t>" || open.starts_with("<w:t ")) {
                    return None;
                }
                let close = content.find("</w:t>")?;
                text.push_str(&unescape(&content[open_end + 1..close]));
                content = &content[close + "</w:t>".len()..];
            }
        }
        runs.push(Run {
            rpr: rpr.to_string(),
            text,
        });
    }
    Some(runs)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Run content for `text`: `<w:t>` (or `<w:delText>`) chunks, tabs and breaks.
fn content(text: &str, tag: &str) -> String {
    let mut out = String::new();
    for (i, piece) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, part) in piece.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !part.is_empty() {
                out.push_str(&format!(
                    r#"<{tag} xml:space="preserve">{}</{tag}>"#,
                    crate::docx::xml::escape(part)
                ));
            }
        }
    }
    out
}

fn plain_run(rpr: &str, text: &str) -> String {
    format!("<w:r>{rpr}{}</w:r>", content(text, "w:t"))
}

fn del_run(rpr: &str, text: &str) -> String {
    format!("<w:r>{rpr}{}</w:r>", content(text, "w:delText"))
}

/// The paragraph properties with the paragraph mark itself tracked as inserted or deleted.
fn mark_ppr(ppr: &str, kind: &str, m: &mut Marker) -> String {
    let mark = format!("<w:rPr><w:{kind} {}/></w:rPr>", m.attrs());
    match ppr.strip_suffix("</w:pPr>") {
        Some(head) => format!("{head}{mark}</w:pPr>"),
        None => format!("<w:pPr>{mark}</w:pPr>"),
    }
}

/// Writes the new text `text` (chars `at..at+len` of the paragraph) as plain runs split at the
/// paragraph's run boundaries, each with its run's properties.
fn spans(runs: &[Run], owner: &[usize], at: usize, text: &str) -> String {
    let mut out = String::new();
    let mut cur: Option<usize> = None;
    let mut buf = String::new();
    for (i, c) in text.chars().enumerate() {
        let r = owner.get(at + i).copied().unwrap_or(runs.len() - 1);
        if cur.is_some_and(|x| x != r) {
            out.push_str(&plain_run(
                &runs[cur.unwrap_or(r)].rpr,
                &std::mem::take(&mut buf),
            ));
        }
        cur = Some(r);
        buf.push(c);
    }
    if let Some(r) = cur {
        out.push_str(&plain_run(&runs[r].rpr, &buf));
    }
    out
}

/// The paragraph rewritten with its sentence changes tracked, or None when its text is not
/// the new side of `sentences`.
fn mark_changed(p: &Para, sentences: &[Op<String>], m: &mut Marker) -> Option<String> {
    let runs = p.runs.as_ref().filter(|r| !r.is_empty())?;
    let new_text: String = sentences
        .iter()
        .filter_map(|o| match o {
            Op::Same(s) | Op::Ins(s) => Some(s.as_str()),
            Op::Del(_) => None,
        })
        .collect();
    if p.text()? != new_text {
        return None;
    }
    let owner: Vec<usize> = runs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| std::iter::repeat_n(i, r.text.chars().count()))
        .collect();
    let mut out = format!("<w:p>{}", p.ppr);
    let mut at = 0;
    for op in sentences {
        match op {
            Op::Same(s) => {
                out.push_str(&spans(runs, &owner, at, s));
                at += s.chars().count();
            }
            Op::Ins(s) => {
                let attrs = m.attrs();
                out.push_str(&format!(
                    "<w:ins {attrs}>{}</w:ins>",
                    spans(runs, &owner, at, s)
                ));
                at += s.chars().count();
            }
            Op::Del(s) => {
                let r = owner.get(at).copied().unwrap_or(runs.len() - 1);
                let attrs = m.attrs();
                out.push_str(&format!(
                    "<w:del {attrs}>{}</w:del>",
                    del_run(&runs[r].rpr, s)
                ));
            }
        }
    }
    out.push_str("</w:p>");
    Some(out)
}

/// The paragraphs of a table row's cells (texts `cells`, as the text output joins them with
/// tabs) from paragraph `from` on: for each cell the index of its paragraph, `None` for an
/// empty cell that has none (merged into the cell on its left). Line breaks the DOCX adds
/// inside a cell are ignored.
fn find_row(paras: &[Para], from: usize, cells: &[&str]) -> Option<Vec<Option<usize>>> {
    let flat = |s: &str| s.replace('\n', "");
    (from..paras.len()).find_map(|start| {
        let mut j = start;
        let mut out = Vec::with_capacity(cells.len());
        for c in cells {
            let here = paras.get(j).and_then(Para::text).map(|t| flat(&t));
            if here.as_deref() == Some(flat(c).as_str()) {
                out.push(Some(j));
                j += 1;
            } else if c.is_empty() {
                out.push(None);
            } else {
                return None;
            }
        }
        (out.iter().flatten().next() == Some(&start)).then_some(out)
    })
}

/// A table cell's paragraph with its old text `old` tracked as deleted (when not empty) and
/// its new text as inserted.
fn mark_cell(p: &Para, old: &str, m: &mut Marker) -> Option<String> {
    let runs = p.runs.as_ref()?;
    let rpr = runs.first().map_or("", |r| r.rpr.as_str());
    let mut out = format!("<w:p>{}", p.ppr);
    if !old.is_empty() {
        let attrs = m.attrs();
        out.push_str(&format!("<w:del {attrs}>{}</w:del>", del_run(rpr, old)));
    }
    if !runs.is_empty() {
        let body: String = runs.iter().map(|r| plain_run(&r.rpr, &r.text)).collect();
        let attrs = m.attrs();
        out.push_str(&format!("<w:ins {attrs}>{body}</w:ins>"));
    }
    out.push_str("</w:p>");
    Some(out)
}

/// A whole paragraph tracked as inserted.
fn mark_inserted(p: &Para, m: &mut Marker) -> Option<String> {
    let runs = p.runs.as_ref()?;
    let ppr = mark_ppr(&p.ppr, "ins", m);
    let body: String = runs.iter().map(|r| plain_run(&r.rpr, &r.text)).collect();
    let attrs = m.attrs();
    Some(format!("<w:p>{ppr}<w:ins {attrs}>{body}</w:ins></w:p>"))
}

/// A whole paragraph of the old document tracked as deleted.
fn mark_deleted(p: &Para, m: &mut Marker) -> Option<String> {
    let runs = p.runs.as_ref()?;
    let ppr = mark_ppr(&p.ppr, "del", m);
    let body: String = runs.iter().map(|r| del_run(&r.rpr, &r.text)).collect();
    let attrs = m.attrs();
    Some(format!("<w:p>{ppr}<w:del {attrs}>{body}</w:del></w:p>"))
}

/// document.xml of the new report with the changes of `diff` marked; also the texts that
/// could not be found.
fn mark(old_xml: &str, new_xml: &str, diff: &[ParaDiff], m: &mut Marker) -> (String, Vec<String>) {
    let new_paras = paragraphs(new_xml);
    let old_paras = paragraphs(old_xml);
    // (index of the new paragraph to replace or insert before, replacement xml, replaces?)
    let mut edits: Vec<(usize, String, bool)> = Vec::new();
    let mut unlocated = Vec::new();
    let mut pending_deleted: Vec<String> = Vec::new();
    let (mut k, mut ok) = (0, 0);
    let find = |paras: &[Para], from: usize, text: &str| {
        (from..paras.len()).find(|&j| paras[j].text().as_deref() == Some(text))
    };
    for d in diff {
        let (text, change) = match d {
            ParaDiff::Deleted(t) => {
                match find(&old_paras, ok, t).and_then(|j| {
                    ok = j + 1;
                    mark_deleted(&old_paras[j], m)
                }) {
                    Some(x) => pending_deleted.push(x),
                    None => unlocated.push(t.clone()),
                }
                continue;
            }
            ParaDiff::Same(t) => (t, None),
            ParaDiff::Inserted(t) => (t, Some(d)),
            ParaDiff::Changed { new, .. } => (new, Some(d)),
        };
        let found = find(&new_paras, k, text);
        if found.is_none() && text.contains('\t') {
            // A table row: one paragraph per cell; changed cells are tracked one by one.
            let new_cells: Vec<&str> = text.split('\t').collect();
            let Some(at) = find_row(&new_paras, k, &new_cells) else {
                if change.is_some() {
                    unlocated.push(text.clone());
                }
                continue;
            };
            k = at.iter().flatten().max().map_or(k, |j| j + 1);
            let old_cells: Vec<&str> = match d {
                ParaDiff::Changed { old, .. } => old.split('\t').collect(),
                _ => Vec::new(),
            };
            for (i, j) in at.iter().enumerate() {
                let Some(j) = *j else { continue };
                let marked = match d {
                    ParaDiff::Changed { .. } if old_cells.get(i) != new_cells.get(i) => {
                        mark_cell(&new_paras[j], old_cells.get(i).copied().unwrap_or(""), m)
                    }
                    ParaDiff::Inserted(_) if !new_cells[i].is_empty() => {
                        mark_cell(&new_paras[j], "", m)
                    }
                    _ => continue,
                };
                match marked {
                    Some(x) => edits.push((j, x, true)),
                    None => unlocated.push(text.clone()),
                }
            }
            continue;
        }
        let Some(j) = found else {
            if change.is_some() {
                unlocated.push(text.clone());
            }
            continue;
        };
        k = j + 1;
        if let ParaDiff::Same(t) | ParaDiff::Changed { old: t, .. } = d {
            if let Some(o) = find(&old_paras, ok, t) {
                ok = o + 1;
            }
        }
        for x in pending_deleted.drain(..) {
            edits.push((j, x, false));
        }
        let replaced = match change {
            Some(ParaDiff::Changed { sentences, .. }) => mark_changed(&new_paras[j], sentences, m),
            Some(ParaDiff::Inserted(_)) => mark_inserted(&new_paras[j], m),
            _ => None,
        };
        match (replaced, change) {
            (Some(x), _) => edits.push((j, x, true)),
            (None, Some(_)) => unlocated.push(text.clone()),
            (None, None) => {}
        }
    }
    let mut out = String::with_capacity(new_xml.len() + 4096);
    let mut pos = 0;
    for (j, xml, replaces) in &edits {
        let r = &new_paras[*j].range;
        out.push_str(&new_xml[pos..r.start]);
        out.push_str(xml);
        pos = if *replaces { r.end } else { r.start };
    }
    // Paragraphs deleted at the very end go before the section properties.
    let tail_at = new_xml[pos..]
        .rfind("<w:sectPr")
        .map_or(new_xml.len(), |i| pos + i);
    out.push_str(&new_xml[pos..tail_at]);
    for x in pending_deleted {
        out.push_str(&x);
    }
    out.push_str(&new_xml[tail_at..]);
    (out, unlocated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{sentences, text_diff};

    const RPR_H: &str = "<w:rPr><w:b/></w:rPr>";
    const RPR_B: &str = "<w:rPr><w:sz w:val=\"32\"/></w:rPr>";

    fn doc(paras: &[&str]) -> String {
        format!(
            "<w:document><w:body>{}<w:sectPr/></w:body></w:document>",
            paras.concat()
        )
    }

    #[test]
    fn only_the_changed_sentence_is_wrapped_in_its_runs_format() {
        let old_p = format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Body\"/></w:pPr><w:r>{RPR_H}<w:t>（一）標題。</w:t></w:r><w:r>{RPR_B}<w:t xml:space=\"preserve\">甲句。選派74名。乙&amp;句。</w:t></w:r></w:p>"
        );
        let new_p = old_p.replace("74", "97");
        let same = "<w:p><w:r><w:t>不變。</w:t></w:r></w:p>";
        let old = doc(&[same, &old_p]);
        let new = doc(&[same, &new_p]);
        let a = vec![
            "不變。".to_string(),
            "（一）標題。甲句。選派74名。乙&句。".to_string(),
        ];
        let b = vec![a[0].clone(), a[1].replace("74", "97")];
        assert_eq!(sentences(&b[1]).len(), 4);
        let diff = text_diff(&a, &b);
        let mut m = Marker {
            next_id: 1,
            date: "2012-10-10T00:00:00Z".into(),
            marks: 0,
        };
        let (xml, unlocated) = mark(&old, &new, &diff, &mut m);
        assert!(unlocated.is_empty());
        assert_eq!(m.marks, 2);
        assert!(xml.starts_with(&format!("<w:document><w:body>{same}")));
        let del = format!(
            "<w:del w:id=\"1\" w:author=\"huibao\" w:date=\"2012-10-10T00:00:00Z\"><w:r>{RPR_B}<w:delText xml:space=\"preserve\">選派74名。</w:delText></w:r></w:del>"
        );
        let ins = format!(
            "<w:ins w:id=\"2\" w:author=\"huibao\" w:date=\"2012-10-10T00:00:00Z\"><w:r>{RPR_B}<w:t xml:space=\"preserve\">選派97名。</w:t></w:r></w:ins>"
        );
        assert!(xml.contains(&format!("{del}{ins}")), "{xml}");
        // Unchanged sentences keep their text and run formatting, untracked.
        assert!(xml.contains(&format!("<w:r>{RPR_H}<w:t xml:space=\"preserve\">（一）標題。</w:t></w:r><w:r>{RPR_B}<w:t xml:space=\"preserve\">甲句。</w:t></w:r>")));
        assert!(xml.contains(&format!(
            "{ins}<w:r>{RPR_B}<w:t xml:space=\"preserve\">乙&amp;句。</w:t></w:r></w:p>"
        )));
    }

    #[test]
    fn whole_paragraphs_are_inserted_and_deleted_with_their_marks() {
        let p = |t: &str| {
            format!("<w:p><w:pPr><w:pStyle w:val=\"Body\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
        };
        let old = doc(&[&p("甲。")]);
        let new = doc(&[&p("甲。"), &p("丙。")]);
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let diff = text_diff(&s(&["甲。"]), &s(&["甲。", "丙。"]));
        let mut m = Marker {
            next_id: 1,
            date: "D".into(),
            marks: 0,
        };
        let (xml, unlocated) = mark(&old, &new, &diff, &mut m);
        assert!(unlocated.is_empty());
        assert!(xml.contains("<w:pPr><w:pStyle w:val=\"Body\"/><w:rPr><w:ins w:id=\"1\" w:author=\"huibao\" w:date=\"D\"/></w:rPr></w:pPr><w:ins w:id=\"2\""), "{xml}");
        // A changed paragraph that is not in the document is reported, not invented.
        let diff = text_diff(&s(&["甲。"]), &s(&["乙。"]));
        let (_, unlocated) = mark(&old, &new, &diff, &mut m);
        assert_eq!(unlocated, vec!["乙。".to_string()]);
        let old = doc(&[&p("甲。"), &p("乙。")]);
        let diff = text_diff(&s(&["甲。", "乙。"]), &s(&["甲。"]));
        let (xml, _) = mark(&old, &doc(&[&p("甲。")]), &diff, &mut m);
        assert!(
            xml.contains("<w:delText xml:space=\"preserve\">乙。</w:delText>"),
            "{xml}"
        );
        assert!(
            xml.ends_with("</w:del></w:p><w:sectPr/></w:body></w:document>"),
            "{xml}"
        );
    }
}
