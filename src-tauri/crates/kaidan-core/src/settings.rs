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
    /// At most this many minutes of work wait for the next verified automatic backup
    /// (default 60; 0: one a day only).
    pub backup_every_minutes: u32,
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
    /// The printer each paper goes to (`printer_a4` = the spooler's name for the A4 laser,
    /// `printer_80mm` = the receipt printer). None: the system's default printer.
    pub printers: Vec<PaperPrinter>,
    /// Print the delivery note on that printer as soon as a delivery is recorded.
    pub print_delivery_note_on_delivery: bool,
    /// Print the receipt (小票) on that printer as soon as a counter sale is made in the window.
    pub print_receipt_on_counter_sale: bool,
    /// Where "Save as PDF" writes (None: Documents/Kaidan).
    pub pdf_dir: Option<String>,
    /// The language of the shop's printed documents, whoever prints them and whatever
    /// language their window speaks (set at first run to the language chosen then).
    pub document_language: crate::DocLang,
    /// Minutes without a key or a click before the window locks (it keeps what was typed);
    /// 0: never. Only where the window asks who is at the counter.
    pub idle_lock_minutes: u32,
}

/// The printer chosen for one paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PaperPrinter {
    pub paper: Paper,
    pub printer: String,
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

    /// The paper a document is printed on unless the print asks for another.
    pub fn paper_for(&self, kind: crate::document::DocKind) -> Paper {
        use crate::document::DocKind;
        match kind {
            DocKind::Invoice | DocKind::CreditNote | DocKind::Statement => self.paper_invoice,
            DocKind::DeliveryNote => self.paper_delivery,
            DocKind::Receipt => self.paper_receipt,
            DocKind::PaymentReceipt => self.paper_receipt,
        }
    }

    /// The printer chosen for `paper`, if one is (else the system's default printer).
    pub fn printer_for(&self, paper: Paper) -> Option<&str> {
        self.printers.iter().find(|p| p.paper == paper).map(|p| p.printer.as_str())
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
            backup_every_minutes: 60,
            paper_invoice: Paper::A4,
            paper_delivery: Paper::A5,
            paper_receipt: Paper::Roll80,
            delivery_note_prices: true,
            margins: Paper::ALL.iter().map(|&paper| PaperMargins { paper, margins: paper.default_margins() }).collect(),
            printers: Vec::new(),
            print_delivery_note_on_delivery: false,
            print_receipt_on_counter_sale: false,
            pdf_dir: None,
            // a shop from before the setting: its documents are Chinese business papers
            document_language: crate::DocLang::ZhCn,
            idle_lock_minutes: 10,
        }
    }
}

crate::closed_enum! {
    /// Every settings key, in display order. A new key comes with a migration (a shop's file
    /// holding a key this build does not know is refused, never half-read).
    pub enum SettingKey in "setting.key" {
        ApprovalThreshold = "approval_threshold",
        CreditPolicy = "credit_policy",
        BelowCostPolicy = "below_cost_policy",
        AllowNegativeStock = "allow_negative_stock",
        PricesIncludeTax = "prices_include_tax",
        DefaultTaxRate = "default_tax_rate",
        BackupDir = "backup_dir",
        BackupKeepDaily = "backup_keep_daily",
        BackupKeepWeekly = "backup_keep_weekly",
        BackupKeepMonthly = "backup_keep_monthly",
        BackupEveryMinutes = "backup_every_minutes",
        PaperInvoice = "paper_invoice",
        PaperDelivery = "paper_delivery",
        PaperReceipt = "paper_receipt",
        DeliveryNotePrices = "delivery_note_prices",
        MarginA4 = "margin_a4",
        MarginA5 = "margin_a5",
        Margin80mm = "margin_80mm",
        Margin58mm = "margin_58mm",
        Margin241mm = "margin_241mm",
        PrinterA4 = "printer_a4",
        PrinterA5 = "printer_a5",
        Printer80mm = "printer_80mm",
        Printer58mm = "printer_58mm",
        Printer241mm = "printer_241mm",
        PrintDeliveryNoteOnDelivery = "print_delivery_note_on_delivery",
        PrintReceiptOnCounterSale = "print_receipt_on_counter_sale",
        PdfDir = "pdf_dir",
        DocumentLanguage = "document_language",
        IdleLockMinutes = "idle_lock_minutes",
    }
}

impl SettingKey {
    /// A key as typed.
    pub fn parse(key: &str) -> Option<Self> {
        <Self as crate::closed::Closed>::from_stored(key.trim())
    }

    /// The paper a `margin_…` key sets.
    fn margin_paper(self) -> Option<Paper> {
        Some(match self {
            Self::MarginA4 => Paper::A4,
            Self::MarginA5 => Paper::A5,
            Self::Margin80mm => Paper::Roll80,
            Self::Margin58mm => Paper::Roll58,
            Self::Margin241mm => Paper::Continuous241,
            _ => return None,
        })
    }

    fn printer_paper(self) -> Option<Paper> {
        Some(match self {
            Self::PrinterA4 => Paper::A4,
            Self::PrinterA5 => Paper::A5,
            Self::Printer80mm => Paper::Roll80,
            Self::Printer58mm => Paper::Roll58,
            Self::Printer241mm => Paper::Continuous241,
            _ => return None,
        })
    }
}

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
        let k = SettingKey::parse(key).ok_or_else(|| Problem::UnknownSetting { key: key.to_string() })?;
        self.set_key(k, value)
    }

    fn set_key(&mut self, key: SettingKey, value: &str) -> Result<(), Problem> {
        use SettingKey as K;
        let bad = || Problem::BadSetting { key: key.as_str().to_string(), value: value.to_string() };
        match key {
            K::ApprovalThreshold => {
                let v = value.trim();
                self.approval_threshold = if v.is_empty() || v == "none" || v == "off" {
                    None
                } else {
                    Some(Money::parse(v, Sign::NonNegative).map_err(|_| bad())?)
                };
            }
            K::CreditPolicy => self.credit_policy = Policy::parse(value).filter(|p| *p != Policy::Allow).ok_or_else(bad)?,
            K::BelowCostPolicy => self.below_cost_policy = Policy::parse(value).ok_or_else(bad)?,
            K::AllowNegativeStock => self.allow_negative_stock = parse_bool(value).ok_or_else(bad)?,
            K::PricesIncludeTax => self.prices_include_tax = parse_bool(value).ok_or_else(bad)?,
            K::DefaultTaxRate => self.default_tax_rate = Rate::parse_percent(value).map_err(|_| bad())?,
            K::BackupDir => {
                let v = value.trim();
                self.backup_dir = if v.is_empty() || v == "default" { None } else { Some(v.to_string()) };
            }
            K::BackupKeepDaily => self.backup_keep.daily = parse_count(value).ok_or_else(bad)?,
            K::BackupKeepWeekly => self.backup_keep.weekly = parse_count(value).ok_or_else(bad)?,
            K::BackupKeepMonthly => self.backup_keep.monthly = parse_count(value).ok_or_else(bad)?,
            K::BackupEveryMinutes => self.backup_every_minutes = parse_count(value).filter(|m| *m <= 24 * 60).ok_or_else(bad)?,
            K::PaperInvoice => self.paper_invoice = Paper::parse(value).ok_or_else(bad)?,
            K::PaperDelivery => self.paper_delivery = Paper::parse(value).ok_or_else(bad)?,
            K::PaperReceipt => self.paper_receipt = Paper::parse(value).ok_or_else(bad)?,
            K::DeliveryNotePrices => self.delivery_note_prices = parse_bool(value).ok_or_else(bad)?,
            K::MarginA4 | K::MarginA5 | K::Margin80mm | K::Margin58mm | K::Margin241mm => {
                let paper = key.margin_paper().expect("a margin key");
                let margins = Margins::parse(value).ok_or_else(bad)?;
                match self.margins.iter_mut().find(|m| m.paper == paper) {
                    Some(m) => m.margins = margins,
                    None => self.margins.push(PaperMargins { paper, margins }),
                }
            }
            K::PrinterA4 | K::PrinterA5 | K::Printer80mm | K::Printer58mm | K::Printer241mm => {
                let paper = key.printer_paper().expect("a printer key");
                let v = value.trim();
                // a spooler's name is one line of printable text
                if v.chars().any(char::is_control) || v.chars().count() > 200 {
                    return Err(bad());
                }
                self.printers.retain(|p| p.paper != paper);
                if !v.is_empty() && v != "default" {
                    self.printers.push(PaperPrinter { paper, printer: v.to_string() });
                }
            }
            K::PrintDeliveryNoteOnDelivery => self.print_delivery_note_on_delivery = parse_bool(value).ok_or_else(bad)?,
            K::PrintReceiptOnCounterSale => self.print_receipt_on_counter_sale = parse_bool(value).ok_or_else(bad)?,
            K::PdfDir => {
                let v = value.trim();
                self.pdf_dir = if v.is_empty() || v == "default" { None } else { Some(v.to_string()) };
            }
            K::IdleLockMinutes => self.idle_lock_minutes = parse_count(value).filter(|m| *m <= 24 * 60).ok_or_else(bad)?,
            K::DocumentLanguage => {
                self.document_language = crate::DocLang::parse(value).ok_or_else(bad)?;
            }
        }
        Ok(())
    }

    /// The stored text of one key.
    pub fn get(&self, key: &str) -> Option<String> {
        SettingKey::parse(key).map(|k| self.get_key(k))
    }

    pub fn get_key(&self, key: SettingKey) -> String {
        use SettingKey as K;
        match key {
            K::ApprovalThreshold => self.approval_threshold.map(|m| m.to_string()).unwrap_or_else(|| "none".into()),
            K::CreditPolicy => self.credit_policy.as_str().into(),
            K::BelowCostPolicy => self.below_cost_policy.as_str().into(),
            K::AllowNegativeStock => self.allow_negative_stock.to_string(),
            K::PricesIncludeTax => self.prices_include_tax.to_string(),
            K::DefaultTaxRate => self.default_tax_rate.to_string(),
            K::BackupDir => self.backup_dir.clone().unwrap_or_else(|| "default".into()),
            K::BackupKeepDaily => self.backup_keep.daily.to_string(),
            K::BackupKeepWeekly => self.backup_keep.weekly.to_string(),
            K::BackupKeepMonthly => self.backup_keep.monthly.to_string(),
            K::BackupEveryMinutes => self.backup_every_minutes.to_string(),
            K::PaperInvoice => self.paper_invoice.as_str().into(),
            K::PaperDelivery => self.paper_delivery.as_str().into(),
            K::PaperReceipt => self.paper_receipt.as_str().into(),
            K::DeliveryNotePrices => self.delivery_note_prices.to_string(),
            K::MarginA4 | K::MarginA5 | K::Margin80mm | K::Margin58mm | K::Margin241mm => {
                self.margins_of(key.margin_paper().expect("a margin key")).to_string()
            }
            K::PrinterA4 | K::PrinterA5 | K::Printer80mm | K::Printer58mm | K::Printer241mm => {
                self.printer_for(key.printer_paper().expect("a printer key")).unwrap_or("default").to_string()
            }
            K::PrintDeliveryNoteOnDelivery => self.print_delivery_note_on_delivery.to_string(),
            K::PrintReceiptOnCounterSale => self.print_receipt_on_counter_sale.to_string(),
            K::PdfDir => self.pdf_dir.clone().unwrap_or_else(|| "default".into()),
            K::DocumentLanguage => self.document_language.as_str().into(),
            K::IdleLockMinutes => self.idle_lock_minutes.to_string(),
        }
    }

    /// Builds settings from stored pairs over the defaults. A key this build does not know is
    /// refused ([`Problem::UnknownStored`]), never skipped.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, Problem> {
        let mut s = Self::default();
        for (k, v) in pairs {
            s.set_key(<SettingKey as crate::closed::Closed>::read_stored(k)?, v)?;
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
            ("backup_every_minutes", "30"),
            ("paper_invoice", "241mm"),
            ("paper_delivery", "a4"),
            ("paper_receipt", "58mm"),
            ("delivery_note_prices", "false"),
            ("margin_a4", "15"),
            ("margin_a5", "8,10,8,10"),
            ("margin_80mm", "2.5"),
            ("margin_58mm", "2"),
            ("margin_241mm", "10,20,10,20"),
            ("printer_a4", "HP LaserJet 办公室"),
            ("printer_a5", "default"),
            ("printer_80mm", "XP-80C"),
            ("printer_58mm", "default"),
            ("printer_241mm", "EPSON LQ-630K"),
            ("print_delivery_note_on_delivery", "true"),
            ("print_receipt_on_counter_sale", "true"),
            ("pdf_dir", "D:\\单据 PDF"),
        ] {
            s.set(k, v).unwrap();
            assert_eq!(s.get(k).unwrap(), v);
        }
        let stored: Vec<(&str, String)> = SettingKey::ALL.iter().map(|k| (k.as_str(), s.get_key(*k))).collect();
        let again = Settings::from_pairs(stored.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
        assert_eq!(again, s);
        assert!(s.set("credit_policy", "allow").is_err(), "credit can't be waved through silently");
        assert!(s.set("approval_threshold", "abc").is_err());
        assert!(s.set("nope", "1").is_err());
        assert!(matches!(s.set("margin_a3", "10"), Err(Problem::UnknownSetting { .. })));
        assert!(matches!(s.set("margin_a4", "60"), Err(Problem::BadSetting { .. })), "a 60 mm margin leaves no page");
        assert!(s.set("paper_invoice", "a3").is_err());
        assert!(s.set("printer_a4", "two\nlines").is_err(), "a printer's name is one line");
        s.set("printer_80mm", "XP-80C").unwrap();
        assert_eq!(s.printer_for(Paper::Roll80), Some("XP-80C"));
        s.set("printer_80mm", "").unwrap();
        assert_eq!(s.printer_for(Paper::Roll80), None, "blank: the system's default printer");
        s.set("approval_threshold", "none").unwrap();
        assert_eq!(s.approval_threshold, None);
    }
}
