//! The interface as plain data, and `update`: what each action does to it. No I/O here: the
//! shell performs the returned [`Effect`] and reports back with another [`Action`]. Each
//! screen's and popup's key handling lives in a file of its own beside this one.

mod editor;
mod form;
mod paste;
mod plan;
mod popups;
mod question;
mod saving;
mod start;
mod suggest;
mod summary;

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;

pub use editor::{EditTarget, Editor};
pub use form::{Field, Form};
pub use popups::{Confirm, Overlay};
pub use saving::{Ending, changes};

use super::action::{Action, Effect};
use super::keymap::Context;
use super::session::Session;
use super::theme::Theme;
use crate::checklist::Checklist;
use crate::config::Advance;
use crate::practice::Visit;

/// How far the page keys move in a list.
const PAGE: usize = 10;

/// The new position in a list of `len` items after a movement key, or `None` for any other
/// action. Every list moves the same way.
fn moved(selected: usize, len: usize, action: &Action) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::First => 0,
        Action::Last => last,
        Action::PageUp => selected.saturating_sub(PAGE),
        Action::PageDown => (selected + PAGE).min(last),
        _ => return None,
    })
}

/// How many screens Esc can go back through (the first, the start screen, always stays).
const HISTORY: usize = 32;
/// The longest text a form field takes.
const FIELD_LIMIT: usize = 200;

#[derive(Debug, Clone)]
pub enum Screen {
    Start {
        selected: usize,
        /// Clients (true) or recent visits (false).
        by_client: bool,
    },
    Details(Form),
    Picker(Form),
    Question {
        scroll: u16,
        editor: Option<Box<Editor>>,
        /// Digits typed toward a choice number above 9, until Enter or a unique number.
        digits: String,
        /// The topic's introduction shows instead of its first question.
        intro: bool,
    },
    Summary {
        selected: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone)]
pub struct State {
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// Every checklist that loaded, in catalog order.
    pub checklists: Vec<Arc<Checklist>>,
    /// One line per checklist file that was skipped, and why.
    pub skipped: Vec<String>,
    /// Saved assessments, most recent first.
    pub saved: Vec<Visit>,
    pub last_assessor: String,
    pub session: Option<Session>,
    pub message: Option<Message>,
    pub theme: Theme,
    /// When the question screen moves on by itself (config.toml).
    pub advance: Advance,
    /// Days after a visit when the client is due the next (config.toml).
    pub reassess_days: u32,
    /// The person's home folder, shown as `~` in paths.
    pub home: Option<PathBuf>,
    /// The screens Esc goes back to, most recent last.
    history: Vec<Screen>,
    /// A quit waits for a save; once it succeeds, posture leaves.
    quitting: bool,
    /// Where the answers that could not be saved were written instead.
    recovery: Option<PathBuf>,
}

impl State {
    pub fn new(
        checklists: Vec<Arc<Checklist>>,
        skipped: Vec<String>,
        last_assessor: String,
        theme: Theme,
    ) -> Self {
        Self {
            screen: Screen::Start {
                selected: 0,
                by_client: false,
            },
            overlay: None,
            checklists,
            skipped,
            saved: Vec::new(),
            last_assessor,
            session: None,
            message: None,
            theme,
            advance: Advance::default(),
            reassess_days: crate::config::DEFAULT_REASSESS_DAYS,
            home: None,
            history: Vec::new(),
            quitting: false,
            recovery: None,
        }
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help) => Context::Help,
            Some(Overlay::Topics { .. }) => Context::Topics,
            Some(Overlay::Search { .. }) => Context::Search,
            Some(Overlay::Compare { .. }) => Context::Compare,
            Some(Overlay::Unsaved { .. }) => Context::Unsaved,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            Some(Overlay::Rename { .. }) => Context::Rename,
            Some(Overlay::ActionEdit { .. }) => Context::ActionEdit,
            None => self.screen_context(),
        }
    }

    /// Where keys go on the screen beneath any popup (what the help explains).
    pub fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Start { .. } => Context::Start,
            Screen::Details(_) => Context::Details,
            Screen::Picker(_) => Context::Picker,
            Screen::Question {
                editor: Some(_), ..
            } => Context::Editor,
            Screen::Question { .. } => Context::Question,
            Screen::Summary { .. } => Context::Summary,
        }
    }

    /// Whether Enter has something to open in the list that has the keys now: false on an
    /// empty list, so the key bar leaves Enter out.
    pub fn can_select(&self) -> bool {
        match self.context() {
            Context::Start => !self.saved.is_empty(),
            Context::Topics => !self.topic_hits().is_empty(),
            Context::Search => !self.search_hits().is_empty(),
            Context::Summary => self.session.as_ref().is_some_and(|s| !s.fixes().is_empty()),
            _ => true,
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Shows `screen`; Esc comes back here, as in a browser. The way back keeps the last
    /// `HISTORY` screens.
    fn go(&mut self, screen: Screen) {
        let kind = std::mem::discriminant(&screen);
        let from = std::mem::replace(&mut self.screen, screen);
        if std::mem::discriminant(&from) != kind {
            if self.history.len() == HISTORY {
                self.history.remove(1);
            }
            self.history.push(from);
        }
    }

    /// Goes back one screen (to the start screen when there is none), listing the saved
    /// assessments again when that is where it lands.
    fn back(&mut self) -> Option<Effect> {
        self.screen = self.history.pop().unwrap_or(Screen::Start {
            selected: 0,
            by_client: false,
        });
        matches!(self.screen, Screen::Start { .. }).then_some(Effect::Refresh)
    }

    /// The question screen, scrolled to the top.
    fn questions() -> Screen {
        Screen::Question {
            scroll: 0,
            editor: None,
            digits: String::new(),
            intro: false,
        }
    }

    /// The most recently updated unfinished assessment that is not archived.
    pub fn latest_unfinished(&self) -> Option<&Visit> {
        self.saved.iter().find(|s| !s.finished && !s.archived)
    }

    /// Applies an action; `now` stamps any answer it records.
    pub fn update(&mut self, action: Action, now: Timestamp) -> Option<Effect> {
        if !matches!(
            action,
            Action::Saved(_) | Action::RetrySave | Action::Reloaded(_)
        ) {
            self.message = None;
        }
        match action {
            Action::Quit => return Some(self.quit(now)),
            Action::Saved(file) => return self.saved(*file),
            Action::SaveFailed(reason) => return self.save_failed(reason),
            Action::RetrySave => return self.unsaved().then_some(Effect::Save),
            Action::Reloaded(file) => self.reloaded(*file),
            Action::ReloadFailed(reason) => {
                self.error(format!(
                    "The file changed on disk but cannot be read: {reason}"
                ));
            }
            Action::RecoveryWritten(copy) => {
                self.recovery = Some(copy);
                return Some(Effect::Quit);
            }
            Action::RecoveryFailed(reason) => {
                self.error(format!("No recovery copy could be written: {reason}"));
            }
            Action::Paste(text) => self.paste(&text),
            Action::ToggleHelp => {
                self.overlay = if self.overlay == Some(Overlay::Help) {
                    None
                } else {
                    Some(Overlay::Help)
                };
            }
            Action::Opened(session) => self.open(*session),
            Action::OpenFailed(reason) | Action::ExportFailed(reason) => self.error(reason),
            Action::Listed(saved) => self.listed(saved),
            Action::Housekept { listed, message } => {
                self.listed(listed);
                self.info(message);
            }
            Action::Compared(comparison) => {
                self.overlay = Some(Overlay::Compare {
                    comparison,
                    scroll: 0,
                });
            }
            Action::CompareFailed(reason) => self.info(reason),
            Action::Exported(path) => self.info(format!(
                "Report written to {}",
                crate::text::short_path(&path, self.home.as_deref(), usize::MAX)
            )),
            action => return self.on_key(&action, now),
        }
        None
    }

    fn open(&mut self, session: Session) {
        self.last_assessor
            .clone_from(&session.assessment.header.assessor);
        let nothing_asked = session.asked().is_empty();
        let carried = session.carried();
        let kept = session.assessment.kept_answers().len();
        let notice = session
            .assessment
            .repairs
            .first()
            .map(ToString::to_string)
            .or_else(|| {
                session
                    .assessment
                    .changes
                    .first()
                    .map(crate::report::describe_change)
            });
        self.session = Some(session);
        match (notice, kept) {
            (Some(notice), 0) => self.info(format!("Note: {notice}.")),
            (Some(notice), kept) => self.info(format!(
                "Note: {notice}; {kept} earlier answer(s) are kept in the file but no longer count (the report lists them)."
            )),
            (None, 0) if carried > 0 => self.info(format!(
                "{} carried over from the last visit: c confirms each, or answer again.",
                crate::text::plural(carried, "answer")
            )),
            (None, 0) => {}
            (None, kept) => self.info(format!("{kept} earlier answer(s) no longer fit their question; they are kept in the file.")),
        }
        self.overlay = None;
        self.history = vec![Screen::Start {
            selected: 0,
            by_client: false,
        }];
        self.screen = if nothing_asked {
            Screen::Summary { selected: 0 }
        } else {
            Self::questions()
        };
        // Straight to the first answer to re-verify, without the topic's introduction.
        if carried == 0 {
            self.arrive(None);
        }
    }

    fn on_key(&mut self, action: &Action, now: Timestamp) -> Option<Effect> {
        match &self.overlay {
            Some(Overlay::Help) => {
                if matches!(action, Action::Back) {
                    self.overlay = None;
                }
                return None;
            }
            Some(Overlay::Topics { .. }) => return self.on_topics(action),
            Some(Overlay::Search { .. }) => return self.on_search(action),
            Some(Overlay::Compare { .. }) => {
                self.on_compare(action);
                return None;
            }
            Some(Overlay::Unsaved { .. }) => return self.on_unsaved(action),
            Some(Overlay::Confirm(_)) => return self.on_confirm(action, now),
            Some(Overlay::Rename { .. }) => return self.on_rename(action),
            Some(Overlay::ActionEdit { .. }) => return self.on_action_edit(action, now),
            None => {}
        }
        match &mut self.screen {
            Screen::Start { .. } => self.on_start(action),
            Screen::Details(_) => self.on_details(action),
            Screen::Picker(_) => self.on_picker(action),
            Screen::Question { .. } => self.on_question(action, now),
            Screen::Summary { .. } => self.on_summary(action),
        }
    }
}
