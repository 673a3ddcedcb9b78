use std::sync::Arc;

use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::assessment::{AnswerValue, Assessment, Header, Mode};
use crate::checklist::{Checklist, Origin, parse};

fn checklist(toml: &str) -> Arc<Checklist> {
    Arc::new(
        parse("test.toml", toml.as_bytes(), Origin::BuiltIn("test.toml")).expect("valid checklist"),
    )
}

fn assessment(mode: Mode, checklists: Vec<Arc<Checklist>>, answers: &[(&str, &str)]) -> Assessment {
    let header = Header {
        mode,
        organization: "Org".into(),
        site: String::new(),
        assessor: String::new(),
    };
    let mut a = Assessment::new(header, checklists, Timestamp::UNIX_EPOCH);
    for (question, value) in answers {
        a.set_answer(
            question,
            AnswerValue::Text((*value).into()),
            None,
            None,
            Timestamp::UNIX_EPOCH,
        );
    }
    a
}

const HEADER: &str = "format = 1\nid = \"t\"\nversion = \"1.0.0\"\ntitle = \"T\"\n";

fn question(id: &str, severity: &str) -> String {
    format!("[[questions]]\nid = \"{id}\"\nprompt = \"{id}?\"\nseverity = \"{severity}\"\n")
}

#[test]
fn the_contract_formula_with_every_kind_of_answer() {
    let toml = format!(
        "{HEADER}{}{}{}{}{}{}[[questions]]\nid = \"c\"\nprompt = \"c?\"\nseverity = \"medium\"\nkind = \"choice\"\n\
         choices = [{{ id = \"good\", label = \"G\", score = 0.8 }}, {{ id = \"bad\", label = \"B\", score = 0 }}]\n\
         [[questions]]\nid = \"t\"\nprompt = \"t?\"\nkind = \"text\"\n",
        question("crit", "critical"),
        question("high", "high"),
        question("low", "low"),
        question("unk", "medium"),
        question("na", "high"),
        question("open", "low"),
    );
    let a = assessment(
        Mode::Audit,
        vec![checklist(&toml)],
        &[
            ("t/crit", "yes"),
            ("t/high", "partial"),
            ("t/low", "no"),
            ("t/unk", "unknown"),
            ("t/na", "na"),
            ("t/c", "good"),
            ("t/t", "free text"),
        ],
    );
    let card = score(&a);
    // Σw = 8 + 4 + 1 + 2 + 1 (open, unanswered) + 2 (choice) = 18; na excluded, text unscored.
    // Σwc = 8·1 + 4·0.5 + 1·0 + 2·0 + 1·0 + 2·0.8 = 11.6
    let expected = 100.0 * 11.6 / 18.0;
    assert!((card.overall.score().expect("scored") - expected).abs() < 1e-9);
    assert_eq!(card.level, Some(Level::Fair));
    assert!(card.critical_gaps.is_empty());
    assert_eq!(
        (card.counts.yes, card.counts.partial, card.counts.no),
        (1, 1, 1)
    );
    assert_eq!(
        (card.counts.unknown, card.counts.na, card.counts.unanswered),
        (1, 1, 1)
    );
    assert_eq!(card.counts.choices.get("good"), Some(&1));
    assert_eq!(card.counts.coverage(), Some(5.0 / 6.0));
    // The biggest gain: the medium 'unknown' (2·1) ties with the high 'partial' (4·0.5).
    let top = card.actions[0];
    assert!((top.gain - 100.0 * 2.0 / 18.0).abs() < 1e-9);
}

#[test]
fn an_open_critical_gap_caps_a_high_score_at_fair() {
    let mut toml = HEADER.to_owned();
    toml.push_str(&question("crit", "critical"));
    for i in 0..20 {
        toml.push_str(&question(&format!("q{i}"), "critical"));
    }
    let mut answers: Vec<(String, &str)> = (0..20).map(|i| (format!("t/q{i}"), "yes")).collect();
    answers.push(("t/crit".into(), "partial"));
    let answers: Vec<(&str, &str)> = answers.iter().map(|(q, v)| (q.as_str(), *v)).collect();
    let card = score(&assessment(Mode::Audit, vec![checklist(&toml)], &answers));
    assert!(card.overall.score().expect("scored") > 90.0);
    assert_eq!(card.level, Some(Level::Fair));
    assert!(card.is_capped());
    assert_eq!(card.critical_gaps.len(), 1);
}

#[test]
fn unanswered_critical_questions_are_listed_apart_and_weight_zero_ones_are_gaps() {
    let toml = format!(
        "{HEADER}{}[[questions]]\nid = \"free\"\nprompt = \"f?\"\nseverity = \"critical\"\nweight = 0\n",
        question("open", "critical")
    );
    let card = score(&assessment(
        Mode::Audit,
        vec![checklist(&toml)],
        &[("t/free", "no")],
    ));
    let at = |question| QuestionRef {
        checklist: 0,
        question,
    };
    assert_eq!(card.critical_gaps, [at(1)], "answered below yes: a gap");
    assert_eq!(
        card.critical_unanswered,
        [at(0)],
        "not answered: not assessed"
    );
    assert_eq!(card.open_criticals(), 2);
    assert_eq!(card.overall.score(), Some(0.0));
    assert_eq!(card.answered.score(), None, "nothing weighted is answered");
}

#[test]
fn the_answered_questions_have_a_score_of_their_own() {
    let toml = format!(
        "{HEADER}{}{}{}",
        question("a", "high"),
        question("b", "high"),
        question("c", "medium")
    );
    let card = score(&assessment(
        Mode::Audit,
        vec![checklist(&toml)],
        &[("t/a", "yes"), ("t/b", "partial")],
    ));
    // Overall: (4 + 2) / (4 + 4 + 2) = 60; answered alone: (4 + 2) / 8 = 75.
    assert_eq!(card.overall.score(), Some(60.0));
    assert_eq!(card.answered.score(), Some(75.0));
    assert!(card.checklists[0].started());
    assert_eq!(card.actions.len(), 1, "an unanswered question is no action");
}

#[test]
fn three_open_critical_questions_make_the_level_weak() {
    let mut toml = HEADER.to_owned();
    for i in 0..40 {
        toml.push_str(&question(&format!("q{i}"), "high"));
    }
    for i in 0..3 {
        toml.push_str(&question(&format!("c{i}"), "critical"));
    }
    let mut answers: Vec<(String, &str)> = (0..40).map(|i| (format!("t/q{i}"), "yes")).collect();
    answers.push(("t/c0".into(), "no"));
    answers.push(("t/c1".into(), "partial"));
    let answers: Vec<(&str, &str)> = answers.iter().map(|(q, v)| (q.as_str(), *v)).collect();
    let card = score(&assessment(Mode::Audit, vec![checklist(&toml)], &answers));
    assert!(card.overall.score().expect("scored") > 85.0);
    assert_eq!(
        (card.critical_gaps.len(), card.critical_unanswered.len()),
        (2, 1)
    );
    assert_eq!(card.level, Some(Level::Weak));
    assert!(card.is_capped());
}

#[test]
fn nothing_scored_is_not_applicable_not_zero() {
    let toml = format!("{HEADER}{}{}", question("a", "info"), question("b", "high"));
    let card = score(&assessment(
        Mode::Audit,
        vec![checklist(&toml)],
        &[("t/b", "na")],
    ));
    assert_eq!(card.overall.score(), None);
    assert_eq!(card.level, None);
    assert_eq!(card.counts.coverage(), None);
}

#[test]
fn skips_cascade_and_stale_answers_are_ignored() {
    let toml = format!(
        "{HEADER}{}{}ask_if = {{ question = \"gate\", any_of = [\"yes\"] }}\n{}ask_if = {{ question = \"mid\", any_of = [\"yes\", \"no\"] }}\n",
        question("gate", "high"),
        question("mid", "high"),
        question("leaf", "critical"),
    );
    let c = checklist(&toml);
    let card = score(&assessment(
        Mode::Audit,
        vec![Arc::clone(&c)],
        &[("t/gate", "no"), ("t/mid", "yes"), ("t/leaf", "no")],
    ));
    assert_eq!(card.counts.skipped, 2);
    assert!(
        card.critical_gaps.is_empty(),
        "a skipped critical question is no gap"
    );
    assert_eq!(card.overall.score(), Some(0.0));
    let card = score(&assessment(
        Mode::Audit,
        vec![c],
        &[("t/gate", "yes"), ("t/mid", "yes")],
    ));
    assert_eq!(card.counts.skipped, 0);
    assert_eq!(
        card.critical_unanswered.len(),
        1,
        "the leaf is asked again and unanswered"
    );
}

#[test]
fn questions_behind_an_unanswered_gate_wait_and_a_critical_one_stays_open() {
    let toml = format!(
        "{HEADER}{}{}ask_if = {{ question = \"gate\", any_of = [\"yes\"] }}\n{}ask_if = {{ question = \"mid\", any_of = [\"yes\"] }}\n{}",
        question("gate", "info"),
        question("mid", "high"),
        question("leaf", "critical"),
        question("other", "low"),
    );
    let c = checklist(&toml);
    let a = assessment(Mode::Audit, vec![Arc::clone(&c)], &[("t/other", "yes")]);
    let statuses = statuses(&a, &c);
    assert_eq!(statuses[1], Status::Waiting(0));
    assert_eq!(
        statuses[2],
        Status::Waiting(0),
        "a chain waits on its first unanswered gate"
    );
    let card = score(&a);
    assert_eq!((card.counts.skipped, card.counts.waiting), (2, 2));
    assert_eq!(
        card.overall.score(),
        Some(100.0),
        "waiting questions are left out of the score"
    );
    assert_eq!(
        card.critical_unanswered,
        vec![QuestionRef {
            checklist: 0,
            question: 2
        }],
        "a critical question behind an unanswered gate is not assessed yet"
    );
    assert_eq!(card.level, Some(Level::Fair), "and it caps the level");

    let a = assessment(
        Mode::Audit,
        vec![c],
        &[("t/gate", "no"), ("t/other", "yes")],
    );
    let card = score(&a);
    assert_eq!((card.counts.skipped, card.counts.waiting), (2, 0));
    assert!(
        card.critical_unanswered.is_empty(),
        "a gate answered no settles it"
    );
    assert_eq!(card.level, Some(Level::Strong));
}

#[test]
fn partly_earns_the_credit_its_question_gives() {
    let toml = format!(
        "{HEADER}{}partial_credit = 0.25\n{}",
        question("crit", "critical"),
        question("plain", "critical"),
    );
    let card = score(&assessment(
        Mode::Audit,
        vec![checklist(&toml)],
        &[("t/crit", "partial"), ("t/plain", "partial")],
    ));
    // (8·0.25 + 8·0.5) / 16
    assert_eq!(card.overall.score(), Some(100.0 * 6.0 / 16.0));
}

#[test]
fn self_assessments_leave_out_technician_questions() {
    let toml = format!(
        "{HEADER}{}{}audience = [\"technician\"]\n",
        question("owner", "high"),
        question("tech", "critical")
    );
    let c = checklist(&toml);
    let own = score(&assessment(
        Mode::SelfAssessment,
        vec![Arc::clone(&c)],
        &[("t/owner", "yes")],
    ));
    assert_eq!(own.overall.score(), Some(100.0));
    assert!(own.critical_gaps.is_empty());
    let audit = score(&assessment(Mode::Audit, vec![c], &[("t/owner", "yes")]));
    assert_eq!(audit.critical_unanswered.len(), 1);
}

#[test]
fn the_overall_score_pools_questions_rather_than_averaging_topics() {
    let big = format!(
        "{HEADER}{}{}{}",
        question("a", "high"),
        question("b", "high"),
        question("c", "high")
    );
    let small = format!(
        "format = 1\nid = \"s\"\nversion = \"1.0.0\"\ntitle = \"S\"\n{}",
        question("a", "high")
    );
    let a = assessment(
        Mode::Audit,
        vec![checklist(&big), checklist(&small)],
        &[
            ("t/a", "yes"),
            ("t/b", "yes"),
            ("t/c", "yes"),
            ("s/a", "no"),
        ],
    );
    let card = score(&a);
    assert_eq!(
        card.overall.score(),
        Some(75.0),
        "3 of 4 equal weights, not the mean of 100 and 0"
    );
    assert_eq!(card.checklists[1].tally.score(), Some(0.0));
}

#[test]
fn rollups_count_a_question_once_per_function_and_cis_groups_are_cumulative() {
    let toml = format!(
        "{HEADER}{}refs = {{ nist_csf_2 = [\"PR.AA-01\", \"PR.AA-03\", \"DE.CM-09\"], cis_v8 = [\"6.5\"] }}\n\
         {}refs = {{ cis_v8 = [\"12.6\"] }}\n",
        question("a", "high"),
        question("b", "high")
    );
    let card = score(&assessment(
        Mode::Audit,
        vec![checklist(&toml)],
        &[("t/a", "yes"), ("t/b", "no")],
    ));
    let function = |id: &str| {
        card.csf[CSF_FUNCTIONS
            .iter()
            .position(|(f, _)| *f == id)
            .expect("function")]
    };
    assert_eq!(function("PR").questions, 1);
    assert_eq!(function("DE").questions, 1);
    assert_eq!(function("GV").score(), None);
    // 6.5 is IG1 (so IG1–IG3); 12.6 is IG2 (so IG2–IG3).
    assert_eq!(card.cis[0].score(), Some(100.0));
    assert_eq!(card.cis[1].score(), Some(50.0));
    assert_eq!(card.cis[2].questions, 2);
    assert_eq!(card.cis[2].answered, 2);
}

#[test]
fn a_rollup_without_answers_counts_its_questions_but_none_answered() {
    let toml = format!(
        "{HEADER}{}refs = {{ nist_csf_2 = [\"GV.OC-01\"] }}\n{}refs = {{ nist_csf_2 = [\"PR.AA-01\"] }}\n",
        question("a", "high"),
        question("b", "high")
    );
    let card = score(&assessment(
        Mode::Audit,
        vec![checklist(&toml)],
        &[("t/b", "yes")],
    ));
    let function = |id: &str| {
        card.csf[CSF_FUNCTIONS
            .iter()
            .position(|(f, _)| *f == id)
            .expect("function")]
    };
    assert_eq!((function("GV").questions, function("GV").answered), (1, 0));
    assert_eq!(
        function("GV").score(),
        Some(0.0),
        "unanswered counts 0 in the score"
    );
    assert_eq!((function("PR").questions, function("PR").answered), (1, 1));
}

/// A random checklist of plain questions (no `ask_if`), with an answer or none for each.
fn scenario() -> impl Strategy<Value = (String, Vec<Option<&'static str>>)> {
    let severities = prop::sample::select(vec!["critical", "high", "medium", "low", "info"]);
    let answers = prop::option::of(prop::sample::select(vec![
        "yes", "partial", "no", "unknown", "na",
    ]));
    prop::collection::vec((severities, answers), 1..30).prop_map(|items| {
        let mut toml = HEADER.to_owned();
        let mut answers = Vec::new();
        for (i, (severity, answer)) in items.into_iter().enumerate() {
            toml.push_str(&question(&format!("q{i}"), severity));
            answers.push(answer);
        }
        (toml, answers)
    })
}

fn answered(toml: &str, answers: &[Option<&str>]) -> Assessment {
    let ids: Vec<(String, &str)> = answers
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.map(|a| (format!("t/q{i}"), a)))
        .collect();
    let pairs: Vec<(&str, &str)> = ids.iter().map(|(q, a)| (q.as_str(), *a)).collect();
    assessment(Mode::Audit, vec![checklist(toml)], &pairs)
}

proptest! {
    #[test]
    fn scores_stay_within_0_and_100((toml, answers) in scenario()) {
        let card = score(&answered(&toml, &answers));
        if let Some(s) = card.overall.score() {
            prop_assert!((0.0..=100.0).contains(&s));
        }
        for action in &card.actions {
            prop_assert!(action.gain > 0.0 && action.gain <= 100.0);
        }
    }

    #[test]
    fn changing_one_answer_to_yes_never_lowers_the_score((toml, answers) in scenario(), pick in any::<prop::sample::Index>()) {
        let before = score(&answered(&toml, &answers)).overall.score();
        let mut improved = answers.clone();
        improved[pick.index(answers.len())] = Some("yes");
        let after = score(&answered(&toml, &improved)).overall.score();
        if let (Some(before), Some(after)) = (before, after) {
            prop_assert!(after + 1e-9 >= before, "{before} -> {after}");
        }
    }

    #[test]
    fn na_and_skipped_questions_never_change_the_result((toml, answers) in scenario(), severity in prop::sample::select(vec!["critical", "high", "low"])) {
        let base = score(&answered(&toml, &answers));
        let mut with_na = toml.clone();
        with_na.push_str(&question("extra-na", severity));
        let mut with_skip = with_na.clone();
        with_skip = with_skip.replace("extra-na", "extra-skip");
        with_skip.push_str("ask_if = { question = \"q0\", any_of = [\"yes\"] }\n");
        let mut extra_answers: Vec<(String, &str)> = answers
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.map(|a| (format!("t/q{i}"), a)))
            .collect();
        extra_answers.push(("t/extra-na".into(), "na"));
        let pairs: Vec<(&str, &str)> = extra_answers.iter().map(|(q, a)| (q.as_str(), *a)).collect();
        let na = score(&assessment(Mode::Audit, vec![checklist(&with_na)], &pairs));
        prop_assert_eq!(na.overall, base.overall);
        prop_assert_eq!(&na.critical_gaps, &base.critical_gaps);
        if answers[0] != Some("yes") {
            let skipped = score(&answered(&with_skip, &answers));
            prop_assert_eq!(skipped.overall, base.overall);
            prop_assert_eq!(skipped.critical_gaps.len(), base.critical_gaps.len());
        }
    }
}
