//! `converge bot` over N repositories on loopback (git http-backend + the fake GitHub API of
//! the tests), half with a finding to fix and half clean: wall time of a first run (pull
//! requests opened) and a second run (nothing to do), API calls per repository for each kind,
//! once for each `--concurrency` value (with as many API requests in flight, unless
//! `--api-concurrency` says otherwise), each on a fresh set of repositories.
//!
//! `cargo bench --bench bot_loopback -- [N] [--concurrency 1,4] [--api-concurrency M]`
//! (defaults: 100; 1 and 4; M = the concurrency).

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

/// One run's figures.
struct Figures {
    seconds: f64,
    calls: usize,
    /// Per action: repositories, and their API calls in all.
    per_action: Vec<(&'static str, usize, usize)>,
    summary: String,
}

fn main() {
    // Cargo adds `--bench`; anything else unknown is ignored too.
    let mut n: usize = 100;
    let mut concurrencies = vec![1, 4];
    let mut api_concurrency: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--concurrency" => {
                let list = args.next().unwrap_or_default();
                concurrencies = list.split(',').filter_map(|c| c.parse().ok()).collect();
            }
            "--api-concurrency" => api_concurrency = args.next().and_then(|m| m.parse().ok()),
            other => n = other.parse().unwrap_or(n),
        }
    }
    let mut table = Vec::new();
    for concurrency in concurrencies {
        let in_flight = api_concurrency.unwrap_or(concurrency);
        println!(
            "{n} repositories ({} with a fix, {} clean), --concurrency {concurrency} --api-concurrency {in_flight}:",
            n.div_ceil(2),
            n / 2
        );
        let runs = measure(n, concurrency, in_flight);
        for (run, figures) in ["first", "second"].iter().zip(&runs) {
            println!(
                "  {run} run: {:.2} s, {} API calls ({:.2} per repository); {}",
                figures.seconds,
                figures.calls,
                figures.calls as f64 / n as f64,
                figures.summary
            );
            for (action, count, calls) in &figures.per_action {
                println!(
                    "    {action}: {count} repositories, {:.2} API calls each",
                    *calls as f64 / *count as f64
                );
            }
        }
        table.push((concurrency, in_flight, runs[0].seconds, runs[1].seconds));
    }
    println!("\nwall time over {n} repositories:\n| --concurrency | --api-concurrency | first run | second run |\n|---|---|---|---|");
    for (concurrency, in_flight, first, second) in table {
        println!("| {concurrency} | {in_flight} | {first:.2} s | {second:.2} s |");
    }
}

/// A fresh organisation of `n` repositories, run over twice.
fn measure(n: usize, concurrency: usize, in_flight: usize) -> Vec<Figures> {
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
        // One rule, so that the clean half is clean (the full rule set has more to fix in it).
        std::fs::write(
            seed.join(".converge.yaml"),
            "select: [k8s-container-privilege-escalation-allowed]\n",
        )
        .unwrap();
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
    let concurrency = concurrency.to_string();
    let in_flight = in_flight.to_string();
    let mut runs = Vec::new();
    for _ in ["first", "second"] {
        let calls = github.calls();
        let start = Instant::now();
        let out = Command::new(bin)
            .args(["bot", "--org", "acme", "--max-new-prs", "1000"])
            .args(["--concurrency", &concurrency])
            .args(["--api-concurrency", &in_flight])
            .env("GITHUB_API_URL", &github.url)
            .env("GITHUB_TOKEN", TOKEN)
            .output()
            .unwrap();
        let seconds = start.elapsed().as_secs_f64();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let per_action = ["opened", "unchanged", "clean"]
            .into_iter()
            .filter_map(|action| {
                let lines: Vec<&str> = stdout
                    .lines()
                    .filter(|l| l.contains(&format!(": {action}")))
                    .collect();
                let calls: usize = lines
                    .iter()
                    .filter_map(|l| l.rsplit("api calls ").next()?.trim().parse::<usize>().ok())
                    .sum();
                (!lines.is_empty()).then_some((action, lines.len(), calls))
            })
            .collect();
        runs.push(Figures {
            seconds,
            calls: github.calls() - calls,
            per_action,
            summary: stdout.lines().last().unwrap_or("").to_owned(),
        });
    }
    runs
}
