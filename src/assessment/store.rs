//! Saving, loading, listing and finding assessment files under the data directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::answer::Answer;
use super::file::{
    AnswerRecord, AssessmentFile, ChecklistRecord, FORMAT, ScoreRecord, from_datetime, to_datetime,
};
use super::model::{Assessment, ChecklistChange, Header};
use crate::checklist::Catalog;
use crate::error::{Error, Result};
use crate::private_file;
use crate::score::score;

/// Where assessments live: `<data dir>/assessments/<organisation>/<date>-<site>.toml`.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            root: data_dir.join("assessments"),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A new, unused path for an assessment, named after its organisation, date and site.
    pub fn path_for_new(&self, assessment: &Assessment) -> PathBuf {
        let header = &assessment.header;
        let dir = self.root.join(slug(&header.organization));
        let date = assessment.created.strftime("%Y-%m-%d");
        let stem = if header.site.trim().is_empty() {
            date.to_string()
        } else {
            format!("{date}-{}", slug(&header.site))
        };
        let mut path = dir.join(format!("{stem}.toml"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{stem}-{n}.toml"));
            n += 1;
        }
        path
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

/// Writes the assessment to `path` atomically, with a fresh `[score]` for other readers.
pub fn save(path: &Path, assessment: &Assessment) -> Result<()> {
    let text = toml::to_string(&to_file(assessment))
        .map_err(|e| Error::Invalid(format!("cannot write the assessment: {e}")))?;
    private_file::write(path, text.as_bytes())
}

fn to_file(assessment: &Assessment) -> AssessmentFile {
    let scorecard = score(assessment);
    let mut checklists: Vec<ChecklistRecord> = assessment
        .checklists
        .iter()
        .map(|c| ChecklistRecord {
            id: c.id.clone(),
            version: c.version.to_string(),
            sha256: Some(c.sha256.clone()),
        })
        .collect();
    checklists.extend(assessment.missing.iter().cloned());

    // Answers in question order, then any that no longer match a question, by id.
    let mut order: HashMap<&str, usize> = HashMap::new();
    for checklist in &assessment.checklists {
        for question in &checklist.questions {
            let id = Assessment::full_id(checklist, question);
            if let Some((key, _)) = assessment.answers.get_key_value(&id) {
                let next = order.len();
                order.insert(key.as_str(), next);
            }
        }
    }
    let mut answers: Vec<&Answer> = assessment.answers.values().collect();
    answers.sort_by(|a, b| {
        let rank = |x: &Answer| {
            order
                .get(x.question.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        };
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.question.cmp(&b.question))
    });

    let gap_ids = scorecard
        .critical_gaps
        .iter()
        .map(|at| {
            let checklist = &assessment.checklists[at.checklist];
            Assessment::full_id(checklist, &checklist.questions[at.question])
        })
        .collect();
    AssessmentFile {
        format: FORMAT,
        id: assessment.id.clone(),
        mode: assessment.header.mode,
        organization: assessment.header.organization.clone(),
        site: assessment.header.site.clone(),
        assessor: assessment.header.assessor.clone(),
        created: to_datetime(assessment.created),
        updated: to_datetime(assessment.updated),
        finished: assessment.finished,
        checklists,
        answers: answers
            .into_iter()
            .map(|a| AnswerRecord {
                question: a.question.clone(),
                answer: a.value.clone(),
                note: a.note.clone(),
                evidence: a.evidence.clone(),
                flagged: a.flagged,
                at: to_datetime(a.at),
            })
            .collect(),
        score: Some(ScoreRecord {
            overall: scorecard.overall.score().map(|s| (s * 10.0).round() / 10.0),
            level: scorecard.level.map(|l| l.name().to_owned()),
            coverage: scorecard
                .counts
                .coverage()
                .map(|c| (c * 100.0).round() / 100.0),
            critical_gaps: gap_ids,
        }),
    }
}

/// Reads an assessment and joins it to the loaded checklists. Answers whose question has
/// changed or gone are kept (see `Assessment::kept_answers`), never dropped.
pub fn load(path: &Path, catalog: &Catalog) -> Result<Assessment> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
    let bad = |message: String| Error::BadAssessment {
        path: path.to_path_buf(),
        message,
    };
    let file: AssessmentFile =
        toml::from_str(&text).map_err(|e| bad(e.message().replace('`', "'")))?;
    if file.format != FORMAT {
        return Err(bad(format!(
            "format '{}' is not one this posture reads (it reads format {FORMAT})",
            file.format
        )));
    }
    let time = |at: &toml::value::Datetime| {
        from_datetime(at).ok_or_else(|| bad(format!("'{at}' is not a date and time")))
    };
    let mut checklists: Vec<Arc<crate::checklist::Checklist>> = Vec::new();
    let mut changes = Vec::new();
    let mut missing = Vec::new();
    for record in file.checklists {
        let Some(checklist) = catalog.get(&record.id) else {
            changes.push(ChecklistChange::Missing {
                id: record.id.clone(),
                version: record.version.clone(),
            });
            missing.push(record);
            continue;
        };
        if checklist.version.to_string() != record.version {
            changes.push(ChecklistChange::Version {
                id: record.id.clone(),
                from: record.version.clone(),
                to: checklist.version.to_string(),
            });
        }
        if !checklists.iter().any(|c| c.id == record.id) {
            checklists.push(Arc::clone(checklist));
        }
    }
    let mut answers = HashMap::with_capacity(file.answers.len());
    for record in file.answers {
        let answer = Answer {
            at: time(&record.at)?,
            question: record.question,
            value: record.answer,
            note: record.note,
            evidence: record.evidence,
            flagged: record.flagged,
        };
        answers.insert(answer.question.clone(), answer);
    }
    Ok(Assessment {
        id: file.id,
        header: Header {
            mode: file.mode,
            organization: file.organization,
            site: file.site,
            assessor: file.assessor,
        },
        created: time(&file.created)?,
        updated: time(&file.updated)?,
        finished: file.finished,
        checklists,
        answers,
        changes,
        missing,
    })
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
