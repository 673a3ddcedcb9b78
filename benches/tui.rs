//! Interface benchmarks: drawing every screen at 200×60 with a 5,000-question assessment
//! loaded; a key press to the next frame, save included, with 500 answers; and start-up to the
//! first frame with the built-ins.

mod support;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use posture::assessment::Store;
use posture::checklist::Catalog;
use posture::practice::Visit;
use posture::tui::{Action, COLOR, Effect, Session, State, Word};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

const AREA: Rect = Rect {
    x: 0,
    y: 0,
    width: 200,
    height: 60,
};

fn open(checklists: usize, answered: usize, path: PathBuf) -> State {
    let assessment = support::assessment(checklists, answered);
    let mut state = State::new(
        assessment.checklists.clone(),
        Vec::new(),
        String::new(),
        COLOR,
    );
    state.update(
        Action::Opened(Box::new(Session::new(assessment, path))),
        Timestamp::now(),
    );
    state
}

fn draw(state: &State, area: Rect) -> Buffer {
    let mut buffer = Buffer::empty(area);
    state.render(area, &mut buffer);
    buffer
}

fn screens(c: &mut Criterion) {
    let mut group = c.benchmark_group("draw at 200x60, 5,000 questions");
    let intro = open(100, 2_500, PathBuf::from("/tmp/bench.toml"));
    group.bench_function("topic introduction", |b| {
        b.iter(|| black_box(draw(&intro, AREA)));
    });
    let mut question = intro.clone();
    question.update(Action::Next, Timestamp::now());
    group.bench_function("question", |b| b.iter(|| black_box(draw(&question, AREA))));
    let mut editing = question.clone();
    editing.update(Action::EditNote, Timestamp::now());
    editing.update(
        Action::Paste("A pasted paragraph. ".repeat(500)),
        Timestamp::now(),
    );
    group.bench_function("note editor with 10 KB", |b| {
        b.iter(|| black_box(draw(&editing, AREA)));
    });
    let mut summary = question.clone();
    summary.update(Action::OpenSummary, Timestamp::now());
    group.bench_function("summary", |b| b.iter(|| black_box(draw(&summary, AREA))));
    let mut help = question.clone();
    help.update(Action::ToggleHelp, Timestamp::now());
    group.bench_function("help", |b| b.iter(|| black_box(draw(&help, AREA))));
    let mut topics = question.clone();
    topics.update(Action::OpenTopics, Timestamp::now());
    group.bench_function("topics", |b| b.iter(|| black_box(draw(&topics, AREA))));
    let mut search = question.clone();
    search.update(Action::OpenSearch, Timestamp::now());
    for c in "control 4".chars() {
        search.update(Action::Input(c), Timestamp::now());
    }
    group.bench_function("search", |b| b.iter(|| black_box(draw(&search, AREA))));
    let mut compare = summary.clone();
    let session = summary.session.as_ref().expect("session");
    let comparison = posture::report::compare::compare(
        &support::assessment(100, 5_000),
        &session.assessment,
        Vec::new(),
    );
    compare.update(Action::Compared(Box::new(comparison)), Timestamp::now());
    group.bench_function("comparison", |b| b.iter(|| black_box(draw(&compare, AREA))));
    let mut confirm = summary.clone();
    confirm.update(Action::ToggleFinished, Timestamp::now());
    group.bench_function("confirmation", |b| {
        b.iter(|| black_box(draw(&confirm, AREA)));
    });
    let catalog = Catalog::load(&[]);
    let mut start = State::new(
        catalog.checklists().to_vec(),
        Vec::new(),
        String::new(),
        COLOR,
    );
    let visit = Visit::of(PathBuf::from("/tmp/0.toml"), &session.assessment);
    let listed: Vec<Visit> = (0..500)
        .map(|i| Visit {
            path: PathBuf::from(format!("/tmp/{i}.toml")),
            organization: format!("Client {}", i % 150),
            ..visit.clone()
        })
        .collect();
    start.update(Action::Listed(listed), Timestamp::now());
    group.bench_function("start, 500 saved assessments", |b| {
        b.iter(|| black_box(draw(&start, AREA)));
    });
    let mut form = start.clone();
    form.update(Action::NewAssessment, Timestamp::now());
    group.bench_function("new assessment", |b| {
        b.iter(|| black_box(draw(&form, AREA)));
    });
    form.update(Action::Input('A'), Timestamp::now());
    form.update(Action::Select, Timestamp::now());
    group.bench_function("topic picker", |b| b.iter(|| black_box(draw(&form, AREA))));
    group.finish();
}

fn key_to_frame(c: &mut Criterion) {
    let (library, catalog) = support::library(20);
    let store = Store::new(library.path(), posture::score::file_summary);
    let assessment = support::assessment_of(&catalog, 500);
    let path = store.create(&assessment).expect("created");
    let mut state = State::new(
        assessment.checklists.clone(),
        Vec::new(),
        String::new(),
        COLOR,
    );
    state.update(
        Action::Opened(Box::new(Session::new(assessment, path.clone()))),
        Timestamp::now(),
    );
    // Past the topic's introduction, at a question.
    state.update(Action::Next, Timestamp::now());
    c.bench_function("key to next frame with save, 500 answers", |b| {
        b.iter_batched(
            || state.clone(),
            |mut state| {
                let effect = state.update(Action::Answer(Word::Yes), Timestamp::now());
                assert_eq!(effect, Some(Effect::Save));
                let session = state.session.as_ref().expect("session");
                let file = store
                    .sync(&path, &catalog, &session.base, &session.assessment)
                    .expect("save");
                state.update(Action::Saved(Box::new(file)), Timestamp::now());
                black_box(draw(&state, AREA))
            },
            criterion::BatchSize::LargeInput,
        );
    });
}

fn start_up(c: &mut Criterion) {
    c.bench_function("start to first frame with the built-ins (80x24)", |b| {
        b.iter(|| {
            let catalog = Catalog::load(&[]);
            let state = State::new(
                catalog.checklists().to_vec(),
                Vec::new(),
                String::new(),
                COLOR,
            );
            black_box(draw(&state, Rect::new(0, 0, 80, 24)))
        });
    });
}

criterion_group!(benches, screens, key_to_frame, start_up);
criterion_main!(benches);
