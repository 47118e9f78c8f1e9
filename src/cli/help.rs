//! The command line's own help in the user's language: `huibao --help`, `huibao render -h`,
//! `huibao help diff` …
//!
//! The arguments are declared once, in English, by the derive in [`super::args`]. Before parsing,
//! the language is decided ([`lang_of`]: `--lang` on the command line, else the locale), clap builds
//! the command from the derive, and every text it would show — about lines, argument helps, the
//! values of an option, headings, the examples, and the texts clap adds itself (`--help`,
//! `--version`, the `help` subcommand) — is replaced by the catalog's text in that language
//! ([`crate::diag::texts::args`]), found by its English. An English help is therefore the one
//! clap shows from the derive, and a test holds every English text of the derive to an entry
//! of the catalog.
//!
//! What stays as clap writes it: option names, value names (`<DATA.toml>`) and the `[OPTIONS]` of
//! the usage line. A command line clap cannot parse is told in the same language by
//! [`super::usage_error`]. `huibao man` and `huibao completions` use the English derive as it is.

use std::ffi::OsString;
use std::fmt::Write as _;

use clap::builder::{Arg, Command, PossibleValue, StyledStr};
use clap::{CommandFactory, FromArgMatches, ValueEnum};

use super::args::{pick_lang, Cli, LangArg, ScriptArg};
use crate::diag::texts::args as texts;
use crate::diag::{Lang, Text};

/// Parses the process's command line with its help in the user's language; prints help, the
/// version or a usage error (in that language too, [`super::usage_error`]) and exits as clap does.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    // Most runs parse: the derive's command does that, and only a run that shows help, the
    // version or an error builds the translated one (≈ 1 ms of every run otherwise). The two
    // accept the same command lines: translating changes texts only.
    if let Ok(cli) = <Cli as clap::Parser>::try_parse_from(&args) {
        return cli;
    }
    let lang = lang_of(&args);
    let mut cmd = command(lang);
    let parsed = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches));
    parsed.unwrap_or_else(|e| super::usage_error::exit(e, &mut cmd, lang, &args))
}

/// The language of the help for a command line (`args` with the program name first): `--lang`
/// if given, else English under an English locale (as for messages, [`pick_lang`]), else Chinese:
/// Traditional if `--script` names a Traditional script or the locale is Taiwan's, Hong Kong's,
/// Macao's or `zh-Hant`, Simplified otherwise.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut lang = None;
    let mut script = None;
    let mut rest = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = rest.next() {
        if arg == "--" {
            break;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (arg.to_string(), None),
        };
        if name != "--lang" && name != "--script" {
            continue;
        }
        let Some(value) = inline.or_else(|| rest.next().map(|v| v.to_string())) else {
            break;
        };
        if name == "--lang" {
            lang = LangArg::from_str(&value, false).ok().or(lang);
        } else {
            script = ScriptArg::from_str(&value, false).ok().or(script);
        }
    }
    pick_lang(lang, script.map(|s| s.script().is_traditional()))
}

/// The locale, lower-cased with `-` as `_`: the first of `HUIBAO_LANG`, `LC_ALL` and `LANG` that
/// is set and not empty decides (as `LC_ALL` overrides `LANG`).
fn locale() -> String {
    ["HUIBAO_LANG", "LC_ALL", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .to_ascii_lowercase()
        .replace('-', "_")
}

/// Whether the locale ([`locale`]) is English (`en`, `en_US.UTF-8` …).
pub(crate) fn locale_is_english() -> bool {
    locale().starts_with("en")
}

/// Whether the locale ([`locale`]) names Traditional Chinese (`zh_TW`, `zh_HK`, `zh_MO`,
/// `zh-Hant` …).
pub(crate) fn locale_is_traditional() -> bool {
    let locale = locale();
    ["zh_tw", "zh_hk", "zh_mo", "zh_hant"]
        .iter()
        .any(|p| locale.starts_with(p))
}

/// The command line of [`Cli`] with every help text in `lang`.
pub fn command(lang: Lang) -> Command {
    let catalog = catalog();
    let mut cmd = arrange(Cli::command());
    // Built first, so that clap has added its own `--help`, `--version` and `help` subcommand and
    // decided which commands have a long help (`--help` longer than `-h`), from the English.
    cmd.build();
    localize(cmd, lang, &catalog)
}

/// The examples shown after a subcommand's help (`after_help` in [`super::args`]); an empty
/// text for a subcommand without examples.
pub fn examples(subcommand: &str) -> Text {
    let Some((_, lines)) = EXAMPLES.iter().find(|(name, _)| *name == subcommand) else {
        return Text::same("");
    };
    let lines: Vec<Text> = lines
        .iter()
        .map(|(command, note)| match note {
            Some(note) => Text::join(&[Text::same(command), note()], &Text::same("   ")),
            None => Text::same(command),
        })
        .collect();
    match lines.as_slice() {
        [line] => texts::example(line),
        _ => texts::examples(Text::join(&lines, &Text::same("\n  "))),
    }
}

/// An example command and what it shows, if it needs saying.
type Example = (&'static str, Option<fn() -> Text>);

/// Each subcommand's examples.
const EXAMPLES: &[(&str, &[Example])] = &[
    (
        "render",
        &[
            ("huibao render data/lushi-2012.toml", None),
            (
                "huibao render base.toml meeting.toml --set envoys.first_batch=80 -f txt -o drafts/",
                None,
            ),
            ("huibao render example -f txt", Some(texts::builtin_example)),
        ],
    ),
    ("check", &[("huibao check data/lushi-2012.toml", None)]),
    (
        "fonts",
        &[
            ("huibao fonts", None),
            ("huibao fonts data/lushi-2012.toml --builtin-fonts", None),
        ],
    ),
    (
        "init",
        &[
            ("huibao init --list", None),
            ("huibao init my-report/ --template 情况报告", None),
            ("huibao render my-report/report.toml", None),
        ],
    ),
    (
        "batch",
        &[
            ("huibao batch data/meetings-2012.toml -o out/", None),
            (
                "huibao batch data/meetings-2012.toml -f txt -j 2 --shard 1/2",
                None,
            ),
        ],
    ),
    (
        "diff",
        &[
            ("huibao diff old.toml new.toml", None),
            (
                "huibao diff old.toml new.toml -f docx -o redline.docx",
                None,
            ),
        ],
    ),
    (
        "completions",
        &[
            (
                "huibao completions bash > ~/.local/share/bash-completion/completions/huibao",
                None,
            ),
            ("huibao completions zsh > ~/.zfunc/_huibao", None),
        ],
    ),
    (
        "man",
        &[
            ("huibao man > ~/.local/share/man/man1/huibao.1", None),
            ("huibao man -o ~/.local/share/man/man1/", None),
        ],
    ),
];

/// Every text of the help as the catalog has it: what the derive and clap say in English, with
/// the other languages.
pub fn catalog() -> Vec<Text> {
    vec![
        texts::help_flag(),
        texts::help_flag_summary(),
        texts::help_flag_long(),
        texts::version_flag(),
        texts::help_command(),
        texts::help_command_arg(),
        texts::about(),
        texts::render_about(),
        texts::check_about(),
        texts::fonts_about(),
        texts::init_about(),
        texts::batch_about(),
        texts::diff_about(),
        texts::completions_about(),
        texts::man_about(),
        texts::data_files(),
        texts::set_fact(),
        texts::template(),
        texts::script(),
        texts::no_normalize(),
        texts::lang(),
        texts::builtin_fonts_ignoring(),
        texts::allow_missing_glyphs(),
        texts::pdf_standard(),
        texts::ofd_a(),
        texts::formats(),
        texts::out_folder(),
        texts::watch(),
        texts::watch_limit(),
        texts::manifest(),
        texts::jobs(),
        texts::shard(),
        texts::batch_formats(),
        texts::batch_builtin_fonts(),
        texts::old_facts(),
        texts::new_facts(),
        texts::diff_format(),
        texts::redline_out(),
        texts::fonts_data(),
        texts::builtin_fonts_only(),
        texts::fonts_script(),
        texts::init_dir(),
        texts::init_template(),
        texts::init_list(),
        texts::shell(),
        texts::man_out(),
        texts::script_hans(),
        // Sample characters are quoted as written, in every language.
        texts::script_hant("爲、衆"),
        texts::script_hant_tw("為、眾"),
        texts::script_hant_hk("為、眾"),
        texts::lang_zh(),
        texts::lang_en(),
        texts::pdf_a2b(),
        texts::diff_txt(),
        texts::diff_docx(),
    ]
}

/// `english` in `lang`, if the catalog has it.
pub fn translate(english: &str, lang: Lang, catalog: &[Text]) -> Option<String> {
    catalog
        .iter()
        .find(|t| t.en == english)
        .map(|t| t.get(lang).to_string())
}

/// A text of the help in `lang`; one the catalog does not have stays as it is (a test makes sure
/// that none is missing).
fn tr(text: &StyledStr, lang: Lang, catalog: &[Text]) -> String {
    let english = text.to_string();
    translate(&english, lang, catalog).unwrap_or(english)
}

/// `cmd` with its positional arguments first, numbered for display in their order, then its
/// options, in every subcommand. clap lists headings in the order of their first argument, and
/// the arguments under a heading of our own by display order, not by position. Done before clap
/// builds the command: a positional's index follows the order of the positionals alone, which
/// stays.
fn arrange(cmd: Command) -> Command {
    let (positionals, options): (Vec<&Arg>, Vec<&Arg>) =
        cmd.get_arguments().partition(|a| a.is_positional());
    let positionals: Vec<String> = positionals.iter().map(|a| a.get_id().to_string()).collect();
    let options: Vec<String> = options.iter().map(|a| a.get_id().to_string()).collect();
    let cmd = positionals
        .iter()
        .enumerate()
        .fold(cmd, |cmd, (i, id)| cmd.mut_arg(id, |a| a.display_order(i)));
    let cmd = options.iter().fold(cmd, |cmd, id| cmd.mut_arg(id, |a| a));
    cmd.mut_subcommands(arrange)
}

/// A built command and all its subcommands with their texts in `lang`.
fn localize(cmd: Command, lang: Lang, catalog: &[Text]) -> Command {
    // clap gives its `--help` a longer text exactly when the command has a longer help
    // (Command::long_help_exists is not public).
    let long = cmd
        .get_arguments()
        .any(|a| a.get_id() == "help" && a.get_long_help().is_some());
    let styles = cmd.get_styles().clone();
    let has_args = cmd.get_arguments().any(|a| !a.is_hide_set()) || cmd.has_subcommands();
    let usage = styles.get_usage();
    let usage = format!(
        "{usage}{}:{usage:#} {{usage}}",
        texts::usage_heading().get(lang)
    );
    let template = if has_args {
        format!("{{before-help}}{{about-with-newline}}\n{usage}\n\n{{all-args}}{{after-help}}")
    } else {
        format!("{{before-help}}{{about-with-newline}}\n{usage}{{after-help}}")
    };
    let examples = examples(cmd.get_name());
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(texts::commands_heading().get(lang).to_string());
    if let Some(about) = cmd.get_about() {
        let about = tr(about, lang, catalog);
        cmd = cmd.about(about);
    }
    if let Some(about) = cmd.get_long_about() {
        let about = tr(about, lang, catalog);
        cmd = cmd.long_about(about);
    }
    // Every after-help is a subcommand's examples (clap's own `help render` has none).
    if cmd.get_after_help().is_some() {
        cmd = cmd.after_help(examples.get(lang).to_string());
    }
    cmd.mut_args(|a| localize_arg(a, lang, long, &styles, catalog))
        .mut_subcommands(|s| localize(s, lang, catalog))
}

/// An argument with its help in `lang`, under the heading in `lang`. Its default and its values,
/// which clap would name in English, are written into the help as clap writes them; in a
/// command with a longer help (`long`), the `--help` text lists the values with what each means.
fn localize_arg(
    arg: Arg,
    lang: Lang,
    long: bool,
    styles: &clap::builder::Styles,
    catalog: &[Text],
) -> Arg {
    let heading = if arg.is_positional() {
        texts::arguments_heading()
    } else {
        texts::options_heading()
    };
    let help = arg.get_help().map(|h| tr(h, lang, catalog));
    let long_help = arg.get_long_help().map(|h| tr(h, lang, catalog));
    // clap's default styles leave `[default: …]` plain and make a value's name bold.
    let literal = styles.get_literal();
    let mut specs = Vec::new();
    if arg.get_action().takes_values()
        && !arg.is_hide_default_value_set()
        && !arg.get_default_values().is_empty()
    {
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        specs.push(
            texts::default_value(defaults.join(" "))
                .get(lang)
                .to_string(),
        );
    }
    let values: Vec<PossibleValue> = if arg.is_hide_possible_values_set() {
        Vec::new()
    } else {
        arg.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    };
    let values_list = || {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        texts::possible_values(names.join(", "))
            .get(lang)
            .to_string()
    };
    let explained = values.iter().any(|v| v.get_help().is_some());
    let mut long_specs = specs.clone();
    if !values.is_empty() {
        specs.push(values_list());
        if !explained {
            long_specs.push(values_list());
        }
    }
    if specs.is_empty() && long_help.is_none() {
        let arg = arg.help_heading(heading.get(lang).to_string());
        return match help {
            Some(help) => arg.help(help),
            None => arg,
        };
    }

    let short = join_nonempty(help.clone().unwrap_or_default(), " ", &specs.join(" "));
    let mut arg = arg
        .help_heading(heading.get(lang).to_string())
        .hide_default_value(true)
        .hide_possible_values(true)
        .help(short);
    if long {
        let mut text = long_help.or(help).unwrap_or_default();
        if explained {
            let width = values.iter().map(|v| v.get_name().len()).max().unwrap_or(0);
            let mut list = texts::possible_values_heading().get(lang).to_string();
            for v in &values {
                let name = v.get_name();
                let _ = write!(list, "\n- {literal}{name}{literal:#}");
                if let Some(help) = v.get_help() {
                    let pad = width - name.len();
                    let _ = write!(list, ": {:pad$}{}", "", tr(help, lang, catalog));
                }
            }
            text = join_nonempty(text, "\n\n", &list);
        }
        arg = arg.long_help(join_nonempty(text, "\n\n", &long_specs.join("\n")));
    }
    arg
}

/// `a` and `b` with `sep` between them if both are there.
fn join_nonempty(a: String, sep: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a,
        (true, false) => b.to_string(),
        (false, false) => format!("{a}{sep}{b}"),
    }
}
