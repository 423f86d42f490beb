//! Invariants every rule must hold, run over every rule and fixture automatically:
//! the rule has its pieces (detector, Rego tests, remediation or a display-only reason,
//! fixtures); fixing each `bad_*` fixture gives its `.fixed` file byte for byte; the fixed file
//! has no finding of the rule and fixing it again changes nothing; `ok_*` files have no finding.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::*;
use converge::engine::Mode;
use converge::remediation::Applicability;
use converge::rule::RuleSet;

/// True when the rule's remediation applies fixes (safe or unsafe).
fn fixable(catalog: &converge::remediation::Catalog, id: &str) -> bool {
    catalog
        .by_rule
        .iter()
        .any(|(rule, r)| rule.as_str() == id && r.applicability != Applicability::DisplayOnly)
}

fn rule_fixtures(rule: &str) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let dir = fixtures_dir().join(rule);
    let mut bad = Vec::new();
    let mut ok = Vec::new();
    for entry in std::fs::read_dir(&dir)
        .unwrap_or_else(|_| panic!("{rule}: no fixture folder {}", dir.display()))
    {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.starts_with("bad_") && !name.ends_with(".fixed") {
            bad.push(path);
        } else if name.starts_with("ok_") {
            ok.push(path);
        }
    }
    bad.sort();
    ok.sort();
    (bad, ok)
}

#[test]
fn every_rule_has_all_its_pieces() {
    let rules = RuleSet::load(&[]).unwrap();
    let catalog = converge::remediation::Catalog::load(&[]).unwrap();
    let ids: BTreeSet<String> = rules.rules().map(|r| r.id.to_string()).collect();
    assert!(ids.len() >= 14, "only {} rules", ids.len());
    let tests: BTreeSet<String> = rules
        .modules
        .iter()
        .filter(|m| m.module.path.ends_with("_test.rego"))
        .map(|m| {
            m.module
                .package
                .trim_end_matches("_test")
                .rsplit('.')
                .next()
                .unwrap()
                .replace('_', "-")
        })
        .collect();
    for id in &ids {
        assert!(tests.contains(id), "{id}: no _test.rego");
        let (bad, ok) = rule_fixtures(id);
        assert!(!bad.is_empty(), "{id}: no bad_* fixture");
        assert!(!ok.is_empty(), "{id}: no ok_* fixture");
        for b in &bad {
            let mut fixed = b.clone().into_os_string();
            fixed.push(".fixed");
            // A display-only rule's `.fixed` file, when present, is the change a person makes.
            assert!(
                !fixable(&catalog, id) || PathBuf::from(&fixed).exists(),
                "{}: no .fixed file",
                b.display()
            );
        }
        let meta = rules.rule(id).unwrap();
        assert!(
            !meta.title.is_empty() && !meta.description.is_empty(),
            "{id}: title and description"
        );
    }
    for rule in catalog.by_rule.keys() {
        assert!(
            ids.contains(rule.as_str()),
            "remediation for unknown rule {rule}"
        );
    }
    for dir in std::fs::read_dir(fixtures_dir()).unwrap() {
        let name = dir.unwrap().file_name().into_string().unwrap();
        assert!(ids.contains(&name), "fixture folder {name} names no rule");
    }
}

#[test]
fn fixtures_fix_to_their_fixed_files() {
    let rules = RuleSet::load(&[]).unwrap();
    let mut checked = 0;
    for meta in rules.rules() {
        let id = meta.id.as_str();
        let engine = engine_for(Some(id));
        let (bad, ok) = rule_fixtures(id);
        for path in &bad {
            let name = scanned_name(path);
            let input = std::fs::read(path).unwrap();
            let (report, fixed) = run_on(&engine, &name, &input, UNSAFE);
            assert!(
                report.errors.is_empty(),
                "{}: {:?}",
                path.display(),
                report.errors
            );
            assert!(
                count_rule(&report, id) > 0,
                "{}: no finding of {id}",
                path.display()
            );
            let fixed_path = PathBuf::from(format!("{}.fixed", path.display()));
            if !fixable(&engine.catalog, id) {
                assert!(
                    fixed == input,
                    "{}: a display-only rule changed the file",
                    path.display()
                );
                if fixed_path.exists() {
                    let corrected = std::fs::read(&fixed_path).unwrap();
                    let (rescan, _) = run_on(&engine, &name, &corrected, Mode::Scan);
                    assert_eq!(
                        count_rule(&rescan, id),
                        0,
                        "{}.fixed still has findings",
                        path.display()
                    );
                }
                checked += 1;
                continue;
            }
            let expected = std::fs::read(&fixed_path).unwrap();
            assert!(
                fixed == expected,
                "{}: fix differs from .fixed\n--- got ---\n{}",
                path.display(),
                String::from_utf8_lossy(&fixed)
            );
            let (rescan, _) = run_on(&engine, &name, &expected, Mode::Scan);
            assert_eq!(
                count_rule(&rescan, id),
                0,
                "{}.fixed still has findings",
                path.display()
            );
            let (_, again) = run_on(&engine, &name, &expected, UNSAFE);
            assert!(
                again == expected,
                "{}.fixed changes on a second fix",
                path.display()
            );
            checked += 1;
        }
        for path in &ok {
            let (report, _) = run_on(
                &engine,
                &scanned_name(path),
                &std::fs::read(path).unwrap(),
                Mode::Scan,
            );
            assert!(
                report.errors.is_empty(),
                "{}: {:?}",
                path.display(),
                report.errors
            );
            assert_eq!(
                count_rule(&report, id),
                0,
                "{}: ok fixture has findings",
                path.display()
            );
        }
    }
    assert!(checked >= 14);
}

#[test]
fn rego_unit_tests_pass() {
    let rules = RuleSet::load(&[]).unwrap();
    let results = converge::detect::run_rego_tests(&rules).unwrap();
    assert!(results.len() >= 28, "only {} Rego tests", results.len());
    let failed: Vec<_> = results.iter().filter(|r| !r.1).map(|r| &r.0).collect();
    assert!(failed.is_empty(), "failing Rego tests: {failed:?}");
}

#[test]
fn a_failing_rego_test_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken_test.rego"),
        "package user.broken_test\n\nimport rego.v1\n\ntest_fails if {\n\t1 == 2\n}\n\ntest_passes if {\n\t1 == 1\n}\n",
    )
    .unwrap();
    let rules = RuleSet::load(&[dir.path().to_path_buf()]).unwrap();
    let results = converge::detect::run_rego_tests(&rules).unwrap();
    assert!(results.contains(&("user.broken_test.test_fails".to_owned(), false)));
    assert!(results.contains(&("user.broken_test.test_passes".to_owned(), true)));
}

#[test]
fn rule_docs_are_current() {
    let rules = RuleSet::load(&[]).unwrap();
    let catalog = converge::remediation::Catalog::load(&[]).unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let problems = converge::docs::check(&dir, &rules, &catalog).unwrap();
    assert!(problems.is_empty(), "run `cargo run -- docs`: {problems:?}");
}
