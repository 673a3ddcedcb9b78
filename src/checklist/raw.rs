//! The checklist file exactly as written: serde types that refuse unknown keys and keep the
//! position of every value that validation may need to point at.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;
pub type TextList = Spanned<Vec<Text>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChecklist {
    pub format: Spanned<i64>,
    pub id: Text,
    pub version: Text,
    pub title: Text,
    pub summary: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub audience: Option<TextList>,
    #[serde(default)]
    pub questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Text,
    pub prompt: Text,
    pub severity: Option<Text>,
    pub kind: Option<Text>,
    pub why: Option<String>,
    pub how_to_check: Option<String>,
    pub remediation: Option<String>,
    pub evidence: Option<String>,
    pub audience: Option<TextList>,
    pub refs: Option<RawRefs>,
    pub links: Option<Vec<Text>>,
    pub weight: Option<Spanned<f64>>,
    pub allow_na: Option<Spanned<bool>>,
    pub ask_if: Option<Spanned<RawAskIf>>,
    pub choices: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
    pub integer: Option<Spanned<bool>>,
    pub criteria: Option<Spanned<RawCriteria>>,
    pub how_to_find_out: Option<String>,
    pub action: Option<Text>,
    pub checked: Option<Spanned<toml::value::Datetime>>,
    pub partial_credit: Option<Spanned<f64>>,
    pub tags: Option<Vec<Text>>,
}

/// What each answer of a yes-no question means.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriteria {
    pub yes: Option<Text>,
    pub partial: Option<Text>,
    pub no: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRefs {
    #[serde(default)]
    pub cis_v8: Vec<Text>,
    #[serde(default)]
    pub nist_csf_2: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAskIf {
    pub question: Text,
    pub any_of: TextList,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub id: Text,
    pub label: Text,
    pub score: Spanned<f64>,
}

/// Just the `format` key, read when a file fails to parse, so that a file made for a newer
/// posture is reported as such rather than as a list of unknown keys.
#[derive(Debug, Deserialize)]
pub struct FormatProbe {
    pub format: Option<Spanned<toml::Value>>,
}
