//! Popups over a screen: help, jump to a topic, search, and the comparison.

use jiff::Timestamp;

use super::{FIELD_LIMIT, State, moved};
use crate::score::QuestionRef;
use crate::tui::action::{Action, Effect};

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    /// The comparison with the previous visit, scrolled to `scroll`.
    Compare {
        comparison: Box<crate::report::compare::Comparison>,
        scroll: usize,
    },
    /// Jump to a topic: `filter` narrows the list as it is typed.
    Topics {
        selected: usize,
        filter: String,
    },
    Search {
        query: String,
        selected: usize,
    },
    /// Quitting while `unsaved` changes cannot be saved: retry, write a recovery copy, or
    /// leave without them.
    Unsaved {
        unsaved: usize,
        reason: String,
        /// How many times r tried again, so that each try shows.
        tries: usize,
    },
    /// A yes-or-no question before a change of state.
    Confirm(Confirm),
    /// Who fixes the finding of `question`, by when, and where it stands: owner, due date,
    /// reason and review date as typed (`fields`), the status, and the field in `focus` (0–4,
    /// the status being 2).
    ActionEdit {
        question: String,
        fields: [String; 4],
        status: crate::assessment::ActionStatus,
        focus: usize,
    },
    /// New names for a client: `organization` and `site` as they are, the new ones in
    /// `fields` (organisation, site), the field being typed in `focus`.
    Rename {
        organization: String,
        site: String,
        fields: [String; 2],
        focus: usize,
    },
}

/// What a confirmation is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Marking finished an assessment of which `coverage` (0–1) is answered.
    Finish { coverage: f64 },
    /// Opening a finished assessment for changes again.
    Reopen,
    /// Moving a saved assessment (`what`, as a person names it) to the trash.
    Delete {
        path: std::path::PathBuf,
        what: String,
    },
}

impl State {
    /// The topics the topics popup lists: those whose title holds every word typed.
    pub fn topic_hits(&self) -> Vec<usize> {
        let (Some(Overlay::Topics { filter, .. }), Some(session)) = (&self.overlay, &self.session)
        else {
            return Vec::new();
        };
        let words = crate::text::search_words(filter);
        session
            .assessment
            .checklists
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                let names = crate::text::search_key(&format!("{} {}", c.title, c.id));
                words.iter().all(|w| names.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect()
    }

    pub(super) fn on_topics(&mut self, action: &Action) -> Option<Effect> {
        let hits = self.topic_hits();
        let Some(Overlay::Topics { selected, filter }) = &mut self.overlay else {
            return None;
        };
        if let Some(to) = moved(*selected, hits.len(), action) {
            *selected = to;
            return None;
        }
        match action {
            Action::Input(c) => {
                if filter.chars().count() < FIELD_LIMIT {
                    filter.push(*c);
                }
                *selected = 0;
            }
            Action::Erase => {
                filter.pop();
                *selected = 0;
            }
            Action::Select if hits.is_empty() => {
                self.info("No topic has those words in its name: Backspace to change them.");
            }
            Action::Select => {
                let &chosen = hits.get(*selected)?;
                self.overlay = None;
                let session = self.session.as_mut()?;
                if session.jump_to_topic(chosen) {
                    self.screen = Self::questions();
                    self.arrive(None);
                } else {
                    self.info("No question of this topic is asked in this assessment.");
                }
            }
            Action::Back => self.overlay = None,
            _ => {}
        }
        None
    }

    pub(super) fn on_compare(&mut self, action: &Action) {
        let Some(Overlay::Compare { comparison, scroll }) = &mut self.overlay else {
            return;
        };
        if let Some(to) = moved(*scroll, comparison.questions.len(), action) {
            *scroll = to;
        } else if matches!(action, Action::Back) {
            self.overlay = None;
        }
    }

    /// The search hits for the open search popup.
    pub fn search_hits(&self) -> Vec<QuestionRef> {
        match (&self.overlay, &self.session) {
            (Some(Overlay::Search { query, .. }), Some(session)) => session.search(query),
            _ => Vec::new(),
        }
    }

    pub(super) fn on_search(&mut self, action: &Action) -> Option<Effect> {
        let hits = self.search_hits().len();
        let Some(Overlay::Search { query, selected }) = &mut self.overlay else {
            return None;
        };
        if let Some(to) = moved(*selected, hits, action) {
            *selected = to;
            return None;
        }
        match action {
            Action::Input(c) => {
                if query.chars().count() < FIELD_LIMIT {
                    query.push(*c);
                }
                *selected = 0;
            }
            Action::Erase => {
                query.pop();
                *selected = 0;
            }
            Action::Select if hits == 0 => {
                self.info("No question matches: type other words, or Backspace to change them.");
            }
            Action::Select => {
                let chosen = *selected;
                if let Some(&at) = self.search_hits().get(chosen) {
                    self.overlay = None;
                    if let Some(session) = &mut self.session {
                        session.jump(at);
                    }
                    self.screen = Self::questions();
                }
            }
            Action::Back => self.overlay = None,
            _ => {}
        }
        None
    }

    /// Asks before a finished assessment is opened for changes again.
    pub(super) fn ask_to_reopen(&mut self) -> Option<Effect> {
        if self.session.as_ref().is_some_and(|s| s.assessment.finished) {
            self.overlay = Some(Overlay::Confirm(Confirm::Reopen));
        } else {
            self.info("This assessment is not finished: it can be changed as it is.");
        }
        None
    }

    pub(super) fn on_confirm(&mut self, action: &Action, now: Timestamp) -> Option<Effect> {
        let Some(Overlay::Confirm(what)) = self.overlay.clone() else {
            return None;
        };
        match action {
            Action::Confirm => {
                self.overlay = None;
                if let Confirm::Delete { path, .. } = what {
                    return Some(Effect::Delete(path));
                }
                let session = self.session.as_mut()?;
                match what {
                    Confirm::Delete { .. } => {}
                    Confirm::Finish { .. } => {
                        session.assessment.finish(now);
                        self.info("Marked finished: read-only from now on (R reopens it).");
                    }
                    Confirm::Reopen => {
                        session.assessment.reopen(now);
                        self.info("Reopened for changes; the file records when.");
                    }
                }
                Some(Effect::Save)
            }
            Action::Back => {
                self.overlay = None;
                None
            }
            _ => None,
        }
    }

    /// Keys of the rename popup: type the new names, Tab to the other field, Enter renames.
    pub(super) fn on_rename(&mut self, action: &Action) -> Option<Effect> {
        let Some(Overlay::Rename {
            organization,
            site,
            fields,
            focus,
        }) = &mut self.overlay
        else {
            return None;
        };
        match action {
            Action::Input(c) if fields[*focus].chars().count() < FIELD_LIMIT => {
                fields[*focus].push(*c);
            }
            Action::Erase => {
                fields[*focus].pop();
            }
            Action::NextField | Action::PrevField => *focus = 1 - *focus,
            Action::Select if fields[0].trim().is_empty() => {
                self.error("The organisation's name must not be blank.");
            }
            Action::Select => {
                let effect = Effect::Rename {
                    organization: organization.clone(),
                    site: site.clone(),
                    to_organization: fields[0].trim().to_owned(),
                    to_site: fields[1].trim().to_owned(),
                };
                self.overlay = None;
                return Some(effect);
            }
            Action::Back => self.overlay = None,
            _ => {}
        }
        None
    }
}
