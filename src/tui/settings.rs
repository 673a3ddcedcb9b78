//! `settings.toml` in the config folder: what a person chose to keep between sessions. Keys
//! this posture does not know are kept when it writes the file.

use serde::{Deserialize, Serialize};

/// When the question screen moves on by itself after an answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Advance {
    /// After a yes (full credit) or a text or number answer; any other answer stays, so that
    /// "What to do" shows and a note goes to the question it is about.
    #[default]
    OnYes,
    /// After every answer, for a technician who knows the questions.
    Always,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub last_assessor: String,
    #[serde(default)]
    pub advance: Advance,
    #[serde(flatten)]
    other: toml::Table,
}

impl Settings {
    /// The settings in `text`, or why they cannot be read.
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| {
            crate::diagnostic::Diagnostic::from_toml("settings.toml", text, &e).render(200)
        })
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_advance_setting_reads_and_unknown_keys_are_kept() {
        let settings = Settings::parse("advance = \"always\"\ntheme = \"dark\"\n").expect("valid");
        assert_eq!(settings.advance, Advance::Always);
        assert!(settings.to_toml().contains("theme = \"dark\""));
        assert_eq!(Settings::parse("").expect("empty").advance, Advance::OnYes);
        let error = Settings::parse("advance = \"sometimes\"").expect_err("refused");
        assert!(
            error.contains("'sometimes'") && error.contains("settings.toml:1:"),
            "{error}"
        );
    }
}
