//! The grid layout engine: paragraphs onto a 22 × 28 grid with Chinese line-breaking rules.
