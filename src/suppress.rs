//! Suppressions: findings a person has decided to accept, written next to the code
//! (`# converge:ignore <rule-id> <reason>`, checkov's `#checkov:skip=<CKV id>:<reason>` and
//! `checkov.io/skip*` annotations) or in `.converge.yaml` (exemptions, see [`crate::config`]).
//!
//! A suppressed finding is neither fixed nor counted as remaining: it is reported with its
//! [`Suppression`], so that suppressions stay visible to reviewers and auditors.
//!
//! Where an inline comment applies, for a finding on line L:
//! - a comment at the end of line L, or in the run of comment lines directly above it;
//! - the same for every line that opens a block enclosing L (found by indentation, which both
//!   `terraform fmt` and YAML's structure guarantee), so a comment above a `resource` block or
//!   a YAML mapping covers everything inside it;
//! - in YAML, the comments that open the document (after its `---`) cover the whole document;
//! - checkov's skip comments also apply anywhere inside the top-level Terraform block, as
//!   checkov reads them.

use crate::source::{Position, Target};

/// Why a finding is not acted on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The justification as written; `None` when the comment gives none (a warning).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where the suppression is written: `file:line` of the comment or annotation, or the
    /// configuration file and line of the exemption.
    pub source: String,
    /// Exemptions only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Exemptions only: the last day the exemption holds (YYYY-MM-DD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// `converge:ignore` comment.
    Inline,
    /// checkov's skip comment or annotation, matched through the rule's checkov ids.
    Checkov,
    /// An exemption in `.converge.yaml`.
    Exemption,
}

impl SuppressionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SuppressionKind::Inline => "inline",
            SuppressionKind::Checkov => "checkov",
            SuppressionKind::Exemption => "exemption",
        }
    }
}

const MARKER: &str = "converge:ignore";
const CHECKOV_MARKERS: [&str; 2] = ["checkov:skip=", "bridgecrew:skip="];

/// One suppression comment.
#[derive(Debug, Clone)]
pub struct Directive {
    /// 0-based line of the comment.
    pub line: usize,
    /// 1-based character column of the marker.
    pub column: usize,
    pub kind: SuppressionKind,
    /// Rule ids (`converge:ignore`) or checkov ids (`checkov:skip`).
    pub ids: Vec<String>,
    pub reason: Option<String>,
}

/// The suppression comments of a text and the line structure needed to scope them.
#[derive(Debug, Default)]
pub struct Comments {
    directives: Vec<Directive>,
    /// Per line: indentation width, or `None` for a blank or comment-only line.
    indents: Vec<Option<usize>>,
    /// Per line: the line is a YAML document separator (`---`).
    separators: Vec<bool>,
    /// Per line: the line starts a YAML sequence item (`- `).
    items: Vec<bool>,
    target: Option<Target>,
}

impl Comments {
    /// Reads the suppression comments of `text`. Cheap when there are none.
    pub fn read(text: &str, target: Target) -> Comments {
        if !text.contains(MARKER) && !CHECKOV_MARKERS.iter().any(|m| text.contains(m)) {
            return Comments::default();
        }
        let mut comments = Comments {
            target: Some(target),
            ..Comments::default()
        };
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            let comment_only = trimmed.is_empty()
                || trimmed.starts_with('#')
                || (target == Target::Terraform && trimmed.starts_with("//"));
            comments.indents.push(if comment_only {
                None
            } else {
                Some(line.len() - trimmed.len())
            });
            comments
                .separators
                .push(target == Target::Kubernetes && line.trim_end() == "---");
            comments.items.push(
                target == Target::Kubernetes && (trimmed == "-" || trimmed.starts_with("- ")),
            );
            directives_of(line, n, target, &mut comments.directives);
        }
        comments
    }

    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// The suppression of a finding of `rule` (with these checkov ids) on 0-based `line`.
    /// `path` names the file in the suppression's source.
    pub fn find(
        &self,
        rule: &str,
        checkov: &[String],
        line: usize,
        path: &str,
    ) -> Option<Suppression> {
        if self.directives.is_empty() {
            return None;
        }
        let lines = self.scope(line);
        let block = self.top_block(line);
        self.directives
            .iter()
            .filter(|d| match d.kind {
                SuppressionKind::Inline => {
                    lines.contains(&d.line)
                        && d.ids.iter().any(|id| id == rule || checkov.contains(id))
                }
                _ => {
                    (lines.contains(&d.line) || block.contains(&d.line))
                        && d.ids.iter().any(|id| checkov.contains(id))
                }
            })
            .min_by_key(|d| (d.kind, d.line))
            .map(|d| Suppression {
                kind: d.kind,
                reason: d.reason.clone(),
                source: format!("{path}:{}", d.line + 1),
                owner: None,
                expires: None,
            })
    }

    /// Lines whose comments cover `line`: itself and the comment run above it, the same for
    /// each enclosing block's opening line, and in YAML the document's opening comments.
    fn scope(&self, line: usize) -> Vec<usize> {
        let mut lines = Vec::new();
        let take = |at: usize, lines: &mut Vec<usize>| {
            lines.push(at);
            let mut above = at;
            while above > 0 && self.indents.get(above - 1) == Some(&None) {
                above -= 1;
                if self.separators[above] {
                    break;
                }
                lines.push(above);
            }
        };
        take(line, &mut lines);
        // Enclosing blocks: each line above that is less indented than the last one found. A
        // YAML sequence item may sit at its key's indentation (`key:` / `- item`): the key
        // encloses it too.
        let mut indent = self.indents.get(line).copied().flatten().unwrap_or(0);
        let mut item = self.items.get(line) == Some(&true);
        let mut at = line;
        while (indent > 0 || item) && at > 0 {
            at -= 1;
            if self.separators.get(at) == Some(&true) {
                break;
            }
            if let Some(Some(i)) = self.indents.get(at) {
                if *i < indent || (*i == indent && item && !self.items[at]) {
                    take(at, &mut lines);
                    indent = *i;
                    item = self.items[at];
                }
            }
        }
        if self.target == Some(Target::Kubernetes) {
            // The document's opening comments: from its separator (or the start) down to its
            // first content line.
            let mut start = line.min(self.indents.len());
            while start > 0 && !self.separators[start - 1] {
                start -= 1;
            }
            let mut at = start;
            while at < self.indents.len() && self.indents[at].is_none() {
                lines.push(at);
                at += 1;
            }
        }
        lines
    }

    /// Lines of the top-level Terraform block holding `line` (checkov's skip scope).
    fn top_block(&self, line: usize) -> std::ops::Range<usize> {
        if self.target != Some(Target::Terraform) || line >= self.indents.len() {
            return 0..0;
        }
        let mut start = line;
        while start > 0 && self.indents[start] != Some(0) {
            start -= 1;
        }
        let mut end = start + 1;
        while end < self.indents.len() && self.indents[end] != Some(0) {
            end += 1;
        }
        // The closing brace at column 0 belongs to the block.
        start..(end + 1).min(self.indents.len())
    }
}

/// The suppression directives on one line: `converge:ignore` and checkov's skip, each only in
/// a comment (after `#`, or `//` in HCL).
fn directives_of(line: &str, n: usize, target: Target, out: &mut Vec<Directive>) {
    let Some(comment) = comment_start(line, target) else {
        return;
    };
    let text = &line[comment..];
    if let Some(at) = text.find(MARKER) {
        let rest = &text[at + MARKER.len()..];
        // `converge:ignore-foo` is not the marker.
        if rest.is_empty() || rest.starts_with(char::is_whitespace) {
            let rest = rest.trim_start();
            let (ids, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            out.push(Directive {
                line: n,
                column: line[..comment + at].chars().count() + 1,
                kind: SuppressionKind::Inline,
                ids: ids
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                reason: clean_reason(reason),
            });
        }
    }
    for marker in CHECKOV_MARKERS {
        let mut from = 0;
        while let Some(at) = text[from..].find(marker) {
            let start = from + at + marker.len();
            let rest = text[start..].trim_start();
            let id_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let id = &rest[..id_len];
            let reason = rest[id_len..].strip_prefix(':').unwrap_or("");
            // checkov's reason runs to the end of the line; a second skip on the same line
            // ends it.
            let reason = CHECKOV_MARKERS
                .iter()
                .filter_map(|m| reason.find(m))
                .min()
                .map_or(reason, |end| &reason[..end]);
            if !id.is_empty() {
                out.push(Directive {
                    line: n,
                    column: line[..comment + from + at].chars().count() + 1,
                    kind: SuppressionKind::Checkov,
                    ids: vec![id.to_owned()],
                    reason: clean_reason(reason.trim_end_matches(['#', ' '])),
                });
            }
            from = start;
        }
    }
}

/// Where a comment starts on the line, outside quoted strings.
fn comment_start(line: &str, target: Target) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' && q == b'"' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'"' => quote = Some(b),
                // In YAML a quote opens a string only where a scalar starts; an apostrophe
                // inside plain text (`it's`) does not.
                b'\''
                    if target == Target::Kubernetes
                        && (i == 0 || matches!(bytes[i - 1], b' ' | b'[' | b'{' | b',' | b':')) =>
                {
                    quote = Some(b)
                }
                // YAML comments start at a `#` preceded by whitespace or at the line's start.
                b'#' if target == Target::Terraform
                    || i == 0
                    || bytes[i - 1] == b' '
                    || bytes[i - 1] == b'\t' =>
                {
                    return Some(i)
                }
                b'/' if target == Target::Terraform && bytes.get(i + 1) == Some(&b'/') => {
                    return Some(i)
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

fn clean_reason(reason: &str) -> Option<String> {
    let reason = reason
        .trim()
        .trim_start_matches("--")
        .trim_start_matches([':', '-', '—'])
        .trim();
    (!reason.is_empty()).then(|| reason.to_owned())
}

/// checkov's skip annotations of a Kubernetes manifest (`metadata.annotations`, keys starting
/// with `checkov.io/skip`, values `CKV_K8S_20=reason`): the checkov id, the reason and the
/// annotation's key.
pub fn checkov_annotations(manifest: &serde_json::Value) -> Vec<(String, Option<String>, String)> {
    let Some(annotations) = manifest
        .pointer("/metadata/annotations")
        .and_then(serde_json::Value::as_object)
    else {
        return Vec::new();
    };
    let mut skips: Vec<(String, Option<String>, String)> = annotations
        .iter()
        .filter(|(key, _)| key.starts_with("checkov.io/skip"))
        .filter_map(|(key, value)| {
            let value = value.as_str()?;
            let (id, reason) = value.split_once('=').unwrap_or((value, ""));
            Some((id.trim().to_owned(), clean_reason(reason), key.clone()))
        })
        .collect();
    skips.sort();
    skips
}

/// A warning about a suppression comment: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    #[serde(flatten)]
    pub position: Position,
    pub message: String,
}

/// Warnings about the suppression comments of a file: no reason, or a rule id that names no
/// rule. `known` says whether a rule id exists.
pub fn warnings(comments: &Comments, known: &dyn Fn(&str) -> bool) -> Vec<Warning> {
    let mut out = Vec::new();
    for d in comments.directives() {
        let position = Position {
            line: d.line + 1,
            column: d.column,
        };
        match d.kind {
            SuppressionKind::Inline if d.ids.is_empty() => out.push(Warning {
                position,
                message:
                    "`converge:ignore` names no rule; write `converge:ignore <rule-id> <reason>`"
                        .into(),
            }),
            SuppressionKind::Inline => {
                for id in d.ids.iter().filter(|id| !known(id)) {
                    out.push(Warning {
                        position,
                        message: format!("`converge:ignore` names `{id}`, which is not a rule"),
                    });
                }
            }
            _ => {}
        }
        if d.reason.is_none() && !d.ids.is_empty() {
            out.push(Warning {
                position,
                message: format!(
                    "the suppression of {} gives no reason; write why after the {}",
                    d.ids.join(", "),
                    if d.kind == SuppressionKind::Inline {
                        "rule id"
                    } else {
                        "check id and a colon"
                    }
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, target: Target, line: usize) -> Option<Suppression> {
        Comments::read(text, target).find("aws-x", &["CKV_AWS_1".into()], line, "f")
    }

    #[test]
    fn terraform_comments_cover_their_line_and_block() {
        let text = "# converge:ignore aws-x legacy bucket, see TICKET-1\nresource \"a\" \"b\" {\n  acl = \"public\" // converge:ignore aws-y other\n  tags = {\n    x = 1\n  }\n  versioning {\n    enabled = false\n  }\n}\nresource \"a\" \"c\" {\n  acl = 1\n}\n";
        let s = find(text, Target::Terraform, 7).unwrap();
        assert_eq!(s.kind, SuppressionKind::Inline);
        assert_eq!(s.reason.as_deref(), Some("legacy bucket, see TICKET-1"));
        assert_eq!(s.source, "f:1");
        assert!(find(text, Target::Terraform, 11).is_none());
        assert!(Comments::read(text, Target::Terraform)
            .find("aws-y", &[], 2, "f")
            .is_some());
        assert!(Comments::read(text, Target::Terraform)
            .find("aws-y", &[], 7, "f")
            .is_none());
    }

    #[test]
    fn checkov_skips_apply_inside_the_block() {
        let text = "resource \"a\" \"b\" {\n  acl = 1\n  #checkov:skip=CKV_AWS_1:The bucket is public on purpose\n}\n";
        let s = find(text, Target::Terraform, 1).unwrap();
        assert_eq!(s.kind, SuppressionKind::Checkov);
        assert_eq!(s.reason.as_deref(), Some("The bucket is public on purpose"));
        assert!(Comments::read(text, Target::Terraform)
            .find("aws-z", &["CKV_AWS_2".into()], 1, "f")
            .is_none());
    }

    #[test]
    fn yaml_document_comments_cover_the_document() {
        let text = "---\n# converge:ignore aws-x reason\napiVersion: v1\nkind: Pod\nspec:\n  x: 1\n---\napiVersion: v1\nkind: Pod\nspec:\n  x: 1\n";
        assert!(find(text, Target::Kubernetes, 5).is_some());
        assert!(find(text, Target::Kubernetes, 10).is_none());
        let flat = "spec:\n  # converge:ignore aws-x reason\n  containers:\n  - name: a\n    image: x\n  - name: b\n";
        assert!(find(flat, Target::Kubernetes, 4).is_some());
        assert!(find(flat, Target::Kubernetes, 0).is_none());
    }

    #[test]
    fn markers_inside_strings_are_not_comments() {
        let text = "resource \"a\" \"b\" {\n  description = \"# converge:ignore aws-x no\"\n}\n";
        assert!(find(text, Target::Terraform, 1).is_none());
        let yaml = "metadata:\n  name: a#converge:ignore aws-x no\n";
        assert!(find(yaml, Target::Kubernetes, 1).is_none());
    }

    #[test]
    fn a_suppression_without_reason_or_rule_warns() {
        let text = "# converge:ignore aws-x\n# converge:ignore nope because\n# converge:ignore\nx = 1 # checkov:skip=CKV_AWS_1\n";
        let w = warnings(&Comments::read(text, Target::Terraform), &|id| {
            id == "aws-x"
        });
        let lines: Vec<(usize, &str)> = w
            .iter()
            .map(|w| (w.position.line, w.message.as_str()))
            .collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines[0].1.contains("no reason"));
        assert!(lines[1].1.contains("`nope`"));
        assert!(lines[2].1.contains("names no rule"));
        assert!(lines[3].1.contains("CKV_AWS_1"));
    }
}
