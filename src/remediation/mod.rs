//! Remediations: how a finding becomes a fix.
//!
//! A remediation is data (`remediations/<target>/<rule-id>.yaml`): an applicability with its
//! reason, an *anchor* that says which node of the finding's route the operations start from,
//! and a list of format-aware operations, optionally split into cases chosen by resource type,
//! provider major version or a hint from the detector.
//!
//! Every operation returns the new text of the whole file and the *intended change* to the
//! file's parsed value ([`ValueOp`]); the fix engine uses the latter as a semantic oracle.
//! An operation that cannot make its change safely declines with a reason instead of making a
//! partial change.

mod hcl_ops;
mod yaml_ops;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::detect::RawFinding;
use crate::rule::RuleId;
use crate::source::hcl::ProviderFacts;
use crate::source::yaml::YamlStream;
use crate::source::{Route, Seg, Target};

static BUILTIN_REMEDIATIONS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/remediations");

/// How safe a fix is; ordered so that a mode can apply everything at or above a minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown as a suggestion, never applied.
    DisplayOnly,
    /// Applied only with `--unsafe-fixes`: changes behaviour a reviewer must accept.
    Unsafe,
    /// Applied by `fix`: keeps the intent of the code.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// A change to a parsed value, at an absolute path (for YAML the first segment is the
/// document index).
#[derive(Debug, Clone, PartialEq)]
pub enum ValueOp {
    Set(Route, Value),
    Remove(Route),
    Append(Route, Value),
}

impl ValueOp {
    /// Applies the change to `root`; false when the path does not fit the value.
    pub fn apply(&self, root: &mut Value) -> bool {
        let (path, last) = match self {
            ValueOp::Set(p, _) | ValueOp::Remove(p) | ValueOp::Append(p, _) => match p.split_last()
            {
                Some((last, path)) => (path, last),
                None => {
                    if let ValueOp::Set(_, v) = self {
                        *root = v.clone();
                        return true;
                    }
                    return false;
                }
            },
        };
        let mut here = root;
        for seg in path {
            if here.is_null() {
                *here = match seg {
                    Seg::Key(_) => Value::Object(Default::default()),
                    Seg::Index(_) => Value::Array(vec![]),
                };
            }
            here = match (seg, here) {
                (Seg::Key(k), Value::Object(m)) => m.entry(k.clone()).or_insert(Value::Null),
                (Seg::Index(i), Value::Array(a)) if *i < a.len() => &mut a[*i],
                _ => return false,
            };
        }
        if here.is_null() {
            *here = Value::Object(Default::default());
        }
        match (self, last, here) {
            (ValueOp::Set(_, v), Seg::Key(k), Value::Object(m)) => {
                m.insert(k.clone(), v.clone());
                true
            }
            (ValueOp::Set(_, v), Seg::Index(i), Value::Array(a)) if *i < a.len() => {
                a[*i] = v.clone();
                true
            }
            (ValueOp::Remove(_), Seg::Key(k), Value::Object(m)) => m.shift_remove(k).is_some(),
            (ValueOp::Append(_, v), Seg::Key(k), Value::Object(m)) => {
                match m.entry(k.clone()).or_insert(Value::Array(vec![])) {
                    Value::Array(a) => {
                        a.push(v.clone());
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }
}

/// `when` of a `set`: act on a missing value, a wrong one, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum When {
    Missing,
    Wrong,
    #[default]
    Always,
}

impl When {
    pub fn allows(self, exists: bool) -> bool {
        match self {
            When::Missing => !exists,
            When::Wrong => exists,
            When::Always => true,
        }
    }
}

/// One declarative operation. Paths are dotted and relative to the anchor.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Op {
    Set {
        path: OpPath,
        value: Value,
        #[serde(default)]
        when: When,
    },
    Remove {
        path: OpPath,
    },
    Merge {
        #[serde(default)]
        path: OpPath,
        value: Value,
    },
    Append {
        path: OpPath,
        value: Value,
    },
    EnsureBlock {
        path: OpPath,
        #[serde(default)]
        body: Value,
    },
    /// Appends a nested block after the last block of its type (or at the end of its parent),
    /// unless a block of that type already has the attribute values of `unless`.
    AppendBlock {
        path: OpPath,
        #[serde(default)]
        body: Value,
        #[serde(default)]
        unless: serde_json::Map<String, Value>,
    },
    AddResource {
        r#type: String,
        /// The companion's attribute that references the target.
        ref_attribute: String,
        /// The target's attribute it references (`id`, `arn`).
        #[serde(default = "default_ref")]
        r#ref: String,
        #[serde(default)]
        body: Value,
    },
    RaiseTo {
        path: OpPath,
        minimum: i64,
        #[serde(default)]
        when: When,
    },
}

fn default_ref() -> String {
    "id".into()
}

/// Which node of a finding's route the operations start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The node the route names.
    Route,
    /// Its parent.
    Parent,
    /// The Terraform block (`resource`, `data`, `module`) the route is in.
    #[default]
    Resource,
    /// The Kubernetes container the route is in.
    Container,
    /// The pod spec of the workload (Pod, Deployment, …, CronJob).
    PodSpec,
    /// The document (Kubernetes) or file (Terraform) root.
    Document,
}

/// Conditions of a case.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Terraform resource type of the anchor's block.
    pub resource: Option<String>,
    /// Kubernetes kinds.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Provider whose major version is tested.
    pub provider: Option<String>,
    /// Lowest major version the module allows must be at least this (unknown counts as newest).
    pub min_major: Option<u64>,
    /// …or below this (unknown never matches).
    pub below_major: Option<u64>,
    /// The detector's `case` hint.
    pub case: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    #[serde(default)]
    pub when: Condition,
    pub anchor: Option<Anchor>,
    pub applicability: Option<Applicability>,
    /// Why this case has its applicability, when it differs from the remediation's.
    pub reason: Option<String>,
    pub title: Option<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub ops: Vec<Op>,
}

/// A remediation file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remediation {
    pub rule: RuleId,
    pub target: Target,
    pub title: String,
    pub applicability: Applicability,
    /// Why the fix has this applicability.
    pub reason: String,
    #[serde(default)]
    pub note: Option<String>,
    /// Applying the fixed code makes the provider destroy and re-create the resource.
    #[serde(default)]
    pub forces_replacement: bool,
    #[serde(default)]
    pub anchor: Anchor,
    #[serde(default)]
    pub ops: Vec<Op>,
    #[serde(default)]
    pub cases: Vec<Case>,
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Target::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown target `{s}`")))
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct RemediationError {
    pub path: String,
    pub message: String,
}

/// All remediations by rule id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub by_rule: BTreeMap<RuleId, Remediation>,
}

impl Catalog {
    pub fn load(user_dirs: &[PathBuf]) -> Result<Catalog, RemediationError> {
        let mut files = Vec::new();
        collect_builtin(&BUILTIN_REMEDIATIONS, &mut files);
        for dir in user_dirs {
            collect_user(dir, &mut files)?;
        }
        let mut by_rule = BTreeMap::new();
        for (path, text) in files {
            // Through JSON values: serde_json reads `{set: {...}}` as an externally tagged enum.
            let rem: Remediation = yaml_serde::from_str::<Value>(&text)
                .map_err(|e| e.to_string())
                .and_then(|v| serde_json::from_value(v).map_err(|e| e.to_string()))
                .map_err(|message| RemediationError {
                    path: path.clone(),
                    message,
                })?;
            validate(&rem).map_err(|message| RemediationError {
                path: path.clone(),
                message,
            })?;
            if by_rule.insert(rem.rule.clone(), rem).is_some() {
                return Err(RemediationError {
                    path,
                    message: "a remediation for this rule already exists".into(),
                });
            }
        }
        Ok(Catalog { by_rule })
    }

    pub fn get(&self, rule: &RuleId) -> Option<&Remediation> {
        self.by_rule.get(rule)
    }
}

fn validate(rem: &Remediation) -> Result<(), String> {
    if rem.ops.is_empty() && rem.cases.is_empty() && rem.applicability != Applicability::DisplayOnly
    {
        return Err("a remediation needs `ops` or `cases` unless it is display-only".into());
    }
    let all_ops = rem
        .ops
        .iter()
        .chain(rem.cases.iter().flat_map(|c| c.ops.iter()));
    for op in all_ops {
        let fits = match rem.target {
            Target::Terraform => !matches!(op, Op::Append { .. } | Op::Merge { .. }),
            Target::Kubernetes => !matches!(
                op,
                Op::EnsureBlock { .. }
                    | Op::AppendBlock { .. }
                    | Op::AddResource { .. }
                    | Op::RaiseTo { .. }
            ),
        };
        if !fits {
            return Err(format!(
                "operation {op:?} does not apply to {} files",
                rem.target.as_str()
            ));
        }
    }
    Ok(())
}

fn collect_builtin(dir: &Dir<'_>, out: &mut Vec<(String, String)>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "yaml") {
            if let Some(text) = file.contents_utf8() {
                out.push((
                    format!("remediations/{}", file.path().display()),
                    text.to_owned(),
                ));
            }
        }
    }
    for sub in dir.dirs() {
        collect_builtin(sub, out);
    }
}

fn collect_user(dir: &Path, out: &mut Vec<(String, String)>) -> Result<(), RemediationError> {
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .sort_by_file_path(Ord::cmp)
        .build();
    for entry in walker.flatten() {
        let path = entry.path();
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if !is_yaml || !path.components().any(|c| c.as_os_str() == "remediations") {
            continue;
        }
        let text = std::fs::read_to_string(path).map_err(|e| RemediationError {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        out.push((path.display().to_string(), text));
    }
    Ok(())
}

/// A file as the remediation sees it.
pub enum Parsed<'a> {
    Hcl {
        projection: &'a Value,
        /// `resource` projections of every `.tf` file of the module (this one included).
        module: &'a Value,
        providers: &'a BTreeMap<String, ProviderFacts>,
    },
    Yaml {
        stream: &'a YamlStream,
        doc: usize,
    },
}

/// A remediation's answer for one finding, before planning.
#[derive(Debug, Clone)]
pub struct Description {
    pub applicability: Applicability,
    pub reason: String,
    pub title: String,
    pub note: Option<String>,
}

/// A fix planned for one finding.
#[derive(Debug, Clone)]
pub struct Plan {
    pub text: String,
    pub intended: Vec<ValueOp>,
    pub title: String,
    pub applicability: Applicability,
    pub note: Option<String>,
}

/// Why a finding gets no fix here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declined(pub String);

impl From<crate::source::yaml::Declined> for Declined {
    fn from(d: crate::source::yaml::Declined) -> Self {
        Declined(d.0)
    }
}

impl Remediation {
    /// The case that applies to `finding`, as (anchor, applicability, title, note, ops).
    fn choose<'r>(&'r self, finding: &RawFinding, parsed: &Parsed<'_>) -> Option<Chosen<'r>> {
        let base = Chosen {
            anchor: self.anchor,
            applicability: self.applicability,
            reason: &self.reason,
            title: &self.title,
            note: self.note.as_deref(),
            ops: &self.ops,
        };
        if self.cases.is_empty() {
            return Some(base);
        }
        let case = self
            .cases
            .iter()
            .find(|c| condition_holds(&c.when, finding, parsed))?;
        Some(Chosen {
            anchor: case.anchor.unwrap_or(self.anchor),
            applicability: case.applicability.unwrap_or(self.applicability),
            reason: case.reason.as_deref().unwrap_or(&self.reason),
            title: case.title.as_deref().unwrap_or(&self.title),
            note: case.note.as_deref().or(self.note.as_deref()),
            ops: &case.ops,
        })
    }

    /// The case's note, or the replacement warning when the remediation forces one.
    fn note_for(&self, chosen: &Chosen<'_>) -> Option<String> {
        chosen.note.map(str::to_owned).or_else(|| {
            self.forces_replacement
                .then(|| "forces replacement of the resource on apply".to_owned())
        })
    }

    /// What the fix of a finding would be — applicability, reason, title, note — without
    /// planning it.
    pub fn describe(&self, finding: &RawFinding, parsed: &Parsed<'_>) -> Option<Description> {
        let chosen = self.choose(finding, parsed)?;
        let note = self.note_for(&chosen);
        Some(Description {
            applicability: chosen.applicability,
            reason: chosen.reason.to_owned(),
            title: chosen.title.to_owned(),
            note,
        })
    }

    /// Plans the fix of `finding` on `text`.
    pub fn plan(
        &self,
        finding: &RawFinding,
        text: &str,
        parsed: &Parsed<'_>,
    ) -> Result<Plan, Declined> {
        let chosen = self
            .choose(finding, parsed)
            .ok_or_else(|| Declined("no remediation case matches this finding".into()))?;
        if chosen.applicability == Applicability::DisplayOnly || chosen.ops.is_empty() {
            return Err(Declined(chosen.reason.to_owned()));
        }
        let route = finding
            .route
            .as_ref()
            .ok_or_else(|| Declined("the finding has no route".into()))?;
        let (new_text, intended) = match parsed {
            Parsed::Hcl { module, .. } => {
                let anchor = hcl_ops::anchor(route, chosen.anchor)?;
                hcl_ops::apply(text, &anchor, chosen.ops, module)?
            }
            Parsed::Yaml { stream, doc } => {
                let value = &stream.docs[*doc].value;
                let anchor = yaml_ops::anchor(route, chosen.anchor, value)?;
                yaml_ops::apply(stream, text, *doc, &anchor, chosen.ops)?
            }
        };
        if new_text == text {
            return Err(Declined("the remediation changes nothing here".into()));
        }
        let note = self.note_for(&chosen);
        Ok(Plan {
            text: new_text,
            intended,
            title: chosen.title.to_owned(),
            applicability: chosen.applicability,
            note,
        })
    }
}

struct Chosen<'r> {
    anchor: Anchor,
    applicability: Applicability,
    reason: &'r str,
    title: &'r str,
    note: Option<&'r str>,
    ops: &'r [Op],
}

fn condition_holds(when: &Condition, finding: &RawFinding, parsed: &Parsed<'_>) -> bool {
    if let Some(case) = &when.case {
        if finding.case.as_ref() != Some(case) {
            return false;
        }
    }
    let route = finding.route.as_deref().unwrap_or(&[]);
    match parsed {
        Parsed::Hcl { providers, .. } => {
            if let Some(resource) = &when.resource {
                if route.get(1).and_then(Seg::as_key) != Some(resource.as_str()) {
                    return false;
                }
            }
            if let Some(provider) = &when.provider {
                let major = providers.get(provider).and_then(|p| p.major);
                if let Some(min) = when.min_major {
                    if major.is_some_and(|m| m < min) {
                        return false;
                    }
                }
                if let Some(below) = when.below_major {
                    if major.is_none_or(|m| m >= below) {
                        return false;
                    }
                }
            }
            true
        }
        Parsed::Yaml { stream, doc } => {
            if when.kinds.is_empty() {
                return true;
            }
            let kind = stream.docs[*doc]
                .value
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or("");
            when.kinds.iter().any(|k| k == kind)
        }
    }
}

/// An operation path: dotted (`securityContext.capabilities.drop`; numeric parts are indices)
/// or, for keys that contain dots, a list (`[metadata, labels, pod-security.kubernetes.io/enforce]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpPath(pub Route);

impl<'de> Deserialize<'de> for OpPath {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Dotted(String),
            List(Vec<Value>),
        }
        match Raw::deserialize(d)? {
            Raw::Dotted(s) => Ok(OpPath(split_path(&s))),
            Raw::List(items) => crate::source::route_from_json(&Value::Array(items))
                .map(OpPath)
                .ok_or_else(|| serde::de::Error::custom("a path list holds strings and indices")),
        }
    }
}

impl OpPath {
    pub fn route(&self) -> Route {
        self.0.clone()
    }
}

/// Splits a dotted path (`securityContext.capabilities.drop`); numeric parts are indices.
pub fn split_path(path: &str) -> Route {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<usize>()
                .map_or_else(|_| Seg::Key(s.to_owned()), Seg::Index)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn value_ops_apply() {
        let mut v = json!({"a": [{"b": 1}]});
        let k = |s: &str| Seg::Key(s.into());
        assert!(
            ValueOp::Set(vec![k("a"), Seg::Index(0), k("c"), k("d")], json!(true)).apply(&mut v)
        );
        assert!(ValueOp::Append(vec![k("a"), Seg::Index(0), k("e")], json!("ALL")).apply(&mut v));
        assert!(ValueOp::Remove(vec![k("a"), Seg::Index(0), k("b")]).apply(&mut v));
        assert_eq!(v, json!({"a": [{"c": {"d": true}, "e": ["ALL"]}]}));
    }

    /// Applies Terraform operations at the resource `anchor` and checks that the parsed result is
    /// the value before plus the intended change.
    fn apply_hcl(text: &str, anchor: &[&str], ops: Value) -> Result<String, Declined> {
        let ops: Vec<Op> = serde_json::from_value(ops).unwrap();
        let anchor: Route = anchor.iter().map(|k| Seg::Key((*k).into())).collect();
        let (out, intended) = hcl_ops::apply(text, &anchor, &ops, &json!({}))?;
        let project = |t: &str| {
            crate::source::hcl::project(&crate::source::hcl::parse(Path::new(""), t).unwrap(), t)
        };
        let mut expected = project(text);
        for op in &intended {
            assert!(op.apply(&mut expected), "{op:?}");
        }
        assert_eq!(expected, project(&out));
        Ok(out)
    }

    fn flag_op() -> Value {
        json!([{"append_block": {
            "path": "settings.database_flags",
            "body": {"name": "log_checkpoints", "value": "on"},
            "unless": {"name": "log_checkpoints"},
        }}])
    }

    const SQL: [&str; 3] = ["resource", "google_sql_database_instance", "db"];

    #[test]
    fn append_block_goes_after_the_last_block_of_its_type() {
        let text = r#"resource "google_sql_database_instance" "db" {
  settings {
    tier = "db-f1-micro"
    database_flags {
      name  = "log_connections"
      value = "on"
    } # audit
    backup_configuration {
      enabled = true
    }
  }
}
"#;
        let out = apply_hcl(text, &SQL, flag_op()).unwrap();
        assert_eq!(
            out,
            r#"resource "google_sql_database_instance" "db" {
  settings {
    tier = "db-f1-micro"
    database_flags {
      name  = "log_connections"
      value = "on"
    } # audit
    database_flags {
      name  = "log_checkpoints"
      value = "on"
    }
    backup_configuration {
      enabled = true
    }
  }
}
"#
        );
        // A block with the `unless` attributes is already there: nothing changes.
        assert_eq!(apply_hcl(&out, &SQL, flag_op()).unwrap(), out);
    }

    #[test]
    fn append_block_without_blocks_of_its_type_ends_the_parent() {
        let text = "resource \"google_sql_database_instance\" \"db\" {\n  settings {\n    tier = \"db-f1-micro\"\n  }\n}\n";
        let out = apply_hcl(text, &SQL, flag_op()).unwrap();
        assert_eq!(
            out,
            "resource \"google_sql_database_instance\" \"db\" {\n  settings {\n    tier = \"db-f1-micro\"\n    database_flags {\n      name  = \"log_checkpoints\"\n      value = \"on\"\n    }\n  }\n}\n"
        );
        // A missing parent block is created.
        let text = "resource \"google_sql_database_instance\" \"db\" {\n  name = \"x\"\n}\n";
        let out = apply_hcl(text, &SQL, flag_op()).unwrap();
        assert!(
            out.contains("  settings {\n    database_flags {\n      name  = \"log_checkpoints\"\n")
        );
    }

    #[test]
    fn append_block_declines_what_it_cannot_see() {
        let cases = [
            // settings generated by a dynamic block
            "resource \"google_sql_database_instance\" \"db\" {\n  dynamic \"settings\" {\n    for_each = var.s\n    content {\n      tier = settings.value\n    }\n  }\n}\n",
            // flags generated by a dynamic block
            "resource \"google_sql_database_instance\" \"db\" {\n  settings {\n    dynamic \"database_flags\" {\n      for_each = var.flags\n      content {\n        name  = database_flags.key\n        value = database_flags.value\n      }\n    }\n  }\n}\n",
            // a flag name converge cannot read
            "resource \"google_sql_database_instance\" \"db\" {\n  settings {\n    database_flags {\n      name  = var.flag\n      value = \"on\"\n    }\n  }\n}\n",
            // a one-line parent with content
            "resource \"google_sql_database_instance\" \"db\" {\n  settings { tier = \"db-f1-micro\" }\n}\n",
        ];
        for text in cases {
            let result = apply_hcl(text, &SQL, flag_op());
            assert!(result.is_err(), "{text}");
        }
    }

    #[test]
    fn builtin_catalog_loads() {
        let catalog = Catalog::load(&[]).unwrap();
        assert!(!catalog.by_rule.is_empty());
    }
}
