//! Fixed-point amounts. Every number that means money or a quantity is an integer count of a
//! minor unit, never a float. The scales are part of the storage format (see
//! docs/ARCHITECTURE.md, "Numbers"):
//!
//! | type        | unit stored          | decimals | example          |
//! |-------------|----------------------|----------|------------------|
//! | [`Money`]   | fen (0.01 yuan)      | 2        | `12.50` → 1250   |
//! | [`UnitPrice`]| 0.0001 yuan         | 4        | `0.0325` → 325   |
//! | [`Qty`]     | thousandths of a unit| 3        | `1.5` kg → 1500  |
//! | [`Rate`]    | hundredths of a percent | 2 (of %) | `13%` → 1300 |
//!
//! Parsing is strict: plain decimal notation only (no exponent, no thousands separators, no
//! currency signs — the import crate normalises those before it gets here), no more decimals
//! than the scale, and a magnitude bound so that any product of a quantity and a price still
//! fits in an `i64` of fen.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a piece of text is not an acceptable number. Turned into a localized message by
/// [`crate::Problem::BadNumber`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberIssue {
    /// Not a plain decimal number at all (`abc`, `1e309`, `1,5`).
    NotANumber,
    /// More decimal places than the field keeps.
    TooManyDecimals { max: u32 },
    /// Beyond the largest value the field accepts.
    TooLarge,
    /// Negative where only zero or more makes sense.
    Negative,
    /// Zero or negative where only a positive value makes sense.
    NotPositive,
}

/// The sign rule a field applies while parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// `> 0` (quantities ordered, delivered, received).
    Positive,
    /// `>= 0` (prices, costs, credit limits).
    NonNegative,
    /// any sign (adjustments).
    Any,
}

fn parse_scaled(text: &str, scale: u32, max_abs: i64, sign: Sign) -> Result<i64, NumberIssue> {
    let t = text.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let digits = body.chars().filter(|c| c.is_ascii_digit()).count();
    let dots = body.chars().filter(|&c| c == '.').count();
    if digits == 0 || dots > 1 || digits + dots != body.chars().count() {
        return Err(NumberIssue::NotANumber);
    }
    let d = Decimal::from_str_exact(t).map_err(|_| NumberIssue::TooLarge)?;
    let d = d.normalize();
    if d.scale() > scale {
        return Err(NumberIssue::TooManyDecimals { max: scale });
    }
    let scaled = d.checked_mul(Decimal::from(10i64.pow(scale))).and_then(|v| v.to_i64()).ok_or(NumberIssue::TooLarge)?;
    if scaled.abs() > max_abs {
        return Err(NumberIssue::TooLarge);
    }
    match sign {
        Sign::Positive if scaled <= 0 => Err(NumberIssue::NotPositive),
        Sign::NonNegative if scaled < 0 => Err(NumberIssue::Negative),
        _ => Ok(scaled),
    }
}

/// Formats `v / 10^scale` with between `min_dp` and `scale` decimals.
fn format_scaled(v: i64, scale: u32, min_dp: u32) -> String {
    let unit = 10i64.pow(scale);
    let sign = if v < 0 { "-" } else { "" };
    let abs = v.unsigned_abs();
    let int = abs / unit as u64;
    let mut frac = format!("{:0width$}", abs % unit as u64, width = scale as usize);
    while frac.len() > min_dp as usize && frac.ends_with('0') {
        frac.pop();
    }
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

macro_rules! fixed_type {
    ($(#[$doc:meta])* $name:ident, scale = $scale:expr, min_dp = $min_dp:expr, max = $max:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
        #[ts(type = "string")]
        pub struct $name(i64);

        impl $name {
            /// Decimal places kept.
            pub const SCALE: u32 = $scale;
            /// Largest absolute value in minor units.
            pub const MAX_MINOR: i64 = $max;
            pub const ZERO: Self = Self(0);

            /// From a count of minor units, as stored in SQLite.
            pub const fn from_minor(v: i64) -> Self {
                Self(v)
            }
            /// The count of minor units, as stored in SQLite.
            pub const fn minor(self) -> i64 {
                self.0
            }
            pub fn to_decimal(self) -> Decimal {
                Decimal::new(self.0, Self::SCALE)
            }
            /// Parses user text with a sign rule (see [`Sign`]).
            pub fn parse(text: &str, sign: Sign) -> Result<Self, NumberIssue> {
                parse_scaled(text, Self::SCALE, Self::MAX_MINOR, sign).map(Self)
            }
            /// Rounds a decimal half away from zero ("half-up" in bookkeeping) to this scale.
            pub fn from_decimal_rounded(d: Decimal) -> Result<Self, NumberIssue> {
                let r = d.round_dp_with_strategy(Self::SCALE, RoundingStrategy::MidpointAwayFromZero);
                let v = r
                    .checked_mul(Decimal::from(10i64.pow(Self::SCALE)))
                    .and_then(|v| v.to_i64())
                    .ok_or(NumberIssue::TooLarge)?;
                if v.abs() > Self::MAX_MINOR {
                    return Err(NumberIssue::TooLarge);
                }
                Ok(Self(v))
            }
            pub fn checked_add(self, o: Self) -> Option<Self> {
                self.0.checked_add(o.0).filter(|v| v.abs() <= Self::MAX_MINOR).map(Self)
            }
            pub fn checked_sub(self, o: Self) -> Option<Self> {
                self.0.checked_sub(o.0).filter(|v| v.abs() <= Self::MAX_MINOR).map(Self)
            }
            pub fn is_zero(self) -> bool {
                self.0 == 0
            }
            pub fn is_negative(self) -> bool {
                self.0 < 0
            }
            pub fn is_positive(self) -> bool {
                self.0 > 0
            }
            pub fn abs(self) -> Self {
                Self(self.0.abs())
            }
            pub fn min(self, o: Self) -> Self {
                if self.0 <= o.0 { self } else { o }
            }
        }

        impl std::ops::Add for $name {
            type Output = Self;
            fn add(self, o: Self) -> Self {
                Self(self.0 + o.0)
            }
        }
        impl std::ops::Sub for $name {
            type Output = Self;
            fn sub(self, o: Self) -> Self {
                Self(self.0 - o.0)
            }
        }
        impl std::ops::Neg for $name {
            type Output = Self;
            fn neg(self) -> Self {
                Self(-self.0)
            }
        }
        impl std::ops::AddAssign for $name {
            fn add_assign(&mut self, o: Self) {
                self.0 += o.0;
            }
        }
        impl std::ops::SubAssign for $name {
            fn sub_assign(&mut self, o: Self) {
                self.0 -= o.0;
            }
        }
        impl std::iter::Sum for $name {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                Self(iter.map(|v| v.0).sum())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&format_scaled(self.0, Self::SCALE, $min_dp))
            }
        }

        /// Parses any sign; callers that need a sign rule use [`Self::parse`].
        impl FromStr for $name {
            type Err = NumberIssue;
            fn from_str(s: &str) -> Result<Self, NumberIssue> {
                Self::parse(s, Sign::Any)
            }
        }

        /// Decimals travel as strings (IPC, JSON): never as floats.
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.to_string())
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(|e| serde::de::Error::custom(format!("{s:?}: {e:?}")))
            }
        }
    };
}

fixed_type!(
    /// An amount of money in fen (the currency's minor unit). Always shown with 2 decimals.
    /// Bound: ±1,000,000,000,000.00.
    Money, scale = 2, min_dp = 2, max = 100_000_000_000_000
);
fixed_type!(
    /// A unit price with up to 4 decimals (prices like ¥0.0325 per screw are real).
    /// Bound: ±1,000,000,000.0000.
    UnitPrice, scale = 4, min_dp = 2, max = 10_000_000_000_000
);
fixed_type!(
    /// A quantity in thousandths of the product's unit (1.5 kg sells). Bound: ±1,000,000,000.
    Qty, scale = 3, min_dp = 0, max = 1_000_000_000_000
);
fixed_type!(
    /// A percentage with 2 decimals, stored in hundredths of a percent: 13% → 1300.
    /// Used for tax rates and line discounts. Shown as the percent number ("13", "6.5").
    Rate, scale = 2, min_dp = 0, max = 10_000
);

impl Rate {
    /// The rate as a fraction (13% → 0.13).
    pub fn fraction(self) -> Decimal {
        Decimal::new(self.0, 4)
    }
    /// Parses "13", "13%", "6.5 %": a percent between 0 and 100.
    pub fn parse_percent(text: &str) -> Result<Self, NumberIssue> {
        let t = text.trim();
        let t = t.strip_suffix('%').unwrap_or(t).trim_end();
        Self::parse(t, Sign::NonNegative)
    }
}

impl Money {
    /// Parses a money amount written by a person (2 decimals at most).
    pub fn parse_amount(text: &str, sign: Sign) -> Result<Self, NumberIssue> {
        Self::parse(text, sign)
    }
}

impl UnitPrice {
    /// A money amount as a unit price (exact: 2 decimals fit in 4).
    pub fn from_money(m: Money) -> Self {
        Self(m.minor() * 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats_table() {
        // (input, sign, expected minor or error)
        let qty_cases: &[(&str, Sign, Result<i64, NumberIssue>)] = &[
            ("1.5", Sign::Positive, Ok(1500)),
            (" 2 ", Sign::Positive, Ok(2000)),
            ("0.001", Sign::Positive, Ok(1)),
            ("0.0001", Sign::Positive, Err(NumberIssue::TooManyDecimals { max: 3 })),
            ("1.5000", Sign::Positive, Ok(1500)),
            ("-1", Sign::Positive, Err(NumberIssue::NotPositive)),
            ("0", Sign::Positive, Err(NumberIssue::NotPositive)),
            ("-1", Sign::Any, Ok(-1000)),
            ("abc", Sign::Positive, Err(NumberIssue::NotANumber)),
            ("1e309", Sign::Positive, Err(NumberIssue::NotANumber)),
            ("1,5", Sign::Positive, Err(NumberIssue::NotANumber)),
            ("", Sign::Positive, Err(NumberIssue::NotANumber)),
            (".", Sign::Positive, Err(NumberIssue::NotANumber)),
            ("1.2.3", Sign::Positive, Err(NumberIssue::NotANumber)),
            ("NaN", Sign::Positive, Err(NumberIssue::NotANumber)),
            ("inf", Sign::Positive, Err(NumberIssue::NotANumber)),
            ("１２", Sign::Positive, Err(NumberIssue::NotANumber)),
            ("99999999999999999999999999999999", Sign::Positive, Err(NumberIssue::TooLarge)),
            ("1000000001", Sign::Positive, Err(NumberIssue::TooLarge)),
            ("1000000000", Sign::Positive, Ok(1_000_000_000_000)),
        ];
        for (text, sign, want) in qty_cases {
            assert_eq!(Qty::parse(text, *sign).map(Qty::minor), *want, "qty {text:?}");
        }
        assert_eq!(Money::parse("12.5", Sign::NonNegative).unwrap().minor(), 1250);
        assert_eq!(Money::parse("12.505", Sign::NonNegative), Err(NumberIssue::TooManyDecimals { max: 2 }));
        assert_eq!(Money::parse("-0.01", Sign::NonNegative), Err(NumberIssue::Negative));
        assert_eq!(UnitPrice::parse("0.0325", Sign::NonNegative).unwrap().minor(), 325);
        assert_eq!(Rate::parse_percent("13%").unwrap().minor(), 1300);
        assert_eq!(Rate::parse_percent("6.5 %").unwrap().minor(), 650);
        assert_eq!(Rate::parse_percent("101"), Err(NumberIssue::TooLarge));

        assert_eq!(Money::from_minor(1250).to_string(), "12.50");
        assert_eq!(Money::from_minor(-5).to_string(), "-0.05");
        assert_eq!(Money::from_minor(0).to_string(), "0.00");
        assert_eq!(Qty::from_minor(1500).to_string(), "1.5");
        assert_eq!(Qty::from_minor(2000).to_string(), "2");
        assert_eq!(Qty::from_minor(-1).to_string(), "-0.001");
        assert_eq!(UnitPrice::from_minor(325).to_string(), "0.0325");
        assert_eq!(UnitPrice::from_minor(35_000).to_string(), "3.50");
        assert_eq!(Rate::from_minor(1300).to_string(), "13");
        assert_eq!(Rate::from_minor(650).to_string(), "6.5");
        assert_eq!(Rate::from_minor(1300).fraction().to_string(), "0.1300");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(Money::from_decimal_rounded(d("0.005")).unwrap().minor(), 1);
        assert_eq!(Money::from_decimal_rounded(d("0.0049")).unwrap().minor(), 0);
        assert_eq!(Money::from_decimal_rounded(d("-0.005")).unwrap().minor(), -1);
        assert_eq!(Money::from_decimal_rounded(d("2.675")).unwrap().minor(), 268);
    }

    proptest::proptest! {
        #[test]
        fn display_parse_roundtrip(v in -Qty::MAX_MINOR..=Qty::MAX_MINOR) {
            let q = Qty::from_minor(v);
            proptest::prop_assert_eq!(q.to_string().parse::<Qty>().unwrap(), q);
            let m = Money::from_minor(v);
            proptest::prop_assert_eq!(m.to_string().parse::<Money>().unwrap(), m);
            let p = UnitPrice::from_minor(v);
            proptest::prop_assert_eq!(p.to_string().parse::<UnitPrice>().unwrap(), p);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = Qty::parse(&s, Sign::Any);
            let _ = Money::parse(&s, Sign::Any);
            let _ = Rate::parse_percent(&s);
        }
    }
}
