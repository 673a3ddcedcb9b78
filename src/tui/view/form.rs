//! The new-assessment form and the topic picker.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::{first_row, marker, title_bar};
use crate::assessment::Mode;
use crate::checklist::Checklist;
use crate::text::{clip, one_line};
use crate::tui::state::{Field, Form, State};

/// Minutes per question, roughly: reading for the owner, checking for a technician.
fn minutes(mode: Mode, questions: usize) -> usize {
    match mode {
        Mode::SelfAssessment => questions.div_ceil(2).max(1),
        Mode::Audit => (questions * 3).div_ceil(2).max(1),
    }
}

/// Questions of a checklist that an assessment in `mode` asks.
fn asked(checklist: &Checklist, mode: Mode) -> usize {
    checklist.questions.iter().filter(|q| mode.asks(q)).count()
}

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
    let mut lines = vec![
        Line::from(vec![
            Span::raw(marker(focus(Field::Mode))),
            Span::styled("Mode        ", style(Field::Mode)),
            Span::raw(" "),
            Span::raw(choice(
                Mode::Audit,
                "Audit: a technician checks on site    ",
            )),
            Span::raw(choice(
                Mode::SelfAssessment,
                "Self-assessment: the owner answers",
            )),
        ]),
        Line::from(""),
    ];
    for (field, label) in [
        (Field::Organization, "Organisation"),
        (Field::Site, "Site"),
        (Field::Assessor, "Assessor"),
    ] {
        let index = field.text_index().unwrap_or(0);
        let value = one_line(&form.fields[index]);
        let cursor = if focus(field) { "█" } else { "" };
        lines.push(Line::from(vec![
            Span::raw(marker(focus(field))),
            Span::styled(format!("{label:<12}"), style(field)),
            Span::raw(" "),
            Span::raw(value),
            Span::raw(cursor),
        ]));
    }
    lines.extend([
        Line::from(""),
        Line::styled(
            "Audit asks every question and shows how a technician checks each one. A self-assessment",
            theme.muted(),
        ),
        Line::styled("leaves out the technician-only questions.", theme.muted()),
        Line::from(""),
        Line::styled("Site is optional. The assessor is remembered for next time.", theme.muted()),
    ]);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
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
    let total: usize = ticked.iter().map(|c| asked(c, form.mode)).sum();
    let right = format!(
        "2 of 2: topics · {total} questions · about {} min ",
        minutes(form.mode, total)
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
            let n = asked(checklist, form.mode);
            let text = format!(
                "{}[{}] {:<42} {n:>3} questions  ≈{:>3} min",
                marker(i == form.cursor),
                if *ticked { "x" } else { " " },
                clip(&checklist.title, 42),
                minutes(form.mode, n)
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
