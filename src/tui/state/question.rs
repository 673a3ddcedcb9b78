//! The question screen: answering, moving, flagging, and the popups it opens.

use jiff::Timestamp;

use super::{EditTarget, Overlay, Screen, State};
use crate::assessment::parse_input;
use crate::checklist::Kind;
use crate::config::Advance;
use crate::tui::action::{Action, Effect, Word};

/// What the person reads after an answer that stays on its question; the save's "saved"
/// does not replace it.
pub(super) const STAY_HINT: &str =
    "Saved. What to do is below; → or Enter for the next question, e for a note.";

/// What the person reads after changing an answer carried over from the last visit whose note
/// or evidence stays, marked as that visit's; the answer stays on screen to write today's.
pub(super) const OLD_NOTE_HINT: &str = "Saved. The answer changed since the last visit, so its note is marked as that visit's; e to write today's.";

/// Whether a message stays on screen when the save that follows it reports "saved".
pub(super) fn sticks_after_save(message: &str) -> bool {
    message == STAY_HINT || message == OLD_NOTE_HINT
}

/// How many lines the question details scroll per key.
const SCROLL_STEP: u16 = 3;

impl State {
    /// Answers the current question with a word, unless its kind cannot take it.
    pub(super) fn answer_word(&mut self, word: Word, now: Timestamp) -> Option<Effect> {
        let session = self.session.as_ref()?;
        let question = session.question(session.at);
        let refused = match (&question.kind, word) {
            (Kind::Text | Kind::Number, Word::Unknown) => None,
            (Kind::Text | Kind::Number, _) => Some(
                "Press Enter to type the answer to this question, or u for don't know.".to_owned(),
            ),
            (Kind::Choice(choices), Word::Yes | Word::Partial | Word::No) => Some(format!(
                "Pick a choice with 1 to {}, or u (don't know).",
                choices.len().min(9)
            )),
            (_, Word::Na) if !question.allow_na => {
                Some("This question cannot be marked not applicable.".to_owned())
            }
            _ => None,
        };
        if let Some(reason) = refused {
            self.error(reason);
            return None;
        }
        if word == Word::Na && question.is_critical() {
            self.info(
                "A critical question is not applicable only for a reason: write why, then Esc.",
            );
            return self.open_editor(EditTarget::Reason);
        }
        self.record(word.stored(), now)
    }

    pub(super) fn on_question(&mut self, action: &Action, now: Timestamp) -> Option<Effect> {
        if matches!(
            self.screen,
            Screen::Question {
                editor: Some(_),
                ..
            }
        ) {
            return self.on_editor(action, now);
        }
        if matches!(self.screen, Screen::Question { intro: true, .. }) {
            return self.on_intro(action, now);
        }
        if !matches!(action, Action::Choose(_) | Action::EditValue) {
            self.clear_digits();
        }
        if self.changes(action) && self.read_only() {
            self.info("This assessment is finished, so it is read-only. Press R to reopen it.");
            return None;
        }
        if let Action::Answer(word) = action {
            return self.answer_word(*word, now);
        }
        let Screen::Question { scroll, .. } = &mut self.screen else {
            return None;
        };
        let session = self.session.as_mut()?;
        let at = session.at;
        let question = session.question(at);
        let from = at.checklist;
        match action {
            Action::Choose(digit) => return self.choose(*digit, now),
            // Enter types the answer of a text or number question, picks the choice whose
            // number is being typed, and elsewhere moves on.
            Action::EditValue if matches!(question.kind, Kind::Text | Kind::Number) => {
                return self.open_editor(EditTarget::Value);
            }
            Action::EditValue => {
                if let Screen::Question { digits, .. } = &mut self.screen
                    && !digits.is_empty()
                {
                    let number = std::mem::take(digits);
                    return self.record(&number, now);
                }
                return self.on_question(&Action::Next, now);
            }
            Action::EditNote => return self.open_editor(EditTarget::Note),
            Action::EditEvidence => return self.open_editor(EditTarget::Evidence),
            Action::ToggleFlag => {
                session.edit(now, |a| a.flagged = !a.flagged);
                return Some(Effect::Save);
            }
            Action::ClearAnswer => return session.clear(now).then_some(Effect::Save),
            Action::ConfirmCarried => return self.confirm_carried(now),
            Action::ToggleInternal => return self.toggle_internal(now),
            Action::Next | Action::Prev => {
                let moved = if matches!(action, Action::Next) {
                    session.forward()
                } else {
                    session.back()
                };
                *scroll = 0;
                if !moved {
                    let filter = session.filter;
                    self.info(format!("No more questions this way ({}).", filter.name()));
                } else if matches!(action, Action::Next) {
                    self.arrive(Some(from));
                }
            }
            Action::NextUnanswered => {
                *scroll = 0;
                if session.next_unanswered() {
                    self.arrive(Some(from));
                } else {
                    self.info("Every question is answered. Press s for the summary.");
                }
            }
            Action::CycleFilter => {
                session.filter = session.filter.following();
                let filter = session.filter;
                self.info(format!("Moving between: {}.", filter.name()));
            }
            Action::ScrollUp => *scroll = scroll.saturating_sub(SCROLL_STEP),
            Action::ScrollDown => *scroll = scroll.saturating_add(SCROLL_STEP),
            Action::OpenTopics => {
                self.overlay = Some(Overlay::Topics {
                    selected: at.checklist,
                    filter: String::new(),
                });
            }
            Action::OpenSearch => {
                self.overlay = Some(Overlay::Search {
                    query: String::new(),
                    selected: 0,
                });
            }
            Action::OpenSummary => self.go(Screen::Summary { selected: 0 }),
            Action::Reopen => return self.ask_to_reopen(),
            Action::Back => return self.back(),
            _ => {}
        }
        None
    }

    /// Whether an action changes the answers (refused while the assessment is finished).
    fn changes(&self, action: &Action) -> bool {
        let typing = matches!(action, Action::EditValue)
            && self
                .session
                .as_ref()
                .is_some_and(|s| matches!(s.question(s.at).kind, Kind::Text | Kind::Number));
        typing || action.changes_answers()
    }

    fn read_only(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.assessment.finished)
    }

    /// Records `input` as the answer to the current question. After a yes, a best choice, or
    /// a text or number answer it moves on; after any other answer it stays (unless settings
    /// say always), so that "What to do" shows and a note lands on this question.
    pub(super) fn record(&mut self, input: &str, now: Timestamp) -> Option<Effect> {
        let advance = self.advance;
        let session = self.session.as_mut()?;
        let question = session.question(session.at);
        match parse_input(question, input) {
            Ok(value) => {
                let old_note_marked = session.set_value(value, now);
                if let Screen::Question { scroll, .. } = &mut self.screen {
                    *scroll = 0;
                }
                let complete = session
                    .response(session.at)
                    .is_none_or(|r| r.credit().is_none_or(|c| c >= 1.0) && r.id() != Some("na"));
                let from = session.at.checklist;
                if old_note_marked {
                    self.info(OLD_NOTE_HINT);
                } else if advance == Advance::OnYes && !complete {
                    self.info(STAY_HINT);
                } else if session.forward() {
                    self.arrive(Some(from));
                } else {
                    self.info("That was the last question. Press s for the summary.");
                }
                Some(Effect::Save)
            }
            Err(reason) => {
                self.error(reason);
                None
            }
        }
    }

    /// A digit toward a choice's number. With nine choices or fewer it picks at once; with
    /// more, digits gather until no longer number starts with them, or Enter picks.
    fn choose(&mut self, digit: usize, now: Timestamp) -> Option<Effect> {
        let session = self.session.as_ref()?;
        let Kind::Choice(choices) = &session.question(session.at).kind else {
            return None;
        };
        let count = choices.len();
        let Screen::Question { digits, .. } = &mut self.screen else {
            return None;
        };
        digits.push_str(&digit.to_string());
        let number: usize = digits.parse().unwrap_or(usize::MAX);
        if number == 0 || number > count {
            digits.clear();
            self.error(format!("There are {count} choices: type 1 to {count}."));
            return None;
        }
        if number.saturating_mul(10) > count {
            digits.clear();
            return self.record(&number.to_string(), now);
        }
        self.info(format!(
            "Choice {number}… type another digit, or Enter for {number}."
        ));
        None
    }

    fn clear_digits(&mut self) {
        if let Screen::Question { digits, .. } = &mut self.screen {
            digits.clear();
        }
    }

    /// Shows the topic's introduction when the person arrives, moving forward, at the first
    /// question of a topic that is not started and has a description.
    pub(super) fn arrive(&mut self, from: Option<usize>) {
        let Some(session) = &self.session else {
            return;
        };
        let at = session.at;
        let entering = from.is_none_or(|c| c != at.checklist);
        let first = session.asked().iter().find(|q| q.checklist == at.checklist) == Some(&at);
        let fresh = session
            .topics()
            .get(at.checklist)
            .is_some_and(|t| t.answered == 0);
        let described = !session.checklist(at).description.trim().is_empty();
        if let Screen::Question { intro, .. } = &mut self.screen {
            *intro = entering && first && fresh && described;
        }
    }

    /// Marks the current note and flag internal, or not.
    fn toggle_internal(&mut self, now: Timestamp) -> Option<Effect> {
        let session = self.session.as_mut()?;
        session.edit(now, |a| a.internal = !a.internal);
        let internal = session.answer(session.at).is_some_and(|a| a.internal);
        self.info(if internal {
            "The note and flag are internal now: no client report shows them."
        } else {
            "The note and flag show in the client's report again."
        });
        Some(Effect::Save)
    }

    /// Confirms the carried-over answer on screen and goes to the next one still to re-verify.
    fn confirm_carried(&mut self, now: Timestamp) -> Option<Effect> {
        let session = self.session.as_mut()?;
        if !session.is_carried(session.at) {
            self.info("This answer was given on this visit; c confirms answers carried over from the last one.");
            return None;
        }
        session.confirm(now);
        let left = session.carried();
        if left == 0 {
            session.filter = crate::tui::Filter::All;
            self.info("Every answer carried over from the last visit is re-verified.");
        } else {
            session.filter = crate::tui::Filter::Carried;
            let moved = session.forward() || session.next_matching_from_start();
            let left = crate::text::plural(left, "carried-over answer");
            self.info(if moved {
                format!("Confirmed. {left} left to re-verify.")
            } else {
                format!("{left} left to re-verify.")
            });
        }
        Some(Effect::Save)
    }

    /// Keys while a topic's introduction shows: Enter or → begins; ← goes to the question
    /// before the topic, if there is one; answering waits for the first question; anything
    /// else works as on the question itself.
    fn on_intro(&mut self, action: &Action, now: Timestamp) -> Option<Effect> {
        if action.changes_answers() {
            self.info("Press Enter to begin this topic.");
            return None;
        }
        if matches!(action, Action::Prev) && !self.session.as_mut()?.back() {
            self.info("This is the first topic: Enter begins it.");
            return None;
        }
        if let Screen::Question { intro, .. } = &mut self.screen {
            *intro = false;
        }
        match action {
            Action::Next | Action::EditValue | Action::Prev => None,
            _ => self.on_question(action, now),
        }
    }
}
