//! The interactive interface: a pure state (`state`) updated by actions (`action`) that the
//! key table (`keymap`) produces, drawn by `view`, with the shell (`app`) doing all I/O.

mod action;
mod app;
mod effects;
mod keymap;
mod markdown;
mod saved;
mod session;
mod settings;
mod state;
mod theme;
mod view;

pub use crate::config::Advance;
pub use action::{Action, Caret, Effect, Word};
pub use app::run;
pub use keymap::Context;
pub use session::{Filter, Fix, Session};
pub use settings::Settings;
pub use state::{Confirm, EditTarget, Ending, Field, Form, Message, Overlay, Screen, State};
pub use theme::{COLOR, MONO, Theme};

#[cfg(test)]
mod tests;
