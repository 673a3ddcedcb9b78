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

use super::action::{Action, Word};
use super::keymap::{self, Context};
use super::state::{Screen, State};
use super::theme::Theme;
use crate::checklist::Kind;
use crate::text::{clip, clip_middle, one_line, org_and_site, pad, width};

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
            Screen::Start {
                selected,
                by_client,
            } => start::render(self, *selected, *by_client, title, body, buf),
            Screen::Details(form) => form::render_details(self, form, title, body, buf),
            Screen::Picker(form) => form::render_picker(self, form, title, body, buf),
            Screen::Question {
                scroll,
                editor,
                digits,
                intro,
            } => {
                let view = question::View {
                    scroll: *scroll,
                    editor: editor.as_deref(),
                    digits,
                    intro: *intro,
                };
                question::render(self, &view, title, body, buf);
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
    let room = usize::from(area.width.saturating_sub(width + 3));
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

/// The key bar: the latest message, or the keys that work here. A message too long for the
/// bar ends in `…`; keys that do not fit are left out whole (the help lists them all), and
/// "? help" and "q quit" always stay.
fn key_bar(state: &State, area: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    let room = usize::from(area.width).saturating_sub(1);
    if let Some(message) = &state.message {
        let style = if message.error {
            theme.error()
        } else {
            theme.good()
        };
        Line::from(Span::styled(
            format!(" {}", clip_middle(&message.text, room)),
            style,
        ))
        .render(area, buf);
        return;
    }
    let items = bar_items(state);
    let cost = |(label, help): &(String, &str)| width(label) + width(help) + 3;
    let kept_last = items
        .iter()
        .rev()
        .take_while(|(label, _)| label == "?" || label == "q")
        .count();
    let (head, tail) = items.split_at(items.len() - kept_last);
    // The table's order is the order of importance: keys are kept until one does not fit.
    let mut budget = room.saturating_sub(tail.iter().map(cost).sum());
    let mut spans = vec![Span::raw(" ")];
    for item in head
        .iter()
        .take_while(|item| {
            let fits = cost(item) <= budget;
            budget = budget.saturating_sub(cost(item));
            fits
        })
        .chain(tail)
    {
        spans.push(Span::styled(item.0.clone(), theme.key()));
        spans.push(Span::raw(format!(" {}  ", item.1)));
    }
    Line::from(spans).render(area, buf);
}

/// The keys the bar shows here, worded for this screen: on the question screen, only the keys
/// that work for this kind of question.
pub(super) fn bar_items(state: &State) -> Vec<(String, &'static str)> {
    let context = state.context();
    if context == Context::Question
        && matches!(
            state.screen,
            super::state::Screen::Question { intro: true, .. }
        )
    {
        let can_go_back = state
            .session
            .as_ref()
            .is_some_and(|s| s.previous().is_some());
        return [
            Some(("Enter/→", "begin")),
            can_go_back.then_some(("←", "back")),
            Some(("?", "help")),
            Some(("q", "quit")),
        ]
        .into_iter()
        .flatten()
        .map(|(label, help)| (label.to_owned(), help))
        .collect();
    }
    let question = state
        .session
        .as_ref()
        .filter(|_| context == Context::Question)
        .map(|s| (s.question(s.at), s.assessment.finished));
    let carried = state.session.as_ref().is_some_and(|s| s.is_carried(s.at));
    if let super::state::Screen::Details(form) = &state.screen
        && context == Context::Details
        && form.focus == super::state::Field::Mode
    {
        return [
            ("Space", "audit or self"),
            ("Tab/↓", "next field"),
            ("Enter", "choose topics"),
            ("Esc", "back"),
        ]
        .into_iter()
        .map(|(label, help)| (label.to_owned(), help))
        .collect();
    }
    let can_select = state.can_select();
    let by_client = matches!(
        state.screen,
        super::state::Screen::Start {
            by_client: true,
            ..
        }
    );
    keymap::bindings(context)
        .filter(|binding| can_select || !matches!(binding.action, Action::Select))
        .filter_map(|binding| {
            let item = |label: &str, help: &'static str| Some((label.to_owned(), help));
            let Some((question, finished)) = question else {
                if by_client && matches!(binding.action, Action::ToggleStartView) {
                    return item("Tab", "visits");
                }
                return binding
                    .in_bar
                    .then(|| (binding.label.to_owned(), short_help(context, binding.help)));
            };
            let typed = matches!(question.kind, Kind::Text | Kind::Number);
            match (&binding.action, &question.kind) {
                (Action::Reopen, _) => finished.then(|| ("R".to_owned(), "reopen")),
                (Action::ConfirmCarried, _) => carried.then(|| ("c".to_owned(), "confirm")),
                (_, _) if finished && binding.action.changes_answers() => None,
                (Action::Answer(Word::Yes), Kind::YesNo) => item("y/p/n", "answer"),
                (Action::Answer(Word::Yes), _) => None,
                (Action::Answer(Word::Unknown), _) if typed || !question.allow_na => {
                    item("u", "don't know")
                }
                (Action::Answer(Word::Unknown), _) => item("u/x", "unsure, n/a"),
                (Action::Choose(_), Kind::Choice(choices)) if choices.len() <= 9 => {
                    item(&format!("1-{}", choices.len()), "pick")
                }
                (Action::Choose(_), Kind::Choice(_)) => item("1-9…", "number, Enter"),
                (Action::EditValue, _) if typed && !finished => item("Enter", "type the answer"),
                (Action::EditValue, _) => item("→", "next"),
                _ => binding
                    .in_bar
                    .then(|| (binding.label.to_owned(), short_help(context, binding.help))),
            }
        })
        .collect()
}

/// Key-bar wording, shorter than the help's where space is tight.
fn short_help(context: Context, help: &'static str) -> &'static str {
    match (context, help) {
        (Context::Start, "continue the latest") => "continue",
        (Context::Start, "new assessment") => "new",
        (Context::Start, "clients or recent visits") => "clients",
        (Context::Start, "follow-up visit: carry the answers over to re-verify") => "follow-up",
        (Context::Summary, "go to the question") => "open",
        (Context::Summary, "export Markdown") => "export",
        (Context::Summary, "back to the questions") => "questions",
        (Context::Summary, "compare with the last visit") => "compare",
        _ => help,
    }
}

/// `text` word-wrapped to lines of at most `columns` terminal columns; a word longer than a
/// line is broken where it must be.
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in one_line(text).split(' ').filter(|w| !w.is_empty()) {
        let needed = width(word) + usize::from(!line.is_empty());
        if !line.is_empty() && width(&line) + needed > columns {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        for c in word.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if width(&line) + w > columns && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// At most `rows` lines of `lines`, the last ending in `…` when some were left out.
fn at_most(mut lines: Vec<String>, rows: usize, columns: usize) -> Vec<String> {
    if lines.len() > rows && rows > 0 {
        lines.truncate(rows);
        if let Some(last) = lines.last_mut() {
            *last = format!(
                "{}…",
                clip(last, columns.saturating_sub(1)).trim_end_matches('…')
            );
        }
    }
    lines
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
    let name_width = width.saturating_sub(count.len() + 4);
    let title = pad(&session.assessment.checklists[index].title, name_width);
    let text = format!("{}{done} {title} {count}", marker(selected));
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
