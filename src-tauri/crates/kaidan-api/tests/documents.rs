//! Invoices, credit notes and printing, end to end on an in-memory shop.

use chrono::{DateTime, Utc};
use kaidan_api::core::{ErrorCode, FieldKey};
use kaidan_api::{Ctx, CustomerInput, DeliverLine, DocLineInput, LineInput, OrderInput, PrintRequest, ProductInput, Shop};

fn ctx() -> Ctx {
    Ctx::owner_at(DateTime::parse_from_rfc3339("2026-03-05T09:00:00Z").unwrap().with_timezone(&Utc))
}

fn product(sku: &str, name: &str, price: &str, tax: &str) -> ProductInput {
    ProductInput {
        sku: Some(sku.into()),
        name: Some(name.into()),
        price: Some(price.into()),
        cost: Some("0.10".into()),
        tax_rate: Some(tax.into()),
        unit: Some("个".into()),
        ..Default::default()
    }
}

fn line(sku: &str, qty: &str) -> LineInput {
    LineInput { sku: sku.into(), qty: qty.into(), unit_price: None, discount: None }
}

fn doc_line(sku: &str, qty: &str) -> DocLineInput {
    DocLineInput { sku: sku.into(), qty: qty.into() }
}

/// A shop with a confirmed order of 10 × A1 (1.13, 13% tax) and 3 × B2 (0.10, 3%) for a
/// customer with 30 days' terms.
fn shop_with_order() -> (Shop, String) {
    let mut s = Shop::open_in_memory().unwrap();
    s.init(&ctx(), "喆记五金", "店主").unwrap();
    s.add_product(&ctx(), &product("A1", "镕铸合页", "1.13", "13")).unwrap();
    s.add_product(&ctx(), &product("B2", "堃牌螺丝", "0.10", "3")).unwrap();
    s.receive_stock(&ctx(), "A1", "100", None, None).unwrap();
    s.receive_stock(&ctx(), "B2", "100", None, None).unwrap();
    s.add_customer(&ctx(), &CustomerInput { name: Some("王喆五金店".into()), payment_terms_days: Some("30".into()), ..Default::default() })
        .unwrap();
    let o = s
        .create_and_confirm(
            &ctx(),
            &OrderInput { customer: "王喆五金店".into(), lines: vec![line("A1", "10"), line("B2", "3")], ..Default::default() },
            false,
        )
        .unwrap();
    (s, o.number)
}

fn healthy(s: &Shop) {
    let r = s.check(true).unwrap();
    assert!(r.is_ok(false), "{r:#?}");
}

#[test]
fn an_invoice_bills_what_was_delivered_and_not_yet_invoiced() {
    let (mut s, order) = shop_with_order();
    let e = s.issue_invoice(&ctx(), &order, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::WrongState, "nothing delivered yet: {e}");
    s.deliver(&ctx(), &order, Some(&[DeliverLine { sku: "A1".into(), qty: "4".into() }])).unwrap();
    let first = s.issue_invoice(&ctx(), &order, None).unwrap();
    assert_eq!(first.number, "INV-2026-000001");
    assert_eq!(first.issue_date, "2026-03-05");
    assert_eq!(first.due_date.as_deref(), Some("2026-04-04"), "30 days' terms");
    assert_eq!(first.lines.len(), 1);
    assert_eq!((first.lines[0].sku.as_str(), first.lines[0].qty.to_string()), ("A1", "4".to_string()));
    assert_eq!(first.total.to_string(), "4.52");
    assert_eq!(first.tax.to_string(), "0.52");
    assert_eq!(s.issue_invoice(&ctx(), &order, None).unwrap_err().code(), ErrorCode::WrongState, "all delivered is invoiced");
    s.deliver(&ctx(), &order, None).unwrap();
    let second = s.issue_invoice(&ctx(), &order, None).unwrap();
    assert_eq!(second.number, "INV-2026-000002");
    assert_eq!(
        second.lines.iter().map(|l| (l.sku.clone(), l.qty.to_string())).collect::<Vec<_>>(),
        [("A1".to_string(), "6".to_string()), ("B2".to_string(), "3".to_string())]
    );
    let order_total = s.order(&order).unwrap().total;
    assert_eq!(first.total + second.total, order_total, "the invoices add up to the order");
    let list = s.invoices_of_order(&order).unwrap();
    assert_eq!(list.iter().map(|i| i.number.as_str()).collect::<Vec<_>>(), ["INV-2026-000001", "INV-2026-000002"]);
    healthy(&s);
}

#[test]
fn chosen_lines_may_run_ahead_of_delivery_but_not_past_the_order() {
    let (mut s, order) = shop_with_order();
    let inv = s.issue_invoice(&ctx(), &order, Some(&[doc_line("A1", "10")])).unwrap();
    assert_eq!(inv.total.to_string(), "11.30");
    let before = s.dump().unwrap();
    let e = s.issue_invoice(&ctx(), &order, Some(&[doc_line("B2", "1"), doc_line("A1", "1")])).unwrap_err();
    assert_eq!(e.code(), ErrorCode::OverDelivery);
    assert_eq!(e.field.as_ref().map(|f| (f.key, f.row)), Some((FieldKey::Qty, Some(2))), "{e}");
    assert!(e.message(kaidan_api::core::Lang::ZhCn).contains("A1"), "the message names the product");
    let e = s.issue_invoice(&ctx(), &order, Some(&[doc_line("NOPE", "1")])).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    let e = s.issue_invoice(&ctx(), &order, Some(&[doc_line("B2", "-1")])).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert_eq!(s.dump().unwrap(), before, "a refused invoice writes nothing, not even a number");
    let next = s.issue_invoice(&ctx(), &order, Some(&[doc_line("B2", "3")])).unwrap();
    assert_eq!(next.number, "INV-2026-000002", "no number was lost to the refusals");
    // what was invoiced holds the order's quantities
    let e = s
        .change_order(
            &ctx(),
            &order,
            &kaidan_api::ChangeInput { lines: Some(vec![line("A1", "9"), line("B2", "3")]), ..Default::default() },
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.message(kaidan_api::core::Lang::En).contains("already invoiced"), "{e}");
    healthy(&s);
}

#[test]
fn credit_notes_take_back_part_or_all_and_never_more() {
    let (mut s, order) = shop_with_order();
    s.deliver(&ctx(), &order, None).unwrap();
    let inv = s.issue_invoice(&ctx(), &order, None).unwrap();
    assert_eq!(inv.total.to_string(), "11.60");
    let part = s.credit_invoice(&ctx(), &inv.number, Some(&[doc_line("A1", "3")]), Some("三个有划痕")).unwrap();
    assert_eq!(part.number, "CN-2026-000001");
    assert_eq!(part.credits.as_deref(), Some(inv.number.as_str()));
    assert_eq!(part.total.to_string(), "-3.39");
    assert_eq!(part.reason.as_deref(), Some("三个有划痕"));
    let e = s.credit_invoice(&ctx(), &inv.number, Some(&[doc_line("A1", "8")]), None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::OverDelivery, "only 7 of A1 are left to credit: {e}");
    let e = s.credit_invoice(&ctx(), &part.number, None, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::WrongState, "a credit note is not credited: {e}");
    let rest = s.credit_invoice(&ctx(), &inv.number, None, None).unwrap();
    assert_eq!(rest.number, "CN-2026-000002");
    assert_eq!(part.total + rest.total, -inv.total, "the credit notes take back exactly the invoice");
    assert_eq!(s.credit_invoice(&ctx(), &inv.number, None, None).unwrap_err().code(), ErrorCode::WrongState);
    let shown = s.invoice(&inv.number).unwrap();
    assert_eq!(shown.credit_notes, ["CN-2026-000001", "CN-2026-000002"]);
    // fully credited lines can be invoiced again (a corrected invoice)
    let again = s.issue_invoice(&ctx(), &order, None).unwrap();
    assert_eq!(again.total, inv.total);
    healthy(&s);
}

#[test]
fn issued_documents_cannot_be_changed_even_by_sql() {
    let (mut s, order) = shop_with_order();
    s.issue_invoice(&ctx(), &order, Some(&[doc_line("A1", "1")])).unwrap();
    let conn = s.store_mut().raw_connection_for_benchmarks();
    for sql in
        ["UPDATE invoice SET total_cents = 1", "DELETE FROM invoice", "UPDATE invoice_line SET qty_milli = 5", "DELETE FROM invoice_line"]
    {
        let e = conn.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("never"), "{sql}: {e}");
    }
    // a series counter that skipped a number is reported by the check
    conn.execute("UPDATE number_series SET next_value = next_value + 1 WHERE kind = 'INV'", []).unwrap();
    let report = s.check(false).unwrap();
    assert!(report.numbering.iter().any(|n| n.starts_with("INV-2026")), "{report:#?}");
}

#[test]
fn the_first_print_is_the_original_and_later_ones_are_copies() {
    let (mut s, order) = shop_with_order();
    s.deliver(&ctx(), &order, None).unwrap();
    let inv = s.issue_invoice(&ctx(), &order, None).unwrap();
    let req =
        |preview: bool| PrintRequest { kind: "invoice".into(), number: inv.number.clone(), preview: Some(preview), ..Default::default() };
    let (p, pdf) = s.print(&ctx(), &req(true)).unwrap();
    assert!(!p.copy && pdf.starts_with(b"%PDF"));
    let (p, _) = s.print(&ctx(), &req(false)).unwrap();
    assert!(!p.copy, "a preview does not use up the original");
    assert_eq!(p.paper, kaidan_api::core::Paper::A4, "the default invoice paper");
    let (p, _) = s.print(&ctx(), &req(false)).unwrap();
    assert!(p.copy, "the second print is a copy");
    let (p, _) = s.print(&ctx(), &req(true)).unwrap();
    assert!(p.copy, "a preview shows what the next print will be");
    // delivery notes follow their own setting and paper
    let dn = s.order(&order).unwrap().deliveries[0].number.clone();
    let (p, _) = s.print(&ctx(), &PrintRequest { kind: "delivery".into(), number: dn.clone(), ..Default::default() }).unwrap();
    assert_eq!((p.paper, p.copy), (kaidan_api::core::Paper::A5, false));
    s.set_setting(&ctx(), "paper_delivery", "241mm").unwrap();
    let (p, _) = s.print(&ctx(), &PrintRequest { kind: "delivery".into(), number: dn, prices: Some(false), ..Default::default() }).unwrap();
    assert_eq!((p.paper, p.copy), (kaidan_api::core::Paper::Continuous241, true));
    // a receipt for an order number
    let (p, _) = s.print(&ctx(), &PrintRequest { kind: "receipt".into(), number: order.clone(), ..Default::default() }).unwrap();
    assert_eq!(p.paper, kaidan_api::core::Paper::Roll80);
    // errors name what is wrong and write nothing
    let before = s.dump().unwrap();
    for (kind, number, paper, code) in [
        ("invoice", "INV-2026-999999", None, ErrorCode::NotFound),
        ("letter", inv.number.as_str(), None, ErrorCode::Invalid),
        ("invoice", inv.number.as_str(), Some("a3"), ErrorCode::Invalid),
        ("credit_note", inv.number.as_str(), None, ErrorCode::NotFound),
    ] {
        let e = s
            .print(&ctx(), &PrintRequest { kind: kind.into(), number: number.into(), paper: paper.map(Into::into), ..Default::default() })
            .unwrap_err();
        assert_eq!(e.code(), code, "{kind} {number} {paper:?}: {e}");
    }
    assert_eq!(s.dump().unwrap(), before);
}

#[test]
fn a_logo_must_be_an_image() {
    let (mut s, _) = shop_with_order();
    let e = s.set_logo(&ctx(), Some(b"GIF89a nonsense")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::PrintFailed);
    s.set_logo(&ctx(), Some(include_bytes!("../../../../icons/32x32.png"))).unwrap();
    s.set_logo(&ctx(), None).unwrap();
}
