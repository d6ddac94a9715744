import { useState } from "react";
import type { AuditEntry, Order, PrintRequest } from "../bindings";
import { ErrorBox, Notice, Field, StatusBadge, useAction, useApp, useLoad } from "../ui";

type Mode = "view" | "deliver" | "cancel" | "change";

export function OrderDetail({ number }: { number: string }) {
  const { t, backend } = useApp();
  const order = useLoad(() => backend.order(number), [number]);
  const history = useLoad(() => backend.orderHistory(number), [number]);
  const [mode, setMode] = useState<Mode>("view");
  const [part, setPart] = useState<Record<string, string>>({});
  const [edit, setEdit] = useState<Record<string, { qty: string; price: string; discount: string }>>({});
  const [reason, setReason] = useState("");
  const [msg, setMsg] = useState<string | null>(null);
  const act = useAction();

  if (order.error) return <ErrorBox error={order.error} />;
  const o = order.data;
  if (!o) return <div className="loading">{t.t("loading")}</div>;

  const done = (m?: string) => {
    setMode("view");
    setMsg(m ?? null);
    order.reload();
    history.reload();
  };
  const open = o.status === "confirmed" || o.status === "partially_delivered";
  const canCancel = o.status !== "delivered" && o.status !== "cancelled";
  const canChange = o.status === "draft" || o.status === "pending_approval" || open;

  const startDeliver = () => {
    setPart(Object.fromEntries(o.lines.map((l) => [l.sku, l.remaining_qty])));
    setMode("deliver");
  };
  const startChange = () => {
    setEdit(Object.fromEntries(o.lines.map((l) => [l.sku, { qty: l.qty, price: l.unit_price, discount: l.discount }])));
    setMode("change");
  };
  const deliverPart = () =>
    act.run(async () => {
      const lines = Object.entries(part)
        .filter(([, q]) => q.trim() !== "" && q.trim() !== "0")
        .map(([sku, qty]) => ({ sku, qty: qty.trim() }));
      const d = await backend.deliver(o.number, lines);
      done(t.t("delivered_msg", { number: d.number }));
    });

  return (
    <div className="screen order-detail" data-screen="order-detail">
      <h1>
        {o.number} <StatusBadge status={o.status} />
      </h1>
      <Notice text={msg} />
      <dl className="facts">
        <dt>{t.t("customer")}</dt>
        <dd>
          <a href={`#/customers/${encodeURIComponent(o.customer_id)}`}>{o.customer}</a>
        </dd>
        <dt>{t.t("order_date")}</dt>
        <dd>{t.date(o.order_date)}</dd>
        <dt>{t.t("channel")}</dt>
        <dd>{t.channel(o.channel)}</dd>
        <dt>{t.t("deliver_by")}</dt>
        <dd>{t.date(o.deliver_by) || t.t("none")}</dd>
        {o.notes && (
          <>
            <dt>{t.t("notes")}</dt>
            <dd>{o.notes}</dd>
          </>
        )}
        {o.cancel_reason && (
          <>
            <dt>{t.t("cancel_reason")}</dt>
            <dd>{o.cancel_reason}</dd>
          </>
        )}
      </dl>
      {o.approval_reasons.length > 0 && o.status === "pending_approval" && (
        <div className="warn">
          {t.t("approval_reasons")}: {o.approval_reasons.map((r) => t.reason(r)).join("; ")}
        </div>
      )}
      <table className="lines" data-testid="order-lines">
        <thead>
          <tr>
            <th>{t.t("sku")}</th>
            <th>{t.t("name")}</th>
            <th className="num">{t.t("ordered")}</th>
            <th className="num">{t.t("delivered")}</th>
            <th className="num">{t.t("remaining")}</th>
            <th className="num">{t.t("price")}</th>
            <th className="num">{t.t("discount")}</th>
            <th className="num">{t.t("amount")}</th>
            {mode === "deliver" && <th className="num">{t.t("deliver_now")}</th>}
          </tr>
        </thead>
        <tbody>
          {o.lines.map((l) => (
            <tr key={l.id} data-sku={l.sku}>
              <td>{l.sku}</td>
              <td>
                {l.name} {l.spec && <span className="muted">{l.spec}</span>}
              </td>
              {mode === "change" ? (
                <>
                  <td className="num">
                    <input name="change_qty" value={edit[l.sku]?.qty ?? ""} onChange={(e) => setEdit({ ...edit, [l.sku]: { ...edit[l.sku], qty: e.target.value } })} />
                  </td>
                  <td className="num" data-col="delivered">{t.qty(l.delivered_qty)}</td>
                  <td className="num" data-col="remaining">{t.qty(l.remaining_qty)}</td>
                  <td className="num">
                    <input name="change_price" value={edit[l.sku]?.price ?? ""} onChange={(e) => setEdit({ ...edit, [l.sku]: { ...edit[l.sku], price: e.target.value } })} />
                  </td>
                  <td className="num">
                    <input
                      name="change_discount"
                      value={edit[l.sku]?.discount ?? ""}
                      onChange={(e) => setEdit({ ...edit, [l.sku]: { ...edit[l.sku], discount: e.target.value } })}
                    />
                  </td>
                </>
              ) : (
                <>
                  <td className="num" data-col="ordered">{t.qty(l.qty)}</td>
                  <td className="num" data-col="delivered">{t.qty(l.delivered_qty)}</td>
                  <td className="num" data-col="remaining">{t.qty(l.remaining_qty)}</td>
                  <td className="num">{t.money(l.unit_price)}</td>
                  <td className="num">{l.discount}</td>
                </>
              )}
              <td className="num">{t.money(l.total)}</td>
              {mode === "deliver" && (
                <td className="num">
                  <input name="deliver_qty" data-sku={l.sku} value={part[l.sku] ?? ""} onChange={(e) => setPart({ ...part, [l.sku]: e.target.value })} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={7} className="num">
              {t.t("subtotal")} {t.money(o.subtotal)} · {t.t("tax")} {t.money(o.tax)} · {t.t("total")}
            </td>
            <td className="num">
              <b data-total="total">{t.money(o.total)}</b>
            </td>
          </tr>
        </tfoot>
      </table>
      <ErrorBox error={act.error} />
      {mode === "view" && (
        <div className="buttons">
          {o.status === "draft" && (
            <button className="primary" data-action="confirm" disabled={act.busy} onClick={() => act.run(async () => done((await backend.confirmOrder(o.number)) && undefined))}>
              {t.t("confirm")}
            </button>
          )}
          {o.status === "pending_approval" && (
            <button className="primary" data-action="approve" disabled={act.busy} onClick={() => act.run(async () => done((await backend.approveOrder(o.number)) && undefined))}>
              {t.t("approve")}
            </button>
          )}
          {open && (
            <>
              <button
                className="primary"
                data-action="deliver-all"
                disabled={act.busy}
                onClick={() => act.run(async () => done(t.t("delivered_msg", { number: (await backend.deliver(o.number, null)).number })))}
              >
                {t.t("deliver_all")}
              </button>
              <button data-action="deliver-part" onClick={startDeliver}>
                {t.t("deliver_part")}
              </button>
            </>
          )}
          {canChange && (
            <button data-action="change" onClick={startChange}>
              {t.t("change_order")}
            </button>
          )}
          {canCancel && (
            <button className="danger" data-action="cancel" onClick={() => setMode("cancel")}>
              {t.t("cancel_order")}
            </button>
          )}
        </div>
      )}
      {mode === "deliver" && (
        <div className="buttons">
          <button className="primary" data-action="deliver-submit" disabled={act.busy} onClick={deliverPart}>
            {t.t("deliver_now")}
          </button>
          <button onClick={() => setMode("view")}>{t.t("cancel")}</button>
        </div>
      )}
      {mode === "change" && (
        <div className="buttons">
          <button
            className="primary"
            data-action="change-submit"
            disabled={act.busy}
            onClick={() =>
              act.run(async () => {
                const lines = o.lines.map((l) => ({ sku: l.sku, qty: edit[l.sku].qty.trim(), unit_price: edit[l.sku].price.trim(), discount: edit[l.sku].discount.trim() }));
                await backend.changeOrder(o.number, { lines });
                done(t.t("saved"));
              })
            }
          >
            {t.t("save_changes")}
          </button>
          <button onClick={() => setMode("view")}>{t.t("cancel")}</button>
        </div>
      )}
      {mode === "cancel" && (
        <form
          className="buttons"
          onSubmit={(e) => {
            e.preventDefault();
            act.run(async () => {
              await backend.cancelOrder(o.number, reason);
              done();
            });
          }}
        >
          <Field label={t.t("cancel_reason")} wide>
            <input name="cancel_reason" autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <button className="danger" type="submit" data-action="cancel-submit" disabled={act.busy}>
            {t.t("cancel_order")}
          </button>
          <button type="button" onClick={() => setMode("view")}>
            {t.t("close")}
          </button>
        </form>
      )}
      <Documents order={o} onChange={() => history.reload()} />
      <History entries={history.data} />
    </div>
  );
}

/** The order's invoices and deliveries, each with preview, print and save as PDF. */
function Documents({ order: o, onChange }: { order: Order; onChange: () => void }) {
  const { t, backend } = useApp();
  const invoices = useLoad(() => backend.invoicesOfOrder(o.number), [o.number, o.updated_at]);
  const [noPrices, setNoPrices] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const act = useAction();
  const canInvoice = o.status !== "draft" && o.status !== "pending_approval" && o.lines.some((l) => l.delivered_qty !== "0");
  const print = (request: PrintRequest, mode: "preview" | "print" | "save") =>
    act.run(async () => {
      const f = await backend.printDocument({ ...request, preview: mode === "preview" }, mode === "save");
      setMsg(t.t(f.opened ? "printed_opened_msg" : "printed_file_msg", { number: f.printed.number, path: f.path }));
      if (mode !== "preview") onChange();
    });
  const actions = (request: PrintRequest) => (
    <span className="doc-actions">
      <button data-action="preview" disabled={act.busy} onClick={() => print(request, "preview")}>{t.t("preview")}</button>
      <button data-action="print" disabled={act.busy} onClick={() => print(request, "print")}>{t.t("print")}</button>
      <button data-action="save-pdf" disabled={act.busy} onClick={() => print(request, "save")}>{t.t("save_pdf")}</button>
    </span>
  );
  return (
    <section className="documents" data-section="documents">
      <h2>{t.t("documents")}</h2>
      <Notice text={msg} />
      <ErrorBox error={act.error ?? invoices.error} />
      <div className="buttons">
        {canInvoice && (
          <button
            className="primary"
            data-action="issue-invoice"
            disabled={act.busy}
            onClick={() =>
              act.run(async () => {
                const inv = await backend.issueInvoice(o.number, null);
                setMsg(t.t("invoice_issued_msg", { number: inv.number }));
                invoices.reload();
                onChange();
              })
            }
          >
            {t.t("issue_invoice")}
          </button>
        )}
      </div>
      <table className="documents-table">
        <thead>
          <tr>
            <th>{t.t("document")}</th>
            <th>{t.t("kind_col")}</th>
            <th>{t.t("doc_date")}</th>
            <th className="num">{t.t("total")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(invoices.data ?? []).map((i) => (
            <tr key={i.number} data-invoice={i.number}>
              <td>
                <b>{i.number}</b>
              </td>
              <td>{i.kind === "credit_note" ? `${t.t("credit_note")} ← ${i.credits ?? ""}` : t.t("invoices")}</td>
              <td>
                {t.date(i.issue_date)}
                {i.due_date ? ` (${t.t("due")} ${t.date(i.due_date)})` : ""}
              </td>
              <td className="num">{t.money(i.total)}</td>
              <td>{actions({ kind: i.kind, number: i.number })}</td>
            </tr>
          ))}
          {o.deliveries.map((d) => (
            <tr key={d.id} data-delivery={d.number}>
              <td>
                <b>{d.number}</b>
              </td>
              <td>{t.t("deliveries")}</td>
              <td>{t.time(d.created_at)}</td>
              <td>{d.lines.map((l) => `${l.name} × ${t.qty(l.qty)}`).join(", ")}</td>
              <td>{actions({ kind: "delivery_note", number: d.number, prices: !noPrices })}</td>
            </tr>
          ))}
          <tr data-receipt={o.number}>
            <td>
              <b>{o.number}</b>
            </td>
            <td>{t.t("receipt")}</td>
            <td>{t.date(o.order_date)}</td>
            <td className="num">{t.money(o.total)}</td>
            <td>{actions({ kind: "receipt", number: o.number })}</td>
          </tr>
        </tbody>
      </table>
      {o.deliveries.length > 0 && (
        <label className="check">
          <input type="checkbox" name="no_prices" checked={noPrices} onChange={(e) => setNoPrices(e.target.checked)} /> {t.t("without_prices")}
        </label>
      )}
    </section>
  );
}

function History({ entries }: { entries: AuditEntry[] | null }) {
  const { t } = useApp();
  if (!entries) return null;
  return (
    <section>
      <h2>{t.t("history")}</h2>
      <table className="history" data-testid="history">
        <tbody>
          {entries.map((h, i) => (
            <tr key={i}>
              <td>{t.time(h.at)}</td>
              <td>{h.operator}</td>
              <td>{t.action(h.action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
