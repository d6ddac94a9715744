//! Orders, deliveries, returns, payments and invoices: their subcommands.

use clap::Subcommand;

#[derive(Subcommand)]
pub(crate) enum OrderCmd {
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
        /// When stock is short: reserve what there is, the rest waits for stock (a backorder).
        #[arg(long)]
        backorder: bool,
    },
    Confirm {
        number: String,
        /// When stock is short: reserve what there is, the rest waits for stock (a backorder).
        #[arg(long)]
        backorder: bool,
    },
    /// Approve an order waiting for approval (owner).
    Approve {
        number: String,
        /// When stock is short: reserve what there is, the rest waits for stock (a backorder).
        #[arg(long)]
        backorder: bool,
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
    /// Gives the order to another salesperson (业务员): owner only.
    Salesperson {
        number: String,
        /// The operator's name.
        #[arg(value_name = "OPERATOR")]
        to: String,
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
        /// Orders of this salesperson (业务员), by operator name.
        #[arg(long)]
        salesperson: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// Only open orders with lines waiting for stock.
        #[arg(long)]
        backordered: bool,
        /// Open orders by their promised day: late, today, later.
        #[arg(long)]
        due: Option<String>,
        /// The orders behind a report's figure: goods delivered or returned from this day…
        #[arg(long)]
        sold_from: Option<String>,
        /// … to this day.
        #[arg(long)]
        sold_to: Option<String>,
        /// Orders with this product (with --sold-*: delivered or returned then).
        #[arg(long)]
        sku: Option<String>,
        /// Orders that came through this channel: phone, wechat, counter, email, web, other.
        #[arg(long)]
        channel: Option<String>,
        /// Orders of customers of this region ("" for customers without one).
        #[arg(long)]
        region: Option<String>,
        /// Only orders taken (confirmed or later, not cancelled), as the reports count them.
        #[arg(long)]
        taken: bool,
        /// new: orders of customers whose first order is on or after --from; returning: of the others.
        #[arg(long)]
        buyers: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        cursor: Option<String>,
    },
}

#[derive(Subcommand)]
pub(crate) enum DeliveryCmd {
    Show { number: String },
}

#[derive(Subcommand)]
pub(crate) enum ReturnsCmd {
    Show { number: String },
}

#[derive(Subcommand)]
pub(crate) enum PaymentCmd {
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
pub(crate) enum InvoiceCmd {
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
