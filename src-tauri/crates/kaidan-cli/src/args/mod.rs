//! The command line's arguments (clap): the global options and the top-level commands here,
//! the subcommands by area in `shop.rs`, `catalog.rs` and `orders.rs`. Their names, flags and
//! help are the contract of docs/CLI.md.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod catalog;
mod orders;
mod reports;
mod shop;

pub(crate) use catalog::{CustomerCmd, ProductCmd, StockCmd};
pub(crate) use orders::{DeliveryCmd, InvoiceCmd, OrderCmd, PaymentCmd, ReturnsCmd};
pub(crate) use reports::ReportCmd;
pub(crate) use shop::{BackupsCmd, CompanyCmd, ImportsCmd, OperatorCmd, SettingsCmd};

#[derive(Parser)]
#[command(name = "kaidan", version, about = "Kaidan (开单): orders, stock and deliveries for a small shop")]
pub(crate) struct Cli {
    /// The shop's database file (default: KAIDAN_DB, else the OS app-data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) db: Option<PathBuf>,
    /// Print JSON (decimals as strings) instead of text.
    #[arg(long, global = true)]
    pub(crate) json: bool,
    /// The operator acting (default: the owner).
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub(crate) operator: Option<String>,
    /// The operator's PIN, if they have one (or KAIDAN_PIN).
    #[arg(long, global = true, env = "KAIDAN_PIN", hide_env_values = true)]
    pub(crate) pin: Option<String>,
    /// An owner approving on the spot what the operator (--as) may not do alone.
    #[arg(long = "approve-as", global = true, value_name = "OWNER", requires = "approve_pin")]
    pub(crate) approve_as: Option<String>,
    /// That owner's PIN (or KAIDAN_APPROVE_PIN).
    #[arg(long = "approve-pin", global = true, env = "KAIDAN_APPROVE_PIN", hide_env_values = true, requires = "approve_as")]
    pub(crate) approve_pin: Option<String>,
    /// Idempotency key: a retry with the same id returns the first answer and changes nothing.
    #[arg(long, global = true, value_name = "ID")]
    pub(crate) request_id: Option<String>,
    /// Language of messages: zh-CN or en (default: KAIDAN_LANG, else the system's).
    #[arg(long, global = true, value_name = "LANG")]
    pub(crate) lang: Option<String>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
    /// Print a document: to a printer (`--printer`, else the printer the settings choose for
    /// its paper, else the system's default) or to a PDF file (`--out`).
    Print {
        /// invoice, credit, delivery, receipt, statement, payment (a payment receipt, 收款收据).
        kind: String,
        /// The document's number (a receipt: an invoice or an order number; a statement: the
        /// customer; a payment receipt: the payment's RC- number).
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
        /// Write the PDF to this file instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The printer (as `kaidan printers` lists it); with --out, printed as well.
        #[arg(long)]
        printer: Option<String>,
        /// How many copies the printer prints (1–99).
        #[arg(long, default_value_t = 1)]
        copies: u32,
    },
    /// The printers installed on this computer, and the paper each is chosen for.
    Printers,
    /// Import an old order sheet (xlsx, xls, ods, csv, tsv, txt) as completed history, in one
    /// transaction; `--dry-run` checks everything and writes nothing. Two files are Taobao's
    /// order report and item report of one period, imported as one (either order).
    Import {
        file: PathBuf,
        /// Taobao/Tmall's order report (订单报表) with its item report (宝贝报表): the other one.
        pair: Option<PathBuf>,
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
        /// The date of the orders the sheet gives none (YYYY-MM-DD): a sheet without a date
        /// column, or a blank date cell. Without it they are dated the day of the import.
        #[arg(long, value_name = "DATE")]
        order_date: Option<String>,
        /// A JSON file naming the shop's product for products the sheet names otherwise:
        /// {"#SHEET-CODE": "A-001", "六角螺栓 | M8": "A-001"} — the keys as the dry run's
        /// new_products[].key gives them. Remembered for later imports.
        #[arg(long, value_name = "FILE")]
        products: Option<PathBuf>,
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
    /// Reports: what sells, what earns, who buys (overview, trend, products, customers).
    #[command(subcommand)]
    Report(ReportCmd),
    /// Check the database and every invariant (ledger = balances, reservations, totals, numbering).
    Check {
        /// Full `integrity_check` instead of `quick_check`.
        #[arg(long)]
        full: bool,
    },
    /// The shop's server, for several counters (docs/SYNC.md): make it from this shop, register a counter, check it, list oversells and conflicts.
    #[command(subcommand)]
    Server(ServerCmd),
    /// Make this PC a new counter of a shop that has a server: a new shop file (--db) filled from the server's books.
    Join {
        /// The address the owner's `kaidan server add-counter` gave (with its password).
        #[arg(long)]
        url: String,
        /// The counter's code, as registered (checked).
        #[arg(long)]
        device: Option<String>,
    },
    /// Send what this counter did to the shop's server and take the other counters' changes; --status only shows where it stands.
    Sync {
        #[arg(long)]
        status: bool,
    },
}

#[derive(Subcommand, Debug)]
pub(crate) enum ServerCmd {
    /// Make the shop's server from this shop (once): the empty PostgreSQL database at --url (its owner's address), this PC as counter --device; the whole shop is sent.
    Init {
        #[arg(long)]
        url: String,
        #[arg(long, default_value = "A")]
        device: String,
    },
    /// Register a new counter (--device B) on the server (--url: the server owner's address); prints the address that counter joins with.
    AddCounter {
        #[arg(long)]
        url: String,
        #[arg(long)]
        device: String,
    },
    /// The server's own check: stock = the whole ledger, every counter's changes and numbers without a gap.
    Check,
    /// What the server noticed: oversells, conflicting edits, refused changes.
    Issues,
}
