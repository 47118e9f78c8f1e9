//! A minimal XML element tree for the post-processing step in [`super::patch`]: parses the
//! parts docx-rs writes, lets the patch move, insert and drop elements, and writes them back.
//!
//! Text and attribute values are kept exactly as they were escaped in the source, so a part
//! that the patch does not touch round-trips unchanged except for insignificant whitespace in
//! tags (`<w:b />` becomes `<w:b/>`). Only what WordprocessingML parts contain is supported:
//! one prolog, elements, attributes, text, comments; no DTDs.
//!
//! Names, attributes and text borrow from the parsed source (a report's parts hold thousands of
//! elements: allocating each name and value was a third of the patch's time); what the patch
//! adds or changes is owned.

use std::borrow::Cow;

/// A child of an element.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    /// A nested element.
    El(El<'a>),
    /// Text, still escaped as in the source.
    Text(Cow<'a, str>),
}

/// One element: qualified name, attributes (values still escaped), children in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct El<'a> {
    /// Qualified name, e.g. `w:pPr`.
    pub name: Cow<'a, str>,
    /// Attributes in source order; values escaped.
    pub attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// Child nodes.
    pub children: Vec<Node<'a>>,
}

/// A parsed part: what precedes the root element (XML declaration) and the root.
#[derive(Debug, Clone, PartialEq)]
pub struct Part<'a> {
    /// The XML declaration (or nothing).
    pub prolog: Cow<'a, str>,
    /// The root element.
    pub root: El<'a>,
}

impl<'a> El<'a> {
    /// A new element with escaped attribute values `attrs` and no children.
    pub fn new(name: &str, attrs: &[(&str, &str)]) -> El<'a> {
        El {
            name: Cow::Owned(name.to_string()),
            attrs: attrs
                .iter()
                .map(|(k, v)| (Cow::Owned(k.to_string()), Cow::Owned(v.to_string())))
                .collect(),
            children: Vec::new(),
        }
    }

    /// The (escaped) value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_ref())
    }

    /// Sets attribute `name` to the escaped `value`, replacing an existing one in place.
    pub fn set_attr(&mut self, name: &str, value: &str) {
        match self.attrs.iter_mut().find(|(k, _)| k == name) {
            Some((_, v)) => *v = Cow::Owned(value.to_string()),
            None => self
                .attrs
                .push((Cow::Owned(name.to_string()), Cow::Owned(value.to_string()))),
        }
    }

    /// Direct child elements.
    pub fn elements(&self) -> impl Iterator<Item = &El<'a>> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Direct child elements, mutable.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut El<'a>> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first direct child named `name`, mutable.
    pub fn child_mut(&mut self, name: &str) -> Option<&mut El<'a>> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// Appends `child` unless a child of the same name exists already.
    pub fn ensure(&mut self, child: El<'a>) {
        if self.elements().all(|e| e.name != child.name) {
            self.children.push(Node::El(child));
        }
    }

    /// Removes the direct children for which `drop` is true; returns them in order. `drop` is
    /// asked once per child; the children are left in place when it takes none.
    pub fn take(&mut self, mut drop: impl FnMut(&El<'a>) -> bool) -> Vec<El<'a>> {
        let first = self
            .children
            .iter()
            .position(|n| matches!(n, Node::El(e) if drop(e)));
        let Some(first) = first else {
            return Vec::new();
        };
        let rest = self.children.split_off(first + 1);
        let mut taken = Vec::new();
        if let Some(Node::El(e)) = self.children.pop() {
            taken.push(e);
        }
        for n in rest {
            match n {
                Node::El(e) if drop(&e) => taken.push(e),
                n => self.children.push(n),
            }
        }
        taken
    }

    /// Calls `f` on this element and every descendant element, parents first.
    pub fn walk_mut(&mut self, f: &mut impl FnMut(&mut El<'a>)) {
        f(self);
        for e in self.elements_mut() {
            e.walk_mut(f);
        }
    }

    /// Stable-sorts the child elements by the position of their name in `order`; names not
    /// listed go last, keeping their relative order. Children already in order (as most are)
    /// are left as they are.
    pub fn sort_children(&mut self, order: &[&str]) {
        let rank = |n: &Node<'_>| match n {
            Node::El(e) => order
                .iter()
                .position(|o| *o == e.name)
                .unwrap_or(order.len()),
            Node::Text(_) => order.len(),
        };
        let ranks: Vec<usize> = self.children.iter().map(rank).collect();
        if ranks.windows(2).all(|w| w[0] <= w[1]) {
            return;
        }
        let mut ranked: Vec<(usize, Node<'a>)> =
            ranks.into_iter().zip(self.children.drain(..)).collect();
        ranked.sort_by_key(|(r, _)| *r);
        self.children = ranked.into_iter().map(|(_, n)| n).collect();
    }

    /// The element owning all its text, free of the source it was parsed from.
    pub fn into_owned(self) -> El<'static> {
        let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
        El {
            name: own(self.name),
            attrs: self
                .attrs
                .into_iter()
                .map(|(k, v)| (own(k), own(v)))
                .collect(),
            children: self
                .children
                .into_iter()
                .map(|n| match n {
                    Node::El(e) => Node::El(e.into_owned()),
                    Node::Text(t) => Node::Text(own(t)),
                })
                .collect(),
        }
    }

    /// The element as XML text.
    pub fn to_xml(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (k, v) in &self.attrs {
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            if v.contains('"') {
                out.push_str(&v.replace('"', "&quot;"));
            } else {
                out.push_str(v);
            }
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for n in &self.children {
            match n {
                Node::El(e) => e.write(out),
                Node::Text(t) => out.push_str(t),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

impl Part<'_> {
    /// The part as text: prolog, then the root element.
    pub fn to_xml(&self) -> String {
        let mut out = String::with_capacity(self.prolog.len() + 64 * 1024);
        out.push_str(&self.prolog);
        self.root.write(&mut out);
        out
    }

    /// The part owning all its text, free of the source it was parsed from.
    pub fn into_owned(self) -> Part<'static> {
        Part {
            prolog: Cow::Owned(self.prolog.into_owned()),
            root: self.root.into_owned(),
        }
    }
}

/// The text an escaped text node or attribute value stands for: the five predefined entities
/// and character references decoded; anything else (a stray `&`) kept as it is.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').and_then(|end| {
            let c = match &rest[1..end] {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                r => r
                    .strip_prefix("#x")
                    .map(|h| u32::from_str_radix(h, 16))
                    .or_else(|| r.strip_prefix('#').map(str::parse))
                    .and_then(Result::ok)
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parses a part. Errors name the byte offset of the problem.
pub fn parse(xml: &str) -> Result<Part<'_>, String> {
    let mut prolog = Cow::Borrowed("");
    let mut stack: Vec<El> = vec![El::default()];
    let mut rest = xml;
    let offset = |rest: &str| xml.len() - rest.len();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<?") {
            let end = after
                .find("?>")
                .ok_or_else(|| format!("unterminated <? at {}", offset(rest)))?;
            if stack.len() == 1 && prolog.is_empty() {
                prolog = Cow::Borrowed(&rest[..end + 4]);
            }
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            let end = after
                .find("-->")
                .ok_or_else(|| format!("unterminated comment at {}", offset(rest)))?;
            rest = &after[end + 3..];
        } else if let Some(after) = rest.strip_prefix("</") {
            let end = after
                .find('>')
                .ok_or_else(|| format!("unterminated end tag at {}", offset(rest)))?;
            let name = after[..end].trim();
            let open = stack.len() > 1 && stack.last().is_some_and(|e| e.name == name);
            match (open, stack.pop()) {
                (true, Some(el)) => {
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push(Node::El(el));
                    }
                }
                _ => return Err(format!("unexpected </{name}> at {}", offset(rest))),
            }
            rest = &after[end + 1..];
        } else if rest.starts_with('<') {
            let (el, closed, len) =
                start_tag(rest).ok_or_else(|| format!("bad start tag at {}", offset(rest)))?;
            if closed {
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::El(el));
                }
            } else {
                stack.push(el);
            }
            rest = &rest[len..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            if stack.len() > 1 {
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Text(Cow::Borrowed(text)));
                }
            } else if !text.trim().is_empty() {
                return Err(format!("text outside the root at {}", offset(rest)));
            }
            rest = &rest[end..];
        }
    }
    let mut doc = stack.pop().filter(|_| stack.is_empty());
    let root = doc
        .as_mut()
        .and_then(|d| d.take(|_| true).into_iter().next())
        .ok_or_else(|| "no root element or unclosed elements".to_string())?;
    Ok(Part { prolog, root })
}

/// Parses `<name a="v" …>` or `<name …/>` at the start of `s`: the element, whether it is
/// self-closing, and the length of the tag in bytes.
fn start_tag(s: &str) -> Option<(El<'_>, bool, usize)> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let name_end = s[1..]
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .map(|p| p + 1)?;
    let mut el = El {
        name: Cow::Borrowed(&s[1..name_end]),
        ..El::default()
    };
    if el.name.is_empty() {
        return None;
    }
    i = i.max(name_end);
    loop {
        while bytes.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some((el, false, i + 1)),
            b'/' => return (bytes.get(i + 1)? == &b'>').then_some((el, true, i + 2)),
            _ => {
                let eq = s[i..].find('=')? + i;
                let key = Cow::Borrowed(s[i..eq].trim());
                let mut j = eq + 1;
                while bytes.get(j)?.is_ascii_whitespace() {
                    j += 1;
                }
                let quote = *bytes.get(j)?;
                if quote != b'"' && quote != b'\'' {
                    return None;
                }
                let close = s[j + 1..].find(quote as char)? + j + 1;
                el.attrs.push((key, Cow::Borrowed(&s[j + 1..close])));
                i = close + 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_parts_and_normalises_empty_tags() {
        let src = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:p w14:paraId="1" a='x"y'><w:r><w:rPr /><w:t xml:space="preserve">A&amp;B &lt;x&gt; “引”</w:t></w:r><!-- c --></w:p>"#;
        let p = parse(src).unwrap();
        assert_eq!(
            p.to_xml(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:p w14:paraId="1" a="x&quot;y"><w:r><w:rPr/><w:t xml:space="preserve">A&amp;B &lt;x&gt; “引”</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn unescapes_entities_and_character_references() {
        assert_eq!(
            unescape("A&amp;lt;B &lt;x&gt; &quot;&apos; &#x41;&#66; & &bogus;"),
            "A&lt;B <x> \"' AB & &bogus;"
        );
    }

    #[test]
    fn rejects_broken_xml_without_panicking() {
        for bad in [
            "",
            "<a>",
            "<a></b>",
            "</a>",
            "<a x=1/>",
            "<a>t</a>x<b/>",
            "<?x",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn take_removes_matching_children_in_order_and_keeps_the_rest() {
        let mut p = parse("<r>t<a n='1'/><b/><a n='2'/>u<c/></r>").unwrap();
        let mut asked = 0;
        let taken = p.root.take(|e| {
            asked += 1;
            e.name == "a"
        });
        assert_eq!(asked, 4, "once per child element");
        let names: Vec<String> = taken.iter().map(El::to_xml).collect();
        assert_eq!(names, [r#"<a n="1"/>"#, r#"<a n="2"/>"#]);
        assert_eq!(p.to_xml(), "<r>t<b/>u<c/></r>");
        assert!(p.root.take(|e| e.name == "x").is_empty());
        assert_eq!(p.to_xml(), "<r>t<b/>u<c/></r>");
    }

    #[test]
    fn sorts_children_stably_by_schema_order() {
        let mut p = parse("<r><c/><x/><a/><b n='1'/><b n='2'/></r>").unwrap();
        p.root.sort_children(&["a", "b", "c"]);
        assert_eq!(p.to_xml(), r#"<r><a/><b n="1"/><b n="2"/><c/><x/></r>"#);
    }
}
