//! Writes a three-page sample PDF (22 × 28 grid, real text) for eyeballing and timing:
//! `cargo run --release --example pdf_sample -- out.pdf [builtin]`.

use std::time::Instant;

use huibao::fonts::{FontOptions, FontSet};
use huibao::layout::{Glyph, Line, Measure, Page};
use huibao::model::RunRole;
use huibao::style::Style;

const TEXT: &str = "县科协坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，紧紧围绕县委、县政府中心工作，以提升全民科学素质为目标，共开展科普活动126场次，受益群众达1.2万人次，同比增长12.3%。现将有关情况汇报如下。";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = args.get(1).map_or("sample.pdf", String::as_str);
    let builtin_only = args.get(2).is_some_and(|a| a == "builtin");
    let style = Style::default();
    let t0 = Instant::now();
    let fonts = match FontSet::load(&style, false, &FontOptions { builtin_only }) {
        Ok(f) => f,
        Err(d) => {
            eprintln!("{}", d.en);
            std::process::exit(1);
        }
    };
    let t_load = t0.elapsed();
    let cell = style.cell_pt();
    let left = style.page.left_mm * huibao::style::PT_PER_MM;
    let top = style.page.top_mm * huibao::style::PT_PER_MM;
    let pitch = style.grid.line_pitch_pt();
    let chars: Vec<char> = TEXT.chars().collect();
    let mut pages = Vec::new();
    let mut k = 0;
    for p in 0..3usize {
        let mut lines = Vec::new();
        for n in 0..22usize {
            let role = if p == 0 && n == 0 {
                RunRole::Title
            } else if n % 7 == 2 {
                RunRole::Heading(1)
            } else if n % 7 == 5 {
                RunRole::Heading(2)
            } else {
                RunRole::Body
            };
            let mut x = left;
            let mut glyphs = Vec::new();
            while x + cell <= left + cell * 28.0 + 0.01 {
                let ch = chars[k % chars.len()];
                k += 1;
                glyphs.push(Glyph { ch, x_pt: x, role });
                x += if ch.is_ascii() {
                    fonts.advance_pt(role, ch)
                } else if role == RunRole::Title {
                    22.0
                } else {
                    cell
                };
                if role == RunRole::Title && glyphs.len() == 12 {
                    break;
                }
            }
            lines.push(Line {
                baseline_pt: top + pitch * n as f32 + 0.8 * pitch,
                glyphs,
            });
        }
        let num = format!("— {} —", p + 1);
        let w: f32 = num
            .chars()
            .map(|c| fonts.advance_pt(RunRole::PageNumber, c))
            .sum();
        let mut x = if p % 2 == 0 {
            left + cell * 28.0 - 14.0 - w
        } else {
            left + 14.0
        };
        let glyphs = num
            .chars()
            .map(|ch| {
                let g = Glyph {
                    ch,
                    x_pt: x,
                    role: RunRole::PageNumber,
                };
                x += fonts.advance_pt(RunRole::PageNumber, ch);
                g
            })
            .collect();
        lines.push(Line {
            baseline_pt: 841.89 - style.page.page_number_baseline_mm * huibao::style::PT_PER_MM,
            glyphs,
        });
        pages.push(Page {
            number: Some(p + 1),
            lines,
            rules: Vec::new(),
        });
    }
    let t1 = Instant::now();
    let pdf = match huibao::pdf::write(&pages, &fonts, &style) {
        Ok(b) => b,
        Err(d) => {
            eprintln!("{}", d.en);
            std::process::exit(1);
        }
    };
    let t_write = t1.elapsed();
    if let Err(e) = std::fs::write(out, &pdf) {
        eprintln!("{e}");
        std::process::exit(1);
    }
    eprintln!(
        "font load {:.1} ms, write (subset + PDF) {:.1} ms, {} bytes\n{}",
        t_load.as_secs_f64() * 1000.0,
        t_write.as_secs_f64() * 1000.0,
        pdf.len(),
        fonts.describe(None)
    );
}
