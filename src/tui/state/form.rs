//! The new-assessment form and its topic picker.

use super::{FIELD_LIMIT, Screen, State};
use crate::assessment::{Header, Mode};
use crate::tui::action::{Action, Effect};

/// The new-assessment form and its topic choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub mode: Mode,
    /// Organisation, site, assessor.
    pub fields: [String; 3],
    pub focus: Field,
    /// Which catalog checklists are ticked.
    pub topics: Vec<bool>,
    pub cursor: usize,
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
        let Screen::Details(form) = &mut self.screen else {
            return None;
        };
        match action {
            Action::NextField => form.focus = form.focus.step(true),
            Action::PrevField => form.focus = form.focus.step(false),
            Action::ToggleMode => form.mode = toggled(form.mode),
            Action::Input(' ') if form.focus == Field::Mode => form.mode = toggled(form.mode),
            Action::Input(c) => {
                if let Some(field) = form.focus.text_index().map(|i| &mut form.fields[i])
                    && field.chars().count() < FIELD_LIMIT
                    && !c.is_control()
                {
                    field.push(*c);
                }
            }
            Action::Erase => {
                if let Some(i) = form.focus.text_index() {
                    form.fields[i].pop();
                }
            }
            Action::Select => {
                if form.fields[0].trim().is_empty() {
                    form.focus = Field::Organization;
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
        let last = form.topics.len().saturating_sub(1);
        match action {
            Action::Up => form.cursor = form.cursor.saturating_sub(1),
            Action::Down => form.cursor = (form.cursor + 1).min(last),
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
