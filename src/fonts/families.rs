//! Which fonts can play which role: official family names, free substitutes, built-in faces.
//!
//! GB/T 9704 names five Chinese faces (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) plus
//! Times New Roman for digits and Latin. fontconfig maps all the Chinese names to one sans font
//! (formal-style.md §12 rule 35), so huibao matches real family names itself, in this order: the
//! official names, then freely licensed substitutes found on Debian (§12), then the faces compiled
//! into the binary. The official names and their equivalences are the typesetting layer's
//! ([`crate::typeset::families`]); the substitutes and built-in faces are here, the chain logic
//! in [`super`].

use crate::diag::texts::output as texts;
use crate::diag::Text;
use crate::zh::Script;

pub use crate::typeset::families::{class_of, official, Class};

/// A free substitute: the family to look up, the weight wanted, and the class its design
/// belongs to (a 宋体 face standing in for 仿宋 is a stand-in of another class).
pub type Substitute = (&'static str, u16, Class);

use Class::{FangSong as Fang, Hei as H, Kai as K, Song as S};

/// Freely licensed substitutes (formal-style.md §12), Traditional faces first for `hant`.
///
/// 仿宋 tries 朱雀仿宋 (Zhuque Fangsong, OFL, a real 仿宋 covering GB2312 and the 通用规范汉字表;
/// not in Debian, installed by the user) for every script, then FandolFang (TeX Live), then a
/// light Song face — Noto Serif CJK, which has SC and TC faces — rather than a Kai face, because
/// 楷体 already marks the subtitle and level-2 headings and must stay distinguishable from body
/// text. Characters a face lacks (朱雀仿宋 has no ①, ℃, ￥…) fall back per character to the
/// role's built-in face.
///
/// 楷体 prefers LXGW WenKai over AR PL KaitiM GB: KaitiM draws its hanzi on a visibly smaller body
/// (about 85 % of the em), so Kai headings looked a size smaller than the body text next to them;
/// WenKai also has the Traditional characters and matches the built-in Kai face.
///
/// A Hong Kong report (`hant-hk`) tries the HK faces of Noto CJK and AR PL first (Hong Kong glyph
/// forms), then the Traditional ones. Among the installed candidates the chain prefers a face of
/// the class, then one whose punctuation sits where the script puts it (see `super::resolve`).
pub fn substitutes(class: Class, script: Script) -> &'static [Substitute] {
    match (class, script) {
        (Class::FangSong, Script::Hans) => &[
            ("Zhuque Fangsong", 400, Fang),
            ("FandolFang", 400, Fang),
            ("Noto Serif CJK SC", 400, S),
            ("AR PL SungtiL GB", 400, S),
        ],
        (Class::XiaoBiaoSong, Script::Hans) => &[("Noto Serif CJK SC", 700, Class::XiaoBiaoSong)],
        (Class::Hei, Script::Hans) => {
            &[("Noto Sans CJK SC", 400, H), ("WenQuanYi Zen Hei", 400, H)]
        }
        (Class::Kai, Script::Hans) => &[
            ("LXGW WenKai", 400, K),
            ("AR PL KaitiM GB", 400, K),
            ("AR PL UKai CN", 400, K),
        ],
        (Class::Song, Script::Hans) => &[
            ("AR PL SungtiL GB", 400, S),
            ("AR PL UMing CN", 400, S),
            ("Noto Serif CJK SC", 400, S),
        ],
        (Class::FangSong, Script::HantHk) => &[
            ("Zhuque Fangsong", 400, Fang),
            ("Noto Serif CJK HK", 400, S),
            ("Noto Serif CJK TC", 400, S),
            ("AR PL UMing HK", 400, S),
        ],
        (Class::XiaoBiaoSong, Script::HantHk) => &[
            ("Noto Serif CJK HK", 700, Class::XiaoBiaoSong),
            ("Noto Serif CJK TC", 700, Class::XiaoBiaoSong),
        ],
        (Class::Hei, Script::HantHk) => &[
            ("Noto Sans CJK HK", 400, H),
            ("Noto Sans CJK TC", 400, H),
            ("WenQuanYi Zen Hei", 400, H),
        ],
        (Class::Kai, Script::HantHk) => &[
            ("AR PL UKai HK", 400, K),
            ("LXGW WenKai TC", 400, K),
            ("AR PL UKai TW", 400, K),
            ("LXGW WenKai", 400, K),
        ],
        (Class::Song, Script::HantHk) => {
            &[("AR PL UMing HK", 400, S), ("Noto Serif CJK HK", 400, S)]
        }
        (Class::FangSong, _) => &[
            ("Zhuque Fangsong", 400, Fang),
            ("Noto Serif CJK TC", 400, S),
            ("AR PL UMing TW", 400, S),
        ],
        (Class::XiaoBiaoSong, _) => &[("Noto Serif CJK TC", 700, Class::XiaoBiaoSong)],
        (Class::Hei, _) => &[("Noto Sans CJK TC", 400, H), ("WenQuanYi Zen Hei", 400, H)],
        (Class::Kai, _) => &[
            ("LXGW WenKai TC", 400, K),
            ("AR PL UKai TW", 400, K),
            ("LXGW WenKai", 400, K),
        ],
        (Class::Song, _) => &[("AR PL UMing TW", 400, S), ("Noto Serif CJK TC", 400, S)],
        (Class::Times, _) => &[("Liberation Serif", 400, Class::Times)],
    }
}

/// The class a built-in face's design belongs to (the Noto Serif faces that stand in for 仿宋
/// are 宋体).
pub fn builtin_class(class: Class) -> Class {
    match class {
        Class::FangSong => Class::Song,
        other => other,
    }
}

/// The class's name, from the catalog (`仿宋`, `FangSong`).
pub fn class_name(class: Class) -> Text {
    match class {
        Class::FangSong => texts::class_fangsong(),
        Class::XiaoBiaoSong => texts::class_xiaobiaosong(),
        Class::Hei => texts::class_hei(),
        Class::Kai => texts::class_kai(),
        Class::Song => texts::class_song(),
        Class::Times => texts::class_times(),
    }
}

/// A font compiled into the binary (OFL, subset by `fonts/make-builtin.py`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtin {
    /// File name under `fonts/`.
    pub file: &'static str,
    /// The family it was made from, for `huibao fonts`.
    pub family: &'static str,
    /// The font bytes.
    pub data: &'static [u8],
}

/// A built-in face: its file under `fonts/` (compiled in) and the family it was made from.
macro_rules! builtin_font {
    ($name:ident, $file:literal, $family:literal) => {
        static $name: Builtin = Builtin {
            file: $file,
            family: $family,
            data: include_bytes!(concat!("../../fonts/", $file)),
        };
    };
}

builtin_font!(
    SERIF,
    "NotoSerifCJKsc-Regular-huibao.otf",
    "Noto Serif CJK SC"
);
builtin_font!(
    SERIF_BOLD,
    "NotoSerifCJKsc-Bold-huibao.otf",
    "Noto Serif CJK SC Bold"
);
builtin_font!(SANS, "NotoSansCJKsc-Regular-huibao.otf", "Noto Sans CJK SC");
builtin_font!(
    SERIF_TC,
    "NotoSerifCJKtc-Regular-huibao.otf",
    "Noto Serif CJK TC"
);
builtin_font!(
    SERIF_BOLD_TC,
    "NotoSerifCJKtc-Bold-huibao.otf",
    "Noto Serif CJK TC Bold"
);
builtin_font!(
    SANS_TC,
    "NotoSansCJKtc-Regular-huibao.otf",
    "Noto Sans CJK TC"
);
builtin_font!(KAI, "HuibaoKai-Regular.ttf", "Huibao Kai (LXGW WenKai)");
builtin_font!(
    LATIN,
    "HuibaoSerifLatin-Regular.ttf",
    "Huibao Serif Latin (Liberation Serif)"
);

/// The built-in face of a class: 仿宋 and 宋体 → Noto Serif CJK SC, 小标宋 → Noto Serif CJK SC
/// Bold, 黑体 → Noto Sans CJK SC, 楷体 → LXGW WenKai, Times → Liberation Serif; for a
/// Traditional report (`hant`) the Noto faces are the TC ones, which draw Traditional glyph
/// forms (LXGW WenKai has one face only).
pub fn builtin(class: Class, hant: bool) -> &'static Builtin {
    match (class, hant) {
        (Class::FangSong | Class::Song, false) => &SERIF,
        (Class::FangSong | Class::Song, true) => &SERIF_TC,
        (Class::XiaoBiaoSong, false) => &SERIF_BOLD,
        (Class::XiaoBiaoSong, true) => &SERIF_BOLD_TC,
        (Class::Hei, false) => &SANS,
        (Class::Hei, true) => &SANS_TC,
        (Class::Kai, _) => &KAI,
        (Class::Times, _) => &LATIN,
    }
}

/// Every built-in face.
pub static BUILTINS: [&Builtin; 8] = [
    &SERIF,
    &SERIF_BOLD,
    &SANS,
    &SERIF_TC,
    &SERIF_BOLD_TC,
    &SANS_TC,
    &KAI,
    &LATIN,
];
