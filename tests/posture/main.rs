//! posture's integration tests, as one binary: the CLI through the real executable, the
//! built-in content, report escaping, and crash safety.

mod assessment_errors;
mod cli;
mod concurrency;
mod content;
mod coverage;
mod crash;
mod failing_save;
mod fuzz_corpus;
mod html_report;
mod loader;
mod pdf_report;
mod practice;
mod report_escaping;
mod support;
mod tty;
mod tui_e2e;
mod tui_screens;
