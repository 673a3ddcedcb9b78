//! The JSON report: the report view as versioned JSON, every string made printable.

use serde_json::Value;

use super::view::Report;
use crate::text::printable;

fn neutralise(value: &mut Value) {
    match value {
        Value::String(text) => {
            if text.chars().any(crate::text::is_unsafe) {
                *text = printable(text);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(neutralise),
        Value::Object(fields) => fields.values_mut().for_each(neutralise),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Renders the report as pretty-printed JSON.
pub fn render(report: &Report) -> String {
    to_json(report)
}

/// Any serialisable view as pretty-printed JSON with every string made printable.
pub fn to_json(view: &impl serde::Serialize) -> String {
    let mut value = serde_json::to_value(view).unwrap_or(Value::Null);
    neutralise(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
