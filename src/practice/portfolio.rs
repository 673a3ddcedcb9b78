//! Across all clients: what is most often not in place, how many clients stand at each level,
//! and who is due a visit. Each client counts once, by its latest visit.

use std::collections::BTreeMap;

use super::clients::Client;
use crate::assessment::{Assessment, Day};
use crate::checklist::Severity;
use crate::score::{self, Level};

/// A question most often answered other than yes, and by how many clients.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Missed {
    pub question: String,
    pub topic: String,
    pub prompt: String,
    pub severity: Option<&'static str>,
    pub clients: usize,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Portfolio {
    pub clients: usize,
    /// Clients at each level, strongest first, then those with no answer yet ("not started")
    /// and those with nothing scored ("n/a").
    pub levels: Vec<(&'static str, usize)>,
    /// `organisation — site` of each client due a visit, with the days since the last one.
    pub overdue: Vec<(String, i64)>,
    pub commonly_missed: Vec<Missed>,
}

/// The portfolio of `clients`, each with its latest visit's assessment.
pub fn portfolio(clients: &[(&Client, &Assessment)], today: Day, interval: u32) -> Portfolio {
    let mut levels: Vec<(&'static str, usize)> = Level::ALL
        .iter()
        .rev()
        .map(|l| (l.name(), 0))
        .chain([("not started", 0), ("n/a", 0)])
        .collect();
    let mut missed: BTreeMap<String, Missed> = BTreeMap::new();
    let mut overdue = Vec::new();
    for (client, latest) in clients {
        let card = score::score(latest);
        let slot = if card.counts.answered() == 0 {
            "not started"
        } else {
            card.level.map_or("n/a", Level::name)
        };
        if let Some(entry) = levels.iter_mut().find(|(name, _)| *name == slot) {
            entry.1 += 1;
        }
        if client.is_overdue(today, interval) {
            overdue.push((
                crate::text::org_and_site(&client.organization, &client.site),
                client.days_since(today),
            ));
        }
        for action in &card.actions {
            let checklist = &latest.checklists[action.at.checklist];
            let question = &checklist.questions[action.at.question];
            missed
                .entry(Assessment::full_id(checklist, question))
                .or_insert_with_key(|id| Missed {
                    question: id.clone(),
                    topic: checklist.title.clone(),
                    prompt: question.prompt.clone(),
                    severity: question.severity.map(Severity::name),
                    clients: 0,
                })
                .clients += 1;
        }
    }
    let mut commonly_missed: Vec<Missed> = missed.into_values().collect();
    let rank = |m: &Missed| {
        m.severity
            .and_then(Severity::parse)
            .unwrap_or(Severity::Info)
    };
    commonly_missed.sort_by(|a, b| {
        b.clients
            .cmp(&a.clients)
            .then_with(|| rank(a).cmp(&rank(b)))
            .then_with(|| a.question.cmp(&b.question))
    });
    overdue.sort_by_key(|(_, days)| std::cmp::Reverse(*days));
    Portfolio {
        clients: clients.len(),
        levels,
        overdue,
        commonly_missed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{AnswerValue, Header, Mode};
    use crate::checklist::Catalog;
    use crate::practice::{Visit, clients};

    #[test]
    fn commonly_missed_counts_clients_by_their_latest_visit() {
        let catalog = Catalog::load(&[]);
        let at = jiff::Timestamp::from_second(1_790_000_000).expect("time");
        let assessment = |org: &str, answers: &[(&str, &str)]| {
            let header = Header {
                mode: Mode::Audit,
                organization: org.into(),
                site: String::new(),
                assessor: String::new(),
            };
            let mut a = Assessment::new(header, catalog.checklists().to_vec(), at);
            for (q, w) in answers {
                a.set_answer(q, AnswerValue::Text((*w).into()), None, None, at);
            }
            a
        };
        let one = assessment(
            "One",
            &[("mfa/admin-accounts", "no"), ("backups/automatic", "no")],
        );
        let two = assessment(
            "Two",
            &[
                ("mfa/admin-accounts", "partial"),
                ("backups/automatic", "yes"),
            ],
        );
        let all = clients(vec![
            Visit::of("/one.toml".into(), &one),
            Visit::of("/two.toml".into(), &two),
        ]);
        let entries: Vec<(&Client, &Assessment)> = vec![(&all[0], &one), (&all[1], &two)];
        let today = Day::parse("2028-01-01").expect("day");
        let p = portfolio(&entries, today, 365);
        assert_eq!(p.clients, 2);
        assert_eq!(p.commonly_missed[0].question, "mfa/admin-accounts");
        assert_eq!(p.commonly_missed[0].clients, 2);
        assert_eq!(p.commonly_missed[1].clients, 1);
        assert_eq!(p.overdue.len(), 2, "both were last seen in 2026");
        assert_eq!(p.levels.iter().map(|(_, n)| n).sum::<usize>(), 2);
    }
}
