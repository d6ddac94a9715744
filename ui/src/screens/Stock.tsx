import { useState } from "react";
import { ErrorBox, MoreRows, Notice, useAction, useApp, usePaged, Head } from "../ui";

export function Stock() {
  const { t, backend, may } = useApp();
  // stock at cost is the owner's figure
  const costs = may?.("costs.see") ?? true;
  const [lowOnly, setLowOnly] = useState(false);
  const [search, setSearch] = useState("");
  const [take, setTake] = useState<Record<string, string> | null>(null);
  const [note, setNote] = useState("");
  const list = usePaged(
    (after, limit) => (search.trim() ? backend.stockSearch(search.trim(), lowOnly, after, limit) : backend.stockLevels(null, lowOnly, after, limit)),
    (s) => s.sku,
    [lowOnly, search],
    500,
  );
  const act = useAction();
  const [said, setSaid] = useState<string | null>(null);
  const submitTake = () =>
    act.run(async () => {
      const counts = Object.entries(take ?? {})
        .filter(([, v]) => v.trim() !== "")
        .map(([sku, counted]) => ({ sku, counted: counted.trim() }));
      const counted = await backend.stocktake(counts, note.trim() || null);
      setTake(null);
      setSaid(t.t("stocktake_saved_msg", { n: String(counted.length) }));
      list.reload();
    });
  return (
    <div className="screen" data-screen="stock">
      <h1>
        {t.t("stock_title")}{" "}
        {take === null ? (
          <button className="small" data-action="stocktake" onClick={() => setTake({})}>
            {t.t("stocktake")}
          </button>
        ) : (
          <>
            <input className="small" placeholder={t.t("notes")} value={note} onChange={(e) => setNote(e.target.value)} />{" "}
            <button className="primary small" data-action="stocktake-submit" disabled={act.busy} onClick={submitTake}>
              {t.t("stocktake_save")}
            </button>{" "}
            <button className="small" onClick={() => setTake(null)}>
              {t.t("cancel")}
            </button>
          </>
        )}
      </h1>
      <div className="filters">
        <input type="search" name="stock_search" placeholder={t.t("search")} value={search} onChange={(e) => setSearch(e.target.value)} />
        <label className="check">
          <input type="checkbox" name="low_only" checked={lowOnly} onChange={(e) => setLowOnly(e.target.checked)} /> {t.t("low_only")}
        </label>
      </div>
      <ErrorBox error={list.error ?? act.error} />
      <Notice text={said} />
      <table className="list" data-testid="stock-list">
        <Head
          cols={[
            t.t("sku"),
            t.t("name"),
            t.t("unit"),
            [t.t("stock_on_hand"), "num"],
            [t.t("stock_reserved"), "num"],
            [t.t("stock_available"), "num"],
            [t.t("reorder_point"), "num"],
            [t.t("suggested_reorder"), "num"],
            costs && [t.t("stock_value"), "num"],
            take !== null && [t.t("counted"), "num"],
          ]}
        />
        <tbody>
          {list.rows.map((s) => (
            <tr key={s.sku} className={s.low ? "low" : ""} data-sku={s.sku}>
              <td>
                <a href={`#/products/${encodeURIComponent(s.sku)}`}>{s.sku}</a>
              </td>
              <td>
                {s.name} {s.low && <span className="badge st-pending_approval">{t.t("low")}</span>}
              </td>
              <td>{s.unit}</td>
              <td className="num" data-stock="on_hand">{t.qty(s.on_hand)}</td>
              <td className="num" data-stock="reserved">{t.qty(s.reserved)}</td>
              <td className="num" data-stock="available">{t.qty(s.available)}</td>
              <td className="num">{t.qty(s.reorder_point)}</td>
              <td className="num">{s.low ? t.qty(s.suggested_reorder) : ""}</td>
              {costs && (
                <td className="num" data-stock="value">
                  {t.money(s.value)}
                </td>
              )}
              {take !== null && (
                <td className="num">
                  <input name="counted" data-sku={s.sku} value={take[s.sku] ?? ""} onChange={(e) => setTake({ ...take, [s.sku]: e.target.value })} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows list={list} />
    </div>
  );
}
