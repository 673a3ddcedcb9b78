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
        escape_line(line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
