//! Who and what has been active, for the reports that ask when rather than how much: products on
//! sale and their shelves, the last day a product sold, each customer's orders taken (first and
//! last, how many, their value) and orders taken by channel. The rules (slow, new, inactive) are kaidan-core's.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use kaidan_core::order::Channel;
use kaidan_core::report::{Buyer, Shelf};
use kaidan_core::{Error, Money, Qty, UnitPrice};

use crate::{Db, SqlResult};

/// A customer as the inactive list names them (their first phone), with their orders taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerBuyer {
    pub id: String,
    pub name: String,
    pub region: Option<String>,
    pub phone: Option<String>,
    pub orders: Buyer,
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

    /// For each of `wanted`: the last day up to `to` on which it sold (more delivered than
    /// returned that day; none when it never did) and what it sold from `year_from` to `to`, from
    /// the day sums (report_product) and the rows not yet added to them (report_pending). Reads
    /// back from `to`, only the rows of `wanted`, and stops once past `year_from` with every
    /// product's last sale found.
    pub fn sales_days(
        &self,
        wanted: &HashSet<String>,
        to: &str,
        year_from: &str,
    ) -> Result<HashMap<String, (Option<NaiveDate>, Qty)>, Error> {
        let mut found: HashMap<String, (Option<NaiveDate>, Qty)> = HashMap::new();
        if wanted.is_empty() {
            return Ok(found);
        }
        let ids = serde_json::to_string(&wanted.iter().collect::<Vec<_>>())
            .map_err(|e| Error::new(kaidan_core::Problem::Storage { detail: e.to_string() }))?;
        // the goods waiting to be added to the day sums, by day and product (a few thousand rows
        // at most), merged below into the day sums read newest first
        let mut waiting: BTreeMap<(String, String), i64> = self
            .rows(
                "SELECT day, product_id, SUM(qty_milli) FROM report_pending
                 WHERE product_id IS NOT NULL AND day <= ?1 AND product_id IN (SELECT value FROM json_each(?2))
                 GROUP BY day, product_id",
                rusqlite::params![to, ids],
                |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)),
            )?
            .into_iter()
            .collect();
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT period, product_id, qty_milli FROM report_product
                 WHERE level = 'd' AND period <= ?1 AND product_id IN (SELECT value FROM json_each(?2))
                 ORDER BY period DESC",
            )
            .sql()?;
        let mut rows = st.query(rusqlite::params![to, ids]).sql()?;
        let mut last_known = 0;
        // one product's sales of one day, newest day first; false once nothing older matters
        let mut day_sold = |period: String, id: String, qty: Qty| -> Result<bool, Error> {
            let in_year = period.as_str() >= year_from;
            if !in_year && last_known == wanted.len() {
                return Ok(false);
            }
            let e = found.entry(id).or_insert((None, Qty::ZERO));
            if in_year {
                e.1 += qty;
            }
            if e.0.is_none() && qty.is_positive() {
                e.0 = Some(date(period).sql()?);
                last_known += 1;
            }
            Ok(true)
        };
        let mut going = true;
        while going {
            let Some(r) = rows.next().sql()? else { break };
            let (period, id): (String, String) = (r.get(0).sql()?, r.get(1).sql()?);
            let mut qty: i64 = r.get(2).sql()?;
            while going && waiting.last_key_value().is_some_and(|((d, _), _)| *d > period) {
                let ((d, p), q) = waiting.pop_last().expect("seen just now");
                going = day_sold(d, p, Qty::from_minor(q))?;
            }
            qty += waiting.remove(&(period.clone(), id.clone())).unwrap_or(0);
            going = going && day_sold(period, id, Qty::from_minor(qty))?;
        }
        while going {
            let Some(((d, p), q)) = waiting.pop_last() else { break };
            going = day_sold(d, p, Qty::from_minor(q))?;
        }
        Ok(found)
    }

    /// The customers whose first order taken is on or after `day`, and that first order day
    /// (customer_orders): the others first ordered before it.
    pub fn first_orders_since(&self, day: &str) -> Result<HashMap<String, NaiveDate>, Error> {
        let rows = self.rows("SELECT customer_id, first_day FROM customer_orders WHERE first_day >= ?1", [day], |r| {
            Ok((r.get::<_, String>(0)?, date(r.get(1)?)?))
        })?;
        Ok(rows.into_iter().collect())
    }

    /// Every customer (not deleted) with an order taken: who they are and their orders.
    pub fn customer_buyers(&self) -> Result<Vec<CustomerBuyer>, Error> {
        self.rows(
            "SELECT c.id, c.name, c.region, c.phones, k.first_day, k.last_day, k.orders, k.orders_cents
             FROM customer_orders k JOIN customer c ON c.id = k.customer_id WHERE c.deleted_at IS NULL",
            [],
            |r| {
                Ok(CustomerBuyer {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    region: r.get(2)?,
                    phone: crate::catalog::phones_of(r.get(3)?).into_iter().next(),
                    orders: Buyer {
                        first_order: date(r.get(4)?)?,
                        last_order: date(r.get(5)?)?,
                        orders: r.get(6)?,
                        orders_value: Money::from_minor(r.get(7)?),
                    },
                })
            },
        )
    }

    /// Orders taken from `from` to `to` by channel: how many and their value with tax, from the
    /// sums (report_channel, migration 0018) and the orders' rows not yet added to them
    /// (report_pending, 0029).
    pub fn channel_orders(&self, from: &str, to: &str) -> Result<Vec<(Channel, u32, Money)>, Error> {
        let rows = self.rows(
            "SELECT channel, SUM(o), SUM(v) FROM (
                 SELECT channel, orders AS o, orders_cents AS v FROM report_channel WHERE day BETWEEN ?1 AND ?2
                 UNION ALL
                 -- orders not yet added up (migration 0029)
                 SELECT channel, orders, orders_cents FROM report_pending WHERE channel IS NOT NULL AND day BETWEEN ?1 AND ?2)
             GROUP BY channel",
            [from, to],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?, Money::from_minor(r.get(2)?))),
        )?;
        // a channel no version writes is damage `kaidan check` names; the report leaves it out
        Ok(rows.into_iter().filter_map(|(c, n, m)| <Channel as kaidan_core::Closed>::from_stored(&c).map(|c| (c, n, m))).collect())
    }
}
