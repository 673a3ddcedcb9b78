//! The command line: clap definitions and the headless subcommands.

/// `println!` for a person: every line goes through the neutraliser, so no file name, note or
/// argument can send an escape sequence to the terminal; and it never panics: when the reader
/// has gone (`posture list | head`) the rest of the output is dropped quietly.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = crate::text::printable(&format!($($arg)*));
        let _ = writeln!(std::io::stdout().lock(), "{text}");
    }};
}

/// `print!` for output that is safe by construction (reports, the schema, completion
/// scripts), which must reach a file byte for byte. Never panics (see `out!`).
macro_rules! out_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprintln!` for a person, neutralised and never panicking (see `out!`).
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = crate::text::printable(&format!($($arg)*));
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }};
}

mod assessments;

use assessments::Given;
mod checklists;
mod compare;
mod show;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::assessment::Mode;
use crate::checklist::Catalog;
use crate::error::Result;
use crate::paths::Paths;
use crate::report::Format;

/// Exit status for a check that failed (validation errors, `--fail-under`).
pub const CHECK_FAILED: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "posture",
    version,
    about = "Security-posture checklists for small businesses",
    long_about = "Security-posture checklists for small businesses.\n\n\
        Walk through plain-language questions on MFA, backups, passwords, API keys, breach \
        response and more; every answer is saved the moment it is given; export a report to \
        hand to the client.",
    after_help = "Files: assessments are saved under the data folder (POSTURE_HOME, or the \
        platform's data folder); your own checklists go in the config folder's checklists/.\n\
        Exit status: 0 ok, 1 a check failed, 2 usage or bad input."
)]
pub struct Cli {
    /// Also load checklists from this folder or file (repeatable).
    #[arg(long = "checklists", value_name = "DIR", global = true)]
    pub checklists: Vec<PathBuf>,

    /// Keep assessments here instead of the data folder.
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// One folder for all of posture's files (checklists/ and assessments/).
    #[arg(
        long,
        env = "POSTURE_HOME",
        value_name = "DIR",
        global = true,
        hide_env_values = true
    )]
    pub home: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ModeArg {
    /// The owner assesses their own business; technician-only questions are left out.
    #[value(name = "self")]
    SelfAssessment,
    /// A technician audits on site; every question is asked.
    Audit,
}

impl From<ModeArg> for Mode {
    fn from(mode: ModeArg) -> Self {
        match mode {
            ModeArg::SelfAssessment => Mode::SelfAssessment,
            ModeArg::Audit => Mode::Audit,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Md,
    Json,
    Html,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Md => Format::Markdown,
            FormatArg::Json => Format::Json,
            FormatArg::Html => Format::Html,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open an assessment in the interactive interface where you left it (the first unanswered
    /// question the first time).
    #[command(
        after_help = "Running posture with no command opens the start screen instead.\n\n\
        Example:\n  posture open 01JD7\n  posture open ~/.local/share/posture/assessments/acme-dental/2026-11-25-main-office.toml"
    )]
    Open {
        /// Assessment file path, or its id (a unique prefix is enough).
        assessment: String,
    },

    /// List the checklists posture can use, where each comes from, and its question count.
    #[command(after_help = "Example:\n  posture list\n  posture --checklists ./my-checklists list")]
    List,

    /// Check checklist files or folders; exit 1 if any has an error.
    #[command(
        after_help = "Example:\n  posture validate checklists/\n  posture validate my-topic.toml"
    )]
    Validate {
        /// Checklist files, or folders whose *.toml files are checked.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },

    /// Start a new assessment and print the path of its file.
    #[command(
        after_help = "Example:\n  posture new --org \"Acme Dental\" --site \"Main office\" --assessor \"Jo Tech\" --mode audit\n  posture new --org \"Smith & Co\" --mode self --topics mfa,backups"
    )]
    New {
        /// The organisation assessed.
        #[arg(long, value_name = "ORG")]
        org: String,
        /// The site or office, if the organisation has several.
        #[arg(long, default_value = "")]
        site: String,
        /// Who carries out the assessment.
        #[arg(long, value_name = "NAME", default_value = "")]
        assessor: String,
        #[arg(long, value_enum, default_value = "audit")]
        mode: ModeArg,
        /// Checklist ids to include, comma-separated (default: all).
        #[arg(long, value_delimiter = ',', value_name = "ID,ID")]
        topics: Vec<String>,
    },

    /// Record an answer, saved at once.
    #[command(
        after_help = "Answers: yes, partial, no, unknown, na (or y, p, n, u, x); a choice id or its \
        number; any text or number for text and number questions.\n\n\
        Example:\n  posture answer acme.toml mfa/admin-accounts partial --note \"Bank login has no MFA\""
    )]
    Answer {
        /// Assessment file path, or its id (a unique prefix is enough).
        assessment: String,
        /// The question, as checklist/question.
        question: String,
        answer: String,
        /// A note to keep with the answer (replaces the previous note).
        #[arg(long)]
        note: Option<String>,
        /// What was seen as proof (replaces the previous evidence).
        #[arg(long)]
        evidence: Option<String>,
        /// Change a finished assessment: it is reopened, and the file records when.
        #[arg(long)]
        reopen: bool,
    },

    /// Put the answers of a recovery copy back into their assessment.
    #[command(
        after_help = "posture writes a recovery copy when it cannot save to the data folder (a full \
        disk, a read-only folder) and prints its path. Once the folder takes writes again, this \
        puts every answer, note and evidence of the copy back; where the assessment has a newer \
        answer to the same question, the newer one stays.\n\n\
        Example:\n  posture recover ~/.local/state/posture/recovery/2026-11-25-main-office-recovered-20261125T144112.toml"
    )]
    Recover {
        /// The recovery copy.
        copy: PathBuf,
    },

    /// Show an assessment's score, level, critical gaps and top actions.
    #[command(
        after_help = "Example:\n  posture show acme.toml\n  posture show 01JD7 --fail-under 75   # exit 1 below 75 (or n/a)"
    )]
    Show {
        /// Assessment file path, or its id (a unique prefix is enough).
        assessment: String,
        /// Exit with status 1 when the overall score is below N or n/a.
        #[arg(long, value_name = "N")]
        fail_under: Option<f64>,
    },

    /// Write an assessment's report as Markdown, JSON or HTML.
    #[command(
        after_help = "Example:\n  posture export acme.toml --format md -o acme-report.md\n  posture export 01JD7 --format json | jq .summary"
    )]
    Export {
        /// Assessment file path, or its id (a unique prefix is enough).
        assessment: String,
        #[arg(long, value_enum, default_value = "md")]
        format: FormatArg,
        /// Write to FILE (created private, 0600) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// Compare two assessments: per-topic and per-question changes since the earlier one.
    #[command(
        after_help = "Shows improved, regressed, new (newly answered) and removed (no longer answered) \
        questions, regressions first.\n\nExample:\n  posture compare 01JA 01JD\n  posture compare last-year.toml this-year.toml --format md -o changes.md"
    )]
    Compare {
        /// The earlier assessment (path or id).
        old: String,
        /// The later assessment (path or id).
        new: String,
        #[arg(long, value_enum, default_value = "text")]
        format: compare::CompareFormat,
        /// Write to FILE (created private, 0600) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// List saved assessments with organisation, site, date, progress and score.
    #[command(after_help = "Example:\n  posture assessments")]
    Assessments,

    /// Print the JSON Schema of the checklist format (for editor completion).
    #[command(after_help = "Example:\n  posture schema > checklist.schema.json")]
    Schema,

    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  posture completions bash > ~/.local/share/bash-completion/completions/posture"
    )]
    Completions { shell: clap_complete::Shell },
}

/// Everything a command needs from the environment.
pub struct Context {
    pub paths: Paths,
    pub extra_checklists: Vec<PathBuf>,
}

impl Context {
    /// The assessments under the data folder.
    pub fn store(&self) -> crate::assessment::Store {
        crate::assessment::Store::new(&self.paths.data, crate::score::file_summary)
    }

    /// Built-in, config-folder and `--checklists` checklists.
    pub fn catalog(&self) -> Catalog {
        let mut sources = vec![self.paths.user_checklists()];
        sources.extend(self.extra_checklists.iter().cloned());
        Catalog::load(&sources)
    }

    /// The catalog, with a one-line warning per skipped file on standard error.
    pub fn catalog_warning(&self) -> Catalog {
        let catalog = self.catalog();
        for problem in &catalog.problems {
            note!(
                "warning: skipped {}:{}:{}: {} (details: posture validate)",
                problem.path,
                problem.line,
                problem.column,
                crate::text::one_line(&problem.message)
            );
        }
        catalog
    }
}

/// The interactive interface; without a terminal (a pipe, a script) it explains itself instead.
fn interactive(context: &Context, open: Option<PathBuf>) -> Result<ExitCode> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        use clap::CommandFactory;
        note!("posture's interactive screens need a terminal; here are its commands instead.\n");
        let _ = Cli::command().print_help();
        return Ok(ExitCode::SUCCESS);
    }
    let ending = crate::tui::run(context.paths.clone(), context.catalog(), open)?;
    let message = ending.message();
    if ending.exit_code() == 0 {
        if !message.is_empty() {
            out!("{message}");
        }
        Ok(ExitCode::SUCCESS)
    } else {
        note!("{message}");
        Ok(ExitCode::from(CHECK_FAILED))
    }
}

/// How wide a diagnostic's source line may be: the terminal's width when standard error is
/// one, else wide enough for any real line.
pub fn screen_width() -> usize {
    use std::io::IsTerminal;
    const NOT_A_TERMINAL: usize = 400;
    if std::io::stderr().is_terminal() {
        ratatui::crossterm::terminal::size()
            .map_or(NOT_A_TERMINAL, |(columns, _)| usize::from(columns))
    } else {
        NOT_A_TERMINAL
    }
}

/// Writes command output to `output` (a private 0600 file) or, without one, to standard output.
/// A report never replaces what it was made from, nor any assessment file.
fn deliver(
    context: &Context,
    text: &str,
    output: Option<&std::path::Path>,
    inputs: &[&std::path::Path],
) -> Result<()> {
    if let Some(path) = output {
        if inputs
            .iter()
            .any(|input| assessments::same_file(input, path))
        {
            return Err(crate::error::Error::Invalid(format!(
                "'{}' is the assessment being read: choose another file for the output (-o)",
                path.display()
            )));
        }
        if context.store().is_assessment(path) {
            return Err(crate::error::Error::Invalid(format!(
                "'{}' is an assessment file, and output never replaces one: choose another file (-o)",
                path.display()
            )));
        }
        crate::private_file::write(path, text.as_bytes())?;
        note!("wrote {}", path.display());
    } else {
        out_raw!("{text}");
    }
    Ok(())
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let context = Context {
        paths: Paths::resolve(cli.home.as_deref(), cli.data_dir.as_deref())?,
        extra_checklists: cli.checklists,
    };
    let Some(command) = cli.command else {
        return interactive(&context, None);
    };
    match command {
        Command::Open { assessment } => {
            let path = context.store().locate(&assessment)?;
            interactive(&context, Some(path))
        }
        Command::List => Ok(checklists::list(&context)),
        Command::Validate { paths } => checklists::validate(&paths),
        Command::Schema => {
            out_raw!("{}", include_str!("../../assets/checklist.schema.json"));
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "posture", &mut script);
            out_raw!("{}", String::from_utf8_lossy(&script));
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            org,
            site,
            assessor,
            mode,
            topics,
        } => assessments::new(&context, org, site, assessor, mode.into(), &topics),
        Command::Answer {
            assessment,
            question,
            answer,
            note,
            evidence,
            reopen,
        } => assessments::answer(
            &context,
            &assessment,
            &question,
            &answer,
            Given {
                note,
                evidence,
                reopen,
            },
        ),
        Command::Recover { copy } => assessments::recover(&context, &copy),
        Command::Show {
            assessment,
            fail_under,
        } => show::show(&context, &assessment, fail_under),
        Command::Export {
            assessment,
            format,
            output,
        } => assessments::export(&context, &assessment, format.into(), output.as_deref()),
        Command::Assessments => Ok(show::list(&context)),
        Command::Compare {
            old,
            new,
            format,
            output,
        } => compare::compare(&context, &old, &new, format, output.as_deref()),
    }
}
