//! Products and customers.

use kaidan_core::model::{CreditPosition, Customer, Product};
use kaidan_core::{Entity, Error, Money, Problem, Qty, Rate, UnitPrice};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};

use crate::{Db, SqlResult, Stamp};
use kaidan_core::initials::{initials, sort_key};

const PRODUCT_COLS: &str =
    "id, sku, barcode, name, spec, unit, price_e4, cost_e4, tax_rate_bp, reorder_point_milli, active, created_at, updated_at";
const CUSTOMER_COLS: &str =
    "id, name, contact_person, phones, address, region, credit_limit_cents, payment_terms_days, notes, email, created_at, updated_at";

fn product_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        id: r.get(0)?,
        sku: r.get(1)?,
        barcode: r.get(2)?,
        name: r.get(3)?,
        spec: r.get(4)?,
        unit: r.get(5)?,
        price: UnitPrice::from_minor(r.get(6)?),
        cost: Some(UnitPrice::from_minor(r.get(7)?)),
        tax_rate: Rate::from_minor(r.get(8)?),
        reorder_point: Qty::from_minor(r.get(9)?),
        active: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

fn customer_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Customer> {
    let phones: Option<String> = r.get(3)?;
    Ok(Customer {
        id: r.get(0)?,
        name: r.get(1)?,
        contact_person: r.get(2)?,
        phones: phones_of(phones),
        address: r.get(4)?,
        region: r.get(5)?,
        credit_limit: r.get::<_, Option<i64>>(6)?.map(Money::from_minor),
        payment_terms_days: r.get(7)?,
        notes: r.get(8)?,
        email: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// `LIKE` pattern matching names whose 拼音 initials contain what was typed (`wzwj`); a query
/// with anything but letters and digits matches no initials (`%` alone would match all).
pub(crate) fn like_initials(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric()) {
        like_contains(&s.to_ascii_lowercase())
    } else {
        "\u{1}".to_string()
    }
}

/// Fills the initials of rows written before they existed (schema 4); cheap when none are missing.
pub(crate) fn backfill_initials(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    // and the customers' 拼音 sort key (schema 13)
    let unsorted: Vec<(String, String)> = {
        let mut st = conn.prepare("SELECT id, name FROM customer WHERE sort_key IS NULL")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if !unsorted.is_empty() {
        let tx = conn.unchecked_transaction()?;
        {
            let mut up = tx.prepare("UPDATE customer SET sort_key = ?2 WHERE id = ?1")?;
            for (id, name) in &unsorted {
                up.execute(params![id, sort_key(name)])?;
            }
        }
        tx.commit()?;
    }
    for table in ["product", "customer"] {
        let missing: Vec<(String, String)> = {
            let mut st = conn.prepare(&format!("SELECT id, name FROM {table} WHERE initials IS NULL"))?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if missing.is_empty() {
            continue;
        }
        let tx = conn.unchecked_transaction()?;
        {
            let mut up = tx.prepare(&format!("UPDATE {table} SET initials = ?2 WHERE id = ?1"))?;
            for (id, name) in &missing {
                up.execute(params![id, initials(name)])?;
            }
        }
        tx.commit()?;
    }
    Ok(())
}

/// `LIKE` pattern for a literal substring (escapes `%`, `_` and `\`).
pub(crate) fn like_contains(s: &str) -> String {
    let mut out = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Upper bound for a prefix range scan on a BINARY-collated index: `x >= p AND x < p || U+10FFFF`.
/// The products a search finds: an SKU prefix, a barcode, a name or spec substring, or pinyin
/// initials — the SQL over the product table as `t`, its four values numbered from `?{first}`
/// ([`product_search`] gives them).
pub(crate) fn product_search_sql(t: &str, first: usize) -> String {
    let [a, b, c, d] = [first, first + 1, first + 2, first + 3];
    format!(
        r"({t}.sku >= ?{a} AND {t}.sku < ?{b}) OR {t}.barcode = ?{a} OR {t}.name LIKE ?{c} ESCAPE '\' OR {t}.spec LIKE ?{c} ESCAPE '\' OR {t}.initials LIKE ?{d} ESCAPE '\'"
    )
}

/// The values of [`product_search_sql`] for a typed search; `None` when it is blank.
pub(crate) fn product_search(search: Option<&str>) -> Option<[Value; 4]> {
    let s = search.map(str::trim).filter(|s| !s.is_empty())?;
    Some([s.to_string().into(), prefix_end(s).into(), like_contains(s).into(), like_initials(s).into()])
}

pub(crate) fn prefix_end(p: &str) -> String {
    format!("{p}\u{10FFFF}")
}

/// A product's stored values from its id to `active`, in `PRODUCT_COLS` order (an insert adds
/// its times, an update its new `updated_at`).
fn product_values(p: &Product) -> Vec<Value> {
    vec![
        p.id.clone().into(),
        p.sku.clone().into(),
        p.barcode.clone().into(),
        p.name.clone().into(),
        p.spec.clone().into(),
        p.unit.clone().into(),
        p.price.minor().into(),
        // none: a record read without its cost; a new product's cost is then unknown (0) and
        // an update keeps the stored one
        p.cost.map(UnitPrice::minor).into(),
        p.tax_rate.minor().into(),
        p.reorder_point.minor().into(),
        p.active.into(),
    ]
}

/// A customer's stored values from its id to `email`, in `CUSTOMER_COLS` order.
fn customer_values(c: &Customer) -> Vec<Value> {
    vec![
        c.id.clone().into(),
        c.name.clone().into(),
        c.contact_person.clone().into(),
        phones_text(&c.phones).into(),
        c.address.clone().into(),
        c.region.clone().into(),
        c.credit_limit.map(Money::minor).into(),
        c.payment_terms_days.into(),
        c.notes.clone().into(),
        c.email.clone().into(),
    ]
}

impl Db<'_> {
    pub fn insert_product(&self, p: &Product) -> Result<(), Error> {
        self.ensure_unique_product(p)?;
        let values =
            product_values(p).into_iter().chain([p.created_at.clone().into(), p.updated_at.clone().into(), initials(&p.name).into()]);
        self.exec(
            &format!("INSERT INTO product ({PRODUCT_COLS}, initials) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, COALESCE(?8, 0), ?9, ?10, ?11, ?12, ?13, ?14)"),
            params_from_iter(values),
        )
        .sql()?;
        Ok(())
    }

    fn ensure_unique_product(&self, p: &Product) -> Result<(), Error> {
        let taken: Option<String> = self
            .row("SELECT id FROM product WHERE sku = ?1 AND id <> ?2 AND deleted_at IS NULL", params![p.sku, p.id], |r| r.get(0))
            .optional()
            .sql()?;
        if taken.is_some() {
            return Err(Error::at(
                Problem::Duplicate { what: Entity::Product, key: p.sku.clone() },
                kaidan_core::Field::new(kaidan_core::FieldKey::Sku),
            ));
        }
        if let Some(b) = &p.barcode {
            let taken: Option<String> = self
                .row("SELECT sku FROM product WHERE barcode = ?1 AND id <> ?2 AND deleted_at IS NULL", params![b, p.id], |r| r.get(0))
                .optional()
                .sql()?;
            if let Some(sku) = taken {
                return Err(Error::at(
                    Problem::Duplicate { what: Entity::Product, key: format!("{b} ({sku})") },
                    kaidan_core::Field::new(kaidan_core::FieldKey::Barcode),
                ));
            }
        }
        Ok(())
    }

    pub fn update_product(&self, stamp: &Stamp, p: &Product) -> Result<(), Error> {
        self.ensure_unique_product(p)?;
        self.exec(
            "UPDATE product SET sku = ?2, barcode = ?3, name = ?4, spec = ?5, unit = ?6, price_e4 = ?7, cost_e4 = COALESCE(?8, cost_e4),
                        tax_rate_bp = ?9, reorder_point_milli = ?10, active = ?11, updated_at = ?12, initials = ?13
                 WHERE id = ?1 AND deleted_at IS NULL",
            params_from_iter(product_values(p).into_iter().chain([stamp.time().into(), initials(&p.name).into()])),
        )
        .sql()?;
        Ok(())
    }

    /// A product by SKU, else by barcode (what a scanner types).
    pub fn product(&self, key: &str) -> Result<Product, Error> {
        let key = key.trim();
        let found = self
            .row(&format!("SELECT {PRODUCT_COLS} FROM product WHERE sku = ?1 AND deleted_at IS NULL"), [key], product_from_row)
            .optional()
            .sql()?;
        if let Some(p) = found {
            return Ok(p);
        }
        self.row(&format!("SELECT {PRODUCT_COLS} FROM product WHERE barcode = ?1 AND deleted_at IS NULL"), [key], product_from_row)
            .optional()
            .sql()?
            .ok_or_else(|| Problem::NotFound { what: Entity::Product, key: key.to_string() }.into())
    }

    pub fn product_by_id(&self, id: &str) -> Result<Product, Error> {
        self.row(&format!("SELECT {PRODUCT_COLS} FROM product WHERE id = ?1"), [id], product_from_row)
            .optional()
            .sql()?
            .ok_or_else(|| Problem::NotFound { what: Entity::Product, key: id.to_string() }.into())
    }

    /// Products by SKU order. `search` matches an SKU or barcode prefix, or a name substring.
    /// `after` is the last SKU of the previous page.
    pub fn products(&self, search: Option<&str>, after: Option<&str>, limit: u32) -> Result<Vec<Product>, Error> {
        let sql = product_search_sql("product", 3);
        let filter = product_search(search).map(|v| (sql.as_str(), v.to_vec()));
        self.catalog_page(PRODUCT_COLS, "product", "sku", filter, after, limit, product_from_row)
    }

    /// A page of a catalogue table in `key` order after `after`, of the rows `filter` keeps (its
    /// SQL numbers its values from ?3).
    #[allow(clippy::too_many_arguments)]
    fn catalog_page<T>(
        &self,
        cols: &str,
        table: &str,
        key: &str,
        filter: Option<(&str, Vec<Value>)>,
        after: Option<&str>,
        limit: u32,
        f: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, Error> {
        let (clause, values) = filter.unwrap_or(("1", Vec::new()));
        let head: [Value; 2] = [after.unwrap_or("").to_string().into(), limit.into()];
        self.rows(
            &format!("SELECT {cols} FROM {table} WHERE deleted_at IS NULL AND {key} > ?1 AND ({clause}) ORDER BY {key} LIMIT ?2"),
            params_from_iter(head.into_iter().chain(values)),
            f,
        )
    }

    pub fn insert_customer(&self, c: &Customer) -> Result<(), Error> {
        self.ensure_unique_customer(c)?;
        let values = customer_values(c).into_iter().chain([
            c.created_at.clone().into(),
            c.updated_at.clone().into(),
            initials(&c.name).into(),
            sort_key(&c.name).into(),
        ]);
        self.exec(
            &format!("INSERT INTO customer ({CUSTOMER_COLS}, initials, sort_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
            params_from_iter(values),
        )
        .sql()?;
        Ok(())
    }

    fn ensure_unique_customer(&self, c: &Customer) -> Result<(), Error> {
        let taken: bool = self
            .row("SELECT EXISTS (SELECT 1 FROM customer WHERE name = ?1 AND id <> ?2 AND deleted_at IS NULL)", params![c.name, c.id], |r| {
                r.get(0)
            })
            .sql()?;
        if taken {
            return Err(Error::at(
                Problem::Duplicate { what: Entity::Customer, key: c.name.clone() },
                kaidan_core::Field::new(kaidan_core::FieldKey::Name),
            ));
        }
        Ok(())
    }

    pub fn update_customer(&self, stamp: &Stamp, c: &Customer) -> Result<(), Error> {
        self.ensure_unique_customer(c)?;
        self.exec(
            "UPDATE customer SET name = ?2, contact_person = ?3, phones = ?4, address = ?5, region = ?6,
                        credit_limit_cents = ?7, payment_terms_days = ?8, notes = ?9, email = ?10, updated_at = ?11, initials = ?12, sort_key = ?13
                 WHERE id = ?1 AND deleted_at IS NULL",
            params_from_iter(customer_values(c).into_iter().chain([
                stamp.time().into(),
                initials(&c.name).into(),
                sort_key(&c.name).into(),
            ])),
        )
        .sql()?;
        // Keep order search text in step with the customer's name and phones.
        self.reindex_orders_of_customer(&c.id)?;
        Ok(())
    }

    pub fn customer_by_id(&self, id: &str) -> Result<Customer, Error> {
        self.row(&format!("SELECT {CUSTOMER_COLS} FROM customer WHERE id = ?1"), [id], customer_from_row)
            .optional()
            .sql()?
            .ok_or_else(|| Problem::NotFound { what: Entity::Customer, key: id.to_string() }.into())
    }

    /// The customer of exactly this name, unless deleted.
    pub fn customer_by_name(&self, name: &str) -> Result<Option<Customer>, Error> {
        self.row(&format!("SELECT {CUSTOMER_COLS} FROM customer WHERE name = ?1 AND deleted_at IS NULL"), [name], customer_from_row)
            .optional()
            .sql()
    }

    /// Resolves what a person typed: an id, the exact name, or a name/phone that matches one
    /// customer only.
    pub fn resolve_customer(&self, key: &str) -> Result<Customer, Error> {
        let key = key.trim();
        // two lookups, not `id = ? OR name = ?`: the OR would scan the table
        let by_id = format!("SELECT {CUSTOMER_COLS} FROM customer WHERE id = ?1 AND deleted_at IS NULL");
        if let Some(c) = self.row(&by_id, [key], customer_from_row).optional().sql()? {
            return Ok(c);
        }
        if let Some(c) = self.customer_by_name(key)? {
            return Ok(c);
        }
        let candidates = self.customers(Some(key), None, 6)?;
        match candidates.len() {
            0 => Err(Problem::NotFound { what: Entity::Customer, key: key.to_string() }.into()),
            1 => Ok(candidates.into_iter().next().expect("one")),
            _ => Err(Problem::Ambiguous {
                what: Entity::Customer,
                key: key.to_string(),
                candidates: candidates.into_iter().take(5).map(|c| c.name).collect(),
            }
            .into()),
        }
    }

    /// Customers by name. `search`: name prefix (index range) or substring, or phone substring.
    pub fn customers(&self, search: Option<&str>, after: Option<&str>, limit: u32) -> Result<Vec<Customer>, Error> {
        let filter = search.map(str::trim).filter(|s| !s.is_empty()).map(|s| {
            (
                r"name LIKE ?3 ESCAPE '\' OR phones LIKE ?3 ESCAPE '\' OR contact_person LIKE ?3 ESCAPE '\' OR initials LIKE ?4 ESCAPE '\'",
                vec![like_contains(s).into(), like_initials(s).into()],
            )
        });
        // sorted by 拼音; the cursor is the last name shown, whose key is computed from it
        let after = after.map(sort_key);
        self.catalog_page(CUSTOMER_COLS, "customer", "sort_key", filter, after.as_deref(), limit, customer_from_row)
    }

    /// What each of `ids` owes now (invoiced less paid), from the account cache the invoice and
    /// payment triggers keep; a customer with no account owes nothing.
    pub fn customer_balances(&self, ids: &[String]) -> Result<Vec<kaidan_core::model::CustomerBalance>, Error> {
        let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        self.rows(
            "SELECT j.value, COALESCE(a.invoiced_cents - a.paid_cents, 0)
             FROM json_each(?1) j LEFT JOIN customer_account a ON a.customer_id = j.value",
            [json],
            |r| Ok(kaidan_core::model::CustomerBalance { customer_id: r.get(0)?, balance: Money::from_minor(r.get(1)?) }),
        )
    }

    /// Customers whose name starts with `prefix`, through the name index (the fast path for
    /// pickers).
    pub fn customers_by_prefix(&self, prefix: &str, limit: u32) -> Result<Vec<Customer>, Error> {
        self.rows(
            &format!("SELECT {CUSTOMER_COLS} FROM customer WHERE name >= ?1 AND name < ?2 AND deleted_at IS NULL ORDER BY name LIMIT ?3"),
            params![prefix, prefix_end(prefix), limit],
            customer_from_row,
        )
    }

    /// The customer's credit position, from the caches the order, return and payment triggers
    /// keep: open orders at their totals, plus delivered orders less returns less every
    /// payment (refunds taken off).
    pub fn credit_position(&self, customer_id: &str, credit_limit: Option<Money>) -> Result<CreditPosition, Error> {
        let (open, delivered, returned, paid): (i64, i64, i64, i64) = self
            .row(
                "SELECT COALESCE((SELECT open_cents FROM customer_exposure WHERE customer_id = ?1), 0),
                        COALESCE((SELECT delivered_cents FROM customer_exposure WHERE customer_id = ?1), 0),
                        COALESCE((SELECT returned_cents FROM customer_account WHERE customer_id = ?1), 0),
                        COALESCE((SELECT paid_cents FROM customer_account WHERE customer_id = ?1), 0)",
                [customer_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .sql()?;
        let open_orders = Money::from_minor(open);
        let unpaid = Money::from_minor(delivered - returned - paid);
        let exposure = open_orders + unpaid;
        Ok(CreditPosition { credit_limit, open_orders, unpaid, exposure, credit_left: credit_limit.map(|l| l - exposure) })
    }
}

/// A customer's phones as stored (`phones_text`'s comma-separated text), one by one.
pub(crate) fn phones_of(stored: Option<String>) -> Vec<String> {
    stored.map(|p| p.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()).unwrap_or_default()
}

fn phones_text(phones: &[String]) -> Option<String> {
    if phones.is_empty() {
        None
    } else {
        Some(phones.join(", "))
    }
}
