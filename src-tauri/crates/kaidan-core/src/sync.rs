//! Several counters, one set of books (docs/SYNC.md): what a counter sends the shop's server
//! and receives from it.
//!
//! A counter keeps its own SQLite file. When the shop has a server, every business write also
//! records its row changes in an outbox, in the same transaction; they go to the server in the
//! order they happened, and the other counters' changes come back. This module is the one home
//! of the change format: which tables travel, which of their columns stay on the counter, what
//! kind of record each table is (which decides what the server may refuse), and the shape of a
//! change. The server's rules themselves are its entry point's (kaidan-sync's `server.sql`),
//! which reads the kinds written here when the server is made.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The version of the change format. A server refuses a change of another version.
pub const FORMAT: u32 = 1;

crate::closed_enum! {
    /// A table whose rows travel between the counters, in the order a whole history is sent
    /// (a row comes after every row it refers to).
    pub enum SyncTable in "sync_outbox.tbl" {
        Device = "device",
        Operator = "operator",
        Company = "company",
        Location = "location",
        ImportBatch = "import_batch",
        Product = "product",
        Customer = "customer",
        NumberSeries = "number_series",
        SalesOrder = "sales_order",
        OrderLine = "order_line",
        Delivery = "delivery",
        DeliveryLine = "delivery_line",
        SalesReturn = "sales_return",
        Invoice = "invoice",
        InvoiceLine = "invoice_line",
        Payment = "payment",
        Allocation = "allocation",
        ReturnLine = "return_line",
        StockMove = "stock_move",
    }
}

crate::closed_enum! {
    /// What kind of record a table holds: it decides what the server accepts.
    pub enum RecordKind in "sync_table.kind" {
        /// Master data anyone may edit (products, customers, the company, places, people): an
        /// edit made on a row that someone else changed since is a conflict, and the server keeps
        /// the first it received.
        Master = "master",
        /// A document the program changes through its decisions (an order, its lines, a
        /// delivery, an import): an edit made on a stale row is a conflict too; money is never
        /// last-writer-wins.
        Document = "document",
        /// Posted and never edited (the ledger, invoices, payments, returns and their lines):
        /// inserted once; an edit is refused.
        Posted = "posted",
        /// Belongs to one counter (the counter itself, its number series): only that counter
        /// may change it.
        Owned = "owned",
    }
}

crate::closed_enum! {
    /// A change to one row.
    pub enum ChangeOp in "sync_outbox.op" {
        Insert = "insert",
        Update = "update",
    }
}

impl SyncTable {
    /// What kind of record the table holds.
    pub const fn kind(self) -> RecordKind {
        use SyncTable::*;
        match self {
            Operator | Company | Location | Product | Customer => RecordKind::Master,
            ImportBatch | SalesOrder | OrderLine | Delivery | DeliveryLine => RecordKind::Document,
            SalesReturn | Invoice | InvoiceLine | Payment | Allocation | ReturnLine | StockMove => RecordKind::Posted,
            Device | NumberSeries => RecordKind::Owned,
        }
    }

    /// The columns that never leave the counter:
    /// - `seq`, a counter's own row number (its lists' order and search index);
    /// - `device.is_local`, which counter is this one;
    /// - an operator's failed-PIN count and lock, which hold on the counter where they happened;
    /// - sums SQLite's triggers keep from other rows (an order's invoiced, received and returned
    ///   money, a line's returned quantity): each counter's triggers keep them from the rows
    ///   that arrive, so two counters taking money for one order add up instead of overwriting.
    pub const fn local_columns(self) -> &'static [&'static str] {
        use SyncTable::*;
        match self {
            Device => &["is_local"],
            Operator => &["pin_failures", "pin_locked_until"],
            SalesOrder => &["seq", "invoiced_cents", "received_cents", "returned_cents"],
            OrderLine => &["returned_milli"],
            Invoice | Payment | SalesReturn => &["seq"],
            _ => &[],
        }
    }

    /// The columns no two live rows may share (SQLite's unique indexes on them, among rows not
    /// deleted). Two counters may each make one offline (a customer of the same name): the
    /// server keeps both, the later with the counter's code after the value (`西湖茶馆-B`),
    /// and lists it for the owner to rename or merge.
    pub const fn unique_columns(self) -> &'static [&'static str] {
        match self {
            SyncTable::Customer | SyncTable::Operator => &["name"],
            SyncTable::Product => &["sku", "barcode"],
            _ => &[],
        }
    }

    /// The column that names the counter owning a row of an [`RecordKind::Owned`] table.
    pub const fn owner_column(self) -> Option<&'static str> {
        match self {
            SyncTable::Device => Some("id"),
            SyncTable::NumberSeries => Some("device_id"),
            _ => None,
        }
    }
}

/// Never synced, with why (docs/SYNC.md lists them): caches every counter keeps from the rows
/// (balances, accounts, exposure, aging, the report sums, the search index), and what belongs
/// to one computer (settings, the print log, backups, the request log, health checks, import
/// mappings and an import's undo list, the audit log and its chain).
pub const NEVER_SYNCED: &[&str] = &[
    "stock_balance",
    "customer_account",
    "customer_exposure",
    "invoice_open",
    "aging_meta",
    "aging_row",
    "customer_orders",
    "order_fulfil",
    "report_channel",
    "report_customer",
    "report_day",
    "report_fulfil",
    "report_money",
    "report_order",
    "report_pending",
    "report_bulk",
    "report_product",
    "order_search",
    "change_count",
    "setting",
    "print_log",
    "backup_log",
    "request_log",
    "health_check",
    "import_mapping",
    "import_product_alias",
    "import_open_order",
    "audit_log",
    "audit_chain",
];

/// One row's change, as the outbox holds it and the server receives it. Every value is text
/// or null (money and quantities as their integer minor units written out, binary as hex), so
/// that nothing passes through a floating-point number on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// [`FORMAT`].
    pub v: u32,
    /// The counter (device id) that made the change.
    pub device: String,
    /// The change's place in that counter's changes: 1, 2, 3… with no gap.
    pub seq: i64,
    /// The counter's transaction: changes with the same number stand or fall together.
    pub tx: i64,
    pub table: SyncTable,
    pub op: ChangeOp,
    /// The row's id.
    pub id: String,
    /// The row after the change: every column that travels.
    pub row: Map<String, Value>,
    /// For an update, the changed columns' values before it (what the counter saw).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Map<String, Value>>,
}

crate::closed_enum! {
    /// What the server noticed in what it accepted or refused, for the owner to act on.
    pub enum SyncIssueKind in "sync_issue.kind" {
        /// A sale (or other movement out) took a product's stock below zero. Kept: the goods
        /// left the shop.
        Oversell = "oversell",
        /// Two counters changed the same row, each from what it had seen: the server kept the
        /// change it received first; the later one is listed with the values it wanted.
        StaleEdit = "stale_edit",
        /// A posted record (an invoice, a payment, a movement…) was changed: refused.
        PostedEdited = "posted_edited",
        /// A change to a row the server does not have: refused.
        UnknownRow = "unknown_row",
        /// A change to another counter's own record: refused.
        NotOwner = "not_owner",
        /// A new row took a name (a SKU, a barcode) another live row has: kept with the
        /// counter's code after it, for the owner to rename or merge.
        DuplicateName = "duplicate_name",
        /// The same sheet of the same file imported on two counters while they were apart:
        /// both imports stand (their orders are in the books twice), for the owner to undo one.
        DuplicateImport = "duplicate_import",
    }
}

/// A counter's code as typed (`B`, `WH1`): 1–8 capital letters or digits, starting with a
/// letter. It goes into the counter's document numbers (`SO-B-2026-000001`).
pub fn parse_device_code(text: &str) -> Option<String> {
    let t = text.trim().to_ascii_uppercase();
    let ok = (1..=8).contains(&t.len())
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    ok.then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Closed;

    #[test]
    fn every_table_has_a_kind_and_the_history_order_puts_parents_first() {
        let pos = |t: SyncTable| SyncTable::ALL.iter().position(|x| *x == t).unwrap();
        // a row comes after every row it refers to
        for (child, parents) in [
            (SyncTable::SalesOrder, &[SyncTable::Customer, SyncTable::Device, SyncTable::Operator, SyncTable::ImportBatch][..]),
            (SyncTable::OrderLine, &[SyncTable::SalesOrder, SyncTable::Product]),
            (SyncTable::DeliveryLine, &[SyncTable::Delivery, SyncTable::OrderLine]),
            (SyncTable::Invoice, &[SyncTable::SalesReturn, SyncTable::SalesOrder]),
            (SyncTable::Allocation, &[SyncTable::Payment, SyncTable::Invoice]),
            (SyncTable::ReturnLine, &[SyncTable::SalesReturn, SyncTable::OrderLine]),
            (SyncTable::StockMove, &[SyncTable::Product, SyncTable::Location]),
        ] {
            for p in parents {
                assert!(pos(*p) < pos(child), "{p} before {child}");
            }
        }
        assert_eq!(SyncTable::StockMove.kind(), RecordKind::Posted);
        assert_eq!(SyncTable::Customer.kind(), RecordKind::Master);
        for t in SyncTable::ALL {
            assert!(!NEVER_SYNCED.contains(&t.as_str()));
            assert_eq!(t.kind() == RecordKind::Owned, t.owner_column().is_some(), "{t}");
        }
    }

    #[test]
    fn a_change_reads_back_as_written() {
        let mut row = Map::new();
        row.insert("id".into(), Value::String("c1".into()));
        row.insert("credit_limit_cents".into(), Value::String("500000".into()));
        let mut before = Map::new();
        before.insert("credit_limit_cents".into(), Value::Null);
        let c = Change {
            v: FORMAT,
            device: "d".into(),
            seq: 7,
            tx: 3,
            table: SyncTable::Customer,
            op: ChangeOp::Update,
            id: "c1".into(),
            row,
            before: Some(before),
        };
        let text = serde_json::to_string(&c).unwrap();
        assert!(text.contains(r#""table":"customer""#) && text.contains(r#""op":"update""#), "{text}");
        assert_eq!(serde_json::from_str::<Change>(&text).unwrap(), c);
        assert_eq!(SyncTable::from_stored("stock_move"), Some(SyncTable::StockMove));
    }

    #[test]
    fn device_codes() {
        assert_eq!(parse_device_code(" b ").as_deref(), Some("B"));
        assert_eq!(parse_device_code("WH1").as_deref(), Some("WH1"));
        for bad in ["", "1A", "A-B", "ABCDEFGHI", "收银"] {
            assert_eq!(parse_device_code(bad), None, "{bad}");
        }
    }
}
