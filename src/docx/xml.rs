//! Text safety for the DOCX backend: escaping for the XML the patch step writes itself, and
//! sanitising of document text before it is handed to docx-rs (which passes control
//! characters through into the XML, making the part unreadable).

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

/// One piece of a run's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Plain text, free of control characters (docx-rs escapes the markup characters).
    Text(String),
    /// A tab (`w:tab`).
    Tab,
    /// A line break inside the paragraph (`w:br`).
    Break,
}

/// `text` split into pieces for docx-rs: forbidden characters dropped, tabs and newlines
/// (also `\r\n` and lone `\r`) as their own pieces.
pub fn sanitize(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut chunk = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let piece = match c {
            '\t' => Piece::Tab,
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                Piece::Break
            }
            '\n' => Piece::Break,
            c if allowed(c) => {
                chunk.push(c);
                continue;
            }
            _ => continue,
        };
        if !chunk.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut chunk)));
        }
        out.push(piece);
    }
    if !chunk.is_empty() {
        out.push(Piece::Text(chunk));
    }
    out
}

/// Characters in the General Punctuation block (and ·) that Word would draw with the Latin font
/// unless the run carries `w:hint="eastAsia"` (MS-OI29500 §2.1.88).
pub fn needs_east_asia_hint(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '―' | '‖'))
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
    fn sanitize_splits_tabs_and_breaks_and_drops_controls() {
        use Piece::*;
        assert_eq!(
            sanitize("甲\t乙\r\n丙\u{0}\u{b}\u{7f}\u{85}丁\r"),
            vec![
                Text("甲".into()),
                Tab,
                Text("乙".into()),
                Break,
                Text("丙丁".into()),
                Break
            ]
        );
        assert!(sanitize("").is_empty());
        assert_eq!(sanitize("<&>"), vec![Text("<&>".into())]);
    }

    #[test]
    fn hint_only_for_general_punctuation() {
        assert!(needs_east_asia_hint("科技“进农村”"));
        assert!(!needs_east_asia_hint("科技，进农村。"));
    }
}
