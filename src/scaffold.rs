//! `converge new rule`: the files of a new rule, in the layout of the built-in rules, so that
//! `converge test DIR` and `--rules DIR` find them.
//!
//! ```text
//! rules/<target>/<rule-id>/<rule_id>.rego        the detector (METADATA, package, `findings`)
//! rules/<target>/<rule-id>/<rule_id>_test.rego   a Rego unit test
//! remediations/<target>/<rule-id>.yaml           the fix, display-only until edited
//! tests/fixtures/<rule-id>/bad_example.<ext>     a file the rule reports …
//! tests/fixtures/<rule-id>/bad_example.<ext>.fixed   … as it should be after the fix
//! tests/fixtures/<rule-id>/ok_example.<ext>      a file the rule accepts
//! ```
//!
//! Decisions:
//! - The scaffold must not pass `converge test` before it is edited: the detector reports
//!   nothing, so the bad fixture has no finding and the Rego test, which expects a finding, is
//!   undefined. Both failures name the file to edit.
//! - The remediation is written display-only, with the operations commented out: it loads as
//!   it is and never changes a file, and making the rule fixable is an explicit choice of
//!   applicability and reason (a rule without remediation would hide where the fix goes).
//! - Existing files are never overwritten: nothing is written unless every file is new.

use std::path::{Path, PathBuf};

use crate::rule::{RuleId, RuleSet};
use crate::source::Target;

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{0}")]
    InvalidId(String),
    #[error("`{0}` is a built-in rule; choose another id")]
    Builtin(RuleId),
    #[error("refusing to overwrite existing files: {}", list(.0))]
    Exists(Vec<PathBuf>),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One file of the scaffold: its path below the rule folder and its text.
#[derive(Debug, Clone)]
pub struct File {
    pub path: PathBuf,
    pub text: String,
}

/// The files of rule `id` for `target`, with paths relative to the rule folder.
pub fn rule_files(id: &RuleId, target: Target) -> Vec<File> {
    let leaf = id.package_leaf();
    let t = target.as_str();
    let ext = match target {
        Target::Terraform => "tf",
        Target::Kubernetes => "yaml",
    };
    let rule_dir = PathBuf::from(format!("rules/{t}/{id}"));
    let fixtures = PathBuf::from(format!("tests/fixtures/{id}"));
    let fixture = |name: &str, text: String| File {
        path: fixtures.join(name),
        text,
    };
    vec![
        File {
            path: rule_dir.join(format!("{leaf}.rego")),
            text: detector(id, target),
        },
        File {
            path: rule_dir.join(format!("{leaf}_test.rego")),
            text: rego_test(id, target),
        },
        File {
            path: PathBuf::from(format!("remediations/{t}/{id}.yaml")),
            text: remediation(id, target),
        },
        fixture(
            &format!("bad_example.{ext}"),
            example(
                target,
                &format!("A file that rule {id} reports: replace this placeholder."),
            ),
        ),
        fixture(
            &format!("bad_example.{ext}.fixed"),
            example(
                target,
                &format!(
                    "bad_example.{ext} as `converge fix --unsafe-fixes` should leave it (for a display-only rule: the change a person makes). Replace this placeholder."
                ),
            ),
        ),
        fixture(
            &format!("ok_example.{ext}"),
            example(
                target,
                &format!("A file that rule {id} accepts: replace this placeholder."),
            ),
        ),
    ]
}

/// Writes the scaffold of rule `id` under `dir`; returns the paths written. Nothing is written
/// when the id is invalid or taken by a built-in rule, or when one of the files exists.
pub fn new_rule(dir: &Path, id: &str, target: Target) -> Result<Vec<PathBuf>, ScaffoldError> {
    let id = RuleId::new(id).map_err(ScaffoldError::InvalidId)?;
    if RuleSet::load(&[]).is_ok_and(|builtin| builtin.rule(id.as_str()).is_some()) {
        return Err(ScaffoldError::Builtin(id));
    }
    let files = rule_files(&id, target);
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|f| dir.join(&f.path))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        return Err(ScaffoldError::Exists(existing));
    }
    let mut written = Vec::new();
    for file in files {
        let path = dir.join(&file.path);
        write_new(&path, &file.text).map_err(|source| ScaffoldError::Io {
            path: path.display().to_string(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// Creates `path` with `text`; fails if it exists (a file created since the check included).
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

/// What to do after `converge new rule`, for the terminal; `written` are the paths
/// [`new_rule`] returned, in the order of [`rule_files`].
pub fn next_steps(dir: &Path, written: &[PathBuf]) -> String {
    let name = |i: usize| {
        written.get(i).map_or(String::new(), |p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
    };
    let path = |i: usize| {
        written
            .get(i)
            .map_or(String::new(), |p| p.display().to_string())
    };
    let fixtures = written
        .get(3)
        .and_then(|p| p.parent())
        .map_or(String::new(), |p| p.display().to_string());
    let dir = dir.display();
    format!(
        "next steps:\n\
         \x20 1. the fixtures, in {fixtures}/: a file the rule must report ({bad}),\n\
         \x20    the same file as the fix should leave it ({fixed}), and one it must accept ({ok})\n\
         \x20 2. the detector: the condition of `findings` in {rule}\n\
         \x20    (its input and findings: docs/rego-contract.md), and the bad input in {test}\n\
         \x20 3. the fix: {rem} (docs/remediations.md), or leave the rule display-only\n\
         \x20 4. converge test {dir}    # fails until steps 1 to 3 are done\n\
         \x20 5. converge scan --rules {dir} PATH\n",
        rule = path(0),
        test = name(1),
        rem = path(2),
        bad = name(3),
        fixed = name(4),
        ok = name(5),
    )
}

fn detector(id: &RuleId, target: Target) -> String {
    let leaf = id.package_leaf();
    let t = target.as_str();
    let (import, body) = match target {
        Target::Terraform => (
            "import data.converge.lib.terraform as tf",
            "\tsome resource in tf.resources(\"aws_s3_bucket\") # TODO: the resource type\n\
             \tfalse # TODO: replace with the condition that makes the resource bad\n\
             \tf := {\n\
             \t\t\"msg\": sprintf(\"aws_s3_bucket.%s ... (TODO: the message)\", [resource.name]),\n\
             \t\t\"route\": array.concat(resource.route, [\"TODO_attribute\"]),\n\
             \t}\n",
        ),
        Target::Kubernetes => (
            "import data.converge.lib.k8s",
            "\tsome entry in k8s.containers\n\
             \tfalse # TODO: replace with the condition that makes the container bad\n\
             \tf := {\n\
             \t\t\"msg\": sprintf(\"container %q ... (TODO: the message)\", [entry.container.name]),\n\
             \t\t\"route\": k8s.container_route(entry, [\"TODO_field\"]),\n\
             \t}\n",
        ),
    };
    format!(
        "# METADATA\n\
         # title: TODO name the bad pattern, e.g. S3 bucket versioning is not enabled\n\
         # description: |\n\
         #   TODO: why it matters, in a few sentences.\n\
         # custom:\n\
         #   id: {id}\n\
         #   target: {t}\n\
         #   severity: medium\n\
         package converge.rules.{t}.{leaf}\n\
         \n\
         # The input this rule receives and the findings it returns are described in\n\
         # docs/rego-contract.md. The METADATA block above is required: custom.id joins this\n\
         # detector to its remediation and fixtures, custom.target decides which files it reads,\n\
         # and the package must stay converge.rules.{t}.{leaf}.\n\
         \n\
         import rego.v1\n\
         \n\
         {import}\n\
         \n\
         # Each finding is {{\"msg\": shown to users, \"route\": the keys and indices of the offending\n\
         # node from the root of the input}}; the node may be missing (the fix creates it).\n\
         # As written, the rule reports nothing: `converge test` fails until it does.\n\
         findings contains f if {{\n\
         {body}\
         }}\n"
    )
}

fn rego_test(id: &RuleId, target: Target) -> String {
    let leaf = id.package_leaf();
    let t = target.as_str();
    let input = match target {
        Target::Terraform => {
            "{\"resource\": {\"aws_s3_bucket\": {\"example\": {\"bucket\": \"example\"}}}}"
        }
        Target::Kubernetes => {
            "{\"kind\": \"Pod\", \"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"nginx:1.27\"}]}}"
        }
    };
    format!(
        "package converge.rules.{t}.{leaf}_test\n\
         \n\
         import rego.v1\n\
         \n\
         import data.converge.rules.{t}.{leaf} as rule\n\
         \n\
         # TODO: make `bad` the input of tests/fixtures/{id}/bad_example (projected to JSON as\n\
         # docs/rego-contract.md shows), and add a test that a good input has no finding.\n\
         bad := {input}\n\
         \n\
         test_bad_example_is_reported if {{\n\
         \tcount(rule.findings) > 0 with input as bad\n\
         }}\n"
    )
}

fn remediation(id: &RuleId, target: Target) -> String {
    let (anchor, op) = match target {
        Target::Terraform => ("resource", "set: {path: versioning.enabled, value: true}"),
        Target::Kubernetes => (
            "container",
            "set: {path: securityContext.readOnlyRootFilesystem, value: true}",
        ),
    };
    format!(
        "# The fix of rule {id}; the anchors and operations are described in docs/remediations.md.\n\
         # As written it is display-only: converge reports the finding with `reason` and changes\n\
         # nothing. To make converge fix it, set `applicability` to safe (keeps the intent of the\n\
         # code) or unsafe (changes behaviour a reviewer must accept), say why in `reason`, and\n\
         # uncomment and adapt `anchor` and `ops`.\n\
         rule: {id}\n\
         target: {t}\n\
         title: TODO the fix, e.g. Enable bucket versioning\n\
         applicability: display-only\n\
         reason: >-\n\
         \x20 TODO: why the fix is safe, unsafe, or left to a person.\n\
         # anchor: {anchor}\n\
         # ops:\n\
         #   - {op}\n",
        t = target.as_str(),
    )
}

fn example(target: Target, comment: &str) -> String {
    match target {
        Target::Terraform => format!(
            "# {comment}\n\
             resource \"aws_s3_bucket\" \"example\" {{\n\
             \x20 bucket = \"example\"\n\
             }}\n"
        ),
        Target::Kubernetes => format!(
            "# {comment}\n\
             apiVersion: v1\n\
             kind: Pod\n\
             metadata:\n\
             \x20 name: example\n\
             spec:\n\
             \x20 containers:\n\
             \x20   - name: app\n\
             \x20     image: nginx:1.27\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaffold_loads_as_a_rule_with_a_remediation() {
        let dir = tempfile::tempdir().unwrap();
        for target in [Target::Terraform, Target::Kubernetes] {
            let id = format!("my-{}-thing", target.as_str());
            new_rule(dir.path(), &id, target).unwrap();
        }
        let dirs = [dir.path().to_path_buf()];
        let rules = RuleSet::load(&dirs).unwrap();
        let catalog = crate::remediation::Catalog::load(&dirs).unwrap();
        for id in ["my-terraform-thing", "my-kubernetes-thing"] {
            assert!(rules.rule(id).is_some(), "{id}");
            let id = RuleId::new(id).unwrap();
            assert!(catalog.get(&id).is_some(), "{id}");
        }
        let engine = crate::engine::Engine::load(&dirs, &Default::default()).unwrap();
        let report = engine.run(
            &[dir.path().join("tests")],
            crate::engine::Mode::Scan,
            Some(1),
        );
        assert!(report.errors.is_empty(), "{:?}", report.errors);
    }

    #[test]
    fn bad_ids_and_existing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            new_rule(dir.path(), "Bad_Id", Target::Terraform),
            Err(ScaffoldError::InvalidId(_))
        ));
        assert!(matches!(
            new_rule(dir.path(), "k8s-container-privileged", Target::Kubernetes),
            Err(ScaffoldError::Builtin(_))
        ));
        new_rule(dir.path(), "x-thing", Target::Terraform).unwrap();
        assert!(matches!(
            new_rule(dir.path(), "x-thing", Target::Terraform),
            Err(ScaffoldError::Exists(paths)) if paths.len() == 6
        ));
    }
}
