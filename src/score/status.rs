//! Where each question of an assessment stands: not asked, skipped by `ask_if`, unanswered,
//! or answered.

use crate::assessment::{Assessment, Response};
use crate::checklist::Checklist;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status<'a> {
    /// Not part of this assessment's mode (a technician-only question in a self-assessment).
    NotAsked,
    /// Its `ask_if` does not hold; any stale answer is ignored.
    Skipped,
    Unanswered,
    Answered(Response<'a>),
}

impl Status<'_> {
    /// Whether the question is shown to the person answering.
    pub fn is_asked(&self) -> bool {
        matches!(self, Status::Unanswered | Status::Answered(_))
    }
}

/// The status of every question of `checklist`, in order. Gates come before the questions
/// they gate, so one pass resolves chains of skips.
pub fn statuses<'a>(assessment: &'a Assessment, checklist: &'a Checklist) -> Vec<Status<'a>> {
    let mut statuses: Vec<Status<'a>> = Vec::with_capacity(checklist.questions.len());
    for question in &checklist.questions {
        let gated_out = question.ask_if.as_ref().is_some_and(|ask_if| {
            let gate_answer = match statuses.get(ask_if.gate) {
                Some(Status::Answered(response)) => response.id(),
                _ => None,
            };
            !gate_answer.is_some_and(|id| ask_if.any_of.iter().any(|a| a == id))
        });
        let status = if !assessment.header.mode.asks(question) {
            Status::NotAsked
        } else if gated_out {
            Status::Skipped
        } else {
            assessment
                .response(checklist, question)
                .map_or(Status::Unanswered, Status::Answered)
        };
        statuses.push(status);
    }
    statuses
}
