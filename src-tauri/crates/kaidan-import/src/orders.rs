//! An order sheet into draft orders: find the header, map the columns, skip titles and
//! totals, fill merged cells down, group lines into orders, and name every problem by its
//! sheet row and column. Nothing here writes anything.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::NaiveDate;
use kaidan_core::sheet::SheetProblem;
use kaidan_core::totals::{line_amounts, LineInput};
use kaidan_core::{Lang, Money, Qty, Rate, Sign, TaxMode, UnitPrice};
use serde::Serialize;

use crate::normalize::{date, is_total_row, number_text, DateOrder, DateRead};
use crate::read::{Cell, Grid};

/// What a column holds (kaidan-core's [`SheetField`]).
pub use kaidan_core::sheet::SheetField as Field;

/// Order-level fields: a blank under a merged cell repeats the value above.
fn order_level(f: Field) -> bool {
    matches!(
        f,
        Field::OrderNo
            | Field::Customer
            | Field::Phone
            | Field::Address
            | Field::City
            | Field::Province
            | Field::Country
            | Field::Email
            | Field::Status
            | Field::OrderDate
            | Field::DeliverBy
            | Field::District
            | Field::Paid
            | Field::Postage
    )
}

/// The header dictionary (Chinese and English names people use).
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::OrderNo,
        &[
            "单号",
            "订单号",
            "订单编号",
            "单据号",
            "单据编号",
            "销售单号",
            "orderno",
            "ordernumber",
            "order#",
            "invoiceno",
            "invoicenumber",
            "invoice#",
            "orderid",
            "salesorderno",
            "主订单编号",
            "no",
        ],
    ),
    (
        Field::Customer,
        &[
            "客户",
            "客户名称",
            "客户名",
            "单位",
            "单位名称",
            "购货单位",
            "收货单位",
            "买家",
            "买家会员名",
            "买家昵称",
            "下单帐号",
            "下单账号",
            "customer",
            "customername",
            "client",
            "billto",
            "company",
            "companyname",
        ],
    ),
    (
        Field::Phone,
        &[
            "电话",
            "联系电话",
            "手机",
            "手机号",
            "联系手机",
            "联系方式",
            "收件人手机号",
            "收货人手机号",
            "phone",
            "phonenumber",
            "tel",
            "telephone",
            "mobile",
        ],
    ),
    (
        Field::Address,
        &[
            "地址",
            "收货地址",
            "送货地址",
            "详细地址",
            "address",
            "shippingaddress",
            "billingaddress",
            "deliveryaddress",
            "street",
            "address1",
        ],
    ),
    (Field::City, &["城市", "市", "所在城市", "收货城市", "city", "town", "billingcity", "shippingcity", "shipcity"]),
    (
        Field::Province,
        &[
            "省",
            "省份",
            "所在省份",
            "州",
            "province",
            "state",
            "stateprovince",
            "billingstate",
            "shippingstate",
            "billingprovince",
            "shippingprovince",
        ],
    ),
    (Field::Country, &["国家", "国家/地区", "country", "countryregion", "billingcountry", "shippingcountry", "shipcountry"]),
    (
        Field::Product,
        &[
            "商品",
            "品名",
            "商品名称",
            "产品",
            "产品名称",
            "货品",
            "货品名称",
            "名称",
            "标题",
            "商品标题",
            "宝贝标题",
            "宝贝名称",
            "选购商品",
            "product",
            "productname",
            "item",
            "itemname",
            "description",
        ],
    ),
    (
        Field::Sku,
        &["编码", "商品编码", "产品编码", "商家编码", "商品编号", "货号", "sku", "itemcode", "productcode", "partno", "partnumber", "code"],
    ),
    (Field::Spec, &["规格", "型号", "规格型号", "spec", "model", "size"]),
    (Field::Unit, &["单位名", "计量单位", "unit", "uom"]),
    (Field::Qty, &["数量", "购买数量", "商品数量", "订购数量", "qty", "quantity", "数目", "件数"]),
    (Field::UnitPrice, &["单价", "价格", "售价", "商品单价", "京东价", "unitprice", "price", "rate"]),
    (Field::Amount, &["金额", "小计", "总价", "合计金额", "amount", "linetotal", "total"]),
    (Field::Discount, &["折扣", "折扣率", "discount"]),
    (
        Field::OrderDate,
        &[
            "日期",
            "下单日期",
            "下单时间",
            "订单日期",
            "开单日期",
            "订单创建时间",
            "创建时间",
            "成交时间",
            "orderdate",
            "invoicedate",
            "salesdate",
            "date",
        ],
    ),
    (Field::DeliverBy, &["交货日期", "送货日期", "发货日期", "交期", "deliverydate", "deliverby"]),
    (Field::Notes, &["备注", "说明", "notes", "note", "remark", "remarks", "memo"]),
    (Field::Barcode, &["条码", "条形码", "商品条码", "barcode", "ean", "upc"]),
    (Field::Cost, &["成本", "成本价", "进价", "进货价", "采购价", "cost", "costprice"]),
    (Field::TaxRate, &["税率", "taxrate", "tax", "vat"]),
    (Field::Stock, &["库存", "期初库存", "库存数量", "期初数量", "现有库存", "stock", "openingstock", "onhand", "instock"]),
    (Field::ReorderPoint, &["补货点", "再订货点", "最低库存", "安全库存", "库存下限", "reorderpoint", "minstock", "minimumstock"]),
    (Field::Contact, &["联系人", "收货人", "收货人姓名", "contact", "contactperson"]),
    (Field::Region, &["区域", "地区", "片区", "region", "area"]),
    (Field::CreditLimit, &["信用额度", "额度", "赊账额度", "creditlimit", "credit"]),
    (Field::Email, &["邮箱", "电子邮箱", "电子邮件", "邮箱地址", "买家邮箱", "客户邮箱", "email", "emailaddress", "mail", "customeremail"]),
    (Field::Status, &["订单状态", "交易状态", "status", "orderstatus"]),
    (Field::District, &["区", "区县", "区/县", "所在区", "收货区县", "district"]),
    (
        Field::Paid,
        &[
            "实付",
            "实付金额",
            "实付款",
            "买家实付",
            "买家实际支付金额",
            "用户实付金额",
            "订单实付金额",
            "amountpaid",
            "totalpaid",
            "paidamount",
        ],
    ),
    (Field::Postage, &["运费", "邮费", "买家应付邮费", "运费金额", "postage", "shipping", "shippingfee", "shippingcost", "freight"]),
    (Field::Terms, &["账期", "账期天数", "付款期", "付款天数", "terms", "paymentterms", "paymentdays"]),
];

pub(crate) fn header_key(text: &str) -> String {
    let t = crate::normalize::halfwidth(text).to_lowercase();
    let t = t.split(['(', '（']).next().unwrap_or(&t).to_string();
    t.chars().filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '.' | '_' | '-' | '*')).collect()
}

/// The field a header names, if any. "单位" alone is the customer column (购货单位); the unit of
/// measure is usually "计量单位".
pub fn field_of(header: &str) -> Option<Field> {
    let k = header_key(header);
    HEADERS.iter().find(|(_, names)| names.contains(&k.as_str())).map(|(f, _)| *f)
}

/// Column → field, by column index.
pub type Mapping = BTreeMap<usize, Field>;

/// A mapping as the user gives it (the wizard, `kaidan import --mapping FILE`): the header
/// row's sheet row number (1-based, as in messages) and, by header text as written in the
/// file, the field each column holds. Columns not named are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct MappingSpec {
    pub header_row: Option<u32>,
    pub columns: BTreeMap<String, Field>,
}

/// The header row's texts, joined: files with the same header share a remembered mapping.
pub fn header_signature(grid: &Grid, row_index: usize) -> String {
    grid.rows.get(row_index).map(|(_, cells)| cells.iter().map(|c| c.text()).collect::<Vec<_>>().join("\u{1f}")).unwrap_or_default()
}

/// Turns a user's mapping into a header row index and column mapping. With no header row
/// given, the row whose texts carry every named column among the first 30.
pub fn apply_mapping(grid: &Grid, spec: &MappingSpec) -> Result<(usize, Mapping), SheetProblem> {
    let fits = |i: usize| -> Option<Mapping> {
        let cells = &grid.rows.get(i)?.1;
        let mut m = Mapping::new();
        for (name, f) in &spec.columns {
            let c = cells.iter().position(|cell| cell.text() == name.trim())?;
            m.insert(c, *f);
        }
        Some(m)
    };
    match spec.header_row {
        Some(row) => {
            let i = grid.rows.iter().position(|(r, _)| *r == row).ok_or(SheetProblem::RowNotInSheet { row })?;
            fits(i).map(|m| (i, m)).ok_or_else(|| {
                let missing = spec.columns.keys().filter(|n| !grid.rows[i].1.iter().any(|c| c.text() == n.trim())).cloned().collect();
                SheetProblem::RowLacksColumns { row, missing }
            })
        }
        None => (0..grid.rows.len().min(30))
            .find_map(|i| fits(i).map(|m| (i, m)))
            .ok_or_else(|| SheetProblem::NoRowWithColumns { columns: spec.columns.keys().cloned().collect() }),
    }
}

/// The mapping's header texts (for remembering it, and for the user to edit).
pub fn mapping_spec(grid: &Grid, header: usize, mapping: &Mapping) -> MappingSpec {
    let cells = &grid.rows[header].1;
    MappingSpec {
        header_row: Some(grid.rows[header].0),
        columns: mapping.iter().filter_map(|(c, f)| cells.get(*c).map(|cell| (cell.text(), *f))).filter(|(t, _)| !t.is_empty()).collect(),
    }
}

/// The header row (the first 30 rows' best match, at least two known fields) and its mapping.
/// A column headed exactly "单位" is the buying company (购货单位) or the unit of measure: it is
/// the unit when another column names the customer, or when its cells read like units (个, 把,
/// 盒, kg — short words without digits).
pub fn guess_header(grid: &Grid) -> Option<(usize, Mapping)> {
    // an online shop's export is read with its own mapping
    if let Some((i, m, _)) = crate::platforms::guess_platform_header(grid) {
        return Some((i, m));
    }
    let mut best: Option<(usize, Mapping)> = None;
    for (i, (_, cells)) in grid.rows.iter().enumerate().take(30) {
        let mut m = Mapping::new();
        let mut used = BTreeSet::new();
        // each header's field, and whether it is the bare "单位"
        let read: Vec<(Option<Field>, bool)> = cells.iter().map(|c| (field_of(&c.text()), header_key(&c.text()) == "单位")).collect();
        let named_customer = read.iter().any(|&(f, bare)| !bare && f == Some(Field::Customer));
        for (c, &(f, bare)) in read.iter().enumerate() {
            let f = match f {
                Some(Field::Customer) if bare && (named_customer || cells_read_as_units(grid, i, c)) => Some(Field::Unit),
                f => f,
            };
            if let Some(f) = f {
                if used.insert(f) {
                    m.insert(c, f);
                }
            }
        }
        if m.len() >= 2 && best.as_ref().map(|(_, b)| m.len() > b.len()).unwrap_or(true) {
            best = Some((i, m));
        }
    }
    best
}

/// Whether the filled cells under a header (up to 50 rows) read like units of measure: most
/// are one to three characters without digits (个, 把, 盒, 米, kg, pcs).
fn cells_read_as_units(grid: &Grid, header: usize, col: usize) -> bool {
    let texts: Vec<String> = grid
        .rows
        .iter()
        .skip(header + 1)
        .take(50)
        .filter_map(|(_, cells)| cells.get(col).map(|c| c.text()))
        .filter(|t| !t.trim().is_empty())
        .collect();
    let unit_like = texts.iter().filter(|t| (1..=3).contains(&t.trim().chars().count()) && !t.chars().any(|c| c.is_ascii_digit())).count();
    !texts.is_empty() && unit_like * 5 >= texts.len() * 4
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DraftLine {
    pub row: u32,
    pub sku: Option<String>,
    pub product: Option<String>,
    pub spec: Option<String>,
    pub unit: Option<String>,
    pub qty: Qty,
    pub unit_price: UnitPrice,
    pub discount: Rate,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DraftOrder {
    pub number: Option<String>,
    pub customer: String,
    pub phone: Option<String>,
    pub address: Option<String>,
    /// Kept on the customer when the import makes them.
    pub email: Option<String>,
    #[ts(type = "string | null")]
    pub order_date: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub deliver_by: Option<NaiveDate>,
    pub notes: Option<String>,
    pub lines: Vec<DraftLine>,
    /// What an online shop's export says of the sale: shipped orders are history, waiting ones
    /// open orders to deliver; `None` when it says nothing, and for any other sheet.
    #[serde(default)]
    pub state: Option<kaidan_core::sheet::SaleState>,
    /// What the buyer paid for the whole order, as the sheet says it (postage included).
    #[serde(default)]
    pub paid: Option<Money>,
    /// The order's postage, as the sheet says it.
    #[serde(default)]
    pub postage: Option<Money>,
}

/// A problem with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Issue {
    pub row: u32,
    /// The column's header as written in the file (or its letter when it has none).
    pub column: Option<String>,
    /// The column's letter as a spreadsheet shows it (`J`).
    pub letter: Option<String>,
    /// What is wrong, as a typed value (kaidan-core's catalogue words it).
    pub problem: SheetProblem,
    /// The problem in the user's language (the catalogue's words, filled by [`DryRun::worded`]).
    pub message: String,
    /// Where and what as one sentence in the user's language: `第 188 行 J 列「Product」：…`.
    pub whole: String,
}

impl Issue {
    /// A problem of a whole row, in no one column (the header row's, an order's), to be worded
    /// by [`DryRun::worded`].
    pub fn of_row(row: u32, problem: SheetProblem) -> Self {
        Issue { row, column: None, letter: None, problem, message: String::new(), whole: String::new() }
    }
}

impl DraftLine {
    /// The product as the sheet names it, as one text: `#` and its code, or its name (and
    /// ` | ` and its spec when it has one) — the key the wizard's choices of an existing product
    /// are given and remembered by.
    pub fn sheet_product(&self) -> String {
        match self.product_key() {
            (Some(sku), _, _) => format!("#{sku}"),
            (None, name, Some(spec)) if !spec.is_empty() => format!("{} | {spec}", name.unwrap_or_default()),
            (None, name, _) => name.unwrap_or_default().to_string(),
        }
    }

    /// The product the line means, as the shop looks it up: by its code when the sheet gives
    /// one, else by its name and spec.
    pub fn product_key(&self) -> ProductKey<'_> {
        match &self.sku {
            Some(_) => (self.sku.as_deref(), None, None),
            None => (None, self.product.as_deref(), self.spec.as_deref()),
        }
    }
}

/// A product as a sheet's line names it: (code, or else name and spec).
pub type ProductKey<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);

/// A product an order sheet names that the shop does not have by that code or name: made by
/// the import, unless the user said which of the shop's products it is (`mapped_to`, its code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct NewProduct {
    /// [`DraftLine::sheet_product`]: what a choice of an existing product is given by.
    pub key: String,
    pub sku: Option<String>,
    pub name: Option<String>,
    pub spec: Option<String>,
    pub unit: Option<String>,
    /// The first row that names it, and how many lines do.
    pub row: u32,
    pub lines: u32,
    /// The shop's product (its code) the user chose for it, now or in an earlier import.
    pub mapped_to: Option<String>,
}

impl DraftOrder {
    /// What the order's lines come to.
    pub fn amount(&self) -> Money {
        self.lines.iter().map(|l| l.amount).sum()
    }

    /// Whether an online shop's export says the order is paid and waits to be shipped.
    pub fn waits(&self) -> bool {
        self.state == Some(kaidan_core::sheet::SaleState::Waiting)
    }
}

impl DryRun {
    /// The orders the sheet gives no date (no date column, a blank date cell) dated `date`, as
    /// the user answered the warning that the sheet has no date column (which is then answered);
    /// without an answer, as they are.
    pub fn dated(mut self, date: Option<NaiveDate>) -> Self {
        let Some(date) = date else { return self };
        for o in &mut self.drafts {
            o.order_date.get_or_insert(date);
        }
        self.warnings.retain(|w| w.problem != SheetProblem::NoDateColumn);
        self
    }

    /// The counts and sums of the drafts — orders, lines, total, those waiting to be shipped, and
    /// the postage said once — again, after some were left out (the dry run of open orders
    /// leaves out those the rules refuse).
    pub fn recount(&mut self) {
        self.orders = self.drafts.len();
        self.lines = self.drafts.iter().map(|o| o.lines.len()).sum();
        self.total = self.drafts.iter().map(DraftOrder::amount).sum();
        self.waiting = self.drafts.iter().filter(|o| o.waits()).count();
        self.warnings.retain(|w| !matches!(w.problem, SheetProblem::PostageNotKept { .. }));
        self.warnings.extend(postage_not_kept(&self.drafts, self.header_row));
        self.warnings.sort_by_key(|i| i.row);
    }

    /// Every error and warning worded in `lang` by the catalogue.
    pub fn worded(mut self, lang: Lang) -> Self {
        for i in self.errors.iter_mut().chain(self.warnings.iter_mut()) {
            i.message = i.problem.text(lang);
            let whole = kaidan_core::text::sheet::located(lang, i.row, i.letter.as_deref(), i.column.as_deref(), &i.message);
            // a sentence of its own: capitalised in English (located() is also used mid-sentence)
            let mut c = whole.chars();
            i.whole = c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
        }
        self
    }
}

/// What importing would do. Nothing has been written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DryRun {
    /// orders, products or customers.
    pub kind: String,
    pub sheet: String,
    pub header_row: u32,
    pub mapping: BTreeMap<String, Field>,
    pub orders: usize,
    pub lines: usize,
    pub customers_new: usize,
    pub products_new: usize,
    pub total: Money,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
    pub skipped_rows: Vec<u32>,
    pub drafts: Vec<DraftOrder>,
    /// An order sheet's products the shop does not have (by code, else by name and spec), in
    /// the sheet's order; `products_new` counts those that will be made (not mapped).
    #[serde(default)]
    pub new_products: Vec<NewProduct>,
    /// A product list's rows.
    pub products: Vec<crate::lists::DraftProduct>,
    /// A customer list's rows.
    pub customers: Vec<crate::lists::DraftCustomer>,
    /// Where the mapping came from: guessed, given, or saved (remembered for this header).
    pub mapping_source: String,
    /// The online shop whose export the sheet is (recognised from its header).
    #[serde(default)]
    pub platform: Option<kaidan_core::sheet::Platform>,
    /// Of `orders`, those paid and waiting to be shipped (the sheet's status): imported as
    /// open orders (confirmed, stock reserved) even when the rest is history.
    #[serde(default)]
    pub waiting: usize,
    /// An online shop's orders already in the shop (by the platform's order number, from an
    /// earlier export): not imported again.
    #[serde(default)]
    pub already_in_shop: usize,
    /// The mapping with the header texts, to change and give back.
    pub mapping_spec: MappingSpec,
}

/// What already exists in the shop (answered by the caller, who has the database).
pub trait Known {
    fn customer_exists(&self, name: &str) -> bool;
    /// By SKU, else by name (and spec, when the sheet gives one).
    fn product_exists(&self, sku: Option<&str>, name: Option<&str>, spec: Option<&str>) -> bool;
    /// The shop's product (its code) the user said a sheet's product is
    /// ([`DraftLine::sheet_product`]), now or in an earlier import.
    fn product_mapped(&self, _key: &str) -> Option<String> {
        None
    }
    /// The shop's order made from an online shop's order of this number (an earlier export):
    /// its number, and whether it is delivered.
    fn platform_order(&self, _number: &str) -> Option<(String, bool)> {
        None
    }
}

/// Nothing exists yet (a new shop, or tests).
pub struct NothingKnown;
impl Known for NothingKnown {
    fn customer_exists(&self, _: &str) -> bool {
        false
    }
    fn product_exists(&self, _: Option<&str>, _: Option<&str>, _: Option<&str>) -> bool {
        false
    }
}

pub(crate) fn column_letter(mut c: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (c % 26) as u8) as char);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s
}

/// The mapped columns of a sheet, for the analyses of orders and of lists alike.
pub(crate) struct Columns<'a> {
    pub(crate) header: &'a [Cell],
    pub(crate) mapping: &'a Mapping,
}

impl Columns<'_> {
    /// The column that holds a field.
    pub(crate) fn of(&self, f: Field) -> Option<usize> {
        self.mapping.iter().find(|(_, v)| **v == f).map(|(c, _)| *c)
    }
    /// A column as the sheet's header names it, else by its letter.
    pub(crate) fn name(&self, c: usize) -> String {
        self.header.get(c).map(|h| h.text()).filter(|t| !t.is_empty()).unwrap_or_else(|| column_letter(c))
    }
    /// A problem on a row, in the column that holds `f` (by its header and its letter).
    pub(crate) fn issue(&self, row: u32, f: Field, problem: SheetProblem) -> Issue {
        let c = self.of(f);
        Issue { row, column: c.map(|c| self.name(c)), letter: c.map(column_letter), problem, message: String::new(), whole: String::new() }
    }
    /// The header's named columns that no field reads, said once on the header row.
    pub(crate) fn not_imported(&self, row: u32) -> Option<Issue> {
        let columns: Vec<(String, String)> = self
            .header
            .iter()
            .enumerate()
            .filter(|(c, h)| !self.mapping.contains_key(c) && !h.text().trim().is_empty())
            .map(|(c, h)| (column_letter(c), h.text().trim().to_string()))
            .collect();
        (!columns.is_empty()).then(|| Issue::of_row(row, SheetProblem::ColumnsNotImported { columns }))
    }
    /// A row's e-mail address: one that is not an address is said as a warning on its cell and
    /// not kept (the customer is made without it; kaidan-core's `validate::email` is the rule).
    pub(crate) fn email(&self, row: u32, cell: &Cell, warnings: &mut Vec<Issue>) -> Option<String> {
        let text = cell.text();
        match kaidan_core::validate::email(Some(&text)) {
            Ok(e) => e,
            Err(_) => {
                warnings.push(self.issue(row, Field::Email, SheetProblem::NotAnEmail { text: text.trim().to_string() }));
                None
            }
        }
    }
    /// A row's cell for a field: empty when the field has no column or the cell is blank.
    pub(crate) fn cell(&self, cells: &[Cell], f: Field) -> Cell {
        self.of(f).and_then(|c| cells.get(c).cloned()).filter(|c| !c.is_empty()).unwrap_or(Cell::Empty)
    }
}

/// A row below the header that holds no data: blank, or a total row (合计, Total…), which is
/// noted in `skipped`.
pub(crate) fn passes_over(row: u32, cells: &[Cell], skipped: &mut Vec<u32>) -> bool {
    if cells.iter().all(Cell::is_empty) {
        return true;
    }
    if is_total_row(cells) {
        skipped.push(row);
        return true;
    }
    false
}

/// Analyses an order sheet. `header`/`mapping` override the guesses (the preview lets the user
/// change them).
/// Problems come back typed and worded in `lang`.
pub fn analyse(grid: &Grid, header: Option<(usize, Mapping)>, known: &dyn Known, lang: Lang) -> Result<DryRun, String> {
    let (hidx, mapping) = header_or_guess(grid, header).map_err(|p| p.text(lang))?;
    analyse_body(grid, hidx, mapping, grid.rows.iter().skip(hidx + 1).map(|(n, c)| (*n, &**c)), known)
        .map(|d| d.worded(lang))
        .map_err(|p| p.text(lang))
}

/// Like [`analyse`], but takes the sheet and lets go of each row once it is read, so that a
/// million-row sheet and its drafts are not held twice; and the sheet may still be being read:
/// `head` holds its first rows (the header among them; or all of them), `rest` the rows after
/// them as they come. Gives back the sheet down to its header row.
pub fn analyse_streamed(
    mut head: Grid,
    header: Option<(usize, Mapping)>,
    rest: impl Iterator<Item = (u32, Box<[Cell]>)>,
    known: &dyn Known,
    lang: Lang,
) -> Result<(DryRun, Grid), String> {
    let (hidx, mapping) = header_or_guess(&head, header).map_err(|p| p.text(lang))?;
    let body = head.rows.split_off((hidx + 1).min(head.rows.len()));
    head.rows.shrink_to_fit();
    let d = analyse_body(&head, hidx, mapping, body.into_iter().chain(rest), known).map_err(|p| p.text(lang))?;
    Ok((d.worded(lang), head))
}

fn header_or_guess(grid: &Grid, header: Option<(usize, Mapping)>) -> Result<(usize, Mapping), SheetProblem> {
    header.or_else(|| guess_header(grid)).ok_or(SheetProblem::NoHeaderRow { lists: false })
}

/// The rows below the header (`rows`, each with its sheet row number) into drafts; `grid`
/// holds at least the rows down to the header.
fn analyse_body<R: std::ops::Deref<Target = [Cell]>>(
    grid: &Grid,
    hidx: usize,
    mapping: Mapping,
    rows: impl Iterator<Item = (u32, R)>,
    known: &dyn Known,
) -> Result<DryRun, SheetProblem> {
    let cols = Columns { header: &grid.rows[hidx].1, mapping: &mapping };
    let col_name = |c: usize| cols.name(c);
    let col_of = |f: Field| cols.of(f);
    if col_of(Field::Qty).is_none() || (col_of(Field::Product).is_none() && col_of(Field::Sku).is_none()) {
        return Err(match crate::platforms::order_report_of(&grid.rows[hidx].1) {
            Some(platform) => SheetProblem::OrderReportOnly { platform },
            None => SheetProblem::NeedsQtyAndProduct,
        });
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    if col_of(Field::OrderDate).is_none() {
        // said once, on the header row: without it years of history would sit on one day
        warnings.push(Issue::of_row(grid.rows[hidx].0, SheetProblem::NoDateColumn));
    }
    warnings.extend(cols.not_imported(grid.rows[hidx].0));
    let mut skipped = Vec::new();
    let mut carried: BTreeMap<Field, Cell> = BTreeMap::new();
    let mut groups: Vec<(String, DraftOrder)> = Vec::new();
    let mut group_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut seen_lines: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    let mut lines_total = 0usize;
    // each date column's first written style, and whether a second style was said already
    let mut date_styles: BTreeMap<Field, FirstSeen<crate::normalize::DateStyle>> = BTreeMap::new();
    // a date column's order of day and month, from its first cell that can be read only one
    // way (25/3/2024, 3/25/2024): the cells either way can be (5/3/2024) follow it, once the
    // whole column is read; until then each is read day first and its warning kept aside
    let mut date_orders: BTreeMap<Field, FirstSeen<DateOrder>> = BTreeMap::new();
    let mut day_first: Vec<(Field, Issue)> = Vec::new();
    // each order's dates read day first that month first would change: (order, field, the other reading)
    let mut either_way: Vec<(usize, Field, NaiveDate)> = Vec::new();
    let mut not_sales: BTreeSet<String> = BTreeSet::new();
    let platform = crate::platforms::platform_of(&grid.rows[hidx].1);
    // an online shop's orders already in the shop, each said once
    let mut already: BTreeSet<String> = BTreeSet::new();
    for (row, cells) in rows {
        let cells: &[Cell] = &cells;
        if passes_over(row, cells, &mut skipped) {
            continue;
        }
        let get = |f: Field| cols.cell(cells, f);
        // merged cells and "same as above": a row that continues the order above (no order
        // number of its own, or no number column at all) repeats the order-level blanks
        let continues = col_of(Field::OrderNo).is_none() || get(Field::OrderNo).is_empty();
        let mut value = |f: Field| -> Cell {
            let v = get(f);
            if order_level(f) {
                if v.is_empty() && continues {
                    return carried.get(&f).cloned().unwrap_or(Cell::Empty);
                }
                carried.insert(f, v.clone());
            }
            v
        };
        let err = |f: Field, problem: SheetProblem| cols.issue(row, f, problem);
        let customer = match (value(Field::Customer).text(), platform) {
            // an export that names no buyer (Taobao's item report): the platform's buyers
            (c, Some(p)) if c.is_empty() && col_of(Field::Customer).is_none() => crate::platforms::platform_buyer(p),
            (c, _) => c,
        };
        let number = value(Field::OrderNo);
        let phone = value(Field::Phone);
        let address = crate::normalize::join_address_in(
            &value(Field::Address).text(),
            &value(Field::District).text(),
            &value(Field::City).text(),
            &value(Field::Province).text(),
            &value(Field::Country).text(),
        );
        let email_cell = value(Field::Email);
        let status = value(Field::Status).text();
        let state = kaidan_core::sheet::sale_state(&status);
        let (paid_cell, postage_cell) = (value(Field::Paid), value(Field::Postage));
        let order_date_cell = value(Field::OrderDate);
        let deliver_cell = value(Field::DeliverBy);
        let sku = get(Field::Sku).text();
        let product = get(Field::Product).text();
        let qty_cell = get(Field::Qty);
        if sku.is_empty() && product.is_empty() && qty_cell.is_empty() {
            skipped.push(row);
            continue;
        }
        use kaidan_core::sheet::SaleState;
        if let (Some(_), false) = (platform, number.is_empty()) {
            if let Some((ours, delivered)) = known.platform_order(&number.text()) {
                // imported from an earlier export: said once, with what happened on the
                // platform since that the shop has still to do
                if already.insert(number.text()) {
                    let (number, status) = (number.text(), status.clone());
                    warnings.push(err(
                        Field::OrderNo,
                        match state {
                            Some(SaleState::NotASale) => SheetProblem::ClosedSince { number, ours, status },
                            Some(SaleState::Shipped) if !delivered => SheetProblem::ShippedSince { number, ours },
                            _ => SheetProblem::AlreadyInShop { number, ours },
                        },
                    ));
                }
                continue;
            }
        }
        if state == Some(SaleState::NotASale) {
            // never a sale (closed, cancelled, not paid, refunded): the row is not imported, said
            // once an order (an export's other rows of the order may be sales)
            let order = if number.is_empty() { format!("{customer}\u{0}{}", order_date_cell.text()) } else { number.text() };
            if not_sales.insert(order) {
                warnings.push(err(Field::Status, SheetProblem::NotASale { status: status.clone() }));
            }
            continue;
        }
        let mut bad = false;
        if customer.is_empty() {
            errors.push(err(Field::Customer, SheetProblem::Empty { field: Field::Customer }));
            bad = true;
        }
        // what the write would refuse as too long, said here on its cell
        for (f, t) in [
            (Field::Customer, customer.clone()),
            (Field::Sku, sku.clone()),
            (Field::Product, product.clone()),
            (Field::Spec, get(Field::Spec).text()),
            (Field::Unit, get(Field::Unit).text()),
            (Field::Phone, phone.text()),
            (Field::Address, address.clone()),
            (Field::Notes, get(Field::Notes).text()),
        ] {
            if let Some(p) = crate::limits::too_long(f, &t) {
                errors.push(err(f, p));
                bad = true;
            }
        }
        if sku.is_empty() && product.is_empty() {
            errors.push(err(Field::Product, SheetProblem::Empty { field: Field::Product }));
            bad = true;
        }
        let parse = |f: Field, cell: &Cell, scale_sign: Sign| -> Result<Option<String>, Issue> {
            match number_text(cell) {
                Some((t, false)) => Ok(Some(t)),
                Some((t, true)) => Ok(Some(t)),
                None if cell.is_empty() => Ok(None),
                None => Err(err(f, SheetProblem::NotANumber { text: cell.text() })),
            }
            .and_then(|v| match (&v, scale_sign) {
                (Some(t), Sign::NonNegative | Sign::Positive) if t.starts_with('-') => {
                    Err(err(f, SheetProblem::Negative { text: t.clone() }))
                }
                _ => Ok(v),
            })
        };
        let qty = match parse(Field::Qty, &qty_cell, Sign::Positive) {
            Ok(Some(t)) => match Qty::parse(&t, Sign::Positive) {
                Ok(q) => Some(q),
                Err(_) => {
                    errors.push(err(Field::Qty, SheetProblem::BadQty { text: t.clone() }));
                    None
                }
            },
            Ok(None) => {
                errors.push(err(Field::Qty, SheetProblem::Empty { field: Field::Qty }));
                None
            }
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let mut date_of = |f: Field, cell: &Cell| -> Option<(NaiveDate, Option<NaiveDate>)> {
            if cell.is_empty() {
                return None;
            }
            if let Some(style) = crate::normalize::date_style(cell) {
                if let Some((first_row, first_text)) = FirstSeen::note(&mut date_styles, f, style, row, cell) {
                    warnings.push(err(f, SheetProblem::MixedDateStyles { text: cell.text(), first_row, first_text }));
                }
            }
            match date(cell) {
                Some((d, DateRead::Clear)) => Some((d, None)),
                Some((d, DateRead::Ordered(order))) => {
                    if let Some((first_row, first_text)) = FirstSeen::note(&mut date_orders, f, order, row, cell) {
                        warnings.push(err(f, SheetProblem::DateOrdersMixed { text: cell.text(), first_row, first_text }));
                    }
                    Some((d, None))
                }
                Some((d, DateRead::Ambiguous { month_first })) => {
                    day_first.push((f, err(f, SheetProblem::DayFirst { text: cell.text(), read: d.to_string() })));
                    Some((d, Some(month_first)))
                }
                None => {
                    errors.push(err(f, SheetProblem::NotADate { text: cell.text() }));
                    None
                }
            }
        };
        let (order_date, order_date_else) = date_of(Field::OrderDate, &order_date_cell).unzip();
        let (deliver_by, deliver_by_else) = date_of(Field::DeliverBy, &deliver_cell).unzip();
        let price = match parse(Field::UnitPrice, &get(Field::UnitPrice), Sign::NonNegative) {
            Ok(Some(t)) => UnitPrice::parse(&t, Sign::NonNegative)
                .map(Some)
                .map_err(|_| err(Field::UnitPrice, SheetProblem::BadValue { field: Field::UnitPrice, text: t.clone() })),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        let stated = match parse(Field::Amount, &get(Field::Amount), Sign::Any) {
            Ok(Some(t)) => Money::parse(&t, Sign::Any)
                .map(Some)
                .map_err(|_| err(Field::Amount, SheetProblem::BadValue { field: Field::Amount, text: t.clone() })),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        let discount = match parse(Field::Discount, &get(Field::Discount), Sign::NonNegative) {
            Ok(Some(t)) => Rate::parse_percent(&t)
                .map_err(|_| err(Field::Discount, SheetProblem::BadValue { field: Field::Discount, text: t.clone() })),
            Ok(None) => Ok(Rate::ZERO),
            Err(e) => Err(e),
        };
        let money = |f: Field, cell: &Cell| match parse(f, cell, Sign::NonNegative) {
            Ok(Some(t)) => {
                Money::parse(&t, Sign::NonNegative).map(Some).map_err(|_| err(f, SheetProblem::BadValue { field: f, text: t.clone() }))
            }
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        // what the buyer paid and the postage are read only to be said (`postage_not_kept`): one
        // that is no amount (包邮, 到付) is said on its cell and the row is imported without it
        let mut said = |r: Result<Option<Money>, Issue>| {
            r.unwrap_or_else(|e| {
                warnings.push(e);
                None
            })
        };
        let (paid, postage) = (said(money(Field::Paid, &paid_cell)), said(money(Field::Postage, &postage_cell)));
        let (price, stated, discount) = match (price, stated, discount) {
            (Ok(p), Ok(s), Ok(d)) => (p, s, d),
            (p, s, d) => {
                for e in [p.err(), s.err(), d.err()].into_iter().flatten() {
                    errors.push(e);
                }
                continue;
            }
        };
        let (Some(qty), false) = (qty, bad) else { continue };
        let unit_price = match (price, stated) {
            (Some(p), _) => p,
            (None, Some(a)) => {
                // price from the amount, to 4 decimals
                let p = UnitPrice::from_decimal_rounded(a.to_decimal() / qty.to_decimal()).unwrap_or(UnitPrice::ZERO);
                warnings.push(err(Field::UnitPrice, SheetProblem::PriceFromAmount { price: p }));
                p
            }
            (None, None) => {
                errors.push(err(Field::UnitPrice, SheetProblem::NoPriceNoAmount));
                continue;
            }
        };
        let Ok(computed) = line_amounts(&LineInput { qty, unit_price, discount, tax_rate: Rate::ZERO }, TaxMode::Inclusive) else {
            errors.push(err(Field::Qty, SheetProblem::AmountTooLarge));
            continue;
        };
        if let Some(a) = stated {
            if a != computed.amount {
                warnings.push(err(Field::Amount, SheetProblem::AmountDiffers { stated: a, computed: computed.amount }));
            }
        }
        let key = match &number {
            Cell::Empty => format!("{customer}\u{0}{}", order_date.map(|d| d.to_string()).unwrap_or_default()),
            n => format!("#{}", n.text()),
        };
        let line = DraftLine {
            row,
            sku: Some(sku).filter(|s| !s.is_empty()),
            product: Some(product).filter(|s| !s.is_empty()),
            spec: Some(get(Field::Spec).text()).filter(|s| !s.is_empty()),
            unit: Some(get(Field::Unit).text()).filter(|s| !s.is_empty()),
            qty,
            unit_price,
            discount,
            amount: computed.amount,
        };
        lines_total += 1;
        // the same line again in the same order: typed twice, or pasted twice?
        // (each text after its length, so that no two lines' texts read alike)
        let mut same = key.clone();
        for part in [&line.sku, &line.product, &line.spec] {
            match part {
                Some(t) => {
                    let _ = write!(same, "\u{0}{}:{t}", t.len());
                }
                None => same.push_str("\u{0}-"),
            }
        }
        let _ = write!(same, "\u{0}{}\u{0}{}", line.qty, line.unit_price);
        match seen_lines.get(&same) {
            Some(&first) => warnings.push(err(Field::Product, SheetProblem::SameAsRow { row: first })),
            None => {
                seen_lines.insert(same, row);
            }
        }
        match group_of.get(&key).map(|&i| &mut groups[i]) {
            Some((_, o)) => {
                if o.customer != customer {
                    warnings.push(err(Field::Customer, SheetProblem::TwoCustomers { first: o.customer.clone(), second: customer.clone() }));
                }
                o.lines.push(line);
            }
            None => {
                let email = cols.email(row, &email_cell, &mut warnings);
                if platform.is_some() && state.is_none() && !status.trim().is_empty() {
                    warnings.push(err(Field::Status, SheetProblem::StatusNotKnown { status: status.trim().to_string() }));
                }
                for (f, other) in [(Field::OrderDate, order_date_else.flatten()), (Field::DeliverBy, deliver_by_else.flatten())] {
                    if let Some(other) = other {
                        either_way.push((groups.len(), f, other));
                    }
                }
                group_of.insert(key.clone(), groups.len());
                groups.push((
                    key,
                    DraftOrder {
                        number: Some(number.text()).filter(|s| !s.is_empty()),
                        customer: customer.clone(),
                        phone: Some(phone.text()).filter(|s| !s.is_empty()),
                        address: Some(address.clone()).filter(|s| !s.is_empty()),
                        email,
                        order_date,
                        deliver_by,
                        notes: Some(get(Field::Notes).text()).filter(|s| !s.is_empty()),
                        lines: vec![line],
                        // what the status says decides only for an online shop's export (whose
                        // words are known); a plain sheet's status only leaves out the no-sales
                        state: state.filter(|_| platform.is_some()),
                        paid,
                        postage,
                    },
                ));
            }
        }
    }
    // the dates either way follow their column's order: month first when a cell said so (and
    // none said day first), their warnings then answered; said still when nothing decided it
    // (a column that never says follows the sheet's other date column: the same file writes
    // its dates one way)
    let own = |f: Field| date_orders.get(&f).map(|seen| (!seen.contrary).then_some(seen.value));
    let order_of = |f: Field| {
        let other = if f == Field::OrderDate { Field::DeliverBy } else { Field::OrderDate };
        match own(f) {
            Some(decided) => decided,
            None => own(other).flatten(),
        }
    };
    for (i, f, other) in either_way {
        if order_of(f) == Some(DateOrder::MonthFirst) {
            let o = &mut groups[i].1;
            *(if f == Field::OrderDate { &mut o.order_date } else { &mut o.deliver_by }) = Some(other);
        }
    }
    warnings.extend(day_first.into_iter().filter(|(f, _)| order_of(*f).is_none()).map(|(_, i)| i));
    let drafts: Vec<DraftOrder> = groups.into_iter().map(|(_, o)| o).collect();
    // each distinct customer and product asked about once, not once a row
    let mut customers: BTreeSet<&str> = drafts.iter().map(|o| o.customer.as_str()).collect();
    customers.retain(|c| !known.customer_exists(c));
    let new_products = new_products(&drafts, known);
    let total: Money = drafts.iter().map(DraftOrder::amount).sum();
    if let Some(w) = postage_not_kept(&drafts, grid.rows[hidx].0) {
        warnings.push(w);
    }
    Ok(DryRun {
        kind: "orders".into(),
        products: Vec::new(),
        customers: Vec::new(),
        mapping_source: "guessed".into(),
        mapping_spec: mapping_spec(grid, hidx, &mapping),
        platform,
        waiting: drafts.iter().filter(|o| o.waits()).count(),
        already_in_shop: already.len(),
        sheet: grid.sheet.clone(),
        header_row: grid.rows[hidx].0,
        mapping: mapping.iter().map(|(c, f)| (col_name(*c), *f)).collect(),
        orders: drafts.len(),
        lines: lines_total,
        customers_new: customers.len(),
        products_new: new_products.iter().filter(|p| p.mapped_to.is_none()).count(),
        total,
        errors,
        warnings,
        skipped_rows: skipped,
        drafts,
        new_products,
    })
}

/// The postage and the other differences (discounts) between what the buyers paid and the
/// goods of the orders, said once on the header row: an order in Kaidan has no postage or
/// order discount yet, so its total is its goods. Said again when the orders change
/// ([`DryRun::recount`]).
fn postage_not_kept(drafts: &[DraftOrder], header_row: u32) -> Option<Issue> {
    let mut orders = 0u32;
    let (mut postage, mut other) = (Money::ZERO, Money::ZERO);
    for o in drafts {
        let p = o.postage.unwrap_or(Money::ZERO);
        // what the buyer paid beyond (or short of) the goods and the postage; sums past what
        // money can hold (a made-up sheet) are not said rather than wrong
        let d = o.paid.and_then(|paid| paid.checked_sub(o.amount())?.checked_sub(p)).unwrap_or(Money::ZERO);
        if !p.is_zero() || !d.is_zero() {
            orders += 1;
            postage = postage.checked_add(p)?;
            other = other.checked_add(d)?;
        }
    }
    (orders > 0).then(|| Issue::of_row(header_row, SheetProblem::PostageNotKept { orders, postage, other }))
}

/// How a column first wrote something (a date's style, its order of day and month): the value,
/// its row and text, and whether a contrary one was said already.
struct FirstSeen<T> {
    value: T,
    row: u32,
    text: String,
    contrary: bool,
}

impl<T: PartialEq> FirstSeen<T> {
    /// Notes how column `f` writes `value` on `row`: the first is kept; the first cell that
    /// writes otherwise gets the first's row and text back, once (to be said there).
    fn note(seen: &mut BTreeMap<Field, FirstSeen<T>>, f: Field, value: T, row: u32, cell: &Cell) -> Option<(u32, String)> {
        match seen.get_mut(&f) {
            None => {
                seen.insert(f, FirstSeen { value, row, text: cell.text(), contrary: false });
                None
            }
            Some(first) if first.value != value && !first.contrary => {
                first.contrary = true;
                Some((first.row, first.text.clone()))
            }
            Some(_) => None,
        }
    }
}

/// The drafts' products the shop does not have, each asked about once (not once a line), in
/// the order the sheet first names them.
fn new_products(drafts: &[DraftOrder], known: &dyn Known) -> Vec<NewProduct> {
    let mut seen: std::collections::HashMap<String, Option<usize>> = std::collections::HashMap::new();
    let mut out: Vec<NewProduct> = Vec::new();
    for l in drafts.iter().flat_map(|o| o.lines.iter()) {
        let key = l.sheet_product();
        if let Some(at) = seen.get(&key) {
            if let Some(i) = at {
                out[*i].lines += 1;
            }
            continue;
        }
        let (sku, name, spec) = l.product_key();
        if known.product_exists(sku, name, spec) {
            seen.insert(key, None);
            continue;
        }
        seen.insert(key.clone(), Some(out.len()));
        out.push(NewProduct {
            mapped_to: known.product_mapped(&key),
            key,
            sku: l.sku.clone(),
            name: l.product.clone(),
            spec: l.spec.clone(),
            unit: l.unit.clone(),
            row: l.row,
            lines: 1,
        });
    }
    out
}

#[cfg(test)]
mod header_tests {
    use super::*;

    /// A header text names one field: the dictionary never lists it twice.
    #[test]
    fn no_header_names_two_fields() {
        let mut seen = std::collections::BTreeMap::new();
        for (f, names) in HEADERS {
            for n in *names {
                assert_eq!(header_key(n), *n, "{n} is written as header_key reads it");
                if let Some(other) = seen.insert(*n, *f) {
                    panic!("{n} names both {other:?} and {f:?}");
                }
            }
        }
    }
}
