//! Catalog section: messages about the facts (TOML files, --set, spreadsheet sources, checks).

crate::texts! {}
