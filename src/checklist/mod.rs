//! Checklists: the file format, loading with precise diagnostics, and the catalog of all
//! checklists a run can use.

mod builtin;
mod catalog;
mod guidance;
mod load;
mod model;
mod raw;
mod validate;

pub use crate::diagnostic::Diagnostic;
pub use builtin::BUILT_INS;
pub use catalog::{Catalog, Override, checklist_files};
pub use load::{MAX_FILE_BYTES, load_file, parse, sha256_hex};
pub use model::{
    AskIf, Audience, Checklist, Choice, Criteria, Kind, NumberRules, Origin, Question, Refs,
    Severity, Version,
};
pub use validate::{MAX_QUESTIONS, is_valid_id, quoted_list};
