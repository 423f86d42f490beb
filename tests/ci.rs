//! `converge ci` against real git repositories: a bare "remote" and a clone, driven with the
//! git command line as a pipeline would be.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "support/git_cli.rs"]
mod git_cli;
#[path = "support/git_http.rs"]
mod git_http;

use git_cli::git;

const TOKEN: &str = "ghs_test-token-0123456789";

const DEPLOYMENT: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.2.3
          securityContext:
            allowPrivilegeEscalation: true
";

const RULE: &str = "k8s-container-privilege-escalation-allowed";

/// A bare remote with `main` holding `k8s/api.yaml`, and a clone of it on branch `fix-me`.
struct Fixture {
    _dir: tempfile::TempDir,
    remote: PathBuf,
    work: PathBuf,
}

fn fixture(branch: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("remote.git");
    let seed = dir.path().join("seed");
    let work = dir.path().join("work");
    std::fs::create_dir_all(&remote).unwrap();
    std::fs::create_dir_all(seed.join("k8s")).unwrap();
    git(&remote, &["init", "--bare", "-q"]);
    git(&seed, &["init", "-q"]);
    std::fs::write(seed.join("k8s/api.yaml"), DEPLOYMENT).unwrap();
    std::fs::write(seed.join("README.md"), "demo\n").unwrap();
    git(&seed, &["add", "."]);
    git(&seed, &["commit", "-q", "-m", "initial"]);
    git(
        &seed,
        &[
            "push",
            "-q",
            remote.to_str().unwrap(),
            "main:refs/heads/main",
        ],
    );
    git(
        dir.path(),
        &[
            "clone",
            "-q",
            remote.to_str().unwrap(),
            work.to_str().unwrap(),
        ],
    );
    if branch != "main" {
        git(&work, &["checkout", "-q", "-b", branch]);
        git(&work, &["push", "-q", "origin", branch]);
    }
    Fixture {
        _dir: dir,
        remote,
        work,
    }
}

fn converge_ci(work: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_converge"));
    command
        .arg("ci")
        .args(["--select", RULE])
        .args(args)
        .current_dir(work)
        .env("GITHUB_TOKEN", TOKEN);
    for var in [
        "GITHUB_ACTIONS",
        "GITHUB_EVENT_PATH",
        "GITHUB_STEP_SUMMARY",
        "GITHUB_API_URL",
    ] {
        command.env_remove(var);
    }
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn remote_head(remote: &Path, branch: &str) -> String {
    git(remote, &["rev-parse", &format!("refs/heads/{branch}")])
}

#[test]
fn push_commits_only_the_fixed_files_to_the_branch_once() {
    let f = fixture("fix-me");
    let before = remote_head(&f.remote, "fix-me");
    std::fs::write(f.work.join("notes.txt"), "unrelated, uncommitted\n").unwrap();
    let out = converge_ci(&f.work, &["--push"], &[]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(all.contains("pushed 1 fixed file(s) to fix-me"), "{all}");
    assert!(!all.contains(TOKEN), "token printed: {all}");

    let after = remote_head(&f.remote, "fix-me");
    assert_ne!(before, after);
    let files = git(
        &f.remote,
        &["show", "--name-only", "--format=", "refs/heads/fix-me"],
    );
    assert_eq!(files, "k8s/api.yaml");
    let message = git(
        &f.remote,
        &["log", "-1", "--format=%B", "refs/heads/fix-me"],
    );
    assert!(message.contains("Converge-Fingerprint: "), "{message}");
    assert!(
        message.contains(&format!("Converge-Rules: {RULE}")),
        "{message}"
    );
    let author = git(
        &f.remote,
        &["log", "-1", "--format=%an", "refs/heads/fix-me"],
    );
    assert_eq!(author, "converge[bot]");
    let fixed = git(&f.remote, &["show", "refs/heads/fix-me:k8s/api.yaml"]);
    assert!(fixed.contains("allowPrivilegeEscalation: false"), "{fixed}");
    // The unrelated file stays uncommitted; the token is nowhere on disk.
    assert!(git(&f.work, &["status", "--porcelain"]).contains("notes.txt"));
    let config = std::fs::read_to_string(f.work.join(".git/config")).unwrap();
    assert!(!config.contains(TOKEN));

    // A second run finds nothing to fix and pushes nothing.
    let again = converge_ci(&f.work, &["--push"], &[]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
    assert_eq!(remote_head(&f.remote, "fix-me"), after);
}

#[test]
fn the_default_branch_is_never_pushed() {
    let f = fixture("main");
    let before = remote_head(&f.remote, "main");
    let out = converge_ci(&f.work, &["--push"], &[]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(all.contains("`main` is the default branch"), "{all}");
    assert_eq!(remote_head(&f.remote, "main"), before);
    // The fix is still made in the working tree, and shown.
    assert!(
        all.lines()
            .any(|l| l.starts_with('+') && l.ends_with("allowPrivilegeEscalation: false")),
        "{all}"
    );
}

#[test]
fn without_push_the_diff_is_printed_and_the_job_fails() {
    let f = fixture("fix-me");
    let before = remote_head(&f.remote, "fix-me");
    let out = converge_ci(&f.work, &[], &[]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("+++ b/"),
        "{all}"
    );
    assert!(all.contains("run with --push"), "{all}");
    assert_eq!(remote_head(&f.remote, "fix-me"), before);
    assert!(std::fs::read_to_string(f.work.join("k8s/api.yaml"))
        .unwrap()
        .contains("allowPrivilegeEscalation: false"));
}

#[test]
fn a_detached_head_or_a_fork_is_not_pushed() {
    let f = fixture("fix-me");
    let before = remote_head(&f.remote, "fix-me");
    git(&f.work, &["checkout", "-q", "--detach"]);
    let out = converge_ci(&f.work, &["--push"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("HEAD is detached"), "{}", text(&out));
    git(&f.work, &["checkout", "-q", "--", "."]);
    git(&f.work, &["checkout", "-q", "fix-me"]);

    let event = f.work.parent().unwrap().join("event.json");
    std::fs::write(
        &event,
        r#"{"pull_request": {"head": {"repo": {"full_name": "someone/fork"}}, "base": {"repo": {"full_name": "acme/app"}}}, "repository": {"default_branch": "main"}}"#,
    )
    .unwrap();
    let out = converge_ci(
        &f.work,
        &["--push"],
        &[("GITHUB_EVENT_PATH", event.to_str().unwrap())],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("fork someone/fork"), "{}", text(&out));
    assert_eq!(remote_head(&f.remote, "fix-me"), before);
}

#[test]
fn a_branch_that_moved_on_is_not_overwritten() {
    let f = fixture("fix-me");
    // Someone pushes to the branch after the checkout.
    let other = f.work.parent().unwrap().join("other");
    git(
        f.work.parent().unwrap(),
        &[
            "clone",
            "-q",
            "-b",
            "fix-me",
            f.remote.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
    );
    std::fs::write(other.join("README.md"), "changed by a person\n").unwrap();
    git(&other, &["commit", "-q", "-am", "human change"]);
    git(&other, &["push", "-q", "origin", "fix-me"]);
    let human = remote_head(&f.remote, "fix-me");

    let out = converge_ci(&f.work, &["--push"], &[]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(all.contains("rejected"), "{all}");
    assert_eq!(remote_head(&f.remote, "fix-me"), human);
}

#[test]
fn the_same_fingerprint_is_not_pushed_twice() {
    let f = fixture("fix-me");
    // Learn the fingerprint of the pending fixes without pushing.
    let out = converge_ci(&f.work, &[], &[]);
    let all = text(&out);
    let print = all
        .split("fingerprint ")
        .nth(1)
        .and_then(|s| s.get(..16))
        .expect("fingerprint shown")
        .to_owned();
    git(&f.work, &["checkout", "-q", "--", "."]);
    // HEAD claims those fixes already (they were pushed and then undone).
    git(
        &f.work,
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            &format!("Undo\n\nConverge-Fingerprint: {print}"),
        ],
    );
    let before = remote_head(&f.remote, "fix-me");
    let out = converge_ci(&f.work, &["--push"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("already carries fingerprint"),
        "{}",
        text(&out)
    );
    assert_eq!(remote_head(&f.remote, "fix-me"), before);
}

#[test]
fn github_actions_gets_annotations_and_a_job_summary() {
    let f = fixture("fix-me");
    std::fs::write(
        f.work.join("k8s/api.yaml"),
        DEPLOYMENT.replace("allowPrivilegeEscalation: true", "privileged: true"),
    )
    .unwrap();
    let summary = f.work.parent().unwrap().join("summary.md");
    let out = Command::new(env!("CARGO_BIN_EXE_converge"))
        .args(["ci", "--select", "k8s-container-privileged"])
        .current_dir(&f.work)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env_remove("GITHUB_EVENT_PATH")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "::error file=k8s/api.yaml,line=13,col=13,endLine=13,title=k8s-container-privileged::"
        ),
        "{stdout}"
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("## converge"), "{md}");
    assert!(
        md.contains("| `k8s-container-privileged` | `k8s/api.yaml:13` | "),
        "{md}"
    );
}

#[test]
fn the_push_goes_over_http_with_the_token_from_the_environment_only() {
    let f = fixture("fix-me");
    let served = tempfile::tempdir().unwrap();
    let server = git_http::GitServer::start(served.path(), TOKEN);
    let bare = server.create("acme/app");
    git(
        &f.work,
        &["push", "-q", bare.to_str().unwrap(), "main", "fix-me"],
    );
    git(
        &f.work,
        &["remote", "set-url", "origin", &server.clone_url("acme/app")],
    );
    let before = remote_head(&bare, "fix-me");

    let wrong = converge_ci(&f.work, &["--push"], &[("GITHUB_TOKEN", "not-the-token")]);
    assert_eq!(wrong.status.code(), Some(2), "{}", text(&wrong));
    assert!(!text(&wrong).contains("not-the-token"));
    assert_eq!(remote_head(&bare, "fix-me"), before);
    // The failed push leaves the fixes uncommitted in the working tree.
    assert_eq!(git(&f.work, &["rev-parse", "HEAD"]), before);
    assert!(git(&f.work, &["status", "--porcelain"]).contains("k8s/api.yaml"));
    git(&f.work, &["checkout", "-q", "--", "."]);

    let out = converge_ci(&f.work, &["--push"], &[]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(!all.contains(TOKEN));
    assert_ne!(remote_head(&bare, "fix-me"), before);
    let config = std::fs::read_to_string(f.work.join(".git/config")).unwrap();
    assert!(!config.contains(TOKEN), "{config}");
    assert!(
        server
            .unauthorized
            .load(std::sync::atomic::Ordering::SeqCst)
            > 0
    );
}
