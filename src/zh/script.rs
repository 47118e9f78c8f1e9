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
    if to == Script::Hans {
        text.chars().any(|c| TRADITIONAL.contains(c))
    } else {
        text.chars().any(|c| SIMPLIFIED_ONLY.contains(c))
            || (!text.chars().any(|c| TRADITIONAL.contains(c))
                && text.chars().any(|c| S2T_CHANGES.contains(c)))
    }
}

/// Characters t2s changes (its table's keys).
static TRADITIONAL: CharSet = CharSet::from_tables(&[RawDictionary::TSCharacters], Pick::Keys);

/// Characters s2t's character table changes by default (a text without any reads the same in
/// both scripts, but for rare phrases such as 合家 → 閤家): s2t writes a character's first
/// candidate unless a phrase says otherwise (合 stays 合, 后 becomes 後).
static S2T_CHANGES: CharSet =
    CharSet::from_tables(&[RawDictionary::STCharacters], Pick::KeysFirstChanged);

/// Of [`S2T_CHANGES`], the ones no Traditional standard writes.
static SIMPLIFIED_ONLY: CharSet = S2T_CHANGES.without(&CharSet::from_tables(
    &[
        RawDictionary::STCharacters,
        RawDictionary::TWVariants,
        RawDictionary::HKVariants,
    ],
    Pick::Candidates,
));

/// Code points a [`CharSet`] holds: through CJK Extension H (U+323AF).
const CHARSET_WORDS: usize = 0x32400 / 64;

/// A set of characters as one bit per code point: a lookup is a shift, which matters for the
/// tens of thousands of facts a spreadsheet source holds. The sets are made from OpenCC's
/// character tables when huibao is compiled (they cost a process a millisecond to make).
struct CharSet([u64; CHARSET_WORDS]);

/// Which characters of a table's lines (`KEY<TAB>A B …`, one character or a phrase each) a
/// [`CharSet`] takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// Each one-character key that has a candidate other than itself.
    Keys,
    /// Each one-character key whose first candidate is another.
    KeysFirstChanged,
    /// Every one-character candidate.
    Candidates,
}

impl CharSet {
    fn contains(&self, c: char) -> bool {
        let i = c as usize;
        self.0.get(i / 64).is_some_and(|w| (w >> (i % 64)) & 1 == 1)
    }

    /// The characters `pick` takes from `tables`. A character past the set's range stops the
    /// build (a newer OpenCC table would need a larger set).
    const fn from_tables(tables: &[RawDictionary], pick: Pick) -> CharSet {
        let mut set = CharSet([0; CHARSET_WORDS]);
        let mut t = 0;
        while t < tables.len() {
            let b = tables[t].text().as_bytes();
            let mut start = 0;
            while start < b.len() {
                let mut end = start;
                while end < b.len() && b[end] != b'\n' {
                    end += 1;
                }
                if b[start] != b'#' {
                    set.add_line(b, start, end, pick);
                }
                start = end + 1;
            }
            t += 1;
        }
        set
    }

    /// Adds what `pick` takes from the line `b[start..end]`.
    const fn add_line(&mut self, b: &[u8], start: usize, end: usize, pick: Pick) {
        let (mut key_start, mut key_end) = (0, 0);
        let mut field = 0;
        let mut changed = false;
        let mut j = start;
        loop {
            while j < end && is_space(b[j]) {
                j += 1;
            }
            if j >= end {
                break;
            }
            let s = j;
            while j < end && !is_space(b[j]) {
                j += 1;
            }
            if field == 0 {
                (key_start, key_end) = (s, j);
            } else {
                let same = same_bytes(b, s, j, key_start, key_end);
                match pick {
                    Pick::Keys => changed |= !same,
                    Pick::KeysFirstChanged => changed |= field == 1 && !same,
                    Pick::Candidates => self.add_if_one_char(b, s, j),
                }
            }
            field += 1;
        }
        if changed {
            self.add_if_one_char(b, key_start, key_end);
        }
    }

    /// Adds the character `b[s..e]` when those bytes are exactly one (UTF-8) character.
    const fn add_if_one_char(&mut self, b: &[u8], s: usize, e: usize) {
        let lead = b[s] as u32;
        let (len, mut c) = match lead {
            0..0x80 => (1, lead),
            0xC0..0xE0 => (2, lead & 0x1F),
            0xE0..0xF0 => (3, lead & 0x0F),
            _ => (4, lead & 0x07),
        };
        if e - s != len {
            return;
        }
        let mut k = 1;
        while k < len {
            c = (c << 6) | (b[s + k] as u32 & 0x3F);
            k += 1;
        }
        let i = c as usize;
        assert!(
            i < CHARSET_WORDS * 64,
            "an OpenCC character past the CharSet's range"
        );
        self.0[i / 64] |= 1 << (i % 64);
    }

    /// The characters of `self` that are not in `other`.
    const fn without(&self, other: &CharSet) -> CharSet {
        let mut out = CharSet([0; CHARSET_WORDS]);
        let mut i = 0;
        while i < CHARSET_WORDS {
            out.0[i] = self.0[i] & !other.0[i];
            i += 1;
        }
        out
    }
}

/// Whether `x` separates the fields of a table's line.
const fn is_space(x: u8) -> bool {
    x == b' ' || x == b'\t' || x == b'\r'
}

/// Whether `b[s..e]` and `b[ks..ke]` are the same bytes.
const fn same_bytes(b: &[u8], s: usize, e: usize, ks: usize, ke: usize) -> bool {
    if e - s != ke - ks {
        return false;
    }
    let mut k = 0;
    while k < e - s {
        if b[s + k] != b[ks + k] {
            return false;
        }
        k += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_character_sets_are_opencc_tables_read_by_hanconv() {
        use std::collections::BTreeSet;
        let single = |s: &str| {
            let mut it = s.chars();
            it.next().filter(|_| it.next().is_none())
        };
        let members = |set: &CharSet| -> BTreeSet<char> {
            (0..CHARSET_WORDS as u32 * 64)
                .filter_map(char::from_u32)
                .filter(|&c| set.contains(c))
                .collect()
        };
        let traditional: BTreeSet<char> = RawDictionary::TSCharacters
            .var_iter()
            .filter(|(k, v)| v.iter().any(|v| v != k))
            .filter_map(|(k, _)| single(k))
            .collect();
        let s2t: BTreeSet<char> = RawDictionary::STCharacters
            .var_iter()
            .filter(|(k, v)| v.first().is_some_and(|f| f != k))
            .filter_map(|(k, _)| single(k))
            .collect();
        let written: BTreeSet<char> = [
            RawDictionary::STCharacters,
            RawDictionary::TWVariants,
            RawDictionary::HKVariants,
        ]
        .iter()
        .flat_map(|d| d.var_iter())
        .flat_map(|(_, v)| v.into_iter().filter_map(single))
        .collect();
        assert_eq!(members(&TRADITIONAL), traditional);
        assert_eq!(members(&S2T_CHANGES), s2t);
        let only: BTreeSet<char> = s2t.difference(&written).copied().collect();
        assert_eq!(members(&SIMPLIFIED_ONLY), only);
        // Characters past the BMP are in (𰾄 → 鋂, Extension G).
        assert!(S2T_CHANGES.contains('\u{30F84}') && TRADITIONAL.contains('萬'));
        assert!(traditional.len() > 4000 && only.len() > 3700);
    }

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
