//! Crash-safe, private writes. Assessments and reports map a client's weaknesses: files are
//! 0600 and the folders posture creates are 0700. A write goes to a temporary file in the same
//! folder, is flushed to disk, then renamed over the target, and the folder itself is synced, so
//! a crash leaves either the old file or the new one, never a torn one.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Creates `dir` and any missing parents, each 0700.
pub fn create_dir_all(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|e| Error::io("create the folder", dir, e))
}

/// Replaces `path` with `contents` atomically, as a 0600 file.
pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        ulid::Ulid::generate()
    ));
    let result = write_synced(&temp, contents)
        .and_then(|()| fs::rename(&temp, path).map_err(|e| Error::io("save", path, e)))
        .and_then(|()| sync_dir(dir));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn write_synced(temp: &Path, contents: &[u8]) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(temp)
        .map_err(|e| Error::io("create a temporary file in", temp, e))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io("write", temp, e))
}

/// Makes the rename durable. Folders cannot be opened for syncing on every platform.
fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io("sync the folder", dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn files_are_private_and_replaced_whole() {
        let home = tempfile::tempdir().expect("temp dir");
        let path = home.path().join("a/b/report.md");
        write(&path, b"first").expect("write");
        write(&path, b"second").expect("rewrite");
        assert_eq!(fs::read_to_string(&path).expect("read"), "second");
        let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&home.path().join("a")), 0o700);
        assert_eq!(mode(&home.path().join("a/b")), 0o700);
        let leftovers = fs::read_dir(home.path().join("a/b")).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn a_failed_write_reports_and_leaves_no_temporary_file() {
        let home = tempfile::tempdir().expect("temp dir");
        // A folder where the file should go: the rename fails even for root.
        let path = home.path().join("taken.toml");
        fs::create_dir(&path).expect("mkdir");
        let error = write(&path, b"lost").expect_err("cannot replace a folder");
        assert!(error.to_string().contains("taken.toml"), "{error}");
        let names: Vec<_> = fs::read_dir(home.path()).expect("list").collect();
        assert_eq!(names.len(), 1, "only the folder remains");
    }
}
