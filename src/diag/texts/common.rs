//! Words every message shares: severities, labels, the summary line.

crate::texts! {
    /// The word before an error's code.
    error() = "错误", "錯誤", "error";
    /// The word before a warning's code.
    warning() = "警告", "警告", "warning";
    /// The fact a message concerns, after the message.
    fact_label(path) = "数据项: {path}", "數據項: {path}", "fact: {path}";
    /// Where a problem is when it is in the rendered text, not in a file (a file name's place).
    rendered_text() = "（渲染结果）", "（渲染結果）", "(rendered text)";
    /// The advice line of a message.
    help_line(help) = "提示: {help}", "提示: {help}", "help: {help}";
    /// A code's title with how often it came (`缺少数据项 ×2`).
    titled_count(title, n) = "{title} ×{n}", "{title} ×{n}", "{title} ×{n}";
    /// A kind of value (a fact, a setting, a helper's argument): a number.
    kind_number() = "数字", "數字", "a number";
    /// A kind of value: a list.
    kind_list() = "列表", "列表", "a list";
    /// Between the items of a list in a sentence.
    list_sep() = "，", "，", ", ";
    /// Between the names of a short list (sheets, keys, options, helpers, files, columns, the
    /// built-in templates).
    name_sep() = "、", "、", ", ";
    /// Why a file is not read or written: a device, FIFO or socket.
    not_regular() = "它不是普通文件（设备、管道或套接字）", "它不是普通文件（設備、管道或套接字）", "it is not a regular file (a device, FIFO or socket)";
    /// Between the clauses of the summary.
    clause_sep() = "；", "；", "; ";
    /// One error, with its title.
    one_error(titles) = "1 个错误（{titles}）", "1 個錯誤（{titles}）", "1 error ({titles})";
    /// Several errors, by title.
    errors(n, titles) = "{n} 个错误（{titles}）", "{n} 個錯誤（{titles}）", "{n} errors ({titles})";
    /// One warning, with its title.
    one_warning(titles) = "1 个警告（{titles}）", "1 個警告（{titles}）", "1 warning ({titles})";
    /// Several warnings, by title.
    warnings(n, titles) = "{n} 个警告（{titles}）", "{n} 個警告（{titles}）", "{n} warnings ({titles})";
    /// One note, with its title.
    one_note(titles) = "1 条说明（{titles}）", "1 條說明（{titles}）", "1 note ({titles})";
    /// Several notes, by title.
    notes(n, titles) = "{n} 条说明（{titles}）", "{n} 條說明（{titles}）", "{n} notes ({titles})";
    /// The summary line after two or more messages.
    summary(parts) = "汇总：{parts}", "彙總：{parts}", "summary: {parts}";
}
