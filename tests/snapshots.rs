//! What users see, snapshotted: the dry-run diff and the diagnostics for the bundled example.

use std::process::Command;

fn run(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_converge"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn quickstart_dry_run_diff() {
    let (diff, _) = run(&["fix", "--dry-run", "examples/quickstart"]);
    insta::assert_snapshot!("quickstart_dry_run_diff", diff);
}

#[test]
fn quickstart_unsafe_dry_run_diff() {
    let (diff, _) = run(&["fix", "--dry-run", "--unsafe-fixes", "examples/quickstart"]);
    insta::assert_snapshot!("quickstart_unsafe_dry_run_diff", diff);
}

#[test]
fn quickstart_scan_diagnostics() {
    let (text, _) = run(&["scan", "examples/quickstart"]);
    insta::assert_snapshot!("quickstart_scan_diagnostics", text);
}
