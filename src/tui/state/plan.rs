//! Deciding, from the summary, who fixes a finding, by when, and where it stands: the action
//! plan that `posture actions` exports. An accepted risk needs its reason and review date.

use jiff::Timestamp;

use super::{FIELD_LIMIT, Overlay, Screen, State};
use crate::assessment::{ActionStatus, Day, Stamp, Tracking};
use crate::tui::action::{Action, Effect};

/// The status field's place among the popup's fields.
pub const STATUS: usize = 2;

/// Where each typed field goes: owner, due date, (status), reason, review date.
fn text_slot(focus: usize) -> Option<usize> {
    match focus {
        0 => Some(0),
        1 => Some(1),
        3 => Some(2),
        4 => Some(3),
        _ => None,
    }
}

impl State {
    /// Opens the action popup for the finding selected in "fix first".
    pub(super) fn edit_action(&mut self) -> Option<Effect> {
        let Screen::Summary { selected } = self.screen else {
            return None;
        };
        let session = self.session.as_ref()?;
        let Some(fix) = session.fixes().get(selected).filter(|f| !f.unanswered) else {
            self.info("Only an answered finding has an action: choose one that is not \"not answered yet\".");
            return None;
        };
        let checklist = session.checklist(fix.at);
        let question = crate::assessment::Assessment::full_id(checklist, session.question(fix.at));
        let tracking = session.assessment.actions.get(&question);
        let text = |f: fn(&Tracking) -> String| tracking.map(f).unwrap_or_default();
        self.overlay = Some(Overlay::ActionEdit {
            fields: [
                text(|t| t.owner.clone()),
                text(|t| t.due.map(|d| d.to_string()).unwrap_or_default()),
                text(|t| t.reason.clone()),
                text(|t| t.review.map(|d| d.to_string()).unwrap_or_default()),
            ],
            status: tracking.map(|t| t.status).unwrap_or_default(),
            question,
            focus: 0,
        });
        None
    }

    pub(super) fn on_action_edit(&mut self, action: &Action, now: Timestamp) -> Option<Effect> {
        let Some(Overlay::ActionEdit {
            fields,
            status,
            focus,
            ..
        }) = &mut self.overlay
        else {
            return None;
        };
        match action {
            Action::Input(' ') | Action::CycleStatus if *focus == STATUS => {
                let next = ActionStatus::ALL
                    .iter()
                    .position(|s| s == status)
                    .map_or(0, |i| (i + 1) % ActionStatus::ALL.len());
                *status = ActionStatus::ALL[next];
            }
            Action::Input(c) => {
                if let Some(field) = text_slot(*focus).map(|i| &mut fields[i])
                    && field.chars().count() < FIELD_LIMIT
                {
                    field.push(*c);
                }
            }
            Action::Erase => {
                if let Some(i) = text_slot(*focus) {
                    fields[i].pop();
                }
            }
            Action::NextField => *focus = (*focus + 1) % 5,
            Action::PrevField => *focus = (*focus + 4) % 5,
            Action::Select => return self.save_action(now),
            Action::Back => self.overlay = None,
            _ => {}
        }
        None
    }

    /// Checks what the popup holds and records it in the assessment.
    fn save_action(&mut self, now: Timestamp) -> Option<Effect> {
        let Some(Overlay::ActionEdit {
            question,
            fields,
            status,
            ..
        }) = self.overlay.clone()
        else {
            return None;
        };
        let day = |text: &str| {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                Day::parse(text).map(Some)
            }
        };
        let (due, review) = match (day(&fields[1]), day(&fields[3])) {
            (Ok(due), Ok(review)) => (due, review),
            (Err(e), _) | (_, Err(e)) => {
                self.error(e);
                return None;
            }
        };
        if status == ActionStatus::AcceptedRisk && (fields[2].trim().is_empty() || review.is_none())
        {
            self.error("An accepted risk needs its reason and the date it is looked at again.");
            return None;
        }
        let session = self.session.as_mut()?;
        let stamp = Stamp::at(now);
        let id = session.assessment.id.clone();
        let mut tracking = session
            .assessment
            .actions
            .get(&question)
            .cloned()
            .unwrap_or_else(|| Tracking::open(&id, &question, stamp));
        fields[0].trim().clone_into(&mut tracking.owner);
        tracking.due = due;
        tracking.status = status;
        fields[2].trim().clone_into(&mut tracking.reason);
        tracking.review = review;
        tracking.at = stamp;
        session.assessment.actions.insert(question, tracking);
        session.assessment.updated = stamp;
        self.overlay = None;
        self.info(format!("Action saved: {}.", status.name()));
        Some(Effect::Save)
    }
}
