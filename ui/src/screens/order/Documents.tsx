// The order's documents: issuing an invoice for what was delivered (when the order allows it),
// and preview, print and save as PDF of its invoices, delivery notes and receipt.
import { useState } from "react";
import type { Order } from "../../bindings";
import { DocActions, ErrorBox, Notice, PayBadge, PrintOutcome, outcomeNumber, useAction, useApp, useLoad, Head, type DocOutcome } from "../../ui";

/** The order's invoices and deliveries, each with preview, print and save as PDF. `onPrinted`:
 * a print was logged; `onIssued`: an invoice changed the order (what it allows, what it billed). */
export function Documents({ order: o, onPrinted, onIssued }: { order: Order; onPrinted: () => void; onIssued: () => void }) {
  const { t, backend } = useApp();
  const invoices = useLoad(() => backend.invoicesOfOrder(o.number), [o.number, o.updated_at, o.invoiced, o.received]);
  const [noPrices, setNoPrices] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const act = useAction();
  const printed = (logged: boolean) => logged && onPrinted();
  const [outcome, setOutcome] = useState<DocOutcome | null>(null);
  return (
    <section className="documents" data-section="documents">
      <h2>{t.t("documents")}</h2>
      <Notice text={msg} />
      {outcome && (
        <div className="print-outcome" data-doc={outcomeNumber(outcome)}>
          <PrintOutcome outcome={outcome} />
        </div>
      )}
      <ErrorBox error={act.error ?? invoices.error} />
      <div className="buttons">
        {o.allowed_actions.includes("invoice") && (
          <button
            className="primary"
            data-action="issue-invoice"
            disabled={act.busy}
            onClick={() =>
              act.run(async () => {
                const inv = await backend.issueInvoice(o.number, null);
                setMsg(t.t("invoice_issued_msg", { number: inv.number }));
                invoices.reload();
                onIssued();
              })
            }
          >
            {t.t("issue_invoice")}
          </button>
        )}
      </div>
      <table className="documents-table">
        <Head cols={[t.t("document"), t.t("kind_col"), t.t("doc_date"), [t.t("total"), "num"], ""]} />
        <tbody>
          {(invoices.data ?? []).map((i) => (
            <tr key={i.number} data-invoice={i.number}>
              <td>
                <b>{i.number}</b>
              </td>
              <td>
                {i.kind === "credit_note" ? `${t.doc("credit_note")} ← ${i.credits ?? ""}` : t.doc("invoice")} {i.payment_status && <PayBadge status={i.payment_status} />}
              </td>
              <td>
                {t.date(i.issue_date)}
                {i.due_date ? ` (${t.t("due")} ${t.date(i.due_date)})` : ""}
              </td>
              <td className="num">{t.money(i.total)}</td>
              <td>
                <DocActions request={{ kind: i.kind, number: i.number }} onPrinted={printed} onOutcome={setOutcome} />
              </td>
            </tr>
          ))}
          {o.deliveries.map((d) => (
            <tr key={d.id} data-delivery={d.number}>
              <td>
                <b>{d.number}</b>
              </td>
              <td>{t.doc("delivery_note")}</td>
              <td>{t.time(d.created_at)}</td>
              <td>{d.lines.map((l) => `${l.name} × ${t.qty(l.qty)}`).join(", ")}</td>
              <td>
                <DocActions request={{ kind: "delivery_note", number: d.number, prices: !noPrices }} onPrinted={printed} onOutcome={setOutcome} />
              </td>
            </tr>
          ))}
          <tr data-receipt={o.number}>
            <td>
              <b>{o.number}</b>
            </td>
            <td>{t.doc("receipt")}</td>
            <td>{t.date(o.order_date)}</td>
            <td className="num">{t.money(o.total)}</td>
            <td>
              <DocActions request={{ kind: "receipt", number: o.number }} onPrinted={printed} onOutcome={setOutcome} />
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
