//! `posture archive`, `restore`, `rename`, `delete` and `trash`: keeping the data folder tidy
//! without ever losing an assessment by accident.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use jiff::Timestamp;

use super::Context;
use super::clients::load_all;
use crate::assessment::{self, Stamp};
use crate::error::{Error, Result};
use crate::practice::ClientKey;
use crate::text::org_and_site;

/// Asks on the terminal whether to go ahead; without a terminal, only `yes` (from `--yes`)
/// goes ahead.
fn confirmed(question: &str, yes: bool) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Invalid(format!(
            "{question} posture asks first; without a terminal to ask on, add --yes"
        )));
    }
    let mut stderr = std::io::stderr().lock();
    let _ = write!(
        stderr,
        "{} Type yes to go ahead: ",
        crate::text::printable(question)
    );
    let _ = stderr.flush();
    let mut reply = String::new();
    let _ = std::io::stdin().lock().read_line(&mut reply);
    Ok(reply.trim().eq_ignore_ascii_case("yes"))
}

/// Archives (or, with `archived` false, brings back) an assessment.
pub fn archive(context: &Context, reference: &str, archived: bool) -> Result<ExitCode> {
    let catalog = context.catalog_warning();
    let path = context.store().locate(reference)?;
    let (assessment, ()) = context.store().update(&path, &catalog, |a| {
        a.archived = archived;
        a.updated = Stamp::at(Timestamp::now());
        Ok(())
    })?;
    out!(
        "{} {} ({})",
        if archived { "archived" } else { "restored" },
        org_and_site(&assessment.header.organization, &assessment.header.site),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Restores an archived assessment, or puts a deleted one back from the trash.
pub fn restore(context: &Context, reference: &str) -> Result<ExitCode> {
    let store = context.store();
    let wanted = reference.to_ascii_uppercase();
    let trashed = store.trashed().into_iter().find(|path| {
        path.as_os_str() == reference
            || std::fs::read_to_string(path)
                .ok()
                .and_then(|text| toml::from_str::<toml::Table>(&text).ok())
                .and_then(|t| {
                    t.get("id")
                        .and_then(|v| v.as_str())
                        .map(str::to_ascii_uppercase)
                })
                .is_some_and(|id| !wanted.is_empty() && id.starts_with(&wanted))
    });
    if let Some(trashed) = trashed {
        let back = store.restore_from_trash(&trashed)?;
        out!("put back from the trash: {}", back.display());
        return Ok(ExitCode::SUCCESS);
    }
    archive(context, reference, false)
}

/// Renames a client (or one site of it) in every visit.
pub fn rename(
    context: &Context,
    organization: &str,
    site: Option<&str>,
    to_organization: Option<&str>,
    to_site: Option<&str>,
) -> Result<ExitCode> {
    if to_organization.is_none() && to_site.is_none() {
        return Err(Error::Invalid(
            "say the new name: --to-org, --to-site or both".into(),
        ));
    }
    if to_organization.is_some_and(|o| o.trim().is_empty()) {
        return Err(Error::Invalid("--to-org must not be blank".into()));
    }
    let catalog = context.catalog_warning();
    let wanted = ClientKey::of(organization, site.unwrap_or(""));
    let matches = |a: &assessment::Assessment| {
        let key = ClientKey::of_assessment(a);
        key.organization == wanted.organization && (site.is_none() || key.site == wanted.site)
    };
    let visits: Vec<_> = load_all(context, &catalog)
        .into_iter()
        .filter(|(_, a)| matches(a))
        .map(|(path, _)| path)
        .collect();
    if visits.is_empty() {
        return Err(Error::Invalid(format!(
            "no visit of '{}' to rename (posture clients lists them)",
            org_and_site(organization, site.unwrap_or(""))
        )));
    }
    for path in &visits {
        context.store().update(path, &catalog, |a| {
            if let Some(new) = to_organization {
                new.trim().clone_into(&mut a.header.organization);
            }
            if let Some(new) = to_site {
                new.trim().clone_into(&mut a.header.site);
            }
            a.updated = Stamp::at(Timestamp::now());
            Ok(())
        })?;
    }
    out!("renamed {} visit(s)", visits.len());
    Ok(ExitCode::SUCCESS)
}

/// Moves an assessment to the trash, after asking.
pub fn delete(context: &Context, reference: &str, yes: bool) -> Result<ExitCode> {
    let catalog = context.catalog_warning();
    let store = context.store();
    let path = store.locate(reference)?;
    let assessment = assessment::load(&path, &catalog)?;
    let what = format!(
        "Delete the visit of {} on {} ({} answers)?",
        org_and_site(&assessment.header.organization, &assessment.header.site),
        assessment.created.instant().strftime("%Y-%m-%d"),
        assessment.answers.len()
    );
    if !confirmed(&what, yes)? {
        out!("not deleted");
        return Ok(ExitCode::SUCCESS);
    }
    let trashed = store.move_to_trash(&path)?;
    out!(
        "moved to the trash: {} (posture restore {} puts it back)",
        trashed.display(),
        assessment.id
    );
    Ok(ExitCode::SUCCESS)
}

/// Lists the trash, or empties it after asking.
pub fn trash(context: &Context, empty: bool, yes: bool) -> Result<ExitCode> {
    let store = context.store();
    let files = store.trashed();
    if !empty {
        if files.is_empty() {
            out!("The trash is empty.");
        }
        for file in &files {
            out!("{}", file.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    if files.is_empty() {
        out!("The trash is already empty.");
        return Ok(ExitCode::SUCCESS);
    }
    let question = format!(
        "Remove the {} assessment(s) in the trash for good?",
        files.len()
    );
    if !confirmed(&question, yes)? {
        out!("the trash was left as it is");
        return Ok(ExitCode::SUCCESS);
    }
    let removed = store.empty_trash()?;
    out!("removed {removed} assessment(s) for good");
    Ok(ExitCode::SUCCESS)
}
