//! The audit log (append-only: who, when, before → after) and the idempotency log.

use kaidan_core::model::AuditEntry;
use kaidan_core::{AuditAction, AuditEntity, Error};
use rusqlite::{params, OptionalExtension};

use crate::{new_id, Db, SqlResult, Stamp};

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
        self.conn
            .prepare_cached(
                "INSERT INTO audit_log (id, at, operator_id, device_id, entity, entity_id, action, before_json, after_json, request_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .sql()?
            .execute(params![
                new_id(stamp.at),
                stamp.time(),
                stamp.operator_id,
                stamp.device_id,
                entity.as_str(),
                entity_id,
                action.as_str(),
                before.map(|v| v.to_string()),
                after.map(|v| v.to_string()),
                stamp.request_id
            ])
            .sql()?;
        Ok(())
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
             SELECT a.at, o.name, a.entity, a.entity_id, a.action, a.before_json, a.after_json
                 FROM audit_log a JOIN operator o ON o.id = a.operator_id WHERE a.entity_id IN (SELECT id FROM docs) ORDER BY a.id",
            [order_id],
            audit_row,
        )
    }

    pub fn audit_of(&self, entity_id: &str) -> Result<Vec<AuditEntry>, Error> {
        self.rows(
            "SELECT a.at, o.name, a.entity, a.entity_id, a.action, a.before_json, a.after_json
                 FROM audit_log a JOIN operator o ON o.id = a.operator_id WHERE a.entity_id = ?1 ORDER BY a.id",
            [entity_id],
            audit_row,
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
    })
}
