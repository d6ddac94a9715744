//! Reading the sheet an import names (which sheet, the encoding, read whole or streamed on a
//! second thread) and its dry run against the shop.

use super::*;

/// The header a mapping the user gave names, the one remembered for this file's header, or
/// none (guess); and which of these it was.
pub(super) fn header_of(
    db: &Db,
    grid: &kaidan_import::Grid,
    kind: Kind,
    given: Option<&MappingSpec>,
) -> Result<(Option<(usize, Mapping)>, &'static str), Error> {
    if let Some(spec) = given {
        let h = kaidan_import::apply_mapping(grid, spec).map_err(|problem| Error::new(Problem::Sheet { problem }))?;
        return Ok((Some(h), "given"));
    }
    for i in 0..grid.rows.len().min(30) {
        if let Some(json) = db.saved_mapping(&kaidan_import::header_signature(grid, i), kind.as_str())? {
            if let Ok(spec) = serde_json::from_str::<MappingSpec>(&json) {
                let spec = MappingSpec { header_row: Some(grid.rows[i].0), ..spec };
                if let Ok(h) = kaidan_import::apply_mapping(grid, &spec) {
                    return Ok((Some(h), "saved"));
                }
            }
        }
    }
    Ok((None, "guessed"))
}

/// [`analyse_in`] for the import itself: an order sheet's rows are let go of as they become
/// drafts (a million-row CSV is not held twice); gives back the sheet down to its header.
pub(super) fn analyse_in_owned(
    db: &Db,
    grid: kaidan_import::Grid,
    opts: &ImportOptions,
    lang: Lang,
) -> Result<(DryRun, kaidan_import::Grid), Error> {
    match Kind::parse(opts.kind.as_deref())? {
        Kind::Orders => analyse_orders_in(db, grid, std::iter::empty(), opts, lang),
        Kind::List(_) => Ok((analyse_in(db, &grid, opts, lang)?, grid)),
    }
}

/// An order sheet's dry run: its header found in `head` (its first rows, or all of them), the
/// rows after `head` as `rest` gives them.
pub(super) fn analyse_orders_in(
    db: &Db,
    head: kaidan_import::Grid,
    rest: impl Iterator<Item = (u32, Box<[kaidan_import::Cell]>)>,
    opts: &ImportOptions,
    lang: Lang,
) -> Result<(DryRun, kaidan_import::Grid), Error> {
    let (header, source) = header_of(db, &head, Kind::Orders, opts.mapping.as_ref())?;
    let given = opts.order_date()?;
    let products = given_products(db, opts)?;
    let (mut d, grid) = kaidan_import::analyse_streamed(head, header, rest, &ShopKnown::new(db, products.as_ref()), lang)
        .map_err(|detail| Error::new(Problem::ImportFile { detail }))?;
    d.mapping_source = source.into();
    Ok((d.dated(given), grid))
}

/// The dry run of a sheet of any kind, in the caller's transaction.
pub(super) fn analyse_in(db: &Db, grid: &kaidan_import::Grid, opts: &ImportOptions, lang: Lang) -> Result<DryRun, Error> {
    let kind = Kind::parse(opts.kind.as_deref())?;
    let given = opts.order_date()?;
    let products = given_products(db, opts)?;
    let (header, source) = header_of(db, grid, kind, opts.mapping.as_ref())?;
    let known = ShopKnown::new(db, products.as_ref());
    let mut d = match kind {
        Kind::Orders => kaidan_import::analyse(grid, header, &known, lang),
        Kind::List(k) => kaidan_import::analyse_list(grid, k, header, &known, lang),
    }
    .map_err(|detail| Error::new(Problem::ImportFile { detail }))?;
    d.mapping_source = source.into();
    // (a list has no orders to date)
    Ok(d.dated(given))
}

/// Reads the sheet an import names, with the encoding the user chose (refused by name when it
/// is not one we know) or the detected one.
pub(super) fn read_grid(path: &Path, opts: &ImportOptions, lang: Lang) -> Result<kaidan_import::Grid, Error> {
    let encoding = match opts.encoding.as_deref() {
        None => None,
        Some(e) => Some(kaidan_import::encoding_by_name(e).ok_or_else(|| {
            Error::at(
                Problem::BadChoice { text: e.to_string(), allowed: vec!["utf-8".into(), "gbk".into(), "gb18030".into(), "big5".into()] },
                kaidan_core::Field::new(kaidan_core::FieldKey::Setting),
            )
        })?),
    };
    let grid = kaidan_import::read_file(path, opts.sheet.as_deref(), encoding).map_err(|e| read_error(e, lang))?;
    match opts.paired_file.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(grid),
        Some(other) => {
            let other = kaidan_import::read_file(Path::new(other), None, encoding).map_err(|e| read_error(e, lang))?;
            kaidan_import::platforms::join_pair(grid, other).map_err(|e| read_error(e, lang))
        }
    }
}

/// `opts` with the sheet of a workbook named (a text file has none): the one the user chose;
/// else, in a workbook of several sheets, the first whose first rows hold a header (guessed,
/// remembered, or the one the user's mapping names) — a shop's workbook often opens on a
/// notes or summary sheet; else the first. A workbook whose sheets cannot be listed is left to
/// its read, which says what is wrong.
pub(super) fn with_data_sheet<'o>(db: &Db, path: &Path, opts: &'o ImportOptions, kind: Kind) -> Cow<'o, ImportOptions> {
    if opts.sheet.is_some() || kaidan_import::is_text_file(path) {
        return Cow::Borrowed(opts);
    }
    let Ok(names) = kaidan_import::sheet_names(path) else { return Cow::Borrowed(opts) };
    let holds_header = |name: &String| {
        kaidan_import::sheet_head(path, name, 30).is_ok_and(|head| {
            kaidan_import::guess_header(&head).is_some() || matches!(header_of(db, &head, kind, opts.mapping.as_ref()), Ok((Some(_), _)))
        })
    };
    let chosen = if names.len() > 1 { names.iter().find(|n| holds_header(n)) } else { None };
    match chosen.or(names.first()) {
        Some(sheet) => Cow::Owned(ImportOptions { sheet: Some(sheet.clone()), ..opts.clone() }),
        None => Cow::Borrowed(opts),
    }
}

/// Rows of a sheet read on another thread, a chunk at a time, and how that read ended.
pub(super) struct RowStream<'scope> {
    rows: std::sync::mpsc::Receiver<Vec<(u32, Box<[kaidan_import::Cell]>)>>,
    read: std::thread::ScopedJoinHandle<'scope, Result<kaidan_import::Streamed, ReadError>>,
}

/// A sheet as the import takes it: being read on a second thread, or read whole.
pub(super) enum Sheet<'scope> {
    Streaming(RowStream<'scope>),
    Read(kaidan_import::Grid),
}

/// An xlsx order sheet starts being read on a second thread, handing its rows over as they are
/// read so that the dry run can analyse them meanwhile (the two take about as long, and an
/// import is read and analysed in the time of the longer); any other sheet is read whole.
pub(super) fn open_sheet<'scope>(
    s: &'scope std::thread::Scope<'scope, '_>,
    path: &'scope Path,
    opts: &'scope ImportOptions,
    kind: Kind,
    lang: Lang,
) -> Result<Sheet<'scope>, Error> {
    const CHUNK: usize = 256;
    let xlsx = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !xlsx || !matches!(kind, Kind::Orders) || opts.paired_file.is_some() {
        return Ok(Sheet::Read(read_grid(path, opts, lang)?));
    }
    let (to_analysis, rows) = std::sync::mpsc::sync_channel(4);
    let read = s.spawn(move || {
        let mut chunk = Vec::with_capacity(CHUNK);
        let end = kaidan_import::stream_rows(path, opts.sheet.as_deref(), &mut |n, cells| {
            chunk.push((n, cells));
            // the analysis has stopped when nobody receives
            chunk.len() < CHUNK || to_analysis.send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))).is_ok()
        });
        if !chunk.is_empty() {
            let _ = to_analysis.send(chunk);
        }
        end
    });
    Ok(Sheet::Streaming(RowStream { rows, read }))
}

/// [`analyse_in_owned`] of an order sheet as [`open_sheet`] streams it: the header is found in
/// the first rows, the rest analysed as it comes. A read that fails is named as when the sheet
/// is read whole; a file that lists its rows out of order is read whole after all.
pub(super) fn analyse_streamed_in(
    db: &Db,
    stream: RowStream<'_>,
    path: &Path,
    opts: &ImportOptions,
    lang: Lang,
) -> Result<(DryRun, kaidan_import::Grid), Error> {
    let RowStream { rows, read } = stream;
    let mut rows = rows.into_iter().flatten();
    // the first rows, down to the header row the user named (the header is looked for in 30)
    let header_row = opts.mapping.as_ref().and_then(|m| m.header_row);
    let mut head = Vec::new();
    while head.len() < 64 || header_row.is_some_and(|h| head.last().is_some_and(|(n, _)| *n < h)) {
        match rows.next() {
            Some(r) => head.push(r),
            None => break,
        }
    }
    let head = kaidan_import::Grid { sheet: String::new(), rows: head, encoding: None, delimiter: None };
    let analysed = analyse_orders_in(db, head, &mut rows, opts, lang);
    // the reader stops once nobody takes its rows (the analysis may stop early)
    drop(rows);
    match read.join() {
        Err(panic) => std::panic::resume_unwind(panic),
        Ok(Err(e)) => Err(read_error(e, lang)),
        Ok(Ok(kaidan_import::Streamed::Not)) => analyse_in_owned(db, read_grid(path, opts, lang)?, opts, lang),
        Ok(Ok(kaidan_import::Streamed::Whole(sheet))) => {
            let (mut d, mut grid) = analysed?;
            d.sheet = sheet.clone();
            grid.sheet = sheet;
            Ok((d, grid))
        }
    }
}
