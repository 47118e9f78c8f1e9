//! The template gallery: the templates built into the binary, each with the kind of document it
//! writes, a one-line description and its example data (what `huibao init` lists and copies).
//!
//! The kind and the description are the template's own wording, in the three languages its
//! `template.toml` gives (`kind`, `kind_hant`, `kind_en`, and the same for `description`): a
//! Traditional wording it does not give is its Chinese converted with s2tw, an English one it does
//! not give is its Chinese as written. They are not catalog texts.

use crate::diag::Text;
use crate::template::{Manifest, BUILTIN};

/// One built-in template as the gallery shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The folder name, as `report.template` and `-t` name it.
    pub name: String,
    /// The kind of document (工作汇报, 情况报告 …), if the template declares one.
    pub kind: Option<Text>,
    /// The template's one-line description.
    pub description: Text,
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
                kind: manifest
                    .kind
                    .map(|zh| wording(zh, manifest.kind_hant, manifest.kind_en)),
                description: wording(
                    manifest.description.unwrap_or_default(),
                    manifest.description_hant,
                    manifest.description_en,
                ),
                example: manifest.example,
            })
        })
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// A template's wording in the three languages: the Chinese as written, its Traditional (else the
/// Chinese converted with s2tw, which leaves Traditional text as it is) and its English (else the
/// Chinese).
fn wording(zh: String, hant: Option<String>, en: Option<String>) -> Text {
    Text {
        hant: hant.unwrap_or_else(|| hanconv::s2tw(&zh)),
        en: en.unwrap_or_else(|| zh.clone()),
        hans: zh,
    }
}

/// The built-in template called `name`: by folder name, or by kind in any of its languages
/// (English in any case).
pub fn find(name: &str) -> Option<Entry> {
    let name = name.trim();
    entries().into_iter().find(|e| {
        e.name == name
            || e.kind.as_ref().is_some_and(|k| {
                k.hans == name || k.hant == name || k.en.eq_ignore_ascii_case(name)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_has_kind_description_and_example() {
        let all = entries();
        assert!(all.len() >= 6, "{all:?}");
        let hanzi = |t: &str| t.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c));
        for e in &all {
            let kind = e
                .kind
                .as_ref()
                .unwrap_or_else(|| panic!("{} has no kind", e.name));
            for t in [kind, &e.description] {
                assert!(!t.hans.is_empty(), "{} has no Chinese wording", e.name);
                // English of its own (not the Chinese shown again), Traditional in Taiwan forms.
                assert!(!t.en.is_empty() && !hanzi(&t.en), "{}: {:?}", e.name, t.en);
                assert_eq!(hanconv::s2tw(&t.hant), t.hant, "{}", e.name);
                assert_eq!(hanconv::t2s(&t.hant), t.hans, "{}", e.name);
            }
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
        // The kind in each language names the template.
        for kind in ["情況報告", "situation report", "Situation Report"] {
            assert_eq!(find(kind).map(|e| e.name), Some("qingkuang-baogao".into()));
        }
    }

    #[test]
    fn wording_not_given_is_converted_or_shown_as_written() {
        // A user's template with only the Chinese: Traditional converted, English as written.
        let t = wording("工作汇报".into(), None, None);
        assert_eq!(
            (t.hans.as_str(), t.hant.as_str(), t.en.as_str()),
            ("工作汇报", "工作彙報", "工作汇报")
        );
        // Given wordings are kept as written.
        let t = wording(
            "调研".into(),
            Some("調研報告".into()),
            Some("survey".into()),
        );
        assert_eq!(
            (t.hans.as_str(), t.hant.as_str(), t.en.as_str()),
            ("调研", "調研報告", "survey")
        );
    }
}
