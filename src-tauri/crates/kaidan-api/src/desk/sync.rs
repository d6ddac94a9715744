//! The window's side of several counters (docs/SYNC.md): the mark every screen shows, Settings'
//! server section, the sync the window runs every few seconds, and the owner's list of what
//! the server noticed. A sync holds the shop only while it reads or writes the file, never
//! while it waits for the server, so the other screens work on.

use std::sync::atomic::Ordering::SeqCst;

use kaidan_core::sync::SyncIssueKind;
use kaidan_core::{Action, Closed};

use super::*;

/// Where this counter stands with the shop's server: the mark and Settings show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncView {
    /// The shop has a server (false: a shop on one PC; nothing else is set).
    pub linked: bool,
    /// The server's address without its password.
    pub server: Option<String>,
    /// This counter's code (in its document numbers).
    pub device: Option<String>,
    /// Changes made here the server does not hold yet.
    pub waiting: u32,
    pub synced_at: Option<String>,
    /// Since when the server has not answered (RFC 3339); None when it answered last time.
    pub offline_since: Option<String>,
    /// A sync is running now.
    pub running: bool,
}

/// One sync from the window: what went, what came, what the server noticed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncDone {
    pub sent: u32,
    pub received: u32,
    /// How many oversells, conflicts or refusals the server noticed in what was sent.
    pub noticed: u32,
    pub view: SyncView,
}

/// Something the server noticed, for the owner, with what it is about in the shop's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncIssue {
    pub id: String,
    pub kind: SyncIssueKind,
    /// The counter whose change it was.
    pub device: String,
    /// When the server noticed it (RFC 3339).
    pub at: String,
    /// What it is about: a product (SKU and name), a customer, a document number.
    pub subject: String,
    /// The document that did it (an oversell's order or delivery), if any.
    pub document: Option<String>,
    /// An oversell: the stock after it.
    pub balance: Option<String>,
    /// A stale edit: the values the later change wanted, `column: value`.
    pub wanted: Vec<String>,
    /// A name taken twice: what the later row is called now.
    pub kept_as: Option<String>,
}

/// Marks a sync as running while alive.
struct Running<'a>(&'a std::sync::atomic::AtomicBool);
impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(false, SeqCst);
    }
}

/// The window's shop, lent to a sync one step at a time.
struct Lent<'a>(&'a Desk);
impl kaidan_sync::Holder for Lent<'_> {
    fn with<T>(&mut self, f: impl FnOnce(&mut kaidan_store::Store) -> Result<T, Error>) -> Result<T, Error> {
        self.0.with_shop(|shop| f(shop.store_mut()))
    }
}

/// Runs `f` on a thread of its own: the server's client (the `postgres` crate) drives its own
/// runtime, which may not start on a thread that already drives one (the window's commands run
/// on the shell's async runtime).
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(f).join()).unwrap_or_else(|p| std::panic::resume_unwind(p))
}

impl Desk {
    fn view_of(&self, shop: &Shop) -> Result<SyncView, Error> {
        let running = self.syncing.load(SeqCst);
        Ok(match shop.sync_status()? {
            None => SyncView { linked: false, server: None, device: None, waiting: 0, synced_at: None, offline_since: None, running },
            Some(s) => SyncView {
                linked: true,
                server: Some(s.server),
                device: Some(s.device),
                waiting: u32::try_from(s.waiting).unwrap_or(u32::MAX),
                synced_at: s.synced_at,
                offline_since: s.offline_since,
                running,
            },
        })
    }

    /// Where this counter stands (the mark, Settings).
    pub fn sync_view(&self) -> Result<SyncView, IpcError> {
        self.read(|shop| self.view_of(shop))
    }

    /// Sends what this counter did and takes the others' changes. One at a time: while one
    /// runs, another asks nothing and answers where things stand. A shop on one PC is told it
    /// has no server.
    pub fn sync_now(&self) -> Result<SyncDone, IpcError> {
        let lang = self.lang();
        let fail = |e: Error| IpcError::from_error(&e, lang);
        if self.syncing.swap(true, SeqCst) {
            return Ok(SyncDone { sent: 0, received: 0, noticed: 0, view: self.sync_view()? });
        }
        let running = Running(&self.syncing);
        let ctx = self.ctx(None);
        let (url, stamp) = self
            .with_shop(|shop| {
                if shop.sync_status()?.is_none() {
                    return Err(Error::new(kaidan_core::Problem::NoServer));
                }
                Ok((crate::sync::read_secret(&self.db_path)?, crate::sync::stamp_of(shop.store(), ctx.now)?))
            })
            .map_err(fail)?;
        let done = off_runtime(|| kaidan_sync::sync(&mut Lent(self), &stamp, &url)).map_err(fail)?;
        // the view after it: no longer running
        drop(running);
        Ok(SyncDone {
            sent: u32::try_from(done.sent).unwrap_or(u32::MAX),
            received: u32::try_from(done.received).unwrap_or(u32::MAX),
            noticed: u32::try_from(done.noticed.len()).unwrap_or(u32::MAX),
            view: self.sync_view()?,
        })
    }

    /// Makes the shop's server from this shop (the owner): the empty PostgreSQL database at
    /// `admin_url`, this PC as counter `code`, the whole shop sent.
    pub fn sync_make_server(&self, admin_url: &str, code: &str) -> Result<SyncView, IpcError> {
        let lang = self.lang();
        if self.syncing.swap(true, SeqCst) {
            return Err(IpcError::from_error(&Error::new(kaidan_core::Problem::SyncRunning), lang));
        }
        let done = {
            let _running = Running(&self.syncing);
            let ctx = self.ctx(None);
            off_runtime(|| {
                self.with_shop(|shop| {
                    self.signed_in_if_asked(shop)?;
                    shop.server_init(&ctx, admin_url.trim(), code).map(|_| ())
                })
            })
        };
        done.map_err(|e| IpcError::from_error(&e, lang))?;
        self.sync_view()
    }

    /// Makes this window's new, empty shop a counter of a shop with a server: `url` is the
    /// address the owner registered for it (`kaidan server add-counter`). The shop's books come
    /// from the server; a shop file that already holds a shop is refused.
    pub fn sync_join(&self, url: &str) -> Result<SyncView, IpcError> {
        let lang = self.lang();
        let fail = |e: Error| IpcError::from_error(&e, lang);
        if self.syncing.swap(true, SeqCst) {
            return Err(fail(Error::new(kaidan_core::Problem::SyncRunning)));
        }
        let _running = Running(&self.syncing);
        let url = url.trim();
        let now = self.ctx(None).now;
        off_runtime(|| {
            self.with_shop(|shop| {
                kaidan_sync::join_into(shop.store_mut(), url, None, now)?;
                crate::sync::write_secret(&self.db_path, url)
            })
        })
        .map_err(fail)?;
        let stamp = self.with_shop(|shop| crate::sync::stamp_of(shop.store(), now)).map_err(fail)?;
        // what came after the history; a failure here leaves a joined counter that syncs later
        let _ = off_runtime(|| kaidan_sync::sync(&mut Lent(self), &stamp, url));
        self.sync_view()
    }

    /// Registers a new counter on the shop's server (the owner, with the server owner's
    /// address): the address that counter joins with.
    pub fn sync_add_counter(&self, admin_url: &str, code: &str) -> Result<crate::CounterRegistration, IpcError> {
        let lang = self.lang();
        let ctx = self.ctx(None);
        off_runtime(|| {
            self.with_shop(|shop| {
                self.signed_in_if_asked(shop)?;
                if shop.sync_status()?.is_none() {
                    return Err(Error::new(kaidan_core::Problem::NoServer));
                }
                shop.server_add_counter(&ctx, admin_url.trim(), code)
            })
        })
        .map_err(|e| IpcError::from_error(&e, lang))
    }

    /// What the server noticed, newest first (the owner).
    pub fn sync_issues(&self) -> Result<Vec<SyncIssue>, IpcError> {
        let lang = self.lang();
        let fail = |e: Error| IpcError::from_error(&e, lang);
        let ctx = self.ctx(None);
        let url = self
            .with_shop(|shop| {
                self.signed_in_if_asked(shop)?;
                shop.authorize(&ctx, Action::ChangeSettings)?;
                crate::sync::read_secret(&self.db_path)
            })
            .map_err(fail)?;
        let raw = off_runtime(|| kaidan_sync::server_issues(&url)).map_err(fail)?;
        self.read(|shop| raw.iter().filter_map(|i| issue_view(shop, i).transpose()).collect())
    }
}

/// A server issue in the shop's words: the product, customer or document it is about, looked
/// up in this counter's file.
fn issue_view(shop: &Shop, i: &serde_json::Value) -> Result<Option<SyncIssue>, Error> {
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let Some(kind) = i["kind"].as_str().and_then(SyncIssueKind::from_stored) else { return Ok(None) };
    let detail = &i["detail"];
    let table = i["table"].as_str().unwrap_or_default();
    let row_id = i["row_id"].as_str().unwrap_or_default();
    let subject = match kind {
        SyncIssueKind::Oversell => shop.sync_subject("product", detail["product_id"].as_str().unwrap_or_default())?,
        _ => shop.sync_subject(table, row_id)?,
    };
    let wanted = match (kind, detail["wanted"].as_object(), detail["before"].as_object()) {
        (SyncIssueKind::StaleEdit, Some(w), Some(b)) => {
            b.keys().map(|k| format!("{k}: {}", w.get(k).and_then(|v| v.as_str()).unwrap_or("—"))).collect()
        }
        _ => Vec::new(),
    };
    Ok(Some(SyncIssue {
        id: i["id"].to_string(),
        kind,
        device: text(&i["device"]).unwrap_or_default(),
        at: text(&i["at"]).unwrap_or_default(),
        subject,
        document: text(&detail["doc_number"]),
        balance: detail["balance_milli"].as_str().and_then(|m| m.parse::<i64>().ok()).map(|m| kaidan_core::Qty::from_minor(m).to_string()),
        wanted,
        kept_as: text(&detail["kept_as"]),
    }))
}
