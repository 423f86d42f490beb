//! Suppressions and exemptions as users see them: inline `converge:ignore` comments in HCL
//! (`#`, `//`) and YAML, checkov's skip comments and annotations, and exemptions in
//! `.converge.yaml` (valid, incomplete, expired, out of scope). A suppressed finding is listed,
//! counted apart, never fixed and never fails the run.

mod common;

use common::{converge, text};
use serde_json::Value;

/// Two rules with (unsafe) fixes, so that `fix --unsafe-fixes` would change the files if the
/// findings were not suppressed.
const PRIVILEGED: &str = "k8s-container-privileged";
const EBS: &str = "aws-ebs-volume-unencrypted";
const BOTH: &str = "--select=k8s-container-privileged,aws-ebs-volume-unencrypted";

fn write(dir: &std::path::Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn json(dir: &std::path::Path, args: &[&str]) -> (Value, i32) {
    let out = converge(dir, args);
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", text(&out.stdout), text(&out.stderr)));
    (value, out.status.code().unwrap())
}

/// `(path, line, status, suppression kind)` of each finding of `rule`.
fn statuses(report: &Value, rule: &str) -> Vec<(String, u64, String, Option<String>)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["path"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("./")
                    .to_owned(),
                f["start"]["line"].as_u64().unwrap(),
                f["status"].as_str().unwrap().to_owned(),
                f["suppression"]["kind"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: NAME\nspec:\n  containers:\n    - name: app\n      image: example/app:1\n      securityContext:\n        privileged: true\n";

fn volumes(comment_data: &str, comment_logs: &str) -> String {
    format!(
        "{comment_data}resource \"aws_ebs_volume\" \"data\" {{\n  availability_zone = \"eu-west-1a\"\n  size              = 100\n  encrypted         = false\n}}\n\nresource \"aws_ebs_volume\" \"logs\" {{\n{comment_logs}  availability_zone = \"eu-west-1a\"\n  size              = 20\n}}\n"
    )
}

#[test]
fn inline_comments_and_checkov_skips_suppress_and_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "hash.tf",
        &volumes(
            "# converge:ignore aws-ebs-volume-unencrypted restored from an unencrypted snapshot\n",
            "  #checkov:skip=CKV_AWS_3:scratch data only\n",
        ),
    );
    write(
        root,
        "slash.tf",
        &volumes(
            "// converge:ignore aws-ebs-volume-unencrypted -- see OPS-12\n",
            "",
        ),
    );
    // YAML: a comment above the container covers it; a document comment covers the document;
    // checkov's annotation covers the manifest; the last pod is not suppressed.
    let above = POD.replace("NAME", "above").replace(
        "    - name: app\n",
        "    # converge:ignore k8s-container-privileged the device plugin needs it\n    - name: app\n",
    );
    let document = format!(
        "# converge:ignore k8s-container-privileged node agent\n{}",
        POD.replace("NAME", "document")
    );
    let annotated = POD.replace(
        "  name: NAME\n",
        "  name: annotated\n  annotations:\n    checkov.io/skip1: CKV_K8S_16=runs the CNI\n",
    );
    let plain = POD.replace("NAME", "plain");
    write(
        root,
        "pods.yaml",
        &[above, document, annotated, plain].join("---\n"),
    );
    let before: Vec<(String, Vec<u8>)> = ["hash.tf", "slash.tf", "pods.yaml"]
        .iter()
        .map(|n| (n.to_string(), std::fs::read(root.join(n)).unwrap()))
        .collect();

    let (report, code) = json(root, &["scan", "--format", "json", "--no-config"]);
    assert_eq!(code, 1, "the unsuppressed findings remain");
    let ebs = statuses(&report, EBS);
    assert_eq!(
        ebs,
        [
            (
                "hash.tf".into(),
                5,
                "suppressed".into(),
                Some("inline".into())
            ),
            (
                "hash.tf".into(),
                8,
                "suppressed".into(),
                Some("checkov".into())
            ),
            (
                "slash.tf".into(),
                5,
                "suppressed".into(),
                Some("inline".into())
            ),
            ("slash.tf".into(), 8, "unsafe-fixable".into(), None),
        ]
    );
    let pods: Vec<(u64, String, Option<String>)> = statuses(&report, PRIVILEGED)
        .into_iter()
        .map(|(_, line, status, kind)| (line, status, kind))
        .collect();
    assert_eq!(
        pods,
        [
            (11, "suppressed".into(), Some("inline".into())),
            (23, "suppressed".into(), Some("inline".into())),
            (36, "suppressed".into(), Some("checkov".into())),
            (47, "unsafe-fixable".into(), None),
        ]
    );
    let reasons: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["suppression"]["reason"].as_str())
        .collect();
    for reason in [
        "restored from an unencrypted snapshot",
        "scratch data only",
        "see OPS-12",
        "the device plugin needs it",
        "node agent",
        "runs the CNI",
    ] {
        assert!(reasons.contains(&reason), "{reason}: {reasons:?}");
    }
    assert_eq!(report["summary"]["suppressed"], 6);
    assert_eq!(
        report["summary"]["findings"],
        report["findings"].as_array().unwrap().len() as u64 - 6
    );

    // Text lists every suppressed finding with who accepted it, and counts them.
    let out = converge(root, &["scan", "--no-config", BOTH]);
    let shown = text(&out.stdout);
    assert!(
        shown.contains("= suppressed: checkov at pods.yaml:30: runs the CNI")
            || shown.contains("= suppressed: checkov at ./pods.yaml:30: runs the CNI"),
        "{shown}"
    );
    assert!(shown.contains("6 suppressed"), "{shown}");

    // `fix` leaves suppressed findings alone and fixes the others.
    let out = converge(root, &["fix", "--unsafe-fixes", "--no-config", BOTH]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let hash = std::fs::read(root.join("hash.tf")).unwrap();
    assert_eq!(hash, before[0].1, "every finding of hash.tf is suppressed");
    let slash = text(&std::fs::read(root.join("slash.tf")).unwrap());
    assert!(slash.contains("encrypted         = false"), "{slash}");
    assert!(
        slash.contains("size              = 20\n  encrypted         = true\n"),
        "{slash}"
    );
    let pods = text(&std::fs::read(root.join("pods.yaml")).unwrap());
    assert_eq!(pods.matches("privileged: true").count(), 3, "{pods}");
    assert_eq!(pods.matches("privileged: false").count(), 1, "{pods}");
    // And a second run has nothing left to do.
    let (report, code) = json(root, &["scan", "--format", "json", "--no-config", BOTH]);
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["findings"], 0);
    assert_eq!(report["summary"]["suppressed"], 6);
}

#[test]
fn suppressions_without_a_reason_or_a_known_rule_warn() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        &volumes(
            "# converge:ignore aws-ebs-volume-unencrypted\n",
            "  # converge:ignore aws-ebs-volume-unencryptd typo in the id\n",
        ),
    );
    let (report, code) = json(dir.path(), &["scan", "--format", "json", "--no-config"]);
    assert_eq!(code, 1, "the misspelled suppression covers nothing");
    let warnings: Vec<(u64, &str)> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["line"].as_u64().unwrap(), w["message"].as_str().unwrap()))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(warnings[0].0, 1);
    assert!(warnings[0].1.contains("gives no reason"), "{warnings:?}");
    assert_eq!(warnings[1].0, 9);
    assert!(
        warnings[1]
            .1
            .contains("`aws-ebs-volume-unencryptd`, which is not a rule"),
        "{warnings:?}"
    );
    // Without a reason it still suppresses (and says so).
    assert_eq!(
        statuses(&report, EBS)
            .iter()
            .map(|s| s.2.as_str())
            .collect::<Vec<_>>(),
        ["suppressed", "unsafe-fixable"]
    );
    let out = converge(dir.path(), &["scan", "--no-config"]);
    let shown = text(&out.stdout);
    assert!(
        shown.contains(
            "main.tf:1:3: warning: the suppression of aws-ebs-volume-unencrypted gives no reason"
        ),
        "{shown}"
    );
    assert!(shown.contains("no reason given"), "{shown}");
}

const CONFIG: &str = "exemptions:
  - rule: aws-ebs-volume-unencrypted
    paths: [legacy]
    resources: [aws_ebs_volume.data]
    reason: the legacy account is migrated in Q1
    owner: platform-team
    expires: 2099-03-31
  - rule: k8s-container-privileged
    paths: ['k8s/*.yaml']
    resources: [Pod/agent]
    owner: node-team
    expires: 2099-03-31
  - rule: k8s-
    paths: [k8s]
    reason: superseded
    owner: node-team
    expires: 2020-01-31
  - rule: aws-ebs-volume-unencrypted
    paths: [envs/prod]
    reason: bad date
    owner: platform-team
    expires: 31.03.2099
";

#[test]
fn exemptions_apply_while_valid_and_are_shown_with_their_owner() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".converge.yaml", CONFIG);
    write(root, "legacy/main.tf", &volumes("", ""));
    write(root, "envs/prod/main.tf", &volumes("", ""));
    write(
        root,
        "k8s/pods.yaml",
        &[POD.replace("NAME", "agent"), POD.replace("NAME", "web")].join("---\n"),
    );
    let (report, code) = json(root, &["scan", "--format", "json"]);
    assert_eq!(code, 1);
    // Valid, in scope: exempted. Out of its resources or paths: reported.
    assert_eq!(
        statuses(&report, EBS),
        [
            ("envs/prod/main.tf".into(), 4, "unsafe-fixable".into(), None),
            ("envs/prod/main.tf".into(), 7, "unsafe-fixable".into(), None),
            (
                "legacy/main.tf".into(),
                4,
                "suppressed".into(),
                Some("exemption".into())
            ),
            ("legacy/main.tf".into(), 7, "unsafe-fixable".into(), None),
        ]
    );
    // The exemption without a reason and the expired one are ignored: both pods are reported.
    assert_eq!(
        statuses(&report, PRIVILEGED)
            .iter()
            .map(|s| s.2.as_str())
            .collect::<Vec<_>>(),
        ["unsafe-fixable", "unsafe-fixable"]
    );
    let suppression = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "suppressed")
        .unwrap()["suppression"]
        .clone();
    assert_eq!(suppression["owner"], "platform-team");
    assert_eq!(suppression["expires"], "2099-03-31");
    assert_eq!(suppression["source"], ".converge.yaml:2");
    let exemptions = report["exemptions"].as_array().unwrap();
    assert_eq!(exemptions.len(), 1);
    assert_eq!(exemptions[0]["findings"], 1);
    let warnings: Vec<String> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            format!(
                "{}:{}: {}",
                w["path"].as_str().unwrap(),
                w["line"],
                w["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [
            ".converge.yaml:8: exemption 2 (k8s-container-privileged) is ignored: `reason` is required",
            ".converge.yaml:13: exemption 3 (k8s-) is ignored: it expired on 2020-01-31; its findings are reported again (renew it or fix them)",
            ".converge.yaml:18: exemption 4 (aws-ebs-volume-unencrypted) is ignored: `expires: 31.03.2099` is not a date (YYYY-MM-DD)",
        ]
    );

    // Text and Markdown show the exemptions in effect and the warnings.
    let shown = text(&converge(root, &["scan"]).stdout);
    assert!(shown.contains("exemptions in effect:\n  .converge.yaml:2: aws-ebs-volume-unencrypted in legacy (aws_ebs_volume.data), owner platform-team, expires 2099-03-31: the legacy account is migrated in Q1 (1 finding)"), "{shown}");
    assert!(
        shown.contains(".converge.yaml:8:5: warning: exemption 2"),
        "{shown}"
    );
    let md = text(&converge(root, &["scan", "--format", "markdown"]).stdout);
    assert!(md.contains("### Exemptions in effect (1)"), "{md}");
    assert!(md.contains("| platform-team | 2099-03-31 |"), "{md}");
    assert!(md.contains("### Suppressed (1)"), "{md}");
    assert!(md.contains("### Warnings (3)"), "{md}");

    // `--no-config` reads no file: nothing is exempted.
    let (report, _) = json(root, &["scan", "--format", "json", "--no-config"]);
    assert_eq!(report["summary"]["suppressed"], 0);
}

#[test]
fn a_broken_configuration_stops_the_run_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", &volumes("", ""));
    write(
        dir.path(),
        ".converge.yaml",
        "exemptions:\n  - rule: aws-ebs-volume-unencrypted\n    path: [a]\n",
    );
    let out = converge(dir.path(), &["scan"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains(".converge.yaml:3:5: exemptions[0]: unknown field `path`, expected one of"),
        "{err}"
    );
    write(
        dir.path(),
        ".converge.yaml",
        "select: [aws-]\nunsafe_fixes: maybe\n",
    );
    let err = text(&converge(dir.path(), &["scan"]).stderr);
    assert!(err.contains(".converge.yaml:2:"), "{err}");
    // `--config` names another file; settings apply (here: `ignore`).
    write(
        dir.path(),
        "other.yaml",
        "ignore: [aws-ebs-volume-unencrypted]\n",
    );
    let out = converge(dir.path(), &["scan", "--config", "other.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}
