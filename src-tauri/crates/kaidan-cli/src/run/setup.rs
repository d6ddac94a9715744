//! Setting the shop up: init, demo data, the company profile, operators, settings.

use std::path::Path;

use kaidan_api::core::{Error, Field, FieldKey, Problem, Role};
use kaidan_api::{Ctx, Shop};

use crate::args::{Command, CompanyCmd, OperatorCmd, SettingsCmd};
use crate::{text, Out};

pub(super) fn run(command: Command, shop: &mut Shop, ctx: &Ctx, path: &Path, out: &Out) -> Result<bool, Error> {
    let lang = out.lang;
    match command {
        Command::Init { name, owner } => {
            let default_name = text::w(lang).default_shop_name();
            let default_owner = kaidan_api::core::text::Word::word(kaidan_api::core::Role::Owner, lang);
            let c = shop.init(ctx, name.as_deref().unwrap_or(default_name), owner.as_deref().unwrap_or(default_owner))?;
            out.print(&serde_json::json!({ "company": c, "db": path }), |l| text::initialized(l, &c.name, path));
        }
        Command::Demo { orders, if_empty } => {
            if if_empty && shop.is_initialized()? && (!shop.products(None, None, 1)?.is_empty()) {
                out.print(&serde_json::json!({ "skipped": true, "db": path }), |l| text::demo_skipped(l, path));
                return Ok(true);
            }
            let s = shop.demo(ctx, orders)?;
            out.print(&s, |l| text::demo(l, &s, path));
        }
        Command::Company(CompanyCmd::Show) => {
            let c = shop.company()?;
            out.print(&c, |l| text::company(l, &c));
        }
        Command::Company(CompanyCmd::Logo { file, remove }) => {
            let bytes = match (&file, remove) {
                (Some(f), false) => {
                    Some(std::fs::read(f).map_err(|e| Error::new(Problem::PrintFailed { detail: format!("{}: {e}", f.display()) }))?)
                }
                _ => None,
            };
            shop.set_logo(ctx, bytes.as_deref())?;
            let c = shop.company()?;
            out.print(&c, |l| text::company(l, &c));
        }
        Command::Company(CompanyCmd::Set { name, address, phone, tax_id, bank_account }) => {
            let mut c = shop.company()?;
            if let Some(v) = name {
                c.name = v;
            }
            c.address = address.or(c.address);
            c.phone = phone.or(c.phone);
            c.tax_id = tax_id.or(c.tax_id);
            c.bank_account = bank_account.or(c.bank_account);
            let c = shop.update_company(ctx, &c)?;
            out.print(&c, |l| text::company(l, &c));
        }
        Command::Operator(OperatorCmd::Add { name, role, new_pin }) => {
            let r = Role::parse(&role).ok_or_else(|| {
                Error::at(
                    Problem::BadChoice { text: role.clone(), allowed: vec!["owner".into(), "clerk".into()] },
                    Field::new(FieldKey::Role),
                )
            })?;
            let op = shop.add_operator(ctx, &name, r, new_pin.as_deref())?;
            out.print(&op, |l| text::operators(l, std::slice::from_ref(&op)));
        }
        Command::Operator(OperatorCmd::Rename { name, new_name }) => {
            let op = shop.rename_operator(ctx, &name, &new_name)?;
            out.print(&op, |l| text::operators(l, std::slice::from_ref(&op)));
        }
        Command::Operator(OperatorCmd::Pin { name, new_pin, clear }) => {
            let op = shop.set_operator_pin(ctx, &name, if clear { None } else { new_pin.as_deref() })?;
            out.print(&op, |l| text::operators(l, std::slice::from_ref(&op)));
        }
        Command::Operator(OperatorCmd::Deactivate { name }) => {
            let op = shop.set_operator_active(ctx, &name, false)?;
            out.print(&op, |l| text::operators(l, std::slice::from_ref(&op)));
        }
        Command::Operator(OperatorCmd::Activate { name }) => {
            let op = shop.set_operator_active(ctx, &name, true)?;
            out.print(&op, |l| text::operators(l, std::slice::from_ref(&op)));
        }
        Command::Operator(OperatorCmd::List) => {
            let ops = shop.operators()?;
            out.print(&ops, |l| text::operators(l, &ops));
        }
        Command::Settings(SettingsCmd::Show) => {
            let s = shop.settings()?;
            out.print(&s, |l| text::settings(l, &s));
        }
        Command::Settings(SettingsCmd::Set { key, value }) => {
            let s = shop.set_setting(ctx, &key, &value)?;
            out.print(&s, |l| text::settings(l, &s));
        }
        _ => unreachable!("not a setup command"),
    }
    Ok(true)
}
