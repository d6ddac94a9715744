//! Importing old sheets: the options and results the window and the CLI see, what a sheet
//! is (`Kind`), and the one rule for which product a line means. Reading and analysing the
//! sheet is in `sheet.rs`, writing orders (history or open) in `orders.rs`, product and
//! customer lists in `lists.rs`, the use cases (import, undo, dry run, preview, error copy) in
//! `shop.rs`.

//! The dry run reads, normalises and checks everything and says what an import would create;
//! it writes nothing.

use kaidan_core::{AuditAction, AuditEntity, ImportKind, Series};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use kaidan_core::{Error, Lang, Problem};
use kaidan_import::{DryRun, Known, ListKind, Mapping, MappingSpec, ReadError};
use kaidan_store::{Db, ImportBatch, ImportTable};
use serde::{Deserialize, Serialize};

use crate::{Actor, Ctx, CustomerInput, ProductInput, Shop};

mod lists;
mod orders;
mod sheet;
mod shop;

use lists::*;
use orders::*;
use sheet::*;
pub use shop::{ImportPreview, ImportProgress, PreviewRow};

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportResult {
    pub batch: String,
    pub orders: usize,
    pub lines: usize,
    pub customers_new: usize,
    pub products_new: usize,
    pub total: kaidan_core::Money,
    /// Rows left out because they had errors (only with `skip_errors`).
    pub skipped_error_rows: Vec<u32>,
    pub first_number: Option<String>,
    pub last_number: Option<String>,
    /// Imported as open orders (confirmed, stock reserved), not as history.
    #[serde(default)]
    pub open: bool,
    /// Open orders that wait for the owner's approval (over the credit limit, below cost, …).
    #[serde(default)]
    pub awaiting_approval: Vec<String>,
    /// The online shop whose export it was.
    #[serde(default)]
    pub platform: Option<kaidan_core::sheet::Platform>,
    /// Of `orders`, those an online shop's export says are paid and waiting to be shipped: made
    /// open (confirmed, stock reserved, paid) while its shipped ones are history.
    #[serde(default)]
    pub waiting: usize,
    /// An online shop's orders left out because an earlier export brought them already.
    #[serde(default)]
    pub already_in_shop: usize,
}

/// How to read the file (all optional: the sheet defaults to the first, the encoding is
/// detected, the kind is an order sheet, the mapping is the one remembered for the file's
/// header, else guessed).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ImportOptions {
    pub sheet: Option<String>,
    /// `utf-8`, `gbk`/`gb18030`, `big5`.
    pub encoding: Option<String>,
    /// orders (default), products (a product list, with opening stock) or customers.
    pub kind: Option<String>,
    /// The columns as the user mapped them; remembered for files with the same header when
    /// the import is made.
    pub mapping: Option<MappingSpec>,
    /// An order sheet of orders still to deliver: imported as open orders (confirmed, stock
    /// reserved) instead of completed history.
    pub open_orders: Option<bool>,
    /// The date of an order sheet's orders that have none (no date column, or a blank date
    /// cell), `YYYY-MM-DD`: the user's answer to the dry run's `no_date_column`. Without it
    /// they are dated the day of the import.
    pub order_date: Option<String>,
    /// An order sheet's products that the shop has under another code or name: by the sheet's
    /// product (`new_products[].key` of the dry run: `#` and its code, or its name and ` | `
    /// spec), the code of the shop's product to use, or "" to make it a new product (over one
    /// remembered). Remembered for later imports when the import is made.
    pub products: Option<std::collections::BTreeMap<String, String>>,
    /// A second file imported with the first as one (its path; the window: its upload token): Taobao/Tmall's order report
    /// (订单报表) with its item report (宝贝报表), either way round — each item's order gets its
    /// buyer, phone, address, day paid, postage and what the buyer paid.
    pub paired_file: Option<String>,
}

impl ImportOptions {
    /// The date given for orders without one, checked (a bad one is refused on the field
    /// `order_date`, before the sheet is read).
    pub(super) fn order_date(&self) -> Result<Option<chrono::NaiveDate>, Error> {
        match self.order_date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => Ok(None),
            Some(d) => kaidan_core::validate::date(kaidan_core::Field::new(kaidan_core::FieldKey::OrderDate), d).map(Some),
        }
    }
}

/// What a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Orders,
    List(ListKind),
}

impl Kind {
    pub(super) fn parse(text: Option<&str>) -> Result<Self, Error> {
        let kind = kaidan_core::validate::choice::<ImportKind>(kaidan_core::FieldKey::Setting, text)?;
        Ok(match kind.unwrap_or(ImportKind::Orders) {
            ImportKind::Orders => Kind::Orders,
            ImportKind::Products => Kind::List(ListKind::Products),
            ImportKind::Customers => Kind::List(ListKind::Customers),
        })
    }
    pub(super) fn as_str(self) -> ImportKind {
        match self {
            Kind::Orders => ImportKind::Orders,
            Kind::List(ListKind::Products) => ImportKind::Products,
            Kind::List(ListKind::Customers) => ImportKind::Customers,
        }
    }
}

/// What the shop has, for a dry run: its customers and products, and the products the user
/// said a sheet's products are (`given`, checked by [`given_products`]; else remembered).
pub(super) struct ShopKnown<'a, 'c>(
    pub &'a Db<'c>,
    pub Option<&'a std::collections::BTreeMap<String, String>>,
    /// The orders made from online shops' exports, read once when first asked about.
    pub std::cell::OnceCell<HashMap<String, (String, bool)>>,
);

impl<'a, 'c> ShopKnown<'a, 'c> {
    pub(super) fn new(db: &'a Db<'c>, products: Option<&'a std::collections::BTreeMap<String, String>>) -> Self {
        ShopKnown(db, products, std::cell::OnceCell::new())
    }
}

impl Known for ShopKnown<'_, '_> {
    fn customer_exists(&self, name: &str) -> bool {
        self.0.customer_by_name(name).map(|c| c.is_some()).unwrap_or(false)
    }
    fn product_exists(&self, sku: Option<&str>, name: Option<&str>, spec: Option<&str>) -> bool {
        find_product(self.0, sku, name, spec).ok().flatten().is_some()
    }
    fn platform_order(&self, number: &str) -> Option<(String, bool)> {
        // a read that fails (the disk) finds nothing, like the other questions here
        self.2.get_or_init(|| self.0.platform_orders().unwrap_or_default()).get(number).cloned()
    }
    fn product_mapped(&self, key: &str) -> Option<String> {
        match self.1.and_then(|given| given.get(key)) {
            Some(sku) => Some(sku.clone()).filter(|s| !s.is_empty()),
            None => self.0.product_alias(key).ok().flatten(),
        }
    }
}

/// The products the user said a sheet's products are, each found by its code (or barcode):
/// one that is not is refused by its code before the sheet is read. Gives them by the shop's
/// own code (a barcode given becomes the product's code); "" (make it new) stays "".
pub(super) fn given_products(db: &Db, opts: &ImportOptions) -> Result<Option<std::collections::BTreeMap<String, String>>, Error> {
    let Some(given) = &opts.products else { return Ok(None) };
    let shop_code = |code: &str| if code.trim().is_empty() { Ok(String::new()) } else { db.product(code).map(|p| p.sku) };
    given.iter().map(|(key, code)| Ok((key.clone(), shop_code(code)?))).collect::<Result<_, Error>>().map(Some)
}

pub(super) fn read_error(e: ReadError, lang: Lang) -> Error {
    Error::new(Problem::ImportFile { detail: e.text(lang) })
}

/// The product a sheet line means: by SKU (or barcode), else by name, and by spec too when
/// the sheet gives one. The dry run and the import use this one rule.
pub(super) fn find_product(
    db: &Db,
    sku: Option<&str>,
    name: Option<&str>,
    spec: Option<&str>,
) -> Result<Option<kaidan_core::model::Product>, Error> {
    Ok(match (sku, name) {
        (Some(s), _) => db.product(s).ok(),
        (None, Some(n)) => {
            db.products(Some(n), None, 200)?.into_iter().find(|p| p.name == n && (spec.is_none() || p.spec.as_deref() == spec))
        }
        (None, None) => None,
    })
}

pub(super) fn file_sha256(path: &Path) -> Result<String, Error> {
    crate::backup::sha256_file(path).map(|(_, sha)| sha).map_err(|e| Error::new(Problem::ImportFile { detail: e.to_string() }))
}

pub(super) fn at_row(lang: Lang, row: u32, e: Error) -> Error {
    Error::new(Problem::ImportRowRefused { row, detail: e.message(lang) })
}
