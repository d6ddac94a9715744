import type { OrderSummary, Overview } from "../bindings";
import type { Key } from "../i18n";
import { useEffect, useState } from "react";
import { ErrorBox, StatusBadge, localToday, useAction, useApp, useLoad, Head } from "../ui";
import { OverviewTiles } from "./Reports";
import { BackendError } from "../backend";

/** The top of the home screen: this month so far against last month (经营概况), from the core. */
function MonthTiles() {
  const { t, backend, who } = useApp();
  const [o, setO] = useState<Overview | null>(null);
  const [withTax, setWithTax] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notForThem, setNotForThem] = useState(false);
  useEffect(() => {
    let live = true;
    setNotForThem(false);
    // asked again for each person: the last one's figures are not the next one's to see
    setO(null);
    setError(null);
    const q = { period: "this-month", from: null, to: null, by: null, compare: "previous", rank: null, days: null, top: null };
    backend.reportOverview(q, localToday()).then(
      (x) => live && setO(x),
      // a clerk does not see the month's margins: no tiles, no error
      (e) => live && (e instanceof BackendError && e.needsOwner ? setNotForThem(true) : setError(e.message)),
    );
    backend.settings().then((s) => live && setWithTax(s.prices_include_tax), () => {});
    return () => {
      live = false;
    };
  }, [backend, who]);
  if (notForThem) return <span data-overview="not-shown" hidden />;
  if (error) return <ErrorBox error={error} />;
  if (!o) return null;
  return (
    <section className="home-overview" data-testid="home-overview">
      <h2>
        {t.t("home_month")}{" "}
        <a className="more" href="#/reports?tab=overview&period=this-month&compare=previous" data-action="open-reports">
          {t.t("home_open_reports")}
        </a>
      </h2>
      <OverviewTiles t={t} o={o} salesKey={withTax ? "sales_total" : "sales"} />
    </section>
  );
}

export function Home() {
  const { t, backend } = useApp();
  const { data, error, reload } = useLoad(() => backend.home(localToday()), []);
  const act = useAction();
  const [done, setDone] = useState<string | null>(null);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <div className="loading">{t.t("loading")}</div>;
  return (
    <div className="screen" data-screen="home">
      <h1>{t.t("home_title")}</h1>
      <MonthTiles />
      <section className={`tile backup ${data.backup.last_failure ? "tone-urgent" : ""}`} data-testid="backup-status">
        <div>
          <b>{t.t("home_backup")}</b>{" "}
          {data.backup.last_failure ? (
            <span className="bad-text" role="alert">
              {t.t("backup_failed", { at: t.time(data.backup.last_failure.at), error: data.backup.last_failure.error ?? "" })}
            </span>
          ) : (
            <span>{data.backup.last_ok_at ? t.t("backup_last_ok", { at: t.time(data.backup.last_ok_at) }) : t.t("backup_never")}</span>
          )}
          <div className="small-text" data-testid="changes-since">
            {data.backup.changes_since === 0
              ? t.t("backup_all_in")
              : t.t(data.backup.every_minutes > 0 ? "backup_changes_waiting" : "backup_changes_waiting_daily", {
                  n: String(data.backup.changes_since),
                  minutes: String(data.backup.every_minutes),
                })}
          </div>
          <div className="muted small-text">{done ? t.t("backup_done", { file: done }) : t.t("backup_folder", { folder: data.backup.folder })}</div>
          <div className="muted small-text" data-testid="integrity">
            {data.backup.last_integrity_check ? t.t("integrity_ok", { at: t.time(data.backup.last_integrity_check) }) : t.t("integrity_never")}
          </div>
        </div>
        <button
          data-action="backup-now"
          disabled={act.busy}
          onClick={() =>
            act.run(async () => {
              setDone((await backend.backupNow()).file);
              reload();
            })
          }
        >
          {t.t("backup_now")}
        </button>
      </section>
      <ErrorBox error={act.error} />
      <div className="tiles">
        <section className={`tile ${data.overdue.length ? "tone-urgent" : ""}`} data-testid="overdue">
          <h2>
            {t.t("home_overdue")} <span className="count">{data.overdue_count}</span>
          </h2>
          <p className="small-text">
            <a href="#/receivables">{t.t("receivable_total", { amount: t.money(data.receivable), overdue: t.money(data.overdue_total) })}</a>
          </p>
          {data.overdue.length === 0 ? (
            <p className="muted">{t.t("no_rows")}</p>
          ) : (
            <table>
              <tbody>
                {data.overdue.slice(0, 12).map((i) => (
                  <tr key={i.number} data-invoice={i.number}>
                    <td>
                      <a href={`#/customers/${encodeURIComponent(i.customer_id)}`}>{i.customer}</a>
                    </td>
                    <td>
                      <a href={`#/orders/${encodeURIComponent(i.order)}`}>{i.number}</a>
                    </td>
                    <td className="num bad-text">{t.t("days_late_n", { n: String(i.days_overdue) })}</td>
                    <td className="num">{t.money(i.open)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <OrderTile title="home_pending" orders={data.pending_approval} count={data.counts.pending_approval} all="status=pending_approval" tone="tone-warn" />
        <OrderTile title="home_late" orders={data.late} count={data.counts.late} all="due=late" tone="tone-urgent" />
        <OrderTile title="home_due_today" orders={data.due_today} count={data.counts.due_today} all="due=today" tone="tone-warn" />
        <OrderTile title="home_to_deliver" orders={data.to_deliver} count={data.counts.to_deliver} all="due=later" />
        {data.counts.backordered > 0 && (
          <OrderTile title="home_backordered" orders={data.backordered} count={data.counts.backordered} all="due=backordered" tone="tone-warn" />
        )}
        <section className="tile" data-testid="low-stock">
          <h2>
            {t.t("home_low_stock")} <span className="count">{data.counts.low_stock}</span>
          </h2>
          {data.low_stock.length === 0 ? (
            <p className="muted">{t.t("no_rows")}</p>
          ) : (
            <table>
              <Head cols={[t.t("name"), [t.t("stock_available"), "num"], [t.t("suggested_reorder"), "num"]]} />
              <tbody>
                {data.low_stock.slice(0, 12).map((s) => (
                  <tr key={s.sku}>
                    <td>
                      <a href={`#/products/${encodeURIComponent(s.sku)}`}>{s.name}</a>
                    </td>
                    <td className="num">{t.qty(s.available)}</td>
                    <td className="num">{t.qty(s.suggested_reorder)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.counts.low_stock > Math.min(12, data.low_stock.length) && (
            <a className="more" href="#/stock" data-more={data.counts.low_stock - Math.min(12, data.low_stock.length)}>
              {t.t("home_more_stock", { n: String(data.counts.low_stock - Math.min(12, data.low_stock.length)) })}
            </a>
          )}
        </section>
      </div>
    </div>
  );
}

/** A list of the home screen: the first orders, how many there are in all (`count`), and a link
 *  to all of them (`all`: the orders list's filter). */
function OrderTile({ title, orders, count, all, tone }: { title: Key; orders: OrderSummary[]; count: number; all: string; tone?: string }) {
  const { t } = useApp();
  const shown = Math.min(12, orders.length);
  return (
    <section className={`tile ${tone ?? ""}`} data-tile={title}>
      <h2>
        {t.t(title)} <span className="count">{count}</span>
      </h2>
      {orders.length === 0 ? (
        <p className="muted">{t.t("no_rows")}</p>
      ) : (
        <table>
          <tbody>
            {orders.slice(0, 12).map((o) => (
              <tr key={o.id}>
                <td>
                  <a href={`#/orders/${encodeURIComponent(o.number)}`}>{o.number}</a>
                </td>
                <td>{o.customer}</td>
                <td>{o.deliver_by ? t.date(o.deliver_by) : ""}</td>
                <td className="num">{t.money(o.total)}</td>
                <td>
                  <StatusBadge status={o.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {count > shown && (
        <a className="more" href={`#/orders?${all}`} data-more={count - shown}>
          {t.t("home_more", { n: String(count - shown) })}
        </a>
      )}
    </section>
  );
}
