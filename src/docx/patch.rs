//! The one post-processing step over the parts docx-rs 0.4.22 writes: what it cannot express
//! or gets wrong for a GB/T 9704 document is repaired here, part by part, before the package
//! is zipped.
//!
//! Repaired everywhere: children of `w:pPr`, `w:rPr`, `w:sectPr`, `w:style`, `w:settings` and
//! the table property elements put in schema order (docx-rs writes `w:rPr` first in `w:pPr`,
//! `w:sz` before `w:rFonts`, footer references after `w:docGrid`); empty `w:rPr`/`w:pPr`
//! dropped; on/off values `true`/`false` written `1`/`0`; `w:bCs` given the value of `w:b`
//! (docx-rs writes a bare `<w:bCs/>`, i.e. bold on, for "bold off"); the non-schema `w:type`
//! dropped from `w:gridCol`; `w14:paraId` renumbered 1, 2, … over the package (docx-rs draws
//! them from a thread-global counter). Per part:
//! - styles.xml: docx-rs's own empty `Normal` removed, ours made the default; `autoSpaceDE/DN`
//!   off in `Normal`; `w:firstLineChars` on the styles that ask for it (docx-rs never writes
//!   it); `w:lang` with the report's East-Asian language (zh-CN, zh-TW, zh-HK) in the run
//!   defaults.
//! - settings.xml: `characterSpacingControl` moved out of `w:compat` where docx-rs puts it;
//!   `balanceSingleByteDoubleByteWidth` removed (it widens Latin text off the grid); the
//!   kinsoku lists `noLineBreaksAfter/Before` added (strict profile, Traditional Chinese).
//! - document.xml: `w:tblHeader` on the header rows of every table, `w:keepNext` off on the
//!   headings whose keep chain is cut (no docx-rs API for either).
//! - fontTable.xml and core.xml replaced (docx-rs hard-codes three Latin fonts without
//!   `w:altName`, and dates/creator in core.xml).
//! - `[Content_Types].xml` and relationships: entries for parts not in the package dropped.
//!
//! The parts a batch's reports share (styles, settings, fonts, theme, relationships, content
//! types) are patched once per process and context and their XML reused (see `shared_part`).

use super::tree::{parse, El, Node};
use super::xml::escape;

/// Path of the theme part, which the patch declares and links from the main part.
pub const THEME: &str = "word/theme/theme1.xml";

/// What the patch needs to know about the document beyond the parts themselves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fixes {
    /// `(style id, hundredths of a character)`: `w:firstLineChars` for the style's `w:ind`.
    pub first_line_chars: Vec<(String, i32)>,
    /// Header-row count of every table of document.xml, in document order.
    pub header_rows: Vec<usize>,
    /// Children of `w:body` (from 0) whose style's `w:keepNext` is turned off.
    pub unkept: Vec<usize>,
    /// `(no line end, no line start)` kinsoku lists for settings.xml, when chosen.
    pub no_line_breaks: Option<(String, String)>,
    /// The East-Asian language tag (`zh-CN`, `zh-TW`, `zh-HK`) of the run defaults and of the
    /// kinsoku lists; empty means `zh-CN`.
    pub lang: String,
    /// The complete `word/fontTable.xml`.
    pub font_table: String,
    /// The complete `docProps/core.xml`.
    pub core: String,
    /// Where sections with other page numbering start (see [`super::sections`]).
    pub sections: super::sections::Sections,
}

/// Schema order of `w:pPr` children (CT_PPr).
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// Schema order of `w:rPr` children (CT_ParaRPr / CT_RPr).
const RPR: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
];

/// Schema order of `w:sectPr` children.
const SECT: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
];

/// Schema order of `w:style` children.
const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
];

/// Schema order of the `w:settings` children docx-rs and this patch write.
const SETTINGS: &[&str] = &[
    "w:zoom",
    "w:defaultTabStop",
    "w:evenAndOddHeaders",
    "w:characterSpacingControl",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w15:docId",
    "w14:docId",
];

/// Schema order of `w:tblPr` children.
const TBLPR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
];

/// Order of `w:trPr` children as Word writes them.
const TRPR: &[&str] = &[
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
];

/// Schema order of `w:tcPr` children.
const TCPR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
];

/// Schema order of border and margin sides.
const SIDES: &[&str] = &[
    "w:top",
    "w:left",
    "w:start",
    "w:bottom",
    "w:right",
    "w:end",
    "w:insideH",
    "w:insideV",
];

fn schema_order(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "w:pPr" => PPR,
        "w:rPr" => RPR,
        "w:sectPr" => SECT,
        "w:style" => STYLE,
        "w:settings" => SETTINGS,
        "w:tblPr" => TBLPR,
        "w:trPr" => TRPR,
        "w:tcPr" => TCPR,
        "w:tblBorders" | "w:tcBorders" | "w:tblCellMar" | "w:tcMar" => SIDES,
        _ => return None,
    })
}

/// Applies every fix to `parts` (path, bytes) in the order given; returns the parts to zip,
/// `[Content_Types].xml` first.
pub fn apply(
    parts: Vec<(String, Vec<u8>)>,
    fixes: &Fixes,
) -> Result<Vec<(String, String)>, String> {
    // The parts' text, which the parsed trees borrow from.
    let mut texts = Vec::with_capacity(parts.len());
    for (path, bytes) in parts {
        let text = match path.as_str() {
            "word/fontTable.xml" => fixes.font_table.clone(),
            "docProps/core.xml" => fixes.core.clone(),
            _ => String::from_utf8(bytes).map_err(|e| format!("{path}: {e}"))?,
        };
        texts.push((path, text));
    }
    let names: Vec<String> = texts.iter().map(|(p, _)| p.clone()).collect();
    // The shared parts are parsed only when this process has not patched them before.
    let mut parsed = Vec::with_capacity(texts.len());
    for (path, text) in &texts {
        let part = if shared_part(path) {
            None
        } else {
            Some(parse(text).map_err(|e| format!("{path}: {e}"))?)
        };
        parsed.push(part);
    }
    let used_styles = used_style_ids(
        texts
            .iter()
            .zip(&parsed)
            .filter_map(|((path, _), part)| Some((path.as_str(), part.as_ref()?))),
    );
    // Everything a shared part's patch reads besides its own text.
    let context = format!(
        "{names:?}\n{used_styles:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        fixes.first_line_chars, fixes.no_line_breaks, fixes.lang, fixes.sections
    );
    let mut para_id = 0u32;
    let mut out = Vec::with_capacity(parsed.len());
    for ((path, text), part) in texts.iter().zip(parsed) {
        let para_in = para_id;
        let mut part = match part {
            Some(part) => part,
            None => {
                let hit = SHARED.find(|s| {
                    s.para_in == para_in
                        && s.path == *path
                        && s.text == *text
                        && s.context == context
                });
                if let Some(hit) = hit {
                    para_id = hit.para_out;
                    out.push((path.clone(), Patched::Xml(hit.xml.clone())));
                    continue;
                }
                parse(text).map_err(|e| format!("{path}: {e}"))?
            }
        };
        match path.as_str() {
            "[Content_Types].xml" => {
                prune_content_types(&mut part.root, &names);
                super::sections::declare_parts(&mut part.root, &fixes.sections);
                if names.iter().any(|n| n == THEME) {
                    part.root.children.push(Node::El(El::new(
                        "Override",
                        &[
                            ("PartName", &format!("/{THEME}")),
                            (
                                "ContentType",
                                "application/vnd.openxmlformats-officedocument.theme+xml",
                            ),
                        ],
                    )));
                }
            }
            p if p.ends_with(".rels") => {
                prune_rels(&mut part.root, p, &names);
                if p == "word/_rels/document.xml.rels" {
                    super::sections::link_parts(&mut part.root, &fixes.sections);
                }
                if p == "word/_rels/document.xml.rels" && names.iter().any(|n| n == THEME) {
                    part.root.children.push(Node::El(El::new(
                        "Relationship",
                        &[
                            ("Id", "rIdTheme1"),
                            (
                                "Type",
                                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
                            ),
                            ("Target", "theme/theme1.xml"),
                        ],
                    )));
                }
            }
            "word/styles.xml" => fix_styles(&mut part.root, fixes, &used_styles),
            "word/settings.xml" => fix_settings(&mut part.root, fixes),
            "word/document.xml" => {
                mark_header_rows(&mut part.root, &fixes.header_rows);
                unkeep(&mut part.root, &fixes.unkept);
                super::sections::split(&mut part.root, &fixes.sections);
            }
            _ => {}
        }
        normalise(&mut part.root, &mut para_id);
        let shared = shared_part(path).then_some((text, para_in, para_id));
        out.push((path.clone(), Patched::Tree(part, shared)));
    }
    out.sort_by_key(|(p, _)| p != "[Content_Types].xml");
    Ok(out
        .into_iter()
        .map(|(path, patched)| match patched {
            Patched::Xml(xml) => (path, xml),
            Patched::Tree(part, shared) => {
                let xml = part.to_xml();
                if let Some((text, para_in, para_out)) = shared {
                    SHARED.keep(std::sync::Arc::new(Shared {
                        path: path.clone(),
                        text: text.clone(),
                        context: context.clone(),
                        para_in,
                        para_out,
                        xml: xml.clone(),
                    }));
                }
                (path, xml)
            }
        })
        .collect())
}

/// Whether the patch of the part at `path` reads nothing but the part's text and what
/// [`apply`] gathers as its context (the package's part names, the paragraph styles in use,
/// the styles' first-line indents, the kinsoku lists, the language and the sections): the
/// parts a batch's reports have in common (styles, settings, fonts, theme, relationships,
/// content types: half the bytes of the example's package). The document, its footers and
/// core.xml are patched for every report.
pub(super) fn shared_part(path: &str) -> bool {
    matches!(
        path,
        "[Content_Types].xml"
            | "_rels/.rels"
            | "docProps/app.xml"
            | "word/_rels/document.xml.rels"
            | "word/styles.xml"
            | "word/settings.xml"
            | "word/fontTable.xml"
            | THEME
    )
}

/// A shared part ([`shared_part`]) patched before in this process: its inputs and the XML
/// the patch made of it, with the paragraph-id counter before and after it.
struct Shared {
    path: String,
    text: String,
    context: String,
    para_in: u32,
    para_out: u32,
    xml: String,
}

/// The shared parts patched last: a batch's reports mostly share one style, so each part
/// has a few versions at most (a report with another style, or one whose paragraphs use
/// other styles, adds its own).
static SHARED: crate::recent::Recent<std::sync::Arc<Shared>> = crate::recent::Recent::new(32);

/// A part after the patch: a tree to write out, with what [`SHARED`] keeps of a shared part
/// (its text and the paragraph ids before and after it), or the XML this process wrote for
/// the same part before.
enum Patched<'a> {
    Tree(super::tree::Part<'a>, Option<(&'a String, u32, u32)>),
    Xml(String),
}

/// Fixes that hold for every part: schema order, no empty property elements, on/off values
/// as 0/1, `w:bCs` following `w:b`, no `w:type` on grid columns, sequential paragraph ids.
fn normalise(root: &mut El, para_id: &mut u32) {
    root.walk_mut(&mut |e: &mut El| {
        if let Some(order) = schema_order(&e.name) {
            e.sort_children(order);
        }
        for (k, v) in &mut e.attrs {
            if k == "w:val" && (v == "false" || v == "true") {
                *v = std::borrow::Cow::Borrowed(if v == "true" { "1" } else { "0" });
            }
        }
        if e.name == "w:gridCol" {
            // CT_TblGridCol has only `w:w`; docx-rs adds a `w:type`.
            e.attrs.retain(|(k, _)| k != "w:type");
        }
        if e.name == "w:rPr" {
            // docx-rs writes a bare `<w:bCs/>` (bold on) for a disabled complex-script bold.
            let bold = e
                .elements()
                .find(|c| c.name == "w:b")
                .map(|b| b.attr("w:val").map(str::to_string));
            if let (Some(val), Some(bcs)) = (bold, e.child_mut("w:bCs")) {
                bcs.attrs.retain(|(k, _)| k != "w:val");
                if let Some(v) = val {
                    bcs.set_attr("w:val", &v);
                }
            }
        }
        if e.attr("w14:paraId").is_some() {
            *para_id += 1;
            e.set_attr("w14:paraId", &format!("{:08X}", *para_id));
        }
    });
    drop_empty_props(root);
}

/// Removes `w:rPr` and `w:pPr` elements left without children (children first, so a `w:pPr`
/// holding only an empty `w:rPr` goes too).
fn drop_empty_props(e: &mut El) {
    for c in e.elements_mut() {
        drop_empty_props(c);
    }
    e.take(|c| (c.name == "w:rPr" || c.name == "w:pPr") && c.children.is_empty());
}

fn style_id_is(e: &El, id: &str) -> bool {
    e.name == "w:style" && e.attr("w:styleId") == Some(id)
}

/// Ids of the paragraph styles the document and footers name (`w:pStyle`), or `None` when
/// neither part is in `parts` (a test of styles.xml alone: nothing is dropped).
fn used_style_ids<'a>(
    parts: impl Iterator<Item = (&'a str, &'a super::tree::Part<'a>)>,
) -> Option<Vec<String>> {
    fn named(el: &El, ids: &mut Vec<String>) {
        if el.name == "w:pStyle" {
            if let Some(id) = el.attr("w:val") {
                ids.push(id.to_string());
            }
        }
        el.elements().for_each(|e| named(e, ids));
    }
    let mut seen = false;
    let mut ids = Vec::new();
    for (path, part) in parts {
        if path != "word/document.xml" && !path.starts_with("word/footer") {
            continue;
        }
        seen = true;
        named(&part.root, &mut ids);
    }
    seen.then_some(ids)
}

/// Removes the styles no paragraph uses (nor any used style is based on), keeping `Normal`.
fn drop_unused_styles(root: &mut El, used: &[String]) {
    let mut keep: Vec<String> = used.to_vec();
    keep.push("Normal".to_string());
    // Follow w:basedOn chains (styles are few; a fixed number of passes covers any chain).
    for _ in 0..8 {
        for style in root.elements().filter(|e| e.name == "w:style") {
            let id = style.attr("w:styleId").unwrap_or_default();
            if keep.iter().any(|k| k == id) {
                let base = style.elements().find(|c| c.name == "w:basedOn");
                if let Some(base) = base.and_then(|b| b.attr("w:val")) {
                    if !keep.iter().any(|k| k == base) {
                        keep.push(base.to_string());
                    }
                }
            }
        }
    }
    root.take(|e| {
        e.name == "w:style"
            && e.attr("w:type") == Some("paragraph")
            && !keep.iter().any(|k| Some(k.as_str()) == e.attr("w:styleId"))
    });
}

fn fix_styles(root: &mut El, fixes: &Fixes, used: &Option<Vec<String>>) {
    if let Some(used) = used {
        drop_unused_styles(root, used);
    }
    // docx-rs writes an empty `Normal` before the styles it was given; keep only the last.
    let normals = root.elements().filter(|e| style_id_is(e, "Normal")).count();
    let mut seen = 0;
    root.take(|e| {
        let normal = style_id_is(e, "Normal");
        seen += usize::from(normal);
        normal && seen < normals
    });
    for style in root.elements_mut() {
        if style_id_is(style, "Normal") {
            style.set_attr("w:default", "1");
            if let Some(ppr) = style.child_mut("w:pPr") {
                ppr.ensure(El::new("w:autoSpaceDE", &[("w:val", "0")]));
                ppr.ensure(El::new("w:autoSpaceDN", &[("w:val", "0")]));
            }
        }
        for (id, chars) in &fixes.first_line_chars {
            if style_id_is(style, id) {
                if let Some(ind) = style.child_mut("w:pPr").and_then(|p| p.child_mut("w:ind")) {
                    ind.set_attr("w:firstLineChars", &chars.to_string());
                }
            }
        }
    }
    if let Some(rpr) = root
        .child_mut("w:docDefaults")
        .and_then(|d| d.child_mut("w:rPrDefault"))
        .and_then(|d| d.child_mut("w:rPr"))
    {
        rpr.ensure(El::new(
            "w:lang",
            &[("w:val", "en-US"), ("w:eastAsia", lang_tag(fixes))],
        ));
    }
}

fn lang_tag(fixes: &Fixes) -> &str {
    if fixes.lang.is_empty() {
        "zh-CN"
    } else {
        &fixes.lang
    }
}

fn fix_settings(root: &mut El, fixes: &Fixes) {
    let mut moved = Vec::new();
    if let Some(compat) = root.child_mut("w:compat") {
        compat.take(|e| e.name == "w:balanceSingleByteDoubleByteWidth");
        moved = compat.take(|e| e.name == "w:characterSpacingControl");
    }
    for e in moved {
        root.ensure(e);
    }
    if let Some((no_end, no_start)) = &fixes.no_line_breaks {
        root.ensure(El::new(
            "w:noLineBreaksAfter",
            &[("w:lang", lang_tag(fixes)), ("w:val", &escape(no_end))],
        ));
        root.ensure(El::new(
            "w:noLineBreaksBefore",
            &[("w:lang", lang_tag(fixes)), ("w:val", &escape(no_start))],
        ));
    }
}

/// Adds `w:tblHeader` to the first `header_rows[i]` rows of the i-th table.
fn mark_header_rows(root: &mut El, header_rows: &[usize]) {
    let mut tables = header_rows.iter();
    root.walk_mut(&mut |e: &mut El| {
        if e.name != "w:tbl" {
            return;
        }
        let n = tables.next().copied().unwrap_or(0);
        for row in e.elements_mut().filter(|r| r.name == "w:tr").take(n) {
            if row.child_mut("w:trPr").is_none() {
                row.children.insert(0, Node::El(El::new("w:trPr", &[])));
            }
            if let Some(trpr) = row.child_mut("w:trPr") {
                trpr.ensure(El::new("w:tblHeader", &[]));
            }
        }
    });
}

/// Writes `w:keepNext w:val="0"` into the paragraphs of `w:body` at the positions `unkept`.
fn unkeep(root: &mut El, unkept: &[usize]) {
    let Some(body) = root.child_mut("w:body") else {
        return;
    };
    for (i, p) in body.elements_mut().enumerate() {
        if p.name != "w:p" || !unkept.contains(&i) {
            continue;
        }
        if p.child_mut("w:pPr").is_none() {
            p.children.insert(0, Node::El(El::new("w:pPr", &[])));
        }
        if let Some(ppr) = p.child_mut("w:pPr") {
            ppr.ensure(El::new("w:keepNext", &[("w:val", "0")]));
        }
    }
}

fn prune_content_types(root: &mut El, names: &[String]) {
    root.take(|e| {
        e.name == "Override"
            && e.attr("PartName")
                .is_some_and(|p| !names.iter().any(|n| p.strip_prefix('/') == Some(n)))
    });
}

/// Drops relationships to parts that are not in the package (targets resolved relative to
/// the source part's folder; external targets kept).
fn prune_rels(root: &mut El, rels_path: &str, names: &[String]) {
    let base = rels_path
        .strip_suffix(".rels")
        .and_then(|p| p.rsplit_once("_rels/"))
        .map_or("", |(dir, _)| dir);
    root.take(|e| {
        if e.name != "Relationship" || e.attr("TargetMode") == Some("External") {
            return false;
        }
        let Some(target) = e.attr("Target") else {
            return false;
        };
        let resolved = resolve(base, target);
        !names.contains(&resolved)
    });
}

/// `target` relative to folder `base` ("word/"), with `..` and absolute targets handled.
fn resolve(base: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{base}{target}"),
    };
    let mut segs: Vec<&str> = Vec::new();
    for s in joined.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `fixes` to the single part `xml` at `path` and returns it: for tests of one fix.
    fn one(path: &str, xml: &str, fixes: &Fixes) -> String {
        let parts = vec![(path.to_string(), xml.as_bytes().to_vec())];
        apply(parts, fixes).unwrap().remove(0).1
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn properties_come_out_in_schema_order_with_numeric_on_off() {
        let x = format!(
            r#"<w:document {W}><w:body><w:p w14:paraId="0000002A"><w:pPr><w:rPr /><w:pStyle w:val="B"/><w:jc w:val="both"/><w:ind w:left="0"/><w:spacing w:line="579"/><w:snapToGrid w:val="false"/><w:keepNext/></w:pPr><w:r><w:rPr><w:sz w:val="32"/><w:b w:val="false"/><w:bCs/><w:rFonts w:eastAsia="仿宋"/><w:spacing w:val="-5"/></w:rPr><w:t>甲</w:t></w:r></w:p><w:p w14:paraId="00000007"><w:pPr><w:rPr /></w:pPr></w:p><w:tbl><w:tblGrid><w:gridCol w:w="4975" w:type="dxa"/></w:tblGrid></w:tbl><w:sectPr><w:pgSz/><w:docGrid/><w:footerReference/></w:sectPr></w:body></w:document>"#
        );
        let out = one("word/document.xml", &x, &Fixes::default());
        assert!(out.contains(r#"<w:p w14:paraId="00000001"><w:pPr><w:pStyle w:val="B"/><w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:line="579"/><w:ind w:left="0"/><w:jc w:val="both"/></w:pPr>"#), "{out}");
        assert!(out.contains(r#"<w:rPr><w:rFonts w:eastAsia="仿宋"/><w:b w:val="0"/><w:bCs w:val="0"/><w:spacing w:val="-5"/><w:sz w:val="32"/></w:rPr>"#), "{out}");
        assert!(out.contains(r#"<w:p w14:paraId="00000002"/>"#), "{out}");
        assert!(out.contains(r#"<w:gridCol w:w="4975"/>"#));
        assert!(out.contains("<w:sectPr><w:footerReference/><w:pgSz/><w:docGrid/></w:sectPr>"));
    }

    #[test]
    fn styles_keep_one_default_normal_with_auto_space_off_and_first_line_chars() {
        let x = format!(
            r#"<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr/><w:pPr><w:rPr/></w:pPr><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="b"/><w:pPr><w:ind w:left="0" w:firstLine="630"/></w:pPr><w:qFormat/><w:basedOn w:val="Normal"/></w:style></w:styles>"#
        );
        let fixes = Fixes {
            first_line_chars: vec![("BodyText".into(), 200)],
            ..Fixes::default()
        };
        let out = one("word/styles.xml", &x, &fixes);
        assert_eq!(out.matches(r#"w:styleId="Normal""#).count(), 1);
        assert!(out.contains(r#"<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>"#), "{out}");
        assert!(out.contains(r#"<w:name w:val="b"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="0" w:firstLine="630" w:firstLineChars="200"/></w:pPr>"#), "{out}");
        assert!(out.contains(r#"<w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>"#));
    }

    #[test]
    fn settings_move_character_spacing_control_and_add_kinsoku() {
        let x = format!(
            r#"<w:settings {W}><w:defaultTabStop w:val="420"/><w:zoom w:percent="100"/><w:compat><w:balanceSingleByteDoubleByteWidth/><w:characterSpacingControl w:val="doNotCompress"/><w:useFELayout/></w:compat><w:evenAndOddHeaders/></w:settings>"#
        );
        let fixes = Fixes {
            no_line_breaks: Some(("“（".into(), "”）&".into())),
            ..Fixes::default()
        };
        let out = one("word/settings.xml", &x, &fixes);
        assert!(out.ends_with(r#"<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/><w:noLineBreaksAfter w:lang="zh-CN" w:val="“（"/><w:noLineBreaksBefore w:lang="zh-CN" w:val="”）&amp;"/><w:compat><w:useFELayout/></w:compat></w:settings>"#), "{out}");
    }

    #[test]
    fn a_shared_part_patched_before_is_reused_only_in_the_same_context() {
        // A style no test elsewhere names, so that the parts here are this test's own.
        let styles = format!(
            r#"<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Normal"/><w:style w:type="paragraph" w:styleId="SharedTestA"><w:pPr><w:ind w:firstLine="1"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="SharedTestB"/></w:styles>"#
        );
        let doc = |style: &str| {
            format!(
                r#"<w:document {W}><w:body><w:p w14:paraId="9"><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p></w:body></w:document>"#
            )
        };
        let package = |style: &str, fixes: &Fixes| {
            let parts = vec![
                ("word/document.xml".to_string(), doc(style).into_bytes()),
                ("word/styles.xml".to_string(), styles.clone().into_bytes()),
            ];
            apply(parts, fixes).unwrap()
        };
        let styles_of = |parts: &[(String, String)]| {
            parts
                .iter()
                .find(|(p, _)| p == "word/styles.xml")
                .map(|(_, x)| x.clone())
                .unwrap()
        };
        let tw = Fixes {
            lang: "zh-TW".into(),
            ..Fixes::default()
        };
        let indented = Fixes {
            first_line_chars: vec![("SharedTestA".into(), 200)],
            ..Fixes::default()
        };
        let a = styles_of(&package("SharedTestA", &Fixes::default()));
        assert!(
            a.contains("SharedTestA") && !a.contains("SharedTestB"),
            "{a}"
        );
        assert!(a.contains(r#"w:eastAsia="zh-CN""#) && !a.contains("firstLineChars"));
        // Another style in use, another language, another indent: each its own answer.
        let b = styles_of(&package("SharedTestB", &Fixes::default()));
        assert!(
            b.contains("SharedTestB") && !b.contains("SharedTestA"),
            "{b}"
        );
        let a_tw = styles_of(&package("SharedTestA", &tw));
        assert_eq!(
            a_tw,
            a.replace(r#"w:eastAsia="zh-CN""#, r#"w:eastAsia="zh-TW""#)
        );
        let a_indented = styles_of(&package("SharedTestA", &indented));
        assert!(
            a_indented.contains(r#"w:firstLineChars="200""#),
            "{a_indented}"
        );
        // The same inputs again: the same bytes.
        assert_eq!(styles_of(&package("SharedTestA", &Fixes::default())), a);
        assert_eq!(styles_of(&package("SharedTestA", &tw)), a_tw);
    }

    #[test]
    fn header_rows_of_each_table_are_marked() {
        let row = "<w:tr><w:trPr><w:cantSplit/></w:trPr></w:tr>";
        let x = format!(
            "<w:document {W}><w:body><w:tbl>{row}{row}</w:tbl><w:tbl><w:tr/>{row}</w:tbl><w:tbl>{row}</w:tbl></w:body></w:document>"
        );
        let fixes = Fixes {
            header_rows: vec![1, 2],
            ..Fixes::default()
        };
        let out = one("word/document.xml", &x, &fixes);
        assert_eq!(out.matches("<w:tblHeader/>").count(), 3, "{out}");
        assert!(out.contains("<w:tbl><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr></w:tr></w:tbl>"));
        assert!(out.contains("<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr></w:tr>"));
        assert!(out.ends_with(
            "<w:tbl><w:tr><w:trPr><w:cantSplit/></w:trPr></w:tr></w:tbl></w:body></w:document>"
        ));
    }

    #[test]
    fn references_to_missing_parts_are_dropped_and_substitutes_used() {
        let types = r#"<Types><Default Extension="xml"/><Override PartName="/word/document.xml"/><Override PartName="/word/comments.xml"/></Types>"#;
        let rels = r#"<Relationships><Relationship Id="rId1" Target="styles.xml"/><Relationship Id="rId5" Target="commentsExtended.xml"/><Relationship Id="rId9" Target="../customXml/item1.xml"/><Relationship Id="h" Target="https://x" TargetMode="External"/></Relationships>"#;
        let parts = vec![
            ("word/document.xml".into(), b"<w:document/>".to_vec()),
            (
                "word/_rels/document.xml.rels".into(),
                rels.as_bytes().to_vec(),
            ),
            ("[Content_Types].xml".into(), types.as_bytes().to_vec()),
            ("word/styles.xml".into(), b"<w:styles/>".to_vec()),
            ("word/fontTable.xml".into(), b"not xml".to_vec()),
        ];
        let fixes = Fixes {
            font_table: "<w:fonts><w:font w:name=\"仿宋_GB2312\"/></w:fonts>".into(),
            ..Fixes::default()
        };
        let out = apply(parts, &fixes).unwrap();
        assert_eq!(out[0].0, "[Content_Types].xml");
        assert_eq!(
            out[0].1,
            r#"<Types><Default Extension="xml"/><Override PartName="/word/document.xml"/></Types>"#
        );
        let rels = &out.iter().find(|(p, _)| p.ends_with(".rels")).unwrap().1;
        assert_eq!(
            rels,
            r#"<Relationships><Relationship Id="rId1" Target="styles.xml"/><Relationship Id="h" Target="https://x" TargetMode="External"/></Relationships>"#
        );
        assert!(out.last().unwrap().1.contains("仿宋_GB2312"));
        assert_eq!(resolve("word/", "../customXml/a.xml"), "customXml/a.xml");
        assert_eq!(resolve("", "/word/document.xml"), "word/document.xml");
    }

    #[test]
    fn broken_input_is_an_error_not_a_panic() {
        let parts = vec![("word/document.xml".into(), b"<w:p>".to_vec())];
        assert!(apply(parts, &Fixes::default()).is_err());
        let parts = vec![("word/document.xml".into(), vec![0xff, 0xfe])];
        assert!(apply(parts, &Fixes::default()).is_err());
    }
}
