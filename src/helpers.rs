//! Template helpers: Chinese numerals, dates, counts, streaks, lists and numbers in text.
