//! The saved assessments the start screen lists: visits (see `crate::practice::Visit`), most
//! recently changed first.

use crate::practice::Visit;

/// Most recently updated first; archived visits after all the others.
pub fn sort(saved: &mut [Visit]) {
    saved.sort_by(|a, b| {
        a.archived
            .cmp(&b.archived)
            .then_with(|| b.updated.cmp(&a.updated))
            .then_with(|| a.path.cmp(&b.path))
    });
}
