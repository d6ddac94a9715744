//! Import batches: record, tag what a batch created, list, undo.

use kaidan_core::{Entity, Error, ImportKind, ImportStatus, Problem, Qty};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Db, SqlResult, Stamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportBatch {
    pub id: String,
    pub kind: ImportKind,
    pub file_name: String,
    /// The workbook's sheet it came from (empty for a CSV, and for batches from before
    /// schema 9, which stand for the whole file).
    pub sheet: String,
    pub file_sha256: String,
    pub status: ImportStatus,
    #[ts(type = "Record<string, unknown>")]
    pub counts: serde_json::Value,
    pub created_at: String,
    pub undone_at: Option<String>,
}

fn batch_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ImportBatch> {
    let counts: String = r.get(5)?;
    Ok(ImportBatch {
        id: r.get(0)?,
        kind: crate::closed(r, 1)?,
        file_name: r.get(2)?,
        file_sha256: r.get(3)?,
        status: crate::closed(r, 4)?,
        counts: serde_json::from_str(&counts).unwrap_or(serde_json::Value::Null),
        created_at: r.get(6)?,
        undone_at: r.get(7)?,
        sheet: r.get(8)?,
    })
}

const BATCH_COLS: &str = "id, kind, file_name, file_sha256, status, counts, created_at, undone_at, sheet";

impl Db<'_> {
    /// The live (not undone) batch of this sheet of this file and kind, if any: one of that
    /// sheet, or one from before sheets were recorded (`sheet` empty: the whole file).
    pub fn import_batch_of_file(&self, sha256: &str, kind: ImportKind, sheet: &str) -> Result<Option<ImportBatch>, Error> {
        self.row(
            &format!(
                "SELECT {BATCH_COLS} FROM import_batch WHERE file_sha256 = ?1 AND kind = ?2 AND status = 'imported'
                 AND (sheet = ?3 OR sheet = '') ORDER BY sheet DESC LIMIT 1"
            ),
            params![sha256, kind.as_str(), sheet],
            batch_from_row,
        )
        .optional()
        .sql()
    }

    pub fn import_batch(&self, id: &str) -> Result<ImportBatch, Error> {
        self.row(&format!("SELECT {BATCH_COLS} FROM import_batch WHERE id = ?1"), [id], batch_from_row)
            .optional()
            .sql()?
            .ok_or_else(|| Problem::NotFound { what: Entity::Order, key: id.to_string() }.into())
    }

    pub fn import_batches(&self, limit: u32) -> Result<Vec<ImportBatch>, Error> {
        self.rows(&format!("SELECT {BATCH_COLS} FROM import_batch ORDER BY id DESC LIMIT ?1"), [limit], batch_from_row)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn insert_import_batch(
        &self,
        stamp: &Stamp,
        id: &str,
        kind: ImportKind,
        file_name: &str,
        sheet: &str,
        sha256: &str,
        mapping: &str,
        counts: &str,
    ) -> Result<(), Error> {
        self.exec(
            "INSERT INTO import_batch (id, kind, file_name, sheet, file_sha256, mapping, counts, status, operator_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'imported', ?8, ?9, ?9)",
            params![id, kind.as_str(), file_name, sheet, sha256, mapping, counts, stamp.operator_id, stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    pub fn set_import_counts(&self, id: &str, counts: &str) -> Result<(), Error> {
        self.exec("UPDATE import_batch SET counts = ?2 WHERE id = ?1", params![id, counts]).sql()?;
        Ok(())
    }

    /// Marks an order, customer or product as created by a batch.
    pub fn tag_import(&self, table: ImportTable, row_id: &str, batch_id: &str) -> Result<(), Error> {
        let sql = match table {
            ImportTable::Order => "UPDATE sales_order SET import_batch_id = ?2 WHERE id = ?1",
            ImportTable::Customer => "UPDATE customer SET import_batch_id = ?2 WHERE id = ?1",
            ImportTable::Product => "UPDATE product SET import_batch_id = ?2 WHERE id = ?1",
        };
        self.exec(sql, params![row_id, batch_id]).sql()?;
        Ok(())
    }

    /// Links an open order to the batch that imported it (see migration 0008).
    pub fn link_import_order(&self, stamp: &Stamp, batch_id: &str, order_id: &str) -> Result<(), Error> {
        self.exec(
            "INSERT INTO import_open_order (id, batch_id, order_id, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![crate::new_id(stamp.at), batch_id, order_id, stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    /// Keeps the receipt an import recorded for one of its open orders (paid on an online shop).
    pub fn link_import_payment(&self, batch_id: &str, order_id: &str, payment_id: &str) -> Result<(), Error> {
        self.exec(
            "UPDATE import_open_order SET payment_id = ?3 WHERE batch_id = ?1 AND order_id = ?2",
            params![batch_id, order_id, payment_id],
        )
        .sql()?;
        Ok(())
    }

    /// The receipts a batch recorded for its open orders (their numbers), not yet reversed.
    pub fn import_payments(&self, batch_id: &str) -> Result<Vec<String>, Error> {
        self.rows(
            "SELECT p.number FROM import_open_order i JOIN payment p ON p.id = i.payment_id
                 WHERE i.batch_id = ?1 AND NOT EXISTS (SELECT 1 FROM payment r WHERE r.reverses_id = p.id) ORDER BY i.id",
            [batch_id],
            |r| r.get(0),
        )
    }

    /// The open orders a batch imported, in the order they were made: each number, and whether
    /// the order changed after the import (approved, edited, delivered, …).
    pub fn import_open_orders(&self, batch_id: &str) -> Result<Vec<(String, bool)>, Error> {
        self.rows(
            "SELECT o.number, o.updated_at > b.created_at
                 FROM import_open_order i JOIN sales_order o ON o.id = i.order_id JOIN import_batch b ON b.id = i.batch_id
                 WHERE i.batch_id = ?1 AND o.deleted_at IS NULL ORDER BY i.id",
            [batch_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// The orders made from online shops' exports (channel `web`, with the platform's order
    /// number), not cancelled: by the platform's number, the shop's number and whether the
    /// order is delivered. Read once for a whole export (one scan, not one a row).
    pub fn platform_orders(&self) -> Result<std::collections::HashMap<String, (String, bool)>, Error> {
        let rows: Vec<(String, String, bool)> = self.rows(
            "SELECT external_number, number, status = 'delivered' FROM sales_order
                 WHERE channel = 'web' AND external_number IS NOT NULL AND deleted_at IS NULL AND status <> 'cancelled'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(rows.into_iter().map(|(ext, n, d)| (ext, (n, d))).collect())
    }

    /// The mapping remembered for a header (its texts) and kind of list.
    pub fn saved_mapping(&self, signature: &str, kind: ImportKind) -> Result<Option<String>, Error> {
        self.row("SELECT spec FROM import_mapping WHERE signature = ?1 AND kind = ?2", params![signature, kind.as_str()], |r| r.get(0))
            .optional()
            .sql()
    }

    /// Remembers (or replaces) the mapping for a header and kind of list.
    pub fn save_mapping(&self, stamp: &Stamp, signature: &str, kind: ImportKind, spec: &str) -> Result<(), Error> {
        self.exec(
            "INSERT INTO import_mapping (signature, kind, spec, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (signature, kind) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at",
            params![signature, kind.as_str(), spec, stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    /// The shop's product (its code) the user said an order sheet's product is
    /// (`sheet_product`: `#` and the sheet's code, or its name and spec), unless deleted since.
    pub fn product_alias(&self, sheet_product: &str) -> Result<Option<String>, Error> {
        self.row(
            "SELECT p.sku FROM import_product_alias a JOIN product p ON p.id = a.product_id
             WHERE a.sheet_product = ?1 AND p.deleted_at IS NULL",
            [sheet_product],
            |r| r.get(0),
        )
        .optional()
        .sql()
    }

    /// Remembers (or replaces) which of the shop's products an order sheet's product is; none:
    /// the user chose to make it a new product after all.
    pub fn save_product_alias(&self, stamp: &Stamp, sheet_product: &str, product_id: Option<&str>) -> Result<(), Error> {
        self.exec(
            "INSERT INTO import_product_alias (sheet_product, product_id, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (sheet_product) DO UPDATE SET product_id = excluded.product_id, updated_at = excluded.updated_at",
            params![sheet_product, product_id, stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    /// The opening-stock movements an import made: (product, location, quantity).
    pub fn import_moves(&self, batch_id: &str) -> Result<Vec<(String, String, Qty)>, Error> {
        self.rows("SELECT product_id, location_id, qty_milli FROM stock_move WHERE doc_type = 'import' AND doc_id = ?1", [batch_id], |r| {
            Ok((r.get(0)?, r.get(1)?, Qty::from_minor(r.get(2)?)))
        })
    }

    /// Undoes a batch while nothing depends on it: its orders (history and open ones, which the
    /// caller has cancelled first), their lines and deliveries, and the customers and products
    /// it created are soft-deleted. Refused when another order uses one of its customers or
    /// products, or an order of the batch has changed since, or money, a return or a movement
    /// depends on it. Returns `(orders, customers, products)` undone.
    pub fn undo_import(&self, stamp: &Stamp, batch_id: &str) -> Result<(i64, i64, i64), Error> {
        let b = self.import_batch(batch_id)?;
        if b.status != ImportStatus::Imported {
            return Err(Problem::ImportFile { detail: format!("batch {batch_id} is already undone") }.into());
        }
        let in_use: Option<String> = self
            .row(
                "SELECT o.number FROM sales_order o
                 WHERE o.deleted_at IS NULL AND COALESCE(o.import_batch_id, '') <> ?1
                   AND o.id NOT IN (SELECT order_id FROM import_open_order WHERE batch_id = ?1)
                   AND (o.customer_id IN (SELECT id FROM customer WHERE import_batch_id = ?1)
                        OR o.id IN (SELECT l.order_id FROM order_line l WHERE l.deleted_at IS NULL
                                    AND l.product_id IN (SELECT id FROM product WHERE import_batch_id = ?1)))
                 LIMIT 1",
                [batch_id],
                |r| r.get(0),
            )
            .optional()
            .sql()?;
        if let Some(n) = in_use {
            return Err(Problem::ImportUndoBlocked { record: n }.into());
        }
        // money or returns on the imported orders, or movements of its products since
        let used: Option<String> = self
            .row(
                "WITH batch_order AS (SELECT id FROM sales_order WHERE import_batch_id = ?1
                                      UNION ALL SELECT order_id FROM import_open_order WHERE batch_id = ?1),
                      -- the receipts the import itself recorded (reversed by the caller first), and their reversals
                      own_payment AS (SELECT payment_id AS id FROM import_open_order WHERE batch_id = ?1 AND payment_id IS NOT NULL
                                      UNION ALL SELECT r.id FROM payment r JOIN import_open_order i ON r.reverses_id = i.payment_id
                                                WHERE i.batch_id = ?1)
                 SELECT number FROM invoice WHERE order_id IN (SELECT id FROM batch_order)
                 UNION ALL SELECT number FROM payment WHERE order_id IN (SELECT id FROM batch_order) AND id NOT IN (SELECT id FROM own_payment)
                 UNION ALL SELECT number FROM sales_return WHERE order_id IN (SELECT id FROM batch_order)
                 UNION ALL SELECT number FROM payment WHERE customer_id IN (SELECT id FROM customer WHERE import_batch_id = ?1)
                                                        AND id NOT IN (SELECT id FROM own_payment)
                 UNION ALL SELECT p.sku FROM stock_move m JOIN product p ON p.id = m.product_id
                           WHERE p.import_batch_id = ?1 AND COALESCE(m.doc_id, '') <> ?1
                 LIMIT 1",
                [batch_id],
                |r| r.get(0),
            )
            .optional()
            .sql()?;
        if let Some(n) = used {
            return Err(Problem::ImportUndoBlocked { record: n }.into());
        }
        let changed: Option<String> = self
            .row(
                "SELECT number FROM sales_order WHERE import_batch_id = ?1 AND deleted_at IS NULL AND updated_at > ?2 LIMIT 1",
                params![batch_id, b.created_at],
                |r| r.get(0),
            )
            .optional()
            .sql()?;
        if let Some(n) = changed {
            return Err(Problem::ImportUndoBlocked { record: n }.into());
        }
        let t = stamp.time();
        let orders = self
            .exec(
                "UPDATE sales_order SET deleted_at = ?2, updated_at = ?2 WHERE deleted_at IS NULL
                   AND (import_batch_id = ?1 OR id IN (SELECT order_id FROM import_open_order WHERE batch_id = ?1))",
                params![batch_id, t],
            )
            .sql()? as i64;
        self.exec(
            "UPDATE order_line SET deleted_at = ?2, updated_at = ?2
             WHERE deleted_at IS NULL AND order_id IN (SELECT id FROM sales_order WHERE import_batch_id = ?1
                                                       UNION ALL SELECT order_id FROM import_open_order WHERE batch_id = ?1)",
            params![batch_id, t],
        )
        .sql()?;
        self.exec(
            "UPDATE delivery_line SET deleted_at = ?2, updated_at = ?2 WHERE deleted_at IS NULL AND delivery_id IN
               (SELECT d.id FROM delivery d JOIN sales_order o ON o.id = d.order_id WHERE o.import_batch_id = ?1)",
            params![batch_id, t],
        )
        .sql()?;
        self.exec(
            "UPDATE delivery SET deleted_at = ?2, updated_at = ?2 WHERE deleted_at IS NULL
               AND order_id IN (SELECT id FROM sales_order WHERE import_batch_id = ?1)",
            params![batch_id, t],
        )
        .sql()?;
        let customers = self
            .exec(
                "UPDATE customer SET deleted_at = ?2, updated_at = ?2 WHERE import_batch_id = ?1 AND deleted_at IS NULL",
                params![batch_id, t],
            )
            .sql()? as i64;
        let products = self
            .exec(
                "UPDATE product SET deleted_at = ?2, updated_at = ?2 WHERE import_batch_id = ?1 AND deleted_at IS NULL",
                params![batch_id, t],
            )
            .sql()? as i64;
        self.exec("UPDATE import_batch SET status = 'undone', undone_at = ?2, updated_at = ?2 WHERE id = ?1", params![batch_id, t])
            .sql()?;
        Ok((orders, customers, products))
    }
}

/// Tables an import creates rows in.
#[derive(Debug, Clone, Copy)]
pub enum ImportTable {
    Order,
    Customer,
    Product,
}
