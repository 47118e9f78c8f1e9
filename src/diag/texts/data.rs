//! Catalog section: messages about the facts (TOML files, --set, spreadsheet sources, checks).

crate::texts! {
    // Reading a data, template or manifest file.

    /// A file cannot be read, with the reason.
    read_failed(file, reason) = "无法读取文件 {file}：{reason}", "無法讀取文件 {file}：{reason}", "cannot read {file}: {reason}";
    /// Why a file cannot be read: it does not exist.
    io_not_found() = "文件不存在", "文件不存在", "the file does not exist";
    /// Why a file cannot be read: no permission.
    io_denied() = "没有权限", "沒有權限", "permission denied";
    /// Why a file cannot be read: it is a folder.
    io_folder() = "这是一个文件夹", "這是一個文件夾", "it is a folder";
    /// Why a file cannot be read: another input/output error, as the system words it.
    io_other(error) = "读写失败（{error}）", "讀寫失敗（{error}）", "{error}";
    /// A file larger than the input limit.
    file_too_large(file, mb) = "文件 {file} 超过 {mb} MB，不予读取", "文件 {file} 超過 {mb} MB，不予讀取", "{file} is larger than {mb} MB and is not read";
    /// A file that is not UTF-8 text.
    not_utf8(file) = "文件 {file} 不是 UTF-8 编码", "文件 {file} 不是 UTF-8 編碼", "{file} is not UTF-8 text";

    // TOML data files.

    /// A TOML syntax error, with what is wrong.
    toml_syntax(reason) = "TOML 语法错误：{reason}", "TOML 語法錯誤：{reason}", "TOML syntax error: {reason}";
    /// The parser's message (English) for an unquoted key.
    toml_unquoted_key(message) = "键名含有不能直接书写的字符（中文键名需要加双引号）（{message}）", "鍵名含有不能直接書寫的字符（中文鍵名需要加雙引號）（{message}）", "{message}";
    /// The parser's message for nesting too deep.
    toml_too_deep(message) = "嵌套层数太深（{message}）", "嵌套層數太深（{message}）", "{message}";
    /// The parser's message for a key written twice.
    toml_duplicate_key(message) = "同一个键写了两次（{message}）", "同一個鍵寫了兩次（{message}）", "{message}";
    /// The parser's message for an unclosed quote or bracket.
    toml_unclosed(message) = "引号或括号没有闭合（{message}）", "引號或括號沒有閉合（{message}）", "{message}";
    /// The parser's message for an unquoted string.
    toml_unquoted_string(message) = "字符串需要用双引号括起来（{message}）", "字符串需要用雙引號括起來（{message}）", "{message}";
    /// Any other parser message.
    toml_other(message) = "格式不正确（{message}）", "格式不正確（{message}）", "{message}";
    /// Advice after an unquoted key or string.
    toml_quote_help() = "中文键名要加英文双引号，例如 \"单位\" = \"县科协\"；文字值也要加双引号", "中文鍵名要加英文雙引號，例如 \"單位\" = \"縣科協\"；文字值也要加雙引號", "quote Chinese keys, e.g. `\"单位\" = \"县科协\"`; quote text values";
    /// TOML that parses but cannot be read as a table.
    toml_invalid(reason) = "TOML 内容有误：{reason}", "TOML 內容有誤：{reason}", "invalid TOML: {reason}";

    // --set.

    /// A `--set` argument that cannot be read, with the reason.
    set_unreadable(reason) = "--set 参数无法解析：{reason}", "--set 參數無法解析：{reason}", "cannot read --set argument: {reason}";
    /// Advice for a bad `--set`.
    set_help() = "写成 键路径=值，例如 --set envoys.first_batch=80", "寫成 鍵路徑=值，例如 --set envoys.first_batch=80", "write key.path=value, e.g. --set envoys.first_batch=80";
    /// A `--set` without `=`.
    set_missing_equals() = "缺少“=”", "缺少“=”", "missing `=`";
    /// A `--set` key path with too many parts.
    set_too_deep(parts, max) = "键路径有 {parts} 层，超过 {max} 层的上限", "鍵路徑有 {parts} 層，超過 {max} 層的上限", "the key path has {parts} parts, more than the limit of {max}";
    /// A `--set` of one element of a list.
    set_list_element(key) = "“{key}”：列表的元素不能单独设置，请设置整个列表，例如 goals=[\"甲\", \"乙\"]", "“{key}”：列表的元素不能單獨設置，請設置整個列表，例如 goals=[\"甲\", \"乙\"]", "`{key}`: a list's elements cannot be set one by one; set the whole list, e.g. goals=[\"a\", \"b\"]";
    /// A `--set` key path with an empty part.
    set_empty_segment(key) = "键路径“{key}”中有空的部分", "鍵路徑“{key}”中有空的部分", "empty segment in key path `{key}`";
    /// A `--set` below a value that is not a table.
    set_below_value(path, kind, key) = "“{path}”是{kind}，不是表，不能再设置其下的“{key}”", "“{path}”是{kind}，不是表，不能再設置其下的“{key}”", "`{path}` is {kind}, not a table: it has no `{key}` to set";

    // Kinds of value.

    /// A kind of value: text.
    kind_string() = "文字", "文字", "a string";
    /// A kind of value: true or false.
    kind_boolean() = "真假值", "真假值", "a true/false value";
    /// A kind of value: a date.
    kind_date() = "日期", "日期", "a date";
    /// A kind of value: a table.
    kind_table() = "表", "表", "a table";
    /// A value of the wrong kind.
    must_be(path, kind) = "“{path}”应当是{kind}", "“{path}”應當是{kind}", "`{path}` must be {kind}";

    // Settings ([report], [style], [fonts]).

    /// A setting the settings' reader refuses, with its message (English).
    bad_setting(table, reason) = "[{table}] 设置有误：{reason}", "[{table}] 設置有誤：{reason}", "invalid [{table}] setting: {reason}";
    /// An output name longer than a file name may be.
    output_name_too_long(bytes, max, chars) = "输出文件名有 {bytes} 字节，超过 {max} 字节的上限（约 {chars} 个汉字）", "輸出文件名有 {bytes} 字節，超過 {max} 字節的上限（約 {chars} 個漢字）", "the output name is {bytes} bytes long, more than the limit of {max} bytes (about {chars} Chinese characters)";
    /// A report date whose year is out of range.
    year_out_of_range(year) = "日期的年份 {year} 不在 1 到 9999 之间", "日期的年份 {year} 不在 1 到 9999 之間", "the date's year {year} is not between 1 and 9999";
    /// A setting holding a control character (its code point in hex).
    control_char_in_setting(code) = "设置中含有不可见的控制字符 {code}", "設置中含有不可見的控制字符 {code}", "the setting contains an invisible control character {code}";
    /// A page setting out of its range, in millimetres.
    mm_out_of_range(key, value, low, high) = "{key} = {value} 不在 {low} 到 {high} 毫米之间", "{key} = {value} 不在 {low} 到 {high} 毫米之間", "{key} = {value} is not between {low} and {high} mm";
    /// A grid setting out of its range.
    out_of_range(key, value, low, high) = "{key} = {value} 不在 {low} 到 {high} 之间", "{key} = {value} 不在 {low} 到 {high} 之間", "{key} = {value} is not between {low} and {high}";
    /// A font size out of its range, in points.
    pt_out_of_range(key, value, low, high) = "{key} = {value} 不在 {low} 到 {high} 磅之间", "{key} = {value} 不在 {low} 到 {high} 磅之間", "{key} = {value} is not between {low} and {high} pt";
    /// Left and right margins that leave too narrow a type area.
    margins_too_wide(left, right, min, width) = "左右页边距之和（{left} + {right} 毫米）使版心窄于 {min} 毫米（纸宽 {width} 毫米）", "左右頁邊距之和（{left} + {right} 毫米）使版心窄於 {min} 毫米（紙寬 {width} 毫米）", "the left and right margins ({left} + {right} mm) leave less than {min} mm of a {width} mm wide page";
    /// Top and bottom margins that leave too low a type area.
    margins_too_tall(top, bottom, min, height) = "上下页边距之和（{top} + {bottom} 毫米）使版心矮于 {min} 毫米（纸高 {height} 毫米）", "上下頁邊距之和（{top} + {bottom} 毫米）使版心矮於 {min} 毫米（紙高 {height} 毫米）", "the top and bottom margins ({top} + {bottom} mm) leave less than {min} mm of a {height} mm high page";
    /// A page number baseline above the page.
    page_number_above_page(baseline, height) = "页码基线 {baseline} 毫米高于纸高 {height} 毫米", "頁碼基線 {baseline} 毫米高於紙高 {height} 毫米", "the page number's baseline ({baseline} mm) is above the page ({height} mm high)";
    /// A font file setting that is empty.
    font_file_empty() = "字体文件名是空的", "字體文件名是空的", "the font file name is empty";
    /// A font file that is not found.
    font_file_missing(file) = "找不到字体文件 {file}", "找不到字體文件 {file}", "font file {file} not found";
    /// A font file that is a folder, device or FIFO.
    font_file_not_regular(file) = "字体文件 {file} 不是普通文件（文件夹、设备或管道）", "字體文件 {file} 不是普通文件（文件夾、設備或管道）", "font file {file} is not a regular file (a folder, device or FIFO)";

    // [checks].

    /// `[checks]` that is not a table.
    checks_not_table() = "[checks] 应当是表", "[checks] 應當是表", "[checks] must be a table";
    /// A check declared wrongly, with what is wrong.
    check_malformed(check, reason) = "核对关系“{check}”写法有误：{reason}", "核對關係“{check}”寫法有誤：{reason}", "check `{check}` is not well formed: {reason}";
    /// The forms a check may take.
    check_forms_help() = "写法：{{ total = \"合计\", sum = [\"各行[].人数\"] }}、{{ value = \"率\", ratio = [\"甲\", \"乙\"], percent = true }}、{{ value = \"率\", min = 0, max = 100 }}、{{ value = \"甲\", equals = \"乙\" }}", "寫法：{{ total = \"合計\", sum = [\"各行[].人數\"] }}、{{ value = \"率\", ratio = [\"甲\", \"乙\"], percent = true }}、{{ value = \"率\", min = 0, max = 100 }}、{{ value = \"甲\", equals = \"乙\" }}", "forms: {{ total = \"t\", sum = [\"rows[].n\"] }}, {{ value = \"r\", ratio = [\"a\", \"b\"], percent = true }}, {{ value = \"r\", min = 0, max = 100 }}, {{ value = \"a\", equals = \"b\" }}";
    /// A check that is not a table.
    check_not_table() = "应为表 {{ … }}", "應為表 {{ … }}", "must be a table {{ … }}";
    /// A check's key that must be a fact path.
    check_key_not_path(key) = "{key} 应为数据项路径（文字）", "{key} 應為數據項路徑（文字）", "{key} must be a fact path (text)";
    /// A check's key that must be a number.
    check_key_not_number(key) = "{key} 应为数字", "{key} 應為數字", "{key} must be a number";
    /// A check's list whose items must be fact paths.
    check_items_not_paths(key) = "{key} 的各项应为数据项路径", "{key} 的各項應為數據項路徑", "the items of {key} must be fact paths";
    /// A check's key that must be a path or a list of paths.
    check_not_paths(key) = "{key} 应为路径或路径列表", "{key} 應為路徑或路徑列表", "{key} must be a path or a list of paths";
    /// A check with an unknown key, with the known ones.
    check_unknown_key(key, keys) = "未知的键 {key}（可用 {keys}）", "未知的鍵 {key}（可用 {keys}）", "unknown key {key} (keys: {keys})";
    /// A check with neither total nor value.
    check_needs_subject() = "缺少 total 或 value", "缺少 total 或 value", "needs total or value";
    /// A ratio that is not two paths.
    check_ratio_two_paths() = "ratio 应为两个路径 [被除数, 除数]", "ratio 應為兩個路徑 [被除數, 除數]", "ratio must be two paths [dividend, divisor]";
    /// A percent flag that is not true or false.
    check_percent_bool() = "percent 应为 true 或 false", "percent 應為 true 或 false", "percent must be true or false";
    /// A value without a relation.
    check_needs_relation() = "value 之外还需 sum、ratio、equals 或 min/max", "value 之外還需 sum、ratio、equals 或 min/max", "value needs ratio, equals or min/max";
    /// A check's part that is not a number, and why.
    check_needs_number(check, path, why) = "核对关系“{check}”需要数字 {path}，但{why}", "核對關係“{check}”需要數字 {path}，但{why}", "check `{check}` needs a number at {path}, but {why}";
    /// Why a check's part is not a number: it is missing.
    check_part_missing() = "缺少该数据", "缺少該數據", "it is missing";
    /// Why a check's part is not a number: it is text.
    check_part_text(text) = "它是文字“{text}”", "它是文字“{text}”", "it is the text \"{text}\"";
    /// Why a check's part is not a number: another kind.
    check_part_not_number() = "它不是数字", "它不是數字", "it is not a number";
    /// A path that should name one number and names several.
    check_not_one(check, path, n) = "核对关系“{check}”中 {path} 应指一个数字，实际指 {n} 个", "核對關係“{check}”中 {path} 應指一個數字，實際指 {n} 個", "check `{check}`: {path} must name one number, it names {n}";
    /// Numbers too large to compute exactly.
    check_too_large(check) = "核对关系“{check}”中的数字太大，无法精确计算", "核對關係“{check}”中的數字太大，無法精確計算", "check `{check}`: the numbers are too large to compute exactly";
    /// A relation that does not hold, with how.
    check_broken(check, detail) = "核对关系“{check}”不成立：{detail}", "核對關係“{check}”不成立：{detail}", "check `{check}` does not hold: {detail}";
    /// A figure of a check with its place.
    check_figure(path, value, place) = "{path} = {value}（{place}）", "{path} = {value}（{place}）", "{path} = {value} ({place})";
    /// The count after the shown parts of a long sum.
    check_more_parts(n) = "…共 {n} 项", "…共 {n} 項", "… {n} parts in all";
    /// A total that is not the sum of its parts.
    check_sum_differs(total, sum, parts) = "{total} ≠ 各项之和 {sum}（{parts}）", "{total} ≠ 各項之和 {sum}（{parts}）", "{total} ≠ the sum of its parts {sum} ({parts})";
    /// A divisor that is zero.
    check_divisor_zero(divisor) = "除数 {divisor} 为 0", "除數 {divisor} 為 0", "the divisor {divisor} is 0";
    /// A rate that is not the ratio.
    check_ratio_differs(value, a, b, expected) = "{value} ≠ {a} ÷ {b} = {expected}", "{value} ≠ {a} ÷ {b} = {expected}", "{value} ≠ {a} / {b} = {expected}";
    /// A percentage that is not the ratio × 100.
    check_percent_differs(value, a, b, expected) = "{value} ≠ {a} ÷ {b} × 100 = {expected}", "{value} ≠ {a} ÷ {b} × 100 = {expected}", "{value} ≠ {a} / {b} × 100 = {expected}";
    /// A figure below its minimum.
    check_below_min(figure, min) = "{figure} 小于下限 {min}", "{figure} 小於下限 {min}", "{figure} is below the minimum {min}";
    /// A figure above its maximum.
    check_above_max(figure, max) = "{figure} 大于上限 {max}", "{figure} 大於上限 {max}", "{figure} is above the maximum {max}";
    /// Two figures that should be equal.
    check_not_equal(a, b) = "{a} ≠ {b}", "{a} ≠ {b}", "{a} ≠ {b}";

    // Spreadsheet sources ([sources]).

    /// `[sources]` that is not a table.
    sources_not_table() = "[sources] 应当是表，例如 [sources] towns = \"towns.xlsx\"", "[sources] 應當是表，例如 [sources] towns = \"towns.xlsx\"", "[sources] must be a table, e.g. [sources] towns = \"towns.xlsx\"";
    /// A picked cell that is not named by a cell name.
    source_cell_not_name(key) = "cells.{key} 应为单元格名称，如 \"B3\"", "cells.{key} 應為單元格名稱，如 \"B3\"", "cells.{key} must be a cell name such as \"B3\"";
    /// A source option with a value of the wrong kind.
    source_wrong_kind(name, key) = "数据源 {name} 的 {key} 写法有误（file、sheet 为文字，header 为正整数，cells 为表）", "數據源 {name} 的 {key} 寫法有誤（file、sheet 為文字，header 為正整數，cells 為表）", "source {name}: wrong kind of value for {key} (file and sheet are text, header a whole number from 1, cells a table)";
    /// A source with an unknown option.
    source_unknown_option(name, option) = "数据源 {name} 有未知的选项 {option}（可用 file、sheet、header、cells）", "數據源 {name} 有未知的選項 {option}（可用 file、sheet、header、cells）", "source {name} has an unknown option {option} (options: file, sheet, header, cells)";
    /// A source that is neither a file name nor a table.
    source_form(name) = "数据源 {name} 应写成文件名或 {{ file = \"…\" }}", "數據源 {name} 應寫成文件名或 {{ file = \"…\" }}", "source {name} must be a file name or {{ file = \"…\" }}";
    /// A source without a file.
    source_no_file(name) = "数据源 {name} 缺少 file", "數據源 {name} 缺少 file", "source {name} has no file";
    /// A source file that cannot be read, with the reason.
    source_unreadable(file, reason) = "{file}：{reason}", "{file}：{reason}", "{file}: {reason}";
    /// A source named like a fact of the data files.
    source_name_taken(name) = "数据源名 {name} 与已有数据项重名", "數據源名 {name} 與已有數據項重名", "the source name {name} is already a fact";
    /// A picked cell's name that is not a cell name.
    not_cell_name(name) = "“{name}”不是单元格名称（应如 B3）", "“{name}”不是單元格名稱（應如 B3）", "`{name}` is not a cell name (like B3)";
    /// A cell holding an error value (a warning).
    cell_error(error) = "单元格的值是错误 {error}，按缺少处理", "單元格的值是錯誤 {error}，按缺少處理", "the cell holds the error {error}; treated as missing";
    /// A column name written twice in the header row.
    column_twice(name) = "列名“{name}”重复", "列名“{name}”重複", "the column name `{name}` appears twice";
    /// A header row without column names.
    no_column_names(row) = "第{row}行没有列名", "第{row}行沒有列名", "row {row} holds no column names";
    /// Advice for a header row without column names.
    header_help() = "用 header = 行号 指明列名所在的行", "用 header = 行號 指明列名所在的行", "name the row of column names with header = ROW";
    /// A source file of a type not read.
    unsupported_file_type(ext) = "不支持的文件类型“{ext}”，可用 .xlsx、.xls、.ods 或 .csv", "不支持的文件類型“{ext}”，可用 .xlsx、.xls、.ods 或 .csv", "unsupported file type `{ext}`: use .xlsx, .xls, .ods or .csv";
    /// A workbook that is damaged.
    workbook_damaged() = "文件已损坏或不完整，无法读取", "文件已損壞或不完整，無法讀取", "the file is damaged or incomplete and cannot be read";
    /// A workbook that cannot be opened, with the reader's message.
    /// A workbook calamine cannot open as the kind its extension says.
    workbook_not_of_kind(kind) = "不是有效的 {kind} 文件（文件已损坏，或扩展名与内容不符）", "不是有效的 {kind} 文件（文件已損壞，或擴展名與內容不符）", "not a valid {kind} file (it is damaged, or its extension does not match its contents)";
    /// A workbook that cannot be opened, with the reader's own words.
    workbook_unopened(error) = "无法打开电子表格：{error}", "無法打開電子表格：{error}", "cannot open the spreadsheet: {error}";
    /// A sheet name not in the workbook, with the sheets there are.
    no_such_sheet(sheet, sheets) = "没有名为“{sheet}”的工作表（现有：{sheets}）", "沒有名為“{sheet}”的工作表（現有：{sheets}）", "no sheet named `{sheet}` (sheets: {sheets})";
    /// A workbook without sheets.
    no_sheets() = "电子表格中没有工作表", "電子表格中沒有工作表", "the spreadsheet has no sheet";
    /// A sheet that cannot be read, with the reader's message.
    sheet_unreadable(sheet, error) = "无法读取工作表“{sheet}”：{error}", "無法讀取工作表“{sheet}”：{error}", "cannot read sheet `{sheet}`: {error}";
    /// A CSV file that cannot be read, with the reason.
    csv_unreadable(reason) = "无法读取：{reason}", "無法讀取：{reason}", "cannot read: {reason}";
    /// A CSV row that cannot be read.
    csv_row_unreadable(row, error) = "CSV 第{row}行无法读取：{error}", "CSV 第{row}行無法讀取：{error}", "CSV row {row} cannot be read: {error}";

    // Meeting manifests (huibao batch).

    /// A manifest that is not valid, with the reader's message.
    manifest_invalid(reason) = "会议清单有误：{reason}", "會議清單有誤：{reason}", "invalid meeting manifest: {reason}";
    /// What a manifest holds.
    manifest_help() = "清单由 [defaults] 和若干 [[meeting]] 组成，每个会议写 name、data、set、formats、script、template", "清單由 [defaults] 和若干 [[meeting]] 組成，每個會議寫 name、data、set、formats、script、template", "a manifest has [defaults] and [[meeting]] tables with name, data, set, formats, script, template";
    /// A name in `[defaults]`.
    manifest_defaults_name() = "[defaults] 中不能写 name：每个会议有自己的输出文件名", "[defaults] 中不能寫 name：每個會議有自己的輸出文件名", "[defaults] cannot have a name: each meeting names its own output";
    /// A manifest without meetings.
    manifest_no_meetings(file) = "{file}：清单中没有 [[meeting]]", "{file}：清單中沒有 [[meeting]]", "{file}: the manifest has no [[meeting]]";
    /// Advice for a manifest without meetings.
    manifest_no_meetings_help() = "每个会议写一个 [[meeting]] 表，至少有 name", "每個會議寫一個 [[meeting]] 表，至少有 name", "add one [[meeting]] table per meeting, each with a name";
    /// A meeting without a name.
    meeting_no_name(file, n) = "{file}：第 {n} 个会议没有 name", "{file}：第 {n} 個會議沒有 name", "{file}: meeting {n} has no name";
    /// What a meeting's name is.
    meeting_name_help() = "name 是输出文件名（不含扩展名），例如 name = \"lushi-2012-city\"", "name 是輸出文件名（不含擴展名），例如 name = \"lushi-2012-city\"", "name is the output stem, e.g. name = \"lushi-2012-city\"";
    /// A meeting name longer than a file name may be.
    meeting_name_too_long(bytes, max, chars) = "会议名有 {bytes} 字节，超过文件名 {max} 字节的上限（约 {chars} 个汉字）", "會議名有 {bytes} 字節，超過文件名 {max} 字節的上限（約 {chars} 個漢字）", "the meeting name is {bytes} bytes long, more than a file name's {max} bytes (about {chars} Chinese characters)";
    /// Two meetings with one output name.
    meeting_name_repeats(name, line) = "会议名“{name}”重复（第 {line} 行已有），输出文件会互相覆盖", "會議名“{name}”重複（第 {line} 行已有），輸出文件會互相覆蓋", "meeting name `{name}` repeats (first on line {line}): outputs would overwrite each other";
    /// A --shard that is not I/N.
    bad_shard(shard) = "分片“{shard}”应写成 I/N，1 ≤ I ≤ N，例如 1/2", "分片“{shard}”應寫成 I/N，1 ≤ I ≤ N，例如 1/2", "invalid shard `{shard}`: write I/N with 1 ≤ I ≤ N, e.g. 1/2";
    /// Worker threads that cannot be started.
    threads_failed(error) = "无法启动工作线程：{error}", "無法啟動工作線程：{error}", "cannot start worker threads: {error}";
    /// A setting of the wrong kind: what it should be, what was written.
    setting_wrong_type(expected, found) = "应当是{expected}，写的却是{found}", "應當是{expected}，寫的卻是{found}", "expected {expected}, found {found}";
    /// A setting whose value is not one it takes.
    setting_wrong_value(expected, found) = "取值不对：应当是{expected}，写的却是{found}", "取值不對：應當是{expected}，寫的卻是{found}", "invalid value: expected {expected}, found {found}";
    /// A setting naming a key its table does not have, with the keys it has.
    setting_unknown_key(key, known) = "没有“{key}”这一项，可以写的有：{known}", "沒有“{key}”這一項，可以寫的有：{known}", "there is no key `{key}`; the keys are: {known}";
    /// A setting naming a choice that does not exist, with the choices.
    setting_unknown_choice(value, known) = "没有“{value}”这个选项，可以写：{known}", "沒有“{value}”這個選項，可以寫：{known}", "there is no choice `{value}`; the choices are: {known}";
    /// A table lacking a key it needs.
    setting_missing_key(key) = "缺少“{key}”一项", "缺少“{key}”一項", "the key `{key}` is missing";
    /// A key written twice.
    setting_duplicate_key(key) = "“{key}”写了两次", "“{key}”寫了兩次", "`{key}` is written twice";
    /// A list of the wrong length.
    setting_wrong_length(expected, found) = "项数不对：应当是{expected}，写了 {found} 项", "項數不對：應當是{expected}，寫了 {found} 項", "wrong number of items: expected {expected}, found {found}";
    /// Kind of value: text.
    setting_kind_text() = "文字（加英文双引号）", "文字（加英文雙引號）", "text (in double quotes)";
    /// Kind of value: true or false.
    setting_kind_bool() = "true 或 false", "true 或 false", "true or false";
    /// Kind of value: a whole number.
    setting_kind_integer() = "整数", "整數", "a whole number";
    /// Kind of value: a list.
    setting_kind_list() = "列表（[ … ]）", "列表（[ … ]）", "a list ([ … ])";
    /// Kind of value: a date.
    setting_kind_date() = "日期（如 2012-10-10，不加引号）", "日期（如 2012-10-10，不加引號）", "a date (like 2012-10-10, without quotes)";
    /// Kind of value: a table.
    setting_kind_table() = "表（[名称] 或 {{ … }}）", "表（[名稱] 或 {{ … }}）", "a table ([name] or {{ … }})";
    /// A written value with its kind: text.
    written_text(value) = "文字 {value}", "文字 {value}", "the text {value}";
    /// A written value with its kind: a whole number.
    written_integer(value) = "整数 {value}", "整數 {value}", "the whole number {value}";
    /// A written value with its kind: a number.
    written_number(value) = "数字 {value}", "數字 {value}", "the number {value}";
    /// A written value with its kind: true or false.
    written_bool(value) = "{value}", "{value}", "{value}";
}
