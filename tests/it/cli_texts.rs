//! The commands' own lines come from the catalog: a report in Traditional script gets them in
//! Traditional characters (the user's values quoted as written), and English gets every line,
//! advice included, without Chinese words of its own.

use crate::common::cli::huibao;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_lists_sources_in_the_reports_script() {
    let o = huibao()
        .args(["check", "data/tuopin-2024.toml", "--script", "hant-tw"])
        .args(["--lang", "zh"])
        .output()
        .expect("huibao check");
    let err = text(&o.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("towns.csv"))
        .unwrap_or_else(|| panic!("no source line: {err}"));
    // The column names are the CSV's own (Simplified), the words around them Traditional.
    assert!(
        line.starts_with("數據源 towns：tuopin/towns.csv (UTF-8)，5 行，列：乡镇、"),
        "{line}"
    );
    assert!(!err.contains("数据源"), "{err}");
}

#[test]
fn batch_summary_in_traditional_and_in_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |lang: &str| {
        let o = huibao()
            .args([
                "batch",
                "data/meetings-2012.toml",
                "-f",
                "txt",
                "--lang",
                lang,
            ])
            .arg("-o")
            .arg(dir.path().join(lang))
            .output()
            .expect("huibao batch");
        assert!(o.status.success(), "{}", text(&o.stderr));
        text(&o.stdout)
    };
    // The manifest's reports are in Traditional script: so is the table.
    let zh = run("zh");
    let head: Vec<&str> = zh.lines().next().unwrap_or("").split_whitespace().collect();
    assert_eq!(head, ["會議", "輸出", "頁數", "狀態"], "{zh}");
    let row = zh
        .lines()
        .find(|l| l.starts_with("lushi-2012-city "))
        .map(|l| l.split_whitespace().collect::<Vec<_>>());
    assert_eq!(
        row.as_deref(),
        Some(&["lushi-2012-city", "lushi-2012-city.txt", "—", "完成"][..]),
        "{zh}"
    );
    assert!(zh.ends_with("共 3 個會議，完成 3，失敗 0\n"), "{zh}");
    let en = run("en");
    assert!(en.starts_with("meeting"), "{en}");
    assert!(en.ends_with("3 meetings, 3 ok, 0 failed\n"), "{en}");
}

/// `huibao fonts --builtin-fonts --lang en data/lushi-2012.toml EXTRA…`.
fn fonts_en(extra: &[&std::path::Path]) -> std::process::Output {
    huibao()
        .args([
            "fonts",
            "--builtin-fonts",
            "--lang",
            "en",
            "data/lushi-2012.toml",
        ])
        .args(extra)
        .output()
        .expect("huibao fonts")
}

#[test]
fn fonts_in_english_say_the_stand_in_and_how_to_get_a_fangsong() {
    let o = fonts_en(&[]);
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}");
    // The body asks for a 仿宋 and is drawn with the built-in Song face.
    let body = out
        .lines()
        .find(|l| l.starts_with("body: "))
        .unwrap_or_else(|| panic!("no body line: {out}"));
    assert!(
        body.contains("[built-in stand-in]")
            && body.ends_with("(FangSong, drawn with a Song face)"),
        "{body}"
    );
    assert!(
        out.contains("\nstand-ins (official font not installed): "),
        "{out}"
    );
    assert!(
        out.contains(
            "No FangSong (仿宋) font found; drawn with a Song (宋体) face: \
             body, heading 3, heading 4, table."
        ) && out.contains("([fonts.body], [fonts.heading3], [fonts.heading4], [fonts.table])"),
        "{out}"
    );
    for zh in ["正文", "内置", "另由", "替代", "以宋体"] {
        assert!(!out.contains(zh), "{zh} in: {out}");
    }
}

#[test]
fn the_fangsong_advice_names_only_the_roles_still_drawn_with_song() {
    // The body names a font file (taken as the 仿宋 it asks for); headings 3–4 and tables are
    // still drawn with the built-in Song face, and the advice says so, not "the body".
    let dir = tempfile::tempdir().expect("tempdir");
    let fonts = dir.path().join("fonts.toml");
    let kai = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/HuibaoKai-Regular.ttf");
    std::fs::write(&fonts, format!("[fonts.body]\nfile = \"{kai}\"\n")).expect("write data");
    let o = fonts_en(&[&fonts]);
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(
        out.contains("drawn with a Song (宋体) face: heading 3, heading 4, table.")
            && out.contains("([fonts.heading3], [fonts.heading4], [fonts.table])")
            && out.contains("as in [fonts.heading3] file = "),
        "{out}"
    );
}
