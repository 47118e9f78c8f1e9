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
    let options = crate::output::zip_options(crate::output::DOCX_DEFLATE_LEVEL);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (path, xml) in parts {
        w.start_file(path, options)?;
        w.write_all(xml.as_bytes())?;
    }
    Ok(w.finish()?.into_inner())
}
