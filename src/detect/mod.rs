//! Detection: evaluates the Rego rules of a [`RuleSet`] with regorus.
//!
//! All selected rules of a target are joined by a generated module, `converge.aggregate`, so one
//! evaluation per input returns every finding of every rule: the cost grows with the number of
//! inputs, not inputs × rules. The compiled engine is cloned per worker thread (cheap with the
//! `arc` feature) because evaluation needs exclusive access.

use serde_json::Value;

use crate::rule::{ModuleRole, RuleId, RuleSet};
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

#[derive(Clone)]
pub struct Detector {
    engine: regorus::Engine,
    targets: Vec<Target>,
    /// Selected rules: (target, id, package).
    rules: Vec<(Target, RuleId, String)>,
    selection: Selection,
    conftest: Vec<String>,
    failures: Vec<String>,
}

impl Detector {
    pub fn new(rules: &RuleSet, selection: &Selection) -> Result<Detector, DetectError> {
        let mut engine = regorus::Engine::new();
        let mut aggregate = String::from("package converge.aggregate\n\nimport rego.v1\n\n");
        let mut targets = Vec::new();
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
                    aggregate.push_str(&format!(
                        "{target} contains {{\"rule\": \"{id}\", \"finding\": f}} if {{\n\tsome f in data.{pkg}.findings\n}}\n\n",
                        target = meta.target.as_str(),
                        id = meta.id,
                        pkg = module.package,
                    ));
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
        }
        add_module(&mut engine, "converge.aggregate", &aggregate)?;
        Ok(Detector {
            engine,
            targets,
            rules: selected,
            selection: selection.clone(),
            conftest,
            failures: Vec::new(),
        })
    }

    /// Every finding for one input, sorted.
    pub fn detect(
        &mut self,
        target: Target,
        input: &Value,
    ) -> Result<Vec<RawFinding>, DetectError> {
        let mut out = Vec::new();
        let wants_rules = self.targets.contains(&target);
        if !wants_rules && self.conftest.is_empty() {
            return Ok(out);
        }
        self.engine.set_input(regorus::Value::from(input.clone()));
        if wants_rules {
            match self
                .engine
                .eval_rule(format!("data.converge.aggregate.{}", target.as_str()))
            {
                Ok(results) => {
                    let results = serde_json::to_value(&results)
                        .map_err(|e| DetectError::Eval(e.to_string()))?;
                    out.extend(
                        results
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(read_finding),
                    );
                }
                // One rule failing at run time must not hide the others' findings: evaluate
                // them one by one and name the rule that fails.
                Err(_) => self.detect_each(target, &mut out)?,
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
                Ok(results) => {
                    let results = serde_json::to_value(&results)
                        .map_err(|e| DetectError::Eval(e.to_string()))?;
                    for finding in results.as_array().into_iter().flatten() {
                        let item = serde_json::json!({"rule": rule.as_str(), "finding": finding});
                        out.extend(read_finding(&item));
                    }
                }
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
        for kind in ["deny", "violation", "warn"] {
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
            let rule = RuleId::new(&format!("{}-{kind}", package.replace(['.', '_'], "-")))
                .unwrap_or_else(|_| RuleId::new("conftest").expect("valid id"));
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

fn read_finding(item: &Value) -> Option<RawFinding> {
    let rule = RuleId::new(item.get("rule")?.as_str()?).ok()?;
    let finding = item.get("finding")?;
    let message = finding
        .get("msg")
        .and_then(Value::as_str)
        .unwrap_or("policy violation")
        .to_owned();
    let route = finding.get("route").and_then(route_from_json);
    let case = finding
        .get("case")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Some(RawFinding {
        rule,
        message,
        route,
        case,
    })
}

/// Runs the `test_*` rules of every `_test.rego` module; returns (name, passed) per test.
pub fn run_rego_tests(rules: &RuleSet) -> Result<Vec<(String, bool)>, DetectError> {
    let mut engine = regorus::Engine::new();
    let mut tests = Vec::new();
    for loaded in &rules.modules {
        add_module(&mut engine, &loaded.module.path, &loaded.module.source)?;
        if matches!(loaded.role, ModuleRole::Test) {
            for line in loaded.module.source.lines() {
                let Some(rest) = line.strip_prefix("test_") else {
                    continue;
                };
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                tests.push((loaded.module.package.clone(), format!("test_{name}")));
            }
        }
    }
    tests.sort();
    tests.dedup();
    let mut out = Vec::new();
    for (package, name) in tests {
        let passed = engine
            .eval_rule(format!("data.{package}.{name}"))
            .map(|v| v == regorus::Value::from(true))
            .unwrap_or(false);
        out.push((format!("{package}.{name}"), passed));
    }
    Ok(out)
}
