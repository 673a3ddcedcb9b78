//! Saving, loading, listing and finding assessment files under the data directory. Every save
//! is a read-merge-write under the file's lock: the file is read again, this writer's changes
//! are applied to it (see `merge`), and the result is written atomically, so no writer ever
//! overwrites another's answers.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::file::{self, ScoreRecord};
use super::join::{from_file, to_file};
use super::merge::merge;
use super::model::Assessment;
use crate::checklist::Catalog;
use crate::error::{Error, Result};
use crate::private_file;

/// Computes the `[score]` table written into each saved file for other readers. The store
/// takes it from its caller, so that saving never depends on scoring.
pub type Summarize = fn(&Assessment) -> ScoreRecord;

/// Where assessments live: `<data dir>/assessments/<organisation>/<date>-<site>-<id>.toml`.
#[derive(Debug, Clone)]
pub struct Store {
    /// The data folder: nothing inside it is written through a symbolic link.
    pub(super) data: PathBuf,
    pub(super) root: PathBuf,
    summarize: Summarize,
}

impl Store {
    pub fn new(data_dir: &Path, summarize: Summarize) -> Self {
        Self {
            data: data_dir.to_path_buf(),
            root: data_dir.join("assessments"),
            summarize,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Saves a new assessment under a name of its own, named after its organisation, date and
    /// site and ending in the random part of its id, so that two technicians' files never
    /// collide in a shared folder (`-2`, `-3`… should one be taken all the same), and returns
    /// the path. An existing file is never replaced.
    pub fn create(&self, assessment: &Assessment) -> Result<PathBuf> {
        let header = &assessment.header;
        let dir = self.root.join(slug(&header.organization));
        private_file::create_dir_all(&dir)?;
        private_file::refuse_links(&self.data, &dir.join("new.toml"))?;
        self.tighten(&dir);
        let date = assessment.created.instant().strftime("%Y-%m-%d");
        // A ULID's last 8 characters are random: 40 bits.
        let id = &assessment.id;
        let unique = id
            .get(id.len().saturating_sub(8)..)
            .unwrap_or(id)
            .to_lowercase();
        let stem = if header.site.trim().is_empty() {
            format!("{date}-{unique}")
        } else {
            format!("{date}-{}-{unique}", slug(&header.site))
        };
        let text = self.serialize(assessment)?;
        for n in 1.. {
            let name = if n == 1 {
                format!("{stem}.toml")
            } else {
                format!("{stem}-{n}.toml")
            };
            let path = dir.join(name);
            match private_file::create_new(&path, text.as_bytes()) {
                Ok(()) => return Ok(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::io("create", path, e)),
            }
        }
        unreachable!("some name is always free")
    }

    /// Applies `change` to the assessment as it is in the file now and saves it, all under
    /// the file's lock: the way for a writer that reads, changes and saves at once.
    pub fn update<T>(
        &self,
        path: &Path,
        catalog: &Catalog,
        change: impl FnOnce(&mut Assessment) -> Result<T>,
    ) -> Result<(Assessment, T)> {
        let _lock = private_file::lock(path)?;
        let mut assessment = load(path, catalog)?;
        let outcome = change(&mut assessment)?;
        self.write(path, &assessment)?;
        Ok((assessment, outcome))
    }

    /// Saves what this writer changed (`ours`, made on top of `base`: what it last read or
    /// wrote) merged into the file as it is now, and returns what was written. A file that
    /// cannot be read, or that now holds another assessment, is left alone.
    pub fn sync(
        &self,
        path: &Path,
        catalog: &Catalog,
        base: &Assessment,
        ours: &Assessment,
    ) -> Result<Assessment> {
        let _lock = private_file::lock(path)?;
        let merged = match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ours.clone(),
            _ => {
                let theirs = load(path, catalog)?;
                if theirs.id != ours.id {
                    return Err(Error::Invalid(format!(
                        "'{}' now holds another assessment ('{}'), so it was not overwritten",
                        path.display(),
                        theirs.id
                    )));
                }
                merge(base, ours, theirs)
            }
        };
        self.write(path, &merged)?;
        Ok(merged)
    }

    /// Whether `path` is an assessment file: one in the store, or any file that reads as one.
    pub fn is_assessment(&self, path: &Path) -> bool {
        /// The keys every assessment file has; their values do not matter here.
        #[derive(Deserialize)]
        struct Probe {
            #[serde(rename = "format")]
            _format: serde::de::IgnoredAny,
            #[serde(rename = "id")]
            _id: serde::de::IgnoredAny,
            #[serde(rename = "mode")]
            _mode: serde::de::IgnoredAny,
            #[serde(rename = "organization")]
            _organization: serde::de::IgnoredAny,
        }
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let in_store = absolute(path).starts_with(absolute(&self.root))
            && path.extension().is_some_and(|e| e == "toml");
        in_store
            || std::fs::read_to_string(path)
                .ok()
                .is_some_and(|text| toml::from_str::<Probe>(&text).is_ok())
    }

    /// Writes a copy of `assessment` to `path` (a recovery copy, outside the data folder).
    pub fn write_copy(&self, path: &Path, assessment: &Assessment) -> Result<()> {
        private_file::write(path, self.serialize(assessment)?.as_bytes())
    }

    /// The text of the file that holds `assessment`.
    pub fn serialize(&self, assessment: &Assessment) -> Result<String> {
        file::write(&to_file(assessment, Some((self.summarize)(assessment))))
            .map_err(Error::Invalid)
    }

    /// Writes with the lock held: never through a link in the data folder, into a folder made
    /// private again if it was loose.
    fn write(&self, path: &Path, assessment: &Assessment) -> Result<()> {
        private_file::refuse_links(&self.data, path)?;
        if let Some(dir) = path.parent() {
            self.tighten(dir);
        }
        private_file::write(path, self.serialize(assessment)?.as_bytes())
    }

    /// Tightens the store's own folders (the assessments folder and an organisation's folder).
    pub(super) fn tighten(&self, dir: &Path) {
        let inside = |p: &Path| std::path::absolute(p).ok();
        if let (Some(dir), Some(root)) = (inside(dir), inside(&self.root))
            && dir.starts_with(&root)
        {
            private_file::tighten(&root);
            private_file::tighten(&dir);
        }
    }

    /// Every assessment file, newest file name last within each organisation.
    pub fn list(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let Ok(orgs) = std::fs::read_dir(&self.root) else {
            return files;
        };
        for org in orgs.filter_map(Result::ok) {
            let Ok(entries) = std::fs::read_dir(org.path()) else {
                continue;
            };
            files.extend(
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file()),
            );
        }
        files.sort();
        files
    }

    /// An assessment named by a path, or by its id or a unique prefix of it.
    pub fn locate(&self, reference: &str) -> Result<PathBuf> {
        #[derive(Deserialize)]
        struct IdProbe {
            id: String,
        }
        let as_path = Path::new(reference);
        if as_path.is_file() {
            return Ok(as_path.to_path_buf());
        }
        let wanted = reference.to_ascii_uppercase();
        let matches: Vec<PathBuf> = self
            .list()
            .into_iter()
            .filter(|path| {
                std::fs::read_to_string(path)
                    .ok()
                    .and_then(|text| toml::from_str::<IdProbe>(&text).ok())
                    .is_some_and(|probe| {
                        !wanted.is_empty() && probe.id.to_ascii_uppercase().starts_with(&wanted)
                    })
            })
            .collect();
        match matches.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(Error::AssessmentNotFound(reference.to_owned())),
            many => Err(Error::AmbiguousAssessment(
                reference.to_owned(),
                many.iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
        }
    }
}

/// Lowercase letters and digits joined by single dashes; never empty.
fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.chars().count() >= 48 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "unnamed".to_owned()
    } else {
        slug.to_owned()
    }
}

/// Reads an assessment and joins it to the loaded checklists. Answers whose question has
/// changed or gone are kept (see `Assessment::kept_answers`), never dropped.
pub fn load(path: &Path, catalog: &Catalog) -> Result<Assessment> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    parse(&path.display().to_string(), &bytes, catalog)
}

/// Reads the bytes of an assessment file; `path` is how errors name it.
pub fn parse(path: &str, bytes: &[u8], catalog: &Catalog) -> Result<Assessment> {
    let file = file::parse(path, bytes).map_err(|d| Error::BadAssessment(Box::new(d)))?;
    Ok(from_file(file, catalog))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Acme Dental, Inc."), "acme-dental-inc");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("Café Müller"), "café-müller");
        assert_eq!(slug("  ///  "), "unnamed");
        assert!(slug(&"x".repeat(500)).len() <= 48);
    }
}
