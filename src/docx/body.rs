//! `word/document.xml`: every block of the model as paragraphs and tables, and the section
//! properties (A4, margins, the 22-line grid, odd/even page-number footers).

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use super::parts::{ids, role_rpr, EVEN_FOOTER_RID, ODD_FOOTER_RID, R_NS, W_NS};
use super::xml::{run, Ind, PPr};
use super::Geometry;
use crate::model::{attachment_lines, Block, Document, Heading, RunRole, Table};
use crate::style::Style;

/// Width of a string in grid cells: a full-width character is one cell, a half-width one about
/// 0.507 (a Times New Roman digit, 8 pt, against a 15.79 pt cell), as spec §7 counts them.
pub fn cells(s: &str) -> f32 {
    s.chars()
        .map(|c| match c.width() {
            Some(2) => 1.0,
            Some(1) => 0.507,
            _ => 0.0,
        })
        .sum()
}

struct Writer<'a> {
    out: String,
    style: &'a Style,
    g: &'a Geometry,
    /// A page break waits for the next paragraph (`w:pageBreakBefore`).
    pending_break: bool,
    /// The previous block was a title or subtitle: a blank line follows the title block.
    after_title: bool,
}

/// The complete `document.xml`.
pub fn document(doc: &Document, style: &Style, g: &Geometry) -> String {
    let mut w = Writer {
        out: String::new(),
        style,
        g,
        pending_break: false,
        after_title: false,
    };
    for block in &doc.blocks {
        w.block(block);
    }
    if w.pending_break {
        w.out
            .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
    }
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:document xmlns:w="{}" xmlns:r="{}"><w:body>{}"#,
            r#"<w:sectPr><w:footerReference w:type="default" r:id="{}"/>"#,
            r#"<w:footerReference w:type="even" r:id="{}"/>"#,
            r#"<w:pgSz w:w="{}" w:h="{}"/>"#,
            r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/>"#,
            r#"<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{}"/>"#,
            "</w:sectPr></w:body></w:document>"
        ),
        W_NS,
        R_NS,
        w.out,
        ODD_FOOTER_RID,
        EVEN_FOOTER_RID,
        g.page_w,
        g.page_h,
        g.top,
        g.right,
        g.bottom,
        g.left,
        g.footer,
        g.line_pitch
    )
}

impl Writer<'_> {
    /// Appends one paragraph; a waiting page break goes into its properties.
    fn para(&mut self, mut ppr: PPr, runs: &str) {
        if self.pending_break {
            ppr.page_break_before = true;
            self.pending_break = false;
        }
        let _ = write!(self.out, "<w:p>{}{runs}</w:p>", ppr.xml());
    }

    /// An empty body line (one grid line high).
    fn blank(&mut self, keep_next: bool) {
        self.para(
            PPr {
                keep_next,
                ..PPr::default()
            },
            "",
        );
    }

    /// A run of `text` in the font of `role`, with every font attribute written out.
    fn run(&self, role: RunRole, text: &str) -> String {
        let spec = self.style.fonts.for_role(role);
        let on_grid = !matches!(
            role,
            RunRole::Title | RunRole::TableCell | RunRole::TableHeader | RunRole::PageNumber
        );
        run(&role_rpr(self.g, self.style, spec, on_grid), text)
    }

    /// Indentation of `n` grid cells (body size) in twips.
    fn cells_tw(&self, n: f32) -> i32 {
        (n * self.g.advance(self.style.fonts.body.size_pt) as f32).round() as i32
    }

    fn block(&mut self, block: &Block) {
        let is_title_part = matches!(block, Block::Title { .. } | Block::Subtitle { .. });
        if self.after_title && !is_title_part {
            self.blank(false);
        }
        self.after_title = is_title_part;
        match block {
            Block::Title { lines } => {
                for line in lines {
                    let r = self.run(RunRole::Title, line);
                    self.para(styled(ids::TITLE), &r);
                }
            }
            Block::Subtitle { text } => {
                let r = self.run(RunRole::Subtitle, text);
                self.para(styled(ids::SUBTITLE), &r);
            }
            Block::Salutation { text } => {
                let r = self.run(RunRole::Body, text);
                self.para(styled(ids::SALUTATION), &r);
            }
            Block::Heading(h) => self.heading(h),
            Block::Paragraph { text } | Block::Note { text } => {
                let r = self.run(RunRole::Body, text);
                self.para(styled(ids::BODY), &r);
            }
            Block::Attachments { items } => self.attachments(items),
            Block::Signature { names, date } => self.signature(names, date),
            Block::Table(t) => self.table(t),
            Block::PageBreak => self.pending_break = true,
        }
    }

    /// Standalone: the heading style (kept with the next paragraph). Run-in: a body paragraph
    /// whose first run is label + heading in the heading font and whose second run is the body.
    fn heading(&mut self, h: &Heading) {
        let level = h.level.clamp(1, 4);
        let mut runs = self.run(RunRole::Heading(level), &h.label_and_text());
        match &h.body {
            None => self.para(styled(ids::heading(level)), &runs),
            Some(body) => {
                runs.push_str(&self.run(RunRole::Body, body));
                self.para(styled(ids::BODY), &runs);
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
            let ind = Ind {
                left: name_start,
                first_line: if i == 0 { -label } else { 0 },
                ..Ind::default()
            };
            let r = self.run(RunRole::Body, line);
            self.para(
                PPr {
                    ind: Some(ind),
                    jc: Some("left"),
                    ..PPr::default()
                },
                &r,
            );
        }
    }

    /// Unsealed signature (spec §7 rule 18): one blank line, the name(s) ending two cells
    /// before the right edge, the date two cells right of the name's start (or pushed left by a
    /// long date), all kept together.
    fn signature(&mut self, names: &[String], date: &str) {
        let name_cells = names.iter().map(|n| cells(n)).fold(0.0, f32::max);
        let (name_start, date_start) = self.style.signature_cells(name_cells, cells(date));
        self.blank(true);
        let place = |left: i32, keep_next: bool| PPr {
            keep_next,
            ind: Some(Ind {
                left,
                ..Ind::default()
            }),
            jc: Some("left"),
            ..PPr::default()
        };
        for name in names {
            let r = self.run(RunRole::Body, name);
            self.para(place(self.cells_tw(name_start), true), &r);
        }
        let r = self.run(RunRole::Body, date);
        self.para(place(self.cells_tw(date_start), false), &r);
    }

    /// Caption, the table (fixed widths in tblW, gridCol and tcW; 0.5 pt borders; header rows
    /// repeated on every page; rows never split), then the note.
    fn table(&mut self, t: &Table) {
        let ncols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
        if let Some(c) = &t.caption {
            let r = self.run(RunRole::Heading(1), c);
            self.para(styled(ids::CAPTION), &r);
        }
        if ncols > 0 {
            if self.pending_break {
                self.out
                    .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
                self.pending_break = false;
            }
            let widths = column_widths(t, ncols, self.g.text_width());
            let border = |side: &str| {
                format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#)
            };
            let _ = write!(
                self.out,
                r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{}{}{}{}{}{}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#,
                widths.iter().sum::<i32>(),
                border("top"),
                border("left"),
                border("bottom"),
                border("right"),
                border("insideH"),
                border("insideV"),
            );
            for w in &widths {
                let _ = write!(self.out, r#"<w:gridCol w:w="{w}"/>"#);
            }
            self.out.push_str("</w:tblGrid>");
            for (i, row) in t.rows.iter().enumerate() {
                let header = i < t.header_rows;
                let _ = write!(
                    self.out,
                    "<w:tr><w:trPr><w:cantSplit/>{}</w:trPr>",
                    if header { "<w:tblHeader/>" } else { "" }
                );
                for (c, w) in widths.iter().enumerate() {
                    let text = row.get(c).map_or("", String::as_str);
                    let (role, id) = if header {
                        (RunRole::TableHeader, ids::HEADER_CELL)
                    } else {
                        (RunRole::TableCell, ids::CELL)
                    };
                    let jc = (!header && is_numeric(text)).then_some("center");
                    let _ = write!(
                        self.out,
                        r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p>{}{}</w:p></w:tc>"#,
                        PPr {
                            style: Some(id),
                            jc,
                            ..PPr::default()
                        }
                        .xml(),
                        self.run(role, text)
                    );
                }
                self.out.push_str("</w:tr>");
            }
            self.out.push_str("</w:tbl>");
        }
        if let Some(n) = &t.note {
            let r = self.run(RunRole::TableCell, n);
            self.para(styled(ids::TABLE_NOTE), &r);
        }
    }
}

/// Paragraph properties naming only a style.
fn styled(id: &str) -> PPr<'_> {
    PPr {
        style: Some(id),
        ..PPr::default()
    }
}

/// A cell holding a figure (digits with separators, signs, %): centred.
fn is_numeric(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || ".,%+-‰％ ".contains(c))
}

/// Column widths in twips summing to `total`: proportional to each column's widest cell (at
/// least two cells wide), the last column taking the rounding remainder.
fn column_widths(t: &Table, ncols: usize, total: i32) -> Vec<i32> {
    let weights: Vec<f32> = (0..ncols)
        .map(|c| {
            t.rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| cells(s))
                .fold(2.0, f32::max)
        })
        .collect();
    let sum: f32 = weights.iter().sum();
    let mut widths: Vec<i32> = weights
        .iter()
        .map(|w| (total as f32 * w / sum).floor() as i32)
        .collect();
    let used: i32 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total - used;
    }
    widths
}
