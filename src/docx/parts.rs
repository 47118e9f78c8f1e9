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
use crate::layout::pt_to_twips;
use crate::model::RunRole;
use crate::style::{FontSpec, Style};
use crate::typeset::{Element, RunStyle, Typeset};

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

/// Run properties for text set as `rs` says (see [`crate::typeset`]): Latin font, East-Asian
/// font, explicit bold, size, and the grid's scale and character spacing when on the grid
/// (100 % and 0 otherwise, written out so that no style inherits the grid's).
pub fn role_props(g: &Geometry, rs: &RunStyle) -> RunProperty {
    let latin = &rs.latin.family;
    let fonts = RunFonts::new()
        .ascii(latin)
        .hi_ansi(latin)
        .east_asia(&rs.font.family)
        .cs(latin);
    let props = RunProperty::new()
        .fonts(fonts)
        .character_spacing(if rs.on_grid {
            g.grid_spacing(rs.size_pt)
        } else {
            0
        })
        .stretch(if rs.on_grid {
            g.grid_scale(rs.size_pt) as i32
        } else {
            100
        })
        .size(half_points(rs.size_pt) as usize);
    if rs.bold {
        props.bold()
    } else {
        props.disable_bold()
    }
}

/// A run of `text` (sanitised: tabs and newlines become `w:tab`/`w:br`, control characters
/// are dropped) set as `rs` says, plus the East-Asian font hint when the text has quotes,
/// dashes or ellipses.
pub fn role_run(g: &Geometry, rs: &RunStyle, text: &str) -> Run {
    let mut props = role_props(g, rs);
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

/// A paragraph style. Its `w:next` (the style Word gives the paragraph after pressing Enter)
/// is the body style for body-level styles (so a new paragraph after body text or a heading is
/// indented body text), and the style itself for table text and footers.
fn para_style(
    id: &str,
    name: &str,
    based_on: Option<&str>,
    ppr: ParagraphProperty,
    rpr: RunProperty,
) -> DxStyle {
    let mut s = DxStyle::new(id, StyleType::Paragraph).name(name);
    if let Some(b) = based_on {
        s = s.based_on(b);
    }
    let table_or_footer = [ids::CELL, ids::HEADER_CELL, ids::TABLE_NOTE, ids::FOOTER];
    s = s.next(if table_or_footer.contains(&id) {
        id
    } else {
        ids::BODY
    });
    s.paragraph_property = ppr;
    s.run_property = rpr;
    s
}

/// The document defaults and one paragraph style per role added to `docx`; `Normal` is the
/// 三号 body text on the grid (exact line pitch, justified, widow control on as in the layout). The patch step
/// adds `autoSpaceDE/DN` off to `Normal` and `firstLineChars` to [`ids::BODY`].
pub fn styles(mut docx: Docx, g: &Geometry, style: &Style) -> Docx {
    let ts = Typeset::new(style);
    let body = ts.element(Element::Paragraph);
    let latin = &body.latin.family;
    docx = docx
        .default_fonts(
            RunFonts::new()
                .ascii(latin)
                .hi_ansi(latin)
                .east_asia(&body.font.family)
                .cs(latin),
        )
        .default_size(half_points(body.size_pt) as usize)
        .default_line_spacing(exact(g.line_pitch));
    let normal = ParagraphProperty::new()
        .widow_control(true)
        .line_spacing(exact(g.line_pitch))
        .align(AlignmentType::Both);
    let props = |e: Element| role_props(g, &ts.element(e));
    let centred = ind(ParagraphProperty::new(), 0, 0, 0).align(AlignmentType::Center);
    let mut out = vec![
        para_style("Normal", "Normal", None, normal, props(Element::Paragraph)),
        para_style(
            ids::BODY,
            "正文首行缩进",
            Some("Normal"),
            ind(
                ParagraphProperty::new(),
                0,
                0,
                2 * g.advance(ts.element(Element::Paragraph).size_pt),
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
                .line_spacing(exact(pt_to_twips(crate::layout::TITLE_PITCH) as u32)),
            props(Element::Title),
        ),
        para_style(
            ids::SUBTITLE,
            "Subtitle",
            Some("Normal"),
            centred.clone(),
            props(Element::Subtitle),
        ),
        para_style(
            ids::SALUTATION,
            "Salutation",
            Some("Normal"),
            ind(ParagraphProperty::new(), 0, 0, 0),
            props(Element::Salutation),
        ),
    ];
    for level in 1..=4u8 {
        out.push(para_style(
            ids::heading(level),
            &format!("heading {level}"),
            Some(ids::BODY),
            ParagraphProperty::new()
                .keep_next(true)
                .outline_lvl(usize::from(level - 1)),
            props(Element::Heading(level)),
        ));
    }
    out.push(para_style(
        ids::CAPTION,
        "表格标题",
        Some("Normal"),
        centred.keep_next(true),
        props(Element::TableCaption),
    ));
    let cell = |e: Element| {
        ind(ParagraphProperty::new(), 0, 0, 0)
            .snap_to_grid(false)
            .line_spacing(tight_line(ts.element(e).font))
    };
    out.push(para_style(
        ids::CELL,
        "表格文字",
        Some("Normal"),
        cell(Element::TableCell),
        props(Element::TableCell),
    ));
    out.push(para_style(
        ids::HEADER_CELL,
        "表头",
        Some(ids::CELL),
        cell(Element::TableHeader).align(AlignmentType::Center),
        props(Element::TableHeader),
    ));
    // The note under a table: one grid line per line, as the PDF sets it.
    out.push(para_style(
        ids::TABLE_NOTE,
        "表注",
        Some(ids::CELL),
        ind(ParagraphProperty::new(), 0, 0, 0)
            .snap_to_grid(false)
            .line_spacing(exact(g.line_pitch)),
        props(Element::TableNote),
    ));
    out.push(para_style(
        ids::FOOTER,
        "footer",
        Some("Normal"),
        cell(Element::PageNumber),
        page_number_props(g, style),
    ));
    for s in out {
        docx = docx.add_style(s);
    }
    docx
}

/// Page numbers use their own font for digits too (宋体 half-width digits, spec §4; see
/// [`crate::typeset::Typeset::role`]), with the East-Asian hint.
fn page_number_props(g: &Geometry, style: &Style) -> RunProperty {
    let mut props = role_props(g, &Typeset::new(style).role(RunRole::PageNumber));
    if let Some(f) = props.fonts.take() {
        props.fonts = Some(f.hint("eastAsia"));
    }
    props
}

/// A footer with "— N —" (a PAGE field): odd pages right-aligned with a one-character right
/// gap, even pages left-aligned with a one-character left gap.
pub fn footer(g: &Geometry, style: &Style, odd: bool) -> Footer {
    Footer::new().add_paragraph(footer_paragraph(g, style, odd))
}

/// The paragraph of [`footer`].
pub fn footer_paragraph(g: &Geometry, style: &Style, odd: bool) -> Paragraph {
    let gap = pt_to_twips(crate::typeset::size(style, RunRole::PageNumber));
    let (left, right) = if odd { (0, gap) } else { (gap, 0) };
    let mut p = Paragraph::new().style(ids::FOOTER);
    p.property = ind(p.property, left, right, 0).align(if odd {
        AlignmentType::Right
    } else {
        AlignmentType::Left
    });
    let props = page_number_props(g, style);
    let field = |kind: FieldCharType| {
        let mut r = Run::new().add_field_char(kind, false);
        r.run_property = props.clone();
        r
    };
    let mut instr = Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new()));
    instr.run_property = props.clone();
    p.add_run(text_run(props.clone(), "— "))
        .add_run(field(FieldCharType::Begin))
        .add_run(instr)
        .add_run(field(FieldCharType::Separate))
        .add_run(text_run(props.clone(), "1"))
        .add_run(field(FieldCharType::End))
        .add_run(text_run(props, " —"))
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
        if let Some(alt) = crate::typeset::families::alt_name(name) {
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

/// `word/theme/theme1.xml`: the theme part Word's validators require (ECMA-376 needs a theme
/// relationship from the main part). Nothing in the document refers to theme fonts or colours;
/// its fonts are still the report's (Latin font, body font as East-Asian) so that a user
/// choosing "body font" in Word gets the report's.
pub fn theme(style: &Style) -> String {
    let latin = escape(&style.fonts.latin.family);
    let ea = escape(&style.fonts.body.family);
    let title_ea = escape(&style.fonts.heading1.family);
    let colour =
        |name: &str, rgb: &str| format!(r#"<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>"#);
    let mut colours = String::from(
        r#"<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>"#,
    );
    for (name, rgb) in [
        ("dk2", "44546A"),
        ("lt2", "E7E6E6"),
        ("accent1", "4472C4"),
        ("accent2", "ED7D31"),
        ("accent3", "A5A5A5"),
        ("accent4", "FFC000"),
        ("accent5", "5B9BD5"),
        ("accent6", "70AD47"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ] {
        colours.push_str(&colour(name, rgb));
    }
    let solid = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = |w: u32| {
        format!(
            r#"<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{solid}<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>"#
        )
    };
    let three = |x: &str| x.repeat(3);
    format!(
        concat!(
            r#"{decl}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="huibao">"#,
            r#"<a:themeElements><a:clrScheme name="huibao">{colours}</a:clrScheme>"#,
            r#"<a:fontScheme name="huibao">"#,
            r#"<a:majorFont><a:latin typeface="{latin}"/><a:ea typeface="{title_ea}"/><a:cs typeface="{latin}"/></a:majorFont>"#,
            r#"<a:minorFont><a:latin typeface="{latin}"/><a:ea typeface="{ea}"/><a:cs typeface="{latin}"/></a:minorFont>"#,
            r#"</a:fontScheme><a:fmtScheme name="huibao">"#,
            r#"<a:fillStyleLst>{fills}</a:fillStyleLst>"#,
            r#"<a:lnStyleLst>{l1}{l2}{l3}</a:lnStyleLst>"#,
            r#"<a:effectStyleLst>{effects}</a:effectStyleLst>"#,
            r#"<a:bgFillStyleLst>{fills}</a:bgFillStyleLst>"#,
            r#"</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#
        ),
        decl = DECL,
        colours = colours,
        latin = latin,
        ea = ea,
        title_ea = title_ea,
        fills = three(solid),
        l1 = line(6350),
        l2 = line(12700),
        l3 = line(19050),
        effects = three("<a:effectStyle><a:effectLst/></a:effectStyle>"),
    )
}
