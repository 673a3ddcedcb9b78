//! `posture answer`, `posture export` and `posture recover`: scriptable assessments.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use jiff::Timestamp;

use super::Context;
use super::FormatArg;
use crate::assessment::{self, Assessment, parse_input};
use crate::checklist::Catalog;
use crate::error::{Error, Result};
use crate::report;
use crate::score::{self, Status};
use crate::text::one_line;

/// Finds and loads the assessment `reference` names, reporting skipped checklists and what
/// reading the file put right.
pub fn open(context: &Context, reference: &str) -> Result<(PathBuf, Assessment, Catalog)> {
    let catalog = context.catalog_warning();
    let path = context.store().locate(reference)?;
    let assessment = assessment::load(&path, &catalog)?;
    tell_repairs(&assessment);
    Ok((path, assessment, catalog))
}

/// One line on standard error for each thing reading the file put right.
fn tell_repairs(assessment: &Assessment) {
    for repair in &assessment.repairs {
        note!("note: {repair}");
    }
}

/// What `posture answer` was given besides the answer.
pub struct Given {
    pub note: Option<String>,
    pub evidence: Option<String>,
    /// Whether a finished assessment may be reopened to take the answer.
    pub reopen: bool,
    /// Mark the note and flag internal (`Some(true)`), or for the client again (`Some(false)`).
    pub internal: Option<bool>,
}

pub fn answer(
    context: &Context,
    reference: &str,
    question_id: &str,
    input: &str,
    given: Given,
) -> Result<ExitCode> {
    let Given {
        note,
        evidence,
        reopen,
        internal,
    } = given;
    let catalog = context.catalog_warning();
    let path = context.store().locate(reference)?;
    let (assessment, index) = context.store().update(&path, &catalog, |assessment| {
        if assessment.finished {
            if !reopen {
                return Err(Error::Invalid(
                    "this assessment is finished, so it takes no more answers; add --reopen to reopen it (the file records when)".into(),
                ));
            }
            assessment.reopen(Timestamp::now());
            note!("note: reopened the finished assessment");
        }
        let Some((checklist, question)) = assessment.find_question(question_id) else {
            return Err(Error::Invalid(format!(
                "no question '{question_id}' in this assessment; questions are named checklist/question, e.g. 'mfa/admin-accounts'"
            )));
        };
        if !assessment.header.mode.asks(question) {
            return Err(Error::Invalid(format!(
                "'{question_id}' is a technician question, not part of this self-assessment"
            )));
        }
        let value = parse_input(question, input).map_err(Error::Invalid)?;
        let reason_given = note.as_deref().is_some_and(|n| !n.trim().is_empty());
        if question.is_critical() && value == crate::assessment::AnswerValue::Text("na".into()) && !reason_given {
            return Err(Error::Invalid(format!(
                "'{question_id}' is critical: marking it not applicable needs the reason, given with --note \"why it does not apply\""
            )));
        }
        let index = checklist.question(&question.id).map_or(0, |(i, _)| i);
        let checklist = Arc::clone(checklist);
        assessment.set_answer(question_id, value, note, evidence, Timestamp::now());
        if let Some(internal) = internal {
            assessment.edit_answer(question_id, Timestamp::now(), |a| a.internal = internal);
        }
        Ok((checklist, index))
    })?;
    tell_repairs(&assessment);
    let (checklist, index) = index;
    let status = score::statuses(&assessment, &checklist)[index];
    let card = score::score(&assessment);
    let answer_label = match status {
        Status::Answered(response) => response.label(),
        _ => String::new(),
    };
    out!(
        "saved {question_id} = {} · score {} ({})",
        one_line(&answer_label),
        report::score_text(card.overall.score()),
        card.level.map_or("n/a", |l| l.name())
    );
    match status {
        Status::Skipped => {
            note!("note: an earlier answer leaves this question out, so it does not count for now");
        }
        Status::Waiting(gate) => note!(
            "note: this question counts once {}/{} is answered (and its answer brings it in)",
            checklist.id,
            checklist.questions[gate].id
        ),
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(
    context: &Context,
    reference: &str,
    format: FormatArg,
    internal: bool,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let (path, assessment, catalog) = open(context, reference)?;
    let loaded = super::clients::load_all(context, &catalog);
    let provider = context.config().provider;
    let made = report::Context {
        made: Timestamp::now(),
        logo: provider.logo_image(),
        provider,
        history: report::compare::trend(&crate::practice::history(&loaded, &assessment)),
        internal,
    };
    let bytes = match format.text() {
        Some(format) => report::render(&assessment, format, &made).into_bytes(),
        None => context.pdf(report::pdf(&assessment, &made, &context.layout()?))?,
    };
    super::deliver(context, &bytes, output, &[&path])?;
    Ok(ExitCode::SUCCESS)
}

/// Merges a recovery copy into the assessment it was copied from (found by its id).
pub fn recover(context: &Context, copy: &Path) -> Result<ExitCode> {
    let catalog = context.catalog_warning();
    let recovered = assessment::load(copy, &catalog)?;
    let store = context.store();
    let path = store.locate(&recovered.id)?;
    if same_file(&path, copy) {
        return Err(Error::Invalid(format!(
            "'{}' is the assessment itself, not a recovery copy",
            copy.display()
        )));
    }
    // Everything the copy holds counts as this writer's change; where the assessment has a
    // newer answer to the same question, that one stays.
    let mut base = recovered.clone();
    base.answers.clear();
    let (_, restored) = store.update(&path, &catalog, |original| {
        let merged = assessment::merge(&base, &recovered, original.clone());
        let restored = merged
            .answers
            .iter()
            .filter(|(id, answer)| original.answers.get(*id) != Some(*answer))
            .count();
        *original = merged;
        Ok(restored)
    })?;
    out!(
        "put {restored} answer(s) back into {}; the recovery copy can be deleted",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Whether two paths name one file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
