//! The typesetting layer, between the document model and the backends: what every piece of
//! text is set in.
//!
//! Each block of the model and each element of the GB/T 9704 frame is an [`Element`]; an
//! element has one [`RunRole`] ([`Element::role`]), and a role has one [`RunStyle`] —
//! font family ([`FontSpec`]), size, bold, on the grid or not, language tag, colour
//! ([`Typeset::role`]). [`runs`] turns a whole document into its typeset runs, and
//! [`chars`] and [`kinsoku`] give each character of a run its character class (full-width,
//! Latin, figure) and break class. The layout engine, the DOCX writer, the PDF writer and the
//! OFD writer (which draws the layout) ask here; none of them chooses a role, a font, a size or
//! bold on its own. The font-family equivalences (official names, GB2312 ↔ GBK faces, Windows
//! names, fontconfig substitutes) are in [`families`].
//!
//! ```text
//! model::Block ──► Element ──► RunRole ──► RunStyle { family, size, bold, on_grid, lang, red }
//!                   (title, 主送, heading 2, table caption, 签发人, 版记 …)
//!                      │
//!                      └── each char: chars::class (full-width / figure / Latin),
//!                                     kinsoku::Kinsoku::class (no-start / no-end / free)
//! ```

pub mod chars;
pub mod families;
pub mod kinsoku;

use crate::model::{Block, Document, Heading, RunRole};
use crate::style::{FontSpec, Style, ZhLang};

/// Every kind of text a document holds: the blocks of the model and the elements of the
/// GB/T 9704 frame, each set in one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Element {
    /// Title lines (2号 小标宋).
    Title,
    /// The line under the title (unit and date, or a —— subtitle).
    Subtitle,
    /// The salutation / 主送机关.
    Salutation,
    /// A body paragraph.
    Paragraph,
    /// A heading's label and text, level 1–4 (standalone or run-in).
    Heading(u8),
    /// The body text after a run-in heading, in the same paragraph.
    RunInBody,
    /// 附件说明 lines ("附件：1. …").
    Attachments,
    /// A signing unit's name (sealed or not).
    SignatureName,
    /// The date under the signature (成文日期).
    SignatureDate,
    /// 附注, in parentheses under the date.
    Note,
    /// A table's caption.
    TableCaption,
    /// A table's header cells.
    TableHeader,
    /// A table's body cells.
    TableCell,
    /// The note under a table.
    TableNote,
    /// Page numbers ("— 1 —").
    PageNumber,
    /// 发文机关标志 (red).
    Masthead,
    /// 份号.
    CopyNumber,
    /// 密级和保密期限.
    Secrecy,
    /// 紧急程度.
    Urgency,
    /// 发文字号.
    DocNumber,
    /// "签发人：".
    SignerLabel,
    /// The names after "签发人：".
    Signers,
    /// "附件N" on an attachment page.
    AttachmentLabel,
    /// The title of an attachment page.
    AttachmentTitle,
    /// 版记 lines (抄送, 印发机关 and 印发日期).
    Imprint,
}

impl Element {
    /// Every element, for listings and tests.
    pub const ALL: [Element; 28] = [
        Element::Title,
        Element::Subtitle,
        Element::Salutation,
        Element::Paragraph,
        Element::Heading(1),
        Element::Heading(2),
        Element::Heading(3),
        Element::Heading(4),
        Element::RunInBody,
        Element::Attachments,
        Element::SignatureName,
        Element::SignatureDate,
        Element::Note,
        Element::TableCaption,
        Element::TableHeader,
        Element::TableCell,
        Element::TableNote,
        Element::PageNumber,
        Element::Masthead,
        Element::CopyNumber,
        Element::Secrecy,
        Element::Urgency,
        Element::DocNumber,
        Element::SignerLabel,
        Element::Signers,
        Element::AttachmentLabel,
        Element::AttachmentTitle,
        Element::Imprint,
    ];

    /// The role that sets the element (formal-style.md §4, GB/T 9704 §7): the body face for
    /// the salutation, paragraphs, run-in bodies, attachments, signature, 附注, 份号 and 发文字号;
    /// 黑体 (heading 1) for 密级, 紧急程度 and "附件N"; 楷体 (subtitle) for the 签发人 names;
    /// the table header's face for the caption, the table's for its note and the 版记; the
    /// title's for attachment titles.
    pub fn role(self) -> RunRole {
        match self {
            Element::Title | Element::AttachmentTitle => RunRole::Title,
            Element::Subtitle | Element::Signers => RunRole::Subtitle,
            Element::Salutation
            | Element::Paragraph
            | Element::RunInBody
            | Element::Attachments
            | Element::SignatureName
            | Element::SignatureDate
            | Element::Note
            | Element::CopyNumber
            | Element::DocNumber
            | Element::SignerLabel => RunRole::Body,
            Element::Heading(level) => RunRole::Heading(level.clamp(1, 4)),
            Element::Secrecy | Element::Urgency | Element::AttachmentLabel => RunRole::Heading(1),
            Element::TableCaption | Element::TableHeader => RunRole::TableHeader,
            Element::TableCell | Element::TableNote | Element::Imprint => RunRole::TableCell,
            Element::PageNumber => RunRole::PageNumber,
            Element::Masthead => RunRole::Masthead,
        }
    }

    /// The element of a table row: header rows are [`Element::TableHeader`].
    pub fn table_row(row: usize, header_rows: usize) -> Element {
        if row < header_rows {
            Element::TableHeader
        } else {
            Element::TableCell
        }
    }
}

/// How a role's text is set, the same in every backend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunStyle<'a> {
    /// The role.
    pub role: RunRole,
    /// The role's font: family as Word knows it (and the explicit file for the PDF).
    pub font: &'a FontSpec,
    /// The Latin font for digits and letters (the role's own font for page numbers).
    pub latin: &'a FontSpec,
    /// Size in points.
    pub size_pt: f32,
    /// Set bold: the DOCX asks Word for bold, the PDF and OFD embolden a regular face.
    pub bold: bool,
    /// On the character grid: every full-width character takes one grid cell (the layout
    /// advances by the cell, the DOCX scales and spaces the run to it).
    pub on_grid: bool,
    /// The language tag of the Chinese text.
    pub lang: ZhLang,
    /// Printed in GB/T 9704 red.
    pub red: bool,
}

/// Stroke width, in em, that emboldens a regular face for a role set bold (Word's synthetic
/// bold thickens strokes by about this much).
const FAUX_BOLD_EM: f32 = 0.03;

impl RunStyle<'_> {
    /// The stroke width, in points, that emboldens this run's glyphs drawn at `size_pt` from a
    /// face that is bold (`face_is_bold`) or not: some when the run is set bold and the face is
    /// regular, as Word thickens a regular face the DOCX asks to be bold. The PDF and the OFD
    /// draw such glyphs filled and stroked.
    pub fn emboldening_pt(&self, face_is_bold: bool, size_pt: f32) -> Option<f32> {
        (self.bold && !face_is_bold).then_some(size_pt * FAUX_BOLD_EM)
    }
}

/// The typesetting decisions for one style: role → font, size, bold, grid, language.
#[derive(Debug, Clone, Copy)]
pub struct Typeset<'a> {
    style: &'a Style,
}

impl<'a> Typeset<'a> {
    /// The decisions for `style`.
    pub fn new(style: &'a Style) -> Typeset<'a> {
        Typeset { style }
    }

    /// How `role` is set.
    pub fn role(&self, role: RunRole) -> RunStyle<'a> {
        let font = font(self.style, role);
        RunStyle {
            role,
            font,
            latin: if role == RunRole::PageNumber {
                font
            } else {
                &self.style.fonts.latin
            },
            size_pt: font.size_pt,
            bold: is_bold(font),
            on_grid: on_grid(role),
            lang: self.style.line_breaking.lang,
            red: role == RunRole::Masthead,
        }
    }

    /// How `element` is set.
    pub fn element(&self, element: Element) -> RunStyle<'a> {
        self.role(element.role())
    }
}

/// The font of a role (the title's for the masthead).
pub fn font(style: &Style, role: RunRole) -> &FontSpec {
    let f = &style.fonts;
    match role {
        RunRole::Title | RunRole::Masthead => &f.title,
        RunRole::Subtitle => &f.subtitle,
        RunRole::Body => &f.body,
        RunRole::Heading(0 | 1) => &f.heading1,
        RunRole::Heading(2) => &f.heading2,
        RunRole::Heading(3) => &f.heading3,
        RunRole::Heading(_) => &f.heading4,
        RunRole::TableCell => &f.table,
        RunRole::TableHeader => &f.table_header,
        RunRole::PageNumber => &f.page_number,
    }
}

/// The size of a role's text in points.
pub fn size(style: &Style, role: RunRole) -> f32 {
    font(style, role).size_pt
}

/// The `[fonts.KEY]` table that sets the font of `role` (`body`, `heading2`, `table_header` …).
pub fn role_key(role: RunRole) -> &'static str {
    match role {
        RunRole::Title | RunRole::Masthead => "title",
        RunRole::Subtitle => "subtitle",
        RunRole::Body => "body",
        RunRole::Heading(0 | 1) => "heading1",
        RunRole::Heading(2) => "heading2",
        RunRole::Heading(3) => "heading3",
        RunRole::Heading(_) => "heading4",
        RunRole::TableCell => "table",
        RunRole::TableHeader => "table_header",
        RunRole::PageNumber => "page_number",
    }
}

/// Whether text in `spec` is set bold: the style asks for it and the family is no 黑体 (a 黑体
/// is heavy already; neither is the title's 小标宋 by default).
pub fn is_bold(spec: &FontSpec) -> bool {
    spec.bold
        && families::class_of(&spec.family, None) != families::Class::Hei
        && !spec.family.contains('黑')
}

/// Whether a role is set on the character grid: body text, headings and the subtitle. The
/// title, the masthead, tables (caption and note included), the 版记 and page numbers are set
/// with the font's own advances.
pub fn on_grid(role: RunRole) -> bool {
    matches!(
        role,
        RunRole::Body | RunRole::Heading(_) | RunRole::Subtitle
    )
}

/// Whether `ch` in `role` is drawn with the Latin font: digits and Latin letters are, except in
/// page numbers, which GB/T 9704 sets in 宋体 throughout.
pub fn uses_latin_font(role: RunRole, ch: char) -> bool {
    chars::is_latin(ch) && role != RunRole::PageNumber
}

/// A heading paragraph's runs: label and text in the heading's role, then the run-in body (if
/// any) in the body role.
pub fn heading_runs(h: &Heading) -> Vec<(Element, String)> {
    let mut runs = vec![(Element::Heading(h.level), h.label_and_text())];
    if let Some(body) = &h.body {
        runs.push((Element::RunInBody, body.clone()));
    }
    runs
}

/// One typeset run of a document: the block it belongs to, what it is, and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Index of the block in the document (`None` for page numbers).
    pub block: Option<usize>,
    /// What the text is.
    pub element: Element,
    /// The text.
    pub text: String,
}

impl Run {
    /// The run's role.
    pub fn role(&self) -> RunRole {
        self.element.role()
    }

    /// Each character with its character class and its break class under `kinsoku`.
    pub fn classes(
        &self,
        kinsoku: kinsoku::Kinsoku,
    ) -> Vec<(char, chars::CharClass, kinsoku::BreakClass)> {
        self.text
            .chars()
            .map(|c| (c, chars::class(c), kinsoku.class(c)))
            .collect()
    }
}

/// Every run of `doc`, block by block in document order, then the page numbers' characters
/// ("— 0123456789 —"): what the fonts must cover and what each backend sets.
pub fn runs(doc: &Document) -> Vec<Run> {
    let mut out = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        let mut push = |element: Element, text: &str| {
            out.push(Run {
                block: Some(b),
                element,
                text: text.to_string(),
            })
        };
        match block {
            Block::Title { lines } => lines.iter().for_each(|l| push(Element::Title, l)),
            Block::Subtitle { text } => push(Element::Subtitle, text),
            Block::Salutation { text } => push(Element::Salutation, text),
            Block::Heading(h) => {
                for (e, text) in heading_runs(h) {
                    push(e, &text);
                }
            }
            Block::Paragraph { text } => push(Element::Paragraph, text),
            Block::Note { text } => push(Element::Note, text),
            Block::Attachments { .. } => block
                .text_lines()
                .iter()
                .for_each(|l| push(Element::Attachments, l)),
            Block::Signature { names, date } | Block::SealedSignature { names, date } => {
                names.iter().for_each(|n| push(Element::SignatureName, n));
                push(Element::SignatureDate, date);
            }
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    push(Element::TableCaption, c);
                }
                for (r, row) in t.rows.iter().enumerate() {
                    let e = Element::table_row(r, t.header_rows);
                    row.iter().for_each(|c| push(e, c));
                }
                if let Some(n) = &t.note {
                    push(Element::TableNote, n);
                }
            }
            Block::PageBreak => {}
            Block::Masthead { issuers, suffix } => issuers
                .iter()
                .chain(suffix)
                .for_each(|i| push(Element::Masthead, i)),
            Block::DocNumber { number, signers } => {
                push(Element::DocNumber, number);
                if !signers.is_empty() {
                    push(Element::SignerLabel, "签发人：");
                    push(Element::Signers, &signers.join("\u{3000}"));
                }
            }
            Block::AttachmentPage { number, title } => {
                push(Element::AttachmentLabel, &format!("附件{number}"));
                push(Element::AttachmentTitle, title);
            }
            Block::Imprint(_) => block
                .text_lines()
                .iter()
                .for_each(|l| push(Element::Imprint, l)),
            Block::DocMarks {
                copy_number,
                secrecy,
                urgency,
            } => {
                for (text, e) in [
                    (copy_number, Element::CopyNumber),
                    (secrecy, Element::Secrecy),
                    (urgency, Element::Urgency),
                ] {
                    if let Some(t) = text {
                        push(e, t);
                    }
                }
            }
        }
    }
    out.push(Run {
        block: None,
        element: Element::PageNumber,
        text: "— 0123456789 —".to_string(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_per_element() {
        let style = Style::default();
        let ts = Typeset::new(&style);
        let caption = ts.element(Element::TableCaption);
        assert_eq!(
            (caption.font.family.as_str(), caption.size_pt),
            ("黑体", 14.0)
        );
        assert!(!caption.on_grid);
        let note = ts.element(Element::TableNote);
        assert_eq!(
            (note.font.family.as_str(), note.size_pt),
            ("仿宋_GB2312", 14.0)
        );
        let signers = ts.element(Element::Signers);
        assert_eq!(signers.font.family, "楷体_GB2312");
        assert!(signers.on_grid);
        assert!(ts.element(Element::Masthead).red);
        assert!(!ts.element(Element::Masthead).on_grid);
        assert_eq!(ts.element(Element::PageNumber).latin.family, "宋体");
        assert_eq!(
            ts.element(Element::Paragraph).latin.family,
            "Times New Roman"
        );
        assert_eq!(Element::Heading(9).role(), RunRole::Heading(4));
        assert_eq!(Element::Heading(0).role(), RunRole::Heading(1));
        for e in Element::ALL {
            assert_eq!(ts.element(e).size_pt, font(&style, e.role()).size_pt);
        }
    }

    #[test]
    fn bold_never_for_hei() {
        let mut spec = Style::default().fonts.heading1;
        spec.bold = true;
        assert!(!is_bold(&spec));
        spec.family = "仿宋_GB2312".into();
        assert!(is_bold(&spec));
        spec.family = "SimHei".into();
        assert!(!is_bold(&spec), "黑体 by its Windows name");
    }

    #[test]
    fn runs_cover_every_block() {
        let doc = Document {
            blocks: vec![
                Block::DocMarks {
                    copy_number: Some("000001".into()),
                    secrecy: Some("秘密★1年".into()),
                    urgency: None,
                },
                Block::DocNumber {
                    number: "云政文〔2024〕15号".into(),
                    signers: vec!["张三".into()],
                },
            ],
        };
        let elements: Vec<Element> = runs(&doc).iter().map(|r| r.element).collect();
        assert_eq!(
            elements,
            [
                Element::CopyNumber,
                Element::Secrecy,
                Element::DocNumber,
                Element::SignerLabel,
                Element::Signers,
                Element::PageNumber
            ]
        );
        let classes = runs(&doc)[2].classes(kinsoku::Kinsoku::default());
        assert_eq!(classes[3].1, chars::CharClass::FullWidth);
        assert_eq!(classes[4].1, chars::CharClass::Figure);
    }
}
