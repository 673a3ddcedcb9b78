//! The built-in checklists, compiled into the binary so posture works from any folder.

/// `(file name, contents)` of every file in `checklists/`, in the order topics are offered.
pub const BUILT_INS: &[(&str, &str)] = &[("mfa.toml", include_str!("../../checklists/mfa.toml"))];
