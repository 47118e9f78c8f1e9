//! Writing outputs safely: all-or-nothing sets, atomic replacement, targets that are never
//! a device, a FIFO, a link or an input, and file names that cannot escape the folder.
//!
//! Every format of a report is written to a temporary file in the target folder first; only
//! when all of them are written are they renamed into place, so a failed or interrupted run
//! never leaves a broken file, nor a set whose formats come from different runs. Writers of
//! one folder take turns (a lock on the folder), so of two runs writing the same outputs the
//! last complete set wins; temporary files that a killed run left behind (`.huibao-*.tmp`)
//! are removed by the next writer of the folder. A target that already holds exactly the
//! bytes to be written is not replaced, only given the time of the write.
//!
//! Files are not forced to disk (no fsync): what is guaranteed is against a failed, killed
//! or concurrent run, as with cargo or Typst; that the disk holds them after a power cut is
//! left to the operating system. An fsync costs ≈ 3 ms here, 1 s for a batch of 100 meetings
//! in two formats — two thirds of Typst's whole loop for the same reports.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::texts::output as texts;
use crate::diag::{Code, Diagnostic, Text};

/// The zlib level of a PDF's font programs and ToUnicode maps (deflated once per process and
/// glyph set and kept in the caches, [`crate::fonts::disk`]). Level 6, the usual one: they are
/// most of a PDF's bytes, and deflated once for a whole batch. Page contents: see
/// [`PDF_PAGE_DEFLATE_LEVEL`].
pub const PDF_DEFLATE_LEVEL: u32 = 6;

/// The zlib level of a PDF's page contents (and its other streams that are the report's own),
/// the part of a PDF deflated anew for every report. Level 3: on the example's five pages (48 KB
/// of content) zlib-rs takes 0.168 ms against 0.283 ms at level 6 (3 % of a batch report's
/// CPU), for 8,831 bytes against 8,213 (+0.3 % of the PDF; 3.0 bytes per drawn glyph, Typst
/// writes 3.3). Level 2 would write 9,609 bytes, level 1 12,561.
pub const PDF_PAGE_DEFLATE_LEVEL: u32 = 3;

/// The zlib level of a DOCX's parts: small XML files, for which building Huffman tables is
/// most of the work. Level 1 (fixed tables) against 6, measured on a batch of 20 meetings of the
/// example: 5 % fewer instructions per report, for a DOCX of 13,650 bytes instead of 11,137.
pub const DOCX_DEFLATE_LEVEL: u32 = 1;

/// The zlib level of an OFD's XML parts (its font programs are stored): 6, as the PDF's. An
/// archival format read back glyph by glyph; at level 1 the example's grew by 7.7 %.
pub const OFD_DEFLATE_LEVEL: u32 = 6;

/// Options for every file huibao zips (DOCX and redline DOCX at [`DOCX_DEFLATE_LEVEL`], OFD at
/// [`OFD_DEFLATE_LEVEL`]): deflated at `level`, with a fixed time and permissions, so equal
/// inputs give equal packages.
pub fn zip_options(level: u32) -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(i64::from(level)))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
}

/// The prefix and suffix of our temporary files.
const TMP_PREFIX: &str = ".huibao-";
const TMP_SUFFIX: &str = ".tmp";

/// An `E-WRITE` error: `path` could not be written, at the step `what`, for the reason `e`.
fn write_error(path: &Path, what: Text, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(Code::Write, texts::write_failed(path.display(), what, e))
}

/// Checks that `path` may be written: it does not exist, or is a regular file (not a folder,
/// device, FIFO or symbolic link), and it is none of `inputs` (data, template, source files:
/// their [`FileId`]s).
fn check_target(path: &Path, inputs: &[FileId]) -> Result<(), Diagnostic> {
    let refuse = |why: Text| {
        Diagnostic::error(
            Code::OutputTarget,
            texts::refused_target(path.display(), why),
        )
        .help(texts::refused_target_help())
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(_) => return Ok(()),
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err(refuse(texts::target_is_link()));
    }
    if kind.is_dir() {
        return Err(refuse(texts::target_is_folder()));
    }
    if !kind.is_file() {
        return Err(refuse(crate::diag::texts::common::not_regular()));
    }
    if FileId::of(path, &meta).is_some_and(|id| inputs.contains(&id)) {
        return Err(Diagnostic::error(
            Code::OutputIsInput,
            texts::output_is_input(path.display()),
        ));
    }
    Ok(())
}

/// What makes two paths the same existing file: device and inode on Unix, the canonical path
/// elsewhere.
#[derive(Debug, PartialEq)]
struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    /// The identity of the existing file `path`, whose metadata is `meta`.
    fn of(path: &Path, meta: &std::fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            Some(FileId((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            path.canonicalize().ok().map(FileId)
        }
    }

    /// The identities of those of `paths` that exist (symbolic links followed), read once for
    /// every target of a set.
    fn of_all(paths: &[PathBuf]) -> Vec<FileId> {
        paths
            .iter()
            .filter_map(|p| FileId::of(p, &std::fs::metadata(p).ok()?))
            .collect()
    }
}

/// The folder a file is written into (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A lock on an output folder, held while a set is renamed into place; released on drop.
struct FolderLock(File);

impl FolderLock {
    fn take(dir: &Path) -> Result<FolderLock, Diagnostic> {
        // On Unix the folder itself is locked, so no lock file is left behind; elsewhere a
        // hidden lock file in it.
        #[cfg(unix)]
        let file = File::open(dir);
        #[cfg(not(unix))]
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(".huibao.lock"));
        let file = file.map_err(|e| write_error(dir, texts::lock_folder(), &e))?;
        file.lock()
            .map_err(|e| write_error(dir, texts::lock_folder(), &e))?;
        Ok(FolderLock(file))
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first makes it explicit.
        let _ = self.0.unlock();
    }
}

/// Removes the temporary files of our own naming left in `dir` by a run that was killed.
/// Called with the folder's lock held, so no live writer owns any of them. A folder is swept
/// once per process: a batch writes a hundred sets into one folder, and listing it before each
/// (it holds every set written so far) made the batch quadratic in its size; what a run killed
/// in the meantime leaves is swept by the next process.
fn remove_stale_temps(dir: &Path) {
    static SWEPT: std::sync::OnceLock<std::sync::Mutex<std::collections::HashSet<PathBuf>>> =
        std::sync::OnceLock::new();
    let first = SWEPT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(dir.to_path_buf());
    if !first {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TMP_PREFIX)
            && name.ends_with(TMP_SUFFIX)
            && e.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes a set of files all-or-nothing: every target is checked (absent or a regular file, and
/// none of `inputs`) and every file written to a temporary file before any is renamed into place. On
/// any error nothing is replaced and no temporary file is left. A target that already holds its
/// bytes is not written, only touched (see `already_holds`).
pub fn write_set(files: &[(PathBuf, Vec<u8>)], inputs: &[PathBuf]) -> Result<(), Diagnostic> {
    let inputs = FileId::of_all(inputs);
    for (path, _) in files {
        check_target(path, &inputs)?;
    }
    let mut dirs: Vec<&Path> = files.iter().map(|(p, _)| folder_of(p)).collect();
    dirs.sort();
    dirs.dedup();
    let mut locks = Vec::new();
    for dir in dirs {
        if std::fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
            return Err(Diagnostic::error(
                Code::OutputTarget,
                texts::folder_is_file(dir.display()),
            )
            .help(texts::folder_is_file_help()));
        }
        std::fs::create_dir_all(dir).map_err(|e| write_error(dir, texts::create_folder(), &e))?;
        locks.push(FolderLock::take(dir)?);
        finish_interrupted(dir);
        remove_stale_temps(dir);
    }
    // Checked again under the lock: another writer may have made a target since.
    let mut temps = Vec::new();
    for (path, bytes) in files {
        check_target(path, &inputs)?;
        if !already_holds(path, bytes) {
            temps.push((path, write_temp(path, bytes)?));
        }
    }
    if temps.is_empty() {
        return Ok(());
    }
    if temps.len() == 1 {
        // One file: one rename, nothing to journal.
        if let Some((path, tmp)) = temps.pop() {
            tmp.persist(path)
                .map_err(|e| write_error(path, texts::replace_file(), &e.error))?;
        }
        return Ok(());
    }
    // A journal of the renames, written whole before the first: a run killed between two
    // renames leaves it behind, and the next writer of the folder finishes them, so the
    // folder ends with the complete new set, never a mix of two runs.
    let mut journals: Vec<(&Path, String)> = Vec::new();
    for (path, tmp) in &temps {
        let (Some(t), Some(f)) = (tmp.path().file_name(), path.file_name()) else {
            continue;
        };
        let dir = folder_of(path);
        let line = format!("{}\t{}\n", t.to_string_lossy(), f.to_string_lossy());
        match journals.iter_mut().find(|(d, _)| *d == dir) {
            Some((_, text)) => text.push_str(&line),
            None => journals.push((dir, line)),
        }
    }
    let mut kept = Vec::new();
    for (path, tmp) in temps {
        let (_, kept_path) = tmp
            .keep()
            .map_err(|e| write_error(path, texts::write_bytes(), &e.error))?;
        kept.push((path, kept_path));
    }
    for (dir, text) in &journals {
        write_journal(dir, text)?;
    }
    for (path, tmp) in &kept {
        std::fs::rename(tmp, path).map_err(|e| write_error(path, texts::replace_file(), &e))?;
    }
    for (dir, _) in &journals {
        let _ = std::fs::remove_file(dir.join(JOURNAL));
    }
    drop(locks);
    Ok(())
}

/// The journal of a set's renames in its folder: lines `TEMPORARY<TAB>TARGET`, file names only.
const JOURNAL: &str = ".huibao-renames";

/// Whether the regular file at `path` holds exactly `bytes`; if it does, its modification time
/// is set to now, as a write would have, and it is left as it is: a rerun whose output did not
/// change creates, renames and frees no file (a batch rerun of 100 meetings spent 9 % of its
/// CPU time there), and a folder that is synchronised or backed up sees no new file. Any
/// doubt (unreadable, another length, a time that cannot be set) answers no: the file is then
/// written as usual. Called with the folder's lock held.
fn already_holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let mut options = File::options();
    options.read(true);
    // The target was checked to be a regular file; should it have become a link or a FIFO
    // since, the open neither follows the link nor waits for a FIFO's writer.
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        let flags = (OFlags::NOFOLLOW | OFlags::NONBLOCK).bits();
        options.custom_flags(i32::try_from(flags).unwrap_or(0));
    }
    let Ok(mut file) = options.open(path) else {
        return false;
    };
    let same_length = file.metadata().is_ok_and(|m| {
        m.file_type().is_file() && u64::try_from(bytes.len()).is_ok_and(|n| m.len() == n)
    });
    if !same_length {
        return false;
    }
    let mut buf = [0u8; 16 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => match (buf.get(..n), rest.get(..n)) {
                (Some(read), Some(expected)) if read == expected => rest = &rest[n..],
                _ => return false,
            },
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    rest.is_empty() && file.set_modified(std::time::SystemTime::now()).is_ok()
}

/// Writes the journal whole (a temporary file renamed into place).
fn write_journal(dir: &Path, text: &str) -> Result<(), Diagnostic> {
    let path = dir.join(JOURNAL);
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(TMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| write_error(&path, texts::folder_not_writable(), &e))?;
    tmp.write_all(text.as_bytes())
        .map_err(|e| write_error(&path, texts::write_bytes(), &e))?;
    tmp.persist(&path)
        .map_err(|e| write_error(&path, texts::write_bytes(), &e.error))?;
    Ok(())
}

/// Finishes the renames of a set whose writer was killed between two of them (its journal is
/// still in `dir`): each temporary file still there replaces its target, unless the target has
/// become something other than a regular file. Called with the folder's lock held.
fn finish_interrupted(dir: &Path) {
    let journal = dir.join(JOURNAL);
    let Ok(text) = std::fs::read_to_string(&journal) else {
        return;
    };
    for line in text.lines() {
        let Some((tmp, target)) = line.split_once('\t') else {
            continue;
        };
        let plain = |n: &str| !n.is_empty() && !n.contains(['/', '\\']) && n != "." && n != "..";
        if !plain(tmp) || !plain(target) || !tmp.starts_with(TMP_PREFIX) {
            continue;
        }
        let (tmp, target) = (dir.join(tmp), dir.join(target));
        let target_ok =
            std::fs::symlink_metadata(&target).map_or(true, |m| m.file_type().is_file());
        if target_ok && std::fs::symlink_metadata(&tmp).is_ok_and(|m| m.file_type().is_file()) {
            let _ = std::fs::rename(&tmp, &target);
        }
    }
    let _ = std::fs::remove_file(&journal);
}

/// Writes `bytes` to a temporary file beside `path`, with the permissions `path` has (or the
/// usual ones).
fn write_temp(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, Diagnostic> {
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(TMP_SUFFIX)
        .tempfile_in(folder_of(path))
        .map_err(|e| write_error(path, texts::folder_not_writable(), &e))?;
    // The file's blocks taken at once: on ext4, a rename over an existing file makes the
    // renaming process allocate the new file's delayed blocks first (`auto_da_alloc`, a
    // writeback started in our time); with the blocks taken here there is none to allocate
    // (≈ 80 µs less per 185 KB PDF replaced). Where the file system cannot, nothing changes.
    #[cfg(target_os = "linux")]
    if let Ok(len) = u64::try_from(bytes.len()) {
        if len > 0 {
            let flags = rustix::fs::FallocateFlags::empty();
            let _ = rustix::fs::fallocate(tmp.as_file(), flags, 0, len);
        }
    }
    tmp.write_all(bytes)
        .map_err(|e| write_error(path, texts::write_bytes(), &e))?;
    // A temporary file is private (0600); a report gets the permissions of the file it
    // replaces, or the usual ones.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| write_error(path, texts::set_permissions(), &e))?;
    }
    Ok(tmp)
}

/// Writes one file atomically (a set of one: see [`write_set`]), creating the folder if
/// needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_set(&[(path.to_path_buf(), bytes.to_vec())], &[])
}

/// The longest output stem in bytes: 255 (a file name's limit) less room for `.docx` and for
/// the `.huibao-XXXXXX.tmp` affixes of the temporary file written first.
pub const STEM_MAX_BYTES: usize = 200;

/// Names Windows reserves for devices.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A file stem that is safe on every system: no folders, no `..`, no characters Windows
/// forbids, no reserved device names, not empty.
pub fn sanitize_stem(stem: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_control()
                || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    // At most 120 characters and STEM_MAX_BYTES bytes (file systems limit names by bytes, and
    // the extension and our temporary file's affixes come on top), cut at a character.
    let mut out = String::new();
    for c in trimmed.chars().take(120) {
        if out.len() + c.len_utf8() > STEM_MAX_BYTES {
            break;
        }
        out.push(c);
    }
    if out.is_empty() {
        out = "report".into();
    }
    // Windows reserves device names, with any extension, and also with superscript digits
    // (`COM¹`) and `CONIN$`/`CONOUT$`.
    let base = out.split('.').next().unwrap_or("").to_uppercase();
    let base = base.trim_end();
    if RESERVED.contains(&base)
        || matches!(base, "CONIN$" | "CONOUT$")
        || ["COM", "LPT"].iter().any(|p| {
            base.strip_prefix(p)
                .is_some_and(|d| matches!(d, "¹" | "²" | "³"))
        })
    {
        out.insert(0, '_');
    }
    out
}

/// SHA-256 of `data`: the identifier of long contents (cache keys and checksums),
/// where a byte-at-a-time hash would cost a share of the render.
pub fn digest(data: &[u8]) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(data).into()
}

/// 64-bit FNV-1a of `data`, varied by `seed`: a stable hash for ids and subset tags.
pub fn fnv1a(data: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_cannot_escape_or_be_reserved() {
        assert_eq!(sanitize_stem("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(sanitize_stem("/abs/path"), "_abs_path");
        assert_eq!(sanitize_stem("CON"), "_CON");
        assert_eq!(sanitize_stem("nul.txt"), "_nul.txt");
        assert_eq!(sanitize_stem("  ..  "), "report");
        assert_eq!(
            sanitize_stem("卢氏县汇报（市检查组）"),
            "卢氏县汇报（市检查组）"
        );
        assert_eq!(sanitize_stem("a\u{0}b"), "a_b");
        assert_eq!(sanitize_stem("COM¹"), "_COM¹");
        assert_eq!(sanitize_stem("conin$.txt"), "_conin$.txt");
        assert_eq!(sanitize_stem("a\u{202E}b"), "a_b");
        // 84 hanzi and more are cut by bytes, at a character; Extension B too.
        let long = sanitize_stem(&"汇".repeat(100));
        assert!(long.len() <= STEM_MAX_BYTES && long.chars().all(|c| c == '汇'));
        let ext_b = sanitize_stem(&"𠀀".repeat(100));
        assert!(ext_b.len() <= STEM_MAX_BYTES && ext_b.chars().all(|c| c == '𠀀'));
    }

    #[test]
    fn atomic_write_replaces_and_failure_keeps_old() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // A target that is a folder cannot be replaced: error, and nothing else is touched.
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join("keep"), b"x").unwrap();
        let refused = write_atomic(&sub, b"three").unwrap_err();
        assert_eq!(
            refused.message.en,
            format!("will not write {}: a folder has that name", sub.display())
        );
        assert!(refused.message.hans.ends_with("：同名的是一个文件夹"));
        assert!(refused.message.hant.ends_with("：同名的是一個文件夾"));
        assert_eq!(std::fs::read(sub.join("keep")).unwrap(), b"x");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".huibao-"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_target_holding_the_same_bytes_is_touched_not_replaced() {
        use std::os::unix::fs::MetadataExt;
        use std::time::{Duration, SystemTime};
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("r.docx"), dir.path().join("r.pdf"));
        let set = |x: &[u8], y: &[u8]| {
            write_set(&[(a.clone(), x.to_vec()), (b.clone(), y.to_vec())], &[]).unwrap()
        };
        let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let long_ago = SystemTime::now() - Duration::from_secs(86_400);
        let age = |p: &Path| {
            File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(long_ago)
                .unwrap()
        };
        set(b"docx one", b"pdf one");
        let (ia, ib) = (ino(&a), ino(&b));
        age(&a);
        age(&b);
        set(b"docx one", b"pdf one");
        for (p, i) in [(&a, ia), (&b, ib)] {
            let m = std::fs::metadata(p).unwrap();
            assert_eq!(m.ino(), i, "{} replaced", p.display());
            assert!(m.modified().unwrap() > long_ago + Duration::from_secs(3600));
        }
        // Same length, other bytes: replaced; the unchanged one of the set stays.
        set(b"docx two", b"pdf one");
        assert_eq!(std::fs::read(&a).unwrap(), b"docx two");
        assert_ne!(ino(&a), ia);
        assert_eq!(ino(&b), ib);
        // Longer: replaced whole.
        set(b"docx two", b"pdf one, longer");
        assert_eq!(std::fs::read(&b).unwrap(), b"pdf one, longer");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_a_regular_file_can_already_hold_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.txt");
        std::fs::write(&file, b"same").unwrap();
        assert!(already_holds(&file, b"same"));
        assert!(!already_holds(&file, b"samE") && !already_holds(&file, b"same!"));
        // A link to it is not followed; a FIFO is not waited on (nobody writes to it).
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(!already_holds(&link, b"same"));
        let fifo = dir.path().join("fifo.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        assert!(!already_holds(&fifo, b""));
        assert!(!already_holds(&dir.path().join("absent.txt"), b""));
    }
}
