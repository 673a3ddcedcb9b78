//! Synthetic checklists and assessments shared by the benchmarks.

use std::fmt::Write;
use std::sync::Arc;

use jiff::Timestamp;
use posture::assessment::{AnswerValue, Assessment, Header, Mode};
use posture::checklist::{Catalog, Origin, parse};

/// A realistic checklist of `questions` questions, with prose, refs, choices and gates.
pub fn synthetic_checklist(id: usize, questions: usize) -> String {
    let mut text = format!(
        "format = 1\nid = \"topic-{id}\"\nversion = \"1.0.0\"\ntitle = \"Topic {id}\"\n\
         summary = \"A synthetic topic for benchmarks.\"\ndescription = \"\"\"\nSome prose.\n\"\"\"\n"
    );
    for q in 0..questions {
        let severity = ["critical", "high", "medium", "low"][q % 4];
        let _ = write!(
            text,
            "\n[[questions]]\nid = \"q{q}\"\nprompt = \"Is control number {q} in place for every account?\"\n\
             severity = \"{severity}\"\nwhy = \"\"\"\nWithout it an attacker walks in; this sentence stands for two or three more.\n\"\"\"\n\
             how_to_check = \"\"\"\n1. Open the admin center.\n2. Look at the setting.\n\"\"\"\n\
             remediation = \"Turn it on for everyone and check again next month.\"\n\
             refs = {{ cis_v8 = [\"6.5\"], nist_csf_2 = [\"PR.AA-03\"] }}\n"
        );
        if q % 10 == 5 {
            let _ = writeln!(
                text,
                "ask_if = {{ question = \"q{}\", any_of = [\"yes\", \"partial\"] }}",
                q - 1
            );
        }
    }
    text
}

/// A folder of `checklists` synthetic checklist files of 50 questions, and the catalog that
/// loads them (with the built-ins), for benchmarks that read assessment files back.
pub fn library(checklists: usize) -> (tempfile::TempDir, Catalog) {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..checklists {
        let path = dir.path().join(format!("topic-{i}.toml"));
        std::fs::write(path, synthetic_checklist(i, 50)).expect("write");
    }
    let catalog = Catalog::load(&[dir.path().to_path_buf()]);
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    (dir, catalog)
}

/// An assessment of `checklists` x 50 questions; the first `answered` questions get an answer and
/// a note.
pub fn assessment(checklists: usize, answered: usize) -> Assessment {
    assessment_sized(checklists, 50, answered)
}

/// An assessment of `checklists` x `questions` questions, the first `answered` answered.
pub fn assessment_sized(checklists: usize, questions: usize, answered: usize) -> Assessment {
    let checklists: Vec<_> = (0..checklists)
        .map(|i| {
            let text = synthetic_checklist(i, questions);
            Arc::new(
                parse("bench.toml", text.as_bytes(), Origin::BuiltIn("bench.toml")).expect("valid"),
            )
        })
        .collect();
    answer(&checklists, answered)
}

/// An assessment of the synthetic checklists of `catalog` (see [`library`]).
pub fn assessment_of(catalog: &Catalog, answered: usize) -> Assessment {
    let checklists: Vec<_> = catalog
        .checklists()
        .iter()
        .filter(|c| c.id.starts_with("topic-"))
        .cloned()
        .collect();
    answer(&checklists, answered)
}

fn answer(checklists: &[Arc<posture::checklist::Checklist>], answered: usize) -> Assessment {
    let header = Header {
        mode: Mode::Audit,
        organization: "Bench | Org".into(),
        site: "HQ".into(),
        assessor: "Jo".into(),
    };
    let mut assessment = Assessment::new(header, checklists.to_vec(), Timestamp::now());
    let questions = checklists.iter().enumerate().flat_map(|(i, c)| {
        c.questions
            .iter()
            .enumerate()
            .map(move |(q, question)| (i, c, q, question))
    });
    for (i, checklist, q, question) in questions.take(answered) {
        {
            let answer = ["yes", "partial", "no", "unknown", "na"][(i + q) % 5];
            assessment.set_answer(
                &Assessment::full_id(checklist, question),
                AnswerValue::Text(answer.into()),
                Some(format!(
                    "Note {q}: seen on site | `config` <b>ok</b>\nsecond line"
                )),
                Some("Screenshot IMG_0042".into()),
                Timestamp::now(),
            );
        }
    }
    assessment
}
