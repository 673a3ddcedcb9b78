//! The HTML report: the Markdown report rendered into one self-contained page. Raw HTML
//! never passes through and only http, https and mailto links survive (see `sanitize`).

use super::sanitize::{Headings, safe_events};

const STYLE: &str = include_str!("../../assets/report.css");

fn escape_html(text: &str) -> String {
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

/// Wraps the Markdown report in a standalone HTML page.
pub fn render(markdown: &str, title: &str) -> String {
    let mut body = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut body, safe_events(markdown, Headings::Keep).into_iter());
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape_html(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_escaped() {
        let page = render("# Hi", "<b>Acme</b> & Co");
        assert!(page.contains("<title>&lt;b&gt;Acme&lt;/b&gt; &amp; Co</title>"));
        assert!(page.contains("<h1>Hi</h1>"));
    }
}
