//! The style: page geometry, the 22 × 28 grid, and the font of every role — data, not code.
//!
//! The default is the GB/T 9704-2012 profile of `shared/spec/formal-style.md`; a report overrides any
//! field from its `[style]` and `[fonts]` tables. DOCX and PDF both read their numbers from here, so
//! the two backends lay out the same page.

use serde::{Deserialize, Serialize};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Everything a backend needs to know about how the report looks.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Style {
    /// Paper and margins.
    pub page: Page,
    /// The line and character grid of the body text.
    pub grid: Grid,
    /// Fonts and sizes by role.
    pub fonts: Fonts,
    /// Chinese line-breaking rules.
    pub line_breaking: LineBreaking,
    /// Drafting aids for the GB/T 9704 frame (`[style.frame]`).
    pub frame: FrameStyle,
    /// Table settings (`[style.table]`).
    pub table: TableStyle,
}

/// Drafting aids for the GB/T 9704 frame.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct FrameStyle {
    /// Draw a dashed 42 mm circle where the seal of a sealed signature (`印章：`) goes, so a
    /// drafter sees whether the seal space works (PDF only; never a seal image). Default off.
    pub seal_placeholder: bool,
}

/// `[style.table]`: what every table of the report asks for.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct TableStyle {
    /// Size of table text (caption, header and cells) in points, e.g. 12 for 小四; unset keeps
    /// the `[fonts.table]` and `[fonts.table_header]` sizes (4号, 14 pt).
    pub size_pt: Option<f32>,
}

impl Style {
    /// Applies `[style.table] size_pt` to the table roles' fonts (sizes outside 5–42 pt are
    /// ignored), so every backend reads the table size from the fonts as for other roles.
    pub fn apply_table_size(&mut self) {
        if let Some(size) = self.table.size_pt.filter(|s| (5.0..=42.0).contains(s)) {
            self.fonts.table.size_pt = size;
            self.fonts.table_header.size_pt = size;
        }
    }
}

/// Paper size and margins in millimetres (GB/T 9704 §5: A4, 天头 37, 订口 28, 版心 156 × 225).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Page {
    /// Paper width.
    pub width_mm: f32,
    /// Paper height.
    pub height_mm: f32,
    /// Top margin (天头).
    pub top_mm: f32,
    /// Bottom margin.
    pub bottom_mm: f32,
    /// Left margin (订口).
    pub left_mm: f32,
    /// Right margin.
    pub right_mm: f32,
    /// Distance of the page number's baseline above the paper's bottom edge.
    pub page_number_baseline_mm: f32,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            width_mm: 210.0,
            height_mm: 297.0,
            top_mm: 37.0,
            bottom_mm: 35.0,
            left_mm: 28.0,
            right_mm: 26.0,
            page_number_baseline_mm: 26.1,
        }
    }
}

impl Page {
    /// Width of the type area (版心) in points.
    pub fn text_width_pt(&self) -> f32 {
        (self.width_mm - self.left_mm - self.right_mm) * PT_PER_MM
    }

    /// Height of the type area in points.
    pub fn text_height_pt(&self) -> f32 {
        (self.height_mm - self.top_mm - self.bottom_mm) * PT_PER_MM
    }
}

/// The body grid: `lines` lines of `chars` characters (GB/T 9704 §5.2.3: 22 × 28).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Grid {
    /// Lines per page.
    pub lines: u32,
    /// Characters per line.
    pub chars: u32,
    /// Line pitch in twips (1/20 pt). 579 fills the type area; 560 (28 pt) is the common
    /// alternative. 580 is a trap: 22 × 29 pt overflows 225 mm.
    pub line_pitch_twips: u32,
}

impl Default for Grid {
    fn default() -> Self {
        Grid {
            lines: 22,
            chars: 28,
            line_pitch_twips: 579,
        }
    }
}

impl Grid {
    /// Line pitch in points (579 tw = 28.95 pt).
    pub fn line_pitch_pt(&self) -> f32 {
        self.line_pitch_twips as f32 / 20.0
    }
}

/// One role's font: the family name written into the DOCX and looked up for the PDF, its size,
/// and optionally an explicit font file that wins over every lookup.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FontSpec {
    /// Family name as Word knows it, e.g. "仿宋_GB2312".
    pub family: String,
    /// Size in points (三号 = 16).
    #[serde(default = "default_size")]
    pub size_pt: f32,
    /// Bold (never for 黑体: see [`crate::typeset::is_bold`]).
    #[serde(default)]
    pub bold: bool,
    /// Font file used for the PDF instead of looking the family up.
    #[serde(default)]
    pub file: Option<String>,
    /// Face index inside a .ttc collection, with `file`.
    #[serde(default)]
    pub face_index: u32,
}

fn default_size() -> f32 {
    16.0
}

impl FontSpec {
    fn new(family: &str, size_pt: f32) -> Self {
        FontSpec {
            family: family.to_string(),
            size_pt,
            bold: false,
            file: None,
            face_index: 0,
        }
    }
}

/// Fonts by role (formal-style.md §4).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fonts {
    /// Title: 方正小标宋简体 2号.
    pub title: FontSpec,
    /// Unit/date or subtitle under the title: 楷体_GB2312 3号.
    pub subtitle: FontSpec,
    /// Body text: 仿宋_GB2312 3号.
    pub body: FontSpec,
    /// 一、 headings: 黑体 3号.
    pub heading1: FontSpec,
    /// （一） headings: 楷体_GB2312 3号.
    pub heading2: FontSpec,
    /// 1. headings: 仿宋_GB2312 3号.
    pub heading3: FontSpec,
    /// （1） headings: 仿宋_GB2312 3号.
    pub heading4: FontSpec,
    /// Table cells: 仿宋_GB2312 4号.
    pub table: FontSpec,
    /// Table header cells: 黑体 4号.
    pub table_header: FontSpec,
    /// Page numbers: 宋体 4号.
    pub page_number: FontSpec,
    /// Digits and Latin letters in every role: Times New Roman.
    pub latin: FontSpec,
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts {
            title: FontSpec::new("方正小标宋简体", 22.0),
            subtitle: FontSpec::new("楷体_GB2312", 16.0),
            body: FontSpec::new("仿宋_GB2312", 16.0),
            heading1: FontSpec::new("黑体", 16.0),
            heading2: FontSpec::new("楷体_GB2312", 16.0),
            heading3: FontSpec::new("仿宋_GB2312", 16.0),
            heading4: FontSpec::new("仿宋_GB2312", 16.0),
            table: FontSpec::new("仿宋_GB2312", 14.0),
            table_header: FontSpec::new("黑体", 14.0),
            page_number: FontSpec::new("宋体", 14.0),
            latin: FontSpec::new("Times New Roman", 16.0),
        }
    }
}

impl Fonts {
    /// Every role's font with its key under `[fonts]`.
    pub fn roles_mut(&mut self) -> [(&'static str, &mut FontSpec); 11] {
        [
            ("title", &mut self.title),
            ("subtitle", &mut self.subtitle),
            ("body", &mut self.body),
            ("heading1", &mut self.heading1),
            ("heading2", &mut self.heading2),
            ("heading3", &mut self.heading3),
            ("heading4", &mut self.heading4),
            ("table", &mut self.table),
            ("table_header", &mut self.table_header),
            ("page_number", &mut self.page_number),
            ("latin", &mut self.latin),
        ]
    }
}

/// Which line-start/line-end lists the layout uses (line-breaking.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum KinsokuProfile {
    /// Word's and WPS's default Simplified Chinese lists.
    #[default]
    Word,
    /// Word's lists plus GB/T 15834's: —— and …… never start a line, / never at either end.
    Strict,
}

/// The language tag of a report's Chinese text, from its script: it picks the DOCX's
/// `w:lang w:eastAsia` and the line-start/line-end lists Word uses for that language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ZhLang {
    /// Simplified Chinese (`zh-CN`): Word's Simplified-Chinese lists.
    #[default]
    ZhCn,
    /// Traditional Chinese, Taiwan (`zh-TW`): Word's Traditional-Chinese lists.
    ZhTw,
    /// Traditional Chinese, Hong Kong (`zh-HK`): Word's Traditional-Chinese lists.
    ZhHk,
}

impl ZhLang {
    /// The BCP 47 tag written into the DOCX.
    pub fn tag(self) -> &'static str {
        match self {
            ZhLang::ZhCn => "zh-CN",
            ZhLang::ZhTw => "zh-TW",
            ZhLang::ZhHk => "zh-HK",
        }
    }
}

impl From<crate::zh::Script> for ZhLang {
    /// hans → zh-CN; hant and hant-tw → zh-TW; hant-hk → zh-HK.
    fn from(script: crate::zh::Script) -> ZhLang {
        match script {
            crate::zh::Script::Hans => ZhLang::ZhCn,
            crate::zh::Script::Hant | crate::zh::Script::HantTw => ZhLang::ZhTw,
            crate::zh::Script::HantHk => ZhLang::ZhHk,
        }
    }
}

/// Line-breaking settings.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LineBreaking {
    /// The prohibition lists in force.
    pub profile: KinsokuProfile,
    /// A closing quote or bracket at a full line's end hangs in the margin, as Word's
    /// overflowPunct does (default); off, the character before it is carried down, as
    /// LibreOffice does.
    pub hang_closing_marks: bool,
    /// Avoid a paragraph's last line holding a single hanzi (孤字, formal-style.md §5 rule 12)
    /// by carrying one more character down (default). Word does not do this, so Word breaks
    /// such a paragraph's last two lines one character differently from the PDF (the line
    /// count, and so the pages, stay the same); off, the PDF follows Word there too.
    pub avoid_lone_char: bool,
    /// The report's language, set from its script (not a setting of the data file).
    #[serde(skip)]
    pub lang: ZhLang,
}

impl Default for LineBreaking {
    fn default() -> Self {
        LineBreaking {
            profile: KinsokuProfile::Word,
            hang_closing_marks: true,
            avoid_lone_char: true,
            lang: ZhLang::ZhCn,
        }
    }
}

impl Style {
    /// Where a sealed signature goes (GB/T 9704 §7.3.5.1), in cells from the left: the date
    /// ends four cells before the right edge, the signing unit is centred over the date (the
    /// seal is centred over both). Returns (name start, date start).
    pub fn sealed_signature_cells(&self, name_cells: f32, date_cells: f32) -> (f32, f32) {
        let date_start = (self.grid.chars as f32 - 4.0 - date_cells).max(0.0);
        let name_start = (date_start + (date_cells - name_cells) / 2.0).max(0.0);
        (name_start, date_start)
    }

    /// The style of a landscape page (横排表格, GB/T 9704 §10): the same sheet turned a quarter
    /// so that its top is the upright page's left edge (the binding edge of an odd page, the
    /// outer edge of an even one). Paper and margins turn with it (top 订口 28 mm, left 35 mm,
    /// bottom 26 mm, right 37 mm by default, a 225 × 156 mm type area); the grid keeps its line
    /// pitch and cell, with as many whole lines and cells as the turned type area holds.
    pub fn landscape(&self) -> Style {
        let p = &self.page;
        let mut s = self.clone();
        s.page.width_mm = p.height_mm;
        s.page.height_mm = p.width_mm;
        s.page.top_mm = p.left_mm;
        s.page.bottom_mm = p.right_mm;
        s.page.left_mm = p.bottom_mm;
        s.page.right_mm = p.top_mm;
        let pitch = self.grid.line_pitch_pt();
        if pitch > 0.0 {
            s.grid.lines = ((s.page.text_height_pt() / pitch) as u32).max(1);
        }
        let cell = self.cell_pt();
        if cell > 0.0 {
            s.grid.chars = ((s.page.text_width_pt() / cell) as u32).max(1);
        }
        s
    }

    /// Width of one grid cell (one 3号 hanzi) in points: 156 mm / 28 = 15.793 pt.
    pub fn cell_pt(&self) -> f32 {
        self.page.text_width_pt() / self.grid.chars as f32
    }

    /// Where an unsealed signature goes (GB/T 9704 §7.3.5.2), as cell offsets from the left
    /// edge of the type area: `(name_start, date_start)` for a name `name_cells` wide and a date
    /// `date_cells` wide. The name ends 2 cells before the right edge and the date starts 2
    /// cells right of the name's start; a date too long for that keeps a 2-cell right gap and
    /// pushes the name left.
    pub fn signature_cells(&self, name_cells: f32, date_cells: f32) -> (f32, f32) {
        let right = self.grid.chars as f32 - 2.0;
        let mut name_start = right - name_cells;
        let mut date_start = name_start + 2.0;
        if date_start + date_cells > right {
            date_start = right - date_cells;
            name_start = date_start - 2.0;
        }
        (name_start.max(0.0), date_start.max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landscape_turns_paper_margins_and_grid() {
        let s = Style::default().landscape();
        let p = &s.page;
        assert_eq!((p.width_mm, p.height_mm), (297.0, 210.0));
        assert_eq!(
            (p.top_mm, p.right_mm, p.bottom_mm, p.left_mm),
            (28.0, 37.0, 26.0, 35.0)
        );
        // 156 mm / 28.95 pt: 15 whole lines; 225 mm / 15.79 pt: 40 cells; same pitch.
        assert_eq!((s.grid.lines, s.grid.chars), (15, 40));
        assert_eq!(
            s.grid.line_pitch_twips,
            Style::default().grid.line_pitch_twips
        );
    }

    #[test]
    fn default_geometry_is_gbt9704() {
        let s = Style::default();
        assert!((s.page.text_width_pt() - 442.2).abs() < 0.1);
        assert!((s.page.text_height_pt() - 637.8).abs() < 0.1);
        assert!((s.cell_pt() - 15.793).abs() < 0.001);
        assert!((s.grid.line_pitch_pt() * 22.0) <= s.page.text_height_pt());
    }

    #[test]
    fn signature_long_date_pushes_name_left() {
        let s = Style::default();
        // A 9-cell name over a 5-cell date: name ends 2 cells before the edge, date 2 cells in.
        assert_eq!(s.signature_cells(9.0, 5.0), (17.0, 19.0));
        // "2012年10月10日" (≈7.05 cells) no longer fits 2 cells right of the name's start: it keeps
        // a 2-cell right gap and pushes the name left.
        let (name, date) = s.signature_cells(9.0, 7.05);
        assert!((date - 18.95).abs() < 1e-4);
        assert!((name - 16.95).abs() < 1e-4);
    }

    #[test]
    fn overrides_from_toml() {
        let s: Style = toml::from_str(
            "[grid]\nline_pitch_twips = 560\n[fonts.body]\nfamily = \"仿宋\"\nfile = \"/x.ttf\"\n",
        )
        .unwrap();
        assert_eq!(s.grid.line_pitch_twips, 560);
        assert_eq!(s.grid.lines, 22);
        assert_eq!(s.fonts.body.family, "仿宋");
        assert_eq!(s.fonts.body.size_pt, 16.0);
        assert_eq!(s.fonts.title.family, "方正小标宋简体");
    }
}
