//! The start screen: continue, open or begin an assessment; recent visits or clients; follow-up
//! visits; archive, delete and rename.

use super::{Confirm, Field, Form, Overlay, Screen, State, moved};
use crate::assessment::Mode;
use crate::practice::{self, Client, Visit};
use crate::tui::action::{Action, Effect};

impl State {
    /// The clients of the saved visits that are not archived, by name.
    pub fn clients(&self) -> Vec<Client> {
        practice::clients(self.saved.iter().filter(|v| !v.archived).cloned().collect())
    }

    /// How many rows the start screen's list has in its current view.
    fn start_len(&self, by_client: bool) -> usize {
        if by_client {
            self.clients().len()
        } else {
            self.saved.len()
        }
    }

    /// The visit the selected row stands for: the visit itself, or the client's latest.
    pub fn start_target(&self) -> Option<Visit> {
        let Screen::Start {
            selected,
            by_client,
        } = self.screen
        else {
            return None;
        };
        if by_client {
            self.clients()
                .get(selected)
                .map(|client| client.latest().clone())
        } else {
            self.saved.get(selected).cloned()
        }
    }

    /// Takes the saved visits as they are now, keeping the selection in the list.
    pub(super) fn listed(&mut self, saved: Vec<Visit>) {
        self.saved = saved;
        if let Screen::Start {
            by_client,
            selected,
        } = self.screen
        {
            let last = self.start_len(by_client).saturating_sub(1);
            if let Screen::Start { selected: s, .. } = &mut self.screen {
                *s = selected.min(last);
            }
        }
    }

    pub(super) fn on_start(&mut self, action: &Action) -> Option<Effect> {
        let Screen::Start {
            selected,
            by_client,
        } = self.screen
        else {
            return None;
        };
        if let Some(to) = moved(selected, self.start_len(by_client), action) {
            if let Screen::Start { selected, .. } = &mut self.screen {
                *selected = to;
            }
            return None;
        }
        let target = self.start_target();
        let nothing = || "There are no saved assessments yet. Press n to start one.";
        match action {
            Action::Select => match target {
                Some(visit) => return Some(Effect::Open(visit.path)),
                None => self.info(nothing()),
            },
            Action::ToggleStartView => {
                self.screen = Screen::Start {
                    selected: 0,
                    by_client: !by_client,
                };
            }
            Action::FollowUp => match target {
                Some(visit) => return Some(Effect::FollowUp(visit.path)),
                None => self.info(nothing()),
            },
            Action::ToggleArchive => match target {
                Some(visit) => {
                    return Some(Effect::Archive {
                        path: visit.path,
                        archived: !visit.archived,
                    });
                }
                None => self.info(nothing()),
            },
            Action::Delete => match target {
                Some(visit) => {
                    self.overlay = Some(Overlay::Confirm(Confirm::Delete {
                        what: format!(
                            "{} on {}",
                            crate::text::org_and_site(&visit.organization, &visit.site),
                            visit.day
                        ),
                        path: visit.path,
                    }));
                }
                None => self.info(nothing()),
            },
            Action::Rename => match target {
                Some(visit) => {
                    self.overlay = Some(Overlay::Rename {
                        fields: [visit.organization.clone(), visit.site.clone()],
                        organization: visit.organization,
                        site: visit.site,
                        focus: 0,
                    });
                }
                None => self.info(nothing()),
            },
            Action::Resume => match self.latest_unfinished() {
                Some(latest) => return Some(Effect::Open(latest.path.clone())),
                None if self.saved.is_empty() => self.info(nothing()),
                None => self.info(
                    "Nothing to continue: every saved assessment is finished. Press n to start one.",
                ),
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
                        suggestion: None,
                        new_client_ok: false,
                    }));
                }
            }
            _ => {}
        }
        None
    }
}
