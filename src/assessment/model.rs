//! An assessment: one organisation assessed at one time, with its checklists and answers.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::answer::{Answer, AnswerValue, Response};
use super::file::ChecklistRecord;
use super::stamp::Stamp;
use super::tracking::Tracking;
use crate::checklist::{Checklist, Question};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The owner assesses their own business: technician-only questions are not asked.
    #[serde(rename = "self")]
    SelfAssessment,
    /// A technician audits on site: every question is asked.
    Audit,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::SelfAssessment => "self",
            Mode::Audit => "audit",
        }
    }

    /// Whether a question is part of an assessment in this mode.
    pub fn asks(self, question: &Question) -> bool {
        match self {
            Mode::SelfAssessment => question.audience.owner,
            Mode::Audit => true,
        }
    }

    /// How many questions of `checklist` this mode asks, those that depend on an answer
    /// included.
    pub fn questions_in(self, checklist: &Checklist) -> usize {
        checklist.questions.iter().filter(|q| self.asks(q)).count()
    }

    /// Roughly how many minutes `questions` questions take: about half a minute each to read
    /// and answer for an owner, a minute and a half each to check for a technician.
    pub fn minutes(self, questions: usize) -> usize {
        match self {
            Mode::SelfAssessment => questions.div_ceil(2).max(1),
            Mode::Audit => (questions * 3).div_ceil(2).max(1),
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who and what is assessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub mode: Mode,
    pub organization: String,
    pub site: String,
    pub assessor: String,
}

/// A checklist the assessment recorded that no longer matches the loaded one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChecklistChange {
    /// Recorded at `from`, loaded now at a different version.
    Version {
        id: String,
        from: String,
        to: String,
    },
    /// Recorded, but no loaded checklist has this id: its answers are kept, not scored.
    Missing { id: String, version: String },
}

/// Something posture put right while reading a file; the person is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// Several records answer one question: the newest is kept, and the notes and evidence of
    /// the others are added to it so that nothing typed is lost.
    Duplicates { question: String, records: usize },
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Repair::Duplicates { question, records } => write!(
                f,
                "the file holds {records} records for '{question}': the newest answer is kept, and the other records' notes and evidence are added to its note"
            ),
        }
    }
}

/// What a file holds beyond what this posture knows, kept so that saving never drops it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unknown {
    /// Top-level keys and tables.
    pub top: toml::Table,
    /// Keys of each `[[checklists]]` record, by checklist id.
    pub checklists: HashMap<String, toml::Table>,
}

/// An answer kept in the file that does not count, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptAnswer {
    pub question: String,
    pub reason: &'static str,
}

#[derive(Debug, Clone)]
pub struct Assessment {
    pub id: String,
    pub header: Header,
    pub created: Stamp,
    pub updated: Stamp,
    pub finished: bool,
    /// When a finished assessment was opened again for changes, oldest first.
    pub reopened: Vec<Stamp>,
    /// Put away: kept, but left out of the lists of current work.
    pub archived: bool,
    /// The visit this one followed, whose answers it carried over.
    pub previous: Option<String>,
    /// The checklists asked, in order.
    pub checklists: Vec<Arc<Checklist>>,
    /// Every recorded answer by full question id, including ones that no longer count.
    pub answers: HashMap<String, Answer>,
    /// What was decided about each finding's fix, by full question id.
    pub actions: HashMap<String, Tracking>,
    /// Differences between the checklists recorded in the file and those loaded now.
    pub changes: Vec<ChecklistChange>,
    /// Recorded checklists that are not loaded, kept so that saving never forgets them.
    pub missing: Vec<ChecklistRecord>,
    /// Keys and tables of the file that this posture does not know.
    pub unknown: Unknown,
    /// What was put right while reading the file.
    pub repairs: Vec<Repair>,
}

impl Assessment {
    pub fn new(header: Header, checklists: Vec<Arc<Checklist>>, now: Timestamp) -> Self {
        let now = Stamp::at(now);
        Self {
            id: ulid::Ulid::generate().to_string(),
            header,
            created: now,
            updated: now,
            finished: false,
            reopened: Vec::new(),
            archived: false,
            previous: None,
            checklists,
            answers: HashMap::new(),
            actions: HashMap::new(),
            changes: Vec::new(),
            missing: Vec::new(),
            unknown: Unknown::default(),
            repairs: Vec::new(),
        }
    }

    pub fn full_id(checklist: &Checklist, question: &Question) -> String {
        format!("{}/{}", checklist.id, question.id)
    }

    /// The recorded answer to a question, if any.
    pub fn answer(&self, checklist: &Checklist, question: &Question) -> Option<&Answer> {
        self.answers.get(&Self::full_id(checklist, question))
    }

    /// The tracking of the action on question `full_id`: as recorded, or a fresh open one.
    pub fn tracking(&self, full_id: &str) -> Tracking {
        self.actions
            .get(full_id)
            .cloned()
            .unwrap_or_else(|| Tracking::open(&self.id, full_id, self.updated))
    }

    /// The answer interpreted for its question; `None` when unanswered or when the stored
    /// value no longer fits the question.
    pub fn response<'a>(
        &'a self,
        checklist: &Checklist,
        question: &'a Question,
    ) -> Option<Response<'a>> {
        self.answer(checklist, question)
            .and_then(|answer| answer.value.as_ref())
            .and_then(|value| Response::interpret(question, value))
    }

    /// Finds `checklist/question` among the assessment's checklists.
    pub fn find_question(&self, full_id: &str) -> Option<(&Arc<Checklist>, &Question)> {
        let (checklist_id, question_id) = full_id.split_once('/')?;
        let checklist = self.checklists.iter().find(|c| c.id == checklist_id)?;
        checklist.question(question_id).map(|(_, q)| (checklist, q))
    }

    /// Records an answer; a `None` note or evidence keeps what was there. When the answer
    /// replaces a different one carried over from the last visit, a kept note or evidence is
    /// marked as that visit's, since it may no longer describe what was found.
    pub fn set_answer(
        &mut self,
        question: &str,
        value: AnswerValue,
        note: Option<String>,
        evidence: Option<String>,
        now: Timestamp,
    ) {
        self.edit_answer(question, now, |entry| {
            let changed_carried = entry.carried && entry.value.as_ref() != Some(&value);
            let label = earlier_visit_label(entry.at);
            let from_last_visit = |text: &mut String| {
                if changed_carried && !text.trim().is_empty() {
                    *text = format!("{label} {text}");
                }
            };
            match note {
                Some(note) => entry.note = note,
                None => from_last_visit(&mut entry.note),
            }
            match evidence {
                Some(evidence) => entry.evidence = evidence,
                None => from_last_visit(&mut entry.evidence),
            }
            entry.value = Some(value);
            // Given on this visit: no longer carried over unchecked.
            entry.carried = false;
        });
    }

    /// Changes the record of `question`, creating an empty one first when there is none, and
    /// stamps it and the assessment with `now`.
    pub fn edit_answer(
        &mut self,
        question: &str,
        now: Timestamp,
        change: impl FnOnce(&mut Answer),
    ) {
        let now = Stamp::at(now);
        let entry = self
            .answers
            .entry(question.to_owned())
            .or_insert_with(|| Answer::empty(question, now));
        change(entry);
        entry.at = now;
        self.updated = now;
    }

    /// Marks the assessment finished.
    pub fn finish(&mut self, now: Timestamp) {
        self.finished = true;
        self.updated = Stamp::at(now);
    }

    /// Opens a finished assessment for changes again, and records when.
    pub fn reopen(&mut self, now: Timestamp) {
        let now = Stamp::at(now);
        self.finished = false;
        self.reopened.push(now);
        self.updated = now;
    }

    /// Answers kept in the file that no longer count, each with the reason.
    pub fn kept_answers(&self) -> Vec<KeptAnswer> {
        let mut kept: Vec<KeptAnswer> =
            self.answers
                .values()
                .filter_map(|answer| {
                    let (checklist_id, _) = answer
                        .question
                        .split_once('/')
                        .unwrap_or((&answer.question, ""));
                    let reason = if self.missing.iter().any(|m| m.id == checklist_id) {
                        "its checklist is not loaded"
                    } else {
                        match self.find_question(&answer.question) {
                            None => "the question no longer exists",
                            Some((_, question))
                                if answer.value.as_ref().is_some_and(|v| {
                                    Response::interpret(question, v).is_none()
                                }) =>
                            {
                                "the answer no longer fits the question"
                            }
                            Some(_) => return None,
                        }
                    };
                    Some(KeptAnswer {
                        question: answer.question.clone(),
                        reason,
                    })
                })
                .collect();
        kept.sort_by(|a, b| a.question.cmp(&b.question));
        kept
    }
}

/// The mark put before a note or evidence written on an earlier visit, `at` being when it was
/// last recorded there: "(From the visit of 2026-03-02)".
fn earlier_visit_label(at: Stamp) -> String {
    let day = at
        .instant()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    format!("(From the visit of {day})")
}
