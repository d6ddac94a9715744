//! The records a shop keeps, as the store reads them and the API hands them out.
//! JSON keys here are part of the CLI contract (docs/CLI.md): add freely, rename nothing.

use serde::{Deserialize, Serialize};

use crate::fixed::{Money, Qty, Rate, UnitPrice};
use crate::kinds::{AuditAction, AuditEntity, StatementEntry};
use crate::order::{ApprovalReason, Channel, OrderAction, OrderStatus};
use crate::{MoveReason, Role};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Company {
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub tax_id: Option<String>,
    pub bank_account: Option<String>,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Operator {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub has_pin: bool,
    /// False once deactivated: they neither sign in nor act, and the log still names them.
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Product {
    pub id: String,
    pub sku: String,
    pub barcode: Option<String>,
    pub name: String,
    pub spec: Option<String>,
    pub unit: String,
    pub price: UnitPrice,
    /// The product's cost; `None` for a reader who may not see costs ([`HasCosts`]). The
    /// store always reads it.
    pub cost: Option<UnitPrice>,
    pub tax_rate: Rate,
    pub reorder_point: Qty,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub contact_person: Option<String>,
    pub phones: Vec<String>,
    pub address: Option<String>,
    pub region: Option<String>,
    /// The customer's e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// `None`: no limit.
    pub credit_limit: Option<Money>,
    pub payment_terms_days: u32,
    pub notes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What a customer owes now (invoices less payments; below zero: credit in the customer's
/// favour), for the customers list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CustomerBalance {
    pub customer_id: String,
    pub balance: Money,
}

/// A customer's credit position: what the credit checks at confirmation and at delivery look at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CreditPosition {
    pub credit_limit: Option<Money>,
    /// Orders not yet delivered (pending approval, confirmed, partly delivered), at their totals.
    pub open_orders: Money,
    /// Delivered orders less what came back (returns) and less every payment received
    /// (deposits on open orders included, refunds taken off); negative when the customer has
    /// paid ahead.
    pub unpaid: Money,
    /// `open_orders + unpaid`.
    pub exposure: Money,
    /// `credit_limit − exposure`, `None` without a limit.
    pub credit_left: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct OrderLine {
    pub id: String,
    pub line_no: u32,
    pub sku: String,
    pub name: String,
    pub spec: Option<String>,
    pub unit: String,
    pub qty: Qty,
    pub delivered_qty: Qty,
    pub remaining_qty: Qty,
    /// Delivered and brought back (returns).
    pub returned_qty: Qty,
    /// Of what remains, what waits for stock (not reserved: the shelf was short).
    pub backordered_qty: Qty,
    pub unit_price: UnitPrice,
    pub discount: Rate,
    pub tax_rate: Rate,
    pub amount: Money,
    pub tax: Money,
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DeliveryLine {
    pub sku: String,
    pub name: String,
    pub qty: Qty,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Delivery {
    pub id: String,
    pub number: String,
    pub order: String,
    pub created_at: String,
    /// The day it was delivered in the shop (YYYY-MM-DD): the day its sales count on.
    pub date: String,
    pub lines: Vec<DeliveryLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Order {
    pub id: String,
    pub number: String,
    pub status: OrderStatus,
    pub customer: String,
    pub customer_id: String,
    pub channel: Channel,
    pub order_date: String,
    pub deliver_by: Option<String>,
    pub notes: Option<String>,
    pub prices_include_tax: bool,
    pub subtotal: Money,
    pub tax: Money,
    pub total: Money,
    pub lines: Vec<OrderLine>,
    pub deliveries: Vec<Delivery>,
    pub approval_reasons: Vec<ApprovalReason>,
    pub cancel_reason: Option<String>,
    pub created_by: String,
    /// The salesperson (业务员): who took the order, unless the owner changed it.
    pub salesperson: String,
    pub created_at: String,
    pub updated_at: String,
    /// Billed by its invoices, net of credit notes.
    pub invoiced: Money,
    /// The value of goods returned.
    pub returned: Money,
    /// Money received for it: deposits and cash on delivery, and payments matched to its invoices.
    pub received: Money,
    pub payment_status: PaymentStatus,
    /// The order's number in the sheet it was imported from (历史单号), if any.
    pub external_number: Option<String>,
    /// What can be done with it now (the window offers exactly these).
    pub allowed_actions: Vec<OrderAction>,
    /// What is still to be paid on it: its total less returns less what was received, never
    /// below zero; nothing for a cancelled order or history imported from an old sheet.
    pub due: Money,
}

/// One row of an order list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct OrderSummary {
    pub id: String,
    pub number: String,
    pub status: OrderStatus,
    pub customer: String,
    pub channel: Channel,
    pub order_date: String,
    pub deliver_by: Option<String>,
    pub total: Money,
    pub created_at: String,
    pub payment_status: PaymentStatus,
    pub received: Money,
    /// Some of it waits for stock (a backorder).
    pub backordered: bool,
}

/// A page of a list and the cursor of the next page (`None` on the last page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page of a list asked for `limit` at a time: a full page names its last item (`key`)
    /// as the cursor of the next one; a shorter page is the last.
    pub fn of(items: Vec<T>, limit: u32, key: impl Fn(&T) -> String) -> Self {
        let next_cursor = if !items.is_empty() && items.len() >= limit as usize { items.last().map(key) } else { None };
        Self { items, next_cursor }
    }
}

/// How many of each of the home screen's lists there are in all (the lists show the first few).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct HomeCounts {
    pub pending_approval: u32,
    /// Open orders promised for a later day or for no day.
    pub to_deliver: u32,
    pub due_today: u32,
    pub late: u32,
    /// Open orders with lines waiting for stock.
    pub backordered: u32,
    pub low_stock: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct StockLevel {
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub on_hand: Qty,
    pub reserved: Qty,
    pub available: Qty,
    pub reorder_point: Qty,
    /// available ≤ reorder point (and a reorder point is set).
    pub low: bool,
    /// For low rows: enough to bring available up to twice the reorder point.
    pub suggested_reorder: Qty,
    /// The product's cost, and on hand at that cost (the stock's value); `None` for a reader
    /// who may not see costs ([`HasCosts`]).
    pub cost: Option<UnitPrice>,
    pub value: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct StockMove {
    pub id: String,
    pub sku: String,
    pub qty: Qty,
    pub reason: MoveReason,
    pub unit_cost: Option<UnitPrice>,
    pub doc_type: Option<String>,
    pub doc_number: Option<String>,
    pub note: Option<String>,
    pub operator: String,
    pub created_at: String,
}

/// One entry of a log the owner reads (a day's, a customer's): who did what, when, to which
/// record, with the owner who approved it on the spot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct LogEntry {
    pub at: String,
    pub operator: String,
    pub approved_by: Option<String>,
    pub entity: AuditEntity,
    /// What the audit log says was done; none for a stock movement (`moved`).
    pub action: Option<AuditAction>,
    /// A receipt, adjustment or stocktake: the stock movement's reason.
    pub moved: Option<MoveReason>,
    /// The record as the shop names it: an order's, invoice's or payment's number, a
    /// customer's or operator's name, a product's SKU, a setting's key.
    pub record: Option<String>,
    /// The money of a payment (a refund's negative; a reversal's, the reversing entry's: the
    /// opposite of what it reverses) or of an invoice (a credit note's negative).
    pub amount: Option<Money>,
    /// A stock movement's quantity (taken out: negative).
    pub qty: Option<Qty>,
    /// An approval given on the spot: the actions it allowed.
    pub approved: Vec<crate::Action>,
    /// What was done, in the reader's language ([`LogEntry::describe`]; kaidan-api fills it).
    pub what: String,
}

impl LogEntry {
    /// What was done, in words: "订单 发货" · "Order delivered", "调整 -2"; a payment's or an
    /// invoice's action names it alone ("收款", "credit note issued"); an approval on the spot
    /// lists what it allowed.
    pub fn describe(&self, lang: crate::Lang) -> String {
        use crate::text::{capitalized, Word};
        let mut what = match (self.action, self.moved) {
            (Some(a), _) if matches!(self.entity, AuditEntity::Payment | AuditEntity::Invoice) || !self.approved.is_empty() => {
                capitalized(a.word(lang))
            }
            (Some(a), _) => format!("{} {}", capitalized(self.entity.word(lang)), a.word(lang)),
            (None, Some(m)) => format!("{} {}", capitalized(m.word(lang)), self.qty.map(|q| q.to_string()).unwrap_or_default()),
            (None, None) => capitalized(self.entity.word(lang)),
        };
        if !self.approved.is_empty() {
            let sep = if lang == crate::Lang::ZhCn { "、" } else { ", " };
            let colon = if lang == crate::Lang::ZhCn { "：" } else { ": " };
            what.push_str(colon);
            what.push_str(&self.approved.iter().map(|a| a.word(lang)).collect::<Vec<_>>().join(sep));
        }
        what
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct AuditEntry {
    pub at: String,
    pub operator: String,
    pub entity: AuditEntity,
    pub entity_id: String,
    pub action: AuditAction,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// The owner who approved this on the spot with their PIN, when a clerk did it.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
}

crate::closed_enum! {
    /// An invoice or a credit note.
    pub enum InvoiceKind in "invoice.kind" {
        Invoice = "invoice",
        CreditNote = "credit_note",
    }
}

impl InvoiceKind {
    pub fn parse(s: &str) -> Option<Self> {
        <Self as crate::closed::Closed>::from_stored(s)
    }
}

/// One line of an invoice or credit note. Amounts of a credit note are negative; `qty` is
/// always positive (how much was invoiced or credited).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct InvoiceLine {
    pub line_no: u32,
    pub sku: String,
    pub name: String,
    pub spec: Option<String>,
    pub unit: String,
    pub qty: Qty,
    pub unit_price: UnitPrice,
    pub discount: Rate,
    pub tax_rate: Rate,
    pub amount: Money,
    pub tax: Money,
    pub total: Money,
}

/// An issued invoice or credit note: never changed after it is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Invoice {
    pub id: String,
    pub number: String,
    pub kind: InvoiceKind,
    /// The order's number.
    pub order: String,
    pub customer: String,
    pub customer_id: String,
    /// A credit note: the number of the invoice it credits.
    pub credits: Option<String>,
    /// YYYY-MM-DD.
    pub issue_date: String,
    /// Issue date + the customer's payment terms (invoices only).
    pub due_date: Option<String>,
    pub prices_include_tax: bool,
    pub subtotal: Money,
    pub tax: Money,
    pub total: Money,
    pub reason: Option<String>,
    pub lines: Vec<InvoiceLine>,
    /// Invoices: the numbers of the credit notes written against it.
    pub credit_notes: Vec<String>,
    pub created_by: String,
    pub created_at: String,
    /// Invoices: settled by payments (net).
    pub paid: Money,
    /// Invoices: total less credit notes less payments.
    pub open: Money,
    /// Invoices only.
    pub payment_status: Option<PaymentStatus>,
}

/// A line in a list of invoices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct InvoiceSummary {
    pub number: String,
    pub kind: InvoiceKind,
    pub order: String,
    pub customer: String,
    pub issue_date: String,
    pub due_date: Option<String>,
    pub total: Money,
    pub credits: Option<String>,
    /// Invoices: what is still to be paid (credit notes: zero).
    pub open: Money,
    /// Invoices only.
    pub payment_status: Option<PaymentStatus>,
}

crate::closed_enum! {
    /// Where an order or an invoice stands with its money.
    pub enum PaymentStatus in "sales_order.payment_status (computed)" {
        /// Nothing received.
        Unpaid = "unpaid",
        /// An order without an invoice yet, with money paid ahead (not all of it).
        Deposit = "deposit",
        PartiallyPaid = "partially_paid",
        /// Received exactly what is due (nothing due and nothing received counts as paid).
        Paid = "paid",
        /// Received more than is due (a refund or a credit is owed).
        Overpaid = "overpaid",
    }
}

impl PaymentStatus {
    /// A payment status as typed (a list filter).
    pub fn parse(s: &str) -> Option<Self> {
        <Self as crate::closed::Closed>::from_stored(s.trim())
    }

    /// An order: `due` is its total less returns (nothing for a cancelled order), `received`
    /// the money received for it, `invoiced` what its invoices billed (net). The store's SQL
    /// (`kaidan_store::PAYMENT_STATUS_SQL`) says the same and a test holds them together.
    pub fn of_order(due: Money, received: Money, invoiced: Money) -> Self {
        if received > due {
            Self::Overpaid
        } else if received == due {
            Self::Paid
        } else if !received.is_positive() {
            Self::Unpaid
        } else if invoiced.is_zero() {
            Self::Deposit
        } else {
            Self::PartiallyPaid
        }
    }

    /// An invoice: `net` is its total less credit notes, `paid` what payments settled on it.
    pub fn of_invoice(net: Money, paid: Money) -> Self {
        if paid > net {
            Self::Overpaid
        } else if paid == net {
            Self::Paid
        } else if !paid.is_positive() {
            Self::Unpaid
        } else {
            Self::PartiallyPaid
        }
    }
}

crate::closed_enum! {
    /// How money came in (or went back).
    pub enum PayMethod in "payment.method" {
        Cash = "cash",
        Bank = "bank",
        Wechat = "wechat",
        Alipay = "alipay",
        Card = "card",
        Other = "other",
    }
}

impl PayMethod {
    /// The word a shop uses ([`crate::text::vocab`]).
    pub fn label(self, lang: crate::Lang) -> &'static str {
        crate::text::vocab::Word::word(self, lang)
    }

    /// The English key, or the words a shop uses (现金, 转账, 微信, 支付宝, 刷卡, 其他).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_lowercase().as_str() {
            "cash" | "现金" => Some(Self::Cash),
            "bank" | "transfer" | "bank_transfer" | "转账" | "银行转账" | "银行" => Some(Self::Bank),
            "wechat" | "wechat_pay" | "微信" | "微信支付" => Some(Self::Wechat),
            "alipay" | "支付宝" => Some(Self::Alipay),
            "card" | "刷卡" | "银行卡" => Some(Self::Card),
            "other" | "其他" => Some(Self::Other),
            _ => None,
        }
    }
}

crate::closed_enum! {
    /// A receipt (positive), a refund (negative) or the reversal of a mistaken receipt.
    pub enum PaymentKind in "payment.kind" {
        Receipt = "receipt",
        Refund = "refund",
        Reversal = "reversal",
    }
}

/// A part of a payment settled against an invoice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct AllocationLine {
    pub invoice: String,
    pub amount: Money,
}

/// A recorded payment with what of it is allocated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Payment {
    pub id: String,
    pub number: String,
    pub kind: PaymentKind,
    pub customer: String,
    pub customer_id: String,
    pub method: PayMethod,
    /// YYYY-MM-DD.
    pub date: String,
    pub amount: Money,
    pub reference: Option<String>,
    /// A deposit: the order it was paid on.
    pub order: Option<String>,
    /// A reversal: the payment it reverses.
    pub reverses: Option<String>,
    pub note: Option<String>,
    /// Receipts: matched to invoices (net).
    pub allocated: Money,
    /// Receipts: paid back to the customer through refunds.
    pub refunded: Money,
    /// Receipts: neither matched nor paid back — the customer's credit.
    pub unallocated: Money,
    pub allocations: Vec<AllocationLine>,
    /// A refund made for this return.
    pub return_number: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

/// One invoice on a customer's account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct AccountInvoice {
    pub number: String,
    pub order: String,
    pub issue_date: String,
    pub due_date: String,
    pub total: Money,
    /// Taken back by credit notes.
    pub credited: Money,
    /// Settled by payments.
    pub paid: Money,
    pub open: Money,
    /// Days past the due date (0 when not yet due).
    pub days_overdue: u32,
}

/// Who owes what: the customer's account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Account {
    pub customer: String,
    pub customer_id: String,
    /// Σ invoices − Σ credit notes − Σ payments (refunds count negative). Negative: the shop
    /// owes the customer (credit on account).
    pub balance: Money,
    pub credit_limit: Option<Money>,
    /// Balance plus confirmed orders not yet invoiced.
    pub credit_used: Money,
    pub credit_left: Option<Money>,
    /// Payments not yet allocated to an invoice (deposits included).
    pub unallocated: Money,
    pub overdue: Money,
    /// Invoices with something open, oldest due first.
    pub invoices: Vec<AccountInvoice>,
}

/// One customer's open amounts by age (days past due).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct AgingRow {
    pub customer: String,
    pub customer_id: String,
    /// Not yet due, plus unallocated credit (negative).
    pub current: Money,
    pub d1_30: Money,
    pub d31_60: Money,
    pub d61_90: Money,
    pub d90_plus: Money,
    pub total: Money,
}

impl AgingRow {
    /// A customer's row with nothing owed yet (the totals row: no customer).
    pub fn zero(customer_id: String, customer: String) -> Self {
        Self {
            customer,
            customer_id,
            current: Money::ZERO,
            d1_30: Money::ZERO,
            d31_60: Money::ZERO,
            d61_90: Money::ZERO,
            d90_plus: Money::ZERO,
            total: Money::ZERO,
        }
    }

    /// Another row's amounts added to this one's (a totals row).
    pub fn add(&mut self, o: &AgingRow) {
        self.current += o.current;
        self.d1_30 += o.d1_30;
        self.d31_60 += o.d31_60;
        self.d61_90 += o.d61_90;
        self.d90_plus += o.d90_plus;
        self.total += o.total;
    }
}

/// AR aging for every customer with a balance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Aging {
    pub as_of: String,
    pub rows: Vec<AgingRow>,
    pub totals: AgingRow,
}

/// An open invoice past its due date, for the home screen's overdue list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct OverdueInvoice {
    pub customer: String,
    pub customer_id: String,
    pub number: String,
    pub order: String,
    pub due_date: String,
    pub open: Money,
    pub days_overdue: u32,
}

crate::closed_enum! {
    /// How a return is settled with the customer.
    pub enum Settlement in "sales_return.settlement" {
        /// The value stays on the customer's account (it pays open invoices first).
        Credit = "credit",
        /// What the customer had paid for the goods is paid back (a refund).
        Refund = "refund",
    }
}

impl Settlement {
    /// A settlement as typed.
    pub fn parse(s: &str) -> Option<Self> {
        <Self as crate::closed::Closed>::from_stored(s.trim())
    }
}

/// One line of a return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ReturnLine {
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub qty: Qty,
    /// Back on the shelf (`false`: written off as damaged).
    pub restock: bool,
    /// The value taken off the order.
    pub total: Money,
}

/// A return (退货) of delivered goods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SalesReturn {
    pub id: String,
    pub number: String,
    pub order: String,
    pub customer: String,
    pub date: String,
    pub lines: Vec<ReturnLine>,
    pub total: Money,
    pub settlement: Settlement,
    pub reason: Option<String>,
    /// The credit notes that took back what had been invoiced.
    pub credit_notes: Vec<String>,
    /// The refund payment, when money was paid back.
    pub refund: Option<String>,
    pub refunded: Money,
    /// An exchange: the new order for the replacement goods.
    pub exchange_order: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

/// One entry of a statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct StatementRow {
    /// YYYY-MM-DD.
    pub date: String,
    pub kind: StatementEntry,
    pub number: String,
    /// The order (invoices, deposits), the invoice credited, the payment reversed, the return
    /// refunded, or the payment's own reference.
    pub reference: Option<String>,
    /// Payments: how the money moved.
    pub method: Option<PayMethod>,
    /// What the customer owes more (invoices, refunds, reversed receipts).
    pub debit: Money,
    /// What the customer owes less (credit notes, receipts).
    pub credit: Money,
    /// The balance after this entry.
    pub balance: Money,
}

/// A customer's statement (对账单) for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Statement {
    pub customer: String,
    pub customer_id: String,
    pub from: String,
    pub to: String,
    /// The balance at the start of `from`.
    pub opening: Money,
    pub rows: Vec<StatementRow>,
    pub debits: Money,
    pub credits: Money,
    /// The balance at the end of `to`: opening + debits − credits.
    pub closing: Money,
}

/// A record with costs in it: a product's cost, stock at cost, a movement's unit cost. Costs,
/// like gross profit and margins, are the owner's ([`crate::Action::SeeCosts`]); a reader who
/// may not see them gets the same record with them taken out, and every screen, list and file
/// shows "—" where they were. kaidan-api decides who reads; this says what a cost is.
pub trait HasCosts {
    fn hide_costs(&mut self);

    /// The record as `reader_sees_costs` may see it.
    fn seen(mut self, reader_sees_costs: bool) -> Self
    where
        Self: Sized,
    {
        if !reader_sees_costs {
            self.hide_costs();
        }
        self
    }
}

impl HasCosts for Product {
    fn hide_costs(&mut self) {
        self.cost = None;
    }
}

impl HasCosts for StockLevel {
    fn hide_costs(&mut self) {
        self.cost = None;
        self.value = None;
    }
}

impl HasCosts for StockMove {
    fn hide_costs(&mut self) {
        self.unit_cost = None;
    }
}

impl<T: HasCosts> HasCosts for Vec<T> {
    fn hide_costs(&mut self) {
        self.iter_mut().for_each(HasCosts::hide_costs);
    }
}

impl<T: HasCosts> HasCosts for Page<T> {
    fn hide_costs(&mut self) {
        self.items.hide_costs();
    }
}

impl<T: HasCosts> HasCosts for Option<T> {
    fn hide_costs(&mut self) {
        if let Some(v) = self {
            v.hide_costs();
        }
    }
}
