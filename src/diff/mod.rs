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

/// Every leaf fact of `data` (settings tables excluded) as path → displayed value.
pub fn fact_map(data: &Data) -> BTreeMap<String, String> {
    data.leaf_facts()
        .into_iter()
        .map(|(p, v)| (p, display_value(v)))
        .collect()
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
