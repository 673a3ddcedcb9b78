//! Picking a known client in the new-assessment form: as the organisation is typed, the
//! clients whose names match (or nearly match) are offered, so that a typo never starts a
//! second history for the same client.

use super::{Field, Screen, State};
use crate::practice::{Client, ClientKey, is_near_miss, squeezed};
use crate::tui::action::Action;

/// How many known clients are offered at once.
const SHOWN: usize = 5;

impl State {
    /// The known clients the organisation typed so far matches, best first; none while
    /// another field has the focus.
    pub fn suggestions(&self) -> Vec<Client> {
        let Screen::Details(form) = &self.screen else {
            return Vec::new();
        };
        let typed = squeezed(&form.fields[0]);
        if form.focus != Field::Organization || typed.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(bool, Client)> = self
            .clients()
            .into_iter()
            .filter_map(|client| {
                let name = squeezed(&client.organization);
                let starts = name.starts_with(&typed);
                (starts
                    || name.contains(&typed)
                    || is_near_miss(&client.organization, &form.fields[0]))
                .then_some((starts, client))
            })
            .collect();
        found.sort_by_key(|(starts, _)| !starts);
        found.into_iter().take(SHOWN).map(|(_, c)| c).collect()
    }

    /// Up, Down and Enter among the offered clients; false when the key is not theirs.
    pub(super) fn on_suggestions(&mut self, action: &Action) -> bool {
        let offered = self.suggestions();
        let Screen::Details(form) = &mut self.screen else {
            return false;
        };
        match action {
            Action::Down if !offered.is_empty() => {
                form.suggestion = Some(form.suggestion.map_or(0, |s| (s + 1) % offered.len()));
                true
            }
            Action::Up if form.suggestion.is_some() => {
                form.suggestion = form.suggestion.and_then(|s| s.checked_sub(1));
                true
            }
            Action::Select => {
                if let Some(client) = form.suggestion.and_then(|s| offered.get(s)) {
                    form.fields[0].clone_from(&client.organization);
                    form.fields[1].clone_from(&client.site);
                    form.suggestion = None;
                    form.caret = form.fields[0].chars().count();
                    let message = format!(
                        "A new visit of {} (last visit {}). Enter goes on to the topics.",
                        crate::text::org_and_site(&client.organization, &client.site),
                        client.latest().day
                    );
                    self.info(message);
                    return true;
                }
                let typed = ClientKey::of(&form.fields[0], "").organization;
                let known = offered
                    .iter()
                    .any(|c| ClientKey::of(&c.organization, "").organization == typed);
                let near = offered
                    .iter()
                    .find(|c| is_near_miss(&c.organization, &form.fields[0]));
                if let (false, Some(near), false) = (known, near, form.new_client_ok) {
                    form.new_client_ok = true;
                    let message = format!(
                        "No client is named '{}' yet, but '{}' is: ↓ picks it, or Enter again starts a new client.",
                        form.fields[0].trim(),
                        near.organization
                    );
                    self.error(message);
                    return true;
                }
                false
            }
            _ => false,
        }
    }
}
