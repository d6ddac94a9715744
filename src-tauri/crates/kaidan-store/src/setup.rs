//! The shop itself: device, company, operators, settings, the default location, number series.

use chrono::{DateTime, Utc};
use kaidan_core::model::{Company, Operator};
use kaidan_core::{Entity, Error, Problem, Role, Series, Settings};
use rusqlite::{params, OptionalExtension};

use crate::{new_id, time_text, Db, SqlResult, Stamp};

/// The ids every write needs: this device and its default stock location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalIds {
    pub device_id: String,
    pub location_id: String,
}

fn operator_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Operator> {
    Ok(Operator {
        id: r.get("id")?,
        name: r.get("name")?,
        role: crate::closed(r, r.as_ref().column_index("role")?)?,
        has_pin: r.get::<_, Option<String>>("pin_hash")?.is_some(),
        active: r.get::<_, Option<String>>("deactivated_at")?.is_none(),
    })
}

const OPERATOR_COLUMNS: &str = "id, name, role, pin_hash, deactivated_at";

/// An operator's PIN as stored, and their run of wrong PINs. Never leaves kaidan-api.
#[derive(Clone, PartialEq, Eq)]
pub struct PinState {
    /// The legacy salt (SHA-256 PINs of early versions); `None` for an Argon2id PHC string,
    /// which carries its own salt.
    pub salt: Option<String>,
    /// `None`: the operator has no PIN.
    pub hash: Option<String>,
    pub failures: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for PinState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // no hash in a log or a panic message
        f.debug_struct("PinState").field("set", &self.hash.is_some()).field("failures", &self.failures).finish_non_exhaustive()
    }
}

impl Db<'_> {
    pub fn is_initialized(&self) -> Result<bool, Error> {
        self.row("SELECT EXISTS (SELECT 1 FROM company)", [], |r| r.get(0)).sql()
    }

    /// Creates the local device, the company, the owner and the default location.
    /// Returns the owner's id.
    pub fn initialize(&self, at: DateTime<Utc>, company_name: &str, owner_name: &str, device_name: &str) -> Result<String, Error> {
        if self.is_initialized()? {
            return Err(Problem::AlreadyInitialized.into());
        }
        let t = time_text(at);
        let device_id = new_id(at);
        self.exec(
            "INSERT INTO device (id, name, code, is_local, created_at, updated_at) VALUES (?1, ?2, 'A', 1, ?3, ?3)",
            params![device_id, device_name, t],
        )
        .sql()?;
        self.exec(
            "INSERT INTO company (id, name, currency, created_at, updated_at) VALUES (?1, ?2, 'CNY', ?3, ?3)",
            params![new_id(at), company_name, t],
        )
        .sql()?;
        self.exec(
            "INSERT INTO location (id, name, is_default, created_at, updated_at) VALUES (?1, ?2, 1, ?3, ?3)",
            params![new_id(at), "Main", t],
        )
        .sql()?;
        let owner = self.insert_operator(at, owner_name, Role::Owner, None)?;
        Ok(owner.id)
    }

    pub fn local_ids(&self) -> Result<LocalIds, Error> {
        self.row("SELECT d.id, l.id FROM device d, location l WHERE d.is_local = 1 AND l.is_default = 1", [], |r| {
            Ok(LocalIds { device_id: r.get(0)?, location_id: r.get(1)? })
        })
        .optional()
        .sql()?
        .ok_or_else(|| Problem::NotInitialized.into())
    }

    pub fn company(&self) -> Result<Company, Error> {
        self.row("SELECT name, address, phone, tax_id, bank_account, currency FROM company LIMIT 1", [], |r| {
            Ok(Company {
                name: r.get(0)?,
                address: r.get(1)?,
                phone: r.get(2)?,
                tax_id: r.get(3)?,
                bank_account: r.get(4)?,
                currency: r.get(5)?,
            })
        })
        .optional()
        .sql()?
        .ok_or_else(|| Problem::NotInitialized.into())
    }

    pub fn update_company(&self, stamp: &Stamp, c: &Company) -> Result<(), Error> {
        self.exec(
            "UPDATE company SET name = ?1, address = ?2, phone = ?3, tax_id = ?4, bank_account = ?5, updated_at = ?6",
            params![c.name, c.address, c.phone, c.tax_id, c.bank_account, stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    /// The operator of this name, active or not.
    pub fn operator_by_name(&self, name: &str) -> Result<Option<Operator>, Error> {
        self.row(&format!("SELECT {OPERATOR_COLUMNS} FROM operator WHERE name = ?1 AND deleted_at IS NULL"), [name], operator_from_row)
            .optional()
            .sql()
    }

    pub fn operator_by_id(&self, id: &str) -> Result<Option<Operator>, Error> {
        self.row(&format!("SELECT {OPERATOR_COLUMNS} FROM operator WHERE id = ?1 AND deleted_at IS NULL"), [id], operator_from_row)
            .optional()
            .sql()
    }

    /// The first active owner: who acts when no operator is named.
    pub fn owner(&self) -> Result<Operator, Error> {
        self.row(
            &format!(
                "SELECT {OPERATOR_COLUMNS} FROM operator WHERE role = 'owner' AND deleted_at IS NULL AND deactivated_at IS NULL
                 ORDER BY id LIMIT 1"
            ),
            [],
            operator_from_row,
        )
        .optional()
        .sql()?
        .ok_or_else(|| Problem::NotInitialized.into())
    }

    /// The stamp of what the shop does by itself (its set-up, the window's housekeeping): the
    /// first active owner, on this device, with no request and no approval.
    pub fn owner_stamp(&self, at: DateTime<Utc>) -> Result<Stamp, Error> {
        Ok(Stamp { operator_id: self.owner()?.id, device_id: self.local_ids()?.device_id, at, request_id: None, approved_by: None })
    }

    /// Owners who still sign in and act.
    pub fn active_owners(&self) -> Result<i64, Error> {
        self.row("SELECT COUNT(*) FROM operator WHERE role = 'owner' AND deleted_at IS NULL AND deactivated_at IS NULL", [], |r| r.get(0))
            .sql()
    }

    /// `pin`: the stored hash, with the legacy salt if it has one.
    pub fn insert_operator(
        &self,
        at: DateTime<Utc>,
        name: &str,
        role: Role,
        pin: Option<(Option<String>, String)>,
    ) -> Result<Operator, Error> {
        if self.operator_by_name(name)?.is_some() {
            return Err(Problem::Duplicate { what: Entity::Operator, key: name.to_string() }.into());
        }
        let id = new_id(at);
        let (salt, hash) = pin.clone().unzip();
        self.exec(
            "INSERT INTO operator (id, name, role, pin_salt, pin_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![id, name, role.as_str(), salt.flatten(), hash, time_text(at)],
        )
        .sql()?;
        Ok(Operator { id, name: name.to_string(), role, has_pin: pin.is_some(), active: true })
    }

    /// Every operator, the deactivated ones too (the settings list them greyed).
    pub fn operators(&self) -> Result<Vec<Operator>, Error> {
        let mut st =
            self.conn.prepare_cached(&format!("SELECT {OPERATOR_COLUMNS} FROM operator WHERE deleted_at IS NULL ORDER BY id")).sql()?;
        let rows = st.query_map([], operator_from_row).sql()?;
        rows.collect::<rusqlite::Result<Vec<_>>>().sql()
    }

    pub fn pin_state(&self, operator_id: &str) -> Result<PinState, Error> {
        self.row("SELECT pin_salt, pin_hash, pin_failures, pin_locked_until FROM operator WHERE id = ?1", [operator_id], |r| {
            let until: Option<String> = r.get(3)?;
            Ok(PinState {
                salt: r.get(0)?,
                hash: r.get(1)?,
                failures: r.get::<_, i64>(2)?.clamp(0, u32::MAX as i64) as u32,
                locked_until: until.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc)),
            })
        })
        .sql()
    }

    /// A wrong PIN: the run so far and, once long enough, when the lock ends.
    pub fn record_pin_failure(&self, operator_id: &str, failures: u32, locked_until: Option<DateTime<Utc>>) -> Result<(), Error> {
        self.exec(
            "UPDATE operator SET pin_failures = ?2, pin_locked_until = ?3 WHERE id = ?1",
            params![operator_id, failures, locked_until.map(time_text)],
        )
        .sql()?;
        Ok(())
    }

    /// A right PIN: the run of wrong ones forgotten, and the hash replaced when given (an old
    /// SHA-256 PIN upgraded to Argon2id).
    pub fn record_pin_success(&self, operator_id: &str, upgraded: Option<&str>) -> Result<(), Error> {
        match upgraded {
            Some(hash) => self.exec(
                "UPDATE operator SET pin_failures = 0, pin_locked_until = NULL, pin_salt = NULL, pin_hash = ?2 WHERE id = ?1",
                params![operator_id, hash],
            ),
            None => self.exec(
                "UPDATE operator SET pin_failures = 0, pin_locked_until = NULL WHERE id = ?1 AND (pin_failures <> 0 OR pin_locked_until IS NOT NULL)",
                params![operator_id],
            ),
        }
        .sql()?;
        Ok(())
    }

    /// Sets (an Argon2id PHC string) or clears an operator's PIN; the lock goes with the old one.
    pub fn set_operator_pin(&self, stamp: &Stamp, operator_id: &str, hash: Option<&str>) -> Result<(), Error> {
        self.exec(
            "UPDATE operator SET pin_salt = NULL, pin_hash = ?2, pin_failures = 0, pin_locked_until = NULL, updated_at = ?3 WHERE id = ?1",
            params![operator_id, hash, stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    pub fn rename_operator(&self, stamp: &Stamp, operator_id: &str, name: &str) -> Result<(), Error> {
        if self.operator_by_name(name)?.is_some_and(|o| o.id != operator_id) {
            return Err(Problem::Duplicate { what: Entity::Operator, key: name.to_string() }.into());
        }
        self.exec("UPDATE operator SET name = ?2, updated_at = ?3 WHERE id = ?1", params![operator_id, name, stamp.time()]).sql()?;
        Ok(())
    }

    pub fn set_operator_active(&self, stamp: &Stamp, operator_id: &str, active: bool) -> Result<(), Error> {
        self.exec(
            "UPDATE operator SET deactivated_at = CASE WHEN ?2 THEN NULL ELSE ?3 END, updated_at = ?3 WHERE id = ?1",
            params![operator_id, active, stamp.time()],
        )
        .sql()?;
        Ok(())
    }

    pub fn settings(&self) -> Result<Settings, Error> {
        let mut st = self.conn.prepare_cached("SELECT key, value FROM setting").sql()?;
        let pairs = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .sql()?
            .collect::<rusqlite::Result<Vec<_>>>()
            .sql()?;
        Settings::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(Error::new)
    }

    pub fn set_setting(&self, stamp: &Stamp, key: &str, value: &str) -> Result<(), Error> {
        self.exec(
            "INSERT INTO setting (key, value, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                                                 updated_by = excluded.updated_by",
            params![key, value, stamp.time(), stamp.operator_id],
        )
        .sql()?;
        Ok(())
    }

    /// Takes `count` numbers of a series at once (an import): returns the series' prefix and
    /// the first sequence number, the rest follow it (format each with [`document_number`]). Gap-free like [`Db::next_number`]: they are taken in the caller's transaction.
    pub fn reserve_numbers(&self, stamp: &Stamp, series: Series, year: i32, count: u32) -> Result<(String, i64), Error> {
        let t = stamp.time();
        let (kind, prefix) = (series.as_str(), series.as_str());
        self.exec(
            &format!(
                "INSERT INTO number_series (id, device_id, kind, year, prefix, next_value, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, {}, 1, ?6, ?6) ON CONFLICT (device_id, kind, year) DO NOTHING",
                crate::sync::SERIES_PREFIX
            ),
            params![new_id(stamp.at), stamp.device_id, kind, year, prefix, t],
        )
        .sql()?;
        let (first, prefix): (i64, String) = self
            .row(
                "UPDATE number_series SET next_value = next_value + ?5, updated_at = ?1
                 WHERE device_id = ?2 AND kind = ?3 AND year = ?4 RETURNING next_value - ?5, prefix",
                params![t, stamp.device_id, kind, year, count],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .sql()?;
        Ok((prefix, first))
    }

    /// Takes the next number of a device's series, inside the caller's transaction, so that a
    /// rolled-back document gives its number back: numbers are gap-free. Format
    /// `{prefix}-{year}-{seq:06}`, e.g. `SO-2026-000001`.
    pub fn next_number(&self, stamp: &Stamp, series: Series, year: i32) -> Result<String, Error> {
        let (prefix, seq) = self.reserve_numbers(stamp, series, year, 1)?;
        Ok(document_number(&prefix, year, seq))
    }
}

/// A document number as the series prints it: `{prefix}-{year}-{seq:06}`.
pub fn document_number(prefix: &str, year: i32, seq: i64) -> String {
    format!("{prefix}-{year}-{seq:06}")
}
