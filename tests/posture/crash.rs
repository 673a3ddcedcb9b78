//! The crash harness: sessions of the CLI and of the interface, killed with SIGKILL at random
//! moments (before, during and after a save). Afterwards every answer a session acknowledged
//! is in the file, the file always loads, and the next save leaves no temporary file behind.
//!
//! `cargo test` runs a short round. The long one:
//! `POSTURE_CRASH_SESSIONS=300 cargo test --release --test posture crash -- --nocapture`
//! (`POSTURE_CRASH_SEED` repeats a run).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use posture::assessment::{self, AnswerValue};
use posture::checklist::{Catalog, Kind};
use posture::tui::{Action, MONO, Screen, Session, State, Word};

use crate::support::Home;
use crate::tty::Tty;

/// A small xorshift generator: reproducible from its seed, no dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn setting(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// What the sessions acknowledged, and what went wrong.
#[derive(Default)]
struct Tally {
    /// Per question: the last acknowledged answer, then answers given to it since by
    /// sessions that were killed before acknowledging them (their save may have landed).
    expected: BTreeMap<String, Vec<AnswerValue>>,
    acknowledged: usize,
    killed: usize,
    lost: Vec<String>,
    corrupt: Vec<String>,
}

impl Tally {
    fn acknowledge(&mut self, question: &str, answer: &str) {
        self.acknowledged += 1;
        self.expected
            .insert(question.to_owned(), vec![AnswerValue::Text(answer.into())]);
    }

    /// An answer given by a session that was killed before it was acknowledged.
    fn attempted(&mut self, question: &str, answer: &str) {
        if let Some(allowed) = self.expected.get_mut(question) {
            allowed.push(AnswerValue::Text(answer.into()));
        }
    }

    /// Checks the file after a session: it loads and holds every acknowledged answer (or one
    /// given after it by a killed session).
    fn check(&mut self, path: &Path, session: &str) {
        match assessment::load(path, &Catalog::load(&[])) {
            Ok(loaded) => {
                for (question, allowed) in &self.expected {
                    let stored = loaded.answers.get(question).and_then(|a| a.value.as_ref());
                    if !stored.is_some_and(|v| allowed.contains(v)) {
                        self.lost.push(format!(
                            "{session}: {question} is {stored:?}, expected {allowed:?}"
                        ));
                    }
                }
            }
            Err(e) => self.corrupt.push(format!("{session}: {e}")),
        }
    }
}

/// `posture answer`, killed if it is still running after `wait`; true when it succeeded.
fn cli_session(home: &Home, path: &Path, question: &str, answer: &str, wait: Duration) -> bool {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("posture"))
        .env("POSTURE_HOME", home.path())
        .args(["answer", path.to_str().expect("utf-8"), question, answer])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + wait;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return status.success();
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = child.kill(); // SIGKILL on Unix
    child.wait().expect("wait").success()
}

/// The state the interface starts in on the file as it is now: what it will show.
fn predicted(path: &Path) -> State {
    let catalog = Catalog::load(&[]);
    let file = assessment::load(path, &catalog).expect("loads");
    let mut state = State::new(
        catalog.checklists().to_vec(),
        Vec::new(),
        String::new(),
        MONO,
    );
    state.update(
        Action::Opened(Box::new(Session::new(file, path.to_path_buf()))),
        Timestamp::now(),
    );
    state
}

/// The first words of the current question's prompt, as the screen shows them.
fn prompt(state: &State) -> Option<String> {
    let session = state.session.as_ref()?;
    let text = posture::text::one_line(&session.question(session.at).prompt);
    Some(text.chars().take(40).collect())
}

/// What the screen shows once the state is drawn: a topic's introduction, or the question's
/// prompt, or (when an answer kept the question on screen) that answer.
fn shown(state: &State, stayed: bool) -> Option<String> {
    if matches!(state.screen, Screen::Question { intro: true, .. }) {
        return Some("begins the topic".into());
    }
    let session = state.session.as_ref()?;
    if stayed {
        let label = session.response(session.at)?.label();
        return Some(format!(
            "current answer: {}",
            label.chars().take(20).collect::<String>()
        ));
    }
    prompt(state)
}

/// One interface session: answers a few questions, each acknowledged once the screen shows it
/// saved (it changes only after the save), then presses one more key and is killed at once or
/// soon after.
fn tui_session(home: &Home, path: &Path, random: &mut Random, tally: &mut Tally) {
    let mut state = predicted(path);
    if state.session.is_none() {
        return;
    }
    let mut tty = Tty::start(home, &["open", path.to_str().expect("utf-8")]);
    let answers = 1 + random.below(4);
    let mut n = 0;
    while n <= answers {
        let Some(screen) = shown(&state, false) else {
            break;
        };
        tty.wait_for(&screen);
        if matches!(state.screen, Screen::Question { intro: true, .. }) {
            tty.send("\r");
            state.update(Action::EditValue, Timestamp::now());
            continue;
        }
        let id = current(&state);
        let session = state.session.as_ref().expect("session");
        let (key, action, value) = match session.question(session.at).kind {
            Kind::YesNo => {
                let (key, word, stored) = [
                    ("y", Word::Yes, "yes"),
                    ("n", Word::No, "no"),
                    ("p", Word::Partial, "partial"),
                ][usize::try_from(random.below(3)).expect("small")];
                (key, Action::Answer(word), Some(stored.to_owned()))
            }
            Kind::Choice(ref choices) => ("1", Action::Choose(1), Some(choices[0].id.clone())),
            Kind::Text | Kind::Number => ("\u{1b}[C", Action::Next, None),
        };
        state.update(action, Timestamp::now());
        tty.send(key);
        if n == answers {
            // The last key: killed at once, mid-save, or just after.
            std::thread::sleep(Duration::from_millis(random.below(25)));
            if let Some(value) = value {
                tally.attempted(&id, &value);
            }
            break;
        }
        n += 1;
        let stayed = current(&state) == id;
        let Some(after) = shown(&state, stayed && value.is_some()) else {
            break;
        };
        tty.wait_for(&after);
        if let Some(value) = value {
            tally.acknowledge(&id, &value);
        }
        if stayed {
            // Move on, as the person would after reading what to do.
            tty.send("\u{1b}[C");
            state.update(Action::Next, Timestamp::now());
            if current(&state) == id {
                break;
            }
        }
    }
    tty.signal("-KILL");
    let _ = tty.wait_exit();
    tally.killed += 1;
}

/// The id of the question the interface shows.
fn current(state: &State) -> String {
    let session = state.session.as_ref().expect("session");
    format!(
        "{}/{}",
        session.checklist(session.at).id,
        session.question(session.at).id
    )
}

#[test]
fn sessions_killed_at_random_lose_nothing_and_corrupt_nothing() {
    let sessions =
        setting("POSTURE_CRASH_SESSIONS").map_or(16, |n| usize::try_from(n).unwrap_or(16));
    let seed = setting("POSTURE_CRASH_SEED").unwrap_or_else(|| {
        u64::try_from(Timestamp::now().as_nanosecond().unsigned_abs() % u128::from(u64::MAX))
            .unwrap_or(1)
            | 1
    });
    let mut random = Random(seed);
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Crash Test", "--mode", "audit"]);
    let catalog = Catalog::load(&[]);
    let questions: Vec<String> = catalog
        .checklists()
        .iter()
        .flat_map(|c| {
            c.questions
                .iter()
                .filter(|q| matches!(q.kind, Kind::YesNo) && q.ask_if.is_none())
                .map(move |q| format!("{}/{}", c.id, q.id))
        })
        .collect();

    // How long one answer takes here, so that kills land before, during and after the save.
    let started = Instant::now();
    assert!(cli_session(
        &home,
        &path,
        &questions[0],
        "yes",
        Duration::from_secs(30)
    ));
    let typical = started.elapsed();
    let mut tally = Tally::default();
    tally.acknowledge(&questions[0], "yes");

    for n in 0..sessions {
        if n % 2 == 0 {
            let question =
                &questions[usize::try_from(random.below(questions.len() as u64)).expect("small")];
            let answer = ["yes", "no", "partial"][usize::try_from(random.below(3)).expect("small")];
            let wait = typical * u32::try_from(random.below(9)).expect("small") / 4;
            if cli_session(&home, &path, question, answer, wait) {
                tally.acknowledge(question, answer);
            } else {
                tally.attempted(question, answer);
                tally.killed += 1;
            }
        } else {
            tui_session(&home, &path, &mut random, &mut tally);
        }
        tally.check(&path, &format!("session {n}"));
    }

    // The next save removes what killed saves left behind.
    assert!(cli_session(
        &home,
        &path,
        &questions[0],
        "yes",
        Duration::from_secs(30)
    ));
    tally.acknowledge(&questions[0], "yes");
    tally.check(&path, "after the sessions");
    let folder = path.parent().expect("folder");
    let leftovers: Vec<String> = std::fs::read_dir(folder)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|name| Path::new(name).extension().is_some_and(|e| e == "tmp"))
        .collect();

    eprintln!(
        "crash harness (seed {seed}): {sessions} sessions ({} CLI, {} interface), {} killed, {} answers acknowledged, {} lost, {} corrupt",
        sessions.div_ceil(2),
        sessions / 2,
        tally.killed,
        tally.acknowledged,
        tally.lost.len(),
        tally.corrupt.len()
    );
    assert!(
        tally.killed > 0,
        "no session was killed: the harness proved nothing"
    );
    assert!(tally.lost.is_empty(), "seed {seed}: lost {:?}", tally.lost);
    assert!(
        tally.corrupt.is_empty(),
        "seed {seed}: corrupt {:?}",
        tally.corrupt
    );
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}
