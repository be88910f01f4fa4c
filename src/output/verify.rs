//! Output verification: whether an output tree still holds what its manifest says, with one
//! stat per file and per folder instead of reading the files or walking the tree.
//!
//! Why this proves enough:
//! - A file is trusted when its size, modification time (in nanoseconds) and inode number
//!   are those its manifest recorded right after writing it, and it is still a regular file
//!   (a symlink or folder in its place is not). Editing a file in place changes its
//!   modification time, and a file put in its place by a rename (editors, `cp` of a new
//!   file, `rsync`) is another inode. A file whose stamp changed is read and hashed: a
//!   touch with the same bytes is still the file the build wrote. What this does not catch
//!   is an edit that keeps the size and sets the modification time back by hand, as `make`,
//!   `rsync` and git (without its ctime check) do not. The change time (ctime) would catch
//!   that too, but the two trees share files by hard link, and every link or unlink of a
//!   shared file changes its ctime: a manifest could not record it without going stale at
//!   the next build.
//! - Hard links: a carried file is one inode in both trees, so an edit through either name
//!   changes the modification time both trees' manifests are checked against, and each
//!   tree's check catches it on its own.
//! - Files added by hand: adding, removing or renaming an entry changes the modification
//!   time of the folder that holds it (not of the file). So each folder's stamp is recorded
//!   too, and a folder is listed only when its stamp changed; a folder replaced by another
//!   changes its parent's time, so the chain from the root is proven folder by folder. The
//!   root is always listed, as writing the manifest itself changes it. File systems keep
//!   times in coarse ticks, so a folder modified within [`RACY_NANOS`] of the manifest's
//!   writing is always listed (a file added in the same tick would leave its time as it
//!   was), as git does for its index.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{MANIFEST, Manifest, Stamp};
use crate::util::digest::content_hash;
use crate::util::stamp::RACY_NANOS;

/// What a check of a tree against its manifest found.
pub(crate) struct TreeCheck {
    /// For each file of the manifest, in its order: the file's stamp now, when it still holds
    /// what the manifest says.
    pub(crate) files: Vec<Option<Stamp>>,
    /// For each folder of the manifest, in its order: its stamp now, when it proves that the
    /// folder's entries are as the manifest's build left them.
    pub(crate) folders: Vec<Option<Stamp>>,
    /// Entries no line of the manifest accounts for (added by hand, or a folder where a file
    /// was), relative to the tree.
    pub(crate) strays: Vec<PathBuf>,
    /// A folder could not be listed: what it holds is unknown.
    pub(crate) unreadable: bool,
}

impl TreeCheck {
    /// Whether the tree holds every file of the manifest as written and nothing else.
    pub(crate) fn intact(&self) -> bool {
        !self.unreadable && self.strays.is_empty() && self.files.iter().all(Option::is_some)
    }
}

/// Checks `tree` against `manifest` (see the module docs).
pub(crate) fn check_tree(tree: &Path, manifest: &Manifest) -> TreeCheck {
    let root = Root::open(tree);
    let (files, folders) = rayon::join(
        || {
            (0..manifest.lines.len())
                .into_par_iter()
                .map(|index| {
                    let (path, hash, recorded) = manifest.line(index);
                    let now = root.stamp(path, false)?;
                    if recorded == Some(now) {
                        return Some(now);
                    }
                    let bytes = std::fs::read(tree.join(path)).ok()?;
                    (content_hash(&bytes) == hash).then_some(now)
                })
                .collect::<Vec<_>>()
        },
        || {
            let written = manifest.written.map(i128::from);
            (0..manifest.folders.len())
                .into_par_iter()
                .map(|index| {
                    let (path, recorded) = manifest.folder(index);
                    let recorded = recorded?;
                    let settled = written.is_some_and(|written| {
                        i128::from(recorded.modified) + RACY_NANOS < written
                    });
                    let now = root.stamp(path, true)?;
                    (settled && now == recorded).then_some(now)
                })
                .collect::<Vec<_>>()
        },
    );
    let unproven: Vec<&str> = std::iter::once("")
        .chain(
            folders
                .iter()
                .enumerate()
                .filter(|(_, now)| now.is_none())
                .map(|(index, _)| manifest.folder(index).0),
        )
        .collect();
    let listed: Vec<Option<Vec<PathBuf>>> = unproven
        .par_iter()
        .map(|folder| strays_in(tree, manifest, folder))
        .collect();
    let unreadable = listed.iter().any(Option::is_none);
    TreeCheck {
        files,
        folders,
        strays: listed.into_iter().flatten().flatten().collect(),
        unreadable,
    }
}

/// The entries of `folder` (relative to `tree`; empty for the root) that `manifest` does
/// not list; `None` when the folder cannot be listed. A folder that is gone or is no folder
/// holds none: its parent's listing finds what stands in its place.
fn strays_in(tree: &Path, manifest: &Manifest, folder: &str) -> Option<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(tree.join(folder)) {
        Ok(entries) => entries,
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Some(Vec::new());
        }
        Err(_) => return None,
    };
    let mut strays = Vec::new();
    for entry in entries {
        let entry = entry.ok()?;
        let name = entry.file_name();
        let relative = Path::new(folder).join(&name);
        let listed = match (name.to_str(), entry.file_type().ok()?.is_dir()) {
            (None, _) => false,
            (Some(name), is_folder) => {
                let path = if folder.is_empty() {
                    name.to_string()
                } else {
                    format!("{folder}/{name}")
                };
                if is_folder {
                    manifest.holds_folder(&path)
                } else {
                    (folder.is_empty() && name == MANIFEST) || manifest.entry(&path).is_some()
                }
            }
        };
        if !listed {
            strays.push(relative);
        }
    }
    Some(strays)
}

/// A tree's root, open once so that each path is looked up from it.
struct Root {
    #[cfg(target_os = "linux")]
    opened: Option<rustix::fd::OwnedFd>,
    #[cfg(not(target_os = "linux"))]
    path: PathBuf,
}

impl Root {
    #[cfg(target_os = "linux")]
    fn open(tree: &Path) -> Root {
        use rustix::fs::{Mode, OFlags};
        let opened = rustix::fs::open(
            tree,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .ok();
        Root { opened }
    }

    #[cfg(not(target_os = "linux"))]
    fn open(tree: &Path) -> Root {
        Root {
            path: tree.to_path_buf(),
        }
    }

    /// The stamp of the file (or with `folder`, the folder) at `path`, not following a link
    /// there; `None` when it is missing or something else.
    #[cfg(target_os = "linux")]
    fn stamp(&self, path: &str, folder: bool) -> Option<Stamp> {
        use rustix::fs::{AtFlags, FileType, StatxFlags};
        let found = rustix::fs::statx(
            self.opened.as_ref()?,
            path,
            AtFlags::SYMLINK_NOFOLLOW,
            StatxFlags::TYPE | StatxFlags::SIZE | StatxFlags::MTIME | StatxFlags::INO,
        )
        .ok()?;
        let kind = FileType::from_raw_mode(u32::from(found.stx_mode));
        let wanted = if folder {
            FileType::Directory
        } else {
            FileType::RegularFile
        };
        let modified = u64::try_from(found.stx_mtime.tv_sec).ok()? * 1_000_000_000
            + u64::from(found.stx_mtime.tv_nsec);
        (kind == wanted).then_some(Stamp {
            size: found.stx_size,
            modified,
            inode: found.stx_ino,
        })
    }

    #[cfg(not(target_os = "linux"))]
    fn stamp(&self, path: &str, folder: bool) -> Option<Stamp> {
        let metadata = std::fs::symlink_metadata(self.path.join(path)).ok()?;
        let kind = if folder {
            metadata.is_dir()
        } else {
            metadata.is_file()
        };
        kind.then(|| Stamp::of_metadata(&metadata))
    }
}

/// Removes the entries `check` found in `tree` that its manifest does not list; one that
/// cannot be removed leaves the check `unreadable` (the caller walks the tree then, and
/// reports what fails).
pub(crate) fn remove_strays(tree: &Path, check: &mut TreeCheck) {
    let failed = check.strays.par_iter().any(|stray| {
        let target = tree.join(stray);
        let removed = match std::fs::symlink_metadata(&target) {
            Ok(metadata) if metadata.is_dir() => std::fs::remove_dir_all(&target),
            Ok(_) => std::fs::remove_file(&target),
            Err(error) => Err(error),
        };
        removed.is_err_and(|error| error.kind() != std::io::ErrorKind::NotFound)
    });
    check.unreadable |= failed;
}

/// The stamps of the folders at `paths` of `tree` now, in parallel.
pub(crate) fn folder_stamps(tree: &Path, paths: &[&str]) -> Vec<Option<Stamp>> {
    let root = Root::open(tree);
    paths
        .par_iter()
        .map(|path| root.stamp(path, true))
        .collect()
}
