//! Every checklist a run can use: the built-ins, then the user's files, with the problems
//! of the files that were skipped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::builtin::BUILT_INS;
use super::load::{load_file, parse};
use super::model::{Checklist, Origin};
use crate::diagnostic::Diagnostic;

/// A user checklist that replaced the built-in with the same id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub id: String,
    pub path: PathBuf,
}

#[derive(Debug, Default)]
pub struct Catalog {
    checklists: Vec<Arc<Checklist>>,
    by_id: HashMap<String, usize>,
    /// Files that were skipped, and why.
    pub problems: Vec<Diagnostic>,
    pub overrides: Vec<Override>,
}

impl Catalog {
    /// The built-ins, then each user path in order: a folder contributes its `*.toml` files
    /// (sorted by name), a file itself. A missing folder contributes nothing.
    pub fn load(user_paths: &[PathBuf]) -> Self {
        let mut catalog = Self::default();
        for (name, text) in BUILT_INS {
            match parse(
                &format!("built-in:{name}"),
                text.as_bytes(),
                Origin::BuiltIn(name),
            ) {
                Ok(checklist) => catalog.add_built_in(checklist),
                Err(problems) => catalog.problems.extend(problems),
            }
        }
        for path in user_paths {
            for file in checklist_files(path, &mut catalog.problems) {
                match load_file(&file) {
                    Ok(checklist) => catalog.add_user(checklist, &file),
                    Err(problems) => catalog.problems.extend(problems),
                }
            }
        }
        catalog
    }

    /// The checklists in load order (built-ins first, an override in its built-in's place).
    pub fn checklists(&self) -> &[Arc<Checklist>] {
        &self.checklists
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Checklist>> {
        self.by_id.get(id).map(|&i| &self.checklists[i])
    }

    fn add_built_in(&mut self, checklist: Checklist) {
        self.by_id
            .insert(checklist.id.clone(), self.checklists.len());
        self.checklists.push(Arc::new(checklist));
    }

    fn add_user(&mut self, checklist: Checklist, path: &Path) {
        match self.by_id.get(&checklist.id) {
            None => self.add_built_in(checklist),
            Some(&i) => match &self.checklists[i].origin {
                Origin::BuiltIn(_) => {
                    self.overrides.push(Override {
                        id: checklist.id.clone(),
                        path: path.to_path_buf(),
                    });
                    self.checklists[i] = Arc::new(checklist);
                }
                first @ Origin::User(_) => self.problems.push(Diagnostic::whole_file(
                    &path.display().to_string(),
                    format!(
                        "checklist id '{}' is already used by {first}; this file is skipped",
                        checklist.id
                    ),
                )),
            },
        }
    }
}

/// The checklist files at `path`: the path itself if it is a file, else the `*.toml` files
/// directly inside it, sorted. A missing path adds nothing; an unreadable folder is a problem.
pub fn checklist_files(path: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            problems.push(Diagnostic::whole_file(
                &path.display().to_string(),
                format!("cannot read the folder: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    files.sort();
    files
}
