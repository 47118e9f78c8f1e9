//! The redline compares the two reports' models and marks their DOCX where the writer put each
//! block: markup-like text, two equal paragraphs of which only the second changes, a paragraph
//! removed just before a table, a table row removed and one added — each tracked in its place
//! (checked in the XML and in LibreOffice's rendering of the redline).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::cli::huibao_in;
use crate::common::docx_read::{unzip, El};
use crate::common::{lo, skip::skip};

const TEMPLATE: &str = "标题：{{title}}

{{a}}

{{b}}
{{#if intro}}

{{intro}}
{{/if}}

| 项目 | 数 |
|---|---|
{{#each rows}}
| {{name}} | {{n}} |
{{/each}}

以上汇报。
";

/// Facts shared by both versions: two equal paragraphs full of markup-like characters.
const SAME: &str = r#"title = "测试报告"
a = "规则 <b>加粗</b> &amp; 引用 &lt;x&gt;。第二句。"
"#;

fn setup() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("huibao-redline-model-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("t")).unwrap();
    std::fs::write(
        dir.join("t/template.toml"),
        "entry = \"report\"\nscript = \"hans\"\ndescription = \"redline\"\noptional = [\"intro\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join("t/report.hbs"), TEMPLATE).unwrap();
    let report =
        "\n[report]\ntemplate = \"t\"\noutput = \"r\"\ndate = 2021-03-01\nscript = \"hans\"\n";
    let rows = |rows: &[(&str, u32)]| -> String {
        rows.iter()
            .map(|(name, n)| format!("[[rows]]\nname = \"{name}\"\nn = {n}\n"))
            .collect()
    };
    let b_old = "b = \"规则 <b>加粗</b> &amp; 引用 &lt;x&gt;。第二句。\"\n";
    let b_new = "b = \"规则 <b>加粗</b> &amp; 引用 &lt;x&gt;。第二句改。\"\n";
    std::fs::write(
        dir.join("old.toml"),
        format!(
            "{SAME}{b_old}intro = \"表前一段。\"\n{}{report}",
            rows(&[("甲", 1), ("乙", 2), ("丙", 3)])
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("new.toml"),
        format!(
            "{SAME}{b_new}{}{report}",
            rows(&[("甲", 1), ("丙", 3), ("丁", 4)])
        ),
    )
    .unwrap();
    dir
}

/// What a body paragraph shows: its text with deleted text in [-…-] and inserted in {+…+},
/// and whether its paragraph mark is tracked (`-` deleted, `+` inserted).
fn shown(p: &El) -> String {
    let mark = match p.child("w:pPr").and_then(|p| p.child("w:rPr")) {
        Some(r) if r.child("w:del").is_some() => "-",
        Some(r) if r.child("w:ins").is_some() => "+",
        _ => "",
    };
    let mut s = mark.to_string();
    for e in p.elements() {
        match e.name.as_str() {
            "w:del" => s.push_str(&format!(
                "[-{}-]",
                e.all("w:delText")
                    .iter()
                    .map(|t| t.text())
                    .collect::<String>()
            )),
            "w:ins" => s.push_str(&format!("{{+{}+}}", e.text())),
            "w:r" => s.push_str(&e.text()),
            _ => {}
        }
    }
    s
}

#[test]
fn changes_are_tracked_in_their_place_from_the_models() {
    let dir = setup();
    let out = huibao_in(&dir)
        .env("HUIBAO_LANG", "en")
        .args([
            "diff", "old.toml", "new.toml", "-f", "docx", "-o", "red.docx",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("W-REDLINE"), "{stderr}");
    let pkg = unzip(&std::fs::read(dir.join("red.docx")).unwrap());
    let doc = pkg.xml("word/document.xml");
    let body = doc.child("w:body").unwrap();
    let mut seen: Vec<String> = Vec::new();
    for e in body.elements() {
        match e.name.as_str() {
            "w:p" => seen.push(shown(e)),
            "w:tbl" => {
                for tr in e.all("w:tr") {
                    let row = tr.child("w:trPr").map_or("", |p| {
                        if p.child("w:del").is_some() {
                            "-"
                        } else if p.child("w:ins").is_some() {
                            "+"
                        } else {
                            ""
                        }
                    });
                    let cells: Vec<String> = tr.all("w:p").into_iter().map(shown).collect();
                    seen.push(format!("row{row}|{}", cells.join("|")));
                }
            }
            _ => {}
        }
    }
    // (The semicolon before 。 is normalized to a full-width one, as in every fact.)
    let same = "规则 <b>加粗</b> &amp; 引用 &lt;x&gt；。";
    assert_eq!(
        seen,
        vec![
            "测试报告".to_string(),
            String::new(),
            // The first of the two equal paragraphs is untouched, the second has exactly its
            // changed sentence tracked.
            format!("{same}第二句。"),
            format!("{same}[-第二句。-]{{+第二句改。+}}"),
            // The removed paragraph stays before the table.
            "-[-表前一段。-]".to_string(),
            "row|项目|数".to_string(),
            "row|甲|1".to_string(),
            "row-|[-乙-]|[-2-]".to_string(),
            "row|丙|3".to_string(),
            "row+|{+丁+}|{+4+}".to_string(),
            "以上汇报。".to_string(),
        ]
    );

    if !lo::have("soffice") || !lo::have("pdftotext") {
        skip("soffice or pdftotext is not installed");
        return;
    }
    // LibreOffice shows the removed paragraph above the table and the removed row inside it.
    let pdf = lo::to_pdf(&dir.join("red.docx"));
    let text = pdftotext(&pdf);
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s} missing: {text}"))
    };
    assert!(at("表前一段") < at("项目"), "{text}");
    assert!(at("甲") < at("乙") && at("乙") < at("丙") && at("丙") < at("丁"));
    assert!(at("第二句改") < at("表前一段"));
    let _ = std::fs::remove_dir_all(&dir);
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
