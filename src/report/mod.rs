//! What users see: diagnostics with code frames, the summary line, unified diffs, the
//! versioned JSON report (documented in docs/json-format.md), SARIF 2.1.0 ([`sarif`],
//! docs/sarif.md) and a Markdown summary ([`markdown`]).

pub mod markdown;
pub mod sarif;

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{json, Value};

use crate::engine::{FileReport, Finding, Mode, RunReport, Status};
use crate::rule::RuleSet;

/// A report written as the run goes: each file's part as soon as the file is done, the rest
/// once every file is, so that memory does not grow with the number of files.
pub trait Stream {
    /// Reports one file (called in path order).
    fn file(&mut self, file: &FileReport) -> std::io::Result<()>;
    /// Ends the report with the run's errors and notices; returns the summary.
    fn finish(self: Box<Self>, report: &RunReport) -> std::io::Result<Summary>;
}

/// Version of the JSON report; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

/// Counts for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub findings: usize,
    pub fixed: usize,
    pub fixable: usize,
    pub unsafe_fixable: usize,
    pub manual: usize,
    pub fix_failed: usize,
    /// Findings accepted by a suppression comment or an exemption (not in `findings`).
    pub suppressed: usize,
    pub files_changed: usize,
    pub errors: usize,
    /// Warnings about suppressions and the configuration.
    pub warnings: usize,
}

impl Summary {
    pub fn of(report: &RunReport) -> Summary {
        let mut s = Summary::default();
        for f in &report.files {
            s.add(f);
        }
        s.finish(report)
    }

    /// Counts one file's findings.
    pub fn add(&mut self, file: &FileReport) {
        if file.fixed.is_some() {
            self.files_changed += 1;
        }
        self.warnings += file.warnings.len();
        for finding in &file.findings {
            if finding.status == Status::Suppressed {
                self.suppressed += 1;
                continue;
            }
            self.findings += 1;
            match finding.status {
                Status::Fixed => self.fixed += 1,
                Status::Fixable => self.fixable += 1,
                Status::UnsafeFixable => self.unsafe_fixable += 1,
                Status::Manual => self.manual += 1,
                Status::FixFailed => self.fix_failed += 1,
                Status::Suppressed => {}
            }
        }
    }

    /// Adds the run's file and error counts, once every file has been added.
    pub fn finish(mut self, report: &RunReport) -> Summary {
        self.files = report.files_checked;
        self.errors = report.errors.len();
        self.warnings += report.warnings.len();
        self
    }

    /// Findings left in the files after this run (in a dry run: left if it were applied).
    pub fn remaining(&self) -> usize {
        self.findings - self.fixed
    }

    pub fn line(&self, mode: Mode, dry_run: bool) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![plural(self.findings, "finding", "findings")];
        match mode {
            Mode::Scan => parts.push(format!("{} fixable", self.fixable)),
            Mode::Fix { .. } if dry_run => parts.push(format!("{} would be fixed", self.fixed)),
            Mode::Fix { .. } => parts.push(format!("{} fixed", self.fixed)),
        }
        parts.push(format!(
            "{} fixable with --unsafe-fixes",
            self.unsafe_fixable
        ));
        parts.push(format!(
            "{} need manual changes",
            self.manual + self.fix_failed
        ));
        if self.suppressed > 0 {
            parts.push(format!("{} suppressed", self.suppressed));
        }
        let mut line = parts.join(", ");
        if self.errors > 0 {
            let _ = write!(line, "; {}", plural(self.errors, "error", "errors"));
        }
        line
    }
}

/// How text is written: colours, and `--quiet` (only the findings that remain, one line each,
/// and errors).
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub paint: crate::term::Paint,
    pub quiet: bool,
}

/// Human diagnostics for every finding, then errors and notices.
pub fn text(report: &RunReport, rules: &RuleSet, mode: Mode, dry_run: bool) -> String {
    let style = Style::default();
    let mut out = String::new();
    let mut used = Vec::new();
    for file in &report.files {
        file_text(&mut out, file, rules, dry_run, style);
        count_exemptions(&mut used, &report.exemptions, file);
    }
    let exhausted: Vec<&Path> = report
        .files
        .iter()
        .filter(|f| f.exhausted)
        .map(|f| f.path.as_path())
        .collect();
    tail_text(
        &mut out,
        report,
        &used,
        &exhausted,
        &Summary::of(report).line(mode, dry_run),
        style,
    );
    out
}

/// The text output written as the run goes: each file's diagnostics as soon as the file is
/// done, then the errors, notices and summary line. In a dry run the diff goes to `out` and
/// the diagnostics to `diagnostics` (stderr), so that the diff can be piped to `git apply`.
pub struct TextStream<'r, W: std::io::Write, E: std::io::Write> {
    out: W,
    diagnostics: E,
    rules: &'r RuleSet,
    mode: Mode,
    dry_run: bool,
    summary: Summary,
    exhausted: Vec<std::path::PathBuf>,
    buffer: String,
    exemptions: &'r [crate::config::Exemption],
    used: Vec<usize>,
    style: Style,
    /// Colours for the diff (on standard output in a dry run).
    diff_paint: crate::term::Paint,
}

impl<'r, W: std::io::Write, E: std::io::Write> TextStream<'r, W, E> {
    /// Writes with `style` (diagnostics) and colours the diff with `diff_paint`.
    pub fn with_style(mut self, style: Style, diff_paint: crate::term::Paint) -> Self {
        self.style = style;
        self.diff_paint = diff_paint;
        self
    }

    pub fn new(
        out: W,
        diagnostics: E,
        rules: &'r RuleSet,
        exemptions: &'r [crate::config::Exemption],
        mode: Mode,
        dry_run: bool,
    ) -> Self {
        TextStream {
            exemptions,
            used: Vec::new(),
            style: Style::default(),
            diff_paint: Default::default(),
            out,
            diagnostics,
            rules,
            mode,
            dry_run,
            summary: Summary::default(),
            exhausted: Vec::new(),
            buffer: String::new(),
        }
    }
}

impl<W: std::io::Write, E: std::io::Write> Stream for TextStream<'_, W, E> {
    fn file(&mut self, file: &FileReport) -> std::io::Result<()> {
        self.summary.add(file);
        count_exemptions(&mut self.used, self.exemptions, file);
        if file.exhausted {
            self.exhausted.push(file.path.clone());
        }
        self.buffer.clear();
        file_text(&mut self.buffer, file, self.rules, self.dry_run, self.style);
        if self.dry_run {
            let mut diff = String::new();
            file_diff(&mut diff, file);
            self.out.write_all(self.diff_paint.diff(&diff).as_bytes())?;
            self.diagnostics.write_all(self.buffer.as_bytes())
        } else {
            self.out.write_all(self.buffer.as_bytes())
        }
    }

    fn finish(mut self: Box<Self>, report: &RunReport) -> std::io::Result<Summary> {
        let summary = std::mem::take(&mut self.summary).finish(report);
        let exhausted: Vec<&Path> = self.exhausted.iter().map(|p| p.as_path()).collect();
        let mut tail = String::new();
        tail_text(
            &mut tail,
            report,
            &self.used,
            &exhausted,
            &summary.line(self.mode, self.dry_run),
            self.style,
        );
        if self.dry_run {
            self.diagnostics.write_all(tail.as_bytes())?;
        } else {
            self.out.write_all(tail.as_bytes())?;
        }
        self.out.flush()?;
        self.diagnostics.flush()?;
        Ok(summary)
    }
}

/// The diagnostics of one file's findings.
pub fn file_text(
    out: &mut String,
    file: &FileReport,
    rules: &RuleSet,
    dry_run: bool,
    style: Style,
) {
    let paint = style.paint;
    if style.quiet {
        for f in file
            .findings
            .iter()
            .filter(|f| !matches!(f.status, Status::Fixed | Status::Suppressed))
        {
            let _ = writeln!(
                out,
                "{}: {} [{}] {}",
                paint.bold(&format!("{}:{}", file.path.display(), f.start)),
                paint.cyan(&f.rule),
                paint.severity(rules.severity(&f.rule)),
                f.message
            );
        }
        return;
    }
    for warning in &file.warnings {
        let _ = writeln!(
            out,
            "{}: {} {}",
            paint.bold(&format!("{}:{}", file.path.display(), warning.position)),
            paint.yellow("warning:"),
            warning.message
        );
    }
    for finding in &file.findings {
        diagnostic(out, file, finding, rules, dry_run, paint);
    }
}

/// What follows the diagnostics: errors, notices, files whose fixes did not converge, and the
/// summary line.
pub fn tail_text(
    out: &mut String,
    report: &RunReport,
    used: &[usize],
    exhausted: &[&Path],
    summary_line: &str,
    style: Style,
) {
    let paint = style.paint;
    for error in &report.errors {
        let _ = writeln!(
            out,
            "{}: {} {}",
            paint.bold(&location(&error.path, error.position)),
            paint.red("error:"),
            error.message
        );
    }
    if style.quiet {
        return;
    }
    for notice in &report.notices {
        let _ = writeln!(
            out,
            "{}: {} {}",
            paint.bold(&notice.path.display().to_string()),
            paint.dim("skipped:"),
            notice.reason
        );
    }
    for warning in &report.warnings {
        let at = match warning.position {
            Some(p) => format!("{}:{p}", warning.path),
            None => warning.path.clone(),
        };
        let _ = writeln!(
            out,
            "{}: {} {}",
            paint.bold(&at),
            paint.yellow("warning:"),
            warning.message
        );
    }
    exemptions_text(out, report, used);
    for path in exhausted {
        let _ = writeln!(
            out,
            "{}: {} fixes did not converge within {} passes",
            paint.bold(&path.display().to_string()),
            paint.yellow("warning:"),
            crate::fix::MAX_PASSES
        );
    }
    let _ = writeln!(out, "{}", paint.bold(summary_line));
}

/// The exemptions in effect, each with the number of findings it covered in this run.
fn exemptions_text(out: &mut String, report: &RunReport, used: &[usize]) {
    if report.exemptions.is_empty() {
        return;
    }
    let _ = writeln!(out, "exemptions in effect:");
    for (i, e) in report.exemptions.iter().enumerate() {
        let count = used.get(i).copied().unwrap_or(0);
        let mut scope = e.paths.join(", ");
        if !e.resources.is_empty() {
            let _ = write!(scope, " ({})", e.resources.join(", "));
        }
        let _ = writeln!(
            out,
            "  {}: {} in {scope}, owner {}, expires {}: {} ({count} {})",
            e.source,
            e.rule,
            e.owner,
            e.expires,
            e.reason,
            if count == 1 { "finding" } else { "findings" }
        );
    }
}

/// Counts, per exemption in effect, the findings of `file` it covers.
pub fn count_exemptions(
    used: &mut Vec<usize>,
    exemptions: &[crate::config::Exemption],
    file: &FileReport,
) {
    used.resize(exemptions.len(), 0);
    for f in &file.findings {
        if let Some(s) = &f.suppression {
            if let Some(i) = exemptions.iter().position(|e| e.source == s.source) {
                used[i] += 1;
            }
        }
    }
}

fn location(path: &Path, position: Option<crate::source::Position>) -> String {
    match position {
        Some(p) => format!("{}:{p}", path.display()),
        None => path.display().to_string(),
    }
}

fn diagnostic(
    out: &mut String,
    file: &FileReport,
    finding: &Finding,
    rules: &RuleSet,
    dry_run: bool,
    paint: crate::term::Paint,
) {
    let severity = rules.severity(&finding.rule);
    let _ = writeln!(
        out,
        "{}: {} [{}] {}",
        paint.bold(&format!("{}:{}", file.path.display(), finding.start)),
        paint.cyan(&finding.rule),
        paint.severity(severity),
        finding.message
    );
    if let Some(s) = &finding.suppression {
        let _ = writeln!(
            out,
            "   = {} {}\n",
            paint.dim("suppressed:"),
            suppression_text(s)
        );
        return;
    }
    frame(out, finding, paint);
    let status = match (&finding.status, &finding.fix) {
        (Status::Fixed, Some(fix)) if dry_run => {
            format!("{} {}{}", paint.green("would fix:"), fix.title, note(fix))
        }
        (Status::Fixed, Some(fix)) => {
            format!("{} {}{}", paint.green("fixed:"), fix.title, note(fix))
        }
        (Status::Fixable, Some(fix)) => {
            format!("{} {}{}", paint.green("fixable:"), fix.title, note(fix))
        }
        (Status::UnsafeFixable, _) => paint.yellow("fixable with --unsafe-fixes"),
        (Status::FixFailed, _) => format!(
            "{} {}",
            paint.red("not fixed:"),
            finding.reason.as_deref().unwrap_or("verification failed")
        ),
        _ => format!(
            "{} {}",
            paint.dim("manual:"),
            finding.reason.as_deref().unwrap_or("no automatic fix")
        ),
    };
    let _ = writeln!(out, "   = {status}\n");
}

/// `inline at main.tf:3: reason` / `exemption at .converge.yaml:4 (owner o, expires d): reason`.
pub fn suppression_text(s: &crate::suppress::Suppression) -> String {
    let mut text = format!("{} at {}", s.kind.as_str(), s.source);
    if let (Some(owner), Some(expires)) = (&s.owner, &s.expires) {
        let _ = write!(text, " (owner {owner}, expires {expires})");
    }
    match &s.reason {
        Some(reason) => {
            let _ = write!(text, ": {reason}");
        }
        None => text.push_str(", no reason given"),
    }
    text
}

fn note(fix: &crate::engine::FixInfo) -> String {
    match &fix.note {
        Some(n) => format!(" ({}; {n})", fix.applicability.as_str()),
        None => format!(" ({})", fix.applicability.as_str()),
    }
}

/// A one-line code frame with a caret under the finding's first line.
fn frame(out: &mut String, finding: &Finding, paint: crate::term::Paint) {
    let line = finding.source_line.as_str();
    let number = finding.start.line.to_string();
    let pad = " ".repeat(number.len());
    let line_chars = line.chars().count();
    let start = finding.start.column.saturating_sub(1).min(line_chars);
    let end = if finding.end.line == finding.start.line {
        finding.end.column.saturating_sub(1)
    } else {
        line_chars
    };
    let width = end.saturating_sub(start).max(1);
    let shown: String = line.chars().take(160).collect();
    let _ = writeln!(
        out,
        "{pad} {bar}\n{} {bar} {shown}\n{pad} {bar} {}{}",
        paint.dim(&number),
        " ".repeat(start.min(160)),
        paint.red(&"^".repeat(width.min(160))),
        bar = paint.dim("|"),
    );
}

/// Unified diff of every changed file, applicable with `git apply`.
pub fn diff(report: &RunReport) -> String {
    let mut out = String::new();
    for file in &report.files {
        file_diff(&mut out, file);
    }
    out
}

/// Unified diff of one file (nothing when it did not change).
pub fn file_diff(out: &mut String, file: &FileReport) {
    let Some(fixed) = &file.fixed else { return };
    let before = String::from_utf8_lossy(&file.original);
    let after = String::from_utf8_lossy(fixed);
    let name = diff_name(&file.path);
    let diff = similar::TextDiff::from_lines(before.as_ref(), after.as_ref());
    let _ = write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
    );
}

/// The path as a diff names it: relative to the working directory when it is inside it.
fn diff_name(path: &Path) -> String {
    let shown = shown_path(path, std::env::current_dir().ok().as_deref());
    shown.trim_start_matches('/').to_owned()
}

/// The path as reports show it: relative to `cwd` when it is inside it, without a leading `./`.
pub(crate) fn shown_path(path: &Path, cwd: Option<&Path>) -> String {
    let relative = cwd
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    let shown = relative.display().to_string();
    shown.strip_prefix("./").unwrap_or(&shown).to_owned()
}

/// One finding in the JSON report: the finding's own fields plus where and what it is.
#[derive(serde::Serialize)]
pub struct JsonFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    path: String,
    target: crate::source::Target,
    severity: &'static str,
    checkov: &'a [String],
}

/// The JSON report, serialised straight to the output (no intermediate JSON tree).
#[derive(serde::Serialize)]
pub struct JsonReport<'a> {
    version: u32,
    command: &'a str,
    dry_run: bool,
    summary: Summary,
    files: Vec<Value>,
    findings: Vec<JsonFinding<'a>>,
    errors: Vec<Value>,
    notices: Vec<Value>,
    warnings: Vec<Value>,
    exemptions: Vec<Value>,
    /// With `fix --dry-run`: the unified diff of all changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
}

/// The JSON report written as the run goes: each file's findings as soon as the file is done,
/// then the per-file list, errors, notices, the summary and (dry run) the diff. Nothing but the
/// small per-file entries and the diff is held, so memory stays flat however many files there
/// are. The object is the one [`json`] builds, with its keys in this order.
pub struct JsonStream<'r, W: std::io::Write> {
    out: W,
    rules: &'r RuleSet,
    files: Vec<Value>,
    warnings: Vec<Value>,
    exemptions: &'r [crate::config::Exemption],
    used: Vec<usize>,
    first: bool,
    diff: Option<String>,
    summary: Summary,
}

impl<'r, W: std::io::Write> JsonStream<'r, W> {
    pub fn start(
        mut out: W,
        rules: &'r RuleSet,
        exemptions: &'r [crate::config::Exemption],
        command: &str,
        dry_run: bool,
    ) -> std::io::Result<Self> {
        write!(
            out,
            "{{\n  \"version\": {JSON_VERSION},\n  \"command\": {},\n  \"dry_run\": {dry_run},\n  \"findings\": [",
            Value::from(command)
        )?;
        Ok(JsonStream {
            out,
            rules,
            files: Vec::new(),
            warnings: Vec::new(),
            exemptions,
            used: Vec::new(),
            first: true,
            diff: dry_run.then(String::new),
            summary: Summary::default(),
        })
    }
}

impl<W: std::io::Write> Stream for JsonStream<'_, W> {
    /// Writes one file's findings (one per line) and keeps its entry for `files`.
    fn file(&mut self, file: &FileReport) -> std::io::Result<()> {
        self.summary.add(file);
        count_exemptions(&mut self.used, self.exemptions, file);
        let path = file.path.display().to_string();
        for finding in &file.findings {
            let entry = JsonFinding {
                finding,
                path: path.clone(),
                target: file.target,
                severity: self.rules.severity(&finding.rule),
                checkov: self
                    .rules
                    .rule(&finding.rule)
                    .map_or(&[][..], |r| r.checkov.as_slice()),
            };
            self.out
                .write_all(if self.first { b"\n    " } else { b",\n    " })?;
            serde_json::to_writer(&mut self.out, &entry)?;
            self.first = false;
        }
        self.files.push(file_entry(file));
        self.warnings.extend(file_warnings(file));
        if let Some(diff) = &mut self.diff {
            file_diff(diff, file);
        }
        Ok(())
    }

    /// Closes the object with the run's errors and notices; returns the summary.
    fn finish(mut self: Box<Self>, report: &RunReport) -> std::io::Result<Summary> {
        let summary = std::mem::take(&mut self.summary).finish(report);
        let (errors, notices) = problems(report);
        let mut warnings = std::mem::take(&mut self.warnings);
        warnings.extend(run_warnings(report));
        let close = if self.first { "]" } else { "\n  ]" };
        write!(self.out, "{close},\n  \"files\": ")?;
        write_list(&mut self.out, &self.files)?;
        write!(self.out, ",\n  \"errors\": ")?;
        write_list(&mut self.out, &errors)?;
        write!(self.out, ",\n  \"notices\": ")?;
        write_list(&mut self.out, &notices)?;
        write!(self.out, ",\n  \"warnings\": ")?;
        write_list(&mut self.out, &warnings)?;
        write!(self.out, ",\n  \"exemptions\": ")?;
        write_list(&mut self.out, &exemption_entries(report, &self.used))?;
        write!(self.out, ",\n  \"summary\": ")?;
        serde_json::to_writer(&mut self.out, &summary)?;
        if let Some(diff) = &self.diff {
            write!(self.out, ",\n  \"diff\": ")?;
            serde_json::to_writer(&mut self.out, diff)?;
        }
        writeln!(self.out, "\n}}")?;
        self.out.flush()?;
        Ok(summary)
    }
}

/// A JSON list with one item per line.
fn write_list(out: &mut impl std::io::Write, items: &[Value]) -> std::io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    for (i, item) in items.iter().enumerate() {
        out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        serde_json::to_writer(&mut *out, item)?;
    }
    out.write_all(b"\n  ]")
}

fn file_entry(f: &FileReport) -> Value {
    json!({"path": f.path.display().to_string(), "target": f.target, "changed": f.fixed.is_some(), "converged": !f.exhausted})
}

/// The JSON entries of a file's warnings.
fn file_warnings(file: &FileReport) -> impl Iterator<Item = Value> + '_ {
    file.warnings.iter().map(|w| {
        json!({"path": file.path.display().to_string(), "line": w.position.line, "column": w.position.column, "message": w.message})
    })
}

/// The JSON entries of the run's (configuration) warnings.
fn run_warnings(report: &RunReport) -> impl Iterator<Item = Value> + '_ {
    report.warnings.iter().map(|w| {
        json!({"path": w.path, "line": w.position.map(|p| p.line), "column": w.position.map(|p| p.column), "message": w.message})
    })
}

/// The JSON entries of the exemptions in effect, with the findings each covered.
pub(crate) fn exemption_entries(report: &RunReport, used: &[usize]) -> Vec<Value> {
    report
        .exemptions
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut entry = serde_json::to_value(e).unwrap_or(Value::Null);
            if let Some(obj) = entry.as_object_mut() {
                obj.insert("findings".into(), used.get(i).copied().unwrap_or(0).into());
            }
            entry
        })
        .collect()
}

/// The `errors` and `notices` of the JSON report.
fn problems(report: &RunReport) -> (Vec<Value>, Vec<Value>) {
    let errors = report
        .errors
        .iter()
        .map(|e| json!({"path": e.path.display().to_string(), "line": e.position.map(|p| p.line), "column": e.position.map(|p| p.column), "message": e.message}))
        .collect();
    let notices = report
        .notices
        .iter()
        .map(|n| json!({"path": n.path.display().to_string(), "message": n.reason}))
        .collect();
    (errors, notices)
}

/// The JSON report.
pub fn json<'a>(
    report: &'a RunReport,
    rules: &'a RuleSet,
    command: &'a str,
    dry_run: bool,
) -> JsonReport<'a> {
    let findings: Vec<JsonFinding<'a>> = report
        .files
        .iter()
        .flat_map(|f| {
            f.findings.iter().map(move |finding| {
                let meta = rules.rule(&finding.rule);
                JsonFinding {
                    finding,
                    path: f.path.display().to_string(),
                    target: f.target,
                    severity: rules.severity(&finding.rule),
                    checkov: meta.map_or(&[][..], |r| r.checkov.as_slice()),
                }
            })
        })
        .collect();
    let files: Vec<Value> = report.files.iter().map(file_entry).collect();
    let (errors, notices) = problems(report);
    let mut used = Vec::new();
    for file in &report.files {
        count_exemptions(&mut used, &report.exemptions, file);
    }
    let mut warnings: Vec<Value> = report.files.iter().flat_map(file_warnings).collect();
    warnings.extend(run_warnings(report));
    JsonReport {
        version: JSON_VERSION,
        command,
        dry_run,
        summary: Summary::of(report),
        files,
        findings,
        errors,
        notices,
        warnings,
        exemptions: exemption_entries(report, &used),
        diff: None,
    }
}
