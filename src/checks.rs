//! Declared consistency relations between figures: the `[checks]` table of the data.
//!
//! ```toml
//! [checks]
//! 合计 = { total = "totals.people", sum = ["deep[].人数", "other.people"] }
//! 完成率 = { value = "stats.rate", ratio = ["stats.done", "stats.target"], percent = true }
//! 比例 = { value = "stats.rate", min = 0, max = 100 }
//! 户数 = { value = "totals.households", equals = "stats.households" }
//! ```
//!
//! A path with `[]` stands for every row of a list (`deep[].人数`). `sum`: the total equals
//! the exact sum of the parts. `ratio`: the value equals a ÷ b (× 100 with `percent = true`)
//! rounded to the value's own decimals (111.89 for 7832.3 ÷ 7000), or within `tolerance`.
//! `min`/`max`: a range, ends included. `equals`: two figures are equal. Numbers are compared
//! exactly as written (no binary floats). A broken relation is an error naming both sides'
//! values and places (data file lines, spreadsheet cells); a part that is not a number is an
//! error at that part.

use crate::diag::texts::data as texts;
use crate::diag::{Code, Text};
use std::cmp::Ordering;

use serde_json::Value as Json;
use toml::Value;

use crate::data::{split_path, Data, Seg};
use crate::diag::{Diagnostic, Diagnostics};
use crate::helpers::Decimal;

/// One declared relation.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The key in `[checks]`.
    pub name: String,
    /// What must hold.
    pub rule: Rule,
}

/// The kinds of relation.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// `total` equals the sum of `parts`.
    Sum {
        /// The total's path.
        total: String,
        /// The parts' paths (`[]` = every row).
        parts: Vec<String>,
    },
    /// `value` equals `a / b` (× 100 when `percent`) within `tolerance`, or rounded to the
    /// value's decimals.
    Ratio {
        /// The rate's path.
        value: String,
        /// Dividend path.
        a: String,
        /// Divisor path.
        b: String,
        /// Compare with a / b × 100.
        percent: bool,
        /// Allowed difference, if given.
        tolerance: Option<Decimal>,
    },
    /// `value` lies in `min..=max`.
    Range {
        /// The figure's path.
        value: String,
        /// Lowest allowed.
        min: Option<Decimal>,
        /// Highest allowed.
        max: Option<Decimal>,
    },
    /// Two figures are equal.
    Equals {
        /// One path.
        value: String,
        /// The other.
        other: String,
    },
}

impl Check {
    /// The paths the relation reads (with `[]` patterns as declared).
    pub fn inputs(&self) -> Vec<&str> {
        match &self.rule {
            Rule::Sum { total, parts } => std::iter::once(total.as_str())
                .chain(parts.iter().map(String::as_str))
                .collect(),
            Rule::Ratio { value, a, b, .. } => vec![value, a, b],
            Rule::Range { value, .. } => vec![value],
            Rule::Equals { value, other } => vec![value, other],
        }
    }

    /// True when the fact `path` (`deep[3].人数`) is one of the relation's inputs.
    pub fn reads(&self, path: &str) -> bool {
        self.inputs().iter().any(|p| pattern_matches(p, path))
    }
}

/// True when `path` is matched by `pattern`, whose `[]` stands for any index.
pub fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pat, segs) = (split_pattern(pattern), split_path(path));
    pat.len() == segs.len()
        && pat.iter().zip(&segs).all(|(p, s)| match (p, s) {
            (None, Seg::Index(_)) => true,
            (Some(p), s) => p == s,
            _ => false,
        })
}

/// A pattern's segments; `None` for `[]`.
fn split_pattern(pattern: &str) -> Vec<Option<Seg>> {
    let marked = pattern.replace("[]", "[*]");
    split_path(&marked)
        .into_iter()
        .map(|s| match s {
            Seg::Key(k) if k == "*" => None,
            other => Some(other),
        })
        .collect()
}

/// The declared relations, or the problems with their declarations.
pub fn declared(data: &Data) -> (Vec<Check>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut out = Vec::new();
    let table = match data.table.get("checks") {
        None => return (out, diags),
        Some(Value::Table(t)) => t,
        Some(_) => {
            diags.push(at(
                data,
                "checks",
                Diagnostic::error(Code::CheckDecl, texts::checks_not_table()),
            ));
            return (out, diags);
        }
    };
    for (name, v) in table {
        match rule(v) {
            Ok(rule) => out.push(Check {
                name: name.clone(),
                rule,
            }),
            Err(reason) => diags.push(
                at(
                    data,
                    &format!("checks.{name}"),
                    Diagnostic::error(Code::CheckDecl, texts::check_malformed(name, reason)),
                )
                .help(texts::check_forms_help()),
            ),
        }
    }
    (out, diags)
}

fn rule(v: &Value) -> Result<Rule, Text> {
    let Value::Table(t) = v else {
        return Err(texts::check_not_table());
    };
    let text = |k: &str| -> Result<Option<String>, Text> {
        match t.get(k) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(texts::check_key_not_path(k)),
        }
    };
    let number = |k: &str| -> Result<Option<Decimal>, Text> {
        let bad = || texts::check_key_not_number(k);
        match t.get(k) {
            None => Ok(None),
            Some(Value::Integer(i)) => Ok(Some(Decimal::from_int(*i))),
            Some(Value::Float(f)) => Decimal::parse(&f.to_string()).map(Some).ok_or_else(bad),
            Some(_) => Err(bad()),
        }
    };
    let paths = |k: &str| -> Result<Vec<String>, Text> {
        match t.get(k) {
            Some(Value::String(s)) => Ok(vec![s.clone()]),
            Some(Value::Array(a)) => a
                .iter()
                .map(|p| match p {
                    Value::String(s) => Ok(s.clone()),
                    _ => Err(texts::check_items_not_paths(k)),
                })
                .collect(),
            _ => Err(texts::check_not_paths(k)),
        }
    };
    let known = [
        "total",
        "sum",
        "value",
        "ratio",
        "percent",
        "tolerance",
        "min",
        "max",
        "equals",
    ];
    if let Some(k) = t.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(texts::check_unknown_key(k, Text::names(known)));
    }
    if let Some(total) = text("total")? {
        return Ok(Rule::Sum {
            total,
            parts: paths("sum")?,
        });
    }
    let Some(value) = text("value")? else {
        return Err(texts::check_needs_subject());
    };
    if t.contains_key("ratio") {
        let p = paths("ratio")?;
        let [a, b] = p.as_slice() else {
            return Err(texts::check_ratio_two_paths());
        };
        let percent = match t.get("percent") {
            None => false,
            Some(Value::Boolean(b)) => *b,
            Some(_) => return Err(texts::check_percent_bool()),
        };
        return Ok(Rule::Ratio {
            value,
            a: a.clone(),
            b: b.clone(),
            percent,
            tolerance: number("tolerance")?,
        });
    }
    if let Some(other) = text("equals")? {
        return Ok(Rule::Equals { value, other });
    }
    let (min, max) = (number("min")?, number("max")?);
    if min.is_none() && max.is_none() {
        return Err(texts::check_needs_relation());
    }
    Ok(Rule::Range { value, min, max })
}

fn at(data: &Data, path: &str, d: Diagnostic) -> Diagnostic {
    let d = d.fact(path);
    match data.location(path) {
        Some(loc) => d.at(loc),
        None => d,
    }
}

/// A figure read for a relation: its path, exact value and place.
struct Figure {
    path: String,
    value: Decimal,
    place: String,
}

impl Figure {
    /// `path = value (place)`.
    fn show(&self) -> Text {
        texts::check_figure(&self.path, self.value, &self.place)
    }
}

/// Where a fact was written, as text: `a.toml:3:9` or `poverty.xlsx!汇总!B3`.
pub fn place(data: &Data, path: &str) -> String {
    // A fact is read from a file or a cell, never from the rendered text.
    data.location(path)
        .map_or_else(|| "?".into(), |l| l.shown_as("?"))
}

/// Runs every declared relation on the facts (`json`: `data`'s facts as the template gets them,
/// [`Data::to_json`]): problems with declarations, parts that are not numbers and broken
/// relations, as errors.
pub fn run(data: &Data, json: &Json) -> Diagnostics {
    let (checks, mut diags) = declared(data);
    for c in &checks {
        if let Err(d) = run_one(data, json, c) {
            diags.push(d);
        }
    }
    diags
}

/// Every fact the pattern names, in order (borrowed: the facts may hold a spreadsheet's
/// cells, which a copy per pattern would duplicate); a missing one is null.
fn expand<'j>(json: &'j Json, pattern: &str) -> Vec<(String, &'j Json)> {
    static NULL: Json = Json::Null;
    let mut out = vec![(String::new(), json)];
    for seg in split_pattern(pattern) {
        let mut next = Vec::new();
        for (path, v) in out {
            match (&seg, v) {
                (None, Json::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        next.push((format!("{path}[{i}]"), item));
                    }
                }
                (Some(Seg::Key(k)), Json::Object(m)) => {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    // A missing field is kept as null, so that it is reported.
                    next.push((p, m.get(k).unwrap_or(&NULL)));
                }
                (Some(Seg::Index(i)), Json::Array(items)) => {
                    next.push((format!("{path}[{i}]"), items.get(*i).unwrap_or(&NULL)));
                }
                _ => next.push((path, &NULL)),
            }
        }
        out = next;
    }
    out
}

fn figures(
    data: &Data,
    json: &Json,
    pattern: &str,
    check: &str,
) -> Result<Vec<Figure>, Diagnostic> {
    let mut out = Vec::new();
    for (path, v) in expand(json, pattern) {
        let path = if path.is_empty() {
            pattern.to_string()
        } else {
            path
        };
        let value = match v {
            Json::Number(n) => Decimal::parse(&n.to_string()),
            _ => None,
        };
        let Some(value) = value else {
            let why = match v {
                Json::Null => texts::check_part_missing(),
                Json::String(s) => texts::check_part_text(s),
                _ => texts::check_part_not_number(),
            };
            return Err(at(
                data,
                &path,
                Diagnostic::error(
                    Code::CheckNumber,
                    texts::check_needs_number(check, &path, why),
                ),
            ));
        };
        out.push(Figure {
            place: place(data, &path),
            path,
            value,
        });
    }
    Ok(out)
}

fn one(data: &Data, json: &Json, pattern: &str, check: &str) -> Result<Figure, Diagnostic> {
    let mut f = figures(data, json, pattern, check)?;
    match f.len() {
        1 => Ok(f.remove(0)),
        n => Err(at(
            data,
            &format!("checks.{check}"),
            Diagnostic::error(Code::CheckDecl, texts::check_not_one(check, pattern, n)),
        )),
    }
}

fn broken(data: &Data, check: &Check, at_path: &str, detail: Text) -> Diagnostic {
    at(
        data,
        at_path,
        Diagnostic::error(Code::Check, texts::check_broken(&check.name, detail)),
    )
}

fn run_one(data: &Data, json: &Json, c: &Check) -> Result<(), Diagnostic> {
    let name = c.name.as_str();
    let too_large = || {
        at(
            data,
            &format!("checks.{name}"),
            Diagnostic::error(Code::Check, texts::check_too_large(name)),
        )
    };
    match &c.rule {
        Rule::Sum { total, parts } => {
            let t = one(data, json, total, name)?;
            let mut all = Vec::new();
            for p in parts {
                all.extend(figures(data, json, p, name)?);
            }
            let mut s = Decimal::ZERO;
            for f in &all {
                s = s.checked_add(f.value).ok_or_else(too_large)?;
            }
            if t.value.cmp_value(s).is_eq() {
                return Ok(());
            }
            const SHOWN: usize = 8;
            let mut list: Vec<Text> = all.iter().take(SHOWN).map(Figure::show).collect();
            if all.len() > SHOWN {
                list.push(texts::check_more_parts(all.len()));
            }
            Err(broken(
                data,
                c,
                &t.path,
                texts::check_sum_differs(t.show(), s, Text::join(&list, &Text::same(" + "))),
            ))
        }
        Rule::Ratio {
            value,
            a,
            b,
            percent,
            tolerance,
        } => {
            let (v, fa, fb) = (
                one(data, json, value, name)?,
                one(data, json, a, name)?,
                one(data, json, b, name)?,
            );
            if fb.value.is_zero() {
                return Err(broken(
                    data,
                    c,
                    &fb.path,
                    texts::check_divisor_zero(fb.show()),
                ));
            }
            let factor = Decimal::from_int(if *percent { 100 } else { 1 });
            let num = fa.value.checked_mul(factor).ok_or_else(too_large)?;
            let (expected, ok) = match tolerance {
                Some(tol) => {
                    let wide = num
                        .checked_div(fb.value, v.value.scale() + 6)
                        .ok_or_else(too_large)?;
                    let gap = v.value.checked_sub(wide).ok_or_else(too_large)?.abs();
                    (wide.trimmed(), gap.cmp_value(*tol) != Ordering::Greater)
                }
                None => {
                    let e = num
                        .checked_div(fb.value, v.value.scale())
                        .ok_or_else(too_large)?;
                    (e, e.cmp_value(v.value).is_eq())
                }
            };
            if ok {
                return Ok(());
            }
            let differs = if *percent {
                texts::check_percent_differs(v.show(), fa.show(), fb.show(), expected)
            } else {
                texts::check_ratio_differs(v.show(), fa.show(), fb.show(), expected)
            };
            Err(broken(data, c, &v.path, differs))
        }
        Rule::Range { value, min, max } => {
            for f in figures(data, json, value, name)? {
                let low = min.filter(|m| f.value.cmp_value(*m) == Ordering::Less);
                let high = max.filter(|m| f.value.cmp_value(*m) == Ordering::Greater);
                if let Some(m) = low {
                    return Err(broken(
                        data,
                        c,
                        &f.path,
                        texts::check_below_min(f.show(), m),
                    ));
                }
                if let Some(m) = high {
                    return Err(broken(
                        data,
                        c,
                        &f.path,
                        texts::check_above_max(f.show(), m),
                    ));
                }
            }
            Ok(())
        }
        Rule::Equals { value, other } => {
            let (x, y) = (one(data, json, value, name)?, one(data, json, other, name)?);
            if x.value.cmp_value(y.value).is_eq() {
                return Ok(());
            }
            Err(broken(
                data,
                c,
                &x.path,
                texts::check_not_equal(x.show(), y.show()),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Source;

    fn data(text: &str) -> Data {
        let src = Source {
            name: "a.toml".into(),
            text: text.into(),
        };
        Data::from_sources(vec![src], &[]).unwrap()
    }

    fn messages(text: &str) -> Vec<String> {
        let data = data(text);
        run(&data, &data.to_json())
            .0
            .iter()
            .map(|d| d.render(crate::diag::Lang::En))
            .collect()
    }

    #[test]
    fn patterns_match_every_row() {
        assert!(pattern_matches("deep[].人数", "deep[3].人数"));
        assert!(!pattern_matches("deep[].人数", "deep[3].户数"));
        assert!(pattern_matches("a.b", "a.b"));
        assert!(!pattern_matches("a", "a.b"));
    }

    #[test]
    fn sums_ratios_ranges_and_equals() {
        let ok = "parts = [{n = 4398}, {n = 1905}]\ntotal = 6303\nrate = 111.89\ndone = 7832.3\ntarget = 7000\n";
        let checks = "[checks]\nt = { total = \"total\", sum = \"parts[].n\" }\nr = { value = \"rate\", ratio = [\"done\", \"target\"], percent = true }\ng = { value = \"rate\", min = 0, max = 200 }\ne = { value = \"total\", equals = \"total\" }\n";
        assert_eq!(messages(&format!("{ok}{checks}")), Vec::<String>::new());

        let bad = ok.replace("6303", "6250").replace("7832.3", "7900");
        let msgs = messages(&format!("{bad}{checks}"));
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].contains("check `r` does not hold: rate = 111.89 (a.toml:3:8) ≠ done = 7900 (a.toml:4:8) / target = 7000 (a.toml:5:10) × 100 = 112.86"),
            "{}",
            msgs[0]
        );
        assert!(
            msgs[1].contains("total = 6250 (a.toml:2:9) ≠ the sum of its parts 6303 (parts[0].n = 4398 (a.toml:1:15) + parts[1].n = 1905 (a.toml:1:27))"),
            "{}",
            msgs[1]
        );
    }

    #[test]
    fn text_parts_and_bad_declarations_are_errors() {
        let msgs = messages("parts = [{n = 1}, {n = \"—\"}]\ntotal = 1\n[checks]\nt = { total = \"total\", sum = \"parts[].n\" }\nx = { value = \"total\" }\n");
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs.iter().any(|m| m.contains("x` is not well formed")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.starts_with("a.toml:1:24")
                && m.contains("parts[1].n, but it is the text \"—\"")),
            "{msgs:?}"
        );
    }
}
