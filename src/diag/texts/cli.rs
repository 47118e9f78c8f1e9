//! Catalog section: messages about the command line and its progress lines (render, check, batch, watch, diff, init, fonts).

crate::texts! {
    // `huibao check`.
    /// The last line of `huibao check` when there is no error.
    check_passed() = "检查通过", "檢查通過", "check passed";
    /// A spreadsheet source read as a table: its place, rows and columns (`huibao check`).
    source_rows(name, place, encoding, rows, columns) = "数据源 {name}：{place}{encoding}，{rows} 行，列：{columns}", "數據源 {name}：{place}{encoding}，{rows} 行，列：{columns}", "source {name}: {place}{encoding}: {rows} rows, columns: {columns}";
    /// A spreadsheet source read as named cells (`huibao check`).
    source_cells(name, place, encoding, cells) = "数据源 {name}：{place}{encoding}，单元格：{cells}", "數據源 {name}：{place}{encoding}，單元格：{cells}", "source {name}: {place}{encoding}: cells {cells}";
    /// The encoding a CSV source was read in, after its place.
    source_encoding(encoding) = " ({encoding})", " ({encoding})", " ({encoding})";

    // `huibao batch`.
    /// A meeting rendered: its status in the progress lines and the summary table.
    meeting_ok() = "完成", "完成", "ok";
    /// A meeting that failed: its status in the progress lines and the summary table.
    meeting_failed() = "失败", "失敗", "FAILED";
    /// The summary table's first column heading.
    head_meeting() = "会议", "會議", "meeting";
    /// The summary table's column of files written.
    head_outputs() = "输出", "輸出", "outputs";
    /// The summary table's column of page counts.
    head_pages() = "页数", "頁數", "pages";
    /// The summary table's column of statuses.
    head_status() = "状态", "狀態", "status";
    /// The count line under the summary table.
    batch_counts(meetings, ok, failed) = "共 {meetings} 个会议，完成 {ok}，失败 {failed}", "共 {meetings} 個會議，完成 {ok}，失敗 {failed}", "{meetings} meetings, {ok} ok, {failed} failed";

    // `huibao render --watch`.
    /// Watch mode waits for the next save.
    watching() = "正在监视文件变动（Ctrl-C 停止）", "正在監視文件變動（Ctrl-C 停止）", "watching for changes (Ctrl-C to stop)";
    /// A watched folder was removed or renamed away.
    folder_gone(folder) = "文件夹不见了，等待它恢复：{folder}", "文件夾不見了，等待它恢復：{folder}", "folder gone, waiting for it to come back: {folder}";
    /// A file the report uses changed; a rebuild follows.
    file_changed(file) = "文件变动：{file}", "文件變動：{file}", "changed: {file}";
    /// An output file was rewritten after a change.
    wrote(file) = "已写入 {file}", "已寫入 {file}", "wrote {file}";
    /// A rebuild failed (its errors are printed above).
    not_rendered() = "未生成：保留上一次的输出；改正后再次保存即可", "未生成：保留上一次的輸出；改正後再次保存即可", "not rendered: the previous outputs are kept; fix the file and save again";
    /// The file watcher cannot be started or reports an error.
    watch_failed(reason) = "无法监视文件变动：{reason}", "無法監視文件變動：{reason}", "cannot watch for file changes: {reason}";

    // `huibao diff`.
    /// The heading of the list of changed facts.
    changed_facts() = "变动的数据：", "變動的數據：", "Changed facts:";
    /// The heading of the sentence-level diff.
    changed_sentences() = "变动的句子：", "變動的句子：", "Changed sentences:";
    /// Under a heading of `huibao diff` with nothing under it.
    no_changes() = "（无）", "（無）", "(none)";
    /// The heading of the computed figures whose inputs changed.
    changed_figures() = "输入有变动的计算数字：", "輸入有變動的計算數字：", "Computed figures with changed inputs:";
    /// The heading of the declared `[checks]` whose inputs changed.
    changed_checks() = "输入有变动的核对关系：", "輸入有變動的核對關係：", "Declared checks with changed inputs:";
    /// A changed paragraph the redline DOCX could not find, so the change is not marked.
    redline_unlocated(paragraph) = "修订稿中未找到这一段，未标记修改：{paragraph}", "修訂稿中未找到這一段，未標記修改：{paragraph}", "paragraph not found in the redline, change not marked: {paragraph}";

    // `huibao init`.
    /// `huibao init` made the folder; what to do next.
    init_created(command) = "已创建：在 report.toml 中填写数据，然后运行 {command}", "已創建：在 report.toml 中填寫數據，然後運行 {command}", "created: edit the facts in report.toml, then run `{command}`";
    /// `huibao init` into a folder that has files (or is a link).
    init_exists(folder) = "{folder} 已存在且不是空文件夹", "{folder} 已存在且不是空文件夾", "{folder} exists and is not an empty folder";
    /// `huibao init --template` names no built-in template.
    unknown_template(name) = "没有名为“{name}”的内置模板", "沒有名為“{name}”的內置模板", "no built-in template is called `{name}`";
    /// A built-in template with the kind of document it writes, in the list of available ones.
    template_with_kind(name, kind) = "{name}（{kind}）", "{name}（{kind}）", "{name} ({kind})";
    /// The advice after an unknown template: the built-in ones.
    available_templates(list) = "可用：{list}；huibao init --list 列出全部", "可用：{list}；huibao init --list 列出全部", "available: {list}; huibao init --list shows them all";

    // `huibao man`.
    /// The manual page cannot be generated.
    man_failed(reason) = "无法生成手册页：{reason}", "無法生成手冊頁：{reason}", "cannot write the manual page: {reason}";

    // `huibao fonts`: the Chinese listing glosses its words in English.
    /// The face of digits and Latin letters.
    role_latin() = "数字/西文 latin", "數字/西文 latin", "latin";
    /// A role's or class's name glossed in English in the Chinese listing (`正文 body`); the
    /// English listing has the name alone.
    glossed(name, gloss) = "{name} {gloss}", "{name} {gloss}", "{name}";
    /// A font the data names by file or family.
    found_explicit() = "指定 explicit", "指定 explicit", "explicit";
    /// The official font the style asks for, installed.
    found_official() = "正式 official", "正式 official", "official";
    /// An installed stand-in for the official font.
    found_substitute() = "替代 substitute", "替代 substitute", "substitute";
    /// A built-in stand-in for the official font.
    found_builtin() = "内置替代 built-in stand-in", "內置替代 built-in stand-in", "built-in stand-in";
    /// In place of a font file: a font built into huibao.
    builtin_file() = "内置 built-in", "內置 built-in", "built-in";
    /// A role drawn with a face of another class than it asks for.
    drawn_with_class(class, drawn) = "({class}，以{drawn}字体代替 / drawn with a {drawn} face)", "({class}，以{drawn}字體代替 / drawn with a {drawn} face)", "({class}, drawn with a {drawn} face)";
    /// The characters of a role that another face supplies.
    supplied_by(face, chars) = "另由 from {face}: {chars}", "另由 from {face}: {chars}", "from {face}: {chars}";
    /// The roles drawn with a stand-in for their official font.
    stand_ins(roles) = "替代字体 stand-ins (official font not installed): {roles}", "替代字體 stand-ins (official font not installed): {roles}", "stand-ins (official font not installed): {roles}";
    /// No 仿宋 face draws the 仿宋 roles: how to get one.
    fangsong_advice(roles, keys, first) = "未找到仿宋字体，这些角色以宋体代替：{roles}。可安装正式字体仿宋_GB2312，或安装免费的朱雀仿宋（Zhuque Fangsong，SIL OFL 1.1，https://github.com/TrionesType/zhuque）到 ~/.local/share/fonts，或在数据文件中为其各写一项（{keys}），如 [fonts.{first}] file = \"…/ZhuqueFangsong.ttf\"。\nNo FangSong (仿宋) font found; drawn with a Song (宋体) face: {roles}. Install the official FangSong font (仿宋_GB2312), or the free Zhuque Fangsong (朱雀仿宋, SIL OFL 1.1, https://github.com/TrionesType/zhuque) into ~/.local/share/fonts, or set the font file of each ({keys}) in the data file, as in [fonts.{first}] file = \"…/ZhuqueFangsong.ttf\".", "未找到仿宋字體，這些角色以宋體代替：{roles}。可安裝正式字體仿宋_GB2312，或安裝免費的朱雀仿宋（Zhuque Fangsong，SIL OFL 1.1，https://github.com/TrionesType/zhuque）到 ~/.local/share/fonts，或在數據文件中為其各寫一項（{keys}），如 [fonts.{first}] file = \"…/ZhuqueFangsong.ttf\"。\nNo FangSong (仿宋) font found; drawn with a Song (宋體) face: {roles}. Install the official FangSong font (仿宋_GB2312), or the free Zhuque Fangsong (朱雀仿宋, SIL OFL 1.1, https://github.com/TrionesType/zhuque) into ~/.local/share/fonts, or set the font file of each ({keys}) in the data file, as in [fonts.{first}] file = \"…/ZhuqueFangsong.ttf\".", "No FangSong (仿宋) font found; drawn with a Song (宋体) face: {roles}. Install the official FangSong font (仿宋_GB2312), or the free Zhuque Fangsong (朱雀仿宋, SIL OFL 1.1, https://github.com/TrionesType/zhuque) into ~/.local/share/fonts, or set the font file of each ({keys}) in the data file, as in [fonts.{first}] file = \"…/ZhuqueFangsong.ttf\".";
}
