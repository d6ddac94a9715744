// The order list: status tabs, search, dates; pages of 100 fetched by cursor as the list
// scrolls, rows rendered virtually so 100,000+ orders scroll like 10.
import { DateField } from "../DateField";
import { useEffect, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Channel, OrderStatus, OrderSummary, PaymentStatus } from "../bindings";
import { ErrorBox, PayBadge, StatusBadge, localToday, useApp, useLoad } from "../ui";

const TABS: (OrderStatus | "")[] = ["", "pending_approval", "draft", "confirmed", "partially_delivered", "delivered", "cancelled"];
const PAYMENTS: PaymentStatus[] = ["unpaid", "deposit", "partially_paid", "paid", "overpaid"];
const PAGE = 100;

/** The delivery filter: open orders by their promised day, or those waiting for stock. */
type DueView = "" | "late" | "today" | "later" | "backordered";
const DUE_VIEWS: Exclude<DueView, "">[] = ["late", "today", "later", "backordered"];

/** `params`: filters the list opens with (the home screen's "all of them" links). */
export function Orders({ customer, params }: { customer?: string; params?: URLSearchParams }) {
  const { t, backend, go } = useApp();
  const [status, setStatus] = useState<OrderStatus | "">((params?.get("status") as OrderStatus | null) ?? "");
  const [due, setDue] = useState<DueView>((params?.get("due") as DueView | null) ?? "");
  const [payment, setPayment] = useState<PaymentStatus | "">("");
  const [search, setSearch] = useState("");
  const [from, setFrom] = useState(params?.get("from") ?? "");
  const [to, setTo] = useState(params?.get("to") ?? "");
  // the salesperson (业务员): offered once the shop has more than one person
  const [salesperson, setSalesperson] = useState(params?.get("salesperson") ?? "");
  const people = useLoad(() => backend.operators(), []);
  // the orders behind a report's figure (removable as a whole)
  const drill = {
    sold_from: params?.get("sold_from") ?? undefined,
    sold_to: params?.get("sold_to") ?? undefined,
    sku: params?.get("sku") ?? undefined,
    customer: params?.get("customer") ?? undefined,
    customer_name: params?.get("customer_name") ?? undefined,
    channel: params?.get("channel") ?? undefined,
    region: params?.get("region") ?? undefined,
    taken: params?.get("taken") === "1" ? true : undefined,
    buyers: params?.get("buyers") ?? undefined,
  };
  const drilled = !!(drill.sold_from || drill.sold_to || drill.sku || drill.customer || drill.channel || drill.region !== undefined || drill.taken || drill.buyers);
  const [rows, setRows] = useState<OrderSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const gen = useRef(0);
  const parent = useRef<HTMLDivElement>(null);

  const query = (c: string | null) => ({
    status: status || undefined,
    payment: payment || undefined,
    search: search.trim() || undefined,
    customer: customer ?? drill.customer,
    salesperson: salesperson || undefined,
    sold_from: drill.sold_from,
    sold_to: drill.sold_to,
    sku: drill.sku,
    channel: drill.channel,
    region: drill.region,
    taken: drill.taken,
    buyers: drill.buyers,
    from: from || undefined,
    to: to || undefined,
    due: due && due !== "backordered" ? due : undefined,
    today: due && due !== "backordered" ? localToday() : undefined,
    backordered: due === "backordered" ? true : undefined,
    cursor: c ?? undefined,
    limit: PAGE,
  });

  // one page after `c` (null: the first); answers for an older filter are dropped
  const fetchPage = (c: string | null, g: number) => {
    loading.current = true;
    backend.orders(query(c)).then(
      (p) => {
        if (g !== gen.current) return;
        setRows((r) => (c ? [...r, ...p.items] : p.items));
        setCursor(p.next_cursor);
        setError(null);
        loading.current = false;
      },
      (e) => {
        if (g !== gen.current) return;
        setError(e.message);
        loading.current = false;
      },
    );
  };

  // a new filter starts over
  useEffect(() => {
    fetchPage(null, ++gen.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, payment, search, from, to, customer, due, salesperson]);

  const more = () => {
    if (cursor && !loading.current) fetchPage(cursor, gen.current);
  };

  const rv = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => 34, overscan: 12 });
  const items = rv.getVirtualItems();
  useEffect(() => {
    const last = items[items.length - 1];
    if (last && last.index >= rows.length - 20) more();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, rows.length, cursor]);

  return (
    <div className="screen orders" data-screen="orders">
      {!customer && <h1>{t.t("orders_title")}</h1>}
      <div className="tabs" role="tablist">
        {TABS.map((s) => (
          <button key={s || "all"} role="tab" aria-selected={status === s} className={status === s ? "on" : ""} onClick={() => setStatus(s)} data-status={s || "all"}>
            {s ? t.status(s) : t.t("status_all")}
          </button>
        ))}
      </div>
      <div className="filters">
        <input type="search" name="order_search" placeholder={t.t("orders_search")} value={search} onChange={(e) => setSearch(e.target.value)} />
        <select name="payment_filter" value={payment} onChange={(e) => setPayment(e.target.value as PaymentStatus | "")}>
          <option value="">{t.t("payment_all")}</option>
          {PAYMENTS.map((p) => (
            <option key={p} value={p}>
              {t.payment(p)}
            </option>
          ))}
        </select>
        <select name="due_filter" value={due} onChange={(e) => setDue(e.target.value as DueView)}>
          <option value="">{t.t("due_all")}</option>
          {DUE_VIEWS.map((d) => (
            <option key={d} value={d}>
              {d === "backordered" ? t.t("backordered") : t.t(`due_${d}` as const)}
            </option>
          ))}
        </select>
        {(people.data?.length ?? 0) > 1 && (
          <select name="salesperson_filter" value={salesperson} onChange={(e) => setSalesperson(e.target.value)}>
            <option value="">{t.t("salesperson_all")}</option>
            {people.data!.map((o) => (
              <option key={o.id} value={o.name}>
                {o.name}
              </option>
            ))}
          </select>
        )}
        <label>
          {t.t("from")} <DateField name="from" value={from} onChange={(v) => v !== null && setFrom(v)} />
        </label>
        <label>
          {t.t("to")} <DateField name="to" value={to} onChange={(v) => v !== null && setTo(v)} />
        </label>
      </div>
      {drilled && (
        <div className="chip" data-testid="report-filter">
          {[
            drill.sold_from || drill.sold_to ? t.t("orders_sold_filter", { from: t.date(drill.sold_from ?? ""), to: t.date(drill.sold_to ?? "") }) : null,
            drill.sku ? t.t("orders_sku_filter", { sku: drill.sku }) : null,
            drill.customer ? t.t("orders_customer_filter", { name: drill.customer_name ?? drill.customer }) : null,
            drill.channel ? t.t("orders_channel_filter", { channel: t.channel(drill.channel as Channel) }) : null,
            drill.region !== undefined ? t.t("orders_region_filter", { region: drill.region || t.t("report_no_region") }) : null,
            drill.buyers ? t.t(drill.buyers === "new" ? "orders_new_filter" : "orders_returning_filter") : null,
            drill.taken ? t.t("orders_taken_filter") : null,
          ]
            .filter(Boolean)
            .join(" · ")}{" "}
          <button type="button" className="link" onClick={() => go("/orders")} data-action="clear-report-filter" title={t.t("orders_filter_clear")}>
            ✕ {t.t("orders_filter_clear")}
          </button>
        </div>
      )}
      <ErrorBox error={error} />
      <div className="grid-head orders-grid">
        <span>{t.t("number")}</span>
        <span>{t.t("order_date")}</span>
        <span>{t.t("customer")}</span>
        <span>{t.t("channel")}</span>
        <span>{t.t("deliver_by")}</span>
        <span className="num">{t.t("total")}</span>
        <span>{t.t("status_column")}</span>
        <span>{t.t("payment_status")}</span>
      </div>
      <div ref={parent} className="vlist" data-testid="order-list">
        {rows.length === 0 && <p className="muted">{t.t("no_rows")}</p>}
        <div style={{ height: rv.getTotalSize(), position: "relative" }}>
          {items.map((it) => {
            const o = rows[it.index];
            return (
              <div
                key={o.id}
                className="grid-row orders-grid"
                style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${it.start}px)`, height: it.size }}
                onClick={() => go(`/orders/${encodeURIComponent(o.number)}`)}
                data-number={o.number}
              >
                <span>
                  <a href={`#/orders/${encodeURIComponent(o.number)}`}>{o.number}</a>
                </span>
                <span>{t.date(o.order_date)}</span>
                <span>{o.customer}</span>
                <span>{t.channel(o.channel)}</span>
                <span>
                  {t.date(o.deliver_by)}
                  {o.backordered && (
                    <span className="badge warn-badge" data-backordered>
                      {t.t("backordered")}
                    </span>
                  )}
                </span>
                <span className="num">{t.money(o.total)}</span>
                <span>
                  <StatusBadge status={o.status} />
                </span>
                <span>{o.status !== "draft" && o.status !== "cancelled" && <PayBadge status={o.payment_status} />}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
