//! The command line as a user runs it: exit codes, errors with file:line:col, dry runs that
//! write nothing and produce diffs `git apply` accepts, atomic writes that keep file modes.

mod common;

use common::{converge, copy_tree, text};

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

fn quickstart() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quickstart"),
        dir.path(),
    );
    dir
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((
                    path.strip_prefix(dir).unwrap().display().to_string(),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn syntax_errors_are_located_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let broken_tf = "resource \"aws_kms_key\" \"k\" {\n  description = \"x\"\n";
    let broken_yaml =
        "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n   image: [unclosed\n";
    std::fs::write(dir.path().join("broken.tf"), broken_tf).unwrap();
    std::fs::write(dir.path().join("broken.yaml"), broken_yaml).unwrap();
    std::fs::create_dir(dir.path().join("ok")).unwrap();
    std::fs::write(
        dir.path().join("ok/key.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  description = \"x\"\n}\n",
    )
    .unwrap();
    let out = converge(dir.path(), &["fix", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("broken.tf:2:21: error: HCL syntax error"),
        "{stdout}"
    );
    assert!(stdout.contains("broken.yaml:6:"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.tf")).unwrap(),
        broken_tf
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.yaml")).unwrap(),
        broken_yaml
    );
    let fixed = std::fs::read_to_string(dir.path().join("ok/key.tf")).unwrap();
    assert!(fixed.contains("enable_key_rotation = true"), "{fixed}");
}

#[test]
fn dry_run_writes_nothing_and_its_diff_applies() {
    let dry = quickstart();
    let before = snapshot(dry.path());
    let out = converge(dry.path(), &["fix", "--dry-run", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(snapshot(dry.path()), before, "dry run changed files");
    let diff = dry.path().join("fix.diff");
    std::fs::write(&diff, &out.stdout).unwrap();
    let applied = Command::new("git")
        .args(["apply", "fix.diff"])
        .current_dir(dry.path())
        .output()
        .unwrap();
    assert!(
        applied.status.success(),
        "git apply: {}",
        text(&applied.stderr)
    );
    std::fs::remove_file(&diff).unwrap();

    let real = quickstart();
    let out = converge(real.path(), &["fix", "."]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "unsafe fixes remain: {}",
        text(&out.stdout)
    );
    assert_eq!(
        snapshot(real.path()),
        snapshot(dry.path()),
        "git apply of the dry-run diff differs from fix"
    );
}

#[test]
fn exit_codes_follow_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    let key = "resource \"aws_kms_key\" \"k\" {\n  description = \"x\"\n}\n";
    std::fs::write(dir.path().join("key.tf"), key).unwrap();
    assert_eq!(converge(dir.path(), &["scan", "."]).status.code(), Some(1));
    assert_eq!(
        converge(dir.path(), &["fix", "--unsafe-fixes", "."])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(converge(dir.path(), &["scan", "."]).status.code(), Some(0));
    let second = snapshot(dir.path());
    assert_eq!(
        converge(dir.path(), &["fix", "--unsafe-fixes", "."])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(snapshot(dir.path()), second, "a second fix changed bytes");
    assert_eq!(
        converge(dir.path(), &["explain", "no-such-rule"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_report_is_versioned_and_counts_agree() {
    let dir = quickstart();
    let out = converge(dir.path(), &["fix", "--dry-run", "--format", "json", "."]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["version"], 1);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(
        report["summary"]["findings"].as_u64().unwrap() as usize,
        findings.len()
    );
    let fixed = findings.iter().filter(|f| f["status"] == "fixed").count();
    assert_eq!(report["summary"]["fixed"].as_u64().unwrap() as usize, fixed);
    assert!(fixed > 0 && findings.iter().any(|f| f["status"] == "unsafe-fixable"));
    assert!(report["diff"].as_str().unwrap().starts_with("--- a/"));
    assert!(findings
        .iter()
        .all(|f| f["start"]["line"].as_u64().unwrap() > 0 && f["checkov"].is_array()));
}

#[test]
fn skipped_and_ignored_inputs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("chart.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ci.yml"),
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("main.tf.json"), "{\"resource\": {}}").unwrap();
    std::fs::create_dir_all(dir.path().join(".terraform/modules/x")).unwrap();
    std::fs::write(
        dir.path().join(".terraform/modules/x/main.tf"),
        "resource \"aws_kms_key\" \"k\" {}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
    std::fs::create_dir(dir.path().join("ignored")).unwrap();
    std::fs::write(
        dir.path().join("ignored/key.tf"),
        "resource \"aws_kms_key\" \"k\" {}\n",
    )
    .unwrap();
    let out = converge(dir.path(), &["scan", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["findings"], 0);
    let notices = report["notices"].to_string();
    assert!(
        notices.contains("Helm template") && notices.contains("main.tf.json"),
        "{notices}"
    );
}

#[test]
fn writes_keep_the_file_mode_and_refuse_read_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.tf");
    std::fs::write(&key, "resource \"aws_kms_key\" \"k\" {\n}\n").unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(converge(dir.path(), &["fix", "."]).status.code(), Some(0));
    assert_eq!(
        std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert!(std::fs::read_to_string(&key)
        .unwrap()
        .contains("enable_key_rotation = true"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".converge-")
        })
        .collect();
    assert!(leftovers.is_empty());

    let locked = dir.path().join("locked.tf");
    let content = "resource \"aws_kms_key\" \"l\" {\n}\n";
    std::fs::write(&locked, content).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = converge(dir.path(), &["fix", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stdout).contains("read-only"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), content);
}

#[test]
fn rules_list_every_rule_with_checkov_ids() {
    let out = converge(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["rules", "--format", "json"],
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = list["rules"].as_array().unwrap();
    assert!(rules.len() >= 14);
    assert!(rules
        .iter()
        .all(|r| r["checkov"].is_array() && r["fix"].is_string()));
    assert!(rules.iter().any(|r| r["forces_replacement"] == true));
}

#[test]
fn conftest_policies_report_without_fixing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("policy")).unwrap();
    std::fs::write(
        dir.path().join("policy/deny.rego"),
        "package main\n\ndeny[msg] {\n  input.kind == \"Pod\"\n  not input.metadata.labels.team\n  msg := \"pods need a team label\"\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers: []\n",
    )
    .unwrap();
    let out = converge(
        dir.path(),
        &[
            "scan",
            "--rules",
            "policy",
            "--select",
            "main-deny",
            "pod.yaml",
        ],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("main-deny") && stdout.contains("pods need a team label"),
        "{stdout}"
    );
}

#[test]
fn a_rule_failing_at_run_time_does_not_hide_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("mine/kubernetes/k8s-broken-rule")).unwrap();
    std::fs::write(
        dir.path().join("mine/kubernetes/k8s-broken-rule/k8s_broken_rule.rego"),
        "# METADATA\n# title: Always fails\n# custom:\n#   id: k8s-broken-rule\n#   target: kubernetes\npackage converge.rules.kubernetes.k8s_broken_rule\n\nimport rego.v1\n\nfindings contains f if {\n\tsome x in input.metadata.missing_list\n\tf := {\"msg\": x, \"route\": []}\n}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  missing_list: null\nspec:\n  containers:\n    - name: a\n      image: a:1\n").unwrap();
    let out = converge(dir.path(), &["scan", "--rules", "mine", "pod.yaml"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(stdout.contains("k8s-broken-rule"), "{stdout}");
    assert!(
        stdout.contains("k8s-container-privilege-escalation-allowed"),
        "{stdout}"
    );
}

#[test]
fn vendored_modules_are_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let module = dir.path().join("vendor/modules/kms");
    std::fs::create_dir_all(&module).unwrap();
    let content = "resource \"aws_kms_key\" \"k\" {\n}\n";
    std::fs::write(module.join("main.tf"), content).unwrap();
    let out = converge(dir.path(), &["scan", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "vendor/ is not walked: {}",
        text(&out.stdout)
    );
    let out = converge(dir.path(), &["fix", "vendor/modules/kms/main.tf"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("vendored module"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(module.join("main.tf")).unwrap(),
        content
    );
}

#[test]
fn fix_leaves_files_with_uncommitted_changes_alone_unless_allowed() {
    let dir = quickstart();
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args([
                "-c",
                "init.defaultBranch=main",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(dir.path())
            .env("GIT_AUTHOR_NAME", "Dev")
            .env("GIT_AUTHOR_EMAIL", "dev@example.com")
            .env("GIT_COMMITTER_NAME", "Dev")
            .env("GIT_COMMITTER_EMAIL", "dev@example.com")
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "initial"]);
    // One file has work in progress.
    let wip = dir.path().join("kubernetes/web.yaml");
    let mut content = std::fs::read_to_string(&wip).unwrap();
    content.push_str("# work in progress\n");
    std::fs::write(&wip, &content).unwrap();
    let before = snapshot(dir.path());

    let out = converge(dir.path(), &["fix", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("has uncommitted changes"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(std::fs::read_to_string(&wip).unwrap(), content);
    // Committed files were fixed.
    assert_ne!(snapshot(dir.path()), before);

    let out = converge(dir.path(), &["fix", "--allow-dirty", "."]);
    assert_ne!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert_ne!(std::fs::read_to_string(&wip).unwrap(), content);
}

#[test]
fn a_file_named_alone_is_fixed_with_the_rest_of_its_module_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let bucket = "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"data\"\n}\n";
    let versioning = "resource \"aws_s3_bucket_versioning\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  versioning_configuration {\n    status = \"Disabled\"\n  }\n}\n";
    std::fs::write(dir.path().join("bucket.tf"), bucket).unwrap();
    std::fs::write(dir.path().join("versioning.tf"), versioning).unwrap();
    let out = converge(
        dir.path(),
        &[
            "fix",
            "--select",
            "aws-s3-bucket-versioning-disabled",
            "bucket.tf",
        ],
    );
    let stdout = text(&out.stdout);
    // The companion in versioning.tf is seen: no second aws_s3_bucket_versioning is added to
    // bucket.tf, and versioning.tf, not named, is neither reported nor changed.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bucket.tf")).unwrap(),
        bucket,
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("versioning.tf")).unwrap(),
        versioning
    );
    assert!(!stdout.contains("versioning.tf"), "{stdout}");
}
