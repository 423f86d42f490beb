//! A stateful fake of the GitHub REST API on 127.0.0.1, written from GitHub's documentation
//! for the endpoints the bot uses: repositories (org listing with Link pagination, one
//! repository), pull requests (list with `head` and `state` filters, create with 422 on a
//! duplicate, update, close), issue comments and labels, review requests, and deleting a
//! branch ref. It serves the bare repositories of a [`GitServer`](super::git_http::GitServer)
//! root, so a deleted ref is really gone. Tests drive it as a user would (close a PR, merge
//! one) and can queue failures (a status and headers for the next matching request).
//!
//! As a GitHub App's API it finds installations (`GET /orgs/{org}/installation`,
//! `GET /repos/{owner}/{repo}/installation`) and creates installation tokens
//! (`POST /app/installations/{id}/access_tokens`) for a request signed with the App's JWT: the
//! JWT's signature is checked with the App's public key, its algorithm is RS256, its issuer the
//! App's id and it lives at most ten minutes. The tokens it issues expire after
//! [`FakeApp::token_lifetime`] and are accepted by the git server too; a request with an
//! expired one is refused and counted.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::{json, Value};

use super::git_http::{token_valid, GitServer, Tokens};

/// The GitHub App the fake answers for.
#[derive(Debug, Clone)]
pub struct FakeApp {
    pub id: u64,
    /// Its public key (PEM), to check the JWT's signature.
    pub public_key_pem: String,
    /// How long an installation token lives.
    pub token_lifetime: Duration,
}

#[derive(Debug, Clone)]
pub struct Repo {
    pub owner: String,
    pub name: String,
    pub default_branch: String,
    pub archived: bool,
    pub disabled: bool,
    pub fork: bool,
    pub empty: bool,
}

#[derive(Debug, Clone)]
pub struct Pull {
    pub number: u64,
    pub repo: String,
    pub state: String,
    pub merged: bool,
    pub head: String,
    pub base: String,
    pub title: String,
    pub body: String,
    pub labels: Vec<String>,
    pub reviewers: Vec<String>,
    pub comments: Vec<String>,
}

/// An injected stall: the request is answered normally, after this many seconds (longer than
/// the client's timeout in the tests, so the client gives up and retries first).
pub const STALL: u16 = 1;
const STALL_SECONDS: u64 = 3;

/// Waits, without holding the state, when a stall is queued for this request.
fn stall(req: &Request, state: &Mutex<State>) {
    let stalled = {
        let mut s = state.lock().unwrap();
        let at = s.failures.iter().position(|f| {
            f.status == STALL && f.method == req.method && req.path.starts_with(&f.path_prefix)
        });
        at.map(|i| s.failures.remove(i)).is_some()
    };
    if stalled {
        std::thread::sleep(std::time::Duration::from_secs(STALL_SECONDS));
    }
}

/// The `status` of an injected failure that closes the connection instead of answering.
pub const RESET: u16 = 0;

#[derive(Debug, Clone)]
pub struct Failure {
    pub method: String,
    pub path_prefix: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

#[derive(Default)]
pub struct State {
    pub repos: Vec<Repo>,
    pub pulls: Vec<Pull>,
    /// Every request: (method, path with query).
    pub calls: Vec<(String, String)>,
    pub failures: Vec<Failure>,
    /// Authorization headers seen (to check the token is sent and nothing else leaks).
    pub auth: Vec<String>,
    /// Before a create: pretend another run just opened the same PR (for the 422 path).
    pub race_on_create: bool,
    /// The server's own URL, for links.
    pub base: String,
    /// Where the git server serves the repositories (`clone_url`).
    pub git_url: String,
    /// Set: the fake is also a GitHub App's API.
    pub app: Option<FakeApp>,
    /// Installation tokens issued, in order.
    pub issued: Vec<String>,
    /// Requests refused because their token had expired.
    pub expired_uses: usize,
    /// Requests signed with a JWT that passed the checks.
    pub jwt_requests: usize,
    /// How long every request waits before it is handled (to make requests overlap).
    pub delay: Duration,
    /// Requests being handled now, and the most at once so far.
    pub in_flight: usize,
    pub peak_in_flight: usize,
}

pub struct FakeGitHub {
    pub url: String,
    pub state: Arc<Mutex<State>>,
    git_root: PathBuf,
    tokens: Tokens,
}

impl FakeGitHub {
    /// Serves the repositories of `git`, accepting the tokens it accepts.
    pub fn start(git: &GitServer) -> FakeGitHub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            base: url.clone(),
            git_url: git.url.clone(),
            ..State::default()
        }));
        let server = FakeGitHub {
            url,
            state: state.clone(),
            git_root: git.root.clone(),
            tokens: git.tokens.clone(),
        };
        let root = git.root.clone();
        let tokens = git.tokens.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let state = state.clone();
                let root = root.clone();
                let tokens = tokens.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &state, &root, &tokens);
                });
            }
        });
        server
    }

    /// Answers as the API of `app` too.
    pub fn install_app(&self, app: FakeApp) {
        self.state.lock().unwrap().app = Some(app);
    }

    /// Installation tokens issued so far.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.state.lock().unwrap().issued.clone()
    }

    /// Adds an open pull request from `head` (made by someone else, or another bot run).
    pub fn open_pull(&self, repo: &str, head: &str, title: &str) -> u64 {
        let mut s = self.state.lock().unwrap();
        let pull = new_pull(
            &mut s,
            repo,
            &json!({"head": head, "base": "main", "title": title, "body": ""}),
        );
        let number = pull.number;
        s.pulls.push(pull);
        number
    }

    pub fn add_repo(&self, repo: Repo) {
        self.state.lock().unwrap().repos.push(repo);
    }

    /// Mutating calls made so far (anything but GET).
    pub fn mutations(&self) -> Vec<(String, String)> {
        self.state
            .lock()
            .unwrap()
            .calls
            .iter()
            .filter(|(m, _)| m != "GET")
            .cloned()
            .collect()
    }

    pub fn calls(&self) -> usize {
        self.state.lock().unwrap().calls.len()
    }

    pub fn pulls(&self, repo: &str) -> Vec<Pull> {
        self.state
            .lock()
            .unwrap()
            .pulls
            .iter()
            .filter(|p| p.repo == repo)
            .cloned()
            .collect()
    }

    /// Closes a pull request as a user would, without merging.
    pub fn close_as_user(&self, repo: &str, number: u64) {
        let mut state = self.state.lock().unwrap();
        let pull = state
            .pulls
            .iter_mut()
            .find(|p| p.repo == repo && p.number == number)
            .unwrap();
        pull.state = "closed".into();
    }

    /// The next matching request is answered only after the client has timed out.
    pub fn stall_next(&self, method: &str, path_prefix: &str) {
        self.fail_next(method, path_prefix, STALL, &[]);
    }

    /// The next matching request gets its connection closed without a response.
    pub fn reset_next(&self, method: &str, path_prefix: &str) {
        self.fail_next(method, path_prefix, RESET, &[]);
    }

    pub fn fail_next(
        &self,
        method: &str,
        path_prefix: &str,
        status: u16,
        headers: &[(&str, &str)],
    ) {
        self.state.lock().unwrap().failures.push(Failure {
            method: method.into(),
            path_prefix: path_prefix.into(),
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: json!({"message": "injected failure"}).to_string(),
        });
    }
}

/// The pull request `number` of `owner/name`.
fn pull_mut<'s>(s: &'s mut State, owner: &str, name: &str, number: &str) -> Option<&'s mut Pull> {
    let full = format!("{owner}/{name}");
    let number: u64 = number.parse().ok()?;
    s.pulls
        .iter_mut()
        .find(|p| p.repo == full && p.number == number)
}

/// A new open pull request of `repo` from a create request's body, numbered next in that
/// repository (as GitHub numbers issues and pull requests per repository).
fn new_pull(s: &mut State, repo: &str, body: &Value) -> Pull {
    let number = s
        .pulls
        .iter()
        .filter(|p| p.repo == repo)
        .map(|p| p.number)
        .max()
        .unwrap_or(0)
        + 1;
    Pull {
        number,
        repo: repo.to_owned(),
        state: "open".into(),
        merged: false,
        head: body["head"].as_str().unwrap_or("").into(),
        base: body["base"].as_str().unwrap_or("main").into(),
        title: body["title"].as_str().unwrap_or("").into(),
        body: body["body"].as_str().unwrap_or("").into(),
        labels: vec![],
        reviewers: vec![],
        comments: vec![],
    }
}

fn repo_json(url: &str, git_url: &str, r: &Repo) -> Value {
    json!({
        "clone_url": format!("{git_url}/{}/{}.git", r.owner, r.name),
        "id": 1000 + r.name.len(),
        "name": r.name,
        "full_name": format!("{}/{}", r.owner, r.name),
        "owner": {"login": r.owner},
        "private": false,
        "fork": r.fork,
        "archived": r.archived,
        "disabled": r.disabled,
        "default_branch": r.default_branch,
        "size": if r.empty { 0 } else { 42 },
        "url": format!("{url}/repos/{}/{}", r.owner, r.name),
    })
}

fn pull_json(url: &str, owner: &str, p: &Pull) -> Value {
    json!({
        "number": p.number,
        "state": p.state,
        "merged_at": if p.merged { Value::from("2026-01-01T00:00:00Z") } else { Value::Null },
        "title": p.title,
        "body": p.body,
        "html_url": format!("{url}/{}/pull/{}", p.repo, p.number),
        "head": {"ref": p.head, "label": format!("{owner}:{}", p.head)},
        "base": {"ref": p.base},
        "labels": p.labels.iter().map(|l| json!({"name": l})).collect::<Vec<_>>(),
    })
}

struct Request {
    method: String,
    path: String,
    query: BTreeMap<String, String>,
    auth: Option<String>,
    body: Value,
}

fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Request>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("GET").to_owned();
    let target = parts.next().unwrap_or("/").to_owned();
    let mut length = 0;
    let mut auth = None;
    loop {
        let mut h = String::new();
        reader.read_line(&mut h)?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = v.trim().parse().unwrap_or(0),
                "authorization" => auth = Some(v.trim().to_owned()),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter(|q| !q.is_empty())
        .filter_map(|q| q.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.replace("%3A", ":").replace("%2F", "/")))
        .collect();
    Ok(Some(Request {
        method,
        path: path.to_owned(),
        query,
        auth,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    }))
}

fn respond(
    writer: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &Value,
) -> std::io::Result<()> {
    let text = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    let reason = match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        _ => "Error",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        text.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    writer.write_all(head.as_bytes())?;
    writer.write_all(text.as_bytes())?;
    writer.flush()
}

fn serve(
    stream: TcpStream,
    state: &Mutex<State>,
    root: &std::path::Path,
    tokens: &Tokens,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    while let Some(request) = read_request(&mut reader)? {
        let delay = {
            let mut s = state.lock().unwrap();
            s.in_flight += 1;
            s.peak_in_flight = s.peak_in_flight.max(s.in_flight);
            s.delay
        };
        std::thread::sleep(delay);
        stall(&request, state);
        let (status, headers, body) = handle(&request, state, root, tokens);
        // Out of flight before the answer leaves: the client can send its next request only
        // after it has the answer, so the count never includes a request already answered.
        state.lock().unwrap().in_flight -= 1;
        if status == RESET {
            // An injected reset: the connection closes without a response.
            return Ok(());
        }
        respond(&mut writer, status, &headers, &body)?;
    }
    Ok(())
}

/// A status, headers and a JSON body.
type Answer = (u16, Vec<(String, String)>, Value);

/// Whether `auth` (the Authorization value) is a JWT of `app`: RS256, signed with its key,
/// issued by its id, living at most ten minutes. `Err` says what is wrong.
fn check_jwt(auth: Option<&str>, app: &FakeApp) -> Result<(), String> {
    let jwt = auth
        .and_then(|a| a.strip_prefix("Bearer "))
        .ok_or("no bearer JWT")?;
    let header = jsonwebtoken::decode_header(jwt).map_err(|e| e.to_string())?;
    if header.alg != jsonwebtoken::Algorithm::RS256 {
        return Err(format!("alg {:?}, not RS256", header.alg));
    }
    let key = jsonwebtoken::DecodingKey::from_rsa_pem(app.public_key_pem.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    // GitHub takes the issuer as a number (as octocrab sends it) or a string: checked below.
    validation.set_required_spec_claims(&["exp", "iat"]);
    let claims = jsonwebtoken::decode::<Value>(jwt, &key, &validation)
        .map_err(|e| e.to_string())?
        .claims;
    let iss = match &claims["iss"] {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => return Err(format!("iss {other}")),
    };
    if iss != app.id.to_string() {
        return Err(format!("iss {iss}, not the App {}", app.id));
    }
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let (iat, exp) = (
        claims["iat"].as_u64().unwrap_or(u64::MAX),
        claims["exp"].as_u64().unwrap_or(0),
    );
    if iat > now + 1 || exp > now + 600 || exp <= iat {
        return Err(format!("iat {iat}, exp {exp}, now {now}"));
    }
    Ok(())
}

/// The installation id of `owner` (every owner with a repository has the App installed).
fn installation_of(s: &State, owner: &str) -> Option<u64> {
    let mut owners: Vec<&str> = s.repos.iter().map(|r| r.owner.as_str()).collect();
    owners.sort();
    owners.dedup();
    owners
        .iter()
        .position(|o| o.eq_ignore_ascii_case(owner))
        .map(|i| 5000 + i as u64)
}

/// The App's routes: installations and their tokens; `None` for any other route.
fn handle_app(req: &Request, s: &mut State, tokens: &Tokens) -> Option<Answer> {
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let app_route = matches!(
        (req.method.as_str(), segments.as_slice()),
        ("GET", ["orgs", _, "installation"])
            | ("GET", ["repos", _, _, "installation"])
            | ("POST", ["app", "installations", _, "access_tokens"])
    );
    if !app_route {
        return None;
    }
    let Some(app) = s.app.clone() else {
        return Some((404, vec![], json!({"message": "Not Found"})));
    };
    if let Err(why) = check_jwt(req.auth.as_deref(), &app) {
        return Some((
            401,
            vec![],
            json!({"message": format!("A JSON web token could not be decoded: {why}")}),
        ));
    }
    s.jwt_requests += 1;
    let installation = |s: &State, owner: &str| {
        installation_of(s, owner).map(|id| {
            (
                200,
                vec![],
                json!({"id": id, "app_id": app.id, "account": {"login": owner}, "target_type": "Organization"}),
            )
        })
    };
    let not_found = (404, vec![], json!({"message": "Not Found"}));
    Some(match segments.as_slice() {
        ["orgs", org, "installation"] => installation(s, org).unwrap_or(not_found),
        ["repos", owner, name, "installation"] => {
            if s.repos.iter().any(|r| r.owner == *owner && r.name == *name) {
                installation(s, owner).unwrap_or(not_found)
            } else {
                not_found
            }
        }
        [_, _, id, _] => {
            let known = id.parse::<u64>().ok().is_some_and(|id| {
                s.repos
                    .iter()
                    .any(|r| installation_of(s, &r.owner) == Some(id))
            });
            if !known {
                return Some(not_found);
            }
            let issued = SystemTime::now();
            let expires = issued + app.token_lifetime;
            let token = format!(
                "ghs_fake{}x{}",
                s.issued.len() + 1,
                issued
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos()
            );
            tokens.lock().unwrap().insert(token.clone(), Some(expires));
            s.issued.push(token.clone());
            let expires_at = chrono::DateTime::<chrono::Utc>::from(expires)
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            (
                201,
                vec![],
                json!({"token": token, "expires_at": expires_at, "permissions": {"contents": "write", "pull_requests": "write"}, "repository_selection": "all"}),
            )
        }
        _ => not_found,
    })
}

fn handle(req: &Request, state: &Mutex<State>, root: &std::path::Path, tokens: &Tokens) -> Answer {
    let mut s = state.lock().unwrap();
    let query_text = req
        .query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    s.calls.push((
        req.method.clone(),
        if query_text.is_empty() {
            req.path.clone()
        } else {
            format!("{}?{query_text}", req.path)
        },
    ));
    s.auth.push(req.auth.clone().unwrap_or_default());
    if let Some(i) = s
        .failures
        .iter()
        .position(|f| f.method == req.method && req.path.starts_with(&f.path_prefix))
    {
        let f = s.failures.remove(i);
        return (f.status, f.headers, serde_json::from_str(&f.body).unwrap());
    }
    if let Some(answer) = handle_app(req, &mut s, tokens) {
        return answer;
    }
    let presented = req.auth.as_deref().and_then(|a| {
        a.strip_prefix("Bearer ")
            .or_else(|| a.strip_prefix("token "))
    });
    match presented.and_then(|t| token_valid(tokens, t)) {
        Some(true) => {}
        Some(false) => {
            s.expired_uses += 1;
            return (401, vec![], json!({"message": "Bad credentials"}));
        }
        None => return (401, vec![], json!({"message": "Bad credentials"})),
    }
    let url = s.base.clone();
    let url = url.as_str();
    let git_url = s.git_url.clone();
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let not_found = (404, vec![], json!({"message": "Not Found"}));
    match (req.method.as_str(), segments.as_slice()) {
        ("GET", ["orgs", org, "repos"]) => {
            let per_page: usize = req
                .query
                .get("per_page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(30);
            let page: usize = req
                .query
                .get("page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1);
            let all: Vec<Value> = s
                .repos
                .iter()
                .filter(|r| r.owner == *org)
                .map(|r| repo_json(url, &git_url, r))
                .collect();
            let items: Vec<Value> = all
                .iter()
                .skip((page - 1) * per_page)
                .take(per_page)
                .cloned()
                .collect();
            let mut headers = vec![];
            if page * per_page < all.len() {
                headers.push((
                    "Link".to_owned(),
                    format!(
                        "<{url}/orgs/{org}/repos?per_page={per_page}&page={}>; rel=\"next\"",
                        page + 1
                    ),
                ));
            }
            (200, headers, Value::Array(items))
        }
        ("GET", ["repos", owner, name]) => {
            match s
                .repos
                .iter()
                .find(|r| r.owner == *owner && r.name == *name)
            {
                Some(r) => (200, vec![], repo_json(url, &git_url, r)),
                None => not_found,
            }
        }
        ("GET", ["repos", owner, name, "pulls"]) => {
            let full = format!("{owner}/{name}");
            let head = req.query.get("head").cloned();
            let wanted = req.query.get("state").cloned().unwrap_or("open".into());
            let mut items: Vec<Value> = s
                .pulls
                .iter()
                .filter(|p| p.repo == full)
                .filter(|p| wanted == "all" || p.state == wanted)
                .filter(|p| {
                    head.as_deref()
                        .is_none_or(|h| h == format!("{owner}:{}", p.head))
                })
                .map(|p| pull_json(url, owner, p))
                .collect();
            items.reverse();
            (200, vec![], Value::Array(items))
        }
        ("POST", ["repos", owner, name, "pulls"]) => {
            let full = format!("{owner}/{name}");
            let head = req.body["head"].as_str().unwrap_or("").to_owned();
            if s.race_on_create {
                s.race_on_create = false;
                let pull = new_pull(&mut s, &full, &req.body);
                s.pulls.push(pull);
            }
            if s.pulls
                .iter()
                .any(|p| p.repo == full && p.head == head && p.state == "open")
            {
                return (
                    422,
                    vec![],
                    json!({"message": "Validation Failed", "errors": [{"message": format!("A pull request already exists for {owner}:{head}.")}]}),
                );
            }
            let pull = new_pull(&mut s, &full, &req.body);
            let out = pull_json(url, owner, &pull);
            s.pulls.push(pull);
            (201, vec![], out)
        }
        ("PATCH", ["repos", owner, name, "pulls", number]) => {
            let Some(p) = pull_mut(&mut s, owner, name, number) else {
                return not_found;
            };
            if let Some(t) = req.body["title"].as_str() {
                p.title = t.into();
            }
            if let Some(b) = req.body["body"].as_str() {
                p.body = b.into();
            }
            if let Some(st) = req.body["state"].as_str() {
                p.state = st.into();
            }
            let out = pull_json(url, owner, p);
            (200, vec![], out)
        }
        ("POST", ["repos", owner, name, "issues", number, "comments"]) => {
            match pull_mut(&mut s, owner, name, number) {
                Some(p) => {
                    p.comments
                        .push(req.body["body"].as_str().unwrap_or("").into());
                    (201, vec![], json!({"id": 1}))
                }
                None => not_found,
            }
        }
        ("POST", ["repos", owner, name, "issues", number, "labels"]) => {
            match pull_mut(&mut s, owner, name, number) {
                Some(p) => {
                    for l in req.body["labels"].as_array().into_iter().flatten() {
                        p.labels.extend(l.as_str().map(str::to_owned));
                    }
                    (200, vec![], json!([]))
                }
                None => not_found,
            }
        }
        ("POST", ["repos", owner, name, "pulls", number, "requested_reviewers"]) => {
            match pull_mut(&mut s, owner, name, number) {
                Some(p) => {
                    for r in req.body["reviewers"].as_array().into_iter().flatten() {
                        p.reviewers.extend(r.as_str().map(str::to_owned));
                    }
                    (201, vec![], json!({}))
                }
                None => not_found,
            }
        }
        ("DELETE", ["repos", owner, name, "git", "refs", "heads", rest @ ..]) => {
            let branch = rest.join("/");
            let bare = root.join(format!("{owner}/{name}.git"));
            let ok = Command::new("git")
                .args(["update-ref", "-d", &format!("refs/heads/{branch}")])
                .current_dir(&bare)
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if ok {
                (204, vec![], Value::Null)
            } else {
                (422, vec![], json!({"message": "Reference does not exist"}))
            }
        }
        _ => not_found,
    }
}
