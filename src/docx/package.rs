//! The OPC zip container, written deterministically: parts in the given order, deflated, every
//! entry stamped 1980-01-01 00:00 with fixed permissions, so equal inputs give equal bytes.
//! (docx-rs's own packer stores entries uncompressed and, through zip 8's `time` feature when
//! another crate enables it, stamps the current time.)

use std::io::{Cursor, Write};

use zip::ZipWriter;

use super::xml::escape;
use crate::meta::Meta;

/// `docProps/core.xml`: title, subject, language and creator, no dates (the output must not
/// depend on the clock).
pub fn core_props(meta: &Meta) -> String {
    let mut props = String::new();
    for (tag, value) in [
        ("dc:title", meta.title.as_deref()),
        ("dc:subject", meta.subject.as_deref()),
        ("dc:creator", Some("huibao")),
        (
            "dc:language",
            Some(meta.lang.as_str()).filter(|l| !l.is_empty()),
        ),
    ] {
        if let Some(v) = value {
            props.push_str(&format!("<{tag}>{}</{tag}>", escape(v)));
        }
    }
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/">{}</cp:coreProperties>"#
        ),
        props
    )
}

/// Zips `parts` (path, XML) in the given order (the DOCX writer's package and the redline's).
pub fn zip<'a>(
    parts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> zip::result::ZipResult<Vec<u8>> {
    zip_sharing(parts, |_| false)
}

/// [`zip()`], with the parts `shared` names deflated once per process and copied in already
/// deflated when the same part comes again (a batch's reports share their styles, settings,
/// fonts, theme and relationships: 8 of the example's 12 parts). A copied entry is the bytes
/// a fresh one would be: each shared part is always written by copy, from the first time on.
pub fn zip_sharing<'a>(
    parts: impl IntoIterator<Item = (&'a str, &'a str)>,
    shared: impl Fn(&str) -> bool,
) -> zip::result::ZipResult<Vec<u8>> {
    let options = crate::output::zip_options(crate::output::DOCX_DEFLATE_LEVEL);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (path, xml) in parts {
        if shared(path) {
            let entry = deflated_entry(path, xml)?;
            let mut one = zip::ZipArchive::new(Cursor::new(entry.zip.as_slice()))?;
            w.raw_copy_file(one.by_index_raw(0)?)?;
        } else {
            w.start_file(path, options)?;
            w.write_all(xml.as_bytes())?;
        }
    }
    Ok(w.finish()?.into_inner())
}

/// A part zipped alone: its path, its XML and the one-entry archive.
struct Deflated {
    path: String,
    xml: String,
    zip: Vec<u8>,
}

/// The shared parts zipped last (a few versions of each of a batch's eight).
static DEFLATED: crate::recent::Recent<std::sync::Arc<Deflated>> = crate::recent::Recent::new(32);

/// `path` with `xml`, zipped alone, as this process zipped it before or now.
fn deflated_entry(path: &str, xml: &str) -> zip::result::ZipResult<std::sync::Arc<Deflated>> {
    if let Some(kept) = DEFLATED.find(|d| d.path == path && d.xml == xml) {
        return Ok(kept);
    }
    let options = crate::output::zip_options(crate::output::DOCX_DEFLATE_LEVEL);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file(path, options)?;
    w.write_all(xml.as_bytes())?;
    let entry = std::sync::Arc::new(Deflated {
        path: path.to_string(),
        xml: xml.to_string(),
        zip: w.finish()?.into_inner(),
    });
    DEFLATED.keep(std::sync::Arc::clone(&entry));
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_part_copied_in_deflated_gives_the_bytes_of_a_fresh_one() {
        let styles = format!("<w:styles>{}</w:styles>", "<w:style/>".repeat(50));
        let parts = [
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document>甲</w:document>"),
            ("word/styles.xml", styles.as_str()),
        ];
        let fresh = zip(parts).unwrap();
        let shared = |p: &str| p != "word/document.xml";
        // The first time (zipped alone, then copied) and again (copied from what was kept).
        assert_eq!(zip_sharing(parts, shared).unwrap(), fresh);
        assert_eq!(zip_sharing(parts, shared).unwrap(), fresh);
        // Another text under the same path is its own entry.
        let other = [parts[0], parts[1], ("word/styles.xml", "<w:styles/>")];
        assert_eq!(zip_sharing(other, shared).unwrap(), zip(other).unwrap());
        let mut read = zip::ZipArchive::new(Cursor::new(fresh)).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut read.by_name("word/styles.xml").unwrap(), &mut text)
            .unwrap();
        assert_eq!(text, styles);
    }
}
