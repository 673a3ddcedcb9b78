//! Reports (checklist-format.md §5): pure builders from an assessment to Markdown, HTML
//! and JSON text.

pub mod actions;
mod charts;
pub mod compare;
mod escape;
mod executive;
mod html;
pub mod integrity;
mod json;
mod layout;
mod markdown;
#[cfg(feature = "pdf")]
mod pdf;
mod portfolio;
mod sanitize;
mod scope;
mod view;

pub use layout::{Layout, Typeset};
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

/// The typeset PDF report of `assessment`, laid out by `layout`.
///
/// # Errors
/// The template's first error, located, when it does not compile.
pub fn pdf(assessment: &Assessment, context: &Context, layout: &Layout) -> Result<Typeset, String> {
    typeset(
        "report",
        &printable_json(&build(assessment, context)),
        context,
        layout,
    )
}

/// `view` as JSON with every string printable: no control or bidi character reaches the page.
fn printable_json(view: &impl serde::Serialize) -> String {
    fn clean(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(text) => *text = crate::text::printable(text),
            serde_json::Value::Array(items) => items.iter_mut().for_each(clean),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(clean),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(view).unwrap_or_default();
    clean(&mut value);
    value.to_string()
}

/// Typesets the document `kind` from its JSON `data`, branded as `context` says.
#[cfg(feature = "pdf")]
fn typeset(kind: &str, data: &str, context: &Context, layout: &Layout) -> Result<Typeset, String> {
    let provider = &context.provider;
    pdf::render(&pdf::Job {
        template: layout.template(),
        data,
        kind,
        logo: context
            .logo
            .as_ref()
            .and_then(|(mime, bytes)| Some((pdf::logo_extension(mime)?, bytes.as_slice()))),
        fonts: &layout.fonts,
        provider: &provider.name,
        contact: &provider.contact,
        accent: provider.accent.as_deref(),
        today: jiff::tz::TimeZone::UTC.to_datetime(context.made).date(),
    })
}

/// A build without the PDF engine says so when asked for a PDF.
#[cfg(not(feature = "pdf"))]
fn typeset(_: &str, _: &str, _: &Context, _: &Layout) -> Result<Typeset, String> {
    Err("this posture was built without the PDF engine: build it with the default features, or choose md, html or json".to_owned())
}

/// The typeset PDF of comparison `c`.
///
/// # Errors
/// As `pdf`.
pub fn compare_pdf(
    c: &compare::Comparison,
    context: &Context,
    layout: &Layout,
) -> Result<Typeset, String> {
    typeset("compare", &printable_json(c), context, layout)
}

/// The comparison `c` as a standalone HTML page, branded as `context` says.
pub fn compare_html(c: &compare::Comparison, context: &Context) -> String {
    html::with_print_rules(
        &html::branded(
            &compare::markdown(c, &context.provider),
            &format!("Security posture compared: {}", c.after.organization),
            &branding(context),
        ),
        c.draft.is_some().then_some("DRAFT — not final"),
        "Confidential",
    )
}

fn branding(context: &Context) -> html::Branding<'_> {
    html::Branding {
        accent: context.provider.accent.as_deref(),
        logo: context
            .logo
            .as_ref()
            .map(|(mime, bytes)| (*mime, bytes.as_slice())),
    }
}

/// The report of `assessment` in `format`.
pub fn render(assessment: &Assessment, format: Format, context: &Context) -> String {
    let report = build(assessment, context);
    match format {
        Format::Markdown => markdown::render(&report),
        Format::Json => json::render(&report),
        Format::Html => html::report(&report, &markdown::render(&report), &branding(context)),
    }
}
