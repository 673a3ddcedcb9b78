//! Popups over the screen: help (generated from the key table), topics, and search.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::{first_row, marker, topic_line, wrap};
use crate::report::compare::{Change, Comparison};
use crate::report::score_text;
use crate::text::{clip, one_line};
use crate::tui::keymap::{self, Context};
use crate::tui::state::{Confirm, Overlay, State};

fn popup(area: Rect, width: u16, height: u16, title: &str, buf: &mut Buffer) -> Rect {
    let popup = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    Clear.render(popup, buf);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(popup);
    block.render(popup, buf);
    inner
}

pub fn render(state: &State, area: Rect, buf: &mut Buffer) {
    match &state.overlay {
        None => {}
        Some(Overlay::Help) => help(state, area, buf),
        Some(Overlay::Topics { selected, filter }) => topics(state, *selected, filter, area, buf),
        Some(Overlay::Search { query, selected }) => search(state, query, *selected, area, buf),
        Some(Overlay::Compare { comparison, scroll }) => {
            compare(state, comparison, *scroll, area, buf);
        }
        Some(Overlay::Confirm(what)) => confirm(state, what, area, buf),
        Some(Overlay::Rename { fields, focus, .. }) => rename(state, fields, *focus, area, buf),
        Some(Overlay::ActionEdit {
            question,
            fields,
            status,
            focus,
        }) => action_edit(state, question, fields, *status, *focus, area, buf),
        Some(Overlay::Unsaved {
            unsaved, reason, ..
        }) => {
            unsaved_dialog(state, *unsaved, reason, area, buf);
        }
    }
}

/// A yes-or-no question before a change of state.
fn confirm(state: &State, what: &Confirm, area: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    let (title, question) = match what {
        Confirm::Delete { what, .. } => (
            "Delete?",
            format!(
                " Move the visit of {} to the trash? posture restore puts it back until the trash is emptied.",
                crate::text::one_line(what)
            ),
        ),
        Confirm::Finish { coverage } => (
            "Mark finished?",
            format!(
                " Only {} of the questions are answered. Once finished, the assessment is read-only until it is reopened. Mark it finished anyway?",
                crate::report::percent_text(Some(*coverage))
            ),
        ),
        Confirm::Reopen => (
            "Reopen?",
            " This assessment is finished. Reopen it for changes? The file records when it was reopened.".to_owned(),
        ),
    };
    let inner = popup(area, 64, 8, title, buf);
    let mut lines = vec![Line::from(question), Line::default()];
    lines.push(Line::from(
        keymap::bindings(Context::Confirm)
            .filter(|b| b.in_bar)
            .flat_map(|b| {
                [
                    Span::styled(format!(" {}", b.label), theme.key()),
                    Span::raw(format!(" {}  ", b.help)),
                ]
            })
            .collect::<Vec<_>>(),
    ));
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .render(inner, buf);
}

/// New names for a client, applied to every visit.
fn rename(state: &State, fields: &[String; 2], focus: usize, area: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    let inner = popup(area, 64, 8, "Rename the client", buf);
    let field = |n: usize, label: &str| {
        let caret = if n == focus { "█" } else { "" };
        Line::from(vec![
            Span::styled(format!(" {label:<13}"), theme.heading()),
            Span::raw(format!("{}{caret}", one_line(&fields[n]))),
        ])
    };
    let lines = vec![
        Line::styled(
            " Every visit of this client takes the new names.",
            theme.muted(),
        ),
        Line::default(),
        field(0, "Organisation"),
        field(1, "Site"),
        Line::default(),
        Line::from(
            keymap::bindings(Context::Rename)
                .filter(|b| b.in_bar)
                .flat_map(|b| {
                    [
                        Span::styled(format!(" {}", b.label), theme.key()),
                        Span::raw(format!(" {}  ", b.help)),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
    ];
    Paragraph::new(lines).render(inner, buf);
}

/// Who fixes a finding, by when, and where it stands.
fn action_edit(
    state: &State,
    question: &str,
    fields: &[String; 4],
    status: crate::assessment::ActionStatus,
    focus: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = state.theme;
    let inner = popup(area, 70, 12, "Action", buf);
    let task = state
        .session
        .as_ref()
        .and_then(|s| s.assessment.find_question(question))
        .map_or_else(|| question.to_owned(), |(_, q)| q.task().to_owned());
    // The status is cycled, not typed: it gets no caret.
    let row = |n: usize, label: &str, value: String| {
        let caret = if n == focus && n != 2 { "█" } else { "" };
        Line::from(vec![
            Span::raw(marker(n == focus)),
            Span::styled(format!("{label:<13}"), theme.heading()),
            Span::raw(format!("{}{caret}", one_line(&value))),
        ])
    };
    let status_text = match status {
        crate::assessment::ActionStatus::AcceptedRisk => {
            "accepted risk (needs a reason and a review date)".to_owned()
        }
        other => other.name().replace('-', " "),
    };
    let lines = vec![
        Line::styled(format!(" {}", one_line(&task)), theme.heading()),
        Line::default(),
        row(0, "Owner", fields[0].clone()),
        row(
            1,
            "Due",
            if fields[1].is_empty() && focus != 1 {
                "(a date such as 2027-01-31)".into()
            } else {
                fields[1].clone()
            },
        ),
        row(2, "Status", format!("◂ {status_text} ▸")),
        row(3, "Reason", fields[2].clone()),
        row(4, "Review on", fields[3].clone()),
        Line::default(),
        Line::from(
            keymap::bindings(Context::ActionEdit)
                .filter(|b| b.in_bar)
                .flat_map(|b| {
                    [
                        Span::styled(format!(" {}", b.label), theme.key()),
                        Span::raw(format!(" {}  ", b.help)),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
    ];
    Paragraph::new(lines).render(inner, buf);
}

/// Quitting while changes cannot be saved: what is at stake, and the choices.
fn unsaved_dialog(state: &State, unsaved: usize, reason: &str, area: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    let inner = popup(area, 76, 13, "Not saved", buf);
    // A margin of one column, kept by wrapped lines too.
    let inner = Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let room = usize::from(inner.width);
    let path = state.session.as_ref().map_or_else(String::new, |s| {
        crate::text::short_path(&s.path, state.home.as_deref(), room.saturating_sub(6))
    });
    let mut lines = vec![
        Line::styled(
            format!(
                "{} could not be saved: {}.",
                crate::tui::state::changes(unsaved),
                one_line(reason)
            ),
            theme.error(),
        ),
        Line::from(format!("File: {path}")),
        Line::default(),
    ];
    for binding in keymap::bindings(state.context()) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<5} ", binding.label), theme.key()),
            Span::raw(binding.help),
        ]));
    }
    if let Some(message) = &state.message {
        lines.push(Line::default());
        lines.push(Line::styled(one_line(&message.text), theme.error()));
    }
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .render(inner, buf);
}

fn help(state: &State, area: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    let entries: Vec<(&str, &str)> = keymap::shown(state.screen_context())
        .map(|b| (b.label, b.help))
        .collect();
    // One column when it fits, two side by side when the terminal is short; there, a long
    // description wraps under itself rather than being cut.
    let rows = u16::try_from(entries.len()).unwrap_or(u16::MAX);
    let columns: u16 = if rows.saturating_add(4) <= area.height {
        1
    } else {
        2
    };
    let width = if columns == 1 { 76 } else { area.width };
    let help_width = usize::from(width.saturating_sub(2) / columns).saturating_sub(11);
    let wrapped: Vec<Vec<Line>> = entries
        .iter()
        .map(|(label, help)| {
            wrap(help, help_width)
                .into_iter()
                .enumerate()
                .map(|(i, text)| {
                    let key = if i == 0 {
                        format!(" {label:<9} ")
                    } else {
                        " ".repeat(11)
                    };
                    Line::from(vec![Span::styled(key, theme.key()), Span::raw(text)])
                })
                .collect()
        })
        .collect();
    let total: usize = wrapped.iter().map(Vec::len).sum();
    // The first column takes entries until it holds half the lines.
    let mut split = wrapped.len();
    let mut first_rows = 0;
    if columns == 2 {
        for (i, entry) in wrapped.iter().enumerate() {
            if first_rows * 2 >= total {
                split = i;
                break;
            }
            first_rows += entry.len();
        }
    } else {
        first_rows = total;
    }
    let tallest = first_rows.max(total - first_rows);
    let height = u16::try_from(tallest).unwrap_or(u16::MAX).saturating_add(4);
    let inner = popup(area, width, height, "Keys", buf);
    let [body, _, foot] = inner.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    let areas = body.layout_vec(&Layout::horizontal(vec![
        Constraint::Fill(1);
        usize::from(columns)
    ]));
    let (left, right) = wrapped.split_at(split);
    for (entries, column) in [left, right].into_iter().zip(areas) {
        Paragraph::new(entries.concat()).render(column, buf);
    }
    Line::styled(
        " Every answer is saved the moment you give it. Esc closes this help.",
        theme.muted(),
    )
    .render(foot, buf);
}

/// Draws the rows of a list that fit, keeping `selected` in view; only those rows are built.
fn list(
    count: usize,
    selected: usize,
    inner: Rect,
    buf: &mut Buffer,
    row: impl Fn(usize) -> Line<'static>,
) {
    let first = first_row(selected, inner.height);
    let lines: Vec<Line> = (first..count)
        .take(usize::from(inner.height))
        .map(row)
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// The typed filter of a popup list, and what the keys do.
fn typed_line(text: &str, help: &str, theme: crate::tui::theme::Theme) -> Vec<Line<'static>> {
    vec![
        Line::from(vec![
            Span::styled(" / ", theme.key()),
            Span::raw(one_line(text)),
            Span::raw("█"),
        ]),
        Line::styled(format!(" {help}"), theme.muted()),
    ]
}

fn topics(state: &State, selected: usize, filter: &str, area: Rect, buf: &mut Buffer) {
    let Some(session) = &state.session else {
        return;
    };
    let theme = state.theme;
    let hits = state.topic_hits();
    let width = area.width.saturating_sub(4).clamp(40, 90);
    let height = u16::try_from(session.assessment.checklists.len())
        .unwrap_or(u16::MAX)
        .saturating_add(4);
    let inner = popup(area, width, height, "Topics", buf);
    let [input, rows] = inner.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
    ]));
    Paragraph::new(typed_line(
        filter,
        "Type to narrow; ↑/↓ choose, Enter go, Esc close.",
        theme,
    ))
    .render(input, buf);
    if hits.is_empty() {
        Paragraph::new(Line::styled(" No topic matches.", theme.muted())).render(rows, buf);
        return;
    }
    let line_width = usize::from(rows.width);
    list(hits.len(), selected, rows, buf, |i| {
        topic_line(session, hits[i], i == selected, line_width, theme)
    });
}

fn search(state: &State, query: &str, selected: usize, area: Rect, buf: &mut Buffer) {
    let Some(session) = &state.session else {
        return;
    };
    let theme = state.theme;
    let inner = popup(
        area,
        area.width.saturating_sub(4).max(40),
        area.height.saturating_sub(2),
        "Search questions",
        buf,
    );
    let [input, results] = inner.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
    ]));
    Paragraph::new(typed_line(
        query,
        "Type words; ↑/↓ choose, Enter go, Esc close; ✔ is answered.",
        theme,
    ))
    .render(input, buf);
    let hits = state.search_hits();
    let width = usize::from(results.width).saturating_sub(4);
    if hits.is_empty() && !query.trim().is_empty() {
        Paragraph::new(Line::styled(" No question matches.", theme.muted())).render(results, buf);
        return;
    }
    list(hits.len(), selected, results, buf, |i| {
        let at = hits[i];
        let answered = if session.is_answered(at) { "✔" } else { " " };
        let found = format!(
            "{} — {}",
            one_line(&session.question(at).prompt),
            one_line(&session.checklist(at).title)
        );
        // The mark goes outside the clipped text, which trims a leading space away.
        let text = format!(
            "{}{answered} {}",
            marker(i == selected),
            clip(&found, width.saturating_sub(2))
        );
        if i == selected {
            Line::styled(text, theme.selected())
        } else {
            Line::from(text)
        }
    });
}

/// Every visit's score as a small chart of bars (0 to 100), oldest first, then the first and
/// latest scores.
fn trend_line(c: &Comparison, theme: crate::tui::theme::Theme) -> Line<'static> {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    if c.trend.len() < 2 {
        return Line::default();
    }
    let chart: String = c
        .trend
        .iter()
        .map(|point| match point.score {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Some(score) => BARS[((score.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize],
            None => '·',
        })
        .collect();
    let (first, last) = (&c.trend[0], &c.trend[c.trend.len() - 1]);
    Line::from(vec![
        Span::styled(" Every visit ", theme.heading()),
        Span::styled(chart, theme.key()),
        Span::raw(format!(
            "  {} visits: {} {} → {} {}",
            c.trend.len(),
            first.date,
            score_text(first.score),
            last.date,
            score_text(last.score)
        )),
    ])
}

fn compare(state: &State, c: &Comparison, scroll: usize, area: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    let inner = popup(
        area,
        area.width,
        area.height,
        &format!("Since {}", c.before.date),
        buf,
    );
    let [head, rows] = inner.layout(&Layout::vertical([
        Constraint::Length(4),
        Constraint::Fill(1),
    ]));
    let arrow = |a: Option<f64>, b: Option<f64>| format!("{} → {}", score_text(a), score_text(b));
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(" Score ", theme.heading()),
            Span::raw(arrow(c.before.score, c.after.score)),
            Span::raw(format!(
                "   {} → {}   critical gaps {} → {}",
                c.before.level.unwrap_or("n/a"),
                c.after.level.unwrap_or("n/a"),
                c.before.critical_gaps,
                c.after.critical_gaps
            )),
        ]),
        trend_line(c, theme),
        Line::styled(
            format!(
                " {} question(s) changed; regressions first. ↑/↓ scroll, Esc close.",
                c.questions.len()
            ),
            theme.muted(),
        ),
    ])
    .render(head, buf);
    if c.questions.is_empty() {
        Paragraph::new(Line::from(" No answer changed since then.")).render(rows, buf);
        return;
    }
    // Each change on as many lines as its question needs: the question wraps, and the answers
    // before and after go on a line of their own, so nothing is cut at 80 columns.
    let indent = 14;
    let width = usize::from(rows.width).saturating_sub(indent).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for q in c.questions.iter().skip(scroll) {
        if lines.len() >= usize::from(rows.height) {
            break;
        }
        let style = match q.change {
            Change::Regressed => theme.error(),
            Change::Improved => theme.good(),
            Change::New | Change::Removed => theme.muted(),
        };
        let mark = if q.severity == Some("critical") {
            "! "
        } else {
            "  "
        };
        for (n, text) in wrap(&q.prompt, width).into_iter().enumerate() {
            let lead = if n == 0 {
                vec![
                    Span::styled(format!(" {:<10} ", q.change.name()), style),
                    Span::raw(mark),
                ]
            } else {
                vec![Span::raw(" ".repeat(indent))]
            };
            lines.push(Line::from([lead, vec![Span::raw(text)]].concat()));
        }
        lines.push(Line::styled(
            format!(
                "{}{} → {}",
                " ".repeat(indent),
                q.before.as_deref().map_or_else(|| "—".to_owned(), one_line),
                q.after.as_deref().map_or_else(|| "—".to_owned(), one_line)
            ),
            theme.muted(),
        ));
    }
    Paragraph::new(lines).render(rows, buf);
}
