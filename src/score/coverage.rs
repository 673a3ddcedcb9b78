//! How much of a framework an assessment's mode and topics assess, whatever the answers.

use std::collections::HashSet;

use super::Status;
use crate::assessment::Assessment;
use crate::frameworks;

/// How many CIS v8 IG1 safeguards the questions this assessment asks refer to. A question
/// skipped by an answer still counts: its safeguard is assessed, and found not to apply.
pub fn ig1_assessed(assessment: &Assessment, statuses: &[Vec<Status>]) -> usize {
    let mut safeguards: HashSet<&str> = HashSet::new();
    for (checklist, statuses) in assessment.checklists.iter().zip(statuses) {
        for (question, status) in checklist.questions.iter().zip(statuses) {
            if *status == Status::NotAsked {
                continue;
            }
            safeguards.extend(
                question
                    .refs
                    .cis_v8
                    .iter()
                    .map(String::as_str)
                    .filter(|id| frameworks::cis_groups(id).is_some_and(|groups| groups[0])),
            );
        }
    }
    safeguards.len()
}
