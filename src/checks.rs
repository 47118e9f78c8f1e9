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

use crate::diag::Code;
use std::cmp::Ordering;

use serde_json::Value as Json;
use toml::Value;

use crate::data::{split_path, Data, Seg};
use crate::diag::{Diagnostic, Diagnostics, Location};
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
                Diagnostic::error_pair(
                    Code::CheckDecl,
                    "[checks] 应当是表",
                    "[checks] must be a table",
                ),
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
            Err((zh, en)) => diags.push(
                at(
                    data,
                    &format!("checks.{name}"),
                    Diagnostic::error_pair(
                        Code::CheckDecl,
                        format!("核对关系“{name}”写法有误：{zh}"),
                        format!("check `{name}` is not well formed: {en}"),
                    ),
                )
                .help_pair(
                    "写法：{ total = \"合计\", sum = [\"各行[].人数\"] }、{ value = \"率\", ratio = [\"甲\", \"乙\"], percent = true }、{ value = \"率\", min = 0, max = 100 }、{ value = \"甲\", equals = \"乙\" }",
                    "forms: { total = \"t\", sum = [\"rows[].n\"] }, { value = \"r\", ratio = [\"a\", \"b\"], percent = true }, { value = \"r\", min = 0, max = 100 }, { value = \"a\", equals = \"b\" }",
                ),
            ),
        }
    }
    (out, diags)
}

type Bad = (String, String);

fn rule(v: &Value) -> Result<Rule, Bad> {
    let Value::Table(t) = v else {
        return Err(("应为表 { … }".into(), "must be a table { … }".into()));
    };
    let text = |k: &str| -> Result<Option<String>, Bad> {
        match t.get(k) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err((
                format!("{k} 应为数据项路径（文字）"),
                format!("{k} must be a fact path (text)"),
            )),
        }
    };
    let number = |k: &str| -> Result<Option<Decimal>, Bad> {
        let bad = || (format!("{k} 应为数字"), format!("{k} must be a number"));
        match t.get(k) {
            None => Ok(None),
            Some(Value::Integer(i)) => Ok(Some(Decimal::from_int(*i))),
            Some(Value::Float(f)) => Decimal::parse(&f.to_string()).map(Some).ok_or_else(bad),
            Some(_) => Err(bad()),
        }
    };
    let paths = |k: &str| -> Result<Vec<String>, Bad> {
        match t.get(k) {
            Some(Value::String(s)) => Ok(vec![s.clone()]),
            Some(Value::Array(a)) => a
                .iter()
                .map(|p| match p {
                    Value::String(s) => Ok(s.clone()),
                    _ => Err((
                        format!("{k} 的各项应为数据项路径"),
                        format!("the items of {k} must be fact paths"),
                    )),
                })
                .collect(),
            _ => Err((
                format!("{k} 应为路径或路径列表"),
                format!("{k} must be a path or a list of paths"),
            )),
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
        return Err((
            format!("未知的键 {k}（可用 {}）", known.join("、")),
            format!("unknown key {k} (keys: {})", known.join(", ")),
        ));
    }
    if let Some(total) = text("total")? {
        return Ok(Rule::Sum {
            total,
            parts: paths("sum")?,
        });
    }
    let Some(value) = text("value")? else {
        return Err(("缺少 total 或 value".into(), "needs total or value".into()));
    };
    if t.contains_key("ratio") {
        let p = paths("ratio")?;
        let [a, b] = p.as_slice() else {
            return Err((
                "ratio 应为两个路径 [被除数, 除数]".into(),
                "ratio must be two paths [dividend, divisor]".into(),
            ));
        };
        let percent = match t.get("percent") {
            None => false,
            Some(Value::Boolean(b)) => *b,
            Some(_) => {
                return Err((
                    "percent 应为 true 或 false".into(),
                    "percent must be true or false".into(),
                ))
            }
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
        return Err((
            "value 之外还需 sum、ratio、equals 或 min/max".into(),
            "value needs ratio, equals or min/max".into(),
        ));
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
    fn show(&self) -> String {
        format!("{} = {}（{}）", self.path, self.value, self.place)
    }

    fn show_en(&self) -> String {
        format!("{} = {} ({})", self.path, self.value, self.place)
    }
}

/// Where a fact was written, as text: `a.toml:3:9` or `poverty.xlsx!汇总!B3`.
pub fn place(data: &Data, path: &str) -> String {
    match data.location(path) {
        Some(Location { file, line: 0, .. }) => file.display().to_string(),
        Some(l) => format!("{}:{}:{}", l.file.display(), l.line, l.col),
        None => "?".into(),
    }
}

/// Runs every declared relation on the facts: problems with declarations, parts that are not
/// numbers and broken relations, as errors.
pub fn run(data: &Data) -> Diagnostics {
    let (checks, mut diags) = declared(data);
    if checks.is_empty() {
        return diags;
    }
    let json = data.to_json();
    for c in &checks {
        if let Err(d) = run_one(data, &json, c) {
            diags.push(d);
        }
    }
    diags
}

/// Every fact the pattern names, in order.
fn expand(json: &Json, pattern: &str) -> Vec<(String, Json)> {
    let mut out = vec![(String::new(), json.clone())];
    for seg in split_pattern(pattern) {
        let mut next = Vec::new();
        for (path, v) in out {
            match (&seg, &v) {
                (None, Json::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        next.push((format!("{path}[{i}]"), item.clone()));
                    }
                }
                (Some(Seg::Key(k)), Json::Object(m)) => {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    // A missing field is kept as null, so that it is reported.
                    next.push((p, m.get(k).cloned().unwrap_or(Json::Null)));
                }
                (Some(Seg::Index(i)), Json::Array(items)) => {
                    next.push((
                        format!("{path}[{i}]"),
                        items.get(*i).cloned().unwrap_or(Json::Null),
                    ));
                }
                _ => next.push((path, Json::Null)),
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
        let value = match &v {
            Json::Number(n) => Decimal::parse(&n.to_string()),
            _ => None,
        };
        let Some(value) = value else {
            let (zh, en) = match &v {
                Json::Null => ("缺少该数据".to_string(), "it is missing".to_string()),
                Json::String(s) => (format!("它是文字“{s}”"), format!("it is the text \"{s}\"")),
                _ => ("它不是数字".to_string(), "it is not a number".to_string()),
            };
            return Err(at(
                data,
                &path,
                Diagnostic::error_pair(
                    Code::CheckNumber,
                    format!("核对关系“{check}”需要数字 {path}，但{zh}"),
                    format!("check `{check}` needs a number at {path}, but {en}"),
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
            Diagnostic::error_pair(
                Code::CheckDecl,
                format!("核对关系“{check}”中 {pattern} 应指一个数字，实际指 {n} 个"),
                format!("check `{check}`: {pattern} must name one number, it names {n}"),
            ),
        )),
    }
}

fn broken(data: &Data, check: &Check, at_path: &str, zh: String, en: String) -> Diagnostic {
    at(
        data,
        at_path,
        Diagnostic::error_pair(
            Code::Check,
            format!("核对关系“{}”不成立：{zh}", check.name),
            format!("check `{}` does not hold: {en}", check.name),
        ),
    )
}

fn run_one(data: &Data, json: &Json, c: &Check) -> Result<(), Diagnostic> {
    let name = c.name.as_str();
    let too_large = || {
        at(
            data,
            &format!("checks.{name}"),
            Diagnostic::error_pair(
                Code::Check,
                format!("核对关系“{name}”中的数字太大，无法精确计算"),
                format!("check `{name}`: the numbers are too large to compute exactly"),
            ),
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
            let mut list_zh: Vec<String> = all.iter().take(SHOWN).map(Figure::show).collect();
            let mut list_en: Vec<String> = all.iter().take(SHOWN).map(Figure::show_en).collect();
            if all.len() > SHOWN {
                list_zh.push(format!("…共 {} 项", all.len()));
                list_en.push(format!("… {} parts in all", all.len()));
            }
            Err(broken(
                data,
                c,
                &t.path,
                format!("{} ≠ 各项之和 {s}（{}）", t.show(), list_zh.join(" + ")),
                format!(
                    "{} ≠ the sum of its parts {s} ({})",
                    t.show_en(),
                    list_en.join(" + ")
                ),
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
                    format!("除数 {} 为 0", fb.show()),
                    format!("the divisor {} is 0", fb.show_en()),
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
            let times = if *percent { " × 100" } else { "" };
            Err(broken(
                data,
                c,
                &v.path,
                format!(
                    "{} ≠ {} ÷ {}{times} = {expected}",
                    v.show(),
                    fa.show(),
                    fb.show()
                ),
                format!(
                    "{} ≠ {} / {}{times} = {expected}",
                    v.show_en(),
                    fa.show_en(),
                    fb.show_en()
                ),
            ))
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
                        format!("{} 小于下限 {m}", f.show()),
                        format!("{} is below the minimum {m}", f.show_en()),
                    ));
                }
                if let Some(m) = high {
                    return Err(broken(
                        data,
                        c,
                        &f.path,
                        format!("{} 大于上限 {m}", f.show()),
                        format!("{} is above the maximum {m}", f.show_en()),
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
                format!("{} ≠ {}", x.show(), y.show()),
                format!("{} ≠ {}", x.show_en(), y.show_en()),
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
        run(&data(text))
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
