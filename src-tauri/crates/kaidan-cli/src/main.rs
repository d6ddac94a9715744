//! `kaidan`: the shop from the command line. Every command takes `--json` for scripts; the
//! commands and JSON keys are a contract (docs/CLI.md): add to them, never rename.

use std::process::ExitCode;

use clap::Parser;
use kaidan_api::core::{Error, Lang};
use kaidan_api::Ctx;
use serde::Serialize;

use args::{Cli, Command};

mod args;
mod run;
mod text;

fn detect_lang(flag: Option<&str>) -> Lang {
    if let Some(l) = flag {
        return Lang::from_locale(l);
    }
    if let Ok(l) = std::env::var("KAIDAN_LANG") {
        if !l.is_empty() {
            return Lang::from_locale(&l);
        }
    }
    sys_locale::get_locale().map(|l| Lang::from_locale(&l)).unwrap_or(Lang::En)
}

struct Out {
    json: bool,
    lang: Lang,
}

impl Out {
    /// Runs a long job with a progress line (`line(done, total)`) on stderr when a person is
    /// watching (a terminal, not `--json`); the job gets the progress callback and a cancel flag.
    fn with_progress<T>(
        &self,
        line: impl Fn(u64, u64) -> String,
        job: impl FnOnce(&mut dyn FnMut(u64, u64), &std::sync::atomic::AtomicBool) -> T,
    ) -> T {
        let cancel = std::sync::atomic::AtomicBool::new(false);
        let show = !self.json && std::io::IsTerminal::is_terminal(&std::io::stderr());
        let mut progress = |done: u64, total: u64| {
            if show && total > 0 {
                eprint!("\r{}", line(done, total));
            }
        };
        let out = job(&mut progress, &cancel);
        if show {
            eprintln!();
        }
        out
    }

    fn print<T: Serialize>(&self, value: &T, human: impl FnOnce(Lang) -> String) {
        if self.json {
            println!("{}", serde_json::to_string_pretty(value).expect("serializable"));
        } else {
            let s = human(self.lang);
            if !s.is_empty() {
                println!("{}", s.trim_end());
            }
        }
    }
}

/// Runs one command. `Ok(false)`: it ran and reported a problem (exit 1, no error object).
fn run(cli: Cli, out: &Out) -> Result<bool, Error> {
    let mut ctx = Ctx::now(out.lang, cli.operator.clone(), cli.pin.clone(), cli.request_id.clone());
    if let (Some(owner), Some(pin)) = (&cli.approve_as, &cli.approve_pin) {
        ctx = ctx.approved_by(owner.clone(), pin.clone());
    }
    let path = kaidan_api::resolve_db_path(cli.db.as_deref())?;
    if let Command::Join { url, device } = &cli.command {
        let shop = kaidan_api::join_shop(&path, url, device.as_deref(), ctx.now)?;
        let status = shop.sync_status()?.ok_or_else(|| Error::new(kaidan_api::core::Problem::NoServer))?;
        out.print(&serde_json::json!({ "joined": true, "database": path, "status": status }), |l| {
            format!("{}{}\n{}", text::w(l).database_label(), path.display(), text::sync_status(l, Some(&status)))
        });
        return Ok(true);
    }
    let mut shop = match (kaidan_api::open_shop(&path), &cli.command) {
        (Ok(s), _) => s,
        (Err(e), Command::Restore { file, yes }) if e.code() == kaidan_api::core::ErrorCode::Damaged => {
            let (_shop, aside) = kaidan_api::restore_over_damaged(&path, file, ctx.now, *yes)?;
            out.print(&serde_json::json!({ "restored": file, "damaged_copy": aside }), |l| text::restored_over_damaged(l, file, &aside));
            return Ok(true);
        }
        (Err(e), _) => return Err(e),
    };
    let lang = out.lang;
    let ok = run::dispatch(cli.command, &mut shop, &ctx, &path, out)?;
    // at least one automatic backup a day, after a use case wrote; a failure is recorded and
    // shown, and the shop keeps working
    if let Err(e) = shop.backup_after_writes(&ctx) {
        eprintln!("{}: {}", text::w(lang).automatic_backup_failed(), e.cli_message(lang));
    }
    Ok(ok)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let out = Out { json: cli.json, lang: detect_lang(cli.lang.as_deref()) };
    match run(cli, &out) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            let message = e.cli_message(out.lang);
            if out.json {
                let mut err = serde_json::json!({ "code": e.code(), "message": message });
                if let Some(f) = e.field {
                    err["field"] = serde_json::Value::String(f.path());
                }
                println!("{}", serde_json::json!({ "error": err }));
            } else {
                eprintln!("{}: {message}", text::w(out.lang).error());
            }
            ExitCode::from(1)
        }
    }
}
