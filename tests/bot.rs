//! `converge bot` end to end, all on 127.0.0.1: a git smart-HTTP server (`git http-backend`
//! behind a token check) and a stateful fake of the GitHub REST API serving the same bare
//! repositories (and answering as a GitHub App's API, with short-lived installation tokens
//! both servers accept).

#[path = "support/fake_github.rs"]
mod fake_github;
#[path = "support/git_cli.rs"]
mod git_cli;
#[path = "support/git_http.rs"]
mod git_http;

use git_cli::git;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::Ordering;
use std::time::Duration;

use fake_github::{FakeApp, FakeGitHub, Repo};
use git_http::GitServer;

const TOKEN: &str = "ghs_bot-token-9876543210";
const BRANCH: &str = "converge/fixes";
/// The test App: its id, and a key pair made for these tests only.
const APP_ID: u64 = 31337;
const APP_KEY: &str = "tests/data/test-only-github-app-key.pem";
const APP_PUBLIC_KEY: &str = "tests/data/test-only-github-app-key.pub.pem";

const BAD: &str = "\
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

struct World {
    dir: tempfile::TempDir,
    git: GitServer,
    github: FakeGitHub,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("served");
        std::fs::create_dir_all(&root).unwrap();
        let git = GitServer::start(&root, TOKEN);
        let github = FakeGitHub::start(&git);
        World { dir, git, github }
    }

    /// A repository `acme/<name>` whose main branch holds `files`.
    fn repo(&self, name: &str, files: &[(&str, &str)]) {
        let bare = self.git.create(&format!("acme/{name}"));
        let seed = self.dir.path().join(format!("seed-{name}"));
        std::fs::create_dir_all(&seed).unwrap();
        git(&seed, &["init", "-q"]);
        for (path, content) in files {
            let p = seed.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, content).unwrap();
        }
        git(&seed, &["add", "."]);
        git(&seed, &["commit", "-q", "-m", "initial"]);
        git(&seed, &["push", "-q", bare.to_str().unwrap(), "main"]);
        self.github.add_repo(Repo {
            owner: "acme".into(),
            name: name.into(),
            default_branch: "main".into(),
            archived: false,
            disabled: false,
            fork: false,
            empty: false,
        });
    }

    /// Commits `content` to `path` on `branch` of `acme/<name>` as a person.
    fn push_as_person(&self, name: &str, branch: &str, path: &str, content: &str) {
        let work = self
            .dir
            .path()
            .join(format!("person-{name}-{}", rand_suffix()));
        let bare = self.git.root.join(format!("acme/{name}.git"));
        git(
            self.dir.path(),
            &[
                "clone",
                "-q",
                "-b",
                branch,
                bare.to_str().unwrap(),
                work.to_str().unwrap(),
            ],
        );
        let p = work.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
        git(&work, &["add", "."]);
        git(&work, &["commit", "-q", "-m", "a person's change"]);
        git(&work, &["push", "-q", "origin", branch]);
    }

    fn tip(&self, name: &str, branch: &str) -> Option<String> {
        let bare = self.git.root.join(format!("acme/{name}.git"));
        let out = Command::new("git")
            .args([
                "rev-parse",
                "--verify",
                "-q",
                &format!("refs/heads/{branch}"),
            ])
            .current_dir(bare)
            .output()
            .unwrap();
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }

    fn bot(&self, args: &[&str]) -> Output {
        self.bot_with_token(args, TOKEN)
    }

    fn bot_with_token(&self, args: &[&str], token: &str) -> Output {
        self.command(args)
            .env("GITHUB_TOKEN", token)
            .output()
            .unwrap()
    }

    /// `converge bot ARGS` against the fakes, with no credentials yet.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_converge"));
        command
            .arg("bot")
            .args(args)
            .current_dir(self.dir.path())
            .env("GITHUB_API_URL", &self.github.url)
            .env("CONVERGE_BOT_BACKOFF_MS", "20")
            .env_remove("GITHUB_TOKEN");
        command
    }

    /// The fake answers as the test App, issuing tokens that live `lifetime`.
    fn install_app(&self, lifetime: Duration) {
        self.github.install_app(FakeApp {
            id: APP_ID,
            public_key_pem: std::fs::read_to_string(manifest(APP_PUBLIC_KEY)).unwrap(),
            token_lifetime: lifetime,
        });
    }

    /// `converge bot ARGS` as the test App (key from its file), with no token in sight.
    fn bot_as_app(&self, args: &[&str]) -> Output {
        let id = APP_ID.to_string();
        let key = manifest(APP_KEY);
        self.command(args)
            .args(["--app-id", &id, "--app-key-file", key.to_str().unwrap()])
            .output()
            .unwrap()
    }

    /// Changes the fake's record of `acme/<name>` (archived, fork...).
    fn set(&self, name: &str, change: impl FnOnce(&mut Repo)) {
        let mut state = self.github.state.lock().unwrap();
        change(state.repos.iter_mut().find(|r| r.name == name).unwrap());
    }

    /// The files of `branch` of `acme/<name>`, by path.
    fn branch_files(&self, name: &str, branch: &str) -> BTreeMap<String, Vec<u8>> {
        let work = self
            .dir
            .path()
            .join(format!("look-{name}-{}", rand_suffix()));
        let bare = self.git.root.join(format!("acme/{name}.git"));
        git(
            self.dir.path(),
            &[
                "clone",
                "-q",
                "-b",
                branch,
                bare.to_str().unwrap(),
                work.to_str().unwrap(),
            ],
        );
        files_of(&work)
    }

    /// `git ARGS` in the bare repository `acme/<name>`.
    fn git_bare(&self, name: &str, args: &[&str]) -> String {
        git(&self.git.root.join(format!("acme/{name}.git")), args)
    }
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Every file under `root` but `.git`, by path relative to it.
fn files_of(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Every file under `root`, `.git` included, as text (lossy), with its path.
fn all_text_under(root: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                out.push((path, text));
            }
        }
    }
    out
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn only_rule() -> String {
    format!("select: [{RULE}]\n")
}

#[test]
fn the_pull_request_lifecycle() {
    let w = World::new();
    w.repo(
        "app",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    w.repo(
        "clean",
        &[
            (
                "k8s/api.yaml",
                &BAD.replace(
                    "allowPrivilegeEscalation: true",
                    "allowPrivilegeEscalation: false",
                ),
            ),
            (".converge.yaml", &only_rule()),
        ],
    );
    w.repo(
        "quiet",
        &[
            ("k8s/api.yaml", BAD),
            (".converge.yaml", "enabled: false\n"),
        ],
    );
    w.repo("old", &[("k8s/api.yaml", BAD)]);
    w.github
        .state
        .lock()
        .unwrap()
        .repos
        .last_mut()
        .unwrap()
        .archived = true;

    // First run: one PR, for the repository with fixes; none elsewhere.
    let report = w.dir.path().join("report.json");
    let out = w.bot(&["--org", "acme", "--report", report.to_str().unwrap()]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(all.contains("acme/app: opened #1"), "{all}");
    assert!(all.contains("acme/clean: clean"), "{all}");
    assert!(all.contains("acme/quiet: opted-out"), "{all}");
    assert!(all.contains("acme/old: skipped (archived)"), "{all}");
    assert!(!all.contains(TOKEN));
    let pulls = w.github.pulls("acme/app");
    assert_eq!(pulls.len(), 1);
    assert_eq!(pulls[0].head, BRANCH);
    assert!(
        pulls[0].body.contains("<!-- converge:fingerprint="),
        "{}",
        pulls[0].body
    );
    assert!(pulls[0].body.contains(RULE));
    assert!(w.github.pulls("acme/clean").is_empty());
    assert!(w.github.pulls("acme/quiet").is_empty());
    assert!(w.tip("quiet", BRANCH).is_none());
    let bot_tip = w.tip("app", BRANCH).expect("bot branch pushed");
    let report_text = std::fs::read_to_string(&report).unwrap();
    assert!(!report_text.contains(TOKEN));
    assert!(
        report_text.contains("\"action\": \"opened\""),
        "{report_text}"
    );
    let url = format!("{}/acme/app/pull/1", w.github.url);
    assert!(
        report_text.contains(&format!("\"pr_url\": \"{url}\"")),
        "{report_text}"
    );

    // Second run: nothing to do, no mutation, no push.
    let mutations = w.github.mutations().len();
    let out = w.bot(&["--org", "acme"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("acme/app: unchanged #1"),
        "{}",
        text(&out)
    );
    assert_eq!(
        w.github.mutations().len(),
        mutations,
        "{:?}",
        w.github.mutations()
    );
    assert_eq!(w.tip("app", BRANCH).as_deref(), Some(bot_tip.as_str()));

    // A new finding upstream: the same PR is updated, no second PR.
    w.push_as_person(
        "app",
        "main",
        "k8s/worker.yaml",
        &BAD.replace("name: api", "name: worker"),
    );
    let out = w.bot(&["--org", "acme"]);
    assert!(
        text(&out).contains("acme/app: updated #1"),
        "{}",
        text(&out)
    );
    assert_eq!(w.github.pulls("acme/app").len(), 1);
    assert_ne!(w.tip("app", BRANCH).as_deref(), Some(bot_tip.as_str()));

    // The fixes land upstream by other means: the PR is closed and its branch deleted.
    w.push_as_person(
        "app",
        "main",
        "k8s/api.yaml",
        &BAD.replace(
            "allowPrivilegeEscalation: true",
            "allowPrivilegeEscalation: false",
        ),
    );
    w.push_as_person(
        "app",
        "main",
        "k8s/worker.yaml",
        &BAD.replace("name: api", "name: worker").replace(
            "allowPrivilegeEscalation: true",
            "allowPrivilegeEscalation: false",
        ),
    );
    let out = w.bot(&["--org", "acme"]);
    assert!(text(&out).contains("acme/app: closed #1"), "{}", text(&out));
    let pull = &w.github.pulls("acme/app")[0];
    assert_eq!(pull.state, "closed");
    assert_eq!(pull.comments.len(), 1);
    assert!(w.tip("app", BRANCH).is_none(), "branch not deleted");
}

#[test]
fn a_pull_request_closed_by_a_person_is_not_reopened() {
    let w = World::new();
    w.repo(
        "app",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    assert_eq!(w.bot(&["--repo", "acme/app"]).status.code(), Some(0));
    w.github.close_as_user("acme/app", 1);
    let out = w.bot(&["--repo", "acme/app"]);
    assert!(text(&out).contains("acme/app: declined"), "{}", text(&out));
    let pulls = w.github.pulls("acme/app");
    assert_eq!(pulls.len(), 1);
    assert_eq!(pulls[0].state, "closed");
}

#[test]
fn a_persons_commit_on_the_bot_branch_is_never_overwritten() {
    let w = World::new();
    w.repo(
        "app",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    assert_eq!(w.bot(&["--repo", "acme/app"]).status.code(), Some(0));
    w.push_as_person("app", BRANCH, "NOTES.md", "reviewer notes\n");
    let human = w.tip("app", BRANCH);
    w.push_as_person(
        "app",
        "main",
        "k8s/worker.yaml",
        &BAD.replace("name: api", "name: worker"),
    );
    let out = w.bot(&["--repo", "acme/app"]);
    assert!(text(&out).contains("acme/app: modified"), "{}", text(&out));
    assert_eq!(w.tip("app", BRANCH), human);
}

#[test]
fn a_concurrent_run_and_transient_failures_make_no_duplicate() {
    let w = World::new();
    w.repo(
        "one",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    w.repo(
        "two",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    w.repo(
        "three",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    // acme/one: another run opens the PR just before ours (422) -> adopted.
    w.github.state.lock().unwrap().race_on_create = true;
    // acme/three: a 502 then a 429 with Retry-After on its pull list -> retried.
    w.github
        .fail_next("GET", "/repos/acme/three/pulls", 502, &[]);
    w.github.fail_next(
        "GET",
        "/repos/acme/three/pulls",
        429,
        &[("Retry-After", "1")],
    );
    let out = w.bot(&["--org", "acme"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(
        all.contains("adopted the pull request of a concurrent run"),
        "{all}"
    );
    for name in ["one", "two", "three"] {
        let open: Vec<_> = w
            .github
            .pulls(&format!("acme/{name}"))
            .into_iter()
            .filter(|p| p.state == "open")
            .collect();
        assert_eq!(open.len(), 1, "acme/{name}: {open:?}");
    }
}

#[test]
fn a_failure_is_reported_and_the_run_goes_on_but_401_stops_it() {
    let w = World::new();
    w.repo(
        "a",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    w.repo(
        "b",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    w.github.fail_next("GET", "/repos/acme/a/pulls", 404, &[]);
    let out = w.bot(&["--org", "acme"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(all.contains("acme/a: failed"), "{all}");
    assert!(all.contains("acme/b: opened"), "{all}");

    let out = w.bot_with_token(&["--org", "acme"], "wrong-token");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("401"), "{}", text(&out));
    assert!(!text(&out).contains("wrong-token"));
}

#[test]
fn dry_runs_make_no_mutation() {
    let w = World::new();
    w.repo(
        "app",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    for level in ["scan", "plan", "full"] {
        let out = w.bot(&["--org", "acme", &format!("--dry-run={level}")]);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(0), "{level}: {all}");
        match level {
            "scan" => assert!(all.contains("acme/app: scanned"), "{all}"),
            "plan" => {
                assert!(all.contains("acme/app: would-open"), "{all}");
                assert!(all.contains("+++ b/k8s/api.yaml"), "{all}");
            }
            _ => {
                assert!(
                    all.contains(
                        "would: git push --force-with-lease origin HEAD:refs/heads/converge/fixes"
                    ),
                    "{all}"
                );
                assert!(all.contains("would: POST /repos/acme/app/pulls"), "{all}");
            }
        }
    }
    assert!(
        w.github.mutations().is_empty(),
        "{:?}",
        w.github.mutations()
    );
    assert!(w.tip("app", BRANCH).is_none());
}

#[test]
fn shards_partition_the_organisation() {
    let w = World::new();
    let names: Vec<String> = (0..12).map(|i| format!("svc-{i:02}")).collect();
    for name in &names {
        w.repo(name, &[("README.md", "x\n")]);
    }
    let mut seen = Vec::new();
    for i in 0..3 {
        let out = w.bot(&["--org", "acme", "--dry-run=scan", &format!("--shard={i}/3")]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if let Some(name) = line.strip_prefix("acme/") {
                seen.push(name.split(':').next().unwrap().to_owned());
            }
        }
    }
    seen.sort();
    assert_eq!(seen, names);
}

#[test]
fn faults_on_the_wire_lose_nothing_and_duplicate_nothing() {
    let w = World::new();
    for name in ["a", "b", "c", "d"] {
        w.repo(
            name,
            &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
        );
    }
    let mains: Vec<Option<String>> = ["a", "b", "c", "d"]
        .iter()
        .map(|n| w.tip(n, "main"))
        .collect();
    // acme/a: its clone breaks off halfway through the pack.
    w.git
        .break_fetches
        .store(1, std::sync::atomic::Ordering::SeqCst);
    // acme/b: a secondary rate limit on its pull list, then the connection drops on the
    // create (before the server made anything): retried, one pull request.
    w.github
        .fail_next("GET", "/repos/acme/b/pulls", 403, &[("Retry-After", "1")]);
    w.github.reset_next("POST", "/repos/acme/b/pulls");
    // acme/b: and its first API request is answered only after the client has timed out.
    w.github.stall_next("GET", "/repos/acme/b/pulls");
    // acme/c: the token expires: the run stops there, acme/d is left for the next run.
    w.github.fail_next("GET", "/repos/acme/c/pulls", 401, &[]);
    let out = w.bot(&["--org", "acme", "--http-timeout", "1"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(all.contains("acme/a: failed"), "{all}");
    assert!(all.contains("acme/b: opened"), "{all}");
    assert!(all.contains("401"), "{all}");
    assert!(all.contains("acme/d: stopped"), "{all}");

    assert!(w.github.pulls("acme/d").is_empty(), "{all}");
    assert!(w.tip("a", "converge/fixes").is_none());
    let b_tip = w.tip("b", "converge/fixes").expect("acme/b was pushed");

    // The next run, with a good token and a whole network, finishes the work and repeats none.
    let out = w.bot(&["--org", "acme"]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    for name in ["a", "b", "c", "d"] {
        let pulls = w.github.pulls(&format!("acme/{name}"));
        assert_eq!(pulls.len(), 1, "acme/{name}: {pulls:?}\n{all}");
        assert_eq!(pulls[0].state, "open");
    }
    assert_eq!(w.tip("b", "converge/fixes"), Some(b_tip), "{all}");
    // The stalled request was given up and sent again (then met the 403, then passed): three
    // lookups in the first run (the stalled one is answered late), one in the second.
    let pull_lookups = w
        .github
        .state
        .lock()
        .unwrap()
        .calls
        .iter()
        .filter(|(m, p)| m == "GET" && p.starts_with("/repos/acme/b/pulls"))
        .count();
    assert!(pull_lookups >= 4, "{pull_lookups} pull lookups\n{all}");
    // The default branches are as the people left them.
    for name in ["a", "b", "c", "d"] {
        assert_eq!(
            w.tip(name, "main"),
            mains[name.as_bytes()[0] as usize - 97],
            "acme/{name}"
        );
    }
}

/// The first of `secrets` that `text` shows, if any.
fn leaked<'a>(text: &str, secrets: &'a [String]) -> Option<&'a String> {
    secrets.iter().find(|s| text.contains(s.as_str()))
}

/// The test App's key, line by line (its base64 body), and the tokens the fake issued: none of
/// them may be shown or written anywhere.
fn app_secrets(w: &World) -> Vec<String> {
    let key = std::fs::read_to_string(manifest(APP_KEY)).unwrap();
    let mut secrets: Vec<String> = key
        .lines()
        .filter(|l| !l.starts_with("-----") && l.len() > 20)
        .map(str::to_owned)
        .collect();
    secrets.extend(w.github.issued_tokens());
    secrets
}

#[test]
fn a_github_app_opens_the_pull_request_and_its_secrets_never_show() {
    let w = World::new();
    w.repo(
        "app",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    w.repo("docs", &[("README.md", "docs\n")]);
    w.install_app(Duration::from_secs(3600));
    let report = w.dir.path().join("report.json");
    let work = w.dir.path().join("clones");
    let out = w.bot_as_app(&[
        "--org",
        "acme",
        "--report",
        report.to_str().unwrap(),
        "--work-dir",
        work.to_str().unwrap(),
    ]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(all.contains("acme/app: opened #1"), "{all}");
    assert!(all.contains("acme/docs: clean"), "{all}");
    assert_eq!(w.github.pulls("acme/app").len(), 1);
    assert!(w.tip("app", BRANCH).is_some());

    // One installation, found once, one token for the whole run; every other call carries it.
    let tokens = w.github.issued_tokens();
    assert_eq!(tokens.len(), 1, "{tokens:?}");
    let state = w.github.state.lock().unwrap();
    assert_eq!(state.jwt_requests, 2);
    assert_eq!(
        state.calls[0],
        ("GET".into(), "/orgs/acme/installation".into())
    );
    assert_eq!(
        state.calls[1],
        (
            "POST".into(),
            "/app/installations/5000/access_tokens".into()
        )
    );
    for (call, auth) in state.calls.iter().zip(&state.auth).skip(2) {
        assert_eq!(auth, &format!("Bearer {}", tokens[0]), "{call:?}");
    }
    drop(state);

    let secrets = app_secrets(&w);
    assert_eq!(leaked(&all, &secrets), None, "{all}");
    let report_text = std::fs::read_to_string(&report).unwrap();
    assert_eq!(leaked(&report_text, &secrets), None, "{report_text}");
    let kept = all_text_under(&work);
    assert!(
        kept.iter().any(|(p, _)| p.ends_with(".git/config")),
        "{kept:?}"
    );
    for (path, content) in &kept {
        assert_eq!(leaked(content, &secrets), None, "{}", path.display());
    }

    // Named through a repository, the owner's installation is found through it.
    let out = w.bot_as_app(&["--repo", "acme/app"]);
    assert!(
        text(&out).contains("acme/app: unchanged #1"),
        "{}",
        text(&out)
    );
    let calls = w.github.state.lock().unwrap().calls.clone();
    assert!(
        calls.contains(&("GET".into(), "/repos/acme/app/installation".into())),
        "{calls:?}"
    );
    assert_eq!(w.github.issued_tokens().len(), 2);
}

#[test]
fn an_installation_token_that_runs_out_mid_run_is_replaced_in_time() {
    let w = World::new();
    let names = ["a", "b", "c", "d", "e", "f"];
    for name in names {
        w.repo(
            name,
            &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
        );
    }
    // Tokens that last four seconds, over a run of several: each is replaced with two seconds
    // left (half its life). And one is refused early (as a revoked one would be): replaced too.
    w.install_app(Duration::from_secs(4));
    w.github.state.lock().unwrap().delay = Duration::from_millis(300);
    w.github.fail_next("GET", "/repos/acme/a/pulls", 401, &[]);
    let key = std::fs::read_to_string(manifest(APP_KEY)).unwrap();
    let out = w
        .command(&["--org", "acme"])
        .args(["--app-id", &APP_ID.to_string()])
        .args(["--app-key-env", "CONVERGE_TEST_APP_KEY"])
        .env("CONVERGE_TEST_APP_KEY", key)
        .output()
        .unwrap();
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    for name in names {
        assert!(all.contains(&format!("acme/{name}: opened #1")), "{all}");
    }
    let issued = w.github.issued_tokens();
    // The first, the one after the refusal, and at least one made before its predecessor ran
    // out.
    assert!(issued.len() >= 3, "{issued:?}\n{all}");
    assert_eq!(w.github.state.lock().unwrap().expired_uses, 0, "{all}");
    assert_eq!(w.git.expired.load(Ordering::SeqCst), 0, "{all}");
    assert_eq!(leaked(&all, &app_secrets(&w)), None, "{all}");
}

#[test]
fn a_wrong_app_id_is_refused_with_a_reason() {
    let w = World::new();
    w.repo("app", &[("k8s/api.yaml", BAD)]);
    w.install_app(Duration::from_secs(3600));
    let key = manifest(APP_KEY);
    let out = w
        .command(&["--org", "acme"])
        .args(["--app-id", "999", "--app-key-file", key.to_str().unwrap()])
        .output()
        .unwrap();
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(all.contains("GitHub App"), "{all}");
    assert!(all.contains("401"), "{all}");
    assert!(w.github.issued_tokens().is_empty());

    // A file that is not a key is named, and its content is not shown.
    let not_a_key = w.dir.path().join("key.pem");
    std::fs::write(&not_a_key, "hunter2-not-a-pem\n").unwrap();
    let out = w
        .command(&["--org", "acme"])
        .args([
            "--app-id",
            "1",
            "--app-key-file",
            not_a_key.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("not an RSA private key"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("hunter2"), "{}", text(&out));
}

#[test]
fn open_pull_requests_from_the_bots_branches_are_capped_per_repository() {
    let w = World::new();
    let capped = format!("{}max_open_prs: 1\n", only_rule());
    w.repo(
        "a",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    w.repo("b", &[("k8s/api.yaml", BAD), (".converge.yaml", &capped)]);
    w.repo(
        "c",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    w.repo(
        "d",
        &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
    );
    // Another bot run (on another branch) has a PR open in a and b; a person has one in c.
    w.github
        .open_pull("acme/a", "converge/terraform", "Terraform fixes");
    w.github
        .open_pull("acme/b", "converge/terraform", "Terraform fixes");
    w.github.open_pull("acme/c", "feature/x", "A feature");

    let report = w.dir.path().join("report.json");
    let out = w.bot(&[
        "--org",
        "acme",
        "--max-open-prs",
        "1",
        "--report",
        report.to_str().unwrap(),
    ]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(
        all.contains("acme/a: held (1 pull request(s) from converge/* branches are open; the limit is 1 per repository)"),
        "{all}"
    );
    assert!(all.contains("acme/b: held"), "{all}");
    assert!(all.contains("acme/c: opened #2"), "{all}");
    assert!(all.contains("acme/d: opened #1"), "{all}");
    assert!(
        all.contains("2 held (0 by --max-new-prs, 2 by --max-open-prs)"),
        "{all}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let a = &report["repositories"][0];
    assert_eq!(a["action"], "held");
    assert_eq!(a["limit"], "max-open-prs");
    assert_eq!(w.github.pulls("acme/a").len(), 1);

    // Without the flag, a opens; b's own .converge.yaml still caps it.
    let out = w.bot(&["--org", "acme"]);
    let all = text(&out);
    assert!(all.contains("acme/a: opened #2"), "{all}");
    assert!(all.contains("acme/b: held"), "{all}");
    assert!(all.contains("acme/c: unchanged #2"), "{all}");
}

/// An organisation where a parallel run finishes repositories out of order: the first one is
/// much bigger than the others.
fn uneven_org(w: &World) {
    let big: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("k8s/svc-{i:02}.yaml"),
                BAD.replace("name: api", &format!("name: svc-{i:02}")),
            )
        })
        .chain([(".converge.yaml".to_owned(), only_rule())])
        .collect();
    let big: Vec<(&str, &str)> = big.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
    w.repo("a-big", &big);
    for name in ["b", "c", "d", "e"] {
        w.repo(
            name,
            &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
        );
    }
    w.repo("f-clean", &[("README.md", "x\n")]);
    w.repo("g-old", &[("k8s/api.yaml", BAD)]);
    w.set("g-old", |r| r.archived = true);
}

#[test]
fn a_parallel_run_reports_and_holds_back_as_a_serial_one() {
    let mut runs = Vec::new();
    for concurrency in ["1", "4"] {
        let w = World::new();
        uneven_org(&w);
        let report = w.dir.path().join("report.json");
        let out = w.bot(&[
            "--org",
            "acme",
            "--max-new-prs",
            "2",
            "--concurrency",
            concurrency,
            "--api-concurrency",
            concurrency,
            "--report",
            report.to_str().unwrap(),
        ]);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
        // Plain progress lines (stderr is not a terminal): one per repository, counted.
        for i in 1..=7 {
            assert!(stderr.contains(&format!("[{i}/7] acme/")), "{stderr}");
        }
        assert!(stderr.contains("] acme/a-big: opened #1"), "{stderr}");
        let report = std::fs::read_to_string(&report)
            .unwrap()
            .replace(&w.github.url, "URL");
        let opened: Vec<String> = ["a-big", "b", "c", "d", "e"]
            .into_iter()
            .filter(|n| !w.github.pulls(&format!("acme/{n}")).is_empty())
            .map(str::to_owned)
            .collect();
        runs.push((stdout, report, opened));
    }
    let (stdout, report, opened) = &runs[0];
    // Held back in the run's order: the first two repositories with fixes open theirs.
    assert_eq!(opened, &["a-big", "b"]);
    assert!(
        stdout.contains("acme/c: held (the limit of 2 new pull request(s) per run was reached)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 opened, 0 updated, 0 closed, 0 unchanged, 1 clean, 3 held (3 by --max-new-prs, 0 by --max-open-prs), 1 skipped"),
        "{stdout}"
    );
    assert!(report.contains("\"limit\": \"max-new-prs\""), "{report}");
    assert_eq!(&runs[1].0, stdout);
    assert_eq!(&runs[1].1, report);
    assert_eq!(&runs[1].2, opened);
}

#[test]
fn api_requests_in_flight_never_exceed_the_limit() {
    for (limit, lowest, highest) in [("1", 1, 1), ("3", 2, 3)] {
        let w = World::new();
        for name in ["a", "b", "c", "d", "e", "f"] {
            w.repo(
                name,
                &[("k8s/api.yaml", BAD), (".converge.yaml", &only_rule())],
            );
        }
        w.github.state.lock().unwrap().delay = Duration::from_millis(200);
        let out = w.bot(&[
            "--org",
            "acme",
            "--concurrency",
            "4",
            "--api-concurrency",
            limit,
        ]);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(0), "{all}");
        assert!(all.contains("6 opened"), "{all}");
        let peak = w.github.state.lock().unwrap().peak_in_flight;
        assert!(
            (lowest..=highest).contains(&peak),
            "--api-concurrency {limit}: {peak} in flight at once\n{all}"
        );
    }
}

/// What a person who has just installed converge does: point the bot at an organisation of 20
/// repositories of all kinds, look at the pull requests, and run it again.
#[test]
fn a_new_user_runs_the_bot_over_an_organisation() {
    let w = World::new();
    let quickstart = manifest("examples/quickstart");
    let tree = |dir: &Path| -> Vec<(String, String)> {
        files_of(dir)
            .into_iter()
            .map(|(p, c)| (p, String::from_utf8(c).unwrap()))
            .collect()
    };
    let under = |prefix: &str, files: Vec<(String, String)>| -> Vec<(String, String)> {
        files
            .into_iter()
            .map(|(p, c)| (format!("{prefix}{p}"), c))
            .collect()
    };
    let one = |path: &str, content: &str| vec![(path.to_owned(), content.to_owned())];
    let fixture = |rule: &str, file: &str| {
        std::fs::read_to_string(manifest(&format!("tests/fixtures/{rule}/{file}"))).unwrap()
    };
    let worker = BAD.replace("name: api", "name: worker");
    // A tree converge has already fixed (its fixes merged): nothing left to propose.
    let fixed_locally = |files: &[(String, String)]| -> Vec<(String, String)> {
        let dir = w.dir.path().join(format!("pre-{}", rand_suffix()));
        for (p, c) in files {
            let path = dir.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, c).unwrap();
        }
        local_fix(&dir);
        tree(&dir)
    };

    let with_fixes: Vec<(&str, Vec<(String, String)>)> = vec![
        ("api", tree(&quickstart)),
        ("batch", one("deploy/prod/batch.yaml", BAD)),
        (
            "ecr",
            one(
                "ecr.tf",
                &fixture("aws-ecr-tags-mutable", "bad_repositories.tf"),
            ),
        ),
        (
            "infra",
            under("terraform/", tree(&quickstart.join("terraform"))),
        ),
        (
            "payments",
            [
                one("k8s/api.yaml", BAD),
                one(".converge.yaml", "labels: [payments]\nreviewers: [alice]\n"),
            ]
            .concat(),
        ),
        ("search", tree(&quickstart.join("kubernetes"))),
        (
            "queues",
            one(
                "main.tf",
                &fixture("aws-sqs-queue-unencrypted", "bad_queues.tf"),
            ),
        ),
        ("web", one("k8s/web.yaml", BAD)),
        (
            "worker",
            [
                one("k8s/worker.yaml", &worker),
                one("README.md", "# worker\n"),
            ]
            .concat(),
        ),
    ];
    let clean: Vec<(&str, Vec<(String, String)>)> = vec![
        ("docs", one("README.md", "# Docs\n")),
        ("lib", one("src/lib.rs", "pub fn f() {}\n")),
        (
            "merged-ecr",
            fixed_locally(&one(
                "ecr.tf",
                &fixture("aws-ecr-tags-mutable", "bad_repositories.tf"),
            )),
        ),
        (
            "merged-infra",
            fixed_locally(&tree(&quickstart.join("terraform"))),
        ),
        ("merged-web", fixed_locally(&one("k8s/web.yaml", BAD))),
        ("notes", one("notes.txt", "nothing to see\n")),
        ("site", one("index.html", "<html></html>\n")),
        ("tools", one("bin/run.sh", "#!/bin/sh\necho hi\n")),
    ];
    let left_alone = [
        (
            "experiments",
            [
                one("k8s/api.yaml", BAD),
                one(".converge.yaml", "enabled: false\n"),
            ]
            .concat(),
            "opted-out",
        ),
        ("legacy", one("k8s/api.yaml", BAD), "skipped (archived)"),
        ("upstream-fork", one("k8s/api.yaml", BAD), "skipped (fork)"),
    ];
    let add = |name: &str, files: &[(String, String)]| {
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect();
        w.repo(name, &files);
    };
    for (name, files) in with_fixes.iter().chain(&clean) {
        add(name, files);
    }
    for (name, files, _) in &left_alone {
        add(name, files);
    }
    w.set("legacy", |r| r.archived = true);
    w.set("upstream-fork", |r| r.fork = true);
    assert_eq!(w.github.state.lock().unwrap().repos.len(), 20);

    let out = w.bot(&["--org", "acme", "--label", "security"]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        stdout.contains("20 repositories: 9 opened, 0 updated, 0 closed, 0 unchanged, 8 clean, 0 held (0 by --max-new-prs, 0 by --max-open-prs), 3 skipped, 0 failed"),
        "{stdout}"
    );
    for (name, files) in &with_fixes {
        assert!(
            stdout.contains(&format!("acme/{name}: opened #1;")),
            "{stdout}"
        );
        let pulls = w.github.pulls(&format!("acme/{name}"));
        assert_eq!(pulls.len(), 1, "acme/{name}");
        let pr = &pulls[0];
        assert_eq!(
            (pr.state.as_str(), pr.head.as_str(), pr.base.as_str()),
            ("open", BRANCH, "main")
        );
        // The branch holds exactly what `converge fix` makes of the same tree, in one commit
        // of the bot's on top of main.
        let local = w.dir.path().join(format!("local-{name}"));
        for (p, c) in files {
            let path = local.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, c).unwrap();
        }
        local_fix(&local);
        assert_eq!(
            w.branch_files(name, BRANCH),
            files_of(&local),
            "acme/{name}"
        );
        assert_eq!(
            w.git_bare(name, &["rev-list", "--count", "main..converge/fixes"]),
            "1"
        );
        assert_eq!(
            w.git_bare(name, &["log", "-1", "--format=%ae", BRANCH]),
            "converge-bot@users.noreply.github.com"
        );
        // The title counts what the body lists.
        let rows = pr.body.lines().filter(|l| l.starts_with("| `")).count();
        let changed = w
            .git_bare(name, &["diff", "--name-only", "main", BRANCH])
            .lines()
            .count();
        let s = |n: usize| if n == 1 { "" } else { "s" };
        assert_eq!(
            pr.title,
            format!(
                "Fix {rows} policy finding{} in {changed} file{}",
                s(rows),
                s(changed)
            ),
            "acme/{name}"
        );
        assert!(
            rows > 0
                && pr.body.starts_with(&format!(
                    "converge fixed {rows} finding(s) in {changed} file(s)."
                )),
            "{}",
            pr.body
        );
        assert!(
            pr.body.contains("<!-- converge:fingerprint="),
            "{}",
            pr.body
        );
        let mut labels = vec!["security".to_owned()];
        let mut reviewers = vec![];
        if *name == "payments" {
            labels.push("payments".into());
            reviewers.push("alice".to_owned());
        }
        assert_eq!(
            (&pr.labels, &pr.reviewers),
            (&labels, &reviewers),
            "acme/{name}"
        );
    }
    for (name, _) in &clean {
        assert!(stdout.contains(&format!("acme/{name}: clean;")), "{stdout}");
    }
    for (name, _, action) in &left_alone {
        assert!(
            stdout.contains(&format!("acme/{name}: {action};")),
            "{stdout}"
        );
    }
    let untouched = clean
        .iter()
        .map(|(n, _)| *n)
        .chain(left_alone.iter().map(|(n, _, _)| *n));
    for name in untouched {
        assert!(
            w.github.pulls(&format!("acme/{name}")).is_empty(),
            "acme/{name}"
        );
        assert!(w.tip(name, BRANCH).is_none(), "acme/{name}");
    }

    // Again: nothing changed, so nothing is done.
    let mutations = w.github.mutations();
    let tips: Vec<Option<String>> = with_fixes.iter().map(|(n, _)| w.tip(n, BRANCH)).collect();
    let out = w.bot(&["--org", "acme", "--label", "security"]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        stdout.contains("20 repositories: 0 opened, 0 updated, 0 closed, 9 unchanged, 8 clean,"),
        "{stdout}"
    );
    assert_eq!(w.github.mutations(), mutations);
    let again: Vec<Option<String>> = with_fixes.iter().map(|(n, _)| w.tip(n, BRANCH)).collect();
    assert_eq!(again, tips);
}

/// `converge fix DIR`, as a person would run it on their checkout.
fn local_fix(dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_converge"))
        .args(["fix", "--allow-dirty"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", text(&out));
}

#[test]
fn exemptions_and_suppressions_are_shown_in_the_pull_request_and_the_sarif_logs() {
    let w = World::new();
    let config = format!(
        "select: [{RULE}]\nexemptions:\n  - rule: {RULE}\n    paths: [legacy]\n    reason: the legacy API is retired in March\n    owner: api-team\n    expires: 2099-03-31\n  - rule: {RULE}\n    paths: [k8s]\n    reason: no owner\n    expires: 2099-03-31\n"
    );
    let suppressed = BAD.replace(
        "        - name: api\n",
        &format!(
            "        # converge:ignore {RULE} the sidecar needs setuid\n        - name: api\n"
        ),
    );
    w.repo(
        "app",
        &[
            ("k8s/api.yaml", BAD),
            ("k8s/sidecar.yaml", &suppressed),
            ("legacy/api.yaml", BAD),
            (".converge.yaml", &config),
        ],
    );
    let sarif = w.dir.path().join("sarif");
    let out = w.bot(&["--repo", "acme/app", "--sarif-dir", sarif.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // Only the finding neither exempted nor suppressed is fixed.
    let files = w.branch_files("app", BRANCH);
    let fixed = |path: &str| {
        String::from_utf8_lossy(&files[path]).contains("allowPrivilegeEscalation: false")
    };
    assert!(fixed("k8s/api.yaml"));
    assert!(!fixed("k8s/sidecar.yaml"));
    assert!(!fixed("legacy/api.yaml"));
    let pulls = w.github.pulls("acme/app");
    assert_eq!(pulls.len(), 1);
    let body = &pulls[0].body;
    assert!(body.contains("**Exemptions in effect**"), "{body}");
    assert!(
        body.contains(&format!(
            "| `{RULE}` | legacy | api-team | 2099-03-31 | the legacy API is retired in March |"
        )),
        "{body}"
    );
    assert!(body.contains("Suppressed (2)"), "{body}");
    assert!(
        body.contains("inline at k8s/sidecar.yaml:10: the sidecar needs setuid"),
        "{body}"
    );
    assert!(
        body.contains("exemption 2 (k8s-container-privilege-escalation-allowed) is ignored: `owner` is required"),
        "{body}"
    );
    // The SARIF log: the three findings, two suppressed, with repository-relative paths.
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sarif.join("acme/app.sarif")).unwrap()).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let shown: Vec<(&str, Option<&str>)> = results
        .iter()
        .map(|r| {
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap(),
                r["suppressions"][0]["kind"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("k8s/api.yaml", None),
            ("k8s/sidecar.yaml", Some("inSource")),
            ("legacy/api.yaml", Some("external")),
        ]
    );
}
