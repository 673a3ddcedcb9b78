//! Deleting an assessment moves its file to `<data>/trash/`, keeping its place under
//! `assessments/`, so that `posture restore` can put it back; `posture trash empty` removes
//! what is there for good.

use std::path::{Path, PathBuf};

use super::store::Store;
use crate::error::{Error, Result};
use crate::private_file;

impl Store {
    /// The trash folder.
    pub fn trash(&self) -> PathBuf {
        self.data.join("trash")
    }

    /// Moves the assessment at `path` (under the assessments folder) to the trash, under its
    /// lock, and returns where it went.
    pub fn move_to_trash(&self, path: &Path) -> Result<PathBuf> {
        let relative = path.strip_prefix(&self.root).map_err(|_| {
            Error::Invalid(format!(
                "'{}' is not in the assessments folder, so posture does not delete it",
                path.display()
            ))
        })?;
        let target = free_name(&self.trash().join(relative));
        let _lock = private_file::lock(path)?;
        self.move_file(path, &target)?;
        Ok(target)
    }

    /// Puts a trashed assessment back where it was, and returns its path.
    pub fn restore_from_trash(&self, trashed: &Path) -> Result<PathBuf> {
        let relative = trashed
            .strip_prefix(self.trash())
            .map_err(|_| Error::Invalid(format!("'{}' is not in the trash", trashed.display())))?;
        let target = free_name(&self.root.join(relative));
        self.move_file(trashed, &target)?;
        Ok(target)
    }

    /// Every file in the trash, by path.
    pub fn trashed(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let Ok(orgs) = std::fs::read_dir(self.trash()) else {
            return files;
        };
        for org in orgs.filter_map(std::result::Result::ok) {
            if let Ok(entries) = std::fs::read_dir(org.path()) {
                files.extend(
                    entries
                        .filter_map(std::result::Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "toml")),
                );
            }
        }
        files.sort();
        files
    }

    /// Removes everything in the trash; returns how many files went.
    pub fn empty_trash(&self) -> Result<usize> {
        let files = self.trashed();
        for file in &files {
            std::fs::remove_file(file).map_err(|e| Error::io("delete", file, e))?;
        }
        let _ = std::fs::remove_dir_all(self.trash());
        Ok(files.len())
    }

    fn move_file(&self, from: &Path, to: &Path) -> Result<()> {
        let folder = to.parent().unwrap_or(to);
        private_file::create_dir_all(folder)?;
        private_file::refuse_links(&self.data, to)?;
        std::fs::rename(from, to).map_err(|e| Error::io("move", from, e))
    }
}

/// `path`, or `path` with `-2`, `-3`… before its extension when it is taken.
fn free_name(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (2..u32::MAX)
        .map(|n| path.with_file_name(format!("{stem}-{n}.toml")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.to_path_buf())
}
