//! The tools for writing rules, as a rule author runs them: `converge test` on the built-in
//! rules and on a folder of one's own, `converge new rule`, and conftest policies used as they
//! are written for `conftest test`.

mod common;

use std::path::Path;

use common::{converge, text};

const DETECTOR: &str = r#"# METADATA
# title: S3 bucket can be destroyed with its objects
# description: |
#   With force_destroy, `terraform destroy` deletes a bucket that still holds objects.
# custom:
#   id: s3-thing
#   target: terraform
#   severity: low
package converge.rules.terraform.s3_thing

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some bucket in tf.resources("aws_s3_bucket")
	tf.is_true(object.get(bucket.body, "force_destroy", false))
	f := {
		"msg": sprintf("aws_s3_bucket.%s is destroyed with its objects", [bucket.name]),
		"route": array.concat(bucket.route, ["force_destroy"]),
	}
}
"#;

const REGO_TEST: &str = r#"package converge.rules.terraform.s3_thing_test

import rego.v1

import data.converge.rules.terraform.s3_thing as rule

test_force_destroy_is_reported if {
	count(rule.findings) == 1 with input as {"resource": {"aws_s3_bucket": {"b": {"force_destroy": true}}}}
}

test_default_is_clean if {
	count(rule.findings) == 0 with input as {"resource": {"aws_s3_bucket": {"b": {}}}}
}
"#;

const REMEDIATION: &str = "rule: s3-thing
target: terraform
title: Set force_destroy = false
applicability: safe
reason: Only `terraform destroy` reads it; the bucket is unchanged.
ops:
  - set: {path: force_destroy, value: false}
";

const BAD: &str = "resource \"aws_s3_bucket\" \"logs\" {\n  bucket        = \"logs\"\n  force_destroy = true # for now\n}\n";
const FIXED: &str = "resource \"aws_s3_bucket\" \"logs\" {\n  bucket        = \"logs\"\n  force_destroy = false # for now\n}\n";
const OK: &str = "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n";

/// The files of rule `s3-thing` below `dir`, in the layout `converge new rule` creates.
const FILES: [(&str, &str); 6] = [
    ("rules/terraform/s3-thing/s3_thing.rego", DETECTOR),
    ("rules/terraform/s3-thing/s3_thing_test.rego", REGO_TEST),
    ("remediations/terraform/s3-thing.yaml", REMEDIATION),
    ("tests/fixtures/s3-thing/bad_example.tf", BAD),
    ("tests/fixtures/s3-thing/bad_example.tf.fixed", FIXED),
    ("tests/fixtures/s3-thing/ok_example.tf", OK),
];

fn write(dir: &Path, relative: &str, content: &str) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn write_rule(dir: &Path) {
    for (relative, content) in FILES {
        write(dir, relative, content);
    }
}

/// Runs `converge` and returns the exit code and standard output (standard error appended).
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = converge(dir, args);
    (
        out.status.code(),
        format!("{}{}", text(&out.stdout), text(&out.stderr)),
    )
}

/// `(passed, failed)` of the Rego tests and of the fixtures, read from the summary line.
fn summary(stdout: &str) -> ((usize, usize), (usize, usize)) {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("Rego tests: "))
        .unwrap_or_else(|| panic!("no summary: {stdout}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    // Rego passed, failed; the number of rules; fixtures passed, failed.
    assert_eq!(numbers.len(), 5, "{line}");
    ((numbers[0], numbers[1]), (numbers[3], numbers[4]))
}

#[test]
fn the_built_in_rules_pass_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout) = run(dir.path(), &["test"]);
    assert_eq!(code, Some(0), "{stdout}");
    let ((rego_passed, rego_failed), (fixtures_passed, fixtures_failed)) = summary(&stdout);
    assert!(rego_passed >= 28 && fixtures_passed >= 28, "{stdout}");
    assert_eq!((rego_failed, fixtures_failed), (0, 0), "{stdout}");
    assert!(!stdout.contains("FAIL"), "{stdout}");
}

#[test]
fn a_complete_user_rule_passes() {
    let dir = tempfile::tempdir().unwrap();
    write_rule(&dir.path().join("mine"));
    let (code, stdout) = run(dir.path(), &["test", "--verbose", "mine"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(summary(&stdout), ((2, 0), (2, 0)), "{stdout}");
    assert!(
        stdout.contains("PASS s3-thing: 2 fixture check(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("PASS converge.rules.terraform.s3_thing_test.test_default_is_clean"),
        "{stdout}"
    );
}

#[test]
fn a_fixed_file_that_differs_from_the_fix_fails_with_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    write_rule(&dir.path().join("mine"));
    write(
        &dir.path().join("mine"),
        "tests/fixtures/s3-thing/bad_example.tf.fixed",
        &FIXED.replace("# for now", "# fixed"),
    );
    let (code, stdout) = run(dir.path(), &["test", "mine"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "FAIL s3-thing mine/tests/fixtures/s3-thing/bad_example.tf: the fix differs from bad_example.tf.fixed"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("-  force_destroy = false # fixed")
            && stdout.contains("+  force_destroy = false # for now"),
        "{stdout}"
    );
    assert_eq!(summary(&stdout), ((2, 0), (1, 1)), "{stdout}");

    let out = converge(dir.path(), &["test", "--format", "json", "mine"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["passed"], false);
    assert_eq!(report["fixtures"]["failed"], 1);
    let rule = &report["fixtures"]["rules"][0];
    assert_eq!(rule["rule"], "s3-thing");
    assert_eq!(rule["passed"], false);
    let failed = rule["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["failure"].is_object())
        .unwrap();
    assert!(failed["failure"]["diff"]
        .as_str()
        .unwrap()
        .contains("+  force_destroy = false # for now"));
}

#[test]
fn a_failing_rego_test_fails() {
    let dir = tempfile::tempdir().unwrap();
    write_rule(&dir.path().join("mine"));
    write(
        &dir.path().join("mine"),
        "rules/terraform/s3-thing/s3_thing_test.rego",
        &format!("{REGO_TEST}\ntest_string_true_is_reported if {{\n\tcount(rule.findings) == 1 with input as {{\"resource\": {{\"aws_s3_bucket\": {{\"b\": {{\"force_destroy\": \"yes\"}}}}}}}}\n}}\n"),
    );
    let (code, stdout) = run(dir.path(), &["test", "mine"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("FAIL converge.rules.terraform.s3_thing_test.test_string_true_is_reported (mine/rules/terraform/s3-thing/s3_thing_test.rego): undefined"),
        "{stdout}"
    );
    assert_eq!(summary(&stdout), ((2, 1), (2, 0)), "{stdout}");
}

#[test]
fn missing_and_stray_fixtures_fail() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine");
    write_rule(&mine);
    std::fs::remove_file(mine.join("tests/fixtures/s3-thing/ok_example.tf")).unwrap();
    write(&mine, "tests/fixtures/s3-thnig/bad_typo.tf", BAD);
    let (code, stdout) = run(dir.path(), &["test", "mine"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("FAIL s3-thing mine/tests/fixtures/s3-thing: no ok_* fixture"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "FAIL s3-thnig mine/tests/fixtures/s3-thnig: the fixture folder names no rule"
        ),
        "{stdout}"
    );

    std::fs::remove_dir_all(mine.join("tests")).unwrap();
    let (code, stdout) = run(dir.path(), &["test", "mine"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("FAIL s3-thing mine/tests/fixtures/s3-thing: no bad_* fixture"),
        "{stdout}"
    );
}

#[test]
fn a_folder_with_nothing_to_test_fails_and_a_broken_rule_is_a_load_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let (code, stdout) = run(dir.path(), &["test", "empty"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("nothing to test"), "{stdout}");

    write(
        dir.path(),
        "broken/rules/x.rego",
        "package converge.lib.broken\n\nimport rego.v1\n\nx if {\n",
    );
    let (code, stdout) = run(dir.path(), &["test", "broken"]);
    assert_eq!(code, Some(2), "{stdout}");
    assert!(stdout.contains("broken/rules/x.rego"), "{stdout}");
}

#[test]
fn a_scaffolded_rule_fails_until_it_is_written_then_passes() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout) = run(
        dir.path(),
        &[
            "new",
            "rule",
            "s3-thing",
            "--target",
            "terraform",
            "--dir",
            "D",
        ],
    );
    assert_eq!(code, Some(0), "{stdout}");
    for (relative, _) in FILES {
        let path = format!("D/{relative}");
        assert!(stdout.contains(&format!("created {path}")), "{stdout}");
        assert!(dir.path().join(&path).is_file(), "{path}");
    }
    assert!(stdout.contains("converge test D"), "{stdout}");

    let (code, stdout) = run(dir.path(), &["test", "D"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "FAIL s3-thing D/tests/fixtures/s3-thing/bad_example.tf: no finding of s3-thing"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("FAIL converge.rules.terraform.s3_thing_test.test_bad_example_is_reported"),
        "{stdout}"
    );

    // The author writes the detector, its test, the fix and the fixtures over the scaffold.
    write_rule(&dir.path().join("D"));
    let (code, stdout) = run(dir.path(), &["test", "D"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(summary(&stdout), ((2, 0), (2, 0)), "{stdout}");
    // …and the rule works with --rules.
    write(dir.path(), "infra/main.tf", BAD);
    let (code, stdout) = run(
        dir.path(),
        &["fix", "--rules", "D", "--select", "s3-thing", "infra"],
    );
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("infra/main.tf")).unwrap(),
        FIXED
    );
}

#[test]
fn scaffolding_refuses_existing_files_and_bad_ids() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "D/tests/fixtures/s3-thing/ok_example.tf", OK);
    let (code, stdout) = run(
        dir.path(),
        &[
            "new",
            "rule",
            "s3-thing",
            "--target",
            "terraform",
            "--dir",
            "D",
        ],
    );
    assert_eq!(code, Some(2), "{stdout}");
    assert!(
        stdout.contains("refusing to overwrite") && stdout.contains("ok_example.tf"),
        "{stdout}"
    );
    assert!(!dir.path().join("D/rules").exists(), "wrote files anyway");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("D/tests/fixtures/s3-thing/ok_example.tf"))
            .unwrap(),
        OK
    );

    for id in ["S3_thing", "s3--thing", "k8s-container-privileged"] {
        let (code, stdout) = run(
            dir.path(),
            &["new", "rule", id, "--target", "kubernetes", "--dir", "E"],
        );
        assert_eq!(code, Some(2), "{id}: {stdout}");
        assert!(!dir.path().join("E").exists(), "{id}: wrote files");
    }
}

#[test]
fn a_scaffolded_kubernetes_rule_loads_and_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout) = run(
        dir.path(),
        &["new", "rule", "k8s-thing", "--target", "kubernetes"],
    );
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        dir.path()
            .join("rules/kubernetes/k8s-thing/k8s_thing.rego")
            .is_file()
            && dir
                .path()
                .join("tests/fixtures/k8s-thing/bad_example.yaml.fixed")
                .is_file(),
        "{stdout}"
    );
    let (code, stdout) = run(dir.path(), &["test", "."]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("bad_example.yaml: no finding of k8s-thing"),
        "{stdout}"
    );
    assert_eq!(summary(&stdout), ((0, 1), (1, 1)), "{stdout}");
}

/// Policies written for `conftest test`, unchanged: `package main`, Rego v1 and v0 syntax,
/// `deny`, `warn` and `violation` (with objects), on a Terraform and a Kubernetes file.
#[test]
fn conftest_policies_work_as_written_for_conftest() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "policy/kubernetes.rego",
        "package main\n\nimport rego.v1\n\ndeny contains msg if {\n\tinput.kind == \"Deployment\"\n\tnot input.spec.template.spec.securityContext.runAsNonRoot\n\tmsg := sprintf(\"%s: containers must not run as root\", [input.metadata.name])\n}\n\nwarn contains msg if {\n\tinput.kind == \"Deployment\"\n\tnot input.metadata.labels.team\n\tmsg := \"deployments should have a team label\"\n}\n",
    );
    write(
        dir.path(),
        "policy/terraform_v0.rego",
        "package main\n\ndeny[msg] {\n\tbucket := input.resource.aws_s3_bucket[name]\n\tbucket.acl == \"public-read\"\n\tmsg := sprintf(\"aws_s3_bucket.%s is public\", [name])\n}\n",
    );
    write(
        dir.path(),
        "policy/objects.rego",
        "package main\n\nimport rego.v1\n\nviolation contains {\"msg\": msg, \"details\": {}} if {\n\tsome name, _ in input.resource.aws_s3_bucket\n\tnot input.resource.aws_s3_bucket_versioning\n\tmsg := sprintf(\"aws_s3_bucket.%s has no versioning\", [name])\n}\n",
    );
    let manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n";
    let terraform = "resource \"aws_s3_bucket\" \"site\" {\n  bucket = \"site\"\n  acl    = \"public-read\"\n}\n";
    write(dir.path(), "deploy.yaml", manifest);
    write(dir.path(), "main.tf", terraform);

    let out = converge(
        dir.path(),
        &[
            "scan",
            "--rules",
            "policy",
            "--select",
            "main-",
            "--format",
            "json",
            "deploy.yaml",
            "main.tf",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let field = |x: &serde_json::Value, key: &str| x[key].as_str().unwrap().to_owned();
    let mut found: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (field(x, "path"), field(x, "rule"), field(x, "message")))
        .collect();
    found.sort();
    let expected = [
        (
            "deploy.yaml",
            "main-deny",
            "web: containers must not run as root",
        ),
        (
            "deploy.yaml",
            "main-warn",
            "deployments should have a team label",
        ),
        ("main.tf", "main-deny", "aws_s3_bucket.site is public"),
        (
            "main.tf",
            "main-violation",
            "aws_s3_bucket.site has no versioning",
        ),
    ]
    .map(|(p, r, m)| (p.to_owned(), r.to_owned(), m.to_owned()));
    assert_eq!(found, expected, "{report:#}");

    // Reported, never fixed.
    let (code, stdout) = run(
        dir.path(),
        &[
            "fix",
            "--unsafe-fixes",
            "--rules",
            "policy",
            "--select",
            "main-",
            ".",
        ],
    );
    assert_eq!(code, Some(1), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("deploy.yaml")).unwrap(),
        manifest
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("main.tf")).unwrap(),
        terraform
    );

    // Their fixtures, in a folder named after the finding id, are checked by `converge test`.
    write(
        dir.path(),
        "policy/fixtures/main-deny/bad_deployment.yaml",
        manifest,
    );
    write(
        dir.path(),
        "policy/fixtures/main-deny/ok_deployment.yaml",
        &manifest.replace(
            "    spec:\n",
            "    spec:\n      securityContext:\n        runAsNonRoot: true\n",
        ),
    );
    let (code, stdout) = run(dir.path(), &["test", "policy"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(summary(&stdout), ((0, 0), (2, 0)), "{stdout}");
}
