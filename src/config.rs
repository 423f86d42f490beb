//! `.converge.yaml`: a repository's settings, read by `scan`, `fix` and `ci` (found from the
//! current directory upwards, or `--config`) and by the bot (from the default branch's root).
//! The schema is documented in docs/configuration.md.
//!
//! The file is checked strictly: an unknown key, a wrong type or broken YAML is an error with
//! its line and column, and the run stops. An exemption that is incomplete (no reason, owner
//! or end date), has a bad date or has expired is ignored with a warning, so that the finding
//! it covered is reported again instead of staying hidden.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::source::{LineIndex, Position, Seg};
use crate::suppress::{Suppression, SuppressionKind};

/// The names the file may have, in the order they are looked for.
pub const FILE_NAMES: [&str; 2] = [".converge.yaml", ".converge.yml"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `false`: the bot leaves the repository alone (`scan`, `fix` and `ci` ignore it).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Apply the fixes marked unsafe.
    #[serde(default)]
    pub unsafe_fixes: Option<bool>,
    /// Only these rules (ids or prefixes ending in `-`).
    #[serde(default)]
    pub select: Vec<String>,
    /// Not these rules.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// More rule directories, relative to the file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Bot: labels for its pull requests.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Bot: reviewers requested on its pull requests.
    #[serde(default)]
    pub reviewers: Vec<String>,
    /// Bot: open pull requests from its branches allowed in the repository (at most
    /// `--max-open-prs`).
    #[serde(default)]
    pub max_open_prs: Option<usize>,
    /// Findings accepted for a while, with who decided and why.
    #[serde(default)]
    pub exemptions: Vec<ExemptionEntry>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            enabled: true,
            unsafe_fixes: None,
            select: Vec::new(),
            ignore: Vec::new(),
            rules: Vec::new(),
            labels: Vec::new(),
            reviewers: Vec::new(),
            max_open_prs: None,
            exemptions: Vec::new(),
        }
    }
}

fn yes() -> bool {
    true
}

/// An exemption as written; [`Exemptions::new`] checks it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExemptionEntry {
    pub rule: Option<String>,
    #[serde(default)]
    pub paths: Vec<String>,
    #[serde(default)]
    pub resources: Vec<String>,
    pub reason: Option<String>,
    pub owner: Option<String>,
    pub expires: Option<String>,
}

/// A configuration file that was read.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    /// The file as messages name it.
    pub name: String,
    pub config: Config,
    pub text: String,
}

impl Loaded {
    /// The directory paths in the file are relative to.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }

    /// Rule directories, resolved against the file's directory.
    pub fn rule_dirs(&self) -> Vec<PathBuf> {
        self.config
            .rules
            .iter()
            .map(|r| self.dir().join(r))
            .collect()
    }
}

/// Reads `path`; an error names the file, line and column.
pub fn read(path: &Path) -> anyhow::Result<Loaded> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    parse(path, text)
}

/// Parses the text of a configuration file named `path`.
pub fn parse(path: &Path, text: String) -> anyhow::Result<Loaded> {
    let config: Config = if text.trim().is_empty() {
        Config::default()
    } else {
        yaml_serde::from_str::<Option<Config>>(&text)
            .map_err(|e| {
                let at = e
                    .location()
                    .map(|l| format!(":{}:{}", l.line(), l.column()))
                    .unwrap_or_default();
                // The location is already in the prefix.
                let message = e.to_string();
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or(&message)
                    .to_owned();
                anyhow::anyhow!("{}{at}: {message}", path.display())
            })?
            .unwrap_or_default()
    };
    Ok(Loaded {
        path: path.to_path_buf(),
        name: path.display().to_string(),
        config,
        text,
    })
}

/// The configuration file that applies in `dir`: the first of [`FILE_NAMES`] in it or in a
/// directory above, stopping at the root of a git working tree.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(dir).ok()?;
    for at in start.ancestors() {
        for name in FILE_NAMES {
            let candidate = at.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if at.join(".git").exists() {
            break;
        }
    }
    None
}

/// Reads the file of the first of [`FILE_NAMES`] directly in `root` (the bot: a checkout's
/// root only).
pub fn read_in(root: &Path) -> anyhow::Result<Option<Loaded>> {
    for name in FILE_NAMES {
        let path = root.join(name);
        if path.is_file() {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| anyhow::anyhow!("{name}: cannot read: {e}"))?;
            // Named relative to the repository, as users know it.
            let mut loaded = parse(Path::new(name), text)?;
            loaded.path = path;
            return Ok(Some(loaded));
        }
    }
    Ok(None)
}

/// An exemption in effect.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Exemption {
    pub rule: String,
    pub paths: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<String>,
    pub reason: String,
    pub owner: String,
    pub expires: String,
    /// `file:line` of the entry.
    pub source: String,
    #[serde(skip)]
    path_globs: GlobSet,
    #[serde(skip)]
    resource_globs: GlobSet,
}

impl Exemption {
    fn covers_rule(&self, rule: &str) -> bool {
        rule == self.rule || (self.rule.ends_with('-') && rule.starts_with(self.rule.as_str()))
    }

    /// Whether the exemption covers a file (path relative to the configuration's directory,
    /// with `/` separators): the path or one of its directories matches a pattern.
    fn covers_path(&self, relative: &str) -> bool {
        let mut at = relative;
        loop {
            if self.path_globs.is_match(at) {
                return true;
            }
            match at.rfind('/') {
                Some(i) => at = &at[..i],
                None => return false,
            }
        }
    }

    fn covers_resource(&self, resource: Option<&str>) -> bool {
        self.resources.is_empty() || resource.is_some_and(|r| self.resource_globs.is_match(r))
    }

    pub fn suppression(&self) -> Suppression {
        Suppression {
            kind: SuppressionKind::Exemption,
            reason: Some(self.reason.clone()),
            source: self.source.clone(),
            owner: Some(self.owner.clone()),
            expires: Some(self.expires.clone()),
        }
    }
}

/// A problem with the configuration that does not stop the run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ConfigWarning {
    pub path: String,
    #[serde(flatten)]
    pub position: Option<Position>,
    pub message: String,
}

impl std::fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{p}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// The exemptions in effect, with the directory their paths are relative to.
#[derive(Debug, Clone, Default)]
pub struct Exemptions {
    base: PathBuf,
    list: Vec<Exemption>,
}

impl Exemptions {
    /// Checks the exemptions of `loaded` on `today` (YYYY-MM-DD): the valid ones, and a
    /// warning for each one ignored. `known` says whether a rule id or prefix names a rule.
    pub fn new(
        loaded: &Loaded,
        today: &str,
        known: &dyn Fn(&str) -> bool,
    ) -> (Exemptions, Vec<ConfigWarning>) {
        let shown = loaded.name.trim_start_matches("./").to_owned();
        let located = entry_positions(&loaded.path, &loaded.text);
        let mut list = Vec::new();
        let mut warnings = Vec::new();
        for (i, entry) in loaded.config.exemptions.iter().enumerate() {
            let position = located.get(i).copied().flatten();
            let label = match &entry.rule {
                Some(rule) => format!("exemption {} ({rule})", i + 1),
                None => format!("exemption {}", i + 1),
            };
            match check(entry, today, known) {
                Ok((path_globs, resource_globs)) => list.push(Exemption {
                    rule: entry.rule.clone().unwrap_or_default(),
                    paths: entry.paths.clone(),
                    resources: entry.resources.clone(),
                    reason: entry.reason.clone().unwrap_or_default().trim().to_owned(),
                    owner: entry.owner.clone().unwrap_or_default().trim().to_owned(),
                    expires: entry.expires.clone().unwrap_or_default().trim().to_owned(),
                    source: format!("{shown}:{}", position.map_or(1, |p| p.line)),
                    path_globs,
                    resource_globs,
                }),
                Err(problem) => warnings.push(ConfigWarning {
                    path: shown.clone(),
                    position,
                    message: format!("{label} is ignored: {problem}"),
                }),
            }
        }
        let dir = match loaded.dir() {
            d if d.as_os_str().is_empty() => Path::new("."),
            d => d,
        };
        let base = std::path::absolute(dir).unwrap_or_else(|_| dir.into());
        (Exemptions { base, list }, warnings)
    }

    pub fn list(&self) -> &[Exemption] {
        &self.list
    }

    /// The exemptions whose paths cover `path`.
    pub fn for_file(&self, path: &Path) -> Vec<&Exemption> {
        if self.list.is_empty() {
            return Vec::new();
        }
        let Ok(absolute) = std::path::absolute(path) else {
            return Vec::new();
        };
        let Ok(relative) = absolute.strip_prefix(&self.base) else {
            return Vec::new();
        };
        let relative: Vec<&str> = relative
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => s.to_str(),
                _ => None,
            })
            .collect();
        let relative = relative.join("/");
        self.list
            .iter()
            .filter(|e| e.covers_path(&relative))
            .collect()
    }
}

/// The first of `exemptions` (already narrowed to a file) that covers a finding of `rule` on
/// `resource`.
pub fn exempt(
    exemptions: &[&Exemption],
    rule: &str,
    resource: Option<&str>,
) -> Option<Suppression> {
    exemptions
        .iter()
        .find(|e| e.covers_rule(rule) && e.covers_resource(resource))
        .map(|e| e.suppression())
}

type Globs = (GlobSet, GlobSet);

fn check(
    entry: &ExemptionEntry,
    today: &str,
    known: &dyn Fn(&str) -> bool,
) -> Result<Globs, String> {
    let rule = entry.rule.as_deref().map(str::trim).unwrap_or("");
    if rule.is_empty() {
        return Err("`rule` is required (a rule id, or a prefix ending in `-`)".into());
    }
    if !known(rule) {
        return Err(format!("`{rule}` names no rule"));
    }
    if entry.paths.is_empty() {
        return Err(
            "`paths` is required (globs relative to the configuration file, e.g. `legacy/**`)"
                .into(),
        );
    }
    for (field, value) in [("reason", &entry.reason), ("owner", &entry.owner)] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            return Err(format!("`{field}` is required"));
        }
    }
    let Some(expires) = entry.expires.as_deref().map(str::trim) else {
        return Err("`expires` is required (the last day it holds, YYYY-MM-DD)".into());
    };
    let date = chrono::NaiveDate::parse_from_str(expires, "%Y-%m-%d")
        .ok()
        .filter(|_| expires.len() == 10)
        .ok_or_else(|| format!("`expires: {expires}` is not a date (YYYY-MM-DD)"))?;
    if date.format("%Y-%m-%d").to_string().as_str() < today {
        return Err(format!(
            "it expired on {expires}; its findings are reported again (renew it or fix them)"
        ));
    }
    let globs = |patterns: &[String], what: &str| -> Result<GlobSet, String> {
        let mut set = GlobSetBuilder::new();
        for p in patterns {
            let p = p.trim().trim_start_matches("./").trim_end_matches('/');
            let glob: Glob = GlobBuilder::new(p)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("{what} pattern `{p}`: {e}"))?;
            set.add(glob);
        }
        set.build().map_err(|e| e.to_string())
    };
    Ok((
        globs(&entry.paths, "path")?,
        globs(&entry.resources, "resource")?,
    ))
}

/// The position of each entry of `exemptions:` in the file (for warnings).
fn entry_positions(path: &Path, text: &str) -> Vec<Option<Position>> {
    let Ok(stream) = crate::source::yaml::parse(path, text) else {
        return Vec::new();
    };
    let index = LineIndex::new(text);
    let count = stream
        .docs
        .first()
        .and_then(|d| d.value.get("exemptions"))
        .and_then(serde_json::Value::as_array)
        .map_or(0, Vec::len);
    (0..count)
        .map(|i| {
            let route = [Seg::Key("exemptions".into()), Seg::Index(i)];
            match stream.resolve(text, 0, &route) {
                Ok((located, 2)) => Some(index.char_position(text, located.span().start)),
                _ => None,
            }
        })
        .collect()
}

/// Today's date in UTC, as YYYY-MM-DD.
pub fn today() -> String {
    chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Loaded {
        parse(Path::new(".converge.yaml"), text.to_owned()).unwrap()
    }

    #[test]
    fn unknown_keys_and_types_are_errors_with_their_place() {
        let e = parse(
            Path::new(".converge.yaml"),
            "select: [a]\nunsafe: true\n".into(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(".converge.yaml:2:1: unknown field `unsafe`"),
            "{e}"
        );
        let e = parse(
            Path::new(".converge.yaml"),
            "exemptions:\n  - rule: a\n    owners: x\n".into(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(".converge.yaml:3:5: exemptions[0]: unknown field `owners`"),
            "{e}"
        );
    }

    #[test]
    fn exemptions_are_checked_and_located() {
        let loaded = load(
            "exemptions:\n  - rule: aws-x\n    paths: [legacy/**]\n    reason: migrating\n    owner: team-a\n    expires: 2030-01-31\n  - rule: aws-x\n    paths: [a]\n    owner: b\n    expires: 2030-01-01\n  - rule: aws-x\n    paths: [a]\n    reason: r\n    owner: b\n    expires: 2020-01-01\n  - rule: aws-x\n    paths: [a]\n    reason: r\n    owner: b\n    expires: 31/01/2030\n  - rule: nope\n    paths: [a]\n    reason: r\n    owner: b\n    expires: 2030-01-01\n",
        );
        let (exemptions, warnings) = Exemptions::new(&loaded, "2026-11-21", &|r| r == "aws-x");
        assert_eq!(exemptions.list().len(), 1);
        assert_eq!(exemptions.list()[0].source, ".converge.yaml:2");
        let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                ".converge.yaml:7:5: exemption 2 (aws-x) is ignored: `reason` is required",
                ".converge.yaml:11:5: exemption 3 (aws-x) is ignored: it expired on 2020-01-01; its findings are reported again (renew it or fix them)",
                ".converge.yaml:16:5: exemption 4 (aws-x) is ignored: `expires: 31/01/2030` is not a date (YYYY-MM-DD)",
                ".converge.yaml:21:5: exemption 5 (nope) is ignored: `nope` names no rule",
            ]
        );
    }

    #[test]
    fn an_exemption_holds_through_its_last_day() {
        let loaded = load("exemptions:\n  - {rule: aws-x, paths: [a], reason: r, owner: o, expires: 2026-11-21}\n");
        assert_eq!(
            Exemptions::new(&loaded, "2026-11-21", &|_| true)
                .0
                .list()
                .len(),
            1
        );
        assert_eq!(
            Exemptions::new(&loaded, "2026-11-22", &|_| true)
                .0
                .list()
                .len(),
            0
        );
    }

    #[test]
    fn paths_and_resources_match_as_globs() {
        let loaded = load("exemptions:\n  - {rule: aws-, paths: [legacy, 'envs/*/main.tf'], resources: ['aws_s3_bucket.*'], reason: r, owner: o, expires: 2030-01-01}\n");
        let (exemptions, _) = Exemptions::new(&loaded, "2026-11-21", &|_| true);
        let e = &exemptions.list()[0];
        assert!(e.covers_path("legacy/a/b.tf"));
        assert!(e.covers_path("envs/prod/main.tf"));
        assert!(!e.covers_path("envs/prod/x/main.tf"));
        assert!(!e.covers_path("legacyx/a.tf"));
        assert!(e.covers_rule("aws-s3-x") && !e.covers_rule("k8s-x"));
        assert!(e.covers_resource(Some("aws_s3_bucket.logs")));
        assert!(!e.covers_resource(Some("aws_iam_role.logs")));
        assert!(!e.covers_resource(None));
    }
}
