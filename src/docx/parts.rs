//! The docx-rs building blocks shared by the body and the package: run properties per role,
//! the paragraph styles, the page-number footers; and the two parts docx-rs cannot express at
//! all and the patch step substitutes (the font table with `w:altName`, core properties).
//!
//! docx-rs writes its own hard-coded `Normal` before ours, `w:rPr` first in `w:pPr`, no
//! `firstLineChars` and no `autoSpaceDE/DN`; [`super::patch`] repairs those afterwards.

use std::fmt::Write as _;

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    Paragraph, ParagraphProperty, Run, RunFonts, RunProperty, SpecialIndentType, Style as DxStyle,
    StyleType,
};

use super::xml::{escape, needs_east_asia_hint, sanitize, Piece};
use super::Geometry;
use crate::style::{FontSpec, Style};

const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Paragraph style ids used by the body writer.
pub mod ids {
    /// Body paragraph: first-line indent of two characters, justified.
    pub const BODY: &str = "BodyText";
    /// Title lines.
    pub const TITLE: &str = "Title";
    /// Unit/date or subtitle line under the title.
    pub const SUBTITLE: &str = "Subtitle";
    /// Salutation, flush left.
    pub const SALUTATION: &str = "Salutation";
    /// Table caption.
    pub const CAPTION: &str = "TableCaption";
    /// Table body cell.
    pub const CELL: &str = "TableText";
    /// Table header cell.
    pub const HEADER_CELL: &str = "TableHeader";
    /// Note under a table.
    pub const TABLE_NOTE: &str = "TableNote";
    /// Page-number footer paragraph.
    pub const FOOTER: &str = "Footer";
    /// Standalone heading of a level 1–4.
    pub fn heading(level: u8) -> &'static str {
        match level {
            1 => "Heading1",
            2 => "Heading2",
            3 => "Heading3",
            _ => "Heading4",
        }
    }
}

/// Run properties for text in the font `spec`: Latin font, East-Asian font, explicit bold
/// (never for 黑体), size, and the grid character spacing when `on_grid`.
pub fn role_props(g: &Geometry, style: &Style, spec: &FontSpec, on_grid: bool) -> RunProperty {
    let latin = &style.fonts.latin.family;
    let fonts = RunFonts::new()
        .ascii(latin)
        .hi_ansi(latin)
        .east_asia(&spec.family)
        .cs(latin);
    let props = RunProperty::new()
        .fonts(fonts)
        .character_spacing(if on_grid {
            g.grid_spacing(spec.size_pt)
        } else {
            0
        })
        .size(half_points(spec.size_pt) as usize);
    if spec.bold && !spec.family.contains('黑') {
        props.bold()
    } else {
        props.disable_bold()
    }
}

/// A run of `text` (sanitised: tabs and newlines become `w:tab`/`w:br`, control characters
/// are dropped) with the properties of `spec`, plus the East-Asian font hint when the text has
/// quotes, dashes or ellipses.
pub fn role_run(g: &Geometry, style: &Style, spec: &FontSpec, on_grid: bool, text: &str) -> Run {
    let mut props = role_props(g, style, spec, on_grid);
    if needs_east_asia_hint(text) {
        if let Some(f) = props.fonts.take() {
            props.fonts = Some(f.hint("eastAsia"));
        }
    }
    text_run(props, text)
}

fn text_run(props: RunProperty, text: &str) -> Run {
    let mut run = Run::new();
    run.run_property = props;
    for piece in sanitize(text) {
        run = match piece {
            Piece::Text(t) => run.add_text(t),
            Piece::Tab => run.add_tab(),
            Piece::Break => run.add_break(docx_rs::BreakType::TextWrapping),
        };
    }
    run
}

/// A size in points as OOXML half-points, kept within Word's range.
pub fn half_points(pt: f32) -> u32 {
    ((pt * 2.0).round() as u32).clamp(2, 3276)
}

/// Exact line spacing of `line` twips, no space before or after.
fn exact(line: u32) -> LineSpacing {
    LineSpacing::new()
        .before(0)
        .after(0)
        .line(line.clamp(40, 31680) as i32)
        .line_rule(LineSpacingType::Exact)
}

/// An exact line of 1.2 × the font size, for paragraphs off the grid (tables, footers).
fn tight_line(spec: &FontSpec) -> LineSpacing {
    exact((spec.size_pt * 24.0).round() as u32)
}

/// Indentation with every value written: left, right, first line (0 = flush).
fn ind(p: ParagraphProperty, left: i32, right: i32, first_line: i32) -> ParagraphProperty {
    p.indent(
        Some(left),
        Some(SpecialIndentType::FirstLine(first_line)),
        Some(right),
        None,
    )
}

fn para_style(
    id: &str,
    name: &str,
    based_on: Option<&str>,
    ppr: ParagraphProperty,
    rpr: RunProperty,
) -> DxStyle {
    let mut s = DxStyle::new(id, StyleType::Paragraph).name(name);
    if let Some(b) = based_on {
        s = s.based_on(b).next("Normal");
    }
    s.paragraph_property = ppr;
    s.run_property = rpr;
    s
}

/// The document defaults and one paragraph style per role added to `docx`; `Normal` is the
/// 三号 body text on the grid (exact line pitch, justified, widow control off). The patch step
/// adds `autoSpaceDE/DN` off to `Normal` and `firstLineChars` to [`ids::BODY`].
pub fn styles(mut docx: Docx, g: &Geometry, style: &Style) -> Docx {
    let f = &style.fonts;
    let latin = &f.latin.family;
    docx = docx
        .default_fonts(
            RunFonts::new()
                .ascii(latin)
                .hi_ansi(latin)
                .east_asia(&f.body.family)
                .cs(latin),
        )
        .default_size(half_points(f.body.size_pt) as usize)
        .default_spacing(g.grid_spacing(f.body.size_pt))
        .default_line_spacing(exact(g.line_pitch));
    let normal = ParagraphProperty::new()
        .widow_control(false)
        .line_spacing(exact(g.line_pitch))
        .align(AlignmentType::Both);
    let body_props = |spec: &FontSpec| role_props(g, style, spec, true);
    let off_grid = |spec: &FontSpec| role_props(g, style, spec, false);
    let centred = ind(ParagraphProperty::new(), 0, 0, 0).align(AlignmentType::Center);
    let mut out = vec![
        para_style("Normal", "Normal", None, normal, body_props(&f.body)),
        para_style(
            ids::BODY,
            "正文首行缩进",
            Some("Normal"),
            ind(
                ParagraphProperty::new(),
                0,
                0,
                2 * g.advance(f.body.size_pt),
            ),
            RunProperty::new(),
        ),
        para_style(
            ids::TITLE,
            "Title",
            Some("Normal"),
            centred
                .clone()
                .keep_next(true)
                .keep_lines(true)
                .snap_to_grid(false)
                .line_spacing(exact((f.title.size_pt * 700.0 / 22.0).round() as u32)),
            off_grid(&f.title).disable_bold(),
        ),
        para_style(
            ids::SUBTITLE,
            "Subtitle",
            Some("Normal"),
            centred.clone(),
            body_props(&f.subtitle),
        ),
        para_style(
            ids::SALUTATION,
            "Salutation",
            Some("Normal"),
            ind(ParagraphProperty::new(), 0, 0, 0),
            body_props(&f.body),
        ),
    ];
    for level in 1..=4u8 {
        let spec = f.for_role(crate::model::RunRole::Heading(level));
        out.push(para_style(
            ids::heading(level),
            &format!("heading {level}"),
            Some(ids::BODY),
            ParagraphProperty::new()
                .keep_next(true)
                .outline_lvl(usize::from(level - 1)),
            body_props(spec),
        ));
    }
    let cap_spec = FontSpec {
        size_pt: f.body.size_pt,
        ..f.heading1.clone()
    };
    out.push(para_style(
        ids::CAPTION,
        "表格标题",
        Some("Normal"),
        centred.keep_next(true),
        body_props(&cap_spec),
    ));
    let cell = |spec: &FontSpec| {
        ind(ParagraphProperty::new(), 0, 0, 0)
            .snap_to_grid(false)
            .line_spacing(tight_line(spec))
    };
    out.push(para_style(
        ids::CELL,
        "表格文字",
        Some("Normal"),
        cell(&f.table),
        off_grid(&f.table),
    ));
    out.push(para_style(
        ids::HEADER_CELL,
        "表头",
        Some(ids::CELL),
        cell(&f.table_header).align(AlignmentType::Center),
        off_grid(&f.table_header),
    ));
    out.push(para_style(
        ids::TABLE_NOTE,
        "表注",
        Some(ids::CELL),
        cell(&f.table),
        off_grid(&f.table),
    ));
    out.push(para_style(
        ids::FOOTER,
        "footer",
        Some("Normal"),
        cell(&f.page_number),
        page_number_props(style),
    ));
    for s in out {
        docx = docx.add_style(s);
    }
    docx
}

/// Page numbers use their own font for digits too (宋体 half-width digits, spec §4).
fn page_number_props(style: &Style) -> RunProperty {
    let spec = &style.fonts.page_number;
    RunProperty::new()
        .fonts(
            RunFonts::new()
                .ascii(&spec.family)
                .hi_ansi(&spec.family)
                .east_asia(&spec.family)
                .cs(&spec.family)
                .hint("eastAsia"),
        )
        .disable_bold()
        .character_spacing(0)
        .size(half_points(spec.size_pt) as usize)
}

/// A footer with "— N —" (a PAGE field): odd pages right-aligned with a one-character right
/// gap, even pages left-aligned with a one-character left gap.
pub fn footer(style: &Style, odd: bool) -> Footer {
    let gap = (style.fonts.page_number.size_pt * 20.0).round() as i32;
    let (left, right) = if odd { (0, gap) } else { (gap, 0) };
    let mut p = Paragraph::new().style(ids::FOOTER);
    p.property = ind(p.property, left, right, 0).align(if odd {
        AlignmentType::Right
    } else {
        AlignmentType::Left
    });
    let props = page_number_props(style);
    let field = |kind: FieldCharType| {
        let mut r = Run::new().add_field_char(kind, false);
        r.run_property = props.clone();
        r
    };
    let mut instr = Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new()));
    instr.run_property = props.clone();
    let p = p
        .add_run(text_run(props.clone(), "— "))
        .add_run(field(FieldCharType::Begin))
        .add_run(instr)
        .add_run(field(FieldCharType::Separate))
        .add_run(text_run(props.clone(), "1"))
        .add_run(field(FieldCharType::End))
        .add_run(text_run(props, " —"));
    Footer::new().add_paragraph(p)
}

/// Word's Simplified-Chinese kinsoku lists plus GB/T 15834's additions (line-breaking.md §1 rule
/// 4), written only for the strict profile: characters that may not end a line.
pub const STRICT_NO_END: &str = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥／/";
/// Characters that may not start a line (strict profile).
pub const STRICT_NO_START: &str = "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠—⋯⸺‧・〜／/";

/// The name Windows knows a font by when the official one is missing (`w:altName`).
fn alt_name(family: &str) -> Option<&'static str> {
    Some(match family {
        "仿宋_GB2312" => "仿宋",
        "楷体_GB2312" => "楷体",
        "方正小标宋_GBK" => "方正小标宋简体",
        "仿宋" => "FangSong",
        "楷体" => "KaiTi",
        "黑体" => "SimHei",
        "宋体" => "SimSun",
        _ => return None,
    })
}

/// `word/fontTable.xml`: every family the style uses, in role order, with `w:altName`
/// fallbacks (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体) and the GB2312 charset for Chinese faces.
/// docx-rs hard-codes Times New Roman, Symbol and Arial, so the patch step substitutes this.
pub fn font_table(style: &Style) -> String {
    let f = &style.fonts;
    let mut seen: Vec<&str> = Vec::new();
    for spec in [
        &f.latin,
        &f.body,
        &f.title,
        &f.subtitle,
        &f.heading1,
        &f.heading2,
        &f.heading3,
        &f.heading4,
        &f.table,
        &f.table_header,
        &f.page_number,
    ] {
        if !seen.contains(&spec.family.as_str()) {
            seen.push(&spec.family);
        }
    }
    let mut s = format!(
        r#"{DECL}<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
    );
    for name in seen {
        let _ = write!(s, r#"<w:font w:name="{}">"#, escape(name));
        if let Some(alt) = alt_name(name) {
            let _ = write!(s, r#"<w:altName w:val="{alt}"/>"#);
        }
        let (charset, family) = if name.is_ascii() {
            (
                "00",
                if name == "Times New Roman" {
                    "roman"
                } else {
                    "auto"
                },
            )
        } else {
            ("86", "auto")
        };
        let _ = write!(
            s,
            r#"<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>"#
        );
    }
    s.push_str("</w:fonts>");
    s
}
