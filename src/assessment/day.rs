//! A calendar day in a file, such as an action's due date: a TOML local date (`2027-01-31`),
//! never a date-time, so that it means the same day wherever it is read.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use toml::value::{Date, Datetime};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(jiff::civil::Date);

impl Day {
    pub fn new(date: jiff::civil::Date) -> Self {
        Self(date)
    }

    pub fn date(self) -> jiff::civil::Date {
        self.0
    }

    /// A day typed by a person: `2027-01-31`.
    pub fn parse(text: &str) -> Result<Self, String> {
        text.trim()
            .parse::<jiff::civil::Date>()
            .map(Self)
            .map_err(|_| format!("'{}' is not a date: write it as 2027-01-31", text.trim()))
    }

    /// Today in UTC.
    pub fn today() -> Self {
        Self(
            jiff::Timestamp::now()
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .date(),
        )
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        (later.0 - self.0).get_days().into()
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let date = Date {
            year: u16::try_from(self.0.year()).unwrap_or(0),
            month: u8::try_from(self.0.month()).unwrap_or(1),
            day: u8::try_from(self.0.day()).unwrap_or(1),
        };
        Datetime {
            date: Some(date),
            time: None,
            offset: None,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written = Datetime::deserialize(deserializer)?;
        let bad = || {
            serde::de::Error::custom(format!(
                "'{written}' must be a date such as 2027-01-31, without a time"
            ))
        };
        let (Some(date), None, None) = (written.date, written.time, written.offset) else {
            return Err(bad());
        };
        jiff::civil::Date::new(
            i16::try_from(date.year).map_err(|_| bad())?,
            i8::try_from(date.month).map_err(|_| bad())?,
            i8::try_from(date.day).map_err(|_| bad())?,
        )
        .map(Self)
        .map_err(|_| bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_and_write_as_toml_dates() {
        #[derive(Serialize, Deserialize)]
        struct Holder {
            due: Day,
        }
        let holder: Holder = toml::from_str("due = 2027-01-31").expect("a date");
        assert_eq!(holder.due.to_string(), "2027-01-31");
        assert_eq!(
            toml::to_string(&holder).expect("writes"),
            "due = 2027-01-31\n"
        );
        let error = toml::from_str::<Holder>("due = 2027-01-31T10:00:00Z")
            .err()
            .expect("a date-time is refused");
        assert!(error.to_string().contains("must be a date"), "{error}");
        assert_eq!(
            Day::parse(" 2027-02-01 ").expect("parses").to_string(),
            "2027-02-01"
        );
        assert!(Day::parse("31/01/2027").is_err());
        assert_eq!(
            Day::parse("2027-01-01")
                .expect("day")
                .days_until(Day::parse("2027-01-31").expect("day")),
            30
        );
    }
}
