//! The report formats for other tools: SARIF 2.1.0, checked against the OASIS schema and
//! against what `fix` writes, and the Markdown summary, snapshotted and bounded in size.

mod common;

use common::{converge, copy_tree, text};

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

/// A copy of every rule's fixtures, plus a file that does not parse and a Helm template, so
/// that the log has results of every rule and notifications of both kinds.
fn fixtures_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&manifest.join("tests/fixtures"), dir.path());
    let extra = dir.path().join("zz-extra");
    std::fs::create_dir_all(&extra).unwrap();
    std::fs::write(
        extra.join("broken.tf"),
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n",
    )
    .unwrap();
    std::fs::write(
        extra.join("chart.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
    )
    .unwrap();
    dir
}

/// The SARIF 2.1.0 schema. Its two `language` patterns carry a stray `]` that a strict
/// ECMA-262 check of the schema itself rejects; they are read as the pattern they mean
/// (converge writes no `language`).
fn sarif_schema() -> Value {
    const TYPO: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    let text = include_str!("data/sarif-schema-2.1.0.json");
    assert_eq!(
        text.matches(TYPO).count(),
        2,
        "the schema changed: see tests/data/README.md"
    );
    serde_json::from_str(&text.replace(TYPO, "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$")).unwrap()
}

/// Validates `log` against the SARIF 2.1.0 schema, with formats (`uri`, …) checked.
fn assert_valid_sarif(log: &Value) {
    let schema = sarif_schema();
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
}

fn run_of(log: &Value) -> &Value {
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    &runs[0]
}

#[test]
fn the_schema_rejects_what_sarif_forbids() {
    let schema = sarif_schema();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let mut log = json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
        "results": [{"message": {"text": "m"}, "level": "warning"}]}]});
    assert!(validator.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!validator.is_valid(&log));
}

#[test]
fn sarif_scan_is_valid_and_says_what_the_json_report_says() {
    let dir = fixtures_copy();
    let sarif = converge(dir.path(), &["scan", "--format", "sarif", "--threads", "2"]);
    assert_eq!(sarif.status.code(), Some(2), "a file does not parse");
    let log = json_of(&sarif);
    assert_valid_sarif(&log);
    let again = converge(dir.path(), &["scan", "--format", "sarif", "--threads", "1"]);
    assert!(
        sarif.stdout == again.stdout,
        "the log depends on the thread count"
    );

    let report = json_of(&converge(dir.path(), &["scan", "--format", "json"]));
    let findings = report["findings"].as_array().unwrap();
    let run = run_of(&log);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    assert!(findings.len() > 100);
    let descriptors = run["tool"]["driver"]["rules"].as_array().unwrap();
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["ruleId"], finding["rule"]);
        assert_eq!(result["message"]["text"], finding["message"]);
        let level = match finding["severity"].as_str().unwrap() {
            "critical" | "high" => "error",
            "medium" => "warning",
            _ => "note",
        };
        assert_eq!(result["level"], level, "{result}");
        let location = &result["locations"][0]["physicalLocation"];
        let path = finding["path"].as_str().unwrap();
        assert_eq!(
            location["artifactLocation"]["uri"],
            path.strip_prefix("./").unwrap_or(path)
        );
        assert_eq!(location["region"]["startLine"], finding["start"]["line"]);
        assert_eq!(
            location["region"]["startColumn"],
            finding["start"]["column"]
        );
        assert_eq!(location["region"]["endLine"], finding["end"]["line"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(descriptors[index]["id"], finding["rule"]);
        assert!(result.get("fixes").is_none(), "a scan plans no edit");
    }

    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    for rule in descriptors {
        let id = rule["id"].as_str().unwrap();
        let page = format!("/blob/main/docs/rules/{id}.md");
        assert!(rule["helpUri"].as_str().unwrap().ends_with(&page));
        assert!(
            manifest.join(format!("docs/rules/{id}.md")).exists(),
            "{id}"
        );
        assert!(!rule["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .is_empty());
        assert!(rule["properties"]["checkov"].is_array());
        assert!(["safe", "unsafe", "display-only", "none"]
            .contains(&rule["properties"]["applicability"].as_str().unwrap()));
    }

    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    let uri_of =
        |n: &Value| n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].clone();
    assert!(notifications
        .iter()
        .any(|n| n["level"] == "error" && uri_of(n) == "zz-extra/broken.tf"));
    assert!(notifications
        .iter()
        .any(|n| n["level"] == "note" && uri_of(n) == "zz-extra/chart.yaml"));
}

/// 1-based line and column (in characters, a BOM not counted) of byte `at` of `bytes`.
fn line_column(bytes: &[u8], at: usize) -> (u64, u64) {
    let before = &bytes[..at];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let text = std::str::from_utf8(&before[line_start..]).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    (line as u64, text.chars().count() as u64 + 1)
}

#[test]
fn sarif_fixes_of_a_dry_run_rebuild_what_fix_writes() {
    let planned = fixtures_copy();
    let written = fixtures_copy();
    let args = ["fix", "--unsafe-fixes", "--format", "sarif"];
    let log = json_of(&converge(
        planned.path(),
        &[&args[..], &["--dry-run"]].concat(),
    ));
    assert_valid_sarif(&log);
    converge(written.path(), &args);

    let mut fixed_files = 0;
    for result in run_of(&log)["results"].as_array().unwrap() {
        let Some(fixes) = result.get("fixes") else {
            continue;
        };
        assert_eq!(result["properties"]["status"], "fixed");
        for change in fixes[0]["artifactChanges"].as_array().unwrap() {
            let uri = change["artifactLocation"]["uri"].as_str().unwrap();
            let mut bytes = std::fs::read(planned.path().join(uri)).unwrap();
            let original = bytes.clone();
            let replacements = change["replacements"].as_array().unwrap();
            for replacement in replacements.iter().rev() {
                let region = &replacement["deletedRegion"];
                let at = region["byteOffset"].as_u64().unwrap() as usize;
                let len = region["byteLength"].as_u64().unwrap() as usize;
                let (line, column) = line_column(&original, at);
                assert_eq!(
                    (region["startLine"].as_u64(), region["startColumn"].as_u64()),
                    (Some(line), Some(column))
                );
                let (line, column) = line_column(&original, at + len);
                assert_eq!(
                    (region["endLine"].as_u64(), region["endColumn"].as_u64()),
                    (Some(line), Some(column))
                );
                let text = replacement["insertedContent"]["text"].as_str().unwrap();
                bytes.splice(at..at + len, text.bytes());
            }
            let expected = std::fs::read(written.path().join(uri)).unwrap();
            assert!(
                bytes == expected,
                "{uri}: the replacements do not give the fixed file"
            );
            fixed_files += 1;
        }
    }
    assert!(fixed_files > 50, "{fixed_files} files fixed");
}

fn quickstart(args: &[&str]) -> String {
    let rules = "aws-kms-key-rotation-disabled,aws-rds-instance-publicly-accessible,\
                 aws-s3-bucket-access-logging-missing,k8s-container-privilege-escalation-allowed,\
                 k8s-container-cpu-limits-missing,k8s-webhook-failure-policy-ignore";
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = converge(
        manifest,
        &[
            args,
            &[
                "--format",
                "markdown",
                "--select",
                rules,
                "examples/quickstart",
            ],
        ]
        .concat(),
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn markdown_scan() {
    insta::assert_snapshot!("markdown_scan", quickstart(&["scan"]));
}

#[test]
fn markdown_dry_run() {
    insta::assert_snapshot!("markdown_dry_run", quickstart(&["fix", "--dry-run"]));
}

#[test]
fn markdown_stays_bounded_and_counts_everything() {
    let dir = tempfile::tempdir().unwrap();
    let mut tf = String::new();
    for i in 0..400 {
        tf.push_str(&format!(
            "resource \"aws_kms_key\" \"k{i}\" {{\n  description = \"key | {i} <b>\"\n}}\n\n"
        ));
    }
    std::fs::write(dir.path().join("main.tf"), tf).unwrap();
    let md =
        String::from_utf8(converge(dir.path(), &["scan", "--format", "markdown"]).stdout).unwrap();
    let report = json_of(&converge(dir.path(), &["scan", "--format", "json"]));
    let findings = report["summary"]["findings"].as_u64().unwrap();
    assert!(findings >= 400);
    assert!(
        md.chars().count() < 60_000,
        "{} characters",
        md.chars().count()
    );
    assert!(md.contains(&format!("| **total** | {findings} |")), "{md}");
    let rows = md.lines().filter(|l| l.starts_with("| `")).count() as u64;
    let more: u64 = md
        .lines()
        .filter_map(|l| {
            l.strip_prefix("…and ")?
                .strip_suffix(" more.")?
                .parse::<u64>()
                .ok()
        })
        .sum();
    assert!(more > 0);
    assert_eq!(
        rows + more,
        findings,
        "every finding is a row or counted as one more"
    );
}

#[test]
fn sarif_suppressions_are_valid_and_say_who_accepted_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    let volume = |name: &str| {
        format!("resource \"aws_ebs_volume\" \"{name}\" {{\n  availability_zone = \"eu-west-1a\"\n  size = 1\n}}\n")
    };
    std::fs::create_dir_all(dir.path().join("legacy")).unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        format!(
            "# converge:ignore aws-ebs-volume-unencrypted scratch disk\n{}",
            volume("a")
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join("legacy/main.tf"), volume("b")).unwrap();
    std::fs::write(
        dir.path().join(".converge.yaml"),
        "exemptions:\n  - rule: aws-ebs-volume-unencrypted\n    paths: [legacy]\n    reason: migrating\n    owner: platform-team\n    expires: 2099-01-31\n  - rule: aws-ebs-volume-unencrypted\n    paths: [x]\n    owner: o\n    expires: 2099-01-31\n",
    )
    .unwrap();
    let out = converge(
        dir.path(),
        &[
            "scan",
            "--format",
            "sarif",
            "--select",
            "aws-ebs-volume-unencrypted",
        ],
    );
    let log = json_of(&out);
    assert_valid_sarif(&log);
    let run = run_of(&log);
    let suppressions: Vec<(&str, &str, Value)> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = &r["suppressions"][0];
            (
                s["kind"].as_str().unwrap(),
                s["justification"].as_str().unwrap(),
                s["properties"]["owner"].clone(),
            )
        })
        .collect();
    assert_eq!(
        suppressions,
        [
            ("external", "migrating", json!("platform-team")),
            ("inSource", "scratch disk", Value::Null),
        ]
    );
    let invocation = &run["invocations"][0];
    assert_eq!(
        invocation["properties"]["exemptions"][0]["owner"],
        "platform-team"
    );
    assert_eq!(invocation["properties"]["exemptions"][0]["findings"], 1);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n["level"] == "warning"
            && n["message"]["text"]
                .as_str()
                .unwrap()
                .contains("`reason` is required")),
        "{notes:?}"
    );
}

#[test]
fn ci_writes_a_valid_sarif_log_with_its_fixes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"aws_kms_key\" \"k\" {\n  description = \"k\"\n}\n",
    )
    .unwrap();
    let out = converge(
        dir.path(),
        &[
            "ci",
            "--sarif",
            "out/converge.sarif",
            "--select",
            "aws-kms-key-rotation-disabled",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "no such directory: {}",
        text(&out.stderr)
    );
    assert!(
        !text(&std::fs::read(dir.path().join("main.tf")).unwrap()).contains("enable_key_rotation"),
        "nothing is fixed when the log cannot be written"
    );
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let out = converge(
        dir.path(),
        &[
            "ci",
            "--sarif",
            "out/converge.sarif",
            "--select",
            "aws-kms-key-rotation-disabled",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "fixes pending: {}",
        text(&out.stderr)
    );
    let log: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/converge.sarif")).unwrap())
            .unwrap();
    assert_valid_sarif(&log);
    let run = run_of(&log);
    assert_eq!(run["invocations"][0]["properties"]["command"], "ci");
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "aws-kms-key-rotation-disabled");
    assert_eq!(result["properties"]["status"], "fixed");
    let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert!(
        replacement["insertedContent"]["text"]
            .as_str()
            .unwrap()
            .contains("enable_key_rotation = true"),
        "{replacement}"
    );
}
