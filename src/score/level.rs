//! The level a score earns, capped while a critical gap is open.

use std::fmt;

/// Scores within this distance of a boundary count as on it: a score that is mathematically 90
/// is Strong even when floating-point arithmetic gives 89.999….
const TOLERANCE: f64 = 1e-9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Weak,
    Fair,
    Good,
    Strong,
}

impl Level {
    /// Weakest first.
    pub const ALL: [Level; 4] = [Level::Weak, Level::Fair, Level::Good, Level::Strong];

    /// The level of `score` (0–100) alone.
    pub fn of(score: f64) -> Self {
        let reaches = |boundary: f64| score + TOLERANCE >= boundary;
        if reaches(90.0) {
            Level::Strong
        } else if reaches(75.0) {
            Level::Good
        } else if reaches(50.0) {
            Level::Fair
        } else {
            Level::Weak
        }
    }

    /// The level with the critical cap (checklist-format.md §6): `open` counts critical gaps
    /// and critical questions not answered yet; one or two keep the level at most Fair, three
    /// or more make it Weak whatever the score.
    pub fn capped(score: f64, open: usize) -> Self {
        let level = Self::of(score);
        match open {
            0 => level,
            1 | 2 => level.min(Level::Fair),
            _ => Level::Weak,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::Weak => "Weak",
            Level::Fair => "Fair",
            Level::Good => "Good",
            Level::Strong => "Strong",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_inclusive() {
        assert_eq!(Level::of(90.0), Level::Strong);
        assert_eq!(Level::of(89.999_999_999_9), Level::Strong);
        assert_eq!(Level::of(89.99), Level::Good);
        assert_eq!(Level::of(75.0), Level::Good);
        assert_eq!(Level::of(50.0), Level::Fair);
        assert_eq!(Level::of(49.9), Level::Weak);
        assert_eq!(Level::of(0.0), Level::Weak);
    }

    #[test]
    fn sums_that_are_mathematically_on_a_boundary_reach_it() {
        // 0.1 + 0.2 + … is not exact in binary; the level must not drop because of it.
        let credits = [0.7_f64, 0.1, 1.0];
        let score = 100.0 * credits.iter().sum::<f64>() / 2.0;
        assert!(score < 90.0, "the premise: arithmetic falls short of 90");
        assert_eq!(Level::of(score), Level::Strong);
    }

    #[test]
    fn an_open_critical_gap_caps_the_level_at_fair() {
        assert_eq!(Level::capped(100.0, 1), Level::Fair);
        assert_eq!(Level::capped(80.0, 2), Level::Fair);
        assert_eq!(Level::capped(40.0, 1), Level::Weak);
        assert_eq!(Level::capped(95.0, 0), Level::Strong);
    }

    #[test]
    fn three_open_criticals_make_the_level_weak_whatever_the_score() {
        assert_eq!(Level::capped(95.0, 3), Level::Weak);
        assert_eq!(Level::capped(60.0, 7), Level::Weak);
    }
}
