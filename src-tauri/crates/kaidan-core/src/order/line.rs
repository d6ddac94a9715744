//! An order's line with what happened to it ([`SalesLine`]), a typed line before it is on an
//! order ([`NewLine`]), and the rules of one line: below cost, its share of money.

use crate::error::{Error, Field, FieldKey};
use crate::fixed::{Money, Qty, Rate, UnitPrice};
use crate::totals::{line_amounts, LineAmounts, LineInput, TaxMode};

/// One line of an order, with what happened to it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SalesLine {
    pub id: String,
    pub line_no: u32,
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub spec: Option<String>,
    pub unit: String,
    pub qty: Qty,
    pub delivered: Qty,
    pub unit_price: UnitPrice,
    pub discount: Rate,
    pub tax_rate: Rate,
    pub amounts: LineAmounts,
    /// The product's cost when the line was written (the below-cost rule).
    pub cost: UnitPrice,
    /// Delivered and brought back (returns keep it, through a trigger).
    pub returned: Qty,
    /// Billed by invoices, net of credit notes (invoices keep it).
    pub invoiced: Qty,
    /// The value earlier returns took off the line.
    pub returned_value: Money,
    /// Of what remains, the part not reserved because the shelf was short when the order was
    /// confirmed as a backorder: it waits for stock (缺货待补). Never more than remains.
    pub backordered: Qty,
}

impl SalesLine {
    /// Not yet delivered.
    pub fn remaining(&self) -> Qty {
        self.qty - self.delivered
    }

    /// What the line holds reserved on the shelf: what remains, less what waits for stock.
    pub fn reserved(&self) -> Qty {
        self.remaining() - self.backordered
    }

    /// Priced below the cost it was written with: price × (1 − discount) < cost, in exact
    /// integers (a line with no known cost is never below it).
    pub fn below_cost(&self) -> bool {
        below_cost(self.unit_price, self.discount, self.cost)
    }

    /// The amounts of `qty` of this line, computed and rounded on their own.
    pub fn amounts_of(&self, qty: Qty, mode: TaxMode) -> Result<LineAmounts, crate::NumberIssue> {
        line_amounts(&LineInput { qty, unit_price: self.unit_price, discount: self.discount, tax_rate: self.tax_rate }, mode)
    }

    /// What an invoice of `qty` of this line bills: the whole line in one invoice takes the
    /// line's own amounts (so that invoices add up to the order to the fen); a part is computed.
    pub fn invoice_share(&self, qty: Qty, mode: TaxMode) -> Result<LineAmounts, crate::NumberIssue> {
        if qty == self.qty && self.invoiced.is_zero() && self.returned.is_zero() {
            Ok(self.amounts)
        } else {
            self.amounts_of(qty, mode)
        }
    }

    /// What a delivery of `qty` of this line sold, the line as it is after the delivery (its
    /// `delivered` counts `qty`), `taken` what its earlier deliveries sold: the delivery that
    /// completes the line takes what is left of its money (a line's deliveries add up to it to
    /// the fen); a part is computed.
    pub fn delivery_share(&self, qty: Qty, taken: LineAmounts, mode: TaxMode) -> Result<LineAmounts, crate::NumberIssue> {
        if self.delivered == self.qty {
            let a = &self.amounts;
            Ok(LineAmounts {
                amount: a.amount - taken.amount,
                tax: a.tax - taken.tax,
                net: a.net - taken.net,
                total: a.total - taken.total,
            })
        } else {
            self.amounts_of(qty, mode)
        }
    }

    /// The part of `value` (some of this line's total) without tax, in the line's proportion.
    pub fn net_of(&self, value: Money) -> Money {
        let a = &self.amounts;
        if a.total.is_zero() {
            return Money::ZERO;
        }
        Money::from_decimal_rounded(value.to_decimal() * a.net.to_decimal() / a.total.to_decimal()).unwrap_or(value)
    }

    /// The value of `qty` coming back, after `taken` (quantity, value) already planned for this
    /// line in the same return: the last of a line to come back takes what is left of its value
    /// (returns add up to the line to the fen); a part is computed.
    pub fn return_share(&self, qty: Qty, taken: (Qty, Money), mode: TaxMode) -> Result<Money, crate::NumberIssue> {
        if self.returned + taken.0 + qty == self.qty {
            Ok(self.amounts.total - self.returned_value - taken.1)
        } else {
            Ok(self.amounts_of(qty, mode)?.total)
        }
    }
}

/// Below-cost test in exact integers: price × (1 − discount) < cost.
pub fn below_cost(price: UnitPrice, discount: Rate, cost: UnitPrice) -> bool {
    if cost.is_zero() {
        return false;
    }
    // price_e4 × (10000 − discount_bp) < cost_e4 × 10000
    let lhs = i128::from(price.minor()) * i128::from(10_000 - discount.minor());
    let rhs = i128::from(cost.minor()) * 10_000;
    lhs < rhs
}

/// A product as a typed line names it, resolved by the api.
#[derive(Debug, Clone, PartialEq)]
pub struct LineProduct {
    pub id: String,
    pub sku: String,
    pub name: String,
    pub spec: Option<String>,
    pub unit: String,
    pub tax_rate: Rate,
    pub cost: UnitPrice,
}

/// A typed line, parsed and its product resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct NewLine {
    pub product: LineProduct,
    pub qty: Qty,
    pub unit_price: UnitPrice,
    pub discount: Rate,
}

/// The error for `qty` on request row `row` when its amounts cannot be computed.
pub fn qty_issue(row: usize, qty: Qty) -> impl FnOnce(crate::NumberIssue) -> Error {
    move |issue| Error::number(Field::row(FieldKey::Qty, row), &qty.to_string(), issue)
}

/// A new, undelivered line for a typed line (`row` names it in errors).
pub fn new_line(id: String, row: usize, line_no: u32, p: NewLine, m: TaxMode) -> Result<SalesLine, Error> {
    let mut l = SalesLine {
        id,
        line_no,
        product_id: p.product.id,
        sku: p.product.sku,
        name: p.product.name,
        spec: p.product.spec,
        unit: p.product.unit,
        qty: p.qty,
        unit_price: p.unit_price,
        discount: p.discount,
        tax_rate: p.product.tax_rate,
        cost: p.product.cost,
        ..SalesLine::default()
    };
    l.amounts = l.amounts_of(l.qty, m).map_err(qty_issue(row, l.qty))?;
    Ok(l)
}
