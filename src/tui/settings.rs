//! `settings.toml` in the config folder: what posture remembers between sessions for the
//! person (the last assessor's name). posture writes it; keys it does not know are kept.
//! What a person sets on purpose lives in `config.toml` (see `crate::config`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub last_assessor: String,
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
    fn the_last_assessor_reads_and_unknown_keys_are_kept() {
        let settings =
            Settings::parse("last_assessor = \"Jo\"\ntheme = \"dark\"\n").expect("valid");
        assert_eq!(settings.last_assessor, "Jo");
        assert!(settings.to_toml().contains("theme = \"dark\""));
        let error = Settings::parse("last_assessor = 3").expect_err("refused");
        assert!(error.contains("settings.toml:1:"), "{error}");
    }
}
