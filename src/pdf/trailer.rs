//! The deterministic end of the PDF: `/Info` and the trailer `/ID`, set on the
//! `lopdf::Document` that printpdf builds, which then writes the file.
//!
//! printpdf 0.12.8 puts in the trailer an `/ID` from a process-global counter (so the n-th
//! document of a process differs from the first) and an `/Info` dictionary that always holds
//! `CreationDate` and `ModDate`. Everything else it writes is already a function of the input
//! (font resource names are ours, see [`super`]). Here `/Info` becomes producer and title only,
//! and the `/ID` a hash of the file written without it (XXH3-128: the identifier needs no
//! cryptographic strength, and hashing the whole file with SHA-256 cost a batch 2 % of its CPU),
//! so equal inputs give equal bytes in any process.

use lopdf::{dictionary, Document, Object, StringFormat};

/// Sets `/Info` (producer and, if any, `title`) and a content-derived `/ID` on `doc`, and
/// writes it.
pub fn finish(doc: &mut Document, title: Option<&str>) -> Result<Vec<u8>, lopdf::Error> {
    let mut info = dictionary! { "Producer" => Object::string_literal("huibao") };
    if let Some(t) = title {
        info.set("Title", text_string(t));
    }
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", id);
        }
    }
    // The identifier is a hash of the file as written without one.
    doc.trailer.remove(b"ID");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)?;
    let hash = xxhash_rust::xxh3::xxh3_128(&bytes).to_be_bytes();
    let id = Object::String(hash.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    match trailer_dictionary_end(&bytes) {
        // `/ID` is the trailer's last entry and nothing before the trailer moves, so the
        // file written again would be this one with the entry inserted: insert it (as lopdf
        // writes it) rather than write the whole file twice.
        Some(at) => {
            let hex: String = hash.iter().map(|b| format!("{b:02X}")).collect();
            let entry = format!("/ID[<{hex}><{hex}>]");
            bytes.splice(at..at, entry.into_bytes());
        }
        None => {
            bytes.clear();
            doc.save_to(&mut bytes)?;
        }
    }
    Ok(bytes)
}

/// Where the trailer dictionary's closing `>>` is in `pdf` as lopdf writes it with a
/// cross-reference table (`trailer`, the dictionary, then `startxref`, the offset and
/// `%%EOF`); `None` for any other ending (a cross-reference stream).
fn trailer_dictionary_end(pdf: &[u8]) -> Option<usize> {
    const START: &[u8] = b"\nstartxref\n";
    let tail = pdf.windows(START.len()).rposition(|w| w == START)?;
    let rest = &pdf[tail + START.len()..];
    let offset = rest.strip_suffix(b"\n%%EOF")?;
    let dict = &pdf[..tail];
    let opens = dict.windows(10).rposition(|w| w == b"trailer\n<<")?;
    (!offset.is_empty() && offset.iter().all(u8::is_ascii_digit) && dict.ends_with(b">>"))
        .then(|| tail - 2)
        .filter(|&end| end > opens)
}

/// A PDF text string: UTF-16BE with a byte order mark.
fn text_string(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small document as printpdf leaves it: a counter-made `/ID` and a dated `/Info`.
    fn sample(id: &str) -> Document {
        let mut doc = Document::with_version("1.7");
        let pages =
            doc.add_object(dictionary! { "Type" => "Pages", "Kids" => vec![], "Count" => 0 });
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        let info = doc.add_object(dictionary! {
            "CreationDate" => Object::string_literal("D:19700101000000+00'00'"),
            "Title" => Object::string_literal(""),
        });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        let id = Object::string_literal(id);
        doc.trailer.set("ID", vec![id.clone(), id]);
        doc
    }

    fn id_of(pdf: &[u8]) -> Vec<Object> {
        let doc = Document::load_mem(pdf).expect("reads back");
        doc.trailer
            .get(b"ID")
            .and_then(Object::as_array)
            .expect("ID")
            .clone()
    }

    #[test]
    fn id_depends_on_content_not_on_the_old_id() {
        let a = finish(&mut sample("AAAA"), Some("汇报")).expect("finish");
        let b = finish(&mut sample("BBBB"), Some("汇报")).expect("finish");
        assert_eq!(a, b);
        assert!(!String::from_utf8_lossy(&a).contains("AAAA"));
        let id = id_of(&a);
        assert_eq!(id.len(), 2);
        assert_eq!(id[0], id[1]);
        assert_eq!(id[0].as_str().map(<[u8]>::len).ok(), Some(16));
        let other = finish(&mut sample("AAAA"), Some("另一份")).expect("finish");
        assert_ne!(id, id_of(&other));
    }

    #[test]
    fn the_id_inserted_is_what_writing_the_file_again_gives() {
        // With a cross-reference table, as printpdf's documents are written.
        let mut doc = sample("AAAA");
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        let finished = finish(&mut doc, Some("汇报")).expect("finish");
        // `doc` now holds the /ID: written again, it must give the same bytes.
        let mut again = Vec::new();
        doc.save_to(&mut again).expect("save");
        assert_eq!(finished, again);
        assert!(trailer_dictionary_end(&finished).is_some());
        // A file ending in a cross-reference stream is written again instead.
        assert_eq!(
            trailer_dictionary_end(
                b"1 0 obj\n<</Type/XRef>>stream\nx\nendstream\nendobj\nstartxref\n9\n%%EOF"
            ),
            None
        );
    }

    #[test]
    fn info_has_no_dates_and_the_title() {
        let out = finish(&mut sample("X"), Some("汇报")).expect("finish");
        let doc = Document::load_mem(&out).expect("reads back");
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .expect("Info");
        assert!(info.get(b"CreationDate").is_err());
        assert_eq!(
            info.get(b"Producer").and_then(Object::as_str).ok(),
            Some(&b"huibao"[..])
        );
        assert_eq!(
            info.get(b"Title").and_then(Object::as_str).ok(),
            Some(&[0xFE, 0xFF, 0x6C, 0x47, 0x62, 0xA5][..])
        );
        let untitled = finish(&mut sample("X"), None).expect("finish");
        let doc = Document::load_mem(&untitled).expect("reads back");
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .expect("Info");
        assert_eq!(info.len(), 1);
    }
}
