//! Fuzzes the settings: any bytes as the `[report]`, `[style]` and `[fonts]` tables of a data
//! file (and as a `--set`) must give either settings every backend can use — finite numbers, a
//! type area and a grid cell of positive size — or located diagnostics, never a panic.
#![no_main]

use huibao::data::{Data, Source};
use huibao::diag::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let set = text.lines().next().unwrap_or("").to_string();
    // The bytes go under each settings table in turn, so the fuzzer need not find the headers.
    for header in ["", "[report]\n", "[style.page]\n", "[style.grid]\n", "[fonts.body]\n"] {
        let src = Source {
            name: "fuzz.toml".into(),
            text: format!("{header}{text}"),
        };
        let Ok(d) = Data::from_sources(vec![src], &[set.clone()]) else {
            continue;
        };
        match d.style() {
            Ok(style) => {
                let cell = style.cell_pt();
                assert!(cell.is_finite() && cell > 0.0, "cell {cell}");
                assert!(style.page.text_width_pt() > 0.0);
                assert!(style.page.text_height_pt() > 0.0);
                assert!(style.grid.line_pitch_pt() > 0.0);
                for (_, f) in style.fonts.clone().roles_mut() {
                    assert!(f.size_pt.is_finite() && f.size_pt > 0.0);
                }
            }
            Err(diags) => {
                assert!(diags.0.iter().all(|d| d.location.is_some()), "{diags:?}");
                let _ = diags.render(Lang::En);
            }
        }
        if let Err(diags) = d.report_settings() {
            let _ = diags.render(Lang::Hans);
        }
    }
});
