//! `huibao render --watch`: a saved change is rendered within 2 s with the changed facts
//! printed; an invalid save prints the error and keeps the last good output; the next good
//! save recovers. The child is always killed, so the test never hangs.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Kills the watcher if the test ends early.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn lines(r: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(r).lines().map_while(Result::ok) {
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits up to `limit` for a line containing `needle`, collecting what it reads.
fn wait_line(rx: &Receiver<String>, needle: &str, limit: Duration, seen: &mut Vec<String>) -> bool {
    let end = Instant::now() + limit;
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(l) => {
                let hit = l.contains(needle);
                seen.push(l);
                if hit {
                    return true;
                }
            }
            Err(_) => return false,
        }
    }
    false
}

/// Saves the way editors do: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// Polls `path` until it contains `needle`; returns how long that took.
fn wait_content(path: &Path, needle: &str, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if std::fs::read_to_string(path).is_ok_and(|t| t.contains(needle)) {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn watch_rerenders_survives_an_invalid_save_and_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("t")).unwrap();
    std::fs::write(d.join("t/template.toml"), "entry = \"report\"\n").unwrap();
    std::fs::write(
        d.join("t/report.hbs"),
        "標題：彙報\n\n共選派{{envoys}}名科技特派員。\n",
    )
    .unwrap();
    let data = d.join("data.toml");
    save(&data, "envoys = 74\n");
    let out_file = d.join("out/data.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_huibao"))
        .args(["render", "data.toml", "-t", "t", "-f", "txt", "-o", "out"])
        .args(["--watch", "--watch-limit", "3"])
        .current_dir(d)
        .env("HUIBAO_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = lines(child.stdout.take().unwrap());
    let err = lines(child.stderr.take().unwrap());
    let mut guard = Guard(child);
    let mut seen = Vec::new();
    assert!(
        wait_line(&out, "watching", Duration::from_secs(10), &mut seen),
        "{seen:?}"
    );
    assert!(std::fs::read_to_string(&out_file)
        .unwrap()
        .contains("共選派74名"));

    // 1. A change is rendered within 2 s; the changed fact and the rewritten file are printed.
    save(&data, "envoys = 97\n");
    let took = wait_content(&out_file, "共選派97名", Duration::from_secs(2));
    assert!(took.is_some(), "not re-rendered within 2 s");
    assert!(
        wait_line(&out, "envoys: 74 → 97", Duration::from_secs(2), &mut seen),
        "{seen:?}"
    );
    assert!(
        wait_line(&out, "wrote", Duration::from_secs(2), &mut seen),
        "{seen:?}"
    );
    assert!(seen.iter().any(|l| l.contains("out/data.txt")), "{seen:?}");
    eprintln!("re-rendered after {:?}", took.unwrap());

    // 2. An invalid save: the error is printed, the last good output stays.
    save(&data, "envoys = [\n");
    let mut errs = Vec::new();
    assert!(
        wait_line(&err, "TOML", Duration::from_secs(2), &mut errs),
        "{errs:?}"
    );
    assert!(
        wait_line(
            &err,
            "previous outputs are kept",
            Duration::from_secs(2),
            &mut errs
        ),
        "{errs:?}"
    );
    assert!(errs.iter().any(|l| l.contains("data.toml:")), "{errs:?}");
    assert!(std::fs::read_to_string(&out_file)
        .unwrap()
        .contains("共選派97名"));

    // 3. The next good save recovers; the facts are compared with the last good version.
    save(&data, "envoys = 120\n");
    assert!(wait_content(&out_file, "共選派120名", Duration::from_secs(2)).is_some());
    assert!(
        wait_line(&out, "envoys: 97 → 120", Duration::from_secs(2), &mut seen),
        "{seen:?}"
    );

    // After three rebuilds the watcher stops by itself.
    let end = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(s) = guard.0.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > end {
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        status.is_some_and(|s| s.success()),
        "watcher did not stop: {status:?}"
    );
}
