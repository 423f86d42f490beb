//! A git smart-HTTP server on 127.0.0.1 for tests: `git http-backend` run as a CGI program
//! for each request, behind a check of the token (HTTP Basic, any user name). Bare
//! repositories live under one root and are served as `/<owner>/<name>.git`. The tokens it
//! accepts are a shared table (token -> expiry), so that a fake API can issue short-lived
//! ones; a request with an expired token is refused and counted.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Tokens accepted, each with its expiry (`None`: never expires).
pub type Tokens = Arc<Mutex<BTreeMap<String, Option<SystemTime>>>>;

/// Whether `token` is in `tokens`: `Some(true)` valid, `Some(false)` expired, `None` unknown.
pub fn token_valid(tokens: &Tokens, token: &str) -> Option<bool> {
    let tokens = tokens.lock().unwrap();
    let expiry = tokens.get(token)?;
    Some(expiry.is_none_or(|e| SystemTime::now() < e))
}

pub struct GitServer {
    pub url: String,
    pub root: PathBuf,
    stop: Arc<AtomicBool>,
    /// Tokens accepted (shared with the fake API, which adds the installation tokens).
    pub tokens: Tokens,
    /// Requests refused for a missing or wrong token.
    pub unauthorized: Arc<AtomicUsize>,
    /// Requests refused because their token had expired.
    pub expired: Arc<AtomicUsize>,
    /// Every request line and Authorization header seen, to check what reached the server.
    pub log: Arc<std::sync::Mutex<Vec<String>>>,
    /// Fetches (`git-upload-pack` POSTs) still to break off: the response announces its full
    /// length, sends half of the pack and closes the connection.
    pub break_fetches: Arc<AtomicUsize>,
}

impl Drop for GitServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
    }
}

fn base64(input: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The token that `header` (the Authorization value) carries as its password, if it is one
/// of `tokens`, and whether it is still valid.
fn authorized(header: Option<&str>, tokens: &Tokens) -> Option<bool> {
    let value = header.and_then(|h| h.strip_prefix("Basic "))?.trim();
    let known: Vec<String> = tokens.lock().unwrap().keys().cloned().collect();
    let token = known.iter().find(|token| {
        ["x-access-token", "git", "converge", ""]
            .iter()
            .any(|user| value == base64(format!("{user}:{token}").as_bytes()))
    })?;
    token_valid(tokens, token)
}

impl GitServer {
    /// Serves the bare repositories under `root`, accepting only `token`.
    pub fn start(root: &Path, token: &str) -> GitServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let tokens: Tokens = Arc::new(Mutex::new(BTreeMap::from([(token.to_owned(), None)])));
        let unauthorized = Arc::new(AtomicUsize::new(0));
        let expired = Arc::new(AtomicUsize::new(0));
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let break_fetches = Arc::new(AtomicUsize::new(0));
        let server = GitServer {
            url,
            root: root.to_path_buf(),
            stop: stop.clone(),
            tokens: tokens.clone(),
            unauthorized: unauthorized.clone(),
            expired: expired.clone(),
            log: log.clone(),
            break_fetches: break_fetches.clone(),
        };
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                let counters = Counters {
                    tokens: tokens.clone(),
                    unauthorized: unauthorized.clone(),
                    expired: expired.clone(),
                    log: log.clone(),
                    break_fetches: break_fetches.clone(),
                };
                std::thread::spawn(move || {
                    let _ = serve(stream, &root, &counters);
                });
            }
        });
        server
    }

    /// Creates an empty bare repository `owner/name.git`.
    pub fn create(&self, full_name: &str) -> PathBuf {
        let path = self.root.join(format!("{full_name}.git"));
        std::fs::create_dir_all(&path).unwrap();
        let ok = Command::new("git")
            .args(["init", "--bare", "-q", "-b", "main"])
            .current_dir(&path)
            .status()
            .unwrap()
            .success();
        assert!(ok);
        let config = Command::new("git")
            .args(["config", "http.receivepack", "true"])
            .current_dir(&path)
            .status()
            .unwrap();
        assert!(config.success());
        path
    }

    pub fn clone_url(&self, full_name: &str) -> String {
        format!("{}/{full_name}.git", self.url)
    }
}

/// What one connection's thread shares with the server.
struct Counters {
    tokens: Tokens,
    unauthorized: Arc<AtomicUsize>,
    expired: Arc<AtomicUsize>,
    log: Arc<Mutex<Vec<String>>>,
    break_fetches: Arc<AtomicUsize>,
}

fn serve(stream: TcpStream, root: &Path, counters: &Counters) -> std::io::Result<()> {
    let Counters {
        tokens,
        unauthorized,
        expired,
        log,
        break_fetches,
    } = counters;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line)?;
            let line = line.trim_end().to_owned();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("GET").to_owned();
        let target = parts.next().unwrap_or("/").to_owned();
        log.lock().unwrap().push(format!(
            "{} {} auth={}",
            method,
            target,
            header("authorization").unwrap_or("-")
        ));
        let mut body = Vec::new();
        if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
            loop {
                let mut size = String::new();
                reader.read_line(&mut size)?;
                let n = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                    .unwrap_or(0);
                let mut chunk = vec![0; n + 2];
                reader.read_exact(&mut chunk)?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
        } else if let Some(n) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
            body.resize(n, 0);
            reader.read_exact(&mut body)?;
        }
        let access = authorized(header("authorization"), tokens);
        if access != Some(true) {
            if access == Some(false) {
                expired.fetch_add(1, Ordering::SeqCst);
            }
            unauthorized.fetch_add(1, Ordering::SeqCst);
            write!(
                writer,
                "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\nContent-Length: 0\r\n\r\n"
            )?;
            writer.flush()?;
            continue;
        }
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let mut child = Command::new("git")
            .arg("http-backend")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("GIT_PROJECT_ROOT", root)
            .env("GIT_HTTP_EXPORT_ALL", "1")
            .env("REQUEST_METHOD", &method)
            .env("PATH_INFO", path)
            .env("QUERY_STRING", query)
            .env("CONTENT_TYPE", header("content-type").unwrap_or(""))
            .env("CONTENT_LENGTH", body.len().to_string())
            .env("REMOTE_USER", "x-access-token")
            .env("REMOTE_ADDR", "127.0.0.1")
            .env(
                "HTTP_CONTENT_ENCODING",
                header("content-encoding").unwrap_or(""),
            )
            .env("GIT_PROTOCOL", header("git-protocol").unwrap_or(""))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut stdin = child.stdin.take().unwrap();
        let input = std::thread::spawn(move || {
            let _ = stdin.write_all(&body);
        });
        let mut output = Vec::new();
        child.stdout.take().unwrap().read_to_end(&mut output)?;
        let _ = input.join();
        child.wait()?;
        let split = output
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map(|i| (i, 4))
            .or_else(|| output.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2)));
        let (head, content) = match split {
            Some((i, n)) => (
                String::from_utf8_lossy(&output[..i]).to_string(),
                &output[i + n..],
            ),
            None => (String::new(), &output[..]),
        };
        let mut status = "200 OK".to_owned();
        let mut response_headers = String::new();
        for line in head.lines() {
            if let Some(s) = line.strip_prefix("Status:") {
                status = s.trim().to_owned();
            } else if !line.is_empty() {
                response_headers.push_str(line);
                response_headers.push_str("\r\n");
            }
        }
        write!(
            writer,
            "HTTP/1.1 {status}\r\n{response_headers}Content-Length: {}\r\n\r\n",
            content.len()
        )?;
        let breaks = method == "POST"
            && path.ends_with("/git-upload-pack")
            && break_fetches
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
        if breaks {
            writer.write_all(&content[..content.len() / 2])?;
            writer.flush()?;
            return Ok(());
        }
        writer.write_all(content)?;
        writer.flush()?;
    }
}
