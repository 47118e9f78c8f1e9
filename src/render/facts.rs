//! The facts before a template sees them: every string fact checked and cleaned (control
//! characters, script, punctuation), and the facts the template does not use reported.

use super::*;
use crate::diag::Code;

/// Checks and cleans every string fact (settings tables excepted): control characters other
/// than line breaks and tabs, and invisible direction marks, are errors naming the fact; tabs
/// become spaces; facts written in Simplified are converted to the template's Traditional
/// `script` (and any fact to Simplified for a Simplified template), so the rendered text is in
/// one script; with `normalize`, punctuation is normalized and each change noted so that
/// `huibao check` can list it.
pub(super) fn clean_facts(
    json: &mut Json,
    data: &Data,
    options: (crate::zh::Script, bool),
    diags: &mut Diagnostics,
) {
    clean(json, FactPath::Root, data, options, diags);
}

/// Where a fact is, written out only for a message: a spreadsheet source has tens of thousands
/// of facts, and most need none.
#[derive(Clone, Copy)]
enum FactPath<'a> {
    /// The facts' root.
    Root,
    /// A key of a table (`a.b`).
    Key(&'a FactPath<'a>, &'a str),
    /// An item of a list (`a[2]`).
    Index(&'a FactPath<'a>, usize),
}

impl FactPath<'_> {
    /// `deep[3].人数`.
    fn text(&self) -> String {
        match self {
            FactPath::Root => String::new(),
            FactPath::Key(FactPath::Root, k) => k.to_string(),
            FactPath::Key(parent, k) => format!("{}.{k}", parent.text()),
            FactPath::Index(parent, i) => format!("{}[{i}]", parent.text()),
        }
    }
}

fn clean(
    json: &mut Json,
    at: FactPath<'_>,
    data: &Data,
    (script, normalize): (crate::zh::Script, bool),
    diags: &mut Diagnostics,
) {
    // A message about this fact, placed at the fact.
    let mut report = |d: Diagnostic| {
        let path = at.text();
        let d = d.fact(path.as_str());
        diags.push(match data.location(&path) {
            Some(loc) => d.at(loc),
            None => d,
        });
    };
    match json {
        Json::String(s) => {
            if let Some(bad) = s.chars().find(|&c| is_forbidden_char(c)) {
                let what = if crate::provenance::is_marker(bad) {
                    texts::reserved_char()
                } else {
                    texts::control_char()
                };
                report(
                    Diagnostic::error(
                        Code::ControlChar,
                        texts::fact_forbidden_char(what, format!("U+{:04X}", bad as u32)),
                    )
                    .help(texts::forbidden_char_help()),
                );
                return;
            }
            if s.contains('\t') {
                *s = s.replace('\t', " ");
            }
            let converted = if crate::zh::script::fact_needs_conversion(s, script) {
                crate::zh::script::convert_fact(s, script)
            } else {
                String::new()
            };
            if !converted.is_empty() && converted != *s {
                // A long fact is shown by its start.
                let short = |t: &str| match t.char_indices().nth(40) {
                    Some((at, _)) => format!("{}…", &t[..at]),
                    None => t.to_string(),
                };
                report(Diagnostic::warning(
                    Code::NoteScript,
                    texts::script_converted(script.name(), short(s), short(&converted)),
                ));
                *s = converted;
            }
            if !normalize || crate::zh::punct::untouched(s) {
                return;
            }
            let (fixed, changes) = crate::zh::punct::normalize(s);
            if !changes.is_empty() {
                let list: Vec<Text> = changes
                    .iter()
                    .map(|c| Text::same(format!("{} → {}", c.before, c.after)))
                    .collect();
                report(Diagnostic::warning(
                    Code::NotePunct,
                    texts::punct_normalized(Text::join(
                        &list,
                        &crate::diag::texts::common::list_sep(),
                    )),
                ));
                *s = fixed;
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                if needs_cleaning(v) {
                    clean(v, FactPath::Index(&at, i), data, (script, normalize), diags);
                }
            }
        }
        Json::Object(map) => {
            for (k, v) in map.iter_mut() {
                let setting = matches!(at, FactPath::Root)
                    && crate::data::SETTING_TABLES.contains(&k.as_str());
                if needs_cleaning(v) && !setting {
                    clean(v, FactPath::Key(&at, k), data, (script, normalize), diags);
                }
            }
        }
        _ => {}
    }
}

/// True for text and for lists and tables, which may hold text: numbers, dates and flags are
/// left alone (a spreadsheet source holds tens of thousands).
fn needs_cleaning(v: &Json) -> bool {
    matches!(v, Json::String(_) | Json::Array(_) | Json::Object(_))
}

/// Control characters (except line breaks and tabs) and bidirectional formatting marks.
pub(super) fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && c != '\r')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        // Plane 16 private use: the provenance markers of the rendered text.
        || crate::provenance::is_marker(c)
}

/// Whether the used fact `used` covers the leaf fact `leaf`: it is the leaf, holds it
/// (`a` covers `a.b`, `a[2]`), or is inside it (an element of a list leaf was used: `a[2]`,
/// `a.b` cover `a`). Compared in place, without a string per pair: every leaf fact is compared
/// with every fact used.
fn covers(used: &str, leaf: &str) -> bool {
    let inside = |a: &str, b: &str| a.strip_prefix(b).is_some_and(|r| r.starts_with(['.', '[']));
    leaf == used || inside(leaf, used) || inside(used, leaf)
}

/// Facts the template does not use are warnings; a `--set` the template neither uses nor
/// declares is an error (a misspelt `--set` would otherwise leave the old value in the report).
pub(super) fn unused_facts(
    data: &Data,
    used: &BTreeSet<String>,
    declared: &BTreeSet<String>,
    diags: &mut Diagnostics,
) {
    // Each listed with its place, up to a limit; the rest counted in one more message.
    const LISTED: usize = 20;
    let mut unused = 0usize;
    let from_set = |leaf: &str| {
        data.origins
            .get(leaf)
            .and_then(|o| data.sources.get(o.source))
            .is_some_and(crate::data::Source::is_settings)
    };
    // A spreadsheet has columns a report does not use: not worth a warning per cell.
    for (leaf, _) in data.leaf_facts_of(|name| !data.sheets.is_source(name)) {
        if !used.iter().any(|u| covers(u, &leaf)) {
            if from_set(&leaf) && !declared.iter().any(|d| covers(d, &leaf)) {
                let mut d = Diagnostic::error(Code::SetUnknown, texts::set_unknown(&leaf))
                    .fact(leaf.clone())
                    .help(texts::set_unknown_help());
                if let Some(loc) = data.location(&leaf) {
                    d = d.at(loc);
                }
                diags.push(d);
                continue;
            }
            unused += 1;
            if unused > LISTED {
                continue;
            }
            let mut d = Diagnostic::warning(Code::WarnFactUnused, texts::fact_unused(&leaf))
                .fact(leaf.clone());
            if let Some(loc) = data.location(&leaf) {
                d = d.at(loc);
            }
            diags.push(d);
        }
    }
    if unused > LISTED {
        let more = unused - LISTED;
        diags.push(Diagnostic::warning(
            Code::WarnFactUnused,
            texts::facts_unused_more(more, LISTED),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn a_used_fact_covers_itself_what_it_holds_and_what_holds_it() {
        for (used, leaf) in [
            ("a", "a"),
            ("a", "a.b"),
            ("a", "a[2]"),
            ("a[2]", "a"),
            ("a.b", "a"),
            ("表.人数", "表.人数"),
        ] {
            assert!(covers(used, leaf), "{used} {leaf}");
        }
        for (used, leaf) in [("a", "ab"), ("ab", "a"), ("a.b", "a.c"), ("a", "b.a")] {
            assert!(!covers(used, leaf), "{used} {leaf}");
        }
    }
}
