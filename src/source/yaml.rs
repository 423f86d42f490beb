//! YAML sources: a tree-sitter concrete syntax tree for locations, and `yaml_serde` for values.
//!
//! A stream is parsed once with tree-sitter; each `document` node becomes a [`YamlDoc`] whose
//! value is read by `yaml_serde` from that document's own chunk of text (so anchors, aliases and
//! merge keys resolve as a YAML library reads them). Chunks are cut at line starts, so the
//! concatenation of all chunks is the file. Routes are resolved on the tree, never on a
//! re-printed document; edits are planned as text changes next to the nodes they touch, in the
//! indentation and sequence style the document already uses.

use std::ops::Range;
use std::path::Path;

use serde_json::{Map, Value};
use tree_sitter::{Node, Parser, Tree};

use super::{
    line_start, next_line_start, remove_lines, LineIndex, Position, Seg, SourceError, MAX_NESTING,
};

/// A parsed YAML stream.
pub struct YamlStream {
    tree: Tree,
    pub docs: Vec<YamlDoc>,
}

#[derive(Debug, Clone)]
pub struct YamlDoc {
    /// Chunk of the normalised text holding this document.
    pub range: Range<usize>,
    /// The document's value; `Null` for an empty or comment-only document.
    pub value: Value,
}

pub fn parse(path: &Path, text: &str) -> Result<YamlStream, SourceError> {
    parse_documents(path, text, None)
}

/// Like [`parse`], but reads the value of document `doc` only (the others stay `Null`): what an
/// edit of that document needs, at a fraction of the cost on long streams.
pub fn parse_for_edit(path: &Path, text: &str, doc: usize) -> Result<YamlStream, SourceError> {
    parse_documents(path, text, Some(doc))
}

fn parse_documents(
    path: &Path,
    text: &str,
    only: Option<usize>,
) -> Result<YamlStream, SourceError> {
    if let Some(at) = excessive_nesting(text) {
        let position = LineIndex::new(text).position(at);
        return Err(SourceError::new(
            path,
            Some(position),
            format!("nesting deeper than {MAX_NESTING} levels; the file was left untouched"),
        ));
    }
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_yaml::LANGUAGE.into())
        .expect("the bundled YAML grammar loads");
    let tree = parser
        .parse(text, None)
        .ok_or_else(|| SourceError::new(path, None, "YAML parser gave up"))?;
    let starts = document_starts(path, text, tree.root_node())?;
    let mut docs = Vec::with_capacity(starts.len());
    let index = LineIndex::new(text);
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        if only.is_some_and(|d| d != i) {
            docs.push(YamlDoc {
                range: start..end,
                value: Value::Null,
            });
            continue;
        }
        let value = doc_value(&text[start..end]).map_err(|e| {
            let line0 = index.line_of(start);
            let position = e.location().map(|l| Position {
                line: line0 + l.line(),
                column: l.column(),
            });
            SourceError::new(
                path,
                position,
                format!("YAML error: {}", strip_location(&e)),
            )
        })?;
        docs.push(YamlDoc {
            range: start..end,
            value,
        });
    }
    Ok(YamlStream { tree, docs })
}

fn document_starts(path: &Path, text: &str, root: Node<'_>) -> Result<Vec<usize>, SourceError> {
    if root.has_error() {
        // The YAML library names the place and the problem more precisely than the syntax
        // tree's error node, which often spans the whole document.
        if let Some((position, message)) = library_error(text) {
            return Err(SourceError::new(
                path,
                position,
                format!("YAML syntax error: {message}"),
            ));
        }
        let bad = first_error(root).unwrap_or(root);
        let p = bad.start_position();
        return Err(SourceError::new(
            path,
            Some(Position {
                line: p.row + 1,
                column: p.column + 1,
            }),
            "YAML syntax error",
        ));
    }
    let mut starts: Vec<usize> = Vec::new();
    let mut cursor = root.walk();
    for child in root.named_children(&mut cursor) {
        if child.kind() == "document" {
            starts.push(if starts.is_empty() {
                0
            } else {
                line_start(text, child.start_byte())
            });
        }
    }
    Ok(starts)
}

fn library_error(text: &str) -> Option<(Option<Position>, String)> {
    use serde::Deserialize;
    for document in yaml_serde::Deserializer::from_str(text) {
        if let Err(e) = yaml_serde::Value::deserialize(document) {
            let position = e.location().map(|l| Position {
                line: l.line(),
                column: l.column(),
            });
            return Some((position, strip_location(&e)));
        }
    }
    None
}

fn strip_location(e: &yaml_serde::Error) -> String {
    let msg = e.to_string();
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg,
    }
}

fn excessive_nesting(text: &str) -> Option<usize> {
    if let Some(at) = super::too_deep(text, b"{[", b"}]") {
        return Some(at);
    }
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        if indent > MAX_NESTING * 8 {
            return Some(line_start);
        }
        line_start += line.len();
    }
    None
}

fn first_error(node: Node<'_>) -> Option<Node<'_>> {
    if node.is_error() || node.is_missing() {
        return Some(node);
    }
    let mut cursor = node.walk();
    let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
    children
        .into_iter()
        .filter(|c| c.has_error())
        .find_map(first_error)
}

fn doc_value(chunk: &str) -> Result<Value, yaml_serde::Error> {
    let mut value: yaml_serde::Value = yaml_serde::from_str(chunk)?;
    value.apply_merge()?;
    Ok(to_json(value))
}

fn to_json(value: yaml_serde::Value) -> Value {
    use yaml_serde::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Y::Mapping(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    other => match to_json(other) {
                        Value::String(s) => s,
                        scalar => scalar.to_string(),
                    },
                };
                out.insert(key, to_json(v));
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => to_json(tagged.value),
    }
}

/// A node reached by a route: the value (absent for `key:` with nothing after it) and, when
/// reached through a mapping key, the whole pair.
#[derive(Debug, Clone, Copy)]
pub struct Located<'t> {
    pub pair: Option<Node<'t>>,
    pub value: Option<Node<'t>>,
}

impl Located<'_> {
    pub fn span(&self) -> Range<usize> {
        let node = self.pair.or(self.value);
        node.map_or(0..0, |n| n.byte_range())
    }
}

/// Why a route cannot be followed to a place an edit can safely be made.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreachable {
    Alias,
    DuplicateKey(String),
}

impl YamlStream {
    fn document(&self, index: usize) -> Option<Node<'_>> {
        let root = self.tree.root_node();
        let mut cursor = root.walk();
        let found = root
            .named_children(&mut cursor)
            .filter(|c| c.kind() == "document")
            .nth(index);
        found
    }

    /// Follows `route` in document `doc` as far as it exists.
    pub fn resolve(
        &self,
        text: &str,
        doc: usize,
        route: &[Seg],
    ) -> Result<(Located<'_>, usize), Unreachable> {
        let Some(document) = self.document(doc) else {
            return Ok((
                Located {
                    pair: None,
                    value: None,
                },
                0,
            ));
        };
        let mut cursor = document.walk();
        let top = document
            .named_children(&mut cursor)
            .find(|c| matches!(c.kind(), "block_node" | "flow_node"));
        let mut here = Located {
            pair: None,
            value: top,
        };
        let mut used = 0;
        for seg in route {
            let Some(content) = here.value.and_then(content) else {
                break;
            };
            if content.kind() == "alias" {
                return Err(Unreachable::Alias);
            }
            let next = match seg {
                Seg::Key(k) => find_key(text, content, k)?,
                Seg::Index(i) => find_index(content, *i),
            };
            match next {
                Some(n) => {
                    here = n;
                    used += 1;
                }
                None => break,
            }
        }
        if let Some(content) = here.value.and_then(content) {
            if content.kind() == "alias" && used == route.len() {
                return Err(Unreachable::Alias);
            }
        }
        Ok((here, used))
    }

    /// The document's indentation step and whether block sequences under a key are indented.
    pub fn style(&self, text: &str, doc: usize) -> Style {
        let mut style = Style {
            step: 0,
            indent_sequences: None,
        };
        if let Some(document) = self.document(doc) {
            survey(text, document, &mut style);
        }
        if style.step == 0 {
            style.step = 2;
        }
        style
    }
}

/// How a document lays out nested collections.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub step: usize,
    /// `key:\n  - a` (true) or `key:\n- a` (false); unknown until seen.
    pub indent_sequences: Option<bool>,
}

fn survey(text: &str, node: Node<'_>, style: &mut Style) {
    if style.step != 0 && style.indent_sequences.is_some() {
        return;
    }
    if node.kind() == "block_mapping_pair" {
        let key_col = column(text, node.start_byte());
        if let Some(value) = node.child_by_field_id(field("value")).and_then(content) {
            let value_col = column(text, value.start_byte());
            let on_next_line = text[node.start_byte()..value.start_byte()].contains('\n');
            match value.kind() {
                "block_mapping" if style.step == 0 && on_next_line && value_col > key_col => {
                    style.step = value_col - key_col;
                }
                "block_sequence" if style.indent_sequences.is_none() && on_next_line => {
                    style.indent_sequences = Some(value_col > key_col);
                }
                _ => {}
            }
        }
    }
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        survey(text, child, style);
    }
}

fn column(text: &str, offset: usize) -> usize {
    text[line_start(text, offset)..offset].chars().count()
}

/// The meaningful node inside a `block_node`/`flow_node` wrapper (skipping anchors and tags).
fn content(node: Node<'_>) -> Option<Node<'_>> {
    if !matches!(node.kind(), "block_node" | "flow_node") {
        return Some(node);
    }
    let mut cursor = node.walk();
    let found = node
        .named_children(&mut cursor)
        .find(|c| !matches!(c.kind(), "anchor" | "tag" | "comment"));
    found
}

fn key_text(text: &str, key: Node<'_>) -> Option<String> {
    let key = content(key)?;
    let raw = &text[key.byte_range()];
    match key.kind() {
        "plain_scalar" => Some(raw.trim().to_owned()),
        "single_quote_scalar" | "double_quote_scalar" => yaml_serde::from_str::<String>(raw).ok(),
        _ => None,
    }
}

/// Whether a mapping key reads as `key` (without allocating for plain keys, the usual case).
fn key_is(text: &str, node: Node<'_>, key: &str) -> bool {
    match content(node) {
        Some(k) if k.kind() == "plain_scalar" => text[k.byte_range()].trim() == key,
        Some(_) => key_text(text, node).as_deref() == Some(key),
        None => false,
    }
}

/// The id of a field of the YAML grammar ("key", "value"), looked up once: tree-sitter finds a
/// field by name with a linear scan of C strings, on every call.
fn field(name: &'static str) -> u16 {
    static IDS: std::sync::OnceLock<[u16; 2]> = std::sync::OnceLock::new();
    let ids = IDS.get_or_init(|| {
        let language: tree_sitter::Language = tree_sitter_yaml::LANGUAGE.into();
        let id = |n: &str| language.field_id_for_name(n).map_or(0, |id| id.get());
        [id("key"), id("value")]
    });
    match name {
        "key" => ids[0],
        _ => ids[1],
    }
}

fn find_key<'t>(
    text: &str,
    mapping: Node<'t>,
    key: &str,
) -> Result<Option<Located<'t>>, Unreachable> {
    if !matches!(mapping.kind(), "block_mapping" | "flow_mapping") {
        return Ok(None);
    }
    let mut found = None;
    let mut cursor = mapping.walk();
    for pair in mapping.named_children(&mut cursor) {
        if !matches!(pair.kind(), "block_mapping_pair" | "flow_pair") {
            continue;
        }
        let Some(k) = pair.child_by_field_id(field("key")) else {
            continue;
        };
        if key_is(text, k, key) {
            if found.is_some() {
                return Err(Unreachable::DuplicateKey(key.to_owned()));
            }
            found = Some(Located {
                pair: Some(pair),
                value: pair.child_by_field_id(field("value")),
            });
        }
    }
    Ok(found)
}

fn find_index(seq: Node<'_>, index: usize) -> Option<Located<'_>> {
    let mut cursor = seq.walk();
    match seq.kind() {
        "block_sequence" => {
            let item = seq
                .named_children(&mut cursor)
                .filter(|c| c.kind() == "block_sequence_item")
                .nth(index)?;
            let mut c2 = item.walk();
            let value = item.named_children(&mut c2).find(|c| c.kind() != "comment");
            Some(Located { pair: None, value })
        }
        "flow_sequence" => {
            let value = seq
                .named_children(&mut cursor)
                .filter(|c| c.kind() != "comment")
                .nth(index)?;
            Some(Located {
                pair: None,
                value: Some(value),
            })
        }
        _ => None,
    }
}

/// Why a YAML edit was not made.
#[derive(Debug, Clone, PartialEq)]
pub struct Declined(pub String);

fn declined<T>(why: impl Into<String>) -> Result<T, Declined> {
    Err(Declined(why.into()))
}

fn reach<'t>(
    stream: &'t YamlStream,
    text: &str,
    doc: usize,
    route: &[Seg],
) -> Result<(Located<'t>, usize), Declined> {
    stream.resolve(text, doc, route).map_err(|e| match e {
        Unreachable::Alias => Declined("the value comes from a YAML alias".into()),
        Unreachable::DuplicateKey(k) => Declined(format!("key `{k}` appears twice")),
    })
}

/// Sets the value at `route` (creating missing mappings on the way). Returns the new text.
pub fn set(
    stream: &YamlStream,
    text: &str,
    doc: usize,
    route: &[Seg],
    value: &Value,
) -> Result<String, Declined> {
    let (here, used) = reach(stream, text, doc, route)?;
    if used == route.len() {
        return replace(text, here, value);
    }
    let mut nested = value.clone();
    for seg in route[used + 1..].iter().rev() {
        match seg {
            Seg::Key(k) => {
                let mut map = Map::new();
                map.insert(k.clone(), nested);
                nested = Value::Object(map);
            }
            Seg::Index(_) => return declined("the route ends in a missing sequence item"),
        }
    }
    let Seg::Key(first) = &route[used] else {
        return declined("the route ends in a missing sequence item");
    };
    let style = stream.style(text, doc);
    insert_pair(text, here, first, &nested, style)
}

fn replace(text: &str, here: Located<'_>, value: &Value) -> Result<String, Declined> {
    let Some(node) = here.value.and_then(content) else {
        let Some(pair) = here.pair else {
            return declined("the document is empty");
        };
        return fill_empty_pair(
            text,
            pair,
            value,
            Style {
                step: 2,
                indent_sequences: Some(true),
            },
        );
    };
    let scalar_kinds = ["plain_scalar", "single_quote_scalar", "double_quote_scalar"];
    if !scalar_kinds.contains(&node.kind()) {
        if value.is_object() || value.is_array() {
            return declined("replacing a collection is not supported");
        }
        return declined("the existing value is not a scalar");
    }
    if value.is_object() || value.is_array() {
        return declined("the existing value is a scalar, not a collection");
    }
    let rendered = match (node.kind(), value) {
        ("single_quote_scalar", Value::String(s)) => format!("'{}'", s.replace('\'', "''")),
        ("double_quote_scalar", Value::String(s)) => Value::String(s.clone()).to_string(),
        _ => scalar(value),
    };
    let mut out = text.to_owned();
    out.replace_range(node.byte_range(), &rendered);
    Ok(out)
}

/// Adds `key: value` to the mapping (or empty value) `here`.
fn insert_pair(
    text: &str,
    here: Located<'_>,
    key: &str,
    value: &Value,
    style: Style,
) -> Result<String, Declined> {
    let mut entry = Map::new();
    entry.insert(key.to_owned(), value.clone());
    let entry = Value::Object(entry);
    let Some(node) = here.value.and_then(content) else {
        let Some(pair) = here.pair else {
            return declined("the document is empty");
        };
        return fill_empty_pair(text, pair, &entry, style);
    };
    match node.kind() {
        "block_mapping" => {
            let col = column(text, node.start_byte());
            let at = next_line_start(text, node.end_byte());
            let mut block = String::new();
            block_lines(&entry, col, style, &mut block);
            Ok(insert_lines(text, at, &block))
        }
        "flow_mapping" => {
            let close = node.end_byte() - 1;
            let mut cursor = node.walk();
            let last = node
                .named_children(&mut cursor)
                .filter(|c| c.kind() != "comment")
                .last();
            let mut out = text.to_owned();
            match last {
                Some(last) => out.insert_str(last.end_byte(), &format!(", {}", flow_pairs(&entry))),
                None => out.replace_range(node.start_byte()..close + 1, &flow(&entry)),
            }
            Ok(out)
        }
        "plain_scalar"
            if matches!(
                text[node.byte_range()].trim(),
                "null" | "~" | "Null" | "NULL"
            ) =>
        {
            let mut out = text.to_owned();
            out.replace_range(node.byte_range(), &flow(&entry));
            Ok(out)
        }
        _ => declined("the parent value is not a mapping"),
    }
}

/// Inserts `lines` (each ending in `\n`) at `at`, a line start or the end of the text. At the end
/// of a text without a final newline, the lines go after a new line break and the text still
/// ends without one.
fn insert_lines(text: &str, at: usize, lines: &str) -> String {
    let mut out = text.to_owned();
    if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        out.push('\n');
        out.push_str(lines.strip_suffix('\n').unwrap_or(lines));
    } else {
        out.insert_str(at, lines);
    }
    out
}

/// `key:` with nothing after it gets a nested block.
fn fill_empty_pair(
    text: &str,
    pair: Node<'_>,
    value: &Value,
    style: Style,
) -> Result<String, Declined> {
    let end = pair.end_byte();
    let rest_of_line = &text[end..next_line_start(text, end)];
    if !rest_of_line.trim().is_empty() {
        return declined("a comment follows the empty key");
    }
    let col = column(text, pair.start_byte());
    let mut block = String::from("\n");
    match value {
        Value::Object(_) => block_lines(value, col + style.step, style, &mut block),
        Value::Array(_) => {
            let seq_col = if style.indent_sequences.unwrap_or(true) {
                col + style.step
            } else {
                col
            };
            block_lines(value, seq_col, style, &mut block);
        }
        scalar_value => {
            let mut out = text.to_owned();
            out.insert_str(end, &format!(" {}", scalar(scalar_value)));
            return Ok(out);
        }
    }
    block.pop();
    let mut out = text.to_owned();
    out.insert_str(end, &block);
    Ok(out)
}

/// Appends `item` to the sequence at `route`, creating it when missing.
pub fn append(
    stream: &YamlStream,
    text: &str,
    doc: usize,
    route: &[Seg],
    item: &Value,
) -> Result<String, Declined> {
    let (here, used) = reach(stream, text, doc, route)?;
    if used < route.len() {
        return set(stream, text, doc, route, &Value::Array(vec![item.clone()]));
    }
    let style = stream.style(text, doc);
    let Some(node) = here.value.and_then(content) else {
        let pair = here
            .pair
            .ok_or_else(|| Declined("the document is empty".into()))?;
        return fill_empty_pair(text, pair, &Value::Array(vec![item.clone()]), style);
    };
    match node.kind() {
        "block_sequence" => {
            let col = column(text, node.start_byte());
            let at = next_line_start(text, node.end_byte());
            let mut block = String::new();
            block_lines(&Value::Array(vec![item.clone()]), col, style, &mut block);
            Ok(insert_lines(text, at, &block))
        }
        "flow_sequence" => {
            let mut cursor = node.walk();
            let last = node
                .named_children(&mut cursor)
                .filter(|c| c.kind() != "comment")
                .last();
            let mut out = text.to_owned();
            match last {
                Some(last) => out.insert_str(last.end_byte(), &format!(", {}", flow(item))),
                None => out.replace_range(node.byte_range(), &format!("[{}]", flow(item))),
            }
            Ok(out)
        }
        _ => declined("the value is not a sequence"),
    }
}

/// Removes the mapping entry at `route`.
pub fn remove(
    stream: &YamlStream,
    text: &str,
    doc: usize,
    route: &[Seg],
) -> Result<String, Declined> {
    let (here, used) = reach(stream, text, doc, route)?;
    if used < route.len() {
        return Ok(text.to_owned());
    }
    let Some(pair) = here.pair.filter(|p| p.kind() == "block_mapping_pair") else {
        return declined("only block mapping entries can be removed");
    };
    let start = line_start(text, pair.start_byte());
    if !text[start..pair.start_byte()].trim().is_empty() {
        return declined("the entry shares its line with a sequence dash or another entry");
    }
    let end = next_line_start(text, pair.end_byte());
    Ok(remove_lines(text, start, end))
}

/// Renders a scalar in plain style when YAML reads it back as the same value.
pub fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) if plain_safe(s) => s.clone(),
        Value::String(s) => Value::String(s.clone()).to_string(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn plain_safe(s: &str) -> bool {
    let first_ok = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
    first_ok
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
        && yaml_serde::from_str::<yaml_serde::Value>(s).ok()
            == Some(yaml_serde::Value::String(s.to_owned()))
}

/// Block-style lines for a mapping or sequence at column `col`, each ending in `\n`.
fn block_lines(value: &Value, col: usize, style: Style, out: &mut String) {
    let pad = " ".repeat(col);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = scalar(&Value::String(k.clone()));
                match v {
                    Value::Object(m) if !m.is_empty() => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        block_lines(v, col + style.step, style, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        let seq_col = if style.indent_sequences.unwrap_or(true) {
                            col + style.step
                        } else {
                            col
                        };
                        block_lines(v, seq_col, style, out);
                    }
                    other => out.push_str(&format!("{pad}{key}: {}\n", flow(other))),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        let mut inner = String::new();
                        block_lines(item, col + 2, style, &mut inner);
                        out.push_str(&format!("{pad}- {}", &inner[col + 2..]));
                    }
                    other => out.push_str(&format!("{pad}- {}\n", flow(other))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", flow(other))),
    }
}

fn flow(value: &Value) -> String {
    match value {
        Value::Object(_) => format!("{{{}}}", flow_pairs(value)),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(flow).collect::<Vec<_>>().join(", ")
        ),
        other => scalar(other),
    }
}

fn flow_pairs(value: &Value) -> String {
    value
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{}: {}", scalar(&Value::String(k.clone())), flow(v)))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(route: &[&str]) -> Vec<Seg> {
        route
            .iter()
            .map(|s| s.parse::<usize>().map_or(Seg::Key((*s).into()), Seg::Index))
            .collect()
    }

    fn set_in(text: &str, doc: usize, route: &[&str], value: Value) -> String {
        let stream = parse(Path::new("t.yaml"), text).unwrap();
        set(&stream, text, doc, &keys(route), &value).unwrap()
    }

    #[test]
    fn multi_document_chunks_cover_the_file() {
        let text = "a: 1\n---\nb: &x 2\nc: *x\n---\n# only a comment\n";
        let stream = parse(Path::new("t.yaml"), text).unwrap();
        assert_eq!(stream.docs.len(), 3);
        assert_eq!(stream.docs[1].value, json!({"b": 2, "c": 2}));
        assert_eq!(stream.docs[2].value, Value::Null);
        let joined: String = stream.docs.iter().map(|d| &text[d.range.clone()]).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn inserts_nested_mapping_in_sequence_item() {
        let text = "spec:\n  containers:\n    - name: a\n      image: b\n    - name: c\n";
        let out = set_in(
            text,
            0,
            &["spec", "containers", "0", "securityContext", "privileged"],
            json!(false),
        );
        assert_eq!(
            out,
            "spec:\n  containers:\n    - name: a\n      image: b\n      securityContext:\n        privileged: false\n    - name: c\n"
        );
    }

    #[test]
    fn inserts_into_second_document_only() {
        let text = "kind: A\nspec: {}\n---\nkind: B\nspec:\n  x: 1\n";
        let out = set_in(text, 1, &["spec", "y"], json!(true));
        assert_eq!(
            out,
            "kind: A\nspec: {}\n---\nkind: B\nspec:\n  x: 1\n  y: true\n"
        );
        let out = set_in(text, 0, &["spec", "y"], json!(true));
        assert_eq!(
            out,
            "kind: A\nspec: {y: true}\n---\nkind: B\nspec:\n  x: 1\n"
        );
    }

    #[test]
    fn replaces_scalar_keeping_quotes() {
        let text = "a: 'Ignore' # why\n";
        assert_eq!(set_in(text, 0, &["a"], json!("Fail")), "a: 'Fail' # why\n");
    }

    #[test]
    fn appends_in_sibling_style() {
        let text = "drop:\n- NET_RAW\nx: [a]\n";
        let stream = parse(Path::new("t.yaml"), text).unwrap();
        let out = append(&stream, text, 0, &keys(&["drop"]), &json!("ALL")).unwrap();
        assert_eq!(out, "drop:\n- NET_RAW\n- ALL\nx: [a]\n");
        let out = append(&stream, text, 0, &keys(&["x"]), &json!("ALL")).unwrap();
        assert_eq!(out, "drop:\n- NET_RAW\nx: [a, ALL]\n");
    }

    #[test]
    fn strings_that_look_like_other_types_are_quoted() {
        assert_eq!(scalar(&json!("true")), "\"true\"");
        assert_eq!(scalar(&json!("RuntimeDefault")), "RuntimeDefault");
        assert_eq!(scalar(&json!("1.0")), "\"1.0\"");
    }
}
