//! Text pasted into the terminal goes, whole and at once, into the field that has focus: never
//! read as keys, so a line break in it can never answer or move anything.

use super::{EditTarget, FIELD_LIMIT, Overlay, Screen, State};

/// The most one paste brings into a note: far beyond any note, short of freezing the screen.
const PASTE_LIMIT: usize = 1024 * 1024;

/// The pasted text with line breaks made `\n` and every other control character but tab
/// dropped, cut to `limit` characters; and whether it was cut.
fn clean(text: &str, limit: usize) -> (String, bool) {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut kept: String = unified
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !crate::text::is_unsafe(*c))
        .collect();
    let cut = kept.chars().count() > limit;
    if cut {
        kept = kept.chars().take(limit).collect();
    }
    (kept, cut)
}

/// The first line of a paste, for a field that holds one line; and whether more was left out.
fn first_line(text: &str, limit: usize) -> (String, bool) {
    let (clean, cut) = clean(text, usize::MAX);
    let trimmed = clean.trim_matches('\n');
    let (line, more) = trimmed
        .split_once('\n')
        .map_or((trimmed, false), |(line, _)| (line, true));
    let line = line.replace('\t', " ");
    let fits: String = line.chars().take(limit).collect();
    let shortened = fits.chars().count() < line.chars().count();
    (fits, more || cut || shortened)
}

impl State {
    pub(super) fn paste(&mut self, text: &str) {
        let one_line_note = "Only the first line was pasted: this field takes one line.";
        if let Some(overlay) = &mut self.overlay {
            if let Overlay::Search { query, selected } = overlay {
                let room = FIELD_LIMIT.saturating_sub(query.chars().count());
                let (line, more) = first_line(text, room);
                query.push_str(&line);
                *selected = 0;
                if more {
                    self.info(one_line_note);
                }
            } else {
                self.info("Paste ignored: close this window (Esc), then paste into a note.");
            }
            return;
        }
        match &mut self.screen {
            Screen::Question {
                editor: Some(editor),
                ..
            } => {
                if editor.target == EditTarget::Value {
                    let (line, more) = first_line(text, PASTE_LIMIT);
                    editor.area.insert_str(line);
                    if more {
                        self.info("Only the first line was pasted: an answer is one line.");
                    }
                } else {
                    let (clean, cut) = clean(text, PASTE_LIMIT);
                    editor.area.insert_str(clean);
                    if cut {
                        self.info(format!(
                            "The paste was cut to its first {PASTE_LIMIT} characters."
                        ));
                    }
                }
            }
            Screen::Details(form) => {
                if form.text().is_none() {
                    self.info("Paste ignored: move to a text field first (Tab).");
                    return;
                }
                let (line, more) = first_line(text, FIELD_LIMIT);
                if !form.insert_str(&line) || more {
                    self.info(one_line_note);
                }
            }
            Screen::Question { .. } => {
                self.info("Paste ignored: open a note (e) or evidence (v) first, then paste.");
            }
            _ => self.info("Paste ignored: there is no text field here."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_text_keeps_its_lines_and_loses_its_controls() {
        assert_eq!(
            clean("a\r\nb\rc\u{1b}[2J\td", 100),
            ("a\nb\nc[2J\td".to_owned(), false)
        );
        assert_eq!(clean("abcdef", 3), ("abc".to_owned(), true));
    }

    #[test]
    fn a_one_line_field_takes_the_first_line_and_says_so() {
        assert_eq!(
            first_line("\nfirst\nsecond", 100),
            ("first".to_owned(), true)
        );
        assert_eq!(first_line("only", 100), ("only".to_owned(), false));
        assert_eq!(first_line("toolong", 3), ("too".to_owned(), true));
    }
}
