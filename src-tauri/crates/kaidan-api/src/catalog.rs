//! Products and customers.

use kaidan_core::model::{CreditPosition, Customer, Page, Product};
use kaidan_core::validate::{self, limits};
use kaidan_core::Action;
use kaidan_core::{AuditAction, AuditEntity};
use kaidan_core::{Error, Field, FieldKey, Lang, Problem, Qty, Sign, UnitPrice};
use serde::{Deserialize, Serialize};

use crate::setup::json;
use kaidan_store::Db;

use crate::{Actor, Ctx, Shop};

/// A product as typed in a form or on the command line. Numbers are text (IPC carries
/// decimals as strings). On update, `None` keeps the current value.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ProductInput {
    pub sku: Option<String>,
    pub barcode: Option<String>,
    pub name: Option<String>,
    pub spec: Option<String>,
    pub unit: Option<String>,
    pub price: Option<String>,
    pub cost: Option<String>,
    /// Percent, e.g. "13".
    pub tax_rate: Option<String>,
    pub reorder_point: Option<String>,
    pub active: Option<bool>,
}

/// A customer as typed. On update, `None` keeps the current value; an empty credit limit
/// means no limit.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct CustomerInput {
    pub name: Option<String>,
    pub contact_person: Option<String>,
    pub phones: Option<Vec<String>>,
    pub address: Option<String>,
    pub region: Option<String>,
    pub email: Option<String>,
    pub credit_limit: Option<String>,
    pub payment_terms_days: Option<String>,
    pub notes: Option<String>,
}

/// Collects each field's problem instead of stopping at the first: a form is checked whole.
struct Checks(Vec<Error>);

impl Checks {
    fn take<T>(&mut self, r: Result<T, Error>, set: impl FnOnce(T)) {
        match r {
            Ok(v) => set(v),
            Err(e) => self.0.push(e),
        }
    }
}

/// Every field's problem at once (each names its field), or the product changed.
fn apply_product(p: &mut Product, i: &ProductInput) -> Result<(), Error> {
    let mut c = Checks(Vec::new());
    if let Some(v) = &i.sku {
        c.take(validate::text(FieldKey::Sku, v, limits::SKU, true), |x| p.sku = x);
    }
    if let Some(v) = &i.barcode {
        c.take(validate::opt_text(FieldKey::Barcode, Some(v), limits::BARCODE), |x| p.barcode = x);
    }
    if let Some(v) = &i.name {
        c.take(validate::text(FieldKey::Name, v, limits::PRODUCT_NAME, true), |x| p.name = x);
    }
    if let Some(v) = &i.spec {
        c.take(validate::opt_text(FieldKey::Spec, Some(v), limits::SPEC), |x| p.spec = x);
    }
    if let Some(v) = &i.unit {
        c.take(validate::text(FieldKey::Unit, v, limits::UNIT, true), |x| p.unit = x);
    }
    if let Some(v) = &i.price {
        c.take(validate::unit_price(Field::new(FieldKey::Price), v), |x| p.price = x);
    }
    if let Some(v) = &i.cost {
        c.take(validate::unit_price(Field::new(FieldKey::Cost), v), |x| p.cost = Some(x));
    }
    if let Some(v) = &i.tax_rate {
        c.take(validate::percent(Field::new(FieldKey::TaxRate), v), |x| p.tax_rate = x);
    }
    if let Some(v) = &i.reorder_point {
        c.take(validate::qty(Field::new(FieldKey::ReorderPoint), v, Sign::NonNegative), |x| p.reorder_point = x);
    }
    if let Some(v) = i.active {
        p.active = v;
    }
    Error::all(c.0)
}

/// Every field's problem at once (each names its field), or the customer changed.
fn apply_customer(c: &mut Customer, i: &CustomerInput) -> Result<(), Error> {
    let mut k = Checks(Vec::new());
    if let Some(v) = &i.name {
        k.take(validate::text(FieldKey::Name, v, limits::CUSTOMER_NAME, true), |x| c.name = x);
    }
    if let Some(v) = &i.contact_person {
        k.take(validate::opt_text(FieldKey::ContactPerson, Some(v), limits::CONTACT), |x| c.contact_person = x);
    }
    if let Some(v) = &i.phones {
        let phones: Result<Vec<String>, Error> = v
            .iter()
            .flat_map(|p| validate::phone_parts(p))
            .filter_map(|p| validate::opt_text(FieldKey::Phone, Some(p), limits::PHONE).transpose())
            .collect();
        k.take(phones, |x| c.phones = x);
    }
    if let Some(v) = &i.address {
        k.take(validate::opt_text(FieldKey::Address, Some(v), limits::ADDRESS), |x| c.address = x);
    }
    if let Some(v) = &i.region {
        k.take(validate::opt_text(FieldKey::Region, Some(v), limits::REGION), |x| c.region = x);
    }
    if let Some(v) = &i.email {
        k.take(validate::email(Some(v)), |x| c.email = x);
    }
    if let Some(v) = &i.credit_limit {
        let limit =
            if v.trim().is_empty() { Ok(None) } else { validate::money(Field::new(FieldKey::CreditLimit), v, Sign::NonNegative).map(Some) };
        k.take(limit, |x| c.credit_limit = x);
    }
    if let Some(v) = &i.payment_terms_days {
        k.take(validate::days(Field::new(FieldKey::PaymentTerms), v), |x| c.payment_terms_days = x);
    }
    if let Some(v) = &i.notes {
        k.take(validate::opt_text(FieldKey::Notes, Some(v), limits::NOTES), |x| c.notes = x);
    }
    Error::all(k.0)
}

pub(crate) fn insert_product(db: &Db, a: &Actor, input: &ProductInput) -> Result<Product, Error> {
    let now = a.stamp.time();
    let mut p = Product {
        id: kaidan_store::new_id(a.stamp.at),
        sku: String::new(),
        barcode: None,
        name: String::new(),
        spec: None,
        unit: match a.lang {
            Lang::ZhCn => "个".into(),
            Lang::En => "pcs".into(),
        },
        price: UnitPrice::ZERO,
        cost: Some(UnitPrice::ZERO),
        tax_rate: db.settings()?.default_tax_rate,
        reorder_point: Qty::ZERO,
        active: true,
        created_at: now.clone(),
        updated_at: now,
    };
    // a new product needs its SKU and name; blank ones are refused with the other fields
    let mut errors = Vec::new();
    for (given, key) in [(&input.sku, FieldKey::Sku), (&input.name, FieldKey::Name)] {
        if given.is_none() {
            errors.push(Error::at(Problem::Required, Field::new(key)));
        }
    }
    if let Err(e) = apply_product(&mut p, input) {
        errors.extend(e.into_each());
    }
    Error::all(errors)?;
    db.insert_product(&p)?;
    db.audit(&a.stamp, AuditEntity::Product, &p.id, AuditAction::Create, None, Some(&json(&p)))?;
    Ok(p)
}

pub(crate) fn insert_customer(db: &Db, a: &Actor, input: &CustomerInput) -> Result<Customer, Error> {
    let now = a.stamp.time();
    let mut c = Customer {
        id: kaidan_store::new_id(a.stamp.at),
        name: String::new(),
        contact_person: None,
        phones: Vec::new(),
        address: None,
        region: None,
        email: None,
        credit_limit: None,
        payment_terms_days: 0,
        notes: None,
        created_at: now.clone(),
        updated_at: now,
    };
    let mut errors = Vec::new();
    if input.name.is_none() {
        errors.push(Error::at(Problem::Required, Field::new(FieldKey::Name)));
    }
    if let Err(e) = apply_customer(&mut c, input) {
        errors.extend(e.into_each());
    }
    Error::all(errors)?;
    if c.credit_limit.is_some() || c.payment_terms_days != 0 {
        a.require(Action::ChangeCredit)?;
    }
    db.insert_customer(&c)?;
    db.audit(&a.stamp, AuditEntity::Customer, &c.id, AuditAction::Create, None, Some(&json(&c)))?;
    Ok(c)
}

/// The most products or customers one call lists (a page and its cursor use the same bound).
const LIST_MAX: u32 = 1000;

impl Shop {
    pub fn add_product(&mut self, ctx: &Ctx, input: &ProductInput) -> Result<Product, Error> {
        self.write(ctx, "product.add", input, |db, a| {
            a.require(Action::EditCatalog)?;
            insert_product(db, a, input)
        })
    }

    /// Edits a product found by SKU or barcode; fields left `None` stay as they are.
    pub fn update_product(&mut self, ctx: &Ctx, key: &str, input: &ProductInput) -> Result<Product, Error> {
        self.write(ctx, "product.update", &(key, input), |db, a| {
            a.require(Action::EditCatalog)?;
            let before = db.product(key).map_err(|e| Error { field: Some(Field::new(FieldKey::Sku)), ..e })?;
            let mut p = before.clone();
            apply_product(&mut p, input)?;
            // a product's cost decides its margins and the below-cost rule: the owner's
            if p.cost != before.cost {
                a.require(Action::SeeCosts)?;
            }
            db.update_product(&a.stamp, &p)?;
            let after = db.product_by_id(&p.id)?;
            db.audit(&a.stamp, AuditEntity::Product, &p.id, AuditAction::Update, Some(&json(&before)), Some(&json(&after)))?;
            Ok(after)
        })
    }

    pub fn product(&self, key: &str) -> Result<Product, Error> {
        self.read(|db| db.product(key))
    }

    /// What each customer of a list page owes now (at most 500 at once).
    pub fn customer_balances(&self, ids: &[String]) -> Result<Vec<kaidan_core::model::CustomerBalance>, Error> {
        self.read(|db| db.customer_balances(&ids[..ids.len().min(500)]))
    }

    pub fn products(&self, search: Option<&str>, after: Option<&str>, limit: u32) -> Result<Vec<Product>, Error> {
        self.read(|db| db.products(search, after, limit.clamp(1, LIST_MAX)))
    }

    /// A page of products by SKU; `next_cursor` is the `after` of the next page.
    pub fn product_page(&self, search: Option<&str>, after: Option<&str>, limit: u32) -> Result<Page<Product>, Error> {
        Ok(Page::of(self.products(search, after, limit)?, limit.clamp(1, LIST_MAX), |p| p.sku.clone()))
    }

    pub fn add_customer(&mut self, ctx: &Ctx, input: &CustomerInput) -> Result<Customer, Error> {
        self.write(ctx, "customer.add", input, |db, a| {
            a.require(Action::EditCatalog)?;
            insert_customer(db, a, input)
        })
    }

    /// Edits a customer found by id or name. Changing the credit limit or the payment terms
    /// is a credit decision: owner only.
    pub fn update_customer(&mut self, ctx: &Ctx, key: &str, input: &CustomerInput) -> Result<Customer, Error> {
        self.write(ctx, "customer.update", &(key, input), |db, a| {
            a.require(Action::EditCatalog)?;
            let before = db.resolve_customer(key)?;
            let mut c = before.clone();
            apply_customer(&mut c, input)?;
            if c.credit_limit != before.credit_limit || c.payment_terms_days != before.payment_terms_days {
                a.require(kaidan_core::Action::ChangeCredit)?;
            }
            db.update_customer(&a.stamp, &c)?;
            let after = db.customer_by_id(&c.id)?;
            db.audit(&a.stamp, AuditEntity::Customer, &c.id, AuditAction::Update, Some(&json(&before)), Some(&json(&after)))?;
            Ok(after)
        })
    }

    pub fn customer(&self, key: &str) -> Result<Customer, Error> {
        self.read(|db| db.resolve_customer(key))
    }

    /// A customer with the credit position the order screen shows (credit left, open amount).
    /// A customer's history, the newest first: every entry of the customer and of their orders,
    /// invoices and payments, with who did it (at most `limit`).
    pub fn customer_log(&self, key: &str, limit: u32, lang: Lang) -> Result<Vec<kaidan_core::model::LogEntry>, Error> {
        let c = self.customer(key)?;
        let mut entries = self.read(|db| db.customer_log(&c.id, limit))?;
        for e in &mut entries {
            e.what = e.describe(lang);
        }
        Ok(entries)
    }

    pub fn customer_credit(&self, key: &str) -> Result<(Customer, CreditPosition), Error> {
        self.read(|db| {
            let c = db.resolve_customer(key)?;
            let pos = db.credit_position(&c.id, c.credit_limit)?;
            Ok((c, pos))
        })
    }

    pub fn customers(&self, search: Option<&str>, after: Option<&str>, limit: u32) -> Result<Vec<Customer>, Error> {
        self.read(|db| db.customers(search, after, limit.clamp(1, LIST_MAX)))
    }

    /// A page of customers by name; `next_cursor` is the `after` of the next page.
    pub fn customer_page(&self, search: Option<&str>, after: Option<&str>, limit: u32) -> Result<Page<Customer>, Error> {
        Ok(Page::of(self.customers(search, after, limit)?, limit.clamp(1, LIST_MAX), |c| c.name.clone()))
    }

    /// Customers whose name starts with `prefix` (the picker's fast path).
    pub fn customers_by_prefix(&self, prefix: &str, limit: u32) -> Result<Vec<Customer>, Error> {
        self.read(|db| db.customers_by_prefix(prefix, limit.clamp(1, LIST_MAX)))
    }
}
