// The owner's reports (经营报表): overview, sales trend, products, customers — for a named
// period or two dates, compared with the period before or a year back. Every figure comes from
// the core (kaidan report …); every bar, tile and row opens the orders behind it.
import { useEffect, useMemo, useState } from "react";
import type {
  Bucket,
  Collections,
  Compare,
  CustomerRow,
  CustomersReport,
  DayReport,
  Fulfilment,
  Measures,
  OrderRow,
  SalespersonRow,
  Overview,
  Period,
  ProductRow,
  ProductsReport,
  RankBy,
  Ranked,
  ReportQuery,
  Settings,
  Trend,
} from "../bindings";
import { Chart } from "../Chart";
import { bucketLabel, rankOption, rankRowAt, trendOption } from "../charts";
import { DateField } from "../DateField";
import type { T } from "../i18n";
import { ErrorBox, OpenFolder, localToday, useAction, useApp } from "../ui";
import { CollectionsView, FulfilmentView, ProfitView } from "./ReportFlow";
import { DayLogView } from "./Log";
import { ReportPrint } from "./ReportPrint";
import { CustomerMixView, InactiveView, SellThroughTiles, SlowView } from "./ReportWho";

const TABS = ["overview", "trend", "products", "customers", "profit", "salespeople", "fulfilment", "collections", "day"] as const;
type Tab = (typeof TABS)[number];
const PERIODS: Period[] = ["today", "yesterday", "this-week", "last-week", "this-month", "last-month", "this-quarter", "this-year", "last-year", "7d", "30d", "90d"];
const BUCKETS: Bucket[] = ["day", "week", "month", "quarter", "year"];
const COMPARES: Compare[] = ["previous", "last-year"];
const RANKS: RankBy[] = ["sales", "gross_profit", "qty"];
/** Rows of a ranking shown before "show all". */
const SHOWN = 100;
/** Bars of a ranking's chart. */
const TOP = 10;

type Answer =
  | { tab: "day"; r: DayReport }
  | { tab: "overview"; r: Overview }
  | { tab: "trend"; r: Trend }
  | { tab: "products"; r: ProductsReport }
  | { tab: "customers"; r: CustomersReport }
  | { tab: "profit"; r: Ranked<OrderRow> }
  | { tab: "salespeople"; r: Ranked<SalespersonRow> }
  | { tab: "fulfilment"; r: Fulfilment }
  | { tab: "collections"; r: Collections };

/** The orders behind a figure: goods delivered or returned in `from..to`, narrowed by `more`. */
export function soldLink(from: string, to: string, more: Record<string, string> = {}): string {
  return `#/orders?${new URLSearchParams({ sold_from: from, sold_to: to, ...more }).toString()}`;
}

export function Reports({ params }: { params?: URLSearchParams }) {
  const { t, backend, go } = useApp();
  const p = params ?? new URLSearchParams();
  const [tab, setTab] = useState<Tab>((TABS as readonly string[]).includes(p.get("tab") ?? "") ? (p.get("tab") as Tab) : "overview");
  const [period, setPeriod] = useState<Period | "custom">((p.get("from") ? "custom" : (p.get("period") as Period | null)) ?? "this-month");
  const [from, setFrom] = useState(p.get("from") ?? "");
  const [to, setTo] = useState(p.get("to") ?? "");
  const [compare, setCompare] = useState<Compare | "">((p.get("compare") as Compare | null) ?? "previous");
  const [by, setBy] = useState<Bucket | "">((p.get("by") as Bucket | null) ?? "");
  // "": the report's own order (sales; gross profit for orders)
  const [rank, setRank] = useState<RankBy | "">((p.get("rank") as RankBy | null) ?? "");
  // the end of day's day (today unless chosen)
  const [day, setDay] = useState(p.get("day") ?? localToday());
  // "show all" holds for the tab and choices it was asked on: another tab, range or ranking
  // asks for the best rows again
  const [allFor, setAllFor] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const exporting = useAction();
  const [saved, setSaved] = useState<{ path: string; rows: number } | null>(null);
  useEffect(() => {
    backend.settings().then(setSettings, () => {});
  }, [backend]);

  const query: ReportQuery = useMemo(
    () => ({
      period: period === "custom" ? null : period,
      from: period === "custom" ? from || null : null,
      to: period === "custom" ? to || null : null,
      by: by || null,
      compare: compare || null,
      rank: rank || null,
      days: null,
      top: null,
    }),
    [period, from, to, by, compare, rank],
  );

  // the screen's choices stay in its address: back from the orders it opened lands here again
  useEffect(() => {
    const q = new URLSearchParams({ tab, compare });
    if (rank) q.set("rank", rank);
    if (tab === "day") q.set("day", day);
    if (period === "custom") {
      if (from) q.set("from", from);
      if (to) q.set("to", to);
    } else q.set("period", period);
    if (by) q.set("by", by);
    window.history.replaceState(null, "", `#/reports?${q.toString()}`);
  }, [tab, period, from, to, compare, by, rank, day]);

  const allKey = JSON.stringify([tab, query]);
  const all = allFor === allKey;
  const setAll = (v: boolean) => setAllFor(v ? allKey : null);
  // a ranking asked for every row (it gives the best 100 and their count otherwise: a busy
  // year has hundreds of thousands of orders and tens of thousands of customers)
  const rankedAll = (tab === "profit" || tab === "products" || tab === "customers") && all;
  const top = rankedAll ? null : SHOWN;
  useEffect(() => {
    if (period === "custom" && !from) return;
    let live = true;
    const today = localToday();
    const ask: Promise<Answer> =
      tab === "day"
        ? backend.reportDay({ ...query, period: null, from: null, to: day }, today).then((r) => ({ tab, r }))
        : tab === "overview"
        ? backend.reportOverview(query, today).then((r) => ({ tab, r }))
        : tab === "trend"
          ? backend.reportTrend(query, today).then((r) => ({ tab, r }))
          : tab === "products"
            ? backend.reportProducts({ ...query, top }, today).then((r) => ({ tab, r }))
            : tab === "customers"
              ? backend.reportCustomers({ ...query, top }, today).then((r) => ({ tab, r }))
              : tab === "profit"
                ? backend.reportProfit({ ...query, top }, today).then((r) => ({ tab, r }))
                : tab === "salespeople"
                ? backend.reportSalespeople(query, today).then((r) => ({ tab, r }))
                : tab === "fulfilment"
                  ? backend.reportFulfilment(query, today).then((r) => ({ tab, r }))
                  : backend.reportCollections(query, today).then((r) => ({ tab, r }));
    ask.then(
      (a) => {
        if (!live) return;
        setAnswer(a);
        setError(null);
      },
      (e) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [backend, tab, query, period, from, day, top]);

  const shown = answer && answer.tab === tab ? answer : null;
  // the query of the tab shown: the end of day asks for its one day
  const asked: ReportQuery = tab === "day" ? { ...query, period: null, from: null, to: day } : query;
  const range = shown && shown.tab !== "day" ? shown.r.range : undefined;
  const withTax = settings?.prices_include_tax ?? true;
  const salesKey: "sales_total" | "sales" = withTax ? "sales_total" : "sales";

  return (
    <div className="screen reports" data-screen="reports">
      <h1>{t.t("reports_title")}</h1>
      <div className="tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x} role="tab" aria-selected={tab === x} className={tab === x ? "on" : ""} onClick={() => (setTab(x), setSaved(null), setAllFor(null))} data-tab={x}>
            {t.reportKind(x)}
          </button>
        ))}
      </div>
      <div className="filters">
        {tab === "day" ? (
          <label>
            {t.t("report_day")} <DateField name="report_day" value={day} onChange={(v) => v && setDay(v)} />
          </label>
        ) : (<>
        <label>
          {t.t("report_period")}{" "}
          <select name="report_period" value={period} onChange={(e) => setPeriod(e.target.value as Period | "custom")}>
            {PERIODS.map((x) => (
              <option key={x} value={x}>
                {t.period(x)}
              </option>
            ))}
            <option value="custom">{t.t("report_custom")}</option>
          </select>
        </label>
        {period === "custom" && (
          <>
            <label>
              {t.t("from")} <DateField name="report_from" value={from} onChange={(v) => v !== null && setFrom(v)} />
            </label>
            <label>
              {t.t("to")} <DateField name="report_to" value={to} onChange={(v) => v !== null && setTo(v)} />
            </label>
          </>
        )}
        </>)}
        {(tab === "overview" || tab === "trend") && <label>
          {t.t("report_compare")}{" "}
          <select name="report_compare" value={compare} onChange={(e) => setCompare(e.target.value as Compare | "")}>
            <option value="">{t.t("report_compare_none")}</option>
            {COMPARES.map((x) => (
              <option key={x} value={x}>
                {t.compare(x)}
              </option>
            ))}
          </select>
        </label>}
        {(tab === "trend" || tab === "collections") && (
          <label>
            {t.t("report_by")}{" "}
            <select name="report_by" value={by || (shown?.tab === "trend" || shown?.tab === "collections" ? shown.r.by : "")} onChange={(e) => setBy(e.target.value as Bucket)}>
              {BUCKETS.map((x) => (
                <option key={x} value={x}>
                  {t.bucket(x)}
                </option>
              ))}
            </select>
          </label>
        )}
        {(tab === "products" || tab === "customers" || tab === "profit" || tab === "salespeople") && (
          <label>
            {t.t("report_rank")}{" "}
            <select
              name="report_rank"
              value={
                rank ||
                (shown?.tab === "products" || shown?.tab === "customers" || shown?.tab === "profit" || shown?.tab === "salespeople" ? shown.r.rank_by : "sales")
              }
              onChange={(e) => setRank(e.target.value as RankBy)}
            >
              {RANKS.map((x) => (
                <option key={x} value={x}>
                  {t.rankBy(x)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="buttons">
        <button
          type="button"
          data-action="export-report"
          disabled={exporting.busy || !shown}
          onClick={() =>
            exporting.run(async () => {
              setSaved(null);
              setSaved(await backend.exportReport(tab, asked, localToday()));
            })
          }
        >
          {t.t("report_export")}
        </button>
        <ReportPrint key={tab} kind={tab} query={asked} ready={!!shown} />
        {saved && (
          <span className="ok-text" role="status" data-outcome="exported" data-path={saved.path}>
            {t.t("report_exported", { rows: String(saved.rows), path: saved.path })} <OpenFolder path={saved.path} />
          </span>
        )}
      </div>
      <ErrorBox error={error ?? exporting.error} />
      {range && (
        <p className="muted" data-testid="report-range">
          {t.t("report_range", { from: t.date(range.from), to: t.date(range.to) })}
          {shown?.tab === "overview" && shown.r.compared_range && (
            <> · {t.t("report_compared_with", { from: t.date(shown.r.compared_range.from), to: t.date(shown.r.compared_range.to) })}</>
          )}
        </p>
      )}
      {shown?.tab === "day" && <DayView t={t} d={shown.r} salesKey={salesKey} />}
      {shown?.tab === "day" && <DayLogView day={shown.r.date} />}
      {shown?.tab === "overview" && <OverviewView t={t} o={shown.r} salesKey={salesKey} />}
      {shown?.tab === "trend" && <TrendView t={t} r={shown.r} salesKey={salesKey} onOpen={(href) => go(href.slice(1))} />}
      {shown?.tab === "products" && <SellThroughTiles t={t} s={shown.r.sell_through} />}
      {shown?.tab === "products" && (
        <RankedView
          t={t}
          r={shown.r}
          all={all}
          setAll={setAll}
          label={(x) => x.name}
          head={[t.t("report_sku"), t.t("report_name")]}
          cells={(x) => [x.sku, x.name]}
          link={(x) => soldLink(shown.r.range.from, shown.r.range.to, { sku: x.sku })}
          rowKey={(x) => x.sku}
          onOpen={(href) => go(href.slice(1))}
        />
      )}
      {shown?.tab === "customers" && (
        <RankedView
          t={t}
          r={shown.r}
          all={all}
          setAll={setAll}
          label={(x) => x.customer}
          head={[t.t("report_customer"), t.t("report_region")]}
          cells={(x) => [x.customer, x.region ?? ""]}
          link={(x) => soldLink(shown.r.range.from, shown.r.range.to, { customer: x.customer_id, customer_name: x.customer })}
          rowKey={(x) => x.customer_id}
          onOpen={(href) => go(href.slice(1))}
          extra={["orders", "received"]}
        />
      )}
      {shown?.tab === "customers" && <CustomerMixView t={t} r={shown.r} salesKey={salesKey} />}
      {shown?.tab === "salespeople" && (
        <RankedView
          t={t}
          r={shown.r}
          all={all}
          setAll={setAll}
          label={(x) => x.salesperson}
          head={[t.t("salesperson")]}
          cells={(x) => [x.salesperson]}
          link={(x) => soldLink(shown.r.range.from, shown.r.range.to, { salesperson: x.salesperson })}
          rowKey={(x) => x.salesperson}
          onOpen={(href) => go(href.slice(1))}
          extra={["orders"]}
        />
      )}
      {shown?.tab === "profit" && <ProfitView t={t} r={shown.r} all={all} setAll={setAll} onOpen={(href) => go(href.slice(1))} />}
      {shown?.tab === "fulfilment" && <FulfilmentView t={t} f={shown.r} />}
      {shown?.tab === "collections" && <CollectionsView t={t} c={shown.r} />}
      {tab !== "fulfilment" && tab !== "collections" && (
        <p className="hint footnote" data-testid="report-what-counts">
          {t.reportNote("what_counts")}
        </p>
      )}
      {tab === "products" && <SlowView t={t} />}
      {tab === "customers" && <InactiveView t={t} />}
    </div>
  );
}

/** "+12.50%" in green, "-3.00%" in red, or that there was nothing to compare with. */
function Change({ t, value, points }: { t: T; value: string | null | undefined; points?: boolean }) {
  if (value === undefined) return null;
  if (value === null) return <small className="muted change">{t.t("report_change_none")}</small>;
  const up = !value.startsWith("-");
  const signed = up && value !== "0.00" ? `+${value}` : value;
  return (
    <small className={`change ${up ? "up" : "down"}`} data-change={value}>
      {t.t(points ? "report_change_points" : "report_change", { change: signed })}
    </small>
  );
}

/** The overview's tiles: the range's figures and how they changed, each opening what is behind
 *  it (the Reports screen's first tab, and the top of the home screen). */
export function OverviewTiles({ t, o, salesKey }: { t: T; o: Overview; salesKey: "sales" | "sales_total" }) {
  const m = o.measures;
  const c = o.changes;
  const sold = soldLink(o.range.from, o.range.to);
  const ordersLink = `#/orders?${new URLSearchParams({ from: o.range.from, to: o.range.to }).toString()}`;
  const tiles: { key: string; label: string; value: string; change?: string | null; points?: boolean; href?: string; note?: string }[] = [
    { key: salesKey, label: t.measure(salesKey), value: t.money(m[salesKey]), change: c ? c[salesKey] : undefined, href: sold },
    {
      key: "gross_profit",
      label: t.measure("gross_profit"),
      value: t.money(m.gross_profit),
      change: c ? c.gross_profit : undefined,
      href: sold,
    },
    { key: "margin", label: t.measure("margin"), value: m.margin ? `${m.margin}%` : "–", change: c ? c.margin : undefined, points: true },
    { key: "orders", label: t.measure("orders"), value: String(m.orders), change: c ? c.orders : undefined, href: ordersLink },
    {
      key: "avg_order_value",
      label: t.measure("avg_order_value"),
      value: m.avg_order_value ? t.money(m.avg_order_value) : "–",
      change: c ? c.avg_order_value : undefined,
    },
    { key: "received", label: t.measure("received"), value: t.money(m.received), change: c ? c.received : undefined },
  ];
  return (
    <div className="kpis" data-testid="report-overview">
      {tiles.map((x) => {
        const body = (
          <>
            <span className="kpi-label">{x.label}</span>
            <span className="kpi-value" data-measure={x.key}>
              {x.value}
            </span>
            {x.note && <small className="muted">{x.note}</small>}
            <Change t={t} value={x.change} points={x.points} />
          </>
        );
        return x.href ? (
          <a key={x.key} className="kpi" href={x.href} data-kpi={x.key}>
            {body}
          </a>
        ) : (
          <div key={x.key} className="kpi" data-kpi={x.key}>
            {body}
          </div>
        );
      })}
    </div>
  );
}

function OverviewView({ t, o, salesKey }: { t: T; o: Overview; salesKey: "sales" | "sales_total" }) {
  const m = o.measures;
  const empty = m.orders === 0 && m.sales === "0.00" && m.received === "0.00" && m.qty === "0";
  return (
    <>
      {empty && <p className="muted">{t.t("report_no_sales")}</p>}
      <OverviewTiles t={t} o={o} salesKey={salesKey} />
      {m.sales_cost_unknown !== "0.00" && (
        <p className="warn" data-testid="cost-unknown">
          {t.t("report_cost_unknown_note", { amount: t.money(m.sales_cost_unknown) })}
        </p>
      )}
      <h2>{t.t("report_today")}</h2>
      <div className="kpis">
        <a className="kpi" href="#/receivables" data-kpi="receivables">
          <span className="kpi-label">{t.t("report_receivables")}</span>
          <span className="kpi-value">{t.money(o.receivables)}</span>
          <small className={o.overdue !== "0.00" ? "change down" : "muted"}>{t.t("report_overdue_of", { amount: t.money(o.overdue) })}</small>
        </a>
        <a className="kpi" href="#/orders?due=late" data-kpi="open_orders">
          <span className="kpi-label">{t.t("report_open_orders")}</span>
          <span className="kpi-value">{o.open_orders}</span>
          <small className={o.late_orders > 0 ? "change down" : "muted"}>{t.t("report_late_of", { n: String(o.late_orders) })}</small>
        </a>
        <a className="kpi" href="#/stock" data-kpi="low_stock">
          <span className="kpi-label">{t.t("report_low_stock")}</span>
          <span className="kpi-value">{o.low_stock}</span>
        </a>
      </div>
    </>
  );
}

function TrendView({ t, r, salesKey, onOpen }: { t: T; r: Trend; salesKey: "sales" | "sales_total"; onOpen: (href: string) => void }) {
  const option = useMemo(() => trendOption(t, r, salesKey), [t, r, salesKey]);
  const open = (i: number) => {
    const p = r.points[i];
    if (p) onOpen(soldLink(p.range.from, p.range.to));
  };
  return (
    <>
      <p className="hint">{t.t("report_drill_hint")}</p>
      <Chart option={option} lang={t.lang} onPick={open} testid="trend-chart" />
      <table className="report-table" data-testid="trend-table">
        <thead>
          <tr>
            <th>{t.t("report_bucket")}</th>
            <th className="num">{t.measure(salesKey)}</th>
            <th className="num">{t.measure("gross_profit")}</th>
            <th className="num">{t.measure("margin")}</th>
            <th className="num">{t.measure("orders")}</th>
            <th className="num">{t.measure("qty")}</th>
            {r.compare && <th className="num">{t.compare(r.compare)}</th>}
          </tr>
        </thead>
        <tbody>
          {r.points.map((p, i) => (
            <tr key={p.range.from} data-bucket={p.range.from}>
              <td>
                <a href={soldLink(p.range.from, p.range.to)}>{bucketLabel(t, p.range.from, p.range.to)}</a>
              </td>
              <td className="num">{t.money(p.measures[salesKey])}</td>
              <td className="num">{t.money(p.measures.gross_profit)}</td>
              <td className="num">{p.measures.margin ? `${p.measures.margin}%` : "–"}</td>
              <td className="num">{p.measures.orders}</td>
              <td className="num">{t.qty(p.measures.qty)}</td>
              {r.compare && <td className="num">{r.compared[i] ? t.money(r.compared[i].measures[salesKey]) : ""}</td>}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <Totals t={t} m={r.total} salesKey={salesKey} lead={1} trail={r.compare ? 1 : 0} />
        </tfoot>
      </table>
    </>
  );
}

function Totals({ t, m, salesKey, lead, trail }: { t: T; m: Measures; salesKey: "sales" | "sales_total"; lead: number; trail: number }) {
  return (
    <tr className="total-row">
      <td colSpan={lead}>{t.t("total")}</td>
      <td className="num">{t.money(m[salesKey])}</td>
      <td className="num">{t.money(m.gross_profit)}</td>
      <td className="num">{m.margin ? `${m.margin}%` : "–"}</td>
      <td className="num">{m.orders}</td>
      <td className="num">{t.qty(m.qty)}</td>
      {trail > 0 && <td />}
    </tr>
  );
}

function RankedView<R extends ProductRow | CustomerRow | SalespersonRow>(props: {
  t: T;
  r: Ranked<R>;
  all: boolean;
  setAll: (v: boolean) => void;
  label: (x: R) => string;
  head: string[];
  cells: (x: R) => string[];
  link: (x: R) => string;
  rowKey: (x: R) => string;
  onOpen: (href: string) => void;
  /** Columns after the goods': orders taken, money received. */
  extra?: ("orders" | "received")[];
}) {
  const { t, r } = props;
  const by = r.rank_by;
  const option = useMemo(() => rankOption(t, r.rows, props.label, by, TOP), [t, r, by, props.label]);
  const rows = props.all ? r.rows : r.rows.slice(0, SHOWN);
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
            if (x) props.onOpen(props.link(x));
          }}
        />
      )}
      <table className="report-table" data-testid="rank-table">
        <thead>
          <tr>
            {props.head.map((h) => (
              <th key={h}>{h}</th>
            ))}
            <th className="num">{t.measure("qty")}</th>
            <th className="num">{t.measure("sales")}</th>
            <th className="num">{t.measure("cogs")}</th>
            <th className="num">{t.measure("gross_profit")}</th>
            <th className="num">{t.measure("margin")}</th>
            {props.extra?.map((k) => (
              <th key={k} className="num">
                {t.measure(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => {
            const m = x.measures;
            const [first, ...rest] = props.cells(x);
            return (
              <tr key={props.rowKey(x)} data-row={props.rowKey(x)}>
                <td>
                  <a href={props.link(x)}>{first}</a>
                </td>
                {rest.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
                <td className="num">{t.qty(m.qty)}</td>
                <td className="num">{t.money(m.sales)}</td>
                <td className="num">{t.money(m.cogs)}</td>
                <td className="num">{t.money(m.gross_profit)}</td>
                <td className="num">{m.margin ? `${m.margin}%` : "–"}</td>
                {props.extra?.map((k) => (
                  <td key={k} className="num">
                    {k === "orders" ? m.orders : t.money(m.received)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {r.row_count > rows.length && !props.all && (
        <p className="muted">
          {t.t("report_rows_more", { n: t.count(r.row_count), shown: t.count(rows.length) })}{" "}
          <button type="button" className="link" onClick={() => props.setAll(true)} data-action="show-all">
            {t.t("report_show_all")}
          </button>
        </p>
      )}
    </>
  );
}

/** 日结: the day's figures, money in and out by method, and the cash the till should hold. */
function DayView({ t, d, salesKey }: { t: T; d: DayReport; salesKey: "sales" | "sales_total" }) {
  const m = d.measures;
  const sold = soldLink(d.date, d.date);
  return (
    <>
      <p className="muted" data-testid="report-range">
        {t.date(d.date)} · {t.t("report_day_documents", { deliveries: String(d.deliveries), returns: String(d.returns) })}
      </p>
      <div className="kpis" data-testid="report-day">
        <a className="kpi" href={sold} data-kpi={salesKey}>
          <span className="kpi-label">{t.measure(salesKey)}</span>
          <span className="kpi-value" data-measure={salesKey}>
            {t.money(m[salesKey])}
          </span>
        </a>
        <div className="kpi" data-kpi="gross_profit">
          <span className="kpi-label">{t.measure("gross_profit")}</span>
          <span className="kpi-value">{t.money(m.gross_profit)}</span>
          <small className="muted">{m.margin ? `${t.measure("margin")} ${m.margin}%` : ""}</small>
        </div>
        <div className="kpi" data-kpi="orders">
          <span className="kpi-label">{t.measure("orders")}</span>
          <span className="kpi-value">{m.orders}</span>
        </div>
        <div className="kpi" data-kpi="received">
          <span className="kpi-label">{t.measure("received")}</span>
          <span className="kpi-value" data-measure="received">
            {t.money(m.received)}
          </span>
        </div>
        <div className="kpi cash" data-kpi="cash">
          <span className="kpi-label">{t.t("report_cash_in_till")}</span>
          <span className="kpi-value" data-measure="cash">
            {t.money(d.cash)}
          </span>
        </div>
      </div>
      <table className="report-table" data-testid="day-methods">
        <thead>
          <tr>
            <th>{t.t("report_method")}</th>
            <th className="num">{t.measure("received")}</th>
            <th className="num">{t.t("report_refunded")}</th>
            <th className="num">{t.t("report_net")}</th>
          </tr>
        </thead>
        <tbody>
          {d.methods.map((x) => (
            <tr key={x.method} data-method={x.method}>
              <td>{t.method(x.method)}</td>
              <td className="num">{t.money(x.received)}</td>
              <td className="num">{t.money(x.refunded)}</td>
              <td className="num">{t.money(x.net)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
