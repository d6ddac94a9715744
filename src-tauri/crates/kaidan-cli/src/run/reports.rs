//! `kaidan report …`.

use kaidan_api::core::Error;
use kaidan_api::{Ctx, Shop};

use crate::args::ReportCmd;
use crate::{text, Out};

pub(super) fn run(c: ReportCmd, shop: &mut Shop, ctx: &Ctx, out: &Out) -> Result<bool, Error> {
    match c {
        ReportCmd::Overview { range } => {
            let r = shop.report_overview(&range.query(None, None), ctx.today)?;
            out.print(&r, |l| text::report_overview(l, &r));
        }
        ReportCmd::Trend { range, by } => {
            let r = shop.report_trend(&range.query(by, None), ctx.today)?;
            out.print(&r, |l| text::report_trend(l, &r));
        }
        ReportCmd::Products { range, rank, limit } => {
            let r = shop.report_products(&range.query(None, rank), ctx.today)?;
            out.print(&r, |l| text::report_products(l, &r, limit));
        }
        ReportCmd::Customers { range, rank, limit } => {
            let r = shop.report_customers(&range.query(None, rank), ctx.today)?;
            out.print(&r, |l| text::report_customers(l, &r, limit));
        }
    }
    Ok(true)
}
