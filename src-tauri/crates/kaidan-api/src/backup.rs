//! Backups and restore: a shop never loses its books.
//!
//! A backup is one SQLite file written with the online backup API (consistent while the shop
//! keeps working), plus a small JSON manifest beside it. It is first written as `*.partial`,
//! checked (`quick_check`, row counts, SHA-256), renamed, checked again, and only then gets
//! its manifest: a file without a manifest is never taken for a good backup, and on any
//! failure nothing is left behind. Every attempt, good or failed, is recorded in `backup_log`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use kaidan_core::{Error, Problem};
use kaidan_store::{BackupCounts, BackupFile};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Ctx, Shop};

pub use kaidan_core::BackupKind;

/// How often the window's timer runs its housekeeping (the automatic backup when due, the
/// weekly check of the file).
pub const HOUSEKEEPING_EVERY: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// The manifest beside each backup file (`<name>.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub created_at: String,
    pub kind: BackupKind,
    pub app_version: String,
    pub schema_version: i64,
    pub counts: BackupCounts,
    pub last_order_number: Option<String>,
    pub bytes: u64,
    pub sha256: String,
    /// Backups are not compressed: see docs/BENCHMARKS.md (it did not pay within the time goal).
    pub compressed: bool,
}

/// A backup on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupInfo {
    pub file: PathBuf,
    pub manifest: Manifest,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestoreOutcome {
    pub restored: BackupInfo,
    /// The copy of the data that was replaced.
    pub safety_copy: BackupInfo,
    /// The shop's invariants after the restore (and migration).
    pub check_ok: bool,
}

/// One recorded backup attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BackupAttempt {
    pub at: String,
    pub kind: BackupKind,
    pub ok: bool,
    pub file: Option<String>,
    pub error: Option<String>,
}

pub(crate) fn sha256_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    loop {
        let r = f.read(&mut buf)?;
        if r == 0 {
            break;
        }
        n += r as u64;
        h.update(&buf[..r]);
    }
    Ok((n, format!("{:x}", h.finalize())))
}

fn manifest_path(db: &Path) -> PathBuf {
    db.with_extension("json")
}

fn write_failed(folder: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(Problem::BackupWriteFailed { folder: folder.display().to_string(), detail: e.to_string() })
}

/// The check after writing: the file opens, `quick_check` is ok, its row counts and size are
/// the manifest's.
pub fn verify_backup(file: &Path, manifest: &Manifest) -> Result<(), Error> {
    let unverified = |detail: String| Error::new(Problem::BackupUnverified { detail });
    let again = kaidan_store::inspect_file(file).map_err(|e| unverified(e.message(kaidan_core::Lang::En)))?;
    if !again.intact {
        return Err(unverified(again.problems.join("; ")));
    }
    let bytes = std::fs::metadata(file).map_err(|e| unverified(e.to_string()))?.len();
    if again.counts != manifest.counts || bytes != manifest.bytes {
        return Err(unverified("the file read back differs from what was written".into()));
    }
    Ok(())
}

/// The manifest of a just-written backup file: what it holds (without `quick_check`, which
/// the verification after the rename does), its size and SHA-256.
fn manifest_of(file: &Path, now: DateTime<Utc>, kind: BackupKind) -> Result<Manifest, Error> {
    let f = kaidan_store::inspect_file_with(file, false)?;
    let (bytes, sha256) = sha256_file(file).map_err(|e| Error::new(Problem::Storage { detail: e.to_string() }))?;
    Ok(Manifest {
        format: 1,
        created_at: kaidan_store::time_text(now),
        kind,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: f.schema_version,
        counts: f.counts,
        last_order_number: f.last_order_number,
        bytes,
        sha256,
        compressed: false,
    })
}

/// A backup that may be restored: intact, matching its manifest, of a schema this build
/// knows (older ones are migrated), and confirmed with `yes`.
fn restorable(path: &Path, yes: bool) -> Result<(BackupFile, Option<Manifest>), Error> {
    let (file, manifest) = inspect_backup(path)?;
    let supported = kaidan_store::SCHEMA_VERSION as i64;
    if file.schema_version > supported {
        return Err(Problem::BackupTooNew { version: file.schema_version, supported }.into());
    }
    if !kaidan_store::schema_supported(file.schema_version) {
        return Err(Problem::BackupDamaged { file: path.display().to_string(), detail: "not a Kaidan database".into() }.into());
    }
    if !yes {
        return Err(Problem::RestoreNotConfirmed.into());
    }
    Ok((file, manifest))
}

/// Reads and checks a backup: the file must be intact; with a manifest beside it, its size,
/// SHA-256 and row counts must match the manifest.
pub fn inspect_backup(path: &Path) -> Result<(BackupFile, Option<Manifest>), Error> {
    let damaged = |detail: String| Error::new(Problem::BackupDamaged { file: path.display().to_string(), detail });
    let file = kaidan_store::inspect_file(path).map_err(|e| damaged(e.message(kaidan_core::Lang::En)))?;
    if !file.intact {
        return Err(damaged(file.problems.join("; ")));
    }
    let manifest = match std::fs::read(manifest_path(path)) {
        Err(_) => None,
        Ok(bytes) => {
            let m: Manifest = serde_json::from_slice(&bytes).map_err(|e| damaged(format!("manifest: {e}")))?;
            let (n, sha) = sha256_file(path).map_err(|e| damaged(e.to_string()))?;
            if n != m.bytes || sha != m.sha256 {
                return Err(damaged("the file is not the one its manifest describes (size or SHA-256)".into()));
            }
            if m.counts != file.counts {
                return Err(damaged("row counts differ from the manifest".into()));
            }
            Some(m)
        }
    };
    Ok((file, manifest))
}

impl Shop {
    /// `backups` beside the database file.
    pub fn default_backup_dir(&self) -> Result<PathBuf, Error> {
        let db =
            self.store.path().ok_or_else(|| Error::new(Problem::Storage { detail: "an in-memory shop has no backup folder".into() }))?;
        Ok(db.parent().unwrap_or(Path::new(".")).join("backups"))
    }

    /// The folder automatic backups go to, and whether the user chose it (a chosen folder must
    /// exist: a USB drive that is not plugged in is reported, not recreated on the PC's disk).
    pub fn backup_dir(&self) -> Result<(PathBuf, bool), Error> {
        match self.settings()?.backup_dir {
            Some(d) => Ok((PathBuf::from(d), true)),
            None => Ok((self.default_backup_dir()?, false)),
        }
    }

    /// Makes, verifies and records a backup in `to` (default: the backup folder). Automatic
    /// backups then prune older automatic ones by the retention rule. A failure is recorded too
    /// and leaves no file behind.
    pub fn backup(
        &mut self,
        ctx: &Ctx,
        to: Option<&Path>,
        kind: BackupKind,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<BackupInfo, Error> {
        // the automatic and safety copies are the shop's own; a backup on demand is someone's
        if kind == BackupKind::Manual && self.is_initialized()? {
            self.authorize(ctx, kaidan_core::Action::Backup)?;
        }
        let (dir, must_exist) = match to {
            Some(d) => (d.to_path_buf(), true),
            None => self.backup_dir()?,
        };
        // the shop is held (&mut self): no write comes between this count and the copy
        let changes = self.read(|db| db.change_count())?;
        let result = self.backup_in(ctx.now, &dir, must_exist, kind, progress, cancel);
        let (ok, file, bytes, error) = match &result {
            Ok(b) => (true, Some(b.file.display().to_string()), Some(b.manifest.bytes as i64), None),
            Err(e) => (false, None, None, Some(e.message(ctx.lang))),
        };
        let at = kaidan_store::time_text(ctx.now);
        let id = kaidan_store::new_id(ctx.now);
        // the record of the attempt is a write of its own: a failed backup never fails the shop
        let _ = self.store.write(|db| db.log_backup(&id, &at, kind, ok, file.as_deref(), bytes, error.as_deref(), changes));
        let info = result?;
        if kind == BackupKind::Auto {
            self.prune(&dir)?;
        }
        Ok(info)
    }

    fn backup_in(
        &mut self,
        now: DateTime<Utc>,
        dir: &Path,
        must_exist: bool,
        kind: BackupKind,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<BackupInfo, Error> {
        if must_exist && !dir.is_dir() {
            return Err(Problem::BackupFolderMissing { folder: dir.display().to_string() }.into());
        }
        std::fs::create_dir_all(dir).map_err(|e| write_failed(dir, e))?;
        let stem = format!("kaidan-{}-{}", now.format("%Y%m%dT%H%M%S%3fZ"), kind.as_str());
        let mut final_db = dir.join(format!("{stem}.db"));
        let mut n = 2;
        while final_db.exists() || manifest_path(&final_db).exists() {
            final_db = dir.join(format!("{stem}-{n}.db"));
            n += 1;
        }
        let partial = final_db.with_extension("db.partial");
        let manifest_file = manifest_path(&final_db);
        let outcome = (|| -> Result<BackupInfo, Error> {
            self.store.backup_to(&partial, progress, cancel).map_err(|e| match e.problem {
                Problem::Cancelled => e,
                _ => write_failed(dir, e.message(kaidan_core::Lang::En)),
            })?;
            // what the file holds, for the manifest (its check comes after the rename)
            let manifest = manifest_of(&partial, now, kind).map_err(|e| write_failed(dir, e.message(kaidan_core::Lang::En)))?;
            std::fs::rename(&partial, &final_db).map_err(|e| write_failed(dir, e))?;
            // verify the file under its final name: SQLite's quick_check, and the row counts
            // and size the manifest will promise
            verify_backup(&final_db, &manifest)?;
            let json = serde_json::to_vec_pretty(&manifest).map_err(|e| write_failed(dir, e))?;
            crate::write_bytes_whole(&manifest_file, &json).map_err(|e| write_failed(dir, e))?;
            Ok(BackupInfo { file: final_db.clone(), manifest })
        })();
        if outcome.is_err() {
            for f in [&partial, &final_db, &manifest_file] {
                let _ = std::fs::remove_file(f);
            }
            let _ = std::fs::remove_file(PathBuf::from(format!("{}-journal", partial.display())));
        }
        outcome
    }

    /// Makes an automatic backup when the newest good automatic one is older than a day (or
    /// there is none). What the app calls when it closes and from time to time while it runs,
    /// and what the CLI calls after a successful write. `Ok(None)`: not due.
    pub fn backup_if_due(
        &mut self,
        ctx: &Ctx,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<Option<BackupInfo>, Error> {
        if !self.backup_due(ctx.now)? {
            return Ok(None);
        }
        self.backup(ctx, None, BackupKind::Auto, progress, cancel).map(Some)
    }

    /// An automatic backup is due when none was made for a day, or when work is waiting that
    /// no verified backup holds and the newest is nearly `backup_every_minutes` old (less the
    /// window's [`HOUSEKEEPING_EVERY`]): callers look after each write and on that timer, so
    /// no work waits longer than the setting for a verified backup.
    pub fn backup_due(&self, now: DateTime<Utc>) -> Result<bool, Error> {
        let attempts = self.backup_attempts(50)?;
        let at = |a: &BackupAttempt| DateTime::parse_from_rfc3339(&a.at).ok().map(|t| t.with_timezone(&Utc));
        let last_auto = attempts.iter().find(|a| a.ok && a.kind == BackupKind::Auto).and_then(at);
        if last_auto.is_none_or(|t| now - t >= chrono::Duration::hours(24)) {
            return Ok(true);
        }
        let every = self.settings()?.backup_every_minutes;
        let Some(last_good) = attempts.iter().find(|a| a.ok && a.kind != BackupKind::Safety).and_then(at) else { return Ok(true) };
        let soon = chrono::Duration::minutes(every.into()) - chrono::Duration::from_std(HOUSEKEEPING_EVERY).unwrap_or_default();
        Ok(every > 0 && now - last_good >= soon && self.changes_since_backup()? > 0)
    }

    /// How many changes no verified backup holds yet.
    pub fn changes_since_backup(&self) -> Result<i64, Error> {
        self.read(|db| db.changes_since_backup())
    }

    /// The backup step alone, without its verification, to time the two apart.
    #[doc(hidden)]
    pub fn backup_unverified_for_benchmarks(
        &mut self,
        ctx: &Ctx,
        dir: &Path,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<BackupInfo, Error> {
        let file = dir.join(format!("bench-{}.db", ctx.now.timestamp_millis()));
        self.store.backup_to(&file, progress, cancel)?;
        let manifest = manifest_of(&file, ctx.now, BackupKind::Manual)?;
        Ok(BackupInfo { file, manifest })
    }

    /// The good backups in a folder (those with a manifest), newest first.
    pub fn backups(&self, dir: Option<&Path>) -> Result<Vec<BackupInfo>, Error> {
        let dir = match dir {
            Some(d) => d.to_path_buf(),
            None => self.backup_dir()?.0,
        };
        list_backups(&dir)
    }

    /// The latest backup attempts, newest first (failed ones included).
    pub fn backup_attempts(&self, limit: u32) -> Result<Vec<BackupAttempt>, Error> {
        self.read(|db| {
            Ok(db
                .backup_attempts(limit)?
                .into_iter()
                .map(|(at, kind, ok, file, error)| BackupAttempt { at, kind, ok, file, error })
                .collect())
        })
    }

    fn prune(&self, dir: &Path) -> Result<(), Error> {
        let keep = self.settings()?.backup_keep;
        let autos: Vec<BackupInfo> = list_backups(dir)?.into_iter().filter(|b| b.manifest.kind == BackupKind::Auto).collect();
        let times: Vec<DateTime<Utc>> = autos
            .iter()
            .map(|b| DateTime::parse_from_rfc3339(&b.manifest.created_at).map(|t| t.with_timezone(&Utc)).unwrap_or_default())
            .collect();
        let kept = kaidan_core::retention::keep(&times, keep);
        for (i, b) in autos.iter().enumerate() {
            if !kept.contains(&i) {
                let _ = std::fs::remove_file(manifest_path(&b.file));
                let _ = std::fs::remove_file(&b.file);
            }
        }
        Ok(())
    }

    /// Records a passed full check of the file (the window's weekly housekeeping, not a person's
    /// action: it needs no sign-in and no PIN).
    pub fn record_integrity_check(&mut self, now: DateTime<Utc>, millis: u64) -> Result<(), Error> {
        self.store.write(|db| db.log_integrity_check(&db.owner_stamp(now)?, millis))
    }

    /// Replaces the shop's data with a backup: checks it (intact, manifest, not from a newer
    /// Kaidan), saves the current data as a safety copy first, copies the backup in, migrates
    /// it forward and checks the shop. Needs `yes`.
    pub fn restore(&mut self, ctx: &Ctx, path: &Path, yes: bool, progress: &mut dyn FnMut(u64, u64)) -> Result<RestoreOutcome, Error> {
        // the owner's; a computer with no shop yet (a new PC, the books coming from a backup) has
        // nobody to ask
        if self.is_initialized()? {
            self.authorize(ctx, kaidan_core::Action::RestoreBackups)?;
        }
        let (file, manifest) = restorable(path, yes)?;
        let never = AtomicBool::new(false);
        let dir = self.default_backup_dir()?;
        std::fs::create_dir_all(&dir).map_err(|io| write_failed(&dir, io))?;
        let safety_copy = self.backup(ctx, Some(&dir), BackupKind::Safety, &mut |_, _| {}, &never)?;
        self.store.restore_from(path, progress)?;
        let check_ok = self.check(false)?.is_ok(self.settings()?.allow_negative_stock);
        let restored = BackupInfo {
            file: path.to_path_buf(),
            manifest: manifest.unwrap_or(Manifest {
                format: 1,
                created_at: String::new(),
                kind: BackupKind::Manual,
                app_version: String::new(),
                schema_version: file.schema_version,
                counts: file.counts,
                last_order_number: file.last_order_number,
                bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
                sha256: String::new(),
                compressed: false,
            }),
        };
        Ok(RestoreOutcome { restored, safety_copy, check_ok })
    }
}

/// The good backups (with a manifest) in a folder, newest first, without an open shop (the
/// window offers them when the shop's own file cannot be opened).
pub fn backups_in(dir: &Path) -> Result<Vec<BackupInfo>, Error> {
    list_backups(dir)
}

fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>, Error> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().and_then(|x| x.to_str()) != Some("json") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&p) else { continue };
        let Ok(manifest) = serde_json::from_slice::<Manifest>(&bytes) else { continue };
        let file = p.with_extension("db");
        if file.is_file() {
            out.push(BackupInfo { file, manifest });
        }
    }
    out.sort_by(|a, b| b.manifest.created_at.cmp(&a.manifest.created_at).then(b.file.cmp(&a.file)));
    Ok(out)
}

/// Opens a shop after checking its file (`quick_check`) when the file is at most `limit`
/// bytes (the check reads the whole file: ~0.1 s for 20 MB, ~18 s for 3 GB here). A damaged
/// file is not opened for writing; the error names the newest good backup.
pub fn open_checked(path: &Path, limit: u64) -> Result<Shop, Error> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > 0 && size <= limit {
        let problems = kaidan_store::quick_check_in_place(path)?;
        if !problems.is_empty() {
            let dir = path.parent().unwrap_or(Path::new(".")).join("backups");
            let newest = list_backups(&dir)
                .ok()
                .and_then(|v| v.into_iter().find(|b| inspect_backup(&b.file).is_ok()))
                .map(|b| b.file.display().to_string());
            return Err(Problem::DatabaseDamaged { detail: problems.join("; "), newest_backup: newest }.into());
        }
    }
    Shop::open(path)
}

/// Restores a backup over a shop whose database cannot be opened safely (damaged): the damaged
/// file (and its -wal/-shm) is moved aside untouched as `<name>.damaged-<time>`, the backup is
/// copied into place and opened (migrating it forward). Returns the shop and where the damaged
/// file went.
pub fn restore_over_damaged(db: &Path, backup: &Path, now: DateTime<Utc>, yes: bool) -> Result<(Shop, PathBuf), Error> {
    restorable(backup, yes)?;
    let aside = PathBuf::from(format!("{}.damaged-{}", db.display(), now.format("%Y%m%dT%H%M%SZ")));
    let io = |e: std::io::Error| Error::new(Problem::Storage { detail: e.to_string() });
    if db.exists() {
        std::fs::rename(db, &aside).map_err(io)?;
    }
    for ext in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{ext}", db.display()));
        if side.exists() {
            std::fs::rename(&side, PathBuf::from(format!("{}{ext}", aside.display()))).map_err(io)?;
        }
    }
    let partial = PathBuf::from(format!("{}.restoring", db.display()));
    std::fs::copy(backup, &partial).and_then(|_| std::fs::File::open(&partial).and_then(|f| f.sync_all())).map_err(io)?;
    std::fs::rename(&partial, db).map_err(io)?;
    Ok((Shop::open(db)?, aside))
}
