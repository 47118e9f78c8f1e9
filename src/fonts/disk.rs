//! The on-disk cache of font work that repeats across processes: subset font programs
//! ([`super::subset`]) and their deflated PDF streams ([`crate::pdf`]), so a report rendered
//! again (or a batch run again) neither subsets nor deflates the same faces to the same glyphs.
//!
//! Where: `$HUIBAO_CACHE_DIR` if set, else `$XDG_CACHE_HOME/huibao`, else `~/.cache/huibao`.
//! `HUIBAO_CACHE=off` (or `0`) turns it off; so does a cache directory that cannot be created.
//! A hit gives byte for byte what the work would give, because:
//! - an entry's key holds every input of the work — the face's identity (its table directory,
//!   whose per-table checksums cover the font's contents, plus the file's size and mtime), the
//!   glyph ids, the outline moves — and [`code_version`], a hash of `Cargo.lock` (the
//!   `subsetter` and deflate versions) and of the sources that make the programs;
//! - an entry stores its whole key and a checksum of its payload, and is read only if both
//!   match: a partial, corrupted or colliding entry counts as a miss and is written anew;
//! - entries are written to a temporary file in the same directory and renamed into place, so
//!   a reader never sees half an entry, and concurrent writers of one key write the same bytes.
//!
//! The cache is bounded ([`MAX_BYTES`]): the folder is measured on a process's first write and
//! after each eighth of the bound written since, and when over, the oldest entries are removed
//! (so it exceeds the bound by at most an eighth per running process). Any I/O error only makes a miss; the cache never fails a render.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use crate::output::fnv1a;

/// The environment variable that, set to `off` or `0`, turns the cache off.
pub const CACHE_ENV: &str = "HUIBAO_CACHE";

/// The environment variable naming the cache directory (instead of `$XDG_CACHE_HOME/huibao`).
pub const CACHE_DIR_ENV: &str = "HUIBAO_CACHE_DIR";

/// The most bytes the cache keeps; a write that goes over removes the oldest entries until it
/// holds three quarters of this.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The first bytes of every entry (the format's version is its last digit).
const MAGIC: &[u8; 8] = b"HBCACHE3";

/// The file name ending of entries; temporary files end otherwise and are never read.
const SUFFIX: &str = ".entry";

/// A cache directory.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    max_bytes: u64,
    /// Bytes this process has written to it: the folder is measured on the first write and
    /// again after each eighth of [`MAX_BYTES`] written, not on every write.
    written: AtomicU64,
}

/// The user's cache, or `None` when it is turned off or its directory cannot be made. Resolved
/// once per process.
pub fn user() -> Option<&'static Cache> {
    static USER: OnceLock<Option<Cache>> = OnceLock::new();
    USER.get_or_init(|| {
        let off = std::env::var(CACHE_ENV)
            .is_ok_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "off" | "0"));
        if off {
            return None;
        }
        let nonempty = |v: &str| {
            std::env::var_os(v)
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
        };
        let dir = nonempty(CACHE_DIR_ENV)
            .or_else(|| nonempty("XDG_CACHE_HOME").map(|d| d.join("huibao")))
            .or_else(|| nonempty("HOME").map(|d| d.join(".cache").join("huibao")))?;
        Cache::at(dir)
    })
    .as_ref()
}

/// A hash of what makes the cached work: the locked dependency versions (`subsetter`, the
/// deflate crates, fontdb) and the sources of this crate that make subset programs, deflate
/// streams and read the installed fonts.
pub fn code_version() -> u64 {
    static VERSION: OnceLock<u64> = OnceLock::new();
    *VERSION.get_or_init(|| {
        let parts: [&str; 8] = [
            env!("CARGO_PKG_VERSION"),
            include_str!("../../Cargo.lock"),
            include_str!("subset.rs"),
            include_str!("cff.rs"),
            include_str!("reposition.rs"),
            include_str!("disk.rs"),
            include_str!("installed.rs"),
            include_str!("../pdf/mod.rs"),
        ];
        parts
            .iter()
            .fold(0, |h, p| fnv1a(p.as_bytes(), h ^ p.len() as u64))
    })
}

/// A file's modification time in nanoseconds since 1970, for the stamps that tell whether
/// what a cache entry was made from has changed; `None` where the system gives none.
pub(crate) fn mtime_ns(m: &std::fs::Metadata) -> Option<u128> {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
}

impl Cache {
    /// The cache in `dir`, created if missing; `None` if it cannot be.
    pub fn at(dir: PathBuf) -> Option<Cache> {
        fs::create_dir_all(&dir).ok()?;
        Some(Cache {
            dir,
            max_bytes: MAX_BYTES,
            written: AtomicU64::new(0),
        })
    }

    /// The same cache with another size bound (for tests).
    pub fn with_max_bytes(mut self, max_bytes: u64) -> Cache {
        self.max_bytes = max_bytes;
        self
    }

    /// The cache's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &[u8]) -> PathBuf {
        let (a, b) = (fnv1a(key, 1), fnv1a(key, 2));
        self.dir.join(format!("{a:016x}{b:016x}{SUFFIX}"))
    }

    /// The payload stored under `key`, if an intact entry for exactly that key is there.
    pub fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        let bytes = fs::read(self.path(key)).ok()?;
        decode(&bytes, key).map(<[u8]>::to_vec)
    }

    /// Stores `payload` under `key` (atomically; errors are ignored: the cache is optional).
    pub fn put(&self, key: &[u8], payload: &[u8]) {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let path = self.path(key);
        let tmp = self.dir.join(format!(
            ".tmp-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let written = fs::File::create(&tmp)
            .and_then(|mut f| f.write_all(&encode(key, payload)))
            .and_then(|()| fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
            return;
        }
        let step = (self.max_bytes / 8).max(1);
        let len = payload.len() as u64 + key.len() as u64;
        let before = self.written.fetch_add(len, Ordering::Relaxed);
        if before == 0 || before / step != (before + len) / step {
            self.prune();
        }
    }

    /// Removes the oldest entries (and stale temporary files) while the cache holds more than
    /// its bound, down to three quarters of it.
    fn prune(&self) {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut entries: Vec<(std::time::SystemTime, u64, PathBuf)> = dir
            .filter_map(Result::ok)
            .filter_map(|e| {
                let meta = e.metadata().ok()?;
                let name = e.file_name();
                let name = name.to_string_lossy();
                let stale_tmp = name.starts_with(".tmp-")
                    && meta
                        .modified()
                        .ok()
                        .and_then(|m| m.elapsed().ok())
                        .is_some_and(|age| age.as_secs() > 3600);
                (name.ends_with(SUFFIX) || stale_tmp).then(|| {
                    let when = if stale_tmp {
                        std::time::UNIX_EPOCH
                    } else {
                        meta.modified().unwrap_or(std::time::UNIX_EPOCH)
                    };
                    (when, meta.len(), e.path())
                })
            })
            .collect();
        let mut total: u64 = entries.iter().map(|e| e.1).sum();
        if total <= self.max_bytes {
            return;
        }
        entries.sort();
        for (_, len, path) in entries {
            if total <= self.max_bytes / 4 * 3 {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total = total.saturating_sub(len);
            }
        }
    }
}

/// An entry: magic, key length and key, payload length, payload checksum (CRC-32: it finds a
/// torn or damaged entry; the key, stored whole, tells entries apart), payload.
fn encode(key: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(MAGIC.len() + 16 + key.len() + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(key.len() as u32).to_le_bytes());
    out.extend_from_slice(key);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The payload of entry `bytes` if it is whole and stored under `key`.
fn decode<'a>(bytes: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (len, rest) = rest.split_first_chunk::<4>()?;
    let (stored_key, rest) = rest.split_at_checked(u32::from_le_bytes(*len) as usize)?;
    if stored_key != key {
        return None;
    }
    let (len, rest) = rest.split_first_chunk::<8>()?;
    let (sum, payload) = rest.split_first_chunk::<4>()?;
    (payload.len() as u64 == u64::from_le_bytes(*len)
        && crc32fast::hash(payload) == u32::from_le_bytes(*sum))
    .then_some(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_cache(name: &str) -> Cache {
        let dir = std::env::temp_dir().join(format!("huibao-disk-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        Cache::at(dir).expect("temp dir")
    }

    #[test]
    fn stores_and_reads_back() {
        let c = temp_cache("rw");
        assert_eq!(c.get(b"k"), None);
        c.put(b"k", b"payload");
        assert_eq!(c.get(b"k").as_deref(), Some(&b"payload"[..]));
        assert_eq!(c.get(b"other"), None);
        let _ = fs::remove_dir_all(c.dir());
    }

    #[test]
    fn a_truncated_or_corrupted_entry_is_a_miss_and_is_rewritten() {
        let c = temp_cache("bad");
        c.put(b"key", b"0123456789");
        let path = c.path(b"key");
        let whole = fs::read(&path).unwrap();
        for cut in 0..whole.len() {
            fs::write(&path, &whole[..cut]).unwrap();
            assert_eq!(c.get(b"key"), None, "cut at {cut}");
        }
        let mut flipped = whole.clone();
        *flipped.last_mut().unwrap() ^= 1;
        fs::write(&path, &flipped).unwrap();
        assert_eq!(c.get(b"key"), None);
        c.put(b"key", b"0123456789");
        assert_eq!(c.get(b"key").as_deref(), Some(&b"0123456789"[..]));
        let _ = fs::remove_dir_all(c.dir());
    }

    #[test]
    fn an_entry_under_another_key_is_a_miss() {
        let c = temp_cache("key");
        c.put(b"a", b"x");
        fs::rename(c.path(b"a"), c.path(b"b")).unwrap();
        assert_eq!(c.get(b"b"), None);
        let _ = fs::remove_dir_all(c.dir());
    }

    #[test]
    fn the_cache_stays_bounded_and_drops_the_oldest() {
        let c = temp_cache("bound").with_max_bytes(4000);
        for i in 0..20u8 {
            c.put(&[i], &[i; 500]);
            // Distinct mtimes, so "oldest" is well defined.
            let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000 + i as u64);
            fs::File::options()
                .write(true)
                .open(c.path(&[i]))
                .and_then(|f| f.set_modified(t))
                .unwrap();
        }
        let total: u64 = fs::read_dir(c.dir())
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        assert!(total <= 4000, "{total} bytes");
        assert_eq!(c.get(&[19]).as_deref(), Some(&[19u8; 500][..]));
        assert_eq!(c.get(&[0]), None);
        let _ = fs::remove_dir_all(c.dir());
    }
}
