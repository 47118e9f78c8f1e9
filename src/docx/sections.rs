//! Sections of the DOCX where the page-number rules change, as the layout numbers its pages:
//! the blank page before the 版记 and the 版记's page carry no number (GB/T 9704 §7.5), so
//! they form a section whose footers are empty; a landscape table (横排表格, §10) is a
//! landscape section whose footers hold the number in a frame at the table's left, where the
//! layout puts it.
//!
//! docx-rs writes one section; the patch step ([`super::patch`]) splits it: each section
//! after the first starts at a child of `w:body`, and the section before it ends with a copy
//! of the document's `w:sectPr` in its last paragraph (a 1-point paragraph is inserted when
//! that child is a table). The extra footer parts are written here too.

use docx_rs::{AlignmentType, BuildXML, Footer, FrameProperty, Paragraph};

use super::tree::{El, Node};
use super::Geometry;
use crate::layout::{pt_to_twips as tw, ApproxMeasure};
use crate::style::{Style, PT_PER_MM};

/// How the pages of a section are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// The document's footers: "— N —", odd right, even left.
    Numbered,
    /// Empty footers: pages without a number (the blank page before the 版记 and its page).
    Unnumbered,
    /// Landscape pages (横排表格) numbered at the table's left side.
    Landscape,
}

/// The sections of the document and the turned page's geometry (for landscape sections).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sections {
    /// Where sections after the first start, in order.
    pub starts: Vec<SectionStart>,
    /// The landscape page's geometry, when a section is landscape.
    pub turned: Option<Geometry>,
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
/// The landscape footers (odd, even) and their relationship ids.
const TURNED_FOOTERS: [(&str, &str); 2] = [
    ("word/footer-landscape-odd.xml", "rIdFooterLandscapeOdd"),
    ("word/footer-landscape-even.xml", "rIdFooterLandscapeEven"),
];
const FOOTER_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
const FOOTER_CONTENT: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";

fn uses(sections: &Sections, kind: SectionKind) -> bool {
    sections.starts.iter().any(|s| s.kind == kind)
}

/// The extra footer parts with their relationship ids.
fn extra_parts(sections: &Sections) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if uses(sections, SectionKind::Unnumbered) {
        out.push(BLANK_FOOTER);
    }
    if uses(sections, SectionKind::Landscape) && sections.turned.is_some() {
        out.extend(TURNED_FOOTERS);
    }
    out
}

/// A landscape page's footer: "— N —" in a frame placed on the page where the layout puts
/// the number ([`crate::layout::landscape_page_number_line`]), flush right against the
/// frame's right edge, its baseline on the layout's.
fn turned_footer(style: &Style, odd: bool) -> Footer {
    let turned = style.landscape();
    let line = crate::layout::landscape_page_number_line(
        if odd { 1 } else { 2 },
        &turned,
        &ApproxMeasure { style },
    );
    let size = crate::typeset::size(style, crate::model::RunRole::PageNumber);
    let right_pt = (turned.page.left_mm - crate::layout::LANDSCAPE_NUMBER_GAP_MM) * PT_PER_MM;
    // The footer line is 1.2 × the size with its baseline at 80 % (Word's and LibreOffice's
    // exact-line ascent).
    let line_pt = 1.2 * size;
    let frame = FrameProperty {
        w: Some(tw(0.75 * right_pt).max(0) as u32),
        h: Some(tw(line_pt).max(0) as u32),
        h_rule: Some("exact".into()),
        h_anchor: Some("page".into()),
        v_anchor: Some("page".into()),
        x: Some(tw(0.25 * right_pt)),
        y: Some(tw(line.baseline_pt - 0.8 * line_pt)),
        wrap: Some("around".into()),
        ..FrameProperty::default()
    };
    let mut p = super::parts::footer_paragraph(&Geometry::new(style), style, odd)
        .indent(Some(0), None, Some(0), None)
        .align(AlignmentType::Right);
    p.property.frame_property = Some(frame);
    // LibreOffice makes a frame of a framed paragraph only when another paragraph follows it.
    Footer::new()
        .add_paragraph(p)
        .add_paragraph(Paragraph::new().style(super::parts::ids::FOOTER))
}

/// The footer parts the sections need beyond docx-rs's two.
pub fn footer_parts(sections: &Sections, style: &Style) -> Vec<(String, Vec<u8>)> {
    extra_parts(sections)
        .into_iter()
        .map(|(path, _)| {
            let footer = if path == TURNED_FOOTERS[0].0 {
                turned_footer(style, true)
            } else if path == TURNED_FOOTERS[1].0 {
                turned_footer(style, false)
            } else {
                Footer::new().add_paragraph(Paragraph::new().style(super::parts::ids::FOOTER))
            };
            (path.to_string(), footer.build())
        })
        .collect()
}

/// Declares the extra footer parts in `[Content_Types].xml`.
pub fn declare_parts(root: &mut El, sections: &Sections) {
    for (path, _) in extra_parts(sections) {
        root.children.push(Node::El(El::new(
            "Override",
            &[
                ("PartName", &format!("/{path}")),
                ("ContentType", FOOTER_CONTENT),
            ],
        )));
    }
}

/// Links the extra footer parts from `word/_rels/document.xml.rels`.
pub fn link_parts(root: &mut El, sections: &Sections) {
    for (path, id) in extra_parts(sections) {
        let target = path.trim_start_matches("word/");
        root.children.push(Node::El(El::new(
            "Relationship",
            &[("Id", id), ("Type", FOOTER_TYPE), ("Target", target)],
        )));
    }
}

/// The document's `w:sectPr` made into one for a section of `kind`.
fn sect_pr<'a>(template: &El<'a>, kind: SectionKind, turned: Option<&Geometry>) -> El<'a> {
    let mut s = template.clone();
    let footers = |s: &mut El, odd: &str, even: &str| {
        for r in s.elements_mut().filter(|e| e.name == "w:footerReference") {
            let id = if r.attr("w:type") == Some("even") {
                even
            } else {
                odd
            };
            r.set_attr("r:id", id);
        }
    };
    match (kind, turned) {
        (SectionKind::Unnumbered, _) => footers(&mut s, BLANK_FOOTER.1, BLANK_FOOTER.1),
        (SectionKind::Landscape, Some(g)) => {
            footers(&mut s, TURNED_FOOTERS[0].1, TURNED_FOOTERS[1].1);
            if let Some(size) = s.child_mut("w:pgSz") {
                size.set_attr("w:w", &g.page_w.to_string());
                size.set_attr("w:h", &g.page_h.to_string());
                size.set_attr("w:orient", "landscape");
            }
            // No line grid: LibreOffice 7.4 centres a grid's spare height (8 pt on the turned
            // page) above the first line, which moves every row down; the caption, table and
            // note have exact line heights of their own.
            s.take(|e| e.name == "w:docGrid");
            if let Some(m) = s.child_mut("w:pgMar") {
                for (name, v) in [
                    ("w:top", g.top),
                    ("w:right", g.right),
                    ("w:bottom", g.bottom),
                    ("w:left", g.left),
                ] {
                    m.set_attr(name, &v.to_string());
                }
                // The footers hold only the framed number (placed on the page) and an empty
                // line: halfway down the bottom margin, so that the line never grows into the
                // type area (the turned page's bottom margin is 26 mm, not 35).
                m.set_attr("w:footer", &(g.bottom / 2).to_string());
            }
        }
        _ => {}
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

/// Splits `w:body` of document.xml into the sections of `sections` (starts sorted by child).
pub fn split(root: &mut El, sections: &Sections) {
    let starts = &sections.starts;
    let turned = sections.turned.as_ref();
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
        let ending = sect_pr(&template, kinds[k], turned);
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
        *final_sect = sect_pr(&template, last, turned);
    }
}
