//! The HTML report's pictures as inline SVG: the score gauge and bar charts by level. Every
//! label is escaped; numbers are the only other thing written.

use std::fmt::Write;

use super::html::escape_html;

/// The colour of a level, as in the PDF.
fn colour(level: Option<&str>) -> &'static str {
    match level {
        Some("Strong") => "#2e7d32",
        Some("Good") => "#7cb342",
        Some("Fair") => "#f9a825",
        Some("Weak") => "#c62828",
        _ => "#a0a0a0",
    }
}

/// The gauge: the four level bands from 0 to 100 and a marker at `score`.
pub fn gauge(score: Option<f64>, level: Option<&str>) -> String {
    let mut svg = String::from(
        "<svg class=\"gauge\" viewBox=\"0 0 420 46\" role=\"img\" aria-label=\"score gauge\" xmlns=\"http://www.w3.org/2000/svg\">\n",
    );
    let bands = [
        (0.0, 50.0, "Weak", "Weak 0–49"),
        (50.0, 75.0, "Fair", "Fair 50–74"),
        (75.0, 90.0, "Good", "Good 75–89"),
        (90.0, 100.0, "Strong", "Strong 90+"),
    ];
    for (from, to, level, label) in bands {
        let _ = writeln!(
            svg,
            "<rect x=\"{:.1}\" y=\"8\" width=\"{:.1}\" height=\"14\" fill=\"{}\" fill-opacity=\"0.45\"/>\
             <text x=\"{:.1}\" y=\"40\" font-size=\"9\" fill=\"#555\">{label}</text>",
            from * 4.0,
            (to - from) * 4.0,
            colour(Some(level)),
            from * 4.0 + 2.0
        );
    }
    if let Some(score) = score {
        let _ = writeln!(
            svg,
            "<rect x=\"{:.1}\" y=\"3\" width=\"4\" height=\"24\" rx=\"1\" fill=\"{}\"/>",
            score.clamp(0.0, 100.0) * 4.0 - 2.0,
            colour(level)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// A horizontal bar per row: label, score (0–100, `None` when there is none yet: `none_text`
/// says so) and level.
pub fn bars(rows: &[(String, Option<f64>, Option<&str>)], none_text: &str) -> String {
    const ROW: usize = 18;
    let height = rows.len() * ROW + 4;
    let mut svg = format!(
        "<svg class=\"bars\" viewBox=\"0 0 600 {height}\" role=\"img\" aria-label=\"scores\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    );
    for (n, (label, score, level)) in rows.iter().enumerate() {
        let y = n * ROW + 2;
        let label = escape_html(&crate::text::clip_middle(label, 44));
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" font-size=\"10\" fill=\"#222\">{label}</text>\
             <rect x=\"270\" y=\"{}\" width=\"270\" height=\"10\" fill=\"#e8e8e8\"/>",
            y + 11,
            y + 2
        );
        match score {
            Some(score) => {
                let _ = writeln!(
                    svg,
                    "<rect x=\"270\" y=\"{}\" width=\"{:.1}\" height=\"10\" fill=\"{}\"/>\
                     <text x=\"548\" y=\"{}\" font-size=\"10\" fill=\"#222\">{score:.1}</text>",
                    y + 2,
                    score.clamp(0.0, 100.0) * 2.7,
                    colour(*level),
                    y + 11
                );
            }
            None => {
                let _ = writeln!(
                    svg,
                    "<text x=\"274\" y=\"{}\" font-size=\"9\" fill=\"#777\">{none_text}</text>",
                    y + 11
                );
            }
        }
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_scores_placed() {
        let svg = bars(
            &[
                (
                    "<script>x</script> & co".to_owned(),
                    Some(50.0),
                    Some("Fair"),
                ),
                ("Not yet".to_owned(), None, None),
            ],
            "not started",
        );
        assert!(svg.contains("&lt;script&gt;x&lt;/script&gt; &amp; co"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("width=\"135.0\""), "half of 270: {svg}");
        assert!(svg.contains("not started"));
        let gauge = gauge(Some(62.0), Some("Fair"));
        assert!(gauge.contains("x=\"246.0\""), "the marker at 62: {gauge}");
    }
}
