//! `huibao check` points a frame problem of the layout at the block the layout names, through
//! the markup line that block was parsed from — not at whatever line starts with a keyword.

use crate::common::cli::huibao_in;

/// Two pages of body text leave no room for the 版记 on page 2; the first paragraph is a fact
/// that reads like a 版记 line (`抄送：…`) but is body text.
#[test]
fn an_imprint_problem_points_at_the_imprint_not_at_a_look_alike_fact() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("templates/t");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        "entry = \"report\"\nscript = \"hans\"\n",
    )
    .unwrap();
    std::fs::write(
        tpl.join("report.hbs"),
        "{{body.lead}}\n\n{{body.text}}\n\n{{body.more}}\n\n印发机关：{{body.printer}}\n印发日期：2024年7月25日\n",
    )
    .unwrap();
    // One line, then paragraphs of 22 and 20 full lines (26 characters after the indent, then
    // 28 each): page 2 keeps one free line, too few for the 版记, which goes to page 4 after a
    // blank page 3.
    let text = "国".repeat(26 + 28 * 21);
    let more = "国".repeat(26 + 28 * 19);
    std::fs::write(
        dir.path().join("data.toml"),
        format!(
            "[report]\ntemplate = \"t\"\n\n[body]\nlead = \"抄送：各乡镇人民政府。\"\ntext = \"{text}\"\nmore = \"{more}\"\nprinter = \"云溪县人民政府办公室\"\n"
        ),
    )
    .unwrap();
    let o = huibao_in(dir.path())
        .args(["check", "data.toml", "--lang", "en"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "a warning, not an error: {err}");
    let at = err.find("W-LAYOUT-IMPRINT").expect("the imprint problem");
    // The warning's location is on the line before its code.
    let head = &err[err[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    assert!(head.contains("data.toml:8:"), "at the printer fact: {err}");
    assert!(
        !err.contains("data.toml:5:"),
        "not at the look-alike body fact: {err}"
    );
}
