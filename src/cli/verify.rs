//! `posture verify`: does a report still match the assessment it was made from?

use std::path::Path;
use std::process::ExitCode;

use super::{CHECK_FAILED, Context};
use crate::assessment;
use crate::error::{Error, Result};
use crate::report::integrity;

pub fn verify(context: &Context, report: &Path, assessment: Option<&str>) -> Result<ExitCode> {
    let text = std::fs::read(report).map_err(|e| Error::io("read", report, e))?;
    let text = String::from_utf8_lossy(&text);
    let Some(seal) = integrity::read(&text) else {
        return Err(Error::Invalid(format!(
            "'{}' carries no posture seal: only reports written by posture export (Markdown, HTML or JSON) can be verified",
            report.display()
        )));
    };
    let catalog = context.catalog_warning();
    let reference = assessment.unwrap_or(&seal.assessment);
    let path = context.store().locate(reference)?;
    let current = assessment::load(&path, &catalog)?;
    let differences = integrity::differences(&seal, &current);
    if differences.is_empty() {
        out!(
            "matches: the report of {} still matches {} (sha256 {})",
            seal.made,
            path.display(),
            seal.sha256
        );
        return Ok(ExitCode::SUCCESS);
    }
    out!(
        "does not match: the assessment changed since the report was made ({})",
        seal.made
    );
    for difference in differences {
        out!("  {difference}");
    }
    Ok(ExitCode::from(CHECK_FAILED))
}
