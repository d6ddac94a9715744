//! The shop's settings: typed, with defaults, stored as key/value text by kaidan-store.

use serde::{Deserialize, Serialize};

use crate::document::{Margins, Paper};
use crate::fixed::{Money, Rate, Sign};
use crate::Problem;

/// What a check does when it fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// Refuse with an error.
    Block,
    /// Send the order to `pending_approval`; the owner decides.
    Approval,
    /// Let it pass.
    Allow,
}

impl Policy {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Block => "block",
            Self::Approval => "approval",
            Self::Allow => "allow",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "block" => Some(Self::Block),
            "approval" => Some(Self::Approval),
            "allow" => Some(Self::Allow),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Settings {
    /// Orders whose total is above this need the owner's approval. `None`: never.
    pub approval_threshold: Option<Money>,
    /// Over the customer's credit limit: block or approval (default approval).
    pub credit_policy: Policy,
    /// A line priced below the product's cost: block, approval (default) or allow.
    pub below_cost_policy: Policy,
    /// Allow available stock to go below zero (default off).
    pub allow_negative_stock: bool,
    /// Unit prices include tax (含税价, default on).
    pub prices_include_tax: bool,
    /// Tax rate for new products when none is given (percent).
    pub default_tax_rate: Rate,
    /// Folder for automatic backups; `None`: `backups` beside the database.
    pub backup_dir: Option<String>,
    /// How many daily, weekly and monthly automatic backups to keep.
    pub backup_keep: crate::retention::Retention,
    /// Default paper of invoices and credit notes (a4).
    pub paper_invoice: Paper,
    /// Default paper of delivery notes (a5).
    pub paper_delivery: Paper,
    /// Default paper of till receipts (80mm).
    pub paper_receipt: Paper,
    /// Delivery notes show prices and amounts unless the print says otherwise (default on).
    pub delivery_note_prices: bool,
    /// Page margins per paper (`margin_a4` = "12" or "10,8,10,8" in mm).
    pub margins: Vec<PaperMargins>,
}

/// The margins set for one paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PaperMargins {
    pub paper: Paper,
    pub margins: Margins,
}

impl Settings {
    pub fn margins_of(&self, paper: Paper) -> Margins {
        self.margins.iter().find(|m| m.paper == paper).map(|m| m.margins).unwrap_or_else(|| paper.default_margins())
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            approval_threshold: Some(Money::from_minor(500_000)),
            credit_policy: Policy::Approval,
            below_cost_policy: Policy::Approval,
            allow_negative_stock: false,
            prices_include_tax: true,
            default_tax_rate: Rate::ZERO,
            backup_dir: None,
            backup_keep: crate::retention::Retention::default(),
            paper_invoice: Paper::A4,
            paper_delivery: Paper::A5,
            paper_receipt: Paper::Roll80,
            delivery_note_prices: true,
            margins: Paper::ALL.iter().map(|&paper| PaperMargins { paper, margins: paper.default_margins() }).collect(),
        }
    }
}

/// Every settings key, in display order.
pub const SETTING_KEYS: [&str; 19] = [
    "approval_threshold",
    "credit_policy",
    "below_cost_policy",
    "allow_negative_stock",
    "prices_include_tax",
    "default_tax_rate",
    "backup_dir",
    "backup_keep_daily",
    "backup_keep_weekly",
    "backup_keep_monthly",
    "paper_invoice",
    "paper_delivery",
    "paper_receipt",
    "delivery_note_prices",
    "margin_a4",
    "margin_a5",
    "margin_80mm",
    "margin_58mm",
    "margin_241mm",
];

fn parse_count(v: &str) -> Option<u32> {
    v.trim().parse::<u32>().ok().filter(|n| *n <= 1000)
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "true" | "on" | "yes" | "1" => Some(true),
        "false" | "off" | "no" | "0" => Some(false),
        _ => None,
    }
}

impl Settings {
    /// Applies one stored or user-given `key = value`. Errors name the key.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), Problem> {
        let bad = || Problem::BadSetting { key: key.to_string(), value: value.to_string() };
        match key {
            "approval_threshold" => {
                let v = value.trim();
                self.approval_threshold = if v.is_empty() || v == "none" || v == "off" {
                    None
                } else {
                    Some(Money::parse(v, Sign::NonNegative).map_err(|_| bad())?)
                };
            }
            "credit_policy" => self.credit_policy = Policy::parse(value).filter(|p| *p != Policy::Allow).ok_or_else(bad)?,
            "below_cost_policy" => self.below_cost_policy = Policy::parse(value).ok_or_else(bad)?,
            "allow_negative_stock" => self.allow_negative_stock = parse_bool(value).ok_or_else(bad)?,
            "prices_include_tax" => self.prices_include_tax = parse_bool(value).ok_or_else(bad)?,
            "default_tax_rate" => self.default_tax_rate = Rate::parse_percent(value).map_err(|_| bad())?,
            "backup_dir" => {
                let v = value.trim();
                self.backup_dir = if v.is_empty() || v == "default" { None } else { Some(v.to_string()) };
            }
            "backup_keep_daily" => self.backup_keep.daily = parse_count(value).ok_or_else(bad)?,
            "backup_keep_weekly" => self.backup_keep.weekly = parse_count(value).ok_or_else(bad)?,
            "backup_keep_monthly" => self.backup_keep.monthly = parse_count(value).ok_or_else(bad)?,
            "paper_invoice" => self.paper_invoice = Paper::parse(value).ok_or_else(bad)?,
            "paper_delivery" => self.paper_delivery = Paper::parse(value).ok_or_else(bad)?,
            "paper_receipt" => self.paper_receipt = Paper::parse(value).ok_or_else(bad)?,
            "delivery_note_prices" => self.delivery_note_prices = parse_bool(value).ok_or_else(bad)?,
            k if k.starts_with("margin_") => {
                let paper = Paper::parse(&k["margin_".len()..])
                    .filter(|p| k == format!("margin_{}", p.as_str()))
                    .ok_or_else(|| Problem::UnknownSetting { key: key.to_string() })?;
                let margins = Margins::parse(value).ok_or_else(bad)?;
                match self.margins.iter_mut().find(|m| m.paper == paper) {
                    Some(m) => m.margins = margins,
                    None => self.margins.push(PaperMargins { paper, margins }),
                }
            }
            _ => return Err(Problem::UnknownSetting { key: key.to_string() }),
        }
        Ok(())
    }

    /// The stored text of one key.
    pub fn get(&self, key: &str) -> Option<String> {
        Some(match key {
            "approval_threshold" => self.approval_threshold.map(|m| m.to_string()).unwrap_or_else(|| "none".into()),
            "credit_policy" => self.credit_policy.as_str().into(),
            "below_cost_policy" => self.below_cost_policy.as_str().into(),
            "allow_negative_stock" => self.allow_negative_stock.to_string(),
            "prices_include_tax" => self.prices_include_tax.to_string(),
            "default_tax_rate" => self.default_tax_rate.to_string(),
            "backup_dir" => self.backup_dir.clone().unwrap_or_else(|| "default".into()),
            "backup_keep_daily" => self.backup_keep.daily.to_string(),
            "backup_keep_weekly" => self.backup_keep.weekly.to_string(),
            "backup_keep_monthly" => self.backup_keep.monthly.to_string(),
            "paper_invoice" => self.paper_invoice.as_str().into(),
            "paper_delivery" => self.paper_delivery.as_str().into(),
            "paper_receipt" => self.paper_receipt.as_str().into(),
            "delivery_note_prices" => self.delivery_note_prices.to_string(),
            k if k.starts_with("margin_") => {
                let paper = Paper::parse(&k["margin_".len()..]).filter(|p| k == format!("margin_{}", p.as_str()))?;
                self.margins_of(paper).to_string()
            }
            _ => return None,
        })
    }

    /// Builds settings from stored pairs over the defaults; unknown keys are ignored
    /// (a newer version may have written them).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, Problem> {
        let mut s = Self::default();
        for (k, v) in pairs {
            if SETTING_KEYS.contains(&k) {
                s.set(k, v)?;
            }
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_roundtrips() {
        let mut s = Settings::default();
        for (k, v) in [
            ("approval_threshold", "12000.50"),
            ("credit_policy", "block"),
            ("below_cost_policy", "allow"),
            ("allow_negative_stock", "true"),
            ("prices_include_tax", "false"),
            ("default_tax_rate", "13"),
            ("backup_dir", "/media/USB 盘/备份"),
            ("backup_keep_daily", "10"),
            ("backup_keep_weekly", "5"),
            ("backup_keep_monthly", "24"),
            ("paper_invoice", "241mm"),
            ("paper_delivery", "a4"),
            ("paper_receipt", "58mm"),
            ("delivery_note_prices", "false"),
            ("margin_a4", "15"),
            ("margin_a5", "8,10,8,10"),
            ("margin_80mm", "2.5"),
            ("margin_58mm", "2"),
            ("margin_241mm", "10,20,10,20"),
        ] {
            s.set(k, v).unwrap();
            assert_eq!(s.get(k).unwrap(), v);
        }
        let again = Settings::from_pairs(SETTING_KEYS.iter().map(|k| (*k, Box::leak(s.get(k).unwrap().into_boxed_str()) as &str))).unwrap();
        assert_eq!(again, s);
        assert!(s.set("credit_policy", "allow").is_err(), "credit can't be waved through silently");
        assert!(s.set("approval_threshold", "abc").is_err());
        assert!(s.set("nope", "1").is_err());
        assert!(matches!(s.set("margin_a3", "10"), Err(Problem::UnknownSetting { .. })));
        assert!(matches!(s.set("margin_a4", "60"), Err(Problem::BadSetting { .. })), "a 60 mm margin leaves no page");
        assert!(s.set("paper_invoice", "a3").is_err());
        s.set("approval_threshold", "none").unwrap();
        assert_eq!(s.approval_threshold, None);
    }
}
