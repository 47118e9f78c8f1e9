//! `huibao fonts`: role → family → file → coverage of the report's characters.

use std::process::ExitCode;

use super::args::{pick_lang, FontsArgs};
use super::{report, FAILURE};
use crate::diag::Lang;
use crate::fonts::families::{self, Class};
use crate::fonts::{role_label, FontOptions, FontSet, RoleReport, Source};
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
                Lang::Hans | Lang::Hant => chinese(&rows),
            });
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&d.into(), lang);
            ExitCode::from(FAILURE)
        }
    }
}

/// The listing in Chinese with English glosses: role → family → file (or "built-in") → coverage
/// of the report's characters, the characters other faces supply, a role drawn with a face of
/// another class, a closing line naming the roles drawn with a stand-in, and how to get a 仿宋.
fn chinese(rows: &[RoleReport]) -> String {
    let mut out = String::new();
    for r in rows {
        let role = r
            .role
            .map_or_else(|| "数字/西文 latin".to_string(), role_label);
        let file = r
            .file
            .clone()
            .unwrap_or_else(|| "内置 built-in".to_string());
        let cover = r
            .coverage
            .map_or_else(String::new, |(have, all)| format!("  {have}/{all}"));
        let how = match r.source {
            Source::Explicit => "指定 explicit",
            Source::Official => "正式 official",
            Source::Substitute => "替代 substitute",
            Source::Builtin => "内置替代 built-in stand-in",
        };
        let other_class = if r.drawn != r.class {
            format!(
                "  ({}，以{}字体代替 / drawn with a {} face)",
                families::class_label(r.class),
                families::class_label(r.drawn),
                families::class_label(r.drawn)
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{role}: {} → {} → {file} [{how}]{cover}{other_class}\n",
            r.requested, r.family
        ));
        for (by, list) in &r.supplied_by {
            let list: String = list.iter().collect();
            out.push_str(&format!("    另由 from {by}: {list}\n"));
        }
    }
    let stand_ins: Vec<String> = rows
        .iter()
        .filter(|r| r.is_stand_in())
        .map(|r| {
            r.role
                .map_or_else(|| "数字/西文 latin".to_string(), role_label)
        })
        .collect();
    if !stand_ins.is_empty() {
        out.push_str(&format!(
            "替代字体 stand-ins (official font not installed): {}\n",
            stand_ins.join(", ")
        ));
    }
    let fangsong_missing = rows
        .iter()
        .any(|r| r.class == Class::FangSong && r.drawn != Class::FangSong);
    if fangsong_missing {
        out.push_str(FANGSONG_ADVICE);
    }
    out
}

/// What `huibao fonts` says when 仿宋 roles are drawn with a face of another class.
const FANGSONG_ADVICE: &str = "\
未找到仿宋字体，正文以宋体代替。可安装正式字体仿宋_GB2312，或安装免费的朱雀仿宋（Zhuque Fangsong，\
SIL OFL 1.1，https://github.com/TrionesType/zhuque）到 ~/.local/share/fonts，或在数据文件中写 \
[fonts.body] file = \"…/ZhuqueFangsong.ttf\"。\n\
No 仿宋 font found: the body is drawn with a 宋体 face. Install the official 仿宋_GB2312, or the \
free Zhuque Fangsong (朱雀仿宋, SIL OFL 1.1, https://github.com/TrionesType/zhuque) into \
~/.local/share/fonts, or set [fonts.body] file = \"…/ZhuqueFangsong.ttf\" in the data file.\n";

/// The listing of [`chinese`] with English words only.
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
