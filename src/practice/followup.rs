//! A follow-up visit: a new assessment of the same client that starts from the last visit's
//! answers, notes and evidence, each marked as carried over until it is re-verified, and with
//! the last visit's unfinished actions.

use std::sync::Arc;

use jiff::Timestamp;

use crate::assessment::{ActionStatus, Assessment, Header, Response};
use crate::checklist::Checklist;

/// The new visit, and what of the previous one it could not take.
#[derive(Debug, Clone)]
pub struct CarryOver {
    pub assessment: Assessment,
    /// Answers of the previous visit that were not carried over, with the reason.
    pub left_behind: Vec<(String, &'static str)>,
}

/// A new visit of `previous`'s client, asking `checklists`: every answer whose question is
/// still asked and still fits is carried over (marked so until it is confirmed or changed),
/// and so is every action not done.
pub fn follow_up(
    previous: &Assessment,
    header: Header,
    checklists: Vec<Arc<Checklist>>,
    now: Timestamp,
) -> CarryOver {
    let mut next = Assessment::new(header, checklists, now);
    next.previous = Some(previous.id.clone());
    let mut left_behind = Vec::new();
    let mut ids: Vec<&String> = previous.answers.keys().collect();
    ids.sort();
    for id in ids {
        let answer = &previous.answers[id];
        let Some((_, question)) = next.find_question(id) else {
            left_behind.push((id.clone(), "its question is not part of this visit"));
            continue;
        };
        let fits = answer
            .value
            .as_ref()
            .is_none_or(|value| Response::interpret(question, value).is_some());
        if !fits {
            left_behind.push((id.clone(), "the answer no longer fits its question"));
            continue;
        }
        let mut carried = answer.clone();
        carried.carried = answer.value.is_some();
        next.answers.insert(id.clone(), carried);
    }
    for (question, tracking) in &previous.actions {
        if tracking.status != ActionStatus::Done && next.find_question(question).is_some() {
            next.actions.insert(question.clone(), tracking.clone());
        }
    }
    CarryOver {
        assessment: next,
        left_behind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{AnswerValue, Mode, Stamp, Tracking};
    use crate::checklist::Catalog;

    #[test]
    fn answers_and_unfinished_actions_carry_over_and_what_cannot_is_named() {
        let catalog = Catalog::load(&[]);
        let header = Header {
            mode: Mode::Audit,
            organization: "Acme".into(),
            site: "Main".into(),
            assessor: "Jo".into(),
        };
        let at = Timestamp::from_second(1_790_000_000).expect("time");
        let mut first = Assessment::new(header.clone(), catalog.checklists().to_vec(), at);
        let word = |w: &str| AnswerValue::Text(w.into());
        first.set_answer(
            "mfa/admin-accounts",
            word("no"),
            Some("Bank".into()),
            None,
            at,
        );
        first.set_answer("backups/automatic", word("yes"), None, None, at);
        first.set_answer("mfa/gone-question", word("yes"), None, None, at);
        first.set_answer("backups/retention", word("no-such-choice"), None, None, at);
        let open = Tracking::open(&first.id, "mfa/admin-accounts", Stamp::at(at));
        first
            .actions
            .insert("mfa/admin-accounts".into(), open.clone());
        let done = Tracking {
            status: ActionStatus::Done,
            ..Tracking::open(&first.id, "backups/automatic", Stamp::at(at))
        };
        first.actions.insert("backups/automatic".into(), done);

        let later = Timestamp::from_second(1_820_000_000).expect("time");
        let next = follow_up(&first, header, catalog.checklists().to_vec(), later);
        let carried = &next.assessment.answers["mfa/admin-accounts"];
        assert!(carried.carried);
        assert_eq!(carried.note, "Bank");
        assert_eq!(next.assessment.previous.as_deref(), Some(first.id.as_str()));
        assert_ne!(next.assessment.id, first.id);
        assert_eq!(
            next.left_behind,
            [
                (
                    "backups/retention".to_owned(),
                    "the answer no longer fits its question"
                ),
                (
                    "mfa/gone-question".to_owned(),
                    "its question is not part of this visit"
                ),
            ]
        );
        assert_eq!(
            next.assessment.actions.len(),
            1,
            "a done action stays behind"
        );
        assert_eq!(
            next.assessment.actions["mfa/admin-accounts"].id, open.id,
            "ids are stable"
        );
    }

    #[test]
    fn a_changed_carried_answer_marks_last_visits_note_but_a_confirmed_one_keeps_it() {
        let catalog = Catalog::load(&[]);
        let header = Header {
            mode: Mode::Audit,
            organization: "Acme".into(),
            site: "Main".into(),
            assessor: "Jo".into(),
        };
        let at = Timestamp::from_second(1_790_000_000).expect("time");
        let word = |w: &str| AnswerValue::Text(w.into());
        let mut first = Assessment::new(header.clone(), catalog.checklists().to_vec(), at);
        for id in ["mfa/admin-accounts", "backups/automatic", "backups/offsite"] {
            first.set_answer(
                id,
                word("yes"),
                Some("Seen in the console".into()),
                Some("screenshot-1.png".into()),
                at,
            );
        }
        let later = Timestamp::from_second(1_820_000_000).expect("time");
        let mut next = follow_up(&first, header, catalog.checklists().to_vec(), later).assessment;

        next.set_answer("mfa/admin-accounts", word("no"), None, None, later);
        next.set_answer("backups/automatic", word("yes"), None, None, later);
        next.set_answer(
            "backups/offsite",
            word("no"),
            Some("Tape gone".into()),
            None,
            later,
        );

        let changed = &next.answers["mfa/admin-accounts"];
        assert_eq!(
            changed.note,
            "(From the visit of 2026-09-21) Seen in the console"
        );
        assert_eq!(
            changed.evidence,
            "(From the visit of 2026-09-21) screenshot-1.png"
        );
        assert!(!changed.carried);
        let same = &next.answers["backups/automatic"];
        assert_eq!(
            same.note, "Seen in the console",
            "the same answer confirms the note"
        );
        let renoted = &next.answers["backups/offsite"];
        assert_eq!(renoted.note, "Tape gone");
        assert_eq!(
            renoted.evidence,
            "(From the visit of 2026-09-21) screenshot-1.png"
        );

        next.set_answer("mfa/admin-accounts", word("partial"), None, None, later);
        assert_eq!(
            next.answers["mfa/admin-accounts"].note,
            "(From the visit of 2026-09-21) Seen in the console",
            "marked once"
        );
    }
}
