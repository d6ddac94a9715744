//! Several counters (docs/SYNC.md): the shop's server, joining it, syncing with it.

use kaidan_api::core::{Error, Problem};
use kaidan_api::{Ctx, Shop};

use crate::args::{Command, ServerCmd};
use crate::{text, Out};

pub(super) fn run(command: Command, shop: &mut Shop, ctx: &Ctx, out: &Out) -> Result<bool, Error> {
    match command {
        Command::Server(ServerCmd::Init { url, device }) => {
            let done = shop.server_init(ctx, &url, &device)?;
            out.print(&done, |l| text::sync_outcome(l, &done));
        }
        Command::Server(ServerCmd::AddCounter { url, device }) => {
            let reg = shop.server_add_counter(ctx, &url, &device)?;
            out.print(&reg, |l| format!("{}\n{}", text::w(l).counter_url_label(), reg.url));
        }
        Command::Server(ServerCmd::Check) => {
            let problems = shop.server_check()?;
            let ok = problems.is_empty();
            out.print(&serde_json::json!({ "ok": ok, "problems": problems }), |l| {
                if ok {
                    text::w(l).server_check_ok().to_string()
                } else {
                    problems.join("\n")
                }
            });
            return Ok(ok);
        }
        Command::Server(ServerCmd::Issues) => {
            let issues = shop.server_issues(ctx)?;
            out.print(&serde_json::json!({ "issues": issues }), |l| text::sync_issues(l, &issues));
        }
        Command::Sync { status: true } => {
            let status = shop.sync_status()?;
            out.print(&serde_json::json!({ "status": status }), |l| text::sync_status(l, status.as_ref()));
        }
        Command::Sync { status: false } => {
            if shop.sync_status()?.is_none() {
                return Err(Error::new(Problem::NoServer));
            }
            let done = shop.sync_now(ctx)?;
            out.print(&done, |l| text::sync_outcome(l, &done));
        }
        Command::Join { .. } => unreachable!("a join opens no shop: main runs it"),
        _ => unreachable!("not a sync command"),
    }
    Ok(true)
}
