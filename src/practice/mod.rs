//! An MSP's practice across many assessments: clients and their visits, follow-up visits that
//! carry answers over, the action plan of each visit, and the portfolio across all clients.
//! Pure functions over assessments the shell has loaded: nothing here is stored on its own,
//! so a shared data folder never holds two truths.

mod clients;
mod followup;
mod plan;
mod portfolio;

pub use clients::{Client, ClientKey, Visit, clients, history, is_near_miss, squeezed};
pub use followup::{CarryOver, follow_up};
pub use plan::{PlannedAction, plan, status_counts};
pub use portfolio::{Missed, Portfolio, portfolio};
