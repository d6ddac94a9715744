//! 今日日志 (the owner's day, by person): every action of a day — orders, deliveries, money in
//! and out, approvals, corrections — with who did it, and a line for each person.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::LogEntry;
use crate::{AuditAction as A, AuditEntity as E, Money, MoveReason};

/// What one person did in a day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PersonDay {
    pub operator: String,
    /// Orders they took (made: typed, imported ones not).
    pub orders: u32,
    pub deliveries: u32,
    /// Goods taken back.
    pub returns: u32,
    /// Money received (the receipts they recorded), and paid back (their refunds, as a positive
    /// amount). A reversal is a correction: it is counted there, and shown in the entries.
    pub money_in: Money,
    pub money_out: Money,
    /// Orders they approved, and actions of others they approved on the spot with their PIN.
    pub approvals: u32,
    /// Cancellations, credit notes, payment reversals, stock adjustments and counts, imports
    /// undone.
    pub corrections: u32,
    /// Every entry of theirs.
    pub entries: u32,
}

/// A day's log: a line for each person who did anything (most entries first), and every entry,
/// oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DayLog {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub people: Vec<PersonDay>,
    pub entries: Vec<LogEntry>,
}

impl DayLog {
    pub fn new(date: NaiveDate, entries: Vec<LogEntry>) -> Self {
        let mut people: Vec<PersonDay> = Vec::new();
        fn person<'a>(people: &'a mut Vec<PersonDay>, name: &str) -> &'a mut PersonDay {
            match people.iter().position(|p| p.operator == name) {
                Some(i) => &mut people[i],
                None => {
                    people.push(PersonDay { operator: name.to_string(), ..Default::default() });
                    people.last_mut().expect("just pushed")
                }
            }
        }
        for e in &entries {
            let p = person(&mut people, &e.operator);
            p.entries += 1;
            let amount = e.amount.unwrap_or(Money::ZERO);
            match (e.entity, e.action, e.moved) {
                (E::Order, Some(A::Create), _) => p.orders += 1,
                (E::Order, Some(A::Deliver), _) => p.deliveries += 1,
                (E::Order, Some(A::Return), _) => p.returns += 1,
                (E::Payment, Some(A::Receive), _) => p.money_in += amount,
                (E::Payment, Some(A::Refund), _) => p.money_out += -amount,
                // approved by the owner on the spot: counted as the owner's approval (below)
                (E::Order, Some(A::Approve), _) if e.approved_by.is_none() => p.approvals += 1,
                (E::Order, Some(A::Cancel | A::CancelRemainder), _)
                | (E::Invoice, Some(A::Credit), _)
                | (E::Payment, Some(A::Reverse), _)
                | (E::ImportBatch, Some(A::Undo), _)
                | (_, None, Some(MoveReason::Adjustment | MoveReason::Stocktake)) => p.corrections += 1,
                _ => {}
            }
            // one entry stands for each approval given on the spot
            if let (E::Operator, Some(A::Approve), Some(owner)) = (e.entity, e.action, &e.approved_by) {
                person(&mut people, owner).approvals += 1;
            }
        }
        people.sort_by(|a, b| b.entries.cmp(&a.entries).then_with(|| a.operator.cmp(&b.operator)));
        Self { date, people, entries }
    }

    /// One person's day: their line, their entries and those they approved on the spot.
    pub fn of(mut self, operator: &str) -> Self {
        self.people.retain(|p| p.operator == operator);
        self.entries.retain(|e| e.operator == operator || e.approved_by.as_deref() == Some(operator));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Action, Qty};

    fn entry(who: &str, entity: E, action: Option<A>, amount: Option<&str>, approved_by: Option<&str>) -> LogEntry {
        LogEntry {
            at: "2026-12-07T02:00:00.000Z".into(),
            operator: who.into(),
            approved_by: approved_by.map(Into::into),
            entity,
            action,
            moved: None,
            record: None,
            amount: amount.map(|a| a.parse().unwrap()),
            qty: None,
            approved: Vec::new(),
            what: String::new(),
        }
    }

    #[test]
    fn each_person_gets_their_orders_money_approvals_and_corrections() {
        let mut spot = entry("小李", E::Operator, Some(A::Approve), None, Some("王老板"));
        spot.approved = vec![Action::ApproveOrders];
        let mut count = entry("王老板", E::Product, None, None, None);
        count.moved = Some(MoveReason::Stocktake);
        count.qty = Some(Qty::from_minor(-2000));
        let entries = vec![
            entry("小李", E::Order, Some(A::Create), None, None),
            entry("小李", E::Order, Some(A::Create), None, None),
            entry("小李", E::Order, Some(A::Approve), None, Some("王老板")),
            spot,
            entry("小李", E::Order, Some(A::Deliver), None, None),
            entry("小李", E::Payment, Some(A::Receive), Some("120.50"), None),
            entry("王老板", E::Payment, Some(A::Refund), Some("-20.00"), None),
            // a receipt reversed: the reversing entry's money (the store shows that one)
            entry("王老板", E::Payment, Some(A::Reverse), Some("-5.00"), None),
            entry("王老板", E::Order, Some(A::Approve), None, None),
            count,
        ];
        let log = DayLog::new(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(), entries);
        let [li, wang] = [&log.people[0], &log.people[1]];
        assert_eq!(
            (li.operator.as_str(), li.orders, li.deliveries, li.money_in.to_string(), li.approvals, li.entries),
            ("小李", 2, 1, "120.50".into(), 0, 6)
        );
        assert_eq!(
            (wang.operator.as_str(), wang.money_out.to_string(), wang.approvals, wang.corrections, wang.entries),
            ("王老板", "20.00".into(), 2, 2, 4)
        );
        assert_eq!(log.entries.len(), 10);
    }
}
