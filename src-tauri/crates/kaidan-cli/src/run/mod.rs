//! The commands run, one module per area: each area's `run` takes that area's commands (the
//! match below sends it only those) and prints what the use case answered.

use std::path::Path;

use kaidan_api::core::{Error, Field, FieldKey, Problem};
use kaidan_api::{Ctx, LineInput, Shop};

use crate::args::Command;
use crate::Out;

mod backup;
mod catalog;
mod documents;
mod import;
mod money;
mod orders;
mod reports;
mod setup;
mod stock;
mod sync;

pub use documents::PrinterRow;

/// Hands a command to its area. `Ok(false)`: it ran and reported a problem (exit 1).
pub(crate) fn dispatch(command: Command, shop: &mut Shop, ctx: &Ctx, path: &Path, out: &Out) -> Result<bool, Error> {
    match command {
        c @ (Command::Init { .. } | Command::Demo { .. } | Command::Company(_) | Command::Operator(_) | Command::Settings(_)) => {
            setup::run(c, shop, ctx, path, out)
        }
        c @ (Command::Product(_) | Command::Customer(_)) => catalog::run(c, shop, ctx, out),
        c @ Command::Stock(_) => stock::run(c, shop, ctx, out),
        c @ (Command::Order(_) | Command::Delivery(_)) => orders::run(c, shop, ctx, out),
        c @ (Command::Invoice(_) | Command::Print { .. } | Command::Printers) => documents::run(c, shop, ctx, out),
        c @ (Command::Pay { .. }
        | Command::Refund { .. }
        | Command::Allocate { .. }
        | Command::Statement { .. }
        | Command::Return { .. }
        | Command::Returns(_)
        | Command::Payment(_)
        | Command::Account { .. }
        | Command::Aging { .. }) => money::run(c, shop, ctx, out),
        c @ (Command::Import { .. } | Command::Export { .. } | Command::Imports(_)) => import::run(c, shop, ctx, out),
        Command::Report(c) => reports::run(c, shop, ctx, out),
        c @ (Command::Backup { .. } | Command::Backups(_) | Command::Restore { .. } | Command::Check { .. }) => {
            backup::run(c, shop, ctx, out)
        }
        c @ (Command::Server(_) | Command::Sync { .. } | Command::Join { .. }) => sync::run(c, shop, ctx, out),
    }
}

/// `SKU:QTY[:PRICE[:DISCOUNT]]` (a full-width colon works too).
fn parse_line_arg(row: usize, s: &str) -> Result<LineInput, Error> {
    let s = s.replace('：', ":");
    let parts: Vec<&str> = s.split(':').collect();
    if parts.len() < 2 || parts.len() > 4 || parts[0].trim().is_empty() {
        return Err(Error::at(
            Problem::BadChoice { text: s.clone(), allowed: vec!["SKU:QTY[:PRICE[:DISCOUNT]]".into()] },
            Field::row(FieldKey::Line, row),
        ));
    }
    Ok(LineInput {
        sku: parts[0].trim().to_string(),
        qty: parts[1].trim().to_string(),
        unit_price: parts.get(2).map(|p| p.trim().to_string()),
        discount: parts.get(3).map(|p| p.trim().to_string()),
    })
}

fn parse_lines(args: &[String]) -> Result<Vec<LineInput>, Error> {
    args.iter().enumerate().map(|(i, s)| parse_line_arg(i + 1, s)).collect()
}

/// A statement's period: `--from` (default the first of this month) to `--to` (default today).
fn period(from: Option<&str>, to: Option<&str>, today: chrono::NaiveDate) -> Result<(chrono::NaiveDate, chrono::NaiveDate), Error> {
    use chrono::Datelike;
    let parse = |key, text: Option<&str>, default| match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => kaidan_api::core::validate::date(Field::new(key), t),
        None => Ok(default),
    };
    Ok((parse(FieldKey::From, from, today.with_day(1).unwrap_or(today))?, parse(FieldKey::To, to, today)?))
}
