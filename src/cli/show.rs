//! `posture show` and `posture assessments`: scores for a terminal.

use std::process::ExitCode;

use super::assessments::open;
use super::{CHECK_FAILED, Context};
use crate::assessment;
use crate::report::{self, TOP_ACTIONS, counts_text, percent_text, score_text};
use crate::score;
use crate::text::{clip, one_line, org_and_site};

pub fn show(
    context: &Context,
    reference: &str,
    fail_under: Option<f64>,
) -> crate::error::Result<ExitCode> {
    let (path, assessment, _) = open(context, reference)?;
    let card = score::score(&assessment);
    let header = &assessment.header;
    out!(
        "{} · {} · {}",
        org_and_site(&header.organization, &header.site),
        header.mode,
        path.display()
    );
    let level = card.level.map_or("n/a", |l| l.name());
    let capped = if card.is_capped() {
        " (capped at Fair while a critical gap is open)"
    } else {
        ""
    };
    out!(
        "Score {} / 100 · {level}{capped}",
        score_text(card.overall.score())
    );
    out!(
        "Answered {} ({})",
        percent_text(card.counts.coverage()),
        counts_text(&card.counts)
    );

    let line = |at: score::QuestionRef| {
        let checklist = &assessment.checklists[at.checklist];
        let question = &checklist.questions[at.question];
        let answer = assessment
            .response(checklist, question)
            .map_or_else(|| "not answered".to_owned(), |r| one_line(&r.label()));
        format!(
            "{}/{} · {} [{answer}]",
            checklist.id,
            question.id,
            one_line(&question.prompt)
        )
    };
    if !card.critical_gaps.is_empty() {
        out!("\nCritical gaps");
        for &at in &card.critical_gaps {
            out!("  ! {}", line(at));
        }
    }
    if !card.actions.is_empty() {
        out!("\nTop actions");
        for action in card.actions.iter().take(TOP_ACTIONS) {
            out!("  +{:>4.1}  {}", action.gain, line(action.at));
        }
    }
    out!("\nBy topic");
    let width = assessment
        .checklists
        .iter()
        .map(|c| c.title.chars().count())
        .max()
        .unwrap_or(0);
    for (checklist, s) in assessment.checklists.iter().zip(&card.checklists) {
        out!(
            "  {:width$}  {:>5}  {:<6}  {}/{}",
            one_line(&checklist.title),
            score_text(s.tally.score()),
            s.level.map_or("n/a", |l| l.name()),
            s.counts.answered(),
            s.counts.answered() + s.counts.unanswered,
        );
    }
    for change in &assessment.changes {
        note!("note: {}", report::describe_change(change));
    }
    for kept in assessment.kept_answers() {
        note!(
            "note: answer to '{}' is kept but not counted: {}",
            kept.question,
            kept.reason
        );
    }
    let below = fail_under.is_some_and(|n| card.overall.score().is_none_or(|s| s < n));
    Ok(if below {
        ExitCode::from(CHECK_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn list(context: &Context) -> ExitCode {
    let catalog = context.catalog_warning();
    let store = context.store();
    let paths = store.list();
    if paths.is_empty() {
        out!(
            "No saved assessments in {} yet. Start one with: posture new --org \"Name\"",
            store.root().display()
        );
        return ExitCode::SUCCESS;
    }
    out!(
        "{:<10}  {:<28}  {:<18}  {:<10}  {:>5}  {:>13}  FILE",
        "ID",
        "ORGANISATION",
        "SITE",
        "DATE",
        "DONE",
        "SCORE"
    );
    for path in paths {
        match assessment::load(&path, &catalog) {
            Ok(a) => {
                let card = score::score(&a);
                let id: String = a.id.chars().take(10).collect();
                out!(
                    "{id:<10}  {:<28}  {:<18}  {:<10}  {:>5}  {:>13}  {}",
                    clip(&a.header.organization, 28),
                    clip(&a.header.site, 18),
                    a.created.instant().strftime("%Y-%m-%d"),
                    percent_text(card.counts.coverage()),
                    format!(
                        "{} {}",
                        card.level.map_or("n/a", |l| l.name()),
                        score_text(card.overall.score())
                    ),
                    path.display()
                );
            }
            Err(e) => note!("warning: {e}"),
        }
    }
    ExitCode::SUCCESS
}
