//! The counter's side of several counters (docs/SYNC.md): the outbox its writes fill, and the
//! other counters' changes applied to this file.
//!
//! Capture is SQLite triggers, made from kaidan-core's list of the tables that travel
//! ([`SyncTable`]) and the columns each table has now, once the shop has a server: every
//! insert and update of such a row appends a [`Change`] to `sync_outbox` in the writer's own
//! transaction, so a change is sent if and only if it was committed. What the trigger writes
//! is kept short, for the order commit's sake: an insert names its row, an update keeps the row
//! before it; the row after a change is worked out when it is read ([`Db::outbox`]), and a
//! transaction's end is one row of `sync_outbox_tx` ([`seal`]). Applying the others'
//! changes turns capture off inside that transaction; SQLite's own triggers keep the caches
//! (accounts, exposure, reports) as they do for local writes, and the caches the program keeps
//! itself (stock balances, reservations, the search index) are computed again here for what
//! the changes touched.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use kaidan_core::sync::{Change, ChangeOp, SyncTable, FORMAT};
use kaidan_core::{Closed, Error, Qty, UnitPrice};
use rusqlite::{params, types::Value as Sql, Connection, OptionalExtension};
use serde_json::{Map, Value};

use crate::{storage, Db, SqlResult, Stamp};

/// The prefix of a new number series of kind `?5` for the device `?2`: the kind alone on a
/// shop with one PC (`SO-2026-000001`); with the counter's code once the shop has a server
/// (`SO-B-2026-000001`), so that two counters never give out the same number.
pub(crate) const SERIES_PREFIX: &str = "COALESCE((SELECT ?5 || '-' || d.code FROM device d, sync_config s WHERE d.id = ?2), ?5)";

/// This counter's link to the shop's server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncLink {
    /// The server's address without a password.
    pub server: String,
    /// This counter (the local device).
    pub device_id: String,
    pub device_code: String,
    /// The last server change applied here.
    pub pulled_to: i64,
    pub synced_at: Option<String>,
    pub last_error: Option<String>,
    pub offline_since: Option<String>,
}

/// A table's columns that travel, with whether each is binary (sent as hex).
fn travelling_columns(conn: &Connection, table: SyncTable) -> rusqlite::Result<Vec<(String, bool)>> {
    let local = table.local_columns();
    let mut st = conn.prepare(&format!("SELECT name, type FROM pragma_table_info('{}')", table.as_str()))?;
    let cols = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols
        .into_iter()
        .filter(|(name, _)| !local.contains(&name.as_str()))
        .map(|(name, ty)| (name, ty.eq_ignore_ascii_case("BLOB")))
        .collect())
}

/// A column's value as the change format writes it: text or null, binary as hex.
fn as_text(of: &str, (name, blob): &(String, bool)) -> String {
    if *blob {
        format!("CASE WHEN {of}.{name} IS NULL THEN NULL ELSE hex({of}.{name}) END")
    } else {
        format!("CAST({of}.{name} AS TEXT)")
    }
}

/// `json_object('a', <a as text>, …)` of the row `of` (`NEW`, `OLD`, or a table alias).
fn row_json(of: &str, cols: &[(String, bool)]) -> String {
    let pairs: Vec<String> = cols.iter().map(|c| format!("'{}', {}", c.0, as_text(of, c))).collect();
    format!("json_object({})", pairs.join(", "))
}

/// The capture triggers of one table: what the outbox gets for an insert and an update. An
/// insert names its row; an update keeps the whole row before it. The row after the change, and
/// which columns changed, are worked out when the outbox is read ([`Db::outbox`]), not in the
/// writer's transaction. A row has at most one change per transaction: an update of a row the
/// transaction already inserted or updated writes nothing, since the change it has is read with
/// the row as the transaction left it, and its `before` is the row before the transaction (an
/// order made, confirmed and delivered at the counter is one insert of the delivered order).
fn capture_triggers(table: SyncTable, cols: &[(String, bool)]) -> String {
    let t = table.as_str();
    let changed: Vec<String> = cols.iter().map(|(c, _)| format!("OLD.{c} IS NOT NEW.{c}")).collect();
    format!(
        "DROP TRIGGER IF EXISTS sync_out_{t}_insert;
         DROP TRIGGER IF EXISTS sync_out_{t}_update;
         CREATE TRIGGER sync_out_{t}_insert AFTER INSERT ON {t} WHEN (SELECT capturing FROM sync_config) BEGIN
             INSERT INTO sync_outbox (tbl, op, row_id) VALUES ('{t}', 'insert', NEW.id);
         END;
         CREATE TRIGGER sync_out_{t}_update AFTER UPDATE ON {t} WHEN (SELECT capturing FROM sync_config) AND ({changed})
             AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE seq > (SELECT COALESCE(MAX(last_seq), 0) FROM sync_outbox_tx)
                             AND row_id = NEW.id AND tbl = '{t}') BEGIN
             INSERT INTO sync_outbox (tbl, op, row_id, before) VALUES ('{t}', 'update', NEW.id, {old});
         END;",
        old = row_json("OLD", cols),
        changed = changed.join(" OR "),
    )
}

/// (Re)makes every capture trigger from the tables as they are now: after a migration added
/// a column, the next open sends it too.
pub(crate) fn install_capture(conn: &Connection) -> rusqlite::Result<()> {
    for t in SyncTable::ALL {
        let cols = travelling_columns(conn, t)?;
        conn.execute_batch(&capture_triggers(t, &cols))?;
    }
    Ok(())
}

/// Whether the shop has a server (capture is on).
pub(crate) fn linked(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM sync_config)", [], |r| r.get(0))
}

/// Marks the end of the changes a transaction captured (its last change), in that transaction,
/// just before it commits: one row, whatever the number of changes; nothing when it captured
/// none.
pub(crate) fn seal(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_outbox_tx (last_seq) SELECT m FROM (SELECT MAX(seq) AS m FROM sync_outbox) WHERE m IS NOT NULL",
    )?
    .execute([])?;
    Ok(())
}

/// What applying the server's changes did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Changes written into this file.
    pub applied: usize,
    /// Changes this counter already had (its own, or received before).
    pub skipped: usize,
    /// The server change applied last.
    pub pulled_to: i64,
}

impl Db<'_> {
    /// This counter's link to the shop's server, if it has one.
    pub fn sync_link(&self) -> Result<Option<SyncLink>, Error> {
        self.conn
            .query_row(
                "SELECT s.server, d.id, d.code, s.pulled_to, s.synced_at, s.last_error, s.offline_since
                 FROM sync_config s, device d WHERE d.is_local = 1",
                [],
                |r| {
                    Ok(SyncLink {
                        server: r.get(0)?,
                        device_id: r.get(1)?,
                        device_code: r.get(2)?,
                        pulled_to: r.get(3)?,
                        synced_at: r.get(4)?,
                        last_error: r.get(5)?,
                        offline_since: r.get(6)?,
                    })
                },
            )
            .optional()
            .sql()
    }

    /// Links this counter to the shop's server: records the address, gives the counter its
    /// code (its number series carry it from now on: `SO-B-2026-000001`), starts capture, and,
    /// when `send_history`, puts the whole shop into the outbox once, parents before children,
    /// for the server that starts from this shop.
    pub fn start_sync(&self, stamp: &Stamp, server: &str, device_code: &str, send_history: bool) -> Result<(), Error> {
        if self.sync_link()?.is_some() {
            return Err(storage("this counter already has a server"));
        }
        self.exec("UPDATE device SET code = ?1, updated_at = ?2 WHERE is_local = 1", params![device_code, stamp.time()]).sql()?;
        self.exec(
            "INSERT INTO sync_config (id, server, capturing, pulled_to, joined_at) VALUES (1, ?1, 1, 0, ?2)",
            params![server, stamp.time()],
        )
        .sql()?;
        // this counter's series start again at 1 with its code (`SO-A-2026-000001`); the
        // numbers given before (`SO-2026-…`) stay as they are, a series of their own
        self.exec(
            &format!(
                "UPDATE number_series SET prefix = {}, next_value = 1, updated_at = ?1 WHERE device_id = ?2",
                SERIES_PREFIX.replace("?5", "number_series.kind")
            ),
            params![stamp.time(), stamp.device_id],
        )
        .sql()?;
        if send_history {
            for t in SyncTable::ALL {
                let cols = travelling_columns(self.conn, t).sql()?;
                // rows in the order they were made (a row refers to older ones)
                let order = if cols.iter().any(|(c, _)| c == "created_at") { "created_at, rowid" } else { "rowid" };
                self.exec(
                    &format!(
                        "INSERT INTO sync_outbox (tbl, op, row_id, row) SELECT '{t}', 'insert', x.id, {json} FROM {t} x ORDER BY {order}",
                        t = t.as_str(),
                        json = row_json("x", &cols)
                    ),
                    [],
                )
                .sql()?;
            }
            // the history is rows, not transactions: each travels alone
            self.exec("INSERT OR IGNORE INTO sync_outbox_tx (last_seq) SELECT seq FROM sync_outbox", []).sql()?;
        }
        install_capture(self.conn).sql()?;
        Ok(())
    }

    /// Makes this new, empty file a counter of the shop whose server is `server`: the counter
    /// as the owner registered it (`device_id`, `code`), capture on. The shop itself (company,
    /// people, products…) arrives with the history.
    pub fn join_sync(&self, device_id: &str, code: &str, server: &str, at: DateTime<Utc>) -> Result<(), Error> {
        let t = crate::time_text(at);
        self.exec("INSERT INTO sync_config (id, server, capturing, pulled_to, joined_at) VALUES (1, ?1, 1, 0, ?2)", params![server, t])
            .sql()?;
        install_capture(self.conn).sql()?;
        // captured: the others learn this counter from its first change
        self.exec(
            "INSERT INTO device (id, name, code, is_local, created_at, updated_at) VALUES (?1, ?2, ?2, 1, ?3, ?3)",
            params![device_id, code, t],
        )
        .sql()?;
        seal(self.conn).sql()?;
        Ok(())
    }

    /// Marks the server's changes up to `server_seq` as applied (a joining counter replayed
    /// the history up to there).
    pub fn pulled_at_least(&self, server_seq: i64) -> Result<(), Error> {
        self.exec("UPDATE sync_config SET pulled_to = max(pulled_to, ?1)", [server_seq]).sql()?;
        Ok(())
    }

    /// What a row of a table that travels is, in the shop's words: a product's SKU and name, a
    /// customer's or a person's name, a document's number; its id when this counter does not
    /// have it.
    pub fn sync_subject(&self, table: &str, id: &str) -> Result<String, Error> {
        let sql = match SyncTable::from_stored(table) {
            Some(SyncTable::Product) => "SELECT sku || ' ' || name FROM product WHERE id = ?1",
            Some(SyncTable::Customer) => "SELECT name FROM customer WHERE id = ?1",
            Some(SyncTable::ImportBatch) => {
                "SELECT file_name || CASE WHEN sheet <> '' THEN ' · ' || sheet ELSE '' END FROM import_batch WHERE id = ?1"
            }
            Some(SyncTable::Operator) => "SELECT name FROM operator WHERE id = ?1",
            Some(SyncTable::SalesOrder) => "SELECT number FROM sales_order WHERE id = ?1",
            Some(SyncTable::Invoice) => "SELECT number FROM invoice WHERE id = ?1",
            Some(SyncTable::Payment) => "SELECT number FROM payment WHERE id = ?1",
            Some(SyncTable::Delivery) => "SELECT number FROM delivery WHERE id = ?1",
            Some(SyncTable::SalesReturn) => "SELECT number FROM sales_return WHERE id = ?1",
            Some(SyncTable::StockMove) => "SELECT COALESCE(doc_number, id) FROM stock_move WHERE id = ?1",
            _ => return Ok(id.to_string()),
        };
        Ok(self.conn.query_row(sql, [id], |r| r.get(0)).optional().sql()?.unwrap_or_else(|| id.to_string()))
    }

    /// Records a sync that reached the server (`error` None) or failed.
    pub fn note_sync(&self, at: &str, error: Option<&str>) -> Result<(), Error> {
        match error {
            None => self.exec("UPDATE sync_config SET synced_at = ?1, last_error = NULL, offline_since = NULL", params![at]),
            Some(e) => self.exec("UPDATE sync_config SET last_error = ?2, offline_since = COALESCE(offline_since, ?1)", params![at, e]),
        }
        .sql()?;
        Ok(())
    }

    /// How many changes wait to be sent.
    pub fn outbox_waiting(&self) -> Result<i64, Error> {
        self.row("SELECT COUNT(*) FROM sync_outbox", [], |r| r.get(0)).sql()
    }

    /// The oldest changes waiting to be sent: about `limit` of them, whole transactions only.
    pub fn outbox(&self, device_id: &str, limit: usize) -> Result<Vec<Change>, Error> {
        let rows: Vec<Waiting> =
            self.rows("SELECT seq, tbl, op, row_id, row, before FROM sync_outbox ORDER BY seq LIMIT ?1", [limit as i64 + 1], |r| {
                Ok(Waiting { seq: r.get(0)?, tbl: r.get(1)?, op: r.get(2)?, id: r.get(3)?, row: r.get(4)?, before: r.get(5)? })
            })?;
        let (Some(first), Some(last)) = (rows.first().map(|w| w.seq), rows.last().map(|w| w.seq)) else {
            return Ok(Vec::new());
        };
        // a change's transaction is named by its first change: the one after the end before it
        let mut end: i64 =
            self.row("SELECT COALESCE(MAX(last_seq), 0) FROM sync_outbox_tx WHERE last_seq < ?1", [first], |r| r.get(0)).sql()?;
        let ends: BTreeSet<i64> = self
            .rows("SELECT last_seq FROM sync_outbox_tx WHERE last_seq BETWEEN ?1 AND ?2", [first, last], |r| r.get(0))?
            .into_iter()
            .collect();
        let after = self.rows_after(&rows)?;
        let more = rows.len() > limit;
        let mut changes = Vec::with_capacity(rows.len());
        for w in &rows {
            let tx = end + 1;
            if ends.contains(&w.seq) {
                end = w.seq;
            }
            let table = SyncTable::read_stored(&w.tbl)?;
            let row = object(&after[&w.seq])?;
            changes.push(Change {
                v: FORMAT,
                device: device_id.to_string(),
                seq: w.seq,
                tx,
                table,
                op: ChangeOp::read_stored(&w.op)?,
                id: w.id.clone(),
                before: match w.before.as_deref() {
                    // the row before the update, kept whole: the change names the columns it changed
                    Some(b) => Some(object(b)?.into_iter().filter(|(k, v)| row.get(k) != Some(v)).collect()),
                    None => None,
                },
                row,
            });
        }
        if more {
            // the row past the limit says whether the last transaction goes on: if so, leave
            // that transaction for the next batch (unless it is the only one)
            let next_tx = changes.pop().map(|c| c.tx);
            if let Some(last) = changes.last().map(|c| c.tx) {
                if next_tx == Some(last) && changes.first().map(|c| c.tx) != Some(last) {
                    changes.retain(|c| c.tx != last);
                }
            }
        }
        Ok(changes)
    }

    /// The row after each of `waiting`'s changes (by its `seq`), as JSON text: written when it
    /// was captured or filled ([`Db::fill_rows`]); else the `before` of the same row's next change
    /// here, which is the row as that change found it; else the row as it is now. Exact as long
    /// as every write to a table that travels is captured or comes after `fill_rows`.
    fn rows_after(&self, waiting: &[Waiting]) -> Result<BTreeMap<i64, String>, Error> {
        let mut out = BTreeMap::new();
        // the nearest later change of each row, walking back from the last
        let mut next_before: BTreeMap<(&str, &str), Option<&str>> = BTreeMap::new();
        let mut open: Vec<&Waiting> = Vec::new();
        for w in waiting.iter().rev() {
            let key = (w.tbl.as_str(), w.id.as_str());
            match (&w.row, next_before.get(&key)) {
                (Some(row), _) => {
                    out.insert(w.seq, row.clone());
                }
                (None, Some(Some(before))) => {
                    out.insert(w.seq, before.to_string());
                }
                (None, _) => open.push(w),
            }
            next_before.insert(key, w.before.as_deref());
        }
        if open.is_empty() {
            return Ok(out);
        }
        // rows changed again after the ones read: the first such change of each
        let last = waiting.last().map(|w| w.seq).unwrap_or(0);
        let wanted: BTreeSet<(&str, &str)> = open.iter().map(|w| (w.tbl.as_str(), w.id.as_str())).collect();
        let mut later: BTreeMap<(String, String), i64> = BTreeMap::new();
        {
            let mut st = self.conn.prepare_cached("SELECT seq, tbl, row_id FROM sync_outbox WHERE seq > ?1 ORDER BY seq").sql()?;
            let mut q = st.query([last]).sql()?;
            while let Some(r) = q.next().sql()? {
                let (tbl, id): (String, String) = (r.get(1).sql()?, r.get(2).sql()?);
                if wanted.contains(&(tbl.as_str(), id.as_str())) {
                    later.entry((tbl, id)).or_insert(r.get(0).sql()?);
                }
            }
        }
        let mut columns: BTreeMap<&str, String> = BTreeMap::new();
        for w in open {
            let text = match later.get(&(w.tbl.clone(), w.id.clone())) {
                Some(seq) => self.row("SELECT before FROM sync_outbox WHERE seq = ?1", [seq], |r| r.get::<_, Option<String>>(0)).sql()?,
                None => None,
            };
            let text = match text {
                Some(t) => t,
                None => {
                    let table = SyncTable::read_stored(&w.tbl)?;
                    if !columns.contains_key(w.tbl.as_str()) {
                        let cols = travelling_columns(self.conn, table).sql()?;
                        columns
                            .insert(w.tbl.as_str(), format!("SELECT {} FROM {} x WHERE x.id = ?1", row_json("x", &cols), table.as_str()));
                    }
                    self.conn
                        .prepare_cached(&columns[w.tbl.as_str()])
                        .sql()?
                        .query_row([&w.id], |r| r.get::<_, String>(0))
                        .optional()
                        .sql()?
                        .ok_or_else(|| storage(format!("the outbox names a {} row that is not there: {}", w.tbl, w.id)))?
                }
            };
            out.insert(w.seq, text);
        }
        Ok(out)
    }

    /// Writes down the row after every waiting change that has none yet ([`Db::rows_after`]):
    /// done before writing anything without capture (the server's changes), which would
    /// otherwise be read as this counter's.
    fn fill_rows(&self) -> Result<(), Error> {
        let waiting: Vec<Waiting> = self.rows(
            "SELECT seq, tbl, op, row_id, row, before FROM sync_outbox
             WHERE seq >= (SELECT MIN(seq) FROM sync_outbox WHERE row IS NULL) ORDER BY seq",
            [],
            |r| Ok(Waiting { seq: r.get(0)?, tbl: r.get(1)?, op: r.get(2)?, id: r.get(3)?, row: r.get(4)?, before: r.get(5)? }),
        )?;
        let rows = self.rows_after(&waiting)?;
        let mut st = self.conn.prepare_cached("UPDATE sync_outbox SET row = ?2 WHERE seq = ?1 AND row IS NULL").sql()?;
        for w in waiting.iter().filter(|w| w.row.is_none()) {
            st.execute(params![w.seq, rows[&w.seq]]).sql()?;
        }
        Ok(())
    }

    /// Forgets the changes up to `seq`: the server has them.
    pub fn outbox_sent(&self, seq: i64) -> Result<(), Error> {
        self.exec("DELETE FROM sync_outbox WHERE seq <= ?1", [seq]).sql()?;
        // the end of the transaction before the first change left is still needed
        self.exec("DELETE FROM sync_outbox_tx WHERE last_seq < (SELECT MAX(last_seq) FROM sync_outbox_tx WHERE last_seq <= ?1)", [seq])
            .sql()?;
        Ok(())
    }

    /// Applies the server's changes (`(server order, change)`, in that order) that this counter
    /// does not have yet, in the caller's transaction, and computes again the stock, the
    /// reservations and the search text they touched. Changes this counter made itself, and
    /// those at or before `pulled_to`, are skipped.
    pub fn apply_remote(&self, stamp: &Stamp, changes: &[(i64, Change)]) -> Result<Applied, Error> {
        let link = self.sync_link()?.ok_or_else(|| storage("this counter has no server"))?;
        let mut out = Applied { pulled_to: link.pulled_to, ..Applied::default() };
        let mut columns: BTreeMap<SyncTable, Vec<(String, bool)>> = BTreeMap::new();
        let mut shelves: BTreeSet<(String, String)> = BTreeSet::new();
        let mut reserved: BTreeSet<String> = BTreeSet::new();
        let mut orders: BTreeSet<String> = BTreeSet::new();
        let mut customers: BTreeSet<String> = BTreeSet::new();
        self.fill_rows()?;
        self.exec("UPDATE sync_config SET capturing = 0", []).sql()?;
        for (server_seq, c) in changes {
            if *server_seq <= out.pulled_to {
                out.skipped += 1;
                continue;
            }
            out.pulled_to = *server_seq;
            if c.device == link.device_id {
                out.skipped += 1;
                continue;
            }
            if !columns.contains_key(&c.table) {
                columns.insert(c.table, travelling_columns(self.conn, c.table).sql()?);
            }
            self.apply_one(c, &columns[&c.table], &link.device_code)?;
            out.applied += 1;
            let text = |k: &str| c.row.get(k).and_then(Value::as_str).map(str::to_string);
            match c.table {
                SyncTable::StockMove => {
                    if let (Some(p), Some(l)) = (text("product_id"), text("location_id")) {
                        shelves.insert((p, l));
                    }
                }
                SyncTable::OrderLine => {
                    reserved.extend(text("product_id"));
                    orders.extend(text("order_id"));
                }
                SyncTable::Delivery => {
                    orders.extend(text("order_id"));
                }
                SyncTable::SalesOrder => {
                    orders.insert(c.id.clone());
                    let lines: Vec<String> = self.rows("SELECT product_id FROM order_line WHERE order_id = ?1", [&c.id], |r| r.get(0))?;
                    reserved.extend(lines);
                }
                SyncTable::Customer if c.op == ChangeOp::Update => {
                    customers.insert(c.id.clone());
                }
                _ => {}
            }
        }
        for (product, location) in &shelves {
            self.rebalance(stamp, product, location)?;
        }
        for product in &reserved {
            self.reserve_again(stamp, product)?;
        }
        for order in &orders {
            self.reindex_order(order)?;
            // when it was delivered in full: its trigger watches the order's status change, which
            // an order that arrives delivered (one insert of the transaction's last state, or the
            // shop's history) never makes here
            self.exec("DELETE FROM order_fulfil WHERE order_id = ?1", [order]).sql()?;
            self.exec(
                "INSERT INTO order_fulfil (order_id, delivered_on, lead_days, days_late)
                 SELECT order_id, delivered_on, lead_days, days_late FROM order_fulfil_of WHERE order_id = ?1",
                [order],
            )
            .sql()?;
        }
        for customer in &customers {
            self.reindex_orders_of_customer(customer)?;
        }
        self.exec("UPDATE sync_config SET capturing = 1, pulled_to = ?1", [out.pulled_to]).sql()?;
        Ok(out)
    }

    /// One change written into its table: an insert as it came (a row already here is left
    /// alone); an update of the columns it changed (all of them for the server's own
    /// corrections, which carry no `before`).
    ///
    /// A name (SKU, barcode) that one of this counter's own rows has too: the server received
    /// the other first (it comes in the server's order), so it will keep this counter's row with
    /// this counter's code after the name (`SyncTable::unique_columns`) and send that; the same
    /// is done here first, so that the other row fits beside it.
    fn apply_one(&self, c: &Change, cols: &[(String, bool)], own_code: &str) -> Result<(), Error> {
        let t = c.table.as_str();
        for col in c.table.unique_columns() {
            let sets = c.op == ChangeOp::Insert || c.before.as_ref().is_none_or(|b| b.contains_key(*col));
            if let (true, Some(Value::String(v))) = (sets, c.row.get(*col)) {
                self.conn
                    .prepare_cached(&format!(
                        "UPDATE {t} SET {col} = {col} || '-' || ?3 WHERE {col} = ?1 AND id <> ?2 AND deleted_at IS NULL"
                    ))
                    .sql()?
                    .execute(params![v, c.id, own_code])
                    .sql()?;
            }
        }
        let value = |name: &str| -> Sql {
            match c.row.get(name) {
                Some(Value::String(s)) => Sql::Text(s.clone()),
                Some(Value::Null) | None => Sql::Null,
                Some(other) => Sql::Text(other.to_string()),
            }
        };
        let place = |(_, blob): &(String, bool), i: usize| if *blob { format!("unhex(?{i})") } else { format!("?{i}") };
        match c.op {
            ChangeOp::Insert => {
                let present: Vec<&(String, bool)> = cols.iter().filter(|(n, _)| c.row.contains_key(n)).collect();
                let names: Vec<&str> = present.iter().map(|(n, _)| n.as_str()).collect();
                let places: Vec<String> = present.iter().enumerate().map(|(i, col)| place(col, i + 1)).collect();
                let sql = format!("INSERT INTO {t} ({}) VALUES ({}) ON CONFLICT (id) DO NOTHING", names.join(", "), places.join(", "));
                let values: Vec<Sql> = names.iter().map(|n| value(n)).collect();
                self.conn.prepare_cached(&sql).sql()?.execute(rusqlite::params_from_iter(values)).sql()?;
            }
            ChangeOp::Update => {
                let changed: Vec<&(String, bool)> = cols
                    .iter()
                    .filter(|(n, _)| n != "id" && c.row.contains_key(n))
                    .filter(|(n, _)| c.before.as_ref().is_none_or(|b| b.contains_key(n)))
                    .collect();
                if changed.is_empty() {
                    return Ok(());
                }
                let sets: Vec<String> = changed.iter().enumerate().map(|(i, col)| format!("{} = {}", col.0, place(col, i + 2))).collect();
                let sql = format!("UPDATE {t} SET {} WHERE id = ?1", sets.join(", "));
                let mut values: Vec<Sql> = vec![Sql::Text(c.id.clone())];
                values.extend(changed.iter().map(|(n, _)| value(n)));
                self.conn.prepare_cached(&sql).sql()?.execute(rusqlite::params_from_iter(values)).sql()?;
            }
        }
        Ok(())
    }

    /// A shelf's balance computed again from its whole ledger, in the order the movements
    /// happened: the quantity, and the moving average cost (kaidan-core's `cost::step`, as
    /// [`Db::post_move`] takes it one movement at a time).
    fn rebalance(&self, stamp: &Stamp, product: &str, location: &str) -> Result<(), Error> {
        let moves: Vec<(i64, Option<i64>)> = self.rows(
            "SELECT qty_milli, unit_cost_e4 FROM stock_move WHERE product_id = ?1 AND location_id = ?2 ORDER BY created_at, id",
            [product, location],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (mut on_hand, mut avg) = (Qty::from_minor(0), None::<UnitPrice>);
        for (qty, cost) in moves {
            let step = kaidan_core::cost::step(on_hand, avg, Qty::from_minor(qty), cost.map(UnitPrice::from_minor));
            on_hand = on_hand + Qty::from_minor(qty);
            avg = step.average;
        }
        self.exec(
            "INSERT INTO stock_balance (product_id, location_id, on_hand_milli, reserved_milli, updated_at, avg_cost_e4)
             VALUES (?1, ?2, ?3, 0, ?4, ?5)
             ON CONFLICT (product_id, location_id)
             DO UPDATE SET on_hand_milli = excluded.on_hand_milli, avg_cost_e4 = excluded.avg_cost_e4, updated_at = excluded.updated_at",
            params![product, location, on_hand.minor(), stamp.time(), avg.map(UnitPrice::minor)],
        )
        .sql()?;
        Ok(())
    }

    /// A product's reservation computed again from the open orders (what they still have to
    /// deliver and do not wait for), held on the default place as the orders hold it.
    fn reserve_again(&self, stamp: &Stamp, product: &str) -> Result<(), Error> {
        let held: i64 = self
            .row(
                "SELECT COALESCE(SUM(l.qty_milli - l.delivered_milli - l.backordered_milli), 0)
                 FROM order_line l JOIN sales_order o ON o.id = l.order_id
                 WHERE l.product_id = ?1 AND l.deleted_at IS NULL AND o.status IN ('confirmed', 'partially_delivered')",
                [product],
                |r| r.get(0),
            )
            .sql()?;
        let location: String = self.row("SELECT id FROM location WHERE is_default = 1", [], |r| r.get(0)).sql()?;
        self.exec("UPDATE stock_balance SET reserved_milli = 0 WHERE product_id = ?1 AND location_id <> ?2", params![product, location])
            .sql()?;
        if held == 0 {
            // no row made for nothing held, as on the counter that made the product (a product
            // of imported history has no balance row until stock moves)
            self.exec(
                "UPDATE stock_balance SET reserved_milli = 0, updated_at = ?3 WHERE product_id = ?1 AND location_id = ?2 AND reserved_milli <> 0",
                params![product, location, stamp.time()],
            )
            .sql()?;
            return Ok(());
        }
        self.exec(
            "INSERT INTO stock_balance (product_id, location_id, on_hand_milli, reserved_milli, updated_at)
             VALUES (?1, ?2, 0, ?3, ?4)
             ON CONFLICT (product_id, location_id) DO UPDATE SET reserved_milli = excluded.reserved_milli, updated_at = excluded.updated_at",
            params![product, location, held, stamp.time()],
        )
        .sql()?;
        Ok(())
    }
}

/// A change waiting in the outbox, as stored.
struct Waiting {
    seq: i64,
    tbl: String,
    op: String,
    id: String,
    row: Option<String>,
    before: Option<String>,
}

fn object(text: &str) -> Result<Map<String, Value>, Error> {
    match serde_json::from_str(text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(storage("an outbox row is not a JSON object")),
        Err(e) => Err(storage(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn linked_store() -> (Store, Stamp) {
        let mut store = Store::open_in_memory().unwrap();
        let at = Utc::now();
        let stamp = Stamp { operator_id: String::new(), device_id: "dev-a".into(), at, request_id: None, approved_by: None };
        store
            .write(|db| {
                db.exec(
                    "INSERT INTO device (id, name, code, is_local, created_at, updated_at) VALUES ('dev-a', 'A', 'A', 1, 't', 't')",
                    [],
                )
                .sql()?;
                db.start_sync(&stamp, "postgres://server/shop", "A", false)
            })
            .unwrap();
        store.relink().unwrap();
        (store, stamp)
    }

    fn exec(store: &mut Store, sql: &str) {
        store.write(|db| db.conn.execute_batch(sql).sql()).unwrap();
    }

    /// What the outbox would send, each change as (tx, op, name in the row, before's names).
    fn sent(store: &mut Store) -> Vec<(i64, i64, &'static str, String, Option<String>)> {
        store
            .read(|db| db.outbox("dev-a", 100))
            .unwrap()
            .into_iter()
            .map(|c| {
                let name = c.row.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
                let before = c.before.map(|b| b.get("name").and_then(Value::as_str).unwrap_or("-").to_string());
                (c.seq, c.tx, if c.op == ChangeOp::Insert { "insert" } else { "update" }, name, before)
            })
            .collect()
    }

    #[test]
    fn each_change_is_sent_with_the_row_as_it_left_it_and_its_transaction() {
        let (mut store, _) = linked_store();
        // three transactions: a place made, renamed, renamed again with another made beside it
        exec(&mut store, "INSERT INTO location (id, name, created_at, updated_at) VALUES ('l1', '仓库', 't', 't')");
        exec(&mut store, "UPDATE location SET name = '前店' WHERE id = 'l1'");
        exec(
            &mut store,
            "UPDATE location SET name = '后仓' WHERE id = 'l1'; INSERT INTO location (id, name, created_at, updated_at) VALUES ('l2', '门店', 't', 't')",
        );
        let first = sent(&mut store)[0].0;
        assert_eq!(
            sent(&mut store),
            vec![
                (first, first, "insert", "仓库".into(), None),
                (first + 1, first + 1, "update", "前店".into(), Some("仓库".into())),
                (first + 2, first + 2, "update", "后仓".into(), Some("前店".into())),
                (first + 3, first + 2, "insert", "门店".into(), None),
            ],
            "the insert carries the row as inserted, not as it is now; the last two are one transaction"
        );
        // a change that touches no column that travels is not captured
        exec(&mut store, "UPDATE location SET name = name WHERE id = 'l1'");
        assert_eq!(sent(&mut store).len(), 4);

        // the server has the first two: the rest keep their rows and their transaction
        store.write(|db| db.outbox_sent(first + 1)).unwrap();
        assert_eq!(
            sent(&mut store),
            vec![
                (first + 2, first + 2, "update", "后仓".into(), Some("前店".into())),
                (first + 3, first + 2, "insert", "门店".into(), None)
            ]
        );
    }

    #[test]
    fn a_row_has_one_change_per_transaction() {
        let (mut store, _) = linked_store();
        // made and renamed twice in one transaction: one insert, of the row as the transaction left it
        exec(
            &mut store,
            "INSERT INTO location (id, name, created_at, updated_at) VALUES ('l1', '一', 't', 't');
             UPDATE location SET name = '二' WHERE id = 'l1'; UPDATE location SET name = '三' WHERE id = 'l1'",
        );
        // renamed twice in the next: one update, from the row before the transaction
        exec(&mut store, "UPDATE location SET name = '四' WHERE id = 'l1'; UPDATE location SET name = '五' WHERE id = 'l1'");
        // and once more alone
        exec(&mut store, "UPDATE location SET name = '六' WHERE id = 'l1'");
        let out = sent(&mut store);
        let first = out[0].0;
        assert_eq!(
            out,
            vec![
                (first, first, "insert", "三".into(), None),
                (first + 1, first + 1, "update", "五".into(), Some("三".into())),
                (first + 2, first + 2, "update", "六".into(), Some("五".into())),
            ]
        );
    }

    #[test]
    fn a_batch_ends_on_a_whole_transaction_and_reads_later_changes_of_its_rows() {
        let (mut store, _) = linked_store();
        exec(&mut store, "INSERT INTO location (id, name, created_at, updated_at) VALUES ('l1', '一', 't', 't')");
        exec(
            &mut store,
            "INSERT INTO location (id, name, created_at, updated_at) VALUES ('l2', '二', 't', 't');
             INSERT INTO location (id, name, created_at, updated_at) VALUES ('l3', '三', 't', 't')",
        );
        exec(&mut store, "UPDATE location SET name = '一一' WHERE id = 'l1'");
        // a limit of 2 cuts the second transaction: the batch is the first alone, its row read
        // from the later change's before, not from the row as it is now
        let batch = store.read(|db| db.outbox("dev-a", 2)).unwrap();
        assert_eq!(batch.len(), 1);
        assert_eq!(batch[0].row["name"], "一");
        // a limit of 1 still sends the first transaction whole
        assert_eq!(store.read(|db| db.outbox("dev-a", 1)).unwrap().len(), 1);
    }

    #[test]
    fn rows_are_written_down_before_the_servers_changes_are_applied_without_capture() {
        let (mut store, stamp) = linked_store();
        exec(&mut store, "INSERT INTO location (id, name, created_at, updated_at) VALUES ('l1', '仓库', 't', 't')");
        // another counter's change of that row (as the server's correction would come)
        let mut row = Map::new();
        row.insert("id".into(), Value::String("l1".into()));
        row.insert("name".into(), Value::String("别人改的".into()));
        let theirs = Change {
            v: FORMAT,
            device: "dev-b".into(),
            seq: 1,
            tx: 1,
            table: SyncTable::Location,
            op: ChangeOp::Update,
            id: "l1".into(),
            row,
            before: None,
        };
        let applied = store.write(|db| db.apply_remote(&stamp, &[(7, theirs)])).unwrap();
        assert_eq!((applied.applied, applied.pulled_to), (1, 7));
        let now: String = store.read(|db| db.row("SELECT name FROM location WHERE id = 'l1'", [], |r| r.get(0)).sql()).unwrap();
        assert_eq!(now, "别人改的");
        let out = sent(&mut store);
        assert_eq!(out.len(), 1, "the server's change is not sent back");
        assert_eq!(out[0].3, "仓库", "this counter's insert as it made it");
    }
}
