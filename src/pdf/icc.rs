//! A small sRGB ICC profile (version 2.1, display class), written from the published sRGB
//! parameters — IEC 61966-2-1's primaries adapted to D50 with the Bradford transform and its
//! tone curve — so the PDF/A output intent needs no profile file of unclear licence.

/// sRGB's red, green and blue colorants in the D50 profile connection space.
const PRIMARIES: [(&[u8; 4], [f64; 3]); 3] = [
    (b"rXYZ", [0.436_07, 0.222_49, 0.013_92]),
    (b"gXYZ", [0.385_15, 0.716_87, 0.097_06]),
    (b"bXYZ", [0.143_07, 0.060_61, 0.714_09]),
];

/// The D50 white point.
const D50: [f64; 3] = [0.964_2, 1.0, 0.824_9];

/// Entries of the tone curve table.
const CURVE_POINTS: usize = 1024;

/// The profile's description, as viewers show it.
pub const DESCRIPTION: &str = "sRGB IEC61966-2.1";

/// The profile's bytes.
pub fn srgb() -> Vec<u8> {
    let mut tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc(DESCRIPTION)),
        (b"cprt", text("No copyright, use freely")),
        (b"wtpt", xyz(D50)),
    ];
    for (sig, v) in PRIMARIES {
        tags.push((sig, xyz(v)));
    }
    let curve = curve();
    // The three tone curves share one table.
    let header_and_table = 128 + 4 + 12 * (tags.len() + 3);
    let mut body = Vec::new();
    let mut table = Vec::new();
    for (sig, data) in &tags {
        table.push((**sig, header_and_table + body.len(), data.len()));
        body.extend_from_slice(data);
        pad4(&mut body);
    }
    let curve_at = header_and_table + body.len();
    for sig in [b"rTRC", b"gTRC", b"bTRC"] {
        table.push((*sig, curve_at, curve.len()));
    }
    body.extend_from_slice(&curve);
    pad4(&mut body);

    let size = header_and_table + body.len();
    let mut out = Vec::with_capacity(size);
    be32(&mut out, size as u32);
    out.extend_from_slice(&[0; 4]); // preferred CMM
    be32(&mut out, 0x0210_0000); // version 2.1
    out.extend_from_slice(b"mntrRGB XYZ ");
    for v in [2000u16, 1, 1, 0, 0, 0] {
        out.extend_from_slice(&v.to_be_bytes()); // creation date
    }
    out.extend_from_slice(b"acsp");
    out.extend_from_slice(&[0; 4 + 4 + 4 + 4 + 8 + 4]); // platform … rendering intent
    for v in D50 {
        s15f16(&mut out, v);
    }
    out.extend_from_slice(&[0; 4 + 16 + 28]); // creator, profile ID, reserved
    be32(&mut out, table.len() as u32);
    for (sig, offset, len) in table {
        out.extend_from_slice(&sig);
        be32(&mut out, offset as u32);
        be32(&mut out, len as u32);
    }
    out.extend_from_slice(&body);
    out
}

/// sRGB's tone curve (linear segment, then the 2.4 power) as a `curv` table.
fn curve() -> Vec<u8> {
    let mut out = b"curv\0\0\0\0".to_vec();
    be32(&mut out, CURVE_POINTS as u32);
    for i in 0..CURVE_POINTS {
        let v = i as f64 / (CURVE_POINTS - 1) as f64;
        let lin = if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        };
        out.extend_from_slice(&((lin * 65_535.0).round() as u16).to_be_bytes());
    }
    out
}

fn xyz(v: [f64; 3]) -> Vec<u8> {
    let mut out = b"XYZ \0\0\0\0".to_vec();
    for c in v {
        s15f16(&mut out, c);
    }
    out
}

fn text(s: &str) -> Vec<u8> {
    let mut out = b"text\0\0\0\0".to_vec();
    out.extend_from_slice(s.as_bytes());
    out.push(0);
    out
}

/// A `desc` (textDescriptionType): ASCII text, no Unicode or ScriptCode text.
fn desc(s: &str) -> Vec<u8> {
    let mut out = b"desc\0\0\0\0".to_vec();
    be32(&mut out, s.len() as u32 + 1);
    out.extend_from_slice(s.as_bytes());
    out.push(0);
    out.extend_from_slice(&[0; 4 + 4]); // Unicode language code and count
    out.extend_from_slice(&[0; 2 + 1 + 67]); // ScriptCode code, count and text
    out
}

fn be32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn s15f16(out: &mut Vec<u8>, v: f64) {
    out.extend_from_slice(&((v * 65_536.0).round() as i32).to_be_bytes());
}

fn pad4(out: &mut Vec<u8>) {
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32_at(b: &[u8], at: usize) -> usize {
        u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
    }

    #[test]
    fn the_profile_is_well_formed() {
        let p = srgb();
        assert_eq!(u32_at(&p, 0), p.len());
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        assert_eq!(&p[36..40], b"acsp");
        let n = u32_at(&p, 128);
        assert_eq!(n, 9);
        for k in 0..n {
            let at = 132 + 12 * k;
            let (offset, len) = (u32_at(&p, at + 4), u32_at(&p, at + 8));
            assert!(offset.is_multiple_of(4) && offset + len <= p.len());
        }
        // The curve runs from 0 to 1 through sRGB's mid-grey (0.5 → 0.214).
        let c = curve();
        let at = |i: usize| u16::from_be_bytes([c[12 + 2 * i], c[13 + 2 * i]]);
        assert_eq!((at(0), at(CURVE_POINTS - 1)), (0, 65_535));
        let mid = f64::from(at(CURVE_POINTS / 2)) / 65_535.0;
        assert!((mid - 0.2158).abs() < 0.002, "{mid}");
    }
}
