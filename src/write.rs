//! Atomic writes: a temporary file beside the target, the target's mode copied, then a rename,
//! so a reader sees either the old file or the new one, never a partial one.

use std::io::Write;
use std::path::Path;

use crate::engine::{FileReport, RunReport, Status};
use crate::source::SourceError;

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
    // A link named on the command line is written through: the rename replaces its target,
    // and the link stays a link.
    let resolved;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = std::fs::canonicalize(path).map_err(io)?;
        resolved.as_path()
    } else {
        path
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
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Prefix and suffix of the temporary file a write goes through.
const TEMP_PREFIX: &str = ".converge-";
const TEMP_SUFFIX: &str = ".tmp";

/// Removes the temporary files that a killed run (SIGKILL, power loss) can leave beside the
/// files it was replacing, below `paths`; returns them. The files themselves are never partial:
/// each is replaced by a rename.
pub fn remove_stale_temporaries(paths: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    let mut removed = Vec::new();
    for root in paths.iter().filter(|p| p.is_dir()) {
        let walker = ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .follow_links(false)
            .filter_entry(|e| e.file_name() != ".git")
            .build();
        for entry in walker.flatten() {
            let is_ours = entry.file_name().to_str().is_some_and(|n| {
                n.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
                    && n.starts_with(TEMP_PREFIX)
                    && n.ends_with(TEMP_SUFFIX)
            });
            if is_ours
                && entry.file_type().is_some_and(|t| t.is_file())
                && std::fs::remove_file(entry.path()).is_ok()
            {
                removed.push(entry.into_path());
            }
        }
    }
    removed.sort();
    removed
}

/// Writes every changed file.
pub fn apply_all(report: &mut RunReport) {
    let mut errors = Vec::new();
    for file in &mut report.files {
        apply(file, &mut errors);
    }
    report.errors.extend(errors);
}

/// Leaves a changed file unwritten for `reason`: an error of the run, and the file's fixes
/// reported as not applied.
pub fn refuse(file: &mut FileReport, errors: &mut Vec<SourceError>, reason: &str) {
    errors.push(SourceError::new(
        &file.path,
        None,
        format!("not fixed: {reason}"),
    ));
    unapplied(file, &format!("not written: the file {reason}"));
}

/// Writes a changed file; a failed write becomes an error of the run, and the file's fixes are
/// reported as not applied.
pub fn apply(file: &mut FileReport, errors: &mut Vec<SourceError>) {
    let Some(bytes) = &file.fixed else { return };
    if let Err(e) = replace(&file.path, &file.original, bytes) {
        errors.push(SourceError::new(&file.path, None, e.to_string()));
        unapplied(file, "the file could not be written");
    }
}

/// The file keeps its bytes: its fixed findings become `fix-failed` with `reason`.
fn unapplied(file: &mut FileReport, reason: &str) {
    file.fixed = None;
    for finding in &mut file.findings {
        if finding.status == Status::Fixed {
            finding.status = Status::FixFailed;
            finding.reason = Some(reason.to_owned());
        }
    }
}
