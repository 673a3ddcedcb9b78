//! Helpers shared by the integration tests: a private `POSTURE_HOME` per test.

use std::os::unix::fs::PermissionsExt;
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

/// The answer recorded for `question` in the assessment at `path`, read as posture reads it.
pub fn recorded(path: &Path, question: &str) -> Option<posture::assessment::AnswerValue> {
    let loaded = posture::assessment::load(path, &posture::checklist::Catalog::load(&[]))
        .expect("the assessment loads");
    loaded.answers.get(question).and_then(|a| a.value.clone())
}

/// A folder that refuses writes until dropped: a read-only bind mount where this user may
/// mount (root, as in CI), else permissions (another user), else the folder is moved away and
/// a plain file takes its name (root without mount rights), so every write into it fails.
pub struct Unwritable {
    dir: PathBuf,
    how: Refusal,
}

enum Refusal {
    ReadOnlyMount,
    Permissions,
    Replaced(PathBuf),
}

impl Unwritable {
    pub fn make(dir: &Path) -> Self {
        let dir = dir.to_path_buf();
        let run = |program: &str, args: &[&std::ffi::OsStr]| {
            std::process::Command::new(program)
                .args(args)
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let d = dir.as_os_str();
        if run("mount", &["--bind".as_ref(), d, d]) {
            if run("mount", &["-o".as_ref(), "remount,ro,bind".as_ref(), d]) {
                return Self {
                    dir,
                    how: Refusal::ReadOnlyMount,
                };
            }
            run("umount", &[d]);
        }
        let refuses = |dir: &Path| std::fs::write(dir.join(".probe"), "x").is_err();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        if refuses(&dir) {
            return Self {
                dir,
                how: Refusal::Permissions,
            };
        }
        let _ = std::fs::remove_file(dir.join(".probe"));
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).expect("chmod");
        let away = dir.with_extension("away");
        std::fs::rename(&dir, &away).expect("move the folder away");
        std::fs::write(&dir, "not a folder").expect("a file in its place");
        Self {
            dir,
            how: Refusal::Replaced(away),
        }
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        match &self.how {
            Refusal::ReadOnlyMount => {
                let _ = std::process::Command::new("umount").arg(&self.dir).status();
            }
            Refusal::Permissions => {
                let _ = std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o700));
            }
            Refusal::Replaced(away) => {
                let _ = std::fs::remove_file(&self.dir);
                let _ = std::fs::rename(away, &self.dir);
            }
        }
    }
}
