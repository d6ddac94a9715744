import { useState } from "react";
import type { AuditEntry, DeliverInput, Order, PayMethod, Payment, SalesReturn } from "../bindings";
import { BackendError } from "../backend";
import { DocActions, ErrorBox, Field, MethodSelect, Notice, PayBadge, PaymentForm, StatusBadge, useAction, useApp, useLoad } from "../ui";
import { positive, sub } from "../money";

type Mode = "view" | "deliver" | "cancel" | "change" | "return" | "pay";

export function OrderDetail({ number }: { number: string }) {
  const { t, backend } = useApp();
  const order = useLoad(() => backend.order(number), [number]);
  const history = useLoad(() => backend.orderHistory(number), [number]);
  const [mode, setMode] = useState<Mode>("view");
  const [part, setPart] = useState<Record<string, string>>({});
  const [cod, setCod] = useState<{ amount: string; method: PayMethod }>({ amount: "", method: "cash" });
  const [edit, setEdit] = useState<Record<string, { qty: string; price: string; discount: string }>>({});
  const [back, setBack] = useState<Record<string, { qty: string; damaged: boolean }>>({});
  const [ret, setRet] = useState<{ settlement: "credit" | "refund"; method: PayMethod; reason: string }>({ settlement: "credit", method: "cash", reason: "" });
  const [reason, setReason] = useState("");
  const [msg, setMsg] = useState<string | null>(null);
  // a delivery refused because the customer is over the credit limit: the owner may let it go
  const [overCredit, setOverCredit] = useState<{ message: string; input: DeliverInput } | null>(null);
  const act = useAction();

  if (order.error) return <ErrorBox error={order.error} />;
  const o = order.data;
  if (!o) return <div className="loading">{t.t("loading")}</div>;

  const done = (m?: string) => {
    setMode("view");
    setMsg(m ?? null);
    setOverCredit(null);
    order.reload();
    history.reload();
  };
  const open = o.status === "confirmed" || o.status === "partially_delivered";
  const canCancel = o.status !== "delivered" && o.status !== "cancelled";
  const canChange = o.status === "draft" || o.status === "pending_approval" || open;
  const canReturn = o.lines.some((l) => positive(sub(l.delivered_qty, l.returned_qty)));
  const due = o.status === "cancelled" ? "0" : sub(o.total, o.returned);
  const owed = sub(due, o.received);

  const deliver = (input: DeliverInput) =>
    act.run(async () => {
      try {
        const d = await backend.deliver(o.number, input);
        done(t.t("delivered_msg", { number: d.number }) + (d.payment ? ` · ${d.payment}` : ""));
      } catch (e) {
        if (e instanceof BackendError && e.code === "credit_limit" && !input.approve_credit) {
          setOverCredit({ message: e.message, input: { ...input, approve_credit: true } });
          return;
        }
        throw e;
      }
    });
  const startDeliver = () => {
    setPart(Object.fromEntries(o.lines.map((l) => [l.sku, l.remaining_qty])));
    setCod({ amount: "", method: "cash" });
    setMode("deliver");
  };
  const deliverPart = () => {
    const lines = Object.entries(part)
      .filter(([, q]) => q.trim() !== "" && q.trim() !== "0")
      .map(([sku, qty]) => ({ sku, qty: qty.trim() }));
    return deliver({ lines, payment: cod.amount.trim() ? { amount: cod.amount.trim(), method: cod.method } : undefined });
  };
  const startChange = () => {
    setEdit(Object.fromEntries(o.lines.map((l) => [l.sku, { qty: l.qty, price: l.unit_price, discount: l.discount }])));
    setMode("change");
  };
  const startReturn = () => {
    setBack(Object.fromEntries(o.lines.map((l) => [l.sku, { qty: "", damaged: false }])));
    setRet({ settlement: "credit", method: "cash", reason: "" });
    setMode("return");
  };
  const takeBack = () =>
    act.run(async () => {
      const lines = Object.entries(back)
        .filter(([, b]) => b.qty.trim() !== "" && b.qty.trim() !== "0")
        .map(([sku, b]) => ({ sku, qty: b.qty.trim(), damaged: b.damaged }));
      const r = await backend.returnGoods({ order: o.number, lines, settlement: ret.settlement, method: ret.method, reason: ret.reason || undefined });
      done(t.t("return_done", { number: r.number, amount: t.money(r.total) }) + (r.refund ? ` · ${t.t("refund_done", { number: r.refund, amount: t.money(r.refunded) })}` : ""));
    });

  return (
    <div className="screen order-detail" data-screen="order-detail">
      <h1>
        {o.number} <StatusBadge status={o.status} /> {o.status !== "draft" && o.status !== "cancelled" && <PayBadge status={o.payment_status} />}
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
        <dt>{t.t("received")}</dt>
        <dd data-money="received">
          {t.money(o.received)}
          {o.returned !== "0.00" && ` · ${t.t("returned")} ${t.money(o.returned)}`}
          {o.invoiced !== "0.00" && ` · ${t.t("invoiced")} ${t.money(o.invoiced)}`}
        </dd>
        {o.external_number && (
          <>
            <dt>{t.t("external_number")}</dt>
            <dd data-field="external_number">{o.external_number}</dd>
          </>
        )}
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
            {mode === "return" && (
              <>
                <th className="num">{t.t("return_qty")}</th>
                <th>{t.t("damaged")}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {o.lines.map((l) => (
            <tr key={l.id} data-sku={l.sku}>
              <td>{l.sku}</td>
              <td>
                {l.name} {l.spec && <span className="muted">{l.spec}</span>}
                {l.returned_qty !== "0" && (
                  <span className="muted small-text" data-col="returned">
                    {" "}
                    ({t.t("returned")} {t.qty(l.returned_qty)})
                  </span>
                )}
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
              {mode === "return" && (
                <>
                  <td className="num">
                    <input
                      name="return_qty"
                      data-sku={l.sku}
                      placeholder={`≤ ${t.qty(sub(l.delivered_qty, l.returned_qty))}`}
                      value={back[l.sku]?.qty ?? ""}
                      onChange={(e) => setBack({ ...back, [l.sku]: { ...back[l.sku], qty: e.target.value } })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      name="return_damaged"
                      data-sku={l.sku}
                      checked={back[l.sku]?.damaged ?? false}
                      onChange={(e) => setBack({ ...back, [l.sku]: { ...back[l.sku], damaged: e.target.checked } })}
                    />
                  </td>
                </>
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
      {overCredit && (
        <div className="warn-box" data-testid="over-credit">
          <p>{t.t("deliver_anyway", { message: overCredit.message })}</p>
          <div className="buttons">
            <button className="primary" data-action="deliver-anyway" disabled={act.busy} onClick={() => deliver(overCredit.input)}>
              {t.t("deliver_now")}
            </button>
            <button onClick={() => setOverCredit(null)}>{t.t("cancel")}</button>
          </div>
        </div>
      )}
      {mode === "view" && !overCredit && (
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
              <button className="primary" data-action="deliver-all" disabled={act.busy} onClick={() => deliver({})}>
                {t.t("deliver_all")}
              </button>
              <button data-action="deliver-part" onClick={startDeliver}>
                {t.t("deliver_part")}
              </button>
            </>
          )}
          {o.status !== "cancelled" && (
            <button data-action="receive-payment" onClick={() => setMode("pay")}>
              {t.t("receive_payment")}
            </button>
          )}
          {canReturn && (
            <button data-action="return" onClick={startReturn}>
              {t.t("return_goods")}
            </button>
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
      {mode === "pay" && (
        <PaymentForm
          customer={o.customer_id}
          order={o.number}
          suggested={positive(owed) ? owed : ""}
          onDone={(p) => done(t.t("payment_recorded", { number: p.number, amount: t.money(p.amount) }))}
          onCancel={() => setMode("view")}
        />
      )}
      {mode === "deliver" && (
        <div className="buttons">
          <Field label={t.t("cod_amount")}>
            <input name="cod_amount" inputMode="decimal" value={cod.amount} onChange={(e) => setCod({ ...cod, amount: e.target.value })} />
          </Field>
          <Field label={t.t("pay_method")}>
            <MethodSelect name="cod_method" value={cod.method} onChange={(method) => setCod({ ...cod, method })} />
          </Field>
          <button className="primary" data-action="deliver-submit" disabled={act.busy} onClick={deliverPart}>
            {t.t("deliver_now")}
          </button>
          <button onClick={() => setMode("view")}>{t.t("cancel")}</button>
        </div>
      )}
      {mode === "return" && (
        <div className="buttons">
          <Field label={t.t("settlement")}>
            <select name="return_settlement" value={ret.settlement} onChange={(e) => setRet({ ...ret, settlement: e.target.value as "credit" | "refund" })}>
              <option value="credit">{t.t("settle_credit")}</option>
              <option value="refund">{t.t("settle_refund")}</option>
            </select>
          </Field>
          {ret.settlement === "refund" && (
            <Field label={t.t("pay_method")}>
              <MethodSelect name="return_method" value={ret.method} onChange={(method) => setRet({ ...ret, method })} />
            </Field>
          )}
          <Field label={t.t("return_reason")}>
            <input name="return_reason" value={ret.reason} onChange={(e) => setRet({ ...ret, reason: e.target.value })} />
          </Field>
          <button className="primary" data-action="return-submit" disabled={act.busy} onClick={takeBack}>
            {t.t("return_submit")}
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
      <Money order={o} />
      <Documents order={o} onChange={() => history.reload()} />
      <History entries={history.data} />
    </div>
  );
}

/** The order's payments and returns. */
function Money({ order: o }: { order: Order }) {
  const { t, backend } = useApp();
  const payments = useLoad(() => backend.paymentsOfOrder(o.number), [o.number, o.updated_at, o.received]);
  const returns = useLoad(() => backend.returnsOfOrder(o.number), [o.number, o.returned]);
  if (!payments.data?.length && !returns.data?.length) return null;
  return (
    <section className="money" data-section="money">
      <ErrorBox error={payments.error ?? returns.error} />
      {!!payments.data?.length && <PaymentsTable title={t.t("payments")} payments={payments.data} />}
      {!!returns.data?.length && <ReturnsTable returns={returns.data} />}
    </section>
  );
}

export function PaymentsTable({ title, payments }: { title: string; payments: Payment[] }) {
  const { t } = useApp();
  return (
    <>
      <h2>{title}</h2>
      <table className="list" data-testid="payments">
        <thead>
          <tr>
            <th>{t.t("number")}</th>
            <th>{t.t("doc_date")}</th>
            <th>{t.t("kind_col")}</th>
            <th>{t.t("pay_method")}</th>
            <th className="num">{t.t("pay_amount")}</th>
            <th>{t.t("allocated_to")}</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.number} data-payment-number={p.number}>
              <td>{p.number}</td>
              <td>{t.date(p.date)}</td>
              <td>{t.entry(p.kind)}</td>
              <td>
                {t.method(p.method)}
                {p.reference ? ` · ${p.reference}` : ""}
              </td>
              <td className="num">{t.money(p.amount)}</td>
              <td>{p.allocations.map((a) => `${a.invoice} ${t.money(a.amount)}`).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ReturnsTable({ returns }: { returns: SalesReturn[] }) {
  const { t } = useApp();
  return (
    <>
      <h2>{t.t("returns")}</h2>
      <table className="list" data-testid="returns">
        <tbody>
          {returns.map((r) => (
            <tr key={r.number} data-return={r.number}>
              <td>{r.number}</td>
              <td>{t.date(r.date)}</td>
              <td>{r.lines.map((l) => `${l.name} × ${t.qty(l.qty)}${l.restock ? "" : ` (${t.t("damaged")})`}`).join(", ")}</td>
              <td className="num">{t.money(r.total)}</td>
              <td>{[...r.credit_notes, r.refund, r.exchange_order].filter(Boolean).join(" · ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The order's invoices and deliveries, each with preview, print and save as PDF. */
function Documents({ order: o, onChange }: { order: Order; onChange: () => void }) {
  const { t, backend } = useApp();
  const invoices = useLoad(() => backend.invoicesOfOrder(o.number), [o.number, o.updated_at, o.invoiced, o.received]);
  const [noPrices, setNoPrices] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const act = useAction();
  const canInvoice = o.status !== "draft" && o.status !== "pending_approval" && o.lines.some((l) => l.delivered_qty !== "0");
  const printed = (m: string, logged: boolean) => {
    setMsg(m);
    if (logged) onChange();
  };
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
              <td>
                {i.kind === "credit_note" ? `${t.t("credit_note")} ← ${i.credits ?? ""}` : t.t("invoices")} {i.payment_status && <PayBadge status={i.payment_status} />}
              </td>
              <td>
                {t.date(i.issue_date)}
                {i.due_date ? ` (${t.t("due")} ${t.date(i.due_date)})` : ""}
              </td>
              <td className="num">{t.money(i.total)}</td>
              <td>
                <DocActions request={{ kind: i.kind, number: i.number }} onPrinted={printed} />
              </td>
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
              <td>
                <DocActions request={{ kind: "delivery_note", number: d.number, prices: !noPrices }} onPrinted={printed} />
              </td>
            </tr>
          ))}
          <tr data-receipt={o.number}>
            <td>
              <b>{o.number}</b>
            </td>
            <td>{t.t("receipt")}</td>
            <td>{t.date(o.order_date)}</td>
            <td className="num">{t.money(o.total)}</td>
            <td>
              <DocActions request={{ kind: "receipt", number: o.number }} onPrinted={printed} />
            </td>
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
