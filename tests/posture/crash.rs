//! `kill -9` during a burst of answers leaves a loadable file holding every answer whose
//! command had returned.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::Instant;

use posture::assessment::{self, AnswerValue};
use posture::checklist::Catalog;

use crate::support::Home;

#[test]
fn sigkill_mid_save_loses_no_returned_answer() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Crash Test", "--mode", "audit"]);
    let catalog = Catalog::load(&[]);
    let questions: Vec<String> = catalog
        .checklists()
        .iter()
        .flat_map(|c| {
            c.questions
                .iter()
                .filter(|q| q.is_scored())
                .map(move |q| format!("{}/{}", c.id, q.id))
        })
        .take(80)
        .collect();

    // How long one answer takes here, so that kills land before, during and after the save.
    let started = Instant::now();
    home.posture()
        .args([
            "answer",
            path.to_str().expect("utf-8"),
            &questions[0],
            "yes",
        ])
        .assert()
        .success();
    let typical = started.elapsed();

    let mut returned: BTreeMap<String, &str> = BTreeMap::from([(questions[0].clone(), "yes")]);
    let mut killed = 0;
    for (i, question) in questions.iter().enumerate().skip(1) {
        let answer = if i % 3 == 0 { "no" } else { "yes" };
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("posture"))
            .env("POSTURE_HOME", home.path())
            .args([
                "answer",
                path.to_str().expect("utf-8"),
                question,
                answer,
                "--note",
                &format!("note {i}"),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Vary the moment of the kill so that some land mid-save and some after.
        std::thread::sleep(typical * u32::try_from(i % 8).unwrap_or(0) / 4);
        if matches!(child.try_wait(), Ok(None)) {
            let _ = child.kill(); // SIGKILL on Unix
        }
        let status = child.wait().expect("wait");
        if status.success() {
            returned.insert(question.clone(), answer);
        } else {
            killed += 1;
        }
    }
    assert!(killed > 0, "no command was killed: the test proved nothing");
    assert!(
        returned.len() > 1,
        "no command finished in the burst: the test proved nothing"
    );

    let loaded = assessment::load(&path, &catalog).expect("the file still loads");
    for (question, answer) in &returned {
        let saved = loaded
            .answers
            .get(question)
            .unwrap_or_else(|| panic!("{question} lost"));
        assert_eq!(
            saved.value.clone().expect("a value"),
            AnswerValue::Text((*answer).to_owned()),
            "{question}"
        );
    }
}
