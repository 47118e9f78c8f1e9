//! Writing outputs safely: atomic replacement and file names that cannot escape the folder.
//!
//! A report is written to a temporary file in the target folder and renamed into place, so a
//! failed or interrupted run never leaves a broken or half-written file where a good one was.

use std::io::Write as _;
use std::path::Path;

use crate::diag::Diagnostic;

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename),
/// creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |what_zh: &str, e: &dyn std::fmt::Display| {
        Diagnostic::error(
            "E-WRITE",
            format!("无法写入 {}：{what_zh}（{e}）", path.display()),
            format!("cannot write {}: {e}", path.display()),
        )
        .help(
            "请确认输出文件夹可写、文件没有在 Word/WPS 中打开，或用 -o 换一个文件夹",
            "check the folder is writable and the file is not open in Word/WPS, or choose another folder with -o",
        )
    };
    std::fs::create_dir_all(dir).map_err(|e| fail("无法创建文件夹", &e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".huibao-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail("文件夹不可写", &e))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| fail("写入失败", &e))?;
    // A temporary file is private (0600); a report gets the permissions of the file it
    // replaces, or the usual ones.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| fail("无法设置权限", &e))?;
    }
    tmp.persist(path)
        .map_err(|e| fail("无法替换原文件", &e.error))?;
    Ok(())
}

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
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let mut out: String = trimmed.chars().take(120).collect();
    if out.is_empty() {
        out = "report".into();
    }
    let base = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    if RESERVED.contains(&base.as_str()) {
        out.insert(0, '_');
    }
    out
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
        assert!(write_atomic(&sub, b"three").is_err());
        assert_eq!(std::fs::read(sub.join("keep")).unwrap(), b"x");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".huibao-"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
