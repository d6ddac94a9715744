//! The closed kinds of records a shop keeps beside its orders: number series, audit entries,
//! import batches, backups and statement entries. Each has one text form (stored, printed in
//! JSON, typed in TypeScript); anything else read from the database is refused.

crate::closed_enum! {
    /// A device's number series (`SO-2026-000001`): the text is the series' kind and prefix.
    pub enum Series in "number_series.kind" {
        /// Sales orders.
        Order = "SO",
        /// Delivery notes (送货单).
        Delivery = "DN",
        /// Invoices (销售单).
        Invoice = "INV",
        /// Credit notes (冲销单).
        CreditNote = "CN",
        /// Receipts, refunds and reversals of payments.
        Payment = "RC",
        /// Returns (退货单).
        Return = "RT",
    }
}

crate::closed_enum! {
    /// What an audit entry is about.
    pub enum AuditEntity in "audit_log.entity" {
        Order = "order",
        Product = "product",
        Customer = "customer",
        Payment = "payment",
        Invoice = "invoice",
        ImportBatch = "import_batch",
        Operator = "operator",
        Setting = "setting",
        /// The shop's own details (名称, 地址, 税号…).
        Company = "company",
    }
}

crate::closed_enum! {
    /// What was done, as the audit log keeps it. Every value any version of Kaidan wrote is
    /// here (a shop's log keeps them for ever).
    pub enum AuditAction in "audit_log.action" {
        Create = "create",
        Update = "update",
        Confirm = "confirm",
        Approve = "approve",
        Change = "change",
        Cancel = "cancel",
        /// A partly delivered order cancelled: it keeps what was delivered.
        CancelRemainder = "cancel_remainder",
        Deliver = "deliver",
        Return = "return",
        Import = "import",
        /// Written by early versions for history orders of an import.
        ImportHistory = "import_history",
        Undo = "undo",
        Issue = "issue",
        Credit = "credit",
        Receive = "receive",
        Refund = "refund",
        Reverse = "reverse",
        Allocate = "allocate",
        /// Stock came in for a backorder: what waited is reserved.
        Reserve = "reserve",
        /// An operator no longer signs in or acts (the row stays: the log names them).
        Deactivate = "deactivate",
        /// A deactivated operator back at the counter.
        Reactivate = "reactivate",
    }
}

crate::closed_enum! {
    /// What a sheet holds, and so what an import batch made.
    pub enum ImportKind in "import_batch.kind" {
        Orders = "orders",
        Products = "products",
        Customers = "customers",
    }
}

crate::closed_enum! {
    /// Whether an import batch still stands.
    pub enum ImportStatus in "import_batch.status" {
        Imported = "imported",
        Undone = "undone",
    }
}

crate::closed_enum! {
    /// Why a backup was made. Only `auto` backups are pruned by the retention rule.
    pub enum BackupKind in "backup_log.kind" {
        Auto = "auto",
        Manual = "manual",
        /// Taken by a restore, of the data it is about to replace.
        Safety = "safety",
        /// Taken just before Kaidan installs a new version of itself.
        Update = "update",
    }
}

crate::closed_enum! {
    /// One entry of a customer's statement (对账单).
    pub enum StatementEntry in "statement entry" {
        /// The balance brought forward: the first line of a printed statement.
        Opening = "opening",
        Invoice = "invoice",
        CreditNote = "credit_note",
        Receipt = "receipt",
        Refund = "refund",
        Reversal = "reversal",
    }
}
