//! A realistic demo shop: a hardware and building-materials store (五金建材) with Chinese and
//! English names, stock in, and a few thousand orders over four months in every state. Built
//! through the same use cases as real work, in one transaction.

use chrono::{Duration, Utc};
use kaidan_core::model::PayMethod;
use kaidan_core::{Error, Money, OrderStatus, Problem, Qty};
use kaidan_store::Stamp;
use serde::{Deserialize, Serialize};

use crate::orders::{self, LineInput, OrderInput};
use crate::{catalog, resolve_actor, Actor, Ctx, CustomerInput, ProductInput, Shop, Who};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DemoSummary {
    pub products: usize,
    pub customers: usize,
    pub orders: usize,
    pub by_status: Vec<(OrderStatus, usize)>,
}

// (sku, barcode, name, spec, unit, price, cost, reorder point)
const PRODUCTS: &[(&str, &str, &str, &str, &str, &str, &str, &str)] = &[
    ("LS-M6-30", "6901234500011", "六角螺栓", "M6×30 镀锌", "个", "0.35", "0.18", "500"),
    ("LS-M8-40", "6901234500028", "六角螺栓", "M8×40 镀锌", "个", "0.62", "0.33", "500"),
    ("LM-M6", "6901234500035", "六角螺母", "M6 镀锌", "个", "0.08", "0.04", "1000"),
    ("PZ-M8", "6901234500042", "膨胀螺栓", "M8×80", "套", "1.20", "0.70", "300"),
    ("PZ-M10", "6901234500059", "膨胀螺栓", "M10×100", "套", "1.80", "1.05", "300"),
    ("ZD-4x25", "6901234500066", "自攻钉", "4×25 黑磷", "盒", "12.00", "7.50", "40"),
    ("TD-50", "6901234500073", "圆钉", "50mm", "kg", "9.50", "6.80", "50"),
    ("PPR-20", "6901234500080", "PPR 冷热水管", "Φ20 4米", "根", "16.80", "11.00", "60"),
    ("PPR-25", "6901234500097", "PPR 冷热水管", "Φ25 4米", "根", "24.50", "16.20", "60"),
    ("PVC-110", "6901234500103", "PVC 排水管", "Φ110 4米", "根", "58.00", "41.00", "20"),
    ("WT-20", "6901234500110", "PPR 弯头", "Φ20 90°", "个", "1.50", "0.80", "200"),
    ("FM-20", "6901234500127", "铜球阀", "DN20", "个", "38.00", "24.00", "30"),
    ("DX-BV2.5", "6901234500134", "铜芯电线", "BV 2.5平方 100米", "卷", "239.00", "188.00", "10"),
    ("DX-BV4", "6901234500141", "铜芯电线", "BV 4平方 100米", "卷", "379.00", "301.00", "8"),
    ("KG-86-1", "6901234500158", "单开开关", "86型 白色", "个", "9.90", "5.20", "100"),
    ("CZ-86-5", "6901234500165", "五孔插座", "86型 白色", "个", "12.80", "6.90", "100"),
    ("LED-9W", "6901234500172", "LED 球泡灯", "9W E27 暖白", "个", "8.50", "4.60", "100"),
    ("LED-T5", "6901234500189", "LED 灯管", "T5 1.2米", "根", "22.00", "13.50", "40"),
    ("JD-PT", "6901234500196", "电工胶布", "PVC 黑色 10米", "卷", "3.00", "1.40", "100"),
    ("SN-425", "6901234500202", "水泥", "P.O 42.5 50kg", "袋", "32.00", "26.50", "50"),
    ("SZ-20", "6901234500219", "石英砂", "20-40目 25kg", "袋", "18.00", "12.00", "30"),
    ("FS-JS", "6901234500226", "防水涂料", "JS 20kg", "桶", "168.00", "118.00", "10"),
    ("RJ-001", "6901234500233", "乳胶漆", "白色 18L", "桶", "265.00", "189.00", "8"),
    ("MG-SJ", "6901234500240", "玻璃胶", "中性 透明 300ml", "支", "14.00", "8.20", "60"),
    ("GJ-SX", "6901234500257", "十字螺丝刀", "6×150", "把", "15.00", "8.00", "20"),
    ("GJ-BS", "6901234500264", "活动扳手", "10寸", "把", "32.00", "19.00", "15"),
    ("GJ-CC", "6901234500271", "卷尺", "5米", "个", "18.00", "9.50", "30"),
    ("GJ-DZ", "6901234500288", "冲击钻", "710W", "台", "268.00", "185.00", "5"),
    ("ZP-120", "6901234500295", "砂纸", "120目", "张", "1.20", "0.50", "200"),
    ("SS-304", "6901234500301", "不锈钢合页", "304 4寸", "片", "6.50", "3.80", "100"),
    ("EN-HNG-01", "0840001234561", "Door Hinge", "Stainless 3.5in", "pcs", "5.90", "3.10", "50"),
    ("EN-TAPE-02", "0840001234578", "Masking Tape", "48mm × 50m", "roll", "7.50", "3.90", "40"),
    ("EN-GLOVE-03", "0840001234585", "Work Gloves", "Nitrile, L", "pair", "4.80", "2.30", "100"),
    ("EN-LOCK-04", "0840001234592", "Padlock", "40mm brass", "pcs", "26.00", "14.00", "20"),
    ("DL-1.5", "6901234500318", "铝塑管", "1620 100米", "卷", "420.00", "330.00", "3"),
];

// (name, contact, phone, address, region, credit limit, payment terms)
const CUSTOMERS: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    ("王喆五金店", "王喆", "13800138001", "城东区建设路 18 号", "城东", "", "0"),
    ("李记建材行", "李国强", "13912345678", "城西区五一路 102 号", "城西", "", "30"),
    ("城东装修队", "张师傅", "13688889999", "城东区东环路 7 号", "城东", "", "15"),
    ("鑫镕水电工程", "陈镕", "13577776666", "高新区科技大道 66 号", "高新", "", "30"),
    ("堃泰物业管理有限公司", "刘堃", "0731-88886666", "天心区芙蓉中路 200 号", "天心", "", "60"),
    ("老周家装", "周建华", "13011112222", "开福区湘江北路 9 号", "开福", "", "0"),
    ("恒达建筑劳务公司", "赵恒", "13355556666", "雨花区劳动东路 88 号", "雨花", "", "45"),
    ("明亮灯饰店", "孙明", "18673334444", "岳麓区麓山路 21 号", "岳麓", "", "0"),
    ("晨光学校后勤处", "吴老师", "0731-82223333", "望城区金星北路 1 号", "望城", "", "30"),
    ("好邻居便利店", "郑红", "15874445555", "芙蓉区五一大道 300 号", "芙蓉", "", "0"),
    ("顺发管道维修", "冯顺", "13755550000", "城西区桐梓坡路 45 号", "城西", "", "7"),
    ("新家园装饰公司", "何佳", "13974446666", "天心区书院路 8 号", "天心", "", "30"),
    ("Sunrise Café", "Emma Li", "18600001111", "12 Riverside Walk", "岳麓", "", "0"),
    ("Acme Builders Ltd.", "John Chen", "18600002222", "88 Harbour Road", "高新", "", "30"),
    ("Green Leaf Hotel", "Mary Wang", "18600003333", "1 Lakeview Avenue", "开福", "", "30"),
    ("宏图工程队", "马宏图", "13966667777", "雨花区韶山路 56 号", "雨花", "20000", "30"),
    ("阿强水电", "林强", "13122223333", "芙蓉区车站路 12 号", "芙蓉", "8000", "15"),
    ("美佳家居", "黄美佳", "13288889999", "岳麓区银盆岭 3 号", "岳麓", "", "0"),
];

/// A small deterministic generator: the demo is the same every time.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

impl Shop {
    /// Fills an empty shop with demo data: the products, customers, stock in, and `orders`
    /// orders over the last 120 days. Refused when the shop already has products or orders.
    pub fn demo(&mut self, ctx: &Ctx, orders: usize) -> Result<DemoSummary, Error> {
        let now = ctx.now;
        let made = self.store_mut().write(|db| {
            if !db.is_initialized()? {
                db.initialize(now, "示例五金建材店", "店主", "this computer")?;
            }
            if !db.products(None, None, 1)?.is_empty() || !db.orders(&Default::default())?.0.is_empty() {
                return Err(Problem::AlreadyInitialized.into());
            }
            // an empty shop, filled by its owner
            let who = Who { operator_id: db.owner()?.id, approver_id: None, approves: None };
            let owner = resolve_actor(db, &Ctx { request_id: None, ..ctx.clone() }, &who)?;
            let start = now - Duration::days(120);
            let at = |a: &Actor, t: chrono::DateTime<Utc>| Actor {
                stamp: Stamp { at: t, ..a.stamp.clone() },
                today: t.date_naive(),
                request_id: None,
                ..a.clone()
            };
            let setup = at(&owner, start);
            // the demo products are 13 % (增值税); a product added later with no rate gets the same
            db.set_setting(&setup.stamp, "default_tax_rate", "13")?;
            for (sku, barcode, name, spec, unit, price, cost, rp) in PRODUCTS {
                let input = ProductInput {
                    sku: Some(sku.to_string()),
                    barcode: Some(barcode.to_string()),
                    name: Some(name.to_string()),
                    spec: Some(spec.to_string()),
                    unit: Some(unit.to_string()),
                    price: Some(price.to_string()),
                    cost: Some(cost.to_string()),
                    tax_rate: Some("13".into()),
                    reorder_point: Some(rp.to_string()),
                    active: None,
                };
                catalog::insert_product(db, &setup, &input)?;
                let rp: Qty = rp.parse().unwrap_or(Qty::ZERO);
                crate::stock::receive(db, &setup, sku, rp + rp + rp + rp, None, None)?;
            }
            for (name, contact, phone, address, region, limit, terms) in CUSTOMERS {
                let input = CustomerInput {
                    name: Some(name.to_string()),
                    contact_person: Some(contact.to_string()),
                    phones: Some(vec![phone.to_string()]),
                    address: Some(address.to_string()),
                    region: Some(region.to_string()),
                    email: None,
                    credit_limit: Some(limit.to_string()),
                    payment_terms_days: Some(terms.to_string()),
                    notes: None,
                };
                catalog::insert_customer(db, &setup, &input)?;
            }
            let mut rng = Lcg(20261125);
            let channels = ["phone", "wechat", "counter", "counter", "wechat", "email", "web", "other"];
            let span = (now - start).num_seconds().max(1);
            for i in 0..orders {
                let t = start + Duration::seconds(span * (i as i64 + 1) / (orders as i64 + 1));
                let a = at(&owner, t);
                let customer = CUSTOMERS[rng.next(CUSTOMERS.len() as u64) as usize].0;
                let n_lines = 1 + rng.next(5) as usize;
                let mut lines = Vec::new();
                for _ in 0..n_lines {
                    let p = &PRODUCTS[rng.next(PRODUCTS.len() as u64) as usize];
                    let qty = match p.4 {
                        "个" | "套" | "张" | "片" => 10 + rng.next(90),
                        "kg" => 1 + rng.next(20),
                        _ => 1 + rng.next(8),
                    };
                    let discount = if rng.next(10) == 0 { Some("5".to_string()) } else { None };
                    lines.push(LineInput { sku: p.0.to_string(), qty: qty.to_string(), unit_price: None, discount });
                }
                let days_ahead = 1 + rng.next(7) as i64;
                let input = OrderInput {
                    customer: customer.to_string(),
                    lines,
                    channel: Some(channels[rng.next(channels.len() as u64) as usize].to_string()),
                    order_date: None,
                    deliver_by: Some((t + Duration::days(days_ahead)).date_naive().to_string()),
                    notes: if rng.next(6) == 0 { Some("送货前请先电话联系".into()) } else { None },
                };
                let order = orders::create(db, &a, &input)?;
                let fate = rng.next(100);
                if fate < 6 {
                    continue; // stays a draft
                }
                // restock what the shelf cannot cover, as a shop would
                let mut need: std::collections::BTreeMap<&str, Qty> = Default::default();
                for l in &order.lines {
                    *need.entry(l.sku.as_str()).or_default() += l.qty;
                }
                for (sku, qty) in need {
                    let (on_hand, reserved) = db.balance(&db.product(sku)?.id, &a.location_id)?;
                    if on_hand - reserved < qty {
                        crate::stock::receive(db, &a, sku, qty + qty + Qty::from_minor(100_000), None, Some("补货"))?;
                    }
                }
                let mut o = order;
                orders::confirm(db, &a, &mut o, kaidan_core::order::Backorder::No)?;
                if o.status == OrderStatus::PendingApproval {
                    if fate.is_multiple_of(5) && i + 200 > orders {
                        continue; // recent ones still wait for the owner
                    }
                    orders::approve(db, &at(&owner, t + Duration::minutes(20)), &mut o, kaidan_core::order::Backorder::No)?;
                }
                let demo_delivery = orders::DeliverOpts { skip_credit_check: true, ..Default::default() };
                let later = at(&owner, t + Duration::hours(2 + rng.next(40) as i64));
                if fate < 11 {
                    orders::cancel(db, &later, &mut o, "客户取消")?;
                } else if fate < 21 && i + 400 > orders {
                    // confirmed, not yet delivered (recent)
                } else if fate < 29 && i + 400 > orders {
                    let first = &o.lines[0];
                    let half = Qty::from_minor((first.qty.minor() / 2000).max(1) * 1000);
                    if half < first.qty {
                        let part = orders::wants(db, &[(first.sku.clone(), half)])?;
                        orders::deliver(db, &later, &mut o, Some(&part), &demo_delivery)?;
                    } else {
                        orders::deliver(db, &later, &mut o, None, &demo_delivery)?;
                    }
                } else {
                    orders::deliver(db, &later, &mut o, None, &demo_delivery)?;
                    // most deliveries are invoiced; most invoices are paid, some in part, some late
                    let roll = rng.next(100);
                    if roll < 85 {
                        let inv = crate::documents::issue(db, &later, &o.number, None)?;
                        let paid_at = later.stamp.at + Duration::days(2 + rng.next(45) as i64);
                        let amount = match roll {
                            0..60 => inv.total,
                            60..72 => Money::from_minor(inv.total.minor() / 2),
                            _ => Money::ZERO,
                        };
                        if paid_at < now && amount.is_positive() {
                            let method = [PayMethod::Wechat, PayMethod::Bank, PayMethod::Cash, PayMethod::Alipay][rng.next(4) as usize];
                            let day = paid_at.date_naive().to_string();
                            let pay = at(&owner, paid_at);
                            crate::money::receive(db, &pay, &inv.customer_id, amount, method, &day, None, None, Vec::new(), None)?;
                        }
                    }
                }
            }
            let mut by_status = Vec::new();
            for s in OrderStatus::ALL {
                let mut n = 0;
                let mut cursor = None;
                loop {
                    let (items, next) =
                        db.orders(&kaidan_store::OrderFilter { status: Some(s), before: cursor, limit: 500, ..Default::default() })?;
                    n += items.len();
                    match next {
                        Some(c) => cursor = Some(c),
                        None => break,
                    }
                }
                by_status.push((s, n));
            }
            db.count_changes((PRODUCTS.len() + CUSTOMERS.len() + orders) as i64)?;
            Ok(DemoSummary { products: PRODUCTS.len(), customers: CUSTOMERS.len(), orders, by_status })
        })?;
        // a shop full of demo orders is worth the day's backup (an empty one is not)
        self.mark_written();
        Ok(made)
    }
}
