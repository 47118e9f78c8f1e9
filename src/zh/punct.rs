//! Punctuation normalization (GB/T 15834): half-width marks typed inside Chinese text become
//! full-width, and the changes are listed so `huibao check` can show them.
//!
//! Facts pasted from web pages and typed on an English keyboard carry `,:;()!?`, straight quotes,
//! `--` and `...`. Next to Chinese text these become ，：；（）！？ “” ‘’ —— ……; `<…>` inside 《》
//! becomes 〈…〉. ASCII stays as written where it belongs to something ASCII: numbers (3.5,
//! 1,234, 10:30), dates (2012-10-10), Latin words and codes (GB/T 9704-2012), URLs
//! (`https://example.org/a,b`), file names (report.docx), `code` spans, and the markup's own
//! syntax (line-leading `#`, table pipes, `{#id}` attributes, `key:` right after an ASCII word,
//! Markdown links `](…)`, `---` rules).

/// One replacement made by [`normalize`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Byte offset of `before` in the input text.
    pub offset: usize,
    /// The text as written.
    pub before: String,
    /// What it became.
    pub after: String,
}

/// `text` with its punctuation normalized, and the list of changes in input order.
///
/// Applying the changes to the input gives the output; an input with nothing to change comes
/// back equal and with an empty list.
pub fn normalize(text: &str) -> (String, Vec<Change>) {
    if untouched(text) {
        return (text.to_string(), Vec::new());
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut work = Work {
        chars: chars.iter().map(|&(_, c)| c).collect(),
        protected: vec![false; chars.len()],
        repl: vec![None; chars.len()],
    };
    let mut start = 0;
    for end in (0..=chars.len()).filter(|&i| i == chars.len() || chars[i].1 == '\n') {
        work.line(start, end);
        start = end + 1;
    }
    assemble(text, &chars, &work.repl)
}

/// True for a text no rule changes, found without normalizing it: letters and digits, with
/// single hyphens or slashes (a name, a figure, a date: most spreadsheet cells; only a run of
/// two hyphens becomes ——).
pub fn untouched(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '/')
        && !text.contains("--")
}

/// Per-character state while normalizing.
struct Work {
    chars: Vec<char>,
    /// Characters no rule may touch (URLs, code spans, attribute blocks).
    protected: Vec<bool>,
    /// The replacement for each character (`Some("")` deletes it).
    repl: Vec<Option<String>>,
}

impl Work {
    /// Normalizes the line `chars[start..end]`.
    fn line(&mut self, start: usize, end: usize) {
        self.protect(start, end);
        self.parens(start, end);
        self.quotes(start, end, '"', ('“', '”'));
        self.quotes(start, end, '\'', ('‘', '’'));
        self.angles(start, end);
        self.runs(start, end, '-', 2, "——");
        self.runs(start, end, '.', 3, "……");
        self.runs(start, end, '.', 6, "……");
        self.singles(start, end);
    }

    /// The character at `i` as it will be printed (after replacements so far).
    fn eff(&self, i: usize) -> char {
        match &self.repl[i] {
            Some(r) => r.chars().next().unwrap_or(' '),
            None => self.chars[i],
        }
    }

    /// The printed character before `i` on the line starting at `start`.
    fn before(&self, start: usize, i: usize) -> Option<char> {
        (i > start).then(|| self.eff(i - 1))
    }

    /// The printed character after `i` on the line ending at `end`.
    fn after(&self, end: usize, i: usize) -> Option<char> {
        (i + 1 < end).then(|| self.eff(i + 1))
    }

    fn free(&self, i: usize) -> bool {
        !self.protected[i] && self.repl[i].is_none()
    }

    fn set(&mut self, i: usize, to: &str) {
        self.repl[i] = Some(to.to_string());
    }

    fn has_han(&self, from: usize, to: usize) -> bool {
        self.chars[from..to].iter().any(|&c| is_han(c))
    }

    /// Marks URLs, `code` spans and `{#…}`/`{.…}` attribute blocks as protected.
    fn protect(&mut self, start: usize, end: usize) {
        let mut i = start;
        while i < end {
            let c = self.chars[i];
            let rest = &self.chars[i..end];
            let url_start = ["http://", "https://", "ftp://", "www."]
                .iter()
                .any(|p| p.len() <= rest.len() && p.chars().zip(rest).all(|(a, &b)| a == b))
                && (i == start || !self.chars[i - 1].is_ascii_alphanumeric());
            let close = if url_start {
                let stop = (i..end)
                    .find(|&j| !self.chars[j].is_ascii_graphic())
                    .unwrap_or(end);
                Some(stop)
            } else if c == '`' {
                (i + 1..end).find(|&j| self.chars[j] == '`').map(|j| j + 1)
            } else if c == '{' && matches!(self.chars.get(i + 1), Some('#' | '.')) {
                (i + 1..end).find(|&j| self.chars[j] == '}').map(|j| j + 1)
            } else {
                None
            };
            match close {
                Some(stop) => {
                    self.protected[i..stop].iter_mut().for_each(|p| *p = true);
                    i = stop;
                }
                None => i += 1,
            }
        }
    }

    /// `(…)` pairs: full-width when the content has Chinese, or a Chinese character is right
    /// outside (before the opening one, or after the closing one unless an ASCII word is glued
    /// to the opening one, as in `f(x)`). `](…)` (a Markdown link) is left alone.
    fn parens(&mut self, start: usize, end: usize) {
        let mut stack = Vec::new();
        let mut unmatched = Vec::new();
        for i in start..end {
            if self.protected[i] {
                continue;
            }
            match self.chars[i] {
                '(' => stack.push(i),
                ')' => match stack.pop() {
                    Some(open) => {
                        let before = self.before(start, open);
                        if before == Some(']') {
                            continue;
                        }
                        let glued = before.is_some_and(|c| c.is_ascii_alphanumeric());
                        let convert = self.has_han(open + 1, i)
                            || before.is_some_and(is_cjk)
                            || (!glued && self.after(end, i).is_some_and(is_cjk));
                        if convert {
                            self.set(open, "（");
                            self.set(i, "）");
                        }
                    }
                    None => unmatched.push(i),
                },
                _ => {}
            }
        }
        unmatched.extend(stack);
        for i in unmatched {
            if self.before(start, i).is_some_and(is_cjk) || self.after(end, i).is_some_and(is_cjk) {
                let to = if self.chars[i] == '(' { "（" } else { "）" };
                self.set(i, to);
            }
        }
    }

    /// Straight quotes paired in order along the line (1st opens, 2nd closes, …); a pair
    /// becomes curly when its content has Chinese or a Chinese character is right outside it.
    /// An apostrophe between two ASCII letters (don't) is not a quote; an unpaired last quote
    /// is left as written.
    fn quotes(&mut self, start: usize, end: usize, mark: char, (open, close): (char, char)) {
        let candidates: Vec<usize> = (start..end)
            .filter(|&i| self.chars[i] == mark && self.free(i))
            .filter(|&i| {
                let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                !(mark == '\'' && glued(self.before(start, i)) && glued(self.after(end, i)))
            })
            .collect();
        for pair in candidates.chunks_exact(2) {
            let (a, b) = (pair[0], pair[1]);
            if self.has_han(a + 1, b)
                || self.before(start, a).is_some_and(is_cjk)
                || self.after(end, b).is_some_and(is_cjk)
            {
                self.set(a, &open.to_string());
                self.set(b, &close.to_string());
            }
        }
    }

    /// `<…>` inside 《…》 becomes 〈…〉.
    fn angles(&mut self, start: usize, end: usize) {
        let mut depth = 0usize;
        let mut i = start;
        while i < end {
            match self.chars[i] {
                '《' => depth += 1,
                '》' => depth = depth.saturating_sub(1),
                '<' if depth > 0 && self.free(i) => {
                    let close = (i + 1..end)
                        .take_while(|&j| self.chars[j] != '》')
                        .find(|&j| self.chars[j] == '>' && self.free(j));
                    if let Some(j) = close {
                        self.set(i, "〈");
                        self.set(j, "〉");
                        i = j;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// A run of exactly `len` copies of `mark` next to Chinese becomes `to` (`--` → ——,
    /// `...` → ……); shorter or longer runs (`-`, `---`) and runs glued to an ASCII word or
    /// number (`--script`, `a...b`) stay.
    fn runs(&mut self, start: usize, end: usize, mark: char, len: usize, to: &str) {
        let mut i = start;
        while i < end {
            if self.chars[i] != mark || !self.free(i) {
                i += 1;
                continue;
            }
            let stop = (i..end)
                .find(|&j| self.chars[j] != mark || !self.free(j))
                .unwrap_or(end);
            let (before, after) = (self.before(start, i), self.after(end, stop - 1));
            let ascii_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let next_to_chinese = (before.is_some_and(is_cjk) || after.is_some_and(is_cjk))
                && !ascii_word(before)
                && !ascii_word(after);
            if stop - i == len && next_to_chinese {
                self.set(i, to);
                (i + 1..stop).for_each(|j| self.set(j, ""));
            }
            i = stop;
        }
    }

    /// `, ; ! ?` with Chinese on either side, and `:` after Chinese (or before Chinese when
    /// not right after an ASCII word, which keeps `key:` and `10:30`), become full-width;
    /// spaces after them are dropped when Chinese follows.
    fn singles(&mut self, start: usize, end: usize) {
        for i in start..end {
            if !self.free(i) {
                continue;
            }
            let to = match self.chars[i] {
                ',' => "，",
                ';' => "；",
                '!' => "！",
                '?' => "？",
                ':' => "：",
                '.' => "。",
                _ => continue,
            };
            let before = self.before(start, i);
            let after = self.after(end, i);
            let convert = if self.chars[i] == '.' {
                // A full stop scraped as '.' right after a Chinese character, ending the text or
                // followed by a space or Chinese (not 3.5, a.com, GB/T 9704.1 or 图1.).
                before.is_some_and(is_han)
                    && after.is_none_or(|c| c == ' ' || is_cjk(c) || c == '”' || c == '’')
            } else if self.chars[i] == ':' {
                before.is_some_and(is_cjk)
                    || (after.is_some_and(is_cjk)
                        && !before.is_some_and(|c| c.is_ascii_alphanumeric()))
            } else {
                before.is_some_and(is_cjk) || after.is_some_and(is_cjk)
            };
            if !convert {
                continue;
            }
            self.set(i, to);
            let spaces_end = (i + 1..end).find(|&j| self.chars[j] != ' ').unwrap_or(end);
            if spaces_end > i + 1
                && spaces_end < end
                && self.free(spaces_end)
                && is_cjk(self.chars[spaces_end])
            {
                (i + 1..spaces_end).for_each(|j| self.set(j, ""));
            }
        }
    }
}

/// Builds the output and merges adjacent replaced characters into one [`Change`].
fn assemble(text: &str, chars: &[(usize, char)], repl: &[Option<String>]) -> (String, Vec<Change>) {
    let mut out = String::with_capacity(text.len());
    let mut changes: Vec<Change> = Vec::new();
    let mut previous_changed = false;
    for (i, &(offset, c)) in chars.iter().enumerate() {
        match &repl[i] {
            Some(r) => {
                out.push_str(r);
                match changes.last_mut() {
                    Some(last) if previous_changed => {
                        last.before.push(c);
                        last.after.push_str(r);
                    }
                    _ => changes.push(Change {
                        offset,
                        before: c.to_string(),
                        after: r.clone(),
                    }),
                }
                previous_changed = true;
            }
            None => {
                out.push(c);
                previous_changed = false;
            }
        }
    }
    (out, changes)
}

/// A Chinese character (CJK ideographs, extensions and compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Chinese text for the neighbour rules: Han characters, kana, CJK and full-width punctuation,
/// curly quotes, —, ….
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3000}'..='\u{30FF}'
            | '\u{FF01}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}'
            | '\u{2018}'..='\u{201D}'
            | '\u{2014}'
            | '\u{2026}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> String {
        normalize(text).0
    }

    #[test]
    fn cells_of_letters_digits_and_single_hyphens_are_kept_and_hyphen_pairs_are_not() {
        for kept in ["长寨街道", "村123", "2024-03-01", "2024/3/1", "A-B"] {
            assert_eq!(normalize(kept), (kept.to_string(), Vec::new()));
        }
        assert_eq!(norm("中--文"), "中——文");
    }

    #[test]
    fn table_of_cases() {
        let cases = [
            // The source report's own half-width punctuation.
            ("來源:文萃谷 1.7W", "來源：文萃谷 1.7W"),
            ("尊敬的馬主席、各位領導:", "尊敬的馬主席、各位領導："),
            (
                "(一)強化組織領導,迅速部署動員",
                "（一）強化組織領導，迅速部署動員",
            ),
            ("表示衷心的感謝!下面,我就", "表示衷心的感謝！下面，我就"),
            (
                "40個村(含基地、協會、合作社、公司),以點帶面",
                "40個村（含基地、協會、合作社、公司），以點帶面",
            ),
            (
                "印發了《盧氏縣實施<全民科學素質行動計劃綱要>工作方案》和",
                "印發了《盧氏縣實施〈全民科學素質行動計劃綱要〉工作方案》和",
            ),
            ("科技\"進農村、進社區\"服務", "科技“進農村、進社區”服務"),
            ("他說'好'。", "他說‘好’。"),
            ("是嗎?是的;對", "是嗎？是的；對"),
            ("他說--這是", "他說——這是"),
            ("省略號...後面", "省略號……後面"),
            ("省略號......", "省略號……"),
            ("謝謝! 下面", "謝謝！下面"),
            ("(2012)年", "（2012）年"),
            ("他說\"OK\"。", "他說“OK”。"),
            // ASCII that stays.
            ("增長3.5%,達到1,234,567元", "增長3.5%，達到1,234,567元"),
            ("於2012-10-10召開", "於2012-10-10召開"),
            ("按GB/T 9704-2012排版", "按GB/T 9704-2012排版"),
            ("見https://example.org/a,b。", "見https://example.org/a,b。"),
            (
                "網址:https://example.org/?q=1,2",
                "網址：https://example.org/?q=1,2",
            ),
            ("附件report.docx,請查收", "附件report.docx，請查收"),
            ("# 一、基本情況", "# 一、基本情況"),
            ("| 項目 | 數量 |", "| 項目 | 數量 |"),
            ("|---|:---:|", "|---|:---:|"),
            ("title:關於工作的彙報", "title:關於工作的彙報"),
            ("時間10:30開會", "時間10:30開會"),
            (
                "Hello, world! (see f(x)) don't",
                "Hello, world! (see f(x)) don't",
            ),
            ("函數f(x)的值", "函數f(x)的值"),
            ("見[文件](docs/a.md)第", "見[文件](docs/a.md)第"),
            ("## 標題 {#id class=\"x\"}", "## 標題 {#id class=\"x\"}"),
            (
                "運行`huibao render a.toml --set x=1,2`即可",
                "運行`huibao render a.toml --set x=1,2`即可",
            ),
            ("---", "---"),
            ("用--script選擇", "用--script選擇"),
            // A full stop scraped as '.' after a Chinese character.
            ("完成了任務.", "完成了任務。"),
            ("任務. 下一步", "任務。下一步"),
            ("他說\"好.\"", "他說“好。”"),
            ("增長3.5倍", "增長3.5倍"),
            ("見圖1.", "見圖1."),
            ("網站abc.com", "網站abc.com"),
            ("盧氏.com", "盧氏.com"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(norm(input), want, "input {input:?}");
        }
    }

    #[test]
    fn changes_are_listed_with_byte_offsets() {
        let input = "來源:文萃谷\n(一)強化! 下面";
        let (out, changes) = normalize(input);
        assert_eq!(out, "來源：文萃谷\n（一）強化！下面");
        let listed: Vec<(usize, &str, &str)> = changes
            .iter()
            .map(|c| (c.offset, c.before.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(
            listed,
            vec![
                (6, ":", "："),
                (17, "(", "（"),
                (21, ")", "）"),
                (28, "! ", "！")
            ]
        );
        for c in &changes {
            assert_eq!(&input[c.offset..c.offset + c.before.len()], c.before);
        }
    }

    #[test]
    fn unchanged_text_has_no_changes() {
        let (out, changes) = normalize("全文共2,036字，見https://example.org/a,b。");
        assert_eq!(out, "全文共2,036字，見https://example.org/a,b。");
        assert!(changes.is_empty());
    }

    #[test]
    fn source_report_has_no_half_width_marks_left_next_to_chinese() {
        let source = "來源:文萃谷 1.7W\n\n尊敬的馬主席、各位領導:\n\n\
            表示熱烈的歡迎,向各位領導多年來對盧氏科普事業及經濟社會發展所給予的關心和支持,\
            表示衷心的感謝!下面,我就盧氏科技\"進農村、進社區、強技能、提素質\"服務活動\n\n\
            (一)強化組織領導,迅速部署動員\n\n\
            下派到16個鄉鎮40個村(含基地、協會、合作社、公司),以點帶面開展科技服務。";
        let (out, changes) = normalize(source);
        assert!(changes.len() >= 12, "only {} changes", changes.len());
        for bad in ["領導:", "(一)", "感謝!", "活動,", "社區\""] {
            assert!(!out.contains(bad), "{bad} left in output");
        }
        assert!(out.contains("（一）強化組織領導，迅速部署動員"));
        assert!(out.contains("1.7W"));
    }
}
