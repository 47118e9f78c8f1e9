//! Helpers shared by the test modules.

pub mod clap_names;
pub mod cli;
pub mod docx_read;
pub mod docx_sample;
pub mod fake_measure;
pub mod lo;
pub mod pdf_read;
pub mod skip;
