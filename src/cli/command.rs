//! The subcommands and their arguments, as clap reads them.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use super::actions::ActionsFormat;
use super::clients::{ListFormat, PortfolioFormat};
use super::compare;
use crate::assessment::Mode;
use crate::report::Format;

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
    /// Markdown, readable as plain text and rendered
    Md,
    /// JSON (schema posture-report/2)
    Json,
    /// One self-contained page that also prints well
    Html,
    /// A typeset PDF (needs -o FILE, or standard output sent to a file).
    Pdf,
}

impl FormatArg {
    /// The text format, or `None` for the PDF.
    pub fn text(self) -> Option<Format> {
        match self {
            FormatArg::Md => Some(Format::Markdown),
            FormatArg::Json => Some(Format::Json),
            FormatArg::Html => Some(Format::Html),
            FormatArg::Pdf => None,
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

    /// Start a new assessment (a first visit, or with --from a follow-up) and print its path.
    #[command(
        after_help = "A follow-up visit (--from) copies the previous visit's answers, notes and evidence, \
        each marked as carried over until it is confirmed or changed, and its unfinished actions; \
        organisation, site, mode and topics default to the previous visit's.\n\n\
        Example:\n  posture new --org \"Acme Dental\" --site \"Main office\" --assessor \"Jo Tech\" --mode audit\n  posture new --org \"Smith & Co\" --mode self --topics mfa,backups\n  posture new --from 01M8QZJ7B"
    )]
    New {
        /// The organisation assessed.
        #[arg(long, value_name = "ORG", required_unless_present = "from")]
        org: Option<String>,
        /// The site or office, if the organisation has several.
        #[arg(long)]
        site: Option<String>,
        /// Who carries out the assessment (default: assessor in config.toml).
        #[arg(long, value_name = "NAME")]
        assessor: Option<String>,
        /// audit (the default) or self.
        #[arg(long, value_enum)]
        mode: Option<ModeArg>,
        /// Checklist ids to include, comma-separated (default: all).
        #[arg(long, value_delimiter = ',', value_name = "ID,ID")]
        topics: Vec<String>,
        /// Follow up this earlier visit (path or id): its answers are carried over to re-verify.
        #[arg(long, value_name = "ASSESSMENT")]
        from: Option<String>,
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
        /// Mark the note and flag internal: no client report shows them.
        #[arg(long, conflicts_with = "for_client")]
        internal: bool,
        /// Mark the note and flag for the client's report again.
        #[arg(long)]
        for_client: bool,
    },

    /// Decide who fixes a finding, by when, and where it stands.
    #[command(
        after_help = "Every scored answer below full credit is an action. Status: open, in-progress, done \
        or accepted-risk (which needs --reason and --review, the date it is looked at again; an \
        accepted risk never counts as a pass). Dates are written 2027-01-31.\n\n\
        Example:\n  posture action 01M8QZJ7B mfa/admin-accounts --owner \"Jo Tech\" --due 2027-01-31 --status in-progress\n  posture action 01M8QZJ7B backups/offsite --status accepted-risk --reason \"New site opens in June\" --review 2027-06-30"
    )]
    Action {
        /// Assessment file path, or its id (a unique prefix is enough).
        assessment: String,
        /// The question, as checklist/question.
        question: String,
        /// Who fixes it.
        #[arg(long)]
        owner: Option<String>,
        /// By when (2027-01-31; an empty value clears it).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// open, in-progress, done or accepted-risk.
        #[arg(long)]
        status: Option<String>,
        /// Why the risk is accepted.
        #[arg(long)]
        reason: Option<String>,
        /// When an accepted risk is looked at again (2027-06-30).
        #[arg(long, value_name = "DATE")]
        review: Option<String>,
    },

    /// Write an assessment's action plan as CSV (for a ticketing system), Markdown or JSON.
    #[command(
        after_help = "One row per action, most severe first, with a stable id that stays the same on \
        follow-up visits. A CSV cell never starts a spreadsheet formula.\n\n\
        Example:\n  posture actions 01M8QZJ7B --format csv -o acme-actions.csv"
    )]
    Actions {
        /// Assessment file path, or its id (a unique prefix is enough).
        assessment: String,
        #[arg(long, value_enum, default_value = "md")]
        format: ActionsFormat,
        /// Write to FILE (created private, 0600) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// Show the config in force (config.toml in the config folder) and where each value comes from.
    #[command(
        after_help = "config.toml holds the provider's name, contact, logo and accent colour (for the \
        reports), the default assessor, reassess-after-days (365) and advance (on-yes or always); \
        checklists/README.md documents it. A config with an error is reported with its line and \
        column, and the defaults apply meanwhile (exit 1).\n\nExample:\n  posture config --show"
    )]
    Config {
        /// Print the config in force (the only thing this command does).
        #[arg(long)]
        show: bool,
    },

    /// Share the data folder with your team through git: commit, pull, push.
    #[command(
        after_help = "The data folder must be a git repository (git init; git remote add origin URL). \
        posture registers itself as git's merge driver for assessment files, so two technicians \
        who answered different questions of one assessment are merged answer by answer; where both \
        changed one answer, the newer is kept and posture says so.\n\nExample:\n  posture sync"
    )]
    Sync,

    /// git's merge driver for assessment files (posture sync registers it).
    #[command(hide = true)]
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
    },

    /// Check that a report still matches the assessment it was made from.
    #[command(
        after_help = "Every report posture writes ends with a seal: a SHA-256 over the assessment's \
        answers, notes and evidence and the checklist versions it was scored with. This recomputes \
        it from the assessment (found by the id in the seal, or given) and exits 1 when it no \
        longer matches, naming what changed.\n\nExample:\n  posture verify acme-report.md\n  posture verify acme-report.json ~/backups/acme.toml"
    )]
    Verify {
        /// The report (Markdown, HTML or JSON).
        report: PathBuf,
        /// The assessment to check it against (default: the one its seal names).
        assessment: Option<String>,
    },

    /// Archive an assessment: kept, but left out of the clients list and the portfolio.
    #[command(
        after_help = "Example:\n  posture archive 01JA\n  posture restore 01JA   # bring it back"
    )]
    Archive {
        /// Assessment file path, or its id (a unique prefix is enough).
        assessment: String,
    },

    /// Bring back an archived assessment, or put a deleted one back from the trash.
    #[command(after_help = "Example:\n  posture restore 01JA")]
    Restore {
        /// The assessment's id (a unique prefix is enough) or path.
        assessment: String,
    },

    /// Rename a client, or one of its sites, in every visit.
    #[command(
        after_help = "Case and spacing are ignored when finding the client.\n\n\
        Example:\n  posture rename --org \"Acme Dentl\" --to-org \"Acme Dental\"\n  posture rename --org \"Acme Dental\" --site \"HQ\" --to-site \"Main office\""
    )]
    Rename {
        /// The organisation as it is named now.
        #[arg(long, value_name = "ORG")]
        org: String,
        /// Only this site of it.
        #[arg(long)]
        site: Option<String>,
        /// The new organisation name.
        #[arg(long, value_name = "ORG")]
        to_org: Option<String>,
        /// The new site name.
        #[arg(long, value_name = "SITE")]
        to_site: Option<String>,
    },

    /// Move an assessment to the trash (posture restore puts it back).
    #[command(
        after_help = "posture asks first; --yes skips the question (needed without a terminal).\n\n\
        Example:\n  posture delete 01JA\n  posture trash empty   # remove what is in the trash for good"
    )]
    Delete {
        /// Assessment file path, or its id (a unique prefix is enough).
        assessment: String,
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },

    /// List the trash, or empty it for good.
    #[command(after_help = "Example:\n  posture trash\n  posture trash empty --yes")]
    Trash {
        #[arg(value_enum)]
        what: Option<TrashWhat>,
        /// Do not ask before emptying.
        #[arg(long)]
        yes: bool,
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

    /// Write an assessment's report as a typeset PDF, HTML, Markdown or JSON.
    #[command(
        after_help = "The PDF's layout is report.typ in posture's config folder if there is one (see \
        README.md), else the built-in one.\n\n\
        Example:\n  posture export acme.toml --format pdf -o acme-report.pdf\n  posture export acme.toml --format md -o acme-report.md\n  posture export 01JD7 --format json | jq .summary"
    )]
    Export {
        /// Assessment file path, or its id (a unique prefix is enough).
        assessment: String,
        #[arg(long, value_enum, default_value = "md")]
        format: FormatArg,
        /// A copy for the assessor's team, with the notes and flags marked internal (a client's
        /// report never has them).
        #[arg(long)]
        internal: bool,
        /// Write to FILE (created private, 0600) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// Compare two visits of a client: per-topic and per-question changes, and every visit's score.
    #[command(
        after_help = "Shows improved, regressed, new (newly answered) and removed (no longer answered) \
        questions, regressions first, and the client's score at every visit. The two are taken in \
        date order; visits of two different clients are refused unless --force.\n\n\
        Example:\n  posture compare 01JA 01JD\n  posture compare last-year.toml this-year.toml --format md -o changes.md"
    )]
    Compare {
        /// The earlier assessment (path or id).
        old: String,
        /// The later assessment (path or id).
        new: String,
        #[arg(long, value_enum, default_value = "text")]
        format: compare::CompareFormat,
        /// Compare visits of two different clients all the same.
        #[arg(long)]
        force: bool,
        /// Write to FILE (created private, 0600) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// List saved assessments with organisation, site, date, progress and score.
    #[command(after_help = "Example:\n  posture assessments")]
    Assessments,

    /// List clients and sites: the latest visit's date, score and level, the change since the
    /// visit before, the days since, and whether a visit is overdue.
    #[command(
        after_help = "Clients are the organisations and sites of the saved assessments (case and spacing \
        ignored). A visit is overdue when the last one is older than reassess-after-days in \
        config.toml (365 unless set).\n\nExample:\n  posture clients\n  posture clients --all --format json"
    )]
    Clients {
        /// Include clients whose every visit is archived.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },

    /// Across all clients: the most commonly missed questions, clients per level, overdue visits.
    #[command(
        after_help = "Example:\n  posture portfolio\n  posture portfolio --format json -o portfolio.json"
    )]
    Portfolio {
        #[arg(long, value_enum, default_value = "md")]
        format: PortfolioFormat,
        /// Write to FILE (created private, 0600) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },

    /// Print the JSON Schema of the checklist format (for editor completion).
    #[command(after_help = "Example:\n  posture schema > checklist.schema.json")]
    Schema,

    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  posture completions bash > ~/.local/share/bash-completion/completions/posture"
    )]
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TrashWhat {
    /// List what is in the trash (the default).
    List,
    /// Remove everything in the trash for good.
    Empty,
}
