//! `kaidan-bench`: seeds a shop of N orders (default 1,000,000 orders / 5,000,000 lines),
//! then times Kaidan's own use cases beside a raw-rusqlite baseline doing the same SQL work in
//! the same process, on the same file:
//!
//! - order commit (order + 5 lines + ledger + balances, one transaction, synchronous=FULL)
//! - order-number lookup, customer-name prefix search, latest-50 page, a cursor page deep in
//!   the list, a status page, 3-character Chinese substring search (FTS5 trigram) and the
//!   2-character fallback.
//!
//! Prints a Markdown table for docs/BENCHMARKS.md. The seeded history is shaped like a real
//! shop's for the queries (numbers, customers, lines, search text); it is bulk-loaded with
//! plain SQL and is not a balanced ledger — the invariants are proven by the tests, not here.
//!
//! Modules: `orders` (the order benchmark and its raw baseline), `seed` (the seeded shops),
//! `measure` (timing and the table rows), and the other measurements: `backup`, `import`,
//! `print`, `money` (receivables).

use std::path::PathBuf;

use clap::Parser;
use kaidan_api::Shop;

mod backup;
mod busy;
mod import;
mod measure;
mod money;
mod orders;
mod print;
mod reports;
mod seed;
mod sync;

use backup::bench_backup;
use busy::bench_busy;
use import::bench_import;
use money::bench_money;
use orders::bench_orders;
use print::bench_print;
use seed::{seed, seed_money};

#[derive(Parser)]
struct Args {
    /// Database file (default: kaidan-bench.db in the system temp folder).
    #[arg(long)]
    db: Option<PathBuf>,
    #[arg(long, default_value_t = 1_000_000)]
    orders: usize,
    #[arg(long, default_value_t = 5)]
    lines_per_order: usize,
    #[arg(long, default_value_t = 20_000)]
    customers: usize,
    #[arg(long, default_value_t = 500)]
    products: usize,
    /// Timed repetitions per read measurement.
    #[arg(long, default_value_t = 2000)]
    iterations: usize,
    /// Time printing instead: a 30-line Chinese invoice as an A4 PDF, this many times.
    #[arg(long)]
    print: Option<usize>,
    /// Timed order commits (each side).
    #[arg(long, default_value_t = 1000)]
    commits: usize,
    /// Reuse an already seeded database file.
    #[arg(long)]
    reuse: bool,
    /// Measure backup and its verification instead (issue 8): `--orders 330000` makes ~1 GB.
    #[arg(long)]
    backup: bool,
    /// Measure importing a generated sheet of this many lines instead (issue 6).
    #[arg(long)]
    import_lines: Option<usize>,
    /// With `--import-lines`: measure the window's reads while such an import runs instead
    /// (issue 16), in a shop of this many products.
    #[arg(long)]
    busy_products: Option<usize>,
    /// The generated sheet's format for `--import-lines`: xlsx or csv.
    #[arg(long, default_value = "xlsx")]
    import_format: String,
    /// Measure the reports (issue 17) on the seeded shop instead of the order commit and lists.
    #[arg(long)]
    reports: bool,
    /// Measure several counters instead (issue 21): the order commit on a linked counter
    /// beside one PC, and with KAIDAN_BENCH_PG 1,000 orders up to the server and down.
    #[arg(long)]
    sync: bool,
    /// Measure receivables instead (issue 7): this many invoices over `--customers`
    /// customers (e.g. `--money 1000000 --customers 100000`), then aging, account, statement
    /// and the overdue list.
    #[arg(long)]
    money: Option<usize>,
}

fn main() {
    let args = Args::parse();
    let path = args.db.clone().unwrap_or_else(|| std::env::temp_dir().join("kaidan-bench.db"));
    if let Some(n) = args.print {
        bench_print(n);
        return;
    }
    if let (Some(n), Some(p)) = (args.import_lines, args.busy_products) {
        bench_busy(n, p, &path);
        return;
    }
    if let Some(n) = args.import_lines {
        bench_import(n, &args.import_format, &path);
        return;
    }
    if let Some(n) = args.money {
        if !args.reuse {
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
            }
            seed_money(n, args.customers, &path);
        }
        bench_money(&args, &path);
        return;
    }
    if !args.reuse {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        seed(&args, &path);
    }
    if args.reports {
        reports::bench_reports(&args, &path);
        return;
    }
    if args.sync {
        sync::bench_sync(&args, &path);
        return;
    }
    let mut shop = Shop::open(&path).unwrap();
    if args.backup {
        bench_backup(&mut shop, &path);
        return;
    }
    bench_orders(&args, &mut shop, &path);
}
