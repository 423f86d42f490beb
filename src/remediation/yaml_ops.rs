//! The declarative operations on Kubernetes YAML documents.

use serde_json::Value;

use super::{Anchor, Declined, Op, OpPath, ValueOp};
use crate::source::yaml;
use crate::source::{Route, Seg};

const CONTAINER_LISTS: [&str; 3] = ["containers", "initContainers", "ephemeralContainers"];

/// The route of the pod spec inside a workload of `kind`.
pub fn pod_spec_route(kind: &str) -> Option<Route> {
    let keys: &[&str] = match kind {
        "Pod" => &["spec"],
        "PodTemplate" => &["template", "spec"],
        "Deployment"
        | "StatefulSet"
        | "DaemonSet"
        | "ReplicaSet"
        | "ReplicationController"
        | "Job" => &["spec", "template", "spec"],
        "CronJob" => &["spec", "jobTemplate", "spec", "template", "spec"],
        _ => return None,
    };
    Some(keys.iter().map(|k| Seg::Key((*k).to_owned())).collect())
}

pub fn anchor(route: &[Seg], anchor: Anchor, value: &Value) -> Result<Route, Declined> {
    match anchor {
        Anchor::Route => Ok(route.to_vec()),
        Anchor::Parent => Ok(route[..route.len().saturating_sub(1)].to_vec()),
        Anchor::Document => Ok(Vec::new()),
        Anchor::Container => {
            let at = route.windows(2).rposition(|w| {
                matches!((&w[0], &w[1]), (Seg::Key(k), Seg::Index(_)) if CONTAINER_LISTS.contains(&k.as_str()))
            });
            at.map(|i| route[..i + 2].to_vec())
                .ok_or_else(|| Declined("the finding does not point into a container".into()))
        }
        Anchor::PodSpec => {
            let kind = value.get("kind").and_then(Value::as_str).unwrap_or("");
            pod_spec_route(kind).ok_or_else(|| Declined(format!("kind `{kind}` has no pod spec")))
        }
        Anchor::Resource => Err(Declined(
            "a `resource` anchor needs a Terraform file".into(),
        )),
    }
}

pub fn lookup<'v>(value: &'v Value, route: &[Seg]) -> Option<&'v Value> {
    route.iter().try_fold(value, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(*i),
    })
}

pub fn apply(
    stream: &yaml::YamlStream,
    text: &str,
    doc: usize,
    anchor: &[Seg],
    ops: &[Op],
) -> Result<(String, Vec<ValueOp>), Declined> {
    let original = text;
    let mut text = text.to_owned();
    let mut intended = Vec::new();
    // The caller's parse serves until an operation changes the text.
    let mut latest: Option<(String, yaml::YamlStream)> = None;
    let path_of = |path: &OpPath| -> Route { anchor.iter().cloned().chain(path.route()).collect() };
    let absolute = |route: &Route| -> Route {
        std::iter::once(Seg::Index(doc))
            .chain(route.iter().cloned())
            .collect()
    };
    for op in ops {
        let mut leaves: Vec<(Route, Value, super::When)> = Vec::new();
        match op {
            Op::Set { path, value, when } => leaves.push((path_of(path), value.clone(), *when)),
            Op::Merge { path, value } => flatten(&path_of(path), value, &mut leaves),
            Op::Append { path, value } => {
                let route = path_of(path);
                let stream = current_stream(stream, &mut latest, original, &text, doc)?;
                let current = lookup(&stream.docs[doc].value, &route);
                if current
                    .and_then(Value::as_array)
                    .is_some_and(|a| a.contains(value))
                {
                    continue;
                }
                if current.is_some_and(|c| !c.is_array() && !c.is_null()) {
                    return Err(Declined(format!(
                        "`{}` is not a list",
                        crate::source::route_display(&route)
                    )));
                }
                text = yaml::append(stream, &text, doc, &route, value)?;
                intended.push(ValueOp::Append(absolute(&route), value.clone()));
            }
            Op::Remove { path } => {
                let route = path_of(path);
                let stream = current_stream(stream, &mut latest, original, &text, doc)?;
                if lookup(&stream.docs[doc].value, &route).is_none() {
                    continue;
                }
                text = yaml::remove(stream, &text, doc, &route)?;
                intended.push(ValueOp::Remove(absolute(&route)));
            }
            other => {
                return Err(Declined(format!(
                    "operation {other:?} does not apply to YAML"
                )))
            }
        }
        for (route, value, when) in leaves {
            let stream = current_stream(stream, &mut latest, original, &text, doc)?;
            let current = lookup(&stream.docs[doc].value, &route);
            let exists = current.is_some_and(|v| !v.is_null());
            if !when.allows(exists) || current == Some(&value) {
                continue;
            }
            text = yaml::set(stream, &text, doc, &route, &value)?;
            intended.push(ValueOp::Set(absolute(&route), value));
        }
    }
    Ok((text, intended))
}

/// The parse of `text`: the caller's while nothing changed, else a fresh one (kept until the
/// text changes again).
fn current_stream<'s>(
    given: &'s yaml::YamlStream,
    latest: &'s mut Option<(String, yaml::YamlStream)>,
    original: &str,
    text: &str,
    doc: usize,
) -> Result<&'s yaml::YamlStream, Declined> {
    if text == original {
        return Ok(given);
    }
    if latest
        .as_ref()
        .is_none_or(|(parsed_from, _)| parsed_from != text)
    {
        *latest = Some((text.to_owned(), reparse(text, doc)?));
    }
    Ok(&latest.as_ref().expect("set above").1)
}

/// Leaves of a merge: nested mappings are walked, everything else is set as a whole.
fn flatten(route: &Route, value: &Value, out: &mut Vec<(Route, Value, super::When)>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let mut r = route.clone();
                r.push(Seg::Key(k.clone()));
                flatten(&r, v, out);
            }
        }
        other => out.push((route.clone(), other.clone(), super::When::Always)),
    }
}

fn reparse(text: &str, doc: usize) -> Result<yaml::YamlStream, Declined> {
    yaml::parse_for_edit(std::path::Path::new(""), text, doc)
        .map_err(|e| Declined(format!("intermediate text does not parse: {}", e.message)))
}
