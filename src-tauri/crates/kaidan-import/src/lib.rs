//! kaidan-import: old order sheets, product lists and customer lists (xlsx, xls, ods,
//! csv/tsv/txt in UTF-8, GBK/GB18030 or Big5) into validated drafts, with every problem named
//! by its sheet row and column. Reads only: writing the drafts is one store transaction in
//! kaidan-api.

pub mod limits;
mod lists;
pub mod normalize;
pub mod orders;
pub mod platforms;
pub mod read;

pub use lists::{analyse_list, guess_list_header, DraftCustomer, DraftProduct, ListKind};
pub use orders::{
    analyse, analyse_streamed, apply_mapping, field_of, guess_header, header_signature, mapping_spec, DraftLine, DraftOrder, DryRun, Field,
    Issue, Known, Mapping, MappingSpec, NewProduct, NothingKnown, ProductKey,
};
pub use read::{
    decode, detect_delimiter, encoding_by_name, is_text_file, read_file, read_text, read_workbook_bytes, sheet_head, sheet_names,
    stream_rows, Cell, Grid, ReadError, Streamed,
};
