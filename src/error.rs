//! Errors a person can act on: each names the file or value at fault, in quotes.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot {action} '{}': {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("'{}' is not a readable assessment file: {message}", path.display())]
    BadAssessment { path: PathBuf, message: String },
    #[error(
        "no assessment '{0}': give the path of an assessment file, or an id that 'posture assessments' lists"
    )]
    AssessmentNotFound(String),
    #[error("'{0}' matches more than one assessment ({1}); give more of the id or the path")]
    AmbiguousAssessment(String, String),
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
