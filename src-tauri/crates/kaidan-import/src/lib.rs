//! kaidan-import: old order sheets (xlsx, xls, ods, csv/tsv/txt in UTF-8, GBK/GB18030 or Big5)
//! into validated draft orders, with every problem named by its sheet row and column. Reads
//! only: writing the drafts is one store transaction in kaidan-api.

pub mod normalize;
pub mod orders;
pub mod read;

pub use orders::{analyse, field_of, guess_header, DraftLine, DraftOrder, DryRun, Field, Issue, Known, Mapping, NothingKnown};
pub use read::{decode, detect_delimiter, encoding_by_name, read_file, read_text, read_workbook_bytes, Cell, Grid, ReadError};
