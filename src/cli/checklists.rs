//! `posture list` and `posture validate`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CHECK_FAILED, Context};
use crate::checklist::{Diagnostic, Origin, checklist_files, load_file};
use crate::error::{Error, Result};
use crate::text::{pad, printable};

pub fn list(context: &Context) -> ExitCode {
    let catalog = context.catalog();
    let width = catalog
        .checklists()
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    out!(
        "{:width$}  {:>9}  {:<40}  SOURCE",
        "ID",
        "QUESTIONS",
        "TITLE"
    );
    for checklist in catalog.checklists() {
        let source = match &checklist.origin {
            Origin::BuiltIn(_) => "built-in".to_owned(),
            Origin::User(path) if catalog.overrides.iter().any(|o| o.id == checklist.id) => {
                format!("{} (overrides the built-in)", path.display())
            }
            Origin::User(path) => path.display().to_string(),
        };
        out!(
            "{:width$}  {:>9}  {}  {source}",
            checklist.id,
            checklist.questions.len(),
            pad(&checklist.title, 40)
        );
    }
    if !catalog.problems.is_empty() {
        note!(
            "\n{} problem(s); these files were skipped:\n",
            catalog.problems.len()
        );
        for problem in &catalog.problems {
            note!("error: {}\n", problem.render(super::screen_width()));
        }
    }
    ExitCode::SUCCESS
}

pub fn validate(paths: &[PathBuf]) -> Result<ExitCode> {
    let mut files = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for path in paths {
        if !path.exists() {
            return Err(Error::Invalid(format!(
                "'{}' does not exist",
                path.display()
            )));
        }
        let found = checklist_files(path, &mut problems);
        if found.is_empty() && path.is_dir() {
            problems.push(Diagnostic::whole_file(
                &path.display().to_string(),
                "no checklist files (*.toml) in this folder",
            ));
        }
        files.extend(found);
    }
    let mut ok = 0;
    let mut first_use: HashMap<String, PathBuf> = HashMap::new();
    for file in &files {
        match load_file(file) {
            Ok(checklist) => {
                if let Some(first) = first_use.get(&checklist.id) {
                    problems.push(Diagnostic::whole_file(
                        &file.display().to_string(),
                        format!(
                            "checklist id '{}' is already used by {}",
                            checklist.id,
                            first.display()
                        ),
                    ));
                    continue;
                }
                out!(
                    "ok  {}  ({}, {} questions)",
                    file.display(),
                    printable(&checklist.id),
                    checklist.questions.len()
                );
                first_use.insert(checklist.id, file.clone());
                ok += 1;
            }
            Err(found) => problems.extend(found),
        }
    }
    for problem in &problems {
        note!("error: {}\n", problem.render(super::screen_width()));
    }
    out!(
        "{} file(s) checked: {ok} ok, {} error(s)",
        files.len(),
        problems.len()
    );
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(CHECK_FAILED)
    })
}
