//! Same input, same bytes: whatever the rule order, the thread count or the run.

mod common;

use common::*;
use converge::detect::{Evaluator, Selection};
use converge::engine::Engine;
use converge::remediation::Catalog;
use converge::report;
use converge::rule::RuleSet;

/// Every bad fixture of every rule, each in its own directory, in one tree.
fn fixture_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (i, path) in all_fixtures().iter().enumerate() {
        let name = scanned_name(path);
        let sub = dir.path().join(format!("{i:03}"));
        std::fs::create_dir(&sub).unwrap();
        std::fs::copy(path, sub.join(name)).unwrap();
    }
    dir
}

fn outputs(engine: &Engine, root: &std::path::Path, threads: usize) -> (String, String, String) {
    let report = engine.run(&[root.to_path_buf()], UNSAFE, Some(threads));
    let json = serde_json::to_string(&report::json(&report, &engine.rules, "fix", true)).unwrap();
    let text = report::text(&report, &engine.rules, UNSAFE, true);
    (report::diff(&report), json, text)
}

#[test]
fn output_does_not_depend_on_rule_order_or_threads() {
    let tree = fixture_tree();
    let forward = engine_for(None);
    let mut rules = RuleSet::load(&[]).unwrap();
    rules.modules.reverse();
    let reversed = Engine::new(
        rules,
        Catalog::load(&[]).unwrap(),
        &Selection::default(),
        Evaluator::Vm,
    )
    .unwrap();
    let baseline = outputs(&forward, tree.path(), 1);
    assert!(
        baseline.0.lines().filter(|l| l.starts_with("+++ ")).count() > 10,
        "too few files changed"
    );
    assert_eq!(
        outputs(&forward, tree.path(), 4),
        baseline,
        "4 threads differ from 1"
    );
    assert_eq!(
        outputs(&reversed, tree.path(), 3),
        baseline,
        "reversed rule order differs"
    );
    assert_eq!(
        outputs(&forward, tree.path(), 2),
        baseline,
        "a second run differs"
    );
}

/// The built-in rules run on regorus's bytecode VM, which has known differences from the
/// interpreter's (reference) semantics: every fixture, and every intermediate text a fix
/// produces, must give the same findings, fixes and bytes under both.
#[test]
fn the_vm_and_the_interpreter_agree_on_every_fixture() {
    let tree = fixture_tree();
    let engine = |evaluator| {
        Engine::new(
            RuleSet::load(&[]).unwrap(),
            Catalog::load(&[]).unwrap(),
            &Selection::default(),
            evaluator,
        )
        .unwrap()
    };
    let vm = outputs(&engine(Evaluator::Vm), tree.path(), 2);
    let interpreter = outputs(&engine(Evaluator::Interpreter), tree.path(), 2);
    assert_eq!(vm.1, interpreter.1, "JSON reports differ");
    assert_eq!(vm.0, interpreter.0, "diffs differ");
}

/// The CLI streams its JSON report file by file; it holds the same object as the report built
/// after the run.
#[test]
fn streamed_json_report_equals_the_whole_report() {
    let tree = fixture_tree();
    let engine = engine_for(None);
    let report = engine.run(&[tree.path().to_path_buf()], UNSAFE, Some(2));
    let mut expected =
        serde_json::to_value(report::json(&report, &engine.rules, "fix", true)).unwrap();
    expected["diff"] = serde_json::Value::from(report::diff(&report));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_converge"))
        .args(["fix", "--dry-run", "--unsafe-fixes", "--format", "json"])
        .arg(tree.path())
        .output()
        .unwrap();
    let streamed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(streamed["findings"]
        .as_array()
        .is_some_and(|f| f.len() > 100));
    assert_eq!(streamed, expected);
}
