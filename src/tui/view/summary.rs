//! The summary: score and level, topics, what to fix first, and the framework roll-ups.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::{assessment_title, bar, first_row, marker, title_bar};
use crate::assessment::Mode;
use crate::frameworks::{CIS_GROUPS, CSF_FUNCTIONS};
use crate::report::{percent_text, score_text};
use crate::score::Tally;
use crate::text::{one_line, pad};
use crate::tui::session::Session;
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn render(state: &State, selected: usize, title: Rect, body: Rect, buf: &mut Buffer) {
    let Some(session) = &state.session else {
        return;
    };
    let theme = state.theme;
    let left = assessment_title(session);
    let status = if session.assessment.finished {
        "summary · finished "
    } else {
        "summary "
    };
    title_bar(theme, &left, vec![Span::raw(status)], title, buf);

    // Framework roll-ups speak to technicians; an owner's summary keeps only how much of the
    // basic safeguards its topics check. The topics get as many rows as they need while "fix
    // first" keeps six.
    let audit = session.assessment.header.mode == Mode::Audit;
    let frameworks_height = if audit { 4 } else { 1 };
    let posture = posture_lines(session, theme);
    let topics = u16::try_from(session.assessment.checklists.len()).unwrap_or(u16::MAX);
    let posture_height = u16::try_from(posture.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let top_height = topics
        .saturating_add(2)
        .min(body.height.saturating_sub(frameworks_height + 8))
        .max(posture_height);
    let [top, fix, frameworks] = body.layout(&Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Fill(1),
        Constraint::Length(frameworks_height),
    ]));
    let [posture_area, topics] = top.layout(&Layout::horizontal([
        Constraint::Length(38),
        Constraint::Fill(1),
    ]));
    Paragraph::new(posture)
        .block(Block::bordered().title(" Posture "))
        .render(posture_area, buf);
    render_topics(session, theme, topics, buf);
    render_fix_first(state, session, selected, fix, buf);
    if audit {
        render_frameworks(session, theme, frameworks, buf);
    } else {
        Line::styled(
            format!(
                " These topics check {} of the {} basic safeguards (CIS Controls v8, IG1).",
                session.card.ig1_assessed,
                crate::frameworks::cis_ig1_safeguards().count()
            ),
            theme.muted(),
        )
        .render(frameworks, buf);
    }
}

/// The score, the level and what holds it down, each line within the box's 36 columns.
fn posture_lines(session: &Session, theme: Theme) -> Vec<Line<'static>> {
    let card = &session.card;
    let level = card.level.map_or("n/a", |l| l.name());
    let provisional = if session.assessment.finished || card.level.is_none() {
        ""
    } else {
        ", not final"
    };
    let score = card.overall.score();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!(" {} / 100", score_text(score)), theme.heading()),
            Span::raw("   "),
            Span::styled(level, theme.level(card.level)),
            Span::styled(provisional, theme.muted()),
        ]),
        Line::from(format!(" {}", bar(score.unwrap_or(0.0) / 100.0, 30))),
        Line::from(format!(
            " {} answered · {} on those alone",
            percent_text(card.counts.coverage()),
            score_text(card.answered.score())
        )),
    ];
    let (gaps, unanswered) = (card.critical_gaps.len(), card.critical_unanswered.len());
    if gaps > 0 {
        lines.push(Line::styled(
            format!(" {} open", crate::text::plural(gaps, "critical gap")),
            theme.error(),
        ));
    }
    if unanswered > 0 {
        lines.push(Line::styled(
            format!(
                " {} unanswered",
                crate::text::plural(unanswered, "critical question")
            ),
            theme.error(),
        ));
    }
    if gaps + unanswered == 0 {
        lines.push(Line::styled(" no critical gaps open", theme.good()));
    } else if card.is_capped() {
        let cap = if gaps + unanswered >= 3 {
            " (they make the level Weak)"
        } else {
            " (they keep the level at most Fair)"
        };
        lines.push(Line::styled(cap, theme.error()));
    }
    if session.save_error.is_some() {
        lines.push(Line::styled(" NOT SAVED — retrying", theme.error()));
    }
    lines
}

fn render_topics(session: &Session, theme: Theme, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered().title(" By topic, weakest first ");
    let inner = block.inner(area);
    block.render(area, buf);
    // Topics not started yet go last: their 0 says nothing about how the business is doing.
    let mut rows: Vec<(String, Option<f64>, bool)> = session
        .assessment
        .checklists
        .iter()
        .zip(&session.card.checklists)
        .zip(session.topics())
        .map(|((c, s), progress)| (one_line(&c.title), s.tally.score(), progress.answered > 0))
        .collect();
    let rank = |row: &(String, Option<f64>, bool)| {
        if row.2 {
            row.1.unwrap_or(f64::INFINITY)
        } else {
            f64::INFINITY
        }
    };
    rows.sort_by(|a, b| rank(a).total_cmp(&rank(b)));
    let name_width = usize::from(inner.width).saturating_sub(16).min(34);
    let bar_width = usize::from(inner.width).saturating_sub(name_width + 7);
    // When not every topic fits, the last row says how many more there are.
    let room = usize::from(inner.height);
    let hidden = rows.len().saturating_sub(room);
    let shown = if hidden > 0 {
        room.saturating_sub(1)
    } else {
        rows.len()
    };
    let more = rows.len() - shown;
    let mut lines: Vec<Line> = rows
        .iter()
        .take(shown)
        .map(|(title, score, started)| {
            let name = Span::raw(format!(" {} ", pad(title, name_width)));
            match (started, score) {
                (true, Some(score)) => Line::from(vec![
                    name,
                    Span::styled(bar(score / 100.0, bar_width), theme.muted()),
                    Span::raw(format!(" {score:>3.0}")),
                ]),
                (true, None) => Line::from(vec![name, Span::styled("not scored", theme.muted())]),
                (false, _) => Line::from(vec![name, Span::styled("not started", theme.muted())]),
            }
        })
        .collect();
    if more > 0 {
        lines.push(Line::styled(
            format!(
                " {}",
                crate::text::clip(
                    &format!("… {more} more topics: t lists them all"),
                    usize::from(inner.width).saturating_sub(1),
                )
            ),
            theme.muted(),
        ));
    }
    Paragraph::new(lines).render(inner, buf);
}

fn render_fix_first(
    state: &State,
    session: &Session,
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = state.theme;
    let block = Block::bordered().title(" Fix first — Enter goes to the question ");
    let inner = block.inner(area);
    block.render(area, buf);
    let audit = session.assessment.header.mode == Mode::Audit;
    let items = session.fixes();
    if items.is_empty() {
        Paragraph::new(Line::styled(
            " Every scored question is answered yes. Well done.",
            theme.good(),
        ))
        .render(inner, buf);
        return;
    }
    let visible = usize::from(inner.height);
    let first = first_row(selected, inner.height);
    let width = usize::from(inner.width);
    // An action's status shows once someone decided about it.
    let tracked = |fix: &crate::tui::Fix| {
        let checklist = session.checklist(fix.at);
        let id = crate::assessment::Assessment::full_id(checklist, session.question(fix.at));
        session.assessment.actions.get(&id).map(|t| t.status)
    };
    let gain_text = |fix: &crate::tui::Fix| {
        use crate::assessment::ActionStatus;
        if fix.waits_for.is_some() {
            "after an earlier question".to_owned()
        } else if fix.unanswered {
            "not answered yet".to_owned()
        } else {
            match tracked(fix) {
                None | Some(ActionStatus::Open) => format!("+{:.1} if fixed", fix.gain),
                Some(ActionStatus::InProgress) => format!("+{:.1} in progress", fix.gain),
                Some(ActionStatus::Done) => format!("+{:.1} done: re-check", fix.gain),
                Some(ActionStatus::AcceptedRisk) => "risk accepted".to_owned(),
            }
        }
    };
    // One column for what fixing is worth, as wide as its widest visible entry.
    let gain_width = items
        .iter()
        .skip(first)
        .take(visible)
        .map(|fix| gain_text(fix).len())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, fix)| {
            let question = session.question(fix.at);
            let critical = fix.critical;
            // Severity words are for technicians; an owner sees the ! on critical ones.
            let severity = if audit {
                question.severity.map_or("", |s| s.name())
            } else {
                ""
            };
            let severity_width = if audit { 9 } else { 0 };
            let prompt_width = width.saturating_sub(gain_width + 6 + severity_width);
            let text = format!(
                "{}{} {}{} {}",
                marker(i == selected),
                if critical { "!" } else { " " },
                pad(severity, severity_width),
                pad(question.task(), prompt_width),
                crate::text::pad_left(&gain_text(fix), gain_width)
            );
            if i == selected {
                Line::styled(text, theme.selected())
            } else {
                Line::styled(
                    text,
                    theme
                        .severity(question.severity)
                        .remove_modifier(ratatui::style::Modifier::DIM),
                )
            }
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

fn rollup(names: impl Iterator<Item = &'static str>, tallies: &[Tally]) -> String {
    names
        .zip(tallies)
        .map(|(name, tally)| format!("{name} {}", score_text(tally.score()).replace(".0", "")))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn render_frameworks(session: &Session, theme: Theme, area: Rect, buf: &mut Buffer) {
    let card = &session.card;
    let lines = vec![
        Line::from(vec![
            Span::styled(" NIST CSF 2.0  ", theme.heading()),
            Span::raw(rollup(CSF_FUNCTIONS.iter().map(|(id, _)| *id), &card.csf)),
        ]),
        Line::from(vec![
            Span::styled(" CIS v8       ", theme.heading()),
            Span::raw(" "),
            Span::raw(rollup(CIS_GROUPS.iter().copied(), &card.cis)),
            Span::styled(
                format!(
                    "   IG1 safeguards assessed {}/{}",
                    card.ig1_assessed,
                    crate::frameworks::cis_ig1_safeguards().count()
                ),
                theme.muted(),
            ),
        ]),
    ];
    Paragraph::new(lines)
        .block(Block::bordered().title(" Frameworks "))
        .render(area, buf);
}
