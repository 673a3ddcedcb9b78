//! The command line, through the real binary.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Home, checklist};

/// The JSON report of an assessment, as `posture export --format json` prints it.
fn json_report(home: &Home, file: &str) -> Value {
    let json = home
        .posture()
        .args(["export", file, "--format", "json"])
        .output()
        .expect("export");
    serde_json::from_slice(&json.stdout).expect("json report")
}

fn manifest(relative: &str) -> String {
    format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"))
}

/// Weights: critical 8, high 4, medium 2, low 1, info 0.
const SCORED: &str = r#"
[[questions]]
id = "crit"
prompt = "Critical?"
severity = "critical"

[[questions]]
id = "high"
prompt = "High?"
severity = "high"

[[questions]]
id = "medium"
prompt = "Medium?"
severity = "medium"

[[questions]]
id = "low"
prompt = "Low?"
severity = "low"

[[questions]]
id = "na"
prompt = "Not applicable?"
severity = "high"

[[questions]]
id = "pick"
prompt = "Which?"
kind = "choice"
severity = "medium"
choices = [
  { id = "best", label = "Best", score = 1 },
  { id = "some", label = "Some", score = 0.25 },
]

[[questions]]
id = "count"
prompt = "How many?"
kind = "number"

[[questions]]
id = "remark"
prompt = "Anything else?"
kind = "text"

[[questions]]
id = "open"
prompt = "Left open?"
severity = "low"
"#;

#[test]
fn help_and_version_work_and_commands_show_examples() {
    let home = Home::new();
    home.posture()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("validate"));
    home.posture()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("posture"));
    for command in [
        "list",
        "validate",
        "new",
        "answer",
        "show",
        "export",
        "assessments",
        "schema",
        "completions",
    ] {
        home.posture()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
}

#[test]
fn usage_errors_exit_2() {
    let home = Home::new();
    home.posture().arg("frobnicate").assert().code(2);
    home.posture().args(["new"]).assert().code(2);
    home.posture()
        .args(["export", "x", "--format", "pdf"])
        .assert()
        .code(2);
}

#[test]
fn the_built_in_checklists_validate() {
    let home = Home::new();
    home.posture()
        .args(["validate", &manifest("checklists")])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 error(s)"));
}

#[test]
fn a_malformed_checklist_is_located_quoted_and_fails_validation() {
    let home = Home::new();
    let bad = home.write(
        "bad.toml",
        &checklist(
            "bad",
            "[[questions]]\nid = \"q\"\nprompt = \"p\"\nseverity = \"hgih\"\n",
        ),
    );
    home.posture()
        .args(["validate", bad.to_str().expect("utf-8")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.toml:8:12").and(predicate::str::contains("'hgih'")));
    home.posture()
        .args(["validate", "/no/such/place"])
        .assert()
        .code(2);
}

#[test]
fn one_bad_user_file_is_skipped_and_a_user_file_overrides_a_built_in() {
    let home = Home::new();
    home.write("checklists/broken.toml", "format = 1\nid = \"broken\"\nversion = \"1\"\ntitle = \"x\"\n[[questions]]\nid=\"q\"\nprompt=\"p\"\nseverity=\"low\"\n");
    home.write(
        "checklists/mfa.toml",
        &checklist(
            "mfa",
            "[[questions]]\nid = \"only\"\nprompt = \"Only?\"\nseverity = \"high\"\n",
        ),
    );
    home.write(
        "checklists/extra.toml",
        &checklist(
            "extra",
            "[[questions]]\nid = \"q\"\nprompt = \"Q?\"\nseverity = \"low\"\n",
        ),
    );
    home.posture()
        .arg("list")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("overrides the built-in")
                .and(predicate::str::contains("extra"))
                .and(predicate::str::contains("backups")),
        )
        .stderr(predicate::str::contains("broken.toml:3:11").and(predicate::str::contains("'1'")));
}

#[test]
fn a_scripted_assessment_scores_exactly_per_the_formula() {
    let home = Home::new();
    home.write("checklists/t.toml", &checklist("t", SCORED));
    let path = home.new_assessment(&["--org", "Acme Dental", "--site", "Main", "--topics", "t"]);
    let file = path.to_str().expect("utf-8");
    for (question, answer) in [
        ("t/crit", "yes"),
        ("t/high", "p"),
        ("t/medium", "no"),
        ("t/low", "unknown"),
        ("t/na", "x"),
        ("t/pick", "2"),
        ("t/count", "12"),
        ("t/remark", "Server room | door <b>unlocked</b>"),
    ] {
        home.posture()
            .args(["answer", file, question, answer])
            .assert()
            .success();
    }
    // Σw = 8 + 4 + 2 + 1 + 2 + 1 (open) = 18; Σwc = 8 + 2 + 0 + 0 + 0.5 + 0 = 10.5; over
    // the answered alone Σw = 17.
    let expected: f64 = 100.0 * 10.5 / 18.0;
    let answered: f64 = 100.0 * 10.5 / 17.0;
    home.posture()
        .args(["show", file])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Score {expected:.1} / 100 · Fair (provisional, not finished)"
        )))
        .stdout(predicate::str::contains(format!(
            "over the answered questions alone {answered:.1} / 100"
        )));

    let report = json_report(&home, file);
    assert_eq!(report["schema"], "posture-report/2");
    assert_eq!(report["summary"]["provisional"], true);
    let alone = report["summary"]["answered_score"]
        .as_f64()
        .expect("answered score");
    assert!((alone - (answered * 10.0).round() / 10.0).abs() < 1e-9);
    let score = report["summary"]["score"].as_f64().expect("score");
    assert!((score - (expected * 10.0).round() / 10.0).abs() < 1e-9);
    assert_eq!(report["summary"]["counts"]["na"], 1);
    assert_eq!(report["summary"]["counts"]["unanswered"], 1);
    let answers = &report["answers"][0]["questions"];
    let count = answers
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["id"] == "t/count")
        .expect("count");
    assert_eq!(count["answer"], "12");

    let text = std::fs::read_to_string(&path).expect("assessment");
    assert!(
        text.contains("answer = 12\n"),
        "whole numbers are stored as TOML integers:\n{text}"
    );
}

#[test]
fn fail_under_sets_the_exit_status() {
    let home = Home::new();
    home.write(
        "checklists/t.toml",
        &checklist(
            "t",
            "[[questions]]\nid = \"a\"\nprompt = \"A?\"\nseverity = \"high\"\n",
        ),
    );
    let path = home.new_assessment(&["--org", "Org", "--topics", "t"]);
    let file = path.to_str().expect("utf-8");
    home.posture()
        .args(["show", file, "--fail-under", "50"])
        .assert()
        .code(1);
    home.posture()
        .args(["answer", file, "t/a", "yes"])
        .assert()
        .success();
    home.posture()
        .args(["show", file, "--fail-under", "50"])
        .assert()
        .success();
    home.posture()
        .args(["show", file, "--fail-under", "100"])
        .assert()
        .success();
}

#[test]
fn bad_answers_are_refused_and_change_nothing() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Org", "--mode", "self", "--topics", "mfa"]);
    let file = path.to_str().expect("utf-8");
    let before = std::fs::read_to_string(&path).expect("read");
    home.posture()
        .args(["answer", file, "mfa/admin-accounts", "maybe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'maybe'"));
    home.posture()
        .args(["answer", file, "mfa/nope", "yes"])
        .assert()
        .code(2);
    home.posture()
        .args(["answer", file, "mfa/legacy-sign-in", "yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("technician"));
    home.posture()
        .args(["answer", "no-such-assessment", "mfa/admin-accounts", "yes"])
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
}

#[test]
fn assessments_are_listed_found_by_id_prefix_and_private() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Smith & Co", "--site", "North"]);
    let text = std::fs::read_to_string(&path).expect("read");
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("id = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("id line");
    home.posture()
        .args(["answer", &id[..12], "backups/automatic", "yes"])
        .assert()
        .success();
    home.posture()
        .arg("assessments")
        .assert()
        .success()
        .stdout(predicate::str::contains("Smith & Co").and(predicate::str::contains("North")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| {
            std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
        };
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().expect("org folder")), 0o700);
        assert_eq!(mode(&home.path().join("assessments")), 0o700);
    }
}

#[test]
fn reports_are_written_private_to_a_file() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Org"]);
    let out = home.path().join("out/report.html");
    home.posture()
        .args([
            "export",
            path.to_str().expect("utf-8"),
            "--format",
            "html",
            "-o",
            out.to_str().expect("utf-8"),
        ])
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).expect("report");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<table>"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out)
                .expect("metadata")
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
}

#[test]
fn a_changed_checklist_keeps_every_answer() {
    let home = Home::new();
    let two = "[[questions]]\nid = \"kept\"\nprompt = \"K?\"\nseverity = \"high\"\n[[questions]]\nid = \"gone\"\nprompt = \"G?\"\nseverity = \"high\"\n";
    home.write("checklists/t.toml", &checklist("t", two));
    let path = home.new_assessment(&["--org", "Org", "--topics", "t"]);
    let file = path.to_str().expect("utf-8");
    home.posture()
        .args(["answer", file, "t/kept", "yes"])
        .assert()
        .success();
    home.posture()
        .args(["answer", file, "t/gone", "no", "--note", "remember me"])
        .assert()
        .success();

    let one = "[[questions]]\nid = \"kept\"\nprompt = \"K?\"\nseverity = \"high\"\n[[questions]]\nid = \"new\"\nprompt = \"N?\"\nseverity = \"low\"\n";
    home.write(
        "checklists/t.toml",
        &checklist("t", one).replace("1.0.0", "2.0.0"),
    );
    home.posture()
        .args(["show", file])
        .assert()
        .success()
        .stderr(predicate::str::contains("1.0.0 to 2.0.0").and(predicate::str::contains("t/gone")));
    home.posture()
        .args(["answer", file, "t/new", "yes"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        text.contains("question = \"t/gone\"") && text.contains("remember me"),
        "{text}"
    );
    home.posture()
        .args(["show", file])
        .assert()
        .success()
        .stdout(predicate::str::contains("Score 100.0"));
}

#[test]
fn schema_and_completions_are_printed() {
    let home = Home::new();
    let schema = home.posture().arg("schema").output().expect("schema");
    let value: Value = serde_json::from_slice(&schema.stdout).expect("schema is JSON");
    assert_eq!(value["properties"]["format"]["const"], 1);
    home.posture()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("posture"));
}

#[test]
fn a_reader_that_goes_away_does_not_make_posture_panic() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Org"]);
    // The full report is larger than a pipe's buffer, so writing it meets a closed pipe.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("posture"))
        .env("POSTURE_HOME", home.path())
        .args(["export", path.to_str().expect("utf-8"), "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{stderr}");
}

#[test]
fn compare_shows_what_improved_regressed_and_changed_between_visits() {
    let home = Home::new();
    home.write("checklists/t.toml", &checklist("t", SCORED));
    let first = home.new_assessment(&["--org", "Acme", "--topics", "t"]);
    let second = home.new_assessment(&["--org", "Acme", "--topics", "t"]);
    let answer = |path: &std::path::Path, question: &str, value: &str| {
        home.posture()
            .args(["answer", path.to_str().expect("utf-8"), question, value])
            .assert()
            .success();
    };
    answer(&first, "t/crit", "no");
    answer(&first, "t/high", "yes");
    answer(&first, "t/low", "yes");
    answer(&second, "t/crit", "yes");
    answer(&second, "t/high", "partial");
    answer(&second, "t/medium", "yes");
    let (a, b) = (
        first.to_str().expect("utf-8"),
        second.to_str().expect("utf-8"),
    );
    home.posture()
        .args(["compare", a, b])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("regressed (1)")
                .and(predicate::str::contains("improved (1)"))
                .and(predicate::str::contains("new (1)"))
                .and(predicate::str::contains("removed (1)"))
                .and(predicate::str::contains("! t/crit")),
        );
    let json = home
        .posture()
        .args(["compare", a, b, "--format", "json"])
        .output()
        .expect("compare");
    let value: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["schema"], "posture-compare/2");
    assert_eq!(value["trend"].as_array().map(Vec::len), Some(2));
    assert_eq!(value["questions"][0]["change"], "regressed");
    assert_eq!(value["questions"][0]["question"], "t/high");
    let markdown = home
        .posture()
        .args(["compare", a, b, "--format", "md"])
        .output()
        .expect("compare");
    let text = String::from_utf8(markdown.stdout).expect("utf-8");
    let tables = pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES)
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Table(_))
            )
        })
        .count();
    assert_eq!(tables, 3, "{text}");
}

#[test]
fn checklists_folders_can_be_given_before_or_after_the_command() {
    let home = Home::new();
    let dir = home.write(
        "extra/printers.toml",
        &checklist(
            "printers",
            "[[questions]]\nid = \"q\"\nprompt = \"Q?\"\nseverity = \"low\"\n",
        ),
    );
    let folder = dir
        .parent()
        .expect("folder")
        .to_str()
        .expect("utf-8")
        .to_owned();
    for args in [
        vec!["--checklists", folder.as_str(), "list"],
        vec!["list", "--checklists", folder.as_str()],
    ] {
        home.posture().args(&args).assert().success().stdout(
            predicate::str::contains("printers").and(predicate::str::contains("printers.toml")),
        );
    }
}

#[test]
fn what_posture_does_not_know_survives_every_save() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme", "--topics", "mfa"]);
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = text.replacen(
        "finished = false\n",
        "finished = false\nsynced-by = \"other-tool\"\n",
        1,
    ) + "\n[plugin.settings]\nlevel = 3\n\n\
         [[answers]]\nquestion = \"mfa/mailbox-count\"\nanswer = 9007199254740993\nat = 9999-12-31T23:59:59Z\nreviewed-by = \"Jo\"\n\n\
         [[answers]]\nquestion = \"mfa/all-email\"\nanswer = \"no\"\nnote = \"Two mailboxes without MFA\"\nat = 2026-11-25T14:00:00Z\n\n\
         [[answers]]\nquestion = \"mfa/all-email\"\nanswer = \"yes\"\nnote = \"Fixed on the second visit\"\nat = 2026-11-26T09:00:00Z\n";
    std::fs::write(&path, edited).expect("write");
    let file = path.to_str().expect("utf-8");
    home.posture()
        .args(["answer", file, "mfa/admin-accounts", "yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains("2 records for 'mfa/all-email'"));
    let saved = std::fs::read_to_string(&path).expect("read");
    for kept in [
        "synced-by = \"other-tool\"",
        "[plugin.settings]",
        "level = 3",
        "answer = 9007199254740993",
        "at = 9999-12-31T23:59:59Z",
        "reviewed-by = \"Jo\"",
    ] {
        assert!(saved.contains(kept), "{kept} was dropped:\n{saved}");
    }
    assert_eq!(saved.matches("question = \"mfa/all-email\"").count(), 1);
    assert!(saved.contains("Fixed on the second visit"), "{saved}");
    assert!(
        saved.contains("Two mailboxes without MFA"),
        "the older note is kept:\n{saved}"
    );
    // And the exact number reaches the reports.
    home.posture()
        .args(["export", file, "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"9007199254740993\""));
}

#[test]
fn a_report_never_replaces_an_assessment() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme", "--topics", "mfa"]);
    let other = home.new_assessment(&["--org", "Other", "--topics", "mfa"]);
    let before = std::fs::read(&path).expect("read");
    let file = path.to_str().expect("utf-8");
    for target in [file, other.to_str().expect("utf-8")] {
        home.posture()
            .args(["export", file, "--format", "md", "-o", target])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("choose another file"));
    }
    home.posture()
        .args(["compare", file, other.to_str().expect("utf-8"), "-o", file])
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&path).expect("read"), before);
    // A copy elsewhere is an assessment too, wherever it lives.
    let copy = home.path().join("copy.toml");
    std::fs::copy(&path, &copy).expect("copy");
    home.posture()
        .args(["export", file, "-o", copy.to_str().expect("utf-8")])
        .assert()
        .code(2);
    home.posture()
        .args([
            "export",
            file,
            "-o",
            home.path().join("report.md").to_str().expect("utf-8"),
        ])
        .assert()
        .success();
}

#[test]
fn file_names_and_arguments_never_reach_the_terminal_raw() {
    let home = Home::new();
    let evil = "evil\u{1b}]0;PWNED\u{7}\u{1b}[2J";
    home.write(
        &format!("checklists/{evil}.toml"),
        "format = 1\nid = \"x\"\n",
    );
    let org = home.path().join(format!("assessments/{evil}"));
    std::fs::create_dir_all(&org).expect("mkdir");
    std::fs::write(org.join(format!("{evil}.toml")), "not an assessment").expect("write");
    for args in [
        vec!["list".to_owned()],
        vec![
            "validate".to_owned(),
            home.path().join("checklists").display().to_string(),
        ],
        vec!["assessments".to_owned()],
        vec![format!("bad{evil}")],
        vec!["show".to_owned(), format!("missing{evil}")],
        vec![
            "export".to_owned(),
            org.join(format!("{evil}.toml")).display().to_string(),
        ],
    ] {
        let output = home.posture().args(&args).output().expect("run");
        let all = [output.stdout, output.stderr].concat();
        assert!(!all.contains(&0x1b), "{args:?} printed an escape character");
        assert!(!all.contains(&0x07), "{args:?} printed a bell");
    }
}

#[test]
fn the_data_folder_is_never_written_through_a_link_and_stays_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(home.path().join("assessments")).expect("mkdir");
    std::os::unix::fs::symlink(outside.path(), home.path().join("assessments/acme")).expect("link");
    home.posture()
        .args(["new", "--org", "Acme"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("symbolic link"));
    assert_eq!(std::fs::read_dir(outside.path()).expect("list").count(), 0);

    let path = home.new_assessment(&["--org", "Other", "--topics", "mfa"]);
    let folder = path.parent().expect("folder");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    for loose in [folder, home.path().join("assessments").as_path()] {
        std::fs::set_permissions(loose, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    home.posture()
        .args([
            "answer",
            path.to_str().expect("utf-8"),
            "mfa/admin-accounts",
            "yes",
        ])
        .assert()
        .success();
    assert_eq!(mode(folder), 0o700);
    assert_eq!(mode(&home.path().join("assessments")), 0o700);
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_finished_assessment_takes_answers_only_when_reopened() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme", "--topics", "mfa"]);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("finished = false", "finished = true")).expect("write");
    let file = path.to_str().expect("utf-8");
    home.posture()
        .args(["answer", file, "mfa/admin-accounts", "yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--reopen"));
    home.posture()
        .args(["answer", file, "mfa/admin-accounts", "yes", "--reopen"])
        .assert()
        .success()
        .stderr(predicate::str::contains("reopened"));
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(saved.contains("finished = false"), "{saved}");
    assert!(saved.contains("reopened = ["), "{saved}");
}

#[test]
fn questions_behind_an_unanswered_gate_wait_and_every_report_says_for_what() {
    let home = Home::new();
    home.write(
        "checklists/g.toml",
        &checklist(
            "g",
            r#"
[[questions]]
id = "uses-keys"
prompt = "Does the business use API keys?"
severity = "info"

[[questions]]
id = "storage"
prompt = "Are keys kept in a vault?"
severity = "critical"
ask_if = { question = "uses-keys", any_of = ["yes"] }

[[questions]]
id = "other"
prompt = "Other?"
severity = "low"
"#,
        ),
    );
    let path = home.new_assessment(&["--org", "Acme", "--topics", "g"]);
    let file = path.to_str().expect("utf-8");
    home.posture()
        .args([
            "answer",
            file,
            "g/other",
            "yes",
            "--note",
            "First.\n\nSecond paragraph.",
        ])
        .assert()
        .success();

    home.posture()
        .args(["show", file])
        .assert()
        .success()
        .stdout(predicate::str::contains("Critical, not answered yet"))
        .stdout(predicate::str::contains(
            "Are keys kept in a vault? [asked once g/uses-keys is answered]",
        ))
        .stdout(predicate::str::contains(
            "1 waiting for an earlier question",
        ));
    let report = json_report(&home, file);
    let waiting = &report["summary"]["critical_unanswered"][0];
    assert_eq!(waiting["question"], "g/storage");
    assert_eq!(waiting["waits_for"]["question"], "g/uses-keys");
    assert_eq!(report["summary"]["counts"]["waiting"], 1);
    assert_eq!(
        report["summary"]["level"], "Fair",
        "the waiting critical caps the level"
    );
    let storage = &report["answers"][0]["questions"][1];
    assert_eq!(storage["status"], "skipped");
    assert_eq!(
        storage["waits_for"]["prompt"],
        "Does the business use API keys?"
    );

    let markdown = home
        .posture()
        .args(["export", file, "--format", "md"])
        .output()
        .expect("export");
    let markdown = String::from_utf8(markdown.stdout).expect("utf-8");
    let prose = markdown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        prose.contains("asked once “Does the business use API keys?” is answered"),
        "{markdown}"
    );
    // The appendix lists answers given; the rest is a count, not pages of unanswered questions.
    assert!(
        markdown.contains("further questions were not answered or did not apply"),
        "{markdown}"
    );
    assert!(
        !markdown.contains("- Does the business use API keys?"),
        "{markdown}"
    );
    assert!(
        markdown.contains("First.\\\n  \\\n  Second paragraph."),
        "a blank line in a note stays a blank line: {markdown}"
    );

    // Answering the gate no settles it: nothing waits, nothing critical is open.
    home.posture()
        .args(["answer", file, "g/uses-keys", "no"])
        .assert()
        .success();
    let report = json_report(&home, file);
    assert_eq!(
        report["summary"]["critical_unanswered"],
        Value::Array(vec![])
    );
    assert_eq!(report["summary"]["counts"]["waiting"], 0);
    assert_eq!(report["summary"]["counts"]["skipped"], 1);
}

#[test]
fn not_applicable_on_a_critical_question_needs_the_reason() {
    let home = Home::new();
    home.write("checklists/t.toml", &checklist("t", SCORED));
    let path = home.new_assessment(&["--org", "Acme", "--topics", "t"]);
    let file = path.to_str().expect("utf-8");
    let before = std::fs::read_to_string(&path).expect("read");
    home.posture()
        .args(["answer", file, "t/crit", "na"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs the reason"));
    home.posture()
        .args(["answer", file, "t/crit", "na", "--note", "  "])
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
    home.posture()
        .args(["answer", file, "t/high", "na"])
        .assert()
        .success();
    home.posture()
        .args([
            "answer",
            file,
            "t/crit",
            "na",
            "--note",
            "No servers: everything is in the cloud",
        ])
        .assert()
        .success();
    assert_eq!(
        crate::support::recorded(&path, "t/crit"),
        Some(posture::assessment::AnswerValue::Text("na".into()))
    );
}
