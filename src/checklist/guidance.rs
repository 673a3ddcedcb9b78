//! The format's additions that guide a person through a question (checklist-format.md §6):
//! what each answer means, the task's title, when the facts were checked, the credit of
//! "partly", and tags.

use toml::Spanned;

use super::model::{Criteria, Kind};
use super::raw::{RawQuestion, Text};
use super::validate::Checker;

/// What `guidance` validated, ready for the question.
pub(super) struct Guidance {
    pub criteria: Criteria,
    pub action: Option<String>,
    pub checked: Option<jiff::civil::Date>,
    pub partial_credit: f64,
    pub tags: Vec<String>,
}

/// The last day that is "today" somewhere on Earth (UTC+14): a `checked` date after it is in
/// the future wherever the author is.
fn latest_today() -> jiff::civil::Date {
    let ahead = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(14))
        .unwrap_or(jiff::Timestamp::MAX);
    ahead.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
}

impl Checker<'_> {
    pub(super) fn guidance(&mut self, raw: &RawQuestion, kind: &Kind, kind_name: &str) -> Guidance {
        let unused = |key: &str| format!("'{key}' does not apply to a {kind_name} question");
        let yes_no = *kind == Kind::YesNo;
        let criteria = match &raw.criteria {
            Some(c) if matches!(kind, Kind::Choice(_)) => {
                self.error(
                    c.span(),
                    "'criteria' does not apply to a choice question: its choice labels say what each answer means",
                );
                Criteria::default()
            }
            Some(c) if !yes_no => {
                self.error(c.span(), unused("criteria"));
                Criteria::default()
            }
            Some(c) => self.criteria(c),
            None => Criteria::default(),
        };
        let action = raw.action.as_ref().and_then(|action| {
            if !kind.is_scored() {
                self.error(action.span(), unused("action"));
                return None;
            }
            self.one_line("action", action);
            Some(action.get_ref().trim().to_owned())
        });
        let partial_credit = match &raw.partial_credit {
            Some(p) if !yes_no => {
                self.error(p.span(), unused("partial_credit"));
                0.5
            }
            Some(p) if !(0.0..=1.0).contains(p.get_ref()) => {
                self.error(
                    p.span(),
                    format!(
                        "partial_credit must be from 0 to 1, found '{}'",
                        p.get_ref()
                    ),
                );
                0.5
            }
            Some(p) => *p.get_ref(),
            None => 0.5,
        };
        let tags = raw.tags.as_ref().map_or_else(Vec::new, |tags| {
            tags.iter()
                .map(|tag| {
                    self.one_line("tag", tag);
                    tag.get_ref().trim().to_owned()
                })
                .collect()
        });
        Guidance {
            criteria,
            action,
            checked: raw.checked.as_ref().and_then(|c| self.checked(c)),
            partial_credit,
            tags,
        }
    }

    fn criteria(&mut self, raw: &Spanned<super::raw::RawCriteria>) -> Criteria {
        let c = raw.get_ref();
        for text in [&c.yes, &c.partial, &c.no].into_iter().flatten() {
            self.one_line("a criterion", text);
        }
        let Some(yes) = &c.yes else {
            self.error(
                raw.span(),
                "criteria must say what 'yes' means ('partial' and 'no' may be left out)",
            );
            return Criteria::default();
        };
        let text = |t: &Option<Text>| t.as_ref().map(|t| t.get_ref().trim().to_owned());
        Criteria {
            yes: yes.get_ref().trim().to_owned(),
            partial: text(&c.partial),
            no: text(&c.no),
        }
    }

    /// A date (no time) that is not in the future.
    fn checked(&mut self, raw: &Spanned<toml::value::Datetime>) -> Option<jiff::civil::Date> {
        let value = raw.get_ref();
        let date = match (value.date, value.time, value.offset) {
            (Some(d), None, None) => jiff::civil::Date::new(
                i16::try_from(d.year).ok()?,
                i8::try_from(d.month).ok()?,
                i8::try_from(d.day).ok()?,
            )
            .ok(),
            _ => None,
        };
        let Some(date) = date else {
            self.error(
                raw.span(),
                format!("checked must be a date such as 2026-12-01, found '{value}'"),
            );
            return None;
        };
        if date > latest_today() {
            self.error(
                raw.span(),
                format!("checked '{date}' is in the future: give the day the facts were checked"),
            );
        }
        Some(date)
    }

    fn one_line(&mut self, what: &str, text: &Text) {
        let value = text.get_ref();
        if value.trim().is_empty() || value.contains('\n') {
            self.error(
                text.span(),
                format!("{what} must be one line of text, found '{value}'"),
            );
        }
    }
}
