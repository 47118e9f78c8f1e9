//! The one post-processing step on printpdf's output: a deterministic trailer and `/Info`.
//!
//! printpdf 0.12.8 writes the trailer `/ID` from a process-global counter (so the n-th document
//! of a process differs from the first) and an `/Info` dictionary that always holds
//! `CreationDate` and `ModDate`. Everything else it writes is already a function of the input
//! (font resource names are ours, see [`super`]). printpdf does not re-export lopdf, so this step
//! works on the saved bytes: it keeps the objects as the cross-reference table locates them,
//! replaces the `/Info` object (producer and title only), and writes a fresh cross-reference
//! table and trailer whose `/ID` is a hash of the file's contents.

use std::fmt::Write as _;

use crate::output::fnv1a;

/// An object of the input file: number, generation, byte range.
struct Span {
    num: usize,
    generation: u32,
    start: usize,
    end: usize,
}

/// Rewrites a PDF with a classic cross-reference table as described in the module doc, with
/// `title` (if any) in `/Info`.
pub fn finish(pdf: &[u8], title: Option<&str>) -> Result<Vec<u8>, String> {
    let xref_at = startxref(pdf)?;
    let (spans, size) = xref_spans(pdf, xref_at)?;
    let trailer = pdf
        .get(xref_at..)
        .and_then(|t| find(t, b"trailer").map(|i| &t[i..]))
        .ok_or("no trailer")?;
    let root = reference(trailer, b"/Root").ok_or("trailer without /Root")?;
    let info = reference(trailer, b"/Info").ok_or("trailer without /Info")?;

    let first = spans.first().map_or(xref_at, |s| s.start);
    let mut out = Vec::with_capacity(pdf.len());
    out.extend_from_slice(&pdf[..first]);
    let mut offsets: Vec<Option<(usize, u32)>> = vec![None; size];
    for s in &spans {
        if let Some(slot) = offsets.get_mut(s.num) {
            *slot = Some((out.len(), s.generation));
        }
        let body = &pdf[s.start..s.end];
        if s.num == info {
            let _ = write!(
                out_string(&mut out),
                "{} {} obj\n{}\nendobj\n",
                s.num,
                s.generation,
                info_dict(title)
            );
        } else {
            out.extend_from_slice(body);
        }
    }

    let id = format!("{:016x}{:016x}", fnv1a(&out, 0), fnv1a(&out, 1));
    let xref_start = out.len();
    let mut tail = format!("xref\n0 {size}\n");
    for slot in &offsets {
        match slot {
            Some((offset, generation)) => {
                let _ = writeln!(tail, "{offset:010} {generation:05} n ");
            }
            None => tail.push_str("0000000000 65535 f \n"),
        }
    }
    let _ = write!(
        tail,
        "trailer\n<< /Size {size} /Root {root} 0 R /Info {info} 0 R /ID [<{id}> <{id}>] >>\n\
         startxref\n{xref_start}\n%%EOF\n"
    );
    out.extend_from_slice(tail.as_bytes());
    Ok(out)
}

/// A `Vec<u8>` as a `fmt::Write` target (everything written here is ASCII or valid UTF-8).
fn out_string(out: &mut Vec<u8>) -> impl std::fmt::Write + '_ {
    struct W<'a>(&'a mut Vec<u8>);
    impl std::fmt::Write for W<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.extend_from_slice(s.as_bytes());
            Ok(())
        }
    }
    W(out)
}

/// The `/Info` dictionary: producer and, when given, the title (UTF-16BE), no dates.
fn info_dict(title: Option<&str>) -> String {
    let mut s = String::from("<< /Producer (huibao)");
    if let Some(t) = title {
        s.push_str(" /Title <FEFF");
        for unit in t.encode_utf16() {
            let _ = write!(s, "{unit:04X}");
        }
        s.push('>');
    }
    s.push_str(" >>");
    s
}

/// The offset after the last `startxref`.
fn startxref(pdf: &[u8]) -> Result<usize, String> {
    let at = rfind(pdf, b"startxref").ok_or("no startxref")?;
    let digits: String = pdf[at + 9..]
        .iter()
        .map(|&b| b as char)
        .skip_while(|c| c.is_ascii_whitespace())
        .take_while(char::is_ascii_digit)
        .collect();
    let offset: usize = digits.parse().map_err(|_| "bad startxref")?;
    if pdf.get(offset..offset + 4) != Some(b"xref") {
        return Err("no cross-reference table at startxref".into());
    }
    Ok(offset)
}

/// The in-use objects of the cross-reference table at `xref_at`, in file order, each spanning
/// to the next object (the last to the table), and the table's size.
fn xref_spans(pdf: &[u8], xref_at: usize) -> Result<(Vec<Span>, usize), String> {
    let text =
        std::str::from_utf8(&pdf[xref_at..]).map_err(|_| "cross-reference table is not text")?;
    let mut lines = text.lines().skip(1);
    let mut found: Vec<(usize, usize, u32)> = Vec::new(); // offset, number, generation
    let mut size = 0;
    while let Some(line) = lines.next() {
        let head: Vec<&str> = line.split_whitespace().collect();
        let [start, count] = head[..] else { break };
        let (Ok(start), Ok(count)) = (start.parse::<usize>(), count.parse::<usize>()) else {
            break;
        };
        size = size.max(start + count);
        for num in start..start + count {
            let entry: Vec<&str> = lines
                .next()
                .ok_or("cross-reference table ends early")?
                .split_whitespace()
                .collect();
            if let [offset, generation, "n"] = entry[..] {
                let offset = offset.parse().map_err(|_| "bad offset")?;
                let generation = generation.parse().map_err(|_| "bad generation")?;
                found.push((offset, num, generation));
            }
        }
    }
    found.sort_unstable();
    let spans = found
        .iter()
        .enumerate()
        .map(|(k, &(start, num, generation))| Span {
            num,
            generation,
            start,
            end: found.get(k + 1).map_or(xref_at, |next| next.0),
        })
        .collect::<Vec<_>>();
    if spans.iter().any(|s| s.start >= s.end || s.end > pdf.len()) {
        return Err("cross-reference offsets out of order".into());
    }
    Ok((spans, size))
}

/// The object number of `key N 0 R` in `dict`.
fn reference(dict: &[u8], key: &[u8]) -> Option<usize> {
    let at = find(dict, key)? + key.len();
    let digits: String = dict[at..]
        .iter()
        .map(|&b| b as char)
        .skip_while(|c| c.is_ascii_whitespace())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small PDF laid out as lopdf writes it, with a counter-made `/ID` and a dated `/Info`;
    /// a stream holds bytes that look like PDF syntax.
    fn sample(id: &str) -> Vec<u8> {
        let objects = [
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[]/Count 0>>",
            "<</Length 25>>stream\n9 0 obj startxref /Info\nendstream",
            "<</CreationDate(D:19700101000000+00'00')/Title<FEFF>>>",
        ];
        let mut pdf = b"%PDF-1.3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = pdf.len();
        pdf.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
        for o in offsets {
            pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        pdf.extend_from_slice(
            format!(
                "trailer\n<</Root 1 0 R/Info 4 0 R/ID[({id})({id})]/Size 5>>\nstartxref\n{xref}\n%%EOF"
            )
            .as_bytes(),
        );
        pdf
    }

    /// Every xref entry points at `N G obj` of its own number.
    fn assert_xref_consistent(pdf: &[u8]) {
        let xref_at = startxref(pdf).expect("startxref");
        let (spans, size) = xref_spans(pdf, xref_at).expect("xref");
        assert_eq!(size, 5);
        assert_eq!(spans.len(), 4);
        for s in spans {
            let head = format!("{} {} obj", s.num, s.generation);
            assert!(pdf[s.start..].starts_with(head.as_bytes()), "{head}");
        }
    }

    #[test]
    fn id_depends_on_content_not_on_the_old_id() {
        let a = finish(&sample("AAAA"), Some("汇报")).expect("patch");
        let b = finish(&sample("BBBB"), Some("汇报")).expect("patch");
        assert_eq!(a, b);
        let text = String::from_utf8_lossy(&a);
        assert!(!text.contains("AAAA"));
        let other = finish(&sample("AAAA"), Some("另一份")).expect("patch");
        let id = |t: &str| t[t.find("/ID [").expect("ID")..].to_string();
        assert_ne!(id(&text), id(&String::from_utf8_lossy(&other)));
        assert_xref_consistent(&a);
    }

    #[test]
    fn info_has_no_dates_and_the_title() {
        let out = finish(&sample("X"), Some("汇报")).expect("patch");
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("CreationDate"));
        assert!(text.contains("4 0 obj\n<< /Producer (huibao) /Title <FEFF6C4762A5> >>\nendobj"));
        let untitled = finish(&sample("X"), None).expect("patch");
        assert!(String::from_utf8_lossy(&untitled).contains("4 0 obj\n<< /Producer (huibao) >>"));
        // The stream's look-alike syntax is carried over untouched.
        assert!(text.contains("stream\n9 0 obj startxref /Info\nendstream"));
        assert!(text.contains("/Root 1 0 R /Info 4 0 R /ID [<"));
    }

    #[test]
    fn broken_input_is_an_error_not_a_panic() {
        assert!(finish(b"%PDF-1.3\n", None).is_err());
        let mut pdf = sample("X");
        let at = rfind(&pdf, b"startxref").expect("startxref") + 10;
        pdf.truncate(at);
        pdf.extend_from_slice(b"3\n%%EOF");
        assert!(finish(&pdf, None).is_err());
    }
}
