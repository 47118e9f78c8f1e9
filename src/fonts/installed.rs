//! The installed fonts' names (fontdb's scan of the system font folders), kept in the on-disk
//! cache ([`super::disk`]) so a process reads one entry instead of opening every font file.
//!
//! A cached scan is used only while nothing it depends on has changed, checked as fontconfig
//! checks its own cache, by modification times: every fontconfig configuration file (under
//! `/etc/fonts`, the user's `fontconfig` folder, `$FONTCONFIG_FILE`), every font folder that
//! fontconfig names or fontdb falls back to (recursively: adding or removing a font changes its
//! folder's time) and every font file found (size and time): a file fontdb does not read (by its
//! extension, as fontdb decides) is not stamped, since it cannot change the scan (the CMap folders
//! beside the fonts hold two thirds of the files). Any difference, or no usable entry, scans again
//! with fontdb exactly as without the cache, and stores the result.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::disk::{self, Cache};

/// A path's stamp: file size (`u64::MAX` for a folder) and modification time in ns; a missing
/// path has stamp (0, 0).
type Stamp = (u64, u128);

fn stamp(path: &Path) -> Stamp {
    match std::fs::metadata(path) {
        Ok(m) => {
            let t = disk::mtime_ns(&m).unwrap_or(1);
            (if m.is_dir() { u64::MAX } else { m.len() }, t)
        }
        Err(_) => (0, 0),
    }
}

/// The installed fonts, from the cache when it is valid, else scanned (and stored).
pub fn database() -> fontdb::Database {
    match disk::user() {
        Some(cache) => database_in(cache).0,
        None => scan(),
    }
}

/// The installed fonts through `cache`, and whether they came from it.
fn database_in(cache: &Cache) -> (fontdb::Database, bool) {
    let key = key();
    if let Some(db) = cache.get(&key).and_then(|entry| decode(&entry)) {
        return (db, true);
    }
    let watched = watched_paths();
    let db = scan();
    cache.put(&key, &encode(&watched, &db));
    (db, false)
}

/// fontdb's own scan, as used without the cache.
fn scan() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    db
}

/// The entry's key: the code version and the environment that decides which folders are read.
fn key() -> Vec<u8> {
    let mut k = b"installed-fonts\0".to_vec();
    k.extend_from_slice(&disk::code_version().to_be_bytes());
    for var in ["HOME", "XDG_CONFIG_HOME", "FONTCONFIG_FILE"] {
        let v = std::env::var_os(var).unwrap_or_default();
        k.extend_from_slice(var.as_bytes());
        k.push(b'=');
        k.extend_from_slice(v.as_encoded_bytes());
        k.push(0);
    }
    k
}

/// Every path whose change may change the scan: configuration files and folders, font
/// folders (recursively) and font files, each with its stamp.
fn watched_paths() -> Vec<(PathBuf, Stamp)> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let config_home = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    let mut roots: Vec<PathBuf> = vec![PathBuf::from("/etc/fonts")];
    roots.extend(std::env::var_os("FONTCONFIG_FILE").map(PathBuf::from));
    roots.extend(config_home.map(|c| c.join("fontconfig")));
    let config_roots = roots.len();
    // The folders fontconfig names (what fontdb reads) and fontdb's fallback folders.
    let mut config = fontconfig_parser::FontConfig::default();
    match std::env::var_os("FONTCONFIG_FILE") {
        Some(file) => {
            let _ = config.merge_config(Path::new(&file));
        }
        None => {
            for file in roots[1..]
                .iter()
                .map(|c| c.join("fonts.conf"))
                .chain(["/etc/fonts/local.conf", "/etc/fonts/fonts.conf"].map(PathBuf::from))
            {
                let _ = config.merge_config(&file);
            }
        }
    }
    for dir in config.dirs {
        let path = match (dir.path.strip_prefix("~"), &home) {
            (Ok(rest), Some(h)) => h.join(rest),
            (Ok(_), None) => continue,
            (Err(_), _) => dir.path,
        };
        roots.push(path);
    }
    roots.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
    if let Some(h) = &home {
        roots.extend([h.join(".fonts"), h.join(".local/share/fonts")]);
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, root) in roots.iter().enumerate() {
        let files = if i < config_roots {
            Files::All
        } else {
            Files::Fonts
        };
        walk(root, files, &mut out, &mut seen);
    }
    out
}

/// Which files under a folder are stamped: all of them (configuration) or only those fontdb
/// reads (font folders).
#[derive(Clone, Copy, PartialEq)]
enum Files {
    All,
    Fonts,
}

/// Whether fontdb reads a file by this name: the extensions its folder scan accepts.
fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e,
            "ttf" | "ttc" | "otf" | "otc" | "TTF" | "TTC" | "OTF" | "OTC"
        )
    })
}

/// Stamps `path` and, for a folder, what under it `files` names and every folder (symbolic links
/// followed once).
fn walk(path: &Path, files: Files, out: &mut Vec<(PathBuf, Stamp)>, seen: &mut HashSet<PathBuf>) {
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let s = stamp(path);
    // A missing path keeps its stamp (a root made later must be seen); fontdb decides by the name
    // a link leads to, so a link is stamped if either name is a font's.
    let other_file = s != (0, 0) && s.0 != u64::MAX;
    if files == Files::Fonts && other_file && !is_font_file(path) && !is_font_file(&real) {
        return;
    }
    if !seen.insert(real) {
        return;
    }
    out.push((path.to_path_buf(), s));
    if s.0 == u64::MAX {
        if let Ok(dir) = std::fs::read_dir(path) {
            let mut children: Vec<PathBuf> = dir.filter_map(Result::ok).map(|e| e.path()).collect();
            children.sort();
            for child in children {
                walk(&child, files, out, seen);
            }
        }
    }
}

/// Appends a length-prefixed byte string.
fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(&(b.len() as u32).to_le_bytes());
    out.extend_from_slice(b);
}

/// The entry: the watched paths with their stamps, then each face (in the database's order):
/// file, index, family names, PostScript name, style, weight, stretch, monospaced. Faces not
/// from a file are left out (a system scan has none).
fn encode(watched: &[(PathBuf, Stamp)], db: &fontdb::Database) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(watched.len() as u32).to_le_bytes());
    for (path, (len, t)) in watched {
        put_bytes(&mut out, path.as_os_str().as_encoded_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&t.to_le_bytes());
    }
    let faces: Vec<&fontdb::FaceInfo> = db
        .faces()
        .filter(|f| !matches!(f.source, fontdb::Source::Binary(_)))
        .collect();
    out.extend_from_slice(&(faces.len() as u32).to_le_bytes());
    for f in faces {
        let (fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _)) = &f.source else {
            continue;
        };
        put_bytes(&mut out, p.as_os_str().as_encoded_bytes());
        out.extend_from_slice(&f.index.to_le_bytes());
        out.extend_from_slice(&(f.families.len() as u32).to_le_bytes());
        for (name, _) in &f.families {
            put_bytes(&mut out, name.as_bytes());
        }
        put_bytes(&mut out, f.post_script_name.as_bytes());
        out.push(match f.style {
            fontdb::Style::Normal => 0,
            fontdb::Style::Italic => 1,
            fontdb::Style::Oblique => 2,
        });
        out.extend_from_slice(&f.weight.0.to_le_bytes());
        out.extend_from_slice(&f.stretch.to_number().to_le_bytes());
        out.push(f.monospaced as u8);
    }
    out
}

/// Reads an entry made by [`encode`].
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn path(&mut self) -> Option<PathBuf> {
        let b = self.bytes()?;
        Some(PathBuf::from(std::str::from_utf8(b).ok()?))
    }
    fn string(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }
}

/// The database an entry holds, if every watched path still has its stamp.
fn decode(entry: &[u8]) -> Option<fontdb::Database> {
    let mut r = Reader(entry);
    for _ in 0..r.u32()? {
        let path = r.path()?;
        let s: Stamp = (
            u64::from_le_bytes(r.array()?),
            u128::from_le_bytes(r.array()?),
        );
        if stamp(&path) != s {
            return None;
        }
    }
    let mut db = fontdb::Database::new();
    for _ in 0..r.u32()? {
        let path = r.path()?;
        let index = r.u32()?;
        let families = (0..r.u32()?)
            .map(|_| Some((r.string()?, fontdb::Language::English_UnitedStates)))
            .collect::<Option<Vec<_>>>()?;
        let post_script_name = r.string()?;
        let style = match r.array::<1>()?[0] {
            0 => fontdb::Style::Normal,
            1 => fontdb::Style::Italic,
            _ => fontdb::Style::Oblique,
        };
        let weight = fontdb::Weight(u16::from_le_bytes(r.array()?));
        let stretch = STRETCHES
            .get(usize::from(u16::from_le_bytes(r.array()?)).checked_sub(1)?)
            .copied()?;
        let monospaced = r.array::<1>()?[0] == 1;
        db.push_face_info(fontdb::FaceInfo {
            id: fontdb::ID::dummy(),
            source: fontdb::Source::File(path),
            index,
            families,
            post_script_name,
            style,
            weight,
            stretch,
            monospaced,
        });
    }
    r.0.is_empty().then_some(db)
}

/// fontdb's stretches by number (1–9).
const STRETCHES: [fontdb::Stretch; 9] = [
    fontdb::Stretch::UltraCondensed,
    fontdb::Stretch::ExtraCondensed,
    fontdb::Stretch::Condensed,
    fontdb::Stretch::SemiCondensed,
    fontdb::Stretch::Normal,
    fontdb::Stretch::SemiExpanded,
    fontdb::Stretch::Expanded,
    fontdb::Stretch::ExtraExpanded,
    fontdb::Stretch::UltraExpanded,
];

/// The faces of `db` as (file, index, families, PostScript name, style, weight, stretch,
/// monospaced), for comparing two databases.
#[cfg(test)]
fn summary(db: &fontdb::Database) -> Vec<String> {
    db.faces()
        .map(|f| {
            let families: Vec<&str> = f.families.iter().map(|(n, _)| n.as_str()).collect();
            let path = match &f.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                fontdb::Source::Binary(_) => PathBuf::new(),
            };
            format!(
                "{} {} {families:?} {} {:?} {} {} {}",
                path.display(),
                f.index,
                f.post_script_name,
                f.style,
                f.weight.0,
                f.stretch.to_number(),
                f.monospaced
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_scan_equals_a_fresh_one_and_a_changed_stamp_rescans() {
        let dir = std::env::temp_dir().join(format!("huibao-installed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cache = Cache::at(dir.clone()).expect("temp dir");
        let (first, hit) = database_in(&cache);
        assert!(!hit, "an empty cache gave a scan");
        let (second, hit) = database_in(&cache);
        assert!(hit, "the stored scan was not used");
        assert_eq!(summary(&second), summary(&first));
        assert_eq!(summary(&scan()), summary(&first));
        // A watched path whose stamp no longer matches (here: a stamp made up) is a miss.
        let entry = cache.get(&key()).expect("entry");
        let watched = watched_paths();
        let mut stale = watched.clone();
        stale.push((dir.join("not-there"), (1, 1)));
        cache.put(&key(), &encode(&stale, &first));
        assert!(!database_in(&cache).1, "a changed stamp still hit");
        assert!(decode(&entry).is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_font_folder_stamps_its_folders_and_font_files_only() {
        let dir = std::env::temp_dir().join(format!("huibao-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).expect("temp dir");
        for name in ["a.ttf", "b.OTC", "cmap.txt", "sub/c.otf", "sub/Adobe-GB1-5"] {
            std::fs::write(dir.join(name), b"x").expect("temp file");
        }
        let names = |files| {
            let (mut out, mut seen) = (Vec::new(), HashSet::new());
            walk(&dir, files, &mut out, &mut seen);
            out.iter()
                .map(|(p, _)| {
                    p.strip_prefix(&dir)
                        .expect("under dir")
                        .display()
                        .to_string()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(Files::Fonts),
            ["", "a.ttf", "b.OTC", "sub", "sub/c.otf"]
        );
        assert_eq!(
            names(Files::All),
            [
                "",
                "a.ttf",
                "b.OTC",
                "cmap.txt",
                "sub",
                "sub/Adobe-GB1-5",
                "sub/c.otf"
            ]
        );
        // A missing root keeps its (0, 0) stamp, so creating it later is seen.
        let (mut out, mut seen) = (Vec::new(), HashSet::new());
        walk(&dir.join("later"), Files::Fonts, &mut out, &mut seen);
        assert_eq!(out, [(dir.join("later"), (0, 0))]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
