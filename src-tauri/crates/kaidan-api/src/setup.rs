//! Setting up a shop: init, operators, settings, the company profile.

use kaidan_core::model::Company;
use kaidan_core::validate;
use kaidan_core::{AuditAction, AuditEntity};
use kaidan_core::{Error, Field, FieldKey, Problem, Settings};
use serde::Serialize;

use crate::{Ctx, Shop};

impl Shop {
    /// Creates the shop: this device, the company, the owner, the default location.
    pub fn init(&mut self, ctx: &Ctx, shop_name: &str, owner_name: &str) -> Result<Company, Error> {
        let name = validate::text(FieldKey::Name, shop_name, 100, true)?;
        let owner = validate::text(FieldKey::Operator, owner_name, 40, true)?;
        let company = self.store_mut().write(|db| {
            db.initialize(ctx.now, &name, &owner, "this computer")?;
            // the shop's documents speak the language chosen at first run, whoever prints later
            let stamp = db.owner_stamp(ctx.now)?;
            let lang = kaidan_core::settings::SettingKey::DocumentLanguage;
            let mut chosen = Settings::default();
            chosen.set(lang.as_str(), ctx.lang.code()).map_err(Error::new)?;
            db.set_setting(&stamp, lang.as_str(), &chosen.get_key(lang))?;
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
            a.require(kaidan_core::Action::ChangeSettings)?;
            let before = db.company()?;
            db.update_company(&a.stamp, &c)?;
            db.audit(&a.stamp, AuditEntity::Company, "company", AuditAction::Update, Some(&json(&before)), Some(&json(&c)))?;
            db.company()
        })
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
            a.require(kaidan_core::Action::ChangeSettings)?;
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
