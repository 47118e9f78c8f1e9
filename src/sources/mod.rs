//! Spreadsheet sources: the `[sources]` table of the data names workbooks and CSV files whose
//! cells become facts.
//!
//! ```toml
//! [sources]
//! towns  = "towns.xlsx"                                          # first sheet; row 1 = column names
//! deep   = { file = "poverty.xlsx", sheet = "深度贫困村", header = 2 }
//! stats  = { file = "figures.csv" }                              # UTF-8 or GBK/GB18030
//! totals = { file = "poverty.xlsx", sheet = "汇总", cells = { people = "B3" } }
//! ```
//!
//! A table source becomes a list of rows, each a table keyed by the header cell's text; the
//! first entirely empty row ends the table. `cells` picks single cells into a table instead.
//! Paths are relative to the data file that declares the source. Cells keep their kind
//! ([`read::Cell`]); an empty cell is a missing fact. Every fact from a cell remembers its
//! place (`poverty.xlsx!深度贫困村!C7`), which [`crate::data::Data::location`] gives to
//! messages.

mod ods;
pub mod read;
mod xls;

use crate::diag::texts::data as texts;
use crate::diag::{Code, Text};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use toml::{Table, Value};

use crate::data::{split_path, Data, Seg};
use crate::diag::{Diagnostic, Diagnostics, Location};
use read::Cell;

/// What the sources added to the facts: places of cells and exact digits of numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetFacts {
    /// Fact path of a picked cell (`totals.people`) → its cell (`poverty.xlsx!汇总!B3`).
    pub cells: BTreeMap<String, String>,
    /// Fact path of a picked cell → the number as the sheet shows it (`41.00`, `11.89` for
    /// 11.89 %), for numbers with decimals, whose digits a float would not keep.
    pub numbers: BTreeMap<String, String>,
    /// The table sources, whose cells' places are computed from their paths.
    pub tables: Vec<SheetTable>,
    /// The sources read, in name order.
    pub read: Vec<SourceRead>,
    /// Each source's facts as the templates see them (exact digits included), built from the
    /// cells once; a source a `--set` changed has none and is converted from its TOML value.
    pub json: BTreeMap<String, serde_json::Value>,
}

/// A table source: where its rows and columns are on the sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetTable {
    /// The fact name (`deep`).
    pub name: String,
    /// File and sheet (`poverty.xlsx!深度贫困村`).
    pub place: String,
    /// The sheet row (0-based) of each fact row.
    pub rows: Vec<usize>,
    /// Column names and their sheet columns (0-based).
    pub columns: Vec<(String, usize)>,
    /// (fact row, column index) → the number as the sheet shows it, for numbers with decimals.
    pub digits: HashMap<(usize, usize), String>,
}

impl SheetFacts {
    /// The table source and (row, column index) a fact path names: `deep[3].人数`.
    fn table_cell(&self, path: &str) -> Option<(&SheetTable, usize, Option<usize>)> {
        let segs = split_path(path);
        let (Some(Seg::Key(name)), Some(Seg::Index(row))) = (segs.first(), segs.get(1)) else {
            return None;
        };
        let table = self.tables.iter().find(|t| t.name == *name)?;
        if *row >= table.rows.len() {
            return None;
        }
        match segs.get(2..) {
            Some([]) | None => Some((table, *row, None)),
            Some([Seg::Key(col)]) => {
                let c = table.columns.iter().position(|(n, _)| n == col)?;
                Some((table, *row, Some(c)))
            }
            _ => None,
        }
    }

    /// The cell a fact from a spreadsheet comes from (`poverty.xlsx!深度贫困村!C7`), or the
    /// cells of a row (`…!A7:E7`); `None` for facts not from a spreadsheet.
    pub fn place(&self, path: &str) -> Option<String> {
        if let Some(p) = self.cells.get(path) {
            return Some(p.clone());
        }
        let (table, row, col) = self.table_cell(path)?;
        let r = table.rows[row];
        Some(match col {
            Some(c) => format!("{}!{}", table.place, read::cell_name(r, table.columns[c].1)),
            None => {
                let first = table.columns.first().map_or(0, |c| c.1);
                let last = table.columns.last().map_or(0, |c| c.1);
                format!(
                    "{}!{}:{}",
                    table.place,
                    read::cell_name(r, first),
                    read::cell_name(r, last)
                )
            }
        })
    }

    /// The digits a spreadsheet shows for the number at `path` (`41.00`), when a float would
    /// not keep them.
    pub fn digits(&self, path: &str) -> Option<&str> {
        if let Some(n) = self.numbers.get(path) {
            return Some(n);
        }
        let (table, row, col) = self.table_cell(path)?;
        table.digits.get(&(row, col?)).map(String::as_str)
    }

    /// True when the top-level fact `name` is a spreadsheet source.
    pub fn is_source(&self, name: &str) -> bool {
        self.read.iter().any(|s| s.name == name)
    }

    /// Writes the digits the sheets show (41.00) into the facts as JSON, for the sources
    /// converted from their TOML values (those without [`SheetFacts::json`]).
    pub fn exact_numbers(&self, json: &mut serde_json::Value) {
        for (path, written) in &self.numbers {
            let segs = split_path(path);
            if matches!(segs.first(), Some(Seg::Key(k)) if self.json.contains_key(k)) {
                continue;
            }
            let slot = segs.into_iter().try_fold(&mut *json, |cur, seg| match seg {
                Seg::Key(k) => cur.get_mut(k.as_str()),
                Seg::Index(i) => cur.get_mut(i),
            });
            if let (Some(slot), Ok(n)) = (slot, written.parse()) {
                *slot = serde_json::Value::Number(n);
            }
        }
        for t in self
            .tables
            .iter()
            .filter(|t| !self.json.contains_key(&t.name))
        {
            let Some(serde_json::Value::Array(rows)) = json.get_mut(&t.name) else {
                continue;
            };
            for ((r, c), written) in &t.digits {
                let slot = rows
                    .get_mut(*r)
                    .and_then(|row| row.get_mut(&t.columns[*c].0));
                if let (Some(slot), Ok(n)) = (slot, written.parse()) {
                    *slot = serde_json::Value::Number(n);
                }
            }
        }
    }
}

/// One source that was read, for `huibao check`.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRead {
    /// The fact name (`deep`).
    pub name: String,
    /// The file, as found (relative to the declaring data file).
    pub file: PathBuf,
    /// File and sheet as places are written (`poverty.xlsx!深度贫困村`).
    pub place: String,
    /// Rows of a table source; `None` for a source of picked `cells`.
    pub rows: Option<usize>,
    /// Column names of a table source, or the names of picked cells.
    pub columns: Vec<String>,
    /// A CSV file's text encoding (`UTF-8`, `GBK/GB18030`); empty for workbooks.
    pub encoding: &'static str,
}

/// A declared source.
struct Decl {
    name: String,
    file: String,
    sheet: Option<String>,
    header: usize,
    cells: Option<Vec<(String, String)>>,
}

/// Reads every source declared in `data`'s `[sources]` table into its facts. Problems (a
/// missing file, an unknown sheet, a bad declaration) come back as diagnostics placed at the
/// declaration or at the cell.
pub fn load(data: &mut Data) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let decls = match data.table.get("sources") {
        None => return diags,
        Some(Value::Table(t)) => t.clone(),
        Some(_) => {
            diags.push(at_decl(
                data,
                "sources",
                Diagnostic::error(Code::Source, texts::sources_not_table()),
            ));
            return diags;
        }
    };
    for (name, v) in &decls {
        let decl = match declaration(name, v) {
            Ok(d) => d,
            Err(message) => {
                let key = format!("sources.{name}");
                diags.push(at_decl(
                    data,
                    &key,
                    Diagnostic::error(Code::Source, message),
                ));
                continue;
            }
        };
        if let Err(d) = load_one(data, &decl, &mut diags) {
            diags.push(d);
        }
    }
    diags
}

/// The diagnostic placed at the fact `path` in the data files.
fn at_decl(data: &Data, path: &str, d: Diagnostic) -> Diagnostic {
    let d = d.fact(path);
    match data.location(path) {
        Some(loc) => d.at(loc),
        None => d,
    }
}

fn declaration(name: &str, v: &Value) -> Result<Decl, Text> {
    let mut decl = Decl {
        name: name.to_string(),
        file: String::new(),
        sheet: None,
        header: 1,
        cells: None,
    };
    match v {
        Value::String(f) => decl.file = f.clone(),
        Value::Table(t) => {
            for (k, v) in t {
                match (k.as_str(), v) {
                    ("file", Value::String(f)) => decl.file = f.clone(),
                    ("sheet", Value::String(s)) => decl.sheet = Some(s.clone()),
                    ("header", Value::Integer(h)) if *h >= 1 => {
                        decl.header = usize::try_from(*h).unwrap_or(1)
                    }
                    ("cells", Value::Table(c)) => {
                        let mut picks = Vec::new();
                        for (key, r) in c {
                            let Value::String(r) = r else {
                                return Err(texts::source_cell_not_name(key));
                            };
                            picks.push((key.clone(), r.clone()));
                        }
                        decl.cells = Some(picks);
                    }
                    ("file" | "sheet" | "header" | "cells", _) => {
                        return Err(texts::source_wrong_kind(name, k))
                    }
                    (other, _) => return Err(texts::source_unknown_option(name, other)),
                }
            }
        }
        _ => return Err(texts::source_form(name)),
    }
    if decl.file.is_empty() {
        return Err(texts::source_no_file(name));
    }
    Ok(decl)
}

/// The folder of the data file that declared `sources.NAME` (the working folder for
/// `--set`).
fn base_dir(data: &Data, name: &str) -> PathBuf {
    let key = format!("sources.{name}");
    let origin = data
        .origins
        .get(&format!("{key}.file"))
        .or_else(|| data.origins.get(&key));
    origin
        .and_then(|o| data.sources.get(o.source))
        .filter(|s| !s.is_settings())
        .and_then(|s| s.name.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn load_one(data: &mut Data, decl: &Decl, diags: &mut Diagnostics) -> Result<(), Diagnostic> {
    let key = format!("sources.{}", decl.name);
    let path = base_dir(data, &decl.name).join(&decl.file);
    let grid = read::read(&path, decl.sheet.as_deref()).map_err(|reason| {
        at_decl(
            data,
            &key,
            Diagnostic::error(
                Code::SourceRead,
                texts::source_unreadable(path.display(), reason),
            ),
        )
    })?;
    let place = if grid.sheet.is_empty() {
        decl.file.clone()
    } else {
        format!("{}!{}", decl.file, grid.sheet)
    };
    if SETTING_OR_SOURCE.contains(&decl.name.as_str()) || has_toml_fact(data, &decl.name) {
        return Err(at_decl(
            data,
            &key,
            Diagnostic::error(Code::SourceName, texts::source_name_taken(&decl.name)),
        ));
    }
    let mut picks = Vec::new();
    for (k, r) in decl.cells.iter().flatten() {
        let Some(at) = read::parse_cell_name(r) else {
            return Err(at_decl(
                data,
                &format!("{key}.cells.{k}"),
                Diagnostic::error(Code::Source, texts::not_cell_name(r)),
            ));
        };
        picks.push((k.clone(), at));
    }
    let mut out = Loaded {
        place: &place,
        sheet: &mut data.sheets,
        diags,
    };
    let (value, json, rows, columns) = match &decl.cells {
        Some(_) => {
            let mut t = Table::new();
            let mut j = serde_json::Map::new();
            let mut names = Vec::new();
            for (k, (row, col)) in &picks {
                let (row, col) = (*row, *col);
                let path = format!("{}.{k}", decl.name);
                if let Some((v, json)) = out.value(grid.get(row, col), &path, row, col) {
                    t.insert(k.clone(), v);
                    j.insert(k.clone(), json);
                }
                names.push(k.clone());
            }
            (Value::Table(t), serde_json::Value::Object(j), None, names)
        }
        None => {
            let (rows, json, columns) = out.table(&grid, decl)?;
            let n = rows.len();
            (
                Value::Array(rows),
                serde_json::Value::Array(json),
                Some(n),
                columns,
            )
        }
    };
    let origin = data.origins.get(&key).cloned();
    data.table.insert(decl.name.clone(), value);
    data.sheets.json.insert(decl.name.clone(), json);
    if let Some(o) = origin {
        data.origins.insert(decl.name.clone(), o);
    }
    data.sheets.read.push(SourceRead {
        name: decl.name.clone(),
        file: path,
        place,
        rows,
        columns,
        encoding: grid.encoding,
    });
    Ok(())
}

/// Top-level names a source may not take.
const SETTING_OR_SOURCE: [&str; 5] = ["report", "style", "fonts", "sources", "checks"];

/// True when a data file (not `--set`, which may override a cell) already holds the fact
/// `name` or a fact inside it.
fn has_toml_fact(data: &Data, name: &str) -> bool {
    let (dot, idx) = (format!("{name}."), format!("{name}["));
    data.origins.iter().any(|(path, o)| {
        (path == name || path.starts_with(&dot) || path.starts_with(&idx))
            && data
                .sources
                .get(o.source)
                .is_some_and(|s| s.name != Path::new("--set"))
    })
}

/// A table source's rows as TOML and as JSON, and its column names.
type TableFacts = (Vec<Value>, Vec<serde_json::Value>, Vec<String>);

/// Turns cells into facts, recording places and digits.
struct Loaded<'a> {
    place: &'a str,
    sheet: &'a mut SheetFacts,
    diags: &'a mut Diagnostics,
}

/// A cell's fact, with the digits it shows when a float would lose them; `Err` for an error
/// cell (`#DIV/0!`), `None` for an empty one.
fn fact_of(cell: &Cell) -> Option<Result<(Value, Option<&str>), &str>> {
    Some(Ok(match cell {
        Cell::Empty => return None,
        Cell::Error(e) => return Some(Err(e)),
        Cell::Int(i) => (Value::Integer(*i), None),
        Cell::Decimal(t) | Cell::Percent(t) => (Value::Float(t.parse().unwrap_or(0.0)), Some(t)),
        Cell::Date(d) => (
            d.parse::<toml::value::Datetime>()
                .map_or_else(|_| Value::String(d.clone()), Value::Datetime),
            None,
        ),
        Cell::Text(t) => (Value::String(t.clone()), None),
        Cell::Bool(b) => (Value::Boolean(*b), None),
    }))
}

/// A cell's fact as the templates see it (what [`crate::data::to_json`] makes of its
/// [`fact_of`], with the digits the sheet shows); `None` for an empty or error cell.
fn json_of(cell: &Cell) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match cell {
        Cell::Empty | Cell::Error(_) => return None,
        Cell::Int(i) => J::from(*i),
        Cell::Decimal(t) | Cell::Percent(t) => match t.parse() {
            Ok(n) => J::Number(n),
            Err(_) => crate::data::to_json(&Value::Float(t.parse().unwrap_or(0.0))),
        },
        // A date is written YYYY-MM-DD, as TOML writes it back.
        Cell::Date(t) | Cell::Text(t) => J::String(t.clone()),
        Cell::Bool(b) => J::Bool(*b),
    })
}

/// The JSON rows of a table source: its sheet rows `rows`, keyed by column name.
fn json_rows(
    grid: &read::Grid,
    columns: &[(String, usize)],
    rows: std::ops::Range<usize>,
) -> Vec<serde_json::Value> {
    rows.map(|r| {
        serde_json::Value::Object(
            columns
                .iter()
                .filter_map(|(name, c)| Some((name.clone(), json_of(grid.get(r, *c))?)))
                .collect(),
        )
    })
    .collect()
}

impl Loaded<'_> {
    fn cell_place(&self, row: usize, col: usize) -> String {
        format!("{}!{}", self.place, read::cell_name(row, col))
    }

    /// An error cell is a warning at the cell, and a missing fact.
    fn error_cell(&mut self, e: &str, path: String, row: usize, col: usize) {
        let place = self.cell_place(row, col);
        self.diags.push(
            Diagnostic::warning(Code::WarnCellError, texts::cell_error(e))
                .fact(path)
                .at(Location::cell(&place)),
        );
    }

    /// The fact for one picked cell at `path`, as TOML and JSON; `None` for an empty or error
    /// cell.
    fn value(
        &mut self,
        cell: &Cell,
        path: &str,
        row: usize,
        col: usize,
    ) -> Option<(Value, serde_json::Value)> {
        self.sheet
            .cells
            .insert(path.to_string(), self.cell_place(row, col));
        match fact_of(cell)? {
            Err(e) => {
                self.error_cell(e, path.to_string(), row, col);
                None
            }
            Ok((v, digits)) => {
                if let Some(d) = digits {
                    self.sheet.numbers.insert(path.to_string(), d.to_string());
                }
                Some((v, json_of(cell)?))
            }
        }
    }

    /// A table source: the header row's texts name the columns; rows follow until an empty one.
    fn table(&mut self, grid: &read::Grid, decl: &Decl) -> Result<TableFacts, Diagnostic> {
        let h = decl.header - 1;
        let mut columns: Vec<(String, usize)> = Vec::new();
        let width = grid.rows.get(h).map_or(0, Vec::len);
        for c in 0..width {
            let name = match grid.get(h, c) {
                Cell::Empty => continue,
                Cell::Text(t) => t.clone(),
                Cell::Int(i) => i.to_string(),
                Cell::Decimal(t) | Cell::Date(t) | Cell::Error(t) => t.clone(),
                Cell::Percent(t) => format!("{t}%"),
                Cell::Bool(b) => b.to_string(),
            };
            if columns.iter().any(|(n, _)| *n == name) {
                return Err(
                    Diagnostic::error(Code::SourceHeader, texts::column_twice(&name))
                        .fact(decl.name.clone())
                        .at(Location::cell(&self.cell_place(h, c))),
                );
            }
            columns.push((name, c));
        }
        if columns.is_empty() {
            return Err(
                Diagnostic::error(Code::SourceHeader, texts::no_column_names(decl.header))
                    .fact(decl.name.clone())
                    .at(Location::cell(&self.cell_place(h, 0)))
                    .help(texts::header_help()),
            );
        }
        let mut table = SheetTable {
            name: decl.name.clone(),
            place: self.place.to_string(),
            ..SheetTable::default()
        };
        // The rows end at the first empty one.
        let end = (decl.header..grid.rows.len())
            .find(|&r| columns.iter().all(|(_, c)| *grid.get(r, *c) == Cell::Empty))
            .unwrap_or(grid.rows.len())
            .max(decl.header);
        // The facts as TOML (with places, digits and error cells) and as JSON, side by side.
        let (rows, json) = rayon::join(
            || {
                let mut rows = Vec::with_capacity(end - decl.header);
                for r in decl.header..end {
                    let i = rows.len();
                    let mut t = Table::new();
                    for (ci, (name, c)) in columns.iter().enumerate() {
                        match fact_of(grid.get(r, *c)) {
                            None => {}
                            Some(Err(e)) => {
                                self.error_cell(e, format!("{}[{i}].{name}", decl.name), r, *c)
                            }
                            Some(Ok((v, digits))) => {
                                if let Some(d) = digits {
                                    table.digits.insert((i, ci), d.to_string());
                                }
                                t.insert(name.clone(), v);
                            }
                        }
                    }
                    table.rows.push(r);
                    rows.push(Value::Table(t));
                }
                rows
            },
            || json_rows(grid, &columns, decl.header..end),
        );
        let names = columns.iter().map(|(n, _)| n.clone()).collect();
        table.columns = columns;
        self.sheet.tables.push(table);
        Ok((rows, json, names))
    }
}
