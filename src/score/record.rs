//! The `[score]` table a saved file carries for other readers (posture itself recomputes it).

use super::score;
use crate::assessment::{Assessment, ScoreRecord};

/// The score of `assessment` as the file records it: rounded, with the critical gaps' ids.
pub fn file_summary(assessment: &Assessment) -> ScoreRecord {
    let card = score(assessment);
    ScoreRecord {
        overall: card.overall.score().map(|s| (s * 10.0).round() / 10.0),
        level: card.level.map(|l| l.name().to_owned()),
        coverage: card.counts.coverage().map(|c| (c * 100.0).round() / 100.0),
        critical_gaps: card
            .critical_gaps
            .iter()
            .map(|at| {
                let checklist = &assessment.checklists[at.checklist];
                Assessment::full_id(checklist, &checklist.questions[at.question])
            })
            .collect(),
    }
}
