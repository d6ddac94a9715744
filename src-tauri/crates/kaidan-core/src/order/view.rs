//! The order as shown and printed ([`crate::model::Order`]), with what the rules say of it now.

use super::sales::SalesOrder;

/// What the store reads beside an order for showing it: names and times.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderShown {
    pub customer: String,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
    pub deliveries: Vec<crate::model::Delivery>,
    /// The salesperson's (业务员) name.
    pub salesperson: String,
}

impl SalesOrder {
    /// The order as shown and printed, with what the rules say of it now: the actions it
    /// allows, what is still due, its payment status.
    pub fn view(&self, shown: OrderShown) -> crate::model::Order {
        crate::model::Order {
            id: self.id.clone(),
            number: self.number.clone(),
            status: self.status,
            customer: shown.customer,
            customer_id: self.customer_id.clone(),
            channel: self.channel,
            order_date: self.order_date.clone(),
            deliver_by: self.deliver_by.clone(),
            notes: self.notes.clone(),
            prices_include_tax: self.prices_include_tax,
            subtotal: self.totals.subtotal,
            tax: self.totals.tax,
            total: self.totals.total,
            lines: self
                .lines
                .iter()
                .map(|l| crate::model::OrderLine {
                    id: l.id.clone(),
                    line_no: l.line_no,
                    sku: l.sku.clone(),
                    name: l.name.clone(),
                    spec: l.spec.clone(),
                    unit: l.unit.clone(),
                    qty: l.qty,
                    delivered_qty: l.delivered,
                    remaining_qty: l.remaining(),
                    returned_qty: l.returned,
                    backordered_qty: l.backordered,
                    unit_price: l.unit_price,
                    discount: l.discount,
                    tax_rate: l.tax_rate,
                    amount: l.amounts.amount,
                    tax: l.amounts.tax,
                    total: l.amounts.total,
                })
                .collect(),
            deliveries: shown.deliveries,
            approval_reasons: self.approval_reasons.clone(),
            cancel_reason: self.cancel_reason.clone(),
            created_by: shown.created_by,
            salesperson: shown.salesperson,
            created_at: shown.created_at,
            updated_at: shown.updated_at,
            invoiced: self.invoiced,
            returned: self.returned,
            received: self.received,
            payment_status: self.payment_status(),
            external_number: self.external_number.clone(),
            allowed_actions: self.allowed_actions(),
            due: self.outstanding(),
        }
    }
}
