//! Helpers shared by the integration tests: a private `POSTURE_HOME` per test.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A throwaway home for posture's files; tests never touch the real home folder.
pub struct Home {
    dir: TempDir,
}

impl Home {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `posture` with this home, no colour and a fixed terminal-free environment.
    pub fn posture(&self) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("posture"));
        cmd.env("POSTURE_HOME", self.path())
            .env("NO_COLOR", "1")
            .env_remove("HOME");
        cmd
    }

    /// Runs `posture new` with the given arguments and returns the new assessment's path.
    pub fn new_assessment(&self, args: &[&str]) -> PathBuf {
        let output = self
            .posture()
            .arg("new")
            .args(args)
            .output()
            .expect("run posture new");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        PathBuf::from(String::from_utf8(output.stdout).expect("utf-8").trim())
    }

    /// Writes a file below the home and returns its path.
    pub fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, contents).expect("write");
        path
    }
}

/// A minimal valid checklist with the given id and questions appended.
pub fn checklist(id: &str, questions: &str) -> String {
    format!("format = 1\nid = \"{id}\"\nversion = \"1.0.0\"\ntitle = \"{id} title\"\n{questions}")
}
