//! Scope and method: what the assessment covered, what it did not, and how the score works.

use serde::Serialize;

use super::markdown::{counts_text, percent_text};
use super::view::{Summary, TopicRow};
use crate::assessment::{Assessment, Mode};

#[derive(Debug, Serialize)]
pub struct Scope {
    /// "On-site audit by a technician" or "Self-assessment by the owner".
    pub mode: &'static str,
    /// When: "on 2026-12-01", or "from 2026-11-28 to 2026-12-01".
    pub when: String,
    /// The topics assessed, by title.
    pub topics: Vec<String>,
    /// Questions asked now and how many have an answer.
    pub questions_asked: usize,
    pub questions_answered: usize,
    /// "Answered 80% of the applicable scored questions (40 yes, 2 no, …)."
    pub coverage: String,
    /// What this assessment did not look at, one sentence each.
    pub not_assessed: Vec<String>,
    /// How the score and the level are worked out.
    pub method: Vec<&'static str>,
}

const METHOD: [&str; 4] = [
    "Each question carries a weight set by its severity. A yes earns the full weight, partly half (unless the checklist sets another share), a choice the share its checklist sets, a no or don't know nothing; not applicable leaves the question out.",
    "The score is the weighted share of points earned, from 0 to 100. A question not answered counts as 0, so an unfinished assessment scores low rather than flattering.",
    "Levels: Strong from 90, Good from 75, Fair from 50, Weak below. One or two open critical gaps hold the level at Fair at most; three or more make it Weak, whatever the score.",
    "Topics are mapped to NIST CSF 2.0 functions and CIS Controls v8 safeguards, shown in the framework roll-ups.",
];

pub fn build(assessment: &Assessment, summary: &Summary, topics: &[TopicRow]) -> Scope {
    let asked: usize = topics.iter().map(|t| t.questions_asked).sum();
    let answered: usize = topics.iter().map(|t| t.questions_answered).sum();
    let mut not_assessed: Vec<String> = topics
        .iter()
        .filter(|t| !t.started)
        .map(|t| format!("{}: not started.", t.title))
        .collect();
    if asked > answered {
        not_assessed.push(format!(
            "{} of the {asked} questions asked have no answer yet; they count as 0.",
            asked - answered
        ));
    }
    if assessment.header.mode == Mode::SelfAssessment {
        not_assessed.push(
            "Technical checks that need a technician on site are left out of a self-assessment."
                .to_owned(),
        );
    }
    Scope {
        mode: match assessment.header.mode {
            Mode::Audit => "On-site audit by a technician",
            Mode::SelfAssessment => "Self-assessment by the owner",
        },
        when: {
            let day =
                |stamp: &crate::assessment::Stamp| stamp.instant().strftime("%Y-%m-%d").to_string();
            let (started, updated) = (day(&assessment.created), day(&assessment.updated));
            if started == updated {
                format!("on {started}")
            } else {
                format!("from {started} to {updated}")
            }
        },
        topics: topics.iter().map(|t| t.title.clone()).collect(),
        questions_asked: asked,
        questions_answered: answered,
        coverage: format!(
            "Answered {} of the applicable scored questions ({}).",
            percent_text(summary.coverage),
            counts_text(&summary.counts)
        ),
        not_assessed,
        method: METHOD.to_vec(),
    }
}
