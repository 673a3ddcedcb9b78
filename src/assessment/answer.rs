//! Answers: the stored value, and what it means for the question it answers.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::stamp::Stamp;

use crate::checklist::{Choice, Kind, Question};

/// An answer as stored: a word (yes, a choice id, free text) or, for number questions, a
/// number exactly as it was given: a TOML integer, a TOML float, or digits kept as text when
/// neither holds them exactly (`12.50`, `1e3`, a number too long for 64 bits).
#[derive(Debug, Clone)]
pub enum AnswerValue {
    Integer(i64),
    Float(f64),
    Text(String),
}

impl PartialEq for AnswerValue {
    /// Floats compare by their bits, so a stored `nan` equals itself and merging never sees a
    /// change where there is none.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (AnswerValue::Integer(a), AnswerValue::Integer(b)) => a == b,
            (AnswerValue::Float(a), AnswerValue::Float(b)) => a.to_bits() == b.to_bits(),
            (AnswerValue::Text(a), AnswerValue::Text(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for AnswerValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerValue::Integer(n) => n.fmt(f),
            AnswerValue::Float(n) => n.fmt(f),
            AnswerValue::Text(text) => f.write_str(text),
        }
    }
}

impl Serialize for AnswerValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AnswerValue::Integer(n) => serializer.serialize_i64(*n),
            AnswerValue::Float(n) => serializer.serialize_f64(*n),
            AnswerValue::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = AnswerValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an answer: a word such as \"yes\", text in quotes, or a number")
            }
            fn visit_i64<E>(self, n: i64) -> Result<AnswerValue, E> {
                Ok(AnswerValue::Integer(n))
            }
            fn visit_u64<E>(self, n: u64) -> Result<AnswerValue, E> {
                Ok(i64::try_from(n)
                    .map_or_else(|_| AnswerValue::Text(n.to_string()), AnswerValue::Integer))
            }
            fn visit_f64<E>(self, n: f64) -> Result<AnswerValue, E> {
                Ok(AnswerValue::Float(n))
            }
            fn visit_str<E>(self, text: &str) -> Result<AnswerValue, E> {
                Ok(AnswerValue::Text(text.to_owned()))
            }
            fn visit_string<E>(self, text: String) -> Result<AnswerValue, E> {
                Ok(AnswerValue::Text(text))
            }
        }
        deserializer.deserialize_any(Visitor)
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
    /// Carried over from the previous visit and not re-verified on this one yet.
    pub carried: bool,
    /// The note and the flag are internal: left out of every client report.
    pub internal: bool,
    pub at: Stamp,
    /// Keys of the record that this posture does not know, written back as they were.
    pub extra: toml::Table,
}

impl Answer {
    /// A record for `question` with nothing in it yet.
    pub fn empty(question: &str, at: Stamp) -> Self {
        Self {
            question: question.to_owned(),
            value: None,
            note: String::new(),
            evidence: String::new(),
            flagged: false,
            carried: false,
            internal: false,
            at,
            extra: toml::Table::new(),
        }
    }
}

/// What an answer means for its question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Response<'q> {
    Yes,
    /// "Partly", with the credit the question gives it.
    Partial(f64),
    No,
    Unknown,
    Na,
    Choice(&'q Choice),
    Text(&'q str),
    /// A number answer, exactly as stored.
    Number(&'q AnswerValue),
}

impl<'q> Response<'q> {
    /// Reads a stored value against its question; `None` when it is not an answer the
    /// question can take (a choice id that was removed, `na` where it is not allowed…).
    pub fn interpret(question: &'q Question, value: &'q AnswerValue) -> Option<Self> {
        match (&question.kind, value) {
            // "Don't know" is an answer to a text or number question too.
            (Kind::Text | Kind::Number, AnswerValue::Text(word)) if word == "unknown" => {
                Some(Response::Unknown)
            }
            (Kind::Number, number) => number_check(question, number)
                .ok()
                .map(|()| Response::Number(value)),
            (Kind::Text, AnswerValue::Text(t)) => Some(Response::Text(t)),
            (
                Kind::Text | Kind::YesNo | Kind::Choice(_),
                AnswerValue::Integer(_) | AnswerValue::Float(_),
            ) => None,
            (kind, AnswerValue::Text(word)) => match (kind, word.as_str()) {
                (_, "unknown") => Some(Response::Unknown),
                (_, "na") => question.allow_na.then_some(Response::Na),
                (Kind::YesNo, "yes") => Some(Response::Yes),
                (Kind::YesNo, "partial") => Some(Response::Partial(question.partial_credit)),
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
            Response::Partial(_) => Some("partial"),
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
            Response::Partial(credit) => Some(*credit),
            Response::No | Response::Unknown => Some(0.0),
            Response::Choice(choice) => Some(choice.score),
            Response::Na | Response::Text(_) | Response::Number(_) => None,
        }
    }

    /// How a person reads the answer.
    pub fn label(&self) -> String {
        match self {
            Response::Yes => "Yes".into(),
            Response::Partial(_) => "Partly".into(),
            Response::No => "No".into(),
            Response::Unknown => "Don't know".into(),
            Response::Na => "Not applicable".into(),
            Response::Choice(choice) => choice.label.clone(),
            Response::Text(text) => (*text).to_owned(),
            Response::Number(value) => value.to_string(),
        }
    }
}

/// A finite number from text, ignoring surrounding spaces.
fn parse_number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Whether a stored number is an answer to `question`: finite and within its rules.
fn number_check(question: &Question, value: &AnswerValue) -> Result<(), String> {
    let written = value.to_string();
    let (number, whole) = match value {
        #[allow(clippy::cast_precision_loss)] // compared with bounds; exactness is kept apart
        AnswerValue::Integer(n) => (*n as f64, true),
        AnswerValue::Float(n) => (*n, n.fract() == 0.0 && n.abs() < 9.0e15),
        AnswerValue::Text(text) => (
            parse_number(text).ok_or_else(|| format!("'{text}' is not a number"))?,
            false,
        ),
    };
    if !number.is_finite() {
        return Err(format!("'{written}' is not a number"));
    }
    question.number.check(number, whole, &written)
}

/// A typed number as the value that keeps it exactly: a whole number that fits 64 bits as an
/// integer, a decimal that a float prints back the same as a float, anything else as its text.
fn number_value(text: &str) -> Option<AnswerValue> {
    if let Ok(n) = text.parse::<i64>() {
        return Some(AnswerValue::Integer(n));
    }
    let n = parse_number(text)?;
    Some(if n.to_string() == text {
        AnswerValue::Float(n)
    } else {
        AnswerValue::Text(text.to_owned())
    })
}

/// Turns what a person typed into the stored value for `question`, accepting the short forms
/// the keyboard uses (`y`, `p`, `n`, `u`, `x`) and, for choices, the choice's 1-based number.
pub fn parse_input(question: &Question, input: &str) -> Result<AnswerValue, String> {
    let trimmed = input.trim();
    let word = trimmed.to_ascii_lowercase();
    let value = match (&question.kind, word.as_str()) {
        (Kind::Text, _) => return Ok(AnswerValue::Text(input.to_owned())),
        (Kind::Number, "u" | "unknown" | "dont-know" | "don't know") => {
            return Ok(AnswerValue::Text("unknown".into()));
        }
        (Kind::Number, _) => {
            let value =
                number_value(trimmed).ok_or_else(|| format!("'{input}' is not a number"))?;
            number_check(question, &value)?;
            return Ok(value);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_kept_exactly_as_given() {
        assert_eq!(
            number_value("9007199254740993"),
            Some(AnswerValue::Integer(9_007_199_254_740_993))
        );
        assert_eq!(number_value("2.5"), Some(AnswerValue::Float(2.5)));
        for exact in [
            "12.50",
            "1e3",
            "123456789012345678901234567890",
            "0.1000000000000000000001",
        ] {
            assert_eq!(
                number_value(exact),
                Some(AnswerValue::Text(exact.into())),
                "{exact}"
            );
        }
        assert_eq!(number_value("twelve"), None);
        assert_eq!(number_value("inf"), None);
    }

    #[test]
    fn a_count_takes_whole_numbers_in_range_and_says_why_not() {
        use crate::checklist::{Origin, parse};
        let toml = "format = 1\nid = \"t\"\nversion = \"1.0.0\"\ntitle = \"T\"\n\
            [[questions]]\nid = \"staff\"\nprompt = \"How many?\"\nkind = \"number\"\n\
            integer = true\nmin = 0\nmax = 100000\n";
        let checklist = parse("t.toml", toml.as_bytes(), Origin::BuiltIn("t.toml")).expect("valid");
        let question = &checklist.questions[0];
        assert_eq!(parse_input(question, "12"), Ok(AnswerValue::Integer(12)));
        assert_eq!(
            parse_input(question, "u"),
            Ok(AnswerValue::Text("unknown".into()))
        );
        for (typed, says) in [
            ("-5", "below 0"),
            ("2.5", "not a whole number"),
            ("99999999999999999999999", "too large"),
            ("100001", "above 100000"),
            ("twelve", "not a number"),
        ] {
            let error = parse_input(question, typed).expect_err(typed);
            assert!(error.contains(says), "{typed}: {error}");
        }
        // A stored answer outside the rules is kept, but does not count.
        assert!(Response::interpret(question, &AnswerValue::Integer(-3)).is_none());
        assert!(Response::interpret(question, &AnswerValue::Text("unknown".into())).is_some());
    }

    #[test]
    fn stored_numbers_read_back_from_toml_unchanged() {
        #[derive(Deserialize, Serialize)]
        struct Record {
            answer: AnswerValue,
        }
        for text in [
            "answer = 9007199254740993\n",
            "answer = 0.1\n",
            "answer = \"12.50\"\n",
        ] {
            let record: Record = toml::from_str(text).expect("parses");
            assert_eq!(toml::to_string(&record).expect("writes"), text);
        }
        let error = toml::from_str::<Record>("answer = true")
            .err()
            .expect("a boolean is refused");
        assert!(error.message().contains("an answer"), "{error}");
    }
}
