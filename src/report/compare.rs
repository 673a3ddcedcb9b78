//! Comparing two assessments of the same organisation: what improved, what regressed, what is
//! newly answered and what no longer is, per topic and per question (checklist-format.md §5).

use serde::Serialize;

use crate::assessment::Assessment;
use crate::checklist::Severity;
use crate::score::{self, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Answered in both, with more credit now.
    Improved,
    /// Answered in both, with less credit now.
    Regressed,
    /// Answered now, not before (a question newly answered, or new in the checklist).
    New,
    /// Answered before, not now (left unanswered, skipped, or gone from the checklist).
    Removed,
}

impl Change {
    pub fn name(self) -> &'static str {
        match self {
            Change::Improved => "improved",
            Change::Regressed => "regressed",
            Change::New => "new",
            Change::Removed => "removed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionChange {
    pub question: String,
    pub prompt: String,
    pub severity: Option<&'static str>,
    pub change: Change,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicChange {
    pub id: String,
    pub title: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub schema: &'static str,
    pub before: Side,
    pub after: Side,
    pub topics: Vec<TopicChange>,
    pub questions: Vec<QuestionChange>,
    /// Every visit of the client, oldest first: the two compared and any others.
    pub trend: Vec<TrendPoint>,
    /// Set when a compared visit is still a draft: says which, for every format to show.
    pub draft: Option<String>,
}

/// One visit in a client's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub id: String,
    pub date: String,
    pub score: Option<f64>,
    pub level: Option<&'static str>,
}

/// A client's visits as points of its trend.
pub fn trend(visits: &[crate::practice::Visit]) -> Vec<TrendPoint> {
    visits.iter().map(TrendPoint::of).collect()
}

impl TrendPoint {
    pub fn of(visit: &crate::practice::Visit) -> Self {
        Self {
            id: visit.id.clone(),
            date: visit.day.to_string(),
            score: visit.score.map(|s| (s * 10.0).round() / 10.0),
            level: visit.level.map(crate::score::Level::name),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub id: String,
    pub organization: String,
    pub site: String,
    pub date: String,
    pub score: Option<f64>,
    pub level: Option<&'static str>,
    pub critical_gaps: usize,
    /// Answers carried over from the visit before and not re-checked on this one.
    pub carried_over: usize,
    /// False while the visit is a draft: its answers and score may still change.
    pub finished: bool,
}

impl Side {
    fn status(&self) -> &'static str {
        if self.finished { "final" } else { "draft" }
    }
}

/// The JSON comparison's schema id.
pub const SCHEMA: &str = "posture-compare/2";

/// A scored question's answer: its prompt, severity, label and credit.
struct Answered {
    prompt: String,
    severity: Option<Severity>,
    label: String,
    credit: f64,
}

fn answered(assessment: &Assessment) -> std::collections::BTreeMap<String, Answered> {
    let mut map = std::collections::BTreeMap::new();
    for checklist in &assessment.checklists {
        for (question, status) in checklist
            .questions
            .iter()
            .zip(score::statuses(assessment, checklist))
        {
            if let Status::Answered(response) = status
                && let (Some(credit), true) = (response.credit(), question.is_scored())
            {
                map.insert(
                    Assessment::full_id(checklist, question),
                    Answered {
                        prompt: question.prompt.clone(),
                        severity: question.severity,
                        label: response.label(),
                        credit,
                    },
                );
            }
        }
    }
    map
}

fn side(assessment: &Assessment) -> Side {
    let card = score::score(assessment);
    Side {
        id: assessment.id.clone(),
        organization: assessment.header.organization.clone(),
        site: assessment.header.site.clone(),
        date: assessment
            .created
            .instant()
            .strftime("%Y-%m-%d")
            .to_string(),
        score: card.overall.score().map(|s| (s * 10.0).round() / 10.0),
        level: card.level.map(crate::score::Level::name),
        critical_gaps: card.critical_gaps.len(),
        carried_over: assessment
            .answers
            .values()
            .filter(|a| a.value.is_some() && a.carried)
            .count(),
        finished: assessment.finished,
    }
}

/// Compares an earlier assessment with a later one; `trend` is the client's history.
pub fn compare(before: &Assessment, after: &Assessment, trend: Vec<TrendPoint>) -> Comparison {
    let (old, new) = (answered(before), answered(after));
    let mut questions: Vec<QuestionChange> = Vec::new();
    for id in old
        .keys()
        .chain(new.keys().filter(|id| !old.contains_key(*id)))
    {
        let (was, now) = (old.get(id), new.get(id));
        let change = match (was, now) {
            (Some(a), Some(b)) if b.credit > a.credit => Change::Improved,
            (Some(a), Some(b)) if b.credit < a.credit => Change::Regressed,
            (None, Some(_)) => Change::New,
            (Some(_), None) => Change::Removed,
            _ => continue,
        };
        let shown = now
            .or(was)
            .map_or((String::new(), None), |q| (q.prompt.clone(), q.severity));
        questions.push(QuestionChange {
            question: id.clone(),
            prompt: shown.0,
            severity: shown.1.map(Severity::name),
            change,
            before: was.map(|a| a.label.clone()),
            after: now.map(|a| a.label.clone()),
        });
    }
    // Regressions first, then improvements, new and removed; the most severe first within each.
    questions.sort_by_key(|q| {
        let order = match q.change {
            Change::Regressed => 0,
            Change::Improved => 1,
            Change::New => 2,
            Change::Removed => 3,
        };
        (
            order,
            q.severity.and_then(Severity::parse),
            q.question.clone(),
        )
    });
    let (card_before, card_after) = (score::score(before), score::score(after));
    let mut topics: Vec<TopicChange> = Vec::new();
    for (checklist, s) in after.checklists.iter().zip(&card_after.checklists) {
        let earlier = before.checklists.iter().position(|c| c.id == checklist.id);
        topics.push(TopicChange {
            id: checklist.id.clone(),
            title: checklist.title.clone(),
            before: earlier.and_then(|i| card_before.checklists[i].tally.score()),
            after: s.tally.score(),
        });
    }
    for (checklist, s) in before.checklists.iter().zip(&card_before.checklists) {
        if !after.checklists.iter().any(|c| c.id == checklist.id) {
            topics.push(TopicChange {
                id: checklist.id.clone(),
                title: checklist.title.clone(),
                before: s.tally.score(),
                after: None,
            });
        }
    }
    let (before, after) = (side(before), side(after));
    Comparison {
        schema: SCHEMA,
        draft: draft_warning(&before, &after),
        before,
        after,
        topics,
        questions,
        trend,
    }
}

/// What a reader must know when a compared visit is still a draft.
fn draft_warning(before: &Side, after: &Side) -> Option<String> {
    let (which, verb, whose) = match (before.finished, after.finished) {
        (true, true) => return None,
        (true, false) => ("The later visit", "is", "its"),
        (false, true) => ("The earlier visit", "is", "its"),
        (false, false) => ("Both visits", "are", "their"),
    };
    Some(format!(
        "DRAFT: {which} {verb} not finished, so {whose} answers and score may still change."
    ))
}

fn points(score: Option<f64>) -> String {
    super::score_text(score)
}

fn delta(before: Option<f64>, after: Option<f64>) -> String {
    match (before, after) {
        (Some(a), Some(b)) => format!("{:+.1}", b - a),
        _ => String::new(),
    }
}

/// The comparison as Markdown (`CommonMark` with GFM tables), every piece of text escaped.
pub fn markdown(c: &Comparison, provider: &crate::config::Provider) -> String {
    use super::escape::{inline, wrapped};
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Security posture compared: {}\n",
        inline(&c.after.organization)
    );
    let prepared: Vec<String> = [&provider.name, &provider.contact]
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| inline(t))
        .collect();
    if !prepared.is_empty() {
        let _ = writeln!(out, "Prepared by {}.\n", prepared.join(" · "));
    }
    let _ = writeln!(
        out,
        "{}\n\n| | Before | After | Change |\n|---|---:|---:|---:|",
        wrapped(
            &inline(&format!(
                "Confidential: this comparison describes the security weaknesses of {}. Share it only with the people who need it to fix them.",
                c.after.organization
            )),
            super::escape::LINE_WIDTH
        )
    );
    overview(c, &mut out);
    out.push_str("## By topic\n\n| Topic | Before | After | Change |\n|---|---:|---:|---:|\n");
    for t in &c.topics {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            inline(&t.title),
            points(t.before),
            points(t.after),
            delta(t.before, t.after)
        );
    }
    trend_table(c, &mut out);
    out.push_str("\n## By question\n\n");
    if c.questions.is_empty() {
        out.push_str("No answer changed.\n");
        return out;
    }
    out.push_str("| Change | Question | Severity | Before | After |\n|---|---|---|---|---|\n");
    for q in &c.questions {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            q.change.name(),
            inline(&q.prompt),
            q.severity.unwrap_or(""),
            q.before.as_deref().map_or_else(|| "—".to_owned(), inline),
            q.after.as_deref().map_or_else(|| "—".to_owned(), inline),
        );
    }
    out
}

/// The two visits side by side (date, score, level, critical gaps, status), then what the
/// reader must keep in mind: a draft, answers carried over unchecked.
fn overview(c: &Comparison, out: &mut String) {
    use super::escape::{inline, wrapped};
    use std::fmt::Write;
    let _ = writeln!(out, "| Date | {} | {} | |", c.before.date, c.after.date);
    let _ = writeln!(
        out,
        "| Score | {} | {} | {} |",
        points(c.before.score),
        points(c.after.score),
        delta(c.before.score, c.after.score)
    );
    let _ = writeln!(
        out,
        "| Level | {} | {} | |",
        c.before.level.unwrap_or("n/a"),
        c.after.level.unwrap_or("n/a")
    );
    let _ = writeln!(
        out,
        "| Critical gaps | {} | {} | |",
        c.before.critical_gaps, c.after.critical_gaps
    );
    let _ = writeln!(
        out,
        "| Status | {} | {} | |\n",
        c.before.status(),
        c.after.status()
    );
    if let Some(warning) = &c.draft {
        let _ = writeln!(
            out,
            "**{}**\n",
            wrapped(&inline(warning), super::escape::LINE_WIDTH)
        );
    }
    if c.after.carried_over > 0 {
        let _ = writeln!(
            out,
            "{}\n",
            wrapped(
                &inline(&format!(
                    "{} of the later visit were carried over from the one before and not checked again: where a topic shows no change, it may not have been re-checked.",
                    crate::text::plural(c.after.carried_over, "answer")
                )),
                super::escape::LINE_WIDTH
            )
        );
    }
}

/// The client's visits as a table, when there are more than the two compared.
fn trend_table(c: &Comparison, out: &mut String) {
    use std::fmt::Write;
    if c.trend.len() < 3 {
        return;
    }
    out.push_str("\n## Every visit\n\n| Date | Score | Level |\n|---|---:|---|\n");
    for point in &c.trend {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            point.date,
            points(point.score),
            point.level.unwrap_or("n/a")
        );
    }
}

/// The comparison as versioned JSON (schema `posture-compare/1`), every string printable.
pub fn json(c: &Comparison) -> String {
    super::json::to_json(c)
}
