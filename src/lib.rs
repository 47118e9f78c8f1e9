//! huibao: formal Chinese briefing reports (汇报材料) from TOML facts and Handlebars templates.
//!
//! Architecture is described here once the layers exist.

pub mod cli;
pub mod data;
pub mod diag;
pub mod docx;
pub mod fonts;
pub mod helpers;
pub mod layout;
pub mod markup;
pub mod model;
pub mod pdf;
pub mod style;
pub mod template;
pub mod zh;
pub mod output;
pub mod render;
pub mod text;
