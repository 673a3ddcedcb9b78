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
    /// Recovery copies of answers that could not be saved go to `<state>/recovery` first.
    pub state: PathBuf,
}

impl Paths {
    /// Resolves the folders; `data_dir` (from `--data-dir`) overrides the data folder alone.
    pub fn resolve(home: Option<&Path>, data_dir: Option<&Path>) -> Result<Self> {
        let (data, config, state) = if let Some(home) = home {
            (home.to_path_buf(), home.to_path_buf(), home.join("state"))
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
                dirs.state_dir()
                    .unwrap_or_else(|| dirs.data_local_dir())
                    .to_path_buf(),
            )
        };
        Ok(Self {
            data: data_dir.map_or(data, Path::to_path_buf),
            config,
            state,
        })
    }

    pub fn user_checklists(&self) -> PathBuf {
        self.config.join("checklists")
    }

    /// Where a recovery copy may go, in order of preference: the state folder, then the
    /// system's temporary folder (for when the disk holding the others refuses writes).
    pub fn recovery_folders(&self) -> [PathBuf; 2] {
        [
            self.state.join("recovery"),
            std::env::temp_dir().join("posture-recovery"),
        ]
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
        assert_eq!(paths.recovery_folders()[0], Path::new("/h/state/recovery"));
    }
}
