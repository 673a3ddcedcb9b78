//! The fuzz targets' seed corpus, replayed through the same checks on every `cargo test`
//! (the fuzzing itself: README.md, "Fuzzing").

#[path = "../../fuzz/src/lib.rs"]
mod checks;

fn replay(target: &str, check: fn(&[u8])) {
    let folder = format!("{}/fuzz/corpus/{target}", env!("CARGO_MANIFEST_DIR"));
    let mut seeds = 0;
    for entry in std::fs::read_dir(&folder).expect("the seed corpus") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        check(&bytes);
        seeds += 1;
    }
    assert!(seeds > 0, "no seeds in {folder}");
}

#[test]
fn checklist_seeds_pass_the_fuzz_checks() {
    replay("checklist_load", checks::checklist_load);
}

#[test]
fn assessment_seeds_pass_the_fuzz_checks() {
    replay("assessment_load", checks::assessment_load);
}

#[test]
fn report_seeds_pass_the_fuzz_checks() {
    replay("report_export", checks::report_export);
}
