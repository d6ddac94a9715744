// Generated from the Rust IPC types by src-tauri/crates/kaidan-api/tests/bindings.rs (ts-rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p kaidan-api --test bindings`.
/* eslint-disable */

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;

export type Money = string;

export type UnitPrice = string;

export type Qty = string;

export type Rate = string;

export type Lang = "zh-CN" | "en";

export type DocLang = "zh-CN" | "en" | "bilingual";

export type ErrorCode = "not_initialized" | "not_found" | "ambiguous" | "invalid" | "duplicate" | "insufficient_stock" | "credit_limit" | "below_cost" | "wrong_state" | "over_delivery" | "forbidden" | "conflict" | "storage" | "cancelled" | "backup_failed" | "damaged" | "print_failed" | "update_failed" | "sync_failed";

export type IpcError = { code: ErrorCode, 
/**
 * Every problem's message, one a line (a form checked whole may have several).
 */
message: string, field: string | null, 
/**
 * Each problem that names a field, for the form to show beside that field.
 */
fields: Array<FieldError>, 
/**
 * What the operator may not do alone: an owner's PIN given on the spot
 * (`approve_next`) and the same call again would do it.
 */
needs_owner?: Action, };

export type FieldError = { field: string, message: string, };

export type AppInfo = { 
/**
 * `false` on first run: the window asks for the shop's name and offers demo data.
 */
initialized: boolean, company: Company | null, 
/**
 * The language messages are in now.
 */
lang: Lang, 
/**
 * The language of the operating system (the default until the user picks one).
 */
system_lang: Lang, db_path: string, 
/**
 * Why the shop's database could not be opened (damaged, written by a newer Kaidan, no
 * access); the window then shows this instead of the shop.
 */
open_error: IpcError | null, version: string, 
/**
 * The shop's local date, `YYYY-MM-DD`.
 */
today: string, };

export type Company = { name: string, address: string | null, phone: string | null, tax_id: string | null, bank_account: string | null, currency: string, };

export type Operator = { id: string, name: string, role: Role, has_pin: boolean, 
/**
 * False once deactivated: they neither sign in nor act, and the log still names them.
 */
active: boolean, };

export type AtCounter = { 
/**
 * The window asks who is there before anything: the shop has more than one active
 * operator, or its owner set a PIN.
 */
sign_in_required: boolean, signed_in: SignedIn | null, 
/**
 * The active operators, owners first.
 */
operators: Array<OperatorButton>, 
/**
 * Minutes without a key or a click before the window locks (0: never).
 */
idle_lock_minutes: number, };

export type OperatorButton = { name: string, role: Role, has_pin: boolean, };

export type SignedIn = { name: string, role: Role, may: Array<Action>, };

export type Role = "owner" | "clerk";

export type Action = "orders.take" | "orders.deliver" | "payments.receive" | "documents.print" | "invoices.issue" | "returns.take" | "catalog.edit" | "stock.receive" | "imports.run" | "backups.make" | "orders.approve" | "orders.salesperson" | "invoices.credit" | "payments.refund" | "customers.credit" | "stock.adjust" | "costs.see" | "settings.change" | "backups.restore" | "imports.undo" | "operators.manage";

export type Settings = { 
/**
 * Orders whose total is above this need the owner's approval. `None`: never.
 */
approval_threshold: Money | null, 
/**
 * Over the customer's credit limit: block or approval (default approval).
 */
credit_policy: Policy, 
/**
 * A line priced below the product's cost: block, approval (default) or allow.
 */
below_cost_policy: Policy, 
/**
 * Allow available stock to go below zero (default off).
 */
allow_negative_stock: boolean, 
/**
 * Unit prices include tax (含税价, default on).
 */
prices_include_tax: boolean, 
/**
 * Tax rate for new products when none is given (percent).
 */
default_tax_rate: Rate, 
/**
 * Folder for automatic backups; `None`: `backups` beside the database.
 */
backup_dir: string | null, 
/**
 * How many daily, weekly and monthly automatic backups to keep.
 */
backup_keep: Retention, 
/**
 * At most this many minutes of work wait for the next verified automatic backup
 * (default 60; 0: one a day only).
 */
backup_every_minutes: number, 
/**
 * Default paper of invoices and credit notes (a4).
 */
paper_invoice: Paper, 
/**
 * Default paper of delivery notes (a5).
 */
paper_delivery: Paper, 
/**
 * Default paper of till receipts (80mm).
 */
paper_receipt: Paper, 
/**
 * Delivery notes show prices and amounts unless the print says otherwise (default on).
 */
delivery_note_prices: boolean, 
/**
 * Page margins per paper (`margin_a4` = "12" or "10,8,10,8" in mm).
 */
margins: Array<PaperMargins>, 
/**
 * The printer each paper goes to (`printer_a4` = the spooler's name for the A4 laser,
 * `printer_80mm` = the receipt printer). None: the system's default printer.
 */
printers: Array<PaperPrinter>, 
/**
 * Print the delivery note on that printer as soon as a delivery is recorded.
 */
print_delivery_note_on_delivery: boolean, 
/**
 * Print the receipt (小票) on that printer as soon as a counter sale is made in the window.
 */
print_receipt_on_counter_sale: boolean, 
/**
 * Where "Save as PDF" writes (None: Documents/Kaidan).
 */
pdf_dir: string | null, 
/**
 * The language of the shop's printed documents, whoever prints them and whatever
 * language their window speaks (set at first run to the language chosen then).
 */
document_language: DocLang, 
/**
 * Minutes without a key or a click before the window locks (it keeps what was typed);
 * 0: never. Only where the window asks who is at the counter.
 */
idle_lock_minutes: number, };

export type SettingKey = "approval_threshold" | "credit_policy" | "below_cost_policy" | "allow_negative_stock" | "prices_include_tax" | "default_tax_rate" | "backup_dir" | "backup_keep_daily" | "backup_keep_weekly" | "backup_keep_monthly" | "backup_every_minutes" | "paper_invoice" | "paper_delivery" | "paper_receipt" | "delivery_note_prices" | "margin_a4" | "margin_a5" | "margin_80mm" | "margin_58mm" | "margin_241mm" | "printer_a4" | "printer_a5" | "printer_80mm" | "printer_58mm" | "printer_241mm" | "print_delivery_note_on_delivery" | "print_receipt_on_counter_sale" | "pdf_dir" | "document_language" | "idle_lock_minutes";

export type Policy = "block" | "approval" | "allow";

export type Retention = { daily: number, weekly: number, monthly: number, };

export type Product = { id: string, sku: string, barcode: string | null, name: string, spec: string | null, unit: string, price: UnitPrice, 
/**
 * The product's cost; `None` for a reader who may not see costs ([`HasCosts`]). The
 * store always reads it.
 */
cost: UnitPrice | null, tax_rate: Rate, reorder_point: Qty, active: boolean, created_at: string, updated_at: string, };

export type ProductInput = { sku?: string, barcode?: string, name?: string, spec?: string, unit?: string, price?: string, cost?: string, 
/**
 * Percent, e.g. "13".
 */
tax_rate?: string, reorder_point?: string, active?: boolean, };

export type Customer = { id: string, name: string, contact_person: string | null, phones: Array<string>, address: string | null, region: string | null, 
/**
 * The customer's e-mail address.
 */
email: string | null, 
/**
 * `None`: no limit.
 */
credit_limit: Money | null, payment_terms_days: number, notes: string | null, created_at: string, updated_at: string, };

export type CustomerInput = { name?: string, contact_person?: string, phones?: Array<string>, address?: string, region?: string, email?: string, credit_limit?: string, payment_terms_days?: string, notes?: string, };

export type CustomerBalance = { customer_id: string, balance: Money, };

export type CreditPosition = { credit_limit: Money | null, 
/**
 * Orders not yet delivered (pending approval, confirmed, partly delivered), at their totals.
 */
open_orders: Money, 
/**
 * Delivered orders less what came back (returns) and less every payment received
 * (deposits on open orders included, refunds taken off); negative when the customer has
 * paid ahead.
 */
unpaid: Money, 
/**
 * `open_orders + unpaid`.
 */
exposure: Money, 
/**
 * `credit_limit − exposure`, `None` without a limit.
 */
credit_left: Money | null, };

export type CustomerCredit = { customer: Customer, credit: CreditPosition, };

export type OrderStatus = "draft" | "pending_approval" | "confirmed" | "partially_delivered" | "delivered" | "cancelled";

export type OrderAction = "confirm" | "approve" | "change" | "deliver" | "cancel" | "invoice" | "return" | "pay";

export type Channel = "phone" | "wechat" | "counter" | "email" | "web" | "other";

export type ApprovalReason = { "kind": "above_threshold", total: Money, threshold: Money, } | { "kind": "credit_limit", limit: Money, exposure: Money, } | { "kind": "below_cost", sku: string, };

export type OrderLine = { id: string, line_no: number, sku: string, name: string, spec: string | null, unit: string, qty: Qty, delivered_qty: Qty, remaining_qty: Qty, 
/**
 * Delivered and brought back (returns).
 */
returned_qty: Qty, 
/**
 * Of what remains, what waits for stock (not reserved: the shelf was short).
 */
backordered_qty: Qty, unit_price: UnitPrice, discount: Rate, tax_rate: Rate, amount: Money, tax: Money, total: Money, };

export type DeliveryLine = { sku: string, name: string, qty: Qty, };

export type Delivery = { id: string, number: string, order: string, created_at: string, 
/**
 * The day it was delivered in the shop (YYYY-MM-DD): the day its sales count on.
 */
date: string, lines: Array<DeliveryLine>, };

export type Order = { id: string, number: string, status: OrderStatus, customer: string, customer_id: string, channel: Channel, order_date: string, deliver_by: string | null, notes: string | null, prices_include_tax: boolean, subtotal: Money, tax: Money, total: Money, lines: Array<OrderLine>, deliveries: Array<Delivery>, approval_reasons: Array<ApprovalReason>, cancel_reason: string | null, created_by: string, 
/**
 * The salesperson (业务员): who took the order, unless the owner changed it.
 */
salesperson: string, created_at: string, updated_at: string, 
/**
 * Billed by its invoices, net of credit notes.
 */
invoiced: Money, 
/**
 * The value of goods returned.
 */
returned: Money, 
/**
 * Money received for it: deposits and cash on delivery, and payments matched to its invoices.
 */
received: Money, payment_status: PaymentStatus, 
/**
 * The order's number in the sheet it was imported from (历史单号), if any.
 */
external_number: string | null, 
/**
 * What can be done with it now (the window offers exactly these).
 */
allowed_actions: Array<OrderAction>, 
/**
 * What is still to be paid on it: its total less returns less what was received, never
 * below zero; nothing for a cancelled order or history imported from an old sheet.
 */
due: Money, };

export type OrderSummary = { id: string, number: string, status: OrderStatus, customer: string, channel: Channel, order_date: string, deliver_by: string | null, total: Money, created_at: string, payment_status: PaymentStatus, received: Money, 
/**
 * Some of it waits for stock (a backorder).
 */
backordered: boolean, };

export type Page<T> = { items: Array<T>, next_cursor: string | null, };

export type OrderQuery = { status?: string, 
/**
 * unpaid, deposit, partially_paid, paid, overpaid (drafts and cancelled orders left out).
 */
payment?: string, search?: string, customer?: string, 
/**
 * Orders of this salesperson (业务员), by operator name.
 */
salesperson?: string, from?: string, to?: string, 
/**
 * Only open orders with lines waiting for stock (backorders).
 */
backordered?: boolean, 
/**
 * The orders behind a report's figure: goods delivered or returned on these days
 * (`YYYY-MM-DD`, inclusive).
 */
sold_from?: string, sold_to?: string, 
/**
 * Orders with this product (SKU or barcode); with `sold_*`, delivered or returned then.
 */
sku?: string, 
/**
 * Open orders by their promised day against `today`: late, today, later (later or no day).
 */
due?: string, 
/**
 * The day `due` compares with, `YYYY-MM-DD` (default: today).
 */
today?: string, 
/**
 * Orders that came through this channel: phone, wechat, counter, email, web, other.
 */
channel?: string, 
/**
 * Orders of customers of this region ("" for customers without one): a report's row.
 */
region?: string, 
/**
 * Only orders taken (confirmed or later, not cancelled), as the reports count them.
 */
taken?: boolean, 
/**
 * `new`: orders of customers whose first order is on or after `from`; `returning`: of
 * those who ordered before it (the customers report's new and returning customers).
 */
buyers?: string, cursor?: string, limit?: number, };

export type LineInput = { sku: string, qty: string, unit_price?: string, discount?: string, };

export type OrderInput = { 
/**
 * Customer id, exact name, or a name/phone fragment matching one customer.
 */
customer: string, lines: Array<LineInput>, 
/**
 * phone, wechat, counter (default), email, web, other.
 */
channel?: string, 
/**
 * `YYYY-MM-DD`; default today.
 */
order_date?: string, 
/**
 * Promised delivery date, `YYYY-MM-DD`.
 */
deliver_by?: string, notes?: string, };

export type ChangeInput = { lines?: Array<LineInput>, channel?: string, deliver_by?: string, notes?: string, };

export type DeliverLine = { sku: string, qty: string, };

export type DeliveryOutcome = { number: string, order: string, order_status: OrderStatus, created_at: string, lines: Array<DeliveryLine>, 
/**
 * The receipt for money taken at the door.
 */
payment: string | null, };

export type Delivered = { 
/**
 * The delivery note's print job, when it was printed on delivery.
 */
printed: SentToPrinter | null, 
/**
 * Why the delivery note was not printed (the delivery stands).
 */
print_error: string | null, number: string, order: string, order_status: OrderStatus, created_at: string, lines: Array<DeliveryLine>, 
/**
 * The receipt for money taken at the door.
 */
payment: string | null, };

export type Sold = { order: Order, 
/**
 * The receipt's print job, when it was printed on the sale.
 */
printed: SentToPrinter | null, 
/**
 * Why the receipt was not printed (the sale stands).
 */
print_error: string | null, };

export type StockLevel = { sku: string, name: string, unit: string, on_hand: Qty, reserved: Qty, available: Qty, reorder_point: Qty, 
/**
 * available ≤ reorder point (and a reorder point is set).
 */
low: boolean, 
/**
 * For low rows: enough to bring available up to twice the reorder point.
 */
suggested_reorder: Qty, 
/**
 * The product's cost, and on hand at that cost (the stock's value); `None` for a reader
 * who may not see costs ([`HasCosts`]).
 */
cost: UnitPrice | null, value: Money | null, };

export type HomeCounts = { pending_approval: number, 
/**
 * Open orders promised for a later day or for no day.
 */
to_deliver: number, due_today: number, late: number, 
/**
 * Open orders with lines waiting for stock.
 */
backordered: number, low_stock: number, };

export type StockMove = { id: string, sku: string, qty: Qty, reason: MoveReason, unit_cost: UnitPrice | null, doc_type: string | null, doc_number: string | null, note: string | null, operator: string, created_at: string, };

export type MoveReason = "receipt" | "delivery" | "return" | "adjustment" | "stocktake";

export type CountInput = { sku: string, counted: string, };

export type AuditEntity = "order" | "product" | "customer" | "payment" | "invoice" | "import_batch" | "operator" | "setting" | "company";

export type AuditAction = "create" | "update" | "confirm" | "approve" | "change" | "cancel" | "cancel_remainder" | "deliver" | "return" | "import" | "import_history" | "undo" | "issue" | "credit" | "receive" | "refund" | "reverse" | "allocate" | "reserve" | "deactivate" | "reactivate";

export type AuditEntry = { at: string, operator: string, entity: AuditEntity, entity_id: string, action: AuditAction, before: JsonValue | null, after: JsonValue | null, 
/**
 * The owner who approved this on the spot with their PIN, when a clerk did it.
 */
approved_by?: string, };

export type HomeView = { pending_approval: Array<OrderSummary>, 
/**
 * Confirmed or partly delivered, promised for a later day or for no day: goods to send out.
 */
to_deliver: Array<OrderSummary>, 
/**
 * Confirmed or partly delivered and promised for today.
 */
due_today: Array<OrderSummary>, 
/**
 * Confirmed or partly delivered and promised for a day gone by: late, the latest first.
 */
late: Array<OrderSummary>, low_stock: Array<StockLevel>, 
/**
 * Open orders with lines waiting for stock (backorders), the newest first.
 */
backordered: Array<OrderSummary>, 
/**
 * How many there are of each list in all.
 */
counts: HomeCounts, backup: BackupStatus, 
/**
 * Open invoices past their due date, the longest overdue first (at most the limit).
 */
overdue: Array<OverdueInvoice>, 
/**
 * How many open invoices are past due in all.
 */
overdue_count: number, 
/**
 * What all customers owe (balances, credit taken off).
 */
receivable: Money, 
/**
 * Of that, on invoices past due.
 */
overdue_total: Money, };

export type BackupStatus = { folder: string, 
/**
 * When the newest good backup was made.
 */
last_ok_at: string | null, 
/**
 * The newest attempt, when it failed.
 */
last_failure: BackupAttempt | null, 
/**
 * When the last full check of the shop's file (weekly, in the background) passed.
 */
last_integrity_check: string | null, 
/**
 * Changes made after the newest good backup (orders, payments, imports…: the audit log's
 * entries); the next automatic backup takes them.
 */
changes_since: number, 
/**
 * The setting `backup_every_minutes`: at most this much work waits for a backup.
 */
every_minutes: number, };

export type BackupKind = "auto" | "manual" | "safety" | "update";

export type BackupAttempt = { at: string, kind: BackupKind, ok: boolean, file: string | null, error: string | null, };

export type BackupDone = { file: string, created_at: string, };

export type BackupEntry = { file: string, created_at: string, kind: BackupKind, orders: number, customers: number, products: number, last_order_number: string | null, bytes: number, };

export type RestoreDone = { restored: string, 
/**
 * The copy of the data the restore replaced.
 */
safety_copy: string, check_ok: boolean, };

export type UpdateOffer = { 
/**
 * The version on offer (`0.2.0`).
 */
version: string, 
/**
 * The version running now.
 */
current: string, 
/**
 * What changed, as the release wrote it.
 */
notes: string | null, 
/**
 * When it was published (RFC 3339), if the server said.
 */
date: string | null, };

export type UpdateProgress = { running: boolean, done: number, 
/**
 * `0` until the server said how big the package is.
 */
total: number, };

export type DemoSummary = { products: number, customers: number, orders: number, by_status: Array<[OrderStatus, number]>, };

export type SyncView = { 
/**
 * The shop has a server (false: a shop on one PC; nothing else is set).
 */
linked: boolean, 
/**
 * The server's address without its password.
 */
server: string | null, 
/**
 * This counter's code (in its document numbers).
 */
device: string | null, 
/**
 * Changes made here the server does not hold yet.
 */
waiting: number, synced_at: string | null, 
/**
 * Since when the server has not answered (RFC 3339); None when it answered last time.
 */
offline_since: string | null, 
/**
 * A sync is running now.
 */
running: boolean, };

export type SyncDone = { sent: number, received: number, 
/**
 * How many oversells, conflicts or refusals the server noticed in what was sent.
 */
noticed: number, view: SyncView, };

export type CounterRegistration = { device: string, device_id: string, 
/**
 * Carries the counter's password: type it into that counter only.
 */
url: string, };

export type SyncIssue = { id: string, kind: SyncIssueKind, 
/**
 * The counter whose change it was.
 */
device: string, 
/**
 * When the server noticed it (RFC 3339).
 */
at: string, 
/**
 * What it is about: a product (SKU and name), a customer, a document number.
 */
subject: string, 
/**
 * The document that did it (an oversell's order or delivery), if any.
 */
document: string | null, 
/**
 * An oversell: the stock after it.
 */
balance: string | null, 
/**
 * A stale edit: the values the later change wanted, `column: value`.
 */
wanted: Array<string>, 
/**
 * A name taken twice: what the later row is called now.
 */
kept_as: string | null, };

export type SyncIssueKind = "oversell" | "stale_edit" | "posted_edited" | "unknown_row" | "not_owner" | "duplicate_name" | "duplicate_import";

export type InvoiceKind = "invoice" | "credit_note";

export type InvoiceLine = { line_no: number, sku: string, name: string, spec: string | null, unit: string, qty: Qty, unit_price: UnitPrice, discount: Rate, tax_rate: Rate, amount: Money, tax: Money, total: Money, };

export type Invoice = { id: string, number: string, kind: InvoiceKind, 
/**
 * The order's number.
 */
order: string, customer: string, customer_id: string, 
/**
 * A credit note: the number of the invoice it credits.
 */
credits: string | null, 
/**
 * YYYY-MM-DD.
 */
issue_date: string, 
/**
 * Issue date + the customer's payment terms (invoices only).
 */
due_date: string | null, prices_include_tax: boolean, subtotal: Money, tax: Money, total: Money, reason: string | null, lines: Array<InvoiceLine>, 
/**
 * Invoices: the numbers of the credit notes written against it.
 */
credit_notes: Array<string>, created_by: string, created_at: string, 
/**
 * Invoices: settled by payments (net).
 */
paid: Money, 
/**
 * Invoices: total less credit notes less payments.
 */
open: Money, 
/**
 * Invoices only.
 */
payment_status: PaymentStatus | null, };

export type InvoiceSummary = { number: string, kind: InvoiceKind, order: string, customer: string, issue_date: string, due_date: string | null, total: Money, credits: string | null, 
/**
 * Invoices: what is still to be paid (credit notes: zero).
 */
open: Money, 
/**
 * Invoices only.
 */
payment_status: PaymentStatus | null, };

export type DocLineInput = { sku: string, qty: string, };

export type PrintRequest = { 
/**
 * invoice, credit_note, delivery_note (or delivery), receipt, statement.
 */
kind: string, 
/**
 * The document's number; for a receipt an invoice or an order number; for a statement
 * the customer.
 */
number: string, 
/**
 * A statement's first and last day, YYYY-MM-DD.
 */
from?: string, to?: string, 
/**
 * a4, a5, 80mm, 58mm, 241mm (default: the setting for the kind).
 */
paper?: string, 
/**
 * Delivery notes: with prices (default: the setting).
 */
prices?: boolean, 
/**
 * A preview is not a print: it is not logged and does not make the next print a copy.
 */
preview?: boolean, };

export type DocKind = "invoice" | "credit_note" | "delivery_note" | "receipt" | "statement" | "payment_receipt";

export type Paper = "a4" | "a5" | "80mm" | "58mm" | "241mm";

export type Printed = { kind: DocKind, number: string, paper: Paper, pages: number, 
/**
 * Marked 副本 / COPY: printed before.
 */
copy: boolean, bytes: number, 
/**
 * What the print queue calls the job: `送货单 DN-2026-000012`.
 */
title: string, 
/**
 * The name a saved file gets (before the system's forbidden characters are replaced):
 * `送货单 DN-2026-000012 城东装修队`.
 */
name: string, };

export type PrintedFile = { printed: Printed, path: string, 
/**
 * Handed to the system's PDF viewer (set by the shell).
 */
opened: boolean, 
/**
 * Why the viewer could not be opened (set by the shell); the file is written all the same.
 */
open_error: string | null, };

export type SentToPrinter = { printed: Printed, 
/**
 * The printer's name in the system's print queue.
 */
printer: string, copies: number, 
/**
 * The queue's job number.
 */
job: number, };

export type PrinterEntry = { 
/**
 * The printer's name in the system's print queue (what a setting holds).
 */
name: string, 
/**
 * What the system shows (may equal `name`).
 */
label: string, is_default: boolean, 
/**
 * ready, printing, paused, offline or unknown.
 */
state: string, };

export type Margins = { top: number, right: number, bottom: number, left: number, };

export type PaperMargins = { paper: Paper, margins: Margins, };

export type PaperPrinter = { paper: Paper, printer: string, };

export type PaymentStatus = "unpaid" | "deposit" | "partially_paid" | "paid" | "overpaid";

export type PayMethod = "cash" | "bank" | "wechat" | "alipay" | "card" | "other";

export type PaymentKind = "receipt" | "refund" | "reversal";

export type AllocationLine = { invoice: string, amount: Money, };

export type Payment = { id: string, number: string, kind: PaymentKind, customer: string, customer_id: string, method: PayMethod, 
/**
 * YYYY-MM-DD.
 */
date: string, amount: Money, reference: string | null, 
/**
 * A deposit: the order it was paid on.
 */
order: string | null, 
/**
 * A reversal: the payment it reverses.
 */
reverses: string | null, note: string | null, 
/**
 * Receipts: matched to invoices (net).
 */
allocated: Money, 
/**
 * Receipts: paid back to the customer through refunds.
 */
refunded: Money, 
/**
 * Receipts: neither matched nor paid back — the customer's credit.
 */
unallocated: Money, allocations: Array<AllocationLine>, 
/**
 * A refund made for this return.
 */
return_number: string | null, created_by: string, created_at: string, };

export type PayInput = { 
/**
 * Name, phone or id.
 */
customer: string, amount: string, 
/**
 * cash, bank, wechat, alipay, card, other (现金, 转账, 微信, 支付宝, 刷卡, 其他).
 */
method: string, 
/**
 * YYYY-MM-DD (default today).
 */
date?: string, reference?: string, 
/**
 * A receipt: a deposit on this order (it pays the order's invoices, now or when issued).
 * A refund: pay back this order's deposit.
 */
order?: string, 
/**
 * Allocate to these invoices, in this order.
 */
invoices?: Array<string>, note?: string, };

export type AllocateInput = { customer: string, 
/**
 * The receipt (RC-…); without it, the customer's credit is matched oldest due first.
 */
payment?: string, invoice?: string, 
/**
 * Default: as much as both sides allow (with `undo`: the whole match).
 */
amount?: string, undo?: boolean, };

export type Allocated = { payment: string, invoice: string, 
/**
 * Negative: a match taken back.
 */
amount: Money, };

export type AllocateResult = { 
/**
 * The net amount matched (negative when a match was taken back).
 */
allocated: Money, allocations: Array<Allocated>, 
/**
 * The customer's unallocated credit afterwards.
 */
unallocated: Money, };

export type AccountInvoice = { number: string, order: string, issue_date: string, due_date: string, total: Money, 
/**
 * Taken back by credit notes.
 */
credited: Money, 
/**
 * Settled by payments.
 */
paid: Money, open: Money, 
/**
 * Days past the due date (0 when not yet due).
 */
days_overdue: number, };

export type Account = { customer: string, customer_id: string, 
/**
 * Σ invoices − Σ credit notes − Σ payments (refunds count negative). Negative: the shop
 * owes the customer (credit on account).
 */
balance: Money, credit_limit: Money | null, 
/**
 * Balance plus confirmed orders not yet invoiced.
 */
credit_used: Money, credit_left: Money | null, 
/**
 * Payments not yet allocated to an invoice (deposits included).
 */
unallocated: Money, overdue: Money, 
/**
 * Invoices with something open, oldest due first.
 */
invoices: Array<AccountInvoice>, };

export type AgingRow = { customer: string, customer_id: string, 
/**
 * Not yet due, plus unallocated credit (negative).
 */
current: Money, d1_30: Money, d31_60: Money, d61_90: Money, d90_plus: Money, total: Money, };

export type Aging = { as_of: string, rows: Array<AgingRow>, totals: AgingRow, };

export type OverdueInvoice = { customer: string, customer_id: string, number: string, order: string, due_date: string, open: Money, days_overdue: number, };

export type StatementEntry = "opening" | "invoice" | "credit_note" | "receipt" | "refund" | "reversal";

export type StatementRow = { 
/**
 * YYYY-MM-DD.
 */
date: string, kind: StatementEntry, number: string, 
/**
 * The order (invoices, deposits), the invoice credited, the payment reversed, the return
 * refunded, or the payment's own reference.
 */
reference: string | null, 
/**
 * Payments: how the money moved.
 */
method: PayMethod | null, 
/**
 * What the customer owes more (invoices, refunds, reversed receipts).
 */
debit: Money, 
/**
 * What the customer owes less (credit notes, receipts).
 */
credit: Money, 
/**
 * The balance after this entry.
 */
balance: Money, };

export type Statement = { customer: string, customer_id: string, from: string, to: string, 
/**
 * The balance at the start of `from`.
 */
opening: Money, rows: Array<StatementRow>, debits: Money, credits: Money, 
/**
 * The balance at the end of `to`: opening + debits − credits.
 */
closing: Money, };

export type Settlement = "credit" | "refund";

export type ReturnLine = { sku: string, name: string, unit: string, qty: Qty, 
/**
 * Back on the shelf (`false`: written off as damaged).
 */
restock: boolean, 
/**
 * The value taken off the order.
 */
total: Money, };

export type SalesReturn = { id: string, number: string, order: string, customer: string, date: string, lines: Array<ReturnLine>, total: Money, settlement: Settlement, reason: string | null, 
/**
 * The credit notes that took back what had been invoiced.
 */
credit_notes: Array<string>, 
/**
 * The refund payment, when money was paid back.
 */
refund: string | null, refunded: Money, 
/**
 * An exchange: the new order for the replacement goods.
 */
exchange_order: string | null, created_by: string, created_at: string, };

export type ReturnLineInput = { sku: string, qty: string, damaged?: boolean, };

export type ReturnInput = { order: string, lines: Array<ReturnLineInput>, 
/**
 * credit (default) or refund.
 */
settlement?: string, 
/**
 * How a refund is paid (default cash).
 */
method?: string, reason?: string, 
/**
 * An exchange: the replacement goods, as a new confirmed order for the same customer.
 */
exchange?: Array<LineInput>, };

export type CodInput = { amount: string, 
/**
 * cash, bank, wechat, alipay, card, other.
 */
method: string, reference?: string, };

export type DeliverInput = { 
/**
 * Default: everything that remains.
 */
lines?: Array<DeliverLine>, payment?: CodInput, 
/**
 * The owner lets the goods go to a customer over the credit limit (credit policy
 * `approval`). Without it the delivery is refused with `credit_limit`.
 */
approve_credit?: boolean, };

export type ImportOptions = { sheet?: string, 
/**
 * `utf-8`, `gbk`/`gb18030`, `big5`.
 */
encoding?: string, 
/**
 * orders (default), products (a product list, with opening stock) or customers.
 */
kind?: string, 
/**
 * The columns as the user mapped them; remembered for files with the same header when
 * the import is made.
 */
mapping?: MappingSpec, 
/**
 * An order sheet of orders still to deliver: imported as open orders (confirmed, stock
 * reserved) instead of completed history.
 */
open_orders?: boolean, 
/**
 * The date of an order sheet's orders that have none (no date column, or a blank date
 * cell), `YYYY-MM-DD`: the user's answer to the dry run's `no_date_column`. Without it
 * they are dated the day of the import.
 */
order_date?: string, 
/**
 * An order sheet's products that the shop has under another code or name: by the sheet's
 * product (`new_products[].key` of the dry run: `#` and its code, or its name and ` | `
 * spec), the code of the shop's product to use, or "" to make it a new product (over one
 * remembered). Remembered for later imports when the import is made.
 */
products?: { [key in string]: string }, 
/**
 * A second file imported with the first as one (its path; the window: its upload token): Taobao/Tmall's order report
 * (订单报表) with its item report (宝贝报表), either way round — each item's order gets its
 * buyer, phone, address, day paid, postage and what the buyer paid.
 */
paired_file?: string, };

export type MappingSpec = { header_row: number | null, columns: { [key in string]: Field }, };

export type Field = "order_no" | "customer" | "phone" | "address" | "city" | "province" | "country" | "product" | "sku" | "spec" | "unit" | "qty" | "unit_price" | "amount" | "discount" | "order_date" | "deliver_by" | "notes" | "barcode" | "cost" | "tax_rate" | "stock" | "reorder_point" | "contact" | "region" | "credit_limit" | "terms" | "email" | "status" | "district" | "paid" | "postage";

export type ImportPreview = { sheets: Array<string>, dry: DryRun, errors_total: number, warnings_total: number, 
/**
 * How many products the sheet names that the shop lacks (`dry.new_products` holds the
 * first 200).
 */
new_products_total: number, 
/**
 * The header row's texts (the columns to map).
 */
columns: Array<string>, rows: Array<PreviewRow>, 
/**
 * The fields a column of this kind of sheet can hold.
 */
fields: Array<Field>, };

export type PreviewRow = { 
/**
 * The row number in the file (as in messages).
 */
row: number, cells: Array<string>, };

export type ImportProgress = { running: boolean, done: number, total: number, };

export type ImportResult = { batch: string, orders: number, lines: number, customers_new: number, products_new: number, total: Money, 
/**
 * Rows left out because they had errors (only with `skip_errors`).
 */
skipped_error_rows: Array<number>, first_number: string | null, last_number: string | null, 
/**
 * Imported as open orders (confirmed, stock reserved), not as history.
 */
open: boolean, 
/**
 * Open orders that wait for the owner's approval (over the credit limit, below cost, …).
 */
awaiting_approval: Array<string>, 
/**
 * The online shop whose export it was.
 */
platform: Platform | null, 
/**
 * Of `orders`, those an online shop's export says are paid and waiting to be shipped: made
 * open (confirmed, stock reserved, paid) while its shipped ones are history.
 */
waiting: number, 
/**
 * An online shop's orders left out because an earlier export brought them already.
 */
already_in_shop: number, };

export type ImportKind = "orders" | "products" | "customers";

export type ImportStatus = "imported" | "undone";

export type ImportBatch = { id: string, kind: ImportKind, file_name: string, 
/**
 * The workbook's sheet it came from (empty for a CSV, and for batches from before
 * schema 9, which stand for the whole file).
 */
sheet: string, file_sha256: string, status: ImportStatus, counts: Record<string, unknown>, created_at: string, undone_at: string | null, };

export type DryRun = { 
/**
 * orders, products or customers.
 */
kind: string, sheet: string, header_row: number, mapping: { [key in string]: Field }, orders: number, lines: number, customers_new: number, products_new: number, total: Money, errors: Array<Issue>, warnings: Array<Issue>, skipped_rows: Array<number>, drafts: Array<DraftOrder>, 
/**
 * An order sheet's products the shop does not have (by code, else by name and spec), in
 * the sheet's order; `products_new` counts those that will be made (not mapped).
 */
new_products: Array<NewProduct>, 
/**
 * A product list's rows.
 */
products: Array<DraftProduct>, 
/**
 * A customer list's rows.
 */
customers: Array<DraftCustomer>, 
/**
 * Where the mapping came from: guessed, given, or saved (remembered for this header).
 */
mapping_source: string, 
/**
 * The online shop whose export the sheet is (recognised from its header).
 */
platform: Platform | null, 
/**
 * Of `orders`, those paid and waiting to be shipped (the sheet's status): imported as
 * open orders (confirmed, stock reserved) even when the rest is history.
 */
waiting: number, 
/**
 * An online shop's orders already in the shop (by the platform's order number, from an
 * earlier export): not imported again.
 */
already_in_shop: number, 
/**
 * The mapping with the header texts, to change and give back.
 */
mapping_spec: MappingSpec, };

export type DraftOrder = { number: string | null, customer: string, phone: string | null, address: string | null, 
/**
 * Kept on the customer when the import makes them.
 */
email: string | null, order_date: string | null, deliver_by: string | null, notes: string | null, lines: Array<DraftLine>, 
/**
 * What an online shop's export says of the sale: shipped orders are history, waiting ones
 * open orders to deliver; `None` when it says nothing, and for any other sheet.
 */
state: SaleState | null, 
/**
 * What the buyer paid for the whole order, as the sheet says it (postage included).
 */
paid: Money | null, 
/**
 * The order's postage, as the sheet says it.
 */
postage: Money | null, };

export type DraftLine = { row: number, sku: string | null, product: string | null, spec: string | null, unit: string | null, qty: Qty, unit_price: UnitPrice, discount: Rate, amount: Money, };

export type DraftProduct = { row: number, 
/**
 * `None`: the import gives it a code.
 */
sku: string | null, barcode: string | null, name: string, spec: string | null, unit: string | null, price: UnitPrice, cost: UnitPrice, tax_rate: Rate | null, 
/**
 * Opening stock, received when the list is imported.
 */
stock: Qty, reorder_point: Qty, };

export type DraftCustomer = { row: number, name: string, contact: string | null, phones: Array<string>, address: string | null, region: string | null, email: string | null, credit_limit: Money | null, terms: number, notes: string | null, };

export type NewProduct = { 
/**
 * [`DraftLine::sheet_product`]: what a choice of an existing product is given by.
 */
key: string, sku: string | null, name: string | null, spec: string | null, unit: string | null, 
/**
 * The first row that names it, and how many lines do.
 */
row: number, lines: number, 
/**
 * The shop's product (its code) the user chose for it, now or in an earlier import.
 */
mapped_to: string | null, };

export type SheetProblem = { "kind": "no_header_row", lists: boolean, } | { "kind": "needs_qty_and_product" } | { "kind": "order_report_only", platform: Platform, } | { "kind": "product_list_needs_name" } | { "kind": "customer_list_needs_name" } | { "kind": "row_not_in_sheet", row: number, } | { "kind": "row_lacks_columns", row: number, missing: Array<string>, } | { "kind": "no_row_with_columns", columns: Array<string>, } | { "kind": "empty", field: Field, } | { "kind": "not_a_number", text: string, } | { "kind": "negative", text: string, } | { "kind": "bad_qty", text: string, } | { "kind": "not_a_date", text: string, } | { "kind": "date_orders_mixed", text: string, first_row: number, first_text: string, } | { "kind": "day_first", text: string, read: string, } | { "kind": "bad_value", field: Field, text: string, } | { "kind": "price_from_amount", price: UnitPrice, } | { "kind": "no_price_no_amount" } | { "kind": "amount_too_large" } | { "kind": "amount_differs", stated: Money, computed: Money, } | { "kind": "two_customers", first: string, second: string, } | { "kind": "same_as_row", row: number, } | { "kind": "mixed_date_styles", text: string, first_row: number, first_text: string, } | { "kind": "repeated_row", field: Field, } | { "kind": "product_exists", name: string, } | { "kind": "customer_exists", name: string, } | { "kind": "cost_above_price", cost: UnitPrice, price: UnitPrice, } | { "kind": "bad_terms", text: string, } | { "kind": "no_date_column" } | { "kind": "not_an_email", text: string, } | { "kind": "not_a_sale", status: string, } | { "kind": "already_in_shop", number: string, ours: string, } | { "kind": "shipped_since", number: string, ours: string, } | { "kind": "closed_since", number: string, ours: string, status: string, } | { "kind": "status_not_known", status: string, } | { "kind": "postage_not_kept", orders: number, postage: Money, other: Money, } | { "kind": "refused", detail: string, } | { "kind": "columns_not_imported", columns: Array<[string, string]>, } | { "kind": "too_long", field: Field, max: number, chars: number, };

export type Platform = "taobao" | "jd" | "pinduoduo" | "douyin" | "youzan";

export type SaleState = "shipped" | "waiting" | "not_a_sale";

export type Issue = { row: number, 
/**
 * The column's header as written in the file (or its letter when it has none).
 */
column: string | null, 
/**
 * The column's letter as a spreadsheet shows it (`J`).
 */
letter: string | null, 
/**
 * What is wrong, as a typed value (kaidan-core's catalogue words it).
 */
problem: SheetProblem, 
/**
 * The problem in the user's language (the catalogue's words, filled by [`DryRun::worded`]).
 */
message: string, 
/**
 * Where and what as one sentence in the user's language: `第 188 行 J 列「Product」：…`.
 */
whole: string, };

export type ReportQuery = { period: string | null, from: string | null, to: string | null, 
/**
 * The trend's buckets: day, week, month, quarter, year (default: by the range's length).
 */
by: string | null, 
/**
 * `previous` or `last-year`.
 */
compare: string | null, 
/**
 * Products and customers: `sales` (default), `gross_profit`, `qty`.
 */
rank: string | null, 
/**
 * Slow movers and inactive customers: the days without a sale or an order (default 60).
 */
days: string | null, 
/**
 * Gross profit by order, products and customers: only the best this many rows (the window
 * shows 100), with how many there are in all (`row_count`); none: every row. A file always
 * holds every row.
 */
top: number | null, };

export type Period = "today" | "yesterday" | "this-week" | "last-week" | "this-month" | "last-month" | "this-quarter" | "this-year" | "last-year" | "7d" | "30d" | "90d";

export type Bucket = "day" | "week" | "month" | "quarter" | "year";

export type Compare = "previous" | "last-year";

export type RankBy = "sales" | "gross_profit" | "qty";

export type DateRange = { from: string, to: string, };

export type Measures = { 
/**
 * Sales without tax: goods delivered less goods returned.
 */
sales: Money, 
/**
 * The same with tax.
 */
sales_total: Money, 
/**
 * The cost of the goods sold whose cost is known.
 */
cogs: Money, 
/**
 * Sales (without tax) of goods whose cost is not known: left out of gross profit.
 */
sales_cost_unknown: Money, 
/**
 * Sales of goods with a known cost, less their cost.
 */
gross_profit: Money, 
/**
 * Gross profit in percent of the sales it is made on ("52.00"); none without such sales.
 */
margin: string | null, 
/**
 * Quantity delivered less quantity returned.
 */
qty: Qty, 
/**
 * Orders taken (confirmed or later, not cancelled) by their order date.
 */
orders: number, 
/**
 * Their value with tax.
 */
orders_value: Money, 
/**
 * Their average value; none without orders.
 */
avg_order_value: Money | null, 
/**
 * Money received from customers, less refunds.
 */
received: Money, };

export type Overview = { range: DateRange, measures: Measures, compare: Compare | null, compared_range: DateRange | null, compared: Measures | null, 
/**
 * How the measures changed from the compared range's.
 */
changes: Changes | null, 
/**
 * Today, whatever the range: what customers owe, and of it overdue.
 */
receivables: Money, overdue: Money, 
/**
 * Open orders still to deliver, and of them late.
 */
open_orders: number, late_orders: number, low_stock: number, };

export type TrendPoint = { range: DateRange, measures: Measures, };

export type Trend = { range: DateRange, by: Bucket, points: Array<TrendPoint>, compare: Compare | null, compared: Array<TrendPoint>, total: Measures, };

export type ProductRow = { sku: string, name: string, unit: string, measures: Measures, };

export type CustomerRow = { customer_id: string, customer: string, region: string | null, measures: Measures, };

export type Ranked<R> = { range: DateRange, rank_by: RankBy, rows: Array<R>, 
/**
 * How many rows the report has: all of them are in `rows` unless only the best were asked
 * for (the profit report's `top`).
 */
row_count: number, total: Measures, };

export type Measure = "sales" | "sales_total" | "cogs" | "sales_cost_unknown" | "gross_profit" | "margin" | "qty" | "orders" | "orders_value" | "avg_order_value" | "received";

export type Changes = { sales: string | null, sales_total: string | null, gross_profit: string | null, 
/**
 * Percentage points ("1.20": from 22.40 % to 23.60 %); none without both margins.
 */
margin: string | null, qty: string | null, orders: string | null, avg_order_value: string | null, received: string | null, };

export type ReportKind = "overview" | "trend" | "products" | "customers" | "day" | "profit" | "salespeople" | "fulfilment" | "collections" | "slow" | "inactive";

export type SavedReport = { path: string, rows: number, };

export type PrintedReport = { path: string, pages: number, 
/**
 * Handed to the system's PDF viewer (set by the shell).
 */
opened: boolean, 
/**
 * Why the viewer could not be opened (set by the shell); the file is written all the same.
 */
open_error: string | null, };

export type ReportSent = { title: string, 
/**
 * The printer's name in the system's print queue.
 */
printer: string, 
/**
 * The queue's job number.
 */
job: number, pages: number, };

export type DayReport = { date: string, measures: Measures, 
/**
 * Deliveries and returns made that day.
 */
deliveries: number, returns: number, 
/**
 * Money in and out by method, every method (zero ones too), in the order a till lists them.
 */
methods: Array<MethodTotal>, 
/**
 * Of it in cash: what the till should hold more at closing than at opening.
 */
cash: Money, };

export type MethodTotal = { method: PayMethod, received: Money, refunded: Money, net: Money, };

export type OrderRow = { number: string, customer_id: string, customer: string, order_date: string, measures: Measures, };

export type SalespersonRow = { salesperson: string, measures: Measures, };

export type DayLog = { date: string, people: Array<PersonDay>, entries: Array<LogEntry>, };

export type PersonDay = { operator: string, 
/**
 * Orders they took (made: typed, imported ones not).
 */
orders: number, deliveries: number, 
/**
 * Goods taken back.
 */
returns: number, 
/**
 * Money received (the receipts they recorded), and paid back (their refunds, as a positive
 * amount). A reversal is a correction: it is counted there, and shown in the entries.
 */
money_in: Money, money_out: Money, 
/**
 * Orders they approved, and actions of others they approved on the spot with their PIN.
 */
approvals: number, 
/**
 * Cancellations, credit notes, payment reversals, stock adjustments and counts, imports
 * undone.
 */
corrections: number, 
/**
 * Every entry of theirs.
 */
entries: number, };

export type LogEntry = { at: string, operator: string, approved_by: string | null, entity: AuditEntity, 
/**
 * What the audit log says was done; none for a stock movement (`moved`).
 */
action: AuditAction | null, 
/**
 * A receipt, adjustment or stocktake: the stock movement's reason.
 */
moved: MoveReason | null, 
/**
 * The record as the shop names it: an order's, invoice's or payment's number, a
 * customer's or operator's name, a product's SKU, a setting's key.
 */
record: string | null, 
/**
 * The money of a payment (a refund's negative; a reversal's, the reversing entry's: the
 * opposite of what it reverses) or of an invoice (a credit note's negative).
 */
amount: Money | null, 
/**
 * A stock movement's quantity (taken out: negative).
 */
qty: Qty | null, 
/**
 * An approval given on the spot: the actions it allowed.
 */
approved: Array<Action>, 
/**
 * What was done, in the reader's language ([`LogEntry::describe`]; kaidan-api fills it).
 */
what: string, };

export type Fulfilment = { range: DateRange, 
/**
 * Every status (zero ones too), in the order an order goes through them.
 */
statuses: Array<StatusCount>, 
/**
 * Orders delivered in full in the range (imported history left out).
 */
delivered: number, 
/**
 * Of them, how many took how many days, fewest first (days with none left out).
 */
lead_days: Array<LeadCount>, 
/**
 * The median and the 90th percentile of the lead time, in days; none without deliveries.
 */
lead_median: number | null, lead_p90: number | null, 
/**
 * Of them, those with a promised date, and of those the ones on or before it.
 */
promised: number, on_time: number, 
/**
 * on_time / promised in percent ("92.50"); none without promises.
 */
on_time_rate: string | null, 
/**
 * Today, whatever the range: how many open orders are past their promised date, and the
 * first [`LATE_SHOWN`] of them, the longest overdue first (the orders list has them all).
 */
late_count: number, late: Array<LateOrder>, };

export type StatusCount = { status: OrderStatus, orders: number, };

export type LeadCount = { days: number, orders: number, };

export type LateOrder = { number: string, customer_id: string, customer: string, status: OrderStatus, order_date: string, deliver_by: string, days_late: number, 
/**
 * The order's value with tax.
 */
total: Money, };

export type Collections = { range: DateRange, by: Bucket, 
/**
 * The range in periods (every period, empty ones too).
 */
points: Array<MoneyPoint>, 
/**
 * The whole range.
 */
total: MoneyPoint, 
/**
 * The range's sales with tax (DSO's denominator).
 */
sales_total: Money, 
/**
 * Today, whatever the range: what customers owe, of it overdue, and by age.
 */
as_of: string, receivables: Money, overdue: Money, aging: AgingRow, 
/**
 * Days sales outstanding, 1 decimal ("23.4"); none without sales in the range.
 */
dso: string | null, };

export type MoneyPoint = { range: DateRange, methods: Array<MethodTotal>, received: Money, refunded: Money, net: Money, };

export type ProductsReport = { sell_through: SellThrough, range: DateRange, rank_by: RankBy, rows: Array<ProductRow>, 
/**
 * How many rows the report has: all of them are in `rows` unless only the best were asked
 * for (the profit report's `top`).
 */
row_count: number, total: Measures, };

export type CustomersReport = { mix: CustomerMix, regions: Array<RegionRow>, channels: Array<ChannelRow>, range: DateRange, rank_by: RankBy, rows: Array<CustomerRow>, 
/**
 * How many rows the report has: all of them are in `rows` unless only the best were asked
 * for (the profit report's `top`).
 */
row_count: number, total: Measures, };

export type SellThrough = { active: number, sold: number, rate: string | null, };

export type CustomerMix = { new: CustomerGroup, returning: CustomerGroup, };

export type CustomerGroup = { customers: number, measures: Measures, };

export type RegionRow = { 
/**
 * None: customers with no region on their card.
 */
region: string | null, customers: number, measures: Measures, };

export type ChannelRow = { channel: Channel, orders: number, 
/**
 * Their value with tax.
 */
orders_value: Money, 
/**
 * Of all orders' value, in percent ("25.00").
 */
share: string | null, };

export type SlowMovers = { as_of: string, days: number, rows: Array<SlowMover>, 
/**
 * Their stock value, of those whose cost is known; and how many have no known cost.
 */
stock_value: Money, value_unknown: number, };

export type SlowMover = { sku: string, name: string, unit: string, on_hand: Qty, 
/**
 * On hand at the shelf's average cost; none when its cost is not known.
 */
stock_value: Money | null, 
/**
 * Its last day with a sale; none when it never sold.
 */
last_sold: string | null, days_since: number | null, 
/**
 * Sold in the last [`COVER_DAYS`] days, and how long its stock lasts at that pace.
 */
sold_year: Qty, days_of_cover: number | null, };

export type Inactive = { as_of: string, days: number, rows: Array<InactiveCustomer>, };

export type InactiveCustomer = { customer_id: string, customer: string, region: string | null, phone: string | null, first_order: string, last_order: string, days_since: number, 
/**
 * Their orders taken, ever, and their value with tax; the average (their usual spend), and
 * the average days between orders (none with one order).
 */
orders: number, orders_value: Money, avg_order_value: Money | null, days_between: number | null, };

export type ReportNote = "what_counts";
