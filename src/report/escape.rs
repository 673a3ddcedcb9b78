//! Putting any text into Markdown as plain text: it can never break a table, start a heading
//! or list, open a link, or carry raw HTML, escape sequences or invisible characters.

use crate::text::{one_line, printable};

/// Characters that can open or close Markdown or GFM markup anywhere in a line.
const INLINE_MARKUP: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!', '#',
];
/// Characters that open a block (list, heading underline) at the start of a line.
const LINE_START_MARKUP: &[char] = &['-', '+', '='];

fn escape_line(line: &str, out: &mut String) {
    let line = line.trim();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in line.char_indices() {
        let ordered_list_marker = i == digits && digits > 0 && matches!(c, '.' | ')');
        if INLINE_MARKUP.contains(&c)
            || (i == 0 && LINE_START_MARKUP.contains(&c))
            || ordered_list_marker
        {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Text on one line, for a table cell or a heading.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_line(&one_line(text), &mut out);
    out
}

/// Text that may span lines, kept as lines joined by hard breaks; continuation lines are
/// indented by `indent` spaces so that they stay inside a list item. A run of blank lines
/// between paragraphs stays one empty line (a break on a line of its own).
pub fn multiline(text: &str, indent: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let clean = printable(text);
    let break_line = format!("\\\n{}", " ".repeat(indent));
    let mut blank_before = false;
    for line in clean.lines().map(str::trim) {
        if line.is_empty() {
            blank_before = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(&break_line);
            if blank_before {
                out.push_str(&break_line);
            }
        }
        blank_before = false;
        let mut escaped = String::with_capacity(line.len() + 8);
        escape_line(line, &mut escaped);
        let wrap_at = LINE_WIDTH.saturating_sub(indent).max(20);
        out.push_str(
            &wrapped(&escaped, wrap_at).replace('\n', &format!("\n{}", " ".repeat(indent))),
        );
    }
    out
}

/// The width of a Markdown report's lines, where words allow.
pub const LINE_WIDTH: usize = 80;

/// Markdown `text` (one paragraph, already escaped) broken into lines of at most `width`
/// columns where a word allows it. A line only ever starts with a letter or an escape, so a
/// break can never start a list, a heading or a quote.
pub fn wrapped(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let len = unicode_width::UnicodeWidthStr::width(word);
        let may_start_line = word
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || matches!(c, '\\' | '(' | '`'));
        if column > 0 {
            if column + 1 + len > width && may_start_line {
                out.push('\n');
                column = 0;
            } else {
                out.push(' ');
                column += 1;
            }
        }
        out.push_str(word);
        column += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_never_starts_a_line_with_markup() {
        let text = "costs are - minor and 2. items + more words here to wrap";
        let wrapped = wrapped(text, 10);
        assert!(
            wrapped
                .lines()
                .all(|l| l.chars().next().is_some_and(char::is_alphabetic))
        );
        assert_eq!(wrapped.replace('\n', " "), text);
        assert!(wrapped.lines().count() > 3);
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(inline("a|b `c` <script>"), "a\\|b \\`c\\` \\<script\\>");
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        assert_eq!(inline("1. not a list"), "1\\. not a list");
        assert_eq!(inline("- nor this"), "\\- nor this");
        assert_eq!(
            inline("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(inline("Owner's login, 3.5 days"), "Owner's login, 3.5 days");
    }

    #[test]
    fn lines_become_hard_breaks_inside_the_item() {
        assert_eq!(
            multiline("\none\n\n\n  two\n===\n\n", 2),
            "one\\\n  \\\n  two\\\n  \\==="
        );
    }
}
