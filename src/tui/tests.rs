//! The interface's logic, driven through `State::update` without a terminal.

use std::fmt::Write as _;
use std::path::PathBuf;

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::assessment::{AnswerValue, Assessment, Header, Mode};
use crate::checklist::Catalog;
use crate::report::Format;

fn now() -> Timestamp {
    Timestamp::UNIX_EPOCH
}

fn state() -> State {
    let catalog = Catalog::load(&[]);
    State::new(catalog.checklists().to_vec(), Vec::new(), "Jo".into(), MONO)
}

/// A state with an open audit of the given topics, past the first topic's introduction.
fn open(topics: &[&str], mode: Mode) -> State {
    let mut state = introduced(topics, mode);
    assert!(matches!(state.screen, Screen::Question { intro: true, .. }));
    state.update(Action::Next, now());
    state
}

/// A state with an open audit of the given topics, showing the first topic's introduction.
fn introduced(topics: &[&str], mode: Mode) -> State {
    let mut state = state();
    let checklists = topics
        .iter()
        .map(|id| {
            state
                .checklists
                .iter()
                .find(|c| c.id == *id)
                .expect("topic")
                .clone()
        })
        .collect();
    let header = Header {
        mode,
        organization: "Acme".into(),
        site: String::new(),
        assessor: "Jo".into(),
    };
    let assessment = Assessment::new(header, checklists, now());
    let session = Session::new(assessment, PathBuf::from("/tmp/a.toml"));
    assert!(
        state
            .update(Action::Opened(Box::new(session)), now())
            .is_none()
    );
    state
}

fn current(state: &State) -> String {
    let session = state.session.as_ref().expect("session");
    format!(
        "{}/{}",
        session.checklist(session.at).id,
        session.question(session.at).id
    )
}

fn answer(state: &State, id: &str) -> Option<AnswerValue> {
    state
        .session
        .as_ref()?
        .assessment
        .answers
        .get(id)?
        .value
        .clone()
}

/// Goes to a question by `checklist/question` id.
fn go_to(state: &mut State, id: &str) {
    assert!(
        state.session.as_mut().expect("session").resume(id),
        "{id} is asked"
    );
}

fn key(code: KeyCode) -> Action {
    Action::EditorKey(KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn a_new_assessment_is_described_then_created_with_the_ticked_topics() {
    let mut state = state();
    assert!(state.update(Action::NewAssessment, now()).is_none());
    assert_eq!(state.context(), Context::Details);
    // Enter with no organisation is refused with a message.
    state.update(Action::Select, now());
    assert!(state.message.as_ref().is_some_and(|m| m.error));
    for c in "Acme Dntal".chars() {
        state.update(Action::Input(c), now());
    }
    // ← and → move the cursor inside the text: the missing letter goes where it belongs.
    for _ in 0..4 {
        state.update(Action::Caret(Caret::Left), now());
    }
    state.update(Action::Input('e'), now());
    state.update(Action::Caret(Caret::End), now());
    state.update(Action::Input('!'), now());
    state.update(Action::Erase, now());
    // The mode is a field of its own: Space (or ←/→) switches it there.
    state.update(Action::PrevField, now());
    state.update(Action::Input(' '), now());
    state.update(Action::Select, now());
    assert_eq!(state.context(), Context::Picker);
    state.update(Action::NoTopics, now());
    state.update(Action::ToggleTopic, now());
    let effect = state.update(Action::Select, now());
    let Some(Effect::Create { header, topics }) = effect else {
        panic!("{effect:?}")
    };
    assert_eq!(header.organization, "Acme Dental");
    assert_eq!(header.assessor, "Jo", "the last assessor is remembered");
    assert_eq!(header.mode, Mode::SelfAssessment);
    assert_eq!(topics, ["mfa"]);
}

#[test]
fn answering_saves_and_moves_on_and_gates_are_live() {
    let mut state = open(&["mfa"], Mode::Audit);
    assert_eq!(current(&state), "mfa/admin-accounts");
    assert_eq!(
        state.update(Action::Answer(Word::Partial), now()),
        Some(Effect::Save)
    );
    assert_eq!(
        answer(&state, "mfa/admin-accounts"),
        Some(AnswerValue::Text("partial".into()))
    );
    // Anything but yes stays, so that "What to do" shows; Enter (or →) moves on.
    assert_eq!(current(&state), "mfa/admin-accounts");
    state.update(Action::EditValue, now());
    assert_eq!(current(&state), "mfa/all-email");
    // 'remote-access' is gated on remote-access-exists: no skips it, yes shows it next.
    go_to(&mut state, "mfa/remote-access-exists");
    state.update(Action::Answer(Word::No), now());
    state.update(Action::Next, now());
    assert_eq!(current(&state), "mfa/business-apps");
    state.update(Action::Prev, now());
    state.update(Action::Answer(Word::Yes), now());
    assert_eq!(current(&state), "mfa/remote-access");
    // Choice questions take numbers, and refuse yes/no.
    go_to(&mut state, "mfa/method");
    state.update(Action::Answer(Word::Yes), now());
    assert!(state.message.as_ref().is_some_and(|m| m.error));
    assert_eq!(state.update(Action::Choose(1), now()), Some(Effect::Save));
    assert_eq!(
        answer(&state, "mfa/method"),
        Some(AnswerValue::Text("phishing-resistant".into()))
    );
}

#[test]
fn notes_and_typed_answers_go_through_the_editor() {
    let mut state = open(&["mfa", "accounts"], Mode::Audit);
    state.update(Action::EditNote, now());
    assert_eq!(state.context(), Context::Editor);
    for c in "Bank | login".chars() {
        state.update(key(KeyCode::Char(c)), now());
    }
    state.update(key(KeyCode::Enter), now());
    state.update(key(KeyCode::Char('2')), now());
    assert_eq!(state.update(Action::EditorSave, now()), Some(Effect::Save));
    let session = state.session.as_ref().expect("session");
    let note = &session.assessment.answers["mfa/admin-accounts"];
    assert_eq!(note.note, "Bank | login\n2");
    assert_eq!(
        note.value, None,
        "a note alone does not answer the question"
    );

    // A number question takes a typed value; letters are refused.
    go_to(&mut state, "accounts/staff-count");
    state.update(Action::EditValue, now());
    state.update(key(KeyCode::Char('x')), now());
    assert!(state.update(key(KeyCode::Enter), now()).is_none());
    assert!(
        state.message.as_ref().is_some_and(|m| m.error),
        "'x' is not a number"
    );
    state.update(key(KeyCode::Backspace), now());
    state.update(key(KeyCode::Char('1')), now());
    state.update(key(KeyCode::Char('2')), now());
    assert_eq!(state.update(key(KeyCode::Enter), now()), Some(Effect::Save));
    assert_eq!(
        answer(&state, "accounts/staff-count"),
        Some(AnswerValue::Integer(12))
    );
}

#[test]
fn a_typed_answer_that_does_not_fit_never_traps_the_person() {
    let mut state = open(&["accounts"], Mode::Audit);
    go_to(&mut state, "accounts/staff-count");
    state.update(Action::EditValue, now());
    for c in "about 12".chars() {
        state.update(key(KeyCode::Char(c)), now());
    }
    state.update(key(KeyCode::Enter), now());
    assert_eq!(state.context(), Context::Editor, "Enter asks for a fix");
    // Ctrl-U erases the line, as in a shell.
    let ctrl_u = Action::EditorKey(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    state.update(ctrl_u, now());
    for c in "12".chars() {
        state.update(key(KeyCode::Char(c)), now());
    }
    assert_eq!(state.update(key(KeyCode::Enter), now()), Some(Effect::Save));
    assert_eq!(
        answer(&state, "accounts/staff-count"),
        Some(AnswerValue::Integer(12))
    );

    // Esc gets out of a value that does not fit, leaving the answer as it was.
    state.update(Action::EditValue, now());
    for c in " people".chars() {
        state.update(key(KeyCode::Char(c)), now());
    }
    assert_eq!(state.update(Action::Back, now()), None);
    assert_eq!(state.context(), Context::Question);
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("left as it was"))
    );
    assert_eq!(
        answer(&state, "accounts/staff-count"),
        Some(AnswerValue::Integer(12))
    );
}

#[test]
fn self_assessments_hide_technician_questions() {
    let state = open(&["mfa"], Mode::SelfAssessment);
    let session = state.session.as_ref().expect("session");
    assert!(
        session
            .asked()
            .iter()
            .all(|&at| session.question(at).audience.owner)
    );
    let audit = open(&["mfa"], Mode::Audit);
    assert!(audit.session.as_ref().expect("session").asked().len() > session.asked().len());
}

#[test]
fn filters_search_topics_and_the_next_unanswered() {
    let mut state = open(&["mfa", "backups"], Mode::Audit);
    state.update(Action::Answer(Word::Yes), now());
    state.update(Action::ToggleFlag, now());
    state.update(Action::Answer(Word::No), now());
    // Flagged filter: next/prev move between flagged questions only.
    state.update(Action::CycleFilter, now());
    state.update(Action::CycleFilter, now());
    assert_eq!(
        state.session.as_ref().expect("session").filter,
        Filter::Flagged
    );
    state.update(Action::Prev, now());
    assert_eq!(current(&state), "mfa/all-email");
    // Search.
    state.update(Action::OpenSearch, now());
    for c in "restore tested".chars() {
        state.update(Action::Input(c), now());
    }
    assert_eq!(state.search_hits().len(), 1);
    state.update(Action::Select, now());
    assert_eq!(current(&state), "backups/restore-tested");
    // Topics.
    state.update(Action::OpenTopics, now());
    state.update(Action::Up, now());
    state.update(Action::Select, now());
    assert_eq!(current(&state), "mfa/admin-accounts");
    // Next unanswered skips the answered ones.
    state.update(Action::NextUnanswered, now());
    assert_eq!(current(&state), "mfa/method");
}

#[test]
fn the_summary_lists_gaps_first_and_jumps_to_them() {
    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::Answer(Word::Yes), now());
    state.update(Action::Answer(Word::No), now());
    state.update(Action::OpenSummary, now());
    let session = state.session.as_ref().expect("session");
    let fixes = session.fixes();
    assert!(session.card.critical_gaps.contains(&fixes[0].at));
    assert!(!fixes[0].unanswered, "an answered gap comes first");
    assert!(
        fixes[1].unanswered && fixes[1].critical,
        "then criticals not answered yet"
    );
    state.update(Action::Down, now());
    state.update(Action::Select, now());
    assert_eq!(state.context(), Context::Question);
    state.update(Action::OpenSummary, now());
    assert_eq!(
        state.update(Action::Export(Format::Json), now()),
        Some(Effect::Export(Format::Json))
    );
    assert_eq!(
        state.update(Action::ExportPdf, now()),
        Some(Effect::ExportPdf)
    );
    // Finishing an incomplete assessment asks first, and says how much is answered.
    assert_eq!(state.update(Action::ToggleFinished, now()), None);
    assert!(matches!(
        state.overlay,
        Some(Overlay::Confirm(Confirm::Finish { coverage })) if coverage < 0.5
    ));
    assert_eq!(state.update(Action::Confirm, now()), Some(Effect::Save));
    assert!(state.session.as_ref().expect("session").assessment.finished);
}

#[test]
fn a_finished_assessment_is_read_only_until_reopened_and_the_reopening_is_recorded() {
    let mut state = open(&["mfa"], Mode::Audit);
    state
        .session
        .as_mut()
        .expect("session")
        .assessment
        .finish(now());
    for refused in [
        Action::Answer(Word::Yes),
        Action::Choose(1),
        Action::EditNote,
        Action::ToggleFlag,
        Action::ClearAnswer,
    ] {
        assert_eq!(state.update(refused, now()), None);
        assert!(
            state
                .message
                .as_ref()
                .is_some_and(|m| m.text.contains("read-only"))
        );
    }
    assert_eq!(answer(&state, "mfa/admin-accounts"), None);
    state.update(Action::Next, now());
    assert_eq!(
        current(&state),
        "mfa/all-email",
        "moving around still works"
    );
    state.update(Action::Reopen, now());
    assert_eq!(state.context(), Context::Confirm);
    assert_eq!(
        state.update(Action::Back, now()),
        None,
        "n keeps it finished"
    );
    assert!(state.session.as_ref().expect("session").assessment.finished);
    state.update(Action::Reopen, now());
    assert_eq!(state.update(Action::Confirm, now()), Some(Effect::Save));
    let assessment = &state.session.as_ref().expect("session").assessment;
    assert!(!assessment.finished);
    assert_eq!(assessment.reopened.len(), 1);
    assert_eq!(
        state.update(Action::Answer(Word::Yes), now()),
        Some(Effect::Save)
    );
}

#[test]
fn escape_goes_back_one_screen() {
    let mut state = open(&["mfa", "backups"], Mode::Audit);
    state.update(Action::Answer(Word::No), now());
    state.update(Action::OpenSummary, now());
    state.update(Action::Select, now());
    assert_eq!(
        state.context(),
        Context::Question,
        "opened from 'fix first'"
    );
    assert_eq!(state.update(Action::Back, now()), None);
    assert_eq!(
        state.context(),
        Context::Summary,
        "Esc returns to the summary"
    );
    assert_eq!(state.update(Action::Back, now()), None);
    assert_eq!(state.context(), Context::Question);
    assert_eq!(state.update(Action::Back, now()), Some(Effect::Refresh));
    assert_eq!(state.context(), Context::Start);
    // Details ← picker keeps the topics ticked there.
    state.update(Action::NewAssessment, now());
    state.update(Action::Input('A'), now());
    state.update(Action::Select, now());
    state.update(Action::NoTopics, now());
    state.update(Action::Back, now());
    assert!(matches!(&state.screen, Screen::Details(form) if form.topics.iter().all(|t| !t)));
    state.update(Action::Back, now());
    assert_eq!(state.context(), Context::Start);
}

#[test]
fn a_topic_not_started_opens_with_its_introduction() {
    let mut state = introduced(&["mfa", "backups"], Mode::Audit);
    assert_eq!(state.update(Action::Answer(Word::Yes), now()), None);
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("Enter to begin"))
    );
    assert_eq!(answer(&state, "mfa/admin-accounts"), None);
    state.update(Action::EditValue, now());
    assert!(matches!(
        state.screen,
        Screen::Question { intro: false, .. }
    ));
    assert_eq!(current(&state), "mfa/admin-accounts");
    // Moving into the next topic, not started yet, shows its introduction too.
    let session = state.session.as_mut().expect("session");
    let last_mfa = *session
        .asked()
        .iter()
        .rfind(|q| q.checklist == 0)
        .expect("mfa");
    session.jump(last_mfa);
    state.update(Action::Next, now());
    assert_eq!(current(&state), "backups/automatic");
    assert!(matches!(state.screen, Screen::Question { intro: true, .. }));
    // ← goes back to where it came from.
    state.update(Action::Prev, now());
    assert!(matches!(
        state.screen,
        Screen::Question { intro: false, .. }
    ));
    assert_eq!(current(&state), "mfa/break-glass");
}

#[test]
fn a_long_choice_list_takes_typed_numbers() {
    use crate::checklist::{Origin, parse};
    let choices = (1..=15).fold(String::new(), |mut list, i| {
        let _ = write!(
            list,
            "{{ id = \"c{i}\", label = \"Choice {i}\", score = 0.5 }},"
        );
        list
    });
    let toml = format!(
        "format = 1\nid = \"many\"\nversion = \"1.0.0\"\ntitle = \"Many\"\n\
         [[questions]]\nid = \"pick\"\nprompt = \"Which?\"\nseverity = \"low\"\nkind = \"choice\"\nchoices = [{choices}]\n"
    );
    let checklist = std::sync::Arc::new(
        parse("many.toml", toml.as_bytes(), Origin::BuiltIn("many.toml")).expect("valid"),
    );
    let header = Header {
        mode: Mode::Audit,
        organization: "Acme".into(),
        site: String::new(),
        assessor: String::new(),
    };
    let mut state = state();
    let session = Session::new(
        Assessment::new(header, vec![checklist], now()),
        PathBuf::from("/tmp/m.toml"),
    );
    state.update(Action::Opened(Box::new(session)), now());
    // 1 might be 1 or 10 to 15: it waits; 2 after it makes 12.
    assert_eq!(state.update(Action::Choose(1), now()), None);
    assert_eq!(state.update(Action::Choose(2), now()), Some(Effect::Save));
    assert_eq!(
        answer(&state, "many/pick"),
        Some(AnswerValue::Text("c12".into()))
    );
    // 1 then Enter picks 1; 7 is unique at once; 16 is refused.
    state.update(Action::Choose(1), now());
    assert_eq!(state.update(Action::EditValue, now()), Some(Effect::Save));
    assert_eq!(
        answer(&state, "many/pick"),
        Some(AnswerValue::Text("c1".into()))
    );
    assert_eq!(state.update(Action::Choose(7), now()), Some(Effect::Save));
    assert_eq!(
        answer(&state, "many/pick"),
        Some(AnswerValue::Text("c7".into()))
    );
    state.update(Action::Choose(1), now());
    assert_eq!(state.update(Action::Choose(6), now()), None);
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("15 choices"))
    );
}

#[test]
fn always_advancing_is_a_setting() {
    let mut state = open(&["mfa"], Mode::Audit);
    state.advance = Advance::Always;
    state.update(Action::Answer(Word::No), now());
    assert_eq!(current(&state), "mfa/all-email");
}

#[test]
fn a_failed_save_is_shown_kept_and_retried() {
    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::Answer(Word::Yes), now());
    state.update(Action::SaveFailed("disk full".into()), now());
    assert!(state.unsaved());
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("disk full"))
    );
    assert_eq!(state.update(Action::RetrySave, now()), Some(Effect::Save));
    assert_eq!(
        answer(&state, "mfa/admin-accounts"),
        Some(AnswerValue::Text("yes".into()))
    );
    let file = state.session.as_ref().expect("session").assessment.clone();
    state.update(Action::Saved(Box::new(file)), now());
    assert!(!state.unsaved());
    assert_eq!(state.update(Action::RetrySave, now()), None);
}

/// What the file would hold after a save of the open session.
fn file_of(state: &State) -> Box<Assessment> {
    Box::new(state.session.as_ref().expect("session").assessment.clone())
}

#[test]
fn quitting_with_answers_the_folder_refuses_never_claims_they_were_saved() {
    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::Answer(Word::Yes), now());
    state.update(Action::SaveFailed("read-only file system".into()), now());
    // q tries to save first; when that fails too, the person chooses.
    assert_eq!(state.update(Action::Quit, now()), Some(Effect::Save));
    assert_eq!(
        state.update(Action::SaveFailed("read-only file system".into()), now()),
        None
    );
    assert_eq!(state.context(), Context::Unsaved);
    assert!(matches!(
        state.overlay,
        Some(Overlay::Unsaved { unsaved: 1, .. })
    ));
    assert_eq!(
        state.update(Action::WriteRecovery, now()),
        Some(Effect::WriteRecovery)
    );
    let copy = PathBuf::from("/tmp/state/recovery/a-recovered.toml");
    assert_eq!(
        state.update(Action::RecoveryWritten(copy.clone()), now()),
        Some(Effect::Quit)
    );
    let ending = state.ending();
    assert_eq!(
        ending,
        Ending::Recovered {
            path: PathBuf::from("/tmp/a.toml"),
            copy,
            unsaved: 1
        }
    );
    assert!(ending.message().contains("could NOT be saved"));
    assert_eq!(ending.exit_code(), 1);
}

#[test]
fn the_unsaved_dialog_retries_or_lets_the_person_go_without_them() {
    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::Answer(Word::No), now());
    state.update(Action::SaveFailed("disk full".into()), now());
    state.update(Action::Quit, now());
    state.update(Action::SaveFailed("disk full".into()), now());
    assert_eq!(
        state.update(Action::TrySaveAgain, now()),
        Some(Effect::Save)
    );
    // The disk has room again: the retry saves, and posture leaves.
    assert_eq!(
        state.update(Action::Saved(file_of(&state)), now()),
        Some(Effect::Quit)
    );
    assert_eq!(
        state.ending(),
        Ending::Saved(Some(PathBuf::from("/tmp/a.toml")))
    );

    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::Answer(Word::No), now());
    state.update(Action::SaveFailed("disk full".into()), now());
    state.update(Action::Quit, now());
    state.update(Action::SaveFailed("disk full".into()), now());
    assert_eq!(state.update(Action::Back, now()), None, "Esc stays");
    assert_eq!(state.context(), Context::Question);
    state.update(Action::Quit, now());
    state.update(Action::SaveFailed("disk full".into()), now());
    assert_eq!(state.update(Action::QuitAnyway, now()), Some(Effect::Quit));
    let ending = state.ending();
    assert!(
        matches!(ending, Ending::Lost { unsaved: 1, .. }),
        "{ending:?}"
    );
    assert!(ending.message().contains("NOT saved") && ending.message().contains("disk full"));
}

#[test]
fn a_note_being_typed_is_kept_when_posture_is_left() {
    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::EditNote, now());
    for c in "Bank login".chars() {
        state.update(key(KeyCode::Char(c)), now());
    }
    assert_eq!(state.update(Action::Quit, now()), Some(Effect::Save));
    let session = state.session.as_ref().expect("session");
    assert_eq!(
        session.assessment.answers["mfa/admin-accounts"].note,
        "Bank login"
    );
    assert_eq!(
        state.update(Action::Saved(file_of(&state)), now()),
        Some(Effect::Quit)
    );
}

#[test]
fn another_writers_answers_are_shown_when_the_file_changes() {
    let mut state = open(&["mfa"], Mode::Audit);
    let mut theirs = state.session.as_ref().expect("session").assessment.clone();
    theirs.set_answer(
        "mfa/all-email",
        AnswerValue::Text("no".into()),
        None,
        None,
        now(),
    );
    state.update(Action::Reloaded(Box::new(theirs)), now());
    assert_eq!(
        answer(&state, "mfa/all-email"),
        Some(AnswerValue::Text("no".into()))
    );
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("1 answer(s) were changed"))
    );
    assert_eq!(
        state.session.as_ref().expect("session").unsaved_changes(),
        0
    );
}

#[test]
fn a_paste_goes_whole_into_the_field_with_focus_and_nowhere_else() {
    let mut state = open(&["mfa", "accounts"], Mode::Audit);
    let before = current(&state);
    assert_eq!(state.update(Action::Paste("y\nn\ny".into()), now()), None);
    assert_eq!(current(&state), before, "a paste is never read as keys");
    assert_eq!(answer(&state, &before), None);
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("Paste ignored"))
    );

    state.update(Action::EditNote, now());
    let paragraph = "First line | with a pipe\r\nsecond line\u{1b}[2J\n".repeat(2_000);
    state.update(Action::Paste(paragraph), now());
    state.update(Action::EditorSave, now());
    let note = &state.session.as_ref().expect("session").assessment.answers[&before].note;
    assert_eq!(note.lines().count(), 4_000);
    assert!(!note.contains('\u{1b}') && !note.contains('\r'));

    go_to(&mut state, "accounts/staff-count");
    state.update(Action::EditValue, now());
    state.update(Action::Paste("12\nq".into()), now());
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("first line"))
    );
    assert_eq!(state.update(key(KeyCode::Enter), now()), Some(Effect::Save));
    assert_eq!(
        answer(&state, "accounts/staff-count"),
        Some(AnswerValue::Integer(12))
    );
}

#[test]
fn quitting_is_one_key_everywhere_and_escape_goes_back() {
    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::EditNote, now());
    assert_eq!(state.update(Action::Quit, now()), Some(Effect::Quit));
    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::ToggleHelp, now());
    assert_eq!(state.context(), Context::Help);
    state.update(Action::Back, now());
    assert_eq!(state.context(), Context::Question);
    assert_eq!(state.update(Action::Back, now()), Some(Effect::Refresh));
    assert_eq!(state.context(), Context::Start);
}

#[test]
fn resume_opens_the_latest_unfinished_assessment() {
    let mut state = state();
    let saved = |name: &str, finished: bool, second: i64| crate::practice::Visit {
        path: PathBuf::from(format!("/tmp/{name}.toml")),
        id: name.into(),
        day: crate::assessment::Day::parse("2026-12-01").expect("day"),
        archived: false,
        organization: name.into(),
        site: String::new(),
        assessor: "Jo Tech".into(),
        mode: Mode::Audit,
        created: now(),
        updated: Timestamp::from_second(second).expect("time"),
        finished,
        coverage: None,
        score: None,
        level: None,
    };
    let mut list = vec![
        saved("old", false, 10),
        saved("done", true, 30),
        saved("recent", false, 20),
    ];
    saved::sort(&mut list);
    state.update(Action::Listed(list), now());
    assert_eq!(
        state.update(Action::Resume, now()),
        Some(Effect::Open(PathBuf::from("/tmp/recent.toml")))
    );
}

#[test]
fn opening_an_assessment_whose_checklist_changed_says_so() {
    let mut state = state();
    let mfa = state.checklists[0].clone();
    let header = Header {
        mode: Mode::Audit,
        organization: "Acme".into(),
        site: String::new(),
        assessor: String::new(),
    };
    let mut assessment = Assessment::new(header, vec![mfa], now());
    assessment.set_answer(
        "mfa/retired-question",
        AnswerValue::Text("yes".into()),
        None,
        None,
        now(),
    );
    assessment
        .changes
        .push(crate::assessment::ChecklistChange::Version {
            id: "mfa".into(),
            from: "0.9.0".into(),
            to: "1.0.0".into(),
        });
    state.update(
        Action::Opened(Box::new(Session::new(
            assessment,
            PathBuf::from("/tmp/a.toml"),
        ))),
        now(),
    );
    let message = state.message.as_ref().expect("a notice");
    assert!(
        message.text.contains("0.9.0 to 1.0.0") && message.text.contains("1 earlier answer"),
        "{}",
        message.text
    );
}

#[test]
fn the_summary_compares_with_the_last_visit_in_a_popup() {
    let mut earlier = open(&["mfa"], Mode::Audit);
    earlier.update(Action::Answer(Word::Yes), now());
    let before = earlier.session.expect("session").assessment;
    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::Answer(Word::No), now());
    state.update(Action::OpenSummary, now());
    assert_eq!(state.update(Action::Compare, now()), Some(Effect::Compare));
    let after = &state.session.as_ref().expect("session").assessment;
    let comparison = crate::report::compare::compare(&before, after, Vec::new());
    state.update(Action::Compared(Box::new(comparison)), now());
    assert_eq!(state.context(), Context::Compare);
    let Some(Overlay::Compare { comparison, .. }) = &state.overlay else {
        panic!("no popup")
    };
    assert_eq!(
        comparison.questions[0].change,
        crate::report::compare::Change::Regressed
    );
    state.update(Action::Back, now());
    assert_eq!(state.context(), Context::Summary);
    state.update(
        Action::CompareFailed("No earlier assessment of Acme to compare with.".into()),
        now(),
    );
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("No earlier"))
    );
}

#[test]
fn clearing_removes_the_answer_but_keeps_the_note() {
    let mut state = open(&["mfa"], Mode::Audit);
    assert_eq!(
        state.update(Action::ClearAnswer, now()),
        None,
        "nothing to clear yet"
    );
    state.update(Action::EditNote, now());
    state.update(key(KeyCode::Char('k')), now());
    state.update(Action::EditorSave, now());
    state.update(Action::Answer(Word::Yes), now());
    state.update(Action::Prev, now());
    assert_eq!(state.update(Action::ClearAnswer, now()), Some(Effect::Save));
    let session = state.session.as_ref().expect("session");
    let record = &session.assessment.answers["mfa/admin-accounts"];
    assert_eq!((record.value.as_ref(), record.note.as_str()), (None, "k"));
    assert!(!session.is_answered(session.at));
}

/// The keys a key-bar label names: `y/p/n`, `1-4`, `Enter/→`, `Tab/↓`, `S-Tab/↑`, `Space`.
fn keys_of(label: &str) -> Vec<KeyEvent> {
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let label = label.trim_end_matches('…');
    let parts: Vec<&str> = if label == "/" {
        vec!["/"]
    } else {
        label.split('/').collect()
    };
    parts
        .into_iter()
        .flat_map(|part| -> Vec<KeyEvent> {
            match part {
                "→" => vec![key(KeyCode::Right)],
                "←" => vec![key(KeyCode::Left)],
                "↑" => vec![key(KeyCode::Up)],
                "↓" => vec![key(KeyCode::Down)],
                "Enter" => vec![key(KeyCode::Enter)],
                "Esc" => vec![key(KeyCode::Esc)],
                "Tab" => vec![key(KeyCode::Tab)],
                "S-Tab" => vec![key(KeyCode::BackTab)],
                "Space" => vec![key(KeyCode::Char(' '))],
                range if range.contains('-') => range
                    .split('-')
                    .filter_map(|d| d.chars().next())
                    .map(|c| key(KeyCode::Char(c)))
                    .collect(),
                single => single.chars().map(|c| key(KeyCode::Char(c))).collect(),
            }
        })
        .collect()
}

#[test]
fn every_key_in_the_key_bar_works_on_its_screen() {
    let mut states = vec![state(), introduced(&["mfa", "vendors"], Mode::Audit)];
    let mut question = open(&["mfa", "vendors"], Mode::Audit);
    states.push(question.clone());
    question.update(Action::Next, now());
    question.update(Action::Next, now());
    states.push(question.clone()); // a choice question
    question.update(Action::OpenSearch, now());
    for c in "who provides".chars() {
        question.update(Action::Input(c), now());
    }
    states.push(question.clone());
    question.update(Action::Select, now());
    states.push(question.clone()); // a text question
    question.update(Action::OpenSummary, now());
    states.push(question.clone());
    question.update(Action::ToggleFinished, now());
    states.push(question.clone());
    question.update(Action::Confirm, now());
    question.update(Action::OpenQuestions, now());
    states.push(question.clone()); // finished: read-only
    let mut new = state();
    new.update(Action::NewAssessment, now());
    states.push(new.clone());
    new.update(Action::Input('A'), now());
    new.update(Action::Select, now());
    states.push(new);
    let mut topics = open(&["mfa"], Mode::SelfAssessment);
    topics.update(Action::OpenTopics, now());
    states.push(topics);
    for state in states {
        let context = state.context();
        for (label, help) in super::view::bar_items(&state) {
            let keys = keys_of(&label);
            assert!(!keys.is_empty(), "{label}");
            for key in keys {
                assert!(
                    keymap::action(context, &key).is_some(),
                    "{label} ({help}) does nothing in {context:?}"
                );
            }
        }
    }
}

#[test]
fn enter_is_offered_only_where_there_is_something_to_open() {
    let offers_enter = |state: &State| {
        super::view::bar_items(state)
            .iter()
            .any(|(label, _)| label.starts_with("Enter"))
    };
    let mut start = state();
    assert!(!offers_enter(&start), "no saved assessments");
    assert_eq!(start.update(Action::Select, now()), None);
    assert!(
        start
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("Press n"))
    );

    let mut topics = open(&["mfa", "wifi"], Mode::Audit);
    topics.update(Action::OpenTopics, now());
    for c in "wifi".chars() {
        topics.update(Action::Input(c), now());
    }
    assert_eq!(topics.topic_hits(), vec![1], "'wifi' finds 'Wi-Fi'");
    assert!(offers_enter(&topics));
    for c in "zz".chars() {
        topics.update(Action::Input(c), now());
    }
    assert!(topics.topic_hits().is_empty());
    assert!(!offers_enter(&topics));
    topics.update(Action::Select, now());
    assert_eq!(
        topics.context(),
        Context::Topics,
        "the popup stays to be corrected"
    );
    assert!(topics.message.is_some());

    let mut search = open(&["mfa"], Mode::Audit);
    search.update(Action::OpenSearch, now());
    for c in "qqqq".chars() {
        search.update(Action::Input(c), now());
    }
    assert!(!offers_enter(&search));
    search.update(Action::Select, now());
    assert!(search.message.is_some());
}

#[test]
fn left_on_the_first_topic_introduction_stays_there() {
    let mut state = introduced(&["mfa", "backups"], Mode::Audit);
    assert!(
        !super::view::bar_items(&state)
            .iter()
            .any(|(label, _)| label == "←"),
        "nothing comes before the first topic"
    );
    state.update(Action::Prev, now());
    assert!(matches!(state.screen, Screen::Question { intro: true, .. }));
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("first topic"))
    );
}

#[test]
fn the_mode_row_takes_letters_as_choices_and_says_what_it_is() {
    let mut state = state();
    state.update(Action::NewAssessment, now());
    state.update(Action::PrevField, now());
    let Screen::Details(form) = &state.screen else {
        panic!("details")
    };
    assert_eq!(form.focus, Field::Mode);
    assert!(
        super::view::bar_items(&state)
            .iter()
            .any(|(label, help)| label == "Space" && *help == "audit or self")
    );
    state.update(Action::Input('s'), now());
    state.update(Action::Input('x'), now());
    let Screen::Details(form) = &state.screen else {
        panic!("details")
    };
    assert_eq!(form.mode, Mode::SelfAssessment);
    assert!(
        form.fields[0].is_empty(),
        "letters typed on the mode row go nowhere else"
    );
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("mode"))
    );
}

#[test]
fn the_summary_lists_every_topic_with_t_and_a_waiting_critical_leads_to_its_gate() {
    let mut state = open(&["mfa", "api-keys"], Mode::Audit);
    assert_eq!(current(&state), "mfa/admin-accounts");
    state.update(Action::OpenSummary, now());
    let session = state.session.as_ref().expect("session");
    let waiting = session
        .fixes()
        .iter()
        .position(|f| f.waits_for.is_some())
        .expect("mfa/remote-access waits for remote-access-exists");
    state.update(Action::OpenTopics, now());
    assert_eq!(state.context(), Context::Topics);
    state.update(Action::Back, now());
    if let Screen::Summary { selected } = &mut state.screen {
        *selected = waiting;
    }
    state.update(Action::Select, now());
    assert_eq!(current(&state), "mfa/remote-access-exists");
}

#[test]
fn not_applicable_on_a_critical_question_asks_why_first() {
    // The built-in critical questions refuse n/a altogether; a checklist's own may allow it.
    let mut state = state();
    let own = crate::checklist::parse(
        "own.toml",
        b"format = 1\nid = \"own\"\nversion = \"1.0.0\"\ntitle = \"Own\"\n[[questions]]\nid = \"servers\"\nprompt = \"Are servers patched?\"\nseverity = \"critical\"\n",
        crate::checklist::Origin::BuiltIn("own.toml"),
    )
    .expect("valid");
    state.checklists.push(std::sync::Arc::new(own));
    let header = Header {
        mode: Mode::Audit,
        organization: "Acme".into(),
        site: String::new(),
        assessor: String::new(),
    };
    let checklists = vec![state.checklists.last().expect("own").clone()];
    let session = Session::new(
        Assessment::new(header, checklists, now()),
        PathBuf::from("/tmp/a.toml"),
    );
    state.update(Action::Opened(Box::new(session)), now());
    state.update(Action::Next, now());
    let session = state.session.as_ref().expect("session");
    assert!(session.question(session.at).is_critical());
    let critical = current(&state);
    assert_eq!(state.update(Action::Answer(Word::Na), now()), None);
    assert_eq!(
        state.context(),
        Context::Editor,
        "the reason is asked first"
    );
    assert_eq!(state.update(Action::EditorSave, now()), None);
    assert_eq!(answer(&state, &critical), None, "no reason, no answer");
    assert!(state.message.as_ref().is_some_and(|m| m.error));

    state.update(Action::Answer(Word::Na), now());
    for c in "No servers".chars() {
        state.update(key(KeyCode::Char(c)), now());
    }
    assert_eq!(state.update(Action::EditorSave, now()), Some(Effect::Save));
    assert_eq!(
        answer(&state, &critical),
        Some(AnswerValue::Text("na".into()))
    );
    let session = state.session.as_ref().expect("session");
    assert_eq!(session.assessment.answers[&critical].note, "No servers");
}

#[test]
fn the_hint_after_a_no_outlives_the_save_that_follows_it() {
    let mut state = open(&["mfa"], Mode::Audit);
    assert_eq!(
        state.update(Action::Answer(Word::No), now()),
        Some(Effect::Save)
    );
    let hint = state.message.clone().expect("hint").text;
    assert!(hint.contains("What to do is below"));
    let file = file_of(&state);
    state.update(Action::Saved(file), now());
    assert_eq!(
        state.message.as_ref().map(|m| m.text.as_str()),
        Some(hint.as_str())
    );
    // Once the person moves on, a later save says "saved" again.
    state.update(Action::Next, now());
    let file = file_of(&state);
    state.update(Action::Saved(file), now());
    assert_eq!(
        state.message.as_ref().map(|m| m.text.as_str()),
        Some("saved")
    );
}

fn visit(name: &str, site: &str, second: i64) -> crate::practice::Visit {
    crate::practice::Visit {
        path: PathBuf::from(format!("/tmp/{name}-{second}.toml")),
        id: format!("{name}{second}"),
        organization: name.into(),
        site: site.into(),
        assessor: "Jo".into(),
        mode: Mode::Audit,
        day: crate::assessment::Day::parse("2026-11-25").expect("day"),
        created: Timestamp::from_second(second).expect("time"),
        updated: Timestamp::from_second(second).expect("time"),
        score: Some(60.0),
        level: Some(crate::score::Level::Fair),
        coverage: Some(0.5),
        finished: false,
        archived: false,
    }
}

#[test]
fn the_start_screen_lists_clients_and_starts_their_next_visit() {
    let mut state = state();
    let mut list = vec![
        visit("Acme Dental", "Main office", 10),
        visit("Acme Dental", "Main office", 20),
        visit("Smith & Co", "", 30),
    ];
    saved::sort(&mut list);
    state.update(Action::Listed(list), now());
    state.update(Action::ToggleStartView, now());
    assert_eq!(state.clients().len(), 2);
    assert_eq!(
        state.update(Action::FollowUp, now()),
        Some(Effect::FollowUp(PathBuf::from("/tmp/Acme Dental-20.toml"))),
        "a client's next visit follows its latest"
    );
    state.update(Action::Down, now());
    assert_eq!(
        state.update(Action::Select, now()),
        Some(Effect::Open(PathBuf::from("/tmp/Smith & Co-30.toml")))
    );
    assert_eq!(
        state.update(Action::ToggleArchive, now()),
        Some(Effect::Archive {
            path: PathBuf::from("/tmp/Smith & Co-30.toml"),
            archived: true
        })
    );
    assert_eq!(state.update(Action::Delete, now()), None);
    assert_eq!(state.context(), Context::Confirm);
    assert_eq!(
        state.update(Action::Confirm, now()),
        Some(Effect::Delete(PathBuf::from("/tmp/Smith & Co-30.toml")))
    );
    state.update(Action::Rename, now());
    assert_eq!(state.context(), Context::Rename);
    for _ in 0.."Smith & Co".len() {
        state.update(Action::Erase, now());
    }
    for c in "Smith and Co".chars() {
        state.update(Action::Input(c), now());
    }
    assert_eq!(
        state.update(Action::Select, now()),
        Some(Effect::Rename {
            organization: "Smith & Co".into(),
            site: String::new(),
            to_organization: "Smith and Co".into(),
            to_site: String::new(),
        })
    );
}

#[test]
fn a_new_assessment_picks_a_known_client_so_a_typo_cannot_split_its_history() {
    let mut state = state();
    state.update(
        Action::Listed(vec![visit("Acme Dental", "Main office", 10)]),
        now(),
    );
    state.update(Action::NewAssessment, now());
    for c in "acme".chars() {
        state.update(Action::Input(c), now());
    }
    assert_eq!(state.suggestions().len(), 1);
    state.update(Action::Down, now());
    state.update(Action::Select, now());
    let Screen::Details(form) = &state.screen else {
        panic!("still the form")
    };
    assert_eq!(form.fields[0], "Acme Dental");
    assert_eq!(form.fields[1], "Main office");
    state.update(Action::Select, now());
    assert!(matches!(state.screen, Screen::Picker(_)));

    // A near miss is pointed out once; Enter again means a new client after all.
    let mut state = state_with(visit("Acme Dental", "", 10));
    state.update(Action::NewAssessment, now());
    for c in "Acme Dentl".chars() {
        state.update(Action::Input(c), now());
    }
    state.update(Action::Select, now());
    assert!(matches!(state.screen, Screen::Details(_)));
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("'Acme Dental' is"))
    );
    state.update(Action::Select, now());
    assert!(matches!(state.screen, Screen::Picker(_)));
}

fn state_with(saved: crate::practice::Visit) -> State {
    let mut state = state();
    state.update(Action::Listed(vec![saved]), now());
    state
}

#[test]
fn a_follow_up_visit_walks_the_carried_answers_first_and_c_confirms_each() {
    let mut first = open(&["mfa"], Mode::Audit);
    for word in [Word::No, Word::Yes] {
        first.update(Action::Answer(word), now());
        first.update(Action::Next, now());
    }
    let previous = first.session.expect("session").assessment;
    let header = previous.header.clone();
    let checklists = previous.checklists.clone();
    let next = crate::practice::follow_up(&previous, header, checklists, now()).assessment;
    let mut state = state();
    state.update(
        Action::Opened(Box::new(Session::new(next, PathBuf::from("/tmp/n.toml")))),
        now(),
    );
    let session = state.session.as_ref().expect("session");
    assert_eq!(session.filter, Filter::Carried);
    assert_eq!(session.carried(), 2);
    assert_eq!(current(&state), "mfa/admin-accounts");
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("c confirms"))
    );
    assert_eq!(
        state.update(Action::ConfirmCarried, now()),
        Some(Effect::Save)
    );
    assert_eq!(
        current(&state),
        "mfa/all-email",
        "on to the next to re-verify"
    );
    // Answering again re-verifies too.
    state.update(Action::Answer(Word::Partial), now());
    let session = state.session.as_ref().expect("session");
    assert_eq!(session.carried(), 0);
    assert!(!session.assessment.answers["mfa/admin-accounts"].carried);
}

#[test]
fn changing_a_carried_answer_marks_last_visits_note_and_stays_to_write_todays() {
    let mut first = open(&["mfa"], Mode::Audit);
    first
        .session
        .as_mut()
        .expect("session")
        .edit(now(), |a| a.note = "Checked in Entra".into());
    first.update(Action::Answer(Word::Yes), now());
    let previous = first.session.expect("session").assessment;
    let (header, checklists) = (previous.header.clone(), previous.checklists.clone());
    let next = crate::practice::follow_up(&previous, header, checklists, now()).assessment;
    let mut state = state();
    state.update(
        Action::Opened(Box::new(Session::new(next, PathBuf::from("/tmp/n.toml")))),
        now(),
    );
    assert_eq!(current(&state), "mfa/admin-accounts");
    state.update(Action::Answer(Word::No), now());
    assert_eq!(
        current(&state),
        "mfa/admin-accounts",
        "stays to take today's note"
    );
    let session = state.session.as_ref().expect("session");
    assert!(
        session.assessment.answers["mfa/admin-accounts"]
            .note
            .starts_with("(From the visit of ")
    );
    let file = file_of(&state);
    state.update(Action::Saved(file), now());
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("marked as that visit's"))
    );
}

#[test]
fn the_summary_edits_who_fixes_a_finding_and_an_accepted_risk_needs_its_reason() {
    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::Answer(Word::No), now());
    state.update(Action::OpenSummary, now());
    state.update(Action::EditAction, now());
    assert_eq!(state.context(), Context::ActionEdit);
    for c in "Jo".chars() {
        state.update(Action::Input(c), now());
    }
    state.update(Action::NextField, now());
    for c in "31/01/2027".chars() {
        state.update(Action::Input(c), now());
    }
    assert_eq!(state.update(Action::Select, now()), None);
    assert!(
        state
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("is not a date"))
    );
    for _ in 0.."31/01/2027".len() {
        state.update(Action::Erase, now());
    }
    for c in "2027-01-31".chars() {
        state.update(Action::Input(c), now());
    }
    state.update(Action::NextField, now());
    for _ in 0..3 {
        state.update(Action::CycleStatus, now());
    }
    assert_eq!(state.update(Action::Select, now()), None, "no reason yet");
    state.update(Action::NextField, now());
    for c in "Owner travels; fixed in March".chars() {
        state.update(Action::Input(c), now());
    }
    state.update(Action::NextField, now());
    for c in "2027-03-31".chars() {
        state.update(Action::Input(c), now());
    }
    assert_eq!(state.update(Action::Select, now()), Some(Effect::Save));
    let tracking =
        &state.session.as_ref().expect("session").assessment.actions["mfa/admin-accounts"];
    assert_eq!(tracking.owner, "Jo");
    assert_eq!(
        tracking.status,
        crate::assessment::ActionStatus::AcceptedRisk
    );
    assert_eq!(
        tracking.due.map(|d| d.to_string()).as_deref(),
        Some("2027-01-31")
    );
}

#[test]
fn i_marks_a_note_internal() {
    let mut state = open(&["mfa"], Mode::Audit);
    state.update(Action::EditNote, now());
    for c in "Owner refuses".chars() {
        state.update(key(KeyCode::Char(c)), now());
    }
    state.update(Action::EditorSave, now());
    assert_eq!(
        state.update(Action::ToggleInternal, now()),
        Some(Effect::Save)
    );
    assert!(
        state.session.as_ref().expect("session").assessment.answers["mfa/admin-accounts"].internal
    );
}
