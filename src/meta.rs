//! What a written document says about itself — title, subject, language, date — and which
//! archival profile it claims, for the writers that record it (PDF `/Info` and XMP, OFD
//! `DocInfo`, DOCX core properties).

/// The document's metadata and archival profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The title (the title lines joined).
    pub title: Option<String>,
    /// The subject (the line under the title), if the document has one.
    pub subject: Option<String>,
    /// The language as a BCP 47 tag from the output script (`zh-CN`, `zh-TW`, `zh-HK`,
    /// `zh-Hant`).
    pub lang: String,
    /// The creation date, ISO 8601 UTC (`2012-10-10T00:00:00Z`): never the clock.
    pub date: String,
    /// The headings in reading order, level and text as printed (label included): the PDF's
    /// outline.
    pub outline: Vec<(u8, String)>,
    /// Write PDF/A-2b (identification in XMP, an sRGB output intent).
    pub pdf_a2b: bool,
    /// Write OFD-A (GB/T 42133) instead of plain OFD.
    pub ofd_a: bool,
}

impl Meta {
    /// The date part (`YYYY-MM-DD`) of [`Meta::date`].
    pub fn day(&self) -> &str {
        self.date.get(..10).unwrap_or(&self.date)
    }
}

/// The BCP 47 language tag of an output script.
pub fn lang_of(script: crate::zh::Script) -> &'static str {
    use crate::zh::Script;
    match script {
        Script::Hans => "zh-CN",
        Script::Hant => "zh-Hant",
        Script::HantTw => "zh-TW",
        Script::HantHk => "zh-HK",
    }
}
