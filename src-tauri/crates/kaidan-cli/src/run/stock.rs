//! Stock: receive, adjust, stocktake, levels, the movement ledger.

use kaidan_api::core::model::{HasCosts, StockLevel};
use kaidan_api::core::{Error, Field, FieldKey, Problem};
use kaidan_api::{CountInput, Ctx, Shop};

use crate::args::{Command, StockCmd};
use crate::{text, Out};

pub(super) fn run(command: Command, shop: &mut Shop, ctx: &Ctx, out: &Out) -> Result<bool, Error> {
    match command {
        Command::Stock(StockCmd::Receive { sku, qty, cost, note }) => {
            let s = shop.receive_stock(ctx, &sku, &qty, cost.as_deref(), note.as_deref())?.seen(shop.sees_costs(ctx)?);
            out.print(&serde_json::json!({ "rows": [&s] }), |l| text::stock(l, std::slice::from_ref(&s)));
        }
        Command::Stock(StockCmd::Adjust { sku, change, reason }) => {
            let s = shop.adjust_stock(ctx, &sku, &change, &reason)?.seen(shop.sees_costs(ctx)?);
            out.print(&serde_json::json!({ "rows": [&s] }), |l| text::stock(l, std::slice::from_ref(&s)));
        }
        Command::Stock(StockCmd::Take { counts, note }) => {
            let mut parsed = Vec::new();
            for (i, c) in counts.iter().enumerate() {
                let c = c.replace('＝', "=");
                let (sku, counted) = c.split_once('=').ok_or_else(|| {
                    Error::at(
                        Problem::BadChoice { text: c.clone(), allowed: vec!["SKU=COUNTED".into()] },
                        Field::row(FieldKey::Counted, i + 1),
                    )
                })?;
                parsed.push(CountInput { sku: sku.to_string(), counted: counted.to_string() });
            }
            let rows = shop.stocktake(ctx, &parsed, note.as_deref())?.seen(shop.sees_costs(ctx)?);
            out.print(&serde_json::json!({ "rows": rows }), |l| text::stock(l, &rows));
        }
        Command::Stock(StockCmd::Show { sku, low, limit }) => {
            let costs = shop.sees_costs(ctx)?;
            let rows: Vec<StockLevel> = shop.stock_levels(sku.as_deref(), low, None, limit)?.seen(costs);
            out.print(&serde_json::json!({ "rows": rows }), |l| text::stock(l, &rows));
        }
        Command::Stock(StockCmd::Moves { sku, limit, before }) => {
            let costs = shop.sees_costs(ctx)?;
            let page = shop.move_page(sku.as_deref(), before.as_deref(), limit)?.seen(costs);
            out.print(&page, |l| text::moves(l, &page.items));
        }
        _ => unreachable!("not a stock command"),
    }
    Ok(true)
}
