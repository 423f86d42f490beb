//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use converge::detect::Selection;
use converge::engine::{Engine, Mode, RunReport};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn engine_for(rule: Option<&str>) -> Engine {
    let selection = Selection {
        select: rule.map(|r| vec![r.to_owned()]).unwrap_or_default(),
        ignore: vec![],
    };
    Engine::load(&[], &selection).expect("built-in rules load")
}

/// The fixture's file name as the engine should see it (`bad_x.tf.fixed` → `bad_x.tf`).
pub fn scanned_name(fixture: &Path) -> String {
    let name = fixture.file_name().unwrap().to_str().unwrap();
    name.strip_suffix(".fixed").unwrap_or(name).to_owned()
}

/// Runs the engine on `bytes` alone in a fresh directory (so no other file joins its module).
pub fn run_on(engine: &Engine, name: &str, bytes: &[u8], mode: Mode) -> (RunReport, Vec<u8>) {
    converge::ruletest::run_alone(engine, name, bytes, mode).expect("a temporary copy is written")
}

pub const UNSAFE: Mode = Mode::Fix { unsafe_fixes: true };

pub fn count_rule(report: &RunReport, rule: &str) -> usize {
    report
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .filter(|f| f.rule == rule)
        .count()
}

/// Every fixture file, sorted.
pub fn all_fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for rule in std::fs::read_dir(fixtures_dir()).unwrap() {
        for f in std::fs::read_dir(rule.unwrap().path()).unwrap() {
            out.push(f.unwrap().path());
        }
    }
    out.sort();
    out
}

/// Runs the `converge` binary in `dir`.
pub fn converge(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_converge"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Copies the files and folders below `from` into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
