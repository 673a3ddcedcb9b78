//! Clients and sites, derived from the saved assessments: each distinct organisation and site
//! (ignoring case and spacing, so "Acme  Dental" and "acme dental" are one client) with its
//! visits in date order.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::assessment::{Assessment, Day, Mode};
use crate::score::{self, Level};

/// What makes two assessments the same client and site: the names without case or extra
/// spaces.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientKey {
    pub organization: String,
    pub site: String,
}

impl ClientKey {
    pub fn of(organization: &str, site: &str) -> Self {
        let fold = |text: &str| {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        Self {
            organization: fold(organization),
            site: fold(site),
        }
    }

    pub fn of_assessment(assessment: &Assessment) -> Self {
        Self::of(&assessment.header.organization, &assessment.header.site)
    }
}

/// Letters and digits alone, lowercase: "Acme-Dental Ltd." and "acme dental ltd" agree.
pub fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Levenshtein distance, for names of a few dozen characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Whether `typed` is probably another spelling of `known` (punctuation, case, one or two
/// letters): a typo must not split a client's history.
pub fn is_near_miss(known: &str, typed: &str) -> bool {
    let (known, typed) = (squeezed(known), squeezed(typed));
    !typed.is_empty() && (known == typed || edit_distance(&known, &typed) <= 2)
}

/// One visit: an assessment, scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub path: PathBuf,
    pub id: String,
    pub organization: String,
    pub site: String,
    pub assessor: String,
    pub mode: Mode,
    pub day: Day,
    pub created: jiff::Timestamp,
    pub updated: jiff::Timestamp,
    pub score: Option<f64>,
    pub level: Option<Level>,
    pub coverage: Option<f64>,
    pub finished: bool,
    pub archived: bool,
}

impl Visit {
    pub fn of(path: PathBuf, assessment: &Assessment) -> Self {
        let card = score::score(assessment);
        let created = assessment.created.instant();
        Self {
            path,
            id: assessment.id.clone(),
            organization: assessment.header.organization.clone(),
            site: assessment.header.site.clone(),
            assessor: assessment.header.assessor.clone(),
            mode: assessment.header.mode,
            day: Day::new(created.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()),
            created,
            updated: assessment.updated.instant(),
            score: card.overall.score(),
            level: card.level,
            coverage: card.counts.coverage(),
            finished: assessment.finished,
            archived: assessment.archived,
        }
    }
}

/// A client's site and every visit to it, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub key: ClientKey,
    /// The names as the latest visit spells them.
    pub organization: String,
    pub site: String,
    pub visits: Vec<Visit>,
}

impl Client {
    /// # Panics
    ///
    /// Never: `clients` makes a client only from one visit or more.
    pub fn latest(&self) -> &Visit {
        self.visits.last().expect("a client has a visit")
    }

    /// The visit before the latest, if there was one.
    pub fn previous(&self) -> Option<&Visit> {
        self.visits.len().checked_sub(2).map(|i| &self.visits[i])
    }

    /// How the score moved from the visit before the latest to the latest (both started).
    pub fn change(&self) -> Option<f64> {
        let started = |v: &Visit| v.coverage.is_some_and(|c| c > 0.0);
        let (latest, previous) = (self.latest(), self.previous()?);
        if !started(latest) || !started(previous) {
            return None;
        }
        Some(latest.score? - previous.score?)
    }

    /// Days since the latest visit.
    pub fn days_since(&self, today: Day) -> i64 {
        self.latest().day.days_until(today)
    }

    /// Whether the next visit is due: more than `interval` days since the latest.
    pub fn is_overdue(&self, today: Day, interval: u32) -> bool {
        self.days_since(today) > i64::from(interval)
    }

    /// Whether every visit is archived.
    pub fn is_archived(&self) -> bool {
        self.visits.iter().all(|v| v.archived)
    }
}

/// Every visit of `assessment`'s client among `loaded` (the assessment itself included),
/// oldest first.
pub fn history(loaded: &[(PathBuf, Assessment)], assessment: &Assessment) -> Vec<Visit> {
    let key = ClientKey::of_assessment(assessment);
    let visits = loaded
        .iter()
        .filter(|(_, a)| ClientKey::of_assessment(a) == key)
        .map(|(path, a)| Visit::of(path.clone(), a))
        .collect();
    clients(visits)
        .into_iter()
        .next()
        .map(|client| client.visits)
        .unwrap_or_default()
}

/// The clients of `visits`, by organisation then site; each client's visits oldest first.
///
/// # Panics
///
/// Never: each group holds at least the visit that made it.
pub fn clients(visits: Vec<Visit>) -> Vec<Client> {
    let mut grouped: BTreeMap<ClientKey, Vec<Visit>> = BTreeMap::new();
    for visit in visits {
        grouped
            .entry(ClientKey::of(&visit.organization, &visit.site))
            .or_default()
            .push(visit);
    }
    grouped
        .into_iter()
        .map(|(key, mut visits)| {
            visits.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
            let latest = visits.last().expect("grouped visits are not empty");
            Client {
                key,
                organization: latest.organization.clone(),
                site: latest.site.clone(),
                visits,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(org: &str, site: &str, day: &str, score: f64) -> Visit {
        let day = Day::parse(day).expect("day");
        Visit {
            path: PathBuf::from(format!("/{org}-{day}.toml")),
            id: format!("{org}{day}"),
            organization: org.into(),
            site: site.into(),
            assessor: String::new(),
            mode: Mode::Audit,
            day,
            created: day
                .date()
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .expect("zoned")
                .timestamp(),
            updated: jiff::Timestamp::UNIX_EPOCH,
            score: Some(score),
            level: Some(Level::of(score)),
            coverage: Some(1.0),
            finished: true,
            archived: false,
        }
    }

    #[test]
    fn near_misses_are_other_spellings_of_a_known_name() {
        assert!(is_near_miss("Acme Dental", "Acme Dentl"));
        assert!(is_near_miss("Acme-Dental Ltd.", "acme dental ltd"));
        assert!(!is_near_miss("Acme Dental", "Smith & Co"));
        assert!(!is_near_miss("Acme Dental", ""));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn spelling_and_spacing_do_not_split_a_client_and_visits_are_in_date_order() {
        let clients = clients(vec![
            visit("Acme Dental", "Main office", "2026-11-25", 70.0),
            visit("ACME  dental", "main office", "2025-11-20", 55.0),
            visit("Acme Dental", "Branch", "2026-01-10", 80.0),
            visit("Smith & Co", "", "2026-06-01", 40.0),
        ]);
        assert_eq!(clients.len(), 3);
        let main = clients
            .iter()
            .find(|c| c.key == ClientKey::of("acme dental", "MAIN OFFICE"))
            .expect("main office");
        assert_eq!(main.visits.len(), 2);
        assert_eq!(
            main.organization, "Acme Dental",
            "named as the latest visit spells it"
        );
        assert_eq!(main.change(), Some(15.0));
        let today = Day::parse("2027-12-01").expect("day");
        assert_eq!(main.days_since(today), 371);
        assert!(main.is_overdue(today, 365));
        assert!(!main.is_overdue(today, 400));
    }
}
