//! The catalog's texts, by section: every sentence huibao prints, in Simplified Chinese,
//! Traditional Chinese and English (see [`super::text`] for how a text is declared and built).
//!
//! The Traditional column is the Simplified one in Taiwan forms (為、眾, as Hong Kong also writes
//! most of them); a test holds every entry to that, so a wording changed in one column is changed
//! in the other.

pub mod args;
pub mod cli;
pub mod common;
pub mod data;
pub mod output;
pub mod template;

#[cfg(test)]
use super::text::Entry;

/// Every section of the catalog with its declarations (for the catalog's tests).
#[cfg(test)]
pub const SECTIONS: &[(&str, &[Entry])] = &[
    ("common", common::ENTRIES),
    ("data", data::ENTRIES),
    ("template", template::ENTRIES),
    ("output", output::ENTRIES),
    ("cli", cli::ENTRIES),
    ("args", args::ENTRIES),
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The `{name}` parameters a template uses (doubled braces are literal).
    fn params(template: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let t = template.replace("{{", "").replace("}}", "");
        let mut rest = t.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            out.insert(rest[open + 1..open + close].to_string());
            rest = &rest[open + close + 1..];
        }
        out
    }

    #[test]
    fn every_entry_has_three_matching_languages() {
        let mut names = BTreeSet::new();
        let mut total = 0;
        for (section, entries) in SECTIONS {
            for e in *entries {
                total += 1;
                assert!(
                    names.insert((section, e.name)),
                    "{section}::{} twice",
                    e.name
                );
                for t in [e.hans, e.hant, e.en] {
                    assert!(
                        !t.trim().is_empty(),
                        "{section}::{} has an empty text",
                        e.name
                    );
                }
                // Every language says the same things; only an English gloss of a Chinese word
                // (`{gloss}`) is left out of the English.
                let p = params(e.hans);
                assert_eq!(params(e.hant), p, "{section}::{} (繁體)", e.name);
                let mut without_gloss = p.clone();
                without_gloss.remove("gloss");
                let en = params(e.en);
                assert!(
                    en == p || en == without_gloss,
                    "{section}::{} (English)",
                    e.name
                );
                // The Traditional column is the Simplified one in Taiwan forms.
                assert_eq!(
                    hanconv::s2tw(e.hans),
                    e.hant,
                    "{section}::{}: the Traditional text is not the Simplified one converted",
                    e.name
                );
                // English has no hanzi of its own; a Chinese term it quotes is in brackets.
                let bare: String = {
                    let mut depth = 0i32;
                    e.en.chars()
                        .filter(|&c| {
                            match c {
                                '“' | '（' | '(' | '`' if depth == 0 => depth += 1,
                                '”' | '）' | ')' if depth > 0 => depth -= 1,
                                '`' => depth -= 1,
                                _ => {}
                            }
                            depth == 0
                        })
                        .collect()
                };
                assert!(
                    !bare.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{section}::{}: English text with bare hanzi: {}",
                    e.name,
                    e.en
                );
            }
        }
        assert!(total > 0);
    }
}
