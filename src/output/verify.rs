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
//!   times in coarse ticks, so a folder modified within a tick of the manifest's writing is
//!   listed (a file added in the same tick would leave its time as it was), as git does for
//!   its index. A tick is taken as [`FINE_RACY_NANOS`] (0.1 s; the kernel's clock moves
//!   every 10 ms at most) in a tree whose times show fractions of a second, and as
//!   [`RACY_NANOS`] (2 s, for FAT's even seconds) otherwise. As git refreshes its index,
//!   an express build that found the output intact notes when its check started in the cache
//!   ([`crate::cache::save_verified_at`]); the next check of that folder takes that time
//!   as the manifest's writing time, so a folder a tick older than the noted check is
//!   proven by its stamp. Sound for the same reason: the check listed it after that time,
//!   and any entry added or removed since gave it a later time.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{MANIFEST, Manifest, Stamp};
use crate::util::digest::content_hash;
use crate::util::stamp::{FINE_RACY_NANOS, RACY_NANOS};

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

/// Whether a folder last changed as `stamp` says is proven by that stamp in a tree whose
/// manifest was written (or last found intact) at `written`, nanoseconds since the epoch:
/// it changed more than a tick of the file system's clock before, so any later change gave
/// it another time. `fine`: the tree's times show fractions of a second
/// ([`FINE_RACY_NANOS`]); otherwise the file system may keep whole seconds ([`RACY_NANOS`]).
pub(super) fn settled_by(stamp: &Stamp, written: u64, fine: bool) -> bool {
    let window = if fine { FINE_RACY_NANOS } else { RACY_NANOS };
    i128::from(stamp.modified) + window < i128::from(written)
}

/// Whether any of `stamps` shows a fraction of a second: the file system keeps finer times
/// than whole seconds (see [`settled_by`]). A file system with whole-second times never
/// gives one; a tree on a fine one has one in all but a one-in-a-billion chance per stamp.
pub(super) fn fine_times<'a>(stamps: impl IntoIterator<Item = &'a Stamp>) -> bool {
    stamps
        .into_iter()
        .any(|stamp| stamp.modified % 1_000_000_000 != 0)
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
            (0..manifest.folders.len())
                .into_par_iter()
                .map(|index| {
                    let (path, recorded) = manifest.folder(index);
                    let recorded = recorded?;
                    let settled = manifest
                        .written
                        .is_some_and(|written| settled_by(&recorded, written, manifest.fine));
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    const AN_HOUR: Duration = Duration::from_secs(3600);

    /// A folder is proven by its stamp only a file system tick after it changed: a tenth of
    /// a second where times show fractions of one, two seconds where they may not.
    #[test]
    fn a_stamp_proves_its_folder_a_tick_after_it_changed() {
        let stamp = |modified| Stamp {
            size: 0,
            modified,
            inode: 1,
        };
        let changed = 1_700_000_000_250_000_000;
        assert!(fine_times(&[
            stamp(1_700_000_000_000_000_000),
            stamp(changed)
        ]));
        assert!(!fine_times(&[stamp(1_700_000_000_000_000_000)]));
        assert!(!fine_times(&[]));
        for (after, fine, settled) in [
            (50_000_000, true, false),
            (100_000_000, true, false),
            (100_000_001, true, true),
            (1_999_999_999, false, false),
            (2_000_000_001, false, true),
        ] {
            assert_eq!(
                settled_by(&stamp(changed), changed + after, fine),
                settled,
                "{after} ns later, fine: {fine}"
            );
        }
    }

    /// Sets the modification time of the file or folder at `path`.
    fn set_time(path: &Path, time: SystemTime) {
        std::fs::File::open(path)
            .unwrap()
            .set_modified(time)
            .unwrap();
    }

    fn stamp_text(path: &Path) -> String {
        let stamp = Stamp::of_metadata(&std::fs::symlink_metadata(path).unwrap());
        format!("{} {} {}", stamp.size, stamp.modified, stamp.inode)
    }

    /// A tree of `files` whose folders were last changed an hour ago, with a manifest
    /// written now that records every file and folder as it is.
    fn settled_tree(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("public");
        for (path, text) in files {
            let target = tree.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(&target, text).unwrap();
        }
        let mut folders: Vec<String> = files
            .iter()
            .flat_map(|(path, _)| {
                path.match_indices('/')
                    .map(|(cut, _)| path[..cut].to_string())
            })
            .collect();
        folders.sort();
        folders.dedup();
        for folder in &folders {
            set_time(&tree.join(folder), SystemTime::now() - AN_HOUR);
        }
        let mut manifest = format!(
            "#build test\n#stamps size modified inode\n#written {}\n",
            crate::util::stamp::now_nanos()
        );
        for folder in &folders {
            manifest += &format!("#folder {} {folder}\n", stamp_text(&tree.join(folder)));
        }
        for (path, text) in files {
            manifest += &format!(
                "{} {} {path}\n",
                content_hash(text.as_bytes()),
                stamp_text(&tree.join(path))
            );
        }
        std::fs::write(tree.join(MANIFEST), manifest).unwrap();
        (dir, tree)
    }

    const FILES: [(&str, &str); 4] = [
        ("index.html", "root"),
        ("en/a/index.html", "page a"),
        ("en/b/index.html", "page b"),
        ("nl/a/index.html", "pagina a"),
    ];

    fn checked(tree: &Path) -> TreeCheck {
        check_tree(tree, &Manifest::read(tree).unwrap())
    }

    fn file_index(tree: &Path, path: &str) -> usize {
        Manifest::read(tree).unwrap().index_of(path).unwrap()
    }

    #[test]
    fn a_settled_tree_is_proven_without_listing_its_folders() {
        let (_dir, tree) = settled_tree(&FILES);
        let check = checked(&tree);
        assert!(check.intact());
        assert!(check.folders.iter().all(Option::is_some));
        assert!(check.files.iter().all(Option::is_some));
    }

    #[test]
    fn a_file_edited_with_its_time_set_back_but_another_size_is_caught() {
        let (_dir, tree) = settled_tree(&FILES);
        let target = tree.join("en/a/index.html");
        let before = std::fs::metadata(&target).unwrap().modified().unwrap();
        std::fs::write(&target, "page a, and a script").unwrap();
        set_time(&target, before);
        let check = checked(&tree);
        assert!(!check.intact());
        assert_eq!(check.files[file_index(&tree, "en/a/index.html")], None);
        // Its folder is as it was: nothing was added or removed.
        assert!(check.folders.iter().all(Option::is_some));
    }

    #[test]
    fn a_file_edited_in_place_with_the_same_size_is_caught_and_a_touch_is_not() {
        let (_dir, tree) = settled_tree(&FILES);
        std::fs::write(tree.join("en/a/index.html"), "PAGE A").unwrap();
        set_time(&tree.join("en/b/index.html"), SystemTime::now());
        let check = checked(&tree);
        assert_eq!(check.files[file_index(&tree, "en/a/index.html")], None);
        assert!(check.files[file_index(&tree, "en/b/index.html")].is_some());
    }

    #[test]
    fn a_file_renamed_over_another_with_its_size_and_time_is_caught() {
        let (_dir, tree) = settled_tree(&FILES);
        let target = tree.join("en/a/index.html");
        let before = std::fs::metadata(&target).unwrap().modified().unwrap();
        let other = tree.join("en/a/other");
        std::fs::write(&other, "PAGE A").unwrap();
        set_time(&other, before);
        std::fs::rename(&other, &target).unwrap();
        set_time(&tree.join("en/a"), SystemTime::now() - AN_HOUR);
        let check = checked(&tree);
        // Another inode: even with its folder's time set back, the file is not trusted.
        assert_eq!(check.files[file_index(&tree, "en/a/index.html")], None);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_replaced_by_a_link_is_caught() {
        let (dir, tree) = settled_tree(&FILES);
        let elsewhere = dir.path().join("elsewhere.html");
        std::fs::write(&elsewhere, "page a").unwrap();
        let target = tree.join("en/a/index.html");
        std::fs::remove_file(&target).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &target).unwrap();
        let check = checked(&tree);
        assert!(!check.intact());
        assert_eq!(check.files[file_index(&tree, "en/a/index.html")], None);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_replaced_by_a_link_is_a_stray() {
        let (dir, tree) = settled_tree(&FILES);
        let elsewhere = dir.path().join("elsewhere");
        std::fs::rename(tree.join("nl/a"), &elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, tree.join("nl/a")).unwrap();
        let check = checked(&tree);
        assert!(!check.intact());
        assert_eq!(check.strays, [PathBuf::from("nl/a")]);
    }

    #[test]
    fn files_and_folders_added_in_a_settled_folder_are_strays() {
        let (_dir, tree) = settled_tree(&FILES);
        std::fs::write(tree.join("en/b/notes.txt"), "stray").unwrap();
        std::fs::create_dir_all(tree.join("nl/a/deeper/still")).unwrap();
        std::fs::write(tree.join(".hidden"), "stray").unwrap();
        let mut check = checked(&tree);
        assert!(!check.intact());
        let mut strays = check.strays.clone();
        strays.sort();
        assert_eq!(
            strays,
            [
                PathBuf::from(".hidden"),
                PathBuf::from("en/b/notes.txt"),
                PathBuf::from("nl/a/deeper")
            ]
        );
        remove_strays(&tree, &mut check);
        assert!(!check.unreadable);
        assert!(!tree.join("en/b/notes.txt").exists());
        assert!(!tree.join("nl/a/deeper").exists());
        assert!(tree.join("nl/a/index.html").exists());
    }

    #[test]
    fn a_folder_changed_just_before_the_manifest_is_listed() {
        let (_dir, tree) = settled_tree(&FILES);
        let folder = tree.join("en/a");
        let recorded = std::fs::metadata(&folder).unwrap().modified().unwrap();
        let manifest = std::fs::read_to_string(tree.join(MANIFEST)).unwrap();
        // As if the manifest were written within a tick of the folder's last change, and a
        // file added in that tick left the folder's time as recorded.
        let written = manifest.lines().nth(2).unwrap().to_string();
        let early = Stamp::of_metadata(&std::fs::metadata(&folder).unwrap()).modified + 1;
        std::fs::write(
            tree.join(MANIFEST),
            manifest.replace(&written, &format!("#written {early}")),
        )
        .unwrap();
        std::fs::write(folder.join("stray.js"), "stray").unwrap();
        set_time(&folder, recorded);
        let check = checked(&tree);
        let at = Manifest::read(&tree).unwrap().folder_index("en/a").unwrap();
        assert_eq!(check.folders[at], None);
        assert_eq!(check.strays, [PathBuf::from("en/a/stray.js")]);
    }
}
