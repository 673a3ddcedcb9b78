//! The start screen: continue the latest assessment, open a saved one, or start anew.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::{first_row, marker, title_bar};
use crate::report::score_text;
use crate::text::{clip, one_line, org_and_site, pad, width as width_of};
use crate::tui::saved::SavedAssessment;
use crate::tui::state::State;

/// One saved assessment on one line of `width` columns: who, then when (day and time, so that
/// two visits on one day are told apart), who assessed, mode, progress and score.
fn row(saved: &SavedAssessment, width: usize) -> String {
    let name = org_and_site(&saved.organization, &saved.site);
    let done = saved
        .coverage
        .map_or_else(|| "n/a".to_owned(), |c| format!("{:.0}%", c * 100.0));
    let level = saved.level.map_or("n/a", |l| l.name());
    let finished = if saved.finished { " ✔" } else { "  " };
    let right = format!(
        "{:<5}  {}  {done:>4}{finished}  {level:>6} {:>5}",
        saved.mode.name(),
        saved.updated.strftime("%Y-%m-%d %H:%M"),
        score_text(saved.score)
    );
    let assessor = if saved.assessor.trim().is_empty() {
        String::new()
    } else {
        format!(" · {}", one_line(&saved.assessor))
    };
    let room = width.saturating_sub(width_of(&right) + 2);
    format!("{}  {right}", pad(&format!("{name}{assessor}"), room))
}

pub fn render(state: &State, selected: usize, title: Rect, body: Rect, buf: &mut Buffer) {
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
    let [latest, list, skipped] = body.layout(&Layout::vertical([
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(skipped_height),
    ]));
    let width = usize::from(list.width.saturating_sub(2));

    let continue_line = match state.latest_unfinished() {
        Some(saved) => Line::from(vec![
            Span::styled("c ", theme.key()),
            Span::raw(row(saved, width.saturating_sub(2))),
        ]),
        None => Line::styled(
            "No assessment in progress. Press n to start one.",
            theme.muted(),
        ),
    };
    Paragraph::new(continue_line)
        .block(Block::bordered().title(" Continue "))
        .render(latest, buf);

    let block = Block::bordered().title(" Saved assessments ");
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
        let visible = usize::from(inner.height);
        let first = first_row(selected, inner.height);
        let lines: Vec<Line> = state
            .saved
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .map(|(i, saved)| {
                let text = format!(
                    "{}{}",
                    marker(i == selected),
                    row(saved, width.saturating_sub(2))
                );
                if i == selected {
                    Line::styled(text, theme.selected())
                } else {
                    Line::from(text)
                }
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
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
