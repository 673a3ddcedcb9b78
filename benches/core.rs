//! Core benchmarks: loading the built-ins, loading a large synthetic library against bare TOML
//! parsing of the same files, scoring, and exporting a 5,000-answer assessment.

use std::hint::black_box;

mod support;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use posture::assessment::Store;
use posture::checklist::{Catalog, Origin, parse};
use posture::report::{self, Format};
use posture::score;

fn load_built_ins(c: &mut Criterion) {
    c.bench_function("load and validate all built-ins", |b| {
        b.iter(|| black_box(Catalog::load(&[])));
    });
}

fn large_library(c: &mut Criterion) {
    let files: Vec<String> = (0..1_000)
        .map(|i| support::synthetic_checklist(i, 50))
        .collect();
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

fn scoring_and_export(c: &mut Criterion) {
    let assessment = support::assessment(100, 5_000);
    assert_eq!(assessment.answers.len(), 5_000);
    c.bench_function("score a 5,000-answer assessment", |b| {
        b.iter(|| black_box(score::score(&assessment)));
    });
    c.bench_function("export a 5,000-answer assessment to Markdown", |b| {
        b.iter(|| {
            black_box(report::render(
                &assessment,
                Format::Markdown,
                &report::Context::default(),
            ))
        });
    });
    c.bench_function("export a 5,000-answer assessment to JSON", |b| {
        b.iter(|| {
            black_box(report::render(
                &assessment,
                Format::Json,
                &report::Context::default(),
            ))
        });
    });
}

/// The typeset PDF report, whole: view, JSON, Typst layout and PDF writing.
fn pdf(c: &mut Criterion) {
    let mut finished = support::assessment_sized(4, 40, 160);
    finished.finished = true;
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    let layout = report::Layout::default();
    group.bench_function("typeset a finished 160-question assessment", |b| {
        b.iter(|| black_box(report::pdf(&finished, &report::Context::default(), &layout)));
    });
    let large = support::assessment(100, 5_000);
    group.bench_function("typeset a 5,000-answer assessment", |b| {
        b.iter(|| black_box(report::pdf(&large, &report::Context::default(), &layout)));
    });
    group.finish();
}

/// A save is a read-merge-write under the file's lock: read the file again, apply this
/// writer's change, write atomically with fsync.
fn saving(c: &mut Criterion) {
    let (library, catalog) = support::library(100);
    let base = support::assessment_of(&catalog, 5_000);
    let store = Store::new(library.path(), posture::score::file_summary);
    let path = store.create(&base).expect("created");
    let mut ours = base.clone();
    let question = ours.answers.keys().next().expect("an answer").clone();
    ours.edit_answer(&question, Timestamp::now(), |a| a.note = "changed".into());
    c.bench_function(
        "save one change to a 5,000-answer assessment (lock, read, merge, fsync)",
        |b| {
            b.iter_batched(
                || (),
                |()| black_box(store.sync(&path, &catalog, &base, &ours).expect("save")),
                BatchSize::SmallInput,
            );
        },
    );
}

criterion_group!(
    benches,
    load_built_ins,
    large_library,
    scoring_and_export,
    saving,
    pdf
);
criterion_main!(benches);
