//! An MSP's practice at scale, as a person runs it: the whole `posture clients` and
//! `posture portfolio` processes over 500 saved assessments of 150 answers each (150 clients),
//! and a follow-up visit (`posture new --from`) of a 5,000-answer assessment.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;

#[allow(dead_code)] // each benchmark uses part of the shared support
mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use posture::assessment::{AnswerValue, Assessment, Header, Mode, Store};
use posture::checklist::Catalog;

/// Fills `home` with 500 assessments of the built-in checklists, 150 answers each.
fn practice(home: &Path) {
    let catalog = Catalog::load(&[]);
    let store = Store::new(home, posture::score::file_summary);
    let words = ["yes", "partial", "no", "unknown"];
    for visit in 0..500_i64 {
        let header = Header {
            mode: Mode::Audit,
            organization: format!("Client {}", visit % 150),
            site: String::new(),
            assessor: "Jo".into(),
        };
        let at = Timestamp::from_second(1_700_000_000 + visit * 86_400).expect("time");
        let mut assessment = Assessment::new(header, catalog.checklists().to_vec(), at);
        let questions: Vec<String> = catalog
            .checklists()
            .iter()
            .flat_map(|c| {
                c.questions
                    .iter()
                    .filter(|q| q.is_scored())
                    .map(move |q| format!("{}/{}", c.id, q.id))
            })
            .take(150)
            .collect();
        for (n, question) in questions.iter().enumerate() {
            let word = words[(n + usize::try_from(visit).unwrap_or(0)) % words.len()];
            assessment.set_answer(question, AnswerValue::Text(word.into()), None, None, at);
        }
        store.create(&assessment).expect("saved");
    }
}

fn posture(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_posture"));
    command.env("POSTURE_HOME", home);
    command
}

fn whole_process(c: &mut Criterion) {
    let home = tempfile::tempdir().expect("temp");
    practice(home.path());
    let mut group = c.benchmark_group("500 saved assessments x 150 answers, whole process");
    group.sample_size(10);
    for command in ["clients", "portfolio"] {
        group.bench_function(format!("posture {command}"), |b| {
            b.iter(|| {
                let output = posture(home.path()).arg(command).output().expect("runs");
                assert!(output.status.success());
                black_box(output.stdout.len())
            });
        });
    }
    group.finish();

    // The synthetic checklists are given to posture as its own would be (--checklists).
    let big = tempfile::tempdir().expect("temp");
    let (library, catalog) = support::library(100);
    let store = Store::new(big.path(), posture::score::file_summary);
    let path = store
        .create(&support::assessment_of(&catalog, 5_000))
        .expect("saved");
    let mut group = c.benchmark_group("follow-up visit of a 5,000-answer assessment");
    group.sample_size(10);
    group.bench_function("posture new --from, whole process", |b| {
        b.iter(|| {
            let output = posture(big.path())
                .arg("--checklists")
                .arg(library.path())
                .args(["new", "--from", path.to_str().expect("utf-8")])
                .output()
                .expect("runs");
            black_box(output.status.success())
        });
    });
    group.finish();
}

criterion_group!(benches, whole_process);
criterion_main!(benches);
