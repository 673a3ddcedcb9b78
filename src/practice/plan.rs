//! The action plan of a visit: every scored answer below full credit is an action, most severe
//! first and then by what fixing it gains, with what was decided about it (owner, due date,
//! status). An accepted risk stays in the plan: it is never a pass and never raises the score.

use crate::assessment::{ActionStatus, Assessment, Day, Tracking};
use crate::checklist::Severity;
use crate::score::{QuestionRef, Scorecard};

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedAction {
    pub at: QuestionRef,
    /// Full question id, `checklist/question`.
    pub question: String,
    pub topic: String,
    /// The task's title (the question's `action`, else its prompt).
    pub task: String,
    pub severity: Option<Severity>,
    /// The answer given, as a person reads it.
    pub answer: String,
    /// Points of the overall score fixing it would gain.
    pub gain: f64,
    pub tracking: Tracking,
}

impl PlannedAction {
    /// Whether its due date has passed while it is still open.
    pub fn is_late(&self, today: Day) -> bool {
        self.tracking.status.is_open() && self.tracking.due.is_some_and(|due| due < today)
    }
}

/// The action plan of `assessment`, scored as `card`.
pub fn plan(assessment: &Assessment, card: &Scorecard) -> Vec<PlannedAction> {
    let mut actions: Vec<PlannedAction> = card
        .actions
        .iter()
        .map(|action| {
            let checklist = &assessment.checklists[action.at.checklist];
            let question = &checklist.questions[action.at.question];
            let id = Assessment::full_id(checklist, question);
            let tracking = assessment.tracking(&id);
            PlannedAction {
                at: action.at,
                topic: checklist.title.clone(),
                task: question.task().to_owned(),
                severity: question.severity,
                answer: assessment
                    .response(checklist, question)
                    .map(|r| r.label())
                    .unwrap_or_default(),
                gain: action.gain,
                question: id,
                tracking,
            }
        })
        .collect();
    // Scorecard actions come largest gain first; the stable sort keeps that within a severity.
    actions.sort_by_key(|a| a.severity);
    actions
}

/// How many actions of `plan` stand at each status, in `ActionStatus::ALL` order.
pub fn status_counts(plan: &[PlannedAction]) -> [usize; 4] {
    let mut counts = [0; 4];
    for action in plan {
        let slot = ActionStatus::ALL
            .iter()
            .position(|s| *s == action.tracking.status)
            .unwrap_or(0);
        counts[slot] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{AnswerValue, Header, Mode, Stamp};
    use crate::checklist::Catalog;
    use crate::score;

    #[test]
    fn every_answer_below_full_credit_is_an_action_most_severe_first() {
        let catalog = Catalog::load(&[]);
        let header = Header {
            mode: Mode::Audit,
            organization: "Acme".into(),
            site: String::new(),
            assessor: String::new(),
        };
        let at = jiff::Timestamp::from_second(1_790_000_000).expect("time");
        let mut a = Assessment::new(header, catalog.checklists().to_vec(), at);
        let word = |w: &str| AnswerValue::Text(w.into());
        a.set_answer("mfa/prompt-reporting", word("no"), None, None, at);
        a.set_answer("mfa/admin-accounts", word("partial"), None, None, at);
        a.set_answer("backups/automatic", word("yes"), None, None, at);
        a.set_answer("mfa/all-email", word("no"), None, None, at);
        let accepted = Tracking {
            status: ActionStatus::AcceptedRisk,
            reason: "Replacing the system in March".into(),
            due: Some(Day::parse("2026-01-01").expect("day")),
            ..Tracking::open(&a.id, "mfa/all-email", Stamp::at(at))
        };
        a.actions.insert("mfa/all-email".into(), accepted);
        let card = score::score(&a);
        let plan = plan(&a, &card);
        let ids: Vec<&str> = plan.iter().map(|p| p.question.as_str()).collect();
        assert_eq!(
            ids,
            [
                "mfa/all-email",
                "mfa/admin-accounts",
                "mfa/prompt-reporting"
            ],
            "critical first, the larger gain first among them"
        );
        assert_eq!(plan[0].tracking.status, ActionStatus::AcceptedRisk);
        assert!(
            card.critical_gaps.len() == 2,
            "an accepted risk is still a gap"
        );
        assert_eq!(status_counts(&plan), [2, 0, 0, 1]);
        let today = Day::parse("2026-06-01").expect("day");
        assert!(!plan[0].is_late(today), "an accepted risk is not late");
    }
}
