//! Every rule of the checklist contract gets a located, quoted error; nothing panics.

use posture::checklist::{Catalog, Diagnostic, MAX_FILE_BYTES, MAX_QUESTIONS, Origin, parse};
use proptest::prelude::*;

use crate::support::{Home, checklist};

const Q: &str = "[[questions]]\nid = \"q\"\nprompt = \"Q?\"\nseverity = \"high\"\n";

fn errors(text: &str) -> Vec<Diagnostic> {
    parse("c.toml", text.as_bytes(), Origin::BuiltIn("c.toml")).expect_err("should be refused")
}

/// Asserts that `text` is refused with a message containing `needle`, at `line:column`.
fn refused(text: &str, needle: &str, line: usize, column: usize) {
    let errors = errors(text);
    let hit = errors.iter().find(|e| e.message.contains(needle));
    let Some(hit) = hit else {
        panic!("no error mentions {needle:?}: {errors:#?}");
    };
    assert_eq!((hit.line, hit.column), (line, column), "{hit}");
    assert!(
        hit.to_string().contains(&format!("c.toml:{line}:{column}")),
        "{hit}"
    );
}

#[test]
fn header_rules() {
    refused(
        &format!("format = 1\nid = \"x\"\nversion = \"1.0.0\"\ntitel = \"T\"\n{Q}"),
        "'titel'",
        4,
        1,
    );
    refused(
        &format!("id = \"x\"\nversion = \"1.0.0\"\ntitle = \"T\"\n{Q}"),
        "the key 'format' is missing",
        1,
        1,
    );
    refused(
        &format!("format = 2\nid = \"x\"\nversion = \"1.0.0\"\ntitle = \"T\"\nnew_key = 1\n{Q}"),
        "newer posture",
        1,
        10,
    );
    refused(
        &format!("format = 0\nid = \"x\"\nversion = \"1.0.0\"\ntitle = \"T\"\n{Q}"),
        "format must be 1, found '0'",
        1,
        10,
    );
    refused(&checklist("MFA", Q), "'MFA'", 2, 6);
    refused(&checklist("x", Q).replace("1.0.0", "1.2"), "'1.2'", 3, 11);
    refused(
        &checklist("x", Q).replace("x title", "  "),
        "title must not be blank",
        4,
        9,
    );
    refused(
        &format!(
            "{}summary = \"\"\"\ntwo\nlines\"\"\"\n{Q}",
            checklist("x", "")
        ),
        "summary must be one line",
        5,
        11,
    );
    refused(&checklist("x", ""), "missing 'questions'", 1, 1);
    refused(
        &format!("{}audience = [\"admin\"]\n{Q}", checklist("x", "")),
        "'admin'",
        5,
        13,
    );
}

#[test]
fn number_rules() {
    let q = |body: &str| checklist("x", &format!("[[questions]]\n{body}"));
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nseverity = \"high\"\nmin = 0\n"),
        "'min' does not apply to a yes-no question",
        9,
        7,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nkind = \"number\"\nmin = 10\nmax = 5\n"),
        "max '5' is below min '10'",
        10,
        7,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nkind = \"number\"\nmax = inf\n"),
        "max must be a finite number",
        9,
        7,
    );
}

#[test]
fn guidance_rules() {
    let q = |body: &str| {
        checklist(
            "x",
            &format!("[[questions]]\nid = \"q\"\nprompt = \"Q?\"\n{body}"),
        )
    };
    refused(
        &q(
            "kind = \"choice\"\nseverity = \"high\"\nchoices = [{ id = \"a\", label = \"A\", score = 1 }, { id = \"b\", label = \"B\", score = 0 }]\ncriteria = { yes = \"Y\" }\n",
        ),
        "its choice labels say what each answer means",
        11,
        12,
    );
    refused(
        &q("severity = \"high\"\ncriteria = { partial = \"some\" }\n"),
        "criteria must say what 'yes' means",
        9,
        12,
    );
    refused(
        &q("severity = \"high\"\ncriteria = { yes = \"Y\", maybe = \"M\" }\n"),
        "unknown field 'maybe', expected one of 'yes', 'partial', 'no'",
        9,
        25,
    );
    refused(
        &q("kind = \"text\"\naction = \"Do it\"\n"),
        "'action' does not apply to a text question",
        9,
        10,
    );
    refused(
        &q("severity = \"high\"\naction = \"\"\"\nTwo\nlines\"\"\"\n"),
        "action must be one line of text",
        9,
        10,
    );
    refused(
        &q("severity = \"high\"\nchecked = 2999-01-01\n"),
        "checked '2999-01-01' is in the future",
        9,
        11,
    );
    refused(
        &q("severity = \"high\"\nchecked = 2026-01-01T10:00:00Z\n"),
        "checked must be a date such as 2026-12-01",
        9,
        11,
    );
    refused(
        &q("severity = \"high\"\npartial_credit = 1.5\n"),
        "partial_credit must be from 0 to 1, found '1.5'",
        9,
        18,
    );
    refused(
        &q(
            "kind = \"choice\"\nseverity = \"high\"\npartial_credit = 0.2\nchoices = [{ id = \"a\", label = \"A\", score = 1 }, { id = \"b\", label = \"B\", score = 0 }]\n",
        ),
        "'partial_credit' does not apply to a choice question",
        10,
        18,
    );
    let fine = q(
        "severity = \"high\"\ncriteria = { yes = \"All\", no = \"None\" }\nhow_to_find_out = \"Ask.\"\naction = \"Do it\"\nchecked = 2026-11-30\npartial_credit = 0.25\ntags = [\"cpg-2.0:2.H\"]\n",
    );
    let parsed = parse("c.toml", fine.as_bytes(), Origin::BuiltIn("c.toml")).expect("valid");
    let question = &parsed.questions[0];
    assert_eq!(question.criteria.for_answer("no"), Some("None"));
    assert_eq!(question.criteria.for_answer("partial"), None);
    assert_eq!(question.task(), "Do it");
    assert!((question.partial_credit - 0.25).abs() < f64::EPSILON);
    assert_eq!(question.tags, ["cpg-2.0:2.H"]);
    assert_eq!(
        question.checked.map(|d| d.to_string()).as_deref(),
        Some("2026-11-30")
    );
}

#[test]
fn question_rules() {
    let q = |body: &str| checklist("x", &format!("[[questions]]\n{body}"));
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nsevrity = \"high\"\n"),
        "unknown field 'sevrity'",
        8,
        1,
    );
    refused(
        &q("id = \"q\"\nseverity = \"high\"\n"),
        "the key 'prompt' is missing",
        5,
        1,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\n"),
        "missing 'severity'",
        5,
        1,
    );
    refused(
        &q("id = \"Q\"\nprompt = \"Q?\"\nseverity = \"high\"\n"),
        "'Q'",
        6,
        6,
    );
    refused(
        &q("id = \"q\"\nprompt = \" \"\nseverity = \"high\"\n"),
        "prompt must not be blank",
        7,
        10,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nseverity = \"huge\"\n"),
        "'huge'",
        8,
        12,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nkind = \"essay\"\n"),
        "'essay'",
        8,
        8,
    );
    refused(
        &format!(
            "{}{Q}",
            q("id = \"q\"\nprompt = \"Q?\"\nseverity = \"high\"\n")
        ),
        "duplicate question id 'q'",
        10,
        6,
    );
}

#[test]
fn keys_that_do_not_apply_to_the_kind() {
    let q = |body: &str| checklist("x", &format!("[[questions]]\n{body}"));
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nkind = \"text\"\nseverity = \"low\"\n"),
        "'severity' does not apply to a text question",
        9,
        12,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nkind = \"number\"\nweight = 2\n"),
        "'weight' does not apply",
        9,
        10,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nkind = \"text\"\nallow_na = false\n"),
        "'allow_na' does not apply",
        9,
        12,
    );
    refused(
        &q(
            "id = \"q\"\nprompt = \"Q?\"\nseverity = \"low\"\nchoices = [{ id = \"a\", label = \"A\", score = 1 }, { id = \"b\", label = \"B\", score = 0 }]\n",
        ),
        "'choices' does not apply to a yes-no question",
        9,
        11,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nseverity = \"low\"\nweight = nan\n"),
        "found 'NaN'",
        9,
        10,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nseverity = \"low\"\nweight = -1\n"),
        "found '-1'",
        9,
        10,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nseverity = \"low\"\nweight = inf\n"),
        "found 'inf'",
        9,
        10,
    );
    refused(
        &q("id = \"q\"\nprompt = \"Q?\"\nseverity = \"low\"\nlinks = [\"javascript:alert(1)\"]\n"),
        "'javascript:alert(1)'",
        9,
        10,
    );
}

#[test]
fn choice_rules() {
    let c = |choices: &str| {
        checklist(
            "x",
            &format!(
                "[[questions]]\nid = \"q\"\nprompt = \"Q?\"\nseverity = \"low\"\nkind = \"choice\"\nchoices = [{choices}]\n"
            ),
        )
    };
    refused(
        &c("{ id = \"a\", label = \"A\", score = 1 }"),
        "at least 2 choices, found 1",
        10,
        11,
    );
    refused(
        &c("{ id = \"a\", label = \"A\", score = 1 }, { id = \"a\", label = \"B\", score = 0 }"),
        "duplicate choice id 'a'",
        10,
        57,
    );
    refused(
        &c("{ id = \"yes\", label = \"A\", score = 1 }, { id = \"b\", label = \"B\", score = 0 }"),
        "'yes' is reserved",
        10,
        19,
    );
    refused(
        &c("{ id = \"a\", label = \"A\", score = 1.5 }, { id = \"b\", label = \"B\", score = 0 }"),
        "found '1.5'",
        10,
        45,
    );
    refused(
        &c("{ id = \"a\", label = \"\", score = 1 }, { id = \"b\", label = \"B\", score = 0 }"),
        "choice label must not be blank",
        10,
        32,
    );
    refused(
        &checklist(
            "x",
            "[[questions]]\nid = \"q\"\nprompt = \"Q?\"\nseverity = \"low\"\nkind = \"choice\"\n",
        ),
        "has no 'choices'",
        5,
        1,
    );
}

#[test]
fn ask_if_rules() {
    let gate =
        "[[questions]]\nid = \"gate\"\nprompt = \"G?\"\nseverity = \"low\"\nallow_na = false\n";
    let follow = |ask_if: &str| {
        checklist(
            "x",
            &format!(
                "{gate}[[questions]]\nid = \"f\"\nprompt = \"F?\"\nseverity = \"low\"\nask_if = {ask_if}\n"
            ),
        )
    };
    refused(
        &follow("{ question = \"later\", any_of = [\"yes\"] }"),
        "'later', which is not an earlier question",
        14,
        23,
    );
    refused(
        &follow("{ question = \"gate\", any_of = [] }"),
        "any_of must list at least one answer",
        14,
        40,
    );
    refused(
        &follow("{ question = \"gate\", any_of = [\"na\"] }"),
        "'na' is not an answer 'gate' can give",
        14,
        41,
    );
    refused(
        &follow("{ question = \"gate\" }"),
        "the key 'any_of' is missing",
        14,
        10,
    );
    let text_gate = checklist(
        "x",
        "[[questions]]\nid = \"t\"\nprompt = \"T?\"\nkind = \"text\"\n[[questions]]\nid = \"f\"\nprompt = \"F?\"\nseverity = \"low\"\nask_if = { question = \"t\", any_of = [\"yes\"] }\n",
    );
    refused(
        &text_gate,
        "a gate must be a yes-no or choice question",
        13,
        23,
    );
    let choice_gate = checklist(
        "x",
        "[[questions]]\nid = \"c\"\nprompt = \"C?\"\nseverity = \"low\"\nkind = \"choice\"\nchoices = [{ id = \"a\", label = \"A\", score = 1 }, { id = \"b\", label = \"B\", score = 0 }]\n\
         [[questions]]\nid = \"f\"\nprompt = \"F?\"\nseverity = \"low\"\nask_if = { question = \"c\", any_of = [\"yes\"] }\n",
    );
    refused(&choice_gate, "'yes' is not an answer 'c' can give", 15, 38);
}

#[test]
fn framework_rules() {
    let refs = |refs: &str| checklist("x", &format!("{Q}refs = {refs}\n"));
    refused(
        &refs("{ cis_v8 = [\"6\"] }"),
        "'6' is not a CIS Controls v8 safeguard id",
        9,
        20,
    );
    refused(
        &refs("{ cis_v8 = [6.5] }"),
        "expected text in quotes",
        9,
        20,
    );
    refused(
        &refs("{ nist_csf_2 = [\"ID.GV-03\"] }"),
        "'ID.GV-03' was withdrawn in NIST CSF 2.0; use 'GV.OC-03'",
        9,
        24,
    );
    refused(
        &refs("{ nist_csf_2 = [\"ID.GV-02\"] }"),
        "use 'GV.RR', 'GV.OC-02' or 'GV.RR-02'",
        9,
        24,
    );
    refused(
        &refs("{ nist_csf_2 = [\"PR.IP\"] }"),
        "'PR.IP' was withdrawn in NIST CSF 2.0 with no replacement",
        9,
        24,
    );
    refused(
        &refs("{ nist_csf_2 = [\"pr.aa-03\"] }"),
        "'pr.aa-03' is not a NIST CSF 2.0 id",
        9,
        24,
    );
    refused(&refs("{ nist = [\"PR\"] }"), "unknown field 'nist'", 9, 10);
    let ok = refs("{ nist_csf_2 = [\"PR\", \"PR.AA\", \"PR.AA-03\"], cis_v8 = [\"6.5\"] }");
    assert!(parse("c.toml", ok.as_bytes(), Origin::BuiltIn("c.toml")).is_ok());
}

#[test]
fn syntax_encoding_and_limits() {
    refused(
        &format!("{}title = \"unterminated\n", checklist("x", Q)),
        "",
        9,
        22,
    );
    let mut latin1 = checklist("x", Q).into_bytes();
    latin1.extend_from_slice(b"# caf\xe9\n");
    let errors = parse("c.toml", &latin1, Origin::BuiltIn("c.toml")).expect_err("not UTF-8");
    assert!(errors[0].message.contains("'0xe9'"), "{:?}", errors[0]);

    let bom = format!("\u{feff}{}", checklist("x", Q));
    assert!(parse("c.toml", bom.as_bytes(), Origin::BuiltIn("c.toml")).is_ok());

    let deep = format!(
        "{}v = {}{}\n",
        checklist("x", Q),
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(!errors_of(&deep).is_empty());
}

fn errors_of(text: &str) -> Vec<Diagnostic> {
    parse("c.toml", text.as_bytes(), Origin::BuiltIn("c.toml"))
        .err()
        .unwrap_or_default()
}

#[test]
fn a_file_of_exactly_4_mib_loads_and_one_byte_more_is_refused() {
    let base = checklist("x", Q);
    let mut exact = base.clone();
    let padding = MAX_FILE_BYTES - exact.len() - 3;
    exact.push_str("# ");
    exact.push_str(&"x".repeat(padding));
    exact.push('\n');
    assert_eq!(exact.len(), MAX_FILE_BYTES);
    assert!(parse("c.toml", exact.as_bytes(), Origin::BuiltIn("c.toml")).is_ok());
    exact.push('\n');
    let refused = errors_of(&exact);
    assert!(
        refused[0].message.contains("'4194305' bytes"),
        "{refused:?}"
    );
}

#[test]
fn exactly_5000_questions_load_and_5001_are_refused() {
    let questions = |n: usize| {
        (0..n)
            .map(|i| format!("[[questions]]\nid = \"q{i}\"\nprompt = \"Q?\"\nseverity = \"low\"\n"))
            .collect::<Vec<_>>()
            .concat()
    };
    let max = checklist("x", &questions(MAX_QUESTIONS));
    assert!(parse("c.toml", max.as_bytes(), Origin::BuiltIn("c.toml")).is_ok());
    let over = checklist("x", &questions(MAX_QUESTIONS + 1));
    assert!(
        errors_of(&over)[0]
            .message
            .contains("too many questions: '5001'")
    );
}

#[test]
fn two_user_files_with_one_id_name_both_and_keep_the_first() {
    let home = Home::new();
    let first = home.write("a/one.toml", &checklist("dup", Q));
    home.write("a/two.toml", &checklist("dup", Q));
    let catalog = Catalog::load(&[home.path().join("a")]);
    assert_eq!(catalog.problems.len(), 1);
    let message = catalog.problems[0].to_string();
    assert!(
        message.contains("two.toml") && message.contains("one.toml"),
        "{message}"
    );
    assert_eq!(
        catalog.get("dup").map(|c| c.origin.clone()),
        Some(Origin::User(first))
    );
    assert!(catalog.get("mfa").is_some(), "the built-ins still load");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_input_makes_the_loader_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse("fuzz.toml", &bytes, Origin::BuiltIn("fuzz.toml")).map_err(|e| e.iter().map(ToString::to_string).count());
    }

    #[test]
    fn no_edit_of_a_valid_file_makes_the_loader_panic(at in any::<prop::sample::Index>(), insert in ".{0,12}") {
        let mut text = include_str!("../../checklists/api-keys.toml").to_owned();
        let mut index = at.index(text.len());
        while !text.is_char_boundary(index) {
            index -= 1;
        }
        text.insert_str(index, &insert);
        if let Err(errors) = parse("f.toml", text.as_bytes(), Origin::BuiltIn("f.toml")) {
            for error in errors {
                prop_assert!(error.line >= 1 && error.column >= 1);
                let _ = error.to_string();
            }
        }
    }
}
