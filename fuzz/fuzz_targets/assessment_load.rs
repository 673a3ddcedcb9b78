//! Fuzz target: see `posture_fuzz::assessment_load`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| posture_fuzz::assessment_load(data));
