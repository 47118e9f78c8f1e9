//! Watch mode: re-render a report whenever one of the files it was built from changes.
//!
//! The watcher observes the folders of the data files and template files (editors often save
//! by writing a new file and renaming it over the old one, which a watch on the file itself
//! would lose) and reacts only to changes of the files the last build used. Events arriving
//! within [`QUIET`] of each other count as one save. After each rebuild it prints the facts
//! that changed (path: old → new) and the outputs it rewrote. A build that fails — a file saved
//! half-way, a TOML syntax error — prints its errors and leaves the last good outputs alone;
//! the next save is tried again.

use crate::diag::Code;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diag::texts::cli as texts;
use crate::diag::{Diagnostic, Diagnostics, Lang};
use crate::diff::{fact_changes, fact_map};
use crate::render::{build, Engine, Format, Request};

/// How long the files must stay quiet before a burst of events is taken as one save.
pub const QUIET: Duration = Duration::from_millis(150);

/// What to watch and render.
#[derive(Debug, Clone)]
pub struct WatchJob {
    /// The report's inputs.
    pub request: Request,
    /// Formats to write.
    pub formats: Vec<Format>,
    /// Output folder.
    pub out_dir: PathBuf,
    /// Stop after this many rebuilds (the first render not counted); `None`: run until `stop`.
    pub limit: Option<usize>,
    /// Message language.
    pub lang: Lang,
}

/// The state kept between rebuilds.
struct Last {
    facts: Option<BTreeMap<String, String>>,
    files: BTreeSet<PathBuf>,
}

/// Renders once, then again on every change of a file it used, until `stop` is set or
/// `job.limit` rebuilds have run. Progress goes to `out`, problems to `err`. Returns `Err`
/// only when the file watcher cannot be started.
pub fn watch(
    job: &WatchJob,
    engine: &Engine,
    stop: &AtomicBool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Diagnostics> {
    let (tx, rx) = mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| Diagnostics::from(watch_error(e)))?;
    // Each watched folder with the identity it had when its watch was set: a folder renamed
    // away or deleted and made again is a new folder, whose watch must be set again.
    let mut watched_dirs: BTreeMap<PathBuf, Option<FolderId>> = BTreeMap::new();
    let mut last = Last {
        facts: None,
        files: job.request.data_files.iter().map(|f| absolute(f)).collect(),
    };
    let mut stamps = stamps_of(&last.files);
    rebuild(job, engine, &mut last, &[], out, err);
    add_stamps(&mut stamps, &last.files);
    let mut rebuilds = 0;
    loop {
        for dir in last.files.iter().filter_map(|f| f.parent()) {
            if !watched_dirs.contains_key(dir) && dir.is_dir() {
                watcher
                    .watch(dir, RecursiveMode::NonRecursive)
                    .map_err(|e| Diagnostics::from(watch_error(e)))?;
                watched_dirs.insert(dir.to_path_buf(), folder_id(dir));
            }
        }
        let _ = writeln!(out, "{}", texts::watching().get(job.lang));
        let _ = out.flush();
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        // Wait for a relevant event, then for the burst to settle.
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            let timeout = if changed.is_empty() {
                Duration::from_millis(100)
            } else {
                QUIET
            };
            match rx.recv_timeout(timeout) {
                Ok(Ok(event)) => {
                    // A watched folder itself moved or removed (and perhaps put back): its
                    // watch is set again at the next quiet moment.
                    if matches!(
                        event.kind,
                        EventKind::Remove(_)
                            | EventKind::Modify(notify::event::ModifyKind::Name(_))
                    ) {
                        for p in &event.paths {
                            if let Some(id) = watched_dirs.get_mut(p.as_path()) {
                                *id = None;
                            }
                        }
                    }
                    if matches!(
                        event.kind,
                        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                    ) && !matches!(
                        event.kind,
                        EventKind::Modify(notify::event::ModifyKind::Metadata(_))
                    ) {
                        changed.extend(
                            event
                                .paths
                                .into_iter()
                                .filter(|p| last.files.contains(&absolute(p))),
                        );
                    }
                }
                Ok(Err(e)) => {
                    let _ = writeln!(err, "{}", watch_error(e).render(job.lang));
                }
                Err(mpsc::RecvTimeoutError::Timeout) if !changed.is_empty() => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    // A change no event told of (a folder made again at the same inode, an
                    // event lost under load, a network folder): the files' stamps say it.
                    changed.extend(
                        last.files
                            .iter()
                            .filter(|f| stamps.get(*f) != Some(&stamp(f)))
                            .cloned(),
                    );
                    for (dir, id) in &mut watched_dirs {
                        let now = folder_id(dir);
                        if now == *id {
                            continue;
                        }
                        // The old watch went with the old folder.
                        let _ = watcher.unwatch(dir);
                        *id = now;
                        if now.is_none() {
                            let gone = texts::folder_gone(dir.display());
                            let _ = writeln!(out, "{}", gone.get(job.lang));
                            let _ = out.flush();
                            continue;
                        }
                        if let Err(e) = watcher.watch(dir, RecursiveMode::NonRecursive) {
                            let _ = writeln!(err, "{}", watch_error(e).render(job.lang));
                            *id = None;
                            continue;
                        }
                        // Whatever the new folder holds is new: rebuild from it.
                        changed.extend(
                            last.files
                                .iter()
                                .filter(|f| f.parent() == Some(dir.as_path()))
                                .cloned(),
                        );
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        let changed: Vec<PathBuf> = changed.into_iter().collect();
        // Stamped before the build reads them, so a save during the build is seen after it.
        let mut before = stamps_of(&last.files);
        rebuild(job, engine, &mut last, &changed, out, err);
        add_stamps(&mut before, &last.files);
        stamps = before;
        rebuilds += 1;
        if job.limit.is_some_and(|l| rebuilds >= l) {
            return Ok(());
        }
    }
}

/// One build: on success writes the outputs and prints changed facts and rewritten files;
/// on failure prints the errors and keeps the last good outputs.
fn rebuild(
    job: &WatchJob,
    engine: &Engine,
    last: &mut Last,
    changed: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) {
    for c in changed {
        let _ = writeln!(out, "{}", texts::file_changed(c.display()).get(job.lang));
    }
    let built = match build(&job.request) {
        Ok(b) => b,
        Err(d) => {
            fail(job, &d, err);
            return;
        }
    };
    let _ = write!(
        err,
        "{}",
        render_diags(&built.warnings.without_notes(), job.lang)
    );
    let facts = fact_map(&built.data);
    if let Some(before) = &last.facts {
        for c in fact_changes(before, &facts) {
            let _ = writeln!(out, "  {c}");
        }
    }
    let mut files: BTreeSet<PathBuf> = job.request.data_files.iter().map(|f| absolute(f)).collect();
    // Spreadsheet sources ([sources]) are inputs too.
    files.extend(built.data.sheets.read.iter().map(|s| absolute(&s.file)));
    files.extend(
        built
            .template
            .files
            .iter()
            .map(|f| f.path.clone())
            .chain(std::iter::once(built.template.origin.join("template.toml")))
            .filter(|p| p.is_file())
            .map(|p| absolute(&p)),
    );
    match engine.write(&built, &job.formats, &job.out_dir) {
        Ok(written) => {
            let _ = write!(err, "{}", render_diags(&written.warnings, job.lang));
            for w in written.paths {
                let _ = writeln!(out, "{}", texts::wrote(w.display()).get(job.lang));
            }
            last.facts = Some(facts);
            last.files = files;
        }
        Err(d) => fail(job, &d, err),
    }
    let _ = out.flush();
}

fn fail(job: &WatchJob, d: &Diagnostics, err: &mut dyn Write) {
    let _ = write!(err, "{}", render_diags(d, job.lang));
    let _ = writeln!(err, "{}", texts::not_rendered().get(job.lang));
    let _ = err.flush();
}

fn render_diags(d: &Diagnostics, lang: Lang) -> String {
    if d.0.is_empty() {
        String::new()
    } else {
        format!("{}\n", d.render(lang))
    }
}

/// `p` made absolute against the current folder (without resolving links, so it compares
/// equal to the paths the watcher reports for the watched folders).
fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Resolve the folder (not the file, which may be mid-rename) so `a/../b` and links match.
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map(|d| d.join(name))
            .unwrap_or(abs.clone()),
        _ => abs,
    }
}

/// What tells one version of a file from another: length, modification time and inode
/// (`None` when there is no file).
type Stamp = Option<(u64, std::time::SystemTime, u64)>;

/// The stamp of the file at `path`.
fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some((m.len(), m.modified().ok()?, ino))
}

/// The stamps of `files`.
fn stamps_of(files: &BTreeSet<PathBuf>) -> BTreeMap<PathBuf, Stamp> {
    files.iter().map(|f| (f.clone(), stamp(f))).collect()
}

/// Adds the stamps of those of `files` that `stamps` does not have yet.
fn add_stamps(stamps: &mut BTreeMap<PathBuf, Stamp>, files: &BTreeSet<PathBuf>) {
    for f in files {
        stamps.entry(f.clone()).or_insert_with(|| stamp(f));
    }
}

/// What tells a folder from another made at the same path later.
type FolderId = (u64, u64);

/// The identity of the folder at `dir` (device and inode; `None` when there is none).
fn folder_id(dir: &Path) -> Option<FolderId> {
    let m = std::fs::metadata(dir)
        .ok()
        .filter(std::fs::Metadata::is_dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        Some((0, 0))
    }
}

fn watch_error(e: notify::Error) -> Diagnostic {
    Diagnostic::error(Code::Watch, texts::watch_failed(e))
}
