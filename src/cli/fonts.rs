//! `huibao fonts`: role → family → file → coverage of the report's characters.

use std::process::ExitCode;

use super::args::{pick_lang, FontsArgs};
use super::{report, FAILURE};
use crate::diag::Lang;
use crate::fonts::{FontOptions, FontSet, RoleReport, Source};
use crate::model::RunRole;
use crate::render::{build, Request};
use crate::style::Style;

/// Runs `huibao fonts`.
pub fn run(args: &FontsArgs) -> ExitCode {
    let opts = FontOptions {
        builtin_only: args.builtin_fonts,
    };
    let hant = args.script.is_some_and(|s| s.script().is_traditional());
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
    let lang = pick_lang(args.lang, script.is_traditional());
    match FontSet::load(&style, script, &opts) {
        Ok(set) => {
            let rows = set.report(built.as_ref().map(|b| &b.doc));
            super::say(match lang {
                Lang::En => english(&rows),
                Lang::Hans | Lang::Hant => set.describe(built.as_ref().map(|b| &b.doc)),
            });
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&d.into(), lang);
            ExitCode::from(FAILURE)
        }
    }
}

/// The listing of [`FontSet::describe`] with English words only.
fn english(rows: &[RoleReport]) -> String {
    let role = |r: &RoleReport| match r.role {
        None => "latin".to_string(),
        Some(RunRole::Title) => "title".into(),
        Some(RunRole::Subtitle) => "subtitle".into(),
        Some(RunRole::Body) => "body".into(),
        Some(RunRole::Heading(n)) => format!("heading {n}"),
        Some(RunRole::TableCell) => "table".into(),
        Some(RunRole::TableHeader) => "table header".into(),
        Some(RunRole::PageNumber) => "page number".into(),
        Some(RunRole::Masthead) => "masthead".into(),
    };
    let mut out = String::new();
    for r in rows {
        let how = match r.source {
            Source::Explicit => "explicit",
            Source::Official => "official",
            Source::Substitute => "substitute",
            Source::Builtin => "built-in stand-in",
        };
        let cover = r
            .coverage
            .map_or_else(String::new, |(have, all)| format!("  {have}/{all}"));
        out.push_str(&format!(
            "{}: {} → {} → {} [{how}]{cover}\n",
            role(r),
            r.requested,
            r.family,
            r.file.as_deref().unwrap_or("built-in"),
        ));
    }
    let stand_ins: Vec<String> = rows.iter().filter(|r| r.is_stand_in()).map(role).collect();
    if !stand_ins.is_empty() {
        out.push_str(&format!(
            "stand-ins (official font not installed): {}\n",
            stand_ins.join(", ")
        ));
    }
    out
}
