//! Where a piece of the rendered text came from — a fact or a template line — read from the
//! provenance markers the render left in it (see [`crate::provenance`]).

use super::*;

/// Where a line of the rendered text came from, read from its provenance markers: the fact
/// that gave the line most of its text, else the template text it starts with.
pub(super) fn locate_line(
    line: &str,
    facts: &[Option<String>],
    data: &Data,
    template: &TemplateSet,
) -> Option<(Location, Option<String>)> {
    let traced = crate::provenance::origins(line);
    let fact_path = |t: &crate::provenance::Traced| {
        t.fact
            .and_then(|(i, _)| facts.get(i))
            .and_then(Option::as_deref)
    };
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for t in traced.iter().filter(|t| !t.ch.is_whitespace()) {
        if let Some(p) = fact_path(t) {
            match counts.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => *n += 1,
                None => counts.push((p, 1)),
            }
        }
    }
    let best = counts.iter().rev().max_by_key(|(_, n)| *n).map(|(p, _)| *p);
    if let Some(path) = best {
        if let Some(loc) = data.location(path) {
            return Some((loc, Some(path.to_string())));
        }
    }
    // The template text the line starts with; underlined to the end of its source line.
    let first = traced
        .iter()
        .find(|t| !t.ch.is_whitespace() && fact_path(t).is_none())?;
    let mut loc = template_location(template, first.template?)?;
    loc.len = loc
        .source_line
        .as_deref()
        .map_or(1, |s| s.chars().count().saturating_sub(loc.col - 1).max(1));
    Some((loc, None))
}

/// The template file, line and column of template point `index`, `offset` characters on.
pub(super) fn template_location(
    template: &TemplateSet,
    (index, offset): (usize, usize),
) -> Option<Location> {
    let p = template.points.get(index)?;
    let f = template.files.get(p.file)?;
    Some(Location::from_line_col(
        &f.path,
        &f.text,
        p.line,
        p.col + offset,
    ))
}

/// Finds where a character in the document came from, by the provenance markers of the
/// rendered text (`traced`, [`crate::provenance::origins`] of `built.rendered.text`, read once
/// for all the characters looked up): the fact whose value holds its first occurrence, else
/// the template line and column.
pub fn locate_char(
    built: &Built,
    traced: &[crate::provenance::Traced],
    ch: char,
) -> Option<(Option<String>, Location)> {
    let t = traced.iter().find(|t| t.ch == ch)?;
    let fact = t
        .fact
        .and_then(|(i, _)| built.rendered.facts.get(i))
        .and_then(Option::as_deref);
    if let Some(path) = fact {
        if let Some(mut loc) = built.data.location(path) {
            // At the character itself when the value is written as printed (a one-line
            // string without escapes up to it); else at the value.
            let offset = t.fact.map_or(0, |(_, o)| o);
            let col = loc.col + 1 + offset;
            let here = loc
                .source_line
                .as_deref()
                .and_then(|l| l.chars().nth(col - 1));
            if here == Some(ch) && offset + 2 <= loc.len {
                loc.col = col;
                loc.len = 1;
            }
            return Some((Some(path.to_string()), loc));
        }
    }
    template_location(&built.template, t.template?).map(|loc| (None, loc))
}
