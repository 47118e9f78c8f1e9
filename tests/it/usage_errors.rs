//! A command line huibao cannot parse: told in Simplified or Traditional Chinese with the
//! catalog's texts (the error, the hints, the usage heading, the help hint), in English exactly as
//! clap tells it; on standard error, with clap's exit code (2) in every language.

use std::collections::BTreeSet;
use std::process::{Command as Process, Output};

use huibao::cli::help;
use huibao::diag::Lang;

use crate::common::clap_names::{names as command_names, words};
use crate::common::cli::huibao;

/// `huibao ARGS` under `LANG=locale` (no other locale variable).
fn run(args: &[&str], locale: &str) -> Output {
    let mut c: Process = huibao();
    c.args(args)
        .env_remove("HUIBAO_LANG")
        .env_remove("LC_ALL")
        .env("LANG", locale);
    c.output().expect("run huibao")
}

/// What clap itself says to `huibao ARGS` (plain, as on a pipe), and its exit code.
fn clap_says(args: &[&str]) -> (String, i32) {
    let mut cmd = help::command(Lang::En);
    let e = cmd
        .try_get_matches_from_mut(std::iter::once("huibao").chain(args.iter().copied()))
        .expect_err("a usage error");
    let code = e.exit_code();
    (e.format(&mut cmd).render().to_string(), code)
}

/// The words a Chinese usage error may show: names of commands, options, value names and values,
/// the output formats (named in `--format`'s reason), and what the user typed.
fn names(args: &[&str]) -> BTreeSet<String> {
    // `OPTIONS` and `COMMAND` are clap's placeholders in the usage line.
    let mut allowed: BTreeSet<String> =
        ["huibao", "txt", "docx", "pdf", "ofd", "OPTIONS", "COMMAND"]
            .map(String::from)
            .into();
    allowed.extend(command_names(&help::command(Lang::Hans), false));
    for a in args {
        allowed.extend(words(a).map(String::from));
    }
    allowed
}

/// A usage error and what its Chinese message must say (Simplified, Traditional).
struct Case {
    args: &'static [&'static str],
    hans: &'static [&'static str],
    hant: &'static [&'static str],
}

const CASES: &[Case] = &[
    // An unknown option, with clap's hint to put it after `--`.
    Case {
        args: &["render", "--foo", "x.toml"],
        hans: &[
            "错误: 无法识别的参数“--foo”",
            "  提示: 要把“--foo”作为值传入，请写成“-- --foo”",
        ],
        hant: &[
            "錯誤: 無法識別的參數“--foo”",
            "  提示: 要把“--foo”作為值傳入，請寫成“-- --foo”",
        ],
    },
    // An unknown option close to one the command has.
    Case {
        args: &["render", "x.toml", "--wath"],
        hans: &["无法识别的参数“--wath”", "提示: 有相似的参数：“--watch”"],
        hant: &["無法識別的參數“--wath”", "提示: 有相似的參數：“--watch”"],
    },
    // An unknown subcommand close to one huibao has.
    Case {
        args: &["rendr", "x.toml"],
        hans: &["无法识别的子命令“rendr”", "提示: 有相似的子命令：“render”"],
        hant: &["無法識別的子命令“rendr”", "提示: 有相似的子命令：“render”"],
    },
    // huibao's own reasons, as they are.
    Case {
        args: &["render", "x.toml", "--format", "xx"],
        hans: &["“--format <FORMATS>”的值“xx”无效：未知格式“xx”"],
        hant: &["“--format <FORMATS>”的值“xx”無效：未知格式“xx”"],
    },
    Case {
        args: &["batch", "m.toml", "--shard", "3"],
        hans: &["“--shard <I/N>”的值“3”无效：分片“3”应写成 I/N"],
        hant: &["“--shard <I/N>”的值“3”無效：分片“3”應寫成 I/N"],
    },
    // A number that is not one.
    Case {
        args: &["batch", "m.toml", "--jobs", "x"],
        hans: &["“--jobs <N>”的值“x”无效：不是有效的数字"],
        hant: &["“--jobs <N>”的值“x”無效：不是有效的數字"],
    },
    // A required argument missing.
    Case {
        args: &["render"],
        hans: &["缺少下列必需的参数：\n  <DATA.toml>..."],
        hant: &["缺少下列必需的參數：\n  <DATA.toml>..."],
    },
    Case {
        args: &["diff", "old.toml"],
        hans: &["缺少下列必需的参数：\n  <NEW.toml>"],
        hant: &["缺少下列必需的參數：\n  <NEW.toml>"],
    },
    // Values not among an option's values, with the values listed.
    Case {
        args: &["render", "x.toml", "--lang", "xx"],
        hans: &["“--lang <LANG>”的值“xx”无效\n  [可选值: zh, en]"],
        hant: &["“--lang <LANG>”的值“xx”無效\n  [可選值: zh, en]"],
    },
    Case {
        args: &["check", "x.toml", "--script", "foo"],
        hans: &["“--script <SCRIPT>”的值“foo”无效\n  [可选值: hans, hant, hant-tw, hant-hk]"],
        hant: &["“--script <SCRIPT>”的值“foo”無效\n  [可選值: hans, hant, hant-tw, hant-hk]"],
    },
    Case {
        args: &["render", "x.toml", "--script", "hant_tw"],
        hans: &[
            "“--script <SCRIPT>”的值“hant_tw”无效",
            "  提示: 有相似的值：“hant-tw”",
        ],
        hant: &[
            "“--script <SCRIPT>”的值“hant_tw”無效",
            "  提示: 有相似的值：“hant-tw”",
        ],
    },
    Case {
        args: &["diff", "a.toml", "b.toml", "--format", "pdf"],
        hans: &["“--format <FORMAT>”的值“pdf”无效\n  [可选值: txt, docx]"],
        hant: &["“--format <FORMAT>”的值“pdf”無效\n  [可選值: txt, docx]"],
    },
    // An option without its value.
    Case {
        args: &["render", "x.toml", "--out"],
        hans: &["“--out <OUT>”需要一个值，但没有给出"],
        hant: &["“--out <OUT>”需要一個值，但沒有給出"],
    },
    // Too many values: a single-value option given twice, a value for a flag, a second
    // positional where one is taken.
    Case {
        args: &["render", "x.toml", "-o", "a", "-o", "b"],
        hans: &["参数“--out <OUT>”只能用一次"],
        hant: &["參數“--out <OUT>”只能用一次"],
    },
    Case {
        args: &["render", "x.toml", "--watch=yes"],
        hans: &["“--watch”不接受更多的值，却给了“yes”"],
        hant: &["“--watch”不接受更多的值，卻給了“yes”"],
    },
    Case {
        args: &["completions", "zsh", "bash"],
        hans: &["无法识别的参数“bash”"],
        hant: &["無法識別的參數“bash”"],
    },
    // Arguments that exclude each other.
    Case {
        args: &["init", "--list", "dir"],
        hans: &["参数“--list”不能与“[DIR]”同时使用"],
        hant: &["參數“--list”不能與“[DIR]”同時使用"],
    },
    // A subcommand after `--`.
    Case {
        args: &["--", "render"],
        hans: &["提示: 有子命令“render”；要使用它，请去掉它前面的“--”"],
        hant: &["提示: 有子命令“render”；要使用它，請去掉它前面的“--”"],
    },
];

/// `args` with `extra` options added: before a `--` (after which nothing is an option), else at
/// the end.
fn with(args: &[&'static str], extra: &[&'static str]) -> Vec<&'static str> {
    let at = args.iter().position(|a| *a == "--").unwrap_or(args.len());
    let mut all = args[..at].to_vec();
    all.extend(extra);
    all.extend(&args[at..]);
    all
}

/// The usage line clap prints after `Usage: `, if it prints one.
fn usage_line(english: &str) -> Option<&str> {
    english.lines().find_map(|l| l.strip_prefix("Usage: "))
}

#[test]
fn chinese_usage_errors_are_worded_by_the_catalog() {
    // (extra arguments, LANG, Traditional?)
    let runs: &[(&[&str], &str, bool)] = &[
        (&[], "zh_CN.UTF-8", false),
        (&[], "C.UTF-8", false),
        (&[], "zh_TW.UTF-8", true),
        (&[], "zh_HK.UTF-8", true),
        (&["--lang", "zh"], "en_US.UTF-8", false),
    ];
    for case in CASES {
        for (extra, locale, hant) in runs {
            // huibao itself has no `--lang`: only a subcommand's command line can take one.
            if !extra.is_empty() && case.args[0] == "--" {
                continue;
            }
            let args = with(case.args, extra);
            let (english, code) = clap_says(&args);
            assert_eq!(code, 2, "{args:?}");
            let out = run(&args, locale);
            let what = format!("huibao {args:?} under LANG={locale}");
            assert_eq!(out.status.code(), Some(code), "{what}: {out:?}");
            assert!(out.stdout.is_empty(), "{what}: {out:?}");
            let err = String::from_utf8(out.stderr).expect("UTF-8");
            let (start, usage, more, wanted) = if *hant {
                (
                    "錯誤: ",
                    "用法: ",
                    "要了解更多信息，請試用“--help”。\n",
                    case.hant,
                )
            } else {
                (
                    "错误: ",
                    "用法: ",
                    "要了解更多信息，请试用“--help”。\n",
                    case.hans,
                )
            };
            assert!(err.starts_with(start), "{what}:\n{err}");
            assert!(err.ends_with(&format!("\n\n{more}")), "{what}:\n{err}");
            for w in wanted {
                assert!(err.contains(w), "{what}: no {w:?} in\n{err}");
            }
            // The usage line is clap's, under a Chinese heading, where clap shows one.
            match usage_line(&english) {
                Some(line) => assert!(
                    err.contains(&format!("\n\n{usage}{line}\n\n")),
                    "{what}: no usage {line:?} in\n{err}"
                ),
                None => assert!(!err.contains(usage), "{what}:\n{err}"),
            }
            // Nothing in English but names.
            let allowed = names(&args);
            let left: Vec<&str> = words(&err).filter(|w| !allowed.contains(*w)).collect();
            assert!(left.is_empty(), "{what}: English {left:?} in\n{err}");
            // The same number of lines as clap's message: the same parts, in the same order.
            assert_eq!(
                err.lines().count(),
                english.lines().count(),
                "{what}:\n{err}\nclap:\n{english}"
            );
        }
    }
}

#[test]
fn lang_zh_speaks_chinese_under_any_locale() {
    let out = run(
        &["render", "--foo", "x.toml", "--lang", "zh"],
        "en_US.UTF-8",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("错误: 无法识别的参数“--foo”"), "{err}");
    // `--script` names a Traditional script: the message is in Traditional Chinese.
    let out = run(
        &["check", "--bad", "x.toml", "--script", "hant-tw"],
        "C.UTF-8",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("錯誤: 無法識別的參數“--bad”"), "{err}");
}

#[test]
fn english_usage_errors_are_claps_own() {
    for case in CASES {
        for (extra, locale) in [
            (&[][..], "en_US.UTF-8"),
            (&[][..], "en_GB.UTF-8"),
            (&["--lang", "en"][..], "zh_CN.UTF-8"),
        ] {
            let args = with(case.args, extra);
            let what = format!("huibao {args:?} under LANG={locale}");
            let out = run(&args, locale);
            let (english, code) = clap_says(&args);
            assert_eq!(out.status.code(), Some(code), "{what}: {out:?}");
            let err = String::from_utf8(out.stderr).expect("UTF-8");
            assert!(err.starts_with("error: "), "{what}:\n{err}");
            assert!(
                err.ends_with("\n\nFor more information, try '--help'.\n"),
                "{what}:\n{err}"
            );
            // A reason of huibao's own is worded when the error is rendered, in the language of
            // the command line that is running: here the test's, so it is checked below.
            if !english.contains("': ") {
                assert_eq!(err, english, "{what}");
            }
        }
    }
    // clap's messages, as they were before huibao had Chinese ones.
    let cases: &[(&[&str], &str)] = &[
        (
            &["render", "--foo", "x.toml"],
            "error: unexpected argument '--foo' found\n\n  tip: to pass '--foo' as a value, use '-- --foo'\n\nUsage: huibao render [OPTIONS] <DATA.toml>...\n\nFor more information, try '--help'.\n",
        ),
        (
            &["rendr"],
            "error: unrecognized subcommand 'rendr'\n\n  tip: a similar subcommand exists: 'render'\n\nUsage: huibao <COMMAND>\n\nFor more information, try '--help'.\n",
        ),
        (
            &["render", "x.toml", "--format", "xx"],
            "error: invalid value 'xx' for '--format <FORMATS>': unknown format `xx` (use txt, docx, pdf, ofd)\n\nFor more information, try '--help'.\n",
        ),
        (
            &["batch", "m.toml", "--shard", "3"],
            "error: invalid value '3' for '--shard <I/N>': invalid shard `3`: write I/N with 1 ≤ I ≤ N, e.g. 1/2\n\nFor more information, try '--help'.\n",
        ),
        (
            &["render"],
            "error: the following required arguments were not provided:\n  <DATA.toml>...\n\nUsage: huibao render <DATA.toml>...\n\nFor more information, try '--help'.\n",
        ),
        (
            &["render", "x.toml", "--lang", "xx"],
            "error: invalid value 'xx' for '--lang <LANG>'\n  [possible values: zh, en]\n\nFor more information, try '--help'.\n",
        ),
        (
            &["render", "x.toml", "-o", "a", "-o", "b"],
            "error: the argument '--out <OUT>' cannot be used multiple times\n\nUsage: huibao render [OPTIONS] <DATA.toml>...\n\nFor more information, try '--help'.\n",
        ),
    ];
    for (args, expected) in cases {
        let out = run(args, "en_US.UTF-8");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), *expected, "{args:?}");
    }
}
