//! huibao's integration tests, one module per area, in one test binary (one link of the
//! built-in fonts instead of one per file).

mod common;

mod bad_inputs;
mod batch_cli;
mod batch_example;
mod cli_texts;
mod diff_cli;
mod disk_cache;
mod docx_agree;
mod docx_libreoffice;
mod docx_xml;
mod example;
mod example_outputs;
mod facts_text;
mod fonts_builtin;
mod fonts_env;
mod fonts_resolve;
mod frame_pages;
mod gallery;
mod gallery_lang;
mod hardening;
mod help_lang;
mod laid_out;
mod layout_breaking;
mod layout_check;
mod layout_pages;
mod messages;
mod ofd;
mod pdf_archival;
mod pdf_roundtrip;
mod pdf_tags;
mod redline_model;
mod sheet_formats;
mod sheets;
mod signature_keep;
mod tables;
mod typeset;
mod usage_errors;
mod watch_cli;
mod zh_helpers;
mod zh_source;
mod zhuque;
