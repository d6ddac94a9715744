//! `kaidan`: the shop from the command line. Every command takes `--json` for scripts; the
//! commands and JSON keys are a contract (docs/CLI.md): add to them, never rename.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use kaidan_api::core::model::{Customer, Order, OrderSummary, Product, StockLevel, StockMove};
use kaidan_api::core::{Error, Field, FieldKey, Lang, Problem, Role};
use kaidan_api::{ChangeInput, CountInput, Ctx, CustomerInput, DeliverLine, LineInput, OrderInput, OrderQuery, ProductInput};
use serde::Serialize;

mod text;

#[derive(Parser)]
#[command(name = "kaidan", version, about = "Kaidan (开单): orders, stock and deliveries for a small shop")]
struct Cli {
    /// The shop's database file (default: KAIDAN_DB, else the OS app-data folder).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON (decimals as strings) instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// The operator acting (default: the owner).
    #[arg(long = "as", global = true, value_name = "NAME")]
    operator: Option<String>,
    /// The operator's PIN, if they have one (or KAIDAN_PIN).
    #[arg(long, global = true, env = "KAIDAN_PIN", hide_env_values = true)]
    pin: Option<String>,
    /// Idempotency key: a retry with the same id returns the first answer and changes nothing.
    #[arg(long, global = true, value_name = "ID")]
    request_id: Option<String>,
    /// Language of messages: zh-CN or en (default: KAIDAN_LANG, else the system's).
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the shop (once).
    Init {
        #[arg(long)]
        name: Option<String>,
        /// The owner's operator name.
        #[arg(long)]
        owner: Option<String>,
    },
    /// Fill an empty shop with a realistic demo (products, customers, orders in every state).
    Demo {
        #[arg(long, default_value_t = 3000)]
        orders: usize,
        /// Do nothing (and succeed) when the shop already has data.
        #[arg(long)]
        if_empty: bool,
    },
    /// The company profile.
    #[command(subcommand)]
    Company(CompanyCmd),
    /// Operators: the owner and clerks.
    #[command(subcommand)]
    Operator(OperatorCmd),
    /// Shop settings (approval threshold, policies, negative stock, tax).
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// Products: add, edit, list, show.
    #[command(subcommand)]
    Product(ProductCmd),
    /// Customers: add, edit, list, show (with credit).
    #[command(subcommand)]
    Customer(CustomerCmd),
    /// Stock: receive, adjust, stocktake, levels, the movement ledger.
    #[command(subcommand)]
    Stock(StockCmd),
    /// Orders: create, confirm, approve, change, cancel, deliver, show, list.
    #[command(subcommand)]
    Order(OrderCmd),
    /// Deliveries: show.
    #[command(subcommand)]
    Delivery(DeliveryCmd),
    /// Invoices (销售单) and credit notes (冲销单): issue, credit, show, list.
    #[command(subcommand)]
    Invoice(InvoiceCmd),
    /// Record money received and allocate it: to the invoices named, else the order's invoices
    /// (a deposit waits for them), else the oldest open invoices first.
    Pay {
        customer: String,
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// cash, bank, wechat, alipay, card, other (现金, 转账, 微信, 支付宝, 刷卡, 其他).
        #[arg(long)]
        method: String,
        #[arg(long, conflicts_with = "invoice")]
        order: Option<String>,
        /// Repeat, or comma-separated.
        #[arg(long, value_delimiter = ',')]
        invoice: Vec<String>,
        /// YYYY-MM-DD (default today).
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        reference: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Pay unallocated credit back to a customer.
    Refund {
        customer: String,
        #[arg(allow_hyphen_values = true)]
        amount: String,
        #[arg(long)]
        method: String,
        /// Pay back a deposit paid on this order.
        #[arg(long)]
        order: Option<String>,
        #[arg(long)]
        reference: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Match a customer's credit to their open invoices, oldest due first; or by hand
    /// (--payment RC-… --invoice INV-… [--amount X]); --undo takes a match back.
    Allocate {
        customer: String,
        #[arg(long, requires = "invoice")]
        payment: Option<String>,
        #[arg(long, requires = "payment")]
        invoice: Option<String>,
        #[arg(long, requires = "payment")]
        amount: Option<String>,
        #[arg(long, requires = "payment")]
        undo: bool,
    },
    /// A customer's statement (对账单) for a period: opening balance, every invoice, credit note
    /// and payment with a running balance, closing balance.
    Statement {
        customer: String,
        /// YYYY-MM-DD (default: the first day of this month).
        #[arg(long)]
        from: Option<String>,
        /// YYYY-MM-DD (default today).
        #[arg(long)]
        to: Option<String>,
    },
    /// Take delivered goods back: SKU:QTY lines (damaged ones with --damaged SKU:QTY), a credit
    /// note for what was invoiced, and the value kept as credit (--credit, default) or paid back
    /// (--refund). --exchange SKU:QTY makes a new order for the replacement goods.
    Return {
        order: String,
        #[arg(long = "line")]
        lines: Vec<String>,
        /// Written off instead of going back on the shelf.
        #[arg(long = "damaged")]
        damaged: Vec<String>,
        #[arg(long, conflicts_with = "credit")]
        refund: bool,
        #[arg(long)]
        credit: bool,
        /// How a refund is paid (default cash).
        #[arg(long)]
        method: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long = "exchange")]
        exchange: Vec<String>,
    },
    /// Returns: show one.
    #[command(subcommand)]
    Returns(ReturnsCmd),
    /// Payments: show one, or reverse a mistaken one.
    #[command(subcommand)]
    Payment(PaymentCmd),
    /// A customer's account: balance, credit limit used and left, open invoices.
    Account {
        customer: String,
        /// YYYY-MM-DD (default today).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// AR aging of every customer: current, 1–30, 31–60, 61–90, 90+ days past due.
    Aging {
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Print a document to a PDF file: invoice, credit, delivery or receipt.
    Print {
        /// invoice, credit, delivery, receipt, statement.
        kind: String,
        /// The document's number (a receipt: an invoice or an order number; a statement: the
        /// customer).
        number: String,
        /// A statement's first day, YYYY-MM-DD (default: the first day of this month).
        #[arg(long)]
        from: Option<String>,
        /// A statement's last day, YYYY-MM-DD (default today).
        #[arg(long)]
        to: Option<String>,
        /// a4, a5, 80mm, 58mm, 241mm (default: the setting for the kind).
        #[arg(long)]
        paper: Option<String>,
        /// A delivery note without prices or amounts.
        #[arg(long)]
        no_prices: bool,
        /// A delivery note with prices (when the setting is off).
        #[arg(long, conflicts_with = "no_prices")]
        prices: bool,
        /// Not a print: no log entry, the next print is still the original.
        #[arg(long)]
        preview: bool,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import an old order sheet (xlsx, xls, ods, csv, tsv, txt) as completed history, in one
    /// transaction; `--dry-run` checks everything and writes nothing.
    Import {
        file: PathBuf,
        #[arg(long)]
        sheet: Option<String>,
        /// orders (an order sheet, imported as completed history), products (a product list,
        /// with opening stock) or customers (a customer list).
        #[arg(long, default_value = "orders")]
        kind: String,
        /// auto (remembered for this header, else guessed from the header names) or a JSON
        /// file: {"header_row": 3, "columns": {"客户名": "customer", "品名": "product", …}}.
        /// A mapping given is remembered for files with the same header.
        #[arg(long, default_value = "auto")]
        mapping: String,
        /// utf-8, gbk, gb18030, big5 (default: detected).
        #[arg(long)]
        encoding: Option<String>,
        #[arg(long)]
        dry_run: bool,
        /// Import the good rows of a sheet that has bad ones (they are listed).
        #[arg(long)]
        skip_errors: bool,
        /// An order sheet of orders still to deliver: import them as open orders (confirmed,
        /// stock reserved, the credit and price rules applied) instead of completed history.
        #[arg(long)]
        open: bool,
        /// With --dry-run: also save an .xlsx copy of the sheet with a column naming each
        /// row's problems.
        #[arg(long, value_name = "FILE")]
        errors_out: Option<PathBuf>,
    },
    /// Export orders, lines, customers, products or stock moves to .xlsx or CSV.
    Export {
        /// orders, lines, customers, products, moves
        what: String,
        #[arg(long, default_value = "xlsx")]
        format: String,
        /// For CSV: utf-8 (with a BOM, for Excel) or gbk.
        #[arg(long, default_value = "utf-8")]
        encoding: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import batches: list, undo.
    #[command(subcommand)]
    Imports(ImportsCmd),
    /// Back up the shop now (verified), into the backup folder or DIR.
    Backup {
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// Backups: list the good ones and the latest attempts.
    #[command(subcommand)]
    Backups(BackupsCmd),
    /// Replace the shop's data with a backup (the current data is saved first).
    Restore {
        file: PathBuf,
        /// Really replace the data (without it: show what is in the backup).
        #[arg(long)]
        yes: bool,
    },
    /// Check the database and every invariant (ledger = balances, reservations, totals, numbering).
    Check {
        /// Full `integrity_check` instead of `quick_check`.
        #[arg(long)]
        full: bool,
    },
}

#[derive(Subcommand)]
enum ImportsCmd {
    List,
    /// Undo a whole import batch while nothing depends on it (owner).
    Undo {
        batch: String,
    },
}

#[derive(Subcommand)]
enum BackupsCmd {
    List {
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum CompanyCmd {
    Show,
    Set {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        address: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        tax_id: Option<String>,
        #[arg(long)]
        bank_account: Option<String>,
    },
    /// The logo printed in document headers: a PNG or JPEG of at most 512 KiB (owner).
    Logo {
        #[arg(required_unless_present = "remove")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
}

#[derive(Subcommand)]
enum OperatorCmd {
    Add {
        name: String,
        #[arg(long, default_value = "clerk")]
        role: String,
        /// 4–12 digits.
        #[arg(long = "new-pin")]
        new_pin: Option<String>,
    },
    List,
}

#[derive(Subcommand)]
enum SettingsCmd {
    Show,
    Set { key: String, value: String },
}

#[derive(Args, Default)]
struct ProductFields {
    #[arg(long)]
    sku: Option<String>,
    #[arg(long)]
    barcode: Option<String>,
    #[arg(long)]
    name: Option<String>,
    /// 规格/型号.
    #[arg(long)]
    spec: Option<String>,
    #[arg(long)]
    unit: Option<String>,
    #[arg(long)]
    price: Option<String>,
    #[arg(long)]
    cost: Option<String>,
    /// Percent, e.g. 13.
    #[arg(long)]
    tax_rate: Option<String>,
    #[arg(long)]
    reorder_point: Option<String>,
    #[arg(long)]
    active: Option<bool>,
}

impl ProductFields {
    fn input(self) -> ProductInput {
        ProductInput {
            sku: self.sku,
            barcode: self.barcode,
            name: self.name,
            spec: self.spec,
            unit: self.unit,
            price: self.price,
            cost: self.cost,
            tax_rate: self.tax_rate,
            reorder_point: self.reorder_point,
            active: self.active,
        }
    }
}

#[derive(Subcommand)]
enum ProductCmd {
    Add(ProductFields),
    /// Change a product (by SKU or barcode); options not given stay as they are.
    Edit {
        key: String,
        #[command(flatten)]
        fields: ProductFields,
    },
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        /// The last SKU of the previous page.
        #[arg(long)]
        after: Option<String>,
    },
    Show {
        key: String,
    },
}

#[derive(Args, Default)]
struct CustomerFields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long = "contact")]
    contact_person: Option<String>,
    /// Repeat for several numbers.
    #[arg(long = "phone")]
    phones: Vec<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    region: Option<String>,
    /// Empty for no limit.
    #[arg(long)]
    credit_limit: Option<String>,
    /// Payment terms in days.
    #[arg(long)]
    terms: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

impl CustomerFields {
    fn input(self) -> CustomerInput {
        CustomerInput {
            name: self.name,
            contact_person: self.contact_person,
            phones: if self.phones.is_empty() { None } else { Some(self.phones) },
            address: self.address,
            region: self.region,
            credit_limit: self.credit_limit,
            payment_terms_days: self.terms,
            notes: self.notes,
        }
    }
}

#[derive(Subcommand)]
enum CustomerCmd {
    Add(CustomerFields),
    Edit {
        key: String,
        #[command(flatten)]
        fields: CustomerFields,
    },
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        after: Option<String>,
    },
    /// A customer with credit limit, open orders, unpaid amount and credit left.
    Show {
        key: String,
    },
}

#[derive(Subcommand)]
enum StockCmd {
    /// Goods in (purchase receipt).
    Receive {
        sku: String,
        qty: String,
        /// Unit cost paid.
        #[arg(long)]
        cost: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// A signed correction with a reason.
    Adjust {
        sku: String,
        #[arg(allow_hyphen_values = true)]
        change: String,
        #[arg(long)]
        reason: String,
    },
    /// Stocktake (盘点): SKU=COUNTED … ; differences become movements.
    Take {
        #[arg(required = true)]
        counts: Vec<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// On hand, reserved and available.
    Show {
        sku: Option<String>,
        /// Only products at or below their reorder point.
        #[arg(long)]
        low: bool,
        #[arg(long, default_value_t = 1000)]
        limit: u32,
    },
    /// The movement ledger, newest first.
    Moves {
        sku: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        before: Option<String>,
    },
}

#[derive(Subcommand)]
enum OrderCmd {
    /// Create a draft order.
    Create {
        #[arg(long)]
        customer: String,
        /// SKU:QTY[:PRICE[:DISCOUNT%]]; repeat for each line.
        #[arg(long = "line", required = true)]
        lines: Vec<String>,
        #[arg(long)]
        channel: Option<String>,
        /// Order date, YYYY-MM-DD (default today).
        #[arg(long)]
        date: Option<String>,
        /// Promised delivery date, YYYY-MM-DD.
        #[arg(long)]
        deliver_by: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// Confirm it in the same step (one transaction).
        #[arg(long)]
        confirm: bool,
        /// Confirm and deliver everything now, a counter sale (one transaction).
        #[arg(long)]
        deliver: bool,
    },
    Confirm {
        number: String,
    },
    /// Approve an order waiting for approval (owner).
    Approve {
        number: String,
    },
    /// Change lines (replacing them all), channel, promised date or notes.
    Change {
        number: String,
        #[arg(long = "line")]
        lines: Vec<String>,
        #[arg(long)]
        channel: Option<String>,
        #[arg(long)]
        deliver_by: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    Cancel {
        number: String,
        #[arg(long)]
        reason: String,
    },
    /// Deliver everything remaining, or SKU:QTY per --line.
    Deliver {
        number: String,
        #[arg(long = "line")]
        lines: Vec<String>,
        /// Money taken at the door (cash on delivery), recorded as a receipt on the order.
        #[arg(long, requires = "method")]
        pay: Option<String>,
        /// How that money was paid: cash, bank, wechat, alipay, card, other.
        #[arg(long, requires = "pay")]
        method: Option<String>,
        /// The owner lets the goods go to a customer over the credit limit.
        #[arg(long)]
        approve_credit: bool,
    },
    Show {
        number: String,
    },
    /// The order's audit history.
    History {
        number: String,
    },
    List {
        #[arg(long)]
        status: Option<String>,
        /// unpaid, deposit, partially_paid, paid, overpaid.
        #[arg(long)]
        payment: Option<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        customer: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        cursor: Option<String>,
    },
}

#[derive(Subcommand)]
enum DeliveryCmd {
    Show { number: String },
}

#[derive(Subcommand)]
enum ReturnsCmd {
    Show { number: String },
}

#[derive(Subcommand)]
enum PaymentCmd {
    Show {
        number: String,
    },
    /// Reverse a receipt or refund entered by mistake (its allocations are taken back).
    Reverse {
        number: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
enum InvoiceCmd {
    /// Issue an invoice for an order: everything delivered and not yet invoiced, or SKU:QTY
    /// lines (comma-separated or repeated), which may run ahead of delivery.
    Issue {
        order: String,
        #[arg(long = "lines", alias = "line", value_delimiter = ',')]
        lines: Vec<String>,
    },
    /// Issue a credit note against an invoice: all of it, or SKU:QTY lines.
    Credit {
        number: String,
        #[arg(long = "lines", alias = "line", value_delimiter = ',')]
        lines: Vec<String>,
        #[arg(long)]
        reason: Option<String>,
    },
    Show {
        number: String,
    },
    /// The invoices and credit notes of an order.
    List {
        #[arg(long)]
        order: String,
    },
}

fn detect_lang(flag: Option<&str>) -> Lang {
    if let Some(l) = flag {
        return Lang::from_locale(l);
    }
    if let Ok(l) = std::env::var("KAIDAN_LANG") {
        if !l.is_empty() {
            return Lang::from_locale(&l);
        }
    }
    sys_locale::get_locale().map(|l| Lang::from_locale(&l)).unwrap_or(Lang::En)
}

/// `SKU:QTY[:PRICE[:DISCOUNT]]` (a full-width colon works too).
fn parse_line_arg(row: usize, s: &str) -> Result<LineInput, Error> {
    let s = s.replace('：', ":");
    let parts: Vec<&str> = s.split(':').collect();
    if parts.len() < 2 || parts.len() > 4 || parts[0].trim().is_empty() {
        return Err(Error::at(
            Problem::BadChoice { text: s.clone(), allowed: vec!["SKU:QTY[:PRICE[:DISCOUNT]]".into()] },
            Field::row(FieldKey::Line, row),
        ));
    }
    Ok(LineInput {
        sku: parts[0].trim().to_string(),
        qty: parts[1].trim().to_string(),
        unit_price: parts.get(2).map(|p| p.trim().to_string()),
        discount: parts.get(3).map(|p| p.trim().to_string()),
    })
}

/// `SKU:QTY` lines of an invoice or credit note (`None` when none are given).
fn doc_lines(args: &[String]) -> Result<Option<Vec<kaidan_api::DocLineInput>>, Error> {
    let args: Vec<&String> = args.iter().filter(|a| !a.trim().is_empty()).collect();
    if args.is_empty() {
        return Ok(None);
    }
    let mut v = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        let norm = a.replace('：', ":");
        match norm.split_once(':') {
            Some((sku, qty)) if !sku.trim().is_empty() && !qty.contains(':') => {
                v.push(kaidan_api::DocLineInput { sku: sku.trim().to_string(), qty: qty.trim().to_string() })
            }
            _ => {
                return Err(Error::at(
                    Problem::BadChoice { text: a.to_string(), allowed: vec!["SKU:QTY".into()] },
                    Field::row(FieldKey::Line, i + 1),
                ))
            }
        }
    }
    Ok(Some(v))
}

/// A statement's period: `--from` (default the first of this month) to `--to` (default today).
fn period(from: Option<&str>, to: Option<&str>, today: chrono::NaiveDate) -> Result<(chrono::NaiveDate, chrono::NaiveDate), Error> {
    use chrono::Datelike;
    let parse = |key, text: Option<&str>, default| match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => kaidan_api::core::validate::date(Field::new(key), t),
        None => Ok(default),
    };
    Ok((parse(FieldKey::From, from, today.with_day(1).unwrap_or(today))?, parse(FieldKey::To, to, today)?))
}

fn as_of_date(text: Option<&str>, today: chrono::NaiveDate) -> Result<chrono::NaiveDate, Error> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => kaidan_api::core::validate::date(Field::new(FieldKey::OrderDate), t),
        None => Ok(today),
    }
}

/// What `kaidan print` reports: the document and the file written.
#[derive(Serialize)]
struct PrintReport {
    #[serde(flatten)]
    printed: kaidan_api::Printed,
    out: String,
}

/// Writes a whole file or nothing (see [`kaidan_api::write_bytes_whole`]).
fn write_file_whole(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    kaidan_api::write_bytes_whole(path, bytes).map_err(|e| Error::new(Problem::PrintFailed { detail: format!("{}: {e}", path.display()) }))
}

fn parse_lines(args: &[String]) -> Result<Vec<LineInput>, Error> {
    args.iter().enumerate().map(|(i, s)| parse_line_arg(i + 1, s)).collect()
}

struct Out {
    json: bool,
    lang: Lang,
}

impl Out {
    fn print<T: Serialize>(&self, value: &T, human: impl FnOnce(Lang) -> String) {
        if self.json {
            println!("{}", serde_json::to_string_pretty(value).expect("serializable"));
        } else {
            let s = human(self.lang);
            if !s.is_empty() {
                println!("{}", s.trim_end());
            }
        }
    }
}

/// Runs one command. `Ok(false)`: it ran and reported a problem (exit 1, no error object).
fn run(cli: Cli, out: &Out) -> Result<bool, Error> {
    let ctx = Ctx::now(out.lang, cli.operator.clone(), cli.pin.clone(), cli.request_id.clone());
    let path = kaidan_api::resolve_db_path(cli.db.as_deref())?;
    let mut shop = match (kaidan_api::open_shop(&path), &cli.command) {
        (Ok(s), _) => s,
        (Err(e), Command::Restore { file, yes }) if e.code() == kaidan_api::core::ErrorCode::Damaged => {
            let (_shop, aside) = kaidan_api::restore_over_damaged(&path, file, ctx.now, *yes)?;
            out.print(&serde_json::json!({ "restored": file, "damaged_copy": aside }), |l| text::restored_over_damaged(l, file, &aside));
            return Ok(true);
        }
        (Err(e), _) => return Err(e),
    };
    let lang = out.lang;
    let ok = dispatch(cli.command, &mut shop, &ctx, &path, out)?;
    // at least one automatic backup a day, after a use case wrote; a failure is recorded and
    // shown, and the shop keeps working
    if let Err(e) = shop.backup_after_writes(&ctx) {
        eprintln!("{}: {}", if lang == Lang::ZhCn { "自动备份失败" } else { "automatic backup failed" }, e.message(lang));
    }
    Ok(ok)
}

fn dispatch(command: Command, shop: &mut kaidan_api::Shop, ctx: &Ctx, path: &std::path::Path, out: &Out) -> Result<bool, Error> {
    let lang = out.lang;
    let (ctx, path) = (ctx.clone(), path.to_path_buf());
    match command {
        Command::Init { name, owner } => {
            let default_name = if lang == Lang::ZhCn { "我的小店" } else { "My Shop" };
            let default_owner = if lang == Lang::ZhCn { "店主" } else { "owner" };
            let c = shop.init(&ctx, name.as_deref().unwrap_or(default_name), owner.as_deref().unwrap_or(default_owner))?;
            out.print(&serde_json::json!({ "company": c, "db": path }), |l| text::initialized(l, &c.name, &path));
        }
        Command::Demo { orders, if_empty } => {
            if if_empty && shop.is_initialized()? && (!shop.products(None, None, 1)?.is_empty()) {
                out.print(&serde_json::json!({ "skipped": true, "db": path }), |l| text::demo_skipped(l, &path));
                return Ok(true);
            }
            let s = shop.demo(&ctx, orders)?;
            out.print(&s, |l| text::demo(l, &s, &path));
        }
        Command::Company(CompanyCmd::Show) => {
            let c = shop.company()?;
            out.print(&c, |l| text::company(l, &c));
        }
        Command::Company(CompanyCmd::Logo { file, remove }) => {
            let bytes = match (&file, remove) {
                (Some(f), false) => {
                    Some(std::fs::read(f).map_err(|e| Error::new(Problem::PrintFailed { detail: format!("{}: {e}", f.display()) }))?)
                }
                _ => None,
            };
            shop.set_logo(&ctx, bytes.as_deref())?;
            let c = shop.company()?;
            out.print(&c, |l| text::company(l, &c));
        }
        Command::Company(CompanyCmd::Set { name, address, phone, tax_id, bank_account }) => {
            let mut c = shop.company()?;
            if let Some(v) = name {
                c.name = v;
            }
            c.address = address.or(c.address);
            c.phone = phone.or(c.phone);
            c.tax_id = tax_id.or(c.tax_id);
            c.bank_account = bank_account.or(c.bank_account);
            let c = shop.update_company(&ctx, &c)?;
            out.print(&c, |l| text::company(l, &c));
        }
        Command::Operator(OperatorCmd::Add { name, role, new_pin }) => {
            let r = Role::parse(&role).ok_or_else(|| {
                Error::at(
                    Problem::BadChoice { text: role.clone(), allowed: vec!["owner".into(), "clerk".into()] },
                    Field::new(FieldKey::Role),
                )
            })?;
            let op = shop.add_operator(&ctx, &name, r, new_pin.as_deref())?;
            out.print(&op, |l| text::operators(l, std::slice::from_ref(&op)));
        }
        Command::Operator(OperatorCmd::List) => {
            let ops = shop.operators()?;
            out.print(&ops, |l| text::operators(l, &ops));
        }
        Command::Settings(SettingsCmd::Show) => {
            let s = shop.settings()?;
            out.print(&s, |l| text::settings(l, &s));
        }
        Command::Settings(SettingsCmd::Set { key, value }) => {
            let s = shop.set_setting(&ctx, &key, &value)?;
            out.print(&s, |l| text::settings(l, &s));
        }
        Command::Product(ProductCmd::Add(f)) => {
            let p = shop.add_product(&ctx, &f.input())?;
            out.print(&p, |l| text::product(l, &p));
        }
        Command::Product(ProductCmd::Edit { key, fields }) => {
            let p = shop.update_product(&ctx, &key, &fields.input())?;
            out.print(&p, |l| text::product(l, &p));
        }
        Command::Product(ProductCmd::List { search, limit, after }) => {
            let items: Vec<Product> = shop.products(search.as_deref(), after.as_deref(), limit)?;
            let next = if items.len() == limit as usize { items.last().map(|p| p.sku.clone()) } else { None };
            out.print(&serde_json::json!({ "items": items, "next_cursor": next }), |l| text::products(l, &items));
        }
        Command::Product(ProductCmd::Show { key }) => {
            let p = shop.product(&key)?;
            out.print(&p, |l| text::product(l, &p));
        }
        Command::Customer(CustomerCmd::Add(f)) => {
            let c = shop.add_customer(&ctx, &f.input())?;
            out.print(&c, |l| text::customer(l, &c, None));
        }
        Command::Customer(CustomerCmd::Edit { key, fields }) => {
            let c = shop.update_customer(&ctx, &key, &fields.input())?;
            out.print(&c, |l| text::customer(l, &c, None));
        }
        Command::Customer(CustomerCmd::List { search, limit, after }) => {
            let items: Vec<Customer> = shop.customers(search.as_deref(), after.as_deref(), limit)?;
            let next = if items.len() == limit as usize { items.last().map(|c| c.name.clone()) } else { None };
            out.print(&serde_json::json!({ "items": items, "next_cursor": next }), |l| text::customers(l, &items));
        }
        Command::Customer(CustomerCmd::Show { key }) => {
            let (c, pos) = shop.customer_credit(&key)?;
            let mut v = serde_json::to_value(&c).expect("serializable");
            v["credit"] = serde_json::to_value(&pos).expect("serializable");
            out.print(&v, |l| text::customer(l, &c, Some(&pos)));
        }
        Command::Stock(StockCmd::Receive { sku, qty, cost, note }) => {
            let s = shop.receive_stock(&ctx, &sku, &qty, cost.as_deref(), note.as_deref())?;
            out.print(&serde_json::json!({ "rows": [&s] }), |l| text::stock(l, std::slice::from_ref(&s)));
        }
        Command::Stock(StockCmd::Adjust { sku, change, reason }) => {
            let s = shop.adjust_stock(&ctx, &sku, &change, &reason)?;
            out.print(&serde_json::json!({ "rows": [&s] }), |l| text::stock(l, std::slice::from_ref(&s)));
        }
        Command::Stock(StockCmd::Take { counts, note }) => {
            let mut parsed = Vec::new();
            for (i, c) in counts.iter().enumerate() {
                let c = c.replace('＝', "=");
                let (sku, counted) = c.split_once('=').ok_or_else(|| {
                    Error::at(
                        Problem::BadChoice { text: c.clone(), allowed: vec!["SKU=COUNTED".into()] },
                        Field::row(FieldKey::Counted, i + 1),
                    )
                })?;
                parsed.push(CountInput { sku: sku.to_string(), counted: counted.to_string() });
            }
            let rows = shop.stocktake(&ctx, &parsed, note.as_deref())?;
            out.print(&serde_json::json!({ "rows": rows }), |l| text::stock(l, &rows));
        }
        Command::Stock(StockCmd::Show { sku, low, limit }) => {
            let rows: Vec<StockLevel> = shop.stock_levels(sku.as_deref(), low, None, limit)?;
            out.print(&serde_json::json!({ "rows": rows }), |l| text::stock(l, &rows));
        }
        Command::Stock(StockCmd::Moves { sku, limit, before }) => {
            let items: Vec<StockMove> = shop.stock_moves(sku.as_deref(), before.as_deref(), limit)?;
            let next = if items.len() == limit as usize { items.last().map(|m| m.id.clone()) } else { None };
            out.print(&serde_json::json!({ "items": items, "next_cursor": next }), |l| text::moves(l, &items));
        }
        Command::Order(OrderCmd::Create { customer, lines, channel, date, deliver_by, notes, confirm, deliver }) => {
            let input = OrderInput { customer, lines: parse_lines(&lines)?, channel, order_date: date, deliver_by, notes };
            let o = if confirm || deliver { shop.create_and_confirm(&ctx, &input, deliver)? } else { shop.create_order(&ctx, &input)? };
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Confirm { number }) => {
            let o = shop.confirm_order(&ctx, &number)?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Approve { number }) => {
            let o = shop.approve_order(&ctx, &number)?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Change { number, lines, channel, deliver_by, notes }) => {
            let input = ChangeInput { lines: if lines.is_empty() { None } else { Some(parse_lines(&lines)?) }, channel, deliver_by, notes };
            let o = shop.change_order(&ctx, &number, &input)?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Cancel { number, reason }) => {
            let o = shop.cancel_order(&ctx, &number, &reason)?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Deliver { number, lines, pay, method, approve_credit }) => {
            let wanted = if lines.is_empty() {
                None
            } else {
                let mut v = Vec::new();
                for (i, s) in lines.iter().enumerate() {
                    let l = parse_line_arg(i + 1, s)?;
                    v.push(DeliverLine { sku: l.sku, qty: l.qty });
                }
                Some(v)
            };
            let input = kaidan_api::DeliverInput {
                lines: wanted,
                payment: pay.map(|amount| kaidan_api::CodInput { amount, method: method.unwrap_or_default(), reference: None }),
                approve_credit: approve_credit.then_some(true),
            };
            let d = shop.deliver_order(&ctx, &number, &input)?;
            out.print(&d, |l| text::delivery_outcome(l, &d));
        }
        Command::Order(OrderCmd::Show { number }) => {
            let o: Order = shop.order(&number)?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::History { number }) => {
            let h = shop.order_history(&number)?;
            out.print(&serde_json::json!({ "items": h }), |l| text::history(l, &h));
        }
        Command::Order(OrderCmd::List { status, payment, search, customer, from, to, limit, cursor }) => {
            let page = shop.orders(&OrderQuery { status, payment, search, customer, from, to, cursor, limit: Some(limit) })?;
            let items: &[OrderSummary] = &page.items;
            out.print(&page, |l| text::orders(l, items, page.next_cursor.as_deref()));
        }
        Command::Delivery(DeliveryCmd::Show { number }) => {
            let d = shop.delivery(&number)?;
            out.print(&d, |l| text::delivery(l, &d));
        }
        Command::Invoice(InvoiceCmd::Issue { order, lines }) => {
            let wanted = doc_lines(&lines)?;
            let inv = shop.issue_invoice(&ctx, &order, wanted.as_deref())?;
            out.print(&inv, |l| text::invoice(l, &inv));
        }
        Command::Invoice(InvoiceCmd::Credit { number, lines, reason }) => {
            let wanted = doc_lines(&lines)?;
            let inv = shop.credit_invoice(&ctx, &number, wanted.as_deref(), reason.as_deref())?;
            out.print(&inv, |l| text::invoice(l, &inv));
        }
        Command::Invoice(InvoiceCmd::Show { number }) => {
            let inv = shop.invoice(&number)?;
            out.print(&inv, |l| text::invoice(l, &inv));
        }
        Command::Invoice(InvoiceCmd::List { order }) => {
            let list = shop.invoices_of_order(&order)?;
            out.print(&list, |l| text::invoices(l, &list));
        }
        Command::Pay { customer, amount, method, order, invoice, date, reference, note } => {
            let input = kaidan_api::PayInput {
                customer,
                amount,
                method,
                date,
                reference,
                order,
                invoices: if invoice.is_empty() { None } else { Some(invoice) },
                note,
            };
            let p = shop.pay(&ctx, &input)?;
            out.print(&p, |l| text::payment(l, &p));
        }
        Command::Refund { customer, amount, method, order, reference, note } => {
            let input = kaidan_api::PayInput { customer, amount, method, order, reference, note, ..Default::default() };
            let p = shop.refund(&ctx, &input)?;
            out.print(&p, |l| text::payment(l, &p));
        }
        Command::Allocate { customer, payment, invoice, amount, undo } => {
            let input = kaidan_api::AllocateInput { customer, payment, invoice, amount, undo: undo.then_some(true) };
            let r = shop.allocate(&ctx, &input)?;
            out.print(&r, |l| text::allocated(l, &r));
        }
        Command::Statement { customer, from, to } => {
            let (from, to) = period(from.as_deref(), to.as_deref(), ctx.today)?;
            let st = shop.statement(&customer, from, to)?;
            out.print(&st, |l| text::statement(l, &st));
        }
        Command::Return { order, lines, damaged, refund, credit: _, method, reason, exchange } => {
            let mut rows = Vec::new();
            for (arg, is_damaged) in lines.iter().map(|l| (l, false)).chain(damaged.iter().map(|l| (l, true))) {
                let l = parse_line_arg(rows.len() + 1, arg)?;
                rows.push(kaidan_api::ReturnLineInput { sku: l.sku, qty: l.qty, damaged: is_damaged.then_some(true) });
            }
            let exchange = exchange.iter().enumerate().map(|(i, a)| parse_line_arg(i + 1, a)).collect::<Result<Vec<_>, _>>()?;
            let input = kaidan_api::ReturnInput {
                order,
                lines: rows,
                settlement: Some(if refund { "refund" } else { "credit" }.into()),
                method,
                reason,
                exchange: if exchange.is_empty() { None } else { Some(exchange) },
            };
            let r = shop.return_goods(&ctx, &input)?;
            out.print(&r, |l| text::sales_return(l, &r));
        }
        Command::Returns(ReturnsCmd::Show { number }) => {
            let r = shop.sales_return(&number)?;
            out.print(&r, |l| text::sales_return(l, &r));
        }
        Command::Payment(PaymentCmd::Show { number }) => {
            let p = shop.payment(&number)?;
            out.print(&p, |l| text::payment(l, &p));
        }
        Command::Payment(PaymentCmd::Reverse { number, reason }) => {
            let p = shop.reverse_payment(&ctx, &number, &reason)?;
            out.print(&p, |l| text::payment(l, &p));
        }
        Command::Account { customer, as_of } => {
            let as_of = as_of_date(as_of.as_deref(), ctx.today)?;
            let a = shop.account(&customer, as_of)?;
            out.print(&a, |l| text::account(l, &a));
        }
        Command::Aging { as_of } => {
            let as_of = as_of_date(as_of.as_deref(), ctx.today)?;
            let a = shop.aging(as_of)?;
            out.print(&a, |l| text::aging(l, &a));
        }
        Command::Print { kind, number, from, to, paper, no_prices, prices, preview, out: file } => {
            let (from, to) = if kind.trim() == "statement" {
                let (f, t) = period(from.as_deref(), to.as_deref(), ctx.today)?;
                (Some(f.to_string()), Some(t.to_string()))
            } else {
                (None, None)
            };
            let req = kaidan_api::PrintRequest {
                kind,
                number,
                from,
                to,
                paper,
                prices: if no_prices {
                    Some(false)
                } else if prices {
                    Some(true)
                } else {
                    None
                },
                preview: Some(preview),
            };
            let (printed, pdf) = shop.print(&ctx, &req)?;
            write_file_whole(&file, &pdf)?;
            let report = PrintReport { printed, out: file.display().to_string() };
            out.print(&report, |l| text::printed(l, &report.printed, &file));
        }
        Command::Import { file, sheet, kind, mapping, encoding, dry_run, skip_errors, open, errors_out } => {
            let mapping = match mapping.trim() {
                "auto" | "" => None,
                file => {
                    let text = std::fs::read_to_string(file)
                        .map_err(|e| Error::new(Problem::ImportFile { detail: format!("--mapping {file}: {e}") }))?;
                    Some(
                        serde_json::from_str::<kaidan_api::MappingSpec>(&text)
                            .map_err(|e| Error::new(Problem::ImportFile { detail: format!("--mapping {file}: {e}") }))?,
                    )
                }
            };
            let opts = kaidan_api::ImportOptions { sheet, encoding, kind: Some(kind), mapping, open_orders: open.then_some(true) };
            if dry_run {
                let d = shop.import_dry_run(&file, &opts, lang)?;
                if let Some(copy) = &errors_out {
                    shop.import_error_copy(&file, &opts, copy, lang)?;
                }
                out.print(&d, |l| text::dry_run(l, &d));
            } else {
                let cancel = std::sync::atomic::AtomicBool::new(false);
                let show = !out.json && std::io::IsTerminal::is_terminal(&std::io::stderr());
                let mut progress = |done: u64, total: u64| {
                    if show && total > 0 {
                        eprint!("\r{} {done}/{total}", if lang == Lang::ZhCn { "导入中" } else { "importing" });
                    }
                };
                let r = shop.import_orders(&ctx, &file, &opts, skip_errors, &mut progress, &cancel);
                if show {
                    eprintln!();
                }
                let r = r?;
                out.print(&r, |l| text::imported(l, &r));
            }
        }
        Command::Export { what, format, encoding, out: file } => {
            let kind = kaidan_api::ExportKind::parse(&what).ok_or_else(|| {
                Error::at(
                    Problem::BadChoice {
                        text: what.clone(),
                        allowed: ["orders", "lines", "customers", "products", "moves"].map(String::from).to_vec(),
                    },
                    Field::new(FieldKey::Setting),
                )
            })?;
            let fmt = match (format.as_str(), encoding.to_ascii_lowercase().as_str()) {
                ("xlsx", _) => kaidan_api::ExportFormat::Xlsx,
                ("csv", "utf-8" | "utf8") => kaidan_api::ExportFormat::CsvUtf8,
                ("csv", "gbk" | "gb18030") => kaidan_api::ExportFormat::CsvGbk,
                ("csv", other) => {
                    return Err(Error::at(
                        Problem::BadChoice { text: other.to_string(), allowed: vec!["utf-8".into(), "gbk".into()] },
                        Field::new(FieldKey::Setting),
                    ))
                }
                (other, _) => {
                    return Err(Error::at(
                        Problem::BadChoice { text: other.to_string(), allowed: vec!["xlsx".into(), "csv".into()] },
                        Field::new(FieldKey::Setting),
                    ))
                }
            };
            let r = shop.export(kind, fmt, &file, &std::sync::atomic::AtomicBool::new(false))?;
            out.print(&r, |l| match l {
                Lang::ZhCn => format!("已导出 {} 行：{}", r.rows, r.file.display()),
                Lang::En => format!("Exported {} rows: {}", r.rows, r.file.display()),
            });
        }
        Command::Imports(ImportsCmd::List) => {
            let list = shop.import_batches(100)?;
            out.print(&serde_json::json!({ "items": list }), |l| text::imports(l, &list));
        }
        Command::Imports(ImportsCmd::Undo { batch }) => {
            let b = shop.undo_import(&ctx, &batch)?;
            out.print(&b, |l| text::imports(l, std::slice::from_ref(&b)));
        }
        Command::Backup { to } => {
            let cancel = std::sync::atomic::AtomicBool::new(false);
            let show = !out.json && std::io::IsTerminal::is_terminal(&std::io::stderr());
            let mut progress = |done: u64, total: u64| {
                if show && total > 0 {
                    eprint!("\r{} {}%", if lang == Lang::ZhCn { "备份中" } else { "backing up" }, done * 100 / total);
                }
            };
            let b = shop.backup(&ctx, to.as_deref(), kaidan_api::BackupKind::Manual, &mut progress, &cancel);
            if show {
                eprintln!();
            }
            let b = b?;
            out.print(&b, |l| text::backup(l, &b));
        }
        Command::Backups(BackupsCmd::List { dir }) => {
            let list = shop.backups(dir.as_deref())?;
            let attempts = shop.backup_attempts(10)?;
            let folder = match dir {
                Some(d) => d,
                None => shop.backup_dir()?.0,
            };
            out.print(&serde_json::json!({ "folder": folder, "backups": list, "attempts": attempts }), |l| {
                text::backups(l, &folder, &list, &attempts)
            });
        }
        Command::Restore { file, yes } => {
            if !yes {
                let (f, m) = kaidan_api::inspect_backup(&file)?;
                out.print(&serde_json::json!({ "file": file, "contents": f, "manifest": m, "restored": false }), |l| {
                    text::restore_preview(l, &file, &f, m.as_ref())
                });
                return Ok(true);
            }
            let r = shop.restore(&ctx, &file, true, &mut |_, _| {})?;
            out.print(&r, |l| text::restored(l, &r));
        }
        Command::Check { full } => {
            let report = shop.check(full)?;
            let allow_negative = shop.settings()?.allow_negative_stock;
            let ok = report.is_ok(allow_negative);
            out.print(&serde_json::json!({ "ok": ok, "report": report }), |l| text::check(l, ok, &report));
            return Ok(ok);
        }
    }
    Ok(true)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let out = Out { json: cli.json, lang: detect_lang(cli.lang.as_deref()) };
    match run(cli, &out) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            let message = e.message(out.lang);
            if out.json {
                let mut err = serde_json::json!({ "code": e.code(), "message": message });
                if let Some(f) = e.field {
                    err["field"] = serde_json::Value::String(f.path());
                }
                println!("{}", serde_json::json!({ "error": err }));
            } else {
                eprintln!("{}: {message}", if out.lang == Lang::ZhCn { "错误" } else { "error" });
            }
            ExitCode::from(1)
        }
    }
}
