//! The new-assessment form and the topic picker.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::{first_row, marker, title_bar};
use crate::assessment::Mode;
use crate::checklist::Checklist;
use crate::text::{one_line, pad, width};
use crate::tui::state::{Field, Form, State};
use crate::tui::theme::Theme;

pub fn render_details(state: &State, form: &Form, title: Rect, body: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    title_bar(
        theme,
        "posture · new assessment",
        vec![Span::raw("1 of 2: who and how ")],
        title,
        buf,
    );
    let block = Block::bordered().title(" New assessment ");
    let inner = block.inner(body);
    block.render(body, buf);

    let focus = |field: Field| form.focus == field;
    let style = |field: Field| {
        if focus(field) {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        }
    };
    let choice = |mode: Mode, label: &str| {
        let dot = if form.mode == mode { "(•)" } else { "( )" };
        format!("{dot} {label}")
    };
    let indent = " ".repeat(LABEL + 3);
    let mut lines = vec![
        Line::from(vec![
            Span::raw(marker(focus(Field::Mode))),
            Span::styled(pad("Mode", LABEL), style(Field::Mode)),
            Span::raw(" "),
            Span::raw(choice(Mode::Audit, "Audit: a technician checks on site")),
        ]),
        Line::from(format!(
            "{indent}{}",
            choice(Mode::SelfAssessment, "Self-assessment: the owner answers")
        )),
        Line::from(""),
    ];
    let room = usize::from(inner.width).saturating_sub(LABEL + 4);
    for (field, label) in [
        (Field::Organization, "Organisation"),
        (Field::Site, "Site"),
        (Field::Assessor, "Assessor"),
    ] {
        let index = field.text_index().unwrap_or(0);
        let mut spans = vec![
            Span::raw(marker(focus(field))),
            Span::styled(pad(label, LABEL), style(field)),
            Span::raw(" "),
        ];
        let caret = focus(field).then_some(form.caret);
        spans.extend(field_spans(&form.fields[index], caret, room, theme));
        lines.push(Line::from(spans));
        if field == Field::Organization {
            lines.extend(suggestion_lines(state, form, &indent, room, theme));
        }
    }
    lines.push(Line::from(""));
    for note in [
        "Audit asks every question and shows how a technician checks each one. A self-assessment leaves out the technician-only questions.",
        "Site is optional. The assessor is remembered for next time.",
    ] {
        lines.push(Line::styled(note, theme.muted()));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// The known clients the organisation typed so far matches, under its field: a pick keeps one
/// client's visits in one history.
fn suggestion_lines(
    state: &State,
    form: &Form,
    indent: &str,
    room: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let offered = state.suggestions();
    if offered.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::styled(
        format!("{indent}Known clients (↓/↑ choose, Enter use):"),
        theme.muted(),
    )];
    for (i, client) in offered.iter().enumerate() {
        let picked = form.suggestion == Some(i);
        let text = format!(
            "{indent}{}{}",
            marker(picked),
            pad(
                &format!(
                    "{} · last visit {}",
                    crate::text::org_and_site(&client.organization, &client.site),
                    client.latest().day
                ),
                room.saturating_sub(2)
            )
        );
        lines.push(if picked {
            Line::styled(text, theme.selected())
        } else {
            Line::from(text)
        });
    }
    lines
}

/// Width of the field labels.
const LABEL: usize = 12;

/// A text field's value in `room` columns: the part around the cursor when it is longer, with
/// `…` where it is cut; the cursor (when the field has focus) in reverse video.
fn field_spans(value: &str, caret: Option<usize>, room: usize, theme: Theme) -> Vec<Span<'static>> {
    let chars: Vec<char> = one_line(value).chars().collect();
    let caret = caret.map(|c| c.min(chars.len()));
    let columns = |s: &[char]| s.iter().map(|c| width(&c.to_string())).sum::<usize>();
    // Start far enough in for the cursor to show, leaving room for a leading `…`.
    let mut first = 0;
    if let Some(at) = caret {
        while first < at && columns(&chars[first..at]) + 2 > room.saturating_sub(1) {
            first += 1;
        }
    }
    let mut last = first;
    let budget = room.saturating_sub(usize::from(first > 0) + 1);
    while last < chars.len() && columns(&chars[first..=last]) <= budget {
        last += 1;
    }
    let piece = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    let mut spans = Vec::new();
    if first > 0 {
        spans.push(Span::styled("…", theme.muted()));
    }
    match caret {
        Some(at) if at < last => {
            spans.push(Span::raw(piece(first, at)));
            spans.push(Span::styled(piece(at, at + 1), theme.selected()));
            spans.push(Span::raw(piece(at + 1, last)));
        }
        Some(_) => {
            spans.push(Span::raw(piece(first, last)));
            spans.push(Span::styled(" ", theme.selected()));
        }
        None => spans.push(Span::raw(piece(first, last))),
    }
    if last < chars.len() {
        spans.push(Span::styled("…", theme.muted()));
    }
    spans
}

pub fn render_picker(state: &State, form: &Form, title: Rect, body: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    let ticked: Vec<&std::sync::Arc<Checklist>> = state
        .checklists
        .iter()
        .zip(&form.topics)
        .filter(|(_, t)| **t)
        .map(|(c, _)| c)
        .collect();
    let total: usize = ticked.iter().map(|c| form.mode.questions_in(c)).sum();
    let right = format!(
        "2 of 2: topics · {total} questions · about {} min ",
        form.mode.minutes(total)
    );
    title_bar(
        theme,
        &format!("posture · {} · {}", one_line(&form.fields[0]), form.mode),
        vec![Span::raw(right)],
        title,
        buf,
    );

    let [list, detail] = body.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(4),
    ]));
    let block = Block::bordered().title(" Topics ");
    let inner = block.inner(list);
    block.render(list, buf);
    let visible = usize::from(inner.height);
    let first = first_row(form.cursor, inner.height);
    let lines: Vec<Line> = state
        .checklists
        .iter()
        .zip(&form.topics)
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, (checklist, ticked))| {
            let n = form.mode.questions_in(checklist);
            let title_width = usize::from(inner.width).saturating_sub(30).clamp(20, 60);
            let text = format!(
                "{}[{}] {} {n:>3} questions  ≈{:>3} min",
                marker(i == form.cursor),
                if *ticked { "x" } else { " " },
                pad(&checklist.title, title_width),
                form.mode.minutes(n)
            );
            if i == form.cursor {
                Line::styled(text, theme.selected())
            } else {
                Line::from(text)
            }
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);

    if let Some(checklist) = state.checklists.get(form.cursor) {
        Paragraph::new(Line::from(one_line(&checklist.summary)))
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(format!(" {} ", one_line(&checklist.title))))
            .render(detail, buf);
    }
}
