//! People at the counter: every action × every role (refused for a clerk, naming the action;
//! allowed with the owner's PIN on the spot, the log naming both), PINs as Argon2id with a lock
//! after five wrong ones, old SHA-256 PINs upgraded, no PIN text kept anywhere, operators
//! deactivated but still named, the salesperson of an order.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Duration, Utc};
use kaidan_api::core::model::AuditEntry;
use kaidan_api::core::{Action, AuditAction, ErrorCode, Lang, Problem, Role};
use kaidan_api::{
    BackupKind, ChangeInput, Ctx, CustomerInput, ImportOptions, LineInput, OrderInput, OrderQuery, PayInput, PrintRequest, ProductInput,
    ReturnInput, ReturnLineInput, Shop,
};

const OWNER_PIN: &str = "246800";
const CLERK_PIN: &str = "135790";

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-05T09:00:00Z").unwrap().with_timezone(&Utc)
}

fn owner() -> Ctx {
    Ctx::owner_at(t0()).with_pin("店主", OWNER_PIN)
}

fn clerk() -> Ctx {
    Ctx::owner_at(t0()).with_pin("小李", CLERK_PIN)
}

fn approved() -> Ctx {
    clerk().approved_by("店主", OWNER_PIN)
}

fn line(qty: &str) -> LineInput {
    LineInput { sku: "P".into(), qty: qty.into(), unit_price: None, discount: None }
}

/// A shop with something for every action to act on: O1 confirmed, O2 delivered and invoiced
/// and paid in part (RCV), O3 waiting for approval, O4 delivered and not invoiced, an import
/// batch, a backup; the owner's and the clerk's PINs set last.
struct Fixture {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    shop: Shop,
    o1: String,
    o2: String,
    o3: String,
    o4: String,
    invoice: String,
    receipt: String,
    batch: String,
    backup: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let mut s = Shop::open(&path.join("kaidan.db")).unwrap();
    let o = Ctx::owner_at(t0());
    s.init(&o, "喆记五金", "店主").unwrap();
    s.set_setting(&o, "approval_threshold", "50").unwrap();
    s.add_product(&o, &ProductInput { sku: Some("P".into()), name: Some("合页".into()), price: Some("1.00".into()), ..Default::default() })
        .unwrap();
    s.receive_stock(&o, "P", "1000", Some("0.50"), None).unwrap();
    s.add_customer(&o, &CustomerInput { name: Some("王喆五金店".into()), ..Default::default() }).unwrap();
    let order = |s: &mut Shop, qty: &str| {
        s.create_and_confirm(&o, &OrderInput { customer: "王喆五金店".into(), lines: vec![line(qty)], ..Default::default() }, false)
            .unwrap()
            .number
    };
    let o1 = order(&mut s, "2");
    let o2 = order(&mut s, "10");
    s.deliver(&o, &o2, None).unwrap();
    let invoice = s.issue_invoice(&o, &o2, None).unwrap().number;
    let receipt = s
        .pay(&o, &PayInput { customer: "王喆五金店".into(), amount: "4.00".into(), method: "微信".into(), ..Default::default() })
        .unwrap()
        .number;
    let o3 = order(&mut s, "60");
    let o4 = order(&mut s, "3");
    s.deliver(&o, &o4, None).unwrap();
    let csv = path.join("订单 导入.csv");
    std::fs::write(&csv, "订单号,日期,客户,商品编码,数量,单价\r\nA-1,2026-03-01,新来的客户,P,2,1.00\r\n").unwrap();
    let batch = s.import_orders(&o, &csv, &ImportOptions::default(), false, &mut |_, _| {}, &AtomicBool::new(false)).unwrap().batch;
    let backup = s.backup(&o, Some(&path), BackupKind::Manual, &mut |_, _| {}, &AtomicBool::new(false)).unwrap().file;
    // a second person needs the owner to have a PIN first
    let e = s.add_operator(&o, "小李", Role::Clerk, Some(CLERK_PIN)).unwrap_err();
    assert_eq!(e.problem, Problem::OwnerNeedsPin { owner: "店主".into() });
    s.set_operator_pin(&o, "店主", Some(OWNER_PIN)).unwrap();
    s.add_operator(&owner(), "小李", Role::Clerk, Some(CLERK_PIN)).unwrap();
    assert_eq!(s.order(&o3).unwrap().status.as_str(), "pending_approval");
    Fixture { _dir: dir, dir: path, shop: s, o1, o2, o3, o4, invoice, receipt, batch, backup }
}

/// Takes `action` in the fixture as `ctx`: one use case that needs it.
fn act(f: &mut Fixture, ctx: &Ctx, action: Action) -> Result<(), kaidan_api::core::Error> {
    let s = &mut f.shop;
    let never = AtomicBool::new(false);
    match action {
        Action::TakeOrders => {
            s.create_order(ctx, &OrderInput { customer: "王喆五金店".into(), lines: vec![line("1")], ..Default::default() }).map(drop)
        }
        Action::Deliver => s.deliver(ctx, &f.o1, None).map(drop),
        Action::ReceivePayments => s
            .pay(ctx, &PayInput { customer: "王喆五金店".into(), amount: "1.00".into(), method: "现金".into(), ..Default::default() })
            .map(drop),
        Action::Print => s.print(ctx, &PrintRequest { kind: "invoice".into(), number: f.invoice.clone(), ..Default::default() }).map(drop),
        Action::IssueInvoices => s.issue_invoice(ctx, &f.o4, None).map(drop),
        Action::TakeReturns => s
            .return_goods(
                ctx,
                &ReturnInput {
                    order: f.o2.clone(),
                    lines: vec![ReturnLineInput { sku: "P".into(), qty: "1".into(), ..Default::default() }],
                    ..Default::default()
                },
            )
            .map(drop),
        Action::EditCatalog => s
            .add_product(
                ctx,
                &ProductInput { sku: Some("Q".into()), name: Some("螺丝".into()), price: Some("0.10".into()), ..Default::default() },
            )
            .map(drop),
        Action::ReceiveStock => s.receive_stock(ctx, "P", "5", Some("0.50"), None).map(drop),
        Action::Import => {
            let csv = f.dir.join("second.csv");
            std::fs::write(&csv, "订单号,日期,客户,商品编码,数量,单价\r\nB-1,2026-03-02,又一位客户,P,1,1.00\r\n").unwrap();
            s.import_orders(ctx, &csv, &ImportOptions::default(), false, &mut |_, _| {}, &never).map(drop)
        }
        Action::Backup => s.backup(ctx, Some(&f.dir), BackupKind::Manual, &mut |_, _| {}, &never).map(drop),
        Action::ApproveOrders => s.approve_order(ctx, &f.o3).map(drop),
        Action::ChangeSalesperson => s.set_salesperson(ctx, &f.o1, "小李").map(drop),
        Action::CreditInvoices => s.credit_invoice(ctx, &f.invoice, None, Some("开错了")).map(drop),
        Action::Refund => s.reverse_payment(ctx, &f.receipt, "记错了").map(drop),
        Action::ChangeCredit => {
            s.update_customer(ctx, "王喆五金店", &CustomerInput { credit_limit: Some("500".into()), ..Default::default() }).map(drop)
        }
        Action::AdjustStock => s.adjust_stock(ctx, "P", "-1", "破损").map(drop),
        // setting a cost (reports and exports do not hide costs from clerks yet)
        Action::SeeCosts => s.update_product(ctx, "P", &ProductInput { cost: Some("0.01".into()), ..Default::default() }).map(drop),
        Action::ChangeSettings => s.set_setting(ctx, "approval_threshold", "80").map(drop),
        Action::RestoreBackups => s.restore(ctx, &f.backup, true, &mut |_, _| {}).map(drop),
        Action::UndoImports => s.undo_import(ctx, &f.batch).map(drop),
        Action::ManageOperators => s.add_operator(ctx, "小张", Role::Clerk, None).map(drop),
    }
}

fn approvals(s: &Shop, clerk_id: &str) -> Vec<AuditEntry> {
    s.store().read(|db| db.audit_of(clerk_id)).unwrap().into_iter().filter(|e| e.action == AuditAction::Approve).collect()
}

#[test]
fn every_action_for_every_role_one_table_decides_and_the_owners_pin_on_the_spot_allows_it() {
    for action in Action::ALL {
        // the owner: everything
        let mut f = fixture();
        act(&mut f, &owner(), action).unwrap_or_else(|e| panic!("owner, {action}: {}", e.message(Lang::En)));

        // a clerk alone: what the table allows, and nothing else — the database as it was
        let mut f = fixture();
        let before = f.shop.dump().unwrap();
        match (Role::Clerk.may(action), act(&mut f, &clerk(), action)) {
            (true, r) => r.unwrap_or_else(|e| panic!("clerk, {action}: {}", e.message(Lang::En))),
            (false, Ok(())) => panic!("a clerk took {action}"),
            (false, Err(e)) => {
                assert_eq!(e.problem, Problem::NotAllowed { action }, "{action}");
                assert_eq!(e.code(), ErrorCode::Forbidden);
                let word = kaidan_api::core::text::vocab::Word::word(action, Lang::ZhCn);
                assert!(e.message(Lang::ZhCn).contains(word), "{}", e.message(Lang::ZhCn));
                assert!(e.message(Lang::ZhCn).contains("店主"), "{}", e.message(Lang::ZhCn));
                assert_eq!(f.shop.dump().unwrap(), before, "{action}: a refusal wrote");
            }
        }

        // a clerk with the owner beside them: allowed, and the log names both
        let mut f = fixture();
        act(&mut f, &approved(), action).unwrap_or_else(|e| panic!("approved, {action}: {}", e.message(Lang::En)));
        if !Role::Clerk.may(action) && action != Action::RestoreBackups {
            let clerk_id = f.shop.operators().unwrap().into_iter().find(|o| o.name == "小李").unwrap().id;
            let said = approvals(&f.shop, &clerk_id);
            assert_eq!(said.len(), 1, "{action}");
            assert_eq!(said[0].operator, "小李");
            assert_eq!(said[0].approved_by.as_deref(), Some("店主"), "{action}");
            assert_eq!(said[0].after.as_ref().unwrap()["approved"], serde_json::json!([action.as_str()]), "{action}");
        }
        assert!(f.shop.check(true).unwrap().audit_chain.is_empty(), "{action}");
    }
}

#[test]
fn an_approved_write_names_the_clerk_and_the_owner_on_its_entries() {
    let mut f = fixture();
    let o3 = f.o3.clone();
    f.shop.approve_order(&approved(), &o3).unwrap();
    let history = f.shop.order_history(&o3).unwrap();
    let last = history.last().unwrap();
    assert_eq!((last.action, last.operator.as_str(), last.approved_by.as_deref()), (AuditAction::Approve, "小李", Some("店主")));
    // a clerk cannot approve with their own PIN, nor a wrong owner PIN
    let e = f.shop.approve_order(&clerk().approved_by("小李", CLERK_PIN), &o3).unwrap_err();
    assert!(matches!(e.problem, Problem::ApproverNotOwner { .. }), "{e:?}");
    let mut g = fixture();
    let o3 = g.o3.clone();
    let e = g.shop.approve_order(&clerk().approved_by("店主", "000000"), &o3).unwrap_err();
    assert!(matches!(e.problem, Problem::WrongPin { ref operator, tries_left: 4 } if operator == "店主"), "{e:?}");
    assert_eq!(g.shop.order(&o3).unwrap().status.as_str(), "pending_approval");
}

fn at(secs: i64) -> Ctx {
    Ctx::owner_at(t0() + Duration::seconds(secs))
}

#[test]
fn five_wrong_pins_lock_with_growing_waits_and_the_right_pin_after_the_wait_works() {
    let mut f = fixture();
    let s = &mut f.shop;
    let wrong = |secs| at(secs).with_pin("小李", "999999");
    let right = |secs| at(secs).with_pin("小李", CLERK_PIN);
    for left in [4, 3, 2, 1, 0] {
        let e = s.sign_in(&wrong(0), "小李", Some("999999")).unwrap_err();
        assert_eq!(e.problem, Problem::WrongPin { operator: "小李".into(), tries_left: left });
    }
    // locked: even the right PIN waits, and the wait is said
    let e = s.sign_in(&right(1), "小李", Some(CLERK_PIN)).unwrap_err();
    assert_eq!(e.problem, Problem::PinLocked { operator: "小李".into(), seconds: 29 });
    assert!(e.message(Lang::ZhCn).contains("29 秒"), "{}", e.message(Lang::ZhCn));
    // a write as the clerk is refused the same way, before anything is written
    let before = s.dump().unwrap();
    let e = s.pay(&right(2), &PayInput { customer: "王喆五金店".into(), amount: "1".into(), method: "现金".into(), ..Default::default() });
    assert!(matches!(e.unwrap_err().problem, Problem::PinLocked { .. }));
    assert_eq!(s.dump().unwrap(), before);
    // after the wait one more wrong PIN locks for longer: 60 s
    let e = s.sign_in(&wrong(31), "小李", Some("999999")).unwrap_err();
    assert_eq!(e.problem, Problem::WrongPin { operator: "小李".into(), tries_left: 0 });
    let e = s.sign_in(&right(31 + 45), "小李", Some(CLERK_PIN)).unwrap_err();
    assert_eq!(e.problem, Problem::PinLocked { operator: "小李".into(), seconds: 15 });
    // the right PIN after the wait signs in and forgets the run
    let session = s.sign_in(&right(31 + 61), "小李", Some(CLERK_PIN)).unwrap();
    assert_eq!((session.name.as_str(), session.role), ("小李", Role::Clerk));
    let e = s.sign_in(&wrong(100), "小李", Some("999999")).unwrap_err();
    assert_eq!(e.problem, Problem::WrongPin { operator: "小李".into(), tries_left: 4 });
    // the other operators were never locked
    s.sign_in(&at(1), "店主", Some(OWNER_PIN)).unwrap();
    // a session acts without the PIN again
    let as_session = Ctx { session: Some(session), ..at(200) };
    let p =
        s.pay(&as_session, &PayInput { customer: "王喆五金店".into(), amount: "1".into(), method: "现金".into(), ..Default::default() });
    assert_eq!(p.unwrap().created_by, "小李");
}

#[test]
fn no_pin_text_in_the_database_the_log_or_a_message() {
    let mut f = fixture();
    f.shop.set_operator_pin(&owner(), "小李", Some("864213")).unwrap();
    let e = f.shop.sign_in(&at(0), "小李", Some("975310")).unwrap_err();
    f.shop.sign_in(&at(0), "小李", Some("864213")).unwrap();
    let dump = format!("{:?}", f.shop.dump().unwrap());
    for pin in [OWNER_PIN, CLERK_PIN, "864213", "975310"] {
        assert!(!dump.contains(pin), "{pin} in the database");
        for lang in [Lang::ZhCn, Lang::En] {
            assert!(!e.message(lang).contains(pin));
        }
        assert!(!format!("{e:?}").contains(pin));
        assert!(!format!("{:?}", approved()).contains(pin), "a Ctx prints its PIN");
    }
    assert!(dump.contains("$argon2id$"), "PINs kept as Argon2id");
}

#[test]
fn an_old_sha256_pin_signs_in_once_and_is_stored_anew_as_argon2id() {
    use sha2::{Digest, Sha256};
    let mut f = fixture();
    let salt = "0190aaaa-0000-7000-8000-000000000000";
    let hash = format!("{:x}", Sha256::new().chain_update(salt).chain_update(b"\0").chain_update("4321").finalize());
    f.shop.store_mut().write(|db| db.insert_operator(t0(), "老王", Role::Clerk, Some((Some(salt.into()), hash.clone())))).unwrap();
    let state = |s: &Shop| s.store().read(|db| db.pin_state(&db.operator_by_name("老王")?.unwrap().id)).unwrap();
    assert_eq!(state(&f.shop).salt.as_deref(), Some(salt));
    assert!(matches!(f.shop.sign_in(&at(0), "老王", Some("1234")).unwrap_err().problem, Problem::WrongPin { .. }));
    f.shop.sign_in(&at(0), "老王", Some("4321")).unwrap();
    let after = state(&f.shop);
    assert_eq!(after.salt, None);
    assert!(after.hash.as_deref().unwrap().starts_with("$argon2id$"));
    assert_ne!(after.hash.as_deref(), Some(hash.as_str()));
    // and the new hash takes the same PIN
    f.shop.sign_in(&at(1), "老王", Some("4321")).unwrap();
    assert_eq!(after.failures, 0);
}

#[test]
fn a_deactivated_operator_neither_signs_in_nor_acts_and_the_log_still_names_them() {
    let mut f = fixture();
    let pay = PayInput { customer: "王喆五金店".into(), amount: "1".into(), method: "现金".into(), ..Default::default() };
    let p = f.shop.pay(&clerk(), &pay).unwrap();
    let session = f.shop.sign_in(&clerk(), "小李", Some(CLERK_PIN)).unwrap();
    assert_eq!(f.shop.set_operator_active(&owner(), "小李", false).unwrap().active, false);
    assert!(matches!(f.shop.sign_in(&clerk(), "小李", Some(CLERK_PIN)).unwrap_err().problem, Problem::OperatorInactive { .. }));
    assert!(matches!(f.shop.pay(&clerk(), &pay).unwrap_err().problem, Problem::OperatorInactive { .. }));
    // a window still signed in as them stops too
    let e = f.shop.pay(&Ctx { session: Some(session), ..owner() }, &pay).unwrap_err();
    assert!(matches!(e.problem, Problem::OperatorInactive { .. }));
    assert_eq!(f.shop.payment(&p.number).unwrap().created_by, "小李");
    // the name stays theirs; the last owner stays
    assert!(f.shop.add_operator(&owner(), "小李", Role::Clerk, None).is_err());
    assert_eq!(f.shop.set_operator_active(&owner(), "店主", false).unwrap_err().problem, Problem::LastOwner);
    assert!(f.shop.set_operator_active(&owner(), "小李", true).unwrap().active);
    f.shop.pay(&clerk(), &pay).unwrap();
    // renamed, the log follows the person
    f.shop.rename_operator(&owner(), "小李", "李明").unwrap();
    assert_eq!(f.shop.payment(&p.number).unwrap().created_by, "李明");
    assert!(f.shop.check(true).unwrap().audit_chain.is_empty());
}

#[test]
fn each_order_has_its_salesperson_whom_only_the_owner_changes_and_lists_filter_by() {
    let mut f = fixture();
    let mine =
        f.shop.create_order(&clerk(), &OrderInput { customer: "王喆五金店".into(), lines: vec![line("1")], ..Default::default() }).unwrap();
    assert_eq!((mine.salesperson.as_str(), mine.created_by.as_str()), ("小李", "小李"));
    assert_eq!(f.shop.order(&f.o1).unwrap().salesperson, "店主");
    let list = |s: &Shop, who: &str| -> Vec<String> {
        s.orders(&OrderQuery { salesperson: Some(who.into()), ..Default::default() }).unwrap().items.into_iter().map(|o| o.number).collect()
    };
    assert_eq!(list(&f.shop, "小李"), vec![mine.number.clone()]);
    let o1 = f.o1.clone();
    assert!(matches!(f.shop.set_salesperson(&clerk(), &o1, "小李").unwrap_err().problem, Problem::NotAllowed { .. }));
    assert_eq!(f.shop.set_salesperson(&owner(), &o1, "小李").unwrap().salesperson, "小李");
    let mut both = list(&f.shop, "小李");
    both.sort();
    let mut want = vec![mine.number, o1.clone()];
    want.sort();
    assert_eq!(both, want);
    let last = f.shop.order_history(&o1).unwrap().pop().unwrap();
    assert_eq!(last.before.unwrap()["salesperson"], "店主");
    assert_eq!(last.after.unwrap()["salesperson"], "小李");
    assert!(f.shop.orders(&OrderQuery { salesperson: Some("没有这个人".into()), ..Default::default() }).is_err());
    // a change of lines by the clerk keeps the salesperson
    f.shop.change_order(&owner(), &o1, &ChangeInput { notes: Some("改".into()), ..Default::default() }).unwrap();
    assert_eq!(f.shop.order(&o1).unwrap().salesperson, "小李");
}

#[test]
fn the_day_log_shows_who_did_what_by_person_and_a_customers_history_names_them() {
    use chrono::FixedOffset;
    let mut f = fixture();
    let s = &mut f.shop;
    // Beijing time: 2026-03-06 01:30 local is still 03-05 in UTC
    let late = |secs: i64, c: Ctx| Ctx {
        now: DateTime::parse_from_rfc3339("2026-03-05T17:30:00Z").unwrap().with_timezone(&Utc) + Duration::seconds(secs),
        ..c
    };
    // demo data stamped days ahead (or a clock set back) leaves the id generator ahead of the
    // clock: the day's entries then carry later ids, and are still the day's
    let ahead = Ctx { now: DateTime::parse_from_rfc3339("2026-03-10T09:00:00Z").unwrap().with_timezone(&Utc), ..owner() };
    s.add_customer(&ahead, &CustomerInput { name: Some("明天的客户".into()), ..Default::default() }).unwrap();
    let taken = s
        .create_order(&late(0, clerk()), &OrderInput { customer: "王喆五金店".into(), lines: vec![line("80")], ..Default::default() })
        .unwrap()
        .number;
    assert_eq!(s.confirm_order(&late(1, clerk()), &taken).unwrap().status.as_str(), "pending_approval");
    s.approve_order(&late(2, approved()), &taken).unwrap();
    s.deliver(&late(3, clerk()), &taken, None).unwrap();
    s.pay(
        &late(4, clerk()),
        &PayInput { customer: "王喆五金店".into(), amount: "30.00".into(), method: "现金".into(), ..Default::default() },
    )
    .unwrap();
    s.refund(
        &late(5, owner()),
        &PayInput { customer: "王喆五金店".into(), amount: "5.00".into(), method: "现金".into(), ..Default::default() },
    )
    .unwrap();
    s.adjust_stock(&late(6, owner()), "P", "-2", "破损").unwrap();
    let beijing = FixedOffset::east_opt(8 * 3600).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
    let log = s.day_log(day, beijing, None, Lang::ZhCn).unwrap();
    let line_of = |name: &str| log.people.iter().find(|p| p.operator == name).cloned().unwrap();
    let li = line_of("小李");
    assert_eq!((li.orders, li.deliveries, li.money_in.to_string(), li.approvals, li.entries), (1, 1, "30.00".into(), 0, 6), "{log:#?}");
    let owner_day = line_of("店主");
    assert_eq!((owner_day.money_out.to_string(), owner_day.approvals, owner_day.corrections), ("5.00".into(), 1, 1), "{log:#?}");
    // every entry names its person; the approved ones the owner too
    let approved_entries: Vec<_> = log.entries.iter().filter(|e| e.approved_by.is_some()).collect();
    assert!(approved_entries.iter().all(|e| e.operator == "小李" && e.approved_by.as_deref() == Some("店主")), "{approved_entries:#?}");
    let spot = log.entries.iter().find(|e| !e.approved.is_empty()).unwrap();
    assert_eq!((spot.what.as_str(), spot.approved.as_slice()), ("审批通过：审批订单", &[Action::ApproveOrders][..]));
    let paid = log.entries.iter().find(|e| e.what == "收款").unwrap();
    assert_eq!((paid.operator.as_str(), paid.amount.map(|a| a.to_string())), ("小李", Some("30.00".into())));
    assert!(log.entries.iter().any(|e| e.what == "调整 -2" && e.record.as_deref() == Some("P") && e.operator == "店主"));
    assert!(log.entries.iter().any(|e| e.what == "订单 发货" && e.record.as_deref() == Some(taken.as_str())));
    // the fixture's morning (03-05 09:00 UTC = 17:00 in Beijing) is the day before
    assert!(log.entries.iter().all(|e| e.at.as_str() >= "2026-03-05T16:00:00"), "{:#?}", log.entries);
    let before = s.day_log(day.pred_opt().unwrap(), beijing, None, Lang::En).unwrap();
    assert!(
        before.entries.iter().any(|e| e.what == "Order created") && before.entries.iter().all(|e| e.at.as_str() < "2026-03-05T16:00:00")
    );
    // one person's day: theirs and what they approved on the spot
    let mine = s.day_log(day, beijing, Some("店主"), Lang::ZhCn).unwrap();
    assert_eq!(mine.people.iter().map(|p| p.operator.as_str()).collect::<Vec<_>>(), ["店主"]);
    assert!(mine.entries.iter().all(|e| e.operator == "店主" || e.approved_by.as_deref() == Some("店主")));
    assert!(mine.entries.iter().any(|e| e.operator == "小李"), "the approvals given on the spot are the owner's too");
    assert_eq!(s.day_log(day, beijing, Some("没有这人"), Lang::ZhCn).unwrap_err().code(), ErrorCode::NotFound);
    // the customer's history, newest first, names who did each thing
    let history = s.customer_log("王喆五金店", 100, Lang::En).unwrap();
    assert_eq!(history.first().map(|e| (e.what.as_str(), e.operator.as_str())), Some(("Refunded", "店主")), "{history:#?}");
    assert!(history.iter().any(|e| e.record.as_deref() == Some(taken.as_str()) && e.approved_by.as_deref() == Some("店主")));
    assert_eq!(history.last().map(|e| (e.what.as_str(), e.record.as_deref())), Some(("Customer created", Some("王喆五金店"))));
}

#[test]
fn a_pin_not_4_to_12_digits_is_refused_in_the_users_language_without_repeating_it() {
    let mut f = fixture();
    for bad in ["12", "12ab", "1234567890123"] {
        let e = f.shop.set_operator_pin(&owner(), "小李", Some(bad)).unwrap_err();
        assert_eq!((e.problem.clone(), e.code()), (Problem::PinFormat, ErrorCode::Invalid));
        assert_eq!(
            (e.message(Lang::ZhCn).as_str(), e.message(Lang::En).as_str()),
            ("「PIN 码」：须为 4–12 位数字", "PIN: must be 4 to 12 digits"),
            "{bad}"
        );
        // what was typed is not said back ("12" is in "4 to 12" itself)
        assert!(bad == "12" || !(e.message(Lang::En) + &e.message(Lang::ZhCn)).contains(bad));
    }
}
