//! The summary screen: score, what to fix first, export, compare, finish.

use super::{Confirm, Overlay, Screen, State, moved};
use crate::tui::action::{Action, Effect};

impl State {
    pub(super) fn on_summary(&mut self, action: &Action) -> Option<Effect> {
        let fixes = self.session.as_ref().map_or(&[][..], |s| s.fixes());
        let count = fixes.len();
        let Screen::Summary { selected } = &mut self.screen else {
            return None;
        };
        let target = fixes.get(*selected).map(|f| f.waits_for.unwrap_or(f.at));
        if let Some(to) = moved(*selected, count, action) {
            *selected = to;
            return None;
        }
        match action {
            Action::Select => {
                if let (Some(at), Some(session)) = (target, &mut self.session)
                    && session.jump(at)
                {
                    self.go(Self::questions());
                }
            }
            Action::EditAction => return self.edit_action(),
            Action::OpenTopics => {
                self.overlay = Some(Overlay::Topics {
                    selected: 0,
                    filter: String::new(),
                });
            }
            Action::Export(format) => return Some(Effect::Export(*format)),
            Action::ExportPdf => return Some(Effect::ExportPdf),
            Action::Compare => return Some(Effect::Compare),
            Action::ToggleFinished => {
                let session = self.session.as_ref()?;
                let coverage = session.card.counts.coverage().unwrap_or(1.0);
                self.overlay = Some(Overlay::Confirm(if session.assessment.finished {
                    Confirm::Reopen
                } else {
                    Confirm::Finish { coverage }
                }));
            }
            Action::Reopen => return self.ask_to_reopen(),
            Action::OpenQuestions
                if self.session.as_ref().is_some_and(|s| !s.asked().is_empty()) =>
            {
                self.go(Self::questions());
            }
            Action::Back => return self.back(),
            _ => {}
        }
        None
    }
}
