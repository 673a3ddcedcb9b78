//! Hand-edited assessment files that posture cannot read: each error names the file, line and
//! column, says in plain words what is wrong, and quotes the bad value; nothing panics.

use crate::support::Home;

/// (what the edit does to a saved file, a word the error must say, the line it points at).
type Edit = (&'static str, fn(&str) -> String, &'static str, usize);

#[allow(clippy::too_many_lines)] // a table, one edit a line
fn edits() -> Vec<Edit> {
    vec![
        (
            "bad mode",
            |t| t.replace("mode = \"audit\"", "mode = \"audti\""),
            "'audti' is not allowed here",
            3,
        ),
        (
            "boolean answer",
            |t| t.replace("answer = \"yes\"", "answer = true"),
            "expected an answer",
            18,
        ),
        (
            "array answer",
            |t| t.replace("answer = \"yes\"", "answer = [1, 2]"),
            "expected an answer",
            18,
        ),
        (
            "duplicate key",
            |t| t.replace("answer = \"yes\"", "answer = \"yes\"\nanswer = \"no\""),
            "'answer' is given twice",
            19,
        ),
        (
            "unclosed string",
            |t| t.replace("organization = \"Acme\"", "organization = \"Acme"),
            "organization",
            4,
        ),
        (
            "time without date",
            |t| t.replacen("at = 20", "at = 14:03:00\nx = 20", 1),
            "a time without a date",
            20,
        ),
        (
            "number for a string",
            |t| t.replace("organization = \"Acme\"", "organization = 42"),
            "expected text in quotes, found '42'",
            4,
        ),
        (
            "missing id",
            |t| t.replacen("id = \"", "xid = \"", 1),
            "the key 'id' is missing",
            1,
        ),
        (
            "missing organization",
            |t| t.replace("organization = \"Acme\"\n", ""),
            "the key 'organization' is missing",
            1,
        ),
        (
            "format as text",
            |t| t.replace("format = 1", "format = \"1\""),
            "'format' must be the whole number 1",
            1,
        ),
        (
            "newer format",
            |t| t.replace("format = 1", "format = 3"),
            "newer posture",
            1,
        ),
        (
            "older format",
            |t| t.replace("format = 1", "format = 0"),
            "'0' is not an assessment file format",
            1,
        ),
        (
            "finished as text",
            |t| t.replace("finished = false", "finished = \"no\""),
            "expected true or false",
            9,
        ),
        (
            "bad date",
            |t| t.replacen("created = 20", "created = 2026-13-45T00:00:00Z\nx = 20", 1),
            "month between 01 and 12",
            7,
        ),
        (
            "stray text",
            |t| format!("{t}\nthis is not toml\n"),
            "expected '='",
            28,
        ),
        (
            "table in place of a value",
            |t| t.replace("site = \"\"", "site = { name = \"HQ\" }"),
            "expected text in quotes",
            5,
        ),
        (
            "answers as one table",
            |t| t.replacen("[[answers]]", "[answers]", 1),
            "expected a list",
            16,
        ),
        (
            "checklist without a version",
            |t| t.replacen("version = ", "versio = ", 1),
            "the key 'version' is missing",
            11,
        ),
        (
            "answer without a question",
            |t| t.replacen("question = ", "qestion = ", 1),
            "the key 'question' is missing",
            16,
        ),
        (
            "answer without a time",
            |t| t.replacen("\nat = ", "\nwhen = ", 1),
            "the key 'at' is missing",
            16,
        ),
    ]
}

#[test]
fn hand_edited_mistakes_are_located_and_worded_for_a_person() {
    let home = Home::new();
    let path = home.new_assessment(&["--org", "Acme", "--topics", "mfa"]);
    let file = path.to_str().expect("utf-8");
    home.posture()
        .args(["answer", file, "mfa/admin-accounts", "yes", "--note", "ok"])
        .assert()
        .success();
    let good = std::fs::read_to_string(&path).expect("read");
    for (what, edit, words, line) in edits() {
        let bad = edit(&good);
        assert_ne!(bad, good, "{what}: the edit changed nothing");
        std::fs::write(&path, &bad).expect("write");
        let output = home.posture().args(["show", file]).output().expect("run");
        let error = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{what}:\n{error}");
        let located = format!("{file}:{line}:");
        assert!(
            error.contains(&located),
            "{what}: not located at {located}\n{error}"
        );
        assert!(
            error.contains(words),
            "{what}: does not say {words:?}\n{error}"
        );
        for jargon in [
            "untagged",
            "invalid type",
            "missing field",
            "duplicate key",
            "`",
            "did not contain valid UTF-8",
        ] {
            assert!(!error.contains(jargon), "{what}: says {jargon:?}\n{error}");
        }
    }
    // Not UTF-8 at all.
    let mut bytes = good.into_bytes();
    bytes.extend_from_slice(b"\nsite = \"Caf\xe9\"\n");
    std::fs::write(&path, bytes).expect("write");
    home.posture()
        .args(["show", file])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not UTF-8"));
}
