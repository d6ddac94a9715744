//! The front door: what every caller of the shop does around a use case, in one place for the
//! `kaidan` CLI and the window's [`crate::Desk`] alike — the context of an action from the
//! clock, the check of the file at open, the daily backup after a write (decided by the use
//! cases: each write marks the shop written), whole-file writes, and pages of lists.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::{Local, Utc};
use kaidan_core::{Error, Lang};

use crate::{Ctx, Shop};

/// The file is checked at open (SQLite's `quick_check`, ~0.1 s for 20 MB) up to this size;
/// larger shops rely on `kaidan check` and the window's weekly background check.
pub const OPEN_CHECK_LIMIT: u64 = 64 << 20;

/// Opens the shop at `path`, checked first when it is small enough ([`OPEN_CHECK_LIMIT`]): a
/// damaged file is refused untouched, naming the newest good backup.
pub fn open_shop(path: &Path) -> Result<Shop, Error> {
    crate::open_checked(path, OPEN_CHECK_LIMIT)
}

/// This computer's offset from UTC at the start of `day` (a day of summer time has its own, and
/// a day log of last winter is read at last winter's): the time zone is read here, at the front
/// door, like the clock.
pub fn local_offset_on(day: chrono::NaiveDate) -> chrono::FixedOffset {
    use chrono::TimeZone;
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    Local.from_local_datetime(&midnight).earliest().map_or_else(|| *Local::now().offset(), |t| *t.offset())
}

impl Ctx {
    /// An action taken now, on this computer's clock and time zone: the one place the clock is
    /// read (use cases get the time passed in).
    pub fn now(lang: Lang, operator: Option<String>, pin: Option<String>, request_id: Option<String>) -> Self {
        let now = Utc::now();
        let local = now.with_timezone(&Local);
        Ctx { operator, pin, request_id, now, today: local.date_naive(), utc_offset: *local.offset(), lang, session: None, approval: None }
    }
}

impl Shop {
    /// After a caller's work: when a use case wrote to the shop since the last call, the
    /// automatic backup is made if one is due ([`Shop::backup_due`]: a day old, or work waiting
    /// for `backup_every_minutes`); a failure is recorded in the backup log and returned, the
    /// write stands. Reads, replayed requests and refused writes make none.
    pub fn backup_after_writes(&mut self, ctx: &Ctx) -> Result<bool, Error> {
        if !std::mem::take(&mut self.wrote) {
            return Ok(false);
        }
        self.auto_backup(ctx)
    }

    /// The automatic backup of an initialised shop when one is due ([`Shop::backup_due`]), after
    /// a write and from the window's timer. A failure is recorded in the backup log and returned.
    pub fn auto_backup(&mut self, ctx: &Ctx) -> Result<bool, Error> {
        if !self.is_initialized()? {
            return Ok(false);
        }
        let never = AtomicBool::new(false);
        Ok(self.backup_if_due(ctx, &mut |_, _| {}, &never)?.is_some())
    }

    /// Marks the shop written by a use case that writes outside [`Shop::write`] (demo data).
    pub(crate) fn mark_written(&mut self) {
        self.wrote = true;
    }
}

/// Writes a file whole or not at all: `fill` writes a temporary file beside `path` (same
/// folder, so the rename cannot cross drives), which is synced and renamed over `path`; on any
/// failure the temporary file is removed and `path` is as it was.
pub fn write_whole(path: &Path, fill: impl FnOnce(&Path) -> std::io::Result<()>) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
    let tmp = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let done = fill(&tmp).and_then(|()| std::fs::File::open(&tmp)?.sync_all()).and_then(|()| std::fs::rename(&tmp, path));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// [`write_whole`] of bytes.
pub fn write_bytes_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_whole(path, |tmp| std::fs::write(tmp, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_whole_or_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("销售单 INV-1.pdf");
        write_bytes_whole(&path, b"first").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        let failed = write_whole(&path, |tmp| {
            std::fs::write(tmp, b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"first", "the old file stays");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 1, "no temporary file left: {left:?}");
    }
}
