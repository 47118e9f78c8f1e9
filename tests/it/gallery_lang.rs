//! The template gallery in the user's language: `huibao init --list` and the unknown-template
//! help print each built-in template's kind and description in Simplified, Traditional or
//! English, chosen by `--lang` or the locale, and `--template` takes the kind as any of them shows
//! it.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::cli::huibao_in;

/// The built-in templates' folder names, in the order `--list` prints them.
const NAMES: [&str; 7] = [
    "diaoyan-baogao",
    "gongzuo-huibao",
    "huiyi-cailiao",
    "jiancha-huibao",
    "kepu-huibao",
    "qingkuang-baogao",
    "tuopin-huibao",
];

/// `huibao ARGS` in `dir` under `LANG=lang`, no other locale variable set.
fn huibao_lang(dir: &Path, args: &[&str], lang: &str) -> Output {
    let mut c: Command = huibao_in(dir);
    c.args(args)
        .env_remove("HUIBAO_LANG")
        .env_remove("LC_ALL")
        .env("LANG", lang);
    c.output().expect("run huibao")
}

/// `huibao init --list ARGS` under `LANG=lang`: its lines, each split into the name and the rest
/// (kind and description).
fn list(args: &[&str], lang: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["init", "--list"];
    all.extend_from_slice(args);
    let o = huibao_lang(dir.path(), &all, lang);
    assert!(o.status.success(), "{all:?} under {lang}: {o:?}");
    let out = String::from_utf8(o.stdout).expect("UTF-8");
    let lines: Vec<(String, String)> = out
        .lines()
        .map(|l| {
            let (name, rest) = l.split_once(' ').unwrap_or((l, ""));
            (name.to_string(), rest.trim().to_string())
        })
        .collect();
    let names: Vec<&str> = lines.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, NAMES, "{all:?} under {lang}:\n{out}");
    for (name, rest) in &lines {
        assert!(
            rest.chars().count() > 20,
            "{name}: no kind and description under {lang}: {rest:?}"
        );
    }
    lines
}

fn is_hanzi(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c)
}

/// The hanzi of `text` outside “…”, （…）, (…) and `…` (the catalog test's rule for English).
fn bare_hanzi(text: &str) -> String {
    let mut depth = 0i32;
    text.chars()
        .filter(|&c| {
            match c {
                '“' | '（' | '(' | '`' if depth == 0 => depth += 1,
                '”' | '）' | ')' if depth > 0 => depth -= 1,
                '`' => depth -= 1,
                _ => {}
            }
            depth == 0 && is_hanzi(c)
        })
        .collect()
}

#[test]
fn list_speaks_english_when_asked_or_by_locale() {
    let by_flag = list(&["--lang", "en"], "zh_CN.UTF-8");
    let by_locale = list(&[], "en_US.UTF-8");
    assert_eq!(by_flag, by_locale);
    for (name, rest) in &by_flag {
        assert_eq!(bare_hanzi(rest), "", "{name}: Chinese in English: {rest:?}");
        assert!(
            rest.split_whitespace().count() >= 6,
            "{name}: no English description: {rest:?}"
        );
    }
    let kinds: Vec<&str> = by_flag.iter().map(|(_, r)| r.as_str()).collect();
    assert!(kinds[5].starts_with("situation report  "), "{kinds:?}");
}

#[test]
fn list_speaks_traditional_under_a_traditional_locale() {
    let hant = list(&[], "zh_TW.UTF-8");
    assert_eq!(hant, list(&["--lang", "zh"], "zh_HK.UTF-8"));
    let hans = list(&[], "zh_CN.UTF-8");
    for ((name, t), (_, s)) in hant.iter().zip(&hans) {
        // Nothing left for s2tw to convert: no Simplified-only character.
        assert_eq!(&hanconv::s2tw(t), t, "{name}: Simplified in {t:?}");
        assert_ne!(t, s, "{name}: the Traditional line is the Simplified one");
        assert_eq!(&hanconv::t2s(t), s, "{name}: not the same wording");
        assert!(bare_hanzi(t).chars().count() > 10, "{name}: {t:?}");
    }
    // The 科普 template's own Traditional wording, as its template.toml writes it.
    assert!(hant[4]
        .1
        .starts_with("科普工作彙報  全民科學素質工作與科技服務活動情況彙報"));
}

#[test]
fn list_speaks_simplified_by_default() {
    let hans = list(&[], "zh_CN.UTF-8");
    assert_eq!(hans, list(&[], "C.UTF-8"));
    for (name, s) in &hans {
        // Nothing left for t2s to convert: no Traditional-only character.
        assert_eq!(&hanconv::t2s(s), s, "{name}: Traditional in {s:?}");
    }
    let cols: Vec<&str> = hans[5].1.split_whitespace().collect();
    assert_eq!(cols[0], "情况报告", "{hans:?}");
    assert!(cols[1].starts_with("版头（红头"), "{hans:?}");
}

#[test]
fn unknown_template_help_lists_kinds_in_the_language_and_any_kind_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("en_US.UTF-8", "qingkuang-baogao (situation report)"),
        ("zh_TW.UTF-8", "qingkuang-baogao（情況報告）"),
        ("zh_CN.UTF-8", "qingkuang-baogao（情况报告）"),
    ];
    for (lang, shown) in cases {
        let o = huibao_lang(dir.path(), &["init", "r", "--template", "通知"], lang);
        assert!(!o.status.success(), "{lang}: {o:?}");
        let err = String::from_utf8(o.stderr).expect("UTF-8");
        assert!(err.contains(shown), "{lang}: no {shown:?} in\n{err}");
        if lang.starts_with("en") {
            assert_eq!(bare_hanzi(&err), "", "Chinese in English:\n{err}");
        }
    }
    // The kind as each language shows it names the template.
    for (folder, kind) in [
        ("a", "situation report"),
        ("b", "情況報告"),
        ("c", "情况报告"),
    ] {
        let o = huibao_lang(dir.path(), &["init", folder, "--template", kind], "C.UTF-8");
        assert!(o.status.success(), "{kind}: {o:?}");
        assert!(
            dir.path()
                .join(folder)
                .join("templates/qingkuang-baogao/report.hbs")
                .is_file(),
            "{kind}"
        );
    }
}
