//! Command-line arguments of every subcommand (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::help;
use super::usage_error::Reason;
use crate::diag::Lang;
use crate::render::{Format, Request};

/// huibao — formal Chinese briefing reports (汇报材料) from TOML facts and templates.
#[derive(Debug, Parser)]
#[command(name = "huibao", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render a report to DOCX, PDF, OFD and/or text.
    #[command(after_help = help::examples("render").en)]
    Render(RenderArgs),
    /// Check a report's data and template; writes nothing.
    #[command(after_help = help::examples("check").en)]
    Check(InputArgs),
    /// Show which font file each role uses, and how many of a report's characters it covers.
    #[command(after_help = help::examples("fonts").en)]
    Fonts(FontsArgs),
    /// Create a report folder to edit: example data and a copy of the template.
    #[command(after_help = help::examples("init").en)]
    Init(InitArgs),
    /// Render one report for each meeting of a manifest, in parallel.
    #[command(after_help = help::examples("batch").en)]
    Batch(BatchArgs),
    /// Compare two versions of a report's facts: changed facts, changed sentences, redline DOCX.
    #[command(after_help = help::examples("diff").en)]
    Diff(DiffArgs),
    /// Print a shell completion script for huibao (bash, zsh, fish, powershell, elvish).
    #[command(after_help = help::examples("completions").en)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per subcommand into a folder.
    #[command(after_help = help::examples("man").en)]
    Man(ManArgs),
}

/// Output script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScriptArg {
    /// Simplified Chinese.
    Hans,
    /// Traditional Chinese, OpenCC standard forms (爲、衆).
    Hant,
    /// Traditional Chinese, Taiwan standard forms (為、眾).
    HantTw,
    /// Traditional Chinese, Hong Kong standard forms (為、眾).
    HantHk,
}

impl ScriptArg {
    /// The script this argument names.
    pub fn script(self) -> crate::zh::Script {
        match self {
            ScriptArg::Hans => crate::zh::Script::Hans,
            ScriptArg::Hant => crate::zh::Script::Hant,
            ScriptArg::HantTw => crate::zh::Script::HantTw,
            ScriptArg::HantHk => crate::zh::Script::HantHk,
        }
    }
}

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Chinese, in the report's script.
    Zh,
    /// English.
    En,
}

/// The inputs of one report, shared by `render` and `check`.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Data files (TOML), merged in order: later files win.
    #[arg(required = true, value_name = "DATA.toml")]
    pub data: Vec<PathBuf>,
    /// Override a fact: dotted.key=value (value read as TOML, else as text). Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
    /// Template folder or name (default: report.template in the data).
    #[arg(short = 't', long, value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// Output script: hans (简体), hant (繁體, OpenCC forms), hant-tw or hant-hk (default: report.script in the data).
    #[arg(long, value_enum)]
    pub script: Option<ScriptArg>,
    /// Keep punctuation as written (no half-width → full-width normalization).
    #[arg(long)]
    pub no_normalize: bool,
    /// Language of messages and help (default: Chinese, or English under an English locale).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Use only the fonts built into huibao, ignoring installed ones (also HUIBAO_BUILTIN_FONTS=1).
    #[arg(long)]
    pub builtin_fonts: bool,
    /// Characters no font has are a warning (drawn as a box) instead of an error.
    #[arg(long)]
    pub allow_missing_glyphs: bool,
    /// Write the PDF to an archival standard: a-2b (PDF/A-2b); also `[report] pdf_standard`.
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Option<PdfStandardArg>,
    /// Write the OFD as OFD-A (GB/T 42133 archival OFD); also `[report] ofd = "ofd-a"`.
    #[arg(long)]
    pub ofd_a: bool,
}

/// An archival PDF standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PdfStandardArg {
    /// PDF/A-2b (ISO 19005-2, level B).
    #[value(name = "a-2b")]
    A2b,
}

impl InputArgs {
    /// The engine (fonts) these arguments ask for: one report at a time, its DOCX made beside
    /// its drawing.
    pub fn engine(&self) -> crate::render::Engine {
        let mut engine =
            crate::render::Engine::new(self.engine_options(), self.allow_missing_glyphs);
        engine.pdf_a2b = self.pdf_standard == Some(PdfStandardArg::A2b);
        engine.ofd_a = self.ofd_a;
        engine.docx_beside_drawing = true;
        engine
    }

    /// The font options these arguments ask for.
    pub fn engine_options(&self) -> crate::fonts::FontOptions {
        crate::fonts::FontOptions {
            builtin_only: self.builtin_fonts,
        }
    }

    /// The render request these arguments describe.
    pub fn request(&self) -> Request {
        Request {
            data_files: self.data.clone(),
            sets: self.sets.clone(),
            template: self.template.clone(),
            script: self.script.map(ScriptArg::script),
            no_normalize: self.no_normalize,
        }
    }

    /// The language for messages: `--lang`, else an English locale means English, else Chinese
    /// in the given script, or the locale's when none is known ([`pick_lang`]).
    pub fn lang(&self, hant: Option<bool>) -> Lang {
        pick_lang(self.lang, hant)
    }
}

/// The language for messages: `arg`, else English if the first of `HUIBAO_LANG`, `LC_ALL` and
/// `LANG` that is set starts with "en" (the variable that decides the script too), else Chinese
/// in the given script (`hant`: whether it is Traditional), or in the locale's script when no
/// script is known (a report that could not be read, a command without one).
pub fn pick_lang(arg: Option<LangArg>, hant: Option<bool>) -> Lang {
    let hant = hant.unwrap_or_else(help::locale_is_traditional);
    let english = match arg {
        Some(LangArg::En) => true,
        Some(LangArg::Zh) => false,
        None => help::locale_is_english(),
    };
    match (english, hant) {
        (true, _) => Lang::En,
        (false, true) => Lang::Hant,
        (false, false) => Lang::Hans,
    }
}

/// `huibao render`.
#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// The report's inputs.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output formats, comma-separated: txt, docx, pdf, ofd.
    #[arg(short = 'f', long = "format", default_value = "docx,pdf", value_parser = parse_formats)]
    pub formats: Formats,
    /// Output folder.
    #[arg(short = 'o', long = "out", default_value = "out")]
    pub out: PathBuf,
    /// Keep running: re-render whenever a data or template file it used changes.
    #[arg(long)]
    pub watch: bool,
    /// Stop watching after this many re-renders (for tests and scripts).
    #[arg(long, value_name = "N", hide = true, requires = "watch")]
    pub watch_limit: Option<usize>,
}

/// `huibao batch`.
#[derive(Debug, Clone, Args)]
pub struct BatchArgs {
    /// The meeting manifest: a `defaults` table and one `meeting` table per meeting.
    #[arg(value_name = "MEETINGS.toml")]
    pub manifest: PathBuf,
    /// Output folder.
    #[arg(short = 'o', long = "out", default_value = "out")]
    pub out: PathBuf,
    /// Number of reports rendered at once (default: one per core).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
    /// Render only slice I of N (meetings at positions ≡ I−1 mod N), e.g. 1/2.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<crate::batch::Shard>,
    /// Output formats for every meeting, overriding the manifest: txt, docx, pdf, ofd.
    #[arg(short = 'f', long = "format", value_parser = parse_formats)]
    pub formats: Option<Formats>,
    /// Use only the fonts built into huibao (same PDFs on every machine a batch is spread over).
    #[arg(long)]
    pub builtin_fonts: bool,
    /// Characters no font has are a warning (drawn as a box) instead of an error.
    #[arg(long)]
    pub allow_missing_glyphs: bool,
    /// Language of messages and help (default: Chinese, or English under an English locale).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// `huibao diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The earlier version of the facts.
    #[arg(value_name = "OLD.toml")]
    pub old: PathBuf,
    /// The later version of the facts.
    #[arg(value_name = "NEW.toml")]
    pub new: PathBuf,
    /// Template folder or name (default: report.template in the data).
    #[arg(short = 't', long, value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// Output script: hans (简体), hant (繁體, OpenCC forms), hant-tw or hant-hk (default: report.script in the data).
    #[arg(long, value_enum)]
    pub script: Option<ScriptArg>,
    /// txt: print the sentence-level diff; docx: also write a redline with tracked changes.
    #[arg(short = 'f', long = "format", value_enum, default_value = "txt")]
    pub format: DiffFormat,
    /// Where to write the redline DOCX (default: out/STEM-redline.docx).
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Language of messages and help (default: Chinese, or English under an English locale).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// What `huibao diff` produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Changed facts and a sentence-level diff on standard output.
    Txt,
    /// The same, plus a DOCX redline with Word tracked changes.
    Docx,
}

/// A list of output formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formats(pub Vec<Format>);

fn parse_formats(s: &str) -> Result<Formats, Reason> {
    Format::parse_list(s).map(Formats).map_err(Reason)
}

fn parse_shard(s: &str) -> Result<crate::batch::Shard, Reason> {
    crate::batch::Shard::parse(s).map_err(Reason)
}

/// `huibao fonts`.
#[derive(Debug, Clone, Args)]
pub struct FontsArgs {
    /// A report's data files (optional): its style and characters are used.
    #[arg(value_name = "DATA.toml")]
    pub data: Vec<PathBuf>,
    /// Use only the fonts built into huibao.
    #[arg(long)]
    pub builtin_fonts: bool,
    /// Output script when no data is given: hans, hant, hant-tw or hant-hk.
    #[arg(long, value_enum)]
    pub script: Option<ScriptArg>,
    /// Language of messages and help (default: Chinese, or English under an English locale).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// `huibao init`.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The folder to create (must not exist or be empty).
    #[arg(required_unless_present = "list")]
    pub dir: Option<PathBuf>,
    /// Language of messages and help (default: Chinese, or English under an English locale).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The built-in template to start from: its name or its kind (工作汇报, 情况报告 …); see --list.
    #[arg(long, value_name = "NAME", default_value = "kepu-huibao")]
    pub template: String,
    /// List the built-in templates with a one-line description, and create nothing.
    #[arg(long, conflicts_with = "dir")]
    pub list: bool,
}

/// `huibao completions`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `huibao man`.
#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// Write huibao.1 and one huibao-SUBCOMMAND.1 page per subcommand into this folder instead of
    /// printing huibao.1.
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    pub out: Option<PathBuf>,
}
