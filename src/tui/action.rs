//! Everything that can happen to the interface: what a key asks for, and what the shell reports
//! back after doing I/O.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use super::session::Session;
use crate::assessment::Assessment;
use crate::practice::Visit;
use crate::report::Format;

/// Where the text cursor moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caret {
    Left,
    Right,
    Home,
    End,
}

/// An answer word given by a single key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Yes,
    Partial,
    No,
    Unknown,
    Na,
}

impl Word {
    pub fn stored(self) -> &'static str {
        match self {
            Word::Yes => "yes",
            Word::Partial => "partial",
            Word::No => "no",
            Word::Unknown => "unknown",
            Word::Na => "na",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Action {
    /// Leave posture: a note being typed is kept, and answers not yet saved are saved first.
    Quit,
    /// Try again to save the answers that could not be saved, then leave.
    TrySaveAgain,
    /// Leave without the answers that could not be saved.
    QuitAnyway,
    /// Write the answers that could not be saved to a recovery copy elsewhere, then leave.
    WriteRecovery,
    /// Text pasted into the terminal, whole.
    Paste(String),
    /// Go back one step: close a popup, leave an editor, return to the previous screen.
    Back,
    /// Show or hide the key help.
    ToggleHelp,
    /// Move the selection or scroll up.
    Up,
    /// Move the selection or scroll down.
    Down,
    /// The first item of the list.
    First,
    /// The last item of the list.
    Last,
    /// A page up in the list.
    PageUp,
    /// A page down in the list.
    PageDown,
    /// Confirm the selection.
    Select,
    /// Start a new assessment.
    NewAssessment,
    /// Reopen the most recent unfinished assessment.
    Resume,
    /// Move the text cursor in the focused field (on the mode field: switch the mode).
    Caret(Caret),
    /// Delete the character under the text cursor.
    EraseForward,
    /// Move to the next form field.
    NextField,
    /// Move to the previous form field.
    PrevField,
    /// Type a character into the focused text field.
    Input(char),
    /// Delete the character before the cursor in the focused text field.
    Erase,
    /// Tick or untick the selected topic.
    ToggleTopic,
    /// Tick every topic.
    AllTopics,
    /// Untick every topic.
    NoTopics,
    /// Answer the current question with a word.
    Answer(Word),
    /// Answer the current choice question with its Nth choice (1-based).
    Choose(usize),
    /// Type the answer of a text or number question.
    EditValue,
    /// Edit the note of the current question.
    EditNote,
    /// Edit the evidence of the current question.
    EditEvidence,
    /// A key for the open multi-line editor.
    EditorKey(KeyEvent),
    /// Keep what the editor holds and close it.
    EditorSave,
    /// Flag the current question for review, or unflag it.
    ToggleFlag,
    /// Remove the answer to the current question.
    ClearAnswer,
    /// Keep the answer carried over from the last visit: it is re-verified on this one.
    ConfirmCarried,
    /// Mark the current question's note and flag internal (never in a client's report), or
    /// not.
    ToggleInternal,
    /// The next question.
    Next,
    /// The previous question.
    Prev,
    /// The next unanswered question.
    NextUnanswered,
    /// Cycle the question filter: all, unanswered, flagged, with notes, not yes.
    CycleFilter,
    /// Jump to a topic.
    OpenTopics,
    /// Search the questions.
    OpenSearch,
    /// Show the summary.
    OpenSummary,
    /// Show the question screen.
    OpenQuestions,
    /// Scroll the question details.
    ScrollUp,
    /// Scroll the question details.
    ScrollDown,
    /// Export the report.
    Export(Format),
    /// Export the typeset PDF report.
    ExportPdf,
    /// Mark the assessment finished, or reopen it.
    ToggleFinished,
    /// Open a finished assessment for changes again (after a confirmation).
    Reopen,
    /// Yes, to the question the popup asks.
    Confirm,
    /// Compare with the previous assessment of the same organisation and site.
    Compare,
    /// The shell compared the open assessment with an earlier one.
    Compared(Box<crate::report::compare::Comparison>),
    /// There is nothing to compare with, or it could not be read.
    CompareFailed(String),
    /// The retry timer fired while a save is outstanding.
    RetrySave,
    /// The shell saved the assessment; the file now holds this (this writer's changes merged
    /// with any another writer made).
    Saved(Box<Assessment>),
    /// Another writer changed the file; it now holds this.
    Reloaded(Box<Assessment>),
    /// The file changed but could not be read again.
    ReloadFailed(String),
    /// The shell wrote a recovery copy here.
    RecoveryWritten(PathBuf),
    /// The shell could not write a recovery copy anywhere.
    RecoveryFailed(String),
    /// The shell could not save; the answers stay in memory and the save is retried.
    SaveFailed(String),
    /// The shell opened or created an assessment.
    Opened(Box<Session>),
    /// The shell could not open or create an assessment.
    OpenFailed(String),
    /// The saved assessments, for the start screen.
    Listed(Vec<Visit>),
    /// The shell changed the saved assessments (archived, deleted, renamed): the list as it is
    /// now, and what to tell the person.
    Housekept { listed: Vec<Visit>, message: String },
    /// Decide who fixes the selected finding, by when, and where it stands.
    EditAction,
    /// The next status of the action being edited.
    CycleStatus,
    /// Switch the start screen between recent visits and clients.
    ToggleStartView,
    /// Start a follow-up visit of the selected client or visit.
    FollowUp,
    /// Archive the selected visit, or bring it back.
    ToggleArchive,
    /// Delete the selected visit (after a confirmation).
    Delete,
    /// Rename the selected client (a popup takes the new names).
    Rename,
    /// The shell wrote a report.
    Exported(PathBuf),
    /// The shell could not write a report.
    ExportFailed(String),
}

impl Action {
    /// Whether the action changes the answers, notes, evidence or flags (refused while an
    /// assessment is finished).
    pub fn changes_answers(&self) -> bool {
        matches!(
            self,
            Action::Answer(_)
                | Action::Choose(_)
                | Action::EditNote
                | Action::EditEvidence
                | Action::ToggleFlag
                | Action::ClearAnswer
                | Action::ConfirmCarried
                | Action::ToggleInternal
        )
    }
}

/// I/O the shell performs for the state; its outcome comes back as an [`Action`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save the open assessment.
    Save,
    /// Create and open a new assessment.
    Create {
        header: crate::assessment::Header,
        topics: Vec<String>,
    },
    /// Open a saved assessment.
    Open(PathBuf),
    /// Write the report of the open assessment.
    Export(Format),
    /// Write the PDF report of the open assessment.
    ExportPdf,
    /// List the saved assessments again.
    Refresh,
    /// Compare the open assessment with the previous one of the same organisation and site.
    Compare,
    /// Write what could not be saved to a recovery copy outside the data folder.
    WriteRecovery,
    /// Create and open a follow-up visit of the assessment at this path.
    FollowUp(PathBuf),
    /// Archive (true) or bring back (false) the assessment at this path.
    Archive { path: PathBuf, archived: bool },
    /// Move the assessment at this path to the trash.
    Delete(PathBuf),
    /// Rename a client (an organisation and site, as a client key matches them) in every visit.
    Rename {
        organization: String,
        site: String,
        to_organization: String,
        to_site: String,
    },
    /// Leave.
    Quit,
}
