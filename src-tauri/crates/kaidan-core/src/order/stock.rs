//! What an order needs from the shelf ([`Needs`], [`Reservation`]), what the shelf holds
//! ([`Shelf`]) and the customer's credit ([`Credit`]): the facts the api reads in the
//! transaction for a decision.

use std::collections::BTreeMap;

use super::line::SalesLine;
use crate::error::{Problem, Shortage};
use crate::fixed::{Money, Qty};

/// Quantities per product (product id → (SKU, quantity)), in product id order: what an order
/// still needs from the shelf, or how a reservation changes.
pub type Needs = BTreeMap<String, (String, Qty)>;

/// Whether a confirmation that the shelf cannot cover is refused (`No`) or goes on as a
/// backorder: what the shelf has is reserved, the rest waits for stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backorder {
    #[default]
    No,
    Yes,
}

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

    /// What no order holds: on hand less reserved, never below zero.
    pub fn free(&self, product_id: &str) -> Qty {
        let s = self.of(product_id);
        let free = s.on_hand - s.reserved;
        if free.is_positive() {
            free
        } else {
            Qty::ZERO
        }
    }

    /// Refuses when what is available cannot cover the positive quantities of `needs`, unless
    /// the shop allows negative stock.
    pub fn cover(&self, needs: &Needs) -> Result<(), Problem> {
        if self.allow_negative {
            return Ok(());
        }
        let short = needs.iter().filter_map(|(pid, (sku, need))| {
            let s = self.of(pid);
            let available = s.on_hand - s.reserved;
            (need.is_positive() && available < *need).then(|| Shortage { sku: sku.clone(), needed: *need, available })
        });
        short_of(short)
    }
}

/// Every product short, in one problem (none: fine).
pub(crate) fn short_of(short: impl IntoIterator<Item = Shortage>) -> Result<(), Problem> {
    let mut short = short.into_iter();
    match short.next() {
        None => Ok(()),
        Some(first) => {
            Err(Problem::InsufficientStock { sku: first.sku, needed: first.needed, available: first.available, also: short.collect() })
        }
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

#[cfg(test)]
mod shortage_tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn every_product_short_is_named_at_once() {
        let q = |s: &str| s.parse::<Qty>().unwrap();
        let shelf = Shelf {
            allow_negative: false,
            stock: [("p1", "3"), ("p2", "10"), ("p3", "0")]
                .into_iter()
                .map(|(p, on)| (p.to_string(), ShelfStock { on_hand: q(on), reserved: Qty::ZERO }))
                .collect(),
        };
        let needs: Needs = [("p1", "A-001", "5"), ("p2", "B-002", "4"), ("p3", "C-003", "2")]
            .into_iter()
            .map(|(p, sku, n)| (p.to_string(), (sku.to_string(), q(n))))
            .collect();
        let p = shelf.cover(&needs).unwrap_err();
        let msg = crate::Error::new(p.clone()).message(Lang::ZhCn);
        assert!(msg.starts_with("2 个商品库存不足"), "{msg}");
        assert!(msg.contains("A-001 需要 5，可用 3") && msg.contains("C-003 需要 2，可用 0") && !msg.contains("B-002"), "{msg}");
        let en = crate::Error::new(p).message(Lang::En);
        assert!(en.contains("A-001") && en.contains("C-003"), "{en}");
        let one: Needs = [("p1".to_string(), ("A-001".to_string(), q("5")))].into_iter().collect();
        assert_eq!(crate::Error::new(shelf.cover(&one).unwrap_err()).message(Lang::ZhCn), "商品 A-001 库存不足：需要 5，可用 3");
    }
}
