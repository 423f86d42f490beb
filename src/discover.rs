//! Finds the files to check: paths given on the command line, directories walked recursively
//! with `.gitignore` honoured, and the folders no one wants scanned left out.

use std::path::{Path, PathBuf};

/// The kind of file, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKind {
    Terraform,
    Yaml,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Named on the command line rather than found by walking a directory.
    pub named: bool,
}

/// Something skipped on purpose, or a path that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
    /// True when the path could not be read (an error), false for a notice.
    pub error: bool,
}

/// Folders never walked into: VCS data, downloaded or vendored modules and packages. Fixes are
/// never written there; a file inside them is checked only when named on the command line.
const SKIPPED_DIRS: [&str; 4] = [".git", ".terraform", "node_modules", "vendor"];

pub fn kind_of(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".tf") {
        Some(FileKind::Terraform)
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        Some(FileKind::Yaml)
    } else {
        None
    }
}

/// Files larger than this many bytes are skipped with a notice unless a limit is given: real
/// Terraform and Kubernetes files are far smaller, and a huge one is generated or hostile.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Walks `paths`; results are sorted by path. Files over `max_size` bytes are skipped with a
/// notice; symbolic links found while walking are not followed (they may point outside the
/// tree, or loop) and are noted when they look like files or folders to check.
pub fn discover(paths: &[PathBuf], max_size: u64) -> (Vec<Found>, Vec<Skipped>) {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                skipped.push(Skipped {
                    path: root.clone(),
                    reason: e.to_string(),
                    error: true,
                });
                continue;
            }
        };
        if meta.is_file() {
            match kind_of(root) {
                Some(_) if meta.len() > max_size => skipped.push(too_large(root, max_size)),
                Some(kind) => found.push(Found {
                    path: root.clone(),
                    kind,
                    named: true,
                }),
                None => skipped.push(Skipped {
                    path: root.clone(),
                    reason: "not a Terraform (.tf) or YAML (.yaml, .yml) file".into(),
                    error: false,
                }),
            }
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .hidden(false)
            .require_git(false)
            .follow_links(false)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && e.file_name()
                        .to_str()
                        .is_some_and(|n| SKIPPED_DIRS.contains(&n)))
            })
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if entry.path_is_symlink() {
                        let path = entry.into_path();
                        let is_dir = std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
                        if is_dir || kind_of(&path).is_some() {
                            skipped.push(Skipped {
                                path,
                                reason: "symbolic link; not followed".into(),
                                error: false,
                            });
                        }
                        continue;
                    }
                    if !entry.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let size = entry.metadata().map_or(0, |m| m.len());
                    let path = entry.into_path();
                    match kind_of(&path) {
                        Some(_) if size > max_size => skipped.push(too_large(&path, max_size)),
                        Some(kind) => found.push(Found {
                            path,
                            kind,
                            named: false,
                        }),
                        None if path.to_str().is_some_and(|p| p.ends_with(".tf.json")) => {
                            skipped.push(Skipped {
                                path,
                                reason: "Terraform JSON syntax is not checked".into(),
                                error: false,
                            });
                        }
                        None => {}
                    }
                }
                Err(e) => skipped.push(Skipped {
                    path: root.clone(),
                    reason: e.to_string(),
                    error: true,
                }),
            }
        }
    }
    found.sort();
    // A file both named and walked is one file (kept as walked: its directory is complete).
    found.dedup_by(|a, b| a.path == b.path);
    skipped.sort();
    skipped.dedup();
    (found, skipped)
}

fn too_large(path: &Path, max_size: u64) -> Skipped {
    Skipped {
        path: path.to_path_buf(),
        reason: format!("larger than {max_size} bytes (--max-file-size); not checked"),
        error: false,
    }
}
