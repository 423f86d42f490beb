//! The command line: `scan`, `fix`, `ci`, `bot`, `rules`, `explain`, `docs`, `test`, `new`, and
//! the `completions` and `man` pages generated from the same definitions.

use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::detect::Selection;
use crate::engine::{Engine, Mode};
use crate::remediation::Applicability;
use crate::report;
use crate::source::Target;

#[derive(Debug, Parser)]
#[command(
    name = "converge",
    version,
    about = "Find and fix policy violations in Terraform and Kubernetes files, byte-exactly"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print less: only the findings that remain (one line each) and errors; log only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: timings and what each step does (`-vv` also the libraries' logs).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// When to colour the output: on a terminal unless NO_COLOR is set (auto), always, never.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    color: crate::term::ColorChoice,
}

/// The options every command shares.
#[derive(Debug, Clone, Copy)]
struct Global {
    quiet: bool,
    verbose: u8,
    color: crate::term::ColorChoice,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report findings; change nothing.
    Scan(CheckArgs),
    /// Fix findings in place (or show the diff with --dry-run).
    Fix(FixArgs),
    /// In a pipeline: fix the working tree; with --push, commit the fixes and push them to the
    /// current branch (never the default branch, never a fork).
    Ci(CiArgs),
    /// Scheduled runs over many repositories: one pull request of verified fixes per
    /// repository, opened, updated or closed as the findings change.
    Bot(Box<BotArgs>),
    /// List the rules.
    Rules(RulesArgs),
    /// Explain one rule: what it detects, why, and how it is fixed.
    Explain {
        rule: String,
        #[arg(long, num_args = 1.., value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Write the rule documentation (`docs/rules/`), or check that it is current.
    Docs {
        /// Fail (exit 1) when a page is missing, stale or documents no rule; write nothing.
        #[arg(long)]
        check: bool,
        #[arg(long, default_value = "docs/rules", value_name = "DIR")]
        out: PathBuf,
    },
    /// Test the built-in rules, or the rules in each DIR: their Rego unit tests (`test_*` rules
    /// in `*_test.rego`) and their fixtures (`tests/fixtures/<rule-id>/`). `--verbose` also
    /// prints a line per passing Rego test and per rule.
    Test {
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Create the files of a new rule.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Print the shell completion script (e.g. `converge completions bash > /etc/bash_completion.d/converge`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff; `converge man | man -l -`).
    Man,
}

#[derive(Debug, Subcommand)]
enum NewCommand {
    /// A rule in the built-in layout under DIR: detector, Rego test, remediation and fixtures.
    Rule {
        /// The rule id, kebab-case, naming the bad pattern (e.g. `aws-s3-bucket-unversioned`).
        id: String,
        #[arg(long, value_parser = ["terraform", "kubernetes"])]
        target: String,
        #[arg(long, default_value = ".", value_name = "DIR")]
        dir: PathBuf,
    },
}

/// Report formats of `scan` and `fix`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// Diagnostics with code frames and a summary line.
    Text,
    /// The versioned report of docs/json-format.md.
    Json,
    /// SARIF 2.1.0, for code scanning (docs/sarif.md).
    Sarif,
    /// A summary with tables, for a pull request body or $GITHUB_STEP_SUMMARY.
    Markdown,
}

/// Formats of the rule list.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or directories (default: the current directory).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Only these rules (ids or prefixes ending in `-`; comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Vec<String>,
    /// Skip these rules (ids or prefixes ending in `-`).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Extra rule directories (Rego rules, conftest policies, `remediations/*.yaml`).
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Skip files larger than this (bytes, or with a K, M or G suffix).
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_FILE_SIZE, value_parser = parse_size)]
    max_file_size: u64,
    /// Seconds one evaluation of the rules on one input may take before the rules that ran
    /// over are reported as failed on that file.
    #[arg(long, value_name = "SECONDS", default_value_t = crate::engine::DEFAULT_RULE_TIMEOUT_SECS)]
    rule_timeout: u64,
    #[command(flatten)]
    config: ConfigArgs,
}

/// Where the settings come from.
#[derive(Debug, Args)]
struct ConfigArgs {
    /// The configuration file (default: `.converge.yaml` in the current directory or the
    /// nearest one above it in the git working tree; see docs/configuration.md).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    no_config: bool,
}

impl ConfigArgs {
    /// The configuration that applies, if any: `--config`, else the one found from the current
    /// directory, else the one found from the first path checked.
    fn load(&self, paths: &[PathBuf]) -> anyhow::Result<Option<crate::config::Loaded>> {
        if self.no_config {
            return Ok(None);
        }
        if let Some(path) = &self.config {
            return crate::config::read(path).map(Some);
        }
        let from_path = paths.first().map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        });
        let found = crate::config::find(Path::new("."))
            .or_else(|| from_path.and_then(|p| crate::config::find(&p)));
        match found {
            Some(path) => {
                let shown =
                    crate::report::shown_path(&path, std::env::current_dir().ok().as_deref());
                crate::config::read(Path::new(&shown)).map(Some)
            }
            None => Ok(None),
        }
    }
}

/// `--unsafe-fixes`, or `unsafe_fixes: true` in the configuration (the flag cannot be turned
/// off by the file).
fn unsafe_fixes_wanted(flag: bool, config: Option<&crate::config::Loaded>) -> bool {
    flag || config.is_some_and(|c| c.config.unsafe_fixes == Some(true))
}

/// The engine for `scan`, `fix` and `ci`: the command line's rules and selection merged with
/// the configuration's (`--select` replaces the file's `select`; `ignore` and rule directories
/// add up), and the file's exemptions checked against today's date.
fn configured_engine(
    config: Option<&crate::config::Loaded>,
    rules: &[PathBuf],
    select: Vec<String>,
    ignore: Vec<String>,
) -> anyhow::Result<Engine> {
    let mut dirs = rules.to_vec();
    let mut selection = Selection { select, ignore };
    if let Some(loaded) = config {
        dirs.extend(loaded.rule_dirs());
        if selection.select.is_empty() {
            selection.select = loaded.config.select.clone();
        }
        selection
            .ignore
            .extend(loaded.config.ignore.iter().cloned());
    }
    let engine = Engine::load(&dirs, &selection)?;
    let Some(loaded) = config else {
        return Ok(engine);
    };
    let (exemptions, warnings) =
        crate::config::Exemptions::new(loaded, &crate::config::today(), &|id| {
            engine.rules.knows(id)
        });
    Ok(engine.with_exemptions(exemptions, warnings))
}

/// `--max-file-size`'s default as written in the help; the same as the engine's default (a
/// test checks it).
const DEFAULT_MAX_FILE_SIZE: &str = "10M";

/// `10M` → 10 MiB; a plain number is bytes.
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&text[..i], c.to_ascii_uppercase()),
        _ => (text, 'B'),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a size (bytes, or a number with K, M or G)"))?;
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        other => return Err(format!("unknown size unit `{other}` (use K, M or G)")),
    };
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

#[derive(Debug, Args)]
struct FixArgs {
    #[command(flatten)]
    check: CheckArgs,
    /// Print the unified diff; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Also apply fixes marked unsafe (they change behaviour a reviewer must accept).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Also fix files with uncommitted changes in a git working tree (by default they are
    /// left alone, so that a fix never mixes with work in progress).
    #[arg(long)]
    allow_dirty: bool,
}

#[derive(Debug, Args)]
struct CiArgs {
    /// Files or directories (default: the current directory).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Commit the fixed files and push them to the current branch.
    #[arg(long)]
    push: bool,
    /// Also apply fixes marked unsafe.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Only these rules (ids or prefixes ending in `-`).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Vec<String>,
    /// Skip these rules (ids or prefixes ending in `-`).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    /// Extra rule directories.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// The remote to push to.
    #[arg(long, default_value = "origin", value_name = "NAME")]
    remote: String,
    /// Also write the SARIF 2.1.0 log of the run to FILE (for code scanning).
    #[arg(long, value_name = "FILE")]
    sarif: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigArgs,
    /// The repository's default branch, never pushed to (default: from the GitHub event or
    /// the clone's refs/remotes/<remote>/HEAD).
    #[arg(long, value_name = "BRANCH")]
    default_branch: Option<String>,
    /// Environment variable holding the token for the push.
    #[arg(long, default_value = "GITHUB_TOKEN", value_name = "NAME")]
    token_env: String,
    /// Author and committer of the fix commit.
    #[arg(long, default_value = "converge[bot]", value_name = "NAME")]
    author_name: String,
    #[arg(
        long,
        default_value = "converge-bot@users.noreply.github.com",
        value_name = "EMAIL"
    )]
    author_email: String,
}

#[derive(Debug, Args)]
struct BotArgs {
    /// Every repository of this organisation the token can see.
    #[arg(long, value_name = "ORG")]
    org: Option<String>,
    /// A repository (repeatable).
    #[arg(long = "repo", value_name = "OWNER/NAME")]
    repos: Vec<String>,
    /// A file with one OWNER/NAME per line (`#` comments).
    #[arg(long, value_name = "FILE")]
    repos_file: Option<PathBuf>,
    /// Only repositories whose full name matches (glob, repeatable).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip repositories whose full name matches (glob, repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Also forks (skipped by default).
    #[arg(long)]
    include_forks: bool,
    /// Also archived repositories (skipped by default).
    #[arg(long)]
    include_archived: bool,
    /// Only the repositories of shard I of N (0 <= I < N; stable hash of the full name).
    #[arg(long, value_name = "I/N")]
    shard: Option<String>,
    /// Make no change: `scan` (findings), `plan` (also diffs and PR actions), `full` (the
    /// whole lifecycle with every mutation logged, none made).
    #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "full", require_equals = true)]
    dry_run: Option<crate::bot::DryRun>,
    /// The bot's branch.
    #[arg(long, default_value = "converge/fixes", value_name = "BRANCH")]
    branch: String,
    /// Write a JSON report per repository to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Environment variable holding the token (unless the bot runs as a GitHub App).
    #[arg(long, default_value = "GITHUB_TOKEN", value_name = "NAME")]
    token_env: String,
    /// Run as this GitHub App: installation tokens are made (and renewed) per owner from the
    /// App's private key (--app-key-file or --app-key-env).
    #[arg(long, value_name = "ID")]
    app_id: Option<u64>,
    /// The GitHub App's private key (PEM).
    #[arg(
        long,
        value_name = "PATH",
        requires = "app_id",
        conflicts_with = "app_key_env"
    )]
    app_key_file: Option<PathBuf>,
    /// Environment variable holding the GitHub App's private key (PEM).
    #[arg(long, value_name = "NAME", requires = "app_id")]
    app_key_env: Option<String>,
    /// Apply unsafe fixes (a repository's `.converge.yaml` can override).
    #[arg(long)]
    unsafe_fixes: bool,
    /// New pull requests per run, over all repositories (held back in the run's order).
    #[arg(long, default_value_t = 20, value_name = "N")]
    max_new_prs: usize,
    /// Open pull requests from the bot's branches (those starting like --branch up to its
    /// last `/`) a repository may have; no new one is opened beyond it.
    #[arg(long, value_name = "N")]
    max_open_prs: Option<usize>,
    /// Repositories processed at once.
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    concurrency: u16,
    /// GitHub API requests in flight at once, over the whole run (GitHub asks integrations to
    /// keep this low to stay clear of its secondary rate limits).
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    api_concurrency: u16,
    /// Clone into DIR/<owner>/<name> and keep the clones (to see what the bot did); each run
    /// replaces them.
    #[arg(long, value_name = "DIR")]
    work_dir: Option<PathBuf>,
    /// Write each repository's SARIF 2.1.0 log (its default branch's findings, with the fixes)
    /// to DIR/<owner>/<name>.sarif.
    #[arg(long, value_name = "DIR")]
    sarif_dir: Option<PathBuf>,
    /// Seconds to wait for a GitHub API response before the request is retried.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    http_timeout: u64,
    #[arg(long, default_value = "converge[bot]", value_name = "NAME")]
    author_name: String,
    #[arg(
        long,
        default_value = "converge-bot@users.noreply.github.com",
        value_name = "EMAIL"
    )]
    author_email: String,
    /// Labels for new pull requests (repeatable).
    #[arg(long = "label", value_name = "LABEL")]
    labels: Vec<String>,
    /// Reviewers requested on new pull requests (repeatable).
    #[arg(long = "reviewer", value_name = "LOGIN")]
    reviewers: Vec<String>,
}

#[derive(Debug, Args)]
struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Only the rules for these files.
    #[arg(long, value_parser = ["terraform", "kubernetes"])]
    target: Option<String>,
    /// Only the rules with a fix, safe or unsafe.
    #[arg(long)]
    fixable: bool,
}

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;
/// Stopped by SIGINT or SIGTERM (128 + 2, as shells report an interrupted command).
const EXIT_INTERRUPTED: u8 = 130;
/// Standard output closed by its reader (128 + SIGPIPE's 13).
const EXIT_BROKEN_PIPE: u8 = 141;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayVersion => return version(),
        Err(e) => e.exit(),
    };
    let global = Global {
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: cli.color,
    };
    crate::term::init_logging(global.quiet, global.verbose, global.color);
    let result = match cli.command {
        Command::Scan(args) => check(args, Mode::Scan, false, Default::default(), global),
        Command::Fix(args) => {
            let guard =
                (!args.dry_run && !args.allow_dirty).then(|| dirty_files(&args.check.paths));
            check(
                args.check,
                Mode::Fix {
                    unsafe_fixes: args.unsafe_fixes,
                },
                args.dry_run,
                guard.unwrap_or_default(),
                global,
            )
        }
        Command::Ci(args) => ci(args),
        Command::Bot(args) => bot(*args),
        Command::Rules(args) => rules(args),
        Command::Explain { rule, rules } => explain(&rule, &rules),
        Command::Test { dirs, format } => test(&dirs, global.verbose > 0, format),
        Command::New {
            what: NewCommand::Rule { id, target, dir },
        } => new_rule(&id, &target, &dir),
        Command::Docs { check, out } => docs(check, &out),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader of a pipe went away (`converge scan | head`): stop quietly, as a command
        // killed by SIGPIPE would.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::from(EXIT_BROKEN_PIPE)
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Files with uncommitted changes in the git working trees that hold `paths`, absolute.
fn dirty_files(paths: &[PathBuf]) -> std::collections::BTreeSet<PathBuf> {
    let mut out = std::collections::BTreeSet::new();
    let defaults = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let mut roots = std::collections::BTreeSet::new();
    for path in paths {
        let Ok(repo) = crate::git::Repo::discover(path) else {
            continue;
        };
        let root = repo
            .workdir()
            .canonicalize()
            .unwrap_or_else(|_| repo.workdir().to_path_buf());
        if !roots.insert(root.clone()) {
            continue;
        }
        for relative in repo.uncommitted().unwrap_or_default() {
            out.insert(root.join(relative));
        }
    }
    out
}

/// `scan` and `fix`; `dirty` lists files a fix must not write (empty for a scan or a dry run).
fn check(
    args: CheckArgs,
    mode: Mode,
    dry_run: bool,
    dirty: std::collections::BTreeSet<PathBuf>,
    global: Global,
) -> anyhow::Result<u8> {
    let started = std::time::Instant::now();
    let limits = crate::engine::Limits {
        max_file_size: args.max_file_size,
        eval_timeout: std::time::Duration::from_secs(args.rule_timeout.max(1)),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let config = args.config.load(&paths)?;
    let mode = match mode {
        Mode::Fix { unsafe_fixes } => Mode::Fix {
            unsafe_fixes: unsafe_fixes_wanted(unsafe_fixes, config.as_ref()),
        },
        Mode::Scan => Mode::Scan,
    };
    let progress = std::sync::Arc::new(crate::term::Progress::new(!global.quiet));
    let total = progress.clone();
    let mut engine = configured_engine(config.as_ref(), &args.rules, args.select, args.ignore)?
        .with_limits(limits)
        .with_on_start(std::sync::Arc::new(move |files| total.total(files)));
    let command = if mode == Mode::Scan { "scan" } else { "fix" };
    let writes = mode != Mode::Scan && !dry_run;
    let interrupt = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    if writes {
        // A first Ctrl-C or SIGTERM lets the files under way finish (each is written whole or
        // not at all) and starts no others; a second one exits at once.
        for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            signal_hook::flag::register_conditional_shutdown(signal, 130, interrupt.clone())?;
            signal_hook::flag::register(signal, interrupt.clone())?;
        }
        engine = engine.with_interrupt(interrupt.clone());
        for stale in crate::write::remove_stale_temporaries(&paths) {
            eprintln!(
                "{}: removed a temporary file left by an interrupted run",
                stale.display()
            );
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut diagnostics = std::io::BufWriter::new(std::io::stderr().lock());
    // Every format is streamed: each file is written, then reported, as soon as it is done, so
    // memory stays flat however many files there are.
    let mut stream: Box<dyn report::Stream + '_> = match args.format {
        Format::Text => Box::new(
            report::TextStream::new(
                &mut out,
                &mut diagnostics,
                &engine.rules,
                engine.exemptions(),
                mode,
                dry_run,
            )
            .with_style(
                report::Style {
                    paint: crate::term::Paint {
                        enabled: global.color.enabled(dry_run),
                    },
                    quiet: global.quiet,
                },
                crate::term::Paint {
                    enabled: global.color.enabled(false),
                },
            ),
        ),
        Format::Json => Box::new(report::JsonStream::start(
            &mut out,
            &engine.rules,
            engine.exemptions(),
            command,
            dry_run,
        )?),
        Format::Sarif => Box::new(report::sarif::SarifStream::start(
            &mut out, &engine, command, dry_run,
        )?),
        Format::Markdown => Box::new(report::markdown::MarkdownStream::new(
            &mut out, &engine, mode, dry_run,
        )),
    };
    let mut failed: Option<std::io::Error> = None;
    let mut written_errors = Vec::new();
    let mut report = engine.run_streaming(&paths, mode, args.threads, &mut |mut file| {
        if writes {
            write_unless_dirty(&mut file, &mut written_errors, &dirty);
        }
        progress.advance(1);
        if let Err(e) = progress.suspend(|| stream.file(&file)) {
            failed.get_or_insert(e);
        }
    });
    progress.finish();
    if let Some(e) = failed {
        return Err(e.into());
    }
    report.errors.append(&mut written_errors);
    report
        .errors
        .sort_by(|a, b| (&a.path, a.position).cmp(&(&b.path, b.position)));
    let summary = stream.finish(&report)?;
    tracing::debug!(
        "{} file(s) checked in {:.2} s",
        summary.files,
        started.elapsed().as_secs_f64()
    );
    if interrupt.load(std::sync::atomic::Ordering::SeqCst) {
        eprintln!("interrupted: the files reported were finished; the others were not checked");
        return Ok(EXIT_INTERRUPTED);
    }
    Ok(if summary.errors > 0 {
        EXIT_ERROR
    } else if (mode == Mode::Scan || dry_run) && summary.findings > 0 || summary.remaining() > 0 {
        EXIT_FINDINGS
    } else {
        0
    })
}

/// Writes a fixed file, unless it had uncommitted changes (see [`dirty_files`]).
fn write_unless_dirty(
    file: &mut crate::engine::FileReport,
    errors: &mut Vec<crate::source::SourceError>,
    dirty: &std::collections::BTreeSet<PathBuf>,
) {
    let is_dirty = file.fixed.is_some()
        && !dirty.is_empty()
        && file.path.canonicalize().is_ok_and(|p| dirty.contains(&p));
    if is_dirty {
        crate::write::refuse(
            file,
            errors,
            "has uncommitted changes; commit or stash them first, or pass --allow-dirty",
        );
    } else {
        crate::write::apply(file, errors);
    }
}

fn ci(args: CiArgs) -> anyhow::Result<u8> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let config = args.config.load(&paths)?;
    let unsafe_fixes = unsafe_fixes_wanted(args.unsafe_fixes, config.as_ref());
    let engine = configured_engine(config.as_ref(), &args.rules, args.select, args.ignore)?;
    let options = crate::ci::CiOptions {
        paths,
        mode: Mode::Fix { unsafe_fixes },
        threads: args.threads,
        push: args.push,
        remote: args.remote,
        default_branch: args.default_branch,
        token_env: args.token_env,
        author_name: args.author_name,
        author_email: args.author_email,
        sarif: args.sarif,
    };
    let outcome = crate::ci::run(&engine, &options)?;
    Ok(if outcome.summary.errors > 0 || outcome.push_failed {
        EXIT_ERROR
    } else if outcome.pending || outcome.summary.remaining() > 0 {
        EXIT_FINDINGS
    } else {
        0
    })
}

/// The bot's credentials: a GitHub App when `--app-id` is given, else the token.
fn bot_credentials(args: &BotArgs) -> anyhow::Result<crate::bot::api::Credentials> {
    use crate::bot::api::Credentials;
    let Some(id) = args.app_id else {
        let token = std::env::var(&args.token_env)
            .ok()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| anyhow::anyhow!("no token: set {} (or use --app-id)", args.token_env))?;
        return Ok(Credentials::Token(crate::git::Secret::new(token)));
    };
    // The key's text is never quoted in a message: only where it was read from.
    let (pem, source) = match (&args.app_key_file, &args.app_key_env) {
        (Some(path), _) => (
            std::fs::read(path)
                .map_err(|e| anyhow::anyhow!("--app-key-file {}: {e}", path.display()))?,
            format!("--app-key-file {}", path.display()),
        ),
        (None, Some(name)) => (
            std::env::var(name)
                .ok()
                .filter(|k| !k.is_empty())
                .ok_or_else(|| anyhow::anyhow!("--app-key-env {name}: the variable is not set"))?
                .into_bytes(),
            format!("--app-key-env {name}"),
        ),
        (None, None) => {
            anyhow::bail!("--app-id needs the App's private key: --app-key-file or --app-key-env")
        }
    };
    let key = octocrab::auth::EncodingKey::from_rsa_pem(&pem)
        .map_err(|_| anyhow::anyhow!("{source}: not an RSA private key in PEM form"))?;
    Ok(Credentials::App { id, key })
}

fn bot(args: BotArgs) -> anyhow::Result<u8> {
    let credentials = bot_credentials(&args)?;
    let secrets = std::sync::Arc::new(crate::git::Secrets::default());
    let shard = match &args.shard {
        None => None,
        Some(s) => {
            let parsed = s
                .split_once('/')
                .and_then(|(i, n)| Some((i.parse::<u64>().ok()?, n.parse::<u64>().ok()?)))
                .filter(|(i, n)| *n > 0 && i < n);
            Some(
                parsed
                    .ok_or_else(|| anyhow::anyhow!("--shard {s}: expected I/N with 0 <= I < N"))?,
            )
        }
    };
    if args.org.is_none() && args.repos.is_empty() && args.repos_file.is_none() {
        anyhow::bail!("name the repositories: --org, --repo or --repos-file");
    }
    let options = crate::bot::BotOptions {
        org: args.org,
        repos: args.repos,
        repos_file: args.repos_file,
        include: args.include,
        exclude: args.exclude,
        include_forks: args.include_forks,
        include_archived: args.include_archived,
        shard,
        dry_run: args.dry_run,
        branch: args.branch,
        api_url: std::env::var("GITHUB_API_URL")
            .unwrap_or_else(|_| "https://api.github.com".to_owned()),
        credentials,
        secrets: secrets.clone(),
        unsafe_fixes: args.unsafe_fixes,
        max_new_prs: args.max_new_prs,
        max_open_prs: args.max_open_prs,
        concurrency: args.concurrency.into(),
        api_concurrency: args.api_concurrency.into(),
        work_dir: args.work_dir,
        sarif_dir: args.sarif_dir,
        http_timeout: std::time::Duration::from_secs(args.http_timeout.max(1)),
        author_name: args.author_name,
        author_email: args.author_email,
        labels: args.labels,
        reviewers: args.reviewers,
    };
    let progress = crate::bot::progress::Progress::new(std::io::stderr().is_terminal());
    let result = crate::bot::run(&options, &progress);
    progress.end();
    let (outcomes, fatal) = match result {
        Ok(o) => (o, None),
        Err(e) => (Vec::new(), Some(secrets.redact(&e.to_string()))),
    };
    let mut out = String::new();
    for o in &outcomes {
        let _ = writeln!(
            out,
            "{}; fixed {}, remaining {}, api calls {}",
            o.headline(),
            o.fixed,
            o.remaining,
            o.api_calls
        );
        for m in &o.mutations {
            let _ = writeln!(out, "  would: {m}");
        }
        for e in &o.errors {
            let _ = writeln!(out, "  error: {e}");
        }
        if let Some(diff) = &o.diff {
            out.push_str(diff);
        }
    }
    let failed = outcomes.iter().filter(|o| o.action == "failed").count();
    let count = |a: &str| outcomes.iter().filter(|o| o.action == a).count();
    let held = |limit: &str| outcomes.iter().filter(|o| o.limit == Some(limit)).count();
    let _ = writeln!(
        out,
        "{} repositories: {} opened, {} updated, {} closed, {} unchanged, {} clean, {} held ({} by --max-new-prs, {} by --max-open-prs), {} skipped, {} failed{}",
        outcomes.len(),
        count("opened") + count("would-open"),
        count("updated") + count("would-update"),
        count("closed") + count("would-close"),
        count("unchanged"),
        count("clean"),
        count("held"),
        held("max-new-prs"),
        held("max-open-prs"),
        count("skipped") + count("opted-out") + count("declined") + count("modified"),
        failed,
        match count("stopped") {
            0 => String::new(),
            n => format!(", {n} not processed (run stopped)"),
        }
    );
    print!("{}", secrets.redact(&out));
    if let Some(path) = &args.report {
        let text = serde_json::to_string_pretty(&json!({"version": 1, "repositories": outcomes}))?;
        std::fs::write(path, secrets.redact(&text))?;
    }
    if let Some(e) = fatal {
        eprintln!("error: {e}");
        return Ok(EXIT_ERROR);
    }
    Ok(if failed > 0 { EXIT_ERROR } else { 0 })
}

fn rules(args: RulesArgs) -> anyhow::Result<u8> {
    let engine = Engine::load(&args.rules, &Selection::default())?;
    let target = args.target.as_deref().and_then(Target::parse);
    let mut rows = Vec::new();
    for rule in engine.rules.rules() {
        let rem = engine.catalog.get(&rule.id);
        let fixable = rem.is_some_and(|r| r.applicability != Applicability::DisplayOnly);
        if target.is_some_and(|t| t != rule.target) || args.fixable && !fixable {
            continue;
        }
        rows.push(json!({
            "id": rule.id,
            "title": rule.title,
            "target": rule.target,
            "severity": rule.severity,
            "checkov": rule.checkov,
            "fix": rem.map(|r| r.applicability).unwrap_or(Applicability::DisplayOnly),
            "fix_reason": rem.map(|r| r.reason.clone()),
            "forces_replacement": rem.is_some_and(|r| r.forces_replacement),
        }));
    }
    let mut out = std::io::stdout().lock();
    if args.format == ListFormat::Json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({"version": report::JSON_VERSION, "rules": rows}))?
        )?;
    } else {
        for r in &rows {
            writeln!(
                out,
                "{:<52} {:<10} {:<8} {:<12} {}",
                r["id"].as_str().unwrap_or(""),
                r["target"].as_str().unwrap_or(""),
                r["severity"].as_str().unwrap_or(""),
                r["fix"].as_str().unwrap_or(""),
                r["title"].as_str().unwrap_or("")
            )?;
        }
    }
    Ok(0)
}

/// `converge --version`: the crate version and the version of the built-in rule set, so that
/// a report can be traced to the rules that produced it.
fn version() -> ExitCode {
    let line = match crate::rule::RuleSet::load(&[]) {
        Ok(rules) => format!(
            "converge {} ({})",
            env!("CARGO_PKG_VERSION"),
            ruleset_version(&rules)
        ),
        Err(_) => format!("converge {}", env!("CARGO_PKG_VERSION")),
    };
    println!("{line}");
    ExitCode::SUCCESS
}

/// `<N> rules, rule set <first 12 hex digits of a SHA-256>`: the hash covers every built-in Rego
/// module (rules, libraries and their tests), each as its path, a NUL byte, its source and a NUL
/// byte, in path order; it changes exactly when the embedded rule sources do.
fn ruleset_version(rules: &crate::rule::RuleSet) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    for module in rules.modules.iter().filter(|m| m.module.builtin) {
        for part in [
            module.module.path.as_bytes(),
            module.module.source.as_bytes(),
        ] {
            hasher.update(part);
            hasher.update([0]);
        }
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{} rules, rule set {hex}", rules.rules().count())
}

/// Prints the completion script of `shell` for the whole command line.
fn completions(shell: clap_complete::Shell) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    clap_complete::generate(
        shell,
        &mut command,
        "converge",
        &mut std::io::stdout().lock(),
    );
    Ok(0)
}

/// Prints the man page as roff (the subcommands are listed with their summary).
fn man() -> anyhow::Result<u8> {
    clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout().lock())?;
    Ok(0)
}

fn explain(id: &str, dirs: &[PathBuf]) -> anyhow::Result<u8> {
    let engine = Engine::load(dirs, &Selection::default())?;
    let Some(rule) = engine.rules.rule(id) else {
        anyhow::bail!("unknown rule `{id}` (see `converge rules`)");
    };
    write!(
        std::io::stdout().lock(),
        "{}",
        crate::docs::rule_page(rule, engine.catalog.get(&rule.id))
    )?;
    Ok(0)
}

fn docs(check: bool, out: &std::path::Path) -> anyhow::Result<u8> {
    let engine = Engine::load(&[], &Selection::default())?;
    if check {
        let problems = crate::docs::check(out, &engine.rules, &engine.catalog)?;
        for p in &problems {
            eprintln!("{p}");
        }
        if !problems.is_empty() {
            eprintln!("run `converge docs` to regenerate {}", out.display());
            return Ok(EXIT_FINDINGS);
        }
        return Ok(0);
    }
    let written = crate::docs::write(out, &engine.rules, &engine.catalog)?;
    eprintln!("{written} page(s) written to {}", out.display());
    Ok(0)
}

fn test(dirs: &[PathBuf], verbose: bool, format: ListFormat) -> anyhow::Result<u8> {
    let outcome = crate::ruletest::run(dirs)?;
    let mut out = std::io::stdout().lock();
    match format {
        ListFormat::Text => crate::ruletest::write_text(&mut out, &outcome, verbose)?,
        ListFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&crate::ruletest::to_json(&outcome))?
        )?,
    }
    Ok(if outcome.passed() { 0 } else { EXIT_FINDINGS })
}

fn new_rule(id: &str, target: &str, dir: &std::path::Path) -> anyhow::Result<u8> {
    let target =
        Target::parse(target).ok_or_else(|| anyhow::anyhow!("unknown target `{target}`"))?;
    let written = crate::scaffold::new_rule(dir, id, target)?;
    let mut out = std::io::stdout().lock();
    for path in &written {
        writeln!(out, "created {}", path.display())?;
    }
    write!(out, "{}", crate::scaffold::next_steps(dir, &written))?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_limit_defaults_agree() {
        assert_eq!(
            parse_size(DEFAULT_MAX_FILE_SIZE),
            Ok(crate::discover::DEFAULT_MAX_FILE_SIZE)
        );
    }
}
