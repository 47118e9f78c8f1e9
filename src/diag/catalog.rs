//! The catalog of diagnostic codes: every code a message can carry, with a short title in
//! Simplified Chinese, Traditional Chinese and English, and the advice for the codes whose
//! advice is always the same.
//!
//! A code is written `E-…` for an error, `W-…` for a warning and `N-…` for a note (a change
//! `huibao check` lists, such as normalized punctuation); in Rust it is the [`Code`] variant of
//! the same name (`E-FACT-MISSING` is [`Code::FactMissing`], `W-GLYPH` is [`Code::WarnGlyph`]).

use super::{Lang, Text};

/// Declares [`Code`] and its catalog: `Variant = "CODE", "简体", "繁體", "English"`, then
/// optionally `help "简体", "繁體", "English"` (advice shown when a message gives none of its own).
macro_rules! catalog {
    ($($variant:ident = $id:literal, $hans:literal, $hant:literal, $en:literal
        $(help $help_hans:literal, $help_hant:literal, $help_en:literal)?;)*) => {
        /// A diagnostic's code: what kind of problem it is, the same in every language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = concat!("`", $id, "`: ", $en, ".")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in catalog order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed (`E-FACT-MISSING`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $id,)*
                }
            }

            /// The short title of the code in `lang` (`缺少数据项`, `missing fact`).
            pub fn title(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Code::$variant, Lang::Hans) => $hans,
                        (Code::$variant, Lang::Hant) => $hant,
                        (Code::$variant, Lang::En) => $en,
                    )*
                }
            }

            /// The advice the code always comes with, if any.
            pub fn help(self) -> Option<Text> {
                match self {
                    $(Code::$variant => catalog!(@help $($help_hans, $help_hant, $help_en)?),)*
                }
            }

            /// The short title in every language.
            pub fn title_text(self) -> Text {
                Text {
                    hans: self.title(Lang::Hans).to_string(),
                    hant: self.title(Lang::Hant).to_string(),
                    en: self.title(Lang::En).to_string(),
                }
            }
        }
    };
    (@help) => { None };
    (@help $hans:literal, $hant:literal, $en:literal) => {
        Some(Text { hans: $hans.to_string(), hant: $hant.to_string(), en: $en.to_string() })
    };
}

catalog! {
    Check = "E-CHECK", "核对关系不成立", "核對關係不成立", "a declared relation does not hold";
    CheckDecl = "E-CHECK-DECL", "核对关系写法有误", "核對關係寫法有誤", "invalid check declaration";
    CheckNumber = "E-CHECK-NUMBER", "核对关系需要数字", "核對關係需要數字", "a check needs a number";
    ControlChar = "E-CONTROL-CHAR", "含有不可见字符", "含有不可見字符", "invisible character";
    Date = "E-DATE", "日期有误", "日期有誤", "invalid date";
    DocxWrite = "E-DOCX-WRITE", "无法生成 DOCX", "無法生成 DOCX", "cannot write the DOCX";
    Empty = "E-EMPTY", "没有输出内容", "沒有輸出內容", "no output text"
        help "检查入口模板文件是否为空，或 {{#if}} 条件是否都不成立",
             "檢查入口模板文件是否為空，或 {{#if}} 條件是否都不成立",
             "check that the entry template is not empty and its {{#if}} conditions hold";
    FactKind = "E-FACT-KIND", "数据项类型不能直接写进正文", "數據項類型不能直接寫進正文", "fact cannot be printed as it is"
        help "列表用 join 或 enumerate 列出，数字用数字函数（cn、thousands、percent）书写，表用其中的某一项",
             "列表用 join 或 enumerate 列出，數字用數字函數（cn、thousands、percent）書寫，表用其中的某一項",
             "list a list with join or enumerate, write numbers with the numeral helpers (cn, thousands, percent), print one entry of a table";
    FactMissing = "E-FACT-MISSING", "缺少数据项", "缺少數據項", "missing fact";
    FontFile = "E-FONT-FILE", "无法打开字体文件", "無法打開字體文件", "cannot open a font file";
    FontFileGaps = "E-FONT-FILE-GAPS", "字体文件缺字", "字體文件缺字", "font file lacks characters"
        help "换一个含有这些汉字的字体文件，或删去 file 让 huibao 自己选字体；--allow-missing-glyphs 时由其他字体补字",
             "換一個含有這些漢字的字體文件，或刪去 file 讓 huibao 自己選字體；--allow-missing-glyphs 時由其他字體補字",
             "name a font file that has these hanzi, or drop `file` to let huibao choose; with --allow-missing-glyphs other faces fill them in";
    FontParse = "E-FONT-PARSE", "无法读取字体", "無法讀取字體", "cannot read a font";
    Glyph = "E-GLYPH", "字体中没有该字", "字體中沒有該字", "character missing from the fonts"
        help "换用常用字，或在 [fonts] 中为该角色指定含有此字的字体文件；--allow-missing-glyphs 可改为警告",
             "換用常用字，或在 [fonts] 中為該角色指定含有此字的字體文件；--allow-missing-glyphs 可改為警告",
             "use a common character, name a font file that has it under [fonts], or pass --allow-missing-glyphs";
    Helper = "E-HELPER", "模板函数用法有误", "模板函數用法有誤", "helper misused";
    InitExists = "E-INIT-EXISTS", "文件夹已存在", "文件夾已存在", "folder exists"
        help "请换一个新的文件夹名",
             "請換一個新的文件夾名",
             "choose a new folder name";
    InitTemplate = "E-INIT-TEMPLATE", "没有该内置模板", "沒有該內置模板", "no such built-in template";
    Man = "E-MAN", "无法生成手册页", "無法生成手冊頁", "cannot write the manual page";
    Manifest = "E-MANIFEST", "会议清单有误", "會議清單有誤", "invalid meeting manifest";
    MarkupCaption = "E-MARKUP-CAPTION", "表题后没有表格", "表題後沒有表格", "caption without a table";
    MarkupImprint = "E-MARKUP-IMPRINT", "版记有误", "版記有誤", "misplaced imprint";
    MarkupLevel = "E-MARKUP-LEVEL", "标题层级有误", "標題層級有誤", "heading level";
    MarkupMasthead = "E-MARKUP-MASTHEAD", "版头有误", "版頭有誤", "masthead";
    MarkupSignature = "E-MARKUP-SIGNATURE", "署名有误", "署名有誤", "signature";
    MarkupSigner = "E-MARKUP-SIGNER", "签发人有误", "簽發人有誤", "signer line";
    MarkupSpan = "E-MARKUP-SPAN", "表格合并有误", "表格合併有誤", "table cell merge";
    MarkupTable = "E-MARKUP-TABLE", "表格写法有误", "表格寫法有誤", "table markup";
    MarkupTitle = "E-MARKUP-TITLE", "文件标题有误", "文件標題有誤", "document title";
    NoData = "E-NO-DATA", "没有数据文件", "沒有數據文件", "no data file"
        help "例如：huibao render data/lushi-2012.toml",
             "例如：huibao render data/lushi-2012.toml",
             "e.g. huibao render data/lushi-2012.toml";
    NoTemplate = "E-NO-TEMPLATE", "没有指定模板", "沒有指定模板", "no template"
        help "在数据文件的 [report] 中写 template = \"kepu-huibao\"（render、check 也可用 -t 指定模板文件夹）",
             "在數據文件的 [report] 中寫 template = \"kepu-huibao\"（render、check 也可用 -t 指定模板文件夾）",
             "set template = \"kepu-huibao\" in [report] (render and check also take -t FOLDER)";
    OfdWrite = "E-OFD-WRITE", "无法生成 OFD", "無法生成 OFD", "cannot write the OFD";
    OutputIsInput = "E-OUTPUT-IS-INPUT", "输出会覆盖输入", "輸出會覆蓋輸入", "output would overwrite an input"
        help "用 -o 换一个输出文件夹，或改 [report] output 的文件名",
             "用 -o 換一個輸出文件夾，或改 [report] output 的文件名",
             "choose another output folder with -o, or another name with [report] output";
    OutputTarget = "E-OUTPUT-TARGET", "不能写入该位置", "不能寫入該位置", "cannot write there";
    Partial = "E-PARTIAL", "子模板有误", "子模板有誤", "partial template";
    PartialDynamic = "E-PARTIAL-DYNAMIC", "子模板名称由数据决定", "子模板名稱由數據決定", "partial named by the data"
        help "用 {{#if}} 按数据选择写明名称的子模板，例如 {{#if 详细}}{{> 详细版}}{{/if}}",
             "用 {{#if}} 按數據選擇寫明名稱的子模板，例如 {{#if 詳細}}{{> 詳細版}}{{/if}}",
             "choose between named partials with {{#if}}, e.g. {{#if long}}{{> long}}{{/if}}";
    PartialLoop = "E-PARTIAL-LOOP", "子模板循环引用", "子模板循環引用", "partials include each other";
    PdfFont = "E-PDF-FONT", "无法嵌入字体", "無法嵌入字體", "cannot embed a font";
    PdfWrite = "E-PDF-WRITE", "无法生成 PDF", "無法生成 PDF", "cannot write the PDF";
    Read = "E-READ", "无法读取文件", "無法讀取文件", "cannot read a file";
    ReadSize = "E-READ-SIZE", "文件太大", "文件太大", "file too large";
    Redline = "E-REDLINE", "无法生成修订稿", "無法生成修訂稿", "cannot write the redline";
    Render = "E-RENDER", "模板渲染出错", "模板渲染出錯", "template rendering failed";
    Script = "E-SCRIPT", "字体（简繁）设置有误", "字體（簡繁）設置有誤", "unknown script";
    Set = "E-SET", "--set 参数有误", "--set 參數有誤", "invalid --set"
        help "写成 键路径=值，例如 --set envoys.first_batch=80",
             "寫成 鍵路徑=值，例如 --set envoys.first_batch=80",
             "write key.path=value, e.g. --set envoys.first_batch=80";
    SetUnknown = "E-SET-UNKNOWN", "--set 的数据项未被使用", "--set 的數據項未被使用", "--set of an unused fact"
        help "用 huibao check 查看数据项的名称，或在模板的 template.toml 中声明它",
             "用 huibao check 查看數據項的名稱，或在模板的 template.toml 中聲明它",
             "see the facts' names with huibao check, or declare it in the template's template.toml";
    Setting = "E-SETTING", "设置有误", "設置有誤", "invalid setting";
    Source = "E-SOURCE", "数据源声明有误", "數據源聲明有誤", "invalid source declaration";
    SourceHeader = "E-SOURCE-HEADER", "数据源列名有误", "數據源列名有誤", "source column names";
    SourceName = "E-SOURCE-NAME", "数据源重名", "數據源重名", "source name taken";
    SourceRead = "E-SOURCE-READ", "无法读取数据源", "無法讀取數據源", "cannot read a source";
    TableWide = "E-TABLE-WIDE", "表格太宽", "表格太寬", "table too wide"
        help "减少列数、缩短表头用词，或用 [style.table] size_pt 调小表格字号",
             "減少列數、縮短表頭用詞，或用 [style.table] size_pt 調小表格字號",
             "use fewer columns, shorter header words, or a smaller table size ([style.table] size_pt)";
    TemplateDepth = "E-TEMPLATE-DEPTH", "模板嵌套太深", "模板嵌套太深", "template nested too deep";
    TemplateEntry = "E-TEMPLATE-ENTRY", "模板缺少入口文件", "模板缺少入口文件", "template entry missing"
        help "在 template.toml 中用 entry = \"文件名\" 指定入口",
             "在 template.toml 中用 entry = \"文件名\" 指定入口",
             "name the entry file with entry = \"name\" in template.toml";
    TemplateFolder = "E-TEMPLATE-FOLDER", "模板文件夹有误", "模板文件夾有誤", "not a template folder"
        help "模板是一个含 template.toml 和 .hbs 文件的小文件夹，请检查 -t 或 [report] template",
             "模板是一個含 template.toml 和 .hbs 文件的小文件夾，請檢查 -t 或 [report] template",
             "a template is a small folder with template.toml and .hbs files: check -t or [report] template";
    TemplateLink = "E-TEMPLATE-LINK", "模板中的链接指向外部", "模板中的鏈接指向外部", "template link points outside"
        help "把要用的文件复制到模板文件夹中，不要用链接",
             "把要用的文件複製到模板文件夾中，不要用鏈接",
             "copy the file into the template folder instead of linking to it";
    TemplateNotFound = "E-TEMPLATE-NOT-FOUND", "找不到模板", "找不到模板", "template not found";
    TemplateSize = "E-TEMPLATE-SIZE", "模板文件太大", "模板文件太大", "template file too large"
        help "把这个文件拆成几个子模板（{{> 名称}}），每个文件单独解析",
             "把這個文件拆成幾個子模板（{{> 名稱}}），每個文件單獨解析",
             "split the file into partials ({{> name}}): each file is parsed by itself";
    TemplateSyntax = "E-TEMPLATE-SYNTAX", "模板语法错误", "模板語法錯誤", "template syntax error"
        help "检查 {{ }} 是否成对，{{#if}}/{{#each}} 是否有对应的 {{/if}}/{{/each}}",
             "檢查 {{ }} 是否成對，{{#if}}/{{#each}} 是否有對應的 {{/if}}/{{/each}}",
             "check that every {{ has its }} and every {{#if}}/{{#each}} its {{/if}}/{{/each}}";
    Threads = "E-THREADS", "无法启动工作线程", "無法啟動工作線程", "cannot start worker threads";
    Toml = "E-TOML", "数据文件语法错误", "數據文件語法錯誤", "TOML syntax error";
    Type = "E-TYPE", "数据项类型有误", "數據項類型有誤", "wrong kind of value";
    Utf8 = "E-UTF8", "文件不是 UTF-8 编码", "文件不是 UTF-8 編碼", "not UTF-8 text"
        help "请用 UTF-8 编码另存该文件（记事本：另存为 → 编码 UTF-8）",
             "請用 UTF-8 編碼另存該文件（記事本：另存為 → 編碼 UTF-8）",
             "save the file as UTF-8";
    Watch = "E-WATCH", "无法监视文件", "無法監視文件", "cannot watch files"
        help "Linux 上可能是 inotify 监视数已满：sysctl fs.inotify.max_user_watches",
             "Linux 上可能是 inotify 監視數已滿：sysctl fs.inotify.max_user_watches",
             "on Linux the inotify watch limit may be reached: sysctl fs.inotify.max_user_watches";
    Write = "E-WRITE", "无法写入文件", "無法寫入文件", "cannot write a file"
        help "请确认输出文件夹可写、磁盘未满、文件没有在 Word/WPS 中打开",
             "請確認輸出文件夾可寫、磁盤未滿、文件沒有在 Word/WPS 中打開",
             "check the folder is writable, the disk is not full and the file is not open in Word/WPS";
    NotePunct = "N-PUNCT", "标点已规范", "標點已規範", "punctuation normalized";
    NoteScript = "N-SCRIPT", "已转换简繁", "已轉換簡繁", "script converted";
    WarnCellError = "W-CELL-ERROR", "单元格是错误值", "單元格是錯誤值", "error value in a cell";
    WarnEmptyFact = "W-EMPTY-FACT", "数据项为空", "數據項為空", "empty fact"
        help "请在数据中填写该项，或在模板中用 {{#if}} 省去这句",
             "請在數據中填寫該項，或在模板中用 {{#if}} 省去這句",
             "fill in the fact, or leave the sentence out with {{#if}}";
    WarnFactUnused = "W-FACT-UNUSED", "数据项未被使用", "數據項未被使用", "unused fact";
    WarnFontFileGaps = "W-FONT-FILE-GAPS", "字体文件缺字", "字體文件缺字", "font file lacks characters";
    WarnGlyph = "W-GLYPH", "字体中没有该字", "字體中沒有該字", "character missing from the fonts";
    WarnLayoutImprint = "W-LAYOUT-IMPRINT", "版记另起一页", "版記另起一頁", "imprint on a page of its own";
    WarnLayoutSignature = "W-LAYOUT-SIGNATURE", "署名页正文太少", "署名頁正文太少", "signature page nearly empty";
    WarnMarkupSkip = "W-MARKUP-SKIP", "标题越级", "標題越級", "heading level skipped";
    WarnMarkupTitle = "W-MARKUP-TITLE", "标题太长", "標題太長", "long title";
    WarnMarkupTitleBody = "W-MARKUP-TITLE-BODY", "正文中出现标题行", "正文中出現標題行", "title line in the body";
    WarnRedline = "W-REDLINE", "修订稿未标出修改", "修訂稿未標出修改", "change not marked in the redline";

}

impl Code {
    /// The code written `id` (`E-FACT-MISSING`), if the catalog has it.
    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == id)
    }

    /// True for a note (`N-…`): a change only `huibao check` lists.
    pub fn is_note(self) -> bool {
        self.as_str().starts_with("N-")
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Codes compare with their printed form (`d.code == "E-TYPE"`).
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Printed forms compare with codes (`vec!["W-GLYPH"] == codes`).
impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_well_formed_and_titled() {
        let mut seen = std::collections::BTreeSet::new();
        for &c in Code::ALL {
            let id = c.as_str();
            assert!(seen.insert(id), "{id} twice");
            assert_eq!(Code::from_id(id), Some(c));
            let (kind, rest) = id.split_at(2);
            assert!(matches!(kind, "E-" | "W-" | "N-"), "{id}");
            assert!(
                !rest.is_empty()
                    && rest
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
                "{id}"
            );
            for lang in [Lang::Hans, Lang::Hant, Lang::En] {
                assert!(!c.title(lang).is_empty(), "{id}");
            }
            // The Traditional title is the Simplified one converted as messages are.
            assert_eq!(
                hanconv::s2tw(c.title(Lang::Hans)),
                c.title(Lang::Hant),
                "{id}"
            );
            if let Some(help) = c.help() {
                assert_eq!(hanconv::s2tw(&help.hans), help.hant, "{c}");
                assert!(!help.en.is_empty(), "{c}");
            }
        }
        assert_eq!(Code::from_id("E-NO-SUCH-CODE"), None);
    }
}
