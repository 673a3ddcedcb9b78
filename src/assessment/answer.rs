//! Answers: the stored value, and what it means for the question it answers.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::checklist::{Choice, Kind, Question};

/// An answer as stored: a word (yes, a choice id, free text) or, for number questions, a number.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Number(f64),
    Text(String),
}

/// The largest whole number an `f64` holds exactly (2^53).
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

impl Serialize for AnswerValue {
    /// Whole numbers are written as TOML integers (`12`, not `12.0`).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            #[allow(clippy::cast_possible_truncation)] // whole and within ±2^53: exact
            AnswerValue::Number(n) if n.fract() == 0.0 && n.abs() <= EXACT_INTEGER => {
                serializer.serialize_i64(*n as i64)
            }
            AnswerValue::Number(n) => serializer.serialize_f64(*n),
            AnswerValue::Text(text) => serializer.serialize_str(text),
        }
    }
}

/// One recorded answer with its note and evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Full question id, `checklist/question`.
    pub question: String,
    /// `None` for a record that only carries a note, evidence or a flag.
    pub value: Option<AnswerValue>,
    pub note: String,
    pub evidence: String,
    pub flagged: bool,
    pub at: Timestamp,
}

/// What an answer means for its question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Response<'q> {
    Yes,
    Partial,
    No,
    Unknown,
    Na,
    Choice(&'q Choice),
    Text(&'q str),
    Number(f64),
}

impl<'q> Response<'q> {
    /// Reads a stored value against its question; `None` when it is not an answer the
    /// question can take (a choice id that was removed, `na` where it is not allowed…).
    pub fn interpret(question: &'q Question, value: &'q AnswerValue) -> Option<Self> {
        match (&question.kind, value) {
            (Kind::Number, AnswerValue::Number(n)) => n.is_finite().then_some(Response::Number(*n)),
            (Kind::Number, AnswerValue::Text(t)) => parse_number(t).map(Response::Number),
            (Kind::Text, AnswerValue::Text(t)) => Some(Response::Text(t)),
            (Kind::Text | Kind::YesNo | Kind::Choice(_), AnswerValue::Number(_)) => None,
            (kind, AnswerValue::Text(word)) => match (kind, word.as_str()) {
                (_, "unknown") => Some(Response::Unknown),
                (_, "na") => question.allow_na.then_some(Response::Na),
                (Kind::YesNo, "yes") => Some(Response::Yes),
                (Kind::YesNo, "partial") => Some(Response::Partial),
                (Kind::YesNo, "no") => Some(Response::No),
                (Kind::Choice(choices), id) => {
                    choices.iter().find(|c| c.id == id).map(Response::Choice)
                }
                _ => None,
            },
        }
    }

    /// The answer id that `ask_if.any_of` matches against (`None` for text and number).
    pub fn id(&self) -> Option<&'q str> {
        match self {
            Response::Yes => Some("yes"),
            Response::Partial => Some("partial"),
            Response::No => Some("no"),
            Response::Unknown => Some("unknown"),
            Response::Na => Some("na"),
            Response::Choice(choice) => Some(&choice.id),
            Response::Text(_) | Response::Number(_) => None,
        }
    }

    /// Credit toward the score: `None` for answers that are excluded (na, text, number).
    pub fn credit(&self) -> Option<f64> {
        match self {
            Response::Yes => Some(1.0),
            Response::Partial => Some(0.5),
            Response::No | Response::Unknown => Some(0.0),
            Response::Choice(choice) => Some(choice.score),
            Response::Na | Response::Text(_) | Response::Number(_) => None,
        }
    }

    /// How a person reads the answer.
    pub fn label(&self) -> String {
        match self {
            Response::Yes => "Yes".into(),
            Response::Partial => "Partly".into(),
            Response::No => "No".into(),
            Response::Unknown => "Don't know".into(),
            Response::Na => "Not applicable".into(),
            Response::Choice(choice) => choice.label.clone(),
            Response::Text(text) => (*text).to_owned(),
            Response::Number(n) => format_number(*n),
        }
    }
}

/// A finite number from text, ignoring surrounding spaces.
fn parse_number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

/// `12` rather than `12.0`; other values as Rust prints them.
pub fn format_number(n: f64) -> String {
    format!("{n}")
}

/// Turns what a person typed into the stored value for `question`, accepting the short forms
/// the keyboard uses (`y`, `p`, `n`, `u`, `x`) and, for choices, the choice's 1-based number.
pub fn parse_input(question: &Question, input: &str) -> Result<AnswerValue, String> {
    let trimmed = input.trim();
    let word = trimmed.to_ascii_lowercase();
    let value = match (&question.kind, word.as_str()) {
        (Kind::Text, _) => return Ok(AnswerValue::Text(input.to_owned())),
        (Kind::Number, _) => {
            return parse_number(trimmed)
                .map(AnswerValue::Number)
                .ok_or_else(|| format!("'{input}' is not a number"));
        }
        (_, "u" | "unknown" | "dont-know" | "don't know") => "unknown".to_owned(),
        (_, "x" | "na" | "n/a" | "not-applicable") => "na".to_owned(),
        (Kind::YesNo, "y" | "yes") => "yes".to_owned(),
        (Kind::YesNo, "p" | "partial" | "partly") => "partial".to_owned(),
        (Kind::YesNo, "n" | "no") => "no".to_owned(),
        (Kind::Choice(choices), choice) => match choice.parse::<usize>() {
            Ok(n) if (1..=choices.len()).contains(&n) => choices[n - 1].id.clone(),
            _ => choice.to_owned(),
        },
        (Kind::YesNo, other) => other.to_owned(),
    };
    let value = AnswerValue::Text(value);
    if Response::interpret(question, &value).is_some() {
        Ok(value)
    } else {
        Err(format!(
            "'{input}' is not an answer to this question; it takes {}",
            crate::checklist::quoted_list(&question.answer_ids(), "or")
        ))
    }
}
