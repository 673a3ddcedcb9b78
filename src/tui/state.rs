//! The interface as plain data, and `update`: what each action does to it. No I/O here: the
//! shell performs the returned [`Effect`] and reports back with another [`Action`].

use std::sync::Arc;

use jiff::Timestamp;
use ratatui::crossterm::event::KeyCode;
use ratatui_textarea::{TextArea, WrapMode};

use super::action::{Action, Effect, Word};
use super::keymap::Context;
use super::saved::SavedAssessment;
use super::session::Session;
use super::theme::Theme;
use crate::assessment::{Header, Mode, parse_input};
use crate::checklist::{Checklist, Kind};
use crate::score::QuestionRef;

/// The longest text a form field takes.
const FIELD_LIMIT: usize = 200;
/// How many lines the question details scroll per key.
const SCROLL_STEP: u16 = 3;

#[derive(Debug, Clone)]
pub enum Screen {
    Start {
        selected: usize,
    },
    Details(Form),
    Picker(Form),
    Question {
        scroll: u16,
        editor: Option<Box<Editor>>,
    },
    Summary {
        selected: usize,
    },
}

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

    fn step(self, forward: bool) -> Self {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    Note,
    Evidence,
    /// The typed answer of a text or number question.
    Value,
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub target: EditTarget,
    pub area: TextArea<'static>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    /// The comparison with the previous visit, scrolled to `scroll`.
    Compare {
        comparison: Box<crate::report::compare::Comparison>,
        scroll: usize,
    },
    Topics {
        selected: usize,
    },
    Search {
        query: String,
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
    pub saved: Vec<SavedAssessment>,
    pub last_assessor: String,
    pub session: Option<Session>,
    pub message: Option<Message>,
    pub theme: Theme,
}

impl State {
    pub fn new(
        checklists: Vec<Arc<Checklist>>,
        skipped: Vec<String>,
        last_assessor: String,
        theme: Theme,
    ) -> Self {
        Self {
            screen: Screen::Start { selected: 0 },
            overlay: None,
            checklists,
            skipped,
            saved: Vec::new(),
            last_assessor,
            session: None,
            message: None,
            theme,
        }
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help) => Context::Help,
            Some(Overlay::Topics { .. }) => Context::Topics,
            Some(Overlay::Search { .. }) => Context::Search,
            Some(Overlay::Compare { .. }) => Context::Compare,
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

    /// Whether answers are waiting to be saved (the shell retries and saves before quitting).
    pub fn unsaved(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.save_error.is_some())
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

    /// The most recently updated unfinished assessment.
    pub fn latest_unfinished(&self) -> Option<&SavedAssessment> {
        self.saved.iter().find(|s| !s.finished)
    }

    /// Applies an action; `now` stamps any answer it records.
    pub fn update(&mut self, action: Action, now: Timestamp) -> Option<Effect> {
        if !matches!(action, Action::Saved | Action::RetrySave) {
            self.message = None;
        }
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::ToggleHelp => {
                self.overlay = if self.overlay == Some(Overlay::Help) {
                    None
                } else {
                    Some(Overlay::Help)
                };
            }
            Action::Saved => {
                if let Some(session) = &mut self.session {
                    session.save_error = None;
                }
                self.info("saved");
            }
            Action::SaveFailed(reason) => {
                if let Some(session) = &mut self.session {
                    session.save_error = Some(reason.clone());
                }
                self.error(format!(
                    "Not saved: {reason}. Your answers are kept and saving is retried."
                ));
            }
            Action::RetrySave => return self.unsaved().then_some(Effect::Save),
            Action::Opened(session) => self.open(*session),
            Action::OpenFailed(reason) | Action::ExportFailed(reason) => self.error(reason),
            Action::Listed(saved) => {
                self.saved = saved;
                if let Screen::Start { selected } = &mut self.screen {
                    *selected = (*selected).min(self.saved.len().saturating_sub(1));
                }
            }
            Action::Compared(comparison) => {
                self.overlay = Some(Overlay::Compare {
                    comparison,
                    scroll: 0,
                });
            }
            Action::CompareFailed(reason) => self.info(reason),
            Action::Exported(path) => self.info(format!("Report written to {}", path.display())),
            action => return self.on_key(&action, now),
        }
        None
    }

    fn open(&mut self, session: Session) {
        self.last_assessor
            .clone_from(&session.assessment.header.assessor);
        let nothing_asked = session.asked().is_empty();
        let kept = session.assessment.kept_answers().len();
        let notice = session
            .assessment
            .changes
            .first()
            .map(crate::report::describe_change);
        self.session = Some(session);
        match (notice, kept) {
            (Some(notice), 0) => self.info(format!("Note: {notice}.")),
            (Some(notice), kept) => self.info(format!(
                "Note: {notice}; {kept} earlier answer(s) are kept in the file but no longer count (the report lists them)."
            )),
            (None, 0) => {}
            (None, kept) => self.info(format!("{kept} earlier answer(s) no longer fit their question; they are kept in the file.")),
        }
        self.overlay = None;
        self.screen = if nothing_asked {
            Screen::Summary { selected: 0 }
        } else {
            Screen::Question {
                scroll: 0,
                editor: None,
            }
        };
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
            None => {}
        }
        match &mut self.screen {
            Screen::Start { .. } => self.on_start(action),
            Screen::Details(_) => self.on_details(action),
            Screen::Picker(_) => self.on_picker(action),
            Screen::Question { .. } => self.on_question(action, now),
            Screen::Summary { .. } => self.on_summary(action, now),
        }
    }

    fn on_start(&mut self, action: &Action) -> Option<Effect> {
        let Screen::Start { selected } = &mut self.screen else {
            return None;
        };
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(self.saved.len().saturating_sub(1)),
            Action::Select => return self.saved.get(*selected).map(|s| Effect::Open(s.path.clone())),
            Action::Resume => match self.latest_unfinished() {
                Some(latest) => return Some(Effect::Open(latest.path.clone())),
                None => self.info("Nothing to continue: every saved assessment is finished. Press n to start one."),
            },
            Action::NewAssessment => {
                if self.checklists.is_empty() {
                    self.error("No checklists could be loaded, so there is nothing to assess.");
                } else {
                    self.screen = Screen::Details(Form {
                        mode: Mode::Audit,
                        fields: [String::new(), String::new(), self.last_assessor.clone()],
                        focus: Field::Organization,
                        topics: vec![true; self.checklists.len()],
                        cursor: 0,
                    });
                }
            }
            _ => {}
        }
        None
    }

    fn on_details(&mut self, action: &Action) -> Option<Effect> {
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
                    self.screen = Screen::Picker(form.clone());
                }
            }
            Action::Back => {
                self.screen = Screen::Start { selected: 0 };
            }
            _ => {}
        }
        None
    }

    fn on_picker(&mut self, action: &Action) -> Option<Effect> {
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
            Action::Back => self.screen = Screen::Details(form.clone()),
            _ => {}
        }
        None
    }

    /// Keys while the note, evidence or answer editor is open.
    fn on_editor(&mut self, action: &Action, now: Timestamp) -> Option<Effect> {
        let Screen::Question {
            editor: Some(open), ..
        } = &mut self.screen
        else {
            return None;
        };
        match action {
            Action::EditorKey(key)
                if open.target == EditTarget::Value && key.code == KeyCode::Enter => {}
            Action::EditorKey(key) => {
                open.area.input(*key);
                return None;
            }
            Action::EditorSave | Action::Back => {}
            _ => return None,
        }
        let target = open.target;
        let text = open.area.lines().join("\n");
        self.close_editor(target, text, now)
    }

    /// Answers the current question with a word, unless its kind cannot take it.
    fn answer_word(&mut self, word: Word, now: Timestamp) -> Option<Effect> {
        let session = self.session.as_ref()?;
        let question = session.question(session.at);
        let refused = match (&question.kind, word) {
            (Kind::Text | Kind::Number, _) => {
                Some("Press Enter to type the answer to this question.".to_owned())
            }
            (Kind::Choice(choices), Word::Yes | Word::Partial | Word::No) => Some(format!(
                "Pick a choice with 1 to {}, or u (don't know).",
                choices.len().min(9)
            )),
            (_, Word::Na) if !question.allow_na => {
                Some("This question cannot be marked not applicable.".to_owned())
            }
            _ => None,
        };
        if let Some(reason) = refused {
            self.error(reason);
            return None;
        }
        self.record(word.stored(), now)
    }

    /// Opens the editor for the current question's note, evidence or typed answer.
    fn open_editor(&mut self, target: EditTarget) -> Option<Effect> {
        let session = self.session.as_ref()?;
        let Screen::Question { editor, .. } = &mut self.screen else {
            return None;
        };
        let answer = session.answer(session.at);
        let text = match target {
            EditTarget::Value
                if !matches!(session.question(session.at).kind, Kind::Text | Kind::Number) =>
            {
                return None;
            }
            EditTarget::Value => session
                .response(session.at)
                .map(|r| r.label())
                .unwrap_or_default(),
            EditTarget::Note => answer.map(|a| a.note.clone()).unwrap_or_default(),
            EditTarget::Evidence => answer.map(|a| a.evidence.clone()).unwrap_or_default(),
        };
        *editor = Some(Box::new(new_editor(target, &text)));
        None
    }

    fn on_question(&mut self, action: &Action, now: Timestamp) -> Option<Effect> {
        if matches!(
            self.screen,
            Screen::Question {
                editor: Some(_),
                ..
            }
        ) {
            return self.on_editor(action, now);
        }
        if let Action::Answer(word) = action {
            return self.answer_word(*word, now);
        }
        let Screen::Question { scroll, .. } = &mut self.screen else {
            return None;
        };
        let session = self.session.as_mut()?;
        let at = session.at;
        let question = session.question(at);
        match action {
            Action::Choose(n) => {
                return match &question.kind {
                    Kind::Choice(choices) if (1..=choices.len()).contains(n) => {
                        self.record(&n.to_string(), now)
                    }
                    Kind::Choice(choices) => {
                        let count = choices.len();
                        self.error(format!("There are {count} choices."));
                        None
                    }
                    _ => None,
                };
            }
            Action::EditValue => return self.open_editor(EditTarget::Value),
            Action::EditNote => return self.open_editor(EditTarget::Note),
            Action::EditEvidence => return self.open_editor(EditTarget::Evidence),
            Action::ToggleFlag => {
                session.edit(now, |a| a.flagged = !a.flagged);
                return Some(Effect::Save);
            }
            Action::ClearAnswer => return session.clear(now).then_some(Effect::Save),
            Action::Next | Action::Prev => {
                let moved = if matches!(action, Action::Next) {
                    session.forward()
                } else {
                    session.back()
                };
                *scroll = 0;
                if !moved {
                    let filter = session.filter;
                    self.info(format!("No more questions this way ({}).", filter.name()));
                }
            }
            Action::NextUnanswered => {
                *scroll = 0;
                if !session.next_unanswered() {
                    self.info("Every question is answered. Press s for the summary.");
                }
            }
            Action::CycleFilter => {
                session.filter = session.filter.following();
                let filter = session.filter;
                self.info(format!("Moving between: {}.", filter.name()));
            }
            Action::ScrollUp => *scroll = scroll.saturating_sub(SCROLL_STEP),
            Action::ScrollDown => *scroll = scroll.saturating_add(SCROLL_STEP),
            Action::OpenTopics => {
                self.overlay = Some(Overlay::Topics {
                    selected: at.checklist,
                });
            }
            Action::OpenSearch => {
                self.overlay = Some(Overlay::Search {
                    query: String::new(),
                    selected: 0,
                });
            }
            Action::OpenSummary => self.screen = Screen::Summary { selected: 0 },
            Action::Back => {
                self.screen = Screen::Start { selected: 0 };
                return Some(Effect::Refresh);
            }
            _ => {}
        }
        None
    }

    /// Records `input` as the answer to the current question and moves on.
    fn record(&mut self, input: &str, now: Timestamp) -> Option<Effect> {
        let session = self.session.as_mut()?;
        let question = session.question(session.at);
        match parse_input(question, input) {
            Ok(value) => {
                session.set_value(value, now);
                if let Screen::Question { scroll, .. } = &mut self.screen {
                    *scroll = 0;
                }
                if !session.forward() {
                    self.info("That was the last question. Press s for the summary.");
                }
                Some(Effect::Save)
            }
            Err(reason) => {
                self.error(reason);
                None
            }
        }
    }

    fn close_editor(&mut self, target: EditTarget, text: String, now: Timestamp) -> Option<Effect> {
        let session = self.session.as_mut()?;
        if let Screen::Question { editor, .. } = &mut self.screen {
            match target {
                EditTarget::Value if text.trim().is_empty() => {
                    *editor = None;
                    return None;
                }
                EditTarget::Value => {
                    let question = session.question(session.at);
                    if let Err(reason) = parse_input(question, &text) {
                        self.error(reason);
                        return None;
                    }
                    *editor = None;
                    return self.record(&text, now);
                }
                EditTarget::Note | EditTarget::Evidence => {
                    *editor = None;
                    let current = session.answer(session.at);
                    let unchanged = match target {
                        EditTarget::Note => current.map_or("", |a| a.note.as_str()) == text,
                        _ => current.map_or("", |a| a.evidence.as_str()) == text,
                    };
                    if unchanged {
                        return None;
                    }
                    session.edit(now, |a| {
                        if target == EditTarget::Note {
                            a.note = text;
                        } else {
                            a.evidence = text;
                        }
                    });
                    return Some(Effect::Save);
                }
            }
        }
        None
    }

    fn on_topics(&mut self, action: &Action) -> Option<Effect> {
        let count = self
            .session
            .as_ref()
            .map_or(0, |s| s.assessment.checklists.len());
        let Some(Overlay::Topics { selected }) = &mut self.overlay else {
            return None;
        };
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(count.saturating_sub(1)),
            Action::Select => {
                let chosen = *selected;
                self.overlay = None;
                let session = self.session.as_mut()?;
                if session.jump_to_topic(chosen) {
                    self.screen = Screen::Question {
                        scroll: 0,
                        editor: None,
                    };
                } else {
                    self.info("No question of this topic is asked in this assessment.");
                }
            }
            Action::Back | Action::OpenTopics => self.overlay = None,
            _ => {}
        }
        None
    }

    fn on_compare(&mut self, action: &Action) {
        let Some(Overlay::Compare { comparison, scroll }) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => {
                *scroll = (*scroll + 1).min(comparison.questions.len().saturating_sub(1));
            }
            Action::Back => self.overlay = None,
            _ => {}
        }
    }

    /// The search hits for the open search popup.
    pub fn search_hits(&self) -> Vec<QuestionRef> {
        match (&self.overlay, &self.session) {
            (Some(Overlay::Search { query, .. }), Some(session)) => session.search(query),
            _ => Vec::new(),
        }
    }

    fn on_search(&mut self, action: &Action) -> Option<Effect> {
        let hits = self.search_hits().len();
        let Some(Overlay::Search { query, selected }) = &mut self.overlay else {
            return None;
        };
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
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(hits.saturating_sub(1)),
            Action::Select => {
                let chosen = *selected;
                if let Some(&at) = self.search_hits().get(chosen) {
                    self.overlay = None;
                    if let Some(session) = &mut self.session {
                        session.jump(at);
                    }
                    self.screen = Screen::Question {
                        scroll: 0,
                        editor: None,
                    };
                }
            }
            Action::Back => self.overlay = None,
            _ => {}
        }
        None
    }

    fn on_summary(&mut self, action: &Action, now: Timestamp) -> Option<Effect> {
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
                session.assessment.finished = !session.assessment.finished;
                session.assessment.updated = now;
                let finished = session.assessment.finished;
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

fn toggled(mode: Mode) -> Mode {
    match mode {
        Mode::Audit => Mode::SelfAssessment,
        Mode::SelfAssessment => Mode::Audit,
    }
}

fn new_editor(target: EditTarget, text: &str) -> Editor {
    let mut area = TextArea::new(text.split('\n').map(str::to_owned).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Editor { target, area }
}
