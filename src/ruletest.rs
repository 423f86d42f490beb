//! `converge test`: the checks a rule folder must pass, for the built-in rules or a user's.
//!
//! Two kinds of tests run, as `opa test` and `kyverno test` would together:
//! - the Rego unit tests (`test_*` rules of `*_test.rego` modules) of the folder;
//! - the fixtures of every rule of the folder, `tests/fixtures/<rule-id>/` (or
//!   `fixtures/<rule-id>/` in a user's folder): each `bad_*` file has a finding of the rule;
//!   when the rule is fixable, `converge fix --unsafe-fixes` turns it into its `.fixed` file
//!   byte for byte, the `.fixed` file has no finding of the rule and a second fix leaves it
//!   alone; each `ok_*` file has no finding of the rule. These are the invariants
//!   `tests/rules.rs` holds the built-in rules to.
//!
//! Decisions:
//! - A rule without a `bad_*` and an `ok_*` fixture fails, and so does a fixture folder that
//!   names no rule: a detector that nothing exercises would otherwise pass silently (`opa test`
//!   passes when it finds no test, hence its `--fail-on-empty`; the kyverno policy library
//!   fails a folder that breaks its structure). A folder with nothing to test fails too.
//! - Conftest policies are not rules here: their fixtures, in a folder named after the
//!   finding id (`main-deny`), are checked when present and never required; they are never
//!   fixed.
//! - Each fixture runs alone in a fresh temporary directory under its own name, so no other
//!   `.tf` file joins its module, and with only its rule selected, so that its `.fixed` file
//!   shows that rule's fix alone.
//! - The built-in fixtures are embedded in the binary, so that `converge test` checks the
//!   rules it ships wherever it runs.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

use crate::detect::{conftest_rule_id, Evaluator, RegoTest, Selection, CONFTEST_RULES};
use crate::engine::{Engine, Mode, RunReport, SetupError};
use crate::remediation::{Applicability, Catalog};
use crate::rule::{Module, ModuleRole, RuleId, RuleSet};

/// The fixtures of the built-in rules (also the examples of the rule docs).
pub static BUILTIN_FIXTURES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/tests/fixtures");

/// Lines of a fixture diff shown before the rest is cut.
const MAX_DIFF_LINES: usize = 40;

const UNSAFE: Mode = Mode::Fix { unsafe_fixes: true };

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Setup(#[from] SetupError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> LoadError + '_ {
    move |source| LoadError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Which rules are tested: the built-in ones, or those loaded from a user's folders.
#[derive(Debug, Clone)]
enum Scope {
    Builtin,
    Dirs(Vec<PathBuf>),
}

impl Scope {
    fn new(dirs: &[PathBuf]) -> Scope {
        if dirs.is_empty() {
            Scope::Builtin
        } else {
            Scope::Dirs(dirs.to_vec())
        }
    }

    /// The folder `module` was loaded from, when it is in scope (`None` stands for the
    /// built-in rules).
    fn root_of(&self, module: &Module) -> Option<Option<&Path>> {
        match self {
            Scope::Builtin => module.builtin.then_some(None),
            Scope::Dirs(dirs) if !module.builtin => dirs
                .iter()
                .find(|d| Path::new(&module.path).starts_with(d))
                .map(|d| Some(d.as_path())),
            Scope::Dirs(_) => None,
        }
    }

    /// Where the fixtures of rule `id` of folder `root` are expected, for messages.
    fn expected_folder(root: Option<&Path>, id: &str) -> String {
        match root {
            None => format!("tests/fixtures/{id}"),
            Some(dir) => dir.join("tests/fixtures").join(id).display().to_string(),
        }
    }

    /// Every fixture folder of the scope.
    fn folders(&self) -> Result<Vec<Folder>, LoadError> {
        let mut out = Vec::new();
        match self {
            Scope::Builtin => {
                for dir in BUILTIN_FIXTURES.dirs() {
                    let id = dir.path().display().to_string();
                    let files = dir
                        .files()
                        .filter_map(|f| {
                            let name = f.path().file_name()?.to_str()?.to_owned();
                            Some((name, f.contents().to_vec()))
                        })
                        .collect();
                    out.push(Folder::new(
                        id.clone(),
                        format!("tests/fixtures/{id}"),
                        None,
                        files,
                    ));
                }
            }
            Scope::Dirs(dirs) => {
                for dir in dirs {
                    for parent in [dir.join("tests/fixtures"), dir.join("fixtures")] {
                        read_folders(dir, &parent, &mut out)?;
                    }
                }
            }
        }
        Ok(out)
    }
}

/// The rule folders below `parent` (a user's `tests/fixtures` or `fixtures`), if it exists.
fn read_folders(root: &Path, parent: &Path, out: &mut Vec<Folder>) -> Result<(), LoadError> {
    if !parent.is_dir() {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(parent)
        .map_err(io_error(parent))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io_error(parent))?;
    entries.sort();
    for folder in entries.into_iter().filter(|p| p.is_dir()) {
        let Some(id) = folder.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&folder).map_err(io_error(&folder))? {
            let path = entry.map_err(io_error(&folder))?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if path.is_file() {
                let bytes = std::fs::read(&path).map_err(io_error(&path))?;
                files.push((name.to_owned(), bytes));
            }
        }
        out.push(Folder::new(
            id.to_owned(),
            folder.display().to_string(),
            Some(root.to_path_buf()),
            files,
        ));
    }
    Ok(())
}

/// What a fixture must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// `bad_*`: a finding of the rule (and its fix, when the rule is fixable).
    Finding,
    /// `ok_*`: no finding of the rule.
    Clean,
}

/// One fixture file with its expected fix.
#[derive(Debug, Clone)]
struct Fixture {
    /// As reported: `tests/fixtures/<id>/bad_x.tf` for a built-in one, else its path.
    path: String,
    /// The file name the engine sees.
    name: String,
    expect: Expect,
    bytes: Vec<u8>,
    /// The `.fixed` file beside it, when there is one.
    fixed: Option<Vec<u8>>,
}

/// The fixtures of one rule.
#[derive(Debug, Clone)]
struct Folder {
    /// The folder name: the rule id it belongs to.
    id: String,
    path: String,
    /// The user's folder it is in (`None` for the built-in fixtures).
    root: Option<PathBuf>,
    fixtures: Vec<Fixture>,
    /// `.fixed` files without a `bad_*` file of that name.
    strays: Vec<String>,
}

impl Folder {
    fn new(
        id: String,
        path: String,
        root: Option<PathBuf>,
        files: Vec<(String, Vec<u8>)>,
    ) -> Folder {
        let mut fixed: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let mut plain = Vec::new();
        for (name, bytes) in files {
            match name.strip_suffix(".fixed") {
                Some(base) => {
                    fixed.insert(base.to_owned(), bytes);
                }
                None => plain.push((name, bytes)),
            }
        }
        plain.sort();
        let mut fixtures = Vec::new();
        for (name, bytes) in plain {
            let expect = if name.starts_with("bad_") {
                Expect::Finding
            } else if name.starts_with("ok_") {
                Expect::Clean
            } else {
                continue;
            };
            fixtures.push(Fixture {
                path: format!("{path}/{name}"),
                fixed: if expect == Expect::Finding {
                    fixed.remove(&name)
                } else {
                    None
                },
                name,
                expect,
                bytes,
            });
        }
        let strays = fixed
            .into_keys()
            .map(|base| format!("{path}/{base}.fixed"))
            .collect();
        Folder {
            id,
            path,
            root,
            fixtures,
            strays,
        }
    }
}

/// A rule, or a conftest policy's finding id, whose fixtures are checked.
struct Subject<'a> {
    id: RuleId,
    root: Option<&'a Path>,
    /// A rule must have fixtures; a conftest policy may.
    required: bool,
}

/// The result of one check: a fixture, or something missing from a rule's folder.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// The fixture file, or the folder for a check about the folder.
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub reason: String,
    /// The unified diff between the expected and the actual file, for a byte mismatch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
}

impl Failure {
    fn new(reason: impl Into<String>) -> Failure {
        Failure {
            reason: reason.into(),
            diff: None,
        }
    }
}

/// The fixture checks of one rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleResult {
    /// The rule id; for a fixture folder that names no rule, the folder name.
    pub rule: String,
    /// True for a fixture folder that names no rule.
    pub orphan: bool,
    pub checks: Vec<Check>,
}

impl RuleResult {
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.failure.is_none())
    }
}

/// Everything `converge test` found.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub rego_tests: Vec<RegoTest>,
    pub rules: Vec<RuleResult>,
}

impl Outcome {
    fn checks(&self) -> impl Iterator<Item = &Check> {
        self.rules.iter().flat_map(|r| &r.checks)
    }

    /// (passed, failed) Rego tests.
    pub fn rego_counts(&self) -> (usize, usize) {
        let failed = self
            .rego_tests
            .iter()
            .filter(|t| t.failure.is_some())
            .count();
        (self.rego_tests.len() - failed, failed)
    }

    /// (passed, failed) fixture checks.
    pub fn fixture_counts(&self) -> (usize, usize) {
        let failed = self.checks().filter(|c| c.failure.is_some()).count();
        (self.checks().count() - failed, failed)
    }

    /// The rules (and conftest policies with fixtures) whose fixtures were checked.
    pub fn rule_count(&self) -> usize {
        self.rules.iter().filter(|r| !r.orphan).count()
    }

    /// Nothing was tested: no Rego test, no rule, no fixture.
    pub fn is_empty(&self) -> bool {
        self.rego_tests.is_empty() && self.rules.is_empty()
    }

    pub fn passed(&self) -> bool {
        !self.is_empty() && self.rego_counts().1 == 0 && self.fixture_counts().1 == 0
    }
}

/// Runs the Rego tests and the fixture checks of the built-in rules (`dirs` empty) or of the
/// rules in `dirs`.
pub fn run(dirs: &[PathBuf]) -> Result<Outcome, LoadError> {
    let scope = Scope::new(dirs);
    let rules = RuleSet::load(dirs).map_err(SetupError::from)?;
    let catalog = Catalog::load(dirs).map_err(SetupError::from)?;
    let folders = scope.folders()?;
    let (rego_tests, fixtures) = rayon::join(
        || crate::detect::rego_tests(&rules, |m| scope.root_of(m).is_some()),
        || check_fixtures(&scope, &rules, &catalog, &folders),
    );
    Ok(Outcome {
        rego_tests: rego_tests.map_err(SetupError::from)?,
        rules: fixtures?,
    })
}

/// The rules and conftest policies of the scope, in module order.
fn subjects<'a>(rules: &'a RuleSet, scope: &'a Scope) -> Vec<Subject<'a>> {
    let mut out = Vec::new();
    for loaded in &rules.modules {
        let Some(root) = scope.root_of(&loaded.module) else {
            continue;
        };
        match &loaded.role {
            ModuleRole::Rule(meta) => out.push(Subject {
                id: meta.id.clone(),
                root,
                required: true,
            }),
            ModuleRole::Conftest => {
                for kind in CONFTEST_RULES {
                    out.push(Subject {
                        id: conftest_rule_id(&loaded.module.package, kind),
                        root,
                        required: false,
                    });
                }
            }
            ModuleRole::Library | ModuleRole::Test => {}
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

fn check_fixtures(
    scope: &Scope,
    rules: &RuleSet,
    catalog: &Catalog,
    folders: &[Folder],
) -> Result<Vec<RuleResult>, LoadError> {
    let subjects = subjects(rules, scope);
    let evaluator = Evaluator::for_rules(rules);
    let mut results: Vec<RuleResult> = subjects
        .par_iter()
        .map(|subject| {
            let mine: Vec<&Folder> = folders
                .iter()
                .filter(|f| f.id == subject.id.as_str() && f.root.as_deref() == subject.root)
                .collect();
            check_subject(subject, &mine, rules, catalog, evaluator)
        })
        .collect::<Result<Vec<_>, SetupError>>()?
        .into_iter()
        .flatten()
        .collect();
    for folder in folders {
        let known = subjects
            .iter()
            .any(|s| s.id.as_str() == folder.id && s.root == folder.root.as_deref());
        if !known {
            results.push(RuleResult {
                rule: folder.id.clone(),
                orphan: true,
                checks: vec![Check {
                    path: folder.path.clone(),
                    failure: Some(Failure::new(
                        "the fixture folder names no rule (a typo in the folder name or the rule id?)",
                    )),
                }],
            });
        }
    }
    Ok(results)
}

/// The checks of one rule; `None` for a conftest policy without fixtures.
fn check_subject(
    subject: &Subject<'_>,
    folders: &[&Folder],
    rules: &RuleSet,
    catalog: &Catalog,
    evaluator: Evaluator,
) -> Result<Option<RuleResult>, SetupError> {
    let id = subject.id.as_str();
    let fixtures: Vec<&Fixture> = folders.iter().flat_map(|f| &f.fixtures).collect();
    if fixtures.is_empty() && !subject.required {
        return Ok(None);
    }
    let mut checks = Vec::new();
    let folder = folders.first().map_or_else(
        || Scope::expected_folder(subject.root, id),
        |f| f.path.clone(),
    );
    for (expect, prefix) in [(Expect::Finding, "bad_"), (Expect::Clean, "ok_")] {
        if subject.required && !fixtures.iter().any(|f| f.expect == expect) {
            checks.push(Check {
                path: folder.clone(),
                failure: Some(Failure::new(format!(
                    "no {prefix}* fixture: every rule needs a file it reports (bad_*) and one it accepts (ok_*)"
                ))),
            });
        }
    }
    for stray in folders.iter().flat_map(|f| &f.strays) {
        checks.push(Check {
            path: stray.clone(),
            failure: Some(Failure::new(
                "no bad_* fixture of this name: a .fixed file is the expected fix of the bad_* file it extends",
            )),
        });
    }
    if !fixtures.is_empty() {
        let selection = Selection {
            select: vec![id.to_owned()],
            ignore: vec![],
        };
        let engine = Engine::new(rules.clone(), catalog.clone(), &selection, evaluator)?;
        let fixable = catalog
            .get(&subject.id)
            .is_some_and(|r| r.applicability != Applicability::DisplayOnly);
        for fixture in fixtures {
            let failure = match fixture.expect {
                Expect::Finding => check_bad(&engine, id, fixable, fixture),
                Expect::Clean => check_ok(&engine, id, fixture),
            };
            checks.push(Check {
                path: fixture.path.clone(),
                failure: failure.err(),
            });
        }
    }
    Ok(Some(RuleResult {
        rule: id.to_owned(),
        orphan: false,
        checks,
    }))
}

/// A `bad_*` fixture: found, fixed to its `.fixed` file, which is clean and stable.
fn check_bad(engine: &Engine, id: &str, fixable: bool, fixture: &Fixture) -> Result<(), Failure> {
    let fixed_name = format!("{}.fixed", fixture.name);
    let (report, fixed) = run_alone(engine, &fixture.name, &fixture.bytes, UNSAFE)?;
    clean_run(&report)?;
    if findings_of(&report, id).is_empty() {
        return Err(Failure::new(format!(
            "no finding of {id}: the detector does not report this file{}",
            skipped(&report)
        )));
    }
    if !fixable {
        if fixed != fixture.bytes {
            return Err(Failure::new(format!(
                "{id} has no automatic fix, yet `converge fix` changed the file"
            )));
        }
        // A display-only rule's `.fixed` file, when present, is the change a person makes.
        if let Some(expected) = &fixture.fixed {
            let (rescan, _) = run_alone(engine, &fixture.name, expected, Mode::Scan)?;
            clean_run(&rescan)?;
            still_found(&rescan, id, &fixed_name)?;
        }
        return Ok(());
    }
    let Some(expected) = &fixture.fixed else {
        return Err(Failure::new(format!(
            "no {fixed_name}: the bad fixture of a fixable rule needs the expected result of `converge fix --unsafe-fixes`"
        )));
    };
    if &fixed != expected {
        return Err(Failure {
            reason: format!("the fix differs from {fixed_name}"),
            diff: Some(diff(expected, &fixed, &fixed_name)),
        });
    }
    let (rescan, _) = run_alone(engine, &fixture.name, expected, Mode::Scan)?;
    clean_run(&rescan)?;
    still_found(&rescan, id, &fixed_name)?;
    let (_, again) = run_alone(engine, &fixture.name, expected, UNSAFE)?;
    if &again != expected {
        return Err(Failure {
            reason: format!("a second fix changes {fixed_name}"),
            diff: Some(diff(expected, &again, &fixed_name)),
        });
    }
    Ok(())
}

/// An `ok_*` fixture: no finding of the rule.
fn check_ok(engine: &Engine, id: &str, fixture: &Fixture) -> Result<(), Failure> {
    let (report, _) = run_alone(engine, &fixture.name, &fixture.bytes, Mode::Scan)?;
    clean_run(&report)?;
    still_found(&report, id, &fixture.name)
}

/// Runs the engine on `bytes` alone, as `name` in a fresh directory (so no other file joins
/// its module); returns the report and the bytes after the run.
pub fn run_alone(
    engine: &Engine,
    name: &str,
    bytes: &[u8],
    mode: Mode,
) -> Result<(RunReport, Vec<u8>), Failure> {
    let copy = || -> std::io::Result<(tempfile::TempDir, PathBuf)> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(name);
        std::fs::write(&path, bytes)?;
        Ok((dir, path))
    };
    let (_dir, path) =
        copy().map_err(|e| Failure::new(format!("cannot write a temporary copy: {e}")))?;
    let report = engine.run(std::slice::from_ref(&path), mode, Some(1));
    let fixed = report
        .files
        .iter()
        .find(|f| f.path == path)
        .and_then(|f| f.fixed.clone())
        .unwrap_or_else(|| bytes.to_vec());
    Ok((report, fixed))
}

/// Fails when the file could not be checked: it does not parse, or the rule failed on it.
fn clean_run(report: &RunReport) -> Result<(), Failure> {
    if report.errors.is_empty() {
        return Ok(());
    }
    let errors: Vec<String> = report
        .errors
        .iter()
        .map(|e| match e.position {
            Some(p) => format!("{p}: {}", e.message),
            None => e.message.clone(),
        })
        .collect();
    Err(Failure::new(format!(
        "the file cannot be checked: {}",
        errors.join("; ")
    )))
}

/// Fails when `report` has a finding of `id` (in `name`, a file that should have none).
fn still_found(report: &RunReport, id: &str, name: &str) -> Result<(), Failure> {
    let found = findings_of(report, id);
    match found.first() {
        None => Ok(()),
        Some(first) => Err(Failure::new(format!(
            "{name} has {} finding(s) of {id}, expected none; the first at {}: {}",
            found.len(),
            first.start,
            first.message
        ))),
    }
}

fn findings_of<'a>(report: &'a RunReport, id: &str) -> Vec<&'a crate::engine::Finding> {
    report
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .filter(|f| f.rule == id)
        .collect()
}

/// Why the engine left the file out, when it did (a YAML file that is no manifest, …).
fn skipped(report: &RunReport) -> String {
    report
        .notices
        .first()
        .map(|n| format!(" (skipped: {})", n.reason))
        .unwrap_or_default()
}

/// A unified diff from `expected` to `actual`, cut after [`MAX_DIFF_LINES`] lines.
fn diff(expected: &[u8], actual: &[u8], expected_name: &str) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let text = similar::TextDiff::from_lines(expected.as_ref(), actual.as_ref())
        .unified_diff()
        .context_radius(2)
        .header(expected_name, "converge fix --unsafe-fixes")
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut out: String = lines
        .iter()
        .take(MAX_DIFF_LINES)
        .map(|l| format!("{l}\n"))
        .collect();
    if lines.len() > MAX_DIFF_LINES {
        out.push_str(&format!("… {} more lines\n", lines.len() - MAX_DIFF_LINES));
    }
    out
}

/// Prints one line per failure (with its diff), per-rule and per-test lines when `verbose`,
/// and the summary.
pub fn write_text(out: &mut dyn Write, outcome: &Outcome, verbose: bool) -> std::io::Result<()> {
    for test in &outcome.rego_tests {
        match &test.failure {
            Some(why) => writeln!(out, "FAIL {} ({}): {why}", test.name, test.module)?,
            None if verbose => writeln!(out, "PASS {}", test.name)?,
            None => {}
        }
    }
    for rule in &outcome.rules {
        for check in &rule.checks {
            let Some(failure) = &check.failure else {
                continue;
            };
            writeln!(out, "FAIL {} {}: {}", rule.rule, check.path, failure.reason)?;
            for line in failure.diff.iter().flat_map(|d| d.lines()) {
                writeln!(out, "    {line}")?;
            }
        }
        if verbose {
            let word = if rule.passed() { "PASS" } else { "FAIL" };
            writeln!(
                out,
                "{word} {}: {} fixture check(s)",
                rule.rule,
                rule.checks.len()
            )?;
        }
    }
    if outcome.is_empty() {
        writeln!(
            out,
            "FAIL nothing to test: no rule, fixture or Rego test (`test_*` in a `*_test.rego` file) was found"
        )?;
    }
    let (rego_passed, rego_failed) = outcome.rego_counts();
    let (fixtures_passed, fixtures_failed) = outcome.fixture_counts();
    writeln!(
        out,
        "Rego tests: {rego_passed} passed, {rego_failed} failed; fixtures of {} rule(s): {fixtures_passed} passed, {fixtures_failed} failed",
        outcome.rule_count()
    )
}

/// The outcome as one JSON document.
pub fn to_json(outcome: &Outcome) -> serde_json::Value {
    let (rego_passed, rego_failed) = outcome.rego_counts();
    let (fixtures_passed, fixtures_failed) = outcome.fixture_counts();
    let rules: Vec<serde_json::Value> = outcome
        .rules
        .iter()
        .map(|r| {
            let mut rule = json!({"rule": r.rule, "passed": r.passed(), "checks": r.checks});
            if r.orphan {
                rule["orphan"] = json!(true);
            }
            rule
        })
        .collect();
    json!({
        "version": 1,
        "passed": outcome.passed(),
        "rego_tests": {
            "passed": rego_passed,
            "failed": rego_failed,
            "tests": outcome.rego_tests,
        },
        "fixtures": {
            "passed": fixtures_passed,
            "failed": fixtures_failed,
            "rules": rules,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_pairs_bad_fixtures_with_their_fixed_files() {
        let folder = Folder::new(
            "r".into(),
            "f/r".into(),
            None,
            vec![
                ("ok_a.tf".into(), b"ok".to_vec()),
                ("bad_a.tf.fixed".into(), b"fixed".to_vec()),
                ("bad_a.tf".into(), b"bad".to_vec()),
                ("bad_gone.tf.fixed".into(), b"x".to_vec()),
                ("README.md".into(), b"notes".to_vec()),
            ],
        );
        let names: Vec<(&str, Expect, bool)> = folder
            .fixtures
            .iter()
            .map(|f| (f.name.as_str(), f.expect, f.fixed.is_some()))
            .collect();
        assert_eq!(
            names,
            [
                ("bad_a.tf", Expect::Finding, true),
                ("ok_a.tf", Expect::Clean, false)
            ]
        );
        assert_eq!(folder.strays, ["f/r/bad_gone.tf.fixed"]);
    }

    #[test]
    fn long_diffs_are_cut() {
        let expected: String = (0..100).map(|i| format!("{i}\n")).collect();
        let text = diff(expected.as_bytes(), b"", "x.fixed");
        assert_eq!(text.lines().count(), MAX_DIFF_LINES + 1);
        assert!(text.ends_with("more lines\n"), "{text}");
    }
}
