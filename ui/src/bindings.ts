// Generated from the Rust IPC types by src-tauri/crates/kaidan-api/tests/bindings.rs (ts-rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p kaidan-api --test bindings`.
/* eslint-disable */

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;

export type Money = string;

export type UnitPrice = string;

export type Qty = string;

export type Rate = string;

export type Lang = "zh-CN" | "en";

export type ErrorCode = "not_initialized" | "not_found" | "ambiguous" | "invalid" | "duplicate" | "insufficient_stock" | "credit_limit" | "below_cost" | "wrong_state" | "over_delivery" | "forbidden" | "conflict" | "storage" | "cancelled" | "backup_failed" | "damaged" | "print_failed";

export type IpcError = { code: ErrorCode, message: string, field: string | null, };

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

export type Operator = { id: string, name: string, role: Role, has_pin: boolean, };

export type Role = "owner" | "clerk";

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
margins: Array<PaperMargins>, };

export type Policy = "block" | "approval" | "allow";

export type Retention = { daily: number, weekly: number, monthly: number, };

export type Product = { id: string, sku: string, barcode: string | null, name: string, spec: string | null, unit: string, price: UnitPrice, cost: UnitPrice, tax_rate: Rate, reorder_point: Qty, active: boolean, created_at: string, updated_at: string, };

export type ProductInput = { sku?: string, barcode?: string, name?: string, spec?: string, unit?: string, price?: string, cost?: string, 
/**
 * Percent, e.g. "13".
 */
tax_rate?: string, reorder_point?: string, active?: boolean, };

export type Customer = { id: string, name: string, contact_person: string | null, phones: Array<string>, address: string | null, region: string | null, 
/**
 * `None`: no limit.
 */
credit_limit: Money | null, payment_terms_days: number, notes: string | null, created_at: string, updated_at: string, };

export type CustomerInput = { name?: string, contact_person?: string, phones?: Array<string>, address?: string, region?: string, credit_limit?: string, payment_terms_days?: string, notes?: string, };

export type CreditPosition = { credit_limit: Money | null, 
/**
 * Orders not yet delivered (pending approval, confirmed, partly delivered), at their totals.
 */
open_orders: Money, 
/**
 * Delivered value not yet paid (until payments exist: all delivered orders).
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

export type Channel = "phone" | "wechat" | "counter" | "email" | "web" | "other";

export type ApprovalReason = { "kind": "above_threshold", total: Money, threshold: Money, } | { "kind": "credit_limit", limit: Money, exposure: Money, } | { "kind": "below_cost", sku: string, };

export type OrderLine = { id: string, line_no: number, sku: string, name: string, spec: string | null, unit: string, qty: Qty, delivered_qty: Qty, remaining_qty: Qty, unit_price: UnitPrice, discount: Rate, tax_rate: Rate, amount: Money, tax: Money, total: Money, };

export type DeliveryLine = { sku: string, name: string, qty: Qty, };

export type Delivery = { id: string, number: string, order: string, created_at: string, lines: Array<DeliveryLine>, };

export type Order = { id: string, number: string, status: OrderStatus, customer: string, customer_id: string, channel: Channel, order_date: string, deliver_by: string | null, notes: string | null, prices_include_tax: boolean, subtotal: Money, tax: Money, total: Money, lines: Array<OrderLine>, deliveries: Array<Delivery>, approval_reasons: Array<ApprovalReason>, cancel_reason: string | null, created_by: string, created_at: string, updated_at: string, };

export type OrderSummary = { id: string, number: string, status: OrderStatus, customer: string, channel: Channel, order_date: string, deliver_by: string | null, total: Money, created_at: string, };

export type Page<T> = { items: Array<T>, next_cursor: string | null, };

export type OrderQuery = { status?: string, search?: string, customer?: string, from?: string, to?: string, cursor?: string, limit?: number, };

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

export type DeliveryOutcome = { number: string, order: string, order_status: OrderStatus, created_at: string, lines: Array<DeliveryLine>, };

export type StockLevel = { sku: string, name: string, unit: string, on_hand: Qty, reserved: Qty, available: Qty, reorder_point: Qty, 
/**
 * available ≤ reorder point (and a reorder point is set).
 */
low: boolean, 
/**
 * For low rows: enough to bring available up to twice the reorder point.
 */
suggested_reorder: Qty, };

export type StockMove = { id: string, sku: string, qty: Qty, reason: MoveReason, unit_cost: UnitPrice | null, doc_type: string | null, doc_number: string | null, note: string | null, operator: string, created_at: string, };

export type MoveReason = "receipt" | "delivery" | "return" | "adjustment" | "stocktake";

export type CountInput = { sku: string, counted: string, };

export type AuditEntry = { at: string, operator: string, entity: string, entity_id: string, action: string, before: JsonValue | null, after: JsonValue | null, };

export type HomeView = { pending_approval: Array<OrderSummary>, 
/**
 * Confirmed or partly delivered: goods to send out.
 */
to_deliver: Array<OrderSummary>, 
/**
 * Of those, promised for today or earlier.
 */
due_today: Array<OrderSummary>, low_stock: Array<StockLevel>, backup: BackupStatus, };

export type BackupStatus = { folder: string, 
/**
 * When the newest good backup was made.
 */
last_ok_at: string | null, 
/**
 * The newest attempt, when it failed.
 */
last_failure: BackupAttempt | null, };

export type BackupAttempt = { at: string, kind: string, ok: boolean, file: string | null, error: string | null, };

export type BackupDone = { file: string, created_at: string, };

export type BackupEntry = { file: string, created_at: string, 
/**
 * auto, manual or safety.
 */
kind: string, orders: number, customers: number, products: number, last_order_number: string | null, bytes: number, };

export type RestoreDone = { restored: string, 
/**
 * The copy of the data the restore replaced.
 */
safety_copy: string, check_ok: boolean, };

export type DemoSummary = { products: number, customers: number, orders: number, by_status: Array<[OrderStatus, number]>, };

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
credit_notes: Array<string>, created_by: string, created_at: string, };

export type InvoiceSummary = { number: string, kind: InvoiceKind, order: string, customer: string, issue_date: string, due_date: string | null, total: Money, credits: string | null, };

export type DocLineInput = { sku: string, qty: string, };

export type PrintRequest = { 
/**
 * invoice, credit_note, delivery_note (or delivery), receipt.
 */
kind: string, 
/**
 * The document's number; for a receipt an invoice or an order number.
 */
number: string, 
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

export type DocKind = "invoice" | "credit_note" | "delivery_note" | "receipt";

export type Paper = "a4" | "a5" | "80mm" | "58mm" | "241mm";

export type Printed = { kind: DocKind, number: string, paper: Paper, pages: number, 
/**
 * Marked 副本 / COPY: printed before.
 */
copy: boolean, bytes: number, };

export type PrintedFile = { printed: Printed, path: string, 
/**
 * Handed to the system's PDF viewer (set by the shell).
 */
opened: boolean, };

export type Margins = { top: number, right: number, bottom: number, left: number, };

export type PaperMargins = { paper: Paper, margins: Margins, };
