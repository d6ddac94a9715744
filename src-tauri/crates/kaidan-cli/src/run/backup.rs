//! Keeping the data safe: backup, the backups list, restore, and the check of the database.

use kaidan_api::core::Error;
use kaidan_api::{Ctx, Shop};

use crate::args::{BackupsCmd, Command};
use crate::{text, Out};

pub(super) fn run(command: Command, shop: &mut Shop, ctx: &Ctx, out: &Out) -> Result<bool, Error> {
    let lang = out.lang;
    match command {
        Command::Backup { to } => {
            let b = out.with_progress(
                |done, total| format!("{} {}%", text::w(lang).backing_up(), done * 100 / total),
                |progress, cancel| shop.backup(ctx, to.as_deref(), kaidan_api::BackupKind::Manual, progress, cancel),
            )?;
            out.print(&b, |l| text::backup(l, &b));
        }
        Command::Backups(BackupsCmd::List { dir }) => {
            let list = shop.backups(dir.as_deref())?;
            let attempts = shop.backup_attempts(10)?;
            let folder = match dir {
                Some(d) => d,
                None => shop.backup_dir()?.0,
            };
            out.print(&serde_json::json!({ "folder": folder, "backups": list, "attempts": attempts }), |l| {
                text::backups(l, &folder, &list, &attempts)
            });
        }
        Command::Restore { file, yes } => {
            if !yes {
                let (f, m) = kaidan_api::inspect_backup(&file)?;
                out.print(&serde_json::json!({ "file": file, "contents": f, "manifest": m, "restored": false }), |l| {
                    text::restore_preview(l, &file, &f, m.as_ref())
                });
                return Ok(true);
            }
            let r = shop.restore(ctx, &file, true, &mut |_, _| {})?;
            out.print(&r, |l| text::restored(l, &r));
        }
        Command::Check { full } => {
            let report = shop.check(full)?;
            // a counter of a shop with a server: another counter's sale may take the stock
            // below zero; the server lists each such oversell for the owner
            let allow_negative = shop.settings()?.allow_negative_stock || shop.sync_status()?.is_some();
            let ok = report.is_ok(allow_negative);
            out.print(&serde_json::json!({ "ok": ok, "report": report }), |l| text::check(l, ok, &report));
            return Ok(ok);
        }
        _ => unreachable!("not a backup command"),
    }
    Ok(true)
}
