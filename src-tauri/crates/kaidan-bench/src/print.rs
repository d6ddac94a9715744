//! The print benchmark: a 30-line Chinese invoice laid out and written as an A4 PDF.

use std::time::Instant;

use chrono::Utc;
use kaidan_api::{Ctx, LineInput, OrderInput, ProductInput, Shop};

use crate::measure::{ms, time};

/// A 30-line invoice with Chinese names, printed (preview: read + layout + PDF) `n` times.
pub(crate) fn bench_print(n: usize) {
    use kaidan_api::{CustomerInput, DocLineInput, PrintRequest};
    let ctx = Ctx::owner_at(Utc::now());
    let mut shop = Shop::open_in_memory().unwrap();
    shop.init(&ctx, "喆记五金建材商行", "店主").unwrap();
    shop.add_customer(&ctx, &CustomerInput { name: Some("王喆五金店（堃记）".into()), ..Default::default() }).unwrap();
    let names = ["镕铸不锈钢合页", "堃牌膨胀螺丝", "喆记执手门锁", "加厚铝合金拉手", "防锈自攻螺钉", "PVC 电工胶布"];
    let mut lines = Vec::new();
    for i in 0..30 {
        let sku = format!("HW-{i:03}");
        shop.add_product(
            &ctx,
            &ProductInput {
                sku: Some(sku.clone()),
                name: Some(format!("{} {}号", names[i % names.len()], i + 1)),
                spec: Some(format!("{}寸 加厚款", i % 8 + 2)),
                price: Some(format!("{}.{:02}", 3 + i * 7 % 90, i * 13 % 100)),
                tax_rate: Some("13".into()),
                unit: Some("个".into()),
                ..Default::default()
            },
        )
        .unwrap();
        lines.push(LineInput { sku: sku.clone(), qty: format!("{}", i % 9 + 1), unit_price: None, discount: None });
    }
    let mut settings_ctx = ctx.clone();
    settings_ctx.lang = kaidan_api::core::Lang::ZhCn;
    shop.set_setting(&ctx, "allow_negative_stock", "true").unwrap();
    shop.set_setting(&ctx, "approval_threshold", "none").unwrap();
    let order =
        shop.create_and_confirm(&ctx, &OrderInput { customer: "王喆五金店（堃记）".into(), lines, ..Default::default() }, false).unwrap();
    let all: Vec<DocLineInput> = order.lines.iter().map(|l| DocLineInput { sku: l.sku.clone(), qty: l.qty.to_string() }).collect();
    let inv = shop.issue_invoice(&ctx, &order.number, Some(&all)).unwrap();
    let req = PrintRequest {
        kind: "invoice".into(),
        number: inv.number.clone(),
        paper: Some("a4".into()),
        preview: Some(true),
        ..Default::default()
    };
    let started = Instant::now();
    let (_, first) = shop.print(&settings_ctx, &req).unwrap();
    let first_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut size = first.len();
    let times = time(n, |_| {
        let (printed, pdf) = shop.print(&settings_ctx, &req).unwrap();
        assert_eq!(printed.pages, 1);
        size = pdf.len();
    });
    println!("30-line A4 invoice, Chinese text, fonts subset: first print {first_ms:.0} ms (parses the fonts), then {n} prints:");
    println!();
    println!("| measurement | p50 | p99 | max | size | target |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| print 30-line A4 invoice (read + layout + PDF) | {} ms | {} ms | {} ms | {} KB | ≤ 50 ms, ≤ 150 KB |",
        ms(times.p50),
        ms(times.p99),
        ms(times.max),
        size / 1024
    );
}
