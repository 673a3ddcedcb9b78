//! `posture action` (decide who fixes a finding, by when, and where it stands) and
//! `posture actions` (the action plan as CSV, Markdown or JSON).

use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;
use jiff::Timestamp;

use super::Context;
use super::assessments::open;
use crate::assessment::{ActionStatus, Assessment, Day, Stamp, Tracking};
use crate::error::{Error, Result};
use crate::practice;
use crate::report::actions;
use crate::score;
use crate::text::org_and_site;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ActionsFormat {
    Csv,
    Md,
    Json,
}

/// What `posture action` was told to change; what is left out stays as it was.
pub struct Decision {
    pub owner: Option<String>,
    pub due: Option<String>,
    pub status: Option<String>,
    pub reason: Option<String>,
    pub review: Option<String>,
}

/// Applies `decision` to `tracking`, refusing an accepted risk without its reason and review.
fn decide(tracking: &mut Tracking, decision: &Decision) -> Result<()> {
    let day = |text: &Option<String>| {
        text.as_deref()
            .map(|t| {
                if t.trim().is_empty() {
                    Ok(None)
                } else {
                    Day::parse(t).map(Some).map_err(Error::Invalid)
                }
            })
            .transpose()
    };
    if let Some(owner) = &decision.owner {
        owner.trim().clone_into(&mut tracking.owner);
    }
    if let Some(due) = day(&decision.due)? {
        tracking.due = due;
    }
    if let Some(status) = &decision.status {
        tracking.status = ActionStatus::parse(status).map_err(Error::Invalid)?;
    }
    if let Some(reason) = &decision.reason {
        reason.trim().clone_into(&mut tracking.reason);
    }
    if let Some(review) = day(&decision.review)? {
        tracking.review = review;
    }
    if tracking.status == ActionStatus::AcceptedRisk
        && (tracking.reason.is_empty() || tracking.review.is_none())
    {
        return Err(Error::Invalid(
            "an accepted risk needs its reason (--reason) and the date it is looked at again (--review)"
                .into(),
        ));
    }
    Ok(())
}

pub fn action(
    context: &Context,
    reference: &str,
    question: &str,
    decision: &Decision,
) -> Result<ExitCode> {
    let catalog = context.catalog_warning();
    let path = context.store().locate(reference)?;
    let (assessment, ()) = context.store().update(&path, &catalog, |assessment| {
        let card = score::score(assessment);
        let is_action = practice::plan(assessment, &card)
            .iter()
            .any(|a| a.question == question);
        if !is_action {
            return Err(Error::Invalid(format!(
                "'{question}' is not an action of this assessment: only an answered question below full credit is (see posture actions)"
            )));
        }
        let now = Stamp::at(Timestamp::now());
        let id = assessment.id.clone();
        let mut tracking = assessment
            .actions
            .get(question)
            .cloned()
            .unwrap_or_else(|| Tracking::open(&id, question, now));
        decide(&mut tracking, decision)?;
        tracking.at = now;
        assessment.actions.insert(question.to_owned(), tracking);
        assessment.updated = now;
        Ok(())
    })?;
    let tracking = &assessment.actions[question];
    out!(
        "saved {question}: {}{}{}",
        tracking.status,
        if tracking.owner.is_empty() {
            String::new()
        } else {
            format!(" · owner {}", tracking.owner)
        },
        tracking
            .due
            .map(|d| format!(" · due {d}"))
            .unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn actions(
    context: &Context,
    reference: &str,
    format: ActionsFormat,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let (path, assessment, _) = open(context, reference)?;
    let card = score::score(&assessment);
    let plan = practice::plan(&assessment, &card);
    let today = Day::today();
    let text = match format {
        ActionsFormat::Csv => actions::csv(&plan, today),
        ActionsFormat::Md => actions::markdown(&plan, &title(&assessment), today),
        ActionsFormat::Json => actions::json(&plan, &assessment.id, today),
    };
    super::deliver(context, text.as_bytes(), output, &[&path])?;
    Ok(ExitCode::SUCCESS)
}

fn title(assessment: &Assessment) -> String {
    format!(
        "{} ({})",
        org_and_site(&assessment.header.organization, &assessment.header.site),
        assessment.created.instant().strftime("%Y-%m-%d")
    )
}
