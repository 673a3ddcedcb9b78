//! The question screen, where people spend their time: the prompt and answers never scroll
//! away; why it matters, how to check, what to do and the notes scroll beneath them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::{assessment_title, bar, first_row, title_bar, topic_line};
use crate::assessment::{Mode, Response};
use crate::checklist::{Kind, Question};
use crate::text::{clip, one_line, printable};
use crate::tui::markdown;
use crate::tui::session::{Filter, Session};
use crate::tui::state::{EditTarget, Editor, State};
use crate::tui::theme::Theme;

/// The side pane of topics appears from this width.
const WIDE: u16 = 110;
const TOPICS_WIDTH: u16 = 34;
const EDITOR_HEIGHT: u16 = 8;

/// Lines `text` takes when word-wrapped at `width` (a close estimate of `Paragraph`'s).
fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut lines = 1usize;
    let mut used = 0usize;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if used > 0 && used + 1 + len <= width {
            used += 1 + len;
            continue;
        }
        if used > 0 {
            lines += 1;
        }
        // A word longer than the line is broken over as many lines as it needs.
        lines += (len - 1) / width;
        used = (len - 1) % width + 1;
    }
    u16::try_from(lines).unwrap_or(u16::MAX)
}

pub fn render(
    state: &State,
    scroll: u16,
    editor: Option<&Editor>,
    title: Rect,
    body: Rect,
    buf: &mut Buffer,
) {
    let Some(session) = &state.session else {
        return;
    };
    let theme = state.theme;
    render_title(session, theme, title, buf);
    let main = if body.width >= WIDE {
        let [topics, main] = body.layout(&Layout::horizontal([
            Constraint::Length(TOPICS_WIDTH),
            Constraint::Fill(1),
        ]));
        render_topics(session, theme, topics, buf);
        main
    } else {
        body
    };
    let at = session.at;
    let question = session.question(at);
    let block = Block::bordered().title(format!(" {} ", one_line(&session.checklist(at).title)));
    let inner = block.inner(main);
    block.render(main, buf);

    let prompt_height = wrapped_height(&one_line(&question.prompt), inner.width).min(4);
    let answers = answer_lines(session, question, theme);
    let answers_height = u16::try_from(answers.len()).unwrap_or(u16::MAX);
    let editor_height = match editor.map(|e| e.target) {
        None => 0,
        Some(EditTarget::Value) => 3,
        Some(_) => EDITOR_HEIGHT,
    };
    let [prompt, meta, choices, details, edit] = inner.layout(&Layout::vertical([
        Constraint::Length(prompt_height),
        Constraint::Length(2),
        Constraint::Length(answers_height),
        Constraint::Fill(1),
        Constraint::Length(editor_height),
    ]));
    Paragraph::new(Line::styled(
        one_line(&question.prompt),
        Style::new().add_modifier(ratatui::style::Modifier::BOLD),
    ))
    .wrap(Wrap { trim: true })
    .render(prompt, buf);
    render_meta(session, question, theme, meta, buf);
    Paragraph::new(answers).render(choices, buf);
    let lines = detail_lines(session, question, theme);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(
            Block::new()
                .borders(Borders::TOP)
                .border_style(theme.muted()),
        )
        .render(details, buf);
    if let Some(editor) = editor {
        render_editor(editor, theme, edit, buf);
    }
}

fn render_title(session: &Session, theme: Theme, area: Rect, buf: &mut Buffer) {
    let mut left = assessment_title(session);
    if session.filter != Filter::All {
        left = format!("{left} · showing {}", session.filter.name());
    }
    let (n, of) = session.position();
    let progress = session.progress();
    let right = vec![
        Span::raw(format!(
            "{}  {n}/{of}  ",
            clip(&session.checklist(session.at).title, 18)
        )),
        Span::raw(bar(progress, 10)),
        Span::raw(format!(" {:>3.0}% ", progress * 100.0)),
    ];
    title_bar(theme, &left, right, area, buf);
}

fn render_topics(session: &Session, theme: Theme, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered().title(" Topics ");
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = (0..session.assessment.checklists.len())
        .map(|c| topic_line(session, c, c == session.at.checklist, width, theme))
        .collect();
    let first = first_row(session.at.checklist, inner.height);
    Paragraph::new(lines)
        .scroll((u16::try_from(first).unwrap_or(0), 0))
        .render(inner, buf);
}

fn render_meta(session: &Session, question: &Question, theme: Theme, area: Rect, buf: &mut Buffer) {
    let checklist = session.checklist(session.at);
    let mut spans = vec![Span::styled(
        format!("{}/{}", checklist.id, question.id),
        theme.muted(),
    )];
    if let Some(severity) = question.severity {
        spans.push(Span::raw("  ·  severity: "));
        spans.push(Span::styled(
            severity.name(),
            theme.severity(Some(severity)),
        ));
    } else {
        spans.push(Span::styled("  ·  for context, not scored", theme.muted()));
    }
    if session.answer(session.at).is_some_and(|a| a.flagged) {
        spans.push(Span::styled("  ·  ⚑ flagged for review", theme.key()));
    }
    Line::from(spans).render(area, buf);
}

fn current(response: Option<Response<'_>>, theme: Theme) -> Line<'static> {
    match response {
        Some(r) => Line::from(vec![
            Span::raw("  ▲ current answer: "),
            Span::styled(one_line(&r.label()), theme.heading()),
        ]),
        None => Line::styled("  not answered yet", theme.muted()),
    }
}

fn option(key: &str, label: &str, chosen: bool, theme: Theme) -> Vec<Span<'static>> {
    let style = if chosen {
        theme.selected()
    } else {
        Style::new()
    };
    vec![
        Span::styled(format!("[{key}]"), theme.key()),
        Span::styled(format!(" {label}"), style),
        Span::raw("   "),
    ]
}

fn answer_lines(session: &Session, question: &Question, theme: Theme) -> Vec<Line<'static>> {
    let response = session.response(session.at);
    let id = response.and_then(|r| r.id());
    let words = |with: &[(&str, &str, &str)]| -> Line<'static> {
        let mut spans = vec![Span::raw("  ")];
        for (key, label, answer) in with {
            if *answer == "na" && !question.allow_na {
                continue;
            }
            spans.extend(option(key, label, id == Some(answer), theme));
        }
        Line::from(spans)
    };
    let mut lines = Vec::new();
    match &question.kind {
        Kind::YesNo => lines.push(words(&[
            ("y", "Yes", "yes"),
            ("p", "Partly", "partial"),
            ("n", "No", "no"),
            ("u", "Don't know", "unknown"),
            ("x", "Not applicable", "na"),
        ])),
        Kind::Choice(choices) => {
            for (i, choice) in choices.iter().enumerate().take(9) {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(option(
                    &(i + 1).to_string(),
                    &one_line(&choice.label),
                    id == Some(choice.id.as_str()),
                    theme,
                ));
                lines.push(Line::from(spans));
            }
            lines.push(words(&[
                ("u", "Don't know", "unknown"),
                ("x", "Not applicable", "na"),
            ]));
        }
        Kind::Text | Kind::Number => lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled("Enter", theme.key()),
            Span::raw(if question.kind == Kind::Number {
                " type a number"
            } else {
                " type the answer"
            }),
        ])),
    }
    lines.push(current(response, theme));
    lines
}

fn section(lines: &mut Vec<Line<'static>>, heading: &str, body: Vec<Line<'static>>, theme: Theme) {
    if body.is_empty() {
        return;
    }
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    lines.push(Line::styled(heading.to_owned(), theme.heading()));
    lines.extend(body);
}

fn plain(text: &str) -> Vec<Line<'static>> {
    printable(text)
        .lines()
        .map(|l| Line::from(l.to_owned()))
        .collect()
}

fn detail_lines(session: &Session, question: &Question, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let audit = session.assessment.header.mode == Mode::Audit;
    let answer = session.answer(session.at);
    let needs_fixing = session
        .response(session.at)
        .and_then(|r| r.credit())
        .is_some_and(|credit| credit < 1.0);
    if needs_fixing {
        section(
            &mut lines,
            "What to do",
            markdown::lines(&question.remediation, theme),
            theme,
        );
    }
    if let Some(answer) = answer {
        section(&mut lines, "Note", plain(&answer.note), theme);
        section(&mut lines, "Evidence", plain(&answer.evidence), theme);
    }
    section(
        &mut lines,
        "Why it matters",
        markdown::lines(&question.why, theme),
        theme,
    );
    if audit {
        section(
            &mut lines,
            "How to check (technician)",
            markdown::lines(&question.how_to_check, theme),
            theme,
        );
        if let Some(evidence) = &question.evidence {
            section(&mut lines, "Evidence to record", plain(evidence), theme);
        }
    }
    let refs: Vec<String> = [
        ("CIS v8", &question.refs.cis_v8),
        ("NIST CSF 2.0", &question.refs.nist_csf_2),
    ]
    .iter()
    .filter(|(_, ids)| !ids.is_empty())
    .map(|(name, ids)| format!("{name} {}", ids.join(", ")))
    .collect();
    let mut more: Vec<Line<'static>> = question
        .links
        .iter()
        .map(|l| Line::from(printable(l)))
        .collect();
    if !refs.is_empty() {
        more.insert(0, Line::styled(refs.join("  ·  "), theme.muted()));
    }
    section(&mut lines, "References", more, theme);
    lines
}

fn render_editor(editor: &Editor, theme: Theme, area: Rect, buf: &mut Buffer) {
    let title = match editor.target {
        EditTarget::Note => " Note — Esc keeps it ",
        EditTarget::Evidence => " Evidence — Esc keeps it ",
        EditTarget::Value => " Answer — Enter keeps it, Esc too ",
    };
    let block = Block::bordered().title(title).border_style(theme.key());
    let inner = block.inner(area);
    block.render(area, buf);
    (&editor.area).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::wrapped_height;

    #[test]
    fn wrapped_height_counts_word_wrapped_lines() {
        assert_eq!(wrapped_height("short", 10), 1);
        assert_eq!(wrapped_height("two words here", 9), 2);
        assert_eq!(wrapped_height(&"x".repeat(25), 10), 3);
        assert_eq!(wrapped_height("", 0), 1);
    }
}
