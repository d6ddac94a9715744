//! kaidan-store: the only crate that speaks SQL.
//!
//! A [`Store`] owns one SQLite connection (WAL, `foreign_keys=ON`, `synchronous=FULL`).
//! Work happens inside [`Store::write`] (one `BEGIN IMMEDIATE` transaction: all or nothing) or
//! [`Store::read`] (one snapshot). Both hand the closure a [`Db`], whose methods are the
//! queries, grouped by area in the modules below.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use kaidan_core::{Error, Problem};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

mod activity;
mod audit;
mod backup;
mod catalog;
mod check;
mod imports;
mod invoices;
mod money;
mod orders;
mod reports;
mod setup;
mod stock;
mod sync;

pub use activity::CustomerBuyer;
pub use backup::{
    inspect as inspect_file, inspect_with as inspect_file_with, integrity_check_in_place, quick_check_in_place, schema_supported,
    BackupCounts, BackupFile,
};
pub use check::{CheckReport, Dump};
pub use imports::{ImportBatch, ImportTable};
pub use invoices::{CreditableLine, DeliveryForPrint, InvoiceHead, InvoiceLineWrite, InvoiceWrite};
pub use money::{AccountFacts, OpenInvoice, PaymentWrite, Pool, ReturnLineWrite, ReturnWrite, Target, Unallocated};
pub use orders::{Due, HistoryOrder, OrderFilter, OrderHead, PAYMENT_STATUS_SQL};
pub use reports::{CustomerHead, HistorySums, ProductHead, ReportGroup};
pub use setup::{document_number, LocalIds, PinState};
pub use stock::MoveWrite;
pub use sync::{Applied, SyncLink};

/// Every migration, in order. Forward only; a released file is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_backup_log.sql"),
    include_str!("../migrations/0003_import_batch.sql"),
    include_str!("../migrations/0004_initials.sql"),
    include_str!("../migrations/0005_invoices.sql"),
    include_str!("../migrations/0006_money.sql"),
    include_str!("../migrations/0007_health_mapping.sql"),
    include_str!("../migrations/0008_import_open_orders.sql"),
    include_str!("../migrations/0009_import_batch_sheet.sql"),
    include_str!("../migrations/0010_backup_every.sql"),
    include_str!("../migrations/0011_printing.sql"),
    include_str!("../migrations/0012_backorder.sql"),
    include_str!("../migrations/0013_customer_sort.sql"),
    include_str!("../migrations/0014_costs.sql"),
    include_str!("../migrations/0015_report_sums.sql"),
    include_str!("../migrations/0016_open_orders.sql"),
    include_str!("../migrations/0017_fulfilment.sql"),
    include_str!("../migrations/0018_customers_channels.sql"),
    include_str!("../migrations/0019_people.sql"),
    include_str!("../migrations/0020_log_by_time.sql"),
    include_str!("../migrations/0021_update_backups.sql"),
    include_str!("../migrations/0022_sync.sql"),
    include_str!("../migrations/0023_lean_outbox.sql"),
    include_str!("../migrations/0024_import_once_here.sql"),
    include_str!("../migrations/0025_customer_email.sql"),
    include_str!("../migrations/0026_written_off_unknown_cost.sql"),
    include_str!("../migrations/0027_import_product_alias.sql"),
    include_str!("../migrations/0028_report_pending.sql"),
    include_str!("../migrations/0029_report_pending_orders.sql"),
    include_str!("../migrations/0030_import_platform_receipts.sql"),
    include_str!("../migrations/0031_report_bulk_history.sql"),
];

/// The schema version this build writes (SQLite `user_version`).
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .enumerate()
            .map(|(i, sql)| match i {
                6 => M::up_with_hook(sql, widen_import_kinds),
                18 => M::up_with_hook(sql, audit::chain_existing),
                _ => M::up(sql),
            })
            .collect(),
    )
}

/// Migration 7 lets import batches be product and customer lists too: `import_batch.kind`'s
/// CHECK constraint is widened in place (SQLite's documented way of loosening a constraint:
/// edit the schema text, bump `schema_version`), because rebuilding the table would trip the
/// foreign keys that orders, customers and products hold to it. Every existing row satisfies
/// the wider check.
fn widen_import_kinds(tx: &rusqlite::Transaction) -> rusqlite_migration::HookResult {
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let changed = tx.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (kind IN (''orders''))', 'CHECK (kind IN (''orders'', ''products'', ''customers''))')
         WHERE type = 'table' AND name = 'import_batch'",
        [],
    )?;
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    if changed != 1 {
        return Err(rusqlite_migration::HookError::Hook("import_batch not found".into()));
    }
    Ok(())
}

/// Maps any SQLite failure to the user-facing storage problem.
pub(crate) fn storage(e: impl std::fmt::Display) -> Error {
    Error::new(Problem::Storage { detail: e.to_string() })
}

pub(crate) trait SqlResult<T> {
    fn sql(self) -> Result<T, Error>;
}

impl<T> SqlResult<T> for rusqlite::Result<T> {
    fn sql(self) -> Result<T, Error> {
        self.map_err(|e| match &e {
            rusqlite::Error::FromSqlConversionFailure(_, _, inner) => match inner.downcast_ref::<UnknownStored>() {
                Some(u) => Error::new(Problem::UnknownStored { column: u.column.into(), value: u.value.clone() }),
                None => storage(e),
            },
            _ => storage(e),
        })
    }
}

/// A stored text that is none of a closed type's values (see [`closed`]).
#[derive(Debug)]
struct UnknownStored {
    column: &'static str,
    value: String,
}

impl std::fmt::Display for UnknownStored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown value {:?} in {}", self.value, self.column)
    }
}

impl std::error::Error for UnknownStored {}

/// Column `idx` of a row as a value of a closed type: text that is none of its values is an
/// error naming the column and the text ([`Problem::UnknownStored`] once through `.sql()`),
/// never a default.
pub(crate) fn closed<T: kaidan_core::Closed>(r: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = r.get(idx)?;
    T::from_stored(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            Box::new(UnknownStored { column: T::STORED_IN, value: text }),
        )
    })
}

/// Text form of a time as stored: RFC 3339, UTC, milliseconds.
pub fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A new UUIDv7 id whose time part is `at` (so ids sort by creation time).
/// Ids made in one process for the same millisecond still sort in the order they were made
/// (uuid's v7 context keeps a counter), so ledger and audit lists read in posting order.
pub fn new_id(at: DateTime<Utc>) -> String {
    static CONTEXT: std::sync::Mutex<Option<uuid::ContextV7>> = std::sync::Mutex::new(None);
    let mut guard = CONTEXT.lock().unwrap_or_else(|p| p.into_inner());
    let context = guard.get_or_insert_with(uuid::ContextV7::new);
    let ts = uuid::Timestamp::from_unix(&*context, at.timestamp().max(0) as u64, at.timestamp_subsec_nanos());
    uuid::Uuid::new_v7(ts).to_string()
}

/// Who does a write, from which device, and when. Passed in, never read from a clock here.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub operator_id: String,
    pub device_id: String,
    pub at: DateTime<Utc>,
    /// The request this write answers (the window's click, a retried command), if it has one:
    /// the audit log records it beside the change.
    pub request_id: Option<String>,
    /// The owner who approved this write on the spot with their PIN (a clerk's action the
    /// clerk may not take alone): recorded on every audit entry of the write.
    pub approved_by: Option<String>,
}

impl Stamp {
    pub fn time(&self) -> String {
        time_text(self.at)
    }
}

/// How the database is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `synchronous=FULL`: every business commit is on disk before it is reported.
    Full,
    /// `synchronous=OFF`: bulk loading of throw-away data (benchmark seeding) only.
    BulkLoadUnsafe,
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The shop has a server: every write seals the changes it captured (`sync.rs`).
    linked: bool,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, migrates it forward and sets the
    /// pragmas. A file from a newer Kaidan (higher schema version) is refused, not touched.
    pub fn open(path: &Path) -> Result<Self, Error> {
        Self::open_with(path, Durability::Full)
    }

    pub fn open_with(path: &Path, durability: Durability) -> Result<Self, Error> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| storage(format!("{}: {e}", dir.display())))?;
            }
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| storage(format!("{}: {e}", path.display())))?;
        let mut store = Self { conn, path: Some(path.to_path_buf()), linked: false };
        store.prepare(durability)?;
        Ok(store)
    }

    /// A private in-memory database (tests, property tests).
    pub fn open_in_memory() -> Result<Self, Error> {
        let conn = Connection::open_in_memory().sql()?;
        let mut store = Self { conn, path: None, linked: false };
        store.prepare(Durability::Full)?;
        Ok(store)
    }

    fn prepare(&mut self, durability: Durability) -> Result<(), Error> {
        self.conn.busy_timeout(Duration::from_secs(10)).sql()?;
        self.conn.set_prepared_statement_cache_capacity(256);
        // 32 MiB of page cache: the working set of a busy shop stays in memory
        self.conn.pragma_update(None, "cache_size", -32_768).sql()?;
        let _mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).sql()?;
        self.conn.pragma_update(None, "foreign_keys", "ON").sql()?;
        // statement journals (every statement that fires a trigger opens one) and sort space in
        // memory, not in temporary files
        self.conn.pragma_update(None, "temp_store", "MEMORY").sql()?;
        let sync = match durability {
            Durability::Full => "FULL",
            Durability::BulkLoadUnsafe => "OFF",
        };
        self.conn.pragma_update(None, "synchronous", sync).sql()?;
        let version: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).sql()?;
        if version > SCHEMA_VERSION as i64 {
            return Err(storage(format!(
                "this database was written by a newer Kaidan (schema {version}, this build knows {SCHEMA_VERSION})"
            )));
        }
        migrations().to_latest(&mut self.conn).map_err(storage)?;
        catalog::backfill_initials(&self.conn).sql()?;
        self.relink()
    }

    /// Reads again whether the shop has a server, and if so makes the capture triggers again
    /// from the tables as they are (a migration may have added a column). Call it after
    /// [`Db::start_sync`] committed.
    pub fn relink(&mut self) -> Result<(), Error> {
        self.linked = sync::linked(&self.conn).sql()?;
        if self.linked {
            sync::install_capture(&self.conn).sql()?;
        }
        Ok(())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: committed if it returns `Ok`, rolled back
    /// entirely otherwise.
    pub fn write<T>(&mut self, f: impl FnOnce(&Db) -> Result<T, Error>) -> Result<T, Error> {
        immediate(&self.conn, self.linked, f)
    }

    /// [`Store::write`] for a bulk load (an order sheet imported as history): SQLite does not
    /// enforce foreign keys row by row in this one transaction, and enforces them again after
    /// it, whatever happened. Under that enforcement every statement of many rows keeps a
    /// statement journal (a copy of each page it touches, so that it alone could be undone)
    /// and looks up every parent again: a sixth of an import's work.
    ///
    /// Only for closures whose every reference is known to exist: rows this transaction wrote
    /// or looked up, and the outside references [`Db::insert_history`] checks itself (its
    /// customers, products, batch, operator and device). `check(true)` proves it afterwards
    /// with `PRAGMA foreign_key_check`.
    pub fn write_bulk<T>(&mut self, f: impl FnOnce(&Db) -> Result<T, Error>) -> Result<T, Error> {
        /// Puts enforcement back when dropped: after the transaction ended (a pragma inside
        /// one does nothing), also when `f` failed or panicked.
        struct Enforce<'c>(&'c Connection);
        impl Drop for Enforce<'_> {
            fn drop(&mut self) {
                // cannot fail outside a transaction; nothing to tell a panicking caller anyway
                let _ = self.0.pragma_update(None, "foreign_keys", "ON");
            }
        }
        self.conn.pragma_update(None, "foreign_keys", "OFF").sql()?;
        let enforce = Enforce(&self.conn);
        immediate(enforce.0, self.linked, f)
    }

    /// Adds every row waiting in report_pending to the reports' sums now, in a transaction of
    /// its own (a write does it once a few thousand wait: [`Store::write`]). What a report shows
    /// is the same before and after; a shop seeded or loaded in bulk reads faster after.
    pub fn fold_reports(&mut self) -> Result<(), Error> {
        immediate(&self.conn, self.linked, |db| reports::fold_reports(db.conn, true).sql())
    }

    /// Whether SQLite enforces foreign keys on this connection now (tests of [`Store::write_bulk`]).
    #[doc(hidden)]
    pub fn foreign_keys_enforced(&self) -> Result<bool, Error> {
        self.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).sql()
    }

    /// Runs `f` on one consistent snapshot.
    /// Runs `f` in a write transaction that is always rolled back: a rehearsal of a write, so
    /// that a check (an import's dry run) runs every rule the write runs and leaves the file
    /// exactly as it was.
    pub fn rehearse<T>(&self, f: impl FnOnce(&Db) -> Result<T, Error>) -> Result<T, Error> {
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate).sql()?;
        let out = f(&Db { conn: &tx });
        // dropped without a commit: rolled back
        drop(tx);
        out
    }

    /// Runs `f` in a read transaction: all it reads is one snapshot of the file, whatever
    /// another connection commits meanwhile. A read inside another (a report made of several
    /// reads) joins the outer one's snapshot.
    pub fn read<T>(&self, f: impl FnOnce(&Db) -> Result<T, Error>) -> Result<T, Error> {
        if !self.conn.is_autocommit() {
            return f(&Db { conn: &self.conn });
        }
        let tx = self.conn.unchecked_transaction().sql()?;
        let out = f(&Db { conn: &tx });
        drop(tx);
        out
    }

    /// Opens (creating) a database migrated only up to `version`: what an older Kaidan wrote
    /// (tests of restoring old backups).
    #[doc(hidden)]
    pub fn open_at_schema_for_tests(path: &Path, version: usize) -> Result<Self, Error> {
        let mut conn = Connection::open(path).sql()?;
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).sql()?;
        conn.pragma_update(None, "foreign_keys", "ON").sql()?;
        migrations().to_version(&mut conn, version).map_err(storage)?;
        Ok(Self { conn, path: Some(path.to_path_buf()), linked: false })
    }

    /// The raw connection: for the benchmark's side-by-side baseline and for tests that
    /// damage a database on purpose. Never for product code.
    #[doc(hidden)]
    pub fn raw_connection_for_benchmarks(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// `f` in one `BEGIN IMMEDIATE` transaction on `conn`: committed if it returns `Ok`, rolled
/// back entirely otherwise (also when it panics). The store's `&mut self` keeps transactions
/// from nesting.
fn immediate<T>(conn: &Connection, linked: bool, f: impl FnOnce(&Db) -> Result<T, Error>) -> Result<T, Error> {
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate).sql()?;
    let out = f(&Db { conn: &tx })?;
    // the reports' rows waiting to be added up, once there are enough (migration 0028)
    reports::fold_reports(&tx, false).sql()?;
    if linked {
        sync::seal(&tx).sql()?;
    }
    tx.commit().sql()?;
    Ok(out)
}

/// The queries. Borrowed from an open transaction by [`Store::write`] / [`Store::read`].
pub struct Db<'c> {
    conn: &'c Connection,
}

impl Db<'_> {
    /// Runs `f` as a part of the transaction that may fail alone (a savepoint): when it fails,
    /// what it wrote is undone (numbers it took given back) and the rest of the transaction
    /// stands.
    pub fn attempt<T>(&self, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
        self.conn.execute_batch("SAVEPOINT attempt").sql()?;
        match f() {
            Ok(v) => {
                self.conn.execute_batch("RELEASE attempt").sql()?;
                Ok(v)
            }
            Err(e) => {
                self.conn.execute_batch("ROLLBACK TO attempt; RELEASE attempt").sql()?;
                Err(e)
            }
        }
    }

    /// `head VALUES (…), (…), …`: `cells` are rows of `width` values, written 32 rows a
    /// statement (a bulk write spends most of its time per statement, not per row), the last
    /// few one a statement.
    pub(crate) fn insert_rows(&self, head: &str, width: usize, cells: &[impl rusqlite::ToSql]) -> Result<(), Error> {
        const ROWS: usize = 32;
        let sql = |rows: usize| {
            let row = format!("({})", vec!["?"; width].join(", "));
            format!("{head} VALUES {}", vec![row; rows].join(", "))
        };
        let mut chunks = cells.chunks_exact(ROWS * width);
        if chunks.len() > 0 {
            let mut st = self.conn.prepare_cached(&sql(ROWS)).sql()?;
            for chunk in &mut chunks {
                st.execute(rusqlite::params_from_iter(chunk)).sql()?;
            }
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut st = self.conn.prepare_cached(&sql(1)).sql()?;
            for row in rest.chunks(width) {
                st.execute(rusqlite::params_from_iter(row)).sql()?;
            }
        }
        Ok(())
    }

    /// Executes through the statement cache (parsing SQL is a large share of a commit).
    fn exec<P: rusqlite::Params>(&self, sql: &str, p: P) -> rusqlite::Result<usize> {
        self.conn.prepare_cached(sql)?.execute(p)
    }

    /// Every row of a query, through the statement cache.
    fn rows<T, P: rusqlite::Params, F: FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>>(
        &self,
        sql: &str,
        p: P,
        f: F,
    ) -> Result<Vec<T>, Error> {
        let mut st = self.conn.prepare_cached(sql).sql()?;
        let rows = st.query_map(p, f).sql()?;
        rows.collect::<rusqlite::Result<Vec<_>>>().sql()
    }

    /// One row, through the statement cache.
    fn row<T, P: rusqlite::Params, F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>>(
        &self,
        sql: &str,
        p: P,
        f: F,
    ) -> rusqlite::Result<T> {
        self.conn.prepare_cached(sql)?.query_row(p, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_inside_a_read_sees_the_outer_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kaidan.db");
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let mut store = Store::open(&path).unwrap();
        store.write(|db| db.initialize(at, "Shop", "owner", "PC")).unwrap();
        let other = Connection::open(&path).unwrap();
        let count = |db: &Db| -> Result<i64, Error> { db.conn.query_row("SELECT COUNT(*) FROM customer", [], |r| r.get(0)).sql() };
        let t = time_text(at);
        let (first, inner, after) = store
            .read(|db| {
                let first = count(db)?;
                // another connection (the window's other screen) commits a customer meanwhile
                other
                    .execute(
                        "INSERT INTO customer (id, name, created_at, updated_at) VALUES (?1, 'Wang', ?2, ?2)",
                        rusqlite::params![new_id(at), t],
                    )
                    .unwrap();
                let inner = store.read(count)?;
                Ok((first, inner, count(db)?))
            })
            .unwrap();
        assert_eq!((inner, after), (first, first), "one snapshot for the outer read and the reads inside it");
        assert_eq!(store.read(count).unwrap(), first + 1, "the next read sees the commit");
    }

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn refuses_a_newer_schema_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("店 铺 data").join("kaidan.db");
        drop(Store::open(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", 99).unwrap();
        }
        let err = Store::open(&path).err().unwrap();
        assert!(err.message(kaidan_core::Lang::En).contains("newer Kaidan"), "{err}");
        let c = Connection::open(&path).unwrap();
        let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, 99);
    }

    /// A shop with one customer and one product, made behind the use cases; the stamp of its
    /// owner on its device.
    fn shop_for_history() -> (Store, Stamp, String, String) {
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let owner = store.write(|db| db.initialize(at, "Shop", "owner", "PC")).unwrap();
        let device = store.read(|db| db.local_ids()).unwrap().device_id;
        let (customer, product) = (new_id(at), new_id(at));
        let t = time_text(at);
        store
            .conn
            .execute_batch(&format!(
                "INSERT INTO customer (id, name, created_at, updated_at) VALUES ('{customer}', 'Wang', '{t}', '{t}');
                 INSERT INTO product (id, sku, name, unit, price_e4, created_at, updated_at)
                 VALUES ('{product}', 'A1', 'Screw', 'pcs', 20000, '{t}', '{t}');"
            ))
            .unwrap();
        (store, Stamp { operator_id: owner, device_id: device, at, request_id: None, approved_by: None }, customer, product)
    }

    fn history(stamp: &Stamp, customer: &str, product: &str) -> orders::HistoryOrder {
        use kaidan_core::order::{SalesLine, SalesOrder};
        use kaidan_core::{Channel, LineAmounts, Money, OrderStatus, OrderTotals, Qty, UnitPrice};
        let amount = Money::from_minor(400);
        orders::HistoryOrder {
            order: SalesOrder {
                id: new_id(stamp.at),
                number: "SO-2023-000001".into(),
                customer_id: customer.into(),
                status: OrderStatus::Delivered,
                channel: Channel::Other,
                order_date: "2023-11-14".into(),
                deliver_by: None,
                notes: None,
                prices_include_tax: true,
                totals: OrderTotals { subtotal: amount, tax: Money::ZERO, total: amount },
                approval_reasons: Vec::new(),
                cancel_reason: None,
                import_batch_id: None,
                external_number: Some("H1".into()),
                invoiced: Money::ZERO,
                returned: Money::ZERO,
                received: Money::ZERO,
                last_line_no: 1,
                lines: vec![SalesLine {
                    id: new_id(stamp.at),
                    line_no: 1,
                    product_id: product.into(),
                    sku: "A1".into(),
                    name: "Screw".into(),
                    unit: "pcs".into(),
                    qty: Qty::from_minor(2000),
                    delivered: Qty::from_minor(2000),
                    unit_price: UnitPrice::from_minor(20000),
                    amounts: LineAmounts { amount, tax: Money::ZERO, net: amount, total: amount },
                    ..SalesLine::default()
                }],
            },
            delivery_id: new_id(stamp.at),
            delivery_number: "DN-2023-000001".into(),
        }
    }

    #[test]
    fn a_bulk_write_checks_the_rows_its_history_names_and_enforcement_comes_back() {
        let (mut store, stamp, customer, product) = shop_for_history();
        let before = store.read(|db| db.dump()).unwrap();
        // a product, a customer, an operator that is not there: refused, nothing written
        let ghost = new_id(stamp.at);
        let cases = [
            (history(&stamp, &customer, &ghost), stamp.clone(), "product"),
            (history(&stamp, &ghost, &product), stamp.clone(), "customer"),
            (history(&stamp, &customer, &product), Stamp { operator_id: ghost.clone(), ..stamp.clone() }, "operator"),
        ];
        for (h, by, what) in cases {
            let e = store.write_bulk(|db| db.insert_history(&by, std::slice::from_ref(&h), &mut HistorySums::default())).unwrap_err();
            assert!(e.message(kaidan_core::Lang::En).contains(&ghost), "{what}: {e}");
            assert!(store.read(|db| db.dump()).unwrap() == before, "{what}: nothing written");
            assert!(store.foreign_keys_enforced().unwrap(), "{what}: enforced again");
        }
        // a panic inside leaves nothing written and enforcement back on
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = store.write_bulk(|db| -> Result<(), Error> {
                db.insert_history(&stamp, &[history(&stamp, &customer, &product)], &mut HistorySums::default())?;
                panic!("a bug half-way through a bulk write")
            });
        }));
        assert!(caught.is_err());
        assert!(store.read(|db| db.dump()).unwrap() == before);
        assert!(store.foreign_keys_enforced().unwrap());
        // a good order lands whole: order, line, delivery, delivery line, every reference sound
        store.write_bulk(|db| db.insert_history(&stamp, &[history(&stamp, &customer, &product)], &mut HistorySums::default())).unwrap();
        let counts: (i64, i64, i64, i64) = store
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM sales_order), (SELECT count(*) FROM order_line),
                        (SELECT count(*) FROM delivery), (SELECT count(*) FROM delivery_line)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(counts, (1, 1, 1, 1));
        assert!(store.read(|db| db.check(true)).unwrap().foreign_keys.is_empty());
        assert!(store.foreign_keys_enforced().unwrap());
        // a statement prepared (and cached) while enforcement was off is prepared again once it
        // is back on: the same row naming nothing is refused by a plain write
        let dangling = "INSERT INTO delivery_line (id, delivery_id, order_line_id, product_id, qty_milli, created_at, updated_at)
                        VALUES (?1, 'none', 'none', 'none', 1000, 't', 't')";
        let e = store
            .write_bulk(|db| -> Result<(), Error> {
                db.exec(dangling, [new_id(stamp.at)]).sql()?;
                Err(storage("rolled back on purpose"))
            })
            .unwrap_err();
        assert!(e.to_string().contains("on purpose"), "{e}");
        let e = store.write(|db| db.exec(dangling, [new_id(stamp.at)]).sql()).unwrap_err();
        assert!(e.to_string().contains("FOREIGN KEY"), "{e}");
    }

    /// An import batch's history is held back from the reports' triggers while it is written
    /// (migration 0031): a write that would end with it held is refused whole; added with its
    /// sums, it counts once, as the documents say.
    #[test]
    fn an_import_batch_held_back_from_the_reports_must_be_added_before_its_write_ends() {
        let (mut store, stamp, customer, product) = shop_for_history();
        let batch = new_id(stamp.at);
        store.write(|db| db.insert_import_batch(&stamp, &batch, kaidan_core::ImportKind::Orders, "a.csv", "", "sha", "{}", "{}")).unwrap();
        let mut h = history(&stamp, &customer, &product);
        h.order.import_batch_id = Some(batch.clone());
        let before = store.read(|db| db.dump()).unwrap();
        let e = store.write_bulk(|db| db.insert_history(&stamp, std::slice::from_ref(&h), &mut HistorySums::default())).unwrap_err();
        assert!(e.to_string().contains("not added to the reports"), "{e}");
        assert!(store.read(|db| db.dump()).unwrap() == before, "nothing written");
        // an order without a batch beside it would lose its lines' rows: refused
        let mut plain = history(&stamp, &customer, &product);
        plain.order.number = "SO-2023-000002".into();
        let e = store.write_bulk(|db| db.insert_history(&stamp, &[h.clone(), plain.clone()], &mut HistorySums::default())).unwrap_err();
        assert!(e.to_string().contains("SO-2023-000002"), "{e}");
        assert!(store.read(|db| db.dump()).unwrap() == before, "nothing written");
        let mut sums = HistorySums::default();
        store
            .write_bulk(|db| {
                db.insert_history(&stamp, std::slice::from_ref(&h), &mut sums)?;
                db.add_history_to_reports(sums)
            })
            .unwrap();
        store.fold_reports().unwrap();
        let sums: (i64, i64, i64, i64) = store
            .conn
            .query_row(
                "SELECT (SELECT SUM(orders) FROM report_day), (SELECT SUM(net_cents) FROM report_product WHERE level = 'd'),
                        (SELECT SUM(lines) FROM report_order), (SELECT COUNT(*) FROM report_bulk)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(sums, (1, 400, 1, 0));
        let check = store.read(|db| db.check(true)).unwrap();
        assert!(check.report_mismatches.is_empty(), "{check:?}");
    }

    #[test]
    fn ids_sort_by_time() {
        let a = new_id(DateTime::from_timestamp(1_700_000_000, 0).unwrap());
        let b = new_id(DateTime::from_timestamp(1_700_000_001, 0).unwrap());
        assert!(a < b);
        assert_eq!(a.len(), 36);
    }
}
