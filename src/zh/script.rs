//! Simplified ⇄ Traditional conversion of whole texts, phrase by phrase.
//!
//! A report is written once and printed in either script (`report.script`, `--script`). The
//! conversion uses the `hanconv` crate, which carries OpenCC's phrase dictionaries (盧氏縣 ⇄ 卢氏县,
//! 乾淨 → 干净 but 幹部 → 干部) and matched the `opencc` tool character for character on the
//! source report (see `tests/zh_script.rs`).
//!
//! OpenCC's `s2t` leaves most Traditional text alone (為 stays 為; the source report comes back
//! unchanged), but it maps some characters that Traditional writers commonly use to OpenCC's
//! standard forms (峰 → 峯, 台灣 → 臺灣, 吃 → 喫); [`convert_from`] therefore leaves a text
//! alone when it is already written in the wanted script.

use serde::Deserialize;

/// A Chinese script: Simplified (`hans`) or Traditional (`hant`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Simplified Chinese (简体), the default.
    #[default]
    Hans,
    /// Traditional Chinese (繁體), OpenCC standard forms.
    Hant,
}

impl Script {
    /// The script named `name` (`"hans"` or `"hant"`, any case), if it is one.
    pub fn from_name(name: &str) -> Option<Script> {
        match name.trim().to_ascii_lowercase().as_str() {
            "hans" => Some(Script::Hans),
            "hant" => Some(Script::Hant),
            _ => None,
        }
    }

    /// The name used in data files and on the command line: `"hans"` or `"hant"`.
    pub fn name(self) -> &'static str {
        match self {
            Script::Hans => "hans",
            Script::Hant => "hant",
        }
    }
}

/// `text` converted to `to`, phrase by phrase (OpenCC `t2s` for Hans, `s2t` for Hant).
///
/// The conversion is applied whatever script the text is in: Simplified text converted to Hans
/// comes back unchanged, but Traditional text converted to Hant may change (see
/// [`convert_from`]).
pub fn convert(text: &str, to: Script) -> String {
    match to {
        Script::Hans => hanconv::t2s(text),
        Script::Hant => hanconv::s2t(text),
    }
}

/// `text`, written in `from`, converted to `to`; unchanged when `from == to`.
///
/// Use this when the source script is known (a template written in Traditional printed in
/// Traditional must keep its characters exactly).
pub fn convert_from(text: &str, from: Script, to: Script) -> String {
    if from == to {
        text.to_string()
    } else {
        convert(text, to)
    }
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
        assert_eq!(convert_from("汇报", Script::Hans, Script::Hans), "汇报");
        assert_eq!(convert_from("汇报", Script::Hans, Script::Hant), "彙報");
    }

    #[test]
    fn script_names_parse() {
        assert_eq!(Script::from_name("HANT"), Some(Script::Hant));
        assert_eq!(Script::from_name("hans"), Some(Script::Hans));
        assert_eq!(Script::from_name("zh"), None);
        assert_eq!(Script::default(), Script::Hans);
        let s: Script = serde_json::from_str("\"hant\"").unwrap_or_default();
        assert_eq!(s, Script::Hant);
        assert_eq!(Script::Hant.name(), "hant");
    }
}
