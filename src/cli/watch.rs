//! `huibao render --watch`: render, then re-render on every change of a file used.

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use super::args::RenderArgs;
use super::{report, FAILURE};
use crate::watch::{watch, WatchJob};

/// Runs `huibao render --watch` until interrupted (or `--watch-limit` rebuilds).
pub fn run(args: &RenderArgs) -> ExitCode {
    let request = args.input.request();
    let lang = args
        .input
        .lang(request.script.map(crate::zh::Script::is_traditional));
    let job = WatchJob {
        request,
        formats: args.formats.0.clone(),
        out_dir: args.out.clone(),
        limit: args.watch_limit,
        lang,
    };
    let stop = AtomicBool::new(false);
    let result = watch(
        &job,
        &args.input.engine(),
        &stop,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            report(&d, lang);
            ExitCode::from(FAILURE)
        }
    }
}
