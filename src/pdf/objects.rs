//! A minimal PDF object writer: numbered objects, flate streams, the xref table and trailer.
//!
//! huibao writes few object kinds (catalog, pages, fonts, content streams), so a direct writer is
//! shorter than adapting a general PDF library, and it keeps the bytes under our control: no
//! dates, no random or process-global ids. The trailer `/ID` is a hash of the file's contents, so
//! identical documents give identical bytes.

use std::fmt::Write as _;
use std::io::Write as _;

/// Builds a PDF file object by object.
pub struct PdfWriter {
    buf: Vec<u8>,
    offsets: Vec<Option<usize>>,
}

impl PdfWriter {
    /// A new file: header and the binary-marker comment.
    pub fn new() -> Self {
        let mut buf = Vec::with_capacity(64 * 1024);
        buf.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        PdfWriter {
            buf,
            offsets: Vec::new(),
        }
    }

    /// Reserves the next object number, to be written later with [`PdfWriter::object`] or
    /// [`PdfWriter::stream`].
    pub fn reserve(&mut self) -> u32 {
        self.offsets.push(None);
        self.offsets.len() as u32
    }

    fn begin(&mut self, id: u32) {
        if let Some(slot) = self.offsets.get_mut(id as usize - 1) {
            *slot = Some(self.buf.len());
        }
        let _ = writeln!(self.buf, "{id} 0 obj");
    }

    /// Writes object `id` with the given body (a dictionary, array …).
    pub fn object(&mut self, id: u32, body: &str) {
        self.begin(id);
        self.buf.extend_from_slice(body.as_bytes());
        self.buf.extend_from_slice(b"\nendobj\n");
    }

    /// Writes stream object `id`, deflated; `dict` holds extra entries (without `<< >>`).
    pub fn stream(&mut self, id: u32, dict: &str, data: &[u8]) {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing into a Vec cannot fail.
        let packed = enc
            .write_all(data)
            .and_then(|()| enc.finish())
            .unwrap_or_default();
        self.begin(id);
        let _ = write!(
            self.buf,
            "<< {dict} /Filter /FlateDecode /Length {} >>\nstream\n",
            packed.len()
        );
        self.buf.extend_from_slice(&packed);
        self.buf.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Finishes the file: xref table, trailer with `/Root`, `/Info` and a content-derived `/ID`.
    pub fn finish(mut self, root: u32, info: u32) -> Vec<u8> {
        let id = format!("{:016x}{:016x}", fnv1a(&self.buf, 0), fnv1a(&self.buf, 1));
        let xref_at = self.buf.len();
        let mut xref = format!("xref\n0 {}\n0000000000 65535 f \n", self.offsets.len() + 1);
        for off in &self.offsets {
            // An object reserved and never written becomes a free entry.
            match off {
                Some(o) => {
                    let _ = writeln!(xref, "{o:010} 00000 n ");
                }
                None => xref.push_str("0000000000 65535 f \n"),
            }
        }
        let _ = write!(
            xref,
            "trailer\n<< /Size {} /Root {root} 0 R /Info {info} 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref_at}\n%%EOF\n",
            self.offsets.len() + 1
        );
        self.buf.extend_from_slice(xref.as_bytes());
        self.buf
    }
}

/// 64-bit FNV-1a of `data`, varied by `seed`: a stable hash for ids and subset tags.
pub fn fnv1a(data: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A number as PDF writes it: at most three decimals, no trailing zeros, no `-0`.
pub fn num(v: f32) -> String {
    let r = (v as f64 * 1000.0).round() / 1000.0;
    let mut s = format!("{r:.3}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// A text string as a UTF-16BE hex string with byte-order mark: `<FEFF…>`.
pub fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(79.370_08), "79.37");
        assert_eq!(num(16.0), "16");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(-12.5), "-12.5");
        assert_eq!(text_string("汇报A"), "<FEFF6C4762A50041>");
    }
}
