//! kaidan-api: what a shop can do, as use cases. Each write is one transaction of the store,
//! takes an optional idempotency key (a retried request returns the first answer and applies
//! nothing twice), names its operator, and gets the time passed in.
//!
//! The desktop shell and the `kaidan` CLI both call [`Shop`]; neither touches SQL.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use kaidan_core::model::Operator;
use kaidan_core::{Action, Error, Field, FieldKey, Lang, Problem};
use kaidan_store::{Db, Stamp, Store};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

mod backup;
mod catalog;
mod demo;
mod desk;
mod documents;
mod door;
mod export;
mod import;
mod money;
mod orders;
mod people;
mod reports;
mod reports_export;
mod returns;
mod setup;
mod stock;
mod sync;

pub use backup::{
    backups_in, inspect_backup, open_checked, restore_over_damaged, verify_backup, BackupAttempt, BackupInfo, BackupKind, Manifest,
    RestoreOutcome, HOUSEKEEPING_EVERY,
};
pub use catalog::{CustomerInput, ProductInput};
pub use demo::DemoSummary;
pub use desk::{
    AppInfo, AtCounter, BackupDone, BackupEntry, BackupStatus, CustomerCredit, Delivered, Desk, FieldError, HomeView, InstallFailure,
    IpcError, OperatorButton, PrintedFile, PrintedReport, RestoreDone, SavedReport, SignedIn, Sold, SyncDone, SyncIssue, SyncView,
    UpdateOffer, UpdateProgress,
};
pub use documents::{print_folder, printers, DocLineInput, PrintRequest, Printed, PrinterEntry, SentToPrinter};
pub use door::{local_offset_on, open_shop, write_bytes_whole, write_whole, OPEN_CHECK_LIMIT};
pub use export::{neutralise, ExportFormat, ExportKind, ExportResult};
pub use import::{ImportOptions, ImportPreview, ImportProgress, ImportResult, PreviewRow};
pub use kaidan_core as core;
pub use kaidan_import::{
    DraftCustomer, DraftLine, DraftOrder, DraftProduct, DryRun, Field as ImportField, Issue as ImportIssue, MappingSpec, NewProduct,
};
pub use kaidan_store::ImportBatch;
pub use kaidan_store::{BackupCounts, BackupFile, CheckReport, Dump};
pub use money::{AllocateInput, AllocateResult, Allocated, PayInput};
pub use orders::{ChangeInput, CodInput, DeliverInput, DeliverLine, DeliveryOutcome, LineInput, OrderInput, OrderQuery};
pub use people::{Approval, Session};
pub use reports::{ReportQuery, Resolved};
pub use reports_export::{report_paper, ReportPdf, ReportSent, REPORT_PAPERS};
pub use returns::{ReturnInput, ReturnLineInput};
pub use stock::CountInput;
pub use sync::{join_shop, server_secret_path, CounterRegistration, SyncOutcome, SyncStatus};

/// The application's identifier; the database lives in `<OS data dir>/<APP_ID>/kaidan.db`,
/// the same folder Tauri calls the app-data dir, so the CLI and the window share one shop.
pub const APP_ID: &str = "cn.kaidan.desktop";

/// Where the shop's database is: `--db PATH` if given, else `KAIDAN_DB`, else the OS app-data
/// folder (`%APPDATA%\cn.kaidan.desktop` on Windows, `~/Library/Application Support/…` on
/// macOS, `$XDG_DATA_HOME/…` on Linux).
pub fn resolve_db_path(explicit: Option<&Path>) -> Result<PathBuf, Error> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("KAIDAN_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let base = directories::BaseDirs::new()
        .ok_or_else(|| Error::new(Problem::Storage { detail: "no home folder to keep the shop's data in".into() }))?;
    Ok(base.data_dir().join(APP_ID).join("kaidan.db"))
}

/// A `YYYY-MM-DD` date typed into `field` (the window's and scripts' dates arrive as text).
pub fn day(text: &str, field: FieldKey) -> Result<NaiveDate, Error> {
    kaidan_core::validate::date(Field::new(field), text)
}

/// Who asks, when, and in which language. Built by the caller (CLI, window, tests): the
/// use cases never read a clock or the environment.
#[derive(Clone)]
pub struct Ctx {
    /// Operator name; `None` means the owner.
    pub operator: Option<String>,
    pub pin: Option<String>,
    /// Idempotency key of this action.
    pub request_id: Option<String>,
    pub now: DateTime<Utc>,
    /// The shop's local date (order dates default to it).
    pub today: NaiveDate,
    /// The shop's offset from UTC (stored times are UTC; printed dates are local).
    pub utc_offset: FixedOffset,
    pub lang: Lang,
    /// The operator signed in at this window ([`Shop::sign_in`] checked their PIN): no PIN is
    /// asked again, and `operator`/`pin` are not used.
    pub session: Option<Session>,
    /// An owner standing beside the operator, approving on the spot with their PIN what the
    /// operator may not do alone.
    pub approval: Option<Approval>,
}

impl std::fmt::Debug for Ctx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // never a PIN in a log or a panic message
        f.debug_struct("Ctx")
            .field("operator", &self.operator)
            .field("pin", &self.pin.as_ref().map(|_| "****"))
            .field("request_id", &self.request_id)
            .field("now", &self.now)
            .field("lang", &self.lang)
            .field("session", &self.session)
            .field("approval", &self.approval)
            .finish_non_exhaustive()
    }
}

impl Ctx {
    /// The owner, acting now, in English: handy for tests and scripts.
    pub fn owner_at(now: DateTime<Utc>) -> Self {
        Self {
            operator: None,
            pin: None,
            request_id: None,
            now,
            today: now.date_naive(),
            utc_offset: FixedOffset::east_opt(0).expect("zero offset"),
            lang: Lang::En,
            session: None,
            approval: None,
        }
    }
    pub fn with_request(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }
    pub fn as_operator(mut self, name: impl Into<String>) -> Self {
        self.operator = Some(name.into());
        self
    }
    /// The operator and their PIN.
    pub fn with_pin(mut self, name: impl Into<String>, pin: impl Into<String>) -> Self {
        self.operator = Some(name.into());
        self.pin = Some(pin.into());
        self
    }
    /// An owner's approval on the spot.
    pub fn approved_by(mut self, owner: impl Into<String>, pin: impl Into<String>) -> Self {
        self.approval = Some(Approval { owner: owner.into(), pin: pin.into(), action: None });
        self
    }
}

/// The operator acting in a transaction, with the stamp every write carries.
#[derive(Debug, Clone)]
pub struct Actor {
    pub operator: Operator,
    /// The owner approving on the spot, when one gave their PIN ([`Ctx::approval`]).
    pub approver: Option<Operator>,
    /// The one action that approval is for (`None`: whatever the command needs).
    approves: Option<Action>,
    /// The actions the operator's role could not take that the approver allowed.
    approved: std::sync::Arc<std::sync::Mutex<Vec<Action>>>,
    pub stamp: Stamp,
    pub location_id: String,
    pub today: NaiveDate,
    pub request_id: Option<String>,
    pub lang: Lang,
}

impl Actor {
    /// May the operator take `action`: their role may ([`Role::may`], the one table), or an
    /// owner approved on the spot (recorded with the write). Otherwise refused, naming the action.
    pub fn require(&self, action: Action) -> Result<(), Error> {
        if self.operator.role.may(action) {
            Ok(())
        } else if self.approved_for(action) {
            self.used(action);
            Ok(())
        } else {
            Err(Error::new(Problem::NotAllowed { action }))
        }
    }

    /// Whether the operator could take `action` now (their role, or an approver beside them);
    /// nothing is recorded: call [`Actor::used`] when a decision leaned on it.
    pub fn can(&self, action: Action) -> bool {
        self.operator.role.may(action) || self.approved_for(action)
    }

    fn approved_for(&self, action: Action) -> bool {
        self.approver.is_some() && self.approves.is_none_or(|x| x == action)
    }

    /// A decision that needed `action` was taken: when the role could not take it alone, the
    /// approver's word is recorded.
    pub fn used(&self, action: Action) {
        if !self.operator.role.may(action) {
            let mut approved = self.approved.lock().unwrap_or_else(|p| p.into_inner());
            if !approved.contains(&action) {
                approved.push(action);
            }
        }
    }
}

/// Who a write is for, found (and their PINs checked) before its transaction begins.
pub(crate) struct Who {
    operator_id: String,
    approver_id: Option<String>,
    approves: Option<Action>,
}

pub(crate) fn resolve_actor(db: &Db, ctx: &Ctx, who: &Who) -> Result<Actor, Error> {
    let ids = db.local_ids()?;
    let found = |id: &str| {
        db.operator_by_id(id)?.ok_or_else(|| {
            Error::at(Problem::NotFound { what: kaidan_core::Entity::Operator, key: id.to_string() }, Field::new(FieldKey::Operator))
        })
    };
    let operator = found(&who.operator_id)?;
    let approver = who.approver_id.as_deref().map(found).transpose()?;
    Ok(Actor {
        stamp: Stamp {
            operator_id: operator.id.clone(),
            device_id: ids.device_id,
            at: ctx.now,
            request_id: ctx.request_id.clone(),
            approved_by: approver.as_ref().map(|o| o.id.clone()),
        },
        operator,
        approver,
        approves: who.approves,
        approved: Default::default(),
        location_id: ids.location_id,
        today: ctx.today,
        request_id: ctx.request_id.clone(),
        lang: ctx.lang,
    })
}

/// An open shop: the store and the use cases over it. Pass it explicitly (no global).
pub struct Shop {
    store: Store,
    /// A use case wrote since [`Shop::backup_after_writes`] last looked.
    wrote: bool,
}

impl Shop {
    pub fn open(path: &Path) -> Result<Self, Error> {
        Ok(Self { store: Store::open(path)?, wrote: false })
    }
    pub fn open_in_memory() -> Result<Self, Error> {
        Ok(Self { store: Store::open_in_memory()?, wrote: false })
    }
    pub fn from_store(store: Store) -> Self {
        Self { store, wrote: false }
    }
    pub fn store(&self) -> &Store {
        &self.store
    }
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// One write: a transaction in which the request id is looked up first (a repeat returns
    /// the recorded answer and does nothing), the operator is checked, `f` runs, and the answer
    /// is recorded with its effects.
    pub(crate) fn write<T, A>(
        &mut self,
        ctx: &Ctx,
        command: &str,
        args: &A,
        f: impl FnOnce(&Db, &Actor) -> Result<T, Error>,
    ) -> Result<T, Error>
    where
        T: Serialize + DeserializeOwned,
        A: Serialize + ?Sized,
    {
        self.write_as(ctx, command, args, false, f)
    }

    /// [`Shop::write`], in a [`Store::write_bulk`] transaction when `bulk`.
    pub(crate) fn write_as<T, A>(
        &mut self,
        ctx: &Ctx,
        command: &str,
        args: &A,
        bulk: bool,
        f: impl FnOnce(&Db, &Actor) -> Result<T, Error>,
    ) -> Result<T, Error>
    where
        T: Serialize + DeserializeOwned,
        A: Serialize + ?Sized,
    {
        let fingerprint = {
            let mut h = Sha256::new();
            h.update(serde_json::to_vec(args).map_err(|e| Error::new(Problem::Storage { detail: e.to_string() }))?);
            format!("{command}:{:x}", h.finalize())
        };
        if let Some(rid) = &ctx.request_id {
            kaidan_core::validate::text(FieldKey::RequestId, rid, 128, true)?;
        }
        let who = self.identify(ctx)?;
        let replayed = std::cell::Cell::new(false);
        let body = |db: &Db| {
            if let Some(rid) = &ctx.request_id {
                if let Some((recorded, response)) = db.request(rid)? {
                    replayed.set(true);
                    if recorded != fingerprint {
                        return Err(Error::at(Problem::RequestReused { request_id: rid.clone() }, Field::new(FieldKey::RequestId)));
                    }
                    return serde_json::from_str(&response).map_err(|e| Error::new(Problem::Storage { detail: e.to_string() }));
                }
            }
            let actor = resolve_actor(db, ctx, &who)?;
            let out = f(db, &actor)?;
            people::record_approval(db, &actor, command)?;
            db.count_changes(1)?;
            // the first write of a day brings the kept aging to that day
            db.refresh_aging(&actor.today.to_string())?;
            if let Some(rid) = &ctx.request_id {
                let response = serde_json::to_string(&out).map_err(|e| Error::new(Problem::Storage { detail: e.to_string() }))?;
                db.record_request(&actor.stamp, rid, &fingerprint, &response)?;
            }
            Ok(out)
        };
        let out = if bulk { self.store.write_bulk(body) } else { self.store.write(body) }?;
        if !replayed.get() {
            self.wrote = true;
        }
        Ok(out)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Db) -> Result<T, Error>) -> Result<T, Error> {
        self.store.read(f)
    }

    /// Runs `f`, whose reads all see one snapshot of the file (a report made of several reads
    /// adds up even while another screen's write commits between them).
    pub(crate) fn snapshot<T>(&self, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
        self.store.read(|_| f())
    }

    /// SQLite's check and every invariant (ledger = balances, reservations, totals, numbering).
    pub fn check(&self, full: bool) -> Result<CheckReport, Error> {
        self.read(|db| db.check(full))
    }

    /// A textual dump of every table (tests compare dumps to prove nothing was written).
    pub fn dump(&self) -> Result<Dump, Error> {
        self.read(|db| db.dump())
    }
}

/// A file name from a document's name: characters Windows and macOS refuse (`\ / : * ? " < > |`,
/// control characters) become `_`; Chinese and spaces stay; a long name is cut at 120 characters.
pub fn file_stem(name: &str) -> String {
    let s: String = name.chars().take(120).map(|c| if c.is_control() || r#"\/:*?"<>|"#.contains(c) { '_' } else { c }).collect();
    let s = s.trim().trim_end_matches('.').to_string();
    if s.is_empty() {
        "kaidan".into()
    } else {
        s
    }
}
