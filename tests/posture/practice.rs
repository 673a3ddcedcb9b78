//! An MSP's practice through the real binary: clients, follow-up visits, compare, portfolio,
//! action plans, housekeeping, config, verify, and a team sharing one data folder with git.

use std::path::{Path, PathBuf};
use std::process::Command;

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Home, checklist, recorded};
use posture::assessment::AnswerValue;

fn file(path: &Path) -> &str {
    path.to_str().expect("utf-8")
}

fn answer(home: &Home, path: &Path, question: &str, value: &str) {
    home.posture()
        .args(["answer", file(path), question, value])
        .assert()
        .success();
}

fn stdout(home: &Home, args: &[&str]) -> String {
    let output = home.posture().args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

const TOPIC: &str = r#"
[[questions]]
id = "crit"
prompt = "Critical?"
severity = "critical"

[[questions]]
id = "high"
prompt = "High?"
severity = "high"

[[questions]]
id = "low"
prompt = "Low?"
severity = "low"
"#;

#[test]
fn clients_are_one_history_whatever_the_spelling_and_say_when_a_visit_is_due() {
    let home = Home::new();
    home.write("config.toml", "reassess-after-days = 30\n");
    let first = home.new_assessment(&[
        "--org",
        "Acme Dental",
        "--site",
        "Main office",
        "--topics",
        "mfa",
    ]);
    let second = home.new_assessment(&[
        "--org",
        "acme  DENTAL",
        "--site",
        "main office",
        "--topics",
        "mfa",
    ]);
    answer(&home, &second, "mfa/admin-accounts", "yes");
    let smith = home.new_assessment(&["--org", "Smith & Co", "--topics", "mfa"]);
    let listed = stdout(&home, &["clients"]);
    assert_eq!(
        listed.matches("Acme").count() + listed.matches("acme").count(),
        1,
        "{listed}"
    );
    assert!(listed.contains("Smith & Co"), "{listed}");
    let json: Value =
        serde_json::from_str(&stdout(&home, &["clients", "--format", "json"])).expect("json");
    let acme = json
        .as_array()
        .expect("rows")
        .iter()
        .find(|c| c["visits"] == 2)
        .expect("two visits of Acme");
    assert_eq!(acme["latest"]["id"].as_str().map(str::len), Some(26));
    assert_eq!(acme["overdue"], false);
    // A near miss is pointed out when a first visit is made.
    home.posture()
        .args(["new", "--org", "Acme Dentl", "--topics", "mfa"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("but 'acme  DENTAL' is")
                .or(predicate::str::contains("but 'Acme Dental' is")),
        );
    // A client last seen longer ago than reassess-after-days is overdue; the visits are
    // ordered by date, so an older visit added later does not hide the latest.
    for path in [&smith, &first] {
        let text = std::fs::read_to_string(path).expect("read");
        let created = text
            .lines()
            .find(|l| l.starts_with("created = "))
            .expect("created")
            .to_owned();
        std::fs::write(
            path,
            text.replace(&created, "created = 2026-01-02T09:00:00Z"),
        )
        .expect("write");
    }
    let json: Value =
        serde_json::from_str(&stdout(&home, &["clients", "--format", "json"])).expect("json");
    let rows = json.as_array().expect("rows");
    let overdue = |org: &str| {
        rows.iter()
            .find(|c| c["organization"].as_str().is_some_and(|o| o.contains(org)))
            .map(|c| c["overdue"].clone())
    };
    assert_eq!(overdue("Smith"), Some(Value::Bool(true)));
    assert_eq!(
        overdue("DENTAL"),
        Some(Value::Bool(false)),
        "Acme's latest visit is today"
    );
    assert!(stdout(&home, &["clients"]).contains("overdue"));
}

#[test]
fn a_follow_up_visit_carries_answers_to_reverify_and_names_what_it_could_not_carry() {
    let home = Home::new();
    home.write("checklists/t.toml", &checklist("t", TOPIC));
    let first = home.new_assessment(&[
        "--org", "Acme", "--site", "Main", "--mode", "audit", "--topics", "t",
    ]);
    answer(&home, &first, "t/crit", "no");
    answer(&home, &first, "t/high", "yes");
    home.posture()
        .args([
            "answer",
            file(&first),
            "t/low",
            "partial",
            "--note",
            "Printer only",
        ])
        .assert()
        .success();
    home.posture()
        .args([
            "action",
            file(&first),
            "t/crit",
            "--owner",
            "Jo",
            "--due",
            "2027-01-31",
        ])
        .assert()
        .success();
    // Between the visits, the checklist drops a question.
    home.write(
        "checklists/t.toml",
        &checklist("t", TOPIC)
            .replace("version = \"1.0.0\"", "version = \"2.0.0\"")
            .replace(
                "[[questions]]\nid = \"low\"\nprompt = \"Low?\"\nseverity = \"low\"\n",
                "",
            ),
    );
    let output = home
        .posture()
        .args(["new", "--from", file(&first)])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("carried over 2 answer(s)"), "{said}");
    assert!(
        said.contains("not carried over: t/low: its question is not part of this visit"),
        "{said}"
    );
    let second = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    let text = std::fs::read_to_string(&second).expect("read");
    assert!(text.contains("carried = true"), "{text}");
    assert!(text.contains("previous = "), "{text}");
    assert!(
        text.contains("owner = \"Jo\""),
        "the open action came along:\n{text}"
    );
    // Confirming an answer on this visit re-verifies it; the report tells the two apart.
    answer(&home, &second, "t/high", "yes");
    let report = stdout(&home, &["export", file(&second), "--format", "md"]);
    let prose = report.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        prose.contains("1 answer confirmed or given on this visit, and 1 carried over"),
        "{report}"
    );
    assert!(
        prose.contains("carried over from the last visit, not re-checked"),
        "{report}"
    );
    let json: Value = serde_json::from_str(&stdout(
        &home,
        &["export", file(&second), "--format", "json"],
    ))
    .expect("json");
    assert_eq!(json["summary"]["carried_over"], 1);
    assert_eq!(json["history"].as_array().map(Vec::len), Some(2));
}

#[test]
fn compare_takes_visits_in_date_order_and_refuses_two_different_clients() {
    let home = Home::new();
    let earlier = home.new_assessment(&["--org", "Acme", "--topics", "mfa"]);
    let text = std::fs::read_to_string(&earlier).expect("read");
    let created = text
        .lines()
        .find(|l| l.starts_with("created = "))
        .expect("created")
        .to_owned();
    std::fs::write(
        &earlier,
        text.replace(&created, "created = 2025-11-20T09:00:00Z"),
    )
    .expect("write");
    let later = home.new_assessment(&["--org", "Acme", "--topics", "mfa"]);
    let other = home.new_assessment(&["--org", "Smith & Co", "--topics", "mfa"]);
    home.posture()
        .args(["compare", file(&earlier), file(&other)])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("two different clients")
                .and(predicate::str::contains("--force")),
        );
    home.posture()
        .args(["compare", file(&earlier), file(&other), "--force"])
        .assert()
        .success();
    home.posture()
        .args(["compare", file(&later), file(&earlier)])
        .assert()
        .success()
        .stderr(predicate::str::contains("compared in date order"));
    let html = stdout(
        &home,
        &["compare", file(&earlier), file(&later), "--format", "html"],
    );
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("Security posture compared"),
        "{html}"
    );
}

#[test]
fn the_portfolio_counts_each_client_by_its_latest_visit() {
    let home = Home::new();
    for org in ["One", "Two", "Three"] {
        let path = home.new_assessment(&["--org", org, "--topics", "mfa"]);
        answer(
            &home,
            &path,
            "mfa/admin-accounts",
            if org == "Three" { "yes" } else { "no" },
        );
    }
    let json: Value =
        serde_json::from_str(&stdout(&home, &["portfolio", "--format", "json"])).expect("json");
    assert_eq!(json["schema"], "posture-portfolio/1");
    let portfolio = &json["portfolio"];
    assert_eq!(portfolio["clients"], 3);
    assert_eq!(
        portfolio["commonly_missed"][0]["question"],
        "mfa/admin-accounts"
    );
    assert_eq!(portfolio["commonly_missed"][0]["clients"], 2);
    let markdown = stdout(&home, &["portfolio"]);
    assert!(
        markdown.contains("## Commonly missed") && markdown.contains("| 2 |"),
        "{markdown}"
    );
}

#[test]
fn the_action_plan_tracks_owners_and_accepted_risks_and_its_csv_never_runs_a_formula() {
    let home = Home::new();
    home.write("checklists/t.toml", &checklist("t", TOPIC));
    let path = home.new_assessment(&["--org", "Acme", "--topics", "t"]);
    answer(&home, &path, "t/crit", "no");
    answer(&home, &path, "t/high", "partial");
    answer(&home, &path, "t/low", "yes");
    home.posture()
        .args([
            "action",
            file(&path),
            "t/crit",
            "--owner",
            "=HYPERLINK(\"x\")",
            "--due",
            "2027-01-31",
            "--status",
            "in-progress",
        ])
        .assert()
        .success();
    home.posture()
        .args(["action", file(&path), "t/high", "--status", "accepted-risk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--reason").and(predicate::str::contains("--review")));
    home.posture()
        .args([
            "action",
            file(&path),
            "t/high",
            "--status",
            "accepted-risk",
            "--reason",
            "Replaced in June",
            "--review",
            "2027-06-30",
        ])
        .assert()
        .success();
    home.posture()
        .args(["action", file(&path), "t/low", "--owner", "Jo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an action"));
    home.posture()
        .args(["action", file(&path), "t/crit", "--due", "31/01/2027"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'31/01/2027' is not a date"));
    let csv = stdout(&home, &["actions", file(&path), "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert_eq!(&rows[0][1], "t/crit", "most severe first");
    assert_eq!(
        &rows[0][8], "'=HYPERLINK(\"x\")",
        "a formula is neutralised"
    );
    assert_eq!(&rows[0][7], "in-progress");
    assert_eq!(&rows[1][7], "accepted-risk");
    let id = rows[0][0].to_owned();
    // The score is not raised by accepting a risk.
    let json: Value =
        serde_json::from_str(&stdout(&home, &["export", file(&path), "--format", "json"]))
            .expect("json");
    assert_eq!(json["summary"]["critical_gaps"][0]["question"], "t/crit");
    // A follow-up visit keeps the action's id, so a ticketing system recognises it.
    let next = home.new_assessment(&["--from", file(&path)]);
    let csv = stdout(&home, &["actions", file(&next), "--format", "csv"]);
    assert!(csv.contains(&id), "{csv}");
}

#[test]
fn archive_rename_delete_and_the_trash_never_lose_an_assessment_by_accident() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme Dentl", "--topics", "mfa"]);
    answer(&home, &path, "mfa/admin-accounts", "yes");
    home.posture()
        .args(["archive", file(&path)])
        .assert()
        .success();
    assert!(!stdout(&home, &["clients"]).contains("Acme"));
    assert!(stdout(&home, &["clients", "--all"]).contains("Acme Dentl"));
    home.posture()
        .args(["restore", file(&path)])
        .assert()
        .success();
    home.posture()
        .args(["rename", "--org", "acme dentl", "--to-org", "Acme Dental"])
        .assert()
        .success()
        .stdout(predicate::str::contains("renamed 1 visit"));
    assert!(stdout(&home, &["clients"]).contains("Acme Dental"));
    // Without a terminal, delete needs --yes.
    home.posture()
        .args(["delete", file(&path)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    assert!(path.exists());
    let id = toml::from_str::<toml::Table>(&std::fs::read_to_string(&path).expect("read"))
        .expect("toml")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    home.posture()
        .args(["delete", file(&path), "--yes"])
        .assert()
        .success();
    assert!(!path.exists());
    assert!(stdout(&home, &["trash"]).contains(".toml"));
    home.posture().args(["restore", &id]).assert().success();
    assert_eq!(
        recorded(&path, "mfa/admin-accounts"),
        Some(AnswerValue::Text("yes".into()))
    );
    home.posture()
        .args(["delete", &id, "--yes"])
        .assert()
        .success();
    home.posture()
        .args(["trash", "empty", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("removed 1"));
    assert!(stdout(&home, &["trash"]).contains("empty"));
}

#[test]
fn a_bad_config_is_located_and_the_defaults_apply() {
    let home = Home::new();
    home.write(
        "config.toml",
        "assessor = \"Jo\"\n[provider]\nname = \"Northwind IT\"\naccent = \"blue\"\n",
    );
    home.posture()
        .args(["config", "--show"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("config.toml:4:10").and(predicate::str::contains("'blue'")),
        );
    home.write("config.toml", "assessor = \"Jo Tech\"\n[provider]\nname = \"Northwind IT\"\ncontact = \"help@northwind.example\"\n");
    home.posture()
        .args(["config", "--show"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Northwind IT").and(predicate::str::contains("[config.toml]")),
        );
    let path = home.new_assessment(&["--org", "Acme", "--topics", "mfa"]);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        text.contains("assessor = \"Jo Tech\""),
        "the default assessor:\n{text}"
    );
    let report = stdout(&home, &["export", file(&path)]);
    assert!(
        report.contains("- **Prepared by:** Northwind IT\n- **Contact:** help@northwind.example"),
        "{report}"
    );
}

#[test]
fn internal_notes_never_reach_a_client_report() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme", "--topics", "mfa"]);
    home.posture()
        .args([
            "answer",
            file(&path),
            "mfa/admin-accounts",
            "no",
            "--note",
            "Owner refuses MFA; escalate",
            "--internal",
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("internal = true"), "{text}");
    for format in ["md", "json", "html"] {
        let report = stdout(&home, &["export", file(&path), "--format", format]);
        assert!(!report.contains("Owner refuses"), "{format}: {report}");
        let internal = stdout(
            &home,
            &["export", file(&path), "--format", format, "--internal"],
        );
        assert!(internal.contains("Owner refuses"), "{format}: {internal}");
    }
}

#[test]
fn verify_says_whether_a_report_still_matches_its_assessment() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme", "--topics", "mfa"]);
    answer(&home, &path, "mfa/admin-accounts", "no");
    for format in ["md", "json", "html"] {
        let report = home.path().join(format!("report.{format}"));
        home.posture()
            .args([
                "export",
                file(&path),
                "--format",
                format,
                "-o",
                file(&report),
            ])
            .assert()
            .success();
        home.posture()
            .args(["verify", file(&report)])
            .assert()
            .success()
            .stdout(predicate::str::contains("matches"));
    }
    std::thread::sleep(std::time::Duration::from_millis(1100));
    answer(&home, &path, "mfa/admin-accounts", "yes");
    home.posture()
        .args(["verify", file(&home.path().join("report.md"))])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("does not match")
                .and(predicate::str::contains("mfa/admin-accounts changed")),
        );
}

fn git(folder: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .status()
        .expect("git is installed (.ci/run installs it)");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn two_technicians_share_a_data_folder_through_git_and_merge_answer_by_answer() {
    let root = tempfile::tempdir().expect("temp");
    let team = root.path().join("team.git");
    git(
        root.path(),
        &["init", "--quiet", "--bare", team.to_str().expect("utf-8")],
    );
    let clone = |name: &str| {
        let home = Home::new();
        let folder = home.path().to_path_buf();
        std::fs::remove_dir_all(&folder).expect("empty");
        git(
            root.path(),
            &[
                "clone",
                "--quiet",
                team.to_str().expect("utf-8"),
                folder.to_str().expect("utf-8"),
            ],
        );
        git(&folder, &["config", "user.name", name]);
        git(&folder, &["config", "user.email", "tech@example.com"]);
        home
    };
    let (a, b) = (clone("Ana"), clone("Ben"));
    let path_a = a.new_assessment(&["--org", "Acme", "--topics", "mfa,backups"]);
    a.posture().arg("sync").assert().success();
    b.posture().arg("sync").assert().success();
    let relative = path_a.strip_prefix(a.path()).expect("inside");
    let path_b = b.path().join(relative);
    assert!(path_b.exists(), "Ben got Ana's assessment");
    // Each answers different questions of the same assessment, and both answer one of them.
    answer(&a, &path_a, "mfa/admin-accounts", "yes");
    answer(&b, &path_b, "backups/automatic", "no");
    answer(&b, &path_b, "mfa/all-email", "no");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    answer(&a, &path_a, "mfa/all-email", "partial");
    a.posture().arg("sync").assert().success();
    b.posture()
        .arg("sync")
        .assert()
        .success()
        .stderr(predicate::str::contains("both sides changed mfa/all-email"));
    a.posture().arg("sync").assert().success();
    for path in [&path_a, &path_b] {
        assert_eq!(
            recorded(path, "mfa/admin-accounts"),
            Some(AnswerValue::Text("yes".into()))
        );
        assert_eq!(
            recorded(path, "backups/automatic"),
            Some(AnswerValue::Text("no".into()))
        );
        assert_eq!(
            recorded(path, "mfa/all-email"),
            Some(AnswerValue::Text("partial".into())),
            "the newer answer"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&path_a).expect("a"),
        std::fs::read_to_string(&path_b).expect("b")
    );
}
