//! The one key table: it turns keys into actions, and it is also what the help overlay and the
//! key bar show, so what the screen says and what the keys do never drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Caret, Word};
use crate::report::Format;

/// Where the keyboard is: each screen, popup and text field reads keys differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Start,
    /// The new-assessment form.
    Details,
    /// Choosing the topics of a new assessment.
    Picker,
    Question,
    /// The note, evidence or answer editor.
    Editor,
    Search,
    /// The jump-to-topic popup.
    Topics,
    Summary,
    /// The comparison with the previous visit.
    Compare,
    Help,
    /// Quitting while changes cannot be saved.
    Unsaved,
    /// A yes-or-no question before a change of state.
    Confirm,
    /// New names for a client.
    Rename,
    /// Who fixes a finding, by when, and where it stands.
    ActionEdit,
}

impl Context {
    /// Contexts where letters are typed into a field rather than used as commands.
    fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Details
                | Context::Search
                | Context::Topics
                | Context::Rename
                | Context::ActionEdit
        )
    }
}

/// A key, or a family of keys, that a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
    /// 0 to 9.
    Digit,
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match (self, event.code) {
            (Key::Ctrl(c), KeyCode::Char(got)) => ctrl && got.eq_ignore_ascii_case(&c),
            (Key::Char(c), KeyCode::Char(got)) => !ctrl && got == c,
            (Key::Digit, KeyCode::Char(got)) => !ctrl && got.is_ascii_digit(),
            (Key::Code(code), got) => !ctrl && code == got,
            _ => false,
        }
    }
}

/// One line of the key table.
#[derive(Debug)]
pub struct Binding {
    pub contexts: &'static [Context],
    pub keys: &'static [Key],
    /// How the keys are written on screen; empty when another line of the table already
    /// shows them (`y/p/n` covers the `p` and `n` lines).
    pub label: &'static str,
    /// What they do, in a few words.
    pub help: &'static str,
    pub action: Action,
    /// Shown in the key bar at the bottom of the screen (the rest are in the help).
    pub in_bar: bool,
}

use Context as C;
use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Lists moved with letters (j, k, g, G) as well as keys.
const LISTS: &[Context] = &[C::Start, C::Picker, C::Summary, C::Compare];
/// Every list, those that take typed text included.
const ALL_LISTS: &[Context] = &[
    C::Start,
    C::Picker,
    C::Summary,
    C::Compare,
    C::Search,
    C::Topics,
];
const COMMANDS: &[Context] = &[C::Start, C::Picker, C::Question, C::Summary];

macro_rules! bind {
    ($contexts:expr, [$($key:expr),+], $label:literal, $help:literal, $action:expr, $bar:literal) => {
        Binding { contexts: $contexts, keys: &[$($key),+], label: $label, help: $help, action: $action, in_bar: $bar }
    };
}

/// Every key posture understands, in the order the help lists them.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind!(&[C::Question], [Key::Char('y')], "y/p/n", "answer yes, partly, no", Action::Answer(Word::Yes), true),
    bind!(&[C::Question], [Key::Char('p')], "", "", Action::Answer(Word::Partial), false),
    bind!(&[C::Question], [Key::Char('n')], "", "", Action::Answer(Word::No), false),
    bind!(&[C::Question], [Key::Char('u')], "u/x", "don't know, not applicable", Action::Answer(Word::Unknown), true),
    bind!(&[C::Question], [Key::Char('x')], "", "", Action::Answer(Word::Na), false),
    bind!(&[C::Question], [Key::Digit], "1-9", "pick a choice (beyond 9: type its number, Enter)", Action::Choose(0), false),
    bind!(&[C::Question], [Key::Code(Enter)], "Enter", "type a text or number answer; else next question", Action::EditValue, false),
    bind!(&[C::Question], [Key::Code(Right), Key::Char('l')], "→/l", "next question", Action::Next, false),
    bind!(&[C::Question], [Key::Code(Left), Key::Char('h')], "←/h", "previous question", Action::Prev, false),
    bind!(&[C::Question], [Key::Code(Tab)], "Tab", "next unanswered question", Action::NextUnanswered, false),
    bind!(&[C::Question], [Key::Char('e')], "e", "note", Action::EditNote, true),
    bind!(&[C::Question], [Key::Char('v')], "v", "evidence", Action::EditEvidence, false),
    bind!(&[C::Question], [Key::Char('f')], "f", "flag for review", Action::ToggleFlag, false),
    bind!(&[C::Question], [Key::Code(Delete)], "Del", "clear the answer", Action::ClearAnswer, false),
    bind!(&[C::Question], [Key::Char('c')], "c", "confirm an answer carried over from the last visit", Action::ConfirmCarried, false),
    bind!(&[C::Question], [Key::Char('i')], "i", "note and flag internal (never in a client report), or not", Action::ToggleInternal, false),
    bind!(&[C::Question, C::Summary], [Key::Char('t')], "t", "topics", Action::OpenTopics, false),
    bind!(&[C::Question], [Key::Char('s')], "s", "summary", Action::OpenSummary, true),
    bind!(&[C::Question], [Key::Char('/')], "/", "search", Action::OpenSearch, true),
    bind!(&[C::Question], [Key::Char('F')], "F", "filter: unanswered, flagged, notes, not yes", Action::CycleFilter, false),
    bind!(&[C::Question], [Key::Code(Up), Key::Char('k')], "↑/k", "scroll up", Action::ScrollUp, false),
    bind!(&[C::Question], [Key::Code(Down), Key::Char('j')], "↓/j", "scroll down", Action::ScrollDown, false),
    bind!(&[C::Start], [Key::Char('c')], "c", "continue the latest", Action::Resume, true),
    bind!(&[C::Start], [Key::Char('n')], "n", "new assessment", Action::NewAssessment, true),
    bind!(&[C::Start], [Key::Code(Enter)], "Enter", "open", Action::Select, true),
    bind!(&[C::Start], [Key::Code(Tab)], "Tab", "clients or recent visits", Action::ToggleStartView, true),
    bind!(&[C::Start], [Key::Char('f')], "f", "follow-up visit: carry the answers over to re-verify", Action::FollowUp, true),
    bind!(&[C::Start], [Key::Char('A')], "A", "archive, or bring back", Action::ToggleArchive, false),
    bind!(&[C::Start], [Key::Char('D')], "D", "delete (to the trash, after asking)", Action::Delete, false),
    bind!(&[C::Start], [Key::Char('r')], "r", "rename the client", Action::Rename, false),
    bind!(&[C::Rename], [Key::Code(Tab), Key::Code(Down), Key::Code(Up)], "Tab", "organisation or site", Action::NextField, true),
    bind!(&[C::Rename], [Key::Code(Enter)], "Enter", "rename", Action::Select, true),
    bind!(&[C::Rename], [Key::Code(Esc)], "Esc", "cancel", Action::Back, true),
    bind!(&[C::Details], [Key::Code(Tab)], "Tab/↓", "next field; ↓/↑ also pick a known client", Action::NextField, true),
    bind!(&[C::Details], [Key::Code(Down)], "", "", Action::Down, false),
    bind!(&[C::Details], [Key::Code(BackTab)], "S-Tab/↑", "previous field", Action::PrevField, false),
    bind!(&[C::Details], [Key::Code(Up)], "", "", Action::Up, false),
    bind!(&[C::Details], [Key::Code(Left)], "←/→", "move in the text; on Mode, audit or self", Action::Caret(Caret::Left), false),
    bind!(&[C::Details], [Key::Code(Right)], "", "", Action::Caret(Caret::Right), false),
    bind!(&[C::Details], [Key::Code(Home)], "Home/End", "start or end of the text", Action::Caret(Caret::Home), false),
    bind!(&[C::Details], [Key::Code(End)], "", "", Action::Caret(Caret::End), false),
    bind!(&[C::Details], [Key::Code(Delete)], "Del", "delete the character under the cursor", Action::EraseForward, false),
    bind!(&[C::Details], [Key::Code(Enter)], "Enter", "choose topics", Action::Select, true),
    bind!(&[C::Details, C::Search, C::Topics, C::Rename, C::ActionEdit], [Key::Code(Backspace)], "Bksp", "delete a character", Action::Erase, false),
    bind!(&[C::Picker], [Key::Char(' ')], "Space", "tick or untick", Action::ToggleTopic, true),
    bind!(&[C::Picker], [Key::Char('a')], "a", "all", Action::AllTopics, true),
    bind!(&[C::Picker], [Key::Char('n')], "n", "none", Action::NoTopics, true),
    bind!(&[C::Picker], [Key::Code(Enter)], "Enter", "start", Action::Select, true),
    bind!(LISTS, [Key::Code(Up), Key::Char('k')], "↑/k", "up", Action::Up, false),
    bind!(LISTS, [Key::Code(Down), Key::Char('j')], "↓/j", "down", Action::Down, false),
    bind!(LISTS, [Key::Code(Home), Key::Char('g')], "Home/g", "first", Action::First, false),
    bind!(LISTS, [Key::Code(End), Key::Char('G')], "End/G", "last", Action::Last, false),
    bind!(&[C::Search, C::Topics], [Key::Code(Up)], "↑", "up", Action::Up, false),
    bind!(&[C::Search, C::Topics], [Key::Code(Down)], "↓", "down", Action::Down, false),
    bind!(&[C::Search, C::Topics], [Key::Code(Home)], "Home", "first", Action::First, false),
    bind!(&[C::Search, C::Topics], [Key::Code(End)], "End", "last", Action::Last, false),
    bind!(ALL_LISTS, [Key::Code(PageUp)], "PgUp/PgDn", "a page up or down", Action::PageUp, false),
    bind!(ALL_LISTS, [Key::Code(PageDown)], "", "", Action::PageDown, false),
    bind!(&[C::Search, C::Topics], [Key::Code(Enter)], "Enter", "go there", Action::Select, true),
    bind!(&[C::Summary], [Key::Code(Enter)], "Enter", "go to the question", Action::Select, true),
    bind!(&[C::Summary], [Key::Char('m')], "m", "export Markdown", Action::Export(Format::Markdown), true),
    bind!(&[C::Summary], [Key::Char('J')], "J", "export JSON", Action::Export(Format::Json), false),
    bind!(&[C::Summary], [Key::Char('H')], "H", "export HTML", Action::Export(Format::Html), false),
    bind!(&[C::Summary], [Key::Char('P')], "P", "export PDF", Action::ExportPdf, false),
    bind!(&[C::Summary], [Key::Char('c')], "c", "compare with the last visit", Action::Compare, true),
    bind!(&[C::Summary], [Key::Char('d')], "d", "mark finished, or reopen", Action::ToggleFinished, false),
    bind!(&[C::Summary], [Key::Char('a')], "a", "back to the questions", Action::OpenQuestions, true),
    bind!(&[C::Summary], [Key::Char('o')], "o", "owner, due date and status of the action", Action::EditAction, true),
    bind!(&[C::ActionEdit], [Key::Code(Tab), Key::Code(Down)], "Tab", "next field", Action::NextField, true),
    bind!(&[C::ActionEdit], [Key::Code(BackTab), Key::Code(Up)], "", "", Action::PrevField, false),
    bind!(&[C::ActionEdit], [Key::Code(Right), Key::Code(Left)], "Space/→", "status", Action::CycleStatus, true),
    bind!(&[C::ActionEdit], [Key::Code(Enter)], "Enter", "save", Action::Select, true),
    bind!(&[C::ActionEdit], [Key::Code(Esc)], "Esc", "cancel", Action::Back, true),
    bind!(&[C::Editor], [Key::Code(Esc), Key::Ctrl('s')], "Esc", "keep and close", Action::EditorSave, true),
    bind!(&[C::Details, C::Picker, C::Question, C::Search, C::Topics, C::Summary, C::Compare, C::Help], [Key::Code(Esc)], "Esc", "back", Action::Back, false),
    bind!(&[C::Compare], [Key::Char('c')], "c", "close", Action::Back, true),
    bind!(&[C::Help], [Key::Char('?'), Key::Char('q')], "?", "close help", Action::Back, true),
    bind!(&[C::Confirm], [Key::Char('y')], "y", "yes", Action::Confirm, true),
    bind!(&[C::Confirm], [Key::Char('n'), Key::Code(Esc)], "n/Esc", "no", Action::Back, true),
    bind!(&[C::Question, C::Summary], [Key::Char('R')], "R", "reopen a finished assessment", Action::Reopen, false),
    bind!(&[C::Unsaved], [Key::Char('r')], "r", "try saving again", Action::TrySaveAgain, true),
    bind!(&[C::Unsaved], [Key::Char('w'), Key::Ctrl('c')], "w", "write a recovery copy and quit", Action::WriteRecovery, true),
    bind!(&[C::Unsaved], [Key::Char('q')], "q", "quit without them", Action::QuitAnyway, true),
    bind!(&[C::Unsaved], [Key::Code(Esc)], "Esc", "stay", Action::Back, true),
    bind!(COMMANDS, [Key::Char('?')], "?", "help", Action::ToggleHelp, true),
    bind!(COMMANDS, [Key::Char('q')], "q", "quit", Action::Quit, true),
    bind!(&[C::Start, C::Details, C::Picker, C::Question, C::Editor, C::Search, C::Topics, C::Summary, C::Compare, C::Help, C::Confirm], [Key::Ctrl('c')], "Ctrl-C", "quit", Action::Quit, false),
];

/// The action for a key in a context, if any.
pub fn action(context: Context, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let bound = BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find_map(|b| {
            b.keys
                .iter()
                .find(|k| k.matches(event))
                .map(|key| (b, *key))
        });
    match bound {
        Some((_, Key::Digit)) => match event.code {
            KeyCode::Char(c) => c.to_digit(10).map(|d| Action::Choose(d as usize)),
            _ => None,
        },
        Some((binding, _)) => Some(binding.action.clone()),
        None if context == Context::Editor => Some(Action::EditorKey(*event)),
        None if context.takes_text() => match event.code {
            KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Action::Input(c))
            }
            _ => None,
        },
        None => None,
    }
}

/// The bindings that apply in a context, in table order.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.contexts.contains(&context))
}

/// The bindings a person is shown for a context (help overlay), in table order.
pub fn shown(context: Context) -> impl Iterator<Item = &'static Binding> {
    bindings(context).filter(|b| !b.label.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn answer_letters_map_to_their_words() {
        let word = |c| match action(Context::Question, &key(KeyCode::Char(c))) {
            Some(Action::Answer(word)) => Some(word),
            _ => None,
        };
        assert_eq!(word('y'), Some(Word::Yes));
        assert_eq!(word('p'), Some(Word::Partial));
        assert_eq!(word('n'), Some(Word::No));
        assert_eq!(word('u'), Some(Word::Unknown));
        assert_eq!(word('x'), Some(Word::Na));
        assert!(matches!(
            action(Context::Question, &key(KeyCode::Char('3'))),
            Some(Action::Choose(3))
        ));
    }

    #[test]
    fn text_fields_take_letters_that_are_commands_elsewhere() {
        assert!(matches!(
            action(Context::Details, &key(KeyCode::Char('q'))),
            Some(Action::Input('q'))
        ));
        assert!(matches!(
            action(Context::Search, &key(KeyCode::Char('?'))),
            Some(Action::Input('?'))
        ));
        assert!(matches!(
            action(Context::Start, &key(KeyCode::Char('q'))),
            Some(Action::Quit)
        ));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in [Context::Details, Context::Editor, Context::Question] {
            assert!(
                matches!(action(context, &ctrl_c), Some(Action::Quit)),
                "{context:?}"
            );
        }
    }

    #[test]
    fn the_editor_gets_every_key_but_its_own() {
        assert!(matches!(
            action(Context::Editor, &key(KeyCode::Char('q'))),
            Some(Action::EditorKey(_))
        ));
        assert!(matches!(
            action(Context::Editor, &key(KeyCode::Enter)),
            Some(Action::EditorKey(_))
        ));
        assert!(matches!(
            action(Context::Editor, &key(KeyCode::Esc)),
            Some(Action::EditorSave)
        ));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in [
            C::Start,
            C::Details,
            C::Picker,
            C::Question,
            C::Editor,
            C::Search,
            C::Topics,
            C::Summary,
            C::Compare,
            C::Help,
            C::Unsaved,
            C::Confirm,
        ] {
            let keys: Vec<Key> = bindings(context)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{k:?} twice in {context:?}");
            }
        }
    }
}
