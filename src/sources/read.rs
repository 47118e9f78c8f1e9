//! Reading one sheet of a workbook (.xlsx, .xls, .ods through calamine; the number formats of
//! .ods and .xls files from the files themselves) or a CSV file (UTF-8, GBK or GB18030,
//! detected) into a grid of typed cells.

use std::path::Path;

use calamine::{open_workbook_auto, Data as CellData, Reader};

use crate::diag::texts::data as texts;
use crate::diag::Text;

/// One cell's value, in the kind the spreadsheet gave it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value: a missing fact.
    Empty,
    /// A whole number shown without decimals.
    Int(i64),
    /// A number with decimals, as shown (the cell's number format decides how many: `41.00`).
    Decimal(String),
    /// A percentage, in per cent as shown (`0.1189` shown as `11.89%` gives `11.89`).
    Percent(String),
    /// A date, `YYYY-MM-DD`.
    Date(String),
    /// Text, trimmed.
    Text(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// An error value such as `#DIV/0!`.
    Error(String),
}

/// A sheet read into rows of cells; `rows[r][c]` is the cell at row `r + 1`, column `c + 1`.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The sheet's name (empty for a CSV file).
    pub sheet: String,
    /// The cells, row by row.
    pub rows: Vec<Vec<Cell>>,
    /// The text encoding of a CSV file (`UTF-8`, `GB18030`); empty for workbooks.
    pub encoding: &'static str,
}

impl Grid {
    /// The cell at 0-based `row`, `col` (empty outside the grid).
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }
}

/// Why a file could not be read.
pub type ReadError = Text;

/// Reads `sheet` (the first sheet when `None`) of the workbook or CSV file at `path`.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Grid, ReadError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => read_csv(path),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => guarded(|| read_workbook(path, sheet)),
        _ => Err(texts::unsupported_file_type(ext)),
    }
}

std::thread_local! {
    /// Set while [`guarded`] runs a reader on this thread: its panics are reported as errors.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a spreadsheet reader so that a panic inside it — calamine panics on some damaged
/// files, e.g. a truncated .xls (`slice index starts at 4608 but ends at 4357` in its
/// container reader) — becomes an error about the file, printed nowhere else. The panic hook
/// is wrapped once: silent on a guarded thread, the previous hook everywhere else.
fn guarded(read: impl FnOnce() -> Result<Grid, ReadError>) -> Result<Grid, ReadError> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    GUARDED.with(|g| g.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(false));
    result.unwrap_or_else(|_| Err(texts::workbook_damaged()))
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Grid, ReadError> {
    // An .xls whose sector chains loop would keep calamine reading until memory runs out.
    // Its bytes are read once, for that check and for its number formats.
    let is_xls = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xls"));
    let xls_bytes = if is_xls {
        std::fs::read(path).ok()
    } else {
        None
    };
    if xls_bytes
        .as_deref()
        .is_some_and(|b| !super::xls::container_is_sound(b))
    {
        return Err(texts::workbook_damaged());
    }
    // A file that cannot be read is told as any other (it does not exist, no permission); one the
    // reader refuses is not a workbook of its kind.
    std::fs::metadata(path).map_err(|e| texts::csv_unreadable(crate::data::io_reason(&e)))?;
    let mut book = open_workbook_auto(path).map_err(|e| match e {
        calamine::Error::Io(e) => texts::csv_unreadable(crate::data::io_reason(&e)),
        calamine::Error::Xlsx(_) | calamine::Error::Xls(_) | calamine::Error::Ods(_) => {
            let kind = path
                .extension()
                .map(|x| format!(".{}", x.to_string_lossy().to_lowercase()))
                .unwrap_or_default();
            texts::workbook_not_of_kind(kind)
        }
        e => texts::workbook_unopened(e),
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| texts::no_such_sheet(s, Text::names(&names)))?,
        None => names.first().cloned().ok_or_else(texts::no_sheets)?,
    };
    if let calamine::Sheets::Xlsx(xlsx) = &mut book {
        return read_xlsx(xlsx, name);
    }
    let range = book
        .worksheet_range(&name)
        .map_err(|e| texts::sheet_unreadable(&name, e))?;
    // Number formats: calamine gives none for .ods and .xls, read from the file here (.xlsb
    // numbers are shown as stored).
    let styles = book.worksheet_style(&name).ok();
    let read_shapes = match &book {
        calamine::Sheets::Ods(_) => super::ods::shapes(path, &name),
        calamine::Sheets::Xls(_) => xls_bytes
            .as_deref()
            .map(|b| super::xls::shapes(b, &name))
            .unwrap_or_default(),
        _ => std::collections::HashMap::new(),
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows = vec![Vec::new(); r0 as usize];
    for (r, row) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; c0 as usize];
        for (c, v) in row.iter().enumerate() {
            let pos = (r0 + r as u32, c0 + c as u32);
            let shape = read_shapes.get(&pos).copied().unwrap_or_else(|| {
                styles
                    .as_ref()
                    .and_then(|s| s.get(pos))
                    .and_then(|s| s.number_format.as_ref())
                    .map(|f| number_shape(&f.format_code))
                    .unwrap_or_default()
            });
            cells.push(cell_shaped(v, shape));
        }
        rows.push(cells);
    }
    Ok(Grid {
        sheet: name,
        rows,
        encoding: "",
    })
}

/// An .xlsx sheet read in one pass over its cells, each with its style's number format.
fn read_xlsx<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    name: String,
) -> Result<Grid, ReadError> {
    let fail = |e: calamine::XlsxError| texts::sheet_unreadable(&name, e);
    let mut reader = xlsx.worksheet_cells_reader(&name).map_err(fail)?;
    let shapes: Vec<Option<Shape>> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .map(|f| number_shape(&f.format_code))
        })
        .collect();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(fail)? {
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        // Text is trimmed and copied once, without the owned cell value in between.
        let shaped = match cell.get_value() {
            calamine::DataRef::Empty => continue,
            calamine::DataRef::String(s) => text_of(s),
            calamine::DataRef::SharedString(s) => text_of(s),
            other => cell_shaped(
                &CellData::from(other.clone()),
                shapes.get(style).copied().flatten().unwrap_or_default(),
            ),
        };
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Cell::Empty);
        }
        row[c] = shaped;
    }
    drop(reader);
    Ok(Grid {
        sheet: name,
        rows,
        encoding: "",
    })
}

/// A workbook cell shown as its number format `shape` shows it.
fn cell_shaped(v: &CellData, shape: Shape) -> Cell {
    match v {
        CellData::Empty => Cell::Empty,
        CellData::String(s) => text_of(s),
        CellData::Bool(b) => Cell::Bool(*b),
        CellData::Int(i) => number_cell(*i as f64, shape, Some(*i)),
        CellData::Float(f) => number_cell(*f, shape, None),
        CellData::DateTime(d) => {
            if d.is_datetime() {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                Cell::Date(format!("{y:04}-{m:02}-{day:02}"))
            } else {
                number_cell(d.as_f64(), shape, None)
            }
        }
        CellData::DateTimeIso(s) => Cell::Date(s.chars().take(10).collect()),
        CellData::DurationIso(s) => Cell::Text(s.clone()),
        CellData::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A text cell, trimmed; empty when only spaces.
fn text_of(s: &str) -> Cell {
    let t = s.trim();
    if t.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(t.to_string())
    }
}

/// What a number format shows: decimals (None for General) and whether it is a percentage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Shape {
    pub(super) decimals: Option<usize>,
    pub(super) percent: bool,
}

/// Reads the first section of a format code: `0.00` → 2 decimals, `0.0%` → percent with 1,
/// `#,##0` → 0, `General` → as stored. Quoted text and escapes are skipped.
pub(super) fn number_shape(code: &str) -> Shape {
    let section = code.split(';').next().unwrap_or("");
    if section.eq_ignore_ascii_case("general") || section.is_empty() {
        return Shape::default();
    }
    let mut plain = String::new();
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            other => plain.push(other),
        }
    }
    if !plain.contains(['0', '#', '?']) {
        return Shape::default();
    }
    let decimals = plain.split_once('.').map_or(0, |(_, f)| {
        f.chars()
            .take_while(|c| matches!(c, '0' | '#' | '?'))
            .count()
    });
    Shape {
        decimals: Some(decimals),
        percent: plain.contains('%'),
    }
}

/// A numeric cell as shown: `int` is set when the file stored a whole number.
fn number_cell(f: f64, shape: Shape, int: Option<i64>) -> Cell {
    if !f.is_finite() {
        return Cell::Error("#NUM!".into());
    }
    let value = if shape.percent { f * 100.0 } else { f };
    // A whole number in General format is the integer (what `shortest` would write).
    if shape == Shape::default() && value.fract() == 0.0 && value.abs() < 1e15 {
        return Cell::Int(int.unwrap_or(value as i64));
    }
    let text = match shape.decimals {
        Some(d) => fixed_digits(value, d),
        None => match int {
            Some(i) if !shape.percent => return Cell::Int(i),
            _ => shortest(value),
        },
    };
    if shape.percent {
        return Cell::Percent(text);
    }
    match text.parse::<i64>() {
        Ok(i) if !text.contains('.') => Cell::Int(i),
        _ => Cell::Decimal(text),
    }
}

/// `value` with `d` decimals as a spreadsheet shows it: the digits it shows in General format
/// (at most 15 significant, see [`shortest`]) rounded half away from zero — 2.25 in a `0.0`
/// cell is 2.3 and 2.675 in a `0.00` cell 2.68, as Excel and LibreOffice show them, where
/// rounding the binary value (`format!`) gives 2.2 and 2.67.
fn fixed_digits(value: f64, d: usize) -> String {
    let shown = shortest(value);
    let rounded = crate::helpers::fixed(&shown, Some(d)).unwrap_or_else(|| shown.clone());
    // A sheet keeps the minus of a negative value rounded to zero (-0.04 in `0.0` is -0.0).
    if shown.starts_with('-') && !rounded.starts_with('-') {
        format!("-{rounded}")
    } else {
        rounded
    }
}

/// A float as a spreadsheet shows it in General format: at most 15 significant digits, so
/// stored noise (0.30000000000000004) is dropped; whole numbers without a decimal point.
fn shortest(f: f64) -> String {
    // Rust writes the shortest digits that read back as `f`: with at most 15 significant
    // digits and no exponent they are what the sheet shows (most cells: 41.5, 0.3).
    let plain = format!("{f}");
    let significant = plain
        .trim_start_matches(['-', '0', '.'])
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    if !plain.contains('e') && significant <= 15 && plain.contains('.') {
        return plain;
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded.fract() == 0.0 && rounded.abs() < 9.0e15 {
        return format!("{}", rounded as i64);
    }
    let s = format!("{rounded}");
    if s.contains('e') {
        // Very small or large values: plain digits.
        format!("{rounded:.15}").trim_end_matches('0').to_string()
    } else {
        s
    }
}

fn read_csv(path: &Path) -> Result<Grid, ReadError> {
    let bytes =
        std::fs::read(path).map_err(|e| texts::csv_unreadable(crate::data::io_reason(&e)))?;
    let (text, encoding) = decode(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| texts::csv_row_unreadable(i + 1, e))?;
        rows.push(record.iter().map(text_cell).collect());
    }
    Ok(Grid {
        sheet: String::new(),
        rows,
        encoding,
    })
}

/// Decodes CSV bytes: UTF-8 (a byte-order mark is dropped) when valid, else GB18030 (which
/// reads GBK and GB2312 too).
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), "GBK/GB18030")
        }
    }
}

/// A CSV field read by its look: `41` an integer, `41.00` a decimal as written, `1,234` an
/// integer, `11.89%` a percentage, `2024-03-01` or `2024/3/1` a date, anything else text.
pub fn text_cell(field: &str) -> Cell {
    let t = field.trim();
    if t.is_empty() {
        return Cell::Empty;
    }
    if let Some(p) = t.strip_suffix('%') {
        if is_plain_number(p.trim()) {
            return Cell::Percent(p.trim().to_string());
        }
    }
    let ungrouped = ungroup(t);
    let n = ungrouped.as_deref().unwrap_or(t);
    if is_plain_number(n) {
        if !n.contains('.') {
            if let Ok(i) = n.parse::<i64>() {
                return Cell::Int(i);
            }
        }
        return Cell::Decimal(n.to_string());
    }
    if let Some(d) = date_text(t) {
        return Cell::Date(d);
    }
    Cell::Text(t.to_string())
}

/// `-12`, `3.50`: an optional minus, digits, optionally a point and digits.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// `1,234,567.5` → `1234567.5` when the commas group by three; `None` otherwise.
fn ungroup(s: &str) -> Option<String> {
    if !s.contains(',') {
        return None;
    }
    let body = s.strip_prefix('-').unwrap_or(s);
    let int = body.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int.split(',').collect();
    let ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups[1..].iter().all(|g| g.len() == 3);
    ok.then(|| s.replace(',', ""))
}

/// `2024-03-01`, `2024/3/1`, `2024.3.1` → `2024-03-01`.
fn date_text(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1000..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `C7` for 0-based row 6, column 2.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// `C7` → (6, 2), 0-based; `None` if not a cell name.
pub fn parse_cell_name(name: &str) -> Option<(usize, usize)> {
    let name = name.trim().to_ascii_uppercase();
    let split = name.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = name.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let row: usize = digits.parse().ok().filter(|r| *r >= 1)?;
    let col = letters
        .bytes()
        .fold(0usize, |acc, b| acc * 26 + usize::from(b - b'A' + 1));
    Some((row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_as_the_sheet_shows_them() {
        assert_eq!(shortest(41.5), "41.5");
        assert_eq!(shortest(-0.5), "-0.5");
        assert_eq!(shortest(0.1 + 0.2), "0.3");
        assert_eq!(shortest(2.0), "2");
        assert_eq!(shortest(1234.5678), "1234.5678");
        assert_eq!(shortest(1e-7), "0.0000001");
    }

    /// What a spreadsheet shows for `v` with `d` decimals: its General-format digits rounded
    /// half away from zero by the exact decimals of the helpers (an independent computation).
    /// `None` for digits too fine for those decimals (below 10^−18).
    fn shown(v: f64, d: usize) -> Option<String> {
        let exact = crate::helpers::Decimal::parse(&shortest(v))?;
        let text = exact.fixed(d as u32)?.to_string();
        // A negative value that rounds to zero keeps its sign, as spreadsheets show it.
        Some(if exact.is_negative() && !text.starts_with('-') {
            format!("-{text}")
        } else {
            text
        })
    }

    #[test]
    fn fixed_digits_round_the_shown_digits_half_away_from_zero() {
        // Ties in the shown digits go away from zero, as Excel and LibreOffice show them.
        for (v, d, want) in [
            (2.25, 1, "2.3"),
            (-2.25, 1, "-2.3"),
            (2.675, 2, "2.68"),
            (1.005, 2, "1.01"),
            (0.125, 2, "0.13"),
            (1234.5, 0, "1235"),
            (9.995, 2, "10.00"),
            (99.95, 1, "100.0"),
            (0.5, 0, "1"),
            (41.0, 2, "41.00"),
            (0.1 + 0.2, 2, "0.30"),
            (12.5, 1, "12.5"),
            (-0.04, 1, "-0.0"),
        ] {
            assert_eq!(fixed_digits(v, d), want, "{v} with {d}");
        }
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for i in 0..40_000u64 {
            let r = next();
            // Values as sheets hold them (whole numbers, cents, thirds, halves) and arbitrary ones.
            let v = match i % 5 {
                0 => (r % 2_000_000) as f64 / 100.0 - 10_000.0,
                1 => (r % 100_000) as f64 / 3.0,
                2 => (r % 1_000_000) as f64 * 0.5 - 1000.0,
                3 => f64::from_bits(r) % 1e9,
                _ => (r % 10_000_000_000) as f64 / 1e4,
            };
            if !v.is_finite() {
                continue;
            }
            for d in 0..=7 {
                match shown(v, d) {
                    Some(want) => assert_eq!(fixed_digits(v, d), want, "{v} with {d}"),
                    None => assert!(v.abs() < 1e-3, "{v}"),
                }
            }
        }
    }

    #[test]
    fn formats_decide_decimals_and_percent() {
        assert_eq!(number_shape("General"), Shape::default());
        assert_eq!(
            number_shape("0.00"),
            Shape {
                decimals: Some(2),
                percent: false
            }
        );
        assert_eq!(
            number_shape("#,##0"),
            Shape {
                decimals: Some(0),
                percent: false
            }
        );
        assert_eq!(
            number_shape("0.0%"),
            Shape {
                decimals: Some(1),
                percent: true
            }
        );
        assert_eq!(number_shape("\"约\"0.0\"万\"").decimals, Some(1));
        assert_eq!(number_shape("@"), Shape::default());
    }

    #[test]
    fn numbers_show_as_formatted() {
        let two = number_shape("0.00");
        assert_eq!(number_cell(41.0, two, None), Cell::Decimal("41.00".into()));
        assert_eq!(number_cell(41.0, Shape::default(), None), Cell::Int(41));
        assert_eq!(
            number_cell(0.1 + 0.2, Shape::default(), None),
            Cell::Decimal("0.3".into())
        );
        assert_eq!(
            number_cell(1.118_857, number_shape("0.00%"), None),
            Cell::Percent("111.89".into())
        );
        assert_eq!(number_cell(-3.0, number_shape("0"), None), Cell::Int(-3));
    }

    #[test]
    fn csv_fields_by_their_look() {
        assert_eq!(text_cell(" 41 "), Cell::Int(41));
        assert_eq!(text_cell("41.00"), Cell::Decimal("41.00".into()));
        assert_eq!(text_cell("1,234"), Cell::Int(1234));
        assert_eq!(text_cell("11.89%"), Cell::Percent("11.89".into()));
        assert_eq!(text_cell("2024/3/1"), Cell::Date("2024-03-01".into()));
        assert_eq!(text_cell("12,34"), Cell::Text("12,34".into()));
        assert_eq!(text_cell("—"), Cell::Text("—".into()));
        assert_eq!(text_cell(""), Cell::Empty);
    }

    #[test]
    fn gbk_is_detected() {
        let (gbk, _, _) = encoding_rs::GBK.encode("乡镇,人数\n城关镇,12\n");
        let (text, enc) = decode(&gbk);
        assert_eq!(
            (text.as_str(), enc),
            ("乡镇,人数\n城关镇,12\n", "GBK/GB18030")
        );
        let (text, enc) = decode("\u{feff}a,b".as_bytes());
        assert_eq!((text.as_str(), enc), ("a,b", "UTF-8"));
    }

    #[test]
    fn cell_names_round_trip() {
        for (r, c, name) in [(0, 0, "A1"), (6, 2, "C7"), (9, 26, "AA10"), (0, 701, "ZZ1")] {
            assert_eq!(cell_name(r, c), name);
            assert_eq!(parse_cell_name(name), Some((r, c)));
        }
        assert_eq!(parse_cell_name("7C"), None);
        assert_eq!(parse_cell_name("C0"), None);
    }
}
