//! SARIF 2.1.0 (`--format sarif`, docs/sarif.md), for code scanning services and SARIF viewers.
//!
//! The log holds one run: `tool.driver.rules` describes every loaded rule, each finding is a
//! result, and errors and skipped files are notifications of the invocation. Like the JSON
//! report it is written as the run goes: the envelope is written here and every object in it is
//! a `serde_sarif` type serialised on a line of its own, so memory stays flat however many
//! files there are.
//!
//! Fixes: the engine keeps the bytes of a changed file before and after, not each finding's
//! edit, so a file's whole change is one SARIF fix. Its replacements are the hunks of a line
//! diff of the two, each narrowed to the bytes that differ, and it is attached to the file's
//! first finding that was fixed by its own fix.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use serde_json::{json, Value};
use serde_sarif::sarif as s;

use super::{Stream, Summary};
use crate::engine::{Engine, FileReport, Finding, RunReport, Status};
use crate::remediation::{Catalog, Remediation};
use crate::rule::{ModuleRole, RuleMeta, RuleSet, Severity};
use crate::source::{LineIndex, Position};

/// The project's home; rule pages are `docs/rules/<id>.md` on its `main` branch.
pub const PROJECT_URL: &str = "https://github.com/converge-dev/converge";

/// The schema the log declares (`$schema`): the OASIS SARIF 2.1.0 schema.
const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF log written as the run goes (see the module documentation).
pub struct SarifStream<'e, W: std::io::Write> {
    out: W,
    rules: &'e RuleSet,
    /// `tool.driver.rules` index of each rule id, for `ruleIndex`.
    index: BTreeMap<String, usize>,
    cwd: Option<PathBuf>,
    command: &'static str,
    dry_run: bool,
    first: bool,
    summary: Summary,
    /// Files whose fixes did not converge, reported as warnings at the end.
    exhausted: Vec<PathBuf>,
    /// Warnings about suppression comments, reported at the end.
    warnings: Vec<(PathBuf, crate::suppress::Warning)>,
    exemptions: &'e [crate::config::Exemption],
    /// Findings covered by each exemption in effect.
    used: Vec<usize>,
}

impl<'e, W: std::io::Write> SarifStream<'e, W> {
    /// Writes the envelope up to the first result: the schema, the version and the tool.
    pub fn start(
        mut out: W,
        engine: &'e Engine,
        command: &'static str,
        dry_run: bool,
    ) -> std::io::Result<Self> {
        let (driver, index) = driver(&engine.rules, &engine.catalog);
        let tool = s::Tool::builder().driver(driver).build();
        write!(
            out,
            "{{\n  \"$schema\": {},\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": ",
            Value::from(SCHEMA_URI)
        )?;
        serde_json::to_writer(&mut out, &tool)?;
        // Finding columns count characters of the text, not UTF-16 code units (the default).
        write!(
            out,
            ",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )?;
        Ok(SarifStream {
            out,
            rules: &engine.rules,
            index,
            cwd: std::env::current_dir().ok(),
            command,
            dry_run,
            first: true,
            summary: Summary::default(),
            exhausted: Vec::new(),
            warnings: Vec::new(),
            exemptions: engine.exemptions(),
            used: Vec::new(),
        })
    }

    fn result(&self, uri: &str, finding: &Finding, fix: Option<s::Fix>) -> s::Result {
        let severity = self.rules.rule(&finding.rule).map(|r| r.severity);
        let region = s::Region::builder()
            .start_line(count(finding.start.line))
            .start_column(count(finding.start.column))
            .end_line(count(finding.end.line))
            .end_column(count(finding.end.column))
            .build();
        let mut properties = BTreeMap::from([("status".to_owned(), json!(finding.status))]);
        if let Some(info) = &finding.fix {
            properties.insert("fix".into(), json!(info));
        }
        if let Some(reason) = &finding.reason {
            properties.insert("reason".into(), json!(reason));
        }
        let mut result = s::Result::builder()
            .rule_id(finding.rule.clone())
            .level(result_level(severity.unwrap_or_default()))
            .message(text_message(&finding.message))
            .locations(vec![location(uri, Some(region))])
            .properties(bag(properties))
            .build();
        result.rule_index = self.index.get(&finding.rule).map(|&i| count(i));
        result.fixes = fix.map(|fix| vec![fix]);
        result.suppressions = finding.suppression.as_ref().map(|s| vec![suppression(s)]);
        result
    }

    /// The invocation: whether the run succeeded, and its errors and notices.
    fn invocation(&self, report: &RunReport, summary: Summary) -> s::Invocation {
        let mut notifications = Vec::new();
        for error in &report.errors {
            let region = error.position.map(|p| {
                s::Region::builder()
                    .start_line(count(p.line))
                    .start_column(count(p.column))
                    .build()
            });
            notifications.push(notification(
                "error",
                &error.message,
                location(&self.uri(&error.path), region),
            ));
        }
        for notice in &report.notices {
            let uri = self.uri(&notice.path);
            notifications.push(notification("note", &notice.reason, location(&uri, None)));
        }
        for (path, warning) in &self.warnings {
            let region = s::Region::builder()
                .start_line(count(warning.position.line))
                .start_column(count(warning.position.column))
                .build();
            notifications.push(notification(
                "warning",
                &warning.message,
                location(&self.uri(path), Some(region)),
            ));
        }
        for warning in &report.warnings {
            let region = warning.position.map(|p| {
                s::Region::builder()
                    .start_line(count(p.line))
                    .start_column(count(p.column))
                    .build()
            });
            notifications.push(notification(
                "warning",
                &warning.message,
                location(&self.uri(Path::new(&warning.path)), region),
            ));
        }
        for path in &self.exhausted {
            let message = format!(
                "fixes did not converge within {} passes",
                crate::fix::MAX_PASSES
            );
            notifications.push(notification(
                "warning",
                &message,
                location(&self.uri(path), None),
            ));
        }
        let mut properties = BTreeMap::from([
            ("command".to_owned(), json!(self.command)),
            ("dry_run".to_owned(), json!(self.dry_run)),
            ("summary".to_owned(), json!(summary)),
        ]);
        if !report.exemptions.is_empty() {
            properties.insert(
                "exemptions".into(),
                Value::Array(super::exemption_entries(report, &self.used)),
            );
        }
        s::Invocation::builder()
            .execution_successful(report.errors.is_empty())
            .tool_execution_notifications(notifications)
            .properties(bag(properties))
            .build()
    }

    fn uri(&self, path: &Path) -> String {
        artifact_uri(path, self.cwd.as_deref())
    }

    fn write_item(&mut self, item: &impl serde::Serialize) -> std::io::Result<()> {
        let separator: &[u8] = if self.first {
            b"\n        "
        } else {
            b",\n        "
        };
        self.out.write_all(separator)?;
        self.first = false;
        serde_json::to_writer(&mut self.out, item).map_err(std::io::Error::from)
    }
}

impl<W: std::io::Write> Stream for SarifStream<'_, W> {
    /// Writes one result per finding, the file's fix on its first finding fixed by its own fix.
    fn file(&mut self, file: &FileReport) -> std::io::Result<()> {
        self.summary.add(file);
        super::count_exemptions(&mut self.used, self.exemptions, file);
        if file.exhausted {
            self.exhausted.push(file.path.clone());
        }
        self.warnings
            .extend(file.warnings.iter().map(|w| (file.path.clone(), w.clone())));
        let uri = self.uri(&file.path);
        let mut fix = file_fix(file, &uri);
        for finding in &file.findings {
            let own_fix = finding.status == Status::Fixed && finding.fix.is_some();
            let fix = if own_fix { fix.take() } else { None };
            let result = self.result(&uri, finding, fix);
            self.write_item(&result)?;
        }
        Ok(())
    }

    /// Closes the results and writes the invocation with the run's errors and notices.
    fn finish(mut self: Box<Self>, report: &RunReport) -> std::io::Result<Summary> {
        let summary = std::mem::take(&mut self.summary).finish(report);
        let invocation = self.invocation(report, summary);
        let close = if self.first { "]" } else { "\n      ]" };
        write!(self.out, "{close},\n      \"invocations\": [")?;
        serde_json::to_writer(&mut self.out, &invocation)?;
        writeln!(self.out, "]\n    }}\n  ]\n}}")?;
        self.out.flush()?;
        Ok(summary)
    }
}

/// Writes the SARIF log of a finished run to `path`, atomically, readable by all (a SARIF
/// upload step may run as another user).
pub fn write_log(
    engine: &Engine,
    report: &RunReport,
    command: &'static str,
    dry_run: bool,
    path: &Path,
) -> anyhow::Result<()> {
    let mut log = Vec::new();
    let mut stream: Box<dyn Stream + '_> =
        Box::new(SarifStream::start(&mut log, engine, command, dry_run)?);
    for file in &report.files {
        stream.file(file)?;
    }
    stream.finish(report)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot write the SARIF log: {e}", path.display()))?;
    std::io::Write::write_all(&mut temp, &log)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    temp.persist(path).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot write the SARIF log: {}",
            path.display(),
            e.error
        )
    })?;
    Ok(())
}

/// The driver with a descriptor for every loaded rule, and each rule's index in it.
fn driver(rules: &RuleSet, catalog: &Catalog) -> (s::ToolComponent, BTreeMap<String, usize>) {
    let mut descriptors = Vec::new();
    let mut index = BTreeMap::new();
    for module in &rules.modules {
        if let ModuleRole::Rule(meta) = &module.role {
            index.insert(meta.id.to_string(), descriptors.len());
            let remediation = catalog.get(&meta.id);
            descriptors.push(descriptor(meta, module.module.builtin, remediation));
        }
    }
    let driver = s::ToolComponent::builder()
        .name("converge")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(PROJECT_URL)
        .rules(descriptors)
        .build();
    (driver, index)
}

/// A rule's descriptor. Only built-in rules have a documentation page to link to.
fn descriptor(
    meta: &RuleMeta,
    builtin: bool,
    remediation: Option<&Remediation>,
) -> s::ReportingDescriptor {
    let applicability = remediation.map_or("none", |r| r.applicability.as_str());
    let fix = match remediation {
        Some(r) => format!("{applicability}. {}", r.reason),
        None => "none; the change is made by hand.".to_owned(),
    };
    let help = s::MultiformatMessageString::builder()
        .text(format!("{}\n\nFix: {fix}", meta.description))
        .markdown(format!(
            "**{}**\n\n{}\n\n**Fix:** {fix}",
            meta.title, meta.description
        ))
        .build();
    let properties = s::PropertyBag::builder()
        .tags(vec!["security".to_owned(), meta.target.as_str().to_owned()])
        .additional_properties(BTreeMap::from([
            ("severity".to_owned(), json!(meta.severity.as_str())),
            (
                "security-severity".to_owned(),
                json!(security_severity(meta.severity)),
            ),
            ("checkov".to_owned(), json!(meta.checkov)),
            ("applicability".to_owned(), json!(applicability)),
        ]))
        .build();
    let configuration = s::ReportingConfiguration::builder()
        .level(json!(result_level(meta.severity).to_string()))
        .build();
    let mut descriptor = s::ReportingDescriptor::builder()
        .id(meta.id.to_string())
        .name(pascal_case(meta.id.as_str()))
        .short_description(plain(&meta.title))
        .full_description(plain(&meta.description))
        .help(help)
        .default_configuration(configuration)
        .properties(properties)
        .build();
    descriptor.help_uri =
        builtin.then(|| format!("{PROJECT_URL}/blob/main/docs/rules/{}.md", meta.id));
    descriptor
}

/// critical and high → error, medium → warning, low → note.
fn result_level(severity: Severity) -> s::ResultLevel {
    match severity {
        Severity::Critical | Severity::High => s::ResultLevel::Error,
        Severity::Medium => s::ResultLevel::Warning,
        Severity::Low => s::ResultLevel::Note,
    }
}

/// GitHub code scanning ranks security alerts by this CVSS-like score: above 9.0 is critical,
/// 7.0 to 8.9 high, 4.0 to 6.9 medium, below that low.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

/// `aws-s3-bucket-versioning-disabled` → `AwsS3BucketVersioningDisabled`, the readable
/// identifier SARIF asks `name` to be.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .flat_map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// The fix of a changed file: every change between the bytes as read and as fixed.
fn file_fix(file: &FileReport, uri: &str) -> Option<s::Fix> {
    let fixed = file.fixed.as_deref()?;
    let before = std::str::from_utf8(&file.original).ok()?;
    let after = std::str::from_utf8(fixed).ok()?;
    let lines = LineIndex::new(before);
    let replacements = changes(before, after)
        .into_iter()
        .map(|change| {
            let start = position(&lines, before, change.range.start);
            let end = position(&lines, before, change.range.end);
            let region = s::Region::builder()
                .start_line(count(start.line))
                .start_column(count(start.column))
                .end_line(count(end.line))
                .end_column(count(end.column))
                .byte_offset(count(change.range.start))
                .byte_length(count(change.range.len()))
                .build();
            let content = s::ArtifactContent::builder()
                .text(change.replacement)
                .build();
            s::Replacement::builder()
                .deleted_region(region)
                .inserted_content(content)
                .build()
        })
        .collect::<Vec<_>>();
    let titles: Vec<&str> = file
        .findings
        .iter()
        .filter(|f| f.status == Status::Fixed)
        .filter_map(|f| f.fix.as_ref().map(|x| x.title.as_str()))
        .collect();
    let change = s::ArtifactChange::builder()
        .artifact_location(s::ArtifactLocation::builder().uri(uri).build())
        .replacements(replacements)
        .build();
    Some(
        s::Fix::builder()
            .description(text_message(&titles.join("; ")))
            .artifact_changes(vec![change])
            .build(),
    )
}

/// Every change from `before` to `after`: the hunks of a line diff (adjacent changed lines
/// together), each narrowed to the bytes that differ.
fn changes(before: &str, after: &str) -> Vec<crate::fix::Edit> {
    let diff = similar::TextDiff::from_lines(before, after);
    let old = starts(diff.old_slices());
    let new = starts(diff.new_slices());
    let mut hunks: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for op in diff.ops() {
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        match hunks.last_mut() {
            Some((lo, ln)) if lo.end == o.start && ln.end == n.start => {
                lo.end = o.end;
                ln.end = n.end;
            }
            _ => hunks.push((o, n)),
        }
    }
    hunks
        .into_iter()
        .map(|(o, n)| {
            let (from, to) = (old[o.start]..old[o.end], new[n.start]..new[n.end]);
            let edit = crate::fix::Edit::between(&before[from.clone()], &after[to]);
            crate::fix::Edit {
                range: from.start + edit.range.start..from.start + edit.range.end,
                replacement: edit.replacement,
            }
        })
        .collect()
}

/// The byte offset of each line slice, and the end.
fn starts(slices: &[&str]) -> Vec<usize> {
    let mut out = Vec::with_capacity(slices.len() + 1);
    let mut at = 0;
    out.push(at);
    for slice in slices {
        at += slice.len();
        out.push(at);
    }
    out
}

/// 1-based line and column (in characters) of byte `at`; a BOM is not a character of the
/// first line, as it is not for the findings.
fn position(lines: &LineIndex, text: &str, at: usize) -> Position {
    let mut position = lines.char_position(text, at);
    if position.line == 1 && at > 0 && text.starts_with('\u{feff}') {
        position.column -= 1;
    }
    position
}

/// The file as a URI reference: relative to the working directory when it is inside it (code
/// scanning resolves relative URIs against the repository root), else an absolute `file:` URI.
fn artifact_uri(path: &Path, cwd: Option<&Path>) -> String {
    let relative = if path.is_absolute() {
        cwd.and_then(|cwd| path.strip_prefix(cwd).ok())
    } else {
        Some(path)
    };
    let (prefix, path) = match relative {
        Some(r) => ("", r),
        None => ("file://", path),
    };
    let mut uri = prefix.to_owned();
    for component in path.components() {
        let part = match component {
            Component::RootDir => {
                uri.push('/');
                continue;
            }
            Component::CurDir => continue,
            Component::ParentDir => "..".into(),
            Component::Prefix(p) => p.as_os_str().to_string_lossy(),
            Component::Normal(n) => n.to_string_lossy(),
        };
        if !uri.is_empty() && !uri.ends_with('/') {
            uri.push('/');
        }
        percent_encode(&mut uri, &part);
    }
    uri
}

/// Appends `text` with every byte but RFC 3986's unreserved characters percent-encoded.
fn percent_encode(out: &mut String, text: &str) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

fn location(uri: &str, region: Option<s::Region>) -> s::Location {
    let mut physical = s::PhysicalLocation::builder()
        .artifact_location(s::ArtifactLocation::builder().uri(uri).build())
        .build();
    physical.region = region;
    s::Location::builder().physical_location(physical).build()
}

fn notification(level: &str, message: &str, location: s::Location) -> s::Notification {
    s::Notification::builder()
        .level(json!(level))
        .message(text_message(message))
        .locations(vec![location])
        .build()
}

/// A suppressed finding's SARIF suppression: `inSource` for a comment or annotation,
/// `external` for an exemption, with the justification and who accepted it until when.
fn suppression(suppression: &crate::suppress::Suppression) -> s::Suppression {
    use crate::suppress::SuppressionKind;
    let kind = match suppression.kind {
        SuppressionKind::Exemption => "external",
        SuppressionKind::Inline | SuppressionKind::Checkov => "inSource",
    };
    let mut properties = BTreeMap::from([
        ("source".to_owned(), json!(suppression.source)),
        ("converge_kind".to_owned(), json!(suppression.kind)),
    ]);
    if let Some(owner) = &suppression.owner {
        properties.insert("owner".into(), json!(owner));
    }
    if let Some(expires) = &suppression.expires {
        properties.insert("expires".into(), json!(expires));
    }
    let mut out = s::Suppression::builder()
        .kind(json!(kind))
        .status(json!("accepted"))
        .properties(bag(properties))
        .build();
    out.justification = suppression.reason.clone();
    out
}

fn text_message(text: &str) -> s::Message {
    s::Message::builder().text(text).build()
}

fn plain(text: &str) -> s::MultiformatMessageString {
    s::MultiformatMessageString::builder().text(text).build()
}

fn bag(properties: BTreeMap<String, Value>) -> s::PropertyBag {
    s::PropertyBag::builder()
        .additional_properties(properties)
        .build()
}

/// SARIF counts are JSON integers (`i64` in `serde_sarif`).
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(before: &str, edits: &[crate::fix::Edit]) -> String {
        let mut out = before.to_owned();
        for e in edits.iter().rev() {
            out.replace_range(e.range.clone(), &e.replacement);
        }
        out
    }

    #[test]
    fn changes_rebuild_the_fixed_text_and_touch_only_what_differs() {
        let before = "a = 1\nb = false\nc = 3\n\nd = 4\n";
        let after = "a = 1\nb = true\nc = 3\nx = 9\n\nd = 4\ne = 5\n";
        let edits = changes(before, after);
        assert_eq!(apply(before, &edits), after);
        assert_eq!(&before[edits[0].range.clone()], "fals");
        assert_eq!(edits[0].replacement, "tru");
        assert_eq!(edits.len(), 3);
    }

    #[test]
    fn changes_keep_crlf_and_multibyte_text_whole() {
        let before = "\u{feff}name = \"é\"\r\nx = 1\r\n";
        let after = "\u{feff}name = \"é\"\r\nx = 2\r\ny = \"ü\"\r\n";
        let edits = changes(before, after);
        assert_eq!(apply(before, &edits), after);
        let lines = LineIndex::new(before);
        let first = position(&lines, before, edits[0].range.start);
        assert_eq!((first.line, first.column), (2, 5));
        let bom_line = position(&lines, before, before.find('=').unwrap());
        assert_eq!(bom_line.column, 6, "the BOM is not a column");
    }

    #[test]
    fn uris_are_relative_inside_the_working_directory() {
        let cwd = Path::new("/work/repo");
        assert_eq!(
            artifact_uri(Path::new("/work/repo/infra/main.tf"), Some(cwd)),
            "infra/main.tf"
        );
        assert_eq!(
            artifact_uri(Path::new("./infra/a b.tf"), Some(cwd)),
            "infra/a%20b.tf"
        );
        assert_eq!(
            artifact_uri(Path::new("../other/x.tf"), Some(cwd)),
            "../other/x.tf"
        );
        assert_eq!(
            artifact_uri(Path::new("/elsewhere/x:y.tf"), Some(cwd)),
            "file:///elsewhere/x%3Ay.tf"
        );
    }

    #[test]
    fn names_are_pascal_case_ids() {
        assert_eq!(
            pascal_case("aws-s3-bucket-versioning-disabled"),
            "AwsS3BucketVersioningDisabled"
        );
    }
}
