//! `--help` in the user's language: Simplified, Traditional or English headings, helps, values
//! and defaults, chosen by `--lang`, `--script` or the locale; every help text of the command line
//! has its catalog entry, and a Chinese help leaves nothing in English but names and examples.

use std::collections::BTreeSet;
use std::process::Command as Process;

use clap::builder::Command;
use clap::CommandFactory;
use huibao::cli::args::Cli;
use huibao::cli::help;
use huibao::diag::Lang;

use crate::common::clap_names::{commands, names, words};
use crate::common::cli::huibao;

/// `huibao ARGS` under `LANG=lang` (no other locale variable), its standard output.
fn help_text(args: &[&str], lang: &str) -> String {
    let mut c: Process = huibao();
    c.args(args)
        .env_remove("HUIBAO_LANG")
        .env_remove("LC_ALL")
        .env("LANG", lang);
    let out = c.output().expect("run huibao");
    assert!(out.status.success(), "huibao {args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8 help")
}

fn assert_has(text: &str, wanted: &[&str], absent: &[&str], what: &str) {
    for w in wanted {
        assert!(text.contains(w), "{what}: no {w:?} in\n{text}");
    }
    for a in absent {
        assert!(!text.contains(a), "{what}: {a:?} should not be in\n{text}");
    }
}

const ENGLISH_HEADINGS: &[&str] = &["Usage:", "Commands:", "Options:", "Arguments:"];

#[test]
fn help_speaks_the_language_of_lang_or_the_locale() {
    // (command line, LANG, language expected)
    let cases: &[(&[&str], &str, Lang)] = &[
        (&["--help", "--lang", "zh"], "C.UTF-8", Lang::Hans),
        (&["--help"], "zh_CN.UTF-8", Lang::Hans),
        (&["--help"], "C.UTF-8", Lang::Hans),
        (&["--help"], "zh_TW.UTF-8", Lang::Hant),
        (&["--help", "--lang", "zh"], "zh_HK.UTF-8", Lang::Hant),
        (&["--help", "--lang", "en"], "zh_CN.UTF-8", Lang::En),
        (&["--help"], "en_US.UTF-8", Lang::En),
    ];
    for (args, locale, lang) in cases {
        let text = help_text(args, locale);
        let what = format!("huibao {args:?} under LANG={locale}");
        match lang {
            Lang::Hans => assert_has(
                &text,
                &[
                    "用法: huibao <COMMAND>",
                    "命令:",
                    "选项:",
                    "把报告生成为 DOCX",
                    "显示帮助",
                ],
                &["選項", "Print help"],
                &what,
            ),
            Lang::Hant => assert_has(
                &text,
                &[
                    "用法: huibao <COMMAND>",
                    "命令:",
                    "選項:",
                    "把報告生成為 DOCX",
                    "顯示幫助",
                ],
                &["选项", "Print help"],
                &what,
            ),
            Lang::En => assert_has(
                &text,
                &[
                    "Usage: huibao <COMMAND>",
                    "Commands:",
                    "Options:",
                    "Render a report to",
                ],
                &["用法", "选项", "選項"],
                &what,
            ),
        }
        if *lang != Lang::En {
            assert_has(&text, &[], ENGLISH_HEADINGS, &what);
        }
    }
}

#[test]
fn subcommand_help_speaks_the_language_of_lang_script_or_the_locale() {
    let cases: &[(&[&str], &str, Lang)] = &[
        (&["render", "--help", "--lang", "zh"], "C.UTF-8", Lang::Hans),
        (&["render", "--help"], "zh_CN.UTF-8", Lang::Hans),
        (&["render", "--help"], "zh_TW.UTF-8", Lang::Hant),
        (
            &["render", "--script", "hant-tw", "--help"],
            "C.UTF-8",
            Lang::Hant,
        ),
        (&["help", "render"], "zh_TW.UTF-8", Lang::Hant),
        (&["render", "--lang=en", "--help"], "zh_TW.UTF-8", Lang::En),
        (
            &["render", "--help", "--lang", "en"],
            "zh_CN.UTF-8",
            Lang::En,
        ),
    ];
    for (args, locale, lang) in cases {
        let text = help_text(args, locale);
        let what = format!("huibao {args:?} under LANG={locale}");
        match lang {
            Lang::Hans => assert_has(
                &text,
                &[
                    "用法: huibao render [OPTIONS] <DATA.toml>...",
                    "参数:\n  <DATA.toml>...",
                    "选项:",
                    "输出格式，多个用英文逗号分隔：txt、docx、pdf、ofd",
                    "[默认: docx,pdf]",
                    "可选值:",
                    "- hant-tw: 繁体中文，台湾标准字形（為、眾）",
                    "示例:\n  huibao render data/lushi-2012.toml",
                    "huibao render example -f txt   （内置示例）",
                ],
                &["Output formats", "默認"],
                &what,
            ),
            Lang::Hant => assert_has(
                &text,
                &[
                    "用法: huibao render [OPTIONS] <DATA.toml>...",
                    "參數:",
                    "選項:",
                    "輸出格式，多個用英文逗號分隔：txt、docx、pdf、ofd",
                    "[默認: docx,pdf]",
                    "可選值:",
                    // Sample characters stay as written.
                    "- hant:    繁體中文，OpenCC 標準字形（爲、衆）",
                    "示例:",
                    "（內置示例）",
                ],
                &["Output formats", "默认"],
                &what,
            ),
            Lang::En => assert_has(
                &text,
                &[
                    "Usage: huibao render [OPTIONS] <DATA.toml>...",
                    "Arguments:",
                    "Options:",
                    "Output formats, comma-separated: txt, docx, pdf, ofd",
                    "[default: docx,pdf]",
                    "Possible values:",
                    "- hant:    Traditional Chinese, OpenCC standard forms (爲、衆)",
                    "Examples:",
                    "(the built-in example)",
                ],
                &["用法", "输出格式", "輸出格式"],
                &what,
            ),
        }
        if *lang != Lang::En {
            assert_has(&text, &[], ENGLISH_HEADINGS, &what);
        }
    }
    // The short help puts the default and the values after the help, in the same language.
    let short = help_text(&["diff", "-h"], "zh_TW.UTF-8");
    assert_has(
        &short,
        &[
            "[默認: txt] [可選值: txt, docx]",
            "顯示幫助（--help 顯示詳細說明）",
        ],
        &["default", "possible"],
        "huibao diff -h",
    );
}

#[test]
fn the_first_locale_variable_set_decides_the_script() {
    // (HUIBAO_LANG, LC_ALL, LANG, heading expected)
    let cases = [
        (None, Some("zh_CN.UTF-8"), "zh_TW.UTF-8", "选项:"),
        (Some("zh-Hant"), None, "zh_CN.UTF-8", "選項:"),
        (Some("zh"), None, "zh_HK.UTF-8", "选项:"),
        (None, Some("zh_MO.UTF-8"), "C.UTF-8", "選項:"),
        // English too: a later English variable does not override an earlier Chinese one.
        (Some("zh_CN.UTF-8"), None, "en_US.UTF-8", "选项:"),
        (None, Some("en_US.UTF-8"), "zh_TW.UTF-8", "Options:"),
    ];
    for (huibao_lang, lc_all, lang, heading) in cases {
        let mut c: Process = huibao();
        c.args(["check", "--help"])
            .env_remove("HUIBAO_LANG")
            .env_remove("LC_ALL")
            .env("LANG", lang);
        if let Some(v) = huibao_lang {
            c.env("HUIBAO_LANG", v);
        }
        if let Some(v) = lc_all {
            c.env("LC_ALL", v);
        }
        let out = c.output().expect("run huibao");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains(heading),
            "HUIBAO_LANG={huibao_lang:?} LC_ALL={lc_all:?} LANG={lang}: no {heading} in\n{text}"
        );
    }
}

/// Whether clap shows a longer help for `--help` than for `-h` (it gives its own `--help` a
/// longer text exactly then).
fn has_long_help(cmd: &Command) -> bool {
    cmd.get_arguments()
        .any(|a| a.get_id() == "help" && a.get_long_help().is_some())
}

/// Every text the help of the derive (in English) shows: about lines, helps of arguments and
/// of their values, and the texts clap adds.
fn english_texts() -> BTreeSet<String> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut texts = BTreeSet::new();
    for c in commands(&cmd) {
        texts.extend(c.get_about().map(|s| s.to_string()));
        texts.extend(c.get_long_about().map(|s| s.to_string()));
        for a in c.get_arguments() {
            texts.extend(a.get_help().map(|s| s.to_string()));
            texts.extend(a.get_long_help().map(|s| s.to_string()));
            for v in a.get_possible_values() {
                texts.extend(v.get_help().map(|s| s.to_string()));
            }
        }
    }
    texts
}

fn has_hanzi(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_help_text_of_every_command_has_a_catalog_entry() {
    let catalog = help::catalog();
    let texts = english_texts();
    // Every argument of every subcommand, and the subcommands themselves.
    assert!(texts.len() > 50, "{texts:?}");
    let missing: Vec<&String> = texts
        .iter()
        .filter(|t| help::translate(t, Lang::En, &catalog).is_none())
        .collect();
    assert!(missing.is_empty(), "not in the catalog: {missing:#?}");
    for t in &texts {
        assert_eq!(
            help::translate(t, Lang::En, &catalog).as_deref(),
            Some(t.as_str())
        );
        for lang in [Lang::Hans, Lang::Hant] {
            let zh = help::translate(t, lang, &catalog).unwrap_or_default();
            assert!(has_hanzi(&zh) && zh != *t, "{t:?} in {lang:?}: {zh:?}");
        }
    }
    // Examples: the same commands, headed and explained in each language.
    for sub in [
        "render",
        "check",
        "fonts",
        "init",
        "batch",
        "diff",
        "completions",
        "man",
    ] {
        let ex = help::examples(sub);
        assert!(ex.en.starts_with("Example"), "{sub}: {}", ex.en);
        assert!(
            ex.hans.starts_with("示例:\n  huibao "),
            "{sub}: {}",
            ex.hans
        );
        assert!(
            ex.hant.starts_with("示例:\n  huibao "),
            "{sub}: {}",
            ex.hant
        );
    }
}

#[test]
fn a_chinese_help_leaves_nothing_in_english_but_names_values_and_examples() {
    let english = english_texts();
    for lang in [Lang::Hans, Lang::Hant] {
        let cmd = help::command(lang);
        // Words a Chinese help may show: those of the catalog's Chinese texts (file formats,
        // settings, shells …), and the names of commands, options, value names, values and
        // defaults; `OPTIONS` and `COMMAND` are clap's placeholders in the usage line.
        let mut allowed: BTreeSet<String> = ["OPTIONS", "COMMAND"].map(String::from).into();
        for t in help::catalog() {
            allowed.extend(words(t.get(lang)).map(String::from));
        }
        allowed.extend(names(&cmd, true));
        for mut c in commands(&cmd) {
            for (form, text) in [
                ("-h", c.render_help().to_string()),
                ("--help", c.render_long_help().to_string()),
            ] {
                let what = format!("{lang:?} {} {form}", c.get_bin_name().unwrap_or_default());
                for e in &english {
                    assert!(
                        !text.contains(e.as_str()),
                        "{what}: English {e:?} in\n{text}"
                    );
                }
                // Example lines are commands, the same in every language.
                let body = text.split("\n示例:\n").next().unwrap_or_default();
                let left: Vec<&str> = words(body).filter(|w| !allowed.contains(*w)).collect();
                assert!(left.is_empty(), "{what}: English words {left:?} in\n{text}");
            }
        }
    }
}

#[test]
fn english_help_is_the_derive_as_clap_shows_it() {
    // Localizing into English changes nothing but blank lines' indentation.
    let plain =
        |s: String| -> Vec<String> { s.lines().map(|l| l.trim_end().to_string()).collect() };
    let mut derive = Cli::command();
    derive.build();
    let english = help::command(Lang::En);
    let (derive, english) = (commands(&derive), commands(&english));
    assert_eq!(derive.len(), english.len());
    for (mut d, mut e) in derive.into_iter().zip(english) {
        let name = d.get_bin_name().unwrap_or_default().to_string();
        assert_eq!(
            plain(e.render_help().to_string()),
            plain(d.render_help().to_string()),
            "{name} -h"
        );
        if has_long_help(&d) {
            assert_eq!(
                plain(e.render_long_help().to_string()),
                plain(d.render_long_help().to_string()),
                "{name} --help"
            );
        }
    }
}
