//! Checklist Markdown (`why`, `how_to_check`, `remediation`, `description`) made safe to
//! embed: raw HTML becomes visible text, only http, https and mailto links survive, images
//! become their description, and headings become bold lines so they cannot break the report's
//! outline.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

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
            // An HTML block runs to its own end marker, not to a blank line: its text becomes
            // a paragraph so that it can never swallow what follows.
            Event::Start(Tag::HtmlBlock) => events.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => events.push(Event::End(TagEnd::Paragraph)),
            Event::Text(text) => events.push(Event::Text(clean(text))),
            Event::Code(code) => events.push(Event::Code(clean(code))),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                events.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(clean(
                    info,
                )))));
            }
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
                        title: clean(title),
                        id: clean(id),
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

/// `markdown` rewritten as safe `CommonMark` that opens and closes its own blocks, so it can
/// be embedded anywhere in a report. Plain escaped text when it cannot be re-spelled with the
/// same structure.
pub fn markdown(markdown: &str) -> String {
    let mut events = safe_events(markdown, Headings::Demote);
    close_code_blocks(&mut events);
    let mut out = String::with_capacity(markdown.len() + 16);
    // Numbered steps read 1, 2, 3 in the raw text too, not 1, 1, 1.
    let spelling = pulldown_cmark_to_cmark::Options {
        increment_ordered_list_bullets: true,
        ..pulldown_cmark_to_cmark::Options::default()
    };
    let spelled = pulldown_cmark_to_cmark::cmark_with_options(
        events.iter().cloned(),
        &mut out,
        options(),
        spelling,
    );
    if spelled.is_ok()
        && same_blocks(
            &events,
            &Parser::new_ext(&out, options()).collect::<Vec<_>>(),
        )
    {
        out
    } else {
        super::escape::multiline(markdown, 0)
    }
}

/// Ends the text of every code block with a line break: without it the closing fence is not
/// written, and the rest of the report would read as code.
fn close_code_blocks(events: &mut Vec<Event<'_>>) {
    let mut i = 0;
    while i < events.len() {
        if matches!(events[i], Event::End(TagEnd::CodeBlock))
            && !matches!(&events[i.saturating_sub(1)], Event::Text(t) if t.ends_with('\n'))
        {
            events.insert(i, Event::Text("\n".into()));
            i += 1;
        }
        i += 1;
    }
}

/// Whether two event streams open and close the same blocks in the same order, with no HTML.
fn same_blocks(written: &[Event<'_>], read: &[Event<'_>]) -> bool {
    fn skeleton<'e>(events: &'e [Event<'e>]) -> impl Iterator<Item = String> + 'e {
        events.iter().filter_map(|event| match event {
            Event::Start(tag) if is_block(tag) => {
                Some(format!("start {:?}", std::mem::discriminant(tag)))
            }
            Event::End(tag) if is_block_end(*tag) => {
                Some(format!("end {:?}", std::mem::discriminant(tag)))
            }
            Event::Html(_) | Event::InlineHtml(_) => Some("html".to_owned()),
            _ => None,
        })
    }
    skeleton(written).eq(skeleton(read))
}

fn is_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
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

    /// The blocks of `text` once embedded before a heading: the heading must still be one.
    fn closes_before(text: &str) {
        let embedded = format!("{}\n\n### Next\n", markdown(text));
        let events: Vec<Event> = Parser::new_ext(&embedded, options()).collect();
        assert!(
            events
                .iter()
                .any(|e| matches!(e, Event::Start(Tag::Heading { .. }))),
            "{text:?} swallowed what follows:\n{embedded}"
        );
        assert!(
            !events
                .iter()
                .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
            "{text:?} left HTML:\n{embedded}"
        );
    }

    #[test]
    fn nothing_a_checklist_writes_stays_open() {
        for text in [
            "Do this:\n\n```\nunclosed code\n",
            "~~~~\ntilde",
            "> ```\n> in a quote",
            "- ```\n  in a list",
            "<!-- a comment that never ends",
            "<pre>\nblock",
            "<script>\nalert(1)",
            "a\n\n<div>\n# heading inside\n</div>",
            "<![CDATA[ x",
            "<?php x",
        ] {
            closes_before(text);
        }
    }
}
