//! Terraform (HCL) sources: lossless parse with `hcl-edit`, the JSON projection detectors read,
//! route resolution to byte spans, and the layout rules that make inserted text look like
//! `terraform fmt` wrote it.
//!
//! The projection follows conftest's HCL2 shape, with one fixed rule so that policies never
//! depend on how many blocks a file has: top-level `resource` and `data` blocks become
//! `input.<kind>.<type>.<name>` objects, `module`, `variable` and `output` become
//! `input.<kind>.<name>` objects, and every other block (nested ones included) becomes an array
//! of bodies under its identifier and labels. Literal values are JSON values; any other
//! expression is its source text wrapped as `"${…}"`, as conftest does.

use std::ops::Range;
use std::path::Path;

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Attribute, Block, Body, Structure};
use hcl_edit::Span;
use serde_json::{Map, Value};

use super::{LineIndex, Position, Seg, SourceError};

/// Parses `text` (normalised) into an `hcl-edit` body.
pub fn parse(path: &Path, text: &str) -> Result<Body, SourceError> {
    if let Some(at) = super::too_deep(text, b"{[(", b"}])") {
        return Err(SourceError::new(
            path,
            Some(LineIndex::new(text).position(at)),
            format!(
                "nesting deeper than {} levels; the file was left untouched",
                super::MAX_NESTING
            ),
        ));
    }
    hcl_edit::parser::parse_body(text).map_err(|e| {
        let loc = e.location();
        SourceError::new(
            path,
            Some(Position {
                line: loc.line(),
                column: loc.column(),
            }),
            format!("HCL syntax error: {}", e.message()),
        )
    })
}

/// Top-level block kinds whose labels address a single body rather than an array of them.
fn unique_kind(ident: &str) -> bool {
    matches!(
        ident,
        "resource" | "data" | "module" | "variable" | "output"
    )
}

/// The JSON projection of a whole file.
pub fn project(body: &Body, text: &str) -> Value {
    project_body(body, text, true)
}

fn project_body(body: &Body, text: &str, top: bool) -> Value {
    let mut out = Map::new();
    for structure in body.iter() {
        match structure {
            Structure::Attribute(attr) => {
                out.insert(
                    attr.key.as_str().to_owned(),
                    project_expr(&attr.value, text),
                );
            }
            Structure::Block(block) => {
                let ident = block.ident.as_str();
                let value = project_body(&block.body, text, false);
                let mut slot = out.entry(ident.to_owned()).or_insert_with(|| {
                    if block.labels.is_empty() {
                        Value::Array(vec![])
                    } else {
                        Value::Object(Map::new())
                    }
                });
                for label in &block.labels {
                    if !slot.is_object() {
                        break;
                    }
                    let last = std::ptr::eq(label, block.labels.last().unwrap_or(label));
                    let fresh = if last && !(top && unique_kind(ident)) {
                        Value::Array(vec![])
                    } else {
                        Value::Object(Map::new())
                    };
                    slot = slot
                        .as_object_mut()
                        .expect("checked above")
                        .entry(label.as_str().to_owned())
                        .or_insert(fresh);
                }
                match slot {
                    Value::Array(items) => items.push(value),
                    other => *other = value,
                }
            }
        }
    }
    Value::Object(out)
}

/// Projects an expression: literals as JSON, anything else as `"${source}"`.
pub fn project_expr(expr: &Expression, text: &str) -> Value {
    match expr {
        Expression::Null(_) => Value::Null,
        Expression::Bool(b) => Value::Bool(*b.value()),
        Expression::Number(n) => {
            let n = n.value();
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64().map_or(Value::Null, Value::from)
            }
        }
        Expression::String(s) => Value::String(s.value().to_string()),
        Expression::Array(items) => {
            Value::Array(items.iter().map(|e| project_expr(e, text)).collect())
        }
        Expression::Object(object) => {
            let mut out = Map::new();
            for (key, value) in object.iter() {
                let key = match key {
                    ObjectKey::Ident(ident) => ident.as_str().to_owned(),
                    ObjectKey::Expression(Expression::String(s)) => s.value().to_string(),
                    ObjectKey::Expression(e) => source_of(e, text).to_owned(),
                };
                out.insert(key, project_expr(value.expr(), text));
            }
            Value::Object(out)
        }
        Expression::StringTemplate(_) => {
            let src = source_of(expr, text);
            let inner = src
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(src);
            Value::String(inner.to_owned())
        }
        Expression::Parenthesis(p) => project_expr(p.inner(), text),
        _ => Value::String(format!("${{{}}}", source_of(expr, text).trim())),
    }
}

fn source_of<'t>(expr: &Expression, text: &'t str) -> &'t str {
    expr.span().and_then(|r| text.get(r)).unwrap_or("")
}

/// What a route resolves to inside a file.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    /// The file itself.
    File(&'a Body),
    Block(&'a Block),
    Attribute(&'a Attribute),
    /// An element inside an attribute's value (object key or array index).
    Value(&'a Expression),
}

impl Node<'_> {
    pub fn span(&self, text: &str) -> Range<usize> {
        match self {
            Node::File(_) => 0..text.len(),
            Node::Block(b) => b.span().unwrap_or(0..0),
            Node::Attribute(a) => a.span().unwrap_or(0..0),
            Node::Value(e) => e.span().unwrap_or(0..0),
        }
    }

    /// The body to insert into, when this node is a block or the file.
    pub fn body(&self) -> Option<&Body> {
        match self {
            Node::File(b) => Some(b),
            Node::Block(b) => Some(&b.body),
            _ => None,
        }
    }
}

/// Resolves as much of `route` as exists. Returns the deepest node found and how many route
/// segments it consumed.
pub fn resolve<'a>(body: &'a Body, route: &[Seg]) -> (Node<'a>, usize) {
    let mut node = Node::File(body);
    let mut used = 0;
    while used < route.len() {
        match step(node, &route[used..], used == 0) {
            Some((next, consumed)) => {
                node = next;
                used += consumed;
            }
            None => break,
        }
    }
    (node, used)
}

fn step<'a>(node: Node<'a>, rest: &[Seg], top: bool) -> Option<(Node<'a>, usize)> {
    match node {
        Node::File(body) => step_body(body, rest, top),
        Node::Block(block) => step_body(&block.body, rest, false),
        Node::Attribute(attr) => step_expr(&attr.value, rest),
        Node::Value(expr) => step_expr(expr, rest),
    }
}

fn step_body<'a>(body: &'a Body, rest: &[Seg], top: bool) -> Option<(Node<'a>, usize)> {
    let key = rest.first()?.as_key()?;
    if let Some(attr) = body.get_attribute(key) {
        return Some((Node::Attribute(attr), 1));
    }
    let blocks: Vec<&Block> = body.blocks().filter(|b| b.has_ident(key)).collect();
    let labels = blocks.first()?.labels.len();
    let wanted: Vec<String> = rest
        .get(1..=labels)?
        .iter()
        .map(|s| s.as_key().map(str::to_owned))
        .collect::<Option<_>>()?;
    let mut matching = blocks.into_iter().filter(move |b| {
        b.labels.len() == labels && b.labels.iter().zip(&wanted).all(|(l, w)| l.as_str() == w)
    });
    if top && unique_kind(key) {
        return matching.next().map(|b| (Node::Block(b), 1 + labels));
    }
    let index = match rest.get(1 + labels)? {
        Seg::Index(i) => *i,
        Seg::Key(_) => return None,
    };
    matching.nth(index).map(|b| (Node::Block(b), 2 + labels))
}

fn step_expr<'a>(expr: &'a Expression, rest: &[Seg]) -> Option<(Node<'a>, usize)> {
    match (expr, rest.first()?) {
        (Expression::Array(items), Seg::Index(i)) => items.get(*i).map(|e| (Node::Value(e), 1)),
        (Expression::Object(object), Seg::Key(k)) => object
            .iter()
            .find(|(key, _)| match key {
                ObjectKey::Ident(ident) => ident.as_str() == k,
                ObjectKey::Expression(Expression::String(s)) => s.value().as_str() == k,
                ObjectKey::Expression(_) => false,
            })
            .map(|(_, v)| (Node::Value(v.expr()), 1)),
        (Expression::Parenthesis(p), _) => step_expr(p.inner(), rest),
        _ => None,
    }
}

/// Byte offset of the `{` that opens `block`'s body.
pub fn block_open_brace(block: &Block, text: &str) -> Option<usize> {
    let start = block.ident.span()?.end;
    let end = block.span()?.end;
    let bytes = text.as_bytes();
    let mut in_string = false;
    let mut i = start;
    while i < end {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'{' if !in_string => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Renders a JSON value as an HCL literal expression.
pub fn render_value(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => render_string(s),
        Value::Array(items) => {
            format!(
                "[{}]",
                items
                    .iter()
                    .map(render_value)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k} = {}", render_value(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
    }
}

pub fn render_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A single-line attribute or a block with attributes and nested blocks, generated by a fix.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Attribute {
        key: String,
        expr: String,
    },
    Block {
        ident: String,
        labels: Vec<String>,
        items: Vec<Item>,
    },
}

/// Lays out generated items as `terraform fmt` would: two-space indentation per level and `=`
/// aligned within each run of consecutive attributes.
pub fn layout(items: &[Item], indent: &str) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < items.len() {
        if let Item::Block {
            ident,
            labels,
            items: inner,
        } = &items[i]
        {
            out.push_str(indent);
            out.push_str(ident);
            for label in labels {
                out.push(' ');
                out.push_str(&render_string(label));
            }
            if inner.is_empty() {
                // An empty block on one line, as `terraform fmt` leaves `filter {}`.
                out.push_str(" {}\n");
            } else {
                out.push_str(" {\n");
                out.push_str(&layout(inner, &format!("{indent}  ")));
                out.push_str(indent);
                out.push_str("}\n");
            }
            i += 1;
            continue;
        }
        let run_end = items[i..]
            .iter()
            .position(|it| matches!(it, Item::Block { .. }))
            .map_or(items.len(), |p| i + p);
        let width = items[i..run_end]
            .iter()
            .map(|it| match it {
                Item::Attribute { key, .. } => key.chars().count(),
                Item::Block { .. } => 0,
            })
            .max()
            .unwrap_or(0);
        for item in &items[i..run_end] {
            if let Item::Attribute { key, expr } = item {
                let pad = width - key.chars().count();
                out.push_str(&format!("{indent}{key}{} = {expr}\n", " ".repeat(pad)));
            }
        }
        i = run_end;
    }
    out
}

/// What happened to the line given to [`realign`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineChange {
    /// A new attribute line: its key may widen the `=` column of its run.
    Inserted,
    /// An existing attribute's value changed: only trailing comments may move.
    Replaced,
    /// An attribute next to this line was removed: the `=` column may narrow.
    Removed,
}

/// Re-aligns `=` signs and trailing comments of the run of consecutive attribute lines that
/// contains `line` (0-based) in the body addressed by `body_route`, the way `terraform fmt`
/// does. Neighbours are only moved when they were aligned among themselves before, so a file
/// that was not formatted is not reformatted. Returns the new text.
pub fn realign(text: &str, body_route: &[Seg], line: usize, change: LineChange) -> String {
    let Ok(body) = hcl_edit::parser::parse_body(text) else {
        return text.to_owned();
    };
    let (node, used) = resolve(&body, body_route);
    let Some(target) = node.body().filter(|_| used == body_route.len()) else {
        return text.to_owned();
    };
    let index = LineIndex::new(text);
    let mut rows: Vec<AttrRow> = target
        .attributes()
        .filter_map(|a| AttrRow::new(a, text, &index))
        .collect();
    rows.sort_by_key(|r| r.line);
    // Runs of attributes on consecutive lines; a multi-line value ends the run after it.
    let Some(pos) = rows
        .iter()
        .position(|r| r.line == line || (r.line <= line && line <= r.last_line))
    else {
        return text.to_owned();
    };
    // `terraform fmt` sees a heredoc as one line: the attribute after its closing marker
    // continues the run. Any other multi-line value ends it.
    let connected = |a: usize, b: usize| {
        rows[b].line == rows[a].last_line + 1
            && (rows[a].line == rows[a].last_line || rows[a].heredoc)
    };
    let mut first = pos;
    while first > 0 && connected(first - 1, first) {
        first -= 1;
    }
    let mut last = pos;
    while last + 1 < rows.len() && connected(last, last + 1) {
        last += 1;
    }
    let run = &rows[first..=last];
    let gap = |r: &AttrRow| text[r.key_end..r.eq].chars().count();
    let others: Vec<&AttrRow> = run.iter().filter(|r| r.line != line).collect();
    let others_width = others.iter().map(|r| r.key_cols).max().unwrap_or(0);
    let others_aligned = others
        .iter()
        .all(|r| r.key_cols + gap(r) == others_width + 1);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // After a removal every `=` of the run still sits in one column, set by the widest key,
    // which may be the one removed.
    let same_column = run
        .windows(2)
        .all(|w| w[0].key_cols + gap(&w[0]) == w[1].key_cols + gap(&w[1]));
    let realign_eq = match change {
        LineChange::Inserted => others_aligned,
        LineChange::Removed => same_column,
        LineChange::Replaced => false,
    };
    let key_width = if realign_eq {
        run.iter().map(|r| r.key_cols).max().unwrap_or(0)
    } else {
        0
    };
    if realign_eq {
        for row in run {
            let want = " ".repeat(key_width - row.key_cols + 1);
            if text[row.key_end..row.eq] != want {
                edits.push((row.key_end..row.eq, want));
            }
        }
    }
    // Trailing comments of consecutive single-line attributes share one column.
    let shift = |row: &AttrRow| -> usize {
        if !realign_eq {
            return row.value_end_cols;
        }
        let new_gap = key_width - row.key_cols + 1;
        row.value_end_cols + new_gap - gap(row)
    };
    let mut i = 0;
    while i < run.len() {
        if run[i].comment.is_none() || run[i].line != run[i].last_line {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < run.len()
            && run[j + 1].comment.is_some()
            && run[j + 1].line == run[j + 1].last_line
        {
            j += 1;
        }
        let col = run[i..=j].iter().map(shift).max().unwrap_or(0) + 1;
        let comment_col =
            |r: &AttrRow| r.value_end_cols + r.comment.as_ref().map_or(0, |c| c.len());
        let neighbours: Vec<&AttrRow> = run[i..=j].iter().filter(|r| r.line != line).collect();
        let aligned_before = neighbours
            .windows(2)
            .all(|w| comment_col(w[0]) == comment_col(w[1]));
        if neighbours.is_empty() || !aligned_before {
            i = j + 1;
            continue;
        }
        for row in &run[i..=j] {
            let gap = row.comment.clone().expect("filtered above");
            let want = " ".repeat(col - shift(row));
            if text[gap.clone()] != want {
                edits.push((gap, want));
            }
        }
        i = j + 1;
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
    let mut out = text.to_owned();
    for (range, with) in edits {
        out.replace_range(range, &with);
    }
    out
}

struct AttrRow {
    line: usize,
    heredoc: bool,
    last_line: usize,
    key_end: usize,
    key_cols: usize,
    eq: usize,
    /// Column (in characters, from line start) where the value ends.
    value_end_cols: usize,
    /// The whitespace between the value and a trailing comment.
    comment: Option<Range<usize>>,
}

impl AttrRow {
    fn new(attr: &Attribute, text: &str, index: &LineIndex) -> Option<AttrRow> {
        let span = attr.span()?;
        let key = attr.key.span()?;
        let eq = key.end + text[key.end..].find('=')?;
        let line = index.line_of(span.start);
        let last_line = index.line_of(span.end.saturating_sub(1).max(span.start));
        let line_start = index.line_start(line);
        let rest_end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |i| span.end + i);
        let rest = &text[span.end..rest_end];
        let trimmed = rest.trim_start();
        let comment =
            (trimmed.starts_with('#') || trimmed.starts_with("//") || trimmed.starts_with("/*"))
                .then(|| span.end..span.end + (rest.len() - trimmed.len()));
        Some(AttrRow {
            line,
            heredoc: matches!(attr.value, Expression::HeredocTemplate(_)),
            last_line,
            key_end: key.end,
            key_cols: text[line_start..key.end].chars().count(),
            eq,
            value_end_cols: text[line_start..span.end].chars().count(),
            comment,
        })
    }
}

/// Provider facts a module declares: `required_providers` constraints and locked versions.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ProviderFacts {
    pub constraint: Option<String>,
    pub locked: Option<String>,
    /// The lowest major version the module can run with, when it can be told.
    pub major: Option<u64>,
}

/// Reads `terraform { required_providers { … } }` blocks of a projected file.
pub fn required_providers(projection: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let blocks = projection.get("terraform").and_then(Value::as_array);
    for tf in blocks.into_iter().flatten() {
        let reqs = tf.get("required_providers").and_then(Value::as_array);
        for req in reqs.into_iter().flatten() {
            for (name, spec) in req.as_object().into_iter().flatten() {
                let version = match spec {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o.get("version").and_then(Value::as_str).map(str::to_owned),
                    _ => None,
                };
                if let Some(v) = version {
                    out.push((name.clone(), v));
                }
            }
        }
    }
    out
}

/// Reads `.terraform.lock.hcl`: provider short name → locked version.
pub fn locked_providers(text: &str) -> Vec<(String, String)> {
    let Ok(body) = hcl_edit::parser::parse_body(text) else {
        return Vec::new();
    };
    body.get_blocks("provider")
        .filter_map(|b| {
            let address = b.labels.first()?.as_str();
            let name = address.rsplit('/').next()?.to_owned();
            let version = b.body.get_attribute("version")?.value.as_str()?.to_owned();
            Some((name, version))
        })
        .collect()
}

/// The lowest major version a version constraint allows (`~> 4.2` → 4, `>= 3, < 5` → 3).
pub fn constraint_min_major(constraint: &str) -> Option<u64> {
    constraint
        .split(',')
        .filter_map(|part| {
            let part = part.trim();
            let (op, version) = match part.find(|c: char| c.is_ascii_digit()) {
                Some(i) => (part[..i].trim(), part[i..].trim()),
                None => return None,
            };
            matches!(op, "" | "=" | ">=" | ">" | "~>")
                .then(|| version.split('.').next()?.parse::<u64>().ok())
                .flatten()
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_shape() {
        let text = r#"
resource "aws_s3_bucket" "b" {
  bucket = "x"
  tags   = { Name = var.name }
  versioning {
    enabled = false
  }
}
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 4.0" }
  }
}
"#;
        let body = parse(Path::new("t.tf"), text).unwrap();
        let p = project(&body, text);
        assert_eq!(
            p["resource"]["aws_s3_bucket"]["b"]["versioning"][0]["enabled"],
            false
        );
        assert_eq!(
            p["resource"]["aws_s3_bucket"]["b"]["tags"]["Name"],
            "${var.name}"
        );
        assert_eq!(
            required_providers(&p),
            vec![("aws".into(), "~> 4.0".into())]
        );
        let route = vec![
            Seg::Key("resource".into()),
            Seg::Key("aws_s3_bucket".into()),
            Seg::Key("b".into()),
            Seg::Key("versioning".into()),
            Seg::Index(0),
            Seg::Key("enabled".into()),
        ];
        let (node, used) = resolve(&body, &route);
        assert_eq!(used, 6);
        assert_eq!(&text[node.span(text)], "enabled = false");
    }

    #[test]
    fn constraints() {
        assert_eq!(constraint_min_major("~> 4.2"), Some(4));
        assert_eq!(constraint_min_major(">= 3.0, < 5.0"), Some(3));
        assert_eq!(constraint_min_major("< 5.0"), None);
        assert_eq!(constraint_min_major("5.1.0"), Some(5));
    }

    #[test]
    fn realign_matches_fmt() {
        let text = "resource \"a\" \"b\" {\n  ab = 1 # x\n  c  = 2 # y\n  longer_key = 3\n}\n";
        let route = vec![
            Seg::Key("resource".into()),
            Seg::Key("a".into()),
            Seg::Key("b".into()),
        ];
        let out = realign(text, &route, 3, LineChange::Inserted);
        assert_eq!(
            out,
            "resource \"a\" \"b\" {\n  ab         = 1 # x\n  c          = 2 # y\n  longer_key = 3\n}\n"
        );
        // A heredoc does not end the run: `terraform fmt` aligns across it.
        let heredoc = "resource \"a\" \"b\" {\n  p    = <<EOT\nx = 1\nEOT\n  tags = {}\n  longer_key = 3\n}\n";
        assert_eq!(
            realign(heredoc, &route, 5, LineChange::Inserted),
            "resource \"a\" \"b\" {\n  p          = <<EOT\nx = 1\nEOT\n  tags       = {}\n  longer_key = 3\n}\n"
        );
        // A run that was not aligned before is left as it is.
        let loose = "resource \"a\" \"b\" {\n  ab = 1\n  c = 2\n  longer_key = 3\n}\n";
        assert_eq!(realign(loose, &route, 3, LineChange::Inserted), loose);
    }
}
