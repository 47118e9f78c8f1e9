//! The number formats of an .ods sheet's cells, which calamine does not give: a numeric cell's
//! style (its own, else its row's or column's default) → the style's data style →
//! `number:decimal-places` and whether it is a `number:percentage-style`. Read from styles.xml
//! and content.xml in one pass each; cells are placed as calamine places them (repeated rows
//! and columns counted).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::read::Shape;

/// At most this many numeric cells get a shape (far above what calamine reads).
const MAX_CELLS: usize = 20_000_000;

/// A number style: its shape when it has a `number:number`, else the style it maps to.
#[derive(Debug, Default)]
struct NumberStyle {
    shape: Option<Shape>,
    map: Option<String>,
}

/// The cell styles and number styles of a document (styles.xml and content.xml together).
#[derive(Debug, Default)]
struct Styles {
    /// Cell style → (data style, parent style).
    cells: HashMap<String, (Option<String>, Option<String>)>,
    /// Number, percentage and currency styles by name.
    numbers: HashMap<String, NumberStyle>,
    /// The number style being read.
    open: Option<(String, NumberStyle, bool)>,
    /// Shapes already resolved, by cell style.
    resolved: HashMap<String, Shape>,
}

impl Styles {
    /// Reads a style element (start or empty); false when `e` is not one.
    fn element(&mut self, e: &BytesStart) -> bool {
        match e.name().as_ref() {
            "style:style" => {
                if attr(e, "style:family").as_deref() == Some("table-cell") {
                    if let Some(name) = attr(e, "style:name") {
                        let data = attr(e, "style:data-style-name");
                        let parent = attr(e, "style:parent-style-name");
                        self.cells.insert(name, (data, parent));
                    }
                }
            }
            tag @ ("number:number-style" | "number:percentage-style" | "number:currency-style") => {
                let percent = tag == "number:percentage-style";
                self.open = attr(e, "style:name").map(|n| (n, NumberStyle::default(), percent));
            }
            "number:number" => {
                if let Some((_, style, percent)) = &mut self.open {
                    let decimals = attr(e, "number:decimal-places").and_then(|d| d.parse().ok());
                    style.shape = Some(Shape {
                        decimals,
                        percent: *percent,
                    });
                }
            }
            "style:map" => {
                if let Some((_, style, _)) = &mut self.open {
                    if style.map.is_none() {
                        style.map = attr(e, "style:apply-style-name");
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// Ends a number style.
    fn end(&mut self, name: &str) {
        if matches!(
            name,
            "number:number-style" | "number:percentage-style" | "number:currency-style"
        ) {
            if let Some((n, style, _)) = self.open.take() {
                self.numbers.insert(n, style);
            }
        }
    }

    /// The shape cells of `style` show numbers in (General when it has no number format).
    fn shape(&mut self, style: &str) -> Shape {
        if let Some(s) = self.resolved.get(style) {
            return *s;
        }
        let shape = self.find(style).unwrap_or_default();
        self.resolved.insert(style.to_string(), shape);
        shape
    }

    fn find(&self, style: &str) -> Option<Shape> {
        let mut name = style;
        // A cell style inherits its parent's data style; a number style may map to another.
        for _ in 0..16 {
            let (data, parent) = self.cells.get(name)?;
            if let Some(data) = data {
                let mut n = data.as_str();
                for _ in 0..16 {
                    let s = self.numbers.get(n)?;
                    if let Some(shape) = s.shape {
                        return Some(shape);
                    }
                    n = s.map.as_deref()?;
                }
                return None;
            }
            name = parent.as_deref()?;
        }
        None
    }
}

/// The unescaped value of attribute `key` of `e`.
fn attr(e: &BytesStart, key: &str) -> Option<String> {
    let a = e.try_get_attribute(key).ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// A count attribute (`table:number-rows-repeated`), 1 when absent.
fn repeats(e: &BytesStart, key: &str) -> usize {
    attr(e, key)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

/// The shape of each numeric cell of `sheet` in the .ods file at `path` whose number format
/// is not General, by 0-based (row, column). A file whose styles cannot be read gives none:
/// its numbers then show as stored, as calamine read them.
pub fn shapes(path: &Path, sheet: &str) -> HashMap<(u32, u32), Shape> {
    read_shapes(path, sheet).unwrap_or_default()
}

fn read_shapes(path: &Path, sheet: &str) -> Option<HashMap<(u32, u32), Shape>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let mut styles = Styles::default();
    // styles.xml holds the named styles (and their data styles) content.xml's cells inherit.
    if let Ok(file) = zip.by_name("styles.xml") {
        read_styles(BufReader::new(file), &mut styles)?;
    }
    let content = zip.by_name("content.xml").ok()?;
    read_content(BufReader::new(content), sheet, &mut styles)
}

fn read_styles<R: BufRead>(input: R, styles: &mut Styles) -> Option<()> {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) => {
                styles.element(&e);
            }
            Event::End(e) => styles.end(e.name().as_ref()),
            Event::Eof => return Some(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Where the reading of content.xml is in the sheet.
#[derive(Default)]
struct Place {
    /// Inside the wanted table; nested tables (in cells) are counted, not read.
    inside: bool,
    nested: usize,
    row: usize,
    row_repeats: usize,
    row_style: Option<String>,
    col: usize,
    /// Column default styles as runs: (first column after the run, style).
    columns: Vec<(usize, Option<String>)>,
}

impl Place {
    fn column_style(&self, col: usize) -> Option<&str> {
        self.columns
            .iter()
            .find(|(end, _)| col < *end)
            .and_then(|(_, s)| s.as_deref())
    }
}

fn read_content<R: BufRead>(
    input: R,
    sheet: &str,
    styles: &mut Styles,
) -> Option<HashMap<(u32, u32), Shape>> {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut at = Place::default();
    let mut shapes = HashMap::new();
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.name().as_ref() {
                    "table:table" if at.nested > 0 => at.nested -= 1,
                    "table:table" if at.inside => return Some(shapes),
                    "table:table-row" if at.inside && at.nested == 0 => {
                        at.row = at.row.saturating_add(at.row_repeats);
                    }
                    name => styles.end(name),
                }
                buf.clear();
                continue;
            }
            Event::Eof => return Some(shapes),
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            "table:table" if !empty => {
                if at.inside {
                    at.nested += 1;
                } else if attr(&e, "table:name").as_deref() == Some(sheet) {
                    at.inside = true;
                }
            }
            _ if !at.inside || at.nested > 0 => {
                styles.element(&e);
            }
            "table:table-column" => {
                let end = at.columns.last().map_or(0, |c| c.0);
                let n = repeats(&e, "table:number-columns-repeated");
                let style = attr(&e, "table:default-cell-style-name");
                at.columns.push((end.saturating_add(n), style));
            }
            "table:table-row" => {
                at.row_repeats = repeats(&e, "table:number-rows-repeated");
                at.row_style = attr(&e, "table:default-cell-style-name");
                at.col = 0;
                if empty {
                    at.row = at.row.saturating_add(at.row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = repeats(&e, "table:number-columns-repeated");
                let kind = attr(&e, "office:value-type");
                if matches!(kind.as_deref(), Some("float" | "percentage" | "currency")) {
                    let style = attr(&e, "table:style-name")
                        .or_else(|| at.row_style.clone())
                        .or_else(|| at.column_style(at.col).map(str::to_string))
                        .unwrap_or_else(|| "Default".to_string());
                    let mut shape = styles.shape(&style);
                    shape.percent |= kind.as_deref() == Some("percentage");
                    if shape != Shape::default() {
                        for r in at.row..at.row.saturating_add(at.row_repeats) {
                            for c in at.col..at.col.saturating_add(n) {
                                if shapes.len() >= MAX_CELLS {
                                    return Some(shapes);
                                }
                                let pos = (u32::try_from(r).ok()?, u32::try_from(c).ok()?);
                                shapes.insert(pos, shape);
                            }
                        }
                    }
                }
                at.col = at.col.saturating_add(n);
            }
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<office:document-styles><office:styles>
        <number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2"/></number:number-style>
        <style:style style:name="Two" style:family="table-cell" style:data-style-name="N2"/>
        </office:styles></office:document-styles>"#;

    const CONTENT: &str = r#"<office:document-content><office:automatic-styles>
        <number:percentage-style style:name="N11"><number:number number:decimal-places="1"/><number:text>%</number:text></number:percentage-style>
        <number:number-style style:name="N3P0"><number:number number:decimal-places="3"/></number:number-style>
        <number:number-style style:name="N3"><style:map style:condition="value()&gt;=0" style:apply-style-name="N3P0"/></number:number-style>
        <style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Two"/>
        <style:style style:name="ce2" style:family="table-cell" style:data-style-name="N11"/>
        <style:style style:name="ce3" style:family="table-cell" style:data-style-name="N3"/>
        </office:automatic-styles><office:body><office:spreadsheet>
        <table:table table:name="other"><table:table-row><table:table-cell table:style-name="ce2" office:value-type="float" office:value="1"/></table:table-row></table:table>
        <table:table table:name="a&amp;b">
        <table:table-column table:number-columns-repeated="2"/><table:table-column table:default-cell-style-name="ce3"/>
        <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
        <table:table-row>
          <table:table-cell table:style-name="ce1" office:value-type="float" office:value="41"><text:p>41.00</text:p></table:table-cell>
          <table:covered-table-cell/>
          <table:table-cell office:value-type="float" office:value="2"/>
        </table:table-row>
        <table:table-row table:number-rows-repeated="2">
          <table:table-cell table:style-name="ce2" table:number-columns-repeated="2" office:value-type="percentage" office:value="0.125"/>
          <table:table-cell office:value-type="percentage" office:value="0.5"/>
        </table:table-row>
        </table:table></office:spreadsheet></office:body></office:document-content>"#;

    #[test]
    fn cells_get_their_styles_number_format() {
        let mut styles = Styles::default();
        read_styles(STYLES.as_bytes(), &mut styles).unwrap();
        let shapes = read_content(CONTENT.as_bytes(), "a&b", &mut styles).unwrap();
        let two = Shape {
            decimals: Some(2),
            percent: false,
        };
        let pct1 = Shape {
            decimals: Some(1),
            percent: true,
        };
        let mut want = HashMap::from([
            ((2, 0), two),
            (
                (2, 2),
                Shape {
                    decimals: Some(3),
                    percent: false,
                },
            ),
            // The column's default style gives 3 decimals; the value type makes it per cent.
            (
                (3, 2),
                Shape {
                    decimals: Some(3),
                    percent: true,
                },
            ),
        ]);
        want.insert((4, 2), want[&(3, 2)]);
        for (r, c) in [(3, 0), (3, 1), (4, 0), (4, 1)] {
            want.insert((r, c), pct1);
        }
        assert_eq!(shapes, want);
    }
}
