//! `converge bot`: scheduled runs over many repositories. Per repository: clone the default
//! branch, read `.converge.yaml` from it, run the engine, and keep one pull request from the
//! bot branch in step with the findings: open it, update it, or close it when the findings
//! are gone. The bot keeps no state of its own: the fingerprint of the fixes sits in a hidden
//! marker in the PR body and in the commit's trailers.
//!
//! Promises: never push to a default branch; never overwrite a branch whose tip the bot did
//! not make; never reopen a PR a person closed with the same fingerprint; adopt the PR of a
//! concurrent run (422) instead of opening a duplicate; in a dry run, make no mutation.
//!
//! Repositories may be processed in parallel (`--concurrency`), and what the run reports does
//! not depend on it: outcomes are kept in the run's order (the sorted full name), and
//! `--max-new-prs` holds back by that order too, not by which worker finishes first
//! ([`NewPrLimit`]). A limit that holds a pull request back says so in the outcome.

pub mod api;
pub mod progress;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::ci::{commit_message, fingerprint, fixes_subject, FINGERPRINT_TRAILER};
use crate::detect::Selection;
use crate::engine::{Engine, FileReport, Mode, Status};
use crate::git::{Repo, Secrets};
use api::{Api, ApiError, Credentials, Session};
use progress::Progress;

/// How far a dry run goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DryRun {
    /// Findings only.
    Scan,
    /// Also the diff and the PR that would be opened, updated or closed.
    Plan,
    /// The whole lifecycle, with every mutation logged and none made.
    Full,
}

pub struct BotOptions {
    pub org: Option<String>,
    pub repos: Vec<String>,
    pub repos_file: Option<PathBuf>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub include_forks: bool,
    pub include_archived: bool,
    pub shard: Option<(u64, u64)>,
    pub dry_run: Option<DryRun>,
    pub branch: String,
    pub api_url: String,
    pub credentials: Credentials,
    /// Every secret of the run (the token, each installation token made), for redaction.
    pub secrets: Arc<Secrets>,
    pub unsafe_fixes: bool,
    pub max_new_prs: usize,
    /// Open pull requests from the bot's branches (see [`branch_prefix`]) a repository may
    /// have; a repository's `.converge.yaml` may lower it.
    pub max_open_prs: Option<usize>,
    /// Repositories processed at once.
    pub concurrency: usize,
    /// API requests in flight at once, over the whole run.
    pub api_concurrency: usize,
    /// Clone into `DIR/<owner>/<name>` and keep the clones (a temporary directory otherwise).
    pub work_dir: Option<PathBuf>,
    /// Write each repository's SARIF log to `DIR/<owner>/<name>.sarif`.
    pub sarif_dir: Option<PathBuf>,
    /// How long one API request may wait for its response (then it is retried).
    pub http_timeout: std::time::Duration,
    pub author_name: String,
    pub author_email: String,
    pub labels: Vec<String>,
    pub reviewers: Vec<String>,
}

/// `.converge.yaml` at the root of the default branch (see [`crate::config`]).
pub type RepoConfig = crate::config::Config;

/// What happened to one repository, for the report.
#[derive(Debug, Default, serde::Serialize)]
pub struct RepoOutcome {
    pub repo: String,
    /// opened | updated | unchanged | closed | clean | declined | modified | held | skipped |
    /// opted-out | would-open | would-update | would-close | scanned | failed | stopped
    pub action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// `held`: the limit that held the pull request back (`max-new-prs`, `max-open-prs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pr: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pr_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    pub fixed: usize,
    pub remaining: usize,
    pub held_back: usize,
    /// Findings accepted by a suppression comment or an exemption.
    pub suppressed: usize,
    pub errors: Vec<String>,
    /// API calls made for this repository.
    pub api_calls: usize,
    /// Dry run `full`/`plan`: the mutations that would have been made.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mutations: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
}

impl RepoOutcome {
    /// `acme/api: opened #12 (detail)`.
    pub fn headline(&self) -> String {
        let pr = self.pr.map(|n| format!(" #{n}")).unwrap_or_default();
        let detail = self
            .detail
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        format!("{}: {}{pr}{detail}", self.repo, self.action)
    }

    /// Whether this repository opened a pull request (or, in a dry run, would have).
    fn opened(&self) -> bool {
        self.action == "opened" || self.action == "would-open"
    }
}

#[derive(Debug)]
pub struct Target {
    pub full_name: String,
    pub default_branch: String,
    pub clone_url: String,
    pub skip: Option<String>,
}

const MARKER_PREFIX: &str = "<!-- converge:fingerprint=";
/// GitHub refuses PR bodies over 65,536 characters.
const BODY_LIMIT: usize = 60_000;

/// The fingerprint in a PR body's hidden marker.
pub fn body_fingerprint(body: &str) -> Option<&str> {
    let start = body.find(MARKER_PREFIX)? + MARKER_PREFIX.len();
    let rest = &body[start..];
    rest.find(" -->").map(|end| &rest[..end])
}

/// The shard a repository belongs to: a stable hash of its full name.
pub fn shard_of(full_name: &str, count: u64) -> u64 {
    let digest = Sha256::digest(full_name.to_ascii_lowercase().as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % count.max(1)
}

fn glob_set(patterns: &[String]) -> anyhow::Result<Option<globset::GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = globset::GlobSetBuilder::new();
    for p in patterns {
        builder.add(globset::Glob::new(p)?);
    }
    Ok(Some(builder.build()?))
}

fn target_of(repo: &Value, options: &BotOptions) -> Option<Target> {
    let full_name = repo["full_name"].as_str()?.to_owned();
    let skip = if repo["archived"] == true && !options.include_archived {
        Some("archived")
    } else if repo["disabled"] == true {
        Some("disabled")
    } else if repo["fork"] == true && !options.include_forks {
        Some("fork")
    } else if repo["size"] == 0 {
        Some("empty")
    } else {
        None
    };
    Some(Target {
        default_branch: repo["default_branch"].as_str().unwrap_or("main").to_owned(),
        clone_url: repo["clone_url"].as_str().unwrap_or_default().to_owned(),
        skip: skip.map(str::to_owned),
        full_name,
    })
}

/// The repositories of this run, in a deterministic order, filtered and sharded.
pub fn discover(api: &Api, options: &BotOptions) -> Result<Vec<Target>, anyhow::Error> {
    let mut names: Vec<String> = options.repos.clone();
    if let Some(file) = &options.repos_file {
        let text = std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        names.extend(
            text.lines()
                .map(|l| l.split('#').next().unwrap_or("").trim())
                .filter(|l| !l.is_empty())
                .map(str::to_owned),
        );
    }
    let mut targets = Vec::new();
    if let Some(org) = &options.org {
        let listing = api.session(org);
        for repo in listing.get_all(&format!("/orgs/{org}/repos?per_page=100&type=all"))? {
            targets.extend(target_of(&repo, options));
        }
    }
    for name in names {
        if targets
            .iter()
            .any(|t| t.full_name.eq_ignore_ascii_case(&name))
        {
            continue;
        }
        let repo = api.session(&name).get(&format!("/repos/{name}"))?;
        targets.extend(target_of(&repo.body, options));
    }
    let include = glob_set(&options.include)?;
    let exclude = glob_set(&options.exclude)?;
    targets.retain(|t| {
        include.as_ref().is_none_or(|g| g.is_match(&t.full_name))
            && !exclude.as_ref().is_some_and(|g| g.is_match(&t.full_name))
    });
    if let Some((index, count)) = options.shard {
        targets.retain(|t| shard_of(&t.full_name, count) == index);
    }
    targets.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    targets.dedup_by(|a, b| a.full_name == b.full_name);
    Ok(targets)
}

/// Runs over every repository, `options.concurrency` at a time; the outcomes come in the
/// run's order. A failure is recorded and the run goes on, except a refused token (401), which
/// ends it: the repositories not yet started are reported as `stopped`.
pub fn run(options: &BotOptions, progress: &Progress) -> anyhow::Result<Vec<RepoOutcome>> {
    let mut api = Api::new(
        &options.api_url,
        options.credentials.clone(),
        options.http_timeout,
        options.secrets.clone(),
        options.api_concurrency,
    )?;
    api.dry_run = options.dry_run.is_some();
    api.org.clone_from(&options.org);
    if let Ok(ms) = std::env::var("CONVERGE_BOT_BACKOFF_MS") {
        api.backoff = std::time::Duration::from_millis(ms.parse().unwrap_or(500));
    }
    let targets = discover(&api, options)?;
    progress.set_total(targets.len());
    let shared = Shared {
        api: &api,
        options,
        engines: Engines::default(),
        new_prs: NewPrLimit::new(targets.len(), options.max_new_prs),
        stopped: AtomicBool::new(false),
        progress,
    };
    let next = AtomicUsize::new(0);
    let outcomes: Vec<Mutex<Option<RepoOutcome>>> =
        targets.iter().map(|_| Mutex::new(None)).collect();
    let workers = options.concurrency.clamp(1, targets.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(target) = targets.get(index) else {
                    break;
                };
                let outcome = shared.repository(index, target);
                *outcomes[index].lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
            });
        }
    });
    Ok(outcomes
        .into_iter()
        .filter_map(|o| o.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect())
}

/// What the workers of a run share.
struct Shared<'a> {
    api: &'a Api,
    options: &'a BotOptions,
    engines: Engines,
    new_prs: NewPrLimit,
    /// Set by a refused token: the repositories not started yet are left alone.
    stopped: AtomicBool,
    progress: &'a Progress,
}

impl Shared<'_> {
    /// Processes the `index`th repository of the run.
    fn repository(&self, index: usize, target: &Target) -> RepoOutcome {
        self.progress.started(&target.full_name);
        // Whatever happens, later repositories learn whether this one opened a pull request.
        let mut settled = Settled {
            limit: &self.new_prs,
            index,
            opened: false,
        };
        let outcome = self.outcome(index, target);
        settled.opened = outcome.opened();
        drop(settled);
        self.progress.finished(&outcome);
        outcome
    }

    fn outcome(&self, index: usize, target: &Target) -> RepoOutcome {
        let mut outcome = RepoOutcome {
            repo: target.full_name.clone(),
            ..RepoOutcome::default()
        };
        if self.stopped.load(Ordering::SeqCst) {
            outcome.action = "stopped".into();
            outcome.detail = Some("not processed: the token was refused (401), run stopped".into());
            return outcome;
        }
        if let Some(why) = &target.skip {
            outcome.action = "skipped".into();
            outcome.detail = Some(why.clone());
            return outcome;
        }
        let session = self.api.session(&target.full_name);
        let result = process(&session, self, target, index, &mut outcome);
        outcome.mutations = session.take_logged();
        outcome.api_calls = session.calls();
        if let Err(e) = result {
            outcome.action = "failed".into();
            outcome.errors.push(session.redact(&e.to_string()));
            if matches!(
                e.downcast_ref::<ApiError>(),
                Some(ApiError::Unauthorized(_))
            ) {
                // Every later call would be refused too: the rest is left for the next run,
                // and the report still says what this one did.
                self.stopped.store(true, Ordering::SeqCst);
            }
        }
        outcome
    }
}

/// `--max-new-prs` over repositories processed in parallel: the `i`th repository of the run
/// may open a pull request when fewer than `max` of the repositories before it opened one, as
/// in a run one repository at a time. It waits only while the answer still depends on
/// repositories before it that are not finished (near the limit).
struct NewPrLimit {
    max: usize,
    /// Per repository: `None` while it is under way, then whether it opened a pull request.
    settled: Mutex<Vec<Option<bool>>>,
    changed: Condvar,
}

impl NewPrLimit {
    fn new(repositories: usize, max: usize) -> NewPrLimit {
        NewPrLimit {
            max,
            settled: Mutex::new(vec![None; repositories]),
            changed: Condvar::new(),
        }
    }

    /// Whether the `index`th repository may open a pull request.
    fn may_open(&self, index: usize) -> bool {
        let mut settled = self.settled.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let before = &settled[..index];
            let opened = before.iter().filter(|s| **s == Some(true)).count();
            let under_way = before.iter().filter(|s| s.is_none()).count();
            if opened >= self.max {
                return false;
            }
            if opened + under_way < self.max {
                return true;
            }
            settled = self
                .changed
                .wait(settled)
                .unwrap_or_else(|e| e.into_inner());
        }
    }

    fn settle(&self, index: usize, opened: bool) {
        let mut settled = self.settled.lock().unwrap_or_else(|e| e.into_inner());
        settled[index] = Some(opened);
        self.changed.notify_all();
    }
}

/// Settles a repository in the [`NewPrLimit`] when dropped, also when processing it panicked
/// (the repositories after it would wait for it otherwise).
struct Settled<'a> {
    limit: &'a NewPrLimit,
    index: usize,
    opened: bool,
}

impl Drop for Settled<'_> {
    fn drop(&mut self) {
        self.limit.settle(self.index, self.opened);
    }
}

/// The part of `branch` its sibling bot branches share: up to its last `/` (`converge/` for
/// `converge/fixes`), or the whole name.
pub fn branch_prefix(branch: &str) -> &str {
    branch.rfind('/').map_or(branch, |i| &branch[..=i])
}

/// Open pull requests of `target` whose head is a branch of its own named with `prefix`.
fn open_bot_prs(api: &Session, target: &Target, prefix: &str) -> Result<usize, ApiError> {
    let owner = target.full_name.split('/').next().unwrap_or("");
    let label = format!("{owner}:{prefix}");
    let open = api.get_all(&format!(
        "/repos/{}/pulls?state=open&per_page=100",
        target.full_name
    ))?;
    Ok(open
        .iter()
        .filter(|p| {
            p["head"]["label"]
                .as_str()
                .is_some_and(|l| l.starts_with(&label))
        })
        .count())
}

fn process(
    api: &Session,
    run: &Shared,
    target: &Target,
    index: usize,
    outcome: &mut RepoOutcome,
) -> anyhow::Result<()> {
    let options = run.options;
    let scratch;
    let work = match &options.work_dir {
        Some(dir) => {
            let work = dir.join(&target.full_name);
            if work.exists() {
                std::fs::remove_dir_all(&work)?;
            }
            std::fs::create_dir_all(&work)?;
            work
        }
        None => {
            scratch = tempfile::tempdir()?;
            scratch.path().join("repo")
        }
    };
    let repo = Repo::clone_shallow(
        &target.clone_url,
        &target.default_branch,
        &work,
        Some(&api.git_token()?),
    )?;
    let loaded = crate::config::read_in(&work)?;
    let config = loaded
        .as_ref()
        .map_or_else(RepoConfig::default, |l| l.config.clone());
    if !config.enabled {
        outcome.action = "opted-out".into();
        return Ok(());
    }
    let rule_dirs: Vec<PathBuf> = config
        .rules
        .iter()
        .filter(|p| p.is_relative() && !p.components().any(|c| c.as_os_str() == ".."))
        .map(|p| work.join(p))
        .collect();
    let selection = Selection {
        select: config.select.clone(),
        ignore: config.ignore.clone(),
    };
    let engine = if rule_dirs.is_empty() {
        run.engines.get(&selection)?
    } else {
        // Rules from the repository itself: compiled for it alone.
        Arc::new(Engine::load(&rule_dirs, &selection)?)
    };
    // Exemptions: the engine is the shared one with the repository's exemptions added.
    let engine = match loaded.as_ref().filter(|l| !l.config.exemptions.is_empty()) {
        None => engine,
        Some(loaded) => {
            let (exemptions, warnings) =
                crate::config::Exemptions::new(loaded, &crate::config::today(), &|id| {
                    engine.rules.knows(id)
                });
            Arc::new((*engine).clone().with_exemptions(exemptions, warnings))
        }
    };
    let unsafe_fixes = config.unsafe_fixes.unwrap_or(options.unsafe_fixes);
    let mode = if options.dry_run == Some(DryRun::Scan) {
        Mode::Scan
    } else {
        Mode::Fix { unsafe_fixes }
    };
    let mut report = engine.run(std::slice::from_ref(&work), mode, None);
    // The scratch clone takes the fixes (also in a dry run: it is the bot's own copy).
    crate::write::apply_all(&mut report);
    // Paths as the repository knows them (the clone's directory is the bot's business).
    report.strip_root(&work);
    if let Some(dir) = &options.sarif_dir {
        // The log of the default branch's files, as code scanning wants it (paths relative to
        // the repository), with the fixes the pull request makes.
        let path = dir.join(format!("{}.sarif", target.full_name));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        crate::report::sarif::write_log(&engine, &report, "bot", options.dry_run.is_some(), &path)?;
    }
    let summary = crate::report::Summary::of(&report);
    outcome.fixed = summary.fixed;
    outcome.remaining = summary.remaining();
    outcome.held_back = summary.unsafe_fixable + summary.fixable;
    outcome.suppressed = summary.suppressed;
    outcome.errors.extend(
        report
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.path.display(), e.message)),
    );
    if options.dry_run == Some(DryRun::Scan) {
        outcome.action = "scanned".into();
        return Ok(());
    }
    let changed: Vec<(PathBuf, &FileReport)> = report
        .files
        .iter()
        .filter(|f| f.fixed.is_some())
        .map(|f| (f.path.clone(), f))
        .collect();
    let print = (!changed.is_empty()).then(|| fingerprint(&changed));
    outcome.fingerprint = print.clone();
    if options.dry_run.is_some() && !changed.is_empty() {
        outcome.diff = Some(crate::report::diff(&report));
    }

    let owner = target.full_name.split('/').next().unwrap_or("");
    let pulls = api
        .get(&format!(
            "/repos/{}/pulls?head={owner}:{}&state=all&per_page=100",
            target.full_name, options.branch
        ))?
        .body
        .as_array()
        .cloned()
        .unwrap_or_default();
    let open = pulls.iter().find(|p| p["state"] == "open");
    let remote_tip = repo.remote_tip("origin", &options.branch, Some(&api.git_token()?))?;
    let tip = match remote_tip {
        Some(_) => Some(repo.fetch_tip("origin", &options.branch, Some(&api.git_token()?))?),
        None => None,
    };
    let bot_made = tip.as_ref().is_none_or(|t| {
        t.author_email == options.author_email
            && crate::git::trailer(&t.message, FINGERPRINT_TRAILER).is_some()
    });
    let plan_only = options.dry_run == Some(DryRun::Plan);

    let Some(print) = print else {
        // Nothing to fix: an open bot PR has done its job.
        match open {
            Some(pr) => {
                let number = pr["number"].as_u64().unwrap_or(0);
                outcome.pr = Some(number);
                outcome.pr_url = pr["html_url"].as_str().map(str::to_owned);
                outcome.action = if options.dry_run.is_some() {
                    "would-close".into()
                } else {
                    "closed".into()
                };
                if plan_only {
                    return Ok(());
                }
                let route = format!("/repos/{}/issues/{number}/comments", target.full_name);
                api.mutate(
                    "POST",
                    &route,
                    Some(&json!({"body": "The findings this pull request fixed are resolved on the default branch; closing it."})),
                    "comment: findings resolved",
                )?;
                api.mutate(
                    "PATCH",
                    &format!("/repos/{}/pulls/{number}", target.full_name),
                    Some(&json!({"state": "closed"})),
                    "state=closed",
                )?;
                if remote_tip.is_some() && bot_made {
                    api.mutate(
                        "DELETE",
                        &format!(
                            "/repos/{}/git/refs/heads/{}",
                            target.full_name, options.branch
                        ),
                        None,
                        "delete the bot branch",
                    )?;
                } else if remote_tip.is_some() {
                    outcome.detail =
                        Some("branch kept: it has commits the bot did not make".into());
                }
            }
            None => outcome.action = "clean".into(),
        }
        return Ok(());
    };

    if !bot_made {
        outcome.action = "modified".into();
        outcome.detail = Some(format!(
            "{} has commits the bot did not make; left alone",
            options.branch
        ));
        if let Some(pr) = open {
            outcome.pr = pr["number"].as_u64();
        }
        return Ok(());
    }
    let labels: Vec<String> = options
        .labels
        .iter()
        .chain(&config.labels)
        .cloned()
        .collect();
    let reviewers: Vec<String> = options
        .reviewers
        .iter()
        .chain(&config.reviewers)
        .cloned()
        .collect();
    let title = fixes_subject(&changed);
    let body = pr_body(
        &report,
        summary.fixed,
        &engine,
        &changed,
        &print,
        unsafe_fixes,
    );

    if open.is_none() {
        let declined = pulls.iter().any(|p| {
            p["state"] == "closed"
                && p["merged_at"].is_null()
                && p["body"].as_str().and_then(body_fingerprint) == Some(print.as_str())
        });
        if declined {
            outcome.action = "declined".into();
            outcome.detail =
                Some("a pull request with these fixes was closed unmerged; not reopened".into());
            return Ok(());
        }
        let max_open = match (options.max_open_prs, config.max_open_prs) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(max) = max_open {
            let prefix = branch_prefix(&options.branch);
            let open_now = open_bot_prs(api, target, prefix)?;
            if open_now >= max {
                outcome.action = "held".into();
                outcome.limit = Some("max-open-prs");
                outcome.detail = Some(format!(
                    "{open_now} pull request(s) from {prefix}* branches are open; the limit is {max} per repository"
                ));
                return Ok(());
            }
        }
        if !run.new_prs.may_open(index) {
            outcome.action = "held".into();
            outcome.limit = Some("max-new-prs");
            outcome.detail = Some(format!(
                "the limit of {} new pull request(s) per run was reached",
                options.max_new_prs
            ));
            return Ok(());
        }
    }

    // The commit: the fixed files on top of the default branch.
    let tree_unchanged = {
        let paths: Vec<PathBuf> = changed.iter().map(|(p, _)| p.clone()).collect();
        let message = commit_message(&changed, &print);
        let author = git2::Signature::now(&options.author_name, &options.author_email)?;
        repo.commit(&paths, &message, &author)?;
        tip.as_ref()
            .is_some_and(|t| repo.head_tree().ok() == Some(t.tree))
    };
    if plan_only {
        outcome.action = if open.is_some() {
            "would-update".into()
        } else {
            "would-open".into()
        };
        outcome.pr = open.and_then(|p| p["number"].as_u64());
        return Ok(());
    }
    if !tree_unchanged {
        if options.dry_run.is_some() {
            api.log(format!(
                "git push --force-with-lease origin HEAD:refs/heads/{} (expect {})",
                options.branch,
                remote_tip.map_or("absent".to_owned(), |o| o.to_string())
            ));
        } else {
            repo.push_head_with_lease(
                "origin",
                &options.branch,
                remote_tip,
                Some(&api.git_token()?),
            )?;
        }
    }

    match open {
        Some(pr) => {
            let number = pr["number"].as_u64().unwrap_or(0);
            outcome.pr = Some(number);
            outcome.pr_url = pr["html_url"].as_str().map(str::to_owned);
            let same = pr["title"].as_str() == Some(title.as_str())
                && pr["body"].as_str() == Some(body.as_str());
            if !same {
                api.mutate(
                    "PATCH",
                    &format!("/repos/{}/pulls/{number}", target.full_name),
                    Some(&json!({"title": title, "body": body})),
                    &format!("title and body, fingerprint {print}"),
                )?;
            }
            outcome.action = match (options.dry_run.is_some(), same && tree_unchanged) {
                (_, true) => "unchanged".into(),
                (true, false) => "would-update".into(),
                (false, false) => "updated".into(),
            };
        }
        None => {
            let created = api.mutate(
                "POST",
                &format!("/repos/{}/pulls", target.full_name),
                Some(&json!({
                    "title": title,
                    "head": options.branch,
                    "base": target.default_branch,
                    "body": body,
                    "maintainer_can_modify": true,
                })),
                &format!(
                    "open PR {} -> {}, fingerprint {print}",
                    options.branch, target.default_branch
                ),
            );
            let number = match created {
                Ok(Some(response)) => {
                    outcome.pr_url = response.body["html_url"].as_str().map(str::to_owned);
                    response.body["number"].as_u64()
                }
                Ok(None) => None,
                // Another run opened it meanwhile: adopt it instead of opening a duplicate.
                Err(ApiError::Status { status: 422, .. }) => {
                    let existing = api.get(&format!(
                        "/repos/{}/pulls?head={owner}:{}&state=open",
                        target.full_name, options.branch
                    ))?;
                    let pr = existing.body.as_array().and_then(|a| a.first()).cloned();
                    let number = pr.as_ref().and_then(|p| p["number"].as_u64());
                    if let (Some(pr), Some(n)) = (&pr, number) {
                        outcome.detail =
                            Some("adopted the pull request of a concurrent run".into());
                        outcome.pr_url = pr["html_url"].as_str().map(str::to_owned);
                        if pr["body"].as_str() != Some(body.as_str()) {
                            api.mutate(
                                "PATCH",
                                &format!("/repos/{}/pulls/{n}", target.full_name),
                                Some(&json!({"title": title, "body": body})),
                                "title and body",
                            )?;
                        }
                    }
                    outcome.pr = number;
                    outcome.action = "updated".into();
                    return Ok(());
                }
                Err(e) => return Err(e.into()),
            };
            outcome.action = if options.dry_run.is_some() {
                "would-open".into()
            } else {
                "opened".into()
            };
            outcome.pr = number;
            let n = number.map_or("NEW".to_owned(), |n| n.to_string());
            if !labels.is_empty() {
                api.mutate(
                    "POST",
                    &format!("/repos/{}/issues/{n}/labels", target.full_name),
                    Some(&json!({"labels": labels})),
                    &format!("labels {}", labels.join(", ")),
                )?;
            }
            if !reviewers.is_empty() {
                api.mutate(
                    "POST",
                    &format!("/repos/{}/pulls/{n}/requested_reviewers", target.full_name),
                    Some(&json!({"reviewers": reviewers})),
                    &format!("reviewers {}", reviewers.join(", ")),
                )?;
            }
        }
    }
    Ok(())
}

/// Engines for the built-in rules, one per selection, compiled once per run and shared by
/// its workers.
#[derive(Default)]
struct Engines(Mutex<Vec<(SelectionKey, Arc<Engine>)>>);

/// A selection's `select` and `ignore` lists.
type SelectionKey = (Vec<String>, Vec<String>);

impl Engines {
    fn get(&self, selection: &Selection) -> anyhow::Result<Arc<Engine>> {
        let key = (selection.select.clone(), selection.ignore.clone());
        // Held while compiling: a worker that needs the same engine waits for it.
        let mut engines = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, engine)) = engines.iter().find(|(k, _)| *k == key) {
            return Ok(engine.clone());
        }
        let engine = Arc::new(Engine::load(&[], selection)?);
        engines.push((key, engine.clone()));
        Ok(engine)
    }
}

/// The PR body: what changed and why, what was held back, how to control the bot, and the
/// hidden fingerprint marker; under GitHub's size limit.
fn pr_body(
    report: &crate::engine::RunReport,
    fixed: usize,
    engine: &Engine,
    changed: &[(PathBuf, &FileReport)],
    print: &str,
    unsafe_fixes: bool,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "converge fixed {} finding(s) in {} file(s). Every fix was re-parsed and re-checked: the files parse, the fixed findings are gone and no new finding appeared.\n",
        fixed,
        changed.len()
    );
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let _ = writeln!(
        out,
        "| Rule | Location | Severity | Change | Applicability | checkov |\n|---|---|---|---|---|---|"
    );
    let mut truncated = 0;
    for (path, file) in changed {
        for f in file.findings.iter().filter(|f| f.status == Status::Fixed) {
            let meta = engine.rules.rule(&f.rule);
            let row = format!(
                "| `{}` | `{}:{}` | {} | {} | {} | {} |\n",
                f.rule,
                path.display(),
                f.start.line,
                engine.rules.severity(&f.rule),
                cell(&f.fix.as_ref().map_or(String::new(), |x| match &x.note {
                    Some(n) => format!("{} ({n})", x.title),
                    None => x.title.clone(),
                })),
                f.fix.as_ref().map_or("", |x| x.applicability.as_str()),
                meta.map_or(String::new(), |m| m.checkov.join(", "))
            );
            if out.len() + row.len() > BODY_LIMIT / 2 {
                truncated += 1;
                continue;
            }
            out.push_str(&row);
        }
    }
    if truncated > 0 {
        let _ = writeln!(out, "\n…and {truncated} more fixes (see the commit).");
    }
    let held: Vec<String> = report
        .files
        .iter()
        .flat_map(|file| {
            file.findings
                .iter()
                .filter(|f| !matches!(f.status, Status::Fixed | Status::Suppressed))
                .map(move |f| {
                    let why = f.reason.clone().unwrap_or_else(|| match f.status {
                        Status::UnsafeFixable => {
                            "an unsafe fix: enable `unsafe_fixes: true` in .converge.yaml to have it made".into()
                        }
                        _ => "no automatic fix".into(),
                    });
                    format!(
                        "- `{}` `{}:{}`: {}\n",
                        f.rule,
                        file.path.display(),
                        f.start.line,
                        cell(&why)
                    )
                })
        })
        .collect();
    details(&mut out, "Held back", &held, 2_000);
    suppressed_section(&mut out, report, &cell);
    let _ = writeln!(
        out,
        "\n---\nThis pull request is kept up to date by converge: it is updated when the findings change and closed when they are resolved. Close it to decline these fixes (the same fixes are not proposed again). Configure the bot in `.converge.yaml` on the default branch (`enabled: false` turns it off; `unsafe_fixes`, `select`, `ignore`, `labels`, `reviewers`). Unsafe fixes are {}.",
        if unsafe_fixes { "on" } else { "off" }
    );
    let _ = write!(out, "\n{MARKER_PREFIX}{print} -->\n");
    out
}

/// A folded list of `lines` (each ending in a newline) titled with their count, cut with `…`
/// where the body would come within `reserve` bytes of GitHub's limit.
fn details(out: &mut String, title: &str, lines: &[String], reserve: usize) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n<details><summary>{title} ({})</summary>\n",
        lines.len()
    );
    for line in lines {
        if out.len() + line.len() > BODY_LIMIT - reserve {
            let _ = writeln!(out, "- …");
            break;
        }
        out.push_str(line);
    }
    let _ = writeln!(out, "\n</details>");
}

/// The PR body's account of what people accepted: the exemptions in effect (with owner and
/// end date), the suppressed findings, and the configuration's warnings.
fn suppressed_section(
    out: &mut String,
    report: &crate::engine::RunReport,
    cell: &dyn Fn(&str) -> String,
) {
    if !report.exemptions.is_empty() {
        let _ = writeln!(
            out,
            "\n**Exemptions in effect** (`.converge.yaml`)\n\n| Rule | Paths and resources | Owner | Expires | Reason |\n|---|---|---|---|---|"
        );
        for e in &report.exemptions {
            let scope: Vec<&str> = e
                .paths
                .iter()
                .chain(&e.resources)
                .map(String::as_str)
                .collect();
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                e.rule,
                cell(&scope.join(", ")),
                cell(&e.owner),
                e.expires,
                cell(&e.reason)
            );
        }
    }
    let suppressed: Vec<String> = report
        .files
        .iter()
        .flat_map(|file| {
            file.findings.iter().filter_map(move |f| {
                let s = f.suppression.as_ref()?;
                Some(format!(
                    "- `{}` `{}:{}`: {}\n",
                    f.rule,
                    file.path.display(),
                    f.start.line,
                    cell(&crate::report::suppression_text(s))
                ))
            })
        })
        .collect();
    details(out, "Suppressed", &suppressed, 1_500);
    for w in &report.warnings {
        let _ = writeln!(out, "\n> **Warning:** {}", cell(&w.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_shards() {
        let body = "text\n<!-- converge:fingerprint=0123abcd -->\n";
        assert_eq!(body_fingerprint(body), Some("0123abcd"));
        assert_eq!(body_fingerprint("none"), None);
        // Stable across runs and case.
        assert_eq!(shard_of("acme/App", 4), shard_of("ACME/app", 4));
        assert!(shard_of("acme/app", 4) < 4);
        assert_eq!(branch_prefix("converge/fixes"), "converge/");
        assert_eq!(branch_prefix("bot"), "bot");
    }

    #[test]
    fn new_pull_requests_are_held_back_by_the_runs_order() {
        let limit = NewPrLimit::new(4, 2);
        // Far from the limit: no need to wait for the repositories before.
        assert!(limit.may_open(1));
        limit.settle(3, true);
        limit.settle(0, true);
        limit.settle(1, true);
        // Two opened before index 2 (whatever finished first): held.
        assert!(!limit.may_open(2));
        // Repository 3 would have been held too, in order; its own settle does not count.
        assert!(!limit.may_open(3));
    }

    #[test]
    fn a_repository_near_the_limit_waits_for_those_before_it() {
        let limit = Arc::new(NewPrLimit::new(3, 1));
        let waiter = {
            let limit = limit.clone();
            std::thread::spawn(move || limit.may_open(2))
        };
        std::thread::sleep(std::time::Duration::from_millis(50));
        limit.settle(0, false);
        limit.settle(1, true);
        assert!(!waiter.join().unwrap());
    }
}
