//! Hostile text in notes, evidence and names cannot break the Markdown report's structure,
//! inject HTML or links, or smuggle escape sequences and invisible characters into it.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::support::Home;

const HOSTILE: &str = "pipe | in a cell | here\n`tick` **bold** <script>alert(1)</script>\n\
    [click](javascript:alert(1)) <javascript:alert(2)> ![img](http://t.example/x.png)\n\
    # not a heading\n1. not a list\n- nor this\n> nor a quote\n    four spaces\n===\n\
    \u{1b}[31mred\u{1b}[0m \u{7}bell \r carriage \u{202e}reversed\u{200b}zero &lt;entity&gt;";

fn parse(markdown: &str) -> Vec<Event<'_>> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .collect()
}

fn export(home: &Home, file: &str, format: &str) -> String {
    let output = home
        .posture()
        .args(["export", file, "--format", format])
        .output()
        .expect("export");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

fn hostile_assessment(home: &Home) -> String {
    let org = format!(
        "Evil | Org <img src=x onerror=alert(1)> {}",
        "\u{1b}]0;title\u{7}"
    );
    let path = home.new_assessment(&[
        "--org",
        &org,
        "--site",
        "# Site | x",
        "--assessor",
        "*me*",
        "--topics",
        "mfa,backups,accounts",
    ]);
    let file = path.to_str().expect("utf-8").to_owned();
    home.posture()
        .args([
            "answer",
            &file,
            "mfa/admin-accounts",
            "partial",
            "--note",
            HOSTILE,
            "--evidence",
            HOSTILE,
        ])
        .assert()
        .success();
    home.posture()
        .args(["answer", &file, "accounts/staff-count", "7"])
        .assert()
        .success();
    home.posture()
        .args([
            "answer",
            &file,
            "backups/automatic",
            "no",
            "--note",
            "| a | b |\n|---|---|\n| c | d |",
        ])
        .assert()
        .success();
    file
}

#[test]
fn the_markdown_report_keeps_its_structure_whatever_the_notes_say() {
    let home = Home::new();
    let file = hostile_assessment(&home);
    let markdown = export(&home, &file, "md");
    let events = parse(&markdown);

    // Nothing executable: no raw HTML, no link but http, https or mailto.
    for event in &events {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("raw HTML survived: {html}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let url = dest_url.to_ascii_lowercase();
                assert!(
                    url.starts_with("http") || url.starts_with("mailto:"),
                    "link to {url}"
                );
            }
            _ => {}
        }
    }
    // Nothing invisible or acting: no escape sequences, bells, carriage returns or overrides.
    for c in ['\u{1b}', '\u{7}', '\r', '\u{202e}', '\u{200b}'] {
        assert!(!markdown.contains(c), "{c:?} survived");
    }
    // The tables are exactly the report's own: by topic, two roll-ups and the action plan.
    let tables = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Table(_))))
        .count();
    assert_eq!(tables, 4, "{markdown}");
    // Headings are the report's own: none comes from user text.
    let mut in_heading = false;
    let mut heading_text = String::new();
    for event in &events {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(text) if in_heading => heading_text.push_str(text),
            _ => {}
        }
    }
    assert!(!heading_text.contains("not a heading"), "{heading_text}");
    assert!(!heading_text.contains("nor a quote"));
    // No code blocks, quotes or lists were opened by the note.
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::CodeBlock(_) | Tag::BlockQuote(_))))
    );
    // The words themselves are still there for the reader, as text.
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    for visible in [
        "pipe | in a cell | here",
        "<script>alert(1)</script>",
        "# not a heading",
        "&lt;entity&gt;",
        "Evil | Org",
    ] {
        assert!(
            text.contains(visible),
            "{visible:?} is not visible text in:\n{markdown}"
        );
    }
}

#[test]
fn the_html_report_escapes_and_the_json_report_carries_text_exactly() {
    let home = Home::new();
    let file = hostile_assessment(&home);
    let html = export(&home, &file, "html");
    assert!(
        !html.contains("<script>") && !html.contains("<img"),
        "HTML injected"
    );
    assert!(!html.contains("href=\"javascript"), "javascript link");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains('\u{1b}'));

    let json = export(&home, &file, "json");
    assert!(
        !json.contains('\u{1b}') && !json.contains('\u{202e}') && !json.contains('\u{7}'),
        "raw escape sequences in JSON"
    );
    assert!(json.contains("\\u001b[31mred"), "escaped the JSON way");
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let note = value["answers"][0]["questions"][0]["note"]
        .as_str()
        .expect("note");
    assert_eq!(note, HOSTILE, "JSON carries the text exactly");
    let organization = value["assessment"]["organization"].as_str().expect("org");
    assert!(
        organization.ends_with("\u{1b}]0;title\u{7}"),
        "{organization:?}"
    );
}

#[test]
fn terminal_output_never_carries_escape_sequences() {
    let home = Home::new();
    let file = hostile_assessment(&home);
    for args in [vec!["show", file.as_str()], vec!["assessments"]] {
        let output = home.posture().args(&args).output().expect("run");
        let all = [output.stdout, output.stderr].concat();
        assert!(!all.contains(&0x1b), "{args:?} printed an escape character");
        assert!(!all.contains(&0x07), "{args:?} printed a bell");
    }
}
