//! The reports as text: the shop's words for every measure ([`kaidan_api::core::text::vocab`]).

use kaidan_api::core::report::{
    Collections, CustomersReport, DateRange, Fulfilment, Inactive, Measure, Measures, OrderRow, Overview, ProductsReport, Ranked,
    SalespersonRow, SlowMovers, Trend,
};
use kaidan_api::core::text::vocab::capitalized;
use kaidan_api::core::text::Word;
use kaidan_api::core::Lang;

/// A table headed with capitals, as the spreadsheets are ("Customer", "Region").
fn table(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let head: Vec<String> = header.iter().map(|h| capitalized(h)).collect();
    super::table(&head.iter().map(String::as_str).collect::<Vec<_>>(), rows, right)
}

fn word(l: Lang, m: Measure) -> String {
    capitalized(m.word(l))
}

fn range(r: &DateRange) -> String {
    format!("{} – {}", r.from, r.to)
}

fn margin(m: &Measures) -> String {
    m.margin.as_ref().map(|p| format!("{p}%")).unwrap_or_else(|| "-".into())
}

/// Each measure of `m` (and of `was` beside it) on a line.
fn measure_lines(l: Lang, m: &Measures, was: Option<&Measures>) -> Vec<Vec<String>> {
    let row = |k: Measure, f: &dyn Fn(&Measures) -> String| {
        let mut r = vec![word(l, k), f(m)];
        if let Some(w) = was {
            r.push(f(w));
        }
        r
    };
    vec![
        row(Measure::Sales, &|m| m.sales.to_string()),
        row(Measure::SalesTotal, &|m| m.sales_total.to_string()),
        row(Measure::Cogs, &|m| m.cogs.to_string()),
        row(Measure::SalesCostUnknown, &|m| m.sales_cost_unknown.to_string()),
        row(Measure::GrossProfit, &|m| m.gross_profit.to_string()),
        row(Measure::Margin, &|m| margin(m)),
        row(Measure::Qty, &|m| m.qty.to_string()),
        row(Measure::Orders, &|m| m.orders.to_string()),
        row(Measure::OrdersValue, &|m| m.orders_value.to_string()),
        row(Measure::AvgOrderValue, &|m| m.avg_order_value.map(|v| v.to_string()).unwrap_or_else(|| "-".into())),
        row(Measure::Received, &|m| m.received.to_string()),
    ]
}

pub fn report_overview(l: Lang, o: &Overview) -> String {
    let here = range(&o.range);
    let mut head = vec!["", here.as_str()];
    let was = o.compared_range.as_ref().map(range);
    if let Some(w) = &was {
        head.push(w.as_str());
    }
    let mut out = table(&head, &measure_lines(l, &o.measures, o.compared.as_ref()), &[1, 2]);
    out.push('\n');
    out.push_str(&super::w(l).report_today(&o.receivables.to_string(), &o.overdue.to_string(), o.open_orders, o.late_orders, o.low_stock));
    out.push('\n');
    out
}

pub fn report_trend(l: Lang, t: &Trend) -> String {
    let rows: Vec<Vec<String>> = t
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut r = vec![
                range(&p.range),
                p.measures.sales.to_string(),
                p.measures.gross_profit.to_string(),
                margin(&p.measures),
                p.measures.orders.to_string(),
                p.measures.qty.to_string(),
            ];
            if let Some(c) = t.compared.get(i) {
                r.push(c.measures.sales.to_string());
            }
            r
        })
        .collect();
    let (sales, gp, mg, orders, qty) =
        (word(l, Measure::Sales), word(l, Measure::GrossProfit), word(l, Measure::Margin), word(l, Measure::Orders), word(l, Measure::Qty));
    let mut head = vec!["", sales.as_str(), gp.as_str(), mg.as_str(), orders.as_str(), qty.as_str()];
    let compared = t.compare.map(|c| capitalized(c.word(l)));
    if let Some(c) = &compared {
        head.push(c.as_str());
    }
    table(&head, &rows, &[1, 2, 3, 4, 5, 6])
}

fn ranked_head(l: Lang) -> Vec<String> {
    [Measure::Qty, Measure::Sales, Measure::Cogs, Measure::GrossProfit, Measure::Margin].iter().map(|&m| word(l, m)).collect()
}

fn ranked_cells(m: &Measures) -> Vec<String> {
    vec![m.qty.to_string(), m.sales.to_string(), m.cogs.to_string(), m.gross_profit.to_string(), margin(m)]
}

pub fn report_products(l: Lang, p: &ProductsReport, limit: usize) -> String {
    let r = &p.ranked;
    let rows: Vec<Vec<String>> =
        r.rows.iter().take(limit).map(|p| [vec![p.sku.clone(), p.name.clone()], ranked_cells(&p.measures)].concat()).collect();
    let words = super::w(l);
    let head_m = ranked_head(l);
    let mut head = vec![words.sku(), words.product_name()];
    head.extend(head_m.iter().map(String::as_str));
    let mut out = format!("{}\n", range(&r.range));
    out.push_str(&table(&head, &rows, &[2, 3, 4, 5, 6]));
    out.push_str(&more(l, r.row_count, rows.len()));
    let s = &p.sell_through;
    out.push('\n');
    out.push_str(&table(
        &["", ""],
        &[
            vec![capitalized(words.products_on_sale()), s.active.to_string()],
            vec![capitalized(words.products_sold()), s.sold.to_string()],
            vec![capitalized(words.sell_through()), s.rate.clone().unwrap_or_else(|| "-".into())],
        ],
        &[1],
    ));
    out
}

pub fn report_customers(l: Lang, c: &CustomersReport, limit: usize) -> String {
    let r = &c.ranked;
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .take(limit)
        .map(|c| {
            [vec![c.customer.clone()], ranked_cells(&c.measures), vec![c.measures.orders.to_string(), c.measures.received.to_string()]]
                .concat()
        })
        .collect();
    let words = super::w(l);
    let head_m = ranked_head(l);
    let (orders, received) = (word(l, Measure::Orders), word(l, Measure::Received));
    let mut head = vec![words.customer()];
    head.extend(head_m.iter().map(String::as_str));
    head.push(orders.as_str());
    head.push(received.as_str());
    let mut out = format!("{}\n", range(&r.range));
    out.push_str(&table(&head, &rows, &[1, 2, 3, 4, 5, 6, 7]));
    out.push_str(&more(l, r.row_count, rows.len()));
    // who they are
    let sales = word(l, Measure::Sales);
    let group = |label: &str, n: u32, m: &Measures| vec![capitalized(label), n.to_string(), m.sales.to_string(), m.orders.to_string()];
    out.push('\n');
    out.push_str(&table(
        &["", words.customers_count(), sales.as_str(), orders.as_str()],
        &[
            group(words.new_customers(), c.mix.new.customers, &c.mix.new.measures),
            group(words.returning_customers(), c.mix.returning.customers, &c.mix.returning.measures),
        ],
        &[1, 2, 3],
    ));
    out.push('\n');
    let regions: Vec<Vec<String>> =
        c.regions.iter().map(|g| group(g.region.as_deref().unwrap_or(words.no_region()), g.customers, &g.measures)).collect();
    out.push_str(&table(&[words.region(), words.customers_count(), sales.as_str(), orders.as_str()], &regions, &[1, 2, 3]));
    out.push('\n');
    let value = word(l, Measure::OrdersValue);
    let channels: Vec<Vec<String>> = c
        .channels
        .iter()
        .map(|x| {
            vec![capitalized(x.channel.word(l)), x.orders.to_string(), x.orders_value.to_string(), x.share.clone().unwrap_or_default()]
        })
        .collect();
    out.push_str(&table(&[words.channel(), orders.as_str(), value.as_str(), words.share()], &channels, &[1, 2, 3]));
    out
}

pub fn report_slow(l: Lang, s: &SlowMovers, limit: usize) -> String {
    let words = super::w(l);
    let dash = |v: Option<u32>| v.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    let rows: Vec<Vec<String>> = s
        .rows
        .iter()
        .take(limit)
        .map(|p| {
            vec![
                p.sku.clone(),
                p.name.clone(),
                p.on_hand.to_string(),
                p.stock_value.map(|v| v.to_string()).unwrap_or_else(|| capitalized(words.cost_unknown())),
                p.last_sold.map(|d| d.to_string()).unwrap_or_else(|| capitalized(words.never())),
                dash(p.days_since),
                dash(p.days_of_cover),
            ]
        })
        .collect();
    let mut out = format!("{}\n", words.slow_heading(s.days, &s.as_of.to_string(), s.rows.len()));
    if !rows.is_empty() {
        out.push_str(&table(
            &[
                words.sku(),
                words.product_name(),
                words.on_hand(),
                words.stock_value(),
                words.last_sold(),
                words.days_since(),
                words.days_of_cover(),
            ],
            &rows,
            &[2, 3, 5, 6],
        ));
        out.push_str(&format!("{}: {}\n", capitalized(words.stock_value()), s.stock_value));
    }
    out
}

pub fn report_inactive(l: Lang, s: &Inactive, limit: usize) -> String {
    let words = super::w(l);
    let rows: Vec<Vec<String>> = s
        .rows
        .iter()
        .take(limit)
        .map(|c| {
            vec![
                c.customer.clone(),
                c.phone.clone().unwrap_or_default(),
                c.last_order.to_string(),
                c.days_since.to_string(),
                c.orders.to_string(),
                c.avg_order_value.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
                c.days_between.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let mut out = format!("{}\n", words.inactive_heading(s.days, &s.as_of.to_string(), s.rows.len()));
    if !rows.is_empty() {
        let (orders, avg) = (word(l, Measure::Orders), word(l, Measure::AvgOrderValue));
        out.push_str(&table(
            &[
                words.customer(),
                words.phone(),
                words.last_ordered(),
                words.days_since(),
                orders.as_str(),
                avg.as_str(),
                words.days_between(),
            ],
            &rows,
            &[3, 4, 5, 6],
        ));
    }
    out
}

pub fn report_day(l: Lang, d: &kaidan_api::core::report::DayReport) -> String {
    let words = super::w(l);
    let day = d.date.to_string();
    let mut out = table(&["", day.as_str()], &measure_lines(l, &d.measures, None), &[1]);
    out.push('\n');
    let rows: Vec<Vec<String>> = d
        .methods
        .iter()
        .filter(|m| !m.received.is_zero() || !m.refunded.is_zero())
        .map(|m| vec![capitalized(m.method.word(l)), m.received.to_string(), m.refunded.to_string(), m.net.to_string()])
        .collect();
    let received = word(l, Measure::Received);
    let (refunded, net) = (capitalized(words.refunded_label()), capitalized(words.net_amount()));
    out.push_str(&table(&["", received.as_str(), refunded.as_str(), net.as_str()], &rows, &[1, 2, 3]));
    out.push('\n');
    out.push_str(&format!(
        "{}: {}  ·  {}: {}  ·  {}: {}\n",
        capitalized(words.cash_in_till()),
        d.cash,
        capitalized(words.deliveries_count()),
        d.deliveries,
        capitalized(words.returns_count()),
        d.returns
    ));
    out
}

pub fn report_log(l: Lang, d: &kaidan_api::core::report::DayLog, offset: chrono::FixedOffset) -> String {
    let words = super::w(l);
    let people: Vec<Vec<String>> = d
        .people
        .iter()
        .map(|p| {
            vec![
                p.operator.clone(),
                p.orders.to_string(),
                p.deliveries.to_string(),
                p.returns.to_string(),
                p.money_in.to_string(),
                p.money_out.to_string(),
                p.approvals.to_string(),
                p.corrections.to_string(),
                p.entries.to_string(),
            ]
        })
        .collect();
    let orders = word(l, Measure::Orders);
    let head = [
        words.log_person(),
        orders.as_str(),
        words.deliveries_count(),
        words.returns_count(),
        words.money_in(),
        words.money_out(),
        words.approvals(),
        words.corrections(),
        words.log_entries(),
    ]
    .map(capitalized);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut out = format!("{}\n", d.date);
    out.push_str(&table(&head, &people, &[1, 2, 3, 4, 5, 6, 7, 8]));
    out.push('\n');
    out.push_str(&log_table(l, &d.entries, offset));
    out
}

/// Log entries as a table: time (at `offset`), who (and who approved on the spot), what, the
/// record, the money.
pub fn log_table(l: Lang, entries: &[kaidan_api::core::model::LogEntry], offset: chrono::FixedOffset) -> String {
    let words = super::w(l);
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let who = match &e.approved_by {
                Some(owner) => words.approved_on_spot(&e.operator, owner),
                None => e.operator.clone(),
            };
            let time = chrono::DateTime::parse_from_rfc3339(&e.at)
                .map_or_else(|_| e.at.clone(), |t| t.with_timezone(&offset).format("%Y-%m-%d %H:%M").to_string());
            vec![time, who, e.what.clone(), e.record.clone().unwrap_or_default(), e.amount.map(|a| a.to_string()).unwrap_or_default()]
        })
        .collect();
    let head = [words.time(), words.log_person(), words.log_what(), words.log_record(), words.amount()].map(capitalized);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    table(&head, &rows, &[4])
}

/// The line under a ranking that shows fewer rows than it has.
fn more(l: Lang, count: u32, shown: usize) -> String {
    if usize::try_from(count).is_ok_and(|c| c > shown) {
        format!("{}\n", super::w(l).rows_more(count, shown))
    } else {
        String::new()
    }
}

/// The line under a ranking of orders or salespeople: the range's sales, gross profit and margin.
fn goods_total(l: Lang, m: &Measures) -> String {
    format!(
        "{}: {}  ·  {}: {}  ·  {}: {}\n",
        word(l, Measure::Sales),
        m.sales,
        word(l, Measure::GrossProfit),
        m.gross_profit,
        word(l, Measure::Margin),
        margin(m)
    )
}

pub fn report_profit(l: Lang, r: &Ranked<OrderRow>, limit: usize) -> String {
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .take(limit)
        .map(|o| [vec![o.number.clone(), o.customer.clone(), o.order_date.clone()], ranked_cells(&o.measures)].concat())
        .collect();
    let words = super::w(l);
    let head_m = ranked_head(l);
    let mut head = vec![words.order_number(), words.customer(), words.order_date()];
    head.extend(head_m.iter().map(String::as_str));
    let mut out = format!("{}\n", range(&r.range));
    out.push_str(&table(&head, &rows, &[3, 4, 5, 6, 7]));
    out.push_str(&more(l, r.row_count, rows.len()));
    out.push_str(&goods_total(l, &r.total));
    out
}

pub fn report_salespeople(l: Lang, r: &Ranked<SalespersonRow>, limit: usize) -> String {
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .take(limit)
        .map(|x| [vec![x.salesperson.clone()], ranked_cells(&x.measures), vec![x.measures.orders.to_string()]].concat())
        .collect();
    let words = super::w(l);
    let head_m = ranked_head(l);
    let orders = word(l, Measure::Orders);
    let mut head = vec![words.salesperson()];
    head.extend(head_m.iter().map(String::as_str));
    head.push(&orders);
    let mut out = format!("{}\n", range(&r.range));
    out.push_str(&table(&head, &rows, &[1, 2, 3, 4, 5, 6]));
    out.push_str(&goods_total(l, &r.total));
    out
}

pub fn report_fulfilment(l: Lang, f: &Fulfilment) -> String {
    let words = super::w(l);
    let dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let mut out = format!("{}\n", range(&f.range));
    let statuses: Vec<Vec<String>> = f.statuses.iter().map(|s| vec![capitalized(s.status.word(l)), s.orders.to_string()]).collect();
    out.push_str(&table(&[words.status(), words.orders()], &statuses, &[1]));
    out.push('\n');
    let lines = vec![
        vec![capitalized(words.delivered_in_full()), f.delivered.to_string()],
        vec![capitalized(words.lead_median()), dash(f.lead_median.map(|d| d.to_string()))],
        vec![capitalized(words.lead_p90()), dash(f.lead_p90.map(|d| d.to_string()))],
        vec![capitalized(words.promised()), f.promised.to_string()],
        vec![capitalized(words.on_time()), f.on_time.to_string()],
        vec![capitalized(words.on_time_rate()), dash(f.on_time_rate.clone())],
    ];
    out.push_str(&table(&["", ""], &lines, &[1]));
    out.push('\n');
    out.push_str(&format!("{} ({})\n", capitalized(words.late_open_orders()), f.late_count));
    let late: Vec<Vec<String>> = f
        .late
        .iter()
        .map(|o| {
            vec![
                o.number.clone(),
                o.customer.clone(),
                capitalized(o.status.word(l)),
                o.deliver_by.clone(),
                o.days_late.to_string(),
                o.total.to_string(),
            ]
        })
        .collect();
    if !late.is_empty() {
        out.push_str(&table(
            &[words.order_number(), words.customer(), words.status(), words.deliver_by(), words.days_late(), words.money_total()],
            &late,
            &[4, 5],
        ));
    }
    out
}

pub fn report_collections(l: Lang, c: &Collections) -> String {
    let words = super::w(l);
    let methods: Vec<String> = c.total.methods.iter().map(|m| capitalized(m.method.word(l))).collect();
    let mut head: Vec<&str> = vec![""];
    head.extend(methods.iter().map(String::as_str));
    let net = capitalized(words.net_amount());
    head.push(net.as_str());
    let row = |label: String, p: &kaidan_api::core::report::MoneyPoint| -> Vec<String> {
        let mut r = vec![label];
        r.extend(p.methods.iter().map(|m| m.net.to_string()));
        r.push(p.net.to_string());
        r
    };
    let mut rows: Vec<Vec<String>> = c.points.iter().map(|p| row(range(&p.range), p)).collect();
    rows.push(row(capitalized(words.total()), &c.total));
    let right: Vec<usize> = (1..head.len()).collect();
    let mut out = format!("{}\n", range(&c.range));
    out.push_str(&table(&head, &rows, &right));
    out.push('\n');
    let lines = vec![
        vec![word(l, Measure::SalesTotal), c.sales_total.to_string()],
        vec![capitalized(words.receivables()), c.receivables.to_string()],
        vec![capitalized(words.overdue()), c.overdue.to_string()],
        vec![capitalized(words.dso()), c.dso.clone().unwrap_or_else(|| "-".into())],
    ];
    out.push_str(&table(&["", ""], &lines, &[1]));
    out
}
