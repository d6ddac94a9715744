// The import wizard: pick the file and what it holds → sheet, encoding and header row → the
// columns (guessed, remembered or chosen) → the check with bad cells marked where they are →
// the import with a progress bar and cancel → the result, undoable as a whole.
import { useEffect, useRef, useState } from "react";
import type { Field as ImportField, ImportKind, ImportOptions, ImportPreview, ImportResult, MappingSpec, NewProduct, Product } from "../bindings";
import { BackendError } from "../backend";
import { ErrorBox, Field, Notice, useAction, useApp, useLoad, FilePick } from "../ui";
import { DateField } from "../DateField";

const ENCODINGS = ["", "utf-8", "gbk", "big5"];
const TEXT_FILE = /\.(csv|tsv|txt)$/i;

export function Import() {
  const { t, backend } = useApp();
  const [kind, setKind] = useState<ImportKind>("orders");
  const [file, setFile] = useState<{ token: string; name: string } | null>(null);
  // Taobao's order report beside its item report (either picked first): handed over the same way
  const [paired, setPaired] = useState<{ token: string; name: string } | null>(null);
  const [opts, setOpts] = useState<ImportOptions>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [skipErrors, setSkipErrors] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const batches = useLoad(() => backend.importBatches(), [result]);
  const act = useAction();
  const gen = useRef(0);

  // every change of the file or the options asks for a fresh check (older answers are dropped);
  // the check is not a user action: it does not go through `act`, which runs one action at a
  // time, so a newer check never waits for an older one and a pick never waits for a check
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<BackendError | null>(null);
  useEffect(() => {
    if (!file) return;
    const g = ++gen.current;
    setChecking(true);
    setCheckError(null);
    backend
      .importPreview(file.token, { ...opts, kind })
      .then(
        (p) => g === gen.current && setPreview(p),
        (e) => g === gen.current && setCheckError(e instanceof BackendError ? e : new BackendError("ipc", String(e), null)),
      )
      .finally(() => g === gen.current && setChecking(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file, opts, kind]);

  const pick = (f: File) =>
    act.run(async () => {
      setPreview(null);
      setResult(null);
      setMsg(null);
      const token = await backend.importUpload(f.name, new Uint8Array(await f.arrayBuffer()));
      setOpts({});
      setPaired(null);
      setBadDate(false);
      // skipping a sheet's bad rows is decided for each file, on its own errors
      setSkipErrors(false);
      setFile({ token, name: f.name });
    });

  const pickPaired = (f: File) =>
    act.run(async () => {
      setResult(null);
      setMsg(null);
      const token = await backend.importUpload(f.name, new Uint8Array(await f.arrayBuffer()));
      setPaired({ token, name: f.name });
      setOpts((o) => ({ ...o, paired_file: token, mapping: undefined }));
    });
  const unpair = () => {
    setPaired(null);
    setOpts((o) => ({ ...o, paired_file: undefined, mapping: undefined }));
  };

  const mapped = preview?.dry.mapping ?? {};
  const setColumn = (column: string, field: ImportField | "") => {
    const columns: Record<string, ImportField> = {};
    for (const [c, f] of Object.entries(mapped)) if (c !== column && f !== field) columns[c] = f as ImportField;
    if (field) columns[column] = field;
    const mapping: MappingSpec = { header_row: preview?.dry.header_row ?? null, columns };
    setOpts({ ...opts, mapping });
  };

  const run = async () => {
    if (!file) return;
    setProgress({ done: 0, total: 0 });
    const timer = setInterval(async () => {
      const p = await backend.importProgress();
      if (p.running) setProgress({ done: p.done, total: p.total });
    }, 250);
    try {
      await act.run(async () => {
        try {
          const r = await backend.importRun(file.token, { ...opts, kind }, skipErrors);
          setResult(r);
          const parts = [t.t("import_done", { orders: String(r.orders), customers: String(r.customers_new), products: String(r.products_new), batch: r.batch })];
          if (r.open) parts.push(t.t("import_open_done"));
          else if (r.waiting) parts.push(t.t("import_waiting_done", { n: String(r.waiting) }));
          if (r.already_in_shop) parts.push(t.t("import_already_done", { n: String(r.already_in_shop) }));
          if (r.awaiting_approval.length) parts.push(t.t("import_awaiting", { numbers: t.list(r.awaiting_approval) }));
          setMsg(parts.join(" "));
        } catch (e) {
          if (e instanceof BackendError && e.code === "cancelled") {
            setMsg(t.t("import_cancelled"));
            return;
          }
          throw e;
        }
      });
    } finally {
      clearInterval(timer);
      setProgress(null);
    }
  };

  const d = preview?.dry;
  const issueAt = new Map<string, { level: "error" | "warning"; message: string }>();
  for (const w of d?.warnings ?? []) issueAt.set(`${w.row}|${w.column}`, { level: "warning", message: w.message });
  for (const e of d?.errors ?? []) issueAt.set(`${e.row}|${e.column}`, { level: "error", message: e.message });
  const headerCells = preview?.columns ?? [];
  /** A column's letter as the sheet shows it (A … Z, AA …), as the Rust side names a headerless one. */
  const letter = (c: number): string => (c < 26 ? "" : letter(Math.floor(c / 26) - 1)) + String.fromCharCode(65 + (c % 26));
  const cellKey = (row: number, c: number) => `${row}|${headerCells[c] || letter(c)}`;
  // the date given for orders without one: sent once typing stops; while it is no date, the
  // import waits
  const [badDate, setBadDate] = useState(false);
  const dateTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const giveDate = (v: string | null) => {
    clearTimeout(dateTimer.current);
    setBadDate(v === null);
    if (v !== null) dateTimer.current = setTimeout(() => setOpts((o) => ({ ...o, order_date: v || undefined })), 400);
  };
  const blocked = (!!d && d.errors.length > 0 && !skipErrors) || badDate;
  // an order sheet without a date column: the wizard asks for the column, or one date for all
  const noDate = !!d && d.warnings.some((w) => w.problem.kind === "no_date_column");

  return (
    <div className="screen import" data-screen="import">
      <h1>{t.t("import_title")}</h1>
      <p className="muted">{t.t("import_lead")}</p>
      <Notice text={msg} />
      <ErrorBox error={act.error ?? checkError} />
      <section className="card form" data-step="file">
        <div className="fields">
          <Field label={t.t("import_kind")}>
            <select name="import_kind" value={kind} onChange={(e) => (setKind(e.target.value as ImportKind), setOpts({}))}>
              {(["orders", "products", "customers"] as ImportKind[]).map((k) => (
                <option key={k} value={k}>
                  {/* the box below turns the order sheet into orders still to deliver: the choice says so */}
                  {t.t(k === "orders" && opts.open_orders ? "import_kind_orders_open" : `import_kind_${k}`)}
                </option>
              ))}
            </select>
          </Field>
          {kind === "orders" && (
            <label className="check" style={{ gridColumn: "1 / -1" }}>
              <input
                type="checkbox"
                name="import_open"
                checked={!!opts.open_orders}
                onChange={(e) => setOpts({ ...opts, open_orders: e.target.checked || undefined })}
              />{" "}
              {t.t("import_open")}
            </label>
          )}
          {/* the file and how to read it start a row of their own, whatever the kind's width */}
          {kind === "orders" && <div className="row-break" />}
          <Field label={t.t("import_file")} wide>
            <FilePick name="import_file" accept=".xlsx,.xls,.ods,.csv,.tsv,.txt" label={t.t("choose_file")} picked={file?.name} onPick={pick} />
          </Field>
          {/* a Taobao export (or a file that could not be read alone: its order report) may take
              its other report beside it */}
          {kind === "orders" && file && (paired || preview?.dry.platform === "taobao" || checkError) && (
            <Field label={t.t("import_paired_file")} wide>
              <FilePick name="import_paired_file" accept=".csv,.xlsx,.xls" label={t.t("choose_file")} picked={paired?.name} onPick={pickPaired} />
              {paired && (
                <button type="button" className="link" data-action="import-unpair" onClick={unpair}>
                  {t.t("import_paired_remove")}
                </button>
              )}
            </Field>
          )}
          {preview && (
            <>
              {preview.sheets.length > 1 && (
                <Field label={t.t("import_sheet")}>
                  <select name="import_sheet" value={d!.sheet} onChange={(e) => setOpts({ ...opts, sheet: e.target.value, mapping: undefined })}>
                    {preview.sheets.map((s) => (
                      <option key={s}>{s}</option>
                    ))}
                  </select>
                </Field>
              )}
              {file && TEXT_FILE.test(file.name) && (
                <Field label={t.t("import_encoding")}>
                  <select name="import_encoding" value={opts.encoding ?? ""} onChange={(e) => setOpts({ ...opts, encoding: e.target.value || undefined })}>
                    {ENCODINGS.map((e) => (
                      <option key={e} value={e}>
                        {e || t.t("import_encoding_auto")}
                      </option>
                    ))}
                  </select>
                </Field>
              )}
              <Field label={t.t("import_header_row")}>
                <input
                  name="import_header_row"
                  inputMode="numeric"
                  defaultValue={d!.header_row}
                  key={`${file?.token}-${d!.header_row}`}
                  onBlur={(e) => {
                    const n = Number(e.target.value);
                    if (n > 0 && n !== d!.header_row) setOpts({ ...opts, mapping: { header_row: n, columns: {} } });
                  }}
                />
              </Field>
            </>
          )}
        </div>
      </section>

      {preview && d && (
        <>
          <section className="card" data-step="mapping">
            <h2>
              {t.t("import_mapping")} <span className="muted small-text">{d.platform && d.mapping_source === "guessed"
                  ? t.t("import_mapping_source_platform", { platform: t.platform(d.platform) })
                  : t.t(`import_mapping_source_${d.mapping_source as "guessed" | "saved" | "given"}`)}</span>
            </h2>
            <div className="mapping-grid" data-testid="import-mapping">
              {headerCells.map((c, i) =>
                c ? (
                  <label key={`${i}-${c}`} className="field" data-column={c}>
                    <span>{c}</span>
                    <select name="import_field" data-column={c} value={mapped[c] ?? ""} onChange={(e) => setColumn(c, e.target.value as ImportField | "")}>
                      <option value="">{t.t("import_field_none")}</option>
                      {preview.fields.map((f) => (
                        <option key={f} value={f}>
                          {t.importField(f)}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : null,
              )}
            </div>
            {d.kind === "orders" && (noDate || opts.order_date) && (
              <div className="ask" data-testid="import-date-ask">
                <p>{t.t(noDate ? "import_date_ask" : "import_date_given")}</p>
                <Field label={t.t("import_order_date")}>
                  <DateField
                    name="import_order_date"
                    value={opts.order_date ?? ""}
                    onChange={giveDate}
                  />
                </Field>
              </div>
            )}
          </section>

          <section className="card" data-step="check" data-testid="import-check">
            <h2 data-testid="import-check-title">{t.t(result ? "import_written" : "import_check")}</h2>
            <p data-testid="import-counts">
              {t.t("import_counts", {
                orders: String(d.orders),
                lines: String(d.lines),
                customers: String(d.customers_new),
                products: String(d.products_new),
                total: t.money(d.total),
              })}
              {" · "}
              <span className={preview.errors_total ? "bad-text" : ""}>{t.t("import_errors_n", { n: String(preview.errors_total) })}</span>
              {" · "}
              {t.t("import_warnings_n", { n: String(preview.warnings_total) })}
            </p>
            {d.platform && (
              <p data-testid="import-platform" data-platform={d.platform}>
                {t.t("import_platform", { platform: t.platform(d.platform), waiting: String(d.waiting) })}
                {d.already_in_shop > 0 && <> {t.t("import_platform_already", { n: String(d.already_in_shop) })}</>}
              </p>
            )}
            <div className="sheet-preview">
              <table className="list" data-testid="import-rows">
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.row} className={r.row === d.header_row ? "header-row" : ""} data-row={r.row}>
                      <td className="muted">{r.row}</td>
                      {r.cells.map((c, i) => {
                        const issue = issueAt.get(cellKey(r.row, i));
                        return (
                          <td key={i} className={issue ? `cell-${issue.level}` : ""} title={issue?.message} data-issue={issue?.level}>
                            {c}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {(d.errors.length > 0 || d.warnings.length > 0) && (
              <ul className="issues" data-testid="import-issues">
                {d.errors.map((e, i) => (
                  <li key={`e${i}`} className="bad-text" data-row={e.row}>
                    {e.whole}
                  </li>
                ))}
                {d.warnings.map((w, i) => (
                  <li key={`w${i}`} className="warn-text">
                    {w.whole}
                  </li>
                ))}
              </ul>
            )}
            {d.kind === "orders" && d.new_products.length > 0 && (
              <NewProducts
                products={d.new_products}
                total={preview.new_products_total}
                made={d.products_new}
                chosen={opts.products ?? {}}
                onChoose={(key, sku) => setOpts({ ...opts, products: { ...(opts.products ?? {}), [key]: sku } })}
              />
            )}
            {d.errors.length > 0 && (
              <label className="check">
                <input type="checkbox" name="import_skip_errors" checked={skipErrors} onChange={(e) => setSkipErrors(e.target.checked)} /> {t.t("import_skip_errors")}
              </label>
            )}
            <div className="buttons">
              {progress ? (
                <>
                  <progress max={progress.total || 1} value={progress.done} data-testid="import-progress" />
                  <span>{t.t("import_running", { done: String(progress.done), total: String(progress.total || "…") })}</span>
                  <button className="danger" data-action="import-cancel" onClick={() => backend.importCancel()}>
                    {t.t("import_cancel")}
                  </button>
                </>
              ) : (
                <button className="primary" data-action="import-run" disabled={act.busy || checking || blocked || !!result} onClick={run}>
                  {t.t("import_go")}
                </button>
              )}
              {result && (
                <button
                  data-action="import-undo"
                  disabled={act.busy}
                  onClick={() =>
                    act.run(async () => {
                      await backend.undoImport(result.batch);
                      setResult(null);
                      setMsg(t.t("import_undone"));
                      batches.reload();
                    })
                  }
                >
                  {t.t("import_undo")}
                </button>
              )}
            </div>
          </section>
        </>
      )}

      <section className="card" data-testid="import-history">
        <h2>{t.t("import_history")}</h2>
        <ErrorBox error={batches.error} />
        <table className="list">
          <tbody>
            {(batches.data ?? []).length === 0 && (
              <tr>
                <td className="muted">{t.t("no_rows")}</td>
              </tr>
            )}
            {(batches.data ?? []).map((b) => (
              <tr key={b.id} data-batch={b.id}>
                <td>{t.time(b.created_at)}</td>
                <td>
                  {b.file_name}
                  {b.sheet && <span className="muted"> · {b.sheet}</span>}
                </td>
                <td>{b.kind === "orders" && b.counts.open === true ? t.t("import_kind_open") : t.importKind(b.kind)}</td>
                <td>{b.status === "undone" ? t.t("import_status_undone") : t.t("import_status_imported")}</td>
                <td>
                  {b.status === "imported" && (
                    <button
                      className="small"
                      data-action="undo-batch"
                      disabled={act.busy}
                      onClick={() =>
                        act.run(async () => {
                          await backend.undoImport(b.id);
                          setMsg(t.t("import_undone"));
                          batches.reload();
                        })
                      }
                    >
                      {t.t("import_undo")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

/** The sheet's products the shop lacks: each made by the import, or — the user's choice,
 *  remembered for later imports — one of the shop's products, found by its code or name. */
function NewProducts({
  products,
  total,
  made,
  chosen,
  onChoose,
}: {
  products: NewProduct[];
  total: number;
  made: number;
  chosen: Record<string, string>;
  onChoose: (key: string, sku: string) => void;
}) {
  const { t, backend } = useApp();
  const [found, setFound] = useState<Product[]>([]);
  const [unknown, setUnknown] = useState<Record<string, string>>({});
  const search = useRef(0);
  const look = (text: string) => {
    const n = ++search.current;
    if (!text.trim()) return setFound([]);
    backend.products(text.trim(), null, 20).then((ps) => n === search.current && setFound(ps), () => undefined);
  };
  // what was typed, as the shop's product code: a code, or the name of one product found; ""
  // makes it new; anything else is said beside the field and not sent
  const choose = async (p: NewProduct, typed: string) => {
    const text = typed.trim();
    const now = chosen[p.key] ?? p.mapped_to ?? "";
    setUnknown((u) => ({ ...u, [p.key]: "" }));
    if (text === now) return;
    if (!text) return onChoose(p.key, "");
    const matches = await backend.products(text, null, 20).catch(() => [] as Product[]);
    const hit = matches.find((m) => m.sku === text || m.barcode === text) ?? (matches.filter((m) => m.name === text).length === 1 ? matches.find((m) => m.name === text) : undefined);
    if (hit) onChoose(p.key, hit.sku);
    else setUnknown((u) => ({ ...u, [p.key]: text }));
  };
  return (
    <>
      {/* the products offered as one types (outside the list: a web view's text of an element
          holding a datalist's options fails in WebKit's WebDriver) */}
      <datalist id="import-shop-products">
        {found.map((p) => (
          <option key={p.id} value={p.sku}>
            {p.name}
            {p.spec ? ` ${p.spec}` : ""}
          </option>
        ))}
      </datalist>
      <div className="new-products" data-testid="import-new-products">
      <h3>{t.t("import_new_products", { n: String(total), made: String(made) })}</h3>
      <p className="muted">{t.t("import_new_products_lead")}</p>
      <table className="list">
        <tbody>
          {products.map((p) => (
            <tr key={p.key} data-key={p.key} data-mapped={p.mapped_to ?? ""}>
              <td>{p.sku ?? ""}</td>
              <td>
                {p.name ?? ""}
                {p.spec ? <span className="muted"> {p.spec}</span> : null}
              </td>
              <td className="muted">{t.t("import_new_product_rows", { row: String(p.row), lines: String(p.lines) })}</td>
              <td>
                <input
                  name="import_product_for"
                  data-key={p.key}
                  list="import-shop-products"
                  placeholder={t.t("import_product_for_hint")}
                  defaultValue={p.mapped_to ?? ""}
                  key={`${p.key}-${p.mapped_to ?? ""}`}
                  onChange={(e) => look(e.target.value)}
                  onBlur={(e) => void choose(p, e.target.value)}
                  onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
                />
                {unknown[p.key] && (
                  <span className="field-error" role="alert">
                    {t.t("import_product_unknown", { text: unknown[p.key] })}
                  </span>
                )}
              </td>
              <td data-testid="import-product-fate">{p.mapped_to ? t.t("import_product_mapped", { sku: p.mapped_to }) : t.t("import_product_made")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > products.length && <p className="muted">{t.t("import_new_products_more", { n: String(total - products.length) })}</p>}
      </div>
    </>
  );
}
