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

mod actions;
mod assessments;
mod checklists;
mod clients;
mod command;
mod compare;
mod config;
mod housekeeping;
mod new;
mod show;
mod sync;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::checklist::Catalog;
use crate::config::Config;
use crate::error::Result;
use crate::paths::Paths;
use assessments::Given;
pub use command::{Command, FormatArg, ModeArg, TrashWhat};

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

    /// The config in force: `config.toml`, or the defaults when it is missing or cannot be
    /// used (which is said on standard error).
    /// The PDF layout: the provider's template and fonts from the config folder, if any.
    /// The PDF's bytes, with a note when its fonts lack some characters of the report.
    pub fn pdf(
        &self,
        typeset: std::result::Result<crate::report::Typeset, String>,
    ) -> Result<Vec<u8>> {
        let typeset = typeset.map_err(crate::error::Error::Invalid)?;
        if !typeset.missing_glyphs.is_empty() {
            let shown: String = typeset.missing_glyphs.iter().take(12).collect();
            note!(
                "note: the PDF's fonts cannot draw {shown}, which show as boxes: put a font that has them (.ttf or .otf) in {}",
                self.paths.config.join("fonts").display()
            );
        }
        Ok(typeset.pdf)
    }

    pub fn layout(&self) -> Result<crate::report::Layout> {
        crate::report::Layout::load(&self.paths.config).map_err(crate::error::Error::Invalid)
    }

    pub fn config(&self) -> Config {
        Config::load(&self.paths.config).unwrap_or_else(|diagnostic| {
            note!(
                "warning: config.toml is not used, the defaults apply: {} (details: posture config --show)",
                crate::text::one_line(&diagnostic.to_string())
            );
            Config::default()
        })
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
    bytes: &[u8],
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
        crate::private_file::write(path, bytes)?;
        note!("wrote {}", path.display());
    } else if std::str::from_utf8(bytes).is_err()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        return Err(crate::error::Error::Invalid(
            "a PDF is not for the terminal: add -o FILE.pdf".to_owned(),
        ));
    } else {
        use std::io::Write as _;
        let _ = std::io::stdout().lock().write_all(bytes);
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
            from,
        } => new::new(
            &context,
            &new::NewArgs {
                org,
                site,
                assessor,
                mode: mode.map(Into::into),
                topics,
                from,
            },
        ),
        Command::Answer {
            assessment,
            question,
            answer,
            note,
            evidence,
            reopen,
            internal,
            for_client,
        } => assessments::answer(
            &context,
            &assessment,
            &question,
            &answer,
            Given {
                note,
                evidence,
                reopen,
                internal: (internal || for_client).then_some(internal),
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
            internal,
            output,
        } => assessments::export(&context, &assessment, format, internal, output.as_deref()),
        Command::Assessments => Ok(show::list(&context)),
        Command::Compare {
            old,
            new,
            format,
            force,
            output,
        } => compare::compare(
            &context,
            &old,
            &new,
            compare::Options { format, force },
            output.as_deref(),
        ),
        other => run_practice(&context, other),
    }
}

/// The commands of an MSP's practice: clients, actions, housekeeping, config, sharing.
fn run_practice(context: &Context, command: Command) -> Result<ExitCode> {
    match command {
        Command::Clients { all, format } => Ok(clients::clients(context, all, format)),
        Command::Config { show: _ } => Ok(config::show(context)),
        Command::Sync => sync::sync(context),
        Command::MergeDriver { base, ours, theirs } => {
            Ok(sync::merge_driver(context, &base, &ours, &theirs))
        }
        Command::Verify { report, assessment } => {
            verify::verify(context, &report, assessment.as_deref())
        }
        Command::Archive { assessment } => housekeeping::archive(context, &assessment, true),
        Command::Restore { assessment } => housekeeping::restore(context, &assessment),
        Command::Rename {
            org,
            site,
            to_org,
            to_site,
        } => housekeeping::rename(
            context,
            &org,
            site.as_deref(),
            to_org.as_deref(),
            to_site.as_deref(),
        ),
        Command::Delete { assessment, yes } => housekeeping::delete(context, &assessment, yes),
        Command::Trash { what, yes } => {
            housekeeping::trash(context, matches!(what, Some(TrashWhat::Empty)), yes)
        }
        Command::Action {
            assessment,
            question,
            owner,
            due,
            status,
            reason,
            review,
        } => actions::action(
            context,
            &assessment,
            &question,
            &actions::Decision {
                owner,
                due,
                status,
                reason,
                review,
            },
        ),
        Command::Actions {
            assessment,
            format,
            output,
        } => actions::actions(context, &assessment, format, output.as_deref()),
        Command::Portfolio { format, output } => {
            clients::portfolio(context, format, output.as_deref())
        }
        _ => unreachable!("run handles every other command"),
    }
}
