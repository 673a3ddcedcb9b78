//! The question screen, where people spend their time: the prompt and answers never scroll
//! away; why it matters, how to check, what to do and the notes scroll beneath them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::{assessment_title, at_most, bar, first_row, title_bar, topic_line, wrap};
use crate::assessment::{Mode, Response};
use crate::checklist::{Kind, Question};
use crate::text::{clip, clip_middle, one_line, pad, printable, width};
use crate::tui::markdown;
use crate::tui::session::{Filter, Session};
use crate::tui::state::{EditTarget, Editor, State};
use crate::tui::theme::Theme;

/// The side pane of topics appears from this width.
const WIDE: u16 = 110;
const TOPICS_WIDTH: u16 = 38;
const EDITOR_HEIGHT: u16 = 8;
/// The fewest lines left for why it matters, how to check and what to do.
const DETAILS_MIN: u16 = 3;

/// What the question screen shows besides the state's session.
pub struct View<'a> {
    pub scroll: u16,
    pub editor: Option<&'a Editor>,
    /// Digits typed toward a choice number.
    pub digits: &'a str,
    /// The topic's introduction instead of its first question.
    pub intro: bool,
}

pub fn render(state: &State, view: &View<'_>, title: Rect, body: Rect, buf: &mut Buffer) {
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
    let topic = session.checklist(session.at);
    let block = Block::bordered().title(format!(
        " {} ",
        clip(&topic.title, usize::from(main.width.saturating_sub(4)))
    ));
    let inner = block.inner(main);
    block.render(main, buf);
    if view.intro {
        render_intro(session, theme, inner, buf);
    } else {
        render_question(session, view, theme, inner, buf);
    }
}

/// The question itself: prompt, answers, the current answer, the details and any editor.
fn render_question(
    session: &Session,
    view: &View<'_>,
    theme: Theme,
    inner: Rect,
    buf: &mut Buffer,
) {
    let at = session.at;
    let question = session.question(at);
    let columns = usize::from(inner.width);
    let editor_height = match view.editor.map(|e| e.target) {
        None => 0,
        Some(EditTarget::Value) => 3,
        Some(_) => EDITOR_HEIGHT,
    };
    let meta = meta_line(session, question, theme);
    let meta_height = u16::from(meta.is_some());
    let mut current = current_lines(session.response(at), columns, theme);
    if session.is_carried(at) {
        current.push(Line::styled(
            "    carried over from the last visit: c confirms it as it is, or answer again",
            theme.key(),
        ));
    }
    let current_height = u16::try_from(current.len()).unwrap_or(u16::MAX);
    let room = inner
        .height
        .saturating_sub(editor_height + meta_height + current_height + DETAILS_MIN);
    let prompt_rows = usize::from((room / 3).max(2));
    let prompt = at_most(wrap(&question.prompt, columns), prompt_rows, columns);
    let prompt_height = u16::try_from(prompt.len()).unwrap_or(u16::MAX);
    let answers = answer_lines(
        session,
        question,
        view.digits,
        columns,
        usize::from(room.saturating_sub(prompt_height)),
        theme,
    );
    let answers_height = u16::try_from(answers.len()).unwrap_or(u16::MAX);
    let [
        prompt_area,
        meta_area,
        answers_area,
        current_area,
        details,
        edit,
    ] = inner.layout(&Layout::vertical([
        Constraint::Length(prompt_height),
        Constraint::Length(meta_height),
        Constraint::Length(answers_height),
        Constraint::Length(current_height),
        Constraint::Fill(1),
        Constraint::Length(editor_height),
    ]));
    let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
    Paragraph::new(
        prompt
            .into_iter()
            .map(|l| Line::styled(l, bold))
            .collect::<Vec<_>>(),
    )
    .render(prompt_area, buf);
    if let Some(meta) = meta {
        meta.render(meta_area, buf);
    }
    Paragraph::new(answers).render(answers_area, buf);
    Paragraph::new(current).render(current_area, buf);
    // Criteria are the only lines after the first in a yes-no question's answers.
    let criteria_shown = question.kind != Kind::YesNo || answers_height > 1;
    let lines = detail_lines(
        session,
        question,
        usize::from(details.width),
        criteria_shown,
        theme,
    );
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((view.scroll, 0))
        .block(
            Block::new()
                .borders(Borders::TOP)
                .border_style(theme.muted()),
        )
        .render(details, buf);
    if let Some(editor) = view.editor {
        render_editor(session, editor, theme, edit, buf);
    }
}

/// "10 questions here, about 15 minutes.", counted as the topic picker counts: every
/// question of the mode, those that depend on an answer included.
fn intro_size(session: &Session, asked: usize) -> String {
    let mode = session.assessment.header.mode;
    let all = mode.questions_in(session.checklist(session.at));
    let minutes = mode.minutes(all);
    if all > asked {
        format!(
            "Up to {all} questions here (some depend on your answers), about {minutes} minutes."
        )
    } else {
        format!(
            "{all} question{} here, about {minutes} minute{}.",
            if all == 1 { "" } else { "s" },
            if minutes == 1 { "" } else { "s" }
        )
    }
}

/// Before a topic's first question: what the topic is about, and how long it takes.
fn render_intro(session: &Session, theme: Theme, area: Rect, buf: &mut Buffer) {
    let topic = session.checklist(session.at);
    let asked = session
        .topics()
        .get(session.at.checklist)
        .map_or(0, |t| t.asked);
    let mut lines = vec![
        Line::styled(one_line(&topic.summary), theme.heading()),
        Line::default(),
    ];
    lines.extend(markdown::lines(&topic.description, theme));
    lines.push(Line::default());
    lines.push(Line::styled(intro_size(session, asked), theme.muted()));
    lines.push(Line::from(vec![
        Span::styled("Enter", theme.key()),
        Span::raw(" or "),
        Span::styled("→", theme.key()),
        Span::raw(" begins the topic."),
    ]));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

fn render_title(session: &Session, theme: Theme, area: Rect, buf: &mut Buffer) {
    let left = assessment_title(session);
    let (n, of) = session.position();
    let progress = session.progress();
    // A filter on stays in sight on the right, which is never cut.
    let filter =
        (session.filter != Filter::All).then(|| format!("only {}  ", session.filter.name()));
    // The topic's name gets what the left part leaves (at least 12 columns); the left part
    // is cut with `…` when both do not fit.
    let fixed =
        26 + if session.assessment.finished { 22 } else { 0 } + filter.as_deref().map_or(0, width);
    let topic_room = usize::from(area.width)
        .saturating_sub(fixed + width(&left).min(usize::from(area.width) / 2))
        .max(12);
    let mut right = Vec::new();
    if session.assessment.finished {
        right.push(Span::styled("finished · read-only  ", theme.key()));
    }
    if let Some(filter) = filter {
        right.push(Span::styled(filter, theme.key()));
    }
    right.extend([
        Span::raw(format!(
            "{}  {n}/{of}  ",
            clip(&session.checklist(session.at).title, topic_room)
        )),
        Span::raw(bar(progress, 10)),
        Span::raw(format!(" {:>3.0}% ", progress * 100.0)),
    ]);
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

/// The question's id and severity, for a technician; an owner sees neither. `None` when there
/// is nothing to show.
fn meta_line(session: &Session, question: &Question, theme: Theme) -> Option<Line<'static>> {
    let checklist = session.checklist(session.at);
    let mut spans = Vec::new();
    if session.assessment.header.mode == Mode::Audit {
        spans.push(Span::styled(
            format!("{}/{}", checklist.id, question.id),
            theme.muted(),
        ));
        if let Some(severity) = question.severity {
            spans.push(Span::raw("  ·  severity: "));
            spans.push(Span::styled(
                severity.name(),
                theme.severity(Some(severity)),
            ));
        } else {
            spans.push(Span::styled("  ·  for context, not scored", theme.muted()));
        }
    }
    if session.answer(session.at).is_some_and(|a| a.flagged) {
        if !spans.is_empty() {
            spans.push(Span::raw("  ·  "));
        }
        spans.push(Span::styled("⚑ flagged for review", theme.key()));
    }
    (!spans.is_empty()).then(|| Line::from(spans))
}

/// The answer given, wrapped so that a long text answer is never cut mid-word.
fn current_lines(
    response: Option<Response<'_>>,
    columns: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let Some(response) = response else {
        return vec![Line::styled("  not answered yet", theme.muted())];
    };
    let lead = "  ▲ current answer: ";
    let lines = wrap(
        &response.label(),
        columns.saturating_sub(width(lead)).max(10),
    );
    let lines = at_most(lines, 3, columns);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let lead = if i == 0 {
                lead.to_owned()
            } else {
                " ".repeat(width(lead))
            };
            Line::from(vec![Span::raw(lead), Span::styled(text, theme.heading())])
        })
        .collect()
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

/// The answers a question takes, in at most `rows` lines. Choices wrap; when they do not all
/// fit, the list scrolls to keep the current (or typed) choice in view and says how many more
/// there are above and below.
fn answer_lines(
    session: &Session,
    question: &Question,
    digits: &str,
    columns: usize,
    rows: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
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
    match &question.kind {
        Kind::YesNo => {
            let mut lines = vec![words(&[
                ("y", "Yes", "yes"),
                ("p", "Partly", "partial"),
                ("n", "No", "no"),
                ("u", "Don't know", "unknown"),
                ("x", "Not applicable", "na"),
            ])];
            let criteria = criteria_lines(question, columns, theme);
            if criteria.len() < rows {
                lines.extend(criteria);
            }
            lines
        }
        Kind::Choice(choices) => {
            let typed: Option<usize> = digits.parse().ok();
            let chosen = choices.iter().position(|c| id == Some(c.id.as_str()));
            let focus = typed.map(|n| n.saturating_sub(1)).or(chosen).unwrap_or(0);
            let key_width = choices.len().to_string().len() + 2;
            // Each choice as its wrapped lines: `[n] label`, continued under the label.
            let blocks: Vec<Vec<Line<'static>>> = choices
                .iter()
                .enumerate()
                .map(|(i, choice)| {
                    let marked = id == Some(choice.id.as_str()) || typed == Some(i + 1);
                    let style = if marked {
                        theme.selected()
                    } else {
                        Style::new()
                    };
                    wrap(&choice.label, columns.saturating_sub(key_width + 3))
                        .into_iter()
                        .enumerate()
                        .map(|(n, text)| {
                            let key = if n == 0 {
                                pad(&format!("[{}]", i + 1), key_width)
                            } else {
                                " ".repeat(key_width)
                            };
                            Line::from(vec![
                                Span::raw("  "),
                                Span::styled(key, theme.key()),
                                Span::styled(format!(" {text}"), style),
                            ])
                        })
                        .collect()
                })
                .collect();
            let mut lines = choice_window(&blocks, focus, rows.saturating_sub(1).max(3), theme);
            let mut last = words(&[
                ("u", "Don't know", "unknown"),
                ("x", "Not applicable", "na"),
            ]);
            if choices.len() > 9 {
                last.spans.push(Span::styled(
                    "type a choice's number, then Enter",
                    theme.muted(),
                ));
            }
            lines.push(last);
            lines
        }
        Kind::Text | Kind::Number => vec![Line::from(vec![
            Span::raw("  "),
            Span::styled("Enter", theme.key()),
            Span::raw(if question.kind == Kind::Number {
                " type a number   "
            } else {
                " type the answer   "
            }),
            Span::styled("u", theme.key()),
            Span::raw(" don't know"),
        ])],
    }
}

/// What Yes, Partly and No mean for this question, each wrapped under its word. Empty when
/// the checklist does not say.
fn criteria_lines(question: &Question, columns: usize, theme: Theme) -> Vec<Line<'static>> {
    let criteria = &question.criteria;
    let mut lines = Vec::new();
    for (word, text) in [
        ("Yes", Some(criteria.yes.as_str()).filter(|t| !t.is_empty())),
        ("Partly", criteria.partial.as_deref()),
        ("No", criteria.no.as_deref()),
    ] {
        let Some(text) = text else { continue };
        for (i, part) in wrap(text, columns.saturating_sub(12).max(10))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 {
                format!("    {word:<7} ")
            } else {
                " ".repeat(12)
            };
            lines.push(Line::from(vec![
                Span::styled(lead, theme.muted()),
                Span::styled(part, theme.muted()),
            ]));
        }
    }
    lines
}

/// The choices that fit in `rows` lines, from the one that keeps `focus` in view, with a
/// line saying how many are above or below when some are left out.
fn choice_window(
    blocks: &[Vec<Line<'static>>],
    focus: usize,
    rows: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let total: usize = blocks.iter().map(Vec::len).sum();
    if total <= rows || blocks.is_empty() {
        return blocks.concat();
    }
    // Room for a "more" line above and one below.
    let room = rows.saturating_sub(2).max(1);
    let focus = focus.min(blocks.len() - 1);
    let (mut first, mut last) = (focus, focus);
    let mut used = blocks[focus].len();
    // Some choices before the focus, then as many after it as fit, then fill up before.
    while first > 0 && used + blocks[first - 1].len() <= room / 2 {
        first -= 1;
        used += blocks[first].len();
    }
    while last + 1 < blocks.len() && used + blocks[last + 1].len() <= room {
        last += 1;
        used += blocks[last].len();
    }
    while first > 0 && used + blocks[first - 1].len() <= room {
        first -= 1;
        used += blocks[first].len();
    }
    let more = |n: usize, way: &str| Line::styled(format!("    {way} {n} more"), theme.muted());
    let mut lines = Vec::new();
    if first > 0 {
        lines.push(more(first, "↑"));
    }
    lines.extend(blocks[first..=last].iter().flatten().take(room).cloned());
    if last + 1 < blocks.len() {
        lines.push(more(blocks.len() - last - 1, "↓"));
    }
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

fn detail_lines(
    session: &Session,
    question: &Question,
    columns: usize,
    criteria_shown: bool,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let audit = session.assessment.header.mode == Mode::Audit;
    let answer = session.answer(session.at);
    let needs_fixing = session
        .response(session.at)
        .and_then(|r| r.credit())
        .is_some_and(|credit| credit < 1.0);
    if needs_fixing {
        let mut what_to_do = Vec::new();
        if let Some(action) = &question.action {
            what_to_do.push(Line::styled(
                format!("→ {}", one_line(action)),
                theme.heading(),
            ));
        }
        what_to_do.extend(markdown::lines(&question.remediation, theme));
        section(&mut lines, "What to do", what_to_do, theme);
    }
    // The answers' meanings show beside the keys when they fit, here when they do not.
    if !criteria_shown {
        section(
            &mut lines,
            "What the answers mean",
            criteria_lines(question, columns, theme),
            theme,
        );
    }
    if let Some(answer) = answer {
        let heading = if answer.internal {
            "Note (internal: never in a client report)"
        } else {
            "Note"
        };
        section(&mut lines, heading, plain(&answer.note), theme);
        section(&mut lines, "Evidence", plain(&answer.evidence), theme);
    }
    // An owner needs to know how to find the answer before anything else.
    if !audit {
        section(
            &mut lines,
            "How to find out",
            markdown::lines(&question.how_to_find_out, theme),
            theme,
        );
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
    // Framework references speak to technicians; an owner gets the reading links alone.
    let refs: Vec<String> = [
        ("CIS v8", &question.refs.cis_v8),
        ("NIST CSF 2.0", &question.refs.nist_csf_2),
    ]
    .iter()
    .filter(|(_, ids)| audit && !ids.is_empty())
    .map(|(name, ids)| format!("{name} {}", ids.join(", ")))
    .collect();
    // A web address is never split over lines: a long one keeps its start and end (the site
    // and the page); the reports carry every address whole.
    let mut more: Vec<Line<'static>> = question
        .links
        .iter()
        .map(|l| Line::from(clip_middle(l, columns)))
        .collect();
    if !refs.is_empty() {
        more.insert(0, Line::styled(refs.join("  ·  "), theme.muted()));
    }
    section(
        &mut lines,
        if audit {
            "References"
        } else {
            "Further reading"
        },
        more,
        theme,
    );
    lines
}

/// The editor's title names what is edited and the question it belongs to: its id for a
/// technician, the start of its prompt for an owner.
fn render_editor(session: &Session, editor: &Editor, theme: Theme, area: Rect, buf: &mut Buffer) {
    let (what, keys) = match editor.target {
        EditTarget::Note => ("Note", "Esc keeps it"),
        EditTarget::Evidence => ("Evidence", "Esc keeps it"),
        EditTarget::Value => ("Answer", "Enter keeps it, Esc too"),
        EditTarget::Reason => ("Why it does not apply", "Esc records it"),
    };
    let question = session.question(session.at);
    let room = usize::from(area.width).saturating_sub(what.len() + keys.len() + 14);
    let about = if session.assessment.header.mode == Mode::Audit {
        format!("{}/{}", session.checklist(session.at).id, question.id)
    } else {
        format!("“{}”", clip(&question.prompt, room.saturating_sub(2)))
    };
    let title = format!(" {what} for {} — {keys} ", clip(&about, room));
    let block = Block::bordered().title(title).border_style(theme.key());
    let inner = block.inner(area);
    block.render(area, buf);
    (&editor.area).render(inner, buf);
}
