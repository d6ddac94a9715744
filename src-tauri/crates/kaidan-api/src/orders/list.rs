//! The order list: filters as typed, parsed once; paging by cursor.

use kaidan_core::model::{OrderSummary, Page, PaymentStatus};
use kaidan_core::validate;
use kaidan_core::{Error, Field, FieldKey, OrderStatus, Problem};
use kaidan_store::{Db, Due, OrderFilter};

use super::OrderQuery;
use crate::Shop;

impl Shop {
    /// A page of orders, newest first; pass `next_cursor` back for the next page.
    pub fn orders(&self, q: &OrderQuery) -> Result<Page<OrderSummary>, Error> {
        let parsed = parse_query(q)?;
        self.read(|db| {
            let (items, next) = db.orders(&parsed.filter(db)?)?;
            Ok(Page { items, next_cursor: next.map(|n| n.to_string()) })
        })
    }

    /// SQLite's plan for an order list (tests assert the hot lists never sort or scan).
    pub fn explain_orders(&self, q: &OrderQuery) -> Result<String, Error> {
        let parsed = parse_query(q)?;
        self.read(|db| db.explain_orders(&parsed.filter(db)?))
    }
}
struct ParsedQuery<'q> {
    q: &'q OrderQuery,
    status: Option<OrderStatus>,
    payment: Option<PaymentStatus>,
    before: Option<i64>,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    sold_from: Option<chrono::NaiveDate>,
    sold_to: Option<chrono::NaiveDate>,
    due: Option<Due>,
    channel: Option<kaidan_core::order::Channel>,
    first_order: Option<(bool, String)>,
}

impl ParsedQuery<'_> {
    fn filter(&self, db: &Db) -> Result<OrderFilter, Error> {
        let customer_id = match self.q.customer.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(c) => Some(db.resolve_customer(c).map_err(|e| Error { field: Some(Field::new(FieldKey::Customer)), ..e })?.id),
        };
        let product_id = match self.q.sku.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(db.product(s).map_err(|e| Error { field: Some(Field::new(FieldKey::Sku)), ..e })?.id),
        };
        let salesperson_id = match self.q.salesperson.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(name) => Some(crate::people::operator_named(db, name)?.id),
        };
        Ok(OrderFilter {
            salesperson_id,
            status: self.status,
            payment: self.payment,
            search: self.q.search.clone(),
            customer_id,
            from: self.from.map(|d| d.to_string()),
            to: self.to.map(|d| d.to_string()),
            backordered: self.q.backordered.unwrap_or(false),
            sold_from: self.sold_from.map(|d| d.to_string()),
            sold_to: self.sold_to.map(|d| d.to_string()),
            product_id,
            due: self.due.clone(),
            channel: self.channel,
            region: self.q.region.as_ref().map(|r| r.trim().to_string()),
            taken: self.q.taken.unwrap_or(false),
            first_order: self.first_order.clone(),
            before: self.before,
            limit: self.q.limit.unwrap_or(50),
        })
    }
}

fn parse_query(q: &OrderQuery) -> Result<ParsedQuery<'_>, Error> {
    let status = validate::choice::<OrderStatus>(FieldKey::Status, q.status.as_deref())?;
    let payment = validate::choice::<PaymentStatus>(FieldKey::Status, q.payment.as_deref())?;
    let channel = validate::choice::<kaidan_core::order::Channel>(FieldKey::Channel, q.channel.as_deref())?;
    let before = match q.cursor.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(c) => Some(c.parse::<i64>().map_err(|_| {
            Error::at(Problem::BadChoice { text: c.into(), allowed: vec!["next_cursor".into()] }, Field::new(FieldKey::Cursor))
        })?),
    };
    let from = q.from.as_deref().map(|d| validate::date(Field::new(FieldKey::OrderDate), d)).transpose()?;
    let to = q.to.as_deref().map(|d| validate::date(Field::new(FieldKey::OrderDate), d)).transpose()?;
    let sold_from = q.sold_from.as_deref().map(|d| validate::date(Field::new(FieldKey::From), d)).transpose()?;
    let sold_to = q.sold_to.as_deref().map(|d| validate::date(Field::new(FieldKey::To), d)).transpose()?;
    let due = match q.due.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(d) => {
            let today = match q.today.as_deref() {
                Some(t) => validate::date(Field::new(FieldKey::DeliverBy), t)?,
                None => chrono::Local::now().date_naive(),
            }
            .to_string();
            Some(match d {
                "late" => Due::Late(today),
                "today" => Due::Today(today),
                "later" => Due::Later(today),
                _ => {
                    let allowed = ["late", "today", "later"].map(String::from).to_vec();
                    return Err(Error::at(Problem::BadChoice { text: d.into(), allowed }, Field::new(FieldKey::DeliverBy)));
                }
            })
        }
    };
    // new or returning customers: counted from the first day asked
    let first_order = match q.buyers.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(b @ ("new" | "returning")) => match from {
            Some(d) => Some((b == "new", d.to_string())),
            None => return Err(Error::at(Problem::Required, Field::new(FieldKey::From))),
        },
        Some(b) => {
            let allowed = ["new", "returning"].map(String::from).to_vec();
            return Err(Error::at(Problem::BadChoice { text: b.into(), allowed }, Field::new(FieldKey::Customer)));
        }
    };
    Ok(ParsedQuery { q, status, payment, before, from, to, sold_from, sold_to, due, channel, first_order })
}
