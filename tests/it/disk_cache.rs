//! The on-disk cache of subset fonts and deflated font streams (README "Speed"): a render with
//! the cache off, cold, warm, or over corrupted entries writes the same bytes; a warm run reads
//! every entry and writes none; corrupted entries are rewritten whole; a batch and its shards
//! over a shared cache equal the batch without it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `huibao ARGS` in the repository with the cache in `cache` (`None`: cache off).
fn huibao(cache: Option<&Path>, args: &[&str], out: &Path) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_huibao"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HUIBAO_LANG", "en")
        .env_remove("HUIBAO_CACHE")
        .env_remove("HUIBAO_CACHE_DIR");
    match cache {
        Some(dir) => c.env("HUIBAO_CACHE_DIR", dir),
        None => c.env("HUIBAO_CACHE", "off"),
    };
    let o = c.args(args).arg("-o").arg(out).output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// File name → bytes of every file in `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The cache's entries: path → (length, mtime).
fn entries(cache: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    std::fs::read_dir(cache)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".entry"))
        .map(|e| {
            let m = e.metadata().unwrap();
            (e.path(), (m.len(), m.modified().unwrap()))
        })
        .collect()
}

fn set_mtime(path: &Path, t: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(t))
        .unwrap();
}

fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn cache_off_cold_warm_and_corrupted_write_the_same_bytes() {
    let dir = fresh("disk-cache-render");
    let cache = dir.join("cache");
    let render = ["render", "data/lushi-2012.toml", "-f", "docx,pdf,ofd"];
    huibao(None, &render, &dir.join("off"));
    let off = files(&dir.join("off"));
    assert_eq!(off.len(), 3, "{:?}", off.keys());

    huibao(Some(&cache), &render, &dir.join("cold"));
    assert!(
        files(&dir.join("cold")) == off,
        "a cold cache changed the bytes"
    );
    let cold = entries(&cache);
    // One subset per face and one deflated program per face large enough to be cached.
    let faces = String::from_utf8_lossy(&off["lushi-2012.pdf"])
        .matches("/FontFile")
        .count();
    assert!(faces >= 2, "{faces} embedded faces");
    assert!(
        cold.len() > faces,
        "{} cache entries for {faces} faces",
        cold.len()
    );

    // A warm run reads every entry and rewrites none.
    let past = UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for path in cold.keys() {
        set_mtime(path, past);
    }
    huibao(Some(&cache), &render, &dir.join("warm"));
    assert!(
        files(&dir.join("warm")) == off,
        "a warm cache changed the bytes"
    );
    let warm = entries(&cache);
    assert_eq!(warm.len(), cold.len(), "a warm run wrote new entries");
    assert!(
        warm.values().all(|&(_, t)| t == past),
        "a warm run rewrote entries"
    );

    // Corrupted entries (cut short, one byte flipped, emptied) are misses, rewritten whole.
    for (i, (path, &(len, _))) in cold.iter().enumerate() {
        let mut bytes = std::fs::read(path).unwrap();
        match i % 3 {
            0 => bytes.truncate(len as usize / 2),
            1 => *bytes.last_mut().unwrap() ^= 0x55,
            _ => bytes.clear(),
        }
        std::fs::write(path, bytes).unwrap();
        set_mtime(path, past);
    }
    huibao(Some(&cache), &render, &dir.join("mended"));
    assert!(
        files(&dir.join("mended")) == off,
        "corrupted entries changed the bytes"
    );
    let mended = entries(&cache);
    for (path, &(len, _)) in &cold {
        let (now_len, now_t) = mended[path];
        assert_eq!(now_len, len, "{} not rewritten whole", path.display());
        assert!(now_t > past, "{} not rewritten", path.display());
    }
}

#[test]
fn batch_and_shards_over_a_shared_cache_equal_the_uncached_batch() {
    let dir = fresh("disk-cache-batch");
    let cache = dir.join("cache");
    let batch = [
        "batch",
        "data/meetings-2012.toml",
        "-f",
        "txt,docx,pdf",
        "-j",
        "2",
    ];
    huibao(None, &batch, &dir.join("off"));
    let off = files(&dir.join("off"));
    assert!(off.len() >= 9, "{:?}", off.keys());
    // Cold (two threads writing the same cache), then warm.
    for run in ["cold", "warm"] {
        huibao(Some(&cache), &batch, &dir.join(run));
        assert!(files(&dir.join(run)) == off, "{run}: bytes differ");
    }
    let sharded = dir.join("sharded");
    for shard in ["1/2", "2/2"] {
        let args: Vec<&str> = batch.iter().copied().chain(["--shard", shard]).collect();
        huibao(Some(&cache), &args, &sharded);
    }
    assert!(files(&sharded) == off, "shards over the cache differ");
}
