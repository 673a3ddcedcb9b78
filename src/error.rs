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
    #[error("cannot read the assessment: {}", .0.render(crate::diagnostic::DEFAULT_WIDTH))]
    BadAssessment(Box<crate::diagnostic::Diagnostic>),
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
    /// The message for a person, with any source line cut to `width` columns.
    pub fn render(&self, width: usize) -> String {
        match self {
            Error::BadAssessment(diagnostic) => {
                format!("cannot read the assessment: {}", diagnostic.render(width))
            }
            other => other.to_string(),
        }
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
