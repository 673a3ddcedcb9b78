//! Making any text safe to show: no control characters, escape sequences or invisible
//! direction overrides reach a terminal or a report.

/// True for characters that would act rather than show: C0 and C1 controls (but newline and
/// tab), DEL, bidirectional embeddings, overrides and isolates, and invisible characters that
/// no script needs. The joiners (ZWNJ, ZWJ) and the direction marks (LRM, RLM, ALM) stay:
/// emoji sequences, Persian and mixed-direction text are written with them.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// The text with unsafe characters replaced by U+FFFD (so a reader sees something was there)
/// and tabs by a space; newlines are kept.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if is_unsafe(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Like [`printable`], on one line: line breaks become spaces.
pub fn one_line(text: &str) -> String {
    printable(text.trim())
        .split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` as search compares it: lowercase, with punctuation dropped so that "wifi" finds
/// "Wi-Fi" and "e-mail" finds "email"; other characters become word breaks.
pub fn search_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '/' {
            key.push(' ');
        }
    }
    key
}

/// The words of a query as search compares them.
pub fn search_words(query: &str) -> Vec<String> {
    search_key(query)
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// "Organisation — Site" on one line, or the organisation alone when there is no site.
pub fn org_and_site(organization: &str, site: &str) -> String {
    if site.trim().is_empty() {
        one_line(organization)
    } else {
        format!("{} — {}", one_line(organization), one_line(site))
    }
}

/// `n` and the noun, plural when `n` is not 1: "1 critical gap", "2 critical gaps".
pub fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// How many terminal columns `text` takes: CJK characters and most emoji take two, combining
/// marks and joiners none.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` on one line, cut to at most `columns` terminal columns, with `…` where it was cut.
pub fn clip(text: &str, columns: usize) -> String {
    let line = one_line(text);
    if width(&line) <= columns {
        return line;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    if columns > 0 {
        out.push('…');
    }
    out
}

/// `text` on one line in at most `columns` columns, with its middle left out (`…`) when it is
/// longer, so that both its beginning and its end (a file name, a reason) show.
pub fn clip_middle(text: &str, columns: usize) -> String {
    let line = one_line(text);
    if width(&line) <= columns {
        return line;
    }
    let chars: Vec<char> = line.chars().collect();
    let cost = |c: &char| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
    let budget = columns.saturating_sub(1);
    let (mut head, mut tail) = (0, chars.len());
    let mut used = 0;
    // Two thirds for the beginning, the rest for the end.
    while head < tail && used + cost(&chars[head]) <= budget * 2 / 3 {
        used += cost(&chars[head]);
        head += 1;
    }
    while tail > head && used + cost(&chars[tail - 1]) <= budget {
        tail -= 1;
        used += cost(&chars[tail]);
    }
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[tail..]);
    out
}

/// `text` clipped to `columns` and padded with spaces to exactly that many columns.
pub fn pad(text: &str, columns: usize) -> String {
    let clipped = clip(text, columns);
    let fill = columns.saturating_sub(width(&clipped));
    format!("{clipped}{}", " ".repeat(fill))
}

/// `text` right-aligned in `columns` (clipped when longer).
pub fn pad_left(text: &str, columns: usize) -> String {
    let clipped = clip(text, columns);
    let fill = columns.saturating_sub(width(&clipped));
    format!("{}{clipped}", " ".repeat(fill))
}

/// A path for a person: the home folder as `~`, and when longer than `columns`, the middle
/// left out so that the file name always shows.
pub fn short_path(
    path: &std::path::Path,
    home: Option<&std::path::Path>,
    columns: usize,
) -> String {
    let full = home
        .and_then(|home| path.strip_prefix(home).ok())
        .map_or_else(
            || path.display().to_string(),
            |rest| format!("~/{}", rest.display()),
        );
    let full = one_line(&full);
    if width(&full) <= columns {
        return full;
    }
    let name = path
        .file_name()
        .map(|n| one_line(&n.to_string_lossy()))
        .unwrap_or_default();
    let keep = columns.saturating_sub(width(&name) + 2);
    let head: String = clip(&full, keep + 1).trim_end_matches('…').to_owned();
    clip(&format!("{head}…/{name}"), columns)
}

/// True for the only link schemes posture lets through: http, https and mailto.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        && !url.chars().any(|c| c.is_whitespace() || is_unsafe(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_and_overrides_are_defused() {
        assert_eq!(printable("a\u{1b}[2Jb\r\n"), "a\u{fffd}[2Jb\u{fffd}\n");
        assert_eq!(printable("x\u{202e}y\u{200b}"), "x\u{fffd}y\u{fffd}");
        assert_eq!(printable("tab\there"), "tab here");
        assert_eq!(one_line("  two\n  lines \n\n"), "two lines");
        assert_eq!(printable("a\u{2067}b\u{2069}"), "a\u{fffd}b\u{fffd}");
    }

    #[test]
    fn joiners_and_direction_marks_that_real_text_needs_are_kept() {
        for text in [
            "👩\u{200d}💻 family 👨\u{200d}👩\u{200d}👧",
            "می\u{200c}خواهم",
            "ABC \u{200f}עברית\u{200e} 123",
            "\u{61c}١٢٣",
        ] {
            assert_eq!(printable(text), text);
        }
    }

    #[test]
    fn search_ignores_case_and_punctuation() {
        let key = search_key("Network, Wi-Fi and remote access api-keys/storage");
        for query in ["wifi", "WI-FI remote", "api keys", "api-keys", "storage"] {
            let words = search_words(query);
            assert!(
                !words.is_empty() && words.iter().all(|w| key.contains(w.as_str())),
                "{query}"
            );
        }
        assert!(search_words(" - / ").is_empty());
        assert_eq!(search_key("Café Zoë 東京"), "café zoë 東京");
    }

    #[test]
    fn widths_are_measured_in_terminal_columns() {
        assert_eq!(width("Café Zoë 東京 🍰"), 16);
        assert_eq!(clip("東京本店 🍰", 6), "東京…");
        assert_eq!(
            width(&clip("東京本店 🍰", 6)),
            5,
            "a wide character never overflows"
        );
        assert_eq!(pad("東京", 6), "東京  ");
        assert_eq!(pad_left("7", 3), "  7");
        assert_eq!(clip("abc", 0), "");
    }

    #[test]
    fn a_long_message_keeps_its_beginning_and_its_end() {
        let message = "Report written to ~/.local/share/posture/reports/acme-dental/2026-11-25-main-office.md";
        let short = clip_middle(message, 60);
        assert!(short.starts_with("Report written to ~/"), "{short}");
        assert!(short.ends_with("main-office.md"), "{short}");
        assert!(width(&short) <= 60);
        assert_eq!(clip_middle("short", 60), "short");
    }

    #[test]
    fn paths_keep_their_file_name() {
        let path = std::path::Path::new(
            "/home/jo/.local/share/posture/reports/acme-dental/2026-11-25-main-office.md",
        );
        let home = std::path::Path::new("/home/jo");
        assert_eq!(
            short_path(path, Some(home), 100),
            "~/.local/share/posture/reports/acme-dental/2026-11-25-main-office.md"
        );
        let short = short_path(path, Some(home), 40);
        assert!(short.ends_with("/2026-11-25-main-office.md"), "{short}");
        assert!(width(&short) <= 40, "{short}");
    }

    #[test]
    fn only_web_and_mail_links_are_safe() {
        assert!(is_safe_url("https://example.org/a"));
        assert!(is_safe_url("HTTP://example.org"));
        assert!(is_safe_url("mailto:it@example.org"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
        assert!(!is_safe_url("https://exa mple.org"));
        assert!(!is_safe_url("http"));
    }

    proptest! {
        #[test]
        fn nothing_unsafe_survives(text in any::<String>()) {
            prop_assert!(!printable(&text).chars().any(is_unsafe));
            prop_assert!(!one_line(&text).contains('\n'));
        }

        #[test]
        fn clipped_text_never_overflows(text in any::<String>(), columns in 0usize..40) {
            prop_assert!(width(&clip(&text, columns)) <= columns);
            prop_assert_eq!(width(&pad(&text, columns)), columns);
        }
    }
}
