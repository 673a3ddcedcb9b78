//! Drawing the state: `impl Widget for &State`. Every screen has a title bar (where am I) and a
//! key bar (what can I do); popups are drawn over the screen.

mod form;
mod overlay;
mod question;
mod start;
mod summary;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::keymap::{self, Context};
use super::state::{Screen, State};
use super::theme::Theme;
use crate::text::{clip, one_line, org_and_site};

/// The smallest terminal posture draws its screens in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

impl Widget for &State {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf);
            return;
        }
        let [title, body, keys] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        match &self.screen {
            Screen::Start { selected } => start::render(self, *selected, title, body, buf),
            Screen::Details(form) => form::render_details(self, form, title, body, buf),
            Screen::Picker(form) => form::render_picker(self, form, title, body, buf),
            Screen::Question { scroll, editor } => {
                question::render(self, *scroll, editor.as_deref(), title, body, buf);
            }
            Screen::Summary { selected } => summary::render(self, *selected, title, body, buf),
        }
        key_bar(self, keys, buf);
        overlay::render(self, body, buf);
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::from(format!(
            " posture needs at least {MIN_WIDTH}×{MIN_HEIGHT} — this terminal is {}×{}.",
            area.width, area.height
        )),
        Line::from(" Make the window larger; nothing is lost."),
    ];
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: true })
        .render(area, buf);
}

/// The one-line title bar: `left` at the start, `right` at the end.
fn title_bar(theme: Theme, left: &str, right: Vec<Span<'_>>, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.bar());
    let right = Line::from(right).style(theme.bar());
    let width = u16::try_from(right.width())
        .unwrap_or(u16::MAX)
        .min(area.width);
    let room = usize::from(area.width.saturating_sub(width + 2));
    Line::from(format!(" {}", clip(left, room)))
        .style(theme.bar())
        .render(area, buf);
    let at = Rect {
        x: area.right() - width,
        width,
        ..area
    };
    right.render(at, buf);
}

/// `posture · Organisation — Site · mode`, for the screens of an open assessment.
fn assessment_title(session: &super::session::Session) -> String {
    let header = &session.assessment.header;
    format!(
        "posture · {} · {}",
        org_and_site(&header.organization, &header.site),
        header.mode
    )
}

/// The key bar: the latest message, or the keys of the current context.
fn key_bar(state: &State, area: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    if let Some(message) = &state.message {
        let style = if message.error {
            theme.error()
        } else {
            theme.good()
        };
        Line::from(Span::styled(format!(" {}", one_line(&message.text)), style)).render(area, buf);
        return;
    }
    let context = state.context();
    let mut spans = vec![Span::raw(" ")];
    for binding in keymap::bindings(context).filter(|b| b.in_bar) {
        spans.push(Span::styled(binding.label, theme.key()));
        spans.push(Span::raw(format!(
            " {}  ",
            short_help(context, binding.help)
        )));
    }
    Line::from(spans).render(area, buf);
}

/// Key-bar wording, shorter than the help's where space is tight.
fn short_help(context: Context, help: &'static str) -> &'static str {
    match (context, help) {
        (Context::Question, "answer yes, partly, no") => "answer",
        (Context::Question, "don't know, not applicable") => "unsure, n/a",
        (Context::Start, "continue the latest") => "continue",
        (Context::Summary, "go to the question") => "open",
        (Context::Summary, "export Markdown") => "export",
        (Context::Summary, "back to the questions") => "questions",
        _ => help,
    }
}

/// One topic with its progress, `width` characters wide: `▸✔ Backups   10/10`.
fn topic_line(
    session: &super::session::Session,
    index: usize,
    selected: bool,
    width: usize,
    theme: Theme,
) -> Line<'static> {
    let progress = session.topics().get(index).copied().unwrap_or_default();
    let done = if progress.asked > 0 && progress.answered == progress.asked {
        "✔"
    } else {
        " "
    };
    let count = format!("{:>3}/{:<3}", progress.answered, progress.asked);
    let name_width = width.saturating_sub(count.len() + 5);
    let title = clip(&session.assessment.checklists[index].title, name_width);
    let text = format!("{}{done} {title:<name_width$} {count}", marker(selected));
    if selected {
        Line::styled(text, theme.selected())
    } else {
        Line::from(text)
    }
}

/// The first row to draw of a list in a `height`-row area so that row `selected` shows.
fn first_row(selected: usize, height: u16) -> usize {
    selected.saturating_sub(usize::from(height).saturating_sub(1))
}

/// `▸ ` for the selected row, two spaces otherwise: selection never relies on colour.
fn marker(selected: bool) -> &'static str {
    if selected { "▸ " } else { "  " }
}

/// A bar of `width` cells, `share` of it filled.
fn bar(share: f64, width: usize) -> String {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let filled = ((share.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}
