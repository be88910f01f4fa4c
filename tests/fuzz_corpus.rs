//! Every input kept in `fuzz/corpus/<target>/` (the seeds, and each crash the fuzzers
//! found, once fixed) runs through its target's entry point here, with the same
//! assertions, so `cargo test` keeps them fixed without nightly or libFuzzer.

use std::path::Path;

#[test]
fn every_kept_fuzz_input_passes_its_target() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut ran = 0;
    for (target, _) in stele::fuzzing::TARGETS {
        let dir = corpus.join(target);
        let mut inputs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
            .map(|entry| entry.expect("a corpus entry").path())
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty(), "{} has no inputs", dir.display());
        for input in inputs {
            let data = std::fs::read(&input).expect("a corpus file");
            let outcome = std::panic::catch_unwind(|| stele::fuzzing::run(target, &data));
            assert!(outcome.is_ok(), "{target} fails on {}", input.display());
            ran += 1;
        }
    }
    assert!(ran >= stele::fuzzing::TARGETS.len());
}

#[test]
fn every_fuzz_target_has_an_entry_point() {
    let targets = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets");
    let mut files: Vec<String> = std::fs::read_dir(&targets)
        .expect("fuzz/fuzz_targets")
        .map(|entry| {
            let path = entry.expect("an entry").path();
            let name = path.file_stem().expect("a file name").to_string_lossy();
            name.into_owned()
        })
        .collect();
    files.sort();
    let mut names: Vec<String> = stele::fuzzing::TARGETS
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    names.sort();
    assert_eq!(files, names);
}

#[test]
fn the_checks_of_the_targets_can_fail() {
    // Script in a message, a link from an escaped value: the assertions are live.
    assert!(stele::fuzzing::runs_script(
        "<p><img src=x onerror=alert(1)></p>"
    ));
    assert!(stele::fuzzing::runs_script(
        "<a href=\" jav&#x61;script:x\">a</a>"
    ));
    assert!(stele::fuzzing::runs_script("<script>x</script>"));
    assert!(!stele::fuzzing::runs_script(
        "<p>javascript: onclick=x &lt;script&gt;</p>"
    ));
    assert!(std::panic::catch_unwind(|| stele::fuzzing::run("no_such_target", b"")).is_err());
}
