// What the rankings cannot say: 动销率 beside the products, the slow movers (滞销商品), who the
// customers are (new and returning, by region, orders by channel) and who has gone quiet
// (沉睡客户). Every figure and rule is the core's; the window draws, links and asks.
import { useEffect, useState } from "react";
import type { CustomersReport, Inactive, ReportQuery, SellThrough, SlowMovers } from "../bindings";
import type { T } from "../i18n";
import { ErrorBox, OpenFolder, localToday, useAction, useApp } from "../ui";

const SHOWN = 100;
const pct = (v: string | null | undefined) => (v ? `${v}%` : "–");
const customerOrders = (id: string, name: string) => `#/orders?${new URLSearchParams({ customer: id, customer_name: name }).toString()}`;
const productOrders = (sku: string) => `#/orders?${new URLSearchParams({ sku }).toString()}`;
/** What the slow movers and inactive customers are asked for: their days, as of today. */
const quiet = (days: string): ReportQuery => ({ period: null, from: null, to: null, by: null, compare: null, rank: null, days, top: null });

/** 动销率: of the products on sale, how many sold in the range. */
export function SellThroughTiles({ t, s }: { t: T; s: SellThrough }) {
  return (
    <div className="kpis" data-testid="sell-through">
      <div className="kpi" data-kpi="sell_through">
        <span className="kpi-label">{t.t("report_sell_through")}</span>
        <span className="kpi-value" data-measure="sell_through">
          {pct(s.rate)}
        </span>
        <small className="muted">{t.t("report_sold_of", { sold: String(s.sold), active: String(s.active) })}</small>
      </div>
    </div>
  );
}

/** New and returning customers, sales by region, orders by channel. */
export function CustomerMixView({ t, r, salesKey }: { t: T; r: CustomersReport; salesKey: "sales" | "sales_total" }) {
  const { from, to } = r.range;
  // a region's goods delivered or returned in the range; a channel's orders taken in it
  const regionLink = (region: string | null) => `#/orders?${new URLSearchParams({ sold_from: from, sold_to: to, region: region ?? "" }).toString()}`;
  const channelLink = (channel: string) => `#/orders?${new URLSearchParams({ from, to, channel, taken: "1" }).toString()}`;
  const group = (key: "new" | "returning") => {
    const g = r.mix[key];
    const href = `#/orders?${new URLSearchParams({ from, to, buyers: key, taken: "1" }).toString()}`;
    return (
      <a className="kpi" href={href} data-kpi={`${key}_customers`} key={key}>
        <span className="kpi-label">{t.t(key === "new" ? "report_new_customers" : "report_returning_customers")}</span>
        <span className="kpi-value" data-measure={`${key}_customers`}>
          {g.customers}
        </span>
        <small className="muted">
          {t.measure(salesKey)} {t.money(g.measures[salesKey])} · {t.measure("orders")} {g.measures.orders}
        </small>
      </a>
    );
  };
  return (
    <>
      <h2>{t.t("report_who_bought")}</h2>
      <div className="kpis" data-testid="customer-mix">
        {group("new")}
        {group("returning")}
      </div>
      <div className="report-pair">
        <table className="report-table" data-testid="region-table">
          <thead>
            <tr>
              <th>{t.t("report_region")}</th>
              <th className="num">{t.t("report_customers_n")}</th>
              <th className="num">{t.measure(salesKey)}</th>
              <th className="num">{t.measure("gross_profit")}</th>
              <th className="num">{t.measure("orders")}</th>
            </tr>
          </thead>
          <tbody>
            {r.regions.map((g) => (
              <tr key={g.region ?? ""} data-region={g.region ?? ""}>
                <td>
                  <a href={regionLink(g.region)}>{g.region ?? t.t("report_no_region")}</a>
                </td>
                <td className="num">{g.customers}</td>
                <td className="num">{t.money(g.measures[salesKey])}</td>
                <td className="num">{t.money(g.measures.gross_profit)}</td>
                <td className="num">{g.measures.orders}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="report-table" data-testid="channel-table">
          <thead>
            <tr>
              <th>{t.t("report_channel")}</th>
              <th className="num">{t.measure("orders")}</th>
              <th className="num">{t.measure("orders_value")}</th>
              <th className="num">{t.t("report_share")}</th>
            </tr>
          </thead>
          <tbody>
            {r.channels.map((c) => (
              <tr key={c.channel} data-channel={c.channel}>
                <td>
                  <a href={channelLink(c.channel)}>{t.channel(c.channel)}</a>
                </td>
                <td className="num">{c.orders}</td>
                <td className="num">{t.money(c.orders_value)}</td>
                <td className="num">{pct(c.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint footnote">{t.t("report_who_counts")}</p>
    </>
  );
}

/** The days a list looks back, typed; the list asked for again when they change. */
function useQuiet<R>(ask: (days: string) => Promise<R>) {
  const [days, setDays] = useState("60");
  const [typed, setTyped] = useState("60");
  const [r, setR] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    ask(days).then(
      (x) => live && (setR(x), setError(null)),
      (e) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
    // `ask` is the screen's, stable for its backend
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [days]);
  return { days, typed, setTyped, apply: () => setDays(typed.trim()), r, error };
}

function QuietHead(props: { t: T; title: string; name: string; q: { typed: string; setTyped: (v: string) => void; apply: () => void }; kind: "slow" | "inactive"; days: string }) {
  const { t, q } = props;
  const { backend } = useApp();
  const exporting = useAction();
  const [saved, setSaved] = useState<{ path: string; rows: number } | null>(null);
  return (
    <>
      <h2>{props.title}</h2>
      <div className="filters">
        <label>
          {t.t("report_quiet_days")}{" "}
          <input
            name={props.name}
            inputMode="numeric"
            size={5}
            value={q.typed}
            onChange={(e) => q.setTyped(e.target.value)}
            onBlur={q.apply}
            onKeyDown={(e) => e.key === "Enter" && q.apply()}
          />
        </label>
        <button
          type="button"
          data-action={`export-${props.kind}`}
          disabled={exporting.busy}
          onClick={() =>
            exporting.run(async () => {
              setSaved(null);
              setSaved(await backend.exportReport(props.kind, quiet(props.days), localToday()));
            })
          }
        >
          {t.t("report_export")}
        </button>
        {saved && (
          <span className="ok-text" role="status" data-outcome="exported" data-path={saved.path}>
            {t.t("report_exported", { rows: String(saved.rows), path: saved.path })} <OpenFolder path={saved.path} />
          </span>
        )}
      </div>
      <ErrorBox error={exporting.error} />
    </>
  );
}

/** 滞销商品: stock that has not sold in the days asked, the most money first. */
export function SlowView({ t }: { t: T }) {
  const { backend } = useApp();
  const q = useQuiet<SlowMovers>((days) => backend.reportSlow(quiet(days), localToday()));
  const [all, setAll] = useState(false);
  const s = q.r;
  const rows = s ? (all ? s.rows : s.rows.slice(0, SHOWN)) : [];
  return (
    <section data-testid="slow-movers">
      <QuietHead t={t} title={t.reportKind("slow")} name="slow_days" q={q} kind="slow" days={q.days} />
      <ErrorBox error={q.error} />
      {s && (
        <>
          <p className="muted" data-testid="slow-summary">
            {t.t("report_slow_summary", { n: String(s.rows.length), days: String(s.days), value: t.money(s.stock_value) })}
            {s.value_unknown > 0 && <> {t.t("report_slow_unknown", { n: String(s.value_unknown) })}</>}
          </p>
          {s.rows.length > 0 && (
            <table className="report-table" data-testid="slow-table">
              <thead>
                <tr>
                  <th>{t.t("report_sku")}</th>
                  <th>{t.t("report_name")}</th>
                  <th className="num">{t.t("report_on_hand")}</th>
                  <th className="num">{t.t("report_stock_value")}</th>
                  <th>{t.t("report_last_sold")}</th>
                  <th className="num">{t.t("report_days_since")}</th>
                  <th className="num">{t.t("report_days_of_cover")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.sku} data-row={p.sku}>
                    <td>
                      <a href={productOrders(p.sku)}>{p.sku}</a>
                    </td>
                    <td>{p.name}</td>
                    <td className="num">
                      {t.qty(p.on_hand)} {p.unit}
                    </td>
                    <td className="num">{p.stock_value ? t.money(p.stock_value) : <span className="muted">{t.t("report_cost_unknown_short")}</span>}</td>
                    <td>{p.last_sold ? t.date(p.last_sold) : <span className="muted">{t.t("report_never")}</span>}</td>
                    <td className="num">{p.days_since ?? "–"}</td>
                    <td className="num">{p.days_of_cover ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {s.rows.length > SHOWN && !all && (
            <button type="button" className="link" onClick={() => setAll(true)} data-action="show-all-slow">
              {t.t("report_show_all")}
            </button>
          )}
          <p className="hint footnote">{t.t("report_slow_counts")}</p>
        </>
      )}
    </section>
  );
}

/** 沉睡客户: who ordered before and not in the days asked, the biggest spenders first. */
export function InactiveView({ t }: { t: T }) {
  const { backend } = useApp();
  const q = useQuiet<Inactive>((days) => backend.reportInactive(quiet(days), localToday()));
  const [all, setAll] = useState(false);
  const s = q.r;
  const rows = s ? (all ? s.rows : s.rows.slice(0, SHOWN)) : [];
  return (
    <section data-testid="inactive-customers">
      <QuietHead t={t} title={t.reportKind("inactive")} name="inactive_days" q={q} kind="inactive" days={q.days} />
      <ErrorBox error={q.error} />
      {s && (
        <>
          <p className="muted" data-testid="inactive-summary">
            {t.t("report_inactive_summary", { n: String(s.rows.length), days: String(s.days) })}
          </p>
          {s.rows.length > 0 && (
            <table className="report-table" data-testid="inactive-table">
              <thead>
                <tr>
                  <th>{t.t("report_customer")}</th>
                  <th>{t.t("report_region")}</th>
                  <th>{t.t("report_phone")}</th>
                  <th>{t.t("report_last_ordered")}</th>
                  <th className="num">{t.t("report_days_since")}</th>
                  <th className="num">{t.measure("orders")}</th>
                  <th className="num">{t.measure("orders_value")}</th>
                  <th className="num">{t.measure("avg_order_value")}</th>
                  <th className="num">{t.t("report_days_between")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.customer_id} data-row={c.customer}>
                    <td>
                      <a href={customerOrders(c.customer_id, c.customer)}>{c.customer}</a>
                    </td>
                    <td>{c.region ?? ""}</td>
                    <td>{c.phone ?? ""}</td>
                    <td>{t.date(c.last_order)}</td>
                    <td className="num">{c.days_since}</td>
                    <td className="num">{c.orders}</td>
                    <td className="num">{t.money(c.orders_value)}</td>
                    <td className="num">{c.avg_order_value ? t.money(c.avg_order_value) : "–"}</td>
                    <td className="num">{c.days_between ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {s.rows.length > SHOWN && !all && (
            <button type="button" className="link" onClick={() => setAll(true)} data-action="show-all-inactive">
              {t.t("report_show_all")}
            </button>
          )}
          <p className="hint footnote">{t.t("report_inactive_counts")}</p>
        </>
      )}
    </section>
  );
}
