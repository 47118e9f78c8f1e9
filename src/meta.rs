//! What a written document says about itself — title, subject, language, date — and which
//! archival profile it claims, for the writers that record it (PDF `/Info` and XMP, OFD
//! `DocInfo`, DOCX core properties).

/// The document's metadata and archival profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The title (the title lines joined).
    pub title: Option<String>,
    /// The subject (the line under the title), if the document has one.
    pub subject: Option<String>,
    /// The language as a BCP 47 tag from the output script (`zh-CN`, `zh-TW`, `zh-HK`,
    /// `zh-Hant`).
    pub lang: String,
    /// The creation date, ISO 8601 UTC (`2012-10-10T00:00:00Z`): never the clock.
    pub date: String,
    /// The headings in reading order: the PDF's outline.
    pub outline: Vec<OutlineItem>,
    /// The document's logical structure in reading order: what the PDF tags.
    pub structure: Vec<Part>,
    /// Write PDF/A-2b (identification in XMP, an sRGB output intent).
    pub pdf_a2b: bool,
    /// Write OFD-A (GB/T 42133) instead of plain OFD.
    pub ofd_a: bool,
}

/// A heading of the document, for the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    /// Heading level, 1 = 一、.
    pub level: u8,
    /// The text as printed, label included.
    pub text: String,
    /// The index in [`crate::model::Document::blocks`] of the heading's block (the laid-out
    /// lines of that block say so too: [`crate::layout::Line::block`]).
    pub block: usize,
}

/// One element of the document's logical structure, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The PDF structure type: `P`, `H1`–`H4`, `Caption`, `Table`.
    pub tag: &'static str,
    /// The index in [`crate::model::Document::blocks`] of the block it comes from (the laid-out
    /// lines of that block say so too: [`crate::layout::Line::block`]).
    pub block: usize,
    /// How many characters (whitespace aside) it draws.
    pub chars: usize,
    /// For a table, the text of each cell (whitespace aside), row by row (empty for a cell
    /// another one covers); empty for other parts.
    pub cells: Vec<Vec<String>>,
    /// For a table, how many leading rows are header rows (drawn again, as artifacts, on each
    /// later page the table continues on).
    pub header_rows: usize,
}

impl Part {
    /// The parts of the document model's blocks, in order.
    pub fn of(doc: &crate::model::Document) -> Vec<Part> {
        use crate::model::Block;
        let count = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        let part = |tag, block, chars| Part {
            tag,
            block,
            chars,
            cells: Vec::new(),
            header_rows: 0,
        };
        let mut out = Vec::new();
        for (i, b) in doc.blocks.iter().enumerate() {
            match b {
                Block::Heading(h) => {
                    let tag = match h.level {
                        1 => "H1",
                        2 => "H2",
                        3 => "H3",
                        _ => "H4",
                    };
                    out.push(part(tag, i, count(&h.label_and_text())));
                    if let Some(body) = &h.body {
                        out.push(part("P", i, count(body)));
                    }
                }
                Block::Table(t) => {
                    if let Some(c) = &t.caption {
                        out.push(part("Caption", i, count(c)));
                    }
                    let cells: Vec<Vec<String>> = t
                        .rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect())
                                .collect()
                        })
                        .collect();
                    out.push(Part {
                        tag: "Table",
                        block: i,
                        chars: cells.iter().flatten().map(|c| c.chars().count()).sum(),
                        cells,
                        header_rows: t.header_rows.min(t.rows.len()),
                    });
                    if let Some(n) = &t.note {
                        out.push(part("P", i, count(n)));
                    }
                }
                Block::PageBreak => {}
                other => out.push(part("P", i, count(&other.text_lines().concat()))),
            }
        }
        out.retain(|p| p.chars != 0);
        out
    }
}

impl Meta {
    /// The date part (`YYYY-MM-DD`) of [`Meta::date`].
    pub fn day(&self) -> &str {
        self.date.get(..10).unwrap_or(&self.date)
    }
}

/// The BCP 47 language tag of an output script.
pub fn lang_of(script: crate::zh::Script) -> &'static str {
    use crate::zh::Script;
    match script {
        Script::Hans => "zh-CN",
        Script::Hant => "zh-Hant",
        Script::HantTw => "zh-TW",
        Script::HantHk => "zh-HK",
    }
}
