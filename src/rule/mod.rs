//! Rules: the Rego detectors and their metadata, built in or loaded from a user's directory.
//!
//! A rule is a Rego module in package `converge.rules.<target>.<id with underscores>` that
//! defines `findings`, with a `# METADATA` comment block whose `custom.id` is the rule id. The
//! id is the one key that joins detector, remediation, fixtures and docs. Modules without
//! `findings` are libraries (`converge.lib.*`) or tests (`*_test.rego`). Plain conftest policies
//! (`deny` / `violation` / `warn` returning messages) from a user's directory are detectors too;
//! they report findings without a route, so they are never fixed.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};

use crate::source::Target;

static BUILTIN_RULES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// A rule id: kebab-case, names the bad pattern.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RuleId(Box<str>);

impl RuleId {
    pub fn new(id: &str) -> Result<RuleId, String> {
        let ok = !id.is_empty()
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if ok {
            Ok(RuleId(id.into()))
        } else {
            Err(format!("rule id `{id}` is not kebab-case"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The Rego package segment for this id.
    pub fn package_leaf(&self) -> String {
        self.0.replace('-', "_")
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    #[default]
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// Metadata read from a rule's `# METADATA` block.
#[derive(Debug, Clone, Serialize)]
pub struct RuleMeta {
    pub id: RuleId,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub target: Target,
    pub checkov: Vec<String>,
    pub references: Vec<String>,
}

/// A Rego module with where it came from.
#[derive(Debug, Clone)]
pub struct Module {
    /// Display path: `rules/...` for built-in modules, the file path for a user's.
    pub path: String,
    pub source: String,
    pub package: String,
    /// Shipped with converge (embedded), as opposed to loaded from a user's directory.
    pub builtin: bool,
}

/// What a module is for.
#[derive(Debug, Clone)]
pub enum ModuleRole {
    Rule(Box<RuleMeta>),
    Conftest,
    Library,
    Test,
}

#[derive(Debug, Clone)]
pub struct LoadedModule {
    pub module: Module,
    pub role: ModuleRole,
}

#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

fn invalid(path: &str, message: impl Into<String>) -> RuleError {
    RuleError::Invalid {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// Every module: the built-in ones and those under each user directory, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub modules: Vec<LoadedModule>,
}

impl RuleSet {
    pub fn load(user_dirs: &[PathBuf]) -> Result<RuleSet, RuleError> {
        let mut modules = Vec::new();
        let mut files = Vec::new();
        collect_builtin(&BUILTIN_RULES, &mut files);
        for dir in user_dirs {
            collect_user(dir, &mut files)?;
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, source, builtin) in files {
            modules.push(classify(path, source, builtin)?);
        }
        let mut seen = BTreeMap::new();
        for m in &modules {
            if let ModuleRole::Rule(meta) = &m.role {
                if let Some(other) = seen.insert(meta.id.clone(), m.module.path.clone()) {
                    return Err(invalid(
                        &m.module.path,
                        format!("rule id `{}` is also defined in {other}", meta.id),
                    ));
                }
            }
        }
        Ok(RuleSet { modules })
    }

    pub fn rules(&self) -> impl Iterator<Item = &RuleMeta> {
        self.modules.iter().filter_map(|m| match &m.role {
            ModuleRole::Rule(meta) => Some(meta.as_ref()),
            _ => None,
        })
    }

    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        self.rules().find(|r| r.id.as_str() == id)
    }

    /// Whether `id` names a rule, or is a prefix ending in `-` of at least one rule's id.
    pub fn knows(&self, id: &str) -> bool {
        self.rules()
            .any(|r| r.id.as_str() == id || (id.ends_with('-') && r.id.as_str().starts_with(id)))
    }

    /// The severity a finding of rule `id` is reported with (`medium` for a conftest policy,
    /// which declares none).
    pub fn severity(&self, id: &str) -> &'static str {
        self.rule(id).map_or("medium", |r| r.severity.as_str())
    }
}

fn collect_builtin(dir: &Dir<'_>, out: &mut Vec<(String, String, bool)>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "rego") {
            if let Some(text) = file.contents_utf8() {
                out.push((
                    format!("rules/{}", file.path().display()),
                    text.to_owned(),
                    true,
                ));
            }
        }
    }
    for sub in dir.dirs() {
        collect_builtin(sub, out);
    }
}

fn collect_user(dir: &Path, out: &mut Vec<(String, String, bool)>) -> Result<(), RuleError> {
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .sort_by_file_path(Ord::cmp)
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| invalid(&dir.display().to_string(), e.to_string()))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rego")
            && entry.file_type().is_some_and(|t| t.is_file())
        {
            let display = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|source| RuleError::Io {
                path: display.clone(),
                source,
            })?;
            out.push((display, text, false));
        }
    }
    Ok(())
}

fn package_of(source: &str) -> Option<String> {
    source.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("package ")?;
        Some(rest.split_whitespace().next()?.to_owned())
    })
}

fn classify(path: String, source: String, builtin: bool) -> Result<LoadedModule, RuleError> {
    let package = package_of(&source).ok_or_else(|| invalid(&path, "no `package` line"))?;
    let module = Module {
        path: path.clone(),
        source,
        package,
        builtin,
    };
    let is_test = path.ends_with("_test.rego");
    let defines = |name: &str| {
        module.source.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with(name) && l[name.len()..].starts_with([' ', '[', '{', ':'])
        })
    };
    let role = if is_test {
        ModuleRole::Test
    } else if defines("findings") {
        let meta = parse_metadata(&path, &module.source)?;
        let expected = format!(
            "converge.rules.{}.{}",
            meta.target.as_str(),
            meta.id.package_leaf()
        );
        if module.package != expected {
            return Err(invalid(
                &path,
                format!("package must be `{expected}` for rule `{}`", meta.id),
            ));
        }
        ModuleRole::Rule(Box::new(meta))
    } else if !builtin && (defines("deny") || defines("violation") || defines("warn")) {
        ModuleRole::Conftest
    } else {
        ModuleRole::Library
    };
    Ok(LoadedModule { module, role })
}

#[derive(Deserialize)]
struct RawMeta {
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    related_resources: Vec<RawResource>,
    #[serde(default)]
    custom: RawCustom,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawResource {
    Url(String),
    Ref { r#ref: String },
}

#[derive(Deserialize, Default)]
struct RawCustom {
    id: Option<String>,
    severity: Option<Severity>,
    target: Option<String>,
    #[serde(default)]
    checkov: Vec<String>,
}

/// Reads the first `# METADATA` comment block of a module.
pub fn parse_metadata(path: &str, source: &str) -> Result<RuleMeta, RuleError> {
    let mut lines = source.lines().skip_while(|l| l.trim() != "# METADATA");
    if lines.next().is_none() {
        return Err(invalid(path, "rule has no `# METADATA` block"));
    }
    let yaml: String = lines
        .map_while(|l| l.strip_prefix('#'))
        .map(|l| format!("{}\n", l.strip_prefix(' ').unwrap_or(l)))
        .collect();
    let raw: RawMeta =
        yaml_serde::from_str(&yaml).map_err(|e| invalid(path, format!("bad METADATA: {e}")))?;
    let id = raw
        .custom
        .id
        .ok_or_else(|| invalid(path, "METADATA lacks custom.id"))?;
    let id = RuleId::new(&id).map_err(|e| invalid(path, e))?;
    let target = raw
        .custom
        .target
        .as_deref()
        .and_then(Target::parse)
        .ok_or_else(|| {
            invalid(
                path,
                "METADATA custom.target must be terraform or kubernetes",
            )
        })?;
    Ok(RuleMeta {
        id,
        title: raw
            .title
            .ok_or_else(|| invalid(path, "METADATA lacks a title"))?,
        description: raw.description.unwrap_or_default().trim().to_owned(),
        severity: raw.custom.severity.unwrap_or_default(),
        target,
        checkov: raw.custom.checkov,
        references: raw
            .related_resources
            .into_iter()
            .map(|r| match r {
                RawResource::Url(u) => u,
                RawResource::Ref { r#ref } => r#ref,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case() {
        assert!(RuleId::new("k8s-privileged-container").is_ok());
        assert!(RuleId::new("K8s_x").is_err());
        assert!(RuleId::new("a--b").is_err());
    }

    #[test]
    fn builtin_rules_load() {
        let set = RuleSet::load(&[]).unwrap();
        assert!(set.rules().count() >= 14);
    }
}
