//! Money: receipts, refunds, matching, returns, payments, the account, aging, statements.

use kaidan_api::core::{Error, Field, FieldKey};
use kaidan_api::{Ctx, Shop};

use super::{parse_line_arg, parse_lines, period};
use crate::args::{Command, PaymentCmd, ReturnsCmd};
use crate::{text, Out};

pub(super) fn run(command: Command, shop: &mut Shop, ctx: &Ctx, out: &Out) -> Result<bool, Error> {
    match command {
        Command::Pay { customer, amount, method, order, invoice, date, reference, note } => {
            let input = kaidan_api::PayInput {
                customer,
                amount,
                method,
                date,
                reference,
                order,
                invoices: if invoice.is_empty() { None } else { Some(invoice) },
                note,
            };
            let p = shop.pay(ctx, &input)?;
            out.print(&p, |l| text::payment(l, &p));
        }
        Command::Refund { customer, amount, method, order, reference, note } => {
            let input = kaidan_api::PayInput { customer, amount, method, order, reference, note, ..Default::default() };
            let p = shop.refund(ctx, &input)?;
            out.print(&p, |l| text::payment(l, &p));
        }
        Command::Allocate { customer, payment, invoice, amount, undo } => {
            let input = kaidan_api::AllocateInput { customer, payment, invoice, amount, undo: undo.then_some(true) };
            let r = shop.allocate(ctx, &input)?;
            out.print(&r, |l| text::allocated(l, &r));
        }
        Command::Statement { customer, from, to } => {
            let (from, to) = period(from.as_deref(), to.as_deref(), ctx.today)?;
            let st = shop.statement(&customer, from, to)?;
            out.print(&st, |l| text::statement(l, &st));
        }
        Command::Return { order, lines, damaged, refund, credit: _, method, reason, exchange } => {
            let mut rows = Vec::new();
            for (arg, is_damaged) in lines.iter().map(|l| (l, false)).chain(damaged.iter().map(|l| (l, true))) {
                let l = parse_line_arg(rows.len() + 1, arg)?;
                rows.push(kaidan_api::ReturnLineInput { sku: l.sku, qty: l.qty, damaged: is_damaged.then_some(true) });
            }
            let exchange = parse_lines(&exchange)?;
            let input = kaidan_api::ReturnInput {
                order,
                lines: rows,
                settlement: Some(if refund { "refund" } else { "credit" }.into()),
                method,
                reason,
                exchange: if exchange.is_empty() { None } else { Some(exchange) },
            };
            let r = shop.return_goods(ctx, &input)?;
            out.print(&r, |l| text::sales_return(l, &r));
        }
        Command::Returns(ReturnsCmd::Show { number }) => {
            let r = shop.sales_return(&number)?;
            out.print(&r, |l| text::sales_return(l, &r));
        }
        Command::Payment(PaymentCmd::Show { number }) => {
            let p = shop.payment(&number)?;
            out.print(&p, |l| text::payment(l, &p));
        }
        Command::Payment(PaymentCmd::Reverse { number, reason }) => {
            let p = shop.reverse_payment(ctx, &number, &reason)?;
            out.print(&p, |l| text::payment(l, &p));
        }
        Command::Account { customer, as_of } => {
            let as_of = as_of_date(as_of.as_deref(), ctx.today)?;
            let a = shop.account(&customer, as_of)?;
            out.print(&a, |l| text::account(l, &a));
        }
        Command::Aging { as_of } => {
            let as_of = as_of_date(as_of.as_deref(), ctx.today)?;
            let a = shop.aging(as_of)?;
            out.print(&a, |l| text::aging(l, &a));
        }
        _ => unreachable!("not a money command"),
    }
    Ok(true)
}

fn as_of_date(text: Option<&str>, today: chrono::NaiveDate) -> Result<chrono::NaiveDate, Error> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => kaidan_api::core::validate::date(Field::new(FieldKey::OrderDate), t),
        None => Ok(today),
    }
}
