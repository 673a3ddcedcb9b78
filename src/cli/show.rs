//! `posture show` and `posture assessments`: scores for a terminal.

use std::process::ExitCode;

use super::assessments::open;
use super::{CHECK_FAILED, Context};
use crate::assessment;
use crate::report::{self, TOP_ACTIONS, counts_text, percent_text, score_text};
use crate::score;
use crate::text::{one_line, org_and_site, pad, pad_left};

pub fn show(
    context: &Context,
    reference: &str,
    fail_under: Option<f64>,
) -> crate::error::Result<ExitCode> {
    let (path, assessment, _) = open(context, reference)?;
    let statuses: Vec<Vec<score::Status>> = assessment
        .checklists
        .iter()
        .map(|c| score::statuses(&assessment, c))
        .collect();
    let card = score::score_with(&assessment, &statuses);
    let header = &assessment.header;
    out!(
        "{} · {} · {}",
        org_and_site(&header.organization, &header.site),
        header.mode,
        path.display()
    );
    out!("{}", score_line(&assessment, &card));
    out!(
        "Answered {} ({}); over the answered questions alone {} / 100",
        percent_text(card.counts.coverage()),
        counts_text(&card.counts),
        score_text(card.answered.score())
    );

    // A critical question reads as its prompt; an action as its task.
    let line = |at: score::QuestionRef, as_task: bool| {
        let checklist = &assessment.checklists[at.checklist];
        let question = &checklist.questions[at.question];
        let answer = match (
            assessment.response(checklist, question),
            &statuses[at.checklist][at.question],
        ) {
            (Some(response), _) => one_line(&response.label()),
            (None, score::Status::Waiting(gate)) => {
                format!(
                    "asked once {}/{} is answered",
                    checklist.id, checklist.questions[*gate].id
                )
            }
            (None, _) => "not answered".to_owned(),
        };
        format!(
            "{}/{} · {} [{answer}]",
            checklist.id,
            question.id,
            one_line(if as_task {
                question.task()
            } else {
                &question.prompt
            })
        )
    };
    for (heading, list) in [
        ("Critical gaps", &card.critical_gaps),
        ("Critical, not answered yet", &card.critical_unanswered),
    ] {
        if !list.is_empty() {
            out!("\n{heading}");
            for &at in list {
                out!("  ! {}", line(at, false));
            }
        }
    }
    if !card.actions.is_empty() {
        out!("\nTop actions");
        for action in card.actions.iter().take(TOP_ACTIONS) {
            out!("  +{:>4.1}  {}", action.gain, line(action.at, true));
        }
    }
    by_topic(&assessment, &card, &statuses);
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

/// One line per topic: score and level (or "not started") and how many questions are answered.
fn by_topic(
    assessment: &crate::assessment::Assessment,
    card: &score::Scorecard,
    statuses: &[Vec<score::Status>],
) {
    out!("\nBy topic");
    let width = assessment
        .checklists
        .iter()
        .map(|c| crate::text::width(&one_line(&c.title)))
        .max()
        .unwrap_or(0);
    for ((checklist, s), statuses) in assessment
        .checklists
        .iter()
        .zip(&card.checklists)
        .zip(statuses)
    {
        let progress = score::Progress::of(statuses);
        let (score, level) = if s.started() {
            (
                score_text(s.tally.score()),
                s.level.map_or("n/a", |l| l.name()),
            )
        } else {
            ("—".to_owned(), "not started")
        };
        out!(
            "  {}  {score:>5}  {level:<11}  {}/{} answered",
            pad(&checklist.title, width),
            progress.answered,
            progress.asked,
        );
    }
}

/// "Score 63.2 / 100 · Fair", with what qualifies the level: provisional, capped.
fn score_line(assessment: &crate::assessment::Assessment, card: &score::Scorecard) -> String {
    let level = card.level.map_or("n/a", |l| l.name());
    let mut notes = Vec::new();
    if !assessment.finished && card.level.is_some() {
        notes.push("provisional, not finished".to_owned());
    }
    let open = card.open_criticals();
    if card.is_capped() {
        notes.push(if open >= 3 {
            format!("Weak whatever the score: {open} critical questions open")
        } else {
            format!("capped at Fair: {open} critical question(s) open")
        });
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    format!(
        "Score {} / 100 · {level}{notes}",
        score_text(card.overall.score())
    )
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
    let loaded: Vec<(
        std::path::PathBuf,
        crate::error::Result<crate::assessment::Assessment>,
    )> = paths
        .into_iter()
        .map(|path| {
            let assessment = assessment::load(&path, &catalog);
            (path, assessment)
        })
        .collect();
    let ids: Vec<&str> = loaded
        .iter()
        .filter_map(|(_, a)| a.as_ref().ok().map(|a| a.id.as_str()))
        .collect();
    let id_width = unique_prefix(&ids);
    out!(
        "{}  {}  {}  {}  {}  {}  FILE",
        pad("ID", id_width),
        pad("ORGANISATION", 28),
        pad("SITE", 18),
        pad("DATE", 16),
        pad_left("DONE", 5),
        pad_left("SCORE", 11)
    );
    for (path, loaded) in loaded {
        match loaded {
            Ok(a) => {
                let card = score::score(&a);
                out!(
                    "{}  {}  {}  {}  {}  {}  {}",
                    a.id.chars().take(id_width).collect::<String>(),
                    pad(&a.header.organization, 28),
                    pad(&a.header.site, 18),
                    a.created.instant().strftime("%Y-%m-%d %H:%M"),
                    pad_left(&percent_text(card.counts.coverage()), 5),
                    pad_left(
                        &if card.counts.answered() == 0 {
                            "not started".to_owned()
                        } else {
                            format!(
                                "{} {}",
                                card.level.map_or("n/a", |l| l.name()),
                                score_text(card.overall.score())
                            )
                        },
                        11
                    ),
                    path.display()
                );
            }
            Err(e) => note!("warning: {e}"),
        }
    }
    ExitCode::SUCCESS
}

/// How many leading characters tell the ids apart (at least 8): enough to type one.
fn unique_prefix(ids: &[&str]) -> usize {
    let shared = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted
        .windows(2)
        .map(|pair| shared(pair[0], pair[1]) + 1)
        .max()
        .unwrap_or(0)
        .max(8)
}

#[cfg(test)]
mod tests {
    use super::unique_prefix;

    #[test]
    fn ids_are_shown_long_enough_to_tell_apart() {
        assert_eq!(unique_prefix(&["01KBT7M2Q4X8", "01KBT7M2ZZZZ"]), 9);
        assert_eq!(unique_prefix(&["01KBT7M2Q4X8"]), 8);
        assert_eq!(unique_prefix(&[]), 8);
    }
}
