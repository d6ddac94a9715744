// What the order is: customer, dates, channel, money received, and why it waits for approval.
import type { Order } from "../../bindings";
import { useApp } from "../../ui";

export function Facts({ order: o }: { order: Order }) {
  const { t } = useApp();
  return (
    <>
      <dl className="facts">
        <dt>{t.t("customer")}</dt>
        <dd>
          <a href={`#/customers/${encodeURIComponent(o.customer_id)}`}>{o.customer}</a>
        </dd>
        <dt>{t.t("order_date")}</dt>
        <dd>{t.date(o.order_date)}</dd>
        <dt>{t.t("channel")}</dt>
        <dd>{t.channel(o.channel)}</dd>
        <dt>{t.t("salesperson")}</dt>
        <dd data-field="salesperson">{o.salesperson}</dd>
        <dt>{t.t("deliver_by")}</dt>
        <dd>{t.date(o.deliver_by) || t.t("none")}</dd>
        <dt>{t.t("received")}</dt>
        <dd data-money="received">
          {t.money(o.received)}
          {o.returned !== "0.00" && ` · ${t.t("returned")} ${t.money(o.returned)}`}
          {o.invoiced !== "0.00" && ` · ${t.t("invoiced")} ${t.money(o.invoiced)}`}
        </dd>
        {o.external_number && (
          <>
            <dt>{t.t("external_number")}</dt>
            <dd data-field="external_number">{o.external_number}</dd>
          </>
        )}
        {o.notes && (
          <>
            <dt>{t.t("notes")}</dt>
            <dd>{o.notes}</dd>
          </>
        )}
        {o.cancel_reason && (
          <>
            <dt>{t.t("cancel_reason")}</dt>
            <dd>{o.cancel_reason}</dd>
          </>
        )}
      </dl>
      {o.approval_reasons.length > 0 && o.status === "pending_approval" && (
        <div className="warn">
          {t.t("approval_reasons")}: {o.approval_reasons.map((r) => t.reason(r)).join("; ")}
        </div>
      )}
    </>
  );
}
