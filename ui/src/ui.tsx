// Shared pieces: the app context (language, backend, navigation) and small components.
import { DateField } from "./DateField";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { Action, AppInfo } from "./bindings";
import type { Backend } from "./backend";
import { BackendError } from "./backend";
import type { T } from "./i18n";
import { PAY_METHODS } from "./i18n";

export interface AppCtx {
  t: T;
  backend: Backend;
  info: AppInfo;
  go: (route: string) => void;
  reloadInfo: () => Promise<void>;
  setLang: (lang: AppInfo["lang"]) => Promise<void>;
  /** Who is signed in at the window (none: nobody, or a shop that does not ask): what a screen
   *  shows for one person it does not keep for the next. */
  who?: string | null;
  /** Whether the person at the window may take `action` (the shop's answer, `SignedIn.may`;
   *  with nobody signed in, a shop that does not ask is its one owner's). Screens leave out what
   *  one may not do or see; the shop checks again on every action. */
  may?: (action: Action) => boolean;
}

export const Ctx = createContext<AppCtx | null>(null);
export const useApp = () => useContext(Ctx)!;

/** Loads something from the backend; reloads when `deps` change. */
export function useLoad<V>(load: () => Promise<V>, deps: unknown[]): { data: V | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<V | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && (setData(v), setError(null)),
      (e) => live && setError(e instanceof BackendError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, n]);
  return { data, error, reload: useCallback(() => setN((x) => x + 1), []) };
}

/** A list read page by page to its end (a shop with 5,000 products sees them all): the first
 *  page when `deps` change, the next when asked (the last row scrolled into view, or the
 *  "more" button). Pages come by the backend's cursor (`cursor` of the last row). An answer
 *  to an older search is dropped. */
export function usePaged<V>(
  fetch: (after: string | null, limit: number) => Promise<V[]>,
  cursor: (v: V) => string,
  deps: unknown[],
  page = 200,
): { rows: V[]; done: boolean; loading: boolean; error: string | null; more: () => void; reload: () => void } {
  const [rows, setRows] = useState<V[]>([]);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const gen = useRef(0);
  const inFlight = useRef(false);
  const state = useRef<{ rows: V[]; done: boolean }>({ rows: [], done: false });
  const load = useCallback(
    (reset: boolean) => {
      if (!reset && (inFlight.current || state.current.done)) return;
      const g = reset ? ++gen.current : gen.current;
      const after = reset || state.current.rows.length === 0 ? null : cursor(state.current.rows[state.current.rows.length - 1]);
      inFlight.current = true;
      setLoading(true);
      fetch(after, page).then(
        (got) => {
          if (g !== gen.current) return;
          const next = { rows: reset ? got : [...state.current.rows, ...got], done: got.length < page };
          state.current = next;
          setRows(next.rows);
          setDone(next.done);
          setError(null);
          inFlight.current = false;
          setLoading(false);
        },
        (e) => {
          if (g !== gen.current) return;
          setError(e instanceof BackendError ? e.message : String(e));
          inFlight.current = false;
          setLoading(false);
        },
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );
  useEffect(() => load(true), [load]);
  return { rows, done, loading, error, more: useCallback(() => load(false), [load]), reload: useCallback(() => load(true), [load]) };
}

/** Below a paged list: how many rows are shown, and the next page, loaded when this comes into
 *  view (scrolling to the end reaches the end) or on the button. */
export function MoreRows({ list }: { list: { rows: unknown[]; done: boolean; loading: boolean; more: () => void } }) {
  const { t } = useApp();
  const ref = useRef<HTMLDivElement>(null);
  const { more, done } = list;
  useEffect(() => {
    const el = ref.current;
    if (!el || done || typeof IntersectionObserver === "undefined") return;
    const seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && more());
    seen.observe(el);
    return () => seen.disconnect();
  }, [more, done, list.rows.length]);
  return (
    <div ref={ref} className="more-rows muted" data-testid="more-rows" data-done={done ? "true" : "false"}>
      {done ? (
        t.t("rows_all", { n: String(list.rows.length) })
      ) : (
        <>
          {t.t("rows_shown", { n: String(list.rows.length) })}{" "}
          <button type="button" className="small" data-action="more-rows" disabled={list.loading} onClick={more}>
            {t.t("rows_more")}
          </button>
        </>
      )}
    </div>
  );
}

/** Runs a user action, showing its error (already in the user's language) until the next try.
 *  One at a time: a `run` while another is in flight is ignored (and gives undefined), so a
 *  double click sends one request. The guard is a ref, set before anything renders: `busy`
 *  disables the buttons only after the next render, too late for a second click.
 *  With `queue`, a `run` while another is in flight waits for it and then runs (a form whose
 *  controls each save at once: a second change is saved after the first, never dropped). */
export function useAction(options: { queue?: boolean } = {}): {
  busy: boolean;
  error: BackendError | null;
  run: <V>(f: () => Promise<V>) => Promise<V | undefined>;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const queue = !!options.queue;
  const run = useCallback(
    async <V,>(f: () => Promise<V>): Promise<V | undefined> => {
      if (inFlight.current && !queue) return undefined;
      const before = inFlight.current;
      const mine = (async () => {
        if (before) await before.catch(() => undefined);
        setBusy(true);
        setError(null);
        try {
          return await f();
        } catch (e) {
          setError(e instanceof BackendError ? e : new BackendError("ipc", String(e), null));
          return undefined;
        }
      })();
      inFlight.current = mine;
      try {
        return await mine;
      } finally {
        if (inFlight.current === mine) {
          inFlight.current = null;
          setBusy(false);
        }
      }
    },
    [queue],
  );
  return { busy, error, run, clear: useCallback(() => setError(null), []) };
}

/** A table's header row: each column a label, or `[label, "num"]` for a number column
 *  (right-aligned); `false` leaves a column out (one a mode shows only). */
export function Head({ cols }: { cols: (string | [string, "num"] | false)[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c, i) =>
          c === false ? null : Array.isArray(c) ? (
            <th key={i} className="num">
              {c[0]}
            </th>
          ) : (
            <th key={i}>{c}</th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** A screen's heading with the one button beside it (new…, edit). */
export function ScreenTitle(props: { children: ReactNode; action: string; label: string; primary?: boolean; testid?: string; onClick: () => void }) {
  return (
    <h1 data-testid={props.testid}>
      {props.children}{" "}
      <button className={props.primary ? "primary small" : "small"} data-action={props.action} onClick={props.onClick}>
        {props.label}
      </button>
    </h1>
  );
}

/** A form's primary button and the button that closes it unsaved. */
export function SubmitButtons(props: { action: string; label: string; busy: boolean; onSubmit: () => void; onCancel: () => void }) {
  const { t } = useApp();
  return (
    <>
      <button className="primary" data-action={props.action} disabled={props.busy} onClick={props.onSubmit}>
        {props.label}
      </button>
      <button onClick={props.onCancel}>{t.t("cancel")}</button>
    </>
  );
}

/** Who did a logged action, and the owner who approved it on the spot (a history, a log). */
export function Operator({ name, approvedBy }: { name: string; approvedBy?: string | null }) {
  const { t } = useApp();
  return (
    <>
      {name}
      {approvedBy && (
        <span className="muted" data-approved-by={approvedBy}>
          {" "}
          {t.t("approved_on_the_spot", { owner: approvedBy })}
        </span>
      )}
    </>
  );
}

export function ErrorBox({ error }: { error: string | BackendError | null }) {
  if (!error) return null;
  return (
    <div className="error" role="alert" data-testid="error">
      {typeof error === "string" ? error : error.message}
    </div>
  );
}

/** When a confirmation was refused because the shelf is short: the offer to confirm anyway as a
 *  backorder (what is there is reserved, the rest waits for stock). */
export function BackorderOffer({ error, busy, onConfirm }: { error: BackendError | null; busy: boolean; onConfirm: () => void }) {
  const { t } = useApp();
  if (error?.code !== "insufficient_stock") return null;
  return (
    <div className="offer" data-testid="backorder-offer">
      <button type="button" disabled={busy} onClick={onConfirm} data-action="confirm-backorder">
        {t.t("backorder_offer")}
      </button>{" "}
      <span className="muted">{t.t("backorder_hint")}</span>
    </div>
  );
}

/** A confirmation of what was just done. */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div className="notice" role="status">
      {text}
    </div>
  );
}

/** Whether every problem of `e` names a field (its message has a line for each problem). */
const besideFields = (e: BackendError | null) => !!e && e.fields.length > 0 && e.fields.length === e.message.split("\n").length;

/** The problems of the form being shown, by field path: each [`Field`] shows its own. */
const FieldErrors = createContext<Map<string, string>>(new Map());

/** A labelled input; `errorFor`: the field path whose problem it shows beside the input. */
export function Field({ label, children, wide, errorFor }: { label: string; children: ReactNode; wide?: boolean; errorFor?: string }) {
  const errors = useContext(FieldErrors);
  const error = errorFor ? errors.get(errorFor) : undefined;
  return (
    <label className={`${wide ? "field wide" : "field"}${error ? " bad" : ""}`}>
      <span>{label}</span>
      {children}
      {error && (
        <span className="field-error" role="alert" data-field-error={errorFor}>
          {error}
        </span>
      )}
    </label>
  );
}

export function StatusBadge({ status }: { status: import("./bindings").OrderStatus }) {
  const { t } = useApp();
  return <span className={`badge st-${status}`}>{t.status(status)}</span>;
}

/** Today in the shop's local time, `YYYY-MM-DD`. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** A card with a form of fields, its error, and Save / Cancel. */
export function FormCard(props: {
  title: string;
  testid: string;
  action: string;
  act: { busy: boolean; error: BackendError | null };
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useApp();
  return (
    <form
      className="card form"
      data-testid={props.testid}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h2>{props.title}</h2>
      <FieldErrors.Provider value={new Map((props.act.error?.fields ?? []).map((f) => [f.field, f.message]))}>
        <div className="fields">{props.children}</div>
      </FieldErrors.Provider>
      {/* when every problem is shown beside its field, they are counted here; else all said in full */}
      <ErrorBox error={besideFields(props.act.error) ? t.t("form_fix_fields", { n: String(props.act.error!.fields.length) }) : props.act.error} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={props.act.busy} data-action={props.action}>
          {t.t("save")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t.t("cancel")}
        </button>
      </div>
    </form>
  );
}

export function PayBadge({ status }: { status: import("./bindings").PaymentStatus }) {
  const { t } = useApp();
  return <span className={`badge pay-${status}`} data-payment={status}>{t.payment(status)}</span>;
}

/** Money received from a customer: on an order (a deposit), or matched to their oldest invoices. */
export function PaymentForm(props: { customer: string; order?: string; suggested: string; onDone: (p: import("./bindings").Payment) => void; onCancel: () => void }) {
  const { t, backend } = useApp();
  const [f, setF] = useState({ amount: props.suggested, method: "cash" as import("./bindings").PayMethod, reference: "", date: localToday() });
  const act = useAction();
  const save = () =>
    act.run(async () =>
      props.onDone(
        await backend.pay({ customer: props.customer, order: props.order, amount: f.amount, method: f.method, reference: f.reference || undefined, date: f.date }),
      ),
    );
  return (
    <FormCard title={t.t("receive_payment")} testid="payment-form" action="save-payment" act={act} onSubmit={save} onCancel={props.onCancel}>
      <Field label={t.t("pay_amount")}>
        <input name="pay_amount" autoFocus inputMode="decimal" value={f.amount} onChange={(e) => setF({ ...f, amount: e.target.value })} />
      </Field>
      <Field label={t.t("pay_method")}>
        <MethodSelect name="pay_method" value={f.method} onChange={(method) => setF({ ...f, method })} />
      </Field>
      <Field label={t.t("pay_reference")}>
        <input name="pay_reference" value={f.reference} onChange={(e) => setF({ ...f, reference: e.target.value })} />
      </Field>
      <Field label={t.t("pay_date")}>
        <DateField name="pay_date" value={f.date} onChange={(v) => v && setF({ ...f, date: v })} />
      </Field>
    </FormCard>
  );
}

export function MethodSelect({ name, value, onChange }: { name: string; value: import("./bindings").PayMethod; onChange: (m: import("./bindings").PayMethod) => void }) {
  const { t } = useApp();
  return (
    <select name={name} value={value} onChange={(e) => onChange(e.target.value as import("./bindings").PayMethod)}>
      {PAY_METHODS.map((m) => (
        <option key={m} value={m}>
          {t.method(m)}
        </option>
      ))}
    </select>
  );
}

/** Preview, print (the system's PDF viewer) and save as PDF (Documents/Kaidan) of one document. */
/** A file picker in the user's language: a button that opens the system's file dialog (the
 *  browser's own "Choose File / No file chosen" is English whatever the language), and the
 *  name of the file picked. */
export function FilePick({ name, accept, label, picked, onPick }: { name: string; accept: string; label: string; picked?: string | null; onPick: (f: File) => void }) {
  return (
    <span className="file-pick">
      <label className="button">
        {label}
        <input
          type="file"
          name={name}
          accept={accept}
          className="visually-hidden"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onPick(f);
            e.target.value = "";
          }}
        />
      </label>
      {picked && <span className="muted">{picked}</span>}
    </span>
  );
}

/** Preview, print and save as PDF of one document, and what came of it, said truly: opened in
 *  the PDF viewer; saved (with its folder to open); or written but not opened, with why, where
 *  the file is and its folder to open. `onPrinted`: a print was logged (not a preview). */
/** What became of a document: a file written (previewed or saved), or a job sent to a printer. */
export type DocOutcome =
  | { file: import("./bindings").PrintedFile }
  | { sent: import("./bindings").SentToPrinter }
  | { copied: import("./bindings").Printed };

/** The number a document outcome is about. */
/** "送货单 DN-… 已送往打印机 X" (and how many copies, when more than one): a print job the printer's queue took. */
export const sentMessage = (t: T, s: import("./bindings").SentToPrinter) =>
  t.t(s.copies === 1 ? "printed_sent_msg" : "printed_sent_many_msg", { title: s.printed.title, printer: s.printer, copies: String(s.copies) });

export const outcomeNumber = (o: DocOutcome) => ("file" in o ? o.file.printed.number : "sent" in o ? o.sent.printed.number : o.copied.number);

export function DocActions({
  request,
  onPrinted,
  onOutcome,
}: {
  request: import("./bindings").PrintRequest;
  onPrinted?: (logged: boolean) => void;
  /** Shows the outcome elsewhere (a table's row has no room for it); else it is shown here. */
  onOutcome?: (o: DocOutcome | null) => void;
}) {
  const { t, backend } = useApp();
  const act = useAction();
  const [done, setDone] = useState<DocOutcome | null>(null);
  const [copies, setCopies] = useState("1");
  const show = (o: DocOutcome | null) => (onOutcome ? onOutcome(o) : setDone(o));
  const run = (mode: "preview" | "print" | "save" | "picture" | "copy") =>
    act.run(async () => {
      show(null);
      if (mode === "copy") {
        show({ copied: await backend.copyPicture({ ...request, preview: true }) });
        return;
      }
      if (mode === "picture") {
        // a picture to send in WeChat: not a print, nothing logged
        show({ file: await backend.savePicture({ ...request, preview: true }) });
        return;
      }
      if (mode === "print") {
        // straight to the printer: the core chooses which, and says why when it cannot
        const n = Number.parseInt(copies, 10);
        const sent = await backend.printToPrinter({ ...request, preview: false }, Number.isFinite(n) ? n : 0);
        show({ sent });
      } else {
        const file = await backend.printDocument({ ...request, preview: mode === "preview" }, mode === "save");
        show({ file });
      }
      onPrinted?.(mode !== "preview");
    });
  return (
    <span className="doc-actions">
      <button data-action="preview" disabled={act.busy} onClick={() => run("preview")}>{t.t("preview")}</button>
      <button data-action="print" disabled={act.busy} onClick={() => run("print")}>{t.t("print")}</button>
      <input
        className="copies"
        name="copies"
        type="number"
        min={1}
        max={99}
        value={copies}
        title={t.t("copies")}
        aria-label={t.t("copies")}
        onChange={(e) => setCopies(e.target.value)}
      />
      <button data-action="save-pdf" disabled={act.busy} onClick={() => run("save")}>{t.t("save_pdf")}</button>
      <button data-action="save-picture" disabled={act.busy} onClick={() => run("picture")} title={t.t("save_picture_hint")}>
        {t.t("save_picture")}
      </button>
      <button data-action="copy-picture" disabled={act.busy} onClick={() => run("copy")} title={t.t("copy_picture_hint")}>
        {t.t("copy_picture")}
      </button>
      {act.error && <span className="bad-text" role="alert">{act.error.message}</span>}
      {done && <PrintOutcome outcome={done} />}
    </span>
  );
}

/** A document's number that opens it (the system's viewer, as 预览 does), saying what became of it. */
export function DocLink({ request }: { request: import("./bindings").PrintRequest }) {
  const { t, backend } = useApp();
  const act = useAction();
  const [done, setDone] = useState<DocOutcome | null>(null);
  return (
    <span className="doc-link">
      <button
        type="button"
        className="link"
        data-action="open-document"
        title={t.t("preview")}
        disabled={act.busy}
        onClick={() =>
          act.run(async () => {
            setDone(null);
            setDone({ file: await backend.printDocument({ ...request, preview: true }, false) });
          })
        }
      >
        {request.number}
      </button>
      {act.error && <span className="bad-text" role="alert">{act.error.message}</span>}
      {done && <PrintOutcome outcome={done} />}
    </span>
  );
}

/** What became of a printed document: sent to a printer, opened, or saved (with its folder). */
export function PrintOutcome({ outcome }: { outcome: DocOutcome }) {
  const { t } = useApp();
  if ("copied" in outcome) {
    return (
      <span className="ok-text" role="status" data-outcome="copied">
        {t.t("picture_copied_msg", { number: outcome.copied.number })}
      </span>
    );
  }
  if ("sent" in outcome) {
    const s = outcome.sent;
    return (
      <span className="ok-text" role="status" data-outcome="sent" data-printer={s.printer} data-job={s.job}>
        {sentMessage(t, s)}
      </span>
    );
  }
  const file = outcome.file;
  const number = file.printed.number;
  if (file.opened) {
    return (
      <span className="ok-text" role="status" data-outcome="opened" data-path={file.path}>
        {t.t("printed_opened_msg", { number })}
      </span>
    );
  }
  return (
    <span className={file.open_error ? "bad-text" : "ok-text"} role={file.open_error ? "alert" : "status"} data-outcome={file.open_error ? "not-opened" : "saved"} data-path={file.path}>
      {file.open_error ? t.t("printed_not_opened_msg", { number, error: file.open_error, path: file.path }) : t.t("printed_file_msg", { number, path: file.path })}{" "}
      <OpenFolder path={file.path} />
    </span>
  );
}

/** Opens the folder of a file in Explorer, Finder or the file manager; says so if it cannot. */
export function OpenFolder({ path }: { path: string }) {
  const { t, backend } = useApp();
  const act = useAction();
  return (
    <>
      <button type="button" className="small" data-action="open-folder" disabled={act.busy} onClick={() => act.run(() => backend.openFolder(path))}>
        {t.t("open_folder")}
      </button>
      {act.error && <span className="bad-text" role="alert">{act.error.message}</span>}
    </>
  );
}

/** Suggestions for what is typed: the latest answer wins (an older, slower one is dropped). */
export function useSuggest<V>(fetch: (q: string) => Promise<V[]>, query: string): V[] {
  const [items, setItems] = useState<V[]>([]);
  const seq = useRef(0);
  useEffect(() => {
    const n = ++seq.current;
    if (!query.trim()) {
      setItems([]);
      return;
    }
    fetch(query.trim()).then((v) => n === seq.current && setItems(v), () => n === seq.current && setItems([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);
  return items;
}
