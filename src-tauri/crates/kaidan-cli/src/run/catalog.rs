//! Products and customers: add, edit, list, show.

use kaidan_api::core::model::HasCosts;
use kaidan_api::core::Error;
use kaidan_api::{Ctx, Shop};

use crate::args::{Command, CustomerCmd, ProductCmd};
use crate::{text, Out};

pub(super) fn run(command: Command, shop: &mut Shop, ctx: &Ctx, out: &Out) -> Result<bool, Error> {
    match command {
        Command::Product(ProductCmd::Add(f)) => {
            let p = shop.add_product(ctx, &f.input())?.seen(shop.sees_costs(ctx)?);
            out.print(&p, |l| text::product(l, &p));
        }
        Command::Product(ProductCmd::Edit { key, fields }) => {
            let p = shop.update_product(ctx, &key, &fields.input())?.seen(shop.sees_costs(ctx)?);
            out.print(&p, |l| text::product(l, &p));
        }
        Command::Product(ProductCmd::List(p)) => {
            let costs = shop.sees_costs(ctx)?;
            let page = shop.product_page(p.search.as_deref(), p.after.as_deref(), p.limit)?.seen(costs);
            out.print(&page, |l| text::products(l, &page.items));
        }
        Command::Product(ProductCmd::Show { key }) => {
            let costs = shop.sees_costs(ctx)?;
            let p = shop.product(&key)?.seen(costs);
            out.print(&p, |l| text::product(l, &p));
        }
        Command::Customer(CustomerCmd::Add(f)) => {
            let c = shop.add_customer(ctx, &f.input())?;
            out.print(&c, |l| text::customer(l, &c, None));
        }
        Command::Customer(CustomerCmd::Edit { key, fields }) => {
            let c = shop.update_customer(ctx, &key, &fields.input())?;
            out.print(&c, |l| text::customer(l, &c, None));
        }
        Command::Customer(CustomerCmd::List(p)) => {
            let page = shop.customer_page(p.search.as_deref(), p.after.as_deref(), p.limit)?;
            out.print(&page, |l| text::customers(l, &page.items));
        }
        Command::Customer(CustomerCmd::Show { key }) => {
            let (c, pos) = shop.customer_credit(&key)?;
            let mut v = serde_json::to_value(&c).expect("serializable");
            v["credit"] = serde_json::to_value(&pos).expect("serializable");
            out.print(&v, |l| text::customer(l, &c, Some(&pos)));
        }
        Command::Customer(CustomerCmd::History { key, limit }) => {
            let items = shop.customer_log(&key, limit, ctx.lang)?;
            out.print(&serde_json::json!({ "items": items }), |l| text::log_table(l, &items, ctx.utc_offset));
        }
        _ => unreachable!("not a catalog command"),
    }
    Ok(true)
}
