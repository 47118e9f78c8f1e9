//! The built-in fonts cover every hanzi of GBK (issue 13 item 15): a real place name with 尅
//! renders with `--builtin-fonts` in every script, and the PDF gives the character back.

use std::process::Command;

use crate::common::skip::skip;

#[test]
fn a_gbk_place_name_renders_with_the_builtin_fonts() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        skip("pdftotext is not installed (apt-get install poppler-utils)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    for script in ["hans", "hant-tw", "hant-hk"] {
        let out = dir.path().join(script);
        let o = crate::common::cli::huibao()
            .args([
                "render",
                "data/lushi-2012.toml",
                "--builtin-fonts",
                "--script",
                script,
            ])
            .args(["--set", "county.name=尅坪村", "-f", "pdf,txt", "-o"])
            .arg(&out)
            .output()
            .expect("run huibao");
        assert!(
            o.status.success(),
            "{script}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let txt = std::fs::read_to_string(out.join("lushi-2012.txt")).expect("txt");
        let pdf = Command::new("pdftotext")
            .arg(out.join("lushi-2012.pdf"))
            .arg("-")
            .output()
            .expect("pdftotext");
        let pdf = String::from_utf8_lossy(&pdf.stdout);
        let count = |s: &str| s.matches('尅').count();
        assert!(count(&txt) > 0, "{script}: the fact is not in the text");
        assert_eq!(count(&pdf), count(&txt), "{script}");
    }
}
