//! The shell: the terminal, the event loop, and every effect the state asks for (saving,
//! opening, exporting). Answers are saved before the next frame is drawn, so nothing shown as
//! answered is ever only in memory unless the screen says the save failed.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use jiff::Timestamp;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

use super::action::{Action, Effect};
use super::keymap;
use super::saved::{self, SavedAssessment};
use super::session::Session;
use super::state::State;
use super::theme::Theme;
use crate::assessment::{self, Assessment, Header, Store};
use crate::checklist::Catalog;
use crate::error::{Error, Result};
use crate::paths::Paths;
use crate::report::{self, Format};
use crate::text::one_line;

/// How often the loop wakes without input, to notice signals.
const TICK: Duration = Duration::from_millis(250);
/// How long to wait before retrying a failed save.
const RETRY: Duration = Duration::from_secs(2);

/// Restores the terminal however the loop ends (an error return included; panics are
/// covered by the hook `ratatui::init` installs).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Everything the shell needs besides the state.
struct Shell {
    paths: Paths,
    catalog: Catalog,
    store: Store,
    quit: bool,
    /// Held while effects run, so the hang-up watchdog never exits mid-save.
    busy: Arc<Mutex<()>>,
}

/// Runs the interface until the person quits or a signal arrives. `open` starts in that
/// assessment at its first unanswered question. Returns the path of the last open assessment.
pub fn run(paths: Paths, catalog: Catalog, open: Option<PathBuf>) -> Result<Option<PathBuf>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| Error::Invalid(format!("cannot watch signals: {e}")))?;
    }
    let skipped = catalog
        .problems
        .iter()
        .map(|p| format!("{}:{}:{}: {}", p.path, p.line, p.column, p.message))
        .collect();
    let mut state = State::new(
        catalog.checklists().to_vec(),
        skipped,
        last_assessor(&paths),
        Theme::from_env(),
    );
    let mut shell = Shell {
        store: Store::new(&paths.data),
        paths,
        catalog,
        quit: false,
        busy: Arc::new(Mutex::new(())),
    };
    shell.dispatch(&mut state, Action::Listed(shell.list()));
    if let Some(path) = open {
        let outcome = shell.perform(&state, Effect::Open(path));
        if let Some(action) = outcome {
            shell.dispatch(&mut state, action);
        }
    }

    let mut terminal = ratatui::try_init()
        .map_err(|e| Error::Invalid(format!("posture needs an interactive terminal: {e}")))?;
    let guard = TerminalGuard;
    watch_for_hang_up(Arc::clone(&shell.busy));
    let result = shell.event_loop(&mut terminal, &mut state, &stop);
    if state.unsaved() {
        shell.dispatch(&mut state, Action::RetrySave);
    }
    drop(guard);
    result.map(|()| state.session.map(|s| s.path))
}

impl Shell {
    fn event_loop(
        &mut self,
        terminal: &mut DefaultTerminal,
        state: &mut State,
        stop: &AtomicBool,
    ) -> Result<()> {
        let io = |e: std::io::Error| Error::Invalid(format!("terminal error: {e}"));
        while !self.quit && !stop.load(Ordering::Relaxed) {
            terminal
                .draw(|frame| frame.render_widget(&*state, frame.area()))
                .map_err(io)?;
            let wait = if state.unsaved() { RETRY } else { TICK };
            if event::poll(wait).map_err(io)? {
                if let Event::Key(key) = event::read().map_err(io)?
                    && let Some(action) = keymap::action(state.context(), &key)
                {
                    self.dispatch(state, action);
                }
            } else if state.unsaved() {
                self.dispatch(state, Action::RetrySave);
            }
        }
        Ok(())
    }

    /// Applies an action and performs the effects it leads to, feeding each outcome back.
    fn dispatch(&mut self, state: &mut State, action: Action) {
        let busy = Arc::clone(&self.busy);
        let _no_exit_mid_save = busy.lock().unwrap_or_else(PoisonError::into_inner);
        let mut next = Some(action);
        while let Some(action) = next.take() {
            next = state
                .update(action, Timestamp::now())
                .and_then(|effect| self.perform(state, effect));
        }
    }

    fn perform(&mut self, state: &State, effect: Effect) -> Option<Action> {
        match effect {
            Effect::Save => {
                let session = state.session.as_ref()?;
                Some(match assessment::save(&session.path, &session.assessment) {
                    Ok(()) => Action::Saved,
                    Err(e) => Action::SaveFailed(e.to_string()),
                })
            }
            Effect::Create { header, topics } => Some(self.create(header, &topics)),
            Effect::Open(path) => Some(match assessment::load(&path, &self.catalog) {
                Ok(assessment) => Action::Opened(Box::new(Session::new(assessment, path))),
                Err(e) => Action::OpenFailed(e.to_string()),
            }),
            Effect::Export(format) => {
                let session = state.session.as_ref()?;
                let path = report_path(&self.paths, &session.path, format);
                let text = report::render(&session.assessment, format);
                Some(match crate::private_file::write(&path, text.as_bytes()) {
                    Ok(()) => Action::Exported(path),
                    Err(e) => Action::ExportFailed(format!("Report not written: {e}")),
                })
            }
            Effect::Refresh => Some(Action::Listed(self.list())),
            Effect::Compare => Some(self.compare_with_previous(state.session.as_ref()?)),
            Effect::Quit => {
                self.quit = true;
                None
            }
        }
    }

    fn create(&self, header: Header, topics: &[String]) -> Action {
        let checklists = topics
            .iter()
            .filter_map(|id| self.catalog.get(id).cloned())
            .collect();
        let assessor = header.assessor.clone();
        let assessment = Assessment::new(header, checklists, Timestamp::now());
        let path = self.store.path_for_new(&assessment);
        if let Err(e) = assessment::save(&path, &assessment) {
            return Action::OpenFailed(format!("Could not create the assessment: {e}"));
        }
        remember_assessor(&self.paths, &assessor);
        Action::Opened(Box::new(Session::new(assessment, path)))
    }

    /// Compares the open assessment with the latest earlier one of the same organisation and
    /// site.
    fn compare_with_previous(&self, session: &Session) -> Action {
        let current = &session.assessment;
        let same = |a: &Assessment| {
            let key = |s: &str| s.trim().to_lowercase();
            key(&a.header.organization) == key(&current.header.organization)
                && key(&a.header.site) == key(&current.header.site)
        };
        let previous = self
            .store
            .list()
            .into_iter()
            .filter(|path| *path != session.path)
            .filter_map(|path| assessment::load(&path, &self.catalog).ok())
            .filter(|a| same(a) && a.created < current.created)
            .max_by_key(|a| a.created);
        match previous {
            Some(previous) => {
                Action::Compared(Box::new(report::compare::compare(&previous, current)))
            }
            None => Action::CompareFailed(format!(
                "No earlier assessment of {} to compare with.",
                crate::text::org_and_site(&current.header.organization, &current.header.site)
            )),
        }
    }

    fn list(&self) -> Vec<SavedAssessment> {
        let mut list: Vec<SavedAssessment> = self
            .store
            .list()
            .into_iter()
            .filter_map(|path| {
                assessment::load(&path, &self.catalog)
                    .ok()
                    .map(|a| SavedAssessment::of(&a, path))
            })
            .collect();
        saved::sort(&mut list);
        list
    }
}

/// How often the watchdog looks for a terminal that has gone away.
const HANG_UP_CHECK: Duration = Duration::from_millis(500);

/// False once the terminal has hung up (its window closed).
fn terminal_alive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal()
}

/// Ends the process when the terminal hangs up. Reading a hung-up terminal can return
/// end-of-file forever, so crossterm's `poll` never comes back to the loop, and SIGHUP does not
/// always arrive. The loop holds `busy` while it performs effects, so the exit never lands
/// mid-save; everything shown as answered is already on disk.
fn watch_for_hang_up(busy: Arc<Mutex<()>>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(HANG_UP_CHECK);
            if !terminal_alive() {
                let _no_save_in_flight = busy.lock().unwrap_or_else(PoisonError::into_inner);
                std::process::exit(0);
            }
        }
    });
}

/// `<data>/reports/<organisation folder>/<assessment file stem>.<ext>`.
fn report_path(paths: &Paths, assessment: &Path, format: Format) -> PathBuf {
    let folder = assessment
        .parent()
        .and_then(Path::file_name)
        .map_or_else(|| "reports".into(), |n| n.to_string_lossy().into_owned());
    let stem = assessment
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    paths
        .data
        .join("reports")
        .join(folder)
        .join(format!("{stem}.{}", format.extension()))
}

fn settings_path(paths: &Paths) -> PathBuf {
    paths.config.join("settings.toml")
}

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Settings {
    #[serde(default)]
    last_assessor: String,
}

fn last_assessor(paths: &Paths) -> String {
    std::fs::read_to_string(settings_path(paths))
        .ok()
        .and_then(|text| toml::from_str::<Settings>(&text).ok())
        .map(|s| one_line(&s.last_assessor))
        .unwrap_or_default()
}

/// Remembering the assessor is a convenience: failing to is not worth interrupting anyone.
fn remember_assessor(paths: &Paths, assessor: &str) {
    let settings = Settings {
        last_assessor: assessor.to_owned(),
    };
    if let Ok(text) = toml::to_string(&settings) {
        let _ = crate::private_file::write(&settings_path(paths), text.as_bytes());
    }
}
