//! Figures from spreadsheets: a workbook written here (rust_xlsxwriter) and a GBK CSV drive a
//! report; one changed cell changes exactly the lines that use it (and `diff` names the cell);
//! broken declared relations fail `check` naming both values and cells; the number helpers on
//! edge cases; the example spreadsheet report renders.

use std::path::Path;
use std::process::Command;

use handlebars::Handlebars;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::{json, Value};

use crate::common::cli::{huibao, run_en};

/// The cells of the test workbook that the tests vary.
#[derive(Clone)]
struct Book {
    /// 人均收入 of the second village (C4), shown with two decimals.
    income_2: f64,
    /// 人数 of the second village (B4): a number, or text.
    people_2: Result<f64, &'static str>,
    /// 汇总!B3, the declared total of 人数.
    total_people: f64,
    /// 汇总!F3, the declared rate done / target × 100.
    rate: f64,
}

impl Default for Book {
    fn default() -> Self {
        Book {
            income_2: 38.5,
            people_2: Ok(85.0),
            total_people: 269.0,
            rate: 111.89,
        }
    }
}

/// poverty.xlsx: sheet 深度贫困村 (a title in row 1, column names in row 2, three villages,
/// an empty row, then a note that is not part of the table) and sheet 汇总 (single cells).
fn write_book(path: &Path, b: &Book) {
    let mut wb = Workbook::new();
    let two = Format::new().set_num_format("0.00");
    let pct = Format::new().set_num_format("0.00%");
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    ws.set_name("深度贫困村").unwrap();
    ws.write_string(0, 0, "2024年深度贫困村情况").unwrap();
    for (c, h) in ["村名", " 人数 ", "人均收入", "覆盖率", "验收日期"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let rows: [Village; 3] = [
        ("石门村", Ok(120.0), 41.0, 0.1189, (2024, 3, 1)),
        ("东岭村", b.people_2, b.income_2, 0.2, (2024, 4, 15)),
        ("西沟村", Ok(64.0), 40.25, 0.5, (2024, 5, 20)),
    ];
    for (i, (name, people, income, cover, (y, m, d))) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_string(r, 0, *name).unwrap();
        match people {
            Ok(n) => ws.write_number(r, 1, *n).unwrap(),
            Err(t) => ws.write_string(r, 1, *t).unwrap(),
        };
        ws.write_number_with_format(r, 2, *income, &two).unwrap();
        ws.write_number_with_format(r, 3, *cover, &pct).unwrap();
        let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        ws.write_datetime_with_format(r, 4, &date, &day).unwrap();
    }
    ws.write_string(6, 0, "注：数据截至2024年11月").unwrap();
    let sum = wb.add_worksheet();
    sum.set_name("汇总").unwrap();
    for (c, h) in ["项目", "人数", "户数", "目标", "完成", "完成率"]
        .iter()
        .enumerate()
    {
        sum.write_string(1, c as u16, *h).unwrap();
    }
    sum.write_string(2, 0, "合计").unwrap();
    sum.write_number(2, 1, b.total_people).unwrap();
    sum.write_number(2, 2, 98.0).unwrap();
    sum.write_number(2, 3, 7000.0).unwrap();
    sum.write_number(2, 4, 7832.3).unwrap();
    sum.write_number_with_format(2, 5, b.rate, &two).unwrap();
    wb.save(path).unwrap();
}

/// 村名, 人数 (a number or text), 人均收入, 覆盖率, 验收日期 (y, m, d).
type Village<'a> = (&'a str, Result<f64, &'a str>, f64, f64, (u16, u8, u8));

/// stats.csv in GBK, as Excel for Chinese Windows saves it.
fn write_gbk_csv(path: &Path) {
    let text = "乡镇,培训人次\r\n城关镇,1200\r\n东明镇,800\r\n";
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the file must not be UTF-8"
    );
    std::fs::write(path, bytes).unwrap();
}

const DATA: &str = r#"[report]
template = "t"
script = "hans"
date = 2024-12-10

[sources]
deep = { file = "poverty.xlsx", sheet = "深度贫困村", header = 2 }
totals = { file = "poverty.xlsx", sheet = "汇总", cells = { people = "B3", households = "C3", target = "D3", done = "E3", rate = "F3" } }
stats = { file = "stats.csv" }
"#;

const CHECKS: &str = r#"
[checks]
people = { total = "totals.people", sum = "deep[].人数" }
rate = { value = "totals.rate", ratio = ["totals.done", "totals.target"], percent = true }
"#;

const TEMPLATE: &str = r#"标题：深度贫困村情况汇报

全县{{count deep measure="个"}}深度贫困村共有{{totals.people}}人、{{totals.households}}户。

石门村人均收入{{deep.0.人均收入}}元，覆盖率{{percent deep.0.覆盖率}}，{{date deep.0.验收日期}}通过验收。

完成率{{totals.rate}}%，完成数比目标{{change totals.target totals.done}}。

全年培训{{sum stats "培训人次"}}人次，城关镇占{{share stats.0.培训人次 (sum stats "培训人次")}}。

表题：各村情况
| 村名 | 人数 | 人均收入 | 验收日期 |
|---|---|---|---|
{{#each deep}}
| {{村名}} | {{人数}} | {{人均收入}} | {{date 验收日期 format="md"}} |
{{/each}}
| 合计 | {{sum deep "人数"}} | {{average deep "人均收入"}} | — |
"#;

/// A folder with the template `t`, and a data folder `sub` holding report.toml, the
/// workbook and the GBK CSV.
fn setup(root: &Path, sub: &str, book: &Book, checks: bool) {
    let t = root.join("templates/t");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("template.toml"),
        "entry = \"report\"\nscript = \"hans\"\n",
    )
    .unwrap();
    std::fs::write(t.join("report.hbs"), TEMPLATE).unwrap();
    let d = root.join(sub);
    std::fs::create_dir_all(&d).unwrap();
    let data = if checks {
        format!("{DATA}{CHECKS}")
    } else {
        DATA.to_string()
    };
    std::fs::write(d.join("report.toml"), data).unwrap();
    write_book(&d.join("poverty.xlsx"), book);
    write_gbk_csv(&d.join("stats.csv"));
}

fn render_txt(root: &Path, sub: &str) -> String {
    crate::common::cli::render_txt_en(
        root,
        &format!("{sub}/report.toml"),
        &format!("out-{sub}"),
        "report.txt",
    )
}

#[test]
fn workbook_and_gbk_csv_drive_prose_and_table() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path(), "a", &Book::default(), true);
    let text = render_txt(tmp.path(), "a");
    for want in [
        "全县三个深度贫困村共有269人、98户。",
        // 41 shown with the cell's two decimals; 0.1189 shown as 11.89 %; a date cell.
        "石门村人均收入41.00元，覆盖率11.89%，2024年3月1日通过验收。",
        "完成率111.89%，完成数比目标增长11.9%。",
        // From the GBK CSV.
        "全年培训2000人次，城关镇占60.0%。",
        "石门村\t120\t41.00\t3月1日",
        "东岭村\t85\t38.50\t4月15日",
        "合计\t269\t39.92\t—",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    // The note under the empty row is not a village.
    assert!(!text.contains("注：数据截至"), "{text}");

    // check lists the sources read, and the checks pass.
    let o = run_en(tmp.path(), &["check", "a/report.toml"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("source deep: poverty.xlsx!深度贫困村: 3 rows, columns: 村名, 人数, 人均收入, 覆盖率, 验收日期"),
        "{err}"
    );
    assert!(
        err.contains("source stats: stats.csv (GBK/GB18030): 2 rows, columns: 乡镇, 培训人次"),
        "{err}"
    );
    assert!(
        err.contains(
            "source totals: poverty.xlsx!汇总: cells done, households, people, rate, target"
        ),
        "{err}"
    );
}

#[test]
fn one_changed_cell_changes_exactly_its_lines_and_diff_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path(), "old", &Book::default(), true);
    let changed = Book {
        income_2: 39.0,
        ..Book::default()
    };
    setup(tmp.path(), "new", &changed, true);
    let (old, new) = (render_txt(tmp.path(), "old"), render_txt(tmp.path(), "new"));
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    assert_eq!(old_lines.len(), new_lines.len());
    let differing: Vec<(&str, &str)> = old_lines
        .iter()
        .zip(&new_lines)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (*a, *b))
        .collect();
    assert_eq!(
        differing,
        vec![
            ("东岭村\t85\t38.50\t4月15日", "东岭村\t85\t39.00\t4月15日"),
            ("合计\t269\t39.92\t—", "合计\t269\t40.08\t—"),
        ]
    );

    let o = run_en(
        tmp.path(),
        &["diff", "old/report.toml", "new/report.toml", "-f", "txt"],
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        text.contains(
            "Changed facts:\n  deep[1].人均收入: 38.50 → 39.00  [poverty.xlsx!深度贫困村!C4]\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("Computed figures with changed inputs:\n  {{average deep \"人均收入\"}} ("),
        "{text}"
    );
    assert!(text.contains("report.hbs:17) ← deep[1].人均收入"), "{text}");
    // No declared check reads 人均收入.
    assert!(
        !text.contains("Declared checks with changed inputs"),
        "{text}"
    );

    // A changed 人数 (with its total) names the declared check that reads it.
    let people = Book {
        people_2: Ok(95.0),
        total_people: 279.0,
        ..Book::default()
    };
    setup(tmp.path(), "people", &people, true);
    let o = run_en(
        tmp.path(),
        &["diff", "old/report.toml", "people/report.toml", "-f", "txt"],
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("Declared checks with changed inputs:\n  people (totals.people, deep[].人数) ← deep[1].人数, totals.people\n"),
        "{text}"
    );
}

#[test]
fn broken_relations_fail_check_naming_values_and_cells() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = Book {
        total_people: 300.0,
        rate: 112.0,
        ..Book::default()
    };
    setup(tmp.path(), "a", &broken, true);
    let o = run_en(tmp.path(), &["check", "a/report.toml"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("poverty.xlsx!汇总!B3: error[E-CHECK]: check `people` does not hold: totals.people = 300 (poverty.xlsx!汇总!B3) ≠ the sum of its parts 269 (deep[0].人数 = 120 (poverty.xlsx!深度贫困村!B3) + deep[1].人数 = 85 (poverty.xlsx!深度贫困村!B4) + deep[2].人数 = 64 (poverty.xlsx!深度贫困村!B5))"),
        "{err}"
    );
    assert!(
        err.contains("poverty.xlsx!汇总!F3: error[E-CHECK]: check `rate` does not hold: totals.rate = 112.00 (poverty.xlsx!汇总!F3) ≠ totals.done = 7832.3 (poverty.xlsx!汇总!E3) / totals.target = 7000 (poverty.xlsx!汇总!D3) × 100 = 111.89"),
        "{err}"
    );
    // render refuses too.
    let o = run_en(
        tmp.path(),
        &["render", "a/report.toml", "-f", "txt", "-o", "out"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!tmp.path().join("out/report.txt").exists());

    // A --set of the total is checked like the cell, and named as --set.
    setup(tmp.path(), "b", &Book::default(), true);
    let o = run_en(
        tmp.path(),
        &["check", "b/report.toml", "--set", "totals.people=270"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("totals.people = 270 (--set:1:1) ≠ the sum of its parts 269"),
        "{err}"
    );
}

#[test]
fn a_text_cell_where_a_number_is_summed_is_an_error_at_that_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let text_cell = Book {
        people_2: Err("不详"),
        ..Book::default()
    };
    // Through a declared check…
    setup(tmp.path(), "a", &text_cell, true);
    let o = run_en(tmp.path(), &["check", "a/report.toml"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("poverty.xlsx!深度贫困村!B4: error[E-CHECK-NUMBER]: check `people` needs a number at deep[1].人数, but it is the text \"不详\""),
        "{err}"
    );
    // …and through the sum helper in the template.
    setup(tmp.path(), "b", &text_cell, false);
    let o = run_en(tmp.path(), &["check", "b/report.toml"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("deep[1].人数 must be a number, got the text \"不详\" (cell poverty.xlsx!深度贫困村!B4)"),
        "{err}"
    );
}

#[test]
fn an_empty_cell_is_a_missing_fact_named_by_its_cell() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path(), "a", &Book::default(), false);
    // The CSV's second town has no figure.
    let (bytes, _, _) = encoding_rs::GBK.encode("乡镇,培训人次\r\n城关镇,1200\r\n东明镇,\r\n");
    std::fs::write(tmp.path().join("a/stats.csv"), bytes).unwrap();
    let o = run_en(tmp.path(), &["check", "a/report.toml"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("stats[1].培训人次 is missing (row 2 has no such field) (the cell stats.csv!B3 is empty)"),
        "{err}"
    );
}

#[test]
fn bad_declarations_point_at_the_data_file() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path(), "a", &Book::default(), false);
    let data = tmp.path().join("a/report.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(
        &data,
        text.replace("sheet = \"深度贫困村\"", "sheet = \"贫困村\"")
            .replace("stats.csv", "missing.csv"),
    )
    .unwrap();
    let o = run_en(tmp.path(), &["check", "a/report.toml"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("a/report.toml:7:8: error[E-SOURCE-READ]: ")
            && err.contains("no sheet named `贫困村` (sheets: 深度贫困村, 汇总)"),
        "{err}"
    );
    assert!(
        err.contains("a/report.toml:9:9: error[E-SOURCE-READ]: ") && err.contains("missing.csv"),
        "{err}"
    );
    // Column names looked for in an empty row: the message names that row's first cell.
    std::fs::write(&data, text.replace("header = 2", "header = 9")).unwrap();
    let o = run_en(tmp.path(), &["check", "a/report.toml"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "poverty.xlsx!深度贫困村!A9: error[E-SOURCE-HEADER]: row 9 holds no column names"
        ),
        "{err}"
    );
}

#[test]
fn example_spreadsheet_report_renders_from_its_csv_files() {
    let tmp = tempfile::tempdir().unwrap();
    let o = huibao()
        .args(["render", "data/tuopin-2024.toml", "-f", "txt,docx", "-o"])
        .arg(tmp.path())
        .env("HUIBAO_LANG", "en")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(tmp.path().join("tuopin-2024.txt")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/tuopin");
    let csv = std::fs::read_to_string(root.join("towns.csv")).unwrap();
    // Every village row of the CSV is a table row, figures as written (1520.50 keeps its 0).
    for line in csv.lines().skip(1) {
        assert!(
            text.contains(&line.replace(',', "\t")),
            "{line} not in\n{text}"
        );
    }
    for want in [
        "全县五个乡镇共纳入防返贫监测1551户、4631人",
        "全年投入帮扶资金5356.50万元（约0.54亿元），比上年增长5.0%",
        "合计\t1551\t4631\t5356.50\t5100.50",
        "为上年的111.4%",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(tmp.path().join("tuopin-2024.docx").is_file());
    let o = huibao()
        .args(["check", "data/tuopin-2024.toml"])
        .env("HUIBAO_LANG", "en")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("source towns: tuopin/towns.csv (UTF-8): 5 rows"),
        "{err}"
    );
}

fn registry() -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(handlebars::no_escape);
    huibao::helpers::register(&mut hb);
    hb
}

fn facts() -> Value {
    json!({
        "report": { "script": "hans", "date": "2012-10-10" },
        "zero": 0, "neg": -3.5, "huge": 99999999999999999999i128, "text": "十一",
        "empty": [], "parts": [4398, 1905], "mixed": [1, "二"],
        "rows": [{"n": 1.10}, {"n": 2.25}, {"n": -0.35}],
        "old": 7000, "new": 7900, "rate_a": 11.2, "rate_b": 12.5,
        "list": ["甲", "乙", "丙"], "two": ["甲", "乙"],
    })
}

/// Renders each (template, expected) pair; an expected value starting with `!` is an error
/// message (English) that must contain the rest.
fn table(cases: &[(&str, &str)]) {
    let hb = registry();
    let data = facts();
    for (template, want) in cases {
        match (hb.render_template(template, &data), want.strip_prefix('!')) {
            (Ok(got), None) => assert_eq!(&huibao::provenance::strip(&got), want, "{template}"),
            (Err(e), Some(msg)) => {
                let en = huibao::helpers::helper_error(&e)
                    .map(|h| h.message.en.clone())
                    .unwrap_or_else(|| e.to_string());
                assert!(en.contains(msg), "{template}: {en}");
            }
            (Ok(got), Some(_)) => panic!("{template} rendered {got:?} instead of failing"),
            (Err(e), None) => panic!("{template} failed: {e}"),
        }
    }
}

#[test]
fn number_helpers_on_edge_cases() {
    table(&[
        // sum
        ("{{sum parts}}", "6303"),
        ("{{sum rows \"n\"}}", "3.00"),
        ("{{sum empty}}", "0"),
        ("{{sum zero neg}}", "-3.5"),
        ("{{sum 0.1 0.2}}", "0.3"),
        ("{{sum huge 1}}", "100000000000000000000"),
        (
            "{{sum mixed}}",
            "!mixed[1] must be a number, got the text \"二\"",
        ),
        ("{{sum text}}", "!must be a number, got the text"),
        // minus / diff
        ("{{minus 6250 parts.0}}", "1852"),
        ("{{diff 0.3 0.1}}", "0.2"),
        ("{{minus zero neg}}", "3.5"),
        // ratio
        ("{{ratio new old}}", "1.1286"),
        ("{{ratio 6 3}}", "2"),
        ("{{ratio neg 7 digits=2}}", "-0.50"),
        ("{{ratio 1 zero}}", "!the divisor zero is 0"),
        ("{{ratio text 2}}", "!must be a number"),
        // share
        ("{{share parts.0 (sum parts)}}", "69.8%"),
        ("{{share zero 5}}", "0.0%"),
        ("{{share 1 3 digits=2}}", "33.33%"),
        ("{{percent (share 1 8 digits=2)}}", "12.50%"),
        ("{{share 1 zero}}", "!is 0"),
        // change of two figures
        ("{{change old new}}", "增长12.9%"),
        ("{{change new old}}", "下降11.4%"),
        ("{{change old old}}", "持平"),
        ("{{change rate_a rate_b unit=\"点\"}}", "增加1.3个百分点"),
        ("{{change rate_b rate_a unit=\"点\"}}", "减少1.3个百分点"),
        ("{{change neg 3.5}}", "增长200.0%"),
        ("{{change zero 5}}", "!the old value is 0"),
        ("{{change text 5}}", "!must be a number"),
        // average, round, fixed
        ("{{average rows \"n\"}}", "1.00"),
        ("{{average parts}}", "3151.5"),
        ("{{average 1 2 2}}", "1.67"),
        ("{{average empty}}", "!the list is empty"),
        ("{{round 3.14159 2}}", "3.14"),
        ("{{round 2.5}}", "3"),
        ("{{round -2.5}}", "-3"),
        ("{{round 3.10 digits=1}}", "3.1"),
        ("{{fixed 3.1 2}}", "3.10"),
        ("{{fixed 2.675 2}}", "2.68"),
        ("{{fixed zero 1}}", "0.0"),
        ("{{round text 1}}", "!must be a number"),
        // wan / yi / permille
        ("{{wan 12345}}", "1.23万"),
        ("{{wan 30000}}", "3万"),
        ("{{wan 0}}", "0万"),
        ("{{wan -5000}}", "-0.5万"),
        ("{{wan 12345 digits=1 unit=\"万元\"}}", "1.2万元"),
        ("{{yi 320000000}}", "3.2亿"),
        ("{{yi huge}}", "1000000000000亿"),
        ("{{wan text}}", "!must be a number"),
        ("{{permille 3.5}}", "3.5‰"),
        // years
        ("{{year2 2005}}", "05年"),
        ("{{year2 report.date}}", "12年"),
        ("{{year_add report.date -1}}", "2011"),
        ("{{year_rel 2011}}", "去年"),
        ("{{year_rel 2010}}", "前年"),
        ("{{year_rel 2009}}", "2009年"),
        ("{{year_rel 2012 base=2013}}", "去年"),
        // 两 before a measure word
        ("{{count two measure=\"个\"}}方面", "两个方面"),
        ("{{count 2 measure=\"大\"}}主题", "两大主题"),
        ("{{count list measure=\"项\"}}", "三项"),
        ("{{count empty measure=\"个\"}}", "零个"),
        ("{{cn 12 measure=\"个\"}}", "十二个"),
        ("{{cn 2000 measure=\"人\"}}", "两千人"),
        // join with a separator
        ("{{join list sep=\"；\"}}", "甲；乙；丙"),
        ("{{join parts sep=\"+\"}}", "4398+1905"),
        ("{{join list sep=\"，\" last=\"以及\"}}", "甲，乙以及丙"),
        // unknown options name the helper's options
        (
            "{{percent 7.5 digitz=2}}",
            "!unknown option digitz; its options are: digits",
        ),
        (
            "{{join list sepp=\"+\"}}",
            "!unknown option sepp; its options are: last, sep",
        ),
        (
            "{{sum parts digits=1}}",
            "!unknown option digits; takes no options",
        ),
    ]);
}

#[test]
fn an_empty_text_fact_in_a_sentence_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path().join("t");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("template.toml"),
        "entry = \"report\"\nscript = \"hans\"\n",
    )
    .unwrap();
    std::fs::write(
        t.join("report.hbs"),
        "标题：测试\n\n收入达到{{income}}元。\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("a.toml"),
        "income = \"\"\n\n[report]\ntemplate = \"t\"\n",
    )
    .unwrap();
    let o = run_en(tmp.path(), &["check", "a.toml"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains(
            "warning[W-EMPTY-FACT]: fact `income` is empty text: the sentence will have a gap"
        ),
        "{err}"
    );
}

/// An .ods file written by hand (content.xml in a zip), as LibreOffice Calc saves one.
fn write_ods(path: &Path) {
    use std::io::Write as _;
    let cell = |v: &str| -> String {
        match v.parse::<f64>() {
            Ok(_) => format!(
                "<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
            ),
            Err(_) => format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
            ),
        }
    };
    let rows: String = [["乡镇", "培训人次"], ["城关镇", "1200"], ["东明镇", "850"]]
        .iter()
        .map(|r| {
            format!(
                "<table:table-row>{}{}</table:table-row>",
                cell(r[0]),
                cell(r[1])
            )
        })
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="培训">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        z.start_file(name, stored).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn layers_batches_and_ods_work_with_sources() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path(), "a", &Book::default(), true);
    // A later layer in another folder swaps the CSV for an .ods next to it.
    std::fs::create_dir_all(tmp.path().join("later")).unwrap();
    write_ods(&tmp.path().join("later/training.ods"));
    std::fs::write(
        tmp.path().join("later/layer.toml"),
        "[sources]\nstats = { file = \"training.ods\", sheet = \"培训\" }\n",
    )
    .unwrap();
    let o = run_en(
        tmp.path(),
        &[
            "render",
            "a/report.toml",
            "later/layer.toml",
            "-f",
            "txt",
            "-o",
            "out",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(tmp.path().join("out/report.txt")).unwrap();
    assert!(text.contains("全年培训2050人次，城关镇占58.5%。"), "{text}");

    // A batch manifest's data with sources, paths relative to each data file.
    std::fs::write(
        tmp.path().join("meetings.toml"),
        "[defaults]\ndata = [\"a/report.toml\"]\nformats = [\"txt\"]\n\n[[meeting]]\nname = \"m1\"\n\n[[meeting]]\nname = \"m2\"\ndata = [\"later/layer.toml\"]\n",
    )
    .unwrap();
    let o = run_en(tmp.path(), &["batch", "meetings.toml", "-o", "batch"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m1 = std::fs::read_to_string(tmp.path().join("batch/m1.txt")).unwrap();
    let m2 = std::fs::read_to_string(tmp.path().join("batch/m2.txt")).unwrap();
    assert!(m1.contains("全年培训2000人次"), "{m1}");
    assert!(m2.contains("全年培训2050人次"), "{m2}");
}

#[test]
fn watch_rerenders_when_a_source_file_is_saved() {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("t")).unwrap();
    std::fs::write(d.join("t/template.toml"), "entry = \"report\"\n").unwrap();
    std::fs::write(
        d.join("t/report.hbs"),
        "标题：汇报\n\n共培训{{sum s \"n\"}}人次。\n",
    )
    .unwrap();
    std::fs::write(d.join("data.toml"), "[sources]\ns = \"figures.csv\"\n").unwrap();
    std::fs::write(d.join("figures.csv"), "n\n1200\n800\n").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_huibao"))
        .args(["render", "data.toml", "-t", "t", "-f", "txt", "-o", "out"])
        .args(["--watch", "--watch-limit", "1"])
        .current_dir(d)
        .env("HUIBAO_LANG", "en")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    /// Kills the watcher however the test ends.
    struct Guard(std::process::Child);
    impl Drop for Guard {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _guard = Guard(child);
    let out = d.join("out/data.txt");
    let wait = |needle: &str| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if std::fs::read_to_string(&out).is_ok_and(|t| t.contains(needle)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    };
    assert!(wait("共培训2000人次"), "first render missing");
    // Give the watcher a moment to start watching, then save the CSV as an editor does.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(d.join("figures.swp"), "n\n1200\n900\n").unwrap();
    std::fs::rename(d.join("figures.swp"), d.join("figures.csv")).unwrap();
    assert!(
        wait("共培训2100人次"),
        "not re-rendered after the CSV was saved"
    );
}
