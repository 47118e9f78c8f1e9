//! The DOCX and the PDF agree, and the DOCX is right where Word, WPS and LibreOffice read it
//! (issue 13, items 7–13 and 17): language tags and kinsoku lists, no character lost in
//! LibreOffice, the same keep rules (signature, widows and orphans, heading chains) and the
//! same first body line on page 1 in LibreOffice's rendering of our DOCX as in our layout,
//! run-in headings with an outline level, styles chained to the body style, a valid package.

use std::path::{Path, PathBuf};
use std::process::Command;

use huibao::layout::{layout, ApproxMeasure};
use huibao::model::{heading_number, Block, Document, Heading};
use huibao::style::Style;

use crate::common::cli::huibao;
use crate::common::docx_read::{unzip, El};
use crate::common::lo::{body_pages, have, lines, to_pdf, words};
use crate::common::skip;

fn tools() -> bool {
    if !have("soffice") || !have("pdftotext") {
        skip::skip("soffice or pdftotext not installed");
        return false;
    }
    true
}

fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("docx_agree")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Body lines per page of LibreOffice's rendering of `docx` (page numbers left out).
fn lo_pages(docx: &Path) -> Vec<Vec<String>> {
    body_pages(&to_pdf(docx))
}

/// Body lines per page of our layout of `doc` (what our PDF draws).
fn our_pages(doc: &Document) -> Vec<Vec<String>> {
    let style = Style::default();
    layout(doc, &style, &ApproxMeasure { style: &style })
        .iter()
        .map(|p| {
            p.lines[..p.lines.len() - 1]
                .iter()
                .map(|l| l.text())
                .collect()
        })
        .collect()
}

/// Our layout's and LibreOffice's lines per page of `doc`, after checking they agree.
fn both_pages(name: &str, doc: &Document) -> Vec<Vec<String>> {
    let d = dir(name);
    let docx = d.join(format!("{name}.docx"));
    std::fs::write(&docx, huibao::docx::write(doc, &Style::default()).unwrap()).unwrap();
    let lo = lo_pages(&docx);
    let ours = our_pages(doc);
    let count = |p: &[Vec<String>]| p.iter().map(Vec::len).collect::<Vec<_>>();
    assert_eq!(
        count(&lo),
        count(&ours),
        "lines per page: LibreOffice vs ours"
    );
    ours
}

fn para(text: &str) -> Block {
    Block::Paragraph { text: text.into() }
}

/// A paragraph of `n` full lines of hanzi (the first indented two cells).
fn lines_of(n: usize) -> Block {
    para(&"国".repeat(26 + 28 * (n - 1)))
}

#[test]
fn signature_takes_the_last_body_lines_to_its_page_in_both() {
    if !tools() {
        return;
    }
    // The body ends on the last line of page 1: name and date alone on page 2 before. (A
    // last paragraph that fills a page from its top is not split by LibreOffice, as Word and
    // our layout do: the signature then stays alone there.)
    let doc = Document {
        blocks: vec![
            lines_of(19),
            lines_of(3),
            Block::Signature {
                names: vec!["卢氏县科学技术协会".into()],
                date: "2012年10月10日".into(),
            },
        ],
    };
    let pages = both_pages("signature", &doc);
    let last = pages.last().unwrap();
    assert_eq!(last.len(), 5, "the last paragraph, name, date: {last:?}");
    assert!(last[..3].iter().all(|l| l.starts_with('国')));
}

#[test]
fn no_page_holds_a_paragraphs_last_line_alone_in_either() {
    if !tools() {
        return;
    }
    // 23 lines: the 23rd alone on page 2 before (民富、农村美的新局面。).
    let doc = Document {
        blocks: vec![lines_of(20), lines_of(3)],
    };
    let pages = both_pages("widow", &doc);
    assert_eq!(pages.len(), 2);
    assert!(pages[1].len() >= 2, "{:?}", pages[1]);
    // Orphan: a paragraph's first line is not left alone at a page's end either.
    let doc = Document {
        blocks: vec![lines_of(21), lines_of(4)],
    };
    let pages = both_pages("orphan", &doc);
    assert_eq!(pages[0].len(), 21, "{:?}", pages[0]);
}

#[test]
fn a_list_of_headings_does_not_empty_the_page_bottom_in_either() {
    if !tools() {
        return;
    }
    let mut blocks = vec![lines_of(15)];
    for n in 1..=7 {
        blocks.push(Block::Heading(Heading {
            level: 3,
            number: heading_number(3, n),
            text: format!("第{n}项工作"),
            body: None,
        }));
    }
    blocks.push(lines_of(3));
    let pages = both_pages("headings", &Document { blocks });
    // Before: the seven headings and two body lines moved whole, leaving 7 lines empty.
    assert!(
        pages[0].len() >= 20,
        "page 1 holds {} lines",
        pages[0].len()
    );
    // The last heading still comes with the body's first lines.
    let second = &pages[1];
    assert!(
        second[0].contains("第6项") && second[1].contains("第7项"),
        "{second:?}"
    );
}

/// `huibao render data/lushi-2012.toml ARGS -f docx,pdf,txt` into a fresh folder.
fn render_example(name: &str, args: &[&str]) -> PathBuf {
    let d = dir(name);
    let o = huibao()
        .args(["render", "data/lushi-2012.toml", "-f", "docx,pdf,txt"])
        .args(args)
        .arg("-o")
        .arg(&d)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    d
}

/// Characters of `txt` (spaces aside) that `pdf`'s extracted text lacks, with counts.
fn missing_chars(txt: &Path, pdf: &Path) -> Vec<(char, usize)> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let got = String::from_utf8_lossy(&out.stdout).to_string();
    let want = std::fs::read_to_string(txt).unwrap();
    let count = |s: &str, c: char| s.chars().filter(|&x| x == c).count();
    let mut chars: Vec<char> = want.chars().filter(|c| !c.is_whitespace()).collect();
    chars.sort_unstable();
    chars.dedup();
    chars
        .into_iter()
        .filter(|&c| count(&got, c) < count(&want, c))
        .map(|c| (c, count(&want, c) - count(&got, c)))
        .collect()
}

#[test]
fn libreoffice_draws_every_character_of_the_example_and_the_batch() {
    if !tools() {
        return;
    }
    let d = render_example("chars-example", &[]);
    let missing = missing_chars(
        &d.join("lushi-2012.txt"),
        &to_pdf(&d.join("lushi-2012.docx")),
    );
    assert!(missing.is_empty(), "example: {missing:?}");
    let d = dir("chars-batch");
    let o = huibao()
        .args(["batch", "data/meetings-2012.toml", "-f", "docx,txt", "-o"])
        .arg(&d)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for m in ["city", "province", "county-congress"] {
        let stem = d.join(format!("lushi-2012-{m}"));
        let pdf = to_pdf(&stem.with_extension("docx"));
        let missing = missing_chars(&stem.with_extension("txt"), &pdf);
        assert!(missing.is_empty(), "{m}: {missing:?}");
    }
}

#[test]
fn page_one_body_lines_sit_where_libreoffice_puts_them() {
    if !tools() {
        return;
    }
    // The example's title has two lines: the body starts three grid lines plus a blank below
    // the top in both (our PDF snapped to the grid; LibreOffice did not, 17 pt higher). Glyphs
    // sit 2 pt lower in LibreOffice's exact-height lines on every page; page 1 must show the
    // same offset as page 2.
    let d = render_example("page-one", &[]);
    let ours = lines(&words(&d.join("lushi-2012.pdf")).0);
    let lo = lines(&words(&to_pdf(&d.join("lushi-2012.docx"))).0);
    let y = |ls: &[crate::common::lo::Line], start: &str| {
        ls.iter()
            .find(|l| l.page == 1 && l.text.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start}"))
            .y
    };
    let top_of_page_2 = |ls: &[crate::common::lo::Line]| ls.iter().find(|l| l.page == 2).unwrap().y;
    let offset = top_of_page_2(&lo) - top_of_page_2(&ours);
    assert!(offset.abs() < 3.0, "page 2: {offset}");
    for start in ["尊敬的", "在這秋風", "一、"] {
        let (a, b) = (y(&ours, start), y(&lo, start));
        assert!(
            (b - a - offset).abs() < 0.5,
            "{start}: ours {a}, LibreOffice {b}, offset elsewhere {offset}"
        );
    }
}

fn lang_of(pkg: &crate::common::docx_read::Package) -> (String, Vec<String>) {
    let styles = pkg.xml("word/styles.xml");
    let lang = styles
        .find("w:docDefaults")
        .and_then(|d| d.find("w:lang"))
        .and_then(|l| l.attr("w:eastAsia"))
        .unwrap()
        .to_string();
    let settings = pkg.xml("word/settings.xml");
    let lists = ["w:noLineBreaksBefore", "w:noLineBreaksAfter"]
        .iter()
        .filter_map(|n| settings.child(n))
        .map(|e| format!("{} {}", e.attr("w:lang").unwrap(), e.attr("w:val").unwrap()))
        .collect();
    (lang, lists)
}

#[test]
fn traditional_reports_are_tagged_zh_tw_or_zh_hk_with_words_traditional_lists() {
    for (script, tag) in [
        ("hant-tw", "zh-TW"),
        ("hant", "zh-TW"),
        ("hant-hk", "zh-HK"),
    ] {
        let d = render_example(&format!("lang-{script}"), &["--script", script]);
        let pkg = unzip(&std::fs::read(d.join("lushi-2012.docx")).unwrap());
        let (lang, lists) = lang_of(&pkg);
        assert_eq!(lang, tag, "{script}");
        assert_eq!(lists.len(), 2, "{script}: {lists:?}");
        // Word's Traditional lists: — may not start a line, ％ may.
        assert!(lists[0].starts_with(&format!("{tag} ")) && lists[0].contains('—'));
        assert!(!lists[0].contains('％'), "{lists:?}");
        assert!(lists[1].starts_with(&format!("{tag} ")) && lists[1].contains('“'));
    }
    let d = render_example("lang-hans", &["--script", "hans"]);
    let pkg = unzip(&std::fs::read(d.join("lushi-2012.docx")).unwrap());
    assert_eq!(lang_of(&pkg), ("zh-CN".to_string(), Vec::new()));
}

#[test]
fn run_in_headings_keep_their_outline_level() {
    let d = render_example("outline", &[]);
    let pkg = unzip(&std::fs::read(d.join("lushi-2012.docx")).unwrap());
    let doc = pkg.xml("word/document.xml");
    let runin = doc
        .all("w:p")
        .into_iter()
        .find(|p| p.text().starts_with("（一）健全機構"))
        .expect("run-in heading");
    let lvl = runin
        .prop("w:pPr", "w:outlineLvl")
        .and_then(|e| e.attr("w:val"));
    assert_eq!(lvl, Some("1"), "a level-2 heading is outline level 1");
}

#[test]
fn styles_chain_to_the_body_style_and_only_used_styles_are_written() {
    let d = render_example("styles", &[]);
    let pkg = unzip(&std::fs::read(d.join("lushi-2012.docx")).unwrap());
    let styles = pkg.xml("word/styles.xml");
    let doc = &pkg.parts["word/document.xml"];
    let footers: String = pkg
        .parts
        .iter()
        .filter(|(k, _)| k.starts_with("word/footer"))
        .map(|(_, v)| v.as_str())
        .collect();
    let all = styles.all("w:style");
    let val = |s: &El, n: &str| s.child(n).and_then(|e| e.attr("w:val")).map(str::to_string);
    for s in &all {
        let id = s.attr("w:styleId").unwrap();
        let used = doc.contains(&format!("w:pStyle w:val=\"{id}\""))
            || footers.contains(&format!("w:pStyle w:val=\"{id}\""))
            || all
                .iter()
                .any(|o| val(o, "w:basedOn").as_deref() == Some(id));
        assert!(used || id == "Normal", "unused style {id}");
        if id == "BodyText" || id.starts_with("Heading") || id == "Normal" {
            assert_eq!(val(s, "w:next").as_deref(), Some("BodyText"), "{id}");
        }
    }
}

#[test]
fn an_ooxml_validator_finds_nothing_in_strict_mode() {
    if !have("openxml-audit") {
        skip::skip("openxml-audit not installed (pip install openxml-audit)");
        return;
    }
    let d = render_example("audit", &[]);
    let out = Command::new("openxml-audit")
        .args(["--policy", "strict", "-m", "0"])
        .arg(d.join("lushi-2012.docx"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.contains("Errors: 0"), "{text}");
}
