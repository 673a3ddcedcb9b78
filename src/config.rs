//! `config.toml` in the config folder: what an MSP (or an owner) sets once: the name, contact,
//! logo and colour its reports carry, the default assessor, how often clients are due a
//! visit, and how the question screen moves on. A missing file means the defaults; a bad one
//! gets a located diagnostic, as a bad checklist does. posture never writes this file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostic::Diagnostic;

/// Days after a visit when the next one is due, unless the config says otherwise.
pub const DEFAULT_REASSESS_DAYS: u32 = 365;

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

impl Advance {
    pub fn name(self) -> &'static str {
        match self {
            Advance::OnYes => "on-yes",
            Advance::Always => "always",
        }
    }
}

/// Who writes the reports: shown on their cover and in their footer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provider {
    pub name: String,
    pub contact: String,
    /// A PNG, JPEG or SVG file, relative to the config folder unless absolute.
    pub logo: Option<PathBuf>,
    /// `#RRGGBB`.
    pub accent: Option<String>,
}

impl Provider {
    /// The logo's media type and bytes, for a report to carry; `None` when there is none or it
    /// cannot be read.
    pub fn logo_image(&self) -> Option<(&'static str, Vec<u8>)> {
        let path = self.logo.as_ref()?;
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        let mime = match extension.as_str() {
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "svg" => "image/svg+xml",
            _ => return None,
        };
        std::fs::read(path).ok().map(|bytes| (mime, bytes))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub provider: Provider,
    /// Filled in as the assessor of a new assessment.
    pub assessor: String,
    pub reassess_days: u32,
    pub advance: Advance,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            provider: Provider::default(),
            assessor: String::new(),
            reassess_days: DEFAULT_REASSESS_DAYS,
            advance: Advance::default(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    provider: RawProvider,
    assessor: Option<String>,
    reassess_after_days: Option<Spanned<i64>>,
    advance: Option<Advance>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvider {
    name: Option<String>,
    contact: Option<String>,
    logo: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
}

fn is_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

impl Config {
    /// The config in `text` (read from `path`, which errors name); a logo is looked for
    /// relative to `folder`.
    pub fn parse(path: &str, text: &str, folder: &Path) -> Result<Self, Diagnostic> {
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| Diagnostic::from_toml(path, text, &e))?;
        let mut config = Config::default();
        if let Some(days) = raw.reassess_after_days {
            config.reassess_days = u32::try_from(*days.get_ref())
                .ok()
                .filter(|d| (1..=3650).contains(d))
                .ok_or_else(|| {
                    Diagnostic::at(
                        path,
                        text,
                        days.span(),
                        format!(
                            "reassess-after-days must be a number of days from 1 to 3650, found '{}'",
                            days.get_ref()
                        ),
                    )
                })?;
        }
        if let Some(accent) = &raw.provider.accent
            && !is_colour(accent.get_ref())
        {
            return Err(Diagnostic::at(
                path,
                text,
                accent.span(),
                format!(
                    "accent must be a colour written as #RRGGBB (such as #1f6feb), found '{}'",
                    accent.get_ref()
                ),
            ));
        }
        if let Some(logo) = &raw.provider.logo {
            let file = folder.join(logo.get_ref());
            let known = ["png", "jpg", "jpeg", "svg"];
            let extension = file
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            if !extension.is_some_and(|e| known.contains(&e.as_str())) {
                return Err(Diagnostic::at(
                    path,
                    text,
                    logo.span(),
                    format!(
                        "logo must be a .png, .jpg or .svg file, found '{}'",
                        logo.get_ref()
                    ),
                ));
            }
            if !file.is_file() {
                return Err(Diagnostic::at(
                    path,
                    text,
                    logo.span(),
                    format!(
                        "logo '{}' is not a file in {}",
                        logo.get_ref(),
                        folder.display()
                    ),
                ));
            }
            config.provider.logo = Some(file);
        }
        config.provider.name = raw.provider.name.unwrap_or_default();
        config.provider.contact = raw.provider.contact.unwrap_or_default();
        config.provider.accent = raw.provider.accent.map(Spanned::into_inner);
        config.assessor = raw.assessor.unwrap_or_default();
        config.advance = raw.advance.unwrap_or_default();
        Ok(config)
    }

    /// The config of `folder`'s `config.toml`: the defaults when there is none.
    pub fn load(folder: &Path) -> Result<Self, Diagnostic> {
        let path = folder.join("config.toml");
        let shown = path.display().to_string();
        match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(Diagnostic::whole_file(
                &shown,
                format!("cannot read it: {e}"),
            )),
            Ok(bytes) => {
                let text = Diagnostic::utf8(&shown, &bytes)?;
                Self::parse(&shown, text, folder)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Config, Diagnostic> {
        Config::parse("config.toml", text, Path::new("/nonexistent"))
    }

    #[test]
    fn a_full_config_reads_and_an_empty_one_is_the_defaults() {
        let config = parsed(
            "assessor = \"Jo Tech\"\nreassess-after-days = 180\nadvance = \"always\"\n\
             [provider]\nname = \"Northwind IT\"\ncontact = \"help@northwind.example\"\naccent = \"#1F6feb\"\n",
        )
        .expect("valid");
        assert_eq!(config.provider.name, "Northwind IT");
        assert_eq!(config.reassess_days, 180);
        assert_eq!(config.advance, Advance::Always);
        assert_eq!(parsed("").expect("empty"), Config::default());
    }

    #[test]
    fn mistakes_are_located_and_quoted() {
        let error = parsed("reassess-after-days = 0\n").expect_err("refused");
        assert_eq!((error.line, error.column), (1, 23));
        assert!(error.message.contains("'0'"), "{error}");
        let error = parsed("[provider]\naccent = \"blue\"\n").expect_err("refused");
        assert!(
            error.message.contains("'blue'") && error.line == 2,
            "{error}"
        );
        let error = parsed("asessor = \"Jo\"\n").expect_err("a typo is an error");
        assert!(error.message.contains("asessor"), "{error}");
        let error = parsed("[provider]\nlogo = \"logo.png\"\n").expect_err("missing file");
        assert!(
            error.message.contains("'logo.png' is not a file"),
            "{error}"
        );
        let error = parsed("advance = \"sometimes\"\n").expect_err("refused");
        assert!(error.message.contains("sometimes"), "{error}");
    }
}
