//! A folder that refuses writes, end to end: posture never claims a save that did not happen,
//! offers another try, a recovery copy or leaving without the answers, writes the recovery copy
//! on a signal (keeping a note being typed), exits non-zero, and `posture recover` puts the
//! answers back once the folder takes writes again.

use std::path::{Path, PathBuf};

use posture::assessment::AnswerValue;

use crate::support::{Home, Unwritable, recorded};
use crate::tty::Tty;

fn recovery_copies(home: &Home) -> Vec<PathBuf> {
    std::fs::read_dir(home.path().join("state/recovery"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

fn open_backups(home: &Home) -> (PathBuf, Tty) {
    let path = home.new_assessment(&["--org", "Acme Dental", "--topics", "backups"]);
    let mut tty = Tty::open(home, &path);
    tty.wait_for("backed up automatically");
    (path, tty)
}

fn folder(path: &Path) -> &Path {
    path.parent().expect("the organisation's folder")
}

fn word(text: &str) -> AnswerValue {
    AnswerValue::Text(text.into())
}

#[test]
fn quitting_while_the_folder_refuses_writes_offers_a_recovery_copy() {
    let home = Home::new();
    let (path, mut tty) = open_backups(&home);
    let refusing = Unwritable::make(folder(&path));
    tty.send("y");
    tty.wait_for("1 change kept here, retrying");
    tty.send("q");
    tty.wait_for("1 change could not be saved");
    tty.wait_for("write a recovery copy and quit");
    tty.send("r");
    tty.wait_for("Tried again: still not saved.");
    tty.send("w");
    assert!(
        !tty.wait_exit(),
        "posture exits non-zero when answers are not in the file"
    );
    let screen = tty.contents();
    assert!(!screen.contains("Your answers are saved"), "{screen}");
    assert!(screen.contains("could NOT be saved"), "{screen}");
    let copies = recovery_copies(&home);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(recorded(&copies[0], "backups/automatic"), Some(word("yes")));

    drop(refusing);
    assert_eq!(
        recorded(&path, "backups/automatic"),
        None,
        "the file was never written"
    );
    home.posture()
        .args(["recover", copies[0].to_str().expect("utf-8")])
        .assert()
        .success();
    assert_eq!(recorded(&path, "backups/automatic"), Some(word("yes")));
}

#[test]
fn leaving_without_the_answers_says_so_and_exits_non_zero() {
    let home = Home::new();
    let (path, mut tty) = open_backups(&home);
    let _refusing = Unwritable::make(folder(&path));
    tty.send("n");
    tty.wait_for("1 change kept here, retrying");
    tty.send("q");
    tty.wait_for("quit without them");
    tty.send("q");
    assert!(!tty.wait_exit());
    let screen = tty.contents();
    assert!(screen.contains("NOT saved"), "{screen}");
    assert!(!screen.contains("Your answers are saved"), "{screen}");
    assert!(recovery_copies(&home).is_empty());
}

#[test]
fn a_signal_keeps_the_note_being_typed_in_a_recovery_copy() {
    for signal in ["-TERM", "-HUP", "-INT", "-QUIT"] {
        let home = Home::new();
        let (path, mut tty) = open_backups(&home);
        let refusing = Unwritable::make(folder(&path));
        tty.send("e");
        tty.wait_for("Esc keeps it");
        tty.send("Half-typed: the NAS is in the cupboard");
        tty.wait_for("the NAS is in the cupboard");
        tty.signal(signal);
        assert!(!tty.wait_exit(), "{signal}: non-zero");
        assert!(
            String::from_utf8_lossy(&tty.raw).contains("\u{1b}[?1049l"),
            "{signal}: the terminal was restored"
        );
        let copies = recovery_copies(&home);
        assert_eq!(copies.len(), 1, "{signal}: {copies:?}");
        let copy = posture::assessment::load(&copies[0], &posture::checklist::Catalog::load(&[]))
            .expect("the copy loads");
        assert_eq!(
            copy.answers["backups/automatic"].note, "Half-typed: the NAS is in the cupboard",
            "{signal}"
        );
        drop(refusing);
    }
}

#[test]
fn a_note_being_typed_is_saved_with_its_question_on_a_signal() {
    for signal in ["-TERM", "-HUP", "-INT", "-QUIT"] {
        let home = Home::new();
        let (path, mut tty) = open_backups(&home);
        tty.send("e");
        tty.wait_for("Esc keeps it");
        tty.send("Checked with the owner");
        tty.wait_for("Checked with the owner");
        tty.signal(signal);
        assert!(tty.wait_exit(), "{signal}: everything saved, exit 0");
        let loaded = posture::assessment::load(&path, &posture::checklist::Catalog::load(&[]))
            .expect("loads");
        assert_eq!(
            loaded.answers["backups/automatic"].note, "Checked with the owner",
            "{signal}"
        );
    }
}
