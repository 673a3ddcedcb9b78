//! The summary screen: score, what to fix first, export, compare, finish.

use jiff::Timestamp;

use super::{Screen, State};
use crate::tui::action::{Action, Effect};

impl State {
    pub(super) fn on_summary(&mut self, action: &Action, now: Timestamp) -> Option<Effect> {
        let fixes = self.session.as_ref().map_or(&[][..], |s| s.fixes());
        let count = fixes.len();
        let Screen::Summary { selected } = &mut self.screen else {
            return None;
        };
        let target = fixes.get(*selected).map(|f| f.at);
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(count.saturating_sub(1)),
            Action::Select => {
                if let (Some(at), Some(session)) = (target, &mut self.session)
                    && session.jump(at)
                {
                    self.screen = Screen::Question {
                        scroll: 0,
                        editor: None,
                    };
                }
            }
            Action::Export(format) => return Some(Effect::Export(*format)),
            Action::Compare => return Some(Effect::Compare),
            Action::ToggleFinished => {
                let session = self.session.as_mut()?;
                let finished = !session.assessment.finished;
                session.assessment.set_finished(finished, now);
                self.info(if finished {
                    "Marked finished."
                } else {
                    "Reopened."
                });
                return Some(Effect::Save);
            }
            Action::OpenQuestions | Action::Back => {
                if self.session.as_ref().is_some_and(|s| !s.asked().is_empty()) {
                    self.screen = Screen::Question {
                        scroll: 0,
                        editor: None,
                    };
                } else {
                    self.screen = Screen::Start { selected: 0 };
                    return Some(Effect::Refresh);
                }
            }
            _ => {}
        }
        None
    }
}
