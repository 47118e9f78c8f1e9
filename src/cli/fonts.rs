//! `huibao fonts`: role → family → file → coverage of the report's characters.

use std::process::ExitCode;

use super::args::{pick_lang, FontsArgs};
use super::{report, FAILURE};
use crate::diag::texts::cli as texts;
use crate::diag::{Lang, Text};
use crate::fonts::families::Class;
use crate::fonts::{FontOptions, FontSet, RoleReport, Source};
use crate::model::RunRole;
use crate::render::{build, Request};
use crate::style::Style;

/// Runs `huibao fonts`.
pub fn run(args: &FontsArgs) -> ExitCode {
    let opts = FontOptions {
        builtin_only: args.builtin_fonts,
    };
    // The named script, else the locale's (as the help is worded).
    let hant = args.script.map(|s| s.script().is_traditional());
    let built = if args.data.is_empty() {
        None
    } else {
        match build(&Request {
            data_files: args.data.clone(),
            ..Request::default()
        }) {
            Ok(b) => Some(b),
            Err(d) => {
                report(&d, pick_lang(args.lang, hant));
                return ExitCode::from(FAILURE);
            }
        }
    };
    let (style, script) = match &built {
        Some(b) => (b.style.clone(), b.script),
        None => (
            Style::default(),
            args.script.map(|s| s.script()).unwrap_or_default(),
        ),
    };
    let lang = match &built {
        Some(_) => pick_lang(args.lang, Some(script.is_traditional())),
        None => pick_lang(args.lang, hant),
    };
    match FontSet::load(&style, script, &opts) {
        Ok(set) => {
            let rows = set.report(built.as_ref().map(|b| &b.doc));
            super::say(listing(&rows, lang));
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&d.into(), lang);
            ExitCode::from(FAILURE)
        }
    }
}

/// The listing: role → family → file (or "built-in") → coverage of the report's characters,
/// the characters other faces supply, a role drawn with a face of another class, a closing line
/// naming the roles drawn with a stand-in, and how to get a 仿宋. In Chinese the words carry
/// English glosses.
fn listing(rows: &[RoleReport], lang: Lang) -> String {
    let mut out = String::new();
    for r in rows {
        let file = r
            .file
            .clone()
            .unwrap_or_else(|| texts::builtin_file().get(lang).to_string());
        let cover = r
            .coverage
            .map_or_else(String::new, |(have, all)| format!("  {have}/{all}"));
        let other_class = if r.drawn != r.class {
            let t = texts::drawn_with_class(class(r.class), class(r.drawn));
            format!("  {}", t.get(lang))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{}: {} → {} → {file} [{}]{cover}{other_class}\n",
            role(r.role).get(lang),
            r.requested,
            r.family,
            found(r.source).get(lang),
        ));
        for (by, list) in &r.supplied_by {
            let list: String = list.iter().collect();
            out.push_str(&format!("    {}\n", texts::supplied_by(by, list).get(lang)));
        }
    }
    // Between the roles of a line: they are named in Chinese and English (`标题 title, …`).
    let sep = Text::same(", ");
    let stand_ins: Vec<Text> = rows
        .iter()
        .filter(|r| r.is_stand_in())
        .map(|r| role(r.role))
        .collect();
    if !stand_ins.is_empty() {
        let roles = Text::join(&stand_ins, &sep);
        out.push_str(texts::stand_ins(roles).get(lang));
        out.push('\n');
    }
    // The 仿宋 roles drawn with another class of face, named as in the listing and by their
    // `[fonts.KEY]` tables.
    let song: Vec<RunRole> = rows
        .iter()
        .filter(|r| r.class == Class::FangSong && r.drawn != Class::FangSong)
        .filter_map(|r| r.role)
        .collect();
    if let Some(&first) = song.first() {
        let roles: Vec<Text> = song.iter().map(|&r| role(Some(r))).collect();
        let keys: Vec<Text> = song
            .iter()
            .map(|&r| Text::same(format!("[fonts.{}]", crate::typeset::role_key(r))))
            .collect();
        let first = crate::typeset::role_key(first);
        let advice =
            texts::fangsong_advice(Text::join(&roles, &sep), Text::join(&keys, &sep), first);
        out.push_str(advice.get(lang));
        out.push('\n');
    }
    out
}

/// The name of a role (`None`: the face of digits and Latin letters).
fn role(role: Option<RunRole>) -> Text {
    match role {
        None => texts::role_latin(),
        Some(r) => glossed(crate::fonts::role_name(r)),
    }
}

/// The name of a class of faces.
fn class(class: Class) -> Text {
    glossed(crate::fonts::families::class_name(class))
}

/// A name with its English gloss in the Chinese listing, once where the two are the same
/// (`Times`).
fn glossed(name: Text) -> Text {
    if name.hans == name.en {
        name
    } else {
        let gloss = name.en.clone();
        texts::glossed(name, gloss)
    }
}

/// How a role's face was found.
fn found(source: Source) -> Text {
    match source {
        Source::Explicit => texts::found_explicit(),
        Source::Official => texts::found_official(),
        Source::Substitute => texts::found_substitute(),
        Source::Builtin => texts::found_builtin(),
    }
}
