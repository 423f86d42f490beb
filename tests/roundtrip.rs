//! Reading and writing back with no fix is the identity on every fixture, and line endings,
//! BOM and a missing final newline survive fixes.

mod common;

use std::path::Path;

use common::*;
use converge::engine::Mode;
use converge::source::{hcl, yaml, SourceFile};

fn variants(bytes: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let lf: Vec<u8> = String::from_utf8(bytes.to_vec())
        .unwrap()
        .replace("\r\n", "\n")
        .into_bytes();
    let crlf = String::from_utf8(lf.clone())
        .unwrap()
        .replace('\n', "\r\n")
        .into_bytes();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&lf);
    let mut trimmed = lf.clone();
    while trimmed.last() == Some(&b'\n') {
        trimmed.pop();
    }
    vec![
        ("lf", lf),
        ("crlf", crlf),
        ("bom", bom),
        ("no-final-newline", trimmed),
    ]
}

#[test]
fn parse_and_render_is_the_identity() {
    for path in all_fixtures() {
        let name = scanned_name(&path);
        for (variant, bytes) in variants(&std::fs::read(&path).unwrap()) {
            let source = SourceFile::new(Path::new(&name), bytes.clone()).unwrap();
            if name.ends_with(".tf") {
                hcl::parse(Path::new(&name), &source.text)
                    .unwrap_or_else(|e| panic!("{variant} {}: {e}", path.display()));
            } else {
                yaml::parse(Path::new(&name), &source.text)
                    .unwrap_or_else(|e| panic!("{variant} {}: {e}", path.display()));
            }
            assert_eq!(
                source.render(&source.text),
                bytes,
                "{variant} {}",
                path.display()
            );
        }
    }
}

#[test]
fn fixes_keep_line_endings_bom_and_final_newline() {
    let engine = engine_for(None);
    let mut checked = 0;
    for path in all_fixtures()
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("bad_"))
    {
        if path.extension().is_some_and(|e| e == "fixed") {
            continue;
        }
        let name = scanned_name(&path);
        let vs = variants(&std::fs::read(&path).unwrap());
        let (_, lf_fixed) = run_on(&engine, &name, &vs[0].1, Mode::Fix { unsafe_fixes: true });
        let lf_text = String::from_utf8(lf_fixed.clone()).unwrap();
        for (variant, bytes) in &vs[1..] {
            let (_, fixed) = run_on(&engine, &name, bytes, Mode::Fix { unsafe_fixes: true });
            let expected = match *variant {
                "crlf" => lf_text.replace('\n', "\r\n").into_bytes(),
                "bom" => [b"\xEF\xBB\xBF".as_slice(), &lf_fixed].concat(),
                _ => {
                    let fixed_text = String::from_utf8(fixed.clone()).unwrap();
                    assert!(
                        !fixed_text.ends_with('\n'),
                        "{variant} {}: final newline added",
                        path.display()
                    );
                    lf_text.trim_end_matches('\n').as_bytes().to_vec()
                }
            };
            assert!(
                fixed == expected,
                "{variant} {}:\n{}",
                path.display(),
                String::from_utf8_lossy(&fixed)
            );
            checked += 1;
        }
    }
    assert!(checked > 30);
}
