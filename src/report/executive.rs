//! The executive summary: what the score means, the three things to do this month, what is
//! already strong and, on a follow-up visit, what changed since the last one. Plain sentences
//! made from the data, so every format says the same.

use serde::Serialize;

use super::Context;
use super::markdown::score_text;
use super::view::{ActionItem, Summary, TopicRow};

/// How many actions "this month" lists.
const THIS_MONTH: usize = 3;

#[derive(Debug, Serialize)]
pub struct Executive {
    /// "Overall score 62 / 100: Fair."
    pub headline: String,
    /// What the level means for the business, in plain words.
    pub meaning: String,
    /// The first actions of the plan: answered gaps before questions still to answer.
    pub this_month: Vec<ActionItem>,
    /// Topics already at Good or Strong, e.g. "Backups (Strong, 95 / 100)".
    pub strengths: Vec<String>,
    /// On a follow-up visit: how the score moved since the previous one.
    pub since_last: Option<String>,
}

fn meaning(level: Option<&str>) -> &'static str {
    match level {
        Some("Strong") => {
            "The basics are in place and kept up. Keep checking them: a gap can open with any new person, device or service."
        }
        Some("Good") => {
            "Most of the basics are in place. A few gaps remain; closing them shuts the doors attackers try first."
        }
        Some("Fair") => {
            "Some important protections are missing. Common attacks, such as a stolen password or a ransomware email, have real openings here."
        }
        Some("Weak") => {
            "Key protections are missing. The business is exposed to the everyday attacks that hit small businesses; the actions below are urgent."
        }
        _ => "Too few questions are answered to give a level yet.",
    }
}

fn headline(summary: &Summary) -> String {
    match (summary.score, summary.level) {
        (Some(_), Some(level)) => format!(
            "Overall score {} / 100: {level}{}.",
            score_text(summary.score),
            if summary.provisional {
                " (provisional: the assessment is not finished)"
            } else {
                ""
            }
        ),
        _ => "No score yet: no scored question applies or none is answered.".to_owned(),
    }
}

fn since_last(context: &Context, this: &str) -> Option<String> {
    let at = context.history.iter().position(|v| v.id == this)?;
    let (before, now) = (
        context.history.get(at.checked_sub(1)?)?,
        &context.history[at],
    );
    Some(match (before.score, now.score) {
        (Some(b), Some(n)) if (n - b).abs() < 0.05 => format!(
            "Since the visit of {}, the score has stayed at {} / 100.",
            before.date,
            score_text(Some(n))
        ),
        (Some(b), Some(n)) => format!(
            "Since the visit of {}, the score went from {} to {} / 100 ({:+.1} points); the level is {} {}.",
            before.date,
            score_text(Some(b)),
            score_text(Some(n)),
            n - b,
            if before.level == now.level {
                "still"
            } else {
                "now"
            },
            now.level.unwrap_or("not set")
        ),
        _ => format!("This visit follows the one of {}.", before.date),
    })
}

pub fn build(
    summary: &Summary,
    topics: &[TopicRow],
    plan: &[ActionItem],
    context: &Context,
    this: &str,
) -> Executive {
    let answered = plan.iter().filter(|a| a.answer.is_some());
    let unanswered = plan.iter().filter(|a| a.answer.is_none());
    Executive {
        headline: headline(summary),
        meaning: meaning(summary.level).to_owned(),
        this_month: answered
            .chain(unanswered)
            .filter(|a| a.status != "done" && a.status != "accepted-risk")
            .take(THIS_MONTH)
            .cloned()
            .collect(),
        strengths: topics
            .iter()
            .filter(|t| t.started && matches!(t.level, Some("Good" | "Strong")))
            .map(|t| {
                format!(
                    "{} ({}, {} / 100)",
                    t.title,
                    t.level.unwrap_or_default(),
                    score_text(t.score)
                )
            })
            .collect(),
        since_last: since_last(context, this),
    }
}
