//! The import use cases: import, undo, the dry run, the error copy, the wizard's preview.

use super::*;
use kaidan_core::Action;

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
        let name_of = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (sha, file_name) = match opts.paired_file.as_deref() {
            None => (file_sha256(path)?, name_of(path)),
            // a pair is imported once as a pair, whichever file is named first
            Some(other) => {
                let other = Path::new(other);
                let mut shas = [file_sha256(path)?, file_sha256(other)?];
                let mut names = [name_of(path), name_of(other)];
                shas.sort();
                names.sort();
                (shas.join("+"), names.join(" + "))
            }
        };
        let kind = Kind::parse(opts.kind.as_deref())?;
        let opts = &*self.read(|db| Ok(with_data_sheet(db, path, opts, kind)))?;
        // each sheet of a workbook is imported once (a shop keeps a year a sheet); a CSV is one
        // sheet without a name
        let sheet_name = opts.sheet.clone().unwrap_or_default();
        std::thread::scope(|s| {
            // an xlsx order sheet is read on a second thread while the dry run analyses its rows;
            // any other sheet is read whole before the transaction
            let sheet = open_sheet(s, path, opts, kind, ctx.lang)?;
            // history goes in bulk (its rows check their own references); open orders take
            // the order screen's road — an online shop's export has some — and lists are small
            let bulk = matches!(kind, Kind::Orders) && !opts.open_orders.unwrap_or(false) && !platform_export(&sheet, path, opts);
            let args = (&sha, skip_errors, kind.as_str(), &opts.mapping, opts.open_orders, &opts.order_date, &opts.products);
            self.write_as(ctx, "import.orders", &args, bulk, |db, a| {
                a.require(Action::Import)?;
                if let Some(b) = db.import_batch_of_file(&sha, kind.as_str(), &sheet_name)? {
                    let sheet = Some(b.sheet).filter(|s| !s.is_empty());
                    return Err(Problem::ImportedBefore { sheet, at: b.created_at, batch: b.id }.into());
                }
                let (d, grid) = match sheet {
                    Sheet::Streaming(stream) => analyse_streamed_in(db, stream, path, opts, a.lang)?,
                    Sheet::Read(grid) => analyse_in_owned(db, grid, opts, a.lang)?,
                };
                if !d.errors.is_empty() && !skip_errors {
                    let first = &d.errors[0];
                    return Err(Problem::ImportHasErrors {
                        count: d.errors.len() as u32,
                        row: first.row,
                        letter: first.letter.clone(),
                        header: first.column.clone(),
                        problem: first.problem.clone(),
                    }
                    .into());
                }
                let batch = kaidan_store::new_id(a.stamp.at);
                let mapping = serde_json::to_string(&d.mapping).unwrap_or_default();
                db.insert_import_batch(&a.stamp, &batch, kind.as_str(), &file_name, &sheet_name, &sha, &mapping, "{}")?;
                let (mut result, refused): (ImportResult, Vec<u32>) = match kind {
                    Kind::Orders => {
                        let w = write_sheet_orders(db, a, &batch, &d, opts.open_orders.unwrap_or(false), skip_errors, progress, cancel)?;
                        (w.result, w.refused.into_iter().map(|(row, _)| row).collect())
                    }
                    Kind::List(_) => (write_list(db, a, &batch, &d, progress, cancel)?, Vec::new()),
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
                // and the products the user said the sheet's are, for later imports
                for (key, sku) in given_products(db, opts)?.unwrap_or_default() {
                    let id = if sku.is_empty() { None } else { Some(db.product(&sku)?.id) };
                    db.save_product_alias(&a.stamp, &key, id.as_deref())?;
                }
                // the rows the sheet's check named, then the open orders the rules refused
                result.skipped_error_rows = d.errors.iter().map(|e| e.row).chain(refused).collect();
                db.set_import_counts(&batch, &serde_json::to_string(&result).unwrap_or_default())?;
                db.count_changes((result.orders + result.customers_new + result.products_new) as i64)?;
                db.audit(
                    &a.stamp,
                    AuditEntity::ImportBatch,
                    &batch,
                    AuditAction::Import,
                    None,
                    Some(&serde_json::to_value(&result).unwrap_or_default()),
                )?;
                Ok(result)
            })
        })
    }

    /// Undoes a whole import batch while nothing depends on it (owner only).
    pub fn undo_import(&mut self, ctx: &Ctx, batch: &str) -> Result<ImportBatch, Error> {
        self.write(ctx, "import.undo", batch, |db, a| {
            a.require(kaidan_core::Action::UndoImports)?;
            let moves = db.import_moves(batch)?;
            // open orders it made are cancelled first (their reservations released), unless
            // something happened to them since
            let open = db.import_open_orders(batch)?;
            if let Some((n, _)) = open.iter().find(|(_, changed)| *changed) {
                return Err(Problem::ImportUndoBlocked { record: n.clone() }.into());
            }
            // the receipts it recorded for orders paid on an online shop go back first
            for number in db.import_payments(batch)? {
                crate::money::reverse(db, a, &number, "撤销导入 / import undone", crate::money::ReversalDay::OfThePayment)?;
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
        let words = kaidan_core::text::sheet::ErrorCopyWords { lang };
        let mut notes: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
        for (label, list) in [(words.error(), &d.errors), (words.warning(), &d.warnings)] {
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
                ws.write_string(r, width, words.problems_column()).map_err(io)?;
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

    /// The sheet's check; for open orders (all of them, or those the sheet says wait to be
    /// shipped) also the write itself, rehearsed and rolled back ([`rehearse_open_orders`]):
    /// what the import would refuse is said here first.
    fn dry_run_of(&self, grid: &kaidan_import::Grid, opts: &ImportOptions, lang: Lang) -> Result<DryRun, Error> {
        let mut d = self.read(|db| analyse_in(db, grid, opts, lang))?;
        let open = opts.open_orders.unwrap_or(false);
        if matches!(Kind::parse(opts.kind.as_deref())?, Kind::Orders) && d.drafts.iter().any(|o| made_open(o, open)) {
            self.store.rehearse(|db| rehearse_open_orders(db, &mut d, open, lang, chrono::Utc::now()))?;
            d = d.worded(lang);
        }
        Ok(d)
    }
}

/// Whether the sheet is an online shop's export (its orders waiting to be shipped are made open
/// orders, so the import is not written in bulk), told from its first rows before the write:
/// an xlsx being streamed has its head read apart (a few rows of the sheet
/// [`with_data_sheet`] chose).
fn platform_export(sheet: &Sheet<'_>, path: &Path, opts: &ImportOptions) -> bool {
    let export = |g: &kaidan_import::Grid| kaidan_import::platforms::guess_platform_header(g).is_some();
    match (sheet, &opts.sheet) {
        (Sheet::Read(grid), _) => export(grid),
        // a head that cannot be read is said by the import itself, which reads the same sheet
        (Sheet::Streaming(_), Some(name)) => kaidan_import::sheet_head(path, name, 30).is_ok_and(|g| export(&g)),
        (Sheet::Streaming(_), None) => false,
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
    /// How many products the sheet names that the shop lacks (`dry.new_products` holds the
    /// first 200).
    pub new_products_total: u32,
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

pub(super) fn fields_of(kind: Kind) -> Vec<kaidan_import::Field> {
    use kaidan_import::Field::*;
    match kind {
        Kind::Orders => {
            vec![
                OrderNo, Customer, Phone, Address, District, City, Province, Country, Email, OrderDate, DeliverBy, Status, Sku, Product,
                Spec, Unit, Qty, UnitPrice, Amount, Discount, Paid, Postage, Notes,
            ]
        }
        Kind::List(ListKind::Products) => vec![Sku, Barcode, Product, Spec, Unit, UnitPrice, Cost, TaxRate, Stock, ReorderPoint],
        Kind::List(ListKind::Customers) => {
            vec![Customer, Contact, Phone, Address, City, Province, Country, Email, Region, CreditLimit, Terms, Notes]
        }
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
        let new_products_total = dry.new_products.len() as u32;
        dry.new_products.truncate(200);
        dry.errors.truncate(300);
        dry.warnings.truncate(300);
        dry.drafts.truncate(20);
        dry.products.truncate(20);
        dry.customers.truncate(20);
        Ok(ImportPreview { sheets, dry, errors_total, warnings_total, new_products_total, columns, rows, fields: fields_of(kind) })
    }
}
