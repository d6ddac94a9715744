//! The quantity plan: which lines of a document a delivery, an invoice, a credit note or a
//! return takes, and how much of each. One planner for all four; what is "open" on a line is
//! the caller's (the order aggregate's) to say.

use crate::error::{Entity, Error, Field, FieldKey, Problem};
use crate::fixed::Qty;

/// One row of a request: a product (its id and the SKU the request named) and a quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Want {
    pub product_id: String,
    pub sku: String,
    pub qty: Qty,
}

/// One part of a plan: `qty` of line `line` (an index into the document's lines), answering
/// request row `row` (1-based; `None` when the plan took everything open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Take {
    pub line: usize,
    pub qty: Qty,
    pub row: Option<usize>,
}

/// What a plan is for; it names the refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Deliver,
    Invoice,
    Credit,
    Return,
}

impl Purpose {
    fn over(self, sku: String, remaining: Qty, asked: Qty) -> Problem {
        match self {
            Self::Deliver => Problem::OverDelivery { sku, remaining, asked },
            Self::Invoice => Problem::OverInvoice { sku, remaining, asked },
            Self::Credit => Problem::OverCredit { sku, remaining, asked },
            Self::Return => Problem::OverReturn { sku, returnable: remaining, asked },
        }
    }
    fn line_entity(self) -> Entity {
        if self == Self::Credit {
            Entity::InvoiceLine
        } else {
            Entity::OrderLine
        }
    }
}

/// Plans `wanted` against a document's lines, given as `(product id, open quantity)` in line
/// order. Without `wanted`, every line with something open, all of it. With it, each row's
/// product is spread over that product's lines in order, each up to what is still open on it
/// after the earlier rows. Errors name the request's row: a product not on `document`, or more
/// than is open.
pub fn plan(purpose: Purpose, document: &str, lines: &[(&str, Qty)], wanted: Option<&[Want]>) -> Result<Vec<Take>, Error> {
    let Some(req) = wanted else {
        return Ok(lines
            .iter()
            .enumerate()
            .filter(|(_, (_, open))| open.is_positive())
            .map(|(line, (_, open))| Take { line, qty: *open, row: None })
            .collect());
    };
    let mut takes = Vec::new();
    let mut taken = vec![Qty::ZERO; lines.len()];
    for (i, w) in req.iter().enumerate() {
        let row = i + 1;
        let idx: Vec<usize> = (0..lines.len()).filter(|&k| lines[k].0 == w.product_id).collect();
        if idx.is_empty() {
            return Err(Error::at(
                Problem::NotFound { what: purpose.line_entity(), key: format!("{document} / {}", w.sku) },
                Field::row(FieldKey::Sku, row),
            ));
        }
        let remaining: Qty = idx.iter().map(|&k| lines[k].1 - taken[k]).sum();
        if w.qty > remaining {
            return Err(Error::at(purpose.over(w.sku.clone(), remaining, w.qty), Field::row(FieldKey::Qty, row)));
        }
        let mut left = w.qty;
        for &k in &idx {
            let q = (lines[k].1 - taken[k]).min(left);
            if q.is_positive() {
                taken[k] += q;
                takes.push(Take { line: k, qty: q, row: Some(row) });
                left -= q;
            }
        }
    }
    Ok(takes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Qty {
        s.parse().unwrap()
    }
    fn want(p: &str, qty: &str) -> Want {
        Want { product_id: p.into(), sku: p.to_uppercase(), qty: q(qty) }
    }
    /// `check(lines, request, expect)`: the plan as `line:qty@row`, or the error's code and field.
    fn check(lines: &[(&str, &str)], wanted: Option<&[Want]>, expect: &str) {
        let lines: Vec<(&str, Qty)> = lines.iter().map(|(p, o)| (*p, q(o))).collect();
        let got = match plan(Purpose::Deliver, "SO-1", &lines, wanted) {
            Ok(takes) => takes
                .iter()
                .map(|t| format!("{}:{}@{}", t.line, t.qty, t.row.map_or("-".into(), |r| r.to_string())))
                .collect::<Vec<_>>()
                .join(" "),
            Err(e) => format!("{} {}", e.code().as_str(), e.field.map(|f| f.path()).unwrap_or_default()),
        };
        assert_eq!(got, expect);
    }

    #[test]
    fn plans() {
        let lines = [("a", "5"), ("b", "0"), ("a", "3")];
        check(&lines, None, "0:5@- 2:3@-");
        check(&lines, Some(&[want("a", "6")]), "0:5@1 2:1@1");
        check(&lines, Some(&[want("a", "2"), want("a", "4")]), "0:2@1 0:3@2 2:1@2");
        check(&lines, Some(&[want("a", "8")]), "0:5@1 2:3@1");
        check(&lines, Some(&[want("a", "8.001")]), "over_delivery lines[1].qty");
        check(&lines, Some(&[want("a", "5"), want("a", "4")]), "over_delivery lines[2].qty");
        check(&lines, Some(&[want("b", "1")]), "over_delivery lines[1].qty");
        check(&lines, Some(&[want("c", "1")]), "not_found lines[1].sku");
        check(&[], None, "");
    }

    #[test]
    fn the_purpose_names_the_refusal() {
        let lines = [("a", q("1"))];
        let over = |p| plan(p, "X", &lines, Some(&[want("a", "2")])).unwrap_err().problem;
        assert!(matches!(over(Purpose::Invoice), Problem::OverInvoice { .. }));
        assert!(matches!(over(Purpose::Credit), Problem::OverCredit { .. }));
        assert!(matches!(over(Purpose::Return), Problem::OverReturn { .. }));
        let missing = plan(Purpose::Credit, "INV-1", &lines, Some(&[want("z", "1")])).unwrap_err().problem;
        assert_eq!(missing, Problem::NotFound { what: Entity::InvoiceLine, key: "INV-1 / Z".into() });
    }
}
