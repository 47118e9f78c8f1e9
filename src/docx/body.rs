//! `word/document.xml` as docx-rs paragraphs and tables: every block of the model, and the
//! section properties (A4, margins, the 22-line grid, odd/even page-number footers).
//!
//! Text is sanitised before docx-rs sees it ([`super::xml::sanitize`]); what docx-rs has no
//! API for (repeated header rows, `firstLineChars`, schema order) is added by
//! [`super::patch`] afterwards.

use docx_rs::{
    AlignmentType, BreakType, DocGrid, DocGridType, Docx, LineSpacing, LineSpacingType, Paragraph,
    Run, SpecialIndentType,
};

use super::parts::{ids, role_run};
use super::sections::{SectionKind, SectionStart};
use super::Geometry;
use crate::layout::frame::ImprintPlace;
use crate::layout::table::TableGeometry;
use crate::layout::SignatureKeep;
use crate::model::{attachment_lines, Block, Document, Heading, RunRole, Table};
use crate::style::Style;
use crate::typeset::{Element, Typeset};

struct Writer<'a> {
    docx: Docx,
    style: &'a Style,
    g: &'a Geometry,
    /// A page break waits for the next paragraph (`w:pageBreakBefore`).
    pending_break: bool,
    /// The previous block was a title or subtitle: a blank line follows the title block.
    after_title: bool,
    /// Header-row counts of the tables written so far, in document order.
    header_rows: Vec<usize>,
    /// Where the layout puts the 版记.
    imprint_place: ImprintPlace,
    /// Lines of 份号/密级/紧急程度 just written (the masthead after them starts higher).
    marks_above: usize,
    /// Body children (paragraph or table, from 0) that are headings not kept with the next.
    unkept: Vec<usize>,
    /// The layout's geometry of each table, in document order.
    tables: std::slice::Iter<'a, TableGeometry>,
    /// Where sections with other page numbering start.
    sections: Vec<SectionStart>,
    /// A landscape table was the last block: the next block starts an upright section.
    resume_upright: bool,
    /// The first body child of the block before the one being written, and how the layout
    /// keeps that block with a signature right after it.
    before: (usize, SignatureKeep),
}

/// What [`document`] returns: the document and what the patch step and the redline need.
pub struct Body {
    /// The document with the body added.
    pub docx: Docx,
    /// The header-row count of every table, in document order.
    pub header_rows: Vec<usize>,
    /// The body children that are headings not kept with the next paragraph.
    pub unkept: Vec<usize>,
    /// Where sections with other page numbering start.
    pub sections: Vec<SectionStart>,
    /// For every body child, the block it was written for.
    pub owners: Vec<Option<usize>>,
}

/// The body of the report added to `docx`, with the section's page size, margins and grid.
/// Tables are written from `tables`, the layout's geometry of each table in document order;
/// the 版记 goes where the layout put it (`imprint_place`).
/// Returns the document, the header-row count of every table in document order (the patch
/// step marks those rows `w:tblHeader`) and the body children that are headings not kept with
/// the next paragraph (the patch step writes `w:keepNext w:val="0"`, which docx-rs cannot),
/// where sections with other page numbering start (the patch step splits the body there),
/// and for every body child the block it was written for (see [`super::Written::blocks`]).
/// The blocks before signatures are kept with them as `signature_keeps` says (the layout's
/// decision, [`crate::layout::signature_keeps`]; any other such block keeps its last lines).
pub fn document(
    docx: Docx,
    doc: &Document,
    style: &Style,
    g: &Geometry,
    tables: &[TableGeometry],
    imprint_place: ImprintPlace,
    signature_keeps: &[(usize, SignatureKeep)],
) -> Body {
    let mut w = Writer {
        tables: tables.iter(),
        docx,
        style,
        g,
        pending_break: false,
        after_title: false,
        header_rows: Vec::new(),
        imprint_place,
        marks_above: 0,
        unkept: Vec::new(),
        sections: Vec::new(),
        resume_upright: false,
        before: (0, SignatureKeep::LastLines),
    };
    let mut owners = Vec::new();
    let group = |i: usize| crate::layout::landscape_group(&doc.blocks, i);
    for (i, block) in doc.blocks.iter().enumerate() {
        // A landscape section starts at a 横排表格, or at the headings the layout carries onto
        // its pages.
        let turns = group(i).is_some() && i.checked_sub(1).and_then(group) != group(i);
        let start = w.docx.document.children.len();
        w.block(
            block,
            crate::layout::heading_keeps_with_next(&doc.blocks, i),
            turns,
        );
        owners.resize(w.docx.document.children.len(), Some(i));
        let keep = signature_keeps
            .iter()
            .find(|(b, _)| *b == i)
            .map_or(SignatureKeep::LastLines, |(_, k)| *k);
        w.before = (start, keep);
    }
    if w.pending_break {
        w.push_raw(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    }
    owners.resize(w.docx.document.children.len(), None);
    let mut docx = w
        .docx
        .page_size(g.page_w.max(0) as u32, g.page_h.max(0) as u32)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(g.top)
                .right(g.right)
                .bottom(g.bottom)
                .left(g.left)
                .header(851)
                .footer(g.footer)
                .gutter(0),
        );
    docx.document.section_property = std::mem::take(&mut docx.document.section_property).doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(g.line_pitch as usize),
    );
    Body {
        docx,
        header_rows: w.header_rows,
        unkept: w.unkept,
        sections: w.sections,
        owners,
    }
}

impl Writer<'_> {
    fn push_raw(&mut self, p: Paragraph) {
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    /// Appends one paragraph; a waiting page break goes into its properties.
    fn para(&mut self, mut p: Paragraph) {
        if self.pending_break {
            p = p.page_break_before(true);
            self.pending_break = false;
        }
        self.push_raw(p);
    }

    /// An empty body line (one grid line high).
    fn blank(&mut self, keep_next: bool) {
        let p = Paragraph::new();
        self.para(if keep_next { p.keep_next(true) } else { p });
    }

    /// A run of `text` set as the typesetting layer sets `element`, with every font attribute
    /// written out.
    fn run(&self, element: Element, text: &str) -> Run {
        self.run_role(element.role(), text)
    }

    /// A run of `text` in `role` (a table cell's, from the table geometry).
    fn run_role(&self, role: RunRole, text: &str) -> Run {
        role_run(self.g, &Typeset::new(self.style).role(role), text)
    }

    /// Indentation of `n` grid cells (body size) in twips.
    fn cells_tw(&self, n: f32) -> i32 {
        let body = crate::typeset::size(self.style, Element::Paragraph.role());
        (n * self.g.advance(body) as f32).round() as i32
    }

    /// Starts a section of `kind` (on a new page) at the next body child; a section started
    /// there already becomes one of `kind`.
    fn start_section(&mut self, kind: SectionKind) {
        self.pending_break = false;
        let child = self.docx.document.children.len();
        match self.sections.last_mut() {
            Some(s) if s.child == child => s.kind = kind,
            _ => self.sections.push(SectionStart { child, kind }),
        }
    }

    /// Writes `block`; `keep` says whether a standalone heading is kept with what follows,
    /// `turns` whether a landscape section (横排表格) starts with it.
    fn block(&mut self, block: &Block, keep: bool, turns: bool) {
        if std::mem::take(&mut self.resume_upright) {
            self.start_section(SectionKind::Numbered);
        }
        if turns {
            self.start_section(SectionKind::Landscape);
        }
        let is_title_part = matches!(block, Block::Title { .. } | Block::Subtitle { .. });
        if self.after_title && !is_title_part {
            self.blank(false);
        }
        self.after_title = is_title_part;
        match block {
            Block::Title { lines } => {
                // The layout's rule: the title takes whole grid lines, so the last title line
                // gets the rest as space after and the body below stays on the grid.
                let pitch = self.style.grid.line_pitch_pt();
                let grid_tw = crate::layout::title_grid_lines(lines.len(), pitch) as i32
                    * self.g.line_pitch as i32;
                let line_tw = crate::layout::pt_to_twips(crate::layout::TITLE_PITCH);
                let after = (grid_tw - line_tw * lines.len() as i32).max(0);
                for (k, line) in lines.iter().enumerate() {
                    let r = self.run(Element::Title, line);
                    let mut p = styled(ids::TITLE).add_run(r);
                    if k + 1 == lines.len() && after > 0 {
                        p = p.line_spacing(
                            LineSpacing::new()
                                .before(0)
                                .after(after as u32)
                                .line(line_tw)
                                .line_rule(LineSpacingType::Exact),
                        );
                    }
                    self.para(p);
                }
            }
            Block::Subtitle { text } => {
                let r = self.run(Element::Subtitle, text);
                self.para(styled(ids::SUBTITLE).add_run(r));
            }
            Block::Salutation { text } => {
                let r = self.run(Element::Salutation, text);
                self.para(styled(ids::SALUTATION).add_run(r));
            }
            Block::Heading(h) => self.heading(h, keep),
            Block::Paragraph { text } | Block::Note { text } => {
                let element = match block {
                    Block::Note { .. } => Element::Note,
                    _ => Element::Paragraph,
                };
                let r = self.run(element, text);
                self.para(styled(ids::BODY).add_run(r));
            }
            Block::Attachments { items } => self.attachments(items),
            Block::Signature { names, date } => self.signature(names, date),
            Block::Table(t) => self.table(t),
            // A section starts on a new page already (as the layout's page runs do).
            Block::PageBreak => {
                let child = self.docx.document.children.len();
                self.pending_break = self.sections.last().is_none_or(|s| s.child != child);
            }
            Block::DocMarks {
                copy_number,
                secrecy,
                urgency,
            } => {
                let marks: Vec<(String, Element)> = [
                    (copy_number, Element::CopyNumber),
                    (secrecy, Element::Secrecy),
                    (urgency, Element::Urgency),
                ]
                .into_iter()
                .filter_map(|(t, r)| t.clone().map(|t| (t, r)))
                .collect();
                self.marks_above = marks.len();
                for p in super::frame::marks(self.g, self.style, &marks) {
                    self.para(p);
                }
            }
            Block::Masthead { issuers, suffix } => {
                let above = std::mem::take(&mut self.marks_above);
                match crate::layout::frame::masthead_issuers(issuers, suffix.as_deref()) {
                    (_, Some(s)) => {
                        let t = super::frame::joint_masthead(self.g, self.style, issuers, s, above);
                        self.header_rows.push(0);
                        self.docx = std::mem::take(&mut self.docx).add_table(t);
                    }
                    (lines, None) => {
                        for p in super::frame::masthead(self.g, self.style, &lines, above) {
                            self.para(p);
                        }
                    }
                }
                let (_, blanks) =
                    crate::layout::frame::masthead_lines(self.style, issuers.len(), above);
                for _ in 0..blanks {
                    self.blank(true);
                }
            }
            Block::DocNumber { number, signers } => {
                let p = super::frame::number(self.g, self.style, number, signers);
                self.para(p);
                self.blank(true);
            }
            Block::AttachmentPage { number, title } => {
                self.pending_break = true;
                let p = super::frame::attachment_label(self.g, self.style, *number);
                self.para(p);
                self.blank(true);
                let r = self.run(Element::AttachmentTitle, title);
                self.para(styled(ids::TITLE).add_run(r));
                self.after_title = true;
            }
            Block::SealedSignature { names, date } => self.sealed_signature(names, date),
            Block::Imprint(i) => {
                let ImprintPlace {
                    new_pages: pages,
                    blank_lines: blanks,
                } = self.imprint_place;
                if pages == 2 {
                    // A blank page, then the 版记's page: both without a number (§7.5), a
                    // section of their own that starts on a new page.
                    self.start_section(SectionKind::Unnumbered);
                    self.blank(false);
                    self.pending_break = true;
                    self.blank(false);
                } else {
                    for _ in 0..pages {
                        self.pending_break = true;
                        self.blank(false);
                    }
                }
                for _ in 0..blanks.saturating_sub(usize::from(pages > 0)) {
                    self.blank(false);
                }
                let table = super::frame::imprint(self.g, self.style, i);
                self.header_rows.push(0);
                self.docx = std::mem::take(&mut self.docx).add_table(table);
                self.push_raw(super::frame::after_imprint());
            }
        }
    }

    /// Standalone: the heading style (kept with the next paragraph unless `keep` is false, see
    /// [`crate::layout::heading_keeps_with_next`]). Run-in: a body paragraph with the heading's
    /// outline level (navigation pane, table of contents) whose first run is label + heading
    /// in the heading font and whose second run is the body.
    fn heading(&mut self, h: &Heading, keep: bool) {
        let level = h.level.clamp(1, 4);
        let mut runs = crate::typeset::heading_runs(h)
            .into_iter()
            .map(|(e, text)| self.run(e, &text));
        let Some(head) = runs.next() else {
            return;
        };
        match runs.next() {
            None => {
                if !keep {
                    self.unkept.push(self.docx.document.children.len());
                }
                self.para(styled(ids::heading(level)).add_run(head));
            }
            Some(body) => {
                self.para(
                    styled(ids::BODY)
                        .outline_lvl(usize::from(level - 1))
                        .add_run(head)
                        .add_run(body),
                );
            }
        }
    }

    /// 附件说明 (spec §4, §7): one blank line below the body, "附件：" two cells in; with
    /// several attachments "2." … align under "1.", and wrapped lines align with the names.
    fn attachments(&mut self, items: &[String]) {
        let lines = attachment_lines(items);
        if lines.is_empty() {
            return;
        }
        self.blank(false);
        let name_start = self.cells_tw(5.0);
        let label = self.cells_tw(3.0);
        for (i, line) in lines.iter().enumerate() {
            let special = (i == 0).then_some(SpecialIndentType::Hanging(label));
            let r = self.run(Element::Attachments, line);
            self.para(
                Paragraph::new()
                    .indent(Some(name_start), special, None, None)
                    .align(AlignmentType::Left)
                    .add_run(r),
            );
        }
    }

    /// Unsealed signature (spec §7 rule 18): one blank line, the name(s) ending two cells
    /// before the right edge, the date two cells right of the name's start (or pushed left by a
    /// long date), all kept together.
    fn signature(&mut self, names: &[String], date: &str) {
        let name_cells = names
            .iter()
            .map(|n| crate::model::text_cells(n))
            .fold(0.0, f32::max);
        let (name_start, date_start) = self
            .style
            .signature_cells(name_cells, crate::model::text_cells(date));
        self.keep_before_signature();
        self.blank(true);
        let place = |left: i32, keep_next: bool| {
            let p = Paragraph::new()
                .indent(Some(left), None, None, None)
                .align(AlignmentType::Left);
            if keep_next {
                p.keep_next(true)
            } else {
                p
            }
        };
        for name in names {
            let r = self.run(Element::SignatureName, name);
            self.para(place(self.cells_tw(name_start), true).add_run(r));
        }
        let r = self.run(Element::SignatureDate, date);
        self.para(place(self.cells_tw(date_start), false).add_run(r));
    }

    /// The text before a signature kept with it as the layout keeps it: the previous block's
    /// paragraphs with text `w:keepLines` and `w:keepNext` when the layout moves it whole,
    /// its last paragraph `w:keepNext` when its last lines go along (`w:widowControl` brings
    /// two), nothing when a page break splits it anyway.
    fn keep_before_signature(&mut self) {
        let (start, keep) = self.before;
        let whole = keep == SignatureKeep::Whole;
        let children = &mut self.docx.document.children;
        let from = match keep {
            SignatureKeep::Whole => start.min(children.len()),
            SignatureKeep::LastLines => children.len().saturating_sub(1),
            SignatureKeep::Split => children.len(),
        };
        for child in &mut children[from..] {
            if let docx_rs::DocumentChild::Paragraph(p) = child {
                if whole && p.children.is_empty() {
                    continue;
                }
                let kept = std::mem::replace(&mut **p, Paragraph::new()).keep_next(true);
                **p = if whole { kept.keep_lines(true) } else { kept };
            }
        }
    }

    /// Sealed signature (GB/T 9704 §7.3.5.1): two blank lines for the seal, the name centred
    /// over the date, the date four cells from the right edge, all kept together.
    fn sealed_signature(&mut self, names: &[String], date: &str) {
        let date_cells = crate::model::text_cells(date);
        self.keep_before_signature();
        self.blank(true);
        self.blank(true);
        for name in names {
            let (start, _) = self
                .style
                .sealed_signature_cells(crate::model::text_cells(name), date_cells);
            let r = self.run(Element::SignatureName, name);
            let p = Paragraph::new()
                .indent(Some(self.cells_tw(start)), None, None, None)
                .align(AlignmentType::Left)
                .keep_next(true);
            self.para(p.add_run(r));
        }
        let (_, start) = self.style.sealed_signature_cells(0.0, date_cells);
        let r = self.run(Element::SignatureDate, date);
        let p = Paragraph::new()
            .indent(Some(self.cells_tw(start)), None, None, None)
            .align(AlignmentType::Left);
        self.para(p.add_run(r));
    }

    /// Caption (header role, on the grid), the table as [`super::table::table`] writes it
    /// from the layout's geometry, then the note (one grid line per line, as in the PDF).
    fn table(&mut self, t: &Table) {
        // 横排表格: caption, table and note on landscape pages of their own (the section
        // started with the table or the headings before it); upright pages follow.
        if t.landscape {
            self.resume_upright = true;
        }
        if let Some(c) = &t.caption {
            let r = self.run(Element::TableCaption, c);
            self.para(styled(ids::CAPTION).add_run(r));
        }
        let geometry = self.tables.next();
        if let (Some(g), true) = (geometry, t.columns() > 0) {
            if self.pending_break {
                self.push_raw(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
                self.pending_break = false;
            }
            let run = |role: RunRole, text: &str| self.run_role(role, text);
            let cell_style = |header: bool| if header { ids::HEADER_CELL } else { ids::CELL };
            let table = super::table::table(t, g, &run, &cell_style);
            self.header_rows.push(t.header_rows.min(t.rows.len()));
            self.docx = std::mem::take(&mut self.docx).add_table(table);
        }
        if let Some(n) = &t.note {
            let r = self.run(Element::TableNote, n);
            self.para(styled(ids::TABLE_NOTE).add_run(r));
        }
    }
}

/// A paragraph naming only a style.
fn styled(id: &str) -> Paragraph {
    Paragraph::new().style(id)
}
