//! Crash-safe, private writes. Assessments and reports map a client's weaknesses: files are
//! 0600 and the folders posture creates are 0700. A write goes to a temporary file in the same
//! folder, is flushed to disk, then renamed over the target, and the folder itself is synced, so
//! a crash leaves either the old file or the new one, never a torn one.
//!
//! Writers of one file take turns through an advisory lock on a lock file beside it
//! (`.NAME.lock`); while holding it, the temporary files a killed writer left are removed.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

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

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A fresh temporary name beside `path`: `.NAME.PID.ULID.tmp`.
fn temporary(path: &Path) -> PathBuf {
    folder_of(path).join(format!(
        ".{}.{}.{}.tmp",
        file_name(path),
        std::process::id(),
        ulid::Ulid::generate()
    ))
}

/// Replaces `path` with `contents` atomically, as a 0600 file.
pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = folder_of(path);
    create_dir_all(dir)?;
    let temp = temporary(path);
    let result = write_synced(&temp, contents)
        .and_then(|()| fs::rename(&temp, path).map_err(|e| Error::io("save", path, e)))
        .and_then(|()| sync_dir(dir));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Writes `contents` to `path` as a new 0600 file, atomically and exclusively: an existing file
/// is never replaced (the error's kind is then `AlreadyExists`).
pub fn create_new(path: &Path, contents: &[u8]) -> std::result::Result<(), std::io::Error> {
    let dir = folder_of(path);
    let temp = temporary(path);
    let io = |e: Error| match e {
        Error::Io { source, .. } => source,
        other => std::io::Error::other(other.to_string()),
    };
    write_synced(&temp, contents).map_err(io)?;
    // A hard link appears whole and fails when the name is taken. Where links are not
    // supported, the lock that every posture writer takes makes check-then-rename exclusive.
    let linked = match fs::hard_link(&temp, path) {
        Ok(()) => fs::remove_file(&temp),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let _lock = lock(path).map_err(io)?;
            if fs::symlink_metadata(path).is_ok() {
                Err(std::io::ErrorKind::AlreadyExists.into())
            } else {
                fs::rename(&temp, path)
            }
        }
    };
    if linked.is_err() {
        let _ = fs::remove_file(&temp);
    }
    linked?;
    sync_dir(dir).map_err(io)
}

/// The lock on one file, held until dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Waits for, then takes, the lock on `path` (through `.NAME.lock` beside it), and removes the
/// temporary files that a killed write of `path` left: no other writer can be using them.
pub fn lock(path: &Path) -> Result<Lock> {
    let lock_path = folder_of(path).join(format!(".{}.lock", file_name(path)));
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    // A lock file that exists can be locked read-only, so a folder that refuses writes reports
    // the write that fails, not the lock.
    let file = options
        .open(&lock_path)
        .or_else(|e| File::open(&lock_path).map_err(|_| e))
        .map_err(|e| Error::io("write in the folder of", path, e))?;
    file.lock().map_err(|e| Error::io("lock", &lock_path, e))?;
    remove_stale_temporaries(path);
    Ok(Lock { _file: file })
}

/// Removes `.NAME.*.tmp` beside `path`, but this process's own. Only called with the lock
/// held, so no other process is writing them.
fn remove_stale_temporaries(path: &Path) {
    let prefix = format!(".{}.", file_name(path));
    let own = format!("{prefix}{}.", std::process::id());
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.filter_map(std::result::Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") && !name.starts_with(&own) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Refuses to write through a symbolic link: `path` itself, and every folder between `root`
/// and it when `path` lies inside `root` (the root itself may be a link).
pub fn refuse_links(root: &Path, path: &Path) -> Result<()> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, path) = (absolute(root), absolute(path));
    let mut checked = vec![path.clone()];
    if let Ok(inside) = path.strip_prefix(&root) {
        let mut at = root.clone();
        for part in inside.parent().into_iter().flat_map(Path::components) {
            at.push(part);
            checked.push(at.clone());
        }
    }
    for place in checked {
        if fs::symlink_metadata(&place).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Invalid(format!(
                "'{}' is a symbolic link: posture does not write through links in its data folder; replace it with a real folder or file",
                place.display()
            )));
        }
    }
    Ok(())
}

/// Makes a folder that others may read or enter private again (0700); a folder that cannot be
/// changed is left as it is.
pub fn tighten(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::symlink_metadata(dir)
            && meta.is_dir()
            && meta.permissions().mode() & 0o077 != 0
        {
            let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn write_synced(temp: &Path, contents: &[u8]) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let folder = folder_of(temp);
    let mut file = options
        .open(temp)
        .map_err(|e| Error::io("write in the folder", folder, e))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io("write in the folder", folder, e))
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

    #[test]
    fn a_new_file_never_replaces_one() {
        let home = tempfile::tempdir().expect("temp dir");
        let path = home.path().join("a.toml");
        create_new(&path, b"first").expect("created");
        let error = create_new(&path, b"second").expect_err("taken");
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).expect("read"), "first");
        assert_eq!(
            fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(fs::read_dir(home.path()).expect("list").count(), 1);
    }

    #[test]
    fn the_lock_clears_what_a_killed_writer_left_and_nothing_else() {
        let home = tempfile::tempdir().expect("temp dir");
        let path = home.path().join("a.toml");
        fs::write(&path, "kept").expect("write");
        fs::write(home.path().join(".a.toml.123.01J.tmp"), "torn").expect("write");
        fs::write(home.path().join(".b.toml.123.01J.tmp"), "another file's").expect("write");
        let lock = lock(&path).expect("locked");
        let mut names: Vec<String> = fs::read_dir(home.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".a.toml.lock", ".b.toml.123.01J.tmp", "a.toml"]);
        drop(lock);
    }

    #[test]
    fn links_inside_the_data_folder_are_refused() {
        let home = tempfile::tempdir().expect("temp dir");
        let root = home.path().join("assessments");
        let elsewhere = home.path().join("elsewhere");
        fs::create_dir_all(&root).expect("mkdir");
        fs::create_dir_all(&elsewhere).expect("mkdir");
        std::os::unix::fs::symlink(&elsewhere, root.join("acme")).expect("link");
        let error = refuse_links(&root, &root.join("acme/a.toml")).expect_err("refused");
        assert!(error.to_string().contains("symbolic link"), "{error}");
        fs::create_dir(root.join("real")).expect("mkdir");
        refuse_links(&root, &root.join("real/a.toml")).expect("a real folder");
        std::os::unix::fs::symlink(elsewhere.join("x.toml"), root.join("real/b.toml"))
            .expect("link");
        assert!(refuse_links(&root, &root.join("real/b.toml")).is_err());
    }

    #[test]
    fn loose_folders_are_made_private() {
        let home = tempfile::tempdir().expect("temp dir");
        let dir = home.path().join("loose");
        fs::create_dir(&dir).expect("mkdir");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");
        tighten(&dir);
        assert_eq!(
            fs::metadata(&dir).expect("meta").permissions().mode() & 0o777,
            0o700
        );
    }
}
