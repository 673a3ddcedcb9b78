//! `posture clients` and `posture portfolio`: an MSP's view across every saved assessment.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::Context;
use crate::assessment::{self, Assessment, Day};
use crate::checklist::Catalog;
use crate::error::Result;
use crate::practice::{self, Client, Visit};
use crate::report::score_text;
use crate::text::{pad, pad_left};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PortfolioFormat {
    Md,
    Json,
}

/// Every saved assessment that reads; one that does not is named on standard error.
pub fn load_all(context: &Context, catalog: &Catalog) -> Vec<(PathBuf, Assessment)> {
    context
        .store()
        .list()
        .into_iter()
        .filter_map(|path| match assessment::load(&path, catalog) {
            Ok(a) => Some((path, a)),
            Err(e) => {
                note!("warning: {e}");
                None
            }
        })
        .collect()
}

/// The clients of the saved assessments; archived ones only with `all`.
fn current_clients(loaded: &[(PathBuf, Assessment)], all: bool) -> Vec<Client> {
    let visits = loaded
        .iter()
        .filter(|(_, a)| all || !a.archived)
        .map(|(path, a)| Visit::of(path.clone(), a))
        .collect();
    practice::clients(visits)
}

/// "+8.1", "−3.0", or "—" when there is no earlier visit to compare with.
fn change_text(change: Option<f64>) -> String {
    change.map_or_else(|| "—".to_owned(), |c| format!("{c:+.1}"))
}

pub fn clients(context: &Context, all: bool, format: ListFormat) -> ExitCode {
    let catalog = context.catalog_warning();
    let config = context.config();
    let loaded = load_all(context, &catalog);
    let clients = current_clients(&loaded, all);
    let today = Day::today();
    if let ListFormat::Json = format {
        let rows: Vec<serde_json::Value> = clients
            .iter()
            .map(|c| {
                let latest = c.latest();
                serde_json::json!({
                    "organization": c.organization,
                    "site": c.site,
                    "visits": c.visits.len(),
                    "latest": {
                        "id": latest.id,
                        "date": latest.day.to_string(),
                        "score": latest.score.map(|s| (s * 10.0).round() / 10.0),
                        "level": latest.level.map(crate::score::Level::name),
                        "coverage": latest.coverage,
                        "file": latest.path,
                    },
                    "change": c.change().map(|s| (s * 10.0).round() / 10.0),
                    "days_since": c.days_since(today),
                    "overdue": c.is_overdue(today, config.reassess_days),
                })
            })
            .collect();
        out_raw!(
            "{}\n",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
        return ExitCode::SUCCESS;
    }
    if clients.is_empty() {
        out!(
            "No clients yet: start a first visit with posture new --org \"Name\" (archived ones: posture clients --all)"
        );
        return ExitCode::SUCCESS;
    }
    out!(
        "{}  {}  {}  {}  {}  {}  {}",
        pad("CLIENT", 28),
        pad("SITE", 18),
        pad_left("VISITS", 6),
        pad("LAST VISIT", 10),
        pad_left("SCORE", 11),
        pad_left("CHANGE", 6),
        "DAYS"
    );
    for client in &clients {
        let latest = client.latest();
        let score = if latest.coverage.unwrap_or(0.0) == 0.0 {
            "not started".to_owned()
        } else {
            format!(
                "{} {}",
                latest.level.map_or("n/a", |l| l.name()),
                score_text(latest.score)
            )
        };
        let overdue = if client.is_overdue(today, config.reassess_days) {
            "  overdue"
        } else if client.is_archived() {
            "  archived"
        } else {
            ""
        };
        out!(
            "{}  {}  {}  {}  {}  {}  {}{overdue}",
            pad(&client.organization, 28),
            pad(&client.site, 18),
            pad_left(&client.visits.len().to_string(), 6),
            latest.day,
            pad_left(&score, 11),
            pad_left(&change_text(client.change()), 6),
            client.days_since(today)
        );
    }
    let overdue = clients
        .iter()
        .filter(|c| c.is_overdue(today, config.reassess_days))
        .count();
    out!(
        "\n{} client site(s), {overdue} overdue: a visit is due {} days after the last (reassess-after-days in config.toml)",
        clients.len(),
        config.reassess_days,
    );
    ExitCode::SUCCESS
}

pub fn portfolio(
    context: &Context,
    format: PortfolioFormat,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let catalog = context.catalog_warning();
    let config = context.config();
    let loaded = load_all(context, &catalog);
    let clients = current_clients(&loaded, false);
    let latest: Vec<(&Client, &Assessment)> = clients
        .iter()
        .filter_map(|client| {
            let id = &client.latest().id;
            loaded
                .iter()
                .find(|(_, a)| &a.id == id)
                .map(|(_, a)| (client, a))
        })
        .collect();
    let portfolio = practice::portfolio(&latest, Day::today(), config.reassess_days);
    let text = match format {
        PortfolioFormat::Json => {
            let mut json = serde_json::to_string_pretty(&serde_json::json!({
                "schema": "posture-portfolio/1",
                "portfolio": portfolio,
            }))
            .unwrap_or_default();
            json.push('\n');
            json
        }
        PortfolioFormat::Md => crate::report::portfolio_markdown(&portfolio, &config.provider),
    };
    super::deliver(context, text.as_bytes(), output, &[])?;
    Ok(ExitCode::SUCCESS)
}
