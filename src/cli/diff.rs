//! `huibao diff`: changed facts and the sentences they change between two data versions.

use std::process::ExitCode;

use super::args::{pick_lang, DiffArgs, DiffFormat, ScriptArg};
use super::{report, FAILURE};
use crate::diag::Lang;
use crate::diff::{fact_changes, fact_map, paragraphs, render_text, sentences_of, text_diff};
use crate::render::{build, Built, Request};

/// Runs `huibao diff OLD NEW`.
pub fn run(args: &DiffArgs) -> ExitCode {
    let script = args.script.map(|s| match s {
        ScriptArg::Hans => crate::zh::Script::Hans,
        ScriptArg::Hant => crate::zh::Script::Hant,
    });
    let request = |file: &std::path::Path| Request {
        data_files: vec![file.to_path_buf()],
        template: args.template.clone(),
        script,
        ..Request::default()
    };
    let hant = script == Some(crate::zh::Script::Hant);
    let (old, new) = match (build(&request(&args.old)), build(&request(&args.new))) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            let lang = pick_lang(args.lang, hant);
            for r in [o, n] {
                if let Err(d) = r {
                    report(&d, lang);
                }
            }
            return ExitCode::from(FAILURE);
        }
    };
    let lang = pick_lang(args.lang, new.script == crate::zh::Script::Hant);
    print!("{}", describe(&old, &new, lang));
    match args.format {
        DiffFormat::Txt => ExitCode::SUCCESS,
        DiffFormat::Docx => write_redline(args, &old, &new, lang),
    }
}

/// The printed report: changed facts (each with the sentences that show it), then the
/// sentence-level diff.
fn describe(old: &Built, new: &Built, lang: Lang) -> String {
    let facts = fact_changes(&fact_map(&old.data), &fact_map(&new.data));
    let diff = text_diff(&paragraphs(&old.doc), &paragraphs(&new.doc));
    let (facts_head, none, sent_head) = match lang {
        Lang::En => ("Changed facts:", "  (none)", "Changed sentences:"),
        Lang::Hant => ("變動的數據：", "  （無）", "變動的句子："),
        Lang::Hans => ("变动的数据：", "  （无）", "变动的句子："),
    };
    let mut out = format!("{facts_head}\n");
    if facts.is_empty() {
        out.push_str(none);
        out.push('\n');
    }
    for f in &facts {
        out.push_str(&format!("  {f}\n"));
        for (o, n) in sentences_of(f, &diff) {
            out.push_str(&format!("    - {o}\n    + {n}\n"));
        }
    }
    out.push_str(&format!("{sent_head}\n"));
    let text = render_text(&diff);
    if text.is_empty() {
        out.push_str(none);
        out.push('\n');
    }
    out.push_str(&text);
    out
}

/// Writes the redline DOCX.
fn write_redline(_args: &DiffArgs, _old: &Built, _new: &Built, lang: Lang) -> ExitCode {
    report(
        &crate::diag::Diagnostic::error(
            "E-REDLINE",
            "此版本尚无 DOCX 输出，无法生成修订稿；请用 -f txt",
            "this build has no DOCX backend yet, so no redline: use -f txt",
        )
        .into(),
        lang,
    );
    ExitCode::from(FAILURE)
}
