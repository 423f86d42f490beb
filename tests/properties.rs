//! Invariants of parse → fix → re-parse under random mutations of real inputs (the fixtures,
//! and with `CONVERGE_FUZZ_CORPUS=DIR` every `.tf`/`.yaml` below DIR too):
//! - nothing panics;
//! - a fixed file parses again;
//! - fixing the fixed file changes nothing;
//! - lines outside the top-level blocks (Terraform) or documents (YAML) that hold a fixed
//!   finding are kept, in order, byte for byte;
//! - a file the engine reports as an error is left as it was.
//!
//! `cargo test` runs a bounded number of cases (PROPTEST_CASES, default 48 per target);
//! `scripts/fuzz` runs them for as long as it is given.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use converge::engine::{Engine, Status};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| engine_for(None))
}

/// Seed inputs with the extension `ext`: fixtures, then the corpus when one is given.
fn seeds(ext: &str) -> &'static [(String, Vec<u8>)] {
    static TF: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    static YAML: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    let cell = if ext == "tf" { &TF } else { &YAML };
    cell.get_or_init(|| {
        let mut files: Vec<PathBuf> = all_fixtures()
            .into_iter()
            .filter(|p| scanned_name(p).ends_with(&format!(".{ext}")))
            .collect();
        if let Some(dir) = std::env::var_os("CONVERGE_FUZZ_CORPUS") {
            collect(Path::new(&dir), ext, &mut files);
        }
        files.sort();
        files
            .into_iter()
            .filter_map(|p| {
                let bytes = std::fs::read(&p).ok()?;
                (bytes.len() < 64 * 1024).then(|| (scanned_name(&p), bytes))
            })
            .collect()
    })
}

fn collect(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect(&path, ext, out);
        } else if path
            .extension()
            .is_some_and(|e| e == ext || (ext == "yaml" && e == "yml"))
        {
            out.push(path);
        }
    }
}

/// One change to a file's lines.
#[derive(Debug, Clone)]
enum Mutation {
    InsertComment(usize),
    InsertBlank(usize),
    Delete(usize),
    Duplicate(usize),
    Indent(usize, usize),
    Replace(usize, &'static str, &'static str),
    Truncate(usize),
    Crlf(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let swaps = prop::sample::select(vec![
        ("true", "false"),
        ("false", "true"),
        ("}", ""),
        ("{", "{ {"),
        ("]", ""),
        (":", ": &a"),
        ("- ", "- *a "),
        ("\"", ""),
        ("=", "= ["),
        ("name", "na\tme"),
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mutation::InsertComment),
        any::<usize>().prop_map(Mutation::InsertBlank),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), 1..5usize).prop_map(|(l, n)| Mutation::Indent(l, n)),
        (any::<usize>(), swaps).prop_map(|(l, (a, b))| Mutation::Replace(l, a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::Crlf),
    ]
}

fn mutate(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::InsertComment(i) => {
                lines.insert(i % (lines.len() + 1), b"# inserted\n".to_vec())
            }
            Mutation::InsertBlank(i) => lines.insert(i % (lines.len() + 1), b"\n".to_vec()),
            Mutation::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) if !lines.is_empty() => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::Indent(i, k) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                line.splice(0..0, std::iter::repeat_n(b' ', k));
            }
            Mutation::Replace(i, from, to) if !lines.is_empty() => {
                let line = String::from_utf8_lossy(&lines[i % n]).replacen(from, to, 1);
                lines[i % n] = line.into_bytes();
            }
            Mutation::Truncate(at) => {
                let mut all: Vec<u8> = lines.concat();
                all.truncate(at % (all.len() + 1));
                lines = all
                    .split_inclusive(|&b| b == b'\n')
                    .map(<[u8]>::to_vec)
                    .collect();
            }
            Mutation::Crlf(i) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                if line.ends_with(b"\n") && !line.ends_with(b"\r\n") {
                    line.insert(line.len() - 1, b'\r');
                }
            }
            _ => {}
        }
    }
    lines.concat()
}

/// Line ranges (0-based, inclusive) of the top-level units holding a fixed finding: the
/// top-level blocks and attributes of the parsed HCL body, or the `---`-separated documents.
fn fixed_regions(text: &str, starts: &[usize], hcl: bool) -> Vec<(usize, usize)> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count();
    let mut units: Vec<(usize, usize)> = Vec::new();
    if hcl {
        use hcl_edit::Span;
        let body = converge::source::hcl::parse(Path::new("x.tf"), text).expect("parsed before");
        let mut previous_end = 0;
        for structure in body.iter() {
            let Some(span) = structure.span() else {
                continue;
            };
            // Comments and blank lines before a block belong to it.
            units.push((previous_end, line_of(span.end.saturating_sub(1))));
            previous_end = line_of(span.end.saturating_sub(1)) + 1;
        }
        units.push((previous_end, usize::MAX));
    } else {
        let mut start = 0;
        for (i, line) in text.lines().enumerate() {
            if line.trim_end() == "---" {
                units.push((start, i));
                start = i + 1;
            }
        }
        units.push((start, usize::MAX));
    }
    units
        .into_iter()
        .filter(|(a, b)| starts.iter().any(|s| a <= s && s <= b))
        .collect()
}

fn check(name: &str, seed: &[u8], mutations: &[Mutation]) -> Result<(), TestCaseError> {
    let hcl = name.ends_with(".tf");
    let input = mutate(seed, mutations);
    let (report, fixed) = run_on(engine(), name, &input, UNSAFE);
    if !report.errors.is_empty() {
        prop_assert_eq!(&fixed, &input, "a file with an error was changed");
        return Ok(());
    }
    if fixed == input {
        return Ok(());
    }
    let text = String::from_utf8(fixed.clone()).expect("fixed output is UTF-8");
    let normalised = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let path = Path::new(name);
    if hcl {
        prop_assert!(
            converge::source::hcl::parse(path, &normalised).is_ok(),
            "fixed HCL does not parse:\n{}",
            text
        );
    } else {
        prop_assert!(
            converge::source::yaml::parse(path, &normalised).is_ok(),
            "fixed YAML does not parse:\n{}",
            text
        );
    }
    let (second, again) = run_on(engine(), name, &fixed, UNSAFE);
    prop_assert!(second.errors.is_empty(), "{:?}", second.errors);
    prop_assert_eq!(&again, &fixed, "a second fix changed the file");
    // Lines outside the fixed units keep their bytes and order.
    let original = String::from_utf8_lossy(&input).into_owned();
    let starts: Vec<usize> = report
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .filter(|f| f.status == Status::Fixed)
        .map(|f| f.start.line - 1)
        .collect();
    let regions = fixed_regions(&original.replace("\r\n", "\n"), &starts, hcl);
    let diff = similar::TextDiff::from_lines(original.as_str(), text.as_str());
    for op in diff.ops() {
        if let similar::DiffOp::Delete {
            old_index, old_len, ..
        }
        | similar::DiffOp::Replace {
            old_index, old_len, ..
        } = *op
        {
            for line in old_index..old_index + old_len {
                prop_assert!(
                    regions.iter().any(|(a, b)| *a <= line && line <= *b),
                    "line {} changed outside a fixed block:\n{}\n---\n{}",
                    line + 1,
                    original,
                    text
                );
            }
        }
    }
    Ok(())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(48);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn terraform_fixes_keep_the_invariants(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 0..4),
    ) {
        let seeds = seeds("tf");
        let (name, bytes) = &seeds[pick.index(seeds.len())];
        check(name, bytes, &mutations)?;
    }

    #[test]
    fn kubernetes_fixes_keep_the_invariants(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 0..4),
    ) {
        let seeds = seeds("yaml");
        let (name, bytes) = &seeds[pick.index(seeds.len())];
        check(name, bytes, &mutations)?;
    }
}
