//! The fix loop: plan, apply, verify, repeat to a fixpoint.
//!
//! This module knows no file format. A [`Subject`] analyses a text (parse and detect) and plans
//! the fix of one finding on a given text. Each pass takes the findings that have a fix in this
//! mode, sorted by (position, rule id), and plans them one after another *on the text as the
//! previous fixes of the pass left it*, so fixes that touch the same block compose instead of
//! colliding. The pass is then verified as a whole:
//! the text re-parses; the parsed value after equals the value before with exactly the intended
//! changes applied (the semantic oracle that catches a key written at the wrong level); each
//! fixed finding is gone; no finding appears that was not there before. A pass that fails is
//! retried fix by fix, each planned alone on the pass's starting text, and a fix that fails on
//! its own is dropped with the reason. The loop ends when nothing is left to fix, or after
//! [`MAX_PASSES`] passes.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde_json::Value;

use crate::detect::RawFinding;
use crate::remediation::{Applicability, ValueOp};
use crate::rule::RuleId;

pub const MAX_PASSES: usize = 10;

/// Replace `range` of the text with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    /// The smallest edit that turns `before` into `after`.
    pub fn between(before: &str, after: &str) -> Edit {
        let prefix = before
            .bytes()
            .zip(after.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let max_suffix = before.len().min(after.len()) - prefix;
        let suffix = before
            .bytes()
            .rev()
            .zip(after.bytes().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        let mut start = prefix;
        while !before.is_char_boundary(start) || !after.is_char_boundary(start) {
            start -= 1;
        }
        let (mut end_before, mut end_after) = (before.len() - suffix, after.len() - suffix);
        while !before.is_char_boundary(end_before) || !after.is_char_boundary(end_after) {
            end_before += 1;
            end_after += 1;
        }
        Edit {
            range: start..end_before,
            replacement: after[start..end_after].to_owned(),
        }
    }
}

/// Identifies a finding across passes: symbolic, so it survives edits elsewhere in the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FindingKey {
    pub rule: RuleId,
    pub document: usize,
    pub route: String,
}

/// A fix ready to apply.
#[derive(Debug, Clone)]
pub struct Fix {
    pub key: FindingKey,
    pub title: String,
    pub edit: Edit,
    pub applicability: Applicability,
    pub note: Option<String>,
    pub intended: Vec<ValueOp>,
}

/// What can be done about a finding in the current mode.
#[derive(Debug, Clone)]
pub enum FixState {
    /// A fix exists and this mode applies it; it is planned when it is applied.
    Available(FixSummary),
    /// A fix exists but needs a more permissive mode.
    NeedsMode(Applicability),
    /// A suggestion only, or no fix here, with the reason.
    Manual(String),
    /// Accepted by a person (a suppression comment or an exemption): left alone.
    Suppressed(crate::suppress::Suppression),
}

/// What a fix will do, known before it is planned.
#[derive(Debug, Clone)]
pub struct FixSummary {
    pub title: String,
    pub applicability: Applicability,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub key: FindingKey,
    /// The finding as the detector reported it (rule, route, case hint).
    pub finding: RawFinding,
    pub message: String,
    /// Byte span in the analysed text.
    pub span: Range<usize>,
    pub state: FixState,
}

/// One analysis of a text.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The parsed value the semantic oracle compares.
    pub value: Value,
    pub findings: Vec<Candidate>,
}

pub trait Subject {
    /// Parses `text` and runs the detectors. `Err` is a parse error message.
    fn analyse(&self, text: &str) -> Result<Analysis, String>;
    /// Plans the fix of `finding` on `text`, which other fixes may have changed since the
    /// finding was detected. `Err` says why no fix is made here.
    fn plan(&self, text: &str, finding: &Candidate) -> Result<Fix, String>;
}

/// A fix that was kept.
#[derive(Debug, Clone)]
pub struct Applied {
    pub fix: Fix,
    pub pass: usize,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub initial: Analysis,
    pub text: String,
    pub applied: Vec<Applied>,
    /// Fixes dropped by verification, with the reason.
    pub rejected: BTreeMap<FindingKey, String>,
    /// Findings whose fix declined to change this text, with the reason.
    pub declined: BTreeMap<FindingKey, String>,
    /// The analysis of the final text.
    pub last: Analysis,
    /// True when fixes were still pending after the last pass.
    pub exhausted: bool,
}

/// Runs the loop on `text`. `Err` only when the original text does not parse.
pub fn run(subject: &dyn Subject, text: &str) -> Result<Outcome, String> {
    let initial = subject.analyse(text)?;
    let mut current = initial.clone();
    let mut text = text.to_owned();
    let mut applied = Vec::new();
    let mut rejected: BTreeMap<FindingKey, String> = BTreeMap::new();
    let mut declined: BTreeMap<FindingKey, String> = BTreeMap::new();
    let mut exhausted = false;
    for pass in 0..=MAX_PASSES {
        let mut todo: Vec<&Candidate> = current
            .findings
            .iter()
            .filter(|c| matches!(c.state, FixState::Available(_)))
            .filter(|c| !rejected.contains_key(&c.key) && !declined.contains_key(&c.key))
            .collect();
        if todo.is_empty() {
            break;
        }
        if pass == MAX_PASSES {
            exhausted = true;
            break;
        }
        todo.sort_by(|a, b| (a.span.start, &a.key).cmp(&(b.span.start, &b.key)));
        let mut batch: Vec<Fix> = Vec::new();
        let mut new_text = text.clone();
        for candidate in &todo {
            // Two findings at one place (`drop` lacks ALL, `drop` lacks NET_RAW) are taken one
            // per pass: the first fix may resolve the second, which the next analysis tells.
            let same_place = |f: &Fix| {
                f.key.document == candidate.key.document && f.key.route == candidate.key.route
            };
            if batch.iter().any(same_place) {
                continue;
            }
            match subject.plan(&new_text, candidate) {
                Ok(fix) => {
                    new_text = apply_edits(&new_text, std::slice::from_ref(&fix));
                    batch.push(fix);
                }
                // Declining after other fixes changed the text may mean they resolved it:
                // only a decline on the text the pass started from is final.
                Err(_) if !batch.is_empty() => {}
                Err(reason) => {
                    declined.insert(candidate.key.clone(), reason);
                }
            }
        }
        if batch.is_empty() {
            continue;
        }
        let accepted = match verify(subject, &current, &new_text, &batch) {
            Ok(after) => Some((batch, new_text, after)),
            Err(_) => isolate(subject, &current, &text, &todo, &mut rejected),
        };
        if let Some((fixes, new_text, after)) = accepted {
            applied.extend(fixes.into_iter().map(|fix| Applied { fix, pass }));
            text = new_text;
            current = after;
        }
    }
    Ok(Outcome {
        initial,
        text,
        applied,
        rejected,
        declined,
        last: current,
        exhausted,
    })
}

/// After a pass failed verification: plans and verifies each fix alone on the pass's starting
/// text, records the ones that fail, and keeps the first that passes (the others are planned
/// again on the next pass).
fn isolate(
    subject: &dyn Subject,
    current: &Analysis,
    text: &str,
    todo: &[&Candidate],
    rejected: &mut BTreeMap<FindingKey, String>,
) -> Option<(Vec<Fix>, String, Analysis)> {
    let mut kept = None;
    for candidate in todo {
        let Ok(fix) = subject.plan(text, candidate) else {
            continue;
        };
        let new_text = apply_edits(text, std::slice::from_ref(&fix));
        match verify(subject, current, &new_text, std::slice::from_ref(&fix)) {
            Ok(after) if kept.is_none() => kept = Some((vec![fix], new_text, after)),
            Ok(_) => {}
            Err(reason) => {
                rejected.insert(candidate.key.clone(), reason);
            }
        }
    }
    kept
}

/// Applies non-overlapping edits (sorted by start).
pub fn apply_edits(text: &str, fixes: &[Fix]) -> String {
    let mut edits: Vec<&Edit> = fixes.iter().map(|f| &f.edit).collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start, e.range.end)));
    let mut out = text.to_owned();
    for edit in edits {
        out.replace_range(edit.range.clone(), &edit.replacement);
    }
    out
}

fn verify(
    subject: &dyn Subject,
    before: &Analysis,
    new_text: &str,
    fixes: &[Fix],
) -> Result<Analysis, String> {
    let after = subject
        .analyse(new_text)
        .map_err(|e| format!("the fixed text does not parse ({e})"))?;
    let mut expected = before.value.clone();
    for op in fixes.iter().flat_map(|f| &f.intended) {
        if !op.apply(&mut expected) {
            return Err("the intended change does not fit the parsed value".into());
        }
    }
    if expected != after.value {
        return Err(format!(
            "the parsed result is not the value before plus the intended change{}",
            first_difference(&expected, &after.value, "")
                .map(|p| format!(" (at `{p}`)"))
                .unwrap_or_default()
        ));
    }
    let after_keys: BTreeSet<&FindingKey> = after.findings.iter().map(|c| &c.key).collect();
    let before_keys: BTreeSet<&FindingKey> = before.findings.iter().map(|c| &c.key).collect();
    for fix in fixes {
        if after_keys.contains(&fix.key) {
            return Err("the finding is still reported after the fix".into());
        }
    }
    if let Some(new) = after_keys.difference(&before_keys).next() {
        return Err(format!(
            "the fix introduces a new finding: {} at {}",
            new.rule, new.route
        ));
    }
    Ok(after)
}

fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(p, q, &format!("{at}.{k}")),
                _ => Some(format!("{at}.{k}")),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{at}.{i}"))),
        _ if a == b => None,
        _ => Some(if at.is_empty() {
            ".".into()
        } else {
            at.to_owned()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Seg;

    /// A subject over JSON text: one finding while `x` is not true, whose fix replaces the
    /// whole text with `replacement` and intends `x = true`.
    struct Json {
        replacement: &'static str,
    }

    impl Subject for Json {
        fn analyse(&self, text: &str) -> Result<Analysis, String> {
            let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
            let mut findings = Vec::new();
            if value.get("x") != Some(&Value::Bool(true)) {
                let key = fix_with(Edit {
                    range: 0..0,
                    replacement: String::new(),
                })
                .key;
                findings.push(Candidate {
                    finding: RawFinding {
                        rule: key.rule.clone(),
                        message: String::new(),
                        route: None,
                        case: None,
                    },
                    key,
                    message: "x is not true".into(),
                    span: 0..text.len(),
                    state: FixState::Available(FixSummary {
                        title: String::new(),
                        applicability: Applicability::Safe,
                        note: None,
                    }),
                });
            }
            Ok(Analysis { value, findings })
        }

        fn plan(&self, text: &str, _: &Candidate) -> Result<Fix, String> {
            let mut fix = fix_with(Edit {
                range: 0..text.len(),
                replacement: self.replacement.into(),
            });
            fix.intended = vec![ValueOp::Set(vec![Seg::Key("x".into())], Value::Bool(true))];
            Ok(fix)
        }
    }

    #[test]
    fn a_correct_fix_is_kept() {
        let outcome = run(
            &Json {
                replacement: r#"{"x": true, "y": 1}"#,
            },
            r#"{"x": false, "y": 1}"#,
        )
        .unwrap();
        assert_eq!(outcome.applied.len(), 1);
        assert!(outcome.rejected.is_empty());
        assert_eq!(outcome.text, r#"{"x": true, "y": 1}"#);
    }

    #[test]
    fn a_fix_that_writes_elsewhere_or_loses_data_is_dropped() {
        let before = r#"{"x": false, "y": 1}"#;
        for wrong in [
            r#"{"x": true}"#,
            r#"{"x": false, "y": 1, "z": {"x": true}}"#,
        ] {
            let outcome = run(&Json { replacement: wrong }, before).unwrap();
            assert!(outcome.applied.is_empty(), "{wrong}");
            assert_eq!(outcome.text, before);
            let reason = outcome.rejected.values().next().unwrap();
            assert!(reason.contains("intended change"), "{reason}");
        }
    }

    #[test]
    fn a_fix_that_breaks_parsing_is_dropped() {
        let outcome = run(
            &Json {
                replacement: r#"{"x": true"#,
            },
            r#"{"x": false}"#,
        )
        .unwrap();
        assert!(outcome.applied.is_empty());
        assert!(outcome
            .rejected
            .values()
            .next()
            .unwrap()
            .contains("does not parse"));
    }

    #[test]
    fn minimal_edit() {
        let e = Edit::between("abcdef", "abXYef");
        assert_eq!(
            e,
            Edit {
                range: 2..4,
                replacement: "XY".into()
            }
        );
        let e = Edit::between("a\n", "a\nb\n");
        assert_eq!(apply_edits("a\n", &[fix_with(e)]), "a\nb\n");
        let e = Edit::between("héllo", "hèllo");
        assert_eq!(apply_edits("héllo", &[fix_with(e)]), "hèllo");
    }

    fn fix_with(edit: Edit) -> Fix {
        Fix {
            key: FindingKey {
                rule: RuleId::new("x").unwrap(),
                document: 0,
                route: String::new(),
            },
            title: String::new(),
            edit,
            applicability: Applicability::Safe,
            note: None,
            intended: vec![],
        }
    }
}
