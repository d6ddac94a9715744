//! Writing an order sheet: history built on a second thread and written in bulk, or open
//! orders made and confirmed one by one.

use super::*;
use crate::catalog::{insert_customer, insert_product};
use kaidan_import::ProductKey;

/// What turns a sheet's order into the rows written: its customer and products, found or
/// made before, and the shop's tax mode. Needs no database, so that history can be built on
/// one core while the other writes.
pub(super) struct OrderBuilder<'a> {
    a: &'a Actor,
    batch: &'a str,
    open: bool,
    /// An online shop's export: its orders are the web shop's (channel `web`).
    platform: Option<kaidan_core::sheet::Platform>,
    prices_include_tax: bool,
    customers: HashMap<&'a str, String>,
    products: HashMap<ProductKey<'a>, kaidan_core::model::Product>,
    /// The sheet's products the user said are one of the shop's: their lines are counted in
    /// that product's unit.
    mapped: std::collections::HashSet<ProductKey<'a>>,
}

impl OrderBuilder<'_> {
    /// The order (a draft when `open`, else delivered history of the batch) with its lines.
    fn build(&self, o: &kaidan_import::DraftOrder, number: String) -> Result<kaidan_core::order::SalesOrder, Error> {
        use kaidan_core::order::{new_line, LineProduct, NewLine, SalesOrder};
        use kaidan_core::OrderStatus;
        let (a, lang) = (self.a, self.a.lang);
        let m = kaidan_core::TaxMode::of(self.prices_include_tax);
        let first_row = o.lines[0].row;
        let mut lines = Vec::with_capacity(o.lines.len());
        for (n, l) in o.lines.iter().enumerate() {
            let product = &self.products[&l.product_key()];
            let typed = NewLine {
                product: LineProduct {
                    id: product.id.clone(),
                    sku: product.sku.clone(),
                    name: l.product.clone().unwrap_or_else(|| product.name.clone()),
                    spec: l.spec.clone().or_else(|| product.spec.clone()),
                    unit: match self.mapped.contains(&l.product_key()) {
                        true => product.unit.clone(),
                        false => l.unit.clone().unwrap_or_else(|| product.unit.clone()),
                    },
                    tax_rate: product.tax_rate,
                    cost: crate::orders::known_cost(&product),
                },
                qty: l.qty,
                unit_price: l.unit_price,
                discount: l.discount,
            };
            let mut line =
                new_line(kaidan_store::new_id(a.stamp.at), n + 1, (n + 1) as u32, typed, m).map_err(|e| at_row(lang, l.row, e))?;
            if !self.open {
                line.delivered = l.qty;
            }
            lines.push(line);
        }
        let notes = kaidan_core::validate::opt_text(kaidan_core::FieldKey::Notes, o.notes.as_deref(), kaidan_core::validate::limits::NOTES)
            .map_err(|e| at_row(lang, first_row, e))?;
        let status = if self.open { OrderStatus::Draft } else { OrderStatus::Delivered };
        let customer = self.customers[o.customer.as_str()].clone();
        let order_date = o.order_date.unwrap_or(a.today).to_string();
        let made = SalesOrder::new(kaidan_store::new_id(a.stamp.at), number, customer, status, order_date, self.prices_include_tax, lines)
            .map_err(|e| at_row(lang, first_row, e))?;
        Ok(SalesOrder {
            channel: if self.platform.is_some() { kaidan_core::Channel::Web } else { kaidan_core::Channel::Other },
            deliver_by: o.deliver_by.map(|d| d.to_string()),
            notes,
            import_batch_id: if self.open { None } else { Some(self.batch.to_string()) },
            external_number: o.number.clone(),
            ..made
        })
    }
}

/// Order and delivery numbers for the drafts, in their order: each year's taken from the
/// shop's series at once (two statements, not two an order). Delivery numbers only for history.
pub(super) fn draft_numbers(db: &Db, a: &Actor, drafts: &[kaidan_import::DraftOrder], open: bool) -> Result<Vec<(String, String)>, Error> {
    use chrono::Datelike;
    let year_of = |o: &kaidan_import::DraftOrder| o.order_date.unwrap_or(a.today).year();
    let mut per_year: std::collections::BTreeMap<i32, u32> = Default::default();
    for o in drafts {
        *per_year.entry(year_of(o)).or_default() += 1;
    }
    let mut series: HashMap<i32, ((String, i64), (String, i64))> = HashMap::new();
    for (year, n) in per_year {
        let so = db.reserve_numbers(&a.stamp, Series::Order, year, n)?;
        let dn = if open { (String::new(), 0) } else { db.reserve_numbers(&a.stamp, Series::Delivery, year, n)? };
        series.insert(year, (so, dn));
    }
    Ok(drafts
        .iter()
        .map(|o| {
            let year = year_of(o);
            let ((sp, s), (dp, dn)) = series.get_mut(&year).expect("reserved");
            let out = (kaidan_store::document_number(sp, year, *s), kaidan_store::document_number(dp, year, *dn));
            *s += 1;
            *dn += 1;
            out
        })
        .collect())
}

/// Whether a sheet's order is made an open order (confirmed, its stock reserved) rather than
/// delivered history: as an online shop's export says it (paid and waiting to be shipped: open;
/// shipped: history — a plain sheet's drafts carry no such state), else as the import was asked
/// (`open`: a sheet of orders still to deliver).
pub(super) fn made_open(o: &kaidan_import::DraftOrder, open: bool) -> bool {
    use kaidan_core::sheet::SaleState;
    match o.state {
        Some(SaleState::Waiting) => true,
        Some(SaleState::Shipped) => false,
        Some(SaleState::NotASale) | None => open,
    }
}

/// [`write_orders`] of a whole sheet: each order open or history as [`made_open`] says — an
/// online shop's export holds both — in the same transaction and batch (an undo takes both
/// back).
pub(super) fn write_sheet_orders(
    db: &Db,
    a: &Actor,
    batch: &str,
    d: &DryRun,
    open: bool,
    skip_refused: bool,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<Written, Error> {
    if d.drafts.iter().all(|o| made_open(o, open) == open) {
        return write_orders(db, a, batch, d, &d.drafts, open, skip_refused, progress, cancel);
    }
    let (waiting, history): (Vec<_>, Vec<_>) = d.drafts.iter().cloned().partition(|o| made_open(o, open));
    let all = d.drafts.len() as u64;
    let done = history.len() as u64;
    let h = write_orders(db, a, batch, d, &history, false, skip_refused, &mut |n, _| progress(n, all), cancel)?.result;
    let w = write_orders(db, a, batch, d, &waiting, true, skip_refused, &mut |n, _| progress(done + n, all), cancel)?;
    let result = ImportResult {
        orders: h.orders + w.result.orders,
        lines: h.lines + w.result.lines,
        customers_new: h.customers_new + w.result.customers_new,
        products_new: h.products_new + w.result.products_new,
        total: h.total + w.result.total,
        first_number: h.first_number.or(w.result.first_number.clone()),
        last_number: w.result.last_number.or(h.last_number),
        // asked for open orders: those the export says nothing of are open (its shipped ones history)
        open,
        waiting: w.result.waiting,
        ..w.result
    };
    Ok(Written { result, refused: w.refused })
}

/// Writes `drafts` (of the dry run `d`) in the caller's transaction. Customers and products are
/// looked up once each and created when new, tagged with the batch. As completed history (the
/// default): each order is inserted delivered (lines delivered in full, one delivery document,
/// numbers from the shop's series in the year of the order date), without moving today's
/// stock; the rows are built on a second thread while this one writes. As open orders
/// (`open`): each order is made and confirmed the way the order screen does it — stock
/// reserved, the credit and price rules applied (an order that needs the owner waits for
/// approval; one the rules refuse, or short of stock, refuses the import, naming its row,
/// unless `skip_refused`: then it is left out whole, its number given back, and listed in
/// [`Written::refused`]) — and linked to the batch for undo. The dry run of open orders is this
/// write, rehearsed and rolled back ([`rehearse_open_orders`]), so that it finds what the import
/// would refuse.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_orders(
    db: &Db,
    a: &Actor,
    batch: &str,
    d: &DryRun,
    drafts: &[kaidan_import::DraftOrder],
    open: bool,
    skip_refused: bool,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<Written, Error> {
    use kaidan_core::OrderStatus;
    /// History orders built and written in one go (the statements then carry many rows each).
    const HISTORY_BATCH: usize = 256;

    let settings = db.settings()?;
    let mut build = OrderBuilder {
        a,
        batch,
        open,
        platform: d.platform,
        prices_include_tax: settings.prices_include_tax,
        customers: HashMap::new(),
        products: HashMap::new(),
        mapped: Default::default(),
    };
    let (mut customers_new, mut products_new) = (0, 0);
    // the sheet's products the user said are the shop's (now or before), as the dry run found them
    let mapped: HashMap<&str, &str> = d.new_products.iter().filter_map(|p| Some((p.key.as_str(), p.mapped_to.as_deref()?))).collect();
    for o in drafts {
        if !build.customers.contains_key(o.customer.as_str()) {
            let id = match db.customer_by_name(&o.customer)? {
                Some(c) => c.id,
                None => {
                    let input = CustomerInput {
                        name: Some(o.customer.clone()),
                        phones: o.phone.clone().map(|p| vec![p]),
                        address: o.address.clone(),
                        email: o.email.clone(),
                        ..Default::default()
                    };
                    let c = insert_customer(db, a, &input).map_err(|e| at_row(a.lang, o.lines[0].row, e))?;
                    db.tag_import(ImportTable::Customer, &c.id, batch)?;
                    customers_new += 1;
                    c.id
                }
            };
            build.customers.insert(&o.customer, id);
        }
        for l in &o.lines {
            let key = l.product_key();
            if build.products.contains_key(&key) {
                continue;
            }
            let found = match find_product(db, l.sku.as_deref(), l.product.as_deref(), l.spec.as_deref())? {
                Some(p) => Some(p),
                None => {
                    let chosen = mapped.get(l.sheet_product().as_str()).map(|sku| db.product(sku)).transpose()?;
                    if chosen.is_some() {
                        build.mapped.insert(key);
                    }
                    chosen
                }
            };
            let p = match found {
                Some(p) => p,
                None => {
                    let sku = match &l.sku {
                        Some(s) => s.clone(),
                        None => free_code(db, l.product.as_deref().unwrap_or_default())?,
                    };
                    let input = ProductInput {
                        sku: Some(sku.clone()),
                        name: Some(l.product.clone().unwrap_or_else(|| sku.clone())),
                        spec: l.spec.clone(),
                        unit: l.unit.clone(),
                        price: Some(l.unit_price.to_string()),
                        tax_rate: Some("0".into()),
                        ..Default::default()
                    };
                    let p = insert_product(db, a, &input).map_err(|e| at_row(a.lang, l.row, e))?;
                    db.tag_import(ImportTable::Product, &p.id, batch)?;
                    products_new += 1;
                    p
                }
            };
            build.products.insert(key, p);
        }
    }
    let build = build;
    let total = drafts.len() as u64;
    let mut awaiting_approval = Vec::new();
    let mut refused: Vec<(u32, String)> = Vec::new();
    let mut made: Vec<&kaidan_import::DraftOrder> = Vec::new();
    let numbers = if open {
        let mut numbers = Vec::new();
        for (i, o) in drafts.iter().enumerate() {
            if i % 256 == 0 {
                if cancel.load(Ordering::Relaxed) {
                    return Err(Problem::Cancelled.into());
                }
                progress(i as u64, total);
            }
            // made as a draft and confirmed, the way the order screen does it (not part of the
            // batch's history: linked for undo instead); its number taken inside, so that an
            // order left out gives it back
            let row = o.lines[0].row;
            let attempt = db.attempt(|| {
                let number = draft_numbers(db, a, std::slice::from_ref(o), true)?.remove(0);
                let mut order = build.build(o, number.0.clone())?;
                db.insert_order(&a.stamp, &order)?;
                db.link_import_order(&a.stamp, batch, &order.id)?;
                db.audit(&a.stamp, AuditEntity::Order, &order.id, AuditAction::Import, None, Some(&serde_json::json!({ "batch": batch })))?;
                crate::orders::confirm(db, a, &mut order, kaidan_core::order::Backorder::No).map_err(|e| at_row(a.lang, row, e))?;
                paid_on_platform(db, a, batch, &build, o, &order)?;
                Ok((number, order.status))
            });
            match attempt {
                Ok((number, status)) => {
                    if status == OrderStatus::PendingApproval {
                        awaiting_approval.push(number.0.clone());
                    }
                    numbers.push(number);
                    made.push(o);
                }
                Err(e) if skip_refused => refused.push((row, refusal(e, a.lang))),
                Err(e) => return Err(e),
            }
        }
        numbers
    } else {
        let numbers = draft_numbers(db, a, drafts, open)?;
        made.extend(drafts.iter());
        // what the history adds to the reports, gathered as it is written and added at the end
        let mut sums = kaidan_store::HistorySums::default();
        // the rows are built on a second thread, a batch ahead of the writing on this one
        std::thread::scope(|s| -> Result<(), Error> {
            let (to_writer, batches) = std::sync::mpsc::sync_channel::<Result<Vec<kaidan_store::HistoryOrder>, Error>>(2);
            let (build, drafts, numbers) = (&build, drafts, &numbers);
            s.spawn(move || {
                for (orders, numbers) in drafts.chunks(HISTORY_BATCH).zip(numbers.chunks(HISTORY_BATCH)) {
                    let built = orders
                        .iter()
                        .zip(numbers)
                        .map(|(o, (number, dn))| {
                            let order = build.build(o, number.clone())?;
                            Ok(kaidan_store::HistoryOrder {
                                order,
                                delivery_id: kaidan_store::new_id(build.a.stamp.at),
                                delivery_number: dn.clone(),
                            })
                        })
                        .collect::<Result<Vec<_>, Error>>();
                    let failed = built.is_err();
                    // the writer has stopped (an error, a cancel) when nobody receives
                    if to_writer.send(built).is_err() || failed {
                        return;
                    }
                }
            });
            let mut done = 0u64;
            for orders in batches {
                progress(done, total);
                if cancel.load(Ordering::Relaxed) {
                    return Err(Problem::Cancelled.into());
                }
                let orders = orders?;
                db.insert_history(&a.stamp, &orders, &mut sums)?;
                done += orders.len() as u64;
            }
            Ok(())
        })?;
        if cancel.load(Ordering::Relaxed) {
            return Err(Problem::Cancelled.into());
        }
        db.index_import_batch(batch)?;
        db.add_history_to_reports(sums)?;
        numbers
    };
    progress(total, total);
    let result = ImportResult {
        batch: batch.to_string(),
        orders: made.len(),
        lines: made.iter().map(|o| o.lines.len()).sum(),
        customers_new,
        products_new,
        total: made.iter().map(|o| o.amount()).sum(),
        skipped_error_rows: Vec::new(),
        first_number: numbers.first().map(|(n, _)| n.clone()),
        last_number: numbers.last().map(|(n, _)| n.clone()),
        open,
        awaiting_approval,
        platform: d.platform,
        // (history has no waiting orders: `write_sheet_orders` makes those open)
        waiting: if open { made.iter().filter(|o| o.waits()).count() } else { 0 },
        already_in_shop: d.already_in_shop,
    };
    Ok(Written { result, refused })
}

/// An online shop's order the buyer has paid on the platform and that waits to be shipped: the
/// money is received (a receipt by the platform's payment, `reference` its order number, dated
/// the order's day, kept on the order as paid ahead) and remembered for undo. History needs
/// none (imported history is settled); an order whose sheet says nothing is not known to be paid.
fn paid_on_platform(
    db: &Db,
    a: &Actor,
    batch: &str,
    build: &OrderBuilder,
    o: &kaidan_import::DraftOrder,
    order: &kaidan_core::order::SalesOrder,
) -> Result<(), Error> {
    use kaidan_core::text::vocab::Word;
    let (Some(platform), true) = (build.platform, o.waits()) else { return Ok(()) };
    let total = order.totals.total;
    if !total.is_positive() {
        return Ok(());
    }
    let note = format!("{}代收 / paid on {}", platform.word(Lang::ZhCn), platform.word(Lang::En));
    let pay = crate::money::receive(
        db,
        a,
        &order.customer_id,
        total,
        platform.pays_by(),
        &order.order_date,
        order.external_number.as_deref(),
        Some(&order.id),
        Vec::new(),
        Some(&note),
    )?;
    db.link_import_payment(batch, &order.id, &pay.id)
}

/// What [`write_orders`] wrote, and the orders it left out (`skip_refused`): each by its first
/// row, with why in the user's language (the caller lists their rows among the skipped ones).
pub(super) struct Written {
    pub result: ImportResult,
    pub refused: Vec<(u32, String)>,
}

/// Why an order was refused, as the write said it, without the import's "nothing imported".
fn refusal(e: Error, lang: Lang) -> String {
    match &e.problem {
        Problem::ImportRowRefused { detail, .. } => detail.clone(),
        _ => e.message(lang),
    }
}

/// The dry run of open orders: the write itself, with every order the rules would refuse left
/// out and said, in a transaction rolled back at the end — the check runs every rule the import
/// runs (stock, credit, prices), counted the way the import counts them (the orders before it
/// took their stock first). Said on each refused order's first row; the rest of the dry run
/// counts only the orders that would be made: those [`made_open`] makes open (`open`: the import
/// was asked for open orders); history is refused by no rule.
pub(super) fn rehearse_open_orders(
    db: &Db,
    d: &mut DryRun,
    open: bool,
    lang: Lang,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    let owner = db.owner()?;
    let ctx = Ctx { lang, ..Ctx::owner_at(now) };
    let a = crate::resolve_actor(db, &ctx, &crate::Who { operator_id: owner.id, approver_id: None, approves: None })?;
    let batch = kaidan_store::new_id(a.stamp.at);
    db.insert_import_batch(&a.stamp, &batch, ImportKind::Orders, "", "", &format!("rehearsal {batch}"), "{}", "{}")?;
    let made: Vec<kaidan_import::DraftOrder> = d.drafts.iter().filter(|o| made_open(o, open)).cloned().collect();
    let Written { refused, .. } = write_orders(db, &a, &batch, d, &made, true, true, &mut |_, _| {}, &AtomicBool::new(false))?;
    if refused.is_empty() {
        return Ok(());
    }
    let rows: std::collections::BTreeSet<u32> = refused.iter().map(|(row, _)| *row).collect();
    d.drafts.retain(|o| !rows.contains(&o.lines[0].row));
    d.recount();
    for (row, detail) in refused {
        d.errors.push(kaidan_import::Issue::of_row(row, kaidan_core::sheet::SheetProblem::Refused { detail }));
    }
    d.errors.sort_by_key(|i| i.row);
    Ok(())
}

/// The first code from the product's name that no product (and no barcode) uses yet, those made
/// earlier in this import included: `六角螺栓` → `LJLS-001`, else `LJLS-002`, …
fn free_code(db: &Db, name: &str) -> Result<String, Error> {
    for n in 1.. {
        let code = kaidan_core::initials::product_code(name, n);
        match db.product(&code) {
            Err(e) if e.code() == kaidan_core::ErrorCode::NotFound => return Ok(code),
            Err(e) => return Err(e),
            Ok(_) => {}
        }
    }
    unreachable!("a code is free before u32 runs out")
}
