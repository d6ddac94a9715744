//! kaidan-core: the types and rules of a shop, with no IO.
//!
//! Money and quantities are fixed-point integers ([`Money`], [`UnitPrice`], [`Qty`], [`Rate`]);
//! totals are computed only in [`totals`]; order states and the confirmation rules live in
//! [`order`]; errors carry a stable code and a message in zh-CN or English ([`error`]).

pub mod document;
pub mod error;
pub mod fixed;
pub mod initials;
pub mod model;
pub mod order;
pub mod retention;
pub mod settings;
pub mod totals;
pub mod validate;
pub mod words;

pub use document::{DocKind, Margins, Paper, PrintDoc};
pub use error::{Entity, Error, ErrorCode, Field, FieldKey, Lang, Problem, Result};
pub use fixed::{Money, NumberIssue, Qty, Rate, Sign, UnitPrice};
pub use order::{ApprovalReason, Channel, ConfirmationFacts, OrderAction, OrderStatus, Route};
pub use settings::{Policy, Settings};
pub use totals::{LineAmounts, LineInput, OrderTotals, TaxMode};

/// Operator roles. The owner approves, changes settings and overrides credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Clerk,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Clerk => "clerk",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "owner" | "店主" => Some(Self::Owner),
            "clerk" | "店员" => Some(Self::Clerk),
            _ => None,
        }
    }
}

/// Why stock moved. Stored as text in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum MoveReason {
    /// Goods received from a supplier (purchase receipt), with a unit cost.
    Receipt,
    /// Goods out on a delivery.
    Delivery,
    /// Goods back from a customer.
    Return,
    /// A correction with a reason (damage, loss, found).
    Adjustment,
    /// The difference found by a stocktake (盘点).
    Stocktake,
}

impl MoveReason {
    pub const ALL: [MoveReason; 5] = [Self::Receipt, Self::Delivery, Self::Return, Self::Adjustment, Self::Stocktake];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Receipt => "receipt",
            Self::Delivery => "delivery",
            Self::Return => "return",
            Self::Adjustment => "adjustment",
            Self::Stocktake => "stocktake",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}
