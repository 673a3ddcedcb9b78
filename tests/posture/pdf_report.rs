//! The typeset PDF report, read back as its reader gets it: the text of each page, extracted
//! by `pdftotext` (Debian's poppler-utils, which `.ci/run` installs).

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::support::Home;

/// Text that tries to become Typst markup or code, HTML, or a terminal escape.
const HOSTILE: &str = "#set page(width: 1cm) #import \"x.typ\": * $x^2$ *bold* ] [ <script>alert(1)</script> \u{1b}[31mred";

/// Whether a test that needs `tool` can run; in CI (`POSTURE_REQUIRE_TOOLS`) it must.
pub fn tool_available(tool: &str) -> bool {
    let found = std::process::Command::new(tool)
        .arg(if tool == "chromium" {
            "--version"
        } else {
            "-v"
        })
        .output()
        .is_ok();
    assert!(
        found || std::env::var_os("POSTURE_REQUIRE_TOOLS").is_none(),
        "{tool} is needed (Debian: apt-get install poppler-utils chromium)"
    );
    if !found {
        eprintln!(
            "skipped: {tool} is not installed (Debian: apt-get install poppler-utils chromium)"
        );
    }
    found
}

/// The text of each page of the PDF at `path`, whitespace collapsed.
fn pages(path: &Path) -> Vec<String> {
    let output = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(output.status.success(), "pdftotext reads the PDF");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let mut pages: Vec<String> = text.split('\u{c}').map(collapse).collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub struct Audit {
    pub home: Home,
    pub file: PathBuf,
}

/// An audit of a client by a provider named in config.toml, with answers below yes, a note
/// and evidence of hostile text on them, and the rest unanswered.
pub fn audit() -> Audit {
    let home = Home::new();
    home.write(
        "config.toml",
        "[provider]\nname = \"Northwind IT\"\ncontact = \"help@northwind.example\"\n",
    );
    let file = home.new_assessment(&[
        "--org",
        "Acme Dental",
        "--site",
        "Main office",
        "--mode",
        "audit",
        "--assessor",
        "Sam Tech",
        "--topics",
        "mfa,backups",
    ]);
    let answers = [
        ("mfa/all-email", "no"),
        ("mfa/admin-accounts", "partial"),
        ("backups/offsite", "no"),
        ("backups/restore-tested", "unknown"),
        ("mfa/banking", "yes"),
    ];
    for (question, answer) in answers {
        let mut posture = home.posture();
        posture.args(["answer", file.to_str().expect("utf-8"), question, answer]);
        if question == "mfa/all-email" {
            posture.args(["--note", HOSTILE, "--evidence", "Admin console screenshot"]);
        }
        posture.assert().success();
    }
    Audit { home, file }
}

impl Audit {
    /// `posture export` of this audit in `format` to `name` in the home, with `extra` flags.
    pub fn export_command(&self, format: &str, name: &str, extra: &[&str]) -> assert_cmd::Command {
        let mut posture = self.home.posture();
        posture
            .args([
                "export",
                self.file.to_str().expect("utf-8"),
                "--format",
                format,
            ])
            .args(extra)
            .arg("-o")
            .arg(self.home.path().join(name));
        posture
    }

    fn export(&self, name: &str) -> PathBuf {
        self.export_command("pdf", name, &[]).assert().success();
        self.home.path().join(name)
    }

    fn actions(&self) -> Vec<String> {
        let output = self
            .home
            .posture()
            .args([
                "actions",
                self.file.to_str().expect("utf-8"),
                "--format",
                "json",
            ])
            .output()
            .expect("run posture actions");
        let plan: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
        plan["actions"]
            .as_array()
            .expect("actions")
            .iter()
            .map(|a| a["task"].as_str().expect("task").to_owned())
            .collect()
    }

    fn finish(&self) {
        let text = std::fs::read_to_string(&self.file).expect("read");
        std::fs::write(
            &self.file,
            text.replacen("finished = false", "finished = true", 1),
        )
        .expect("write");
    }
}

#[test]
fn the_pdf_names_client_and_provider_and_holds_every_finding_and_action() {
    if !tool_available("pdftotext") {
        return;
    }
    let audit = audit();
    let pdf = audit.export("report.pdf");
    let bytes = std::fs::read(&pdf).expect("read");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let pages = pages(&pdf);
    assert!(
        (4..=20).contains(&pages.len()),
        "a sane page count: {}",
        pages.len()
    );
    let cover = &pages[0];
    for fact in [
        "Acme Dental",
        "Main office",
        "Northwind IT",
        "help@northwind.example",
        "Sam Tech",
        "Confidential",
    ] {
        assert!(cover.contains(fact), "the cover names {fact}: {cover}");
    }
    let all = pages.join(" ");
    let actions = audit.actions();
    assert_eq!(
        actions.len(),
        4,
        "no, partly, no and don't know are actions"
    );
    for action in &actions {
        let shown = collapse(action);
        assert!(
            all.matches(&shown).count() >= 2,
            "'{shown}' is a finding and a row of the action plan"
        );
    }
    assert!(all.contains("Admin console screenshot"), "the evidence");
    assert!(
        all.contains(&page_of(pages.len())),
        "pages are numbered x of y"
    );
}

fn page_of(total: usize) -> String {
    format!("{total} of {total}")
}

#[test]
fn hostile_text_in_a_note_appears_literally_and_changes_nothing() {
    if !tool_available("pdftotext") {
        return;
    }
    let audit = audit();
    let pages = pages(&audit.export("report.pdf"));
    let all = pages.join(" ");
    // The escape character itself never reaches the page; what follows it is plain text.
    let expected = collapse(&HOSTILE.replace('\u{1b}', "\u{fffd}"));
    assert!(all.contains(&expected), "the note, literally, in {all}");
    assert!(!all.contains('\u{1b}'));
    // The page size survived `#set page(width: 1cm)`: A4 pages, not one-centimetre strips.
    let info = std::process::Command::new("pdfinfo")
        .arg(audit.home.path().join("report.pdf"))
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "{info}");
}

#[test]
fn draft_is_on_every_page_of_an_unfinished_report_and_on_none_of_a_finished_one() {
    if !tool_available("pdftotext") {
        return;
    }
    let audit = audit();
    let draft = pages(&audit.export("draft.pdf"));
    for (n, page) in draft.iter().enumerate() {
        assert!(page.contains("DRAFT"), "page {} says DRAFT: {page}", n + 1);
    }
    audit.finish();
    let last = pages(&audit.export("final.pdf"));
    for (n, page) in last.iter().enumerate() {
        assert!(
            !page.contains("DRAFT"),
            "page {} of a final report: {page}",
            n + 1
        );
    }
    assert!(last[0].contains("Final"));
}

#[test]
fn a_template_in_the_config_folder_replaces_the_built_in_one() {
    if !tool_available("pdftotext") {
        return;
    }
    let audit = audit();
    audit.home.write(
        "report.typ",
        "#let d = json(bytes(sys.inputs.data))\nNorthwind layout for #d.assessment.organization",
    );
    let all = pages(&audit.export("custom.pdf"));
    assert_eq!(all, ["Northwind layout for Acme Dental"]);
}

#[test]
fn a_bad_template_is_located_and_nothing_is_written() {
    let audit = audit();
    audit.home.write("report.typ", "#let broken = (\n");
    audit
        .export_command("pdf", "x.pdf", &[])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("report template:1:"));
    assert!(!audit.home.path().join("x.pdf").exists());
}

#[test]
fn a_comparison_is_typeset_too() {
    if !tool_available("pdftotext") {
        return;
    }
    let audit = audit();
    let first = audit.file.to_str().expect("utf-8").to_owned();
    let output = audit
        .home
        .posture()
        .args(["new", "--from", &first])
        .output()
        .expect("follow-up");
    let second = String::from_utf8(output.stdout)
        .expect("utf-8")
        .trim()
        .to_owned();
    audit
        .home
        .posture()
        .args(["answer", &second, "backups/offsite", "yes"])
        .assert()
        .success();
    // A regression too: its negative change must be drawn with a glyph the font has.
    audit
        .home
        .posture()
        .args(["answer", &second, "mfa/banking", "no"])
        .assert()
        .success();
    let out = audit.home.path().join("compare.pdf");
    audit
        .home
        .posture()
        .args(["compare", &first, &second, "--format", "pdf", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("cannot draw").not());
    let pages_of_comparison = pages(&out);
    let all = pages_of_comparison.join(" ");
    assert!(all.contains("Acme Dental") && all.contains("Northwind IT"));
    assert!(
        all.contains("DRAFT: Both visits are not finished"),
        "neither visit is finished: {all}"
    );
    assert!(
        pages_of_comparison.iter().all(|p| p.contains("DRAFT")),
        "every page of a draft comparison says so"
    );
    assert!(all.contains("Better than last time"), "{all}");
    assert!(all.contains("Worse than last time"), "{all}");
    assert!(
        !all.contains('\u{2212}'),
        "changes are written with a hyphen"
    );
    // (The DRAFT mark drawn behind the text can land between a row's cells when extracted.)
    assert!(
        all.split(' ').any(|change| change.starts_with('-')
            && change.contains('.')
            && change[1..].parse::<f64>().is_ok_and(|n| n > 0.0)),
        "a drop reads -N.N: {all}"
    );
    let html = audit.home.path().join("compare.html");
    audit
        .home
        .posture()
        .args(["compare", &first, &second, "--format", "html", "-o"])
        .arg(&html)
        .assert()
        .success();
    let html = std::fs::read_to_string(html).expect("read");
    assert!(html.contains("counter(pages)") && html.contains("Prepared by Northwind IT"));
    assert!(
        html.contains("DRAFT — not final"),
        "the printed pages say so"
    );
}

#[test]
fn an_internal_copy_says_so_on_every_page_and_labels_its_internal_notes() {
    if !tool_available("pdftotext") {
        return;
    }
    let audit = audit();
    audit
        .home
        .posture()
        .args([
            "answer",
            audit.file.to_str().expect("utf-8"),
            "backups/offsite",
            "no",
            "--internal",
            "--note",
            "Owner pushed back on the cost",
        ])
        .assert()
        .success();
    let client = pages(&audit.export("client.pdf")).join(" ");
    assert!(!client.contains("Owner pushed back") && !client.contains("INTERNAL"));
    audit
        .export_command("pdf", "team.pdf", &["--internal"])
        .assert()
        .success();
    let out = audit.home.path().join("team.pdf");
    let team = pages(&out);
    for (n, page) in team.iter().enumerate() {
        assert!(
            page.contains("INTERNAL"),
            "page {} of the team's copy: {page}",
            n + 1
        );
    }
    assert!(
        team.join(" ")
            .contains("(internal) Owner pushed back on the cost")
    );
}

#[test]
fn a_dont_know_finding_reads_as_not_verified() {
    let audit = audit();
    audit
        .export_command("md", "report.md", &[])
        .assert()
        .success();
    let markdown = std::fs::read_to_string(audit.home.path().join("report.md")).expect("read");
    let restore = markdown
        .split("### ")
        .find(|finding| finding.contains("**Don't know**"))
        .expect("a finding answered don't know");
    assert!(
        collapse(restore).contains("Not verified on this visit: confirm it first"),
        "{restore}"
    );
}

/// A 4×2 PNG in one colour, as a provider's logo.
const LOGO: [u8; 73] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 240, 202, 234, 52, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 144, 247, 171, 132, 35, 6,
    100, 14, 0, 90, 186, 7, 49, 74, 36, 198, 109, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn the_providers_logo_is_on_the_cover() {
    if !tool_available("pdfimages") {
        return;
    }
    let audit = audit();
    std::fs::write(audit.home.path().join("logo.png"), LOGO).expect("logo");
    audit.home.write(
        "config.toml",
        "[provider]\nname = \"Northwind IT\"\nlogo = \"logo.png\"\n",
    );
    let pdf = audit.export("logo.pdf");
    let list = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .expect("pdfimages");
    let list = String::from_utf8_lossy(&list.stdout);
    // A header, a rule, then one row per image: page 1, 4 × 2 pixels.
    let images: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(images.len(), 1, "{list}");
    let columns: Vec<&str> = images[0].split_whitespace().collect();
    assert_eq!(
        (columns[0], columns[3], columns[4]),
        ("1", "4", "2"),
        "{list}"
    );
}

/// A topic whose remediation wraps with a line that starts with a number, then lists steps.
const WRAPPED: &str = r#"
[[questions]]
id = "copies"
prompt = "Are copies kept long enough?"
severity = "high"
action = "Keep copies long enough"
remediation = """
Keep copies for
30 days at least, so a slow infection can still be undone.
1. Set the retention.
2. Check it a week later.
"""

[[questions]]
id = "offline"
prompt = "Is one copy offline?"
severity = "high"
"#;

/// A follow-up visit of a topic of `WRAPPED`: one answer carried over with an owner and a due
/// date, one answered again as an accepted risk. Returns the home and the follow-up's path.
fn follow_up_with_a_plan() -> (crate::support::Home, String) {
    let home = crate::support::Home::new();
    home.write(
        "checklists/keep.toml",
        &crate::support::checklist("keep", WRAPPED),
    );
    let first = home.new_assessment(&["--org", "Acme", "--site", "Main", "--topics", "keep"]);
    let first = first.to_str().expect("utf-8");
    for question in ["keep/copies", "keep/offline"] {
        home.posture()
            .args(["answer", first, question, "no"])
            .assert()
            .success();
    }
    home.posture()
        .args([
            "action",
            first,
            "keep/copies",
            "--owner",
            "Jo Owner",
            "--due",
            "2027-01-15",
        ])
        .assert()
        .success();
    home.posture()
        .args(["action", first, "keep/offline", "--status", "accepted-risk"])
        .args([
            "--reason",
            "Moving to the cloud in spring",
            "--review",
            "2027-04-30",
        ])
        .assert()
        .success();
    let output = home
        .posture()
        .args(["new", "--from", first])
        .output()
        .expect("posture new --from");
    let next = String::from_utf8(output.stdout).expect("utf-8");
    let next = next.trim().to_owned();
    home.posture()
        .args(["answer", &next, "keep/offline", "no"])
        .assert()
        .success();
    (home, next)
}

#[test]
fn a_follow_ups_findings_say_what_was_not_rechecked_and_who_fixes_what_by_when() {
    if !tool_available("pdftotext") {
        return;
    }
    let (home, next) = follow_up_with_a_plan();
    let next = next.as_str();
    let pdf = home.path().join("follow-up.pdf");
    home.posture()
        .args(["export", next, "--format", "pdf", "-o"])
        .arg(&pdf)
        .assert()
        .success();

    let markdown = |extra: &[&str]| {
        let output = home
            .posture()
            .args(["export", next, "--format", "md"])
            .args(extra)
            .output()
            .expect("posture export");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let client = markdown(&[]);
    assert!(
        client.contains("- Owner: Jo Owner · due 2027-01-15"),
        "{client}"
    );
    assert!(
        client.contains("| 1 | Keep copies long enough † | high | Jo Owner | 2027-01-15 | open |"),
        "{client}"
    );
    assert!(
        !client.contains("`keep/copies`"),
        "question ids are for the team's copy: {client}"
    );
    assert!(markdown(&["--internal"]).contains("`keep/copies`"));

    let all = pages(&pdf).join(" ");
    let carried = "carried over from the last visit, not re-checked";
    assert_eq!(
        all.matches(carried).count(),
        4,
        "the cover counts what was carried; the carried answer is marked as a finding, an action and an answer: {all}"
    );
    assert!(
        all.contains("Jo Owner · due 2027-01-15"),
        "the finding's owner and date: {all}"
    );
    assert!(
        all.contains("accepted risk until 2027-04-30: Moving to the cloud in spring"),
        "the plan shows an accepted risk's review date and reason: {all}"
    );
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8(text.stdout).expect("utf-8");
    assert!(
        text.contains("Keep copies for 30 days at least"),
        "a source line starting with a number joins its sentence: {text}"
    );
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("1. Set the retention.")),
        "a numbered step keeps its own line: {text}"
    );
}
