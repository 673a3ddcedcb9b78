//! Assessments: answers, the saved file, and the store that keeps them safe when several
//! writers share one file.

mod answer;
mod day;
mod file;
mod join;
mod merge;
mod model;
mod stamp;
mod store;
mod tracking;
mod trash;

pub use answer::{Answer, AnswerValue, Response, parse_input};
pub use day::Day;
pub use file::{FORMAT, ScoreRecord};
pub use merge::{conflicts, merge};
pub use model::{Assessment, ChecklistChange, Header, KeptAnswer, Mode, Repair, Unknown};
pub use stamp::Stamp;
pub use store::{Store, Summarize, load, parse};
pub use tracking::{ActionStatus, Tracking};
