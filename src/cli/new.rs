//! `posture new`: a first visit, or with `--from` a follow-up visit that carries the last
//! visit's answers over to be re-verified.

use std::process::ExitCode;
use std::sync::Arc;

use jiff::Timestamp;

use super::Context;
use super::clients::load_all;
use crate::assessment::{Assessment, Header, Mode};
use crate::checklist::{Catalog, Checklist};
use crate::error::{Error, Result};
use crate::practice::{ClientKey, follow_up, is_near_miss};

/// What `posture new` was given; anything left out comes from the previous visit (with
/// `from`), then the config, then the defaults.
pub struct NewArgs {
    pub org: Option<String>,
    pub site: Option<String>,
    pub assessor: Option<String>,
    pub mode: Option<Mode>,
    pub topics: Vec<String>,
    pub from: Option<String>,
}

/// The checklists named by `topics`, or `default` when none are named.
fn checklists(
    catalog: &Catalog,
    topics: &[String],
    default: Vec<Arc<Checklist>>,
) -> Result<Vec<Arc<Checklist>>> {
    let chosen: Vec<Arc<Checklist>> = if topics.is_empty() {
        default
    } else {
        topics
            .iter()
            .map(|id| {
                catalog.get(id.trim()).cloned().ok_or_else(|| {
                    let known: Vec<&str> =
                        catalog.checklists().iter().map(|c| c.id.as_str()).collect();
                    Error::Invalid(format!(
                        "no checklist '{id}'; known ids: {}",
                        known.join(", ")
                    ))
                })
            })
            .collect::<Result<_>>()?
    };
    if chosen.is_empty() {
        return Err(Error::Invalid("no checklists to assess".into()));
    }
    Ok(chosen)
}

/// A client already known whose name is nearly `organization` (another spelling, a typo),
/// when `organization` itself is not known: one typo must not split a client's history.
fn near_miss(context: &Context, catalog: &Catalog, organization: &str) -> Option<String> {
    let wanted = ClientKey::of(organization, "").organization;
    let mut near = None;
    for (_, assessment) in load_all(context, catalog) {
        let known = &assessment.header.organization;
        if ClientKey::of(known, "").organization == wanted {
            return None;
        }
        if is_near_miss(known, organization) {
            near = Some(known.clone());
        }
    }
    near
}

pub fn new(context: &Context, args: &NewArgs) -> Result<ExitCode> {
    let catalog = context.catalog_warning();
    let config = context.config();
    let assessor = |from: Option<&str>| {
        args.assessor
            .clone()
            .or_else(|| (!config.assessor.is_empty()).then(|| config.assessor.clone()))
            .or_else(|| from.map(str::to_owned))
            .unwrap_or_default()
    };
    let assessment = match &args.from {
        None => {
            let organization = args.org.clone().unwrap_or_default();
            if organization.trim().is_empty() {
                return Err(Error::Invalid(
                    "--org must name the organisation (or use --from to follow up a visit)".into(),
                ));
            }
            if let Some(known) = near_miss(context, &catalog, &organization) {
                note!(
                    "note: no client is named '{organization}' yet, but '{known}' is; to add to its history, use --org \"{known}\""
                );
            }
            let header = Header {
                mode: args.mode.unwrap_or(Mode::Audit),
                organization,
                site: args.site.clone().unwrap_or_default(),
                assessor: assessor(None),
            };
            let chosen = checklists(&catalog, &args.topics, catalog.checklists().to_vec())?;
            Assessment::new(header, chosen, Timestamp::now())
        }
        Some(reference) => {
            let path = context.store().locate(reference)?;
            let previous = crate::assessment::load(&path, &catalog)?;
            let header = Header {
                mode: args.mode.unwrap_or(previous.header.mode),
                organization: args
                    .org
                    .clone()
                    .unwrap_or_else(|| previous.header.organization.clone()),
                site: args
                    .site
                    .clone()
                    .unwrap_or_else(|| previous.header.site.clone()),
                assessor: assessor(Some(&previous.header.assessor)),
            };
            let chosen = checklists(&catalog, &args.topics, previous.checklists.clone())?;
            let next = follow_up(&previous, header, chosen, Timestamp::now());
            let carried = next
                .assessment
                .answers
                .values()
                .filter(|a| a.carried)
                .count();
            let tracked = match next.assessment.actions.len() {
                0 => String::new(),
                n => format!(", and the owner, due date and status of {n} unfinished action(s)"),
            };
            note!(
                "carried over {carried} answer(s) from the visit of {} to re-verify{tracked}",
                previous.created.instant().strftime("%Y-%m-%d"),
            );
            for (question, why) in &next.left_behind {
                note!("note: not carried over: {question}: {why}");
            }
            next.assessment
        }
    };
    let path = context.store().create(&assessment)?;
    out!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}
