//! The portfolio report: across an MSP's clients, what is most often not in place, how many
//! clients stand at each level, and who is due a visit.

use std::fmt::Write;

use super::escape::inline;
use crate::config::Provider;
use crate::practice::Portfolio;

/// How many commonly missed questions the report lists.
const MISSED_ROWS: usize = 20;

pub fn portfolio_markdown(portfolio: &Portfolio, provider: &Provider) -> String {
    let mut out = String::from("# Portfolio\n\n");
    if !provider.name.is_empty() {
        let _ = writeln!(out, "{}\n", inline(&provider.name));
    }
    let _ = writeln!(
        out,
        "{} client site(s), each counted once by its latest visit.\n\n## Clients by level\n\n| Level | Clients |\n|---|---:|",
        portfolio.clients
    );
    for (level, count) in &portfolio.levels {
        let _ = writeln!(out, "| {level} | {count} |");
    }
    out.push_str(
        "\n## Commonly missed\n\nQuestions answered other than yes, by how many clients.\n\n",
    );
    if portfolio.commonly_missed.is_empty() {
        out.push_str("Nothing: every answered question is a yes.\n\n");
    } else {
        out.push_str("| Clients | Question | Topic | Severity |\n|---:|---|---|---|\n");
        for missed in portfolio.commonly_missed.iter().take(MISSED_ROWS) {
            let _ = writeln!(
                out,
                "| {} | {} (`{}`) | {} | {} |",
                missed.clients,
                inline(&missed.prompt),
                inline(&missed.question),
                inline(&missed.topic),
                missed.severity.unwrap_or("")
            );
        }
        out.push('\n');
    }
    out.push_str("## Due a visit\n\n");
    if portfolio.overdue.is_empty() {
        out.push_str("No client is overdue.\n");
    } else {
        out.push_str("| Client | Days since the last visit |\n|---|---:|\n");
        for (client, days) in &portfolio.overdue {
            let _ = writeln!(out, "| {} | {days} |", inline(client));
        }
    }
    out
}
