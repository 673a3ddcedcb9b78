//! The checks of the fuzz targets, one function a target. `cargo test` replays the seed corpus
//! (`fuzz/corpus/<target>/`) through the same checks, so a case the fuzzer once found stays fixed.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use posture::assessment::{self, AnswerValue, Assessment, Header, Mode, Store};
use posture::checklist::{Catalog, Origin, parse};
use posture::report::{self, Format};
use posture::text::is_unsafe;
use pulldown_cmark::{Event, Options, Parser, Tag};

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::load(&[]));

/// Any bytes as a checklist: never a panic; every error is located and prints safely.
pub fn checklist_load(bytes: &[u8]) {
    if let Err(diagnostics) = parse("fuzz.toml", bytes, Origin::BuiltIn("fuzz.toml")) {
        assert!(!diagnostics.is_empty(), "a refusal says why");
        for diagnostic in diagnostics {
            assert!(diagnostic.line >= 1 && diagnostic.column >= 1);
            for width in [1, 40, 100, 400] {
                let text = diagnostic.render(width);
                assert!(!text.chars().any(is_unsafe), "unsafe text: {text:?}");
            }
        }
    }
}

/// Any bytes as an assessment file: never a panic; what loads scores and reports, and what
/// posture writes of it reads back and writes again byte for byte.
pub fn assessment_load(bytes: &[u8]) {
    let loaded = match assessment::parse("fuzz.toml", bytes, &CATALOG) {
        Ok(loaded) => loaded,
        Err(error) => {
            let text = error.render(80);
            assert!(!text.chars().any(is_unsafe), "unsafe text: {text:?}");
            return;
        }
    };
    let _ = posture::score::score(&loaded);
    for format in [Format::Markdown, Format::Json, Format::Html] {
        let _ = report::render(&loaded, format, &report::Context::default());
    }
    let store = Store::new(Path::new("/nonexistent"), posture::score::file_summary);
    let written = store.serialize(&loaded).expect("what loads can be written");
    let again = assessment::parse("again.toml", written.as_bytes(), &CATALOG)
        .expect("what posture writes reads back");
    assert_eq!(again.answers.len(), loaded.answers.len());
    assert_eq!(again.header, loaded.header);
    assert_eq!(
        store.serialize(&again).expect("written again"),
        written,
        "a file posture wrote is written back unchanged"
    );
}

/// Any text in every field a person or a checklist fills: the Markdown report keeps the
/// outline of a report with plain text in them, and neither report carries HTML or a link
/// that is not http, https or mailto.
pub fn report_export(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let mut fields = text.split('\u{0}').map(str::to_owned);
    let mut next = || fields.next().unwrap_or_default();
    let hostile = Fields {
        organization: next(),
        site: next(),
        note: next(),
        evidence: next(),
        prose: next(),
    };
    let plain = Fields {
        organization: "Acme".into(),
        site: "HQ".into(),
        note: "note".into(),
        evidence: "evidence".into(),
        prose: "Turn it on.".into(),
    };
    let (Some(hostile), Some(plain)) = (hostile.assessment(), plain.assessment()) else {
        return;
    };
    let markdown = report::render(&hostile, Format::Markdown, &report::Context::default());
    assert_eq!(
        outline(&markdown),
        outline(&report::render(
            &plain,
            Format::Markdown,
            &report::Context::default()
        )),
        "the text changed the report's outline:\n{markdown}"
    );
    let html =
        report::render(&hostile, Format::Html, &report::Context::default()).to_ascii_lowercase();
    for tag in [
        "<script",
        "<img",
        "<iframe",
        "<style>\n<",
        "javascript:\"",
        "href=\"javascript",
    ] {
        assert!(!html.contains(tag), "{tag} in the HTML report");
    }
    assert!(!markdown.chars().any(is_unsafe) && !html.chars().any(is_unsafe));
}

/// What a person and a checklist author write into an assessment.
struct Fields {
    organization: String,
    site: String,
    note: String,
    evidence: String,
    /// A question's `why`, `how_to_check` and `remediation`.
    prose: String,
}

impl Fields {
    fn assessment(&self) -> Option<Assessment> {
        let mut question = toml::Table::new();
        for (key, value) in [
            ("id", "q"),
            ("prompt", "Is the prose safe?"),
            ("severity", "critical"),
            ("why", &self.prose),
            ("how_to_check", &self.prose),
            ("remediation", &self.prose),
        ] {
            question.insert(key.into(), toml::Value::String(value.to_owned()));
        }
        let mut file = toml::Table::new();
        file.insert("format".into(), toml::Value::Integer(1));
        for (key, value) in [
            ("id", "hostile"),
            ("version", "1.0.0"),
            ("title", "Hostile"),
        ] {
            file.insert(key.into(), toml::Value::String(value.into()));
        }
        file.insert(
            "description".into(),
            toml::Value::String(self.prose.clone()),
        );
        file.insert(
            "questions".into(),
            toml::Value::Array(vec![toml::Value::Table(question)]),
        );
        let text = toml::to_string(&file).ok()?;
        let checklist = parse(
            "hostile.toml",
            text.as_bytes(),
            Origin::BuiltIn("hostile.toml"),
        )
        .ok()?;
        let header = Header {
            mode: Mode::Audit,
            organization: self.organization.clone(),
            site: self.site.clone(),
            assessor: self.note.clone(),
        };
        let backups = Arc::clone(CATALOG.get("backups")?);
        let mut assessment = Assessment::new(
            header,
            vec![Arc::new(checklist), backups],
            jiff::Timestamp::UNIX_EPOCH,
        );
        let now = jiff::Timestamp::UNIX_EPOCH;
        let word = |w: &str| AnswerValue::Text(w.into());
        assessment.set_answer(
            "hostile/q",
            word("no"),
            Some(self.note.clone()),
            Some(self.evidence.clone()),
            now,
        );
        assessment.set_answer(
            "backups/automatic",
            word("partial"),
            Some(self.evidence.clone()),
            None,
            now,
        );
        assessment.set_answer(
            "backups/question-gone",
            word("yes"),
            Some(self.note.clone()),
            None,
            now,
        );
        Some(assessment)
    }
}

/// The report's outline: its headings by level, in order. HTML or an unsafe link fails.
fn outline(markdown: &str) -> Vec<String> {
    let mut headings = Vec::new();
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => headings.push(format!("{level:?}")),
            Event::Html(html) | Event::InlineHtml(html) => panic!("raw HTML in the report: {html}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                assert!(
                    posture::text::is_safe_url(&dest_url),
                    "a link to {dest_url}"
                );
            }
            _ => {}
        }
    }
    headings
}
