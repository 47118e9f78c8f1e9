//! Simplified ⇄ Traditional conversion of whole texts, phrase by phrase.
//!
//! A report is written once and printed in either script (`report.script`, `--script`). The
//! conversion uses the `hanconv` crate, which carries OpenCC's phrase dictionaries (盧氏縣 ⇄ 卢氏县,
//! 乾淨 → 干净 but 幹部 → 干部) and matched the `opencc` tool character for character on the
//! source report (see `tests/zh_source.rs`).
//!
//! Traditional Chinese is written to more than one standard of character forms: OpenCC's own
//! (爲、衆、啓, what `opencc -c s2t` writes), Taiwan's (為、眾、啟, `s2tw`) and Hong Kong's (為、眾、
//! 啓/啟…, `s2hk`). Each is a [`Script`]. A text already in the wanted script is left exactly as
//! written; a text in another Traditional standard goes through Simplified, so that the result is
//! the text OpenCC writes for the report in the wanted standard.

use std::collections::HashSet;
use std::sync::OnceLock;

use hanconv::RawDictionary;
use serde::Deserialize;

/// A Chinese script: Simplified (`hans`) or Traditional in one of three standards of forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(try_from = "String")]
pub enum Script {
    /// Simplified Chinese (简体), the default.
    #[default]
    Hans,
    /// Traditional Chinese (繁體), OpenCC standard forms (爲、衆、啓).
    Hant,
    /// Traditional Chinese, Taiwan standard forms (為、眾、啟).
    HantTw,
    /// Traditional Chinese, Hong Kong standard forms (為、眾、啓).
    HantHk,
}

/// Every script with its name, in the order they are offered to users.
pub const SCRIPTS: [(Script, &str); 4] = [
    (Script::Hans, "hans"),
    (Script::Hant, "hant"),
    (Script::HantTw, "hant-tw"),
    (Script::HantHk, "hant-hk"),
];

impl Script {
    /// The script named `name` (`"hans"`, `"hant"`, `"hant-tw"`, `"hant-hk"`, any case, `_` for
    /// `-`), if it is one.
    pub fn from_name(name: &str) -> Option<Script> {
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        SCRIPTS.iter().find(|(_, n)| *n == name).map(|(s, _)| *s)
    }

    /// The name used in data files and on the command line.
    pub fn name(self) -> &'static str {
        SCRIPTS
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("hans", |(_, n)| n)
    }

    /// Whether this is one of the Traditional scripts.
    pub fn is_traditional(self) -> bool {
        self != Script::Hans
    }
}

impl TryFrom<String> for Script {
    type Error = String;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        Script::from_name(&name)
            .ok_or_else(|| format!("unknown script `{name}`: use hans, hant, hant-tw or hant-hk"))
    }
}

/// `text`, whatever script it is in, converted to `to` (OpenCC `t2s`, `s2t`, `s2tw`, `s2hk`).
///
/// Simplified text converted to Hans comes back unchanged; Traditional text converted to a
/// Traditional script may change where its forms differ from that standard (see [`convert_from`]).
pub fn convert(text: &str, to: Script) -> String {
    match to {
        Script::Hans => hanconv::t2s(text),
        Script::Hant => hanconv::s2t(text),
        Script::HantTw => hanconv::s2tw(text),
        Script::HantHk => hanconv::s2hk(text),
    }
}

/// `text`, written in `from`, converted to `to`; unchanged when `from == to`.
///
/// Use this when the source script is known (a template written in Traditional printed in the
/// same Traditional standard must keep its characters exactly). Between two Traditional
/// standards the text goes through Simplified: `to`'s text is then exactly what OpenCC writes
/// for the Simplified text, which OpenCC's one-way variant tables (`hk2t`, `tw2t`) do not give.
pub fn convert_from(text: &str, from: Script, to: Script) -> String {
    if from == to {
        return text.to_string();
    }
    let simplified = match from {
        Script::Hans => text.to_string(),
        Script::Hant => hanconv::t2s(text),
        Script::HantTw => hanconv::tw2s(text),
        Script::HantHk => hanconv::hk2s(text),
    };
    convert(&simplified, to)
}

/// A fact `text` of unknown script made ready for a template written in `to`, so that the
/// rendered text is in one script. To Simplified: converted when it has a character OpenCC's
/// t2s changes. To a Traditional script: kept exactly when it has a Traditional-only character
/// and no Simplified-only one (written in Traditional: 馬主席, 群眾); converted otherwise — a
/// Simplified-only character (马) or no telling character at all (今后三年 → 今後三年, where 今,
/// 后, 三, 年 are also Traditional characters). The checks use OpenCC's character tables only;
/// the phrase tables are loaded when a conversion is needed.
pub fn convert_fact(text: &str, to: Script) -> String {
    if fact_needs_conversion(text, to) {
        convert(text, to)
    } else {
        text.to_string()
    }
}

/// True when [`convert_fact`] changes `text` for a template written in `to` (without
/// converting it).
pub fn fact_needs_conversion(text: &str, to: Script) -> bool {
    let tables = tables();
    if to == Script::Hans {
        text.chars().any(|c| tables.traditional.contains(c))
    } else {
        text.chars().any(|c| tables.simplified_only.contains(c))
            || (!text.chars().any(|c| tables.traditional.contains(c))
                && text.chars().any(|c| tables.s2t_changes.contains(c)))
    }
}

/// A set of characters as one bit per code point: a lookup is a shift, which matters for the
/// tens of thousands of facts a spreadsheet source holds.
struct CharSet(Vec<u64>);

impl CharSet {
    fn contains(&self, c: char) -> bool {
        let i = c as usize;
        self.0.get(i / 64).is_some_and(|w| (w >> (i % 64)) & 1 == 1)
    }
}

impl<'a> FromIterator<&'a char> for CharSet {
    fn from_iter<I: IntoIterator<Item = &'a char>>(chars: I) -> CharSet {
        let mut bits = Vec::new();
        for &c in chars {
            let i = c as usize;
            if bits.len() <= i / 64 {
                bits.resize(i / 64 + 1, 0u64);
            }
            bits[i / 64] |= 1 << (i % 64);
        }
        CharSet(bits)
    }
}

/// Characters that tell a text's script, from OpenCC's character tables.
struct Tables {
    /// Characters t2s changes (its table's keys).
    traditional: CharSet,
    /// Characters s2t's character table changes by default (a text without any reads the same
    /// in both scripts, but for rare phrases such as 合家 → 閤家).
    s2t_changes: CharSet,
    /// Of those, the ones no Traditional standard writes.
    simplified_only: CharSet,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let single = |s: &str| {
            let mut it = s.chars();
            it.next().filter(|_| it.next().is_none())
        };
        let traditional: HashSet<char> = RawDictionary::TSCharacters
            .var_iter()
            .filter(|(k, v)| v.iter().any(|v| v != k))
            .filter_map(|(k, _)| single(k))
            .collect();
        let written_traditional: HashSet<char> = [
            RawDictionary::STCharacters,
            RawDictionary::TWVariants,
            RawDictionary::HKVariants,
        ]
        .iter()
        .flat_map(|d| d.var_iter())
        .flat_map(|(_, v)| v.into_iter().filter_map(single))
        .collect();
        // s2t writes a character's first candidate unless a phrase says otherwise (合 stays 合,
        // 后 becomes 後).
        let s2t_changes: HashSet<char> = RawDictionary::STCharacters
            .var_iter()
            .filter(|(k, v)| v.first().is_some_and(|first| first != k))
            .filter_map(|(k, _)| single(k))
            .collect();
        let simplified_only = s2t_changes
            .iter()
            .filter(|c| !written_traditional.contains(c))
            .collect();
        Tables {
            traditional: traditional.iter().collect(),
            s2t_changes: s2t_changes.iter().collect(),
            simplified_only,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_convert_both_ways() {
        let cases = [
            (
                "盧氏縣全民素質行動計劃綱要落實情況彙報",
                "卢氏县全民素质行动计划纲要落实情况汇报",
            ),
            ("領導幹部", "领导干部"),
            ("乾淨", "干净"),
        ];
        for (hant, hans) in cases {
            assert_eq!(convert(hant, Script::Hans), hans, "t2s {hant}");
            assert_eq!(convert(hans, Script::Hant), hant, "s2t {hans}");
        }
    }

    #[test]
    fn traditional_standards_differ_in_forms() {
        let hans = "为群众开启";
        assert_eq!(convert(hans, Script::Hant), "爲羣衆開啓");
        assert_eq!(convert(hans, Script::HantTw), "為群眾開啟");
        assert_eq!(convert(hans, Script::HantHk), "為羣眾開啓");
        // Between standards through Simplified.
        assert_eq!(
            convert_from("為群眾開啟", Script::HantTw, Script::Hant),
            "爲羣衆開啓"
        );
        assert_eq!(
            convert_from("爲羣衆開啓", Script::Hant, Script::HantTw),
            "為群眾開啟"
        );
    }

    #[test]
    fn s2t_changes_some_traditional_text() {
        assert_eq!(convert("為", Script::Hant), "為");
        assert_eq!(convert("山峰", Script::Hant), "山峯");
        assert_eq!(convert("台灣", Script::Hant), "臺灣");
        assert_eq!(convert_from("山峰", Script::Hant, Script::Hant), "山峰");
    }

    #[test]
    fn same_script_is_identity_with_convert_from() {
        let text = "為活動順利開展奠定了良好基礎，主體工程着力點";
        assert_eq!(convert_from(text, Script::Hant, Script::Hant), text);
        assert_eq!(convert_from(text, Script::HantHk, Script::HantHk), text);
        assert_eq!(convert_from("汇报", Script::Hans, Script::Hans), "汇报");
        assert_eq!(convert_from("汇报", Script::Hans, Script::Hant), "彙報");
        assert_eq!(convert_from("彙報", Script::HantTw, Script::Hans), "汇报");
    }

    #[test]
    fn facts_follow_the_template_script() {
        // Written in Simplified, printed in Traditional: converted.
        assert_eq!(convert_fact("马主席", Script::HantHk), "馬主席");
        assert_eq!(convert_fact("秋风送爽", Script::HantTw), "秋風送爽");
        // Already Traditional: kept as written, even where s2hk would change a form.
        assert_eq!(convert_fact("山峰群眾", Script::HantHk), "山峰群眾");
        // No character tells: read as Simplified, as a phrase.
        assert_eq!(convert_fact("今后三年", Script::HantTw), "今後三年");
        assert_eq!(convert_fact("山峰", Script::HantTw), "山峰");
        assert_eq!(convert_fact("山峰", Script::Hant), "山峯");
        // Anything to Simplified.
        assert_eq!(convert_fact("盧氏縣", Script::Hans), "卢氏县");
        // Neither script's own characters: unchanged.
        assert_eq!(convert_fact("2012年10月", Script::Hant), "2012年10月");
    }

    #[test]
    fn script_names_parse() {
        assert_eq!(Script::from_name("HANT"), Some(Script::Hant));
        assert_eq!(Script::from_name("hans"), Some(Script::Hans));
        assert_eq!(Script::from_name("hant_tw"), Some(Script::HantTw));
        assert_eq!(Script::from_name("Hant-HK"), Some(Script::HantHk));
        assert_eq!(Script::from_name("zh"), None);
        assert_eq!(Script::default(), Script::Hans);
        let s: Script = serde_json::from_str("\"hant-tw\"").unwrap_or_default();
        assert_eq!(s, Script::HantTw);
        assert!(serde_json::from_str::<Script>("\"tw\"").is_err());
        for (script, name) in SCRIPTS {
            assert_eq!(script.name(), name);
            assert_eq!(Script::from_name(name), Some(script));
            assert_eq!(script.is_traditional(), name != "hans");
        }
    }
}
