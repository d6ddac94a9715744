//! Old sheets being imported: what a column holds ([`SheetField`]), what can be wrong with a
//! file ([`SheetReadError`]) or with a cell, a row or the header ([`SheetProblem`]). kaidan-import
//! finds them as these typed values; their words are in the catalogue
//! ([`crate::text::problems`], [`crate::text::vocab`]), so every message reads whole in the
//! user's language.

use serde::Serialize;

use crate::fixed::{Money, UnitPrice};

crate::closed_enum! {
    /// What a column of an imported sheet holds.
    #[ts(rename = "Field")]
    pub enum SheetField in "import column (not stored)" {
        OrderNo = "order_no",
        Customer = "customer",
        Phone = "phone",
        Address = "address",
        /// A city, province (state) or country kept beside the address: joined onto it.
        City = "city",
        Province = "province",
        Country = "country",
        Product = "product",
        Sku = "sku",
        Spec = "spec",
        Unit = "unit",
        Qty = "qty",
        UnitPrice = "unit_price",
        Amount = "amount",
        Discount = "discount",
        OrderDate = "order_date",
        DeliverBy = "deliver_by",
        Notes = "notes",
        // product and customer lists
        Barcode = "barcode",
        Cost = "cost",
        TaxRate = "tax_rate",
        /// Opening stock of a product list.
        Stock = "stock",
        ReorderPoint = "reorder_point",
        Contact = "contact",
        Region = "region",
        CreditLimit = "credit_limit",
        /// Payment terms in days.
        Terms = "terms",
        /// The customer's e-mail address.
        Email = "email",
        /// An order's status as the sheet (an online shop's export) says it.
        Status = "status",
        /// The district (区/县) kept beside the address: joined onto it after the city.
        District = "district",
        /// What the buyer paid for the whole order (an online shop's 实付金额), postage included.
        Paid = "paid",
        /// The postage the buyer paid for the order (运费, 买家应付邮费).
        Postage = "postage",
    }
}

/// A file that cannot be read as a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetReadError {
    /// Not a spreadsheet or text table we can read (named file type, and why).
    Unreadable { detail: String },
    /// The requested sheet is not in the workbook.
    NoSuchSheet { sheet: String, sheets: Vec<String> },
    /// The text is not valid in the chosen encoding.
    BadEncoding { encoding: String },
    /// A damaged workbook (why, as the checks or the reader say it).
    Damaged { detail: String },
    /// A sheet's few cells spread so far apart that reading them would take all memory (the
    /// farthest cell, as Excel names it).
    SpreadOut { cell: String },
    /// An OpenDocument sheet whose repeated cells, spread out, are more than can be read (how
    /// many: the rows and columns up to its last filled cell).
    TooManyCells { sheet: String, cells: u64 },
    /// Two files given as a pair that are not an online shop's order report and item report
    /// (Taobao's 订单报表 and 宝贝报表).
    NotAPair,
}

/// What is wrong with an imported sheet's header, a row or a cell (an error, or a warning the
/// import goes ahead with).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SheetProblem {
    /// No row among the first ones names two known columns (`lists`: a product or customer list).
    NoHeaderRow {
        lists: bool,
    },
    /// An order sheet needs a quantity column and a product or SKU column.
    NeedsQtyAndProduct,
    /// An online shop's order report (Taobao's 订单报表): each order's totals, not its items'
    /// quantities and prices — the item report of the same period is the one to import.
    OrderReportOnly {
        platform: Platform,
    },
    /// A product list needs a product name column.
    ProductListNeedsName,
    /// A customer list needs a customer name column.
    CustomerListNeedsName,
    /// The header row the user named is not in the sheet.
    RowNotInSheet {
        row: u32,
    },
    /// The header row the user named lacks columns their mapping names.
    RowLacksColumns {
        row: u32,
        missing: Vec<String>,
    },
    /// No row among the first ones has every column the user's mapping names.
    NoRowWithColumns {
        columns: Vec<String>,
    },
    /// A cell that must be filled is empty.
    Empty {
        field: SheetField,
    },
    NotANumber {
        text: String,
    },
    Negative {
        text: String,
    },
    /// A quantity must be more than 0 with at most 3 decimals.
    BadQty {
        text: String,
    },
    NotADate {
        text: String,
    },
    /// A date column writing day first in one cell (25/3/2024) and month first in another
    /// (3/25/2024): the dates that read either way are read day first.
    DateOrdersMixed {
        text: String,
        first_row: u32,
        first_text: String,
    },
    /// A date like 5/3/2024, read day first (`read`) but it might be month first.
    DayFirst {
        text: String,
        read: String,
    },
    /// A price, an amount, a rate or a count that cannot be read.
    BadValue {
        field: SheetField,
        text: String,
    },
    /// No unit price: taken from amount ÷ quantity.
    PriceFromAmount {
        price: UnitPrice,
    },
    NoPriceNoAmount,
    AmountTooLarge,
    /// The amount written differs from quantity × price.
    AmountDiffers {
        stated: Money,
        computed: Money,
    },
    /// One order number with two customers.
    TwoCustomers {
        first: String,
        second: String,
    },
    /// An order line exactly like an earlier row's (same order, product, quantity and price).
    SameAsRow {
        row: u32,
    },
    /// A date written another way than the column's first (2024/3/5 there, 05/03/2024 here): a
    /// sheet pieced together from several sources, worth a look (said once a column).
    MixedDateStyles {
        text: String,
        first_row: u32,
        first_text: String,
    },
    /// The same product or customer on an earlier row of the list.
    RepeatedRow {
        field: SheetField,
    },
    /// A product already in the shop (by SKU, else name).
    ProductExists {
        name: String,
    },
    /// A customer already in the shop.
    CustomerExists {
        name: String,
    },
    CostAbovePrice {
        cost: UnitPrice,
        price: UnitPrice,
    },
    /// Payment terms must be whole days, 0–3650.
    BadTerms {
        text: String,
    },
    /// An order sheet with no date column: every order would be dated the day of the import.
    NoDateColumn,
    /// An e-mail cell that is not an address: the customer is made without it.
    NotAnEmail {
        text: String,
    },
    /// An order whose status says it was never a sale (closed, cancelled, not paid): left out,
    /// said on its first row.
    NotASale {
        status: String,
    },
    /// An online shop's order (its number on the platform) already in the shop as `ours`, from
    /// an earlier export: not imported again.
    AlreadyInShop {
        number: String,
        ours: String,
    },
    /// Like [`SheetProblem::AlreadyInShop`], but shipped on the platform since while `ours` is not
    /// delivered in Kaidan yet: the user delivers it in Kaidan.
    ShippedSince {
        number: String,
        ours: String,
    },
    /// Like [`SheetProblem::AlreadyInShop`], but closed, cancelled or refunded on the platform
    /// since (`status`): the user cancels `ours` in Kaidan, or takes its goods back.
    ClosedSince {
        number: String,
        ours: String,
        status: String,
    },
    /// An online shop's order whose status is none of the words Kaidan knows: imported as
    /// delivered history (said once, on its first row).
    StatusNotKnown {
        status: String,
    },
    /// Orders with postage, or paid otherwise than their goods and postage (discounts), said once:
    /// an order in Kaidan has no postage or order discount yet, so each is imported at the
    /// amount of its goods (`postage` in all, `other`: what the buyers paid beyond the goods and
    /// the postage, negative for discounts).
    PostageNotKept {
        orders: u32,
        postage: Money,
        other: Money,
    },
    /// The order on this row would be refused when it is made and confirmed (open orders: short
    /// of stock, a rule that blocks it), as the write says it (`detail`, in the user's language).
    Refused {
        detail: String,
    },
    /// Columns of the header the import does not read (each by its letter and header text):
    /// said, so that nothing is dropped without a word.
    ColumnsNotImported {
        columns: Vec<(String, String)>,
    },
    /// A text longer than the shop keeps (`validate::limits`).
    TooLong {
        field: SheetField,
        max: u32,
        chars: u32,
    },
}

crate::closed_enum! {
    /// An online shop whose seller-centre order export Kaidan reads with no mapping work
    /// (recognised from the export's header).
    pub enum Platform in "import platform (not stored)" {
        /// Taobao and Tmall (one seller centre: 千牛 / 卖家中心).
        Taobao = "taobao",
        Jd = "jd",
        Pinduoduo = "pinduoduo",
        /// Douyin's shop (抖店).
        Douyin = "douyin",
        Youzan = "youzan",
    }
}

impl Platform {
    /// How the platform's buyers pay (the receipt an import records for an order paid on it):
    /// Taobao/Tmall through Alipay; the others through their own payment, "other".
    pub fn pays_by(self) -> crate::model::PayMethod {
        match self {
            Platform::Taobao => crate::model::PayMethod::Alipay,
            Platform::Jd | Platform::Pinduoduo | Platform::Douyin | Platform::Youzan => crate::model::PayMethod::Other,
        }
    }
}

crate::closed_enum! {
    /// What an order's status, as an online shop's export or a sheet writes it, says of the
    /// sale — what the import makes of the order.
    pub enum SaleState in "import order status (not stored)" {
        /// Shipped or done (交易成功, 卖家已发货, 已签收, Completed): delivered history.
        Shipped = "shipped",
        /// Paid and waiting to be shipped (买家已付款，等待卖家发货, 待发货, Awaiting shipment): an
        /// open order to deliver, confirmed and its stock reserved.
        Waiting = "waiting",
        /// Closed, cancelled, refunded or never paid (交易关闭, 已取消, 退款成功, 等待买家付款): never
        /// a sale, not imported.
        NotASale = "not_a_sale",
    }
}

/// What a status says of the sale; `None` when it says nothing Kaidan knows (no status, or
/// words of no platform): the order is imported the way the import was asked to (history, or
/// open orders). The words are those of the seller centres of Taobao/Tmall, JD, Pinduoduo,
/// Douyin and Youzan, and their English counterparts.
pub fn sale_state(status: &str) -> Option<SaleState> {
    let s: String = status.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| s.contains(w));
    // never a sale, said first: 未发货，退款成功 and 已发货，退款成功 are no sales
    const CLOSED: [&str; 12] = [
        "交易关闭",
        "已关闭",
        "订单关闭",
        "已取消",
        "订单取消",
        "取消",
        "等待买家付款",
        "等待付款",
        "待付款",
        "待支付",
        "未付款",
        "未支付",
    ];
    const REFUNDED: [&str; 4] = ["退款成功", "已退款", "全额退款", "退款完成"];
    const CLOSED_EN: [&str; 9] =
        ["closed", "cancelled", "canceled", "pendingpayment", "awaitingpayment", "unpaid", "void", "refunded", "voided"];
    if any(&CLOSED) || any(&REFUNDED) || CLOSED_EN.contains(&s.as_str()) {
        return Some(SaleState::NotASale);
    }
    // paid, waiting to be shipped (before the shipped words: 买家已付款，等待卖家发货 holds 发货)
    const WAITING: [&str; 11] =
        ["等待卖家发货", "待发货", "未发货", "等待出库", "待出库", "备货中", "待配货", "已付款", "买家已付款", "支付完成", "部分发货"];
    const WAITING_EN: [&str; 8] =
        ["paid", "awaitingshipment", "awaitingfulfillment", "unshipped", "unfulfilled", "toship", "readytoship", "processing"];
    if any(&WAITING) || WAITING_EN.contains(&s.as_str()) {
        return Some(SaleState::Waiting);
    }
    // shipped or done (a bare 完成 only as the whole status: 未完成 says nothing)
    const SHIPPED: [&str; 14] = [
        "交易成功",
        "已发货",
        "已签收",
        "已收货",
        "已完成",
        "交易完成",
        "订单完成",
        "等待确认收货",
        "等待买家确认",
        "待收货",
        "待签收",
        "已出库",
        "配送中",
        "运输中",
    ];
    const SHIPPED_EN: [&str; 7] = ["shipped", "delivered", "completed", "complete", "fulfilled", "closedcompleted", "done"];
    if any(&SHIPPED) || s == "完成" || SHIPPED_EN.contains(&s.as_str()) {
        return Some(SaleState::Shipped);
    }
    None
}

#[cfg(test)]
mod status_tests {
    use super::{sale_state, SaleState};

    #[test]
    fn closed_cancelled_refunded_and_unpaid_orders_are_no_sales() {
        for s in [
            "交易关闭",
            "交易关闭（买家取消）",
            "已取消",
            "等待买家付款",
            "待付款",
            "未发货，退款成功",
            "已发货，退款成功",
            "订单已取消",
            "等待付款",
            "待支付",
            "Cancelled",
            " closed ",
            "Pending payment",
            "Refunded",
        ] {
            assert_eq!(sale_state(s), Some(SaleState::NotASale), "{s}");
        }
    }

    #[test]
    fn each_platforms_words_say_waiting_or_shipped() {
        // Taobao/Tmall, JD, Pinduoduo, Douyin, Youzan, English shops
        for s in [
            "买家已付款，等待卖家发货",
            "等待出库",
            "待发货",
            "备货中",
            "已付款",
            "支付完成",
            "部分发货",
            "Awaiting shipment",
            "Paid",
            "Unfulfilled",
        ] {
            assert_eq!(sale_state(s), Some(SaleState::Waiting), "{s}");
        }
        for s in [
            "交易成功",
            "卖家已发货，等待买家确认",
            "等待确认收货",
            "完成",
            "已发货，待签收",
            "已签收",
            "已完成",
            "已发货",
            "待收货",
            "已出库",
            "Shipped",
            "Completed",
            "Delivered",
        ] {
            assert_eq!(sale_state(s), Some(SaleState::Shipped), "{s}");
        }
        for s in ["", "  ", "新订单", "pending", "未完成"] {
            assert_eq!(sale_state(s), None, "{s}");
        }
    }
}
