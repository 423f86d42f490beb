//! The GitHub REST calls the bot makes, through octocrab, with the failure policy users of a
//! bot expect: 5xx and dropped connections retried with backoff; 403/429 rate limits waited
//! out (Retry-After, X-RateLimit-Reset) up to a ceiling, then reported; 401 ends the run.
//! In a dry run every mutating call is logged (method, route, payload summary) instead of
//! made.
//!
//! Credentials are a token, or a GitHub App. As an App, the bot finds the installation of each
//! owner once (`GET /orgs/{org}/installation` for the `--org`, `GET /repos/{owner}/{repo}/
//! installation` for an owner named through its repositories), creates an installation token
//! (`POST /app/installations/{id}/access_tokens`, signed with a JWT that octocrab makes from
//! the App's key) and creates a new one before the old one runs out. The bot keeps the tokens
//! itself, rather than in octocrab's installation client, because git needs them too and
//! because those calls must go through the same retries, counts and in-flight limit as the
//! others.
//!
//! Repositories may be processed in parallel: an [`Api`] is shared by the run, and each
//! repository talks through its own [`Session`], which counts its calls and keeps its dry-run
//! log apart from the others. At most `--api-concurrency` requests are in flight at once.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::git::{Secret, Secrets};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the token was refused (401): {0}")]
    Unauthorized(String),
    #[error("rate limited; retry after {0} s, longer than the wait allowed")]
    RateLimited(u64),
    #[error("the GitHub App is not installed on {0} (or its installation cannot be seen)")]
    NotInstalled(String),
    #[error("{method} {route}: HTTP {status}: {message}")]
    Status {
        method: String,
        route: String,
        status: u16,
        message: String,
    },
    #[error("{method} {route}: {message}")]
    Transport {
        method: String,
        route: String,
        message: String,
    },
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            ApiError::Unauthorized(_) => Some(401),
            _ => None,
        }
    }
}

pub struct Response {
    pub status: u16,
    pub body: Value,
    pub next: Option<String>,
}

/// Who the bot is to GitHub.
#[derive(Clone)]
pub enum Credentials {
    /// A token used as it is (a personal access token, or an installation token made
    /// elsewhere).
    Token(Secret),
    /// A GitHub App (its id and RSA private key): installation tokens are made per owner.
    App {
        id: u64,
        key: octocrab::auth::EncodingKey,
    },
}

/// A token is replaced when less than this is left of it (GitHub's installation tokens last an
/// hour), so that no request or push meets its expiry.
const RENEW_BEFORE: Duration = Duration::from_secs(5 * 60);

/// An installation token and when it runs out.
struct InstallationToken {
    secret: Secret,
    issued: SystemTime,
    expires: SystemTime,
}

impl InstallationToken {
    /// Whether to make a new one before the next use: less than five minutes left, or, for a
    /// token that was issued for less than ten, less than half its lifetime.
    fn stale(&self, now: SystemTime) -> bool {
        let lifetime = self.expires.duration_since(self.issued).unwrap_or_default();
        let margin = RENEW_BEFORE.min(lifetime / 2);
        self.expires
            .duration_since(now)
            .map_or(true, |left| left < margin)
    }
}

/// The installation of one owner: its id once looked up, its current token.
#[derive(Default)]
struct Installation {
    id: Option<u64>,
    token: Option<InstallationToken>,
}

/// Who a request is made as.
#[derive(Clone, Copy)]
enum Auth<'a> {
    /// The token for this owner's repositories.
    Account(&'a Account),
    /// The App itself (a JWT): only for finding installations and creating their tokens.
    App,
}

/// The owner a session's calls are for, and a repository of it (to find the App's
/// installation when the owner is not the `--org`).
#[derive(Debug, Clone)]
struct Account {
    owner: String,
    repo: Option<String>,
}

/// At most `max` requests in flight across the threads of a run.
struct Gate {
    max: usize,
    in_flight: Mutex<usize>,
    freed: Condvar,
}

/// A place in the [`Gate`], given back when dropped.
struct Pass<'a>(&'a Gate);

impl Gate {
    fn enter(&self) -> Pass<'_> {
        let mut n = lock(&self.in_flight);
        while *n >= self.max {
            n = self.freed.wait(n).unwrap_or_else(|e| e.into_inner());
        }
        *n += 1;
        Pass(self)
    }
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        *lock(&self.0.in_flight) -= 1;
        self.0.freed.notify_one();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

pub struct Api {
    /// Sends with no credentials of its own: each request carries its owner's token.
    client: octocrab::Octocrab,
    /// Signs a JWT for each request, as the App.
    app: Option<octocrab::Octocrab>,
    token: Option<Secret>,
    /// The organisation whose installation is found with `/orgs/{org}/installation`.
    pub org: Option<String>,
    /// Per owner (lowercase); each behind its own lock, so that threads working for one owner
    /// wait for the token one of them is making instead of making their own.
    installations: Mutex<BTreeMap<String, Arc<Mutex<Installation>>>>,
    secrets: Arc<Secrets>,
    gate: Gate,
    runtime: tokio::runtime::Runtime,
    base: String,
    /// Log mutations instead of making them.
    pub dry_run: bool,
    /// Longest wait for a rate limit before the repository is reported as rate-limited.
    pub max_wait: Duration,
    /// First backoff after a server error (doubled on each retry).
    pub backoff: Duration,
    pub retries: u32,
    calls: AtomicUsize,
}

impl Api {
    /// A client of the API at `base`; every token it holds is added to `secrets`.
    /// `in_flight` caps the requests sent at once.
    pub fn new(
        base: &str,
        credentials: Credentials,
        timeout: Duration,
        secrets: Arc<Secrets>,
        in_flight: usize,
    ) -> anyhow::Result<Api> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let base = base.trim_end_matches('/').to_owned();
        let builder = || -> anyhow::Result<_> {
            Ok(octocrab::Octocrab::builder()
                .base_uri(base.as_str())?
                .set_connect_timeout(Some(Duration::from_secs(10)))
                .set_read_timeout(Some(timeout)))
        };
        let (client, app, token) = {
            let _guard = runtime.enter();
            let client = builder()?.build()?;
            match credentials {
                Credentials::Token(token) => {
                    secrets.add(&token);
                    (client, None, Some(token))
                }
                Credentials::App { id, key } => {
                    let app = builder()?.app(octocrab::models::AppId(id), key).build()?;
                    (client, Some(app), None)
                }
            }
        };
        Ok(Api {
            client,
            app,
            token,
            org: None,
            installations: Mutex::new(BTreeMap::new()),
            secrets,
            gate: Gate {
                max: in_flight.max(1),
                in_flight: Mutex::new(0),
                freed: Condvar::new(),
            },
            runtime,
            base,
            dry_run: false,
            max_wait: Duration::from_secs(120),
            backoff: Duration::from_millis(500),
            retries: 3,
            calls: AtomicUsize::new(0),
        })
    }

    /// HTTP requests made so far, by every session.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    /// The calls for `name`: an owner, or a repository `owner/name`.
    pub fn session(&self, name: &str) -> Session<'_> {
        let (owner, repo) = match name.split_once('/') {
            Some((owner, repo)) => (owner, Some(repo.to_owned())),
            None => (name, None),
        };
        Session {
            api: self,
            account: Account {
                owner: owner.to_owned(),
                repo,
            },
            calls: AtomicUsize::new(0),
            logged: Mutex::new(Vec::new()),
        }
    }

    fn redact(&self, text: &str) -> String {
        self.secrets.redact(text)
    }

    /// The token for `account`'s repositories: the token given, or its installation's, made
    /// (or made again) when there is none or it is about to run out.
    fn token_for(&self, account: &Account, tally: &AtomicUsize) -> Result<Secret, ApiError> {
        if let Some(token) = &self.token {
            return Ok(token.clone());
        }
        let owner = account.owner.to_ascii_lowercase();
        let slot = lock(&self.installations).entry(owner).or_default().clone();
        let mut installation = lock(&slot);
        if let Some(token) = &installation.token {
            if !token.stale(SystemTime::now()) {
                return Ok(token.secret.clone());
            }
        }
        let id = match installation.id {
            Some(id) => id,
            None => {
                let id = self.find_installation(account, tally)?;
                installation.id = Some(id);
                id
            }
        };
        let route = format!("/app/installations/{id}/access_tokens");
        let issued = SystemTime::now();
        let created = self.request(Auth::App, tally, "POST", &route, None)?;
        let secret = created.body["token"]
            .as_str()
            .filter(|t| !t.is_empty())
            .map(|t| Secret::new(t.to_owned()))
            .ok_or_else(|| ApiError::Status {
                method: "POST".into(),
                route: route.clone(),
                status: created.status,
                message: "the response holds no token".into(),
            })?;
        self.secrets.add(&secret);
        // GitHub says when the token expires; without it, assume the documented hour.
        let expires = created.body["expires_at"]
            .as_str()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map_or(issued + Duration::from_secs(3600), SystemTime::from);
        tracing::debug!(target: "converge::bot", "installation token for {} made", account.owner);
        installation.token = Some(InstallationToken {
            secret: secret.clone(),
            issued,
            expires,
        });
        Ok(secret)
    }

    /// Drops `account`'s installation token (refused: revoked, or expired early).
    fn forget_token(&self, account: &Account) {
        let owner = account.owner.to_ascii_lowercase();
        if let Some(slot) = lock(&self.installations).get(&owner) {
            lock(slot).token = None;
        }
    }

    /// The id of the App's installation that covers `account`.
    fn find_installation(&self, account: &Account, tally: &AtomicUsize) -> Result<u64, ApiError> {
        let owner = &account.owner;
        let route = match &account.repo {
            Some(repo)
                if !self
                    .org
                    .as_deref()
                    .is_some_and(|org| org.eq_ignore_ascii_case(owner)) =>
            {
                format!("/repos/{owner}/{repo}/installation")
            }
            _ => format!("/orgs/{owner}/installation"),
        };
        match self.request(Auth::App, tally, "GET", &route, None) {
            Ok(found) => found.body["id"]
                .as_u64()
                .ok_or_else(|| ApiError::NotInstalled(owner.clone())),
            Err(ApiError::Status { status: 404, .. }) => Err(ApiError::NotInstalled(owner.clone())),
            Err(e) => Err(e),
        }
    }

    fn request(
        &self,
        auth: Auth<'_>,
        tally: &AtomicUsize,
        method: &str,
        route: &str,
        body: Option<&Value>,
    ) -> Result<Response, ApiError> {
        let mut attempt = 0;
        let mut renewed = false;
        loop {
            attempt += 1;
            let client = match auth {
                Auth::Account(account) => {
                    let token = self.token_for(account, tally)?;
                    self.client
                        .user_access_token(token.expose().to_owned())
                        .map_err(|e| ApiError::Transport {
                            method: method.into(),
                            route: route.into(),
                            message: self.redact(&e.to_string()),
                        })?
                }
                Auth::App => self.app.clone().ok_or_else(|| ApiError::Transport {
                    method: method.into(),
                    route: route.into(),
                    message: "no GitHub App configured".into(),
                })?,
            };
            self.calls.fetch_add(1, Ordering::SeqCst);
            tally.fetch_add(1, Ordering::SeqCst);
            let outcome = {
                let _pass = self.gate.enter();
                self.runtime.block_on(send(&client, method, route, body))
            };
            let (status, headers, text) = match outcome {
                Ok(r) => r,
                Err(message) => {
                    if attempt <= self.retries {
                        std::thread::sleep(self.backoff * 2u32.pow(attempt - 1));
                        continue;
                    }
                    return Err(ApiError::Transport {
                        method: method.into(),
                        route: route.into(),
                        message: self.redact(&message),
                    });
                }
            };
            let header = |name: &str| {
                headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            };
            let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let message = json["message"].as_str().unwrap_or("").to_owned();
            match status {
                200..=299 => {
                    let next = header("link").and_then(|l| next_link(&l, &self.base));
                    return Ok(Response {
                        status,
                        body: json,
                        next,
                    });
                }
                // An installation token refused before its time (revoked, or the clocks
                // disagree): once, with a new one.
                401 if !renewed && self.app.is_some() && matches!(auth, Auth::Account(_)) => {
                    if let Auth::Account(account) = auth {
                        self.forget_token(account);
                    }
                    renewed = true;
                }
                401 => {
                    let whose = match auth {
                        Auth::App => "the GitHub App's signed request was refused (check --app-id and the key): ",
                        Auth::Account(_) => "",
                    };
                    return Err(ApiError::Unauthorized(format!(
                        "{whose}{}",
                        self.redact(&message)
                    )));
                }
                403 | 429 if status == 429 || rate_limited(&header, &message) => {
                    let wait = header("retry-after")
                        .and_then(|v| v.parse::<u64>().ok())
                        .or_else(|| {
                            header("x-ratelimit-reset")
                                .and_then(|v| v.parse::<u64>().ok())
                                .map(|reset| reset.saturating_sub(unix_now()))
                        })
                        .unwrap_or(60);
                    if Duration::from_secs(wait) > self.max_wait || attempt > self.retries {
                        return Err(ApiError::RateLimited(wait));
                    }
                    tracing::warn!(target: "converge::bot", "rate limited on {method} {route}; waiting {wait} s");
                    std::thread::sleep(Duration::from_secs(wait));
                }
                500..=599 if attempt <= self.retries => {
                    std::thread::sleep(self.backoff * 2u32.pow(attempt - 1));
                }
                _ => {
                    return Err(ApiError::Status {
                        method: method.into(),
                        route: route.into(),
                        status,
                        message: self.redact(&message),
                    })
                }
            }
        }
    }
}

/// The calls made for one repository (or, in discovery, one owner): counted, and in a dry run
/// logged, apart from those of the repositories processed at the same time.
pub struct Session<'a> {
    api: &'a Api,
    account: Account,
    calls: AtomicUsize,
    logged: Mutex<Vec<String>>,
}

impl Session<'_> {
    /// HTTP requests this session made (installation lookups and tokens included).
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    /// Mutations a dry run logged instead of making, and takes them.
    pub fn take_logged(&self) -> Vec<String> {
        std::mem::take(&mut lock(&self.logged))
    }

    /// Logs a mutation a dry run does not make (also used for pushes).
    pub fn log(&self, line: String) {
        tracing::info!(target: "converge::bot", "dry run: {line}");
        lock(&self.logged).push(line);
    }

    /// The token for git, valid for a while yet: given to libgit2's credentials callback.
    pub fn git_token(&self) -> Result<Secret, ApiError> {
        self.api.token_for(&self.account, &self.calls)
    }

    /// Every secret of the run, to redact a message.
    pub fn redact(&self, text: &str) -> String {
        self.api.redact(text)
    }

    pub fn get(&self, route: &str) -> Result<Response, ApiError> {
        self.request("GET", route, None)
    }

    /// Every item of a paginated list (following `Link: rel="next"`).
    pub fn get_all(&self, route: &str) -> Result<Vec<Value>, ApiError> {
        let mut items = Vec::new();
        let mut next = Some(route.to_owned());
        while let Some(route) = next {
            let page = self.get(&route)?;
            items.extend(page.body.as_array().cloned().unwrap_or_default());
            next = page.next;
        }
        Ok(items)
    }

    /// A mutating call; in a dry run it is logged with `summary` and not made (`None`).
    pub fn mutate(
        &self,
        method: &str,
        route: &str,
        body: Option<&Value>,
        summary: &str,
    ) -> Result<Option<Response>, ApiError> {
        if self.api.dry_run {
            self.log(format!("{method} {route} ({summary})"));
            return Ok(None);
        }
        self.request(method, route, body).map(Some)
    }

    fn request(
        &self,
        method: &str,
        route: &str,
        body: Option<&Value>,
    ) -> Result<Response, ApiError> {
        self.api.request(
            Auth::Account(&self.account),
            &self.calls,
            method,
            route,
            body,
        )
    }
}

async fn send(
    client: &octocrab::Octocrab,
    method: &str,
    route: &str,
    body: Option<&Value>,
) -> Result<(u16, Vec<(String, String)>, String), String> {
    let response = match method {
        "GET" => client._get(route).await,
        "POST" => client._post(route, body).await,
        "PATCH" => client._patch(route, body).await,
        "PUT" => client._put(route, body).await,
        "DELETE" => client._delete(route, body).await,
        other => return Err(format!("unsupported method {other}")),
    }
    .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let text = client
        .body_to_string(response)
        .await
        .map_err(|e| e.to_string())?;
    Ok((status, headers, text))
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A 403 that is a rate limit (primary: remaining 0; secondary: Retry-After or the message).
fn rate_limited(header: &dyn Fn(&str) -> Option<String>, message: &str) -> bool {
    header("retry-after").is_some()
        || header("x-ratelimit-remaining").as_deref() == Some("0")
        || message.to_ascii_lowercase().contains("rate limit")
}

/// The `rel="next"` target of a Link header, as a route relative to the API base (octocrab
/// only sends the token to relative routes and api.github.com).
fn next_link(link: &str, base: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (url, rel) = part.split_once(';')?;
        if !rel.contains("rel=\"next\"") {
            return None;
        }
        let url = url.trim().trim_start_matches('<').trim_end_matches('>');
        Some(url.strip_prefix(base).unwrap_or(url).to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_renewed_five_minutes_ahead_or_halfway_when_short_lived() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let hour = InstallationToken {
            secret: Secret::new("a".into()),
            issued: t0,
            expires: t0 + Duration::from_secs(3600),
        };
        assert!(!hour.stale(t0 + Duration::from_secs(3600 - 301)));
        assert!(hour.stale(t0 + Duration::from_secs(3600 - 299)));
        assert!(hour.stale(t0 + Duration::from_secs(4000)));
        let short = InstallationToken {
            secret: Secret::new("b".into()),
            issued: t0,
            expires: t0 + Duration::from_secs(4),
        };
        assert!(!short.stale(t0 + Duration::from_secs(1)));
        assert!(short.stale(t0 + Duration::from_secs(3)));
    }

    #[test]
    fn next_links_become_relative_routes() {
        let link = "<https://api.github.com/orgs/acme/repos?page=2>; rel=\"next\", <https://api.github.com/orgs/acme/repos?page=5>; rel=\"last\"";
        assert_eq!(
            next_link(link, "https://api.github.com").as_deref(),
            Some("/orgs/acme/repos?page=2")
        );
        assert_eq!(
            next_link("<x>; rel=\"last\"", "https://api.github.com"),
            None
        );
    }
}
