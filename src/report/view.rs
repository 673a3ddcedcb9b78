//! Everything a report shows, gathered once from an assessment and its scorecard. The
//! Markdown, HTML and JSON reports are renderings of this one view, so they never disagree.
//! Its serde form is the JSON report (schema `posture-report/1`, see README.md).

use serde::Serialize;

use super::Context;
use super::compare::TrendPoint;
use super::executive::Executive;
use super::integrity::Seal;
use super::scope::Scope;
use crate::assessment::{Assessment, ChecklistChange, Response};
use crate::checklist::{Checklist, Question, Severity};
use crate::frameworks::{CIS_GROUPS, CSF_FUNCTIONS};
use crate::score::{self, Counts, Level, QuestionRef, Scorecard, Status, Tally};

/// The JSON report's schema id; a breaking change to the view bumps it.
pub const SCHEMA: &str = "posture-report/2";
/// How many actions the executive summary lists.
pub const TOP_ACTIONS: usize = 5;

#[derive(Debug, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub generator: String,
    pub assessment: Meta,
    pub summary: Summary,
    /// The executive summary in plain words, generated from the data.
    pub executive: Executive,
    /// What was assessed and how.
    pub scope: Scope,
    pub topics: Vec<TopicRow>,
    pub frameworks: Frameworks,
    /// Every question that could still gain points: critical and high first, then by gain.
    pub action_plan: Vec<ActionItem>,
    pub answers: Vec<TopicAnswers>,
    /// Answers kept in the file that no longer count, with the reason.
    pub kept_answers: Vec<KeptItem>,
    pub checklist_changes: Vec<String>,
    /// Every visit of the client, oldest first (empty when only this one is known).
    pub history: Vec<TrendPoint>,
    /// What `posture verify` checks the report against.
    pub seal: Seal,
}

#[derive(Debug, Serialize)]
pub struct Meta {
    pub id: String,
    pub organization: String,
    pub site: String,
    pub assessor: String,
    pub mode: &'static str,
    pub created: String,
    pub updated: String,
    pub finished: bool,
    /// The day the report was made, `YYYY-MM-DD` (UTC).
    pub made: String,
    /// The visit this one followed up, if any.
    pub previous: Option<String>,
    /// Who prepared the report (the provider in config.toml), if set.
    pub prepared_by: Option<String>,
    pub contact: Option<String>,
    /// True for a report made for the assessor's team, with internal notes and flags.
    pub internal: bool,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    /// 0–100 with unanswered questions counting 0, `null` when no scored question applies.
    pub score: Option<f64>,
    /// 0–100 over the answered questions alone, `null` when none is answered.
    pub answered_score: Option<f64>,
    pub level: Option<&'static str>,
    /// True while the assessment is not finished: the level may still change.
    pub provisional: bool,
    /// True when open critical questions lowered the level below what the score earns.
    pub capped: bool,
    /// Answered share of the applicable scored questions, 0–1.
    pub coverage: Option<f64>,
    pub counts: Counts,
    /// Critical questions answered below full credit.
    pub critical_gaps: Vec<ActionItem>,
    /// Critical questions not answered yet (they cap the level as gaps do).
    pub critical_unanswered: Vec<ActionItem>,
    pub top_actions: Vec<ActionItem>,
    /// On a follow-up visit: answers confirmed or given on this visit, and answers carried
    /// over from the last one and not re-verified yet.
    pub reverified: usize,
    pub carried_over: usize,
}

#[derive(Debug, Serialize)]
pub struct TopicRow {
    pub id: String,
    pub title: String,
    pub version: String,
    pub score: Option<f64>,
    pub level: Option<&'static str>,
    /// False while no scored question of the topic has an answer: "not started".
    pub started: bool,
    pub answered: usize,
    pub applicable: usize,
    /// Questions of every kind asked now (those waiting for an earlier answer left out) and
    /// how many have an answer: the progress the interface shows.
    pub questions_asked: usize,
    pub questions_answered: usize,
    pub critical_gaps: usize,
    pub critical_unanswered: usize,
    /// True when open critical questions hold the level below what the score earns.
    pub held_down: bool,
}

#[derive(Debug, Serialize)]
pub struct Frameworks {
    pub nist_csf_2: Vec<RollupRow>,
    pub cis_v8: Vec<RollupRow>,
    /// What each table shows, in a sentence a client can follow.
    pub about_nist_csf_2: &'static str,
    pub about_cis_v8: &'static str,
    /// How many of the CIS v8 IG1 safeguards this assessment's mode and topics assess.
    pub cis_v8_ig1_assessed: usize,
    pub cis_v8_ig1_total: usize,
}

#[derive(Debug, Serialize)]
pub struct RollupRow {
    pub id: &'static str,
    pub name: &'static str,
    pub score: Option<f64>,
    /// The level the score earns; `null` while no question is answered (not assessed yet).
    pub level: Option<&'static str>,
    pub questions: usize,
    /// How many of those questions have an answer (0: not assessed yet).
    pub answered: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionItem {
    pub question: String,
    pub topic: String,
    pub prompt: String,
    /// The task's title: the question's `action`, or its prompt when it has none.
    pub action: String,
    pub severity: Option<&'static str>,
    /// What was answered, as a person reads it; `null` when unanswered.
    pub answer: Option<String>,
    /// Points the overall score gains when this becomes yes.
    pub gain: f64,
    pub remediation: String,
    /// Further reading: the question's web addresses.
    pub links: Vec<String>,
    /// The unanswered question that decides whether this one applies, if that is why it is
    /// not answered.
    pub waits_for: Option<Gate>,
    /// What the answer given means for this question, when the checklist says.
    pub criterion: Option<String>,
    /// The assessor's note and evidence (an internal note only in an internal report).
    pub note: String,
    pub evidence: String,
    /// The answer was carried over from the last visit and not re-checked on this one.
    pub carried: bool,
    /// The action's tracking: stable id, owner, due date, status (`open`, `in-progress`,
    /// `done`, `accepted-risk`) and, for an accepted risk, the reason and review date.
    pub id: String,
    pub owner: String,
    pub due: Option<String>,
    pub status: &'static str,
    pub reason: String,
    pub review: Option<String>,
    /// The status in words, with an accepted risk's review date and reason.
    pub status_text: String,
}

impl ActionItem {
    /// Still to do: neither done nor accepted as a risk.
    pub fn is_open(&self) -> bool {
        self.status != "done" && self.status != "accepted-risk"
    }

    /// "Jo · due 2027-01-31", "due 2027-01-31" or "Jo"; empty when neither is set.
    pub fn assignment(&self) -> String {
        let due = self.due.as_ref().map(|d| format!("due {d}"));
        [
            Some(self.owner.trim().to_owned()).filter(|o| !o.is_empty()),
            due,
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
    }
}

/// A status in words: "in progress", or "accepted risk until 2027-06-01: reason".
fn status_text(tracking: &crate::assessment::Tracking) -> String {
    let mut text = tracking.status.name().replace('-', " ");
    if let (Some(review), crate::assessment::ActionStatus::AcceptedRisk) =
        (tracking.review, tracking.status)
    {
        text = format!("{text} until {review}");
    }
    if !tracking.reason.trim().is_empty() {
        text = format!("{text}: {}", tracking.reason);
    }
    text
}

/// What a finding or an action says of an answer carried over unchecked.
pub const CARRIED_MARK: &str = "carried over from the last visit, not re-checked";

/// A question whose answer decides whether others apply.
#[derive(Debug, Clone, Serialize)]
pub struct Gate {
    pub question: String,
    pub prompt: String,
}

#[derive(Debug, Serialize)]
pub struct TopicAnswers {
    pub id: String,
    pub title: String,
    pub questions: Vec<QuestionEntry>,
}

#[derive(Debug, Serialize)]
pub struct QuestionEntry {
    pub id: String,
    pub prompt: String,
    pub kind: &'static str,
    pub severity: Option<&'static str>,
    /// answered | unanswered | skipped
    pub status: &'static str,
    /// For a skipped question, the unanswered question it waits for, if that is why.
    pub waits_for: Option<Gate>,
    /// The stored answer id or value (`yes`, a choice id, text or a number).
    pub answer: Option<String>,
    pub answer_label: Option<String>,
    /// What the answer given means for this question, when the checklist says.
    pub criterion: Option<String>,
    pub credit: Option<f64>,
    pub note: String,
    pub evidence: String,
    pub flagged: bool,
    /// Carried over from the last visit and not re-verified on this one.
    pub carried: bool,
    pub cis_v8: Vec<String>,
    pub nist_csf_2: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct KeptItem {
    pub question: String,
    pub answer: String,
    pub reason: &'static str,
}

fn rounded(value: Option<f64>) -> Option<f64> {
    value.map(|v| (v * 10.0).round() / 10.0)
}

fn date(at: jiff::Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

fn waits_for(checklist: &Checklist, status: &Status) -> Option<Gate> {
    let Status::Waiting(gate) = *status else {
        return None;
    };
    let gate = &checklist.questions[gate];
    Some(Gate {
        question: Assessment::full_id(checklist, gate),
        prompt: gate.prompt.clone(),
    })
}

fn action_item(
    assessment: &Assessment,
    statuses: &[Vec<Status>],
    at: QuestionRef,
    gain: f64,
    internal: bool,
) -> ActionItem {
    let checklist = &assessment.checklists[at.checklist];
    let question = &checklist.questions[at.question];
    let id = Assessment::full_id(checklist, question);
    let response = assessment.response(checklist, question);
    let answer = assessment.answer(checklist, question);
    let tracking = assessment.tracking(&id);
    ActionItem {
        topic: checklist.title.clone(),
        prompt: question.prompt.clone(),
        action: question.task().to_owned(),
        severity: question.severity.map(Severity::name),
        answer: response.as_ref().map(Response::label),
        gain: (gain * 10.0).round() / 10.0,
        remediation: question.remediation.clone(),
        links: question.links.clone(),
        waits_for: waits_for(checklist, &statuses[at.checklist][at.question]),
        criterion: criterion(question, response.as_ref()),
        note: note(answer, internal),
        evidence: answer.map(|a| a.evidence.clone()).unwrap_or_default(),
        carried: response.is_some() && answer.is_some_and(|a| a.carried),
        question: id,
        status_text: status_text(&tracking),
        id: tracking.id,
        owner: tracking.owner,
        due: tracking.due.map(|d| d.to_string()),
        status: tracking.status.name(),
        reason: tracking.reason,
        review: tracking.review.map(|d| d.to_string()),
    }
}

/// The note a report shows: none of an internal one in a client's copy, and in the team's copy
/// an internal one marked as such, so it is never mistaken for text the client may see.
fn note(answer: Option<&crate::assessment::Answer>, internal: bool) -> String {
    match answer {
        Some(a) if a.internal && internal && !a.note.trim().is_empty() => {
            format!("(internal) {}", a.note)
        }
        Some(a) if !a.internal => a.note.clone(),
        _ => String::new(),
    }
}

fn criterion(question: &Question, response: Option<&Response>) -> Option<String> {
    let stated = response
        .and_then(Response::id)
        .and_then(|id| question.criteria.for_answer(id))
        .map(str::to_owned);
    // "Don't know" is not a confirmed gap: say so, so the fix reads as "check, then act".
    stated.or_else(|| {
        matches!(response, Some(Response::Unknown)).then(|| {
            "Not verified on this visit: confirm it first; until then it counts as not in place."
                .to_owned()
        })
    })
}

fn rollup(
    tallies: &[Tally],
    names: impl Iterator<Item = (&'static str, &'static str)>,
) -> Vec<RollupRow> {
    tallies
        .iter()
        .zip(names)
        .map(|(tally, (id, name))| RollupRow {
            id,
            name,
            score: rounded(tally.score()),
            level: tally
                .score()
                .filter(|_| tally.answered > 0)
                .map(|s| Level::of(s).name()),
            questions: tally.questions,
            answered: tally.answered,
        })
        .collect()
}

fn entry(
    assessment: &Assessment,
    checklist: &Checklist,
    question: &Question,
    status: &Status,
    internal: bool,
) -> QuestionEntry {
    let answer = assessment.answer(checklist, question);
    // An internal note or flag stays out of a client's report.
    let shown = answer.filter(|a| internal || !a.internal);
    let (status_name, response): (&'static str, Option<&Response>) = match status {
        Status::Answered(response) => ("answered", Some(response)),
        Status::Skipped | Status::Waiting(_) => ("skipped", None),
        Status::Unanswered | Status::NotAsked => ("unanswered", None),
    };
    QuestionEntry {
        id: Assessment::full_id(checklist, question),
        prompt: question.prompt.clone(),
        kind: question.kind.name(),
        severity: question.severity.map(Severity::name),
        status: status_name,
        waits_for: waits_for(checklist, status),
        answer: response
            .and(answer)
            .and_then(|a| a.value.as_ref())
            .map(ToString::to_string),
        answer_label: response.map(Response::label),
        criterion: criterion(question, response),
        credit: response.and_then(Response::credit),
        note: note(answer, internal),
        evidence: answer.map(|a| a.evidence.clone()).unwrap_or_default(),
        flagged: shown.is_some_and(|a| a.flagged),
        carried: response.is_some() && answer.is_some_and(|a| a.carried),
        cis_v8: question.refs.cis_v8.clone(),
        nist_csf_2: question.refs.nist_csf_2.clone(),
    }
}

/// Gathers the report of an assessment, made as `context` says.
pub fn build(assessment: &Assessment, context: &Context) -> Report {
    let statuses: Vec<Vec<Status>> = assessment
        .checklists
        .iter()
        .map(|c| score::statuses(assessment, c))
        .collect();
    let card: Scorecard = score::score_with(assessment, &statuses);
    let header = &assessment.header;
    let internal = context.internal;
    let actions: Vec<ActionItem> = card
        .actions
        .iter()
        .map(|a| action_item(assessment, &statuses, a.at, a.gain, internal))
        .collect();
    // Most severe first, then the largest gain: the order of `posture actions`.
    let action_plan: Vec<ActionItem> = crate::practice::plan(assessment, &card)
        .iter()
        .map(|a| action_item(assessment, &statuses, a.at, a.gain, internal))
        .collect();
    let summary = summary(assessment, &statuses, &card, &actions, internal);
    let topics = topics(assessment, &statuses, &card);
    Report {
        schema: SCHEMA,
        generator: format!("posture {}", env!("CARGO_PKG_VERSION")),
        assessment: Meta {
            id: assessment.id.clone(),
            organization: header.organization.clone(),
            site: header.site.clone(),
            assessor: header.assessor.clone(),
            mode: header.mode.name(),
            created: date(assessment.created.instant()),
            updated: date(assessment.updated.instant()),
            finished: assessment.finished,
            made: context.made.strftime("%Y-%m-%d").to_string(),
            previous: assessment.previous.clone(),
            prepared_by: Some(context.provider.name.clone()).filter(|n| !n.trim().is_empty()),
            contact: Some(context.provider.contact.clone()).filter(|c| !c.trim().is_empty()),
            internal: context.internal,
        },
        executive: super::executive::build(
            &summary,
            &topics,
            &action_plan,
            context,
            &assessment.id,
        ),
        scope: super::scope::build(assessment, &summary, &topics),
        summary,
        topics,
        frameworks: Frameworks {
            nist_csf_2: rollup(&card.csf, CSF_FUNCTIONS.into_iter()),
            cis_v8: rollup(&card.cis, CIS_GROUPS.iter().map(|g| (*g, *g))),
            about_nist_csf_2: "The NIST Cybersecurity Framework 2.0 sorts security work into six functions, from governing it to recovering from an incident. Each score covers the questions mapped to that function; \"not assessed\" means none of them is answered yet.",
            about_cis_v8: "The CIS Controls v8 rank their safeguards in three implementation groups: IG1 is the essential baseline for every business, and IG2 and IG3 add to it for larger or more exposed ones. Each score covers the questions mapped to that group's safeguards.",
            cis_v8_ig1_assessed: card.ig1_assessed,
            cis_v8_ig1_total: crate::frameworks::cis_ig1_safeguards().count(),
        },
        action_plan,
        answers: answers(assessment, &statuses, context.internal),
        kept_answers: assessment
            .kept_answers()
            .into_iter()
            .map(|kept| KeptItem {
                answer: assessment
                    .answers
                    .get(&kept.question)
                    .and_then(|a| a.value.as_ref())
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                question: kept.question,
                reason: kept.reason,
            })
            .collect(),
        checklist_changes: assessment.changes.iter().map(describe_change).collect(),
        history: context.history.clone(),
        seal: super::integrity::seal(assessment, context.made),
    }
}

fn summary(
    assessment: &Assessment,
    statuses: &[Vec<Status>],
    card: &Scorecard,
    actions: &[ActionItem],
    internal: bool,
) -> Summary {
    let gains: std::collections::HashMap<QuestionRef, f64> =
        card.actions.iter().map(|a| (a.at, a.gain)).collect();
    let item = |&at: &QuestionRef| {
        action_item(
            assessment,
            statuses,
            at,
            gains.get(&at).copied().unwrap_or(0.0),
            internal,
        )
    };
    Summary {
        score: rounded(card.overall.score()),
        answered_score: rounded(card.answered.score()),
        level: card.level.map(Level::name),
        provisional: !assessment.finished && card.level.is_some(),
        capped: card.is_capped(),
        coverage: card
            .counts
            .coverage()
            .map(|c| (c * 1000.0).round() / 1000.0),
        counts: card.counts.clone(),
        critical_gaps: card.critical_gaps.iter().map(item).collect(),
        critical_unanswered: card.critical_unanswered.iter().map(item).collect(),
        top_actions: actions.iter().take(TOP_ACTIONS).cloned().collect(),
        reverified: assessment
            .answers
            .values()
            .filter(|a| a.value.is_some() && !a.carried)
            .count(),
        carried_over: assessment
            .answers
            .values()
            .filter(|a| a.value.is_some() && a.carried)
            .count(),
    }
}

fn topics(assessment: &Assessment, statuses: &[Vec<Status>], card: &Scorecard) -> Vec<TopicRow> {
    assessment
        .checklists
        .iter()
        .zip(&card.checklists)
        .zip(statuses)
        .map(|((checklist, s), statuses)| (checklist, s, score::Progress::of(statuses)))
        .map(|(checklist, s, progress)| TopicRow {
            id: checklist.id.clone(),
            title: checklist.title.clone(),
            version: checklist.version.to_string(),
            score: rounded(s.tally.score()),
            level: s.level.map(Level::name),
            held_down: s.level != s.tally.score().map(Level::of),
            started: s.started(),
            answered: s.counts.answered(),
            applicable: s.counts.answered() + s.counts.unanswered,
            questions_asked: progress.asked,
            questions_answered: progress.answered,
            critical_gaps: s.critical_gaps,
            critical_unanswered: s.critical_unanswered,
        })
        .collect()
}

fn answers(assessment: &Assessment, statuses: &[Vec<Status>], internal: bool) -> Vec<TopicAnswers> {
    assessment
        .checklists
        .iter()
        .zip(statuses)
        .map(|(checklist, statuses)| TopicAnswers {
            id: checklist.id.clone(),
            title: checklist.title.clone(),
            questions: checklist
                .questions
                .iter()
                .zip(statuses)
                .filter(|(_, status)| **status != Status::NotAsked)
                .map(|(question, status)| entry(assessment, checklist, question, status, internal))
                .collect(),
        })
        .collect()
}

/// One line about a checklist that changed since the assessment began.
pub fn describe_change(change: &ChecklistChange) -> String {
    match change {
        ChecklistChange::Version { id, from, to } => {
            format!(
                "checklist '{id}' changed from version {from} to {to} since this assessment began"
            )
        }
        ChecklistChange::Missing { id, version } => {
            format!(
                "checklist '{id}' (version {version}) is not loaded; its answers are kept but not scored"
            )
        }
    }
}
