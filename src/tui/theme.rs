//! Colours and emphasis in one place. Meaning is never carried by colour alone: selection is
//! reversed and marked with `▸`, and with `NO_COLOR` set only bold, reverse and dim remain.

use ratatui::style::{Color, Modifier, Style};

use crate::checklist::Severity;
use crate::score::Level;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

/// The theme with colour.
pub const COLOR: Theme = Theme { color: true };
/// The theme for `NO_COLOR`: emphasis only.
pub const MONO: Theme = Theme { color: false };

impl Theme {
    /// `NO_COLOR` set to anything non-empty turns colour off (no-color.org).
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => MONO,
            _ => COLOR,
        }
    }

    fn fg(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    /// The title bar and the key bar.
    pub fn bar(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn muted(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn key(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    pub fn error(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    pub fn good(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Green)
    }

    pub fn severity(self, severity: Option<Severity>) -> Style {
        match severity {
            Some(Severity::Critical) => {
                self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
            }
            Some(Severity::High) => {
                self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
            }
            _ => self.muted(),
        }
    }

    pub fn level(self, level: Option<Level>) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        match level {
            Some(Level::Strong | Level::Good) => self.fg(bold, Color::Green),
            Some(Level::Fair) => self.fg(bold, Color::Yellow),
            Some(Level::Weak) => self.fg(bold, Color::Red),
            None => bold,
        }
    }
}
