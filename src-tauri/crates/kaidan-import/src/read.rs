//! Files into a grid of cells, with the row numbers a person sees in Excel (1-based).

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use compact_str::{format_compact, CompactString, ToCompactString};
use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use serde::Serialize;

/// One cell, as read. Numbers keep their decimal text: never a float. Texts of up to 24 bytes
/// (most cells: names, codes, numbers) live inside the cell without an allocation of their own,
/// so that a million-row sheet fits in memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Empty,
    Text(CompactString),
    /// A number as decimal text (`"12.5"`), from a numeric spreadsheet cell.
    Number(CompactString),
    Date(chrono::NaiveDate),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
    /// The cell as a person would read it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// A sheet: rows of cells, each with its 1-based row number in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grid {
    pub sheet: String,
    pub rows: Vec<(u32, Box<[Cell]>)>,
    /// For text files: the encoding used and the delimiter.
    pub encoding: Option<String>,
    pub delimiter: Option<char>,
}

/// A file that cannot be read as a sheet (kaidan-core's [`SheetReadError`], worded by its catalogue).
pub use kaidan_core::sheet::SheetReadError as ReadError;

/// Text encodings a user may choose in the preview.
pub fn encoding_by_name(name: &str) -> Option<&'static Encoding> {
    match name.trim().to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" => Some(UTF_8),
        "gbk" | "gb2312" | "gb18030" | "cp936" => Some(GB18030),
        "big5" => Some(BIG5),
        "utf-16le" => Some(UTF_16LE),
        "utf-16be" => Some(UTF_16BE),
        _ => None,
    }
}

/// Decodes text bytes: a BOM decides; else `forced`; else detection among UTF-8, GB18030/GBK
/// and Big5 (chardetng with the Chinese hint; Big5 read as GBK gives no error, so the preview
/// lets the user override).
/// UTF-8 text is borrowed from `bytes`, not copied.
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&'static Encoding>) -> Result<(std::borrow::Cow<'a, str>, &'static Encoding), ReadError> {
    let (enc, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => {
            let enc = forced.unwrap_or_else(|| {
                if std::str::from_utf8(bytes).is_ok() {
                    return UTF_8;
                }
                let mut d = EncodingDetector::new(Iso2022JpDetection::Deny);
                d.feed(bytes, true);
                let g = d.guess(Some(b"cn"), Utf8Detection::Allow);
                // GBK files are read as GB18030 (a superset); anything unusual becomes GB18030 too,
                // the likeliest encoding of a Chinese shop's CSV
                if g == BIG5 || g == UTF_8 {
                    g
                } else {
                    GB18030
                }
            });
            (enc, bytes)
        }
    };
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    if had_errors {
        return Err(ReadError::BadEncoding { encoding: enc.name().to_string() });
    }
    Ok((text, enc))
}

/// The delimiter that splits the first lines into the most consistent number of fields.
pub fn detect_delimiter(text: &str) -> char {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(30).collect();
    let mut best = (',', 0usize);
    for d in [',', '\t', ';', '|'] {
        let counts: Vec<usize> = lines.iter().map(|l| l.matches(d).count()).collect();
        let Some(&max) = counts.iter().max() else { continue };
        if max == 0 {
            continue;
        }
        let same = counts.iter().filter(|&&c| c == max).count();
        let score = same * 100 + max;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

/// A CSV, TSV or text file (by its extension): one sheet, read as text; anything else is a
/// workbook.
pub fn is_text_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref(), Some("csv" | "tsv" | "txt"))
}

/// Reads a CSV/TSV/TXT table from bytes.
pub fn read_text(bytes: &[u8], forced: Option<&'static Encoding>, name: &str) -> Result<Grid, ReadError> {
    if bytes.iter().take(4096).filter(|&&b| b == 0).count() > 8 && Encoding::for_bom(bytes).is_none() {
        return Err(ReadError::Unreadable { detail: "binary data, not a text table".into() });
    }
    let (text, enc) = decode(bytes, forced)?;
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter as u8).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut rec = csv::StringRecord::new();
    let bytes = text.as_bytes();
    let (mut counted_to, mut newlines) = (0usize, 0u32);
    loop {
        match reader.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(ReadError::Unreadable { detail: e.to_string() }),
        }
        // the line where the record starts, as an editor or Excel numbers it (the reader's own
        // line count lags one record behind)
        let mut start = rec.position().map(|p| p.byte() as usize).unwrap_or(0).min(bytes.len());
        while start < bytes.len() && (bytes[start] == b'\r' || bytes[start] == b'\n') {
            start += 1;
        }
        newlines += bytes[counted_to.min(start)..start].iter().filter(|&&b| b == b'\n').count() as u32;
        counted_to = counted_to.max(start);
        let line = newlines + 1;
        rows.push((line, rec.iter().map(text_cell).collect()));
    }
    Ok(Grid { sheet: name.to_string(), rows, encoding: Some(enc.name().to_string()), delimiter: Some(delimiter) })
}

/// A text table's field as a cell. A field written `="2031415890943168732"` — how online shops'
/// exports (Taobao, JD…) keep a long order number whole when Excel opens the file, rather than
/// 2.03E+18 — is the text between the quotes.
fn text_cell(f: &str) -> Cell {
    let t = f.trim();
    let inner = t.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')).filter(|i| !i.contains('"'));
    match inner.unwrap_or(f) {
        s if s.trim().is_empty() => Cell::Empty,
        s => Cell::Text(s.into()),
    }
}

/// Reads one sheet of a workbook (`sheet` by name, default the first), or a text table.
pub fn read_file(path: &Path, sheet: Option<&str>, encoding: Option<&'static Encoding>) -> Result<Grid, ReadError> {
    if is_text_file(path) {
        let bytes = std::fs::read(path).map_err(|e| ReadError::Unreadable { detail: e.to_string() })?;
        return read_text(&bytes, encoding, &path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    }
    with_workbook_at(path, |wb| grid_of(wb, sheet))
}

/// [`with_workbook`] of the workbook file at `path` (its kind from its extension).
fn with_workbook_at<T>(
    path: &Path,
    read: impl FnOnce(&mut calamine::Sheets<std::io::BufReader<std::fs::File>>) -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    let file = std::fs::File::open(path).map_err(|e| ReadError::Unreadable { detail: e.to_string() })?;
    with_workbook(file, || open_workbook_auto(path), read)
}

/// Opens a workbook with calamine (`open`) and reads what `read` asks of it, behind the two
/// guards every workbook gets: a compound file (.xls, `file`) is checked first (see
/// [`check_compound_file`]), and a panic inside calamine on a damaged file (it indexes past
/// the end of a short merged-cells record in an .xls, found by the fuzz target) becomes
/// "damaged" instead of ending the program.
fn with_workbook<RS: std::io::Read + std::io::Seek, T>(
    mut file: impl std::io::Read + std::io::Seek,
    open: impl FnOnce() -> Result<calamine::Sheets<RS>, calamine::Error>,
    read: impl FnOnce(&mut calamine::Sheets<RS>) -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    check_compound_file(&mut file)?;
    file.rewind().map_err(|e| ReadError::Unreadable { detail: e.to_string() })?;
    check_open_document(&mut file)?;
    quietly_caught(|| {
        let mut wb = open().map_err(|e| ReadError::Unreadable { detail: e.to_string() })?;
        read(&mut wb)
    })
    .unwrap_or_else(|_| Err(ReadError::Damaged { detail: "the spreadsheet reader failed on it".into() }))
}

thread_local! {
    /// Whether this thread is inside [`quietly_caught`].
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `catch_unwind` of `f`, and a panic inside the spreadsheet reader (calamine's own code) not
/// printed: it is a damaged file, told to the user as such (a shop owner running `kaidan
/// import` saw a page of "thread 'main' panicked at calamine/…" above the clean error). Any
/// other panic — ours inside `f` too, or anywhere outside it — still reaches the hook that was
/// there before (the fuzz target's aborts on it), which the first call wraps.
fn quietly_caught<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static WRAP: std::sync::Once = std::sync::Once::new();
    WRAP.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_reader = info.location().is_some_and(|l| l.file().contains("calamine-"));
            if !(in_reader && CATCHING.with(|c| c.get())) {
                before(info)
            }
        }));
    });
    let outer = CATCHING.with(|c| c.replace(true));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(outer));
    caught
}

/// An Excel 97–2003 file (.xls) is a compound file: sectors chained by a table in the file. A
/// damaged table can chain sectors in a circle, and the spreadsheet reader then reads the
/// circle until memory runs out (found by the fuzz target). The cfb crate checks the chains as
/// it opens the file and reads each stream, so a damaged file is refused with the reason.
/// Anything that is not a compound file passes untouched.
fn check_compound_file<R: std::io::Read + std::io::Seek>(mut r: R) -> Result<(), ReadError> {
    const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut head = [0u8; 8];
    let is_compound = r.read_exact(&mut head).is_ok() && head == MAGIC;
    if !is_compound {
        return Ok(());
    }
    r.rewind().map_err(|e| ReadError::Unreadable { detail: e.to_string() })?;
    let damaged = |e: std::io::Error| ReadError::Damaged { detail: format!("Excel 97-2003 file: {e}") };
    let mut file = cfb::CompoundFile::open(r).map_err(damaged)?;
    let streams: Vec<std::path::PathBuf> = file.walk().filter(|e| e.is_stream()).map(|e| e.path().to_path_buf()).collect();
    for path in streams {
        let mut stream = file.open_stream(&path).map_err(damaged)?;
        if matches!(path.file_name().and_then(|n| n.to_str()), Some("Workbook" | "Book")) {
            let mut body = Vec::new();
            std::io::Read::read_to_end(&mut stream, &mut body).map_err(damaged)?;
            check_dimensions(&body)?;
        } else {
            std::io::copy(&mut stream, &mut std::io::sink()).map_err(damaged)?;
        }
    }
    Ok(())
}

/// The most cells an OpenDocument sheet may spread out to: calamine fills one 32-byte value a
/// cell (its own limit, 100 million, is 3 GB); 20 million is 640 MB, and 2.5 million rows of
/// eight columns.
const ODS_MAX_CELLS: u64 = 20_000_000;

/// An OpenDocument spreadsheet (.ods) says "this cell, repeated 16,000 times across" and "this
/// row, 6,000 times down" in a few bytes, and calamine spreads every repeat out: a 2.4 KB file
/// asked for 3 GB. Each sheet's extent in `content.xml` — the rows down to its last filled
/// cell times the columns out to its farthest one, repeats counted — is added up first, and a
/// sheet beyond [`ODS_MAX_CELLS`] refused. Anything without a `content.xml` passes untouched.
fn check_open_document<R: std::io::Read + std::io::Seek>(r: R) -> Result<(), ReadError> {
    use quick_xml::events::{BytesStart, Event};
    let Ok(mut zip) = zip::ZipArchive::new(r) else { return Ok(()) };
    let Ok(content) = zip.by_name("content.xml") else { return Ok(()) };
    let damaged = |e: String| ReadError::Damaged { detail: format!("OpenDocument content.xml: {e}") };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let attr = |e: &BytesStart, name: &str| -> Option<String> {
        e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| a.value.to_string())
    };
    let repeats = |e: &BytesStart, name: &str| attr(e, name).and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(1).max(1);
    let (mut sheet, mut rows, mut last_row, mut width) = (String::new(), 0u64, 0u64, 0u64);
    let (mut row_repeats, mut col, mut row_width) = (1u64, 0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| damaged(e.to_string()))?;
        let (e, has_content) = match &event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if row_width > 0 {
                    width = width.max(row_width);
                    last_row = rows.saturating_add(row_repeats);
                }
                rows = rows.saturating_add(row_repeats);
                if last_row.saturating_mul(width) > ODS_MAX_CELLS {
                    return Err(ReadError::TooManyCells { sheet, cells: last_row.saturating_mul(width) });
                }
                buf.clear();
                continue;
            }
            Event::Eof => return Ok(()),
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            "table:table" => {
                sheet = attr(e, "table:name").unwrap_or_default();
                (rows, last_row, width) = (0, 0, 0);
            }
            "table:table-row" => {
                (row_repeats, col, row_width) = (repeats(e, "table:number-rows-repeated"), 0, 0);
                if !has_content {
                    rows = rows.saturating_add(row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                col = col.saturating_add(repeats(e, "table:number-columns-repeated"));
                if has_content || attr(e, "office:value-type").is_some() {
                    row_width = col;
                }
            }
            _ => {}
        }
        buf.clear();
    }
}

/// The sheet sizes an .xls declares (DIMENSIONS records: type 0x0200, BIFF8 rows as 32 bits)
/// are within the format's 65,536 rows and 256 columns: calamine reserves rows × columns cells
/// up front, and a damaged record asking for billions ends the program. And a sheet's cells
/// are not spread so far apart that the one rectangle calamine makes of them (from the first
/// cell to the last, twice over) dwarfs them: a cell at A1 and one at IV65536 make 16.7
/// million. Both found by the fuzz target. Records are [type u16][length u16][data],
/// little-endian; each sheet's records start where its BOUNDSHEET record (0x0085) in the
/// workbook's globals says, as calamine reads them; every cell record starts with its row and
/// column (u16 each).
fn check_dimensions(body: &[u8]) -> Result<(), ReadError> {
    fn records(body: &[u8], from: usize) -> impl Iterator<Item = (u16, &[u8])> {
        let mut at = from;
        std::iter::from_fn(move || {
            if at + 4 > body.len() {
                return None;
            }
            let typ = u16::from_le_bytes([body[at], body[at + 1]]);
            let len = u16::from_le_bytes([body[at + 2], body[at + 3]]) as usize;
            let data = &body[at + 4..(at + 4 + len).min(body.len())];
            at += 4 + len;
            Some((typ, data))
        })
    }
    let u16_at = |d: &[u8], i: usize| u16::from_le_bytes([d[i], d[i + 1]]);
    let sheets: Vec<usize> = records(body, 0)
        .filter(|(t, d)| *t == 0x0085 && d.len() >= 4)
        .map(|(_, d)| u32::from_le_bytes([d[0], d[1], d[2], d[3]]) as usize)
        .collect();
    for pos in sheets.into_iter().filter(|p| *p < body.len()) {
        let (mut cells, mut rows, mut cols) = (0usize, (u16::MAX, 0u16), (u16::MAX, 0u16));
        let (mut seen_bof, mut depth) = (false, 0usize);
        for (typ, data) in records(body, pos) {
            // nested substreams (embedded charts) are skipped, as calamine skips them
            match typ {
                0x0809 if !seen_bof => seen_bof = true,
                0x0809 => depth += 1,
                0x000A if depth > 0 => depth -= 1,
                0x000A => break,
                _ if depth > 0 => {}
                0x0200 if matches!(data.len(), 10 | 14 | 16) => {
                    let u32_at = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
                    // BIFF5 writes rows as 16 bits (10 bytes), BIFF8 as 32 (14, or 16 from some writers)
                    let (first, last, last_col) = if data.len() == 10 {
                        (u16_at(data, 0) as u32, u16_at(data, 2) as u32, u16_at(data, 6))
                    } else {
                        (u32_at(0), u32_at(4), u16_at(data, 10))
                    };
                    // (`last` and `last_col` are one past the end; calamine wraps when first ≥ last)
                    if last > 65_536 || last_col > 256 || (last >= 1 && first >= last) {
                        return Err(ReadError::Damaged {
                            detail: format!("Excel 97-2003 file: a sheet says it spans rows {first}–{last}, up to column {last_col}"),
                        });
                    }
                }
                // Blank, Number, Label, BoolErr, RK, LabelSst, RString, Formula; MulRk and
                // MulBlank end with their last column
                0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x00D6 | 0x0006 | 0x00BD | 0x00BE if data.len() >= 6 => {
                    let (row, first) = (u16_at(data, 0), u16_at(data, 2));
                    let last = if matches!(typ, 0x00BD | 0x00BE) { u16_at(data, data.len() - 2) } else { first };
                    cells += 1 + last.saturating_sub(first) as usize;
                    rows = (rows.0.min(row), rows.1.max(row));
                    cols = (cols.0.min(first.min(last)), cols.1.max(first.max(last)));
                }
                _ => {}
            }
        }
        let area = if cells > 0 { (rows.1 - rows.0) as usize * (cols.1 - cols.0) as usize } else { 0 };
        if area > 4_000_000 && area > cells * 8 {
            return Err(ReadError::SpreadOut { cell: format!("{}{}", crate::orders::column_letter(cols.1 as usize), rows.1 as u32 + 1) });
        }
    }
    Ok(())
}

/// The sheets of a workbook (a text table has one, named after the file).
pub fn sheet_names(path: &Path) -> Result<Vec<String>, ReadError> {
    if is_text_file(path) {
        return Ok(vec![path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()]);
    }
    with_workbook_at(path, |wb| Ok(wb.sheet_names()))
}

/// Reads one sheet of a workbook held in memory (xlsx, xls, ods, detected from the bytes).
pub fn read_workbook_bytes(bytes: &[u8], sheet: Option<&str>) -> Result<Grid, ReadError> {
    with_workbook(
        std::io::Cursor::new(bytes),
        || calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)),
        |wb| grid_of(wb, sheet),
    )
}

/// The sheet `sheet` names, or the workbook's first.
fn sheet_name<RS: std::io::Read + std::io::Seek>(wb: &calamine::Sheets<RS>, sheet: Option<&str>) -> Result<String, ReadError> {
    let names = wb.sheet_names();
    match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| ReadError::NoSuchSheet { sheet: s.to_string(), sheets: names.clone() }),
        None => names.first().cloned().ok_or_else(|| ReadError::Unreadable { detail: "the workbook has no sheet".into() }),
    }
}

/// One sheet (by name, default the first) of an open workbook as a grid.
fn grid_of<RS: std::io::Read + std::io::Seek>(wb: &mut calamine::Sheets<RS>, sheet: Option<&str>) -> Result<Grid, ReadError> {
    let name = sheet_name(wb, sheet)?;
    if let calamine::Sheets::Xlsx(x) = wb {
        return xlsx_grid(x, name);
    }
    let range = wb.worksheet_range(&name).map_err(|e| ReadError::Unreadable { detail: e.to_string() })?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; col0 as usize];
        cells.extend(r.iter().map(cell_of));
        rows.push((row0 + i as u32 + 1, cells.into_boxed_slice()));
    }
    Ok(Grid { sheet: name, rows, encoding: None, delimiter: None })
}

/// An xlsx sheet cell by cell, as the file lists them: only the rows that have cells, each as
/// wide as its last cell. (calamine's `worksheet_range` makes one dense rectangle from the
/// first cell to the last: a stray cell at XFD1048576 asks for 17 billion cells and ends the
/// program.) A row the file lists in pieces is put together.
fn xlsx_grid<RS: std::io::Read + std::io::Seek>(x: &mut calamine::Xlsx<RS>, name: String) -> Result<Grid, ReadError> {
    let mut by_row: std::collections::BTreeMap<u32, Vec<Cell>> = Default::default();
    xlsx_rows(x, &name, |r, cells| {
        let row = by_row.entry(r).or_default();
        if row.len() < cells.len() {
            row.resize(cells.len(), Cell::Empty);
        }
        for (to, cell) in row.iter_mut().zip(cells) {
            if cell != Cell::Empty {
                *to = cell;
            }
        }
        true
    })?;
    let rows = by_row.into_iter().map(|(r, cells)| (r + 1, cells.into_boxed_slice())).collect();
    Ok(Grid { sheet: name, rows, encoding: None, delimiter: None })
}

/// The cells of an xlsx sheet a row at a time, in the order the file lists them (`row` gets
/// the row's index from 0 and its cells; a file may list a row in pieces, or out of order).
/// A sheet whose few cells are spread so far apart that the padding between them would dwarf
/// them is refused, naming the farthest cell. False when `row` stopped the reading.
fn xlsx_rows<RS: std::io::Read + std::io::Seek>(
    x: &mut calamine::Xlsx<RS>,
    name: &str,
    mut row: impl FnMut(u32, Vec<Cell>) -> bool,
) -> Result<bool, ReadError> {
    let unreadable = |e: calamine::XlsxError| ReadError::Unreadable { detail: e.to_string() };
    let mut reader = x.worksheet_cells_reader(name).map_err(unreadable)?;
    let (mut real, mut padded, mut far) = (0usize, 0usize, (0u32, 0u32));
    let mut current: Option<(u32, Vec<Cell>)> = None;
    while let Some(c) = reader.next_cell().map_err(unreadable)? {
        let (r, col) = c.get_position();
        let cell = cell_of(&Data::from(c.get_value().clone()));
        if cell == Cell::Empty {
            continue;
        }
        if let Some((done, cells)) = current.take_if(|(cr, _)| *cr != r) {
            if !row(done, cells) {
                return Ok(false);
            }
        }
        let (_, cells) = current.get_or_insert_with(|| (r, Vec::new()));
        let col = col as usize;
        if col >= cells.len() {
            padded += col + 1 - cells.len();
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = cell;
        real += 1;
        far = far.max((r, col as u32));
        if padded > 16_000_000 && padded > real * 8 {
            return Err(ReadError::SpreadOut { cell: format!("{}{}", crate::orders::column_letter(far.1 as usize), far.0 + 1) });
        }
    }
    Ok(current.is_none_or(|(r, cells)| row(r, cells)))
}

/// How [`stream_rows`] ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Streamed {
    /// Every row was handed over, in the sheet's order; the sheet's name.
    Whole(String),
    /// Not an xlsx, or a file that lists its rows out of order, or the receiver stopped: what
    /// was handed over is not the sheet; read it whole with [`read_file`].
    Not,
}

/// An xlsx sheet (`sheet` by name, default the first) handed to `row` a row at a time as it is
/// read, each with its sheet row number, so that the rows can be analysed while the rest is
/// still being read (the import does this on two cores). The same guards and refusals as
/// [`read_file`]; `row` returns false to stop.
pub fn stream_rows(path: &Path, sheet: Option<&str>, row: &mut dyn FnMut(u32, Box<[Cell]>) -> bool) -> Result<Streamed, ReadError> {
    if is_text_file(path) {
        return Ok(Streamed::Not);
    }
    with_workbook_at(path, |wb| {
        let name = sheet_name(wb, sheet)?;
        let calamine::Sheets::Xlsx(x) = wb else { return Ok(Streamed::Not) };
        let mut last: Option<u32> = None;
        let whole = xlsx_rows(x, &name, |r, cells| {
            if last.is_some_and(|l| r <= l) {
                return false;
            }
            last = Some(r);
            row(r + 1, cells.into_boxed_slice())
        })?;
        Ok(if whole { Streamed::Whole(name) } else { Streamed::Not })
    })
}

/// The first `rows` rows of a workbook's sheet (an xlsx stops reading there), to look for a
/// header in.
pub fn sheet_head(path: &Path, sheet: &str, rows: usize) -> Result<Grid, ReadError> {
    let mut head = Vec::new();
    match stream_rows(path, Some(sheet), &mut |n, cells| {
        head.push((n, cells));
        head.len() < rows
    })? {
        Streamed::Whole(_) => {}
        // not an xlsx, or the rows out of order: the sheet read whole
        Streamed::Not if head.len() < rows => head = read_file(path, Some(sheet), None)?.rows.into_iter().take(rows).collect(),
        Streamed::Not => {}
    }
    Ok(Grid { sheet: sheet.to_string(), rows: head, encoding: None, delimiter: None })
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.into())
            }
        }
        Data::Int(i) => Cell::Number(i.to_compact_string()),
        // Rust prints the shortest text that reads back as the same double, never with an
        // exponent: 0.1 → "0.1", 12.5 → "12.5"
        Data::Float(f) => {
            Cell::Number(if f.fract() == 0.0 && f.abs() < 1e15 { format_compact!("{}", *f as i64) } else { format_compact!("{f}") })
        }
        Data::Bool(b) => Cell::Text(b.to_compact_string()),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) => Cell::Date(t.date()),
            None => Cell::Number(dt.as_f64().to_compact_string()),
        },
        Data::DateTimeIso(s) => Cell::Text(s.into()),
        Data::DurationIso(s) => Cell::Text(s.into()),
        Data::Error(e) => Cell::Text(format_compact!("#{e:?}")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let g =
            super::read_text("title,,\r\n,,\r\n客户,数量,单价\r\n\"多行\n备注\",2,3\r\n张三,1,1\r\n".as_bytes(), None, "t.csv").unwrap();
        let lines: Vec<u32> = g.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 2, 3, 4, 6]);
    }

    /// An online shop's export keeps its long order numbers as `="…"` (both as CSV writes it,
    /// quoted, and bare): read as the digits, never a number; a formula-looking text that is
    /// not that stays as written.
    #[test]
    fn order_numbers_written_for_excel_are_read_as_their_digits() {
        let csv =
            "订单编号,标题,购买数量\r\n\"=\"\"2031415890943168732\"\"\",龙井,1\r\n=\"1999\",碧螺春,2\r\n=1+1,\"=\"\"a\"\"b\"\"\",3\r\n";
        let g = super::read_text(csv.as_bytes(), None, "t.csv").unwrap();
        let cells: Vec<String> = g.rows[1..].iter().flat_map(|(_, c)| c.iter().take(2).map(super::Cell::text)).collect();
        assert_eq!(cells, ["2031415890943168732", "龙井", "1999", "碧螺春", "=1+1", "=\"a\"b\""]);
    }
}
