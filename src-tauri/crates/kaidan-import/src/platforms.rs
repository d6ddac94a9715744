//! Online shops' order exports: the seller centres of Taobao/Tmall, JD, Pinduoduo, Douyin and
//! Youzan export their orders as CSV with headers of their own. Each is recognised from the
//! headers only it writes, and read with its own mapping — no mapping work for the user, and no
//! guessing between the several amount and name columns such an export has (price, paid,
//! payable, settled; buyer, recipient).
//!
//! The headers are those of the exports' published column lists: Taobao's item report (宝贝报表,
//! one row a bought item, no buyer or date), JD's order export (订单导出), Pinduoduo's order
//! query export (订单查询 → 导出), Douyin's order export (抖店 订单管理 → 导出) and Youzan's
//! order export by goods (订单 → 导出 商品维度).

use kaidan_core::sheet::Platform;

use crate::orders::{header_key, Field, Mapping};
use crate::read::Grid;

/// One export: the headers only it writes (`signature`: every one present), and what each of
/// its columns holds (as [`header_key`] reads a header).
struct Preset {
    platform: Platform,
    signature: &'static [&'static str],
    columns: &'static [(&'static str, Field)],
}

const PRESETS: &[Preset] = &[
    Preset {
        platform: Platform::Taobao,
        signature: &["订单编号", "标题", "购买数量", "外部系统编号"],
        columns: &[
            ("订单编号", Field::OrderNo),
            ("标题", Field::Product),
            ("价格", Field::UnitPrice),
            ("购买数量", Field::Qty),
            ("商家编码", Field::Sku),
            ("商品属性", Field::Spec),
            ("备注", Field::Notes),
            ("订单状态", Field::Status),
            // joined from its order report (订单报表), when the two are imported together
            ("买家会员名", Field::Customer),
            ("联系手机", Field::Phone),
            ("收货地址", Field::Address),
            ("订单付款时间", Field::OrderDate),
            ("订单创建时间", Field::OrderDate),
            ("买家应付邮费", Field::Postage),
            ("买家实际支付金额", Field::Paid),
        ],
    },
    Preset {
        platform: Platform::Jd,
        signature: &["订单号", "京东价", "订购数量"],
        columns: &[
            ("订单号", Field::OrderNo),
            ("商品名称", Field::Product),
            ("订购数量", Field::Qty),
            ("京东价", Field::UnitPrice),
            ("货号", Field::Sku),
            ("下单帐号", Field::Customer),
            ("下单账号", Field::Customer),
            ("客户地址", Field::Address),
            ("联系电话", Field::Phone),
            ("订单状态", Field::Status),
            ("下单时间", Field::OrderDate),
            ("订单备注", Field::Notes),
            ("应付金额", Field::Paid),
            ("运费金额", Field::Postage),
        ],
    },
    Preset {
        platform: Platform::Pinduoduo,
        signature: &["订单号", "商品总价", "用户实付金额", "拼单成功时间"],
        columns: &[
            ("订单号", Field::OrderNo),
            ("商品", Field::Product),
            ("商品规格", Field::Spec),
            ("商品数量", Field::Qty),
            ("商品总价", Field::Amount),
            ("商家编码sku维度", Field::Sku),
            ("用户实付金额", Field::Paid),
            ("邮费", Field::Postage),
            ("收货人", Field::Customer),
            ("手机", Field::Phone),
            ("省", Field::Province),
            ("市", Field::City),
            ("区", Field::District),
            ("街道", Field::Address),
            ("订单状态", Field::Status),
            ("支付时间", Field::OrderDate),
            ("商家备注", Field::Notes),
        ],
    },
    Preset {
        platform: Platform::Douyin,
        signature: &["主订单编号", "子订单编号", "选购商品"],
        columns: &[
            ("主订单编号", Field::OrderNo),
            ("选购商品", Field::Product),
            ("商品规格", Field::Spec),
            ("商品数量", Field::Qty),
            ("商品单价", Field::UnitPrice),
            ("商家编码", Field::Sku),
            // 订单应付金额 and 运费 are written on each sub-order's row: not an order's whole
            ("收件人", Field::Customer),
            ("收件人手机号", Field::Phone),
            ("省", Field::Province),
            ("市", Field::City),
            ("区", Field::District),
            ("详细地址", Field::Address),
            ("订单状态", Field::Status),
            ("订单提交时间", Field::OrderDate),
            ("商家备注", Field::Notes),
        ],
    },
    Preset {
        platform: Platform::Youzan,
        signature: &["订单号", "收货人/提货人", "收货人手机号/提货人手机号"],
        columns: &[
            ("订单号", Field::OrderNo),
            ("商品名称", Field::Product),
            ("商品规格", Field::Spec),
            ("商品数量", Field::Qty),
            ("商品单价", Field::UnitPrice),
            ("商品编码", Field::Sku),
            ("订单实付金额", Field::Paid),
            ("运费", Field::Postage),
            ("收货人/提货人", Field::Customer),
            ("收货人手机号/提货人手机号", Field::Phone),
            ("收货人省份", Field::Province),
            ("收货人城市", Field::City),
            ("收货人地区", Field::District),
            ("详细收货地址/提货地址", Field::Address),
            ("订单状态", Field::Status),
            ("订单创建时间", Field::OrderDate),
            ("商家订单备注", Field::Notes),
        ],
    },
];

/// Taobao's order report (订单报表): one row an order with its totals and no item's quantity or
/// price, recognised so that the user is told to import its item report instead.
const ORDER_REPORTS: &[(Platform, &[&str])] = &[(Platform::Taobao, &["订单编号", "买家会员名", "买家应付邮费", "宝贝总数量"])];

/// The online shop whose order report (not its item report) a header row is, if any.
pub fn order_report_of(header: &[crate::read::Cell]) -> Option<Platform> {
    let keys = keys_of(header);
    ORDER_REPORTS.iter().find(|(_, sig)| meets(&keys, sig)).map(|(p, _)| *p)
}

/// What Taobao's order report gives each order that its item report lacks, under the order
/// report's own headers (the item report's preset reads them): the buyer, the phone and
/// address, the day paid (else made), the postage and what the buyer paid.
const JOINED: &[&str] = &["买家会员名", "联系手机", "收货地址", "订单付款时间", "订单创建时间", "买家应付邮费", "买家实际支付金额"];

/// Taobao's item report (宝贝报表) with its order report (订单报表) joined on by 订单编号, either
/// given first: the item report's rows, each with its order's [`JOINED`] columns after its own
/// (empty for an order the order report lacks), the header row likewise. The row numbers are
/// the item report's. Refused when the two are not such a pair.
pub fn join_pair(a: Grid, b: Grid) -> Result<Grid, crate::read::ReadError> {
    // each file's header row (among its first 30) and whether it is the item report
    let role = |g: &Grid| {
        g.rows.iter().take(30).enumerate().find_map(|(i, (_, cells))| {
            if preset_of(cells).is_some_and(|p| p.platform == Platform::Taobao) {
                Some((i, true))
            } else {
                (order_report_of(cells) == Some(Platform::Taobao)).then_some((i, false))
            }
        })
    };
    let (mut items, ih, orders, oh) = match (role(&a), role(&b)) {
        (Some((i, true)), Some((o, false))) => (a, i, b, o),
        (Some((o, false)), Some((i, true))) => (b, i, a, o),
        _ => return Err(crate::read::ReadError::NotAPair),
    };
    let (order_keys, item_keys) = (keys_of(&orders.rows[oh].1), keys_of(&items.rows[ih].1));
    let at = |keys: &[String], name: &str| keys.iter().position(|k| k == name);
    let (Some(number), Some(item_number)) = (at(&order_keys, "订单编号"), at(&item_keys, "订单编号")) else {
        return Err(crate::read::ReadError::NotAPair);
    };
    let carried: Vec<(&str, usize)> = JOINED.iter().filter_map(|h| Some((*h, at(&order_keys, h)?))).collect();
    let mut by_number: std::collections::HashMap<String, &[crate::read::Cell]> = std::collections::HashMap::new();
    for (_, cells) in &orders.rows[oh + 1..] {
        if let Some(n) = cells.get(number).map(|c| c.text().trim().to_string()).filter(|n| !n.is_empty()) {
            by_number.entry(n).or_insert(cells);
        }
    }
    for (i, (_, cells)) in items.rows.iter_mut().enumerate().skip(ih) {
        let mut row = std::mem::take(cells).into_vec();
        if i == ih {
            row.extend(carried.iter().map(|(h, _)| crate::read::Cell::Text((*h).into())));
        } else {
            let order = row.get(item_number).map(|c| c.text().trim().to_string()).and_then(|n| by_number.get(&n).copied());
            row.extend(carried.iter().map(|(_, c)| order.and_then(|o| o.get(*c)).cloned().unwrap_or(crate::read::Cell::Empty)));
        }
        *cells = row.into_boxed_slice();
    }
    Ok(items)
}

/// The online shop whose export a header row is, if any.
pub fn platform_of(header: &[crate::read::Cell]) -> Option<Platform> {
    preset_of(header).map(|p| p.platform)
}

fn preset_of(header: &[crate::read::Cell]) -> Option<&'static Preset> {
    let keys = keys_of(header);
    PRESETS.iter().find(|p| meets(&keys, p.signature))
}

/// A header row's texts as [`header_key`] reads them.
fn keys_of(header: &[crate::read::Cell]) -> Vec<String> {
    header.iter().map(|c| header_key(&c.text())).collect()
}

/// Whether a header (its keys) holds every header of an export's signature.
fn meets(keys: &[String], signature: &[&str]) -> bool {
    signature.iter().all(|s| keys.iter().any(|k| k == s))
}

/// The first of a sheet's first 30 rows that is an online shop's export header, with the
/// export's mapping and the platform.
pub fn guess_platform_header(grid: &Grid) -> Option<(usize, Mapping, Platform)> {
    grid.rows.iter().take(30).enumerate().find_map(|(i, (_, cells))| {
        let preset = preset_of(cells)?;
        let mut m = Mapping::new();
        for (c, cell) in cells.iter().enumerate() {
            let k = header_key(&cell.text());
            if let Some((_, f)) = preset.columns.iter().find(|(h, _)| *h == k) {
                // the first column of a field (an export that writes a header twice)
                if !m.values().any(|v| v == f) {
                    m.insert(c, *f);
                }
            }
        }
        Some((i, m, preset.platform))
    })
}

/// The name of the customer of a platform's orders that name no buyer (Taobao's item report):
/// the platform's buyers as one customer (a stored name: in Chinese, as the platform calls itself).
pub fn platform_buyer(platform: Platform) -> String {
    use kaidan_core::text::vocab::Word;
    format!("{}买家", platform.word(kaidan_core::Lang::ZhCn))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every preset's headers, and its signature's, are written as [`header_key`] reads them
    /// (else they would never match).
    #[test]
    fn presets_are_written_as_headers_are_read() {
        for p in PRESETS {
            for (h, _) in p.columns {
                assert_eq!(header_key(h), *h, "{:?}: {h}", p.platform);
            }
            for s in p.signature {
                assert_eq!(header_key(s), *s, "{:?}: {s}", p.platform);
            }
        }
    }

    /// No export is taken for another's: each preset's signature is met by its own header only.
    #[test]
    fn each_export_is_told_from_the_others() {
        for p in PRESETS {
            let header: Vec<crate::read::Cell> =
                p.signature.iter().chain(p.columns.iter().map(|(h, _)| h)).map(|h| crate::read::Cell::Text(h.to_string().into())).collect();
            assert_eq!(platform_of(&header), Some(p.platform));
            for q in PRESETS.iter().filter(|q| q.platform != p.platform) {
                let has_all = q.signature.iter().all(|s| header.iter().any(|c| c.text() == *s));
                assert!(!has_all, "{:?}'s header also meets {:?}'s signature", p.platform, q.platform);
            }
        }
    }
}
