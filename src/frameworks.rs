//! NIST CSF 2.0 and CIS Controls v8 identifiers, compiled in from `assets/`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The six NIST CSF 2.0 functions, in the framework's order.
pub const CSF_FUNCTIONS: [(&str, &str); 6] = [
    ("GV", "Govern"),
    ("ID", "Identify"),
    ("PR", "Protect"),
    ("DE", "Detect"),
    ("RS", "Respond"),
    ("RC", "Recover"),
];

/// The CIS Controls v8 implementation groups; each includes the ones before it.
pub const CIS_GROUPS: [&str; 3] = ["IG1", "IG2", "IG3"];

/// What the CSF 2.0 catalogue says about an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsfStatus {
    Active,
    /// A CSF 1.1 id that 2.0 withdrew, with the ids that took its place (possibly none).
    Withdrawn {
        replaced_by: Vec<&'static str>,
    },
    Unknown,
}

struct Catalogue {
    csf: HashMap<&'static str, CsfStatus>,
    /// Safeguard id → membership of IG1, IG2, IG3.
    cis: HashMap<&'static str, [bool; 3]>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue {
        csf: parse_csf(include_str!("../assets/nist-csf-2.0.tsv")),
        cis: parse_cis(include_str!("../assets/cis-controls-v8.tsv")),
    })
}

fn data_rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .skip(1)
        .filter(|line| !line.is_empty())
        .map(|line| line.split('\t').collect())
}

fn parse_csf(tsv: &'static str) -> HashMap<&'static str, CsfStatus> {
    data_rows(tsv)
        .map(|row| {
            let status = if row.get(2) == Some(&"withdrawn") {
                let replaced_by = row
                    .get(3)
                    .map(|ids| ids.split(',').filter(|id| !id.is_empty()).collect())
                    .unwrap_or_default();
                CsfStatus::Withdrawn { replaced_by }
            } else {
                CsfStatus::Active
            };
            (row[0], status)
        })
        .collect()
}

fn parse_cis(tsv: &'static str) -> HashMap<&'static str, [bool; 3]> {
    data_rows(tsv)
        .map(|row| {
            let member = |i: usize| row.get(i) == Some(&"yes");
            (row[0], [member(1), member(2), member(3)])
        })
        .collect()
}

/// The status of a NIST CSF id (case-sensitive, any level).
pub fn csf_status(id: &str) -> CsfStatus {
    catalogue()
        .csf
        .get(id)
        .cloned()
        .unwrap_or(CsfStatus::Unknown)
}

/// The CSF function an id belongs to (`PR.AA-03` → `PR`).
pub fn csf_function(id: &str) -> &str {
    id.split(['.', '-']).next().unwrap_or(id)
}

/// Implementation-group membership of a CIS v8 safeguard, or `None` if it is not a safeguard id.
pub fn cis_groups(id: &str) -> Option<[bool; 3]> {
    catalogue().cis.get(id).copied()
}

/// Every CIS v8 safeguard id in implementation group 1.
pub fn cis_ig1_safeguards() -> impl Iterator<Item = &'static str> {
    catalogue()
        .cis
        .iter()
        .filter(|(_, groups)| groups[0])
        .map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csf_counts_match_the_catalogue() {
        let csf = &catalogue().csf;
        let active = csf.values().filter(|s| **s == CsfStatus::Active).count();
        assert_eq!(active, 6 + 22 + 106);
        assert_eq!(csf.len() - active, 12 + 79);
    }

    #[test]
    fn every_replacement_is_an_active_id() {
        for status in catalogue().csf.values() {
            if let CsfStatus::Withdrawn { replaced_by } = status {
                for id in replaced_by {
                    assert_eq!(csf_status(id), CsfStatus::Active, "{id}");
                }
            }
        }
    }

    #[test]
    fn withdrawn_ids_name_their_replacements() {
        assert_eq!(
            csf_status("ID.GV-03"),
            CsfStatus::Withdrawn {
                replaced_by: vec!["GV.OC-03"]
            }
        );
        assert_eq!(
            csf_status("PR.IP"),
            CsfStatus::Withdrawn {
                replaced_by: vec![]
            }
        );
        assert_eq!(csf_status("pr.aa-03"), CsfStatus::Unknown);
    }

    #[test]
    fn cis_groups_are_cumulative_and_sized() {
        let cis = &catalogue().cis;
        assert_eq!(cis.len(), 153);
        assert_eq!(cis_ig1_safeguards().count(), 56);
        assert_eq!(cis.values().filter(|g| g[1]).count(), 130);
        assert!(cis.values().all(|g| (!g[0] || g[1]) && (!g[1] || g[2])));
        assert_eq!(cis_groups("6.5"), Some([true, true, true]));
        assert_eq!(cis_groups("6"), None);
    }

    #[test]
    fn function_of_an_id() {
        assert_eq!(csf_function("PR.AA-03"), "PR");
        assert_eq!(csf_function("GV.OC"), "GV");
        assert_eq!(csf_function("RS"), "RS");
    }
}
