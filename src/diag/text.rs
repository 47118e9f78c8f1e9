//! Catalog texts: every sentence huibao says to its user, in Simplified Chinese, Traditional
//! Chinese and English, declared once with [`texts!`](crate::texts) in the catalog's sections
//! ([`super::texts`]) and built by calling the function the declaration names.
//!
//! A text's parameters are either the same in every language (a file name, a number, a fact's
//! path, a character from the user's file: anything [`std::fmt::Display`]) or a [`Text`] of its
//! own, which is put in in the same language. Values from the user are never converted between
//! scripts: a Traditional message quotes a Simplified fact as written.

use std::borrow::Cow;
use std::fmt::Display;

use super::Lang;

/// A text in the three languages of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text {
    /// Simplified Chinese.
    pub hans: String,
    /// Traditional Chinese (Taiwan forms: 為、眾).
    pub hant: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Hans => &self.hans,
            Lang::Hant => &self.hant,
            Lang::En => &self.en,
        }
    }

    /// The same text in every language: a value that needs no wording (a number, a name).
    pub fn same(value: impl Display) -> Text {
        let s = value.to_string();
        Text {
            hans: s.clone(),
            hant: s.clone(),
            en: s,
        }
    }

    /// Names as written (options, keys, sheets, files), joined by the catalog's separator of
    /// names (`、`, `, `).
    pub fn names<T: Display>(names: impl IntoIterator<Item = T>) -> Text {
        let names: Vec<Text> = names.into_iter().map(Text::same).collect();
        Text::join(&names, &super::texts::common::name_sep())
    }

    /// The texts joined by `sep` in each language (`、` and `, ` for a list, say).
    pub fn join(parts: &[Text], sep: &Text) -> Text {
        let join = |lang: Lang| {
            parts
                .iter()
                .map(|t| t.get(lang))
                .collect::<Vec<_>>()
                .join(sep.get(lang))
        };
        Text {
            hans: join(Lang::Hans),
            hant: join(Lang::Hant),
            en: join(Lang::En),
        }
    }
}

/// A value put into a catalog text.
pub trait Arg {
    /// The value as written in a text in `lang`.
    fn in_lang(&self, lang: Lang) -> Cow<'_, str>;
}

impl<T: Display + ?Sized> Arg for T {
    fn in_lang(&self, _lang: Lang) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

impl Arg for Text {
    fn in_lang(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self.get(lang))
    }
}

impl Arg for &Text {
    fn in_lang(&self, lang: Lang) -> Cow<'_, str> {
        Cow::Borrowed(self.get(lang))
    }
}

/// One declaration of the catalog as written: its name and its three templates, for the
/// catalog's own tests.
#[cfg(test)]
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The function that builds it.
    pub name: &'static str,
    /// The Simplified Chinese template (`{name}` marks a parameter).
    pub hans: &'static str,
    /// The Traditional Chinese template.
    pub hant: &'static str,
    /// The English template.
    pub en: &'static str,
}

/// Declares catalog texts: each line `name(param, …) = "简体", "繁體", "English";` becomes
/// `pub fn name(param: impl Arg, …) -> Text`, whose templates name the parameters in braces
/// (`"缺少数据项“{path}”"`; a literal brace is doubled, as in `format!`). In the tests the
/// section also has `ENTRIES`, its declarations as written.
#[macro_export]
macro_rules! texts {
    ($(
        $(#[$doc:meta])*
        $name:ident($($p:ident),* $(,)?) = $hans:literal, $hant:literal, $en:literal;
    )*) => {
        $(
            $(#[$doc])*
            #[allow(unused_variables, clippy::too_many_arguments)]
            pub fn $name($($p: impl $crate::diag::text::Arg),*) -> $crate::diag::Text {
                $crate::diag::Text {
                    hans: {
                        $(let $p = $p.in_lang($crate::diag::Lang::Hans);)*
                        format!($hans)
                    },
                    hant: {
                        $(let $p = $p.in_lang($crate::diag::Lang::Hant);)*
                        format!($hant)
                    },
                    en: {
                        $(let $p = $p.in_lang($crate::diag::Lang::En);)*
                        format!($en)
                    },
                }
            }
        )*

        /// This section's declarations, as written.
        #[cfg(test)]
        pub const ENTRIES: &[$crate::diag::text::Entry] = &[$(
            $crate::diag::text::Entry {
                name: stringify!($name),
                hans: $hans,
                hant: $hant,
                en: $en,
            },
        )*];
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::texts! {
        /// A test text.
        missing(path, kind) = "缺少{kind}“{path}”", "缺少{kind}「{path}」", "missing {kind} `{path}`";
        /// A fragment.
        fact() = "数据项", "數據項", "fact";
        /// Braces.
        braces() = "{{#if}} 条件", "{{#if}} 條件", "{{#if}} condition";
    }

    #[test]
    fn parameters_take_their_language() {
        let t = missing("报告.标题", fact());
        assert_eq!(t.hans, "缺少数据项“报告.标题”");
        // The user's value is quoted as written, not converted.
        assert_eq!(t.hant, "缺少數據項「报告.标题」");
        assert_eq!(t.en, "missing fact `报告.标题`");
        assert_eq!(braces().get(Lang::Hant), "{#if} 條件");
        assert_eq!(ENTRIES.len(), 3);
        assert_eq!(ENTRIES[0].name, "missing");
        let list = Text::join(&[fact(), fact()], &Text::same("/"));
        assert_eq!(list.get(Lang::En), "fact/fact");
        let names = Text::names(["甲", "b"]);
        assert_eq!((names.hans.as_str(), names.en.as_str()), ("甲、b", "甲, b"));
    }
}
