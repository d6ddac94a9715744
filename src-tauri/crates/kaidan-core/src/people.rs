//! People at the counter: what each role may do, and how long a wrong PIN locks an operator.
//!
//! One table decides ([`Role::may`]); kaidan-api asks it before every use case
//! (`Actor::require`), the window asks it to know which buttons to show, and the CLI gets the
//! same answers. An action a role may not take can still happen when an owner, standing beside
//! the clerk, gives their PIN on the spot: the use case records that owner as its approver.

use chrono::Duration;

use crate::Role;

crate::closed_enum! {
    /// What an operator does, as the permission table knows it. An owner's approval on the
    /// spot lists the actions it allowed in its audit entry (`after_json.approved`).
    pub enum Action in "audit_log.after_json.approved" {
        /// Take, change, confirm and cancel orders (a confirm that needs approval waits for it).
        TakeOrders = "orders.take",
        /// Hand goods over (a delivery, a counter sale).
        Deliver = "orders.deliver",
        /// Take money in and match it to invoices.
        ReceivePayments = "payments.receive",
        /// Print and save documents and reports that show no cost.
        Print = "documents.print",
        /// Issue invoices (销售单 / 发票) for what was delivered.
        IssueInvoices = "invoices.issue",
        /// Take goods back (a return); the refund is separate.
        TakeReturns = "returns.take",
        /// Add and change products and customers (not credit limits or terms).
        EditCatalog = "catalog.edit",
        /// Book goods received from a supplier.
        ReceiveStock = "stock.receive",
        /// Import orders and lists from a file.
        Import = "imports.run",
        /// Make a backup now.
        Backup = "backups.make",
        /// Approve an order waiting for approval (credit, below cost, threshold).
        ApproveOrders = "orders.approve",
        /// Change an order's salesperson (业务员).
        ChangeSalesperson = "orders.salesperson",
        /// Issue credit notes against invoices.
        CreditInvoices = "invoices.credit",
        /// Pay money back, or reverse a recorded payment.
        Refund = "payments.refund",
        /// Change a customer's credit limit or payment terms.
        ChangeCredit = "customers.credit",
        /// Correct stock (an adjustment) and count it (a stocktake).
        AdjustStock = "stock.adjust",
        /// See and set costs, gross profit and margins (a product's cost; screens, exports,
        /// reports and documents to come).
        SeeCosts = "costs.see",
        /// Change settings and the company profile.
        ChangeSettings = "settings.change",
        /// Restore the shop from a backup.
        RestoreBackups = "backups.restore",
        /// Undo an import.
        UndoImports = "imports.undo",
        /// Add, rename, deactivate operators and set their PINs.
        ManageOperators = "operators.manage",
    }
}

impl Role {
    /// Whether this role may take `action` by itself. The owner may do everything; a clerk
    /// takes orders, delivers, takes money and returns, invoices, prints, keeps the catalogue,
    /// receives goods, imports and makes backups.
    pub const fn may(self, action: Action) -> bool {
        match self {
            Role::Owner => true,
            Role::Clerk => matches!(
                action,
                Action::TakeOrders
                    | Action::Deliver
                    | Action::ReceivePayments
                    | Action::Print
                    | Action::IssueInvoices
                    | Action::TakeReturns
                    | Action::EditCatalog
                    | Action::ReceiveStock
                    | Action::Import
                    | Action::Backup
            ),
        }
    }
}

/// Wrong PINs in a row that lock an operator.
pub const PIN_TRIES: u32 = 5;

/// The longest wait a run of wrong PINs brings.
pub const PIN_LONGEST_WAIT_SECS: i64 = 15 * 60;

/// How long an operator stays locked after `failures` wrong PINs in a row: nothing before the
/// fifth, then 30 seconds, doubling with each further wrong PIN, at most 15 minutes.
pub fn pin_wait(failures: u32) -> Option<Duration> {
    if failures < PIN_TRIES {
        return None;
    }
    let doublings = (failures - PIN_TRIES).min(16);
    Some(Duration::seconds((30_i64 << doublings).min(PIN_LONGEST_WAIT_SECS)))
}

/// A PIN as the owner sets it: 4 to 12 digits.
pub fn pin_is_valid(pin: &str) -> bool {
    (4..=12).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_may_everything_a_clerk_the_counter_work_only() {
        for a in Action::ALL {
            assert!(Role::Owner.may(a), "{a}");
        }
        let clerk: Vec<_> = Action::ALL.into_iter().filter(|a| Role::Clerk.may(*a)).collect();
        for owner_only in [
            Action::ApproveOrders,
            Action::CreditInvoices,
            Action::Refund,
            Action::AdjustStock,
            Action::SeeCosts,
            Action::ChangeSettings,
            Action::RestoreBackups,
            Action::UndoImports,
            Action::ManageOperators,
            Action::ChangeCredit,
            Action::ChangeSalesperson,
        ] {
            assert!(!clerk.contains(&owner_only), "{owner_only}");
        }
        for counter in [Action::TakeOrders, Action::Deliver, Action::ReceivePayments, Action::Print] {
            assert!(clerk.contains(&counter), "{counter}");
        }
    }

    #[test]
    fn waits_start_at_the_fifth_wrong_pin_and_grow_to_a_ceiling() {
        assert_eq!(pin_wait(0), None);
        assert_eq!(pin_wait(4), None);
        assert_eq!(pin_wait(5), Some(Duration::seconds(30)));
        assert_eq!(pin_wait(6), Some(Duration::seconds(60)));
        assert_eq!(pin_wait(7), Some(Duration::seconds(120)));
        assert_eq!(pin_wait(10), Some(Duration::seconds(900)));
        assert_eq!(pin_wait(u32::MAX), Some(Duration::seconds(900)));
        let mut last = Duration::zero();
        for n in 5..40 {
            let w = pin_wait(n).unwrap();
            assert!(w >= last);
            last = w;
        }
    }

    #[test]
    fn a_pin_is_four_to_twelve_digits() {
        assert!(pin_is_valid("1234"));
        assert!(pin_is_valid("123456789012"));
        assert!(!pin_is_valid("123"));
        assert!(!pin_is_valid("1234567890123"));
        assert!(!pin_is_valid("12a4"));
        assert!(!pin_is_valid("１２３４"));
    }
}
