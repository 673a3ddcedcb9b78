//! From a read file to an assessment joined to the loaded checklists, and back. Nothing the
//! file holds is dropped: answers to questions that changed or went, checklists that are not
//! loaded, keys this posture does not know, and the notes of duplicate records.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use super::answer::Answer;
use super::file::{
    ActionRecord, AnswerRecord, AssessmentFile, ChecklistRecord, FORMAT, ScoreRecord,
};
use super::model::{Assessment, ChecklistChange, Header, Repair, Unknown};
use super::tracking::Tracking;
use crate::checklist::{Catalog, Checklist};

/// The assessment a file holds, joined to the checklists of `catalog`.
pub fn from_file(file: AssessmentFile, catalog: &Catalog) -> Assessment {
    let mut checklists: Vec<Arc<Checklist>> = Vec::new();
    let mut changes = Vec::new();
    let mut missing = Vec::new();
    let mut unknown = Unknown {
        top: file.extra,
        checklists: HashMap::new(),
    };
    for record in file.checklists {
        let Some(checklist) = catalog.get(&record.id) else {
            changes.push(ChecklistChange::Missing {
                id: record.id.clone(),
                version: record.version.clone(),
            });
            missing.push(record);
            continue;
        };
        if checklist.version.to_string() != record.version {
            changes.push(ChecklistChange::Version {
                id: record.id.clone(),
                from: record.version.clone(),
                to: checklist.version.to_string(),
            });
        }
        if !record.extra.is_empty() {
            unknown.checklists.insert(record.id.clone(), record.extra);
        }
        if !checklists.iter().any(|c| c.id == record.id) {
            checklists.push(Arc::clone(checklist));
        }
    }
    let (answers, repairs) = answers(file.answers);
    let actions = file
        .actions
        .into_iter()
        .map(|record| {
            let tracking = Tracking {
                id: record.id,
                question: record.question,
                owner: record.owner,
                due: record.due,
                status: record.status,
                reason: record.reason,
                review: record.review,
                at: record.at,
                extra: record.extra,
            };
            (tracking.question.clone(), tracking)
        })
        // Of two records for one question, the newer is kept.
        .fold(
            HashMap::new(),
            |mut kept: HashMap<String, Tracking>, (question, tracking)| {
                match kept.entry(question) {
                    Entry::Vacant(slot) => {
                        slot.insert(tracking);
                    }
                    Entry::Occupied(mut slot) => {
                        if tracking.at >= slot.get().at {
                            slot.insert(tracking);
                        }
                    }
                }
                kept
            },
        );
    Assessment {
        id: file.id,
        header: Header {
            mode: file.mode,
            organization: file.organization,
            site: file.site,
            assessor: file.assessor,
        },
        created: file.created,
        updated: file.updated,
        finished: file.finished,
        reopened: file.reopened,
        archived: file.archived,
        previous: file.previous,
        checklists,
        answers,
        actions,
        changes,
        missing,
        unknown,
        repairs,
    }
}

/// The answers by question; where several records answer one question, one record that keeps
/// the newest answer and everything typed in the others.
fn answers(records: Vec<AnswerRecord>) -> (HashMap<String, Answer>, Vec<Repair>) {
    let mut answers: HashMap<String, Answer> = HashMap::with_capacity(records.len());
    let mut duplicates: Vec<(String, usize)> = Vec::new();
    for record in records {
        let answer = Answer {
            question: record.question,
            value: record.answer,
            note: record.note,
            evidence: record.evidence,
            flagged: record.flagged,
            carried: record.carried,
            internal: record.internal,
            at: record.at,
            extra: record.extra,
        };
        match answers.entry(answer.question.clone()) {
            Entry::Vacant(slot) => {
                slot.insert(answer);
            }
            Entry::Occupied(mut slot) => {
                match duplicates.iter_mut().find(|(q, _)| *q == answer.question) {
                    Some((_, count)) => *count += 1,
                    None => duplicates.push((answer.question.clone(), 2)),
                }
                let kept = slot.get_mut();
                // The newest wins; of two equally new, the later in the file.
                let older = if answer.at >= kept.at {
                    std::mem::replace(kept, answer)
                } else {
                    answer
                };
                absorb(kept, older);
            }
        }
    }
    let repairs = duplicates
        .into_iter()
        .map(|(question, records)| Repair::Duplicates { question, records })
        .collect();
    (answers, repairs)
}

/// Adds to `kept` what `older` says that `kept` does not: its note and evidence (with its
/// answer, when it differs), its flag, and its unknown keys.
fn absorb(kept: &mut Answer, older: Answer) {
    let mut said = Vec::new();
    if !older.note.trim().is_empty() && !kept.note.contains(older.note.trim()) {
        said.push(format!("note: {}", older.note.trim()));
    }
    if !older.evidence.trim().is_empty() && !kept.evidence.contains(older.evidence.trim()) {
        said.push(format!("evidence: {}", older.evidence.trim()));
    }
    if !said.is_empty() {
        let answer = match &older.value {
            Some(value) if Some(value) != kept.value.as_ref() => format!(", answer '{value}'"),
            _ => String::new(),
        };
        let earlier = format!("[Earlier record, {}{answer}] {}", older.at, said.join("; "));
        kept.note = if kept.note.trim().is_empty() {
            earlier
        } else {
            format!("{}\n\n{earlier}", kept.note.trim_end())
        };
    }
    kept.flagged |= older.flagged;
    for (key, value) in older.extra {
        kept.extra.entry(key).or_insert(value);
    }
}

/// The file for `assessment`, with `score` as its `[score]` table.
pub fn to_file(assessment: &Assessment, score: Option<ScoreRecord>) -> AssessmentFile {
    let mut checklists: Vec<ChecklistRecord> = assessment
        .checklists
        .iter()
        .map(|c| ChecklistRecord {
            id: c.id.clone(),
            version: c.version.to_string(),
            sha256: Some(c.sha256.clone()),
            extra: assessment
                .unknown
                .checklists
                .get(&c.id)
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    checklists.extend(assessment.missing.iter().cloned());

    // Answers in question order, then any that no longer match a question, by id: a stable
    // order, so that files kept in version control merge line by line.
    let mut order: HashMap<&str, usize> = HashMap::new();
    for checklist in &assessment.checklists {
        for question in &checklist.questions {
            let id = Assessment::full_id(checklist, question);
            if let Some((key, _)) = assessment.answers.get_key_value(&id) {
                let next = order.len();
                order.insert(key.as_str(), next);
            }
        }
    }
    let mut answers: Vec<&Answer> = assessment.answers.values().collect();
    answers.sort_by(|a, b| {
        let rank = |x: &Answer| {
            order
                .get(x.question.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        };
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.question.cmp(&b.question))
    });
    AssessmentFile {
        format: FORMAT,
        id: assessment.id.clone(),
        mode: assessment.header.mode,
        organization: assessment.header.organization.clone(),
        site: assessment.header.site.clone(),
        assessor: assessment.header.assessor.clone(),
        created: assessment.created,
        updated: assessment.updated,
        finished: assessment.finished,
        reopened: assessment.reopened.clone(),
        archived: assessment.archived,
        previous: assessment.previous.clone(),
        checklists,
        answers: answers
            .into_iter()
            .map(|a| AnswerRecord {
                question: a.question.clone(),
                answer: a.value.clone(),
                note: a.note.clone(),
                evidence: a.evidence.clone(),
                flagged: a.flagged,
                carried: a.carried,
                internal: a.internal,
                at: a.at,
                extra: a.extra.clone(),
            })
            .collect(),
        actions: actions(assessment),
        score,
        extra: assessment.unknown.top.clone(),
    }
}

/// The action records in a stable order (by question id), for line-by-line merges.
fn actions(assessment: &Assessment) -> Vec<ActionRecord> {
    let mut records: Vec<&Tracking> = assessment.actions.values().collect();
    records.sort_by(|a, b| a.question.cmp(&b.question));
    records
        .into_iter()
        .map(|t| ActionRecord {
            id: t.id.clone(),
            question: t.question.clone(),
            owner: t.owner.clone(),
            due: t.due,
            status: t.status,
            reason: t.reason.clone(),
            review: t.review,
            at: t.at,
            extra: t.extra.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::file::parse;

    const HEAD: &str = "format = 1\nid = \"01J\"\nmode = \"audit\"\norganization = \"Acme\"\n\
        created = 2026-11-25T14:03:00Z\nupdated = 2026-11-25T14:03:00Z\n\
        [[checklists]]\nid = \"mfa\"\nversion = \"0.0.1\"\n";

    #[test]
    fn duplicate_records_keep_the_newest_answer_and_every_note() {
        let text = format!(
            "{HEAD}[[answers]]\nquestion = \"mfa/admin-accounts\"\nanswer = \"no\"\nnote = \"Bank login has no MFA\"\nat = 2026-11-25T14:05:00Z\n\
             [[answers]]\nquestion = \"mfa/admin-accounts\"\nanswer = \"yes\"\nnote = \"Fixed on site\"\nat = 2026-11-25T15:00:00Z\n\
             [[answers]]\nquestion = \"mfa/admin-accounts\"\nanswer = \"partial\"\nat = 2026-11-25T14:00:00Z\nflagged = true\n"
        );
        let file = parse("a.toml", text.as_bytes()).expect("reads");
        let assessment = from_file(file, &Catalog::load(&[]));
        let kept = &assessment.answers["mfa/admin-accounts"];
        assert_eq!(
            kept.value,
            Some(crate::assessment::AnswerValue::Text("yes".into()))
        );
        assert!(kept.flagged);
        assert_eq!(
            kept.note,
            "Fixed on site\n\n[Earlier record, 2026-11-25T14:05:00Z, answer 'no'] note: Bank login has no MFA"
        );
        assert_eq!(
            assessment.repairs,
            [Repair::Duplicates {
                question: "mfa/admin-accounts".into(),
                records: 3
            }]
        );
        assert!(
            assessment.repairs[0]
                .to_string()
                .contains("3 records for 'mfa/admin-accounts'")
        );
    }
}
