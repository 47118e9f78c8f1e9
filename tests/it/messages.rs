//! One case per message family: the same code and location in Chinese and in English, each
//! worded in its own language.

use crate::common::cli;

use std::path::Path;
use std::process::Command;

struct Family {
    code: &'static str,
    data: &'static str,
    template: &'static str,
    args: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
}

const FAMILIES: &[Family] = &[
    Family {
        code: "E-TOML",
        data: "title = \n",
        template: "标题：{{title}}\n",
        args: &[],
        zh: "语法错误",
        en: "syntax error",
    },
    Family {
        code: "E-FACT-MISSING",
        data: "x = 1\n",
        template: "标题：{{title}}\n",
        args: &[],
        zh: "数据中缺少",
        en: "has no fact",
    },
    Family {
        code: "E-TEMPLATE-SYNTAX",
        data: "title = \"t\"\n",
        template: "标题：{{title}\n",
        args: &[],
        zh: "模板语法错误",
        en: "template syntax error",
    },
    Family {
        code: "E-HELPER",
        data: "title = \"t\"\n",
        template: "标题：{{shout title}}\n",
        args: &[],
        zh: "未知的模板函数",
        en: "unknown helper",
    },
    Family {
        code: "E-TYPE",
        data: "title = \"t\"\nn = 3\n",
        template: "标题：{{title}}\n\n共{{count n}}项\n",
        args: &[],
        zh: "应为列表",
        en: "must be a list",
    },
    Family {
        code: "E-GLYPH",
        data: "title = \"t😀\"\n",
        template: "标题：{{title}}\n",
        args: &[],
        zh: "字形",
        en: "has the character",
    },
    Family {
        code: "E-CONTROL-CHAR",
        data: "title = \"a\\u0007\"\n",
        template: "标题：{{title}}\n",
        args: &[],
        zh: "控制字符",
        en: "control character",
    },
    Family {
        code: "E-MARKUP-TITLE",
        data: "title = \"一二三四五六七八九十一二三四五六七八九十一\"\n",
        template: "标题：{{title}}\n",
        args: &[],
        zh: "标题一行最多",
        en: "title line holds at most",
    },
    Family {
        code: "E-MARKUP-TABLE",
        data: "title = \"t\"\n",
        template: "标题：{{title}}\n\n| a | b |\n| c |\n",
        args: &[],
        zh: "表格各行的格数不一致",
        en: "ragged table",
    },
    Family {
        code: "E-PARTIAL-LOOP",
        data: "title = \"t\"\n",
        template: "标题：{{title}}\n{{> report}}\n",
        args: &[],
        zh: "循环",
        en: "loop",
    },
    Family {
        code: "E-EMPTY",
        data: "title = \"t\"\n",
        template: "",
        args: &[],
        zh: "没有输出任何内容",
        en: "produced no text",
    },
    Family {
        code: "E-SET",
        data: "title = \"t\"\n",
        template: "标题：{{title}}\n",
        args: &["--set", "novalue"],
        zh: "无法解析",
        en: "cannot read",
    },
    Family {
        code: "E-SETTING",
        data: "title = \"t\"\n[style.grid]\nlines = \"many\"\n",
        template: "标题：{{title}}\n",
        args: &[],
        zh: "设置有误",
        en: "invalid [style] setting",
    },
    Family {
        code: "E-SCRIPT",
        data: "title = \"t\"\n[report]\nscript = \"zh-tw\"\n",
        template: "标题：{{title}}\n",
        args: &[],
        zh: "d.toml:3:10: 错误[E-SCRIPT]: report.script：未知的字体“zh-tw”",
        en: "d.toml:3:10: error[E-SCRIPT]: report.script: unknown script `zh-tw`",
    },
    Family {
        code: "E-UTF8",
        data: "title = \"\u{FFFD}\"\n",
        template: "标题：{{title}}\n",
        args: &[],
        zh: "UTF-8",
        en: "UTF-8",
    },
];

fn run(dir: &Path, f: &Family, lang: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_huibao"))
        .current_dir(dir)
        .args(["check", "d.toml", "-t", "t", "--lang", lang])
        .args(f.args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn head(msg: &str, code: &str) -> String {
    let line = msg
        .lines()
        .find(|l| l.contains(&format!("[{code}]")))
        .unwrap_or_else(|| panic!("no [{code}] in:\n{msg}"));
    line.split(['错', 'e', '警', 'w'])
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn every_family_speaks_chinese_and_english_with_one_code_and_place() {
    for f in FAMILIES {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("t")).unwrap();
        std::fs::write(dir.path().join("t/template.toml"), "entry = \"report\"\n").unwrap();
        std::fs::write(dir.path().join("t/report.hbs"), f.template).unwrap();
        let data: Vec<u8> = if f.code == "E-UTF8" {
            b"title = \"\xff\"\n".to_vec()
        } else {
            f.data.as_bytes().to_vec()
        };
        std::fs::write(dir.path().join("d.toml"), data).unwrap();
        let (zc, zh) = run(dir.path(), f, "zh");
        let (ec, en) = run(dir.path(), f, "en");
        assert_eq!((zc, ec), (Some(1), Some(1)), "{}: {zh}\n{en}", f.code);
        assert!(
            zh.contains(&format!("错误[{}]", f.code)),
            "{}: {zh}",
            f.code
        );
        assert!(
            en.contains(&format!("error[{}]", f.code)),
            "{}: {en}",
            f.code
        );
        assert!(
            zh.contains(f.zh),
            "{}: Chinese wording missing {:?}:\n{zh}",
            f.code,
            f.zh
        );
        assert!(
            en.contains(f.en),
            "{}: English wording missing {:?}:\n{en}",
            f.code,
            f.en
        );
        assert_eq!(
            head(&zh, f.code),
            head(&en, f.code),
            "{}: locations differ",
            f.code
        );
    }
}

#[test]
fn unwritable_output_folder_is_a_clear_error_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("blocker"), "a file, not a folder").unwrap();
    for (lang, word) in [("zh", "無法寫入"), ("en", "cannot write")] {
        let out = cli::render_example(
            &["-f", "txt", "--lang", lang],
            &dir.path().join("blocker/out"),
        );
        let msg = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{msg}");
        assert!(msg.contains("E-WRITE") && msg.contains(word), "{msg}");
    }
}

/// A setting of the wrong kind, an unknown key and an unknown choice are told in the catalog's
/// words at the value, in each language — not as the deserializer's English.
/// `huibao check d.toml --lang LANG` in `dir`, which must fail (exit code 1): its messages.
fn failed_check(dir: &std::path::Path, lang: &str) -> String {
    let out = cli::huibao_in(dir)
        .args(["check", "d.toml", "--lang", lang])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn settings_errors_are_worded_by_the_catalog_not_by_serde() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.toml"),
        "title = \"t\"\n\n[report]\ndate = \"2012-13-40\"\noutput = [\"a\"]\n\n\
         [style.page]\nmargin_top_mm = 30\ntop_mm = \"x\"\n",
    )
    .unwrap();
    let check = |lang: &str| failed_check(dir.path(), lang);
    let zh = check("zh");
    for (place, words) in [
        (
            "d.toml:4:8:",
            "应当是日期（如 2012-10-10，不加引号），写的却是文字 \"2012-13-40\"",
        ),
        ("d.toml:5:10:", "应当是文字（加英文双引号），写的却是列表"),
        (
            "d.toml:8:17:",
            "没有“margin_top_mm”这一项，可以写的有：width_mm、",
        ),
        ("d.toml:9:10:", "应当是数字，写的却是文字 \"x\""),
    ] {
        assert!(
            zh.lines()
                .any(|l| l.starts_with(place) && l.contains(words)),
            "{place} {words}:\n{zh}"
        );
    }
    for english in [
        "invalid type",
        "expected",
        "unknown field",
        "sequence",
        "f32",
    ] {
        assert!(!zh.contains(english), "{english} in:\n{zh}");
    }
    let en = check("en");
    for words in [
        "expected a date (like 2012-10-10, without quotes), found the text \"2012-13-40\"",
        "expected text (in double quotes), found a list",
        "there is no key `margin_top_mm`; the keys are: width_mm, height_mm",
        "expected a number, found the text \"x\"",
    ] {
        assert!(en.contains(words), "{words}:\n{en}");
    }
}

/// A spreadsheet source that is missing, or is not a workbook of its kind, is told in the
/// user's words at its `[sources]` line, not as the reader's English error.
#[test]
fn unreadable_workbooks_are_told_in_the_users_words() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.xlsx"), "not a zip").unwrap();
    std::fs::write(dir.path().join("bad.ods"), "not a zip either").unwrap();
    let check = |source: &str, lang: &str| {
        std::fs::write(
            dir.path().join("d.toml"),
            format!("title = \"t\"\n\n[sources]\ns = \"{source}\"\n"),
        )
        .unwrap();
        failed_check(dir.path(), lang)
    };
    for (source, zh, en) in [
        (
            "missing.xlsx",
            "无法读取：文件不存在",
            "cannot read: the file does not exist",
        ),
        (
            "bad.xlsx",
            "不是有效的 .xlsx 文件",
            "not a valid .xlsx file",
        ),
        ("bad.ods", "不是有效的 .ods 文件", "not a valid .ods file"),
    ] {
        let said = check(source, "zh");
        assert!(
            said.starts_with("d.toml:4:5: 错误[E-SOURCE-READ]") && said.contains(zh),
            "{said}"
        );
        assert!(!said.contains("error:") && !said.contains("Zip"), "{said}");
        let said = check(source, "en");
        assert!(said.contains(en), "{said}");
    }
}

#[test]
fn a_report_that_cannot_be_read_is_told_in_the_locales_script_unless_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    // (locale, extra args, expected words): no report script is known, so `--script`, else
    // the locale, decides, as for `huibao init` and the help.
    let cases: [(&str, &[&str], &str); 4] = [
        ("zh_TW.UTF-8", &[], "無法讀取文件"),
        ("zh_CN.UTF-8", &[], "无法读取文件"),
        ("zh_TW.UTF-8", &["--script", "hans"], "无法读取文件"),
        ("C.UTF-8", &["--script", "hant-tw"], "無法讀取文件"),
    ];
    for command in ["render", "check"] {
        for (locale, args, words) in cases {
            let o = cli::huibao_in(dir.path())
                .args([command, "nowhere.toml"])
                .args(args)
                .env("LANG", locale)
                .output()
                .unwrap();
            let e = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(1), "{e}");
            assert!(
                e.contains("[E-READ]") && e.contains(words),
                "{command} {args:?} under {locale}: no {words} in\n{e}"
            );
        }
    }
}
