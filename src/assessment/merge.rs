//! Two writers, one file: a three-way merge of what this writer changed (`ours`, made on top of
//! `base`, what it last read or wrote) into the file as it is now (`theirs`). Every change of
//! either side is kept, field by field; only where both changed the same field of one answer
//! does the newer record win (this writer's, when they are equally new).

use super::answer::Answer;
use super::model::Assessment;

/// The file's assessment with this writer's changes applied.
pub fn merge(base: &Assessment, ours: &Assessment, mut theirs: Assessment) -> Assessment {
    let header = (&base.header, &ours.header, &mut theirs.header);
    take_if_changed(&header.0.mode, &header.1.mode, &mut header.2.mode);
    take_if_changed(
        &header.0.organization,
        &header.1.organization,
        &mut header.2.organization,
    );
    take_if_changed(&header.0.site, &header.1.site, &mut header.2.site);
    take_if_changed(
        &header.0.assessor,
        &header.1.assessor,
        &mut header.2.assessor,
    );
    take_if_changed(&base.finished, &ours.finished, &mut theirs.finished);
    take_if_changed(&base.archived, &ours.archived, &mut theirs.archived);
    take_if_changed(&base.previous, &ours.previous, &mut theirs.previous);
    for reopened in &ours.reopened {
        if !theirs.reopened.contains(reopened) {
            theirs.reopened.push(*reopened);
        }
    }
    theirs.reopened.sort();
    theirs.updated = theirs.updated.max(ours.updated);

    for (question, mine) in &ours.answers {
        let before = base.answers.get(question);
        if before == Some(mine) {
            continue;
        }
        match theirs.answers.get_mut(question) {
            None => {
                theirs.answers.insert(question.clone(), mine.clone());
            }
            Some(disk) => merge_answer(before, mine, disk),
        }
    }
    for (question, mine) in &ours.actions {
        let before = base.actions.get(question);
        if before == Some(mine) {
            continue;
        }
        // Where both changed one action, the newer record wins whole: its fields belong
        // together (accepted risk with its reason and review date).
        let disk = theirs.actions.get(question);
        let both_changed = disk != before;
        if !(both_changed && disk.is_some_and(|d| d.at > mine.at)) {
            theirs.actions.insert(question.clone(), mine.clone());
        }
    }
    theirs
}

/// The questions whose answer both sides changed, each to something else: there the newer
/// record wins (see `merge`), and a person should be told.
pub fn conflicts(base: &Assessment, ours: &Assessment, theirs: &Assessment) -> Vec<String> {
    let mut found: Vec<String> = ours
        .answers
        .iter()
        .filter(|(question, mine)| {
            let before = base.answers.get(*question);
            let disk = theirs.answers.get(*question);
            let value = |a: Option<&Answer>| a.and_then(|a| a.value.clone());
            let note = |a: Option<&Answer>| a.map(|a| a.note.clone()).unwrap_or_default();
            let both = |f: &dyn Fn(Option<&Answer>) -> String| {
                let (b, m, d) = (f(before), f(Some(mine)), f(disk));
                m != b && d != b && m != d
            };
            both(&|a| value(a).map(|v| v.to_string()).unwrap_or_default()) || both(&note)
        })
        .map(|(question, _)| question.clone())
        .collect();
    found.sort();
    found
}

fn take_if_changed<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &mut T) {
    if ours != base {
        theirs.clone_from(ours);
    }
}

/// Applies each field this writer changed to the record on disk, unless the other writer
/// changed that field too and its record is newer.
fn merge_answer(before: Option<&Answer>, mine: &Answer, disk: &mut Answer) {
    let empty = Answer::empty(&mine.question, mine.at);
    let base = before.unwrap_or(&empty);
    let ours_is_newer = mine.at >= disk.at;
    let field = |changed: bool, conflict: bool| changed && (!conflict || ours_is_newer);
    if field(mine.value != base.value, disk.value != base.value) {
        disk.value.clone_from(&mine.value);
    }
    if field(mine.note != base.note, disk.note != base.note) {
        disk.note.clone_from(&mine.note);
    }
    if field(
        mine.evidence != base.evidence,
        disk.evidence != base.evidence,
    ) {
        disk.evidence.clone_from(&mine.evidence);
    }
    if field(mine.flagged != base.flagged, disk.flagged != base.flagged) {
        disk.flagged = mine.flagged;
    }
    if field(mine.carried != base.carried, disk.carried != base.carried) {
        disk.carried = mine.carried;
    }
    if field(
        mine.internal != base.internal,
        disk.internal != base.internal,
    ) {
        disk.internal = mine.internal;
    }
    disk.at = disk.at.max(mine.at);
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::assessment::{AnswerValue, Header, Mode};
    use crate::checklist::Catalog;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + second).expect("time")
    }

    fn assessment() -> Assessment {
        let catalog = Catalog::load(&[]);
        let header = Header {
            mode: Mode::Audit,
            organization: "Acme".into(),
            site: String::new(),
            assessor: String::new(),
        };
        Assessment::new(header, catalog.checklists().to_vec(), at(0))
    }

    fn word(text: &str) -> AnswerValue {
        AnswerValue::Text(text.into())
    }

    fn value(a: &Assessment, question: &str) -> Option<AnswerValue> {
        a.answers.get(question).and_then(|x| x.value.clone())
    }

    #[test]
    fn answers_to_different_questions_are_all_kept() {
        let base = assessment();
        let mut ours = base.clone();
        ours.set_answer("mfa/admin-accounts", word("yes"), None, None, at(2));
        let mut theirs = base.clone();
        theirs.set_answer("backups/automatic", word("no"), None, None, at(1));
        let merged = merge(&base, &ours, theirs);
        assert_eq!(value(&merged, "mfa/admin-accounts"), Some(word("yes")));
        assert_eq!(value(&merged, "backups/automatic"), Some(word("no")));
        assert_eq!(merged.updated, ours.updated);
    }

    #[test]
    fn a_note_and_an_answer_given_apart_to_one_question_both_stay() {
        let mut base = assessment();
        base.set_answer("mfa/admin-accounts", word("no"), None, None, at(1));
        let mut ours = base.clone();
        ours.edit_answer("mfa/admin-accounts", at(3), |a| {
            a.note = "Bank login".into();
        });
        let mut theirs = base.clone();
        theirs.set_answer("mfa/admin-accounts", word("yes"), None, None, at(5));
        let merged = merge(&base, &ours, theirs);
        let answer = &merged.answers["mfa/admin-accounts"];
        assert_eq!(answer.value, Some(word("yes")));
        assert_eq!(answer.note, "Bank login");
        assert_eq!(answer.at, crate::assessment::Stamp::at(at(5)));
    }

    #[test]
    fn where_both_changed_one_field_the_newer_wins() {
        let base = assessment();
        let mut ours = base.clone();
        ours.set_answer("mfa/admin-accounts", word("partial"), None, None, at(4));
        let mut theirs = base.clone();
        theirs.set_answer("mfa/admin-accounts", word("no"), None, None, at(9));
        assert_eq!(
            value(&merge(&base, &ours, theirs.clone()), "mfa/admin-accounts"),
            Some(word("no"))
        );
        ours.set_answer("mfa/admin-accounts", word("yes"), None, None, at(9));
        assert_eq!(
            value(&merge(&base, &ours, theirs), "mfa/admin-accounts"),
            Some(word("yes")),
            "equally new: this writer's"
        );
    }

    #[test]
    fn nothing_changed_here_takes_the_file_as_it_is() {
        let base = assessment();
        let mut theirs = base.clone();
        theirs.set_answer("mfa/admin-accounts", word("no"), None, None, at(1));
        theirs.finish(at(2));
        let merged = merge(&base, &base.clone(), theirs);
        assert!(merged.finished);
        assert_eq!(value(&merged, "mfa/admin-accounts"), Some(word("no")));
    }

    #[test]
    fn actions_merge_per_question_and_the_newer_decision_wins() {
        use crate::assessment::{ActionStatus, Stamp, Tracking};
        let base = assessment();
        let tracking = |question: &str, status, second| Tracking {
            status,
            owner: "Jo".into(),
            ..Tracking::open(&base.id, question, Stamp::at(at(second)))
        };
        let mut ours = base.clone();
        ours.actions.insert(
            "mfa/admin-accounts".into(),
            tracking("mfa/admin-accounts", ActionStatus::InProgress, 3),
        );
        let mut theirs = base.clone();
        theirs.actions.insert(
            "backups/automatic".into(),
            tracking("backups/automatic", ActionStatus::Done, 2),
        );
        let merged = merge(&base, &ours, theirs.clone());
        assert_eq!(merged.actions.len(), 2, "both writers' actions are kept");

        theirs.actions.insert(
            "mfa/admin-accounts".into(),
            tracking("mfa/admin-accounts", ActionStatus::AcceptedRisk, 5),
        );
        let merged = merge(&base, &ours, theirs);
        assert_eq!(
            merged.actions["mfa/admin-accounts"].status,
            ActionStatus::AcceptedRisk,
            "the newer decision on one action wins"
        );
    }
}
