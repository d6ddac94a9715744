//! Several counters, one set of books (docs/SYNC.md): making the shop's server, registering a
//! counter, joining, and syncing. The server's side and the wire are kaidan-sync's; the
//! counter's file is kaidan-store's.
//!
//! The address a counter connects with carries its role's password. It is kept beside the
//! shop's file (`<shop>.server`), never in the shop's SQLite file, whose backups travel.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use kaidan_core::{Action, Error, Problem};
use kaidan_store::{Stamp, Store};
use serde::Serialize;

use crate::{Ctx, Shop};

/// Where this counter keeps its server address with the password: beside the shop's file.
pub fn server_secret_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".server");
    db.with_file_name(name)
}

/// This counter and its server, as the window's mark and `kaidan sync` show it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SyncStatus {
    /// The server's address, without its password.
    pub server: String,
    /// This counter's code (in its document numbers).
    pub device: String,
    /// Changes made here that the server does not hold yet.
    pub waiting: i64,
    pub synced_at: Option<String>,
    /// Since when the server has not answered (None: it answered last time).
    pub offline_since: Option<String>,
    pub last_error: Option<String>,
}

/// One sync: what went, what came, what the server noticed.
#[derive(Debug, Clone, Serialize)]
pub struct SyncOutcome {
    pub sent: usize,
    pub received: usize,
    pub noticed: Vec<serde_json::Value>,
    pub status: SyncStatus,
}

/// A counter the owner registered: its code and the address it joins with (the first screen's
/// 加入店铺 / Join the shop, or `kaidan join`).
#[derive(Debug, Clone, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct CounterRegistration {
    pub device: String,
    pub device_id: String,
    /// Carries the counter's password: type it into that counter only.
    pub url: String,
}

pub(crate) fn write_secret(db: &Path, url: &str) -> Result<(), Error> {
    let path = server_secret_path(db);
    crate::write_bytes_whole(&path, url.as_bytes()).map_err(|e| Error::new(Problem::Storage { detail: format!("{}: {e}", path.display()) }))
}

pub(crate) fn read_secret(db: &Path) -> Result<String, Error> {
    let path = server_secret_path(db);
    std::fs::read_to_string(&path)
        .map(|s| s.trim().to_string())
        .map_err(|e| Error::new(Problem::ServerUnreachable { detail: format!("{}: {e}", path.display()) }))
}

pub(crate) fn stamp_of(store: &Store, now: DateTime<Utc>) -> Result<Stamp, Error> {
    let ids = store.read(|db| db.local_ids())?;
    Ok(Stamp { operator_id: String::new(), device_id: ids.device_id, at: now, request_id: None, approved_by: None })
}

impl Shop {
    fn db_path(&self) -> Result<PathBuf, Error> {
        self.store()
            .path()
            .map(Path::to_path_buf)
            .ok_or_else(|| Error::new(Problem::Storage { detail: "a shop in memory has no server".into() }))
    }

    /// This counter's link to the shop's server (None: a shop on one PC).
    pub fn sync_status(&self) -> Result<Option<SyncStatus>, Error> {
        self.read(|db| {
            let Some(link) = db.sync_link()? else { return Ok(None) };
            Ok(Some(SyncStatus {
                server: link.server,
                device: link.device_code,
                waiting: db.outbox_waiting()?,
                synced_at: link.synced_at,
                offline_since: link.offline_since,
                last_error: link.last_error,
            }))
        })
    }

    /// Makes the shop's server from this shop (the owner): on the empty PostgreSQL database at
    /// `admin_url` (its owner's address), with this PC as counter `code`; the whole shop is
    /// sent by the first sync, which this runs.
    pub fn server_init(&mut self, ctx: &Ctx, admin_url: &str, code: &str) -> Result<SyncOutcome, Error> {
        self.authorize(ctx, Action::ChangeSettings)?;
        let db = self.db_path()?;
        let stamp = stamp_of(self.store(), ctx.now)?;
        let reg = kaidan_sync::init_server(self.store_mut(), &stamp, admin_url, code)?;
        write_secret(&db, &reg.url)?;
        self.sync_now(ctx)
    }

    /// Registers a new counter on the shop's server (the owner, with the server owner's
    /// address): returns the address that counter joins with.
    pub fn server_add_counter(&mut self, ctx: &Ctx, admin_url: &str, code: &str) -> Result<CounterRegistration, Error> {
        self.authorize(ctx, Action::ChangeSettings)?;
        let reg = kaidan_sync::register_counter(admin_url, code, None, ctx.now)?;
        Ok(CounterRegistration { device: reg.code, device_id: reg.device_id, url: reg.url })
    }

    /// Sends what this counter did and applies what the others did. A server that does not
    /// answer is recorded (the status says since when) and reported; the counter works on.
    pub fn sync_now(&mut self, ctx: &Ctx) -> Result<SyncOutcome, Error> {
        let url = read_secret(&self.db_path()?)?;
        let stamp = stamp_of(self.store(), ctx.now)?;
        let done = kaidan_sync::sync(&mut self.store_mut(), &stamp, &url)?;
        let status = self.sync_status()?.ok_or_else(|| Error::new(Problem::NoServer))?;
        Ok(SyncOutcome { sent: done.sent, received: done.received, noticed: done.noticed, status })
    }

    /// What a row the server names is, in the shop's words (`sync_subject`).
    pub fn sync_subject(&self, table: &str, id: &str) -> Result<String, Error> {
        self.read(|db| db.sync_subject(table, id))
    }

    /// The server's own check (empty: all is well).
    pub fn server_check(&mut self) -> Result<Vec<String>, Error> {
        kaidan_sync::server_check(&read_secret(&self.db_path()?)?)
    }

    /// What the server noticed (oversells, conflicts, refusals), newest first.
    pub fn server_issues(&mut self, ctx: &Ctx) -> Result<Vec<serde_json::Value>, Error> {
        self.authorize(ctx, Action::ChangeSettings)?;
        kaidan_sync::server_issues(&read_secret(&self.db_path()?)?)
    }
}

/// Makes a new counter at `path` from the shop's server (`url`: the address the owner's
/// registration gave, with its password): the shop's whole history is applied, then what
/// came since. `code`, when given, must be the code the owner registered.
pub fn join_shop(path: &Path, url: &str, code: Option<&str>, now: DateTime<Utc>) -> Result<Shop, Error> {
    if path.exists() {
        return Err(Error::new(Problem::JoinNeedsNewFile { path: path.display().to_string() }));
    }
    if let Some(c) = code {
        kaidan_core::sync::parse_device_code(c).ok_or_else(|| Error::new(Problem::DeviceCodeFormat { given: c.to_string() }))?;
    }
    let mut store = kaidan_sync::join(path, url, code, now)?;
    write_secret(path, url)?;
    let stamp = stamp_of(&store, now)?;
    kaidan_sync::sync(&mut &mut store, &stamp, url)?;
    Ok(Shop::from_store(store))
}
