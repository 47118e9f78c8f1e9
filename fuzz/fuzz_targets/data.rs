//! Fuzzes the data loader: any bytes as a data file, plus a `--set`, must load or report
//! diagnostics (with locations that render) without panicking; every string fact goes through
//! the script conversion a template applies to facts.
#![no_main]

use huibao::data::{Data, Source};
use huibao::diag::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let set = text.lines().next().unwrap_or("").to_string();
    let src = Source { name: "fuzz.toml".into(), text };
    match Data::from_sources(vec![src], &[set]) {
        Ok(d) => {
            let _ = d.to_json();
            let _ = d.style();
            let _ = d.report_settings();
            for (path, value) in d.leaf_facts() {
                let _ = d.location(&path).map(|l| l.line);
                if let Some(s) = value.as_str() {
                    for (script, _) in huibao::zh::script::SCRIPTS {
                        let _ = huibao::zh::script::convert_fact(s, script);
                    }
                }
            }
        }
        Err(diags) => {
            let _ = diags.render(Lang::En);
        }
    }
});
