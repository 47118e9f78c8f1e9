//! The .docx read back as XML: page, grid, fonts per role, footers, tables, text safety and
//! byte-identical output.

use crate::common::docx_read;
use crate::common::docx_sample;

use docx_read::{parse, style, style_of, unzip, El};
use docx_sample::sample;
use huibao::model::{Block, Document, Heading};
use huibao::style::Style;

fn render(doc: &Document) -> Vec<u8> {
    huibao::docx::write(doc, &Style::default()).expect("docx")
}

fn body_paragraphs(doc: &El) -> Vec<&El> {
    doc.find("w:body")
        .unwrap()
        .elements()
        .filter(|e| e.name == "w:p")
        .collect()
}

fn val<'a>(e: Option<&'a El>, attr: &str) -> Option<&'a str> {
    e.and_then(|e| e.attr(attr))
}

#[test]
fn package_parts_are_complete_and_well_formed() {
    let pkg = unzip(&render(&sample()));
    assert_eq!(pkg.order[0], "[Content_Types].xml");
    for part in [
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
        "word/footer2.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ] {
        parse(&pkg.parts[part]);
        assert!(
            pkg.parts["[Content_Types].xml"].contains(&format!("/{part}"))
                || part.ends_with(".rels")
        );
    }
    // The theme part validators require, declared and linked from the main part; no theme font
    // references anywhere (WPS prompts for missing theme fonts).
    parse(&pkg.parts["word/theme/theme1.xml"]);
    assert!(pkg.parts["[Content_Types].xml"].contains("/word/theme/theme1.xml"));
    assert!(pkg.parts["word/_rels/document.xml.rels"].contains("relationships/theme"));
    assert!(pkg
        .parts
        .values()
        .all(|x| !x.contains("Theme=") && !x.contains("w:asciiTheme")));
}

#[test]
fn page_margins_and_grid() {
    let pkg = unzip(&render(&sample()));
    let doc = pkg.xml("word/document.xml");
    let sect = doc.find("w:sectPr").unwrap();
    let sz = sect.child("w:pgSz").unwrap();
    assert_eq!(
        (sz.attr("w:w"), sz.attr("w:h")),
        (Some("11906"), Some("16838"))
    );
    let m = sect.child("w:pgMar").unwrap();
    let get = |k: &str| m.attr(k).unwrap().parse::<i32>().unwrap();
    assert_eq!(
        (get("w:top"), get("w:bottom"), get("w:left"), get("w:right")),
        (2098, 1984, 1587, 1474)
    );
    // Type area 156 mm × 225 mm.
    assert_eq!(11906 - get("w:left") - get("w:right"), 8845);
    assert!((16838 - get("w:top") - get("w:bottom") - 12756).abs() <= 1);
    let grid = sect.child("w:docGrid").unwrap();
    assert_eq!(grid.attr("w:type"), Some("lines"));
    assert_eq!(grid.attr("w:linePitch"), Some("579"));
    let pitch: i32 = grid.attr("w:linePitch").unwrap().parse().unwrap();
    let area = 16838 - get("w:top") - get("w:bottom");
    assert_eq!(area / pitch, 22, "22 lines fill the type area");
    // The character spacing of 三号 text makes 28 hanzi fill the line, 29 not.
    let styles = pkg.xml("word/styles.xml");
    let normal = style(&styles, "Normal");
    let rpr = normal.child("w:rPr").unwrap();
    let spacing: i32 = val(rpr.child("w:spacing"), "w:val")
        .unwrap()
        .parse()
        .unwrap();
    let scale: i32 = val(rpr.child("w:w"), "w:val").unwrap().parse().unwrap();
    let size: i32 = val(rpr.child("w:sz"), "w:val").unwrap().parse().unwrap();
    assert_eq!(size, 32);
    // Half-points × 10 = twips; the scale in percent (99, with a spacing of −1).
    let advance = (size * 10 * scale) / 100 + spacing;
    assert!(
        28 * advance <= 8845 && 29 * advance > 8845,
        "advance {advance}"
    );
    let ppr = normal.child("w:pPr").unwrap();
    assert_eq!(val(ppr.child("w:spacing"), "w:line"), Some("579"));
    assert_eq!(val(ppr.child("w:spacing"), "w:lineRule"), Some("exact"));
    assert_eq!(val(ppr.child("w:autoSpaceDE"), "w:val"), Some("0"));
    assert_eq!(val(ppr.child("w:autoSpaceDN"), "w:val"), Some("0"));
    assert_eq!(val(ppr.child("w:jc"), "w:val"), Some("both"));
    let body = style(&styles, "BodyText").child("w:pPr").unwrap();
    assert_eq!(val(body.child("w:ind"), "w:firstLineChars"), Some("200"));
    // Exactly one Normal style, and it is the default.
    let normals: Vec<_> = styles
        .all("w:style")
        .into_iter()
        .filter(|s| s.attr("w:styleId") == Some("Normal"))
        .collect();
    assert_eq!(normals.len(), 1);
    assert_eq!(normals[0].attr("w:default"), Some("1"));
    let settings = pkg.xml("word/settings.xml");
    assert_eq!(
        val(settings.child("w:characterSpacingControl"), "w:val"),
        Some("doNotCompress")
    );
    assert!(settings.child("w:evenAndOddHeaders").is_some());
}

#[test]
fn every_run_names_its_east_asian_font() {
    let pkg = unzip(&render(&sample()));
    for part in ["word/document.xml", "word/footer1.xml", "word/footer2.xml"] {
        let x = pkg.xml(part);
        for r in x.all("w:r") {
            let fonts = r
                .prop("w:rPr", "w:rFonts")
                .unwrap_or_else(|| panic!("run without rFonts in {part}"));
            assert!(
                fonts.attr("w:eastAsia").is_some_and(|f| !f.is_empty()),
                "{part}"
            );
            let t = r.text();
            if t.contains(['“', '”', '—', '…']) {
                assert_eq!(fonts.attr("w:hint"), Some("eastAsia"), "{t}");
            }
        }
    }
    let styles = pkg.xml("word/styles.xml");
    for s in styles.all("w:style") {
        if let Some(f) = s.prop("w:rPr", "w:rFonts") {
            assert!(f.attr("w:eastAsia").is_some());
        }
    }
    let fonts = pkg.xml("word/fontTable.xml");
    let alt = |name: &str| {
        fonts
            .all("w:font")
            .into_iter()
            .find(|f| f.attr("w:name") == Some(name))
            .and_then(|f| val(f.child("w:altName"), "w:val"))
            .map(str::to_string)
    };
    assert_eq!(alt("仿宋_GB2312").as_deref(), Some("仿宋"));
    assert_eq!(alt("楷体_GB2312").as_deref(), Some("楷体"));
}

/// East-Asian font and size of the first run of the paragraph whose text starts with `start`.
fn first_run_font(doc: &El, start: &str) -> (String, String, Option<String>) {
    let p = body_paragraphs(doc)
        .into_iter()
        .find(|p| p.text().starts_with(start))
        .unwrap_or_else(|| panic!("{start}"));
    let r = p.find("w:r").unwrap();
    let rpr = r.child("w:rPr").unwrap();
    (
        val(rpr.child("w:rFonts"), "w:eastAsia")
            .unwrap()
            .to_string(),
        val(rpr.child("w:sz"), "w:val").unwrap().to_string(),
        val(rpr.child("w:b"), "w:val").map(str::to_string),
    )
}

#[test]
fn blocks_get_the_style_and_font_of_their_role() {
    let pkg = unzip(&render(&sample()));
    let doc = pkg.xml("word/document.xml");
    let styles = pkg.xml("word/styles.xml");
    let ps = body_paragraphs(&doc);
    // Title: two centred 2号 lines in 小标宋, exact 35 pt, off the grid, then one blank line.
    assert_eq!(style_of(ps[0]), "Title");
    assert_eq!(ps[1].text(), "落实情况汇报");
    assert_eq!(
        first_run_font(&doc, "卢氏县全民"),
        ("方正小标宋简体".into(), "44".into(), Some("0".into()))
    );
    let title = style(&styles, "Title").child("w:pPr").unwrap();
    assert_eq!(val(title.child("w:jc"), "w:val"), Some("center"));
    assert_eq!(val(title.child("w:spacing"), "w:line"), Some("700"));
    assert_eq!(val(title.child("w:snapToGrid"), "w:val"), Some("0"));
    assert_eq!(
        (style_of(ps[2]), first_run_font(&doc, "（2012").0),
        ("Subtitle".into(), "楷体_GB2312".into())
    );
    assert_eq!(ps[3].text(), "", "blank line after the title block");
    assert_eq!(style_of(ps[4]), "Salutation");
    assert_eq!(
        val(
            style(&styles, "Salutation").prop("w:pPr", "w:ind"),
            "w:firstLine"
        ),
        Some("0")
    );
    assert_eq!(style_of(ps[5]), "BodyText");
    // Headings: numbers from the model, fonts per level, 黑体 never bold, kept with next.
    assert_eq!(style_of(ps[6]), "Heading1");
    assert_eq!(ps[6].text(), "一、科技服务活动开展情况");
    assert_eq!(
        first_run_font(&doc, "一、"),
        ("黑体".into(), "32".into(), Some("0".into()))
    );
    assert_eq!(first_run_font(&doc, "（二）精选").0, "楷体_GB2312");
    // Only the levels the document uses are in styles.xml (unused styles are dropped).
    for level in [1, 2, 4] {
        let s = style(&styles, &format!("Heading{level}"));
        assert!(s.prop("w:pPr", "w:keepNext").is_some());
    }
    // Run-in heading: one body paragraph, heading run in 楷体 then body run in 仿宋.
    let runin = ps
        .iter()
        .find(|p| p.text().starts_with("（一）健全机构"))
        .unwrap();
    assert_eq!(style_of(runin), "BodyText");
    let runs = runin.all("w:r");
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].text(), "（一）健全机构，强化组织保障。");
    let ea = |r: &El| {
        val(r.prop("w:rPr", "w:rFonts"), "w:eastAsia")
            .unwrap()
            .to_string()
    };
    assert_eq!(
        (ea(runs[0]), ea(runs[1])),
        ("楷体_GB2312".into(), "仿宋_GB2312".into())
    );
    let l3 = ps.iter().find(|p| p.text().starts_with("1.突出")).unwrap();
    assert_eq!(ea(l3.all("w:r")[0]), "仿宋_GB2312");
    assert!(ps
        .iter()
        .any(|p| p.text() == "（1）加强科普基础设施建设" && style_of(p) == "Heading4"));
}

#[test]
fn attachments_signature_note_and_page_break() {
    let pkg = unzip(&render(&sample()));
    let doc = pkg.xml("word/document.xml");
    let ps = body_paragraphs(&doc);
    let i = ps
        .iter()
        .position(|p| p.text().starts_with("附件：1."))
        .unwrap();
    assert_eq!(
        ps[i - 1].text(),
        "",
        "blank line before the attachment note"
    );
    let ind = |p: &El, k: &str| val(p.prop("w:pPr", "w:ind"), k).map(|v| v.parse::<i32>().unwrap());
    // "附件：" starts 2 cells in (left 5 cells, hanging 3); "2." aligns under "1." at 5 cells.
    assert_eq!(
        (ind(ps[i], "w:left"), ind(ps[i], "w:hanging")),
        (Some(5 * 315), Some(3 * 315))
    );
    assert_eq!(ps[i + 1].text(), "2.卢氏县第一批科技特派员名单");
    assert_eq!(ind(ps[i + 1], "w:left"), Some(5 * 315));
    // Signature: blank line, name ending 2 cells before the edge, date pushed by its length.
    assert_eq!(ps[i + 2].text(), "");
    assert_eq!(ps[i + 3].text(), "卢氏县科学技术协会");
    // "2012年10月16日": 3 hanzi and 8 half-width digits.
    let date_cells = 3.0 + 8.0 * 0.507;
    let (name, date) = Style::default().signature_cells(9.0, date_cells);
    assert_eq!(
        ind(ps[i + 3], "w:left"),
        Some((name * 315.0).round() as i32)
    );
    assert_eq!(
        ind(ps[i + 4], "w:left"),
        Some((date * 315.0).round() as i32)
    );
    // This date is too long to start 2 cells right of the name: it keeps a 2-cell right gap
    // and the name moves left, staying 2 cells before the date.
    let date_end = ind(ps[i + 4], "w:left").unwrap() as f32 + date_cells * 315.0;
    assert!((date_end - 26.0 * 315.0).abs() < 1.0, "{date_end}");
    assert_eq!(
        ind(ps[i + 4], "w:left").unwrap() - ind(ps[i + 3], "w:left").unwrap(),
        630
    );
    assert!(ps[i + 3].prop("w:pPr", "w:keepNext").is_some());
    assert_eq!(ps[i + 5].text(), "（联系人：王明，电话：0398-7000000）");
    // The page break becomes pageBreakBefore on the next paragraph.
    let att = ps.iter().find(|p| p.text() == "附件1").unwrap();
    assert!(att.prop("w:pPr", "w:pageBreakBefore").is_some());
}

#[test]
fn table_widths_borders_and_repeated_header() {
    let pkg = unzip(&render(&sample()));
    let doc = pkg.xml("word/document.xml");
    let tbl = doc.find("w:tbl").unwrap();
    let tblw: i32 = val(tbl.find("w:tblW"), "w:w").unwrap().parse().unwrap();
    let cols: Vec<i32> = tbl
        .all("w:gridCol")
        .iter()
        .map(|c| c.attr("w:w").unwrap().parse().unwrap())
        .collect();
    assert_eq!(cols.len(), 4);
    assert_eq!(cols.iter().sum::<i32>(), tblw);
    assert_eq!(tblw, 8845);
    let rows = tbl.all("w:tr");
    assert_eq!(rows.len(), 5);
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.prop("w:trPr", "w:tblHeader").is_some(), i == 0);
        let tcw: Vec<i32> = row
            .all("w:tcW")
            .iter()
            .map(|c| c.attr("w:w").unwrap().parse().unwrap())
            .collect();
        assert_eq!(tcw, cols);
        // Exact row heights: one grid line per text line (less the twips LibreOffice's table
        // offset takes: 10 for the header and first body row, 1 for the others).
        let h = row.prop("w:trPr", "w:trHeight").unwrap();
        assert_eq!(h.attr("w:hRule"), Some("exact"));
        let h: i32 = h.attr("w:val").unwrap().parse().unwrap();
        let short = if i <= 1 { 10 } else { 1 };
        assert_eq!((h + short) % 579, 0, "{h}");
        assert!(row.prop("w:trPr", "w:cantSplit").is_some());
    }
    let borders = tbl.find("w:tblBorders").unwrap();
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        assert_eq!(val(borders.child(side), "w:val"), Some("single"), "{side}");
    }
    let header_font = val(rows[0].find("w:rFonts"), "w:eastAsia").unwrap();
    assert_eq!(header_font, "黑体");
    assert_eq!(rows[1].text(), "下派科技骨干（名）4040100%");
    let styles = pkg.xml("word/styles.xml");
    assert_eq!(
        val(
            style(&styles, "TableText").prop("w:pPr", "w:snapToGrid"),
            "w:val"
        ),
        Some("0")
    );
    let ps = body_paragraphs(&doc);
    assert!(ps
        .iter()
        .any(|p| p.text() == "卢氏县科技服务活动进展情况表" && style_of(p) == "TableCaption"));
    assert!(ps
        .iter()
        .any(|p| p.text().starts_with("注：数据截至") && style_of(p) == "TableNote"));
}

#[test]
fn footers_carry_page_fields_odd_right_even_left() {
    let pkg = unzip(&render(&sample()));
    let doc = pkg.xml("word/document.xml");
    let rels = pkg.xml("word/_rels/document.xml.rels");
    let target = |kind: &str| {
        let id = doc
            .all("w:footerReference")
            .into_iter()
            .find(|f| f.attr("w:type") == Some(kind))
            .unwrap()
            .attr("r:id")
            .unwrap()
            .to_string();
        let rel = rels
            .all("Relationship")
            .into_iter()
            .find(|r| r.attr("Id") == Some(id.as_str()))
            .unwrap();
        format!("word/{}", rel.attr("Target").unwrap())
    };
    for (kind, jc, gap) in [("default", "right", "w:right"), ("even", "left", "w:left")] {
        let f = pkg.xml(&target(kind));
        let p = f.find("w:p").unwrap();
        assert_eq!(val(p.prop("w:pPr", "w:jc"), "w:val"), Some(jc), "{kind}");
        assert_eq!(
            val(p.prop("w:pPr", "w:ind"), gap),
            Some("280"),
            "{kind}: one 4号 character gap"
        );
        let instr: String = f.all("w:instrText").iter().map(|i| i.text()).collect();
        assert_eq!(instr.trim(), "PAGE");
        let kinds: Vec<&str> = f
            .all("w:fldChar")
            .iter()
            .map(|c| c.attr("w:fldCharType").unwrap())
            .collect();
        assert_eq!(kinds, ["begin", "separate", "end"]);
        assert_eq!(p.text(), "— 1 —");
        assert_eq!(val(f.find("w:rFonts"), "w:eastAsia"), Some("宋体"));
        assert_eq!(val(f.find("w:sz"), "w:val"), Some("28"));
    }
    assert!(
        doc.find("w:titlePg").is_none(),
        "the first page is numbered too"
    );
}

#[test]
fn identical_bytes_on_every_render() {
    let a = render(&sample());
    let other = Document {
        blocks: vec![Block::Paragraph {
            text: "另一份".into(),
        }],
    };
    let _ = render(&other);
    let b = render(&sample());
    assert_eq!(a, b);
    let pkg = unzip(&a);
    assert!(!pkg.parts["docProps/core.xml"].contains("dcterms:created"));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        assert_eq!(f.compression(), zip::CompressionMethod::Deflated);
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1));
    }
}

#[test]
fn markup_and_control_characters_in_text_are_safe() {
    let nasty = "A&B <w:p>]]></w:t> \"引号\" 'x' \u{0}\u{1}\u{b}\u{1f}\u{7f}尾\t列\n行";
    let doc = Document {
        blocks: vec![
            Block::Title {
                lines: vec![nasty.into()],
            },
            Block::Paragraph { text: nasty.into() },
            Block::Heading(Heading {
                level: 9,
                number: "（9）".into(),
                text: nasty.into(),
                body: Some(nasty.into()),
            }),
            Block::Signature {
                names: vec![nasty.into()],
                date: String::new(),
            },
            Block::Table(huibao::model::Table {
                caption: None,
                header_rows: 3,
                rows: vec![vec![nasty.into()], vec![], vec!["1".into(), "2".into()]],
                note: None,
                ..Default::default()
            }),
        ],
    };
    let bytes = render(&doc);
    let pkg = unzip(&bytes);
    let xml = &pkg.parts["word/document.xml"];
    assert!(!xml
        .bytes()
        .any(|b| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r'));
    assert!(!xml.contains('\u{7f}'));
    let parsed = pkg.xml("word/document.xml");
    let expected = "A&B <w:p>]]></w:t> \"引号\" 'x' 尾\t列\n行";
    let ps = body_paragraphs(&parsed);
    assert_eq!(ps[0].text(), expected);
    assert_eq!(ps[2].text(), expected, "paragraph after the blank line");
    assert!(parsed
        .find("w:tbl")
        .unwrap()
        .all("w:tr")
        .iter()
        .all(|r| r.all("w:tc").len() == 2));
}

#[test]
fn fonts_follow_style_overrides() {
    let mut s = Style::default();
    s.fonts.body.family = "仿宋".into();
    s.fonts.heading1.family = "方正黑体_GBK".into();
    s.fonts.heading1.bold = true;
    let pkg = unzip(&huibao::docx::write(&sample(), &s).unwrap());
    let doc = pkg.xml("word/document.xml");
    assert_eq!(first_run_font(&doc, "在这秋风").0, "仿宋");
    let (f, _, b) = first_run_font(&doc, "一、");
    assert_eq!(
        (f.as_str(), b.as_deref()),
        ("方正黑体_GBK", Some("0")),
        "黑体 is never bold"
    );
    s.fonts.heading2.bold = true;
    let pkg = unzip(&huibao::docx::write(&sample(), &s).unwrap());
    let doc = pkg.xml("word/document.xml");
    let p = body_paragraphs(&doc)
        .into_iter()
        .find(|p| p.text().starts_with("（一）强化"))
        .unwrap();
    assert!(p.find("w:b").is_some_and(|b| b.attr("w:val").is_none()));
    assert!(pkg.parts["word/fontTable.xml"].contains("w:name=\"仿宋\""));
}

/// Position of each child of `e` in `order`; unknown children fail the test.
fn ranks(e: &El, order: &[&str], part: &str) -> Vec<usize> {
    e.elements()
        .map(|c| {
            order
                .iter()
                .position(|o| *o == c.name)
                .unwrap_or_else(|| panic!("{part}: unexpected {} in {}", c.name, e.name))
        })
        .collect()
}

#[test]
fn docx_rs_output_is_repaired_schema_order_settings_and_ids() {
    const PPR: &[&str] = &[
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:widowControl",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:jc",
        "w:outlineLvl",
    ];
    const RPR: &[&str] = &[
        "w:rFonts",
        "w:b",
        "w:bCs",
        "w:spacing",
        "w:w",
        "w:sz",
        "w:szCs",
        "w:lang",
    ];
    let mut strict = Style::default();
    strict.line_breaking.profile = huibao::style::KinsokuProfile::Strict;
    let pkg = unzip(&huibao::docx::write(&sample(), &strict).unwrap());
    let mut ids = Vec::new();
    for part in [
        "word/document.xml",
        "word/styles.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    ] {
        let x = pkg.xml(part);
        for ppr in x.all("w:pPr") {
            let r = ranks(ppr, PPR, part);
            assert!(r.windows(2).all(|w| w[0] < w[1]), "{part}: {ppr:?}");
        }
        for rpr in x.all("w:rPr") {
            let r = ranks(rpr, RPR, part);
            assert!(r.windows(2).all(|w| w[0] < w[1]), "{part}: {rpr:?}");
            // "Bold off" is off for complex scripts too.
            if let Some(b) = rpr.child("w:b") {
                assert_eq!(rpr.child("w:bCs").unwrap().attr("w:val"), b.attr("w:val"));
            }
        }
        for p in x.all("w:p") {
            if let Some(id) = p.attr("w14:paraId") {
                ids.push(u32::from_str_radix(id, 16).unwrap());
            }
        }
        assert!(x.all("w:gridCol").iter().all(|c| c.attrs.len() == 1));
    }
    // Paragraph ids: unique over the package, numbered from 1 whatever rendered before.
    let n = ids.len() as u32;
    ids.sort_unstable();
    assert_eq!(ids, (1..=n).collect::<Vec<_>>());
    // Footer references come first in w:sectPr (docx-rs writes them after w:docGrid).
    let doc = pkg.xml("word/document.xml");
    let sect = doc.find("w:sectPr").unwrap();
    assert_eq!(sect.elements().next().unwrap().name, "w:footerReference");
    // Settings: no compression inside w:compat, no single/double-byte balancing, the strict
    // kinsoku lists written; the default profile leaves Word's own lists.
    let settings = pkg.xml("word/settings.xml");
    let compat = settings.child("w:compat").unwrap();
    assert!(compat.child("w:characterSpacingControl").is_none());
    assert!(compat.child("w:balanceSingleByteDoubleByteWidth").is_none());
    let after = settings.child("w:noLineBreaksAfter").unwrap();
    assert!(after.attr("w:val").unwrap().contains('“'));
    let before = settings.child("w:noLineBreaksBefore").unwrap();
    assert!(before.attr("w:val").unwrap().contains('”'));
    assert_eq!(before.attr("w:lang"), Some("zh-CN"));
    let plain = unzip(&render(&sample())).xml("word/settings.xml");
    assert!(plain.child("w:noLineBreaksBefore").is_none());
    // Only parts that exist are declared and referenced.
    let types = pkg.xml("[Content_Types].xml");
    for o in types.all("Override") {
        let name = o.attr("PartName").unwrap().trim_start_matches('/');
        assert!(pkg.parts.contains_key(name), "{name}");
    }
    let rels = pkg.xml("word/_rels/document.xml.rels");
    for r in rels.all("Relationship") {
        let target = format!("word/{}", r.attr("Target").unwrap());
        assert!(pkg.parts.contains_key(&target), "{target}");
    }
}

#[test]
fn pdf_layout_gives_table_columns_the_docx_widths() {
    // One model, two backends: the PDF's column rules sit where the DOCX's gridCol widths put
    // the column edges (within the twip rounding), and figures are centred in both.
    let doc = sample();
    let style = Style::default();
    let pkg = unzip(&render(&doc));
    let xml = pkg.xml("word/document.xml");
    let tbl = xml.find("w:tbl").unwrap();
    let cols: Vec<f32> = tbl
        .all("w:gridCol")
        .iter()
        .map(|c| c.attr("w:w").unwrap().parse::<f32>().unwrap() / 20.0)
        .collect();
    // Not all equal, or the test would not tell proportional from equal widths.
    assert!(cols.iter().any(|w| (w - cols[0]).abs() > 1.0), "{cols:?}");
    let fonts = huibao::fonts::FontSet::load(
        &style,
        huibao::zh::Script::Hans,
        &huibao::fonts::FontOptions { builtin_only: true },
    )
    .unwrap_or_else(|d| panic!("{}", d.message.en));
    let pages = huibao::layout::layout(&doc, &style, &fonts);
    let left = style.page.left_mm * huibao::style::PT_PER_MM;
    let mut xs: Vec<f32> = pages
        .iter()
        .flat_map(|p| &p.rules)
        .filter(|r| r.x1 == r.x2)
        .map(|r| r.x1 - left)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    let mut edges = vec![0.0];
    for w in &cols {
        edges.push(edges.last().unwrap() + w);
    }
    assert_eq!(xs.len(), edges.len(), "{xs:?} vs {edges:?}");
    for (x, e) in xs.iter().zip(&edges) {
        assert!((x - e).abs() < 0.2, "PDF edge {x} vs DOCX edge {e}");
    }
}
