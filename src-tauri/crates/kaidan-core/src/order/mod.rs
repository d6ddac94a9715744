//! Orders: states and what each allows, channels, the confirmation rules ([`confirmation_route`]),
//! the order aggregate that decides every step ([`sales::SalesOrder`], its lines in [`line`], the
//! shelf and credit facts it decides on in [`stock`], what it shows in [`view`]) and the one quantity plan
//! for deliveries, invoices, credit notes and returns ([`plan::plan`]).

use serde::{Deserialize, Serialize};

#[cfg(test)]
mod decisions;
pub mod line;
pub mod plan;
pub mod sales;
pub mod stock;
pub mod view;

pub use line::{below_cost, new_line, qty_issue, LineProduct, NewLine, SalesLine};
pub use plan::{Purpose, Take, Want};
pub use sales::{order_due, Cancellation, InvoicePart, OrderChange, ReturnPart, SalesOrder};
pub use stock::{needs_delta, Backorder, Credit, Needs, Reservation, Shelf, ShelfStock};
pub use view::OrderShown;

use crate::fixed::Money;
use crate::settings::{Policy, Settings};

crate::closed_enum! {
    /// `draft → pending_approval → confirmed → partially_delivered → delivered`, and `cancelled`.
    pub enum OrderStatus in "sales_order.status" {
        Draft = "draft",
        PendingApproval = "pending_approval",
        Confirmed = "confirmed",
        PartiallyDelivered = "partially_delivered",
        Delivered = "delivered",
        Cancelled = "cancelled",
    }
}

impl OrderStatus {
    /// A status as typed (a list filter): its exact text.
    pub fn parse(s: &str) -> Option<Self> {
        <Self as crate::closed::Closed>::from_stored(s)
    }

    /// Stock is reserved for the undelivered remainder of orders in these states, and only these.
    pub fn holds_reservation(self) -> bool {
        matches!(self, Self::Confirmed | Self::PartiallyDelivered)
    }

    /// Orders in these states count against the customer's credit.
    pub fn counts_for_credit(self) -> bool {
        !matches!(self, Self::Draft | Self::Cancelled)
    }

    /// Whether `action` is allowed from this state.
    pub fn allows(self, action: OrderAction) -> bool {
        use OrderAction as A;
        match action {
            A::Confirm => self == Self::Draft,
            A::Approve => self == Self::PendingApproval,
            A::Change => matches!(self, Self::Draft | Self::PendingApproval | Self::Confirmed | Self::PartiallyDelivered),
            A::Deliver => matches!(self, Self::Confirmed | Self::PartiallyDelivered),
            A::Cancel => matches!(self, Self::Draft | Self::PendingApproval | Self::Confirmed | Self::PartiallyDelivered),
            // A cancelled order may still have delivered goods to bill.
            A::Invoice => matches!(self, Self::Confirmed | Self::PartiallyDelivered | Self::Delivered | Self::Cancelled),
            // goods that went out can come back
            A::Return => matches!(self, Self::PartiallyDelivered | Self::Delivered | Self::Cancelled),
            // money on an order: a deposit, a part, the rest
            A::Pay => self != Self::Cancelled,
        }
    }

    /// Refuses `action` on order `number` when this state does not allow it.
    pub fn require(self, number: &str, action: OrderAction) -> Result<(), crate::Problem> {
        if self.allows(action) {
            Ok(())
        } else {
            Err(crate::Problem::WrongState { number: number.to_string(), status: self, action })
        }
    }

    /// The status's word ([`crate::text::vocab`]).
    pub fn label(self, lang: crate::Lang) -> &'static str {
        crate::text::vocab::Word::word(self, lang)
    }
}

crate::closed_enum! {
    /// What can be done with an order. The window shows the actions an order allows now
    /// ([`sales::SalesOrder::allowed_actions`]).
    pub enum OrderAction in "order action (not stored)" {
        Confirm = "confirm",
        Approve = "approve",
        Change = "change",
        Deliver = "deliver",
        Cancel = "cancel",
        Invoice = "invoice",
        Return = "return",
        /// Receive money on the order (a deposit, a part, the rest).
        Pay = "pay",
    }
}

impl OrderAction {
    /// The action's word ([`crate::text::vocab`]).
    pub fn label(self, lang: crate::Lang) -> &'static str {
        crate::text::vocab::Word::word(self, lang)
    }
}

crate::closed_enum! {
    /// Where an order came from.
    pub enum Channel in "sales_order.channel" {
        Phone = "phone",
        Wechat = "wechat",
        Counter = "counter",
        Email = "email",
        Web = "web",
        Other = "other",
    }
}

impl Channel {
    /// Accepts the stored names and a few spellings people type (`e-mail`, `微信`, `电话`, `门店`).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase();
        Some(match s.as_str() {
            "phone" | "tel" | "电话" => Self::Phone,
            "wechat" | "weixin" | "微信" => Self::Wechat,
            "counter" | "store" | "门店" | "柜台" => Self::Counter,
            "email" | "e-mail" | "mail" | "邮件" => Self::Email,
            "web" | "online" | "网店" => Self::Web,
            "other" | "其他" => Self::Other,
            _ => return None,
        })
    }
}

/// A reason an order needs the owner's approval before it is confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ApprovalReason {
    /// The order total is above the approval threshold.
    AboveThreshold { total: Money, threshold: Money },
    /// The customer's exposure after this order would exceed the credit limit.
    CreditLimit { limit: Money, exposure: Money },
    /// A line is priced below the product's cost.
    BelowCost { sku: String },
}

/// What the confirmation rules decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Confirm,
    NeedsApproval(Vec<ApprovalReason>),
}

/// The facts the confirmation rules look at; gathered by the use case inside its transaction.
#[derive(Debug, Clone)]
pub struct ConfirmationFacts {
    pub order_total: Money,
    /// `None` when the customer has no credit limit.
    pub credit_limit: Option<Money>,
    /// Open orders plus unpaid amounts of the customer, *without* this order.
    pub exposure_before: Money,
    /// SKUs of lines priced below cost.
    pub below_cost: Vec<String>,
}

/// Applies the shop's policies. Stock shortages are checked separately because they never
/// route to approval: an order the shelf cannot cover is refused unless negative stock is on.
pub fn confirmation_route(facts: &ConfirmationFacts, settings: &Settings) -> Result<Route, crate::Problem> {
    let mut reasons = Vec::new();
    if let Some(limit) = facts.credit_limit {
        let exposure = facts.exposure_before + facts.order_total;
        if exposure > limit {
            match settings.credit_policy {
                Policy::Block => return Err(crate::Problem::CreditLimit { limit, exposure, order_total: facts.order_total }),
                Policy::Approval => reasons.push(ApprovalReason::CreditLimit { limit, exposure }),
                Policy::Allow => {}
            }
        }
    }
    for sku in &facts.below_cost {
        match settings.below_cost_policy {
            Policy::Block => return Err(crate::Problem::BelowCost { sku: sku.clone() }),
            Policy::Approval => reasons.push(ApprovalReason::BelowCost { sku: sku.clone() }),
            Policy::Allow => {}
        }
    }
    if let Some(threshold) = settings.approval_threshold {
        if facts.order_total > threshold {
            reasons.push(ApprovalReason::AboveThreshold { total: facts.order_total, threshold });
        }
    }
    Ok(if reasons.is_empty() { Route::Confirm } else { Route::NeedsApproval(reasons) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn status_text_roundtrips_and_reservations() {
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
        }
        let holding: Vec<_> = OrderStatus::ALL.into_iter().filter(|s| s.holds_reservation()).collect();
        assert_eq!(holding, [OrderStatus::Confirmed, OrderStatus::PartiallyDelivered]);
        assert!(!OrderStatus::Delivered.allows(OrderAction::Cancel));
        assert!(!OrderStatus::Cancelled.allows(OrderAction::Change));
        assert!(OrderStatus::PartiallyDelivered.allows(OrderAction::Deliver));
        assert!(!OrderStatus::PendingApproval.allows(OrderAction::Deliver));
    }

    #[test]
    fn routes_by_policy() {
        let facts = |total: &str, limit: Option<&str>, exposure: &str, below: &[&str]| ConfirmationFacts {
            order_total: m(total),
            credit_limit: limit.map(m),
            exposure_before: m(exposure),
            below_cost: below.iter().map(|s| s.to_string()).collect(),
        };
        let defaults = Settings::default();
        assert_eq!(confirmation_route(&facts("100", None, "0", &[]), &defaults), Ok(Route::Confirm));
        // exactly at the threshold is fine; above it needs approval
        assert_eq!(confirmation_route(&facts("5000", None, "0", &[]), &defaults), Ok(Route::Confirm));
        assert!(matches!(confirmation_route(&facts("5000.01", None, "0", &[]), &defaults), Ok(Route::NeedsApproval(r)) if r.len() == 1));
        // credit: exactly at the limit passes
        assert_eq!(confirmation_route(&facts("100", Some("1000"), "900", &[]), &defaults), Ok(Route::Confirm));
        let over = facts("100.01", Some("1000"), "900", &["A1"]);
        match confirmation_route(&over, &defaults) {
            Ok(Route::NeedsApproval(r)) => assert_eq!(r.len(), 2),
            other => panic!("{other:?}"),
        }
        let blocking = Settings { credit_policy: Policy::Block, ..Settings::default() };
        assert!(matches!(confirmation_route(&over, &blocking), Err(crate::Problem::CreditLimit { .. })));
        let allow_below = Settings { below_cost_policy: Policy::Allow, approval_threshold: None, ..Settings::default() };
        assert_eq!(confirmation_route(&facts("1", None, "0", &["A1"]), &allow_below), Ok(Route::Confirm));
    }
}
