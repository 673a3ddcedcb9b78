//! Core benchmarks: loading the built-ins, loading a large synthetic library against bare TOML
//! parsing of the same files, scoring, and exporting a 5,000-answer assessment.

use std::fmt::Write;
use std::hint::black_box;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use posture::assessment::{AnswerValue, Assessment, Header, Mode};
use posture::checklist::{Catalog, Origin, parse};
use posture::report::{self, Format};
use posture::score;

/// A realistic checklist of `questions` questions, with prose, refs, choices and gates.
fn synthetic_checklist(id: usize, questions: usize) -> String {
    let mut text = format!(
        "format = 1\nid = \"topic-{id}\"\nversion = \"1.0.0\"\ntitle = \"Topic {id}\"\n\
         summary = \"A synthetic topic for benchmarks.\"\ndescription = \"\"\"\nSome prose.\n\"\"\"\n"
    );
    for q in 0..questions {
        let severity = ["critical", "high", "medium", "low"][q % 4];
        let _ = write!(
            text,
            "\n[[questions]]\nid = \"q{q}\"\nprompt = \"Is control number {q} in place for every account?\"\n\
             severity = \"{severity}\"\nwhy = \"\"\"\nWithout it an attacker walks in; this sentence stands for two or three more.\n\"\"\"\n\
             how_to_check = \"\"\"\n1. Open the admin center.\n2. Look at the setting.\n\"\"\"\n\
             remediation = \"Turn it on for everyone and check again next month.\"\n\
             refs = {{ cis_v8 = [\"6.5\"], nist_csf_2 = [\"PR.AA-03\"] }}\n"
        );
        if q % 10 == 5 {
            let _ = writeln!(
                text,
                "ask_if = {{ question = \"q{}\", any_of = [\"yes\", \"partial\"] }}",
                q - 1
            );
        }
    }
    text
}

fn load_built_ins(c: &mut Criterion) {
    c.bench_function("load and validate all built-ins", |b| {
        b.iter(|| black_box(Catalog::load(&[])));
    });
}

fn large_library(c: &mut Criterion) {
    let files: Vec<String> = (0..1_000).map(|i| synthetic_checklist(i, 50)).collect();
    let mut group = c.benchmark_group("1,000 checklists x 50 questions");
    group.sample_size(10);
    group.bench_function("bare toml parse", |b| {
        b.iter(|| {
            for file in &files {
                black_box(toml::from_str::<toml::Table>(file).ok());
            }
        });
    });
    group.bench_function("posture load and validate", |b| {
        b.iter(|| {
            for file in &files {
                black_box(parse("bench.toml", file.as_bytes(), Origin::BuiltIn("bench.toml")).ok());
            }
        });
    });
    group.finish();
}

/// An assessment of 100 checklists x 50 questions, every question answered with a note.
fn big_assessment() -> Assessment {
    let checklists: Vec<_> = (0..100)
        .map(|i| {
            let text = synthetic_checklist(i, 50);
            Arc::new(
                parse("bench.toml", text.as_bytes(), Origin::BuiltIn("bench.toml")).expect("valid"),
            )
        })
        .collect();
    let header = Header {
        mode: Mode::Audit,
        organization: "Bench | Org".into(),
        site: "HQ".into(),
        assessor: "Jo".into(),
    };
    let mut assessment = Assessment::new(header, checklists.clone(), Timestamp::now());
    for (i, checklist) in checklists.iter().enumerate() {
        for (q, question) in checklist.questions.iter().enumerate() {
            let answer = ["yes", "partial", "no", "unknown", "na"][(i + q) % 5];
            assessment.set_answer(
                &Assessment::full_id(checklist, question),
                AnswerValue::Text(answer.into()),
                Some(format!(
                    "Note {q}: seen on site | `config` <b>ok</b>\nsecond line"
                )),
                Some("Screenshot IMG_0042".into()),
                Timestamp::now(),
            );
        }
    }
    assessment
}

fn scoring_and_export(c: &mut Criterion) {
    let assessment = big_assessment();
    assert_eq!(assessment.answers.len(), 5_000);
    c.bench_function("score a 5,000-answer assessment", |b| {
        b.iter(|| black_box(score::score(&assessment)));
    });
    c.bench_function("export a 5,000-answer assessment to Markdown", |b| {
        b.iter(|| black_box(report::render(&assessment, Format::Markdown)));
    });
    c.bench_function("export a 5,000-answer assessment to JSON", |b| {
        b.iter(|| black_box(report::render(&assessment, Format::Json)));
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.toml");
    c.bench_function("save a 5,000-answer assessment (atomic, fsync)", |b| {
        b.iter_batched(
            || (),
            |()| posture::assessment::save(&path, &assessment).expect("save"),
            BatchSize::SmallInput,
        );
    });
}

criterion_group!(benches, load_built_ins, large_library, scoring_and_export);
criterion_main!(benches);
