//! The effects the state asks for, performed: saving (a read-merge-write under the file's
//! lock), creating, opening, exporting, comparing, listing, noticing another writer's changes,
//! and writing a recovery copy when the data folder refuses writes.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::action::{Action, Effect};
use super::saved;
use super::session::Session;
use super::settings::Settings;
use super::state::State;
use crate::assessment::{self, Assessment, Header, Store};
use crate::checklist::Catalog;
use crate::paths::Paths;
use crate::practice::ClientKey;
use crate::practice::Visit;
use crate::report;
use crate::text::one_line;

/// What the file looked like when last checked: a change means another writer saved.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Version {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

impl Version {
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(&meta),
        })
    }
}

/// Everything the shell needs besides the state.
pub struct Shell {
    pub paths: Paths,
    pub catalog: Catalog,
    store: Store,
    /// Set once the state asked to leave.
    pub quit: bool,
    /// The open file as last checked for changes by another writer.
    seen: Option<Version>,
    /// Who prepares the reports (config.toml).
    pub provider: crate::config::Provider,
}

impl Shell {
    pub fn new(paths: Paths, catalog: Catalog) -> Self {
        Self {
            store: Store::new(&paths.data, crate::score::file_summary),
            paths,
            catalog,
            quit: false,
            seen: None,
            provider: crate::config::Provider::default(),
        }
    }

    /// Every saved assessment of `assessment`'s client, with `assessment` itself as it is on
    /// screen (at `path`) in place of its file.
    fn client_visits(&self, path: &Path, assessment: &Assessment) -> Vec<(PathBuf, Assessment)> {
        let key = ClientKey::of_assessment(assessment);
        self.store
            .list()
            .into_iter()
            .filter(|p| p != path)
            .filter_map(|p| Some((p.clone(), assessment::load(&p, &self.catalog).ok()?)))
            .filter(|(_, a)| ClientKey::of_assessment(a) == key)
            .chain(std::iter::once((path.to_path_buf(), assessment.clone())))
            .collect()
    }

    /// Applies an action and performs the effects it leads to, feeding each outcome back.
    pub fn dispatch(&mut self, state: &mut State, action: Action) {
        let mut next = Some(action);
        while let Some(action) = next.take() {
            next = state
                .update(action, Timestamp::now())
                .and_then(|effect| self.perform(state, effect));
        }
    }

    /// Performs an effect the state asked for outside `dispatch`, and feeds its outcome back.
    pub fn run(&mut self, state: &mut State, effect: Effect) {
        if let Some(outcome) = self.perform(state, effect) {
            self.dispatch(state, outcome);
        }
    }

    fn perform(&mut self, state: &State, effect: Effect) -> Option<Action> {
        match effect {
            Effect::Save => {
                let session = state.session.as_ref()?;
                Some(
                    match self.store.sync(
                        &session.path,
                        &self.catalog,
                        &session.base,
                        &session.assessment,
                    ) {
                        Ok(file) => Action::Saved(Box::new(file)),
                        Err(e) => Action::SaveFailed(e.plain()),
                    },
                )
            }
            Effect::Create { header, topics } => {
                remember_position(&self.paths, state);
                Some(self.create(header, &topics))
            }
            Effect::Open(path) => {
                remember_position(&self.paths, state);
                Some(match assessment::load(&path, &self.catalog) {
                    Ok(assessment) => {
                        self.seen = Version::of(&path);
                        let position = remembered_position(&self.paths, &assessment.id);
                        let mut session = Session::new(assessment, path);
                        if let Some(question) = position {
                            session.resume(&question);
                        }
                        Action::Opened(Box::new(session))
                    }
                    Err(e) => Action::OpenFailed(e.to_string()),
                })
            }
            Effect::Export(format) => {
                self.export(state, format.extension(), |assessment, context| {
                    Ok(report::render(assessment, format, context).into_bytes())
                })
            }
            Effect::ExportPdf => {
                let layout = report::Layout::load(&self.paths.config);
                self.export(state, "pdf", |assessment, context| {
                    report::pdf(assessment, context, &layout?).map(|typeset| typeset.pdf)
                })
            }
            Effect::Refresh => {
                remember_position(&self.paths, state);
                Some(Action::Listed(self.list()))
            }
            Effect::Compare => Some(self.compare_with_previous(state.session.as_ref()?)),
            Effect::FollowUp(path) => Some(self.follow_up(&path, &state.last_assessor)),
            Effect::Archive { path, archived } => Some(self.archive(&path, archived)),
            Effect::Delete(path) => {
                Some(self.housekept(
                    self.store.move_to_trash(&path).map(|_| {
                        "Moved to the trash (posture restore ID puts it back).".to_owned()
                    }),
                ))
            }
            Effect::Rename {
                organization,
                site,
                to_organization,
                to_site,
            } => Some(self.rename(
                &ClientKey::of(&organization, &site),
                &to_organization,
                &to_site,
            )),
            Effect::WriteRecovery => Some(self.write_recovery(state.session.as_ref()?)),
            Effect::Quit => {
                remember_position(&self.paths, state);
                self.quit = true;
                None
            }
        }
    }

    /// Writes the open assessment's client report, made by `make`, beside the others.
    fn export(
        &self,
        state: &State,
        extension: &str,
        make: impl FnOnce(&Assessment, &report::Context) -> Result<Vec<u8>, String>,
    ) -> Option<Action> {
        let session = state.session.as_ref()?;
        let path = report_path(&self.paths, &session.path, extension);
        let visits = self.client_visits(&session.path, &session.assessment);
        let context = report::Context {
            made: Timestamp::now(),
            logo: self.provider.logo_image(),
            provider: self.provider.clone(),
            history: report::compare::trend(&crate::practice::history(
                &visits,
                &session.assessment,
            )),
            internal: false,
        };
        let bytes = match make(&session.assessment, &context) {
            Ok(bytes) => bytes,
            Err(e) => return Some(Action::ExportFailed(format!("Report not made: {e}"))),
        };
        Some(match crate::private_file::write(&path, &bytes) {
            Ok(()) => Action::Exported(path),
            Err(e) => Action::ExportFailed(format!("Report not written: {e}")),
        })
    }

    /// Remembers where the open assessment is, for the next time it is opened.
    pub fn remember_where(&self, state: &State) {
        remember_position(&self.paths, state);
    }

    /// Reads the open file again when another writer has changed it, so the screen shows
    /// their answers too. Only while everything here is saved: otherwise the next save merges.
    pub fn watch(&mut self, state: &State) -> Option<Action> {
        let session = state.session.as_ref()?;
        if state.unsaved() {
            return None;
        }
        let now = Version::of(&session.path);
        if now.is_none() || now == self.seen {
            return None;
        }
        self.seen = now;
        Some(match assessment::load(&session.path, &self.catalog) {
            Ok(file) if file.id == session.assessment.id => Action::Reloaded(Box::new(file)),
            Ok(other) => Action::ReloadFailed(format!(
                "it now holds another assessment ('{}'); this one stays on screen and will not overwrite it",
                other.id
            )),
            Err(e) => Action::ReloadFailed(e.to_string()),
        })
    }

    fn create(&self, header: Header, topics: &[String]) -> Action {
        let checklists = topics
            .iter()
            .filter_map(|id| self.catalog.get(id).cloned())
            .collect();
        let assessor = header.assessor.clone();
        let assessment = Assessment::new(header, checklists, Timestamp::now());
        match self.store.create(&assessment) {
            Ok(path) => {
                remember_assessor(&self.paths, &assessor);
                Action::Opened(Box::new(Session::new(assessment, path)))
            }
            Err(e) => Action::OpenFailed(format!("Could not create the assessment: {e}")),
        }
    }

    /// Writes the answers the data folder would not take to the first recovery folder that
    /// takes them.
    fn write_recovery(&self, session: &Session) -> Action {
        let stem = session
            .path
            .file_stem()
            .map_or_else(|| "assessment".into(), |s| s.to_string_lossy().into_owned());
        let name = format!(
            "{stem}-recovered-{}.toml",
            Timestamp::now().strftime("%Y%m%dT%H%M%S")
        );
        let mut reasons = Vec::new();
        for folder in self.paths.recovery_folders() {
            let copy = folder.join(&name);
            let parent = folder.parent().unwrap_or(&folder);
            let written = crate::private_file::refuse_links(parent, &copy)
                .and_then(|()| self.store.write_copy(&copy, &session.assessment));
            match written {
                Ok(()) => return Action::RecoveryWritten(copy),
                Err(e) => reasons.push(e.to_string()),
            }
        }
        Action::RecoveryFailed(reasons.join("; "))
    }

    /// The saved list as it is now, and what happened (or why it did not).
    fn housekept(&self, done: crate::error::Result<String>) -> Action {
        match done {
            Ok(message) => Action::Housekept {
                listed: self.list(),
                message,
            },
            Err(e) => Action::OpenFailed(e.to_string()),
        }
    }

    fn archive(&self, path: &Path, archived: bool) -> Action {
        let done = self.store.update(path, &self.catalog, |a| {
            a.archived = archived;
            a.updated = assessment::Stamp::now();
            Ok(())
        });
        self.housekept(done.map(|_| {
            if archived {
                "Archived: it stays in the list, marked, until A brings it back.".to_owned()
            } else {
                "Brought back from the archive.".to_owned()
            }
        }))
    }

    fn rename(&self, client: &ClientKey, organization: &str, site: &str) -> Action {
        let mut renamed = 0;
        for path in self.store.list() {
            let Ok(a) = assessment::load(&path, &self.catalog) else {
                continue;
            };
            if ClientKey::of_assessment(&a) != *client {
                continue;
            }
            let done = self.store.update(&path, &self.catalog, |a| {
                organization.clone_into(&mut a.header.organization);
                site.clone_into(&mut a.header.site);
                a.updated = assessment::Stamp::now();
                Ok(())
            });
            if let Err(e) = done {
                return Action::OpenFailed(e.to_string());
            }
            renamed += 1;
        }
        self.housekept(Ok(format!("Renamed {renamed} visit(s).")))
    }

    /// Creates a follow-up visit of the assessment at `path` and opens it at the first answer
    /// carried over to re-verify.
    fn follow_up(&self, path: &Path, last_assessor: &str) -> Action {
        let previous = match assessment::load(path, &self.catalog) {
            Ok(previous) => previous,
            Err(e) => return Action::OpenFailed(e.to_string()),
        };
        let checklists: Vec<_> = previous
            .checklists
            .iter()
            .filter_map(|c| self.catalog.get(&c.id).cloned())
            .collect();
        let assessor = if last_assessor.trim().is_empty() {
            previous.header.assessor.clone()
        } else {
            last_assessor.to_owned()
        };
        let header = Header {
            assessor,
            ..previous.header.clone()
        };
        let next =
            crate::practice::follow_up(&previous, header, checklists, Timestamp::now()).assessment;
        match self.store.create(&next) {
            Ok(path) => Action::Opened(Box::new(Session::new(next, path))),
            Err(e) => Action::OpenFailed(e.to_string()),
        }
    }

    /// Compares the open assessment with the latest earlier one of the same organisation and
    /// site.
    fn compare_with_previous(&self, session: &Session) -> Action {
        let current = &session.assessment;
        let visits = self.client_visits(&session.path, current);
        let previous = visits
            .iter()
            .map(|(_, a)| a)
            .filter(|a| a.created < current.created)
            .max_by_key(|a| a.created);
        match previous {
            Some(previous) => Action::Compared(Box::new(report::compare::compare(
                previous,
                current,
                report::compare::trend(&crate::practice::history(&visits, current)),
            ))),
            None => Action::CompareFailed(format!(
                "No earlier assessment of {} to compare with.",
                crate::text::org_and_site(&current.header.organization, &current.header.site)
            )),
        }
    }

    pub fn list(&self) -> Vec<Visit> {
        let mut list: Vec<Visit> = self
            .store
            .list()
            .into_iter()
            .filter_map(|path| {
                assessment::load(&path, &self.catalog)
                    .ok()
                    .map(|a| Visit::of(path, &a))
            })
            .collect();
        saved::sort(&mut list);
        list
    }
}

/// `<data>/reports/<organisation folder>/<assessment file stem>.<ext>`.
fn report_path(paths: &Paths, assessment: &Path, extension: &str) -> PathBuf {
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
        .join(format!("{stem}.{extension}"))
}

fn settings_path(paths: &Paths) -> PathBuf {
    paths.config.join("settings.toml")
}

/// The settings, and a sentence for the person when the file exists but cannot be used.
pub fn load_settings(paths: &Paths) -> (Settings, Option<String>) {
    match std::fs::read_to_string(settings_path(paths)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), None),
        Err(e) => (
            Settings::default(),
            Some(format!(
                "settings.toml cannot be read ({e}); using the defaults"
            )),
        ),
        Ok(text) => match Settings::parse(&text) {
            Ok(settings) => (settings, None),
            Err(e) => (
                Settings::default(),
                Some(format!("settings.toml is not used: {}", one_line(&e))),
            ),
        },
    }
}

/// Remembering the assessor is a convenience: failing to is not worth interrupting anyone, and
/// a settings file that cannot be read is left as it is.
fn remember_assessor(paths: &Paths, assessor: &str) {
    if let (mut settings, None) = load_settings(paths) {
        assessor.clone_into(&mut settings.last_assessor);
        let _ = crate::private_file::write(&settings_path(paths), settings.to_toml().as_bytes());
    }
}

/// Where each assessment was left, by id: the next opening resumes there.
fn positions_path(paths: &Paths) -> PathBuf {
    paths.state.join("positions.toml")
}

fn positions(paths: &Paths) -> toml::Table {
    std::fs::read_to_string(positions_path(paths))
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or_default()
}

/// The question an assessment was left at, as `checklist/question`.
fn remembered_position(paths: &Paths, id: &str) -> Option<String> {
    positions(paths)
        .get(id)
        .and_then(toml::Value::as_str)
        .map(str::to_owned)
}

/// Remembers the question the open assessment is at (a convenience: failures are ignored).
fn remember_position(paths: &Paths, state: &State) {
    let Some(session) = &state.session else {
        return;
    };
    let at = session.at;
    let question = format!("{}/{}", session.checklist(at).id, session.question(at).id);
    let mut table = positions(paths);
    if table
        .get(&session.assessment.id)
        .and_then(toml::Value::as_str)
        == Some(&question)
    {
        return;
    }
    table.insert(session.assessment.id.clone(), toml::Value::String(question));
    if let Ok(text) = toml::to_string(&table) {
        let _ = crate::private_file::write(&positions_path(paths), text.as_bytes());
    }
}
