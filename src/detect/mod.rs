//! Detection: evaluates the Rego rules of a [`RuleSet`] with regorus.
//!
//! All selected rules of a target are joined by a generated module, `converge.aggregate`, so one
//! evaluation per input returns every finding of every rule: the cost grows with the number of
//! inputs, not inputs × rules. The compiled engine is cloned per worker thread (cheap with the
//! `arc` feature) because evaluation needs exclusive access.
//!
//! Two evaluators run the aggregate (see [`Evaluator`]): regorus's bytecode VM, about three
//! times faster, for the built-in rules, whose every fixture is checked to give the same
//! findings under both; and regorus's tree-walking interpreter, the reference, for rule sets
//! that include a user's modules and for attributing a run-time error to its rule.

use serde_json::Value;

use crate::rule::{Module, ModuleRole, RuleId, RuleSet};
use crate::source::{route_from_json, Route, Target};

/// A finding as a detector reports it, before it is located in the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RawFinding {
    pub rule: RuleId,
    pub message: String,
    /// Symbolic route to the offending node; `None` for conftest policies.
    pub route: Option<Route>,
    /// Optional hint from the detector that selects a remediation case.
    pub case: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum DetectError {
    #[error("{path}: {message}")]
    Policy { path: String, message: String },
    #[error("rule evaluation failed: {0}")]
    Eval(String),
}

/// Which rules run.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    /// `--select`/`--ignore` take rule ids or id prefixes (`k8s-`), like ruff's codes.
    pub fn includes(&self, id: &str) -> bool {
        let matches = |pat: &String| {
            id == pat || (pat.ends_with('-') && id.starts_with(pat.as_str())) || pat == "ALL"
        };
        (self.select.is_empty() || self.select.iter().any(matches))
            && !self.ignore.iter().any(matches)
    }
}

/// Which regorus evaluator runs the aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evaluator {
    /// The bytecode VM (`regorus::rvm`). Faster, but younger: it has known differences from
    /// OPA (an undefined function result bound with `:=` does not fail the body; a function's
    /// `else` is skipped after a `some … in` loop that found nothing), so it only runs rule
    /// sets whose fixtures are checked against the interpreter, the built-in ones.
    Vm,
    /// The tree-walking interpreter, the reference semantics.
    Interpreter,
}

impl Evaluator {
    /// The VM for built-in rules only, the interpreter as soon as a user's module is loaded;
    /// `CONVERGE_EVALUATOR=interpreter|vm` overrides the choice (for comparing the two).
    pub fn for_rules(rules: &RuleSet) -> Evaluator {
        match std::env::var("CONVERGE_EVALUATOR").as_deref() {
            Ok("interpreter") => Evaluator::Interpreter,
            Ok("vm") => Evaluator::Vm,
            _ if rules.modules.iter().all(|m| m.module.builtin) => Evaluator::Vm,
            _ => Evaluator::Interpreter,
        }
    }
}

/// The aggregate compiled for the VM, shared by every clone, and this clone's own machine
/// (created on first use, as a machine is not `Clone`).
struct Vm {
    program: std::sync::Arc<regorus::rvm::Program>,
    machine: Option<regorus::rvm::RegoVM>,
    timer: Option<regorus::utils::limits::ExecutionTimerConfig>,
}

impl Clone for Vm {
    fn clone(&self) -> Vm {
        Vm {
            program: self.program.clone(),
            machine: None,
            timer: self.timer,
        }
    }
}

impl Vm {
    fn compile(sources: &[(&str, &str)], groups: &[&str]) -> Result<Vm, DetectError> {
        let mut engine = regorus::Engine::new();
        for (path, source) in sources {
            add_module(
                &mut engine,
                path,
                &qualify_imports(&strict_assignments(source)),
            )?;
        }
        let entries: Vec<String> = groups.iter().map(|g| aggregate_rule(g)).collect();
        let refs: Vec<&str> = entries.iter().map(String::as_str).collect();
        let first: regorus::Rc<str> = refs[0].into();
        let compiled = engine
            .compile_with_entrypoint(&first)
            .map_err(|e| DetectError::Eval(e.to_string()))?;
        let program =
            regorus::languages::rego::compiler::Compiler::compile_from_policy(&compiled, &refs)
                .map_err(|e| DetectError::Eval(e.to_string()))?;
        Ok(Vm {
            program,
            machine: None,
            timer: None,
        })
    }

    fn eval(&mut self, group: &str, input: regorus::Value) -> anyhow::Result<regorus::Value> {
        let program = &self.program;
        let timer = self.timer;
        let machine = self.machine.get_or_insert_with(|| {
            let mut machine = regorus::rvm::RegoVM::new();
            // The time limit bounds an evaluation; the default instruction budget (25,000)
            // would fail legitimate inputs with many containers or resources.
            machine.set_max_instructions(usize::MAX);
            machine.set_execution_timer_config(timer);
            machine.load_program(program.clone());
            machine
        });
        machine.set_input(input);
        machine
            .execute_entry_point_by_name(&aggregate_rule(group))
            .map_err(|e| anyhow::anyhow!(e.to_string()))
    }
}

/// The module as the VM compiles it: each assignment statement `x := e` in a rule body becomes
/// the unification `x = e`. The two mean the same when `x` is a new local variable, but regorus
/// 0.14's VM lets a `:=` bind an undefined value instead of failing the body (`nc :=
/// f(body)` with `f` undefined, then `not g(nc)`, reports a finding the interpreter does not).
/// Statements whose variables name a rule, function or import of the package are left alone,
/// as `=` would then compare instead of declare.
fn strict_assignments(source: &str) -> String {
    let globals = package_names(source);
    let mut out = String::with_capacity(source.len());
    for line in source.split_inclusive('\n') {
        let body = line.trim_start();
        let indented = body.len() < line.len();
        let rewritten = indented
            .then(|| body.split_once(" := "))
            .flatten()
            .filter(|(lhs, _)| assignable(lhs, &globals))
            .map(|(lhs, rhs)| format!("{}{lhs} = {rhs}", &line[..line.len() - body.len()]));
        out.push_str(rewritten.as_deref().unwrap_or(line));
    }
    out
}

/// The module with every use of an imported package written as its full path: `k8s.containers`
/// becomes `data.converge.lib.k8s.containers`. regorus 0.14's VM compiles a reference through an
/// import alias as a lookup of the whole package, which evaluates and copies every rule of it on
/// each use; a full path compiles to a call of the one rule. Strings and comments are left alone.
fn qualify_imports(source: &str) -> String {
    let mut aliases: Vec<(String, String)> = Vec::new();
    for line in source.lines() {
        let Some(import) = line.strip_prefix("import ") else {
            continue;
        };
        let (path, alias) = match import.split_once(" as ") {
            Some((path, alias)) => (path.trim(), alias.trim()),
            None => (
                import.trim(),
                import.trim().rsplit('.').next().unwrap_or(""),
            ),
        };
        if path.starts_with("data.") && !alias.is_empty() {
            aliases.push((alias.to_owned(), path.to_owned()));
        }
    }
    if aliases.is_empty() {
        return source.to_owned();
    }
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(source.len() + 256);
    for line in source.split_inclusive('\n') {
        if line.starts_with("import ") {
            out.push_str(line);
            continue;
        }
        let mut quote: Option<char> = None;
        let mut prev: Option<char> = None;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match quote {
                Some(q) => {
                    out.push(c);
                    if c == '\\' && q == '"' {
                        if let Some((_, escaped)) = chars.next() {
                            out.push(escaped);
                        }
                    } else if c == q {
                        quote = None;
                    }
                    prev = Some(c);
                    continue;
                }
                None if c == '"' || c == '`' => quote = Some(c),
                None if c == '#' => {
                    out.push_str(&line[i..]);
                    break;
                }
                None => {}
            }
            let starts_word = (c.is_ascii_alphabetic() || c == '_')
                && !prev.is_some_and(|p| is_ident(p) || p == '.');
            if !starts_word {
                out.push(c);
                prev = Some(c);
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !is_ident(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            let word = &line[i..end];
            let followed_by_dot = line[end..].starts_with('.');
            match aliases.iter().find(|(alias, _)| alias == word) {
                Some((_, path)) if followed_by_dot => out.push_str(path),
                _ => out.push_str(word),
            }
            prev = word.chars().last();
        }
    }
    out
}

/// `x` or `[a, _, b]`: a new variable or an array pattern of them, none a package-level name.
fn assignable(lhs: &str, globals: &std::collections::BTreeSet<&str>) -> bool {
    let ident = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let names: Vec<&str> = match lhs.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
        Some(inner) => inner.split(',').map(str::trim).collect(),
        None => vec![lhs],
    };
    !names.is_empty() && names.iter().all(|n| ident(n) && !globals.contains(n))
}

/// Names a module defines or imports at the top level: rule and function heads, `import … as`.
fn package_names(source: &str) -> std::collections::BTreeSet<&str> {
    let mut names = std::collections::BTreeSet::new();
    for line in source.lines() {
        if line.starts_with(|c: char| c.is_whitespace()) {
            continue;
        }
        if let Some(import) = line.strip_prefix("import ") {
            let alias = import.rsplit([' ', '.']).next().unwrap_or("");
            names.insert(alias.trim());
            continue;
        }
        let end = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(line.len());
        if end > 0 {
            names.insert(&line[..end]);
        }
    }
    names
}

fn aggregate_rule(group: &str) -> String {
    format!("data.converge.aggregate.{group}")
}

/// Built-in Terraform rules by provider: (rule id prefix, resource type prefix, aggregate). A
/// rule of one provider reads only resources whose type has its prefix, so it can only report
/// on a file that has one of them.
const PROVIDER_GROUPS: [(&str, &str, &str); 4] = [
    ("aws-", "aws_", "terraform_aws"),
    ("azure-", "azurerm_", "terraform_azurerm"),
    ("gcp-", "google_", "terraform_google"),
    ("tf-k8s-", "kubernetes_", "terraform_kubernetes"),
];

/// The aggregate a rule joins: `kubernetes`, `terraform` (always evaluated) or, for a
/// built-in Terraform rule of one provider, that provider's (evaluated only for files with a
/// resource of the provider, so a file of one provider skips the others' rules).
fn group_of(target: Target, id: &str, builtin: bool) -> &'static str {
    PROVIDER_GROUPS
        .iter()
        .find(|(rule, _, _)| builtin && target == Target::Terraform && id.starts_with(rule))
        .map_or(target.as_str(), |(_, _, group)| group)
}

/// The aggregates to evaluate for one input: its target's own, and for Terraform the groups
/// of the providers its resources belong to; only those in `compiled`.
fn groups_for(target: Target, input: &Value, compiled: &[&str]) -> Vec<&'static str> {
    let mut groups = vec![target.as_str()];
    if target == Target::Terraform {
        let kinds = input
            .get("resource")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|r| r.keys());
        for kind in kinds {
            let provider = PROVIDER_GROUPS.iter().find(|(_, p, _)| kind.starts_with(p));
            if let Some((_, _, group)) = provider {
                if !groups.contains(group) {
                    groups.push(group);
                }
            }
        }
    }
    groups.retain(|g| compiled.contains(g));
    groups
}

#[derive(Clone)]
pub struct Detector {
    engine: regorus::Engine,
    vm: Option<Vm>,
    targets: Vec<Target>,
    /// The aggregate rules defined (see [`group_of`]).
    groups: Vec<&'static str>,
    /// Selected rules: (target, id, package).
    rules: Vec<(Target, RuleId, String)>,
    selection: Selection,
    conftest: Vec<String>,
    failures: Vec<String>,
}

impl Detector {
    pub fn new(
        rules: &RuleSet,
        selection: &Selection,
        evaluator: Evaluator,
    ) -> Result<Detector, DetectError> {
        let mut engine = regorus::Engine::new();
        let mut sources: Vec<(&str, &str)> = Vec::new();
        let mut aggregate = String::from("package converge.aggregate\n\nimport rego.v1\n\n");
        let mut targets = Vec::new();
        let mut groups: Vec<&'static str> = Vec::new();
        let mut conftest = Vec::new();
        let mut selected = Vec::new();
        for loaded in &rules.modules {
            let module = &loaded.module;
            match &loaded.role {
                ModuleRole::Test => continue,
                ModuleRole::Rule(meta) => {
                    if !selection.includes(meta.id.as_str()) {
                        continue;
                    }
                    let group = group_of(meta.target, meta.id.as_str(), module.builtin);
                    aggregate.push_str(&format!(
                        "{group} contains {{\"rule\": \"{id}\", \"finding\": f}} if {{\n\tsome f in data.{pkg}.findings\n}}\n\n",
                        id = meta.id,
                        pkg = module.package,
                    ));
                    if !groups.contains(&group) {
                        groups.push(group);
                    }
                    selected.push((meta.target, meta.id.clone(), module.package.clone()));
                    if !targets.contains(&meta.target) {
                        targets.push(meta.target);
                    }
                }
                ModuleRole::Conftest => {
                    if !conftest.contains(&module.package) {
                        conftest.push(module.package.clone());
                    }
                }
                ModuleRole::Library => {}
            }
            add_module(&mut engine, &module.path, &module.source)?;
            sources.push((&module.path, &module.source));
        }
        add_module(&mut engine, "converge.aggregate", &aggregate)?;
        sources.push(("converge.aggregate", &aggregate));
        let vm = match evaluator {
            Evaluator::Vm if !groups.is_empty() => Some(Vm::compile(&sources, &groups)?),
            _ => None,
        };
        Ok(Detector {
            engine,
            vm,
            targets,
            groups,
            rules: selected,
            selection: selection.clone(),
            conftest,
            failures: Vec::new(),
        })
    }

    /// Bounds the wall-clock time of one evaluation (of every rule on one input); a run over
    /// it fails that evaluation, which is then reported rule by rule.
    pub fn set_time_limit(&mut self, limit: std::time::Duration) {
        let config = regorus::utils::limits::ExecutionTimerConfig {
            limit,
            check_interval: std::num::NonZeroU32::new(256).expect("non-zero"),
        };
        self.engine.set_execution_timer_config(config);
        if let Some(vm) = &mut self.vm {
            vm.timer = Some(config);
            vm.machine = None;
        }
    }

    /// Every finding for one input, sorted.
    pub fn detect(&mut self, target: Target, input: Value) -> Result<Vec<RawFinding>, DetectError> {
        let mut out = Vec::new();
        let wants_rules = self.targets.contains(&target);
        if !wants_rules && self.conftest.is_empty() {
            return Ok(out);
        }
        let groups = groups_for(target, &input, &self.groups);
        let value = regorus::Value::from(input);
        self.engine.set_input(value.clone());
        if wants_rules {
            let mut found = Vec::new();
            let mut failed = false;
            for group in groups {
                let result = match &mut self.vm {
                    Some(vm) => vm.eval(group, value.clone()),
                    None => self.engine.eval_rule(aggregate_rule(group)),
                };
                match result {
                    Ok(results) => found.extend(read_aggregate(&results)),
                    Err(_) => failed = true,
                }
            }
            if failed {
                // One rule failing at run time must not hide the others' findings: evaluate
                // them one by one and name the rule that fails.
                self.detect_each(target, &mut out)?;
            } else {
                out.extend(found);
            }
        }
        for package in self.conftest.clone() {
            self.conftest_findings(&package, &mut out)?;
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    fn detect_each(
        &mut self,
        target: Target,
        out: &mut Vec<RawFinding>,
    ) -> Result<(), DetectError> {
        let mut failures = Vec::new();
        let rules: Vec<(RuleId, String)> = self
            .rules
            .iter()
            .filter(|r| r.0 == target)
            .map(|r| (r.1.clone(), r.2.clone()))
            .collect();
        for (rule, package) in rules {
            match self.engine.eval_rule(format!("data.{package}.findings")) {
                Ok(results) => out.extend(
                    members(&results)
                        .into_iter()
                        .filter_map(|finding| read_finding(rule.clone(), finding)),
                ),
                Err(e) => failures.push(format!("{rule}: {}", e.to_string().trim())),
            }
        }
        self.failures.extend(failures);
        Ok(())
    }

    /// Rules that failed at run time since the last call, with the error; the findings of the
    /// other rules were still returned.
    pub fn take_failures(&mut self) -> Vec<String> {
        let mut failures = std::mem::take(&mut self.failures);
        failures.sort();
        failures.dedup();
        failures
    }

    fn conftest_findings(
        &mut self,
        package: &str,
        out: &mut Vec<RawFinding>,
    ) -> Result<(), DetectError> {
        for kind in CONFTEST_RULES {
            let query = format!("data.{package}.{kind}");
            let Ok(results) = self.engine.eval_query(query, false) else {
                continue;
            };
            let Ok(results) = serde_json::to_value(&results) else {
                continue;
            };
            let values = results["result"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|r| {
                    r["expressions"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|e| e["value"].clone())
                });
            let rule = conftest_rule_id(package, kind);
            if !self.selection.includes(rule.as_str()) {
                continue;
            }
            for value in values {
                for item in value.as_array().into_iter().flatten() {
                    let message = match item {
                        Value::String(s) => s.clone(),
                        Value::Object(o) => o
                            .get("msg")
                            .and_then(Value::as_str)
                            .unwrap_or("policy violation")
                            .to_owned(),
                        other => other.to_string(),
                    };
                    out.push(RawFinding {
                        rule: rule.clone(),
                        message,
                        route: None,
                        case: None,
                    });
                }
            }
        }
        Ok(())
    }
}

/// The rules of a conftest policy that report, as conftest reads them.
pub const CONFTEST_RULES: [&str; 3] = ["deny", "violation", "warn"];

/// The id of the findings of rule `kind` (`deny`, …) of conftest package `package`:
/// `main` and `deny` give `main-deny`.
pub fn conftest_rule_id(package: &str, kind: &str) -> RuleId {
    RuleId::new(&format!("{}-{kind}", package.replace(['.', '_'], "-")))
        .unwrap_or_else(|_| RuleId::new("conftest").expect("valid id"))
}

fn add_module(engine: &mut regorus::Engine, path: &str, source: &str) -> Result<(), DetectError> {
    if engine
        .add_policy(path.to_owned(), source.to_owned())
        .is_ok()
    {
        return Ok(());
    }
    engine.set_rego_v0(true);
    let legacy = engine.add_policy(path.to_owned(), source.to_owned());
    engine.set_rego_v0(false);
    legacy.map(|_| ()).map_err(|e| DetectError::Policy {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

/// The findings of an aggregate result, a set of `{"rule", "finding"}` objects, read from the
/// evaluator's value without a detour through JSON.
fn read_aggregate(results: &regorus::Value) -> Vec<RawFinding> {
    members(results)
        .into_iter()
        .filter_map(|item| {
            let rule = RuleId::new(&text(&item["rule"])?).ok()?;
            read_finding(rule, &item["finding"])
        })
        .collect()
}

/// The members of a set or an array (nothing for any other value).
fn members(value: &regorus::Value) -> Vec<&regorus::Value> {
    match value {
        regorus::Value::Set(set) => set.iter().collect(),
        regorus::Value::Array(array) => array.iter().collect(),
        _ => Vec::new(),
    }
}

fn text(value: &regorus::Value) -> Option<String> {
    match value {
        regorus::Value::String(s) => Some(s.to_string()),
        _ => None,
    }
}

/// One finding of `rule`: its `msg`, symbolic `route` and optional remediation `case`.
fn read_finding(rule: RuleId, finding: &regorus::Value) -> Option<RawFinding> {
    if finding == &regorus::Value::Undefined {
        return None;
    }
    let route = match &finding["route"] {
        regorus::Value::Undefined => None,
        route => serde_json::to_value(route)
            .ok()
            .and_then(|r| route_from_json(&r)),
    };
    Some(RawFinding {
        rule,
        message: text(&finding["msg"]).unwrap_or_else(|| "policy violation".into()),
        route,
        case: text(&finding["case"]),
    })
}

/// One Rego unit test and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RegoTest {
    /// `<package>.<test rule>`.
    pub name: String,
    /// The `_test.rego` module that defines it.
    pub module: String,
    /// Why it failed; `None` when it passed (evaluated to `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
}

/// Runs the `test_*` rules of every `_test.rego` module; returns (name, passed) per test.
pub fn run_rego_tests(rules: &RuleSet) -> Result<Vec<(String, bool)>, DetectError> {
    Ok(rego_tests(rules, |_| true)?
        .into_iter()
        .map(|t| {
            let passed = t.failure.is_none();
            (t.name, passed)
        })
        .collect())
}

/// Runs the `test_*` rules of the `_test.rego` modules `include` accepts, sorted by name. Every
/// other module of `rules` is loaded too, so a user's test can use the built-in libraries.
pub fn rego_tests(
    rules: &RuleSet,
    include: impl Fn(&Module) -> bool,
) -> Result<Vec<RegoTest>, DetectError> {
    let mut engine = regorus::Engine::new();
    let mut tests = Vec::new();
    for loaded in &rules.modules {
        let is_test = matches!(loaded.role, ModuleRole::Test);
        // Test modules out of scope are left out: the built-in ones would cost a user's few
        // tests seconds of preparation.
        if is_test && !include(&loaded.module) {
            continue;
        }
        add_module(&mut engine, &loaded.module.path, &loaded.module.source)?;
        if is_test {
            for line in loaded.module.source.lines() {
                let Some(rest) = line.strip_prefix("test_") else {
                    continue;
                };
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                tests.push((
                    format!("{}.test_{name}", loaded.module.package),
                    loaded.module.path.clone(),
                ));
            }
        }
    }
    tests.sort();
    tests.dedup_by(|a, b| a.0 == b.0);
    let mut out = Vec::new();
    for (name, module) in tests {
        let failure = match engine.eval_rule(format!("data.{name}")) {
            Ok(v) if v == regorus::Value::from(true) => None,
            Ok(regorus::Value::Undefined) => {
                Some("undefined: a condition of the test does not hold".to_owned())
            }
            Ok(v) => Some(format!(
                "evaluated to {}, not true",
                serde_json::to_string(&v).unwrap_or_default()
            )),
            Err(e) => Some(format!("error: {}", e.to_string().trim())),
        };
        out.push(RegoTest {
            name,
            module,
            failure,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_assignments_become_unifications_for_the_vm() {
        let source = "package p\n\nimport data.lib.k8s as k\n\nname := input.name\n\nf(x) := y if {\n\ty := x.a\n\t[a, _] := x.b\n\tname := 1\n\tk := 2\n} else := 0\n";
        let out = strict_assignments(source);
        assert!(out.contains("\ty = x.a\n"), "{out}");
        assert!(out.contains("\t[a, _] = x.b\n"), "{out}");
        // Heads, `else` and package-level names keep `:=`.
        assert!(out.contains("name := input.name\n"), "{out}");
        assert!(out.contains("f(x) := y if {"), "{out}");
        assert!(out.contains("} else := 0"), "{out}");
        assert!(out.contains("\tname := 1\n"), "{out}");
        assert!(out.contains("\tk := 2\n"), "{out}");
    }

    #[test]
    fn terraform_inputs_evaluate_the_groups_of_their_providers() {
        assert_eq!(group_of(Target::Terraform, "aws-x", true), "terraform_aws");
        assert_eq!(group_of(Target::Terraform, "aws-x", false), "terraform");
        assert_eq!(group_of(Target::Kubernetes, "k8s-x", true), "kubernetes");
        let compiled = ["terraform", "terraform_aws", "terraform_kubernetes"];
        let input = serde_json::json!({"resource": {"aws_s3_bucket": {}, "kubernetes_pod": {}, "google_x": {}}});
        assert_eq!(
            groups_for(Target::Terraform, &input, &compiled),
            ["terraform", "terraform_aws", "terraform_kubernetes"]
        );
        assert_eq!(
            groups_for(Target::Terraform, &serde_json::json!({}), &compiled),
            ["terraform"]
        );
    }

    #[test]
    fn imported_packages_are_referenced_by_their_full_path_for_the_vm() {
        let source = "package p\n\nimport data.converge.lib.k8s\nimport data.converge.lib.terraform as tf\n\nx if {\n\tsome c in k8s.containers # k8s.note\n\ttf.is_true(c.k8s.x)\n\tmsg := \"k8s.io/a \\\" tf.x\"\n\tr := `k8s.y`\n}\n";
        let out = qualify_imports(source);
        assert!(out.contains("import data.converge.lib.k8s\n"), "{out}");
        assert!(
            out.contains("some c in data.converge.lib.k8s.containers # k8s.note"),
            "{out}"
        );
        assert!(
            out.contains("data.converge.lib.terraform.is_true(c.k8s.x)"),
            "{out}"
        );
        assert!(out.contains("\"k8s.io/a \\\" tf.x\""), "{out}");
        assert!(out.contains("`k8s.y`"), "{out}");
    }

    #[test]
    fn an_undefined_assignment_fails_the_body_under_both_evaluators() {
        let rule = "# METADATA\n# title: t\n# custom:\n#   id: k8s-probe-rule\n#   target: kubernetes\n#   severity: low\npackage converge.rules.kubernetes.k8s_probe_rule\n\nimport rego.v1\n\nf(x) := x.missing\n\nfindings contains {\"msg\": \"m\", \"route\": []} if {\n\tv := f(input)\n\tnot v.ok\n}\n";
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("probe.rego"), rule).unwrap();
        let rules = RuleSet::load(&[dir.path().to_path_buf()]).unwrap();
        let selection = Selection {
            select: vec!["k8s-probe-rule".into()],
            ignore: vec![],
        };
        let input = serde_json::json!({"kind": "Pod"});
        for evaluator in [Evaluator::Vm, Evaluator::Interpreter] {
            let mut detector = Detector::new(&rules, &selection, evaluator).unwrap();
            let found = detector.detect(Target::Kubernetes, input.clone()).unwrap();
            assert!(found.is_empty(), "{evaluator:?}: {found:?}");
        }
    }
}
