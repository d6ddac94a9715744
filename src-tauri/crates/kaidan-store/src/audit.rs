//! The audit log (append-only: who, when, before → after) and the idempotency log.

use chrono::{DateTime, Utc};
use kaidan_core::model::{AuditEntry, LogEntry};
use kaidan_core::{Action, AuditAction, AuditEntity, Error, Money, Qty};
use rusqlite::{params, OptionalExtension};

use crate::{new_id, Db, SqlResult, Stamp};

/// The fields of an audit entry that its link in the chain covers, as stored.
pub(crate) struct Link<'a> {
    pub seq: i64,
    pub id: &'a str,
    pub at: &'a str,
    pub operator_id: &'a str,
    pub device_id: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub request_id: Option<&'a str>,
    pub approved_by: Option<&'a str>,
}

impl Link<'_> {
    /// SHA-256 (hex) of the entry before's hash and this entry's fields: each field behind a
    /// separator, an absent one marked apart from an empty one. Changing any field, removing
    /// an entry or putting one between two others breaks every link after it.
    pub(crate) fn hash(&self, prev: &str) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(b"kaidan-audit-1\x1e");
        h.update(prev.as_bytes());
        h.update(b"\x1e");
        h.update(self.seq.to_string().as_bytes());
        let fields = [
            Some(self.id),
            Some(self.at),
            Some(self.operator_id),
            Some(self.device_id),
            Some(self.entity),
            Some(self.entity_id),
            Some(self.action),
            self.before,
            self.after,
            self.request_id,
            self.approved_by,
        ];
        for f in fields {
            match f {
                Some(text) => {
                    h.update(b"\x1f+");
                    h.update(text.len().to_string().as_bytes());
                    h.update(b":");
                    h.update(text.as_bytes());
                }
                None => h.update(b"\x1f-"),
            }
        }
        format!("{:x}", h.finalize())
    }
}

impl Db<'_> {
    /// Records a change: who and when (and the request) from the stamp, what before → after.
    pub fn audit(
        &self,
        stamp: &Stamp,
        entity: AuditEntity,
        entity_id: &str,
        action: AuditAction,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<(), Error> {
        let (seq, prev) = self
            .conn
            .prepare_cached("SELECT seq, hash FROM audit_chain WHERE id = 1")
            .sql()?
            .query_row([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .optional()
            .sql()?
            .unwrap_or((0, String::new()));
        let id = new_id(stamp.at);
        let at = stamp.time();
        let (before, after) = (before.map(|v| v.to_string()), after.map(|v| v.to_string()));
        let link = Link {
            seq: seq + 1,
            id: &id,
            at: &at,
            operator_id: &stamp.operator_id,
            device_id: &stamp.device_id,
            entity: entity.as_str(),
            entity_id,
            action: action.as_str(),
            before: before.as_deref(),
            after: after.as_deref(),
            request_id: stamp.request_id.as_deref(),
            approved_by: stamp.approved_by.as_deref(),
        };
        let hash = link.hash(&prev);
        self.conn
            .prepare_cached(
                "INSERT INTO audit_log (id, at, operator_id, device_id, entity, entity_id, action, before_json, after_json, request_id,
                                        approved_by, seq, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .sql()?
            .execute(params![
                id,
                at,
                stamp.operator_id,
                stamp.device_id,
                entity.as_str(),
                entity_id,
                action.as_str(),
                before,
                after,
                stamp.request_id,
                stamp.approved_by,
                link.seq,
                hash
            ])
            .sql()?;
        self.conn
            .prepare_cached("INSERT INTO audit_chain (id, seq, hash) VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET seq = ?1, hash = ?2")
            .sql()?
            .execute(params![link.seq, hash])
            .sql()?;
        Ok(())
    }

    /// Walks the audit log's chain: every entry numbered one after another, each hash the hash
    /// of its fields and the entry before, the newest the chain's recorded end. What an edit or
    /// a removal behind Kaidan's back (the triggers dropped) leaves is listed, by entry.
    pub fn audit_chain_breaks(&self) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        let mut st = self
            .conn
            .prepare(
                "SELECT seq, id, at, operator_id, device_id, entity, entity_id, action, before_json, after_json, request_id,
                        approved_by, hash
                 FROM audit_log ORDER BY seq",
            )
            .sql()?;
        let mut rows = st.query([]).sql()?;
        let (mut expected, mut prev) = (1_i64, String::new());
        while let Some(r) = rows.next().sql()? {
            let seq: Option<i64> = r.get(0).sql()?;
            let id: String = r.get(1).sql()?;
            let Some(seq) = seq else {
                out.push(format!("audit {id}: not in the chain"));
                continue;
            };
            if seq != expected {
                out.push(format!("audit #{expected}: missing (next is #{seq})"));
            }
            let text = |i: usize| r.get::<_, Option<String>>(i).sql();
            let (at, operator_id, device_id, entity, entity_id, action) = (text(2)?, text(3)?, text(4)?, text(5)?, text(6)?, text(7)?);
            let (before, after, request_id, approved_by, hash) = (text(8)?, text(9)?, text(10)?, text(11)?, text(12)?);
            let link = Link {
                seq,
                id: &id,
                at: at.as_deref().unwrap_or_default(),
                operator_id: operator_id.as_deref().unwrap_or_default(),
                device_id: device_id.as_deref().unwrap_or_default(),
                entity: entity.as_deref().unwrap_or_default(),
                entity_id: entity_id.as_deref().unwrap_or_default(),
                action: action.as_deref().unwrap_or_default(),
                before: before.as_deref(),
                after: after.as_deref(),
                request_id: request_id.as_deref(),
                approved_by: approved_by.as_deref(),
            };
            let computed = link.hash(&prev);
            if hash.as_deref() != Some(computed.as_str()) {
                out.push(format!("audit #{seq} ({id}): changed, or an entry before it was"));
            }
            // the chain goes on from what is stored, so that one change is reported once
            prev = hash.unwrap_or(computed);
            expected = seq + 1;
        }
        let tip = self
            .conn
            .query_row("SELECT seq, hash FROM audit_chain WHERE id = 1", [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .optional()
            .sql()?;
        match tip {
            Some((seq, hash)) if seq != expected - 1 || (seq > 0 && hash != prev) => {
                out.push(format!("audit #{seq}: the newest entry is missing or changed (the log ends at #{})", expected - 1))
            }
            None if expected > 1 => out.push("audit: the chain's end is missing".to_string()),
            _ => {}
        }
        Ok(out)
    }

    /// The history of one record, oldest first.
    /// An order's history: its own entries and those of its invoices, credit notes and
    /// payments (received on it, matched to its invoices, refunds of its returns, and their
    /// reversals), oldest first.
    pub fn audit_of_order(&self, order_id: &str) -> Result<Vec<AuditEntry>, Error> {
        self.rows(
            "WITH paid AS (
                     SELECT id FROM payment WHERE order_id = ?1
                     UNION SELECT a.payment_id FROM allocation a JOIN invoice i ON i.id = a.invoice_id WHERE i.order_id = ?1
                     UNION SELECT p.id FROM payment p JOIN sales_return r ON r.id = p.return_id WHERE r.order_id = ?1),
                 docs AS (
                     SELECT ?1 AS id
                     UNION SELECT id FROM invoice WHERE order_id = ?1
                     UNION SELECT id FROM paid
                     UNION SELECT id FROM payment WHERE reverses_id IN (SELECT id FROM paid))
             SELECT a.at, o.name, a.entity, a.entity_id, a.action, a.before_json, a.after_json, ap.name
                 FROM audit_log a JOIN operator o ON o.id = a.operator_id LEFT JOIN operator ap ON ap.id = a.approved_by
                 WHERE a.entity_id IN (SELECT id FROM docs) ORDER BY a.id",
            [order_id],
            audit_row,
        )
    }

    pub fn audit_of(&self, entity_id: &str) -> Result<Vec<AuditEntry>, Error> {
        self.rows(
            "SELECT a.at, o.name, a.entity, a.entity_id, a.action, a.before_json, a.after_json, ap.name
                 FROM audit_log a JOIN operator o ON o.id = a.operator_id LEFT JOIN operator ap ON ap.id = a.approved_by
                 WHERE a.entity_id = ?1 ORDER BY a.id",
            [entity_id],
            audit_row,
        )
    }

    /// Every audit entry and every stock receipt, adjustment and count written from `from` up
    /// to `to` (the owner's day log), oldest first: by the time each was written (migration 20's
    /// indexes).
    pub fn log_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<LogEntry>, Error> {
        let (ta, tb) = (crate::time_text(from), crate::time_text(to));
        let audited = self.rows(&format!("{LOG_SELECT} WHERE a.at >= ?1 AND a.at < ?2 ORDER BY a.at, a.seq"), params![ta, tb], log_row)?;
        let moved = self.rows(
            "SELECT m.created_at, o.name, p.sku, m.reason, m.qty_milli FROM stock_move m
                 JOIN operator o ON o.id = m.operator_id JOIN product p ON p.id = m.product_id
                 WHERE m.created_at >= ?1 AND m.created_at < ?2
                   AND m.reason IN ('receipt', 'adjustment', 'stocktake')
                 ORDER BY m.created_at, m.id",
            params![ta, tb],
            |r| {
                Ok(LogEntry {
                    at: r.get(0)?,
                    operator: r.get(1)?,
                    approved_by: None,
                    entity: AuditEntity::Product,
                    action: None,
                    moved: Some(crate::closed(r, 3)?),
                    record: r.get(2)?,
                    amount: None,
                    qty: Some(Qty::from_minor(r.get(4)?)),
                    approved: Vec::new(),
                    what: String::new(),
                })
            },
        )?;
        let mut all: Vec<LogEntry> = audited.into_iter().chain(moved).collect();
        all.sort_by(|x, y| x.at.cmp(&y.at));
        Ok(all)
    }

    /// A customer's history: the entries of the customer and of their orders, invoices and
    /// payments, the newest first (at most `limit`).
    pub fn customer_log(&self, customer_id: &str, limit: u32) -> Result<Vec<LogEntry>, Error> {
        self.rows(
            &format!(
                "WITH docs AS (SELECT ?1 AS id
                               UNION ALL SELECT id FROM sales_order WHERE customer_id = ?1
                               UNION ALL SELECT id FROM invoice WHERE customer_id = ?1
                               UNION ALL SELECT id FROM payment WHERE customer_id = ?1)
                 {LOG_SELECT} WHERE a.entity_id IN (SELECT id FROM docs) ORDER BY a.id DESC LIMIT ?2"
            ),
            params![customer_id, limit],
            log_row,
        )
    }

    /// The recorded `(command, response)` of a request id, if it was already applied.
    pub fn request(&self, request_id: &str) -> Result<Option<(String, String)>, Error> {
        self.conn
            .prepare_cached("SELECT command, response FROM request_log WHERE request_id = ?1")
            .sql()?
            .query_row([request_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .sql()
    }

    /// Records a request's answer, in the same transaction as its effects.
    pub fn record_request(&self, stamp: &Stamp, request_id: &str, command: &str, response: &str) -> Result<(), Error> {
        self.conn
            .prepare_cached("INSERT INTO request_log (request_id, command, response, created_at) VALUES (?1, ?2, ?3, ?4)")
            .sql()?
            .execute(params![request_id, command, response, stamp.time()])
            .sql()?;
        Ok(())
    }
}

/// An audit entry as a log shows it: who, the owner who approved it, what was done, and the
/// record it was done to named as the shop names it (with its money, for a payment or an invoice).
const LOG_SELECT: &str = "SELECT a.at, o.name, ap.name, a.entity, a.action,
        CASE a.entity WHEN 'order' THEN so.number WHEN 'invoice' THEN i.number WHEN 'payment' THEN COALESCE(rv.number, p.number)
                      WHEN 'customer' THEN c.name WHEN 'product' THEN pr.sku WHEN 'operator' THEN op.name
                      WHEN 'setting' THEN a.entity_id WHEN 'import_batch' THEN ib.file_name END,
        CASE a.entity WHEN 'payment' THEN COALESCE(rv.amount_cents, p.amount_cents) WHEN 'invoice' THEN i.total_cents END,
        CASE WHEN a.entity = 'operator' AND a.action = 'approve' THEN a.after_json END
    FROM audit_log a JOIN operator o ON o.id = a.operator_id LEFT JOIN operator ap ON ap.id = a.approved_by
    LEFT JOIN sales_order so ON a.entity = 'order' AND so.id = a.entity_id
    LEFT JOIN invoice i ON a.entity = 'invoice' AND i.id = a.entity_id
    LEFT JOIN payment p ON a.entity = 'payment' AND p.id = a.entity_id
    -- a reversal is logged on the payment it reverses: the log shows the reversing entry
    LEFT JOIN payment rv ON a.entity = 'payment' AND a.action = 'reverse' AND rv.reverses_id = a.entity_id
    LEFT JOIN customer c ON a.entity = 'customer' AND c.id = a.entity_id
    LEFT JOIN product pr ON a.entity = 'product' AND pr.id = a.entity_id
    LEFT JOIN operator op ON a.entity = 'operator' AND op.id = a.entity_id
    LEFT JOIN import_batch ib ON a.entity = 'import_batch' AND ib.id = a.entity_id";

fn log_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LogEntry> {
    // an approval on the spot lists the actions it allowed
    let approved: Vec<Action> = r
        .get::<_, Option<String>>(7)?
        .and_then(|j| serde_json::from_str::<serde_json::Value>(&j).ok())
        .and_then(|v| v.get("approved").and_then(|a| a.as_array()).cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|x| x.as_str().and_then(<Action as kaidan_core::Closed>::from_stored))
        .collect();
    Ok(LogEntry {
        at: r.get(0)?,
        operator: r.get(1)?,
        approved_by: r.get(2)?,
        entity: crate::closed(r, 3)?,
        action: Some(crate::closed(r, 4)?),
        moved: None,
        record: r.get(5)?,
        amount: r.get::<_, Option<i64>>(6)?.map(Money::from_minor),
        qty: None,
        approved,
        what: String::new(),
    })
}

fn audit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    let before: Option<String> = r.get(5)?;
    let after: Option<String> = r.get(6)?;
    Ok(AuditEntry {
        at: r.get(0)?,
        operator: r.get(1)?,
        entity: crate::closed(r, 2)?,
        entity_id: r.get(3)?,
        action: crate::closed(r, 4)?,
        before: before.and_then(|s| serde_json::from_str(&s).ok()),
        after: after.and_then(|s| serde_json::from_str(&s).ok()),
        approved_by: r.get(7)?,
    })
}

/// Migration 19's hook: numbers the existing audit entries in the order they were written
/// (SQLite's rowid: rows were only ever appended) and links them into the chain; then the
/// append-only triggers are back and the numbers unique.
pub(crate) fn chain_existing(tx: &rusqlite::Transaction) -> rusqlite_migration::HookResult {
    tx.execute_batch("DROP TRIGGER audit_log_no_update;")?;
    let rows: Vec<(i64, [Option<String>; 11])> = {
        let mut st = tx.prepare(
            "SELECT rowid, id, at, operator_id, device_id, entity, entity_id, action, before_json, after_json, request_id, approved_by
             FROM audit_log ORDER BY rowid",
        )?;
        let mapped = st.query_map([], |r| {
            let mut f: [Option<String>; 11] = Default::default();
            for (i, slot) in f.iter_mut().enumerate() {
                *slot = r.get(i + 1)?;
            }
            Ok((r.get(0)?, f))
        })?;
        mapped.collect::<rusqlite::Result<_>>()?
    };
    let mut prev = String::new();
    let mut seq = 0_i64;
    {
        let mut update = tx.prepare("UPDATE audit_log SET seq = ?1, hash = ?2 WHERE rowid = ?3")?;
        for (rowid, f) in &rows {
            seq += 1;
            let text = |i: usize| f[i].as_deref();
            let link = Link {
                seq,
                id: text(0).unwrap_or_default(),
                at: text(1).unwrap_or_default(),
                operator_id: text(2).unwrap_or_default(),
                device_id: text(3).unwrap_or_default(),
                entity: text(4).unwrap_or_default(),
                entity_id: text(5).unwrap_or_default(),
                action: text(6).unwrap_or_default(),
                before: text(7),
                after: text(8),
                request_id: text(9),
                approved_by: text(10),
            };
            prev = link.hash(&prev);
            update.execute(params![seq, prev, rowid])?;
        }
    }
    if seq > 0 {
        tx.execute("INSERT INTO audit_chain (id, seq, hash) VALUES (1, ?1, ?2)", params![seq, prev])?;
    }
    tx.execute_batch(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
         CREATE UNIQUE INDEX audit_log_seq ON audit_log(seq);
         CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
         BEGIN SELECT RAISE(ABORT, 'audit_chain is kept with audit_log'); END;
         CREATE TRIGGER audit_chain_forward BEFORE UPDATE ON audit_chain WHEN NEW.seq <> OLD.seq + 1
         BEGIN SELECT RAISE(ABORT, 'audit_chain only moves one entry forward'); END;",
    )?;
    Ok(())
}
