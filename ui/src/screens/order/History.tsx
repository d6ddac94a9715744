// Who did what to the order, and when: its own steps, and its invoices, credit notes and
// payments (each with its number and amount, a link where it has a page).
import type { AuditEntry } from "../../bindings";
import { Operator, useApp } from "../../ui";

/** A value of the entry's recorded state, as text. */
const field = (h: AuditEntry, k: string): string | null => {
  const v = (h.after as Record<string, unknown> | null)?.[k];
  return typeof v === "string" ? v : null;
};

export function History({ entries }: { entries: AuditEntry[] | null }) {
  const { t } = useApp();
  if (!entries) return null;
  return (
    <section>
      <h2>{t.t("history")}</h2>
      <table className="history" data-testid="history">
        <tbody>
          {entries.map((h, i) => {
            // a confirm that ended waiting for the owner is not a confirmed order
            const waiting = h.action === "confirm" && field(h, "status") === "pending_approval";
            const number = h.entity === "order" ? null : field(h, "number");
            const amount = field(h, "total") ?? field(h, "amount");
            return (
              <tr key={i} data-action={h.action} data-entity={h.entity}>
                <td>{t.time(h.at)}</td>
                <td>
                  <Operator name={h.operator} approvedBy={h.approved_by} />
                </td>
                <td>{waiting ? t.t("history_submitted") : t.action(h.action)}</td>
                <td>
                  {number && <b>{number}</b>} {number && amount && <span className="num">{t.money(amount)}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
