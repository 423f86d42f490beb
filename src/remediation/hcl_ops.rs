//! The declarative operations on Terraform files.

use hcl_edit::structure::Body;
use hcl_edit::Span;
use serde_json::Value;

use super::{Anchor, Declined, Op, OpPath, ValueOp, When};
use crate::source::hcl::{self, Item, Node};
use crate::source::{indent_at, line_start, next_line_start, LineIndex, Route, Seg};

pub fn anchor(route: &[Seg], anchor: Anchor) -> Result<Route, Declined> {
    match anchor {
        Anchor::Route => Ok(route.to_vec()),
        Anchor::Parent => Ok(route[..route.len().saturating_sub(1)].to_vec()),
        Anchor::Document => Ok(Vec::new()),
        Anchor::Resource => {
            let len = match route.first().and_then(Seg::as_key) {
                Some("resource" | "data") => 3,
                Some("module") => 2,
                _ => {
                    return Err(Declined(
                        "the finding is not inside a resource, data or module block".into(),
                    ))
                }
            };
            route
                .get(..len)
                .map(<[Seg]>::to_vec)
                .ok_or_else(|| Declined("the finding's route is too short".into()))
        }
        Anchor::Container | Anchor::PodSpec => Err(Declined(
            "container and pod-spec anchors need a Kubernetes document".into(),
        )),
    }
}

fn parse(text: &str) -> Result<Body, Declined> {
    hcl::parse(std::path::Path::new(""), text)
        .map_err(|e| Declined(format!("intermediate text does not parse: {}", e.message)))
}

pub fn apply(
    text: &str,
    anchor: &[Seg],
    ops: &[Op],
    module: &Value,
) -> Result<(String, Vec<ValueOp>), Declined> {
    let mut text = text.to_owned();
    let mut intended = Vec::new();
    // An empty path names the anchor itself: an attribute of its parent block.
    let target = |path: &OpPath| -> (Route, Route) {
        let path = path.route();
        match (path.is_empty(), anchor.split_last()) {
            (true, Some((last, parent))) => (parent.to_vec(), vec![last.clone()]),
            _ => (anchor.to_vec(), path),
        }
    };
    for op in ops {
        match op {
            Op::Set { path, value, when } => {
                let (anchor, path) = target(path);
                set(&mut text, &anchor, &path, value, *when, &mut intended)?;
            }
            Op::RaiseTo {
                path,
                minimum,
                when,
            } => {
                let (anchor, path) = target(path);
                raise_to(&mut text, &anchor, &path, *minimum, *when, &mut intended)?;
            }
            Op::EnsureBlock { path, body } => {
                ensure_block(&mut text, anchor, &path.route(), body, &mut intended)?
            }
            Op::AppendBlock { path, body, unless } => append_block(
                &mut text,
                anchor,
                &path.route(),
                body,
                unless,
                &mut intended,
            )?,
            Op::Remove { path } => remove(&mut text, anchor, &path.route(), &mut intended)?,
            Op::AddResource {
                r#type,
                ref_attribute,
                r#ref,
                body,
            } => {
                add_resource(
                    &mut text,
                    anchor,
                    r#type,
                    ref_attribute,
                    r#ref,
                    body,
                    module,
                    &mut intended,
                )?;
            }
            other => {
                return Err(Declined(format!(
                    "operation {other:?} does not apply to HCL"
                )))
            }
        }
    }
    Ok((text, intended))
}

fn is_literal(expr: &hcl_edit::expr::Expression) -> bool {
    use hcl_edit::expr::Expression as E;
    match expr {
        E::Null(_) | E::Bool(_) | E::Number(_) | E::String(_) => true,
        E::Array(items) => items.iter().all(is_literal),
        E::Object(object) => object.iter().all(|(_, v)| is_literal(v.expr())),
        E::Parenthesis(p) => is_literal(p.inner()),
        _ => false,
    }
}

/// Where a path leads inside the anchor block: the blocks that exist, and what is missing.
struct Walk {
    /// Route (projection form) of the deepest existing block on the path.
    block_route: Route,
    /// Block identifiers of the path that do not exist yet.
    missing_blocks: Vec<String>,
    /// The attribute name (last path element).
    attribute: String,
}

/// Terraform rejects a file that declares one address twice; converge does not edit either.
fn ensure_unique(body: &Body, anchor: &[Seg]) -> Result<(), Declined> {
    let (Some(Seg::Key(kind)), Some(Seg::Key(t)), Some(Seg::Key(name))) =
        (anchor.first(), anchor.get(1), anchor.get(2))
    else {
        return Ok(());
    };
    if kind != "resource" && kind != "data" {
        return Ok(());
    }
    let count = body
        .blocks()
        .filter(|b| {
            b.has_ident(kind)
                && b.labels.len() == 2
                && b.labels[0].as_str() == t
                && b.labels[1].as_str() == name
        })
        .count();
    if count > 1 {
        return Err(Declined(format!(
            "{kind} {t}.{name} is declared {count} times; Terraform rejects this file"
        )));
    }
    Ok(())
}

fn walk(body: &Body, anchor: &[Seg], path: &[Seg]) -> Result<Walk, Declined> {
    ensure_unique(body, anchor)?;
    let (node, used) = hcl::resolve(body, anchor);
    if used < anchor.len() || !matches!(node, Node::Block(_) | Node::File(_)) {
        return Err(Declined("the block to fix was not found".into()));
    }
    let Some((Seg::Key(attribute), blocks)) = path.split_last() else {
        return Err(Declined(
            "an operation path must end in an attribute name".into(),
        ));
    };
    let mut block_route = anchor.to_vec();
    let mut missing_blocks = Vec::new();
    for seg in blocks {
        let Seg::Key(ident) = seg else {
            return Err(Declined(
                "block indices are not supported in operation paths".into(),
            ));
        };
        if missing_blocks.is_empty() {
            let mut next = block_route.clone();
            next.push(Seg::Key(ident.clone()));
            next.push(Seg::Index(0));
            let (n, u) = hcl::resolve(body, &next);
            if u == next.len() && matches!(n, Node::Block(_)) {
                block_route = next;
                continue;
            }
        }
        missing_blocks.push(ident.clone());
    }
    Ok(Walk {
        block_route,
        missing_blocks,
        attribute: attribute.clone(),
    })
}

fn projection_route(walk: &Walk) -> Route {
    let mut r = walk.block_route.clone();
    for b in &walk.missing_blocks {
        r.push(Seg::Key(b.clone()));
        r.push(Seg::Index(0));
    }
    r.push(Seg::Key(walk.attribute.clone()));
    r
}

/// Items for the missing blocks of a walk, with `leaf` innermost.
fn nest(missing: &[String], leaf: Vec<Item>) -> Vec<Item> {
    missing.iter().rev().fold(leaf, |items, ident| {
        vec![Item::Block {
            ident: ident.clone(),
            labels: vec![],
            items,
        }]
    })
}

/// Value of an expression for the intended change: literals as JSON.
fn wanted(value: &Value) -> (String, Value) {
    match value
        .as_str()
        .and_then(|s| s.strip_prefix("${"))
        .and_then(|s| s.strip_suffix('}'))
    {
        Some(expr) => (expr.to_owned(), value.clone()),
        None => (hcl::render_value(value), value.clone()),
    }
}

fn set(
    text: &mut String,
    anchor: &[Seg],
    path: &[Seg],
    value: &Value,
    when: When,
    intended: &mut Vec<ValueOp>,
) -> Result<(), Declined> {
    let body = parse(text)?;
    let walk = walk(&body, anchor, path)?;
    let (expr, json) = wanted(value);
    let mut attr_route = walk.block_route.clone();
    attr_route.push(Seg::Key(walk.attribute.clone()));
    let existing = if walk.missing_blocks.is_empty() {
        match hcl::resolve(&body, &attr_route) {
            (Node::Attribute(a), used) if used == attr_route.len() => Some(a),
            _ => None,
        }
    } else {
        None
    };
    if !when.allows(existing.is_some()) {
        return Ok(());
    }
    match existing {
        Some(attr) => {
            if hcl::project_expr(&attr.value, text) == json {
                return Ok(());
            }
            // A variable, reference or conditional carries intent converge cannot see (its
            // value may be right where it is defined); it is never replaced by a literal.
            if !is_literal(&attr.value) {
                return Err(Declined(format!(
                    "`{}` is set by an expression; change the value where it is defined",
                    walk.attribute
                )));
            }
            let span = attr
                .value
                .span()
                .ok_or_else(|| Declined("attribute has no span".into()))?;
            let line = LineIndex::new(text).line_of(span.start);
            text.replace_range(span, &expr);
            *text = hcl::realign(text, &walk.block_route, line, hcl::LineChange::Replaced);
            intended.push(ValueOp::Set(attr_route, json));
        }
        None => {
            let leaf = vec![Item::Attribute {
                key: walk.attribute.clone(),
                expr,
            }];
            let items = nest(&walk.missing_blocks, leaf);
            insert_items(text, &walk.block_route, &items)?;
            intended.push(match walk.missing_blocks.first() {
                Some(first) => {
                    let mut r = walk.block_route.clone();
                    r.push(Seg::Key(first.clone()));
                    ValueOp::Set(
                        r,
                        nested_projection(&walk.missing_blocks[1..], &walk.attribute, json),
                    )
                }
                None => ValueOp::Set(projection_route(&walk), json),
            });
        }
    }
    Ok(())
}

/// The projection of newly created nested blocks: `[{inner: [{attr: value}]}]`.
fn nested_projection(inner: &[String], attribute: &str, value: Value) -> Value {
    let mut leaf = serde_json::Map::new();
    leaf.insert(attribute.to_owned(), value);
    let mut v = Value::Array(vec![Value::Object(leaf)]);
    for ident in inner.iter().rev() {
        let mut m = serde_json::Map::new();
        m.insert(ident.clone(), v);
        v = Value::Array(vec![Value::Object(m)]);
    }
    v
}

fn raise_to(
    text: &mut String,
    anchor: &[Seg],
    path: &[Seg],
    minimum: i64,
    when: When,
    intended: &mut Vec<ValueOp>,
) -> Result<(), Declined> {
    let body = parse(text)?;
    let walk = walk(&body, anchor, path)?;
    let mut attr_route = walk.block_route.clone();
    attr_route.push(Seg::Key(walk.attribute.clone()));
    if walk.missing_blocks.is_empty() {
        if let (Node::Attribute(attr), used) = hcl::resolve(&body, &attr_route) {
            if used == attr_route.len() {
                let current = hcl::project_expr(&attr.value, text);
                let Some(n) = current.as_f64() else {
                    return Err(Declined(format!(
                        "`{}` is not a literal number",
                        walk.attribute
                    )));
                };
                if n >= minimum as f64 || !when.allows(true) {
                    return Ok(());
                }
                return set(
                    text,
                    anchor,
                    path,
                    &Value::from(minimum),
                    When::Wrong,
                    intended,
                );
            }
        }
    }
    if !when.allows(false) {
        return Ok(());
    }
    set(
        text,
        anchor,
        path,
        &Value::from(minimum),
        When::Missing,
        intended,
    )
}

/// Items for a body given as a YAML mapping: nested mappings are blocks, the rest attributes.
fn items_of(body: &Value) -> Vec<Item> {
    let mut items = Vec::new();
    for (key, value) in body.as_object().into_iter().flatten() {
        match value {
            Value::Object(_) => items.push(Item::Block {
                ident: key.clone(),
                labels: vec![],
                items: items_of(value),
            }),
            Value::Array(list) if list.iter().all(Value::is_object) && !list.is_empty() => {
                for v in list {
                    items.push(Item::Block {
                        ident: key.clone(),
                        labels: vec![],
                        items: items_of(v),
                    });
                }
            }
            other => items.push(Item::Attribute {
                key: key.clone(),
                expr: wanted(other).0,
            }),
        }
    }
    items
}

fn projection_of_items(items: &[Item]) -> Value {
    let text = hcl::layout(items, "");
    match hcl_edit::parser::parse_body(&text) {
        Ok(body) => hcl::project(&body, &text),
        Err(_) => Value::Null,
    }
}

/// Creates the walk's missing nested blocks with `leaf` inside the innermost one, and records
/// the outermost new block as the intended change.
fn create_missing(
    text: &mut String,
    walk: &Walk,
    leaf: Vec<Item>,
    intended: &mut Vec<ValueOp>,
) -> Result<(), Declined> {
    let items = nest(&walk.missing_blocks, leaf);
    insert_items(text, &walk.block_route, &items)?;
    let first = &walk.missing_blocks[0];
    let mut route = walk.block_route.clone();
    route.push(Seg::Key(first.clone()));
    intended.push(ValueOp::Set(
        route,
        projection_of_items(&items)[first].clone(),
    ));
    Ok(())
}

fn ensure_block(
    text: &mut String,
    anchor: &[Seg],
    path: &[Seg],
    body_spec: &Value,
    intended: &mut Vec<ValueOp>,
) -> Result<(), Declined> {
    let body = parse(text)?;
    let mut with_leaf = path.to_vec();
    with_leaf.push(Seg::Key(String::new()));
    let walk = walk(&body, anchor, &with_leaf)?;
    if !walk.missing_blocks.is_empty() {
        return create_missing(text, &walk, items_of(body_spec), intended);
    }
    for (key, value) in body_spec.as_object().into_iter().flatten() {
        let mut p = path.to_vec();
        p.push(Seg::Key(key.clone()));
        if value.is_object() {
            ensure_block(text, anchor, &p[..], value, intended)?;
        } else {
            set(text, anchor, &p, value, When::Always, intended)?;
        }
    }
    Ok(())
}

/// Appends the nested block `path` (its last part is the block type) after the last block of that
/// type, or at the end of its parent block when there is none; missing parent blocks are created.
/// Nothing changes when a block of that type already has every attribute value of `unless`.
fn append_block(
    text: &mut String,
    anchor: &[Seg],
    path: &[Seg],
    body_spec: &Value,
    unless: &serde_json::Map<String, Value>,
    intended: &mut Vec<ValueOp>,
) -> Result<(), Declined> {
    let body = parse(text)?;
    let walk = walk(&body, anchor, path)?;
    let ident = walk.attribute.clone();
    let (node, _) = hcl::resolve(&body, &walk.block_route);
    let parent = node
        .body()
        .ok_or_else(|| Declined("the block to fix was not found".into()))?;
    // A block generated by `dynamic` cannot be edited or counted here.
    let next = walk.missing_blocks.first().unwrap_or(&ident);
    let generated = parent
        .blocks()
        .any(|b| b.has_ident("dynamic") && b.labels.first().is_some_and(|l| l.as_str() == next));
    if generated {
        return Err(Declined(format!(
            "`{next}` blocks are generated by a dynamic block"
        )));
    }
    let block = Item::Block {
        ident: ident.clone(),
        labels: vec![],
        items: items_of(body_spec),
    };
    if !walk.missing_blocks.is_empty() {
        return create_missing(text, &walk, vec![block], intended);
    }
    let existing: Vec<&hcl_edit::structure::Block> =
        parent.blocks().filter(|b| b.has_ident(&ident)).collect();
    if existing.iter().any(|b| !b.labels.is_empty()) {
        return Err(Declined(format!("`{ident}` blocks have labels")));
    }
    if !unless.is_empty() {
        for b in &existing {
            let mut matches = true;
            for (key, want) in unless {
                match b.body.get_attribute(key) {
                    Some(a) if !is_literal(&a.value) => {
                        return Err(Declined(format!(
                            "`{key}` of a `{ident}` block is set by an expression; converge cannot \
                             tell whether the block is already there"
                        )))
                    }
                    Some(a) => matches &= hcl::project_expr(&a.value, text) == *want,
                    None => matches = false,
                }
            }
            if matches {
                return Ok(());
            }
        }
    }
    let projected = projection_of_items(std::slice::from_ref(&block))[&ident][0].clone();
    match existing.last() {
        None => insert_items(text, &walk.block_route, std::slice::from_ref(&block))?,
        Some(last) => {
            let span = last
                .span()
                .ok_or_else(|| Declined("block has no span".into()))?;
            let at = next_line_start(text, span.end);
            let after = text[span.end..at].trim();
            if !text[line_start(text, span.start)..span.start]
                .trim()
                .is_empty()
                || !(after.is_empty() || after.starts_with('#') || after.starts_with("//"))
            {
                return Err(Declined(format!(
                    "the last `{ident}` block shares its lines with other code"
                )));
            }
            let generated = hcl::layout(std::slice::from_ref(&block), indent_at(text, span.start));
            if at == text.len() && !text.ends_with('\n') {
                text.push('\n');
                text.push_str(generated.strip_suffix('\n').unwrap_or(&generated));
            } else {
                text.insert_str(at, &generated);
            }
        }
    }
    let mut route = walk.block_route.clone();
    route.push(Seg::Key(ident));
    intended.push(ValueOp::Append(route, projected));
    Ok(())
}

fn remove(
    text: &mut String,
    anchor: &[Seg],
    path: &[Seg],
    intended: &mut Vec<ValueOp>,
) -> Result<(), Declined> {
    let body = parse(text)?;
    let walk = walk(&body, anchor, path)?;
    if !walk.missing_blocks.is_empty() {
        return Ok(());
    }
    let mut route = walk.block_route.clone();
    route.push(Seg::Key(walk.attribute.clone()));
    let (Node::Attribute(attr), used) = hcl::resolve(&body, &route) else {
        return Ok(());
    };
    if used < route.len() {
        return Ok(());
    }
    let span = attr
        .span()
        .ok_or_else(|| Declined("attribute has no span".into()))?;
    let start = line_start(text, span.start);
    let end = next_line_start(text, span.end);
    if !text[start..span.start].trim().is_empty()
        || text[span.end..end]
            .trim()
            .starts_with(|c: char| c != '#' && c != '/')
    {
        return Err(Declined(
            "the attribute shares its line with other code".into(),
        ));
    }
    *text = crate::source::remove_lines(text, start, end);
    // Realign the run the attribute left: the line now in its place, or the one before it.
    let index = LineIndex::new(text);
    let line = index.line_of(start.min(text.len().saturating_sub(1)));
    *text = hcl::realign(text, &walk.block_route, line, hcl::LineChange::Removed);
    if line > 0 {
        *text = hcl::realign(text, &walk.block_route, line - 1, hcl::LineChange::Removed);
    }
    intended.push(ValueOp::Remove(route));
    Ok(())
}

/// Inserts generated items at the end of the body of the block at `block_route`.
fn insert_items(text: &mut String, block_route: &[Seg], items: &[Item]) -> Result<(), Declined> {
    let body = parse(text)?;
    let (node, used) = hcl::resolve(&body, block_route);
    if used < block_route.len() {
        return Err(Declined("the block to fix was not found".into()));
    }
    let Node::Block(block) = node else {
        let generated = hcl::layout(items, "");
        if !text.is_empty() && !text.ends_with('\n') {
            text.push_str("\n\n");
            text.push_str(generated.strip_suffix('\n').unwrap_or(&generated));
        } else {
            text.push('\n');
            text.push_str(&generated);
        }
        return Ok(());
    };
    let span = block
        .span()
        .ok_or_else(|| Declined("block has no span".into()))?;
    let open = hcl::block_open_brace(block, text)
        .ok_or_else(|| Declined("block brace not found".into()))?;
    let close = span.end - 1;
    let indent = indent_at(text, span.start).to_owned();
    let inner = &text[open + 1..close];
    let first_line;
    if !inner.contains('\n') {
        if !inner.trim().is_empty() {
            return Err(Declined(
                "one-line blocks with content are not rewritten".into(),
            ));
        }
        let child = format!("{indent}  ");
        let replacement = format!("{{\n{}{indent}}}", hcl::layout(items, &child));
        first_line = LineIndex::new(text).line_of(open) + 1;
        text.replace_range(open..close + 1, &replacement);
    } else {
        let at = line_start(text, close);
        if !text[at..close].trim().is_empty() {
            return Err(Declined(
                "the block's closing brace shares its line with code".into(),
            ));
        }
        let child = block
            .body
            .iter()
            .filter_map(|s| s.span())
            .next()
            .map(|s| indent_at(text, s.start).to_owned())
            .unwrap_or_else(|| format!("{indent}  "));
        first_line = LineIndex::new(text).line_of(at);
        text.insert_str(at, &hcl::layout(items, &child));
    }
    if matches!(items.first(), Some(Item::Attribute { .. })) {
        *text = hcl::realign(text, block_route, first_line, hcl::LineChange::Inserted);
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn add_resource(
    text: &mut String,
    anchor: &[Seg],
    companion: &str,
    ref_attribute: &str,
    target_attr: &str,
    body_spec: &Value,
    module: &Value,
    intended: &mut Vec<ValueOp>,
) -> Result<(), Declined> {
    let [Seg::Key(kind), Seg::Key(target_type), Seg::Key(name)] = anchor else {
        return Err(Declined("add_resource needs a resource anchor".into()));
    };
    if kind != "resource" {
        return Err(Declined("add_resource needs a resource anchor".into()));
    }
    let address = format!("{target_type}.{name}");
    let existing = module
        .get("resource")
        .and_then(|r| r.get(companion))
        .and_then(Value::as_object);
    for (other, body) in existing.into_iter().flatten() {
        let reference = body
            .get(ref_attribute)
            .and_then(Value::as_str)
            .unwrap_or("");
        let by_for_each = body.get("for_each").and_then(Value::as_str)
            == Some(&format!("${{{address}}}"))
            && reference.starts_with("${each.value");
        let refers = by_for_each
            || reference.contains(&format!("{address}."))
            || reference.contains(&format!("{address}["));
        if refers {
            return Err(Declined(format!(
                "{companion}.{other} already refers to {address}"
            )));
        }
        if other == name {
            return Err(Declined(format!("{companion}.{name} already exists")));
        }
    }
    let body = parse(text)?;
    ensure_unique(&body, anchor)?;
    let (Node::Block(block), used) = hcl::resolve(&body, anchor) else {
        return Err(Declined("the resource to fix was not found".into()));
    };
    if used < anchor.len() {
        return Err(Declined("the resource to fix was not found".into()));
    }
    let source = |attr: &str| {
        block
            .body
            .get_attribute(attr)
            .and_then(|a| a.value.span())
            .map(|s| text[s].trim().to_owned())
    };
    let mut items = Vec::new();
    let reference = if let Some(count) = source("count") {
        items.push(Item::Attribute {
            key: "count".into(),
            expr: count,
        });
        format!("{address}[count.index].{target_attr}")
    } else if let Some(for_each) = source("for_each") {
        // The same keys as the resource, each instance pointing at its own: checkov (and a
        // reader) can follow `x[each.key]` where `for_each = <resource>` hides the pairing.
        items.push(Item::Attribute {
            key: "for_each".into(),
            expr: for_each,
        });
        format!("{address}[each.key].{target_attr}")
    } else {
        format!("{address}.{target_attr}")
    };
    if let Some(provider) = source("provider") {
        items.push(Item::Attribute {
            key: "provider".into(),
            expr: provider,
        });
    }
    items.push(Item::Attribute {
        key: ref_attribute.to_owned(),
        expr: reference,
    });
    let spec = items_of(body_spec);
    let first_block = spec
        .iter()
        .position(|i| matches!(i, Item::Block { .. }))
        .unwrap_or(spec.len());
    let (attrs, blocks) = spec.split_at(first_block);
    items.extend_from_slice(attrs);
    let resource = Item::Block {
        ident: "resource".into(),
        labels: vec![companion.to_owned(), name.clone()],
        items: items.into_iter().chain(blocks.iter().cloned()).collect(),
    };
    let generated = hcl::layout(std::slice::from_ref(&resource), "");
    let span = block
        .span()
        .ok_or_else(|| Declined("block has no span".into()))?;
    let at = next_line_start(text, span.end);
    if at == text.len() && !text.ends_with('\n') {
        // Keep the file's missing final newline: the new block ends the file without one.
        text.push_str("\n\n");
        text.push_str(generated.strip_suffix('\n').unwrap_or(&generated));
    } else {
        text.insert_str(at, &format!("\n{generated}"));
    }
    let projected = hcl_edit::parser::parse_body(&generated)
        .map(|b| hcl::project(&b, &generated))
        .map_err(|e| Declined(format!("generated resource does not parse: {e}")))?;
    let route = vec![
        Seg::Key("resource".into()),
        Seg::Key(companion.to_owned()),
        Seg::Key(name.clone()),
    ];
    intended.push(ValueOp::Set(
        route,
        projected["resource"][companion][name.as_str()].clone(),
    ));
    Ok(())
}
