//! The typeset PDF report, made in process by Typst. The layout is a template (`assets/report.typ`,
//! or `report.typ` in the config folder); the data reaches it only as JSON through
//! `sys.inputs.data`, never spliced into markup, so no text in a note can become layout or code.

use std::fmt::Write as _;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

use super::layout::Typeset;
use typst_layout::PagedDocument;

/// The fonts the built-in template uses: Noto Sans, SIL Open Font License (assets/fonts/OFL.txt).
static BUNDLED_FONTS: [&[u8]; 3] = [
    include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Italic.ttf"),
];

static BUNDLED: LazyLock<Vec<Font>> = LazyLock::new(|| {
    BUNDLED_FONTS
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect()
});

/// What a PDF is made from.
pub struct Job<'a> {
    /// The Typst template's text.
    pub template: &'a str,
    /// The document's data as JSON (the report or the comparison view).
    pub data: &'a str,
    /// `report` or `compare`: which document the template lays out.
    pub kind: &'a str,
    /// The provider's logo, file extension (`png`, `jpg`, `svg`) and bytes.
    pub logo: Option<(&'a str, &'a [u8])>,
    /// Fonts beyond the bundled ones (from the config folder), for scripts Noto Sans lacks.
    pub fonts: &'a [Vec<u8>],
    /// The provider's name, contact and accent colour (`#RRGGBB`, else the template's own).
    pub provider: &'a str,
    pub contact: &'a str,
    pub accent: Option<&'a str>,
    /// The report's date, for `datetime.today()`.
    pub today: jiff::civil::Date,
}

struct ReportWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    logo: Option<(FileId, Bytes)>,
    today: Option<Datetime>,
}

fn file_id(path: &str) -> FileId {
    // The paths are constants of this module and always valid.
    let path = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("{path} is a valid path"));
    FileId::new(RootedPath::new(VirtualRoot::Project, path))
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match &self.logo {
            Some((logo, bytes)) if *logo == id => Ok(bytes.clone()),
            // Nothing else is readable: a template cannot reach the disk or the network.
            _ => Err(FileError::AccessDenied),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// `template.typ:12:5: message`, as far as the diagnostic locates itself.
fn describe(world: &ReportWorld, diagnostic: &SourceDiagnostic) -> String {
    let at = world
        .range(diagnostic.span)
        .and_then(|range| world.main.lines().byte_to_line_column(range.start))
        .map(|(line, column)| format!("{}:{}: ", line + 1, column + 1))
        .unwrap_or_default();
    let mut text = format!("report template:{at}{}", diagnostic.message);
    for hint in &diagnostic.hints {
        let _ = write!(text, " (hint: {})", hint.v);
    }
    text
}

/// The characters of `data` that none of `fonts` can draw; joiners and variation selectors,
/// which draw nothing themselves, are not counted.
fn missing_glyphs(data: &str, fonts: &[Font]) -> Vec<char> {
    let mut missing: Vec<char> = data
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .filter(|c| !matches!(c, '\u{200c}' | '\u{200d}' | '\u{fe00}'..='\u{fe0f}'))
        .filter(|c| {
            !fonts
                .iter()
                .any(|f| f.info().coverage.contains(u32::from(*c)))
        })
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// Typesets `job` into a PDF; a template that does not compile is described, located.
pub fn render(job: &Job) -> Result<Typeset, String> {
    let mut fonts = BUNDLED.clone();
    fonts.extend(
        job.fonts
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(data.clone()))),
    );
    let inputs: Dict = [
        ("data", job.data.into_value()),
        ("kind", job.kind.into_value()),
        ("provider", job.provider.into_value()),
        ("contact", job.contact.into_value()),
        (
            "accent",
            job.accent
                .filter(|a| super::html::is_colour(a))
                .unwrap_or_default()
                .into_value(),
        ),
        (
            "logo",
            job.logo
                .map(|(extension, _)| format!("/logo.{extension}"))
                .unwrap_or_default()
                .into_value(),
        ),
    ]
    .into_iter()
    .map(|(key, value)| (key.into(), value))
    .collect();
    let world = ReportWorld {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        main: Source::new(file_id("/report.typ"), job.template.to_owned()),
        logo: job.logo.map(|(extension, bytes)| {
            (
                file_id(&format!("/logo.{extension}")),
                Bytes::new(bytes.to_vec()),
            )
        }),
        today: Datetime::from_ymd(
            i32::from(job.today.year()),
            u8::try_from(job.today.month()).unwrap_or(1),
            u8::try_from(job.today.day()).unwrap_or(1),
        ),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| first_error(&world, &errors))?;
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(format!("posture-{}", job.kind)),
        ..typst_pdf::PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| first_error(&world, &errors));
    // Typst memoises across compilations; a report is made once, so free the memory now.
    typst::comemo::evict(0);
    Ok(Typeset {
        pdf: pdf?,
        missing_glyphs: missing_glyphs(job.data, &world.fonts),
    })
}

fn first_error(world: &ReportWorld, errors: &[SourceDiagnostic]) -> String {
    errors.first().map_or_else(
        || "the report template failed without saying why".to_owned(),
        |e| describe(world, e),
    )
}

/// The logo's file extension for Typst's image decoder, from its media type.
pub fn logo_extension(media_type: &str) -> Option<&'static str> {
    match media_type {
        "image/png" => Some("png"),
        "image/jpeg" => Some("jpg"),
        "image/svg+xml" => Some("svg"),
        _ => None,
    }
}

/// Bundled font count, for the tests of what the binary carries.
#[cfg(test)]
fn bundled_fonts() -> usize {
    BUNDLED.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job<'a>(template: &'a str, data: &'a str) -> Job<'a> {
        Job {
            template,
            data,
            kind: "report",
            logo: None,
            fonts: &[],
            provider: "",
            contact: "",
            accent: None,
            today: jiff::civil::date(2026, 12, 1),
        }
    }

    #[test]
    fn the_bundled_fonts_load() {
        assert_eq!(bundled_fonts(), 3);
    }

    #[test]
    fn a_template_error_is_located() {
        let error = render(&job("= Title\n#let x = (\n", "{}")).expect_err("unclosed");
        assert!(error.starts_with("report template:2:"), "{error}");
    }

    #[test]
    fn the_template_cannot_read_files() {
        let error = render(&job("#read(\"/etc/passwd\")", "{}")).expect_err("no disk access");
        assert!(error.contains("access denied"), "{error}");
    }

    #[test]
    fn data_arrives_as_data() {
        let pdf = render(&job(
            "#let d = json(bytes(sys.inputs.data))\n#d.at(\"name\")",
            r##"{"name": "#set page(width: 1cm) $x$ *y* ]"}"##,
        ))
        .expect("renders");
        assert!(pdf.pdf.starts_with(b"%PDF-"));
        assert!(pdf.missing_glyphs.is_empty());
        let cjk =
            render(&job("#json(bytes(sys.inputs.data))", r#"["Café 東京"]"#)).expect("renders");
        assert_eq!(cjk.missing_glyphs, ['京', '東'], "é is in Noto Sans");
    }
}
