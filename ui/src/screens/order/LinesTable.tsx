// The order's lines. The modes that ask something per line (deliver, return, change) render
// this table with their own inputs: in place of the ordered quantity, price and discount
// (`edit`), or as columns after the amount (`extra`).
import type { ReactNode } from "react";
import type { Order, OrderLine } from "../../bindings";
import { useApp } from "../../ui";

/** Inputs shown in place of the ordered quantity, the price and the discount. */
export interface LineEdit {
  qty: ReactNode;
  price: ReactNode;
  discount: ReactNode;
}

/** Columns after the amount: their header cells, and a line's cells. */
export interface ExtraColumns {
  head: ReactNode;
  cells: (l: OrderLine) => ReactNode;
}

/** `removed`: lines a change takes off the order (shown struck through until saved). */
export function LinesTable({ order: o, edit, extra, removed }: { order: Order; edit?: (l: OrderLine) => LineEdit; extra?: ExtraColumns; removed?: Set<string> }) {
  const { t } = useApp();
  return (
    <table className="lines" data-testid="order-lines">
      <thead>
        <tr>
          <th>{t.t("sku")}</th>
          <th>{t.t("name")}</th>
          <th className="num">{t.t("ordered")}</th>
          <th className="num">{t.t("delivered")}</th>
          <th className="num">{t.t("remaining")}</th>
          <th className="num">{t.t("price")}</th>
          <th className="num">{t.t("discount")}</th>
          <th className="num">{t.t("amount")}</th>
          {extra?.head}
        </tr>
      </thead>
      <tbody>
        {o.lines.map((l) => {
          const e = edit?.(l);
          return (
            <tr key={l.id} data-sku={l.sku} className={removed?.has(l.sku) ? "removed" : undefined}>
              <td>{l.sku}</td>
              <td>
                {l.name} {l.spec && <span className="muted">{l.spec}</span>}
                {l.returned_qty !== "0" && (
                  <span className="muted small-text" data-col="returned">
                    {" "}
                    ({t.t("returned")} {t.qty(l.returned_qty)})
                  </span>
                )}
              </td>
              {e ? <td className="num">{e.qty}</td> : <td className="num" data-col="ordered">{t.qty(l.qty)}</td>}
              <td className="num" data-col="delivered">{t.qty(l.delivered_qty)}</td>
              <td className="num" data-col="remaining">
                {t.qty(l.remaining_qty)}
                {l.backordered_qty !== "0" && (
                  <div className="warn-text small-text" data-col="backordered">
                    {t.t("backordered")} {t.qty(l.backordered_qty)}
                  </div>
                )}
              </td>
              <td className="num">{e ? e.price : t.money(l.unit_price)}</td>
              <td className="num">{e ? e.discount : l.discount}</td>
              <td className="num">{t.money(l.total)}</td>
              {extra?.cells(l)}
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={7} className="num">
            {t.t("subtotal")} {t.money(o.subtotal)} · {t.t("tax")} {t.money(o.tax)} · {t.t("total")}
          </td>
          <td className="num">
            <b data-total="total">{t.money(o.total)}</b>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
