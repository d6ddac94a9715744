//! Every state × action of the order aggregate, without SQLite: `check(order, expect)` renders
//! what each action decides on an order in that state (rust-analyzer's data-driven style;
//! `UPDATE_EXPECT=1 cargo test -p kaidan-core` rewrites the expectations after a deliberate
//! change). A second test holds `allowed_actions` to the decisions: an action is offered exactly
//! when its decision does not refuse it for the order's state or for having nothing to act on.

use expect_test::expect;

use super::*;
use crate::fixed::{Money, Qty, Rate, UnitPrice};
use crate::settings::Settings;
use crate::totals::{line_amounts, order_totals, LineInput, TaxMode};
use crate::ErrorCode;

fn q(s: &str) -> Qty {
    s.parse().unwrap()
}
fn m(s: &str) -> Money {
    s.parse().unwrap()
}

fn line(n: u32, product: &str, qty: &str, price: &str) -> SalesLine {
    let (qty, unit_price) = (q(qty), price.parse::<UnitPrice>().unwrap());
    let amounts = line_amounts(&LineInput { qty, unit_price, discount: Rate::ZERO, tax_rate: Rate::ZERO }, TaxMode::Inclusive).unwrap();
    SalesLine {
        id: format!("L{n}"),
        line_no: n,
        product_id: product.into(),
        sku: product.to_uppercase(),
        name: product.into(),
        unit: "个".into(),
        qty,
        unit_price,
        amounts,
        cost: "1".parse().unwrap(),
        ..SalesLine::default()
    }
}

/// SO-1: 10 × A at 2.00 and 5 × B at 3.00 (35.00), in `status`.
fn order(status: OrderStatus) -> SalesOrder {
    let lines = vec![line(1, "a", "10", "2"), line(2, "b", "5", "3")];
    SalesOrder::new("O1".into(), "SO-1".into(), "C1".into(), status, "2026-12-01".into(), true, lines).unwrap()
}

fn deliver(o: &mut SalesOrder, i: usize, qty: &str) {
    o.lines[i].delivered += q(qty);
}

/// The states an order meets, each as a shop has it.
fn fixtures() -> Vec<(&'static str, SalesOrder)> {
    let pending = SalesOrder {
        approval_reasons: vec![ApprovalReason::AboveThreshold { total: m("35"), threshold: m("30") }],
        ..order(OrderStatus::PendingApproval)
    };
    let mut partly = order(OrderStatus::PartiallyDelivered);
    deliver(&mut partly, 0, "4");
    let mut delivered = order(OrderStatus::Delivered);
    deliver(&mut delivered, 0, "10");
    deliver(&mut delivered, 1, "5");
    let mut billed = delivered.clone();
    billed.lines[0].invoiced = q("10");
    billed.lines[1].invoiced = q("5");
    billed.invoiced = m("35");
    billed.received = m("20");
    let mut returned = billed.clone();
    returned.lines[1].returned = q("5");
    returned.lines[1].returned_value = m("15");
    returned.lines[1].invoiced = Qty::ZERO;
    returned.returned = m("15");
    returned.invoiced = m("20");
    let imported = SalesOrder { import_batch_id: Some("B1".into()), ..delivered.clone() };
    vec![
        ("draft", order(OrderStatus::Draft)),
        ("pending_approval", pending),
        ("confirmed", order(OrderStatus::Confirmed)),
        ("partially_delivered", partly),
        ("delivered", delivered),
        ("delivered_billed_part_paid", billed),
        ("delivered_b_returned", returned),
        ("cancelled", order(OrderStatus::Cancelled)),
        ("imported_history", imported),
    ]
}

fn needs(n: &Needs) -> String {
    n.values().filter(|(_, q)| !q.is_zero()).map(|(sku, q)| format!(" {sku}{}{q}", if q.is_positive() { "+" } else { "" })).collect()
}

fn refusal(e: &crate::Error) -> String {
    format!("refused {}", e.code().as_str())
}

/// What `action` decides on `o`: the new status and reservation, the plan, or the refusal.
fn decide(o: &SalesOrder, action: OrderAction) -> Result<String, crate::Error> {
    let shelf = Shelf {
        allow_negative: false,
        stock: ["a", "b"].map(|p| (p.to_string(), ShelfStock { on_hand: q("100"), reserved: Qty::ZERO })).into(),
    };
    let credit = Credit { limit: None, exposure: Money::ZERO };
    let settings = Settings::default();
    let mut o = o.clone();
    let status = |o: &SalesOrder| o.status.as_str();
    Ok(match action {
        OrderAction::Confirm => {
            let r = o.confirm(&shelf, &credit, &settings, Backorder::No)?;
            format!("→ {} reserve{}", status(&o), needs(&r))
        }
        OrderAction::Approve => {
            let r = o.approve(&shelf, Backorder::No)?;
            format!("→ {} reserve{}", status(&o), needs(&r))
        }
        OrderAction::Change => {
            // A to 12, B as it is
            let lines = o
                .lines
                .iter()
                .map(|l| NewLine {
                    product: LineProduct {
                        id: l.product_id.clone(),
                        sku: l.sku.clone(),
                        name: l.name.clone(),
                        spec: None,
                        unit: l.unit.clone(),
                        tax_rate: l.tax_rate,
                        cost: l.cost,
                    },
                    qty: if l.product_id == "a" { q("12") } else { l.qty },
                    unit_price: l.unit_price,
                    discount: l.discount,
                })
                .collect();
            let r =
                o.change(OrderChange { lines: Some(lines), ..Default::default() }, || "new".into(), &shelf, &credit, &settings, false)?;
            format!("→ {} total {} reserve{}", status(&o), o.totals.total, needs(&r))
        }
        OrderAction::Deliver => {
            let (takes, r) = o.deliver(None, &shelf)?;
            let out: String = takes.iter().map(|t| format!(" {}×{}", o.lines[t.line].sku, t.qty)).collect();
            format!("→ {} out{out} reserve{}", status(&o), needs(&r))
        }
        OrderAction::Cancel => {
            let (how, r) = o.cancel("no longer needed".into())?;
            format!("→ {} {how:?} total {} reserve{}", status(&o), o.totals.total, needs(&r))
        }
        OrderAction::Invoice => {
            let parts = o.invoice(None)?;
            parts.iter().map(|p| format!("{}×{} {}", o.lines[p.line].sku, p.qty, p.amounts.total)).collect::<Vec<_>>().join(", ")
        }
        OrderAction::Return => {
            let parts = o.take_back(&[Want { product_id: "a".into(), sku: "A".into(), qty: q("1") }])?;
            let p = parts[0];
            format!(
                "A×{} worth {}, credit {}",
                p.qty,
                p.total,
                needs(&o.over_billed(&parts).into_iter().map(|(id, q)| (id.clone(), (id, q))).collect())
            )
        }
        OrderAction::Pay => {
            o.require(OrderAction::Pay)?;
            format!("due {} outstanding {} {}", o.due(), o.outstanding(), o.payment_status().as_str())
        }
    })
}

/// What each action decides on an order in `state`, and the actions it offers.
fn render(o: &SalesOrder) -> String {
    let mut out = String::new();
    for action in OrderAction::ALL {
        let said = decide(o, action).unwrap_or_else(|e| refusal(&e));
        out += &format!("{:<8} {said}\n", action.as_str());
    }
    let offered: Vec<&str> = o.allowed_actions().iter().map(|a| a.as_str()).collect();
    out + &format!("allowed  {}\n", offered.join(" "))
}

/// Every state a shop meets × every action.
#[test]
fn every_state_and_action() {
    let table: String = fixtures().iter().map(|(name, o)| format!("## {name}\n{}", render(o))).collect();
    expect![[r#"
        ## draft
        confirm  → confirmed reserve A+10 B+5
        approve  refused wrong_state
        change   → draft total 39.00 reserve
        deliver  refused wrong_state
        cancel   → cancelled Whole total 35.00 reserve
        invoice  refused wrong_state
        return   refused wrong_state
        pay      due 35.00 outstanding 35.00 unpaid
        allowed  confirm change cancel pay
        ## pending_approval
        confirm  refused wrong_state
        approve  → confirmed reserve A+10 B+5
        change   → pending_approval total 39.00 reserve
        deliver  refused wrong_state
        cancel   → cancelled Whole total 35.00 reserve
        invoice  refused wrong_state
        return   refused wrong_state
        pay      due 35.00 outstanding 35.00 unpaid
        allowed  approve change cancel pay
        ## confirmed
        confirm  refused wrong_state
        approve  refused wrong_state
        change   → confirmed total 39.00 reserve A+2
        deliver  → delivered out A×10 B×5 reserve A-10 B-5
        cancel   → cancelled Whole total 35.00 reserve A-10 B-5
        invoice  refused wrong_state
        return   refused wrong_state
        pay      due 35.00 outstanding 35.00 unpaid
        allowed  change deliver cancel pay
        ## partially_delivered
        confirm  refused wrong_state
        approve  refused wrong_state
        change   → partially_delivered total 39.00 reserve A+2
        deliver  → delivered out A×6 B×5 reserve A-6 B-5
        cancel   → delivered Remainder total 8.00 reserve A-6 B-5
        invoice  A×4 8.00
        return   A×1 worth 2.00, credit 
        pay      due 35.00 outstanding 35.00 unpaid
        allowed  change deliver cancel invoice return pay
        ## delivered
        confirm  refused wrong_state
        approve  refused wrong_state
        change   refused wrong_state
        deliver  refused wrong_state
        cancel   refused wrong_state
        invoice  A×10 20.00, B×5 15.00
        return   A×1 worth 2.00, credit 
        pay      due 35.00 outstanding 35.00 unpaid
        allowed  invoice return pay
        ## delivered_billed_part_paid
        confirm  refused wrong_state
        approve  refused wrong_state
        change   refused wrong_state
        deliver  refused wrong_state
        cancel   refused wrong_state
        invoice  refused wrong_state
        return   A×1 worth 2.00, credit  L1+1
        pay      due 35.00 outstanding 15.00 partially_paid
        allowed  return pay
        ## delivered_b_returned
        confirm  refused wrong_state
        approve  refused wrong_state
        change   refused wrong_state
        deliver  refused wrong_state
        cancel   refused wrong_state
        invoice  refused wrong_state
        return   A×1 worth 2.00, credit  L1+1
        pay      due 20.00 outstanding 0.00 paid
        allowed  return pay
        ## cancelled
        confirm  refused wrong_state
        approve  refused wrong_state
        change   refused wrong_state
        deliver  refused wrong_state
        cancel   refused wrong_state
        invoice  refused wrong_state
        return   refused over_delivery
        pay      refused wrong_state
        allowed  
        ## imported_history
        confirm  refused wrong_state
        approve  refused wrong_state
        change   refused wrong_state
        deliver  refused wrong_state
        cancel   refused wrong_state
        invoice  A×10 20.00, B×5 15.00
        return   A×1 worth 2.00, credit 
        pay      due 0.00 outstanding 0.00 paid
        allowed  invoice return pay
    "#]]
    .assert_eq(&table);
}

/// `allowed_actions` offers an action exactly when its decision does not refuse it for the
/// state (`wrong_state`) or for having nothing to act on; other refusals (the shelf, credit,
/// approval) are about the moment, not the order, and are not foreseen.
#[test]
fn allowed_actions_match_the_decisions() {
    for (name, o) in fixtures() {
        for action in OrderAction::ALL {
            let offered = o.allowed_actions().contains(&action);
            let nothing_to_do = |e: &crate::Error| {
                e.code() == ErrorCode::WrongState
                    || matches!(
                        e.problem,
                        crate::Problem::NothingToDeliver { .. }
                            | crate::Problem::NothingToInvoice { .. }
                            | crate::Problem::OverReturn { .. }
                    )
            };
            let decided = match decide(&o, action) {
                Ok(_) => true,
                Err(e) => !nothing_to_do(&e),
            };
            assert_eq!(offered, decided, "{name}: {action:?}");
        }
    }
}

/// Credit at delivery, over the limit: the policy, the owner's word, money at the door, and an
/// approval recorded at a higher exposure.
#[test]
fn credit_at_delivery() {
    let o = order(OrderStatus::Confirmed);
    let credit = Credit { limit: Some(m("100")), exposure: m("120") };
    let said = |o: &SalesOrder, cod: &str, policy, approve, owner| match o.credit_at_delivery(&credit, m(cod), policy, approve, owner) {
        Ok(over) => format!("ok{}", if over { " (owner's word)" } else { "" }),
        Err(p) => format!("{p:?}"),
    };
    let table = [
        said(&o, "0", Policy::Approval, false, true),
        said(&o, "0", Policy::Approval, true, false),
        said(&o, "0", Policy::Approval, true, true),
        said(&o, "0", Policy::Block, true, true),
        said(&o, "0", Policy::Allow, false, false),
        said(&o, "20", Policy::Block, false, false),
        said(
            &SalesOrder { approval_reasons: vec![ApprovalReason::CreditLimit { limit: m("100"), exposure: m("125") }], ..o.clone() },
            "0",
            Policy::Block,
            false,
            false,
        ),
    ]
    .join("\n");
    expect![[r#"
        DeliveryOverCredit { limit: Money(10000), exposure: Money(12000), owner_may_approve: true }
        DeliveryOverCredit { limit: Money(10000), exposure: Money(12000), owner_may_approve: true }
        ok (owner's word)
        DeliveryOverCredit { limit: Money(10000), exposure: Money(12000), owner_may_approve: false }
        ok
        ok
        ok"#]]
    .assert_eq(&table);
}

/// Confirmation routes: the shelf first, then credit, below cost and the threshold.
#[test]
fn confirmation() {
    let said = |o: &SalesOrder, shelf: &Shelf, credit: Credit, settings: &Settings| {
        let mut o = o.clone();
        match o.confirm(shelf, &credit, settings, Backorder::No) {
            Ok(r) => format!("{} {:?}{}", o.status.as_str(), o.approval_reasons, needs(&r)),
            Err(e) => format!("{:?}", e.problem),
        }
    };
    let o = order(OrderStatus::Draft);
    let plenty = Shelf {
        allow_negative: false,
        stock: [
            ("a".to_string(), ShelfStock { on_hand: q("10"), reserved: Qty::ZERO }),
            ("b".to_string(), ShelfStock { on_hand: q("9"), reserved: q("4") }),
        ]
        .into(),
    };
    let open = Settings { approval_threshold: None, ..Settings::default() };
    let no_limit = Credit { limit: None, exposure: Money::ZERO };
    let table = [
        said(&o, &plenty, no_limit, &open),
        said(&o, &plenty, no_limit, &Settings::default()),
        said(&o, &Shelf::default(), no_limit, &open),
        said(&o, &Shelf { allow_negative: true, ..Shelf::default() }, no_limit, &open),
        said(&o, &plenty, Credit { limit: Some(m("50")), exposure: m("15") }, &open),
        said(&o, &plenty, Credit { limit: Some(m("50")), exposure: m("15.01") }, &open),
        said(&o, &plenty, Credit { limit: Some(m("50")), exposure: m("16") }, &Settings { credit_policy: Policy::Block, ..open.clone() }),
        said(
            &SalesOrder { lines: vec![SalesLine { cost: "2.5".parse().unwrap(), ..o.lines[0].clone() }], ..o.clone() },
            &plenty,
            no_limit,
            &open,
        ),
    ]
    .join("\n");
    expect![[r#"
        confirmed [] A+10 B+5
        confirmed [] A+10 B+5
        InsufficientStock { sku: "A", needed: Qty(10000), available: Qty(0), also: [Shortage { sku: "B", needed: Qty(5000), available: Qty(0) }] }
        confirmed [] A+10 B+5
        confirmed [] A+10 B+5
        pending_approval [CreditLimit { limit: Money(5000), exposure: Money(5001) }]
        CreditLimit { limit: Money(5000), exposure: Money(5100), order_total: Money(3500) }
        pending_approval [BelowCost { sku: "A" }]"#]]
    .assert_eq(&table);
}

/// A change of a confirmed order by a clerk: lowering passes, raising above the threshold
/// needs the owner, a line cannot go below what was delivered or invoiced.
#[test]
fn changes() {
    let mut partly = order(OrderStatus::PartiallyDelivered);
    deliver(&mut partly, 0, "4");
    partly.lines[0].invoiced = q("3");
    let product = |l: &SalesLine| LineProduct {
        id: l.product_id.clone(),
        sku: l.sku.clone(),
        name: l.name.clone(),
        spec: None,
        unit: l.unit.clone(),
        tax_rate: l.tax_rate,
        cost: l.cost,
    };
    let with = |qa: &str, price: &str| -> Vec<NewLine> {
        vec![NewLine { product: product(&partly.lines[0]), qty: q(qa), unit_price: price.parse().unwrap(), discount: Rate::ZERO }]
    };
    let low = Settings { approval_threshold: Some(m("10")), ..Settings::default() };
    let plenty = Shelf { allow_negative: true, ..Shelf::default() };
    let said = |lines: Vec<NewLine>, owner: bool| {
        let mut o = partly.clone();
        let mut n = 0;
        match o.change(
            OrderChange { lines: Some(lines), ..Default::default() },
            || {
                n += 1;
                format!("N{n}")
            },
            &plenty,
            &Credit { limit: None, exposure: m("35") },
            &low,
            owner,
        ) {
            Ok(r) => format!(
                "{} {}{} lines {}",
                o.status.as_str(),
                o.totals.total,
                needs(&r),
                o.lines.iter().map(|l| format!("{}:{}#{}", l.sku, l.qty, l.line_no)).collect::<Vec<_>>().join(",")
            ),
            Err(e) => format!("{:?} at {}", e.problem, e.field.map(|f| f.path()).unwrap_or_default()),
        }
    };
    let mut b_too = with("4", "2");
    b_too.push(NewLine {
        product: LineProduct { id: "c".into(), sku: "C".into(), ..product(&partly.lines[0]) },
        qty: q("1"),
        unit_price: "1".parse().unwrap(),
        discount: Rate::ZERO,
    });
    // A to 12 and B kept: 39.00, above the 35.00 it was
    let mut raised = with("12", "2");
    raised.push(NewLine { product: product(&partly.lines[1]), qty: q("5"), unit_price: "3".parse().unwrap(), discount: Rate::ZERO });
    let table = [
        said(with("4", "2"), false),
        said(with("6", "2"), false),
        said(raised.clone(), false),
        said(raised, true),
        said(with("3", "2"), true),
        said(with("4", "0.5"), false),
        said(b_too, true),
        said(Vec::new(), true),
    ]
    .join("\n");
    expect![[r#"
        delivered 8.00 A-6 B-5 lines A:4#1
        partially_delivered 12.00 A-4 B-5 lines A:6#1
        ChangeNeedsApproval at 
        partially_delivered 39.00 A+2 lines A:12#1,B:5#2
        BelowDelivered { sku: "A", delivered: Qty(4000) } at lines[1].qty
        ChangeNeedsApproval at 
        partially_delivered 9.00 A-6 B-5 C+1 lines A:4#1,C:1#3
        EmptyOrder at line"#]]
    .assert_eq(&table);
}

/// Returns add up to the line to the fen, and a refund pays back what was paid beyond what is
/// still due.
#[test]
fn returns_add_up() {
    let mut o = order(OrderStatus::Delivered);
    o.lines = vec![line(1, "a", "3", "3.33")];
    o.lines[0].delivered = q("3");
    o.totals = order_totals([&o.lines[0].amounts]).unwrap();
    o.received = o.totals.total;
    let one = Want { product_id: "a".into(), sku: "A".into(), qty: q("1") };
    let parts = o.take_back(&[one.clone(), one.clone(), one.clone()]).unwrap();
    let values: Vec<String> = parts.iter().map(|p| p.total.to_string()).collect();
    assert_eq!(values, ["3.33", "3.33", "3.33"]);
    o.lines[0].returned = q("2");
    o.lines[0].returned_value = m("6.66");
    o.returned = m("6.66");
    assert_eq!(o.take_back(&[one.clone()]).unwrap()[0].total, m("3.33"));
    assert_eq!(o.refund_for_return(m("3.33")), m("3.33"));
    o.received = m("2");
    assert_eq!(o.refund_for_return(m("3.33")), m("2"), "only what was paid comes back");
    assert!(matches!(o.take_back(&[one.clone(), one]).unwrap_err().problem, crate::Problem::OverReturn { .. }));
}

/// A backorder: what the shelf has is reserved, the rest waits; a delivery takes the reserved
/// part first and beyond it only what no other order holds; stock that comes in fills what
/// waits; a cancel releases what is held.
#[test]
fn backorder() {
    let shelf = |a: (&str, &str), b: (&str, &str)| Shelf {
        allow_negative: false,
        stock: [
            ("a".to_string(), ShelfStock { on_hand: q(a.0), reserved: q(a.1) }),
            ("b".to_string(), ShelfStock { on_hand: q(b.0), reserved: q(b.1) }),
        ]
        .into(),
    };
    let waits = |o: &SalesOrder| -> String { o.lines.iter().map(|l| format!(" {}:{}", l.sku, l.backordered)).collect() };
    let no_limit = Credit { limit: None, exposure: Money::ZERO };
    let open = Settings { approval_threshold: None, ..Settings::default() };
    let mut log = Vec::new();
    let mut o = order(OrderStatus::Draft);
    // A: 10 wanted, 6 on hand of which 2 held by another order; B: 5 wanted, none
    let s = shelf(("6", "2"), ("0", "0"));
    log.push(format!("plain: {}", o.clone().confirm(&s, &no_limit, &open, Backorder::No).map_err(|e| refusal(&e)).unwrap_err()));
    let r = o.confirm(&s, &no_limit, &open, Backorder::Yes).unwrap();
    log.push(format!("backorder: {} reserve{} waits{} backordered {}", o.status.as_str(), needs(&r), waits(&o), o.backordered()));
    // the order holds 4 of A now
    let s = shelf(("6", "6"), ("0", "0"));
    log.push(format!("deliver all: {}", o.clone().deliver(None, &s).map_err(|e| format!("{:?}", e.problem)).unwrap_err()));
    let (_, r) = o.deliver(Some(&[Want { product_id: "a".into(), sku: "A".into(), qty: q("4") }]), &s).unwrap();
    log.push(format!("deliver A×4: {} reserve{} waits{}", o.status.as_str(), needs(&r), waits(&o)));
    // 5 of A come in and 2 of B: A fills 5 of its 6, B 2 of 5
    let (fa, fb) = (o.fill_backorder("a", q("5")), o.fill_backorder("b", q("2")));
    log.push(format!("stock in: A+{fa} B+{fb} waits{} holds{}", waits(&o), needs(&o.reserved())));
    // 8 of A on hand, 5 held by this order, 3 by others: A×6 is 1 beyond what it holds
    log.push(format!(
        "deliver A×6, none free: {}",
        o.clone()
            .deliver(Some(&[Want { product_id: "a".into(), sku: "A".into(), qty: q("6") }]), &shelf(("8", "8"), ("2", "2")))
            .map_err(|e| format!("{:?}", e.problem))
            .unwrap_err()
    ));
    // one more of A comes free: A×6 goes (5 held + 1 beyond)
    let s = shelf(("8", "7"), ("2", "2"));
    let (_, r) = o.deliver(Some(&[Want { product_id: "a".into(), sku: "A".into(), qty: q("6") }]), &s).unwrap();
    log.push(format!("deliver A×6: {} reserve{} waits{}", o.status.as_str(), needs(&r), waits(&o)));
    let (how, r) = o.cancel("customer went elsewhere".into()).unwrap();
    log.push(format!("cancel: {how:?} {} release{} waits{}", o.status.as_str(), needs(&r), waits(&o)));
    expect![[r#"
        plain: refused insufficient_stock
        backorder: confirmed reserve A+4 waits A:6 B:5 backordered true
        deliver all: InsufficientStock { sku: "A", needed: Qty(10000), available: Qty(4000), also: [Shortage { sku: "B", needed: Qty(5000), available: Qty(0) }] }
        deliver A×4: partially_delivered reserve A-4 waits A:6 B:5
        stock in: A+5 B+2 waits A:1 B:3 holds A+5 B+2
        deliver A×6, none free: InsufficientStock { sku: "A", needed: Qty(6000), available: Qty(5000), also: [] }
        deliver A×6: partially_delivered reserve A-5 waits A:0 B:3
        cancel: Remainder delivered release B-2 waits A:0"#]].assert_eq(&log.join("\n"));
}
