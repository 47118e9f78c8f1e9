//! The OFD package: `OFD.xml` (document info), `Doc_0/Document.xml` (page size, page list,
//! `MaxUnitID`), `Doc_0/PublicRes.xml` (fonts), the subset font files and one `Content.xml` per
//! page, zipped with fixed timestamps (deflated, CFF font programs stored).

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::{CompressionMethod, ZipWriter};

use super::{escape, mm, units, NAMESPACE};
use crate::meta::Meta;
use crate::output::fnv1a;
use crate::style::{Style, PT_PER_MM};

/// An embedded font: its ID, names and subset program.
pub struct FontRes {
    /// The font's ID.
    pub id: u32,
    /// The subset's name, `ABCDEF+PostScriptName`.
    pub name: String,
    /// The family name.
    pub family: String,
    /// The file name under `Doc_0/Res/`.
    pub file: String,
    /// The font program.
    pub program: Vec<u8>,
}

/// Zips the package: `pages` holds each page's ID and content XML, `max_id` the largest ID.
pub fn zip(
    fonts: &[FontRes],
    pages: &[(u32, String)],
    max_id: u32,
    style: &Style,
    meta: &Meta,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut parts: Vec<(String, &[u8])> = Vec::new();
    let document = document_xml(pages, max_id, style);
    let public_res = public_res_xml(fonts);
    parts.push(("Doc_0/Document.xml".into(), document.as_bytes()));
    parts.push(("Doc_0/PublicRes.xml".into(), public_res.as_bytes()));
    for f in fonts {
        parts.push((format!("Doc_0/Res/{}", f.file), &f.program));
    }
    for (i, (_, xml)) in pages.iter().enumerate() {
        parts.push((format!("Doc_0/Pages/Page_{i}/Content.xml"), xml.as_bytes()));
    }
    // The DocID: a hash of every other part.
    let mut h = (0u64, 1u64);
    for (path, bytes) in &parts {
        for (seed, slot) in [(0, &mut h.0), (1, &mut h.1)] {
            *slot ^= fnv1a(path.as_bytes(), seed).rotate_left(7) ^ fnv1a(bytes, seed);
            *slot = slot.rotate_left(13);
        }
    }
    let ofd = ofd_xml(&format!("{:016x}{:016x}", h.0, h.1), meta);

    let options = crate::output::zip_options(crate::output::OFD_DEFLATE_LEVEL);
    // CFF font programs are dense already: deflate saves a fifth of the example's largest
    // (139 KB) at most of the OFD's writing time, so they are stored.
    let stored = options
        .compression_method(CompressionMethod::Stored)
        .compression_level(None);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("OFD.xml", options)?;
    w.write_all(ofd.as_bytes())?;
    for (path, bytes) in &parts {
        let cff = path.ends_with(".otf");
        w.start_file(path.as_str(), if cff { stored } else { options })?;
        w.write_all(bytes)?;
    }
    Ok(w.finish()?.into_inner())
}

/// `OFD.xml`: the document body with its info and root.
fn ofd_xml(doc_id: &str, meta: &Meta) -> String {
    let doc_type = if meta.ofd_a { "OFD-A" } else { "OFD" };
    let mut info = format!("<ofd:DocID>{doc_id}</ofd:DocID>");
    if let Some(t) = &meta.title {
        let _ = write!(info, "<ofd:Title>{}</ofd:Title>", escape(t));
    }
    if let Some(s) = &meta.subject {
        let _ = write!(info, "<ofd:Subject>{}</ofd:Subject>", escape(s));
    }
    if !meta.date.is_empty() {
        let _ = write!(
            info,
            "<ofd:CreationDate>{}</ofd:CreationDate>",
            escape(meta.day())
        );
    }
    let _ = write!(
        info,
        "<ofd:Creator>huibao</ofd:Creator><ofd:CreatorVersion>{}</ofd:CreatorVersion>",
        env!("CARGO_PKG_VERSION")
    );
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:OFD xmlns:ofd=\"{NAMESPACE}\" Version=\"1.0\" DocType=\"{doc_type}\">\
         <ofd:DocBody><ofd:DocInfo>{info}</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n"
    )
}

/// `Document.xml`: common data (largest ID, page size, public resources) and the pages.
fn document_xml(pages: &[(u32, String)], max_id: u32, style: &Style) -> String {
    let (w, h) = (style.page.width_mm, style.page.height_mm);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Document xmlns:ofd=\"{NAMESPACE}\"><ofd:CommonData>\
         <ofd:MaxUnitID>{max_id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:PageArea>\
         <ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>",
        mm(units(w * PT_PER_MM)),
        mm(units(h * PT_PER_MM)),
    );
    for (i, (id, _)) in pages.iter().enumerate() {
        let _ = write!(
            xml,
            "<ofd:Page ID=\"{id}\" BaseLoc=\"Pages/Page_{i}/Content.xml\"/>"
        );
    }
    xml.push_str("</ofd:Pages></ofd:Document>\n");
    xml
}

/// `PublicRes.xml`: one `Font` per embedded face.
fn public_res_xml(fonts: &[FontRes]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Res xmlns:ofd=\"{NAMESPACE}\" BaseLoc=\"Res\"><ofd:Fonts>"
    );
    for f in fonts {
        let _ = write!(
            xml,
            "<ofd:Font ID=\"{}\" FontName=\"{}\" FamilyName=\"{}\"><ofd:FontFile>{}</ofd:FontFile></ofd:Font>",
            f.id,
            escape(&f.name),
            escape(&f.family),
            escape(&f.file)
        );
    }
    xml.push_str("</ofd:Fonts></ofd:Res>\n");
    xml
}
