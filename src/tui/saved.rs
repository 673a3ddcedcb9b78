//! What the start screen shows about a saved assessment.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::assessment::{Assessment, Mode};
use crate::score::{self, Level};

#[derive(Debug, Clone, PartialEq)]
pub struct SavedAssessment {
    pub path: PathBuf,
    pub organization: String,
    pub site: String,
    pub assessor: String,
    pub mode: Mode,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub finished: bool,
    /// Answered share of the applicable scored questions.
    pub coverage: Option<f64>,
    pub score: Option<f64>,
    pub level: Option<Level>,
}

impl SavedAssessment {
    pub fn of(assessment: &Assessment, path: PathBuf) -> Self {
        let card = score::score(assessment);
        Self {
            path,
            organization: assessment.header.organization.clone(),
            site: assessment.header.site.clone(),
            assessor: assessment.header.assessor.clone(),
            mode: assessment.header.mode,
            created: assessment.created.instant(),
            updated: assessment.updated.instant(),
            finished: assessment.finished,
            coverage: card.counts.coverage(),
            score: card.overall.score(),
            level: card.level,
        }
    }
}

/// Most recently updated first.
pub fn sort(saved: &mut [SavedAssessment]) {
    saved.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.path.cmp(&b.path)));
}
