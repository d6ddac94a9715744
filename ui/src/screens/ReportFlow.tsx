// The reports that follow an order past its sale: 订单毛利 (gross profit by order), 履约
// (fulfilment) and 收款 (collections). Every figure is the core's; the window draws and links.
import { useMemo } from "react";
import type { Collections, Fulfilment, OrderRow, Ranked } from "../bindings";
import { Chart } from "../Chart";
import { leadOption, moneyOption, rankOption, rankRowAt } from "../charts";
import type { T } from "../i18n";
import { AGING_COLS, agingHeads } from "./Receivables";

/** Rows of a list shown before "show all". */
const SHOWN = 100;
const TOP = 10;
const orderLink = (n: string) => `#/orders/${encodeURIComponent(n)}`;
const pct = (v: string | null | undefined) => (v ? `${v}%` : "–");

/** 订单毛利: the range's orders, the best first, each opening its order. */
export function ProfitView({ t, r, all, setAll, onOpen }: { t: T; r: Ranked<OrderRow>; all: boolean; setAll: (v: boolean) => void; onOpen: (href: string) => void }) {
  const label = (x: OrderRow) => x.number;
  const option = useMemo(() => rankOption(t, r.rows, label, r.rank_by, TOP), [t, r]);
  const rows = all ? r.rows : r.rows.slice(0, SHOWN);
  const m = r.total;
  return (
    <>
      <p className="hint">{t.t("report_drill_hint")}</p>
      {r.rows.length > 0 && (
        <Chart
          option={option}
          lang={t.lang}
          testid="rank-chart"
          onPick={(i) => {
            const x = rankRowAt(r.rows, TOP, i);
            if (x) onOpen(orderLink(x.number));
          }}
        />
      )}
      <table className="report-table" data-testid="profit-table">
        <thead>
          <tr>
            <th>{t.t("report_order_number")}</th>
            <th>{t.t("report_customer")}</th>
            <th>{t.t("report_order_date")}</th>
            <th className="num">{t.measure("sales")}</th>
            <th className="num">{t.measure("cogs")}</th>
            <th className="num">{t.measure("gross_profit")}</th>
            <th className="num">{t.measure("margin")}</th>
            <th className="num">{t.t("report_cost_unknown_short")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.number} data-row={x.number}>
              <td>
                <a href={orderLink(x.number)}>{x.number}</a>
              </td>
              <td>{x.customer}</td>
              <td>{t.date(x.order_date)}</td>
              <td className="num">{t.money(x.measures.sales)}</td>
              <td className="num">{t.money(x.measures.cogs)}</td>
              <td className={`num${x.measures.gross_profit.startsWith("-") ? " neg" : ""}`}>{t.money(x.measures.gross_profit)}</td>
              <td className="num">{pct(x.measures.margin)}</td>
              <td className="num">{x.measures.sales_cost_unknown === "0.00" ? "" : t.money(x.measures.sales_cost_unknown)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <td colSpan={3}>{t.t("total")}</td>
            <td className="num">{t.money(m.sales)}</td>
            <td className="num">{t.money(m.cogs)}</td>
            <td className="num">{t.money(m.gross_profit)}</td>
            <td className="num">{pct(m.margin)}</td>
            <td className="num">{m.sales_cost_unknown === "0.00" ? "" : t.money(m.sales_cost_unknown)}</td>
          </tr>
        </tfoot>
      </table>
      {r.row_count > rows.length && !all && (
        <p className="muted">
          {t.t("report_rows_more", { n: t.count(r.row_count), shown: t.count(rows.length) })}{" "}
          <button type="button" className="link" onClick={() => setAll(true)} data-action="show-all">
            {t.t("report_show_all")}
          </button>
        </p>
      )}
      <p className="hint footnote">{t.t("report_profit_counts")}</p>
    </>
  );
}

/** 履约: the period's orders by status, days to deliver, the on-time rate, and today's late orders. */
export function FulfilmentView({ t, f }: { t: T; f: Fulfilment }) {
  const option = useMemo(() => leadOption(t, f), [t, f]);
  const taken = (status: string) => `#/orders?${new URLSearchParams({ status, from: f.range.from, to: f.range.to }).toString()}`;
  return (
    <>
      <div className="kpis" data-testid="report-fulfilment">
        <div className="kpi" data-kpi="delivered">
          <span className="kpi-label">{t.t("report_delivered_in_full")}</span>
          <span className="kpi-value">{f.delivered}</span>
        </div>
        <div className="kpi" data-kpi="lead_median">
          <span className="kpi-label">{t.t("report_lead_median")}</span>
          <span className="kpi-value">{f.lead_median ?? "–"}</span>
        </div>
        <div className="kpi" data-kpi="lead_p90">
          <span className="kpi-label">{t.t("report_lead_p90")}</span>
          <span className="kpi-value">{f.lead_p90 ?? "–"}</span>
        </div>
        <div className="kpi" data-kpi="on_time_rate">
          <span className="kpi-label">{t.t("report_on_time_rate")}</span>
          <span className="kpi-value">{pct(f.on_time_rate)}</span>
          <small className="muted">{t.t("report_on_time_of", { promised: String(f.promised), on_time: String(f.on_time) })}</small>
        </div>
      </div>
      {f.lead_days.length > 0 && <Chart option={option} lang={t.lang} testid="lead-chart" />}
      <h2>{t.t("report_status_mix")}</h2>
      <table className="report-table" data-testid="status-mix">
        <thead>
          <tr>
            <th>{t.t("report_status")}</th>
            <th className="num">{t.measure("orders")}</th>
          </tr>
        </thead>
        <tbody>
          {f.statuses.map((s) => (
            <tr key={s.status} data-status={s.status}>
              <td>
                <a href={taken(s.status)}>{t.status(s.status)}</a>
              </td>
              <td className="num">{s.orders}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>
        {t.t("report_late_open")} <a href="#/orders?due=late" data-testid="late-count">{t.t("report_late_n", { n: String(f.late_count) })}</a>
      </h2>
      {f.late_count > f.late.length && <p className="muted">{t.t("report_late_shown", { n: String(f.late_count), shown: String(f.late.length) })}</p>}
      {f.late.length === 0 ? (
        <p className="muted">{t.t("report_none_late")}</p>
      ) : (
        <table className="report-table" data-testid="late-orders">
          <thead>
            <tr>
              <th>{t.t("report_order_number")}</th>
              <th>{t.t("report_customer")}</th>
              <th>{t.t("report_status")}</th>
              <th>{t.t("report_deliver_by")}</th>
              <th className="num">{t.t("report_days_late")}</th>
              <th className="num">{t.t("report_order_total")}</th>
            </tr>
          </thead>
          <tbody>
            {f.late.map((o) => (
              <tr key={o.number} data-row={o.number}>
                <td>
                  <a href={orderLink(o.number)}>{o.number}</a>
                </td>
                <td>{o.customer}</td>
                <td>{t.status(o.status)}</td>
                <td>{t.date(o.deliver_by)}</td>
                <td className="num">{o.days_late}</td>
                <td className="num">{t.money(o.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint footnote">{t.t("report_fulfil_counts")}</p>
    </>
  );
}

/** 收款: money in per period and method, days sales outstanding, and receivables by age. */
export function CollectionsView({ t, c }: { t: T; c: Collections }) {
  const option = useMemo(() => moneyOption(t, c), [t, c]);
  const cols = AGING_COLS;
  const heads = agingHeads(t);
  return (
    <>
      <div className="kpis" data-testid="report-collections">
        <div className="kpi" data-kpi="received">
          <span className="kpi-label">{t.measure("received")}</span>
          <span className="kpi-value" data-measure="received">
            {t.money(c.total.net)}
          </span>
        </div>
        <a className="kpi" href="#/receivables" data-kpi="receivables">
          <span className="kpi-label">{t.t("report_receivables")}</span>
          <span className="kpi-value">{t.money(c.receivables)}</span>
          <small className={c.overdue !== "0.00" ? "change down" : "muted"}>{t.t("report_overdue_of", { amount: t.money(c.overdue) })}</small>
        </a>
        <div className="kpi" data-kpi="dso">
          <span className="kpi-label">{t.t("report_dso")}</span>
          <span className="kpi-value" data-measure="dso">
            {c.dso ?? "–"}
          </span>
          <small className="muted">{t.t("report_dso_note")}</small>
        </div>
      </div>
      {c.total.received !== "0.00" && <Chart option={option} lang={t.lang} testid="money-chart" />}
      <table className="report-table" data-testid="money-table">
        <thead>
          <tr>
            <th>{t.t("report_bucket")}</th>
            {c.total.methods.map((m) => (
              <th key={m.method} className="num">
                {t.method(m.method)}
              </th>
            ))}
            <th className="num">{t.t("report_refunded")}</th>
            <th className="num">{t.t("report_net")}</th>
          </tr>
        </thead>
        <tbody>
          {c.points.map((p) => (
            <tr key={p.range.from} data-bucket={p.range.from}>
              <td>{p.range.from === p.range.to ? t.date(p.range.from) : `${t.date(p.range.from)} – ${t.date(p.range.to)}`}</td>
              {p.methods.map((m) => (
                <td key={m.method} className="num">
                  {m.net === "0.00" ? "" : t.money(m.net)}
                </td>
              ))}
              <td className="num">{p.refunded === "0.00" ? "" : t.money(p.refunded)}</td>
              <td className="num">{t.money(p.net)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <td>{t.t("total")}</td>
            {c.total.methods.map((m) => (
              <td key={m.method} className="num">
                {t.money(m.net)}
              </td>
            ))}
            <td className="num">{t.money(c.total.refunded)}</td>
            <td className="num">{t.money(c.total.net)}</td>
          </tr>
        </tfoot>
      </table>
      <h2>{t.t("report_aging")}</h2>
      <table className="report-table" data-testid="aging-totals">
        <thead>
          <tr>
            {heads.map((h) => (
              <th key={h} className="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {cols.map((k) => (
              <td key={k} className="num">
                <a href="#/receivables">{t.money(c.aging[k])}</a>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="hint footnote">{t.t("report_collections_counts")}</p>
    </>
  );
}
