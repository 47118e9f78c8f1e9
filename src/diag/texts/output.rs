//! Catalog section: messages about writing outputs (files, fonts, layout, DOCX, PDF, OFD, redline).

crate::texts! {
    /// A file (or the folder it goes into) cannot be written; `what` says which step failed.
    write_failed(path, what, reason) = "无法写入 {path}：{what}（{reason}）", "無法寫入 {path}：{what}（{reason}）", "cannot write {path}: {what} ({reason})";
    /// The step of [`write_failed`]: locking the output folder.
    lock_folder() = "无法锁定输出文件夹", "無法鎖定輸出文件夾", "cannot lock the output folder";
    /// The step of [`write_failed`]: making the output folder.
    create_folder() = "无法创建文件夹", "無法創建文件夾", "cannot create the folder";
    /// The step of [`write_failed`]: renaming the new file over the old one.
    replace_file() = "无法替换原文件", "無法替換原文件", "cannot replace the existing file";
    /// The step of [`write_failed`]: writing the bytes.
    write_bytes() = "写入失败", "寫入失敗", "writing failed";
    /// The step of [`write_failed`]: making a temporary file in the folder.
    folder_not_writable() = "文件夹不可写", "文件夾不可寫", "the folder is not writable";
    /// The step of [`write_failed`]: giving the file its permissions.
    set_permissions() = "无法设置权限", "無法設置權限", "cannot set the permissions";
    /// An output's name is taken by something huibao does not overwrite; `why` says what.
    refused_target(path, why) = "不能写入 {path}：{why}", "不能寫入 {path}：{why}", "will not write {path}: {why}";
    /// Why of [`refused_target`]: a symbolic link.
    target_is_link() = "它是一个符号链接，输出不会跟随链接写到别处", "它是一個符號鏈接，輸出不會跟隨鏈接寫到別處", "it is a symbolic link, and outputs never follow links";
    /// Why of [`refused_target`]: a folder.
    target_is_folder() = "同名的是一个文件夹", "同名的是一個文件夾", "a folder has that name";
    /// Advice after [`refused_target`].
    refused_target_help() = "用 -o 换一个输出文件夹，或先移走这个同名的文件", "用 -o 換一個輸出文件夾，或先移走這個同名的文件", "choose another output folder with -o, or move the file of that name away";
    /// An output would overwrite one of the inputs.
    output_is_input(path) = "输出 {path} 就是输入文件之一，写入会覆盖它", "輸出 {path} 就是輸入文件之一，寫入會覆蓋它", "the output {path} is one of the inputs and would overwrite it";
    /// The output folder given is a file.
    folder_is_file(path) = "输出文件夹 {path} 是一个文件，不是文件夹", "輸出文件夾 {path} 是一個文件，不是文件夾", "the output folder {path} is a file, not a folder";
    /// Advice after [`folder_is_file`].
    folder_is_file_help() = "-o 要给一个文件夹（不存在时会新建），例如 -o out", "-o 要給一個文件夾（不存在時會新建），例如 -o out", "-o takes a folder (made when missing), e.g. -o out";

    /// A font file cannot be opened.
    font_file_unreadable(path, reason) = "无法打开字体文件 {path}：{reason}", "無法打開字體文件 {path}：{reason}", "cannot open the font file {path}: {reason}";
    /// A font (a file or a built-in one) cannot be parsed.
    font_unparsable(font, index, reason) = "无法读取字体 {font}（第 {index} 个字形集）：{reason}", "無法讀取字體 {font}（第 {index} 個字形集）：{reason}", "cannot read the font {font} (face {index}): {reason}";
    /// A font compiled into huibao, by its file name.
    builtin_font(name) = "内置 {name}", "內置 {name}", "built-in {name}";
    /// A font cannot be subset or embedded in the PDF.
    font_not_embedded(family, reason) = "无法嵌入字体 {family}：{reason}", "無法嵌入字體 {family}：{reason}", "cannot embed the font {family}: {reason}";
    /// Reason of [`font_not_embedded`]: printpdf refused the subset.
    subset_unreadable() = "printpdf 无法读取子集", "printpdf 無法讀取子集", "printpdf cannot read the subset";

    /// The PDF cannot be made.
    pdf_failed(reason) = "无法生成 PDF：{reason}", "無法生成 PDF：{reason}", "cannot write the PDF: {reason}";
    /// The DOCX package cannot be made.
    docx_failed(reason) = "无法生成 DOCX 文件：{reason}", "無法生成 DOCX 文件：{reason}", "could not assemble the DOCX package: {reason}";
    /// The OFD package cannot be made.
    ofd_failed(reason) = "无法生成 OFD：{reason}", "無法生成 OFD：{reason}", "cannot write the OFD: {reason}";
    /// The redline DOCX cannot be made.
    redline_failed(reason) = "无法生成修订稿：{reason}", "無法生成修訂稿：{reason}", "cannot write the redline: {reason}";
    /// Reason of [`redline_failed`]: a part is missing from the DOCX written first.
    part_missing(part) = "缺少 {part}", "缺少 {part}", "{part} missing";
    /// Reason of [`redline_failed`]: a part lacks an element it must have.
    part_lacks(part, element) = "{part} 中没有 {element}", "{part} 中沒有 {element}", "{part} has no {element}";
    /// Reason of [`redline_failed`]: a part's elements are not those of the document model.
    part_mismatch(part) = "{part} 与其文档模型不一致", "{part} 與其文檔模型不一致", "{part} does not match its document model";

    /// `huibao check`: the 版记 did not fit at the foot of the last even page, so a blank page
    /// comes first.
    imprint_after_blank(before, page) = "第 {before} 页（偶数页）末尾放不下版记，只好插入一个空白页，版记排在第 {page} 页；压缩正文几行可使版记留在第 {before} 页", "第 {before} 頁（偶數頁）末尾放不下版記，只好插入一個空白頁，版記排在第 {page} 頁；壓縮正文幾行可使版記留在第 {before} 頁", "the imprint (版记) does not fit at the foot of page {before} (even): a blank page comes before it, on page {page}; shortening the text by a few lines keeps it on page {before}";
    /// `huibao check`: the signature's page holds only the line pulled along with it.
    signature_single_line() = "署名和成文日期所在的页上只有一行正文（为免署名单独成页，从上一页带过来的）；GB/T 9704 建议调整行距、字距或删改文字，使正文多留几行", "署名和成文日期所在的頁上只有一行正文（為免署名單獨成頁，從上一頁帶過來的）；GB/T 9704 建議調整行距、字距或刪改文字，使正文多留幾行", "the signature's page holds a single line of text (pulled along so that the signature is not alone); GB/T 9704 suggests adjusting the spacing or the wording so that more text goes with it";

    /// A role's name (`huibao fonts`, glyph messages): the title.
    role_title() = "标题", "標題", "title";
    /// A role's name: the subtitle.
    role_subtitle() = "副标题", "副標題", "subtitle";
    /// A role's name: the body text.
    role_body() = "正文", "正文", "body";
    /// A role's name: a heading of level `n`.
    role_heading(n) = "{n}级标题", "{n}級標題", "heading {n}";
    /// A role's name: table cells.
    role_table() = "表格", "表格", "table";
    /// A role's name: table header cells.
    role_table_header() = "表头", "表頭", "table header";
    /// A role's name: page numbers.
    role_page_number() = "页码", "頁碼", "page number";
    /// A role's name: the masthead (发文机关标志).
    role_masthead() = "发文机关标志", "發文機關標誌", "masthead";

    /// A class of typefaces (`huibao fonts`): 仿宋.
    class_fangsong() = "仿宋", "仿宋", "FangSong";
    /// A class of typefaces: 小标宋.
    class_xiaobiaosong() = "小标宋", "小標宋", "XiaoBiaoSong";
    /// A class of typefaces: 黑体.
    class_hei() = "黑体", "黑體", "Hei";
    /// A class of typefaces: 楷体.
    class_kai() = "楷体", "楷體", "Kai";
    /// A class of typefaces: 宋体.
    class_song() = "宋体", "宋體", "Song";
    /// A class of typefaces: Times (the Latin serif).
    class_times() = "Times", "Times", "Times";
}
