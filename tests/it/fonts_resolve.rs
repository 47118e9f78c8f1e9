//! Font resolution: the built-in fonts suffice on their own, installed substitutes are picked
//! when present (SC or TC faces by script), explicit files win, and `huibao fonts` says so.

use crate::common::skip;

use std::path::Path;

use huibao::fonts::{FontOptions, FontSet, Source};
use huibao::layout::Measure;
use huibao::model::{Block, Document, Heading, RunRole};
use huibao::style::Style;
use huibao::zh::Script;

fn report(traditional: bool) -> Document {
    let pick = |hans: &str, hant: &str| if traditional { hant } else { hans }.to_string();
    let (title, body) = if traditional {
        (
            "關於科普工作情況的彙報",
            "縣科協堅持以習近平新時代中國特色社會主義思想為指導，共開展科普活動126場次。",
        )
    } else {
        (
            "关于科普工作情况的汇报",
            "县科协坚持以习近平新时代中国特色社会主义思想为指导，共开展科普活动126场次。",
        )
    };
    Document {
        blocks: vec![
            Block::Title {
                lines: vec![title.into()],
            },
            Block::Subtitle {
                text: "（2024年10月10日）".into(),
            },
            Block::Salutation {
                text: pick("尊敬的各位领导：", "尊敬的各位領導："),
            },
            Block::Heading(Heading {
                level: 1,
                number: "一、".into(),
                text: pick("基本情况", "基本情況"),
                body: None,
            }),
            Block::Heading(Heading {
                level: 2,
                number: "（一）".into(),
                text: pick("健全机构，强化组织保障。", "健全機構，強化組織保障。"),
                body: Some(body.into()),
            }),
            Block::Paragraph {
                text: pick(
                    "“科技进农村”活动——共计1.2万人次……",
                    "“科技進農村”活動——共計1.2萬人次……",
                ),
            },
            Block::Signature {
                names: vec![pick("县科协", "縣科協")],
                date: "2024年10月10日".into(),
            },
        ],
    }
}

fn load(hant: bool, builtin_only: bool) -> FontSet {
    let script = if hant { Script::HantTw } else { Script::Hans };
    FontSet::load(&Style::default(), script, &FontOptions { builtin_only })
        .unwrap_or_else(|d| panic!("{}", d.message.en))
}

#[test]
fn builtin_fonts_alone_cover_simplified_and_traditional_reports() {
    for hant in [false, true] {
        let fonts = load(hant, true);
        let doc = report(hant);
        assert_eq!(fonts.missing_chars(&doc), vec![], "hant={hant}");
        let rows = fonts.report(Some(&doc));
        assert!(rows
            .iter()
            .all(|r| r.source == Source::Builtin && r.file.is_none()));
        for r in &rows {
            let (have, all) = r.coverage.expect("coverage with a document");
            assert_eq!(have, all, "{r:?}");
        }
        // Traditional reports get the TC faces (Traditional glyph forms).
        let of = |role| {
            let r = rows.iter().find(|r| r.role == Some(role)).expect("role");
            (r.requested.as_str(), r.family.as_str())
        };
        let title = if hant {
            "Noto Serif CJK TC Bold"
        } else {
            "Noto Serif CJK SC Bold"
        };
        assert_eq!(of(RunRole::Title), ("方正小标宋简体", title));
        assert_eq!(
            of(RunRole::Heading(2)),
            ("楷体_GB2312", "Huibao Kai (LXGW WenKai)")
        );
        assert!(rows.iter().all(|r| r.is_stand_in()), "{rows:?}");
    }
}

#[test]
fn a_character_no_font_has_is_reported_with_its_role() {
    let fonts = load(false, true);
    let mut doc = report(false);
    doc.blocks.push(Block::Paragraph {
        text: "古字𪚥".into(),
    });
    doc.blocks.push(Block::Title {
        lines: vec!["标题𪚥".into()],
    });
    assert_eq!(
        fonts.missing_chars(&doc),
        vec![('𪚥', RunRole::Body), ('𪚥', RunRole::Title)]
    );
}

#[test]
fn installed_substitutes_are_picked_with_the_scripts_face() {
    let noto = Path::new("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc");
    let sans = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    if !noto.exists() || !sans.exists() {
        skip::skip("fonts-noto-cjk is not installed");
        return;
    }
    let hans = load(false, false).report(None);
    let hant = load(true, false).report(None);
    let body = |rows: &[huibao::fonts::RoleReport]| {
        rows.iter()
            .find(|r| r.role == Some(RunRole::Body))
            .cloned()
            .expect("body row")
    };
    let (b_hans, b_hant) = (body(&hans), body(&hant));
    assert_eq!(b_hans.source, Source::Substitute);
    // Noto CJK collections: face 2 is SC, face 3 is TC.
    assert_eq!(
        b_hans.file.as_deref(),
        Some(format!("{}#2", noto.display()).as_str())
    );
    assert_eq!(
        b_hant.file.as_deref(),
        Some(format!("{}#3", noto.display()).as_str())
    );
    assert_eq!(b_hans.family, "Noto Serif CJK SC");
    assert_eq!(b_hant.family, "Noto Serif CJK TC");
    let h1 = hans
        .iter()
        .find(|r| r.role == Some(RunRole::Heading(1)))
        .expect("h1");
    assert_eq!(
        h1.file.as_deref(),
        Some(format!("{}#2", sans.display()).as_str())
    );
    let title = hans
        .iter()
        .find(|r| r.role == Some(RunRole::Title))
        .expect("title");
    assert!(
        title
            .file
            .as_deref()
            .is_some_and(|f| f.contains("NotoSerifCJK-Bold.ttc")),
        "{title:?}"
    );
    // The same character measures one em in the installed body font too.
    assert!((load(false, false).advance_pt(RunRole::Body, '国') - 16.0).abs() < 0.01);
    // A Hong Kong report takes the HK faces (face 4), Hong Kong glyph forms.
    let hk = FontSet::load(
        &Style::default(),
        Script::HantHk,
        &FontOptions {
            builtin_only: false,
        },
    )
    .unwrap_or_else(|d| panic!("{}", d.message.en))
    .report(None);
    let b_hk = body(&hk);
    assert_eq!(b_hk.family, "Noto Serif CJK HK");
    assert_eq!(
        b_hk.file.as_deref(),
        Some(format!("{}#4", noto.display()).as_str())
    );
}

#[test]
fn an_explicit_font_file_wins_over_every_lookup() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/HuibaoKai-Regular.ttf");
    let mut style = Style::default();
    style.fonts.body.file = Some(file.into());
    let fonts = FontSet::load(&style, Script::Hans, &FontOptions { builtin_only: true })
        .unwrap_or_else(|d| panic!("{}", d.message.en));
    let body = fonts
        .report(None)
        .into_iter()
        .find(|r| r.role == Some(RunRole::Body))
        .expect("body row");
    assert_eq!(body.source, Source::Explicit);
    assert_eq!(body.file.as_deref(), Some(file));
    assert_eq!(body.family, "Huibao Kai");
}

#[test]
fn an_unreadable_explicit_font_file_is_a_diagnostic() {
    let mut style = Style::default();
    style.fonts.title.file = Some("/nonexistent/字体.ttf".into());
    let err = FontSet::load(&style, Script::Hans, &FontOptions::default()).expect_err("must fail");
    assert_eq!(err.code, "E-FONT-FILE");
    assert!(
        err.message.hans.contains("/nonexistent/字体.ttf")
            && err.message.en.contains("cannot open")
    );
}

#[test]
fn allowed_missing_glyphs_fall_back_to_an_installed_font() {
    let mut fonts = load(false, false);
    let doc = Document {
        blocks: vec![Block::Paragraph {
            text: "格鲁吉亚文ა".into(),
        }],
    };
    if fonts.missing_chars(&doc).is_empty() {
        eprintln!("skipped: the role's own fonts already have U+10D0");
        return;
    }
    let left = fonts.add_fallback(&['ა']);
    if !left.is_empty() {
        eprintln!("skipped: no installed font has U+10D0");
        return;
    }
    assert_eq!(fonts.missing_chars(&doc), vec![]);
    // Built-in only: no installed font may be used, the character stays missing.
    let mut builtin = load(false, true);
    assert_eq!(builtin.add_fallback(&['ა']), vec!['ა']);
}

#[test]
fn em_dashes_are_full_width_in_every_role() {
    // Noto CJK draws U+2014 0.89 em wide, which leaves a gap inside every ——; the full-width
    // form (U+2015's glyph, what the fonts' `fwid` feature picks) is drawn instead.
    for builtin_only in [true, false] {
        let fonts = load(false, builtin_only);
        for role in [
            RunRole::Title,
            RunRole::Body,
            RunRole::Heading(1),
            RunRole::Heading(2),
        ] {
            let dash = fonts.advance_pt(role, '—');
            let han = fonts.advance_pt(role, '中');
            assert!(
                (dash - han).abs() < 0.01,
                "builtin_only={builtin_only} {role:?}: — {dash} pt, 中 {han} pt"
            );
        }
    }
}

#[test]
fn traditional_reports_use_tc_faces_and_fall_back_to_sc() {
    let tc = load(true, true);
    let sc = load(false, true);
    // 說 is drawn from different faces (TC: Traditional glyph forms).
    let tc_face = tc.glyph(RunRole::Body, '說').expect("說 in TC").face;
    let sc_face = sc.glyph(RunRole::Body, '說').expect("說 in SC").face;
    assert_ne!(tc_face.origin(), sc_face.origin());
    assert!(tc_face.family().contains("TC"), "{}", tc_face.family());
    // A Simplified-only hanzi in a Traditional report still has a glyph (the SC face).
    let r = tc.glyph(RunRole::Body, '这').expect("这 falls back to SC");
    assert_eq!(r.face.origin(), sc_face.origin());
}

#[test]
fn builtin_fonts_cover_the_general_standard_table_beyond_gb2312() {
    // Hanzi of the 通用规范汉字表 (2013) that GB2312 lacks, common in names (堃 喆 珺 彧 玥 颋
    // 钘), and their Traditional forms (頲 鈃): every built-in role face draws them.
    for (hant, text) in [(false, "堃喆珺彧玥颋钘"), (true, "堃喆珺彧玥頲鈃")] {
        let fonts = load(hant, true);
        for role in [
            RunRole::Title,
            RunRole::Body,
            RunRole::Heading(1),
            RunRole::Heading(2),
            RunRole::PageNumber,
        ] {
            for ch in text.chars() {
                let r = fonts.glyph(role, ch);
                assert!(r.is_some(), "hant={hant} {role:?}: no glyph for {ch}");
            }
        }
    }
}
