//! The names a command line shows as they are in any language — commands, options, value
//! names, values — read from clap's built command, for the tests that check a Chinese help or
//! usage error leaves no other English.

use std::collections::BTreeSet;

use clap::Command;

/// Every command of `cmd` (itself first), as clap built it.
pub fn commands(cmd: &Command) -> Vec<Command> {
    let mut all = vec![cmd.clone()];
    for sub in cmd.get_subcommands() {
        all.extend(commands(sub));
    }
    all
}

/// The ASCII words of `text`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
}

/// The words of every name `cmd` and its subcommands show: command names, long and short
/// options, value names, possible values and, with `defaults`, default values.
pub fn names(cmd: &Command, defaults: bool) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for c in commands(cmd) {
        names.extend(words(c.get_name()).map(String::from));
        for a in c.get_arguments() {
            names.extend(a.get_long().into_iter().flat_map(words).map(String::from));
            names.extend(a.get_short().map(String::from));
            for n in a.get_value_names().unwrap_or_default() {
                names.extend(words(n).map(String::from));
            }
            for v in a.get_possible_values() {
                names.extend(words(v.get_name()).map(String::from));
            }
            if defaults {
                for d in a.get_default_values() {
                    names.extend(words(&d.to_string_lossy()).map(String::from));
                }
            }
        }
    }
    names
}
