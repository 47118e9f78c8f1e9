//! One page's `Content.xml`: a layer of text objects (one per run of a line in one font, size
//! and weight) and path objects (table rules).

use std::fmt::Write as _;

use super::package::FontRes;
use super::{escape, mm, units, Ids, NAMESPACE};
use crate::fonts::subset::{Embedded, Placed};
use crate::layout::Page;
use crate::style::Style;

/// Room around a run's glyph boxes, in em: above the baseline (CJK ascent is under 0.9 em),
/// below it, and left and right (a stroke for bold, a side bearing).
const ABOVE_EM: i64 = 11;
const BELOW_EM: i64 = 3;
const SIDE_EM: i64 = 1;

/// The page's content XML; takes the page's layer and object IDs from `ids`.
pub fn page_xml(
    page: &Page,
    lines: &[Vec<Placed>],
    embedded: &Embedded,
    fonts: &[FontRes],
    style: &Style,
    ids: &mut Ids,
) -> String {
    let mut xml = String::with_capacity(512 + 400 * lines.len());
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page xmlns:ofd=\"{NAMESPACE}\">"
    );
    if page.landscape {
        // A landscape page (横排表格): the sheet turned a quarter.
        let (w, h) = page.sheet_mm(style);
        let _ = write!(
            xml,
            "<ofd:Area><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:Area>",
            mm(units(w * crate::style::PT_PER_MM)),
            mm(units(h * crate::style::PT_PER_MM)),
        );
    }
    let _ = write!(xml, "<ofd:Content><ofd:Layer ID=\"{}\">", ids.next());
    for (line, glyphs) in page.lines.iter().zip(lines) {
        let baseline = units(line.baseline_pt);
        let mut run: Vec<(&Placed, f32)> = Vec::new();
        let mut key = None;
        let mut base = baseline;
        for (i, p) in glyphs.iter().enumerate() {
            if p.glyph.ch.is_whitespace() {
                continue;
            }
            let face = embedded.used[p.font].face();
            let set = crate::typeset::Typeset::new(style).role(p.glyph.role);
            let bold = set.emboldening_pt(face.is_bold(), p.size_pt);
            // A stretched dash is an object of its own, scaled as the PDF scales it.
            let (x, scale) = crate::pdf::glyph_origin(glyphs, i, face);
            // A glyph whose outline could not be moved inside its font has its origin moved
            // (x right, y up), as in the PDF.
            let (dx, dy) = if embedded.moved[p.font] {
                (0.0, 0.0)
            } else {
                p.offset
            };
            let red = set.red;
            let k = (
                p.font,
                p.size_pt.to_bits(),
                bold.map(f32::to_bits),
                scale.to_bits(),
                dy.to_bits(),
                red,
            );
            if key != Some(k) && !run.is_empty() {
                text_object(&mut xml, &run, 1.0, base, embedded, fonts, style, ids);
                run.clear();
            }
            key = Some(k);
            base = baseline - units(dy);
            if scale == 1.0 {
                run.push((p, x + dx));
            } else {
                let dash = [(p, x + dx)];
                text_object(&mut xml, &dash, scale, base, embedded, fonts, style, ids);
                key = None;
            }
        }
        if !run.is_empty() {
            text_object(&mut xml, &run, 1.0, base, embedded, fonts, style, ids);
        }
    }
    for r in &page.rules {
        let w = units(r.width_pt).max(1);
        let (x1, y1, x2, y2) = (units(r.x1), units(r.y1), units(r.x2), units(r.y2));
        let (left, top) = (x1.min(x2) - w, y1.min(y2) - w);
        let (width, height) = ((x2 - x1).abs() + 2 * w, (y2 - y1).abs() + 2 * w);
        let _ = write!(
            xml,
            "<ofd:PathObject ID=\"{}\" Boundary=\"{} {} {} {}\" LineWidth=\"{}\" Stroke=\"true\" Fill=\"false\">\
             <ofd:StrokeColor Value=\"{}\"/><ofd:AbbreviatedData>M {} {} L {} {}</ofd:AbbreviatedData></ofd:PathObject>",
            ids.next(),
            mm(left),
            mm(top),
            mm(width),
            mm(height),
            mm(w),
            colour(r.red),
            mm(x1 - left),
            mm(y1 - top),
            mm(x2 - left),
            mm(y2 - top),
        );
    }
    xml.push_str("</ofd:Layer></ofd:Content></ofd:Page>\n");
    xml
}

/// One run of glyphs sharing font, size, weight and horizontal scale (each with the x of its
/// origin), as a `TextObject` with one `TextCode`.
#[allow(clippy::too_many_arguments)]
fn text_object(
    xml: &mut String,
    run: &[(&Placed, f32)],
    scale: f32,
    baseline: i64,
    embedded: &Embedded,
    fonts: &[FontRes],
    style: &Style,
    ids: &mut Ids,
) {
    let (Some(&(first, _)), Some(&(last, _))) = (run.first(), run.last()) else {
        return;
    };
    let used = &embedded.used[first.font];
    let size = units(first.size_pt);
    let xs: Vec<i64> = run.iter().map(|&(_, x)| units(x)).collect();
    let advance = units(used.face().advance_em(last.gid) * last.size_pt);
    let left = xs[0] - size * SIDE_EM / 10;
    let top = baseline - size * ABOVE_EM / 10;
    let right = xs[xs.len() - 1] + (advance as f32 * scale.max(1.0)) as i64 + size * SIDE_EM / 10;
    let bottom = baseline + size * BELOW_EM / 10;
    let _ = write!(
        xml,
        "<ofd:TextObject ID=\"{}\" Boundary=\"{} {} {} {}\" Font=\"{}\" Size=\"{}\"",
        ids.next(),
        mm(left),
        mm(top),
        mm(right - left),
        mm(bottom - top),
        fonts[first.font].id,
        mm(size),
    );
    if scale != 1.0 {
        let _ = write!(
            xml,
            " HScale=\"{}\"",
            mm((f64::from(scale) * 10_000.0).round() as i64)
        );
    }
    let set = crate::typeset::Typeset::new(style).role(first.glyph.role);
    let bold = set.emboldening_pt(used.face().is_bold(), first.size_pt);
    // The masthead (发文机关标志) is red, as in the PDF.
    let c = colour(set.red);
    match bold {
        Some(w) => {
            let _ = write!(
                xml,
                " Stroke=\"true\" LineWidth=\"{}\"><ofd:FillColor Value=\"{c}\"/><ofd:StrokeColor Value=\"{c}\"/>",
                mm(units(w).max(1))
            );
        }
        None => {
            let _ = write!(xml, "><ofd:FillColor Value=\"{c}\"/>");
        }
    }
    let _ = write!(
        xml,
        "<ofd:CGTransform CodePosition=\"0\" CodeCount=\"{n}\" GlyphCount=\"{n}\"><ofd:Glyphs>",
        n = run.len()
    );
    for (i, (p, _)) in run.iter().enumerate() {
        if i > 0 {
            xml.push(' ');
        }
        let _ = write!(xml, "{}", used.code(p.gid));
    }
    let _ = write!(
        xml,
        "</ofd:Glyphs></ofd:CGTransform><ofd:TextCode X=\"{}\" Y=\"{}\"",
        mm(xs[0] - left),
        mm(baseline - top)
    );
    if xs.len() > 1 {
        let steps: Vec<i64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
        let _ = write!(xml, " DeltaX=\"{}\"", delta_x(&steps));
    }
    let text: String = run.iter().map(|(p, _)| p.glyph.ch).collect();
    let _ = write!(xml, ">{}</ofd:TextCode></ofd:TextObject>", escape(&text));
}

/// GB/T 9704's red (masthead, separator line) or black, in decimal as readers require.
fn colour(red: bool) -> &'static str {
    if red {
        "255 0 0"
    } else {
        "0 0 0"
    }
}

/// Steps as `DeltaX`: a step repeated N ≥ 2 times is written `g N v`.
fn delta_x(steps: &[i64]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < steps.len() {
        let n = steps[i..].iter().take_while(|&&s| s == steps[i]).count();
        if n >= 2 {
            out.push(format!("g {n} {}", mm(steps[i])));
        } else {
            out.push(mm(steps[i]));
        }
        i += n;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::delta_x;

    #[test]
    fn repeated_steps_are_grouped() {
        assert_eq!(delta_x(&[55_700, 55_700, 55_700, 28_000]), "g 3 5.57 2.8");
        assert_eq!(delta_x(&[1, 2, 2]), "0.0001 g 2 0.0002");
        assert_eq!(delta_x(&[]), "");
    }
}
