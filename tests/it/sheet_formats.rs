//! Number formats of .ods and .xls sources: a workbook written here (rust_xlsxwriter) is saved
//! by LibreOffice as .ods and .xls, and each drives the same report to the same text as the
//! .xlsx —
//! 41 in a `0.00` cell is 41.00, 0.125 in a `0.0%` cell is 12.5 %, a General 3 is 3, dates are
//! dates — with messages naming the cell.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::cli::{huibao_in, run_en};
use crate::common::skip;

/// book.xlsx: sheet 数据 (a title row, column names in row 2, two rows of figures in
/// formats 0.00, 0.0%, General, yyyy-mm-dd, #,##0.00 and 0.0;[Red]-0.0) and sheet 坏 (a text where a number
/// is summed, at D4).
fn write_book(path: &Path) {
    let mut wb = Workbook::new();
    let two = Format::new().set_num_format("0.00");
    let pct = Format::new().set_num_format("0.0%");
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let grouped = Format::new().set_num_format("#,##0.00");
    let signed = Format::new().set_num_format("0.0;[Red]-0.0");
    let ws = wb.add_worksheet();
    ws.set_name("数据").unwrap();
    ws.write_string(0, 0, "2024年情况").unwrap();
    for (c, h) in ["村名", "收入", "比例", "户数", "日期", "合计", "差额"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let rows = [
        ("石门村", 41.0, 0.125, 3.0, (2024, 3, 1), 1234.5, -2.25),
        ("东岭村", 40.25, 0.5, 12.0, (2024, 4, 15), 7.0, 0.15),
    ];
    for (i, (name, income, share, homes, (y, m, d), total, gap)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_string(r, 0, *name).unwrap();
        ws.write_number_with_format(r, 1, *income, &two).unwrap();
        ws.write_number_with_format(r, 2, *share, &pct).unwrap();
        ws.write_number(r, 3, *homes).unwrap();
        let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        ws.write_datetime_with_format(r, 4, &date, &day).unwrap();
        ws.write_number_with_format(r, 5, *total, &grouped).unwrap();
        ws.write_number_with_format(r, 6, *gap, &signed).unwrap();
    }
    let bad = wb.add_worksheet();
    bad.set_name("坏").unwrap();
    bad.write_string(0, 0, "说明").unwrap();
    for (c, h) in ["村名", "收入", "比例", "户数"].iter().enumerate() {
        bad.write_string(1, c as u16, *h).unwrap();
    }
    bad.write_string(2, 0, "石门村").unwrap();
    bad.write_number_with_format(2, 1, 41.0, &two).unwrap();
    bad.write_number_with_format(2, 2, 0.125, &pct).unwrap();
    bad.write_number(2, 3, 3.0).unwrap();
    bad.write_string(3, 0, "东岭村").unwrap();
    bad.write_string(3, 3, "不详").unwrap();
    wb.save(path).unwrap();
}

const TEMPLATE: &str = r#"标题：格式

{{rows.0.村名}}收入{{rows.0.收入}}元，比例{{percent rows.0.比例}}，共{{rows.0.户数}}户，{{date rows.0.日期}}，合计{{rows.0.合计}}，差额{{rows.0.差额}}。

{{rows.1.村名}}收入{{rows.1.收入}}元，比例{{percent rows.1.比例}}，共{{rows.1.户数}}户，{{date rows.1.日期}}，合计{{rows.1.合计}}，差额{{rows.1.差额}}。
"#;

/// The report's lines, as a spreadsheet shows the cells: −2.25 and 0.15 in `0.0` cells are
/// −2.3 and 0.2 (the shown digits rounded half away from zero; the binary values would round
/// to −2.2 and 0.1).
const LINES: [&str; 2] = [
    "石门村收入41.00元，比例12.5%，共3户，2024年3月1日，合计1234.50，差额-2.3。",
    "东岭村收入40.25元，比例50.0%，共12户，2024年4月15日，合计7.00，差额0.2。",
];

/// Templates `t` (the figures) and `s` (sums 户数 of sheet 坏), and a data file per workbook
/// file in `root`.
fn setup(root: &Path, files: &[&str]) {
    for (name, body) in [
        ("t", TEMPLATE),
        ("s", "标题：合计\n\n共{{sum bad \"户数\"}}户。\n"),
    ] {
        let t = root.join("templates").join(name);
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(
            t.join("template.toml"),
            "entry = \"report\"\nscript = \"hans\"\n",
        )
        .unwrap();
        std::fs::write(t.join("report.hbs"), body).unwrap();
    }
    for file in files {
        let stem = stem(file);
        std::fs::write(
            root.join(format!("{stem}.toml")),
            format!(
                "[report]\ntemplate = \"t\"\nscript = \"hans\"\ndate = 2024-12-10\n\n[sources]\nrows = {{ file = \"{file}\", sheet = \"数据\", header = 2 }}\n"
            ),
        )
        .unwrap();
        std::fs::write(
            root.join(format!("{stem}_bad.toml")),
            format!(
                "[report]\ntemplate = \"s\"\nscript = \"hans\"\ndate = 2024-12-10\n\n[sources]\nbad = {{ file = \"{file}\", sheet = \"坏\", header = 2 }}\n"
            ),
        )
        .unwrap();
    }
}

/// The data file's name for a workbook file: `book_ods` for book.ods.
fn stem(file: &str) -> String {
    file.replace('.', "_")
}

/// The text report rendered from `file`'s data file.
fn render_txt(root: &Path, file: &str) -> String {
    let stem = stem(file);
    crate::common::cli::render_txt_en(
        root,
        &format!("{stem}.toml"),
        &format!("out-{stem}"),
        &format!("{stem}.txt"),
    )
}

/// Saves `xlsx` as `format` (`ods`, `xls:MS Excel 97`) beside it with LibreOffice; false
/// when LibreOffice is missing.
fn convert(xlsx: &Path, format: &str) -> bool {
    let dir = xlsx.parent().unwrap();
    crate::common::lo::convert(&[xlsx], format, dir, dir).is_ok()
}

/// The workbook saved by LibreOffice as `format` (`ods`, `xls:MS Excel 97`) into `book.EXT`
/// renders the report the .xlsx renders, and names a bad cell by its place.
fn renders_as_the_xlsx_does(format: &str, ext: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write_book(&d.join("book.xlsx"));
    if !convert(&d.join("book.xlsx"), format) {
        skip::skip("soffice not installed");
        return;
    }
    let book = format!("book.{ext}");
    assert!(d.join(&book).is_file(), "LibreOffice wrote no .{ext}");
    setup(d, &["book.xlsx", &book]);
    let xlsx = render_txt(d, "book.xlsx");
    for line in LINES {
        assert!(
            xlsx.contains(line),
            "{line} not in the .xlsx report:\n{xlsx}"
        );
    }
    let other = render_txt(d, &book);
    assert_eq!(other, xlsx, "the .{ext} report differs from the .xlsx one");
    assert_names_its_cell(d, &book);
}

#[test]
fn ods_shows_numbers_as_its_cells_formats_do() {
    renders_as_the_xlsx_does("ods", "ods");
}

#[test]
fn xls_shows_numbers_as_its_cells_formats_do() {
    renders_as_the_xlsx_does("xls:MS Excel 97", "xls");
}

/// Cells keep their places: the text at D4 of sheet 坏 of `file`, below a title row, is named
/// by its cell.
fn assert_names_its_cell(d: &Path, file: &str) {
    let o = run_en(d, &["check", &format!("{}_bad.toml", stem(file))]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let want = format!("bad[1].户数 must be a number, got the text \"不详\" (cell {file}!坏!D4)");
    assert!(err.contains(&want), "{err}");
}

/// A damaged workbook is an error about the file at its `[sources]` line, never a panic:
/// calamine panics inside its container reader on a truncated .xls.
#[test]
fn truncated_workbooks_are_errors_not_panics() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write_book(&d.join("book.xlsx"));
    if !convert(&d.join("book.xlsx"), "xls:MS Excel 97") || !convert(&d.join("book.xlsx"), "ods") {
        skip::skip("soffice not installed");
        return;
    }
    setup(d, &["book.xls", "book.ods", "book.xlsx"]);
    let mut failed = 0;
    for file in ["book.xls", "book.ods", "book.xlsx"] {
        let whole = std::fs::read(d.join(file)).unwrap();
        // Cuts at every eighth of the file and 100 bytes into a 512-byte sector (where
        // calamine's .xls container reader slices past the end).
        let cuts = (1..8)
            .map(|k| whole.len() * k / 8)
            .chain((1..whole.len() / 512).map(|k| 512 * k + 100));
        for cut in cuts {
            std::fs::write(d.join(file), &whole[..cut]).unwrap();
            let o = run_en(d, &["render", &format!("{}.toml", stem(file)), "-f", "txt"]);
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(!err.contains("panicked"), "{file} cut at {cut}: {err}");
            // Some cuts leave a readable file (the end of an .xls may be padding); the
            // others are a located error.
            match o.status.code() {
                Some(0) => {}
                Some(1) => {
                    assert!(err.contains("E-SOURCE-READ"), "{file} cut at {cut}: {err}");
                    assert!(err.contains(&format!("{}.toml:", stem(file))), "{err}");
                }
                other => panic!("{file} cut at {cut}: exit {other:?}: {err}"),
            }
            failed += usize::from(o.status.code() == Some(1));
        }
    }
    assert!(failed >= 12, "only {failed} cuts were refused");
}

/// An .xls whose directory chain loops back on itself: calamine would follow it until memory
/// runs out; huibao refuses the file at once as damaged.
#[test]
fn an_xls_whose_sector_chain_loops_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write_book(&d.join("book.xlsx"));
    if !convert(&d.join("book.xlsx"), "xls:MS Excel 97") {
        skip::skip("soffice not installed");
        return;
    }
    setup(d, &["book.xls"]);
    let mut b = std::fs::read(d.join("book.xls")).unwrap();
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    let sector = 1usize << u16::from_le_bytes([b[30], b[31]]);
    let dir_start = u32_at(&b, 48) as usize;
    let fat_sector = u32_at(&b, 76) as usize;
    // The directory's first sector is its own successor.
    let at = (fat_sector + 1) * sector + 4 * dir_start;
    b[at..at + 4].copy_from_slice(&(dir_start as u32).to_le_bytes());
    std::fs::write(d.join("book.xls"), &b).unwrap();
    let mut child = huibao_in(d)
        .args(["render", "book_xls.toml", "-f", "txt"])
        .env("HUIBAO_LANG", "en")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("still reading the looping .xls after 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("E-SOURCE-READ") && err.contains("damaged"),
        "{err}"
    );
    assert!(err.contains("book_xls.toml:"), "{err}");
}
