//! Hostile and odd inputs: every one gets a clear error or notice naming the file (and the
//! line and column when there is one), is left byte for byte as it was, and does not stop the
//! other files from being checked and fixed.

mod common;

use common::{converge, text};

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A KMS key without rotation: one safe fix (`enable_key_rotation = true`).
const KMS: &str = "resource \"aws_kms_key\" \"k\" {\n  description = \"x\"\n}\n";

/// (file name, bytes, expected message: `name:line:col: error: …`, or `name: skipped: …`).
fn hostile_cases() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let deep_hcl = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let deep_yaml = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: d}}\ndata: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    // Nine levels of nine aliases each: 9^9 strings once expanded.
    let mut bomb = String::from(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        let refs = vec![format!("*{prev}"); 9].join(",");
        bomb.push_str(&format!("  {name}: &{name} [{refs}]\n"));
    }
    let mut binary = vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0];
    binary.extend((0..=255u8).cycle().take(2000));
    vec![
        (
            "truncated.tf",
            b"resource \"aws_kms_key\" \"k\" {\n  description = \"x\"\n".to_vec(),
            "truncated.tf:2:21: error: HCL syntax error",
        ),
        (
            "unbalanced.tf",
            b"resource \"a\" \"b\" {\n  x = {\n}\n}}\n".to_vec(),
            "unbalanced.tf:4:2: error: HCL syntax error",
        ),
        (
            "invalid-utf8.tf",
            b"resource \"aws_kms_key\" \"k\" {\n  description = \"\xff\xfe\"\n}\n".to_vec(),
            "invalid-utf8.tf:2:18: error: file is not valid UTF-8",
        ),
        (
            "nul.tf",
            b"resource \"aws_kms_key\" \"k\" {\0}\n".to_vec(),
            "nul.tf:1:29: error: file contains a NUL byte",
        ),
        ("binary.tf", binary, "binary.tf:1:8: error: file contains a NUL byte"),
        (
            "deep.tf",
            deep_hcl.into_bytes(),
            "deep.tf:1:261: error: nesting deeper than 256 levels",
        ),
        (
            "deep.yaml",
            deep_yaml.into_bytes(),
            "deep.yaml:4:263: error: nesting deeper than 256 levels",
        ),
        (
            "bomb.yaml",
            bomb.into_bytes(),
            "bomb.yaml: error: YAML error: repetition limit exceeded",
        ),
        (
            "duplicate-key.yaml",
            b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec:\n  containers: []\n"
                .to_vec(),
            "duplicate-key.yaml:4:3: error: YAML error: metadata: duplicate entry with key \"name\"",
        ),
        (
            "tab-indented.yaml",
            b"apiVersion: v1\nkind: Pod\nmetadata:\n\tname: a\n".to_vec(),
            "tab-indented.yaml:4:1: error: YAML syntax error",
        ),
        (
            "chart.yaml",
            b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n".to_vec(),
            "chart.yaml: skipped: looks like a Helm template",
        ),
        (
            "main.tf.json",
            b"{\"resource\": {\"aws_kms_key\": {\"k\": {}}}}\n".to_vec(),
            "main.tf.json: skipped: Terraform JSON syntax is not checked",
        ),
    ]
}

/// Inputs that are fine to leave alone without a word: no error, no finding, no change.
fn quiet_cases() -> Vec<(&'static str, &'static [u8])> {
    vec![
        ("empty.tf", b""),
        ("empty.yaml", b""),
        ("comments.yaml", b"# only a comment\n---\n# and another\n"),
        (
            "crd.yaml",
            b"apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n",
        ),
        (
            "widget.yaml",
            b"apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  containers: whatever\n",
        ),
        (
            ".github/workflows/ci.yml",
            b"on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
        ),
        (
            "kustomization.yaml",
            b"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\npatches:\n  - path: patch.yaml\n",
        ),
    ]
}

fn build_tree(root: &Path) {
    for (name, bytes, _) in hostile_cases() {
        std::fs::write(root.join(name), bytes).unwrap();
    }
    for (name, bytes) in quiet_cases() {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    // A 200 MB file, sparse: the size limit skips it before anything reads it.
    let big = std::fs::File::create(root.join("generated.tf")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    // Good files with the odd encodings that must survive a fix.
    std::fs::write(
        root.join("crlf.tf"),
        "resource \"aws_kms_key\" \"k\" {\r\n  description = \"x\"\n}\r\n",
    )
    .unwrap();
    std::fs::write(
        root.join("bom.tf"),
        format!("\u{feff}{}", KMS.trim_end_matches('\n')),
    )
    .unwrap();
    std::fs::write(root.join("good.tf"), KMS).unwrap();
    // Links: out of the tree, in a loop, and to a file of the tree.
    std::fs::create_dir(root.join("links")).unwrap();
    std::os::unix::fs::symlink("/etc", root.join("links/outside")).unwrap();
    std::os::unix::fs::symlink("loop.tf", root.join("links/loop.tf")).unwrap();
    std::os::unix::fs::symlink("../good.tf", root.join("links/good.tf")).unwrap();
}

/// Every regular file below `root` with its bytes, the 200 MB one by size only.
fn contents(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                let bytes = if entry.metadata().unwrap().len() > 1 << 20 {
                    entry.metadata().unwrap().len().to_string().into_bytes()
                } else {
                    std::fs::read(entry.path()).unwrap()
                };
                out.push((entry.path(), bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn hostile_inputs_are_reported_untouched_and_the_rest_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    build_tree(dir.path());
    let before = contents(dir.path());

    let out = converge(dir.path(), &["fix", "."]);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (_, _, expected) in hostile_cases() {
        assert!(
            stdout.contains(&format!("./{expected}")),
            "missing `{expected}` in:\n{stdout}"
        );
    }
    for expected in [
        "./generated.tf: skipped: larger than 10485760 bytes",
        "./links/outside: skipped: symbolic link; not followed",
        "./links/loop.tf: skipped: symbolic link; not followed",
        "./links/good.tf: skipped: symbolic link; not followed",
    ] {
        assert!(
            stdout.contains(expected),
            "missing `{expected}` in:\n{stdout}"
        );
    }
    for (name, _) in quiet_cases() {
        assert!(!stdout.contains(name), "{name} was mentioned:\n{stdout}");
    }

    // Only the three good files changed, each keeping its line endings, BOM and (missing)
    // final newline.
    let after = contents(dir.path());
    let changed: Vec<&Path> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, _)| b.0.strip_prefix(dir.path()).unwrap())
        .collect();
    assert_eq!(
        changed,
        [
            Path::new("bom.tf"),
            Path::new("crlf.tf"),
            Path::new("good.tf")
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("crlf.tf")).unwrap(),
        "resource \"aws_kms_key\" \"k\" {\r\n  description         = \"x\"\r\n  enable_key_rotation = true\r\n}\r\n"
    );
    let bom = std::fs::read(dir.path().join("bom.tf")).unwrap();
    assert!(bom.starts_with("\u{feff}".as_bytes()) && bom.ends_with(b"}"));
    assert!(std::fs::symlink_metadata(dir.path().join("links/good.tf"))
        .unwrap()
        .file_type()
        .is_symlink());
    // A second run finds only what it cannot fix, and changes nothing.
    let again = converge(dir.path(), &["fix", "."]);
    assert_eq!(contents(dir.path()), after, "{}", text(&again.stdout));
}

#[test]
fn the_size_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), KMS).unwrap();
    let out = converge(dir.path(), &["scan", "--max-file-size", "20", "."]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("./main.tf: skipped: larger than 20 bytes"),
        "{stdout}"
    );
    let out = converge(dir.path(), &["scan", "--max-file-size", "1K", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let out = converge(dir.path(), &["scan", "--max-file-size", "lots", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`lots` is not a size"));
}

#[test]
fn a_rule_that_runs_too_long_is_stopped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let rule = dir.path().join("mine/kubernetes/k8s-slow-rule");
    std::fs::create_dir_all(&rule).unwrap();
    std::fs::write(
        rule.join("k8s_slow_rule.rego"),
        "# METADATA\n# title: Never ends\n# custom:\n#   id: k8s-slow-rule\n#   target: kubernetes\npackage converge.rules.kubernetes.k8s_slow_rule\n\nimport rego.v1\n\nfindings contains f if {\n\tsome i in numbers.range(1, 100000)\n\tsome j in numbers.range(1, 100000)\n\ti == j + 1000000\n\tf := {\"msg\": \"never\", \"route\": []}\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: a:1\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let out = converge(
        dir.path(),
        &["scan", "--rules", "mine", "--rule-timeout", "1", "pod.yaml"],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains("k8s-slow-rule") && stdout.contains("pod.yaml"),
        "{stdout}"
    );
    // The other rules still report.
    assert!(
        stdout.contains("k8s-container-privilege-escalation-allowed"),
        "{stdout}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_file_changed_on_disk_after_it_was_read_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("main.tf");
    std::fs::write(&path, KMS).unwrap();
    let engine = converge::engine::Engine::load(&[], &Default::default()).unwrap();
    let mut report = engine.run(
        std::slice::from_ref(&path),
        converge::engine::Mode::Fix {
            unsafe_fixes: false,
        },
        Some(1),
    );
    assert!(report.files[0].fixed.is_some());
    // Someone edits the file between the read and the write.
    let edited = format!("{KMS}# edited meanwhile\n");
    std::fs::write(&path, &edited).unwrap();
    converge::write::apply_all(&mut report);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert!(
        report.errors[0]
            .to_string()
            .contains("changed on disk while converge ran; not overwritten"),
        "{:?}",
        report.errors
    );
}

#[test]
fn an_unreadable_file_is_an_error_and_the_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.tf");
    std::fs::write(&secret, KMS).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        // Running as root: permissions do not stop reads, so there is nothing to test.
        return;
    }
    std::fs::write(dir.path().join("good.tf"), KMS).unwrap();
    let out = converge(dir.path(), &["scan", "."]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains("./secret.tf: error: cannot read"),
        "{stdout}"
    );
    assert!(stdout.contains("./good.tf:1:1: aws-kms-key-rotation-disabled"));
}

const KMS_FIXED: &str =
    "resource \"aws_kms_key\" \"k\" {\n  description         = \"x\"\n  enable_key_rotation = true\n}\n";

/// `count` directories of one fixable file each.
fn many_files(root: &Path, count: usize) -> Vec<PathBuf> {
    (0..count)
        .map(|i| {
            let sub = root.join(format!("m{i:05}"));
            std::fs::create_dir(&sub).unwrap();
            let path = sub.join("main.tf");
            std::fs::write(&path, KMS).unwrap();
            path
        })
        .collect()
}

/// Starts `converge fix` on `root`, waits until it has written some files, sends `signal`.
fn interrupt_fix(root: &Path, files: &[PathBuf], signal: &str) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_converge"))
        .args(["fix", "--threads", "1", "."])
        .current_dir(root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !files
        .iter()
        .step_by(50)
        .any(|f| std::fs::read_to_string(f).is_ok_and(|t| t == KMS_FIXED))
    {
        assert!(std::time::Instant::now() < deadline, "no file was fixed");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    child.wait_with_output().unwrap()
}

/// Every file is the original or the fixed version, never anything in between.
fn old_or_new(files: &[PathBuf]) -> (usize, usize) {
    let mut fixed = 0;
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            text == KMS || text == KMS_FIXED,
            "{}: {text:?}",
            f.display()
        );
        fixed += usize::from(text == KMS_FIXED);
    }
    (fixed, files.len() - fixed)
}

fn temporaries(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).unwrap() {
        for file in std::fs::read_dir(entry.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(".converge-")
            {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn sigterm_during_a_fix_finishes_the_files_under_way_and_stops() {
    let dir = tempfile::tempdir().unwrap();
    let files = many_files(dir.path(), 3000);
    let out = interrupt_fix(dir.path(), &files, "-TERM");
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("interrupted"));
    let (fixed, left) = old_or_new(&files);
    assert!(fixed > 0 && left > 0, "fixed {fixed}, left {left}");
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn sigkill_during_a_fix_leaves_no_partial_file_and_the_next_run_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let files = many_files(dir.path(), 3000);
    let out = interrupt_fix(dir.path(), &files, "-KILL");
    assert_eq!(out.status.code(), None);
    old_or_new(&files);
    // A temporary file may be left beside the file being replaced at the instant of the kill;
    // the next fix removes it and finishes the work.
    let stale = dir.path().join("m00007/.converge-Ab12Cd.tmp");
    std::fs::write(&stale, "resource \"aws_kms").unwrap();
    let again = converge(dir.path(), &["fix", "."]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(text(&again.stderr).contains(
        "m00007/.converge-Ab12Cd.tmp: removed a temporary file left by an interrupted run"
    ));
    assert_eq!(old_or_new(&files), (files.len(), 0));
    assert!(temporaries(dir.path()).is_empty());
}
