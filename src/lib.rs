//! huibao: formal Chinese briefing reports (汇报材料) from TOML facts and Handlebars templates.
//!
//! # Architecture
//!
//! One document model, several readers of it — the layers, in the order data flows:
//!
//! ```text
//! data files (TOML) ──────┐                 [data]      merged facts + origin of every value
//! spreadsheets (xlsx/csv) ┤                 [sources]   spreadsheet cells, each with its place
//! --set key=value ────────┘                 [checks]    declared relations between figures
//!          │  facts as JSON (punctuation normalized)
//!          ▼
//! template folder ──► [template] + [helpers] strict Handlebars, checked against the facts
//!          │  rendered markup text, each fact and template piece tagged by [provenance]
//!          │  (then [zh] script conversion); facts are literal text, templates are structure
//!          ▼
//!      [markup] ──────► [model] Document: title, salutation, headings (numbers computed),
//!          │                     paragraphs, tables, signature, attachments, page breaks
//!          ├──► [text]  plain text for review
//!          ▼
//!      [typeset] every block and frame element → role → font family, size, bold, grid,
//!          │     language, colour; character and break classes (kinsoku); font-family table
//!          │     (+ table geometry, computed once per render in `layout::table`)
//!          ├──► [docx]  Word document (GB/T 9704 styles, grid, footers)
//!          └──► [layout] grid layout with Chinese line breaking ──► [pdf] subset fonts
//!                  ▲ measures glyphs through [fonts]        └──► [ofd] same glyphs and fonts
//!                    (role → font file chain)
//! ```
//!
//! No backend chooses a role, a font, a size or bold on its own: the layout, the DOCX writer,
//! the PDF writer and the OFD writer ask [typeset], so a test can hold the DOCX's run
//! properties and the PDF's glyphs to the same answer for every element.
//!
//! [style] holds the page geometry, grid and fonts per role (GB/T 9704 by default, overridden
//! by the data's `[style]`/`[fonts]`); DOCX, layout and PDF read every number from it. A table's
//! geometry (column widths from content, row heights, merges) is computed once in
//! `layout::table` and written by the DOCX and the PDF alike; [meta] carries what the PDF, OFD
//! and DOCX record about the document (title, language, outline, structure for tags).
//! [render] runs the pipeline and keeps loaded fonts across a batch; [output] writes files
//! atomically; [diag] carries every problem with file, line, column, in Chinese and English;
//! [cli] has one file per subcommand, and `main.rs` only parses arguments. On top of the
//! pipeline: [batch] renders a manifest of meetings in parallel (one engine, shards),
//! [watch] re-renders on save, and [diff] compares two versions of the facts sentence by
//! sentence and writes a redline DOCX with tracked changes (the two document models compared
//! block by block, each block's paragraphs found where the DOCX writer says it put them). [gallery] lists the built-in
//! templates (one per kind of document) for `huibao init`; the GB/T 9704 frame (版头, 附件
//! pages, 版记, sealed signature) is laid out in `layout::frame`.
//!
//! Where a change goes: a new fact or sentence → the template folder; a new helper →
//! [helpers] (text logic in [zh]); a new kind of block → [model], then [markup] and each
//! backend; a style number → [style]; which role, face or size an element gets, a kinsoku
//! list or an official font name → [typeset]; a line-breaking rule → [layout]; a font file
//! or free substitute → [fonts].

// A Diagnostic carries both languages and a source snippet, so it is large; it travels only on
// the error path, where its size costs nothing measurable.
#![allow(clippy::result_large_err)]
// User input never panics: outside the tests no unwrap, expect or panic (clippy holds it).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod batch;
pub mod checks;
pub mod cli;
pub mod data;
pub mod diag;
pub mod diff;
pub mod docx;
pub mod fonts;
pub mod gallery;
pub mod helpers;
pub mod layout;
pub mod markup;
pub mod meta;
pub mod model;
pub mod ofd;
pub mod output;
mod par;
pub mod pdf;
pub mod provenance;
mod recent;
pub mod render;
pub mod sources;
pub mod style;
pub mod template;
pub mod text;
pub mod typeset;
pub mod watch;
pub mod zh;
