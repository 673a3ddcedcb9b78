//! Checklist Markdown as terminal lines: paragraphs, lists, emphasis, code and links, with raw
//! HTML shown as text and unsafe links dropped (the report's own sanitiser).

use pulldown_cmark::{Event, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::report::{Headings, safe_events};

struct Builder {
    lines: Vec<Line<'static>>,
    spans: Vec<Span<'static>>,
    style: Style,
    /// One entry per open list: the next number of an ordered list, `None` for bullets.
    lists: Vec<Option<u64>>,
    link: Option<String>,
    theme: Theme,
}

impl Builder {
    fn flush(&mut self) {
        if !self.spans.is_empty() {
            self.lines.push(Line::from(std::mem::take(&mut self.spans)));
        }
    }

    fn gap(&mut self) {
        self.flush();
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(Line::default());
        }
    }

    fn text(&mut self, text: &str, style: Style) {
        for (i, piece) in text.split('\n').enumerate() {
            if i > 0 {
                self.flush();
            }
            if !piece.is_empty() {
                self.spans.push(Span::styled(piece.to_owned(), style));
            }
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::List(start)) => {
                self.flush();
                self.lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.gap();
                }
            }
            Event::Start(Tag::Item) => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_owned(),
                };
                self.spans
                    .push(Span::raw(format!("{}{marker}", "  ".repeat(depth))));
            }
            Event::End(TagEnd::Item) | Event::HardBreak => self.flush(),
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                if self.lists.is_empty() {
                    self.gap();
                } else {
                    self.flush();
                }
            }
            Event::Start(Tag::Strong) => self.style = self.style.add_modifier(Modifier::BOLD),
            Event::End(TagEnd::Strong) => self.style = self.style.remove_modifier(Modifier::BOLD),
            Event::Start(Tag::Emphasis) => self.style = self.style.add_modifier(Modifier::ITALIC),
            Event::End(TagEnd::Emphasis) => {
                self.style = self.style.remove_modifier(Modifier::ITALIC);
            }
            Event::Start(Tag::Link { dest_url, .. }) => self.link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = self.link.take() {
                    self.spans
                        .push(Span::styled(format!(" <{url}>"), self.theme.muted()));
                }
            }
            Event::Text(text) => {
                let style = self.style;
                self.text(&text, style);
            }
            Event::Code(code) => {
                let style = self.style.add_modifier(Modifier::BOLD);
                self.text(&code, style);
            }
            Event::SoftBreak => self.spans.push(Span::raw(" ")),
            Event::Rule => {
                self.gap();
                self.lines.push(Line::styled("───", self.theme.muted()));
            }
            _ => {}
        }
    }
}

/// Renders checklist Markdown as lines for a `Paragraph` (which wraps them).
pub fn lines(markdown: &str, theme: Theme) -> Vec<Line<'static>> {
    let mut builder = Builder {
        lines: Vec::new(),
        spans: Vec::new(),
        style: Style::new(),
        lists: Vec::new(),
        link: None,
        theme,
    };
    for event in safe_events(markdown, Headings::Demote) {
        builder.event(event);
    }
    builder.flush();
    while builder.lines.last().is_some_and(|l| l.spans.is_empty()) {
        builder.lines.pop();
    }
    builder.lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::MONO;

    fn plain(markdown: &str) -> Vec<String> {
        lines(markdown, MONO)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn lists_paragraphs_and_links_read_as_text() {
        assert_eq!(
            plain(
                "Intro **bold** text.\n\n1. First\n2. Second\n\n- a\n- b\n\n[guide](https://x.example)"
            ),
            [
                "Intro bold text.",
                "",
                "1. First",
                "2. Second",
                "",
                "• a",
                "• b",
                "",
                "guide <https://x.example>"
            ]
        );
    }

    #[test]
    fn html_escape_sequences_and_unsafe_links_do_not_reach_the_terminal() {
        let text = plain("<b>hi</b> \u{1b}[2J [x](javascript:alert(1))").concat();
        assert!(!text.contains('\u{1b}'));
        assert!(!text.contains("javascript"));
        assert!(text.contains("<b>hi</b>"));
    }
}
