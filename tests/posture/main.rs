//! posture's integration tests, as one binary: the CLI through the real executable, the
//! built-in content, report escaping, and crash safety.

mod cli;
mod content;
mod crash;
mod loader;
mod report_escaping;
mod support;
mod tui_e2e;
mod tui_screens;
