//! Importing old order sheets. The dry run reads, normalises and checks everything and says
//! what an import would create; it writes nothing.

use std::path::Path;

use kaidan_core::{Error, Lang, Problem};
use kaidan_import::{DryRun, Known, ReadError};
use kaidan_store::Db;
use serde::{Deserialize, Serialize};

use crate::Shop;

/// How to read the file (all optional: the sheet defaults to the first, the encoding is
/// detected).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ImportOptions {
    pub sheet: Option<String>,
    /// `utf-8`, `gbk`/`gb18030`, `big5`.
    pub encoding: Option<String>,
}

struct ShopKnown<'a, 'c>(&'a Db<'c>);

impl Known for ShopKnown<'_, '_> {
    fn customer_exists(&self, name: &str) -> bool {
        self.0.customers_by_prefix(name, 1).map(|v| v.first().map(|c| c.name == name).unwrap_or(false)).unwrap_or(false)
    }
    fn product_exists(&self, sku: Option<&str>, name: Option<&str>) -> bool {
        match (sku, name) {
            (Some(s), _) => self.0.product(s).is_ok(),
            (None, Some(n)) => self.0.products(Some(n), None, 50).map(|v| v.iter().any(|p| p.name == n)).unwrap_or(false),
            (None, None) => false,
        }
    }
}

fn read_error(e: ReadError, lang: Lang) -> Error {
    let detail = match (e, lang) {
        (ReadError::Unreadable { detail }, _) => detail,
        (ReadError::NoSuchSheet { sheet, sheets }, Lang::ZhCn) => format!("没有工作表“{sheet}”（有：{}）", sheets.join("、")),
        (ReadError::NoSuchSheet { sheet, sheets }, Lang::En) => format!("no sheet \"{sheet}\" (there are: {})", sheets.join(", ")),
        (ReadError::BadEncoding { encoding }, Lang::ZhCn) => format!("文本不是 {encoding} 编码，请在预检时换一种编码"),
        (ReadError::BadEncoding { encoding }, Lang::En) => format!("the text is not valid {encoding}; choose another encoding"),
    };
    Error::new(Problem::ImportFile { detail })
}

impl Shop {
    /// Reads an order sheet and reports what importing it would do: counts, new customers and
    /// products, the total, and every error and warning with its sheet row and column.
    pub fn import_dry_run(&self, path: &Path, opts: &ImportOptions, lang: Lang) -> Result<DryRun, Error> {
        let encoding = match opts.encoding.as_deref() {
            None => None,
            Some(e) => Some(kaidan_import::encoding_by_name(e).ok_or_else(|| {
                Error::at(
                    Problem::BadChoice {
                        text: e.to_string(),
                        allowed: vec!["utf-8".into(), "gbk".into(), "gb18030".into(), "big5".into()],
                    },
                    kaidan_core::Field::new(kaidan_core::FieldKey::Setting),
                )
            })?),
        };
        let grid = kaidan_import::read_file(path, opts.sheet.as_deref(), encoding).map_err(|e| read_error(e, lang))?;
        self.read(|db| {
            kaidan_import::analyse(&grid, None, &ShopKnown(db), lang).map_err(|detail| Error::new(Problem::ImportFile { detail }))
        })
    }
}
