//! Many writers, one assessment: parallel `posture answer` bursts, a TUI with the CLI, two TUIs,
//! and parallel `posture new`. Every answer any writer acknowledged is in the file afterwards.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use posture::assessment::{self, AnswerValue};
use posture::checklist::{Catalog, Kind};

use crate::support::{Home, recorded};
use crate::tty::Tty;

/// The yes-no questions of `topic` that an audit asks whatever else is answered.
fn questions(topic: &str) -> Vec<String> {
    let catalog = Catalog::load(&[]);
    let checklist = catalog.get(topic).expect("topic");
    checklist
        .questions
        .iter()
        .filter(|q| matches!(q.kind, Kind::YesNo) && q.ask_if.is_none())
        .map(|q| format!("{}/{}", checklist.id, q.id))
        .collect()
}

fn answer(home: &Home, path: &Path, question: &str, answer: &str) -> bool {
    Command::new(assert_cmd::cargo::cargo_bin!("posture"))
        .env("POSTURE_HOME", home.path())
        .args(["answer", path.to_str().expect("utf-8"), question, answer])
        .output()
        .expect("run")
        .status
        .success()
}

fn assert_all_kept(path: &Path, acknowledged: &BTreeMap<String, &str>) {
    let loaded = assessment::load(path, &Catalog::load(&[])).expect("the file loads");
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|(q, a)| {
            loaded.answers.get(*q).and_then(|x| x.value.clone())
                != Some(AnswerValue::Text((**a).to_owned()))
        })
        .map(|(q, _)| q)
        .collect();
    assert!(
        lost.is_empty(),
        "lost {} of {}: {lost:?}",
        lost.len(),
        acknowledged.len()
    );
}

#[test]
fn parallel_bursts_of_answers_lose_nothing() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Burst"]);
    let all: Vec<String> = Catalog::load(&[])
        .checklists()
        .iter()
        .flat_map(|c| questions(&c.id))
        .take(80)
        .collect();
    assert_eq!(all.len(), 80);
    let (left, right) = all.split_at(40);
    let acknowledged: BTreeMap<String, &str> = std::thread::scope(|scope| {
        let burst = |share: &'static str, questions: &[String]| {
            let home = &home;
            let path = &path;
            let questions = questions.to_vec();
            scope.spawn(move || {
                questions
                    .into_iter()
                    .filter(|q| answer(home, path, q, share))
                    .map(|q| (q, share))
                    .collect::<Vec<_>>()
            })
        };
        let a = burst("yes", left);
        let b = burst("no", right);
        a.join()
            .expect("burst")
            .into_iter()
            .chain(b.join().expect("burst"))
            .collect()
    });
    assert_eq!(acknowledged.len(), 80, "every answer was acknowledged");
    assert_all_kept(&path, &acknowledged);
}

#[test]
fn parallel_new_assessments_never_share_a_file() {
    let home = Home::new();
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let home = home.path().to_path_buf();
            std::thread::spawn(move || {
                Command::new(assert_cmd::cargo::cargo_bin!("posture"))
                    .env("POSTURE_HOME", home)
                    .args([
                        "new", "--org", "Same Org", "--site", "HQ", "--topics", "mfa",
                    ])
                    .output()
                    .expect("run")
            })
        })
        .collect();
    let paths: Vec<PathBuf> = handles
        .into_iter()
        .map(|h| {
            let output = h.join().expect("thread");
            assert!(output.status.success());
            PathBuf::from(String::from_utf8(output.stdout).expect("utf-8").trim())
        })
        .collect();
    let mut distinct = paths.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 6, "{paths:?}");
    let mut ids: Vec<String> = paths
        .iter()
        .map(|p| assessment::load(p, &Catalog::load(&[])).expect("loads").id)
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6, "each file holds its own assessment");
}

/// Presses each key in turn, waiting after each for what the screen shows once the answer is
/// saved (the screen changes only after the save).
fn answer_in_tui(tty: &mut Tty, keys: &[(&str, &str)]) {
    for (key, wait_for) in keys {
        tty.send(key);
        tty.wait_for(wait_for);
    }
}

#[test]
fn a_tui_and_the_cli_on_one_file_keep_each_others_answers() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme Dental", "--topics", "backups,mfa"]);
    let mut tty = Tty::open(&home, &path);
    tty.wait_for("backed up automatically");
    let cli_questions = questions("mfa");
    let acknowledged: BTreeMap<String, &str> = std::thread::scope(|scope| {
        let cli = scope.spawn(|| {
            cli_questions
                .iter()
                .filter(|q| answer(&home, &path, q, "no"))
                .map(|q| (q.clone(), "no"))
                .collect::<Vec<_>>()
        });
        answer_in_tui(
            &mut tty,
            &[
                ("y", "at least one backup copy"),
                ("n", "current answer: No"),
                ("\u{1b}[C", "to a separate backup"),
                ("p", "current answer: Partly"),
            ],
        );
        cli.join().expect("cli").into_iter().collect()
    });
    tty.send("q");
    assert!(tty.wait_exit());
    let mut expected = acknowledged;
    expected.insert("backups/automatic".into(), "yes");
    expected.insert("backups/out-of-reach".into(), "no");
    expected.insert("backups/cloud-services".into(), "partial");
    assert_all_kept(&path, &expected);
}

#[test]
fn two_tuis_on_one_file_keep_each_others_answers() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme Dental", "--topics", "backups,mfa"]);
    let mut first = Tty::open(&home, &path);
    first.wait_for("backed up automatically");
    let mut second = Tty::open(&home, &path);
    second.wait_for("backed up automatically");
    // The second goes to MFA, then both answer, turn about.
    second.send("t");
    second.wait_for("Topics");
    second.send("\u{1b}[B\r");
    second.begin_topic();
    second.wait_for("Does every administrator account require");
    first.send("y");
    first.wait_for("at least one backup copy");
    second.send("n");
    second.wait_for("current answer: No");
    second.send("\u{1b}[C");
    second.wait_for("Does every staff email account");
    first.send("n");
    first.wait_for("current answer: No");
    second.send("p");
    second.wait_for("current answer: Partly");
    // The first, idle, shows what the second answered as soon as the file changed.
    first.wait_for("changed in another window");
    first.send("q");
    assert!(first.wait_exit());
    second.send("q");
    assert!(second.wait_exit());
    for (question, expected) in [
        ("backups/automatic", "yes"),
        ("backups/out-of-reach", "no"),
        ("mfa/admin-accounts", "no"),
        ("mfa/all-email", "partial"),
    ] {
        assert_eq!(
            recorded(&path, question),
            Some(AnswerValue::Text(expected.into())),
            "{question}"
        );
    }
}
