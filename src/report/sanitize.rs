//! Checklist Markdown (`why`, `how_to_check`, `remediation`, `description`) made safe to
//! embed: raw HTML becomes visible text, only http, https and mailto links survive, images
//! become their description, and headings become bold lines so they cannot break the report's
//! outline.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::text::{is_safe_url, printable};

/// The parser options the report's own Markdown uses.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What to do with headings in Markdown that is being made safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headings {
    /// Keep them: the Markdown is a whole document (the report itself).
    Keep,
    /// Turn them into bold lines: the Markdown is embedded inside a larger document.
    Demote,
}

/// The events of `markdown` with everything unsafe neutralised.
pub fn safe_events(markdown: &str, headings: Headings) -> Vec<Event<'_>> {
    let mut events = Vec::new();
    // Links whose target was refused: their end tags are dropped as well.
    let mut refused: Vec<bool> = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                events.push(Event::Text(printable(&html).into()));
            }
            Event::Text(text) => events.push(Event::Text(clean(text))),
            Event::Code(code) => events.push(Event::Code(clean(code))),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_url(&dest_url);
                refused.push(!safe);
                if safe {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if refused.pop() == Some(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Heading { .. }) if headings == Headings::Demote => {
                events.push(Event::Start(Tag::Paragraph));
                events.push(Event::Start(Tag::Strong));
            }
            Event::End(TagEnd::Heading(_)) if headings == Headings::Demote => {
                events.push(Event::End(TagEnd::Strong));
                events.push(Event::End(TagEnd::Paragraph));
            }
            other => events.push(other),
        }
    }
    events
}

fn clean(text: CowStr<'_>) -> CowStr<'_> {
    if text.chars().any(crate::text::is_unsafe) {
        printable(&text).into()
    } else {
        text
    }
}

/// `markdown` rewritten as safe `CommonMark`; plain escaped text if it cannot be re-spelled.
pub fn markdown(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    match pulldown_cmark_to_cmark::cmark(
        safe_events(markdown, Headings::Demote),
        &mut out,
        options(),
    ) {
        Ok(_) => out,
        Err(_) => super::escape::multiline(markdown, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_unsafe_links_do_not_survive() {
        let out = markdown(
            "Hi <script>alert(1)</script> [a](javascript:alert(1)) [b](https://ok.example)\n\n# Big\n\n![x](https://t.example/p.png)",
        );
        let reparsed: Vec<Event> = Parser::new_ext(&out, options()).collect();
        assert!(
            !reparsed
                .iter()
                .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
            "{out}"
        );
        assert!(out.contains("alert(1)"), "the text stays visible: {out}");
        assert!(!out.contains("](javascript:"), "{out}");
        assert!(out.contains("[b](https://ok.example)"), "{out}");
        assert!(out.contains("**Big**"), "{out}");
        assert!(!out.contains("p.png"), "{out}");
    }
}
