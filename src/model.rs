//! The document model: what a briefing *says*, independent of how any backend draws it.
//!
//! Every backend (text, DOCX, PDF) and every check reads this one structure, so the three outputs
//! cannot drift apart. Blocks carry their role (title, salutation, heading level …); heading numbers
//! are already computed here (一、（一）1.（1）), never typed by the author. Text is final: helpers,
//! punctuation normalization and script conversion have all been applied before a model exists.

/// A whole report: a sequence of blocks in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The blocks, top to bottom.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Whether the DOCX needs the layout's pages: a 版记 is placed, and the keeps before a
    /// signature are decided, where the layout puts them.
    pub fn docx_needs_layout(&self) -> bool {
        self.blocks
            .iter()
            .any(|b| matches!(b, Block::Imprint(_)) || b.is_signature())
    }
}

impl Block {
    /// Whether the block is a signature, sealed or not (署名 and 成文日期).
    pub fn is_signature(&self) -> bool {
        matches!(
            self,
            Block::Signature { .. } | Block::SealedSignature { .. }
        )
    }
}

/// One block of a briefing.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The title, 1–3 lines as the author broke them (GB/T 9704: 2号 小标宋, centred).
    Title {
        /// Title lines, top to bottom.
        lines: Vec<String>,
    },
    /// A centred line under the title: the reporting unit and date, or a subtitle led by ——.
    Subtitle {
        /// The line's text.
        text: String,
    },
    /// The salutation (称谓), flush left, ending with "：".
    Salutation {
        /// The salutation's text.
        text: String,
    },
    /// A heading at level 1–4; standalone, or run-in when `body` is present.
    Heading(Heading),
    /// A body paragraph (正文), indented two characters and justified.
    Paragraph {
        /// The paragraph's text.
        text: String,
    },
    /// The attachment note (附件说明): "附件：" followed by one or more attachment names.
    Attachments {
        /// Attachment names, without numbers ("1." is added when there are several).
        items: Vec<String>,
    },
    /// The unsealed signature block (署名 and 成文日期), placed as GB/T 9704 §7.3.5.2.
    Signature {
        /// Signing units, one per line (usually one).
        names: Vec<String>,
        /// The date line, e.g. "2012年10月10日".
        date: String,
    },
    /// A note (附注) in parentheses under the date.
    Note {
        /// The note's text, parentheses included.
        text: String,
    },
    /// A table with optional caption and note.
    Table(Table),
    /// A forced page break.
    PageBreak,
    /// 发文机关标志 (GB/T 9704 §7.2.4): the issuing body's name, one line per issuer of a joint
    /// document, in red 小标宋, centred, its top 35 mm below the type area's top.
    Masthead {
        /// Issuer names (or names with the 文件 suffix), top to bottom.
        issuers: Vec<String>,
        /// The "文件" after the names (§7.2.4): on the same line after a single issuer; to the
        /// right of joint issuers, centred on their lines.
        suffix: Option<String>,
    },
    /// 发文字号 (§7.2.5, "云政文〔2024〕15号") two lines under the masthead, with 签发人 for a
    /// report to a higher authority (§7.2.6), and the red separator line 4 mm under it (§7.2.7).
    DocNumber {
        /// The number, year in 〔〕.
        number: String,
        /// Signers (签发人), if any: the number then moves left, the signers right.
        signers: Vec<String>,
    },
    /// An attachment page (附件, §7.3.7): a new page with "附件N" in 黑体 flush left on its first
    /// line and the attachment's title centred on the third.
    AttachmentPage {
        /// The attachment's number, counted in the markup (1, 2 …).
        number: usize,
        /// The attachment's title.
        title: String,
    },
    /// 版记 (§7.4): 抄送机关 and 印发机关/印发日期 between rules, its last rule on the last line
    /// of the last page, which is an even page.
    Imprint(Imprint),
    /// 份号, 密级和保密期限 and 紧急程度 (GB/T 9704 §7.2.1–§7.2.3): one per line, flush left, from
    /// the type area's first line, above the masthead.
    DocMarks {
        /// 份号: six digits (shorter numbers are padded with zeros).
        copy_number: Option<String>,
        /// 密级和保密期限, e.g. "秘密★1年" (黑体).
        secrecy: Option<String>,
        /// 紧急程度, e.g. "特急" (黑体).
        urgency: Option<String>,
    },
    /// A sealed signature (加盖印章, GB/T 9704 §7.3.5.1): the date four characters from the right
    /// edge, the signing unit centred over it, room for the seal over both.
    SealedSignature {
        /// Signing units, one per line.
        names: Vec<String>,
        /// The date line.
        date: String,
    },
}

/// The 版记 of a formal document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imprint {
    /// 抄送机关, as written after "抄送：" (the final "。" added when missing).
    pub copies: Option<String>,
    /// 印发机关.
    pub printer: String,
    /// 印发日期, e.g. "2024年7月25日" ("印发" is added when printed).
    pub date: String,
}

impl Imprint {
    /// The 抄送 line as printed: "抄送：市应急管理局，市水利局。".
    pub fn copies_line(&self) -> Option<String> {
        self.copies.as_ref().map(|c| {
            let c = c.trim_end_matches(['。', '.']);
            format!("抄送：{c}。")
        })
    }

    /// The 印发 date as printed: "2024年7月25日印发".
    pub fn date_line(&self) -> String {
        format!("{}印发", self.date)
    }
}

/// The printed 签发人 line: "签发人：" then the names, separated by two spaces.
pub fn signer_line(signers: &[String]) -> String {
    format!("签发人：{}", signers.join("\u{3000}"))
}

/// A heading with its computed number.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 = 一、 (黑体), 2 = （一） (楷体), 3 = 1. , 4 = （1） (仿宋).
    pub level: u8,
    /// The computed label, e.g. "一、", "（二）", "3.", "（4）".
    pub number: String,
    /// The heading text, without the label. For a run-in heading it includes its final "。".
    pub text: String,
    /// Body text that continues in the same paragraph after a run-in heading.
    pub body: Option<String>,
}

impl Heading {
    /// Label and heading text as printed: "（一）强化组织领导".
    pub fn label_and_text(&self) -> String {
        format!("{}{}", self.number, self.text)
    }
}

/// A table: header rows first, then body rows, on a grid of `columns()` columns.
///
/// Every row holds one text per grid column; a cell covered by a merged cell (see
/// [`Table::merges`]) holds an empty text. A `\n` in a cell's text is a line break.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Caption printed above the table, centred.
    pub caption: Option<String>,
    /// How many leading rows are header rows (repeated on each page).
    pub header_rows: usize,
    /// The rows, each a list of cell texts (one per grid column).
    pub rows: Vec<Vec<String>>,
    /// Merged cells: each covers `rows × cols` grid cells from its top-left cell.
    pub merges: Vec<Merge>,
    /// Per-column settings (alignment, fixed width); missing entries are automatic.
    pub column_specs: Vec<ColumnSpec>,
    /// A note printed under the table ("注：…").
    pub note: Option<String>,
    /// Line of the rendered markup where the table's first row stands (0 when unknown), so
    /// problems found later (a table too wide) point at the template or fact.
    pub line: usize,
    /// Set on landscape pages of its own (横排表格, GB/T 9704 §10): the caption, table and note
    /// start a new page turned a quarter, and the text after them a new upright page.
    pub landscape: bool,
}

/// A merged cell: the cell at (`row`, `col`) spans `rows` rows and `cols` columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// Top row (0-based, header rows included).
    pub row: usize,
    /// Left column (0-based).
    pub col: usize,
    /// Rows covered (≥ 1).
    pub rows: usize,
    /// Columns covered (≥ 1).
    pub cols: usize,
}

/// How the body cells of a column are aligned (header cells are always centred).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Figures decimal-aligned and centred as a block, text flush left.
    #[default]
    Auto,
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Figures aligned on their decimal point, the block flush right.
    Decimal,
}

/// What the author asked of one column.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ColumnSpec {
    /// Alignment of the column's body cells.
    pub align: Align,
    /// A fixed width in millimetres (cell padding included); `None` sizes it from content.
    pub width_mm: Option<f32>,
}

impl Table {
    /// The number of grid columns (cells of the longest row).
    pub fn columns(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The merge whose top-left cell is (`row`, `col`), if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Merge> {
        self.merges.iter().find(|m| m.row == row && m.col == col)
    }

    /// The merge covering (`row`, `col`) without starting there: the cell is not drawn.
    pub fn covered_by(&self, row: usize, col: usize) -> Option<&Merge> {
        self.merges.iter().find(|m| {
            (m.row..m.row + m.rows).contains(&row)
                && (m.col..m.col + m.cols).contains(&col)
                && (m.row, m.col) != (row, col)
        })
    }

    /// The extent (rows, columns) of the cell starting at (`row`, `col`): (1, 1) unless merged.
    pub fn span(&self, row: usize, col: usize) -> (usize, usize) {
        self.merge_at(row, col).map_or((1, 1), |m| (m.rows, m.cols))
    }

    /// The specification of column `col` (automatic when the author gave none).
    pub fn column_spec(&self, col: usize) -> ColumnSpec {
        self.column_specs.get(col).copied().unwrap_or_default()
    }
}

/// Width of `s` in grid cells: a full-width character one cell, a half-width one 0.507 (a
/// Times digit at 三号 against the 15.8 pt cell).
pub fn text_cells(s: &str) -> f32 {
    use unicode_width::UnicodeWidthChar;
    s.chars()
        .map(|c| match c.width() {
            Some(2) => 1.0,
            Some(1) => 0.507,
            _ => 0.0,
        })
        .sum()
}

/// Whether a table cell holds a figure (digits with separators, signs, %): such cells are
/// aligned on their decimal point in every backend, and never broken.
pub fn is_figure(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || ".,%+-‰％ ".contains(c))
}

/// What a run of text is, which decides its font and size in every backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunRole {
    /// Title lines.
    Title,
    /// The line under the title.
    Subtitle,
    /// Body text: paragraphs, salutation, signature, attachments, notes, run-in bodies.
    Body,
    /// A heading label and text at the given level (1–4).
    Heading(u8),
    /// Table cells.
    TableCell,
    /// Table header cells.
    TableHeader,
    /// Page numbers ("— 1 —"), generated by the backends.
    PageNumber,
    /// 发文机关标志: the title's face and size, printed in red.
    Masthead,
}

impl Block {
    /// The text of this block as plain-text output prints it: one string per output line
    /// (title lines and signature lines separately), heading numbers included.
    pub fn text_lines(&self) -> Vec<String> {
        match self {
            Block::Title { lines } => lines.clone(),
            Block::Subtitle { text }
            | Block::Salutation { text }
            | Block::Paragraph { text }
            | Block::Note { text } => vec![text.clone()],
            Block::Heading(h) => {
                let mut s = h.label_and_text();
                if let Some(body) = &h.body {
                    s.push_str(body);
                }
                vec![s]
            }
            Block::Attachments { items } => attachment_lines(items),
            Block::Signature { names, date } => {
                let mut v = names.clone();
                v.push(date.clone());
                v
            }
            Block::Table(t) => {
                let mut v = Vec::new();
                v.extend(t.caption.clone());
                v.extend(
                    t.rows
                        .iter()
                        .map(|r| r.iter().map(|c| unbreak(c)).collect::<Vec<_>>().join("\t")),
                );
                v.extend(t.note.clone());
                v
            }
            Block::PageBreak => Vec::new(),
            Block::Masthead { issuers, suffix } => match (issuers.as_slice(), suffix) {
                ([one], Some(s)) => vec![format!("{one}{s}")],
                _ => issuers.iter().chain(suffix).cloned().collect(),
            },
            Block::DocNumber { number, signers } if signers.is_empty() => vec![number.clone()],
            Block::DocNumber { number, signers } => vec![number.clone(), signer_line(signers)],
            Block::AttachmentPage { number, title } => vec![format!("附件{number}"), title.clone()],
            Block::DocMarks {
                copy_number,
                secrecy,
                urgency,
            } => [copy_number, secrecy, urgency]
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
            Block::SealedSignature { names, date } => {
                let mut v = names.clone();
                v.push(date.clone());
                v
            }
            Block::Imprint(i) => {
                let mut v: Vec<String> = i.copies_line().into_iter().collect();
                v.push(i.printer.clone());
                v.push(i.date_line());
                v
            }
        }
    }
}

/// A cell's text on one line: a line break disappears between Chinese characters and becomes a
/// space between two Latin letters or digits.
fn unbreak(cell: &str) -> String {
    let mut out = String::new();
    for (i, piece) in cell.split('\n').enumerate() {
        let joins_words = out
            .chars()
            .last()
            .is_some_and(|a| a.is_ascii_alphanumeric())
            && piece
                .chars()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric());
        if i > 0 && joins_words {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

/// The printed lines of an attachment note: "附件：名称", or "附件：1.名称" then "2.名称" … for several.
pub fn attachment_lines(items: &[String]) -> Vec<String> {
    match items {
        [] => Vec::new(),
        [one] => vec![format!("附件：{one}")],
        many => many
            .iter()
            .enumerate()
            .map(|(i, item)| {
                if i == 0 {
                    format!("附件：{}.{item}", i + 1)
                } else {
                    format!("{}.{item}", i + 1)
                }
            })
            .collect(),
    }
}

/// The heading label for `n` (1-based) at `level`: 一、 （一） 1. （1）.
///
/// ```
/// use huibao::model::heading_number;
/// assert_eq!(heading_number(1, 11), "十一、");
/// assert_eq!(heading_number(2, 3), "（三）");
/// assert_eq!(heading_number(3, 2), "2.");
/// assert_eq!(heading_number(4, 1), "（1）");
/// ```
pub fn heading_number(level: u8, n: usize) -> String {
    match level {
        1 => format!("{}、", small_chinese_number(n)),
        2 => format!("（{}）", small_chinese_number(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 100 → 一百: the numerals used in heading labels
/// (Simplified forms; the text is converted to the report's script with the rest).
fn small_chinese_number(n: usize) -> String {
    crate::zh::numeral::integer(
        i64::try_from(n).unwrap_or(i64::MAX),
        crate::zh::Script::Hans,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_labels_per_level() {
        assert_eq!(heading_number(1, 1), "一、");
        assert_eq!(heading_number(1, 10), "十、");
        assert_eq!(heading_number(1, 12), "十二、");
        assert_eq!(heading_number(2, 3), "（三）");
        assert_eq!(heading_number(2, 20), "（二十）");
        assert_eq!(heading_number(1, 101), "一百零一、");
        assert_eq!(heading_number(3, 2), "2.");
        assert_eq!(heading_number(4, 11), "（11）");
    }

    #[test]
    fn attachment_note_numbers_only_several() {
        assert_eq!(attachment_lines(&["名单".into()]), vec!["附件：名单"]);
        assert_eq!(
            attachment_lines(&["甲".into(), "乙".into()]),
            vec!["附件：1.甲", "2.乙"]
        );
    }
}
