//! Chinese text: numerals, dates, punctuation normalization and script conversion.
//!
//! These are pure functions over text and numbers; the template helpers in
//! [`crate::helpers`] and the pipeline call them, so they act the same in every output format.

pub mod date;
pub mod numeral;
pub mod punct;
pub mod script;

pub use script::{convert, convert_from, Script};
