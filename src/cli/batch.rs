//! `huibao batch`: every meeting of a manifest rendered in parallel, with progress and a
//! summary table; exit 1 when any meeting failed.

use std::io::IsTerminal as _;
use std::process::ExitCode;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};
use unicode_width::UnicodeWidthStr as _;

use super::args::{pick_lang, BatchArgs};
use super::{report, FAILURE};
use crate::batch::{Manifest, Outcome};
use crate::diag::texts::cli as texts;
use crate::diag::{Lang, Text};
use crate::render::Engine;

/// Runs `huibao batch`.
pub fn run(args: &BatchArgs) -> ExitCode {
    let manifest = match Manifest::load(&args.manifest) {
        Ok(m) => m,
        Err(d) => {
            report(&d, pick_lang(args.lang, None));
            return ExitCode::from(FAILURE);
        }
    };
    let hant = manifest
        .jobs
        .first()
        .and_then(|j| j.request.script)
        .map(crate::zh::Script::is_traditional);
    let lang = pick_lang(args.lang, hant);
    let mut jobs: Vec<_> = manifest
        .jobs
        .into_iter()
        .enumerate()
        .filter(|(i, _)| args.shard.is_none_or(|s| s.takes(*i)))
        .map(|(_, j)| j)
        .collect();
    if let Some(f) = &args.formats {
        for j in &mut jobs {
            j.formats = f.0.clone();
        }
    }
    let total = jobs.len();
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = ProgressBar::new(total as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {msg}") {
            b.set_style(style);
        }
        b
    });
    let done = Mutex::new(0usize);
    let progress = |o: &Outcome| {
        let status = status_word(o).get(lang).to_string();
        match &bar {
            Some(b) => {
                b.set_message(o.name.clone());
                b.inc(1);
                if !o.ok() {
                    b.println(format!("{}: {status}", o.name));
                }
            }
            None => {
                let mut n = done.lock().unwrap_or_else(|e| e.into_inner());
                *n += 1;
                super::tell(format_args!("[{n}/{total}] {}: {status}", o.name));
            }
        }
    };
    let engine = Engine::new(
        crate::fonts::FontOptions {
            builtin_only: args.builtin_fonts,
        },
        args.allow_missing_glyphs,
    );
    let threads = args.jobs.unwrap_or(0);
    let outcomes = match crate::batch::run(&jobs, &engine, &args.out, threads, &progress) {
        Ok(o) => o,
        Err(d) => {
            report(&d, lang);
            return ExitCode::from(FAILURE);
        }
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    for o in &outcomes {
        let problems = if o.ok() { &o.warnings } else { &o.errors };
        if !problems.0.is_empty() {
            super::tell(format_args!("── {} ──", o.name));
            report(problems, lang);
        }
    }
    super::say(summary(&outcomes, lang));
    if outcomes.iter().all(Outcome::ok) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILURE)
    }
}

/// The status of a meeting: rendered or failed.
fn status_word(o: &Outcome) -> Text {
    if o.ok() {
        texts::meeting_ok()
    } else {
        texts::meeting_failed()
    }
}

/// The summary table: meeting, outputs, pages, status; then a count line.
fn summary(outcomes: &[Outcome], lang: Lang) -> String {
    let head = [
        texts::head_meeting(),
        texts::head_outputs(),
        texts::head_pages(),
        texts::head_status(),
    ]
    .map(|t| t.get(lang).to_string());
    let mut rows: Vec<[String; 4]> = vec![head];
    for o in outcomes {
        let outputs: Vec<String> = o
            .outputs
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        rows.push([
            o.name.clone(),
            if outputs.is_empty() {
                "—".into()
            } else {
                outputs.join(" ")
            },
            o.pages.map_or("—".into(), |p| p.to_string()),
            status_word(o).get(lang).into(),
        ]);
    }
    let widths: Vec<usize> = (0..4)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in &rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            line.push_str(cell);
            if c < 3 {
                line.push_str(&" ".repeat(widths[c] - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let failed = outcomes.iter().filter(|o| !o.ok()).count();
    let counts = texts::batch_counts(outcomes.len(), outcomes.len() - failed, failed);
    out.push_str(counts.get(lang));
    out.push('\n');
    out
}
