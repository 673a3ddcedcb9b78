//! Every screen, drawn with `TestBackend` at 80×24 and 120×40 and compared with its snapshot;
//! and any state at any size, from 1×1 to 300×100, draws without panicking.

use std::path::PathBuf;

use jiff::Timestamp;
use posture::assessment::{Assessment, Header, Mode};
use posture::checklist::Catalog;
use posture::practice::Visit;
use posture::report::Format;
use posture::score::Level;
use posture::tui::{Action, Filter, MONO, Session, State, Word};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).expect("time")
}

fn base() -> State {
    let catalog = Catalog::load(&[]);
    State::new(
        catalog.checklists().to_vec(),
        Vec::new(),
        "Jo Tech".into(),
        MONO,
    )
}

fn act(state: &mut State, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        let _ = state.update(action, at(1_764_079_200));
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Input).collect()
}

fn editor_typed(text: &str) -> Vec<Action> {
    text.chars()
        .map(|c| {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            Action::EditorKey(KeyEvent::new(code, KeyModifiers::NONE))
        })
        .collect()
}

/// An open audit of MFA and backups with a few answers of every kind.
fn audit() -> State {
    let mut state = base();
    let checklists = ["mfa", "backups", "api-keys"]
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
        mode: Mode::Audit,
        organization: "Acme Dental".into(),
        site: "Main office".into(),
        assessor: "Jo Tech".into(),
    };
    let session = Session::new(
        Assessment::new(header, checklists, at(1_764_079_200)),
        PathBuf::from("/tmp/acme.toml"),
    );
    act(
        &mut state,
        [
            Action::Opened(Box::new(session)),
            Action::Next,
            Action::Answer(Word::Partial),
            Action::Next,
            Action::Answer(Word::Yes),
        ],
    );
    act(
        &mut state,
        [
            Action::Choose(2),
            Action::Next,
            Action::Answer(Word::No),
            Action::EditNote,
        ],
    );
    act(
        &mut state,
        editor_typed("Two shared mailboxes still use IMAP.\nAsk the MSP to block it."),
    );
    act(
        &mut state,
        [
            Action::EditorSave,
            Action::Next,
            Action::Answer(Word::Unknown),
            Action::Next,
            Action::Answer(Word::Yes),
        ],
    );
    // The shell saved each answer; the file now holds them all.
    let file = state.session.as_ref().expect("session").assessment.clone();
    act(&mut state, [Action::Saved(Box::new(file))]);
    state
}

fn saved(name: &str, site: &str, finished: bool, day: i64, score: f64, level: Level) -> Visit {
    let created = at(1_764_000_000 + day * 86_400);
    Visit {
        path: PathBuf::from(format!("/tmp/{name}-{day}.toml")),
        id: format!("01KA{day:+}{name}"),
        day: posture::assessment::Day::new(
            created.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
        ),
        archived: false,
        organization: name.into(),
        site: site.into(),
        assessor: "Jo Tech".into(),
        mode: if finished {
            Mode::SelfAssessment
        } else {
            Mode::Audit
        },
        created,
        updated: created,
        finished,
        coverage: Some(if finished { 1.0 } else { 0.41 }),
        score: Some(score),
        level: Some(level),
    }
}

fn start_screens() -> Vec<(&'static str, State)> {
    let mut list = Vec::new();
    list.push(("start-empty", base()));

    let mut start = base();
    start.skipped = vec![
        "/home/jo/.config/posture/checklists/printers.toml:7:12: unknown severity 'hgih'".into(),
    ];
    act(
        &mut start,
        [Action::Listed(vec![
            saved("Acme Dental", "Main office", false, 1, 63.2, Level::Fair),
            saved("Acme Dental", "Main office", true, -370, 44.0, Level::Weak),
            saved("Smith & Co", "", true, -54, 81.0, Level::Good),
        ])],
    );
    list.push(("start-saved", start));

    let mut details = base();
    act(&mut details, [Action::NewAssessment]);
    act(&mut details, typed("Acme Dental"));
    act(&mut details, [Action::NextField]);
    act(&mut details, typed("Main office"));
    list.push(("new-details", details.clone()));

    act(
        &mut details,
        [Action::Select, Action::Down, Action::ToggleTopic],
    );
    list.push(("new-topics", details));
    list
}

fn question_screens() -> Vec<(&'static str, State)> {
    let mut list = Vec::new();

    let mut question = audit();
    act(&mut question, [Action::Prev, Action::Prev]);
    list.push(("question-answered-with-note", question));

    let mut choice = audit();
    act(
        &mut choice,
        [Action::Prev, Action::Prev, Action::Prev, Action::Prev],
    );
    list.push(("question-choice", choice));

    let mut editing = audit();
    act(&mut editing, [Action::EditNote]);
    act(&mut editing, editor_typed("Router firmware is from 2021."));
    list.push(("question-editing-note", editing));

    let mut number = audit();
    act(&mut number, [Action::OpenSearch]);
    act(&mut number, typed("how many people email"));
    act(&mut number, [Action::Select, Action::EditValue]);
    act(&mut number, editor_typed("14"));
    list.push(("question-number-value", number));

    let mut self_mode = base();
    let checklists = vec![self_mode.checklists[0].clone()];
    let header = Header {
        mode: Mode::SelfAssessment,
        organization: "Smith & Co".into(),
        site: String::new(),
        assessor: "Sam".into(),
    };
    let session = Session::new(
        Assessment::new(header, checklists, at(0)),
        PathBuf::from("/tmp/s.toml"),
    );
    act(&mut self_mode, [Action::Opened(Box::new(session))]);
    list.push(("question-self-assessment", self_mode));

    let mut filtered = audit();
    act(
        &mut filtered,
        [Action::CycleFilter, Action::Answer(Word::Na)],
    );
    list.push(("question-filtered-with-message", filtered));

    let mut help = audit();
    act(&mut help, [Action::ToggleHelp]);
    list.push(("help", help));

    let mut topics = audit();
    act(&mut topics, [Action::OpenTopics, Action::Down]);
    list.push(("topics", topics));

    let mut search = audit();
    act(&mut search, [Action::OpenSearch]);
    act(&mut search, typed("backup"));
    act(&mut search, [Action::Down]);
    list.push(("search", search));

    // What the shell reports: Error::plain of a read-only folder.
    let read_only = "the disk or folder is read-only";
    let mut not_saved = audit();
    act(
        &mut not_saved,
        [
            Action::Answer(Word::No),
            Action::SaveFailed(read_only.into()),
        ],
    );
    list.push(("question-not-saved", not_saved.clone()));
    act(
        &mut not_saved,
        [Action::Quit, Action::SaveFailed(read_only.into())],
    );
    list.push(("quit-with-unsaved-answers", not_saved));

    let mut pasted = audit();
    act(&mut pasted, [Action::Paste("y\nn\n".into())]);
    list.push(("question-paste-ignored", pasted));
    list
}

fn summary_screens() -> Vec<(&'static str, State)> {
    let mut list = Vec::new();

    let mut summary = audit();
    act(&mut summary, [Action::OpenSummary, Action::Down]);
    list.push(("summary", summary.clone()));

    let mut compared = summary.clone();
    let mut last_year = base();
    let open_now = &compared.session.as_ref().expect("session").assessment;
    let earlier = Assessment::new(
        open_now.header.clone(),
        open_now.checklists.clone(),
        at(1_732_000_000),
    );
    let earlier = Session::new(earlier, PathBuf::from("/tmp/old.toml"));
    act(
        &mut last_year,
        [
            Action::Opened(Box::new(earlier)),
            Action::Answer(Word::Yes),
            Action::Answer(Word::No),
        ],
    );
    act(
        &mut last_year,
        [
            Action::Choose(4),
            Action::Answer(Word::Yes),
            Action::Answer(Word::Yes),
        ],
    );
    let before = last_year.session.expect("session").assessment;
    let trend = [
        (1_700_000_000, 41.0),
        (1_732_000_000, 55.5),
        (1_764_000_000, 63.2),
    ]
    .into_iter()
    .map(|(second, score)| posture::report::compare::TrendPoint {
        id: format!("01K{second}"),
        date: at(second).strftime("%Y-%m-%d").to_string(),
        score: Some(score),
        level: Some(Level::of(score).name()),
    })
    .collect();
    let comparison = posture::report::compare::compare(
        &before,
        &compared.session.as_ref().expect("session").assessment,
        trend,
    );
    act(&mut compared, [Action::Compared(Box::new(comparison))]);
    list.push(("summary-compare", compared));

    act(
        &mut summary,
        [Action::Exported(PathBuf::from(
            "/home/jo/.local/share/posture/reports/acme-dental/2026-11-25-main-office.md",
        ))],
    );
    list.push(("summary-exported", summary));
    list
}

/// An open assessment of `topics` for a client whose names are wide (CJK, emoji), at its
/// first question, past the introduction.
fn wide(mode: Mode, topics: &[&str]) -> State {
    let mut state = base();
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
        organization: "Café Zoë 東京 🍰 Holdings International".into(),
        site: "東京本店 🍰".into(),
        assessor: "佐藤 花子".into(),
    };
    let session = Session::new(
        Assessment::new(header, checklists, at(1_764_079_200)),
        PathBuf::from("/tmp/cafe.toml"),
    );
    act(&mut state, [Action::Opened(Box::new(session))]);
    state
}

/// A checklist of its own: a choice of fifteen (long labels), and a long prompt.
fn long_choices() -> State {
    let choices = (1..=15)
        .map(|i| {
            format!(
                "{{ id = \"c{i}\", label = \"Provider number {i}, with a label long enough to wrap at eighty columns: 東京 🍰\", score = 0.5 }}"
            )
        })
        .collect::<Vec<_>>()
        .join(",\n");
    let toml = format!(
        "format = 1\nid = \"many\"\nversion = \"1.0.0\"\ntitle = \"Many choices\"\n\
         [[questions]]\nid = \"pick\"\nprompt = \"{}\"\nseverity = \"low\"\nkind = \"choice\"\nchoices = [\n{choices}\n]\n",
        "Which of these providers does the business use for the thing this very long question asks about, at length? ".repeat(3)
    );
    let checklist = posture::checklist::parse(
        "many.toml",
        toml.as_bytes(),
        posture::checklist::Origin::BuiltIn("many.toml"),
    )
    .expect("valid");
    let header = Header {
        mode: Mode::Audit,
        organization: "Acme".into(),
        site: String::new(),
        assessor: String::new(),
    };
    let mut state = base();
    let session = Session::new(
        Assessment::new(header, vec![std::sync::Arc::new(checklist)], at(0)),
        PathBuf::from("/tmp/many.toml"),
    );
    act(
        &mut state,
        [
            Action::Opened(Box::new(session)),
            Action::Choose(1),
            Action::Choose(2),
        ],
    );
    state
}

/// The cases of the interview issue, with wide names: each at 80x24 and 120x40.
fn interview_screens() -> Vec<(&'static str, State)> {
    let mut list = Vec::new();
    list.push(("wide-intro", wide(Mode::Audit, &["mfa", "backups"])));

    let mut stayed = wide(Mode::Audit, &["mfa", "backups"]);
    act(&mut stayed, [Action::Next, Action::Answer(Word::No)]);
    list.push(("wide-no-stays-with-what-to-do", stayed.clone()));
    act(&mut stayed, [Action::EditNote]);
    act(&mut stayed, editor_typed("管理者アカウントにMFAがない 🍰"));
    list.push(("wide-note-names-its-question", stayed));

    let mut owner = wide(Mode::SelfAssessment, &["mfa", "backups"]);
    act(&mut owner, [Action::Next]);
    list.push(("owner-question-without-ids", owner.clone()));
    act(&mut owner, [Action::Answer(Word::No), Action::OpenSummary]);
    list.push(("owner-summary", owner));

    list.push(("long-choice-list", long_choices()));

    let mut text = wide(Mode::Audit, &["vendors"]);
    act(&mut text, [Action::Next, Action::OpenSearch]);
    act(&mut text, typed("who provides"));
    act(&mut text, [Action::Select, Action::EditValue]);
    act(
        &mut text,
        editor_typed("Northwind IT — 東京本店 🍰, a long answer that goes on and on past the edge"),
    );
    act(&mut text, [Action::EditorSave]);
    list.push(("wide-text-answer-wraps", text));

    let mut finished = wide(Mode::Audit, &["mfa"]);
    act(&mut finished, [Action::Next]);
    finished
        .session
        .as_mut()
        .expect("session")
        .assessment
        .finish(at(1_764_079_300));
    act(&mut finished, [Action::Answer(Word::Yes)]);
    list.push(("finished-read-only", finished.clone()));
    act(&mut finished, [Action::Reopen]);
    list.push(("confirm-reopen", finished));

    let mut finishing = wide(Mode::Audit, &["mfa", "backups"]);
    act(
        &mut finishing,
        [Action::OpenSummary, Action::ToggleFinished],
    );
    list.push(("confirm-finish-incomplete", finishing));

    let mut summary = wide(
        Mode::Audit,
        &[
            "mfa",
            "screen-lock",
            "api-keys",
            "breach-response",
            "backups",
            "updates",
            "email",
            "passwords",
            "encryption",
            "accounts",
            "network",
            "devices",
            "data",
            "vendors",
            "awareness",
            "logging",
        ],
    );
    act(
        &mut summary,
        [Action::Next, Action::Answer(Word::No), Action::OpenSummary],
    );
    list.push(("wide-summary-sixteen-topics", summary.clone()));
    act(
        &mut summary,
        [Action::Exported(PathBuf::from(
            "/home/jo/.local/share/posture/reports/cafe-zoë-東京/2026-12-01-東京本店.md",
        ))],
    );
    list.push(("wide-summary-report-path", summary.clone()));
    act(&mut summary, [Action::Select, Action::OpenTopics]);
    act(&mut summary, typed("back"));
    list.push(("topics-filtered", summary));

    list.extend(wide_list_screens());
    list
}

/// Lists and forms with wide names.
fn wide_list_screens() -> Vec<(&'static str, State)> {
    let mut list = Vec::new();
    let mut details = base();
    act(&mut details, [Action::NewAssessment]);
    act(
        &mut details,
        typed("Café Zoë 東京 🍰 Holdings International, Shibuya branch office"),
    );
    act(&mut details, [Action::Caret(posture::tui::Caret::Home)]);
    list.push(("wide-details-cursor", details));

    let mut start = base();
    act(
        &mut start,
        [Action::Listed(vec![
            saved(
                "Café Zoë 東京 🍰",
                "東京本店 🍰",
                false,
                1,
                63.2,
                Level::Fair,
            ),
            saved(
                "Café Zoë 東京 🍰",
                "東京本店 🍰",
                false,
                1,
                58.0,
                Level::Fair,
            ),
            saved("Acme Dental", "Main office", true, -370, 44.0, Level::Weak),
        ])],
    );
    list.push(("wide-start", start));
    list
}

/// An MSP's screens: clients, a known client picked in the form, a follow-up visit's carried
/// answers, an action being decided, a client renamed, a visit deleted.
fn practice_screens() -> Vec<(&'static str, State)> {
    let mut list = Vec::new();
    let visits = vec![
        saved(
            "Café Zoë 東京 🍰",
            "東京本店 🍰",
            false,
            1,
            63.2,
            Level::Fair,
        ),
        saved(
            "Café Zoë 東京 🍰",
            "東京本店 🍰",
            true,
            -370,
            44.0,
            Level::Weak,
        ),
        saved("Acme Dental", "Main office", true, -400, 71.0, Level::Fair),
        saved("Smith & Co", "", false, -10, 81.0, Level::Good),
    ];
    let mut clients = base();
    act(
        &mut clients,
        [Action::Listed(visits.clone()), Action::ToggleStartView],
    );
    list.push(("start-clients", clients.clone()));
    act(&mut clients, [Action::Rename]);
    list.push(("start-rename", clients));

    let mut delete = base();
    act(
        &mut delete,
        [Action::Listed(visits.clone()), Action::Down, Action::Delete],
    );
    list.push(("start-delete", delete));

    let mut picking = base();
    act(
        &mut picking,
        [Action::Listed(visits), Action::NewAssessment],
    );
    act(&mut picking, typed("caf"));
    act(&mut picking, [Action::Down]);
    list.push(("new-known-client", picking));

    let mut first = audit();
    act(&mut first, [Action::OpenSummary]);
    let previous = first.session.as_ref().expect("session").assessment.clone();
    let next = posture::practice::follow_up(
        &previous,
        previous.header.clone(),
        previous.checklists.clone(),
        at(1_764_100_000),
    )
    .assessment;
    let mut follow_up = base();
    act(
        &mut follow_up,
        [Action::Opened(Box::new(Session::new(
            next,
            PathBuf::from("/tmp/next.toml"),
        )))],
    );
    list.push(("follow-up-carried", follow_up));

    act(&mut first, [Action::EditAction]);
    act(&mut first, typed("Jo Tech"));
    act(&mut first, [Action::NextField]);
    act(&mut first, typed("2027-01-31"));
    act(&mut first, [Action::NextField, Action::CycleStatus]);
    list.push(("summary-action", first));
    list
}

/// Every screen and popup worth a snapshot, by name.
fn screens() -> Vec<(&'static str, State)> {
    [
        start_screens(),
        question_screens(),
        summary_screens(),
        interview_screens(),
        practice_screens(),
    ]
    .concat()
}

fn draw(state: &State, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| frame.render_widget(state, frame.area()))
        .expect("draw");
    terminal
}

#[test]
fn every_screen_matches_its_snapshot() {
    for (name, state) in screens() {
        for (width, height) in SIZES {
            let terminal = draw(&state, width, height);
            insta::assert_snapshot!(format!("{name}-{width}x{height}"), terminal.backend());
        }
    }
}

#[test]
fn a_small_terminal_gets_a_message_that_recovers_on_resize() {
    let state = audit();
    insta::assert_snapshot!("too-small-60x20", draw(&state, 60, 20).backend());
    let text = format!("{}", draw(&state, 80, 24).backend());
    assert!(!text.contains("needs at least"), "80×24 is enough");
}

#[test]
fn without_colour_selection_and_status_are_still_visible() {
    let mut state = audit();
    act(&mut state, [Action::OpenSummary]);
    let terminal = draw(&state, 80, 24);
    let buffer = terminal.backend().buffer();
    let marked = (0..buffer.area.height).any(|y| {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        line.contains('▸')
    });
    assert!(marked, "the selected row carries a ▸ marker");
    for cell in buffer.content() {
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "no colour with NO_COLOR"
        );
    }
}

/// Any mix of screens, popups, answers and messages.
fn any_state() -> impl Strategy<Value = State> {
    let steps = prop::collection::vec(
        prop::sample::select(vec![
            Action::Answer(Word::Yes),
            Action::Answer(Word::Partial),
            Action::Answer(Word::No),
            Action::Answer(Word::Na),
            Action::Choose(1),
            Action::Choose(4),
            Action::Next,
            Action::Prev,
            Action::NextUnanswered,
            Action::ToggleFlag,
            Action::ClearAnswer,
            Action::CycleFilter,
            Action::ScrollDown,
            Action::OpenSummary,
            Action::OpenQuestions,
            Action::OpenTopics,
            Action::OpenSearch,
            Action::Input('m'),
            Action::Up,
            Action::Down,
            Action::Select,
            Action::Back,
            Action::ToggleHelp,
            Action::EditNote,
            Action::EditValue,
            Action::EditorSave,
            Action::Export(Format::Markdown),
            Action::SaveFailed("disk full".into()),
            Action::NewAssessment,
        ]),
        0..40,
    );
    steps.prop_map(|steps| {
        let mut state = audit();
        act(&mut state, steps);
        state
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_state_draws_at_any_size(state in any_state(), width in 1u16..=300, height in 1u16..=100) {
        let _ = draw(&state, width, height);
    }
}

#[test]
fn filters_are_named_on_screen() {
    let mut state = audit();
    act(&mut state, [Action::CycleFilter]);
    assert_eq!(
        state.session.as_ref().expect("session").filter,
        Filter::Unanswered
    );
    // Once the message is gone, the title still says so, at any width.
    state.message = None;
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = format!("{}", draw(&state, width, height).backend());
        assert!(screen.contains("only unanswered"), "{screen}");
    }
}
