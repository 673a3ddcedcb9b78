//! Reading one checklist file: size limit, UTF-8, TOML, then validation.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::model::{Checklist, Origin};
use super::raw::{FormatProbe, RawChecklist};
use super::validate::{format_problem, validate};
use crate::diagnostic::Diagnostic;

/// The largest checklist file accepted: 4 MiB exactly.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

/// Parses and validates checklist `bytes`; `path` is how diagnostics name the file.
pub fn parse(path: &str, bytes: &[u8], origin: Origin) -> Result<Checklist, Vec<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![too_large(path, bytes.len() as u64)]);
    }
    let text = Diagnostic::utf8(path, bytes).map_err(|d| vec![d])?;
    match toml::from_str::<RawChecklist>(text) {
        Ok(raw) => validate(raw, path, text, origin, sha256_hex(bytes)),
        Err(error) => Err(vec![syntax_error(path, text, &error)]),
    }
}

/// Reads and parses the checklist at `path`, refusing oversized files before reading them.
pub fn load_file(path: &Path) -> Result<Checklist, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    let unreadable = |e: std::io::Error| {
        vec![Diagnostic::whole_file(
            &shown,
            format!("cannot read the file: {e}"),
        )]
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(vec![too_large(&shown, size)]);
    }
    parse(&shown, &bytes, Origin::User(path.to_path_buf()))
}

fn too_large(path: &str, size: u64) -> Diagnostic {
    Diagnostic::whole_file(
        path,
        format!(
            "the file is '{size}' bytes; a checklist may be at most {MAX_FILE_BYTES} bytes (4 MiB)"
        ),
    )
}

/// A TOML or serde error, reworded for a person; a file for a newer format says so instead.
fn syntax_error(path: &str, text: &str, error: &toml::de::Error) -> Diagnostic {
    if let Ok(FormatProbe {
        format: Some(format),
    }) = toml::from_str::<FormatProbe>(text)
        && let Some(problem) = format.get_ref().as_integer().and_then(format_problem)
    {
        return Diagnostic::at(path, text, format.span(), problem);
    }
    Diagnostic::from_toml(path, text, error)
}
