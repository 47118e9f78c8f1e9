//! The font-family table: every family name huibao knows, its typeface class, the GBK face of
//! the same design for a face limited to GB2312, and the name Windows knows it by. The font
//! chain ([`crate::fonts`]) looks installed fonts up by these names, the style switches a
//! Traditional report to the GBK faces, the DOCX writes the `w:altName`s, and the fontconfig
//! substitutes file for LibreOffice (`fonts/fontconfig/huibao-substitutes.conf`) is generated
//! from the same table ([`fontconfig_substitutes`], checked by a test).

use crate::model::RunRole;
use crate::style::Fonts;

/// The typeface class a role asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// 仿宋 (body text, headings 3–4, tables).
    FangSong,
    /// 方正小标宋 (the title).
    XiaoBiaoSong,
    /// 黑体 (level-1 headings, table headers).
    Hei,
    /// 楷体 (subtitle, level-2 headings).
    Kai,
    /// 宋体 (page numbers).
    Song,
    /// Times New Roman (digits and Latin letters).
    Times,
}

/// One family name as Word and installed fonts spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Family {
    /// The name.
    pub name: &'static str,
    /// Its typeface class.
    pub class: Class,
    /// For a face limited to GB2312 (most Traditional characters missing): the GBK face of the
    /// same design, which a Traditional report uses instead.
    pub gbk: Option<&'static str>,
    /// The name Windows knows the font by when this one is missing (`w:altName`).
    pub alt: Option<&'static str>,
}

const fn family(
    name: &'static str,
    class: Class,
    gbk: Option<&'static str>,
    alt: Option<&'static str>,
) -> Family {
    Family {
        name,
        class,
        gbk,
        alt,
    }
}

/// Every official family name, by class, in the order installed fonts are tried.
pub const FAMILIES: [Family; 15] = [
    family("仿宋_GB2312", Class::FangSong, Some("仿宋"), Some("仿宋")),
    family("FangSong_GB2312", Class::FangSong, None, None),
    family("仿宋", Class::FangSong, None, Some("FangSong")),
    family("FangSong", Class::FangSong, None, None),
    family(
        "方正小标宋简体",
        Class::XiaoBiaoSong,
        Some("方正小标宋_GBK"),
        None,
    ),
    family("FZXiaoBiaoSong-B05S", Class::XiaoBiaoSong, None, None),
    family(
        "方正小标宋_GBK",
        Class::XiaoBiaoSong,
        None,
        Some("方正小标宋简体"),
    ),
    family("黑体", Class::Hei, None, Some("SimHei")),
    family("SimHei", Class::Hei, None, None),
    family("楷体_GB2312", Class::Kai, Some("楷体"), Some("楷体")),
    family("KaiTi_GB2312", Class::Kai, None, None),
    family("楷体", Class::Kai, None, Some("KaiTi")),
    family("KaiTi", Class::Kai, None, None),
    family("宋体", Class::Song, None, Some("SimSun")),
    family("SimSun", Class::Song, None, None),
];

/// The family entry of `name`, if it is one of [`FAMILIES`] (or Times New Roman's class).
pub fn lookup(name: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.name == name)
}

/// The official names of a class, in lookup order (Times New Roman for [`Class::Times`]).
pub fn official(class: Class) -> Vec<&'static str> {
    if class == Class::Times {
        return vec!["Times New Roman"];
    }
    FAMILIES
        .iter()
        .filter(|f| f.class == class)
        .map(|f| f.name)
        .collect()
}

/// The name Windows knows `family` by when it is missing (`w:altName`).
pub fn alt_name(family: &str) -> Option<&'static str> {
    lookup(family).and_then(|f| f.alt)
}

/// The class of a family name (by the names of the table, also inside a longer name such as
/// "华文仿宋"), or the role's default class for a name we do not know (`None`: the Latin font).
pub fn class_of(family: &str, role: Option<RunRole>) -> Class {
    let known = [
        (Class::FangSong, &["仿宋", "FangSong"][..]),
        (Class::XiaoBiaoSong, &["小标宋", "XiaoBiaoSong"][..]),
        (Class::Hei, &["黑体", "SimHei"][..]),
        (Class::Kai, &["楷体", "KaiTi"][..]),
        (Class::Song, &["宋体", "SimSun"][..]),
        (Class::Times, &["Times"][..]),
    ];
    if let Some(f) = lookup(family) {
        return f.class;
    }
    for (class, keys) in known {
        if keys.iter().any(|k| family.contains(k)) {
            return class;
        }
    }
    match role {
        Some(RunRole::Title | RunRole::Masthead) => Class::XiaoBiaoSong,
        Some(RunRole::Subtitle | RunRole::Heading(2)) => Class::Kai,
        Some(RunRole::Heading(1) | RunRole::TableHeader) => Class::Hei,
        Some(RunRole::PageNumber) => Class::Song,
        Some(_) => Class::FangSong,
        None => Class::Times,
    }
}

/// For a Traditional report: the official faces limited to GB2312 (仿宋_GB2312, 楷体_GB2312,
/// 方正小标宋简体) lack most Traditional characters, so Word and WPS would fill them in from
/// other fonts; every role still on such a face, and whose family the data does not name
/// (`named("body")` false), takes the GBK face of the same design (仿宋, 楷体,
/// 方正小标宋_GBK), which has them.
pub fn prefer_gbk_faces(fonts: &mut Fonts, named: impl Fn(&str) -> bool) {
    for (key, spec) in fonts.roles_mut() {
        let Some(gbk) = lookup(&spec.family).and_then(|f| f.gbk) else {
            continue;
        };
        if !named(key) {
            spec.family = gbk.to_string();
        }
    }
}

/// What LibreOffice on Linux draws a class with (fontconfig substitutes): the families to
/// prefer, whether the bold weight, a face preferred for Simplified text (zh-CN), and why.
struct Substitute {
    class: Class,
    prefer: &'static [&'static str],
    bold: bool,
    zh_cn: Option<&'static str>,
    why: &'static str,
}

const LIBREOFFICE: [Substitute; 6] = [
    Substitute {
        class: Class::XiaoBiaoSong,
        prefer: &["Noto Serif CJK SC"],
        bold: true,
        zh_cn: None,
        why: "方正小标宋 is a heavy Song face: the bold weight of Noto Serif CJK, as in huibao's PDF.",
    },
    Substitute {
        class: Class::FangSong,
        prefer: &["Zhuque Fangsong", "Noto Serif CJK SC"],
        bold: false,
        zh_cn: None,
        why: "仿宋: 朱雀仿宋 (Zhuque Fangsong, OFL, installed by the user) when present, else a 宋体 face.",
    },
    Substitute {
        class: Class::Kai,
        prefer: &["AR PL UKai CN"],
        bold: false,
        zh_cn: Some("LXGW WenKai"),
        why: "楷体: in a Simplified report (text tagged zh-CN) a face with mainland punctuation placement\n       (LXGW WenKai: ，。、 in the lower left), elsewhere AR PL UKai (centred, as Taiwan sets them).",
    },
    Substitute {
        class: Class::Hei,
        prefer: &["Noto Sans CJK SC"],
        bold: false,
        zh_cn: None,
        why: "黑体: Noto Sans CJK.",
    },
    Substitute {
        class: Class::Song,
        prefer: &["AR PL UMing CN"],
        bold: false,
        zh_cn: None,
        why: "宋体: AR PL UMing.",
    },
    Substitute {
        class: Class::Times,
        prefer: &["Liberation Serif"],
        bold: false,
        zh_cn: None,
        why: "Times New Roman: Liberation Serif (metric-compatible).",
    },
];

/// The path of the fontconfig substitutes file in the repository.
pub const FONTCONFIG_FILE: &str = "fonts/fontconfig/huibao-substitutes.conf";

/// The fontconfig file that maps every official family name of [`FAMILIES`] (and Times New
/// Roman) to free substitutes, for viewing huibao's DOCX files with LibreOffice on Linux; the
/// content of [`FONTCONFIG_FILE`].
pub fn fontconfig_substitutes() -> String {
    let mut s = String::from(concat!(
        "<?xml version=\"1.0\"?>\n",
        "<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n",
        "<!--\n",
        "  Free substitutes for the official font names huibao writes into its DOCX files, for viewing\n",
        "  them with LibreOffice on Linux, where fontconfig otherwise maps every Chinese font name to one\n",
        "  sans font. Use:  FONTCONFIG_FILE=fonts/fontconfig/huibao-substitutes.conf soffice …\n",
        "  (Debian packages: fonts-noto-cjk, fonts-arphic-ukai, fonts-arphic-uming, fonts-liberation2;\n",
        "  朱雀仿宋 from https://github.com/TrionesType/zhuque, e.g. in ~/.local/share/fonts.)\n",
        "  Generated from huibao's font-family table (src/typeset/families.rs); a test checks that\n",
        "  they agree; with HUIBAO_WRITE_FONTCONFIG=1 the test typeset::families rewrites this file.\n",
        "-->\n",
        "<fontconfig>\n",
        "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n",
    ));
    for sub in &LIBREOFFICE {
        s.push_str(&format!("  <!-- {} -->\n", sub.why));
        let names = official(sub.class);
        let prefer: String = sub
            .prefer
            .iter()
            .map(|f| format!("<family>{f}</family>"))
            .collect();
        for name in &names {
            if let Some(first) = sub.zh_cn {
                s.push_str(&format!(
                    concat!(
                        "  <match target=\"pattern\">\n",
                        "    <test name=\"family\" qual=\"any\" compare=\"eq\"><string>{name}</string></test>\n",
                        "    <test name=\"lang\" compare=\"contains\"><string>zh-cn</string></test>\n",
                        "    <edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>{first}</string></edit>\n",
                        "  </match>\n"
                    ),
                    name = name,
                    first = first
                ));
            }
        }
        for name in &names {
            if sub.bold {
                s.push_str(&format!(
                    concat!(
                        "  <match target=\"pattern\">\n",
                        "    <test name=\"family\" qual=\"any\"><string>{name}</string></test>\n",
                        "    <edit name=\"family\" mode=\"assign\" binding=\"same\"><string>{first}</string></edit>\n",
                        "    <edit name=\"weight\" mode=\"assign\"><const>bold</const></edit>\n",
                        "  </match>\n"
                    ),
                    name = name,
                    first = sub.prefer[0]
                ));
            } else {
                s.push_str(&format!(
                    "  <alias binding=\"same\"><family>{name}</family><prefer>{prefer}</prefer></alias>\n"
                ));
            }
        }
    }
    s.push_str("</fontconfig>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_reports_prefer_gbk_faces_unless_named() {
        let mut f = Fonts::default();
        prefer_gbk_faces(&mut f, |role| role == "heading3");
        assert_eq!(f.body.family, "仿宋");
        assert_eq!(f.heading2.family, "楷体");
        assert_eq!(f.subtitle.family, "楷体");
        assert_eq!(f.title.family, "方正小标宋_GBK");
        assert_eq!(f.heading3.family, "仿宋_GB2312", "named in the data: kept");
        assert_eq!(f.heading1.family, "黑体");
        assert_eq!(f.page_number.family, "宋体");
    }

    #[test]
    fn every_default_family_is_in_the_table_with_its_class() {
        let f = Fonts::default();
        for (spec, class) in [
            (&f.title, Class::XiaoBiaoSong),
            (&f.subtitle, Class::Kai),
            (&f.body, Class::FangSong),
            (&f.heading1, Class::Hei),
            (&f.page_number, Class::Song),
        ] {
            assert_eq!(lookup(&spec.family).map(|x| x.class), Some(class));
        }
        for fam in FAMILIES {
            // A GBK face and an alt name are names of the same class.
            for other in [fam.gbk, fam.alt].into_iter().flatten() {
                assert_eq!(class_of(other, None), fam.class, "{}", fam.name);
            }
        }
        assert_eq!(class_of("华文仿宋", None), Class::FangSong);
        assert_eq!(class_of("Times New Roman", None), Class::Times);
        assert_eq!(class_of("Whatever", Some(RunRole::Heading(2))), Class::Kai);
        assert_eq!(alt_name("仿宋_GB2312"), Some("仿宋"));
    }

    /// The fontconfig file in the repository is the one the table generates (with
    /// `HUIBAO_WRITE_FONTCONFIG=1`, the test writes it).
    #[test]
    fn fontconfig_file_is_generated_from_the_table() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FONTCONFIG_FILE);
        let want = fontconfig_substitutes();
        if std::env::var("HUIBAO_WRITE_FONTCONFIG").is_ok_and(|v| v == "1") {
            std::fs::write(&path, &want).expect("write the fontconfig file");
        }
        let have = std::fs::read_to_string(&path).expect("read the fontconfig file");
        assert_eq!(
            have, want,
            "{FONTCONFIG_FILE} differs from the family table: HUIBAO_WRITE_FONTCONFIG=1 cargo test --lib typeset::families"
        );
        for fam in FAMILIES {
            assert!(have.contains(&format!(">{}<", fam.name)), "{}", fam.name);
        }
        // XML comments may not hold "--" (fontconfig refuses the whole file).
        for comment in have.split("<!--").skip(1) {
            let body = comment.split("-->").next().unwrap_or_default();
            assert!(!body.contains("--"), "“--” in a comment: {body}");
        }
    }
}
