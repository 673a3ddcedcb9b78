//! posture: security-posture checklists for small businesses.
//!
//! Data flows one way: checklist files → [`checklist`] (load, validate) → [`assessment`]
//! (answers, saved files) → [`score`] → [`report`]. Only the checklist loader,
//! [`assessment::Store`], [`private_file`] and the [`cli`] shell touch the file system.

pub mod assessment;
pub mod checklist;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod frameworks;
pub mod paths;
pub mod practice;
pub mod private_file;
pub mod report;
pub mod score;
pub mod text;
pub mod tui;
