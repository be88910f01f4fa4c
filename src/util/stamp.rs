//! File stamps: what a build can know about a file without reading it.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Size and modification time of a file: when both match the record and the file was not
/// modified in the last moments before the recorded build read it, its contents are trusted
/// unchanged without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileStamp {
    pub(crate) len: u64,
    /// Nanoseconds since the Unix epoch.
    pub(crate) modified: i128,
}

impl FileStamp {
    pub(crate) fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            len: meta.len(),
            modified: nanos(meta.modified().ok()?),
        })
    }
}

fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

pub(crate) fn now_nanos() -> i128 {
    nanos(SystemTime::now())
}

/// File systems keep modification times in coarse ticks, so a file written twice within a
/// tick keeps its time. A file modified this close to when a build looked at it is read and
/// compared by content on the next build, as git does for its index.
pub(crate) const RACY_NANOS: i128 = 2_000_000_000;

/// The same window on a file system whose times show fractions of a second: there a time
/// is the kernel's coarse clock, which moves every timer tick (at most 10 ms), so a time
/// 100 ms older than a look at it can no longer be given again. The two seconds of
/// [`RACY_NANOS`] are for file systems that keep whole (FAT: even) seconds, whose times
/// never show a fraction.
pub(crate) const FINE_RACY_NANOS: i128 = 100_000_000;
