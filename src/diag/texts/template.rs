//! Catalog section: messages about templates, markup, helpers and rendering.

crate::texts! {
    /// A message about a fact read from a spreadsheet cell, naming the cell.
    from_cell(message, cell) = "{message}（单元格 {cell}）", "{message}（單元格 {cell}）", "{message} (cell {cell})";
    /// A message about a fact whose spreadsheet cell is empty.
    from_empty_cell(message, cell) = "{message}（单元格 {cell} 为空）", "{message}（單元格 {cell} 為空）", "{message} (the cell {cell} is empty)";
}
