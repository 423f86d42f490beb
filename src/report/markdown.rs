//! A Markdown report (`--format markdown`) for a pull request body or a job summary
//! (`$GITHUB_STEP_SUMMARY`): the counts by severity, then what was fixed, what remains and what
//! was held back (unsafe or display-only fixes, with the reason), as tables.
//!
//! The counts come first, so the report is rendered once the run is over; to keep memory flat
//! only the first [`MAX_ROWS`] rows of each table are kept as the files go by. The report stays
//! under [`MAX_CHARS`] characters (GitHub refuses a pull request body over 65,536): each table
//! gets an equal share of what is left after the counts, and the rows that do not fit are
//! counted in an "…and N more" line.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Stream, Summary};
use crate::engine::{Engine, FileReport, Finding, Mode, RunReport, Status};
use crate::remediation::Catalog;
use crate::rule::{RuleId, RuleSet, Severity};

/// Upper bound of the report's length.
pub const MAX_CHARS: usize = 60_000;
/// Rows kept per table.
pub const MAX_ROWS: usize = 100;
/// Characters of one cell; longer messages are cut with `…`.
const MAX_CELL: usize = 300;
/// Room for a table's "…and N more" line.
const MORE_LINE: usize = 40;

/// Where a finding is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Fixed,
    Remaining,
    /// A fix exists but was not applied: unsafe without `--unsafe-fixes`, display-only,
    /// declined here, or in a vendored module.
    HeldBack,
    /// Accepted by a suppression comment or an exemption.
    Suppressed,
}

const PARTS: [Part; 4] = [
    Part::Fixed,
    Part::Remaining,
    Part::HeldBack,
    Part::Suppressed,
];

/// One table or list: the first rows, and how many there are in all.
#[derive(Default)]
struct Block {
    rows: Vec<String>,
    total: usize,
}

impl Block {
    /// Counts one more item; `row` is called only while rows are still kept.
    fn push(&mut self, row: impl FnOnce() -> String) {
        if self.rows.len() < MAX_ROWS {
            self.rows.push(row());
        }
        self.total += 1;
    }
}

/// The rules and remediations a row is described with.
#[derive(Clone, Copy)]
struct Lookup<'e> {
    rules: &'e RuleSet,
    catalog: &'e Catalog,
}

impl Lookup<'_> {
    fn severity(&self, finding: &Finding) -> Severity {
        self.rules
            .rule(&finding.rule)
            .map(|r| r.severity)
            .unwrap_or_default()
    }

    fn part(&self, finding: &Finding) -> Part {
        let has_remediation = || {
            RuleId::new(&finding.rule)
                .ok()
                .is_some_and(|id| self.catalog.get(&id).is_some())
        };
        match finding.status {
            Status::Suppressed => Part::Suppressed,
            Status::Fixed => Part::Fixed,
            Status::UnsafeFixable => Part::HeldBack,
            Status::Manual if has_remediation() => Part::HeldBack,
            Status::Fixable | Status::Manual | Status::FixFailed => Part::Remaining,
        }
    }

    fn row(&self, path: &str, finding: &Finding, part: Part) -> String {
        let checkov = self
            .rules
            .rule(&finding.rule)
            .map_or(String::new(), |r| r.checkov.join(", "));
        let detail = match part {
            Part::Fixed => change(finding),
            Part::Remaining | Part::HeldBack => {
                format!("{} — {}", finding.message, self.why(finding))
            }
            Part::Suppressed => match &finding.suppression {
                Some(s) => format!("{} — {}", finding.message, super::suppression_text(s)),
                None => finding.message.clone(),
            },
        };
        format!(
            "| {} | {} | {} | {} | {} |",
            code(&finding.rule),
            code(&format!("{path}:{}", finding.start.line)),
            self.severity(finding).as_str(),
            cell(&detail),
            cell(&checkov)
        )
    }

    /// Why a finding is not fixed, or what would fix it.
    fn why(&self, finding: &Finding) -> String {
        let reason = finding.reason.as_deref();
        match (&finding.status, &finding.fix) {
            (Status::Fixable, Some(fix)) => format!("fixable: {}", fix.title),
            (Status::UnsafeFixable, _) => {
                let unsafe_reason = RuleId::new(&finding.rule)
                    .ok()
                    .and_then(|id| self.catalog.get(&id))
                    .map_or(String::new(), |r| format!(": {}", r.reason));
                format!("unsafe fix (applied with --unsafe-fixes){unsafe_reason}")
            }
            (Status::FixFailed, _) => {
                format!("fix failed: {}", reason.unwrap_or("verification failed"))
            }
            _ => reason.unwrap_or("no automatic fix").to_owned(),
        }
    }
}

/// The Markdown report, gathered file by file and written by [`Stream::finish`].
pub struct MarkdownStream<'e, W: std::io::Write> {
    out: W,
    lookup: Lookup<'e>,
    mode: Mode,
    dry_run: bool,
    cwd: Option<PathBuf>,
    summary: Summary,
    /// Findings per severity, counted per part (in [`PARTS`] order).
    counts: BTreeMap<Severity, [usize; 4]>,
    tables: [Block; 4],
    /// Findings covered by each exemption in effect.
    used: Vec<usize>,
    exemptions: &'e [crate::config::Exemption],
    /// Files whose fixes did not converge.
    exhausted: Block,
    /// Warnings about the files' suppression comments.
    warnings: Block,
}

impl<'e, W: std::io::Write> MarkdownStream<'e, W> {
    pub fn new(out: W, engine: &'e Engine, mode: Mode, dry_run: bool) -> Self {
        MarkdownStream {
            out,
            lookup: Lookup {
                rules: &engine.rules,
                catalog: &engine.catalog,
            },
            mode,
            dry_run,
            cwd: std::env::current_dir().ok(),
            summary: Summary::default(),
            counts: BTreeMap::new(),
            tables: Default::default(),
            used: Vec::new(),
            exemptions: engine.exemptions(),
            exhausted: Block::default(),
            warnings: Block::default(),
        }
    }

    fn shown_path(&self, path: &Path) -> String {
        super::shown_path(path, self.cwd.as_deref())
    }

    fn render(&self, report: &RunReport, summary: Summary) -> String {
        let mut md = String::new();
        let _ = writeln!(
            md,
            "## {}\n\n{}\n",
            self.command(),
            summary.line(self.mode, self.dry_run)
        );
        if summary.findings + summary.suppressed > 0 {
            self.severity_table(&mut md, summary.suppressed > 0);
        }
        let errors = list(report.errors.iter().map(|e| {
            let at = e.position.map(|p| format!(":{p}")).unwrap_or_default();
            format!("{}{at}: {}", self.shown_path(&e.path), e.message)
        }));
        let skipped = list(
            report
                .notices
                .iter()
                .map(|n| format!("{}: skipped: {}", self.shown_path(&n.path), n.reason)),
        );
        let fixed_title = if self.dry_run {
            "Would be fixed"
        } else {
            "Fixed"
        };
        let mut warnings = list(report.warnings.iter().map(ToString::to_string));
        warnings.total += self.warnings.total;
        warnings.rows.extend(self.warnings.rows.iter().cloned());
        warnings.rows.truncate(MAX_ROWS);
        let mut exemptions = Block::default();
        for (i, e) in report.exemptions.iter().enumerate() {
            exemptions.push(|| {
                format!(
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    code(&e.source),
                    code(&e.rule),
                    cell(
                        &e.paths
                            .iter()
                            .chain(&e.resources)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    cell(&e.owner),
                    e.expires,
                    cell(&e.reason),
                    self.used.get(i).copied().unwrap_or(0)
                )
            });
        }
        let blocks: [(&str, &str, &Block); 9] = [
            (fixed_title, TABLE_FIXED, &self.tables[0]),
            ("Remaining", TABLE_OPEN, &self.tables[1]),
            ("Held back", TABLE_OPEN, &self.tables[2]),
            ("Suppressed", TABLE_SUPPRESSED, &self.tables[3]),
            ("Exemptions in effect", TABLE_EXEMPTIONS, &exemptions),
            ("Warnings", "", &warnings),
            ("Errors", "", &errors),
            ("Did not converge", "", &self.exhausted),
            ("Skipped", "", &skipped),
        ];
        let shown: Vec<_> = blocks.iter().filter(|b| b.2.total > 0).collect();
        for (i, (title, header, block)) in shown.iter().enumerate() {
            let left = MAX_CHARS.saturating_sub(md.len());
            render_block(&mut md, title, header, block, left / (shown.len() - i));
        }
        md
    }

    fn command(&self) -> String {
        match self.mode {
            Mode::Scan => "converge scan".to_owned(),
            Mode::Fix { unsafe_fixes } => format!(
                "converge fix{}{}",
                if unsafe_fixes { " --unsafe-fixes" } else { "" },
                if self.dry_run { " --dry-run" } else { "" }
            ),
        }
    }

    /// Counts by severity; the *Suppressed* column only when something is.
    fn severity_table(&self, md: &mut String, suppressed: bool) {
        let fixed = if self.dry_run {
            "Would be fixed"
        } else {
            "Fixed"
        };
        let (extra, rule) = if suppressed {
            (" Suppressed |", "---:|")
        } else {
            ("", "")
        };
        let _ = writeln!(
            md,
            "| Severity | Findings | {fixed} | Remaining | Held back |{extra}\n|---|---:|---:|---:|---:|{rule}"
        );
        let mut total = [0; 4];
        for severity in [
            Severity::Critical,
            Severity::High,
            Severity::Medium,
            Severity::Low,
        ] {
            let counts = self.counts.get(&severity).copied().unwrap_or_default();
            for (sum, n) in total.iter_mut().zip(counts) {
                *sum += n;
            }
            counts_row(md, severity.as_str(), counts, suppressed);
        }
        counts_row(md, "**total**", total, suppressed);
        md.push('\n');
    }
}

impl<W: std::io::Write> Stream for MarkdownStream<'_, W> {
    /// Counts the file's findings and keeps the first rows of each table.
    fn file(&mut self, file: &FileReport) -> std::io::Result<()> {
        self.summary.add(file);
        super::count_exemptions(&mut self.used, self.exemptions, file);
        let path = self.shown_path(&file.path);
        for w in &file.warnings {
            self.warnings.push(|| {
                format!(
                    "- {}",
                    cell(&format!("{path}:{}: {}", w.position, w.message))
                )
            });
        }
        if file.exhausted {
            self.exhausted.push(|| format!("- {}", cell(&path)));
        }
        let lookup = self.lookup;
        for finding in &file.findings {
            let part = lookup.part(finding);
            let slot = PARTS.iter().position(|p| *p == part).unwrap_or(0);
            self.counts.entry(lookup.severity(finding)).or_default()[slot] += 1;
            self.tables[slot].push(|| lookup.row(&path, finding, part));
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, report: &RunReport) -> std::io::Result<Summary> {
        let summary = std::mem::take(&mut self.summary).finish(report);
        let md = self.render(report, summary);
        self.out.write_all(md.as_bytes())?;
        self.out.flush()?;
        Ok(summary)
    }
}

const TABLE_FIXED: &str =
    "| Rule | Location | Severity | Change | Checkov |\n|---|---|---|---|---|\n";
const TABLE_OPEN: &str =
    "| Rule | Location | Severity | Finding | Checkov |\n|---|---|---|---|---|\n";
const TABLE_SUPPRESSED: &str =
    "| Rule | Location | Severity | Finding and suppression | Checkov |\n|---|---|---|---|---|\n";
const TABLE_EXEMPTIONS: &str = "| Exemption | Rule | Paths and resources | Owner | Expires | Reason | Findings |\n|---|---|---|---|---|---|---:|\n";

/// A block's heading, header and as many rows as fit in `budget` bytes, then the count of
/// the others.
fn render_block(md: &mut String, title: &str, header: &str, block: &Block, budget: usize) {
    let start = md.len();
    let _ = write!(md, "### {title} ({})\n\n{header}", block.total);
    let mut shown = 0;
    for row in &block.rows {
        if md.len() - start + row.len() + 1 + MORE_LINE > budget {
            break;
        }
        md.push_str(row);
        md.push('\n');
        shown += 1;
    }
    if shown < block.total {
        let _ = writeln!(md, "\n…and {} more.", block.total - shown);
    }
    md.push('\n');
}

fn counts_row(
    md: &mut String,
    label: &str,
    [fixed, remaining, held, suppressed]: [usize; 4],
    with_suppressed: bool,
) {
    let _ = write!(
        md,
        "| {label} | {} | {fixed} | {remaining} | {held} |",
        fixed + remaining + held
    );
    if with_suppressed {
        let _ = write!(md, " {suppressed} |");
    }
    md.push('\n');
}

/// A bulleted list of the first lines of `items`, and their count.
fn list(items: impl Iterator<Item = String>) -> Block {
    let mut block = Block::default();
    for item in items {
        block.push(|| format!("- {}", cell(&item)));
    }
    block
}

/// What a fixed finding's fix changed.
fn change(finding: &Finding) -> String {
    match &finding.fix {
        Some(fix) => match &fix.note {
            Some(note) => format!("{} ({note})", fix.title),
            None => fix.title.clone(),
        },
        None => finding.reason.clone().unwrap_or_default(),
    }
}

/// Text for a table cell: one line, no `|` that would end the cell, no HTML or emphasis, at
/// most [`MAX_CELL`] characters.
fn cell(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX_CELL {
            out.push('…');
            break;
        }
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` as inline code, or as plain cell text when a backtick would end the code span.
fn code(text: &str) -> String {
    if text.contains(['`', '\n', '\r']) {
        cell(text)
    } else {
        format!("`{}`", text.replace('|', "\\|"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_one_escaped_line() {
        assert_eq!(cell("a|b\n<c> *d*"), "a\\|b &lt;c&gt; \\*d\\*");
        assert_eq!(cell(&"x".repeat(400)).chars().count(), MAX_CELL + 1);
        assert_eq!(code("a.tf:3"), "`a.tf:3`");
        assert_eq!(code("we`ird.tf:3"), "we\\`ird.tf:3");
    }

    #[test]
    fn blocks_stop_at_their_budget_and_count_the_rest() {
        let mut block = Block::default();
        for i in 0..(MAX_ROWS + 20) {
            block.push(|| format!("| row {i} |"));
        }
        let mut md = String::new();
        render_block(&mut md, "T", "", &block, 200);
        assert!(md.len() <= 200, "{md}");
        let shown = md.lines().filter(|l| l.starts_with("| row")).count();
        assert!(md.contains(&format!("…and {} more.", MAX_ROWS + 20 - shown)));
    }
}
