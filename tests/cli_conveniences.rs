//! The command line's conveniences: the version line, rule list filters, shell completions and
//! the man page.

use std::process::{Command, Output};

use serde_json::Value;

fn converge(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_converge"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(converge(args).stdout).unwrap()
}

fn rules_json(args: &[&str]) -> Vec<Value> {
    let out = converge(&[&["rules", "--format", "json"], args].concat());
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    list["rules"].as_array().unwrap().clone()
}

#[test]
fn version_names_the_crate_and_the_rule_set() {
    let all = rules_json(&[]).len();
    let line = stdout(&["--version"]);
    let expected = format!(
        "converge {} ({all} rules, rule set ",
        env!("CARGO_PKG_VERSION")
    );
    assert!(line.starts_with(&expected), "{line}");
    let hash = line
        .trim_end()
        .trim_end_matches(')')
        .rsplit(' ')
        .next()
        .unwrap();
    assert_eq!(hash.len(), 12);
    assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        stdout(&["-V"]),
        line,
        "the same line, and the same hash, every time"
    );
}

#[test]
fn rules_filter_by_target_and_fix() {
    let all = rules_json(&[]);
    let kubernetes = rules_json(&["--target", "kubernetes"]);
    let terraform = rules_json(&["--target", "terraform"]);
    assert_eq!(kubernetes.len() + terraform.len(), all.len());
    assert!(kubernetes.iter().all(|r| r["target"] == "kubernetes"));
    let fixable = rules_json(&["--fixable", "--target", "terraform"]);
    assert!(!fixable.is_empty() && fixable.len() < terraform.len());
    assert!(fixable
        .iter()
        .all(|r| (r["fix"] == "safe" || r["fix"] == "unsafe") && r["target"] == "terraform"));
    let text = stdout(&["rules", "--fixable", "--target", "terraform"]);
    assert_eq!(text.lines().count(), fixable.len());
    for (line, rule) in text.lines().zip(&fixable) {
        assert!(line.starts_with(rule["id"].as_str().unwrap()), "{line}");
    }
}

#[test]
fn completions_and_man_page_cover_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&["completions", shell]);
        assert!(
            script.contains("converge") && script.contains("unsafe-fixes"),
            "{shell}"
        );
    }
    let man = stdout(&["man"]);
    assert!(
        man.starts_with(".ie") && man.contains(".TH converge 1"),
        "{man}"
    );
    for subcommand in ["scan", "fix", "rules", "completions", "man"] {
        assert!(man.contains(subcommand), "{subcommand}");
    }
}

#[test]
fn a_closed_pipe_stops_the_run_quietly() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_converge"))
        .args(["scan", "examples/quickstart"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before converge writes anything (`converge scan | true`).
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(141));
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("error"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
