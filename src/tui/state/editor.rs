//! The note, evidence and typed-answer editor of the question screen.

use jiff::Timestamp;
use ratatui::crossterm::event::KeyCode;
use ratatui_textarea::{TextArea, WrapMode};

use super::{Screen, State};
use crate::assessment::parse_input;
use crate::checklist::Kind;
use crate::tui::action::{Action, Effect};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    Note,
    Evidence,
    /// The typed answer of a text or number question.
    Value,
    /// Why a critical question does not apply: its note, required before "not applicable".
    Reason,
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub target: EditTarget,
    pub area: TextArea<'static>,
}

impl State {
    /// Keys while the note, evidence or answer editor is open.
    pub(super) fn on_editor(&mut self, action: &Action, now: Timestamp) -> Option<Effect> {
        let Screen::Question {
            editor: Some(open), ..
        } = &mut self.screen
        else {
            return None;
        };
        let closing = match action {
            Action::EditorKey(key)
                if open.target == EditTarget::Value && key.code == KeyCode::Enter =>
            {
                Closing::Enter
            }
            // As in a shell: Ctrl-U erases to the start of the line, Ctrl-Z undoes.
            Action::EditorKey(key) if is_ctrl(key, 'u') => {
                open.area.delete_line_by_head();
                return None;
            }
            Action::EditorKey(key) if is_ctrl(key, 'z') => {
                open.area.undo();
                return None;
            }
            Action::EditorKey(key) => {
                open.area.input(*key);
                return None;
            }
            Action::EditorSave | Action::Back => Closing::Esc,
            _ => return None,
        };
        let target = open.target;
        let text = open.area.lines().join("\n");
        self.close_editor(target, text, closing, now)
    }

    /// Opens the editor for the current question's note, evidence or typed answer.
    pub(super) fn open_editor(&mut self, target: EditTarget) -> Option<Effect> {
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
            EditTarget::Note | EditTarget::Reason => {
                answer.map(|a| a.note.clone()).unwrap_or_default()
            }
            EditTarget::Evidence => answer.map(|a| a.evidence.clone()).unwrap_or_default(),
        };
        *editor = Some(Box::new(new_editor(target, &text)));
        None
    }

    pub(super) fn close_editor(
        &mut self,
        target: EditTarget,
        text: String,
        closing: Closing,
        now: Timestamp,
    ) -> Option<Effect> {
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
                        // Enter asks for a fix; Esc always gets out, leaving the answer as it was.
                        if closing == Closing::Esc {
                            *editor = None;
                            self.error(format!("{reason}: the answer was left as it was."));
                        } else {
                            self.error(format!(
                                "{reason}. Fix it, or Esc to leave the answer as it was."
                            ));
                        }
                        return None;
                    }
                    *editor = None;
                    return self.record(&text, now);
                }
                EditTarget::Reason => {
                    *editor = None;
                    if text.trim().is_empty() {
                        self.error(
                            "Not recorded: a critical question is marked not applicable only with the reason why.",
                        );
                        return None;
                    }
                    session.edit(now, |a| a.note = text);
                    return self.record("na", now);
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
}

/// How the editor is being closed: a typed answer that does not fit keeps the editor open on
/// Enter, and is dropped on Esc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Closing {
    Enter,
    Esc,
}

fn is_ctrl(key: &ratatui::crossterm::event::KeyEvent, letter: char) -> bool {
    key.code == KeyCode::Char(letter)
        && key
            .modifiers
            .contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
}

fn new_editor(target: EditTarget, text: &str) -> Editor {
    let mut area = TextArea::new(text.split('\n').map(str::to_owned).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Editor { target, area }
}
