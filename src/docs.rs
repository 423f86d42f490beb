//! Rule documentation, generated from the rules themselves: metadata, remediation and the
//! first `bad_` fixture with the diff of its fix. `converge docs` writes `docs/rules/`,
//! `converge docs --check` fails when a page is stale, and `converge explain` prints the page.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::remediation::{Applicability, Catalog, Remediation};
use crate::rule::{RuleMeta, RuleSet};
use crate::ruletest::BUILTIN_FIXTURES as FIXTURES;
use crate::source::Target;

/// The documentation page of one rule.
pub fn rule_page(rule: &RuleMeta, remediation: Option<&Remediation>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n**{}**\n", rule.id, rule.title);
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Target | {} |", rule.target.as_str());
    let _ = writeln!(out, "| Severity | {} |", rule.severity.as_str());
    let checkov = if rule.checkov.is_empty() {
        "none".to_owned()
    } else {
        rule.checkov.join(", ")
    };
    let _ = writeln!(out, "| Checkov | {checkov} |");
    let fix = remediation.map_or("none (manual change)", |r| r.applicability.as_str());
    let _ = writeln!(out, "| Fix | {fix} |");
    let replaces = remediation.is_some_and(|r| r.forces_replacement);
    let _ = writeln!(
        out,
        "| Forces replacement | {} |\n",
        if replaces { "yes" } else { "no" }
    );
    let _ = writeln!(out, "## Why it matters\n\n{}\n", rule.description);
    if let Some((name, bad, fixed)) = example(rule) {
        let lang = if rule.target == Target::Terraform {
            "hcl"
        } else {
            "yaml"
        };
        let _ = writeln!(
            out,
            "## Example\n\n`{name}`:\n\n```{lang}\n{}```\n",
            ensure_newline(&bad)
        );
        let diff = similar::TextDiff::from_lines(bad.as_str(), fixed.as_str());
        let unified = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string();
        if !unified.is_empty() {
            let _ = writeln!(
                out,
                "`converge fix{}` changes it to:\n\n```diff\n{}```\n",
                unsafe_flag(remediation),
                ensure_newline(&unified)
            );
        }
    }
    let _ = writeln!(out, "## Fix safety\n");
    match remediation {
        Some(r) => {
            let _ = writeln!(out, "{}: {}\n", safety_word(r.applicability), r.reason);
            if r.forces_replacement {
                let _ = writeln!(
                    out,
                    "Applying the fixed code makes the provider replace the resource.\n"
                );
            }
            let held: Vec<String> = r
                .cases
                .iter()
                .filter(|c| c.applicability == Some(Applicability::DisplayOnly))
                .map(|c| format!("- {}", c.reason.as_deref().unwrap_or(&r.reason)))
                .collect();
            let _ = writeln!(out, "## When it is not fixed\n");
            for line in &held {
                let _ = writeln!(out, "{line}");
            }
            let _ = writeln!(
                out,
                "- When the change cannot be made safely in place (the value comes from a variable, an \
                 expression or a YAML alias, a key appears twice, a block is written on one line), \
                 converge declines and says why instead of making a partial change.\n- A fix whose \
                 result fails verification (re-parse, intended change, findings) is dropped and \
                 reported.\n"
            );
        }
        None => {
            let _ = writeln!(
                out,
                "No automatic fix: this rule needs a person's change.\n"
            );
        }
    }
    if !rule.references.is_empty() {
        let _ = writeln!(out, "## References\n");
        for r in &rule.references {
            let _ = writeln!(out, "- <{r}>");
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn safety_word(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "Safe (applied by `converge fix`)",
        Applicability::Unsafe => "Unsafe (applied only with `--unsafe-fixes`)",
        Applicability::DisplayOnly => "Display only (never applied)",
    }
}

fn unsafe_flag(remediation: Option<&Remediation>) -> &'static str {
    match remediation.map(|r| r.applicability) {
        Some(Applicability::Unsafe) => " --unsafe-fixes",
        _ => "",
    }
}

fn ensure_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_owned()
    } else {
        format!("{s}\n")
    }
}

/// The first `bad_` fixture of a rule and its `.fixed` version.
fn example(rule: &RuleMeta) -> Option<(String, String, String)> {
    let dir = FIXTURES.get_dir(rule.id.as_str())?;
    let mut bad: Vec<_> = dir
        .files()
        .filter(|f| {
            let name = f.path().file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("bad_") && !name.ends_with(".fixed")
        })
        .collect();
    bad.sort_by_key(|f| f.path());
    let first = bad.first()?;
    let name = first.path().file_name()?.to_str()?.to_owned();
    let fixed = dir.get_file(format!("{}.fixed", first.path().display()))?;
    let normalise = |s: &str| s.replace("\r\n", "\n");
    Some((
        name,
        normalise(first.contents_utf8()?),
        normalise(fixed.contents_utf8()?),
    ))
}

/// `docs/rules/README.md`: the table of all rules.
pub fn index(rules: &RuleSet, catalog: &Catalog) -> String {
    let mut out = String::from("# Rules\n\nGenerated by `converge docs`; do not edit.\n\n");
    let total = rules.rules().count();
    let fixable = rules
        .rules()
        .filter(|r| {
            catalog
                .get(&r.id)
                .is_some_and(|m| m.applicability != Applicability::DisplayOnly)
        })
        .count();
    let _ = writeln!(out, "{total} rules, {fixable} with an automatic fix.\n");
    let _ = writeln!(
        out,
        "| Rule | Target | Severity | Fix | Checkov |\n|---|---|---|---|---|"
    );
    let mut sorted: Vec<&RuleMeta> = rules.rules().collect();
    sorted.sort_by(|a, b| (a.target, &a.id).cmp(&(b.target, &b.id)));
    for r in sorted {
        let fix = catalog
            .get(&r.id)
            .map_or("none", |m| m.applicability.as_str());
        let _ = writeln!(
            out,
            "| [{id}]({id}.md) — {title} | {} | {} | {fix} | {} |",
            r.target.as_str(),
            r.severity.as_str(),
            r.checkov.join(", "),
            id = r.id,
            title = r.title,
        );
    }
    out
}

/// Every page that should exist under the docs directory, with its content.
pub fn pages(rules: &RuleSet, catalog: &Catalog) -> Vec<(PathBuf, String)> {
    let mut pages: Vec<(PathBuf, String)> = rules
        .rules()
        .map(|r| {
            (
                PathBuf::from(format!("{}.md", r.id)),
                rule_page(r, catalog.get(&r.id)),
            )
        })
        .collect();
    pages.push((PathBuf::from("README.md"), index(rules, catalog)));
    pages.sort();
    pages
}

/// Writes the pages into `dir` and removes pages of rules that no longer exist.
pub fn write(dir: &Path, rules: &RuleSet, catalog: &Catalog) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let pages = pages(rules, catalog);
    let mut written = 0;
    for (name, content) in &pages {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
            std::fs::write(&path, content)?;
            written += 1;
        }
    }
    for orphan in orphans(dir, &pages)? {
        std::fs::remove_file(orphan)?;
        written += 1;
    }
    Ok(written)
}

/// Pages that are missing, stale or orphaned.
pub fn check(dir: &Path, rules: &RuleSet, catalog: &Catalog) -> std::io::Result<Vec<String>> {
    let pages = pages(rules, catalog);
    let mut problems = Vec::new();
    for (name, content) in &pages {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(existing) if existing == *content => {}
            Ok(_) => problems.push(format!("{} is stale", path.display())),
            Err(_) => problems.push(format!("{} is missing", path.display())),
        }
    }
    for orphan in orphans(dir, &pages)? {
        problems.push(format!("{} documents no rule", orphan.display()));
    }
    Ok(problems)
}

fn orphans(dir: &Path, pages: &[(PathBuf, String)]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !dir.exists() {
        return Ok(out);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let known = pages
            .iter()
            .any(|(n, _)| Some(n.as_os_str()) == path.file_name());
        if path.extension().is_some_and(|e| e == "md") && !known {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}
