//! Fuzz target: see `posture_fuzz::report_export`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| posture_fuzz::report_export(data));
