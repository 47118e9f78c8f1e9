//! Catalog section: the command line's own help (what `huibao --help` and each subcommand's
//! `--help` say) and its usage errors (`huibao render --foo`). The English column is the text of
//! the derive in `src/cli/args.rs`, as clap shows it: `src/cli/help.rs` finds each help text here
//! by its English. The usage errors' English column is clap's wording; an English run prints
//! clap's own message (`src/cli/usage_error.rs`).

crate::texts! {
    // Headings and labels of every help page
    /// The heading before the usage line.
    usage_heading() = "用法", "用法", "Usage";
    /// The heading of the list of subcommands.
    commands_heading() = "命令", "命令", "Commands";
    /// The heading of the list of positional arguments.
    arguments_heading() = "参数", "參數", "Arguments";
    /// The heading of the list of options.
    options_heading() = "选项", "選項", "Options";
    /// The heading of an option's values with what each means (long help).
    possible_values_heading() = "可选值:", "可選值:", "Possible values:";
    /// An option's values, listed after its help (`[possible values: txt, docx]`).
    possible_values(values) = "[可选值: {values}]", "[可選值: {values}]", "[possible values: {values}]";
    /// An option's default value, after its help (`[default: out]`).
    default_value(value) = "[默认: {value}]", "[默認: {value}]", "[default: {value}]";
    /// Several examples after a subcommand's help, one command a line.
    examples(lines) = "示例:\n  {lines}", "示例:\n  {lines}", "Examples:\n  {lines}";
    /// One example after a subcommand's help.
    example(line) = "示例:\n  {line}", "示例:\n  {line}", "Example:\n  {line}";
    /// After the example `huibao render example -f txt`.
    builtin_example() = "（内置示例）", "（內置示例）", "(the built-in example)";

    // What clap adds to every command
    /// The `-h, --help` flag of a command without a longer help.
    help_flag() = "显示帮助", "顯示幫助", "Print help";
    /// The `-h` line of a command with a longer help.
    help_flag_summary() = "显示帮助（--help 显示详细说明）", "顯示幫助（--help 顯示詳細說明）", "Print help (see more with '--help')";
    /// The `--help` line of a command with a longer help.
    help_flag_long() = "显示帮助（-h 显示摘要）", "顯示幫助（-h 顯示摘要）", "Print help (see a summary with '-h')";
    /// The `-V, --version` flag.
    version_flag() = "显示版本", "顯示版本", "Print version";
    /// The `help` subcommand.
    help_command() = "显示本帮助或所给子命令的帮助", "顯示本幫助或所給子命令的幫助", "Print this message or the help of the given subcommand(s)";
    /// The argument of the `help` subcommand.
    help_command_arg() = "显示所给子命令的帮助", "顯示所給子命令的幫助", "Print help for the subcommand(s)";

    // The program and its subcommands
    /// What huibao is (the first line of `huibao --help`; the crate's description).
    about() = "用 TOML 数据和 Handlebars 模板写正式的中文汇报材料，输出 DOCX、PDF 和文本", "用 TOML 數據和 Handlebars 模板寫正式的中文匯報材料，輸出 DOCX、PDF 和文本", "Formal Chinese briefing reports (汇报材料) from TOML facts and Handlebars templates, as DOCX, PDF and text";
    /// `huibao render`.
    render_about() = "把报告生成为 DOCX、PDF、OFD 和/或文本", "把報告生成為 DOCX、PDF、OFD 和/或文本", "Render a report to DOCX, PDF, OFD and/or text";
    /// `huibao check`.
    check_about() = "检查报告的数据和模板，不写出任何文件", "檢查報告的數據和模板，不寫出任何文件", "Check a report's data and template; writes nothing";
    /// `huibao fonts`.
    fonts_about() = "显示每个字体角色用哪个字体文件，以及它覆盖报告中的多少字符", "顯示每個字體角色用哪個字體文件，以及它覆蓋報告中的多少字符", "Show which font file each role uses, and how many of a report's characters it covers";
    /// `huibao init`.
    init_about() = "新建一个可编辑的报告文件夹：示例数据和一份模板副本", "新建一個可編輯的報告文件夾：示例數據和一份模板副本", "Create a report folder to edit: example data and a copy of the template";
    /// `huibao batch`.
    batch_about() = "按会议清单为每次会议各生成一份报告，并行进行", "按會議清單為每次會議各生成一份報告，並行進行", "Render one report for each meeting of a manifest, in parallel";
    /// `huibao diff`.
    diff_about() = "比较报告数据的两个版本：改动的数据项、改动的句子、修订稿 DOCX", "比較報告數據的兩個版本：改動的數據項、改動的句子、修訂稿 DOCX", "Compare two versions of a report's facts: changed facts, changed sentences, redline DOCX";
    /// `huibao completions`.
    completions_about() = "输出 huibao 的 shell 补全脚本（bash、zsh、fish、powershell、elvish）", "輸出 huibao 的 shell 補全腳本（bash、zsh、fish、powershell、elvish）", "Print a shell completion script for huibao (bash, zsh, fish, powershell, elvish)";
    /// `huibao man`.
    man_about() = "输出手册页（roff），或把手册页写入文件夹，每个子命令一页", "輸出手冊頁（roff），或把手冊頁寫入文件夾，每個子命令一頁", "Print the manual page (roff), or write one page per subcommand into a folder";

    // Arguments
    /// The data files of `render` and `check`.
    data_files() = "数据文件（TOML），按顺序合并：后面的文件优先", "數據文件（TOML），按順序合併：後面的文件優先", "Data files (TOML), merged in order: later files win";
    /// `--set`.
    set_fact() = "覆盖一个数据项：点分路径=值（值按 TOML 读取，否则按文本）；可多次使用", "覆蓋一個數據項：點分路徑=值（值按 TOML 讀取，否則按文本）；可多次使用", "Override a fact: dotted.key=value (value read as TOML, else as text). Repeatable";
    /// `--template` of `render`, `check` and `diff`.
    template() = "模板文件夹或名称（默认：数据中的 report.template）", "模板文件夾或名稱（默認：數據中的 report.template）", "Template folder or name (default: report.template in the data)";
    /// `--script` of `render`, `check` and `diff`.
    script() = "输出用字：hans（简体）、hant（繁体，OpenCC 字形）、hant-tw 或 hant-hk（默认：数据中的 report.script）", "輸出用字：hans（簡體）、hant（繁體，OpenCC 字形）、hant-tw 或 hant-hk（默認：數據中的 report.script）", "Output script: hans (简体), hant (繁體, OpenCC forms), hant-tw or hant-hk (default: report.script in the data)";
    /// `--no-normalize`.
    no_normalize() = "标点保持原样（不把半角标点规范为全角）", "標點保持原樣（不把半角標點規範為全角）", "Keep punctuation as written (no half-width → full-width normalization)";
    /// `--lang`.
    lang() = "提示信息和帮助的语言（默认中文，英文区域设置下为英文）", "提示信息和幫助的語言（默認中文，英文區域設置下為英文）", "Language of messages and help (default: Chinese, or English under an English locale)";
    /// `--builtin-fonts` of `render` and `check`.
    builtin_fonts_ignoring() = "只用 huibao 内置的字体，不用已安装的字体（也可设 HUIBAO_BUILTIN_FONTS=1）", "只用 huibao 內置的字體，不用已安裝的字體（也可設 HUIBAO_BUILTIN_FONTS=1）", "Use only the fonts built into huibao, ignoring installed ones (also HUIBAO_BUILTIN_FONTS=1)";
    /// `--allow-missing-glyphs`.
    allow_missing_glyphs() = "任何字体都没有的字符只作警告（显示为方框），不作为错误", "任何字體都沒有的字符只作警告（顯示為方框），不作為錯誤", "Characters no font has are a warning (drawn as a box) instead of an error";
    /// `--pdf-standard`.
    pdf_standard() = "按存档标准写 PDF：a-2b（PDF/A-2b）；也可用 `[report] pdf_standard`", "按存檔標準寫 PDF：a-2b（PDF/A-2b）；也可用 `[report] pdf_standard`", "Write the PDF to an archival standard: a-2b (PDF/A-2b); also `[report] pdf_standard`";
    /// `--ofd-a`.
    ofd_a() = "把 OFD 写成 OFD-A（GB/T 42133 存档 OFD）；也可用 `[report] ofd = \"ofd-a\"`", "把 OFD 寫成 OFD-A（GB/T 42133 存檔 OFD）；也可用 `[report] ofd = \"ofd-a\"`", "Write the OFD as OFD-A (GB/T 42133 archival OFD); also `[report] ofd = \"ofd-a\"`";
    /// `--format` of `render`.
    formats() = "输出格式，多个用英文逗号分隔：txt、docx、pdf、ofd", "輸出格式，多個用英文逗號分隔：txt、docx、pdf、ofd", "Output formats, comma-separated: txt, docx, pdf, ofd";
    /// `--out` of `render` and `batch`.
    out_folder() = "输出文件夹", "輸出文件夾", "Output folder";
    /// `--watch`.
    watch() = "持续运行：用到的数据或模板文件一有改动就重新生成", "持續運行：用到的數據或模板文件一有改動就重新生成", "Keep running: re-render whenever a data or template file it used changes";
    /// `--watch-limit` (hidden).
    watch_limit() = "重新生成这么多次后停止监视（供测试和脚本使用）", "重新生成這麼多次後停止監視（供測試和腳本使用）", "Stop watching after this many re-renders (for tests and scripts)";
    /// The manifest of `batch`.
    manifest() = "会议清单：一个 `defaults` 表，每次会议一个 `meeting` 表", "會議清單：一個 `defaults` 表，每次會議一個 `meeting` 表", "The meeting manifest: a `defaults` table and one `meeting` table per meeting";
    /// `--jobs`.
    jobs() = "同时生成的报告数（默认：每个处理器核心一份）", "同時生成的報告數（默認：每個處理器核心一份）", "Number of reports rendered at once (default: one per core)";
    /// `--shard`.
    shard() = "只生成 N 份中的第 I 份（序号 ≡ I−1 mod N 的会议），如 1/2", "只生成 N 份中的第 I 份（序號 ≡ I−1 mod N 的會議），如 1/2", "Render only slice I of N (meetings at positions ≡ I−1 mod N), e.g. 1/2";
    /// `--format` of `batch`.
    batch_formats() = "每次会议的输出格式，优先于清单中的设置：txt、docx、pdf、ofd", "每次會議的輸出格式，優先於清單中的設置：txt、docx、pdf、ofd", "Output formats for every meeting, overriding the manifest: txt, docx, pdf, ofd";
    /// `--builtin-fonts` of `batch`.
    batch_builtin_fonts() = "只用 huibao 内置的字体（批量生成分到多台机器上时，各台得到相同的 PDF）", "只用 huibao 內置的字體（批量生成分到多臺機器上時，各臺得到相同的 PDF）", "Use only the fonts built into huibao (same PDFs on every machine a batch is spread over)";
    /// The first data file of `diff`.
    old_facts() = "数据的较早版本", "數據的較早版本", "The earlier version of the facts";
    /// The second data file of `diff`.
    new_facts() = "数据的较新版本", "數據的較新版本", "The later version of the facts";
    /// `--format` of `diff`.
    diff_format() = "txt：输出逐句比较；docx：另写一份带修订标记的 DOCX", "txt：輸出逐句比較；docx：另寫一份帶修訂標記的 DOCX", "txt: print the sentence-level diff; docx: also write a redline with tracked changes";
    /// `--out` of `diff`.
    redline_out() = "修订稿 DOCX 的写入位置（默认：out/新版文件名-redline.docx）", "修訂稿 DOCX 的寫入位置（默認：out/新版文件名-redline.docx）", "Where to write the redline DOCX (default: out/STEM-redline.docx)";
    /// The data files of `fonts`.
    fonts_data() = "报告的数据文件（可选）：用其中的样式和字符", "報告的數據文件（可選）：用其中的樣式和字符", "A report's data files (optional): its style and characters are used";
    /// `--builtin-fonts` of `fonts`.
    builtin_fonts_only() = "只用 huibao 内置的字体", "只用 huibao 內置的字體", "Use only the fonts built into huibao";
    /// `--script` of `fonts`.
    fonts_script() = "未给数据时的输出用字：hans、hant、hant-tw 或 hant-hk", "未給數據時的輸出用字：hans、hant、hant-tw 或 hant-hk", "Output script when no data is given: hans, hant, hant-tw or hant-hk";
    /// The folder of `init`.
    init_dir() = "要创建的文件夹（须不存在或为空）", "要創建的文件夾（須不存在或為空）", "The folder to create (must not exist or be empty)";
    /// `--template` of `init`.
    init_template() = "起步用的内置模板：名称或文种（工作汇报、情况报告……）；见 --list", "起步用的內置模板：名稱或文種（工作彙報、情況報告……）；見 --list", "The built-in template to start from: its name or its kind (工作汇报, 情况报告 …); see --list";
    /// `--list` of `init`.
    init_list() = "列出内置模板及一句话说明，不创建任何东西", "列出內置模板及一句話說明，不創建任何東西", "List the built-in templates with a one-line description, and create nothing";
    /// The shell of `completions`.
    shell() = "要补全的 shell", "要補全的 shell", "The shell to complete in";
    /// `--out` of `man`.
    man_out() = "把 huibao.1 和每个子命令一页 huibao-子命令.1 写入这个文件夹，而不是输出 huibao.1", "把 huibao.1 和每個子命令一頁 huibao-子命令.1 寫入這個文件夾，而不是輸出 huibao.1", "Write huibao.1 and one huibao-SUBCOMMAND.1 page per subcommand into this folder instead of printing huibao.1";

    // Values of options
    /// `--script hans`.
    script_hans() = "简体中文", "簡體中文", "Simplified Chinese";
    /// `--script hant` (forms: sample characters, written as they are).
    script_hant(forms) = "繁体中文，OpenCC 标准字形（{forms}）", "繁體中文，OpenCC 標準字形（{forms}）", "Traditional Chinese, OpenCC standard forms ({forms})";
    /// `--script hant-tw`.
    script_hant_tw(forms) = "繁体中文，台湾标准字形（{forms}）", "繁體中文，臺灣標準字形（{forms}）", "Traditional Chinese, Taiwan standard forms ({forms})";
    /// `--script hant-hk`.
    script_hant_hk(forms) = "繁体中文，香港标准字形（{forms}）", "繁體中文，香港標準字形（{forms}）", "Traditional Chinese, Hong Kong standard forms ({forms})";
    /// `--lang zh`.
    lang_zh() = "中文，用报告的字形（简体或繁体）", "中文，用報告的字形（簡體或繁體）", "Chinese, in the report's script";
    /// `--lang en`.
    lang_en() = "英文", "英文", "English";
    /// `--pdf-standard a-2b`.
    pdf_a2b() = "PDF/A-2b（ISO 19005-2，B 级）", "PDF/A-2b（ISO 19005-2，B 級）", "PDF/A-2b (ISO 19005-2, level B)";
    /// `diff --format txt`.
    diff_txt() = "改动的数据项和逐句比较，输出到标准输出", "改動的數據項和逐句比較，輸出到標準輸出", "Changed facts and a sentence-level diff on standard output";
    /// `diff --format docx`.
    diff_docx() = "同上，另加一份带 Word 修订标记的 DOCX", "同上，另加一份帶 Word 修訂標記的 DOCX", "The same, plus a DOCX redline with Word tracked changes";

    // Usage errors (src/cli/usage_error.rs): what clap would say in English
    /// The label before a hint under a usage error (`tip: a similar argument exists`).
    tip_label() = "提示", "提示", "tip";
    /// A parameter named in a usage error (`the argument '--list' cannot be used with …`).
    argument_word() = "参数", "參數", "argument";
    /// A subcommand named in a usage error.
    subcommand_word() = "子命令", "子命令", "subcommand";
    /// A value named in a usage error's hint (`a similar value exists`).
    value_word() = "值", "值", "value";
    /// A name quoted in a list of a usage error (`'render', 'check'`).
    quoted(name) = "“{name}”", "“{name}”", "'{name}'";
    /// The last line of a usage error: how to get the help.
    try_help(flag) = "要了解更多信息，请试用“{flag}”。", "要了解更多信息，請試用“{flag}”。", "For more information, try '{flag}'.";
    /// An option or argument the command does not have (`huibao render --foo`).
    unknown_argument(arg) = "无法识别的参数“{arg}”", "無法識別的參數“{arg}”", "unexpected argument '{arg}' found";
    /// A subcommand huibao does not have (`huibao rendr`).
    unknown_subcommand(name) = "无法识别的子命令“{name}”", "無法識別的子命令“{name}”", "unrecognized subcommand '{name}'";
    /// A value that is not one of an option's values (`--lang xx`).
    invalid_value(value, arg) = "“{arg}”的值“{value}”无效", "“{arg}”的值“{value}”無效", "invalid value '{value}' for '{arg}'";
    /// A value an option's parser rejects, with the reason (`--format xx`, `--jobs x`).
    invalid_value_because(value, arg, reason) = "“{arg}”的值“{value}”无效：{reason}", "“{arg}”的值“{value}”無效：{reason}", "invalid value '{value}' for '{arg}': {reason}";
    /// An option given without its value (`--lang` at the end of the line).
    value_required(arg) = "“{arg}”需要一个值，但没有给出", "“{arg}”需要一個值，但沒有給出", "a value is required for '{arg}' but none was supplied";
    /// A value given to an option that takes no more (`--watch=yes`).
    unexpected_value(value, arg) = "“{arg}”不接受更多的值，却给了“{value}”", "“{arg}”不接受更多的值，卻給了“{value}”", "unexpected value '{value}' for '{arg}' found; no more were expected";
    /// Fewer values than an option needs, several given.
    too_few_values(min, arg, actual) = "“{arg}”至少需要 {min} 个值，只给了 {actual} 个", "“{arg}”至少需要 {min} 個值，只給了 {actual} 個", "{min} values required by '{arg}'; only {actual} were provided";
    /// Fewer values than an option needs, one given.
    too_few_values_one(min, arg, actual) = "“{arg}”至少需要 {min} 个值，只给了 {actual} 个", "“{arg}”至少需要 {min} 個值，只給了 {actual} 個", "{min} values required by '{arg}'; only {actual} was provided";
    /// Not the number of values an option takes, several given.
    wrong_number_of_values(expected, arg, actual) = "“{arg}”需要 {expected} 个值，却给了 {actual} 个", "“{arg}”需要 {expected} 個值，卻給了 {actual} 個", "{expected} values required for '{arg}' but {actual} were provided";
    /// Not the number of values an option takes, one given.
    wrong_number_of_values_one(expected, arg, actual) = "“{arg}”需要 {expected} 个值，却给了 {actual} 个", "“{arg}”需要 {expected} 個值，卻給了 {actual} 個", "{expected} values required for '{arg}' but {actual} was provided";
    /// An option whose value must follow an equals sign, given without one.
    no_equals(arg) = "给“{arg}”赋值时须用等号", "給“{arg}”賦值時須用等號", "equal sign is needed when assigning values to '{arg}'";
    /// An option that takes one value, given twice (`--script hans --script hant`).
    used_twice(arg) = "参数“{arg}”只能用一次", "參數“{arg}”只能用一次", "the argument '{arg}' cannot be used multiple times";
    /// Two arguments that exclude each other (`init --list DIR`); what: argument_word or subcommand_word.
    conflict(what, name, other) = "{what}“{name}”不能与“{other}”同时使用", "{what}“{name}”不能與“{other}”同時使用", "the {what} '{name}' cannot be used with '{other}'";
    /// An argument that excludes several given ones, listed one a line after the colon.
    conflict_list(what, name, others) = "{what}“{name}”不能与下列参数同时使用：{others}", "{what}“{name}”不能與下列參數同時使用：{others}", "the {what} '{name}' cannot be used with:{others}";
    /// An argument that excludes another given one, not named.
    conflict_any(what, name) = "{what}“{name}”不能与所给的其他参数同时使用", "{what}“{name}”不能與所給的其他參數同時使用", "the {what} '{name}' cannot be used with one or more of the other specified arguments";
    /// Required arguments not given (`huibao render` without data), listed one a line after the colon.
    missing_required(args) = "缺少下列必需的参数：{args}", "缺少下列必需的參數：{args}", "the following required arguments were not provided:{args}";
    /// A command given without one of its subcommands.
    missing_subcommand(name) = "“{name}”需要一个子命令，但没有给出", "“{name}”需要一個子命令，但沒有給出", "'{name}' requires a subcommand but one was not provided";
    /// The subcommands a command has, after `missing_subcommand`.
    subcommands_list(names) = "[子命令: {names}]", "[子命令: {names}]", "[subcommands: {names}]";
    /// An argument that is not valid UTF-8 where text is needed.
    invalid_utf8() = "参数中有无效的 UTF-8 字符", "參數中有無效的 UTF-8 字符", "invalid UTF-8 was detected in one or more arguments";
    /// Any other problem with the command line (one huibao has no words for).
    bad_command_line() = "命令行有误", "命令行有誤", "the command line is not valid";
    /// Hint: one name close to what was typed (what: argument_word, subcommand_word or value_word).
    similar_one(what, name) = "有相似的{what}：{name}", "有相似的{what}：{name}", "a similar {what} exists: {name}";
    /// Hint: several names close to what was typed.
    similar_many(what, names) = "有几个相似的{what}：{names}", "有幾個相似的{what}：{names}", "some similar {what}s exist: {names}";
    /// Hint: a value that looks like an option goes after `--`.
    pass_as_value(arg, command) = "要把“{arg}”作为值传入，请写成“{command}”", "要把“{arg}”作為值傳入，請寫成“{command}”", "to pass '{arg}' as a value, use '{command}'";
    /// Hint: the option exists in a subcommand (`huibao --watch` → `render --watch`).
    exists_in_subcommand(command) = "有“{command}”可用", "有“{command}”可用", "'{command}' exists";
    /// Hint: a subcommand written after `--`.
    remove_double_dash(name) = "有子命令“{name}”；要使用它，请去掉它前面的“--”", "有子命令“{name}”；要使用它，請去掉它前面的“--”", "subcommand '{name}' exists; to use it, remove the '--' before it";
    /// Reason a number option's value is rejected: not digits (`--jobs x`).
    int_invalid() = "不是有效的数字", "不是有效的數字", "invalid digit found in string";
    /// Reason a number option's value is rejected: empty.
    int_empty() = "没有给出数字", "沒有給出數字", "cannot parse integer from empty string";
    /// Reason a number option's value is rejected: too large.
    int_too_large() = "数字太大", "數字太大", "number too large to fit in target type";
    /// Reason a number option's value is rejected: too small.
    int_too_small() = "数字太小", "數字太小", "number too small to fit in target type";
    /// Reason a number option's value is rejected: zero where zero is not allowed.
    int_zero() = "不能为零", "不能為零", "number would be zero for non-zero type";
}
