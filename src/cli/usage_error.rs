//! A command line clap cannot parse, told in the user's language.
//!
//! clap words its usage errors in English (`error: unexpected argument '--foo' found`, `tip: …`,
//! `Usage: …`, `For more information, try '--help'.`). In a Chinese run, [`exit`] words the same
//! message with the catalog's texts ([`crate::diag::texts::args`]), built from the error's kind
//! and the context clap gives it (the argument, the value, the possible values, the similar
//! names, the usage line); an English run prints clap's own message. Either way the message goes
//! to standard error, coloured as clap colours it, and the process exits with clap's exit code.
//!
//! What stays as clap writes it: the names of options, subcommands and values, and the usage line
//! after its heading. A problem clap gives no context for is told as a wrong command line, with
//! the usage and the hint to `--help`; nothing of clap's English is shown in a Chinese run.

use std::ffi::OsString;
use std::fmt::{self, Display};
use std::num::{IntErrorKind, ParseIntError};

use clap::builder::{Command, StyledStr, Styles};
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};

use crate::diag::texts::{args as texts, common};
use crate::diag::{Lang, Text};

/// Why a value parser of huibao's own (`--format`, `--shard`) rejects a value: a catalog text,
/// shown after the "invalid value" of the error in the command line's language — by [`exit`]
/// in Chinese; clap's own message, which shows its Display, only in an English run.
#[derive(Debug)]
pub struct Reason(pub Text);

impl Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.en)
    }
}

impl std::error::Error for Reason {}

/// Prints what clap's `error` says and exits as clap does: help and version on standard output
/// with code 0, a usage error on standard error with code 2, in `lang` (`args`: the command line,
/// program name first).
pub fn exit(error: clap::Error, cmd: &mut Command, lang: Lang, args: &[OsString]) -> ! {
    let not_an_error = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    // Not a wording by language: clap's own message is the English of these errors (the
    // catalog's English column), so an English run keeps it, byte for byte.
    if matches!(lang, Lang::En) || not_an_error {
        error.format(cmd).exit()
    }
    // The same kind, so the same stream and exit code; clap prints it with its colours.
    let mut told = clap::error::Error::<Told>::new(error.kind()).with_cmd(cmd);
    told.insert(
        ContextKind::Custom,
        ContextValue::StyledStr(message(&error, cmd, lang, args)),
    );
    told.exit()
}

/// An error whose message is already worded: its `Custom` context.
struct Told;

impl ErrorFormatter for Told {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        match error.get(ContextKind::Custom) {
            Some(ContextValue::StyledStr(message)) => message.clone(),
            _ => StyledStr::new(),
        }
    }
}

/// The whole message of a usage error in `lang`, laid out as clap lays it out: the error, the
/// hints, the usage line, how to get help.
fn message(error: &clap::Error, cmd: &Command, lang: Lang, args: &[OsString]) -> StyledStr {
    let paint = Paint(cmd.get_styles());
    let said = describe(error, &paint);
    let mut out = format!(
        "{} {}",
        paint.error(format!("{}:", common::error().get(lang))),
        said.clone()
            .unwrap_or_else(texts::bad_command_line)
            .get(lang)
    );
    let tips = tips(error, &paint);
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            let label = format!("{}:", texts::tip_label().get(lang));
            out.push_str(&format!("\n  {} {}", paint.valid(&label), tip.get(lang)));
        }
    }
    let usage = match error.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => Some(usage.clone()),
        // What clap cannot say, said with the usage of the command it concerns.
        _ if said.is_none() => Some(usage_of(cmd, args)),
        _ => None,
    };
    if let Some(usage) = usage {
        let heading = format!("{}:", texts::usage_heading().get(lang));
        out.push_str(&format!(
            "\n\n{} {}",
            paint.usage(&heading),
            without_heading(&usage, paint.0)
        ));
    }
    match help_flag(cmd) {
        Some(flag) => out.push_str(&format!(
            "\n\n{}\n",
            texts::try_help(paint.literal(flag)).get(lang)
        )),
        None => out.push('\n'),
    }
    StyledStr::from(out)
}

/// What went wrong, from the error's kind and context; `None` when clap gave too little to say
/// it.
fn describe(error: &clap::Error, paint: &Paint) -> Option<Text> {
    let arg = || string(error, ContextKind::InvalidArg);
    let value = || string(error, ContextKind::InvalidValue);
    let text = match error.kind() {
        ErrorKind::UnknownArgument => texts::unknown_argument(paint.invalid(arg()?)),
        ErrorKind::InvalidSubcommand => {
            texts::unknown_subcommand(paint.invalid(string(error, ContextKind::InvalidSubcommand)?))
        }
        ErrorKind::InvalidValue => {
            let (arg, value) = (arg()?, value()?);
            let said = if value.is_empty() {
                texts::value_required(paint.invalid(arg))
            } else {
                texts::invalid_value(paint.invalid(value), paint.literal(arg))
            };
            with_list(
                said,
                error,
                ContextKind::ValidValue,
                paint,
                texts::possible_values,
            )
        }
        ErrorKind::ValueValidation => {
            let (arg, value) = (paint.literal(arg()?), paint.invalid(value()?));
            match reason(error) {
                Some(reason) => texts::invalid_value_because(value, arg, reason),
                None => texts::invalid_value(value, arg),
            }
        }
        ErrorKind::TooManyValues => {
            texts::unexpected_value(paint.invalid(value()?), paint.literal(arg()?))
        }
        ErrorKind::TooFewValues => {
            let (min, actual) = (
                number(error, ContextKind::MinValues)?,
                number(error, ContextKind::ActualNumValues)?,
            );
            let text = if actual > 1 {
                texts::too_few_values
            } else {
                texts::too_few_values_one
            };
            text(
                paint.valid(min),
                paint.literal(arg()?),
                paint.invalid(actual),
            )
        }
        ErrorKind::WrongNumberOfValues => {
            let (expected, actual) = (
                number(error, ContextKind::ExpectedNumValues)?,
                number(error, ContextKind::ActualNumValues)?,
            );
            let text = if actual > 1 {
                texts::wrong_number_of_values
            } else {
                texts::wrong_number_of_values_one
            };
            text(
                paint.valid(expected),
                paint.literal(arg()?),
                paint.invalid(actual),
            )
        }
        ErrorKind::NoEquals => texts::no_equals(paint.invalid(arg()?)),
        ErrorKind::ArgumentConflict => conflict(error, paint)?,
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(error, ContextKind::InvalidArg)?;
            texts::missing_required(lines(missing, |a| paint.valid(a)))
        }
        ErrorKind::MissingSubcommand => {
            let name = string(error, ContextKind::InvalidSubcommand)?;
            let said = texts::missing_subcommand(paint.invalid(name));
            with_list(
                said,
                error,
                ContextKind::ValidSubcommand,
                paint,
                texts::subcommands_list,
            )
        }
        ErrorKind::InvalidUtf8 => texts::invalid_utf8(),
        _ => return None,
    };
    Some(text)
}

/// An argument (or subcommand) used with one it excludes, or used twice.
fn conflict(error: &clap::Error, paint: &Paint) -> Option<Text> {
    let prior = error.get(ContextKind::PriorArg);
    let (what, name) = match (
        string(error, ContextKind::InvalidArg),
        string(error, ContextKind::InvalidSubcommand),
    ) {
        (Some(arg), _) => {
            if prior == Some(&ContextValue::String(arg.to_string())) {
                return Some(texts::used_twice(paint.invalid(arg)));
            }
            (texts::argument_word(), arg)
        }
        (None, Some(sub)) => (texts::subcommand_word(), sub),
        (None, None) => return None,
    };
    let name = paint.invalid(name);
    Some(match prior {
        Some(ContextValue::Strings(others)) => {
            texts::conflict_list(what, name, lines(others, |a| paint.invalid(a)))
        }
        Some(ContextValue::String(other)) => texts::conflict(what, name, paint.invalid(other)),
        _ => texts::conflict_any(what, name),
    })
}

/// `said` and, on the next line, the names the context `kind` lists (`[possible values: zh,
/// en]`), if any.
fn with_list(
    said: Text,
    error: &clap::Error,
    kind: ContextKind,
    paint: &Paint,
    list: fn(String) -> Text,
) -> Text {
    match strings(error, kind) {
        Some(names) if !names.is_empty() => {
            let names: Vec<String> = names.iter().map(|n| paint.valid(n)).collect();
            Text::join(&[said, list(names.join(", "))], &Text::same("\n  "))
        }
        _ => said,
    }
}

/// Why a value was rejected: huibao's own reason as it is, or a number's, worded by the
/// catalog; `None` for a reason the catalog has no words for.
fn reason(error: &clap::Error) -> Option<Text> {
    let source = std::error::Error::source(error)?;
    if let Some(Reason(text)) = source.downcast_ref::<Reason>() {
        return Some(text.clone());
    }
    let number = source.downcast_ref::<ParseIntError>()?;
    Some(match number.kind() {
        IntErrorKind::Empty => texts::int_empty(),
        IntErrorKind::InvalidDigit => texts::int_invalid(),
        IntErrorKind::PosOverflow => texts::int_too_large(),
        IntErrorKind::NegOverflow => texts::int_too_small(),
        IntErrorKind::Zero => texts::int_zero(),
        _ => return None,
    })
}

/// The hints under the error: similar names, and clap's own suggestions that the catalog has
/// words for.
fn tips(error: &clap::Error, paint: &Paint) -> Vec<Text> {
    let mut tips = Vec::new();
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, texts::subcommand_word()),
        (ContextKind::SuggestedArg, texts::argument_word()),
        (ContextKind::SuggestedValue, texts::value_word()),
    ] {
        let names: Vec<&str> = match error.get(kind) {
            Some(ContextValue::String(name)) => vec![name],
            Some(ContextValue::Strings(names)) => names.iter().map(String::as_str).collect(),
            _ => continue,
        };
        let quoted: Vec<Text> = names
            .iter()
            .map(|n| texts::quoted(paint.valid(n)))
            .collect();
        match quoted.as_slice() {
            [] => {}
            [one] => tips.push(texts::similar_one(what, one)),
            _ => tips.push(texts::similar_many(
                what,
                Text::join(&quoted, &common::list_sep()),
            )),
        }
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = error.get(ContextKind::Suggested) {
        tips.extend(
            suggestions
                .iter()
                .filter_map(|s| suggestion(&s.to_string(), paint)),
        );
    }
    tips
}

/// One of clap's suggestions (English sentences with names in them: clap keeps no other form)
/// in the catalog's words; `None` for one it has no words for.
fn suggestion(english: &str, paint: &Paint) -> Option<Text> {
    if let Some(rest) = english.strip_prefix("to pass '") {
        let (arg, command) = rest.split_once("' as a value, use '")?;
        let command = command.strip_suffix('\'')?;
        return Some(texts::pass_as_value(
            paint.invalid(arg),
            paint.valid(command),
        ));
    }
    if let Some(rest) = english.strip_prefix("subcommand '") {
        let name = rest.strip_suffix("' exists; to use it, remove the '--' before it")?;
        return Some(texts::remove_double_dash(paint.valid(name)));
    }
    let command = english.strip_prefix('\'')?.strip_suffix("' exists")?;
    Some(texts::exists_in_subcommand(paint.valid(command)))
}

/// The usage line of the (sub)command the command line names (`huibao render …`).
fn usage_of(cmd: &Command, args: &[OsString]) -> StyledStr {
    let mut current = cmd;
    for arg in args.iter().skip(1).map(|a| a.to_string_lossy()) {
        if arg.starts_with('-') {
            continue;
        }
        match current.find_subcommand(arg.as_ref()) {
            Some(sub) => current = sub,
            None => break,
        }
    }
    current.clone().render_usage()
}

/// A usage line as clap renders it (with its styles), without clap's English heading
/// (`Usage: `).
fn without_heading(usage: &StyledStr, styles: &Styles) -> String {
    let heading = styles.get_usage();
    let styled = usage.ansi().to_string();
    if let Some(rest) = styled.strip_prefix(&format!("{heading}Usage:{heading:#} ")) {
        return rest.to_string();
    }
    let plain = usage.to_string();
    plain.strip_prefix("Usage: ").unwrap_or(&plain).to_string()
}

/// How to ask for help, as clap says it: the `--help` flag, else the `help` subcommand.
fn help_flag(cmd: &Command) -> Option<&'static str> {
    if !cmd.is_disable_help_flag_set() {
        Some("--help")
    } else if cmd.has_subcommands() && !cmd.is_disable_help_subcommand_set() {
        Some("help")
    } else {
        None
    }
}

/// Names one a line, each after a line break and an indent (clap's lists of arguments).
fn lines(names: &[String], paint: impl Fn(&str) -> String) -> String {
    names.iter().map(|n| format!("\n  {}", paint(n))).collect()
}

/// The context `kind` of `error` if it is a text.
fn string(error: &clap::Error, kind: ContextKind) -> Option<&str> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s),
        _ => None,
    }
}

/// The context `kind` of `error` if it is a list of texts.
fn strings(error: &clap::Error, kind: ContextKind) -> Option<&[String]> {
    match error.get(kind)? {
        ContextValue::Strings(s) => Some(s),
        _ => None,
    }
}

/// The context `kind` of `error` if it is a number.
fn number(error: &clap::Error, kind: ContextKind) -> Option<isize> {
    match error.get(kind)? {
        ContextValue::Number(n) => Some(*n),
        _ => None,
    }
}

/// Puts clap's styles (those of the command) around the parts of a message, as clap does: the
/// word `error`, the user's wrong input, the valid names, literals, the usage heading. The escape
/// codes are taken out again when standard error is not a terminal.
struct Paint<'a>(&'a Styles);

impl Paint<'_> {
    /// `text` in `style`.
    fn paint(style: &clap::builder::styling::Style, text: impl Display) -> String {
        format!("{style}{text}{style:#}")
    }

    fn error(&self, text: impl Display) -> String {
        Self::paint(self.0.get_error(), text)
    }

    fn invalid(&self, text: impl Display) -> String {
        Self::paint(self.0.get_invalid(), text)
    }

    fn valid(&self, text: impl Display) -> String {
        Self::paint(self.0.get_valid(), text)
    }

    fn literal(&self, text: impl Display) -> String {
        Self::paint(self.0.get_literal(), text)
    }

    fn usage(&self, text: impl Display) -> String {
        Self::paint(self.0.get_usage(), text)
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use clap::{Arg, ArgAction, Command};

    use super::*;

    /// A command with an argument of each shape clap checks, for the errors huibao's own
    /// command line cannot cause.
    fn shapes() -> Command {
        let mut cmd = Command::new("t")
            .subcommand(
                Command::new("sub")
                    .arg(Arg::new("eq").long("eq").require_equals(true))
                    .arg(Arg::new("few").long("few").num_args(2..))
                    .arg(Arg::new("three").long("three").num_args(3))
                    .arg(Arg::new("text").long("text"))
                    .arg(Arg::new("one").long("one").value_parser(only_one))
                    .arg(
                        Arg::new("n")
                            .long("n")
                            .value_parser(clap::value_parser!(usize)),
                    )
                    .arg(Arg::new("a").short('a').action(ArgAction::SetTrue))
                    .arg(Arg::new("b").short('b').action(ArgAction::SetTrue))
                    .arg(
                        Arg::new("c")
                            .short('c')
                            .action(ArgAction::SetTrue)
                            .conflicts_with_all(["a", "b"]),
                    ),
            )
            .subcommand(
                Command::new("deep")
                    .subcommand(Command::new("leaf"))
                    .subcommand_required(true),
            )
            .subcommand_required(true);
        cmd.build();
        cmd
    }

    /// A value parser whose reason is English (not huibao's own).
    fn only_one(s: &str) -> Result<u8, String> {
        match s {
            "1" => Ok(1),
            _ => Err("must be one".to_string()),
        }
    }

    /// The message of `args`' error in Simplified and Traditional Chinese, plain.
    fn told(cmd: &Command, args: &[OsString]) -> (ErrorKind, [String; 2]) {
        let e = cmd.clone().try_get_matches_from(args).unwrap_err();
        let kind = e.kind();
        let said = [Lang::Hans, Lang::Hant].map(|lang| message(&e, cmd, lang, args).to_string());
        (kind, said)
    }

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn every_kind_is_told_in_chinese() {
        let cmd = shapes();
        let mut cases: Vec<(Vec<OsString>, ErrorKind, &str)> = vec![
            (os(&["t", "sub", "--eq", "x"]), ErrorKind::NoEquals, "等号"),
            (
                os(&["t", "sub", "--few", "x"]),
                ErrorKind::TooFewValues,
                "至少需要 2 个值，只给了 1 个",
            ),
            (
                os(&["t", "sub", "--three", "x", "y"]),
                ErrorKind::WrongNumberOfValues,
                "需要 3 个值，却给了 2 个",
            ),
            (
                os(&["t", "sub", "-a", "-b", "-c"]),
                ErrorKind::ArgumentConflict,
                "参数“-a”不能与“-c”同时使用",
            ),
            (
                os(&["t", "sub", "-c", "-a", "-b"]),
                ErrorKind::ArgumentConflict,
                "参数“-c”不能与下列参数同时使用：\n  -a\n  -b",
            ),
            (
                os(&["t", "sub", "--text", "x", "--text", "y"]),
                ErrorKind::ArgumentConflict,
                "参数“--text <text>”只能用一次",
            ),
            (
                os(&["t", "sub", "--one", "2"]),
                ErrorKind::ValueValidation,
                "“--one <one>”的值“2”无效\n",
            ),
            (
                os(&["t", "sub", "--n", "x"]),
                ErrorKind::ValueValidation,
                "“--n <n>”的值“x”无效：不是有效的数字",
            ),
            (
                os(&["t", "deep"]),
                ErrorKind::MissingSubcommand,
                "[子命令: leaf",
            ),
            (
                os(&["t", "--nope"]),
                ErrorKind::UnknownArgument,
                "无法识别的参数“--nope”",
            ),
        ];
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let mut args = os(&["t", "sub", "--text"]);
            args.push(OsString::from_vec(vec![0xff, 0xfe]));
            cases.push((args, ErrorKind::InvalidUtf8, "UTF-8"));
        }
        let names = [
            "t", "sub", "deep", "leaf", "eq", "few", "three", "text", "one", "n", "nope", "a", "b",
            "c", "x", "y", "UTF", "help", "OPTIONS", "COMMAND",
        ];
        for (args, kind, wanted) in cases {
            let (got, [hans, hant]) = told(&cmd, &args);
            assert_eq!(got, kind, "{args:?}");
            assert!(
                hans.starts_with("错误: ") && hant.starts_with("錯誤: "),
                "{hans}\n{hant}"
            );
            assert!(hans.contains(wanted), "{args:?}: no {wanted:?} in\n{hans}");
            assert!(
                hans.ends_with("要了解更多信息，请试用“--help”。\n"),
                "{hans}"
            );
            assert!(hant.contains("請試用"), "{hant}");
            for text in [&hans, &hant] {
                let english: Vec<&str> = text
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| !w.is_empty() && !names.contains(w))
                    .collect();
                assert!(
                    english.is_empty(),
                    "{args:?}: English {english:?} in\n{text}"
                );
            }
        }
    }

    #[test]
    fn an_error_without_context_is_a_wrong_command_line_with_usage_and_help() {
        let cmd = shapes();
        let args = os(&["t", "sub", "-a"]);
        let e = clap::Error::raw(ErrorKind::Io, "broken");
        let said = message(&e, &cmd, Lang::Hans, &args).to_string();
        assert_eq!(
            said,
            "错误: 命令行有误\n\n用法: t sub [OPTIONS]\n\n要了解更多信息，请试用“--help”。\n"
        );
    }

    #[test]
    fn clap_suggestions_are_worded_by_the_catalog_or_left_out() {
        let styles = Styles::plain();
        let paint = Paint(&styles);
        let said = |s: &str| suggestion(s, &paint).map(|t| t.hans);
        assert_eq!(
            said("to pass '--foo' as a value, use '-- --foo'").as_deref(),
            Some("要把“--foo”作为值传入，请写成“-- --foo”")
        );
        assert_eq!(
            said("subcommand 'render' exists; to use it, remove the '--' before it").as_deref(),
            Some("有子命令“render”；要使用它，请去掉它前面的“--”")
        );
        assert_eq!(
            said("'render --watch' exists").as_deref(),
            Some("有“render --watch”可用")
        );
        assert_eq!(said("something clap says one day"), None);
    }
}
