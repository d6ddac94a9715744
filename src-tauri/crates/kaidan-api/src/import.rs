//! Importing old order sheets. The dry run reads, normalises and checks everything and says
//! what an import would create; it writes nothing.

use kaidan_core::{AuditAction, AuditEntity, ImportKind, Series};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use kaidan_core::{Error, Lang, Problem};
use kaidan_import::{DryRun, Known, ListKind, Mapping, MappingSpec, ReadError};
use kaidan_store::{Db, ImportBatch, ImportTable};
use serde::{Deserialize, Serialize};

use crate::catalog::{insert_customer, insert_product};
use crate::{Actor, Ctx, CustomerInput, ProductInput, Shop};

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
}

/// What a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Orders,
    List(ListKind),
}

impl Kind {
    fn parse(text: Option<&str>) -> Result<Self, Error> {
        match text.map(str::trim).filter(|t| !t.is_empty()).unwrap_or("orders") {
            "orders" => Ok(Kind::Orders),
            "products" => Ok(Kind::List(ListKind::Products)),
            "customers" => Ok(Kind::List(ListKind::Customers)),
            other => Err(Error::at(
                Problem::BadChoice { text: other.into(), allowed: ImportKind::ALL.iter().map(|k| k.as_str().to_string()).collect() },
                kaidan_core::Field::new(kaidan_core::FieldKey::Setting),
            )),
        }
    }
    fn as_str(self) -> ImportKind {
        match self {
            Kind::Orders => ImportKind::Orders,
            Kind::List(ListKind::Products) => ImportKind::Products,
            Kind::List(ListKind::Customers) => ImportKind::Customers,
        }
    }
}

/// The header a mapping the user gave names, the one remembered for this file's header, or
/// none (guess); and which of these it was.
fn header_of(
    db: &Db,
    grid: &kaidan_import::Grid,
    kind: Kind,
    given: Option<&MappingSpec>,
) -> Result<(Option<(usize, Mapping)>, &'static str), Error> {
    if let Some(spec) = given {
        let h = kaidan_import::apply_mapping(grid, spec).map_err(|problem| Error::new(Problem::Sheet { problem }))?;
        return Ok((Some(h), "given"));
    }
    for i in 0..grid.rows.len().min(30) {
        if let Some(json) = db.saved_mapping(&kaidan_import::header_signature(grid, i), kind.as_str())? {
            if let Ok(spec) = serde_json::from_str::<MappingSpec>(&json) {
                let spec = MappingSpec { header_row: Some(grid.rows[i].0), ..spec };
                if let Ok(h) = kaidan_import::apply_mapping(grid, &spec) {
                    return Ok((Some(h), "saved"));
                }
            }
        }
    }
    Ok((None, "guessed"))
}

/// [`analyse_in`] for the import itself: an order sheet's rows are let go of as they become
/// drafts (a million-row CSV is not held twice); gives back the sheet down to its header.
fn analyse_in_owned(db: &Db, grid: kaidan_import::Grid, opts: &ImportOptions, lang: Lang) -> Result<(DryRun, kaidan_import::Grid), Error> {
    match Kind::parse(opts.kind.as_deref())? {
        Kind::Orders => analyse_orders_in(db, grid, std::iter::empty(), opts, lang),
        Kind::List(_) => Ok((analyse_in(db, &grid, opts, lang)?, grid)),
    }
}

/// An order sheet's dry run: its header found in `head` (its first rows, or all of them), the
/// rows after `head` as `rest` gives them.
fn analyse_orders_in(
    db: &Db,
    head: kaidan_import::Grid,
    rest: impl Iterator<Item = (u32, Box<[kaidan_import::Cell]>)>,
    opts: &ImportOptions,
    lang: Lang,
) -> Result<(DryRun, kaidan_import::Grid), Error> {
    let (header, source) = header_of(db, &head, Kind::Orders, opts.mapping.as_ref())?;
    let (mut d, grid) = kaidan_import::analyse_streamed(head, header, rest, &ShopKnown(db), lang)
        .map_err(|detail| Error::new(Problem::ImportFile { detail }))?;
    d.mapping_source = source.into();
    Ok((d, grid))
}

/// The dry run of a sheet of any kind, in the caller's transaction.
fn analyse_in(db: &Db, grid: &kaidan_import::Grid, opts: &ImportOptions, lang: Lang) -> Result<DryRun, Error> {
    let kind = Kind::parse(opts.kind.as_deref())?;
    let (header, source) = header_of(db, grid, kind, opts.mapping.as_ref())?;
    let known = ShopKnown(db);
    let mut d = match kind {
        Kind::Orders => kaidan_import::analyse(grid, header, &known, lang),
        Kind::List(k) => kaidan_import::analyse_list(grid, k, header, &known, lang),
    }
    .map_err(|detail| Error::new(Problem::ImportFile { detail }))?;
    d.mapping_source = source.into();
    Ok(d)
}

struct ShopKnown<'a, 'c>(&'a Db<'c>);

impl Known for ShopKnown<'_, '_> {
    fn customer_exists(&self, name: &str) -> bool {
        self.0.customer_by_name(name).map(|c| c.is_some()).unwrap_or(false)
    }
    fn product_exists(&self, sku: Option<&str>, name: Option<&str>, spec: Option<&str>) -> bool {
        find_product(self.0, sku, name, spec).ok().flatten().is_some()
    }
}

fn read_error(e: ReadError, lang: Lang) -> Error {
    Error::new(Problem::ImportFile { detail: e.text(lang) })
}

/// The product a sheet line means: by SKU (or barcode), else by name, and by spec too when
/// the sheet gives one. The dry run and the import use this one rule.
fn find_product(db: &Db, sku: Option<&str>, name: Option<&str>, spec: Option<&str>) -> Result<Option<kaidan_core::model::Product>, Error> {
    Ok(match (sku, name) {
        (Some(s), _) => db.product(s).ok(),
        (None, Some(n)) => {
            db.products(Some(n), None, 200)?.into_iter().find(|p| p.name == n && (spec.is_none() || p.spec.as_deref() == spec))
        }
        (None, None) => None,
    })
}

/// Reads the sheet an import names, with the encoding the user chose (refused by name when it
/// is not one we know) or the detected one.
fn read_grid(path: &Path, opts: &ImportOptions, lang: Lang) -> Result<kaidan_import::Grid, Error> {
    let encoding = match opts.encoding.as_deref() {
        None => None,
        Some(e) => Some(kaidan_import::encoding_by_name(e).ok_or_else(|| {
            Error::at(
                Problem::BadChoice { text: e.to_string(), allowed: vec!["utf-8".into(), "gbk".into(), "gb18030".into(), "big5".into()] },
                kaidan_core::Field::new(kaidan_core::FieldKey::Setting),
            )
        })?),
    };
    kaidan_import::read_file(path, opts.sheet.as_deref(), encoding).map_err(|e| read_error(e, lang))
}

/// `opts` with the sheet of a workbook named (a text file has none): the one the user chose;
/// else, in a workbook of several sheets, the first whose first rows hold a header (guessed,
/// remembered, or the one the user's mapping names) — a shop's workbook often opens on a
/// notes or summary sheet; else the first. A workbook whose sheets cannot be listed is left to
/// its read, which says what is wrong.
fn with_data_sheet<'o>(db: &Db, path: &Path, opts: &'o ImportOptions, kind: Kind) -> Cow<'o, ImportOptions> {
    if opts.sheet.is_some() || kaidan_import::is_text_file(path) {
        return Cow::Borrowed(opts);
    }
    let Ok(names) = kaidan_import::sheet_names(path) else { return Cow::Borrowed(opts) };
    let holds_header = |name: &String| {
        kaidan_import::sheet_head(path, name, 30).is_ok_and(|head| {
            kaidan_import::guess_header(&head).is_some() || matches!(header_of(db, &head, kind, opts.mapping.as_ref()), Ok((Some(_), _)))
        })
    };
    let chosen = if names.len() > 1 { names.iter().find(|n| holds_header(n)) } else { None };
    match chosen.or(names.first()) {
        Some(sheet) => Cow::Owned(ImportOptions { sheet: Some(sheet.clone()), ..opts.clone() }),
        None => Cow::Borrowed(opts),
    }
}

/// Rows of a sheet read on another thread, a chunk at a time, and how that read ended.
struct RowStream<'scope> {
    rows: std::sync::mpsc::Receiver<Vec<(u32, Box<[kaidan_import::Cell]>)>>,
    read: std::thread::ScopedJoinHandle<'scope, Result<kaidan_import::Streamed, ReadError>>,
}

/// A sheet as the import takes it: being read on a second thread, or read whole.
enum Sheet<'scope> {
    Streaming(RowStream<'scope>),
    Read(kaidan_import::Grid),
}

/// An xlsx order sheet starts being read on a second thread, handing its rows over as they are
/// read so that the dry run can analyse them meanwhile (the two take about as long, and an
/// import is read and analysed in the time of the longer); any other sheet is read whole.
fn open_sheet<'scope>(
    s: &'scope std::thread::Scope<'scope, '_>,
    path: &'scope Path,
    opts: &'scope ImportOptions,
    kind: Kind,
    lang: Lang,
) -> Result<Sheet<'scope>, Error> {
    const CHUNK: usize = 256;
    let xlsx = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !xlsx || !matches!(kind, Kind::Orders) {
        return Ok(Sheet::Read(read_grid(path, opts, lang)?));
    }
    let (to_analysis, rows) = std::sync::mpsc::sync_channel(4);
    let read = s.spawn(move || {
        let mut chunk = Vec::with_capacity(CHUNK);
        let end = kaidan_import::stream_rows(path, opts.sheet.as_deref(), &mut |n, cells| {
            chunk.push((n, cells));
            // the analysis has stopped when nobody receives
            chunk.len() < CHUNK || to_analysis.send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))).is_ok()
        });
        if !chunk.is_empty() {
            let _ = to_analysis.send(chunk);
        }
        end
    });
    Ok(Sheet::Streaming(RowStream { rows, read }))
}

/// [`analyse_in_owned`] of an order sheet as [`open_sheet`] streams it: the header is found in
/// the first rows, the rest analysed as it comes. A read that fails is named as when the sheet
/// is read whole; a file that lists its rows out of order is read whole after all.
fn analyse_streamed_in(
    db: &Db,
    stream: RowStream<'_>,
    path: &Path,
    opts: &ImportOptions,
    lang: Lang,
) -> Result<(DryRun, kaidan_import::Grid), Error> {
    let RowStream { rows, read } = stream;
    let mut rows = rows.into_iter().flatten();
    // the first rows, down to the header row the user named (the header is looked for in 30)
    let header_row = opts.mapping.as_ref().and_then(|m| m.header_row);
    let mut head = Vec::new();
    while head.len() < 64 || header_row.is_some_and(|h| head.last().is_some_and(|(n, _)| *n < h)) {
        match rows.next() {
            Some(r) => head.push(r),
            None => break,
        }
    }
    let head = kaidan_import::Grid { sheet: String::new(), rows: head, encoding: None, delimiter: None };
    let analysed = analyse_orders_in(db, head, &mut rows, opts, lang);
    // the reader stops once nobody takes its rows (the analysis may stop early)
    drop(rows);
    match read.join() {
        Err(panic) => std::panic::resume_unwind(panic),
        Ok(Err(e)) => Err(read_error(e, lang)),
        Ok(Ok(kaidan_import::Streamed::Not)) => analyse_in_owned(db, read_grid(path, opts, lang)?, opts, lang),
        Ok(Ok(kaidan_import::Streamed::Whole(sheet))) => {
            let (mut d, mut grid) = analysed?;
            d.sheet = sheet.clone();
            grid.sheet = sheet;
            Ok((d, grid))
        }
    }
}

fn file_sha256(path: &Path) -> Result<String, Error> {
    crate::backup::sha256_file(path).map(|(_, sha)| sha).map_err(|e| Error::new(Problem::ImportFile { detail: e.to_string() }))
}

/// A product as a sheet line names it: by code, or else by name and spec.
type ProductKey<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);

fn product_key(l: &kaidan_import::DraftLine) -> ProductKey<'_> {
    if l.sku.is_some() {
        (l.sku.as_deref(), None, None)
    } else {
        (None, l.product.as_deref(), l.spec.as_deref())
    }
}

fn at_row(lang: Lang, row: u32, e: Error) -> Error {
    Error::new(Problem::ImportFile { detail: format!("row {row}: {}", e.message(lang)) })
}

/// What turns a sheet's order into the rows written: its customer and products, found or
/// made before, and the shop's tax mode. Needs no database, so that history can be built on
/// one core while the other writes.
struct OrderBuilder<'a> {
    a: &'a Actor,
    batch: &'a str,
    open: bool,
    prices_include_tax: bool,
    customers: HashMap<&'a str, String>,
    products: HashMap<ProductKey<'a>, kaidan_core::model::Product>,
}

impl OrderBuilder<'_> {
    /// The order (a draft when `open`, else delivered history of the batch) with its lines.
    fn build(&self, o: &kaidan_import::DraftOrder, number: String) -> Result<kaidan_core::order::SalesOrder, Error> {
        use kaidan_core::order::{SalesLine, SalesOrder};
        use kaidan_core::{Money, OrderStatus, Qty};
        let (a, lang) = (self.a, self.a.lang);
        let m = if self.prices_include_tax { kaidan_core::TaxMode::Inclusive } else { kaidan_core::TaxMode::Exclusive };
        let first_row = o.lines[0].row;
        let mut lines = Vec::with_capacity(o.lines.len());
        for (n, l) in o.lines.iter().enumerate() {
            let product = &self.products[&product_key(l)];
            let mut line = SalesLine {
                id: kaidan_store::new_id(a.stamp.at),
                line_no: (n + 1) as u32,
                product_id: product.id.clone(),
                sku: product.sku.clone(),
                name: l.product.clone().unwrap_or_else(|| product.name.clone()),
                spec: l.spec.clone().or_else(|| product.spec.clone()),
                unit: l.unit.clone().unwrap_or_else(|| product.unit.clone()),
                qty: l.qty,
                delivered: if self.open { Qty::ZERO } else { l.qty },
                unit_price: l.unit_price,
                discount: l.discount,
                tax_rate: product.tax_rate,
                cost: product.cost,
                ..SalesLine::default()
            };
            line.amounts = line.amounts_of(l.qty, m).map_err(|issue| {
                at_row(lang, l.row, Error::number(kaidan_core::Field::row(kaidan_core::FieldKey::Qty, n + 1), &l.qty.to_string(), issue))
            })?;
            lines.push(line);
        }
        let totals = kaidan_core::totals::order_totals(lines.iter().map(|l| &l.amounts)).map_err(|issue| {
            at_row(lang, first_row, Error::number(kaidan_core::Field::new(kaidan_core::FieldKey::Line), "total", issue))
        })?;
        let notes = kaidan_core::validate::opt_text(kaidan_core::FieldKey::Notes, o.notes.as_deref(), 1000)
            .map_err(|e| at_row(lang, first_row, e))?;
        Ok(SalesOrder {
            id: kaidan_store::new_id(a.stamp.at),
            number,
            customer_id: self.customers[o.customer.as_str()].clone(),
            status: if self.open { OrderStatus::Draft } else { OrderStatus::Delivered },
            channel: kaidan_core::Channel::Other,
            order_date: o.order_date.unwrap_or(a.today).to_string(),
            deliver_by: o.deliver_by.map(|d| d.to_string()),
            notes,
            prices_include_tax: self.prices_include_tax,
            totals,
            approval_reasons: Vec::new(),
            cancel_reason: None,
            import_batch_id: if self.open { None } else { Some(self.batch.to_string()) },
            external_number: o.number.clone(),
            invoiced: Money::ZERO,
            returned: Money::ZERO,
            received: Money::ZERO,
            last_line_no: lines.len() as u32,
            lines,
        })
    }
}

/// Order and delivery numbers for the drafts, in their order: each year's taken from the
/// shop's series at once (two statements, not two an order). Delivery numbers only for history.
fn draft_numbers(db: &Db, a: &Actor, drafts: &[kaidan_import::DraftOrder], open: bool) -> Result<Vec<(String, String)>, Error> {
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

/// Writes the drafts of a dry run in the caller's transaction. Customers and products are
/// looked up once each and created when new, tagged with the batch. As completed history (the
/// default): each order is inserted delivered (lines delivered in full, one delivery document,
/// numbers from the shop's series in the year of the order date), without moving today's
/// stock; the rows are built on a second thread while this one writes. As open orders
/// (`open`): each order is made and confirmed the way the order screen does it — stock
/// reserved, the credit and price rules applied (an order that needs the owner waits for
/// approval; one the rules refuse, or short of stock, refuses the import, naming its row) —
/// and linked to the batch for undo.
fn write_orders(
    db: &Db,
    a: &Actor,
    batch: &str,
    d: &DryRun,
    open: bool,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<ImportResult, Error> {
    use kaidan_core::OrderStatus;
    /// History orders built and written in one go (the statements then carry many rows each).
    const HISTORY_BATCH: usize = 256;

    let settings = db.settings()?;
    let mut build = OrderBuilder {
        a,
        batch,
        open,
        prices_include_tax: settings.prices_include_tax,
        customers: HashMap::new(),
        products: HashMap::new(),
    };
    let (mut customers_new, mut products_new, mut generated) = (0, 0, 0);
    for o in &d.drafts {
        if !build.customers.contains_key(o.customer.as_str()) {
            let id = match db.customer_by_name(&o.customer)? {
                Some(c) => c.id,
                None => {
                    let input = CustomerInput {
                        name: Some(o.customer.clone()),
                        phones: o.phone.clone().map(|p| vec![p]),
                        address: o.address.clone(),
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
            let key = product_key(l);
            if build.products.contains_key(&key) {
                continue;
            }
            let p = match find_product(db, l.sku.as_deref(), l.product.as_deref(), l.spec.as_deref())? {
                Some(p) => p,
                None => {
                    let sku = match &l.sku {
                        Some(s) => s.clone(),
                        None => {
                            generated += 1;
                            format!("IMP-{}-{generated:04}", &batch[batch.len() - 6..])
                        }
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
    let numbers = draft_numbers(db, a, &d.drafts, open)?;
    let total = d.drafts.len() as u64;
    let mut awaiting_approval = Vec::new();
    if open {
        for (i, (o, (number, _))) in d.drafts.iter().zip(&numbers).enumerate() {
            if i % 256 == 0 {
                if cancel.load(Ordering::Relaxed) {
                    return Err(Problem::Cancelled.into());
                }
                progress(i as u64, total);
            }
            // made as a draft and confirmed, the way the order screen does it (not part of the
            // batch's history: linked for undo instead)
            let mut order = build.build(o, number.clone())?;
            db.insert_order(&a.stamp, &order)?;
            db.link_import_order(&a.stamp, batch, &order.id)?;
            db.audit(
                &a.stamp,
                AuditEntity::Order,
                &order.id,
                AuditAction::Import,
                None,
                Some(&serde_json::json!({ "batch": batch })),
                a.request_id.as_deref(),
            )?;
            crate::orders::confirm(db, a, &mut order).map_err(|e| at_row(a.lang, o.lines[0].row, e))?;
            if order.status == OrderStatus::PendingApproval {
                awaiting_approval.push(number.clone());
            }
        }
    } else {
        // the rows are built on a second thread, a batch ahead of the writing on this one
        std::thread::scope(|s| -> Result<(), Error> {
            let (to_writer, batches) = std::sync::mpsc::sync_channel::<Result<Vec<kaidan_store::HistoryOrder>, Error>>(2);
            let (build, drafts, numbers) = (&build, &d.drafts, &numbers);
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
                db.insert_history(&a.stamp, &orders)?;
                done += orders.len() as u64;
            }
            Ok(())
        })?;
        if cancel.load(Ordering::Relaxed) {
            return Err(Problem::Cancelled.into());
        }
        db.index_import_batch(batch)?;
    }
    progress(total, total);
    Ok(ImportResult {
        batch: batch.to_string(),
        orders: d.drafts.len(),
        lines: d.drafts.iter().map(|o| o.lines.len()).sum(),
        customers_new,
        products_new,
        total: d.total,
        skipped_error_rows: Vec::new(),
        first_number: numbers.first().map(|(n, _)| n.clone()),
        last_number: numbers.last().map(|(n, _)| n.clone()),
        open,
        awaiting_approval,
    })
}

/// Writes a product or customer list of a dry run in the caller's transaction: each product
/// (a code is made when the list has none) with its opening stock received, each customer; all
/// tagged with the batch so that it can be undone.
fn write_list(
    db: &Db,
    a: &Actor,
    batch: &str,
    d: &DryRun,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<ImportResult, Error> {
    let at_row = |row: u32, e: Error| Error::new(Problem::ImportFile { detail: format!("row {row}: {}", e.message(a.lang)) });
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
        let made = insert_product(db, a, &input).map_err(|e| at_row(p.row, e))?;
        db.tag_import(ImportTable::Product, &made.id, batch)?;
        if p.stock.is_positive() {
            db.post_move(
                &a.stamp,
                &kaidan_store::MoveWrite {
                    product_id: &made.id,
                    location_id: &a.location_id,
                    qty: p.stock,
                    reason: kaidan_core::MoveReason::Receipt,
                    unit_cost: Some(p.cost),
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
            credit_limit: c.credit_limit.map(|m| m.to_string()),
            payment_terms_days: Some(c.terms.to_string()),
            notes: c.notes.clone(),
        };
        let made = insert_customer(db, a, &input).map_err(|e| at_row(c.row, e))?;
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
    })
}

impl Shop {
    /// Imports a sheet in one transaction, all or nothing: an order sheet as completed history
    /// (delivered, without moving today's stock), or a product list (with its opening stock
    /// received) or a customer list (`opts.kind`). Refused when the sheet has errors (unless
    /// `skip_errors`: the good rows are imported and the bad ones listed), or when the same
    /// file was already imported and not undone. Progress per order; `cancel` rolls it all back.
    pub fn import_orders(
        &mut self,
        ctx: &Ctx,
        path: &Path,
        opts: &ImportOptions,
        skip_errors: bool,
        progress: &mut dyn FnMut(u64, u64),
        cancel: &AtomicBool,
    ) -> Result<ImportResult, Error> {
        let sha = file_sha256(path)?;
        let kind = Kind::parse(opts.kind.as_deref())?;
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let opts = &*self.read(|db| Ok(with_data_sheet(db, path, opts, kind)))?;
        // each sheet of a workbook is imported once (a shop keeps a year a sheet); a CSV is one
        // sheet without a name
        let sheet_name = opts.sheet.clone().unwrap_or_default();
        std::thread::scope(|s| {
            // an xlsx order sheet is read on a second thread while the dry run analyses its rows;
            // any other sheet is read whole before the transaction
            let sheet = open_sheet(s, path, opts, kind, ctx.lang)?;
            // history goes in bulk (its rows check their own references); open orders take
            // the order screen's road, and lists are small
            let bulk = matches!(kind, Kind::Orders) && !opts.open_orders.unwrap_or(false);
            let args = (&sha, skip_errors, kind.as_str(), &opts.mapping, opts.open_orders);
            self.write_as(ctx, "import.orders", &args, bulk, |db, a| {
                if let Some(b) = db.import_batch_of_file(&sha, kind.as_str(), &sheet_name)? {
                    let what = if b.sheet.is_empty() { "this file".to_string() } else { format!("sheet \"{}\" of this file", b.sheet) };
                    return Err(Problem::ImportFile {
                        detail: format!(
                            "{what} was already imported on {} (batch {}); undo that batch to import it again",
                            b.created_at, b.id
                        ),
                    }
                    .into());
                }
                let (d, grid) = match sheet {
                    Sheet::Streaming(stream) => analyse_streamed_in(db, stream, path, opts, a.lang)?,
                    Sheet::Read(grid) => analyse_in_owned(db, grid, opts, a.lang)?,
                };
                if !d.errors.is_empty() && !skip_errors {
                    let first = &d.errors[0];
                    return Err(Problem::ImportFile {
                        detail: format!(
                            "{} error(s), the first on row {}{}: {}",
                            d.errors.len(),
                            first.row,
                            first.column.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default(),
                            first.message
                        ),
                    }
                    .into());
                }
                let batch = kaidan_store::new_id(a.stamp.at);
                let mapping = serde_json::to_string(&d.mapping).unwrap_or_default();
                db.insert_import_batch(&a.stamp, &batch, kind.as_str(), &file_name, &sheet_name, &sha, &mapping, "{}")?;
                let mut result = match kind {
                    Kind::Orders => write_orders(db, a, &batch, &d, opts.open_orders.unwrap_or(false), progress, cancel)?,
                    Kind::List(_) => write_list(db, a, &batch, &d, progress, cancel)?,
                };
                // the user's mapping is remembered for files with this header
                if let Some(spec) = &opts.mapping {
                    if let Ok((i, _)) = kaidan_import::apply_mapping(&grid, spec) {
                        let remembered = MappingSpec { header_row: None, columns: spec.columns.clone() };
                        db.save_mapping(
                            &a.stamp,
                            &kaidan_import::header_signature(&grid, i),
                            kind.as_str(),
                            &serde_json::to_string(&remembered).unwrap_or_default(),
                        )?;
                    }
                }
                result.skipped_error_rows = d.errors.iter().map(|e| e.row).collect();
                db.set_import_counts(&batch, &serde_json::to_string(&result).unwrap_or_default())?;
                db.audit(
                    &a.stamp,
                    AuditEntity::ImportBatch,
                    &batch,
                    AuditAction::Import,
                    None,
                    Some(&serde_json::to_value(&result).unwrap_or_default()),
                    a.request_id.as_deref(),
                )?;
                Ok(result)
            })
        })
    }

    /// Undoes a whole import batch while nothing depends on it (owner only).
    pub fn undo_import(&mut self, ctx: &Ctx, batch: &str) -> Result<ImportBatch, Error> {
        self.write(ctx, "import.undo", batch, |db, a| {
            a.require_owner()?;
            let moves = db.import_moves(batch)?;
            // open orders it made are cancelled first (their reservations released), unless
            // something happened to them since
            let open = db.import_open_orders(batch)?;
            if let Some((n, _)) = open.iter().find(|(_, changed)| *changed) {
                return Err(
                    Problem::ImportFile { detail: format!("order {n} changed after the import; undo is no longer possible") }.into()
                );
            }
            for (n, _) in &open {
                crate::orders::cancel(db, a, &mut db.load_order(n)?, "撤销导入 / import undone")?;
            }
            let (orders, customers, products) = db.undo_import(&a.stamp, batch)?;
            // the opening stock of a product list goes out again, as a movement of its own
            for (product_id, location_id, qty) in moves {
                db.post_move(
                    &a.stamp,
                    &kaidan_store::MoveWrite {
                        product_id: &product_id,
                        location_id: &location_id,
                        qty: -qty,
                        reason: kaidan_core::MoveReason::Adjustment,
                        unit_cost: None,
                        doc_type: Some("import_undo"),
                        doc_id: Some(batch),
                        doc_number: None,
                        note: Some("撤销导入的期初库存 / opening stock of an undone import"),
                    },
                )?;
            }
            db.audit(
                &a.stamp,
                AuditEntity::ImportBatch,
                batch,
                AuditAction::Undo,
                None,
                Some(&serde_json::json!({ "orders": orders, "customers": customers, "products": products })),
                a.request_id.as_deref(),
            )?;
            db.import_batch(batch)
        })
    }

    /// Saves the sheet as an .xlsx copy with one more column naming each row's errors and
    /// warnings, for the shop to fix the original and import again. Returns how many rows
    /// have a problem.
    pub fn import_error_copy(&self, path: &Path, opts: &ImportOptions, out: &Path, lang: Lang) -> Result<usize, Error> {
        let opts = &*self.read(|db| Ok(with_data_sheet(db, path, opts, Kind::parse(opts.kind.as_deref())?)))?;
        let grid = read_grid(path, opts, lang)?;
        let d = self.dry_run_of(&grid, opts, lang)?;
        let mut notes: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
        for (label, list) in [
            (if lang == Lang::ZhCn { "错误" } else { "error" }, &d.errors),
            (if lang == Lang::ZhCn { "提醒" } else { "warning" }, &d.warnings),
        ] {
            for i in list {
                notes.entry(i.row).or_default().push(format!(
                    "{label}{}: {}",
                    i.column.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default(),
                    i.message
                ));
            }
        }
        let width = grid.rows.iter().map(|(_, r)| r.len()).max().unwrap_or(0) as u16;
        let io = |e: rust_xlsxwriter::XlsxError| Error::new(Problem::ImportFile { detail: e.to_string() });
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let red = rust_xlsxwriter::Format::new().set_font_color(rust_xlsxwriter::Color::Red);
        // every row where it was in the original, so that row numbers in messages still match
        for (row, cells) in &grid.rows {
            let r = row.saturating_sub(1);
            for (c, cell) in cells.iter().enumerate() {
                let text = cell.text();
                if !text.is_empty() {
                    ws.write_string(r, c as u16, crate::export::neutralise(&text)).map_err(io)?;
                }
            }
            if *row == d.header_row {
                ws.write_string(r, width, if lang == Lang::ZhCn { "导入问题" } else { "Import problems" }).map_err(io)?;
            }
            if let Some(n) = notes.get(row) {
                ws.write_string_with_format(r, width, n.join("; "), &red).map_err(io)?;
            }
        }
        crate::write_whole(out, |tmp| wb.save(tmp).map_err(std::io::Error::other))
            .map_err(|e| Error::new(Problem::ImportFile { detail: format!("{}: {e}", out.display()) }))?;
        Ok(notes.len())
    }

    pub fn import_batches(&self, limit: u32) -> Result<Vec<ImportBatch>, Error> {
        self.read(|db| db.import_batches(limit))
    }

    /// Reads an order sheet and reports what importing it would do: counts, new customers and
    /// products, the total, and every error and warning with its sheet row and column.
    pub fn import_dry_run(&self, path: &Path, opts: &ImportOptions, lang: Lang) -> Result<DryRun, Error> {
        let opts = &*self.read(|db| Ok(with_data_sheet(db, path, opts, Kind::parse(opts.kind.as_deref())?)))?;
        self.dry_run_of(&read_grid(path, opts, lang)?, opts, lang)
    }

    fn dry_run_of(&self, grid: &kaidan_import::Grid, opts: &ImportOptions, lang: Lang) -> Result<DryRun, Error> {
        self.read(|db| analyse_in(db, grid, opts, lang))
    }
}

/// One row of the sheet as the wizard shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PreviewRow {
    /// The row number in the file (as in messages).
    pub row: u32,
    pub cells: Vec<String>,
}

/// What the import wizard shows: the sheets, the dry run (its lists cut to what a screen
/// shows; the counts are whole), and the header with the first rows and every row that has a
/// problem, so that bad cells can be marked where they are.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ImportPreview {
    pub sheets: Vec<String>,
    pub dry: DryRun,
    pub errors_total: u32,
    pub warnings_total: u32,
    /// The header row's texts (the columns to map).
    pub columns: Vec<String>,
    pub rows: Vec<PreviewRow>,
    /// The fields a column of this kind of sheet can hold.
    pub fields: Vec<kaidan_import::Field>,
}

/// How far the import running now is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportProgress {
    pub running: bool,
    pub done: u32,
    pub total: u32,
}

fn fields_of(kind: Kind) -> Vec<kaidan_import::Field> {
    use kaidan_import::Field::*;
    match kind {
        Kind::Orders => {
            vec![OrderNo, Customer, Phone, Address, OrderDate, DeliverBy, Sku, Product, Spec, Unit, Qty, UnitPrice, Amount, Discount, Notes]
        }
        Kind::List(ListKind::Products) => vec![Sku, Barcode, Product, Spec, Unit, UnitPrice, Cost, TaxRate, Stock, ReorderPoint],
        Kind::List(ListKind::Customers) => vec![Customer, Contact, Phone, Address, Region, CreditLimit, Terms, Notes],
    }
}

impl Shop {
    /// The wizard's preview of a sheet (see [`ImportPreview`]); writes nothing.
    pub fn import_preview(&self, path: &Path, opts: &ImportOptions, lang: Lang) -> Result<ImportPreview, Error> {
        let kind = Kind::parse(opts.kind.as_deref())?;
        let sheets = kaidan_import::sheet_names(path).map_err(|e| read_error(e, lang))?;
        let opts = &*self.read(|db| Ok(with_data_sheet(db, path, opts, kind)))?;
        let grid = read_grid(path, opts, lang)?;
        let mut dry = self.dry_run_of(&grid, opts, lang)?;
        let header = grid.rows.iter().position(|(r, _)| *r == dry.header_row).unwrap_or(0);
        let columns: Vec<String> = grid.rows[header].1.iter().map(|c| c.text()).collect();
        let bad: std::collections::BTreeSet<u32> = dry.errors.iter().chain(dry.warnings.iter()).map(|i| i.row).take(200).collect();
        let rows = grid
            .rows
            .iter()
            .enumerate()
            .filter(|(i, (r, _))| (*i >= header && *i <= header + 30) || bad.contains(r))
            .map(|(_, (r, cells))| PreviewRow { row: *r, cells: cells.iter().map(|c| c.text()).collect() })
            .collect();
        let (errors_total, warnings_total) = (dry.errors.len() as u32, dry.warnings.len() as u32);
        dry.errors.truncate(300);
        dry.warnings.truncate(300);
        dry.drafts.truncate(20);
        dry.products.truncate(20);
        dry.customers.truncate(20);
        Ok(ImportPreview { sheets, dry, errors_total, warnings_total, columns, rows, fields: fields_of(kind) })
    }
}
