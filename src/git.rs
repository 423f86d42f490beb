//! What a fix commit needs from git, through libgit2: the branch and its upstream, the files
//! with uncommitted changes, a commit of exactly the fixed files, and a push that never
//! forces. A token reaches the remote only through the credentials callback: it is never put
//! in a remote URL, in `.git/config` or in a message.

use std::path::{Path, PathBuf};

use git2::{Cred, PushOptions, RemoteCallbacks, Repository, Signature, Status, StatusOptions};

/// A secret that never prints: `Debug` and `Display` show `***`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Secret {
        Secret(value)
    }

    /// The secret itself, for the credentials callback only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the secret replaced by `***`.
    pub fn redact(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_owned()
        } else {
            text.replace(&self.0, "***")
        }
    }
}

/// Every secret a run has held (its token, or each installation token minted during it), to
/// redact from whatever it shows or writes: a message may quote a token that was replaced
/// since.
#[derive(Default)]
pub struct Secrets(std::sync::Mutex<Vec<Secret>>);

impl Secrets {
    pub fn add(&self, secret: &Secret) {
        let mut all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if !secret.0.is_empty() && !all.iter().any(|s| s.0 == secret.0) {
            all.push(secret.clone());
        }
    }

    /// `text` with every secret replaced by `***`.
    pub fn redact(&self, text: &str) -> String {
        let all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        all.iter()
            .fold(text.to_owned(), |text, secret| secret.redact(&text))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("{0}")]
    Git(#[from] git2::Error),
    #[error("push of {branch} rejected by the remote: {reason}")]
    Rejected { branch: String, reason: String },
    #[error("{0}")]
    Refused(String),
}

pub struct Repo {
    repo: Repository,
    workdir: PathBuf,
}

/// Callbacks that answer a credentials request once with the token (user `x-access-token`).
fn callbacks(token: Option<&Secret>) -> RemoteCallbacks<'_> {
    let mut callbacks = RemoteCallbacks::new();
    let mut attempts = 0;
    callbacks.credentials(move |_url, _username, _allowed| {
        // libgit2 asks again after a refused credential: answer once, then give up.
        attempts += 1;
        match token {
            Some(token) if attempts == 1 => {
                Cred::userpass_plaintext("x-access-token", token.expose())
            }
            Some(_) => Err(git2::Error::from_str("the token was refused")),
            None => Err(git2::Error::from_str(
                "the remote asks for credentials and no token is set",
            )),
        }
    });
    callbacks
}

/// A commit as the bot judges it before touching its branch.
#[derive(Debug, Clone)]
pub struct CommitInfo {
    pub id: git2::Oid,
    pub tree: git2::Oid,
    pub author_email: String,
    pub message: String,
}

impl Repo {
    /// Clones `branch` of `url` into `into`, one commit deep.
    pub fn clone_shallow(
        url: &str,
        branch: &str,
        into: &Path,
        token: Option<&Secret>,
    ) -> Result<Repo, GitError> {
        let mut fetch = git2::FetchOptions::new();
        fetch.remote_callbacks(callbacks(token)).depth(1);
        let repo = git2::build::RepoBuilder::new()
            .branch(branch)
            .fetch_options(fetch)
            .clone(url, into)
            .map_err(|e| redacted(e, token))?;
        Ok(Repo {
            repo,
            workdir: into.to_path_buf(),
        })
    }

    /// The commit `branch` points to on `remote` now (`None` when the branch does not exist).
    pub fn remote_tip(
        &self,
        remote: &str,
        branch: &str,
        token: Option<&Secret>,
    ) -> Result<Option<git2::Oid>, GitError> {
        let mut remote = self.repo.find_remote(remote)?;
        let connection = remote
            .connect_auth(git2::Direction::Fetch, Some(callbacks(token)), None)
            .map_err(|e| redacted(e, token))?;
        let wanted = format!("refs/heads/{branch}");
        let tip = connection
            .list()?
            .iter()
            .find(|head| head.name() == wanted)
            .map(|head| head.oid());
        Ok(tip)
    }

    /// Fetches `branch` of `remote` (one commit deep) and describes its tip.
    pub fn fetch_tip(
        &self,
        remote: &str,
        branch: &str,
        token: Option<&Secret>,
    ) -> Result<CommitInfo, GitError> {
        let mut remote = self.repo.find_remote(remote)?;
        let mut fetch = git2::FetchOptions::new();
        fetch.remote_callbacks(callbacks(token)).depth(1);
        let refspec = format!("+refs/heads/{branch}:refs/converge/remote-tip");
        remote
            .fetch(&[refspec.as_str()], Some(&mut fetch), None)
            .map_err(|e| redacted(e, token))?;
        let commit = self
            .repo
            .find_reference("refs/converge/remote-tip")?
            .peel_to_commit()?;
        let author_email = commit.author().email().unwrap_or("").to_owned();
        Ok(CommitInfo {
            id: commit.id(),
            tree: commit.tree_id(),
            author_email,
            message: commit.message().unwrap_or("").to_owned(),
        })
    }

    /// The tree of the commit HEAD points to.
    pub fn head_tree(&self) -> Result<git2::Oid, GitError> {
        Ok(self.repo.head()?.peel_to_commit()?.tree_id())
    }

    /// Replaces `branch` on `remote` with HEAD, if the branch still points to `expected`
    /// (`None`: it must not exist). The check runs right before the push: a branch that
    /// someone moved in between is not overwritten.
    pub fn push_head_with_lease(
        &self,
        remote_name: &str,
        branch: &str,
        expected: Option<git2::Oid>,
        token: Option<&Secret>,
    ) -> Result<(), GitError> {
        let now = self.remote_tip(remote_name, branch, token)?;
        if now != expected {
            return Err(GitError::Rejected {
                branch: branch.to_owned(),
                reason: "the branch moved since it was inspected".into(),
            });
        }
        let head = self.repo.head()?.peel_to_commit()?.id();
        self.push_refspec(
            remote_name,
            &format!("+{head}:refs/heads/{branch}"),
            branch,
            token,
        )
    }

    /// The repository that contains `path`.
    pub fn discover(path: &Path) -> Result<Repo, GitError> {
        let repo = Repository::discover(path)?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| GitError::Refused("a bare repository has no working tree".into()))?
            .to_path_buf();
        Ok(Repo { repo, workdir })
    }

    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// The checked-out branch; `None` on a detached HEAD.
    pub fn current_branch(&self) -> Option<String> {
        let head = self.repo.head().ok()?;
        if !head.is_branch() {
            return None;
        }
        head.shorthand().map(str::to_owned)
    }

    /// The remote's default branch as the clone recorded it (`refs/remotes/<remote>/HEAD`).
    pub fn default_branch(&self, remote: &str) -> Option<String> {
        let reference = self
            .repo
            .find_reference(&format!("refs/remotes/{remote}/HEAD"))
            .ok()?;
        let target = reference.symbolic_target()?;
        target
            .strip_prefix(&format!("refs/remotes/{remote}/"))
            .map(str::to_owned)
    }

    /// The message of the commit HEAD points to.
    pub fn head_message(&self) -> Option<String> {
        let commit = self.repo.head().ok()?.peel_to_commit().ok()?;
        commit.message().map(str::to_owned)
    }

    /// Paths (relative to the working tree) with changes not committed, untracked files
    /// included.
    pub fn uncommitted(&self) -> Result<Vec<PathBuf>, GitError> {
        let mut options = StatusOptions::new();
        options.include_untracked(true).include_ignored(false);
        let statuses = self.repo.statuses(Some(&mut options))?;
        let mut out: Vec<PathBuf> = statuses
            .iter()
            .filter(|s| s.status() != Status::CURRENT)
            .filter_map(|s| s.path().map(PathBuf::from))
            .collect();
        out.sort();
        Ok(out)
    }

    /// `path` relative to the working tree, when it is inside it.
    pub fn relative(&self, path: &Path) -> Option<PathBuf> {
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(path)
        };
        let absolute = absolute.canonicalize().unwrap_or(absolute);
        let root = self
            .workdir
            .canonicalize()
            .unwrap_or_else(|_| self.workdir.clone());
        absolute.strip_prefix(&root).ok().map(Path::to_path_buf)
    }

    /// Commits exactly `paths` (relative to the working tree) on the current branch, with
    /// `author` as author and committer.
    pub fn commit(
        &self,
        paths: &[PathBuf],
        message: &str,
        author: &Signature<'_>,
    ) -> Result<git2::Oid, GitError> {
        let mut index = self.repo.index()?;
        for path in paths {
            index.add_path(path)?;
        }
        index.write()?;
        let tree = self.repo.find_tree(index.write_tree()?)?;
        let parent = self.repo.head()?.peel_to_commit()?;
        Ok(self
            .repo
            .commit(Some("HEAD"), author, author, message, &tree, &[&parent])?)
    }

    /// Moves the current branch back to `commit`, keeping the working tree as it is (undoes a
    /// commit whose push failed).
    pub fn reset_to(&self, commit: git2::Oid) -> Result<(), GitError> {
        let object = self.repo.find_object(commit, None)?;
        self.repo.reset(&object, git2::ResetType::Mixed, None)?;
        Ok(())
    }

    /// The commit HEAD points to.
    pub fn head_commit(&self) -> Result<git2::Oid, GitError> {
        Ok(self.repo.head()?.peel_to_commit()?.id())
    }

    /// Pushes `branch` to the same branch of `remote`, never forcing: a remote branch that
    /// moved on is reported as rejected, not overwritten.
    pub fn push(&self, remote: &str, branch: &str, token: Option<&Secret>) -> Result<(), GitError> {
        let refspec = format!("refs/heads/{branch}:refs/heads/{branch}");
        self.push_refspec(remote, &refspec, branch, token)
    }

    /// Pushes one refspec; a reference the remote refuses (or a non-fast-forward) is
    /// `Rejected`, any other failure `Refused`, with the token redacted.
    fn push_refspec(
        &self,
        remote: &str,
        refspec: &str,
        branch: &str,
        token: Option<&Secret>,
    ) -> Result<(), GitError> {
        let mut remote = self.repo.find_remote(remote)?;
        let rejected = std::cell::RefCell::new(None::<String>);
        let mut callbacks = callbacks(token);
        callbacks.push_update_reference(|_reference, status| {
            if let Some(status) = status {
                *rejected.borrow_mut() = Some(status.to_owned());
            }
            Ok(())
        });
        let mut options = PushOptions::new();
        options.remote_callbacks(callbacks);
        let pushed = remote.push(&[refspec], Some(&mut options));
        drop(options);
        let reject = |reason: String| GitError::Rejected {
            branch: branch.to_owned(),
            reason,
        };
        pushed.map_err(|e| {
            let behind = e.code() == git2::ErrorCode::NotFastForward
                || e.message().contains("non-fast-forward")
                || e.message().contains("fetch first");
            if behind {
                reject("the remote branch has commits this checkout does not have".into())
            } else {
                redacted(e, token)
            }
        })?;
        match rejected.into_inner() {
            Some(reason) => Err(reject(reason)),
            None => Ok(()),
        }
    }
}

fn redacted(e: git2::Error, token: Option<&Secret>) -> GitError {
    let text = token.map_or_else(|| e.message().to_owned(), |t| t.redact(e.message()));
    GitError::Refused(text)
}

/// The value of a `Key: value` trailer in a commit message.
pub fn trailer<'m>(message: &'m str, key: &str) -> Option<&'m str> {
    message.lines().rev().find_map(|line| {
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .map(str::trim)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailers_are_read_from_the_message() {
        let message = "Fix things\n\nBody.\n\nConverge-Fingerprint: abc123\nConverge-Rules: a, b\n";
        assert_eq!(trailer(message, "Converge-Fingerprint"), Some("abc123"));
        assert_eq!(trailer(message, "Converge-Rules"), Some("a, b"));
        assert_eq!(trailer(message, "Signed-off-by"), None);
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("ghp_abc".into());
        assert_eq!(format!("{s} {s:?}"), "*** ***");
        assert_eq!(s.redact("url with ghp_abc inside"), "url with *** inside");
        let all = Secrets::default();
        all.add(&s);
        all.add(&Secret::new("ghs_new".into()));
        assert_eq!(all.redact("ghp_abc then ghs_new"), "*** then ***");
    }
}
