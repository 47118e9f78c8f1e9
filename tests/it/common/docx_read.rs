//! Reading a .docx back for the DOCX tests: unzip the parts (zip 9) and parse each XML part into
//! a small element tree (quick-xml) that tests can query by name and attribute.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

/// Every part of the package, path → text, in archive order (names kept in a Vec too).
pub struct Package {
    /// Part texts by path.
    pub parts: BTreeMap<String, String>,
    /// Part paths in archive order.
    pub order: Vec<String>,
}

/// Unzips `bytes`; panics (test failure) on a broken archive or non-UTF-8 part.
pub fn unzip(bytes: &[u8]) -> Package {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("docx is a zip");
    let mut parts = BTreeMap::new();
    let mut order = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("zip entry");
        let mut s = String::new();
        f.read_to_string(&mut s).expect("utf-8 part");
        let name = f.name().expect("entry name").to_string();
        order.push(name.clone());
        parts.insert(name, s);
    }
    Package { parts, order }
}

impl Package {
    /// The parsed part at `path`.
    pub fn xml(&self, path: &str) -> El {
        parse(
            self.parts
                .get(path)
                .unwrap_or_else(|| panic!("missing part {path}")),
        )
    }
}

/// An XML element: qualified name, attributes, children in order.
#[derive(Debug, Clone, Default)]
pub struct El {
    /// Qualified name, e.g. "w:p".
    pub name: String,
    /// Attributes, qualified names, unescaped values.
    pub attrs: Vec<(String, String)>,
    /// Child elements and text.
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub enum Node {
    /// A nested element.
    El(El),
    /// Unescaped text.
    Text(String),
}

/// Parses a whole XML document; panics (test failure) when it is not well-formed.
pub fn parse(xml: &str) -> El {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(Node::El(el));
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(Node::El(el));
            }
            Event::Text(t) => {
                let s = t.xml10_content().into_owned();
                stack.last_mut().unwrap().children.push(Node::Text(s));
            }
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref().expect("char ref") {
                    Some(c) => c.to_string(),
                    None => match r.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("unknown entity {other}"),
                    },
                };
                stack.last_mut().unwrap().children.push(Node::Text(s));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let root = stack.pop().unwrap();
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
        .expect("a root element")
}

fn element(e: &quick_xml::events::BytesStart) -> El {
    El {
        name: String::from_utf8_lossy(e.name().as_ref().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("attribute");
                (
                    String::from_utf8_lossy(a.key.as_ref().as_ref()).into_owned(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("attribute value")
                        .into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
    }
}

impl El {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Direct child elements.
    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first direct child named `name`.
    pub fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// All descendants named `name`, in document order.
    pub fn all(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        self.collect(name, &mut out);
        out
    }

    fn collect<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.collect(name, out);
        }
    }

    /// The first descendant named `name`.
    pub fn find(&self, name: &str) -> Option<&El> {
        self.all(name).into_iter().next()
    }

    /// All text below this element, `w:tab` as a tab and `w:br` as a newline.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => s.push_str(t),
                Node::El(e) if e.name == "w:tab" => s.push('\t'),
                Node::El(e) if e.name == "w:br" => s.push('\n'),
                Node::El(e) if e.name == "w:instrText" => {}
                Node::El(e) => s.push_str(&e.text()),
            }
        }
        s
    }

    /// The `w:val` of the paragraph's or run's property child `prop` (e.g. "w:pStyle").
    pub fn prop(&self, props: &str, prop: &str) -> Option<&El> {
        self.child(props).and_then(|p| p.child(prop))
    }
}

/// The paragraph style of `p`, "Normal" when none is named.
pub fn style_of(p: &El) -> String {
    p.prop("w:pPr", "w:pStyle")
        .and_then(|s| s.attr("w:val"))
        .unwrap_or("Normal")
        .to_string()
}

/// The `w:style` element with id `id` in styles.xml.
pub fn style<'a>(styles: &'a El, id: &str) -> &'a El {
    styles
        .all("w:style")
        .into_iter()
        .find(|s| s.attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}
