//! Catalog section: messages about templates, markup, helpers and rendering.

crate::texts! {
    /// A message about a fact read from a spreadsheet cell, naming the cell.
    from_cell(message, cell) = "{message}（单元格 {cell}）", "{message}（單元格 {cell}）", "{message} (cell {cell})";
    /// A message about a fact whose spreadsheet cell is empty.
    from_empty_cell(message, cell) = "{message}（单元格 {cell} 为空）", "{message}（單元格 {cell} 為空）", "{message} (the cell {cell} is empty)";

    // Template helpers (src/helpers.rs).

    /// A helper failed: the helper's name before what went wrong.
    helper_failed(helper, message) = "辅助函数 {helper}：{message}", "輔助函數 {helper}：{message}", "helper `{helper}`: {message}";
    /// A helper was given options it does not take.
    unknown_option(options, takes) = "未知的选项 {options}；{takes}", "未知的選項 {options}；{takes}", "unknown option {options}; {takes}";
    /// What a helper that takes no options takes, after `unknown_option`.
    takes_no_options() = "不接受任何选项", "不接受任何選項", "takes no options";
    /// The options a helper takes, after `unknown_option`.
    options_are(options) = "可用的选项：{options}", "可用的選項：{options}", "its options are: {options}";
    /// The data's `report.script` names no script.
    report_script_unknown(name) = "report.script 应为 hans、hant、hant-tw 或 hant-hk，而不是“{name}”", "report.script 應為 hans、hant、hant-tw 或 hant-hk，而不是“{name}”", "report.script must be hans, hant, hant-tw or hant-hk, not \"{name}\"";
    /// The data's `report.script` is not text (`got` is a value's kind, as `got_number`).
    report_script_not_text(got) = "report.script 应为 hans、hant、hant-tw 或 hant-hk，而不是{got}", "report.script 應為 hans、hant、hant-tw 或 hant-hk，而不是{got}", "report.script must be hans, hant, hant-tw or hant-hk, not {got}";
    /// A helper call lacks an argument (`what` is a kind, as `kind_list`).
    argument_missing(n, what) = "缺少第{n}个参数，应为{what}", "缺少第{n}個參數，應為{what}", "argument {n} is missing: expected {what}";
    /// A helper's argument names a fact the data lacks.
    argument_fact_missing(path, what) = "数据中没有 {path}（应为{what}）", "數據中沒有 {path}（應為{what}）", "the fact `{path}` is missing (expected {what})";
    /// A helper's argument, a fact, is of the wrong kind.
    argument_wrong_at(n, path, what, got) = "第{n}个参数 ({path})应为{what}，实际是{got}", "第{n}個參數 ({path})應為{what}，實際是{got}", "argument {n} ({path}) must be {what}, got {got}";
    /// A helper's argument, written in the template, is of the wrong kind.
    argument_wrong(n, what, got) = "第{n}个参数应为{what}，实际是{got}", "第{n}個參數應為{what}，實際是{got}", "argument {n} must be {what}, got {got}";
    /// An item of a list given to a helper is of the wrong kind.
    list_item_wrong(n, what, got) = "列表第{n}项应为{what}，实际是{got}", "列表第{n}項應為{what}，實際是{got}", "item {n} of the list must be {what}, got {got}";
    /// An item of a list joined or enumerated is neither text nor a number.
    list_item_not_text(n, got) = "列表第{n}项应为文字或数字，实际是{got}", "列表第{n}項應為文字或數字，實際是{got}", "item {n} of the list must be text or a number, got {got}";
    /// A helper's option has a value of the wrong kind.
    option_wrong(key, what, got) = "选项 {key} 应为{what}，实际是{got}", "選項 {key} 應為{what}，實際是{got}", "option {key} must be {what}, got {got}";
    /// `streak` was given an empty list.
    years_empty() = "年份列表为空，无法计算连续年数", "年份列表為空，無法計算連續年數", "the list of years is empty";
    /// A number a helper cannot write in Chinese numerals (`size` is `too_large` or `too_small`).
    number_not_numeral(number, size) = "数字 {number} {size}，无法写成汉字", "數字 {number} {size}，無法寫成漢字", "the number {number} is {size} to write in Chinese numerals";
    /// A number `thousands` cannot group (`size` is `too_large` or `too_small`).
    number_not_grouped(number, size) = "数字 {number} {size}，无法分节书写", "數字 {number} {size}，無法分節書寫", "the number {number} is {size} to write with separators";
    /// What a number that cannot be written out is.
    too_large() = "太大", "太大", "too large";
    /// What a number below 1 that cannot be written out is.
    too_small() = "太小（小数位太多）", "太小（小數位太多）", "too small (too many decimals)";
    /// A number outside what a helper computes with.
    number_out_of_range(number) = "数字 {number} 超出可书写的范围", "數字 {number} 超出可書寫的範圍", "the number {number} is out of the range this helper writes";
    /// `year_cn` was given a negative year.
    year_negative(year) = "年份不能为负数（{year}）", "年份不能為負數（{year}）", "a year cannot be negative ({year})";
    /// `date` was given an unknown `format=`.
    date_format_unknown(format) = "未知的 format=\"{format}\"，可用 ymd、md、ym、cn、cn_md、month、day", "未知的 format=\"{format}\"，可用 ymd、md、ym、cn、cn_md、month、day", "unknown format=\"{format}\": use ymd, md, ym, cn, cn_md, month or day";
    /// `enumerate` was given an unknown `style=`.
    enumerate_style_unknown(style) = "未知的 style=\"{style}\"，可用 paren（（一）…）或 shi（一是…）", "未知的 style=\"{style}\"，可用 paren（（一）…）或 shi（一是…）", "unknown style=\"{style}\": use paren (（一）…) or shi (一是…)";
    /// `change` compares with an old value of 0.
    growth_from_zero() = "原值为 0，无法计算增长率", "原值為 0，無法計算增長率", "the old value is 0: there is no growth rate";
    /// `approx` was given a negative number.
    approx_negative(number) = "约数只用于 0 及以上的数，实际是 {number}", "約數只用於 0 及以上的數，實際是 {number}", "approx needs a number of 0 or more, got {number}";
    /// A division by a divisor of 0 given as a fact.
    divisor_zero_at(path) = "除数（{path}）为 0", "除數（{path}）為 0", "the divisor {path} is 0";
    /// A division by a divisor of 0 written in the template.
    divisor_zero() = "除数为 0", "除數為 0", "the divisor is 0";
    /// An item summed or averaged is not a number.
    item_not_number(place, got) = "{place} 应为数字，实际是{got}", "{place} 應為數字，實際是{got}", "{place} must be a number, got {got}";
    /// A row summed or averaged by a field lacks the field.
    item_field_missing(place, row) = "{place} 不存在（第{row}行没有该字段）", "{place} 不存在（第{row}行沒有該字段）", "{place} is missing (row {row} has no such field)";
    /// `average` was given an empty list.
    average_empty() = "列表为空，无法求平均值", "列表為空，無法求平均值", "the list is empty: there is no average";
    /// `round`/`fixed` was given a number of decimals out of range.
    decimals_out_of_range(max, n) = "小数位数应为 0 到 {max}，实际是 {n}", "小數位數應為 0 到 {max}，實際是 {n}", "the number of decimals must be 0 to {max}, got {n}";
    /// `year_rel` without `base=` in data without `report.date`.
    no_report_date() = "没有 report.date，请写 base=年份", "沒有 report.date，請寫 base=年份", "no report.date: give base=YEAR";

    // What a helper's argument must be, after "must be".

    /// A whole number.
    kind_integer() = "整数", "整數", "a whole number";
    /// A date.
    kind_date() = "日期（如 2012-10-10）", "日期（如 2012-10-10）", "a date like 2012-10-10";
    /// A year, in a list of years.
    kind_year() = "年份（整数）", "年份（整數）", "a year (whole number)";
    /// A year or a date.
    kind_year_or_date() = "年份或日期", "年份或日期", "a year or a date";
    /// A number or a list of numbers (`sum`, `average`).
    kind_numbers() = "数字或数字列表", "數字或數字列表", "a number or a list of numbers";
    /// The name of a field of the rows (`sum ROWS "field"`).
    kind_field_name() = "字段名（文字）", "字段名（文字）", "a field name (text)";
    /// A flag option.
    kind_flag() = "true 或 false", "true 或 false", "true or false";
    /// A text option.
    kind_text() = "文字", "文字", "text";
    /// The `digits=` option.
    kind_digits() = "0 到 10 的整数", "0 到 10 的整數", "a whole number 0–10";

    // What a helper got instead, after "got".

    /// Nothing (JSON null).
    got_null() = "空值", "空值", "nothing (null)";
    /// A yes/no value.
    got_bool(value) = "布尔值 {value}", "布爾值 {value}", "the boolean {value}";
    /// A number.
    got_number(value) = "数字 {value}", "數字 {value}", "the number {value}";
    /// A text.
    got_text(value) = "文字“{value}”", "文字“{value}”", "the text \"{value}\"";
    /// A list.
    got_list(n) = "含{n}项的列表", "含{n}項的列表", "a list of {n} items";
    /// A table.
    got_table() = "表（table）", "表（table）", "a table";
    // Loading a template (src/template/mod.rs).

    /// No template of that name was found.
    template_not_found(name) = "找不到模板“{name}”", "找不到模板“{name}”", "template `{name}` not found";
    /// Where templates are looked for, after `template_not_found`.
    template_not_found_help(builtin) = "模板是一个含 template.toml 的文件夹，放在 ./templates/ 或数据文件旁；内置模板：{builtin}", "模板是一個含 template.toml 的文件夾，放在 ./templates/ 或數據文件旁；內置模板：{builtin}", "a template is a folder with template.toml in ./templates/ or next to the data file; built-in: {builtin}";
    /// A folder named as a template holds neither template.toml nor report.hbs.
    not_template_folder(dir) = "{dir} 不是模板文件夹：其中没有 template.toml 或 report.hbs", "{dir} 不是模板文件夾：其中沒有 template.toml 或 report.hbs", "{dir} is not a template folder: it has no template.toml or report.hbs";
    /// A note: punctuation was normalized (`changes` lists `before → after`).
    punct_normalized(changes) = "标点已规范：{changes}", "標點已規範：{changes}", "punctuation normalized: {changes}";
    /// template.toml cannot be parsed.
    manifest_invalid(reason) = "template.toml 有误：{reason}", "template.toml 有誤：{reason}", "invalid template.toml: {reason}";
    /// A default value in template.toml holds a control character (`code` is U+XXXX).
    default_control_char(key, code) = "默认值“{key}”中含有不可见的控制字符 {code}", "默認值“{key}”中含有不可見的控制字符 {code}", "the default `{key}` contains an invisible control character {code}";
    /// A template file holds a control character (`code` is U+XXXX).
    template_control_char(code) = "模板中含有不可见的控制字符 {code}", "模板中含有不可見的控制字符 {code}", "the template contains an invisible control character {code}";
    /// Advice for a control character in a template.
    retype_char_help() = "删去这个字符后重新输入该处文字", "刪去這個字符後重新輸入該處文字", "delete the character and retype the text there";
    /// Blocks or parentheses of a template nest too deep to parse.
    nested_too_deep(max) = "块或括号嵌套超过 {max} 层", "塊或括號嵌套超過 {max} 層", "blocks or parentheses are nested more than {max} deep";
    /// A template file has too many tags to parse.
    template_too_large() = "模板文件太大：到这里为止的 {{…}} 标记数乘以文件长度超出了解析的限度", "模板文件太大：到這裡為止的 {{…}} 標記數乘以文件長度超出瞭解析的限度", "the template file is too large: its {{…}} tags up to here, times their distance from the file's start, exceed what is parsed";
    /// A block is never closed.
    block_unclosed(name) = "{{{{#{name}}}}} 没有对应的 {{{{/{name}}}}}", "{{{{#{name}}}}} 沒有對應的 {{{{/{name}}}}}", "{{{{#{name}}}}} is never closed with {{{{/{name}}}}}";
    /// A template syntax error (`reason` from the parser, as `syntax_expected`).
    template_syntax(reason) = "模板语法错误：{reason}", "模板語法錯誤：{reason}", "template syntax error: {reason}";
    /// The parser's reason when it expected something else.
    syntax_expected(reason) = "这里的写法不符合模板语法（{reason}）", "這裡的寫法不符合模板語法（{reason}）", "{reason}";
    /// The parser's reason for a block not closed.
    syntax_unclosed(reason) = "块没有闭合（{reason}）", "塊沒有閉合（{reason}）", "{reason}";
    /// Advice for a template syntax error.
    template_syntax_help() = "检查 {{ }} 是否成对，{{#if}}/{{#each}} 是否有对应的 {{/if}}/{{/each}}", "檢查 {{ }} 是否成對，{{#if}}/{{#each}} 是否有對應的 {{/if}}/{{/each}}", "check that every {{ has its }} and every {{#if}}/{{#each}} its {{/if}}/{{/each}}";
    /// The template's entry file is missing.
    no_entry_file(template, entry) = "模板 {template} 中没有入口文件 {entry}.hbs", "模板 {template} 中沒有入口文件 {entry}.hbs", "template {template} has no entry file {entry}.hbs";
    /// A template folder cannot be read.
    folder_unreadable(dir, reason) = "无法读取模板文件夹 {dir}：{reason}", "無法讀取模板文件夾 {dir}：{reason}", "cannot read template folder {dir}: {reason}";
    /// A template folder holds too many files and folders.
    folder_too_many_entries(dir, limit) = "模板文件夹 {dir} 超过 {limit} 个文件，不像是模板文件夹", "模板文件夾 {dir} 超過 {limit} 個文件，不像是模板文件夾", "the template folder {dir} has more than {limit} entries: it does not look like a template";
    /// A template folder nests folders too deep.
    folder_too_deep(dir, limit) = "模板文件夹 {dir} 超过 {limit} 层子文件夹，不像是模板文件夹", "模板文件夾 {dir} 超過 {limit} 層子文件夾，不像是模板文件夾", "the template folder {dir} has more than {limit} levels of folders: it does not look like a template";
    /// A link in a template folder leads out of it or to a folder.
    template_link(path) = "模板文件夹中的链接 {path} 指向模板文件夹之外或另一个文件夹，不予读取", "模板文件夾中的鏈接 {path} 指向模板文件夾之外或另一個文件夾，不予讀取", "the link {path} leads out of the template folder or to a folder, and is not followed";

    // Checking and rendering a template (src/template/).

    /// A fact the template uses is missing.
    fact_missing(path) = "数据中缺少“{path}”", "數據中缺少“{path}”", "the data has no fact `{path}`";
    /// A `lookup` expression finds nothing.
    lookup_nothing(expr) = "{expr} 在数据中找不到对应的项", "{expr} 在數據中找不到對應的項", "{expr} finds nothing in the data";
    /// A helper the template calls does not exist.
    helper_unknown(name) = "未知的模板函数“{name}”", "未知的模板函數“{name}”", "unknown helper `{name}`";
    /// The helpers there are, after `helper_unknown`.
    helpers_available(names) = "可用的函数：{names}", "可用的函數：{names}", "available helpers: {names}";
    /// A partial the template includes does not exist.
    partial_not_found(name) = "找不到子模板“{name}”", "找不到子模板“{name}”", "partial `{name}` not found";
    /// The template's files, after `partial_not_found`.
    template_files(names) = "已有的模板文件：{names}", "已有的模板文件：{names}", "template files: {names}";
    /// Rendering failed for another reason (`reason` from handlebars).
    render_failed(reason) = "模板渲染失败：{reason}", "模板渲染失敗：{reason}", "rendering failed: {reason}";
    /// Partials include each other (`chain` is `a → b → a`).
    partial_loop(chain) = "子模板互相包含，形成循环：{chain}", "子模板互相包含，形成循環：{chain}", "partials include each other in a loop: {chain}";
    /// Blocks and partials nest too deep to render.
    partials_too_deep(max, chain) = "块和子模板嵌套超过 {max} 层（经过子模板：{chain}）", "塊和子模板嵌套超過 {max} 層（經過子模板：{chain}）", "blocks and partials are nested more than {max} deep (through the partials {chain})";
    /// A partial's name comes from the data.
    partial_dynamic() = "子模板的名称必须写在模板里，不能由数据决定（数据只是文字，结构由模板决定）", "子模板的名稱必須寫在模板裡，不能由數據決定（數據只是文字，結構由模板決定）", "a partial's name must be written in the template, not chosen by the data (facts are text; the template decides the structure)";
    /// A fact given to a helper is of the wrong kind (`what` as `kind_list`).
    argument_type(helper, n, path, what) = "{helper} 的第 {n} 个参数“{path}”应为{what}", "{helper} 的第 {n} 個參數“{path}”應為{what}", "argument {n} of {helper} (`{path}`) must be {what}";
    /// An optional fact is missing where the template uses it unguarded.
    optional_fact_missing(path) = "可选数据项“{path}”缺失，却被直接使用", "可選數據項“{path}”缺失，卻被直接使用", "optional fact `{path}` is missing but used directly";
    /// Advice for a missing fact tested by `#if`.
    fact_missing_optional_help() = "若这是可有可无的数据，请在模板的 template.toml 中列入 optional 或 [defaults]；否则请检查拼写", "若這是可有可無的數據，請在模板的 template.toml 中列入 optional 或 [defaults]；否則請檢查拼寫", "if the fact may be absent, list it under optional or [defaults] in template.toml; otherwise check the spelling";
    /// Advice for a missing fact.
    fact_missing_help() = "请在数据文件中补上这一项，或检查模板中的拼写", "請在數據文件中補上這一項，或檢查模板中的拼寫", "add this fact to the data file, or check its spelling in the template";
    /// A fact printed in a sentence is empty text.
    fact_empty(path) = "数据项“{path}”是空文字，句中会留下空缺", "數據項“{path}”是空文字，句中會留下空缺", "fact `{path}` is empty text: the sentence will have a gap";
    /// Advice for an empty fact.
    fact_empty_help() = "请在数据中填写该项，或在模板中用 {{#if}} 省去这句", "請在數據中填寫該項，或在模板中用 {{#if}} 省去這句", "fill in the fact, or leave the sentence out with {{#if}}";
    /// `#each` over a fact that is not a list.
    each_not_list(path) = "“{path}”应当是列表，#each 才能逐项列出", "“{path}”應當是列表，#each 才能逐項列出", "`{path}` must be a list for #each";
    /// A fact printed into prose is of a kind prose cannot print (`kind` as `a_table`).
    fact_unprintable(path, kind) = "“{path}”是{kind}，不能直接写进正文", "“{path}”是{kind}，不能直接寫進正文", "`{path}` is {kind}, which prose cannot print as it is";
    /// Advice for a fact prose cannot print.
    fact_unprintable_help() = "列表用 join 或 enumerate 列出，数字用数字函数（cn、thousands、percent）书写，表用其中的某一项", "列表用 join 或 enumerate 列出，數字用數字函數（cn、thousands、percent）書寫，表用其中的某一項", "list a list with join or enumerate, write numbers with the numeral helpers (cn, thousands, percent), print one entry of a table";
    /// A table, as a fact prose cannot print.
    a_table() = "一个表", "一個表", "a table";
    /// A list, as a fact prose cannot print.
    a_list() = "一个列表", "一個列表", "a list";
    /// A yes/no value, as a fact prose cannot print.
    a_flag() = "一个真假值", "一個真假值", "a yes/no value";
    /// An empty value, as a fact prose cannot print.
    a_null() = "一个空值（如 nan）", "一個空值（如 nan）", "an empty value (such as nan)";
    /// A number written with an exponent, as a fact prose cannot print.
    a_huge_number() = "一个过大或过小的数字", "一個過大或過小的數字", "a number too large or too small to write out";
    // The markup of the rendered text (src/markup.rs).

    /// `版式：横排` with no table after it.
    landscape_no_table() = "“版式：横排”后面没有表格", "“版式：橫排”後面沒有表格", "`版式：横排` (landscape) is not followed by a table";
    /// A table caption with no table after it.
    caption_no_table() = "表题后面没有表格", "表題後面沒有表格", "a table caption is not followed by a table";
    /// A heading deeper than level 4.
    heading_too_deep(level) = "标题层级最多 4 级（# 到 ####），这里用了 {level} 个 #", "標題層級最多 4 級（# 到 ####），這裡用了 {level} 個 #", "headings have at most 4 levels (# to ####), this one has {level}";
    /// A heading skips a level (`above` is the level missing above it).
    heading_skips(level, above) = "第 {level} 级标题前没有第 {above} 级标题（GB/T 9704 允许越级，如 一、→1.，请确认是有意为之）", "第 {level} 級標題前沒有第 {above} 級標題（GB/T 9704 允許越級，如 一、→1.，請確認是有意為之）", "a level-{level} heading follows no level-{above} heading (GB/T 9704 allows skipping, e.g. 一、→1.; check it is intended)";
    /// A `标题：` line after the body has begun.
    title_in_body() = "“标题：”行出现在正文中间，会排成文件标题；若是正文，请在行首加 \\ 或改写", "“標題：”行出現在正文中間，會排成文件標題；若是正文，請在行首加 \\ 或改寫", "a `标题：` line in mid-body is set as the document title; if it is body text, start the line with \\ or reword it";
    /// A title line longer than the type area holds.
    title_line_too_long(max, n) = "标题一行最多 {max} 字（二号字），这一行有 {n} 字；请分成两三行，每行一个“标题：”", "標題一行最多 {max} 字（二號字），這一行有 {n} 字；請分成兩三行，每行一個“標題：”", "a title line holds at most {max} characters at size 2 (二号); this one has {n}: split it over 2–3 `标题：` lines";
    /// A title line that nearly fills the type area.
    title_line_long(n, advised) = "标题这一行有 {n} 字，几乎占满一行；公文标题每行宜不超过 {advised} 字，可在词语之间分行", "標題這一行有 {n} 字，幾乎佔滿一行；公文標題每行宜不超過 {advised} 字，可在詞語之間分行", "this title line has {n} characters and nearly fills the width; keep title lines to {advised} and break between words";
    /// A title of more than three lines.
    title_too_many_lines() = "标题最多三行", "標題最多三行", "a title has at most three lines";
    /// `版式：` with a value other than 横排 or 竖排.
    orientation_unknown(value) = "版式只能是“横排”或“竖排”，不是“{value}”", "版式只能是“橫排”或“豎排”，不是“{value}”", "`版式` (orientation) is `横排` (landscape) or `竖排` (portrait), not “{value}”";
    /// `列宽：` that cannot be read.
    column_widths_invalid() = "列宽写法：用逗号分隔的毫米数或“自动”，如 列宽：20,自动,30", "列寬寫法：用逗號分隔的毫米數或“自動”，如 列寬：20,自動,30", "column widths are millimetres or `自动`/auto separated by commas, e.g. `列宽：20,auto,30`";
    /// `列宽：` not followed by its table.
    widths_not_before_table() = "列宽只用于紧随其后的表格", "列寬只用於緊隨其後的表格", "column widths apply to the table that follows them";
    /// `表注：` with no table before it.
    table_note_no_table() = "表注前面没有表格", "表注前面沒有表格", "a table note does not follow a table";
    /// `发文机关后缀：` not after the masthead.
    masthead_suffix_alone() = "“发文机关后缀：”应紧跟在“发文机关：”行之后", "“發文機關後綴：”應緊跟在“發文機關：”行之後", "a `发文机关后缀：` line must follow the `发文机关：` lines";
    /// The masthead with its suffix is wider than the type area.
    masthead_suffix_too_wide(value, width, max) = "发文机关标志连同“{value}”共占 {width} 字宽，超出版心（最多 {max} 字）；请用机关的规范化简称", "發文機關標誌連同“{value}”共佔 {width} 字寬，超出版心（最多 {max} 字）；請用機關的規範化簡稱", "the masthead with “{value}” is {width} characters wide, more than the type area holds ({max}); use the issuers' short names";
    /// A masthead line wider than the type area.
    masthead_line_too_long(max, n) = "发文机关标志一行最多 {max} 字才不超出版心，这一行有 {n} 字；联合行文请每个机关写一行“发文机关：”", "發文機關標誌一行最多 {max} 字才不超出版心，這一行有 {n} 字；聯合行文請每個機關寫一行“發文機關：”", "a masthead line holds at most {max} characters within the type area; this one has {n}: give each joint issuer its own `发文机关：` line";
    /// `签发人：` not after the document number.
    signer_alone() = "“签发人：”须紧跟在“发文字号：”行之后", "“簽發人：”須緊跟在“發文字號：”行之後", "a `签发人：` line must follow the `发文字号：` line";
    /// An attachment title wider than the type area.
    attachment_title_too_long(max, n) = "附件标题一行最多 {max} 字（二号字），这一行有 {n} 字；请缩短", "附件標題一行最多 {max} 字（二號字），這一行有 {n} 字；請縮短", "an attachment title holds at most {max} characters at size 2 (二号); this one has {n}: shorten it";
    /// Body text or attachments after the 版记.
    imprint_not_last() = "版记（抄送、印发机关、印发日期）须在全文最后，其后不能再有正文或附件", "版記（抄送、印發機關、印發日期）須在全文最後，其後不能再有正文或附件", "the `版记` (抄送, 印发机关, 印发日期) must come last, after the body and the attachments";
    /// A 版记 without its printer or date.
    imprint_incomplete() = "版记须有“印发机关：”和“印发日期：”两行", "版記須有“印發機關：”和“印發日期：”兩行", "a `版记` needs both a `印发机关：` and a `印发日期：` line";
    /// A signature without a date.
    signature_no_date() = "署名后面缺少“日期：”行", "署名後面缺少“日期：”行", "a signature (署名：) is not followed by a date (日期：) line";
    /// A table's header separator before any header row.
    separator_no_header() = "表头分隔行 |---| 前面要有表头行", "表頭分隔行 |---| 前面要有表頭行", "the header separator |---| must follow the header rows";
    /// A table row with another number of cells than the first.
    table_ragged(expected, n) = "表格各行的格数不一致：第一行 {expected} 格，这一行 {n} 格（合并的格子也要写出：< 或 ^ 各算一格）", "表格各行的格數不一致：第一行 {expected} 格，這一行 {n} 格（合併的格子也要寫出：< 或 ^ 各算一格）", "ragged table: the first row has {expected} cells, this row {n} (merged cells count: each < or ^ is a cell)";
    /// `<` in a table's first column.
    span_left_first_column() = "“<”把格子并入左边的格子，第一列左边没有格子", "“<”把格子併入左邊的格子，第一列左邊沒有格子", "`<` joins a cell to the one on its left; the first column has none";
    /// `^` in a table's first row or first body row.
    span_up_first_row() = "“^”把格子并入上面的格子，表格第一行（或表头下第一行）上面没有可并的格子", "“^”把格子併入上面的格子，表格第一行（或表頭下第一行）上面沒有可並的格子", "`^` joins a cell to the one above; the first row (and the first row under the header) has none to join";
    /// Merged cells that are not a rectangle or overlap.
    span_not_rectangle(row, cell) = "合并的格子必须是矩形且互不重叠：从第 {row} 行第 {cell} 格开始的合并格与其他合并格重叠或不成矩形", "合併的格子必須是矩形且互不重疊：從第 {row} 行第 {cell} 格開始的合併格與其他合併格重疊或不成矩形", "merged cells must be rectangles that do not overlap: the one starting at row {row}, cell {cell} overlaps another or is not rectangular";
    /// A header cell spanning into the body.
    header_span_into_body() = "表头的格子不能向下并入表身", "表頭的格子不能向下併入表身", "a header cell cannot span into the body rows";
    // The render pipeline (src/render/).

    /// Advice when `lushi-2012.toml` is named but absent.
    example_help() = "内置示例请用 huibao render example，或用 huibao init 文件夹 复制一份", "內置示例請用 huibao render example，或用 huibao init 文件夾 複製一份", "for the built-in example run `huibao render example`, or copy it with `huibao init DIR`";
    /// No data file was given.
    no_data_file() = "没有给出数据文件", "沒有給出數據文件", "no data file given";
    /// No template was given, on the command line or in `[report]`.
    no_template() = "没有指定模板", "沒有指定模板", "no template given";
    /// A `[report]` setting with a value it does not take (`valid` lists those it does).
    setting_unknown_value(key, value, valid) = "{key}：未知的取值“{value}”，可用 {valid}", "{key}：未知的取值“{value}”，可用 {valid}", "{key}: unknown value `{value}`: use {valid}";
    /// The template wrote nothing.
    template_empty() = "模板没有输出任何内容", "模板沒有輸出任何內容", "the template produced no text";
    /// A script name that is none of hans, hant, hant-tw, hant-hk (`what` names the setting).
    script_unknown(what, name) = "{what}：未知的字体“{name}”，应为 hans（简体）、hant（繁体，OpenCC 字形）、hant-tw（台湾字形）或 hant-hk（香港字形）", "{what}：未知的字體“{name}”，應為 hans（簡體）、hant（繁體，OpenCC 字形）、hant-tw（臺灣字形）或 hant-hk（香港字形）", "{what}: unknown script `{name}`: use hans, hant (OpenCC forms), hant-tw (Taiwan) or hant-hk (Hong Kong)";
    /// `SOURCE_DATE_EPOCH` is not a time huibao can write.
    source_date_epoch_invalid(value) = "环境变量 SOURCE_DATE_EPOCH = “{value}” 不是公元 1 到 9999 年之间的秒数", "環境變量 SOURCE_DATE_EPOCH = “{value}” 不是公元 1 到 9999 年之間的秒數", "SOURCE_DATE_EPOCH = `{value}` is not a number of seconds within the years 1 to 9999";
    /// A fact holds a character no output may hold (`what` as `control_char`; `code` is U+XXXX).
    fact_forbidden_char(what, code) = "数据项中含有{what} {code}", "數據項中含有{what} {code}", "the fact contains {what} {code}";
    /// An invisible control character, in `fact_forbidden_char`.
    control_char() = "不可见的控制字符", "不可見的控制字符", "an invisible control character";
    /// A character of huibao's own markers, in `fact_forbidden_char`.
    reserved_char() = "huibao 保留的私用区字符", "huibao 保留的私用區字符", "a private-use character huibao reserves";
    /// Advice for a forbidden character in a fact.
    forbidden_char_help() = "这类字符多来自复制粘贴，请删去后重新输入该段文字", "這類字符多來自複製粘貼，請刪去後重新輸入該段文字", "such characters usually come from copy and paste: delete and retype the text";
    /// A note: a fact was converted to the template's script.
    script_converted(script, before, after) = "已按模板的字体（{script}）转换：{before} → {after}", "已按模板的字體（{script}）轉換：{before} → {after}", "converted to the template's script ({script}): {before} → {after}";
    /// A `--set` fact the template neither uses nor declares.
    set_unknown(path) = "--set 设置的“{path}”没有被模板用到，也不是模板声明的数据项（拼写有误？）", "--set 設置的“{path}”沒有被模板用到，也不是模板聲明的數據項（拼寫有誤？）", "--set `{path}`: the template neither uses nor declares this fact (misspelt?)";
    /// Advice for an unknown `--set` fact.
    set_unknown_help() = "用 huibao check 查看数据项的名称，或在模板的 template.toml 中声明它", "用 huibao check 查看數據項的名稱，或在模板的 template.toml 中聲明它", "see the facts' names with huibao check, or declare it in the template's template.toml";
    /// A fact the template does not use.
    fact_unused(path) = "数据项“{path}”没有被模板用到", "數據項“{path}”沒有被模板用到", "fact `{path}` is not used by the template";
    /// More unused facts than are listed.
    facts_unused_more(more, listed) = "另有 {more} 个数据项没有被模板用到（只列出前 {listed} 个）", "另有 {more} 個數據項沒有被模板用到（只列出前 {listed} 個）", "{more} more facts are not used by the template (the first {listed} are listed)";
    /// A table wider than the type area (`columns` lists `column_min`; sizes in mm).
    table_too_wide(table, columns, total, width) = "{table}太宽：各列最小宽度（毫米，数字不拆行）为 {columns}，合计 {total} 毫米，版心只有 {width} 毫米", "{table}太寬：各列最小寬度（毫米，數字不拆行）為 {columns}，合計 {total} 毫米，版心只有 {width} 毫米", "{table} is too wide: its columns' minimum widths (mm, figures kept whole) are {columns}, {total} mm in all, and the type area is {width} mm";
    /// A table without a caption, by its number in the document.
    table_numbered(n) = "第 {n} 个表格", "第 {n} 個表格", "table {n}";
    /// A table, by its caption.
    table_captioned(caption) = "表格“{caption}”", "表格“{caption}”", "table “{caption}”";
    /// A column's minimum width in mm, in `table_too_wide`.
    column_min(n, mm) = "第{n}列 {mm}", "第{n}列 {mm}", "column {n} {mm}";
    /// A character no font of its role has (`code` is U+XXXX).
    glyph_missing(ch, code, role) = "字符“{ch}”({code}) 在“{role}”所用的字体中都没有字形，PDF 中会显示为空白方框", "字符“{ch}”({code}) 在“{role}”所用的字體中都沒有字形，PDF 中會顯示為空白方框", "no font of the role “{role}” has the character “{ch}” ({code}); the PDF would show an empty box";
    /// Hanzi a font file named in `[fonts]` lacks.
    font_file_gaps(file, key, chars) = "[fonts.{key}] 指定的字体 {file} 没有这些汉字：{chars}", "[fonts.{key}] 指定的字體 {file} 沒有這些漢字：{chars}", "the font {file} named in [fonts.{key}] lacks these hanzi: {chars}";
    /// Hanzi a font file named in `[fonts]` lacks, too many to list: the first ones and the count.
    font_file_gaps_more(file, key, chars, n) = "[fonts.{key}] 指定的字体 {file} 没有这些汉字：{chars}（共 {n} 个）", "[fonts.{key}] 指定的字體 {file} 沒有這些漢字：{chars}（共 {n} 個）", "the font {file} named in [fonts.{key}] lacks these hanzi: {chars} ({n} in all)";
    /// An output format huibao does not write (`names` lists those it does).
    format_unknown(format, names) = "未知格式“{format}”（可用 {names}）", "未知格式“{format}”（可用 {names}）", "unknown format `{format}` (use {names})";
    /// An empty list of output formats.
    no_format(names) = "未指定格式（可用 {names}）", "未指定格式（可用 {names}）", "no format given (use {names})";
}
