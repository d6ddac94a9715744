//! What went wrong: [`Problem`], each with the facts its message needs and its [`ErrorCode`].

use serde::Serialize;

use super::{Entity, ErrorCode};
use crate::fixed::{Money, NumberIssue, Qty};
use crate::order::{OrderAction, OrderStatus};

/// One more product short of stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shortage {
    pub sku: String,
    pub needed: Qty,
    pub available: Qty,
}

/// Why the shop's server's certificate failed its check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Distrust {
    /// Not made out to the host the address names.
    WrongHost,
    /// Not signed by an authority this counter trusts.
    UnknownAuthority,
    /// Expired, or not valid yet (or this PC's clock is wrong).
    OutOfDate,
    /// The file of trusted authorities cannot be read or holds none.
    AuthorityFile,
    /// Another failure of the check (the detail says it).
    Other,
}

/// What went wrong, with the facts a message needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    NotInitialized,
    AlreadyInitialized,
    NotFound {
        what: Entity,
        key: String,
    },
    Ambiguous {
        what: Entity,
        key: String,
        candidates: Vec<String>,
    },
    BadNumber {
        text: String,
        issue: NumberIssue,
    },
    Required,
    TooLong {
        max: u32,
    },
    BadChoice {
        text: String,
        allowed: Vec<String>,
    },
    BadDate {
        text: String,
    },
    /// Not an e-mail address (`name@example.com`).
    BadEmail {
        text: String,
    },
    /// A date range that ends before it starts.
    RangeInverted {
        from: String,
        to: String,
    },
    /// A date range longer than a report looks at.
    RangeTooLong {
        years: u32,
    },
    EmptyOrder,
    BadSetting {
        key: String,
        value: String,
    },
    UnknownSetting {
        key: String,
    },
    Duplicate {
        what: Entity,
        key: String,
    },
    /// Not enough on the shelf: the first product short, and every other one (`also`), so the
    /// shop sees them all at once.
    InsufficientStock {
        sku: String,
        needed: Qty,
        available: Qty,
        also: Vec<Shortage>,
    },
    NegativeStock {
        sku: String,
        on_hand: Qty,
        change: Qty,
    },
    CreditLimit {
        limit: Money,
        exposure: Money,
        order_total: Money,
    },
    BelowCost {
        sku: String,
    },
    WrongState {
        number: String,
        status: OrderStatus,
        action: OrderAction,
    },
    OverDelivery {
        sku: String,
        remaining: Qty,
        asked: Qty,
    },
    NothingToDeliver {
        number: String,
    },
    /// Invoicing more of a line than was ordered (or, by default, delivered) and not yet invoiced.
    OverInvoice {
        sku: String,
        remaining: Qty,
        asked: Qty,
    },
    NothingToInvoice {
        number: String,
    },
    /// Crediting more of an invoice line than is left uncredited.
    OverCredit {
        sku: String,
        remaining: Qty,
        asked: Qty,
    },
    NothingToCredit {
        number: String,
    },
    /// A credit note is credited through its invoice, not itself.
    NotAnInvoice {
        number: String,
    },
    /// A refund or allocation larger than the customer's unallocated credit.
    NotEnoughCredit {
        available: Money,
        asked: Money,
    },
    /// Allocating more to an invoice than is open on it.
    OverAllocation {
        invoice: String,
        open: Money,
        asked: Money,
    },
    /// A payment reversed a second time, or a reversal reversed.
    AlreadyReversed {
        number: String,
    },
    /// Reversing a receipt whose money was partly paid back (reverse the refund first).
    ReceiptRefunded {
        number: String,
    },
    /// Returning more of a line than was delivered and not yet returned.
    OverReturn {
        sku: String,
        returnable: Qty,
        asked: Qty,
    },
    /// A delivery to a customer over the credit limit: blocked, or the owner's to approve.
    DeliveryOverCredit {
        limit: Money,
        exposure: Money,
        owner_may_approve: bool,
    },
    /// A document could not be drawn or written (a file that can't be created, a bad logo).
    PrintFailed {
        detail: String,
    },
    /// No printer for this paper: none chosen in the settings and the system has no default.
    NoPrinter {
        paper: String,
    },
    /// The chosen printer is not (or no longer) installed on this computer.
    NoSuchPrinter {
        printer: String,
    },
    /// The system's print spooler did not take the job.
    PrinterRefused {
        printer: String,
        detail: String,
    },
    /// The system could not open a file or folder (no PDF viewer, no file manager).
    OpenFailed {
        path: String,
        detail: String,
    },
    BelowDelivered {
        sku: String,
        delivered: Qty,
    },
    /// Changing a line below what invoices already billed (credit the invoice first).
    BelowInvoiced {
        sku: String,
        invoiced: Qty,
    },
    Inactive {
        sku: String,
    },
    /// The operator's role may not take this action by itself (an owner's PIN on the spot
    /// approves it).
    NotAllowed {
        action: crate::people::Action,
    },
    ChangeNeedsApproval,
    WrongPin {
        operator: String,
        /// Wrong PINs left before the operator is locked (0: locked now).
        tries_left: u32,
    },
    /// Too many wrong PINs: the operator is locked for this many more seconds.
    PinLocked {
        operator: String,
        seconds: i64,
    },
    /// An approval on the spot came from an operator who is not an owner.
    ApproverNotOwner {
        operator: String,
    },
    /// The operator was deactivated: they no longer sign in or act.
    OperatorInactive {
        operator: String,
    },
    /// The change would leave the shop with no active owner.
    LastOwner,
    /// A PIN is 4 to 12 digits (what was typed is never repeated back).
    PinFormat,
    /// With a second person at the counter, every owner signs in and approves with a PIN:
    /// this owner has none (or would have none).
    OwnerNeedsPin {
        owner: String,
    },
    /// The window has nobody signed in, and the shop asks who is at the counter.
    SignInNeeded,
    RequestReused {
        request_id: String,
    },
    Storage {
        detail: String,
    },
    Cancelled,
    /// The backup folder is not there (a USB drive unplugged?).
    BackupFolderMissing {
        folder: String,
    },
    /// The backup could not be written (read-only folder, disk full, …).
    BackupWriteFailed {
        folder: String,
        detail: String,
    },
    /// The backup was written but did not verify.
    BackupUnverified {
        detail: String,
    },
    /// A backup file that is damaged or not a Kaidan backup.
    BackupDamaged {
        file: String,
        detail: String,
    },
    /// A backup made by a newer Kaidan.
    BackupTooNew {
        version: i64,
        supported: i64,
    },
    /// The shop's database failed its check at open; nothing is written to it.
    DatabaseDamaged {
        detail: String,
        newest_backup: Option<String>,
    },
    /// Restoring replaces the shop's data: it needs an explicit yes.
    RestoreNotConfirmed,
    /// This copy of Kaidan has no update address and key (a development or self-built copy).
    UpdatesOff,
    /// The update server did not answer or answered nonsense (offline, a proxy, a typo).
    UpdateCheckFailed {
        detail: String,
    },
    /// A downloaded update whose signature does not match Kaidan's key: never installed.
    UpdateRefused {
        detail: String,
    },
    /// An import is running: Kaidan does not update itself under it.
    UpdateBusy,
    /// A new version is being installed and Kaidan restarts in a moment: no write now.
    UpdateRestarting,
    /// The installer did not run; the backup made just before is named. `program_left`: the
    /// installer moved the old program aside and could not put it back (macOS), where it is.
    UpdateFailed {
        detail: String,
        backup: Option<String>,
        program_left: Option<String>,
    },
    /// The server answered, but offers nothing this computer can install (no release yet, no
    /// package for this system).
    UpdateUnavailable {
        detail: String,
    },
    /// A download of the update is already running (in the other update box).
    UpdateDownloading,
    /// The shop's server did not answer (the network, the server PC, a wrong address or
    /// password). The counter keeps working; what it did waits to be sent.
    ServerUnreachable {
        detail: String,
    },
    /// The shop's server's certificate failed the check its address asks for
    /// (`sslmode=verify-ca` / `verify-full`): not signed by the trusted authority, or not made
    /// out to the address's host. Nothing was sent.
    ServerNotTrusted {
        why: Distrust,
        detail: String,
    },
    /// The shop's server answered and refused (not a registered counter, a change missing, a
    /// server of another format).
    ServerRefused {
        detail: String,
    },
    /// This counter has no server (a shop on one PC).
    NoServer,
    /// A sync (or the making of the server) is running: one at a time.
    SyncRunning,
    /// This counter is already linked to a server.
    AlreadyLinked {
        server: String,
    },
    /// A counter's code that is not 1–8 capital letters or digits starting with a letter.
    DeviceCodeFormat {
        given: String,
    },
    /// A counter of this code is already registered on the shop's server.
    DeviceCodeTaken {
        code: String,
    },
    /// Joining a shop makes a new file: this one exists.
    JoinNeedsNewFile {
        path: String,
    },
    /// Nothing downloaded to install (the offer changed, or none was found yet).
    UpdateNotReady,
    /// An import file that cannot be read or understood.
    ImportFile {
        detail: String,
    },
    /// The dry run found errors: nothing is imported. The first is named where it is.
    ImportHasErrors {
        count: u32,
        row: u32,
        letter: Option<String>,
        header: Option<String>,
        problem: crate::sheet::SheetProblem,
    },
    /// A row the write refused (the dry run has no rule it lacks: this is a safety net). The
    /// inner message is already in the user's language.
    ImportRowRefused {
        row: u32,
        detail: String,
    },
    /// The same file (or sheet of a workbook) was imported already and not undone.
    ImportedBefore {
        sheet: Option<String>,
        at: String,
        batch: String,
    },
    /// A record made or changed since depends on the batch (an order, a payment, a product's stock).
    ImportUndoBlocked {
        record: String,
    },
    /// The window restores only a backup it listed (beside the data file when the data file is
    /// damaged): it names no other file.
    BackupNotListed {
        file: String,
    },
    /// A file handed over for importing is no longer there (the window was restarted).
    UploadGone,
    /// What is wrong with a sheet being imported (its header, a row, a cell), worded by the
    /// catalogue.
    Sheet {
        problem: crate::sheet::SheetProblem,
    },
    /// The database holds a value Kaidan does not know where a closed set is stored (a status,
    /// a kind): written behind Kaidan's back or damaged. Never read as a default.
    UnknownStored {
        column: String,
        value: String,
    },
}

impl Problem {
    pub fn code(&self) -> ErrorCode {
        use Problem::*;
        match self {
            NotInitialized => ErrorCode::NotInitialized,
            NotFound { .. } => ErrorCode::NotFound,
            Ambiguous { .. } => ErrorCode::Ambiguous,
            BadNumber { .. }
            | Required
            | TooLong { .. }
            | BadChoice { .. }
            | BadDate { .. }
            | BadEmail { .. }
            | RangeInverted { .. }
            | RangeTooLong { .. }
            | EmptyOrder
            | BadSetting { .. }
            | UnknownSetting { .. }
            | BelowDelivered { .. }
            | BelowInvoiced { .. }
            | Inactive { .. } => ErrorCode::Invalid,
            Duplicate { .. } => ErrorCode::Duplicate,
            InsufficientStock { .. } | NegativeStock { .. } => ErrorCode::InsufficientStock,
            CreditLimit { .. } => ErrorCode::CreditLimit,
            BelowCost { .. } => ErrorCode::BelowCost,
            WrongState { .. } | NothingToDeliver { .. } | NothingToInvoice { .. } | NothingToCredit { .. } | NotAnInvoice { .. } => {
                ErrorCode::WrongState
            }
            OverDelivery { .. } | OverInvoice { .. } | OverCredit { .. } => ErrorCode::OverDelivery,
            PrintFailed { .. } | OpenFailed { .. } | NoPrinter { .. } | NoSuchPrinter { .. } | PrinterRefused { .. } => {
                ErrorCode::PrintFailed
            }
            NotEnoughCredit { .. } | OverAllocation { .. } => ErrorCode::Invalid,
            AlreadyReversed { .. } | ReceiptRefunded { .. } => ErrorCode::WrongState,
            OverReturn { .. } => ErrorCode::OverDelivery,
            DeliveryOverCredit { .. } => ErrorCode::CreditLimit,
            NotAllowed { .. }
            | ChangeNeedsApproval
            | WrongPin { .. }
            | PinLocked { .. }
            | ApproverNotOwner { .. }
            | OperatorInactive { .. }
            | SignInNeeded => ErrorCode::Forbidden,
            LastOwner | OwnerNeedsPin { .. } | PinFormat => ErrorCode::Invalid,
            AlreadyInitialized | RequestReused { .. } => ErrorCode::Conflict,
            Storage { .. } => ErrorCode::Storage,
            Cancelled => ErrorCode::Cancelled,
            BackupFolderMissing { .. } | BackupWriteFailed { .. } | BackupUnverified { .. } => ErrorCode::BackupFailed,
            BackupDamaged { .. } | BackupTooNew { .. } | RestoreNotConfirmed => ErrorCode::Invalid,
            UpdatesOff
            | UpdateCheckFailed { .. }
            | UpdateRefused { .. }
            | UpdateFailed { .. }
            | UpdateUnavailable { .. }
            | UpdateNotReady => ErrorCode::UpdateFailed,
            UpdateBusy | UpdateRestarting | UpdateDownloading => ErrorCode::Conflict,
            ServerUnreachable { .. } | ServerRefused { .. } | ServerNotTrusted { .. } | NoServer => ErrorCode::SyncFailed,
            AlreadyLinked { .. } | SyncRunning => ErrorCode::Conflict,
            DeviceCodeFormat { .. } | JoinNeedsNewFile { .. } => ErrorCode::Invalid,
            DeviceCodeTaken { .. } => ErrorCode::Duplicate,
            DatabaseDamaged { .. } | UnknownStored { .. } => ErrorCode::Damaged,
            Sheet { .. } | BackupNotListed { .. } | UploadGone => ErrorCode::Invalid,
            ImportFile { .. } | ImportHasErrors { .. } | ImportedBefore { .. } | ImportRowRefused { .. } => ErrorCode::Invalid,
            ImportUndoBlocked { .. } => ErrorCode::WrongState,
        }
    }
}
