//! Chinese text: numerals, dates, punctuation normalization and script conversion.
