//! A report's seal: a SHA-256 over the answers it was made from and the checklists (versions
//! and file hashes) they were scored with. `posture verify` recomputes it from the assessment
//! file to say whether the report still matches it, and what changed if not.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use crate::assessment::Assessment;
use crate::checklist::sha256_hex;

/// What a report carries to be checked later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seal {
    pub assessment: String,
    pub sha256: String,
    /// When the report was made (`2026-12-01T06:40:00Z`).
    pub made: String,
    /// `id@version` of each checklist scored.
    pub checklists: Vec<String>,
}

/// The text the digest is taken over: one line per answer (question, value, note, evidence,
/// flag, internal, carried) in question order, then one per checklist, every field escaped so
/// that no text can imitate a separator.
fn canonical(assessment: &Assessment) -> String {
    let field = |text: &str| {
        text.replace('\\', "\\\\")
            .replace('\t', "\\t")
            .replace('\n', "\\n")
    };
    let mut out = format!("posture-seal/1\t{}\n", field(&assessment.id));
    let mut questions: Vec<&String> = assessment.answers.keys().collect();
    questions.sort();
    for question in questions {
        let a = &assessment.answers[question];
        let value = a
            .value
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "answer\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            field(question),
            field(&value),
            field(&a.note),
            field(&a.evidence),
            a.flagged,
            a.internal,
            a.carried
        );
    }
    for checklist in &assessment.checklists {
        let _ = writeln!(
            out,
            "checklist\t{}\t{}\t{}",
            field(&checklist.id),
            checklist.version,
            checklist.sha256
        );
    }
    out
}

/// The seal of `assessment`, made at `made`.
pub fn seal(assessment: &Assessment, made: jiff::Timestamp) -> Seal {
    Seal {
        assessment: assessment.id.clone(),
        sha256: sha256_hex(canonical(assessment).as_bytes()),
        made: made.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        checklists: assessment
            .checklists
            .iter()
            .map(|c| format!("{}@{}", c.id, c.version))
            .collect(),
    }
}

/// The line a Markdown or HTML report ends with; `read_line` reads it back.
pub fn line(seal: &Seal) -> String {
    format!(
        "Seal: assessment `{}` · sha256 `{}` · made {} · checklists {} · `posture verify` checks that the answers have not changed since.",
        seal.assessment,
        seal.sha256,
        seal.made,
        seal.checklists.join(", ")
    )
}

/// The seal in a report's text: the JSON report's `seal` object, or the seal line of a
/// Markdown or HTML report.
pub fn read(report: &str) -> Option<Seal> {
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(report) {
        return serde_json::from_value(json.get("seal")?.clone()).ok();
    }
    // In an HTML report the code spans are <code> elements.
    let report = report.replace("<code>", "`").replace("</code>", "`");
    let start = report.rfind("Seal: assessment ")?;
    let text = &report[start..];
    let code = |after: &str| -> Option<String> {
        let rest = &text[text.find(after)? + after.len()..];
        let rest = rest.strip_prefix('`')?;
        Some(rest[..rest.find('`')?].to_owned())
    };
    let between = |after: &str, before: &str| -> Option<String> {
        let rest = &text[text.find(after)? + after.len()..];
        Some(rest[..rest.find(before)?].trim().to_owned())
    };
    Some(Seal {
        assessment: code("Seal: assessment ")?,
        sha256: code("sha256 ")?,
        made: between("made ", " · ")?,
        checklists: between("checklists ", " · ")?
            .split(", ")
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

/// What differs between a report's seal and the assessment now: empty when it still matches.
pub fn differences(sealed: &Seal, assessment: &Assessment) -> Vec<String> {
    let now = seal(assessment, jiff::Timestamp::now());
    if now.sha256 == sealed.sha256 && now.assessment == sealed.assessment {
        return Vec::new();
    }
    let mut found = Vec::new();
    if now.assessment != sealed.assessment {
        found.push(format!(
            "the report is of assessment {}, not {}",
            sealed.assessment, now.assessment
        ));
        return found;
    }
    for checklist in &now.checklists {
        if !sealed.checklists.contains(checklist) {
            found.push(format!("checklist now {checklist}"));
        }
    }
    for checklist in &sealed.checklists {
        if !now.checklists.contains(checklist) {
            found.push(format!("checklist {checklist} is no longer the one scored"));
        }
    }
    let made = sealed.made.parse::<jiff::Timestamp>().ok();
    let mut changed: Vec<&String> = assessment
        .answers
        .iter()
        .filter(|(_, a)| made.is_none_or(|m| a.at.instant() > m))
        .map(|(q, _)| q)
        .collect();
    changed.sort();
    for question in changed {
        found.push(format!("{question} changed after the report was made"));
    }
    if found.is_empty() {
        found.push(
            "the answers differ from those the report was made from (an answer was removed or edited in the file)"
                .into(),
        );
    }
    found
}
