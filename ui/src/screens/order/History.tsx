// Who did what to the order, and when.
import type { AuditEntry } from "../../bindings";
import { useApp } from "../../ui";

export function History({ entries }: { entries: AuditEntry[] | null }) {
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
