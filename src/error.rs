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

    /// Why it failed in plain words, without the path or the system's error number: for a
    /// person who cannot act on "os error 30".
    pub fn plain(&self) -> String {
        match self {
            Error::Io { source, .. } => plain_io(source),
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

fn plain_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let words = match error.kind() {
        ErrorKind::ReadOnlyFilesystem => "the disk or folder is read-only",
        ErrorKind::PermissionDenied => "the folder does not allow posture to write there",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "the disk is full",
        ErrorKind::NotFound => "the folder is not there any more",
        ErrorKind::NotADirectory => "a file is where the folder should be",
        ErrorKind::IsADirectory => "a folder is where the file should be",
        _ => {
            let text = error.to_string();
            // "… (os error 5)" says nothing to a person.
            return match text.rfind(" (os error ") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
        }
    };
    words.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_have_plain_words() {
        let read_only = Error::io("write", "/x/a.toml", std::io::Error::from_raw_os_error(30));
        assert_eq!(read_only.plain(), "the disk or folder is read-only");
        assert!(
            read_only.to_string().contains("/x/a.toml"),
            "the full message keeps the path"
        );
        let other = Error::io("write", "/x", std::io::Error::from_raw_os_error(5));
        assert_eq!(other.plain(), "Input/output error");
    }
}
