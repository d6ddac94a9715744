//! Setting up a shop: init, operators, settings, the company profile.

use kaidan_core::model::{Company, Operator};
use kaidan_core::validate;
use kaidan_core::{AuditAction, AuditEntity};
use kaidan_core::{Error, Field, FieldKey, Problem, Role, Settings};
use serde::Serialize;

use crate::{pin_hash, Ctx, Shop};

impl Shop {
    /// Creates the shop: this device, the company, the owner, the default location.
    pub fn init(&mut self, ctx: &Ctx, shop_name: &str, owner_name: &str) -> Result<Company, Error> {
        let name = validate::text(FieldKey::Name, shop_name, 100, true)?;
        let owner = validate::text(FieldKey::Operator, owner_name, 40, true)?;
        let company = self.store_mut().write(|db| {
            db.initialize(ctx.now, &name, &owner, "this computer")?;
            db.company()
        })?;
        // a new shop gets its first automatic backup at once
        self.mark_written();
        Ok(company)
    }

    pub fn is_initialized(&self) -> Result<bool, Error> {
        self.read(|db| db.is_initialized())
    }

    pub fn company(&self) -> Result<Company, Error> {
        self.read(|db| db.company())
    }

    /// Changes the company profile (owner only).
    pub fn update_company(&mut self, ctx: &Ctx, company: &Company) -> Result<Company, Error> {
        let c = Company {
            name: validate::text(FieldKey::Name, &company.name, 100, true)?,
            address: validate::opt_text(FieldKey::Address, company.address.as_deref(), 200)?,
            phone: validate::opt_text(FieldKey::Phone, company.phone.as_deref(), 60)?,
            tax_id: validate::opt_text(FieldKey::Name, company.tax_id.as_deref(), 40)?,
            bank_account: validate::opt_text(FieldKey::Name, company.bank_account.as_deref(), 120)?,
            currency: "CNY".into(),
        };
        self.write(ctx, "company.update", &c, |db, a| {
            a.require_owner()?;
            let before = db.company()?;
            db.update_company(&a.stamp, &c)?;
            db.audit(&a.stamp, AuditEntity::Company, "company", AuditAction::Update, Some(&json(&before)), Some(&json(&c)))?;
            db.company()
        })
    }

    /// Adds an owner or a clerk (owner only). The PIN, if any, is kept salted and hashed.
    pub fn add_operator(&mut self, ctx: &Ctx, name: &str, role: Role, pin: Option<&str>) -> Result<Operator, Error> {
        let name = validate::text(FieldKey::Operator, name, 40, true)?;
        let pin = match pin.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) if p.len() < 4 || p.len() > 12 || !p.chars().all(|c| c.is_ascii_digit()) => {
                return Err(Error::at(
                    Problem::BadChoice { text: "****".into(), allowed: vec!["4–12 digits".into()] },
                    Field::new(FieldKey::Pin),
                ))
            }
            other => other.map(str::to_string),
        };
        // the PIN itself never goes into the idempotency fingerprint or the audit log
        self.write(ctx, "operator.add", &(&name, role), |db, a| {
            a.require_owner()?;
            let salted = pin.as_deref().map(|p| {
                let salt = uuid::Uuid::now_v7().to_string();
                let hash = pin_hash(&salt, p);
                (salt, hash)
            });
            let op = db.insert_operator(a.stamp.at, &name, role, salted)?;
            db.audit(&a.stamp, AuditEntity::Operator, &op.id, AuditAction::Create, None, Some(&json(&op)))?;
            Ok(op)
        })
    }

    pub fn operators(&self) -> Result<Vec<Operator>, Error> {
        self.read(|db| db.operators())
    }

    pub fn settings(&self) -> Result<Settings, Error> {
        self.read(|db| db.settings())
    }

    /// Changes one setting (owner only); the value is checked before anything is written.
    pub fn set_setting(&mut self, ctx: &Ctx, key: &str, value: &str) -> Result<Settings, Error> {
        let mut probe = Settings::default();
        probe.set(key, value).map_err(|p| Error::at(p, Field::new(FieldKey::Setting)))?;
        let key = kaidan_core::settings::SettingKey::parse(key).expect("a key set just now").as_str();
        let stored = probe.get(key).expect("known key");
        // a backup folder must be there when it is chosen (a USB drive plugged in)
        if let Some(dir) = probe.backup_dir.as_deref().filter(|_| key == "backup_dir") {
            if !std::path::Path::new(dir).is_dir() {
                return Err(Error::at(Problem::BackupFolderMissing { folder: dir.to_string() }, Field::new(FieldKey::Setting)));
            }
        }
        self.write(ctx, "setting.set", &(key, &stored), |db, a| {
            a.require_owner()?;
            let before = db.settings()?;
            db.set_setting(&a.stamp, key, &stored)?;
            let after = db.settings()?;
            db.audit(
                &a.stamp,
                AuditEntity::Setting,
                key,
                AuditAction::Update,
                before.get(key).map(serde_json::Value::String).as_ref(),
                Some(&serde_json::Value::String(stored.clone())),
            )?;
            Ok(after)
        })
    }
}

pub(crate) fn json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}
