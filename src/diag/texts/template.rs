//! Catalog section: messages about templates, markup, helpers and rendering.

crate::texts! {
    /// A message about a fact read from a spreadsheet cell, naming the cell.
    from_cell(message, cell) = "{message}（单元格 {cell}）", "{message}（單元格 {cell}）", "{message} (cell {cell})";
    /// A message about a fact whose spreadsheet cell is empty.
    from_empty_cell(message, cell) = "{message}（单元格 {cell} 为空）", "{message}（單元格 {cell} 為空）", "{message} (the cell {cell} is empty)";
    /// Between the names of a list of names (options, helpers, files).
    name_sep() = "、", "、", ", ";

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

    /// A number.
    kind_number() = "数字", "數字", "a number";
    /// A whole number.
    kind_integer() = "整数", "整數", "a whole number";
    /// A list.
    kind_list() = "列表", "列表", "a list";
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
}
