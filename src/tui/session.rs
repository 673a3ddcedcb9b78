//! An open assessment in the interface: the answers, the score kept current, and where the
//! person is. Pure: the shell saves it.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::assessment::{Answer, AnswerValue, Assessment, Response};
use crate::checklist::{Checklist, Question};
use crate::score::{self, Progress, QuestionRef, Scorecard, Status};

/// Which questions next/previous move between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Unanswered,
    Flagged,
    WithNotes,
    NotYes,
    /// Answers carried over from the last visit that are not re-verified yet.
    Carried,
}

impl Filter {
    /// The filter after this one, back to `All` after the last.
    #[must_use]
    pub fn following(self) -> Self {
        match self {
            Filter::All => Filter::Unanswered,
            Filter::Unanswered => Filter::Flagged,
            Filter::Flagged => Filter::WithNotes,
            Filter::WithNotes => Filter::NotYes,
            Filter::NotYes => Filter::Carried,
            Filter::Carried => Filter::All,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Filter::All => "all questions",
            Filter::Unanswered => "unanswered",
            Filter::Flagged => "flagged",
            Filter::WithNotes => "with notes",
            Filter::NotYes => "not yes",
            Filter::Carried => "carried over, to re-verify",
        }
    }
}

/// A question worth fixing, for the summary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fix {
    pub at: QuestionRef,
    pub critical: bool,
    /// A critical question not answered yet: to assess, not yet to fix.
    pub unanswered: bool,
    /// The unanswered question that decides whether this one is asked, when that is why it is
    /// not answered: Enter goes there.
    pub waits_for: Option<QuestionRef>,
    /// Points the overall score gains when this is fixed.
    pub gain: f64,
}

#[derive(Debug, Clone)]
pub struct Session {
    /// The assessment as the person sees it, with every change they made.
    pub assessment: Assessment,
    /// The assessment as the file held it when last read or written: what differs from it is
    /// not saved yet, and it is the base that saving merges this writer's changes from.
    pub base: Assessment,
    pub path: PathBuf,
    /// The score, recomputed after every change.
    pub card: Scorecard,
    /// The questions shown to the person (asked and not skipped), in order.
    asked: Vec<QuestionRef>,
    /// How many of `asked` have an answer.
    answered: usize,
    /// Per checklist, in order.
    topics: Vec<Progress>,
    /// Critical gaps by gain, then the other questions that could gain points, by gain.
    fixes: Vec<Fix>,
    /// Lowercased prompt, ids and topic of every question, for search.
    haystacks: Vec<(QuestionRef, String)>,
    /// The current question.
    pub at: QuestionRef,
    pub filter: Filter,
    /// Why the last save failed; the answers are kept in memory until a save succeeds.
    pub save_error: Option<String>,
}

impl Session {
    /// Opens at the first unanswered question (or the first question when all are answered).
    pub fn new(assessment: Assessment, path: PathBuf) -> Self {
        let mut session = Self {
            card: Scorecard::default(),
            base: assessment.clone(),
            assessment,
            path,
            asked: Vec::new(),
            answered: 0,
            topics: Vec::new(),
            fixes: Vec::new(),
            haystacks: Vec::new(),
            at: QuestionRef {
                checklist: 0,
                question: 0,
            },
            filter: Filter::All,
            save_error: None,
        };
        session.haystacks = session
            .assessment
            .checklists
            .iter()
            .enumerate()
            .flat_map(|(c, checklist)| {
                checklist
                    .questions
                    .iter()
                    .enumerate()
                    .map(move |(q, question)| {
                        let text = format!(
                            "{} {}/{} {}",
                            question.prompt, checklist.id, question.id, checklist.title
                        );
                        (
                            QuestionRef {
                                checklist: c,
                                question: q,
                            },
                            crate::text::search_key(&text),
                        )
                    })
            })
            .collect();
        session.refresh();
        // A follow-up visit starts with the answers carried over, to re-verify them first.
        let first_carried = session
            .asked
            .iter()
            .copied()
            .find(|&at| session.is_carried(at));
        if first_carried.is_some() {
            session.filter = Filter::Carried;
        }
        session.at = first_carried
            .or_else(|| {
                session
                    .asked
                    .iter()
                    .copied()
                    .find(|&at| !session.is_answered(at))
            })
            .or_else(|| session.asked.first().copied())
            .unwrap_or(session.at);
        session
    }

    /// Recomputes the score, which questions are asked and the progress, after any change.
    fn refresh(&mut self) {
        let statuses: Vec<Vec<Status>> = self
            .assessment
            .checklists
            .iter()
            .map(|c| score::statuses(&self.assessment, c))
            .collect();
        self.asked.clear();
        self.answered = 0;
        self.topics.clear();
        for (c, checklist_statuses) in statuses.iter().enumerate() {
            for (q, status) in checklist_statuses.iter().enumerate() {
                if status.is_asked() {
                    self.asked.push(QuestionRef {
                        checklist: c,
                        question: q,
                    });
                }
            }
            let topic = Progress::of(checklist_statuses);
            self.answered += topic.answered;
            self.topics.push(topic);
        }
        self.card = score::score_with(&self.assessment, &statuses);
        self.fixes = fixes(&self.assessment, &self.card, &statuses);
    }

    /// How many answers (and header changes, such as finishing) are not in the file yet.
    pub fn unsaved_changes(&self) -> usize {
        let (ours, base) = (&self.assessment, &self.base);
        let answers = ours
            .answers
            .iter()
            .filter(|(id, answer)| base.answers.get(*id) != Some(*answer))
            .count();
        let actions = ours
            .actions
            .iter()
            .filter(|(id, tracking)| base.actions.get(*id) != Some(*tracking))
            .count();
        let header = usize::from(
            ours.header != base.header
                || ours.finished != base.finished
                || ours.archived != base.archived,
        );
        answers + actions + header
    }

    /// Takes what the file holds now (after a save, or after another writer changed it) as
    /// both what is shown and the new base. Returns how many answers differ from what was
    /// shown: the changes another writer made.
    pub fn accept(&mut self, file: Assessment) -> usize {
        let changed = file
            .answers
            .iter()
            .filter(|(id, answer)| self.assessment.answers.get(*id) != Some(*answer))
            .count();
        self.base = file.clone();
        self.assessment = file;
        self.refresh();
        changed
    }

    /// Progress of each checklist, in order.
    pub fn topics(&self) -> &[Progress] {
        &self.topics
    }

    /// What to fix first: critical gaps, then the rest, each largest gain first.
    pub fn fixes(&self) -> &[Fix] {
        &self.fixes
    }

    pub fn asked(&self) -> &[QuestionRef] {
        &self.asked
    }

    /// Answered share of the asked questions, 0–1.
    pub fn progress(&self) -> f64 {
        if self.asked.is_empty() {
            return 1.0;
        }
        #[allow(clippy::cast_precision_loss)] // counts are far below 2^52
        let share = self.answered as f64 / self.asked.len() as f64;
        share
    }

    pub fn checklist(&self, at: QuestionRef) -> &Checklist {
        &self.assessment.checklists[at.checklist]
    }

    pub fn question(&self, at: QuestionRef) -> &Question {
        &self.checklist(at).questions[at.question]
    }

    pub fn answer(&self, at: QuestionRef) -> Option<&Answer> {
        self.assessment
            .answer(self.checklist(at), self.question(at))
    }

    /// The answer as it counts, or `None` when unanswered (or no longer fitting).
    pub fn response(&self, at: QuestionRef) -> Option<Response<'_>> {
        self.assessment
            .response(self.checklist(at), self.question(at))
    }

    pub fn is_answered(&self, at: QuestionRef) -> bool {
        self.response(at).is_some()
    }

    /// Whether a question is asked now (its gate holds and the mode includes it).
    pub fn is_asked(&self, at: QuestionRef) -> bool {
        self.asked.binary_search(&at).is_ok()
    }

    fn matches(&self, at: QuestionRef) -> bool {
        match self.filter {
            Filter::All => true,
            Filter::Unanswered => !self.is_answered(at),
            Filter::Flagged => self.answer(at).is_some_and(|a| a.flagged),
            Filter::WithNotes => self
                .answer(at)
                .is_some_and(|a| !a.note.trim().is_empty() || !a.evidence.trim().is_empty()),
            Filter::NotYes => self
                .response(at)
                .is_some_and(|r| r.credit().is_some_and(|c| c < 1.0)),
            Filter::Carried => self.is_carried(at),
        }
    }

    /// Whether the answer to `at` was carried over from the last visit and not re-verified.
    pub fn is_carried(&self, at: QuestionRef) -> bool {
        self.response(at).is_some() && self.answer(at).is_some_and(|a| a.carried)
    }

    /// How many asked questions hold an answer carried over and not re-verified yet.
    pub fn carried(&self) -> usize {
        self.asked.iter().filter(|&&at| self.is_carried(at)).count()
    }

    /// Confirms the carried-over answer of the current question as it is on this visit.
    pub fn confirm(&mut self, now: Timestamp) {
        self.edit(now, |answer| answer.carried = false);
    }

    /// Position of the current question within its topic's asked questions: (n, of).
    pub fn position(&self) -> (usize, usize) {
        let in_topic: Vec<&QuestionRef> = self
            .asked
            .iter()
            .filter(|a| a.checklist == self.at.checklist)
            .collect();
        let n = in_topic
            .iter()
            .position(|a| **a == self.at)
            .map_or(0, |i| i + 1);
        (n, in_topic.len())
    }

    /// Moves to the next asked question that matches the filter; false when there is none.
    pub fn forward(&mut self) -> bool {
        let at = self.at;
        self.go(self
            .asked
            .iter()
            .copied()
            .find(|&a| a > at && self.matches(a)))
    }

    pub fn back(&mut self) -> bool {
        self.go(self.previous())
    }

    /// The first question the filter matches, from the start: where a walk wraps around.
    pub fn next_matching_from_start(&mut self) -> bool {
        self.go(self.asked.iter().copied().find(|&a| self.matches(a)))
    }

    /// The question `back` goes to, if any.
    pub fn previous(&self) -> Option<QuestionRef> {
        self.asked
            .iter()
            .rev()
            .copied()
            .find(|&a| a < self.at && self.matches(a))
    }

    /// The next unanswered question after this one, wrapping around to the start.
    pub fn next_unanswered(&mut self) -> bool {
        let at = self.at;
        let after = self.asked.iter().copied().filter(|&a| a > at);
        let before = self.asked.iter().copied().filter(|&a| a <= at);
        self.go(after.chain(before).find(|&a| !self.is_answered(a)))
    }

    /// Goes to the first asked question of a checklist.
    pub fn jump_to_topic(&mut self, checklist: usize) -> bool {
        self.go(self
            .asked
            .iter()
            .copied()
            .find(|a| a.checklist == checklist))
    }

    /// Goes back to where the person left the assessment (`checklist/question`), when that
    /// question is still asked; otherwise stays at the first unanswered one.
    pub fn resume(&mut self, question: &str) -> bool {
        let Some((checklist_id, question_id)) = question.split_once('/') else {
            return false;
        };
        let found = self
            .assessment
            .checklists
            .iter()
            .enumerate()
            .find(|(_, c)| c.id == checklist_id)
            .and_then(|(c, checklist)| {
                checklist.question(question_id).map(|(q, _)| QuestionRef {
                    checklist: c,
                    question: q,
                })
            });
        found.is_some_and(|at| self.jump(at))
    }

    /// Goes to a question; one that is not asked now is refused.
    pub fn jump(&mut self, at: QuestionRef) -> bool {
        self.go(Some(at).filter(|&a| self.is_asked(a)))
    }

    fn go(&mut self, to: Option<QuestionRef>) -> bool {
        to.map(|to| self.at = to).is_some()
    }

    /// Records an answer to the current question, keeping its note and evidence. True when
    /// that note or evidence came from the last visit and is now marked so, because the answer
    /// changed.
    pub fn set_value(&mut self, value: AnswerValue, now: Timestamp) -> bool {
        let id = Assessment::full_id(self.checklist(self.at), self.question(self.at));
        let before = self
            .answer(self.at)
            .map(|a| (a.note.clone(), a.evidence.clone()));
        self.assessment.set_answer(&id, value, None, None, now);
        self.refresh();
        let after = self
            .answer(self.at)
            .map(|a| (a.note.clone(), a.evidence.clone()));
        before.is_some_and(|before| Some(before) != after)
    }

    /// Changes the note, evidence or flag of the current question; a question without an
    /// answer gets a record without a value, so it stays unanswered.
    pub fn edit(&mut self, now: Timestamp, change: impl FnOnce(&mut Answer)) {
        let id = Assessment::full_id(self.checklist(self.at), self.question(self.at));
        self.assessment.edit_answer(&id, now, change);
        self.refresh();
    }

    /// Removes the answer to the current question; its note and evidence stay.
    /// Returns false when there was no answer to remove.
    pub fn clear(&mut self, now: Timestamp) -> bool {
        if self.answer(self.at).is_none_or(|a| a.value.is_none()) {
            return false;
        }
        self.edit(now, |answer| answer.value = None);
        true
    }

    /// Asked questions whose prompt, id or topic contains every word of `query`, ignoring case.
    pub fn search(&self, query: &str) -> Vec<QuestionRef> {
        let words = crate::text::search_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        self.haystacks
            .iter()
            .filter(|(at, haystack)| {
                words.iter().all(|w| haystack.contains(w.as_str())) && self.is_asked(*at)
            })
            .map(|(at, _)| *at)
            .collect()
    }
}

/// Critical gaps ranked by gain (a weight-0 gap, which gains nothing, last among them), then
/// critical questions not answered yet, then every other answer that could gain points, by
/// severity and then gain.
fn fixes(assessment: &Assessment, card: &Scorecard, statuses: &[Vec<Status>]) -> Vec<Fix> {
    let gaps: std::collections::HashSet<QuestionRef> = card.critical_gaps.iter().copied().collect();
    let fix = |at: QuestionRef, gain, unanswered| Fix {
        at,
        critical: unanswered || gaps.contains(&at),
        unanswered,
        waits_for: match statuses[at.checklist][at.question] {
            Status::Waiting(gate) => Some(QuestionRef {
                checklist: at.checklist,
                question: gate,
            }),
            _ => None,
        },
        gain,
    };
    let ranked = card.actions.iter().map(|a| fix(a.at, a.gain, false));
    let mut fixes: Vec<Fix> = ranked.clone().filter(|f| f.critical).collect();
    let ranked_gaps: std::collections::HashSet<QuestionRef> = fixes.iter().map(|f| f.at).collect();
    fixes.extend(
        card.critical_gaps
            .iter()
            .filter(|at| !ranked_gaps.contains(at))
            .map(|&at| fix(at, 0.0, false)),
    );
    fixes.extend(
        card.critical_unanswered
            .iter()
            .map(|&at| fix(at, 0.0, true)),
    );
    // The rest by severity first, then by gain (the sort is stable): a high-severity fix
    // comes before a low one worth a few more points.
    let mut rest: Vec<Fix> = ranked.filter(|f| !f.critical).collect();
    rest.sort_by_key(|f| assessment.checklists[f.at.checklist].questions[f.at.question].severity);
    fixes.extend(rest);
    fixes
}
