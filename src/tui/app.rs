//! The shell's loop: the terminal, keys and pastes in, frames out. Answers are saved before the
//! next frame is drawn, so nothing shown as answered is only in memory unless the screen says
//! the save failed. However posture ends (q, Ctrl-C, a signal, a closed window, a panic), a note
//! being typed is kept, unsaved answers are saved or written to a recovery copy, and the
//! terminal is restored.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use jiff::Timestamp;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, Clear, ClearType, EnterAlternateScreen};
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, TerminalOptions, Viewport};

use super::action::{Action, Effect};
use super::effects::{Shell, load_settings};
use super::keymap;
use super::state::{Ending, State};
use super::theme::Theme;
use crate::checklist::Catalog;
use crate::error::{Error, Result};
use crate::paths::Paths;

/// How often the loop wakes without input: to notice another writer's changes.
const TICK: Duration = Duration::from_millis(250);
/// How long to wait before retrying a failed save.
const RETRY: Duration = Duration::from_secs(2);
/// How often the watchdog looks for a signal or a terminal that has gone away.
const WATCH: Duration = Duration::from_millis(100);
/// The most events handled before the next frame is drawn (a burst of typing, a key held).
const BATCH: usize = 512;
/// The largest area drawn. Beyond it the window stays blank, so an enormous window costs no
/// more memory or time per frame than this.
const MAX_COLUMNS: u16 = 1000;
const MAX_ROWS: u16 = 400;

/// The state and the shell, shared by the loop and the watchdog, which ends the session
/// when a signal arrives or the terminal goes away (the loop may then be stuck reading).
struct App {
    shell: Shell,
    state: State,
    /// Set by whichever of the loop and the watchdog ends the session first.
    ended: bool,
}

impl App {
    fn dispatch(&mut self, action: Action) {
        self.shell.dispatch(&mut self.state, action);
    }

    /// Ends at once, as a quit would but without asking: the note being typed is kept, what
    /// is not saved is saved, or else written to a recovery copy.
    fn end_now(&mut self) -> Ending {
        if let Some(effect) = self.state.keep_typing(Timestamp::now()) {
            self.shell.run(&mut self.state, effect);
        }
        if self
            .state
            .session
            .as_ref()
            .is_some_and(|s| s.unsaved_changes() > 0)
        {
            self.shell.run(&mut self.state, Effect::Save);
        }
        if self.state.unsaved() {
            self.shell.run(&mut self.state, Effect::WriteRecovery);
        }
        self.shell.remember_where(&self.state);
        self.ended = true;
        self.state.ending()
    }
}

fn lock(app: &Mutex<App>) -> MutexGuard<'_, App> {
    app.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs the interface until the person quits. `open` starts in that assessment. Returns how
/// the session ended; a signal or a closed terminal ends the process from the watchdog.
pub fn run(paths: Paths, catalog: Catalog, open: Option<PathBuf>) -> Result<Ending> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| Error::Invalid(format!("cannot watch signals: {e}")))?;
    }
    let skipped = catalog
        .problems
        .iter()
        .map(|p| format!("{}:{}:{}: {}", p.path, p.line, p.column, p.message))
        .collect();
    let (settings, settings_problem) = load_settings(&paths);
    // A config that cannot be used is said, and the defaults apply meanwhile.
    let (config, config_problem) = match crate::config::Config::load(&paths.config) {
        Ok(config) => (config, None),
        Err(diagnostic) => (
            crate::config::Config::default(),
            Some(format!(
                "config.toml is not used: {}",
                crate::text::one_line(&diagnostic.to_string())
            )),
        ),
    };
    let assessor = if config.assessor.trim().is_empty() {
        &settings.last_assessor
    } else {
        &config.assessor
    };
    let mut state = State::new(
        catalog.checklists().to_vec(),
        skipped,
        crate::text::one_line(assessor),
        Theme::from_env(),
    );
    state.advance = config.advance;
    state.reassess_days = config.reassess_days;
    state.home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    let mut shell = Shell::new(paths, catalog);
    shell.provider = config.provider.clone();
    let mut app = App {
        shell,
        state,
        ended: false,
    };
    let listed = app.shell.list();
    app.dispatch(Action::Listed(listed));
    if let Some(problem) = settings_problem.or(config_problem) {
        app.dispatch(Action::OpenFailed(problem));
    }
    if let Some(path) = open {
        app.shell.run(&mut app.state, Effect::Open(path));
    }
    let app = Arc::new(Mutex::new(app));

    let mut terminal = start_terminal()?;
    watchdog(Arc::clone(&app), stop);
    let looped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&app, &mut terminal)
    }));
    let mut app = lock(&app);
    // A quit has already saved, written a recovery copy, or been told to leave without them;
    // anything else (an error, a panic) ends as a signal does.
    let ending = if app.shell.quit {
        app.ended = true;
        app.state.ending()
    } else {
        app.end_now()
    };
    restore_terminal();
    match looped {
        Ok(result) => result.map(|()| ending),
        Err(panic) => {
            let _ = writeln!(std::io::stderr(), "{}", ending.message());
            std::panic::resume_unwind(panic)
        }
    }
}

fn event_loop(app: &Mutex<App>, terminal: &mut DefaultTerminal) -> Result<()> {
    let io = |e: std::io::Error| Error::Invalid(format!("terminal error: {e}"));
    let mut redraw = true;
    loop {
        let wait = {
            let app = lock(app);
            if app.shell.quit {
                return Ok(());
            }
            if redraw {
                terminal
                    .draw(|frame| frame.render_widget(&app.state, frame.area()))
                    .map_err(io)?;
                redraw = false;
            }
            if app.state.unsaved() { RETRY } else { TICK }
        };
        // Read without holding the state: a terminal that hung up can keep the reader busy
        // for good, and the watchdog must still be able to end the session.
        let mut events = Vec::new();
        if event::poll(wait).map_err(io)? {
            events.push(event::read().map_err(io)?);
            while events.len() < BATCH && event::poll(Duration::ZERO).map_err(io)? {
                events.push(event::read().map_err(io)?);
            }
        }
        let mut app = lock(app);
        if events.is_empty() {
            let App { shell, state, .. } = &mut *app;
            let action = if state.unsaved() {
                Some(Action::RetrySave)
            } else {
                shell.watch(state)
            };
            if let Some(action) = action {
                app.dispatch(action);
                redraw = true;
            }
        }
        for event in events {
            redraw = true;
            match event {
                Event::Key(key) => {
                    if let Some(action) = keymap::action(app.state.context(), &key) {
                        app.dispatch(action);
                    }
                }
                Event::Paste(text) => app.dispatch(Action::Paste(text)),
                Event::Resize(columns, rows) => {
                    terminal.resize(drawn_area(columns, rows)).map_err(io)?;
                }
                _ => {}
            }
            if app.shell.quit {
                break;
            }
        }
    }
}

/// The part of a `columns` × `rows` window that is drawn.
fn drawn_area(columns: u16, rows: u16) -> Rect {
    Rect::new(0, 0, columns.min(MAX_COLUMNS), rows.min(MAX_ROWS))
}

/// Raw mode, the alternate screen and bracketed paste (a paste arrives whole, never as keys).
fn start_terminal() -> Result<DefaultTerminal> {
    let failed = |e: std::io::Error| {
        restore_terminal();
        Error::Invalid(format!("posture needs an interactive terminal: {e}"))
    };
    // Runs after ratatui's own hook has left the alternate screen.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        hook(info);
    }));
    let (columns, rows) = terminal::size().map_err(failed)?;
    let terminal = ratatui::try_init_with_options(TerminalOptions {
        viewport: Viewport::Fixed(drawn_area(columns, rows)),
    })
    .map_err(failed)?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        Clear(ClearType::All),
        EnableBracketedPaste
    )
    .map_err(failed)?;
    Ok(terminal)
}

/// Leaves raw mode, the alternate screen and bracketed paste. A terminal that has gone away
/// cannot be restored, and nothing needs saying about it.
fn restore_terminal() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
}

/// False once the terminal has hung up (its window closed).
fn terminal_alive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal()
}

/// Ends the session when a signal arrives or the terminal hangs up. Reading a hung-up terminal
/// can return end-of-file forever, so the loop may never come back to look, and SIGHUP does
/// not always arrive. The watchdog takes the state between two actions, never in the middle
/// of a save, keeps what is being typed, saves or writes a recovery copy, and exits.
fn watchdog(app: Arc<Mutex<App>>, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(WATCH);
            if stop.load(Ordering::Relaxed) || !terminal_alive() {
                let mut app = lock(&app);
                if app.ended {
                    return;
                }
                let ending = app.end_now();
                restore_terminal();
                let _ = writeln!(std::io::stderr(), "{}", ending.message());
                std::process::exit(ending.exit_code());
            }
        }
    });
}
