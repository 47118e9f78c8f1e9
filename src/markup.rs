//! Markup → model: the small line-based language a rendered template is written in.
//!
//! Written for office writers: a Chinese keyword and a colon at the start of a line says what the
//! line is, `#` marks headings (their numbers are computed here, never typed), blank lines
//! separate paragraphs, and everything else is body text.
//!
//! ```text
//! 标题：卢氏县全民素质行动计划纲要落实情况汇报     title line (1–3 such lines)
//! 副标题：（2012年10月10日）                       centred line under the title
//! 称谓：尊敬的马主席、各位领导：                   salutation
//! # 科技服务活动开展情况                           一、 heading (黑体)
//! ## 强化组织领导，迅速部署动员                     （一） heading (楷体)
//! ## 健全机构，强化组织保障。县委、县政府……        run-in: the heading ends at its 。
//! ### …   #### …                                  1.  and （1） headings
//! 附件：名单                                       attachment note (one line per attachment)
//! 署名：卢氏县科学技术协会                         signature …
//! 日期：2012年10月10日                             … and date
//! 附注：此件公开发布                               note under the date
//! 表题：…  | a | b |  |---|---|  表注：…             table with caption and note
//! 列宽：20,自动  | < |  | ^ |  <br>  |:-:|--:|-.-|=|   column widths, spans, breaks, alignment
//! 版式：横排                                       the next table on landscape pages (横排表格)
//! ---                                              page break
//! 份号：1  密级：秘密★1年  紧急程度：特急           marks above the masthead
//! 发文机关：…  发文字号：…〔2024〕5号  签发人：…       GB/T 9704 版头 (masthead, number, red line)
//! 发文机关后缀：文件                               the 文件 after the issuer(s), beside joint ones
//! 主送：市人民政府                                 主送机关 (a salutation)
//! 附件页：名称                                     attachment page (附件N computed)
//! 抄送：…  印发机关：…  印发日期：…                  版记, last
//! 印章：云溪县人民政府  then  日期：…                sealed signature (room for the seal)
//! \# text                                          a backslash makes the line plain body text
//! ```
//!
//! Lines of one paragraph are joined without a space between Chinese characters (with one
//! between Latin words), so templates can wrap long sentences.
//!
//! Only template text is markup. The text of a fact (an expression's output, marked by
//! [`crate::provenance`]) is literal: at a line start it is no keyword or heading, in a table
//! row its `|` splits no cell, and its line breaks join like wrapped template lines.

use crate::diag::texts::template as texts;
use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics, Location, Text};
use crate::model::{
    heading_number, Align, Block, ColumnSpec, Document, Heading, Imprint, Merge, Table,
};
use crate::provenance::{strip, without_template_markers, FACT_CLOSE, FACT_OPEN};

/// Sentence-ending punctuation that closes a run-in heading.
const SENTENCE_END: [char; 3] = ['。', '！', '？'];

/// Longest title line that fits: 20 二号 characters across the type area.
const TITLE_LINE_MAX: usize = 20;

/// Longest title line the title rules advise (formal-style.md §6: keep ≤ 18 so no line fills
/// the width).
const TITLE_LINE_ADVISED: usize = 18;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyword {
    Title,
    Subtitle,
    Salutation,
    Attachment,
    Signature,
    Date,
    Note,
    Caption,
    TableNote,
    ColumnWidths,
    Orientation,
    Masthead,
    MastheadSuffix,
    DocNumber,
    Signer,
    Addressee,
    AttachmentPage,
    Copies,
    Printer,
    PrintDate,
    Seal,
    CopyNumber,
    Secrecy,
    Urgency,
}

/// The GB/T 9704 frame's keywords (版头, 主送, 附件 pages, 版记).
const FRAME_KEYWORDS: [(&str, Keyword); 29] = [
    ("发文机关后缀", Keyword::MastheadSuffix),
    ("發文機關後綴", Keyword::MastheadSuffix),
    ("緊急程度", Keyword::Urgency),
    ("蓋章", Keyword::Seal),
    ("份号", Keyword::CopyNumber),
    ("份號", Keyword::CopyNumber),
    ("密级", Keyword::Secrecy),
    ("密級", Keyword::Secrecy),
    ("紧急程度", Keyword::Urgency),
    ("印章", Keyword::Seal),
    ("盖章", Keyword::Seal),
    ("发文机关", Keyword::Masthead),
    ("發文機關", Keyword::Masthead),
    ("发文字号", Keyword::DocNumber),
    ("發文字號", Keyword::DocNumber),
    ("签发人", Keyword::Signer),
    ("簽發人", Keyword::Signer),
    ("主送机关", Keyword::Addressee),
    ("主送機關", Keyword::Addressee),
    ("主送", Keyword::Addressee),
    ("附件页", Keyword::AttachmentPage),
    ("附件頁", Keyword::AttachmentPage),
    ("抄送", Keyword::Copies),
    ("印发机关", Keyword::Printer),
    ("印發機關", Keyword::Printer),
    ("印发日期", Keyword::PrintDate),
    ("印發日期", Keyword::PrintDate),
    ("印发", Keyword::Printer),
    ("印發", Keyword::Printer),
];

const KEYWORDS: [(&str, Keyword); 20] = [
    ("版式", Keyword::Orientation),
    ("标题", Keyword::Title),
    ("標題", Keyword::Title),
    ("副标题", Keyword::Subtitle),
    ("副標題", Keyword::Subtitle),
    ("称谓", Keyword::Salutation),
    ("稱謂", Keyword::Salutation),
    ("附件", Keyword::Attachment),
    ("署名", Keyword::Signature),
    ("日期", Keyword::Date),
    ("附注", Keyword::Note),
    ("附註", Keyword::Note),
    ("表题", Keyword::Caption),
    ("表題", Keyword::Caption),
    ("表注", Keyword::TableNote),
    ("表註", Keyword::TableNote),
    ("题注", Keyword::Caption),
    ("題註", Keyword::Caption),
    ("列宽", Keyword::ColumnWidths),
    ("列寬", Keyword::ColumnWidths),
];

/// A problem found in the markup, located at line `line` of the rendered text.
fn problem(code: Code, line: usize, text: &str, message: Text) -> Diagnostic {
    Diagnostic::error(code, message).at(rendered_at(line, text))
}

/// Line `line` (from 1) of the rendered text, `text` (its provenance markers are dropped): the
/// place of a problem in the markup ([`crate::diag::Place::Rendered`]), which the pipeline points
/// back at the fact or template line the text came from where it can.
pub fn rendered_at(line: usize, text: &str) -> Location {
    let text = strip(text);
    Location {
        place: crate::diag::Place::Rendered,
        line,
        col: 1,
        window_col: 1,
        len: text.chars().count().max(1),
        source_line: Some(text),
    }
}

/// Parses rendered markup into the document model. Errors and warnings come back together;
/// the document is usable when none is an error.
pub fn parse(text: &str) -> (Document, Diagnostics) {
    parse_located(text, &|_| None)
}

/// Where a line of the rendered text (with its provenance markers) came from: a location and
/// the fact path, if a fact.
pub type Locate<'a> = dyn Fn(&str) -> Option<(Location, Option<String>)> + 'a;

/// [`parse`] for text with provenance markers: each problem is placed where `locate` says its
/// line came from (left at the rendered line when it says nothing).
pub fn parse_located(text: &str, locate: &Locate<'_>) -> (Document, Diagnostics) {
    let (doc, _, diags) = parse_mapped(text, locate);
    (doc, diags)
}

/// [`parse_located`], also giving for each block the line of `text` (from 1) it starts on.
pub fn parse_mapped(text: &str, locate: &Locate<'_>) -> (Document, Vec<usize>, Diagnostics) {
    let lines = crate::provenance::lines(text);
    let (doc, starts, mut diags) = Parser::default().run(&lines);
    for d in &mut diags.0 {
        let Some(loc) = d.location.as_ref() else {
            continue;
        };
        if loc.place != crate::diag::Place::Rendered {
            continue;
        }
        let origin = lines.get(loc.line.wrapping_sub(1)).and_then(|l| locate(l));
        if let Some((at, fact)) = origin {
            d.location = Some(at);
            if fact.is_some() {
                d.fact = fact;
            }
        }
    }
    (doc, starts, diags)
}

#[derive(Default)]
struct Parser {
    blocks: Vec<Block>,
    diags: Diagnostics,
    para: Vec<String>,
    run_in: Option<Heading>,
    counters: [usize; 4],
    last_level: u8,
    table: Option<Table>,
    table_sep_seen: bool,
    /// The markup line number and text of each row of the table being read.
    row_lines: Vec<(usize, String)>,
    /// Columns whose equal consecutive body cells merge (`=` in the separator row).
    merge_equal: Vec<bool>,
    caption: Option<String>,
    /// Column widths (`列宽：`) waiting for the next table: millimetres, `None` automatic.
    widths: Option<(usize, Vec<Option<f32>>)>,
    /// `版式：横排` waiting for the next table: its line.
    landscape: Option<(usize, String)>,
    names: Vec<String>,
    /// Attachment pages so far (附件页： numbers them).
    attachment_pages: usize,
    /// The signature being collected is sealed (`印章：`).
    sealed: bool,
    /// The 版记 being collected, with the line it started on and the block count then.
    imprint: Option<(Imprint, usize, usize)>,
    /// The markup line each block starts on (parallel to `blocks`).
    starts: Vec<usize>,
    /// The line the paragraph being collected starts on.
    para_from: usize,
    /// The line of the run-in heading waiting for its body.
    run_in_from: usize,
    /// The line of the first name of the signature being collected.
    names_from: usize,
}

impl Parser {
    /// Appends `block`, which starts on markup line `line`.
    fn push(&mut self, line: usize, block: Block) {
        self.blocks.push(block);
        self.starts.push(line);
    }

    /// Adds `text` to the paragraph being collected, read on line `n`.
    fn para_line(&mut self, n: usize, text: String) {
        if self.para.is_empty() && self.run_in.is_none() {
            self.para_from = n;
        }
        self.para.push(text);
    }

    fn run(mut self, lines: &[String]) -> (Document, Vec<usize>, Diagnostics) {
        for (i, raw) in lines.iter().enumerate() {
            self.line(i + 1, raw);
        }
        self.flush_para();
        self.flush_table();
        self.flush_signature(None, 0, "");
        self.flush_imprint(lines);
        if let Some((n, line)) = self.landscape.take() {
            self.diags.push(problem(
                Code::MarkupTable,
                n,
                &line,
                texts::landscape_no_table(),
            ));
        }
        if let Some(c) = self.caption.take() {
            self.diags.push(problem(
                Code::MarkupCaption,
                lines.len(),
                &c,
                texts::caption_no_table(),
            ));
        }
        (
            Document {
                blocks: self.blocks,
            },
            self.starts,
            self.diags,
        )
    }

    fn line(&mut self, n: usize, raw: &str) {
        // Structure is read from template text only: fact text stays wrapped in its sentinels.
        let raw = without_template_markers(raw);
        let line = raw.trim_matches(|c: char| c.is_whitespace() && c != '\u{3000}');
        let line = line.trim_end();
        if strip(line).trim().is_empty() {
            self.flush_para();
            self.flush_table();
            return;
        }
        if let Some(rest) = line.strip_prefix('\\') {
            self.flush_table();
            self.para_line(n, rest.to_string());
            return;
        }
        if line.starts_with('|') {
            self.flush_para();
            self.table_row(n, line);
            return;
        }
        self.flush_table();
        if line == "---" || line == "———" {
            self.flush_para();
            self.flush_signature(None, n, line);
            self.push(n, Block::PageBreak);
            return;
        }
        if let Some((level, text)) = heading(line) {
            self.flush_para();
            self.flush_signature(None, n, line);
            self.heading(n, level, text, line);
            return;
        }
        if let Some((kw, value)) = keyword(line) {
            self.flush_para();
            self.keyword(n, kw, value, line);
            return;
        }
        self.para_line(n, line.to_string());
    }

    fn heading(&mut self, n: usize, level: usize, text: &str, line: &str) {
        if level > 4 {
            self.diags.push(problem(
                Code::MarkupLevel,
                n,
                line,
                texts::heading_too_deep(level),
            ));
            return;
        }
        let level = level as u8;
        if level > self.last_level + 1 {
            self.diags.push(
                Diagnostic::warning(Code::WarnMarkupSkip, texts::heading_skips(level, level - 1))
                    .at(rendered_at(n, line)),
            );
        }
        self.last_level = level;
        let idx = level as usize - 1;
        self.counters[idx] += 1;
        for c in &mut self.counters[idx + 1..] {
            *c = 0;
        }
        let number = heading_number(level, self.counters[idx]);
        let text = strip(text);
        let text = text.trim();
        // A heading that ends its first sentence with 。！？ is run-in: the rest of its
        // paragraph continues in body type.
        if let Some(pos) = text.find(SENTENCE_END) {
            let end = pos + text[pos..].chars().next().map_or(0, char::len_utf8);
            let (head, body) = text.split_at(end);
            self.run_in_from = n;
            self.run_in = Some(Heading {
                level,
                number,
                text: head.to_string(),
                body: None,
            });
            if !body.trim().is_empty() {
                self.para_line(n, body.trim().to_string());
            }
        } else {
            self.push(
                n,
                Block::Heading(Heading {
                    level,
                    number,
                    text: text.to_string(),
                    body: None,
                }),
            );
        }
    }

    fn keyword(&mut self, n: usize, kw: Keyword, value: &str, line: &str) {
        let value = strip(value).trim().to_string();
        if !matches!(kw, Keyword::Signature | Keyword::Date | Keyword::Seal) {
            self.flush_signature(None, n, line);
        }
        match kw {
            Keyword::Title => {
                // Only the 版头 (marks, masthead, number) may come before the title.
                let head = |b: &Block| {
                    matches!(
                        b,
                        Block::Title { .. }
                            | Block::DocMarks { .. }
                            | Block::Masthead { .. }
                            | Block::DocNumber { .. }
                    )
                };
                if self.blocks.iter().any(|b| !head(b)) {
                    self.diags.push(
                        Diagnostic::warning(Code::WarnMarkupTitleBody, texts::title_in_body())
                            .at(rendered_at(n, line)),
                    );
                }
                if value.chars().count() > TITLE_LINE_MAX {
                    self.diags.push(problem(
                        Code::MarkupTitle,
                        n,
                        line,
                        texts::title_line_too_long(TITLE_LINE_MAX, value.chars().count()),
                    ));
                } else if value.chars().count() > TITLE_LINE_ADVISED {
                    self.diags.push(
                        Diagnostic::warning(
                            Code::WarnMarkupTitle,
                            texts::title_line_long(value.chars().count(), TITLE_LINE_ADVISED),
                        )
                        .at(rendered_at(n, line)),
                    );
                }
                match self.blocks.last_mut() {
                    Some(Block::Title { lines }) => {
                        lines.push(value);
                        if lines.len() > 3 {
                            self.diags.push(problem(
                                Code::MarkupTitle,
                                n,
                                line,
                                texts::title_too_many_lines(),
                            ));
                        }
                    }
                    _ => self.push(n, Block::Title { lines: vec![value] }),
                }
            }
            Keyword::Subtitle => self.push(n, Block::Subtitle { text: value }),
            Keyword::Salutation => self.push(n, Block::Salutation { text: value }),
            Keyword::Attachment => match self.blocks.last_mut() {
                Some(Block::Attachments { items }) => items.push(value),
                _ => self.push(n, Block::Attachments { items: vec![value] }),
            },
            Keyword::Signature | Keyword::Seal => {
                if self.names.is_empty() {
                    self.names_from = n;
                }
                self.sealed |= kw == Keyword::Seal;
                self.names.push(value);
            }
            Keyword::Date => self.flush_signature(Some(value), n, line),
            Keyword::Note => {
                let text = if value.starts_with('（') {
                    value
                } else {
                    format!("（{value}）")
                };
                self.push(n, Block::Note { text });
            }
            Keyword::Caption => self.caption = Some(value),
            Keyword::Orientation => match value.as_str() {
                "横排" | "橫排" | "landscape" => self.landscape = Some((n, line.to_string())),
                "竖排" | "豎排" | "portrait" => self.landscape = None,
                _ => self.diags.push(problem(
                    Code::MarkupTable,
                    n,
                    line,
                    texts::orientation_unknown(&value),
                )),
            },
            Keyword::Masthead
            | Keyword::MastheadSuffix
            | Keyword::DocNumber
            | Keyword::Signer
            | Keyword::Addressee
            | Keyword::AttachmentPage
            | Keyword::Copies
            | Keyword::Printer
            | Keyword::PrintDate
            | Keyword::CopyNumber
            | Keyword::Secrecy
            | Keyword::Urgency => self.frame_keyword(n, kw, value, line),
            Keyword::ColumnWidths => match parse_widths(&value) {
                Some(w) => self.widths = Some((n, w)),
                None => self.diags.push(problem(
                    Code::MarkupTable,
                    n,
                    line,
                    texts::column_widths_invalid(),
                )),
            },
            Keyword::TableNote => match self.blocks.last_mut() {
                Some(Block::Table(t)) if t.note.is_none() => t.note = Some(value),
                _ => self.diags.push(problem(
                    Code::MarkupTable,
                    n,
                    line,
                    texts::table_note_no_table(),
                )),
            },
        }
    }

    /// `发文机关后缀：文件` right after the masthead's issuers: after a single issuer on its line,
    /// beside joint issuers; the whole must fit the type area's width.
    fn masthead_suffix(&mut self, n: usize, value: String, line: &str) {
        let Some(Block::Masthead { issuers, suffix }) = self.blocks.last_mut() else {
            self.diags.push(problem(
                Code::MarkupMasthead,
                n,
                line,
                texts::masthead_suffix_alone(),
            ));
            return;
        };
        let longest = issuers.iter().map(|i| i.chars().count()).max().unwrap_or(0);
        // A joint masthead leaves one character between the names and the suffix.
        let width = longest + usize::from(issuers.len() > 1) + value.chars().count();
        if width > TITLE_LINE_MAX {
            self.diags.push(problem(
                Code::MarkupMasthead,
                n,
                line,
                texts::masthead_suffix_too_wide(&value, width, TITLE_LINE_MAX),
            ));
        }
        *suffix = Some(value);
    }

    /// The GB/T 9704 frame's lines: masthead, number, signers, addressee, attachment pages and
    /// the 版记's items.
    fn frame_keyword(&mut self, n: usize, kw: Keyword, value: String, line: &str) {
        if matches!(
            kw,
            Keyword::CopyNumber | Keyword::Secrecy | Keyword::Urgency
        ) {
            if !matches!(self.blocks.last(), Some(Block::DocMarks { .. })) {
                self.push(
                    n,
                    Block::DocMarks {
                        copy_number: None,
                        secrecy: None,
                        urgency: None,
                    },
                );
            }
            if let Some(Block::DocMarks {
                copy_number,
                secrecy,
                urgency,
            }) = self.blocks.last_mut()
            {
                match kw {
                    Keyword::CopyNumber if value.chars().all(|c| c.is_ascii_digit()) => {
                        *copy_number = Some(format!("{value:0>6}"))
                    }
                    Keyword::CopyNumber => *copy_number = Some(value),
                    Keyword::Secrecy => *secrecy = Some(value),
                    _ => *urgency = Some(value),
                }
            }
            return;
        }
        match kw {
            Keyword::Masthead => {
                if value.chars().count() > TITLE_LINE_MAX {
                    self.diags.push(problem(
                        Code::MarkupMasthead,
                        n,
                        line,
                        texts::masthead_line_too_long(TITLE_LINE_MAX, value.chars().count()),
                    ));
                }
                match self.blocks.last_mut() {
                    Some(Block::Masthead { issuers, .. }) => issuers.push(value),
                    _ => self.push(
                        n,
                        Block::Masthead {
                            issuers: vec![value],
                            suffix: None,
                        },
                    ),
                }
            }
            Keyword::MastheadSuffix => self.masthead_suffix(n, value, line),
            Keyword::DocNumber => self.push(
                n,
                Block::DocNumber {
                    number: year_brackets(&value),
                    signers: Vec::new(),
                },
            ),
            Keyword::Signer => match self.blocks.last_mut() {
                Some(Block::DocNumber { signers, .. }) => signers.push(value),
                _ => self
                    .diags
                    .push(problem(Code::MarkupSigner, n, line, texts::signer_alone())),
            },
            Keyword::Addressee => {
                let text = if value.ends_with('：') {
                    value
                } else {
                    format!("{}：", value.trim_end_matches(':'))
                };
                self.push(n, Block::Salutation { text });
            }
            Keyword::AttachmentPage => {
                if value.chars().count() > TITLE_LINE_MAX {
                    self.diags.push(problem(
                        Code::MarkupTitle,
                        n,
                        line,
                        texts::attachment_title_too_long(TITLE_LINE_MAX, value.chars().count()),
                    ));
                }
                self.attachment_pages += 1;
                self.push(
                    n,
                    Block::AttachmentPage {
                        number: self.attachment_pages,
                        title: value,
                    },
                );
            }
            _ => {
                let blocks = self.blocks.len();
                let (imprint, _, _) = self
                    .imprint
                    .get_or_insert_with(|| (Imprint::default(), n, blocks));
                match kw {
                    Keyword::Copies => imprint.copies = Some(value),
                    Keyword::Printer => imprint.printer = value,
                    _ => imprint.date = value,
                }
            }
        }
    }

    /// The 版记 goes last; it needs both the printing office and the date.
    fn flush_imprint(&mut self, lines: &[String]) {
        let Some((imprint, n, blocks)) = self.imprint.take() else {
            return;
        };
        let at = |k: usize| {
            lines
                .get(k.saturating_sub(1))
                .map(|l| strip(l))
                .unwrap_or_default()
        };
        if self.blocks.len() > blocks {
            self.diags.push(problem(
                Code::MarkupImprint,
                n,
                &at(n),
                texts::imprint_not_last(),
            ));
        }
        if imprint.printer.is_empty() || imprint.date.is_empty() {
            self.diags.push(problem(
                Code::MarkupImprint,
                n,
                &at(n),
                texts::imprint_incomplete(),
            ));
        }
        self.push(n, Block::Imprint(imprint));
    }

    fn flush_signature(&mut self, date: Option<String>, n: usize, line: &str) {
        match date {
            Some(date) => {
                let from = if self.names.is_empty() {
                    n
                } else {
                    self.names_from
                };
                let names = std::mem::take(&mut self.names);
                if std::mem::take(&mut self.sealed) {
                    self.push(from, Block::SealedSignature { names, date });
                } else {
                    self.push(from, Block::Signature { names, date });
                }
            }
            None if !self.names.is_empty() => {
                self.diags.push(problem(
                    Code::MarkupSignature,
                    n,
                    line,
                    texts::signature_no_date(),
                ));
                self.names.clear();
                self.sealed = false;
            }
            None => {}
        }
    }

    fn flush_para(&mut self) {
        if self.para.is_empty() {
            if let Some(h) = self.run_in.take() {
                self.push(self.run_in_from, Block::Heading(h));
            }
            return;
        }
        let lines: Vec<String> = std::mem::take(&mut self.para)
            .iter()
            .map(|l| strip(l))
            .collect();
        let text = join_lines(&lines);
        match self.run_in.take() {
            Some(mut h) => {
                h.body = Some(text);
                self.push(self.run_in_from, Block::Heading(h));
            }
            None => self.push(self.para_from, Block::Paragraph { text }),
        }
    }

    fn table_row(&mut self, n: usize, line: &str) {
        let cells = split_cells(line);
        // After the separator, a row of dashes is a body row ("-" for "no data").
        let is_sep = !self.table_sep_seen
            && cells.iter().all(|c| {
                !c.is_empty()
                    && c.chars()
                        .all(|ch| matches!(ch, '-' | ':' | '.' | '=' | ' '))
            })
            && cells.iter().any(|c| c.contains('-'));
        let caption = self.caption.take();
        let landscape = self.table.is_none() && self.landscape.take().is_some();
        let table = self.table.get_or_insert_with(|| Table {
            caption,
            line: n,
            landscape,
            ..Table::default()
        });
        if is_sep {
            if table.rows.is_empty() {
                self.diags.push(problem(
                    Code::MarkupTable,
                    n,
                    line,
                    texts::separator_no_header(),
                ));
            }
            table.header_rows = table.rows.len();
            self.table_sep_seen = true;
            let widths = self.widths.take().map(|(_, w)| w).unwrap_or_default();
            table.column_specs = cells
                .iter()
                .enumerate()
                .map(|(c, spec)| ColumnSpec {
                    align: column_align(spec),
                    width_mm: widths.get(c).copied().flatten(),
                })
                .collect();
            self.merge_equal = cells.iter().map(|c| c.contains('=')).collect();
            return;
        }
        if let Some(first) = table.rows.first() {
            if first.len() != cells.len() {
                let expected = first.len();
                self.diags.push(problem(
                    Code::MarkupTable,
                    n,
                    line,
                    texts::table_ragged(expected, cells.len()),
                ));
            }
        }
        table.rows.push(cells);
        self.row_lines.push((n, line.to_string()));
    }

    fn flush_table(&mut self) {
        if let Some(mut t) = self.table.take() {
            if let Some((n, w)) = self.widths.take() {
                // 列宽 before a table without a separator row: widths only.
                if t.column_specs.is_empty() {
                    t.column_specs = w
                        .into_iter()
                        .map(|width_mm| ColumnSpec {
                            width_mm,
                            ..ColumnSpec::default()
                        })
                        .collect();
                } else {
                    self.diags.push(problem(
                        Code::MarkupTable,
                        n,
                        "",
                        texts::widths_not_before_table(),
                    ));
                }
            }
            let rows = std::mem::take(&mut self.row_lines);
            let from = rows.first().map_or(t.line, |r| r.0);
            let merge_equal = std::mem::take(&mut self.merge_equal);
            self.resolve_spans(&mut t, &rows, &merge_equal);
            self.push(from, Block::Table(t));
        }
        self.table_sep_seen = false;
    }

    /// Turns the `<` and `^` cells and the `=` columns into [`Merge`]s: every cell gets the
    /// top-left cell it belongs to, and each group must be a rectangle.
    fn resolve_spans(&mut self, t: &mut Table, rows: &[(usize, String)], merge_equal: &[bool]) {
        let ncols = t.columns();
        for row in &mut t.rows {
            row.resize(ncols, String::new());
        }
        let at = |r: usize| rows.get(r).map_or((0, ""), |(n, l)| (*n, l.as_str()));
        let mut origin: Vec<Vec<(usize, usize)>> = Vec::with_capacity(t.rows.len());
        for r in 0..t.rows.len() {
            let mut line_origins = Vec::with_capacity(ncols);
            for c in 0..ncols {
                let (n, line) = at(r);
                let o = match t.rows[r][c].as_str() {
                    "<" if c == 0 => {
                        self.diags.push(problem(
                            Code::MarkupSpan,
                            n,
                            line,
                            texts::span_left_first_column(),
                        ));
                        (r, c)
                    }
                    "<" => line_origins[c - 1],
                    "^" if r == 0 || (r == t.header_rows && t.header_rows > 0) => {
                        self.diags.push(problem(
                            Code::MarkupSpan,
                            n,
                            line,
                            texts::span_up_first_row(),
                        ));
                        (r, c)
                    }
                    "^" => origin[r - 1][c],
                    "\\<" | "\\^" => {
                        t.rows[r][c].remove(0);
                        (r, c)
                    }
                    _ => (r, c),
                };
                if o != (r, c) {
                    t.rows[r][c].clear();
                }
                line_origins.push(o);
            }
            origin.push(line_origins);
        }
        // `=` columns: equal consecutive body cells merge, inside the groups of the `=`
        // columns to their left.
        for c in (0..ncols).filter(|&c| merge_equal.get(c).copied().unwrap_or(false)) {
            for r in (t.header_rows + 1)..t.rows.len() {
                let above = origin[r - 1][c];
                let alone = |o: &Vec<Vec<(usize, usize)>>, rr: usize| {
                    o[rr][c] == (rr, c)
                        && o[rr]
                            .iter()
                            .enumerate()
                            .all(|(k, &x)| k == c || x != (rr, c))
                };
                let starts_group = (0..c).any(|k| {
                    merge_equal.get(k).copied().unwrap_or(false) && origin[r][k] == (r, k)
                });
                if above.0 >= t.header_rows
                    && above.1 == c
                    && alone(&origin, r)
                    && origin[above.0][c] == above
                    && !t.rows[r][c].is_empty()
                    && t.rows[r][c] == t.rows[above.0][c]
                    && !starts_group
                {
                    origin[r][c] = above;
                    t.rows[r][c].clear();
                }
            }
        }
        // Groups → rectangles.
        let mut merges = Vec::new();
        for r in 0..t.rows.len() {
            for c in 0..ncols {
                if origin[r][c] != (r, c) {
                    continue;
                }
                let mut rows_n = 1;
                while r + rows_n < t.rows.len() && origin[r + rows_n][c] == (r, c) {
                    rows_n += 1;
                }
                let mut cols_n = 1;
                while c + cols_n < ncols && origin[r][c + cols_n] == (r, c) {
                    cols_n += 1;
                }
                let members = origin.iter().flatten().filter(|&&o| o == (r, c)).count();
                let rectangle =
                    (r..r + rows_n).all(|rr| (c..c + cols_n).all(|cc| origin[rr][cc] == (r, c)));
                if members != rows_n * cols_n || !rectangle {
                    let bad = (0..t.rows.len())
                        .find(|&rr| origin[rr].contains(&(r, c)) && !(r..r + rows_n).contains(&rr))
                        .unwrap_or(r + rows_n - 1);
                    let (n, line) = at(bad);
                    self.diags.push(problem(
                        Code::MarkupSpan,
                        n,
                        line,
                        texts::span_not_rectangle(r + 1, c + 1),
                    ));
                    continue;
                }
                if rows_n > 1 && r < t.header_rows && r + rows_n > t.header_rows {
                    let (n, line) = at(r + rows_n - 1);
                    self.diags.push(problem(
                        Code::MarkupSpan,
                        n,
                        line,
                        texts::header_span_into_body(),
                    ));
                }
                if rows_n > 1 || cols_n > 1 {
                    merges.push(Merge {
                        row: r,
                        col: c,
                        rows: rows_n,
                        cols: cols_n,
                    });
                }
            }
        }
        t.merges = merges;
    }
}

/// The cells of a table row: split at `|` (not at `\|`), trimmed; `<br>` becomes a line
/// break, and `\<`, `\^` stand for a literal `<`, `^`.
fn split_cells(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = match inner.strip_suffix('|') {
        Some(s) if !s.ends_with('\\') => s,
        _ => inner,
    };
    // Cells split at `|` outside facts only: a `|` a fact prints is text of its cell.
    let mut cells = vec![String::new()];
    let mut depth = 0usize;
    let mut chars = inner.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' if depth == 0 && chars.peek() == Some(&'|') => {
                chars.next();
                push_last(&mut cells, '|');
            }
            '|' if depth == 0 => cells.push(String::new()),
            _ => {
                if ch == FACT_OPEN {
                    depth += 1;
                } else if ch == FACT_CLOSE {
                    depth = depth.saturating_sub(1);
                }
                push_last(&mut cells, ch);
            }
        }
    }
    cells.iter().map(|raw| cell_text(raw)).collect()
}

fn push_last(cells: &mut [String], ch: char) {
    if let Some(c) = cells.last_mut() {
        c.push(ch);
    }
}

/// A cell's text: `<br>` in template text is a line break, `<` or `^` alone in template text
/// a span; what a fact prints is literal text (a fact `<` is escaped to `\<`).
fn cell_text(raw: &str) -> String {
    let mut out = String::new();
    let mut template = String::new();
    let mut depth = 0usize;
    let flush = |template: &mut String, out: &mut String| {
        out.push_str(
            &template
                .replace("<br/>", "\n")
                .replace("<br>", "\n")
                .replace("<BR>", "\n"),
        );
        template.clear();
    };
    for ch in raw.chars() {
        if ch == FACT_OPEN {
            if depth == 0 {
                flush(&mut template, &mut out);
            }
            depth += 1;
            out.push(ch);
        } else if ch == FACT_CLOSE {
            depth = depth.saturating_sub(1);
            out.push(ch);
        } else if depth == 0 {
            template.push(ch);
        } else {
            out.push(ch);
        }
    }
    flush(&mut template, &mut out);
    let from_fact = raw.contains(FACT_OPEN);
    let text = strip(&out);
    let c = text.trim();
    match c {
        // `\<` and `\^` stay escaped until the spans are resolved.
        "<" | "^" if from_fact => format!("\\{c}"),
        "\\<" | "\\^" => c.to_string(),
        _ => c.split('\n').map(str::trim).collect::<Vec<_>>().join("\n"),
    }
}

/// The alignment a separator cell asks for: `:--` left, `--:` right, `:-:` centred, a `.`
/// decimal, plain `---` automatic.
fn column_align(spec: &str) -> Align {
    let s = spec.trim().trim_matches('=');
    if s.contains('.') {
        return Align::Decimal;
    }
    match (s.starts_with(':'), s.ends_with(':')) {
        (true, true) => Align::Center,
        (false, true) => Align::Right,
        (true, false) => Align::Left,
        (false, false) => Align::Auto,
    }
}

/// `20,自动,30` (or `20mm, auto, 30`): millimetres per column, `None` for automatic.
fn parse_widths(value: &str) -> Option<Vec<Option<f32>>> {
    value
        .split([',', '，', '、'])
        .map(|w| {
            let w = w.trim();
            if matches!(w, "自动" | "自動" | "auto" | "") {
                return Some(None);
            }
            let mm: f32 = w
                .trim_end_matches("mm")
                .trim_end_matches("毫米")
                .trim()
                .parse()
                .ok()?;
            (mm.is_finite() && mm > 0.0).then_some(Some(mm))
        })
        .collect()
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#' || c == '＃').count();
    if level == 0 {
        return None;
    }
    let rest: &str = line
        .char_indices()
        .nth(level)
        .map_or("", |(i, _)| &line[i..]);
    let text = rest.strip_prefix([' ', '\u{3000}'])?;
    Some((level, text))
}

/// A document number's year in the 六角括号 GB/T 9704 asks for: `云政文[2024]15号` →
/// `云政文〔2024〕15号` (also from （）, (), 【】, ［］).
fn year_brackets(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let year = chars.get(i + 1..i + 5);
        let closes = chars.get(i + 5).copied();
        let pair = matches!(
            (chars[i], closes),
            ('[', Some(']'))
                | ('（', Some('）'))
                | ('(', Some(')'))
                | ('【', Some('】'))
                | ('［', Some('］'))
                | ('〔', Some('〕'))
        );
        if pair && year.is_some_and(|y| y.iter().all(char::is_ascii_digit)) {
            out.push('〔');
            out.extend(year.unwrap_or_default());
            out.push('〕');
            i += 6;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn keyword(line: &str) -> Option<(Keyword, &str)> {
    for &(word, kw) in KEYWORDS.iter().chain(FRAME_KEYWORDS.iter()) {
        if let Some(rest) = line.strip_prefix(word) {
            if let Some(v) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')) {
                return Some((kw, v));
            }
        }
    }
    None
}

/// Joins the source lines of one paragraph: nothing between Chinese characters, one space
/// between two Latin words.
pub fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        if let (Some(a), Some(b)) = (out.chars().last(), l.chars().next()) {
            if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                out.push(' ');
            }
        }
        out.push_str(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        let (doc, diags) = parse(text);
        assert!(!diags.has_errors(), "{diags:?}");
        doc.blocks
    }

    #[test]
    fn a_briefing_parses_into_roles_with_computed_numbers() {
        let b = blocks(
            "标题：关于某某工作\n标题：情况的汇报\n副标题：（2012年10月10日）\n\n称谓：尊敬的马主席、各位领导：\n\n开场\n白。\n\n# 基本情况\n\n## 强化组织领导\n\n正文。\n\n## 健全机构，强化组织保障。县委、\n县政府高度重视。\n\n# 下一步打算\n\n## 再一条\n\n### 细则\n\n#### 更细\n\n附件：名单\n附件：方案\n\n署名：卢氏县科协\n日期：2012年10月10日\n附注：此件公开发布\n",
        );
        assert_eq!(
            b[0],
            Block::Title {
                lines: vec!["关于某某工作".into(), "情况的汇报".into()]
            }
        );
        assert!(matches!(&b[1], Block::Subtitle { text } if text == "（2012年10月10日）"));
        assert!(matches!(&b[2], Block::Salutation { .. }));
        assert_eq!(
            b[3],
            Block::Paragraph {
                text: "开场白。".into()
            }
        );
        let numbers: Vec<String> = b
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.number.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            numbers,
            vec!["一、", "（一）", "（二）", "二、", "（一）", "1.", "（1）"]
        );
        let Block::Heading(run_in) = &b[7] else {
            panic!("{:?}", b[7])
        };
        assert_eq!(run_in.text, "健全机构，强化组织保障。");
        assert_eq!(run_in.body.as_deref(), Some("县委、县政府高度重视。"));
        assert!(b.contains(&Block::Attachments {
            items: vec!["名单".into(), "方案".into()]
        }));
        assert!(b.contains(&Block::Signature {
            names: vec!["卢氏县科协".into()],
            date: "2012年10月10日".into()
        }));
        assert_eq!(
            b.last(),
            Some(&Block::Note {
                text: "（此件公开发布）".into()
            })
        );
    }

    #[test]
    fn headings_inside_loops_renumber() {
        let b = blocks("# 甲\n\n## a\n\n## b\n\n# 乙\n\n## c\n");
        let labels: Vec<String> = b
            .iter()
            .map(|b| match b {
                Block::Heading(h) => h.label_and_text(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            labels,
            vec!["一、甲", "（一）a", "（二）b", "二、乙", "（一）c"]
        );
    }

    #[test]
    fn tables_with_caption_header_and_note() {
        let b =
            blocks("表题：培训情况\n| 项目 | 人数 |\n|---|---|\n| 农民 | 12 |\n表注：截至十月\n");
        assert_eq!(
            b,
            vec![Block::Table(Table {
                caption: Some("培训情况".into()),
                header_rows: 1,
                rows: vec![
                    vec!["项目".into(), "人数".into()],
                    vec!["农民".into(), "12".into()]
                ],
                note: Some("截至十月".into()),
                line: 2,
                column_specs: vec![ColumnSpec::default(); 2],
                merges: Vec::new(),
                landscape: false,
            })]
        );
    }

    #[test]
    fn spans_line_breaks_alignment_and_equal_merges() {
        let b = blocks(
            "列宽：20,自动,自动\n| 年份 | 人口 | < |\n| ^ | 户 | 人 |\n|=|--:|-.-|\n| 2019 | 1 | 2 |\n| 2019 | 3 | 4<br>5 |\n| 2020 | \\< | \\| |\n| 合计 | < | 9 |\n",
        );
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(t.header_rows, 2);
        assert_eq!(
            t.merges,
            vec![
                Merge {
                    row: 0,
                    col: 0,
                    rows: 2,
                    cols: 1
                },
                Merge {
                    row: 0,
                    col: 1,
                    rows: 1,
                    cols: 2
                },
                Merge {
                    row: 2,
                    col: 0,
                    rows: 2,
                    cols: 1
                },
                Merge {
                    row: 5,
                    col: 0,
                    rows: 1,
                    cols: 2
                },
            ]
        );
        assert_eq!(t.rows[3], vec!["", "3", "4\n5"]);
        assert_eq!(t.rows[4], vec!["2020", "<", "|"]);
        assert_eq!(t.column_spec(0).width_mm, Some(20.0));
        assert_eq!(t.column_spec(1).align, Align::Right);
        assert_eq!(t.column_spec(2).align, Align::Decimal);
        assert_eq!(t.line, 2);
    }

    #[test]
    fn a_row_of_dashes_after_the_separator_is_a_body_row() {
        let b = blocks("| a | b |\n|---|---|\n| - | - |\n| 1 | 2 |\n");
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(t.header_rows, 1);
        assert_eq!(t.rows[1], vec!["-", "-"]);
        assert_eq!(t.rows.len(), 3);
    }

    #[test]
    fn bad_spans_are_located() {
        for (text, line) in [
            ("| a | ^ |\n|---|---|\n| 1 | 2 |\n", 1),
            ("| < | a |\n|---|---|\n| 1 | 2 |\n", 1),
            (
                "| h | i | j |\n|---|---|---|\n| a | < | x |\n| ^ | b | y |\n",
                4,
            ),
            ("| h | i |\n| ^ | j |\n|---|---|\n| ^ | 1 |\n", 4),
        ] {
            let (_, d) = parse(text);
            let e = d.0.iter().find(|d| d.code == "E-MARKUP-SPAN");
            assert_eq!(
                e.and_then(|e| e.location.as_ref()).map(|l| l.line),
                Some(line),
                "{text}"
            );
        }
    }

    #[test]
    fn markup_problems_are_reported() {
        let (_, d) = parse("| a | b |\n| c |\n\n##### 太深\n\n署名：某\n\n标题：一二三四五六七八九十一二三四五六七八九十一\n");
        let codes: Vec<&str> = d.0.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.contains(&"E-MARKUP-TABLE"), "{codes:?}");
        assert!(codes.contains(&"E-MARKUP-LEVEL"), "{codes:?}");
        assert!(codes.contains(&"E-MARKUP-SIGNATURE"), "{codes:?}");
        assert!(codes.contains(&"E-MARKUP-TITLE"), "{codes:?}");
        let (_, d) = parse("标题：一二三四五六七八九十一二三四五六七八九\n");
        assert_eq!(d.0[0].code, "W-MARKUP-TITLE");
        assert!(!d.has_errors());
        let (_, d) = parse("### 越级\n");
        assert_eq!(d.0[0].code, "W-MARKUP-SKIP");
        assert!(!d.has_errors());
    }

    #[test]
    fn every_block_knows_the_line_it_starts_on() {
        let text = "标题：关于工作的汇报\n\n甲段第一行\n甲段第二行\n\n# 一、标题。正文\n接着\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n署名：某单位\n日期：2024年7月25日\n\n印发机关：某办公室\n印发日期：2024年7月25日\n";
        let (doc, starts, diags) = parse_mapped(text, &|_| None);
        assert!(!diags.has_errors(), "{diags:?}");
        let kinds: Vec<(&str, usize)> = doc
            .blocks
            .iter()
            .zip(&starts)
            .map(|(b, &n)| {
                let kind = match b {
                    Block::Title { .. } => "title",
                    Block::Paragraph { .. } => "para",
                    Block::Heading(_) => "heading",
                    Block::Table(_) => "table",
                    Block::Signature { .. } => "signature",
                    Block::Imprint(_) => "imprint",
                    _ => "other",
                };
                (kind, n)
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("title", 1),
                ("para", 3),
                ("heading", 6),
                ("table", 9),
                ("signature", 13),
                ("imprint", 16),
            ]
        );
    }

    #[test]
    fn escaped_and_latin_lines() {
        let b = blocks("\\# 不是标题\n\nuse GB/T\n9704 now\n");
        assert_eq!(
            b,
            vec![
                Block::Paragraph {
                    text: "# 不是标题".into()
                },
                Block::Paragraph {
                    text: "use GB/T 9704 now".into()
                }
            ]
        );
    }
}
