//! The command line: `scan`, `fix`, `rules`, `explain`, `test`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::detect::Selection;
use crate::engine::{Engine, Mode};
use crate::remediation::Applicability;
use crate::report::{self, Summary};

#[derive(Debug, Parser)]
#[command(
    name = "converge",
    version,
    about = "Find and fix policy violations in Terraform and Kubernetes files, byte-exactly"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
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
    /// Run the Rego unit tests (`test_*` rules in `*_test.rego`) of the built-in and given rules.
    Test {
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
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
struct RulesArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
}

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => check(args, Mode::Scan, false),
        Command::Fix(args) => check(
            args.check,
            Mode::Fix {
                unsafe_fixes: args.unsafe_fixes,
            },
            args.dry_run,
        ),
        Command::Ci(args) => ci(args),
        Command::Rules(args) => rules(args),
        Command::Explain { rule, rules } => explain(&rule, &rules),
        Command::Test { dirs } => test(&dirs),
        Command::Docs { check, out } => docs(check, &out),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn check(args: CheckArgs, mode: Mode, dry_run: bool) -> anyhow::Result<u8> {
    let selection = Selection {
        select: args.select,
        ignore: args.ignore,
    };
    let engine = Engine::load(&args.rules, &selection)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let command = if mode == Mode::Scan { "scan" } else { "fix" };
    let writes = mode != Mode::Scan && !dry_run;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let summary = match args.format {
        Format::Json => {
            let mut report = engine.run(&paths, mode, args.threads);
            if writes {
                crate::write::apply_all(&mut report);
            }
            let mut value = report::json(&report, &engine.rules, command, dry_run);
            if dry_run {
                value.diff = Some(report::diff(&report));
            }
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
            Summary::of(&report)
        }
        Format::Text => {
            // Each file is written, then reported, as soon as it is done: memory stays flat
            // however many files there are. In a dry run the diff goes to stdout and the
            // diagnostics to stderr, so that the diff can be piped to `git apply`.
            let mut diagnostics = std::io::BufWriter::new(std::io::stderr().lock());
            let mut summary = Summary::default();
            let mut exhausted = Vec::new();
            let mut failed: Option<std::io::Error> = None;
            let mut text = String::new();
            let mut written_errors = Vec::new();
            let mut report = engine.run_streaming(&paths, mode, args.threads, &mut |mut file| {
                let mut errors = Vec::new();
                if writes {
                    crate::write::apply(&mut file, &mut errors);
                }
                summary.add(&file);
                if file.exhausted {
                    exhausted.push(file.path.clone());
                }
                text.clear();
                report::file_text(&mut text, &file, &engine.rules, dry_run);
                let result = if dry_run {
                    let mut diff = String::new();
                    report::file_diff(&mut diff, &file);
                    out.write_all(diff.as_bytes())
                        .and_then(|()| diagnostics.write_all(text.as_bytes()))
                } else {
                    out.write_all(text.as_bytes())
                };
                if let Err(e) = result {
                    failed.get_or_insert(e);
                }
                written_errors.extend(errors);
            });
            if let Some(e) = failed {
                return Err(e.into());
            }
            report.errors.append(&mut written_errors);
            report
                .errors
                .sort_by(|a, b| (&a.path, a.position).cmp(&(&b.path, b.position)));
            let summary = summary.finish(&report);
            let exhausted: Vec<&Path> = exhausted.iter().map(PathBuf::as_path).collect();
            text.clear();
            report::tail_text(&mut text, &report, &exhausted, summary, mode, dry_run);
            if dry_run {
                diagnostics.write_all(text.as_bytes())?;
            } else {
                out.write_all(text.as_bytes())?;
            }
            summary
        }
    };
    Ok(if summary.errors > 0 {
        EXIT_ERROR
    } else if (mode == Mode::Scan || dry_run) && summary.findings > 0 || summary.remaining() > 0 {
        EXIT_FINDINGS
    } else {
        0
    })
}

fn ci(args: CiArgs) -> anyhow::Result<u8> {
    let selection = Selection {
        select: args.select,
        ignore: args.ignore,
    };
    let engine = Engine::load(&args.rules, &selection)?;
    let options = crate::ci::CiOptions {
        paths: if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths
        },
        mode: Mode::Fix {
            unsafe_fixes: args.unsafe_fixes,
        },
        threads: args.threads,
        push: args.push,
        remote: args.remote,
        default_branch: args.default_branch,
        token_env: args.token_env,
        author_name: args.author_name,
        author_email: args.author_email,
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

fn rules(args: RulesArgs) -> anyhow::Result<u8> {
    let engine = Engine::load(&args.rules, &Selection::default())?;
    let mut rows = Vec::new();
    for rule in engine.rules.rules() {
        let rem = engine.catalog.get(&rule.id);
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
    if args.format == Format::Json {
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

fn test(dirs: &[PathBuf]) -> anyhow::Result<u8> {
    let rules = crate::rule::RuleSet::load(dirs)?;
    let results = crate::detect::run_rego_tests(&rules)?;
    let mut out = std::io::stdout().lock();
    let failed: Vec<&(String, bool)> = results.iter().filter(|r| !r.1).collect();
    for (name, _) in &failed {
        writeln!(out, "FAIL {name}")?;
    }
    writeln!(
        out,
        "{} passed, {} failed",
        results.len() - failed.len(),
        failed.len()
    )?;
    Ok(if failed.is_empty() { 0 } else { EXIT_FINDINGS })
}
