//! The JSON report: the report view as versioned JSON. Every string is carried exactly; the
//! characters that would act on a terminal showing the file are written as JSON escapes
//! (`\u001b`, `\u202e`), so the text reads back unchanged and `cat` of the file is harmless.

use std::fmt::Write;

use super::view::Report;
use crate::text::is_unsafe;

/// Renders the report as pretty-printed JSON.
pub fn render(report: &Report) -> String {
    to_json(report)
}

/// Any serialisable view as pretty-printed JSON, with unsafe characters escaped.
pub fn to_json(view: &impl serde::Serialize) -> String {
    let text = serde_json::to_string_pretty(view).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + 1);
    // Outside strings JSON is ASCII punctuation, digits and whitespace, and serde_json already
    // escapes C0 controls inside strings: any unsafe character left is inside a string.
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_string_reads_back_exactly_and_nothing_unsafe_is_written(text in any::<String>()) {
            let json = to_json(&serde_json::json!({ "note": text }));
            prop_assert!(!json.chars().any(is_unsafe));
            let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
            prop_assert_eq!(back["note"].as_str(), Some(text.as_str()));
        }
    }
}
