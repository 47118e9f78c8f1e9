//! `HUIBAO_BUILTIN_FONTS=1` forces the built-in fonts (own test binary: it sets the environment).

use huibao::fonts::{FontOptions, FontSet, Source, BUILTIN_FONTS_ENV};
use huibao::style::Style;
use huibao::zh::Script;

#[test]
fn the_environment_variable_forces_builtin_fonts() {
    // This binary holds this one test, so no other thread reads the environment meanwhile.
    std::env::set_var(BUILTIN_FONTS_ENV, "1");
    let fonts = FontSet::load(&Style::default(), Script::Hans, &FontOptions::default())
        .unwrap_or_else(|d| panic!("{}", d.en));
    assert!(fonts
        .report(None)
        .iter()
        .all(|r| r.source == Source::Builtin));
    assert!(FontOptions::default().effective().builtin_only);
}
