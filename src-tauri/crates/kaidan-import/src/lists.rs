//! Product lists (with opening stock) and customer lists into validated drafts, every problem
//! named by its sheet row and column. Like order sheets: the header row is found (or given),
//! titles, blank and total rows are skipped, numbers and percents are normalised.

use std::collections::BTreeSet;

use kaidan_core::{Lang, Money, Qty, Rate, Sign, UnitPrice};
use serde::Serialize;

use crate::normalize::number_text;
use crate::orders::{guess_header, mapping_spec, passes_over, Columns, DryRun, Field, Issue, Known, Mapping};
use crate::read::Grid;
use kaidan_core::sheet::SheetProblem;

/// A product of a product list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DraftProduct {
    pub row: u32,
    /// `None`: the import gives it a code.
    pub sku: Option<String>,
    pub barcode: Option<String>,
    pub name: String,
    pub spec: Option<String>,
    pub unit: Option<String>,
    pub price: UnitPrice,
    pub cost: UnitPrice,
    pub tax_rate: Option<Rate>,
    /// Opening stock, received when the list is imported.
    pub stock: Qty,
    pub reorder_point: Qty,
}

/// A customer of a customer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DraftCustomer {
    pub row: u32,
    pub name: String,
    pub contact: Option<String>,
    pub phones: Vec<String>,
    pub address: Option<String>,
    pub region: Option<String>,
    pub email: Option<String>,
    pub credit_limit: Option<Money>,
    pub terms: u32,
    pub notes: Option<String>,
}

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Products,
    Customers,
}

/// The header guess of a list: in a product list "单位" is the unit of measure (in an order
/// sheet it is the buying company) and "数量" the opening stock.
pub fn guess_list_header(grid: &Grid, kind: ListKind) -> Option<(usize, Mapping)> {
    let (i, m) = guess_header(grid)?;
    Some((i, remap(kind, m)))
}

fn remap(kind: ListKind, m: Mapping) -> Mapping {
    let mut used = BTreeSet::new();
    m.into_iter()
        .filter_map(|(c, f)| {
            let f = match (kind, f) {
                (ListKind::Products, Field::Customer) => Field::Unit,
                (ListKind::Products, Field::Qty) => Field::Stock,
                (ListKind::Products, Field::UnitPrice) => Field::UnitPrice,
                (ListKind::Customers, Field::Customer | Field::Product) => Field::Customer,
                // a customer list's 区 is as often a sales area (东区) as a district: its region
                (ListKind::Customers, Field::District) => Field::Region,
                (ListKind::Products, Field::District) => return None,
                (_, f) => f,
            };
            used.insert(f).then_some((c, f))
        })
        .collect()
}

fn split_phones(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ';', '；', '/', ' ']).map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect()
}

/// Analyses a product or customer list. `header` overrides the guess.
pub fn analyse_list(
    grid: &Grid,
    kind: ListKind,
    header: Option<(usize, Mapping)>,
    known: &dyn Known,
    lang: Lang,
) -> Result<DryRun, String> {
    analyse_list_typed(grid, kind, header, known).map(|d| d.worded(lang)).map_err(|p| p.text(lang))
}

fn analyse_list_typed(grid: &Grid, kind: ListKind, header: Option<(usize, Mapping)>, known: &dyn Known) -> Result<DryRun, SheetProblem> {
    let (hidx, mapping) = header.or_else(|| guess_list_header(grid, kind)).ok_or(SheetProblem::NoHeaderRow { lists: true })?;
    let cols = Columns { header: &grid.rows[hidx].1, mapping: &mapping };
    let col_name = |c: usize| cols.name(c);
    let col_of = |f: Field| cols.of(f);
    match kind {
        ListKind::Products if col_of(Field::Product).is_none() => return Err(SheetProblem::ProductListNeedsName),
        ListKind::Customers if col_of(Field::Customer).is_none() => return Err(SheetProblem::CustomerListNeedsName),
        _ => {}
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    warnings.extend(cols.not_imported(grid.rows[hidx].0));
    let mut skipped = Vec::new();
    let mut products: Vec<DraftProduct> = Vec::new();
    let mut customers: Vec<DraftCustomer> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (rownum, cells) in grid.rows.iter().skip(hidx + 1) {
        let row = *rownum;
        if passes_over(row, cells, &mut skipped) {
            continue;
        }
        let get = |f: Field| cols.cell(cells, f);
        let text = |f: Field| Some(get(f).text()).filter(|t| !t.is_empty());
        // the address with the city, province and country beside it joined on
        let address = || {
            crate::normalize::join_address(
                &get(Field::Address).text(),
                &get(Field::City).text(),
                &get(Field::Province).text(),
                &get(Field::Country).text(),
            )
        };
        let err = |f: Field, problem: SheetProblem| cols.issue(row, f, problem);
        let before = errors.len();
        // the row's texts the write would refuse as too long, each said on its cell
        let long = |errors: &mut Vec<Issue>, fields: &[Field]| {
            // a list's phone cell is split more freely (also by / and spaces) before the shop
            // keeps each number: each part is measured as it will be kept
            let long_in = |f: Field| match f {
                Field::Phone => split_phones(&get(f).text()).iter().find_map(|p| crate::limits::too_long(f, p)),
                Field::Address => crate::limits::too_long(f, &address()),
                _ => crate::limits::too_long(f, &get(f).text()),
            };
            let found: Vec<Issue> = fields.iter().filter_map(|&f| long_in(f).map(|p| err(f, p))).collect();
            let any = !found.is_empty();
            errors.extend(found);
            any
        };
        // a number of the row: empty is `None`; not a number, or negative, is an error
        let mut num = |f: Field| -> Option<String> {
            let cell = get(f);
            if cell.is_empty() {
                return None;
            }
            match number_text(&cell) {
                Some((t, _)) if t.starts_with('-') => {
                    errors.push(err(f, SheetProblem::Negative { text: t }));
                    None
                }
                Some((t, _)) => Some(t),
                None => {
                    errors.push(err(f, SheetProblem::NotANumber { text: cell.text() }));
                    None
                }
            }
        };
        match kind {
            ListKind::Products => {
                let (price, cost, tax, stock, reorder) =
                    (num(Field::UnitPrice), num(Field::Cost), num(Field::TaxRate), num(Field::Stock), num(Field::ReorderPoint));
                let number_errors = errors.len() > before;
                let Some(name) = text(Field::Product) else {
                    if text(Field::Sku).is_none() && errors.len() == before {
                        skipped.push(row);
                    } else {
                        errors.push(err(Field::Product, SheetProblem::Empty { field: Field::Product }));
                    }
                    continue;
                };
                let mut bad = |f: Field, v: &str| {
                    errors.push(err(f, SheetProblem::BadValue { field: f, text: v.to_string() }));
                };
                let price = price
                    .map_or(Some(UnitPrice::ZERO), |t| UnitPrice::parse(&t, Sign::NonNegative).map_err(|_| bad(Field::UnitPrice, &t)).ok());
                let cost =
                    cost.map_or(Some(UnitPrice::ZERO), |t| UnitPrice::parse(&t, Sign::NonNegative).map_err(|_| bad(Field::Cost, &t)).ok());
                let tax = match tax {
                    None => Some(None),
                    Some(t) => Rate::parse_percent(&t).map(Some).map_err(|_| bad(Field::TaxRate, &t)).ok(),
                };
                let stock = stock.map_or(Some(Qty::ZERO), |t| Qty::parse(&t, Sign::NonNegative).map_err(|_| bad(Field::Stock, &t)).ok());
                let reorder =
                    reorder.map_or(Some(Qty::ZERO), |t| Qty::parse(&t, Sign::NonNegative).map_err(|_| bad(Field::ReorderPoint, &t)).ok());
                let (Some(price), Some(cost), Some(tax_rate), Some(stock), Some(reorder_point), false) =
                    (price, cost, tax, stock, reorder, number_errors)
                else {
                    continue;
                };
                if long(&mut errors, &[Field::Sku, Field::Barcode, Field::Product, Field::Spec, Field::Unit]) {
                    continue;
                }
                let sku = text(Field::Sku);
                let spec = text(Field::Spec);
                let key = match &sku {
                    Some(s) => format!("#{s}"),
                    None => format!("{name}\u{0}{}", spec.clone().unwrap_or_default()),
                };
                if !seen.insert(key) {
                    errors.push(err(
                        if sku.is_some() { Field::Sku } else { Field::Product },
                        SheetProblem::RepeatedRow { field: Field::Product },
                    ));
                    continue;
                }
                if known.product_exists(sku.as_deref(), if sku.is_some() { None } else { Some(&name) }, spec.as_deref()) {
                    errors.push(err(
                        if sku.is_some() { Field::Sku } else { Field::Product },
                        SheetProblem::ProductExists { name: sku.clone().unwrap_or(name.clone()) },
                    ));
                    continue;
                }
                if cost > price && !price.is_zero() {
                    warnings.push(err(Field::Cost, SheetProblem::CostAbovePrice { cost, price }));
                }
                products.push(DraftProduct {
                    row,
                    sku,
                    barcode: text(Field::Barcode),
                    name,
                    spec,
                    unit: text(Field::Unit),
                    price,
                    cost,
                    tax_rate,
                    stock,
                    reorder_point,
                });
            }
            ListKind::Customers => {
                let limit = num(Field::CreditLimit);
                let terms = num(Field::Terms);
                let number_errors = errors.len() > before;
                let Some(name) = text(Field::Customer) else {
                    if errors.len() == before && text(Field::Phone).is_none() {
                        skipped.push(row);
                    } else {
                        errors.push(err(Field::Customer, SheetProblem::Empty { field: Field::Customer }));
                    }
                    continue;
                };
                let credit_limit = match limit {
                    None => Some(None),
                    Some(t) => Money::parse(&t, Sign::NonNegative)
                        .map(Some)
                        .map_err(|_| {
                            errors.push(err(Field::CreditLimit, SheetProblem::BadValue { field: Field::CreditLimit, text: t.clone() }))
                        })
                        .ok(),
                };
                let terms = match terms {
                    None => Some(0),
                    Some(t) => t.parse::<u32>().ok().filter(|d| *d <= 3650).or_else(|| {
                        errors.push(err(Field::Terms, SheetProblem::BadTerms { text: t.clone() }));
                        None
                    }),
                };
                let (Some(credit_limit), Some(terms), false) = (credit_limit, terms, number_errors) else { continue };
                if long(&mut errors, &[Field::Customer, Field::Contact, Field::Phone, Field::Address, Field::Region, Field::Notes]) {
                    continue;
                }
                if !seen.insert(name.clone()) {
                    errors.push(err(Field::Customer, SheetProblem::RepeatedRow { field: Field::Customer }));
                    continue;
                }
                if known.customer_exists(&name) {
                    errors.push(err(Field::Customer, SheetProblem::CustomerExists { name: name.clone() }));
                    continue;
                }
                customers.push(DraftCustomer {
                    row,
                    name,
                    contact: text(Field::Contact),
                    phones: text(Field::Phone).map(|p| split_phones(&p)).unwrap_or_default(),
                    address: Some(address()).filter(|a| !a.is_empty()),
                    region: text(Field::Region),
                    email: cols.email(row, &cols.cell(cells, Field::Email), &mut warnings),
                    credit_limit,
                    terms,
                    notes: text(Field::Notes),
                });
            }
        }
    }
    // the value of the opening stock, at cost
    let total: Money =
        products.iter().map(|p| Money::from_decimal_rounded(p.stock.to_decimal() * p.cost.to_decimal()).unwrap_or(Money::ZERO)).sum();
    Ok(DryRun {
        platform: None,
        waiting: 0,
        already_in_shop: 0,
        kind: if kind == ListKind::Products { "products" } else { "customers" }.into(),
        sheet: grid.sheet.clone(),
        header_row: grid.rows[hidx].0,
        mapping: mapping.iter().map(|(c, f)| (col_name(*c), *f)).collect(),
        orders: 0,
        lines: 0,
        customers_new: customers.len(),
        products_new: products.len(),
        total,
        errors,
        warnings,
        skipped_rows: skipped,
        drafts: Vec::new(),
        new_products: Vec::new(),
        products,
        customers,
        mapping_source: "guessed".into(),
        mapping_spec: mapping_spec(grid, hidx, &mapping),
    })
}
