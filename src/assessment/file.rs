//! The assessment file as stored (checklist-format.md §4).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use super::answer::AnswerValue;
use super::model::Mode;

/// The assessment file format this posture writes and reads.
pub const FORMAT: i64 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct AssessmentFile {
    pub format: i64,
    pub id: String,
    pub mode: Mode,
    pub organization: String,
    #[serde(default)]
    pub site: String,
    #[serde(default)]
    pub assessor: String,
    pub created: Datetime,
    pub updated: Datetime,
    #[serde(default)]
    pub finished: bool,
    #[serde(default)]
    pub checklists: Vec<ChecklistRecord>,
    #[serde(default)]
    pub answers: Vec<AnswerRecord>,
    /// Written for other readers of the file; posture always recomputes it.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistRecord {
    pub id: String,
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub question: String,
    /// Absent on a record that only carries a note, evidence or a flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<AnswerValue>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
    pub at: Datetime,
}

#[derive(Debug, Serialize)]
pub struct ScoreRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<f64>,
    pub critical_gaps: Vec<String>,
}

/// A TOML date-time for a timestamp, to the second.
pub fn to_datetime(at: Timestamp) -> Datetime {
    let rounded = at.round(jiff::Unit::Second).unwrap_or(at);
    rounded.to_string().parse().unwrap_or(Datetime {
        date: Some(toml::value::Date {
            year: 1970,
            month: 1,
            day: 1,
        }),
        time: None,
        offset: None,
    })
}

/// A timestamp from a TOML date-time; one written without an offset is taken as UTC.
pub fn from_datetime(at: &Datetime) -> Option<Timestamp> {
    let text = at.to_string();
    text.parse::<Timestamp>()
        .or_else(|_| format!("{text}Z").parse::<Timestamp>())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_through_toml_datetimes() {
        let at: Timestamp = "2026-11-25T14:03:00Z".parse().expect("valid");
        let datetime = to_datetime(at);
        assert_eq!(datetime.to_string(), "2026-11-25T14:03:00Z");
        assert_eq!(from_datetime(&datetime), Some(at));
        let local: Datetime = "2026-11-25T14:03:00".parse().expect("valid");
        assert_eq!(from_datetime(&local), Some(at));
    }
}
