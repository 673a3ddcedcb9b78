//! The built-in content meets the product's bar, computed from the checklist files.

use std::collections::BTreeSet;

use posture::checklist::{Catalog, Kind};
use posture::frameworks::{self, CSF_FUNCTIONS};

fn built_ins() -> Catalog {
    let catalog = Catalog::load(&[]);
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    catalog
}

#[test]
fn at_least_twelve_topics_and_120_questions_including_the_four_named_ones() {
    let catalog = built_ins();
    let checklists = catalog.checklists();
    assert!(checklists.len() >= 12, "{} topics", checklists.len());
    let questions: usize = checklists.iter().map(|c| c.questions.len()).sum();
    assert!(questions >= 120, "{questions} questions");
    for id in ["mfa", "screen-lock", "api-keys", "breach-response"] {
        assert!(catalog.get(id).is_some(), "missing {id}");
    }
}

#[test]
fn every_scored_question_explains_itself_and_maps_to_both_frameworks() {
    for checklist in built_ins().checklists() {
        assert!(
            !checklist.summary.is_empty() && !checklist.description.is_empty(),
            "{}",
            checklist.id
        );
        for q in &checklist.questions {
            let at = format!("{}/{}", checklist.id, q.id);
            assert!(!q.why.trim().is_empty(), "{at}: why");
            assert!(!q.how_to_check.trim().is_empty(), "{at}: how_to_check");
            if !q.is_scored() {
                continue;
            }
            assert!(q.severity.is_some(), "{at}: severity");
            assert!(!q.remediation.trim().is_empty(), "{at}: remediation");
            assert!(!q.refs.nist_csf_2.is_empty(), "{at}: a CSF 2.0 ref");
            if let Kind::Choice(choices) = &q.kind {
                assert!(
                    choices.iter().any(|c| (c.score - 1.0).abs() < f64::EPSILON),
                    "{at}: a full-credit choice"
                );
            }
        }
    }
}

#[test]
fn the_built_ins_cover_every_csf_function_and_at_least_40_cis_ig1_safeguards() {
    let catalog = built_ins();
    let refs = catalog
        .checklists()
        .iter()
        .flat_map(|c| &c.questions)
        .map(|q| &q.refs);
    let mut functions = BTreeSet::new();
    let mut safeguards = BTreeSet::new();
    for r in refs {
        functions.extend(
            r.nist_csf_2
                .iter()
                .map(|id| frameworks::csf_function(id).to_owned()),
        );
        safeguards.extend(r.cis_v8.iter().cloned());
    }
    for (function, _) in CSF_FUNCTIONS {
        assert!(
            functions.contains(function),
            "no question maps to {function}"
        );
    }
    let ig1: BTreeSet<String> = frameworks::cis_ig1_safeguards()
        .map(str::to_owned)
        .collect();
    let covered = ig1.intersection(&safeguards).count();
    assert!(
        covered >= 40,
        "{covered} of {} IG1 safeguards covered",
        ig1.len()
    );
}

#[test]
fn prompts_are_questions_and_content_avoids_outdated_names() {
    for checklist in built_ins().checklists() {
        for q in &checklist.questions {
            assert!(
                q.prompt.trim_end().ends_with('?'),
                "{}/{}: {}",
                checklist.id,
                q.id,
                q.prompt
            );
            for text in [&q.why, &q.how_to_check, &q.remediation] {
                for outdated in ["Azure AD", "Azure Active Directory", "System Preferences"] {
                    assert!(
                        !text.contains(outdated),
                        "{}/{}: says '{outdated}'",
                        checklist.id,
                        q.id
                    );
                }
            }
        }
    }
}
