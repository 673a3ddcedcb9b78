//! A problem in a checklist file, located by line and column and shown with its source line.

use std::fmt;
use std::ops::Range;

use crate::text::printable;

/// One error found in a checklist file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user knows it (a path, or `built-in:NAME.toml`).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, with the bad value in single quotes.
    pub message: String,
    /// The offending source line (made printable) and the caret run under it.
    snippet: Option<Snippet>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Snippet {
    text: String,
    caret_start: usize,
    caret_len: usize,
}

impl Diagnostic {
    /// A problem with the file as a whole (unreadable, too large), located at its start.
    pub fn whole_file(path: &str, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: message.into(),
            snippet: None,
        }
    }

    /// A problem at the byte range `span` of `source`.
    pub fn at(path: &str, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let column = source[line_start..start].chars().count() + 1;
        let caret_len = source[start..end.min(line_end)].chars().count().max(1);
        Self {
            path: path.to_owned(),
            line: source[..start].matches('\n').count() + 1,
            column,
            message: message.into(),
            snippet: Some(Snippet::window(line_text, column - 1, caret_len)),
        }
    }
}

/// The widest source line shown; longer lines are cut around the caret.
const SNIPPET_WIDTH: usize = 100;

impl Snippet {
    fn window(line: &str, caret_start: usize, caret_len: usize) -> Self {
        let skip = caret_start.saturating_sub(SNIPPET_WIDTH / 2);
        let mut text: String = printable(
            &line
                .chars()
                .skip(skip)
                .take(SNIPPET_WIDTH)
                .collect::<String>(),
        );
        let mut caret_start = caret_start - skip;
        if skip > 0 {
            text.insert(0, '…');
            caret_start += 1;
        }
        if line.chars().count() > skip + SNIPPET_WIDTH {
            text.push('…');
        }
        Self {
            text,
            caret_start,
            caret_len: caret_len.min(SNIPPET_WIDTH + 1 - caret_start.min(SNIPPET_WIDTH)),
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", printable(&self.message))?;
        write!(f, "  --> {}:{}:{}", self.path, self.line, self.column)?;
        if let Some(snippet) = &self.snippet {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            write!(
                f,
                "\n {gutter} |\n {number} | {}\n {gutter} | {}{}",
                snippet.text,
                " ".repeat(snippet.caret_start),
                "^".repeat(snippet.caret_len)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_line_and_column_with_a_caret() {
        let source = "id = \"mfa\"\nseverity = \"critcal\"\n";
        let start = source.find("\"critcal\"").expect("present");
        let diagnostic = Diagnostic::at("mfa.toml", source, start..start + 9, "bad 'critcal'");
        assert_eq!((diagnostic.line, diagnostic.column), (2, 12));
        assert_eq!(
            diagnostic.to_string(),
            "error: bad 'critcal'\n  --> mfa.toml:2:12\n   |\n 2 | severity = \"critcal\"\n   |            ^^^^^^^^^"
        );
    }

    #[test]
    fn counts_columns_in_characters_and_survives_odd_spans() {
        let source = "title = \"Café ☕\" x";
        let start = source.rfind('x').expect("present");
        let diagnostic = Diagnostic::at("a.toml", source, start..start + 1, "m");
        assert_eq!(diagnostic.column, 18);
        // Out-of-range and mid-character spans are clamped, never a panic.
        let _ = Diagnostic::at("a.toml", source, 12..1000, "m").to_string();
        #[allow(clippy::reversed_empty_ranges)] // a reversed span must not panic
        let _ = Diagnostic::at("a.toml", "", 5..2, "m").to_string();
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let source = format!("v = {}x{}", "[".repeat(5000), "]".repeat(5000));
        let start = source.find('x').expect("present");
        let rendered = Diagnostic::at("a.toml", &source, start..start + 1, "m").to_string();
        assert!(
            rendered.lines().all(|l| l.chars().count() < 120),
            "{rendered}"
        );
        let line = rendered.lines().nth(3).expect("source line");
        let caret = rendered.lines().nth(4).expect("caret line");
        let caret_col = caret.chars().position(|c| c == '^').expect("caret");
        assert_eq!(line.chars().nth(caret_col), Some('x'));
    }

    #[test]
    fn escape_sequences_in_the_source_are_not_printed_raw() {
        let source = "title = \"\u{1b}[31mred\"";
        let rendered = Diagnostic::at("a.toml", source, 0..5, "m").to_string();
        assert!(!rendered.contains('\u{1b}'));
    }
}
