//! `posture compare`: what changed between two visits.

use std::path::Path;
use std::process::ExitCode;

use super::Context;
use crate::assessment;
use crate::error::{Error, Result};
use crate::practice::ClientKey;
use crate::report::compare::{self, Change, Comparison};
use crate::report::score_text;
use crate::text::{one_line, org_and_site, pad};

/// How `posture compare` was asked to compare.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: CompareFormat,
    /// Compare visits of two different clients all the same.
    pub force: bool,
}

/// How the comparison is written.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CompareFormat {
    /// A summary for the terminal.
    Text,
    Md,
    Json,
    Html,
    /// A typeset PDF (needs -o FILE, or standard output sent to a file).
    Pdf,
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
    if c.trend.len() > 2 {
        let visits: Vec<String> = c
            .trend
            .iter()
            .map(|p| format!("{} {}", p.date, score_text(p.score)))
            .collect();
        let _ = writeln!(out, "Every visit: {}", visits.join(" → "));
    }
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
    options: Options,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let catalog = context.catalog_warning();
    let store = context.store();
    let (mut old, mut new) = (store.locate(old)?, store.locate(new)?);
    let mut before = assessment::load(&old, &catalog)?;
    let mut after = assessment::load(&new, &catalog)?;
    if ClientKey::of_assessment(&before) != ClientKey::of_assessment(&after) && !options.force {
        return Err(Error::Invalid(format!(
            "these are visits of two different clients ('{}' and '{}'): add --force to compare them anyway",
            org_and_site(&before.header.organization, &before.header.site),
            org_and_site(&after.header.organization, &after.header.site),
        )));
    }
    if after.created < before.created {
        note!(
            "note: the second assessment is the earlier visit, so the two are compared in date order"
        );
        std::mem::swap(&mut before, &mut after);
        std::mem::swap(&mut old, &mut new);
    }
    let loaded = super::clients::load_all(context, &catalog);
    let history = crate::practice::history(&loaded, &after);
    let comparison = compare::compare(&before, &after, compare::trend(&history));
    let provider = context.config().provider;
    let made = crate::report::Context {
        made: jiff::Timestamp::now(),
        logo: provider.logo_image(),
        provider,
        ..crate::report::Context::default()
    };
    let written = match options.format {
        CompareFormat::Text => text(&comparison).into_bytes(),
        CompareFormat::Md => compare::markdown(&comparison, &made.provider).into_bytes(),
        CompareFormat::Json => compare::json(&comparison).into_bytes(),
        CompareFormat::Html => crate::report::compare_html(&comparison, &made).into_bytes(),
        CompareFormat::Pdf => context.pdf(crate::report::compare_pdf(
            &comparison,
            &made,
            &context.layout()?,
        ))?,
    };
    super::deliver(context, &written, output, &[&old, &new])?;
    Ok(ExitCode::SUCCESS)
}
