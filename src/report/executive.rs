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
    /// The actions to take first: those due within the month by due date, then the plan's
    /// order, answered gaps before questions still to answer; none due later.
    pub this_month: Vec<ActionItem>,
    /// What to say instead when `this_month` is empty.
    pub this_month_none: &'static str,
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

/// Up to three open actions for the month from `made`: the ones already due by its end,
/// soonest first, then the rest of the plan in its order, answered gaps first; an action due
/// after the month is left for later.
fn this_month(plan: &[ActionItem], made: jiff::Timestamp) -> Vec<ActionItem> {
    let month_end = made
        .checked_add(jiff::SignedDuration::from_hours(31 * 24))
        .unwrap_or(made)
        .strftime("%Y-%m-%d")
        .to_string();
    let open = plan.iter().filter(|a| a.is_open());
    let mut due: Vec<&ActionItem> = open
        .clone()
        .filter(|a| a.due.as_deref().is_some_and(|d| d <= month_end.as_str()))
        .collect();
    due.sort_by(|a, b| a.due.cmp(&b.due));
    let undated = open.filter(|a| a.due.is_none());
    let (answered, unanswered): (Vec<&ActionItem>, Vec<&ActionItem>) =
        undated.partition(|a| a.answer.is_some());
    due.into_iter()
        .chain(answered)
        .chain(unanswered)
        .take(THIS_MONTH)
        .cloned()
        .collect()
}

pub fn build(
    summary: &Summary,
    topics: &[TopicRow],
    plan: &[ActionItem],
    context: &Context,
    this: &str,
) -> Executive {
    Executive {
        headline: headline(summary),
        meaning: meaning(summary.level).to_owned(),
        this_month: this_month(plan, context.made),
        this_month_none: if plan.iter().any(ActionItem::is_open) {
            "Nothing falls due this month: every open action has a later due date (see the action plan)."
        } else {
            "No open action: every answered question is in order."
        },
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

#[cfg(test)]
mod tests {
    use super::*;

    fn action(
        question: &str,
        answered: bool,
        due: Option<&str>,
        status: &'static str,
    ) -> ActionItem {
        ActionItem {
            question: question.into(),
            topic: "Topic".into(),
            prompt: question.into(),
            action: question.into(),
            severity: Some("high"),
            answer: answered.then(|| "No".to_owned()),
            gain: 1.0,
            remediation: String::new(),
            links: Vec::new(),
            waits_for: None,
            criterion: None,
            note: String::new(),
            evidence: String::new(),
            carried: false,
            id: question.into(),
            owner: String::new(),
            due: due.map(str::to_owned),
            status,
            reason: String::new(),
            review: None,
            status_text: status.replace('-', " "),
        }
    }

    #[test]
    fn this_month_puts_what_falls_due_first_and_leaves_later_dates_for_later() {
        let made: jiff::Timestamp = "2026-12-01T10:00:00Z".parse().expect("time");
        let plan = [
            action("critical-undated", true, None, "open"),
            action("due-next-year", true, Some("2027-03-01"), "open"),
            action("unanswered", false, None, "open"),
            action("due-late-december", true, Some("2026-12-20"), "in-progress"),
            action("due-mid-december", true, Some("2026-12-10"), "open"),
            action("accepted", true, None, "accepted-risk"),
        ];
        let ids: Vec<String> = this_month(&plan, made)
            .into_iter()
            .map(|a| a.question)
            .collect();
        assert_eq!(
            ids,
            ["due-mid-december", "due-late-december", "critical-undated"]
        );
        let later_only = [action("due-next-year", true, Some("2027-03-01"), "open")];
        assert!(this_month(&later_only, made).is_empty());
    }
}
