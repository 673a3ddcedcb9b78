//! The built-in content meets the product's bar, computed from the checklist files.

use std::collections::BTreeSet;

use posture::assessment::{AnswerValue, Assessment, Header, Mode};
use posture::checklist::{Catalog, Checklist, Kind, Question, Severity};
use posture::frameworks::{self, CSF_FUNCTIONS};
use posture::score;

fn built_ins() -> Catalog {
    let catalog = Catalog::load(&[]);
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    catalog
}

/// Every built-in question, with its `checklist/question` id.
fn questions(catalog: &Catalog) -> Vec<(String, &Checklist, &Question)> {
    catalog
        .checklists()
        .iter()
        .flat_map(|c| {
            c.questions
                .iter()
                .map(move |q| (format!("{}/{}", c.id, q.id), c.as_ref(), q))
        })
        .collect()
}

/// Where facts come from: vendors' own documentation, governments (any `.gov` or `.gov.uk`
/// site) and standards bodies.
const PRIMARY_SOURCES: &[&str] = &[
    "learn.microsoft.com",
    "support.microsoft.com",
    "www.microsoft.com",
    "support.google.com",
    "knowledge.workspace.google.com",
    "workspace.google.com",
    "support.apple.com",
    "www.ncsc.gov.uk",
    "www.cisa.gov",
    "csrc.nist.gov",
    "pages.nist.gov",
    "www.nist.gov",
    "nvlpubs.nist.gov",
    "www.cisecurity.org",
    "ico.org.uk",
    "www.gov.uk",
    "www.ic3.gov",
    "www.fbi.gov",
    "www.ftc.gov",
    "www.fcc.gov",
    "www.icann.org",
    "cabforum.org",
    "docs.github.com",
    "www.reportfraud.police.uk",
    "www.actionfraud.police.uk",
];

fn is_primary(url: &str) -> bool {
    let host = url
        .trim_start_matches("https://")
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    PRIMARY_SOURCES.contains(&host)
        || ["gov", "gov.uk", "police.uk"]
            .iter()
            .any(|suffix| host == *suffix || host.ends_with(&format!(".{suffix}")))
}

#[test]
fn the_four_topics_the_product_is_known_for_are_there_among_twenty() {
    let catalog = built_ins();
    let checklists = catalog.checklists();
    assert!(checklists.len() >= 20, "{} topics", checklists.len());
    for id in [
        "mfa",
        "screen-lock",
        "api-keys",
        "breach-response",
        "payments",
        "domain-website",
        "cloud-apps",
        "governance",
        "physical",
        "mobile",
    ] {
        assert!(catalog.get(id).is_some(), "missing {id}");
    }
    for checklist in checklists {
        assert!(
            !checklist.summary.is_empty() && !checklist.description.is_empty(),
            "{}",
            checklist.id
        );
        assert!(
            (4..=14).contains(&checklist.questions.len()),
            "{}: {} questions",
            checklist.id,
            checklist.questions.len()
        );
    }
}

#[test]
fn every_question_is_dated_sourced_and_says_what_to_do() {
    let catalog = built_ins();
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .tomorrow()
        .expect("a date");
    for (at, _, q) in questions(&catalog) {
        let checked = q.checked.unwrap_or_else(|| panic!("{at}: checked"));
        assert!(checked < today, "{at}: checked {checked} is in the future");
        assert!(!q.links.is_empty(), "{at}: links");
        for link in &q.links {
            assert!(link.starts_with("https://"), "{at}: {link} is not https");
        }
        assert!(
            q.links.iter().any(|l| is_primary(l)),
            "{at}: no link to a primary source in {:?}",
            q.links
        );
        assert!(!q.why.trim().is_empty(), "{at}: why");
        if q.audience.technician {
            assert!(!q.how_to_check.trim().is_empty(), "{at}: how_to_check");
        }
        if q.audience.owner {
            assert!(
                !q.how_to_find_out.trim().is_empty(),
                "{at}: how_to_find_out"
            );
        }
        if !q.is_scored() {
            continue;
        }
        assert!(q.action.is_some(), "{at}: action");
        assert!(!q.remediation.trim().is_empty(), "{at}: remediation");
        assert!(!q.refs.nist_csf_2.is_empty(), "{at}: a CSF 2.0 ref");
        if q.kind == Kind::YesNo {
            assert!(!q.criteria.is_empty(), "{at}: criteria");
        }
        if matches!(q.severity, Some(Severity::Critical | Severity::High)) {
            assert!(q.evidence.is_some(), "{at}: evidence");
        }
        if let Kind::Choice(choices) = &q.kind {
            assert!(
                choices.iter().any(|c| (c.score - 1.0).abs() < f64::EPSILON),
                "{at}: a full-credit choice"
            );
        }
    }
}

#[test]
fn critical_questions_take_no_unexplained_way_out() {
    for (at, _, q) in questions(&built_ins()) {
        if q.is_critical() {
            assert!(!q.allow_na, "{at}: a critical question must not allow n/a");
            assert!(
                q.partial_credit <= 0.25,
                "{at}: partly on a critical question earns at most 0.25"
            );
        }
    }
}

#[test]
fn gates_ask_whether_something_applies_never_how_mature_it_is() {
    for checklist in built_ins().checklists() {
        for q in &checklist.questions {
            if let Some(ask_if) = &q.ask_if {
                let gate = &checklist.questions[ask_if.gate];
                assert_eq!(
                    gate.severity,
                    Some(Severity::Info),
                    "{}/{} is gated on {}, which is scored: gate only on applicability",
                    checklist.id,
                    q.id,
                    gate.id
                );
            }
        }
    }
}

/// An assessment of one topic: every gate answered so that everything applies, and every
/// scored question answered with `worst` except `improved`, answered with its best answer.
fn scored_with(checklist: &std::sync::Arc<Checklist>, improved: Option<usize>) -> Option<f64> {
    let header = Header {
        mode: Mode::Audit,
        organization: "Org".into(),
        site: String::new(),
        assessor: String::new(),
    };
    let mut assessment = Assessment::new(
        header,
        vec![std::sync::Arc::clone(checklist)],
        jiff::Timestamp::UNIX_EPOCH,
    );
    for (i, q) in checklist.questions.iter().enumerate() {
        let gate = checklist
            .questions
            .iter()
            .any(|other| other.ask_if.as_ref().is_some_and(|a| a.gate == i));
        let answer = match &q.kind {
            Kind::YesNo if gate || improved == Some(i) => "yes".to_owned(),
            Kind::YesNo => "no".to_owned(),
            Kind::Choice(choices) => {
                let by_score = |best: bool| {
                    choices
                        .iter()
                        .max_by(|a, b| {
                            let order = a.score.total_cmp(&b.score);
                            if best { order } else { order.reverse() }
                        })
                        .map(|c| c.id.clone())
                };
                // A choice gate is answered with what brings all its questions in.
                let lists: Vec<&Vec<String>> = checklist
                    .questions
                    .iter()
                    .filter_map(|other| other.ask_if.as_ref().filter(|a| a.gate == i))
                    .map(|a| &a.any_of)
                    .collect();
                let wanted = lists.first().and_then(|first| {
                    first
                        .iter()
                        .find(|answer| lists.iter().all(|list| list.contains(answer)))
                        .cloned()
                });
                wanted.or_else(|| by_score(improved == Some(i)))?
            }
            Kind::Text | Kind::Number => continue,
        };
        let id = format!("{}/{}", checklist.id, q.id);
        assessment.set_answer(
            &id,
            AnswerValue::Text(answer),
            None,
            None,
            jiff::Timestamp::UNIX_EPOCH,
        );
    }
    score::score(&assessment).overall.score()
}

#[test]
fn in_every_topic_having_nothing_in_place_scores_lowest() {
    for checklist in built_ins().checklists() {
        let nothing = scored_with(checklist, None).expect("a scored topic");
        for (i, q) in checklist.questions.iter().enumerate() {
            if !q.is_scored() {
                continue;
            }
            let something = scored_with(checklist, Some(i)).expect("a scored topic");
            assert!(
                something > nothing,
                "{}: putting '{}' in place scores {something:.1}, no more than nothing in place ({nothing:.1})",
                checklist.id,
                q.id
            );
        }
    }
}

#[test]
fn the_built_ins_cover_every_csf_function() {
    let catalog = built_ins();
    let functions: BTreeSet<&str> = questions(&catalog)
        .iter()
        .flat_map(|(_, _, q)| {
            q.refs
                .nist_csf_2
                .iter()
                .map(|id| frameworks::csf_function(id))
        })
        .collect();
    for (function, _) in CSF_FUNCTIONS {
        assert!(
            functions.contains(function),
            "no question maps to {function}"
        );
    }
}

#[test]
fn prompts_are_questions_and_content_avoids_outdated_names() {
    for (at, _, q) in questions(&built_ins()) {
        assert!(q.prompt.trim_end().ends_with('?'), "{at}: {}", q.prompt);
        for text in [&q.why, &q.how_to_check, &q.remediation, &q.how_to_find_out] {
            for outdated in [
                "Azure AD",
                "Azure Active Directory",
                "System Preferences",
                "Action Fraud",
                "Less secure apps",
            ] {
                assert!(
                    !text.contains(outdated) || text.contains("replaced"),
                    "{at}: says '{outdated}'"
                );
            }
        }
    }
}
