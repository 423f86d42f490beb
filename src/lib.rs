//! converge: deterministic auto-remediation for Terraform and Kubernetes files.
//!
//! The pipeline: [`discover`] files → parse losslessly ([`source`]: `hcl-edit` for HCL, a
//! tree-sitter syntax tree plus `yaml_serde` values for YAML) → project each file or document
//! to JSON → run the Rego detectors ([`detect`], regorus) → findings with a symbolic route →
//! a remediation ([`remediation`]) turns a finding into a planned text change plus its intended
//! change to the parsed value → the fix loop ([`fix`]) applies non-overlapping fixes, re-parses,
//! re-runs every detector and verifies, to a fixpoint → [`report`] (text, diff, JSON) →
//! [`write`] atomically. [`engine`] ties these together per file and in parallel.
//!
//! Untouched bytes are never re-printed: every edit is a splice into the original text, and
//! [`source::SourceFile::render`] keeps each untouched line's original bytes.

pub mod bot;
pub mod ci;
pub mod cli;
pub mod config;
pub mod detect;
pub mod discover;
pub mod docs;
pub mod engine;
pub mod fix;
pub mod git;
pub mod remediation;
pub mod report;
pub mod rule;
pub mod ruletest;
pub mod scaffold;
pub mod source;
pub mod suppress;
pub mod term;
pub mod write;
