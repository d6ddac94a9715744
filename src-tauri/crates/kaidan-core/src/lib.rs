//! kaidan-core: the types and rules of a shop, with no IO.
//!
//! Money and quantities are fixed-point integers ([`Money`], [`UnitPrice`], [`Qty`], [`Rate`]);
//! totals are computed only in [`totals`]; order states and the confirmation rules live in
//! [`order`]; errors carry a stable code and a message in zh-CN or English ([`error`]).

#[macro_use]
pub mod closed;
pub mod cost;
pub mod document;
pub mod error;
pub mod fixed;
pub mod initials;
pub mod kinds;
pub mod model;
pub mod order;
pub mod people;
pub mod report;
pub mod retention;
pub mod settings;
pub mod sheet;
pub mod sync;
pub mod text;
pub mod totals;
pub mod update;
pub mod validate;
pub mod words;

pub use closed::Closed;
pub use document::{DocKind, DocLang, Margins, Paper, PrintDoc};
pub use error::{Entity, Error, ErrorCode, Field, FieldKey, Lang, Problem, Result, Shortage};
pub use fixed::{Money, NumberIssue, Qty, Rate, Sign, UnitPrice};
pub use kinds::{AuditAction, AuditEntity, BackupKind, ImportKind, ImportStatus, Series, StatementEntry};
pub use order::{ApprovalReason, Channel, ConfirmationFacts, OrderAction, OrderStatus, Route};
pub use people::Action;
pub use settings::{Policy, Settings};
pub use totals::{LineAmounts, LineInput, OrderTotals, TaxMode};

crate::closed_enum! {
    /// Operator roles. The owner approves, changes settings and overrides credit.
    pub enum Role in "operator.role" {
        Owner = "owner",
        Clerk = "clerk",
    }
}

impl Role {
    /// A role as typed: its name, or 店主 / 店员.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "owner" | "店主" => Some(Self::Owner),
            "clerk" | "店员" => Some(Self::Clerk),
            _ => None,
        }
    }
}

crate::closed_enum! {
    /// Why stock moved. Stored as text in the ledger.
    pub enum MoveReason in "stock_move.reason" {
        /// Goods received from a supplier (purchase receipt), with a unit cost.
        Receipt = "receipt",
        /// Goods out on a delivery.
        Delivery = "delivery",
        /// Goods back from a customer.
        Return = "return",
        /// A correction with a reason (damage, loss, found).
        Adjustment = "adjustment",
        /// The difference found by a stocktake (盘点).
        Stocktake = "stocktake",
    }
}

impl MoveReason {
    /// A reason as typed: its exact text.
    pub fn parse(s: &str) -> Option<Self> {
        <Self as Closed>::from_stored(s)
    }
}
