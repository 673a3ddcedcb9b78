//! `posture config --show`: the config in force, and where each value comes from.

use std::process::ExitCode;

use super::{CHECK_FAILED, Context};
use crate::config::Config;

pub fn show(context: &Context) -> ExitCode {
    let path = context.paths.config.join("config.toml");
    let (config, from_file) = match Config::load(&context.paths.config) {
        Ok(config) => (config, path.is_file()),
        Err(diagnostic) => {
            note!("{}", diagnostic.render(super::screen_width()));
            note!("config.toml has an error, so the defaults below apply until it is fixed");
            (Config::default(), false)
        }
    };
    let defaults = Config::default();
    let source = |differs: bool| {
        if from_file && differs {
            "config.toml"
        } else {
            "default"
        }
    };
    out!(
        "config file: {} ({})",
        path.display(),
        if from_file {
            "in use"
        } else if path.is_file() {
            "not used"
        } else {
            "none: defaults"
        }
    );
    let provider = &config.provider;
    for (key, value, differs) in [
        (
            "provider.name",
            provider.name.clone(),
            !provider.name.is_empty(),
        ),
        (
            "provider.contact",
            provider.contact.clone(),
            !provider.contact.is_empty(),
        ),
        (
            "provider.logo",
            provider
                .logo
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            provider.logo.is_some(),
        ),
        (
            "provider.accent",
            provider.accent.clone().unwrap_or_default(),
            provider.accent.is_some(),
        ),
        (
            "assessor",
            config.assessor.clone(),
            !config.assessor.is_empty(),
        ),
        (
            "reassess-after-days",
            config.reassess_days.to_string(),
            config.reassess_days != defaults.reassess_days,
        ),
        (
            "advance",
            config.advance.name().to_owned(),
            config.advance != defaults.advance,
        ),
    ] {
        let shown = if value.is_empty() {
            "(not set)".to_owned()
        } else {
            value
        };
        out!("  {key:<20} {shown}   [{}]", source(differs));
    }
    let healthy = !path.is_file() || from_file;
    if healthy {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(CHECK_FAILED)
    }
}
