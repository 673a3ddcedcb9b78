//! The sections of the Markdown report that the client works from: the findings, the action
//! plan, scope and method, sign-off, and the appendix of answers given.

use std::fmt::Write;

use super::{WIDTH, id_note, item, paragraph};
use crate::report::escape::{inline, multiline, wrapped};
use crate::report::sanitize;
use crate::report::view::{CARRIED_MARK, QuestionEntry, Report};
use crate::text::plural;

pub(super) fn findings(report: &Report, out: &mut String) {
    out.push_str("## Findings\n\n");
    if report.action_plan.is_empty() {
        out.push_str("No answered question needs fixing.\n\n");
    }
    for (n, action) in report.action_plan.iter().enumerate() {
        let _ = writeln!(
            out,
            "### {}. {}\n\n*{} · {} · +{:.1} points*\n",
            n + 1,
            inline(&action.action),
            action.severity.unwrap_or("unrated"),
            inline(&action.topic),
            action.gain,
        );
        item(out, "-", &format!("Question: {}", inline(&action.prompt)));
        let criterion = action
            .criterion
            .as_deref()
            .map(|c| format!(" — {}", inline(c)))
            .unwrap_or_default();
        let answer = action.answer.as_deref().map(inline).unwrap_or_default();
        let carried = if action.carried {
            format!(" *({CARRIED_MARK})*")
        } else {
            String::new()
        };
        item(
            out,
            "-",
            &format!("Answer: **{answer}**{criterion}{carried}"),
        );
        if !action.note.trim().is_empty() {
            let _ = writeln!(out, "- Note: {}", multiline(&action.note, 2));
        }
        if !action.evidence.trim().is_empty() {
            let _ = writeln!(out, "- Evidence: {}", multiline(&action.evidence, 2));
        }
        let assignment = action.assignment();
        if !assignment.is_empty() {
            item(out, "-", &format!("Owner: {}", inline(&assignment)));
        }
        if action.status != "open" {
            item(
                out,
                "-",
                &format!("Status: {}", inline(&action.status_text)),
            );
        }
        out.push('\n');
        if !action.remediation.trim().is_empty() {
            out.push_str("What to do:\n\n");
            out.push_str(sanitize::markdown(&action.remediation).trim_end());
            out.push_str("\n\n");
        }
        reading(&action.links, out);
    }
}

pub(super) fn action_plan(report: &Report, out: &mut String) {
    out.push_str("## Action plan\n\n");
    if report.action_plan.is_empty() {
        out.push_str("Nothing to do: no answered question needs fixing.\n\n");
        return;
    }
    out.push_str("Most severe first, then by how much each raises the score. Blank cells are\nfor you to fill in.\n\n");
    out.push_str("| # | Action | Severity | Owner | Due | Status |\n|---:|---|---|---|---|---|\n");
    for (n, action) in report.action_plan.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {}{} | {} | {} | {} | {} |",
            n + 1,
            inline(&action.action),
            if action.carried { " †" } else { "" },
            action.severity.unwrap_or(""),
            inline(&action.owner),
            action.due.as_deref().unwrap_or(""),
            inline(&action.status_text)
        );
    }
    out.push('\n');
    if report.action_plan.iter().any(|a| a.carried) {
        let _ = writeln!(out, "† The answer was {CARRIED_MARK}.\n");
    }
}

pub(super) fn scope(report: &Report, out: &mut String) {
    let scope = &report.scope;
    out.push_str("## Scope and method\n\n");
    paragraph(
        out,
        &format!(
            "{}, {}. {} of {} questions answered. {}",
            scope.mode, scope.when, scope.questions_answered, scope.questions_asked, scope.coverage
        ),
    );
    paragraph(out, &format!("Topics: {}.", scope.topics.join(", ")));
    if !scope.not_assessed.is_empty() {
        out.push_str("Not assessed:\n\n");
        for line in &scope.not_assessed {
            let _ = writeln!(
                out,
                "- {}",
                wrapped(&inline(line), WIDTH - 2).replace('\n', "\n  ")
            );
        }
        out.push('\n');
    }
    out.push_str("How the score works:\n\n");
    for line in &scope.method {
        let _ = writeln!(
            out,
            "- {}",
            wrapped(&inline(line), WIDTH - 2).replace('\n', "\n  ")
        );
    }
    out.push('\n');
}

pub(super) fn sign_off(report: &Report, out: &mut String) {
    out.push_str("## Sign-off\n\n");
    paragraph(
        out,
        "By signing, the assessor confirms the answers reflect what was found, and the client that they have received this report.",
    );
    let _ = writeln!(
        out,
        "- Assessor: {}, signature: ____________________ date: ____________\n- For {}: name: ____________________ signature: ____________________ date: ____________\n",
        inline(&report.assessment.assessor),
        inline(&report.assessment.organization)
    );
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

pub(super) fn answers(report: &Report, out: &mut String) {
    out.push_str("## Appendix: answers given\n\n");
    let mut rest = 0;
    for topic in &report.answers {
        let (given, others): (Vec<&QuestionEntry>, Vec<&QuestionEntry>) =
            topic.questions.iter().partition(|q| has_entry(q));
        rest += others.len();
        if given.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "### {}{}\n",
            inline(&topic.title),
            id_note(&topic.id, report.assessment.internal)
        );
        for q in given {
            let answer = match (&q.answer_label, &q.waits_for, q.status) {
                (Some(label), _, _) => format!("**{}**", inline(label)),
                (None, Some(gate), _) => {
                    format!("asked once “{}” is answered", inline(&gate.prompt))
                }
                (None, None, "skipped") => "left out by an earlier answer".to_owned(),
                (None, None, _) => "not answered yet".to_owned(),
            };
            let carried = if q.carried {
                format!(" *({CARRIED_MARK})*")
            } else {
                String::new()
            };
            let flagged = if q.flagged {
                " · flagged for review"
            } else {
                ""
            };
            item(
                out,
                "-",
                &format!(
                    "{}{} — {answer}{carried}{flagged}",
                    inline(&q.prompt),
                    id_note(&q.id, report.assessment.internal)
                ),
            );
            for (label, text) in [("Note", &q.note), ("Evidence", &q.evidence)] {
                if !text.trim().is_empty() {
                    out.pop();
                    let _ = writeln!(out, "\\\n  {label}: {}", multiline(text, 2));
                }
            }
        }
        out.push('\n');
    }
    if rest > 0 {
        paragraph(
            out,
            &format!(
                "{} were not answered or did not apply; they are not listed.",
                plural(rest, "further question")
            ),
        );
    }
}
