//! The template gallery: the templates built into the binary, each with the kind of document it
//! writes, a one-line description and its example data (what `huibao init` lists and copies).

use crate::template::{Manifest, BUILTIN};

/// One built-in template as the gallery shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The folder name, as `report.template` and `-t` name it.
    pub name: String,
    /// The kind of document (工作汇报, 情况报告 …), if the template declares one.
    pub kind: Option<String>,
    /// The template's one-line description.
    pub description: String,
    /// Its example data inside the built-in `data/` folder, if any.
    pub example: Option<String>,
}

/// The built-in templates, in name order.
pub fn entries() -> Vec<Entry> {
    let mut v: Vec<Entry> = BUILTIN
        .dirs()
        .filter_map(|d| {
            let name = d.path().to_str()?.to_string();
            let manifest: Manifest = d
                .get_file(d.path().join("template.toml"))
                .and_then(|f| f.contents_utf8())
                .and_then(|t| toml::from_str(t).ok())
                .unwrap_or_default();
            Some(Entry {
                name,
                kind: manifest.kind,
                description: manifest.description.unwrap_or_default(),
                example: manifest.example,
            })
        })
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// The built-in template called `name`, by folder name or by kind.
pub fn find(name: &str) -> Option<Entry> {
    let name = name.trim();
    entries()
        .into_iter()
        .find(|e| e.name == name || e.kind.as_deref() == Some(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_has_kind_description_and_example() {
        let all = entries();
        assert!(all.len() >= 6, "{all:?}");
        for e in &all {
            assert!(e.kind.is_some(), "{} has no kind", e.name);
            assert!(!e.description.is_empty(), "{} has no description", e.name);
            let example = e.example.as_deref().unwrap_or_default();
            assert!(
                crate::render::BUILTIN_DATA.get_file(example).is_some(),
                "{}: example {example} is not in data/",
                e.name
            );
        }
        assert_eq!(
            find("情况报告").map(|e| e.name),
            Some("qingkuang-baogao".into())
        );
        assert_eq!(
            find("kepu-huibao").map(|e| e.name),
            Some("kepu-huibao".into())
        );
        assert_eq!(find("通知"), None);
    }
}
