//! People at the counter: who acts (signed in at the window, or named with a PIN), an owner's
//! approval on the spot, PINs kept as Argon2id with a lock after wrong ones, and the owner's
//! care of the operators (add, rename, set or clear a PIN, deactivate).
//!
//! What a role may do is decided in one table, [`kaidan_core::Role::may`]; every use case asks
//! it through [`crate::Actor::require`]. A PIN is a counter convenience — it keeps a clerk from
//! taking the owner's actions at a shared PC — not a network security boundary: anyone who can
//! copy the shop's file can read it without any PIN.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use kaidan_core::model::Operator;
use kaidan_core::people::{pin_is_valid, pin_wait, PIN_TRIES};
use kaidan_core::validate;
use kaidan_core::{Action, AuditAction, AuditEntity, Entity, Error, Field, FieldKey, Problem, Role};
use kaidan_store::{Db, PinState};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::setup::json;
use crate::{Actor, Ctx, Shop, Who};

/// An owner beside the operator, approving on the spot.
#[derive(Clone, Serialize, Deserialize)]
pub struct Approval {
    pub owner: String,
    pub pin: String,
    /// The one action it approves (the window's: the action the shop refused); `None`: any the
    /// command needs (the CLI's `--approve-as`, given for one command).
    #[serde(default)]
    pub action: Option<Action>,
}

impl std::fmt::Debug for Approval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // never a PIN in a log
        f.debug_struct("Approval").field("owner", &self.owner).finish_non_exhaustive()
    }
}

/// An operator signed in at a window. Only [`Shop::sign_in`] makes one (its PIN checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    operator_id: String,
    pub name: String,
    pub role: Role,
}

impl Session {
    pub fn operator_id(&self) -> &str {
        &self.operator_id
    }
}

/// A new PIN as stored: an Argon2id PHC string (its own random salt and parameters inside).
fn hash_pin(pin: &str) -> Result<String, Error> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::new(Problem::Storage { detail: format!("PIN hash: {e}") }))
}

/// The salted SHA-256 of early versions (still accepted once, then upgraded).
fn legacy_hash(salt: &str, pin: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(b"\0");
    h.update(pin.as_bytes());
    format!("{:x}", h.finalize())
}

enum Verdict {
    Right { upgraded: Option<String> },
    Wrong,
}

fn verify(state: &PinState, stored: &str, given: &str) -> Result<Verdict, Error> {
    match &state.salt {
        // an old PIN: right once more, and stored anew as Argon2id
        Some(salt) => Ok(if constant_eq(&legacy_hash(salt, given), stored) {
            Verdict::Right { upgraded: Some(hash_pin(given)?) }
        } else {
            Verdict::Wrong
        }),
        None => {
            let parsed = PasswordHash::new(stored).map_err(|e| Error::new(Problem::Storage { detail: format!("PIN hash: {e}") }))?;
            Ok(if Argon2::default().verify_password(given.as_bytes(), &parsed).is_ok() {
                Verdict::Right { upgraded: None }
            } else {
                Verdict::Wrong
            })
        }
    }
}

fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn not_found(name: &str) -> Error {
    Error::at(Problem::NotFound { what: Entity::Operator, key: name.to_string() }, Field::new(FieldKey::Operator))
}

/// The operator of this name (active or not), or the refusal naming the name.
pub(crate) fn operator_named(db: &Db, name: &str) -> Result<Operator, Error> {
    db.operator_by_name(name.trim())?.ok_or_else(|| not_found(name.trim()))
}

fn checked_pin(pin: &str) -> Result<&str, Error> {
    let pin = pin.trim();
    if pin_is_valid(pin) {
        Ok(pin)
    } else {
        Err(Error::at(Problem::PinFormat, Field::new(FieldKey::Pin)))
    }
}

impl Shop {
    /// Checks `operator`'s PIN: refused while they are locked; a wrong one counts (the fifth in
    /// a row locks them, [`pin_wait`]); a right one clears the count and upgrades an old hash.
    /// No PIN set: nothing to check. The count is written in its own transaction, so that a
    /// refused action still counts its wrong PIN.
    fn check_pin(&mut self, now: DateTime<Utc>, operator: &Operator, given: Option<&str>) -> Result<(), Error> {
        let state = self.read(|db| db.pin_state(&operator.id))?;
        let Some(stored) = state.hash.as_deref() else {
            return Ok(());
        };
        let name = operator.name.clone();
        if let Some(until) = state.locked_until.filter(|u| *u > now) {
            let ms = (until - now).num_milliseconds();
            return Err(Error::at(Problem::PinLocked { operator: name, seconds: (ms + 999) / 1000 }, Field::new(FieldKey::Pin)));
        }
        let Some(given) = given.map(str::trim).filter(|p| !p.is_empty()) else {
            // no PIN typed is not a guess: asked for, not counted
            let tries_left = PIN_TRIES.saturating_sub(state.failures).max(1);
            return Err(Error::at(Problem::WrongPin { operator: name, tries_left }, Field::new(FieldKey::Pin)));
        };
        match verify(&state, stored, given)? {
            Verdict::Right { upgraded } => {
                if upgraded.is_some() || state.failures > 0 || state.locked_until.is_some() {
                    self.store.write(|db| db.record_pin_success(&operator.id, upgraded.as_deref()))?;
                }
                Ok(())
            }
            Verdict::Wrong => {
                let failures = self.store.write(|db| {
                    let n = db.pin_state(&operator.id)?.failures.saturating_add(1);
                    db.record_pin_failure(&operator.id, n, pin_wait(n).map(|w| now + w))?;
                    Ok(n)
                })?;
                let tries_left = PIN_TRIES.saturating_sub(failures);
                Err(Error::at(Problem::WrongPin { operator: name, tries_left }, Field::new(FieldKey::Pin)))
            }
        }
    }

    /// Who acts in `ctx`, their PIN (and an approver's) checked, before a write's transaction.
    pub(crate) fn identify(&mut self, ctx: &Ctx) -> Result<Who, Error> {
        let operator = match (&ctx.session, &ctx.operator) {
            (Some(s), _) => self.read(|db| db.operator_by_id(&s.operator_id))?.ok_or_else(|| not_found(&s.name))?,
            (None, name) => {
                let op = match name {
                    None => self.read(|db| db.owner())?,
                    Some(n) => self.read(|db| operator_named(db, n))?,
                };
                if op.active {
                    self.check_pin(ctx.now, &op, ctx.pin.as_deref())?;
                }
                op
            }
        };
        if !operator.active {
            return Err(Error::at(Problem::OperatorInactive { operator: operator.name }, Field::new(FieldKey::Operator)));
        }
        let approver_id = match &ctx.approval {
            None => None,
            Some(a) => {
                let owner = self.read(|db| operator_named(db, &a.owner))?;
                if owner.role != Role::Owner {
                    return Err(Error::at(Problem::ApproverNotOwner { operator: owner.name }, Field::new(FieldKey::Operator)));
                }
                if !owner.active {
                    return Err(Error::at(Problem::OperatorInactive { operator: owner.name }, Field::new(FieldKey::Operator)));
                }
                // an owner without a PIN cannot approve: anyone could type their name
                if !owner.has_pin {
                    return Err(Error::at(Problem::OwnerNeedsPin { owner: owner.name }, Field::new(FieldKey::Operator)));
                }
                self.check_pin(ctx.now, &owner, Some(&a.pin))?;
                Some(owner.id)
            }
        };
        Ok(Who { operator_id: operator.id, approver_id, approves: ctx.approval.as_ref().and_then(|a| a.action) })
    }

    /// Signs an operator in at a window: their PIN checked (a wrong one counts towards the
    /// lock). The session then acts for them without asking again.
    pub fn sign_in(&mut self, ctx: &Ctx, name: &str, pin: Option<&str>) -> Result<Session, Error> {
        let op = self.read(|db| operator_named(db, name))?;
        if !op.active {
            return Err(Error::at(Problem::OperatorInactive { operator: op.name }, Field::new(FieldKey::Operator)));
        }
        self.check_pin(ctx.now, &op, pin)?;
        Ok(Session { operator_id: op.id, name: op.name, role: op.role })
    }

    /// Whether the one acting in `ctx` may take `action` (their PINs checked): for what is not
    /// a write of the shop (a restore, a report with costs).
    pub fn authorize(&mut self, ctx: &Ctx, action: Action) -> Result<Operator, Error> {
        let who = self.identify(ctx)?;
        let op = self.read(|db| db.operator_by_id(&who.operator_id))?.ok_or_else(|| not_found(&who.operator_id))?;
        if op.role.may(action) || (who.approver_id.is_some() && who.approves.is_none_or(|x| x == action)) {
            Ok(op)
        } else {
            Err(Error::new(Problem::NotAllowed { action }))
        }
    }

    /// Whether the reader `ctx` names may see costs ([`Action::SeeCosts`]); lists and files
    /// made for them leave costs out when not ([`kaidan_core::model::HasCosts`]). A reader with
    /// a PIN who did not give it is not known to be the owner: they read what a clerk reads
    /// rather than being refused a list anyone may read. A wrong PIN is refused (and counted).
    pub fn sees_costs(&mut self, ctx: &Ctx) -> Result<bool, Error> {
        if ctx.session.is_none() && ctx.approval.is_none() && ctx.pin.is_none() {
            let op = match &ctx.operator {
                None => self.read(|db| db.owner())?,
                Some(n) => self.read(|db| operator_named(db, n))?,
            };
            if op.has_pin {
                return Ok(false);
            }
        }
        match self.authorize(ctx, Action::SeeCosts) {
            Ok(_) => Ok(true),
            Err(e) if matches!(e.problem, Problem::NotAllowed { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Adds an owner or a clerk. The PIN, if any, is kept as Argon2id.
    pub fn add_operator(&mut self, ctx: &Ctx, name: &str, role: Role, pin: Option<&str>) -> Result<Operator, Error> {
        let name = validate::text(FieldKey::Operator, name, 40, true)?;
        let hash = match pin.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(hash_pin(checked_pin(p)?)?),
            None => None,
        };
        // the PIN itself never goes into the idempotency fingerprint or the audit log
        self.write(ctx, "operator.add", &(&name, role), |db, a| {
            a.require(Action::ManageOperators)?;
            let op = db.insert_operator(a.stamp.at, &name, role, hash.map(|h| (None, h)))?;
            owners_have_pins(db)?;
            db.audit(&a.stamp, AuditEntity::Operator, &op.id, AuditAction::Create, None, Some(&json(&op)))?;
            Ok(op)
        })
    }

    pub fn operators(&self) -> Result<Vec<Operator>, Error> {
        self.read(|db| db.operators())
    }

    /// Renames an operator; the audit log keeps naming the same person.
    pub fn rename_operator(&mut self, ctx: &Ctx, name: &str, new_name: &str) -> Result<Operator, Error> {
        let new_name = validate::text(FieldKey::Operator, new_name, 40, true)?;
        self.write(ctx, "operator.rename", &(name, &new_name), |db, a| {
            a.require(Action::ManageOperators)?;
            let before = operator_named(db, name)?;
            db.rename_operator(&a.stamp, &before.id, &new_name)?;
            let after = db.operator_by_id(&before.id)?.ok_or_else(|| not_found(name))?;
            db.audit(&a.stamp, AuditEntity::Operator, &before.id, AuditAction::Update, Some(&json(&before)), Some(&json(&after)))?;
            Ok(after)
        })
    }

    /// Sets or (with `None`) clears an operator's PIN. The PIN is never logged or audited:
    /// the log says only that it was set or cleared.
    pub fn set_operator_pin(&mut self, ctx: &Ctx, name: &str, pin: Option<&str>) -> Result<Operator, Error> {
        let hash = match pin.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(hash_pin(checked_pin(p)?)?),
            None => None,
        };
        let set = hash.is_some();
        self.write(ctx, "operator.pin", &(name, set), |db, a| {
            let op = operator_named(db, name)?;
            // everyone may change their own PIN; someone else's is the owner's
            if op.id != a.operator.id {
                a.require(Action::ManageOperators)?;
            }
            db.set_operator_pin(&a.stamp, &op.id, hash.as_deref())?;
            owners_have_pins(db)?;
            let after = db.operator_by_id(&op.id)?.ok_or_else(|| not_found(name))?;
            db.audit(
                &a.stamp,
                AuditEntity::Operator,
                &op.id,
                AuditAction::Update,
                Some(&serde_json::json!({ "has_pin": op.has_pin })),
                Some(&serde_json::json!({ "has_pin": set })),
            )?;
            Ok(after)
        })
    }

    /// Deactivates (`active` false) or reactivates an operator. Never deleted: the log names
    /// them. The shop keeps at least one active owner.
    pub fn set_operator_active(&mut self, ctx: &Ctx, name: &str, active: bool) -> Result<Operator, Error> {
        self.write(ctx, "operator.active", &(name, active), |db, a| {
            a.require(Action::ManageOperators)?;
            let op = operator_named(db, name)?;
            if op.active == active {
                return Ok(op);
            }
            if !active && op.role == Role::Owner && db.active_owners()? <= 1 {
                return Err(Error::at(Problem::LastOwner, Field::new(FieldKey::Operator)));
            }
            db.set_operator_active(&a.stamp, &op.id, active)?;
            owners_have_pins(db)?;
            let after = db.operator_by_id(&op.id)?.ok_or_else(|| not_found(name))?;
            let action = if active { AuditAction::Reactivate } else { AuditAction::Deactivate };
            db.audit(&a.stamp, AuditEntity::Operator, &op.id, action, Some(&json(&op)), Some(&json(&after)))?;
            Ok(after)
        })
    }
}

/// With more than one active operator, every active owner has a PIN: otherwise anyone at the
/// counter could sign in or approve as that owner.
fn owners_have_pins(db: &Db) -> Result<(), Error> {
    let ops = db.operators()?;
    let active: Vec<&Operator> = ops.iter().filter(|o| o.active).collect();
    if active.len() > 1 {
        if let Some(o) = active.iter().find(|o| o.role == Role::Owner && !o.has_pin) {
            return Err(Error::at(Problem::OwnerNeedsPin { owner: o.name.clone() }, Field::new(FieldKey::Pin)));
        }
    }
    Ok(())
}

/// After a write: when an owner's PIN allowed what the operator could not do alone, one more
/// entry on the operator says what it allowed and for which command (every entry of the write
/// already names the approver).
pub(crate) fn record_approval(db: &Db, a: &Actor, command: &str) -> Result<(), Error> {
    let approved = a.approved.lock().unwrap_or_else(|p| p.into_inner()).clone();
    if approved.is_empty() {
        return Ok(());
    }
    let actions: Vec<&str> = approved.iter().map(|x| x.as_str()).collect();
    db.audit(
        &a.stamp,
        AuditEntity::Operator,
        &a.operator.id,
        AuditAction::Approve,
        None,
        Some(&serde_json::json!({ "approved": actions, "command": command })),
    )
}
