//! Catalog section: messages about writing outputs (files, fonts, layout, DOCX, PDF, OFD, redline).

crate::texts! {}
