//! The new-assessment form and its topic picker.

use super::{FIELD_LIMIT, Screen, State, moved};
use crate::assessment::{Header, Mode};
use crate::tui::action::{Action, Caret, Effect};

/// The new-assessment form and its topic choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub mode: Mode,
    /// Organisation, site, assessor.
    pub fields: [String; 3],
    pub focus: Field,
    /// Where the text cursor is in the focused text field, in characters.
    pub caret: usize,
    /// Which catalog checklists are ticked.
    pub topics: Vec<bool>,
    pub cursor: usize,
    /// The known client picked among those the organisation typed so far matches.
    pub suggestion: Option<usize>,
    /// The person was told the name is close to a known client's, and goes on with it.
    pub new_client_ok: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Mode,
    Organization,
    Site,
    Assessor,
}

impl Field {
    const ORDER: [Field; 4] = [
        Field::Mode,
        Field::Organization,
        Field::Site,
        Field::Assessor,
    ];

    pub(super) fn step(self, forward: bool) -> Self {
        let i = Self::ORDER.iter().position(|f| *f == self).unwrap_or(0);
        let n = Self::ORDER.len();
        Self::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }

    /// Index into `Form::fields`, for the text fields.
    pub fn text_index(self) -> Option<usize> {
        match self {
            Field::Mode => None,
            Field::Organization => Some(0),
            Field::Site => Some(1),
            Field::Assessor => Some(2),
        }
    }
}

impl State {
    pub(super) fn on_details(&mut self, action: &Action) -> Option<Effect> {
        if self.on_suggestions(action) {
            return None;
        }
        let Screen::Details(form) = &mut self.screen else {
            return None;
        };
        match action {
            Action::NextField | Action::PrevField | Action::Down | Action::Up => {
                let forward = matches!(action, Action::NextField | Action::Down);
                form.focus = form.focus.step(forward);
                form.caret = form.text().map_or(0, |t| t.chars().count());
                form.suggestion = None;
            }
            Action::Input(' ') | Action::Caret(_) if form.focus == Field::Mode => {
                form.mode = toggled(form.mode);
            }
            Action::Input('a' | 'A') if form.focus == Field::Mode => form.mode = Mode::Audit,
            Action::Input('s' | 'S') if form.focus == Field::Mode => {
                form.mode = Mode::SelfAssessment;
            }
            Action::Input(_) if form.focus == Field::Mode => {
                self.error("This row is the mode: Space switches audit and self; Tab goes on to the names.");
            }
            Action::Input(c) if !c.is_control() => {
                form.insert(*c);
                form.typed();
            }
            Action::Caret(to) => form.move_caret(*to),
            Action::Erase => {
                form.erase(false);
                form.typed();
            }
            Action::EraseForward => {
                form.erase(true);
                form.typed();
            }
            Action::Select => {
                if form.fields[0].trim().is_empty() {
                    form.focus = Field::Organization;
                    form.caret = 0;
                    self.error("Enter the organisation's name first.");
                } else {
                    let form = form.clone();
                    self.go(Screen::Picker(form));
                }
            }
            Action::Back => return self.back(),
            _ => {}
        }
        None
    }

    pub(super) fn on_picker(&mut self, action: &Action) -> Option<Effect> {
        let Screen::Picker(form) = &mut self.screen else {
            return None;
        };
        if let Some(to) = moved(form.cursor, form.topics.len(), action) {
            form.cursor = to;
            return None;
        }
        match action {
            Action::ToggleTopic => {
                if let Some(ticked) = form.topics.get_mut(form.cursor) {
                    *ticked = !*ticked;
                }
            }
            Action::AllTopics => form.topics.iter_mut().for_each(|t| *t = true),
            Action::NoTopics => form.topics.iter_mut().for_each(|t| *t = false),
            Action::Select => {
                let topics: Vec<String> = self
                    .checklists
                    .iter()
                    .zip(&form.topics)
                    .filter(|(_, ticked)| **ticked)
                    .map(|(c, _)| c.id.clone())
                    .collect();
                if topics.is_empty() {
                    self.error("Tick at least one topic (Space), or press a for all.");
                    return None;
                }
                let [organization, site, assessor] =
                    form.fields.clone().map(|f| f.trim().to_owned());
                return Some(Effect::Create {
                    header: Header {
                        mode: form.mode,
                        organization,
                        site,
                        assessor,
                    },
                    topics,
                });
            }
            // Back to the details with the topics ticked here, not as they were.
            Action::Back => {
                let form = form.clone();
                self.history.pop();
                self.screen = Screen::Details(form);
            }
            _ => {}
        }
        None
    }
}

fn toggled(mode: Mode) -> Mode {
    match mode {
        Mode::Audit => Mode::SelfAssessment,
        Mode::SelfAssessment => Mode::Audit,
    }
}

impl Form {
    /// The focused text field's text, if a text field has focus.
    /// The text changed: any pick among known clients is off.
    fn typed(&mut self) {
        self.suggestion = None;
        self.new_client_ok = false;
    }

    pub fn text(&self) -> Option<&str> {
        self.focus.text_index().map(|i| self.fields[i].as_str())
    }

    /// Inserts `text` at the cursor, as far as the field's limit allows; false when cut.
    pub(super) fn insert_str(&mut self, text: &str) -> bool {
        for c in text.chars() {
            let before = self.caret;
            self.insert(c);
            if self.caret == before {
                return false;
            }
        }
        true
    }

    /// Inserts `c` at the cursor, up to the field's limit.
    fn insert(&mut self, c: char) {
        let caret = self.caret;
        if let Some(field) = self.focus.text_index().map(|i| &mut self.fields[i])
            && field.chars().count() < FIELD_LIMIT
        {
            let at = byte_index(field, caret);
            field.insert(at, c);
            self.caret += 1;
        }
    }

    /// Deletes the character before the cursor (Backspace) or under it (Delete).
    fn erase(&mut self, forward: bool) {
        let caret = self.caret;
        let Some(field) = self.focus.text_index().map(|i| &mut self.fields[i]) else {
            return;
        };
        let target = if forward {
            caret
        } else if caret == 0 {
            return;
        } else {
            caret - 1
        };
        if target < field.chars().count() {
            let at = byte_index(field, target);
            field.remove(at);
            self.caret = target;
        }
    }

    fn move_caret(&mut self, to: Caret) {
        let len = self.text().map_or(0, |t| t.chars().count());
        self.caret = match to {
            Caret::Left => self.caret.saturating_sub(1),
            Caret::Right => (self.caret + 1).min(len),
            Caret::Home => 0,
            Caret::End => len,
        };
    }
}

/// The byte offset of character `chars` in `text` (its end when beyond).
fn byte_index(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}
