//! The built-in checklists, compiled into the binary so posture works from any folder.

/// `(file name, contents)` of every file in `checklists/`, in the order topics are offered.
pub const BUILT_INS: &[(&str, &str)] = &[
    ("mfa.toml", include_str!("../../checklists/mfa.toml")),
    (
        "screen-lock.toml",
        include_str!("../../checklists/screen-lock.toml"),
    ),
    (
        "api-keys.toml",
        include_str!("../../checklists/api-keys.toml"),
    ),
    (
        "breach-response.toml",
        include_str!("../../checklists/breach-response.toml"),
    ),
    (
        "backups.toml",
        include_str!("../../checklists/backups.toml"),
    ),
    (
        "updates.toml",
        include_str!("../../checklists/updates.toml"),
    ),
    (
        "passwords.toml",
        include_str!("../../checklists/passwords.toml"),
    ),
    (
        "accounts.toml",
        include_str!("../../checklists/accounts.toml"),
    ),
    ("email.toml", include_str!("../../checklists/email.toml")),
    (
        "payments.toml",
        include_str!("../../checklists/payments.toml"),
    ),
    (
        "devices.toml",
        include_str!("../../checklists/devices.toml"),
    ),
    ("mobile.toml", include_str!("../../checklists/mobile.toml")),
    (
        "encryption.toml",
        include_str!("../../checklists/encryption.toml"),
    ),
    (
        "network.toml",
        include_str!("../../checklists/network.toml"),
    ),
    ("wifi.toml", include_str!("../../checklists/wifi.toml")),
    (
        "domain-website.toml",
        include_str!("../../checklists/domain-website.toml"),
    ),
    (
        "cloud-apps.toml",
        include_str!("../../checklists/cloud-apps.toml"),
    ),
    ("data.toml", include_str!("../../checklists/data.toml")),
    (
        "vendors.toml",
        include_str!("../../checklists/vendors.toml"),
    ),
    (
        "awareness.toml",
        include_str!("../../checklists/awareness.toml"),
    ),
    (
        "logging.toml",
        include_str!("../../checklists/logging.toml"),
    ),
    (
        "governance.toml",
        include_str!("../../checklists/governance.toml"),
    ),
    (
        "physical.toml",
        include_str!("../../checklists/physical.toml"),
    ),
];
