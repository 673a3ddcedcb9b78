//! The assessment file as stored (checklist-format.md §4): read with located, plain-worded
//! errors, and written back with every key and table this posture does not know.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::answer::AnswerValue;
use super::day::Day;
use super::model::Mode;
use super::stamp::Stamp;
use super::tracking::ActionStatus;
use crate::diagnostic::Diagnostic;

/// The assessment file format this posture writes and reads.
pub const FORMAT: i64 = 1;
/// The largest assessment file read: far beyond 5,000 answers with long notes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
pub struct AssessmentFile {
    pub format: i64,
    pub id: String,
    pub mode: Mode,
    pub organization: String,
    #[serde(default)]
    pub site: String,
    #[serde(default)]
    pub assessor: String,
    pub created: Stamp,
    pub updated: Stamp,
    #[serde(default)]
    pub finished: bool,
    /// When the assessment was opened again after it was finished.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reopened: Vec<Stamp>,
    /// Put away: kept, but left out of the lists of current work.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// The id of the visit this one followed, whose answers it carried over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    // Left out when empty, so that a hand-added `[[answers]]` table never clashes with an
    // `answers = []` line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<ChecklistRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<AnswerRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionRecord>,
    /// Written for other readers of the file; posture always recomputes it.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreRecord>,
    /// Keys and tables this posture does not know.
    #[serde(flatten)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistRecord {
    pub id: String,
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub question: String,
    /// Absent on a record that only carries a note, evidence or a flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<AnswerValue>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
    /// Carried over from the previous visit and not re-verified on this one yet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub carried: bool,
    /// The note and the flag are for the assessor's team, never for a client's report.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub internal: bool,
    pub at: Stamp,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// What was decided about one finding's fix (see `Tracking`).
#[derive(Debug, Serialize, Deserialize)]
pub struct ActionRecord {
    pub id: String,
    pub question: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Day>,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Day>,
    pub at: Stamp,
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// The `[score]` table: what the score was when the file was written, for other readers.
#[derive(Debug, Serialize)]
pub struct ScoreRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<f64>,
    pub critical_gaps: Vec<String>,
}

/// Just the `format` key, read first so that a file made by a newer posture says so before
/// anything else it holds is judged.
#[derive(Deserialize)]
struct FormatProbe {
    format: Option<Spanned<toml::Value>>,
}

/// Reads the bytes of an assessment file; `path` is how errors name it.
pub fn parse(path: &str, bytes: &[u8]) -> Result<AssessmentFile, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::whole_file(
            path,
            format!(
                "the file is '{}' bytes; an assessment file may be at most {MAX_FILE_BYTES} bytes (64 MiB)",
                bytes.len()
            ),
        ));
    }
    let text = Diagnostic::utf8(path, bytes)?;
    if text.trim().is_empty() {
        return Err(Diagnostic::whole_file(
            path,
            "the file is empty: an assessment file starts with 'format = 1'",
        ));
    }
    match toml::from_str::<FormatProbe>(text) {
        Ok(FormatProbe {
            format: Some(format),
        }) => {
            if let Some(problem) = format_problem(format.get_ref()) {
                return Err(Diagnostic::at(path, text, format.span(), problem));
            }
        }
        Ok(FormatProbe { format: None }) => {}
        // A newer posture may write what this one cannot parse: its `format` line still says so.
        Err(_) => {
            if let Some((span, newer)) = written_format(text)
                && let Some(problem) = format_problem(&toml::Value::Integer(newer))
            {
                return Err(Diagnostic::at(path, text, span, problem));
            }
        }
    }
    let mut file: AssessmentFile =
        toml::from_str(text).map_err(|e| Diagnostic::from_toml(path, text, &e))?;
    // The `[score]` this file was written with is recomputed, never read.
    file.extra.remove("score");
    Ok(file)
}

/// The `format = N` line among the top-level keys of a file that does not parse, and where
/// its number stands.
fn written_format(text: &str) -> Option<(std::ops::Range<usize>, i64)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        let Some(value) = trimmed
            .strip_prefix("format")
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix('='))
        else {
            continue;
        };
        let digits = value.trim_start();
        let number: String = digits.chars().take_while(char::is_ascii_digit).collect();
        let at = start + (line.len() - digits.len());
        return number.parse().ok().map(|n| (at..at + number.len(), n));
    }
    None
}

fn format_problem(format: &toml::Value) -> Option<String> {
    match format.as_integer() {
        Some(FORMAT) => None,
        Some(newer) if newer > FORMAT => Some(format!(
            "this assessment was made by a newer posture (file format '{newer}'); this posture reads format {FORMAT}: update posture to open it"
        )),
        Some(other) => Some(format!(
            "'{other}' is not an assessment file format: it must be {FORMAT}"
        )),
        None => Some(format!(
            "'format' must be the whole number {FORMAT}, found '{format}'"
        )),
    }
}

/// The text of an assessment file.
pub fn write(file: &AssessmentFile) -> Result<String, String> {
    toml::to_string(file).map_err(|e| format!("cannot write the assessment: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> String {
        parse("a.toml", text.as_bytes())
            .expect_err("refused")
            .render(100)
    }

    const GOOD: &str = "format = 1\nid = \"01J\"\nmode = \"audit\"\norganization = \"Acme\"\n\
        created = 2026-11-25T14:03:00Z\nupdated = 2026-11-25T14:03:00Z\n";

    #[test]
    fn a_newer_file_says_so_before_anything_else() {
        let message = problem("format = 2\nmode = \"robot\"\nwhatever = [\n");
        assert!(message.contains("newer posture"), "{message}");
        let message = problem("format = 2\nmode = \"robot\"\n");
        assert!(
            message.contains("newer posture") && message.contains("a.toml:1:10"),
            "{message}"
        );
    }

    #[test]
    fn mistakes_are_located_and_worded_for_a_person() {
        let cases = [
            (
                GOOD.replace("\"audit\"", "\"audti\""),
                "a.toml:3:8",
                "'audti' is not allowed here: use 'self' or 'audit'",
            ),
            (
                format!(
                    "{GOOD}[[answers]]\nquestion = \"mfa/a\"\nanswer = true\nat = 2026-11-25T14:03:00Z\n"
                ),
                "a.toml:9:10",
                "expected an answer",
            ),
            (
                format!(
                    "{GOOD}[[answers]]\nquestion = \"mfa/a\"\nanswer = \"yes\"\nanswer = \"no\"\nat = 2026-11-25T14:03:00Z\n"
                ),
                "a.toml:10:1",
                "'answer' is given twice",
            ),
            (
                format!("{GOOD}[[answers]]\nquestion = \"mfa/a\"\nat = 14:03:00\n"),
                "a.toml:9:6",
                "a time without a date",
            ),
            (
                GOOD.replace("organization = \"Acme\"\n", ""),
                "a.toml:1:1",
                "the key 'organization' is missing",
            ),
            (
                format!("{GOOD}finished = \"yes\"\n"),
                "a.toml:7:12",
                "expected true or false, found '\"yes\"'",
            ),
        ];
        for (text, at, words) in cases {
            let message = problem(&text);
            assert!(
                message.contains(at) && message.contains(words),
                "{words}:\n{message}"
            );
            assert!(
                !message.contains("untagged") && !message.contains('`'),
                "{message}"
            );
        }
        let message = parse("a.toml", b"format = 1\norganization = \"Caf\xe9\"\n")
            .expect_err("refused")
            .render(100);
        assert!(
            message.contains("not UTF-8") && message.contains("a.toml:2:20"),
            "{message}"
        );
        assert!(problem("").contains("empty"));
    }

    #[test]
    fn what_posture_does_not_know_is_read_and_written_back() {
        let text = format!(
            "{GOOD}future = \"kept\"\n\n[[checklists]]\nid = \"mfa\"\nversion = \"1.0.0\"\nsigned-by = \"Jo\"\n\n\
             [[answers]]\nquestion = \"mfa/a\"\nanswer = 9007199254740993\nat = 9999-12-31T23:59:59Z\nreviewed = true\n\n\
             [score]\noverall = 1.0\ncritical_gaps = []\n\n[plugin]\nsetting = [1, 2]\n"
        );
        let file = parse("a.toml", text.as_bytes()).expect("reads");
        assert!(!file.extra.contains_key("score"));
        let written = write(&file).expect("writes");
        let again = parse("a.toml", written.as_bytes()).expect("reads back");
        assert_eq!(again.extra, file.extra);
        assert_eq!(again.checklists, file.checklists);
        assert_eq!(
            again.answers[0].extra["reviewed"],
            toml::Value::Boolean(true)
        );
        assert!(written.contains("answer = 9007199254740993"), "{written}");
        assert!(written.contains("at = 9999-12-31T23:59:59Z"), "{written}");
        assert!(
            written.contains("[plugin]") && written.contains("signed-by = \"Jo\""),
            "{written}"
        );
    }
}
