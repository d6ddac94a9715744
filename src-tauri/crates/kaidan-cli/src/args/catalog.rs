//! Products, customers and stock: their subcommands and the fields shared by add and edit.

use clap::{Args, Subcommand};
use kaidan_api::{CustomerInput, ProductInput};

// A page of a list: what to look for, how many, and where the previous page ended.
#[derive(Args)]
pub(crate) struct PageArgs {
    #[arg(long)]
    pub search: Option<String>,
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
    /// The last item of the previous page (a product's SKU, a customer's name): its
    /// `next_cursor`.
    #[arg(long)]
    pub after: Option<String>,
}

#[derive(Args, Default)]
pub(crate) struct ProductFields {
    #[arg(long)]
    sku: Option<String>,
    #[arg(long)]
    barcode: Option<String>,
    #[arg(long)]
    name: Option<String>,
    /// 规格/型号.
    #[arg(long)]
    spec: Option<String>,
    #[arg(long)]
    unit: Option<String>,
    #[arg(long)]
    price: Option<String>,
    #[arg(long)]
    cost: Option<String>,
    /// Percent, e.g. 13.
    #[arg(long)]
    tax_rate: Option<String>,
    #[arg(long)]
    reorder_point: Option<String>,
    #[arg(long)]
    active: Option<bool>,
}

impl ProductFields {
    pub(crate) fn input(self) -> ProductInput {
        ProductInput {
            sku: self.sku,
            barcode: self.barcode,
            name: self.name,
            spec: self.spec,
            unit: self.unit,
            price: self.price,
            cost: self.cost,
            tax_rate: self.tax_rate,
            reorder_point: self.reorder_point,
            active: self.active,
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum ProductCmd {
    Add(ProductFields),
    /// Change a product (by SKU or barcode); options not given stay as they are.
    Edit {
        key: String,
        #[command(flatten)]
        fields: ProductFields,
    },
    List(PageArgs),
    Show {
        key: String,
    },
}

#[derive(Args, Default)]
pub(crate) struct CustomerFields {
    #[arg(long)]
    name: Option<String>,
    #[arg(long = "contact")]
    contact_person: Option<String>,
    /// Repeat for several numbers.
    #[arg(long = "phone")]
    phones: Vec<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    region: Option<String>,
    /// The customer's e-mail address (empty to clear it).
    #[arg(long)]
    email: Option<String>,
    /// Empty for no limit.
    #[arg(long)]
    credit_limit: Option<String>,
    /// Payment terms in days.
    #[arg(long)]
    terms: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

impl CustomerFields {
    pub(crate) fn input(self) -> CustomerInput {
        CustomerInput {
            name: self.name,
            contact_person: self.contact_person,
            phones: if self.phones.is_empty() { None } else { Some(self.phones) },
            address: self.address,
            region: self.region,
            email: self.email,
            credit_limit: self.credit_limit,
            payment_terms_days: self.terms,
            notes: self.notes,
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum CustomerCmd {
    Add(CustomerFields),
    Edit {
        key: String,
        #[command(flatten)]
        fields: CustomerFields,
    },
    List(PageArgs),
    /// A customer with credit limit, open orders, unpaid amount and credit left.
    Show {
        key: String,
    },
    /// The customer's history, the newest first: the customer's own entries and those of
    /// their orders, invoices and payments, each with who did it.
    History {
        key: String,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
}

#[derive(Subcommand)]
pub(crate) enum StockCmd {
    /// Goods in (purchase receipt).
    Receive {
        sku: String,
        qty: String,
        /// Unit cost paid.
        #[arg(long)]
        cost: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// A signed correction with a reason.
    Adjust {
        sku: String,
        #[arg(allow_hyphen_values = true)]
        change: String,
        #[arg(long)]
        reason: String,
    },
    /// Stocktake (盘点): SKU=COUNTED … ; differences become movements.
    Take {
        #[arg(required = true)]
        counts: Vec<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// On hand, reserved and available.
    Show {
        sku: Option<String>,
        /// Only products at or below their reorder point.
        #[arg(long)]
        low: bool,
        #[arg(long, default_value_t = 1000)]
        limit: u32,
    },
    /// The movement ledger, newest first.
    Moves {
        sku: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        before: Option<String>,
    },
}
