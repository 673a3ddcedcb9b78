//! The action plan of a visit as CSV (for a ticketing system), Markdown and JSON. Every cell
//! is plain text on one line, and a CSV cell that a spreadsheet would run as a formula (one
//! starting with `=`, `+`, `-` or `@`) is neutralised with a leading apostrophe.

use std::fmt::Write;

use serde::Serialize;

use super::escape::inline;
use crate::assessment::Day;
use crate::practice::PlannedAction;
use crate::text::{one_line, printable};

/// The JSON action plan's schema id.
pub const SCHEMA: &str = "posture-actions/1";

#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    question: &'a str,
    topic: &'a str,
    task: &'a str,
    severity: &'static str,
    answer: &'a str,
    gain: f64,
    status: &'static str,
    owner: &'a str,
    due: Option<String>,
    reason: &'a str,
    review: Option<String>,
    late: bool,
}

fn rows(plan: &[PlannedAction], today: Day) -> Vec<Row<'_>> {
    plan.iter()
        .map(|a| Row {
            id: &a.tracking.id,
            question: &a.question,
            topic: &a.topic,
            task: &a.task,
            severity: a.severity.map_or("", |s| s.name()),
            answer: &a.answer,
            gain: (a.gain * 10.0).round() / 10.0,
            status: a.tracking.status.name(),
            owner: &a.tracking.owner,
            due: a.tracking.due.map(|d| d.to_string()),
            reason: &a.tracking.reason,
            review: a.tracking.review.map(|d| d.to_string()),
            late: a.is_late(today),
        })
        .collect()
}

/// A cell as a spreadsheet should see it: one line of printable text that never starts a
/// formula.
fn cell(text: &str) -> String {
    let text = one_line(&printable(text));
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text
    }
}

/// The plan as CSV with a header row, one row per action.
pub fn csv(plan: &[PlannedAction], today: Day) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record([
        "id", "question", "topic", "task", "severity", "answer", "gain", "status", "owner", "due",
        "reason", "review", "late",
    ]);
    for row in rows(plan, today) {
        let _ = writer.write_record([
            cell(row.id),
            cell(row.question),
            cell(row.topic),
            cell(row.task),
            row.severity.to_owned(),
            cell(row.answer),
            format!("{:.1}", row.gain),
            row.status.to_owned(),
            cell(row.owner),
            row.due.unwrap_or_default(),
            cell(row.reason),
            row.review.unwrap_or_default(),
            if row.late { "yes" } else { "no" }.to_owned(),
        ]);
    }
    writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// The plan as a Markdown table, most severe first.
pub fn markdown(plan: &[PlannedAction], title: &str, today: Day) -> String {
    let mut out = format!("# Action plan: {}\n\n", inline(title));
    if plan.is_empty() {
        out.push_str("Nothing to fix: every answered question is a yes.\n");
        return out;
    }
    out.push_str(
        "| Action | Topic | Severity | Status | Owner | Due | Gain |\n|---|---|---|---|---|---|---:|\n",
    );
    for row in rows(plan, today) {
        let status = if row.late {
            format!("{} (late)", row.status)
        } else if row.status == "accepted-risk" {
            format!(
                "accepted risk: {} (review {})",
                inline(row.reason),
                row.review.as_deref().unwrap_or("not set")
            )
        } else {
            row.status.to_owned()
        };
        let _ = writeln!(
            out,
            "| {} (`{}`) | {} | {} | {status} | {} | {} | +{:.1} |",
            inline(row.task),
            inline(row.question),
            inline(row.topic),
            row.severity,
            inline(row.owner),
            row.due.as_deref().unwrap_or(""),
            row.gain
        );
    }
    out
}

/// The plan as versioned JSON (schema `posture-actions/1`).
pub fn json(plan: &[PlannedAction], assessment: &str, today: Day) -> String {
    #[derive(Serialize)]
    struct Document<'a> {
        schema: &'static str,
        assessment: &'a str,
        actions: Vec<Row<'a>>,
    }
    super::json::to_json(&Document {
        schema: SCHEMA,
        assessment,
        actions: rows(plan, today),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_never_starts_a_spreadsheet_formula() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Jo Tech"), "Jo Tech");
        assert_eq!(cell("two\nlines\u{1b}[2J"), "two lines\u{fffd}[2J");
    }
}
