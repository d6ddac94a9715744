//! Who and what has been active, for the reports that ask when rather than how much: products on
//! sale and their shelves, the last day a product sold, a customer's first and last order taken,
//! and orders taken by channel. The rules (slow, new, inactive) are kaidan-core's.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use kaidan_core::order::Channel;
use kaidan_core::report::Shelf;
use kaidan_core::{Error, Money, Qty, UnitPrice};

use crate::{Db, SqlResult};

/// An order taken: confirmed or later, not cancelled, not deleted (the reports' orders).
const TAKEN: &str = "o.deleted_at IS NULL AND o.status NOT IN ('draft', 'pending_approval', 'cancelled')";

/// A customer as the inactive list names them, with their last order taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerLast {
    pub id: String,
    pub name: String,
    pub region: Option<String>,
    pub phone: Option<String>,
    pub last_order: NaiveDate,
}

fn date(text: String) -> rusqlite::Result<NaiveDate> {
    text.parse().map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

impl Db<'_> {
    /// The products on sale on `day`: not deactivated, not deleted, created by then.
    pub fn products_on_sale(&self, day: &str) -> Result<HashSet<String>, Error> {
        let rows =
            self.rows("SELECT id FROM product WHERE deleted_at IS NULL AND active = 1 AND substr(created_at, 1, 10) <= ?1", [day], |r| {
                r.get::<_, String>(0)
            })?;
        Ok(rows.into_iter().collect())
    }

    /// Every shelf holding or owing goods (on hand not zero), by product: on hand and the
    /// shelf's average cost. Deleted products left out.
    pub fn shelves(&self) -> Result<HashMap<String, Vec<Shelf>>, Error> {
        let mut out: HashMap<String, Vec<Shelf>> = HashMap::new();
        for (id, shelf) in self.rows(
            "SELECT b.product_id, b.on_hand_milli, b.avg_cost_e4 FROM stock_balance b JOIN product p ON p.id = b.product_id
             WHERE b.on_hand_milli <> 0 AND p.deleted_at IS NULL",
            [],
            |r| {
                let on_hand = Qty::from_minor(r.get(1)?);
                Ok((r.get::<_, String>(0)?, Shelf { on_hand, avg_cost: r.get::<_, Option<i64>>(2)?.map(UnitPrice::from_minor) }))
            },
        )? {
            out.entry(id).or_default().push(shelf);
        }
        Ok(out)
    }

    /// The last day before `before` on which each of `wanted` sold (more delivered than
    /// returned that day), from the day sums (report_product); products that never did are
    /// left out. Reads back from `before` and stops when every product is found.
    pub fn last_sold(&self, before: &str, wanted: &HashSet<String>) -> Result<HashMap<String, NaiveDate>, Error> {
        let mut found = HashMap::new();
        if wanted.is_empty() {
            return Ok(found);
        }
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT period, product_id FROM report_product WHERE level = 'd' AND period < ?1 AND qty_milli > 0
                 ORDER BY period DESC",
            )
            .sql()?;
        let mut rows = st.query([before]).sql()?;
        while let Some(r) = rows.next().sql()? {
            let id: String = r.get(1).sql()?;
            if wanted.contains(&id) && !found.contains_key(&id) {
                found.insert(id, date(r.get(0).sql()?).sql()?);
                if found.len() == wanted.len() {
                    break;
                }
            }
        }
        Ok(found)
    }

    /// Each of `customers`' first order ever taken (none: they never ordered).
    pub fn first_orders<'a>(&self, customers: impl IntoIterator<Item = &'a str>) -> Result<HashMap<String, NaiveDate>, Error> {
        let mut st = self
            .conn
            .prepare_cached(&format!(
                "SELECT o.order_date FROM sales_order o INDEXED BY sales_order_customer
                 WHERE o.customer_id = ?1 AND {TAKEN} ORDER BY o.order_date LIMIT 1"
            ))
            .sql()?;
        let mut out = HashMap::new();
        for id in customers {
            let first: Option<String> = rusqlite::OptionalExtension::optional(st.query_row([id], |r| r.get(0))).sql()?;
            if let Some(d) = first {
                out.insert(id.to_owned(), date(d).sql()?);
            }
        }
        Ok(out)
    }

    /// Every customer (not deleted) with an order taken, and their last.
    pub fn customers_last_order(&self) -> Result<Vec<CustomerLast>, Error> {
        let rows = self.rows(
            &format!(
                "SELECT c.id, c.name, c.region, c.phones,
                        (SELECT o.order_date FROM sales_order o INDEXED BY sales_order_customer
                          WHERE o.customer_id = c.id AND {TAKEN} ORDER BY o.order_date DESC LIMIT 1) AS last
                 FROM customer c WHERE c.deleted_at IS NULL AND last IS NOT NULL"
            ),
            [],
            |r| {
                let phones: Option<String> = r.get(3)?;
                Ok(CustomerLast {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    region: r.get(2)?,
                    phone: phones.and_then(|p| p.split(',').map(str::trim).find(|s| !s.is_empty()).map(str::to_owned)),
                    last_order: date(r.get(4)?)?,
                })
            },
        )?;
        Ok(rows)
    }

    /// A customer's orders taken from `from` to `to`: how many, and their value with tax.
    pub fn customer_orders_between(&self, customer_id: &str, from: &str, to: &str) -> Result<(u32, Money), Error> {
        self.row(
            &format!(
                "SELECT COUNT(*), COALESCE(SUM(o.total_cents), 0) FROM sales_order o INDEXED BY sales_order_customer
                 WHERE o.customer_id = ?1 AND o.order_date BETWEEN ?2 AND ?3 AND {TAKEN}"
            ),
            [customer_id, from, to],
            |r| Ok((r.get(0)?, Money::from_minor(r.get(1)?))),
        )
        .sql()
    }

    /// Orders taken from `from` to `to` by channel: how many and their value with tax, from the
    /// sums the order's triggers keep (report_channel, migration 0018).
    pub fn channel_orders(&self, from: &str, to: &str) -> Result<Vec<(Channel, u32, Money)>, Error> {
        let rows = self.rows(
            "SELECT channel, SUM(orders), SUM(orders_cents) FROM report_channel WHERE day BETWEEN ?1 AND ?2 GROUP BY channel",
            [from, to],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?, Money::from_minor(r.get(2)?))),
        )?;
        // a channel no version writes is damage `kaidan check` names; the report leaves it out
        Ok(rows.into_iter().filter_map(|(c, n, m)| <Channel as kaidan_core::Closed>::from_stored(&c).map(|c| (c, n, m))).collect())
    }
}
