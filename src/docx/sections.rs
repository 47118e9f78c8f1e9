//! Sections of the DOCX where the page-number rules change, as the layout numbers its pages:
//! the blank page before the 版记 and the 版记's page carry no number (GB/T 9704 §7.5), so
//! they form a section whose footers are empty.
//!
//! docx-rs writes one section; the patch step ([`super::patch`]) splits it: each section
//! after the first starts at a child of `w:body`, and the section before it ends with a copy
//! of the document's `w:sectPr` in its last paragraph (a 1-point paragraph is inserted when
//! that child is a table). The extra footer parts are written here too.

use docx_rs::{BuildXML, Footer, Paragraph};

use super::tree::{El, Node};

/// How the pages of a section are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// The document's footers: "— N —", odd right, even left.
    Numbered,
    /// Empty footers: pages without a number (the blank page before the 版记 and its page).
    Unnumbered,
}

/// A section that starts at child `child` of `w:body` (counted from 0, as the writer added
/// them), with the numbering `kind`. The section before the first start is
/// [`SectionKind::Numbered`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionStart {
    /// The first body child of the section.
    pub child: usize,
    /// How its pages are numbered.
    pub kind: SectionKind,
}

/// The empty footer part and its relationship id.
const BLANK_FOOTER: (&str, &str) = ("word/footer-blank.xml", "rIdFooterBlank");
const FOOTER_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
const FOOTER_CONTENT: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";

fn needs_blank(starts: &[SectionStart]) -> bool {
    starts.iter().any(|s| s.kind == SectionKind::Unnumbered)
}

/// The footer parts the sections of `starts` need beyond docx-rs's two.
pub fn footer_parts(starts: &[SectionStart]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if needs_blank(starts) {
        let footer = Footer::new().add_paragraph(Paragraph::new().style(super::parts::ids::FOOTER));
        out.push((BLANK_FOOTER.0.to_string(), footer.build()));
    }
    out
}

/// Declares the extra footer parts in `[Content_Types].xml`.
pub fn declare_parts(root: &mut El, starts: &[SectionStart]) {
    if needs_blank(starts) {
        root.children.push(Node::El(El::new(
            "Override",
            &[
                ("PartName", &format!("/{}", BLANK_FOOTER.0)),
                ("ContentType", FOOTER_CONTENT),
            ],
        )));
    }
}

/// Links the extra footer parts from `word/_rels/document.xml.rels`.
pub fn link_parts(root: &mut El, starts: &[SectionStart]) {
    if needs_blank(starts) {
        let target = BLANK_FOOTER.0.trim_start_matches("word/");
        root.children.push(Node::El(El::new(
            "Relationship",
            &[
                ("Id", BLANK_FOOTER.1),
                ("Type", FOOTER_TYPE),
                ("Target", target),
            ],
        )));
    }
}

/// The document's `w:sectPr` made into one for a section of `kind`.
fn sect_pr(template: &El, kind: SectionKind) -> El {
    let mut s = template.clone();
    if kind == SectionKind::Unnumbered {
        for r in s.elements_mut().filter(|e| e.name == "w:footerReference") {
            r.set_attr("r:id", BLANK_FOOTER.1);
        }
    }
    s
}

/// A paragraph 1 pt high that only ends a section (after a table).
fn section_end_paragraph(sect: El) -> El {
    let mut ppr = El::new("w:pPr", &[]);
    ppr.children
        .push(Node::El(El::new("w:snapToGrid", &[("w:val", "0")])));
    ppr.children.push(Node::El(El::new(
        "w:spacing",
        &[
            ("w:before", "0"),
            ("w:after", "0"),
            ("w:line", "20"),
            ("w:lineRule", "exact"),
        ],
    )));
    let mut rpr = El::new("w:rPr", &[]);
    rpr.children
        .push(Node::El(El::new("w:sz", &[("w:val", "2")])));
    ppr.children.push(Node::El(rpr));
    ppr.children.push(Node::El(sect));
    let mut p = El::new("w:p", &[]);
    p.children.push(Node::El(ppr));
    p
}

/// Splits `w:body` of document.xml into the sections of `starts` (sorted by child).
pub fn split(root: &mut El, starts: &[SectionStart]) {
    if starts.is_empty() {
        return;
    }
    let Some(body) = root.child_mut("w:body") else {
        return;
    };
    let Some(template) = body
        .elements()
        .filter(|e| e.name == "w:sectPr")
        .last()
        .cloned()
    else {
        return;
    };
    // Positions of element children in `body.children`.
    let element_at: Vec<usize> = body
        .children
        .iter()
        .enumerate()
        .filter_map(|(i, n)| matches!(n, Node::El(_)).then_some(i))
        .collect();
    let mut kinds = vec![SectionKind::Numbered];
    kinds.extend(starts.iter().map(|s| s.kind));
    // From the last start backwards, so that inserted paragraphs move nothing still to do.
    for (k, start) in starts.iter().enumerate().rev() {
        let ending = sect_pr(&template, kinds[k]);
        let Some(&before) = start.child.checked_sub(1).and_then(|c| element_at.get(c)) else {
            continue;
        };
        match &mut body.children[before] {
            Node::El(p) if p.name == "w:p" => {
                if p.child_mut("w:pPr").is_none() {
                    p.children.insert(0, Node::El(El::new("w:pPr", &[])));
                }
                if let Some(ppr) = p.child_mut("w:pPr") {
                    ppr.children.push(Node::El(ending));
                }
            }
            _ => body
                .children
                .insert(before + 1, Node::El(section_end_paragraph(ending))),
        }
    }
    let last = kinds[kinds.len() - 1];
    if let Some(final_sect) = body.elements_mut().filter(|e| e.name == "w:sectPr").last() {
        *final_sect = sect_pr(&template, last);
    }
}
