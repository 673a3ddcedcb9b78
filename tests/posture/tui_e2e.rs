//! The real binary in a pseudo-terminal: start, create an assessment, answer questions of every
//! kind, add a note, quit, start again and resume; and a session killed with SIGKILL that loses
//! nothing answered. Screens are read through a terminal emulator; waits are for text, never
//! fixed sleeps.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use posture::assessment::{self, AnswerValue};
use posture::checklist::Catalog;
use posture::score;

use crate::support::Home;

const ROWS: u16 = 30;
const COLS: u16 = 100;
const PATIENCE: Duration = Duration::from_secs(20);

/// posture running in a pseudo-terminal, with the screen as a terminal would show it.
struct Tty {
    child: Box<dyn Child + Send + Sync>,
    /// `None` once the terminal has been hung up.
    writer: Option<Box<dyn Write + Send>>,
    /// Tells the reader to close its side of the terminal after its next read.
    close: Arc<AtomicBool>,
    output: Receiver<Vec<u8>>,
    screen: vt100::Parser,
    raw: Vec<u8>,
}

impl Tty {
    fn start(home: &Home, args: &[&str]) -> Self {
        Self::spawn(
            home,
            assert_cmd::cargo::cargo_bin!("posture").as_os_str(),
            args,
        )
    }

    /// posture started by a shell that outlives it, as a terminal window runs it: the shell,
    /// not posture, leads the terminal's session.
    fn start_under_shell(home: &Home, args: &[&str]) -> Self {
        let mut shell_args = vec!["-c", "\"$0\" \"$@\"; sleep 30"];
        let binary = assert_cmd::cargo::cargo_bin!("posture");
        let binary = binary.to_str().expect("utf-8");
        shell_args.push(binary);
        shell_args.extend_from_slice(args);
        Self::spawn(home, std::ffi::OsStr::new("sh"), &shell_args)
    }

    fn spawn(home: &Home, program: &std::ffi::OsStr, args: &[&str]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("POSTURE_HOME", home.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        let child = pair.slave.spawn_command(cmd).expect("spawn posture");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (send, output) = channel();
        let close = Arc::new(AtomicBool::new(false));
        let closing = Arc::clone(&close);
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || send.send(buf[..n].to_vec()).is_err() || closing.load(Ordering::SeqCst)
                {
                    break;
                }
            }
        });
        Self {
            child,
            writer: Some(writer),
            close,
            output,
            screen: vt100::Parser::new(
                ROWS.try_into().expect("rows"),
                COLS.try_into().expect("cols"),
                0,
            ),
            raw: Vec::new(),
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.contents().contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {text:?}; the screen shows:\n{}",
                self.contents()
            );
            if let Ok(bytes) = self
                .output
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                self.screen.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
        }
    }

    fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).expect("write keys");
        writer.flush().expect("flush");
    }

    /// Closes the terminal, as closing its window does: once every handle on the terminal's
    /// side is gone, the program's end reads end-of-file and its writes fail.
    fn hang_up(&mut self) {
        self.close.store(true, Ordering::SeqCst);
        // Any key makes posture draw, which wakes the reader to see the flag and close.
        self.send("?");
        self.writer = None;
    }

    /// Reads until the process has exited and its output has drained.
    fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + PATIENCE;
        loop {
            while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(100)) {
                self.screen.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.success();
            }
            assert!(
                Instant::now() < deadline,
                "posture did not exit:\n{}",
                self.contents()
            );
        }
    }

    fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("pid").to_string();
        let status = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .expect("kill");
        assert!(status.success());
    }
}

const ESC: &str = "\u{1b}";
const TAB: &str = "\t";
const ENTER: &str = "\r";

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

#[test]
fn create_answer_note_quit_resume_and_nothing_is_lost() {
    let home = Home::new();
    let mut tty = Tty::start(&home, &[]);
    tty.wait_for("No saved assessments yet");
    tty.send("n");
    tty.wait_for("New assessment");
    tty.send(&format!("Acme Dental{TAB}Main office{TAB}Jo Tech"));
    tty.wait_for("Jo Tech");
    tty.send(ENTER);
    tty.wait_for("2 of 2: topics");
    // Only MFA and vendors: untick all, tick the first and the fourteenth.
    tty.send("n ");
    tty.wait_for("[x] Multi-factor authentication");
    tty.send(&format!("{} ", "j".repeat(13)));
    tty.wait_for("[x] Vendors and third parties");
    tty.send(ENTER);
    tty.wait_for("Do all administrator accounts");
    tty.send("p");
    tty.wait_for("Does every staff email account require");
    tty.send("y");
    tty.wait_for("Which second factor");
    tty.send("2");
    tty.wait_for("Are old sign-in methods");
    tty.send("u");
    tty.wait_for("Does online banking");
    tty.send("e");
    tty.wait_for("Note — Esc keeps it");
    tty.send(&format!("Bank login has no MFA | call bank{ESC}"));
    tty.wait_for("saved");
    tty.send("/how many people");
    tty.wait_for("How many people have an email account");
    tty.send(ENTER);
    tty.wait_for("type a number");
    tty.send(ENTER);
    tty.wait_for("Answer — Enter keeps it");
    tty.send(&format!("12{ENTER}"));
    // Saved, and on to the next topic's first question.
    tty.wait_for("Is there a list of the providers");
    tty.send("/who provides your it");
    tty.wait_for("Vendors and third parties · Who provides your IT support");
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
        ("mfa/method", text("app-number-match")),
        ("mfa/legacy-sign-in", text("unknown")),
        ("mfa/mailbox-count", Some(AnswerValue::Integer(12))),
        ("vendors/it-provider", text("Northwind IT, 0161 496 0000")),
    ] {
        assert_eq!(value(&path, question), expected, "{question}");
    }
    let loaded = assessment::load(&path, &Catalog::load(&[])).expect("loads");
    assert_eq!(
        loaded.answers["mfa/banking"].note,
        "Bank login has no MFA | call bank"
    );
    // Σw: MFA's 10 scored questions 8+8+4+4+8+4+4+4+2+1 = 47, vendors' 8 unanswered 18;
    // Σwc = 4 (partly) + 8 (yes) + 3.2 (the app choice, 0.8 × 4) = 15.2.
    let card = score::score(&loaded);
    let expected = 100.0 * 15.2 / 65.0;
    assert!(
        (card.overall.score().expect("score") - expected).abs() < 1e-9,
        "{:?}",
        card.overall
    );

    // Start again: the start screen offers to continue, which resumes at the first unanswered.
    let mut tty = Tty::start(&home, &[]);
    tty.wait_for("Continue");
    tty.wait_for("Acme Dental — Main office");
    tty.send("c");
    tty.wait_for("Does online banking");
    tty.wait_for("Bank login has no MFA | call bank");
    tty.send("y");
    tty.wait_for("saved");
    tty.send("q");
    assert!(tty.wait_exit());
    assert_eq!(
        value(&path, "mfa/banking"),
        Some(AnswerValue::Text("yes".into()))
    );
}

/// A backups-only assessment opened with `posture open`, the first question answered yes.
fn backups_answered_once(home: &Home) -> (PathBuf, Tty) {
    let path = home.new_assessment(&["--org", "Acme Dental", "--topics", "backups"]);
    let mut tty = Tty::start(home, &["open", path.to_str().expect("utf-8")]);
    tty.wait_for("backed up automatically");
    tty.send("y");
    tty.wait_for("also backed up, beyond");
    (path, tty)
}

#[test]
fn sigkill_mid_session_loses_nothing_that_was_answered() {
    let home = Home::new();
    let (path, mut tty) = backups_answered_once(&home);
    tty.send("n");
    tty.wait_for("out of reach of an attacker");
    tty.send("p");
    tty.wait_for("kept off site");
    tty.signal("-KILL");
    let _ = tty.wait_exit();
    for (question, expected) in [
        ("backups/automatic", "yes"),
        ("backups/cloud-services", "no"),
        ("backups/out-of-reach", "partial"),
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
    for signal in ["-TERM", "-HUP"] {
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
    tty.wait_for("backed up automatically");
    tty.send("y");
    tty.wait_for("also backed up, beyond");
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
}
