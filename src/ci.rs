//! `converge ci`: fix the checked-out working tree inside a pipeline; with `--push`, commit the
//! fixed files and push them to the current branch, once.
//!
//! The push is refused (and the job fails with the diff) on the default branch, on a detached
//! HEAD, for a pull request from a fork, when a file to fix had uncommitted changes, and when
//! HEAD already carries the same fingerprint (a fix that did not hold). It never forces: a
//! branch that moved on is reported, not overwritten. In GitHub Actions the run also writes a
//! job summary and an annotation per remaining finding.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::engine::{Engine, FileReport, Mode, RunReport, Status};
use crate::git::{self, Repo, Secret};
use crate::report::{self, Summary};
use crate::rule::RuleSet;

/// Trailer keys of a fix commit.
pub const FINGERPRINT_TRAILER: &str = "Converge-Fingerprint";
pub const RULES_TRAILER: &str = "Converge-Rules";

pub struct CiOptions {
    pub paths: Vec<PathBuf>,
    pub mode: Mode,
    pub threads: Option<usize>,
    pub push: bool,
    pub remote: String,
    pub default_branch: Option<String>,
    pub token_env: String,
    pub author_name: String,
    pub author_email: String,
    /// Where to write the run's SARIF log (findings of the files as checked out, with the fixes).
    pub sarif: Option<PathBuf>,
}

/// What the run did, for the exit code.
pub struct CiOutcome {
    pub summary: Summary,
    /// Files changed by fixes and left uncommitted (no `--push`, or the push was refused).
    pub pending: bool,
    /// The push failed or was refused for a reason that needs a person.
    pub push_failed: bool,
}

/// The fixes' identity: the same rules fixed at the same places give the same fingerprint,
/// whatever else changed in the files.
pub fn fingerprint(files: &[(PathBuf, &FileReport)]) -> String {
    let mut items: Vec<String> = files
        .iter()
        .flat_map(|(relative, file)| {
            file.findings
                .iter()
                .filter(|f| f.status == Status::Fixed)
                .map(move |f| format!("{}\t{}\t{}", f.rule, relative.display(), f.route))
        })
        .collect();
    items.sort();
    items.dedup();
    let digest = Sha256::digest(items.join("\n").as_bytes());
    digest.iter().take(8).fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

pub fn run(engine: &Engine, options: &CiOptions) -> anyhow::Result<CiOutcome> {
    let repo = Repo::discover(
        options
            .paths
            .first()
            .map_or(Path::new("."), PathBuf::as_path),
    );
    let mut report = engine.run(&options.paths, options.mode, options.threads);
    // Files with uncommitted changes before the run: their fixes are written but never
    // committed, so that nobody's work ends up in a bot commit.
    let dirty: Vec<PathBuf> = match (&repo, options.push) {
        (Ok(repo), true) => repo.uncommitted()?,
        _ => Vec::new(),
    };
    // The log first: when it cannot be written, no file has been changed yet.
    if let Some(path) = &options.sarif {
        report::sarif::write_log(engine, &report, "ci", false, path)?;
    }
    crate::write::apply_all(&mut report);
    let summary = Summary::of(&report);

    let diff = report::diff(&report);
    print!("{diff}");
    eprint!(
        "{}",
        report::text(&report, &engine.rules, options.mode, false)
    );

    let relative = |path: &Path| -> PathBuf {
        match &repo {
            Ok(repo) => repo.relative(path).unwrap_or_else(|| path.to_path_buf()),
            Err(_) => path.to_path_buf(),
        }
    };
    let changed: Vec<(PathBuf, &FileReport)> = report
        .files
        .iter()
        .filter(|f| f.fixed.is_some())
        .map(|f| (relative(&f.path), f))
        .collect();
    let print = fingerprint(&changed);
    let mut outcome = CiOutcome {
        summary,
        pending: !changed.is_empty(),
        push_failed: false,
    };
    let mut pushed = None;
    if options.push && !changed.is_empty() {
        match &repo {
            Err(e) => {
                eprintln!("converge ci: not pushed: not in a git repository ({e})");
                outcome.push_failed = true;
            }
            Ok(repo) => match push(repo, options, &changed, &dirty, &print) {
                Ok(branch) => {
                    eprintln!(
                        "converge ci: pushed {} fixed file(s) to {branch} (fingerprint {print})",
                        changed.len()
                    );
                    outcome.pending = false;
                    pushed = Some(branch);
                }
                Err(e) => {
                    eprintln!("converge ci: not pushed: {e}");
                    outcome.push_failed = true;
                }
            },
        }
    } else if !changed.is_empty() {
        eprintln!(
            "converge ci: {} file(s) fixed in the working tree, not committed (fingerprint {print}); run with --push to commit them",
            changed.len()
        );
    }

    if std::env::var("GITHUB_ACTIONS").as_deref() == Ok("true") {
        annotations(&report, &engine.rules, &relative);
        if let Ok(path) = std::env::var("GITHUB_STEP_SUMMARY") {
            let markdown = step_summary(
                &report,
                outcome.summary,
                &engine.rules,
                &relative,
                pushed.as_deref(),
            );
            let written = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .and_then(|mut f| std::io::Write::write_all(&mut f, markdown.as_bytes()));
            if let Err(e) = written {
                eprintln!("converge ci: could not write the job summary to {path}: {e}");
            }
        }
    }
    Ok(outcome)
}

fn push(
    repo: &Repo,
    options: &CiOptions,
    changed: &[(PathBuf, &FileReport)],
    dirty: &[PathBuf],
    print: &str,
) -> Result<String, git::GitError> {
    let refuse = |why: String| Err(git::GitError::Refused(why));
    let Some(branch) = repo.current_branch() else {
        return refuse("HEAD is detached; check out the branch to push to (for a pull request: `ref: ${{ github.head_ref }}` in actions/checkout)".into());
    };
    let event = github_event();
    if let Some(reason) = event.as_ref().and_then(fork_reason) {
        return refuse(reason);
    }
    let default = options
        .default_branch
        .clone()
        .or_else(|| {
            event.as_ref().and_then(|e| {
                e["repository"]["default_branch"]
                    .as_str()
                    .map(str::to_owned)
            })
        })
        .or_else(|| repo.default_branch(&options.remote));
    match default {
        None => {
            return refuse(format!(
                "cannot tell the default branch of `{}` (no refs/remotes/{}/HEAD); pass --default-branch",
                options.remote, options.remote
            ))
        }
        Some(default) if default == branch => {
            return refuse(format!(
                "`{branch}` is the default branch; converge never pushes to it (open a pull request instead)"
            ))
        }
        Some(_) => {}
    }
    if let Some(previous) = repo
        .head_message()
        .as_deref()
        .and_then(|m| git::trailer(m, FINGERPRINT_TRAILER).map(str::to_owned))
    {
        if previous == print {
            return refuse(format!(
                "HEAD already carries fingerprint {print}: the same fixes were pushed before and did not hold"
            ));
        }
    }
    let touched: Vec<&PathBuf> = changed
        .iter()
        .map(|(p, _)| p)
        .filter(|p| dirty.contains(p))
        .collect();
    if !touched.is_empty() {
        return refuse(format!(
            "these files had uncommitted changes before the run: {}",
            touched
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let paths: Vec<PathBuf> = changed.iter().map(|(p, _)| p.clone()).collect();
    let message = commit_message(changed, print);
    let author = git2::Signature::now(&options.author_name, &options.author_email)?;
    let parent = repo.head_commit()?;
    repo.commit(&paths, &message, &author)?;
    let token = std::env::var(&options.token_env)
        .ok()
        .filter(|t| !t.is_empty())
        .map(Secret::new);
    if let Err(e) = repo.push(&options.remote, &branch, token.as_ref()) {
        // Leave the checkout as a run without --push would: fixed files, no commit.
        repo.reset_to(parent)?;
        return Err(e);
    }
    Ok(branch)
}

/// The one-line summary of the fixes: the commit subject and the PR title.
pub fn fixes_subject(changed: &[(PathBuf, &FileReport)]) -> String {
    let count = changed
        .iter()
        .flat_map(|(_, f)| &f.findings)
        .filter(|f| f.status == Status::Fixed)
        .count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "Fix {count} policy finding{} in {} file{}",
        plural(count),
        changed.len(),
        plural(changed.len())
    )
}

/// The commit message: a subject, one line per fixed finding, and the trailers.
pub fn commit_message(changed: &[(PathBuf, &FileReport)], print: &str) -> String {
    let mut ids: Vec<&str> = changed
        .iter()
        .flat_map(|(_, f)| f.findings.iter())
        .filter(|f| f.status == Status::Fixed)
        .map(|f| f.rule.as_str())
        .collect();
    ids.sort();
    ids.dedup();
    let mut message = format!("{}\n\n", fixes_subject(changed));
    for (relative, file) in changed {
        for finding in file.findings.iter().filter(|f| f.status == Status::Fixed) {
            let title = finding
                .fix
                .as_ref()
                .map_or(finding.message.as_str(), |f| f.title.as_str());
            let _ = writeln!(
                message,
                "- {}:{}: {} ({})",
                relative.display(),
                finding.start.line,
                title,
                finding.rule
            );
        }
    }
    let _ = write!(
        message,
        "\n{FINGERPRINT_TRAILER}: {print}\n{RULES_TRAILER}: {}\n",
        ids.join(", ")
    );
    message
}

/// The GitHub event of the workflow run, when there is one.
fn github_event() -> Option<Value> {
    let path = std::env::var("GITHUB_EVENT_PATH").ok()?;
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// Why a pull request event's head cannot receive the push: it lives in a fork.
fn fork_reason(event: &Value) -> Option<String> {
    let pr = event.get("pull_request")?;
    let head = pr["head"]["repo"]["full_name"].as_str();
    let base = pr["base"]["repo"]["full_name"].as_str();
    match (head, base) {
        (Some(head), Some(base)) if head != base => Some(format!(
            "the pull request comes from the fork {head}; converge never pushes to a fork"
        )),
        (None, _) => Some("the pull request's head repository is gone (deleted fork)".into()),
        _ => None,
    }
}

fn escape_property(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command per finding left in the files: `::error` for high and critical, else
/// `::warning`.
fn annotations(report: &RunReport, rules: &RuleSet, relative: &dyn Fn(&Path) -> PathBuf) {
    for file in &report.files {
        let path = relative(&file.path);
        let left =
            |f: &&crate::engine::Finding| !matches!(f.status, Status::Fixed | Status::Suppressed);
        for finding in file.findings.iter().filter(left) {
            let severity = rules.severity(&finding.rule);
            let level = if matches!(severity, "high" | "critical") {
                "error"
            } else {
                "warning"
            };
            println!(
                "::{level} file={},line={},col={},endLine={},title={}::{}",
                escape_property(&path.display().to_string()),
                finding.start.line,
                finding.start.column,
                finding.end.line,
                escape_property(&finding.rule),
                escape_data(&finding.message)
            );
        }
    }
    for error in &report.errors {
        let path = relative(&error.path);
        let position = error
            .position
            .map(|p| format!(",line={},col={}", p.line, p.column))
            .unwrap_or_default();
        println!(
            "::error file={}{position},title=converge::{}",
            escape_property(&path.display().to_string()),
            escape_data(&error.message)
        );
    }
}

/// The job summary: counts, what was fixed, what is left and why.
fn step_summary(
    report: &RunReport,
    summary: Summary,
    rules: &RuleSet,
    relative: &dyn Fn(&Path) -> PathBuf,
    pushed: Option<&str>,
) -> String {
    let mut out = String::from("## converge\n\n");
    let _ = writeln!(
        out,
        "{} finding(s): {} fixed, {} left ({} fixable with --unsafe-fixes, {} need manual changes){}, {} error(s).\n",
        summary.findings,
        summary.fixed,
        summary.remaining(),
        summary.unsafe_fixable,
        summary.manual + summary.fix_failed,
        if summary.suppressed > 0 {
            format!(", {} suppressed", summary.suppressed)
        } else {
            String::new()
        },
        summary.errors
    );
    match pushed {
        Some(branch) => {
            let _ = writeln!(out, "The fixes were committed and pushed to `{branch}`.\n");
        }
        None if summary.fixed > 0 => {
            let _ = writeln!(
                out,
                "The fixes were made in the working tree only (not pushed).\n"
            );
        }
        None => {}
    }
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let part = |f: &crate::engine::Finding| match f.status {
        Status::Fixed => "Fixed",
        Status::Suppressed => "Suppressed",
        _ => "Left",
    };
    let rows = |title: &str| -> Vec<String> {
        let mut rows = Vec::new();
        for file in &report.files {
            let path = relative(&file.path);
            for f in file.findings.iter().filter(|f| part(f) == title) {
                let severity = rules.severity(&f.rule);
                let detail = if let Some(s) = &f.suppression {
                    crate::report::suppression_text(s)
                } else if f.status == Status::Fixed {
                    // Without a fix of its own: resolved by another finding's fix (the reason).
                    f.fix
                        .as_ref()
                        .map(|x| x.title.clone())
                        .or_else(|| f.reason.clone())
                        .unwrap_or_default()
                } else {
                    f.reason.clone().unwrap_or_else(|| match f.status {
                        Status::UnsafeFixable => "fixable with --unsafe-fixes".into(),
                        _ => "no automatic fix".into(),
                    })
                };
                rows.push(format!(
                    "| `{}` | `{}:{}` | {severity} | {} |",
                    f.rule,
                    path.display(),
                    f.start.line,
                    cell(&detail)
                ));
            }
        }
        rows
    };
    const LIMIT: usize = 200;
    for (title, last) in [
        ("Fixed", "Change"),
        ("Left", "Why"),
        ("Suppressed", "Accepted by"),
    ] {
        let rows = rows(title);
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "### {title}\n\n| Rule | Location | Severity | {last} |\n|---|---|---|---|"
        );
        for row in rows.iter().take(LIMIT) {
            let _ = writeln!(out, "{row}");
        }
        if rows.len() > LIMIT {
            let _ = writeln!(out, "\n…and {} more.", rows.len() - LIMIT);
        }
        out.push('\n');
    }
    out
}
