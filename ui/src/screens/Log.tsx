// Who did what: the owner's day log (a line for each person, then every entry) and a
// customer's history. The entries say what was done in the user's language (the shop wrote
// it); this screen only lays them out.
import { useState } from "react";
import type { DayLog, LogEntry } from "../bindings";
import { ErrorBox, Operator, useApp, useLoad } from "../ui";

/** Entries, each with its time, who did it (and the owner who approved it on the spot), what
 *  was done, the record — an order opens — and its money. */
export function LogTable({ entries, testid }: { entries: LogEntry[]; testid: string }) {
  const { t } = useApp();
  return (
    <table className="list history" data-testid={testid}>
      <thead>
        <tr>
          <th>{t.t("log_time")}</th>
          <th>{t.t("log_person")}</th>
          <th>{t.t("log_what")}</th>
          <th>{t.t("log_record")}</th>
          <th className="num">{t.t("log_amount")}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={i} data-entity={e.entity} data-action={e.action ?? e.moved ?? ""} data-operator={e.operator}>
            <td>{t.time(e.at)}</td>
            <td>
              <Operator name={e.operator} approvedBy={e.approved_by} />
            </td>
            <td>{e.what}</td>
            <td>{e.entity === "order" && e.record ? <a href={`#/orders/${encodeURIComponent(e.record)}`}>{e.record}</a> : e.record}</td>
            <td className="num">{e.amount ? t.money(e.amount) : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 今日日志: a line for each person who did anything on `day` and every entry of the day; a
 *  click on a person shows their day only. */
export function DayLogView({ day }: { day: string }) {
  const { t, backend } = useApp();
  const [who, setWho] = useState<string | null>(null);
  // one person's day is the shop's to say (their entries and what they approved on the spot)
  const log = useLoad<DayLog>(() => backend.dayLog(day, who), [day, who]);
  if (log.error) return <ErrorBox error={log.error} />;
  const d = log.data;
  if (!d) return null;
  return (
    <section data-testid="day-log">
      <h2>{t.t("log_title")}</h2>
      {d.people.length === 0 ? (
        <p className="muted">{t.t("log_none")}</p>
      ) : (
        <>
          <table className="report-table" data-testid="day-log-people">
            <thead>
              <tr>
                <th>{t.t("log_person")}</th>
                <th className="num">{t.t("log_orders")}</th>
                <th className="num">{t.t("log_deliveries")}</th>
                <th className="num">{t.t("log_returns")}</th>
                <th className="num">{t.t("log_money_in")}</th>
                <th className="num">{t.t("log_money_out")}</th>
                <th className="num">{t.t("log_approvals")}</th>
                <th className="num">{t.t("log_corrections")}</th>
                <th className="num">{t.t("log_entries")}</th>
              </tr>
            </thead>
            <tbody>
              {d.people.map((p) => (
                <tr key={p.operator} data-person={p.operator} className={who === p.operator ? "on" : ""}>
                  <td>
                    <button type="button" className="link" data-action="log-person" onClick={() => setWho(who === p.operator ? null : p.operator)}>
                      {p.operator}
                    </button>
                  </td>
                  <td className="num">{p.orders}</td>
                  <td className="num">{p.deliveries}</td>
                  <td className="num">{p.returns}</td>
                  <td className="num">{t.money(p.money_in)}</td>
                  <td className="num">{t.money(p.money_out)}</td>
                  <td className="num">{p.approvals}</td>
                  <td className="num">{p.corrections}</td>
                  <td className="num">{p.entries}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {who && (
            <p className="muted">
              {who} ·{" "}
              <button type="button" className="link" data-action="log-everyone" onClick={() => setWho(null)}>
                {t.t("log_everyone")}
              </button>
            </p>
          )}
          <LogTable entries={d.entries} testid="day-log-entries" />
        </>
      )}
    </section>
  );
}

/** A customer's history: what was done to them and their orders, invoices and payments, by whom. */
export function CustomerLog({ id }: { id: string }) {
  const { t, backend } = useApp();
  const log = useLoad(() => backend.customerLog(id, 50), [id]);
  if (log.error) return <ErrorBox error={log.error} />;
  if (!log.data) return null;
  return (
    <section data-testid="customer-history">
      <h2>{t.t("customer_history")}</h2>
      {log.data.length === 0 ? <p className="muted">{t.t("customer_history_none")}</p> : <LogTable entries={log.data} testid="customer-log" />}
    </section>
  );
}
