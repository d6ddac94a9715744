//! Backups with SQLite's online backup API (consistent while the shop keeps working), the
//! inspection of a backup file, and restoring one into the open database.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use kaidan_core::{Error, Problem};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{storage, Db, SqlResult, Store, SCHEMA_VERSION};

/// Row counts of the main tables: what a backup's manifest promises and restore shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupCounts {
    pub orders: i64,
    pub order_lines: i64,
    pub deliveries: i64,
    pub customers: i64,
    pub products: i64,
    pub stock_moves: i64,
}

/// What is inside a database file, read without changing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupFile {
    pub schema_version: i64,
    pub counts: BackupCounts,
    pub last_order_number: Option<String>,
    /// `PRAGMA quick_check` said "ok".
    pub intact: bool,
    /// What `quick_check` said otherwise.
    pub problems: Vec<String>,
}

impl Db<'_> {
    pub fn counts(&self) -> Result<BackupCounts, Error> {
        self.row(
            "SELECT (SELECT COUNT(*) FROM sales_order), (SELECT COUNT(*) FROM order_line), (SELECT COUNT(*) FROM delivery),
                    (SELECT COUNT(*) FROM customer), (SELECT COUNT(*) FROM product), (SELECT COUNT(*) FROM stock_move)",
            [],
            |r| {
                Ok(BackupCounts {
                    orders: r.get(0)?,
                    order_lines: r.get(1)?,
                    deliveries: r.get(2)?,
                    customers: r.get(3)?,
                    products: r.get(4)?,
                    stock_moves: r.get(5)?,
                })
            },
        )
        .sql()
    }

    pub fn last_order_number(&self) -> Result<Option<String>, Error> {
        self.row("SELECT number FROM sales_order ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)).optional().sql()
    }

    /// Records a backup attempt (a failed one too).
    #[allow(clippy::too_many_arguments)]
    pub fn log_backup(
        &self,
        id: &str,
        at: &str,
        kind: kaidan_core::BackupKind,
        ok: bool,
        file: Option<&str>,
        bytes: Option<i64>,
        error: Option<&str>,
        changes: i64,
    ) -> Result<(), Error> {
        self.exec(
            "INSERT INTO backup_log (id, at, kind, ok, file, bytes, error, created_at, updated_at, changes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?2, ?2, ?8)",
            rusqlite::params![id, at, kind.as_str(), ok, file, bytes, error, changes],
        )
        .sql()?;
        Ok(())
    }

    /// The latest backup attempts, newest first: `(at, kind, ok, file, error)`.
    /// Records a full check of the file that passed.
    pub fn log_integrity_check(&self, stamp: &crate::Stamp, millis: u64) -> Result<(), Error> {
        self.exec(
            "INSERT INTO health_check (id, at, kind, millis, created_at) VALUES (?1, ?2, 'integrity', ?3, ?2)",
            rusqlite::params![crate::new_id(stamp.at), stamp.time(), millis as i64],
        )
        .sql()?;
        Ok(())
    }

    /// When the last full check of the file passed.
    pub fn last_integrity_check(&self) -> Result<Option<String>, Error> {
        self.row("SELECT MAX(at) FROM health_check WHERE kind = 'integrity'", [], |r| r.get(0)).sql()
    }

    /// Counts `n` changes, in the transaction that made them: every business write counts one,
    /// an import or the demo data one per record as well.
    pub fn count_changes(&self, n: i64) -> Result<(), Error> {
        self.exec("UPDATE change_count SET n = n + ?1 WHERE id = 1", [n.max(0)]).sql()?;
        Ok(())
    }

    /// How many changes the shop has had (since this count began, at schema version 10).
    pub fn change_count(&self) -> Result<i64, Error> {
        self.row("SELECT n FROM change_count WHERE id = 1", [], |r| r.get(0)).sql()
    }

    /// Changes made after the newest good backup that holds the shop's data as it was (a
    /// restore's safety copy holds the data before it, so does not count); all of them when
    /// there is none, or when it was made before changes were counted.
    pub fn changes_since_backup(&self) -> Result<i64, Error> {
        let seen: Option<i64> = self
            .row("SELECT changes FROM backup_log WHERE ok = 1 AND kind <> 'safety' ORDER BY at DESC, id DESC LIMIT 1", [], |r| r.get(0))
            .optional()
            .sql()?
            .flatten();
        Ok((self.change_count()? - seen.unwrap_or(0)).max(0))
    }

    pub fn backup_attempts(
        &self,
        limit: u32,
    ) -> Result<Vec<(String, kaidan_core::BackupKind, bool, Option<String>, Option<String>)>, Error> {
        let mut st =
            self.conn.prepare_cached("SELECT at, kind, ok, file, error FROM backup_log ORDER BY at DESC, id DESC LIMIT ?1").sql()?;
        let rows = st.query_map([limit], |r| Ok((r.get(0)?, crate::closed(r, 1)?, r.get(2)?, r.get(3)?, r.get(4)?))).sql()?;
        rows.collect::<rusqlite::Result<Vec<_>>>().sql()
    }
}

/// Refuses `Cancelled` with a clear problem.
fn cancelled() -> Error {
    Error::new(Problem::Cancelled)
}

/// Copies pages from `from` to `to`, reporting `(done, total)` pages. Stepwise, so progress
/// shows and a cancel is honoured; when another process keeps writing (each write restarts a
/// stepwise copy) it finishes in one step, which holds a read snapshot while it copies.
fn copy_pages(from: &Connection, to: &mut Connection, progress: &mut dyn FnMut(u64, u64), cancel: &AtomicBool) -> Result<(), Error> {
    let backup = Backup::new(from, to).sql()?;
    let mut restarts = 0;
    let mut last_remaining = i64::MAX;
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(cancelled());
        }
        let pages = if restarts >= 3 { -1 } else { 8192 };
        let step = backup.step(pages).sql()?;
        let p = backup.progress();
        let (remaining, total) = (i64::from(p.remaining), i64::from(p.pagecount));
        if remaining > last_remaining {
            restarts += 1;
        }
        last_remaining = remaining;
        progress((total - remaining).max(0) as u64, total.max(0) as u64);
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(20)),
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

impl Store {
    /// Writes a consistent copy of the open database to `dest` (which must not exist yet) with
    /// the online backup API, and makes it a self-contained file (rollback journal, synced).
    pub fn backup_to(&self, dest: &Path, progress: &mut dyn FnMut(u64, u64), cancel: &AtomicBool) -> Result<(), Error> {
        let mut to = Connection::open_with_flags(dest, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)
            .map_err(|e| storage(format!("{}: {e}", dest.display())))?;
        // a new file that is thrown away on any failure: no journal and no flush while copying,
        // one fsync at the end
        let _off: String = to.query_row("PRAGMA journal_mode = OFF", [], |r| r.get(0)).sql()?;
        to.pragma_update(None, "synchronous", "OFF").sql()?;
        copy_pages(&self.conn, &mut to, progress, cancel)?;
        // a backup is one file: no WAL beside it
        let _mode: String = to.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)).sql()?;
        to.close().map_err(|(_, e)| storage(e))?;
        std::fs::File::open(dest).and_then(|f| f.sync_all()).map_err(|e| storage(format!("{}: {e}", dest.display())))?;
        Ok(())
    }

    /// Replaces the open database's content with the database at `src` (already inspected by
    /// the caller), then migrates it forward to this build's schema and sets it up as usual.
    pub fn restore_from(&mut self, src: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<(), Error> {
        let from =
            Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| storage(format!("{}: {e}", src.display())))?;
        let never = AtomicBool::new(false);
        self.conn.flush_prepared_statement_cache();
        copy_pages(&from, &mut self.conn, progress, &never)?;
        self.prepare(crate::Durability::Full)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, Error> {
        self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).sql()
    }
}

/// Reads a database file without writing to it: its schema version, SQLite's quick check,
/// row counts and the last order number.
pub fn inspect(path: &Path) -> Result<BackupFile, Error> {
    inspect_with(path, true)
}

/// [`inspect`], optionally without `quick_check` (which reads the whole file).
pub fn inspect_with(path: &Path, quick_check: bool) -> Result<BackupFile, Error> {
    if !path.is_file() {
        return Err(storage(format!("{}: no such file", path.display())));
    }
    // read-only and `immutable`: not even a -shm or -journal file is created beside it
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let conn = Connection::open_with_flags(&uri, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI)
        .map_err(|e| storage(format!("{}: {e}", path.display())))?;
    let problems: Vec<String> = if !quick_check {
        Vec::new()
    } else {
        match conn.prepare("PRAGMA quick_check") {
            Ok(mut st) => match st.query_map([], |r| r.get::<_, String>(0)) {
                Ok(rows) => rows.filter_map(Result::ok).filter(|s| s != "ok").collect(),
                Err(e) => vec![e.to_string()],
            },
            Err(e) => vec![e.to_string()],
        }
    };
    let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap_or(-1);
    conn.pragma_update(None, "cache_size", -65_536).sql()?;
    let db = Db { conn: &conn };
    let (counts, last_order_number) =
        if problems.is_empty() && schema_version >= 1 { (db.counts()?, db.last_order_number()?) } else { (BackupCounts::default(), None) };
    Ok(BackupFile { schema_version, counts, last_order_number, intact: problems.is_empty(), problems })
}

/// `PRAGMA quick_check` of a shop's own database file, before anything else touches it (no
/// migration, no pragma that writes). Empty when healthy.
pub fn quick_check_in_place(path: &Path) -> Result<Vec<String>, Error> {
    check_in_place(path, "quick_check")
}

/// `PRAGMA integrity_check` of a database file on a connection of its own (the shop keeps
/// working meanwhile: it only reads); the problems found, empty when intact.
pub fn integrity_check_in_place(path: &Path) -> Result<Vec<String>, Error> {
    check_in_place(path, "integrity_check")
}

fn check_in_place(path: &Path, pragma: &str) -> Result<Vec<String>, Error> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| storage(format!("{}: {e}", path.display())))?;
    let mut st = match conn.prepare(&format!("PRAGMA {pragma}")) {
        Ok(st) => st,
        Err(e) => return Ok(vec![e.to_string()]),
    };
    let rows = match st.query_map([], |r| r.get::<_, String>(0)) {
        Ok(rows) => rows,
        Err(e) => return Ok(vec![e.to_string()]),
    };
    let mut out = Vec::new();
    for r in rows {
        match r {
            Ok(s) if s == "ok" => {}
            Ok(s) => out.push(s),
            Err(e) => out.push(e.to_string()),
        }
    }
    Ok(out)
}

/// Whether this build can open a file of that schema version (older ones are migrated).
pub fn schema_supported(version: i64) -> bool {
    (1..=SCHEMA_VERSION as i64).contains(&version)
}

/// A path as the path part of an SQLite `file:` URI (spaces, `?`, `#`, `%` and non-ASCII
/// escaped; Windows drive paths get a leading slash).
fn uri_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    if s.as_bytes().get(1) == Some(&b':') {
        out.push('/');
    }
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
