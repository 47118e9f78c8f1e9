//! Tables in `word/document.xml`, written from the layout's [`TableGeometry`]: the same column
//! widths (`w:tblGrid`/`w:gridCol`, `w:tblW`, `w:tcW`), cell padding (`w:tblCellMar`), row
//! heights (`w:trHeight` exact, one grid line per text line), line breaks inside cells (`w:br`
//! where the PDF breaks) and merged cells (`w:gridSpan`, `w:vMerge`) as the PDF draws, so
//! LibreOffice and Word put the same rows on the same pages. Rows never split (`w:cantSplit`);
//! header rows repeat (`w:tblHeader`, added by the patch step).

use docx_rs::{
    AlignmentType, BorderType, HeightRule, LineSpacing, LineSpacingType, Paragraph,
    Table as DxTable, TableAlignmentType, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use crate::layout::table::{CellAlign, TableGeometry};
use crate::model::Table;

/// Twips taken off a row's exact height and its cell lines: [`START_SHORTFALL_TW`] for the
/// header rows and the first body row, [`ROW_SHORTFALL_TW`] for the others.
///
/// LibreOffice starts a table about 18 twips below its grid line (its outer border), so rows of
/// whole grid lines would not all fit where the PDF fits them, and a table starting on the last
/// lines of a page then even runs rows off the page: the first rows, and the header rows that
/// open every continued page, give those twips back. The other rows stay within a twip of the
/// grid, so a page of rows never falls a whole line short and LibreOffice fits no extra row
/// (not even on a page with a title, which LibreOffice sets 21 pt shorter than the grid lines
/// the PDF gives it).
pub(crate) fn shortfall_tw(t: &Table, r: usize) -> i32 {
    if r <= t.header_rows.max(1) {
        START_SHORTFALL_TW
    } else {
        ROW_SHORTFALL_TW
    }
}

/// See [`shortfall_tw`].
const START_SHORTFALL_TW: i32 = 10;

/// See [`shortfall_tw`].
const ROW_SHORTFALL_TW: i32 = 1;

/// How the body writer makes a run of text in a role.
pub(super) type RunOf<'a> = &'a dyn Fn(crate::model::RunRole, &str) -> docx_rs::Run;

/// The table `t` as laid out in `g`; `cell_style(header)` names the paragraph style of a cell.
pub(super) fn table(
    t: &Table,
    g: &TableGeometry,
    run: RunOf,
    cell_style: &dyn Fn(bool) -> &'static str,
) -> DxTable {
    let ncols = g.col_tw.len();
    let mut borders = TableBorders::new();
    for side in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        borders = borders.set(
            TableBorder::new(side)
                .border_type(BorderType::Single)
                .size(4)
                .color("000000"),
        );
    }
    let line = g.line_tw.clamp(40, 31680) as i32;
    let width = |c: usize, cols: usize| -> usize {
        g.col_tw[c..(c + cols).min(ncols)]
            .iter()
            .sum::<i32>()
            .max(0) as usize
    };
    let rows: Vec<TableRow> = (0..t.rows.len())
        .map(|r| {
            let header = r < t.header_rows;
            let mut cells = Vec::new();
            let mut c = 0;
            while c < ncols {
                let para = || {
                    Paragraph::new().style(cell_style(header)).line_spacing(
                        LineSpacing::new()
                            .before(0)
                            .after(0)
                            .line(line - shortfall_tw(t, r))
                            .line_rule(LineSpacingType::Exact),
                    )
                };
                match t.covered_by(r, c) {
                    // A merged cell from the row above continues here.
                    Some(m) if m.row < r && m.col == c => {
                        cells.push(
                            TableCell::new()
                                .width(width(c, m.cols), WidthType::Dxa)
                                .grid_span(m.cols)
                                .vertical_merge(VMergeType::Continue)
                                .vertical_align(VAlignType::Top)
                                .add_paragraph(para()),
                        );
                        c += m.cols;
                        continue;
                    }
                    Some(_) => {
                        c += 1;
                        continue;
                    }
                    None => {}
                }
                let (rows_n, cols_n) = t.span(r, c);
                let mut p = para();
                if let Some(set) = &g.cells[r][c] {
                    let text: Vec<&str> = set.lines.iter().map(|l| l.text.as_str()).collect();
                    p = match set.align {
                        CellAlign::Left => p.align(AlignmentType::Left),
                        CellAlign::Center => p.align(AlignmentType::Center),
                        CellAlign::Right => p.align(AlignmentType::Right),
                        CellAlign::Indent(x) => p.align(AlignmentType::Left).indent(
                            Some(crate::layout::pt_to_twips(x)),
                            None,
                            None,
                            None,
                        ),
                    };
                    p = p.add_run(run(set.role, &text.join("\n")));
                }
                let mut cell = TableCell::new()
                    .width(width(c, cols_n), WidthType::Dxa)
                    .vertical_align(VAlignType::Top)
                    .add_paragraph(p);
                if cols_n > 1 {
                    cell = cell.grid_span(cols_n);
                }
                if rows_n > 1 {
                    cell = cell.vertical_merge(VMergeType::Restart);
                }
                cells.push(cell);
                c += cols_n;
            }
            let height = line * g.row_lines[r] as i32 - shortfall_tw(t, r);
            TableRow::new(cells)
                .row_height(height.max(line / 2) as f32)
                .height_rule(HeightRule::Exact)
                .cant_split()
        })
        .collect();
    DxTable::new(rows)
        .set_grid(g.col_tw.iter().map(|w| (*w).max(0) as usize).collect())
        .width(g.col_tw.iter().sum::<i32>().max(0) as usize, WidthType::Dxa)
        .align(TableAlignmentType::Center)
        .set_borders(borders)
        .layout(TableLayoutType::Fixed)
        .margins(
            TableCellMargins::new()
                .margin_top(0, WidthType::Dxa)
                .margin_left(g.pad_tw.max(0) as usize, WidthType::Dxa)
                .margin_bottom(0, WidthType::Dxa)
                .margin_right(g.pad_tw.max(0) as usize, WidthType::Dxa),
        )
}
