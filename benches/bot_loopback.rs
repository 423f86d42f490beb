//! `converge bot` over N repositories on loopback (git http-backend + the fake GitHub API of
//! the tests): wall time of a first run (PRs opened) and a second run (nothing to do), and
//! API calls per repository. `cargo bench --bench bot_loopback -- [N]` (default 100).

#[path = "../tests/support/fake_github.rs"]
mod fake_github;
#[path = "../tests/support/git_cli.rs"]
mod git_cli;
#[path = "../tests/support/git_http.rs"]
mod git_http;

use git_cli::git;

use std::process::Command;
use std::time::Instant;

const TOKEN: &str = "ghs_bench";

const BAD: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.2.3\n          securityContext:\n            allowPrivilegeEscalation: true\n";

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100);
    let bin = env!("CARGO_BIN_EXE_converge");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("served");
    std::fs::create_dir_all(&root).unwrap();
    let server = git_http::GitServer::start(&root, TOKEN);
    let github = fake_github::FakeGitHub::start(&server);
    for i in 0..n {
        let name = format!("svc-{i:03}");
        let bare = server.create(&format!("acme/{name}"));
        let seed = dir.path().join(format!("seed-{name}"));
        std::fs::create_dir_all(seed.join("k8s")).unwrap();
        git(&seed, &["init", "-q"]);
        // Half the repositories have a finding to fix, half are clean.
        let content = if i % 2 == 0 {
            BAD.to_owned()
        } else {
            BAD.replace("true", "false")
        };
        std::fs::write(seed.join("k8s/api.yaml"), content).unwrap();
        git(&seed, &["add", "."]);
        git(&seed, &["commit", "-q", "-m", "initial"]);
        git(&seed, &["push", "-q", bare.to_str().unwrap(), "main"]);
        github.add_repo(fake_github::Repo {
            owner: "acme".into(),
            name,
            default_branch: "main".into(),
            archived: false,
            disabled: false,
            fork: false,
            empty: false,
        });
    }
    for run in ["first", "second"] {
        let calls = github.calls();
        let start = Instant::now();
        let out = Command::new(bin)
            .args(["bot", "--org", "acme", "--max-new-prs", "1000"])
            .env("GITHUB_API_URL", &github.url)
            .env("GITHUB_TOKEN", TOKEN)
            .output()
            .unwrap();
        let elapsed = start.elapsed();
        let stdout = String::from_utf8_lossy(&out.stdout);
        println!(
            "{run} run over {n} repositories: {:.2} s, {} API calls ({:.1} per repository); {}",
            elapsed.as_secs_f64(),
            github.calls() - calls,
            (github.calls() - calls) as f64 / n as f64,
            stdout.lines().last().unwrap_or("")
        );
        let per_action = |action: &str| {
            let lines: Vec<&str> = stdout
                .lines()
                .filter(|l| l.contains(&format!(": {action}")))
                .collect();
            let calls: usize = lines
                .iter()
                .filter_map(|l| l.rsplit("api calls ").next()?.trim().parse::<usize>().ok())
                .sum();
            (lines.len(), calls)
        };
        for action in ["opened", "unchanged", "clean"] {
            let (count, calls) = per_action(action);
            if count > 0 {
                println!(
                    "  {action}: {count} repositories, {:.1} API calls each",
                    calls as f64 / count as f64
                );
            }
        }
    }
}
