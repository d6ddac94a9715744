//! Commits stock receipts, orders (created and confirmed), deliveries, invoices and credit notes
//! in a loop, forever,
//! printing one line per write *after* its commit returned:
//!
//! - `receipt <request-id> <sku> <qty>`
//! - `order <number>` (created and confirmed, each its own request id)
//! - `delivery <number> <order>`
//! - `invoice <number> <order>` (issued for what that delivery shipped)
//! - `credit <number> <invoice>` (every third invoice is credited in full)
//!
//! The crash test kills it with SIGKILL at random moments and checks what it printed.

use kaidan_api::{Ctx, DeliverLine, LineInput, OrderInput, OrderQuery, Shop};
use kaidan_crashtest::{ensure_shop, CUSTOMER, SKUS};

fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: kaidan-churn DB RUN");
    let run: u64 = args.next().and_then(|r| r.parse().ok()).expect("usage: kaidan-churn DB RUN");
    let ctx = || Ctx::owner_at(chrono::Utc::now());
    let mut shop = Shop::open(std::path::Path::new(&db)).expect("open");
    ensure_shop(&mut shop, &ctx()).expect("setup");
    for i in 0u64.. {
        let sku = SKUS[(i % SKUS.len() as u64) as usize];
        match i % 4 {
            0 => {
                let rid = format!("r-{run}-{i}");
                let qty = (i % 7 + 3).to_string();
                shop.receive_stock(&ctx().with_request(&rid), sku, &qty, None, None).expect("receive");
                println!("receipt {rid} {sku} {qty}");
            }
            1 | 2 => {
                let input = OrderInput {
                    customer: CUSTOMER.into(),
                    lines: vec![
                        LineInput { sku: sku.into(), qty: "1".into(), unit_price: None, discount: None },
                        LineInput { sku: SKUS[((i + 1) % 3) as usize].into(), qty: "0.5".into(), unit_price: None, discount: None },
                    ],
                    ..Default::default()
                };
                let o = shop.create_order(&ctx().with_request(format!("c-{run}-{i}")), &input).expect("create");
                println!("order {} draft", o.number);
                match shop.confirm_order(&ctx().with_request(format!("k-{run}-{i}")), &o.number) {
                    Ok(o) => println!("order {} {}", o.number, o.status.as_str()),
                    Err(e) if e.code() == kaidan_api::core::ErrorCode::InsufficientStock => {}
                    Err(e) => panic!("confirm: {e}"),
                }
            }
            _ => {
                let page =
                    shop.orders(&OrderQuery { status: Some("confirmed".into()), limit: Some(1), ..Default::default() }).expect("list");
                if let Some(o) = page.items.first() {
                    let part = [DeliverLine { sku: shop.order(&o.number).expect("order").lines[0].sku.clone(), qty: "1".into() }];
                    let lines = if i % 8 == 3 { Some(&part[..]) } else { None };
                    let d = shop.deliver(&ctx().with_request(format!("d-{run}-{i}")), &o.number, lines).expect("deliver");
                    println!("delivery {} {}", d.number, d.order);
                    let inv = shop.issue_invoice(&ctx().with_request(format!("i-{run}-{i}")), &d.order, None).expect("invoice");
                    println!("invoice {} {}", inv.number, inv.order);
                    if i % 3 == 0 {
                        let cn = shop.credit_invoice(&ctx().with_request(format!("n-{run}-{i}")), &inv.number, None, None).expect("credit");
                        println!("credit {} {}", cn.number, inv.number);
                    }
                }
            }
        }
    }
}
