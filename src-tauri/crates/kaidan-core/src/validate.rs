//! Checks on single input values, shared by every use case so that the same mistake gets the
//! same message everywhere.

use chrono::NaiveDate;

use crate::error::{Error, Field, FieldKey, Problem};
use crate::fixed::{Money, Qty, Rate, Sign, UnitPrice};

/// How long texts may be, in characters. The forms, the API, the import and the import's dry
/// run all check against these, so that what a check lets through the write takes. Sized for
/// what real catalogues and exports hold: English product titles and Taobao titles (up to 60
/// characters there, far longer in invoice exports), addresses with city and country joined,
/// a platform's whole buyer message in the notes.
pub mod limits {
    pub const SKU: u32 = 40;
    pub const BARCODE: u32 = 40;
    pub const PRODUCT_NAME: u32 = 255;
    pub const CUSTOMER_NAME: u32 = 255;
    pub const SPEC: u32 = 500;
    pub const UNIT: u32 = 10;
    pub const ADDRESS: u32 = 500;
    pub const PHONE: u32 = 30;
    pub const EMAIL: u32 = 254;
    pub const CONTACT: u32 = 40;
    pub const REGION: u32 = 40;
    pub const NOTES: u32 = 2000;
}

/// A phone field as typed: one number, or several separated by commas, semicolons or 、; a
/// space stays inside a number (138 0000 0001).
pub fn phone_parts(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', '，', '、', ';', '；', '\n']).map(str::trim).filter(|p| !p.is_empty())
}

/// Trims and checks a text field. Control characters (other than none) are refused so that
/// names print and export cleanly; markup is kept as typed: showing it as text is the UI's job.
pub fn text(key: FieldKey, value: &str, max_chars: u32, required: bool) -> Result<String, Error> {
    let t = value.trim();
    if required && t.is_empty() {
        return Err(Error::at(Problem::Required, Field::new(key)));
    }
    if t.chars().count() > max_chars as usize {
        return Err(Error::at(Problem::TooLong { max: max_chars }, Field::new(key)));
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Error::at(
            Problem::BadChoice { text: t.escape_debug().to_string(), allowed: vec!["printable text".into()] },
            Field::new(key),
        ));
    }
    Ok(t.to_string())
}

/// An optional text field: empty becomes `None`.
pub fn opt_text(key: FieldKey, value: Option<&str>, max_chars: u32) -> Result<Option<String>, Error> {
    match value {
        None => Ok(None),
        Some(v) => text(key, v, max_chars, false).map(|t| if t.is_empty() { None } else { Some(t) }),
    }
}

/// An e-mail address as people type it: trimmed, a full-width ＠ read as @; empty is `None`.
/// Only its shape is checked — one @, something before it, a domain with a dot after it, no
/// spaces — since a shop keeps what the customer gave and mails nothing itself (a full RFC 5322
/// parser would refuse nothing a shop types and accept nothing more usefully).
pub fn email(value: Option<&str>) -> Result<Option<String>, Error> {
    let Some(t) = opt_text(FieldKey::Email, value, limits::EMAIL)? else { return Ok(None) };
    let t = t.replace('＠', "@");
    let shaped = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.split('.').count() >= 2
                && domain.split('.').all(|label| !label.is_empty())
                && !t.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if shaped {
        Ok(Some(t))
    } else {
        Err(Error::at(Problem::BadEmail { text: t }, Field::new(FieldKey::Email)))
    }
}

pub fn qty(field: Field, value: &str, sign: Sign) -> Result<Qty, Error> {
    Qty::parse(value, sign).map_err(|i| Error::number(field, value, i))
}

pub fn money(field: Field, value: &str, sign: Sign) -> Result<Money, Error> {
    Money::parse(value, sign).map_err(|i| Error::number(field, value, i))
}

pub fn unit_price(field: Field, value: &str) -> Result<UnitPrice, Error> {
    UnitPrice::parse(value, Sign::NonNegative).map_err(|i| Error::number(field, value, i))
}

pub fn percent(field: Field, value: &str) -> Result<Rate, Error> {
    Rate::parse_percent(value).map_err(|i| Error::number(field, value, i))
}

/// A whole number of days (payment terms) between 0 and 3650.
pub fn days(field: Field, value: &str) -> Result<u32, Error> {
    let t = value.trim();
    // a whole number of days: −30 is "must not be negative", not "not a number"
    match t.parse::<i64>() {
        Ok(d) if d < 0 => Err(Error::number(field, value, crate::NumberIssue::Negative)),
        Ok(d) if d <= 3650 => Ok(d as u32),
        Ok(_) => Err(Error::number(field, value, crate::NumberIssue::TooLarge)),
        Err(_) if t.strip_prefix(['-', '−']).is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit() || c == '.')) => {
            Err(Error::number(field, value, crate::NumberIssue::Negative))
        }
        Err(_) => Err(Error::number(field, value, crate::NumberIssue::NotANumber)),
    }
}

#[cfg(test)]
mod days_tests {
    use super::*;
    use crate::{FieldKey, Lang, NumberIssue, Problem};

    #[test]
    fn payment_terms_say_what_is_wrong() {
        let f = Field::new(FieldKey::PaymentTerms);
        assert_eq!(days(f, " 30 ").unwrap(), 30);
        let issue = |v: &str| match days(f, v).unwrap_err().problem {
            Problem::BadNumber { issue, .. } => issue,
            p => panic!("{p:?}"),
        };
        assert_eq!(issue("-30"), NumberIssue::Negative);
        assert_eq!(issue("-1.5"), NumberIssue::Negative);
        assert_eq!(issue("abc"), NumberIssue::NotANumber);
        assert_eq!(issue("4000"), NumberIssue::TooLarge);
        assert!(days(f, "-30").unwrap_err().message(Lang::ZhCn).contains("不能为负"));
    }
}

/// `YYYY-MM-DD` (also `YYYY/M/D`).
pub fn date(field: Field, value: &str) -> Result<NaiveDate, Error> {
    let t = value.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .map_err(|_| Error::at(Problem::BadDate { text: t.to_string() }, field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shapes() {
        assert_eq!(email(Some("  wang@163.com ")).unwrap().as_deref(), Some("wang@163.com"));
        assert_eq!(email(Some("wang＠qq.com")).unwrap().as_deref(), Some("wang@qq.com"));
        assert_eq!(email(Some("a.b+shop@mail.example.cn")).unwrap().as_deref(), Some("a.b+shop@mail.example.cn"));
        assert_eq!(email(Some("  ")).unwrap(), None);
        assert_eq!(email(None).unwrap(), None);
        for bad in ["wang", "wang@", "@163.com", "wang@163", "wang@163..com", "wang@@163.com", "wang li@163.com", "wang@163.com."] {
            let e = email(Some(bad)).unwrap_err();
            assert_eq!(e.problem, Problem::BadEmail { text: bad.to_string() }, "{bad}");
            assert_eq!(e.field.as_ref().map(|f| f.path()), Some("email".into()), "{bad}");
        }
        assert_eq!(email(Some(&format!("{}@x.cn", "a".repeat(250)))).unwrap_err().problem, Problem::TooLong { max: limits::EMAIL });
    }

    #[test]
    fn text_rules() {
        assert_eq!(text(FieldKey::Name, "  王喆五金店 ", 10, true).unwrap(), "王喆五金店");
        assert_eq!(text(FieldKey::Name, "<img src=x onerror=alert(1)>", 80, true).unwrap(), "<img src=x onerror=alert(1)>");
        assert_eq!(text(FieldKey::Name, "   ", 10, true).unwrap_err().problem, Problem::Required);
        assert_eq!(text(FieldKey::Name, "一二三四五六", 5, true).unwrap_err().problem, Problem::TooLong { max: 5 });
        assert!(text(FieldKey::Name, "a\u{0}b", 5, true).is_err());
        assert_eq!(opt_text(FieldKey::Notes, Some(" "), 5).unwrap(), None);
    }

    #[test]
    fn dates_and_days() {
        let f = Field::new(FieldKey::DeliverBy);
        assert_eq!(date(f, "2026-3-5").unwrap().to_string(), "2026-03-05");
        assert_eq!(date(f, "2026/03/05").unwrap().to_string(), "2026-03-05");
        assert!(date(f, "2026-02-30").is_err());
        assert!(date(f, "tomorrow").is_err());
        assert_eq!(days(f, "30").unwrap(), 30);
        assert!(days(f, "-1").is_err());
        assert!(days(f, "99999").is_err());
    }
}

/// A value of a closed set as typed (its exact text, trimmed); empty is `None`; anything else is
/// refused naming every value allowed.
pub fn choice<T: crate::closed::Closed>(key: FieldKey, text: Option<&str>) -> Result<Option<T>, Error> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => T::from_stored(t).map(Some).ok_or_else(|| {
            Error::at(
                Problem::BadChoice { text: t.into(), allowed: T::all().iter().map(|v| v.as_str().to_string()).collect() },
                Field::new(key),
            )
        }),
    }
}
