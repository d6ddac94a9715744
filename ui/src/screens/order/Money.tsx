// The order's money: the payments on it and the goods that came back.
import type { Order, Payment, SalesReturn } from "../../bindings";
import { DocActions, ErrorBox, useApp, useLoad, Head } from "../../ui";

/** The order's payments and returns. */
export function Money({ order: o }: { order: Order }) {
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

function PaymentsTable({ title, payments }: { title: string; payments: Payment[] }) {
  const { t } = useApp();
  return (
    <>
      <h2>{title}</h2>
      <table className="list" data-testid="payments">
        <Head cols={[t.t("number"), t.t("doc_date"), t.t("kind_col"), t.t("pay_method"), [t.t("pay_amount"), "num"], t.t("allocated_to"), t.t("documents")]} />
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
              <td>{p.kind === "receipt" && <DocActions request={{ kind: "payment_receipt", number: p.number }} />}</td>
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
