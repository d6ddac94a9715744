//! The TypeScript the window is written against, generated from the Rust IPC types.
//! `ui/src/bindings.ts` must equal what this renders: the test fails when a Rust type changed
//! and the file was not regenerated. Regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p kaidan-api --test bindings`.

use std::path::PathBuf;

use kaidan_api::core::model::*;
use kaidan_api::core::{ApprovalReason, Channel, ErrorCode, Lang, Money, OrderStatus, Policy, Qty, Rate, Settings, UnitPrice};
use kaidan_api::*;
use ts_rs::{Config, TS};

macro_rules! decls {
    ($cfg:expr; $($t:ty),* $(,)?) => {{
        let mut out = Vec::new();
        $( out.push(format!("export {}", <$t as TS>::decl($cfg))); )*
        out
    }};
}

fn render() -> String {
    // u64/usize counts travel as JSON numbers (all far below 2^53)
    let cfg = &Config::new().with_large_int("number");
    let decls = decls!(cfg;
        Money, UnitPrice, Qty, Rate, Lang, kaidan_api::core::DocLang, ErrorCode, IpcError, FieldError, AppInfo,
        Company, Operator, kaidan_api::AtCounter, kaidan_api::OperatorButton, kaidan_api::SignedIn, kaidan_api::core::Role, kaidan_api::core::Action, Settings, kaidan_api::core::settings::SettingKey, Policy, kaidan_api::core::retention::Retention,
        Product, ProductInput, Customer, CustomerInput, kaidan_api::core::model::CustomerBalance, CreditPosition, CustomerCredit,
        OrderStatus, kaidan_api::core::OrderAction, Channel, ApprovalReason, OrderLine, DeliveryLine, Delivery, Order, OrderSummary,
        Page<()>, OrderQuery, LineInput, OrderInput, ChangeInput, DeliverLine, DeliveryOutcome, Delivered, Sold,
        StockLevel, kaidan_api::core::model::HomeCounts, StockMove, kaidan_api::core::MoveReason, CountInput, kaidan_api::core::AuditEntity, kaidan_api::core::AuditAction, AuditEntry, HomeView, BackupStatus, kaidan_api::core::BackupKind, BackupAttempt, BackupDone, BackupEntry, RestoreDone, UpdateOffer, UpdateProgress, DemoSummary,
        kaidan_api::SyncView, kaidan_api::SyncDone, kaidan_api::CounterRegistration, kaidan_api::SyncIssue, kaidan_api::core::sync::SyncIssueKind,
        InvoiceKind, InvoiceLine, Invoice, InvoiceSummary, DocLineInput, PrintRequest, kaidan_api::core::DocKind, kaidan_api::core::Paper, Printed, PrintedFile, SentToPrinter, PrinterEntry,
        kaidan_api::core::Margins, kaidan_api::core::settings::PaperMargins, kaidan_api::core::settings::PaperPrinter,
        PaymentStatus, PayMethod, PaymentKind, AllocationLine, Payment, PayInput, AllocateInput, Allocated, AllocateResult,
        AccountInvoice, Account, AgingRow, Aging, OverdueInvoice, kaidan_api::core::StatementEntry, StatementRow, Statement,
        Settlement, ReturnLine, SalesReturn, ReturnLineInput, ReturnInput, CodInput, DeliverInput,
        ImportOptions, MappingSpec, kaidan_api::ImportField, ImportPreview, PreviewRow, ImportProgress, ImportResult, kaidan_api::core::ImportKind, kaidan_api::core::ImportStatus, ImportBatch,
        DryRun, kaidan_api::DraftOrder, kaidan_api::DraftLine, kaidan_api::DraftProduct, kaidan_api::DraftCustomer, kaidan_api::NewProduct, kaidan_api::core::sheet::SheetProblem, kaidan_api::core::sheet::Platform, kaidan_api::core::sheet::SaleState, ImportIssue,
        kaidan_api::ReportQuery, kaidan_api::core::report::Period, kaidan_api::core::report::Bucket, kaidan_api::core::report::Compare,
        kaidan_api::core::report::RankBy, kaidan_api::core::report::DateRange, kaidan_api::core::report::Measures, kaidan_api::core::report::Overview,
        kaidan_api::core::report::TrendPoint, kaidan_api::core::report::Trend, kaidan_api::core::report::ProductRow,
        kaidan_api::core::report::CustomerRow, kaidan_api::core::report::Ranked<()>, kaidan_api::core::report::Measure, kaidan_api::core::report::Changes, kaidan_api::core::report::ReportKind, kaidan_api::SavedReport, kaidan_api::PrintedReport, kaidan_api::ReportSent, kaidan_api::core::report::DayReport, kaidan_api::core::report::MethodTotal, kaidan_api::core::report::OrderRow, kaidan_api::core::report::SalespersonRow, kaidan_api::core::report::DayLog, kaidan_api::core::report::PersonDay, kaidan_api::core::model::LogEntry, kaidan_api::core::report::Fulfilment, kaidan_api::core::report::StatusCount, kaidan_api::core::report::LeadCount, kaidan_api::core::report::LateOrder, kaidan_api::core::report::Collections, kaidan_api::core::report::MoneyPoint, kaidan_api::core::report::ProductsReport, kaidan_api::core::report::CustomersReport, kaidan_api::core::report::SellThrough, kaidan_api::core::report::CustomerMix, kaidan_api::core::report::CustomerGroup, kaidan_api::core::report::RegionRow, kaidan_api::core::report::ChannelRow, kaidan_api::core::report::SlowMovers, kaidan_api::core::report::SlowMover, kaidan_api::core::report::Inactive, kaidan_api::core::report::InactiveCustomer, kaidan_api::core::report::ReportNote,
    );
    let mut s = String::from(
        "// Generated from the Rust IPC types by src-tauri/crates/kaidan-api/tests/bindings.rs (ts-rs).\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p kaidan-api --test bindings`.\n\
         /* eslint-disable */\n\n\
         export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;\n\n",
    );
    for d in decls {
        s.push_str(&d);
        s.push_str("\n\n");
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}

/// The shop's vocabulary (kaidan-core `text::vocab`) for the window: one word for one thing in
/// the window and the documents.
fn render_vocab() -> String {
    use kaidan_api::core::text::vocab::{vocabulary, SETS};
    let mut s = String::from(
        "// Generated from kaidan-core's text/vocab.rs by src-tauri/crates/kaidan-api/tests/bindings.rs.\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p kaidan-api --test bindings`.\n",
    );
    let types: Vec<&str> = SETS.iter().map(|(_, t)| *t).collect();
    s.push_str(&format!("import type {{ Lang, {} }} from \"./bindings\";\n\n", types.join(", ")));
    s.push_str("/** The shop's word for every status, action, channel, method, entry and document kind. */\nexport type Vocabulary = {\n");
    for (set, ty) in SETS {
        s.push_str(&format!("  {set}: Record<{ty}, string>;\n"));
    }
    s.push_str("};\n\nexport const VOCAB: Record<Lang, Vocabulary> = {\n");
    for (lang, key) in [(Lang::ZhCn, "\"zh-CN\""), (Lang::En, "en")] {
        let v = serde_json::Value::Object(vocabulary(lang));
        s.push_str(&format!("  {key}: {},\n", serde_json::to_string(&v).unwrap()));
    }
    s.push_str("};\n");
    s
}

/// `path` (from the repository) must hold `want`; `UPDATE_BINDINGS=1` writes it.
fn generated(path: &str, want: &str) {
    let path = PathBuf::from(&*std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo test")).join("../../..").join(path);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
    assert!(
        have == want,
        "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p kaidan-api --test bindings` and commit the result",
        path.display()
    );
}

#[test]
fn ui_vocabulary_is_current() {
    generated("ui/src/vocab.ts", &render_vocab());
}

#[test]
fn ui_bindings_are_current() {
    let path = PathBuf::from(&*std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo test")).join("../../../ui/src/bindings.ts");
    let want = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
    assert!(
        have == want,
        "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p kaidan-api --test bindings` and commit the result"
    );
}
