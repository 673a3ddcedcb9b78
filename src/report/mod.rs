//! Reports (checklist-format.md §5): pure builders from an assessment to Markdown, HTML
//! and JSON text.

pub mod compare;
mod escape;
mod html;
mod json;
mod markdown;
mod sanitize;
mod view;

pub use markdown::{counts_text, percent_text, score_text};
pub use sanitize::{Headings, safe_events};
pub use view::{Report, SCHEMA, TOP_ACTIONS, build, describe_change};

use crate::assessment::Assessment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

/// The report of `assessment` in `format`.
pub fn render(assessment: &Assessment, format: Format) -> String {
    let report = build(assessment);
    match format {
        Format::Markdown => markdown::render(&report),
        Format::Json => json::render(&report),
        Format::Html => html::render(
            &markdown::render(&report),
            &format!(
                "Security posture report: {}",
                report.assessment.organization
            ),
        ),
    }
}
