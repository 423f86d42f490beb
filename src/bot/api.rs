//! The GitHub REST calls the bot makes, through octocrab, with the failure policy users of a
//! bot expect: 5xx and dropped connections retried with backoff; 403/429 rate limits waited
//! out (Retry-After, X-RateLimit-Reset) up to a ceiling, then reported; 401 ends the run.
//! In a dry run every mutating call is logged (method, route, payload summary) instead of
//! made.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use serde_json::Value;

use crate::git::Secret;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the token was refused (401): {0}")]
    Unauthorized(String),
    #[error("rate limited; retry after {0} s, longer than the wait allowed")]
    RateLimited(u64),
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

pub struct Api {
    client: octocrab::Octocrab,
    runtime: tokio::runtime::Runtime,
    base: String,
    token: Secret,
    /// Log mutations instead of making them.
    pub dry_run: bool,
    /// Longest wait for a rate limit before the repository is reported as rate-limited.
    pub max_wait: Duration,
    /// First backoff after a server error (doubled on each retry).
    pub backoff: Duration,
    pub retries: u32,
    calls: AtomicUsize,
    logged: Mutex<Vec<String>>,
}

impl Api {
    pub fn new(base: &str, token: Secret, timeout: Duration) -> anyhow::Result<Api> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let base = base.trim_end_matches('/').to_owned();
        let client = {
            let _guard = runtime.enter();
            octocrab::Octocrab::builder()
                .base_uri(base.as_str())?
                .personal_token(token.expose().to_owned())
                .set_connect_timeout(Some(Duration::from_secs(10)))
                .set_read_timeout(Some(timeout))
                .build()?
        };
        Ok(Api {
            client,
            runtime,
            base,
            token,
            dry_run: false,
            max_wait: Duration::from_secs(120),
            backoff: Duration::from_millis(500),
            retries: 3,
            calls: AtomicUsize::new(0),
            logged: Mutex::new(Vec::new()),
        })
    }

    /// HTTP requests made so far.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    /// Mutations a dry run logged instead of making, and takes them.
    pub fn take_logged(&self) -> Vec<String> {
        std::mem::take(&mut self.logged.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Logs a mutation a dry run does not make (also used for pushes).
    pub fn log(&self, line: String) {
        tracing::info!(target: "converge::bot", "dry run: {line}");
        self.logged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(line);
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
        if self.dry_run {
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
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.calls.fetch_add(1, Ordering::SeqCst);
            let outcome = self.runtime.block_on(self.send(method, route, body));
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
                        message: self.token.redact(&message),
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
                401 => return Err(ApiError::Unauthorized(self.token.redact(&message))),
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
                        message: self.token.redact(&message),
                    })
                }
            }
        }
    }

    async fn send(
        &self,
        method: &str,
        route: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Vec<(String, String)>, String), String> {
        let response = match method {
            "GET" => self.client._get(route).await,
            "POST" => self.client._post(route, body).await,
            "PATCH" => self.client._patch(route, body).await,
            "PUT" => self.client._put(route, body).await,
            "DELETE" => self.client._delete(route, body).await,
            other => return Err(format!("unsupported method {other}")),
        }
        .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let text = self
            .client
            .body_to_string(response)
            .await
            .map_err(|e| e.to_string())?;
        Ok((status, headers, text))
    }
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
