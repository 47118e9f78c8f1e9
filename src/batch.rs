//! Batches: one report issued for many meetings, from a manifest, rendered in parallel.
//!
//! A manifest is a TOML file with a `[defaults]` table and one `[[meeting]]` table per meeting.
//! Each meeting names its output stem, its data files (relative to the manifest, layered after
//! the defaults' files), inline overrides (`set`, dotted keys → values, applied like `--set`),
//! its formats, script and template; anything a meeting leaves out comes from `[defaults]`.
//! [`run`] renders the meetings on a rayon pool sharing one [`Engine`], so fonts and other
//! costly resources are loaded once; one failing meeting never stops the others.
//! [`Shard`] picks the I-th of N slices of a manifest so a batch can be spread over machines
//! with the same files as an unsharded run.

use crate::diag::texts::data as texts;
use crate::diag::Code;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::{Spanned, Table, Value};
use unicode_normalization::UnicodeNormalization as _;

use crate::diag::{Diagnostic, Diagnostics, Location, Text};
use crate::render::{Engine, Format, Produced, Request};
use crate::zh::Script;

/// Formats used when neither the meeting, the defaults nor the command line give any.
pub const DEFAULT_FORMATS: [Format; 2] = [Format::Docx, Format::Pdf];

/// One meeting's report: everything needed to build and write it.
#[derive(Debug, Clone)]
pub struct Job {
    /// Output file stem (the meeting's `name`, sanitized).
    pub name: String,
    /// The render request (data files resolved against the manifest's folder).
    pub request: Request,
    /// Formats to write.
    pub formats: Vec<Format>,
}

/// A parsed manifest: its meetings in manifest order.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The manifest file.
    pub path: PathBuf,
    /// One job per `[[meeting]]`, in order.
    pub jobs: Vec<Job>,
}

/// Which slice of a batch to render: `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based slice number.
    pub index: usize,
    /// Number of slices.
    pub count: usize,
}

impl Shard {
    /// Parses `I/N` with 1 ≤ I ≤ N.
    pub fn parse(s: &str) -> Result<Shard, Text> {
        let bad = || texts::bad_shard(s);
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = i.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// True when the meeting at 0-based manifest position `i` belongs to this shard
    /// (positions ≡ I−1 mod N).
    pub fn takes(&self, i: usize) -> bool {
        i % self.count == self.index - 1
    }
}

/// The result of one meeting.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The meeting's name (output stem).
    pub name: String,
    /// Files written.
    pub outputs: Vec<PathBuf>,
    /// Page count of the PDF, when one was written.
    pub pages: Option<usize>,
    /// Errors (empty when the meeting succeeded).
    pub errors: Diagnostics,
    /// Warnings of a successful build.
    pub warnings: Diagnostics,
}

impl Outcome {
    /// True when the meeting's outputs were all written.
    pub fn ok(&self) -> bool {
        !self.errors.has_errors()
    }
}

/// One `[[meeting]]` or the `[defaults]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeeting {
    name: Option<Spanned<String>>,
    #[serde(default)]
    data: Option<OneOrMany>,
    #[serde(default)]
    set: Option<Table>,
    formats: Option<Spanned<OneOrMany>>,
    script: Option<Script>,
    template: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    defaults: RawMeeting,
    #[serde(default)]
    meeting: Vec<RawMeeting>,
}

impl Manifest {
    /// Reads and checks a manifest, reporting every problem found.
    pub fn load(path: &Path) -> Result<Manifest, Diagnostics> {
        let text = crate::data::read_text(path)?;
        Manifest::parse(path, &text)
    }

    /// Parses manifest `text` read from `path` (data files resolve against its folder).
    pub fn parse(path: &Path, text: &str) -> Result<Manifest, Diagnostics> {
        let raw: RawManifest = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            Diagnostic::error(Code::Manifest, texts::manifest_invalid(e.message().trim()))
                .at(Location::from_offset(path, text, span.start, span.len()))
                .help(texts::manifest_help())
        })?;
        let dir = path.parent().unwrap_or(Path::new(""));
        let mut diags = Diagnostics::default();
        let defaults = &raw.defaults;
        if let Some(n) = &defaults.name {
            diags.push(at(
                Diagnostic::error(Code::Manifest, texts::manifest_defaults_name()),
                path,
                text,
                n.span(),
            ));
        }
        if raw.meeting.is_empty() {
            diags.push(
                Diagnostic::error(Code::Manifest, texts::manifest_no_meetings(path.display()))
                    .help(texts::manifest_no_meetings_help()),
            );
        }
        let default_formats = match &defaults.formats {
            Some(f) => formats_of(f, path, text, &mut diags),
            None => None,
        };
        let mut jobs: Vec<Job> = Vec::new();
        let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
        for (i, m) in raw.meeting.iter().enumerate() {
            let Some(name) = &m.name else {
                diags.push(
                    Diagnostic::error(
                        Code::Manifest,
                        texts::meeting_no_name(path.display(), i + 1),
                    )
                    .help(texts::meeting_name_help()),
                );
                continue;
            };
            if name.get_ref().len() > crate::output::STEM_MAX_BYTES {
                diags.push(at(
                    Diagnostic::error(
                        Code::Manifest,
                        texts::meeting_name_too_long(
                            name.get_ref().len(),
                            crate::output::STEM_MAX_BYTES,
                            crate::output::STEM_MAX_BYTES / 3,
                        ),
                    ),
                    path,
                    text,
                    name.span(),
                ));
                continue;
            }
            let stem = crate::output::sanitize_stem(name.get_ref());
            // Names equal up to case are one file on Windows and macOS, and up to Unicode
            // normalization on macOS.
            let fold = |s: &str| s.nfc().collect::<String>().to_lowercase();
            let folded = fold(&stem);
            if let Some(prev) = jobs.iter().position(|j| fold(&j.name) == folded) {
                let first = Location::from_offset(path, text, spans[prev].start, 0);
                diags.push(at(
                    Diagnostic::error(
                        Code::Manifest,
                        texts::meeting_name_repeats(&stem, first.line),
                    ),
                    path,
                    text,
                    name.span(),
                ));
                continue;
            }
            let mut data_files: Vec<PathBuf> = Vec::new();
            for f in defaults
                .data
                .iter()
                .chain(m.data.iter())
                .flat_map(OneOrMany::items)
            {
                data_files.push(dir.join(f));
            }
            let mut sets = Vec::new();
            for table in [&defaults.set, &m.set].into_iter().flatten() {
                flatten_sets("", table, &mut sets);
            }
            let formats = match &m.formats {
                Some(f) => formats_of(f, path, text, &mut diags),
                None => default_formats.clone(),
            };
            let template = m.template.clone().or(defaults.template.clone()).map(|t| {
                // A template written as a path is relative to the manifest, like data files.
                let rel = dir.join(&t);
                if (t.contains('/') || t.contains('\\')) && rel.is_dir() {
                    rel.to_string_lossy().into_owned()
                } else {
                    t
                }
            });
            spans.push(name.span());
            jobs.push(Job {
                name: stem,
                request: Request {
                    data_files,
                    sets,
                    template,
                    script: m.script.or(defaults.script),
                    no_normalize: false,
                },
                formats: formats.unwrap_or_else(|| DEFAULT_FORMATS.to_vec()),
            });
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Manifest {
            path: path.to_path_buf(),
            jobs,
        })
    }
}

fn at(d: Diagnostic, path: &Path, text: &str, span: std::ops::Range<usize>) -> Diagnostic {
    d.at(Location::from_offset(path, text, span.start, span.len()))
}

fn formats_of(
    f: &Spanned<OneOrMany>,
    path: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Vec<Format>> {
    match Format::parse_list(&f.get_ref().items().join(",")) {
        Ok(v) => Some(v),
        Err(message) => {
            diags.push(at(
                Diagnostic::error(Code::Manifest, message),
                path,
                text,
                f.span(),
            ));
            None
        }
    }
}

/// Turns a `set` table (`{ "envoys.first_batch" = 80 }` or nested tables) into `--set`
/// arguments, later entries winning.
fn flatten_sets(prefix: &str, table: &Table, out: &mut Vec<String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            Value::Table(t) => flatten_sets(&key, t, out),
            other => out.push(format!("{key}={}", literal(other))),
        }
    }
}

/// A value as a TOML literal, read back by `--set` as the same value.
fn literal(v: &Value) -> String {
    let mut t = Table::new();
    t.insert("v".into(), v.clone());
    let s = toml::to_string(&t).unwrap_or_default();
    s.trim()
        .strip_prefix("v = ")
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string())
}

/// Builds one job and makes its files for `out_dir`: the outcome so far, and the files to
/// write when the job succeeded.
fn make_one(job: &Job, engine: &Engine, out_dir: &Path) -> (Outcome, Option<Produced>) {
    let mut outcome = Outcome {
        name: job.name.clone(),
        outputs: Vec::new(),
        pages: None,
        errors: Diagnostics::default(),
        warnings: Diagnostics::default(),
    };
    let mut built = match engine.build(&job.request) {
        Ok(b) => b,
        Err(d) => {
            outcome.errors = d;
            return (outcome, None);
        }
    };
    built.stem = job.name.clone();
    outcome.warnings = built.warnings.without_notes();
    match engine.produce(&built, &job.formats, out_dir) {
        Ok(produced) => (outcome, Some(produced)),
        Err(d) => {
            outcome.errors = d;
            (outcome, None)
        }
    }
}

/// Writes the files a job made and records the result in its outcome.
fn write_one(outcome: &mut Outcome, produced: Produced) {
    match produced.write() {
        Ok(written) => {
            outcome.warnings.0.extend(written.warnings.0);
            // The layout's own count, not a scan of the written PDF.
            outcome.pages = written.pages;
            outcome.outputs = written.paths;
        }
        Err(d) => outcome.errors = d,
    }
}

/// The most worker threads a batch starts: more than a few per core only costs memory (a
/// larger `-j` is lowered to this).
pub fn max_threads() -> usize {
    std::thread::available_parallelism().map_or(4, |n| n.get() * 4)
}

/// Renders `jobs` on `threads` threads (0: one per core; at most [`max_threads`]) with one shared
/// engine, calling `progress` as each meeting finishes. Outcomes come back in job order.
///
/// One more thread writes the files: replacing a file waits on the file system (ext4 allocates
/// the new file's blocks when it replaces another, and the folder is locked while a set is
/// renamed into place), a wait the render threads would otherwise spend idle, and take turns
/// for. They go on with the next meetings meanwhile, at most `threads` made sets ahead.
pub fn run(
    jobs: &[Job],
    engine: &Engine,
    out_dir: &Path,
    threads: usize,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>, Diagnostics> {
    use rayon::prelude::*;
    let threads_failed = |e: &dyn std::fmt::Display| {
        Diagnostics::from(Diagnostic::error(
            Code::Threads,
            texts::threads_failed(e.to_string()),
        ))
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.min(max_threads()))
        .build()
        .map_err(|e| threads_failed(&e))?;
    let ahead = pool.current_num_threads().max(1);
    let (send, receive) =
        std::sync::mpsc::sync_channel::<(usize, Outcome, Option<Produced>)>(ahead);
    std::thread::scope(|scope| {
        let writer = std::thread::Builder::new()
            .name("huibao-writer".into())
            .spawn_scoped(scope, move || {
                let mut done = Vec::new();
                for (i, mut outcome, produced) in receive {
                    if let Some(produced) = produced {
                        write_one(&mut outcome, produced);
                    }
                    progress(&outcome);
                    done.push((i, outcome));
                }
                done
            })
            .map_err(|e| threads_failed(&e))?;
        pool.install(|| {
            jobs.par_iter()
                .enumerate()
                .for_each_with(send, |send, (i, job)| {
                    let (outcome, produced) = make_one(job, engine, out_dir);
                    // The writer ends only once every sender is gone.
                    let _ = send.send((i, outcome, produced));
                });
        });
        // A panic in the writer is a bug, passed on as rayon passes on a render thread's.
        let mut done = writer
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        done.sort_by_key(|(i, _)| *i);
        Ok(done.into_iter().map(|(_, o)| o).collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_by_position() {
        let s = Shard::parse("2/3").unwrap();
        let taken: Vec<usize> = (0..8).filter(|&i| s.takes(i)).collect();
        assert_eq!(taken, vec![1, 4, 7]);
        for bad in ["0/2", "3/2", "1/0", "x", "1-2"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn meetings_layer_on_defaults() {
        let text = r#"
[defaults]
data = ["base.toml"]
formats = "txt"
script = "hant"
set = { "report.date" = 2012-10-10 }

[[meeting]]
name = "a"
data = "a.toml"
set = { "meeting.host" = "馬主席", "envoys.first_batch" = 74 }

[[meeting]]
name = "b"
formats = ["txt", "docx"]
script = "hans"
[meeting.set.meeting]
group = "檢查組"
"#;
        let m = Manifest::parse(Path::new("d/m.toml"), text).unwrap();
        assert_eq!(m.jobs.len(), 2);
        let a = &m.jobs[0];
        assert_eq!(
            a.request.data_files,
            vec![PathBuf::from("d/base.toml"), PathBuf::from("d/a.toml")]
        );
        assert_eq!(
            a.request.sets,
            vec![
                "report.date=2012-10-10",
                "envoys.first_batch=74",
                "meeting.host=\"馬主席\""
            ]
        );
        assert_eq!(a.formats, vec![Format::Txt]);
        assert_eq!(a.request.script, Some(Script::Hant));
        let b = &m.jobs[1];
        assert_eq!(b.request.sets[1], "meeting.group=\"檢查組\"");
        assert_eq!(b.formats, vec![Format::Txt, Format::Docx]);
        assert_eq!(b.request.script, Some(Script::Hans));
    }

    #[test]
    fn manifest_problems_are_all_reported_with_lines() {
        let text = "[[meeting]]\nname = \"a\"\n\n[[meeting]]\nname = \"a\"\n\n[[meeting]]\nformats = \"odt\"\n";
        let err = Manifest::parse(Path::new("m.toml"), text).unwrap_err();
        let all = err.render(crate::diag::Lang::En);
        assert!(all.contains("m.toml:5:8"), "{all}");
        assert!(all.contains("repeats (first on line 2)"), "{all}");
        assert!(all.contains("meeting 3 has no name"), "{all}");
        let err = Manifest::parse(Path::new("m.toml"), "[[meeting]]\nnmae = 1\n").unwrap_err();
        assert!(err.render(crate::diag::Lang::En).contains("m.toml:2:1"));
    }

    #[test]
    fn an_unknown_or_missing_format_is_named_as_written() {
        let text = "[[meeting]]\nname = \"a\"\nformats = [\"docx\", \"ODT\"]\n\n[[meeting]]\nname = \"b\"\nformats = []\n";
        let err = Manifest::parse(Path::new("m.toml"), text).unwrap_err();
        let all = err.render(crate::diag::Lang::En);
        assert!(
            all.contains(
                "m.toml:3:11: error[E-MANIFEST]: unknown format `ODT` (use txt, docx, pdf, ofd)"
            ),
            "{all}"
        );
        assert!(
            all.contains(
                "m.toml:7:11: error[E-MANIFEST]: no format given (use txt, docx, pdf, ofd)"
            ),
            "{all}"
        );
        assert!(err
            .render(crate::diag::Lang::Hans)
            .contains("未知格式“ODT”"));
    }
}
