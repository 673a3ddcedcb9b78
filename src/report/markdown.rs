//! The Markdown report: `CommonMark` with GFM tables, readable as plain text and rendered.
//! Every piece of user or checklist text goes through `escape` or `sanitize`.

use std::fmt::Write;

use super::escape::{inline, multiline};
use super::sanitize;
use super::view::{ActionItem, QuestionEntry, Report, RollupRow};
use crate::score::Counts;

/// A score for people: one decimal, or "n/a" when nothing is scored.
pub fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "n/a".to_owned(), |s| format!("{s:.1}"))
}

/// A share (0–1) as a whole percentage, or "n/a".
pub fn percent_text(share: Option<f64>) -> String {
    share.map_or_else(|| "n/a".to_owned(), |s| format!("{:.0}%", s * 100.0))
}

fn mode_text(mode: &str) -> &'static str {
    if mode == "audit" {
        "On-site audit"
    } else {
        "Self-assessment"
    }
}

/// "52 yes, 10 partly, …" listing only the counts that are not zero.
pub fn counts_text(counts: &Counts) -> String {
    let choices: usize = counts.choices.values().sum();
    let parts = [
        (counts.yes, "yes"),
        (counts.partial, "partly"),
        (counts.no, "no"),
        (counts.unknown, "don't know"),
        (choices, "answered from a list"),
        (counts.unanswered, "not answered yet"),
        (counts.na, "not applicable"),
        (
            counts.skipped - counts.waiting,
            "left out by an earlier answer",
        ),
        (counts.waiting, "waiting for an earlier question"),
    ];
    let listed: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if listed.is_empty() {
        "no scored questions".to_owned()
    } else {
        listed.join(", ")
    }
}

/// Renders the report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024);
    title_block(report, &mut out);
    summary(report, &mut out);
    topics(report, &mut out);
    frameworks(report, &mut out);
    action_plan(report, &mut out);
    answers(report, &mut out);
    kept(report, &mut out);
    history(report, &mut out);
    let _ = writeln!(out, "---\n\n{}", super::integrity::line(&report.seal));
    out
}

/// Every visit of the client, when there was more than this one.
fn history(report: &Report, out: &mut String) {
    if report.history.len() < 2 {
        return;
    }
    out.push_str("## Every visit of this client\n\n| Date | Score | Level |\n|---|---:|---|\n");
    for visit in &report.history {
        let this = if visit.id == report.assessment.id {
            " (this visit)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| {}{this} | {} | {} |",
            visit.date,
            score_text(visit.score),
            visit.level.unwrap_or("n/a")
        );
    }
    out.push('\n');
}

fn title_block(report: &Report, out: &mut String) {
    let meta = &report.assessment;
    let _ = writeln!(
        out,
        "# Security posture report: {}\n",
        inline(&meta.organization)
    );
    out.push_str("| | |\n|---|---|\n");
    let prepared = match (&meta.prepared_by, &meta.contact) {
        (Some(name), Some(contact)) => Some(format!("{} · {}", inline(name), inline(contact))),
        (Some(name), None) => Some(inline(name)),
        (None, Some(contact)) => Some(inline(contact)),
        (None, None) => None,
    };
    if let Some(prepared) = prepared {
        let _ = writeln!(out, "| Prepared by | {prepared} |");
    }
    let rows = [
        ("Organisation", inline(&meta.organization)),
        ("Site", inline(&meta.site)),
        ("Assessor", inline(&meta.assessor)),
        ("Mode", mode_text(meta.mode).to_owned()),
        ("Started", meta.created.clone()),
        ("Last updated", meta.updated.clone()),
        (
            "Status",
            if meta.finished {
                "Finished"
            } else {
                "In progress"
            }
            .to_owned(),
        ),
        ("Assessment id", format!("`{}`", inline(&meta.id))),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "| {label} | {value} |");
    }
    if let Some(previous) = &meta.previous {
        let _ = writeln!(out, "| Follows up | `{}` |", inline(previous));
    }
    if meta.internal {
        out.push_str(
            "| Copy | Internal: with the assessor's internal notes; not for the client |\n",
        );
    }
    out.push('\n');
}

fn summary(report: &Report, out: &mut String) {
    let s = &report.summary;
    let _ = writeln!(
        out,
        "## Summary\n\n**Overall score: {} / 100 · {}{}**\n",
        score_text(s.score),
        s.level.unwrap_or("n/a"),
        if s.provisional { " (provisional)" } else { "" }
    );
    let open = s.critical_gaps.len() + s.critical_unanswered.len();
    if s.capped {
        let limit = if open >= 3 {
            "is Weak whatever the score"
        } else {
            "is at most Fair"
        };
        let _ = writeln!(
            out,
            "The level {limit} while {open} critical question{} {} open (answered below yes or not answered yet): a high average never hides a critical gap.\n",
            if open == 1 { "" } else { "s" },
            if open == 1 { "is" } else { "are" },
        );
    }
    if s.provisional {
        out.push_str("The assessment is not finished, so the level is provisional.\n\n");
    }
    let _ = writeln!(
        out,
        "Answered {} of the applicable scored questions ({}). Unanswered questions count as 0 in the score; over the answered questions alone it is {} / 100.\n",
        percent_text(s.coverage),
        counts_text(&s.counts),
        score_text(s.answered_score)
    );
    if report.assessment.previous.is_some() {
        let _ = writeln!(
            out,
            "This visit follows up an earlier one: {} answer(s) were confirmed or given on this visit, and {} were carried over from the earlier visit without being re-verified (each is marked below).\n",
            s.reverified, s.carried_over
        );
    }
    critical_list(
        out,
        "Critical gaps",
        "No critical gaps are open.",
        &s.critical_gaps,
    );
    if !s.critical_unanswered.is_empty() {
        critical_list(
            out,
            "Critical, not answered yet",
            "",
            &s.critical_unanswered,
        );
    }
    out.push_str("### Top actions\n\n");
    if s.top_actions.is_empty() {
        out.push_str("No answered question needs fixing.\n\n");
        return;
    }
    out.push_str("| # | Action | Topic | Severity | Gain |\n|---:|---|---|---|---:|\n");
    for (n, action) in s.top_actions.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | +{:.1} |",
            n + 1,
            inline(&action.action),
            inline(&action.topic),
            action.severity.unwrap_or(""),
            action.gain
        );
    }
    out.push('\n');
}

fn critical_list(out: &mut String, heading: &str, none: &str, items: &[ActionItem]) {
    let _ = writeln!(out, "### {heading}\n");
    if items.is_empty() {
        let _ = writeln!(out, "{none}\n");
        return;
    }
    for (n, item) in items.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. **{}** ({}; {}; `{}`)",
            n + 1,
            inline(&item.prompt),
            inline(&item.topic),
            answer_phrase(item),
            inline(&item.question)
        );
    }
    out.push('\n');
}

fn answer_phrase(item: &ActionItem) -> String {
    match (&item.answer, &item.waits_for) {
        (Some(answer), _) => format!("answered: {}", inline(answer)),
        (None, Some(gate)) => format!("asked once “{}” is answered", inline(&gate.prompt)),
        (None, None) => "not answered yet".to_owned(),
    }
}

fn topics(report: &Report, out: &mut String) {
    out.push_str("## By topic\n\n| Topic | Score | Level | Answered | Critical gaps |\n|---|---:|---|---:|---:|\n");
    for topic in &report.topics {
        let (score, level) = if topic.started {
            (score_text(topic.score), topic.level.unwrap_or("n/a"))
        } else {
            ("not started".to_owned(), "")
        };
        let _ = writeln!(
            out,
            "| {} | {score} | {level} | {}/{} | {} |",
            inline(&topic.title),
            topic.questions_answered,
            topic.questions_asked,
            topic.critical_gaps
        );
    }
    out.push('\n');
}

fn rollup_table(title: &str, first: &str, rows: &[RollupRow], out: &mut String) {
    let _ = writeln!(
        out,
        "### {title}\n\n| {first} | Score | Questions |\n|---|---:|---:|"
    );
    for row in rows {
        let name = if row.id == row.name {
            row.id.to_owned()
        } else {
            format!("{} ({})", row.name, row.id)
        };
        let _ = writeln!(
            out,
            "| {name} | {} | {} |",
            score_text(row.score),
            row.questions
        );
    }
    out.push('\n');
}

fn frameworks(report: &Report, out: &mut String) {
    out.push_str("## Framework roll-ups\n\n");
    rollup_table(
        "NIST CSF 2.0 functions",
        "Function",
        &report.frameworks.nist_csf_2,
        out,
    );
    rollup_table(
        "CIS Controls v8 implementation groups",
        "Group",
        &report.frameworks.cis_v8,
        out,
    );
    let _ = writeln!(
        out,
        "The topics of this assessment, in its mode ({}), assess {} of the {} CIS Controls v8 IG1 safeguards.\n",
        mode_text(report.assessment.mode).to_lowercase(),
        report.frameworks.cis_v8_ig1_assessed,
        report.frameworks.cis_v8_ig1_total
    );
}

fn action_plan(report: &Report, out: &mut String) {
    out.push_str("## Action plan\n\n");
    if report.action_plan.is_empty() {
        out.push_str("No answered question needs fixing.\n\n");
    }
    for (n, action) in report.action_plan.iter().enumerate() {
        let _ = writeln!(
            out,
            "### {}. {}\n\n*{} · {} · +{:.1} points · {}*\n",
            n + 1,
            inline(&action.action),
            action.severity.unwrap_or("unrated"),
            inline(&action.topic),
            action.gain,
            answer_phrase(action)
        );
        if action.action != action.prompt {
            let _ = writeln!(out, "Question: {}\n", inline(&action.prompt));
        }
        if !action.remediation.trim().is_empty() {
            out.push_str(sanitize::markdown(&action.remediation).trim_end());
            out.push_str("\n\n");
        }
        reading(&action.links, out);
    }
}

/// "Further reading:" and the addresses, each a link when it is a safe web address, plain
/// text otherwise.
fn reading(links: &[String], out: &mut String) {
    if links.is_empty() {
        return;
    }
    out.push_str("Further reading:\n\n");
    for link in links {
        // Autolinks end at '<' or '>', and is_safe_url admits neither spaces nor controls.
        if crate::text::is_safe_url(link) && !link.contains(['<', '>']) {
            let _ = writeln!(out, "- <{link}>");
        } else {
            let _ = writeln!(out, "- {}", inline(link));
        }
    }
    out.push('\n');
}

/// Whether a question gets an entry of its own in the answers, rather than a line in the
/// lists of questions not answered or left out.
fn has_entry(q: &QuestionEntry) -> bool {
    q.answer_label.is_some()
        || !q.note.trim().is_empty()
        || !q.evidence.trim().is_empty()
        || q.flagged
}

fn answers(report: &Report, out: &mut String) {
    out.push_str("## Answers\n\n");
    for topic in &report.answers {
        let _ = writeln!(
            out,
            "### {} (`{}`)\n",
            inline(&topic.title),
            inline(&topic.id)
        );
        for q in topic.questions.iter().filter(|q| has_entry(q)) {
            let answer = match (&q.answer_label, &q.waits_for, q.status) {
                (Some(label), _, _) => format!("**{}**", inline(label)),
                (None, Some(gate), _) => {
                    format!("asked once “{}” is answered", inline(&gate.prompt))
                }
                (None, None, "skipped") => "left out by an earlier answer".to_owned(),
                (None, None, _) => "not answered yet".to_owned(),
            };
            let _ = writeln!(out, "#### {}\n", inline(&q.prompt));
            let severity = q.severity.map(|s| format!(" · {s}")).unwrap_or_default();
            let _ = writeln!(out, "- Question: `{}`{severity}", inline(&q.id));
            let carried = if q.carried {
                " (carried over from the earlier visit, not re-verified)"
            } else {
                ""
            };
            let _ = writeln!(out, "- Answer: {answer}{carried}");
            if let Some(criterion) = &q.criterion {
                let _ = writeln!(out, "- Which means: {}", inline(criterion));
            }
            if !q.note.trim().is_empty() {
                let _ = writeln!(out, "- Note: {}", multiline(&q.note, 2));
            }
            if !q.evidence.trim().is_empty() {
                let _ = writeln!(out, "- Evidence: {}", multiline(&q.evidence, 2));
            }
            if q.flagged {
                out.push_str("- Flagged for review\n");
            }
            out.push('\n');
        }
        question_list(
            out,
            "Not answered yet",
            topic
                .questions
                .iter()
                .filter(|q| !has_entry(q) && q.status == "unanswered"),
        );
        question_list(
            out,
            "Asked once an earlier question is answered",
            topic
                .questions
                .iter()
                .filter(|q| !has_entry(q) && q.waits_for.is_some()),
        );
        question_list(
            out,
            "Left out by an earlier answer",
            topic
                .questions
                .iter()
                .filter(|q| !has_entry(q) && q.status == "skipped" && q.waits_for.is_none()),
        );
    }
}

/// The questions without an entry of their own, one line each under a bold heading.
fn question_list<'a>(
    out: &mut String,
    heading: &str,
    questions: impl Iterator<Item = &'a QuestionEntry>,
) {
    let mut questions = questions.peekable();
    if questions.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "**{heading}:**\n");
    for q in questions {
        let _ = writeln!(out, "- {} (`{}`)", inline(&q.prompt), inline(&q.id));
    }
    out.push('\n');
}

fn kept(report: &Report, out: &mut String) {
    if report.checklist_changes.is_empty() && report.kept_answers.is_empty() {
        return;
    }
    out.push_str("## Changes since this assessment began\n\n");
    for change in &report.checklist_changes {
        let _ = writeln!(out, "- {}", inline(change));
    }
    for kept in &report.kept_answers {
        let _ = writeln!(
            out,
            "- `{}` answered {}: kept in the file but not counted, because {}",
            inline(&kept.question),
            inline(&kept.answer),
            kept.reason
        );
    }
    out.push('\n');
}
