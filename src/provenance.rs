//! Provenance: which fact or template line each piece of the rendered text came from.
//!
//! Facts are text, templates are structure. While a template renders, the output of every
//! `{{expression}}` — a fact, or a helper's text — is wrapped in private-use sentinels:
//! [`FACT_OPEN`], one index character, the text, [`FACT_CLOSE`]. The index points into the
//! render's table of fact paths ([`Rendered::facts`]). Template text carries a
//! [`TEMPLATE_AT`] marker and an index at the start of each piece and of each line, pointing at
//! its file, line and column ([`TemplatePoint`]). The markup parser reads sentinel-wrapped text
//! as literal text — never a keyword, heading, table pipe or line break — and strips all
//! markers; messages about the rendered text decode them to point at their origin, without
//! searching the facts or templates for the text.
//!
//! Markup from a fact is possible only where the template says so: a triple-stash
//! `{{{expression}}}` is not wrapped, so its text is read as markup.
//!
//! All markers are characters of plane 16 (Supplementary Private Use Area-B), which facts may
//! not contain (`E-CONTROL-CHAR`).

use std::cell::RefCell;
use std::collections::BTreeSet;

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonRender, Output, RenderContext,
    RenderErrorReason,
};
use serde_json::Value as Json;

/// Opens a piece of literal text from an expression; followed by one index character.
pub const FACT_OPEN: char = '\u{10FFF0}';
/// Closes a piece of literal text.
pub const FACT_CLOSE: char = '\u{10FFF1}';
/// Marks where template text from a [`TemplatePoint`] starts; followed by one index character.
pub const TEMPLATE_AT: char = '\u{10FFF2}';
/// A line break inside a fact, which joins lines as a wrapped template line does.
pub const SOFT_BREAK: char = '\u{10FFF3}';

/// First index character.
const INDEX_BASE: u32 = 0x10_0000;
/// Number of index characters; the last one means "no entry".
const INDEX_COUNT: usize = 0xFFF0;

/// The helper name plain `{{path}}` expressions are rewritten to (not writable in a template).
const FACT_HELPER: &str = "huibao provenance fact";

/// True for every marker and index character.
pub fn is_marker(c: char) -> bool {
    c as u32 >= INDEX_BASE
}

fn index_char(i: usize) -> char {
    char::from_u32(INDEX_BASE + i.min(INDEX_COUNT - 1) as u32).unwrap_or(FACT_CLOSE)
}

fn index_of(c: char) -> Option<usize> {
    let i = (c as u32).checked_sub(INDEX_BASE)? as usize;
    (i < INDEX_COUNT - 1).then_some(i)
}

/// The visible text: all markers removed, a line break inside a fact joined like wrapped
/// template lines (nothing between Chinese characters, a space between Latin words).
pub fn strip(s: &str) -> String {
    if !s.chars().any(is_marker) {
        return s.to_string();
    }
    let pieces: Vec<String> = s
        .split(SOFT_BREAK)
        .map(|p| p.chars().filter(|&c| !is_marker(c)).collect())
        .collect();
    if pieces.len() == 1 {
        return pieces.into_iter().next().unwrap_or_default();
    }
    crate::markup::join_lines(&pieces)
}

/// Where a template text piece starts: file index (into `TemplateSet::files`), line, column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplatePoint {
    /// Index of the template file.
    pub file: usize,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

/// A rendered template: the text with its markers, and the fact path of each expression output
/// (`None` for a helper output or a value that is no fact, such as `@index`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The rendered text with markers.
    pub text: String,
    /// Fact paths by index.
    pub facts: Vec<Option<String>>,
    /// The facts the text was rendered from, handed back rather than freed here: a process
    /// that ends after rendering need not free a large spreadsheet source piece by piece.
    pub data: Json,
}

/// A visible character and where it came from: the innermost expression output holding it
/// (index into [`Rendered::facts`], characters before it in that output), and the template
/// text piece it is in or follows (index into the template's points, characters since).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Traced {
    /// The character.
    pub ch: char,
    /// Fact table index and offset, when the character is an expression's output.
    pub fact: Option<(usize, usize)>,
    /// Template point index and offset.
    pub template: Option<(usize, usize)>,
}

/// Each visible character of `text` with its origin.
pub fn origins(text: &str) -> Vec<Traced> {
    let mut out = Vec::new();
    let mut template: Option<(usize, usize)> = None;
    let mut fact: Vec<Option<(usize, usize)>> = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            FACT_OPEN => fact.push(chars.next().and_then(index_of).map(|i| (i, 0))),
            FACT_CLOSE => {
                fact.pop();
            }
            TEMPLATE_AT => template = chars.next().and_then(index_of).map(|i| (i, 0)),
            c if is_marker(c) => {}
            ch => {
                out.push(Traced {
                    ch,
                    fact: fact.iter().rev().find_map(|f| *f),
                    template,
                });
                for (_, offset) in fact.iter_mut().flatten().chain(template.iter_mut()) {
                    *offset += 1;
                }
            }
        }
    }
    out
}

/// Splits rendered text into lines at line breaks of the template; a line break inside an
/// expression's output becomes [`SOFT_BREAK`].
pub fn lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut depth = 0usize;
    // Text between the characters that matter is copied whole, not character by character.
    let mut start = 0;
    for (i, m) in text.match_indices(['\n', FACT_OPEN, FACT_CLOSE]) {
        line.push_str(&text[start..i]);
        start = i + m.len();
        match m.chars().next() {
            Some('\n') => {
                if line.ends_with('\r') {
                    line.pop();
                }
                if depth == 0 {
                    out.push(std::mem::take(&mut line));
                } else {
                    line.push(SOFT_BREAK);
                }
            }
            Some(c) => {
                if c == FACT_OPEN {
                    depth += 1;
                } else {
                    depth = depth.saturating_sub(1);
                }
                line.push(c);
            }
            None => {}
        }
    }
    line.push_str(&text[start..]);
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// The line without template markers (fact sentinels kept): what the markup parser reads
/// structure from.
pub fn without_template_markers(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(TEMPLATE_AT) {
        out.push_str(&rest[..at]);
        // The marker and the index character after it.
        let mut after = rest[at + TEMPLATE_AT.len_utf8()..].chars();
        after.next();
        rest = after.as_str();
    }
    out.push_str(rest);
    out
}

/// Splits `line` at `sep` outside expression outputs (a `|` from a fact never splits a row).
pub fn split_outside(line: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        match c {
            FACT_OPEN => depth += 1,
            FACT_CLOSE => depth = depth.saturating_sub(1),
            c if c == sep && depth == 0 => {
                out.push(&line[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&line[start..]);
    out
}

/// Converts the script of marked text; markers stay at their characters when the conversion
/// keeps the number of characters (it does, character for character, for OpenCC's tables).
pub fn convert_script(text: &str, from: crate::zh::Script, to: crate::zh::Script) -> String {
    if from == to {
        return text.to_string();
    }
    let visible: String = text.chars().filter(|&c| !is_marker(c)).collect();
    let converted = crate::zh::convert_from(&visible, from, to);
    if converted.chars().count() != visible.chars().count() {
        return crate::zh::convert_from(text, from, to);
    }
    let mut conv = converted.chars();
    text.chars()
        .map(|c| if is_marker(c) { Some(c) } else { conv.next() })
        .collect::<Option<String>>()
        .unwrap_or(converted)
}

thread_local! {
    /// The fact table of the render running on this thread.
    static FACTS: RefCell<Vec<Option<String>>> = const { RefCell::new(Vec::new()) };
}

/// Renders template `name` of a [`mark`]ed registry, collecting the fact table.
pub fn render(
    registry: &Handlebars<'static>,
    name: &str,
    data: Json,
) -> Result<Rendered, handlebars::RenderError> {
    FACTS.with(|f| f.borrow_mut().clear());
    // The facts are handed over, not serialized into a copy: a spreadsheet source makes them
    // large.
    let mut context = Context::from(data);
    let text = registry.render_with_context(name, &context);
    let facts = FACTS.with(|f| std::mem::take(&mut *f.borrow_mut()));
    Ok(Rendered {
        text: text?,
        facts,
        data: std::mem::take(context.data_mut()),
    })
}

/// `text` as literal text from the fact at `path`.
fn literal(text: &str, path: Option<String>) -> String {
    let index = FACTS.with(|f| {
        let mut f = f.borrow_mut();
        if f.len() < INDEX_COUNT - 1 {
            f.push(path);
            f.len() - 1
        } else {
            INDEX_COUNT - 1
        }
    });
    format!("{FACT_OPEN}{}{text}{FACT_CLOSE}", index_char(index))
}

/// A helper's output as literal text from the fact of its first argument — or as markup when
/// the template asked for it with a triple-stash (`{{{join list}}}`).
pub fn helper_output(
    h: &Helper<'_>,
    ctx: &Context,
    rc: &RenderContext<'_, '_>,
    text: &str,
) -> String {
    if rc.is_disable_escape() {
        return text.to_string();
    }
    let path = h
        .param(0)
        .and_then(|p| p.context_path())
        .map(|segs| fact_path(ctx.data(), segs));
    literal(text, path)
}

/// The fact path (`plans[1].title`) of a Handlebars context path (`plans`, `1`, `title`).
fn fact_path(root: &Json, segs: &[String]) -> String {
    let mut out = String::new();
    let mut cur = Some(root);
    for s in segs {
        match cur {
            Some(Json::Array(a)) => {
                out.push_str(&format!("[{s}]"));
                cur = s.parse::<usize>().ok().and_then(|i| a.get(i));
            }
            other => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(s);
                cur = other.and_then(|v| v.get(s));
            }
        }
    }
    out
}

/// Prints a `{{path}}` value as literal text tagged with its fact path.
struct FactHelper;

impl HelperDef for FactHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let Some(p) = h.param(0) else {
            return Ok(());
        };
        if p.is_value_missing() {
            return Err(RenderErrorReason::MissingVariable(p.relative_path().cloned()).into());
        }
        let text = p.value().render();
        let path = p.context_path().map(|segs| fact_path(ctx.data(), segs));
        if rc.is_disable_escape() {
            out.write(&text)?;
        } else {
            out.write(&literal(&text, path))?;
        }
        Ok(())
    }
}

/// A copy of `registry` whose templates mark their provenance: `{{path}}` prints through the
/// fact helper, template text carries [`TEMPLATE_AT`] markers. `files` are the template files
/// (name, text) in the order [`TemplatePoint::file`] counts; `helpers` the helper names.
pub fn mark(
    registry: &Handlebars<'static>,
    files: &[(&str, &str)],
    helpers: &BTreeSet<String>,
) -> (Handlebars<'static>, Vec<TemplatePoint>) {
    let mut marked = registry.clone();
    marked.register_helper(FACT_HELPER, Box::new(FactHelper));
    let mut points = Vec::new();
    for (i, (name, text)) in files.iter().enumerate() {
        let Some(t) = registry.get_template(name) else {
            continue;
        };
        let mut t = t.clone();
        mark_template(&mut t, (i, text), helpers, &mut points);
        marked.register_template(name, t);
    }
    (marked, points)
}

fn mark_template(
    t: &mut Template,
    (file, src): (usize, &str),
    helpers: &BTreeSet<String>,
    points: &mut Vec<TemplatePoint>,
) {
    let mapping = &t.mapping;
    for (k, el) in t.elements.iter_mut().enumerate() {
        match el {
            TemplateElement::RawString(s) => {
                if let Some(m) = mapping.get(k) {
                    *s = mark_raw(s, file, src, (m.0, m.1), points);
                }
            }
            TemplateElement::Expression(ht)
                if !ht.block
                    && ht.params.is_empty()
                    && ht.hash.is_empty()
                    && matches!(&ht.name, Parameter::Path(_))
                    && ht.name.as_name().is_some_and(|n| !helpers.contains(n)) =>
            {
                let mut call = (**ht).clone();
                call.params = vec![ht.name.clone()];
                call.name = Parameter::Name(FACT_HELPER.into());
                **ht = call;
            }
            TemplateElement::HelperBlock(ht) => {
                for sub in [&mut ht.template, &mut ht.inverse].into_iter().flatten() {
                    mark_template(sub, (file, src), helpers, points);
                }
            }
            TemplateElement::DecoratorBlock(d) | TemplateElement::PartialBlock(d) => {
                if let Some(sub) = &mut d.template {
                    mark_template(sub, (file, src), helpers, points);
                }
            }
            _ => {}
        }
    }
}

/// Template text `raw`, which Handlebars maps to `line`:`col` of `src`, with a marker at its
/// start and after each of its line breaks.
fn mark_raw(
    raw: &str,
    file: usize,
    src: &str,
    (line, col): (usize, usize),
    points: &mut Vec<TemplatePoint>,
) -> String {
    let (mut line, col) = settle(src, raw, line, col);
    let mut out = String::with_capacity(raw.len() + 8);
    let mut push_point = |out: &mut String, line: usize, col: usize| {
        if points.len() < INDEX_COUNT - 1 {
            points.push(TemplatePoint { file, line, col });
            out.push(TEMPLATE_AT);
            out.push(index_char(points.len() - 1));
        }
    };
    push_point(&mut out, line, col);
    for c in raw.chars() {
        out.push(c);
        if c == '\n' {
            line += 1;
            push_point(&mut out, line, 1);
        }
    }
    out
}

/// The source position where `raw` starts. Handlebars maps a text piece to the position after
/// its leading white space; standalone tags and `~` have already removed what they trim.
fn settle(src: &str, raw: &str, line: usize, col: usize) -> (usize, usize) {
    let lead: Vec<char> = raw
        .chars()
        .take_while(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
        .collect();
    let breaks = lead.iter().filter(|&&c| c == '\n').count();
    if breaks == 0 {
        return (line, col.saturating_sub(lead.len()).max(1));
    }
    let first = line.saturating_sub(breaks).max(1);
    let before_break = lead.iter().position(|&c| c == '\n').unwrap_or(0);
    let len = src
        .lines()
        .nth(first - 1)
        .map_or(0, |l| l.trim_end_matches('\r').chars().count());
    (first, (len + 1).saturating_sub(before_break).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_outside_facts_and_template_markers_go_with_their_index() {
        let (i, j) = (index_char(0), index_char(7));
        let (o, c, t, soft) = (FACT_OPEN, FACT_CLOSE, TEMPLATE_AT, SOFT_BREAK);
        // (text, its lines, the text without template markers)
        let cases = [
            (String::new(), vec![], String::new()),
            ("\n".to_string(), vec![String::new()], "\n".to_string()),
            (
                "a\r\nb\r\n\r\n".to_string(),
                vec!["a".into(), "b".into(), String::new()],
                "a\r\nb\r\n\r\n".to_string(),
            ),
            // A break inside a fact is soft (its \r dropped); a marker at the end has no index.
            (
                format!("{t}{i}甲{o}{j}乙\r\n丙{c}\n丁{t}"),
                vec![format!("{t}{i}甲{o}{j}乙{soft}丙{c}"), format!("丁{t}")],
                format!("甲{o}{j}乙\r\n丙{c}\n丁"),
            ),
            // A stray close does not go below depth 0; nested facts keep their breaks soft.
            (
                format!("{c}\n{o}{i}{o}{j}x\ny{c}\nz{c}\n"),
                vec![format!("{c}"), format!("{o}{i}{o}{j}x{soft}y{c}{soft}z{c}")],
                format!("{c}\n{o}{i}{o}{j}x\ny{c}\nz{c}\n"),
            ),
            // A marker takes the character after it, even another marker.
            (
                format!("{t}{t}{i}末{t}{i}"),
                vec![format!("{t}{t}{i}末{t}{i}")],
                format!("{i}末"),
            ),
        ];
        for (text, expected_lines, unmarked) in cases {
            assert_eq!(lines(&text), expected_lines, "{text:?}");
            assert_eq!(without_template_markers(&text), unmarked, "{text:?}");
        }
    }

    #[test]
    fn lines_keep_fact_breaks_and_strip_joins_them() {
        let idx = index_char(0);
        let text = format!("甲{FACT_OPEN}{idx}乙\n丙{FACT_CLOSE}\nb");
        let l = lines(&text);
        assert_eq!(l.len(), 2);
        assert_eq!(strip(&l[0]), "甲乙丙");
        assert_eq!(strip(&l[1]), "b");
        assert_eq!(
            split_outside(&format!("|{FACT_OPEN}{idx}a|b{FACT_CLOSE}|c|"), '|').len(),
            4
        );
    }

    #[test]
    fn origins_name_the_innermost_fact_and_the_template_piece() {
        let text = format!(
            "{TEMPLATE_AT}{}ab{FACT_OPEN}{}cd{FACT_CLOSE}e",
            index_char(3),
            index_char(1)
        );
        let o = origins(&text);
        assert_eq!(o[2].ch, 'c');
        assert_eq!(o[2].fact, Some((1, 0)));
        assert_eq!(o[3].fact, Some((1, 1)));
        assert_eq!(o[4].fact, None);
        assert_eq!(o[4].template, Some((3, 4)));
    }
}
