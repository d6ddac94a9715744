//! What an order needs from the shelf ([`Needs`], [`Reservation`]), what the shelf holds
//! ([`Shelf`]) and the customer's credit ([`Credit`]): the facts the api reads in the
//! transaction for a decision.

use std::collections::BTreeMap;

use super::line::SalesLine;
use crate::error::Problem;
use crate::fixed::{Money, Qty};

/// Quantities per product (product id → (SKU, quantity)), in product id order: what an order
/// still needs from the shelf, or how a reservation changes.
pub type Needs = BTreeMap<String, (String, Qty)>;

/// A decided change to the reservations: positive reserves, negative releases.
pub type Reservation = Needs;

/// Stock on the shelf: available (on hand less reserved) and on hand per product id, as the
/// api read them in the transaction. A product not listed has none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shelf {
    pub allow_negative: bool,
    pub stock: BTreeMap<String, ShelfStock>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ShelfStock {
    pub on_hand: Qty,
    pub reserved: Qty,
}

impl Shelf {
    pub(crate) fn of(&self, product_id: &str) -> ShelfStock {
        self.stock.get(product_id).copied().unwrap_or_default()
    }

    /// Refuses when what is available cannot cover the positive quantities of `needs`, unless
    /// the shop allows negative stock.
    pub fn cover(&self, needs: &Needs) -> Result<(), Problem> {
        if self.allow_negative {
            return Ok(());
        }
        for (pid, (sku, need)) in needs {
            let s = self.of(pid);
            let available = s.on_hand - s.reserved;
            if need.is_positive() && available < *need {
                return Err(Problem::InsufficientStock { sku: sku.clone(), needed: *need, available });
            }
        }
        Ok(())
    }
}

/// The customer's credit as the api read it: the limit and what the customer owes or has on
/// order now (this order included when it already counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credit {
    pub limit: Option<Money>,
    pub exposure: Money,
}

/// A quantity of each line, summed per product.
pub(crate) fn needs_of(lines: &[SalesLine], f: impl Fn(&SalesLine) -> Qty) -> Needs {
    let mut m = Needs::new();
    for l in lines {
        m.entry(l.product_id.clone()).or_insert_with(|| (l.sku.clone(), Qty::ZERO)).1 += f(l);
    }
    m
}

/// `after − before`, per product of either.
pub fn needs_delta(before: &Needs, after: &Needs) -> Needs {
    let mut d = Needs::new();
    for (pid, (sku, q)) in after {
        let was = before.get(pid).map_or(Qty::ZERO, |(_, q)| *q);
        d.insert(pid.clone(), (sku.clone(), *q - was));
    }
    for (pid, (sku, q)) in before {
        d.entry(pid.clone()).or_insert((sku.clone(), -*q));
    }
    d
}

pub(crate) fn negate(n: &Needs) -> Needs {
    n.iter().map(|(pid, (sku, q))| (pid.clone(), (sku.clone(), -*q))).collect()
}
