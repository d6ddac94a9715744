//! Payments, allocations (核销), returns, the customer's account, statements and AR aging.
//!
//! Receipts, refunds and their matching are in `payments.rs`, returns in `returns.rs`, and the
//! account, aging, statements and receivables in `accounts.rs`.

mod accounts;
mod payments;
mod returns;

pub use accounts::AccountFacts;
pub use payments::{OpenInvoice, PaymentWrite, Pool, Target, Unallocated};
pub use returns::{ReturnLineWrite, ReturnWrite};
