//! `converge bot` end to end, all on 127.0.0.1: a git smart-HTTP server (`git http-backend`
//! behind a token check) and a stateful fake of the GitHub REST API serving the same bare
//! repositories.

#[path = "support/fake_github.rs"]
mod fake_github;
#[path = "support/git_cli.rs"]
mod git_cli;
#[path = "support/git_http.rs"]
mod git_http;

use git_cli::git;

use std::process::{Command, Output};

use fake_github::{FakeGitHub, Repo};
use git_http::GitServer;

const TOKEN: &str = "ghs_bot-token-9876543210";
const BRANCH: &str = "converge/fixes";

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
        Command::new(env!("CARGO_BIN_EXE_converge"))
            .arg("bot")
            .args(args)
            .current_dir(self.dir.path())
            .env("GITHUB_API_URL", &self.github.url)
            .env("GITHUB_TOKEN", token)
            .env("CONVERGE_BOT_BACKOFF_MS", "20")
            .output()
            .unwrap()
    }
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
