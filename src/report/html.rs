//! The HTML report: the Markdown report rendered into one self-contained page. Raw HTML
//! never passes through and only http, https and mailto links survive (see `sanitize`).

use super::charts;
use super::sanitize::{Headings, safe_events};
use super::view::Report;

const STYLE: &str = include_str!("../../assets/report.css");

pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::printable(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// How the provider's reports look: its accent colour (`#RRGGBB`) and logo (media type and
/// bytes), both optional.
#[derive(Debug, Default)]
pub struct Branding<'a> {
    pub accent: Option<&'a str>,
    pub logo: Option<(&'a str, &'a [u8])>,
}

/// Standard base64, for an image carried inside the page.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Whether `text` is a colour written `#RRGGBB`: nothing else reaches the style sheet.
pub(super) fn is_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// The report page: the Markdown report with its pictures (the gauge, the topics and the CSF
/// functions) before the scores, and print rules that number the pages "x of y", carry the
/// integrity hash in the footer and, while the assessment is unfinished, "DRAFT — incomplete"
/// on every page.
pub fn report(report: &Report, markdown: &str, branding: &Branding) -> String {
    let topics: Vec<_> = report
        .topics
        .iter()
        .map(|t| {
            (
                t.title.clone(),
                t.started.then_some(t.score).flatten(),
                t.level,
            )
        })
        .collect();
    let functions: Vec<_> = report
        .frameworks
        .nist_csf_2
        .iter()
        .map(|f| {
            (
                format!("{} ({})", f.name, f.id),
                f.score.filter(|_| f.answered > 0),
                f.level,
            )
        })
        .collect();
    let figure = format!(
        "<figure class=\"charts\">\n<figcaption>Overall score</figcaption>\n{}<figcaption>By topic</figcaption>\n{}<figcaption>NIST CSF 2.0 functions</figcaption>\n{}</figure>\n",
        charts::gauge(report.summary.score, report.summary.level),
        charts::bars(&topics, "not started"),
        charts::bars(&functions, "not assessed")
    );
    // The hash is hexadecimal, so it can sit in a CSS string as it is.
    let hash: String = report
        .seal
        .sha256
        .chars()
        .filter(char::is_ascii_hexdigit)
        .collect();
    // What every printed page says about the copy: internal first, then draft.
    let mark = if report.assessment.internal {
        Some("INTERNAL — not for the client")
    } else if report.assessment.finished {
        None
    } else {
        Some("DRAFT — incomplete")
    };
    let page = with_print_rules(
        &branded(
            markdown,
            &format!(
                "Security posture report: {}",
                report.assessment.organization
            ),
            branding,
        ),
        mark,
        &format!("Confidential · Integrity SHA-256 {hash}"),
    );
    let page = match mark {
        Some(mark) => page.replacen(
            "<main>\n",
            &format!("<main>\n<p class=\"draft\">{mark}</p>\n"),
            1,
        ),
        None => page,
    };
    // The pictures go before the Markdown's own "## By topic" (markdown.rs writes it; a test
    // checks the gauge is there).
    page.replacen(
        "<h2>By topic</h2>",
        &format!("{figure}<h2>By topic</h2>"),
        1,
    )
}

/// `page` with print rules: A4, every page numbered "Page x of y" with `footer` (plain text
/// of this module's own, never a user's) beside it, and `mark` (or "Confidential") at the top.
/// Every top and bottom box is set, so a browser adds no date, title or address of its own.
pub fn with_print_rules(page: &str, mark: Option<&str>, footer: &str) -> String {
    let rules = format!(
        "@page {{ size: A4; margin: 18mm 16mm 20mm;\n\
         @top-left {{ content: \"\"; }}\n@top-center {{ content: \"\"; }}\n\
         @top-right {{ font-family: system-ui, sans-serif; content: \"{}\"; color: {}; font-weight: 700; font-size: 9pt; }}\n\
         @bottom-left {{ font-family: system-ui, sans-serif; content: \"{footer}\"; font-size: 6.5pt; color: #666; }}\n\
         @bottom-right {{ font-family: system-ui, sans-serif; content: \"Page \" counter(page) \" of \" counter(pages); font-size: 8pt; color: #666; }}\n}}\n",
        mark.unwrap_or("Confidential"),
        if mark.is_some() { "#b71c1c" } else { "#666" }
    );
    page.replacen("</style>", &format!("{rules}</style>"), 1)
}

/// Wraps the Markdown report in a standalone HTML page.
pub fn render(markdown: &str, title: &str) -> String {
    branded(markdown, title, &Branding::default())
}

/// Wraps the Markdown report in a standalone HTML page in the provider's colour, with its logo.
pub fn branded(markdown: &str, title: &str, branding: &Branding) -> String {
    let mut body = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut body, safe_events(markdown, Headings::Keep).into_iter());
    let accent = branding
        .accent
        .filter(|a| is_colour(a))
        .map(|a| format!(":root {{ --accent: {a}; }}\n"))
        .unwrap_or_default();
    let logo = branding
        .logo
        .filter(|(mime, _)| ["image/png", "image/jpeg", "image/svg+xml"].contains(mime))
        .map(|(mime, bytes)| {
            format!(
                "<img class=\"logo\" alt=\"\" src=\"data:{mime};base64,{}\">\n",
                base64(bytes)
            )
        })
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>\n{STYLE}{accent}</style>\n</head>\n<body>\n<main>\n{logo}{body}</main>\n</body>\n</html>\n",
        escape_html(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branding_takes_a_colour_and_an_image_and_nothing_else() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        let page = branded(
            "# Hi",
            "t",
            &Branding {
                accent: Some("#1f6feb"),
                logo: Some(("image/png", b"png")),
            },
        );
        assert!(page.contains(":root { --accent: #1f6feb; }"));
        assert!(page.contains("src=\"data:image/png;base64,cG5n\""));
        let page = branded(
            "# Hi",
            "t",
            &Branding {
                accent: Some("red;} body{display:none"),
                logo: Some(("text/html", b"<script>")),
            },
        );
        assert!(!page.contains("display:none") && !page.contains("<img"));
    }

    #[test]
    fn the_title_is_escaped() {
        let page = render("# Hi", "<b>Acme</b> & Co");
        assert!(page.contains("<title>&lt;b&gt;Acme&lt;/b&gt; &amp; Co</title>"));
        assert!(page.contains("<h1>Hi</h1>"));
    }
}
