//! `kaidan report …`.

use kaidan_api::core::report::ReportKind;
use kaidan_api::core::Error;
use kaidan_api::{Ctx, Shop};

use crate::args::ReportCmd;
use crate::{text, Out};

/// The report to a file: a PDF when the file ends in .pdf or a paper is named, else .xlsx.
fn export(
    shop: &Shop,
    kind: ReportKind,
    q: &kaidan_api::ReportQuery,
    ctx: &Ctx,
    file: &std::path::Path,
    paper: Option<&str>,
) -> Result<kaidan_api::ExportResult, Error> {
    let paper = paper.map(|p| kaidan_api::report_paper(Some(p))).transpose()?;
    shop.export_report_on(kind, q, ctx.today, ctx.lang, file, paper)
}

pub(super) fn run(c: ReportCmd, shop: &mut Shop, ctx: &Ctx, out: &Out) -> Result<bool, Error> {
    // every report carries gross profit and margins: the owner's (or a clerk with --approve-as)
    shop.authorize(ctx, kaidan_api::core::Action::SeeCosts)?;
    if let ReportCmd::Day { date, out: file, paper } = &c {
        let q = kaidan_api::ReportQuery { to: Some(date.clone().unwrap_or_else(|| ctx.today.to_string())), ..Default::default() };
        if let Some(file) = file {
            let r = export(shop, ReportKind::Day, &q, ctx, file, paper.as_deref())?;
            let shown = serde_json::json!({ "file": r.file, "rows": r.rows });
            out.print(&shown, |l| text::w(l).exported(r.rows, &r.file.display().to_string()));
        } else {
            let r = shop.report_day(&q, ctx.today)?;
            out.print(&r, |l| text::report_day(l, &r));
        }
        return Ok(true);
    }
    if let ReportCmd::Log { date, who } = &c {
        let day = match date {
            Some(d) => kaidan_api::core::validate::date(kaidan_api::core::Field::new(kaidan_api::core::FieldKey::Date), d)?,
            None => ctx.today,
        };
        let r = shop.day_log(day, kaidan_api::local_offset_on(day), who.as_deref(), ctx.lang)?;
        out.print(&r, |l| text::report_log(l, &r, ctx.utc_offset));
        return Ok(true);
    }
    if let ReportCmd::Slow { quiet } | ReportCmd::Inactive { quiet } = &c {
        let kind = if matches!(c, ReportCmd::Slow { .. }) { ReportKind::Slow } else { ReportKind::Inactive };
        let q = quiet.query();
        if let Some(file) = &quiet.out {
            let r = export(shop, kind, &q, ctx, file, quiet.paper.as_deref())?;
            let shown = serde_json::json!({ "file": r.file, "rows": r.rows });
            out.print(&shown, |l| text::w(l).exported(r.rows, &r.file.display().to_string()));
        } else if kind == ReportKind::Slow {
            let r = shop.report_slow(&q, ctx.today)?;
            out.print(&r, |l| text::report_slow(l, &r, quiet.limit));
        } else {
            let r = shop.report_inactive(&q, ctx.today)?;
            out.print(&r, |l| text::report_inactive(l, &r, quiet.limit));
        }
        return Ok(true);
    }
    // --out: the report as a spreadsheet
    let (kind, args, by, rank) = match &c {
        ReportCmd::Day { .. } | ReportCmd::Slow { .. } | ReportCmd::Inactive { .. } | ReportCmd::Log { .. } => {
            unreachable!("answered above")
        }
        ReportCmd::Overview { range } => (ReportKind::Overview, range, None, None),
        ReportCmd::Trend { range, by } => (ReportKind::Trend, range, by.clone(), None),
        ReportCmd::Products { range, rank, .. } => (ReportKind::Products, range, None, rank.clone()),
        ReportCmd::Customers { range, rank, .. } => (ReportKind::Customers, range, None, rank.clone()),
        ReportCmd::Profit { range, rank, .. } => (ReportKind::Profit, range, None, rank.clone()),
        ReportCmd::Salespeople { range, rank, .. } => (ReportKind::Salespeople, range, None, rank.clone()),
        ReportCmd::Fulfilment { range } => (ReportKind::Fulfilment, range, None, None),
        ReportCmd::Collections { range, by } => (ReportKind::Collections, range, by.clone(), None),
    };
    if let Some(file) = &args.out {
        let r = export(shop, kind, &args.query(by, rank), ctx, file, args.paper.as_deref())?;
        let shown = serde_json::json!({ "file": r.file, "rows": r.rows });
        out.print(&shown, |l| text::w(l).exported(r.rows, &r.file.display().to_string()));
        return Ok(true);
    }
    match c {
        ReportCmd::Overview { range } => {
            let r = shop.report_overview(&range.query(None, None), ctx.today)?;
            out.print(&r, |l| text::report_overview(l, &r));
        }
        ReportCmd::Trend { range, by } => {
            let r = shop.report_trend(&range.query(by, None), ctx.today)?;
            out.print(&r, |l| text::report_trend(l, &r));
        }
        ReportCmd::Products { range, rank, limit, top } => {
            let r = shop.report_products(&kaidan_api::ReportQuery { top: shown(out, top, limit), ..range.query(None, rank) }, ctx.today)?;
            out.print(&r, |l| text::report_products(l, &r, limit));
        }
        ReportCmd::Day { .. } | ReportCmd::Slow { .. } | ReportCmd::Inactive { .. } | ReportCmd::Log { .. } => {
            unreachable!("answered above")
        }
        ReportCmd::Customers { range, rank, limit, top } => {
            let r =
                shop.report_customers(&kaidan_api::ReportQuery { top: shown(out, top, limit), ..range.query(None, rank) }, ctx.today)?;
            out.print(&r, |l| text::report_customers(l, &r, limit));
        }
        ReportCmd::Profit { range, rank, limit, top } => {
            let r = shop.report_profit(&kaidan_api::ReportQuery { top: shown(out, top, limit), ..range.query(None, rank) }, ctx.today)?;
            out.print(&r, |l| text::report_profit(l, &r, limit));
        }
        ReportCmd::Salespeople { range, rank, limit } => {
            let r = shop.report_salespeople(&range.query(None, rank), ctx.today)?;
            out.print(&r, |l| text::report_salespeople(l, &r, limit));
        }
        ReportCmd::Fulfilment { range } => {
            let r = shop.report_fulfilment(&range.query(None, None), ctx.today)?;
            out.print(&r, |l| text::report_fulfilment(l, &r));
        }
        ReportCmd::Collections { range, by } => {
            let r = shop.report_collections(&range.query(by, None), ctx.today)?;
            out.print(&r, |l| text::report_collections(l, &r));
        }
    }
    Ok(true)
}

/// The rows a ranking is asked for: in JSON `--top` (every row without it), in text no more
/// than the `--limit` it shows.
fn shown(out: &Out, top: Option<u32>, limit: usize) -> Option<u32> {
    if out.json {
        top
    } else {
        let limit = u32::try_from(limit).unwrap_or(u32::MAX);
        Some(top.map_or(limit, |t| t.min(limit)))
    }
}
