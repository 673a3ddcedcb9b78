//! Assessments: answers, the saved file, and the store that keeps them safe.

mod answer;
mod file;
mod model;
mod store;

pub use answer::{Answer, AnswerValue, Response, format_number, parse_input};
pub use file::FORMAT;
pub use model::{Assessment, ChecklistChange, Header, KeptAnswer, Mode};
pub use store::{Store, load, save};
