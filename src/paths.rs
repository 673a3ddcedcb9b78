//! Where posture keeps its files: `POSTURE_HOME` first (tests and portable installs), then the
//! platform's folders (`~/.config/posture`, `~/.local/share/posture` on Linux).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Assessments live under `<data>/assessments`.
    pub data: PathBuf,
    /// User checklists live in `<config>/checklists`.
    pub config: PathBuf,
}

impl Paths {
    /// Resolves the folders; `data_dir` (from `--data-dir`) overrides the data folder alone.
    pub fn resolve(home: Option<&Path>, data_dir: Option<&Path>) -> Result<Self> {
        let (data, config) = if let Some(home) = home {
            (home.to_path_buf(), home.to_path_buf())
        } else {
            let dirs = directories::ProjectDirs::from("", "", "posture").ok_or_else(|| {
                Error::Invalid(
                    "cannot find a home folder; set POSTURE_HOME to a folder for posture's files"
                        .into(),
                )
            })?;
            (
                dirs.data_dir().to_path_buf(),
                dirs.config_dir().to_path_buf(),
            )
        };
        Ok(Self {
            data: data_dir.map_or(data, Path::to_path_buf),
            config,
        })
    }

    pub fn user_checklists(&self) -> PathBuf {
        self.config.join("checklists")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_override_holds_everything_and_data_dir_wins_for_data() {
        let paths = Paths::resolve(Some(Path::new("/h")), None).expect("paths");
        assert_eq!(paths.data, Path::new("/h"));
        assert_eq!(paths.user_checklists(), Path::new("/h/checklists"));
        let paths = Paths::resolve(Some(Path::new("/h")), Some(Path::new("/d"))).expect("paths");
        assert_eq!(paths.data, Path::new("/d"));
        assert_eq!(paths.config, Path::new("/h"));
    }
}
