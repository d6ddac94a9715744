//! Errors a user can meet: a closed [`ErrorCode`] to branch on, the [`Problem`] with the facts
//! a message needs, and the [`Field`] (and row) it is about. The messages themselves, in zh-CN
//! and English, are in the catalogue ([`crate::text::problems`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::fixed::NumberIssue;

mod fields;
mod problem;

pub use fields::{Entity, Field, FieldKey};
pub use problem::{Distrust, Problem, Shortage};

/// The user's language. zh-CN on a Chinese system, English otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
pub enum Lang {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[default]
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// From a locale name as the OS gives it: `zh_CN.UTF-8`, `zh-Hans-CN`, `zh-TW`, `en_US`, `C`.
    pub fn from_locale(locale: &str) -> Self {
        if locale.trim().to_lowercase().starts_with("zh") {
            Self::ZhCn
        } else {
            Self::En
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::En => "en",
        }
    }
}

/// The closed list of error codes that scripts and the UI may branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotInitialized,
    NotFound,
    Ambiguous,
    Invalid,
    Duplicate,
    InsufficientStock,
    CreditLimit,
    BelowCost,
    WrongState,
    OverDelivery,
    Forbidden,
    Conflict,
    Storage,
    Cancelled,
    BackupFailed,
    Damaged,
    PrintFailed,
    /// Looking for, downloading or installing a new version of Kaidan failed.
    UpdateFailed,
    /// Sending to or receiving from the shop's server failed (several counters).
    SyncFailed,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotInitialized => "not_initialized",
            Self::NotFound => "not_found",
            Self::Ambiguous => "ambiguous",
            Self::Invalid => "invalid",
            Self::Duplicate => "duplicate",
            Self::InsufficientStock => "insufficient_stock",
            Self::CreditLimit => "credit_limit",
            Self::BelowCost => "below_cost",
            Self::WrongState => "wrong_state",
            Self::OverDelivery => "over_delivery",
            Self::Forbidden => "forbidden",
            Self::Conflict => "conflict",
            Self::Storage => "storage",
            Self::Cancelled => "cancelled",
            Self::BackupFailed => "backup_failed",
            Self::Damaged => "damaged",
            Self::SyncFailed => "sync_failed",
            Self::PrintFailed => "print_failed",
            Self::UpdateFailed => "update_failed",
        }
    }
}

/// An error for the user: a problem and, where it has one, the field it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub problem: Problem,
    pub field: Option<Field>,
    /// The other problems found in the same input, when it was checked whole (a form: every
    /// field's problem at once, each shown beside its field). This error is the first.
    pub more: Vec<Error>,
}

impl Error {
    pub fn new(problem: Problem) -> Self {
        Self { problem, field: None, more: Vec::new() }
    }
    pub fn at(problem: Problem, field: Field) -> Self {
        Self { problem, field: Some(field), more: Vec::new() }
    }
    /// Every problem of an input checked whole, as one error (none: `Ok`).
    pub fn all(mut errors: Vec<Error>) -> Result<(), Error> {
        if errors.is_empty() {
            return Ok(());
        }
        let mut first = errors.remove(0);
        first.more.extend(errors);
        Err(first)
    }
    /// This error and the others found with it, in order, each on its own.
    pub fn into_each(mut self) -> Vec<Error> {
        let more = std::mem::take(&mut self.more);
        std::iter::once(self).chain(more).collect()
    }
    /// This error and the others found with it, in order.
    pub fn each(&self) -> impl Iterator<Item = &Error> {
        std::iter::once(self).chain(self.more.iter())
    }
    pub fn code(&self) -> ErrorCode {
        self.problem.code()
    }
    /// The whole message in one language, naming the field and row first.
    pub fn message(&self, lang: Lang) -> String {
        let text = self.problem.text(lang);
        match (&self.field, lang) {
            (Some(f), Lang::ZhCn) => format!("{}：{text}", f.describe(lang)),
            (Some(f), Lang::En) => {
                let d = f.describe(lang);
                let mut c = d.chars();
                let first = c.next().map(|ch| ch.to_uppercase().collect::<String>()).unwrap_or_default();
                format!("{first}{}: {text}", c.as_str())
            }
            (None, Lang::ZhCn) => text,
            (None, Lang::En) => {
                let mut c = text.chars();
                match c.next() {
                    Some(ch) => format!("{}{}", ch.to_uppercase(), c.as_str()),
                    None => text,
                }
            }
        }
    }
    /// A bad number in a field.
    pub fn number(field: Field, text: &str, issue: NumberIssue) -> Self {
        Self::at(Problem::BadNumber { text: text.to_string(), issue }, field)
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Self::new(p)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Qty;

    #[test]
    fn messages_name_field_and_row_in_both_languages() {
        let e = Error::number(Field::row(FieldKey::Qty, 2), "abc", NumberIssue::NotANumber);
        assert_eq!(e.message(Lang::ZhCn), "第 2 行「数量」：“abc”不是有效的数字");
        assert_eq!(e.message(Lang::En), "Line 2, quantity: \"abc\" is not a number");
        assert_eq!(e.field.unwrap().path(), "lines[2].qty");
        assert_eq!(e.code().as_str(), "invalid");
        let s = Error::new(Problem::InsufficientStock {
            sku: "A-1".into(),
            needed: Qty::from_minor(5000),
            available: Qty::from_minor(1500),
            also: vec![],
        });
        assert_eq!(s.message(Lang::En), "Not enough stock of A-1: 5 needed, 1.5 available");
        assert_eq!(s.message(Lang::ZhCn), "商品 A-1 库存不足：需要 5，可用 1.5");
    }

    #[test]
    fn locale_detection() {
        for (l, want) in
            [("zh_CN.UTF-8", Lang::ZhCn), ("zh-Hans-CN", Lang::ZhCn), ("en_US.UTF-8", Lang::En), ("C", Lang::En), ("", Lang::En)]
        {
            assert_eq!(Lang::from_locale(l), want, "{l}");
        }
    }
}
