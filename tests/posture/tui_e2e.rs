//! The real binary in a pseudo-terminal: start, create an assessment, answer questions of every
//! kind, add a note, quit, start again and resume; and a session killed with SIGKILL that loses
//! nothing answered. Screens are read through a terminal emulator; waits are for text, never
//! fixed sleeps.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use posture::assessment::{self, AnswerValue};
use posture::checklist::Catalog;
use posture::score;

use crate::support::Home;
use crate::tty::{PATIENCE, Tty};

const ESC: &str = "\u{1b}";
const TAB: &str = "\t";
const ENTER: &str = "\r";
const RIGHT: &str = "\u{1b}[C";

fn the_assessment(home: &Home) -> PathBuf {
    let org = home.path().join("assessments/acme-dental");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&org)
        .expect("organisation folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.remove(0)
}

fn value(path: &Path, question: &str) -> Option<AnswerValue> {
    let loaded = assessment::load(path, &Catalog::load(&[])).expect("loads");
    loaded.answers.get(question).and_then(|a| a.value.clone())
}

/// Starts posture and creates an audit of MFA, accounts and vendors for Acme Dental through
/// the form.
fn create_through_the_form(home: &Home) -> Tty {
    let mut tty = Tty::start(home, &[]);
    tty.wait_for("No saved assessments yet");
    tty.send("n");
    tty.wait_for("New assessment");
    tty.send(&format!("Acme Dental{TAB}Main office{TAB}Jo Tech"));
    tty.wait_for("Jo Tech");
    tty.send(ENTER);
    tty.wait_for("2 of 2: topics");
    // Only MFA, accounts and vendors: untick all, tick the first, the eighth and the 19th.
    tty.send("n ");
    tty.wait_for("[x] Multi-factor authentication");
    tty.send(&format!("{} ", "j".repeat(7)));
    tty.wait_for("[x] Accounts, admin rights, joiners and leavers");
    tty.send(&format!("{} ", "j".repeat(11)));
    tty.wait_for("[x] Vendors and third parties");
    tty.send(ENTER);
    tty
}

#[test]
fn create_answer_note_quit_resume_and_nothing_is_lost() {
    let home = Home::new();
    let mut tty = create_through_the_form(&home);
    // A topic not started opens with its introduction.
    tty.wait_for("begins the topic");
    tty.send(ENTER);
    tty.wait_for("Does every administrator account require");
    // Anything but yes stays on the question, with what to do; → moves on.
    tty.send("p");
    tty.wait_for("current answer: Partly");
    tty.wait_for("What to do");
    tty.send(RIGHT);
    tty.wait_for("Does every staff email account require");
    tty.send("y");
    tty.wait_for("weakest second factor");
    tty.send("2");
    tty.wait_for("current answer: Authenticator app");
    tty.send(RIGHT);
    tty.wait_for("Do the highest-risk accounts");
    tty.send("u");
    tty.wait_for("current answer: Don't know");
    tty.send(RIGHT);
    tty.wait_for("Are the old sign-in routes");
    tty.send(RIGHT);
    tty.wait_for("Does every login that can move");
    tty.send("e");
    tty.wait_for("Note for mfa/banking — Esc keeps it");
    tty.send(&format!("Bank login has no MFA | call bank{ESC}"));
    tty.wait_editor_closed();
    tty.send("/how many people");
    tty.wait_for("How many people work for the business");
    tty.send(ENTER);
    tty.wait_for("type a number");
    tty.send(ENTER);
    tty.wait_for("Answer for accounts/staff-count — Enter keeps it");
    tty.send(&format!("12{ENTER}"));
    // Saved, and on to the next topic, which introduces itself first.
    tty.wait_for("begins the topic");
    tty.send(ENTER);
    tty.wait_for("list of every IT supplier");
    tty.send(RIGHT);
    tty.wait_for("Does an outside IT provider");
    tty.send("y");
    tty.wait_for("own named account");
    tty.send("/who provides your it");
    tty.wait_for("Who provides your IT support, and how do you reach them urgently? — Vendors");
    tty.send(ENTER);
    tty.wait_for("type the answer");
    tty.send(&format!("{ENTER}Northwind IT, 0161 496 0000{ENTER}"));
    tty.wait_for("current answer: Northwind IT, 0161 496 0000");
    tty.send("q");
    assert!(tty.wait_exit(), "posture exits successfully");
    let raw = String::from_utf8_lossy(&tty.raw);
    assert!(
        raw.contains("\u{1b}[?1049l"),
        "the terminal left the alternate screen"
    );
    assert!(tty.contents().contains("Your answers are saved in"));

    let path = the_assessment(&home);
    let text = |t: &str| Some(AnswerValue::Text(t.into()));
    for (question, expected) in [
        ("mfa/admin-accounts", text("partial")),
        ("mfa/all-email", text("yes")),
        ("mfa/method", text("app")),
        ("mfa/phishing-resistant", text("unknown")),
        ("accounts/staff-count", Some(AnswerValue::Integer(12))),
        ("vendors/it-provider", text("Northwind IT, 0161 496 0000")),
    ] {
        assert_eq!(value(&path, question), expected, "{question}");
    }
    let loaded = assessment::load(&path, &Catalog::load(&[])).expect("loads");
    assert_eq!(
        loaded.answers["mfa/banking"].note,
        "Bank login has no MFA | call bank"
    );
    // Σw: MFA's 11 scored questions asked (remote access waits for its gate) 49, accounts'
    // 11 32, vendors' 10 (the IT provider's three come in with the yes) 29; Σwc = 8 × 0.25
    // (partly on a critical question) + 8 (yes) + 3.2 (the app choice, 0.8 × 4) = 13.2.
    let card = score::score(&loaded);
    let expected = 100.0 * 13.2 / 110.0;
    assert!(
        (card.overall.score().expect("score") - expected).abs() < 1e-9,
        "{:?}",
        card.overall
    );

    resume_where_it_was_left(&home, &path);
}

/// Starts posture again: the start screen offers to continue, which resumes where the last
/// session left off (the vendors' IT provider question); a search finds the banking question.
fn resume_where_it_was_left(home: &Home, path: &Path) {
    let mut tty = Tty::start(home, &[]);
    tty.wait_for("Continue");
    tty.wait_for("Acme Dental — Main office · Jo Tech");
    tty.send("c");
    tty.wait_for("Who provides your IT support");
    tty.send("/online banking");
    tty.wait_for("Does every login that can move");
    tty.send(ENTER);
    tty.wait_for("Bank login has no MFA | call bank");
    tty.send("y");
    tty.wait_for("saved");
    tty.send("q");
    assert!(tty.wait_exit());
    assert_eq!(
        value(path, "mfa/banking"),
        Some(AnswerValue::Text("yes".into()))
    );
}

#[test]
fn a_no_stays_shows_the_fix_and_the_note_lands_on_that_question() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme Dental", "--topics", "backups"]);
    let mut tty = Tty::open(&home, &path);
    tty.wait_for("backed up automatically");
    tty.send("n");
    tty.wait_for("current answer: No");
    tty.wait_for("What to do");
    tty.send("e");
    tty.wait_for("Note for backups/automatic");
    tty.send(&format!("The NAS copies once a week, by hand{ESC}"));
    tty.wait_editor_closed();
    tty.send(RIGHT);
    tty.wait_for("at least one backup copy");
    tty.send("q");
    assert!(tty.wait_exit());
    let loaded = assessment::load(&path, &Catalog::load(&[])).expect("loads");
    let answer = &loaded.answers["backups/automatic"];
    assert_eq!(answer.value, Some(AnswerValue::Text("no".into())));
    assert_eq!(answer.note, "The NAS copies once a week, by hand");
    assert!(!loaded.answers.contains_key("backups/out-of-reach"));
}

/// A backups-only assessment opened with `posture open`, the first question answered yes.
fn backups_answered_once(home: &Home) -> (PathBuf, Tty) {
    let path = home.new_assessment(&["--org", "Acme Dental", "--topics", "backups"]);
    let mut tty = Tty::open(home, &path);
    tty.wait_for("backed up automatically");
    tty.send("y");
    tty.wait_for("at least one backup copy");
    (path, tty)
}

#[test]
fn sigkill_mid_session_loses_nothing_that_was_answered() {
    let home = Home::new();
    let (path, mut tty) = backups_answered_once(&home);
    tty.send("n");
    tty.wait_for("current answer: No");
    tty.send(RIGHT);
    tty.wait_for("to a separate backup");
    tty.send("p");
    tty.wait_for("current answer: Partly");
    tty.signal("-KILL");
    let _ = tty.wait_exit();
    for (question, expected) in [
        ("backups/automatic", "yes"),
        ("backups/out-of-reach", "no"),
        ("backups/cloud-services", "partial"),
    ] {
        assert_eq!(
            value(&path, question),
            Some(AnswerValue::Text(expected.into())),
            "{question}"
        );
    }
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_answers() {
    for signal in ["-TERM", "-HUP", "-QUIT"] {
        let home = Home::new();
        let (path, mut tty) = backups_answered_once(&home);
        tty.signal(signal);
        tty.wait_exit();
        let raw = String::from_utf8_lossy(&tty.raw);
        assert!(
            raw.contains("\u{1b}[?1049l"),
            "{signal}: the alternate screen was left"
        );
        assert_eq!(
            value(&path, "backups/automatic"),
            Some(AnswerValue::Text("yes".into())),
            "{signal}"
        );
    }
}

/// Whether a process has ended (gone, or a zombie waiting to be reaped).
fn ended(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z'))
    })
}

#[test]
fn closing_the_terminal_window_ends_posture_and_keeps_the_answers() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme Dental", "--topics", "backups"]);
    let mut tty = Tty::start_under_shell(&home, &["open", path.to_str().expect("utf-8")]);
    tty.begin_topic();
    tty.wait_for("backed up automatically");
    tty.send("y");
    tty.wait_for("at least one backup copy");
    tty.send("e");
    tty.wait_for("Esc keeps it");
    // The line break leaves the harness's parting Ctrl-J and Ctrl-D (see `hang_up`) nothing
    // to delete.
    tty.send(&format!("typed when the window closed{ENTER}"));
    tty.wait_for("typed when the window closed");
    let shell = tty.child.process_id().expect("shell pid");
    let children =
        std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).expect("children");
    let posture: u32 = children
        .split_whitespace()
        .next()
        .expect("posture runs")
        .parse()
        .expect("pid");
    tty.hang_up();
    let deadline = Instant::now() + PATIENCE;
    while !ended(posture) {
        assert!(
            Instant::now() < deadline,
            "posture kept running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        value(&path, "backups/automatic"),
        Some(AnswerValue::Text("yes".into()))
    );
    let loaded = assessment::load(&path, &Catalog::load(&[])).expect("loads");
    assert_eq!(
        loaded.answers["backups/out-of-reach"].note.trim_end(),
        "typed when the window closed"
    );
}

#[test]
fn a_paste_arrives_whole_and_is_never_read_as_keys() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme Dental", "--topics", "mfa,accounts"]);
    let mut tty = Tty::open(&home, &path);
    tty.wait_for("Does every administrator account require");
    // No field has focus on the question screen: the paste is ignored, never answered.
    tty.paste("y\ny\nq\n");
    tty.wait_for("Paste ignored");
    assert_eq!(value(&path, "mfa/admin-accounts"), None);

    // About 100 KB with line breaks, pipes and answer letters goes whole into the note.
    tty.send("e");
    tty.wait_for("Esc keeps it");
    let paragraph = (0..2_800).fold(String::new(), |mut text, i| {
        let _ = writeln!(text, "line {i:04} of the pasted report | y n q");
        text
    });
    assert!(paragraph.len() > 100_000);
    let started = Instant::now();
    tty.paste(&paragraph);
    tty.send(ESC);
    tty.wait_for("saved");
    eprintln!(
        "a {} byte paste was saved {:?} after it was sent",
        paragraph.len(),
        started.elapsed()
    );
    let loaded = assessment::load(&path, &Catalog::load(&[])).expect("loads");
    assert_eq!(loaded.answers["mfa/admin-accounts"].note, paragraph);
    assert_eq!(
        value(&path, "mfa/admin-accounts"),
        None,
        "nothing was answered"
    );

    // A one-line field takes the first line and says so; the rest never runs as keys.
    tty.send("/how many people");
    tty.wait_for("How many people work for the business");
    tty.send(ENTER);
    tty.wait_for("type a number");
    tty.send(ENTER);
    tty.wait_for("Answer for accounts/staff-count — Enter keeps it");
    tty.paste("12\nq\ny\n");
    tty.wait_for("Only the first line was pasted");
    tty.send(ENTER);
    tty.wait_for("saved");
    tty.send("q");
    assert!(tty.wait_exit());
    assert_eq!(
        value(&path, "accounts/staff-count"),
        Some(AnswerValue::Integer(12))
    );
    let loaded = assessment::load(&path, &Catalog::load(&[])).expect("loads");
    let answered: Vec<&String> = loaded
        .answers
        .values()
        .filter(|a| a.value.is_some())
        .map(|a| &a.question)
        .collect();
    assert_eq!(answered, ["accounts/staff-count"]);
}

/// A process's peak memory (kB) and the CPU time it has used (clock ticks).
fn usage(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|kb| kb.parse().ok())
        .expect("VmHWM");
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .expect("fields")
        .split_whitespace()
        .collect();
    // utime and stime are fields 14 and 15 of stat; fields[0] here is field 3.
    let ticks =
        fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime");
    (peak, ticks)
}

#[test]
fn large_and_enormous_windows_cost_bounded_memory_and_no_idle_cpu() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme Dental", "--topics", "mfa"]);
    let mut tty = Tty::open(&home, &path);
    tty.wait_for("Does every administrator account require");
    // (columns, rows) of the window, and the emulator's view of it: its top rows, as wide as
    // what posture draws, so that the title bar's progress shows near the right edge once the
    // frame is drawn at the new size.
    for (columns, rows, drawn) in [(300, 100, 300), (10_000, 10_000, 1_000)] {
        tty.resize(columns, rows, (40, drawn));
        tty.wait_until(
            &format!("the screen drawn {drawn} columns wide"),
            |screen| {
                screen
                    .lines()
                    .next()
                    .and_then(|title| title.rfind('%'))
                    .is_some_and(|at| at > usize::from(drawn) - 30)
            },
        );
        let (peak_kb, before) = usage(tty.pid());
        eprintln!("peak memory after a {columns}x{rows} window: {peak_kb} kB");
        assert!(
            peak_kb < 256 * 1024,
            "posture reached {peak_kb} kB in a {columns}x{rows} window"
        );
        // Nothing changes on screen: nothing is drawn, so idle costs next to nothing.
        std::thread::sleep(Duration::from_secs(2));
        let (_, after) = usage(tty.pid());
        eprintln!(
            "CPU in 2 idle seconds at {columns}x{rows}: {} ticks",
            after - before
        );
        assert!(
            after - before < 40,
            "{} ticks of CPU in 2 idle seconds at {columns}x{rows}",
            after - before
        );
    }
    tty.send("q");
    assert!(tty.wait_exit());
}

#[test]
fn a_follow_up_visit_from_the_clients_list_reverifies_carried_answers_with_one_key() {
    let home = Home::new();
    let first = home.new_assessment(&["--org", "Acme Dental", "--topics", "backups"]);
    for (question, answer) in [("backups/automatic", "no"), ("backups/out-of-reach", "yes")] {
        home.posture()
            .args(["answer", first.to_str().expect("utf-8"), question, answer])
            .assert()
            .success();
    }
    let mut tty = Tty::start(&home, &[]);
    tty.wait_for("Recent visits");
    tty.send(TAB);
    tty.wait_for("Clients (1)");
    tty.send("f");
    tty.wait_for("2 answers carried over from the last visit");
    tty.wait_for("carried over from the last visit: c confirms it");
    tty.send("c");
    tty.wait_for("at least one backup copy");
    tty.send("q");
    assert!(tty.wait_exit());
    let files: Vec<PathBuf> = std::fs::read_dir(first.parent().expect("folder"))
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| *p != first && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "one follow-up visit: {files:?}");
    let next = assessment::load(&files[0], &Catalog::load(&[])).expect("loads");
    assert!(
        !next.answers["backups/automatic"].carried,
        "confirmed with c"
    );
    assert!(
        next.answers["backups/out-of-reach"].carried,
        "still to re-verify"
    );
    assert_eq!(
        next.answers["backups/automatic"].value,
        Some(AnswerValue::Text("no".into()))
    );
}
