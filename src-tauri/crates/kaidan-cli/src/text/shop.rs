//! The shop, its products, customers and stock.

use std::fmt::Write;
use std::path::Path;

use kaidan_api::core::model::{Company, CreditPosition, Customer, Operator, Product, StockLevel, StockMove};
use kaidan_api::core::{Lang, Settings};
use kaidan_api::DemoSummary;

use super::{opt, table, w};

pub fn initialized(l: Lang, name: &str, db: &Path) -> String {
    w(l).shop_created(name, &db.display().to_string())
}

pub fn demo_skipped(l: Lang, db: &Path) -> String {
    w(l).demo_skipped(&db.display().to_string())
}

pub fn demo(l: Lang, s: &DemoSummary, db: &Path) -> String {
    let mut out = w(l).demo_made(s.products, s.customers, s.orders);
    out.push('\n');
    for (st, n) in &s.by_status {
        let _ = writeln!(out, "  {}: {n}", st.label(l));
    }
    let _ = write!(out, "{}{}", w(l).database_label(), db.display());
    out
}

pub fn company(l: Lang, c: &Company) -> String {
    table(
        &[w(l).field(), w(l).value()],
        &[
            vec![w(l).shop_name().into(), c.name.clone()],
            vec![w(l).address().into(), opt(&c.address).into()],
            vec![w(l).phone().into(), opt(&c.phone).into()],
            vec![w(l).tax_id().into(), opt(&c.tax_id).into()],
            vec![w(l).bank_account().into(), opt(&c.bank_account).into()],
        ],
        &[],
    )
}

pub fn operators(l: Lang, ops: &[Operator]) -> String {
    let rows: Vec<Vec<String>> = ops
        .iter()
        .map(|o| {
            vec![
                o.name.clone(),
                kaidan_api::core::text::Word::word(o.role, l).into(),
                if o.has_pin { w(l).yes() } else { w(l).no() }.into(),
            ]
        })
        .collect();
    table(&[w(l).operator_name(), w(l).role(), "PIN"], &rows, &[])
}

pub fn settings(l: Lang, s: &Settings) -> String {
    let rows: Vec<Vec<String>> =
        kaidan_api::core::settings::SETTING_KEYS.iter().map(|k| vec![k.to_string(), s.get(k).unwrap_or_default()]).collect();
    table(&[w(l).setting(), w(l).setting_value()], &rows, &[])
}

pub fn product(l: Lang, p: &Product) -> String {
    table(
        &[w(l).field(), w(l).value()],
        &[
            vec![w(l).sku().into(), p.sku.clone()],
            vec![w(l).barcode().into(), opt(&p.barcode).into()],
            vec![w(l).product_name().into(), p.name.clone()],
            vec![w(l).spec().into(), opt(&p.spec).into()],
            vec![w(l).unit().into(), p.unit.clone()],
            vec![w(l).price().into(), p.price.to_string()],
            vec![w(l).cost().into(), p.cost.to_string()],
            vec![w(l).tax_rate().into(), p.tax_rate.to_string()],
            vec![w(l).reorder_point().into(), p.reorder_point.to_string()],
            vec![w(l).active().into(), if p.active { w(l).on_sale() } else { w(l).off_sale() }.into()],
        ],
        &[],
    )
}

pub fn products(l: Lang, ps: &[Product]) -> String {
    let rows: Vec<Vec<String>> = ps
        .iter()
        .map(|p| vec![p.sku.clone(), p.name.clone(), opt(&p.spec).into(), p.unit.clone(), p.price.to_string(), p.cost.to_string()])
        .collect();
    table(&[w(l).sku(), w(l).product_name(), w(l).spec(), w(l).unit(), w(l).price(), w(l).cost()], &rows, &[4, 5])
}

pub fn customer(l: Lang, c: &Customer, pos: Option<&CreditPosition>) -> String {
    let none = w(l).none();
    let mut rows = vec![
        vec![w(l).customer_name().into(), c.name.clone()],
        vec![w(l).contact().into(), opt(&c.contact_person).into()],
        vec![w(l).phones().into(), c.phones.join(", ")],
        vec![w(l).address().into(), opt(&c.address).into()],
        vec![w(l).region().into(), opt(&c.region).into()],
        vec![w(l).credit_limit().into(), c.credit_limit.map(|m| m.to_string()).unwrap_or_else(|| none.into())],
        vec![w(l).payment_terms().into(), c.payment_terms_days.to_string()],
        vec![w(l).notes().into(), opt(&c.notes).into()],
    ];
    if let Some(p) = pos {
        rows.push(vec![w(l).open_orders().into(), p.open_orders.to_string()]);
        rows.push(vec![w(l).unpaid().into(), p.unpaid.to_string()]);
        rows.push(vec![w(l).credit_left().into(), p.credit_left.map(|m| m.to_string()).unwrap_or_else(|| none.into())]);
    }
    table(&[w(l).field(), w(l).value()], &rows, &[])
}

pub fn customers(l: Lang, cs: &[Customer]) -> String {
    let rows: Vec<Vec<String>> = cs
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                opt(&c.contact_person).into(),
                c.phones.join(", "),
                opt(&c.region).into(),
                c.credit_limit.map(|m| m.to_string()).unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    table(&[w(l).customer(), w(l).contact(), w(l).phones(), w(l).region(), w(l).credit_limit()], &rows, &[4])
}

pub fn stock(l: Lang, rows: &[StockLevel]) -> String {
    let r: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            vec![
                s.sku.clone(),
                s.name.clone(),
                s.on_hand.to_string(),
                s.reserved.to_string(),
                s.available.to_string(),
                s.reorder_point.to_string(),
                if s.low { s.suggested_reorder.to_string() } else { String::new() },
            ]
        })
        .collect();
    table(
        &[w(l).sku(), w(l).product_name(), w(l).on_hand(), w(l).reserved(), w(l).available(), w(l).reorder_at(), w(l).suggest()],
        &r,
        &[2, 3, 4, 5, 6],
    )
}

pub fn moves(l: Lang, ms: &[StockMove]) -> String {
    let rows: Vec<Vec<String>> = ms
        .iter()
        .map(|m| {
            vec![
                m.created_at.clone(),
                m.sku.clone(),
                m.qty.to_string(),
                m.reason.as_str().into(),
                m.doc_number.clone().unwrap_or_default(),
                m.note.clone().unwrap_or_default(),
                m.operator.clone(),
            ]
        })
        .collect();
    table(&[w(l).time(), w(l).sku(), w(l).qty(), w(l).reason(), w(l).document(), w(l).note(), w(l).by()], &rows, &[2])
}
