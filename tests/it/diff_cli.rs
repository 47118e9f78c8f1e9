//! `huibao diff`: one changed figure lists the fact and exactly the sentence it changes; the
//! redline DOCX tracks exactly that sentence as a w:del/w:ins pair, and LibreOffice shows both.

use crate::common::skip;

use std::io::Read as _;
use std::path::Path;
use std::process::Command;

fn huibao(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_huibao"));
    c.current_dir(dir);
    c.env("HUIBAO_LANG", "en");
    c.env_remove("SOURCE_DATE_EPOCH");
    c
}

const OLD_SENTENCE: &str = "我縣在今年三月開展了科技特派員啟動儀式，共選派74名科技特派員深入到有關單位，開展科技服務活動，他們與所在村、基地、協會、公司等已經建立了良好的合作關係，工作開展順利。";

/// old.toml is the example; new.toml has the 74 envoys changed to 97.
fn versions(dir: &Path) {
    let example =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lushi-2012.toml"))
            .unwrap();
    assert!(example.contains("first_batch = 74"));
    std::fs::write(dir.join("old.toml"), &example).unwrap();
    std::fs::write(
        dir.join("new.toml"),
        example.replace("first_batch = 74", "first_batch = 97"),
    )
    .unwrap();
}

#[test]
fn txt_diff_lists_the_fact_and_only_its_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    versions(tmp.path());
    let out = huibao(tmp.path())
        .args(["diff", "old.toml", "new.toml", "-f", "txt"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let new_sentence = OLD_SENTENCE.replace("74", "97");
    assert!(
        text.contains("Changed facts:\n  envoys.first_batch: 74 → 97\n"),
        "{text}"
    );
    let minus: Vec<&str> = text.lines().filter(|l| l.starts_with("- ")).collect();
    let plus: Vec<&str> = text.lines().filter(|l| l.starts_with("+ ")).collect();
    assert_eq!(minus, vec![format!("- {OLD_SENTENCE}")], "{text}");
    assert_eq!(plus, vec![format!("+ {new_sentence}")], "{text}");
    // No change: nothing listed.
    let out = huibao(tmp.path())
        .args(["diff", "old.toml", "old.toml"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "Changed facts:\n  (none)\nChanged sentences:\n  (none)\n"
    );
}

fn document_xml(docx: &Path) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    s.split(open)
        .skip(1)
        .filter_map(|p| p.split_once(close).map(|(a, _)| a))
        .collect()
}

#[test]
fn redline_tracks_exactly_the_changed_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    versions(d);
    let out = huibao(d)
        .args([
            "diff", "old.toml", "new.toml", "-f", "docx", "-o", "red.docx",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let xml = document_xml(&d.join("red.docx"));
    let dels = between(&xml, "<w:del ", "</w:del>");
    let inss = between(&xml, "<w:ins ", "</w:ins>");
    assert_eq!((dels.len(), inss.len()), (1, 1), "{xml}");
    let new_sentence = OLD_SENTENCE.replace("74", "97");
    assert!(dels[0].starts_with(r#"w:id="1" w:author="huibao" w:date="2012-10-10T00:00:00Z">"#));
    assert_eq!(
        between(
            dels[0],
            "<w:delText xml:space=\"preserve\">",
            "</w:delText>"
        ),
        [OLD_SENTENCE]
    );
    assert!(inss[0].starts_with(r#"w:id="2" w:author="huibao" w:date="2012-10-10T00:00:00Z">"#));
    assert_eq!(
        between(inss[0], "<w:t xml:space=\"preserve\">", "</w:t>"),
        [new_sentence.as_str()]
    );
    // The pair sits in its paragraph between the untouched sentences around it.
    assert!(xml.contains("以點帶面開展科技服務。</w:t></w:r><w:del "));
    assert!(xml.contains("</w:ins><w:r>"));
    // Everything outside the marks is the new report's own document, byte for byte.
    let plain = tmp.path().join("plain");
    let out = huibao(d)
        .args(["render", "new.toml", "-f", "docx", "-o"])
        .arg(&plain)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let own = document_xml(&plain.join("lushi-2012.docx"));
    let (head, _) = xml.split_once("<w:del ").unwrap();
    let (_, tail) = xml.split_once("</w:ins>").unwrap();
    let before = &head[..head.rfind("<w:p ").unwrap()];
    let after = &tail[tail.find("</w:p>").unwrap()..];
    assert!(
        own.starts_with(before),
        "paragraphs before the change differ"
    );
    assert!(own.ends_with(after), "paragraphs after the change differ");

    // LibreOffice opens it and its PDF (changes shown) has both figures.
    let soffice = Command::new("soffice").arg("--version").output();
    if soffice.is_err() || Command::new("pdftotext").arg("-v").output().is_err() {
        skip::skip("soffice or pdftotext not installed");
        return;
    }
    crate::common::lo::convert(&[&d.join("red.docx")], "pdf", &d.join("pdf"), d).unwrap();
    let txt = Command::new("pdftotext")
        .arg(d.join("pdf/red.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text: String = String::from_utf8_lossy(&txt.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("共選派74名"), "{text}");
    assert!(text.contains("共選派97名"), "{text}");
}

#[test]
fn source_date_epoch_dates_the_tracked_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    versions(d);
    let out = huibao(d)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args([
            "diff", "old.toml", "new.toml", "-f", "docx", "-o", "red.docx",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let xml = document_xml(&d.join("red.docx"));
    assert!(xml.contains(r#"w:date="2023-11-14T22:13:20Z""#), "{xml}");
    assert!(!xml.contains("2012-10-10T00:00:00Z"));
}
