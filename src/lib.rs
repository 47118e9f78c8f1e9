//! huibao: formal Chinese briefing reports (汇报材料) from TOML facts and Handlebars templates.
//!
//! Architecture is described here once the layers exist.

pub mod batch;
pub mod cli;
pub mod data;
pub mod diag;
pub mod diff;
pub mod docx;
pub mod fonts;
pub mod helpers;
pub mod layout;
pub mod markup;
pub mod model;
pub mod output;
pub mod pdf;
pub mod render;
pub mod style;
pub mod template;
pub mod text;
pub mod watch;
pub mod zh;
