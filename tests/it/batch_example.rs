//! The example manifest (data/meetings-2012.toml): three meetings, every format; each output
//! opens (DOCX unzips, PDF text extracts) and carries its own meeting's salutation, date and
//! figures; shards 1/2 + 2/2 equal the unsharded run byte for byte.

use crate::common::skip;

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;
use std::process::Command;

fn batch(out: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_huibao"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HUIBAO_LANG", "en")
        .args([
            "batch",
            "data/meetings-2012.toml",
            "-f",
            "txt,docx,pdf",
            "--builtin-fonts",
            "-o",
        ])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// (name, salutation, date, envoys, fairs)
const MEETINGS: [(&str, &str, &str, &str, &str); 3] = [
    (
        "lushi-2012-city",
        "尊敬的馬主席、各位領導：",
        "2012年10月10日",
        "共選派74名",
        "科普大集36場次",
    ),
    (
        "lushi-2012-province",
        "尊敬的王副主席、各位領導：",
        "2012年11月8日",
        "共選派86名",
        "科普大集36場次",
    ),
    (
        "lushi-2012-county-congress",
        "尊敬的李主任、各位領導：",
        "2012年12月20日",
        "共選派74名",
        "科普大集42場次",
    ),
];

fn docx_text(path: &Path) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // Text of the w:t elements only.
    xml.split("<w:t")
        .skip(1)
        .filter_map(|p| {
            p.split_once('>')
                .and_then(|(_, r)| r.split_once("</w:t>"))
                .map(|(t, _)| t)
        })
        .collect()
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn example_manifest_renders_every_meeting_with_its_own_facts() {
    let tmp = tempfile::tempdir().unwrap();
    let all = tmp.path().join("all");
    let out = batch(&all, &[]);
    assert!(out.status.success(), "{out:?}");
    let summary = String::from_utf8_lossy(&out.stdout);
    let pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    if !pdftotext {
        skip::skip("pdftotext not installed, PDF text not checked");
    }
    for (name, salutation, date, envoys, fairs) in MEETINGS {
        let txt = std::fs::read_to_string(all.join(format!("{name}.txt"))).unwrap();
        let docx = docx_text(&all.join(format!("{name}.docx")));
        for (what, text) in [("txt", &txt), ("docx", &docx)] {
            for s in [salutation, date, envoys, fairs] {
                assert!(text.contains(s), "{name}.{what} lacks {s}");
            }
        }
        for (other, sal, ..) in MEETINGS {
            if other != name {
                assert!(!txt.contains(sal), "{name} carries {other}'s salutation");
            }
        }
        let pdf = all.join(format!("{name}.pdf"));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
        if pdftotext {
            let t = Command::new("pdftotext")
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            let text: String = String::from_utf8_lossy(&t.stdout)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            for s in [salutation, date, envoys, fairs] {
                assert!(text.contains(s), "{name}.pdf lacks {s}");
            }
        }
        let row = summary.lines().find(|l| l.starts_with(name)).unwrap();
        assert!(row.ends_with("ok"), "{row}");
        assert!(
            row.split_whitespace()
                .any(|c| c.parse::<usize>().is_ok_and(|n| n >= 2)),
            "pages: {row}"
        );
    }

    // Shards on the real example, every format: byte-for-byte the unsharded files.
    let sharded = tmp.path().join("sharded");
    assert!(batch(&sharded, &["--shard", "1/2", "-j", "1"])
        .status
        .success());
    assert!(batch(&sharded, &["--shard", "2/2"]).status.success());
    let a = files(&all);
    assert_eq!(a.len(), 9);
    assert!(
        files(&sharded) == a,
        "sharded files differ from the unsharded run"
    );
}

/// A batch shares subsets and deflated font streams between its meetings; each meeting's files
/// must still be byte for byte what a single `render` of that meeting writes.
#[test]
fn batch_outputs_equal_single_renders() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("batch-vs-render");
    let _ = std::fs::remove_dir_all(&dir);
    let out = batch(&dir.join("batch"), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let batched = files(&dir.join("batch"));
    let single = dir.join("single");
    let o = Command::new(env!("CARGO_BIN_EXE_huibao"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "render",
            "data/lushi-2012.toml",
            "data/meetings/province.toml",
            "--set",
            "envoys.first_batch=86",
            "--set",
            "report.output=lushi-2012-province",
            "--script",
            "hant-tw",
            "-f",
            "txt,docx,pdf",
            "--builtin-fonts",
            "-o",
        ])
        .arg(&single)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let single = files(&single);
    assert_eq!(single.len(), 3, "{:?}", single.keys());
    for (name, bytes) in &single {
        assert!(
            batched.get(name) == Some(bytes),
            "{name}: the batch wrote other bytes than a single render"
        );
    }
}

/// One batch of reports with different templates, styles and scripts (the gallery, the example
/// and the table report, the example twice): each process keeps what the reports of a batch
/// share (fonts, DOCX parts patched before), and still every DOCX and PDF is byte for byte
/// what a single `render` of that report writes.
#[test]
fn a_batch_of_different_templates_equals_single_renders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("batch-mixed");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut reports: Vec<String> = std::fs::read_dir(root.join("data/gallery"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    reports.sort();
    assert!(reports.len() >= 5, "{reports:?}");
    for f in ["data/lushi-2012.toml", "data/tuopin-2024.toml"] {
        reports.push(root.join(f).display().to_string());
    }
    let mut manifest = String::new();
    let mut expected = Vec::new();
    for (i, data) in reports
        .iter()
        .chain(reports.iter().take(1))
        .chain(reports.iter().rev().take(1))
        .enumerate()
    {
        manifest.push_str(&format!(
            "[[meeting]]\nname = \"m{i}\"\ndata = [{data:?}]\n\n"
        ));
        expected.push((format!("m{i}"), data.clone()));
    }
    std::fs::write(dir.join("mixed.toml"), manifest).unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_huibao"))
            .current_dir(&dir)
            .env("HUIBAO_LANG", "en")
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let formats = ["-f", "docx,pdf", "--builtin-fonts"];
    run(&[
        &["batch", "mixed.toml", "-j", "2", "-o", "batch"][..],
        &formats,
    ]
    .concat());
    let batched = files(&dir.join("batch"));
    assert_eq!(batched.len(), 2 * expected.len(), "{:?}", batched.keys());
    for (name, data) in &expected {
        let single = format!("single-{name}");
        let set = format!("report.output={name}");
        run(&[
            &["render", data, "--set", &set, "-o", &single][..],
            &formats,
        ]
        .concat());
        for (file, bytes) in files(&dir.join(&single)) {
            assert!(
                batched.get(&file) == Some(&bytes),
                "{file} ({data}): the batch wrote other bytes than a single render"
            );
        }
    }
}
