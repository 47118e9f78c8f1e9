//! Catalog section: messages about the command line and its progress lines (render, check, batch, watch, diff, init, fonts).

crate::texts! {}
