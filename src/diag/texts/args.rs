//! Catalog section: the command line's own help (what `huibao --help` and each subcommand's `--help` say).

crate::texts! {}
