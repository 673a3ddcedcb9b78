//! How the fix of a finding is tracked: who owns it, by when, and where it stands. posture
//! derives the actions themselves from the answers (every scored answer below full credit);
//! the file keeps only what a person decided about each, so nothing can drift out of step.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::day::Day;
use super::stamp::Stamp;

/// Where the fix of a finding stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    /// The business decided to live with it, for a reason and until a review date. It never
    /// counts as a pass and never raises the score.
    AcceptedRisk,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::AcceptedRisk,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::AcceptedRisk => "accepted-risk",
        }
    }

    /// A status as typed: its name, or the name with a space for the hyphen.
    pub fn parse(text: &str) -> Result<Self, String> {
        let wanted = text.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        Self::ALL
            .into_iter()
            .find(|s| s.name() == wanted)
            .ok_or_else(|| {
                format!(
                    "'{}' is not a status: use open, in-progress, done or accepted-risk",
                    text.trim()
                )
            })
    }

    /// Whether work on it is still expected (an open action is carried to the next visit).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What was decided about the action of one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Tracking {
    /// Stable across visits: the id the action got when it first arose, so that a ticketing
    /// system that imported it recognises it on the next visit.
    pub id: String,
    /// Full question id, `checklist/question`.
    pub question: String,
    pub owner: String,
    pub due: Option<Day>,
    pub status: ActionStatus,
    /// Why the risk is accepted.
    pub reason: String,
    /// When an accepted risk is looked at again.
    pub review: Option<Day>,
    pub at: Stamp,
    pub extra: toml::Table,
}

impl Tracking {
    /// The id an action gets when it first arises in assessment `assessment`.
    pub fn new_id(assessment: &str, question: &str) -> String {
        let short: String = assessment.chars().take(10).collect();
        format!("{short}:{question}")
    }

    /// A fresh, open action with nobody named yet.
    pub fn open(assessment: &str, question: &str, at: Stamp) -> Self {
        Self {
            id: Self::new_id(assessment, question),
            question: question.to_owned(),
            owner: String::new(),
            due: None,
            status: ActionStatus::Open,
            reason: String::new(),
            review: None,
            at,
            extra: toml::Table::new(),
        }
    }
}
