//! Template helpers: Chinese numerals, dates, counts, streaks, lists and numbers in text.
//!
//! Template writers state facts; these helpers write them the way a formal Chinese text does
//! (GB/T 15835 numbers, GB/T 15834 punctuation). Chinese words a helper adds (万, 和, 增长, 个百分点)
//! are written in the script named by the data's `report.script` (`"hans"`, the default, or
//! `"hant"`), read from the render context's root.
//!
//! A helper given the wrong kind of value (a list helper given a number, a date helper given
//! text) or no value fails with a [`RenderError`] whose reason is
//! [`RenderErrorReason::NestedError`] holding a [`HelperError`] (find it with
//! [`helper_error`]): it names the helper and what it expected, in Chinese and English.
//!
//! | helper | example | output |
//! |---|---|---|
//! | `cn` | `{{cn 11}}`, `{{cn 3.5}}`, `{{cn 1010 upper=true}}` | 十一, 三点五, 壹仟零壹拾 |
//! | `year_cn` | `{{year_cn 2012}}` | 二〇一二 |
//! | `date` | `{{date d}}`, `format="md"`/`"ym"`/`"cn"`/`"cn_md"`/`"month"`/`"day"` | 2012年10月10日, 10月10日, 2012年10月, 二〇一二年十月十日, 十月十日, 十月, 十日 |
//! | `weekday` | `{{weekday d}}` | 星期三 |
//! | `count` | `{{count goals}}`, `{{count a b}}`, `arabic=true` | 六, 八, 8 |
//! | `streak` | `{{streak years}}`, `arabic=true` | 十一, 11 |
//! | `streak_range` | `{{streak_range years}}` | 2002—2012年 |
//! | `join` | `{{join list}}`, `last="及"` | 甲、乙和丙, 甲、乙及丙 |
//! | `enumerate` | `{{enumerate list}}`, `style="shi"` | （一）甲；（二）乙。 一是甲；二是乙。 |
//! | `thousands` | `{{thousands 1234567}}` | 1,234,567 |
//! | `percent` | `{{percent 7.5}}`, `digits=1` | 7.5% |
//! | `change` | `{{change 12.5}}`, `{{change -3 unit="点"}}`, `{{change 7000 7900}}` | 增长12.5%, 减少3个百分点, 增长12.9% |
//! | `approx` | `{{approx 12}}`, `{{approx 97}}` | 10多, 近百 |
//! | `sum` | `{{sum list}}`, `{{sum rows "人数"}}`, `{{sum a b c}}` | 6250, 3.30 |
//! | `minus`, `diff` | `{{minus 6250 4398}}` | 1852 |
//! | `times` | `{{times 1.5 10000}}` | 15000.0 |
//! | `ratio` | `{{ratio 7900 7000}}`, `digits=2` | 1.1286, 1.13 |
//! | `share` | `{{share 4398 6303}}`, `digits=2` | 69.8%, 69.78% |
//! | `average` | `{{average rows "收入"}}`, `digits=1` | 39.92 |
//! | `round`, `fixed` | `{{round 3.14159 2}}`, `{{fixed 3.1 2}}` | 3.14, 3.10 |
//! | `wan`, `yi` | `{{wan 12345}}`, `{{yi 320000000}}` | 1.23万, 3.2亿 |
//! | `permille` | `{{permille 3.5}}` | 3.5‰ |
//! | `year2`, `year_add`, `year_rel` | `{{year2 2005}}`, `{{year_add 2012 -1}}`, `{{year_rel 2011}}` | 05年, 2011, 去年 |
//!
//! `count` and `cn` take `measure="个"` and then write 2 as 两 (两个方面); `join` takes `sep=`.
//! An option a helper does not take is an error listing the options it does.
//!
//! Number helpers that compute (`sum`) work on the decimal digits as written, never on binary
//! floats: 0.1 + 0.2 is 0.3, integers stay integers, and a result keeps the largest number of
//! decimals among its inputs (1.10 + 2 → 3.10). Used inside another helper
//! (`{{percent (sum a b)}}`) they give a number.

use std::fmt;

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason, ScopedJson,
};
use serde_json::Value as Json;

use crate::diag::texts::template as texts;
use crate::diag::Text;
use crate::zh::date::Date;
use crate::zh::numeral;
use crate::zh::Script;

/// Names of the helpers [`register`] adds.
pub const NAMES: &[&str] = &[
    "cn",
    "year_cn",
    "date",
    "weekday",
    "count",
    "streak",
    "streak_range",
    "join",
    "enumerate",
    "thousands",
    "percent",
    "change",
    "approx",
    "sum",
    "minus",
    "diff",
    "ratio",
    "share",
    "average",
    "round",
    "fixed",
    "year_add",
    "times",
    "wan",
    "yi",
    "permille",
    "year2",
    "year_rel",
];

/// The options (`name=value`) each helper takes; any other is an error naming these.
const OPTIONS: &[(&str, &[&str])] = &[
    ("cn", &["upper", "measure"]),
    ("date", &["format"]),
    ("count", &["arabic", "measure"]),
    ("streak", &["arabic"]),
    ("join", &["last", "sep"]),
    ("enumerate", &["style", "sep", "end"]),
    ("thousands", &["digits"]),
    ("percent", &["digits"]),
    ("change", &["digits", "unit", "up", "down"]),
    ("ratio", &["digits"]),
    ("share", &["digits"]),
    ("average", &["digits"]),
    ("round", &["digits"]),
    ("fixed", &["digits"]),
    ("wan", &["digits", "unit"]),
    ("yi", &["digits", "unit"]),
    ("permille", &["digits"]),
    ("year2", &["suffix"]),
    ("year_rel", &["base"]),
];

/// Registers all of huibao's helpers (see the module docs for the list).
pub fn register(hb: &mut Handlebars<'_>) {
    let helpers: [(&str, Body); 18] = [
        ("cn", cn),
        ("year_cn", year_cn),
        ("date", date),
        ("weekday", weekday),
        ("count", count),
        ("streak", streak),
        ("streak_range", streak_range),
        ("join", join),
        ("enumerate", enumerate),
        ("thousands", thousands),
        ("percent", percent),
        ("change", change),
        ("approx", approx),
        ("wan", wan),
        ("yi", yi),
        ("permille", permille),
        ("year2", year2),
        ("year_rel", year_rel),
    ];
    for (name, body) in helpers {
        hb.register_helper(name, Box::new(Simple(body)));
    }
    let computed: [(&str, Compute, &str); 10] = [
        ("sum", sum, ""),
        ("minus", minus, ""),
        ("diff", minus, ""),
        ("ratio", ratio, ""),
        ("share", share, "%"),
        ("average", average, ""),
        ("round", round, ""),
        ("fixed", fixed_helper, ""),
        ("year_add", year_add, ""),
        ("times", times, ""),
    ];
    for (name, body, unit) in computed {
        hb.register_helper(name, Box::new(Computed(body, unit)));
    }
}

/// A helper's body: its arguments in, its text out.
type Body = fn(&Call<'_, '_>) -> Res<String>;

/// Adapts a [`Body`] to Handlebars' helper interface.
struct Simple(Body);

impl HelperDef for Simple {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let call = Call::new(h, ctx)?;
        let text = (self.0)(&call)?;
        // Facts are text: the output is literal unless the template asked for markup ({{{ }}}).
        out.write(&crate::provenance::helper_output(h, ctx, rc, &text))?;
        Ok(())
    }
}

/// A computing helper's body: its arguments in, an exact number out.
type Compute = fn(&Call<'_, '_>) -> Res<Decimal>;

/// Adapts a [`Compute`] body: written as its exact digits followed by the unit (`%` for
/// `share`), or passed on as a plain JSON number when the helper is an argument of another
/// (`{{percent (sum a b)}}`).
struct Computed(Compute, &'static str);

impl HelperDef for Computed {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let call = Call::new(h, ctx)?;
        let value = (self.0)(&call)?;
        Ok(ScopedJson::Derived(value.to_json()))
    }

    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let call = Call::new(h, ctx)?;
        let text = format!("{}{}", (self.0)(&call)?, self.1);
        // Facts are text: a computed figure is literal text, like any helper's output.
        out.write(&crate::provenance::helper_output(h, ctx, rc, &text))?;
        Ok(())
    }
}

/// An exact decimal number: `units` × 10^−`scale` (3.30 is 330 with scale 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    units: i128,
    scale: u32,
}

/// The most decimals a [`Decimal`] keeps.
const MAX_SCALE: u32 = 18;

impl Decimal {
    /// Zero, with no decimals.
    pub const ZERO: Decimal = Decimal { units: 0, scale: 0 };

    /// Reads a number as written (`-12`, `3.30`, `1.5e3`); `None` for anything else or for a
    /// value too large or too finely divided to hold exactly.
    pub fn parse(written: &str) -> Option<Decimal> {
        let (mantissa, exp) = match written.find(['e', 'E']) {
            Some(i) => (&written[..i], written[i + 1..].parse::<i32>().ok()?),
            None => (written, 0),
        };
        let (negative, body) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let mut units: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            if !b.is_ascii_digit() {
                return None;
            }
            units = units.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        let mut scale = i64::try_from(frac.len()).ok()? - i64::from(exp);
        while scale < 0 {
            units = units.checked_mul(10)?;
            scale += 1;
        }
        let scale = u32::try_from(scale).ok().filter(|s| *s <= MAX_SCALE)?;
        Some(Decimal {
            units: if negative { -units } else { units },
            scale,
        })
    }

    /// A whole number.
    pub fn from_int(n: i64) -> Decimal {
        Decimal {
            units: i128::from(n),
            scale: 0,
        }
    }

    /// The same value with at least `scale` decimals (`None` if that overflows).
    fn rescaled(self, scale: u32) -> Option<Decimal> {
        if scale <= self.scale {
            return Some(self);
        }
        let factor = 10i128.checked_pow(scale - self.scale)?;
        Some(Decimal {
            units: self.units.checked_mul(factor)?,
            scale,
        })
    }

    /// The exact sum, with the larger of the two scales; `None` on overflow.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let (a, b) = (self.rescaled(scale)?, other.rescaled(scale)?);
        Some(Decimal {
            units: a.units.checked_add(b.units)?,
            scale,
        })
    }

    /// `-self`.
    pub fn negated(self) -> Decimal {
        Decimal {
            units: -self.units,
            scale: self.scale,
        }
    }

    /// The exact difference; `None` on overflow.
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other.negated())
    }

    /// The exact product (scales add, at most 18 decimals kept by rounding); `None` on
    /// overflow.
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        let d = Decimal {
            units: self.units.checked_mul(other.units)?,
            scale: self.scale + other.scale,
        };
        if d.scale > MAX_SCALE {
            Some(d.round(MAX_SCALE))
        } else {
            Some(d)
        }
    }

    /// `self / other` rounded half away from zero (四舍五入) to `scale` decimals; `None` when
    /// `other` is zero or on overflow.
    pub fn checked_div(self, other: Decimal, scale: u32) -> Option<Decimal> {
        if other.units == 0 {
            return None;
        }
        let e = i64::from(scale) + i64::from(other.scale) - i64::from(self.scale);
        let pow = |n: i64| 10i128.checked_pow(u32::try_from(n).ok()?);
        let (num, den) = if e >= 0 {
            (self.units.checked_mul(pow(e)?)?, other.units)
        } else {
            (self.units, other.units.checked_mul(pow(-e)?)?)
        };
        let (q, r) = (num / den, num % den);
        let q = if r.unsigned_abs() * 2 >= den.unsigned_abs() {
            q + num.signum() * den.signum()
        } else {
            q
        };
        Some(Decimal { units: q, scale })
    }

    /// Rounded half away from zero to at most `digits` decimals (2.675 → 2.68; 3.1 stays 3.1).
    pub fn round(self, digits: u32) -> Decimal {
        if digits >= self.scale {
            return self;
        }
        let factor = 10i128.pow(self.scale - digits);
        let (q, r) = (self.units / factor, self.units % factor);
        let q = if r.unsigned_abs() * 2 >= factor.unsigned_abs() {
            q + self.units.signum()
        } else {
            q
        };
        Decimal {
            units: q,
            scale: digits,
        }
    }

    /// Rounded to exactly `digits` decimals (3.1 → 3.10); `None` on overflow.
    pub fn fixed(self, digits: u32) -> Option<Decimal> {
        self.round(digits).rescaled(digits)
    }

    /// Without trailing zeros after the point (3.10 → 3.1, 2.00 → 2).
    pub fn trimmed(self) -> Decimal {
        self.trimmed_to(0)
    }

    /// Without trailing zeros after the point, keeping at least `min` decimals.
    pub fn trimmed_to(self, min: u32) -> Decimal {
        let mut d = self;
        while d.scale > min && d.units % 10 == 0 {
            d.units /= 10;
            d.scale -= 1;
        }
        d
    }

    /// Decimals after the point.
    pub fn scale(self) -> u32 {
        self.scale
    }

    /// True for zero (0, 0.00).
    pub fn is_zero(self) -> bool {
        self.units == 0
    }

    /// True below zero.
    pub fn is_negative(self) -> bool {
        self.units < 0
    }

    /// The absolute value.
    pub fn abs(self) -> Decimal {
        Decimal {
            units: self.units.abs(),
            scale: self.scale,
        }
    }

    /// Compares by value (1.0 equals 1).
    pub fn cmp_value(self, other: Decimal) -> std::cmp::Ordering {
        let scale = self.scale.max(other.scale);
        match (self.rescaled(scale), other.rescaled(scale)) {
            (Some(a), Some(b)) => a.units.cmp(&b.units),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }

    /// The nearest float.
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(0.0)
    }

    /// The value as a JSON number (keeping its written digits where serde_json can).
    pub fn to_json(self) -> Json {
        self.to_string()
            .parse::<serde_json::Number>()
            .map_or(Json::Null, Json::Number)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.units.unsigned_abs().to_string();
        let sign = if self.units < 0 { "-" } else { "" };
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

/// A helper was used with the wrong kind of value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelperError {
    /// The helper's name, e.g. `count`.
    pub helper: &'static str,
    /// What went wrong, naming the helper.
    pub message: Text,
    /// The fact at fault, when one item of a list is (`deep[2].人数`).
    pub fact: Option<String>,
}

impl fmt::Display for HelperError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.en)
    }
}

impl std::error::Error for HelperError {}

/// The [`HelperError`] inside a render error, if a helper raised it.
pub fn helper_error(err: &RenderError) -> Option<&HelperError> {
    match err.reason() {
        RenderErrorReason::NestedError(e) => e.downcast_ref::<HelperError>(),
        _ => None,
    }
}

/// The arguments of one helper call, with error messages that name the helper.
struct Call<'a, 'rc> {
    h: &'a Helper<'rc>,
    name: &'static str,
    script: Script,
    /// `report.date` of the facts, when it is a date.
    report_date: Option<Date>,
}

type Res<T> = Result<T, RenderError>;

impl<'a, 'rc> Call<'a, 'rc> {
    fn new(h: &'a Helper<'rc>, ctx: &Context) -> Res<Call<'a, 'rc>> {
        let name = NAMES
            .iter()
            .copied()
            .find(|n| *n == h.name())
            .unwrap_or("helper");
        let mut call = Call {
            h,
            name,
            script: Script::Hans,
            report_date: ctx
                .data()
                .pointer("/report/date")
                .and_then(Json::as_str)
                .and_then(Date::parse),
        };
        let allowed = OPTIONS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&[][..], |(_, o)| *o);
        let mut unknown: Vec<&str> = h
            .hash()
            .keys()
            .copied()
            .filter(|k| !allowed.contains(k))
            .collect();
        if !unknown.is_empty() {
            unknown.sort_unstable();
            let takes = if allowed.is_empty() {
                texts::takes_no_options()
            } else {
                texts::options_are(Text::names(allowed))
            };
            return Err(call.fail(texts::unknown_option(unknown.join(", "), takes)));
        }
        match ctx.data().pointer("/report/script") {
            None | Some(Json::Null) => {}
            Some(Json::String(s)) => match Script::from_name(s) {
                Some(script) => call.script = script,
                None => return Err(call.fail(texts::report_script_unknown(s))),
            },
            Some(other) => {
                return Err(call.fail(texts::report_script_not_text(describe(other))));
            }
        }
        Ok(call)
    }

    fn fail(&self, message: Text) -> RenderError {
        self.fail_at(None, message)
    }

    /// A failure caused by the fact `fact`.
    fn fail_at(&self, fact: Option<String>, message: Text) -> RenderError {
        RenderErrorReason::NestedError(Box::new(HelperError {
            helper: self.name,
            message: texts::helper_failed(self.name, message),
            fact,
        }))
        .into()
    }

    /// Parameter `idx`, which must be present and name an existing fact.
    fn param(&self, idx: usize, what: Kind) -> Res<&'a Json> {
        let Some(p) = self.h.param(idx) else {
            return Err(self.fail(texts::argument_missing(idx + 1, what())));
        };
        if p.is_value_missing() {
            let path = p.relative_path().map_or("?", String::as_str);
            return Err(self.fail(texts::argument_fact_missing(path, what())));
        }
        Ok(p.value())
    }

    /// Error for parameter `idx` holding `got` instead of `what`.
    fn wrong(&self, idx: usize, what: Kind, got: &Json) -> RenderError {
        let got = describe(got);
        self.fail(match self.h.param(idx).and_then(|p| p.relative_path()) {
            Some(path) => texts::argument_wrong_at(idx + 1, path, what(), got),
            None => texts::argument_wrong(idx + 1, what(), got),
        })
    }

    fn number(&self, idx: usize) -> Res<(f64, String)> {
        const WHAT: Kind = crate::diag::texts::common::kind_number;
        let v = self.param(idx, WHAT)?;
        match v {
            Json::Number(n) => Ok((n.as_f64().unwrap_or(0.0), n.to_string())),
            other => Err(self.wrong(idx, WHAT, other)),
        }
    }

    /// Parameter `idx` as an exact decimal.
    fn decimal(&self, idx: usize) -> Res<Decimal> {
        let (_, written) = self.number(idx)?;
        Decimal::parse(&written).ok_or_else(|| too_large(self, &written))
    }

    fn integer(&self, idx: usize) -> Res<i64> {
        const WHAT: Kind = texts::kind_integer;
        let v = self.param(idx, WHAT)?;
        match v {
            Json::Number(n) => match n.as_i64() {
                Some(i) => Ok(i),
                None => match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
                    _ => Err(self.wrong(idx, WHAT, v)),
                },
            },
            other => Err(self.wrong(idx, WHAT, other)),
        }
    }

    fn list(&self, idx: usize) -> Res<&'a [Json]> {
        const WHAT: Kind = crate::diag::texts::common::kind_list;
        match self.param(idx, WHAT)? {
            Json::Array(items) => Ok(items),
            other => Err(self.wrong(idx, WHAT, other)),
        }
    }

    fn date(&self, idx: usize) -> Res<Date> {
        const WHAT: Kind = texts::kind_date;
        let v = self.param(idx, WHAT)?;
        let text = match v {
            Json::String(s) => Some(s.as_str()),
            // A TOML datetime serialized as its private one-field table.
            Json::Object(map) if map.len() == 1 => map.values().next().and_then(Json::as_str),
            _ => None,
        };
        text.and_then(Date::parse)
            .ok_or_else(|| self.wrong(idx, WHAT, v))
    }

    fn years(&self, idx: usize) -> Res<Vec<i64>> {
        const WHAT: Kind = texts::kind_year;
        let items = self.list(idx)?;
        let mut years = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item.as_i64() {
                Some(y) => years.push(y),
                None => {
                    return Err(self.fail(texts::list_item_wrong(i + 1, WHAT(), describe(item))));
                }
            }
        }
        if years.is_empty() {
            return Err(self.fail(texts::years_empty()));
        }
        Ok(years)
    }

    /// The list's items as text (strings as written, numbers in Arabic digits).
    fn texts(&self, idx: usize) -> Res<Vec<String>> {
        let items = self.list(idx)?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Json::String(s) => Ok(s.clone()),
                Json::Number(n) => Ok(n.to_string()),
                other => Err(self.fail(texts::list_item_not_text(i + 1, describe(other)))),
            })
            .collect()
    }

    fn flag(&self, key: &str) -> Res<bool> {
        match self.h.hash_get(key).map(|p| p.value()) {
            None => Ok(false),
            Some(Json::Bool(b)) => Ok(*b),
            Some(other) => Err(self.bad_option(key, texts::kind_flag, other)),
        }
    }

    fn text_option(&self, key: &str) -> Res<Option<&'a str>> {
        match self.h.hash_get(key).map(|p| p.value()) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.bad_option(key, texts::kind_text, other)),
        }
    }

    fn digits_option(&self) -> Res<Option<usize>> {
        match self.h.hash_get("digits").map(|p| p.value()) {
            None => Ok(None),
            Some(Json::Number(n)) if n.as_u64().is_some_and(|d| d <= 10) => {
                Ok(n.as_u64().map(|d| d as usize))
            }
            Some(other) => Err(self.bad_option("digits", texts::kind_digits, other)),
        }
    }

    /// `digits=` as decimals, `default` when absent.
    fn digits_or(&self, default: u32) -> Res<u32> {
        Ok(self
            .digits_option()?
            .map_or(default, |d| u32::try_from(d).unwrap_or(default)))
    }

    /// A year: a whole number (2012) or a date (2012-10-10 gives 2012).
    fn year(&self, idx: usize) -> Res<i64> {
        const WHAT: Kind = texts::kind_year_or_date;
        let v = self.param(idx, WHAT)?;
        match v {
            Json::Number(_) => self.integer(idx),
            _ => match self.date(idx) {
                Ok(d) => Ok(i64::from(d.year)),
                Err(_) => Err(self.wrong(idx, WHAT, v)),
            },
        }
    }

    fn bad_option(&self, key: &str, what: Kind, got: &Json) -> RenderError {
        self.fail(texts::option_wrong(key, what(), describe(got)))
    }

    /// `hans` or `hant` word.
    fn word(&self, hans: &'static str, hant: &'static str) -> &'static str {
        if self.script.is_traditional() {
            hant
        } else {
            hans
        }
    }

    fn numeral(&self, n: i64) -> String {
        numeral::integer(n, self.script)
    }
}

/// What a helper's argument must be: a catalog text, built only when a message needs it.
type Kind = fn() -> Text;

/// A value's kind for messages.
fn describe(v: &Json) -> Text {
    match v {
        Json::Null => texts::got_null(),
        Json::Bool(b) => texts::got_bool(b),
        Json::Number(n) => texts::got_number(n),
        Json::String(s) => texts::got_text(s),
        Json::Array(a) => texts::got_list(a.len()),
        Json::Object(_) => texts::got_table(),
    }
}

/// `{{cn N}}`: a number in Chinese numerals. `{{cn 11}}` → 十一, `{{cn 0}}` → 零,
/// `{{cn 10001}}` → 一万零一 (一萬零一), `{{cn -3}}` → 负三, `{{cn 3.5}}` → 三点五;
/// `upper=true` gives financial capitals for whole numbers: `{{cn 1010 upper=true}}` → 壹仟零壹拾.
fn cn(call: &Call<'_, '_>) -> Res<String> {
    if let Some(measure) = call.text_option("measure")? {
        return Ok(format!(
            "{}{measure}",
            numeral::counted(call.integer(0)?, call.script)
        ));
    }
    let text = if call.flag("upper")? {
        numeral::financial(call.integer(0)?, call.script)
    } else {
        let (_, written) = call.number(0)?;
        match written.parse::<i64>() {
            Ok(i) => call.numeral(i),
            Err(_) => numeral::decimal(&written, call.script).ok_or_else(|| {
                call.fail(texts::number_not_numeral(&written, size_words(&written)))
            })?,
        }
    };
    Ok(text)
}

/// `{{year_cn 2012}}` → 二〇一二: a year written digit by digit (0 → 〇).
fn year_cn(call: &Call<'_, '_>) -> Res<String> {
    let year = call.integer(0)?;
    let year = u64::try_from(year).map_err(|_| call.fail(texts::year_negative(year)))?;
    Ok(numeral::year_digits(year))
}

/// `{{date D}}` → 2012年10月10日 for D = "2012-10-10" (a TOML date; `2012-10-10T09:30` too).
/// `format=`: `"ymd"` (default) 2012年10月10日, `"md"` 10月10日, `"ym"` 2012年10月,
/// `"cn"` 二〇一二年十月十日, `"cn_md"` 十月十日, `"month"` 十月, `"day"` 十日.
fn date(call: &Call<'_, '_>) -> Res<String> {
    let d = call.date(0)?;
    let text = match call.text_option("format")?.unwrap_or("ymd") {
        "ymd" => d.ymd(),
        "md" => d.md(),
        "ym" => d.ym(),
        "cn" => d.chinese(),
        "cn_md" => d.chinese_md(),
        "month" => d.month_name(),
        "day" => d.day_name(),
        other => return Err(call.fail(texts::date_format_unknown(other))),
    };
    Ok(text)
}

/// `{{weekday D}}` → 星期三 for D = "2012-10-10".
fn weekday(call: &Call<'_, '_>) -> Res<String> {
    Ok(call.date(0)?.weekday().to_string())
}

/// `{{count LIST}}` → the list's length as a Chinese numeral (六; an empty list gives 零);
/// `{{count A B}}` → the sum of several lists' lengths (八); `arabic=true` → digits (8).
///
/// `measure="个"` appends a measure word and writes 2 as 两 (两个方面, 两大主题, not 二个);
/// with a measure word a number may stand for the list (`{{count 2 measure="大"}}` → 两大).
fn count(call: &Call<'_, '_>) -> Res<String> {
    let measure = call.text_option("measure")?;
    let total = match call.h.param(0).map(|p| p.value()) {
        Some(Json::Number(_)) if measure.is_some() => call.integer(0)?,
        _ => {
            let mut total = call.list(0)?.len();
            for idx in 1..call.h.params().len() {
                total += call.list(idx)?.len();
            }
            i64::try_from(total).unwrap_or(i64::MAX)
        }
    };
    let text = if call.flag("arabic")? {
        total.to_string()
    } else if measure.is_some() {
        numeral::counted(total, call.script)
    } else {
        call.numeral(total)
    };
    Ok(format!("{text}{}", measure.unwrap_or("")))
}

/// The consecutive run of years ending at the latest year: (first, last). Years may be
/// unsorted or repeated; a gap ends the run. `years` must not be empty.
fn latest_run(years: &[i64]) -> (i64, i64) {
    let mut sorted = years.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let last = sorted.last().copied().unwrap_or_default();
    let mut first = last;
    for &y in sorted.iter().rev().skip(1) {
        if y + 1 != first {
            break;
        }
        first = y;
    }
    (first, last)
}

/// `{{streak YEARS}}` → how many consecutive years end at the latest one, as a Chinese
/// numeral: [2002, …, 2012] → 十一; `arabic=true` → 11. Order and repeats do not matter; a
/// missing year breaks the run ([2005, 2007, 2008] → 二). An empty list is an error.
fn streak(call: &Call<'_, '_>) -> Res<String> {
    let (first, last) = latest_run(&call.years(0)?);
    let n = last - first + 1;
    let text = if call.flag("arabic")? {
        n.to_string()
    } else {
        call.numeral(n)
    };
    Ok(text)
}

/// `{{streak_range YEARS}}` → the same run as a range with one em dash (GB/T 15834 range
/// mark): 2002—2012年; a run of one year gives 2012年.
fn streak_range(call: &Call<'_, '_>) -> Res<String> {
    let (first, last) = latest_run(&call.years(0)?);
    let text = if first == last {
        format!("{last}年")
    } else {
        format!("{first}\u{2014}{last}年")
    };
    Ok(text)
}

/// `{{join LIST}}` → 甲、乙和丙: items joined with 、 and the last two with 和; `last="及"` (or
/// 与, or 、) changes the final word and `sep="；"` the separator (`last` follows `sep` when
/// only `sep` is given: `sep="+"` → 1+2+3). One item → itself, two → 甲和乙, none → nothing.
fn join(call: &Call<'_, '_>) -> Res<String> {
    let items = call.texts(0)?;
    let sep = call.text_option("sep")?;
    let last = call.text_option("last")?.unwrap_or(if sep.is_some() {
        sep.unwrap_or("")
    } else {
        "和"
    });
    let sep = sep.unwrap_or("、");
    let text = match items.split_last() {
        None => String::new(),
        Some((only, [])) => only.clone(),
        Some((final_item, rest)) => format!("{}{last}{final_item}", rest.join(sep)),
    };
    Ok(text)
}

/// `{{enumerate LIST}}` → （一）甲；（二）乙；（三）丙。 and `style="shi"` → 一是甲；二是乙；三是丙。
/// Items are separated by `；` (change with `sep="，"`) and the whole ends with `。` (change with
/// `end=""`); an item's own trailing 。；，、 is dropped so marks never double.
fn enumerate(call: &Call<'_, '_>) -> Res<String> {
    let items = call.texts(0)?;
    let style = call.text_option("style")?.unwrap_or("paren");
    let sep = call.text_option("sep")?.unwrap_or("；");
    let end = call.text_option("end")?.unwrap_or("。");
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let n = call.numeral(i64::try_from(i + 1).unwrap_or(i64::MAX));
        let item = item.trim_end_matches(['。', '；', '，', '、', ';', ',']);
        parts.push(match style {
            "paren" => format!("（{n}）{item}"),
            "shi" => format!("{n}是{item}"),
            other => return Err(call.fail(texts::enumerate_style_unknown(other))),
        });
    }
    if parts.is_empty() {
        return Ok(String::new());
    }
    Ok(format!("{}{end}", parts.join(sep)))
}

/// `written` (a JSON number as text) rounded half away from zero (四舍五入) to `digits`
/// decimals if given, working on the decimal digits as written (1.25 → 1.3, 2.675 → 2.68);
/// no `-` on zero. `None` for exponent forms (1e20). Spreadsheet cells with a number format
/// are shown by it too ([`crate::sources`]).
pub(crate) fn fixed(written: &str, digits: Option<usize>) -> Option<String> {
    let (negative, body) = match written.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, written),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = match digits {
        None => body.to_string(),
        Some(d) => {
            // All digits, padded to `d` decimals; round on the digit after them.
            let mut all: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
            all.resize(int.len() + frac.len().max(d + 1), b'0');
            let keep = int.len() + d;
            let round_up = all[keep] >= b'5';
            all.truncate(keep);
            if round_up {
                let mut i = all.len();
                loop {
                    if i == 0 {
                        all.insert(0, b'1');
                        break;
                    }
                    i -= 1;
                    if all[i] == b'9' {
                        all[i] = b'0';
                    } else {
                        all[i] += 1;
                        break;
                    }
                }
            }
            let int_len = all.len() - d;
            let digits_text = String::from_utf8_lossy(&all).into_owned();
            if d == 0 {
                digits_text
            } else {
                format!("{}.{}", &digits_text[..int_len], &digits_text[int_len..])
            }
        }
    };
    let is_zero = text.bytes().all(|b| b == b'0' || b == b'.');
    Some(if negative && !is_zero {
        format!("-{text}")
    } else {
        text
    })
}

/// `{{thousands 1234567}}` → 1,234,567 (commas every three digits of the whole part;
/// `{{thousands 1234.5}}` → 1,234.5; `digits=` fixes the decimals).
fn thousands(call: &Call<'_, '_>) -> Res<String> {
    let (_, written) = call.number(0)?;
    let grouped = fixed(&written, call.digits_option()?).and_then(|t| group_thousands(&t));
    let Some(grouped) = grouped else {
        return Err(call.fail(texts::number_not_grouped(&written, size_words(&written))));
    };
    Ok(grouped)
}

/// `-1234567.5` → `-1,234,567.5`; `None` for exponent forms.
fn group_thousands(text: &str) -> Option<String> {
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// "Too large" or, for a number below 1 (`1e-9`, `5e-324`), "too small": what a number that
/// cannot be written out is.
fn size_words(written: &str) -> Text {
    match written.parse::<f64>() {
        Ok(v) if v != 0.0 && v.abs() < 1.0 => texts::too_small(),
        _ => texts::too_large(),
    }
}

fn too_large(call: &Call<'_, '_>, written: &str) -> RenderError {
    call.fail(texts::number_out_of_range(written))
}

/// `{{percent 7.5}}` → 7.5%: the value is already in per cent and is written as given;
/// `digits=1` rounds to that many decimals (`{{percent 7.46 digits=1}}` → 7.5%).
fn percent(call: &Call<'_, '_>) -> Res<String> {
    let (_, written) = call.number(0)?;
    let text = fixed(&written, call.digits_option()?).ok_or_else(|| too_large(call, &written))?;
    Ok(format!("{text}%"))
}

/// `{{change X}}` → 增长12.5% for 12.5, 下降3% for −3, 持平 for 0. `unit="点"` writes
/// percentage points (增加1.5个百分点, 减少3个百分点); any other `unit` is appended as written
/// (增长5万元); `digits=` fixes the decimals; `up=`/`down=` replace the words (e.g. 提高/降低).
///
/// `{{change OLD NEW}}` compares two figures: the growth rate (NEW − OLD) / OLD in per cent,
/// one decimal unless `digits=` says otherwise (7000 → 7900: 增长12.9%); with `unit="点"` the
/// two are rates and the change is their difference in percentage points (11.2 → 12.5:
/// 增加1.3个百分点). An OLD of 0 has no growth rate and is an error.
fn change(call: &Call<'_, '_>) -> Res<String> {
    let unit_opt = call.text_option("unit")?;
    let points = matches!(
        unit_opt,
        Some("点" | "點" | "个百分点" | "個百分點" | "百分点" | "百分點")
    );
    let two = call.h.params().len() >= 2;
    let digits = call.digits_option()?;
    let amount = if two {
        let (old, new) = (call.decimal(0)?, call.decimal(1)?);
        let delta = new
            .checked_sub(old)
            .ok_or_else(|| too_large(call, &new.to_string()))?;
        if points {
            match digits {
                Some(d) => delta.fixed(d as u32).unwrap_or(delta),
                None => delta,
            }
        } else {
            if old.is_zero() {
                return Err(call.fail(texts::growth_from_zero()));
            }
            let d = digits.map_or(1, |d| d as u32);
            let hundred = Decimal::from_int(100);
            delta
                .checked_mul(hundred)
                .and_then(|x| x.checked_div(old.abs(), d))
                .ok_or_else(|| too_large(call, &delta.to_string()))?
        }
    } else {
        let (_, written) = call.number(0)?;
        let text = fixed(&written, digits).ok_or_else(|| too_large(call, &written))?;
        Decimal::parse(&text).ok_or_else(|| too_large(call, &written))?
    };
    let magnitude = amount.abs().to_string();
    let unit = if points {
        call.word("个百分点", "個百分點")
    } else {
        unit_opt.unwrap_or("%")
    };
    let (up_default, down_default) = if points {
        (call.word("增加", "增加"), call.word("减少", "減少"))
    } else {
        (call.word("增长", "增長"), "下降")
    };
    let up = call.text_option("up")?.unwrap_or(up_default);
    let down = call.text_option("down")?.unwrap_or(down_default);
    let text = if amount.is_zero() {
        "持平".to_string()
    } else if amount.is_negative() {
        format!("{down}{magnitude}{unit}")
    } else {
        format!("{up}{magnitude}{unit}")
    };
    Ok(text)
}

/// An approximate figure for `n` ≥ 0 (the whole part is used):
/// - below 10: the number itself (7 → 7);
/// - from 95 % of the next power of ten up: 近 + that power (95–99 → 近百, 950–999 → 近千,
///   9,500–9,999 → 近万, 95,000–99,999 → 近十万);
/// - otherwise the number cut to one significant digit below 100 and two from 100 up, with 多
///   when something was cut (12 → 10多, 45 → 40多, 123 → 120多, 1,234 → 1200多, 40 → 40);
///   from 10,000 up written with 万, from 10⁸ with 亿 (12,345 → 1.2万多, 200,000 → 20万).
pub fn approx_text(n: u64, script: Script) -> String {
    if n < 10 {
        return n.to_string();
    }
    let digits = n.ilog10() + 1;
    let next_power = 10u128.pow(digits);
    if u128::from(n) * 100 >= next_power * 95 {
        let name = numeral::integer(i64::try_from(next_power).unwrap_or(i64::MAX), script);
        let name = name.strip_prefix('一').unwrap_or(&name);
        return format!("近{name}");
    }
    let keep = if n < 100 { 1 } else { 2 };
    let step = 10u64.pow(digits - keep);
    let cut = n / step * step;
    let (wan, yi) = if script.is_traditional() {
        ("萬", "億")
    } else {
        ("万", "亿")
    };
    let shown = if cut >= 100_000_000 {
        format!("{}{yi}", scaled(cut, 100_000_000))
    } else if cut >= 10_000 {
        format!("{}{wan}", scaled(cut, 10_000))
    } else {
        cut.to_string()
    };
    if cut == n {
        shown
    } else {
        format!("{shown}多")
    }
}

/// `value / unit` written without trailing zeros (12000 / 10000 → 1.2).
fn scaled(value: u64, unit: u64) -> String {
    let whole = value / unit;
    let rest = value % unit;
    if rest == 0 {
        return whole.to_string();
    }
    let width = unit.ilog10() as usize;
    let frac = format!("{rest:0width$}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// `{{approx N}}` → an approximate figure: 12 → 10多, 97 → 近百 (rule at [`approx_text`]).
fn approx(call: &Call<'_, '_>) -> Res<String> {
    let (value, written) = call.number(0)?;
    if !(0.0..1.0e18).contains(&value) {
        return Err(call.fail(texts::approx_negative(written)));
    }
    Ok(approx_text(value.trunc() as u64, call.script))
}

/// `{{minus A B}}` (also `{{diff A B}}`) → A − B, exactly (6250 − 4398 = 1852; 0.3 − 0.1 = 0.2).
fn minus(call: &Call<'_, '_>) -> Res<Decimal> {
    let (a, b) = (call.decimal(0)?, call.decimal(1)?);
    a.checked_sub(b)
        .ok_or_else(|| too_large(call, &a.to_string()))
}

/// `{{times A B}}` → A × B, exactly (for a figure scaled by a fixed factor).
fn times(call: &Call<'_, '_>) -> Res<Decimal> {
    let (a, b) = (call.decimal(0)?, call.decimal(1)?);
    a.checked_mul(b)
        .ok_or_else(|| too_large(call, &a.to_string()))
}

/// A / B to `digits` decimals; dividing by zero is an error naming the divisor.
fn divide(call: &Call<'_, '_>, a: Decimal, b: Decimal, digits: u32) -> Res<Decimal> {
    if b.is_zero() {
        return Err(
            call.fail(match call.h.param(1).and_then(|p| p.relative_path()) {
                Some(path) => texts::divisor_zero_at(path),
                None => texts::divisor_zero(),
            }),
        );
    }
    a.checked_div(b, digits)
        .ok_or_else(|| too_large(call, &a.to_string()))
}

/// `{{ratio A B}}` → A ÷ B as a number, 4 decimals unless `digits=` (7900 / 7000 → 1.1286);
/// trailing zeros dropped when `digits` is not given (6 / 3 → 2). For a share in per cent use
/// `share`.
fn ratio(call: &Call<'_, '_>) -> Res<Decimal> {
    let (a, b) = (call.decimal(0)?, call.decimal(1)?);
    let q = divide(call, a, b, call.digits_or(4)?)?;
    Ok(if call.digits_option()?.is_some() {
        q
    } else {
        q.trimmed()
    })
}

/// `{{share PART WHOLE}}` → PART as a per cent of WHOLE, 1 decimal unless `digits=`
/// (4398 of 6303 → 69.8%); inside another helper it gives the number (69.8).
fn share(call: &Call<'_, '_>) -> Res<Decimal> {
    let (a, b) = (call.decimal(0)?, call.decimal(1)?);
    let a = a
        .checked_mul(Decimal::from_int(100))
        .ok_or_else(|| too_large(call, &a.to_string()))?;
    divide(call, a, b, call.digits_or(1)?)
}

/// The numbers of `{{sum}}`'s arguments: a list, a field of a list of rows, or the
/// parameters themselves.
fn numbers(call: &Call<'_, '_>) -> Res<Vec<Decimal>> {
    const WHAT: Kind = texts::kind_numbers;
    let first = call.param(0, WHAT)?;
    let Json::Array(items) = first else {
        return (0..call.h.params().len())
            .map(|idx| call.decimal(idx))
            .collect();
    };
    let field = match call.h.param(1).map(|p| p.value()) {
        None => None,
        Some(Json::String(f)) => Some(f.as_str()),
        Some(other) => return Err(call.wrong(1, texts::kind_field_name, other)),
    };
    let list = call
        .h
        .param(0)
        .and_then(|p| p.relative_path())
        .map_or("?", String::as_str);
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let value = match field {
            None => Some(item),
            Some(f) => item.get(f),
        };
        // The item's path, for a message only: a spreadsheet column has thousands of items.
        let place = || match field {
            None => format!("{list}[{i}]"),
            Some(f) => format!("{list}[{i}].{f}"),
        };
        let written = match value {
            // The digits as written (serde_json keeps them: arbitrary_precision).
            Some(Json::Number(n)) => n.as_str(),
            Some(other) => {
                let place = place();
                let message = texts::item_not_number(&place, describe(other));
                return Err(call.fail_at(Some(place), message));
            }
            None => {
                let place = place();
                let message = texts::item_field_missing(&place, i + 1);
                return Err(call.fail_at(Some(place), message));
            }
        };
        out.push(Decimal::parse(written).ok_or_else(|| too_large(call, written))?);
    }
    Ok(out)
}

/// `{{average LIST}}`, `{{average ROWS "field"}}`, `{{average A B C}}` → the mean, rounded to
/// 2 decimals or to the inputs' decimals when they have more, with zeros beyond the inputs'
/// decimals dropped (4398 and 1905 → 3151.5; 41.00, 38.50, 40.25 → 39.92; 1, 2, 2 → 1.67);
/// `digits=` fixes the decimals. An empty list has no average: an error.
fn average(call: &Call<'_, '_>) -> Res<Decimal> {
    let xs = numbers(call)?;
    if xs.is_empty() {
        return Err(call.fail(texts::average_empty()));
    }
    let mut total = Decimal::ZERO;
    for x in &xs {
        total = total
            .checked_add(*x)
            .ok_or_else(|| too_large(call, &x.to_string()))?;
    }
    let n = Decimal::from_int(i64::try_from(xs.len()).unwrap_or(i64::MAX));
    let fixed_digits = call.digits_option()?.map(|d| u32::try_from(d).unwrap_or(0));
    let digits = fixed_digits.unwrap_or(total.scale().max(2));
    let q = total
        .checked_div(n, digits)
        .ok_or_else(|| too_large(call, &total.to_string()))?;
    Ok(match fixed_digits {
        Some(_) => q,
        None => q.trimmed_to(total.scale()),
    })
}

/// `{{round X 1}}` or `{{round X digits=1}}` → X rounded half away from zero (四舍五入) to at
/// most that many decimals, trailing zeros dropped (3.14159 → 3.1; 2.5 → 3 with 0 digits;
/// 3.10 → 3.1).
fn round(call: &Call<'_, '_>) -> Res<Decimal> {
    let d = call.decimal(0)?;
    Ok(d.round(places(call)?).trimmed())
}

/// `{{fixed X 2}}` or `{{fixed X digits=2}}` → X with exactly that many decimals (3.1 → 3.10;
/// 2.675 → 2.68).
fn fixed_helper(call: &Call<'_, '_>) -> Res<Decimal> {
    let d = call.decimal(0)?;
    d.fixed(places(call)?)
        .ok_or_else(|| too_large(call, &d.to_string()))
}

/// The decimals for `round`/`fixed`: the second argument or `digits=` (0 when neither).
fn places(call: &Call<'_, '_>) -> Res<u32> {
    match call.h.param(1) {
        Some(_) => {
            let n = call.integer(1)?;
            u32::try_from(n)
                .ok()
                .filter(|d| *d <= MAX_SCALE)
                .ok_or_else(|| call.fail(texts::decimals_out_of_range(MAX_SCALE, n)))
        }
        None => call.digits_or(0),
    }
}

/// `{{wan X}}` → X in 万 (ten thousands), 2 decimals at most unless `digits=` (which keeps
/// them all), trailing zeros dropped: 12345 → 1.23万, 30000 → 3万, −5000 → -0.5万;
/// `unit="万元"` replaces the word (1.23万元).
fn wan(call: &Call<'_, '_>) -> Res<String> {
    scaled_word(call, 10_000, call.word("万", "萬"))
}

/// `{{yi X}}` → X in 亿 (10⁸): 320000000 → 3.2亿; as `wan`.
fn yi(call: &Call<'_, '_>) -> Res<String> {
    scaled_word(call, 100_000_000, call.word("亿", "億"))
}

fn scaled_word(call: &Call<'_, '_>, unit: i64, word: &str) -> Res<String> {
    let x = call.decimal(0)?;
    let digits = call.digits_option()?;
    let q = x
        .checked_div(Decimal::from_int(unit), digits.map_or(2, |d| d as u32))
        .ok_or_else(|| too_large(call, &x.to_string()))?;
    let q = if digits.is_some() { q } else { q.trimmed() };
    let word = call.text_option("unit")?.unwrap_or(word);
    Ok(format!("{q}{word}"))
}

/// `{{permille 3.5}}` → 3.5‰: the value is already in per mille; `digits=` rounds.
fn permille(call: &Call<'_, '_>) -> Res<String> {
    let (_, written) = call.number(0)?;
    let text = fixed(&written, call.digits_option()?).ok_or_else(|| too_large(call, &written))?;
    Ok(format!("{text}\u{2030}"))
}

/// `{{year2 2005}}` → 05年: a year by its last two digits, as formal texts write a run of
/// years (05年至08年); a date gives its year; `suffix=""` drops the 年.
fn year2(call: &Call<'_, '_>) -> Res<String> {
    let y = call.year(0)?;
    let suffix = call.text_option("suffix")?.unwrap_or("年");
    Ok(format!("{:02}{suffix}", y.rem_euclid(100)))
}

/// `{{year_add Y N}}` → the year N years from Y, as a number (`{{year_add report.date -1}}` →
/// 2011, the year before the report's); Y may be a year or a date.
fn year_add(call: &Call<'_, '_>) -> Res<Decimal> {
    let y = call.year(0)?;
    let n = call.integer(1)?;
    Ok(Decimal::from_int(y.saturating_add(n)))
}

/// `{{year_rel Y}}` → Y named from the report's year (`report.date`, or `base=`): 今年, 去年,
/// 前年, 明年, else 2009年.
fn year_rel(call: &Call<'_, '_>) -> Res<String> {
    let y = call.year(0)?;
    let base = match call.h.hash_get("base").map(|p| p.value()) {
        Some(Json::Number(n)) => n.as_i64(),
        Some(Json::String(s)) => Date::parse(s).map(|d| i64::from(d.year)),
        _ => None,
    };
    let base = match base {
        Some(b) => b,
        None => match call.h.hash_get("base") {
            Some(p) => return Err(call.bad_option("base", texts::kind_year_or_date, p.value())),
            None => {
                let report = call
                    .report_date
                    .ok_or_else(|| call.fail(texts::no_report_date()))?;
                i64::from(report.year)
            }
        },
    };
    Ok(match y - base {
        0 => "今年".into(),
        -1 => "去年".into(),
        -2 => "前年".into(),
        1 => call.word("明年", "明年").into(),
        _ => format!("{y}年"),
    })
}

/// `{{sum LIST}}` → the exact sum of a list of numbers; `{{sum ROWS "field"}}` → the sum of
/// one field of a list of rows (tables); `{{sum A B C}}` → the sum of several numbers. An
/// empty list sums to 0; an item that is not a number (text, a missing field) is an error
/// naming the item. Integers stay integers; decimals keep the largest scale of the inputs.
fn sum(call: &Call<'_, '_>) -> Res<Decimal> {
    let mut total = Decimal::ZERO;
    for x in numbers(call)? {
        total = total
            .checked_add(x)
            .ok_or_else(|| too_large(call, &x.to_string()))?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approximations() {
        let cases: &[(u64, &str)] = &[
            (0, "0"),
            (7, "7"),
            (10, "10"),
            (12, "10多"),
            (19, "10多"),
            (40, "40"),
            (45, "40多"),
            (94, "90多"),
            (95, "近百"),
            (99, "近百"),
            (100, "100"),
            (101, "100多"),
            (123, "120多"),
            (960, "近千"),
            (1234, "1200多"),
            (9500, "近万"),
            (12345, "1.2万多"),
            (200000, "20万"),
            (960000, "近百万"),
            (123456789, "1.2亿多"),
        ];
        for &(n, want) in cases {
            assert_eq!(approx_text(n, Script::Hans), want, "{n}");
        }
        assert_eq!(approx_text(9600, Script::Hant), "近萬");
        assert_eq!(approx_text(12345, Script::Hant), "1.2萬多");
    }

    #[test]
    fn runs_of_years() {
        assert_eq!(
            latest_run(&[2005, 2002, 1999, 2003, 2004, 2004]),
            (2002, 2005)
        );
        assert_eq!(latest_run(&[2005, 2007, 2008]), (2007, 2008));
        assert_eq!(latest_run(&[2012]), (2012, 2012));
    }

    #[test]
    fn rounding_is_half_up_on_written_digits() {
        let cases: &[(&str, Option<usize>, Option<&str>)] = &[
            ("1.25", Some(1), Some("1.3")),
            ("2.675", Some(2), Some("2.68")),
            ("7.46", Some(1), Some("7.5")),
            ("9.96", Some(1), Some("10.0")),
            ("99.5", Some(0), Some("100")),
            ("-0.04", Some(1), Some("0.0")),
            ("-3", Some(2), Some("-3.00")),
            ("12", None, Some("12")),
            ("1e20", Some(1), None),
        ];
        for &(written, digits, want) in cases {
            assert_eq!(
                fixed(written, digits).as_deref(),
                want,
                "{written} {digits:?}"
            );
        }
    }

    #[test]
    fn decimals_are_exact() {
        let sum = |xs: &[&str]| {
            xs.iter()
                .try_fold(Decimal::ZERO, |acc, x| acc.checked_add(Decimal::parse(x)?))
        };
        let cases: &[(&[&str], Option<&str>)] = &[
            (&[], Some("0")),
            (&["0.1", "0.2"], Some("0.3")),
            (&["4398", "1905"], Some("6303")),
            (&["1.10", "2"], Some("3.10")),
            (&["-3", "1.5"], Some("-1.5")),
            (&["-0.25", "0.05"], Some("-0.20")),
            (&["41.0"], Some("41.0")),
            (&["1.5e3", "1"], Some("1501")),
            (&["2.5E-2"], Some("0.025")),
            (
                &["99999999999999999999", "1"],
                Some("100000000000000000000"),
            ),
            (&["1e300"], None),
            (&["abc"], None),
            (&["-"], None),
        ];
        for &(xs, want) in cases {
            assert_eq!(sum(xs).map(|d| d.to_string()).as_deref(), want, "{xs:?}");
        }
        assert_eq!(Decimal::from_int(-7).to_string(), "-7");
        let json = Decimal::parse("0.30").map(Decimal::to_json);
        assert_eq!(json.as_ref().and_then(Json::as_f64), Some(0.3));
    }

    #[test]
    fn sum_in_templates() {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        register(&mut hb);
        let data = serde_json::json!({
            "parts": [4398, 1905, -3],
            "rows": [{"n": 1.10, "t": "x"}, {"n": 2}, {"n": 0.2}],
            "empty": [],
            "a": 0.1, "b": 0.2,
        });
        let ok = |t: &str| crate::provenance::strip(&hb.render_template(t, &data).unwrap());
        assert_eq!(ok("{{sum parts}}"), "6300");
        assert_eq!(ok("{{sum rows \"n\"}}"), "3.3");
        assert_eq!(ok("{{sum empty}}"), "0");
        assert_eq!(ok("{{sum a b}}"), "0.3");
        assert_eq!(ok("{{percent (sum a b)}}"), "0.3%");
        assert_eq!(ok("{{thousands (sum parts)}}"), "6,300");
        let err = hb.render_template("{{sum rows \"t\"}}", &data).unwrap_err();
        let msg = helper_error(&err)
            .map(|h| h.message.en.clone())
            .unwrap_or_default();
        assert!(msg.contains("rows[0].t must be a number"), "{msg}");
        let err = hb.render_template("{{sum rows \"m\"}}", &data).unwrap_err();
        let msg = helper_error(&err)
            .map(|h| h.message.en.clone())
            .unwrap_or_default();
        assert!(msg.contains("rows[0].m is missing"), "{msg}");
        let err = hb.render_template("{{sum rows}}", &data).unwrap_err();
        let msg = helper_error(&err)
            .map(|h| h.message.en.clone())
            .unwrap_or_default();
        assert!(msg.contains("rows[0] must be a number"), "{msg}");
    }

    #[test]
    fn thousands_groups() {
        assert_eq!(group_thousands("1234567").as_deref(), Some("1,234,567"));
        assert_eq!(group_thousands("-1234.5").as_deref(), Some("-1,234.5"));
        assert_eq!(group_thousands("999").as_deref(), Some("999"));
        assert_eq!(group_thousands("1e20"), None);
    }
}
