//! The question screen: answering, moving, flagging, and the popups it opens.

use jiff::Timestamp;

use super::{EditTarget, Overlay, Screen, State};
use crate::assessment::parse_input;
use crate::checklist::Kind;
use crate::tui::action::{Action, Effect, Word};

/// How many lines the question details scroll per key.
const SCROLL_STEP: u16 = 3;

impl State {
    /// Answers the current question with a word, unless its kind cannot take it.
    pub(super) fn answer_word(&mut self, word: Word, now: Timestamp) -> Option<Effect> {
        let session = self.session.as_ref()?;
        let question = session.question(session.at);
        let refused = match (&question.kind, word) {
            (Kind::Text | Kind::Number, _) => {
                Some("Press Enter to type the answer to this question.".to_owned())
            }
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
        if let Action::Answer(word) = action {
            return self.answer_word(*word, now);
        }
        let Screen::Question { scroll, .. } = &mut self.screen else {
            return None;
        };
        let session = self.session.as_mut()?;
        let at = session.at;
        let question = session.question(at);
        match action {
            Action::Choose(n) => {
                return match &question.kind {
                    Kind::Choice(choices) if (1..=choices.len()).contains(n) => {
                        self.record(&n.to_string(), now)
                    }
                    Kind::Choice(choices) => {
                        let count = choices.len();
                        self.error(format!("There are {count} choices."));
                        None
                    }
                    _ => None,
                };
            }
            Action::EditValue => return self.open_editor(EditTarget::Value),
            Action::EditNote => return self.open_editor(EditTarget::Note),
            Action::EditEvidence => return self.open_editor(EditTarget::Evidence),
            Action::ToggleFlag => {
                session.edit(now, |a| a.flagged = !a.flagged);
                return Some(Effect::Save);
            }
            Action::ClearAnswer => return session.clear(now).then_some(Effect::Save),
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
                }
            }
            Action::NextUnanswered => {
                *scroll = 0;
                if !session.next_unanswered() {
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
                });
            }
            Action::OpenSearch => {
                self.overlay = Some(Overlay::Search {
                    query: String::new(),
                    selected: 0,
                });
            }
            Action::OpenSummary => self.screen = Screen::Summary { selected: 0 },
            Action::Back => {
                self.screen = Screen::Start { selected: 0 };
                return Some(Effect::Refresh);
            }
            _ => {}
        }
        None
    }

    /// Records `input` as the answer to the current question and moves on.
    pub(super) fn record(&mut self, input: &str, now: Timestamp) -> Option<Effect> {
        let session = self.session.as_mut()?;
        let question = session.question(session.at);
        match parse_input(question, input) {
            Ok(value) => {
                session.set_value(value, now);
                if let Screen::Question { scroll, .. } = &mut self.screen {
                    *scroll = 0;
                }
                if !session.forward() {
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
}
