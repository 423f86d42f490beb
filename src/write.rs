//! Atomic writes: a temporary file beside the target, the target's mode copied, then a rename,
//! so a reader sees either the old file or the new one, never a partial one.

use std::io::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: changed on disk while converge ran; not overwritten")]
    Changed { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// Replaces `path` with `bytes` if it still holds `expected`.
pub fn replace(path: &Path, expected: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.display().to_string(),
        source,
    };
    let current = std::fs::read(path).map_err(io)?;
    if current != expected {
        return Err(WriteError::Changed {
            path: path.display().to_string(),
        });
    }
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.permissions().readonly() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "file is read-only; not changed",
        )));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".converge-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
