//! Saving and leaving: what the file took, what another writer changed, and a quit that never
//! claims a save that did not happen.

use std::path::PathBuf;

use jiff::Timestamp;

use super::{Overlay, Screen, State};
use crate::assessment::Assessment;
use crate::tui::action::{Action, Effect};

/// How a session ended, for the words printed once the terminal is restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Everything answered is in the file (`None`: no assessment was open).
    Saved(Option<PathBuf>),
    /// The file could not take `unsaved` changes; a recovery copy holds them.
    Recovered {
        path: PathBuf,
        copy: PathBuf,
        unsaved: usize,
    },
    /// The person left without `unsaved` changes that could not be saved.
    Lost {
        path: PathBuf,
        unsaved: usize,
        reason: String,
    },
}

impl Ending {
    /// What to tell the person once the terminal is restored (empty when nothing was open).
    pub fn message(&self) -> String {
        match self {
            Ending::Saved(None) => String::new(),
            Ending::Saved(Some(path)) => format!("Your answers are saved in {}", path.display()),
            Ending::Recovered {
                path,
                copy,
                unsaved,
            } => format!(
                "{} could NOT be saved to {}.\nThey are in a recovery copy: {}\nPut them back once the folder takes writes again: posture recover '{}'",
                changes(*unsaved),
                path.display(),
                copy.display(),
                copy.display()
            ),
            Ending::Lost {
                path,
                unsaved,
                reason,
            } => format!(
                "{} NOT saved to {}: {reason}",
                changes(*unsaved),
                path.display()
            ),
        }
    }

    /// 0 when everything is saved, 1 when anything is not in the assessment file.
    pub fn exit_code(&self) -> i32 {
        i32::from(!matches!(self, Ending::Saved(_)))
    }
}

/// "1 change", "3 changes".
pub fn changes(n: usize) -> String {
    format!("{n} change{}", if n == 1 { "" } else { "s" })
}

impl State {
    /// Whether a save failed and changes wait in memory (the shell retries them).
    pub fn unsaved(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.save_error.is_some())
    }

    /// Closes an open editor keeping its text, as Esc does: a note being typed is never lost.
    pub fn keep_typing(&mut self, now: Timestamp) -> Option<Effect> {
        match &self.screen {
            Screen::Question {
                editor: Some(_), ..
            } => self.on_question(&Action::EditorSave, now),
            _ => None,
        }
    }

    /// How the session ends, if it ends now.
    pub fn ending(&self) -> Ending {
        let Some(session) = &self.session else {
            return Ending::Saved(None);
        };
        let path = session.path.clone();
        match (session.unsaved_changes(), &self.recovery) {
            (0, _) => Ending::Saved(Some(path)),
            (unsaved, Some(copy)) => Ending::Recovered {
                path,
                copy: copy.clone(),
                unsaved,
            },
            (unsaved, None) => Ending::Lost {
                path,
                unsaved,
                reason: session.save_error.clone().unwrap_or_default(),
            },
        }
    }

    /// Another writer changed the file: show what it holds now.
    pub(super) fn reloaded(&mut self, file: Assessment) {
        let Some(session) = &mut self.session else {
            return;
        };
        let changed = session.accept(file);
        if changed > 0 {
            self.info(format!(
                "{changed} answer(s) were changed in another window or by another person: shown here now."
            ));
        }
    }

    /// Leaves once everything is saved: a note being typed is kept first, and answers that
    /// are not saved yet are saved; when that fails the person chooses what happens.
    pub(super) fn quit(&mut self, now: Timestamp) -> Effect {
        let _ = self.keep_typing(now);
        if self
            .session
            .as_ref()
            .is_some_and(|s| s.unsaved_changes() > 0)
        {
            self.quitting = true;
            return Effect::Save;
        }
        Effect::Quit
    }

    pub(super) fn saved(&mut self, file: Assessment) -> Option<Effect> {
        let session = self.session.as_mut()?;
        let changed = session.accept(file);
        session.save_error = None;
        if std::mem::take(&mut self.quitting)
            || matches!(self.overlay, Some(Overlay::Unsaved { .. }))
        {
            self.overlay = None;
            return Some(Effect::Quit);
        }
        if changed > 0 {
            self.info(format!(
                "saved · {changed} answer(s) given elsewhere meanwhile are shown here too"
            ));
        } else if self
            .message
            .as_ref()
            .is_none_or(|m| !super::question::sticks_after_save(&m.text))
        {
            self.info("saved");
        }
        None
    }

    pub(super) fn save_failed(&mut self, reason: String) -> Option<Effect> {
        let session = self.session.as_mut()?;
        session.save_error = Some(reason.clone());
        let unsaved = session.unsaved_changes();
        if std::mem::take(&mut self.quitting) {
            let tries = match &self.overlay {
                Some(Overlay::Unsaved { tries, .. }) => tries + 1,
                _ => 0,
            };
            if tries > 0 {
                self.error(if tries == 1 {
                    "Tried again: still not saved.".to_owned()
                } else {
                    format!("Tried again ({tries} times): still not saved.")
                });
            }
            self.overlay = Some(Overlay::Unsaved {
                unsaved,
                reason,
                tries,
            });
        } else {
            self.error(format!(
                "NOT SAVED ({reason}): {} kept here, retrying.",
                changes(unsaved)
            ));
        }
        None
    }

    /// Keys of the dialog shown when quitting while changes cannot be saved.
    pub(super) fn on_unsaved(&mut self, action: &Action) -> Option<Effect> {
        match action {
            Action::TrySaveAgain => {
                self.quitting = true;
                Some(Effect::Save)
            }
            Action::WriteRecovery => Some(Effect::WriteRecovery),
            Action::QuitAnyway => Some(Effect::Quit),
            Action::Back => {
                self.overlay = None;
                None
            }
            _ => None,
        }
    }
}
