// Order entry, keyboard first: customer → Enter → product lookup → Enter → quantity (Tab to
// price and discount) → Enter adds the line and returns to the lookup. A scanned barcode adds
// one piece at once. Ctrl+S saves a draft, Ctrl+Enter confirms, Ctrl+Shift+Enter confirms and
// delivers at once (a counter sale), printing the receipt when the settings ask for it.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Channel, Customer, Product, Settings, StockLevel } from "../bindings";
import { requestId } from "../backend";
import { money, parseScaled, SCALE } from "../money";
import { addProduct, emptyEntry, highlightIn, pickOnEnter, removeLine, termsOnOrder, toOrderInput, updateLine, view, type EntryState, type LineView } from "../orderEntry";
import type { T } from "../i18n";
import { DateField } from "../DateField";
import { BackorderOffer, DocActions, sentMessage, ErrorBox, Field, useAction, useApp, Head, useSuggest } from "../ui";

const CHANNELS: Channel[] = ["counter", "phone", "wechat", "email", "web", "other"];

/** ↑ and ↓ move the highlighted suggestion; true when the key was one of them. */
function moveHighlight(e: React.KeyboardEvent, count: number, set: (f: (h: number) => number) => void): boolean {
  const down = e.key === "ArrowDown";
  if (!down && e.key !== "ArrowUp") return false;
  e.preventDefault();
  set((h) => (down ? Math.min(h + 1, count - 1) : Math.max(h - 1, 0)));
  return true;
}

/** Suggestions that follow the typed text; answers to old keystrokes are dropped. */
export function OrderEntry() {
  const { t, backend } = useApp();
  const [state, setState] = useState<EntryState>(emptyEntry);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [custQuery, setCustQuery] = useState("");
  const [custHi, setCustHi] = useState(0);
  const [lookup, setLookup] = useState("");
  const [hi, setHi] = useState(0);
  const [pending, setPending] = useState<{ product: Product; available: bigint | null; qty: string; price: string; discount: string } | null>(null);
  // the last order saved, and for a counter sale what became of its receipt
  const [done, setDone] = useState<{ number: string; status: string; backordered: boolean; printed?: string; printError?: string } | null>(
    null,
  );
  const act = useAction();
  const rid = useRef(requestId());
  const custRef = useRef<HTMLInputElement>(null);
  const lookupRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  // where the caret goes after the next render (fields appear or are enabled by that render)
  const [focus, setFocus] = useState<{ to: "customer" | "lookup" | "qty"; n: number }>({ to: "customer", n: 0 });
  const focusTo = (to: "customer" | "lookup" | "qty") => setFocus((f) => ({ to, n: f.n + 1 }));

  useEffect(() => {
    backend.settings().then(setSettings);
  }, [backend]);
  // the form appears once the settings are in: start at the customer
  useEffect(() => {
    const el = { customer: custRef, lookup: lookupRef, qty: qtyRef }[focus.to].current;
    el?.focus();
    if (focus.to === "qty") el?.select();
  }, [focus, settings]);

  const customers = useSuggest<Customer>((q) => backend.customers(q, null, 8), state.customer ? "" : custQuery);
  const products = useSuggest<Product>((q) => backend.products(q, null, 8), pending ? "" : lookup);
  // the same search's stock, shown beside each suggestion
  const levels = useSuggest<StockLevel>((q) => backend.stockSearch(q, false, null, 8), pending ? "" : lookup);
  useEffect(() => setCustHi(0), [customers]);
  useEffect(() => setHi(0), [products]);

  const v = useMemo(() => (settings ? view(state, settings) : null), [state, settings]);
  // a refused confirm's message is about the lines as they were: it goes when they change
  const { clear } = act;
  useEffect(() => clear(), [state.lines, state.customer, clear]);
  const changeLine = useCallback((key: number, f: "qty" | "price" | "discount", value: string) => setState((s) => updateLine(s, key, f, value)), []);
  const dropLine = useCallback((key: number) => setState((s) => removeLine(s, key)), []);

  const available = async (sku: string) => {
    const [level] = await backend.stockLevels(sku, false, null, 1);
    return level && level.sku === sku ? parseScaled(level.available, SCALE.qty) : null;
  };

  const pickCustomer = async (c: Customer) => {
    const credit = await backend.customer(c.id);
    setState((s) => ({ ...s, customer: credit }));
    setCustQuery(c.name);
    focusTo("lookup");
  };

  const onLookupKey = async (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (moveHighlight(e, products.length, setHi)) return;
    if (e.key === "Escape") {
      setLookup("");
    } else if (e.key === "Enter" && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      // ask afresh: a scanner or a fast typist is ahead of the suggestions on screen
      const q = lookup.trim();
      const fresh = await backend.products(q, null, 8);
      const pick = pickOnEnter(q, fresh, highlightIn(fresh, products, hi));
      if (!pick) return;
      const avail = await available(pick.product.sku);
      if (pick.exact) {
        setState((s) => addProduct(s, pick.product, avail));
        setLookup("");
      } else {
        // a product already on the order starts at that line's price and discount
        const terms = termsOnOrder(state, pick.product.sku) ?? { price: pick.product.price, discount: "0" };
        setPending({ product: pick.product, available: avail, qty: "1", ...terms });
        focusTo("qty");
      }
    }
  };

  const commitPending = () => {
    if (!pending) return;
    setState((s) => addProduct(s, pending.product, pending.available, pending.qty, { price: pending.price, discount: pending.discount }));
    setPending(null);
    setLookup("");
    focusTo("lookup");
  };

  const onPendingKey = (e: React.KeyboardEvent) => {
    if (e.key === "Enter" && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      commitPending();
    } else if (e.key === "Escape") {
      setPending(null);
      setLookup("");
      focusTo("lookup");
    }
  };

  const submit = async (confirm: boolean, backorder = false, sell = false) => {
    if (!v) return;
    if (!state.customer) {
      focusTo("customer");
      return;
    }
    if (!v.ready) return;
    const input = toOrderInput(state);
    const out = await act.run(async () =>
      sell ? backend.sellOrder(input, rid.current) : { order: await backend.createOrder(input, confirm, rid.current, backorder), printed: null, print_error: null },
    );
    if (out) {
      const order = out.order;
      rid.current = requestId();
      const backordered = order.lines.some((l) => (parseScaled(l.backordered_qty, SCALE.qty) ?? 0n) > 0n);
      const printed = out.printed ? sentMessage(t, out.printed) : undefined;
      setDone({ number: order.number, status: order.status, backordered, printed, printError: out.print_error ?? undefined });
      setState(emptyEntry());
      setCustQuery("");
      setLookup("");
      focusTo("customer");
    }
  };

  const onFormKey = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      submit(true, false, e.shiftKey);
    } else if ((e.ctrlKey || e.metaKey) && (e.key === "s" || e.key === "S")) {
      e.preventDefault();
      submit(false);
    }
  };

  if (!v) return <div className="loading">{t.t("loading")}</div>;
  const credit = state.customer?.credit;
  return (
    <div className="screen entry" data-screen="new-order" onKeyDown={onFormKey}>
      <h1>
        {t.t("entry_title")} <small className="muted keys">{t.t("entry_keys")}</small>
      </h1>
      {done && (
        <div
          className={done.status === "pending_approval" || done.backordered || done.printError ? "notice warn-notice" : "notice"}
          role="status"
          data-testid="entry-done"
        >
          {t.t(
            done.status === "draft"
              ? "entry_saved_draft"
              : done.status === "pending_approval"
                ? "entry_pending"
                : done.backordered
                  ? "entry_backordered"
                  : done.status === "delivered"
                    ? "entry_sold"
                    : "entry_confirmed",
          )}{" "}
          <a href={`#/orders/${encodeURIComponent(done.number)}`}>{done.number}</a>
          {done.printed && <span data-testid="receipt-printed"> · {done.printed}</span>}
          {done.printError && <div data-testid="receipt-not-printed">{t.t("receipt_not_printed", { error: done.printError })}</div>}
          {done.status === "delivered" && (
            <div className="sold-receipt" data-receipt={done.number}>
              {t.doc("receipt")}: <DocActions request={{ kind: "receipt", number: done.number }} />
            </div>
          )}
        </div>
      )}
      <div className="row">
        <div className="picker">
          <Field label={t.t("customer_pick")} wide>
            <input
              ref={custRef}
              name="customer"
              autoComplete="off"
              value={custQuery}
              onChange={(e) => {
                setCustQuery(e.target.value);
                if (state.customer) setState((s) => ({ ...s, customer: null }));
              }}
              onKeyDown={(e) => {
                if (moveHighlight(e, customers.length, setCustHi)) return;
                if (e.key === "Enter" && !e.ctrlKey) {
                  e.preventDefault();
                  if (state.customer) focusTo("lookup");
                  else if (custQuery.trim()) {
                    // ask afresh: the typist may be ahead of the suggestions on screen
                    backend.customers(custQuery.trim(), null, 8).then((fresh) => {
                      const c = fresh[highlightIn(fresh, customers, custHi)];
                      if (c) pickCustomer(c);
                    });
                  }
                }
              }}
            />
          </Field>
          {!state.customer && custQuery.trim() && (
            <ul className="suggest" role="listbox" data-testid="customer-suggestions">
              {customers.length === 0 && <li className="muted">{t.t("customer_none")}</li>}
              {customers.map((c, i) => (
                <li key={c.id} className={i === custHi ? "hi" : ""} onMouseDown={() => pickCustomer(c)}>
                  {c.name} <span className="muted">{c.phones.join(", ")}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        {credit && (
          <div className="credit" data-testid="credit">
            <span>
              {t.t("credit_left")}: <b>{credit.credit_left == null ? t.t("no_limit") : t.money(credit.credit_left)}</b>
            </span>
            <span>
              {t.t("open_amount")}: <b>{t.money(credit.exposure)}</b>
            </span>
          </div>
        )}
      </div>

      <div className="picker">
        <Field label={t.t("product_lookup")} wide>
          <input
            ref={lookupRef}
            name="lookup"
            autoComplete="off"
            value={lookup}
            disabled={!!pending}
            onChange={(e) => setLookup(e.target.value)}
            onKeyDown={onLookupKey}
          />
        </Field>
        {!pending && lookup.trim() && (
          <ul className="suggest" role="listbox" data-testid="product-suggestions">
            {products.length === 0 && <li className="muted">{t.t("product_none")}</li>}
            {products.map((p, i) => (
              <li key={p.id} className={i === hi ? "hi" : ""} onMouseDown={() => setLookup(p.sku)}>
                <b>{p.sku}</b> {p.name} {p.spec && <span className="muted">{p.spec}</span>} <span className="num">{t.money(p.price)}</span>
                <span className="muted">/{p.unit}</span> <StockHint level={levels.find((l) => l.sku === p.sku)} t={t} />
              </li>
            ))}
          </ul>
        )}
      </div>

      {pending && (
        <div className="pending" onKeyDown={onPendingKey} data-testid="pending-line">
          <b>{pending.product.sku}</b> {pending.product.name}
          <Field label={t.t("qty")}>
            <input ref={qtyRef} name="pending_qty" inputMode="decimal" value={pending.qty} onChange={(e) => setPending({ ...pending, qty: e.target.value })} />
          </Field>
          <Field label={t.t("price")}>
            <input name="pending_price" inputMode="decimal" value={pending.price} onChange={(e) => setPending({ ...pending, price: e.target.value })} />
          </Field>
          <Field label={t.t("discount")}>
            <input name="pending_discount" inputMode="decimal" value={pending.discount} onChange={(e) => setPending({ ...pending, discount: e.target.value })} />
          </Field>
          <span className="muted">↵</span>
        </div>
      )}

      {state.added && (
        <div className="notice info" role="status" data-testid="entry-added">
          {state.added.kind === "merged"
            ? t.t("entry_merged", { line: String(state.added.line), qty: t.qty(state.added.qty) })
            : t.t("entry_separate", { line: String(state.added.line), other: String(state.added.other) })}
        </div>
      )}
      <table className="lines" data-testid="lines">
        <Head cols={[t.t("line_no"), t.t("sku"), t.t("name"), [t.t("qty"), "num"], [t.t("price"), "num"], [t.t("discount"), "num"], [t.t("amount"), "num"], ""]} />
        <tbody>
          {v.lines.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                {t.t("entry_no_lines")}
              </td>
            </tr>
          )}
          {v.lines.map((lv, i) => (
            <LineRow key={lv.line.key} lv={lv} index={i} t={t} onChange={changeLine} onRemove={dropLine} />
          ))}
        </tbody>
      </table>

      <div className="row bottom">
        <div className="meta">
          <Field label={t.t("channel")}>
            <select name="channel" value={state.channel} onChange={(e) => setState((s) => ({ ...s, channel: e.target.value as Channel }))}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t.channel(c)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t.t("deliver_by")}>
            <DateField name="deliver_by" value={state.deliverBy ?? ""} onChange={(v) => setState((s) => ({ ...s, deliverBy: v }))} />
          </Field>
          <Field label={t.t("notes")} wide>
            <input name="notes" value={state.notes} onChange={(e) => setState((s) => ({ ...s, notes: e.target.value }))} />
          </Field>
        </div>
        <div className="totals" data-testid="totals">
          <div>
            <span>{t.t("subtotal")}</span>
            <b data-total="subtotal">{t.money(v.subtotal)}</b>
          </div>
          <div>
            <span>{t.t("tax")}</span>
            <b data-total="tax">{t.money(v.tax)}</b>
          </div>
          <div className="grand">
            <span>{t.t("total")}</span>
            <b data-total="total">{t.money(v.total)}</b>
          </div>
          {v.warnings.map((w) => (
            <div key={w.kind} className="warn" data-warning={w.kind}>
              {w.kind === "over_credit" ? t.t("warn_over_credit", { left: t.money(w.left) }) : t.t("warn_approval", { threshold: t.money(w.threshold) })}
            </div>
          ))}
        </div>
      </div>
      <ErrorBox error={act.error} />
      <BackorderOffer error={act.error} busy={act.busy} onConfirm={() => submit(true, true)} />
      {!state.customer && v.lines.length > 0 && <div className="warn">{t.t("entry_need_customer")}</div>}
      <div className="buttons">
        <button type="button" disabled={act.busy || !v.ready} onClick={() => submit(false)} data-action="save-draft">
          {t.t("save_draft")} <kbd>Ctrl+S</kbd>
        </button>
        <button type="button" className="primary" disabled={act.busy || !v.ready} onClick={() => submit(true)} data-action="confirm">
          {t.t("confirm")} <kbd>Ctrl+↵</kbd>
        </button>
        <button type="button" disabled={act.busy || !v.ready} onClick={() => submit(true, false, true)} title={t.t("sell_hint")} data-action="sell">
          {t.t("sell")} <kbd>Ctrl+Shift+↵</kbd>
        </button>
      </div>
    </div>
  );
}

/** A suggestion's stock: what is available, in the product's unit; nothing while unknown. */
function StockHint({ level, t }: { level: StockLevel | undefined; t: T }) {
  if (!level) return null;
  const none = (parseScaled(level.available, SCALE.qty) ?? 0n) <= 0n;
  return (
    <span className={none ? "warn-text" : "muted"} data-stock={level.available}>
      {t.t("suggest_available", { qty: t.qty(level.available), unit: level.unit })}
    </span>
  );
}

/** One line of the form. Memoised: adding or editing a line re-renders that row (and the
 *  totals), not the other 49. */
const LineRow = memo(function LineRow({
  lv,
  index,
  t,
  onChange,
  onRemove,
}: {
  lv: LineView;
  index: number;
  t: T;
  onChange: (key: number, f: "qty" | "price" | "discount", value: string) => void;
  onRemove: (key: number) => void;
}) {
  const { line } = lv;
  return (
    <tr data-sku={line.product.sku}>
      <td>{index + 1}</td>
      <td>{line.product.sku}</td>
      <td>
        {line.product.name} {line.product.spec && <span className="muted">{line.product.spec}</span>}
        {lv.invalid.map((f) => (
          <div key={f} className="field-error" data-invalid={f}>
            {t.t(`invalid_${f}` as const)}
          </div>
        ))}
        {lv.warnings.map((w) => (
          <div key={w.kind} className="warn" data-warning={w.kind}>
            {w.kind === "short" ? t.t("warn_short", { available: t.qty(w.available) }) : t.t("warn_below_cost", { cost: t.money(w.cost) })}
          </div>
        ))}
      </td>
      {(["qty", "price", "discount"] as const).map((f) => (
        <td key={f} className="num">
          <input
            className={lv.invalid.includes(f) ? "bad" : ""}
            name={`line_${f}`}
            inputMode="decimal"
            value={line[f]}
            onChange={(e) => onChange(line.key, f, e.target.value)}
          />
        </td>
      ))}
      <td className="num">{lv.figures ? t.money(money(lv.figures.amount)) : "—"}</td>
      <td>
        <button type="button" className="link" title={t.t("remove")} onClick={() => onRemove(line.key)}>
          ✕
        </button>
      </td>
    </tr>
  );
});
