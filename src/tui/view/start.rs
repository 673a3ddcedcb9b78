//! The start screen: continue the latest assessment, open a saved one, or start anew.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::{first_row, marker, title_bar};
use crate::practice::{Client, Visit};
use crate::report::score_text;
use crate::text::{clip, one_line, org_and_site, pad, width as width_of};
use crate::tui::state::State;

/// The facts of a saved assessment after its name: mode, when it began (day and time, as
/// `posture assessments` shows it, so that two visits on one day are told apart), progress
/// and score.
fn facts(saved: &Visit) -> String {
    let done = saved
        .coverage
        .map_or_else(|| "n/a".to_owned(), |c| format!("{:.0}%", c * 100.0));
    let level = saved.level.map_or("n/a", |l| l.name());
    let finished = if saved.archived {
        " a"
    } else if saved.finished {
        " ✔"
    } else {
        "  "
    };
    format!(
        "{:<5}  {}  {done:>4}{finished}  {level:>6} {:>5}",
        saved.mode.name(),
        saved.created.strftime("%Y-%m-%d %H:%M"),
        score_text(saved.score)
    )
}

/// Who was assessed and by whom: "Acme — Main office · Jo".
fn who(saved: &Visit) -> String {
    let name = org_and_site(&saved.organization, &saved.site);
    if saved.assessor.trim().is_empty() {
        name
    } else {
        format!("{name} · {}", one_line(&saved.assessor))
    }
}

/// Whether a saved assessment fits on one line of `width` columns, names whole.
fn fits_one_line(saved: &Visit, width: usize) -> bool {
    width_of(&who(saved)) + 2 + width_of(&facts(saved)) <= width
}

/// One saved assessment in `width` columns: on one line when it fits, else its names on the
/// first line and the facts, right-aligned, on the second.
fn rows(saved: &Visit, width: usize, two_lines: bool) -> Vec<String> {
    let facts = facts(saved);
    if two_lines {
        vec![
            pad(&who(saved), width),
            format!(
                "{}{facts}",
                " ".repeat(width.saturating_sub(width_of(&facts)))
            ),
        ]
    } else {
        let room = width.saturating_sub(width_of(&facts) + 2);
        vec![format!("{}  {facts}", pad(&who(saved), room))]
    }
}

pub fn render(
    state: &State,
    selected: usize,
    by_client: bool,
    title: Rect,
    body: Rect,
    buf: &mut Buffer,
) {
    let theme = state.theme;
    title_bar(
        theme,
        "posture — security posture checklists",
        vec![],
        title,
        buf,
    );
    let skipped_height = if state.skipped.is_empty() {
        0
    } else {
        u16::try_from(state.skipped.len()).unwrap_or(4).min(4) + 2
    };
    let width = usize::from(body.width.saturating_sub(2));
    let continue_lines = match state.latest_unfinished() {
        Some(saved) => {
            let room = width.saturating_sub(2);
            rows(saved, room, !fits_one_line(saved, room))
                .into_iter()
                .enumerate()
                .map(|(i, text)| {
                    let key = if i == 0 { "c " } else { "  " };
                    Line::from(vec![Span::styled(key, theme.key()), Span::raw(text)])
                })
                .collect()
        }
        None => vec![Line::styled(
            "No assessment in progress. Press n to start one.",
            theme.muted(),
        )],
    };
    let latest_height = u16::try_from(continue_lines.len()).unwrap_or(1) + 2;
    let [latest, list, skipped] = body.layout(&Layout::vertical([
        Constraint::Length(latest_height),
        Constraint::Fill(1),
        Constraint::Length(skipped_height),
    ]));

    Paragraph::new(continue_lines)
        .block(Block::bordered().title(" Continue "))
        .render(latest, buf);

    if by_client && !state.saved.is_empty() {
        render_clients(state, selected, list, buf);
    } else {
        render_saved(state, selected, list, buf);
    }

    if !state.skipped.is_empty() {
        let room = usize::from(skipped.width.saturating_sub(2));
        let lines: Vec<Line> = state
            .skipped
            .iter()
            .map(|s| Line::from(clip(s, room)))
            .collect();
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .title(" Checklist files skipped (posture validate shows why) ")
                    .border_style(theme.error()),
            )
            .render(skipped, buf);
    }
}

/// The list of saved assessments, or what to do while there is none.
fn render_saved(state: &State, selected: usize, list: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    let width = usize::from(list.width.saturating_sub(2));
    let block = Block::bordered().title(" Recent visits — Tab: clients ");
    let inner = block.inner(list);
    block.render(list, buf);
    if state.saved.is_empty() {
        Paragraph::new(vec![
            Line::from("No saved assessments yet."),
            Line::from(""),
            Line::from(
                "Press n to start one: choose self-assessment (the owner answers) or audit (a",
            ),
            Line::from(
                "technician checks on site), name the organisation, pick the topics, and answer.",
            ),
            Line::from("Every answer is saved the moment you give it."),
        ])
        .wrap(Wrap { trim: false })
        .render(inner, buf);
    } else {
        // Every row takes two lines as soon as one needs them, so the list stays even.
        let room = width.saturating_sub(2);
        let two_lines = state.saved.iter().any(|s| !fits_one_line(s, room));
        let per_row = if two_lines { 2 } else { 1 };
        let visible = usize::from(inner.height) / per_row;
        let first = first_row(selected, u16::try_from(visible).unwrap_or(u16::MAX));
        let lines: Vec<Line> = state
            .saved
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .flat_map(|(i, saved)| {
                rows(saved, room, two_lines)
                    .into_iter()
                    .enumerate()
                    .map(move |(n, text)| {
                        let marker = if n == 0 { marker(i == selected) } else { "  " };
                        (i, format!("{marker}{text}"))
                    })
            })
            .map(|(i, text)| {
                if i == selected {
                    Line::styled(text, theme.selected())
                } else {
                    Line::from(text)
                }
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

/// One client on one line: name and site, then its visits, the latest one's date and score,
/// the change since the visit before, and whether a visit is due.
fn client_row(state: &State, client: &Client, width: usize) -> (String, bool) {
    let latest = client.latest();
    let today = crate::assessment::Day::today();
    let overdue = client.is_overdue(today, state.reassess_days);
    let score = if latest.coverage.unwrap_or(0.0) == 0.0 {
        "not started".to_owned()
    } else {
        format!(
            "{} {}",
            latest.level.map_or("n/a", |l| l.name()),
            score_text(latest.score)
        )
    };
    let change = client
        .change()
        .map_or_else(|| "—".to_owned(), |c| format!("{c:+.1}"));
    let facts = format!(
        "{:>2} visit{}  {}  {score:>11}  {change:>6}{}",
        client.visits.len(),
        if client.visits.len() == 1 { " " } else { "s" },
        latest.day,
        if overdue { "  due" } else { "     " }
    );
    let name = org_and_site(&client.organization, &client.site);
    let room = width.saturating_sub(width_of(&facts) + 2);
    (format!("{}  {facts}", pad(&name, room)), overdue)
}

/// The clients: one row each, Enter opens the latest visit, f starts the next.
fn render_clients(state: &State, selected: usize, list: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    let clients = state.clients();
    let block = Block::bordered().title(format!(
        " Clients ({}) — due: no visit for {} days — Tab: recent visits ",
        clients.len(),
        state.reassess_days
    ));
    let inner = block.inner(list);
    block.render(list, buf);
    let width = usize::from(inner.width).saturating_sub(2);
    let first = first_row(selected, inner.height);
    let lines: Vec<Line> = clients
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(inner.height))
        .map(|(i, client)| {
            let (text, overdue) = client_row(state, client, width);
            let text = format!("{}{text}", marker(i == selected));
            if i == selected {
                Line::styled(text, theme.selected())
            } else if overdue {
                Line::styled(text, theme.error())
            } else {
                Line::from(text)
            }
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
