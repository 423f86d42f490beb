//! Source files as bytes, and the lossless views the engine works on.
//!
//! The engine never re-prints a document. A [`SourceFile`] keeps the original bytes and a
//! *normalised* text (UTF-8, no BOM, `\n` line endings) that the parsers, detectors and fix
//! operations work on. [`SourceFile::render`] turns a fixed normalised text back into bytes
//! that keep the original's BOM and the line ending of every untouched line; new lines take
//! the file's dominant line ending.

pub mod hcl;
pub mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a file, 1-based, counted in characters of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The formats converge understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Terraform,
    Kubernetes,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Terraform => "terraform",
            Target::Kubernetes => "kubernetes",
        }
    }

    pub fn parse(s: &str) -> Option<Target> {
        match s {
            "terraform" => Some(Target::Terraform),
            "kubernetes" => Some(Target::Kubernetes),
            _ => None,
        }
    }
}

/// An error in a user's file, with the place it was found.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}{}: {message}", path.display(), position.map(|p| format!(":{p}")).unwrap_or_default())]
pub struct SourceError {
    pub path: PathBuf,
    pub position: Option<Position>,
    pub message: String,
}

impl SourceError {
    pub fn new(path: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        SourceError {
            path: path.to_path_buf(),
            position,
            message: message.into(),
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file as read from disk, with its normalised text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub original: Vec<u8>,
    /// UTF-8 text without BOM and with every `\r\n` turned into `\n`.
    pub text: String,
    has_bom: bool,
    crlf_dominant: bool,
}

impl SourceFile {
    pub fn new(path: &Path, original: Vec<u8>) -> Result<SourceFile, SourceError> {
        let has_bom = original.starts_with(BOM);
        let body = if has_bom {
            &original[BOM.len()..]
        } else {
            &original[..]
        };
        // A NUL byte means a binary file, whatever else it holds: say so before UTF-8 errors.
        if let Some(at) = body.iter().position(|&b| b == 0) {
            return Err(SourceError::new(
                path,
                Some(byte_position(body, at)),
                "file contains a NUL byte (binary?); it was left untouched",
            ));
        }
        let decoded = std::str::from_utf8(body).map_err(|e| {
            SourceError::new(
                path,
                Some(byte_position(body, e.valid_up_to())),
                "file is not valid UTF-8; it was left untouched",
            )
        })?;
        let crlf = decoded.matches("\r\n").count();
        let lf = decoded.matches('\n').count();
        let text = if crlf > 0 {
            decoded.replace("\r\n", "\n")
        } else {
            decoded.to_owned()
        };
        Ok(SourceFile {
            path: path.to_path_buf(),
            original,
            text,
            has_bom,
            crlf_dominant: crlf * 2 > lf,
        })
    }

    /// Bytes for a fixed version of `self.text`: lines that did not change keep their original
    /// bytes (and line ending); changed and new lines use the dominant line ending.
    pub fn render(&self, fixed: &str) -> Vec<u8> {
        if fixed == self.text {
            return self.original.clone();
        }
        let mut out = Vec::with_capacity(fixed.len() + 64);
        if self.has_bom {
            out.extend_from_slice(BOM);
        }
        let original_lines = self.original_lines();
        let newline: &[u8] = if self.crlf_dominant { b"\r\n" } else { b"\n" };
        let diff = similar::TextDiff::configure()
            .algorithm(similar::Algorithm::Myers)
            .diff_lines(self.text.as_str(), fixed);
        for op in diff.ops() {
            match *op {
                similar::DiffOp::Equal { old_index, len, .. } => {
                    for raw in &original_lines[old_index..old_index + len] {
                        out.extend_from_slice(raw);
                    }
                }
                similar::DiffOp::Delete { .. } => {}
                similar::DiffOp::Insert {
                    new_index, new_len, ..
                }
                | similar::DiffOp::Replace {
                    new_index, new_len, ..
                } => {
                    for line in fixed.split_inclusive('\n').skip(new_index).take(new_len) {
                        match line.strip_suffix('\n') {
                            Some(content) => {
                                out.extend_from_slice(content.as_bytes());
                                out.extend_from_slice(newline);
                            }
                            None => out.extend_from_slice(line.as_bytes()),
                        }
                    }
                }
            }
        }
        out
    }

    /// The original bytes split into lines, each with its own line ending, BOM excluded.
    fn original_lines(&self) -> Vec<&[u8]> {
        let body = if self.has_bom {
            &self.original[BOM.len()..]
        } else {
            &self.original[..]
        };
        body.split_inclusive(|&b| b == b'\n').collect()
    }
}

/// Maps byte offsets of a text to 1-based line and column.
/// 1-based line and column (in bytes) of byte `at` of bytes that may not be text.
fn byte_position(bytes: &[u8], at: usize) -> Position {
    let before = &bytes[..at];
    Position {
        line: before.iter().filter(|&&b| b == b'\n').count() + 1,
        column: before.iter().rev().take_while(|&&b| b != b'\n').count() + 1,
    }
}

#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 0-based line number containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    pub fn position(&self, offset: usize) -> Position {
        let line = self.line_of(offset);
        Position {
            line: line + 1,
            column: offset - self.starts[line] + 1,
        }
    }

    /// Position with the column counted in characters of `text`.
    pub fn char_position(&self, text: &str, offset: usize) -> Position {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

/// One element of a symbolic route: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl Seg {
    pub fn as_key(&self) -> Option<&str> {
        match self {
            Seg::Key(k) => Some(k),
            Seg::Index(_) => None,
        }
    }
}

impl fmt::Display for Seg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Seg::Key(k) => f.write_str(k),
            Seg::Index(i) => write!(f, "{i}"),
        }
    }
}

/// A symbolic location in a document: keys and indices from its root.
pub type Route = Vec<Seg>;

pub fn route_from_json(value: &serde_json::Value) -> Option<Route> {
    value
        .as_array()?
        .iter()
        .map(|v| match v {
            serde_json::Value::String(s) => Some(Seg::Key(s.clone())),
            serde_json::Value::Number(n) => n.as_u64().map(|i| Seg::Index(i as usize)),
            _ => None,
        })
        .collect()
}

pub fn route_to_json(route: &[Seg]) -> serde_json::Value {
    serde_json::Value::Array(
        route
            .iter()
            .map(|s| match s {
                Seg::Key(k) => serde_json::Value::String(k.clone()),
                Seg::Index(i) => serde_json::Value::from(*i),
            })
            .collect(),
    )
}

pub fn route_display(route: &[Seg]) -> String {
    route
        .iter()
        .map(Seg::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// Offset of the start of the line after the one containing `offset` (or the text's end).
pub fn next_line_start(text: &str, offset: usize) -> usize {
    if offset > 0 && text.as_bytes().get(offset - 1) == Some(&b'\n') {
        return offset;
    }
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

/// Offset of the start of the line containing `offset`.
pub fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The whitespace that starts the line containing `offset`.
pub fn indent_at(text: &str, offset: usize) -> &str {
    let start = line_start(text, offset);
    let rest = &text[start..];
    &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
}

/// Removes the lines `start..end`; when they end the text and it has no final newline, the
/// line break before them goes too, so the text still ends without one.
pub fn remove_lines(text: &str, start: usize, end: usize) -> String {
    let mut out = text.to_owned();
    if end == text.len() && !text.ends_with('\n') && start > 0 {
        out.replace_range(start - 1..end, "");
    } else {
        out.replace_range(start..end, "");
    }
    out
}

/// Nesting the recursive-descent parsers accept before a file is refused as hostile.
pub const MAX_NESTING: usize = 256;

/// Offset of the first opening bracket (of `open`) nested deeper than [`MAX_NESTING`]; guards
/// the parsers against stack exhaustion.
pub fn too_deep(text: &str, open: &[u8], close: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        if open.contains(&b) {
            depth += 1;
            if depth > MAX_NESTING {
                return Some(i);
            }
        } else if close.contains(&b) {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(bytes: &[u8]) -> SourceFile {
        SourceFile::new(Path::new("t"), bytes.to_vec()).unwrap()
    }

    #[test]
    fn render_identity_keeps_bytes() {
        for bytes in [&b"a\r\nb\r\n"[..], b"\xEF\xBB\xBFa\nb", b"a\nb\r\nc", b""] {
            let f = file(bytes);
            assert_eq!(f.render(&f.text.clone()), bytes);
        }
    }

    #[test]
    fn render_keeps_crlf_and_bom_on_new_lines() {
        let f = file(b"\xEF\xBB\xBFa\r\nb\r\n");
        assert_eq!(f.render("a\nx\nb\n"), b"\xEF\xBB\xBFa\r\nx\r\nb\r\n");
    }

    #[test]
    fn render_keeps_missing_final_newline() {
        let f = file(b"a\nb");
        assert_eq!(f.render("a\nx\nb"), b"a\nx\nb");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = SourceFile::new(Path::new("t"), b"ab\ncd\xff".to_vec()).unwrap_err();
        assert_eq!(err.position, Some(Position { line: 2, column: 3 }));
    }
}
