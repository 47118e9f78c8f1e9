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
//! ---                                              page break
//! \# text                                          a backslash makes the line plain body text
//! ```
//!
//! Lines of one paragraph are joined without a space between Chinese characters (with one
//! between Latin words), so templates can wrap long sentences.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{heading_number, Block, Document, Heading, Table};

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
}

const KEYWORDS: [(&str, Keyword); 17] = [
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
];

/// The file name of markup diagnostics: the rendered text. The pipeline points them back at
/// the fact or template line the text came from where it can.
pub const RENDERED: &str = "（渲染结果 rendered text）";

/// A problem found in the markup, located at line `line` of the rendered text.
fn problem(code: &'static str, line: usize, text: &str, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, zh, en).at(rendered_at(line, text))
}

fn rendered_at(line: usize, text: &str) -> Location {
    Location {
        file: RENDERED.into(),
        line,
        col: 1,
        source_line: Some(text.to_string()),
        window_col: 1,
        len: text.chars().count().max(1),
    }
}

/// Parses rendered markup into the document model. Errors and warnings come back together;
/// the document is usable when none is an error.
pub fn parse(text: &str) -> (Document, Diagnostics) {
    Parser::default().run(text)
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
    caption: Option<String>,
    names: Vec<String>,
}

impl Parser {
    fn run(mut self, text: &str) -> (Document, Diagnostics) {
        for (i, raw) in text.lines().enumerate() {
            self.line(i + 1, raw);
        }
        self.flush_para();
        self.flush_table();
        self.flush_signature(None, 0, "");
        if let Some(c) = self.caption.take() {
            self.diags.push(problem(
                "E-MARKUP-CAPTION",
                text.lines().count(),
                &c,
                "表题后面没有表格".into(),
                "a table caption is not followed by a table".into(),
            ));
        }
        (
            Document {
                blocks: self.blocks,
            },
            self.diags,
        )
    }

    fn line(&mut self, n: usize, raw: &str) {
        let line = raw.trim_matches(|c: char| c.is_whitespace() && c != '\u{3000}');
        let line = line.trim_end();
        if line.is_empty() {
            self.flush_para();
            self.flush_table();
            return;
        }
        if let Some(rest) = line.strip_prefix('\\') {
            self.flush_table();
            self.para.push(rest.to_string());
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
            self.blocks.push(Block::PageBreak);
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
        self.para.push(line.to_string());
    }

    fn heading(&mut self, n: usize, level: usize, text: &str, line: &str) {
        if level > 4 {
            self.diags.push(problem(
                "E-MARKUP-LEVEL",
                n,
                line,
                format!("标题层级最多 4 级（# 到 ####），这里用了 {level} 个 #"),
                format!("headings have at most 4 levels (# to ####), this one has {level}"),
            ));
            return;
        }
        let level = level as u8;
        if level > self.last_level + 1 {
            self.diags.push(
                Diagnostic::warning(
                    "W-MARKUP-SKIP",
                    format!(
                        "第 {level} 级标题前没有第 {} 级标题（GB/T 9704 允许越级，如 一、→1.，请确认是有意为之）",
                        level - 1
                    ),
                    format!(
                        "a level-{level} heading follows no level-{} heading (GB/T 9704 allows skipping, e.g. 一、→1.; check it is intended)",
                        level - 1
                    ),
                )
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
        let text = text.trim();
        // A heading that ends its first sentence with 。！？ is run-in: the rest of its
        // paragraph continues in body type.
        if let Some(pos) = text.find(SENTENCE_END) {
            let end = pos + text[pos..].chars().next().map_or(0, char::len_utf8);
            let (head, body) = text.split_at(end);
            self.run_in = Some(Heading {
                level,
                number,
                text: head.to_string(),
                body: None,
            });
            if !body.trim().is_empty() {
                self.para.push(body.trim().to_string());
            }
        } else {
            self.blocks.push(Block::Heading(Heading {
                level,
                number,
                text: text.to_string(),
                body: None,
            }));
        }
    }

    fn keyword(&mut self, n: usize, kw: Keyword, value: &str, line: &str) {
        let value = value.trim().to_string();
        if kw != Keyword::Signature && kw != Keyword::Date {
            self.flush_signature(None, n, line);
        }
        match kw {
            Keyword::Title => {
                if value.chars().count() > TITLE_LINE_MAX {
                    self.diags.push(problem(
                        "E-MARKUP-TITLE",
                        n,
                        line,
                        format!(
                            "标题一行最多 {TITLE_LINE_MAX} 字（二号字），这一行有 {} 字；请分成两三行，每行一个“标题：”",
                            value.chars().count()
                        ),
                        format!(
                            "a title line holds at most {TITLE_LINE_MAX} characters in 2号; this one has {}: split it over 2–3 `标题：` lines",
                            value.chars().count()
                        ),
                    ));
                } else if value.chars().count() > TITLE_LINE_ADVISED {
                    self.diags.push(
                        Diagnostic::warning(
                            "W-MARKUP-TITLE",
                            format!(
                                "标题这一行有 {} 字，几乎占满一行；公文标题每行宜不超过 {TITLE_LINE_ADVISED} 字，可在词语之间分行",
                                value.chars().count()
                            ),
                            format!(
                                "this title line has {} characters and nearly fills the width; keep title lines to {TITLE_LINE_ADVISED} and break between words",
                                value.chars().count()
                            ),
                        )
                        .at(rendered_at(n, line)),
                    );
                }
                match self.blocks.last_mut() {
                    Some(Block::Title { lines }) => {
                        lines.push(value);
                        if lines.len() > 3 {
                            self.diags.push(problem(
                                "E-MARKUP-TITLE",
                                n,
                                line,
                                "标题最多三行".into(),
                                "a title has at most three lines".into(),
                            ));
                        }
                    }
                    _ => self.blocks.push(Block::Title { lines: vec![value] }),
                }
            }
            Keyword::Subtitle => self.blocks.push(Block::Subtitle { text: value }),
            Keyword::Salutation => self.blocks.push(Block::Salutation { text: value }),
            Keyword::Attachment => match self.blocks.last_mut() {
                Some(Block::Attachments { items }) => items.push(value),
                _ => self.blocks.push(Block::Attachments { items: vec![value] }),
            },
            Keyword::Signature => self.names.push(value),
            Keyword::Date => self.flush_signature(Some(value), n, line),
            Keyword::Note => {
                let text = if value.starts_with('（') {
                    value
                } else {
                    format!("（{value}）")
                };
                self.blocks.push(Block::Note { text });
            }
            Keyword::Caption => self.caption = Some(value),
            Keyword::TableNote => match self.blocks.last_mut() {
                Some(Block::Table(t)) if t.note.is_none() => t.note = Some(value),
                _ => self.diags.push(problem(
                    "E-MARKUP-TABLE",
                    n,
                    line,
                    "表注前面没有表格".into(),
                    "a table note does not follow a table".into(),
                )),
            },
        }
    }

    fn flush_signature(&mut self, date: Option<String>, n: usize, line: &str) {
        match date {
            Some(date) => {
                let names = std::mem::take(&mut self.names);
                self.blocks.push(Block::Signature { names, date });
            }
            None if !self.names.is_empty() => {
                self.diags.push(problem(
                    "E-MARKUP-SIGNATURE",
                    n,
                    line,
                    "署名后面缺少“日期：”行".into(),
                    "a signature (署名：) is not followed by a date (日期：) line".into(),
                ));
                self.names.clear();
            }
            None => {}
        }
    }

    fn flush_para(&mut self) {
        if self.para.is_empty() {
            if let Some(h) = self.run_in.take() {
                self.blocks.push(Block::Heading(h));
            }
            return;
        }
        let text = join_lines(&std::mem::take(&mut self.para));
        match self.run_in.take() {
            Some(mut h) => {
                h.body = Some(text);
                self.blocks.push(Block::Heading(h));
            }
            None => self.blocks.push(Block::Paragraph { text }),
        }
    }

    fn table_row(&mut self, n: usize, line: &str) {
        let inner = line.trim_start_matches('|');
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
        let is_sep = cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
        let caption = self.caption.take();
        let table = self.table.get_or_insert_with(|| Table {
            caption,
            ..Table::default()
        });
        if is_sep {
            if self.table_sep_seen || table.rows.is_empty() {
                self.diags.push(problem(
                    "E-MARKUP-TABLE",
                    n,
                    line,
                    "表头分隔行 |---| 只能出现一次，且紧跟在表头之后".into(),
                    "the header separator |---| must come once, right after the header rows".into(),
                ));
            }
            table.header_rows = table.rows.len();
            self.table_sep_seen = true;
            return;
        }
        if let Some(first) = table.rows.first() {
            if first.len() != cells.len() {
                let expected = first.len();
                self.diags.push(problem(
                    "E-MARKUP-TABLE",
                    n,
                    line,
                    format!(
                        "表格各行的格数不一致：第一行 {expected} 格，这一行 {} 格",
                        cells.len()
                    ),
                    format!(
                        "ragged table: the first row has {expected} cells, this row {}",
                        cells.len()
                    ),
                ));
            }
        }
        table.rows.push(cells);
    }

    fn flush_table(&mut self) {
        if let Some(t) = self.table.take() {
            self.blocks.push(Block::Table(t));
        }
        self.table_sep_seen = false;
    }
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

fn keyword(line: &str) -> Option<(Keyword, &str)> {
    for (word, kw) in KEYWORDS {
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
            })]
        );
    }

    #[test]
    fn markup_problems_are_reported() {
        let (_, d) = parse("| a | b |\n| c |\n\n##### 太深\n\n署名：某\n\n标题：一二三四五六七八九十一二三四五六七八九十一\n");
        let codes: Vec<&str> = d.0.iter().map(|d| d.code).collect();
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
