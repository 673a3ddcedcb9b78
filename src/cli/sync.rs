//! `posture sync` and the git merge driver: a team shares one data folder through git. Every
//! assessment is one file whose name holds its id, so files never collide; where two
//! technicians changed one assessment, git hands the three versions to `posture merge-driver`,
//! which merges them answer by answer (a line merge cannot: the `updated` stamp and the
//! `[score]` table change on every save).

use std::path::Path;
use std::process::{Command, ExitCode};

use super::{CHECK_FAILED, Context};
use crate::assessment::{self, conflicts, merge};
use crate::error::{Error, Result};

/// What the data folder's `.gitattributes` and `.gitignore` must say.
const ATTRIBUTES: &str = "assessments/**/*.toml merge=posture\n";
const IGNORED: &[&str] = &["state/", "trash/", "settings.toml", ".*.lock", "*.tmp"];

/// Runs git in `folder`; its output, or what it said when it failed. What the merge driver
/// says (lines starting `posture:`) is passed on.
fn git(folder: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .output()
        .map_err(|e| {
            Error::Invalid(format!(
                "cannot run git ({e}); posture sync needs git installed"
            ))
        })?;
    let said = String::from_utf8_lossy(&output.stderr);
    for line in said.lines().filter(|l| l.starts_with("posture:")) {
        note!("{line}");
    }
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(Error::Invalid(format!(
            "git {} failed: {}",
            args.join(" "),
            crate::text::one_line(&String::from_utf8_lossy(&output.stderr))
        )))
    }
}

/// Adds `line` to the file at `path` unless it is there already.
fn ensure_line(path: &Path, line: &str) -> Result<()> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    if text.lines().any(|l| l.trim() == line.trim()) {
        return Ok(());
    }
    let mut updated = text;
    if !updated.is_empty() && !updated.ends_with('\n') {
        updated.push('\n');
    }
    updated.push_str(line.trim_end());
    updated.push('\n');
    std::fs::write(path, updated).map_err(|e| Error::io("write", path, e))
}

/// Makes git merge assessment files with posture, in this repository.
fn register_driver(folder: &Path) -> Result<()> {
    ensure_line(&folder.join(".gitattributes"), ATTRIBUTES)?;
    for pattern in IGNORED {
        ensure_line(&folder.join(".gitignore"), pattern)?;
    }
    let exe = std::env::current_exe()
        .map_err(|e| Error::Invalid(format!("cannot find posture's own path: {e}")))?;
    let quoted = exe.display().to_string().replace('\'', "'\\''");
    git(
        folder,
        &["config", "merge.posture.name", "posture: answer by answer"],
    )?;
    git(
        folder,
        &[
            "config",
            "merge.posture.driver",
            &format!("'{quoted}' merge-driver %O %A %B"),
        ],
    )?;
    Ok(())
}

pub fn sync(context: &Context) -> Result<ExitCode> {
    let folder = &context.paths.data;
    if git(folder, &["rev-parse", "--is-inside-work-tree"]).is_err() {
        return Err(Error::Invalid(format!(
            "{} is not a git repository. To share it with your team: cd into it, run git init, \
             git remote add origin URL (a repository only your team can reach), then posture sync",
            folder.display()
        )));
    }
    register_driver(folder)?;
    git(
        folder,
        &[
            "add",
            "--all",
            "--",
            "assessments",
            ".gitattributes",
            ".gitignore",
        ],
    )
    .or_else(|_| git(folder, &["add", "--", ".gitattributes", ".gitignore"]))?;
    let staged = git(folder, &["diff", "--cached", "--name-only"])?;
    let changed = staged.lines().filter(|l| !l.trim().is_empty()).count();
    if changed > 0 {
        let message = format!("posture sync: {changed} file(s) changed");
        git(folder, &["commit", "--quiet", "-m", &message])?;
        out!("committed {changed} changed file(s)");
    }
    if git(folder, &["remote"])?.trim().is_empty() {
        out!("no remote: the changes are committed here only (git remote add origin URL to share)");
        return Ok(ExitCode::SUCCESS);
    }
    let remote = git(folder, &["remote"])?
        .lines()
        .next()
        .unwrap_or("origin")
        .trim()
        .to_owned();
    let branch = git(folder, &["rev-parse", "--abbrev-ref", "HEAD"])?
        .trim()
        .to_owned();
    let theirs = format!("{remote}/{branch}");
    git(folder, &["fetch", "--quiet", &remote])?;
    if git(folder, &["rev-parse", "--verify", "--quiet", &theirs]).is_ok() {
        // A technician's first sync starts a history of its own: it joins the team's.
        git(
            folder,
            &[
                "merge",
                "--no-edit",
                "--quiet",
                "--allow-unrelated-histories",
                &theirs,
            ],
        )?;
        out!("pulled the team's changes");
    }
    git(folder, &["push", "--quiet", "-u", &remote, &branch])?;
    out!("pushed: the team's data folder is up to date");
    Ok(ExitCode::SUCCESS)
}

/// git's merge driver for one assessment file: `base`, `ours` and `theirs` are the three
/// versions; the result replaces `ours`. Answers are merged one by one; where both sides
/// changed one answer, the newer record is kept, and that is said.
pub fn merge_driver(context: &Context, base: &Path, ours: &Path, theirs: &Path) -> ExitCode {
    let catalog = context.catalog();
    let read = |path: &Path| assessment::load(path, &catalog);
    let (Ok(base), Ok(mine), Ok(other)) = (read(base), read(ours), read(theirs)) else {
        note!(
            "posture merge-driver: one version of the file does not read as an assessment; left for git to mark as a conflict"
        );
        return ExitCode::from(CHECK_FAILED);
    };
    for question in conflicts(&base, &mine, &other) {
        note!("posture: both sides changed {question}; the newer answer is kept");
    }
    let merged = merge(&base, &mine, other);
    match context
        .store()
        .serialize(&merged)
        .and_then(|text| crate::private_file::write(ours, text.as_bytes()))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            note!("posture merge-driver: {e}");
            ExitCode::from(CHECK_FAILED)
        }
    }
}
