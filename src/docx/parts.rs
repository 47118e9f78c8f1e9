//! The fixed-structure parts of the package: styles, settings, font table, footers, content
//! types, relationships and document properties.
//!
//! docx-rs writes these with traps for Chinese formal documents (an empty duplicate `Normal`
//! style, `characterSpacingControl` inside `w:compat`, `balanceSingleByteDoubleByteWidth`, no
//! `w:altName`), so they are written here directly, each in schema order, from [`Geometry`]
//! and the role fonts of the [`Style`].

use std::fmt::Write as _;

use super::xml::{escape, run, Fonts, Ind, PPr, RPr, Spacing};
use super::Geometry;
use crate::style::{FontSpec, KinsokuProfile, Style};

/// Main WordprocessingML namespace.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Relationships namespace used in `r:id` attributes.
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
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
pub fn role_rpr<'a>(g: &Geometry, style: &'a Style, spec: &'a FontSpec, on_grid: bool) -> RPr<'a> {
    RPr {
        fonts: Some(Fonts {
            latin: &style.fonts.latin.family,
            east_asia: &spec.family,
        }),
        hint: false,
        bold: Some(spec.bold && !spec.family.contains('黑')),
        spacing: Some(if on_grid {
            g.grid_spacing(spec.size_pt)
        } else {
            0
        }),
        size: Some(half_points(spec.size_pt)),
        lang: false,
    }
}

/// A size in points as OOXML half-points, kept within Word's range.
pub fn half_points(pt: f32) -> u32 {
    ((pt * 2.0).round() as u32).clamp(2, 3276)
}

/// An exact line of 1.2 × the font size, for paragraphs off the grid (tables, footers).
fn tight_line(spec: &FontSpec) -> Spacing {
    Spacing {
        line: ((spec.size_pt * 24.0).round() as u32).clamp(40, 31680),
        exact: true,
    }
}

fn style_xml(out: &mut String, id: &str, name: &str, based_on: Option<&str>, ppr: PPr, rpr: RPr) {
    let _ = write!(
        out,
        r#"<w:style w:type="paragraph"{} w:styleId="{id}"><w:name w:val="{}"/>"#,
        if id == "Normal" {
            r#" w:default="1""#
        } else {
            ""
        },
        escape(name)
    );
    if let Some(b) = based_on {
        let _ = write!(out, r#"<w:basedOn w:val="{b}"/>"#);
    }
    if id != "Normal" {
        out.push_str(r#"<w:next w:val="Normal"/>"#);
    }
    out.push_str("<w:qFormat/>");
    out.push_str(&ppr.xml());
    out.push_str(&rpr.xml());
    out.push_str("</w:style>");
}

/// `word/styles.xml`: document defaults and one paragraph style per role, `Normal` being the
/// 三号 body text on the grid (exact line pitch, no hanzi–Latin auto spacing).
pub fn styles(g: &Geometry, style: &Style) -> String {
    let f = &style.fonts;
    let grid_line = Some(Spacing {
        line: g.line_pitch,
        exact: true,
    });
    let no_ind = Some(Ind::default());
    let mut s = format!(r#"{DECL}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault>"#);
    s.push_str(
        &RPr {
            lang: true,
            ..role_rpr(g, style, &f.body, true)
        }
        .xml(),
    );
    s.push_str("</w:rPrDefault><w:pPrDefault>");
    s.push_str(
        &PPr {
            spacing: grid_line,
            ..PPr::default()
        }
        .xml(),
    );
    s.push_str("</w:pPrDefault></w:docDefaults>");
    let normal = PPr {
        widow_control: Some(false),
        auto_space_off: true,
        spacing: grid_line,
        jc: Some("both"),
        ..PPr::default()
    };
    style_xml(
        &mut s,
        "Normal",
        "Normal",
        None,
        normal,
        role_rpr(g, style, &f.body, true),
    );
    let body_ind = Some(Ind {
        first_line: 2 * g.advance(f.body.size_pt),
        first_line_chars: Some(200),
        ..Ind::default()
    });
    let body = PPr {
        ind: body_ind,
        ..PPr::default()
    };
    style_xml(
        &mut s,
        ids::BODY,
        "正文首行缩进",
        Some("Normal"),
        body,
        RPr::default(),
    );
    let title = PPr {
        keep_next: true,
        keep_lines: true,
        snap_to_grid: Some(false),
        spacing: Some(Spacing {
            line: ((f.title.size_pt * 700.0 / 22.0).round() as u32).clamp(40, 31680),
            exact: true,
        }),
        ind: no_ind,
        jc: Some("center"),
        ..PPr::default()
    };
    let mut title_rpr = role_rpr(g, style, &f.title, false);
    title_rpr.bold = Some(false);
    style_xml(
        &mut s,
        ids::TITLE,
        "Title",
        Some("Normal"),
        title,
        title_rpr,
    );
    let centred = PPr {
        ind: no_ind,
        jc: Some("center"),
        ..PPr::default()
    };
    let sub_rpr = role_rpr(g, style, &f.subtitle, true);
    style_xml(
        &mut s,
        ids::SUBTITLE,
        "Subtitle",
        Some("Normal"),
        centred.clone(),
        sub_rpr,
    );
    let flush = PPr {
        ind: no_ind,
        ..PPr::default()
    };
    let sal_rpr = role_rpr(g, style, &f.body, true);
    style_xml(
        &mut s,
        ids::SALUTATION,
        "Salutation",
        Some("Normal"),
        flush,
        sal_rpr,
    );
    for level in 1..=4u8 {
        let spec = f.for_role(crate::model::RunRole::Heading(level));
        let ppr = PPr {
            keep_next: true,
            outline: Some(level - 1),
            ..PPr::default()
        };
        let name = format!("heading {level}");
        let rpr = role_rpr(g, style, spec, true);
        style_xml(
            &mut s,
            ids::heading(level),
            &name,
            Some(ids::BODY),
            ppr,
            rpr,
        );
    }
    let caption = PPr {
        keep_next: true,
        ..centred
    };
    let cap_spec = FontSpec {
        size_pt: f.body.size_pt,
        ..f.heading1.clone()
    };
    let cap_rpr = role_rpr(g, style, &cap_spec, true);
    style_xml(
        &mut s,
        ids::CAPTION,
        "表格标题",
        Some("Normal"),
        caption,
        cap_rpr,
    );
    let cell = PPr {
        snap_to_grid: Some(false),
        spacing: Some(tight_line(&f.table)),
        ind: no_ind,
        ..PPr::default()
    };
    let cell_rpr = role_rpr(g, style, &f.table, false);
    style_xml(
        &mut s,
        ids::CELL,
        "表格文字",
        Some("Normal"),
        cell.clone(),
        cell_rpr.clone(),
    );
    let head = PPr {
        spacing: Some(tight_line(&f.table_header)),
        jc: Some("center"),
        ..cell.clone()
    };
    let head_rpr = role_rpr(g, style, &f.table_header, false);
    style_xml(
        &mut s,
        ids::HEADER_CELL,
        "表头",
        Some(ids::CELL),
        head,
        head_rpr,
    );
    style_xml(
        &mut s,
        ids::TABLE_NOTE,
        "表注",
        Some(ids::CELL),
        cell,
        cell_rpr,
    );
    let footer = PPr {
        snap_to_grid: Some(false),
        spacing: Some(tight_line(&f.page_number)),
        ind: no_ind,
        ..PPr::default()
    };
    let footer_rpr = page_number_rpr(style);
    style_xml(
        &mut s,
        ids::FOOTER,
        "footer",
        Some("Normal"),
        footer,
        footer_rpr,
    );
    s.push_str("</w:styles>");
    s
}

/// Page numbers use their own font for digits too (宋体 half-width digits, spec §4).
fn page_number_rpr(style: &Style) -> RPr<'_> {
    let spec = &style.fonts.page_number;
    RPr {
        fonts: Some(Fonts {
            latin: &spec.family,
            east_asia: &spec.family,
        }),
        hint: true,
        bold: Some(false),
        spacing: Some(0),
        size: Some(half_points(spec.size_pt)),
        lang: false,
    }
}

/// A footer part with "— N —": odd pages right-aligned with a one-character right gap, even
/// pages left-aligned with a one-character left gap.
pub fn footer(style: &Style, odd: bool) -> String {
    let gap = (style.fonts.page_number.size_pt * 20.0).round() as i32;
    let ppr = PPr {
        style: Some(ids::FOOTER),
        ind: Some(Ind {
            left: if odd { 0 } else { gap },
            right: if odd { gap } else { 0 },
            ..Ind::default()
        }),
        jc: Some(if odd { "right" } else { "left" }),
        ..PPr::default()
    };
    let rpr = page_number_rpr(style);
    let field = |kind: &str| {
        format!(
            r#"<w:r>{}<w:fldChar w:fldCharType="{kind}"/></w:r>"#,
            rpr.xml()
        )
    };
    format!(
        r#"{DECL}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p>{}{}{}<w:r>{}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>{}{}{}{}</w:p></w:ftr>"#,
        ppr.xml(),
        run(&rpr, "— "),
        field("begin"),
        rpr.xml(),
        field("separate"),
        run(&rpr, "1"),
        field("end"),
        run(&rpr, " —"),
    )
}

/// Word's Simplified-Chinese kinsoku lists plus GB/T 15834's additions (line-breaking.md §1 rule
/// 4), written only for the strict profile.
const STRICT_NO_END: &str = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥／/";
const STRICT_NO_START: &str = "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠—⋯⸺‧・〜／/";

/// `word/settings.xml`: odd/even footers, no punctuation compression (each punctuation mark
/// one cell, as in the PDF), the strict kinsoku lists when chosen, Word 2013+ compatibility.
pub fn settings(style: &Style) -> String {
    let mut s = format!(
        r#"{DECL}<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/>"#
    );
    if style.line_breaking.profile == KinsokuProfile::Strict {
        let _ = write!(
            s,
            r#"<w:noLineBreaksAfter w:lang="zh-CN" w:val="{}"/><w:noLineBreaksBefore w:lang="zh-CN" w:val="{}"/>"#,
            escape(STRICT_NO_END),
            escape(STRICT_NO_START)
        );
    }
    s.push_str(
        r#"<w:compat><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"#,
    );
    s
}

/// The name Windows knows a font by when the official one is missing (`w:altName`).
fn alt_name(family: &str) -> Option<&'static str> {
    Some(match family {
        "仿宋_GB2312" => "仿宋",
        "楷体_GB2312" => "楷体",
        "仿宋" => "FangSong",
        "楷体" => "KaiTi",
        "黑体" => "SimHei",
        "宋体" => "SimSun",
        _ => return None,
    })
}

/// `word/fontTable.xml`: every family the style uses, in role order, with `w:altName`
/// fallbacks (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体) and the GB2312 charset for Chinese faces.
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
    let mut s = format!(r#"{DECL}<w:fonts xmlns:w="{W_NS}">"#);
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

/// `[Content_Types].xml`.
pub fn content_types() -> String {
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        concat!(
            r#"{}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/word/document.xml" ContentType="{w}.document.main+xml"/>"#,
            r#"<Override PartName="/word/styles.xml" ContentType="{w}.styles+xml"/>"#,
            r#"<Override PartName="/word/settings.xml" ContentType="{w}.settings+xml"/>"#,
            r#"<Override PartName="/word/fontTable.xml" ContentType="{w}.fontTable+xml"/>"#,
            r#"<Override PartName="/word/footer1.xml" ContentType="{w}.footer+xml"/>"#,
            r#"<Override PartName="/word/footer2.xml" ContentType="{w}.footer+xml"/>"#,
            r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
            r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
            "</Types>"
        ),
        DECL,
        w = wml
    )
}

const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// `_rels/.rels`: the main document and the two property parts.
pub fn package_rels() -> String {
    format!(
        concat!(
            r#"{}<Relationships xmlns="{}">"#,
            r#"<Relationship Id="rId1" Type="{t}/officeDocument" Target="word/document.xml"/>"#,
            r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
            r#"<Relationship Id="rId3" Type="{t}/extended-properties" Target="docProps/app.xml"/>"#,
            "</Relationships>"
        ),
        DECL,
        REL_NS,
        t = REL_TYPE
    )
}

/// Relationship id of the odd-page (default) footer in `document.xml.rels`.
pub const ODD_FOOTER_RID: &str = "rId4";
/// Relationship id of the even-page footer.
pub const EVEN_FOOTER_RID: &str = "rId5";

/// `word/_rels/document.xml.rels`.
pub fn document_rels() -> String {
    format!(
        concat!(
            r#"{}<Relationships xmlns="{}">"#,
            r#"<Relationship Id="rId1" Type="{t}/styles" Target="styles.xml"/>"#,
            r#"<Relationship Id="rId2" Type="{t}/settings" Target="settings.xml"/>"#,
            r#"<Relationship Id="rId3" Type="{t}/fontTable" Target="fontTable.xml"/>"#,
            r#"<Relationship Id="rId4" Type="{t}/footer" Target="footer1.xml"/>"#,
            r#"<Relationship Id="rId5" Type="{t}/footer" Target="footer2.xml"/>"#,
            "</Relationships>"
        ),
        DECL,
        REL_NS,
        t = REL_TYPE
    )
}

/// `docProps/core.xml`: the title, no dates (the output must not depend on the clock).
pub fn core_props(title: &str) -> String {
    format!(
        concat!(
            r#"{}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>huibao</dc:creator>"#,
            "</cp:coreProperties>"
        ),
        DECL,
        escape(title)
    )
}

/// `docProps/app.xml`.
pub fn app_props() -> String {
    format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>huibao</Application></Properties>"#
    )
}
