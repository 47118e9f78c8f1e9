//! The template helpers rendered through a strict, non-escaping Handlebars registry, as the
//! pipeline sets it up: known answers for every helper, both scripts, and the errors a template
//! writer sees for wrong or missing values.

use handlebars::Handlebars;
use huibao::helpers::{helper_error, register, NAMES};
use serde_json::{json, Value};

fn registry() -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(handlebars::no_escape);
    register(&mut hb);
    hb
}

fn facts(script: &str) -> Value {
    json!({
        "report": { "script": script, "date": "2012-10-10" },
        "launch": "2012-10-10T09:30:00",
        "goals": ["到位", "健全", "有力", "完善", "豐富", "紮實"],
        "actions": ["甲", "乙", "丙", "丁"],
        "projects": ["一", "二", "三", "四"],
        "empty": [],
        "one": ["縣科協"],
        "two": ["縣委組織部", "縣科協"],
        "three": ["進農村", "進社區", "強技能"],
        "award_years": [2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012],
        "gappy_years": [2012, 2008, 2011, 2010, 2010, 2006],
        "problems": ["重視不夠，發展不平衡。", "經費不足"],
        "n": { "zero": 0, "eleven": 11, "big": 10001, "neg": -3, "half": 3.5, "trainees": 1234567 },
        "text": "十一",
        "one_year": [2012],
        "n_list": [1, 2, 3],
    })
}

/// The rendered text as the markup parser reads it (helper outputs carry provenance markers).
fn render(template: &str, data: &Value) -> Result<String, handlebars::RenderError> {
    registry()
        .render_template(template, data)
        .map(|t| huibao::provenance::strip(&t))
}

/// Renders each (template, expected) pair with `data` and compares.
fn check(data: &Value, cases: &[(&str, &str)]) {
    for (template, want) in cases {
        match render(template, data) {
            Ok(got) => assert_eq!(&got, want, "template {template}"),
            Err(e) => panic!("template {template} failed: {e}"),
        }
    }
}

#[test]
fn numerals() {
    let data = facts("hans");
    check(
        &data,
        &[
            (
                "{{cn 0}}|{{cn 10}}|{{cn 11}}|{{cn 19}}|{{cn 20}}",
                "零|十|十一|十九|二十",
            ),
            (
                "{{cn 100}}|{{cn 101}}|{{cn 110}}|{{cn 1000}}|{{cn 1001}}",
                "一百|一百零一|一百一十|一千|一千零一",
            ),
            (
                "{{cn 1010}}|{{cn 10000}}|{{cn 10001}}|{{cn 100000000}}",
                "一千零一十|一万|一万零一|一亿",
            ),
            (
                "{{cn n.neg}}|{{cn n.half}}|{{cn -0.25}}",
                "负三|三点五|负零点二五",
            ),
            (
                "{{cn n.eleven upper=true}}|{{cn 1010 upper=true}}",
                "壹拾壹|壹仟零壹拾",
            ),
            (
                "{{year_cn 2012}}|{{year_cn 2000}}|{{year_cn 0}}",
                "二〇一二|二〇〇〇|〇",
            ),
            ("連續{{cn n.eleven}}年", "連續十一年"),
        ],
    );
    let hant = facts("hant");
    check(
        &hant,
        &[
            (
                "{{cn n.big}}|{{cn 100000000}}|{{cn n.neg}}|{{cn 3.5}}",
                "一萬零一|一億|負三|三點五",
            ),
            (
                "{{cn 23 upper=true}}|{{cn 10000 upper=true}}",
                "貳拾參|壹萬",
            ),
        ],
    );
}

#[test]
fn dates() {
    let data = facts("hans");
    check(
        &data,
        &[
            ("{{date report.date}}", "2012年10月10日"),
            ("{{date report.date format=\"md\"}}上午", "10月10日上午"),
            ("{{date report.date format=\"cn\"}}", "二〇一二年十月十日"),
            ("{{date report.date format=\"ym\"}}", "2012年10月"),
            ("{{date launch format=\"cn_md\"}}", "十月十日"),
            (
                "{{date \"2021-12-21\" format=\"month\"}}{{date \"2021-12-21\" format=\"day\"}}",
                "十二月二十一日",
            ),
            (
                "{{weekday report.date}}|{{weekday \"2000-01-01\"}}",
                "星期三|星期六",
            ),
        ],
    );
    // A TOML datetime that reached the template as its serde table still works.
    let toml_form = json!({ "d": { "$__toml_private_datetime": "2012-10-10" } });
    check(&toml_form, &[("{{date d}}", "2012年10月10日")]);
}

#[test]
fn counts_and_streaks() {
    let data = facts("hans");
    check(
        &data,
        &[
            ("{{count goals}}個目標", "六個目標"),
            ("{{count actions}}大行動和{{count projects}}項工程等{{count actions projects}}項任務", "四大行動和四項工程等八項任務"),
            ("{{count actions projects arabic=true}}", "8"),
            ("{{count empty}}", "零"),
            ("連續{{streak award_years}}年（{{streak award_years arabic=true}}）", "連續十一年（11）"),
            ("{{streak_range award_years}}", "2002\u{2014}2012年"),
            ("{{streak gappy_years}}|{{streak_range gappy_years}}", "三|2010\u{2014}2012年"),
            ("{{streak one_year}}|{{streak_range one_year}}", "一|2012年"),
        ],
    );
}

#[test]
fn lists() {
    let data = facts("hans");
    check(
        &data,
        &[
            ("{{join three}}", "進農村、進社區和強技能"),
            ("{{join three last=\"及\"}}", "進農村、進社區及強技能"),
            ("{{join three last=\"、\"}}", "進農村、進社區、強技能"),
            (
                "{{join two}}|{{join one}}|{{join empty}}|",
                "縣委組織部和縣科協|縣科協||",
            ),
            ("{{join n_list}}", "1、2和3"),
            (
                "{{enumerate three}}",
                "（一）進農村；（二）進社區；（三）強技能。",
            ),
            (
                "{{enumerate problems style=\"shi\"}}",
                "一是重視不夠，發展不平衡；二是經費不足。",
            ),
            (
                "{{enumerate three style=\"shi\" sep=\"，\" end=\"\"}}",
                "一是進農村，二是進社區，三是強技能",
            ),
            ("[{{enumerate empty}}]", "[]"),
        ],
    );
}

#[test]
fn numbers_in_text() {
    let data = facts("hans");
    check(
        &data,
        &[
            (
                "{{thousands n.trainees}}|{{thousands 999}}|{{thousands -1234.5}}",
                "1,234,567|999|-1,234.5",
            ),
            ("{{thousands 1234.567 digits=2}}", "1,234.57"),
            (
                "{{percent 7.5}}|{{percent 7.46 digits=1}}|{{percent 12}}",
                "7.5%|7.5%|12%",
            ),
            (
                "{{change 12.5}}|{{change -3}}|{{change 0}}",
                "增长12.5%|下降3%|持平",
            ),
            (
                "{{change -3 unit=\"点\"}}|{{change 1.25 unit=\"点\" digits=1}}",
                "减少3个百分点|增加1.3个百分点",
            ),
            ("{{change 5 unit=\"万元\" up=\"增加\"}}", "增加5万元"),
            (
                "{{approx 12}}個|{{approx 97}}|{{approx 1234}}|{{approx 40}}",
                "10多個|近百|1200多|40",
            ),
        ],
    );
    check(
        &facts("hant"),
        &[
            (
                "{{change 12.5}}|{{change -3 unit=\"點\"}}",
                "增長12.5%|減少3個百分點",
            ),
            ("{{approx 9600}}|{{approx 12345}}", "近萬|1.2萬多"),
        ],
    );
}

#[test]
fn script_defaults_to_simplified_without_report_script() {
    let data = json!({ "n": 10001 });
    check(&data, &[("{{cn n}}", "一万零一")]);
}

/// Renders `template` expecting a helper error; returns (helper, zh, en).
fn helper_failure(template: &str, data: &Value) -> (String, String, String) {
    match render(template, data) {
        Ok(out) => panic!("{template} rendered {out:?} instead of failing"),
        Err(e) => match helper_error(&e) {
            Some(h) => (
                h.helper.to_string(),
                h.message.hans.clone(),
                h.message.en.clone(),
            ),
            None => panic!("{template}: not a helper error: {e}"),
        },
    }
}

#[test]
fn wrong_values_name_the_helper_and_what_it_expected() {
    let data = facts("hans");
    let cases = [
        (
            "{{count n.eleven}}",
            "count",
            "argument 1 (n.eleven) must be a list, got the number 11",
        ),
        (
            "{{count goals text}}",
            "count",
            "argument 2 (text) must be a list, got the text \"十一\"",
        ),
        ("{{join n.eleven}}", "join", "must be a list"),
        (
            "{{streak goals}}",
            "streak",
            "item 1 of the list must be a year",
        ),
        ("{{streak empty}}", "streak", "the list of years is empty"),
        (
            "{{date text}}",
            "date",
            "must be a date like 2012-10-10, got the text \"十一\"",
        ),
        (
            "{{date \"2013-02-29\"}}",
            "date",
            "must be a date like 2012-10-10",
        ),
        ("{{weekday n.eleven}}", "weekday", "got the number 11"),
        (
            "{{date report.date format=\"long\"}}",
            "date",
            "unknown format=\"long\"",
        ),
        ("{{cn text}}", "cn", "must be a number, got the text"),
        ("{{cn 3.5 upper=true}}", "cn", "must be a whole number"),
        (
            "{{cn n.eleven upper=\"yes\"}}",
            "cn",
            "option upper must be true or false",
        ),
        ("{{year_cn -5}}", "year_cn", "cannot be negative"),
        (
            "{{enumerate three style=\"abc\"}}",
            "enumerate",
            "unknown style=\"abc\"",
        ),
        ("{{percent text}}", "percent", "must be a number"),
        ("{{approx -1}}", "approx", "0 or more"),
        ("{{thousands goals}}", "thousands", "got a list of 6 items"),
        (
            "{{count}}",
            "count",
            "argument 1 is missing: expected a list",
        ),
    ];
    for (template, helper, en) in cases {
        let (got_helper, zh, got_en) = helper_failure(template, &data);
        assert_eq!(got_helper, helper, "{template}");
        assert!(got_en.contains(en), "{template}: {got_en}");
        assert!(
            got_en.starts_with(&format!("helper `{helper}`: ")),
            "{template}: {got_en}"
        );
        assert!(
            zh.starts_with(&format!("辅助函数 {helper}：")),
            "{template}: {zh}"
        );
    }
}

#[test]
fn missing_facts_are_named() {
    let data = facts("hans");
    for (template, helper, path) in [
        ("{{count goalz}}", "count", "goalz"),
        ("{{date report.dat}}", "date", "report.dat"),
        (
            "{{#each actions}}{{join this.items}}{{/each}}",
            "join",
            "this.items",
        ),
    ] {
        match render(template, &data) {
            Ok(out) => panic!("{template} rendered {out:?}"),
            Err(e) => {
                let text = match helper_error(&e) {
                    Some(h) => {
                        assert_eq!(h.helper, helper);
                        h.message.en.clone()
                    }
                    None => e.to_string(),
                };
                assert!(text.contains(path), "{template}: {text}");
            }
        }
    }
}

#[test]
fn bad_report_script_is_an_error() {
    let data = json!({ "report": { "script": "zh-tw" } });
    let (helper, _, en) = helper_failure("{{cn 1}}", &data);
    assert_eq!(helper, "cn");
    assert!(
        en.contains("report.script must be hans, hant, hant-tw or hant-hk"),
        "{en}"
    );
}

#[test]
fn every_named_helper_is_registered_and_reports_a_missing_argument() {
    let data = facts("hans");
    assert_eq!(NAMES.len(), 28);
    for name in NAMES {
        let (helper, zh, en) = helper_failure(&format!("{{{{{name}}}}}"), &data);
        assert_eq!(&helper, name);
        assert!(
            en.starts_with(&format!(
                "helper `{name}`: argument 1 is missing: expected "
            )),
            "{name}: {en}"
        );
        assert!(zh.contains("缺少第1个参数"), "{name}: {zh}");
    }
}
