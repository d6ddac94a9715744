//! What goods cost: each product's moving weighted average cost on the shelf, and the cost of
//! goods that leave it (the cost of goods sold, COGS), fixed in the ledger when they leave.
//!
//! - Goods coming in with a known cost (a receipt with its cost, goods returned at the cost they
//!   left with) move the average: `(on hand × average + in × cost) / (on hand + in)`; onto an
//!   empty (or negative) shelf, or a shelf whose cost is unknown, the average becomes their cost.
//! - Goods coming in without a cost (a count that found more, an adjustment) come in at the
//!   average and leave it as it is; goods leaving take the average with them.
//! - Unknown stays unknown (`None`) until goods with a cost come in: never 0, which would show a
//!   100 % margin.

use crate::fixed::{Money, Qty, UnitPrice};

/// A movement's effect on cost: the unit cost it records, and the average after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostStep {
    pub unit_cost: Option<UnitPrice>,
    pub average: Option<UnitPrice>,
}

/// What a movement of `qty` (positive in, negative out) does to the average `avg` of a shelf
/// holding `on_hand`; `cost_in` is the cost of goods coming in, when known.
pub fn step(on_hand: Qty, avg: Option<UnitPrice>, qty: Qty, cost_in: Option<UnitPrice>) -> CostStep {
    match cost_in {
        Some(cost) if qty.is_positive() => {
            let average = match avg {
                Some(a) if on_hand.is_positive() => {
                    let value = on_hand.to_decimal() * a.to_decimal() + qty.to_decimal() * cost.to_decimal();
                    // beyond the range of a price only for absurd quantities: keep the new cost
                    UnitPrice::from_decimal_rounded(value / (on_hand + qty).to_decimal()).unwrap_or(cost)
                }
                _ => cost,
            };
            CostStep { unit_cost: Some(cost), average: Some(average) }
        }
        _ => CostStep { unit_cost: avg, average: avg },
    }
}

/// The cost of `qty` at `unit_cost`, rounded to the fen (half away from zero).
pub fn cost_of(qty: Qty, unit_cost: UnitPrice) -> Money {
    Money::from_decimal_rounded(qty.to_decimal() * unit_cost.to_decimal()).unwrap_or(Money::from_minor(Money::MAX_MINOR))
}

/// The cost of goods sold a return of `qty` takes back, when the goods left the shelf at
/// `left_at` (none: their cost was unknown). Goods back on the shelf take their cost back;
/// goods written off keep it in the cost of goods sold, so the return takes back nothing — but
/// only a known nothing: the sales it takes back were of unknown cost if the goods' were, and
/// stay so (else a write-off of goods of unknown cost would read as sales of cost zero taken
/// back, a loss the size of their price).
pub fn returned_cost(qty: Qty, left_at: Option<UnitPrice>, restock: bool) -> Option<Money> {
    left_at.map(|c| if restock { cost_of(qty, c) } else { Money::ZERO })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_return_takes_back_the_cost_the_goods_left_with_unless_written_off() {
        assert_eq!(returned_cost(q("2"), Some(p("1.25")), true), Some(Money::from_minor(250)));
        assert_eq!(returned_cost(q("2"), Some(p("1.25")), false), Some(Money::ZERO));
        assert_eq!(returned_cost(q("2"), None, true), None);
        assert_eq!(returned_cost(q("2"), None, false), None, "written off, of unknown cost: still unknown");
    }

    fn q(s: &str) -> Qty {
        s.parse().unwrap()
    }
    fn p(s: &str) -> UnitPrice {
        s.parse().unwrap()
    }

    #[test]
    fn receipts_move_the_average_and_goods_leave_at_it() {
        // 100 at 1.20, then 50 at 1.50: (120 + 75) / 150 = 1.30
        let first = step(q("0"), None, q("100"), Some(p("1.2")));
        assert_eq!(first, CostStep { unit_cost: Some(p("1.2")), average: Some(p("1.2")) });
        let second = step(q("100"), first.average, q("50"), Some(p("1.5")));
        assert_eq!(second, CostStep { unit_cost: Some(p("1.5")), average: Some(p("1.3")) });
        // a delivery of 30 takes 1.30 out, the average stays
        assert_eq!(step(q("150"), second.average, q("-30"), None), CostStep { unit_cost: Some(p("1.3")), average: Some(p("1.3")) });
        // a count that finds 5 more comes in at the average
        assert_eq!(step(q("120"), second.average, q("5"), None), CostStep { unit_cost: Some(p("1.3")), average: Some(p("1.3")) });
        // 3 at 1.00 onto 7 at 1.30: (9.1 + 3) / 10 = 1.21
        assert_eq!(step(q("7"), Some(p("1.3")), q("3"), Some(p("1"))).average, Some(p("1.21")));
        // averages keep 4 decimals: 1 at 1 and 2 at 2 → 1.6667
        assert_eq!(step(q("1"), Some(p("1")), q("2"), Some(p("2"))).average, Some(p("1.6667")));
    }

    #[test]
    fn unknown_cost_stays_unknown_until_goods_with_a_cost_come_in() {
        assert_eq!(step(q("10"), None, q("-4"), None), CostStep { unit_cost: None, average: None });
        assert_eq!(step(q("6"), None, q("5"), None), CostStep { unit_cost: None, average: None });
        assert_eq!(step(q("6"), None, q("5"), Some(p("2"))).average, Some(p("2")));
        // onto a negative shelf (oversold), the new goods' cost
        assert_eq!(step(q("-3"), Some(p("9")), q("5"), Some(p("2"))).average, Some(p("2")));
    }

    #[test]
    fn the_cost_of_goods_is_rounded_to_the_fen() {
        assert_eq!(cost_of(q("3"), p("1.6667")).to_string(), "5.00");
        assert_eq!(cost_of(q("0.5"), p("0.0333")).to_string(), "0.02");
        assert_eq!(cost_of(q("-2"), p("1.3")).to_string(), "-2.60");
    }
}
