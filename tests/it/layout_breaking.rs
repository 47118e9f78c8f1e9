//! Line breaking through the public layout API: every worked case of line-breaking.md §3
//! rule 16 and the §7 checklist, measured with a font-free fake `Measure`.

use huibao::layout::{block_line_texts, layout, LayoutOptions, Page};
use huibao::model::{Block, Document, Heading, RunRole};
use huibao::style::{KinsokuProfile, Style, PT_PER_MM};
use huibao::typeset::kinsoku::{is_no_end, is_no_start};

use crate::common::fake_measure;
use fake_measure::Fake;

const H: &str = "汉";

fn hz(n: usize) -> String {
    H.repeat(n)
}

fn doc(blocks: Vec<Block>) -> Document {
    Document { blocks }
}

/// Lines of a flush-left, justified 28-cell paragraph (a salutation block).
fn flush(text: &str, profile: KinsokuProfile) -> Vec<String> {
    let mut style = Style::default();
    style.line_breaking.profile = profile;
    let d = doc(vec![Block::Salutation { text: text.into() }]);
    block_line_texts(
        &d,
        &style,
        &Fake(style.clone()),
        &LayoutOptions::word_fidelity(),
    )
    .remove(0)
}

/// Lines of a body paragraph (first line indented 2 cells).
fn para(text: &str) -> Vec<String> {
    let style = Style::default();
    let d = doc(vec![Block::Paragraph { text: text.into() }]);
    block_line_texts(
        &d,
        &style,
        &Fake(style.clone()),
        &LayoutOptions::word_fidelity(),
    )
    .remove(0)
}

fn pages(blocks: Vec<Block>) -> Vec<Page> {
    let style = Style::default();
    layout(&doc(blocks), &style, &Fake(style.clone()))
}

const LEFT: f32 = 28.0 * PT_PER_MM;

fn cell() -> f32 {
    Style::default().cell_pt()
}

#[test]
fn comma_after_28_hanzi_hangs_in_the_margin() {
    let text = format!("{}，下文", hz(28));
    let lines = flush(&text, KinsokuProfile::Word);
    assert_eq!(lines, vec![format!("{}，", hz(28)), "下文".to_string()]);
    let p = pages(vec![Block::Salutation { text }]);
    let first = &p[0].lines[0];
    assert_eq!(first.glyphs.len(), 29);
    let comma = first.glyphs[28];
    assert!(
        (comma.x_pt - (LEFT + 28.0 * cell())).abs() < 0.01,
        "{}",
        comma.x_pt
    );
}

#[test]
fn full_stop_and_closing_quote_carry_a_hanzi_down() {
    let text = format!("{}乙。”下文", hz(27));
    assert_eq!(
        flush(&text, KinsokuProfile::Word),
        vec![hz(27), "乙。”下文".to_string()]
    );
}

#[test]
fn opening_quote_at_cell_28_moves_down_and_27_spread() {
    let text = format!("{}“甲乙”", hz(27));
    assert_eq!(
        flush(&text, KinsokuProfile::Word),
        vec![hz(27), "“甲乙”".to_string()]
    );
    let p = pages(vec![Block::Salutation { text }]);
    let g = &p[0].lines[0].glyphs;
    // 27 cells spread over 28: first at the left edge, last ending on the right edge.
    assert!((g[0].x_pt - LEFT).abs() < 0.01);
    assert!((g[26].x_pt + cell() - (LEFT + 28.0 * cell())).abs() < 0.01);
}

#[test]
fn number_that_does_not_fit_moves_down_whole() {
    let text = format!("{}2024年", hz(26));
    assert_eq!(
        flush(&text, KinsokuProfile::Word),
        vec![hz(26), "2024年".to_string()]
    );
    // 27 hanzi + "10" = 28.013 cells: "10" moves down.
    let text = format!("{}10月", hz(27));
    assert_eq!(
        flush(&text, KinsokuProfile::Word),
        vec![hz(27), "10月".to_string()]
    );
}

#[test]
fn ellipsis_pair_at_cell_28_takes_the_hanzi_before_it() {
    let text = format!("{}乙……下文", hz(26));
    assert_eq!(
        flush(&text, KinsokuProfile::Word),
        vec![hz(26), "乙……下文".to_string()]
    );
}

#[test]
fn dash_pair_at_cell_28_moves_down_strict_takes_a_hanzi_along() {
    let text = format!("{}乙——下文", hz(26));
    assert_eq!(
        flush(&text, KinsokuProfile::Word),
        vec![format!("{}乙", hz(26)), "——下文".to_string()]
    );
    assert_eq!(
        flush(&text, KinsokuProfile::Strict),
        vec![hz(26), "乙——下文".to_string()]
    );
}

#[test]
fn first_line_holds_exactly_26_cells() {
    let text = hz(26 + 28 + 3);
    let lines = para(&text);
    assert_eq!(lines[0].chars().count(), 26);
    assert_eq!(lines[1].chars().count(), 28);
    let p = pages(vec![Block::Paragraph { text }]);
    let g = &p[0].lines[0].glyphs;
    for (k, glyph) in g.iter().enumerate() {
        let want = LEFT + (k as f32 + 2.0) * cell();
        assert!((glyph.x_pt - want).abs() < 0.01, "cell {k}: {}", glyph.x_pt);
    }
}

#[test]
fn fourteen_five_plan_at_a_line_end() {
    for lead in 20..30 {
        let text = format!("{}“十四五”规划实施", hz(lead));
        let lines = flush(&text, KinsokuProfile::Word);
        for l in &lines {
            assert!(!l.ends_with('“'), "{lead}: {lines:?}");
            assert!(!l.starts_with('”'), "{lead}: {lines:?}");
        }
        assert_eq!(lines.concat(), text);
    }
}

#[test]
fn inseparable_sequences_never_split() {
    for token in ["7.5%", "COVID-19", "——", "……", "〔2024〕15号", "34.05%"] {
        for lead in 0..40 {
            let text = format!("{}{token}{}", hz(lead), hz(30));
            for lines in [para(&text), flush(&text, KinsokuProfile::Word)] {
                assert!(
                    lines.iter().any(|l| l.contains(token)),
                    "{token} split after {lead}: {lines:?}"
                );
            }
        }
    }
}

#[test]
fn run_in_heading_crosses_a_line_end_in_its_own_font() {
    let heading = Heading {
        level: 2,
        number: "（一）".into(),
        text: format!("{}。", hz(25)),
        body: Some(hz(60)),
    };
    let p = pages(vec![Block::Heading(heading)]);
    let lines = &p[0].lines;
    // Line 1: indent 2 + 26 cells of heading; line 2: heading's last chars then body.
    assert!(lines[0]
        .glyphs
        .iter()
        .all(|g| g.role == RunRole::Heading(2)));
    let second = &lines[1].glyphs;
    assert_eq!(second[0].role, RunRole::Heading(2));
    assert_eq!(second[2].ch, '。');
    assert_eq!(second[2].role, RunRole::Heading(2));
    assert_eq!(second[3].role, RunRole::Body);
    // Fonts change, cells do not.
    for (k, g) in second.iter().enumerate() {
        assert!((g.x_pt - (LEFT + k as f32 * cell())).abs() < 0.01);
    }
}

#[test]
fn no_line_starts_or_ends_with_a_prohibited_character() {
    let text = "我县“进农村、进社区”活动。（一）健全机构，强化组织保障；同比增长12.3%，达到1,234,567元！问题——主要是……这些《方案》【附件】".repeat(6);
    for profile in [KinsokuProfile::Word, KinsokuProfile::Strict] {
        let lines = flush(&text, profile);
        assert!(lines.len() > 5);
        for l in &lines {
            let first = l.chars().next().unwrap_or(' ');
            let last = l.chars().last().unwrap_or(' ');
            assert!(!is_no_start(first, profile), "{l}");
            assert!(!is_no_end(last, profile), "{l}");
        }
        assert_eq!(lines.concat(), text);
    }
}
