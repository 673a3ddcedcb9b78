//! A validated checklist: what the rest of posture works with.

use std::fmt;
use std::path::PathBuf;

/// Where a checklist came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary from `checklists/NAME`.
    BuiltIn(&'static str),
    User(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn(name) => write!(f, "built-in:{name}"),
            Origin::User(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A checklist content version: strict three-part `MAJOR.MINOR.PATCH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    /// Parses `1.2.0`; refuses `1.2`, `v1.2.0`, leading zeros and suffixes.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('.').map(|part| {
            let canonical = !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_digit())
                && (part == "0" || !part.starts_with('0'));
            canonical.then(|| part.parse().ok()).flatten()
        });
        let version = Self {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next()??,
        };
        parts.next().is_none().then_some(version)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    /// The default weight: each level counts twice the one below; info is unscored.
    pub fn weight(self) -> f64 {
        match self {
            Severity::Critical => 8.0,
            Severity::High => 4.0,
            Severity::Medium => 2.0,
            Severity::Low => 1.0,
            Severity::Info => 0.0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == text)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who a question is for. Self-assessments ask only the owner's questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    pub owner: bool,
    pub technician: bool,
}

impl Default for Audience {
    fn default() -> Self {
        Self {
            owner: true,
            technician: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    YesNo,
    Choice(Vec<Choice>),
    Text,
    Number,
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::YesNo => "yes-no",
            Kind::Choice(_) => "choice",
            Kind::Text => "text",
            Kind::Number => "number",
        }
    }

    /// Yes-no and choice questions are scored; text and number are context.
    pub fn is_scored(&self) -> bool {
        matches!(self, Kind::YesNo | Kind::Choice(_))
    }
}

/// Ask a question only when an earlier question of the same checklist got one of `any_of`.
#[derive(Debug, Clone, PartialEq)]
pub struct AskIf {
    /// Index of the gate question within the checklist.
    pub gate: usize,
    pub any_of: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refs {
    pub cis_v8: Vec<String>,
    pub nist_csf_2: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub kind: Kind,
    /// `None` on text and number questions, which are never scored.
    pub severity: Option<Severity>,
    /// The effective weight: `weight` when given, else the severity's.
    pub weight: f64,
    pub allow_na: bool,
    pub why: String,
    pub how_to_check: String,
    pub remediation: String,
    pub evidence: Option<String>,
    pub audience: Audience,
    pub refs: Refs,
    pub links: Vec<String>,
    pub ask_if: Option<AskIf>,
    /// What a number question accepts.
    pub number: NumberRules,
    /// What each answer means (yes-no questions; a choice question's labels say it).
    pub criteria: Criteria,
    /// For an owner in self mode: what to look at, or what to ask the IT provider.
    pub how_to_find_out: String,
    /// The task's title in action plans: one imperative line.
    pub action: Option<String>,
    /// When the facts were last checked against their sources.
    pub checked: Option<jiff::civil::Date>,
    /// The credit of "partly" (yes-no questions; 0.5 unless the checklist says otherwise).
    pub partial_credit: f64,
    /// Free text, such as the framework requirements a question answers (`cpg-2.0:2.H`).
    pub tags: Vec<String>,
}

/// What Yes, Partly and No mean for one question. `yes` is required when criteria are given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Criteria {
    pub yes: String,
    pub partial: Option<String>,
    pub no: Option<String>,
}

impl Criteria {
    pub fn is_empty(&self) -> bool {
        self.yes.is_empty()
    }

    /// What the answer with this id means, if the question says.
    pub fn for_answer(&self, id: &str) -> Option<&str> {
        match id {
            "yes" if !self.yes.is_empty() => Some(&self.yes),
            "partial" => self.partial.as_deref(),
            "no" => self.no.as_deref(),
            _ => None,
        }
    }
}

/// What a number question accepts: `min`, `max` (inclusive) and `integer`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NumberRules {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub integer: bool,
}

impl NumberRules {
    /// Why `number` (as `written`) is not an answer; `whole` says it is a whole number that
    /// 64 bits hold exactly.
    pub fn check(&self, number: f64, whole: bool, written: &str) -> Result<(), String> {
        let show = |n: f64| format!("{n}");
        if self.integer && !whole {
            return Err(if number.fract() == 0.0 {
                format!("'{written}' is too large a number for this question")
            } else {
                format!("'{written}' is not a whole number, and this question asks for one")
            });
        }
        if let Some(min) = self.min.filter(|min| number < *min) {
            return Err(format!(
                "'{written}' is below {}, the smallest answer this question takes",
                show(min)
            ));
        }
        if let Some(max) = self.max.filter(|max| number > *max) {
            return Err(format!(
                "'{written}' is above {}, the largest answer this question takes",
                show(max)
            ));
        }
        Ok(())
    }
}

impl Question {
    /// The task's title: `action`, or the prompt when the checklist gives none.
    pub fn task(&self) -> &str {
        self.action.as_deref().unwrap_or(&self.prompt)
    }

    pub fn is_critical(&self) -> bool {
        self.severity == Some(Severity::Critical)
    }

    /// Scored questions feed the score, coverage and counts (checklist-format §6).
    pub fn is_scored(&self) -> bool {
        self.kind.is_scored() && self.weight > 0.0
    }

    /// Every answer a yes-no or choice question can be given; empty for text and number.
    pub fn answer_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = match &self.kind {
            Kind::YesNo => vec!["yes", "partial", "no"],
            Kind::Choice(choices) => choices.iter().map(|c| c.id.as_str()).collect(),
            Kind::Text | Kind::Number => return Vec::new(),
        };
        ids.push("unknown");
        if self.allow_na {
            ids.push("na");
        }
        ids
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checklist {
    pub id: String,
    pub version: Version,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub tags: Vec<String>,
    pub questions: Vec<Question>,
    pub origin: Origin,
    /// Hex SHA-256 of the file as loaded.
    pub sha256: String,
}

impl Checklist {
    pub fn question(&self, id: &str) -> Option<(usize, &Question)> {
        self.questions.iter().enumerate().find(|(_, q)| q.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_strict_semver_triples() {
        assert_eq!(
            Version::parse("1.20.0"),
            Some(Version {
                major: 1,
                minor: 20,
                patch: 0
            })
        );
        for bad in [
            "1.2",
            "1.2.0.0",
            "v1.2.0",
            "01.2.0",
            "1.2.0-rc1",
            "",
            "1..0",
            "1.2.x",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn severities_double_per_level() {
        let weights: Vec<f64> = Severity::ALL.iter().map(|s| s.weight()).collect();
        assert_eq!(weights, [8.0, 4.0, 2.0, 1.0, 0.0]);
        assert_eq!(Severity::parse("high"), Some(Severity::High));
        assert_eq!(Severity::parse("High"), None);
    }
}
