//! Differences between two versions of a report: changed facts and changed sentences.
//!
//! Reviewers need to see what a change of figures does to the text. [`fact_changes`] compares
//! the leaf facts of two data sets (path: old → new); [`text_diff`] aligns the two reports'
//! paragraphs and, inside each changed paragraph, their sentences, so that a sentence that did
//! not change is never reported (and, in the redline, never touched).

pub mod redline;

use std::collections::BTreeMap;

use crate::data::Data;
use crate::model::Document;

/// One changed fact. `None` on a side means the fact is absent there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactChange {
    /// Dotted fact path, e.g. `envoys.first_batch`.
    pub path: String,
    /// The old value as written in TOML (strings without quotes).
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
}

impl std::fmt::Display for FactChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "∅".into());
        write!(
            f,
            "{}: {} → {}",
            self.path,
            show(&self.old),
            show(&self.new)
        )
    }
}

/// Every leaf fact of `data` (settings tables excluded) as path → displayed value; numbers
/// from spreadsheets as the sheet shows them (41.00).
pub fn fact_map(data: &Data) -> BTreeMap<String, String> {
    data.leaf_facts()
        .into_iter()
        .map(|(p, v)| {
            let shown = match data.sheets.digits(&p) {
                Some(n) => n.to_string(),
                None => display_value(v),
            };
            (p, shown)
        })
        .collect()
}

/// The spreadsheet cell a fact came from (`poverty.xlsx!深度贫困村!C7`), if it did.
pub fn cell_of(data: &Data, path: &str) -> Option<String> {
    data.sheets.place(path)
}

/// Helpers whose output is a figure computed from other facts.
const DERIVED: &[&str] = &[
    "sum", "minus", "diff", "ratio", "share", "average", "round", "fixed", "times", "change",
    "wan", "yi", "year_add",
];

/// A figure a template computes (`{{sum deep "人数"}}`) whose inputs changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedChange {
    /// The template expression as written.
    pub expr: String,
    /// `file:line` of the expression.
    pub place: String,
    /// The changed facts it reads.
    pub inputs: Vec<String>,
}

/// The computed figures in `files` (path, text) that read one of the `changed` fact paths.
/// Inputs are the expression's fact paths; a `sum`/`average` over a field of rows
/// (`{{sum deep "人数"}}`) reads that field of every row.
pub fn derived_changes(files: &[(String, &str)], changed: &[FactChange]) -> Vec<DerivedChange> {
    let mut out = Vec::new();
    for (file, text) in files {
        let mut rest = *text;
        let mut offset = 0;
        while let Some(open) = rest.find("{{") {
            let Some(len) = rest[open..].find("}}") else {
                break;
            };
            let inner = &rest[open + 2..open + len];
            let at = offset + open;
            offset += open + len + 2;
            rest = &rest[open + len + 2..];
            let tokens = tokens(inner.trim_start_matches(['#', '~', '{']));
            if !tokens.iter().any(|t| DERIVED.contains(&t.as_str())) {
                continue;
            }
            let mut patterns = Vec::new();
            for (i, t) in tokens.iter().enumerate() {
                if !is_path(t) {
                    continue;
                }
                let field = tokens
                    .get(i + 1)
                    .and_then(|n| n.strip_prefix('"'))
                    .and_then(|n| n.strip_suffix('"'))
                    .filter(|_| i > 0 && matches!(tokens[i - 1].as_str(), "sum" | "average"));
                patterns.push(match field {
                    Some(f) => format!("{t}[].{f}"),
                    None => t.clone(),
                });
            }
            let inputs: Vec<String> = changed
                .iter()
                .filter(|c| patterns.iter().any(|p| reads(p, &c.path)))
                .map(|c| c.path.clone())
                .collect();
            if !inputs.is_empty() {
                let line = text[..at].matches('\n').count() + 1;
                out.push(DerivedChange {
                    expr: format!("{{{{{}}}}}", inner.trim()),
                    place: format!("{file}:{line}"),
                    inputs,
                });
            }
        }
    }
    out
}

/// True when the fact `path` is, or is inside, what `pattern` names.
fn reads(pattern: &str, path: &str) -> bool {
    path == pattern
        || path.starts_with(&format!("{pattern}."))
        || path.starts_with(&format!("{pattern}["))
        || crate::checks::pattern_matches(pattern, path)
}

/// The words of a mustache: quoted strings kept whole, parentheses apart.
fn tokens(inner: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    for c in inner.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                cur.push(c);
                quote = None;
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                cur.push(c);
                quote = Some(c);
            }
            (None, c) if c.is_whitespace() || c == '(' || c == ')' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A token that names a fact: not a helper, literal, option, or a relative path.
fn is_path(t: &str) -> bool {
    !DERIVED.contains(&t)
        && !crate::helpers::NAMES.contains(&t)
        && !t.contains('=')
        && !t.starts_with(['"', '\'', '@', '.', '-'])
        && !t.starts_with(|c: char| c.is_ascii_digit())
        && t != "this"
        && !t.starts_with("this.")
        && !matches!(t, "true" | "false" | "null" | "else")
}

/// A value the way a user wrote it: strings bare, everything else as TOML.
pub fn display_value(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(a) => format!(
            "[{}]",
            a.iter().map(display_value).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

/// The facts that differ between `old` and `new`, in path order.
pub fn fact_changes(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Vec<FactChange> {
    let mut paths: Vec<&String> = old.keys().chain(new.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| old.get(*p) != new.get(*p))
        .map(|p| FactChange {
            path: p.clone(),
            old: old.get(p).cloned(),
            new: new.get(p).cloned(),
        })
        .collect()
}

/// One step of an alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op<T> {
    /// In both.
    Same(T),
    /// Only in the old version.
    Del(T),
    /// Only in the new version.
    Ins(T),
}

/// Longest-common-subsequence alignment of `a` and `b`; deletions come before insertions
/// within a changed stretch.
pub fn align<T: PartialEq + Clone>(a: &[T], b: &[T]) -> Vec<Op<T>> {
    let (n, m) = (a.len(), b.len());
    let mut l = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            l[i][j] = if a[i] == b[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    let mut dels = Vec::new();
    let mut inss = Vec::new();
    let flush = |out: &mut Vec<Op<T>>, dels: &mut Vec<Op<T>>, inss: &mut Vec<Op<T>>| {
        out.append(dels);
        out.append(inss);
    };
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            flush(&mut out, &mut dels, &mut inss);
            out.push(Op::Same(a[i].clone()));
            i += 1;
            j += 1;
        } else if j < m && (i == n || l[i][j + 1] >= l[i + 1][j]) {
            inss.push(Op::Ins(b[j].clone()));
            j += 1;
        } else {
            dels.push(Op::Del(a[i].clone()));
            i += 1;
        }
    }
    flush(&mut out, &mut dels, &mut inss);
    out
}

/// Splits a paragraph after each sentence end (。！？；, with a closing quote or bracket that
/// follows kept in the sentence). The pieces concatenate back to `text`.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut ended = false;
    for c in text.chars() {
        if ended && !matches!(c, '”' | '’' | '」' | '』' | '）' | ')') {
            out.push(std::mem::take(&mut cur));
            ended = false;
        }
        cur.push(c);
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?') {
            ended = true;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The report's paragraphs as its text output shows them (one per line, blank lines dropped).
pub fn paragraphs(doc: &Document) -> Vec<String> {
    crate::text::render(doc)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A paragraph of the new report and how it differs from the old one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParaDiff {
    /// Unchanged.
    Same(String),
    /// Removed entirely.
    Deleted(String),
    /// Added entirely.
    Inserted(String),
    /// Changed: sentence-level alignment of old and new.
    Changed {
        /// The old paragraph.
        old: String,
        /// The new paragraph.
        new: String,
        /// Its sentences aligned.
        sentences: Vec<Op<String>>,
    },
}

/// Aligns two reports paragraph by paragraph; a removed paragraph followed by an added one
/// counts as one changed paragraph, diffed by sentence.
pub fn text_diff(old: &[String], new: &[String]) -> Vec<ParaDiff> {
    let ops = align(old, new);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ops.len() {
        match &ops[i] {
            Op::Same(p) => {
                out.push(ParaDiff::Same(p.clone()));
                i += 1;
            }
            Op::Ins(p) => {
                out.push(ParaDiff::Inserted(p.clone()));
                i += 1;
            }
            Op::Del(_) => {
                let dels: Vec<String> = ops[i..]
                    .iter()
                    .map_while(|o| match o {
                        Op::Del(p) => Some(p.clone()),
                        _ => None,
                    })
                    .collect();
                let inss: Vec<String> = ops[i + dels.len()..]
                    .iter()
                    .map_while(|o| match o {
                        Op::Ins(p) => Some(p.clone()),
                        _ => None,
                    })
                    .collect();
                i += dels.len() + inss.len();
                let paired = dels.len().min(inss.len());
                for (o, n) in dels.iter().zip(&inss) {
                    out.push(ParaDiff::Changed {
                        old: o.clone(),
                        new: n.clone(),
                        sentences: align(&sentences(o), &sentences(n)),
                    });
                }
                out.extend(dels[paired..].iter().cloned().map(ParaDiff::Deleted));
                out.extend(inss[paired..].iter().cloned().map(ParaDiff::Inserted));
            }
        }
    }
    out
}

/// The sentence-level diff as text: each changed paragraph's number, then `- old sentence` /
/// `+ new sentence` lines for the sentences that differ.
pub fn render_text(diff: &[ParaDiff]) -> String {
    let mut out = String::new();
    let mut n = 0;
    for p in diff {
        if !matches!(p, ParaDiff::Deleted(_)) {
            n += 1;
        }
        match p {
            ParaDiff::Same(_) => {}
            ParaDiff::Deleted(t) => out.push_str(&format!("¶{}\n- {t}\n", n + 1)),
            ParaDiff::Inserted(t) => out.push_str(&format!("¶{n}\n+ {t}\n")),
            ParaDiff::Changed { sentences, .. } => {
                out.push_str(&format!("¶{n}\n"));
                for op in sentences {
                    match op {
                        Op::Same(_) => {}
                        Op::Del(s) => out.push_str(&format!("- {s}\n")),
                        Op::Ins(s) => out.push_str(&format!("+ {s}\n")),
                    }
                }
            }
        }
    }
    out
}

/// The changed sentence pairs (old, new) whose texts show a fact's old and new values.
pub fn sentences_of(change: &FactChange, diff: &[ParaDiff]) -> Vec<(String, String)> {
    let (Some(old_v), Some(new_v)) = (&change.old, &change.new) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in diff {
        if let ParaDiff::Changed { sentences, .. } = p {
            let dels = sentences.iter().filter_map(|o| match o {
                Op::Del(s) => Some(s),
                _ => None,
            });
            let inss: Vec<&String> = sentences
                .iter()
                .filter_map(|o| match o {
                    Op::Ins(s) => Some(s),
                    _ => None,
                })
                .collect();
            for (d, i) in dels.zip(inss) {
                if d.contains(old_v.as_str()) && i.contains(new_v.as_str()) {
                    out.push((d.clone(), i.clone()));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_figures_name_their_changed_inputs() {
        let change = |p: &str| FactChange {
            path: p.into(),
            old: Some("1".into()),
            new: Some("2".into()),
        };
        let text = "甲{{sum deep \"人数\"}}乙\n{{percent (share totals.a totals.b)}}\n{{deep.0.x}}{{sum deep \"户数\"}}";
        let files = vec![("t.hbs".to_string(), text)];
        let got = derived_changes(&files, &[change("deep[2].人数"), change("totals.b")]);
        assert_eq!(
            got,
            vec![
                DerivedChange {
                    expr: "{{sum deep \"人数\"}}".into(),
                    place: "t.hbs:1".into(),
                    inputs: vec!["deep[2].人数".into()],
                },
                DerivedChange {
                    expr: "{{percent (share totals.a totals.b)}}".into(),
                    place: "t.hbs:2".into(),
                    inputs: vec!["totals.b".into()],
                },
            ]
        );
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn sentences_keep_closing_quotes_and_rejoin() {
        let p = "他說：“好。”我們同意。最後一句";
        let s = sentences(p);
        assert_eq!(s, v(&["他說：“好。”", "我們同意。", "最後一句"]));
        assert_eq!(s.concat(), p);
    }

    #[test]
    fn only_the_changed_sentence_is_reported() {
        let old = v(&["標題", "甲。選派74名。乙。", "丙。"]);
        let new = v(&["標題", "甲。選派97名。乙。", "丙。", "新段。"]);
        let d = text_diff(&old, &new);
        assert_eq!(
            render_text(&d),
            "¶2\n- 選派74名。\n+ 選派97名。\n¶4\n+ 新段。\n"
        );
        let change = FactChange {
            path: "envoys.first_batch".into(),
            old: Some("74".into()),
            new: Some("97".into()),
        };
        assert_eq!(
            sentences_of(&change, &d),
            vec![("選派74名。".to_string(), "選派97名。".to_string())]
        );
        assert_eq!(change.to_string(), "envoys.first_batch: 74 → 97");
    }

    #[test]
    fn fact_changes_cover_added_removed_and_changed() {
        let a: BTreeMap<String, String> = [("a", "1"), ("b", "x")]
            .map(|(k, v)| (k.into(), v.into()))
            .into();
        let b: BTreeMap<String, String> = [("a", "2"), ("c", "y")]
            .map(|(k, v)| (k.into(), v.into()))
            .into();
        let c: Vec<String> = fact_changes(&a, &b).iter().map(|c| c.to_string()).collect();
        assert_eq!(c, v(&["a: 1 → 2", "b: x → ∅", "c: ∅ → y"]));
    }
}
