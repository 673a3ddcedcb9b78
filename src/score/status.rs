//! Where each question of an assessment stands: not asked, skipped by `ask_if` (or waiting
//! for its gate's answer), unanswered, or answered.

use crate::assessment::{Assessment, Response};
use crate::checklist::Checklist;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status<'a> {
    /// Not part of this assessment's mode (a technician-only question in a self-assessment).
    NotAsked,
    /// Its `ask_if` does not hold; any stale answer is ignored.
    Skipped,
    /// Skipped as well, but only because the gate at this index of the checklist (the first
    /// unanswered one up the chain) has no answer yet: answering it may bring the question in.
    Waiting(usize),
    Unanswered,
    Answered(Response<'a>),
}

impl Status<'_> {
    /// Whether the question is shown to the person answering.
    pub fn is_asked(&self) -> bool {
        matches!(self, Status::Unanswered | Status::Answered(_))
    }

    /// Whether `ask_if` keeps the question out of the score, for now or for good.
    pub fn is_skipped(&self) -> bool {
        matches!(self, Status::Skipped | Status::Waiting(_))
    }
}

/// The status of every question of `checklist`, in order. Gates come before the questions
/// they gate, so one pass resolves chains of skips.
pub fn statuses<'a>(assessment: &'a Assessment, checklist: &'a Checklist) -> Vec<Status<'a>> {
    let mut statuses: Vec<Status<'a>> = Vec::with_capacity(checklist.questions.len());
    for question in &checklist.questions {
        let gate = question
            .ask_if
            .as_ref()
            .map(|ask_if| match statuses.get(ask_if.gate) {
                Some(Status::Answered(response)) => {
                    if response
                        .id()
                        .is_some_and(|id| ask_if.any_of.iter().any(|a| a == id))
                    {
                        None
                    } else {
                        Some(Status::Skipped)
                    }
                }
                Some(Status::Unanswered) => Some(Status::Waiting(ask_if.gate)),
                Some(&Status::Waiting(first)) => Some(Status::Waiting(first)),
                _ => Some(Status::Skipped),
            });
        let status = if !assessment.header.mode.asks(question) {
            Status::NotAsked
        } else if let Some(Some(gated_out)) = gate {
            gated_out
        } else {
            assessment
                .response(checklist, question)
                .map_or(Status::Unanswered, Status::Answered)
        };
        statuses.push(status);
    }
    statuses
}

/// How far along one topic is: its asked questions (scored or not) and how many have an answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub asked: usize,
}

impl Progress {
    /// The progress of one checklist, from its questions' statuses.
    pub fn of(statuses: &[Status]) -> Self {
        let asked = statuses.iter().filter(|s| s.is_asked()).count();
        let answered = statuses
            .iter()
            .filter(|s| matches!(s, Status::Answered(_)))
            .count();
        Self { answered, asked }
    }
}
