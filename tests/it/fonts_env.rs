//! `HUIBAO_BUILTIN_FONTS=1` forces the built-in fonts. The test sets the variable for a child run
//! of this test binary, so no other test thread sees the environment change.

use huibao::fonts::{FontOptions, FontSet, Source, BUILTIN_FONTS_ENV};
use huibao::style::Style;
use huibao::zh::Script;

#[test]
fn the_environment_variable_forces_builtin_fonts() {
    if std::env::var(BUILTIN_FONTS_ENV).is_err() {
        let me = std::env::current_exe().expect("test binary path");
        let out = std::process::Command::new(me)
            .args([
                "--exact",
                "fonts_env::the_environment_variable_forces_builtin_fonts",
                "--test-threads=1",
            ])
            .env(BUILTIN_FONTS_ENV, "1")
            .output()
            .expect("run the test binary again");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("1 passed"),
            "the child ran no test: {stdout}"
        );
        return;
    }
    let fonts = FontSet::load(&Style::default(), Script::Hans, &FontOptions::default())
        .unwrap_or_else(|d| panic!("{}", d.message.en));
    assert!(fonts
        .report(None)
        .iter()
        .all(|r| r.source == Source::Builtin));
    assert!(FontOptions::default().effective().builtin_only);
}
