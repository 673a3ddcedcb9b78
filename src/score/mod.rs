//! The scoring model of checklist-format.md §3 and §6: a pure function from an assessment
//! to numbers, levels, gaps, actions and framework roll-ups.

mod coverage;
mod level;
mod record;
mod status;

use std::collections::BTreeMap;

pub use level::Level;
pub use record::file_summary;
pub use status::{Progress, Status, statuses};

use crate::assessment::{Assessment, Response};
use crate::checklist::Question;
use crate::frameworks::{self, CIS_GROUPS, CSF_FUNCTIONS};

/// Σ w·c over Σ w for one group of questions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub earned: f64,
    pub possible: f64,
    /// Scored, applicable questions in the group.
    pub questions: usize,
    /// How many of them have an answer: none means the group was not assessed yet.
    pub answered: usize,
}

impl Tally {
    fn add(&mut self, weight: f64, credit: f64, answered: bool) {
        self.earned += weight * credit;
        self.possible += weight;
        self.questions += 1;
        self.answered += usize::from(answered);
    }

    fn merge(&mut self, other: &Tally) {
        self.earned += other.earned;
        self.possible += other.possible;
        self.questions += other.questions;
        self.answered += other.answered;
    }

    /// 0–100, or `None` ("n/a") when no scored weight is left.
    pub fn score(&self) -> Option<f64> {
        (self.possible > 0.0).then(|| 100.0 * self.earned / self.possible)
    }
}

/// How the scored questions were answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub yes: usize,
    pub partial: usize,
    pub no: usize,
    pub unknown: usize,
    pub na: usize,
    /// Skipped by `ask_if`, those waiting for a gate's answer included.
    pub skipped: usize,
    /// Of the skipped, those only waiting for an unanswered gate: not assessed yet either.
    pub waiting: usize,
    pub unanswered: usize,
    /// Choice answers, by choice id.
    pub choices: BTreeMap<String, usize>,
}

impl Counts {
    /// Scored questions that are neither na nor skipped and have an answer (unknown included).
    pub fn answered(&self) -> usize {
        self.yes + self.partial + self.no + self.unknown + self.choices.values().sum::<usize>()
    }

    /// Answered ÷ (answered + unanswered), or `None` when nothing is applicable.
    pub fn coverage(&self) -> Option<f64> {
        let applicable = self.answered() + self.unanswered;
        #[allow(clippy::cast_precision_loss)] // counts are far below 2^52
        (applicable > 0).then(|| self.answered() as f64 / applicable as f64)
    }

    fn add(&mut self, status: &Status) {
        match status {
            Status::NotAsked => {}
            Status::Skipped => self.skipped += 1,
            Status::Waiting(_) => {
                self.skipped += 1;
                self.waiting += 1;
            }
            Status::Unanswered => self.unanswered += 1,
            Status::Answered(response) => match response {
                Response::Yes => self.yes += 1,
                Response::Partial(_) => self.partial += 1,
                Response::No => self.no += 1,
                Response::Unknown => self.unknown += 1,
                Response::Na => self.na += 1,
                Response::Choice(choice) => {
                    *self.choices.entry(choice.id.clone()).or_default() += 1;
                }
                Response::Text(_) | Response::Number(_) => {}
            },
        }
    }
}

/// A question by position: `checklist` indexes `Assessment::checklists`, `question` that
/// checklist's questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuestionRef {
    pub checklist: usize,
    pub question: usize,
}

/// An answered, scored question whose credit is below 1: what fixing it would be worth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Action {
    pub at: QuestionRef,
    pub credit: f64,
    /// Points the overall score would gain if the answer became yes (or the best choice).
    pub gain: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistScore {
    pub tally: Tally,
    /// The answered questions alone.
    pub answered: Tally,
    pub counts: Counts,
    /// Critical questions answered below full credit.
    pub critical_gaps: usize,
    /// Critical questions not answered yet.
    pub critical_unanswered: usize,
    pub level: Option<Level>,
}

impl ChecklistScore {
    /// Whether any scored question of the topic has an answer (not applicable included): a
    /// topic not started reads "not started", never "0 Weak".
    pub fn started(&self) -> bool {
        self.counts.answered() + self.counts.na > 0
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scorecard {
    /// All questions of every checklist pooled through one formula; unanswered count as 0.
    pub overall: Tally,
    /// The answered questions alone: how the business does as far as it was assessed.
    pub answered: Tally,
    pub counts: Counts,
    /// `None` when the overall score is n/a.
    pub level: Option<Level>,
    /// Critical questions answered below full credit, in order.
    pub critical_gaps: Vec<QuestionRef>,
    /// Critical questions not answered yet, in order: not a gap, but the level is capped as if.
    pub critical_unanswered: Vec<QuestionRef>,
    /// Per checklist, in the assessment's order.
    pub checklists: Vec<ChecklistScore>,
    /// Every answered question that could still gain points, largest gain first.
    pub actions: Vec<Action>,
    /// By NIST CSF 2.0 function, in `CSF_FUNCTIONS` order.
    pub csf: [Tally; CSF_FUNCTIONS.len()],
    /// By CIS v8 implementation group (cumulative), in `CIS_GROUPS` order.
    pub cis: [Tally; CIS_GROUPS.len()],
    /// How many CIS v8 IG1 safeguards the questions of this mode and these topics assess.
    pub ig1_assessed: usize,
}

impl Scorecard {
    /// Critical questions holding the level down: open gaps and those not answered yet.
    pub fn open_criticals(&self) -> usize {
        self.critical_gaps.len() + self.critical_unanswered.len()
    }

    /// Whether open critical questions lowered the level below what the score earns.
    pub fn is_capped(&self) -> bool {
        self.overall
            .score()
            .zip(self.level)
            .is_some_and(|(score, level)| level < Level::of(score))
    }
}

/// The credit a status earns, or `None` when it is excluded from the score.
fn credit(question: &Question, status: &Status) -> Option<f64> {
    if !question.kind.is_scored() {
        return None;
    }
    match status {
        Status::NotAsked | Status::Skipped | Status::Waiting(_) => None,
        Status::Unanswered => Some(0.0),
        Status::Answered(response) => response.credit(),
    }
}

/// Scores an assessment.
pub fn score(assessment: &Assessment) -> Scorecard {
    let statuses: Vec<Vec<Status>> = assessment
        .checklists
        .iter()
        .map(|c| statuses(assessment, c))
        .collect();
    score_with(assessment, &statuses)
}

/// Scores an assessment whose question statuses are already known (`statuses[c][q]` for
/// question `q` of checklist `c`, as [`statuses`] computes them), so callers that need the
/// statuses too compute them once.
pub fn score_with(assessment: &Assessment, statuses: &[Vec<Status>]) -> Scorecard {
    let mut overall = Tally::default();
    let mut answered = Tally::default();
    let mut counts = Counts::default();
    let mut critical_gaps = Vec::new();
    let mut critical_unanswered = Vec::new();
    let mut actions = Vec::new();
    let mut csf = [Tally::default(); CSF_FUNCTIONS.len()];
    let mut cis = [Tally::default(); CIS_GROUPS.len()];
    let mut checklists = Vec::with_capacity(assessment.checklists.len());

    for (checklist_index, checklist) in assessment.checklists.iter().enumerate() {
        let mut tally = Tally::default();
        let mut answered_tally = Tally::default();
        let mut checklist_counts = Counts::default();
        let (mut gaps, mut unanswered) = (0, 0);
        let checklist_statuses = statuses.get(checklist_index).map_or(&[][..], Vec::as_slice);
        for (question_index, (question, &status)) in checklist
            .questions
            .iter()
            .zip(checklist_statuses)
            .enumerate()
        {
            let at = QuestionRef {
                checklist: checklist_index,
                question: question_index,
            };
            let Some(credit) = credit(question, &status) else {
                if question.is_scored() {
                    checklist_counts.add(&status);
                }
                // Left out of the score, as skipped; but a critical question behind an
                // unanswered gate is not assessed yet, and must not hide the way a gap cannot.
                if question.is_critical() && matches!(status, Status::Waiting(_)) {
                    critical_unanswered.push(at);
                    unanswered += 1;
                }
                continue;
            };
            let is_unanswered = status == Status::Unanswered;
            if question.is_critical() && credit < 1.0 {
                if is_unanswered {
                    critical_unanswered.push(at);
                    unanswered += 1;
                } else {
                    critical_gaps.push(at);
                    gaps += 1;
                }
            }
            if !question.is_scored() {
                continue;
            }
            checklist_counts.add(&status);
            tally.add(question.weight, credit, !is_unanswered);
            if !is_unanswered {
                answered_tally.add(question.weight, credit, true);
            }
            add_to_rollups(question, credit, !is_unanswered, &mut csf, &mut cis);
            if credit < 1.0 && !is_unanswered {
                actions.push(Action {
                    at,
                    credit,
                    gain: question.weight * (1.0 - credit),
                });
            }
        }
        overall.merge(&tally);
        answered.merge(&answered_tally);
        merge(&mut counts, &checklist_counts);
        checklists.push(ChecklistScore {
            level: tally.score().map(|s| Level::capped(s, gaps + unanswered)),
            tally,
            answered: answered_tally,
            counts: checklist_counts,
            critical_gaps: gaps,
            critical_unanswered: unanswered,
        });
    }

    // Gains so far are w·(1−c); as points of the overall score they are 100·w·(1−c)/Σw.
    for action in &mut actions {
        action.gain = 100.0 * action.gain / overall.possible;
    }
    actions.sort_by(|a, b| b.gain.total_cmp(&a.gain).then(a.at.cmp(&b.at)));

    Scorecard {
        level: overall
            .score()
            .map(|s| Level::capped(s, critical_gaps.len() + critical_unanswered.len())),
        overall,
        answered,
        counts,
        critical_gaps,
        critical_unanswered,
        checklists,
        actions,
        csf,
        cis,
        ig1_assessed: coverage::ig1_assessed(assessment, statuses),
    }
}

fn add_to_rollups(
    question: &Question,
    credit: f64,
    answered: bool,
    csf: &mut [Tally],
    cis: &mut [Tally],
) {
    for (slot, (function, _)) in csf.iter_mut().zip(CSF_FUNCTIONS) {
        if question
            .refs
            .nist_csf_2
            .iter()
            .any(|id| frameworks::csf_function(id) == function)
        {
            slot.add(question.weight, credit, answered);
        }
    }
    let groups: Vec<[bool; 3]> = question
        .refs
        .cis_v8
        .iter()
        .filter_map(|id| frameworks::cis_groups(id))
        .collect();
    for (group, slot) in cis.iter_mut().enumerate() {
        if groups.iter().any(|g| g[group]) {
            slot.add(question.weight, credit, answered);
        }
    }
}

fn merge(total: &mut Counts, part: &Counts) {
    total.yes += part.yes;
    total.partial += part.partial;
    total.no += part.no;
    total.unknown += part.unknown;
    total.na += part.na;
    total.skipped += part.skipped;
    total.waiting += part.waiting;
    total.unanswered += part.unanswered;
    for (id, n) in &part.choices {
        *total.choices.entry(id.clone()).or_default() += n;
    }
}

#[cfg(test)]
mod tests;
