//! Orders and deliveries: create, confirm, approve, change, cancel, deliver, show, list.

use kaidan_api::core::model::{Order, OrderSummary};
use kaidan_api::core::order::Backorder;
use kaidan_api::core::Error;
use kaidan_api::{ChangeInput, Ctx, DeliverLine, OrderInput, OrderQuery, Shop};

use super::{parse_line_arg, parse_lines};
use crate::args::{Command, DeliveryCmd, OrderCmd};
use crate::{text, Out};

pub(super) fn run(command: Command, shop: &mut Shop, ctx: &Ctx, out: &Out) -> Result<bool, Error> {
    match command {
        Command::Order(OrderCmd::Create { customer, lines, channel, date, deliver_by, notes, confirm, deliver, backorder }) => {
            let input = OrderInput { customer, lines: parse_lines(&lines)?, channel, order_date: date, deliver_by, notes };
            let o = if confirm || deliver || backorder {
                shop.create_and_confirm_with(ctx, &input, deliver, backorder_of(backorder))?
            } else {
                shop.create_order(ctx, &input)?
            };
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Confirm { number, backorder }) => {
            let o = shop.confirm_order_with(ctx, &number, backorder_of(backorder))?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Approve { number, backorder }) => {
            let o = shop.approve_order_with(ctx, &number, backorder_of(backorder))?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Change { number, lines, channel, deliver_by, notes }) => {
            let input = ChangeInput { lines: if lines.is_empty() { None } else { Some(parse_lines(&lines)?) }, channel, deliver_by, notes };
            let o = shop.change_order(ctx, &number, &input)?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Salesperson { number, to }) => {
            let o = shop.set_salesperson(ctx, &number, &to)?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Cancel { number, reason }) => {
            let o = shop.cancel_order(ctx, &number, &reason)?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::Deliver { number, lines, pay, method, approve_credit }) => {
            let wanted = if lines.is_empty() {
                None
            } else {
                let mut v = Vec::new();
                for (i, s) in lines.iter().enumerate() {
                    let l = parse_line_arg(i + 1, s)?;
                    v.push(DeliverLine { sku: l.sku, qty: l.qty });
                }
                Some(v)
            };
            let input = kaidan_api::DeliverInput {
                lines: wanted,
                payment: pay.map(|amount| kaidan_api::CodInput { amount, method: method.unwrap_or_default(), reference: None }),
                approve_credit: approve_credit.then_some(true),
            };
            let d = shop.deliver_order(ctx, &number, &input)?;
            out.print(&d, |l| text::delivery_outcome(l, &d));
        }
        Command::Order(OrderCmd::Show { number }) => {
            let o: Order = shop.order(&number)?;
            out.print(&o, |l| text::order(l, &o));
        }
        Command::Order(OrderCmd::History { number }) => {
            let h = shop.order_history(&number)?;
            out.print(&serde_json::json!({ "items": h }), |l| text::history(l, &h));
        }
        Command::Order(OrderCmd::List {
            status,
            payment,
            search,
            customer,
            salesperson,
            from,
            to,
            backordered,
            due,
            sold_from,
            sold_to,
            sku,
            channel,
            region,
            taken,
            buyers,
            limit,
            cursor,
        }) => {
            let backordered = backordered.then_some(true);
            let page = shop.orders(&OrderQuery {
                status,
                payment,
                search,
                customer,
                salesperson,
                from,
                to,
                backordered,
                due,
                sold_from,
                sold_to,
                sku,
                today: None,
                channel,
                region,
                taken: taken.then_some(true),
                buyers,
                cursor,
                limit: Some(limit),
            })?;
            let items: &[OrderSummary] = &page.items;
            out.print(&page, |l| text::orders(l, items, page.next_cursor.as_deref()));
        }
        Command::Delivery(DeliveryCmd::Show { number }) => {
            let d = shop.delivery(&number)?;
            out.print(&d, |l| text::delivery(l, &d));
        }
        _ => unreachable!("not an order command"),
    }
    Ok(true)
}

fn backorder_of(yes: bool) -> Backorder {
    if yes {
        Backorder::Yes
    } else {
        Backorder::No
    }
}
