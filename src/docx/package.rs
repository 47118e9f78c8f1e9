//! The OPC zip container, written deterministically: parts in a fixed order, deflated, every
//! entry stamped 1980-01-01 00:00 with fixed permissions, so equal inputs give equal bytes.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Zips `parts` (path, XML) in the given order.
pub fn zip(parts: &[(&str, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (path, xml) in parts {
        w.start_file(*path, options)?;
        w.write_all(xml.as_bytes())?;
    }
    Ok(w.finish()?.into_inner())
}
