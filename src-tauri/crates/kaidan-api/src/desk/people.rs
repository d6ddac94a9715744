//! Who is at the window: sign-in, locking, an owner's approval on the spot, and the owner's
//! care of the operators from Settings.

use std::time::{Duration, Instant};

use kaidan_core::model::{HasCosts, Operator};
use kaidan_core::{Action, Error, Problem, Role};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Desk;
use crate::{Approval, IpcError, Shop};

/// How long an owner's PIN given for the next action waits for it.
const APPROVAL_WAITS: Duration = Duration::from_secs(120);

/// One operator as the sign-in screen shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OperatorButton {
    pub name: String,
    pub role: Role,
    pub has_pin: bool,
}

/// The operator signed in at this window, and what their role may do (the window shows only
/// those buttons; the shop checks again on every action).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SignedIn {
    pub name: String,
    pub role: Role,
    pub may: Vec<Action>,
}

/// Who is at the counter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AtCounter {
    /// The window asks who is there before anything: the shop has more than one active
    /// operator, or its owner set a PIN.
    pub sign_in_required: bool,
    pub signed_in: Option<SignedIn>,
    /// The active operators, owners first.
    pub operators: Vec<OperatorButton>,
    /// Minutes without a key or a click before the window locks (0: never).
    pub idle_lock_minutes: u32,
}

fn signed_in(name: &str, role: Role) -> SignedIn {
    SignedIn { name: name.to_string(), role, may: Action::ALL.into_iter().filter(|a| role.may(*a)).collect() }
}

/// Whether the window must ask who is there.
fn required(ops: &[Operator]) -> bool {
    let active: Vec<&Operator> = ops.iter().filter(|o| o.active).collect();
    active.len() > 1 || active.iter().any(|o| o.has_pin)
}

impl Desk {
    fn counter_of(&self, shop: &Shop) -> Result<AtCounter, Error> {
        if !shop.is_initialized()? {
            return Ok(AtCounter { sign_in_required: false, signed_in: None, operators: Vec::new(), idle_lock_minutes: 0 });
        }
        let ops = shop.operators()?;
        let mut operators: Vec<OperatorButton> =
            ops.iter().filter(|o| o.active).map(|o| OperatorButton { name: o.name.clone(), role: o.role, has_pin: o.has_pin }).collect();
        operators.sort_by_key(|o| o.role != Role::Owner);
        let session = self.session.lock().unwrap_or_else(|p| p.into_inner()).clone();
        // a session of an operator since deactivated or renamed is over
        let session = session.and_then(|s| ops.iter().find(|o| o.id == s.operator_id() && o.active).map(|o| signed_in(&o.name, o.role)));
        Ok(AtCounter {
            sign_in_required: required(&ops),
            signed_in: session,
            operators,
            idle_lock_minutes: shop.settings()?.idle_lock_minutes,
        })
    }

    /// Who is at the counter now.
    pub fn at_counter(&self) -> Result<AtCounter, IpcError> {
        self.read(|shop| self.counter_of(shop))
    }

    /// Signs an operator in with their PIN (a wrong one counts towards the lock).
    pub fn sign_in(&self, name: &str, pin: Option<&str>) -> Result<AtCounter, IpcError> {
        let lang = self.lang();
        let ctx = self.ctx(None);
        self.with_shop(|shop| {
            let session = shop.sign_in(&ctx, name, pin)?;
            *self.session.lock().unwrap_or_else(|p| p.into_inner()) = Some(session);
            self.counter_of(shop)
        })
        .map_err(|e| IpcError::from_error(&e, lang))
    }

    /// Locks the window: nobody is signed in until someone signs in again (what was typed
    /// stays in the window).
    pub fn sign_out(&self) -> Result<AtCounter, IpcError> {
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *self.approval.lock().unwrap_or_else(|p| p.into_inner()) = None;
        self.at_counter()
    }

    /// An owner, beside the operator, approves `action` — the one the shop just refused — for
    /// the next write, with their PIN (checked when that write runs, within two minutes).
    pub fn approve_next(&self, owner: &str, pin: &str, action: Action) {
        *self.approval.lock().unwrap_or_else(|p| p.into_inner()) =
            Some((Approval { owner: owner.to_string(), pin: pin.to_string(), action: Some(action) }, Instant::now()));
    }

    /// The approval waiting, if it has not gone stale: for the next write (`only` none), or
    /// only if it is for `only` (another stays waiting for its own action).
    pub(super) fn take_approval(&self, only: Option<Action>) -> Option<Approval> {
        let mut waiting = self.approval.lock().unwrap_or_else(|p| p.into_inner());
        if only.is_some() && waiting.as_ref().is_none_or(|(a, _)| a.action != only) {
            return None;
        }
        waiting.take().filter(|(_, at)| at.elapsed() <= APPROVAL_WAITS).map(|(a, _)| a)
    }

    /// Refuses a write while the window must ask who is there and nobody is signed in.
    pub(super) fn signed_in_if_asked(&self, shop: &Shop) -> Result<(), Error> {
        if self.session.lock().unwrap_or_else(|p| p.into_inner()).is_some() || !shop.is_initialized()? {
            return Ok(());
        }
        if required(&shop.operators()?) {
            return Err(Error::new(Problem::SignInNeeded));
        }
        Ok(())
    }

    /// Whether the person at this window may see costs: the one signed in, by their role;
    /// with nobody signed in, only in a shop that does not ask who is there (its one owner).
    fn sees_costs(&self, shop: &Shop) -> Result<bool, Error> {
        if let Some(s) = self.session.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            return Ok(s.role.may(Action::SeeCosts));
        }
        Ok(!shop.is_initialized()? || !required(&shop.operators()?))
    }

    /// A read whose answer has costs in it, as the person at this window may see it.
    pub fn read_seen<T: HasCosts>(&self, f: impl FnOnce(&Shop) -> Result<T, Error>) -> Result<T, IpcError> {
        self.read(|shop| Ok(f(shop)?.seen(self.sees_costs(shop)?)))
    }

    /// A write whose answer has costs in it, as the person at this window may see it.
    pub fn write_seen<T: HasCosts>(
        &self,
        request_id: Option<String>,
        f: impl FnOnce(&mut Shop, &crate::Ctx) -> Result<T, Error>,
    ) -> Result<T, IpcError> {
        self.write(request_id, |shop, ctx| {
            let v = f(shop, ctx)?;
            Ok(v.seen(self.sees_costs(shop)?))
        })
    }

    /// A report: every report carries gross profit and margins, which are the owner's
    /// ([`Action::SeeCosts`]). A clerk signed in is refused (`needs_owner`), or shown it with the
    /// owner's PIN given on the spot for it.
    pub fn report<T>(&self, f: impl FnOnce(&Shop) -> Result<T, Error>) -> Result<T, IpcError> {
        let lang = self.lang();
        let session = self.session.lock().unwrap_or_else(|p| p.into_inner()).clone();
        // a locked window shows no figures either
        if session.is_none() {
            self.with_shop(|shop| self.signed_in_if_asked(shop)).map_err(|e| IpcError::from_error(&e, lang))?;
        }
        if session.as_ref().is_some_and(|s| !s.role.may(Action::SeeCosts)) {
            let approval = self.take_approval(Some(Action::SeeCosts));
            if approval.is_none() {
                return Err(IpcError::from_error(&Error::new(Problem::NotAllowed { action: Action::SeeCosts }), lang));
            }
            let ctx = crate::Ctx { approval, ..self.ctx(None) };
            self.with_shop(|shop| shop.authorize(&ctx, Action::SeeCosts)).map_err(|e| IpcError::from_error(&e, lang))?;
        }
        self.read(f)
    }

    /// 今日日志: what was done on `day` (this computer's day), by whom; the owner's, as a report.
    pub fn day_log(&self, day: &str, who: Option<&str>) -> Result<kaidan_core::report::DayLog, IpcError> {
        let lang = self.lang();
        self.report(|shop| {
            let day = kaidan_core::validate::date(kaidan_core::Field::new(kaidan_core::FieldKey::Date), day)?;
            shop.day_log(day, crate::local_offset_on(day), who, lang)
        })
    }

    /// Every operator, deactivated ones too (Settings lists them).
    pub fn operators(&self) -> Result<Vec<Operator>, IpcError> {
        self.read(|shop| shop.operators())
    }

    pub fn add_operator(&self, name: &str, role: Role, pin: Option<&str>, request_id: Option<String>) -> Result<Operator, IpcError> {
        self.write(request_id, |shop, ctx| shop.add_operator(ctx, name, role, pin))
    }

    pub fn rename_operator(&self, name: &str, new_name: &str, request_id: Option<String>) -> Result<Operator, IpcError> {
        self.write(request_id, |shop, ctx| shop.rename_operator(ctx, name, new_name))
    }

    pub fn set_operator_pin(&self, name: &str, pin: Option<&str>, request_id: Option<String>) -> Result<Operator, IpcError> {
        self.write(request_id, |shop, ctx| shop.set_operator_pin(ctx, name, pin))
    }

    pub fn set_operator_active(&self, name: &str, active: bool, request_id: Option<String>) -> Result<Operator, IpcError> {
        self.write(request_id, |shop, ctx| shop.set_operator_active(ctx, name, active))
    }
}
