//! How PDF reports look: the Typst template and the fonts beyond the bundled ones.

/// The template the PDF reports are laid out with unless the provider supplies its own.
pub const TEMPLATE: &str = include_str!("../../assets/report.typ");

/// The provider's own layout: `report.typ` and the fonts in `fonts/` of the config folder,
/// else the built-in template and fonts alone.
#[derive(Debug, Default)]
pub struct Layout {
    /// A template of the provider's own, if it has one.
    pub template: Option<String>,
    /// Font files (`.ttf`, `.otf`) beyond the bundled ones.
    pub fonts: Vec<Vec<u8>>,
}

impl Layout {
    /// Reads the provider's layout from `config_dir`; what is missing falls back to the built-in.
    pub fn load(config_dir: &std::path::Path) -> Result<Self, String> {
        let template = match std::fs::read_to_string(config_dir.join("report.typ")) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(format!("{}: {e}", config_dir.join("report.typ").display())),
        };
        let mut fonts = Vec::new();
        if let Ok(entries) = std::fs::read_dir(config_dir.join("fonts")) {
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                let extension = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                if matches!(extension.as_deref(), Some("ttf" | "otf" | "ttc" | "otc")) {
                    fonts.push(
                        std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?,
                    );
                }
            }
        }
        Ok(Self { template, fonts })
    }

    pub fn template(&self) -> &str {
        self.template.as_deref().unwrap_or(TEMPLATE)
    }
}

/// A typeset PDF, and the characters of its text that no font could draw (shown as boxes).
#[derive(Debug)]
pub struct Typeset {
    pub pdf: Vec<u8>,
    pub missing_glyphs: Vec<char>,
}
