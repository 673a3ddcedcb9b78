//! The start screen: continue, open or begin an assessment.

use super::{Field, Form, Screen, State, moved};
use crate::assessment::Mode;
use crate::tui::action::{Action, Effect};

impl State {
    pub(super) fn on_start(&mut self, action: &Action) -> Option<Effect> {
        let Screen::Start { selected } = &mut self.screen else {
            return None;
        };
        if let Some(to) = moved(*selected, self.saved.len(), action) {
            *selected = to;
            return None;
        }
        match action {
            Action::Select if self.saved.is_empty() => {
                self.info("There are no saved assessments yet. Press n to start one.");
            }
            Action::Select => return self.saved.get(*selected).map(|s| Effect::Open(s.path.clone())),
            Action::Resume => match self.latest_unfinished() {
                Some(latest) => return Some(Effect::Open(latest.path.clone())),
                None if self.saved.is_empty() => {
                    self.info("There are no saved assessments yet. Press n to start one.");
                }
                None => self.info("Nothing to continue: every saved assessment is finished. Press n to start one."),
            },
            Action::NewAssessment => {
                if self.checklists.is_empty() {
                    self.error("No checklists could be loaded, so there is nothing to assess.");
                } else {
                    self.go(Screen::Details(Form {
                        mode: Mode::Audit,
                        fields: [String::new(), String::new(), self.last_assessor.clone()],
                        focus: Field::Organization,
                        caret: 0,
                        topics: vec![true; self.checklists.len()],
                        cursor: 0,
                    }));
                }
            }
            _ => {}
        }
        None
    }
}
