//! A problem in a file posture reads (a checklist or an assessment), located by line and column,
//! worded for a person, and shown with its source line and a caret under the bad value.

use std::fmt::{self, Write as _};
use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::text::printable;

/// One error found in a file.
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
    /// The offending source line (made printable) and where the caret goes in it.
    snippet: Option<Snippet>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Snippet {
    /// The whole line, made printable: it is cut to the width of the screen only when shown.
    text: Vec<char>,
    /// Character index of the first character under the caret, and how many it covers.
    caret_start: usize,
    caret_len: usize,
}

/// The width `Display` cuts source lines to, when no terminal width is known.
pub const DEFAULT_WIDTH: usize = 100;

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
            snippet: Some(Snippet {
                text: printable(line_text).chars().collect(),
                caret_start: column - 1,
                caret_len,
            }),
        }
    }

    /// The diagnostic for a TOML syntax or type error, in plain words.
    pub fn from_toml(path: &str, source: &str, error: &toml::de::Error) -> Self {
        let found = error
            .span()
            .and_then(|span| source.get(span))
            .unwrap_or_default();
        let message = plain_words(error.message(), found);
        match error.span() {
            Some(span) => Self::at(path, source, span, message),
            None => Self::whole_file(path, message),
        }
    }

    /// `bytes` as text, or a diagnostic at the first byte that is not UTF-8. A leading
    /// byte-order mark is dropped.
    pub fn utf8<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, Self> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            Self::at(
                path,
                &valid,
                valid.len()..valid.len(),
                format!(
                    "the file is not UTF-8 text: invalid byte '0x{:02x}' (save it as UTF-8)",
                    bytes[e.valid_up_to()]
                ),
            )
        })?;
        Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
    }

    /// The message, where it is, and the source line cut to `width` columns (only when it is
    /// wider), with the caret under the bad value.
    pub fn render(&self, width: usize) -> String {
        let mut out = format!(
            "{}\n  --> {}:{}:{}",
            printable(&self.message),
            crate::text::one_line(&self.path),
            self.line,
            self.column
        );
        if let Some(snippet) = &self.snippet {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let room = width.saturating_sub(number.len() + 4).max(20);
            let (text, caret_at, caret_width) = snippet.window(room);
            let _ = write!(
                out,
                "\n {gutter} |\n {number} | {text}\n {gutter} | {}{}",
                " ".repeat(caret_at),
                "^".repeat(caret_width)
            );
        }
        out
    }
}

fn width_of(c: char) -> usize {
    c.width().unwrap_or(0)
}

impl Snippet {
    /// The line cut to at most `room` columns around the caret (with `…` where cut), the
    /// caret's column in it, and the caret's width in columns.
    fn window(&self, room: usize) -> (String, usize, usize) {
        let columns = |chars: &[char]| chars.iter().copied().map(width_of).sum::<usize>();
        let caret_start = self.caret_start.min(self.text.len());
        let caret_end = (caret_start + self.caret_len).min(self.text.len());
        let caret_cols = |before: &[char], under: &[char]| (columns(before), columns(under).max(1));
        if columns(&self.text) <= room {
            let (at, wide) = caret_cols(
                &self.text[..caret_start],
                &self.text[caret_start..caret_end],
            );
            return (self.text.iter().collect(), at, wide);
        }
        // Keep the caret about a third of the way in, so the key before it stays visible.
        let mut first = caret_start;
        let mut used =
            columns(&self.text[caret_start..caret_end.max(caret_start + 1).min(self.text.len())]);
        while first > 0 && used + width_of(self.text[first - 1]) <= room / 3 {
            first -= 1;
            used += width_of(self.text[first]);
        }
        let mut last = caret_start;
        let mut shown = columns(&self.text[first..caret_start]);
        let budget = room.saturating_sub(2);
        while last < self.text.len() && shown + width_of(self.text[last]) <= budget {
            shown += width_of(self.text[last]);
            last += 1;
        }
        let mut text = String::new();
        let mut at = columns(&self.text[first..caret_start]);
        if first > 0 {
            text.push('…');
            at += 1;
        }
        text.extend(&self.text[first..last]);
        if last < self.text.len() {
            text.push('…');
        }
        let under = &self.text[caret_start..caret_end.min(last).max(caret_start)];
        (text, at, columns(under).max(1))
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// A TOML or serde message reworded for a person, with the bad value in quotes.
fn plain_words(message: &str, found: &str) -> String {
    let message = message.trim().replace('`', "'");
    let first = message.lines().next().unwrap_or_default().to_owned();
    let found_one_line = !found.is_empty() && !found.contains('\n') && found.chars().count() <= 60;
    let quoted = |what: &str| format!("'{}'", what.trim());
    if first.starts_with("invalid basic string") || first.starts_with("invalid literal string") {
        return "the text in quotes is not closed: end it with a quote on the same line (or use \"\"\" for several lines)".to_owned();
    }
    if first == "duplicate key" {
        return format!(
            "{} is given twice in the same table; keep one",
            quoted(found)
        );
    }
    if let Some(rest) = first.strip_prefix("missing field ") {
        return format!("the key {rest} is missing here");
    }
    if let Some(rest) = first.strip_prefix("unknown variant ") {
        // "'audti', expected 'self' or 'audit'"
        if let Some((bad, expected)) = rest.split_once(", expected ") {
            return format!("{bad} is not allowed here: use {expected}");
        }
    }
    if let Some(rest) = first.strip_prefix("invalid type: ") {
        // "integer '3', expected a string"
        if let Some((what, expected)) = rest.split_once(", expected ") {
            let expected = match expected {
                "a string" => "text in quotes",
                "a boolean" => "true or false",
                "i64" | "an integer" => "a whole number",
                "a sequence" => "a list",
                "a map" => "a table",
                other => other,
            };
            // The value itself says most; without it, its kind.
            let found = if found_one_line {
                quoted(found)
            } else {
                match what.split([' ', '\'', '"']).next().unwrap_or(what) {
                    "integer" | "floating" => "a number",
                    "string" => "text",
                    "boolean" => "true or false",
                    "sequence" => "a list",
                    "map" => "a table",
                    other => other,
                }
                .to_owned()
            };
            return format!("expected {expected}, found {found}");
        }
    }
    let detail: Vec<&str> = message
        .lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut text = first;
    if !detail.is_empty() {
        text = format!("{text}; {}", detail.join("; "));
    }
    if found_one_line && !text.contains(found.trim()) {
        text = format!("{text}, found {}", quoted(found));
    }
    text
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.render(DEFAULT_WIDTH))
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

    fn caret_points_at(rendered: &str, expected: char) {
        let line = rendered.lines().nth(3).expect("source line");
        let caret = rendered.lines().nth(4).expect("caret line");
        let caret_col = caret.chars().position(|c| c == '^').expect("caret");
        assert_eq!(line.chars().nth(caret_col), Some(expected), "{rendered}");
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let source = format!("v = {}x{}", "[".repeat(5000), "]".repeat(5000));
        let start = source.find('x').expect("present");
        let rendered = Diagnostic::at("a.toml", &source, start..start + 1, "m").render(100);
        assert!(
            rendered.lines().all(|l| l.chars().count() <= 100),
            "{rendered}"
        );
        caret_points_at(&rendered, 'x');
    }

    #[test]
    fn a_line_that_fits_the_screen_is_never_cut() {
        let source = format!("prompt = \"{}", "a".repeat(54));
        assert_eq!(source.len(), 64);
        let rendered = Diagnostic::at("a.toml", &source, 63..64, "unclosed").render(80);
        assert!(rendered.contains(&source), "{rendered}");
        let narrow = Diagnostic::at("a.toml", &source, 63..64, "unclosed").render(50);
        assert!(narrow.contains('…'), "{narrow}");
        caret_points_at(&narrow, 'a');
    }

    #[test]
    fn wide_characters_are_measured_in_columns() {
        let source = "org = \"東京東京東京\" x";
        let start = source.rfind('x').expect("x");
        let rendered = Diagnostic::at("a.toml", source, start..start + 1, "m").render(80);
        let caret = rendered.lines().nth(4).expect("caret line");
        // " 1 | " is 5 columns, then `org = "` (7), six wide characters (12), `" ` (2).
        assert_eq!(caret.find('^'), Some(5 + 7 + 12 + 2), "{rendered}");
    }

    #[test]
    fn escape_sequences_in_the_source_and_the_path_are_not_printed_raw() {
        let source = "title = \"\u{1b}[31mred\"";
        let rendered = Diagnostic::at("a\u{1b}]0;x\u{7}.toml", source, 0..5, "m").to_string();
        assert!(!rendered.contains('\u{1b}') && !rendered.contains('\u{7}'));
    }

    #[test]
    fn serde_jargon_becomes_plain_words() {
        assert_eq!(
            plain_words("invalid type: integer `3`, expected a string", "3"),
            "expected text in quotes, found '3'"
        );
        assert_eq!(
            plain_words("duplicate key", "answer"),
            "'answer' is given twice in the same table; keep one"
        );
        assert_eq!(
            plain_words("missing field `organization`", ""),
            "the key 'organization' is missing here"
        );
        assert_eq!(
            plain_words(
                "unknown variant `audti`, expected `self` or `audit`",
                "\"audti\""
            ),
            "'audti' is not allowed here: use 'self' or 'audit'"
        );
    }
}
