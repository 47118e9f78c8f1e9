//! Small WordprocessingML writing helpers: text sanitising and escaping, and paragraph/run
//! properties serialised in the element order the OOXML schema prescribes.
//!
//! Word rejects or silently drops properties written out of schema order, so every `w:pPr` and
//! `w:rPr` in the package (styles, body, footers) goes through [`PPr`] and [`RPr`] here.

use std::fmt::Write as _;

/// Escapes `s` for use in XML text or a double-quoted attribute value, after dropping the
/// characters XML 1.0 forbids (C0 controls other than tab/newline/CR, U+FFFE, U+FFFF).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// True for characters that may appear in the document text at all. Control characters
/// (C0 and C1) are dropped except tab and newline, which become `w:tab` and `w:br`.
fn allowed(c: char) -> bool {
    !(c.is_control() && c != '\t' && c != '\n') && c != '\u{FFFE}' && c != '\u{FFFF}'
}

/// Characters in the General Punctuation block (and ·) that Word would draw with the Latin font
/// unless the run carries `w:hint="eastAsia"` (MS-OI29500 §2.1.88).
fn needs_east_asia_hint(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            c,
            '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '―' | '‖' | '′' | '″'
        )
    })
}

/// The fonts of a run or style: Latin (`ascii`, `hAnsi`, `cs`) and East-Asian faces.
#[derive(Debug, Clone, PartialEq)]
pub struct Fonts<'a> {
    /// Font for ASCII and other Latin text (Times New Roman).
    pub latin: &'a str,
    /// Font for Chinese text (仿宋_GB2312 …).
    pub east_asia: &'a str,
}

/// Run properties, written in schema order (rFonts, b, spacing, sz, szCs, lang).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RPr<'a> {
    /// Fonts; `None` inherits.
    pub fonts: Option<Fonts<'a>>,
    /// Whether to add `w:hint="eastAsia"` to the fonts.
    pub hint: bool,
    /// Bold on (`Some(true)`) or explicitly off (`Some(false)`).
    pub bold: Option<bool>,
    /// Extra space after each character in twentieths of a point (`w:spacing`).
    pub spacing: Option<i32>,
    /// Size in half-points.
    pub size: Option<u32>,
    /// Write `w:lang` with zh-CN for East-Asian text.
    pub lang: bool,
}

impl RPr<'_> {
    /// The `<w:rPr>` element, or nothing when no property is set.
    pub fn xml(&self) -> String {
        let mut s = String::new();
        if let Some(f) = &self.fonts {
            let l = escape(f.latin);
            let _ = write!(
                s,
                r#"<w:rFonts w:ascii="{l}" w:hAnsi="{l}" w:eastAsia="{}" w:cs="{l}"{}/>"#,
                escape(f.east_asia),
                if self.hint {
                    r#" w:hint="eastAsia""#
                } else {
                    ""
                }
            );
        }
        match self.bold {
            Some(true) => s.push_str("<w:b/><w:bCs/>"),
            Some(false) => s.push_str(r#"<w:b w:val="0"/><w:bCs w:val="0"/>"#),
            None => {}
        }
        if let Some(sp) = self.spacing {
            let _ = write!(s, r#"<w:spacing w:val="{sp}"/>"#);
        }
        if let Some(sz) = self.size {
            let _ = write!(s, r#"<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>"#);
        }
        if self.lang {
            s.push_str(r#"<w:lang w:val="en-US" w:eastAsia="zh-CN"/>"#);
        }
        if s.is_empty() {
            s
        } else {
            format!("<w:rPr>{s}</w:rPr>")
        }
    }
}

/// Paragraph indentation in twips; `first_line_chars` in hundredths of a character.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Ind {
    /// Left indent of every line.
    pub left: i32,
    /// Right indent of every line.
    pub right: i32,
    /// First-line indent (positive) or hanging indent (negative).
    pub first_line: i32,
    /// First-line indent in hundredths of a character (`w:firstLineChars`), which Word prefers
    /// over `first_line`.
    pub first_line_chars: Option<i32>,
}

/// Line spacing: `line` twips, exact or at least.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    /// Line height in twips.
    pub line: u32,
    /// Exact (`true`) or at-least line rule.
    pub exact: bool,
}

/// Paragraph properties, written in schema order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PPr<'a> {
    /// Paragraph style id.
    pub style: Option<&'a str>,
    /// Keep with the next paragraph.
    pub keep_next: bool,
    /// Keep the paragraph's lines on one page.
    pub keep_lines: bool,
    /// Start on a new page.
    pub page_break_before: bool,
    /// Widow/orphan control (`Some(false)` turns it off, as Chinese Word templates do, so that
    /// every full page holds all 22 lines).
    pub widow_control: Option<bool>,
    /// Turn off the automatic gap between hanzi and Latin text/digits.
    pub auto_space_off: bool,
    /// Snap to the document grid (`Some(false)` writes `w:snapToGrid w:val="0"`).
    pub snap_to_grid: Option<bool>,
    /// Line spacing (before and after are always 0).
    pub spacing: Option<Spacing>,
    /// Indentation.
    pub ind: Option<Ind>,
    /// Justification: "left", "center", "right", "both".
    pub jc: Option<&'a str>,
    /// Outline level, 0-based.
    pub outline: Option<u8>,
}

impl PPr<'_> {
    /// The `<w:pPr>` element, or nothing when no property is set.
    pub fn xml(&self) -> String {
        let mut s = String::new();
        if let Some(id) = self.style {
            let _ = write!(s, r#"<w:pStyle w:val="{}"/>"#, escape(id));
        }
        if self.keep_next {
            s.push_str("<w:keepNext/>");
        }
        if self.keep_lines {
            s.push_str("<w:keepLines/>");
        }
        if self.page_break_before {
            s.push_str("<w:pageBreakBefore/>");
        }
        if let Some(v) = self.widow_control {
            let _ = write!(s, r#"<w:widowControl w:val="{}"/>"#, u8::from(v));
        }
        if self.auto_space_off {
            s.push_str(r#"<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>"#);
        }
        if let Some(v) = self.snap_to_grid {
            let _ = write!(s, r#"<w:snapToGrid w:val="{}"/>"#, u8::from(v));
        }
        if let Some(sp) = self.spacing {
            let rule = if sp.exact { "exact" } else { "atLeast" };
            let _ = write!(
                s,
                r#"<w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="{rule}"/>"#,
                sp.line
            );
        }
        if let Some(ind) = self.ind {
            let _ = write!(s, r#"<w:ind w:left="{}" w:right="{}""#, ind.left, ind.right);
            if ind.first_line < 0 {
                let _ = write!(s, r#" w:hanging="{}""#, -ind.first_line);
            } else {
                if let Some(c) = ind.first_line_chars {
                    let _ = write!(s, r#" w:firstLineChars="{c}""#);
                }
                let _ = write!(s, r#" w:firstLine="{}""#, ind.first_line);
            }
            s.push_str("/>");
        }
        if let Some(jc) = self.jc {
            let _ = write!(s, r#"<w:jc w:val="{jc}"/>"#);
        }
        if let Some(l) = self.outline {
            let _ = write!(s, r#"<w:outlineLvl w:val="{l}"/>"#);
        }
        if s.is_empty() {
            s
        } else {
            format!("<w:pPr>{s}</w:pPr>")
        }
    }
}

/// One text run: `text` with properties `rpr`. Tabs become `w:tab`, newlines `w:br`, forbidden
/// characters are dropped; the East-Asian font hint is added when the text needs it.
pub fn run(rpr: &RPr, text: &str) -> String {
    let mut rpr = rpr.clone();
    rpr.hint = rpr.hint || needs_east_asia_hint(text);
    let mut body = String::new();
    let mut chunk = String::new();
    let flush = |body: &mut String, chunk: &mut String| {
        if !chunk.is_empty() {
            let _ = write!(body, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(chunk));
            chunk.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(&mut body, &mut chunk);
                body.push_str("<w:tab/>");
            }
            '\n' => {
                flush(&mut body, &mut chunk);
                body.push_str("<w:br/>");
            }
            c => chunk.push(c),
        }
    }
    flush(&mut body, &mut chunk);
    format!("<w:r>{}{body}</w:r>", rpr.xml())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_handles_markup_and_controls() {
        assert_eq!(
            escape("<w:p>]]>&\"'\u{0}\u{1f}\u{7f}x\u{FFFF}"),
            "&lt;w:p&gt;]]&gt;&amp;&quot;&apos;x"
        );
    }

    #[test]
    fn run_splits_tabs_and_newlines_and_hints_quotes() {
        let r = run(&RPr::default(), "甲\t乙\n“丙”");
        assert_eq!(
            r,
            concat!(
                r#"<w:r><w:t xml:space="preserve">甲</w:t><w:tab/>"#,
                r#"<w:t xml:space="preserve">乙</w:t><w:br/>"#,
                r#"<w:t xml:space="preserve">“丙”</w:t></w:r>"#
            )
        );
        let f = RPr {
            fonts: Some(Fonts {
                latin: "Times New Roman",
                east_asia: "仿宋_GB2312",
            }),
            size: Some(32),
            ..RPr::default()
        };
        let r = run(&f, "科技“进农村”");
        assert!(
            r.contains(r#"w:eastAsia="仿宋_GB2312" w:cs="Times New Roman" w:hint="eastAsia"/>"#)
        );
        assert!(!run(&f, "科技").contains("w:hint"));
    }

    #[test]
    fn ppr_is_in_schema_order() {
        let p = PPr {
            style: Some("BodyText"),
            keep_next: true,
            auto_space_off: true,
            snap_to_grid: Some(false),
            spacing: Some(Spacing {
                line: 579,
                exact: true,
            }),
            ind: Some(Ind {
                first_line: 632,
                first_line_chars: Some(200),
                ..Ind::default()
            }),
            jc: Some("both"),
            ..PPr::default()
        };
        let x = p.xml();
        let order = [
            "pStyle",
            "keepNext",
            "autoSpaceDE",
            "snapToGrid",
            "spacing",
            "firstLineChars",
            "w:jc",
        ];
        let pos: Vec<usize> = order.iter().map(|t| x.find(t).unwrap()).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{x}");
    }
}
