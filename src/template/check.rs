//! The static check of a template against the facts, before anything renders: every fact an
//! expression, block or helper argument names is looked up (inside `#each`/`#with` scopes and
//! partials too), so a missing fact, a fact of a kind prose cannot hold, or a block nested too
//! deep is reported at its template line.

use super::*;
use crate::diag::Code;

/// A context the walker resolves paths in: the values it may stand for (every element of a
/// list inside `#each`), with the fact path of each.
#[derive(Clone)]
pub(super) struct Scope<'a> {
    pub(super) values: Vec<(String, &'a Json)>,
    pub(super) item_name: Option<String>,
    pub(super) index_name: Option<String>,
}

pub(super) struct Walker<'a> {
    pub(super) set: &'a TemplateSet,
    pub(super) diags: Diagnostics,
    pub(super) used: BTreeSet<String>,
    pub(super) partial_stack: Vec<String>,
    pub(super) optional: BTreeSet<String>,
    pub(super) seen: BTreeSet<(String, String)>,
    pub(super) guards: Vec<String>,
    /// How deep the walk is in blocks and partials.
    pub(super) depth: usize,
    /// The depth error was reported (once is enough).
    pub(super) too_deep: bool,
}

/// The deepest nesting of blocks and partials a template may have: the walk, the parser and the
/// renderer all recurse along it.
pub(super) const MAX_RENDER_DEPTH: usize = 100;

/// What the parser cannot be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TooMuch {
    /// Blocks or subexpressions nested deeper than [`MAX_RENDER_DEPTH`].
    Depth,
    /// More tags at this point of the file than [`PARSE_BUDGET`] allows.
    Tags,
}

/// How much parsing work one template file may need: Handlebars' parser counts lines from
/// the file's start for every tag, so its cost is the number of tags times their offsets.
/// 2 × 10⁸ is about 2 s; a report's template is a few kilobytes with a few hundred tags.
pub(super) const PARSE_BUDGET: u64 = 200_000_000;

/// Where in `text` the parser would be given too much: blocks (`{{#…}}`, `{{^…}}`, each
/// `{{else if …}}` of a chain) or subexpressions `(…)` nesting deeper than
/// [`MAX_RENDER_DEPTH`] (the parser recurses along the nesting), or tags past the
/// [`PARSE_BUDGET`]. The byte offset of the tag. Checked before the parser sees the text.
pub(super) fn too_much(text: &str) -> Option<(usize, TooMuch)> {
    let mut tags = 0u64;
    let mut depth = 0usize;
    // For each open block, how many `else if` it chains (each nests one level more).
    let mut chains: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(pos) = text[i..].find("{{") {
        let start = i + pos;
        tags += 1;
        if tags.saturating_mul(start as u64) > PARSE_BUDGET {
            return Some((start, TooMuch::Tags));
        }
        let end = text[start + 2..]
            .find("}}")
            .map_or(text.len(), |e| start + 2 + e);
        let tag = text[start + 2..end]
            .trim_start_matches(['{', '~'])
            .trim_start();
        if tag.starts_with('#') || tag.starts_with('^') {
            depth += 1;
            chains.push(0);
        } else if tag.starts_with('/') {
            depth = depth.saturating_sub(1 + chains.pop().unwrap_or(0));
        } else if let Some(rest) = tag.strip_prefix("else") {
            if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() {
                depth += 1;
                if let Some(c) = chains.last_mut() {
                    *c += 1;
                }
            }
        }
        let mut parens = 0usize;
        for c in text[start..end].bytes() {
            match c {
                b'(' => parens += 1,
                b')' => parens = parens.saturating_sub(1),
                _ => {}
            }
            if parens > MAX_RENDER_DEPTH {
                return Some((start, TooMuch::Depth));
            }
        }
        if depth > MAX_RENDER_DEPTH {
            return Some((start, TooMuch::Depth));
        }
        i = end.max(start + 2);
    }
    None
}

/// How a path is used: printed or passed to a helper (must exist), tested by `#if` (may be
/// missing when declared optional), iterated by `#each`, entered by `#with`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    Value,
    /// Printed into the prose by `{{x}}`.
    Print,
    Condition,
    Each,
    With,
}

impl<'a> Walker<'a> {
    pub(super) fn walk_named(
        &mut self,
        name: &str,
        scopes: &[Scope<'a>],
        at: Option<(&str, usize, usize)>,
    ) {
        let Some(file) = self.set.file(name) else {
            let mut d = Diagnostic::error(Code::Partial, texts::partial_not_found(name));
            if let Some((from, line, col)) = at {
                if let Some(loc) = self.set.at(from, line, col) {
                    d = d.at(loc);
                }
            }
            let names = self.set.files.iter().map(|f| &f.name);
            self.diags
                .push(d.help(texts::template_files(Text::names(names))));
            return;
        };
        if self.partial_stack.iter().any(|n| n == name) {
            let chain = format!("{} → {name}", self.partial_stack.join(" → "));
            let mut d = Diagnostic::error(Code::PartialLoop, texts::partial_loop(chain));
            if let Some((from, line, col)) = at {
                if let Some(loc) = self.set.at(from, line, col) {
                    d = d.at(loc);
                }
            }
            self.diags.push(d);
            return;
        }
        let Some(tpl) = self.set.registry.get_template(name) else {
            return;
        };
        self.partial_stack.push(name.to_string());
        let file_name = file.name.clone();
        self.walk(tpl, &file_name, scopes);
        self.partial_stack.pop();
    }

    fn walk(&mut self, tpl: &'a Template, file: &str, scopes: &[Scope<'a>]) {
        // Blocks inside blocks inside partials: deeper than this, rendering would exhaust the
        // stack.
        if self.depth >= MAX_RENDER_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                let (line, col) = tpl.mapping.first().map_or((1, 1), |m| (m.0, m.1));
                self.push_at(
                    Diagnostic::error(
                        Code::TemplateDepth,
                        texts::partials_too_deep(MAX_RENDER_DEPTH, self.partial_stack.join(" → ")),
                    ),
                    (file, line, col),
                );
            }
            return;
        }
        self.depth += 1;
        self.walk_elements(tpl, file, scopes);
        self.depth -= 1;
    }

    fn walk_elements(&mut self, tpl: &'a Template, file: &str, scopes: &[Scope<'a>]) {
        for (i, el) in tpl.elements.iter().enumerate() {
            let (line, col) = tpl.mapping.get(i).map_or((1, 1), |m| (m.0, m.1));
            let at = (file, line, col);
            match el {
                TemplateElement::Expression(ht) | TemplateElement::HtmlExpression(ht) => {
                    let name = ht.name.as_name().unwrap_or("");
                    let is_helper = matches!(ht.name, Parameter::Name(_))
                        && self.set.helper_names.contains(name);
                    if is_helper {
                        self.params(name, &ht.params, &ht.hash, scopes, at);
                    } else if !ht.params.is_empty() || !ht.hash.is_empty() {
                        self.unknown_helper(name, at);
                    } else {
                        self.param(&ht.name, Use::Print, scopes, at);
                    }
                }
                TemplateElement::HelperBlock(ht) => {
                    let name = ht.name.as_name().unwrap_or("");
                    match name {
                        "if" | "unless" => {
                            if let Some(p) = ht.params.first() {
                                self.param(p, Use::Condition, scopes, at);
                            }
                            // Inside `{{#if x}}`, x is present even when it is an optional
                            // fact the data lacks.
                            let guard = match ht.params.first() {
                                Some(Parameter::Path(_)) | Some(Parameter::Name(_))
                                    if name == "if" =>
                                {
                                    ht.params[0].as_name().map(str::to_string)
                                }
                                _ => None,
                            };
                            let pushed = guard.is_some();
                            self.guards.extend(guard);
                            self.inner(ht.template.as_ref(), file, scopes);
                            if pushed {
                                self.guards.pop();
                            }
                            self.inner(ht.inverse.as_ref(), file, scopes);
                        }
                        "each" | "with" => {
                            let kind = if name == "each" { Use::Each } else { Use::With };
                            let inner_scope = ht
                                .params
                                .first()
                                .and_then(|p| self.param(p, kind, scopes, at));
                            if let Some(mut s) = inner_scope {
                                match &ht.block_param {
                                    Some(BlockParam::Single(p)) => {
                                        s.item_name = p.as_name().map(str::to_string)
                                    }
                                    Some(BlockParam::Pair((a, b))) => {
                                        s.item_name = a.as_name().map(str::to_string);
                                        s.index_name = b.as_name().map(str::to_string);
                                    }
                                    _ => {}
                                }
                                let mut inner = scopes.to_vec();
                                inner.push(s);
                                self.inner(ht.template.as_ref(), file, &inner);
                            }
                            self.inner(ht.inverse.as_ref(), file, scopes);
                        }
                        _ if self.set.helper_names.contains(name) => {
                            self.params(name, &ht.params, &ht.hash, scopes, at);
                            self.inner(ht.template.as_ref(), file, scopes);
                            self.inner(ht.inverse.as_ref(), file, scopes);
                        }
                        _ => self.unknown_helper(name, at),
                    }
                }
                TemplateElement::PartialExpression(dt) | TemplateElement::PartialBlock(dt) => {
                    let literal = match &dt.name {
                        Parameter::Literal(Json::String(s)) => Some(s.as_str()),
                        Parameter::Name(_) | Parameter::Path(_) => dt.name.as_name(),
                        _ => None,
                    };
                    match literal {
                        Some(name) => {
                            let name = name.to_string();
                            self.walk_named(&name, scopes, Some(at));
                        }
                        None => self.push_at(
                            Diagnostic::error(Code::PartialDynamic, texts::partial_dynamic()),
                            at,
                        ),
                    }
                }
                _ => {}
            }
        }
    }

    fn inner(&mut self, t: Option<&'a Template>, file: &str, scopes: &[Scope<'a>]) {
        if let Some(t) = t {
            self.walk(t, file, scopes);
        }
    }

    fn unknown_helper(&mut self, name: &str, at: (&str, usize, usize)) {
        let d = Diagnostic::error(Code::Helper, texts::helper_unknown(name)).help(
            texts::helpers_available(Text::names(&self.set.helper_names)),
        );
        self.push_at(d, at);
    }

    fn push_at(&mut self, mut d: Diagnostic, (file, line, col): (&str, usize, usize)) {
        if let Some(loc) = self.set.at(file, line, col) {
            d = d.at(loc);
        }
        let key = (d.code.to_string(), d.render(crate::diag::Lang::En));
        if self.seen.insert(key) {
            self.diags.push(d);
        }
    }

    fn params(
        &mut self,
        helper: &str,
        params: &'a [Parameter],
        hash: &'a std::collections::HashMap<String, Parameter>,
        scopes: &[Scope<'a>],
        at: (&str, usize, usize),
    ) {
        for (i, p) in params.iter().enumerate() {
            let Some(found) = self.param(p, Use::Value, scopes, at) else {
                continue;
            };
            for (path, v) in found.values {
                if let Some(expected) = argument_mismatch(helper, i, v) {
                    let d = Diagnostic::error(
                        Code::Type,
                        texts::argument_type(helper, i + 1, &path, expected.text()),
                    )
                    .fact(path);
                    self.push_at(d, at);
                }
            }
        }
        let sorted: BTreeMap<_, _> = hash.iter().collect();
        for p in sorted.values() {
            self.param(p, Use::Value, scopes, at);
        }
    }

    /// Checks one parameter; for `#each`/`#with` returns the scope its block runs in.
    fn param(
        &mut self,
        p: &'a Parameter,
        kind: Use,
        scopes: &[Scope<'a>],
        at: (&str, usize, usize),
    ) -> Option<Scope<'a>> {
        match p {
            Parameter::Subexpression(sub) => {
                let name = sub.name();
                if !self.set.helper_names.contains(name) {
                    self.unknown_helper(name, at);
                }
                if let Some(ps) = sub.params() {
                    for p in ps {
                        self.param(p, Use::Value, scopes, at);
                    }
                }
                None
            }
            Parameter::Name(_) | Parameter::Path(_) => {
                let raw = p.as_name().unwrap_or("");
                self.resolve(raw, kind, scopes, at)
            }
            _ => None,
        }
    }

    fn resolve(
        &mut self,
        raw: &str,
        kind: Use,
        scopes: &[Scope<'a>],
        at: (&str, usize, usize),
    ) -> Option<Scope<'a>> {
        if raw.starts_with('@') && !raw.starts_with("@root") {
            return None;
        }
        let (mut level, mut rest) = (scopes.len().checked_sub(1)?, raw);
        if let Some(r) = rest.strip_prefix("@root") {
            level = 0;
            rest = r.trim_start_matches(['.', '/']);
        }
        while let Some(r) = rest.strip_prefix("../") {
            level = level.saturating_sub(1);
            rest = r;
        }
        rest = rest
            .strip_prefix("this")
            .map_or(rest, |r| r.trim_start_matches(['.', '/']));
        rest = rest.strip_prefix("./").unwrap_or(rest);
        let mut segs: Vec<String> = split_hbs_path(rest);
        // Block parameters (`as |item i|`) name a scope's element or index.
        if let Some(first) = segs.first() {
            for (i, s) in scopes.iter().enumerate().rev() {
                if s.index_name.as_deref() == Some(first) {
                    return None;
                }
                if s.item_name.as_deref() == Some(first) {
                    level = i;
                    segs.remove(0);
                    break;
                }
            }
        }
        let scope = &scopes[level];
        let mut found = Vec::new();
        let mut missing: Option<String> = None;
        for (prefix, value) in &scope.values {
            let (path, v) = walk_json(prefix, value, &segs);
            self.used.insert(path.clone());
            match v {
                Some(v) => found.push((path, v)),
                None => {
                    missing.get_or_insert(path);
                }
            }
        }
        if let Some(path) = missing {
            let declared = self.optional.contains(&path)
                || self.optional.contains(&strip_indexes(&path))
                || self.optional.contains(&segs.join("."));
            let guarded = self.guards.iter().any(|g| g == raw);
            let allowed = declared && (guarded || matches!(kind, Use::Condition | Use::With));
            if !allowed {
                let message = if declared {
                    texts::optional_fact_missing(&path)
                } else {
                    texts::fact_missing(&path)
                };
                let help = if kind == Use::Condition {
                    texts::fact_missing_optional_help()
                } else {
                    texts::fact_missing_help()
                };
                let d = Diagnostic::error(Code::FactMissing, message)
                    .fact(path)
                    .help(help);
                self.push_at(d, at);
            }
        }
        // An empty text in a sentence leaves a gap ("收入达到元").
        if matches!(kind, Use::Value | Use::Print) {
            for (path, v) in &found {
                if v.as_str() == Some("") {
                    let d = Diagnostic::warning(Code::WarnEmptyFact, texts::fact_empty(path))
                        .fact(path.clone())
                        .help(texts::fact_empty_help());
                    self.push_at(d, at);
                }
            }
        }
        match kind {
            Use::Each => {
                let mut values = Vec::new();
                for (path, v) in found {
                    match v {
                        Json::Array(items) => values.extend(
                            items
                                .iter()
                                .enumerate()
                                .map(|(i, item)| (format!("{path}[{i}]"), item)),
                        ),
                        Json::Object(map) => {
                            values.extend(map.iter().map(|(k, item)| (join_path(&path, k), item)))
                        }
                        _ => {
                            let d = Diagnostic::error(Code::Type, texts::each_not_list(&path))
                                .fact(path);
                            self.push_at(d, at);
                        }
                    }
                }
                Some(Scope {
                    values,
                    item_name: None,
                    index_name: None,
                })
            }
            Use::Print => {
                for (path, v) in &found {
                    if let Some(kind) = unprintable(v) {
                        let d =
                            Diagnostic::error(Code::FactKind, texts::fact_unprintable(path, kind))
                                .fact(path.clone())
                                .help(texts::fact_unprintable_help());
                        self.push_at(d, at);
                    }
                }
                None
            }
            Use::With | Use::Value => Some(Scope {
                values: found,
                item_name: None,
                index_name: None,
            }),
            Use::Condition => None,
        }
    }
}

/// The kind of a value prose cannot print as it is — a table, a list, a yes/no, a missing
/// number (NaN) or a number written with an exponent; `None` for text and plain numbers.
pub(super) fn unprintable(v: &Json) -> Option<Text> {
    match v {
        Json::Object(_) => Some(texts::a_table()),
        Json::Array(_) => Some(texts::a_list()),
        Json::Bool(_) => Some(texts::a_flag()),
        Json::Null => Some(texts::a_null()),
        Json::Number(n) => {
            let f = n.as_f64().unwrap_or(0.0);
            let exponent = n.is_f64() && f != 0.0 && !(1e-6..1e15).contains(&f.abs());
            exponent.then(texts::a_huge_number)
        }
        Json::String(_) => None,
    }
}

/// What a huibao helper's argument must be, as far as the static check knows.
#[derive(Clone, Copy)]
pub(super) enum Expected {
    List,
    Number,
    Date,
}

impl Expected {
    /// The kind's name after "must be".
    fn text(self) -> Text {
        match self {
            Expected::List => crate::diag::texts::common::kind_list(),
            Expected::Number => crate::diag::texts::common::kind_number(),
            Expected::Date => texts::kind_date(),
        }
    }
}

/// What a huibao helper's argument `index` must be, when `value` is not that. Handlebars' own
/// helpers take anything.
pub(super) fn argument_mismatch(helper: &str, index: usize, value: &Json) -> Option<Expected> {
    let expected = match (helper, index) {
        ("count", _) => Expected::List,
        ("join" | "enumerate" | "streak" | "streak_range", 0) => Expected::List,
        ("cn" | "year_cn" | "thousands" | "percent" | "change" | "approx", 0) => Expected::Number,
        ("date" | "weekday", 0) => Expected::Date,
        _ => return None,
    };
    let ok = match expected {
        Expected::List => value.is_array(),
        Expected::Number => value.is_number(),
        Expected::Date => value
            .as_str()
            .is_some_and(|s| crate::zh::date::Date::parse(s).is_some()),
    };
    (!ok).then_some(expected)
}

pub(super) fn join_path(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

pub(super) fn strip_indexes(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

pub(super) fn split_hbs_path(raw: &str) -> Vec<String> {
    raw.split(['.', '/'])
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_matches(['[', ']']).to_string())
        .collect()
}

pub(super) fn walk_json<'v>(
    prefix: &str,
    mut v: &'v Json,
    segs: &[String],
) -> (String, Option<&'v Json>) {
    let mut path = prefix.to_string();
    for seg in segs {
        let next = match v {
            Json::Object(map) => {
                path = join_path(&path, seg);
                map.get(seg)
            }
            Json::Array(a) => {
                path = format!("{path}[{seg}]");
                seg.parse::<usize>().ok().and_then(|i| a.get(i))
            }
            _ => {
                path = join_path(&path, seg);
                None
            }
        };
        match next {
            Some(n) => v = n,
            None => return (path, None),
        }
    }
    (path, Some(v))
}
