//! Writing a product list (with opening stock) or a customer list.

use super::*;
use crate::catalog::{insert_customer, insert_product};

/// Writes a product or customer list of a dry run in the caller's transaction: each product
/// (a code is made when the list has none) with its opening stock received, each customer; all
/// tagged with the batch so that it can be undone.
pub(super) fn write_list(
    db: &Db,
    a: &Actor,
    batch: &str,
    d: &DryRun,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<ImportResult, Error> {
    let total = (d.products.len() + d.customers.len()) as u64;
    let mut done = 0u64;
    let mut tick = |done: u64| -> Result<(), Error> {
        if done % 256 == 0 {
            if cancel.load(Ordering::Relaxed) {
                return Err(Problem::Cancelled.into());
            }
            progress(done, total);
        }
        Ok(())
    };
    let mut generated = 0;
    for p in &d.products {
        tick(done)?;
        let sku = match &p.sku {
            Some(s) => s.clone(),
            None => loop {
                generated += 1;
                let s = format!("P-{}-{generated:04}", &batch[batch.len() - 6..]);
                if db.product(&s).is_err() {
                    break s;
                }
            },
        };
        let input = ProductInput {
            sku: Some(sku),
            barcode: p.barcode.clone(),
            name: Some(p.name.clone()),
            spec: p.spec.clone(),
            unit: p.unit.clone(),
            price: Some(p.price.to_string()),
            cost: Some(p.cost.to_string()),
            tax_rate: p.tax_rate.map(|r| r.to_string()),
            reorder_point: Some(p.reorder_point.to_string()),
            active: None,
        };
        let made = insert_product(db, a, &input).map_err(|e| at_row(a.lang, p.row, e))?;
        db.tag_import(ImportTable::Product, &made.id, batch)?;
        if p.stock.is_positive() {
            db.post_move(
                &a.stamp,
                &kaidan_store::MoveWrite {
                    product_id: &made.id,
                    location_id: &a.location_id,
                    qty: p.stock,
                    reason: kaidan_core::MoveReason::Receipt,
                    unit_cost: Some(p.cost).filter(|c| c.is_positive()),
                    doc_type: Some("import"),
                    doc_id: Some(batch),
                    doc_number: None,
                    note: Some("期初库存 / opening stock"),
                },
            )?;
        }
        done += 1;
    }
    for c in &d.customers {
        tick(done)?;
        let input = CustomerInput {
            name: Some(c.name.clone()),
            contact_person: c.contact.clone(),
            phones: Some(c.phones.clone()),
            address: c.address.clone(),
            region: c.region.clone(),
            email: c.email.clone(),
            credit_limit: c.credit_limit.map(|m| m.to_string()),
            payment_terms_days: Some(c.terms.to_string()),
            notes: c.notes.clone(),
        };
        let made = insert_customer(db, a, &input).map_err(|e| at_row(a.lang, c.row, e))?;
        db.tag_import(ImportTable::Customer, &made.id, batch)?;
        done += 1;
    }
    progress(total, total);
    Ok(ImportResult {
        batch: batch.to_string(),
        orders: 0,
        lines: 0,
        customers_new: d.customers.len(),
        products_new: d.products.len(),
        total: d.total,
        skipped_error_rows: Vec::new(),
        first_number: None,
        last_number: None,
        open: false,
        awaiting_approval: Vec::new(),
        platform: None,
        waiting: 0,
        already_in_shop: 0,
    })
}
