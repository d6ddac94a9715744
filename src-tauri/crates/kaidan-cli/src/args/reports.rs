//! `kaidan report …`: the owner's view of the business.

use clap::{Args, Subcommand};

/// The range and choices every report takes.
#[derive(Args, Clone, Debug, Default)]
pub(crate) struct ReportArgs {
    /// A named period: today, yesterday, this-week, last-week, this-month, last-month,
    /// this-quarter, this-year, last-year, 7d, 30d, 90d (default: this-month).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub(crate) period: Option<String>,
    /// The first day, YYYY-MM-DD.
    #[arg(long)]
    pub(crate) from: Option<String>,
    /// The last day, YYYY-MM-DD (default today).
    #[arg(long)]
    pub(crate) to: Option<String>,
    /// Compare with the range before (previous) or the same dates a year back (last-year).
    #[arg(long)]
    pub(crate) compare: Option<String>,
    /// Write the report to this file instead: .xlsx (every row and a totals row) or .pdf
    /// (printed on A4 with its chart).
    #[arg(long, value_name = "FILE.xlsx|FILE.pdf")]
    pub(crate) out: Option<std::path::PathBuf>,
    /// With --out FILE.pdf: the paper, a4 (default), 80mm or 58mm.
    #[arg(long, requires = "out")]
    pub(crate) paper: Option<String>,
}

#[derive(Subcommand)]
pub(crate) enum ReportCmd {
    /// 经营概况: sales, gross profit and margin, orders, money received; receivables, open
    /// and late orders, low stock today.
    Overview {
        #[command(flatten)]
        range: ReportArgs,
    },
    /// 销售趋势: the range in buckets.
    Trend {
        #[command(flatten)]
        range: ReportArgs,
        /// day, week, month, quarter, year (default: by the range's length).
        #[arg(long)]
        by: Option<String>,
    },
    /// 商品: every product sold, the best first, and the share of products on sale that sold
    /// (动销率).
    Products {
        #[command(flatten)]
        range: ReportArgs,
        /// sales (default), gross_profit, qty.
        #[arg(long)]
        rank: Option<String>,
        /// Text output: at most this many rows, and only they are read (JSON has them all
        /// unless --top).
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Only the best N rows (the text shows the best --limit); `row_count` says how many
        /// there are.
        #[arg(long)]
        top: Option<u32>,
    },
    /// 日结: a day's sales, deliveries and returns, money in and out by method, and the cash it
    /// leaves in the till.
    Day {
        /// The day, YYYY-MM-DD (default today).
        #[arg(long)]
        date: Option<String>,
        /// Write it to this file instead: .xlsx, or .pdf to print (A4, or the till's roll
        /// with --paper 80mm).
        #[arg(long, value_name = "FILE.xlsx|FILE.pdf")]
        out: Option<std::path::PathBuf>,
        /// With --out FILE.pdf: the paper, a4 (default), 80mm or 58mm.
        #[arg(long, requires = "out")]
        paper: Option<String>,
    },
    /// 今日日志: everything done on a day — orders, deliveries, money in and out, approvals,
    /// corrections, stock received — with who did it, and a line for each person.
    Log {
        /// The day, YYYY-MM-DD (default today).
        #[arg(long)]
        date: Option<String>,
        /// Only this person's day (and what they approved on the spot).
        #[arg(long, value_name = "NAME")]
        who: Option<String>,
    },
    /// 订单毛利: every order whose goods went out or came back in the range, with its sales,
    /// cost and gross profit in it, the best first.
    Profit {
        #[command(flatten)]
        range: ReportArgs,
        /// gross_profit (default), sales, qty.
        #[arg(long)]
        rank: Option<String>,
        /// Text output: at most this many rows, and only they are read (JSON has them all
        /// unless --top).
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Only the best N orders, read without every order of the range (quick on a busy
        /// shop's year; the text shows the best --limit so); `row_count` says how many there are.
        #[arg(long)]
        top: Option<u32>,
    },
    /// 业务员业绩: each salesperson's orders — sales, cost and gross profit of the goods that went
    /// out or came back in the range, and the orders they took — the best first.
    Salespeople {
        #[command(flatten)]
        range: ReportArgs,
        /// gross_profit (default), sales, qty.
        #[arg(long)]
        rank: Option<String>,
        /// Text output: at most this many rows (JSON has them all).
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// 履约: the range's orders by status, days to deliver in full (median, 90th percentile),
    /// the on-time rate, and the open orders late today.
    Fulfilment {
        #[command(flatten)]
        range: ReportArgs,
    },
    /// 收款: money received by period and method, days sales outstanding, receivables by age.
    Collections {
        #[command(flatten)]
        range: ReportArgs,
        /// day, week, month, quarter, year (default: by the range's length).
        #[arg(long)]
        by: Option<String>,
    },
    /// 滞销商品: products with stock today that sold nothing in the last N days, with their value
    /// at cost, last sale and days of cover.
    Slow {
        #[command(flatten)]
        quiet: QuietArgs,
    },
    /// 沉睡客户: customers who ordered before but not in the last N days, with their last order
    /// and what they usually spent.
    Inactive {
        #[command(flatten)]
        quiet: QuietArgs,
    },
    /// 客户: every customer who bought, ordered or paid, the best first; new and returning
    /// customers, sales by region, orders by channel.
    Customers {
        #[command(flatten)]
        range: ReportArgs,
        /// sales (default), gross_profit, qty.
        #[arg(long)]
        rank: Option<String>,
        /// Text output: at most this many rows, and only they are read (JSON has them all
        /// unless --top).
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Only the best N rows (the text shows the best --limit); `row_count` says how many
        /// there are.
        #[arg(long)]
        top: Option<u32>,
    },
}

/// What the slow movers and inactive customers take: as of today.
#[derive(Args, Clone, Debug, Default)]
pub(crate) struct QuietArgs {
    /// The days without a sale (an order) (default 60).
    #[arg(long)]
    pub(crate) days: Option<String>,
    /// Text output: at most this many rows (JSON has them all).
    #[arg(long, default_value_t = 20)]
    pub(crate) limit: usize,
    /// Write the list to this file instead: .xlsx or .pdf (A4).
    #[arg(long, value_name = "FILE.xlsx|FILE.pdf")]
    pub(crate) out: Option<std::path::PathBuf>,
    /// With --out FILE.pdf: the paper, a4 (default), 80mm or 58mm.
    #[arg(long, requires = "out")]
    pub(crate) paper: Option<String>,
}

impl QuietArgs {
    pub(crate) fn query(&self) -> kaidan_api::ReportQuery {
        kaidan_api::ReportQuery { days: self.days.clone(), ..Default::default() }
    }
}

impl ReportArgs {
    pub(crate) fn query(&self, by: Option<String>, rank: Option<String>) -> kaidan_api::ReportQuery {
        kaidan_api::ReportQuery {
            period: self.period.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            by,
            compare: self.compare.clone(),
            rank,
            days: None,
            top: None,
        }
    }
}
