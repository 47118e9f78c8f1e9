//! Template helpers: Chinese numerals, dates, counts, streaks, lists and numbers in text.

/// Names of the helpers [`register`] adds.
pub const NAMES: &[&str] = &[];

/// Registers huibao's helpers.
pub fn register(_hb: &mut handlebars::Handlebars<'_>) {}
