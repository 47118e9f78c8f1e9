//! Plain-text backend: the reviewable form of a report.
//!
//! One paragraph per line (title lines and signature lines each on their own), heading numbers
//! included, a blank line between blocks, UTF-8. Tests compare this form, and the PDF's extracted
//! text must equal it paragraph by paragraph.

use crate::model::{Block, Document};

/// The document as plain text.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        if matches!(block, Block::PageBreak) {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for line in block.text_lines() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Heading;

    #[test]
    fn blocks_are_separated_by_blank_lines() {
        let doc = Document {
            blocks: vec![
                Block::Title {
                    lines: vec!["甲".into(), "乙".into()],
                },
                Block::Heading(Heading {
                    level: 2,
                    number: "（一）".into(),
                    text: "健全机构。".into(),
                    body: Some("正文".into()),
                }),
                Block::PageBreak,
                Block::Signature {
                    names: vec!["县科协".into()],
                    date: "2012年10月10日".into(),
                },
            ],
        };
        assert_eq!(
            render(&doc),
            "甲\n乙\n\n（一）健全机构。正文\n\n县科协\n2012年10月10日\n"
        );
    }
}
