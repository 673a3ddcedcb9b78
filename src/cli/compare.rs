//! `posture compare`: what changed between two visits.

use std::path::Path;
use std::process::ExitCode;

use super::Context;
use crate::assessment;
use crate::error::Result;
use crate::report::compare::{self, Change, Comparison};
use crate::report::score_text;
use crate::text::{one_line, pad};

/// How the comparison is written.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CompareFormat {
    /// A summary for the terminal.
    Text,
    Md,
    Json,
}

fn text(c: &Comparison) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let arrow = |a: Option<f64>, b: Option<f64>| format!("{} → {}", score_text(a), score_text(b));
    let _ = writeln!(
        out,
        "{}: {} → {}",
        one_line(&c.after.organization),
        c.before.date,
        c.after.date
    );
    let _ = writeln!(
        out,
        "Score {} · {} → {} · critical gaps {} → {}",
        arrow(c.before.score, c.after.score),
        c.before.level.unwrap_or("n/a"),
        c.after.level.unwrap_or("n/a"),
        c.before.critical_gaps,
        c.after.critical_gaps
    );
    let _ = writeln!(out, "\nBy topic");
    for t in &c.topics {
        let _ = writeln!(out, "  {} {}", pad(&t.title, 40), arrow(t.before, t.after));
    }
    for change in [
        Change::Regressed,
        Change::Improved,
        Change::New,
        Change::Removed,
    ] {
        let rows: Vec<_> = c.questions.iter().filter(|q| q.change == change).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", change.name(), rows.len());
        for q in rows {
            let mark = if q.severity == Some("critical") {
                "!"
            } else {
                " "
            };
            let _ = writeln!(
                out,
                "  {mark} {:<34} {} → {}",
                q.question,
                q.before.as_deref().map_or_else(|| "—".to_owned(), one_line),
                q.after.as_deref().map_or_else(|| "—".to_owned(), one_line)
            );
        }
    }
    out
}

pub fn compare(
    context: &Context,
    old: &str,
    new: &str,
    format: CompareFormat,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let catalog = context.catalog_warning();
    let store = context.store();
    let (old, new) = (store.locate(old)?, store.locate(new)?);
    let before = assessment::load(&old, &catalog)?;
    let after = assessment::load(&new, &catalog)?;
    let comparison = compare::compare(&before, &after);
    let written = match format {
        CompareFormat::Text => text(&comparison),
        CompareFormat::Md => compare::markdown(&comparison),
        CompareFormat::Json => compare::json(&comparison),
    };
    super::deliver(context, &written, output, &[&old, &new])?;
    Ok(ExitCode::SUCCESS)
}
