//! The Markdown report: `CommonMark` with GFM tables, readable as plain text and rendered.
//! Every piece of user or checklist text goes through `escape` or `sanitize`.

use std::fmt::Write;

use super::escape::{inline, wrapped};
use super::view::{ActionItem, Report, RollupRow};
use crate::score::Counts;
use crate::text::plural;

mod client;
use super::escape::LINE_WIDTH as WIDTH;
use client::{action_plan, answers, findings, scope, sign_off};

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
    findings(report, &mut out);
    action_plan(report, &mut out);
    scope(report, &mut out);
    sign_off(report, &mut out);
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

/// A list item of escaped `text` after `marker` (`-`, `1.`), wrapped with a hanging indent.
fn item(out: &mut String, marker: &str, text: &str) {
    let indent = " ".repeat(marker.len() + 1);
    let body = wrapped(text, WIDTH.saturating_sub(indent.len()));
    let _ = writeln!(
        out,
        "{marker} {}",
        body.replace('\n', &format!("\n{indent}"))
    );
}

/// A generated paragraph, escaped and wrapped.
fn paragraph(out: &mut String, text: &str) {
    let _ = writeln!(out, "{}\n", wrapped(&inline(text), WIDTH));
}

fn title_block(report: &Report, out: &mut String) {
    let meta = &report.assessment;
    let _ = writeln!(
        out,
        "# Security posture report: {}\n",
        inline(&meta.organization)
    );
    let status = if meta.finished {
        "Final".to_owned()
    } else {
        format!(
            "**DRAFT — incomplete**: {} of {} questions answered",
            report.scope.questions_answered, report.scope.questions_asked
        )
    };
    let rows = [
        ("Client", inline(&meta.organization)),
        ("Site", inline(&meta.site)),
        ("Assessment", report.scope.mode.to_owned()),
        ("Assessor", inline(&meta.assessor)),
        (
            "Prepared by",
            meta.prepared_by.as_deref().map(inline).unwrap_or_default(),
        ),
        (
            "Contact",
            meta.contact.as_deref().map(inline).unwrap_or_default(),
        ),
        ("Report date", meta.made.clone()),
        ("Started", meta.created.clone()),
        ("Last updated", meta.updated.clone()),
        ("Status", status),
        (
            "Version",
            format!("{}, assessment `{}`", report.generator, inline(&meta.id)),
        ),
        (
            "Follows up",
            meta.previous
                .as_deref()
                .map(|p| format!("`{}`", inline(p)))
                .unwrap_or_default(),
        ),
    ];
    for (label, value) in rows.iter().filter(|(_, value)| !value.is_empty()) {
        item(out, "-", &format!("**{label}:** {value}"));
    }
    if meta.internal {
        out.push_str(
            "- **Copy:** Internal: with the assessor's internal notes; not for the client\n",
        );
    }
    out.push('\n');
    if !meta.finished {
        out.push_str("**DRAFT — incomplete.** The assessment is not finished: scores and findings\nmay still change.\n\n");
    }
    paragraph(
        out,
        &format!(
            "Confidential: this report describes the security weaknesses of {}. Share it only with the people who need it to fix them.",
            meta.organization
        ),
    );
}

fn summary(report: &Report, out: &mut String) {
    let s = &report.summary;
    let e = &report.executive;
    out.push_str("## Executive summary\n\n");
    let _ = writeln!(out, "**{}**\n", inline(&e.headline));
    paragraph(out, &e.meaning);
    let open = s.critical_gaps.len() + s.critical_unanswered.len();
    if s.capped {
        let limit = if open >= 3 {
            "is Weak whatever the score"
        } else {
            "is at most Fair"
        };
        paragraph(
            out,
            &format!(
                "The level {limit} while {open} critical question{} {} open (answered below yes or not answered yet): a high average never hides a critical gap.",
                if open == 1 { "" } else { "s" },
                if open == 1 { "is" } else { "are" },
            ),
        );
    }
    paragraph(
        out,
        &format!(
            "{} Unanswered questions count as 0 in the score; over the answered questions alone it is {} / 100.",
            report.scope.coverage,
            score_text(s.answered_score)
        ),
    );
    if let Some(since) = &e.since_last {
        out.push_str("### Since the last visit\n\n");
        paragraph(out, since);
    }
    if report.assessment.previous.is_some() {
        paragraph(
            out,
            &format!(
                "This visit follows up an earlier one: {} confirmed or given on this visit, and {} carried over from the earlier visit without being re-verified (each is marked below).",
                plural(s.reverified, "answer"),
                s.carried_over
            ),
        );
    }
    out.push_str("### Three things to do this month\n\n");
    if e.this_month.is_empty() {
        paragraph(out, e.this_month_none);
    }
    for (n, action) in e.this_month.iter().enumerate() {
        item(
            out,
            &format!("{}.", n + 1),
            &format!(
                "**{}**: {} · {} · raises the score by {:.1} points{}",
                inline(&action.action),
                inline(&action.topic),
                action.severity.unwrap_or("unrated"),
                action.gain,
                action
                    .due
                    .as_deref()
                    .map(|d| format!(" · due {d}"))
                    .unwrap_or_default()
            ),
        );
    }
    out.push('\n');
    out.push_str("### What is already strong\n\n");
    if e.strengths.is_empty() {
        out.push_str("No topic has reached Good yet.\n\n");
    } else {
        for strength in &e.strengths {
            let _ = writeln!(out, "- {}", inline(strength));
        }
        out.push('\n');
    }
    let internal = report.assessment.internal;
    critical_list(
        out,
        ("Critical gaps", "No critical gaps are open."),
        &s.critical_gaps,
        internal,
    );
    if !s.critical_unanswered.is_empty() {
        critical_list(
            out,
            ("Critical, not answered yet", ""),
            &s.critical_unanswered,
            internal,
        );
    }
}

/// A numbered list of critical questions under `heading` (`none` when there are none); the
/// team's internal copy names each question's id, which means nothing to a client.
fn critical_list(
    out: &mut String,
    (heading, none): (&str, &str),
    items: &[ActionItem],
    with_ids: bool,
) {
    let _ = writeln!(out, "### {heading}\n");
    if items.is_empty() {
        let _ = writeln!(out, "{none}\n");
        return;
    }
    for (n, entry) in items.iter().enumerate() {
        item(
            out,
            &format!("{}.", n + 1),
            &format!(
                "{} ({}; {}){}",
                inline(&entry.prompt),
                inline(&entry.topic),
                answer_phrase(entry),
                id_note(&entry.question, with_ids)
            ),
        );
    }
    out.push('\n');
}

/// " (`checklist/question`)" in the team's copy; nothing in a client's.
fn id_note(id: &str, with_ids: bool) -> String {
    if with_ids {
        format!(" (`{}`)", inline(id))
    } else {
        String::new()
    }
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

fn rollup_table((title, about): (&str, &str), first: &str, rows: &[RollupRow], out: &mut String) {
    let _ = writeln!(out, "### {title}\n");
    paragraph(out, about);
    let _ = writeln!(out, "| {first} | Score | Questions |\n|---|---:|---:|");
    for row in rows {
        let name = if row.id == row.name {
            row.id.to_owned()
        } else {
            format!("{} ({})", row.name, row.id)
        };
        let score = if row.answered == 0 {
            "not assessed".to_owned()
        } else {
            score_text(row.score)
        };
        let _ = writeln!(out, "| {name} | {score} | {} |", row.questions);
    }
    out.push('\n');
}

fn frameworks(report: &Report, out: &mut String) {
    out.push_str("## Framework roll-ups\n\n");
    rollup_table(
        ("NIST CSF 2.0 functions", report.frameworks.about_nist_csf_2),
        "Function",
        &report.frameworks.nist_csf_2,
        out,
    );
    rollup_table(
        (
            "CIS Controls v8 implementation groups",
            report.frameworks.about_cis_v8,
        ),
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
