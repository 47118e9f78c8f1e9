//! Pages from the layout engine: grid positions, 22 baselines per page, page numbers, keep
//! rules, title/signature/attachment/table placement, and random paragraphs checked against
//! the line-breaking invariants. Font-free: a fake `Measure` stands in for the fonts.

use huibao::layout::{layout, layout_with, LayoutOptions, Line, Measure, Page};
use huibao::model::{Block, Document, Heading, RunRole, Table};
use huibao::style::{KinsokuProfile, Style, PT_PER_MM};
use huibao::typeset::kinsoku::{is_hang, is_no_end, is_no_start};

use crate::common::fake_measure;
use fake_measure::Fake;

const LEFT: f32 = 28.0 * PT_PER_MM;
const TOP: f32 = 37.0 * PT_PER_MM;
const PITCH: f32 = 28.95;

fn cell() -> f32 {
    Style::default().cell_pt()
}

fn pages_with(blocks: Vec<Block>, options: &LayoutOptions) -> Vec<Page> {
    let style = Style::default();
    layout_with(&Document { blocks }, &style, &Fake(style.clone()), options)
}

fn pages(blocks: Vec<Block>) -> Vec<Page> {
    pages_with(blocks, &LayoutOptions::default())
}

fn para(text: &str) -> Block {
    Block::Paragraph { text: text.into() }
}

/// The body lines of a page (page number excluded).
fn body(page: &Page) -> &[Line] {
    &page.lines[..page.lines.len() - 1]
}

/// The body lines' texts, lines on one baseline (the cells of a table row) joined in order.
fn row_texts(page: &Page) -> Vec<String> {
    let mut out: Vec<(f32, String)> = Vec::new();
    for l in body(page) {
        match out.last_mut() {
            Some((b, t)) if (*b - l.baseline_pt).abs() < 0.01 => t.push_str(&l.text()),
            _ => out.push((l.baseline_pt, l.text())),
        }
    }
    out.into_iter().map(|(_, t)| t).collect()
}

fn baseline(n: usize) -> f32 {
    TOP + PITCH * n as f32 + 0.8 * PITCH
}

#[test]
fn full_page_has_22_baselines_on_the_grid_and_hanzi_in_cells() {
    // 2 + 28 × 21 = 27 + … : one paragraph filling more than a page.
    let p = pages(vec![para(&"国".repeat(26 + 28 * 30))]);
    assert_eq!(p.len(), 2);
    let lines = body(&p[0]);
    assert_eq!(lines.len(), 22);
    for (n, line) in lines.iter().enumerate() {
        assert!((line.baseline_pt - baseline(n)).abs() < 0.01, "line {n}");
        let indent = if n == 0 { 2.0 } else { 0.0 };
        for (k, g) in line.glyphs.iter().enumerate() {
            let want = LEFT + (k as f32 + indent) * cell();
            assert!(
                (g.x_pt - want).abs() < 0.01,
                "line {n} cell {k}: {}",
                g.x_pt
            );
        }
    }
    assert!((lines[21].baseline_pt - 736.0).abs() < 0.05);
    // The second page continues on line 0.
    assert!((body(&p[1])[0].baseline_pt - baseline(0)).abs() < 0.01);
}

#[test]
fn page_numbers_alternate_sides() {
    let p = pages(vec![para(&"国".repeat(28 * 50))]);
    assert_eq!(p.len(), 3);
    let text_right = LEFT + Style::default().page.text_width_pt();
    for (i, page) in p.iter().enumerate() {
        let number = page.lines.last().expect("page number line");
        assert_eq!(page.number, Some(i + 1));
        assert_eq!(number.text(), format!("— {} —", i + 1));
        assert!(number.glyphs.iter().all(|g| g.role == RunRole::PageNumber));
        let base = (297.0 - 26.1) * PT_PER_MM;
        assert!((number.baseline_pt - base).abs() < 0.01);
        if i % 2 == 0 {
            // Odd page: the closing dash ends 14 pt (one 4号 character) before the right edge.
            let last = number.glyphs.last().expect("glyph");
            assert!((last.x_pt + 14.0 - (text_right - 14.0)).abs() < 0.01);
        } else {
            assert!((number.glyphs[0].x_pt - (LEFT + 14.0)).abs() < 0.01);
        }
    }
}

#[test]
fn heading_is_kept_with_the_next_line_across_a_page_end() {
    // 21 full lines (first line 26 + 20 × 28), then a heading that would take line 22.
    let filler = "国".repeat(26 + 28 * 20);
    let heading = Block::Heading(Heading {
        level: 1,
        number: "一、".into(),
        text: "基本情况".into(),
        body: None,
    });
    let p = pages(vec![para(&filler), heading, para("县委高度重视。")]);
    assert_eq!(body(&p[0]).len(), 21);
    let second = body(&p[1]);
    assert_eq!(second[0].text(), "一、基本情况");
    assert!((second[0].baseline_pt - baseline(0)).abs() < 0.01);
    assert_eq!(second[1].text(), "县委高度重视。");
}

#[test]
fn signature_never_alone_on_a_page() {
    // 20 lines of body; blank + name + date would need lines 21–23.
    let filler = "国".repeat(26 + 28 * 19);
    let sig = Block::Signature {
        names: vec!["卢氏县科学技术协会".into()],
        date: "2012年10月10日".into(),
    };
    let p = pages(vec![para(&filler), sig]);
    assert_eq!(p.len(), 2);
    // The last body line comes along, with the line before it (no widow).
    assert_eq!(body(&p[0]).len(), 18);
    let second: Vec<String> = body(&p[1]).iter().map(Line::text).collect();
    assert_eq!(second.len(), 4, "{second:?}");
    assert_eq!(second[2], "卢氏县科学技术协会");
    assert_eq!(second[3], "2012年10月10日");
    // The date (8 digits of 8 pt + 3 cells) is too long to start 2 cells right of the name:
    // it keeps a 2-cell right gap and the name starts 2 cells left of it.
    let name = &body(&p[1])[2];
    let date = &body(&p[1])[3];
    assert!((name.baseline_pt - baseline(3)).abs() < 0.01);
    let date_w = 64.0 + 3.0 * cell();
    let date_start = LEFT + 26.0 * cell() - date_w;
    assert!((date.glyphs[0].x_pt - date_start).abs() < 0.01);
    assert!((name.glyphs[0].x_pt - (date_start - 2.0 * cell())).abs() < 0.01);
}

#[test]
fn title_lines_at_35pt_then_one_blank_line_on_the_grid() {
    let p = pages(vec![
        Block::Title {
            lines: vec![
                "卢氏县全民科学素质行动计划纲要".into(),
                "落实情况汇报".into(),
            ],
        },
        Block::Salutation {
            text: "尊敬的马主席、各位领导：".into(),
        },
    ]);
    let lines = body(&p[0]);
    assert!((lines[0].baseline_pt - (TOP + 28.0)).abs() < 0.01);
    assert!((lines[1].baseline_pt - (TOP + 63.0)).abs() < 0.01);
    assert!(lines[0].glyphs.iter().all(|g| g.role == RunRole::Title));
    // Centred: 15 × 22 pt in 442.2 pt.
    let width = Style::default().page.text_width_pt();
    assert!((lines[0].glyphs[0].x_pt - (LEFT + (width - 15.0 * 22.0) / 2.0)).abs() < 0.01);
    // 70 pt of title take 3 grid lines; line 3 is blank; the salutation is on line 4, flush left.
    assert!((lines[2].baseline_pt - baseline(4)).abs() < 0.01);
    assert!((lines[2].glyphs[0].x_pt - LEFT).abs() < 0.01);
}

#[test]
fn attachment_names_align_under_the_first_name() {
    let p = pages(vec![
        para("以上汇报，不妥之处，请批评指正。"),
        Block::Attachments {
            items: vec![format!("{}名单", "国".repeat(30)), "工作方案".into()],
        },
    ]);
    let lines = &body(&p[0])[1..];
    let texts: Vec<String> = lines.iter().map(Line::text).collect();
    assert!(texts[0].starts_with("附件：1.国"), "{texts:?}");
    assert_eq!(texts.last().map(String::as_str), Some("2.工作方案"));
    // One blank line between the body and the note: the note starts on grid line 2.
    assert!((lines[0].baseline_pt - baseline(2)).abs() < 0.01);
    let name_x = lines[0].glyphs[5].x_pt; // after 附件：1.
    assert!(
        (lines[1].glyphs[0].x_pt - name_x).abs() < 0.01,
        "continuation"
    );
    let number_x = lines[0].glyphs[3].x_pt;
    assert!(
        (lines[2].glyphs[0].x_pt - number_x).abs() < 0.01,
        "second item"
    );
}

#[test]
fn table_caption_centred_and_rows_on_the_grid() {
    let table = Table {
        caption: Some("表1 科普活动统计".into()),
        header_rows: 1,
        rows: vec![
            vec!["项目".into(), "场次".into()],
            vec!["科技下乡".into(), "12".into()],
        ],
        note: None,
        ..Default::default()
    };
    let p = pages(vec![Block::Table(table)]);
    let lines = body(&p[0]);
    assert_eq!(
        row_texts(&p[0]),
        vec!["表1 科普活动统计", "项目场次", "科技下乡12"]
    );
    // One line per cell, drawn row by row and cell by cell.
    let texts: Vec<String> = lines.iter().map(Line::text).collect();
    assert_eq!(
        texts,
        vec!["表1 科普活动统计", "项目", "场次", "科技下乡", "12"]
    );
    assert!(lines[1..3]
        .iter()
        .flat_map(|l| &l.glyphs)
        .all(|g| g.role == RunRole::TableHeader));
    assert_eq!(lines[3].glyphs[0].role, RunRole::TableCell);
    // Rows on the grid: each row one grid line, text on the line's bottom (as LibreOffice sets
    // an exact line).
    let row_top = |l: &Line| l.baseline_pt - TOP - PITCH + 0.2 * 14.0;
    for l in &lines[1..] {
        let n = row_top(l) / PITCH;
        assert!((n - n.round()).abs() < 1e-3, "{l:?}");
    }
    // The figure 12 is centred in its column (the column between the second and third
    // distinct column rules).
    let mut xs: Vec<f32> = p[0]
        .rules
        .iter()
        .filter(|r| r.x1 == r.x2)
        .map(|r| r.x1)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    assert_eq!(xs.len(), 3, "{xs:?}");
    let (one, two) = (&lines[4].glyphs[0], &lines[4].glyphs[1]);
    let figure_mid = (one.x_pt + two.x_pt + 7.0) / 2.0;
    assert!(
        (figure_mid - (xs[1] + xs[2]) / 2.0).abs() < 1.0,
        "{figure_mid} vs {xs:?}"
    );
    // Content-sized: the name column is wider than the figure column.
    assert!(xs[1] - xs[0] > xs[2] - xs[1], "{xs:?}");
}

#[test]
fn page_break_starts_a_new_page_and_empty_document_has_one_page() {
    let p = pages(vec![para("甲"), Block::PageBreak, para("乙")]);
    assert_eq!(p.len(), 2);
    assert_eq!(body(&p[1])[0].text(), "乙");
    let empty = layout(
        &Document::default(),
        &Style::default(),
        &Fake(Style::default()),
    );
    assert_eq!(empty.len(), 1);
    assert_eq!(empty[0].lines.len(), 1);
}

/// A small deterministic generator (64-bit LCG), so the test needs no crate.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "国",
    "县",
    "科",
    "技",
    "服",
    "务",
    "活",
    "动",
    "，",
    "。",
    "、",
    "；",
    "：",
    "！",
    "？",
    "“进农村”",
    "（一）",
    "《方案》",
    "——",
    "……",
    "7.5%",
    "COVID-19",
    "2024年",
    "10月",
    "〔2024〕15号",
    "12.3%",
    "GDP",
    "”",
    "）",
    "。”",
];

const TOKENS: &[&str] = &["7.5%", "COVID-19", "——", "……", "〔2024〕15号", "12.3%"];

/// Right edge of the line's content (a hanging mark, one that reaches into the margin,
/// excluded), from glyph positions and the fake's advances.
fn content_end(line: &Line, m: &Fake) -> f32 {
    let g = &line.glyphs;
    let last = if g.len() > 1
        && is_hang(g[g.len() - 1].ch)
        && g[g.len() - 1].x_pt + cell() > LEFT + 28.0 * cell() + 0.02
    {
        &g[g.len() - 2]
    } else {
        &g[g.len() - 1]
    };
    let adv = if last.ch as u32 >= 0x2000 {
        cell()
    } else {
        m.advance_pt(last.role, last.ch)
    };
    last.x_pt + adv
}

#[test]
fn random_paragraphs_keep_the_invariants() {
    let style = Style::default();
    let fake = Fake(style.clone());
    let right = LEFT + 28.0 * cell();
    let mut rng = Lcg(0x5eed_2024);
    for case in 0..300 {
        let len = 20 + rng.next(120);
        let mut text = String::new();
        let mut last_punct = true;
        for _ in 0..len {
            let piece = PIECES[rng.next(PIECES.len())];
            let punct = piece.chars().all(|c| is_no_start(c, KinsokuProfile::Word));
            // Never two closing marks in a row (Chinese text does not have them).
            if punct && last_punct {
                continue;
            }
            last_punct = punct;
            text.push_str(piece);
        }
        let profile = if case % 3 == 0 {
            KinsokuProfile::Strict
        } else {
            KinsokuProfile::Word
        };
        let mut st = style.clone();
        st.line_breaking.profile = profile;
        let options = LayoutOptions {
            avoid_lone_char: case % 2 == 0,
            hang_closing_marks: case % 4 < 2,
        };
        let p = layout_with(
            &Document {
                blocks: vec![para(&text)],
            },
            &st,
            &fake,
            &options,
        );
        let lines: Vec<&Line> = p.iter().flat_map(|pg| body(pg).iter()).collect();
        let texts: Vec<String> = lines.iter().map(|l| l.text()).collect();
        assert_eq!(texts.concat(), text, "case {case}: text lost or reordered");
        for (n, line) in lines.iter().enumerate() {
            let t = &texts[n];
            let first = t.chars().next().unwrap_or(' ');
            let last = t.chars().last().unwrap_or(' ');
            // A paragraph may start or end with anything; lines inside it may not.
            assert!(
                n == 0 || !is_no_start(first, profile),
                "case {case}: {texts:?}"
            );
            assert!(
                n + 1 == lines.len() || !is_no_end(last, profile),
                "case {case}: {texts:?}"
            );
            let end = content_end(line, &fake);
            if n + 1 < lines.len() {
                // Justified: the content ends on the right edge.
                assert!(
                    (end - right).abs() < 0.02,
                    "case {case} line {n}: {end} {texts:?}"
                );
            } else {
                assert!(
                    end <= right + 0.02,
                    "case {case}: last line overflows: {texts:?}"
                );
            }
            // Only one hanging character, one cell into the margin.
            assert!(line
                .glyphs
                .iter()
                .all(|g| g.x_pt < right + 0.02
                    || std::ptr::eq(g, line.glyphs.last().expect("glyph"))));
        }
        for token in TOKENS {
            let whole = text.matches(token).count();
            let kept: usize = texts.iter().map(|t| t.matches(token).count()).sum();
            assert_eq!(whole, kept, "case {case}: {token} split: {texts:?}");
        }
    }
}

#[test]
fn signature_after_a_page_break_starts_the_new_page() {
    let sig = Block::Signature {
        names: vec!["卢氏县科学技术协会".into()],
        date: "2012年10月10日".into(),
    };
    let p = pages(vec![para("甲"), Block::PageBreak, sig]);
    assert_eq!(p.len(), 2);
    let second: Vec<String> = body(&p[1]).iter().map(Line::text).collect();
    // The blank line before the signature is dropped at the top of the page.
    assert_eq!(second, vec!["卢氏县科学技术协会", "2012年10月10日"]);
}

#[test]
fn closing_marks_hang_only_when_asked() {
    let text = format!("{}》下文", "国".repeat(28));
    let block = Block::Salutation { text };
    let word = pages_with(vec![block.clone()], &LayoutOptions::word_fidelity());
    assert_eq!(body(&word[0])[0].text(), format!("{}》", "国".repeat(28)));
    let lo = pages_with(vec![block], &LayoutOptions::libreoffice_like());
    assert_eq!(body(&lo[0])[0].text(), "国".repeat(27));
    assert_eq!(body(&lo[0])[1].text(), "国》下文");
}

#[test]
fn table_borders_frame_every_row_and_column() {
    let table = Block::Table(Table {
        caption: None,
        header_rows: 1,
        rows: vec![
            vec!["项目".into(), "人数".into()],
            vec!["培训".into(), "12".into()],
            vec!["大集".into(), "36".into()],
        ],
        note: None,
        ..Default::default()
    });
    let p = pages(vec![table]);
    let rules = &p[0].rules;
    let width = Style::default().page.text_width_pt();
    // Three rows of one grid line each: 3 column rules per row, a top rule on each row and a
    // bottom rule on each row.
    let vertical: Vec<_> = rules.iter().filter(|r| r.x1 == r.x2).collect();
    let horizontal: Vec<_> = rules.iter().filter(|r| r.y1 == r.y2).collect();
    assert_eq!(vertical.len(), 9, "{rules:?}");
    assert_eq!(horizontal.len(), 6, "{rules:?}");
    let mut xs: Vec<f32> = vertical.iter().map(|r| r.x1).collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    assert_eq!(xs.len(), 3, "column rules off the column edges: {xs:?}");
    for r in &vertical {
        assert!((r.y2 - r.y1 - PITCH).abs() < 1e-3);
    }
    for r in &horizontal {
        assert!(
            (r.x1 - LEFT).abs() < 0.1 && (r.x2 - LEFT - width).abs() < 0.1,
            "{r:?}"
        );
        let n = (r.y1 - TOP) / PITCH;
        assert!((n - n.round()).abs() < 1e-3, "row rule off the grid: {r:?}");
        assert_eq!(r.width_pt, 0.5);
    }
    // Text pages without tables draw nothing.
    assert!(pages(vec![para("正文。")])[0].rules.is_empty());
}

#[test]
fn table_header_rows_repeat_on_every_page_the_table_continues_on() {
    // 30 body rows after a short paragraph: the table runs onto a second page, which starts with
    // the header row again (Word repeats the DOCX's tblHeader rows the same way).
    let mut rows = vec![vec!["项目".to_string(), "场次".to_string()]];
    rows.extend((1..=30).map(|i| vec![format!("活动{i}"), i.to_string()]));
    let table = Block::Table(Table {
        caption: None,
        header_rows: 1,
        rows,
        note: None,
        ..Default::default()
    });
    let p = pages(vec![para("开头一段。"), table]);
    assert_eq!(p.len(), 2);
    let first = row_texts(&p[0]);
    let second = row_texts(&p[1]);
    assert_eq!(first[1], "项目场次");
    assert_eq!(first.len(), 22);
    assert_eq!(second[0], "项目场次", "{second:?}");
    assert!(body(&p[1])[0]
        .glyphs
        .iter()
        .all(|g| g.role == RunRole::TableHeader));
    assert_eq!(second[1], "活动2121", "{second:?}");
    assert!((body(&p[1])[0].baseline_pt - (TOP + PITCH - 0.2 * 14.0)).abs() < 0.01);
    // Every body row appears once.
    let all: Vec<&String> = first.iter().chain(&second).collect();
    for i in 1..=30 {
        let row = format!("活动{i}{i}");
        assert_eq!(all.iter().filter(|t| ***t == row).count(), 1, "{row}");
    }
    // The repeated header is framed like the first one.
    let top_rules = |page: &Page| {
        page.rules
            .iter()
            .filter(|r| r.y1 == r.y2 && (r.y1 - TOP).abs() < 1e-3)
            .count()
    };
    assert_eq!(top_rules(&p[1]), 1);
}
