//! When something was recorded: the instant to order by, and the TOML date-time exactly as the
//! file wrote it, so that a record saved again is written back unchanged.

use std::cmp::Ordering;
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use toml::value::{Date, Datetime, Offset, Time};

#[derive(Debug, Clone, Copy)]
pub struct Stamp {
    instant: Timestamp,
    written: Datetime,
}

impl Stamp {
    /// `instant` to the second, as posture writes it (`2026-11-25T14:03:00Z`).
    pub fn at(instant: Timestamp) -> Self {
        let instant = instant.round(jiff::Unit::Second).unwrap_or(instant);
        let civil = instant
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .datetime();
        let written = Datetime {
            date: Some(Date {
                year: u16::try_from(civil.year()).unwrap_or(0),
                month: u8::try_from(civil.month()).unwrap_or(1),
                day: u8::try_from(civil.day()).unwrap_or(1),
            }),
            time: Some(Time {
                hour: u8::try_from(civil.hour()).unwrap_or(0),
                minute: u8::try_from(civil.minute()).unwrap_or(0),
                second: Some(u8::try_from(civil.second()).unwrap_or(0)),
                nanosecond: None,
            }),
            offset: Some(Offset::Z),
        };
        Self { instant, written }
    }

    /// A date-time from a file. One without an offset is taken as UTC, a date alone as its
    /// midnight UTC; dates beyond what a timestamp holds are ordered at its ends. `None` for a
    /// time without a date.
    pub fn read(written: Datetime) -> Option<Self> {
        let date = written.date?;
        let time = written.time.unwrap_or(Time {
            hour: 0,
            minute: 0,
            second: Some(0),
            nanosecond: None,
        });
        let civil = jiff::civil::DateTime::new(
            i16::try_from(date.year).ok()?,
            i8::try_from(date.month).ok()?,
            i8::try_from(date.day).ok()?,
            i8::try_from(time.hour).ok()?,
            i8::try_from(time.minute).ok()?,
            // A leap second (`:60`) is ordered as the second before it.
            i8::try_from(time.second.unwrap_or(0).min(59)).ok()?,
            i32::try_from(time.nanosecond.unwrap_or(0)).ok()?,
        )
        .ok()?;
        let offset_seconds = match written.offset {
            None | Some(Offset::Z) => 0,
            Some(Offset::Custom { minutes }) => i32::from(minutes) * 60,
        };
        let offset = jiff::tz::Offset::from_seconds(offset_seconds).ok()?;
        let instant = offset.to_timestamp(civil).unwrap_or(if date.year > 5000 {
            Timestamp::MAX
        } else {
            Timestamp::MIN
        });
        Some(Self { instant, written })
    }

    pub fn now() -> Self {
        Self::at(Timestamp::now())
    }

    pub fn instant(self) -> Timestamp {
        self.instant
    }

    pub fn written(self) -> Datetime {
        self.written
    }
}

impl PartialEq for Stamp {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Stamp {}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant
            .cmp(&other.instant)
            .then_with(|| self.written.cmp(&other.written))
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.written.fmt(f)
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.written.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written = Datetime::deserialize(deserializer)?;
        Self::read(written).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "'{written}' is a time without a date; write a date and time such as 2026-11-25T14:03:00Z"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Stamp> {
        Stamp::read(text.parse().expect("a TOML date-time"))
    }

    #[test]
    fn posture_writes_utc_to_the_second_and_reads_it_back() {
        let at: Timestamp = "2026-11-25T14:03:00.6Z".parse().expect("valid");
        let stamp = Stamp::at(at);
        assert_eq!(stamp.to_string(), "2026-11-25T14:03:01Z");
        assert_eq!(read("2026-11-25T14:03:01Z"), Some(stamp));
    }

    #[test]
    fn what_a_file_wrote_is_kept_and_ordered_by_its_instant() {
        let offset = read("2026-11-25T15:03:00+01:00").expect("offset");
        assert_eq!(offset.to_string(), "2026-11-25T15:03:00+01:00");
        let utc = read("2026-11-25T14:03:00Z").expect("utc");
        assert_eq!(offset.instant(), utc.instant());
        assert!(read("2026-11-25T14:03:01").expect("local") > utc);
        assert_eq!(
            read("2026-11-25").expect("date").instant(),
            "2026-11-25T00:00:00Z".parse::<Timestamp>().expect("valid")
        );
        assert_eq!(read("14:03:00"), None);
    }

    #[test]
    fn the_ends_of_the_calendar_are_accepted() {
        let last = read("9999-12-31T23:59:59Z").expect("the last second TOML can write");
        assert_eq!(last.to_string(), "9999-12-31T23:59:59Z");
        assert!(last > read("9999-12-30T00:00:00Z").expect("the day before"));
        let first = read("0000-01-01T00:00:00Z").expect("year zero");
        assert!(first < read("0001-01-01T00:00:00Z").expect("year one"));
    }
}
