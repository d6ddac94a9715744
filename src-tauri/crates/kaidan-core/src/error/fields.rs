//! What an error points at: the thing looked up ([`Entity`]) and the input field and row
//! ([`Field`]). Their words are in the catalogue ([`crate::text::problems`]).

use serde::Serialize;

/// Things a user looks up by a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Product,
    Customer,
    Order,
    Delivery,
    Operator,
    Location,
    OrderLine,
    Invoice,
    InvoiceLine,
    Payment,
    Return,
}

/// The input fields errors can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKey {
    Sku,
    Barcode,
    Name,
    Spec,
    Unit,
    Price,
    Cost,
    TaxRate,
    ReorderPoint,
    Customer,
    ContactPerson,
    Phone,
    Address,
    Region,
    Email,
    CreditLimit,
    PaymentTerms,
    Notes,
    Line,
    Qty,
    UnitPrice,
    Discount,
    Channel,
    OrderDate,
    DeliverBy,
    Reason,
    Operator,
    Pin,
    Role,
    Setting,
    RequestId,
    Status,
    Limit,
    Cursor,
    Counted,
    Amount,
    Method,
    Invoice,
    Payment,
    Reference,
    Order,
    Date,
    From,
    To,
    Settlement,
    Printer,
    Copies,
    Period,
    By,
    Compare,
    Rank,
    Days,
    /// The paper a report prints on.
    Paper,
}

impl FieldKey {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sku => "sku",
            Self::Barcode => "barcode",
            Self::Name => "name",
            Self::Spec => "spec",
            Self::Unit => "unit",
            Self::Price => "price",
            Self::Cost => "cost",
            Self::TaxRate => "tax_rate",
            Self::ReorderPoint => "reorder_point",
            Self::Customer => "customer",
            Self::ContactPerson => "contact_person",
            Self::Phone => "phone",
            Self::Address => "address",
            Self::Region => "region",
            Self::Email => "email",
            Self::CreditLimit => "credit_limit",
            Self::PaymentTerms => "payment_terms_days",
            Self::Notes => "notes",
            Self::Line => "line",
            Self::Qty => "qty",
            Self::UnitPrice => "unit_price",
            Self::Discount => "discount",
            Self::Channel => "channel",
            Self::OrderDate => "order_date",
            Self::DeliverBy => "deliver_by",
            Self::Reason => "reason",
            Self::Operator => "operator",
            Self::Pin => "pin",
            Self::Role => "role",
            Self::Setting => "setting",
            Self::RequestId => "request_id",
            Self::Status => "status",
            Self::Limit => "limit",
            Self::Cursor => "cursor",
            Self::Counted => "counted",
            Self::Amount => "amount",
            Self::Method => "method",
            Self::Invoice => "invoice",
            Self::Payment => "payment",
            Self::Reference => "reference",
            Self::Order => "order",
            Self::Date => "date",
            Self::From => "from",
            Self::To => "to",
            Self::Settlement => "settlement",
            Self::Printer => "printer",
            Self::Copies => "copies",
            Self::Period => "period",
            Self::By => "by",
            Self::Compare => "compare",
            Self::Rank => "rank",
            Self::Days => "days",
            Self::Paper => "paper",
        }
    }
}

/// A field, and the 1-based row of a list it sits in (an order line, a stocktake row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Field {
    pub key: FieldKey,
    pub row: Option<u32>,
}

impl Field {
    pub fn new(key: FieldKey) -> Self {
        Self { key, row: None }
    }
    pub fn row(key: FieldKey, row: usize) -> Self {
        Self { key, row: Some(row as u32) }
    }
    /// Machine form for JSON: `qty`, `lines[2].qty`.
    pub fn path(&self) -> String {
        match self.row {
            Some(r) => format!("lines[{r}].{}", self.key.as_str()),
            None => self.key.as_str().to_string(),
        }
    }
}
