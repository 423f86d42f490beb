//! The engine: turns paths into per-file reports, in parallel and deterministically.
//!
//! Terraform files are processed per directory (a module): detectors see the resources of every
//! file of the module in `input.__converge.module`, so a companion resource in another file
//! counts, and provider versions come from any file's `required_providers` or the lock file.
//! YAML files are processed one by one. Units run on a rayon pool, each with its own clone of
//! the compiled detector; results are sorted by path, so the output is the same whatever the
//! thread count.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{json, Map, Value};

use crate::config::{Exemption, Exemptions};
use crate::detect::{DetectError, Detector, Evaluator, RawFinding, Selection};
use crate::discover::{self, FileKind, Found, Skipped};
use crate::fix::{self, Analysis, Candidate, Edit, FindingKey, Fix, FixState, FixSummary, Subject};
use crate::remediation::{Applicability, Catalog, Parsed, RemediationError};
use crate::rule::{RuleError, RuleSet};
use crate::source::hcl::{self, ProviderFacts};
use crate::source::yaml;
use crate::source::{
    route_display, route_to_json, LineIndex, Position, Seg, SourceError, SourceFile, Target,
};
use crate::suppress::{Comments, Suppression, SuppressionKind};

/// What a run does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Scan,
    Fix { unsafe_fixes: bool },
}

impl Mode {
    fn minimum(self) -> Applicability {
        match self {
            Mode::Fix { unsafe_fixes: true } => Applicability::Unsafe,
            _ => Applicability::Safe,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Rule(#[from] RuleError),
    #[error(transparent)]
    Remediation(#[from] RemediationError),
    #[error(transparent)]
    Detect(#[from] DetectError),
}

/// Rules, remediations and the compiled detector.
#[derive(Clone)]
pub struct Engine {
    pub rules: RuleSet,
    pub catalog: Catalog,
    detector: Detector,
    limits: Limits,
    /// Set (by a signal handler) to stop the run: no new file is started, the files under way
    /// are finished, so every file is either as it was or completely fixed.
    interrupt: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// Findings accepted in the configuration.
    exemptions: std::sync::Arc<Exemptions>,
    /// Problems found reading the configuration, repeated in every run's report.
    config_warnings: Vec<crate::config::ConfigWarning>,
    /// Told the number of files a run will check, once they are found (for a progress bar).
    on_start: Option<std::sync::Arc<dyn Fn(usize) + Send + Sync>>,
}

/// Bounds on what one file may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this many bytes are skipped with a notice.
    pub max_file_size: u64,
    /// Wall-clock limit of one evaluation of the rules on one input (a Terraform file or a
    /// Kubernetes document); a rule that runs over it is reported as failed on that file.
    pub eval_timeout: std::time::Duration,
}

/// Seconds one evaluation may take by default (`--rule-timeout`).
pub const DEFAULT_RULE_TIMEOUT_SECS: u64 = 10;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_size: discover::DEFAULT_MAX_FILE_SIZE,
            eval_timeout: std::time::Duration::from_secs(DEFAULT_RULE_TIMEOUT_SECS),
        }
    }
}

/// The state of one finding at the end of a run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Fixed (or, in a dry run, would be).
    Fixed,
    /// `converge fix` would fix it (scan only).
    Fixable,
    /// Fixed only with `--unsafe-fixes`.
    UnsafeFixable,
    /// Needs a person: a suggestion, no remediation, or declined here.
    Manual,
    /// A fix was planned but failed verification and was dropped.
    FixFailed,
    /// Accepted by a suppression comment or an exemption: neither fixed nor remaining.
    Suppressed,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Finding {
    pub rule: String,
    pub message: String,
    pub start: Position,
    pub end: Position,
    #[serde(skip)]
    pub span: std::ops::Range<usize>,
    pub document: usize,
    pub route: Value,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixInfo>,
    /// Why it is not fixed, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who accepted it, when it is suppressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppression: Option<Suppression>,
    /// The line the finding starts on, for its code frame.
    #[serde(skip)]
    pub source_line: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FixInfo {
    pub title: String,
    pub applicability: Applicability,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
    pub target: Target,
    pub findings: Vec<Finding>,
    /// The bytes as read, kept only when fixes changed the file (for the diff and to check
    /// that the file did not change on disk before it is replaced).
    pub original: Vec<u8>,
    /// Bytes to write, when fixes changed the file.
    pub fixed: Option<Vec<u8>>,
    pub exhausted: bool,
    /// Problems with the file's suppression comments (no reason, unknown rule).
    pub warnings: Vec<crate::suppress::Warning>,
}

/// Everything a run found.
#[derive(Debug, Default)]
pub struct RunReport {
    pub files: Vec<FileReport>,
    pub errors: Vec<SourceError>,
    pub notices: Vec<Skipped>,
    pub files_checked: usize,
    /// The exemptions in effect (all of them, whether they matched a finding or not).
    pub exemptions: Vec<Exemption>,
    /// Problems with the configuration that did not stop the run.
    pub warnings: Vec<crate::config::ConfigWarning>,
}

impl RunReport {
    /// Names every file relative to `root` (files, errors, notices and the places of
    /// suppression comments), for a run over a checkout in a scratch directory.
    pub fn strip_root(&mut self, root: &Path) {
        let strip = |path: &mut PathBuf| {
            if let Ok(relative) = path.strip_prefix(root) {
                *path = relative.to_path_buf();
            }
        };
        let prefix = format!("{}/", root.display());
        for file in &mut self.files {
            strip(&mut file.path);
            for s in file
                .findings
                .iter_mut()
                .filter_map(|f| f.suppression.as_mut())
            {
                if let Some(relative) = s.source.strip_prefix(&prefix) {
                    s.source = relative.to_owned();
                }
            }
        }
        self.errors.iter_mut().for_each(|e| strip(&mut e.path));
        self.notices.iter_mut().for_each(|n| strip(&mut n.path));
    }
}

impl Engine {
    pub fn load(rule_dirs: &[PathBuf], selection: &Selection) -> Result<Engine, SetupError> {
        let rules = RuleSet::load(rule_dirs)?;
        let catalog = Catalog::load(rule_dirs)?;
        let evaluator = Evaluator::for_rules(&rules);
        Engine::new(rules, catalog, selection, evaluator)
    }

    pub fn new(
        rules: RuleSet,
        catalog: Catalog,
        selection: &Selection,
        evaluator: Evaluator,
    ) -> Result<Engine, SetupError> {
        let mut detector = Detector::new(&rules, selection, evaluator)?;
        let limits = Limits::default();
        detector.set_time_limit(limits.eval_timeout);
        Ok(Engine {
            rules,
            catalog,
            detector,
            limits,
            interrupt: None,
            exemptions: Default::default(),
            config_warnings: Vec::new(),
            on_start: None,
        })
    }

    /// The engine with other bounds.
    pub fn with_limits(mut self, limits: Limits) -> Engine {
        self.detector.set_time_limit(limits.eval_timeout);
        self.limits = limits;
        self
    }

    /// Stops the run once `flag` is set (see [`Engine::interrupt`]).
    pub fn with_interrupt(mut self, flag: std::sync::Arc<std::sync::atomic::AtomicBool>) -> Engine {
        self.interrupt = Some(flag);
        self
    }

    /// The engine with the exemptions of a configuration file and the warnings its reading
    /// gave (reported with every run).
    pub fn with_exemptions(
        mut self,
        exemptions: Exemptions,
        warnings: Vec<crate::config::ConfigWarning>,
    ) -> Engine {
        self.exemptions = std::sync::Arc::new(exemptions);
        self.config_warnings = warnings;
        self
    }

    /// The engine telling `on_start` how many files each run will check.
    pub fn with_on_start(
        mut self,
        on_start: std::sync::Arc<dyn Fn(usize) + Send + Sync>,
    ) -> Engine {
        self.on_start = Some(on_start);
        self
    }

    /// The exemptions in effect.
    pub fn exemptions(&self) -> &[Exemption] {
        self.exemptions.list()
    }

    fn interrupted(&self) -> bool {
        self.interrupt
            .as_ref()
            .is_some_and(|f| f.load(std::sync::atomic::Ordering::SeqCst))
    }

    /// Runs on every file and returns every file's report, sorted by path.
    pub fn run(&self, paths: &[PathBuf], mode: Mode, threads: Option<usize>) -> RunReport {
        let mut files = Vec::new();
        let mut report = self.run_streaming(paths, mode, threads, &mut |file| files.push(file));
        report.files = files;
        report
    }

    /// Runs on every file and hands each file's report to `sink` in path order, as soon as
    /// every file before it is done, so that memory does not grow with the number of files.
    /// Returns the rest of the run (errors, notices, counts) with `files` empty.
    pub fn run_streaming(
        &self,
        paths: &[PathBuf],
        mode: Mode,
        threads: Option<usize>,
        sink: &mut dyn FnMut(FileReport),
    ) -> RunReport {
        let (found, notices) = discover::discover(paths, self.limits.max_file_size);
        let mut units = units(found, self.limits.max_file_size);
        units.sort_by(|a, b| a.first().cmp(b.first()));
        if let Some(on_start) = &self.on_start {
            on_start(units.iter().map(Unit::len).sum());
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .build()
            .ok();
        let threads = pool
            .as_ref()
            .map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
        // One detector per worker thread, cloned once: evaluation needs exclusive access, and a
        // clone per rayon job would multiply the interpreter's memory by the number of jobs.
        let workers: Vec<std::sync::Mutex<Detector>> = (0..threads.max(1))
            .map(|_| std::sync::Mutex::new(self.detector.clone()))
            .collect();
        let mut report = RunReport {
            notices,
            exemptions: self.exemptions.list().to_vec(),
            warnings: self.config_warnings.clone(),
            ..RunReport::default()
        };
        // Units run in batches, in path order; a file's report waits in `pending` until no
        // unfinished unit can hold a file that sorts before it (a Terraform module's files
        // interleave with the YAML files of the same directory).
        let mut pending: BTreeMap<PathBuf, FileReport> = BTreeMap::new();
        let batch = 64 * threads.max(1);
        // The batches run on a thread of their own, one batch ahead of this one, which hands
        // the reports to the sink meanwhile (rendering and writing overlap the analysis).
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<UnitResult>>(1);
            let units = &units;
            let workers = &workers;
            let pool = &pool;
            scope.spawn(move || {
                for chunk in units.chunks(batch) {
                    if self.interrupted() {
                        break;
                    }
                    let work = || -> Vec<UnitResult> {
                        chunk
                            .par_iter()
                            .map(|unit| {
                                let slot =
                                    rayon::current_thread_index().unwrap_or(0) % workers.len();
                                let mut detector =
                                    workers[slot].lock().unwrap_or_else(|e| e.into_inner());
                                self.process_unit(&mut detector, unit, mode)
                            })
                            .collect()
                    };
                    let results = match pool {
                        Some(pool) => pool.install(work),
                        None => work(),
                    };
                    if sender.send(results).is_err() {
                        break;
                    }
                }
            });
            for (index, results) in receiver.iter().enumerate() {
                for result in results {
                    report.files_checked += result.files.len() + result.errors.len();
                    pending.extend(result.files.into_iter().map(|f| (f.path.clone(), f)));
                    report.errors.extend(result.errors);
                    report.notices.extend(result.notices);
                }
                let next = units.get((index + 1) * batch).map(Unit::first);
                while let Some(entry) = pending.first_entry() {
                    if next.is_some_and(|next| entry.key().as_path() >= next) {
                        break;
                    }
                    sink(entry.remove());
                }
            }
        });
        report
            .errors
            .sort_by(|a, b| (&a.path, a.position).cmp(&(&b.path, b.position)));
        report.notices.sort();
        let (errors, notices): (Vec<Skipped>, Vec<Skipped>) =
            report.notices.drain(..).partition(|n| n.error);
        report.notices = notices;
        report.errors.extend(
            errors
                .into_iter()
                .map(|s| SourceError::new(&s.path, None, s.reason)),
        );
        report
    }

    fn process_unit(&self, detector: &mut Detector, unit: &Unit, mode: Mode) -> UnitResult {
        match unit {
            Unit::Module(files, context) => self.process_module(detector, files, context, mode),
            Unit::Yaml(path) => self.process_yaml(detector, path, mode),
        }
    }

    fn process_module(
        &self,
        detector: &mut Detector,
        paths: &[PathBuf],
        context: &[PathBuf],
        mode: Mode,
    ) -> UnitResult {
        let mut result = UnitResult::default();
        // Files of the module that were not named: what they declare, nothing more (a file
        // that cannot be read or parsed here is reported when it is checked itself).
        let siblings: Vec<Value> = context
            .iter()
            .filter_map(|path| {
                let src = read(path).ok()?;
                let body = hcl::parse(path, &src.text).ok()?;
                Some(hcl::project(&body, &src.text))
            })
            .collect();
        let mut parsed: Vec<(SourceFile, Value)> = Vec::new();
        let mut bodies = Vec::new();
        for path in paths {
            match read(path).and_then(|src| {
                let body = hcl::parse(path, &src.text)?;
                let projection = hcl::project(&body, &src.text);
                Ok((src, body, projection))
            }) {
                Ok((src, body, projection)) => {
                    parsed.push((src, projection));
                    bodies.push(Some(body));
                }
                Err(e) => result.errors.push(e),
            }
        }
        let mut providers: BTreeMap<String, ProviderFacts> = BTreeMap::new();
        for projection in parsed.iter().map(|(_, p)| p).chain(&siblings) {
            for (name, constraint) in hcl::required_providers(projection) {
                let facts = providers.entry(name).or_default();
                facts.major = hcl::constraint_min_major(&constraint).or(facts.major);
                facts.constraint = Some(constraint);
            }
        }
        if let Some(dir) = paths.first().and_then(|p| p.parent()) {
            if let Ok(lock) = std::fs::read_to_string(dir.join(".terraform.lock.hcl")) {
                for (name, version) in hcl::locked_providers(&lock) {
                    let facts = providers.entry(name).or_default();
                    facts.major = version
                        .split('.')
                        .next()
                        .and_then(|m| m.parse().ok())
                        .or(facts.major);
                    facts.locked = Some(version);
                }
            }
        }
        let detector = RefCell::new(detector);
        for (i, (source, _)) in parsed.iter().enumerate() {
            let others: Vec<&Value> = parsed
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, (_, p))| p)
                .chain(&siblings)
                .collect();
            let subject = TerraformFile {
                engine: self,
                path: &source.path,
                initial: RefCell::new(bodies[i].take().map(|body| (body, parsed[i].1.clone()))),
                source: &source.text,
                others,
                providers: &providers,
                detector: &detector,
                minimum: mode.minimum(),
                exemptions: self.exemptions.for_file(&source.path),
            };
            match self.finish(&subject, source, Target::Terraform, mode) {
                Ok(report) => result.files.push(report),
                Err(e) => result.errors.push(e),
            }
            rule_failures(&mut detector.borrow_mut(), &source.path, &mut result.errors);
        }
        result
    }

    fn process_yaml(&self, detector: &mut Detector, path: &Path, mode: Mode) -> UnitResult {
        let mut result = UnitResult::default();
        let source = match read(path) {
            Ok(s) => s,
            Err(e) => {
                result.errors.push(e);
                return result;
            }
        };
        if source.text.contains("{{") {
            result.notices.push(Skipped {
                path: path.to_path_buf(),
                reason: "looks like a Helm template ({{ }}); render it first to check it".into(),
                error: false,
            });
            return result;
        }
        let stream = match yaml::parse(path, &source.text) {
            Ok(s) => s,
            Err(e) => {
                // Only Kubernetes manifests are ours to judge; other YAML that fails to parse is
                // not reported unless it looks like a manifest.
                if looks_like_manifest(&source.text) {
                    result.errors.push(e);
                }
                return result;
            }
        };
        if !stream.docs.iter().any(|d| is_manifest(&d.value)) {
            return result;
        }
        let detector = RefCell::new(detector);
        let subject = KubernetesFile {
            engine: self,
            path,
            initial: RefCell::new(Some(stream)),
            source: &source.text,
            detector: &detector,
            minimum: mode.minimum(),
            exemptions: self.exemptions.for_file(path),
        };
        match self.finish(&subject, &source, Target::Kubernetes, mode) {
            Ok(report) => result.files.push(report),
            Err(e) => result.errors.push(e),
        }
        rule_failures(&mut detector.borrow_mut(), path, &mut result.errors);
        result
    }

    /// Runs the scan or the fix loop on one file and builds its report. Files of downloaded or
    /// vendored modules are only scanned: their fixes belong upstream.
    fn finish(
        &self,
        subject: &dyn Subject,
        source: &SourceFile,
        target: Target,
        mode: Mode,
    ) -> Result<FileReport, SourceError> {
        let as_error = |message: String| SourceError::new(&source.path, None, message);
        let index = LineIndex::new(&source.text);
        let locate = |c: &Candidate| {
            (
                index.char_position(&source.text, c.span.start),
                index.char_position(&source.text, c.span.end),
            )
        };
        let mut report = FileReport {
            path: source.path.clone(),
            target,
            findings: Vec::new(),
            original: Vec::new(),
            fixed: None,
            exhausted: false,
            warnings: Vec::new(),
        };
        if mode != Mode::Scan && is_vendored(&source.path) {
            let mut report = self.finish(subject, source, target, Mode::Scan)?;
            for f in &mut report.findings {
                f.status = Status::Manual;
                f.fix = None;
                f.reason = Some(
                    "the file belongs to a downloaded or vendored module; fix it upstream".into(),
                );
            }
            return Ok(report);
        }
        if mode == Mode::Scan {
            let analysis = subject.analyse(&source.text).map_err(as_error)?;
            for c in &analysis.findings {
                let (status, fix, reason) = pending(&c.state, None);
                report
                    .findings
                    .push(finding(c, locate(c), status, fix, reason));
            }
            report.warnings = self.suppression_warnings(&source.text, target);
            report.findings.sort_by(|a, b| {
                (a.start, &a.rule, a.document).cmp(&(b.start, &b.rule, b.document))
            });
            attach_lines(&mut report.findings, &source.text);
            return Ok(report);
        }
        let outcome = fix::run(subject, &source.text).map_err(as_error)?;
        let applied: BTreeMap<&FindingKey, &Fix> = outcome
            .applied
            .iter()
            .map(|a| (&a.fix.key, &a.fix))
            .collect();
        let last: BTreeMap<&FindingKey, &Candidate> =
            outcome.last.findings.iter().map(|c| (&c.key, c)).collect();
        for c in &outcome.initial.findings {
            let (status, fix, reason) = if let FixState::Suppressed(_) = c.state {
                (Status::Suppressed, None, None)
            } else if let Some(f) = applied.get(&c.key) {
                (Status::Fixed, Some(fix_info(f)), None)
            } else if let Some(why) = outcome.rejected.get(&c.key) {
                let info = match &c.state {
                    FixState::Available(f) => Some(summary_info(f)),
                    _ => None,
                };
                (Status::FixFailed, info, Some(format!("fix dropped: {why}")))
            } else if let Some(why) = outcome.declined.get(&c.key) {
                (Status::Manual, None, Some(why.clone()))
            } else {
                match last.get(&c.key) {
                    Some(l) => {
                        let unconverged =
                            format!("did not converge within {} passes", fix::MAX_PASSES);
                        pending(&l.state, Some(unconverged))
                    }
                    // Gone without its own fix: another finding's fix resolved it.
                    None => (
                        Status::Fixed,
                        None,
                        Some("resolved by the fix of another finding".into()),
                    ),
                }
            };
            report
                .findings
                .push(finding(c, locate(c), status, fix, reason));
        }
        report
            .findings
            .sort_by(|a, b| (a.start, &a.rule, a.document).cmp(&(b.start, &b.rule, b.document)));
        report.exhausted = outcome.exhausted;
        report.warnings = self.suppression_warnings(&source.text, target);
        if outcome.text != source.text {
            report.fixed = Some(source.render(&outcome.text));
            report.original = source.original.clone();
        }
        attach_lines(&mut report.findings, &source.text);
        Ok(report)
    }

    /// The fix state of a finding in the current mode.
    fn state(&self, raw: &RawFinding, parsed: &Parsed<'_>, minimum: Applicability) -> FixState {
        if raw.route.is_none() {
            return FixState::Manual("the policy gives no location to fix".into());
        }
        let Some(remediation) = self.catalog.get(&raw.rule) else {
            return FixState::Manual("no automatic fix for this rule".into());
        };
        match remediation.describe(raw, parsed) {
            None => FixState::Manual("no remediation case matches this finding".into()),
            Some(d) if d.applicability == Applicability::DisplayOnly => FixState::Manual(d.reason),
            Some(d) if d.applicability < minimum => FixState::NeedsMode(d.applicability),
            Some(d) => FixState::Available(FixSummary {
                title: d.title,
                applicability: d.applicability,
                note: d.note,
            }),
        }
    }

    /// Marks the findings a person has accepted: by a comment (`converge:ignore`, checkov's
    /// skip), an annotation (`skip`: checkov's, per document) or an exemption. Costs nothing
    /// per finding when the text has no suppression comment, no document has a skip
    /// annotation and no exemption covers the file (`annotated`: whether one does).
    #[allow(clippy::too_many_arguments)]
    fn suppress(
        &self,
        findings: &mut [Candidate],
        text: &str,
        exemptions: &[&Exemption],
        path: &Path,
        target: Target,
        annotated: bool,
        resource: &dyn Fn(&Candidate) -> Option<String>,
        skip: &dyn Fn(&Candidate, &[String]) -> Option<Suppression>,
    ) {
        let comments = Comments::read(text, target);
        let has_comments = !comments.directives().is_empty();
        if findings.is_empty() || (!has_comments && !annotated && exemptions.is_empty()) {
            return;
        }
        let index = has_comments.then(|| LineIndex::new(text));
        let shown = path.display().to_string();
        let no_ids = Vec::new();
        for c in findings {
            let rule = c.key.rule.as_str();
            // checkov ids matter only to comments and annotations (a lookup per finding).
            let checkov = if has_comments || annotated {
                self.rules.rule(rule).map_or(&no_ids, |m| &m.checkov)
            } else {
                &no_ids
            };
            let inline = index.as_ref().and_then(|index| {
                comments.find(rule, checkov, index.line_of(c.span.start), &shown)
            });
            let found = inline.or_else(|| skip(c, checkov)).or_else(|| {
                if exemptions.is_empty() {
                    return None;
                }
                crate::config::exempt(exemptions, rule, resource(c).as_deref())
            });
            if let Some(s) = found {
                c.state = FixState::Suppressed(s);
            }
        }
    }

    /// Problems with a text's suppression comments.
    fn suppression_warnings(&self, text: &str, target: Target) -> Vec<crate::suppress::Warning> {
        let comments = Comments::read(text, target);
        if comments.directives().is_empty() {
            return Vec::new();
        }
        crate::suppress::warnings(&comments, &|id| {
            self.rules.rule(id).is_some()
                || self
                    .rules
                    .rules()
                    .any(|r| r.checkov.iter().any(|c| c == id))
        })
    }

    /// Plans the fix of `candidate` on `text` as a [`Fix`].
    fn plan(&self, candidate: &Candidate, text: &str, parsed: &Parsed<'_>) -> Result<Fix, String> {
        let remediation = self
            .catalog
            .get(&candidate.finding.rule)
            .ok_or("no automatic fix for this rule")?;
        let plan = remediation
            .plan(&candidate.finding, text, parsed)
            .map_err(|d| d.0)?;
        Ok(Fix {
            key: candidate.key.clone(),
            title: plan.title,
            edit: Edit::between(text, &plan.text),
            applicability: plan.applicability,
            note: plan.note,
            intended: plan.intended,
        })
    }
}

fn rule_failures(detector: &mut Detector, path: &Path, errors: &mut Vec<SourceError>) {
    for failure in detector.take_failures() {
        errors.push(SourceError::new(
            path,
            None,
            format!("rule failed on this file (its findings are missing): {failure}"),
        ));
    }
}

/// Status of a finding whose fix was not applied. A ready fix is `fixable` in a scan; after a
/// fix run it can only be one that did not converge (`unconverged` says so).
fn pending(
    state: &FixState,
    unconverged: Option<String>,
) -> (Status, Option<FixInfo>, Option<String>) {
    match state {
        FixState::Available(f) => match unconverged {
            None => (Status::Fixable, Some(summary_info(f)), None),
            Some(why) => (Status::Manual, Some(summary_info(f)), Some(why)),
        },
        FixState::NeedsMode(a) => (
            needs_mode_status(*a),
            None,
            Some(format!("the fix is {}", a.as_str())),
        ),
        FixState::Manual(r) => (Status::Manual, None, Some(r.clone())),
        FixState::Suppressed(_) => (Status::Suppressed, None, None),
    }
}

fn needs_mode_status(a: Applicability) -> Status {
    match a {
        Applicability::Unsafe => Status::UnsafeFixable,
        _ => Status::Manual,
    }
}

fn summary_info(f: &FixSummary) -> FixInfo {
    FixInfo {
        title: f.title.clone(),
        applicability: f.applicability,
        note: f.note.clone(),
    }
}

fn fix_info(f: &Fix) -> FixInfo {
    FixInfo {
        title: f.title.clone(),
        applicability: f.applicability,
        note: f.note.clone(),
    }
}

fn finding(
    c: &Candidate,
    (start, end): (Position, Position),
    status: Status,
    fix: Option<FixInfo>,
    reason: Option<String>,
) -> Finding {
    Finding {
        rule: c.key.rule.to_string(),
        message: c.message.clone(),
        start,
        end,
        span: c.span.clone(),
        document: c.key.document,
        route: c
            .finding
            .route
            .as_deref()
            .map_or(Value::Array(vec![]), route_to_json),
        status,
        fix,
        reason,
        suppression: match &c.state {
            FixState::Suppressed(s) => Some(s.clone()),
            _ => None,
        },
        source_line: String::new(),
    }
}

/// Keeps the source line of each finding for its code frame, so the file's text need not be.
fn attach_lines(findings: &mut [Finding], text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    for f in findings {
        f.source_line = lines
            .get(f.start.line.saturating_sub(1))
            .map(|l| l.to_string())
            .unwrap_or_default();
    }
}

fn read(path: &Path) -> Result<SourceFile, SourceError> {
    let bytes = std::fs::read(path)
        .map_err(|e| SourceError::new(path, None, format!("cannot read: {e}")))?;
    SourceFile::new(path, bytes)
}

fn is_vendored(path: &Path) -> bool {
    path.components()
        .any(|c| matches!(c.as_os_str().to_str(), Some(".terraform" | "vendor")))
}

fn is_manifest(value: &Value) -> bool {
    value.get("apiVersion").is_some_and(Value::is_string)
        && value.get("kind").is_some_and(Value::is_string)
}

fn looks_like_manifest(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("apiVersion:"))
        && text.lines().any(|l| l.starts_with("kind:"))
}

enum Unit {
    /// The named `.tf` files of one directory, and its other `.tf` files (context only).
    Module(Vec<PathBuf>, Vec<PathBuf>),
    Yaml(PathBuf),
}

impl Unit {
    /// The number of files it checks.
    fn len(&self) -> usize {
        match self {
            Unit::Module(files, _) => files.len(),
            Unit::Yaml(_) => 1,
        }
    }

    /// The unit's first file in path order.
    fn first(&self) -> &Path {
        match self {
            Unit::Module(files, _) => files.iter().min().map_or(Path::new(""), PathBuf::as_path),
            Unit::Yaml(path) => path,
        }
    }
}

fn units(found: Vec<Found>, max_size: u64) -> Vec<Unit> {
    // Per directory: its `.tf` files, and whether one of them was named on the command line.
    let mut modules: BTreeMap<PathBuf, (Vec<PathBuf>, bool)> = BTreeMap::new();
    let mut out = Vec::new();
    for f in found {
        match f.kind {
            FileKind::Terraform => {
                let dir = f.path.parent().map(Path::to_path_buf).unwrap_or_default();
                let module = modules.entry(dir).or_default();
                module.0.push(f.path);
                module.1 |= f.named;
            }
            FileKind::Yaml => out.push(Unit::Yaml(f.path)),
        }
    }
    out.extend(modules.into_iter().map(|(dir, (files, named))| {
        let context = if named {
            module_siblings(&dir, &files, max_size)
        } else {
            Vec::new()
        };
        Unit::Module(files, context)
    }));
    out
}

/// The other `.tf` files of the directory of a file named on its own: they are read for what
/// they declare (a companion resource, a provider version), never fixed or reported. Without
/// them a fix could add a resource the module already has. (A walked directory brings all of
/// its files already.)
fn module_siblings(dir: &Path, files: &[PathBuf], max_size: u64) -> Vec<PathBuf> {
    let listing = if dir.as_os_str().is_empty() {
        std::fs::read_dir(".")
    } else {
        std::fs::read_dir(dir)
    };
    let Ok(entries) = listing else {
        return Vec::new();
    };
    let mut siblings: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            e.file_type().is_ok_and(|t| t.is_file())
                && e.metadata().is_ok_and(|m| m.len() <= max_size)
                && e.file_name().to_str().is_some_and(|n| n.ends_with(".tf"))
        })
        .map(|e| dir.join(e.file_name()))
        .filter(|p| !files.contains(p))
        .collect();
    siblings.sort();
    siblings
}

#[derive(Default)]
struct UnitResult {
    files: Vec<FileReport>,
    errors: Vec<SourceError>,
    notices: Vec<Skipped>,
}

fn key_of(raw: &RawFinding, document: usize) -> FindingKey {
    FindingKey {
        rule: raw.rule.clone(),
        document,
        route: match &raw.route {
            Some(r) => route_display(r),
            None => format!("#{}", raw.message),
        },
    }
}

struct TerraformFile<'a> {
    engine: &'a Engine,
    path: &'a Path,
    /// The file as the module read it, parsed, for the first analysis of `source`.
    initial: RefCell<Option<(hcl_edit::structure::Body, Value)>>,
    source: &'a str,
    others: Vec<&'a Value>,
    providers: &'a BTreeMap<String, ProviderFacts>,
    detector: &'a RefCell<&'a mut Detector>,
    minimum: Applicability,
    exemptions: Vec<&'a Exemption>,
}

/// A Terraform file parsed for detection and planning.
struct ParsedTerraform {
    body: hcl_edit::structure::Body,
    projection: Value,
    /// `{"resource": …}` of the whole module, this file's current state included.
    module: Value,
}

impl TerraformFile<'_> {
    fn parse(&self, text: &str) -> Result<ParsedTerraform, String> {
        let initial = match self.initial.borrow_mut().take() {
            Some(parsed) if text == self.source => Some(parsed),
            _ => None,
        };
        let (body, projection) = match initial {
            Some(parsed) => parsed,
            None => {
                let body = hcl::parse(self.path, text).map_err(|e| e.to_string())?;
                let projection = hcl::project(&body, text);
                (body, projection)
            }
        };
        let mut resources = Map::new();
        for p in self
            .others
            .iter()
            .copied()
            .chain(std::iter::once(&projection))
        {
            for (kind, named) in p
                .get("resource")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let slot = resources
                    .entry(kind.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let (Some(slot), Some(named)) = (slot.as_object_mut(), named.as_object()) {
                    for (name, v) in named {
                        slot.insert(name.clone(), v.clone());
                    }
                }
            }
        }
        let module = json!({ "resource": resources });
        Ok(ParsedTerraform {
            body,
            projection,
            module,
        })
    }

    fn context<'p>(&'p self, parsed: &'p ParsedTerraform) -> Parsed<'p> {
        Parsed::Hcl {
            projection: &parsed.projection,
            module: &parsed.module,
            providers: self.providers,
        }
    }
}

impl Subject for TerraformFile<'_> {
    fn analyse(&self, text: &str) -> Result<Analysis, String> {
        let parsed = self.parse(text)?;
        let mut input = parsed.projection.clone();
        if let Some(obj) = input.as_object_mut() {
            obj.insert(
                "__converge".into(),
                json!({
                    "path": self.path.display().to_string(),
                    "document": 0,
                    "providers": self.providers,
                    "module": parsed.module,
                }),
            );
        }
        let raw = self
            .detector
            .borrow_mut()
            .detect(Target::Terraform, input)
            .map_err(|e| e.to_string())?;
        let context = self.context(&parsed);
        let mut findings: Vec<Candidate> = raw
            .into_iter()
            .map(|r| {
                let span = match &r.route {
                    Some(route) => hcl::resolve(&parsed.body, route).0.span(text),
                    None => 0..0,
                };
                let state = self.engine.state(&r, &context, self.minimum);
                Candidate {
                    key: key_of(&r, 0),
                    message: r.message.clone(),
                    finding: r,
                    span,
                    state,
                }
            })
            .collect();
        self.engine.suppress(
            &mut findings,
            text,
            &self.exemptions,
            self.path,
            Target::Terraform,
            false,
            &|c: &Candidate| c.finding.route.as_deref().and_then(terraform_address),
            &|_, _| None,
        );
        Ok(Analysis {
            value: parsed.projection,
            findings,
        })
    }

    fn plan(&self, text: &str, candidate: &Candidate) -> Result<Fix, String> {
        let parsed = self.parse(text)?;
        self.engine.plan(candidate, text, &self.context(&parsed))
    }
}

struct KubernetesFile<'a> {
    engine: &'a Engine,
    path: &'a Path,
    /// The stream parsed to tell whether the file holds manifests, reused by the first
    /// analysis (of the original text).
    initial: RefCell<Option<yaml::YamlStream>>,
    source: &'a str,
    detector: &'a RefCell<&'a mut Detector>,
    minimum: Applicability,
    exemptions: Vec<&'a Exemption>,
}

impl Subject for KubernetesFile<'_> {
    fn analyse(&self, text: &str) -> Result<Analysis, String> {
        let initial = match self.initial.borrow_mut().take() {
            Some(stream) if text == self.source => Some(stream),
            _ => None,
        };
        let stream = match initial {
            Some(stream) => stream,
            None => yaml::parse(self.path, text).map_err(|e| e.to_string())?,
        };
        let mut findings = Vec::new();
        for (i, doc) in stream.docs.iter().enumerate() {
            if !is_manifest(&doc.value) {
                continue;
            }
            let mut input = doc.value.clone();
            if let Some(obj) = input.as_object_mut() {
                obj.insert(
                    "__converge".into(),
                    json!({"path": self.path.display().to_string(), "document": i}),
                );
            }
            let raw = self
                .detector
                .borrow_mut()
                .detect(Target::Kubernetes, input)
                .map_err(|e| e.to_string())?;
            let parsed = Parsed::Yaml {
                stream: &stream,
                doc: i,
            };
            for r in &raw {
                let key = key_of(r, i);
                let span = match &r.route {
                    Some(route) => match stream.resolve(text, i, route) {
                        Ok((located, _)) if located.span() != (0..0) => located.span(),
                        _ => doc.range.clone(),
                    },
                    None => doc.range.clone(),
                };
                let span = trim_span(text, span);
                let state = self.engine.state(r, &parsed, self.minimum);
                findings.push(Candidate {
                    key,
                    finding: r.clone(),
                    message: r.message.clone(),
                    span,
                    state,
                });
            }
        }
        let docs = &stream.docs;
        // checkov's skip annotations, read once per document.
        let skips: Vec<_> = docs
            .iter()
            .map(|d| crate::suppress::checkov_annotations(&d.value))
            .collect();
        self.engine.suppress(
            &mut findings,
            text,
            &self.exemptions,
            self.path,
            Target::Kubernetes,
            skips.iter().any(|s| !s.is_empty()),
            &|c: &Candidate| {
                docs.get(c.key.document)
                    .and_then(|d| kubernetes_name(&d.value))
            },
            &|c: &Candidate, checkov: &[String]| {
                let doc = docs.get(c.key.document)?;
                annotation_skip(&skips[c.key.document], checkov, doc, text, self.path)
            },
        );
        let value = Value::Array(stream.docs.into_iter().map(|d| d.value).collect());
        Ok(Analysis { value, findings })
    }

    fn plan(&self, text: &str, candidate: &Candidate) -> Result<Fix, String> {
        let doc = candidate.key.document;
        let stream = yaml::parse_for_edit(self.path, text, doc).map_err(|e| e.to_string())?;
        let parsed = Parsed::Yaml {
            stream: &stream,
            doc,
        };
        self.engine.plan(candidate, text, &parsed)
    }
}

/// A Terraform finding's resource address (`aws_s3_bucket.logs`, `data.x.y`, `module.m`).
fn terraform_address(route: &[Seg]) -> Option<String> {
    let key = |i: usize| route.get(i).and_then(Seg::as_key);
    match key(0)? {
        "resource" => Some(format!("{}.{}", key(1)?, key(2)?)),
        "data" => Some(format!("data.{}.{}", key(1)?, key(2)?)),
        "module" => Some(format!("module.{}", key(1)?)),
        _ => None,
    }
}

/// A manifest's name for exemptions: `Kind/name`, or `namespace/Kind/name` with a namespace.
fn kubernetes_name(manifest: &Value) -> Option<String> {
    let kind = manifest.get("kind")?.as_str()?;
    let name = manifest.pointer("/metadata/name")?.as_str()?;
    Some(
        match manifest
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
        {
            Some(ns) => format!("{ns}/{kind}/{name}"),
            None => format!("{kind}/{name}"),
        },
    )
}

/// The skip annotation among a manifest's `skips` that names one of a rule's `checkov` ids.
fn annotation_skip(
    skips: &[(String, Option<String>, String)],
    checkov: &[String],
    doc: &yaml::YamlDoc,
    text: &str,
    path: &Path,
) -> Option<Suppression> {
    let (_, reason, key) = skips.iter().find(|(id, _, _)| checkov.contains(id))?;
    let reason = reason.clone();
    let chunk = &text[doc.range.clone()];
    let line = chunk
        .find(key.as_str())
        .map_or(0, |at| text[..doc.range.start + at].matches('\n').count());
    Some(Suppression {
        kind: SuppressionKind::Checkov,
        reason,
        source: format!("{}:{}", path.display(), line + 1),
        owner: None,
        expires: None,
    })
}

/// A document's chunk starts with its `---` line and blank lines; point at its first content.
fn trim_span(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let chunk = &text[span.clone()];
    let skip = chunk
        .split_inclusive('\n')
        .take_while(|l| l.trim().is_empty() || l.trim() == "---" || l.trim_start().starts_with('#'))
        .map(str::len)
        .sum::<usize>();
    if skip >= chunk.len() {
        return span;
    }
    span.start + skip..span.end
}
