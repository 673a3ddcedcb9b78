//! Reports (checklist-format.md §5): pure builders from an assessment to Markdown, HTML
//! and JSON text.

pub mod actions;
pub mod compare;
mod escape;
mod html;
pub mod integrity;
mod json;
mod markdown;
mod portfolio;
mod sanitize;
mod view;

pub use markdown::{counts_text, percent_text, score_text};
pub use portfolio::portfolio_markdown;
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

/// A standalone HTML page of Markdown `markdown`, titled `title`.
pub fn html_page(markdown: &str, title: &str) -> String {
    html::render(markdown, title)
}

/// How a report is made: when, by whom, with which history, and for whom.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// When the report is made (its seal records it).
    pub made: jiff::Timestamp,
    /// Who prepares it (config.toml's provider).
    pub provider: crate::config::Provider,
    /// Every visit of the client, oldest first.
    pub history: Vec<compare::TrendPoint>,
    /// For the assessor's team: internal notes and flags included. A client's report (false)
    /// never shows them.
    pub internal: bool,
    /// The provider's logo (media type and bytes), for the HTML report.
    pub logo: Option<(&'static str, Vec<u8>)>,
}

/// The report of `assessment` in `format`.
pub fn render(assessment: &Assessment, format: Format, context: &Context) -> String {
    let report = build(assessment, context);
    match format {
        Format::Markdown => markdown::render(&report),
        Format::Json => json::render(&report),
        Format::Html => html::branded(
            &markdown::render(&report),
            &format!(
                "Security posture report: {}",
                report.assessment.organization
            ),
            &html::Branding {
                accent: context.provider.accent.as_deref(),
                logo: context
                    .logo
                    .as_ref()
                    .map(|(mime, bytes)| (*mime, bytes.as_slice())),
            },
        ),
    }
}
